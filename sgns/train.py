"""스킵-그램 네거티브 샘플링(SGNS) 학습기: numpy 만으로 벡터화한 미니배치 SGD.

``train(sentences, **params)`` 의 매개변수 이름과 기본값은 gensim 의 ``Word2Vec(sg=1, hs=0)`` 과 같습니다.

에폭마다 하는 일 (모두 벡터 연산):

1. 빈출 단어 서브샘플링으로 토큰을 거릅니다 (``keep_probabilities`` / ``subsample``).
2. 중심 단어마다 윈도우 크기 b 를 1..window 에서 뽑아 (중심, 주변) 쌍을 만듭니다 (``skipgram_pair_arrays``).
3. 쌍을 섞고, 쌍마다 K 개의 네거티브 샘플을 잡음 분포 P_n(w) ∝ U(w)^0.75 에서 뽑습니다.
4. 미니배치마다 ``neg_sampling_coefficients`` 로 손실과 점수마다의 계수 coef[b, j] = ∂J_b/∂(u_{t_bj}·v_{c_b})
   를 구하고, 건드린 행만 SGD 로 갱신합니다. 기울기는 모두 계수 × 벡터입니다:
   중심 쪽 ∂J_b/∂v_{c_b} = Σ_j coef[b, j] u_{t_bj} (배치 행렬 곱), 주변 쪽 행 t_bj 의 몫 = coef[b, j] v_{c_b}.
   주변 쪽은 (B, K+1, d) 배열을 만들지 않고 희소 행렬 곱으로 바로 더합니다 (``scatter_add_weighted``).

SGD 갱신은 쌍마다의 기울기를 **합해서** (평균이 아니라) 적용합니다. 그러면 쌍 하나가 받는 학습률이
gensim/word2vec.c 의 쌍별 갱신과 같아집니다. 같은 행이 한 배치에 여러 번 나오면 그 갱신도 모두 더합니다
(``sgns.scatter`` 참고; ``W[idx] += upd`` 는 중복을 버립니다).

학습률은 alpha 에서 min_alpha 까지 전체 진행률에 따라 선형으로 줄어듭니다 (gensim 과 같음).
초기값도 gensim 과 같습니다: 중심 단어 벡터 v 는 uniform(-0.5, 0.5) / vector_size, 주변 단어 벡터 u 는 0.

네거티브 샘플이 그 쌍의 정답 주변 단어와 같으면 건너뜁니다 (gensim, word2vec.c 와 같음).

참고: word2vec.c 와 gensim 의 스킵-그램은 코드에서 역할이 뒤바뀌어 있습니다 (주변 단어의 입력 벡터로 중심 단어를
맞힘). 윈도우가 대칭이라 (a, b) 쌍이 나오면 (b, a) 쌍도 나오므로 학습되는 분포는 같고, 여기서는 강의의 식
그대로 중심 단어 벡터 v_c 로 주변 단어 o 를 맞힙니다.
"""

from __future__ import annotations

import numbers
import time
from collections.abc import Callable, Iterable

import numpy as np

from sgns._validate import as_float_in_range, as_positive_int, describe
from sgns.corpus import build_vocab, encode_corpus, keep_probabilities, skipgram_pair_arrays, subsample
from sgns.model import SGNSModel
from sgns.neg_sampling import neg_sampling_coefficients
from sgns.sampling import NegativeSampler
from sgns.scatter import scatter_add_parts, scatter_add_weighted

__all__ = ["train", "DEFAULT_PARAMS", "TrainingDiverged"]

DEFAULT_PARAMS: dict = {
    "vector_size": 100,
    "window": 5,
    "negative": 5,
    "ns_exponent": 0.75,
    "sample": 1e-3,
    "min_count": 5,
    "alpha": 0.025,
    "min_alpha": 1e-4,
    "epochs": 5,
    "seed": 1,
    "batch_size": 1024,
}

