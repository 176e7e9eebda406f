"""Naive softmax 손실과 기울기 (2장: Naive Softmax의 문제점).

스킵-그램은 중심 단어 c 가 주어졌을 때 주변 단어 o 의 확률을 소프트맥스로 씁니다.

    P(o | c) = exp(u_o·v_c) / Σ_{w=1}^{V} exp(u_w·v_c)
    J = -log P(o | c) = -u_o·v_c + log Σ_w exp(u_w·v_c)

기울기 (ŷ = softmax(U v_c), y = 정답 o 의 원-핫 벡터):

    ∂J/∂v_c = Uᵀ (ŷ - y)          (d,)
    ∂J/∂U   = (ŷ - y) v_cᵀ        (V, d) — 모든 행이 0 이 아님

한 번의 갱신에 어휘 전체(V 개의 행)를 건드려야 한다는 점이 바로 이 장의 문제의식입니다.
"""

from __future__ import annotations

import numpy as np

from sgns.functions import softmax

__all__ = ["naive_softmax_loss_and_gradient", "softmax_probabilities"]


def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    """Naive softmax 손실과 기울기.

    J = -log softmax(U v_c)[o] = log Σ_w exp(u_w·v_c) - u_o·v_c  (log-sum-exp 로 안정하게 계산)

    Parameters
    ----------
    center_vec : (d,) 중심 단어 벡터 v_c
    outside_idx : int, 주변 단어 o의 인덱스 (0 ≤ o < V)
    outside_vectors : (V, d) 주변 단어 벡터 행렬 U (행 w 가 u_w)

    Returns
    -------
    loss : float, J
    grad_center_vec : (d,) ∂J/∂v_c = Uᵀ(ŷ - y)
    grad_outside_vectors : (V, d) ∂J/∂U = (ŷ - y) v_cᵀ (모든 행이 0 이 아닌 밀집 행렬)
    """
    scores = outside_vectors @ center_vec  # (V,) s_w = u_w·v_c
    m = scores.max()
    e = np.exp(scores - m)  # 최댓값을 빼서 넘침 방지
    total = e.sum()
    loss = float(m + np.log(total) - scores[outside_idx])  # log Σ_w e^{s_w} - s_o
    delta = e / total  # ŷ
    delta[outside_idx] -= 1.0  # ŷ - y
    grad_center_vec = delta @ outside_vectors  # Uᵀ(ŷ - y)
    grad_outside_vectors = np.outer(delta, center_vec)  # (ŷ - y) v_cᵀ
    return loss, grad_center_vec, grad_outside_vectors


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
    return softmax(outside_vectors @ center_vec)
