"""입력 검사 도우미: 학생이 읽을 수 있는 한국어 오류 메시지를 만듭니다.

모든 메시지는 매개변수 이름, 받은 값, 기대한 것을 함께 말합니다.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_float_array",
    "as_index",
    "as_index_array",
    "as_positive_int",
    "as_float_in_range",
    "describe",
]


def describe(value) -> str:
    """오류 메시지에 넣을 짧은 값 설명 (배열은 형태와 dtype만)."""
    if isinstance(value, np.ndarray):
        return f"shape {value.shape}, dtype {value.dtype} 배열"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_float_array(name: str, value, *, ndim: int | None = None, shape=None) -> np.ndarray:
    """실수 배열로 바꾸고 차원/형태와 NaN·inf 를 검사합니다.

    shape 의 원소가 None 이면 그 축의 길이는 검사하지 않습니다.
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
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"`{name}`은(는) {ndim}차원 배열이어야 합니다. 받은 형태: {arr.shape}")
    if shape is not None:
        ok = arr.ndim == len(shape) and all(s is None or s == a for s, a in zip(shape, arr.shape, strict=False))
        if not ok:
            want = "(" + ", ".join("?" if s is None else str(s) for s in shape) + (",)" if len(shape) == 1 else ")")
            raise ValueError(f"`{name}`의 형태가 맞지 않습니다. 받은 형태: {arr.shape}, 기대한 형태: {want}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"`{name}`에 NaN 또는 무한대 값이 있습니다. 유한한 실수만 넣어 주세요.")
    return arr


def as_index(name: str, value, size: int) -> int:
    """0 <= value < size 인 정수 인덱스인지 검사합니다."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iu":
            value = int(value)
        else:
            raise TypeError(f"`{name}`은(는) 정수 인덱스여야 합니다. 받은 값: {describe(value)}")
    value = int(value)
    if not 0 <= value < size:
        raise IndexError(f"`{name}`={value} 는 범위를 벗어났습니다. 0 이상 {size} 미만이어야 합니다.")
    return value


def as_index_array(name: str, value, size: int, *, ndim: int | None = None) -> np.ndarray:
    """정수 인덱스 배열인지, 모든 값이 0 이상 size 미만인지 검사합니다."""
    arr = np.asarray(value)
    if arr.size == 0 and arr.dtype.kind == "f":
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"`{name}`은(는) 정수 인덱스 배열이어야 합니다. 받은 dtype: {arr.dtype} ({describe(value)})")
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"`{name}`은(는) {ndim}차원 배열이어야 합니다. 받은 형태: {arr.shape}")
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


def as_float_in_range(name: str, value, lo: float, hi: float) -> float:
    """lo <= value <= hi 인 유한한 실수인지 검사합니다."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        raise TypeError(f"`{name}`은(는) 실수여야 합니다. 받은 값: {describe(value)}")
    value = float(value)
    if not (lo <= value <= hi):  # NaN 도 여기서 걸립니다
        raise ValueError(f"`{name}`={value} 는 허용 범위 밖입니다. {lo} 이상 {hi} 이하의 실수여야 합니다.")
    return value
