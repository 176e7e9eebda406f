"""새로 받은 저장소에서 `make exercises` 두 개를 동시에 시작해도 둘 다 성공합니다. 학생용 설치에는 시험 도구가 없습니다.

하나가 .venv 를 설치하는 동안 다른 하나는 잠금 앞에서 기다렸다가, 다 만들어진 .venv 를 그대로 씁니다.

git 이 추적하는 파일만 임시 폴더로 복사한 새 저장소에서, requirements 파일과 pyproject.toml 만 인터넷 없이
설치되는 작은 것으로 바꿔 (tests/setup_helpers.use_tiny_install) 처음부터 설치합니다. 진짜 requirements 로
처음부터 설치하는 것은 CI 가 새로 받은 저장소에서 make test 로 합니다 (.venv 를 만들고 모두 설치). 학생용 묶음
(requirements.txt) 에 무엇이 들어가는지는 아래 ``test_student_requirements_leave_out_the_test_and_lecture_tools`` 가
그 고정 버전 그대로인 이 .venv 의 패키지 메타데이터로 따라가 봅니다.
"""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from setup_helpers import TINY_ENV, clean_env, fresh_copy, has_pip, python_version, stamp, use_tiny_install

from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make 가 없습니다")


def test_two_concurrent_make_exercises_on_a_fresh_clone_both_succeed(tmp_path):
    clone = fresh_copy(tmp_path)
    assert not (clone / ".venv").exists()
    use_tiny_install(clone)
    works = [tmp_path / "work-a", tmp_path / "work-b"]
    processes = [
        subprocess.Popen(
            ["nice", "-n", "10", "make", "-s", "exercises", f"WORK={work}"],
            cwd=clone,
            env=clean_env(**TINY_ENV),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for work in works
    ]
    results = [process.communicate(timeout=900) for process in processes]
    for process, (out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, out + err
        assert "No module named pip" not in err
    students = sorted(p.name for p in (clone / "student").glob("*.ipynb"))
    for work in works:
        assert sorted(p.name for p in work.glob("*.ipynb")) == students

    venv = clone / ".venv"
    assert has_pip(venv) and stamp(venv)["python"] == python_version(venv / "bin" / "python")
    assert stamp(venv)["profile"] == "student"  # 학생의 설치는 requirements.txt 만 (requirements-dev.txt 는 make test)


def _requirement_lines(path) -> list[Requirement]:
    lines = [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [Requirement(line) for line in lines if line and not line.startswith("-")]


def _installed_closure(requirements: list[Requirement]) -> set[str]:
    """requirements 와 그 의존성 (이 .venv 에 설치된 메타데이터로, 이 컴퓨터의 환경 표지와 extra 를 따라감)."""
    found: set[str] = set()
    todo = [(r, "") for r in requirements]
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        key = (name, frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        found.add(name)
        for line in importlib.metadata.distribution(name).requires or []:
            todo.extend((Requirement(line), e) for e in ("", *requirement.extras))
    return found


def test_student_requirements_leave_out_the_test_and_lecture_tools():
    """학생용 설치 (make setup: requirements.txt 와 이 패키지) 에는 강의에 필요한 것이 있고 시험·강의 도구는 없습니다.

    requirements-dev.txt 로 설치한 이 .venv 에는 고정한 버전 그대로 모두 있으므로, 그 메타데이터로 학생용 묶음이
    끌어오는 패키지를 모두 따라갈 수 있습니다 (pip 이 설치할 것과 같음).
    """
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    student = _installed_closure([*_requirement_lines(REPO / "requirements.txt"), *map(Requirement, dependencies)])
    assert {"jupyterlab", "ipykernel", "numpy", "gensim", "kiwipiepy", "matplotlib"} <= student
    assert not student & {"pytest", "nbval", "numba", "sphinx", "papermill", "ruff"}, student
    dev = _installed_closure(_requirement_lines(REPO / "requirements-dev.txt"))
    assert {"pytest", "nbval", "numba", "sphinx", "papermill"} <= dev
