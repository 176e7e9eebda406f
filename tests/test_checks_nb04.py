"""04 연습문제의 확인: 손실과 기울기 (점수에 대한 기울기 포함), 미니배치 SGD 한 걸음, 학습 반복문."""

from __future__ import annotations

import numpy as np
import pytest
from checks_testing import SOLUTIONS, evaluate, failing, passes, window_pairs

from sgns import checks
from sgns.checks.exercises.nb04_sgd_step import reference_sgd_step

sigmoid = SOLUTIONS["nb03-sigmoid"]
log_sigmoid = SOLUTIONS["nb03-log-sigmoid"]

# ---------------------------------------------------------------------------
# 네거티브 샘플링 손실과 기울기
# ---------------------------------------------------------------------------


def neg_loss(v, o, U, neg, *, flip=True, log=True, sign=1.0):
    s_o, s_k = U[o] @ v, U[neg] @ v
    terms = [sigmoid(s_o)] + [sigmoid(-s if flip else s) for s in s_k]
    with np.errstate(divide="ignore"):
        return sign * (-sum(np.log(t) for t in terms) if log else sum(terms))


def neg_grads(v, o, U, neg, *, positive="ok", negative="ok", part="both", once=False, dense=False):
    """기울기를 반복문으로. positive/negative 로 항 하나의 실수를, part 로 그 실수가 들어갈 곳을 정합니다."""
    s_o, s_k = U[o] @ v, U[neg] @ v
    pos = {
        "ok": sigmoid(s_o) - 1,
        "sign": 1 - sigmoid(s_o),
        "minus-one": sigmoid(s_o),
        "derivative": sigmoid(s_o) * (1 - sigmoid(s_o)),
    }
    negs = {
        "ok": sigmoid(s_k),
        "flipped": sigmoid(-s_k),
        "sign": -sigmoid(s_k),
        "minus-one": sigmoid(s_k) - 1,
        "derivative": sigmoid(s_k) * (1 - sigmoid(s_k)),
    }
    p_center = pos[positive] if part in ("both", "center") else pos["ok"]
    p_outside = pos[positive] if part in ("both", "outside") else pos["ok"]
    n_center = negs[negative] if part in ("both", "center") else negs["ok"]
    n_outside = negs[negative] if part in ("both", "outside") else negs["ok"]
    grad_center = p_center * U[o] + n_center @ U[neg]
    grad_outside = np.outer(sigmoid(U @ v), v) if dense else np.zeros_like(U)
    grad_outside[o] = p_outside * v
    if once:
        grad_outside[neg] += np.outer(n_outside, v)  # 중복된 인덱스는 한 번만 더해짐
    elif not dense:
        np.add.at(grad_outside, neg, np.outer(n_outside, v))
    return grad_center, grad_outside


def neg_answer(loss_kw=None, **grad_kw):
    def fn(v, o, U, neg):
        loss = neg_loss(v, o, U, neg, **(loss_kw or {}))
        if not loss_kw:
            loss = SOLUTIONS["nb04-neg-sampling-loss"](v, o, U, neg)[0]
        return loss, *neg_grads(v, o, U, neg, **grad_kw)

    return fn


def neg_missing_minus(v, o, U, neg):
    """log σ(-u_k·v_c) 의 마이너스를 빠뜨림: 손실과 기울기 모두."""
    s_o, s_k = U[o] @ v, U[neg] @ v
    loss = -log_sigmoid(s_o) - np.sum(log_sigmoid(s_k))
    grad_center = (sigmoid(s_o) - 1) * U[o] - sigmoid(-s_k) @ U[neg]
    grad_outside = np.zeros_like(U)
    grad_outside[o] = (sigmoid(s_o) - 1) * v
    np.add.at(grad_outside, neg, np.outer(-sigmoid(-s_k), v))
    return float(loss), grad_center, grad_outside


def neg_grad_sign(v, o, U, neg):
    loss, grad_center, grad_outside = SOLUTIONS["nb04-neg-sampling-loss"](v, o, U, neg)
    return loss, -grad_center, -grad_outside


def neg_sparse_rows(v, o, U, neg):
    loss, grad_center, grad_outside = SOLUTIONS["nb04-neg-sampling-loss"](v, o, U, neg)
    return loss, grad_center, grad_outside[np.concatenate([[o], neg])]


