"""패키지의 배치: 핵심은 강의 도우미를 import 하지 않고, 모듈끼리 서로 import 하지 않고 (순환 없음), 비공개 이름을
쓰지 않고, 한 아이디어는 한 번만 정의되며, ``import sgns`` 는 가볍습니다.
코드(AST)와 새 파이썬 프로세스를 직접 살펴봅니다."""

import ast
import inspect
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import sgns
import sgns.lessons

PACKAGE = Path(sgns.__file__).resolve().parent
LESSONS = PACKAGE / "lessons"
ALL_MODULES = sorted(PACKAGE.rglob("*.py"))
CORE_MODULES = [p for p in ALL_MODULES if LESSONS not in p.parents]


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf8"), filename=str(path))


def _imported_modules(path: Path) -> set[str]:
    package = _name(path) if path.name == "__init__.py" else _name(path).rpartition(".")[0]
    return _imports_in(path.read_text(encoding="utf8"), package)


def _imports_in(source: str, package: str) -> set[str]:
    """소스가 import 하는 모든 모듈 이름 (상대 import 는 절대 이름으로; 함수 안의 import 포함)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def test_module_lists_are_complete():
    assert len(CORE_MODULES) >= 14 and len(ALL_MODULES) - len(CORE_MODULES) >= 8
    assert {p.stem for p in LESSONS.glob("*.py")} - {"__init__"} == set(sgns.lessons.__all__)


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: _name(p))
def test_core_never_imports_the_lesson_helpers(path):
    lesson_imports = {m for m in _imported_modules(path) if m == "sgns.lessons" or m.startswith("sgns.lessons.")}
    assert not lesson_imports, f"{_name(path)} 가 강의 도우미를 import 합니다: {sorted(lesson_imports)}"


def test_the_import_walk_would_notice_a_lesson_import():
    """검사가 헛되지 않음: 강의 도우미를 (함수 안에서, 상대 import 로) 불러오는 코드도 잡힙니다."""
    source = "import numpy\n\n\ndef f():\n    from .lessons import zipf\n    import sgns.lessons.monitor\n"
    found = _imports_in(source, "sgns")
    assert {"sgns.lessons", "sgns.lessons.zipf", "sgns.lessons.monitor", "numpy"} <= found
    assert "sgns.lessons.optimum" in _imports_in("from ..lessons.optimum import loss_terms\n", "sgns.checks")


@pytest.mark.parametrize("path", ALL_MODULES, ids=lambda p: _name(p))
def test_no_module_uses_another_modules_private_name(path):
    """``from sgns.x import _y`` 도, ``obj._y`` (self·cls 밖) 도 없습니다. (``_validate`` 모듈의 공개 이름은 됩니다.)"""
    bad = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("sgns")):
            bad += [f"import {alias.name}" for alias in node.names if _is_private(alias.name)]
        elif isinstance(node, ast.Attribute) and _is_private(node.attr):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                bad.append(ast.unparse(node))
    assert not bad, f"{_name(path)}: {bad}"


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("_")  # __dunder__, _repr_markdown_ 같은 규약 이름은 제외


def test_each_function_and_class_is_defined_once():
    """한 아이디어는 한 곳에: 최상위 함수·클래스 이름이 두 모듈에 따로 정의되어 있지 않습니다
    (비공개 검사 도우미를 모듈마다 베끼지 않음)."""
    where = defaultdict(list)
    for path in ALL_MODULES:
        for node in _tree(path).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                where[node.name].append(_name(path))
    # 연습문제 확인 모듈마다 같은 이름으로 두는 약속 (sgns/checks/_harness.py 의 Exercise 가 부르는 함수들)
    protocol = {"make_cases", "judge", "summary"}
    # 연습문제 모듈의 틀 (tools/new_exercise.py) 이 모듈마다 같은 이름으로 두는 것: 기대한 값, 흔한 실수의 결과
    for name in ("reference", "_variants"):
        if all(module.startswith("sgns.checks.exercises.") for module in where.get(name, [])):
            protocol.add(name)
    # 학습 엔진의 약속: 조각 하나를 학습하는 train_chunk 는 numpy 엔진 (sgns.trainer) 과 컴파일한 엔진
    # (sgns.engine.compiled) 이 같은 이름, 같은 계약으로 따로 구현합니다.
    if sorted(where.get("train_chunk", [])) == ["sgns.engine.compiled", "sgns.trainer"]:
        protocol.add("train_chunk")
    duplicated = {n: modules for n, modules in where.items() if len(modules) > 1 and n not in protocol}
    assert not duplicated


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("pair_probabilities", "sgns.lessons.monitor"),  # σ(u·v): 예전에는 neg_sampling.sigma_scores 와 둘
        ("touched_row_mask", "sgns.lessons.update_cost"),  # 예전에는 timing.count_rows_touched 와 따로
        ("cooccurrence_matrix", "sgns.lessons.optimum"),  # 예전에는 diagnostics 가 한 행을 따로 셈
        ("compare_to_optimum", "sgns.lessons.optimum"),  # 예전에는 pmi_correlation 과 둘
        ("Table", "sgns.plotting"),  # 예전에는 표 만들기가 zipf, examples 에 하나씩
        ("paper_keep_probabilities", "sgns.corpus"),  # keep_probabilities 옆에
        ("spearman_standard_error", "sgns.evaluate"),  # Zipf 와 상관없음
        ("as_generator", "sgns._validate"),
        ("as_counts", "sgns._validate"),
    ],
)
def test_merged_ideas_live_in_one_module(name, home):
    homes = [_name(p) for p in ALL_MODULES for node in _tree(p).body
             if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name]
    assert homes == [home]


@pytest.mark.parametrize(
    "gone",
    ["sigma_scores", "neg_sampling_sparse_step", "neg_sampling_batch_coefficients", "pmi_correlation",
     "format_table", "format_pair_table", "scatter_add_parts", "scatter_add_weighted", "_check_counts",
     "_as_generator", "_check_int_vector", "_check_params", "_forget_unit"],
)
def test_removed_duplicates_are_gone(gone):
    assert all(gone not in {getattr(n, "name", None) for n in ast.walk(_tree(p))} for p in ALL_MODULES)


def test_import_sgns_is_light_and_loads_no_lesson_helper():
    """``import sgns`` 는 scipy, matplotlib, gensim, IPython 을 불러오지 않습니다 (처음 쓸 때 불러옴)."""
    code = (
        "import json, sys; import sgns; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('scipy', 'matplotlib', 'gensim', 'IPython', 'tqdm', 'threadpoolctl') or m.startswith('sgns.lessons'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_every_name_in_all_resolves_and_names_one_thing():
    """``sgns.__all__`` 의 이름은 모두 쓸 수 있고, 이름 하나는 한 가지입니다: 함수 ``sgns.train`` 과 같은 이름의
    모듈은 없습니다 (모듈은 ``sgns.trainer``)."""
    for name in sgns.__all__:
        assert getattr(sgns, name) is not None, name
    assert callable(sgns.train) and sgns.train is sgns.trainer.train
    assert callable(sgns.gradcheck) and sgns.gradcheck is sgns.gradient_check.gradcheck
    module_names = {p.stem for p in PACKAGE.glob("*.py")} | {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    functions = [name for name in sgns.__all__ if not inspect.ismodule(getattr(sgns, name))]
    assert not set(functions) & module_names
    with pytest.raises(AttributeError, match="nope"):
        sgns.nope  # noqa: B018


def _import_graph(paths) -> dict[str, set[str]]:
    """sgns 모듈 -> 그 모듈이 import 하는 sgns 모듈들 (함수 안의 import 포함; ``sgns.corpus.Vocabulary`` 는
    ``sgns.corpus``)."""
    modules = {_name(p) for p in paths}
    graph = {}
    for path in paths:
        found = set()
        for name in _imported_modules(path):
            while name and name not in modules:  # sgns.corpus.Vocabulary -> sgns.corpus
                name = name.rpartition(".")[0]
            if name and name != _name(path) and name != "sgns":
                found.add(name)
        graph[_name(path)] = found
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """서로 import 하는 모듈 무리 (강하게 연결된 성분 중 모듈이 둘 이상이거나 자기 자신을 import 하는 것)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_in_the_package():
    """모듈끼리 서로 import 하지 않습니다 (함수 안에 숨긴 import 도 셈): 타입은 쓰는 쪽이 아니라 놓일 곳에.

    ``sgns.checks`` 안쪽은 연습문제 확인을 모듈마다 나누는 작업에서 따로 정리하므로 여기서는 빼고 봅니다."""
    paths = [p for p in ALL_MODULES if not _name(p).startswith("sgns.checks.")]
    assert _cycles(_import_graph(paths)) == []


