"""입구의 검사 도구 모음: 학생이 읽을 수 있는 한국어 오류 메시지를 만듭니다.

학생이나 강사가 자기 값을 넣어 부르는 입구 (``sgns`` 의 설명에 있는 목록: ``sgns.train``, 말뭉치와 파일 읽기,
연습문제 확인, 강의 도우미 ...) 가 이 검사들을 씁니다 (모듈마다 따로 베낀 검사를 두지 않습니다).
모든 메시지는 매개변수 이름, 받은 값, 기대한 것을 함께 말합니다.

검사는 네 종류입니다.

- 값: ``as_float_array``, ``as_index_array``, ``as_positive_int``, ``as_counts``, ``as_word_list`` ... (입구에서)
- 크기: ``check_memory`` 가 배열을 잡기 *전에* 필요한 바이트를 한도 (``memory_limit``) 와 비교합니다
  (numpy 의 영어 MemoryError 나 몇 분 동안 멈춘 컴퓨터 대신, 필요한 크기를 말하는 한국어 오류).
- 파일: ``as_input_file``, ``as_output_file``, ``text_lines`` (UTF-8 이 아닌 줄은 줄 번호와 함께 알림).
- 결과: ``check_finite_result`` 는 계산한 값이 float64 범위를 넘었을 때 NaN·inf 를 돌려주는 대신 알립니다
  (강의 도우미가 씀).
"""

from __future__ import annotations

import functools
import inspect
import numbers
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np

__all__ = [
    "describe",
    "as_float_array",
    "as_int_array",
    "as_index",
    "as_index_array",
    "as_positive_int",
    "as_float_in_range",
    "as_finite_float",
    "as_positive_float",
    "as_bool",
    "as_callable",
    "as_generator",
    "as_counts",
    "as_probabilities",
    "as_word_list",
    "memory_limit",
    "format_bytes",
    "check_memory",
    "as_input_file",
    "as_output_file",
    "text_lines",
    "check_finite_result",
]


def describe(value) -> str:
    """오류 메시지에 넣을 짧은 값 설명 (배열은 형태와 dtype만)."""
    if isinstance(value, np.ndarray):
        return f"shape {value.shape}, dtype {value.dtype} 배열"
    if isinstance(value, (list, tuple, dict, set)) and len(value) > 8:  # 긴 목록 전체의 repr 을 만들지 않음
        head = ", ".join(repr(item)[:20] for item in list(value)[:3])
        return f"{type(value).__name__} (길이 {len(value):,}: {head}, ...)"
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


def _as_array(name: str, value, expected: str) -> np.ndarray:
    """numpy 배열로 (문자열·None·들쭉날쭉한 리스트는 한국어 오류). expected 는 "`name`" 뒤에 붙을 기대."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"`{name}`{expected}. 받은 값: {describe(value)}")
    try:
        return np.asarray(value)
    except Exception as exc:  # 모양이 들쭉날쭉한 리스트 등
        raise ValueError(f"`{name}`을(를) 배열로 바꿀 수 없습니다 ({exc}). 받은 값: {describe(value)}") from None


def as_float_array(name: str, value, *, ndim: int | None = None, shape=None) -> np.ndarray:
    """실수 배열로 바꾸고 차원/형태와 NaN·inf 를 검사합니다.

    shape 의 원소가 None 이면 그 축의 길이는 검사하지 않습니다. 정수 배열은 float64 로 바꿉니다.
    """
    arr = _as_array(name, value, "에는 실수 배열이 필요합니다")
    if arr.dtype.kind not in "fiub":
        raise TypeError(f"`{name}`에는 실수 배열이 필요합니다. 받은 dtype: {arr.dtype}")
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    _check_shape(name, arr, ndim, shape)
    if not np.all(np.isfinite(arr)):
        where = _first_non_finite(name, arr)
        raise ValueError(f"`{name}`에 NaN 또는 무한대 값이 있습니다 ({where}). 유한한 실수만 넣어 주세요.")
    return arr


def _first_non_finite(name: str, arr: np.ndarray) -> str:
    """처음 나오는 NaN·inf 의 자리와 값 (예: "x[1]=nan")."""
    if arr.ndim == 0:
        return f"{name}={float(arr)!r}"
    where = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
    index = where[0] if len(where) == 1 else where
    return f"{name}[{index}]={float(arr[where])!r}"


def as_int_array(name: str, value, *, ndim: int | None = None, shape=None) -> np.ndarray:
    """정수 배열인지 (값의 범위는 보지 않고) 검사합니다. 빈 리스트는 길이 0 인 정수 배열이 됩니다.

    Returns
    -------
    arr : 입력의 정수 dtype 그대로 (복사하지 않음)
    """
    arr = _as_array(name, value, "은(는) 정수 배열이어야 합니다")
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


def as_positive_int(name: str, value, minimum: int = 1, maximum: int | None = None) -> int:
    """minimum 이상 (maximum 이 있으면 그 이하) 의 정수인지 검사합니다."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"`{name}`은(는) 정수여야 합니다. 받은 값: {describe(value)}")
    if value < minimum:
        raise ValueError(f"`{name}`={value} 는 허용되지 않습니다. {minimum} 이상의 정수여야 합니다.")
    if maximum is not None and value > maximum:
        raise ValueError(f"`{name}`={value} 는 너무 큽니다. {minimum} 이상 {maximum:,} 이하의 정수여야 합니다.")
    return int(value)


