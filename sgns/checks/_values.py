"""값 다루기: 메시지용 짧은 표현 (`fmt`), 반환값을 배열·스칼라로 (`as_array`, `as_scalar`), 비교 (`close`).

학생이 돌려준 값이 무엇이든 예외 대신 ``ctx.fail(...)``로 끝납니다. 허용 오차: 상대 1e-5 (float32 등은 1e-4).
"""

from __future__ import annotations

import numpy as np

# 배열로 바꾸기 전에 거절하는 크기 (원소 수). 사례마다 기대한 크기의 몇 배까지만 받습니다.
ABSOLUTE_MAX_ELEMENTS = 20_000_000


def fmt(value) -> str:
    """메시지에 넣을 짧은 값 표현 (소수 넷째 자리까지, 큰 배열은 형태만)."""
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return fmt(value.item())
        if value.size > 12:
            return f"shape {value.shape} 배열"
        if value.dtype.kind == "f":
            with np.errstate(all="ignore"):
                value = _round_sig(value.astype(np.float64))
        return str(value.tolist())
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.4g}"
    if isinstance(value, np.generic):
        return fmt(value.item())
    if isinstance(value, (list, tuple)) and len(value) > 12:
        return f"길이 {len(value)}의 {type(value).__name__}"
    try:
        text = repr(value)
    except Exception:  # 학생이 만든 객체의 repr 이 실패해도 메시지는 만듭니다
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 90 else text[:87] + "..."


def _round_sig(arr: np.ndarray) -> np.ndarray:
    """큰 값은 소수 넷째 자리, 아주 작은 값은 유효숫자 4개로 (0.0과 -0.0은 0.0)."""
    out = np.round(arr, 4)
    tiny = (arr != 0) & (np.abs(arr) < 1e-3) & np.isfinite(arr)
    if tiny.any():
        out = out.astype(object)
        for index in zip(*np.nonzero(tiny), strict=True):
            out[index] = float(f"{arr[index]:.4g}")
    return out + 0.0


def describe_args(args: dict) -> str:
    """사례의 인자들을 ``이름=값``으로 (메시지의 '입력' 줄)."""
    return ", ".join(f"{name}={fmt(value)}" for name, value in args.items())


def element_count(value) -> int | None:
    """배열로 바꾸기 전에 값의 대략적인 원소 수 (모르면 None)."""
    if isinstance(value, np.ndarray):
        return int(value.size)
    if isinstance(value, (str, bytes, dict)):
        return None
    try:
        n = len(value)
    except Exception:
        return None
    if isinstance(value, (list, tuple)) and value:
        first = value[0]
        if isinstance(first, np.ndarray):
            return n * max(1, int(first.size))
        if isinstance(first, (list, tuple)):
            sample = value[:1000]
            inner = sum(len(item) if isinstance(item, (list, tuple)) else 1 for item in sample)
            return inner * n // len(sample)
    return int(n)


# ---- 반환값을 배열·스칼라로 -------------------------------------------------


def none_problem(what: str) -> str:
    return f"{what}이(가) None입니다. `return` 문을 빠뜨리지 않았나요?"


def as_array(ctx, value, what: str, shape: tuple, *, require_ndarray=False, shape_hints=None) -> np.ndarray:
    """반환값을 실수 배열로 바꾸고 형태를 검사합니다. 실패하면 한국어 설명과 함께 ctx.fail."""
    if value is None:
        ctx.fail("returned-none", none_problem(what))
    if require_ndarray and not isinstance(value, np.ndarray):
        ctx.fail(
            "not-ndarray",
            f"{what}은(는) numpy 배열이어야 합니다. 받은 것: {type(value).__name__}.",
            "학습 반복문의 `U -= lr * grad` 같은 계산에 쓰이므로 np.array로 돌려주세요.",
        )
    count = element_count(value)
    limit = max(10 * int(np.prod(shape, dtype=np.int64)), 1000)
    if count is not None and count > min(limit, ABSOLUTE_MAX_ELEMENTS):
        ctx.fail("too-large", f"{what}이(가) 너무 큽니다: 원소 약 {count:,}개. 기대한 형태는 {shape}입니다.")
    try:
        arr = np.asarray(value)
    except Exception:  # 모양이 들쭉날쭉한 리스트 등
        arr = None
    if arr is None or arr.dtype.kind not in "fiub":
        ctx.fail("wrong-type", f"{what}은(는) 실수 배열이어야 합니다. 받은 것: {type(value).__name__} {fmt(value)}")
    if arr.dtype.kind == "b":
        ctx.fail("wrong-type", f"{what}은(는) 실수 배열이어야 합니다. 받은 것: True/False 배열 {fmt(arr)}")
    if arr.shape != shape:
        hint = (shape_hints or {}).get(arr.shape)
        if hint is None and arr.ndim == 2 and arr.shape == shape[::-1] and shape[0] != shape[1]:
            return ctx.fail(
                "transposed",
                f"{what}의 형태가 다릅니다: 기대한 형태 {shape}, 받은 형태 {arr.shape}",
                "행과 열이 뒤바뀌었습니다 (전치). 곱하는 순서나 np.outer의 인자 순서를 확인하세요.",
            )
        ctx.fail(
            hint[0] if hint else "wrong-shape",
            f"{what}의 형태가 다릅니다: 기대한 형태 {shape}, 받은 형태 {arr.shape}",
            hint[1] if hint else None,
        )
    return arr


