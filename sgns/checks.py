"""연습문제 자동 확인: 학생이 작성한 함수를 참조 구현과 비교하고 한국어로 알려 줍니다.

노트북의 확인 셀에서 이렇게 씁니다::

    check_sigmoid(sigmoid)

- 맞으면: ``✅ 통과: ...`` 한 줄을 출력합니다.
- 틀리면: 어느 사례에서 무엇이 틀렸는지(입력, 기대한 값, 받은 값)와, 흔한 실수로 보이면
  그 실수가 무엇인지(💡)를 담은 ``AssertionError`` 를 냅니다.
- 아직 풀지 않았으면(함수가 ``NotImplementedError`` 를 내면): ``⏳ 아직 풀지 않은 연습문제입니다: ...``
  한 줄만 출력하고 넘어가므로, 학생용 노트북도 위에서 아래로 끝까지 실행됩니다.

사례는 고정된 예와 시드를 고정한 무작위 예이므로 출력은 매번 똑같습니다.
허용 오차는 float64 결과에 상대 1e-5, float32 로 계산한 결과에 상대 1e-4 입니다.

연습문제와 확인 함수 (노트북 번호: 학생이 작성하는 함수 -> 확인 함수):

- 01: ``skipgram_pairs(tokens, window)`` -> `check_skipgram_pairs`
- 02: ``softmax(x)`` -> `check_softmax`
- 02: ``naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors)``
  -> `check_naive_softmax_loss_and_gradient`
- 03: ``sigmoid(x)`` -> `check_sigmoid`
- 04: ``neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, negative_indices)``
  -> `check_neg_sampling_loss_and_gradient`
- 05: ``noise_distribution(counts, power)`` -> `check_noise_distribution`
"""

from __future__ import annotations

import copy
import functools
import traceback
import warnings
from collections import Counter
from dataclasses import dataclass

import numpy as np

from sgns.corpus import skipgram_pairs as _ref_skipgram_pairs
from sgns.functions import sigmoid as _ref_sigmoid
from sgns.functions import softmax as _ref_softmax
from sgns.neg_sampling import neg_sampling_loss_and_gradient as _ref_neg_sampling
from sgns.sampling import noise_distribution as _ref_noise_distribution
from sgns.softmax_loss import naive_softmax_loss_and_gradient as _ref_naive_softmax

__all__ = [
    "check_skipgram_pairs",
    "check_softmax",
    "check_naive_softmax_loss_and_gradient",
    "check_sigmoid",
    "check_neg_sampling_loss_and_gradient",
    "check_noise_distribution",
]

_SEED = 20131016  # 무작위 사례용 고정 시드 (출력이 매번 같도록)


# ---------------------------------------------------------------------------
# 공통 도우미: 사례, 실패, 안전한 호출, 비교
# ---------------------------------------------------------------------------


@dataclass
class _Case:
    """확인 사례 하나: 사람이 읽을 이름과 함수에 넘길 인자(이름 -> 값, 순서대로)."""

    label: str
    args: dict


class _Failure(Exception):
    """확인 실패. 확인 함수의 맨 바깥에서 AssertionError 로 바뀝니다."""


class _NotDone(Exception):
    """학생 함수가 NotImplementedError 를 냈습니다 (아직 풀지 않음)."""


def _fmt(value) -> str:
    """메시지에 넣을 짧은 값 표현 (소수 넷째 자리까지, 큰 배열은 형태만)."""
    if isinstance(value, np.ndarray):
        if value.size > 12:
            return f"shape {value.shape} 배열"
        if value.dtype.kind == "f":
            value = np.round(value.astype(np.float64), 4) + 0.0  # + 0.0: -0.0 을 0.0 으로
        return str(value.tolist())
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.4g}"
    text = repr(value)
    return text if len(text) <= 90 else text[:87] + "..."


def _describe_inputs(case: _Case) -> str:
    return ", ".join(f"{name}={_fmt(value)}" for name, value in case.args.items())


