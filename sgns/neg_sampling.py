"""네거티브 샘플링 손실과 기울기 (4장: 수학적 정의).

한 쌍 (c, o) 와 K 개의 네거티브 샘플 k_1..k_K 에 대한 손실:

    J = -log σ(u_o·v_c) - Σ_k log σ(-u_k·v_c)

기울기 (σ'(x) = σ(x)(1 - σ(x)), 1 - σ(x) = σ(-x) 를 쓰면):

    ∂J/∂v_c = -σ(-u_o·v_c) u_o + Σ_k σ(u_k·v_c) u_k
    ∂J/∂u_o = -σ(-u_o·v_c) v_c
    ∂J/∂u_k =  σ(u_k·v_c) v_c        (같은 k 가 두 번 뽑히면 두 번 더함)
    그 밖의 행 = 0

즉 한 번의 갱신이 건드리는 U 의 행은 많아야 K+1 개입니다 (naive softmax 는 V 개).

이 모듈의 세 가지 형태:

- `neg_sampling_loss_and_gradient`: 식을 그대로 옮긴 교육용. ∂J/∂U 를 (V, d) 밀집 행렬로 돌려줍니다.
- `neg_sampling_sparse_step`: 같은 계산을 건드린 K+1 개 행만 돌려주는 한 쌍짜리 희소 형태.
- `neg_sampling_batch`: B 개 쌍을 한꺼번에 계산하는 벡터화 형태. 기울기 (B, d), (B, K+1, d) 를 돌려줍니다.
- `neg_sampling_batch_coefficients`: 같은 배치 계산의 계수 형태. 기울기 대신 점수마다의 계수
  coef[b, j] = ∂J_b/∂(u_{t_bj}·v_{c_b}) (B, K+1) 만 돌려줍니다. 두 기울기는 모두 계수 × 벡터이므로
  (B, K+1, d) 배열을 만들지 않아도 되고, 학습기는 이 형태를 씁니다 (`neg_sampling_coefficients` 가 공통 계산).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from sgns._validate import as_float_array, as_index, as_index_array
from sgns.functions import log_sigmoid, sigmoid

__all__ = [
    "neg_sampling_loss_and_gradient",
    "neg_sampling_sparse_step",
    "neg_sampling_batch",
    "neg_sampling_batch_coefficients",
    "neg_sampling_coefficients",
    "BatchGradients",
    "BatchCoefficients",
    "sigma_scores",
]


# ---------------------------------------------------------------------------
# 입력 검사
# ---------------------------------------------------------------------------


def _validate_pair(center_vec, outside_idx, outside_vectors, negative_indices):
    outside_vectors = as_float_array("outside_vectors", outside_vectors, ndim=2)
    V, d = outside_vectors.shape
    center_vec = as_float_array("center_vec", center_vec, shape=(d,))
    outside_idx = as_index("outside_idx", outside_idx, V)
    negative_indices = as_index_array("negative_indices", negative_indices, V, ndim=1)
    return center_vec, outside_idx, outside_vectors, negative_indices


# ---------------------------------------------------------------------------
# 교육용: 식 그대로, 밀집 기울기
# ---------------------------------------------------------------------------


def neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, negative_indices):
    """네거티브 샘플링 손실과 기울기 (교육용, 밀집 기울기).

    J = -log σ(u_o·v_c) - Σ_k log σ(-u_k·v_c)

    Parameters
    ----------
    center_vec : (d,) 중심 단어 벡터 v_c
    outside_idx : int, 주변 단어 o 의 인덱스
    outside_vectors : (V, d) 주변 단어 벡터 행렬 U (행 w 가 u_w)
    negative_indices : (K,) int, 뽑힌 네거티브 단어들 (중복 가능, 중복은 그만큼 더해짐)

    Returns
    -------
    loss : float
    grad_center_vec : (d,) ∂J/∂v_c
    grad_outside_vectors : (V, d) ∂J/∂U (건드린 K+1 개 이하의 행 말고는 모두 0)
    """
    center_vec, outside_idx, outside_vectors, negative_indices = _validate_pair(
        center_vec, outside_idx, outside_vectors, negative_indices
    )
    u_o = outside_vectors[outside_idx]  # (d,)
    u_neg = outside_vectors[negative_indices]  # (K, d)
    pos_score = u_o @ center_vec  # u_o·v_c
    neg_scores = u_neg @ center_vec  # (K,) u_k·v_c

    loss = -log_sigmoid(pos_score) - np.sum(log_sigmoid(-neg_scores))

    pos_coef = -sigmoid(-pos_score)  # ∂J/∂(u_o·v_c) = σ(u_o·v_c) - 1
    neg_coef = sigmoid(neg_scores)  # ∂J/∂(u_k·v_c) = σ(u_k·v_c)

    grad_center_vec = pos_coef * u_o + neg_coef @ u_neg
    grad_outside_vectors = np.zeros_like(outside_vectors)
    grad_outside_vectors[outside_idx] += pos_coef * center_vec
    # 주의: grad[negative_indices] += ... 는 중복 인덱스를 한 번만 더합니다. np.add.at 은 모두 더합니다.
    np.add.at(grad_outside_vectors, negative_indices, np.outer(neg_coef, center_vec))
    return float(loss), grad_center_vec, grad_outside_vectors


# ---------------------------------------------------------------------------
# 한 쌍, 희소 기울기 (건드린 행만)
# ---------------------------------------------------------------------------


def _neg_sampling_sparse_fast(center_vec, outside_idx, outside_vectors, negative_indices):
    """검사 없는 한 쌍 희소 계산 (벤치마크·내부용). 인자는 이미 검사되었다고 가정합니다."""
    k = negative_indices.shape[0]
    target_idx = np.empty(k + 1, dtype=np.intp)
    target_idx[0] = outside_idx
    target_idx[1:] = negative_indices
    rows = outside_vectors[target_idx]  # (K+1, d)
    z = rows @ center_vec  # 점수 s_j = u_j·v_c
    z[1:] *= -1  # 부호를 붙인 점수: z_0 = s_o, z_k = -s_k, J = -Σ_j log σ(z_j)
    softplus = np.logaddexp(0.0, -z)  # -log σ(z_j) ≥ 0
    loss = float(softplus.sum())
    coef = np.exp(-(softplus + z))  # σ(-z_j) = exp(log σ(z_j) - z_j)
    coef[0] = -coef[0]  # ∂J/∂s_j: [σ(s_o) - 1, σ(s_k)...]
    grad_center_vec = coef @ rows  # (d,)
    grad_targets = coef[:, None] * center_vec  # (K+1, d)
    return loss, grad_center_vec, target_idx, grad_targets


def neg_sampling_sparse_step(center_vec, outside_idx, outside_vectors, negative_indices, *, check=True):
    """네거티브 샘플링 한 쌍의 손실과 기울기를 건드린 행만 돌려줍니다 (희소 형태).

    밀집 (V, d) 기울기를 만들지 않으므로 비용이 V 와 무관하게 O(K·d) 입니다.

    Parameters
    ----------
    center_vec : (d,) 중심 단어 벡터 v_c
    outside_idx : int, 주변 단어 o 의 인덱스
    outside_vectors : (V, d) 주변 단어 벡터 행렬 U
    negative_indices : (K,) int, 네거티브 단어들 (중복 가능)
    check : bool, False 이면 인덱스 범위·NaN 검사를 건너뜁니다 (반복문 안에서 속도용)

    Returns
    -------
    loss : float
    grad_center_vec : (d,) ∂J/∂v_c
    target_idx : (K+1,) int, [o, k_1, ..., k_K]
    grad_targets : (K+1, d), grad_targets[j] = ∂J/∂u_{target_idx[j]} 중 j 번째 항의 몫
        (같은 인덱스가 여러 번 나오면 각각의 몫이 따로 들어 있으므로 np.add.at 으로 합쳐야 합니다)
    """
    if check:
        center_vec, outside_idx, outside_vectors, negative_indices = _validate_pair(
            center_vec, outside_idx, outside_vectors, negative_indices
        )
    else:
        center_vec = np.asarray(center_vec)
        outside_vectors = np.asarray(outside_vectors)
        negative_indices = np.asarray(negative_indices)
    return _neg_sampling_sparse_fast(center_vec, outside_idx, outside_vectors, negative_indices)


# ---------------------------------------------------------------------------
# 배치 형태 (학습기용)
# ---------------------------------------------------------------------------


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


def _float_matrix(name, value):
    arr = np.asarray(value)
    if arr.dtype.kind != "f":
        return as_float_array(name, arr, ndim=2)  # 정수는 float64 로, 그 밖은 오류
    if arr.ndim != 2:
        raise ValueError(f"`{name}`은(는) 2차원 배열이어야 합니다. 받은 형태: {arr.shape}")
    return arr


def _int_array(name, value, shape):
    arr = np.asarray(value)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"`{name}`은(는) 정수 인덱스 배열이어야 합니다. 받은 dtype: {arr.dtype}")
    if arr.shape != shape:
        want = "(" + ", ".join(map(str, shape)) + (",)" if len(shape) == 1 else ")")
        raise ValueError(f"`{name}`의 형태가 맞지 않습니다. 받은 형태: {arr.shape}, 기대한 형태: {want}")
    return arr


def _validate_batch(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, valid_negatives, check):
    """배치 입력의 형태·dtype 을 검사하고 (check=True 면 인덱스 범위도) 배열로 돌려줍니다."""
    center_vectors = _float_matrix("center_vectors", center_vectors)
    outside_vectors = _float_matrix("outside_vectors", outside_vectors)
    d = center_vectors.shape[1]
    if outside_vectors.shape[1] != d:
        raise ValueError(
            f"`outside_vectors`의 열 수 {outside_vectors.shape[1]} 가 `center_vectors`의 열 수 {d} 와 다릅니다."
        )
    center_idx = np.asarray(center_idx)
    if center_idx.ndim != 1:
        raise ValueError(f"`center_idx`는 1차원 배열이어야 합니다. 받은 형태: {center_idx.shape}")
    B = center_idx.shape[0]
    center_idx = _int_array("center_idx", center_idx, (B,))
    outside_idx = _int_array("outside_idx", outside_idx, (B,))
    negative_indices = np.asarray(negative_indices)
    if negative_indices.ndim != 2:
        raise ValueError(f"`negative_indices`는 (B, K) 2차원 배열이어야 합니다. 받은 형태: {negative_indices.shape}")
    K = negative_indices.shape[1]
    negative_indices = _int_array("negative_indices", negative_indices, (B, K))
    if valid_negatives is not None:
        valid_negatives = np.asarray(valid_negatives)
        if valid_negatives.dtype != np.bool_:
            raise TypeError(f"`valid_negatives`는 bool 배열이어야 합니다. 받은 dtype: {valid_negatives.dtype}")
        if valid_negatives.shape != (B, K):
            raise ValueError(
                f"`valid_negatives`의 형태가 맞지 않습니다. 받은 형태: {valid_negatives.shape}, "
                f"기대한 형태: ({B}, {K})"
            )
    if check:
        as_index_array("center_idx", center_idx, center_vectors.shape[0])
        as_index_array("outside_idx", outside_idx, outside_vectors.shape[0])
        as_index_array("negative_indices", negative_indices, outside_vectors.shape[0])
    return center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, valid_negatives


def _gather_batch(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, check):
    """쓰일 행을 모읍니다: target_idx (B, K+1), v_c 들 (B, d), u_t 들 (B, K+1, d)."""
    B, K = negative_indices.shape
    dtype = np.result_type(center_vectors.dtype, outside_vectors.dtype)
    target_idx = np.empty((B, K + 1), dtype=np.intp)
    target_idx[:, 0] = outside_idx
    target_idx[:, 1:] = negative_indices
    center_rows = np.take(center_vectors, center_idx, axis=0).astype(dtype, copy=False)  # (B, d)
    target_rows = np.take(outside_vectors, target_idx, axis=0).astype(dtype, copy=False)  # (B, K+1, d)
    if check:
        if not np.all(np.isfinite(center_rows)):
            raise ValueError("`center_vectors`의 (center_idx 가 가리키는) 행에 NaN 또는 무한대 값이 있습니다.")
        if not np.all(np.isfinite(target_rows)):
            raise ValueError("`outside_vectors`의 (쓰인) 행에 NaN 또는 무한대 값이 있습니다.")
    return target_idx, center_rows, target_rows


class BatchCoefficients(NamedTuple):
    """`neg_sampling_batch_coefficients` 와 `neg_sampling_coefficients` 의 결과.

    losses : (B,) 쌍마다의 손실 J_b
    coef : (B, K+1) coef[b, j] = ∂J_b/∂(u_{t_bj}·v_{c_b}), t_b = [o_b, k_b1, ..., k_bK]
        = [σ(s_o) - 1, σ(s_k1), ..., σ(s_kK)] (마스크로 뺀 네거티브는 0)
    """

    losses: np.ndarray
    coef: np.ndarray


def neg_sampling_coefficients(center_rows, target_rows, valid_negatives=None) -> BatchCoefficients:
    """이미 모아 둔 벡터로 쌍마다의 손실과 점수 계수를 계산합니다 (학습기의 안쪽 반복문용, 범위 검사 없음).

    점수 s_bj = u_{t_bj}·v_{c_b} 에 대해 J_b = -log σ(s_b0) - Σ_{j≥1} m_bj log σ(-s_bj) 이고,
    coef[b, j] = ∂J_b/∂s_bj 입니다. 벡터에 대한 기울기는 모두 이 계수로 나타낼 수 있습니다:

        ∂J_b/∂v_{c_b} = Σ_j coef[b, j] u_{t_bj}        (B, d)
        ∂J_b/∂u_{t_bj} 중 (b, j) 항의 몫 = coef[b, j] v_{c_b}   (B, K+1, d) 를 만들 필요가 없음

    Parameters
    ----------
    center_rows : (B, d) 실수, 쌍마다의 중심 단어 벡터 v_{c_b}
    target_rows : (B, K+1, d) 실수, [:, 0] 은 주변 단어 벡터 u_{o_b}, [:, 1:] 은 네거티브 벡터 u_{k_bj}
    valid_negatives : (B, K) bool 또는 None. False 인 네거티브는 손실과 계수에 아무것도 더하지 않습니다

    Returns
    -------
    BatchCoefficients(losses (B,), coef (B, K+1)), dtype 은 입력을 따릅니다
    """
    center_rows = np.asarray(center_rows)
    target_rows = np.asarray(target_rows)
    if target_rows.ndim != 3 or center_rows.shape != (target_rows.shape[0], target_rows.shape[2]):
        raise ValueError(
            "`target_rows`는 (B, K+1, d), `center_rows`는 (B, d) 형태여야 합니다. "
            f"받은 형태: target_rows {target_rows.shape}, center_rows {center_rows.shape}"
        )
    B, J = target_rows.shape[:2]
    if valid_negatives is not None:
        valid_negatives = np.asarray(valid_negatives)
        if valid_negatives.shape != (B, J - 1):
            raise ValueError(
                f"`valid_negatives`의 형태가 맞지 않습니다. 받은 형태: {valid_negatives.shape}, "
                f"기대한 형태: ({B}, {J - 1})"
            )
    dtype = np.result_type(center_rows.dtype, target_rows.dtype, np.float32)
    # 점수 s_bj = u_j·v_c: (B, K+1, d) @ (B, d, 1) -> (B, K+1)
    scores = np.matmul(target_rows, center_rows[:, :, None])[:, :, 0].astype(dtype, copy=False)
    # 부호 붙인 점수 z: z_0 = s_o, z_k = -s_k 이면 J_b = -Σ_j log σ(z_bj)
    sign = np.full(J, -1.0, dtype=dtype)
    sign[:1] = 1.0
    z = scores * sign
    # -log σ(z) = log(1 + e^{-z}) = log1p(e^{-|z|}) + max(-z, 0): 큰 |z| 에서도 넘침 없음
    softplus = np.log1p(np.exp(-np.abs(z)))
    softplus -= np.minimum(z, 0)
    coef = np.exp(-(softplus + z))  # σ(-z) = exp(log σ(z) - z)
    # ∂J/∂s = [σ(s_o) - 1, σ(s_k)...] = σ(-z) × [-1, 1, ..., 1]; 마스크로 뺀 네거티브는 0
    if valid_negatives is None:
        coef *= -sign
        losses = softplus @ np.ones(J, dtype=dtype)  # 행마다의 합 (짧은 행에는 sum(axis=1) 보다 빠름)
    else:
        factor = np.empty((B, J), dtype=dtype)
        factor[:, 0] = -1.0
        factor[:, 1:] = valid_negatives
        coef *= factor
        softplus *= np.abs(factor)
        losses = softplus @ np.ones(J, dtype=dtype)
    return BatchCoefficients(losses, coef)


def neg_sampling_batch_coefficients(
    center_vectors,
    outside_vectors,
    center_idx,
    outside_idx,
    negative_indices,
    valid_negatives=None,
    *,
    check=True,
) -> BatchCoefficients:
    """B 개 쌍의 손실과, 기울기 대신 점수마다의 계수 coef (B, K+1) 를 돌려줍니다 (계수 형태).

    J_b = -log σ(u_{o_b}·v_{c_b}) - Σ_j m_{bj} log σ(-u_{k_bj}·v_{c_b})   (m = valid_negatives)

    t_b = [o_b, k_b1, ..., k_bK] 라 하면 coef[b, j] = ∂J_b/∂(u_{t_bj}·v_{c_b}) 이고

        grad_center[b]     = Σ_j coef[b, j] u_{t_bj}     (∂J_b/∂v_{c_b})
        grad_targets[b, j] = coef[b, j] v_{c_b}          (∂J_b/∂u_{t_bj} 중 (b, j) 항의 몫)

    `neg_sampling_batch` 는 이 계수로 두 기울기를 만들어 돌려줍니다. 학습기는 (B, K+1, d) 크기의
    grad_targets 를 만들지 않고, "행 t_bj 에 coef[b, j] × v_{c_b} 를 더하기" 를 희소 행렬 곱 한 번으로 처리합니다
    (`sgns.scatter.scatter_add_weighted`).

    Parameters
    ----------
    center_vectors : (V, d) 중심 단어 벡터 행렬 (행 w 가 v_w)
    outside_vectors : (V', d) 주변 단어 벡터 행렬 U (행 w 가 u_w)
    center_idx : (B,) int, 중심 단어 인덱스 c_b
    outside_idx : (B,) int, 주변 단어 인덱스 o_b
    negative_indices : (B, K) int, 네거티브 단어 인덱스 (중복 가능)
    valid_negatives : (B, K) bool 또는 None. False 인 네거티브는 손실과 계수에 아무것도 더하지 않습니다
    check : bool, True 이면 인덱스 범위와, 쓰인 행의 NaN·inf 를 검사합니다 (형태 검사는 항상 함)

    Returns
    -------
    BatchCoefficients(losses (B,), coef (B, K+1)), 실수 dtype 은 입력을 따릅니다
    """
    center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, valid_negatives = _validate_batch(
        center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, valid_negatives, check
    )
    _, center_rows, target_rows = _gather_batch(
        center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, check
    )
    return neg_sampling_coefficients(center_rows, target_rows, valid_negatives)


def neg_sampling_batch(
    center_vectors,
    outside_vectors,
    center_idx,
    outside_idx,
    negative_indices,
    valid_negatives=None,
    *,
    check=True,
) -> BatchGradients:
    """B 개의 (중심, 주변) 쌍에 대한 네거티브 샘플링 손실과 기울기를 한꺼번에 계산합니다.

    J_b = -log σ(u_{o_b}·v_{c_b}) - Σ_j m_{bj} log σ(-u_{k_bj}·v_{c_b})   (m = valid_negatives)

    (V, d) 크기의 기울기는 만들지 않고, 건드린 행의 기울기만 돌려줍니다.
    합칠 때는 `np.add.at(grad_U, target_idx, grad_targets)` 처럼 중복을 모두 더해야 합니다.
    계산은 계수 형태 (`neg_sampling_batch_coefficients`) 와 같고, 계수에 벡터를 곱해 기울기를 만듭니다.

    Parameters
    ----------
    center_vectors : (V, d) 중심 단어 벡터 행렬 (행 w 가 v_w)
    outside_vectors : (V', d) 주변 단어 벡터 행렬 U (행 w 가 u_w)
    center_idx : (B,) int, 중심 단어 인덱스 c_b
    outside_idx : (B,) int, 주변 단어 인덱스 o_b
    negative_indices : (B, K) int, 네거티브 단어 인덱스
    valid_negatives : (B, K) bool 또는 None. False 인 네거티브는 손실과 기울기에 아무것도 더하지 않습니다
        (예: 네거티브가 우연히 정답 주변 단어와 같을 때 건너뛰기)
    check : bool, True 이면 인덱스 범위와, 쓰인 행의 NaN·inf 를 검사합니다.
        형태 검사는 항상 합니다. 학습 반복문에서는 False 로 빠르게.

    Returns
    -------
    BatchGradients(losses (B,), grad_center (B, d), target_idx (B, K+1), grad_targets (B, K+1, d))
        실수 배열의 dtype 은 입력을 따릅니다 (float32 입력이면 float32).
    """
    center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, valid_negatives = _validate_batch(
        center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, valid_negatives, check
    )
    target_idx, center_rows, target_rows = _gather_batch(
        center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, check
    )
    losses, coef = neg_sampling_coefficients(center_rows, target_rows, valid_negatives)
    grad_center = np.matmul(coef[:, None, :], target_rows)[:, 0, :]  # (B, d) Σ_j coef_bj u_j
    grad_targets = coef[:, :, None] * center_rows[:, None, :]  # (B, K+1, d) coef_bj v_c
    return BatchGradients(losses, grad_center, target_idx, grad_targets)


# ---------------------------------------------------------------------------
# 3장용 작은 도우미
# ---------------------------------------------------------------------------


def sigma_scores(center_vec, outside_vectors, indices) -> np.ndarray:
    """σ(u_i·v_c): 모델이 (c, i) 를 '진짜 쌍' 이라고 보는 확률.

    Parameters
    ----------
    center_vec : (d,) 중심 단어 벡터 v_c
    outside_vectors : (V, d) 주변 단어 벡터 행렬 U
    indices : (n,) int, 점수를 볼 단어들의 인덱스

    Returns
    -------
    probs : (n,) 각 단어 i 에 대한 σ(u_i·v_c), 0 과 1 사이
    """
    outside_vectors = as_float_array("outside_vectors", outside_vectors, ndim=2)
    center_vec = as_float_array("center_vec", center_vec, shape=(outside_vectors.shape[1],))
    indices = as_index_array("indices", indices, outside_vectors.shape[0], ndim=1)
    return np.asarray(sigmoid(outside_vectors[indices] @ center_vec))
