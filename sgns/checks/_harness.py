"""확인 도구의 공통 틀: 사례(`Case`), 연습문제(`Exercise`), 학생 함수 부르기(`CaseContext`), 기록 만들기.

연습문제 모듈의 ``judge(ctx, case)``는 ``ctx.call()``로 학생 함수를 부르고, 틀리면
``ctx.fail(범주 id, 문제, 안내)``를 부릅니다. `run_exercise`는 예외를 밖으로 내지 않습니다.
"""

from __future__ import annotations

import copy
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NoReturn

import numpy as np

from sgns.checks._guard import TimeUp, is_lazy_iterator, plain_function, reference_name, run_with_time_limit, take
from sgns.checks._judges import is_quiz
from sgns.checks._references import reference_codes
from sgns.checks._values import describe_args, fmt, same_values
from sgns.checks.hidden import HiddenCasesError, hidden_cases
from sgns.checks.record import ICONS, CaseResult, CheckRecord

SEED = 20131016  # 무작위 사례용 고정 시드 (출력이 매번 같도록)


@dataclass(frozen=True)
class Case:
    """확인 사례 하나. id는 기록·채점에 쓰므로 바꾸지 마세요.

    args, kwargs : 인자 이름 -> 값 (args는 위치 인자, 순서대로); shown : '입력' 줄 (없으면 인자들);
    meta : 판정에만 쓰는 정보 (학생 함수에 넘기지 않음); hidden : 숨은 사례인지
    """

    id: str
    label: str
    args: dict
    kwargs: dict = field(default_factory=dict)
    hidden: bool = False
    shown: str | None = None
    meta: dict = field(default_factory=dict)

    @classmethod
    def table(cls, names: tuple[str, ...], rows) -> list[Case]:
        """(id, label, 인자 값들...) 줄들로 사례들을 만듭니다 (인자 이름은 names 순서)."""
        return [cls(case_id, label, dict(zip(names, values, strict=True))) for case_id, label, *values in rows]

    def describe(self) -> str:
        return self.shown if self.shown is not None else describe_args({**self.args, **self.kwargs})


class Mistake(Exception):  # noqa: N818  (판정 결과이지 프로그램 오류가 아닙니다)
    """현재 사례에서 틀림. certain=False: 이 사례만으로는 다른 실수와 구별되지 않음 (보여 줄 사례를 고를 때 뒤로)."""

    def __init__(self, category: str, problem: str, hint: str | None = None, certain: bool = True):
        super().__init__(problem)
        self.category, self.problem, self.hint, self.certain = category, problem, hint, certain


class NotDone(Exception):  # noqa: N818
    """학생 함수가 NotImplementedError를 냈습니다 (아직 풀지 않음)."""


class ReferenceUsed(Exception):  # noqa: N818
    """학생 함수가 sgns의 참조 구현을 불렀습니다."""


class StopWithMistake(BaseException):  # noqa: N818
    """학생 함수 *안에서* 판정이 끝남 (확인 도구가 넘긴 기록용 함수가 냄; ``except Exception``에 잡히지 않음)."""

    def __init__(self, category: str, problem: str, hint: str | None = None):
        super().__init__(problem)
        self.mistake = Mistake(category, problem, hint)


@dataclass(frozen=True)
class Exercise:
    """연습문제 하나 (모듈마다 ``EXERCISE``). id는 기록·채점·nbgrader grade_id에 쓰므로 바꾸지 마세요.

    function : 학생 함수 이름 (확인 함수는 ``check_<function>``); summary : 통과 메시지의 요약 (``{n}`` = 사례 수)
    make_cases, judge, categories : 없으면 모듈의 ``make_cases``, ``judge``, ``CATEGORIES``
    references : 이 연습문제를 푸는 sgns 함수의 경로 -> 인자 바꾸기 (`sgns.checks._references`)
    placed : 강사용 노트북에 풀이 셀이 있는지; call_seconds, budget_seconds : 호출 하나, 확인 전체의 제한 시간
    """

    id: str
    function: str
    signature: str
    title: str
    summary: str
    points: int
    make_cases: Callable[[], list[Case]] | None = None
    judge: Callable | None = None
    categories: dict[str, str] | None = None
    partial_credit: bool = True
    optional: bool = False
    references: dict = field(default_factory=dict)
    order: int = 0
    placed: bool = True
    call_seconds: float = 3.0
    budget_seconds: float = 6.0

    def __hash__(self) -> int:
        return hash(self.id)