class _Checker:
    """한 연습문제의 확인 과정: 사례 번호를 기억하고, 실패 메시지를 같은 모양으로 만듭니다."""

    def __init__(self, title: str, fn, cases: list[_Case]):
        self.title = title
        self.fn = fn
        self.cases = cases
        self.case: _Case | None = None
        self.index = 0

    def __iter__(self):
        for index, case in enumerate(self.cases, start=1):
            self.index, self.case = index, case
            yield case

    def fail(self, problem: str, hint: str | None = None):
        """현재 사례에서 실패: 입력, 문제, (있으면) 흔한 실수 설명을 담아 _Failure 를 냅니다."""
        lines = [
            f"❌ {self.title}: 사례 {self.index}/{len(self.cases)} ({self.case.label})에서 틀렸습니다.",
            f"   입력: {_describe_inputs(self.case)}",
            *("   " + line for line in problem.splitlines()),
        ]
        if hint:
            lines.append(f"   💡 흔한 실수로 보입니다: {hint}")
        raise _Failure("\n".join(lines))

    def call(self, error_hints: dict[str, str] | None = None):
        """학생 함수를 현재 사례의 인자(복사본)로 안전하게 호출합니다.

        Returns
        -------
        result : 함수의 반환값
        runtime_warnings : list[str], 호출 중 난 RuntimeWarning 메시지들 (넘침, 0 나누기 등)

        NotImplementedError 는 _NotDone 으로, 그 밖의 예외는 한국어 설명이 붙은 실패로 바꿉니다.
        입력 배열을 제자리에서 바꾸면 그것도 실패입니다.
        """
        copies = {name: copy.deepcopy(value) for name, value in self.case.args.items()}
        with (
            warnings.catch_warnings(record=True) as caught,
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
        ):
            warnings.simplefilter("always")
            try:
                result = self.fn(*copies.values())
            except NotImplementedError:
                raise _NotDone from None
            except Exception as exc:  # 학생 코드 안에서 난 예외
                self.fail(_explain_exception(self.fn, exc), _match_hint(error_hints, exc))
        for name, original in self.case.args.items():
            if not _same_value(original, copies[name]):
                self.fail(
                    f"함수가 입력 `{name}`을(를) 제자리에서 바꿨습니다 (예: `{name} -= ...`, `{name}[...] = ...`).",
                    f"호출한 쪽의 배열까지 바뀝니다. `{name} = {name} - ...` 처럼 새 배열을 만들어 계산하세요.",
                )
        runtime = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
        return result, runtime


def _same_value(a, b) -> bool:
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b)
    return a == b


def _explain_exception(fn, exc: BaseException) -> str:
    """학생 함수 안에서 난 예외를 짧게: 예외 이름, 메시지 첫 줄, (찾으면) 학생 코드의 줄 번호."""
    first_line = (str(exc).strip().splitlines() or [""])[0]
    if len(first_line) > 160:
        first_line = first_line[:157] + "..."
    where = ""
    code = getattr(fn, "__code__", None)
    if code is not None:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == code.co_filename]
        if frames:
            where = f" ({frames[-1].lineno}번째 줄: `{(frames[-1].line or '').strip()}`)"
    return f"함수를 실행하다가 예외가 났습니다{where}:\n{type(exc).__name__}: {first_line}"


def _match_hint(error_hints: dict[str, str] | None, exc: BaseException) -> str | None:
    for fragment, hint in (error_hints or {}).items():
        if fragment in str(exc):
            return hint
    return None


def _exercise(title: str):
    """확인 함수 데코레이터: 통과/미완성 메시지를 출력하고, 실패를 AssertionError 로 바꿉니다.

    감싸인 함수는 학생 함수를 받아 모든 사례를 확인하고, 통과 메시지에 쓸 요약 문자열을 돌려줍니다.
    """

    def decorate(body):
        @functools.wraps(body)
        def check(fn) -> None:
            if not callable(fn):
                raise AssertionError(
                    f"❌ {title}: 함수를 넘겨 주세요. 받은 값: {_fmt(fn)} "
                    "(함수 이름 뒤에 괄호를 붙여 호출한 결과를 넘기지 않았나요?)"
                )
            try:
                summary = body(fn)
            except _NotDone:
                print(
                    f"⏳ 아직 풀지 않은 연습문제입니다: {title}. "
                    "`raise NotImplementedError()` 대신 코드를 작성한 뒤 이 셀을 다시 실행하세요."
                )
                return
            except _Failure as failure:
                raise AssertionError(str(failure)) from None
            print(f"✅ 통과: {title} — {summary}")

        return check

    return decorate


# ---- 반환값 검사 ----------------------------------------------------------


def _none_problem(what: str) -> str:
    return f"{what}이(가) None 입니다. `return` 문을 빠뜨리지 않았나요?"


def _as_array(ck: _Checker, value, what: str, shape: tuple, *, require_ndarray=False, shape_hints=None):
    """반환값을 실수 배열로 바꾸고 형태를 검사합니다. 실패하면 한국어 설명과 함께 실패."""
    if value is None:
        ck.fail(_none_problem(what))
    if require_ndarray and not isinstance(value, np.ndarray):
        ck.fail(
            f"{what}은(는) numpy 배열이어야 합니다. 받은 것: {type(value).__name__}.",
            "학습 반복문의 `U -= lr * grad` 같은 계산에 쓰이므로 np.array 로 돌려주세요.",
        )
    try:
        arr = np.asarray(value)
    except Exception:  # 모양이 들쭉날쭉한 리스트 등
        arr = None
    if arr is None or arr.dtype.kind not in "fiu":
        ck.fail(f"{what}은(는) 실수 배열이어야 합니다. 받은 것: {type(value).__name__} {_fmt(value)}")
    if arr.shape != shape:
        hint = (shape_hints or {}).get(arr.shape)
        if hint is None and arr.ndim == 2 and arr.shape == shape[::-1]:
            hint = "행과 열이 뒤바뀌었습니다 (전치). 곱하는 순서나 np.outer 의 인자 순서를 확인하세요."
        ck.fail(f"{what}의 형태가 다릅니다: 기대한 형태 {shape}, 받은 형태 {arr.shape}", hint)
    return arr