def neg_center_plus_v(v, o, U, neg):
    loss, grad_center, grad_outside = SOLUTIONS["nb04-neg-sampling-loss"](v, o, U, neg)
    return loss, grad_center + 0.5 * v, grad_outside


def neg_log_of_sigmoid(v, o, U, neg):
    """-np.log(sigmoid(s)): 점수가 보통이면 맞지만, s = ±800 에서 손실이 inf."""
    _, grad_center, grad_outside = SOLUTIONS["nb04-neg-sampling-loss"](v, o, U, neg)
    return float(neg_loss(v, o, U, neg)), grad_center, grad_outside


def neg_naive_sigmoid(v, o, U, neg):
    """값은 맞지만 σ 를 1 / (1 + e^{-s}) 그대로 계산: s = ±800 에서 넘침 경고."""
    loss, _, _ = SOLUTIONS["nb04-neg-sampling-loss"](v, o, U, neg)
    s_o, s_k = U[o] @ v, U[neg] @ v
    g_o, g_k = 1 / (1 + np.exp(-s_o)) - 1, 1 / (1 + np.exp(-s_k))
    grad_outside = np.zeros_like(U)
    grad_outside[o] = g_o * v
    np.add.at(grad_outside, neg, np.outer(g_k, v))
    return loss, g_o * U[o] + g_k @ U[neg], grad_outside


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (neg_answer(loss_kw={"sign": -1.0}), "loss-sign"),
        (neg_answer(loss_kw={"log": False}), "loss-no-log"),
        (neg_log_of_sigmoid, "loss-log-of-sigmoid"),
        (neg_missing_minus, "negatives-missing-minus"),
        (neg_grad_sign, "grad-sign"),
        (neg_answer(once=True), "duplicates-once"),
        (neg_answer(dense=True), "dense-rows"),
        (neg_sparse_rows, "sparse-rows"),
        (neg_center_plus_v, "center-wrong-vectors"),
        (neg_answer(positive="sign"), "positive-sign"),
        (neg_answer(positive="minus-one", part="center"), "center-positive-missing-minus-one"),
        (neg_answer(positive="sign", part="outside"), "outside-positive-sign"),
        (neg_answer(negative="flipped", part="outside"), "outside-negatives-sigma-flipped"),
        (neg_answer(negative="sign"), "negatives-sign"),
        (neg_answer(negative="minus-one", part="center"), "center-negatives-minus-one"),
        # 점수에 대한 기울기 (유도 1) 의 실수: 계수로 알아봄
        (neg_answer(positive="minus-one"), "positive-missing-minus-one"),
        (neg_answer(positive="derivative"), "positive-sigmoid-derivative"),
        (neg_answer(negative="flipped"), "negatives-sigma-flipped"),
        (neg_answer(negative="minus-one"), "negatives-minus-one"),
        (neg_answer(negative="derivative"), "negatives-sigmoid-derivative"),
        (neg_naive_sigmoid, "overflow-warning"),
    ],
    ids=["loss-sign", "no-log", "log-sigmoid", "missing-minus", "grad-sign", "once", "dense", "sparse", "center-v",
         "pos-sign", "center-pos-minus-one", "outside-pos-sign", "outside-neg-flipped", "neg-sign",
         "center-neg-minus-one", "pos-minus-one", "pos-derivative", "neg-flipped", "neg-minus-one", "neg-derivative",
         "naive-sigmoid"],
)  # fmt: skip
def test_neg_sampling_mistakes_are_named(fn, category):
    failing("nb04-neg-sampling-loss", fn, category)


@pytest.mark.parametrize(
    ("fn", "part", "term"),
    [
        (neg_answer(positive="minus-one", part="center"), "∂J/∂v_c", "긍정 항"),
        (neg_answer(negative="flipped", part="outside"), "∂J/∂U", "네거티브 항"),
        (neg_answer(positive="sign"), "두 기울기 모두", "긍정 항"),
        (neg_answer(negative="derivative"), "두 기울기 모두", "네거티브 항"),
    ],
    ids=["center-positive", "outside-negatives", "both-positive", "both-negatives-derivative"],
)
def test_neg_sampling_message_names_the_part_and_the_term(fn, part, term):
    record = evaluate("nb04-neg-sampling-loss", fn)
    line = next(line for line in record.message.splitlines() if "틀린 항" in line)
    assert part in line and term in line