# 모든 연습문제가 함께 쓰는 실수 범주 (연습문제별 범주는 각 모듈의 CATEGORIES)
COMMON_CATEGORIES: dict[str, str] = {
    "not-callable": "함수가 아닌 값을 넘김 (호출한 결과를 넘김)",
    "reference-implementation": "sgns의 참조 구현을 그대로 돌려줌",
    "exception": "함수 안에서 예외가 남",
    "not-implemented": "일부 경우만 구현함 (NotImplementedError)",
    "timeout": "제한 시간 안에 끝나지 않음",
    "endless-iterator": "끝나지 않는 반복자를 돌려줌",
    "too-large": "돌려준 값이 너무 큼",
    "memory": "메모리가 모자람",
    "returned-none": "return을 빠뜨림",
    "wrong-type": "돌려준 값의 자료형이 다름",
    "wrong-shape": "돌려준 배열의 형태가 다름",
    "transposed": "행과 열이 뒤바뀜 (전치)",
    "not-ndarray": "numpy 배열이 아닌 값을 돌려줌",
    "modified-input": "입력을 제자리에서 바꿈",
    "nan-or-inf": "결과에 NaN 또는 inf",
    "overflow-warning": "계산 중 오버플로 경고 (값은 맞음)",
    "wrong-value": "값이 틀림 (흔한 실수와 맞지 않음)",
    "not-run": "시간 예산 때문에 실행하지 않은 사례",
    "checker-error": "확인 도구가 판정하지 못함",
}


def _same_value(a, b) -> bool:
    """입력이 호출 전후로 같은지 (배열, 리스트, 스칼라)."""
    if isinstance(a, np.ndarray):
        if not isinstance(b, np.ndarray) or a.shape != b.shape or a.dtype != b.dtype:
            return False
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, (list, tuple)):
        return isinstance(b, type(a)) and len(a) == len(b) and all(map(_same_value, a, b))
    try:
        return bool(a == b)
    except Exception:
        return False


def _explain_exception(fn, exc: BaseException) -> str:
    """학생 함수 안에서 난 예외를 짧게: 예외 이름, 메시지 첫 줄, (찾으면) 학생 코드의 줄 번호와 그 줄."""
    first_line = (str(exc).strip().splitlines() or [""])[0]
    if len(first_line) > 160:
        first_line = first_line[:157] + "..."
    where = ""
    code = getattr(plain_function(fn), "__code__", None)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if code and f.filename == code.co_filename]
    if frames:
        where = f" ({frames[-1].lineno}번째 줄: `{(frames[-1].line or '').strip()}`)"
    return f"함수를 실행하다가 예외가 났습니다{where}:\n{type(exc).__name__}: {first_line}"