def _as_scalar(ck: _Checker, value, what: str) -> np.generic:
    """반환값이 하나의 실수(float, numpy 스칼라, 원소 하나짜리 배열)인지 검사합니다 (dtype 은 유지)."""
    if value is None:
        ck.fail(_none_problem(what))
    try:
        arr = np.asarray(value)
    except Exception:
        arr = None
    if arr is None or arr.dtype.kind not in "fiu" or arr.size != 1:
        ck.fail(f"{what}은(는) 실수 하나여야 합니다. 받은 것: {type(value).__name__} {_fmt(value)}")
    return arr.reshape(())[()]


def _unpack(ck: _Checker, result, names: tuple[str, ...]):
    if result is None:
        ck.fail(_none_problem("반환값"))
    if not isinstance(result, (tuple, list)) or len(result) != len(names):
        ck.fail(
            f"함수는 ({', '.join(names)}) {len(names)}개 값을 돌려줘야 합니다. "
            f"받은 것: {type(result).__name__} {_fmt(result)}"
        )
    return result


# ---- 값 비교 --------------------------------------------------------------


def _close(got, want) -> bool:
    """허용 오차 안에서 같은지 (float32 로 계산한 결과는 조금 느슨하게)."""
    got = np.asarray(got)
    want = np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        return False
    low_precision = got.dtype.kind == "f" and got.dtype.itemsize < 8
    rtol, atol = (1e-4, 1e-6) if low_precision else (1e-5, 1e-9)
    scale = max(1.0, float(np.max(np.abs(want), initial=0.0)))
    with np.errstate(all="ignore"):
        return bool(np.allclose(got.astype(np.float64), want, rtol=rtol, atol=atol * scale))


def _difference(what: str, got, want) -> str:
    """기대한 값과 받은 값을 짧게 (작은 배열은 통째로, 큰 배열은 가장 크게 다른 위치만)."""
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    if want.size <= 12:
        return f"{what}: 기대한 값 {_fmt(want)}, 받은 값 {_fmt(got)}"
    with np.errstate(all="ignore"):
        gap = np.abs(got - want)
    gap = np.where(np.isnan(gap), np.inf, gap)
    where = np.unravel_index(int(np.argmax(gap)), want.shape)
    index = ", ".join(map(str, where))
    return (
        f"{what}: 가장 크게 다른 위치 [{index}] 에서 기대한 값 {want[where]:.4g}, 받은 값 {got[where]:.4g} "
        f"(형태 {want.shape})"
    )


def _overflow_problem(runtime_warnings: list[str], got) -> str | None:
    """넘침 경고나 NaN·inf 결과가 있으면 그 설명."""
    if runtime_warnings:
        return f"계산 중에 RuntimeWarning 이 났습니다: {runtime_warnings[0]}"
    if not np.all(np.isfinite(np.asarray(got, dtype=np.float64))):
        return "결과에 NaN 또는 inf 가 있습니다."
    return None


def _value_problem(what: str, got, want, runtime_warnings: list[str]) -> str | None:
    """값이 틀렸거나 계산 중 넘침 경고·NaN 이 있으면 그 설명 (기대한 값과 받은 값 포함), 아니면 None."""
    warning = _overflow_problem(runtime_warnings, got)
    if warning is None and _close(got, want):
        return None
    return "\n".join(filter(None, [_difference(what, got, want), warning]))


def _check_array_function(ck: _Checker, reference, diagnose, error_hints: dict[str, str] | None = None) -> None:
    """배열 x 하나를 받아 같은 모양의 배열을 돌려주는 함수 (softmax, sigmoid) 의 공통 확인.

    reference : x -> 기대한 배열 (기준 구현)
    diagnose : (x, got, runtime_warnings) -> 흔한 실수 설명 또는 None
    error_hints : 예외 메시지에 든 낱말 -> 설명 (``_Checker.call`` 참고)
    """
    for case in ck:
        x = case.args["x"]
        result, runtime = ck.call(error_hints=error_hints)
        got = _as_array(ck, result, "반환값", x.shape)
        want = reference(x)
        problem = _value_problem("반환값", got, want, runtime)
        if problem:
            ck.fail(problem, diagnose(x, got, runtime))


# ---------------------------------------------------------------------------
# 01: 스킵-그램 (중심, 주변) 쌍
# ---------------------------------------------------------------------------


def _skipgram_cases() -> list[_Case]:
    rng = np.random.default_rng(_SEED)
    index_tokens = [int(t) for t in rng.integers(0, 4, size=10)]
    return [
        _Case("윈도우 크기 2", {"tokens": ["나는", "오늘", "도서관에서", "책을", "읽었다"], "window": 2}),
        _Case("원문 예, 윈도우 크기 1", {"tokens": ["turning", "into", "banking", "crises"], "window": 1}),
        _Case("윈도우가 문장보다 긺", {"tokens": ["the", "quick", "fox"], "window": 5}),
        _Case("같은 단어가 두 번 나옴", {"tokens": ["the", "cat", "saw", "the", "dog"], "window": 3}),
        _Case("단어 하나뿐인 문장", {"tokens": ["안녕"], "window": 2}),
        _Case("무작위 인덱스 토큰", {"tokens": index_tokens, "window": 3}),
    ]


