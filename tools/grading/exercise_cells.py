"""노트북 구조에서 연습문제 ↔ 셀 대응을 찾습니다 (nbgrader 메타데이터와 채점기가 함께 씀).

규칙 (셀 번호나 파일 이름이 아니라 노트북의 내용에서):

- **연습문제 셀**: ``### BEGIN SOLUTION`` 풀이 구간이 있는 코드 셀. 어느 연습문제인지는 그 셀이 정의하는
  함수와 뒤따르는 확인 호출로 정합니다: 셀 뒤의 ``check_<함수>(이름)`` (``sgns.checks.check_...`` 도 같음) 또는
  ``check("연습문제 id", 이름)`` 이 그 셀에서 정의한 함수 이름을 넘기면 그 연습문제입니다. 확인 호출이 없으면
  정의한 함수 이름이 `sgns.checks.EXERCISES` 의 함수 이름과 같은 연습문제입니다. 어느 쪽도 아니면 오류입니다
  (`MappingError`: 노트북, 셀 번호, 연습문제 모듈을 만드는 ``make new-exercise`` 명령).
- **확인 셀**: 연습문제 셀 뒤에서 그 연습문제를 처음 확인하는 코드 셀. 확인 호출이 셀의 마지막 식이어야
  합니다 (nbgrader 가 그 값을 부분 점수로 읽음, `sgns.checks` 설명 참고).
- **유도 셀** (``solution`` 태그가 붙은 마크다운)과 **생각해 볼 문제 셀** (``answer-key`` 태그): 손으로 채점하는
  답 셀. id 는 ``nb04-derivation-1``, ``nb04-answer-1`` 처럼 노트북 안의 순서로 번호를 붙입니다.

연습문제 id 는 `sgns.checks` 의 표에서 오므로 셀을 더하거나 옮겨도 바뀌지 않습니다.

모범 답안은 한 곳, 강사용 노트북의 연습문제 셀에만 있습니다: `model_solutions` 가 ``notebooks/*.ipynb`` 를 모두 읽어
그 셀을 실행한 함수를 돌려줍니다 (테스트와 벤치마크가 "맞는 답은 통과" 를 확인하는 데 씀).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from sgns.checks import ALL_EXERCISES, EXERCISES, MANUAL_POINTS

BEGIN = "### BEGIN SOLUTION"
SOLUTION_TAG = "solution"
ANSWER_KEY_TAG = "answer-key"
# 노트북에 아직 셀이 없는 연습문제 (placed=False) 도 셀을 알아봅니다 (넣는 중일 때)
CHECK_FUNCTIONS = {f"check_{spec.function}": exercise_id for exercise_id, spec in ALL_EXERCISES.items()}
FUNCTION_EXERCISES = {spec.function: exercise_id for exercise_id, spec in ALL_EXERCISES.items()}


class MappingError(ValueError):
    """노트북 구조에서 연습문제 ↔ 셀 대응을 정할 수 없습니다 (한국어 메시지)."""


def cell_text(cell) -> str:
    """셀 원문 (파일에서는 줄 목록일 수도 있음) 을 문자열로."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def python_source(source: str) -> str:
    """IPython 문법 (``%magic``, ``!shell``) 을 파이썬 코드로 바꾼 셀 원문. 바꿀 수 없으면 그대로."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # IPython 없이 쓰는 경우
        return source
    try:
        return TransformerManager().transform_cell(source)
    except Exception:
        return source


def parse_cell(source: str) -> ast.Module | None:
    """코드 셀의 구문 트리. 문법 오류면 None."""
    try:
        return ast.parse(python_source(source))
    except (SyntaxError, ValueError):
        return None


def has_solution_region(source: str) -> bool:
    """어느 줄이든 (앞 공백을 빼고) 풀이 구간 표식으로 시작하는지."""
    return any(line.strip().startswith(BEGIN) for line in source.split("\n"))


def defined_functions(tree: ast.Module | None) -> list[str]:
    """셀의 맨 바깥에서 ``def`` 로 정의한 함수 이름들 (순서대로)."""
    if tree is None:
        return []
    return [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


@dataclass(frozen=True)
class CheckCall:
    """셀 안의 확인 호출 하나.

    exercise : 연습문제 id
    argument : 확인에 넘긴 함수의 이름 (이름이 아닌 식이면 None)
    last_expression : 셀의 마지막 문장이 이 호출 하나로 된 식인지 (그 값이 셀의 실행 결과가 됨)
    """

    exercise: str
    argument: str | None
    last_expression: bool


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _check_target(call: ast.Call) -> tuple[str, ast.expr | None] | None:
    """호출이 확인 호출이면 (연습문제 id, 넘긴 함수 식), 아니면 None."""
    name = _called_name(call)
    if name in CHECK_FUNCTIONS:
        return CHECK_FUNCTIONS[name], call.args[0] if call.args else None
    first = call.args[0] if call.args else None
    if name == "check" and isinstance(first, ast.Constant) and first.value in ALL_EXERCISES:
        return first.value, call.args[1] if len(call.args) > 1 else None
    return None


def ends_quietly(source: str) -> bool:
    """셀이 ``;`` 로 끝나는지 (IPython 은 그러면 마지막 식의 값을 보여 주지 않음)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(python_source(source)).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    skip = {tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT, tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT}
    meaningful = [t for t in tokens if t.type not in skip]
    return bool(meaningful) and meaningful[-1].string == ";"


