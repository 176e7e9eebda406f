"""점별 상호정보량(PMI)과 SGNS 의 관계 (Levy & Goldberg, 2014).

SGNS 를 끝까지 최적화하면 (벡터 차원이 충분히 클 때) 중심 단어 w, 주변 단어 c 에 대해

    v_w · u_c  ≈  PMI(w, c) - log k,    PMI(w, c) = log( #(w,c) · D / (#w · #c) )

가 됩니다 (k = 네거티브 샘플 수, D = 전체 쌍의 수, #w·#c = 행·열 합). 이 모듈은 공기(co-occurrence)
행렬, PMI, 이동된(shifted) PMI 를 계산하고, 학습한 내적과의 상관을 잽니다.

행렬은 모두 밀집 (V, V) 배열이라 작은 어휘(수천 단어 이하) 데모용입니다. V = 5,000 이면
float64 행렬 하나가 200 MB 입니다.

잡음 분포를 0.75 제곱으로 만들었다면 (word2vec 기본값) 최적점의 #c 자리에 #c^0.75 로 만든 분포가
들어갑니다 (Levy, Goldberg & Dagan 2015 의 context distribution smoothing). ``context_power`` 로
이것을 맞출 수 있습니다. 기본값 1 은 원래 PMI 입니다.
"""

from __future__ import annotations

import numpy as np

from sgns._validate import as_float_array, as_float_in_range, as_index_array, as_positive_int

__all__ = ["cooccurrence_matrix", "pmi_matrix", "shifted_pmi", "pmi_correlation"]


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
    centers = as_index_array("centers", centers, vocab_size, ndim=1)
    contexts = as_index_array("contexts", contexts, vocab_size, ndim=1)
    if centers.shape != contexts.shape:
        raise ValueError(
            f"`centers`의 형태 {centers.shape} 와 `contexts`의 형태 {contexts.shape} 가 같아야 합니다."
        )
    flat = centers * vocab_size + contexts
    counts = np.bincount(flat, minlength=vocab_size * vocab_size)
    return counts.astype(np.float64).reshape(vocab_size, vocab_size)


def _check_cooc(cooc) -> np.ndarray:
    cooc = as_float_array("cooc", cooc, ndim=2).astype(np.float64, copy=False)
    if cooc.shape[0] != cooc.shape[1]:
        raise ValueError(f"`cooc`은(는) 정사각 (V, V) 행렬이어야 합니다. 받은 형태: {cooc.shape}")
    if (cooc < 0).any():
        raise ValueError("`cooc`에 음수가 있습니다. 공기 행렬은 0 이상의 개수여야 합니다.")
    if not (cooc > 0).any():
        raise ValueError("`cooc`이(가) 모두 0입니다. 쌍이 하나도 없으면 PMI 를 정의할 수 없습니다.")
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
    """이동된 PMI: PMI(w, c) - log k. SGNS 최적점에서 v_w · u_c 가 다가가는 값.

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


def pmi_correlation(dot_products, cooc, k: int, context_power: float = 1.0) -> dict:
    """학습한 내적 v_w · u_c 와 PMI(w, c) - log k 의 피어슨 상관 (관측된 칸만).

    Parameters
    ----------
    dot_products : (V, V) 내적 행렬, dot_products[w, c] = v_w · u_c (예: W_in @ W_out.T)
    cooc : (V, V) 공기 개수 (행 = 중심 단어, 열 = 주변 단어; dot_products 와 같은 방향)
    k : int, 네거티브 샘플 수 K
    context_power : float, 잡음 분포의 지수와 맞추면 최적점 식과 정확히 같아집니다

    Returns
    -------
    result : dict
        pearson : float, 관측된 칸 위의 피어슨 상관
        weighted_pearson : float, #(w,c) 로 가중한 피어슨 상관 (자주 나온 칸일수록 추정이 정확하므로)
        n_cells : int, 관측된 칸의 수
        mean_abs_error : float, 관측된 칸에서 |v_w·u_c - (PMI - log k)| 의 평균
    """
    spmi = shifted_pmi(cooc, k, context_power)
    cooc = np.asarray(cooc, dtype=np.float64)
    dots = as_float_array("dot_products", dot_products, shape=cooc.shape).astype(np.float64, copy=False)
    observed = cooc > 0
    x = dots[observed]
    y = spmi[observed]
    weights = cooc[observed]
    if x.size < 2:
        raise ValueError(f"관측된 칸이 {x.size}개뿐이라 상관을 계산할 수 없습니다. 적어도 2개가 필요합니다.")
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        raise ValueError("내적 또는 PMI 값이 모든 칸에서 같아 상관을 정의할 수 없습니다 (분산이 0).")
    return {
        "pearson": _weighted_pearson(x, y, np.ones_like(x)),
        "weighted_pearson": _weighted_pearson(x, y, weights),
        "n_cells": int(x.size),
        "mean_abs_error": float(np.abs(x - y).mean()),
    }


def _weighted_pearson(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    w = w / w.sum()
    dx = x - (w * x).sum()
    dy = y - (w * y).sum()
    denom = np.sqrt((w * dx * dx).sum() * (w * dy * dy).sum())
    if denom == 0:
        return float("nan")
    return float(np.clip((w * dx * dy).sum() / denom, -1.0, 1.0))
