"""채점용 사본 만들기: 연습문제 셀을 찾고, 그 바로 뒤에 채점 셀을 끼우고, 실행할 셀을 고릅니다.

연습문제 셀 찾기 (파일 이름이나 셀 위치가 아니라 셀에서):

- **메타데이터**: 코드 셀의 ``metadata.nbgrader.grade_id`` 가 연습문제 id (학생판도 강사용 노트북의 nbgrader
  메타데이터를 그대로 가짐, ``tools/nbgrader_metadata.py``).
- **이름**: 메타데이터가 없으면 (예: 학생이 코드를 새 노트북에 옮김) 맨 바깥에서 ``def <연습문제 함수>(`` 로
  그 함수를 정의한 코드 셀.

각 연습문제 셀 바로 뒤의 채점 셀은 그 셀이 정의한 함수를 커널 안에 붙잡아 두고, 채점기 (`grading.worker`) 가
곧바로 자기 프로세스에서 ``sgns.checks.evaluate(id, 대리인)`` 으로 판정합니다 (`grading.remote`; 기대한 값과 숨은
사례는 커널에 들어가지 않음). 뒤쪽 셀이 같은 이름을 참조 구현으로 바꿔도, 학생이 확인 셀을 지우거나 고쳐도 판정은
그대로입니다. 판정 중 학생 함수의 print 는 버립니다.

실행할 셀 (``mode``):

- ``needed`` (기본): 연습문제 셀과, 그 셀들이 쓰는 이름을 정의하는 앞쪽 셀들만 (이름을 따라 거슬러 올라감).
  그림, 학습, 시간 재기처럼 연습문제와 상관없는 셀은 실행하지 않으므로 40명도 몇 분이면 됩니다.
- ``full``: 모든 코드 셀을 순서대로.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass
from pathlib import Path

import nbformat

from grading.exercise_cells import FUNCTION_EXERCISES, cell_text, defined_functions, parse_cell
from sgns.checks import EXERCISES

GRADE_MIME = "application/vnd.sgns.grade+json"
ROLE_KEY = "sgns_grading"
CAPTURE_FUNCTION = "_sgns_grading_capture"
STDOUT_LIMIT = 20_000  # 판정 중 학생 함수가 print 한 글자 중 남길 최대 길이 (나머지는 버림)

EXCHANGE_ENV_VAR = "SGNS_GRADING_EXCHANGE"  # 커널과 채점기가 요청과 결과를 주고받는 폴더 (커널의 환경 변수)
RESULT_ITEMS_LIMIT = 2_000_000  # 커널이 돌려줄 리스트·dict 하나의 최대 원소 수


def bootstrap_source() -> str:
    """채점용 사본의 맨 앞 셀: `grading.kernel_side` 의 원문과 그것을 켜는 한 줄 (판정 코드는 들어가지 않음)."""
    text = (Path(__file__).resolve().parent / "kernel_side.py").read_text(encoding="utf-8")
    return (
        "# 채점기가 넣은 셀: 연습문제 함수를 붙잡아 두고, 채점기가 요청할 때 불러 결과를 데이터로 돌려줍니다.\n"
        + text
        + f"\n_sgns_grading_capture, _sgns_grading_call = _sgns_grading_setup(\n"
        f"    __import__('os').environ[{EXCHANGE_ENV_VAR!r}], {GRADE_MIME!r}, {STDOUT_LIMIT}, {RESULT_ITEMS_LIMIT}\n)\n"
        "del _sgns_grading_setup\n"
    )


BOOTSTRAP = bootstrap_source()


@dataclass(frozen=True)
class Candidate:
    """연습문제 함수를 정의하는 (것으로 보이는) 셀 하나.

    cell : 원래 노트북에서의 셀 위치
    exercise : 연습문제 id
    route : "metadata" (nbgrader grade_id 로 찾음) 또는 "name" (함수 이름으로 찾음)
    """

    cell: int
    exercise: str
    route: str


def candidates(nb) -> list[Candidate]:
    """노트북에서 연습문제 함수를 정의하는 셀들 (셀 순서)."""
    found = []
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        tagged = grade_id if grade_id in EXERCISES else None
        if tagged:
            found.append(Candidate(index, tagged, "metadata"))
        for function in defined_functions(parse_cell(cell_text(cell))):
            exercise = FUNCTION_EXERCISES.get(function)
            if exercise and exercise != tagged:
                found.append(Candidate(index, exercise, "name"))
    return found


# ---------------------------------------------------------------------------
# 셀이 정의하고 쓰는 이름
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CellNames:
    """코드 셀 하나가 맨 바깥에서 정의(또는 바꾸는)하는 이름과, 어디서든 읽는 이름.

    star : ``from x import *`` 가 있음 (무슨 이름을 정의하는지 모름)
    """

    defines: frozenset[str]
    uses: frozenset[str]
    star: bool = False


_SCOPES = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Lambda,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def _bound_in(node: ast.AST) -> set[str]:
    """함수·람다·컴프리헨션 안에서 지역 이름이 되는 것들 (인자, 대입, import, 안쪽 def; global 선언은 뺌)."""
    bound: set[str] = set()
    declared_global: set[str] = set()
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        arguments = node.args
        for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]:
            if arg is not None:
                bound.add(arg.arg)
        body = node.body if isinstance(node.body, list) else [node.body]
    elif isinstance(node, ast.ClassDef):
        body = node.body
    else:  # 컴프리헨션: for 의 대상 이름들
        body = [generator.target for generator in node.generators]

    def walk(child: ast.AST) -> None:
        if isinstance(child, ast.Name) and not isinstance(child.ctx, ast.Load):
            bound.add(child.id)
        elif isinstance(child, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name.split(".")[0]) for a in child.names if a.name != "*")
        elif isinstance(child, ast.ExceptHandler) and child.name:
            bound.add(child.name)
        elif isinstance(child, (ast.Global, ast.Nonlocal)):
            declared_global.update(child.names)
        if isinstance(child, _SCOPES):
            if hasattr(child, "name"):
                bound.add(child.name)
            return  # 안쪽 범위의 이름은 그 범위의 것
        for grandchild in ast.iter_child_nodes(child):
            walk(grandchild)

    for statement in body:
        walk(statement)
    return bound - declared_global


class _NameVisitor(ast.NodeVisitor):
    """맨 바깥에서 정의하는 이름과, 셀 밖에서 와야 하는 (자유) 이름을 모읍니다."""

    def __init__(self):
        self.defines: set[str] = set()
        self.uses: set[str] = set()
        self.star = False
        self.scopes: list[set[str]] = []  # 안쪽 범위들의 지역 이름 (맨 바깥이면 빈 목록)

    def _define(self, name: str) -> None:
        if not self.scopes:
            self.defines.add(name)

    def _scope(self, node) -> None:
        self.scopes.append(_bound_in(node))
        self.generic_visit(node)
        self.scopes.pop()

    def visit_Name(self, node):
        if not isinstance(node.ctx, ast.Load):
            self._define(node.id)
        elif not any(node.id in scope for scope in self.scopes):
            self.uses.add(node.id)

    def _mutated(self, node):
        if not isinstance(node.ctx, ast.Load):  # x.a = ..., x[i] = ... 는 x 를 바꿈
            root = node.value
            while isinstance(root, (ast.Attribute, ast.Subscript)):
                root = root.value
            if isinstance(root, ast.Name):
                self._define(root.id)
        self.generic_visit(node)

    visit_Attribute = visit_Subscript = _mutated

    def visit_Import(self, node):
        for alias in node.names:
            self._define(alias.asname or alias.name.split(".")[0])

    def visit_ImportFrom(self, node):
        for alias in node.names:
            if alias.name == "*":
                self.star = True
            else:
                self._define(alias.asname or alias.name)

    def _definition(self, node):
        self._define(node.name)
        self._scope(node)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _definition
    visit_Lambda = visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _scope


def cell_names(source: str) -> CellNames | None:
    """셀이 정의하고 쓰는 이름. 문법 오류로 읽을 수 없으면 None."""
    tree = parse_cell(source)
    if tree is None:
        return None
    visitor = _NameVisitor()
    visitor.visit(tree)
    return CellNames(frozenset(visitor.defines), frozenset(visitor.uses), visitor.star)


def needed_cells(names: list[CellNames | None], targets: set[int]) -> set[int]:
    """targets 셀들을 실행하는 데 필요한 셀 (targets 포함).

    셀이 읽는 이름마다 그 앞에서 그 이름을 마지막으로 정의한 셀을 더하고, 더한 셀에도 같은 일을 합니다.
    정의한 셀을 찾지 못한 이름 (내장 함수 말고) 이 있으면 앞쪽의 ``import *`` 셀을 모두 더합니다.
    """
    needed = set(targets)
    stack = sorted(targets)
    builtin_names = set(dir(builtins))
    while stack:
        index = stack.pop()
        info = names[index]
        if info is None:
            continue
        for name in sorted(info.uses):
            owner = next((i for i in range(index - 1, -1, -1) if names[i] and name in names[i].defines), None)
            found = [owner] if owner is not None else []
            if owner is None and name not in builtin_names:
                found = [i for i in range(index) if names[i] and names[i].star]
            for i in found:
                if i not in needed:
                    needed.add(i)
                    stack.append(i)
    return needed


# ---------------------------------------------------------------------------
# 채점용 사본
# ---------------------------------------------------------------------------


def _role(cell, role: str, original: int | None, run: bool) -> None:
    cell.metadata[ROLE_KEY] = {"role": role, "original_index": original, "run": run}


def capture_source(candidate: Candidate) -> str:
    function = EXERCISES[candidate.exercise].function
    return f"{CAPTURE_FUNCTION}({candidate.exercise!r}, {function!r}, {candidate.cell}, {candidate.route!r})"


def grading_notebook(nb, mode: str = "needed") -> tuple[nbformat.NotebookNode, list[Candidate]]:
    """채점용 사본 (입력은 바꾸지 않음) 과 연습문제 셀 후보들.

    사본: 맨 앞에 판정 함수를 정의하는 셀, 원래 셀들 (실행하지 않을 코드 셀은 ``run: False``; 출력은 비움),
    연습문제 셀마다 바로 뒤에 채점 셀. 셀마다 ``metadata.sgns_grading`` 에 역할, 원래 위치, 실행 여부가 있습니다.
    """
    found = candidates(nb)
    cells = nb.get("cells", [])
    if mode == "full":
        run = {i for i, c in enumerate(cells) if c.get("cell_type") == "code"}
    else:
        names = [cell_names(cell_text(c)) if c.get("cell_type") == "code" else None for c in cells]
        run = needed_cells(names, {c.cell for c in found})
    copy = nbformat.v4.new_notebook(metadata=nbformat.from_dict(nb.get("metadata", {})))
    bootstrap = nbformat.v4.new_code_cell(BOOTSTRAP)
    bootstrap.id = "grader-bootstrap"
    _role(bootstrap, "bootstrap", None, True)
    copy.cells.append(bootstrap)
    for index, cell in enumerate(cells):
        cell = nbformat.from_dict(cell)  # 깊은 복사
        cell.id = f"cell-{index}"
        if cell.get("cell_type") == "code":
            cell.outputs, cell.execution_count = [], None
        cell.setdefault("metadata", nbformat.NotebookNode())
        _role(cell, "student", index, index in run)
        copy.cells.append(cell)
        for number, candidate in enumerate(c for c in found if c.cell == index):
            capture = nbformat.v4.new_code_cell(capture_source(candidate))
            capture.id = f"grader-{index}-{number}"
            _role(capture, "capture", index, True)
            copy.cells.append(capture)
    return copy, found
