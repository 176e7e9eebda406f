"""네거티브 샘플링 손실과 기울기 (4장: 수학적 정의).

한 쌍 (c, o) 와 K 개의 네거티브 샘플 k_1..k_K 에 대한 손실과 기울기 (σ'(x) = σ(x)σ(-x) 를 쓰면):

    J = -log σ(u_o·v_c) - Σ_k log σ(-u_k·v_c)

    ∂J/∂v_c = -σ(-u_o·v_c) u_o + Σ_k σ(u_k·v_c) u_k
    ∂J/∂u_o = -σ(-u_o·v_c) v_c
    ∂J/∂u_k =  σ(u_k·v_c) v_c        (같은 k 가 두 번 뽑히면 두 번 더함)
    그 밖의 행 = 0                    (U 의 행은 많아야 K+1 개만 건드림; naive softmax 는 V 개)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from sgns.functions import log_sigmoid, sigmoid

__all__ = [
    "neg_sampling_loss_and_gradient",
    "neg_sampling_sparse_gradient",
    "SparseGradient",
    "neg_sampling_coefficients",
    "BatchCoefficients",
    "neg_sampling_batch",
    "BatchGradients",
]


def neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, negative_indices):
    """네거티브 샘플링 한 쌍의 손실과 기울기, 위의 식 그대로 (교육용: ∂J/∂U 는 (V, d) 밀집 행렬).

    center_vec (d,) v_c, outside_idx int o, outside_vectors (V, d) U (행 w 가 u_w),
    negative_indices (K,) int (중복 가능).  반환: (loss float, ∂J/∂v_c (d,), ∂J/∂U (V, d))
    """
    u_o, u_k = outside_vectors[outside_idx], outside_vectors[negative_indices]  # (d,), (K, d)
    s_o, s_k = u_o @ center_vec, u_k @ center_vec  # 점수 u_o·v_c, u_k·v_c
    loss = float(-log_sigmoid(s_o) - log_sigmoid(-s_k).sum())
    grad_center_vec = -sigmoid(-s_o) * u_o + sigmoid(s_k) @ u_k
    grad_outside_vectors = np.zeros_like(outside_vectors)
    grad_outside_vectors[outside_idx] = -sigmoid(-s_o) * center_vec
    # ∂J/∂u_k 는 np.add.at 으로: grad[negative_indices] += ... 는 같은 k 를 한 번만 더합니다
    np.add.at(grad_outside_vectors, negative_indices, np.outer(sigmoid(s_k), center_vec))
    return loss, grad_center_vec, grad_outside_vectors


# ---------------------------------------------------------------------------
# 점수마다의 계수: 모든 기울기는 "계수 × 벡터" 꼴입니다
# ---------------------------------------------------------------------------
#
# 점수 s_j = u_{t_j}·v_c (t = [o, k_1, ..., k_K]) 에 대해 계수 coef_j = ∂J/∂s_j = [σ(s_o) - 1, σ(s_k1), ...]
# 이면 ∂J/∂v_c = Σ_j coef_j u_{t_j} 이고, ∂J/∂u_{t_j} 의 몫 = coef_j v_c 입니다. 그래서 건드린 K+1 개의
# 행만 다루면 되고 (2장의 시간 비교), B 쌍을 한꺼번에 계산할 수도 있습니다 (학습기).


class SparseGradient(NamedTuple):
    """`neg_sampling_sparse_gradient` 의 결과: 한 쌍의 손실과 건드린 행의 기울기.

    loss : float, J
    grad_center_vec : (d,) ∂J/∂v_c
    target_idx : (K+1,) int, [o, k_1, ..., k_K]
    grad_targets : (K+1, d), grad_targets[j] = ∂J/∂u_{target_idx[j]} 중 j 번째 항의 몫
        (같은 인덱스가 여러 번 나오면 몫이 따로 들어 있으므로 더할 때는 np.add.at 처럼 모두 더해야 함)
    """

    loss: float
    grad_center_vec: np.ndarray
    target_idx: np.ndarray
    grad_targets: np.ndarray


def neg_sampling_sparse_gradient(center_vec, outside_idx, outside_vectors, negative_indices) -> SparseGradient:
    """네거티브 샘플링 한 쌍의 손실과, 건드린 K+1 개 행의 기울기만 (희소 형태, 비용 O(K·d): V 와 무관).

    인자는 ``neg_sampling_loss_and_gradient`` 와 같습니다.
    """
    target_idx = np.empty(len(negative_indices) + 1, dtype=np.intp)  # t = [o, k_1, ..., k_K]
    target_idx[0], target_idx[1:] = outside_idx, negative_indices
    rows = outside_vectors[target_idx]  # (K+1, d): u_o, u_k1, ..., u_kK
    z = rows @ center_vec  # 점수 s_j = u_{t_j}·v_c 에 부호를 붙여 z = [s_o, -s_k1, ..., -s_kK]
    z[1:] *= -1  # 그러면 J = -Σ_j log σ(z_j)
    loss = float(-log_sigmoid(z).sum())
    coef = sigmoid(-z)  # ∂J/∂s_k = σ(s_k)
    coef[0] *= -1  # ∂J/∂s_o = σ(s_o) - 1 = -σ(-s_o)
    return SparseGradient(loss, coef @ rows, target_idx, np.outer(coef, center_vec))


class BatchCoefficients(NamedTuple):
    """`neg_sampling_coefficients` 의 결과.

    losses : (B,) 쌍마다의 손실 J_b
    coef : (B, K+1) coef[b, j] = ∂J_b/∂(u_{t_bj}·v_{c_b}) = [σ(s_o) - 1, σ(s_k1), ...] (마스크로 뺀 네거티브는 0)
    """

    losses: np.ndarray
    coef: np.ndarray


# e^z 가 넘치지 않는 z 의 상한 (log(dtype 의 최댓값) - 1): float32 약 87.7, float64 약 708.8
_EXP_LIMIT = {np.dtype(t): float(np.log(np.finfo(t).max)) - 1.0 for t in (np.float32, np.float64)}


def neg_sampling_coefficients(center_rows, target_rows, valid_negatives=None) -> BatchCoefficients:
    """이미 모아 둔 벡터로 B 쌍의 손실과 점수 계수를 한꺼번에 (학습기 ``sgns.trainer.sgd_step`` 이 쓰는 형태).

    부호 붙인 점수 z_b0 = s_b0, z_bk = -s_bk 로 쓰면 J_b = -Σ_j m_bj log σ(z_bj) 이고
    (m = valid_negatives, 정답 칸은 1), ∂J_b/∂z_bj = -σ(-z_bj) 입니다. p = 1 + e^z 하나로 둘 다 계산합니다:
    σ(-z) = 1/p,  -log σ(z) = log p - z.

    같은 seed 면 어느 CPU 에서나 같은 결과가 나오도록 연산을 골랐습니다: 점수는 BLAS 의 행렬 곱 (CPU 마다 덧셈
    순서가 다른 커널을 고름) 대신 ``np.einsum`` 으로, 손실은 열 순서대로 더합니다.

    Parameters
    ----------
    center_rows : (B, d) 쌍마다의 중심 단어 벡터 v_{c_b}
    target_rows : (B, K+1, d) [:, 0] 은 주변 단어 벡터 u_{o_b}, [:, 1:] 은 네거티브 벡터 u_{k_bj}
    valid_negatives : (B, K) bool 또는 0/1 실수, 또는 None. 0 인 네거티브는 손실과 계수에 아무것도 더하지 않습니다
        (네거티브가 우연히 그 쌍의 정답 주변 단어와 같을 때 건너뛰기)

    Returns
    -------
    BatchCoefficients(losses (B,), coef (B, K+1)), dtype 은 입력을 따릅니다
    """
    z = np.einsum("bjd,bd->bj", target_rows, center_rows)  # 점수 s_bj = u_bj·v_b
    z[:, 1:] *= -1  # 부호 붙인 점수
    np.minimum(z, _EXP_LIMIT[z.dtype], out=z)  # 그보다 큰 z 에서 σ(-z) 와 -log σ(z) 는 0 과 구별되지 않음
    p = np.exp(z)
    p += 1  # p = 1 + e^z
    coef = np.reciprocal(p)  # σ(-z)
    coef[:, 0] *= -1  # ∂J/∂s_o = -σ(-s_o) = σ(s_o) - 1,  ∂J/∂s_k = σ(s_k)
    terms = np.log(p) - z  # -log σ(z)
    if valid_negatives is not None:
        coef[:, 1:] *= valid_negatives
        terms[:, 1:] *= valid_negatives
    losses = terms[:, 0].copy()
    for j in range(1, terms.shape[1]):  # 열 순서대로 (numpy 의 sum 은 덧셈 순서를 스스로 고름)
        losses += terms[:, j]
    return BatchCoefficients(losses, coef)


class BatchGradients(NamedTuple):
    """`neg_sampling_batch` 의 결과.

    losses : (B,) 쌍마다의 손실 J_b
    grad_center : (B, d) ∂J_b/∂v_{c_b}
    target_idx : (B, K+1) int, [:, 0] = outside_idx, [:, 1:] = negative_indices
    grad_targets : (B, K+1, d) ∂J_b/∂u_{target_idx[b, j]} 중 (b, j) 항의 몫
    """

    losses: np.ndarray
    grad_center: np.ndarray
    target_idx: np.ndarray
    grad_targets: np.ndarray


def neg_sampling_batch(
    center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, valid_negatives=None
) -> BatchGradients:
    """B 개의 (중심, 주변) 쌍의 손실과, 건드린 행의 기울기 (계수 형태로 계산해 계수 × 벡터로).

    J_b = -log σ(u_{o_b}·v_{c_b}) - Σ_j m_{bj} log σ(-u_{k_bj}·v_{c_b})   (m = valid_negatives)

    합칠 때는 `np.add.at(grad_U, target_idx, grad_targets)` 처럼 중복을 모두 더해야 합니다.

    Parameters
    ----------
    center_vectors : (V, d) 중심 단어 벡터 행렬 (행 w 가 v_w)
    outside_vectors : (V', d) 주변 단어 벡터 행렬 U (행 w 가 u_w)
    center_idx, outside_idx : (B,) int, 중심 단어 c_b 와 주변 단어 o_b
    negative_indices : (B, K) int, 네거티브 단어 (중복 가능)
    valid_negatives : (B, K) bool 또는 None (``neg_sampling_coefficients`` 참고)

    Returns
    -------
    BatchGradients(losses (B,), grad_center (B, d), target_idx (B, K+1), grad_targets (B, K+1, d))
    """
    target_idx = np.column_stack([outside_idx, negative_indices]).astype(np.intp)  # (B, K+1) t_b = [o_b, k_b..]
    center_rows = np.asarray(center_vectors)[center_idx]  # (B, d) v_{c_b}
    target_rows = np.asarray(outside_vectors)[target_idx]  # (B, K+1, d) u_{t_bj}
    losses, coef = neg_sampling_coefficients(center_rows, target_rows, valid_negatives)
    grad_center = np.einsum("bj,bjd->bd", coef, target_rows)  # Σ_j coef_bj u_{t_bj}
    grad_targets = coef[:, :, None] * center_rows[:, None, :]  # coef_bj v_{c_b}
    return BatchGradients(losses, grad_center, target_idx, grad_targets)
