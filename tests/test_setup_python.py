"""tools/find_python.sh: 지원하는 Python(3.11-3.13)을 찾고, 없으면 설치 방법을 말합니다.

가짜 Python (버전만 출력하는 셸 스크립트)을 빈 PATH 에 두고 실행하므로, 이 컴퓨터에 어떤 Python 이 있는지와
상관없이 결과가 정해집니다. 지원 버전 목록이 저장소 곳곳에서 서로 같은지도 확인합니다.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import ensure_venv
import pytest
from packaging.specifiers import SpecifierSet

from conftest import REPO

FIND = REPO / "tools" / "find_python.sh"
SH = "/bin/sh"


def fake_python(folder: Path, name: str, version: str) -> Path:
    """`-c ...` 로 부르면 '버전 경로' 를 출력하는 가짜 Python (find_python.sh 의 검사에 답하는 만큼만)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "{version} $0"\n', encoding="utf-8")
    path.chmod(0o755)
    return path


def broken_shim(folder: Path, name: str) -> Path:
    """활성화되지 않은 pyenv shim 처럼: 실행하면 실패합니다."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "pyenv: {name}: command not found" >&2\nexit 127\n', encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def machine(tmp_path):
    """빈 컴퓨터: PATH 에는 bin/ 만, HOME 과 PYENV_ROOT 는 비어 있는 임시 폴더."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path / "home"), "PYENV_ROOT": str(tmp_path / "pyenv"), "LC_ALL": "C"}
    return bin_dir, tmp_path / "pyenv", env


def find(env, *args):
    return subprocess.run([SH, str(FIND), *args], env=env, capture_output=True, text=True, timeout=60)


def test_no_python_at_all_explains_what_works_and_how_to_get_it(machine):
    _, _, env = machine
    result = find(env)
    assert result.returncode == 1 and result.stdout == ""
    for version in ("3.11", "3.12", "3.13"):
        assert version in result.stderr
    for how in ("sudo apt install", "brew install", "WSL"):  # Ubuntu/Debian, macOS, Windows
        assert how in result.stderr


def test_only_an_unsupported_python_is_named_with_its_version(machine):
    bin_dir, _, env = machine
    fake_python(bin_dir, "python3", "3.10.12")
    result = find(env)
    assert result.returncode == 1
    assert "3.10.12" in result.stderr and "sudo apt install" in result.stderr


def test_versioned_names_come_first_in_the_order_of_supported_versions(machine):
    bin_dir, _, env = machine
    fake_python(bin_dir, "python3", "3.13.0")
    fake_python(bin_dir, "python3.13", "3.13.0")
    twelve = fake_python(bin_dir, "python3.12", "3.12.1")
    assert find(env).stdout.strip() == str(twelve)
    eleven = fake_python(bin_dir, "python3.11", "3.11.7")
    assert find(env).stdout.strip() == str(eleven)


def test_plain_python3_is_used_when_it_is_supported(machine):
    bin_dir, _, env = machine
    fake_python(bin_dir, "python3.10", "3.10.12")
    python3 = fake_python(bin_dir, "python3", "3.12.3")
    result = find(env)
    assert result.returncode == 0 and result.stdout.strip() == str(python3)


def test_requested_unsupported_python_stops_and_suggests_one_that_works(machine):
    bin_dir, _, env = machine
    fake_python(bin_dir, "python3.10", "3.10.12")
    fake_python(bin_dir, "python3.11", "3.11.7")
    result = find(env, "python3.10")
    assert result.returncode == 1 and result.stdout == ""
    assert "PY=python3.10" in result.stderr and "3.10.12" in result.stderr
    assert "PY=python3.11" in result.stderr


def test_requested_missing_python_stops(machine):
    _, _, env = machine
    result = find(env, "python3.12")
    assert result.returncode == 1 and "PY=python3.12" in result.stderr and "sudo apt install" in result.stderr


def test_inactive_pyenv_shim_is_resolved_to_the_installed_version(machine):
    bin_dir, pyenv, env = machine
    broken_shim(bin_dir, "python3.13")
    real = fake_python(pyenv / "versions" / "3.13.0" / "bin", "python3.13", "3.13.0")
    requested = find(env, "python3.13")
    assert requested.returncode == 0 and requested.stdout.strip() == str(real)
    assert find(env).stdout.strip() == str(real)  # 아무것도 고르지 않아도 pyenv 의 것을 찾음


def test_newest_other_supported_python_for_ci(machine):
    bin_dir, pyenv, env = machine
    fake_python(bin_dir, "python3.11", "3.11.7")
    assert find(env, "--newest-except", "3.11").returncode == 3  # 다른 지원 버전이 없음
    fake_python(bin_dir, "python3.10", "3.10.12")  # 지원하지 않는 버전은 후보가 아님
    assert find(env, "--newest-except", "3.11").returncode == 3
    twelve = fake_python(bin_dir, "python3.12", "3.12.1")
    thirteen = fake_python(pyenv / "versions" / "3.13.0" / "bin", "python3.13", "3.13.0")
    assert find(env, "--newest-except", "3.11").stdout.strip() == str(thirteen)
    assert find(env, "--newest-except", "3.13").stdout.strip() == str(twelve)


def test_unknown_option_is_refused(machine):
    _, _, env = machine
    result = find(env, "--newest")
    assert result.returncode == 2 and "--newest" in result.stderr


# ---- 지원 버전 목록이 한 가지인지 -------------------------------------------------------------


def supported_in_find_python() -> list[str]:
    match = re.search(r'^SUPPORTED="([^"]+)"', FIND.read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1).split()


def test_supported_versions_agree_everywhere():
    supported = supported_in_find_python()
    assert supported == [f"{major}.{minor}" for major, minor in ensure_venv.SUPPORTED]
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requires = SpecifierSet(project["requires-python"])
    assert all(f"{v}.0" in requires for v in supported)
    lowest = supported[0]
    assert f"3.{int(lowest.split('.')[1]) - 1}.99" not in requires  # 지원 이전 버전은 pip 도 거절
    classifiers = [c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if c.startswith("Programming Language")]
    assert classifiers == supported
    environment = (REPO / "environment.yml").read_text(encoding="utf-8")
    pinned = re.search(r"^\s*-\s*python=(\S+)\s*$", environment, re.MULTILINE).group(1)
    assert pinned in supported  # conda/Binder 는 시험한 버전 하나를 고정
    ruff = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["target-version"]
    assert ruff == "py" + lowest.replace(".", "")