def test_neg_sampling_duplicate_message_names_the_case():
    record = failing("nb04-neg-sampling-loss", neg_answer(once=True), "duplicates-once")
    assert "틀린 사례 2/6:" in record.message and "negative_indices=[3, 3, 5]" in record.message
    assert "네거티브 행" in record.message  # 틀린 부분


def neg_float32(v, o, U, neg):
    solution = SOLUTIONS["nb04-neg-sampling-loss"]
    loss, grad_center, grad_outside = solution(v.astype(np.float32), o, U.astype(np.float32), neg)
    return np.float32(loss), grad_center.astype(np.float32), grad_outside.astype(np.float32)


def neg_loop(v, o, U, neg):
    """한 항씩 반복문으로 (np.add.at 대신 하나씩 더함)."""
    s_o = U[o] @ v
    loss = -log_sigmoid(s_o)
    grad_center = (sigmoid(s_o) - 1) * U[o]
    grad_outside = np.zeros_like(U)
    grad_outside[o] += (sigmoid(s_o) - 1) * v
    for k in neg:
        s_k = U[k] @ v
        loss -= log_sigmoid(-s_k)
        grad_center += sigmoid(s_k) * U[k]
        grad_outside[k] += sigmoid(s_k) * v
    return float(loss), grad_center, grad_outside


@pytest.mark.parametrize("fn", [neg_float32, neg_loop])
def test_neg_sampling_alternatives_pass(fn):
    passes("nb04-neg-sampling-loss", fn)


# ---------------------------------------------------------------------------
# 미니배치 SGD 한 걸음
# ---------------------------------------------------------------------------


def step(drop=(), scale=1.0, skip=(), order="together", pos=None, neg=None, loss_mode="sum"):
    """실수 하나를 넣은 학생식 sgd_step (SOLUTIONS 의 풀이에서 한 곳만 바꿈)."""
    pos = pos or (lambda s: sigmoid(s) - 1)
    neg = neg or sigmoid

    def scores(C, U, c, o, negs, v=None):
        v = C[c] if v is None else v
        return v, U[o], U[negs], np.sum(U[o] * v, axis=1), np.einsum("bkd,bd->bk", U[negs], v)

    def apply(W, idx, update, key):
        if key in skip:
            return
        if key in drop:
            W[idx] += update  # 중복 인덱스는 하나만 남음
        else:
            np.add.at(W, idx, update)

    def sgd_step(C, U, c, o, negs, lr):
        factor = lr * (scale(len(c), lr) if callable(scale) else scale)
        v, u_o, u_k, s_o, s_k = scores(C, U, c, o, negs)
        v = v.copy()
        loss = -np.sum(log_sigmoid(s_o)) - np.sum(log_sigmoid(-s_k))
        g_o, g_k = pos(s_o), neg(s_k)
        d = C.shape[1]
        if order == "outside-first":
            apply(U, o, -factor * g_o[:, None] * v, "positive")
            apply(U, negs.ravel(), -factor * (g_k[:, :, None] * v[:, None, :]).reshape(-1, d), "negatives")
            _, u_o, u_k, s_o2, s_k2 = scores(C, U, c, o, negs, v)
            apply(C, c, -factor * (pos(s_o2)[:, None] * u_o + np.einsum("bk,bkd->bd", neg(s_k2), u_k)), "center")
        else:
            apply(C, c, -factor * (g_o[:, None] * u_o + np.einsum("bk,bkd->bd", g_k, u_k)), "center")
            apply(U, o, -factor * g_o[:, None] * v, "positive")
            apply(U, negs.ravel(), -factor * (g_k[:, :, None] * v[:, None, :]).reshape(-1, d), "negatives")
        if loss_mode == "mean":
            return float(loss / len(c))
        if loss_mode == "after":
            *_, s_o, s_k = scores(C, U, c, o, negs)
            return float(-np.sum(log_sigmoid(s_o)) - np.sum(log_sigmoid(-s_k)))
        if loss_mode == "positive":
            return float(-np.sum(log_sigmoid(s_o)))
        return float(loss)

    return sgd_step


def per_pair_updates(C, U, c, o, negs, lr):
    """쌍마다 바로 갱신: 뒤의 쌍은 앞의 쌍이 바꾼 벡터로 기울기를 계산합니다."""
    solution = SOLUTIONS["nb04-sgd-step"]
    return sum(solution(C, U, c[b : b + 1], o[b : b + 1], negs[b : b + 1], lr) for b in range(len(c)))