def _as_real(name: str, value) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        raise TypeError(f"`{name}`은(는) 실수여야 합니다. 받은 값: {describe(value)}")
    return float(value)


def as_float_in_range(name: str, value, lo: float, hi: float) -> float:
    """lo <= value <= hi 인 유한한 실수인지 검사합니다 (hi 가 inf 여도 inf 는 받지 않음)."""
    value = _as_real(name, value)
    if not (lo <= value <= hi) or not np.isfinite(value):  # NaN 도 여기서 걸립니다
        raise ValueError(f"`{name}`={value} 는 허용 범위 밖입니다. {lo} 이상 {hi} 이하의 실수여야 합니다.")
    return value


def as_finite_float(name: str, value) -> float:
    """유한한 실수 (NaN·inf 가 아님) 인지 검사합니다."""
    value = _as_real(name, value)
    if not np.isfinite(value):
        raise ValueError(f"`{name}`={value} 는 허용되지 않습니다. 유한한 실수여야 합니다 (NaN·inf 불가).")
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


def as_callable(name: str, value, n_args: int | None = None, call: str | None = None):
    """호출할 수 있는 함수인지 검사합니다.

    n_args 가 있으면 위치 인자 n_args 개로 부를 수 있는지도 봅니다 (서명을 알 수 있을 때만; call 은 메시지에 보일
    부르는 꼴, 예: "f(x)"). 그래서 인자 수가 틀린 함수는 안에서 영어 TypeError 가 나기 전에 한국어로 알립니다.
    """
    if not callable(value):
        raise TypeError(f"`{name}`은(는) 호출할 수 있는 함수여야 합니다. 받은 값: {describe(value)}")
    if n_args is not None:
        try:
            signature = inspect.signature(value)
        except (TypeError, ValueError):  # 서명을 알 수 없는 내장 함수 등: 부를 때 알게 됨
            return value
        try:
            signature.bind(*range(n_args))
        except TypeError as exc:
            raise TypeError(
                f"`{name}`을(를) {call or f'인자 {n_args}개'} 로 부를 수 없습니다 ({exc}). "
                f"받은 값: {describe(value)}, 서명 {signature}"
            ) from None
    return value


def as_axes(name: str, value):
    """matplotlib 의 Axes (``fig, ax = plt.subplots()`` 의 ax) 인지 검사합니다 (matplotlib 을 불러오지 않고)."""
    if not (hasattr(value, "figure") and hasattr(value, "bar") and hasattr(value, "set_xlim")):
        raise TypeError(
            f"`{name}`는 matplotlib 의 Axes 여야 합니다 (예: `fig, ax = plt.subplots()` 의 ax). "
            f"받은 값: {describe(value)}"
        )
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


