"""수치 미분으로 기울기 검사하기 (gradient check).

손으로 유도한 기울기 ∂J/∂x 가 맞는지, 중앙 차분

    ∂J/∂x_i ≈ (J(x + h e_i) - J(x - h e_i)) / (2h)

과 원소마다 비교합니다. 오차 O(h²) 이므로 h = 1e-4 이면 float64 에서 보통 1e-8 정도까지 맞습니다.
상대 오차는 |수치 - 해석| / max(1, |수치|, |해석|) 로 잽니다 (값이 작을 때는 절대 오차가 됨).

두 함수 모두 학생이 만든 함수를 받는 입구입니다: 검사할 수 없는 입력이나 함수의 결과 (NaN·inf, 형태가 다른
기울기, 튜플이 아닌 결과) 는 무엇이 잘못되었는지 말하는 한국어 오류입니다 (NaN 과의 비교는 언제나 거짓이라
"오차 > tol" 로는 잡히지 않으므로 따로 검사합니다).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sgns._validate import as_callable, as_float_array, as_float_in_range, as_index, describe

__all__ = ["numerical_gradient", "gradcheck", "check_loss_gradients", "GradientErrors"]


def numerical_gradient(f, x, h: float = 1e-5) -> np.ndarray:
    """중앙 차분 기울기: 원소마다 (f(x + h e_i) - f(x - h e_i)) / (2h).

    f : 함수, x 와 같은 형태의 배열 -> 실수;  x : (...) 지점 (float64 복사본에서 계산하며 원본은 그대로);  h : 간격
    반환 : x 와 같은 형태의 float64 배열
    """
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        old = x[idx]
        x[idx] = old + h
        f_plus = f(x)
        x[idx] = old - h
        f_minus = f(x)
        x[idx] = old  # 다음 원소는 원래 지점에서
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad


def gradcheck(f, x, h: float = 1e-4, tol: float = 1e-5) -> float:
    """f 가 돌려주는 기울기를 중앙 차분과 원소마다 비교합니다.

    Parameters
    ----------
    f : 함수 x -> (loss, grad). loss 는 실수, grad 는 x 와 같은 형태
    x : (...) 검사할 지점 (float64 복사본으로 검사하며 원본은 바꾸지 않음)
    h : float, 차분 간격 (기본 1e-4)
    tol : float, 허용 상대 오차 (기본 1e-5)

    Returns
    -------
    max_rel_error : float, 모든 원소 중 가장 큰 상대 오차

    Raises
    ------
    AssertionError : 어느 원소에서든 상대 오차가 tol 보다 크면 (인덱스와 두 값을 알려 줌)
    ValueError : f 의 loss 나 기울기에 NaN·inf 가 있을 때, 수치 기울기가 유한하지 않을 때, loss 와 기울기가 x 에서
        모두 0 이고 주변에서도 f 가 변하지 않아 검사가 아무것도 확인하지 못할 때
    """
    x = _check_point(f, x, h, tol)
    loss, analytic = _call(f, x)
    max_err, loss_changes = 0.0, False
    for idx in np.ndindex(*x.shape):
        old = x[idx]
        x[idx] = old + h
        loss_plus = _call(f, x)[0]
        x[idx] = old - h
        loss_minus = _call(f, x)[0]
        x[idx] = old
        numeric = _central_difference(loss_plus, loss_minus, h, idx)
        err = abs(numeric - analytic[idx]) / max(1.0, abs(numeric), abs(analytic[idx]))
        if err > tol:
            raise _mismatch(idx, numeric, analytic[idx], err, tol)
        max_err = max(max_err, err)
        loss_changes = loss_changes or loss_plus != loss or loss_minus != loss
    _refuse_vacuous(loss, analytic, loss_changes)
    return float(max_err)


def _where(idx: tuple) -> tuple | int:
    return idx if len(idx) != 1 else idx[0]


def _mismatch(idx, numeric: float, analytic: float, err: float, tol: float) -> AssertionError:
    return AssertionError(
        f"기울기 검사 실패: 인덱스 {_where(idx)} 에서 수치 기울기 {numeric:.8g}, "
        f"해석 기울기 {analytic:.8g} (상대 오차 {err:.3g} > 허용 {tol:.3g})"
    )


def _refuse_vacuous(loss: float, analytic: np.ndarray, loss_changes: bool) -> None:
    """loss 와 기울기가 모두 0 이고 f 가 주변에서도 변하지 않으면 검사가 아무것도 확인하지 못합니다."""
    if loss == 0.0 and not np.any(analytic) and not loss_changes:
        raise ValueError(
            "loss 와 기울기가 `x`에서 모두 0 이고 주변에서도 f 가 변하지 않습니다. "
            "이런 지점에서는 기울기 검사가 아무것도 확인하지 못하니, 다른 `x`(예: 무작위 값)로 검사해 주세요."
        )


def _check_point(f, x, h, tol) -> np.ndarray:
    """gradcheck 의 인자 검사. x 의 float64 복사본 (원소가 하나 이상) 을 돌려줍니다."""
    as_callable("f", f, 1, "f(x)")
    x = np.array(as_float_array("x", x), dtype=np.float64, copy=True)
    if x.size == 0:
        raise ValueError("`x`에 원소가 없습니다. 검사할 원소가 하나 이상 있어야 합니다.")
    for name, value, example in (("h", h, "1e-4"), ("tol", tol, "1e-5")):
        if as_float_in_range(name, value, 0.0, 1.0) == 0.0:
            raise ValueError(f"`{name}`=0.0 은 허용되지 않습니다. 0 보다 큰 작은 실수(예: {example})여야 합니다.")
    return x


def _call(f, x):
    """f(x) 를 불러 (loss, grad) 를 검사된 형태로 돌려줍니다 (f 가 x 를 바꿔도 되게 복사본을 넘김)."""
    out = f(x.copy())
    if not isinstance(out, tuple) or len(out) != 2:
        raise TypeError(f"`f`는 (loss, grad) 두 값을 튜플로 돌려줘야 합니다. 받은 값: {describe(out)}")
    loss, grad = out
    loss_arr = np.asarray(loss)
    if loss_arr.ndim != 0 or loss_arr.dtype.kind not in "fiu":
        raise TypeError(f"`f`가 돌려준 loss 는 실수 스칼라여야 합니다. 받은 값: {describe(loss)}")
    if not np.isfinite(loss_arr):
        raise ValueError(f"`f`가 돌려준 loss 가 유한하지 않습니다: loss={float(loss_arr)}. 유한한 실수여야 합니다.")
    try:
        grad = np.asarray(as_float_array("grad", grad), dtype=np.float64)
    except (TypeError, ValueError) as exc:  # NaN·inf 가 있는 기울기는 검사를 통과시키지 않습니다
        raise type(exc)(f"`f`가 돌려준 기울기를 쓸 수 없습니다: {exc}") from None
    if grad.shape != x.shape:
        raise ValueError(f"`f`가 돌려준 grad 의 형태 {grad.shape} 가 `x`의 형태 {x.shape} 와 다릅니다.")
    return float(loss_arr), grad


def _central_difference(loss_plus: float, loss_minus: float, h: float, idx: tuple) -> float:
    numeric = (loss_plus - loss_minus) / (2 * h)
    if not np.isfinite(numeric):
        raise ValueError(
            f"인덱스 {_where(idx)} 의 수치 기울기가 유한하지 않습니다 (J(x+h)={loss_plus:.6g}, "
            f"J(x-h)={loss_minus:.6g}, `h`={h}). 손실 값이 너무 커서 차이가 float64 를 넘습니다. "
            "`x`의 크기를 줄여 주세요."
        )
    return numeric


@dataclass(frozen=True)
class GradientErrors:
    """`check_loss_gradients` 의 결과: 두 기울기 각각의 최대 상대 오차.

    center_vec : float, ∂J/∂v_c 의 최대 상대 오차
    outside_vectors : float, ∂J/∂U 의 최대 상대 오차
    """

    center_vec: float
    outside_vectors: float


def check_loss_gradients(loss_fn, center_vec, outside_idx, outside_vectors, *extra, h=1e-4, tol=1e-5) -> GradientErrors:
    """손실 함수 하나의 두 기울기 (∂J/∂v_c, ∂J/∂U) 를 모두 기울기 검사합니다.

    Parameters
    ----------
    loss_fn : 함수 (center_vec, outside_idx, outside_vectors, *extra) -> (loss, grad_center_vec, grad_outside_vectors)
        예: naive_softmax_loss_and_gradient, neg_sampling_loss_and_gradient
    center_vec : (d,) 중심 단어 벡터 v_c
    outside_idx : int, 주변 단어 o 의 인덱스
    outside_vectors : (V, d) 주변 단어 벡터 행렬 U
    *extra : loss_fn 에 그대로 넘길 나머지 인자 (예: negative_indices)
    h, tol : gradcheck 와 같음

    Returns
    -------
    GradientErrors(center_vec, outside_vectors) : 두 기울기 각각의 최대 상대 오차

    Raises
    ------
    AssertionError : 어느 한 기울기라도 tol 보다 크게 틀리면 (``gradcheck`` 참고)
    """
    center_vec, outside_idx, outside_vectors = _check_loss_inputs(loss_fn, center_vec, outside_idx, outside_vectors,
                                                                  extra)  # fmt: skip

    def wrt_center(v):  # v_c 만 바꿔 가며: (J, ∂J/∂v_c)
        loss, grad_c, _ = _three_values(loss_fn(v, outside_idx, outside_vectors, *extra))
        return loss, grad_c

    def wrt_outside(U):  # U 만 바꿔 가며: (J, ∂J/∂U)
        loss, _, grad_U = _three_values(loss_fn(center_vec, outside_idx, U, *extra))
        return loss, grad_U

    return GradientErrors(
        center_vec=gradcheck(wrt_center, center_vec, h=h, tol=tol),
        outside_vectors=gradcheck(wrt_outside, outside_vectors, h=h, tol=tol),
    )


def _check_loss_inputs(loss_fn, center_vec, outside_idx, outside_vectors, extra):
    """check_loss_gradients 의 인자 검사. (center_vec (d,), outside_idx, outside_vectors (V, d)) float64 복사본."""
    as_callable("loss_fn", loss_fn, 3 + len(extra), "loss_fn(center_vec, outside_idx, outside_vectors, *extra)")
    outside_vectors = np.array(as_float_array("outside_vectors", outside_vectors, ndim=2), dtype=np.float64)
    outside_idx = as_index("outside_idx", outside_idx, outside_vectors.shape[0])
    center_vec = np.array(as_float_array("center_vec", center_vec, shape=(outside_vectors.shape[1],)), dtype=np.float64)
    return center_vec, outside_idx, outside_vectors


def _three_values(out):
    if not isinstance(out, tuple) or len(out) != 3:
        raise TypeError(
            "`loss_fn`은 (loss, grad_center_vec, grad_outside_vectors) 세 값을 돌려줘야 합니다. "
            f"받은 값: {describe(out)}"
        )
    return out