# 네거티브 샘플을 한 번에 뽑는 배치 수 (에폭 전체를 한꺼번에 뽑는 것과 결과는 같고, 메모리만 덜 씁니다)
_BATCHES_PER_DRAW = 64


class TrainingDiverged(FloatingPointError):
    """학습 중 손실이나 가중치가 NaN·무한대가 되었을 때 (학습률이나 배치가 너무 큼)."""


def _check_alpha(name: str, value) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        raise TypeError(f"`{name}`은(는) 실수여야 합니다. 받은 값: {describe(value)}")
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"`{name}`={value} 는 허용되지 않습니다. 0 보다 큰 유한한 실수여야 합니다 (예: 0.025).")
    return value


def _check_params(params: dict) -> dict:
    unknown = sorted(set(params) - set(DEFAULT_PARAMS))
    if unknown:
        raise TypeError(
            f"알 수 없는 매개변수: {', '.join(unknown)}. 쓸 수 있는 매개변수: {', '.join(DEFAULT_PARAMS)}"
        )
    p = {**DEFAULT_PARAMS, **params}
    p["vector_size"] = as_positive_int("vector_size", p["vector_size"])
    p["window"] = as_positive_int("window", p["window"])
    p["negative"] = as_positive_int("negative", p["negative"])
    p["min_count"] = as_positive_int("min_count", p["min_count"])
    p["epochs"] = as_positive_int("epochs", p["epochs"])
    p["batch_size"] = as_positive_int("batch_size", p["batch_size"])
    p["seed"] = as_positive_int("seed", p["seed"], minimum=0)
    p["ns_exponent"] = as_float_in_range("ns_exponent", p["ns_exponent"], 0.0, 2.0)
    p["sample"] = as_float_in_range("sample", p["sample"], 0.0, 1.0)
    p["alpha"] = _check_alpha("alpha", p["alpha"])
    min_alpha = p["min_alpha"]
    if isinstance(min_alpha, (bool, np.bool_)) or not isinstance(min_alpha, (numbers.Real, np.floating, np.integer)):
        raise TypeError(f"`min_alpha`은(는) 실수여야 합니다. 받은 값: {describe(min_alpha)}")
    min_alpha = float(min_alpha)
    if not (0.0 <= min_alpha <= p["alpha"]):  # NaN 도 여기서 걸립니다
        raise ValueError(
            f"`min_alpha`={min_alpha} 는 허용되지 않습니다. 0 이상 alpha={p['alpha']} 이하의 실수여야 합니다."
        )
    p["min_alpha"] = min_alpha
    return p


def _check_callbacks(callbacks) -> list[Callable]:
    if callable(callbacks):
        callbacks = [callbacks]
    if not isinstance(callbacks, Iterable):
        raise TypeError(f"`callbacks`는 함수 cb(model, epoch) 들의 목록이어야 합니다. 받은 값: {describe(callbacks)}")
    callbacks = list(callbacks)
    for cb in callbacks:
        if not callable(cb):
            raise TypeError(f"`callbacks`의 원소는 호출할 수 있는 함수여야 합니다. 받은 값: {describe(cb)}")
    return callbacks


def _diverged(where: str, p: dict) -> TrainingDiverged:
    return TrainingDiverged(
        f"학습이 발산했습니다 ({where}에 NaN 또는 무한대가 생김). "
        f"학습률 alpha={p['alpha']} 또는 batch_size={p['batch_size']} 를 줄여 보세요 "
        "(배치 안의 갱신은 합해지므로, 자주 뽑히는 단어의 갱신은 배치가 클수록 커집니다)."
    )


