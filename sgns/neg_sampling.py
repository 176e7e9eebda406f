"""네거티브 샘플링 손실과 기울기 (4장: 수학적 정의).

한 쌍 (c, o) 와 K 개의 네거티브 샘플 k_1..k_K 에 대한 손실:

    J = -log σ(u_o·v_c) - Σ_k log σ(-u_k·v_c)

기울기 (σ'(x) = σ(x)(1 - σ(x)), 1 - σ(x) = σ(-x) 를 쓰면):

    ∂J/∂v_c = -σ(-u_o·v_c) u_o + Σ_k σ(u_k·v_c) u_k
    ∂J/∂u_o = -σ(-u_o·v_c) v_c
    ∂J/∂u_k =  σ(u_k·v_c) v_c        (같은 k 가 두 번 뽑히면 두 번 더함)
    그 밖의 행 = 0

즉 한 번의 갱신이 건드리는 U 의 행은 많아야 K+1 개입니다 (naive softmax 는 V 개).

모든 기울기는 "점수마다의 계수 × 벡터" 꼴입니다. 점수 s_j = u_{t_j}·v_c (t = [o, k_1, ..., k_K]) 에 대해
계수 coef_j = ∂J/∂s_j = [σ(s_o) - 1, σ(s_k1), ..., σ(s_kK)] 이면 ∂J/∂v_c = Σ_j coef_j u_{t_j},
∂J/∂u_{t_j} 의 몫 = coef_j v_c 입니다.

이 모듈의 세 가지 형태 (계산은 모두 같은 식):

- 한 쌍: `neg_sampling_sparse_gradient` 가 식을 그대로 계산해 건드린 K+1 개 행의 기울기만 돌려주고 (2장의 시간
  비교), 교육용 `neg_sampling_loss_and_gradient` 는 그것을 ∂J/∂U 의 (V, d) 밀집 행렬로 모아 돌려줍니다.
- `neg_sampling_coefficients`: 계수 형태. 미리 모아 둔 벡터 (B, d), (B, K+1, d) 로 B 쌍의 손실과 계수
  coef (B, K+1) 만 계산합니다. 학습기(`sgns.train`)가 쓰는 형태입니다.
- `neg_sampling_batch`: 배치 형태. 인덱스로 B 쌍을 받아 계수 형태로 계산한 뒤 건드린 행의 기울기를 돌려줍니다.

계수 형태의 부동소수점 계산은 CPU 에 따라 결과가 달라지지 않도록 골랐습니다. BLAS 의 행렬 곱
(``np.matmul``)은 CPU 마다 다른 커널을 골라 덧셈 순서가 달라지고 (마지막 자리가 달라짐), 긴 학습에서는 그 차이가
자라서 같은 seed 로도 기계마다 다른 벡터가 나옵니다. 그래서 점수는 ``numpy.einsum`` 으로, 계수는
σ(-z) = 1/(1 + e^z) 로 계산합니다 (log1p 처럼 CPU 에 따라 구현이 바뀌는 함수는 손실 값에만 씁니다).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from sgns._validate import (
    as_float_array,
    as_index,
    as_index_array,
    as_int_array,
    check_finite_result,
    magnitudes,
)
from sgns.functions import scaled_dot

# e^z 가 넘치지 않는 z 의 상한 (log(dtype 의 최댓값) - 1): float32 약 87.7, float64 약 708.8
_EXP_LIMIT = {np.dtype(t): float(np.log(np.finfo(t).max)) - 1.0 for t in (np.float32, np.float64)}

__all__ = [
    "neg_sampling_loss_and_gradient",
    "neg_sampling_sparse_gradient",
    "SparseGradient",
    "neg_sampling_coefficients",
    "neg_sampling_batch",
    "BatchCoefficients",
    "BatchGradients",
]


# ---------------------------------------------------------------------------
# 교육용: 한 쌍, 식 그대로, 밀집 기울기
# ---------------------------------------------------------------------------


def _validate_pair(center_vec, outside_idx, outside_vectors, negative_indices):
    outside_vectors = as_float_array("outside_vectors", outside_vectors, ndim=2)
    V, d = outside_vectors.shape
    center_vec = as_float_array("center_vec", center_vec, shape=(d,))
    outside_idx = as_index("outside_idx", outside_idx, V)
    negative_indices = as_index_array("negative_indices", negative_indices, V, ndim=1)
    return center_vec, outside_idx, outside_vectors, negative_indices


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


def neg_sampling_sparse_gradient(
    center_vec, outside_idx, outside_vectors, negative_indices, *, check: bool = True
) -> SparseGradient:
    """네거티브 샘플링 한 쌍의 손실과, 건드린 K+1 개 행의 기울기만 (희소 형태).

    밀집 (V, d) 기울기를 만들지 않으므로 비용이 V 와 무관하게 O(K·d) 입니다 (2장에서 naive softmax 와 비교).

    Parameters
    ----------
    center_vec : (d,) 중심 단어 벡터 v_c
    outside_idx : int, 주변 단어 o 의 인덱스
    outside_vectors : (V, d) 주변 단어 벡터 행렬 U (행 w 가 u_w)
    negative_indices : (K,) int, 뽑힌 네거티브 단어들 (중복 가능)
    check : bool, False 이면 입력 검사를 건너뜁니다 (시간을 잴 때). 그때는 인자가 올바른 numpy 배열이라고 가정합니다.

    Returns
    -------
    SparseGradient(loss, grad_center_vec (d,), target_idx (K+1,), grad_targets (K+1, d))
    """
    if check:
        center_vec, outside_idx, outside_vectors, negative_indices = _validate_pair(
            center_vec, outside_idx, outside_vectors, negative_indices
        )
    target_idx = np.empty(len(negative_indices) + 1, dtype=np.intp)  # t = [o, k_1, ..., k_K]
    target_idx[0] = outside_idx
    target_idx[1:] = negative_indices
    rows = outside_vectors[target_idx]  # (K+1, d): u_o, u_k1, ..., u_kK
    with np.errstate(over="ignore", invalid="ignore"):
        z = rows @ center_vec  # 점수 s_j = u_j·v_c
    if not np.isfinite(z).all():  # 점수가 float64 를 넘음 (벡터 원소가 1e154 쯤): 넘치지 않게 다시
        z = _overflowing_scores(rows, center_vec)
    z[1:] *= -1  # 부호 붙인 점수 z_0 = s_o, z_k = -s_k 이면 J = -Σ_j log σ(z_j)
    terms = np.logaddexp(0.0, -z)  # -log σ(z_j) = log(1 + e^{-z_j}) (넘침 없이)
    with np.errstate(over="ignore"):
        loss = float(terms.sum())  # 합이 float64 를 넘으면 inf: 아래에서 한국어 오류
    if not np.isfinite(loss):
        check_finite_result("손실 J", loss, magnitudes(center_vec=center_vec, outside_vectors=rows))
    with np.errstate(under="ignore"):
        coef = np.exp(-(terms + z))  # σ(-z_j) = e^{log σ(z_j) - z_j}
    coef[0] = -coef[0]  # ∂J/∂s_j = [σ(s_o) - 1, σ(s_k1), ..., σ(s_kK)]
    with np.errstate(over="ignore", invalid="ignore"):
        grad_center_vec = coef @ rows  # ∂J/∂v_c = -σ(-s_o) u_o + Σ_k σ(s_k) u_k
    if not np.isfinite(grad_center_vec).all():  # 중간 합만 넘쳤을 수도 있음: 2 의 거듭제곱으로 줄여 다시
        grad_center_vec = _scaled_combination(coef, rows)
        check_finite_result("∂J/∂v_c", grad_center_vec, magnitudes(center_vec=center_vec, outside_vectors=rows))
    grad_targets = np.outer(coef, center_vec)  # 행 t_j 의 몫: coef_j v_c
    return SparseGradient(loss, grad_center_vec, target_idx, grad_targets)


def _scaled_combination(coef: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """coef @ rows 를 중간 합이 넘치지 않게 (``scaled_dot``; 참값이 float64 를 넘을 때만 inf)."""
    mantissas, exponent = scaled_dot(rows.T, coef)
    with np.errstate(over="ignore"):
        return np.ldexp(mantissas, exponent)


def _overflowing_scores(rows: np.ndarray, center_vec: np.ndarray) -> np.ndarray:
    """float64 를 넘는 점수는 ±inf 로 (NaN 없이): σ(±inf) 는 정확히 1 또는 0 이므로 계수는 그대로 맞습니다.

    rows : (n, d), center_vec : (d,).  반환: (n,) float64 점수 u_j·v_c
    """
    mantissas, exponent = scaled_dot(rows, center_vec)
    with np.errstate(over="ignore"):
        return np.ldexp(mantissas, exponent)


def neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, negative_indices):
    """네거티브 샘플링 손실과 기울기 (교육용, 밀집 기울기).

    J = -log σ(u_o·v_c) - Σ_k log σ(-u_k·v_c)

    계산은 희소 형태 (`neg_sampling_sparse_gradient`) 로 하고, 건드린 행의 몫을 (V, d) 행렬에 모읍니다.

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
    loss, grad_center_vec, target_idx, grad_targets = neg_sampling_sparse_gradient(
        center_vec, outside_idx, outside_vectors, negative_indices, check=False
    )
    grad_outside_vectors = np.zeros_like(outside_vectors)
    # 주의: grad[target_idx] += ... 는 중복 인덱스를 한 번만 더합니다. np.add.at 은 모두 더합니다.
    with np.errstate(over="ignore", invalid="ignore"):
        np.add.at(grad_outside_vectors, target_idx, grad_targets)
    if not np.isfinite(grad_outside_vectors[target_idx]).all():  # 같은 행이 여러 번 뽑혀 몫의 합이 넘침
        cause = magnitudes(center_vec=center_vec, outside_vectors=outside_vectors[target_idx])
        check_finite_result("∂J/∂U", grad_outside_vectors[target_idx], cause)
    return loss, grad_center_vec, grad_outside_vectors