def _as_pairs(ck: _Checker, result) -> Counter:
    """반환값을 (중심, 주변) 쌍의 중복 집합(Counter)으로 바꿉니다. 리스트 쌍, 다른 순서도 받아 줍니다."""
    if result is None:
        ck.fail(_none_problem("반환값"))
    if isinstance(result, (str, bytes, dict)) or not hasattr(result, "__iter__"):
        ck.fail(f"(중심, 주변) 쌍의 리스트를 돌려줘야 합니다. 받은 것: {type(result).__name__} {_fmt(result)}")
    pairs = []
    for item in result:
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            ck.fail(f"리스트의 원소는 (중심, 주변) 두 개짜리 튜플이어야 합니다. 받은 원소: {_fmt(item)}")
        pairs.append(tuple(item))
    return Counter(pairs)


def _diagnose_skipgram(tokens: list, window: int, got: Counter, want: Counter) -> str | None:
    """틀린 쌍 목록에서 흔한 실수를 알아봅니다 (토큰이 모두 다른 사례에서 위치로 따짐)."""
    missing, extra = want - got, got - want
    if not got:
        return "쌍을 하나도 돌려주지 않았습니다. append 를 빠뜨렸거나 range 가 비어 있지 않은지 확인하세요."
    if not extra and set(got) == set(want):
        return "같은 쌍이 여러 번 나와야 하는데 한 번만 있습니다. set 으로 중복을 없애지 마세요."
    if missing and not extra and all(center == context for center, context in missing):
        return (
            "같은 단어인 (w, w) 쌍이 빠졌습니다. 중심 단어 자신을 뺄 때 단어(`tokens[j] != center`)가 아니라 "
            "위치(`j != i`)로 비교하세요."
        )
    if len(set(tokens)) != len(tokens):
        return None
    position = {token: i for i, token in enumerate(tokens)}
    n = len(tokens)

    if any(c not in position or o not in position for c, o in extra):
        return "문장에 없는 단어가 쌍에 들어 있습니다."

    def offsets(pairs):  # 주변 위치 - 중심 위치
        return {position[o] - position[c] for c, o in pairs}

    extra_offsets, missing_offsets, got_offsets = offsets(extra), offsets(missing), offsets(got)
    if 0 in extra_offsets:
        return "중심 단어 자기 자신과의 쌍 (w, w) 이 들어 있습니다. 거리 0 (j == i) 은 빼야 합니다."
    if {abs(off) for off in extra_offsets} == {window + 1}:
        return f"거리 {window + 1} 인 쌍이 들어 있습니다. range 의 끝을 한 칸 더 갔습니다 (윈도우 한 칸 차이)."
    # tokens[i + off] 에서 i + off 가 음수면 문장 끝에서부터 셉니다: 위치 n + i + off 의 단어
    if extra and all(-window <= position[o] - n - position[c] <= -1 for c, o in extra):
        example = sorted(extra, key=repr)[0]
        return (
            f"문장 끝 단어와 쌍이 생겼습니다 (예: {example}). i - window 가 음수일 때 tokens[음수] 는 "
            "문장 끝 단어를 가리킵니다. 0 이상인 위치만 쓰세요 (max(0, i - window))."
        )
    if missing and {abs(off) for off in missing_offsets} == {window} and got_offsets:
        return (
            f"거리 {window} 인 쌍이 빠졌습니다. range(i + 1, i + window + 1) 처럼 끝을 포함하세요 (윈도우 한 칸 차이)."
        )
    if got_offsets and (all(off > 0 for off in got_offsets) or all(off < 0 for off in got_offsets)):
        side = "오른쪽" if all(off > 0 for off in got_offsets) else "왼쪽"
        return f"중심 단어의 {side} 주변 단어만 넣었습니다. 윈도우는 양쪽(왼쪽 window 개, 오른쪽 window 개)입니다."
    if missing and all(position[o] < position[c] and position[c] - window < 0 for c, o in missing):
        return (
            "문장 앞쪽 중심 단어의 왼쪽 주변 단어가 빠졌습니다. tokens[i - window:i] 에서 i - window 가 음수면 "
            "슬라이스가 비거나 엉뚱해집니다. tokens[max(0, i - window):i] 를 쓰세요."
        )
    return None


def _pairs_problem(got: Counter, want: Counter) -> str:
    missing, extra = sorted((want - got).elements(), key=repr), sorted((got - want).elements(), key=repr)
    lines = [f"쌍의 개수: 기대 {sum(want.values())}개, 받음 {sum(got.values())}개"]
    if missing:
        lines.append(f"빠진 쌍 {len(missing)}개, 예: {_fmt(missing[:3])}")
    if extra:
        lines.append(f"있으면 안 되는 쌍 {len(extra)}개, 예: {_fmt(extra[:3])}")
    return "\n".join(lines)


