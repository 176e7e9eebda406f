"""숨은 사례: 채점할 때만 쓰는 강사용 사례를 학생판 밖의 파일에서 읽습니다.

``SGNS_HIDDEN_CASES``가 파이썬 파일 하나나 폴더 (그 안의 ``*.py``)를 가리키면, 공개 사례 다음에 그 사례도
판정합니다. 파일은 ``HIDDEN_CASES = {연습문제 id: [사례, ...]}``를 정의하고, 사례는 `sgns.checks.Case` 나
``{"id", "label", "args", "kwargs" (선택), "meta" (선택)}`` dict입니다 (예: grading/hidden_cases_example.py).
인자의 이름과 순서는 공개 사례 (`sgns.checks.exercise(id).make_cases()`)와 같아야 합니다.
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
    raise HiddenCasesError(f"{ENV_VAR}={str(location)!r}가 가리키는 파일이나 폴더가 없습니다.")


def load_hidden_cases() -> dict[str, list]:
    """환경 변수가 가리키는 파일들의 ``HIDDEN_CASES``를 합친 것. 변수가 없으면 {}."""
    location = os.environ.get(ENV_VAR, "").strip()
    if not location:
        return {}
    merged: dict[str, list] = {}
    for path in _files(Path(location)):
        try:
            namespace = runpy.run_path(str(path))
        except Exception as exc:
            raise HiddenCasesError(f"숨은 사례 파일 {path.name}을(를) 실행하다가 오류가 났습니다: {exc!r}") from None
        table = namespace.get("HIDDEN_CASES")
        if not isinstance(table, dict):
            raise HiddenCasesError(f"숨은 사례 파일 {path.name}에 HIDDEN_CASES dict가 없습니다.")
        for exercise_id, cases in table.items():
            merged.setdefault(exercise_id, []).extend(cases)
    return merged


def hidden_cases(exercise_id: str) -> list:
    """연습문제 하나의 숨은 사례 (`Case`, hidden=True). 변수가 없으면 []."""
    from sgns.checks._harness import Case  # 순환 import 를 피해 여기서

    cases = []
    for item in load_hidden_cases().get(exercise_id, []):
        data = vars(item) if isinstance(item, Case) else item
        if not isinstance(data, dict) or not {"id", "label", "args"} <= set(data):
            raise HiddenCasesError(
                f"{exercise_id}의 숨은 사례는 Case 나 id, label, args 키가 있는 dict여야 합니다. "
                f"받은 것: {item!r:.80}"
            )
        kwargs, meta = dict(data.get("kwargs", {})), dict(data.get("meta", {}))
        cases.append(Case(str(data["id"]), str(data["label"]), dict(data["args"]), kwargs, hidden=True, meta=meta))
    ids = [c.id for c in cases]
    if len(set(ids)) != len(ids):
        raise HiddenCasesError(f"{exercise_id}의 숨은 사례 id가 겹칩니다: {sorted(ids)}")
    return cases