def not_in_place(C, U, c, o, negs, lr):
    C, U = C.copy(), U.copy()  # center_vectors = center_vectors - ... 처럼 새 배열을 만듦
    return SOLUTIONS["nb04-sgd-step"](C, U, c, o, negs, lr)


def returns_matrices(C, U, c, o, negs, lr):
    SOLUTIONS["nb04-sgd-step"](C, U, c, o, negs, lr)
    return C, U


def per_pair_losses(C, U, c, o, negs, lr):
    v = C[c]
    s_o, s_k = np.sum(U[o] * v, axis=1), np.einsum("bkd,bd->bk", U[negs], v)
    losses = -log_sigmoid(s_o) - np.sum(log_sigmoid(-s_k), axis=1)  # (B,)
    SOLUTIONS["nb04-sgd-step"](C, U, c, o, negs, lr)
    return losses


def log_of_sigmoid_loss(C, U, c, o, negs, lr):
    v = C[c]
    s_o, s_k = np.sum(U[o] * v, axis=1), np.einsum("bkd,bd->bk", U[negs], v)
    with np.errstate(divide="ignore"):
        loss = -np.sum(np.log(sigmoid(s_o))) - np.sum(np.log(sigmoid(-s_k)))
    SOLUTIONS["nb04-sgd-step"](C, U, c, o, negs, lr)
    return float(loss)


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (step(drop=("center", "positive", "negatives")), "repeats-dropped"),
        (step(drop=("negatives",)), "repeats-dropped"),
        (step(scale=lambda batch, lr: 1 / batch), "averaged"),
        (step(scale=-1.0), "ascent"),
        (step(scale=lambda batch, lr: 1 / lr), "learning-rate-ignored"),
        (step(skip=("center",)), "center-not-updated"),
        (step(skip=("positive",)), "positive-not-updated"),
        (step(skip=("negatives",)), "negatives-not-updated"),
        (step(order="outside-first"), "updated-mid-batch"),
        (per_pair_updates, "updated-mid-batch"),
        (step(pos=sigmoid), "positive-missing-minus-one"),
        (step(neg=lambda s: sigmoid(-s)), "negative-sigma-flipped"),
        (step(loss_mode="mean"), "loss-mean"),
        (step(loss_mode="after"), "loss-after-update"),
        (step(loss_mode="positive"), "loss-missing-negatives"),
        (per_pair_losses, "loss-not-summed"),
        (log_of_sigmoid_loss, "loss-log-of-sigmoid"),
        (not_in_place, "not-in-place"),
        (returns_matrices, "returned-matrices"),
    ],
    ids=["drop-all", "drop-negatives", "averaged", "ascent", "no-lr", "no-center", "no-positive", "no-negatives",
         "outside-first", "per-pair", "pos-minus-one", "neg-flipped", "loss-mean", "loss-after", "loss-positive",
         "loss-per-pair", "loss-log", "not-in-place", "matrices"],
)  # fmt: skip
def test_sgd_step_mistakes_are_named(fn, category):
    failing("nb04-sgd-step", fn, category)


def test_sgd_step_message_names_the_wrong_rows():
    record = failing("nb04-sgd-step", step(skip=("negatives",)), "negatives-not-updated")
    line = next(line for line in record.message.splitlines() if "틀린 부분" in line)
    assert "네거티브 행" in line and "중심 단어 벡터" not in line


def sgd_step_loop(C, U, c, o, negs, lr):
    """쌍마다 반복문으로 기울기를 모은 뒤 한 번에 갱신 (갱신 전 값으로 계산)."""
    grad_C, grad_U = np.zeros_like(C), np.zeros_like(U)
    loss = 0.0
    for b in range(len(c)):
        v, u_o = C[c[b]], U[o[b]]
        s_o = u_o @ v
        loss += -log_sigmoid(s_o)
        grad_C[c[b]] += (sigmoid(s_o) - 1) * u_o
        grad_U[o[b]] += (sigmoid(s_o) - 1) * v
        for k in negs[b]:
            s_k = U[k] @ v
            loss += -log_sigmoid(-s_k)
            grad_C[c[b]] += sigmoid(s_k) * U[k]
            grad_U[k] += sigmoid(s_k) * v
    C -= lr * grad_C
    U -= lr * grad_U
    return float(loss)