def check_calls(tree: ast.Module | None, source: str = "") -> list[CheckCall]:
    """셀 안의 확인 호출들 (소스 순서). source 를 주면 ``;`` 로 끝나는 셀의 호출은 마지막 식으로 보지 않습니다."""
    if tree is None:
        return []
    last = tree.body[-1] if tree.body and not ends_quietly(source) else None
    found = []
    for node in sorted(ast.walk(tree), key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0))):
        if not isinstance(node, ast.Call):
            continue
        target = _check_target(node)
        if target is None:
            continue
        exercise, argument = target
        found.append(
            CheckCall(
                exercise=exercise,
                argument=argument.id if isinstance(argument, ast.Name) else None,
                last_expression=isinstance(last, ast.Expr) and last.value is node,
            )
        )
    return found


def notebook_prefix(name: str) -> str:
    """노트북 파일 이름에서 id 앞부분: ``04_math.ipynb`` -> ``nb04``, ``04b_training.ipynb`` -> ``nb04b``.

    숫자 뒤의 소문자 한 글자 (같은 장의 둘째 노트북) 도 넣어, 두 노트북의 grade_id 가 겹치지 않게 합니다.
    숫자가 없으면 이름을 줄인 것.
    """
    stem = Path(name).stem
    match = re.match(r"\d+(?:[a-z](?![A-Za-z]))?", stem)
    if match:
        return f"nb{match.group(0)}"
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "notebook"


@dataclass(frozen=True)
class CellRole:
    """nbgrader 가 알아야 할 셀 하나의 역할.

    index : 셀 위치 (0부터)
    kind : "exercise" (연습문제 셀), "check" (확인 셀),
           "derivation" (유도 셀), "answer" (생각해 볼 문제의 답 셀)
    grade_id : nbgrader grade_id (연습문제 셀은 연습문제 id, 확인 셀은 ``<id>-check``)
    exercise : 연습문제 id (exercise, check 만)
    points : 배점 (check, derivation, answer 만)
    """

    index: int
    kind: str
    grade_id: str
    exercise: str | None = None
    points: float | None = None


@dataclass
class _Cell:
    index: int
    cell_type: str
    source: str
    tags: frozenset[str]
    tree: ast.Module | None
    functions: list[str]
    solution: bool
    checks: list[CheckCall]


def _describe(name: str, cell: _Cell) -> str:
    first = cell.source.strip().split("\n", 1)[0][:50]
    return f"{name} 셀 {cell.index}번 (첫 줄: {first!r})"


def _cells(nb) -> list[_Cell]:
    cells = []
    for index, cell in enumerate(nb.get("cells", [])):
        source = cell_text(cell)
        code = cell.get("cell_type") == "code"
        tree = parse_cell(source) if code else None
        cells.append(
            _Cell(
                index=index,
                cell_type=cell.get("cell_type", ""),
                source=source,
                tags=frozenset(cell.get("metadata", {}).get("tags", [])),
                tree=tree,
                functions=defined_functions(tree),
                solution=code and has_solution_region(source),
                checks=check_calls(tree, source),
            )
        )
    return cells


