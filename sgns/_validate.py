"""입력 검사 도구 모음: 학생이 읽을 수 있는 한국어 오류 메시지를 만듭니다.

패키지의 모든 모듈이 이 검사들을 씁니다 (모듈마다 따로 베낀 검사를 두지 않습니다).
모든 메시지는 매개변수 이름, 받은 값, 기대한 것을 함께 말합니다.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "describe",
    "as_float_array",
    "as_int_array",
    "as_index",
    "as_index_array",
    "as_positive_int",
    "as_float_in_range",
    "as_positive_float",
    "as_bool",
    "as_callable",
    "as_generator",
    "as_counts",
    "as_probabilities",
]


def describe(value) -> str:
    """오류 메시지에 넣을 짧은 값 설명 (배열은 형태와 dtype만)."""
    if isinstance(value, np.ndarray):
        return f"shape {value.shape}, dtype {value.dtype} 배열"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _shape_text(shape) -> str:
    return "(" + ", ".join("?" if s is None else str(s) for s in shape) + (",)" if len(shape) == 1 else ")")


def _check_shape(name: str, arr: np.ndarray, ndim: int | None, shape) -> None:
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"`{name}`은(는) {ndim}차원 배열이어야 합니다. 받은 형태: {arr.shape}")
    if shape is not None:
        ok = arr.ndim == len(shape) and all(s is None or s == a for s, a in zip(shape, arr.shape, strict=False))
        if not ok:
            raise ValueError(
                f"`{name}`의 형태가 맞지 않습니다. 받은 형태: {arr.shape}, 기대한 형태: {_shape_text(shape)}"
            )


def as_float_array(name: str, value, *, ndim: int | None = None, shape=None) -> np.ndarray:
    """실수 배열로 바꾸고 차원/형태와 NaN·inf 를 검사합니다.

    shape 의 원소가 None 이면 그 축의 길이는 검사하지 않습니다. 정수 배열은 float64 로 바꿉니다.
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"`{name}`에는 실수 배열이 필요합니다. 받은 값: {describe(value)}")
    try:
        arr = np.asarray(value)
    except Exception as exc:  # 모양이 들쭉날쭉한 리스트 등
        raise ValueError(f"`{name}`을(를) 배열로 바꿀 수 없습니다 ({exc}). 받은 값: {describe(value)}") from None
    if arr.dtype.kind not in "fiub":
        raise TypeError(f"`{name}`에는 실수 배열이 필요합니다. 받은 dtype: {arr.dtype}")
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    _check_shape(name, arr, ndim, shape)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"`{name}`에 NaN 또는 무한대 값이 있습니다. 유한한 실수만 넣어 주세요.")
    return arr


def as_int_array(name: str, value, *, ndim: int | None = None, shape=None) -> np.ndarray:
    """정수 배열인지 (값의 범위는 보지 않고) 검사합니다. 빈 리스트는 길이 0 인 정수 배열이 됩니다.

    Returns
    -------
    arr : 입력의 정수 dtype 그대로 (복사하지 않음)
    """
    arr = np.asarray(value)
    if arr.size == 0 and arr.dtype.kind == "f":
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"`{name}`은(는) 정수 배열이어야 합니다. 받은 dtype: {arr.dtype} ({describe(value)})")
    _check_shape(name, arr, ndim, shape)
    return arr


def as_index(name: str, value, size: int) -> int:
    """0 <= value < size 인 정수 인덱스인지 검사합니다."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iu":
        value = int(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"`{name}`은(는) 정수 인덱스여야 합니다. 받은 값: {describe(value)}")
    value = int(value)
    if not 0 <= value < size:
        raise IndexError(f"`{name}`={value} 는 범위를 벗어났습니다. 0 이상 {size} 미만이어야 합니다.")
    return value


def as_index_array(name: str, value, size: int, *, ndim: int | None = None, shape=None) -> np.ndarray:
    """정수 인덱스 배열인지, 모든 값이 0 이상 size 미만인지 검사합니다.

    Returns
    -------
    arr : int64 배열 (이미 int64 면 복사하지 않음)
    """
    arr = as_int_array(name, value, ndim=ndim, shape=shape)
    if arr.size:
        lo, hi = int(arr.min()), int(arr.max())
        if lo < 0 or hi >= size:
            bad = lo if lo < 0 else hi
            raise IndexError(f"`{name}`에 범위를 벗어난 인덱스 {bad} 가 있습니다. 0 이상 {size} 미만이어야 합니다.")
    return arr.astype(np.int64, copy=False)


def as_positive_int(name: str, value, minimum: int = 1) -> int:
    """minimum 이상의 정수인지 검사합니다."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"`{name}`은(는) 정수여야 합니다. 받은 값: {describe(value)}")
    if value < minimum:
        raise ValueError(f"`{name}`={value} 는 허용되지 않습니다. {minimum} 이상의 정수여야 합니다.")
    return int(value)