@_exercise("skipgram_pairs (스킵-그램 쌍)")
def check_skipgram_pairs(fn) -> str:
    """연습문제 01: ``skipgram_pairs(tokens, window)`` 를 확인합니다.

    쌍의 순서는 상관없고, 같은 쌍이 나오는 횟수는 맞아야 합니다. 쌍은 튜플이나 리스트 모두 됩니다.
    """
    ck = _Checker("skipgram_pairs", fn, _skipgram_cases())
    for case in ck:
        result, _ = ck.call(error_hints={"index out of range": "j 가 len(tokens) 이상이 되지 않게 하세요."})
        got = _as_pairs(ck, result)
        want = Counter(_ref_skipgram_pairs(**case.args))
        if got != want:
            ck.fail(_pairs_problem(got, want), _diagnose_skipgram(case.args["tokens"], case.args["window"], got, want))
    return f"{len(ck.cases)}개 사례 (문장 양 끝, 윈도우가 문장보다 긴 경우, 반복되는 단어 포함)의 쌍이 모두 맞습니다."


# ---------------------------------------------------------------------------
# 02: 소프트맥스
# ---------------------------------------------------------------------------


def _softmax_cases() -> list[_Case]:
    rng = np.random.default_rng(_SEED)
    return [
        _Case("1차원", {"x": np.array([1.0, 2.0, 3.0])}),
        _Case("2차원: 행마다 소프트맥스", {"x": np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 5.0]])}),
        _Case("큰 값", {"x": np.array([1000.0, 1001.0, 1002.0])}),
        _Case("2차원, 행마다 크기가 아주 다름", {"x": np.array([[1000.0, 1001.0, 1002.0], [-1000.0, -999.0, -998.0]])}),
        _Case("무작위 (4, 6)", {"x": rng.normal(scale=5.0, size=(4, 6))}),
    ]


def _diagnose_softmax(x: np.ndarray, got: np.ndarray, runtime_warnings: list[str]) -> str | None:
    if _overflow_problem(runtime_warnings, got):
        if x.ndim == 1:
            return "e^x 가 넘쳤습니다. 최댓값을 빼고 계산하세요: e = np.exp(x - np.max(x))."
        return (
            "e^x 가 넘쳤거나, 배열 전체의 최댓값을 빼서 어떤 행이 전부 0 이 되었습니다. "
            "행마다 최댓값을 빼세요: x - np.max(x, axis=-1, keepdims=True)."
        )
    with np.errstate(all="ignore"):
        e = np.exp(x - np.max(x))
    if x.ndim == 2 and _close(got, _ref_softmax(x, axis=0)):
        return "열 방향(axis=0)으로 소프트맥스를 했습니다. 마지막 축(axis=-1, 행마다)이어야 합니다."
    if x.ndim == 2 and _close(got, e / e.sum()):
        return "배열 전체의 합으로 나눴습니다. 행마다 나누세요: np.sum(e, axis=-1, keepdims=True)."
    if _close(got, x / np.sum(x, axis=-1, keepdims=True)):
        return "np.exp 를 빠뜨렸습니다. 소프트맥스는 e^x_i / Σ_j e^x_j 입니다."
    if not _close(np.sum(got, axis=-1), np.ones(got.shape[:-1])):
        return "합이 1 이 아닙니다. e^x 를 그 합으로 나눠 정규화하세요."
    return None


@_exercise("softmax (안정한 소프트맥스)")
def check_softmax(fn) -> str:
    """연습문제 02: ``softmax(x)`` (마지막 축 방향, 넘침 없이) 를 확인합니다.

    리스트를 돌려줘도 값이 맞으면 통과입니다 (np.asarray 로 바꿔서 비교).
    """
    ck = _Checker("softmax", fn, _softmax_cases())
    keepdims_hint = "2차원에서는 np.max / np.sum 에 keepdims=True 를 주어야 행마다 빼고 나눌 수 있습니다."
    _check_array_function(ck, _ref_softmax, _diagnose_softmax, error_hints={"broadcast": keepdims_hint})
    return f"{len(ck.cases)}개 사례 (2차원, x = 1000 같은 큰 값 포함)에서 값이 맞고 넘침 경고가 없습니다."


# ---------------------------------------------------------------------------
# 02: naive softmax 손실과 기울기
# ---------------------------------------------------------------------------


def _loss_case(label: str, rng, V: int, d: int, outside_idx: int, scale=1.0, negative_indices=None) -> _Case:
    """무작위 v_c, U 로 손실 함수 사례를 만듭니다 (negative_indices 가 있으면 네거티브 샘플링용)."""
    args = {
        "center_vec": rng.normal(scale=scale, size=d),
        "outside_idx": outside_idx,
        "outside_vectors": rng.normal(scale=scale, size=(V, d)),
    }
    if negative_indices is not None:
        args["negative_indices"] = np.asarray(negative_indices)
    return _Case(label, args)


def _naive_softmax_cases() -> list[_Case]:
    rng = np.random.default_rng(_SEED)
    return [
        _loss_case("작은 예 V=5, d=3", rng, V=5, d=3, outside_idx=2),
        _loss_case("정답이 마지막 단어 V=7, d=4", rng, V=7, d=4, outside_idx=6),
        _loss_case("무작위 V=10, d=5, 점수가 큼", rng, V=10, d=5, outside_idx=0, scale=2.0),
    ]


