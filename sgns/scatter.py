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
(indptr = 0, J, 2J, ..., indices = row_idx 를 펼친 것). 곱셈은 엔진 (``sgns.engine.sparse``) 이 제자리에서 합니다.
"""

from __future__ import annotations

import numpy as np

from sgns.engine.sparse import add_csc_product, column_starts

__all__ = ["scatter_add"]


def scatter_add(target, row_idx, vectors, weights=None, *, scale=1.0) -> None:
    """중복 인덱스까지 모두 더하는 scatter-add (제자리 갱신).

    target[row_idx[b, j]] += scale * weights[b, j] * vectors[b]   (모든 b, j 에 대해, 중복은 모두 더함)

    row_idx 가 1차원 (B,) 이고 weights 가 None 이면 ``np.add.at(target, row_idx, scale * vectors)`` 와 같습니다.
    2차원이면 ``np.add.at(target, row_idx, scale * weights[:, :, None] * vectors[:, None, :])`` 와 같지만
    (B, J, d) 크기의 갱신 배열을 만들지 않습니다.

    예: 네거티브 샘플링의 주변 단어 쪽 SGD 갱신은 row_idx = target_idx (B, K+1), weights = coef (B, K+1),
    vectors = 중심 단어 벡터 v_{c_b} (B, d), scale = -학습률.

    Parameters
    ----------
    target : (V, d) 실수 numpy 배열, 제자리에서 바뀝니다
    row_idx : (B,) 또는 (B, J) int, 0 이상 V 미만 (중복 가능)
    vectors : (B, d) 실수, 줄 b 의 갱신들이 공유하는 벡터
    weights : row_idx 와 같은 형태의 실수, 또는 None (모두 1)
    scale : float, 모든 갱신에 곱할 값 (예: -학습률)
    """
    row_idx = np.asarray(row_idx)
    B, J = row_idx.shape[0], (row_idx.shape[1] if row_idx.ndim == 2 else 1)
    weights = np.ones(row_idx.shape) if weights is None else weights
    values = scale * np.asarray(weights, dtype=target.dtype)  # 열 b 의 값: scale · weights[b, :]
    # M (V, B) 의 열 b 는 행 row_idx[b, j] 에 값 values[b, j] (CSC 형식: 열마다 J 개의 값을 차례로)
    add_csc_product(target, values.reshape(-1), row_idx.reshape(-1), column_starts(B, J), vectors)  # += M @ vectors