class CaseContext:
    """사례 하나를 판정하는 동안 쓰는 도구: 학생 함수 부르기(`call`)와 실패 알리기(`fail`)."""

    def __init__(self, exercise: Exercise, fn, case: Case, watch: bool):
        self.exercise, self.fn, self.case, self.watch = exercise, fn, case, watch
        self.runtime_warnings: list[str] = []

    def fail(self, category: str, problem: str, hint: str | None = None, *, certain: bool = True) -> NoReturn:
        """현재 사례에서 틀림: 범주 id, 무엇이 틀렸는지 (여러 줄 가능), 흔한 실수 안내 (`Mistake`)."""
        raise Mistake(category, problem, hint, certain)

    def fail_matching(self, got, variants, problem: str, *, relative=False) -> None:
        """got이 variants ((범주 id, 흔한 실수의 결과, 안내) 들) 중 하나와 같으면 첫 것으로 실패, 아니면 돌아옴.

        맞는 범주가 둘 이상이면 확실하지 않다고 표시합니다.
        """
        matches = [(c, h) for c, variant, h in variants if same_values(got, variant, relative=relative)]
        if matches:
            category, hint = matches[0]
            self.fail(category, problem, hint, certain=len({c for c, _ in matches}) == 1)

    def call(self, *, overrides=None, allow_changes=(), error_hints=None, iterable_limit=None, seconds=None):
        """학생 함수를 현재 사례의 인자(깊은 복사본)로 제한 시간 안에 부릅니다. (반환값, 넘긴 인자들).

        overrides : 복사하지 않고 넘길 인자 (이름 -> 값); allow_changes : 제자리에서 바꿔도 되는 인자 이름들;
        error_hints : 예외 메시지의 낱말 -> (범주 id, 안내); iterable_limit : 반복자에서 꺼낼 최대 개수
        (넘으면 끝없는 반복자; 반복자는 리스트가 됨); seconds : 제한 시간 (기본은 연습문제의 call_seconds).
        호출 중 난 RuntimeWarning은 ``self.runtime_warnings``에 남습니다 (underflow는 무시).
        """
        case = self.case
        overrides = overrides or {}
        limit = seconds or self.exercise.call_seconds
        everything = {**case.args, **case.kwargs}
        passed = {k: overrides[k] if k in overrides else copy.deepcopy(v) for k, v in everything.items()}
        positional = [passed[name] for name in case.args]
        keywords = {name: passed[name] for name in case.kwargs}
        references = reference_codes(self.exercise) if self.watch else {}
        phase = {"consuming": False}
        found: list[str] = []  # 호출 중 불린 참조 구현 (예외가 나도 남음)

        def invoke():  # 제한 시간 안에서 도는 부분: 학생 함수와 (반복자면) 값 꺼내기만
            result = self.fn(*positional, **keywords)
            if iterable_limit is not None and is_lazy_iterator(result):
                phase["consuming"] = True
                return take(result, iterable_limit)
            return result, False

        # 경고·errstate 는 제한 시간 밖에서 켜고 끕니다 (시간 제한 예외가 __exit__ 도중에 나지 않도록)
        with (
            warnings.catch_warnings(record=True) as caught,
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
        ):
            warnings.simplefilter("always")
            try:
                result, endless = run_with_time_limit(invoke, limit, references, found)
            except (KeyboardInterrupt, GeneratorExit):
                raise
            except BaseException as exc:
                if found:
                    raise ReferenceUsed(found[0]) from None
                self._explain(exc, limit, phase["consuming"], error_hints)
        if found:
            raise ReferenceUsed(found[0])
        if endless:
            self.fail(
                "endless-iterator",
                f"돌려준 반복자(제너레이터)가 끝나지 않습니다: 값을 {iterable_limit:,}개 넘게 내놓았습니다.",
                "while True 안의 yield처럼 끝없이 값을 내는 제너레이터가 아닌지 확인하세요.",
            )
        self.runtime_warnings = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
        for name, original in everything.items():
            if name not in overrides and name not in allow_changes and not _same_value(original, passed[name]):
                self.fail(
                    "modified-input",
                    f"함수가 입력 `{name}`을(를) 제자리에서 바꿨습니다 (예: `{name} -= ...`, `{name}[...] = ...`).",
                    f"호출한 쪽의 배열까지 바뀝니다. `{name} = {name} - ...`처럼 새 배열을 만들어 계산하세요.",
                )
        return result, passed

    def _explain(self, exc: BaseException, limit: float, consuming: bool, error_hints) -> NoReturn:
        """학생 함수를 부르다 난 예외를 판정으로 바꿉니다 (NotImplementedError는 미완성)."""
        if isinstance(exc, NotImplementedError):
            raise NotDone from None
        if isinstance(exc, StopWithMistake):
            raise exc.mistake from None
        if isinstance(exc, TimeUp) and consuming:
            self.fail(
                "endless-iterator",
                f"돌려준 반복자(제너레이터)에서 값을 꺼내는 데 {limit:g}초가 넘게 걸렸습니다.",
                "끝나지 않는 제너레이터(while True 안의 yield 등)가 아닌지 확인하세요.",
            )
        if isinstance(exc, TimeUp):
            self.fail(
                "timeout",
                f"함수가 {limit:g}초 안에 끝나지 않았습니다.",
                "끝나지 않는 while 반복문이 있는지 확인하세요. "
                "numpy 벡터 연산 대신 아주 느린 반복문을 쓰지 않았는지도 보세요.",
            )
        if isinstance(exc, MemoryError):
            self.fail("memory", "함수를 실행하다가 메모리가 모자랐습니다 (MemoryError).", _MEMORY_HINT)
        # 학생 코드 안에서 난 예외 (SystemExit 도 여기서 멈춥니다)
        hint = next(((c, h) for fragment, (c, h) in (error_hints or {}).items() if fragment in str(exc)), None)
        self.fail(hint[0] if hint else "exception", _explain_exception(self.fn, exc), hint[1] if hint else None)

    def fail_on_warnings(self, what: str = "값은 맞지만") -> None:
        """호출 중 RuntimeWarning이 있었으면 실패 (오버플로 경고)."""
        if self.runtime_warnings:
            self.fail(
                "overflow-warning",
                f"{what} 계산 중에 RuntimeWarning이 났습니다: {self.runtime_warnings[0]}",
                "중간 계산에서 오버플로나 0 나누기가 생겼습니다. "
                "np.where는 두 식을 모두 계산합니다. 그래서 오버플로가 나는 식을 그 안에 넣어도 경고가 납니다.",
            )


