"""4장 (04_math, 04b_training) 과 부록 B (07_optimum) 의 도우미: 손실의 두 항, 목적 함수 J(θ), SGNS 의 최적점.

**손실과 목적 함수.** 한 쌍의 손실은 두 종류의 항으로 이루어집니다.

    긍정 쌍 (c, o):   -log σ(u_o·v_c)     내적이 클수록 0 에 가까워짐
    부정 쌍 (c, w_k): -log σ(-u_k·v_c)    내적이 작을수록(음수일수록) 0 에 가까워짐 (k = 1..K)

말뭉치 전체의 목적 함수는 모든 위치 t 와 윈도우 안의 모든 주변 단어 t+j 에 대한 손실을 더해 위치 수 T 로
나눈 것입니다.

    J(θ) = (1/T) Σ_t Σ_{-m≤j≤m, j≠0} J_neg-sample(u_{t+j}, v_t, U)

여기서는 윈도우를 고정(m)하고, 쌍마다 K 개의 네거티브 샘플을 미리 뽑아 넘겨받습니다. 그래야 같은 θ 에서
같은 값이 나오는 결정적인 함수가 됩니다 (학습기는 에폭마다 새로 뽑습니다).

**최적점** (선택 심화). SGNS 를 끝까지 최적화하면 (벡터 차원이 충분히 클 때) 중심 단어 c, 주변 단어 o 에 대해

    v_c · u_o  ≈  PMI(c, o) - log K,    PMI(c, o) = log( #(c,o) · D / (#c · #o) )

가 됩니다 (Levy & Goldberg 2014; K = 쌍마다 네거티브 샘플 수로, 논문과 이 모듈의 매개변수 이름은 k,
D = 전체 쌍의 수). 잡음 분포를 0.75 제곱으로 만들었다면 #o 자리에 #o^0.75 로 만든 분포가 들어갑니다
(``context_power``). 학습기는 정답과 같은 네거티브를
건너뛰므로 정확한 최적점은 조금 다릅니다 (``optimal_dot_products``). 두 목표와 학습한 내적을 비교하는 함수는
``compare_to_optimum`` 하나입니다.

행렬은 모두 밀집 (V, V) 배열이라 작은 어휘(수천 단어 이하) 데모용입니다. V = 5,000 이면
float64 행렬 하나가 200 MB 입니다.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from sgns._validate import (
    as_bool,
    as_float_array,
    as_float_in_range,
    as_index_array,
    as_positive_int,
    check_memory,
)
from sgns.corpus import skipgram_pair_arrays
from sgns.functions import log_sigmoid, sigmoid
from sgns.neg_sampling import neg_sampling_batch
from sgns.sampling import noise_distribution

__all__ = [
    "LossTerms",
    "loss_terms",
    "CorpusObjective",
    "corpus_objective",
    "zero_vector_objective",
    "cooccurrence_matrix",
    "pmi_matrix",
    "shifted_pmi",
    "optimal_dot_products",
    "OptimumFit",
    "compare_to_optimum",
]


# ---------------------------------------------------------------------------
# 손실의 두 항과 목적 함수
# ---------------------------------------------------------------------------


class LossTerms(NamedTuple):
    """``loss_terms`` 의 결과 (모두 입력과 같은 형태).

    dot : 내적 값 x (입력 그대로, float64)
    sigma : σ(x), 모델이 이 쌍을 '진짜 쌍' 이라고 보는 확률
    positive_loss : -log σ(x), 이 내적을 가진 쌍이 긍정 쌍일 때의 손실 (첫 번째 항)
    negative_loss : -log σ(-x), 이 내적을 가진 쌍이 부정 쌍일 때의 손실 (두 번째 항의 한 항)
    """

    dot: np.ndarray
    sigma: np.ndarray
    positive_loss: np.ndarray
    negative_loss: np.ndarray


def loss_terms(dot_products) -> LossTerms:
    """내적 값마다 손실의 두 항을 계산합니다 (수치적으로 안정한 log σ 사용).

    Parameters
    ----------
    dot_products : float 또는 (...) 실수 배열, 내적 u·v_c 의 값들 (NaN·inf 불가)

    Returns
    -------
    LossTerms(dot, sigma, positive_loss, negative_loss), 각각 입력과 같은 형태의 float64 배열.
        positive_loss 와 negative_loss 는 항상 0 보다 큽니다 (유한한 x 에서 0 은 절대 나오지 않지만,
        |x| 가 아주 크면 float64 에서 0.0 으로 반올림될 수는 있습니다).
    """
    x = np.asarray(as_float_array("dot_products", dot_products), dtype=np.float64)
    return LossTerms(
        dot=x,
        sigma=np.asarray(sigmoid(x), dtype=np.float64),
        positive_loss=-np.asarray(log_sigmoid(x), dtype=np.float64),
        negative_loss=-np.asarray(log_sigmoid(-x), dtype=np.float64),
    )


class CorpusObjective(NamedTuple):
    """``corpus_objective`` 의 결과.

    objective : float, J(θ) = (쌍 손실의 합) / T  (원문의 식: 위치당 손실)
    mean_pair_loss : float, (쌍 손실의 합) / P  (쌍 하나당 평균; 학습기의 loss_history 와 같은 정의)
    n_positions : int, T (토큰 수)
    n_pairs : int, P (윈도우 안의 (중심, 주변) 쌍 수)
    pair_losses : (P,) 쌍마다의 J_neg-sample
    """

    objective: float
    mean_pair_loss: float
    n_positions: int
    n_pairs: int
    pair_losses: np.ndarray


def corpus_objective(center_vectors, outside_vectors, ids, sentence_ids, window, negative_indices) -> CorpusObjective:
    """말뭉치 전체의 목적 함수 J(θ) 를 주어진 벡터와 미리 뽑은 네거티브 샘플로 계산합니다.

    J(θ) = (1/T) Σ_t Σ_{-m≤j≤m, j≠0} J_neg-sample(u_{t+j}, v_t, U)

    (중심, 주변) 쌍은 ``sgns.corpus.skipgram_pair_arrays(ids, sentence_ids, window)`` (고정 윈도우) 의
    순서를 따르며, negative_indices 의 행 p 가 그 p 번째 쌍의 네거티브 샘플입니다.

    Parameters
    ----------
    center_vectors : (V, d) 중심 단어 벡터 행렬 (행 w 가 v_w)
    outside_vectors : (V, d) 주변 단어 벡터 행렬 U (행 w 가 u_w)
    ids : (T,) int, 토큰의 단어 인덱스 (``sgns.corpus.encode_corpus`` 결과)
    sentence_ids : (T,) int, 토큰의 문장 번호 (오름차순; 윈도우는 문장을 넘지 않음)
    window : int >= 1, 윈도우 크기 m
    negative_indices : (P, K) int, 쌍마다의 네거티브 샘플 (P 는 위 쌍의 수)

    Returns
    -------
    CorpusObjective(objective, mean_pair_loss, n_positions, n_pairs, pair_losses)
    """
    center_vectors = as_float_array("center_vectors", center_vectors, ndim=2)
    V, d = center_vectors.shape
    outside_vectors = as_float_array("outside_vectors", outside_vectors, shape=(V, d))
    window = as_positive_int("window", window)
    ids = as_index_array("ids", ids, V, ndim=1)
    if ids.shape[0] == 0:
        raise ValueError("`ids`에 토큰이 없습니다. 위치 수 T 가 0 이면 J(θ) 를 정의할 수 없습니다.")
    centers, contexts = skipgram_pair_arrays(ids, sentence_ids, window)
    P = int(centers.shape[0])
    negative_indices = np.asarray(negative_indices)
    if negative_indices.ndim != 2 or negative_indices.shape[0] != P:
        raise ValueError(
            f"`negative_indices`의 형태 {negative_indices.shape} 가 맞지 않습니다. 쌍이 {P}개이므로 "
            f"({P}, K) 여야 합니다 (행 p 가 skipgram_pair_arrays 의 p 번째 쌍)."
        )
    negative_indices = as_index_array("negative_indices", negative_indices, V, ndim=2)
    T = int(ids.shape[0])
    if P == 0:
        return CorpusObjective(0.0, float("nan"), T, 0, np.zeros(0))
    grads = neg_sampling_batch(
        center_vectors.astype(np.float64, copy=False),
        outside_vectors.astype(np.float64, copy=False),
        centers.astype(np.intp),
        contexts.astype(np.intp),
        negative_indices,
    )
    total = float(grads.losses.sum())
    return CorpusObjective(total / T, total / P, T, P, grads.losses)


def zero_vector_objective(n_pairs: int, n_positions: int, k: int) -> float:
    """모든 벡터가 0 일 때의 J(θ): 모든 내적이 0 이므로 σ = 1/2, 쌍 하나의 손실은 (K+1) log 2.

    Parameters
    ----------
    n_pairs : int >= 0, 쌍 수 P
    n_positions : int >= 1, 위치 수 T
    k : int >= 1, 쌍마다 네거티브 샘플 수 K

    Returns
    -------
    J : float, (P / T) · (K + 1) · log 2
    """
    n_pairs = as_positive_int("n_pairs", n_pairs, minimum=0)
    n_positions = as_positive_int("n_positions", n_positions)
    k = as_positive_int("k", k)
    return n_pairs / n_positions * (k + 1) * float(np.log(2.0))


# ---------------------------------------------------------------------------
# 최적점
# ---------------------------------------------------------------------------


def cooccurrence_matrix(centers, contexts, vocab_size: int) -> np.ndarray:
    """(중심 단어, 주변 단어) 쌍의 개수를 센 공기 행렬.

    평평한 인덱스 center·V + context 에 np.bincount 를 한 번 씁니다.

    Parameters
    ----------
    centers : (P,) int, 중심 단어 인덱스
    contexts : (P,) int, 주변 단어 인덱스
    vocab_size : int, 어휘 크기 V (밀집 (V, V) 행렬을 만들므로 작은 V 용)

    Returns
    -------
    cooc : (V, V) float64, cooc[w, c] = #(w, c)
    """
    vocab_size = as_positive_int("vocab_size", vocab_size, minimum=1)
    check_memory("vocab_size", vocab_size, 16 * vocab_size**2, "밀집 공기 행렬 (V, V) (개수 int64 + float64)")
    centers = as_index_array("centers", centers, vocab_size, ndim=1)
    contexts = as_index_array("contexts", contexts, vocab_size, ndim=1)
    if centers.shape != contexts.shape:
        raise ValueError(f"`centers`의 형태 {centers.shape} 와 `contexts`의 형태 {contexts.shape} 가 같아야 합니다.")
    flat = centers * vocab_size + contexts
    counts = np.bincount(flat, minlength=vocab_size * vocab_size)
    return counts.astype(np.float64).reshape(vocab_size, vocab_size)


def _check_cooc(cooc) -> np.ndarray:
    """(V, V) 0 이상의 공기 개수, 적어도 한 칸은 0 보다 큼."""
    cooc = as_float_array("cooc", cooc, ndim=2).astype(np.float64, copy=False)
    if cooc.shape[0] != cooc.shape[1]:
        raise ValueError(f"`cooc`은(는) 정사각 (V, V) 행렬이어야 합니다. 받은 형태: {cooc.shape}")
    if (cooc < 0).any():
        raise ValueError("`cooc`에 음수가 있습니다. 공기 행렬은 0 이상의 개수여야 합니다.")
    if not (cooc > 0).any():
        raise ValueError("`cooc`이(가) 모두 0입니다. 쌍이 하나도 없으면 최적점을 정의할 수 없습니다.")
    return cooc


def pmi_matrix(cooc, context_power: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """점별 상호정보량 PMI(w, c) = log( #(w,c) · D / (#w · #c) ).

    #w = 행 합 (w 가 중심 단어인 쌍의 수), #c = 열 합, D = 전체 쌍의 수.
    context_power = α 이면 #c/D 대신 #c^α / Σ #c'^α 를 씁니다 (α = 1 이면 위 식과 같음).

    Parameters
    ----------
    cooc : (V, V) 0 이상의 공기 개수 (행 = 중심 단어, 열 = 주변 단어)
    context_power : float, 0 이상 2 이하 (기본 1)

    Returns
    -------
    pmi : (V, V) float64, 관측된 칸은 PMI, 한 번도 안 나온 칸(#(w,c) = 0)은 -inf (= log 0)
    observed : (V, V) bool, #(w,c) > 0 인 칸
    """
    cooc = _check_cooc(cooc)
    context_power = as_float_in_range("context_power", context_power, 0.0, 2.0)
    row = cooc.sum(axis=1)
    col = cooc.sum(axis=0)
    observed = cooc > 0
    w_idx, c_idx = np.nonzero(observed)
    # P(c) = #c^α / Σ #c'^α ; α = 1 이면 #c / D 이므로 아래 식은 log( #(w,c)·D / (#w·#c) ) 입니다.
    col_weight = np.zeros_like(col)
    col_weight[col > 0] = col[col > 0] ** context_power
    log_context_prob = np.log(col_weight[c_idx]) - np.log(col_weight.sum())
    pmi = np.full(cooc.shape, -np.inf)
    pmi[w_idx, c_idx] = np.log(cooc[w_idx, c_idx]) - np.log(row[w_idx]) - log_context_prob
    return pmi, observed


def shifted_pmi(cooc, k: int, context_power: float = 1.0) -> np.ndarray:
    """이동된 PMI: PMI(w, c) - log K. SGNS 최적점에서 v_w · u_c 가 다가가는 값.

    Parameters
    ----------
    cooc : (V, V) 공기 개수
    k : int >= 1, 네거티브 샘플 수 K
    context_power : float, ``pmi_matrix`` 와 같음

    Returns
    -------
    spmi : (V, V) float64, 안 나온 칸은 -inf (관측 마스크는 ``cooc > 0``)
    """
    k = as_positive_int("k", k, minimum=1)
    pmi, _ = pmi_matrix(cooc, context_power)
    return pmi - np.log(k)


def optimal_dot_products(cooc, counts, k: int, power: float = 0.75, skip_positive: bool = True) -> np.ndarray:
    """칸 (c, o) 마다 기대 손실을 최소로 만드는 내적 x* = v_c·u_o (다른 칸과 독립이라고 볼 때).

    c 는 중심 단어, o 는 주변 단어입니다. 학습 중 x = v_c·u_o 가 관여하는 손실의 기댓값은

        ℓ(x) = -#(c,o) log σ(x) - n_neg(c,o) log σ(-x)

    이고 (#(c,o) 번은 긍정 쌍, n_neg 번은 부정 쌍), ℓ'(x) = 0 에서 x* = log #(c,o) - log n_neg(c,o) 입니다.

    - skip_positive=False: n_neg = K · #(c) · P_n(o). x* = PMI(c,o) - log K (Levy & Goldberg 2014; P_n 이 U^0.75 면
      주변 단어 빈도를 0.75 제곱한 PMI).
    - skip_positive=True (학습기, gensim, word2vec.c 의 동작): 네거티브가 그 쌍의 정답 주변 단어와 같으면 건너뛰므로
      o 가 (c, o) 쌍 자신의 네거티브로 뽑힌 경우가 빠져 n_neg = K · (#(c) - #(c,o)) · P_n(o).
      o 가 c 옆에 자주 오는 칸일수록 x* 가 log(#(c) / (#(c) - #(c,o))) 만큼 커집니다.

    Parameters
    ----------
    cooc : (V, V) 0 이상의 공기 개수 (행 = 중심 단어 c, 열 = 주변 단어 o); #(c) 는 행 합
    counts : (V,) 단어 빈도 (잡음 분포를 만든 그 빈도, 예: ``model.vocab.counts``)
    k : int >= 1, 쌍마다 네거티브 샘플 수 K
    power : float, 잡음 분포의 지수 (P_n ∝ counts^power, 기본 0.75)
    skip_positive : bool, 정답과 같은 네거티브를 건너뛰는지 (기본 True)

    Returns
    -------
    x_star : (V, V) float64. 관측되지 않은 칸 (#(c,o) = 0) 은 -inf,
        n_neg = 0 인 칸 (예: 건너뛰기 때문에 부정 쌍이 하나도 안 생기는 칸) 은 +inf
    """
    cooc = _check_cooc(cooc)
    V = cooc.shape[0]
    counts = as_float_array("counts", counts, shape=(V,))
    k = as_positive_int("k", k)
    skip_positive = as_bool("skip_positive", skip_positive)
    noise = noise_distribution(counts, power)  # (V,) 검사 포함
    row = cooc.sum(axis=1, keepdims=True)  # (V, 1) #(c)
    centers_seen = row - cooc if skip_positive else np.broadcast_to(row, cooc.shape)
    n_neg = k * centers_seen * noise[None, :]
    x_star = np.full(cooc.shape, -np.inf)
    observed = cooc > 0
    with np.errstate(divide="ignore"):
        x_star[observed] = np.log(cooc[observed]) - np.log(n_neg[observed])  # n_neg = 0 이면 +inf
    return x_star


@dataclass(frozen=True)
class OptimumFit:
    """``compare_to_optimum`` 의 결과: 학습한 내적과 목표 내적을 고른 칸에서 비교한 값.

    pearson : float, 피어슨 상관
    weighted_pearson : float, 공기 횟수 #(c,o) 로 가중한 피어슨 상관 (자주 나온 칸일수록 추정이 정확하므로)
    mean_diff : float, 평균 (내적 - 목표). 양수면 학습한 내적이 목표보다 큼
    mean_abs_error : float, 평균 |내적 - 목표|
    n_cells : int, 비교한 칸의 수
    """

    pearson: float
    weighted_pearson: float
    mean_diff: float
    mean_abs_error: float
    n_cells: int


def compare_to_optimum(dot_products, target, cooc, min_count: int = 1, max_count: int | None = None) -> OptimumFit:
    """학습한 내적과 목표 내적 (``shifted_pmi`` 나 ``optimal_dot_products``) 을 공기 횟수 구간별로 비교합니다.

    min_count <= #(c,o) <= max_count 이고 목표가 유한한 칸만 씁니다 (관측되지 않은 칸의 -inf 는 빠짐).

    Parameters
    ----------
    dot_products : (V, V) 학습한 내적 v_c·u_o (행 = 중심 단어 c, 열 = 주변 단어 o)
    target : (V, V) 목표 내적
    cooc : (V, V) 공기 개수 (dot_products 와 같은 방향)
    min_count : int >= 1, 쓸 칸의 최소 공기 횟수
    max_count : int 또는 None (상한 없음)

    Returns
    -------
    OptimumFit(pearson, weighted_pearson, mean_diff, mean_abs_error, n_cells)

    Raises
    ------
    ValueError : 고른 칸이 2개 미만이거나, 한쪽 값이 모두 같아 상관을 정의할 수 없을 때
    """
    cooc = _check_cooc(cooc)
    dots = as_float_array("dot_products", dot_products, shape=cooc.shape).astype(np.float64, copy=False)
    target = np.asarray(target, dtype=np.float64)
    if target.shape != cooc.shape or np.isnan(target).any():
        raise ValueError(f"`target`은(는) NaN 없는 {cooc.shape} 배열이어야 합니다. 받은 형태: {target.shape}")
    min_count = as_positive_int("min_count", min_count)
    upper = np.inf if max_count is None else as_positive_int("max_count", max_count)
    cells = (cooc >= min_count) & (cooc <= upper) & np.isfinite(target)
    x, y, weights = dots[cells], target[cells], cooc[cells]
    span = f"공기 횟수 {min_count} 이상" + ("" if max_count is None else f" {max_count} 이하")
    if x.size < 2:
        raise ValueError(f"{span}이고 목표가 유한한 칸이 {x.size}개뿐이라 비교할 수 없습니다. 적어도 2개가 필요합니다.")
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        raise ValueError(f"{span}인 칸에서 내적 또는 목표 값이 모두 같아 상관을 정의할 수 없습니다 (분산이 0).")
    return OptimumFit(
        pearson=_weighted_pearson(x, y, np.ones_like(x)),
        weighted_pearson=_weighted_pearson(x, y, weights),
        mean_diff=float(np.mean(x - y)),
        mean_abs_error=float(np.mean(np.abs(x - y))),
        n_cells=int(x.size),
    )


def _weighted_pearson(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    # 상관은 척도와 무관: 2 의 거듭제곱으로 나눠 (정확함) 큰 값에서 제곱이 넘치지 않게
    x, y = np.ldexp(x, -np.frexp(np.abs(x).max())[1]), np.ldexp(y, -np.frexp(np.abs(y).max())[1])
    w = w / w.sum()
    dx = x - (w * x).sum()
    dy = y - (w * y).sum()
    denom = np.sqrt((w * dx * dx).sum() * (w * dy * dy).sum())
    return float(np.clip((w * dx * dy).sum() / denom, -1.0, 1.0))
