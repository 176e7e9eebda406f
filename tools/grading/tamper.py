"""채점을 속이려는 것으로 보이는 셀 찾기 (제출한 노트북의 원문에서; 실행하지 않음).

보고서에 ⚠️ 와 셀 번호로 적는 것 (`KINDS`):

- ``checks-import``: 연습문제 셀이 확인 도구 (`sgns.checks`) 를 import 함 (연습문제 셀에는 필요 없음; 확인 셀이
  import 하는 것은 정상)
- ``checks-assign``: 어느 셀이든 `sgns.checks` 안의 이름을 바꿈 (``checks.evaluate = ...``, ``setattr(checks, ...)``)
- ``grader-internals``: 어느 셀이든 채점기가 넣은 이름 (``_sgns_grading_...``) 을 씀
- ``file-outside``: 제출물 밖의 파일을 가리킴 (``sgns.__file__`` 처럼 모듈의 파일 위치, 절대 경로, ``~``, ``..``,
  홈 폴더, 환경 변수의 경로)
- ``inspect-exec``: 강의 패키지의 코드를 꺼내거나 (``inspect.getsource`` 등, ``__code__``) 문자열을 코드로 실행함
  (``exec``, ``eval``, ``compile``, ``runpy``): 연습문제 셀이면 언제나, 다른 셀이면 sgns 나 파일을 함께 쓸 때

정직한 풀이에는 이런 것이 필요 없습니다 (강의 노트북과 학생판에는 하나도 없음: ``tests/test_grade_cheats.py``).
"""

from __future__ import annotations

import ast
import re

from grading.exercise_cells import cell_text, parse_cell

KINDS = {
    "checks-import": "연습문제 셀이 확인 도구 sgns.checks 를 import 함",
    "checks-assign": "확인 도구 sgns.checks 의 이름을 바꿈",
    "grader-internals": "채점기가 넣은 이름 (_sgns_grading_...) 을 씀",
    "file-outside": "제출물 밖의 파일을 가리킴",
    "inspect-exec": "강의 패키지의 코드를 꺼내거나 문자열을 코드로 실행함",
}
INSPECT_FUNCTIONS = {"getsource", "getsourcelines", "getfile", "getsourcefile", "getmodule", "findsource"}
EXEC_FUNCTIONS = {"exec", "eval", "compile", "run_path", "run_module", "FunctionType", "reload"}
CODE_ATTRIBUTES = {"__code__", "__globals__", "__closure__", "co_code"}
PATH_FUNCTIONS = {"home", "expanduser", "expandvars", "getenv"}
GRADER_PREFIX = "_sgns_grading"