_MEMORY_HINT = "너무 큰 배열을 만들지 않았는지 확인하세요."


# ---- 사례를 모두 돌려 기록 만들기 ------------------------------------------------------


def _record(exercise, points, partial_credit, status, results, category, lines) -> CheckRecord:
    message = "\n".join([lines[0], *("   " + line for line in lines[1:])])
    fields = (exercise.id, exercise.function, exercise.title, status, points, partial_credit, tuple(results))
    return CheckRecord(*fields, category, message)


def _passed_phrase(results: list[CaseResult]) -> str:
    phrases = []
    for visibility, name in (("public", "공개 사례"), ("hidden", "숨은 사례")):
        mine = [r for r in results if r.visibility == visibility]
        if mine or visibility == "public":
            phrases.append(f"{name} {sum(r.status == 'pass' for r in mine)}/{len(mine)} 통과")
    return ", ".join(phrases)


def run_exercise(exercise: Exercise, fn, *, points: int, partial_credit: bool) -> CheckRecord:
    """학생 함수 fn을 연습문제의 모든 사례(공개 + 숨은)로 확인해 기록을 만듭니다. 예외를 내지 않습니다."""
    try:
        return _run(exercise, fn, points, partial_credit)
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except HiddenCasesError as error:
        lines = [f"{ICONS['error']} {exercise.title}: 숨은 사례를 읽지 못했습니다.", str(error)]
        return _record(exercise, points, partial_credit, "error", [], "checker-error", lines)
    except BaseException as error:  # 확인 도구의 버그: 학생에게는 짧은 안내만
        lines = [
            f"{ICONS['error']} {exercise.title}: 확인 도구가 이 답을 판정하지 못했습니다.",
            f"{type(error).__name__}: {(str(error).splitlines() or [''])[0][:160]}",
            "답이 맞는지 다른 방법으로 확인하고, 이 메시지를 강사에게 알려 주세요.",
        ]
        return _record(exercise, points, partial_credit, "error", [], "checker-error", lines)


def _run(exercise: Exercise, fn, points: int, partial_credit: bool) -> CheckRecord:
    title = exercise.title

    def record(status, lines, results=(), category=None):
        return _record(exercise, points, partial_credit, status, list(results), category, lines)

    if not callable(fn):
        return record(
            "fail",
            [
                f"{ICONS['fail']} {title}: 함수를 넘겨 주세요. 받은 값: {fmt(fn)}",
                f"`{exercise.function}`처럼 괄호 없이 함수 이름만 넘기세요. 호출한 결과를 넘기지 않았나요?",
            ],
            category="not-callable",
        )
    quiz = is_quiz(exercise)
    reference = reference_name(fn, reference_codes(exercise))
    cases = [*exercise.make_cases(), *hidden_cases(exercise.id)]
    public_ids = {c.id for c in cases if not c.hidden}
    clashes = sorted(c.id for c in cases if c.hidden and c.id in public_ids)
    if clashes:
        raise HiddenCasesError(f"{exercise.id}의 숨은 사례 id가 공개 사례 id와 겹칩니다: {clashes}")
    if reference is None:
        results, failures, todo = _run_cases(exercise, fn, cases)
        if isinstance(todo, str):
            reference = todo
        elif todo:
            stub = "`raise NotImplementedError()` 대신"
            todo_line = (
                f"아직 답하지 않았습니다: {title}. {stub} 문항의 답을 적고 이 셀을 다시 실행하세요."
                if quiz
                else f"아직 풀지 않은 연습문제입니다: {title}. {stub} 코드를 작성한 뒤 이 셀을 다시 실행하세요."
            )
            return record("todo", [f"{ICONS['todo']} {todo_line}"])
    if reference is not None:
        return record(
            "fail",
            [
                f"{ICONS['fail']} {title}: sgns의 참조 구현 `{reference}`을(를) 그대로 돌려주었습니다.",
                "이 연습문제는 그 계산을 직접 작성하는 것입니다. 참조 구현을 부르지 말고 식을 코드로 옮기세요.",
            ],
            category="reference-implementation",
        )
    if not failures:
        hidden_note = " (숨은 사례 포함)" if any(c.hidden for c in cases) else ""
        summary = exercise.summary.replace("{n}", str(len(cases)))
        passed = "통과" if quiz else f"공개 사례 통과{hidden_note}"
        return record("pass", [f"{ICONS['pass']} {passed}: {title} — {summary}"], results)
    return _failure_record(exercise, points, partial_credit, cases, results, failures)


