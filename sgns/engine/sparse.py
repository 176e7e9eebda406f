"""scatter-add 의 곱 ``target += M @ vectors`` 를 제자리에서 (``sgns.scatter.scatter_add`` 가 부름).

M 은 (V, B) CSC 희소 행렬이고 열 b 의 0 아닌 값은 J 개입니다. 곱셈은 scipy 의 C 루프 ``csc_matvecs``
(Y += M @ X) 로 target 에 곧바로 더합니다. 공개 API 가 아니므로, 쓸 수 없으면 (또는 target 이 C 순서가 아니면)
공개 API 만 쓰는 길 (등장한 행 uniq 로 줄인 행렬을 만들어 곱한 뒤 ``target[uniq] +=``) 로 갑니다.
두 길의 결과는 같습니다 (부동소수점 반올림 차이만 있음). scipy 는 처음 곱할 때 불러옵니다.
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = ["add_csc_product", "column_starts"]

# 어휘 크기 V 가 갱신 수 n 의 이 배수보다 작으면 길이 V 의 표시 배열로 uniq 를 찾습니다 (O(V + n), 정렬 없음).
# 그보다 크면 np.unique (정렬, O(n log n)) 가 더 쌉니다.
_MARK_FACTOR = 32


@functools.cache
def _scipy_csc_matvecs():
    """scipy 의 내부 C 함수 csc_matvecs (Y += M @ X, M 은 CSC). 없으면 None."""
    try:
        from scipy.sparse._sparsetools import csc_matvecs
    except ImportError:  # pragma: no cover - scipy 내부 구조가 바뀐 경우
        return None
    return csc_matvecs


@functools.lru_cache(maxsize=8)
def column_starts(B: int, J: int) -> np.ndarray:
    """열마다 0 아닌 값이 J 개인 CSC 행렬의 indptr = 0, J, 2J, ..., BJ (학습기는 같은 (B, J) 를 되풀이해 씀)."""
    starts = np.arange(0, B * J + 1, J, dtype=np.intp) if J > 0 else np.zeros(B + 1, dtype=np.intp)
    starts.flags.writeable = False
    return starts


def add_csc_product(target: np.ndarray, data, rows, indptr: np.ndarray, vectors) -> None:
    """target (V, d) += M @ vectors (B, d), M = CSC (data, rows, indptr) 모양 (V, B). target 을 제자리에서 바꿉니다."""
    dtype = target.dtype
    data = np.ascontiguousarray(data, dtype=dtype)
    rows = np.ascontiguousarray(rows, dtype=np.intp)
    vectors = np.ascontiguousarray(vectors, dtype=dtype)
    csc_matvecs = _scipy_csc_matvecs()
    if csc_matvecs is not None and target.flags.c_contiguous and dtype in (np.float32, np.float64):
        n_rows, d = target.shape
        csc_matvecs(n_rows, vectors.shape[0], d, indptr, rows, data, vectors.reshape(-1), target.reshape(-1))
        return
    import scipy.sparse as sp

    uniq, inverse = _unique_inverse(rows, target.shape[0])
    matrix = sp.csc_matrix((data, inverse, indptr), shape=(uniq.shape[0], vectors.shape[0]))
    target[uniq] += matrix @ vectors  # uniq 에는 중복이 없으므로 안전


def _unique_inverse(idx: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """등장한 인덱스 uniq (오름차순, 중복 없음) 와 역인덱스 inverse: ``uniq[inverse] == idx``."""
    if size <= _MARK_FACTOR * max(idx.shape[0], 1):
        present = np.zeros(size, dtype=bool)
        present[idx] = True
        uniq = np.flatnonzero(present)
        position = np.empty(size, dtype=np.int64)
        position[uniq] = np.arange(uniq.shape[0])
        return uniq, position[idx]
    uniq, inverse = np.unique(idx, return_inverse=True)
    return uniq, inverse.reshape(-1)
