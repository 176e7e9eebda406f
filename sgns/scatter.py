"""중복 인덱스를 모두 더하는 scatter-add (학습기의 갱신 단계).

미니배치 하나에서 같은 단어가 여러 번 나오는 것은 흔한 일입니다 ("the" 가 네거티브로 수십 번 뽑히는 등).
그런데 numpy 의 ``W[idx] += upd`` 는 ``W[idx] = W[idx] + upd`` 로 풀리므로, 같은 행에 대한 여러 갱신 중
**마지막 하나만 남고 나머지는 조용히 사라집니다.** 올바른 답은 ``np.add.at(W, idx, upd)`` 이지만 느립니다.

``scatter_add`` 는 같은 결과를 빠르게 얻습니다. 갱신이 "가중치 × 벡터" 꼴이면 (네거티브 샘플링의 주변 단어 쪽
갱신 coef[b, j] v_{c_b} 처럼) 갱신 배열 (B, J, d) 을 만들 필요도 없습니다. 가중치를 값으로 둔 희소 행렬
M (V, B) (열 b 에 행 row_idx[b, j] 마다 값 weights[b, j], 같은 행이 두 번 나오면 둘 다) 을 만들면

    target += M @ vectors

가 "모든 b, j 에 대해 target[row_idx[b, j]] += weights[b, j] · vectors[b]" 를 중복까지 모두 더한 것과 같습니다.
열마다 0 이 아닌 값이 J 개로 정해져 있으므로 CSC 형식이면 만드는 비용이 사실상 없습니다
(indptr = 0, J, 2J, ..., indices = row_idx 를 펼친 것).

곱셈은 scipy 의 C 루프 ``csc_matvecs`` (Y += M @ X) 로 target 에 곧바로 더합니다. 공개 API 가 아니므로,
쓸 수 없으면 공개 API 만 쓰는 길 (등장한 행 uniq 로 줄인 행렬을 만들어 곱한 뒤 ``target[uniq] +=``) 로
돌아갑니다. 두 길의 결과는 같습니다 (부동소수점 반올림 차이만 있음).
"""

from __future__ import annotations

import functools

import numpy as np

from sgns._validate import as_finite_float, as_float_array, as_index_array

__all__ = ["scatter_add"]

# 어휘 크기 V 가 갱신 수 n 의 이 배수보다 작으면 길이 V 의 표시 배열로 uniq 를 찾습니다 (O(V + n), 정렬 없음).
# 그보다 크면 np.unique (정렬, O(n log n)) 가 더 쌉니다.
_MARK_FACTOR = 32


@functools.cache
def _scipy_csc_matvecs():
    """scipy 의 내부 C 함수 csc_matvecs (Y += M @ X, M 은 CSC). 없으면 None (scipy 는 처음 쓸 때 불러옵니다)."""
    try:
        from scipy.sparse._sparsetools import csc_matvecs
    except ImportError:  # pragma: no cover - scipy 내부 구조가 바뀐 경우
        return None
    return csc_matvecs