# ---------------------------------------------------------------------------
# 계수 형태 (학습기용)
# ---------------------------------------------------------------------------


class BatchCoefficients(NamedTuple):
    """`neg_sampling_coefficients` 의 결과.

    losses : (B,) 쌍마다의 손실 J_b
    coef : (B, K+1) coef[b, j] = ∂J_b/∂(u_{t_bj}·v_{c_b}), t_b = [o_b, k_b1, ..., k_bK]
        = [σ(s_o) - 1, σ(s_k1), ..., σ(s_kK)] (마스크로 뺀 네거티브는 0)
    """

    losses: np.ndarray
    coef: np.ndarray


def neg_sampling_coefficients(center_rows, target_rows, valid_negatives=None) -> BatchCoefficients:
    """이미 모아 둔 벡터로 B 쌍의 손실과 점수 계수를 계산합니다 (학습기의 안쪽 반복문용, 범위 검사 없음).

    점수 s_bj = u_{t_bj}·v_{c_b} 에 대해 J_b = -log σ(s_b0) - Σ_{j≥1} m_bj log σ(-s_bj) 이고,
    coef[b, j] = ∂J_b/∂s_bj 입니다. 벡터에 대한 기울기는 모두 이 계수로 나타낼 수 있습니다:

        ∂J_b/∂v_{c_b} = Σ_j coef[b, j] u_{t_bj}        (B, d)
        ∂J_b/∂u_{t_bj} 중 (b, j) 항의 몫 = coef[b, j] v_{c_b}   ((B, K+1, d) 를 만들 필요가 없음)

    Parameters
    ----------
    center_rows : (B, d) 실수, 쌍마다의 중심 단어 벡터 v_{c_b}
    target_rows : (B, K+1, d) 실수, [:, 0] 은 주변 단어 벡터 u_{o_b}, [:, 1:] 은 네거티브 벡터 u_{k_bj}
    valid_negatives : (B, K) bool (또는 0/1 실수) 또는 None. False (0) 인 네거티브는 손실과 계수에 아무것도
        더하지 않습니다 (네거티브가 우연히 그 쌍의 정답 주변 단어와 같을 때 건너뛰기)

    Returns
    -------
    BatchCoefficients(losses (B,), coef (B, K+1)), dtype 은 입력을 따릅니다 (float32 이상)
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
    # 점수 s_bj = u_j·v_c (einsum: CPU 와 상관없이 같은 덧셈 순서)
    z = np.einsum("bjd,bd->bj", target_rows, center_rows).astype(dtype, copy=False)
    return _coefficients_from_scores(z, valid_negatives)


def _coefficients_from_scores(z: np.ndarray, valid_negatives) -> BatchCoefficients:
    """점수 z = s (B, K+1) 에서 손실과 계수 (``neg_sampling_coefficients`` 의 본체, z 를 제자리에서 바꿈).

    점수가 +inf 여도 맞는 값 (σ 가 정확히 1 또는 0) 이고, -inf 인 긍정 쌍 점수나 +inf 인 네거티브 점수는 손실을 inf 로
    만듭니다 (실제 손실이 float64 를 넘는 경우).
    """
    dtype, J = z.dtype, z.shape[1]
    # 부호 붙인 점수 z: z_0 = s_o, z_k = -s_k 이면 J_b = -Σ_j log σ(z_bj) 이고 ∂J_b/∂s_bj = ∓σ(-z_bj)
    z[:, 1:] *= -1
    # p = 1 + e^z 하나로 계수와 손실을 함께: 계수 σ(-z) = 1/p,  손실의 항 -log σ(z) = log(1 + e^{-z}) = log p - z.
    # e^z 가 넘치지 않게 z 를 log(dtype 의 최댓값) - 1 에서 자릅니다 (float32 는 약 87.7: 그보다 크면 σ(-z) 와
    # 손실의 항이 1e-38 보다 작아 0 과 같음).
    np.minimum(z, _EXP_LIMIT.get(dtype, 80.0), out=z)
    p = np.exp(z)
    p += 1
    coef = np.reciprocal(p)  # σ(-z)
    coef[:, 0] *= -1  # ∂J/∂s_o = σ(s_o) - 1 = -σ(-s_o),  ∂J/∂s_k = σ(s_k) = σ(-z_k)
    pair_terms = np.log(p, out=p)
    pair_terms -= z  # -log σ(z): z 가 아주 작으면 (e^z 가 0 으로 내려가면) 정확히 -z
    if valid_negatives is not None:  # 마스크로 뺀 네거티브는 계수와 손실 모두 0
        coef[:, 1:] *= valid_negatives
        pair_terms[:, 1:] *= valid_negatives
    losses = pair_terms[:, 0].copy()  # 행마다의 합 (열 순서대로 더함)
    for j in range(1, J):
        losses += pair_terms[:, j]
    return BatchCoefficients(losses, coef)


# ---------------------------------------------------------------------------
# 배치 형태
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


def _float_matrix(name, value, check):
    arr = np.asarray(value)
    if check or arr.dtype.kind != "f":
        return as_float_array(name, arr, ndim=2)  # 정수는 float64 로, NaN·inf 는 오류
    if arr.ndim != 2:
        raise ValueError(f"`{name}`은(는) 2차원 배열이어야 합니다. 받은 형태: {arr.shape}")
    return arr


def _validate_batch(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, valid_negatives, check):
    """배치 입력의 형태·dtype 을 검사하고 (check=True 면 인덱스 범위와 NaN·inf 도) 배열로 돌려줍니다."""
    center_vectors = _float_matrix("center_vectors", center_vectors, check)
    outside_vectors = _float_matrix("outside_vectors", outside_vectors, check)
    d = center_vectors.shape[1]
    if outside_vectors.shape[1] != d:
        raise ValueError(
            f"`outside_vectors`의 열 수 {outside_vectors.shape[1]} 가 `center_vectors`의 열 수 {d} 와 다릅니다."
        )
    center_idx = as_int_array("center_idx", center_idx, ndim=1)
    B = center_idx.shape[0]
    outside_idx = as_int_array("outside_idx", outside_idx, shape=(B,))
    negative_indices = as_int_array("negative_indices", negative_indices, shape=(B, None))
    K = negative_indices.shape[1]
    if valid_negatives is not None:
        valid_negatives = np.asarray(valid_negatives)
        if valid_negatives.dtype != np.bool_:
            raise TypeError(f"`valid_negatives`는 bool 배열이어야 합니다. 받은 dtype: {valid_negatives.dtype}")
        if valid_negatives.shape != (B, K):
            raise ValueError(
                f"`valid_negatives`의 형태가 맞지 않습니다. 받은 형태: {valid_negatives.shape}, 기대한 형태: ({B}, {K})"
            )
    if check:
        as_index_array("center_idx", center_idx, center_vectors.shape[0])
        as_index_array("outside_idx", outside_idx, outside_vectors.shape[0])
        as_index_array("negative_indices", negative_indices, outside_vectors.shape[0])
    return center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, valid_negatives


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
    계산은 계수 형태 (`neg_sampling_coefficients`) 로 하고, 계수에 벡터를 곱해 기울기를 만듭니다.

    Parameters
    ----------
    center_vectors : (V, d) 중심 단어 벡터 행렬 (행 w 가 v_w)
    outside_vectors : (V', d) 주변 단어 벡터 행렬 U (행 w 가 u_w)
    center_idx : (B,) int, 중심 단어 인덱스 c_b
    outside_idx : (B,) int, 주변 단어 인덱스 o_b
    negative_indices : (B, K) int, 네거티브 단어 인덱스 (중복 가능)
    valid_negatives : (B, K) bool 또는 None. False 인 네거티브는 손실과 기울기에 아무것도 더하지 않습니다
        (예: 네거티브가 우연히 정답 주변 단어와 같을 때 건너뛰기)
    check : bool, True 이면 인덱스 범위와 NaN·inf 를 검사합니다. 형태 검사는 항상 합니다.
        시간을 잴 때는 False 로 빠르게.

    Returns
    -------
    BatchGradients(losses (B,), grad_center (B, d), target_idx (B, K+1), grad_targets (B, K+1, d))
        실수 배열의 dtype 은 입력을 따릅니다 (float32 입력이면 float32).
    """
    center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, valid_negatives = _validate_batch(
        center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, valid_negatives, check
    )
    B, K = negative_indices.shape
    dtype = np.result_type(center_vectors.dtype, outside_vectors.dtype)
    target_idx = np.empty((B, K + 1), dtype=np.intp)
    target_idx[:, 0] = outside_idx
    target_idx[:, 1:] = negative_indices
    center_rows = np.take(center_vectors, center_idx, axis=0).astype(dtype, copy=False)  # (B, d) v_{c_b}
    target_rows = np.take(outside_vectors, target_idx, axis=0).astype(dtype, copy=False)  # (B, K+1, d) u_{t_bj}
    with np.errstate(over="ignore", invalid="ignore"):
        losses, coef = neg_sampling_coefficients(center_rows, target_rows, valid_negatives)
    if check and not np.isfinite(losses).all():  # 점수가 float64 를 넘음 (벡터 원소가 1e154 쯤): 넘치지 않게 다시
        losses, coef = _coefficients_without_overflow(center_rows, target_rows, valid_negatives)
    with np.errstate(over="ignore", invalid="ignore"):
        grad_center = np.einsum("bj,bjd->bd", coef, target_rows)  # (B, d) Σ_j coef_bj u_j
        grad_targets = coef[:, :, None] * center_rows[:, None, :]  # (B, K+1, d) coef_bj v_c
    if check and not np.isfinite(grad_center).all():  # 중간 합만 넘쳤을 수도 있음: 쌍마다 줄여 다시
        grad_center = np.stack([_scaled_combination(c, rows) for c, rows in zip(coef, target_rows, strict=True)])
        cause = magnitudes(center_vectors=center_rows, outside_vectors=target_rows)
        check_finite_result("∂J/∂v_c", grad_center, cause)
    return BatchGradients(losses, grad_center, target_idx, grad_targets)


def _coefficients_without_overflow(center_rows, target_rows, valid_negatives) -> BatchCoefficients:
    """점수가 float64 를 넘는 배치: 쌍마다 ``scaled_dot`` 으로 점수를 구해 (넘치면 ±inf) 손실과 계수를 계산합니다.

    손실이 float64 를 넘는 쌍이 있으면 한국어 ValueError 입니다.
    """
    z = np.stack([_overflowing_scores(rows, center) for rows, center in zip(target_rows, center_rows, strict=True)])
    if valid_negatives is not None:
        z[:, 1:][~valid_negatives] = 0.0  # 뺀 네거티브는 어차피 0 을 곱함 (inf × 0 = NaN 을 막음)
    with np.errstate(over="ignore"):
        z = z.astype(np.result_type(center_rows, target_rows), copy=False)
        result = _coefficients_from_scores(z, valid_negatives)
    check_finite_result("손실 J", result.losses, magnitudes(center_vectors=center_rows, outside_vectors=target_rows))
    return result