def as_scalar(ctx, value, what: str) -> np.generic:
    """반환값이 하나의 실수(float, numpy 스칼라, 원소 하나짜리 배열)인지 검사합니다 (dtype은 유지)."""
    if value is None:
        ctx.fail("returned-none", none_problem(what))
    count = element_count(value)
    if count is not None and count > 1000:
        ctx.fail(
            "wrong-type", f"{what}은(는) 실수 하나여야 합니다. 받은 것: 원소 {count:,}개짜리 {type(value).__name__}"
        )
    try:
        arr = np.asarray(value)
    except Exception:
        arr = None
    if arr is None or arr.dtype.kind not in "fiu" or arr.size != 1:
        ctx.fail("wrong-type", f"{what}은(는) 실수 하나여야 합니다. 받은 것: {type(value).__name__} {fmt(value)}")
    return arr.reshape(())[()]


def unpack(ctx, result, names: tuple[str, ...]):
    """(a, b, ...)처럼 여러 값을 돌려주는 함수의 반환값을 검사합니다."""
    if result is None:
        ctx.fail("returned-none", none_problem("반환값"))
    if not isinstance(result, (tuple, list)) or len(result) != len(names):
        ctx.fail(
            "wrong-type",
            f"함수는 ({', '.join(names)}) {len(names)}개 값을 돌려줘야 합니다. "
            f"받은 것: {type(result).__name__} {fmt(result)}",
        )
    return result


# ---- 비교 -----------------------------------------------------------------


def _low_precision(got) -> bool:
    got = np.asarray(got)
    return got.dtype.kind == "f" and got.dtype.itemsize < 8


def close(got, want, *, relative=False) -> bool:
    """허용 오차 안에서 같은지 (형태도 같아야 하고, want가 유한하면 NaN·inf는 다름).

    relative=False: 가장 큰 |want| 에 비례하는 절대 오차도 허용. relative=True: 원소마다 상대 오차 (σ(-720) ≈
    2e-313이 0이 되는 것도 잡음; 결과 dtype의 서브노멀 간격 몇 개까지만 봐줌).
    """
    got = np.asarray(got)
    want = np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        return False
    low = _low_precision(got)
    rtol = 1e-4 if low else 1e-5
    with np.errstate(all="ignore"):
        got64 = got.astype(np.float64)
        if relative:
            spacing = np.finfo(got.dtype if got.dtype.kind == "f" else np.float64).smallest_subnormal
            return bool(np.all(np.abs(got64 - want) <= rtol * np.abs(want) + 4 * float(spacing)))
        atol = (1e-6 if low else 1e-9) * max(1.0, float(np.max(np.abs(want), initial=0.0)))
        return bool(np.allclose(got64, want, rtol=rtol, atol=atol))


def same_values(got, variant, *, relative=False) -> bool:
    """학생 결과가 (흔한 실수를 흉내 낸) variant와 같은지. NaN·inf의 위치와 부호까지 같아야 같습니다."""
    got = np.asarray(got, dtype=np.float64)
    variant = np.asarray(variant, dtype=np.float64)
    if got.shape != variant.shape:
        return False
    finite = np.isfinite(variant)
    with np.errstate(invalid="ignore"):
        same_special = np.all((np.isnan(got) == np.isnan(variant)) & (np.isinf(got) == np.isinf(variant)))
        same_sign = np.all(np.sign(got[np.isinf(variant)]) == np.sign(variant[np.isinf(variant)]))
    if not (same_special and same_sign):
        return False
    return close(got[finite], variant[finite], relative=relative)


def all_finite(value) -> bool:
    with np.errstate(all="ignore"):
        return bool(np.all(np.isfinite(np.asarray(value, dtype=np.float64))))


def difference(what: str, got, want) -> str:
    """기대한 값과 받은 값을 짧게 (작은 배열은 통째로, 큰 배열은 가장 크게 다른 위치만)."""
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    if want.size <= 12:
        return f"{what}: 기대한 값 {fmt(want)}, 받은 값 {fmt(got)}"
    with np.errstate(all="ignore"):
        gap = np.abs(got - want) / (np.abs(want) + 1e-300)
    gap = np.where(np.isnan(gap), np.inf, gap)
    where = np.unravel_index(int(np.argmax(gap)), want.shape)
    index = ", ".join(map(str, where))
    return (
        f"{what}: 가장 크게 다른 위치 [{index}]에서 기대한 값 {want[where]:.4g}, 받은 값 {got[where]:.4g} "
        f"(형태 {want.shape})"
    )


def non_finite_note(got) -> str | None:
    """결과에 NaN·inf가 있으면 그 설명."""
    if not all_finite(got):
        return "결과에 NaN 또는 inf가 있습니다. NaN·inf가 섞인 결과는 언제나 틀린 답입니다."
    return None