def sgd_step_bincount(C, U, c, o, negs, lr):
    """np.add.at 대신 정렬 + np.add.reduceat 으로 같은 행의 갱신을 합침."""
    v = C[c]
    s_o, s_k = np.sum(U[o] * v, axis=1), np.einsum("bkd,bd->bk", U[negs], v)
    loss = -np.sum(log_sigmoid(s_o)) - np.sum(log_sigmoid(-s_k))
    g_o, g_k = sigmoid(s_o) - 1, sigmoid(s_k)
    grad_v = g_o[:, None] * U[o] + np.einsum("bk,bkd->bd", g_k, U[negs])
    rows = np.concatenate([o, negs.ravel()])
    updates = np.concatenate([g_o[:, None] * v, (g_k[:, :, None] * v[:, None, :]).reshape(-1, v.shape[1])])

    def scatter(W, idx, upd):
        order = np.argsort(idx, kind="stable")
        unique, starts = np.unique(idx[order], return_index=True)
        W[unique] -= lr * np.add.reduceat(upd[order], starts, axis=0)

    scatter(C, c, grad_v)
    scatter(U, rows, updates)
    return float(loss)


@pytest.mark.parametrize("fn", [sgd_step_loop, sgd_step_bincount])
def test_sgd_step_alternatives_pass(fn):
    passes("nb04-sgd-step", fn)


def test_reference_step_agrees_with_a_loop_over_pairs():
    """sgns.checks.sgd 의 참조 구현 자체를 반복문 풀이와 비교 (확인 도구의 기준이 맞는지)."""
    rng = np.random.default_rng(0)
    C, U = rng.normal(size=(7, 3)), rng.normal(size=(7, 3))
    c, o, negs = np.array([1, 1, 4]), np.array([2, 5, 2]), np.array([[0, 0], [2, 6], [1, 5]])
    C1, U1, C2, U2 = C.copy(), U.copy(), C.copy(), U.copy()
    loss = reference_sgd_step(C1, U1, c, o, negs, 0.3)
    assert loss == pytest.approx(sgd_step_loop(C2, U2, c, o, negs, 0.3), rel=1e-12)
    np.testing.assert_allclose(C1, C2, rtol=1e-12)
    np.testing.assert_allclose(U1, U2, rtol=1e-12)


def test_reference_step_gradient_matches_central_differences():
    """참조 구현의 갱신 = -lr × 손실 합의 기울기 (중심 차분으로 확인)."""
    rng = np.random.default_rng(1)
    C, U = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    c, o, negs = np.array([0, 0, 3]), np.array([1, 2, 1]), np.array([[4, 4], [3, 1], [2, 0]])
    lr, eps = 1e-3, 1e-6

    def total_loss(C, U):
        return reference_sgd_step(C.copy(), U.copy(), c, o, negs, 0.0)

    C1, U1 = C.copy(), U.copy()
    reference_sgd_step(C1, U1, c, o, negs, lr)
    for matrix, updated, name in ((C, C1, "C"), (U, U1, "U")):
        numeric = np.zeros_like(matrix)
        for index in np.ndindex(matrix.shape):
            plus, minus = matrix.copy(), matrix.copy()
            plus[index] += eps
            minus[index] -= eps
            args_plus = (plus, U) if name == "C" else (C, plus)
            args_minus = (minus, U) if name == "C" else (C, minus)
            numeric[index] = (total_loss(*args_plus) - total_loss(*args_minus)) / (2 * eps)
        np.testing.assert_allclose((matrix - updated) / lr, numeric, rtol=1e-6, atol=1e-8)


# ---------------------------------------------------------------------------
# 학습 반복문
# ---------------------------------------------------------------------------


