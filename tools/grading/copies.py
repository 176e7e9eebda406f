"""sgns 의 코드를 베낀 학생 함수 알아보기: 이름을 바꾸고 모양을 고쳐도 구조가 같으면 sgns 의 함수로 봅니다.

두 가지로 봅니다 (어느 하나만 같아도):

- **구문 구조** (채점기가 제출한 노트북에서 직접 읽음): 연습문제 셀의 ``def`` 를 구문 트리로 읽어 문서 문자열과
  주석, 타입 표기를 빼고, 이름 (변수, 인자, 함수 이름, 모듈 별칭) 을 나온 순서대로 ``n0, n1, ...`` 로 바꾼 것.
- **바이트코드 지문** (커널이 알려 줌, `grading.kernel_side`): ``inspect.getsource`` 로 sgns 의 원문을 읽어 다른 파일
  이름으로 ``exec`` 한 함수처럼 셀의 원문에 ``def`` 가 없어도, 컴파일된 코드의 구조는 sgns 의 함수와 같습니다.

비교하는 sgns 함수는 그 연습문제의 참조 구현 이름들 (`sgns.checks.Exercise.references`) 과 연습문제 함수 이름을
가진 것입니다. 같으면 판정 도구에 그 sgns 함수를 넘겨 판정하므로, 참조 구현을 그대로 넘긴 답과 점수가 같습니다.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pkgutil
import textwrap

from grading.exercise_cells import parse_cell
from grading.kernel_side import _sgns_grading_fingerprint
from sgns.checks import EXERCISES

SKIPPED_MODULES = ("sgns.engine.compiled",)  # numba 를 불러오는 모듈 (참조 구현 이름을 정의하지 않음)


def fingerprint(code) -> str:
    """`grading.kernel_side` 가 커널에서 계산하는 것과 같은 지문."""
    return _sgns_grading_fingerprint(code)


class _Renamer(ast.NodeTransformer):
    def __init__(self):
        self.names: dict[str, str] = {}

    def _name(self, name: str) -> str:
        return self.names.setdefault(name, f"n{len(self.names)}")

    def visit_Name(self, node):
        return ast.copy_location(ast.Name(id=self._name(node.id), ctx=ast.Load()), node)

    def visit_arg(self, node):
        return ast.arg(arg=self._name(node.arg), annotation=None)

    def _function(self, node):
        node.name = self._name(node.name)
        node.returns = None
        node.decorator_list = []
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
            if isinstance(body[0].value.value, str):
                body = body[1:] or [ast.Pass()]
        node.body = body
        self.generic_visit(node)
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def visit_AnnAssign(self, node):
        self.generic_visit(node)
        node.annotation = ast.Constant(None)
        return node


def shape(function_node: ast.AST) -> str:
    """함수 정의의 구조 (이름·문서 문자열·타입 표기·모양과 상관없음)."""
    tree = _Renamer().visit(ast.parse(ast.unparse(function_node)))
    return ast.dump(tree, annotate_fields=False, include_attributes=False)


def _candidate_names(exercise_id: str) -> set[str]:
    spec = EXERCISES[exercise_id]
    return set(spec.references) | {spec.function, f"reference_{spec.function}"}


@functools.lru_cache(maxsize=1)
def _sgns_functions() -> tuple:
    """sgns 패키지의 맨 바깥 함수들 (이름, 함수)."""
    import sgns

    found = []
    for info in pkgutil.walk_packages(sgns.__path__, "sgns."):
        if info.name.startswith(SKIPPED_MODULES):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:  # 선택 의존성이 없는 모듈
            continue
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module.__name__:
                found.append((name, value))
    return tuple(found)


@functools.cache
def reference_shapes(exercise_id: str) -> tuple:
    """연습문제 하나에서 비교할 sgns 함수들: (함수, 바이트코드 지문, 구문 구조)."""
    names = _candidate_names(exercise_id)
    out = []
    for name, function in _sgns_functions():
        if name not in names:
            continue
        inner = inspect.unwrap(function)
        try:
            node = ast.parse(textwrap.dedent(inspect.getsource(inner))).body[0]
            structure = shape(node)
        except (OSError, TypeError, SyntaxError, IndexError):
            structure = None
        out.append((function, fingerprint(inner.__code__), structure))
    return tuple(out)


def cell_shapes(source: str, function_name: str) -> list[str]:
    """셀이 정의하는 (어느 깊이든) 그 이름의 함수들의 구조."""
    tree = parse_cell(source)
    if tree is None:
        return []
    return [
        shape(node)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function_name
    ]


def copied_reference(exercise_id: str, code_fingerprint: str | None, cell_source: str):
    """학생 함수가 sgns 의 함수를 베낀 것이면 그 sgns 함수, 아니면 None."""
    references = reference_shapes(exercise_id)
    for function, print_, _ in references:
        if code_fingerprint and code_fingerprint == print_:
            return function
    structures = set(cell_shapes(cell_source, EXERCISES[exercise_id].function))
    for function, _, structure in references:
        if structure is not None and structure in structures:
            return function
    return None