def _pair_checks(cells: list[_Cell], name: str) -> dict[int, tuple[str, int]]:
    """연습문제 셀 번호 -> (연습문제 id, 확인 셀 번호): 확인 호출마다 그 함수를 정의한 가장 가까운 앞의 풀이 셀."""
    paired: dict[int, tuple[str, int]] = {}
    for cell in cells:
        for call in cell.checks:
            function = call.argument or ALL_EXERCISES[call.exercise].function
            owner = next(
                (c for c in reversed(cells[: cell.index]) if c.solution and function in c.functions),
                None,
            )
            if owner is None:
                continue  # 풀이 셀이 없는 확인 호출 (예: 참조 구현을 보여 주기만 함): 채점 대상이 아님
            if owner.index in paired:
                if paired[owner.index][0] != call.exercise:
                    raise MappingError(
                        f"{_describe(name, owner)}: 연습문제 셀 하나가 두 연습문제"
                        f" ({paired[owner.index][0]}, {call.exercise}) 로 확인됩니다. 연습문제마다 셀을 나누세요."
                    )
                continue  # 같은 연습문제를 다시 확인하는 셀: 첫 확인 셀만 채점
            if cell.solution:
                raise MappingError(f"{_describe(name, cell)}: 확인 셀에 풀이 구간이 있습니다. 두 셀로 나누세요.")
            if len(cell.checks) > 1:
                raise MappingError(
                    f"{_describe(name, cell)}: 확인 셀 하나에 확인 호출이 {len(cell.checks)}개 있습니다."
                    " nbgrader 는 셀 단위로 점수를 주므로 확인 호출마다 셀을 나누세요."
                )
            if not call.last_expression:
                raise MappingError(
                    f"{_describe(name, cell)}: 확인 호출이 셀의 마지막 식이 아닙니다 (뒤에 다른 문장이 있거나 `;`)."
                    " nbgrader 는 셀의 마지막 식의 값을 부분 점수로 읽으므로 확인 호출을 셀의 마지막 줄에 두세요."
                )
            paired[owner.index] = (call.exercise, cell.index)
    return paired


def cell_roles(nb, name: str) -> list[CellRole]:
    """노트북의 nbgrader 역할이 있는 셀들 (셀 순서). 구조가 모호하면 MappingError.

    Parameters
    ----------
    nb : 노트북 (nbformat NotebookNode 나 JSON dict)
    name : 노트북 파일 이름 (id 앞부분 ``nb04`` 와 오류 메시지에 씀)
    """
    prefix = notebook_prefix(name)
    cells = _cells(nb)
    paired = _pair_checks(cells, name)
    roles: list[CellRole] = []
    counters = {"derivation": 0, "answer": 0}
    for cell in cells:
        if cell.solution:
            exercise = paired.get(cell.index, (None, None))[0]
            if exercise is None:
                exercise = next((FUNCTION_EXERCISES[f] for f in cell.functions if f in FUNCTION_EXERCISES), None)
            if exercise is None:
                raise MappingError(unregistered_message(name, cell.index, cell.functions))
            roles.append(CellRole(cell.index, "exercise", exercise, exercise=exercise))
        elif cell.cell_type == "markdown" and cell.tags & {SOLUTION_TAG, ANSWER_KEY_TAG}:
            tag = SOLUTION_TAG if SOLUTION_TAG in cell.tags else ANSWER_KEY_TAG
            kind = "derivation" if tag == SOLUTION_TAG else "answer"
            counters[kind] += 1
            roles.append(CellRole(cell.index, kind, f"{prefix}-{kind}-{counters[kind]}", points=MANUAL_POINTS[tag]))
    for exercise, check_index in paired.values():
        roles.append(
            CellRole(
                check_index, "check", f"{exercise}-check", exercise=exercise, points=ALL_EXERCISES[exercise].points
            )
        )
    roles.sort(key=lambda role: role.index)
    _reject_duplicates(roles, name)
    return roles