def _dotted(node: ast.AST) -> str:
    """``a.b.c`` 꼴의 이름 (아니면 빈 문자열)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    if isinstance(node, ast.Call):
        return _dotted(node.func) + "()"
    if isinstance(node, ast.Subscript):
        return _dotted(node.value) + "[]"
    return ""


def _called(node: ast.Call) -> str:
    return _dotted(node.func).rsplit(".", 1)[-1]


def _checks_aliases(tree: ast.AST) -> set[str]:
    """이 셀에서 `sgns.checks` (또는 그 안의 모듈) 를 가리키는 이름들."""
    names = {"checks"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("sgns.checks") and alias.asname:
                    names.add(alias.asname)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "sgns":
                names.update(a.asname or a.name for a in node.names if a.name == "checks")
            elif node.module.startswith("sgns.checks"):
                names.update(a.asname or a.name for a in node.names)
    return names


def _imports_checks(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.startswith("sgns.checks") for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("sgns.checks") or (
                node.module == "sgns" and any(a.name == "checks" for a in node.names)
            ):
                return True
        if isinstance(node, ast.Call) and _called(node) in ("import_module", "__import__"):
            if any(isinstance(a, ast.Constant) and str(a.value).startswith("sgns.checks") for a in node.args):
                return True
    return False


def _touches_checks(target: ast.AST, aliases: set[str]) -> bool:
    text = _dotted(target)
    parts = text.replace("()", "").replace("[]", "").split(".")
    return len(parts) > 1 and any(p in aliases for p in parts[:-1])


def _assigns_checks(tree: ast.AST, aliases: set[str]) -> bool:
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        for target in targets:
            if isinstance(target, (ast.Attribute, ast.Subscript)) and _touches_checks(target, aliases):
                return True
        if isinstance(node, ast.Call) and _called(node) in ("setattr", "delattr") and node.args:
            first = _dotted(node.args[0]).replace("()", "").split(".")
            if any(p in aliases for p in first) or "sgns" in first:
                return True
        if isinstance(node, ast.Call) and _called(node) == "update" and isinstance(node.func, ast.Attribute):
            if "__dict__" in _dotted(node.func) and _touches_checks(node.func.value, aliases | {"sgns"}):
                return True
    return False


def _uses_grader(tree: ast.AST, source: str) -> bool:
    return GRADER_PREFIX in source and any(
        (isinstance(n, ast.Name) and n.id.startswith(GRADER_PREFIX))
        or (isinstance(n, ast.Constant) and isinstance(n.value, str) and GRADER_PREFIX in n.value)
        or (isinstance(n, ast.Attribute) and n.attr.startswith(GRADER_PREFIX))
        for n in ast.walk(tree)
    )


PATH_LIKE = re.compile(r"^(?:/[\w.~-]+(?:/[\w.~-]*)*|~[\w.-]*(?:/[\w.~-]*)*|\.\.(?:[/\\].*)?|.*[/\\]\.\.(?:[/\\].*)?)$")


def _outside_path(value: str) -> bool:
    """절대 경로, ~ 로 시작하는 경로, .. 를 거치는 경로처럼 보이는 문자열."""
    return len(value) < 300 and bool(PATH_LIKE.match(value))


def _path_constants(tree: ast.AST):
    """f-문자열의 조각을 뺀 문자열 상수들."""
    pieces = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in pieces:
            yield node.value


def _points_outside(tree: ast.AST, exercise_cell: bool) -> bool:
    if any(_outside_path(value) for value in _path_constants(tree)):
        return True
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("__file__", "__path__", "__spec__"):
            return True
        if isinstance(node, ast.Name) and node.id == "__file__":
            return True
        if isinstance(node, ast.Call) and _called(node) in PATH_FUNCTIONS:
            return True
        if exercise_cell and isinstance(node, ast.Attribute) and node.attr == "environ":
            return True
    return False


def _inspects_or_execs(tree: ast.AST) -> tuple[bool, bool]:
    """(코드를 꺼냄, 문자열을 코드로 실행함)."""
    inspects = execs = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _called(node)
            if name in INSPECT_FUNCTIONS:
                inspects = True
            if name in EXEC_FUNCTIONS:
                execs = True
        if isinstance(node, ast.Attribute) and node.attr in CODE_ATTRIBUTES:
            inspects = True
        if isinstance(node, ast.Name) and node.id in ("exec", "eval") and not isinstance(node.ctx, ast.Store):
            execs = True
    return inspects, execs


def _mentions_sgns(tree: ast.AST) -> bool:
    return any(
        (isinstance(n, ast.Name) and n.id == "sgns")
        or (isinstance(n, (ast.Import, ast.ImportFrom)) and "sgns" in ast.dump(n))
        or (isinstance(n, ast.Constant) and isinstance(n.value, str) and "sgns" in n.value)
        for n in ast.walk(tree)
    )


def cell_flags(source: str, exercise_cell: bool) -> list[str]:
    """코드 셀 하나의 의심스러운 점 (KINDS 의 키들, 순서대로)."""
    tree = parse_cell(source)
    if tree is None:
        return []
    found = []
    if exercise_cell and _imports_checks(tree):
        found.append("checks-import")
    if _assigns_checks(tree, _checks_aliases(tree)):
        found.append("checks-assign")
    if _uses_grader(tree, source):
        found.append("grader-internals")
    outside = _points_outside(tree, exercise_cell)
    if outside:
        found.append("file-outside")
    inspects, execs = _inspects_or_execs(tree)
    if (inspects or execs) and (exercise_cell or _mentions_sgns(tree) or outside):
        found.append("inspect-exec")
    return found


def _colab_setup() -> str:
    """학생판 맨 위의 Colab 설치 셀 (강의가 넣은 셀; 환경 변수와 설치 명령을 씀)."""
    from colab import setup_cell_source

    return setup_cell_source()


def notebook_flags(nb, exercise_cells: set[int]) -> list[dict]:
    """노트북의 코드 셀마다 의심스러운 점: [{"cell": 원래 셀 번호, "kinds": [...]}]."""
    flags = []
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code" or cell_text(cell) == _colab_setup():
            continue
        kinds = cell_flags(cell_text(cell), index in exercise_cells)
        if kinds:
            flags.append({"cell": index, "kinds": kinds})
    return flags
