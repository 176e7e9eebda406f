"""다른 Python 버전으로 만든 .venv 는 다음 make setup 이 알아보고 다시 만듭니다 (이 컴퓨터에 있는 진짜 Python 으로).

작은 시험용 프로젝트(tests/setup_helpers.tiny_project)에서 실제 `make setup` 을 실행합니다.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from setup_helpers import (
    default_python,
    has_pip,
    make,
    other_supported_python,
    python_version,
    stamp,
    tiny_project,
    unsupported_python,
)

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make 가 없습니다")


def minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def test_venv_from_an_unsupported_python_is_rebuilt_with_a_supported_one(tmp_path):
    old = unsupported_python()
    if old is None:
        pytest.skip("이 컴퓨터에 Python 3.10 이 없습니다")
    project = tiny_project(tmp_path)
    venv = project / ".venv"
    subprocess.run([old, "-m", "venv", str(venv)], check=True, capture_output=True)
    old_version = python_version(venv / "bin" / "python")

    result = make(project, "setup")  # PY 를 주지 않은 학생
    assert result.returncode == 0, result.stdout + result.stderr
    assert old_version in result.stdout  # 무엇이 문제였는지 말함
    new_version = python_version(venv / "bin" / "python")
    assert minor(new_version) in ("3.11", "3.12", "3.13")
    assert stamp(venv)["python"] == new_version and has_pip(venv)


def test_venv_from_another_supported_python_is_rebuilt_when_py_asks_for_a_different_one(tmp_path):
    default = default_python()
    other = other_supported_python(minor(python_version(default)))
    if other is None:
        pytest.skip("이 컴퓨터에 지원하는 Python 이 하나뿐입니다")
    project = tiny_project(tmp_path)
    venv = project / ".venv"
    assert make(project, "setup", f"PY={other}").returncode == 0
    other_version = python_version(venv / "bin" / "python")
    assert minor(other_version) == minor(python_version(other))

    kept = make(project, "setup")  # PY 없이: 지원 버전이면 그대로 씀
    assert kept.returncode == 0 and kept.stdout == ""
    assert python_version(venv / "bin" / "python") == other_version

    switched = make(project, "setup", f"PY={default}")
    assert switched.returncode == 0, switched.stdout + switched.stderr
    assert other_version in switched.stdout
    assert python_version(venv / "bin" / "python") == python_version(default)
    assert stamp(venv)["python"] == python_version(default) and has_pip(venv)
