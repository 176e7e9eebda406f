"""수치적으로 안정한 기본 함수: 시그모이드, 로그-시그모이드, 소프트맥스.

교과서 식을 그대로 옮기면 큰 입력에서 넘침(overflow)이 생깁니다.

- σ(x) = 1 / (1 + e^{-x}) 는 x = -1e4 에서 e^{1e4} 를 계산하려다 넘칩니다.
- log σ(x) 를 log(σ(x)) 로 계산하면 x = -1e4 에서 σ(x) = 0 이 되어 log 0 = -inf 가 됩니다.
- softmax(x) = e^x / Σ e^x 는 x = 1000 에서 inf / inf = NaN 이 됩니다.

여기서는 e^{-|x|} (항상 1 이하) 만 계산하고, 소프트맥스는 최댓값을 빼고 계산합니다.
수학적으로 같은 값이므로 결과는 바뀌지 않고, 넘침만 사라집니다.

점수 (내적) 도 넘칠 수 있습니다: 원소가 1e154 인 벡터끼리의 내적은 이미 float64 의 최댓값 (약 1.8e308) 을
넘습니다. ``scaled_dot`` 은 내적을 "가수 × 2 의 거듭제곱" 으로 나눠 계산해서, 점수의 *차이* 만 필요한
소프트맥스와 손실이 그런 입력에서도 맞는 값을 내게 합니다.
"""

from __future__ import annotations

import numpy as np

from sgns._validate import as_float_array

__all__ = ["sigmoid", "log_sigmoid", "softmax", "scaled_dot"]


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
            f"`axis`={axis} 는 {arr.ndim}차원 배열 `x`에 없는 축입니다. {-arr.ndim} 이상 {arr.ndim} 미만이어야 합니다."
        )
    if arr.shape[axis] == 0:
        raise ValueError(f"`x`의 axis={axis} 방향 길이가 0입니다. 원소가 하나 이상 있어야 합니다.")
    with np.errstate(over="ignore", under="ignore"):  # 차이가 float64 를 넘으면 -inf: 그 확률은 정확히 0
        shifted = arr - arr.max(axis=axis, keepdims=True)  # 최댓값은 0, 나머지는 음수
        e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


# frexp 가 0 에 돌려주는 지수 0 이 진짜 지수보다 커 보이지 않도록 곱이 0 인 칸에 쓰는 아주 작은 지수
_ZERO_EXPONENT = -(1 << 20)


def scaled_dot(matrix, vector) -> tuple[np.ndarray, int]:
    """행렬-벡터 곱 matrix @ vector 를 넘침 없이: matrix @ vector = mantissas · 2^exponent.

    원소마다 x = m · 2^e (0.5 <= |m| < 1) 로 나누면 (``np.frexp``) 곱 u_i v_i 의 가수 m_u m_v 는 0.25 이상 1 미만,
    지수는 e_u + e_v 입니다. 행마다 가장 큰 지수에 맞춰 더하고, 행들 사이도 가장 큰 지수 하나에 맞춥니다.
    그래서 mantissas 의 절댓값은 d (열 수) 이하이고 중간 계산이 넘치지 않습니다. 결과가 float64 에 들어가면
    ``np.ldexp(mantissas, exponent)`` 가 보통의 ``matrix @ vector`` 와 (반올림 오차 안에서) 같습니다.

    점수의 차이 s_w - s_max = (mantissas[w] - mantissas.max()) · 2^exponent 는 점수 자체가 float64 를 넘어도
    계산할 수 있습니다 (넘치면 -inf, 즉 그 단어의 확률은 정확히 0 으로 반올림됨).

    Parameters
    ----------
    matrix : (n, d) 유한한 실수 배열 (예: 주변 단어 벡터 U)
    vector : (d,) 유한한 실수 배열 (예: 중심 단어 벡터 v_c)

    Returns
    -------
    mantissas : (n,) float64, |mantissas| <= d
    exponent : int
    """
    matrix = np.asarray(as_float_array("matrix", matrix, ndim=2), dtype=np.float64)
    vector = np.asarray(as_float_array("vector", vector, shape=(matrix.shape[1],)), dtype=np.float64)
    m_mat, e_mat = np.frexp(matrix)
    m_vec, e_vec = np.frexp(vector)
    products = m_mat * m_vec  # (n, d) 0 이거나 0.25 <= |.| < 1
    exps = e_mat.astype(np.int64) + e_vec
    exps[products == 0] = _ZERO_EXPONENT
    if matrix.size == 0:
        return np.zeros(matrix.shape[0]), 0
    top = int(exps.max())
    if top == _ZERO_EXPONENT:  # 모든 곱이 0
        return np.zeros(matrix.shape[0]), 0
    with np.errstate(under="ignore"):
        mantissas = np.ldexp(products, np.maximum(exps - top, -2000)).sum(axis=1)
    return mantissas, top