LOSS_NAMES = ("loss", "grad_center_vec", "grad_outside_vectors")


def _unpack_loss_result(ck: _Checker, result, V: int, d: int, shape_hints=None):
    loss, grad_center, grad_outside = _unpack(ck, result, LOSS_NAMES)
    loss = _as_scalar(ck, loss, "loss")
    grad_center = _as_array(ck, grad_center, "grad_center_vec", (d,), require_ndarray=True)
    grad_outside = _as_array(
        ck, grad_outside, "grad_outside_vectors", (V, d), require_ndarray=True, shape_hints=shape_hints
    )
    return loss, grad_center, grad_outside


def _first_mismatch(got: tuple, want: tuple) -> int | None:
    """(loss, grad_center, grad_outside) 중 처음으로 틀린 것의 위치."""
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        if not _close(g, w):
            return i
    return None


def _check_loss_and_gradients(ck: _Checker, reference, diagnose, shape_hints=None) -> None:
    """손실 함수 연습문제의 공통 확인: 사례마다 (loss, grad_center_vec, grad_outside_vectors) 를 기준 구현과 비교.

    reference : 사례의 인자를 받아 기대한 (loss, grad_center, grad_outside) 를 돌려주는 기준 구현
    diagnose : (case, which, got, want) -> 흔한 실수 설명 또는 None
    shape_hints : case -> {잘못된 모양: 설명} (없으면 None), grad_outside_vectors 의 모양이 틀렸을 때 쓰는 설명
    """
    for case in ck:
        V, d = case.args["outside_vectors"].shape
        result, runtime = ck.call()
        hints = shape_hints(case) if shape_hints is not None else None
        got = _unpack_loss_result(ck, result, V, d, shape_hints=hints)
        want = reference(**case.args)
        which = _first_mismatch(got, want)
        if which is not None:
            ck.fail(
                _difference(LOSS_NAMES[which], got[which], want[which]),
                diagnose(case, which, got, want),
            )
        if runtime:
            ck.fail(f"값은 맞지만 계산 중에 RuntimeWarning 이 났습니다: {runtime[0]}")


def _diagnose_naive_softmax(case: _Case, which: int, got: tuple, want: tuple) -> str | None:
    v_c, o, U = case.args["center_vec"], case.args["outside_idx"], case.args["outside_vectors"]
    y_hat = _ref_softmax(U @ v_c)
    g = got[which]
    if _close(g, -want[which]):
        if which == 0:
            return "손실의 부호가 반대입니다. J = -log ŷ_o 이므로 항상 0 이상이어야 합니다."
        return "기울기의 부호가 반대입니다. y - ŷ 가 아니라 ŷ - y (예측 - 정답) 입니다."
    if which == 0 and (_close(g, y_hat[o]) or _close(g, -y_hat[o])):
        return "확률 ŷ_o 를 그대로 돌려줬습니다. 손실에는 -log 를 씌워야 합니다: J = -np.log(ŷ_o)."
    if which == 1 and _close(g, U.T @ y_hat):
        return "정답 항이 빠졌습니다: ∂J/∂v_c = Uᵀ(ŷ - y) = Uᵀŷ - u_o. u_o 를 빼세요."
    if which == 2:
        if _close(g, np.outer(y_hat, v_c)):
            return "정답 항이 빠졌습니다: ∂J/∂U = (ŷ - y) v_cᵀ 이므로 o 번째 행에서 v_c 를 빼야 합니다."
        others = np.delete(g, o, axis=0)
        if np.allclose(others, 0.0):
            return (
                "o 번째 행만 기울기가 있습니다. 소프트맥스의 분모에 모든 단어가 들어가므로 "
                "∂J/∂U = (ŷ - y) v_cᵀ 는 모든 행이 0 이 아닙니다."
            )
    return None


@_exercise("naive_softmax_loss_and_gradient (naive softmax 손실과 기울기)")
def check_naive_softmax_loss_and_gradient(fn) -> str:
    """연습문제 02: ``naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors)``.

    loss 는 float, numpy 스칼라, 원소 하나짜리 배열 모두 됩니다. 기울기는 numpy 배열이어야 합니다.
    """
    ck = _Checker("naive_softmax_loss_and_gradient", fn, _naive_softmax_cases())
    _check_loss_and_gradients(ck, _ref_naive_softmax, _diagnose_naive_softmax)
    return f"{len(ck.cases)}개 사례에서 손실과 두 기울기가 모두 맞습니다."


# ---------------------------------------------------------------------------
# 03: 시그모이드
# ---------------------------------------------------------------------------


def _sigmoid_cases() -> list[_Case]:
    rng = np.random.default_rng(_SEED)
    return [
        _Case("작은 값", {"x": np.array([-2.0, -1.0, 0.0, 1.0, 2.0])}),
        _Case("2차원 배열", {"x": rng.normal(scale=3.0, size=(3, 4))}),
        _Case("아주 큰 양수와 음수", {"x": np.array([-1e4, -1000.0, -50.0, 0.0, 50.0, 1000.0, 1e4])}),
        _Case("무작위 30개", {"x": rng.normal(scale=20.0, size=30)}),
    ]