def trainer(**mistake):
    """실수 하나를 넣은 학생식 train_sgns (SOLUTIONS 의 풀이에서 한 곳만 바꿈)."""

    def train_sgns(
        corpus_ids, noise_probs, sgd_step, *, dim, window, negative, epochs, lr_start, lr_end, batch_size, seed
    ):
        rng = np.random.default_rng(seed)
        V = len(noise_probs)
        center = np.zeros((V, dim)) if mistake.get("zero_init") else (rng.random((V, dim)) - 0.5) / dim
        outside = np.zeros((V, dim))
        if mistake.get("across_sentences"):
            pairs = window_pairs([[t for s in corpus_ids for t in s]], window)
        else:
            pairs = window_pairs(corpus_ids, window + mistake.get("window_extra", 0))
        size = mistake.get("batch", batch_size)
        per_epoch = -(-len(pairs) // size)
        total_steps, step_number, losses = epochs * per_epoch, 0, []
        fixed_order = rng.permutation(len(pairs))
        for epoch in range(mistake.get("epochs", epochs)):
            order = fixed_order if mistake.get("no_shuffle") else rng.permutation(len(pairs))
            stop = len(pairs) - len(pairs) % size if mistake.get("drop_last") else len(pairs)
            total = 0.0
            for start in range(0, stop, size):
                batch = pairs[order[start : start + size]]
                if mistake.get("uniform"):
                    negatives = rng.integers(0, V, size=(len(batch), negative))
                else:
                    negatives = rng.choice(V, size=(len(batch), negative), p=noise_probs)
                if mistake.get("flat_negatives"):
                    negatives = negatives.ravel()
                lr = {
                    "constant": lr_start,
                    "per-epoch": lr_start + (lr_end - lr_start) * epoch / max(epochs - 1, 1),
                    "reset": lr_start + (lr_end - lr_start) * (start // size) / per_epoch,
                    "to-zero": lr_start * (1 - step_number / total_steps),
                }.get(mistake.get("lr"), lr_start + (lr_end - lr_start) * step_number / total_steps)
                matrices = (center.copy(), outside.copy()) if mistake.get("copies") else (center, outside)
                batch_loss = sgd_step(*matrices, batch[:, 0], batch[:, 1], negatives, lr)
                total += batch_loss
                step_number += 1
                if mistake.get("loss_per_batch"):
                    losses.append(batch_loss / len(batch))
            if not mistake.get("loss_per_batch"):
                losses.append(total if mistake.get("loss_sum") else total / len(pairs))
        return (outside, center, losses) if mistake.get("swap") else (center, outside, losses)

    return train_sgns


def not_calling_the_step(corpus_ids, noise_probs, sgd_step, *, dim, **hyper):
    V = len(noise_probs)
    return np.zeros((V, dim)), np.zeros((V, dim)), [0.0] * hyper["epochs"]


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (trainer(zero_init=True), "zero-init"),
        (trainer(window_extra=1), "pairs-outside-window"),
        (trainer(across_sentences=True), "pairs-cross-sentence"),
        (trainer(no_shuffle=True), "not-shuffled"),
        (trainer(drop_last=True), "last-batch-dropped"),
        (trainer(epochs=1), "epochs-ignored"),
        (trainer(batch=1000), "batch-too-large"),
        (trainer(batch=3), "batch-size-ignored"),
        (trainer(uniform=True), "negatives-uniform"),
        (trainer(flat_negatives=True), "negatives-shape"),
        (trainer(lr="constant"), "lr-constant"),
        (trainer(lr="per-epoch"), "lr-not-linear"),
        (trainer(lr="reset"), "lr-resets-each-epoch"),
        (trainer(lr="to-zero"), "lr-wrong-end"),
        (trainer(copies=True), "updates-lost"),
        (trainer(loss_sum=True), "epoch-loss-sum"),
        (trainer(swap=True), "returned-swapped"),
        (trainer(loss_per_batch=True), "epoch-losses-length"),
        (not_calling_the_step, "step-not-called"),
    ],
    ids=["zero-init", "window", "across", "no-shuffle", "drop-last", "one-epoch", "batch-big", "batch-small",
         "uniform", "flat-negatives", "lr-constant", "lr-per-epoch", "lr-reset", "lr-to-zero", "copies", "loss-sum",
         "swap", "batch-losses", "no-step"],
)  # fmt: skip
def test_train_loop_mistakes_are_named(fn, category):
    failing("nb04-train-loop", fn, category)


def test_train_loop_with_the_solution_learns_the_planted_groups():
    record = passes("nb04-train-loop", SOLUTIONS["nb04-train-loop"])
    assert [c.id for c in record.cases] == ["small", "synthetic"]
    synthetic = checks.exercise("nb04-train-loop").make_cases()[-1]
    assert len(synthetic.meta["groups"]) == 6


