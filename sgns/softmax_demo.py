"""2장 노트북의 표시용 계산: 기울기가 U 의 어느 행을 건드리는지 (행 마스크와 그 격자 지도).

naive softmax 의 ∂J/∂U 는 V 개 행이 모두 0 이 아니고, 네거티브 샘플링은 K+1 개 행만 0 이 아닙니다.
`sgns.timing.count_rows_touched` 가 그 수를 세고, 여기의 `touched_row_mask` 는 어느 행인지를 돌려줘
그림(행 지도)으로 그릴 수 있게 합니다. `row_grid` 는 그 마스크를 격자로 접어 imshow 로 그릴 수 있게 합니다.
`summarize_update_costs` 는 `sgns.timing.compare_update_costs` 의 측정 결과를 몇 개의 요약 수치로 줄여,
노트북이 "V 에 대략 비례한다", "거의 일정하다" 같은 문장을 측정값에서 직접 확인할 수 있게 합니다.
"""

from __future__ import annotations

import numpy as np

from sgns._validate import as_float_array, as_positive_int

__all__ = ["touched_row_mask", "row_grid", "summarize_update_costs"]


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


def summarize_update_costs(costs) -> dict:
    """`compare_update_costs` 의 결과(어휘 크기 V 마다 한 줄)를 요약합니다.

    Parameters
    ----------
    costs : list of dict, 길이 n >= 2, 각 dict 에 "V" (int), "softmax_s", "neg_s" (초, > 0),
        "speedup", "ideal" (> 0) 이 있어야 함. V 는 서로 달라야 합니다.

    Returns
    -------
    summary : dict
        "softmax_slope" : float, log(naive softmax 시간) 을 log(V) 에 직선으로 맞춘 기울기
            (1 이면 V 에 비례, 1 보다 크면 그보다 빠르게 늘어남)
        "neg_min_s", "neg_max_s" : float, 네거티브 샘플링 시간의 최솟값과 최댓값 (초)
        "vocab_ratio" : float, 가장 큰 V / 가장 작은 V
        "below_ideal" : int, 측정한 속도 비가 이상적인 V/(k+1) 보다 작은 V 의 수
        "n" : int, V 의 수
    """
    if isinstance(costs, (str, bytes, dict)) or not hasattr(costs, "__iter__"):
        raise TypeError(f"`costs`는 compare_update_costs 가 돌려준 dict 의 목록이어야 합니다. 받은 값: {type(costs)}")
    costs = list(costs)
    keys = ("V", "softmax_s", "neg_s", "speedup", "ideal")
    for i, row in enumerate(costs):
        if not isinstance(row, dict) or any(key not in row for key in keys):
            raise ValueError(f"`costs`[{i}] 에 {keys} 가 모두 있어야 합니다 (compare_update_costs 의 결과).")
    vs = as_float_array("V", [row["V"] for row in costs], ndim=1)
    soft = as_float_array("softmax_s", [row["softmax_s"] for row in costs], ndim=1)
    neg = as_float_array("neg_s", [row["neg_s"] for row in costs], ndim=1)
    if vs.size < 2 or np.unique(vs).size != vs.size:
        raise ValueError(f"서로 다른 어휘 크기 V 가 2개 이상 있어야 기울기를 구할 수 있습니다. 받은 V: {vs.tolist()}")
    if np.any(vs <= 0) or np.any(soft <= 0) or np.any(neg <= 0):
        raise ValueError("V 와 시간은 모두 0 보다 커야 합니다 (로그를 씁니다).")
    slope = float(np.polyfit(np.log(vs), np.log(soft), 1)[0])
    return {
        "softmax_slope": slope,
        "neg_min_s": float(neg.min()),
        "neg_max_s": float(neg.max()),
        "vocab_ratio": float(vs.max() / vs.min()),
        "below_ideal": int(sum(row["speedup"] < row["ideal"] for row in costs)),
        "n": len(costs),
    }
