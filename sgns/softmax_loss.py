"""Naive softmax 손실과 기울기 (2장: Naive Softmax의 문제점).

스킵-그램은 중심 단어 c 가 주어졌을 때 주변 단어 o 의 확률을 소프트맥스로 씁니다.

    P(o | c) = exp(u_o·v_c) / Σ_{w=1}^{V} exp(u_w·v_c)
    J = -log P(o | c) = -u_o·v_c + log Σ_w exp(u_w·v_c)

기울기 (ŷ = softmax(U v_c), y = 정답 o 의 원-핫 벡터):

    ∂J/∂v_c = Uᵀ (ŷ - y)          (d,)
    ∂J/∂U   = (ŷ - y) v_cᵀ        (V, d) — 모든 행이 0 이 아님

한 번의 갱신에 어휘 전체(V 개의 행)를 건드려야 한다는 점이 바로 이 장의 문제의식입니다.

점수 s_w = u_w·v_c 가 float64 를 넘으면 (벡터의 원소가 1e154 쯤이면 이미 넘침) ``scaled_dot`` 으로 점수를 다시
계산합니다. 손실과 확률에는 점수의 차이만 필요하므로 그래도 맞는 값이 나옵니다. 손실 자체가 float64 를 넘으면
(점수 차이가 1.8e308 보다 크면) NaN·inf 대신 한국어 ValueError 입니다.
"""

from __future__ import annotations

import numpy as np

from sgns._validate import as_float_array, as_index, check_finite_result, magnitudes
from sgns.functions import scaled_dot, softmax

__all__ = ["naive_softmax_loss_and_gradient", "softmax_probabilities"]


def _validate(center_vec, outside_vectors):
    outside_vectors = as_float_array("outside_vectors", outside_vectors, ndim=2)
    d = outside_vectors.shape[1]
    center_vec = as_float_array("center_vec", center_vec, shape=(d,))
    return center_vec, outside_vectors


def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors, *, check: bool = True):
    """Naive softmax 손실과 기울기.

    J = -log softmax(U v_c)[o] = log Σ_w exp(u_w·v_c) - u_o·v_c  (log-sum-exp 로 안정하게 계산)

    Parameters
    ----------
    center_vec : (d,) 중심 단어 벡터 v_c
    outside_idx : int, 주변 단어 o의 인덱스 (0 ≤ o < V)
    outside_vectors : (V, d) 주변 단어 벡터 행렬 U (행 w 가 u_w)
    check : bool, False 이면 입력 검사를 건너뜁니다 (시간을 잴 때: 검사 비용이 비교를 흐리지 않게).
        그때는 인자가 이미 올바른 numpy 배열이라고 가정합니다.

    Returns
    -------
    loss : float, J
    grad_center_vec : (d,) ∂J/∂v_c = Uᵀ(ŷ - y)
    grad_outside_vectors : (V, d) ∂J/∂U = (ŷ - y) v_cᵀ (모든 행이 0 이 아닌 밀집 행렬)
    """
    if check:
        center_vec, outside_vectors = _validate(center_vec, outside_vectors)
        outside_idx = as_index("outside_idx", outside_idx, outside_vectors.shape[0])
    with np.errstate(over="ignore", invalid="ignore"):
        scores = outside_vectors @ center_vec  # (V,) s_w = u_w·v_c
    m = scores.max()
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):  # 넘침은 아래에서 다시 계산
        e = np.exp(scores - m)  # 최댓값을 빼서 넘침 방지
        total = e.sum()
        loss = float(m + np.log(total) - scores[outside_idx])  # log-sum-exp - s_o
    if not np.isfinite(total) or not np.isfinite(loss):  # 점수가 float64 를 넘음: 차이로 다시
        shifted = _shifted_scores(center_vec, outside_vectors)
        with np.errstate(under="ignore"):
            e = np.exp(shifted)
        total = e.sum()
        loss = float(np.log(total) - shifted[outside_idx])  # s_max - s_o + log Σ e^{s_w - s_max}
        check_finite_result("손실 J", loss, magnitudes(center_vec=center_vec, outside_vectors=outside_vectors))
    delta = e / total  # ŷ
    delta[outside_idx] -= 1.0  # ŷ - y
    with np.errstate(over="ignore", invalid="ignore"):
        grad_center_vec = delta @ outside_vectors  # Uᵀ(ŷ - y)
    if not np.isfinite(grad_center_vec).all():  # 중간 합만 넘쳤을 수도 있음: 넘치지 않게 다시
        mantissas, exponent = scaled_dot(np.asarray(outside_vectors).T, delta)
        with np.errstate(over="ignore"):
            grad_center_vec = np.ldexp(mantissas, exponent)
        cause = magnitudes(center_vec=center_vec, outside_vectors=outside_vectors)
        check_finite_result("∂J/∂v_c", grad_center_vec, cause)
    grad_outside_vectors = np.outer(delta, center_vec)  # (ŷ - y) v_cᵀ
    return loss, grad_center_vec, grad_outside_vectors


def _shifted_scores(center_vec, outside_vectors) -> np.ndarray:
    """점수가 float64 를 넘을 때의 s_w - s_max: 점수 = mantissas · 2^k 로 나눠 차이만 계산합니다.

    Returns
    -------
    shifted : (V,) float64, 0 이하 (최댓값 자리는 0, 차이가 float64 를 넘으면 -inf)
    """
    mantissas, exponent = scaled_dot(outside_vectors, center_vec)
    with np.errstate(over="ignore"):
        return np.ldexp(mantissas - mantissas.max(), exponent)


def softmax_probabilities(center_vec, outside_vectors) -> np.ndarray:
    """중심 단어 c 에 대한 모든 주변 단어의 확률 P(o | c) = softmax(U v_c).

    Parameters
    ----------
    center_vec : (d,) 중심 단어 벡터 v_c
    outside_vectors : (V, d) 주변 단어 벡터 행렬 U

    Returns
    -------
    probs : (V,) 합이 1 인 확률 벡터 (분모 Σ_w exp(u_w·v_c) 에 V 개 항이 모두 필요)
    """
    center_vec, outside_vectors = _validate(center_vec, outside_vectors)
    with np.errstate(over="ignore", invalid="ignore"):
        scores = outside_vectors @ center_vec
    if np.isfinite(scores).all():
        return softmax(scores)
    with np.errstate(under="ignore"):
        e = np.exp(_shifted_scores(center_vec, outside_vectors))  # 점수가 float64 를 넘을 때: 차이로
    return e / e.sum()