def train_sgns_word2vec_style(
    corpus_ids, noise_probs, sgd_step, *, dim, window, negative, epochs, lr_start, lr_end, batch_size, seed
):
    """학습률을 지난 *쌍* 수로 줄이고, 네거티브를 에폭마다 한꺼번에 뽑는 다른 풀이."""
    rng = np.random.default_rng(seed)
    V = len(noise_probs)
    center = (rng.random((V, dim)) - 0.5) / dim
    outside = np.zeros((V, dim))
    pairs = window_pairs(corpus_ids, window)
    total_pairs, seen, losses = epochs * len(pairs), 0, []
    cdf = np.cumsum(noise_probs)
    for _ in range(epochs):
        shuffled = pairs[rng.permutation(len(pairs))]
        negatives = np.minimum(np.searchsorted(cdf, rng.random((len(pairs), negative)), side="right"), V - 1)
        total = 0.0
        for start in range(0, len(pairs), batch_size):
            batch = shuffled[start : start + batch_size]
            lr = lr_start - (lr_start - lr_end) * seen / total_pairs
            total += sgd_step(center, outside, batch[:, 0], batch[:, 1], negatives[start : start + len(batch)], lr)
            seen += len(batch)
        losses.append(total / len(pairs))
    return center, outside, np.array(losses)


def test_train_loop_alternative_passes():
    passes("nb04-train-loop", train_sgns_word2vec_style)


# ---------------------------------------------------------------------------
# 중앙 차분 기울기 numerical_gradient(f, x, h)
# ---------------------------------------------------------------------------


def central_difference(*, one_sided=False, restore=True, copy=True, divide=lambda h: 2 * h, step=None, scalar=False):
    """실수 하나를 넣을 수 있는 학생식 numerical_gradient (기본값은 맞는 답)."""

    def numerical_gradient(f, x, h=1e-5):
        gap = h if step is None else step
        x = np.array(x, dtype=float) if copy else x
        grad = np.zeros_like(x)
        for i in np.ndindex(*x.shape):
            old = x[i]
            x[i] = old + gap
            f_plus = f(x)
            x[i] = old if one_sided else old - gap
            f_minus = f(x)
            if restore:
                x[i] = old
            grad[i] = (f_plus - f_minus) / (gap if one_sided else divide(gap))
        return float(grad.sum()) if scalar else grad

    return numerical_gradient


def test_numerical_gradient_central_difference_passes():
    passes("nb04-numerical-gradient", central_difference())


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (central_difference(one_sided=True), "forward-difference"),
        (central_difference(restore=False), "not-restored"),
        (central_difference(restore=False, copy=False), "not-restored"),  # 호출한 쪽의 x 까지 바뀜
        (central_difference(divide=lambda h: h), "step-scaling"),
        (central_difference(divide=lambda h: 2), "step-scaling"),
        (central_difference(divide=lambda h: 2 / h), "step-scaling"),  # (f+ - f-) / 2 * h
        (central_difference(step=1e-5), "h-ignored"),
        (central_difference(step=1e-4), "h-ignored"),
        (central_difference(scalar=True), "returned-scalar"),
    ],
    ids=["forward", "not-restored", "not-restored-in-place", "over-h", "over-2", "precedence", "fixed-h", "fixed-1e-4",
         "scalar"],  # fmt: skip
)
def test_numerical_gradient_mistakes_are_named(fn, category):
    record = failing("nb04-numerical-gradient", fn, category)
    assert "💡" in record.message


def test_numerical_gradient_restoring_the_callers_array_in_place_is_allowed():
    """x 를 복사하지 않고 x[i] 를 바꿨다가 되돌리는 것은 맞는 답입니다 (gradcheck 와 같은 방식)."""
    passes("nb04-numerical-gradient", central_difference(copy=False))


# ---------------------------------------------------------------------------
# 중앙 차분 기울기, 건너뛸 네거티브의 마스크, 코사인 이웃, 개념 확인
# ---------------------------------------------------------------------------