def _as_real(name: str, value) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        raise TypeError(f"`{name}`은(는) 실수여야 합니다. 받은 값: {describe(value)}")
    return float(value)


def as_float_in_range(name: str, value, lo: float, hi: float) -> float:
    """lo <= value <= hi 인 유한한 실수인지 검사합니다."""
    value = _as_real(name, value)
    if not (lo <= value <= hi):  # NaN 도 여기서 걸립니다
        raise ValueError(f"`{name}`={value} 는 허용 범위 밖입니다. {lo} 이상 {hi} 이하의 실수여야 합니다.")
    return value


def as_positive_float(name: str, value, *, example: str | None = None) -> float:
    """0 보다 큰 유한한 실수인지 검사합니다. example 은 메시지에 덧붙일 예 (예: "0.025")."""
    value = _as_real(name, value)
    if not np.isfinite(value) or value <= 0:
        hint = f" (예: {example})" if example else ""
        raise ValueError(f"`{name}`={value} 는 허용되지 않습니다. 0 보다 큰 유한한 실수여야 합니다{hint}.")
    return value


def as_bool(name: str, value) -> bool:
    """True/False 인지 검사합니다 (1, "yes" 같은 값은 받지 않습니다)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"`{name}`는 True/False 여야 합니다. 받은 값: {describe(value)}")
    return bool(value)


def as_callable(name: str, value):
    """호출할 수 있는 함수인지 검사합니다."""
    if not callable(value):
        raise TypeError(f"`{name}`은(는) 호출할 수 있는 함수여야 합니다. 받은 값: {describe(value)}")
    return value


def as_generator(name: str, value) -> np.random.Generator:
    """난수 생성기로 바꿉니다: Generator 는 그대로, 0 이상의 정수 시드나 None 은 ``default_rng(value)``.

    같은 시드면 같은 난수가 나옵니다. Generator 를 주면 그 상태를 이어서 씁니다.
    """
    if isinstance(value, np.random.Generator):
        return value
    if value is None:
        return np.random.default_rng()
    if isinstance(value, (numbers.Integral, np.integer)) and not isinstance(value, (bool, np.bool_)):
        if value < 0:
            raise ValueError(
                f"`{name}`={value} 는 허용되지 않습니다. 0 이상의 정수 시드, None, 또는 Generator 여야 합니다."
            )
        return np.random.default_rng(int(value))
    raise TypeError(
        f"`{name}`는 numpy.random.Generator, 0 이상의 정수 시드, 또는 None 이어야 합니다. 받은 값: {describe(value)}"
    )


def as_counts(name: str, value, *, allow_all_zero: bool = False) -> np.ndarray:
    """단어 빈도 배열: (V,) float64, 비어 있지 않고, 음수·NaN·inf 가 없어야 합니다.

    allow_all_zero=False 이면 적어도 한 단어의 빈도가 0 보다 커야 합니다 (분포를 만들 때).
    """
    if isinstance(value, np.ndarray) and value.dtype.kind == "f" and value.size and np.isnan(value).any():
        raise ValueError(f"`{name}`에 NaN 이 있습니다. 단어마다 0 이상의 유한한 빈도를 넣어 주세요.")
    arr = as_float_array(name, value).astype(np.float64, copy=False)
    if arr.ndim != 1:
        raise ValueError(f"`{name}`는 1차원 (V,) 배열이어야 합니다. 받은 형태: {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"`{name}`가 비어 있습니다. 어휘 크기 V >= 1 인 빈도 배열이 필요합니다.")
    if (arr < 0).any():
        bad = int(np.flatnonzero(arr < 0)[0])
        raise ValueError(f"`{name}`에 음수 빈도가 있습니다: {name}[{bad}]={arr[bad]!r}. 빈도는 0 이상이어야 합니다.")
    if not allow_all_zero and not (arr > 0).any():
        raise ValueError(
            f"`{name}`가 모두 0입니다. 적어도 한 단어의 빈도는 0보다 커야 분포를 만들 수 있습니다."
        )
    return arr


def as_probabilities(name: str, value, *, tol: float = 1e-8) -> np.ndarray:
    """확률 분포: (V,) float64, 비어 있지 않고, 0 이상이며 합이 1 (허용 오차 tol)."""
    arr = as_float_array(name, value, ndim=1).astype(np.float64, copy=False)
    if arr.size == 0:
        raise ValueError(f"`{name}`가 비어 있습니다. 어휘 크기 V >= 1 인 확률 배열이 필요합니다.")
    if (arr < 0).any():
        raise ValueError(f"`{name}`에 음수가 있습니다. 확률은 0 이상이어야 합니다.")
    total = float(arr.sum())
    if abs(total - 1.0) > tol:
        raise ValueError(
            f"`{name}`의 합이 1이 아닙니다 (합 = {total:.10g}). `noise_distribution` 처럼 정규화한 분포를 넣어 주세요."
        )
    return arr
