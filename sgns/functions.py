"""수치적으로 안정한 기본 함수: 시그모이드, 로그-시그모이드, 소프트맥스.

교과서 식을 그대로 옮기면 큰 입력에서 넘침(overflow)이 생깁니다.

- σ(x) = 1 / (1 + e^{-x}) 는 x = -1e4 에서 e^{1e4} 를 계산하려다 넘칩니다.
- log σ(x) 를 log(σ(x)) 로 계산하면 x = -1e4 에서 σ(x) = 0 이 되어 log 0 = -inf 가 됩니다.
- softmax(x) = e^x / Σ e^x 는 x = 1000 에서 inf / inf = NaN 이 됩니다.

여기서는 e^{-|x|} (항상 1 이하) 만 계산하고, 소프트맥스는 최댓값을 빼고 계산합니다.
수학적으로 같은 값이므로 결과는 바뀌지 않고, 넘침만 사라집니다.

세 함수 모두 실수 (또는 실수 배열) 를 받습니다. 스칼라를 넣으면 float, 배열을 넣으면 같은 형태의 배열
(float32 는 float32 그대로) 이 나옵니다.
"""

from __future__ import annotations

import numpy as np

__all__ = ["sigmoid", "log_sigmoid", "softmax"]


def _floats(x) -> np.ndarray:
    """실수 배열로 (정수는 float64 로, float32 는 그대로)."""
    x = np.asarray(x)
    return x if x.dtype.kind == "f" else x.astype(np.float64)


def _like_input(out: np.ndarray, x: np.ndarray):
    """스칼라 입력에는 float 를, 배열 입력에는 배열을 돌려줍니다."""
    return float(out) if x.ndim == 0 else out


def sigmoid(x):
    """시그모이드 σ(x) = 1 / (1 + e^{-x}) 를 원소별로 안정하게 계산합니다.

    x ≥ 0 이면 1 / (1 + e^{-x}), x < 0 이면 e^{x} / (1 + e^{x}) 로 계산합니다.
    두 식 모두 e^{-|x|} 만 쓰므로 |x| 가 아무리 커도 넘치지 않습니다.
    """
    x = _floats(x)
    with np.errstate(under="ignore"):  # e^{-|x|} 가 0 으로 내려가는 것은 맞는 값 (np.errstate(all="raise") 안에서도)
        e = np.exp(-np.abs(x))  # 0 < e ≤ 1
    return _like_input(np.where(x >= 0, 1 / (1 + e), e / (1 + e)), x)


def log_sigmoid(x):
    """로그-시그모이드 log σ(x) 를 원소별로 안정하게 계산합니다.

    log σ(x) = -log(1 + e^{-x}) = min(x, 0) - log(1 + e^{-|x|})

    log(σ(x)) 를 그대로 계산하면 x = -1e4 에서 log 0 = -inf 가 되지만,
    이 식은 log_sigmoid(-1e4) = -1e4 를 정확히 돌려줍니다. 값은 언제나 0 이하입니다.
    """
    x = _floats(x)
    with np.errstate(under="ignore"):  # sigmoid 와 같음
        return _like_input(np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x))), x)


def softmax(x, axis: int = -1) -> np.ndarray:
    """소프트맥스 softmax(x)_i = e^{x_i} / Σ_j e^{x_j} 를 axis 방향으로 안정하게 계산합니다.

    모든 x_i 에서 같은 상수(최댓값)를 빼도 결과는 같으므로, 최댓값을 빼서 지수가 0 이하가 되게 합니다.
    그래서 softmax([1000, 1000]) = [0.5, 0.5] 입니다.

    Parameters
    ----------
    x : (..., n, ...) 실수 배열 (1차원 이상)
    axis : int, 확률을 만들 축 (기본값 마지막 축)

    Returns
    -------
    probs : x 와 같은 형태의 배열, axis 방향의 합이 1
    """
    x = _floats(x)
    e = np.exp(x - x.max(axis=axis, keepdims=True))  # 최댓값은 e^0 = 1, 나머지는 1 보다 작음
    return e / e.sum(axis=axis, keepdims=True)