def _forward_difference(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(*x.shape):
        old = x[i]
        here = f(x)
        x[i] = old + h
        grad[i] = (f(x) - here) / h
        x[i] = old
    return grad


def _not_restored(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(*x.shape):
        x[i] += h
        plus = f(x)
        x[i] -= 2 * h
        grad[i] = (plus - f(x)) / (2 * h)
    return grad


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (_forward_difference, "forward-difference"),
        (_not_restored, "not-restored"),
        (lambda f, x, h=1e-5: float(f(x)), "returned-scalar"),
    ],
)
def test_numerical_gradient_mistakes(fn, category):
    failing("nb04-numerical-gradient", fn, category)


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (lambda c, o, neg: neg == o[:, None], "inverted"),
        (lambda c, o, neg: neg != o[None, :], "wrong-axis"),
        (lambda c, o, neg: neg != c[:, None], "compared-center"),
        (lambda c, o, neg: (neg != o[:, None]) & (neg != c[:, None]), "compared-center"),
        (lambda c, o, neg: (neg != o[:, None]).astype(int), "not-bool"),
        (lambda c, o, neg: neg[neg != o[:, None]], "filtered"),
        (lambda c, o, neg: np.all(neg != o[:, None], axis=1), "per-row"),
    ],
)
def test_negative_mask_mistakes(fn, category):
    record = failing("nb04-negative-mask", fn, category)
    assert "💡" in record.message


def test_negative_mask_solution_matches_the_trainer_rule():
    """학습기 (sgns.trainer) 와 같은 규칙: 정답 주변 단어와 같은 네거티브만 건너뜀, 중심 단어와 같으면 남김."""
    mask = SOLUTIONS["nb04-negative-mask"]
    c, o = np.array([3, 0]), np.array([2, 4])
    neg = np.array([[2, 3, 2], [0, 4, 1]])
    got = mask(c, o, neg)
    assert got.dtype == bool and got.tolist() == [[False, True, False], [True, False, True]]


def _cosine_top(vectors, query_vec, k, exclude=(), *, rows=True, query=True, descending=True, drop=True):
    v = vectors / np.linalg.norm(vectors, axis=1, keepdims=True) if rows else vectors
    q = query_vec / np.linalg.norm(query_vec) if query else query_vec
    scores = v @ q
    if drop:
        scores[list(exclude)] = -np.inf if descending else np.inf
    order = np.argsort(-scores if descending else scores, kind="stable")
    return order[:k]


@pytest.mark.parametrize(
    ("options", "category"),
    [
        ({"rows": False, "query": False}, "not-normalised"),
        ({"rows": False}, "not-normalised"),  # 질의만 나눔: 순위는 내적과 같음
        ({"drop": False}, "not-excluded"),
        ({"descending": False}, "ascending"),
    ],
)
def test_nearest_neighbours_mistakes(options, category):
    failing("nb04-nearest-neighbours", lambda *a, **kw: _cosine_top(*a, **kw, **options), category)


def test_nearest_neighbours_normalising_only_the_rows_is_right_and_sgns_is_the_reference():
    passes("nb04-nearest-neighbours", lambda *a, **kw: _cosine_top(*a, **kw, query=False))
    from sgns.evaluate import nearest_neighbors, normalize_rows

    def wraps(vectors, query_vec, k, exclude=()):
        return np.array([i for i, _ in nearest_neighbors(normalize_rows(vectors), query_vec, k, exclude)])

    record = failing("nb04-nearest-neighbours", wraps, "reference-implementation")
    assert "nearest_neighbors" in record.message


@pytest.mark.parametrize("exercise_id", ["nb04-quiz", "nb04-training-quiz"])
def test_quiz_wrong_answers_get_a_hint_without_the_answer(exercise_id):
    answers = SOLUTIONS[exercise_id]()
    assert len(answers) >= 3
    for question, answer in answers.items():
        wrong = dict(answers)
        wrong[question] = answer + 1.0 if isinstance(answer, float) else "보기에 없는 답"
        if not isinstance(answer, (float, np.floating)):
            record = failing(exercise_id, lambda wrong=wrong: wrong, "not-a-choice")
            options = next(q for n, q in _questions(exercise_id).items() if n == question).options
            wrong[question] = next(o for o in options if o != answer)
            record = failing(exercise_id, lambda wrong=wrong: wrong, "wrong-choice")
        else:
            record = failing(exercise_id, lambda wrong=wrong: wrong, "wrong-number")
            assert f"{answer:.3f}" not in record.message  # 정답을 보여 주지 않음
        assert "💡" in record.message and f"문항 {question}" in record.message
        assert f"{len(answers)}문항 중 {len(answers) - 1}문항이 맞았습니다" in record.message  # 틀린 문항만 틀림
    missing = dict(answers)
    missing.pop(next(iter(answers)))
    failing(exercise_id, lambda: missing, "missing-answer")


def _questions(exercise_id):
    import importlib

    return importlib.import_module(f"sgns.checks.exercises.{exercise_id.replace('-', '_')}").QUESTIONS
