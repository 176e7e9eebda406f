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
# 시험용 프로젝트는 인터넷 없이 설치됩니다: 빌드 도구를 받지 않는 저장소 안의 백엔드 (tiny_backend.py) 와
# pip 이 색인에 묻지 않게 하는 환경 변수 (TINY_ENV). 진짜 requirements 로 처음부터 설치하는 것은 CI 의 make test
# 가 합니다 (새로 받은 저장소에서 .venv 를 만듦).
TINY_PYPROJECT = """[build-system]
requires = []
build-backend = "tiny_backend"
backend-path = ["."]

[project]
name = "tiny-course"
version = "0"
"""
TINY_BACKEND = '''"""시험용 빌드 백엔드 (PEP 517/660): 메타데이터뿐인 wheel 을 만듭니다. 표준 라이브러리만 씁니다."""

import base64
import hashlib
import zipfile
from pathlib import Path

DIST_INFO = "tiny_course-0.dist-info"
FILES = {
    f"{DIST_INFO}/METADATA": "Metadata-Version: 2.1\\nName: tiny-course\\nVersion: 0\\n",
    f"{DIST_INFO}/WHEEL": "Wheel-Version: 1.0\\nGenerator: tiny_backend\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}


def _hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name = "tiny_course-0-py3-none-any.whl"
    record = []
    with zipfile.ZipFile(Path(wheel_directory) / name, "w") as wheel:
        for path, text in FILES.items():
            data = text.encode()
            wheel.writestr(path, data)
            record.append(f"{path},{_hash(data)},{len(data)}")
        record.append(f"{DIST_INFO}/RECORD,,")
        wheel.writestr(f"{DIST_INFO}/RECORD", "\\n".join(record) + "\\n")
    return name


build_editable = build_wheel
'''
# pip 은 색인(PyPI)에 묻지 않습니다: 설치할 것은 백엔드가 만든 wheel 뿐이고, pip 업그레이드는 이미 있는 것으로 끝남
TINY_ENV = {"PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
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
    use_tiny_install(root)
    return root


def use_tiny_install(root: Path) -> None:
    """root 의 requirements 파일과 pyproject.toml 을 설치할 것이 없는 작은 것으로 바꿉니다 (인터넷 없이 설치)."""
    (root / "requirements.txt").write_text("# 시험용: 설치할 것 없음\n", encoding="utf-8")
    (root / "requirements-dev.txt").write_text("-r requirements.txt\n", encoding="utf-8")
    (root / "pyproject.toml").write_text(TINY_PYPROJECT, encoding="utf-8")
    (root / "tiny_backend.py").write_text(TINY_BACKEND, encoding="utf-8")


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
    """시험용 프로젝트(tiny_project)에서 make 를 실행합니다 (기본 환경: pip 이 색인에 묻지 않음)."""
    return subprocess.run(
        ["make", "-s", *args],
        cwd=root,
        env=env or clean_env(**TINY_ENV),
        capture_output=True,
        text=True,
        timeout=timeout,
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