def _diagnose_sigmoid(x: np.ndarray, got: np.ndarray, runtime_warnings: list[str]) -> str | None:
    if any("overflow" in w for w in runtime_warnings) or not np.all(np.isfinite(got)):
        return (
            "1 / (1 + np.exp(-x)) 를 그대로 쓰면 x 가 큰 음수일 때 np.exp(-x) 가 넘칩니다. "
            "x < 0 에서는 e^x / (1 + e^x) 로 계산하세요 (e^{-|x|} 만 쓰면 넘치지 않습니다). "
            "np.where 는 두 식을 모두 계산하므로, 넘치는 식을 np.where 안에 넣어도 경고가 납니다."
        )
    if _close(got, _ref_sigmoid(-x)):
        return "부호가 반대입니다: σ(x) = 1 / (1 + e^{-x}) 입니다 (e^{+x} 가 아님). σ(0) = 0.5, σ(2) ≈ 0.88."
    return None


@_exercise("sigmoid (안정한 시그모이드)")
def check_sigmoid(fn) -> str:
    """연습문제 03: ``sigmoid(x)`` (원소별, |x| = 1e4 에서도 넘침 경고 없이) 를 확인합니다."""
    ck = _Checker("sigmoid", fn, _sigmoid_cases())
    _check_array_function(ck, _ref_sigmoid, _diagnose_sigmoid)
    return f"{len(ck.cases)}개 사례 (x = ±1e4 포함)에서 값이 맞고 넘침 경고가 없습니다."


# ---------------------------------------------------------------------------
# 04: 네거티브 샘플링 손실과 기울기
# ---------------------------------------------------------------------------


def _neg_sampling_cases() -> list[_Case]:
    rng = np.random.default_rng(_SEED)
    random_negatives = np.array([7, 2, 7, 9, 4])  # 7 이 두 번
    return [
        _loss_case(
            "작은 예 V=6, d=3, 서로 다른 네거티브", rng, V=6, d=3, outside_idx=2, negative_indices=np.array([1, 4])
        ),
        _loss_case("중복된 네거티브", rng, V=6, d=3, outside_idx=0, negative_indices=np.array([3, 3, 5])),
        _loss_case(
            "무작위 V=10, d=5, K=5", rng, V=10, d=5, outside_idx=1, scale=1.5, negative_indices=random_negatives
        ),
    ]


def _flip_negatives(case: _Case):
    """σ(-u_k·v_c) 의 마이너스를 빠뜨린 손실과 기울기.

    네거티브 행 u_k 의 부호를 바꾸면 σ(-u_k·v_c) 가 σ(u_k·v_c) 가 되므로, 참조 구현을 그대로 쓰고
    U 에 대한 기울기의 그 행들만 다시 부호를 바꾸면 됩니다 (연쇄 법칙).
    """
    U = case.args["outside_vectors"].copy()
    neg = np.unique(case.args["negative_indices"])
    U[neg] *= -1
    loss, grad_center, grad_outside = _ref_neg_sampling(
        case.args["center_vec"], case.args["outside_idx"], U, case.args["negative_indices"]
    )
    grad_outside[neg] *= -1
    return loss, grad_center, grad_outside


def _neg_sampling_shape_hints(case: _Case) -> dict:
    """건드린 행만 돌려준 grad_outside_vectors ((K+1, d) 또는 (K, d)) 에 붙이는 설명."""
    d = case.args["outside_vectors"].shape[1]
    K = len(case.args["negative_indices"])
    sparse_hint = "건드린 K+1 개 행만이 아니라 (V, d) 전체 행렬을 돌려주세요 (나머지 행은 0)."
    return {(K + 1, d): sparse_hint, (K, d): sparse_hint}


def _diagnose_neg_sampling(case: _Case, which: int, got: tuple, want: tuple) -> str | None:
    v_c, o, U = case.args["center_vec"], case.args["outside_idx"], case.args["outside_vectors"]
    neg = case.args["negative_indices"]
    g = got[which]
    if _close(g, _flip_negatives(case)[which]):
        return "네거티브 항의 마이너스를 빠뜨렸습니다: log σ(u_k·v_c) 가 아니라 log σ(-u_k·v_c) 입니다."
    if _close(g, -want[which]):
        if which == 0:
            return "손실의 부호가 반대입니다. J = -log σ(u_o·v_c) - Σ_k log σ(-u_k·v_c) 는 항상 0 이상입니다."
        return "기울기의 부호가 반대입니다. 손실 J 를 줄이는 방향의 반대, 즉 ∂J 그대로를 돌려줘야 합니다."
    if which == 0:
        probs = _ref_sigmoid(np.concatenate([[U[o] @ v_c], -(U[neg] @ v_c)]))
        if _close(abs(g), probs.sum()) or _close(abs(g), probs.prod()):
            return "시그모이드 값에 -log 를 씌우지 않았습니다: J = -log σ(u_o·v_c) - Σ_k log σ(-u_k·v_c)."
    if which == 2:
        if len(np.unique(neg)) < len(neg) and _close(g, _ref_neg_sampling(v_c, o, U, np.unique(neg))[2]):
            return (
                "중복된 네거티브를 한 번만 더했습니다. grad[neg_idx] += ... 는 같은 인덱스가 여러 번 있어도 "
                "한 번만 더합니다. 반복문으로 하나씩 더하거나 np.add.at(grad, neg_idx, ...) 를 쓰세요."
            )
        touched = np.zeros(len(U), dtype=bool)
        touched[o] = True
        touched[neg] = True
        if not np.allclose(g[~touched], 0.0):
            return (
                "o 와 네거티브가 아닌 행에도 기울기가 있습니다. 네거티브 샘플링의 ∂J/∂U 는 u_o 와 u_k 행만 "
                "0 이 아니고 (각각 v_c 의 배수), 나머지 행은 모두 0 입니다."
            )
    return None


