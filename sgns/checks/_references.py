"""연습문제를 푸는 sgns 함수: 학생이 이것을 부르거나 감싸서 돌려주면 "참조 구현을 그대로 돌려줌"입니다.

연습문제의 ``references``에 적은 경로 (없으면 `ReferenceError`)와, 학생 함수와 이름이 같은 sgns 공개 함수
(모듈의 ``__all__``)입니다. 이름이 아니라 코드 객체로 비교합니다.
"""

from __future__ import annotations

import importlib
import pkgutil


class ReferenceError(LookupError):  # noqa: A001  (확인 도구 안에서만 씀)
    """연습문제 모듈의 references에 적은 경로가 sgns에 없습니다."""


def resolve(path: str):
    """``"sgns.sampling.NegativeSampler.exact_probabilities"`` 같은 경로의 객체. 없으면 `ReferenceError`."""
    parts = path.split(".")
    for split in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for name in parts[split:]:
            target = getattr(target, name, None)
            if target is None:
                break
        if target is not None and getattr(target, "__code__", None) is not None:
            return target
        break
    raise ReferenceError(f"연습문제의 references에 적은 {path!r}이(가) sgns에 없습니다 (이름이 바뀌었나요?).")


def _core_modules() -> list:
    """sgns의 바깥쪽 모듈들 (하위 패키지 checks, lessons, engine과 _로 시작하는 모듈은 빼고)."""
    import sgns

    names = [m.name for m in pkgutil.iter_modules(sgns.__path__) if not m.ispkg and not m.name.startswith("_")]
    return [importlib.import_module(f"sgns.{name}") for name in names]


def namesakes(function: str) -> list[str]:
    """학생이 작성하는 함수와 이름이 같은 sgns 공개 함수들의 경로."""
    return [
        f"{module.__name__}.{function}"
        for module in _core_modules()
        if function in getattr(module, "__all__", ()) and callable(getattr(module, function))
    ]


def solvers(exercise) -> dict[str, tuple]:
    """경로 -> (함수, 인자 바꾸기): 인자 바꾸기는 학생 함수의 인자 -> 그 함수의 위치 인자 (None이면 그대로)."""
    paths = {**dict.fromkeys(namesakes(exercise.function)), **exercise.references}
    return {path: (resolve(path), adapt) for path, adapt in paths.items()}


_CODES: dict[str, dict] = {}


def reference_codes(exercise) -> dict:
    """코드 객체 -> 이름: `sgns.checks._guard.watch_calls`가 지켜보는 것 (연습문제마다 한 번 찾음)."""
    if exercise.id not in _CODES:
        _CODES[exercise.id] = {fn.__code__: fn.__name__ for fn, _ in solvers(exercise).values()}
    return _CODES[exercise.id]