def as_counts(name: str, value, *, allow_all_zero: bool = False, integer: bool = False) -> np.ndarray:
    """단어 빈도 배열: (V,) float64, 비어 있지 않고, 음수·NaN·inf 가 없어야 합니다.

    allow_all_zero=False 이면 적어도 한 단어의 빈도가 0 보다 커야 합니다 (분포를 만들 때).
    integer=True 이면 빈도가 모두 정수 값이어야 합니다 (1.7 처럼 소수가 있으면 오류; 2.0 은 됨).
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
        raise ValueError(f"`{name}`가 모두 0입니다. 적어도 한 단어의 빈도는 0보다 커야 분포를 만들 수 있습니다.")
    if integer and (arr != np.floor(arr)).any():
        bad = int(np.flatnonzero(arr != np.floor(arr))[0])
        raise ValueError(
            f"`{name}`에 정수가 아닌 빈도가 있습니다: {name}[{bad}]={arr[bad]!r}. "
            "빈도는 0 이상의 정수(횟수)여야 합니다."
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


def as_list(name: str, value, expected: str) -> list:
    """목록 (문자열 하나가 아닌 iterable) 을 list 로 바꿉니다. 문자열 하나는 글자로 쪼개지므로 받지 않습니다.

    expected 는 메시지의 술어입니다 (예: "정수들의 목록이어야 합니다").
    """
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise TypeError(f"`{name}`는 {expected}. 받은 값: {describe(value)}")
    return list(value)


def as_word_list(name: str, value) -> list[str]:
    """단어(문자열) 목록인지 검사해 list 로 돌려줍니다. 문자열 하나는 받지 않습니다 (글자로 쪼개지므로).

    Returns
    -------
    words : list[str], 길이 n (0 도 됨)
    """
    if isinstance(value, (str, bytes)):
        raise TypeError(
            f"`{name}`에 문자열 하나 {describe(value)} 가 들어왔습니다. 단어 목록이 필요합니다 "
            f"(예: [{value!r}] 또는 {value!r}.split()). 문자열을 그대로 쓰면 글자 하나하나가 단어가 됩니다."
        )
    if value is None or not hasattr(value, "__iter__"):
        raise TypeError(f"`{name}`은(는) 단어(문자열) 목록이어야 합니다. 받은 값: {describe(value)}")
    words = list(value)
    for i, word in enumerate(words):
        if not isinstance(word, str):
            raise TypeError(
                f"`{name}`[{i}] 가 문자열이 아닙니다: {describe(word)} (자료형 {type(word).__name__}). "
                "단어는 모두 문자열(str)이어야 합니다."
            )
    return words


# ---------------------------------------------------------------------------
# 크기: 배열을 잡기 전에 필요한 바이트를 한도와 비교
# ---------------------------------------------------------------------------

_FALLBACK_LIMIT = 8 << 30  # 물리 메모리를 알 수 없을 때의 한도 (8 GiB)


@functools.cache
def memory_limit() -> int:
    """배열 하나에 잡아도 되는 바이트의 상한: 이 컴퓨터 물리 메모리의 절반 (알 수 없으면 8 GiB).

    지금 남은 메모리가 아니라 전체 메모리를 기준으로 하므로, 같은 컴퓨터에서는 언제나 같은 값입니다
    (다른 프로그램이 메모리를 쓰고 있다고 검사 결과가 바뀌지 않음).
    """
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # Windows 등
        return _FALLBACK_LIMIT
    return int(total) // 2 if total > 0 else _FALLBACK_LIMIT


def format_bytes(n_bytes: float) -> str:
    """사람이 읽을 바이트 크기: 1536 -> '1.5 KiB', 8e10 -> '74.5 GiB'."""
    size = float(n_bytes)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if abs(size) < 1024 or unit == "PiB":
            return f"{size:,.0f} {unit}" if unit == "B" else f"{size:,.1f} {unit}"
        size /= 1024
    return f"{size:,.1f} PiB"  # pragma: no cover - 위 반복문이 늘 돌려줌


def check_memory(name: str, value, n_bytes: int, what: str) -> None:
    """n_bytes 짜리 배열을 잡기 전에 한도 (``memory_limit``) 를 넘는지 검사합니다.

    name, value 는 크기를 정한 매개변수와 그 값, what 은 무엇을 만드는지 (예: "공기 행렬 (V, V)").
    넘으면 필요한 크기를 말하는 한국어 ValueError (배열은 잡지 않았으므로 컴퓨터가 멈추지 않음).
    """
    limit = memory_limit()
    if n_bytes > limit:
        raise ValueError(
            f"`{name}`={describe(value)} 이면 {what}에 {format_bytes(n_bytes)} 가 필요합니다. "
            f"이 컴퓨터에서 배열 하나에 쓸 수 있는 한도 {format_bytes(limit)} (물리 메모리의 절반) 를 넘으니 "
            f"`{name}`을(를) 줄여 주세요."
        )


# ---------------------------------------------------------------------------
# 파일
# ---------------------------------------------------------------------------


def _as_path(name: str, value) -> Path:
    if isinstance(value, bool) or not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"`{name}`는 파일 경로(str 또는 Path)여야 합니다. 받은 값: {describe(value)}")
    if isinstance(value, str) and not value.strip():
        raise ValueError(f"`{name}`={value!r} 가 비어 있습니다. 파일 경로를 넣어 주세요.")
    return Path(value)


def as_input_file(name: str, value) -> Path:
    """읽을 파일의 경로: 있는 파일이어야 합니다 (폴더나 없는 경로는 한국어 오류)."""
    path = _as_path(name, value)
    if path.is_dir():
        raise IsADirectoryError(f"`{name}`={str(path)!r} 는 폴더입니다. 읽을 파일의 경로를 넣어 주세요.")
    if not path.is_file():
        raise FileNotFoundError(f"`{name}`={str(path)!r}: 그런 파일이 없습니다.")
    return path


def as_output_file(name: str, value) -> Path:
    """쓸 파일의 경로: 폴더가 아니고, 그 파일이 들어갈 폴더는 있어야 합니다."""
    path = _as_path(name, value)
    if path.is_dir():
        raise IsADirectoryError(
            f"`{name}`={str(path)!r} 는 폴더입니다. "
            f"저장할 파일의 이름까지 넣어 주세요 (예: {str(path / 'vectors.txt')!r})."
        )
    parent = path.parent
    if not parent.is_dir():
        raise FileNotFoundError(
            f"`{name}`={str(path)!r}: 파일을 넣을 폴더 {str(parent)!r} 가 없습니다. 먼저 만들어 주세요."
        )
    return path


def text_lines(name: str, value) -> Iterator[tuple[int, str]]:
    """UTF-8 텍스트 파일의 (줄 번호, 줄) 을 차례로 돌려줍니다 (줄 번호는 1 부터, 줄 끝의 개행 포함).

    맨 앞의 BOM (U+FEFF) 은 버립니다 (메모장 등이 붙임; 그대로 두면 첫 단어에 붙어 버림).
    UTF-8 이 아닌 줄이 있으면 그 줄 번호와 내용을 말하는 한국어 ValueError 입니다.
    """
    path = as_input_file(name, value)
    try:
        with open(path, encoding="utf-8-sig") as fin:
            yield from enumerate(fin, start=1)
    except UnicodeDecodeError:
        lineno, raw = _first_undecodable_line(path)
        raise ValueError(
            f"`{name}`={str(path)!r} 의 {lineno}번째 줄이 UTF-8 이 아닙니다: {raw[:60]!r}. "
            "파일을 UTF-8 로 다시 저장해 주세요 (예: 메모장의 '다른 이름으로 저장' 에서 인코딩 UTF-8)."
        ) from None


def _first_undecodable_line(path: Path) -> tuple[int, bytes]:
    with open(path, "rb") as fin:
        for lineno, raw in enumerate(fin, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return lineno, raw
    return 0, b""  # pragma: no cover - 호출하는 쪽이 디코딩 오류를 본 뒤에만 부름


# ---------------------------------------------------------------------------
# 결과
# ---------------------------------------------------------------------------


def check_finite_result(what: str, value, cause: str) -> None:
    """계산한 값 (what) 이 유한하지 않으면 (float64 범위를 넘었으면) NaN·inf 대신 한국어 ValueError.

    cause 는 원인이 된 입력을 말하는 문장 (매개변수 이름과 값 포함; 예: "`center_vec`의 가장 큰 절댓값 1e+200").
    """
    if not np.all(np.isfinite(value)):
        raise ValueError(
            f"{what}이(가) float64 로 나타낼 수 있는 범위 (약 ±1.8e308) 를 넘어 계산할 수 없습니다: {cause}. "
            "값의 크기를 줄여 주세요 (학습하는 벡터의 값은 보통 절댓값 10 안팎입니다)."
        )
