"""실행한 노트북의 확인 기록(sgns.checks.records)을 검사하는 도우미.

- 강사용 노트북: 풀이가 있는 연습문제마다 확인 기록이 있고, 모두 통과("pass")여야 합니다.
- 학생용 노트북: 풀지 않은 연습문제마다 확인 기록이 있고, 모두 미완성("todo")이어야 합니다.

tests/test_notebooks_execute.py (CI) 와, 그 검사가 실제로 실패를 잡는다는 증명
(tests/test_checks_notebooks.py) 이 같은 함수를 씁니다.
"""

from __future__ import annotations

import re

from sgns.checks import records

SOLUTION_MARK = "### BEGIN SOLUTION"
STUB_MARK = "raise NotImplementedError()"
DEF = re.compile(r"^def (\w+)\(", re.MULTILINE)


def exercise_functions(nb, mark: str) -> list[str]:
    """mark (풀이 표식이나 학생판의 빈칸) 가 있는 코드 셀이 정의하는 첫 함수의 이름들 (셀 순서)."""
    names = []
    for cell in nb["cells"]:
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if cell["cell_type"] == "code" and mark in source:
            found = DEF.search(source)
            if found:
                names.append(found.group(1))
    return names


def check_record_problems(nb, expected_status: str, mark: str) -> list[str]:
    """확인 기록의 문제들 (없으면 빈 목록).

    expected_status : 모든 기록이 가져야 할 상태 ("pass" 또는 "todo")
    mark : 연습문제 셀을 알아보는 표식 (강사용은 SOLUTION_MARK, 학생용은 STUB_MARK)
    """
    found = records(nb)
    problems = [
        f"{r.exercise} ({r.function}): 상태 {r.status!r}, 기대 {expected_status!r}; 범주 {r.category}; {r.message}"
        for r in found
        if r.status != expected_status
    ]
    checked = {r.function for r in found}
    missing = [name for name in exercise_functions(nb, mark) if name not in checked]
    problems += [f"{name}: 확인 기록이 없습니다 (확인 셀이 없거나 실행되지 않음)" for name in missing]
    if not found:
        problems.append("확인 기록이 하나도 없습니다")
    return problems