def test_the_cycle_search_would_notice_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert _cycles(graph) == [["a", "b", "c"], ["e"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_docstrings_list_every_module():
    import sgns.engine

    for path in CORE_MODULES:
        stem = path.stem
        if stem not in ("__init__",) and path.parent == PACKAGE:
            assert f"`{stem}`" in sgns.__doc__, stem
        if stem not in ("__init__",) and path.parent == PACKAGE / "engine":
            assert f"`{stem}`" in sgns.engine.__doc__, stem
    for stem in sgns.lessons.__all__:
        assert f"`{stem}`" in sgns.lessons.__doc__, stem


TAUGHT = {
    "functions": ["sigmoid", "log_sigmoid", "softmax"],
    "softmax_loss": ["naive_softmax_loss_and_gradient", "softmax_probabilities"],
    "neg_sampling": ["neg_sampling_loss_and_gradient", "neg_sampling_sparse_gradient", "neg_sampling_coefficients",
                     "neg_sampling_batch"],
    "gradient_check": ["gradcheck", "check_loss_gradients"],
    "sampling": ["noise_distribution", "_build_alias_table", "NegativeSampler"],
    "corpus": ["skipgram_pairs", "skipgram_pair_arrays", "keep_probabilities", "paper_keep_probabilities", "subsample"],
    "scatter": ["scatter_add"],
    "trainer": ["learning_rate", "init_weights", "chunk_pairs", "sgd_step", "train_chunk"],
}  # fmt: skip


@pytest.mark.parametrize("module", sorted(TAUGHT))
def test_taught_functions_are_short_enough_to_read_with_their_formula(module):
    """배우는 길의 함수는 본문 (docstring 뒤) 이 40줄 이하입니다 (클래스는 메서드마다)."""
    tree = _tree(PACKAGE / f"{module}.py")
    defs = {node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    assert set(TAUGHT[module]) <= set(defs), module
    for name in TAUGHT[module]:
        node = defs[name]
        methods = [n for n in node.body if isinstance(n, ast.FunctionDef)]
        for fn in methods if isinstance(node, ast.ClassDef) else [node]:
            body = fn.body[1:] if ast.get_docstring(fn) else fn.body
            lines = body[-1].end_lineno - body[0].lineno + 1
            assert lines <= 40, f"{module}.{name}.{fn.name}: 본문 {lines}줄"
