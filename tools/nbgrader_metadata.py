"""강사용 노트북에 nbgrader 셀 메타데이터 (``cell.metadata.nbgrader``) 를 노트북 구조에서 만들어 씁니다.

nbgrader 0.9 의 ``generate_assignment`` 는 풀이 구간이 있는 셀이 "풀이 셀" 로 표시되어 있어야 받아들이고
(없으면 "Solution region detected in a non-solution cell"), ``autograde`` 는 "채점 셀" 의 출력으로 점수를 줍니다.
어느 셀이 무엇인지는 `grading.exercise_cells` 의 규칙으로 노트북에서 찾습니다:

| 셀 | nbgrader 종류 | grade_id | 배점 |
|---|---|---|---|
| 풀이 구간이 있는 연습문제 코드 셀 | 자동 채점 답 (solution) | 연습문제 id (``nb02-softmax``) | - |
| 그 뒤의 첫 확인 셀 | 자동 채점 테스트 (grade, locked) | ``<연습문제 id>-check`` | ``GRADING`` |
| ``solution`` 태그 마크다운 (유도) | 손으로 채점하는 답 (solution, grade) | ``nb04-derivation-1`` | ``MANUAL_POINTS`` |
| ``answer-key`` 태그 마크다운 (생각해 볼 문제) | 손으로 채점하는 답 | ``nb04-answer-1`` | ``MANUAL_POINTS`` |

(배점은 `sgns.checks` 의 ``GRADING`` 과 ``MANUAL_POINTS`` 에서 옵니다.)

나머지 셀의 ``nbgrader`` 메타데이터는 지웁니다 (역할이 바뀐 셀에 옛 값이 남지 않도록). 그 밖의 메타데이터와
내용은 그대로입니다. 같은 입력에서는 언제나 같은 파일이 나오므로 (멱등) ``make lecture`` 에서 다시 실행해도 됩니다.
학생판 (``make student``) 도 이 메타데이터를 그대로 가지므로, ``make grade`` 는 학생이 파일 이름을 바꾸거나 셀을
옮겨도 연습문제 셀을 grade_id 로 찾습니다.

``--check`` 는 파일이 최신인지와 함께, 만든 메타데이터가 nbgrader 0.9.6 의 셀 메타데이터 스키마 (v3, 아래
``NBGRADER_V3_SCHEMA``) 와 nbgrader 의 검사 규칙 (grade_id·배점 필수, 마크다운 채점 셀은 답 셀이어야 함, id 중복 금지,
풀이 구간은 답 셀 안에만) 을 지키는지 확인합니다. nbgrader 가 설치되어 있지 않아도 됩니다.

사용법::

    python tools/nbgrader_metadata.py --write notebooks/*.ipynb    # 메타데이터를 고쳐 씀
    python tools/nbgrader_metadata.py --check notebooks/*.ipynb    # 최신이고 스키마에 맞는지 검사만 (CI 용)
    python tools/nbgrader_metadata.py --show notebooks/*.ipynb     # 역할이 있는 셀과 id, 배점

고쳐 쓴 뒤에는 ``make student`` 로 학생판을 다시 만드세요.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jsonschema
import nbformat
from course_files import atomic_write
from grading.exercise_cells import BEGIN, CellRole, MappingError, cell_roles, cell_text, has_solution_region
from notebook_cli import course_notebooks, mode_parser
from slide_metadata import render  # 같은 파일 형식으로 써야 두 도구가 번갈아 고쳐 쓰지 않음

SCHEMA_VERSION = 3

# nbgrader 0.9.6 의 nbgrader/nbgraderformat/v3.json 과 같은 내용 (설명 문구만 뺌).
# tests/test_nbgrader_real.py 가 설치된 nbgrader 의 파일과 같은지 확인합니다.
NBGRADER_V3_SCHEMA = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "properties": {
        "schema_version": {"type": "integer", "minimum": 3, "maximum": 3},
        "grade": {"type": "boolean", "default": False},
        "locked": {"type": "boolean", "default": False},
        "solution": {"type": "boolean", "default": False},
        "task": {"type": "boolean", "default": False},
        "grade_id": {"type": "string", "pattern": "^[a-zA-Z0-9_\\-]*$"},
        "points": {"type": "number", "minimum": 0},
        "checksum": {"type": "string", "minLength": 32, "maxLength": 32},
        "cell_type": {"type": "string", "enum": ["raw", "code", "markdown"]},
    },
    "required": ["schema_version", "grade", "locked", "solution"],
    "additionalProperties": False,
}

KIND_FLAGS = {  # 역할 -> (grade, solution, locked)
    "exercise": (False, True, False),
    "check": (True, False, True),
    "derivation": (True, True, False),
    "answer": (True, True, False),
}


def metadata_for(role: CellRole) -> dict:
    """역할 하나의 nbgrader 셀 메타데이터 (스키마 v3)."""
    grade, solution, locked = KIND_FLAGS[role.kind]
    meta = {
        "grade": grade,
        "grade_id": role.grade_id,
        "locked": locked,
        "schema_version": SCHEMA_VERSION,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = role.points
    return meta


def with_nbgrader_metadata(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """nbgrader 메타데이터를 써 넣은 노트북 (입력은 바꾸지 않음). 구조가 모호하면 MappingError."""
    nb = nbformat.from_dict(nb)
    roles = {role.index: role for role in cell_roles(nb, name)}
    for index, cell in enumerate(nb.cells):
        if index in roles:
            cell.metadata["nbgrader"] = metadata_for(roles[index])
        else:
            cell.metadata.pop("nbgrader", None)
    return nb


def schema_problems(nb, name: str) -> list[str]:
    """nbgrader 0.9.6 이 이 노트북의 셀 메타데이터를 받아들이지 않을 이유들 (없으면 빈 목록).

    nbgrader 의 스키마 (v3) 와 MetadataValidatorV3 의 규칙, ClearSolutions 의 "풀이 구간은 답 셀 안에만" 규칙.
    """
    problems = []
    ids: dict[str, int] = {}
    for index, cell in enumerate(nb.get("cells", [])):
        where = f"{name} 셀 {index}번"
        meta = cell.get("metadata", {}).get("nbgrader")
        if meta is None:
            if cell.get("cell_type") == "code" and has_solution_region(cell_text(cell)):
                problems.append(f"{where}: 풀이 구간 ('{BEGIN}') 이 있지만 nbgrader 답 셀이 아닙니다")
            continue
        try:
            jsonschema.validate(meta, NBGRADER_V3_SCHEMA)
        except jsonschema.ValidationError as error:
            problems.append(f"{where}: nbgrader 스키마에 맞지 않습니다: {error.message}")
            continue
        problems += [f"{where}: {p}" for p in _rule_problems(cell, meta)]
        if meta["grade"] or meta["solution"] or meta["locked"]:
            grade_id = meta.get("grade_id", "")
            if grade_id in ids:
                problems.append(f"{where}: grade_id {grade_id!r} 가 셀 {ids[grade_id]}번과 겹칩니다")
            ids[grade_id] = index
    return problems


def _rule_problems(cell, meta: dict) -> list[str]:
    """nbgrader 의 MetadataValidatorV3.validate_cell 과 ClearSolutions 규칙 (셀 하나)."""
    problems = []
    grade, solution, locked, task = meta["grade"], meta["solution"], meta["locked"], meta.get("task", False)
    if (grade or solution or locked) and not meta.get("grade_id"):
        problems.append("grade_id 가 없거나 비었습니다")
    if grade and "points" not in meta:
        problems.append("채점 셀에 points 가 없습니다")
    markdown = cell.get("cell_type") == "markdown"
    if task and markdown is False:
        problems.append("task 셀은 마크다운이어야 합니다")
    if not task and markdown and grade != solution:
        problems.append("마크다운 채점 셀은 답 셀 (solution) 이기도 해야 합니다")
    if cell.get("cell_type") == "code" and has_solution_region(cell_text(cell)) and not solution:
        problems.append(f"풀이 구간 ('{BEGIN}') 이 답 셀이 아닌 셀에 있습니다")
    return problems


def duplicate_exercises(roles_by_path: dict[Path, list[CellRole]]) -> list[str]:
    """여러 노트북에 같은 연습문제 셀이 있으면 그 문제들 (두 노트북과 셀 번호, 고치는 법)."""
    owner: dict[str, tuple[Path, int]] = {}
    problems = []
    for path, roles in roles_by_path.items():
        for role in roles:
            if role.kind != "exercise":
                continue
            if role.exercise in owner:
                first, index = owner[role.exercise]
                problems.append(
                    f"연습문제 {role.exercise} 의 풀이 셀이 {first.name} 셀 {index}번과 {path.name} 셀 {role.index}번에"
                    " 모두 있습니다. 한 노트북에만 두고, 다른 쪽은 지우거나 새 연습문제로 만드세요 (make new-exercise)."
                )
            owner.setdefault(role.exercise, (path, role.index))
    return problems


def _show(path: Path, roles: list[CellRole]) -> None:
    for role in roles:
        points = "" if role.points is None else f" {role.points:g}점"
        print(f"{path.name} 셀 {role.index:3d} {role.kind:10s} {role.grade_id}{points}")


def main(argv: list[str] | None = None) -> int:
    parser = mode_parser(
        "노트북 구조에서 nbgrader 셀 메타데이터를 만듭니다.",
        check_help="최신이고 nbgrader 스키마에 맞는지 검사만 합니다",
        show_help="역할이 있는 셀과 grade_id, 배점을 보여 줍니다",
    )
    args = parser.parse_args(argv)
    paths = course_notebooks(args.paths)
    if paths is None:
        return 2
    planned: dict[Path, nbformat.NotebookNode] = {}
    roles_by_path: dict[Path, list[CellRole]] = {}
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=4)
            roles_by_path[path] = cell_roles(nb, path.name)
            planned[path] = with_nbgrader_metadata(nb, path.name)
        except MappingError as error:
            print(f"❌ {error}", file=sys.stderr)
            return 1
        except (OSError, ValueError) as error:
            print(f"❌ {path}: 노트북으로 읽을 수 없습니다 ({error})", file=sys.stderr)
            return 2
    problems = duplicate_exercises(roles_by_path)
    for path, nb in planned.items():
        problems += schema_problems(nb, path.name)
    if problems:
        for problem in problems:
            print(f"❌ {problem}", file=sys.stderr)
        print("   메타데이터는 `make lecture` 가 노트북 구조에서 다시 씁니다 (셀 메타데이터를 손으로 고치지 마세요).",
              file=sys.stderr)  # fmt: skip
        return 1
    if args.show:
        for path, roles in roles_by_path.items():
            _show(path, roles)
        return 0
    stale = [path for path, nb in planned.items() if path.read_text(encoding="utf-8") != render(nb)]
    if args.write:
        for path in stale:
            atomic_write(path, render(planned[path]).encode("utf-8"))
            print(f"✏️  {path}")
        print(f"✅ 노트북 {len(paths)}개 중 {len(stale)}개에 nbgrader 메타데이터를 새로 썼습니다.")
        return 0
    if stale:
        for path in stale:
            print(f"❌ nbgrader 메타데이터가 최신이 아닙니다: {path}", file=sys.stderr)
        print("   `make lecture` 를 실행하세요 (메타데이터를 다시 쓰고 학생판을 만듭니다).", file=sys.stderr)
        return 1
    exercises = sum(role.kind == "exercise" for roles in roles_by_path.values() for role in roles)
    print(f"✅ nbgrader 메타데이터가 최신이고 스키마에 맞습니다 (노트북 {len(paths)}개, 연습문제 {exercises}개).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
