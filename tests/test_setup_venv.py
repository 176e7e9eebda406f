"""make setup 이 .venv 를 스스로 고치는지: pip 없는 .venv, 중간에 멈춘 설치, 바뀐 requirements, 지원하지 않는 PY.

`make setup` 을 실제로 실행합니다. 이 저장소의 Makefile 과 설치 도구를 그대로 쓰고, 설치할 패키지가 없는
작은 pyproject.toml 로 바꾼 임시 프로젝트에서 인터넷 없이 돌려 빠르게 합니다 (tests/setup_helpers.tiny_project).
진짜 requirements 로 처음부터 설치하는 것은 CI 가 새로 받은 저장소에서 make test 로 합니다.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import ensure_venv
import pytest
from ensure_venv import Plan, VenvState, decide
from setup_helpers import (
    clean_env,
    default_python,
    has_pip,
    make,
    python_version,
    stamp,
    tiny_project,
    unsupported_python,
)

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make 가 없습니다")

DIGEST = "d" * 64
GOOD_STAMP = {"format": ensure_venv.STAMP_FORMAT, "python": "3.11.7", "inputs": DIGEST}


# ---- 무엇을 할지 정하는 규칙 (순수 함수) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "python_version", "requested", "action"),
    [
        (VenvState(exists=False), "3.11.7", False, "create"),
        (VenvState(exists=True, version=None, stamp=GOOD_STAMP), "3.11.7", False, "rebuild"),  # Python 이 실행 안 됨
        (VenvState(exists=True, version="3.10.13", has_pip=True, stamp=None), "3.11.7", False, "rebuild"),
        (VenvState(exists=True, version="3.11.7", has_pip=True, stamp=GOOD_STAMP), "3.12.1", True, "rebuild"),
        (VenvState(exists=True, version="3.11.7", has_pip=True, stamp=GOOD_STAMP), "3.12.1", False, "ok"),
        (VenvState(exists=True, version="3.11.7", has_pip=True, stamp=GOOD_STAMP), "3.11.9", True, "ok"),
        (VenvState(exists=True, version="3.11.7", has_pip=False, stamp=GOOD_STAMP), "3.11.7", False, "rebuild"),
        (VenvState(exists=True, version="3.11.7", has_pip=True, stamp=None), "3.11.7", False, "rebuild"),
        (VenvState(exists=True, version="3.11.7", has_pip=True, stamp={}), "3.11.7", False, "install"),
        (VenvState(exists=True, version="3.11.7", has_pip=True, stamp={**GOOD_STAMP, "inputs": "x"}), "3.11.7", False,
         "install"),
        (VenvState(exists=True, version="3.11.9", has_pip=True, stamp=GOOD_STAMP), "3.11.9", False, "install"),
        (VenvState(exists=True, version="3.11.7", has_pip=True, stamp=GOOD_STAMP), "3.11.7", False, "ok"),
    ],
)
def test_plan(state, python_version, requested, action):
    plan = decide(state, python_version, requested, DIGEST)
    assert plan.action == action
    assert (plan.reason != "") == (action in ("rebuild", "install"))  # 다시 만들거나 설치하면 이유를 말함


@pytest.mark.parametrize(
    ("installed", "wanted", "action"),
    [
        ("student", "student", "ok"),
        ("student", "dev", "install"),  # 학생용 .venv 에 시험 도구를 더 설치 (지우지 않음)
        ("dev", "student", "ok"),  # dev 는 student 를 포함
        ("dev", "dev", "ok"),
        (None, "dev", "ok"),  # 묶음이 없는 옛 기록: 예전에는 모두 설치했음
    ],
)
def test_plan_for_profiles(installed, wanted, action):
    recorded = dict(GOOD_STAMP) if installed is None else {**GOOD_STAMP, "profile": installed}
    state = VenvState(exists=True, version="3.11.7", has_pip=True, stamp=recorded)
    assert decide(state, "3.11.7", False, DIGEST, profile=wanted).action == action


def test_rebuild_reason_names_the_old_version():
    plan = decide(VenvState(exists=True, version="3.10.13", has_pip=True, stamp=None), "3.11.7", False, DIGEST)
    assert plan == Plan("rebuild", plan.reason) and "3.10.13" in plan.reason


def test_quick_check_refuses_a_python_outside_the_venv(tmp_path):
    assert sys.prefix != str(tmp_path)
    assert not ensure_venv.quick_check(tmp_path, DIGEST)


def test_folder_that_is_not_a_venv_is_never_deleted(tmp_path):
    (tmp_path / "notes.txt").write_text("내 메모", encoding="utf-8")
    with pytest.raises(ensure_venv.SetupError, match="pyvenv.cfg"):
        ensure_venv.remove_venv(tmp_path)
    assert (tmp_path / "notes.txt").exists()


DEBIAN_WITHOUT_VENV = """#!/bin/sh
mkdir -p "$3/bin"
echo "The virtual environment was not created successfully because ensurepip is not"
echo "available.  On Debian/Ubuntu systems, you need to install the python3-venv"
echo "package using the following command."
echo ""
echo "    apt install python3.11-venv"
exit 1
"""


def test_python_without_its_venv_package_gets_the_apt_advice_and_leaves_no_venv(tmp_path):
    """Debian/Ubuntu 의 Python 에 python3.X-venv 가 없을 때 `python -m venv` 가 하는 일을 흉내 냅니다."""
    fake = tmp_path / "python3.11"
    fake.write_text(DEBIAN_WITHOUT_VENV, encoding="utf-8")
    fake.chmod(0o755)
    venv = tmp_path / ".venv"
    with pytest.raises(ensure_venv.SetupError) as stopped:
        ensure_venv.create_venv(venv, fake, "3.11.2")
    assert "sudo apt install python3.11-venv" in str(stopped.value)
    assert not venv.exists()  # 반쯤 만든 .venv 는 남기지 않음


# ---- 실제 make setup --------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    return tiny_project(tmp_path)


def output(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def test_fresh_setup_then_nothing_to_do_then_reinstall_then_rebuild_after_interruption(project):
    venv = project / ".venv"
    first = make(project, "setup")
    assert first.returncode == 0, output(first)
    version = python_version(venv / "bin" / "python")
    assert version == python_version(default_python())
    assert stamp(venv)["python"] == version and has_pip(venv)
    assert stamp(venv)["inputs"] == ensure_venv.inputs_digest(project)

    marker = venv / "marker"  # 다시 만들면 사라집니다
    marker.write_text("", encoding="utf-8")
    again = make(project, "setup")
    assert again.returncode == 0 and output(again) == ""  # 할 일이 없으면 조용히
    assert marker.exists()

    with (project / "requirements.txt").open("a", encoding="utf-8") as handle:
        handle.write("# 바뀐 줄\n")
    changed = make(project, "setup")
    assert changed.returncode == 0, output(changed)
    assert changed.stdout != "" and marker.exists()  # 알리고, 지우지 않고 그 자리에서 다시 설치
    assert stamp(venv)["inputs"] == ensure_venv.inputs_digest(project)

    assert stamp(venv)["profile"] == "student"  # make setup 은 학생에게 필요한 것만
    dev = make(project, "setup-dev")
    assert dev.returncode == 0, output(dev)
    assert dev.stdout != "" and marker.exists() and stamp(venv)["profile"] == "dev"  # 그 자리에서 더 설치
    assert make(project, "setup").stdout == "" and stamp(venv)["profile"] == "dev"  # dev 는 학생용도 만족: 조용히

    (venv / ".installed").unlink()  # 설치는 시작할 때 기록을 지우고 끝날 때 씁니다: 중간에 멈추면 이 상태
    interrupted = make(project, "setup")
    assert interrupted.returncode == 0, output(interrupted)
    assert ".venv" in interrupted.stdout and not marker.exists()  # 알리고, 지우고 다시 만듦
    assert stamp(venv)["python"] == python_version(venv / "bin" / "python") and has_pip(venv)


def test_venv_without_pip_is_rebuilt(project):
    venv = project / ".venv"
    subprocess.run([default_python(), "-m", "venv", "--without-pip", str(venv)], check=True)
    assert not has_pip(venv)
    result = make(project, "setup")
    assert result.returncode == 0, output(result)
    assert "pip" in result.stdout and ".venv" in result.stdout  # 이유를 말함
    assert has_pip(venv) and stamp(venv)["python"] == python_version(venv / "bin" / "python")


def test_unsupported_py_stops_before_anything_is_installed(project, tmp_path):
    py = unsupported_python()
    if py is None:  # 이 컴퓨터에 3.10 이 없으면 3.10 인 척하는 가짜로
        fake = tmp_path / "python3.10"
        fake.write_text('#!/bin/sh\necho "3.10.12 $0"\n', encoding="utf-8")
        fake.chmod(0o755)
        py = str(fake)
    result = make(project, "setup", f"PY={py}", timeout=60)
    assert result.returncode != 0
    assert "3.10." in result.stderr and "3.11" in result.stderr
    assert not (project / ".venv").exists() and not (project / "build").exists()  # venv 도 pip 도 실행되지 않음


def test_no_python_at_all_stops_with_install_help(project, tmp_path):
    bin_dir = tmp_path / "only-sh"
    bin_dir.mkdir()
    (bin_dir / "sh").symlink_to("/bin/sh")
    env = clean_env(PATH=str(bin_dir), HOME=str(tmp_path / "home"), PYENV_ROOT=str(tmp_path / "no-pyenv"))
    result = subprocess.run(
        [shutil.which("make"), "-s", "setup"], cwd=project, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "sudo apt install" in result.stderr and "brew install" in result.stderr
    assert not (project / ".venv").exists()
