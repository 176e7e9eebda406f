"""연습문제의 풀이: 학생이 노트북에서 쓰는 방식 그대로 (sgns 의 참조 구현을 부르지 않음).

tests/test_checks_*.py 가 "맞는 답은 통과" 를 확인하는 데 쓰고, 틀린 답은 여기 풀이에서 한 곳만 바꿔 만듭니다.
"""

from __future__ import annotations

import numpy as np


def skipgram_pairs(tokens, window):
    pairs = []
    for i, center in enumerate(tokens):
        for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
            if j != i:
                pairs.append((center, tokens[j]))
    return pairs


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_score_gradient(scores, outside_idx):
    delta = softmax(scores)  # ŷ
    delta[outside_idx] -= 1.0  # ŷ - y
    return delta


def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    scores = outside_vectors @ center_vec
    m = np.max(scores)
    loss = float(m + np.log(np.sum(np.exp(scores - m))) - scores[outside_idx])  # log-sum-exp - s_o
    delta = softmax_score_gradient(scores, outside_idx)
    return loss, outside_vectors.T @ delta, np.outer(delta, center_vec)


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def log_sigmoid(x):
    x = np.asarray(x, dtype=float)
    return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))


def neg_sampling_score_gradients(positive_score, negative_scores):
    return float(sigmoid(positive_score) - 1), sigmoid(negative_scores)


def neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, negative_indices):
    u_o = outside_vectors[outside_idx]
    u_neg = outside_vectors[negative_indices]
    s_o, s_k = u_o @ center_vec, u_neg @ center_vec
    loss = -log_sigmoid(s_o) - np.sum(log_sigmoid(-s_k))
    g_o, g_k = neg_sampling_score_gradients(s_o, s_k)
    grad_center = g_o * u_o + g_k @ u_neg
    grad_outside = np.zeros_like(outside_vectors)
    grad_outside[outside_idx] += g_o * center_vec
    np.add.at(grad_outside, negative_indices, np.outer(g_k, center_vec))
    return float(loss), grad_center, grad_outside


def sgd_step(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, learning_rate):
    v = center_vectors[center_idx]  # (B, d) 갱신 전 값
    u_o = outside_vectors[outside_idx]  # (B, d)
    u_k = outside_vectors[negative_indices]  # (B, K, d)
    s_o = np.sum(u_o * v, axis=1)  # (B,)
    s_k = np.einsum("bkd,bd->bk", u_k, v)  # (B, K)
    loss = -np.sum(log_sigmoid(s_o)) - np.sum(log_sigmoid(-s_k))
    g_o, g_k = sigmoid(s_o) - 1, sigmoid(s_k)
    grad_v = g_o[:, None] * u_o + np.einsum("bk,bkd->bd", g_k, u_k)
    np.add.at(center_vectors, center_idx, -learning_rate * grad_v)
    np.add.at(outside_vectors, outside_idx, -learning_rate * g_o[:, None] * v)
    grad_u_k = g_k[:, :, None] * v[:, None, :]
    np.add.at(outside_vectors, negative_indices.ravel(), -learning_rate * grad_u_k.reshape(-1, v.shape[1]))
    return float(loss)


def window_pairs(corpus_ids, window):
    """모든 문장의 (중심, 주변) 쌍을 (P, 2) 정수 배열로."""
    pairs = [pair for sentence in corpus_ids for pair in skipgram_pairs(list(sentence), window)]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def train_sgns(corpus_ids, noise_probs, sgd_step, *, dim, window, negative, epochs, lr_start, lr_end, batch_size, seed):
    rng = np.random.default_rng(seed)
    V = len(noise_probs)
    center_vectors = (rng.random((V, dim)) - 0.5) / dim
    outside_vectors = np.zeros((V, dim))
    pairs = window_pairs(corpus_ids, window)
    batches_per_epoch = -(-len(pairs) // batch_size)
    total_steps = epochs * batches_per_epoch
    step = 0
    epoch_losses = []
    for _ in range(epochs):
        order = rng.permutation(len(pairs))
        total = 0.0
        for start in range(0, len(pairs), batch_size):
            batch = pairs[order[start : start + batch_size]]
            negatives = rng.choice(V, size=(len(batch), negative), p=noise_probs)
            lr = lr_start + (lr_end - lr_start) * step / total_steps
            total += sgd_step(center_vectors, outside_vectors, batch[:, 0], batch[:, 1], negatives, lr)
            step += 1
        epoch_losses.append(total / len(pairs))
    return center_vectors, outside_vectors, epoch_losses


def noise_distribution(counts, power):
    weights = np.asarray(counts, dtype=np.float64) ** power
    return weights / weights.sum()


def keep_probabilities(counts, sample):
    f = counts / counts.sum()
    return np.minimum((np.sqrt(f / sample) + 1) * sample / f, 1.0)


def build_alias_table(probs):
    V = len(probs)
    scaled = np.asarray(probs, dtype=float) * V
    prob = np.zeros(V)
    alias = np.zeros(V, dtype=np.int64)
    small = [i for i in range(V) if scaled[i] < 1.0]
    large = [i for i in range(V) if scaled[i] >= 1.0]
    while small and large:
        s, g = small.pop(), large.pop()
        prob[s] = scaled[s]
        alias[s] = g
        scaled[g] -= 1.0 - scaled[s]
        (small if scaled[g] < 1.0 else large).append(g)
    for i in small + large:
        prob[i] = 1.0
    return prob, alias


def particle_share(words, counts, power):
    weights = np.asarray(counts, dtype=np.float64) ** power
    is_particle = np.array([word.rsplit("/", 1)[1].startswith("J") for word in words])
    return float(weights[is_particle].sum() / weights.sum())


SOLUTIONS = {
    "nb01-skipgram-pairs": skipgram_pairs,
    "nb02-softmax": softmax,
    "nb02-softmax-score-gradient": softmax_score_gradient,
    "nb02-naive-softmax-loss": naive_softmax_loss_and_gradient,
    "nb03-sigmoid": sigmoid,
    "nb03-log-sigmoid": log_sigmoid,
    "nb04-neg-sampling-score-gradients": neg_sampling_score_gradients,
    "nb04-neg-sampling-loss": neg_sampling_loss_and_gradient,
    "nb04-sgd-step": sgd_step,
    "nb04-train-loop": train_sgns,
    "nb05-noise-distribution": noise_distribution,
    "nb05-keep-probabilities": keep_probabilities,
    "nb05-alias-table": build_alias_table,
    "nb06-particle-share": particle_share,
}