@_exercise("neg_sampling_loss_and_gradient (네거티브 샘플링 손실과 기울기)")
def check_neg_sampling_loss_and_gradient(fn) -> str:
    """연습문제 04: ``neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, negative_indices)``.

    같은 네거티브가 두 번 뽑히면 손실과 기울기에 두 번 더해져야 합니다.
    """
    ck = _Checker("neg_sampling_loss_and_gradient", fn, _neg_sampling_cases())
    _check_loss_and_gradients(ck, _ref_neg_sampling, _diagnose_neg_sampling, _neg_sampling_shape_hints)
    return f"{len(ck.cases)}개 사례 (중복된 네거티브 포함)에서 손실과 두 기울기가 모두 맞습니다."


# ---------------------------------------------------------------------------
# 05: 잡음 분포
# ---------------------------------------------------------------------------


def _noise_cases() -> list[_Case]:
    rng = np.random.default_rng(_SEED)
    return [
        _Case("원문 예: 빈도 100,000 과 1,000", {"counts": np.array([100_000, 1_000]), "power": 0.75}),
        _Case("작은 빈도", {"counts": np.array([5, 1, 3, 10]), "power": 0.75}),
        _Case("power=1 (유니그램 분포)", {"counts": np.array([5, 1, 3, 10]), "power": 1.0}),
        _Case("power=0.5, 무작위 빈도", {"counts": rng.integers(1, 1000, size=10), "power": 0.5}),
        _Case("무작위 빈도 V=20", {"counts": rng.integers(1, 10_000, size=20), "power": 0.75}),
    ]


def _power_normalised(counts: np.ndarray, power: float) -> np.ndarray:
    weights = counts.astype(np.float64) ** power
    return weights / weights.sum()


def _diagnose_noise(counts: np.ndarray, power: float, got: np.ndarray) -> str | None:
    weights = counts.astype(np.float64) ** power
    total = float(np.sum(got))
    if not np.isclose(total, 1.0, rtol=1e-4):
        if _close(got, weights):
            return f"정규화를 빠뜨렸습니다 (합이 {total:.4g}). 빈도^power 를 그 합으로 나눠야 확률이 됩니다."
        if _close(got, (counts / counts.sum()) ** power):
            return (
                f"먼저 정규화한 뒤 거듭제곱해서 합이 1 이 아닙니다 (합 {total:.4g}). "
                "빈도^power 를 계산한 다음 그 합으로 나누세요."
            )
        return f"확률의 합이 1 이 아닙니다 (합 {total:.4g})."
    for other, hint in [
        (1.0, "power 대신 1 을 썼습니다 (그냥 유니그램 분포). 빈도를 power(예: 0.75) 제곱한 뒤 정규화하세요."),
        (0.75, "power 인자를 쓰지 않고 0.75 로 고정했습니다. 넘겨받은 power 를 쓰세요."),
        (3.0, "counts ** 3/4 는 (counts**3)/4 로 계산됩니다. counts ** (3/4) 처럼 괄호를 치세요."),
        (0.0, "모든 단어에 같은 확률을 줬습니다 (균등 분포). 빈도를 power 제곱해야 합니다."),
    ]:
        if other != power and _close(got, _power_normalised(counts, other)):
            return hint
    return None


@_exercise("noise_distribution (잡음 분포)")
def check_noise_distribution(fn) -> str:
    """연습문제 05: ``noise_distribution(counts, power)`` = counts**power / 합 을 확인합니다.

    리스트를 돌려줘도 값이 맞으면 통과입니다. power 는 위치 인자로 넘깁니다.
    """
    ck = _Checker("noise_distribution", fn, _noise_cases())
    for case in ck:
        counts, power = case.args["counts"], case.args["power"]
        result, runtime = ck.call()
        got = _as_array(ck, result, "반환값", counts.shape)
        want = _ref_noise_distribution(counts, power)
        problem = _value_problem("반환값", got, want, runtime)
        if problem:
            ck.fail(problem, _diagnose_noise(counts, power, got))
    return f"{len(ck.cases)}개 사례 (power = 0.75, 1, 0.5)에서 확률이 맞습니다. 100 : 1 은 약 31.62 : 1 이 됩니다."