def train(sentences, *, progress: bool = False, callbacks=(), verbose: bool = False, **params) -> SGNSModel:
    """스킵-그램 네거티브 샘플링으로 단어 벡터를 학습합니다.

    Parameters
    ----------
    sentences : 토큰(문자열) 리스트들의 리스트 (예: ``[["the", "cat", "sat"], ...]``)
    vector_size : int, 벡터 차원 d (기본 100)
    window : int, 최대 윈도우 크기 m (기본 5; 중심 단어마다 1..m 에서 실제 크기를 뽑음)
    negative : int, 쌍마다 네거티브 샘플 수 K (기본 5)
    ns_exponent : float, 잡음 분포 지수 (기본 0.75: P_n(w) ∝ U(w)^0.75)
    sample : float, 빈출 단어 서브샘플링 문턱 t (기본 1e-3, 0 이면 끔)
    min_count : int, 이보다 드문 단어는 어휘에서 뺌 (기본 5)
    alpha, min_alpha : float, 학습률의 처음과 끝 (기본 0.025 -> 1e-4, 선형 감소)
    epochs : int, 코퍼스를 훑는 횟수 (기본 5)
    seed : int, 난수 seed (같은 seed 면 결과 배열이 정확히 같음; 기본 1)
    batch_size : int, 미니배치의 쌍 수 B (기본 1024)
    progress : bool, True 이면 tqdm 진행 막대를 보여 줌
    callbacks : 함수 cb(model, epoch) 들. 에폭이 끝날 때마다 (epoch 는 1 부터) 불립니다
    verbose : bool, True 이면 에폭마다 한 줄 (평균 손실) 을 출력

    Returns
    -------
    model : SGNSModel (center_vectors (V, d), outside_vectors (V, d), loss_history, params, ...)

    Raises
    ------
    TrainingDiverged (FloatingPointError) : 손실이나 가중치가 유한하지 않게 되면 (학습률·배치를 줄이세요)
    """
    p = _check_params(params)
    callbacks = _check_callbacks(callbacks)
    if isinstance(sentences, (str, bytes)) or sentences is None:
        raise TypeError(
            "`sentences`는 토큰 리스트들의 리스트여야 합니다 (예: [['the', 'cat'], ...]). "
            f"받은 값: {describe(sentences)}"
        )
    sentences = list(sentences)
    try:
        vocab = build_vocab(sentences, min_count=p["min_count"])
    except (TypeError, ValueError) as exc:  # 말뭉치 쪽 한국어 메시지에 매개변수 이름을 붙여 다시 알립니다
        raise type(exc)(f"`sentences` 문제: {exc}") from None
    ids, sentence_ids = encode_corpus(sentences, vocab)
    if not np.any(sentence_ids[1:] == sentence_ids[:-1]):
        raise ValueError(
            "`sentences`에서 (중심, 주변) 쌍을 하나도 만들 수 없습니다: 어휘에 남은 단어가 2개 이상인 문장이 "
            f"없습니다 (min_count={p['min_count']}). 문장을 더 넣거나 min_count 를 낮춰 보세요."
        )

    V, d, K, B = len(vocab), p["vector_size"], p["negative"], p["batch_size"]
    rng = np.random.default_rng(p["seed"])
    sampler = NegativeSampler(vocab.counts, power=p["ns_exponent"], seed=rng)
    keep_prob = keep_probabilities(vocab.counts, p["sample"])

    # 두 행렬을 한 버퍼에 나란히: 위 절반이 v (중심 단어 벡터), 아래 절반이 u (주변 단어 벡터).
    # 그러면 한 배치의 두 갱신을 scatter-add 한 번으로 처리할 수 있습니다.
    weights = np.zeros((2 * V, d), dtype=np.float32)
    center_vectors, outside_vectors = weights[:V], weights[V:]
    center_vectors[:] = (rng.random((V, d), dtype=np.float32) - 0.5) / d

    model = SGNSModel(vocab, center_vectors, outside_vectors, p)
    model.pairs_trained = 0
    model.effective_words = 0
    model.train_seconds = 0.0
    model.train_cpu_seconds = 0.0

    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=p["epochs"], desc="SGNS 학습", unit="epoch")

    alpha, min_alpha, epochs = p["alpha"], p["min_alpha"], p["epochs"]
    try:
        for epoch in range(epochs):
            start, cpu_start = time.perf_counter(), time.process_time()
            # 1-2. 서브샘플링과 (중심, 주변) 쌍
            keep = subsample(ids, keep_prob, rng)
            centers, contexts = skipgram_pair_arrays(
                ids[keep], sentence_ids[keep], p["window"], rng=rng, reduced_window=True
            )
            # 3. 쌍 섞기
            order = rng.permutation(centers.shape[0])
            centers = centers[order].astype(np.intp)
            contexts = contexts[order].astype(np.intp)
            n_pairs = centers.shape[0]

            loss_sum = 0.0
            negatives = valid = None
            target_buf = np.empty((B, K + 1), dtype=np.intp)
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                for b, lo in enumerate(range(0, n_pairs, B)):
                    # 네거티브 샘플은 _BATCHES_PER_DRAW 배치 분량씩 한 번에 뽑습니다
                    j = b % _BATCHES_PER_DRAW
                    if j == 0:
                        hi_draw = min(lo + B * _BATCHES_PER_DRAW, n_pairs)
                        negatives = sampler.sample((hi_draw - lo, K))
                        valid = negatives != contexts[lo:hi_draw, None]
                    hi = min(lo + B, n_pairs)
                    sl = slice(j * B, j * B + (hi - lo))
                    # 학습률: 전체 진행률 (에폭 + 에폭 안 진행률) / epochs 에 따라 선형 감소
                    progress_frac = (epoch + lo / n_pairs) / epochs
                    lr = alpha - (alpha - min_alpha) * progress_frac

                    # 쓰일 행 모으기: t_b = [o_b, k_b1..k_bK] (주변 단어 벡터는 버퍼의 아래 절반이므로 + V)
                    n = hi - lo
                    target_idx = target_buf[:n]
                    target_idx[:, 0] = contexts[lo:hi]
                    target_idx[:, 1:] = negatives[sl]
                    target_idx += V
                    center_rows = np.take(weights, centers[lo:hi], axis=0)  # (n, d) v_{c_b}
                    target_rows = np.take(weights, target_idx, axis=0)  # (n, K+1, d) u_{t_bj}
                    losses, coef = neg_sampling_coefficients(center_rows, target_rows, valid[sl])
                    batch_loss = float(losses.sum())
                    if not np.isfinite(batch_loss):
                        raise _diverged("손실", p)
                    loss_sum += batch_loss
                    # 4. SGD (갱신 전 값으로 계산한 기울기를 합해서):
                    #    v_c -= lr Σ_j coef_bj u_{t_bj},  u_{t_bj} -= lr coef_bj v_{c_b}
                    grad_center = np.matmul(coef[:, None, :], target_rows)[:, 0, :]  # (n, d)
                    scatter_add_parts(weights, [centers[lo:hi]], [grad_center], scale=-lr)
                    scatter_add_weighted(weights, target_idx, coef, center_rows, scale=-lr, check=False)
            if not np.isfinite(weights).all():
                raise _diverged("가중치", p)
            model.train_seconds += time.perf_counter() - start
            model.train_cpu_seconds += time.process_time() - cpu_start
            model.pairs_trained += n_pairs
            model.effective_words += int(keep.sum())
            mean_loss = loss_sum / max(n_pairs, 1)
            model.loss_history.append(mean_loss)
            model._forget_unit()
            if verbose:
                print(f"에폭 {epoch + 1}/{epochs}: 평균 손실 {mean_loss:.4f} (쌍 {n_pairs:,}개)")
            if bar is not None:
                bar.set_postfix(loss=f"{mean_loss:.4f}")
                bar.update(1)
            for cb in callbacks:
                cb(model, epoch + 1)
    finally:
        if bar is not None:
            bar.close()
    return model