def _run_cases(exercise: Exercise, fn, cases: list[Case]):
    """모든 사례를 판정합니다. (사례별 결과, {사례 번호: Mistake}, 미완성 여부 또는 참조 구현 이름)."""
    results: list[CaseResult] = []
    failures: dict[int, Mistake] = {}
    start = time.perf_counter()
    stop_reason: str | None = None
    for index, case in enumerate(cases):
        visibility = "hidden" if case.hidden else "public"
        if stop_reason is None and time.perf_counter() - start > exercise.budget_seconds:
            stop_reason = "budget"
        if stop_reason is not None:
            results.append(CaseResult(case.id, visibility, "skipped", "not-run"))
            continue
        try:
            exercise.judge(CaseContext(exercise, fn, case, watch=index == 0), case)
        except Mistake as mistake:
            failures[index] = mistake
            if mistake.category in ("timeout", "endless-iterator", "memory"):
                stop_reason = mistake.category
        except NotDone:
            if index == 0:
                return results, failures, True
            failures[index] = Mistake(
                "not-implemented",
                "이 사례에서 함수가 NotImplementedError를 냈습니다.",
                "앞의 사례는 되는데 이 경우만 아직 구현하지 않았습니다. 모든 경우를 처리하세요.",
            )
        except ReferenceUsed as used:
            return results, failures, str(used)
        mistake = failures.get(index)
        results.append(CaseResult(case.id, visibility, "fail" if mistake else "pass", mistake and mistake.category))
    return results, failures, False


# 흔한 실수로 진단하지 못한 범주: 보여 줄 사례를 고를 때 뒤로 미룹니다
_GENERIC = frozenset({"wrong-value", "nan-or-inf", "overflow-warning", "wrong-shape", "exception"})


def _failure_record(exercise, points, partial_credit, cases, results, failures) -> CheckRecord:
    """틀린 사례 중 하나(공개 사례 우선, 흔한 실수로 진단된 것 우선)를 자세히 보여 주는 기록."""

    def rank(index):
        mistake = failures[index]
        return (cases[index].hidden, mistake.category in _GENERIC, not mistake.certain, index)

    shown = min(failures, key=rank)
    mistake, case = failures[shown], cases[shown]
    if is_quiz(exercise):  # 퀴즈: 사례 대신 문항 (첫 줄은 "n문항 중 k문항이 맞았습니다." 나 답의 꼴 문제)
        first, *rest = mistake.problem.splitlines()
        lines = [f"{ICONS['fail']} {exercise.title}: {first}", *rest]
        return _record(exercise, points, partial_credit, "fail", results, mistake.category, lines)
    visible = [i for i, c in enumerate(cases) if c.hidden == case.hidden]
    lines = [
        f"{ICONS['fail']} {exercise.title}: {_passed_phrase(results)}",
        f"틀린 {'숨은 사례' if case.hidden else '사례'} {visible.index(shown) + 1}/{len(visible)}: {case.label}",
        f"입력: {case.describe()}",
        *mistake.problem.splitlines(),
    ]
    if mistake.hint:
        lines.append(f"💡 흔한 실수로 보입니다: {mistake.hint}")
    skipped = sum(r.status == "skipped" for r in results)
    if skipped:
        lines.append(f"시간 제한 때문에 나머지 사례 {skipped}개는 실행하지 않았습니다.")
    return _record(exercise, points, partial_credit, "fail", results, mistake.category, lines)
