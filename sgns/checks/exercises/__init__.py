"""연습문제 모듈들: 연습문제 하나 = 모듈 하나 (``nbNN_<이름>.py``), 따로 등록하지 않음 (`discover`).

모듈은 ``EXERCISE`` (`sgns.checks._harness.Exercise`)를 정의합니다. 새 연습문제는 ``make new-exercise``.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re

MODULE_NAME = re.compile(r"nb\d\d_[a-z0-9_]+")


def _quiz_defaults(module, exercise) -> dict:
    """``QUESTIONS``만 적은 퀴즈 모듈의 사례 (인자 없는 사례 "answers" 하나), judge, 범주."""
    from sgns.checks._harness import Case
    from sgns.checks._judges import ANSWER_CATEGORIES, answers_judge

    case = Case("answers", f"{exercise.title}의 답", {}, shown=f"{exercise.function}()")
    return {"make_cases": lambda: [case], "judge": answers_judge(module.QUESTIONS), "categories": ANSWER_CATEGORIES}


def discover() -> list:
    """이 폴더의 연습문제들 (노트북 번호, 그 안의 order 순서). id가 겹치거나 모듈 이름이 어긋나면 ImportError."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        if not MODULE_NAME.fullmatch(info.name):
            raise ImportError(
                f"sgns/checks/exercises/{info.name}.py: 연습문제 모듈 이름은 nbNN_<이름>.py 꼴이어야 합니다."
            )
        module = importlib.import_module(f"{__name__}.{info.name}")
        exercise = getattr(module, "EXERCISE", None)
        if exercise is None:
            raise ImportError(f"sgns/checks/exercises/{info.name}.py에 EXERCISE가 없습니다.")
        if not exercise.id.startswith(info.name[:4] + "-"):
            raise ImportError(
                f"sgns/checks/exercises/{info.name}.py: id {exercise.id!r}가 {info.name[:4]}- 로 시작하지 않습니다."
            )
        defaults = _quiz_defaults(module, exercise) if hasattr(module, "QUESTIONS") else {}
        defaults.update({name: getattr(module, name) for name in ("make_cases", "judge") if hasattr(module, name)})
        if hasattr(module, "CATEGORIES"):
            defaults["categories"] = module.CATEGORIES
        module.EXERCISE = exercise = dataclasses.replace(  # 적지 않은 것은 모듈의 같은 이름에서
            exercise,
            make_cases=exercise.make_cases or defaults["make_cases"],
            judge=exercise.judge or defaults["judge"],
            categories=defaults["categories"] if exercise.categories is None else exercise.categories,
        )
        if exercise.id in found:
            raise ImportError(f"연습문제 id {exercise.id!r}가 두 모듈에 있습니다.")
        found[exercise.id] = exercise
    return sorted(found.values(), key=lambda e: (e.id[:4], e.order, e.id))
