# ruff: noqa: E501  (docstring 의 연습문제 표는 한 줄에 한 연습문제)
"""연습문제 자동 확인: 학생 함수를 여러 사례로 판정하고 한국어로 알려 줍니다 (확인 셀: ``check_sigmoid(sigmoid)``).

통과하면 한 줄, 틀리면 트레이스백 없이 사례·입력·기대한 값·받은 값·흔한 실수(💡)를 보여 주고, 풀지 않았으면
(``NotImplementedError``) ⏳ 한 줄입니다. 출력에는 기계용 기록(`CheckRecord`)이 함께 담기고 `records(notebook)`
로 읽습니다. 화면 없이 판정만: `evaluate(id, 함수)`. 학생 함수는 제한 시간 안에서만 돌고, 오버플로는 경고가 아니라
값으로도 판정합니다. 숨은 사례: ``SGNS_HIDDEN_CASES`` (`sgns.checks.hidden`). 배점: `GRADING` (손으로 채점하는
셀은 `MANUAL_POINTS`). nbgrader로 채점할 때 (``NBGRADER_EXECUTION``) 확인 함수는 점수(float)를 돌려줍니다.
연습문제마다 모듈 하나가 ``sgns/checks/exercises/``에 있고, 여기서는 찾아 모을 뿐입니다.

연습문제 (노트북, id, 학생이 작성하는 함수, 확인 함수):

"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sgns._validate import describe
from sgns.checks._guard import TimeUp, run_with_time_limit
from sgns.checks._harness import COMMON_CATEGORIES, Case, Exercise, run_exercise
from sgns.checks.exercises import discover
from sgns.checks.hidden import ENV_VAR as HIDDEN_CASES_ENV_VAR
from sgns.checks.record import MIME_TYPE, CaseResult, CheckRecord, records, show


@dataclass(frozen=True)
class Grading:
    """연습문제 하나의 채점 정보: 배점, 사례별 부분 점수를 주는지, 선택 연습문제인지."""

    points: int
    partial_credit: bool
    optional: bool = False


# 찾은 연습문제 모두 (placed=False 인 것도 확인 함수는 있음). EXERCISES: 노트북에 셀이 있는 것 (표, 배점, 채점)
ALL_EXERCISES: dict[str, Exercise] = {spec.id: spec for spec in discover()}
EXERCISES: dict[str, Exercise] = {exercise_id: s for exercise_id, s in ALL_EXERCISES.items() if s.placed}

GRADING: dict[str, Grading] = {
    exercise_id: Grading(spec.points, spec.partial_credit, spec.optional) for exercise_id, spec in EXERCISES.items()
}

# 손으로 채점하는 마크다운 셀의 nbgrader 배점 (셀 태그 -> 점수): 유도 (solution), 생각해 볼 문제 (answer-key)
MANUAL_POINTS: dict[str, int] = {"solution": 2, "answer-key": 0}

NBGRADER_ENV_VAR = "NBGRADER_EXECUTION"


def exercise(exercise_id: str) -> Exercise:
    """id로 연습문제 찾기. 없으면 있는 id를 알려 주는 KeyError."""
    try:
        return EXERCISES[exercise_id] if exercise_id in EXERCISES else ALL_EXERCISES[exercise_id]
    except (KeyError, TypeError):  # TypeError: 해시할 수 없는 값 (리스트 등)
        raise KeyError(
            f"`exercise_id`={exercise_id!r}: 그런 연습문제 id가 없습니다. 있는 id: {', '.join(ALL_EXERCISES)}"
        ) from None


class CheckCallError(TypeError):
    """확인 함수를 잘못 불렀습니다 (노트북에는 트레이스백 없이 한 줄로 보입니다)."""


_MISSING = object()  # 확인할 함수를 넣지 않았음을 나타내는 값


def _check_call(name: str, fn, extra: tuple, kwargs: dict, example: str):
    """확인할 함수 하나만 받습니다 (아니면 CheckCallError)."""
    if fn is _MISSING or extra or kwargs:
        got = (
            "없음"
            if fn is _MISSING
            else ", ".join([describe(a) for a in (fn, *extra)] + [f"{k}={describe(v)}" for k, v in kwargs.items()])
        )
        _use_short_errors()
        raise CheckCallError(f"`fn`: {name} 에는 확인할 함수 하나를 넣어 주세요 (예: {example}). 받은 인자: {got}")
    return fn


def categories(exercise_id: str) -> dict[str, str]:
    """연습문제 하나의 실수 범주 id -> 짧은 한국어 설명 (공통 범주 포함)."""
    return {**COMMON_CATEGORIES, **exercise(exercise_id).categories}


def evaluate(exercise_id: str, fn=_MISSING) -> CheckRecord:
    """화면에 아무것도 보이지 않고 판정만 합니다 (테스트와 채점용). 학생 답이 틀려도 예외를 내지 않습니다."""
    spec = exercise(exercise_id)
    _check_call("evaluate", fn, (), {}, f"evaluate({exercise_id!r}, {spec.function})")
    return run_exercise(spec, fn, points=spec.points, partial_credit=spec.partial_credit)


def check(exercise_id: str, fn=_MISSING) -> float | None:
    """연습문제 id로 확인하고 결과를 보여 줍니다 (``check_softmax(softmax)``와 같음)."""
    spec = exercise(exercise_id)
    _check_call("check", fn, (), {}, f"check({exercise_id!r}, {spec.function})")
    return _evaluate_and_show(exercise_id, fn)


class CheckInterrupted(KeyboardInterrupt):
    """확인 도중 학생이 커널을 중단했습니다 (IPython 에는 트레이스백 대신 한 줄 안내로 보입니다)."""


def _short_traceback(shell, etype, value, tb, tb_offset=None) -> list[str]:
    """IPython의 예외 처리기: 트레이스백 대신 한 줄 (셀 실행은 오류로 끝나 "Run All"은 멈춥니다)."""
    lines = [str(value)]
    show_error = getattr(shell, "_showtraceback", None)
    if show_error is not None:
        show_error(etype, value, lines)
    else:
        print(lines[0])
    return lines


def _evaluate_and_show(exercise_id: str, fn) -> float | None:
    """판정하고 보여 줍니다 (nbgrader로 채점 중이면 점수). 중단(KeyboardInterrupt)은 한 줄로 알리고 멈춥니다."""
    try:
        record = evaluate(exercise_id, fn)
    except KeyboardInterrupt:
        pass
    else:
        show(record)
        return record.score() if os.environ.get(NBGRADER_ENV_VAR) else None
    _use_short_errors()
    raise CheckInterrupted(f"⏹ 확인을 중단했습니다: {ALL_EXERCISES[exercise_id].title}") from None


_SHORT_ERRORS = (CheckInterrupted, CheckCallError)


def _use_short_errors() -> None:
    """IPython 안이면 확인 도구의 예외 (중단, 잘못 부름)를 트레이스백 없이 한 줄로 보이게 합니다."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    # 다른 처리기가 이미 있으면 건드리지 않습니다
    if shell is not None and set(shell.custom_exceptions) <= set(_SHORT_ERRORS):
        shell.set_custom_exc(_SHORT_ERRORS, _short_traceback)


