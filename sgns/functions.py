"""수치적으로 안정한 기본 함수: 시그모이드, 로그-시그모이드, 소프트맥스.

교과서 식을 그대로 옮기면 큰 입력에서 넘침(overflow)이 생깁니다.

- σ(x) = 1 / (1 + e^{-x}) 는 x = -1e4 에서 e^{1e4} 를 계산하려다 넘칩니다.
- log σ(x) 를 log(σ(x)) 로 계산하면 x = -1e4 에서 σ(x) = 0 이 되어 log 0 = -inf 가 됩니다.
- softmax(x) = e^x / Σ e^x 는 x = 1000 에서 inf / inf = NaN 이 됩니다.

여기서는 e^{-|x|} (항상 1 이하) 만 계산하고, 소프트맥스는 최댓값을 빼고 계산합니다.
수학적으로 같은 값이므로 결과는 바뀌지 않고, 넘침만 사라집니다.
"""

from __future__ import annotations

import numpy as np

from sgns._validate import as_float_array

__all__ = ["sigmoid", "log_sigmoid", "softmax"]


def _scalar_or_array(result: np.ndarray, was_scalar: bool):
    return float(result) if was_scalar else result


def sigmoid(x):
    """시그모이드 σ(x) = 1 / (1 + e^{-x}) 를 원소별로 안정하게 계산합니다.

    x ≥ 0 이면 1 / (1 + e^{-x}), x < 0 이면 e^{x} / (1 + e^{x}) 로 계산합니다.
    두 식 모두 e^{-|x|} 만 쓰므로 |x| 가 아무리 커도 넘치지 않습니다.

    Parameters
    ----------
    x : float 또는 (...) 실수 배열 (NaN·inf 불가)

    Returns
    -------
    float (스칼라 입력) 또는 x 와 같은 형태의 배열 (float32 입력은 float32 유지)
    """
    arr = as_float_array("x", x)
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(arr))  # 0 < e ≤ 1
    out = np.where(arr >= 0, 1 / (1 + e), e / (1 + e))
    return _scalar_or_array(out, arr.ndim == 0)


def log_sigmoid(x):
    """로그-시그모이드 log σ(x) 를 원소별로 안정하게 계산합니다.

    log σ(x) = -log(1 + e^{-x}) = min(x, 0) - log(1 + e^{-|x|})

    log(σ(x)) 를 그대로 계산하면 x = -1e4 에서 log 0 = -inf 가 되지만,
    이 식은 log_sigmoid(-1e4) = -1e4 를 정확히 돌려줍니다.

    Parameters
    ----------
    x : float 또는 (...) 실수 배열 (NaN·inf 불가)

    Returns
    -------
    float (스칼라 입력) 또는 x 와 같은 형태의 배열 (float32 입력은 float32 유지), 값은 항상 ≤ 0
    """
    arr = as_float_array("x", x)
    with np.errstate(under="ignore"):
        out = np.minimum(arr, 0) - np.log1p(np.exp(-np.abs(arr)))
    return _scalar_or_array(out, arr.ndim == 0)


def softmax(x, axis: int = -1) -> np.ndarray:
    """소프트맥스 softmax(x)_i = e^{x_i} / Σ_j e^{x_j} 를 axis 방향으로 안정하게 계산합니다.

    모든 x_i 에서 같은 상수(최댓값)를 빼도 결과는 같으므로, 최댓값을 빼서 지수가 0 이하가 되게 합니다.
    그래서 softmax([1000, 1000]) = [0.5, 0.5] 입니다.

    Parameters
    ----------
    x : (..., n, ...) 실수 배열 (1차원 이상, NaN·inf 불가)
    axis : int, 확률을 만들 축 (기본값 마지막 축)

    Returns
    -------
    probs : x 와 같은 형태의 배열, axis 방향의 합이 1
    """
    arr = as_float_array("x", x)
    if arr.ndim == 0:
        raise ValueError(f"`x`는 1차원 이상의 배열이어야 합니다. 받은 값: 스칼라 {float(arr)!r}")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"`axis`는 정수여야 합니다. 받은 값: {axis!r}")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(
            f"`axis`={axis} 는 {arr.ndim}차원 배열 `x`에 없는 축입니다. "
            f"{-arr.ndim} 이상 {arr.ndim} 미만이어야 합니다."
        )
    if arr.shape[axis] == 0:
        raise ValueError(f"`x`의 axis={axis} 방향 길이가 0입니다. 원소가 하나 이상 있어야 합니다.")
    shifted = arr - arr.max(axis=axis, keepdims=True)  # 최댓값은 0, 나머지는 음수
    with np.errstate(under="ignore"):
        e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)
