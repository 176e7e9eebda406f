"""패키지의 의존성: `import sgns` 에 필요한 것은 모두 pyproject.toml 의 dependencies 에 있고 (Colab 은 그것만
설치합니다), 그 모두가 requirements.txt 에 시험한 버전으로 고정되어 있으며, 고정 버전이 범위를 만족하는지."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
DEPENDENCIES = {canonicalize_name(Requirement(d).name): Requirement(d) for d in PROJECT["dependencies"]}
# 선택 사항 (pip install sgns[fast]): 없으면 numpy 로 돌아가는 것
OPTIONAL = {
    canonicalize_name(Requirement(d).name): Requirement(d)
    for extra in PROJECT.get("optional-dependencies", {}).values()
    for d in extra
}


def pins(names: tuple[str, ...] = ("requirements.txt", "requirements-dev.txt")) -> dict[str, str]:
    found = {}
    for name in names:
        found.update(_pins(REPO / name))
    return found


def _pins(path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line == "-r requirements.txt":
            continue
        if line:
            requirement = Requirement(line)
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", f"{path.name} 는 정확한 버전(==)만: {line}"
            found[canonicalize_name(requirement.name)] = specifier.version
    return found


def imported_modules() -> set[str]:
    """sgns 가 import 하거나 importlib.util.find_spec 으로 찾는 최상위 모듈 이름 (함수 안의 import 포함)."""
    names = set()
    for path in (REPO / "sgns").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", getattr(node.func, "id", "")) == "find_spec"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(str(node.args[0].value).split(".")[0])
    return names - set(sys.stdlib_module_names) - {"sgns", "__future__"}


def test_every_module_sgns_needs_is_a_runtime_dependency():
    distributions = importlib.metadata.packages_distributions()
    needed = {}
    for module in imported_modules():
        assert module in distributions, f"sgns 가 쓰는 {module} 이(가) 이 환경에 설치되어 있지 않습니다"
        needed[module] = {canonicalize_name(d) for d in distributions[module]}
    missing = {m: d for m, d in needed.items() if not d & (DEPENDENCIES.keys() | OPTIONAL.keys())}
    assert missing == {}, f"pyproject.toml 의 dependencies (또는 optional-dependencies) 에 없음: {missing}"
    assert {"numpy", "koreanize-matplotlib", "gensim"} <= set().union(*needed.values())  # 검사가 헛돌지 않음


def test_runtime_dependencies_hold_no_course_tooling():
    tooling = {"jupyterlab", "ipykernel", "nbval", "papermill", "pytest", "pytest-xdist", "ruff", "hypothesis"}
    assert not tooling & DEPENDENCIES.keys()


def test_student_install_holds_no_testing_tools_and_dev_builds_on_it():
    student = pins(("requirements.txt",))
    tooling = {"nbval", "papermill", "pytest", "pytest-xdist", "ruff", "hypothesis", "numba", "sphinx-revealjs"}
    assert not tooling & student.keys(), "시험·강의 도구는 requirements-dev.txt 에"
    assert {"jupyterlab", "ipykernel", "kiwipiepy", "numpy"} <= student.keys()  # 강의와 부록에 필요한 것
    dev = (REPO / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    assert "-r requirements.txt" in dev and not pins(("requirements-dev.txt",)).keys() & student.keys()


def test_every_runtime_dependency_is_pinned_and_the_pin_is_in_range():
    pinned = pins()
    for name, requirement in {**DEPENDENCIES, **OPTIONAL}.items():
        assert name in pinned, f"{name} 이(가) requirements.txt 에 고정되어 있지 않습니다"
        assert requirement.specifier.contains(pinned[name]), f"{name}=={pinned[name]} 가 {requirement} 밖입니다"


def test_installed_versions_are_the_pinned_ones():
    for name, version in pins().items():
        assert importlib.metadata.version(name) == version, name


def test_python_version_pins_are_one_tested_version_in_environment_yml():
    environment = (REPO / "environment.yml").read_text(encoding="utf-8")
    assert len(re.findall(r"^\s*-\s*python=", environment, re.MULTILINE)) == 1
