"""2장 노트북의 표시용 계산: 기울기가 U 의 어느 행을 건드리는지 (행 마스크와 그 격자 지도).

naive softmax 의 ∂J/∂U 는 V 개 행이 모두 0 이 아니고, 네거티브 샘플링은 K+1 개 행만 0 이 아닙니다.
`sgns.timing.count_rows_touched` 가 그 수를 세고, 여기의 `touched_row_mask` 는 어느 행인지를 돌려줘
그림(행 지도)으로 그릴 수 있게 합니다. `row_grid` 는 그 마스크를 격자로 접어 imshow 로 그릴 수 있게 합니다.
"""

from __future__ import annotations

import numpy as np

from sgns._validate import as_float_array, as_positive_int

__all__ = ["touched_row_mask", "row_grid"]


def touched_row_mask(grad) -> np.ndarray:
    """기울기 행렬의 행마다 0 이 아닌 값이 하나라도 있는지 (갱신이 그 행을 건드리는지).

    Parameters
    ----------
    grad : (V, d) 기울기 행렬 (예: ∂J/∂U), NaN·inf 불가

    Returns
    -------
    mask : (V,) bool, 행 w 의 기울기가 0 벡터가 아니면 True.
        mask.sum() 은 `sgns.timing.count_rows_touched(grad)` 와 같습니다.
    """
    grad = as_float_array("grad", grad, ndim=2)
    return np.any(grad != 0, axis=1)


def row_grid(mask, width: int = 50) -> np.ndarray:
    """(V,) 행 마스크를 width 칸씩 줄지은 격자로 접습니다 (한 칸이 한 단어; 그림용).

    단어 w 는 (w // width, w % width) 칸에 놓입니다. V 가 width 의 배수가 아니면 마지막 줄의
    남는 칸은 NaN 이 되어 imshow 가 그리지 않습니다.

    Parameters
    ----------
    mask : (V,) bool 또는 0/1 배열 (예: `touched_row_mask(grad)`)
    width : int, 한 줄의 칸 수 (≥ 1)

    Returns
    -------
    grid : (ceil(V / width), width) float 배열, 값은 1.0 (건드림), 0.0 (안 건드림), NaN (빈 칸)
    """
    mask = as_float_array("mask", mask, ndim=1)
    width = as_positive_int("width", width)
    if mask.size == 0:
        raise ValueError("`mask`가 비어 있습니다. 행이 하나 이상 있어야 합니다.")
    rows = -(-mask.size // width)  # 올림 나눗셈
    grid = np.full(rows * width, np.nan)
    grid[: mask.size] = mask != 0
    return grid.reshape(rows, width)
