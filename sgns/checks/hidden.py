"""숨은 사례: 채점할 때만 쓰는 강사용 사례를 학생판 밖의 파일에서 읽습니다.

환경 변수 ``SGNS_HIDDEN_CASES`` 가 파이썬 파일 하나나 폴더(그 안의 ``*.py`` 모두)를 가리키면, 확인 함수는
공개 사례 다음에 그 파일들의 사례도 판정합니다. 변수가 없으면 (학생이 실행할 때) 숨은 사례는 없습니다.
기록(`CheckRecord`)의 사례마다 공개("public")인지 숨은("hidden") 사례인지 적힙니다.

파일 형식: 연습문제 id -> 사례 목록 인 ``HIDDEN_CASES`` dict. 사례는 `sgns.checks.Case` 나 dict 입니다::

    import numpy as np

    HIDDEN_CASES = {
        "nb02-softmax": [
            {"id": "h-wide-row", "label": "아주 넓은 행", "args": {"x": np.linspace(-900, 900, 7)}},
        ],
        "nb04-sgd-step": [...],
    }

dict 의 키: ``id`` (연습문제 안에서 고유), ``label`` (한국어 설명), ``args`` (위치 인자, 이름 -> 값, 순서대로),
``kwargs`` (키워드 인자, 선택), ``meta`` (판정에만 쓰는 정보, 선택; 예: 학습 사례의 ``groups``).
인자의 이름과 순서는 그 연습문제의 공개 사례와 같아야 합니다
(`sgns.checks.exercise(id).make_cases()` 로 볼 수 있습니다).
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path

ENV_VAR = "SGNS_HIDDEN_CASES"


class HiddenCasesError(ValueError):
    """숨은 사례 파일을 읽을 수 없습니다 (강사에게 보이는 한국어 메시지)."""


def _files(location: Path) -> list[Path]:
    if location.is_dir():
        return sorted(location.glob("*.py"))
    if location.is_file():
        return [location]
    raise HiddenCasesError(f"{ENV_VAR}={str(location)!r} 가 가리키는 파일이나 폴더가 없습니다.")


def load_hidden_cases() -> dict[str, list]:
    """환경 변수가 가리키는 파일들의 ``HIDDEN_CASES`` 를 합친 것 (연습문제 id -> 사례 목록). 변수가 없으면 {}."""
    location = os.environ.get(ENV_VAR, "").strip()
    if not location:
        return {}
    merged: dict[str, list] = {}
    for path in _files(Path(location)):
        try:
            namespace = runpy.run_path(str(path))
        except Exception as exc:
            raise HiddenCasesError(f"숨은 사례 파일 {path.name} 을(를) 실행하다가 오류가 났습니다: {exc!r}") from None
        table = namespace.get("HIDDEN_CASES")
        if not isinstance(table, dict):
            raise HiddenCasesError(f"숨은 사례 파일 {path.name} 에 HIDDEN_CASES dict 가 없습니다.")
        for exercise_id, cases in table.items():
            merged.setdefault(exercise_id, []).extend(cases)
    return merged


def hidden_cases(exercise_id: str) -> list:
    """연습문제 하나의 숨은 사례 (`Case`, hidden=True). 변수가 없으면 []."""
    from sgns.checks._harness import Case  # 순환 import 를 피해 여기서

    cases = []
    for item in load_hidden_cases().get(exercise_id, []):
        if isinstance(item, Case):
            data = {"id": item.id, "label": item.label, "args": item.args, "kwargs": item.kwargs, "meta": item.meta}
        elif isinstance(item, dict) and {"id", "label", "args"} <= set(item):
            data = item
        else:
            raise HiddenCasesError(
                f"{exercise_id} 의 숨은 사례는 Case 나 id, label, args 키가 있는 dict 여야 합니다. "
                f"받은 것: {item!r:.80}"
            )
        cases.append(
            Case(
                id=str(data["id"]),
                label=str(data["label"]),
                args=dict(data["args"]),
                kwargs=dict(data.get("kwargs", {})),
                hidden=True,
                meta=dict(data.get("meta", {})),
            )
        )
    ids = [c.id for c in cases]
    if len(set(ids)) != len(ids):
        raise HiddenCasesError(f"{exercise_id} 의 숨은 사례 id 가 겹칩니다: {sorted(ids)}")
    return cases