def _make_check(exercise_id: str):
    spec = ALL_EXERCISES[exercise_id]

    def check_function(fn=_MISSING, *extra, **kwargs) -> float | None:
        _check_call(f"check_{spec.function}", fn, extra, kwargs, f"check_{spec.function}({spec.function})")
        return _evaluate_and_show(exercise_id, fn)

    check_function.__name__ = check_function.__qualname__ = f"check_{spec.function}"
    check_function.__doc__ = (
        f"연습문제 {exercise_id}: ``{spec.signature}``를 확인하고 결과를 보여 줍니다.\n\n"
        f"틀려도 예외를 내지 않습니다. 판정만 하려면 ``evaluate({exercise_id!r}, fn)``.\n"
        "평소에는 None, nbgrader로 채점할 때는 점수 (float)를 돌려줍니다."
    )
    return check_function


CHECK_FUNCTIONS: dict[str, str] = {f"check_{spec.function}": exercise_id for exercise_id, spec in ALL_EXERCISES.items()}
globals().update({name: _make_check(exercise_id) for name, exercise_id in CHECK_FUNCTIONS.items()})

__all__ = [
    "Case", "CaseResult", "CheckCallError", "CheckRecord", "ALL_EXERCISES", "EXERCISES", "Exercise", "GRADING",
    "Grading", "HIDDEN_CASES_ENV_VAR", "MANUAL_POINTS", "MIME_TYPE", "NBGRADER_ENV_VAR", "TimeUp", "categories",
    "check", "evaluate", "exercise", "records", "run_with_time_limit", "show", *CHECK_FUNCTIONS,
]

__doc__ += (  # noqa: A001  (위 표)
    "| 노트북 | id | 함수 | 확인 함수 |\n|---|---|---|---|\n"
    + "".join(
        f"| {exercise_id[2:4]} | {exercise_id} | {spec.signature} | check_{spec.function} |\n"
        for exercise_id, spec in EXERCISES.items()
    )
    + "\n함수마다의 자세한 약속 (형태, 규칙)은 각 연습문제 모듈의 docstring에 있습니다.\n"
)
