"""설치(make setup) 테스트의 공통 도우미: 작은 시험용 프로젝트, 이 컴퓨터의 Python 찾기, make 실행."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
from pathlib import Path

from conftest import REPO

SETUP_TOOLS = ("find_python.sh", "ensure_venv.sh", "ensure_venv.py")
TINY_PYPROJECT = """[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "tiny-course"
version = "0"

[tool.setuptools]
py-modules = []
"""
# 바깥 make(make test) 가 물려주는 변수는 시험용 make 에 넘기지 않습니다.
DROPPED_ENV = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "PY", "VENV", "VIRTUAL_ENV")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    env.update(extra)
    return env


def tiny_project(parent: Path) -> Path:
    """이 저장소의 Makefile 과 설치 도구에, 설치할 것이 없는 작은 pyproject.toml 을 붙인 프로젝트."""
    root = parent / "course"
    (root / "tools").mkdir(parents=True)
    shutil.copy(REPO / "Makefile", root / "Makefile")
    for name in SETUP_TOOLS:
        shutil.copy(REPO / "tools" / name, root / "tools" / name)
    (root / "requirements.txt").write_text("# 시험용: 설치할 것 없음\n", encoding="utf-8")
    (root / "requirements-dev.txt").write_text("-r requirements.txt\n", encoding="utf-8")
    (root / "pyproject.toml").write_text(TINY_PYPROJECT, encoding="utf-8")
    return root


def fresh_copy(parent: Path) -> Path:
    """git 이 추적하는 파일만 복사한 새 저장소 (새로 clone 한 것과 같음: .venv, build/, my-work/ 없음)."""
    root = parent / "clone"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    for name in filter(None, files.split("\0")):
        source = REPO / name
        if source.is_file():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return root


def make(root: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 900):
    return subprocess.run(
        ["make", "-s", *args], cwd=root, env=env or clean_env(), capture_output=True, text=True, timeout=timeout
    )


def python_version(python: str | Path) -> str:
    """'3.12.1' (실행되지 않으면 '')."""
    result = subprocess.run(
        [str(python), "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], capture_output=True, text=True
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def default_python() -> str:
    """tools/find_python.sh 가 고르는 이 컴퓨터의 기본 Python."""
    return subprocess.run(
        ["sh", str(REPO / "tools" / "find_python.sh")], capture_output=True, text=True, check=True
    ).stdout.strip()


def other_supported_python(version: str) -> str | None:
    """version('3.11') 이 아닌 가장 새 지원 Python, 없으면 None."""
    result = subprocess.run(
        ["sh", str(REPO / "tools" / "find_python.sh"), "--newest-except", version], capture_output=True, text=True
    )
    return result.stdout.strip() if result.returncode == 0 else None


def unsupported_python() -> str | None:
    """이 컴퓨터에 있는 Python 3.10 (PATH 또는 pyenv), 없으면 None."""
    pyenv = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates = [shutil.which("python3.10"), *sorted(glob.glob(f"{pyenv}/versions/3.10*/bin/python3.10"))]
    for candidate in filter(None, candidates):
        if python_version(candidate).startswith("3.10."):
            return candidate
    return None


def stamp(venv: Path) -> dict:
    return json.loads((venv / ".installed").read_text(encoding="utf-8"))


def has_pip(venv: Path) -> bool:
    return subprocess.run([str(venv / "bin" / "python"), "-c", "import pip"], capture_output=True).returncode == 0