def _reject_duplicates(roles: list[CellRole], name: str) -> None:
    seen: dict[str, int] = {}
    for role in roles:
        if role.grade_id in seen:
            raise MappingError(
                f"{name}: id {role.grade_id!r} 가 셀 {seen[role.grade_id]}번과 {role.index}번에 함께 나옵니다"
                " (같은 연습문제의 풀이 셀이 둘입니다). 풀이 셀을 하나로 합치세요."
            )
        seen[role.grade_id] = role.index


def exercise_functions() -> dict[str, str]:
    """연습문제 id -> 학생이 작성하는 함수 이름."""
    return {exercise_id: spec.function for exercise_id, spec in EXERCISES.items()}


def unregistered_message(name: str, index: int, functions: list[str]) -> str:
    """등록된 연습문제가 없는 풀이 셀의 오류: 노트북, 셀 번호, 고치는 명령."""
    function = functions[0] if functions else "<함수 이름>"
    stem = Path(name).stem
    return (
        f"{name} 셀 {index}번: 풀이 구간 ('{BEGIN}') 이 있지만 그 셀의 함수 ({', '.join(functions) or '없음'})"
        " 를 확인하는 연습문제가 sgns/checks/exercises/ 에 없습니다. 연습문제 모듈을 만드세요 (셀은 이미 있으니"
        f" AFTER 없이 모듈만): make new-exercise NB={stem} NAME={notebook_prefix(name)}-<이름>"
        f' FUNCTION={function} ARGS="<인자>"  (README 의 "연습문제 더하기·고치기·빼기")'
    )


# ---------------------------------------------------------------------------
# 모범 답안: 강사용 노트북의 연습문제 셀
# ---------------------------------------------------------------------------

NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"


def exercise_cells(notebooks=None) -> dict[str, tuple[Path, int, str]]:
    """연습문제 id -> (노트북, 셀 번호, 셀 원문): notebooks (기본: ``notebooks/*.ipynb`` 모두) 의 연습문제 셀."""
    import nbformat

    found: dict[str, tuple[Path, int, str]] = {}
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")) if notebooks is None else map(Path, notebooks):
        nb = nbformat.read(path, as_version=4)
        for role in cell_roles(nb, path.name):
            if role.kind == "exercise":
                found[role.exercise] = (path, role.index, cell_text(nb.cells[role.index]))
    return found


def _imports_for(sources: list[str], nb_sources: list[str]) -> str:
    """풀이 셀들이 쓰는 이름을 들여오는 노트북의 import 문들 (``import numpy as np`` 등)."""
    used = {n.id for src in sources for n in ast.walk(parse_cell(src) or ast.Module([], [])) if isinstance(n, ast.Name)}
    lines = []
    for source in nb_sources:
        tree = parse_cell(source)
        for node in tree.body if tree else []:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                bound = {(a.asname or a.name).split(".")[0] for a in node.names}
                if bound & used:
                    lines.append(ast.unparse(node))
    return "\n".join(dict.fromkeys(lines))


def model_solutions(notebooks=None) -> dict:
    """연습문제 id -> 모범 답안 함수: 강사용 노트북의 연습문제 셀을 (노트북마다 한 이름공간에서, 셀 순서대로) 실행한 것.

    노트북에 셀이 없는 연습문제는 빠집니다 (`sgns.checks.Exercise.placed` 참고).
    """
    import nbformat

    cells = exercise_cells(notebooks)
    solutions = {}
    for path in dict.fromkeys(path for path, _, _ in cells.values()):
        mine = sorted((index, exercise_id, source) for exercise_id, (p, index, source) in cells.items() if p == path)
        nb = nbformat.read(path, as_version=4)
        code = [cell_text(c) for c in nb.cells if c.get("cell_type") == "code"]
        namespace: dict = {"__name__": f"model_solutions.{path.stem}"}
        exec(compile(_imports_for([s for _, _, s in mine], code), f"{path.name} (import)", "exec"), namespace)
        for index, exercise_id, source in mine:
            exec(compile(python_source(source), f"{path.name} 셀 {index}번", "exec"), namespace)
            solutions[exercise_id] = namespace[ALL_EXERCISES[exercise_id].function]
    return solutions