def scatter_add(target, row_idx, vectors, weights=None, *, scale=1.0, check=True) -> None:
    """중복 인덱스까지 모두 더하는 scatter-add (제자리 갱신).

    target[row_idx[b, j]] += scale * weights[b, j] * vectors[b]   (모든 b, j 에 대해, 중복은 모두 더함)

    row_idx 가 1차원 (B,) 이고 weights 가 None 이면 ``np.add.at(target, row_idx, scale * vectors)`` 와 같습니다.
    2차원이면 ``np.add.at(target, row_idx, scale * weights[:, :, None] * vectors[:, None, :])`` 와 같지만
    (B, J, d) 크기의 갱신 배열을 만들지 않습니다.

    예: 네거티브 샘플링의 주변 단어 쪽 SGD 갱신은 row_idx = target_idx (B, K+1), weights = coef (B, K+1),
    vectors = 중심 단어 벡터 v_{c_b} (B, d), scale = -학습률.

    Parameters
    ----------
    target : (V, d) 실수 배열, 제자리에서 바뀝니다
    row_idx : (B,) 또는 (B, J) int, 0 이상 V 미만 (중복 가능)
    vectors : (B, d) 실수, 줄 b 의 갱신들이 공유하는 벡터
    weights : row_idx 와 같은 형태의 실수, 또는 None (모두 1)
    scale : float, 모든 갱신에 곱할 값 (예: -학습률)
    check : bool, False 이면 형태·범위 검사를 건너뜁니다 (학습기의 반복문 안에서 속도용)

    Returns
    -------
    None (target 이 바뀝니다)
    """
    if check:
        _check_target(target)
        row_idx = as_index_array("row_idx", row_idx, target.shape[0])
        if row_idx.ndim not in (1, 2):
            raise ValueError(f"`row_idx`는 (B,) 또는 (B, J) 배열이어야 합니다. 받은 형태: {row_idx.shape}")
        vectors = as_float_array("vectors", vectors, shape=(row_idx.shape[0], target.shape[1]))
        if weights is not None:
            weights = as_float_array("weights", weights, shape=row_idx.shape)
        scale = as_finite_float("scale", scale)
    n_rows, d = target.shape
    B = row_idx.shape[0]
    J = 1 if row_idx.ndim == 1 else row_idx.shape[1]
    dtype = target.dtype
    idx = np.ascontiguousarray(row_idx, dtype=np.intp).reshape(-1)
    if weights is None:
        data = np.full(B * J, scale, dtype=dtype)
    else:
        data = np.multiply(weights, scale, dtype=dtype).reshape(-1)  # 열 b 의 값들 = scale * weights[b, :]
    vectors = np.ascontiguousarray(vectors, dtype=dtype)
    indptr = _column_starts(B, J)
    csc_matvecs = _scipy_csc_matvecs()
    if csc_matvecs is not None and target.flags.c_contiguous and dtype in (np.float32, np.float64):
        # target += M @ vectors 를 scipy 의 C 루프로 바로 (M 은 (V, B) CSC, 열 b 의 0 아닌 값 J 개)
        csc_matvecs(n_rows, B, d, indptr, idx, np.ascontiguousarray(data), vectors.reshape(-1), target.reshape(-1))
        return
    _scatter_add_public(target, idx, data, indptr, vectors)


@functools.lru_cache(maxsize=8)
def _column_starts(B: int, J: int) -> np.ndarray:
    """열 b 의 0 아닌 값이 J 개인 CSC 행렬의 indptr = 0, J, 2J, ..., BJ (학습기는 같은 (B, J) 를 되풀이해 씀)."""
    starts = np.arange(0, B * J + 1, J, dtype=np.intp) if J > 0 else np.zeros(B + 1, dtype=np.intp)
    starts.flags.writeable = False
    return starts


def _scatter_add_public(target, idx, data, indptr, vectors) -> None:
    """공개 API 만 쓰는 길: 등장한 행 uniq 로 줄인 (m, B) 행렬을 만들어 곱한 뒤 target[uniq] 에 더합니다."""
    import scipy.sparse as sp

    uniq, inverse = _unique_inverse(idx, target.shape[0])
    matrix = sp.csc_matrix((data, inverse, indptr), shape=(uniq.shape[0], vectors.shape[0]))
    target[uniq] += matrix @ vectors  # uniq 에는 중복이 없으므로 안전


def _unique_inverse(idx: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """등장한 인덱스와 역인덱스: ``uniq[inverse] == idx``.

    idx : (n,) int, 0 이상 size 미만.  반환: uniq (m,) 오름차순·중복 없음, inverse (n,)
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


def _check_target(target) -> None:
    if not isinstance(target, np.ndarray) or target.dtype.kind != "f" or target.ndim != 2:
        raise TypeError(
            "`target`은(는) 제자리에서 바꿀 수 있는 2차원 실수 numpy 배열이어야 합니다. "
            f"받은 값: {type(target).__name__}"
            + (f", shape {target.shape}, dtype {target.dtype}" if isinstance(target, np.ndarray) else "")
        )
