"""네거티브 샘플링 손실의 두 항과 말뭉치 전체의 목적 함수 J(θ) (4장: 수학적 정의).

한 쌍의 손실은 두 종류의 항으로 이루어집니다.

    긍정 쌍 (c, o):   -log σ(u_o·v_c)     내적이 클수록 0 에 가까워짐
    부정 쌍 (c, k):   -log σ(-u_k·v_c)    내적이 작을수록(음수일수록) 0 에 가까워짐

말뭉치 전체의 목적 함수는 모든 위치 t 와 윈도우 안의 모든 주변 단어 t+j 에 대한 손실을 더해 위치 수 T 로
나눈 것입니다.

    J(θ) = (1/T) Σ_t Σ_{-m≤j≤m, j≠0} J_neg-sample(u_{t+j}, v_t, U)

여기서는 윈도우를 고정(m)하고, 쌍마다 K 개의 네거티브 샘플을 미리 뽑아 넘겨받습니다. 그래야 같은 θ 에서
같은 값이 나오는 결정적인 함수가 됩니다 (학습기는 에폭마다 새로 뽑습니다).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from sgns._validate import as_float_array, as_index_array, as_positive_int
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
    "optimal_dot_products",
    "compare_to_optimum",
]


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


def optimal_dot_products(cooc, counts, k: int, power: float = 0.75, skip_positive: bool = True) -> np.ndarray:
    """칸 (c, o) 마다 기대 손실을 최소로 만드는 내적 x* = v_c·u_o (다른 칸과 독립이라고 볼 때).

    c 는 중심 단어, o 는 주변 단어입니다. 학습 중 x = v_c·u_o 가 관여하는 손실의 기댓값은

        ℓ(x) = -#(c,o) log σ(x) - n_neg(c,o) log σ(-x)

    이고 (#(c,o) 번은 긍정 쌍, n_neg 번은 부정 쌍), ℓ'(x) = 0 에서 x* = log #(c,o) - log n_neg(c,o) 입니다.

    - skip_positive=False: n_neg = k · #(c) · P_n(o). x* = PMI(c,o) - log k (Levy & Goldberg 2014; P_n 이 U^0.75 면
      주변 단어 빈도를 0.75 제곱한 PMI).
    - skip_positive=True (학습기, gensim, word2vec.c 의 동작): 네거티브가 그 쌍의 정답 주변 단어와 같으면 건너뛰므로
      o 가 (c, o) 쌍 자신의 네거티브로 뽑힌 경우가 빠져 n_neg = k · (#(c) - #(c,o)) · P_n(o).
      o 가 c 옆에 자주 오는 칸일수록 x* 가 log(#(c) / (#(c) - #(c,o))) 만큼 커집니다.

    Parameters
    ----------
    cooc : (V, V) 0 이상의 공기 개수 (행 = 중심 단어 c, 열 = 주변 단어 o); #(c) 는 행 합
    counts : (V,) 단어 빈도 (잡음 분포를 만든 그 빈도, 예: ``model.vocab.counts``)
    k : int >= 1, 쌍마다 네거티브 샘플 수
    power : float, 잡음 분포의 지수 (P_n ∝ counts^power, 기본 0.75)
    skip_positive : bool, 정답과 같은 네거티브를 건너뛰는지 (기본 True)

    Returns
    -------
    x_star : (V, V) float64. 관측되지 않은 칸 (#(c,o) = 0) 은 -inf,
        n_neg = 0 인 칸 (예: 건너뛰기 때문에 부정 쌍이 하나도 안 생기는 칸) 은 +inf
    """
    cooc = as_float_array("cooc", cooc, ndim=2).astype(np.float64, copy=False)
    V = cooc.shape[0]
    if cooc.shape != (V, V):
        raise ValueError(f"`cooc`은(는) 정사각 (V, V) 행렬이어야 합니다. 받은 형태: {cooc.shape}")
    if (cooc < 0).any():
        raise ValueError("`cooc`에 음수가 있습니다. 공기 행렬은 0 이상의 개수여야 합니다.")
    counts = as_float_array("counts", counts, shape=(V,))
    k = as_positive_int("k", k)
    if not isinstance(skip_positive, (bool, np.bool_)):
        raise TypeError(f"`skip_positive`는 True/False 여야 합니다. 받은 값: {skip_positive!r}")
    noise = noise_distribution(counts, power)  # (V,) 검사 포함
    row = cooc.sum(axis=1, keepdims=True)  # (V, 1) #(c)
    centers_seen = row - cooc if skip_positive else np.broadcast_to(row, cooc.shape)
    n_neg = k * centers_seen * noise[None, :]
    x_star = np.full(cooc.shape, -np.inf)
    observed = cooc > 0
    with np.errstate(divide="ignore"):
        x_star[observed] = np.log(cooc[observed]) - np.log(n_neg[observed])  # n_neg = 0 이면 +inf
    return x_star


def compare_to_optimum(dot_products, target, cooc, min_count: int = 1, max_count: int | None = None) -> dict:
    """학습한 내적과 목표값 (예: ``optimal_dot_products``) 을 공기 횟수 구간별로 비교합니다.

    min_count <= #(c,o) <= max_count 이고 목표값이 유한한 칸만 씁니다.

    Parameters
    ----------
    dot_products : (V, V) 학습한 내적 v_c·u_o (행 = 중심 단어 c, 열 = 주변 단어 o)
    target : (V, V) 목표 내적 (관측되지 않은 칸의 ±inf 는 자동으로 빠짐)
    cooc : (V, V) 공기 개수
    min_count : int >= 1, 쓸 칸의 최소 공기 횟수
    max_count : int 또는 None (상한 없음)

    Returns
    -------
    dict(pearson, mean_diff, mean_abs_error, n_cells)
        pearson : 피어슨 상관 (칸이 2개 미만이거나 분산이 0 이면 nan)
        mean_diff : 평균 (내적 - 목표), 양수면 학습한 내적이 목표보다 큼
        mean_abs_error : 평균 |내적 - 목표|
    """
    cooc = as_float_array("cooc", cooc, ndim=2)
    dots = as_float_array("dot_products", dot_products, shape=cooc.shape).astype(np.float64, copy=False)
    target = np.asarray(target, dtype=np.float64)
    if target.shape != cooc.shape or np.isnan(target).any():
        raise ValueError(f"`target`은(는) NaN 없는 {cooc.shape} 배열이어야 합니다. 받은 형태: {target.shape}")
    min_count = as_positive_int("min_count", min_count)
    upper = np.inf if max_count is None else as_positive_int("max_count", max_count)
    cells = (cooc >= min_count) & (cooc <= upper) & np.isfinite(target)
    x, y = dots[cells], target[cells]
    n = int(x.size)
    if n == 0:
        return {"pearson": float("nan"), "mean_diff": float("nan"), "mean_abs_error": float("nan"), "n_cells": 0}
    pearson = float(np.corrcoef(x, y)[0, 1]) if n >= 2 and np.ptp(x) > 0 and np.ptp(y) > 0 else float("nan")
    return {
        "pearson": pearson,
        "mean_diff": float(np.mean(x - y)),
        "mean_abs_error": float(np.mean(np.abs(x - y))),
        "n_cells": n,
    }
