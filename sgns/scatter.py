"""중복 인덱스를 모두 더하는 scatter-add (학습기의 갱신 단계).

미니배치 하나에서 같은 단어가 여러 번 나오는 것은 흔한 일입니다 ("the" 가 네거티브로 수십 번 뽑히는 등).
그런데 numpy 의 ``W[idx] += upd`` 는 ``W[idx] = W[idx] + upd`` 로 풀리므로, 같은 행에 대한 여러 갱신 중
**마지막 하나만 남고 나머지는 조용히 사라집니다.** 올바른 답은 ``np.add.at(W, idx, upd)`` 이지만 느립니다.

여기서는 같은 결과를 빠르게 얻습니다.

1. 등장한 행을 모읍니다: uniq (m,) 과, 각 갱신이 uniq 의 몇 번째인지 inverse (n,).
2. 원-핫 희소 행렬 M (m, n) (M[inverse[j], j] = 1) 을 만들어 ``M @ upd`` 로 같은 행끼리 더합니다.
   열마다 0 이 아닌 값이 정확히 하나이므로 CSC 형식이면 만드는 비용이 사실상 없습니다
   (indptr = 0..n, indices = inverse).
3. ``target[uniq] += summed`` 는 이제 uniq 에 중복이 없으므로 안전합니다.

scipy 의 C 루프를 직접 부를 수 있으면 한 걸음 더 나아가, 원-핫 행렬 (V, n) 과 갱신의 곱을 target 에
곧바로 더합니다 (uniq 도, 중간 배열도 필요 없음). 결과는 같고 (부동소수점 반올림 차이만 있음),
학습기에서 훨씬 빠릅니다.

갱신이 "가중치 × 벡터" 꼴이면 (네거티브 샘플링의 주변 단어 쪽 갱신 coef[b, j] v_{c_b} 처럼) 갱신 배열
(B, K+1, d) 을 만들 필요도 없습니다. 원-핫 대신 가중치를 값으로 둔 희소 행렬 M (V, B)
(열 b 에 행 row_idx[b, j], 값 weights[b, j]) 을 만들어 ``M @ vectors`` 를 더하면 됩니다
(`scatter_add_weighted`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from sgns._validate import as_float_array, as_index_array

__all__ = ["scatter_add", "scatter_add_parts", "scatter_add_weighted", "unique_inverse"]

# 어휘 크기 V 가 갱신 수 n 의 이 배수보다 작으면 길이 V 의 표시 배열로 uniq 를 찾습니다 (O(V + n), 정렬 없음).
# 그보다 크면 np.unique (정렬, O(n log n)) 가 더 쌉니다.
_MARK_FACTOR = 32

try:  # scipy 의 내부 C 함수 (Y += M @ X, M 은 CSC). 없으면 공개 API 로 돌아갑니다.
    from scipy.sparse._sparsetools import csc_matvecs as _csc_matvecs
except ImportError:  # pragma: no cover - scipy 내부 구조가 바뀐 경우
    _csc_matvecs = None


def unique_inverse(idx: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """등장한 인덱스와 역인덱스: ``uniq[inverse] == idx``.

    Parameters
    ----------
    idx : (n,) int, 0 이상 size 미만
    size : int, 인덱스가 가리키는 배열의 행 수 V

    Returns
    -------
    uniq : (m,) int64, 오름차순, 중복 없음
    inverse : (n,) int64
    """
    if size <= _MARK_FACTOR * max(idx.shape[0], 1):
        present = np.zeros(size, dtype=bool)
        present[idx] = True
        uniq = np.flatnonzero(present)
        position = np.empty(size, dtype=np.int64)
        position[uniq] = np.arange(uniq.shape[0])
        return uniq, position[idx]
    uniq, inverse = np.unique(idx, return_inverse=True)
    return uniq, inverse.reshape(-1)


def _scatter_add_in_place(target, idx_parts, update_parts, scale) -> bool:
    """원-핫 행렬 곱 M @ upd 를 target 에 바로 더합니다 (uniq 없이, 정렬 없이). 못 하면 False.

    scipy 의 C 루프 ``csc_matvecs`` 는 Y += M @ X 를 계산합니다. M 을 (V, n) 원-핫 행렬
    (열 j 에 값 scale 하나, 행 idx[j]) 로, Y 를 target 자체로 주면 "열 j 마다 target[idx[j]] += scale * X[j]"
    가 되어 중복까지 모두 더한 scatter-add 가 됩니다. 공개 API 가 아니므로 쓸 수 없으면 False 를 돌려줍니다.
    """
    if _csc_matvecs is None or not target.flags.c_contiguous or target.dtype not in (np.float32, np.float64):
        return False
    n_rows, d = target.shape
    flat_target = target.reshape(-1)  # C 연속이므로 복사가 아니라 같은 메모리
    for idx, upd in zip(idx_parts, update_parts, strict=True):
        idx = np.ascontiguousarray(idx, dtype=np.intp).reshape(-1)
        upd = np.ascontiguousarray(upd, dtype=target.dtype).reshape(-1, d)
        n = idx.shape[0]
        data = np.full(n, scale, dtype=target.dtype)
        indptr = np.arange(n + 1, dtype=np.intp)
        _csc_matvecs(n_rows, n, d, indptr, idx, data, upd.reshape(-1), flat_target)
    return True


def scatter_add_parts(target: np.ndarray, idx_parts: Sequence, update_parts: Sequence, scale=1.0) -> None:
    """여러 묶음의 갱신을 한 번에 더합니다 (검사 없음, 학습기용).

    target[idx_parts[p][j]] += scale * update_parts[p][j]  (모든 p, j 에 대해, 중복은 모두 더함)

    두 행렬을 한 버퍼 (2V, d) 에 나란히 두면 (v 는 위 절반, u 는 아래 절반) 중심 단어 쪽과 주변 단어 쪽 갱신을
    이 함수 한 번으로 처리할 수 있습니다.

    Parameters
    ----------
    target : (V, d) 실수 배열, 제자리에서 바뀝니다
    idx_parts : (n_p,) int 배열들의 나열 (다차원이면 펼쳐서 씀)
    update_parts : (n_p, d) 실수 배열들의 나열 (앞쪽 축들은 idx_parts 와 같은 모양, 예: (B, K+1, d))
    scale : float, 모든 갱신에 곱할 값 (예: -학습률)
    """
    if _scatter_add_in_place(target, idx_parts, update_parts, scale):
        return
    # 공개 API 만 쓰는 길: uniq 를 찾아 (m, n_p) 원-핫 행렬을 CSC 로 만들고 M_p @ upd_p 를 더한 뒤 target[uniq] 에.
    d = target.shape[1]
    idx_all = np.concatenate([np.asarray(i).reshape(-1) for i in idx_parts])
    uniq, inverse = unique_inverse(idx_all, target.shape[0])
    summed = np.zeros((uniq.shape[0], d), dtype=target.dtype)
    start = 0
    for upd in update_parts:
        upd = np.asarray(upd).reshape(-1, d)
        n = upd.shape[0]
        data = np.full(n, scale, dtype=upd.dtype)
        onehot = sp.csc_matrix((data, inverse[start : start + n], np.arange(n + 1)), shape=(uniq.shape[0], n))
        start += n
        summed += onehot @ upd
    target[uniq] += summed  # uniq 에는 중복이 없으므로 안전


def scatter_add_weighted(target, row_idx, weights, vectors, *, scale=1.0, check=True) -> None:
    """가중치 × 벡터 꼴의 갱신을 중복까지 모두 더합니다 (제자리 갱신).

    target[row_idx[b, j]] += scale * weights[b, j] * vectors[b]   (모든 b, j 에 대해, 중복은 모두 더함)

    ``np.add.at(target, row_idx, scale * weights[:, :, None] * vectors[:, None, :])`` 와 같지만 (B, J, d)
    크기의 갱신 배열을 만들지 않습니다. 희소 행렬 M (V, B) (열 b 에 행 row_idx[b, j] 마다 값 weights[b, j],
    같은 행이 두 번 나오면 둘 다) 과 vectors 의 곱 M @ vectors 를 target 에 더하는 것과 같습니다.

    예: 네거티브 샘플링에서 주변 단어 쪽 SGD 갱신은 row_idx = target_idx (B, K+1), weights = coef (B, K+1),
    vectors = 중심 단어 벡터 v_{c_b} (B, d), scale = -학습률.

    Parameters
    ----------
    target : (V, d) 실수 배열, 제자리에서 바뀝니다
    row_idx : (B, J) int, 0 이상 V 미만 (중복 가능)
    weights : (B, J) 실수, 갱신마다의 가중치
    vectors : (B, d) 실수, 줄 b 의 갱신들이 공유하는 벡터
    scale : float, 모든 갱신에 곱할 값 (예: -학습률)
    check : bool, False 이면 형태·범위 검사를 건너뜁니다 (반복문 안에서 속도용)

    Returns
    -------
    None (target 이 바뀝니다)
    """
    if check:
        _check_target(target)
        row_idx = as_index_array("row_idx", row_idx, target.shape[0], ndim=2)
        weights = as_float_array("weights", weights, shape=row_idx.shape)
        vectors = as_float_array("vectors", vectors, shape=(row_idx.shape[0], target.shape[1]))
    n_rows, d = target.shape
    B, J = row_idx.shape
    dtype = target.dtype
    idx = np.ascontiguousarray(row_idx, dtype=np.intp).reshape(-1)
    data = np.multiply(weights, scale, dtype=dtype).reshape(-1)  # 열 b 의 값들 = scale * weights[b, :]
    vectors = np.ascontiguousarray(vectors, dtype=dtype)
    indptr = np.arange(0, B * J + 1, J, dtype=np.intp) if J > 0 else np.zeros(B + 1, dtype=np.intp)
    if _csc_matvecs is not None and target.flags.c_contiguous and dtype in (np.float32, np.float64):
        # target += M @ vectors 를 scipy 의 C 루프로 바로 (M 은 (V, B) CSC, 열 b 의 0 아닌 값 J 개)
        _csc_matvecs(n_rows, B, d, indptr, idx, np.ascontiguousarray(data), vectors.reshape(-1), target.reshape(-1))
        return
    # 공개 API 만 쓰는 길: 등장한 행 uniq 로 줄인 (m, B) 행렬을 만들어 곱한 뒤 target[uniq] 에 더합니다.
    uniq, inverse = unique_inverse(idx, n_rows)
    matrix = sp.csc_matrix((data, inverse, indptr), shape=(uniq.shape[0], B))
    target[uniq] += matrix @ vectors  # uniq 에는 중복이 없으므로 안전


def _check_target(target) -> None:
    if not isinstance(target, np.ndarray) or target.dtype.kind != "f" or target.ndim != 2:
        raise TypeError(
            "`target`은(는) 제자리에서 바꿀 수 있는 2차원 실수 numpy 배열이어야 합니다. "
            f"받은 값: {type(target).__name__}"
            + (f", shape {target.shape}, dtype {target.dtype}" if isinstance(target, np.ndarray) else "")
        )


def scatter_add(target, idx, updates, *, scale=1.0, check=True) -> None:
    """``np.add.at(target, idx, scale * updates)`` 와 같은 일을 빠르게 (제자리 갱신).

    Parameters
    ----------
    target : (V, d) 실수 배열. 제자리에서 바뀝니다
    idx : (n,) int, 0 이상 V 미만. 중복 가능 (중복은 모두 더해짐)
    updates : (n, d) 실수 배열
    scale : float, 더하기 전에 곱할 값 (기본 1)
    check : bool, False 이면 형태·범위 검사를 건너뜁니다 (반복문 안에서 속도용)

    Returns
    -------
    None (target 이 바뀝니다)
    """
    if check:
        _check_target(target)
        idx = as_index_array("idx", idx, target.shape[0], ndim=1)
        updates = as_float_array("updates", updates, shape=(idx.shape[0], target.shape[1]))
    scatter_add_parts(target, [idx], [np.asarray(updates)], scale)
