"""Google Colab: 학생판 노트북마다 맨 위의 배지와 Colab 에서만 설치하는 셀, README 의 배지, 그리고 Colab 이 설치할
패키지(저장소에서 만든 휠)가 혼자서 완전한지.

설치 셀은 Colab 을 흉내 내어 실행합니다 (pip 명령은 실행하지 않고 붙잡음). 네트워크는 쓰지 않습니다.
"""

from __future__ import annotations

import copy
import importlib.util
import os
import subprocess
import sys
import types
import zipfile

import colab
import nbformat
import pytest
from packaging.requirements import Requirement

from conftest import NOTEBOOKS, REPO, STUDENT_NOTEBOOKS


@pytest.fixture
def not_colab(monkeypatch):
    monkeypatch.delenv("COLAB_RELEASE_TAG", raising=False)
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)


class PipCalls(list):
    """붙잡은 명령들. returncode 는 가짜 pip 이 돌려줄 종료 코드."""

    returncode = 0


@pytest.fixture
def pip_calls(monkeypatch):
    """subprocess.run 을 붙잡아 명령만 기록합니다 (실행하지 않음)."""
    calls = PipCalls()

    def fake_run(command, *args, **kwargs):
        calls.append(list(command))
        return subprocess.CompletedProcess(command, calls.returncode)

    monkeypatch.setattr(subprocess, "run", fake_run)
    return calls


@pytest.fixture
def sgns_missing(monkeypatch):
    """Colab 의 새 런타임처럼 sgns 가 아직 설치되어 있지 않은 척합니다."""
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "sgns" else real(name, *a))


def run_setup_cell() -> dict:
    namespace: dict = {}
    exec(compile(colab.setup_cell_source(), "<colab-setup>", "exec"), namespace)
    return namespace


def expected_command() -> list[str]:
    return [sys.executable, "-m", "pip", "install", "--quiet", colab.pip_requirement()]


def test_setup_cell_does_nothing_outside_colab(not_colab, pip_calls, sgns_missing, capsys):
    namespace = run_setup_cell()
    assert namespace["ON_COLAB"] is False
    assert pip_calls == []
    assert capsys.readouterr() == ("", "")  # papermill 로 실행하는 학생판 테스트의 출력에 아무것도 더하지 않음


def test_setup_cell_in_a_real_python_outside_colab_prints_nothing():
    env = {k: v for k, v in os.environ.items() if k != "COLAB_RELEASE_TAG"}
    result = subprocess.run(
        [sys.executable, "-c", colab.setup_cell_source()], env=env, capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_setup_cell_installs_the_course_package_on_colab_by_env_var(monkeypatch, pip_calls, sgns_missing, capsys):
    monkeypatch.setenv("COLAB_RELEASE_TAG", "release-colab-external_20260101-060000_RC00")
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    run_setup_cell()
    assert pip_calls == [expected_command()]
    assert capsys.readouterr().out != ""  # 설치한다고 알림


def test_setup_cell_detects_colab_by_its_module(monkeypatch, pip_calls, sgns_missing):
    monkeypatch.delenv("COLAB_RELEASE_TAG", raising=False)
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    run_setup_cell()
    assert pip_calls == [expected_command()]


def test_setup_cell_skips_install_when_the_package_is_already_there(monkeypatch, pip_calls):
    monkeypatch.setenv("COLAB_RELEASE_TAG", "release")
    run_setup_cell()  # sgns 는 이 테스트 환경에 설치되어 있음
    assert pip_calls == []


def test_failed_install_stops_with_a_message_not_a_traceback(monkeypatch, pip_calls, sgns_missing):
    monkeypatch.setenv("COLAB_RELEASE_TAG", "release")
    pip_calls.returncode = 1
    with pytest.raises(SystemExit) as stopped:
        run_setup_cell()
    assert isinstance(stopped.value.code, str) and "❌" in stopped.value.code


def test_pip_requirement_points_at_the_course_repository():
    requirement = Requirement(colab.pip_requirement())
    assert requirement.name == "sgns"
    assert requirement.url == f"git+{colab.REPO_URL}.git@{colab.BRANCH}"


def test_colab_url_opens_the_student_notebook_on_the_branch():
    owner_repo = colab.REPO_URL.removeprefix("https://github.com/")
    assert colab.colab_url("01_concept.ipynb") == (
        f"https://colab.research.google.com/github/{owner_repo}/blob/{colab.BRANCH}/student/01_concept.ipynb"
    )


def test_repo_url_must_be_a_github_repository(monkeypatch):
    monkeypatch.setattr(colab, "REPO_URL", "https://example.com/course")
    with pytest.raises(ValueError, match="REPO_URL"):
        colab.colab_url("01_concept.ipynb")


# ---- 노트북에 넣기 -------------------------------------------------------------------------------


def small_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 제목", id="c00"), nbformat.v4.new_code_cell("x = 1", id="c01")]
    return nb


def test_with_colab_cell_returns_a_copy_and_is_idempotent():
    nb = small_notebook()
    before = copy.deepcopy(nb)
    once = colab.with_colab_cell(nb, "03_x.ipynb")
    assert nb == before  # 입력은 그대로
    assert once.cells[2:] == nb.cells
    assert [c.cell_type for c in once.cells[:2]] == ["markdown", "code"]
    assert colab.colab_url("03_x.ipynb") in once.cells[0].source
    assert once.cells[1].source == colab.setup_cell_source()
    assert colab.with_colab_cell(once, "03_x.ipynb") == once
    assert colab.without_colab_cell(once) == nb


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=[p.name for p in STUDENT_NOTEBOOKS])
def test_every_student_notebook_opens_with_its_badge_and_the_setup_cell(path):
    nb = nbformat.read(path, as_version=4)
    badge, setup = nb.cells[:2]
    assert badge.cell_type == "markdown" and colab.badge_markdown(path.name) in badge.source
    assert setup.cell_type == "code" and setup.source == colab.setup_cell_source()
    assert sum(colab.is_colab_cell(c) for c in nb.cells) == 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_instructor_notebooks_carry_no_colab_cell(path):
    nb = nbformat.read(path, as_version=4)
    assert not any(colab.is_colab_cell(c) for c in nb.cells)
    assert "colab.research.google.com" not in path.read_text(encoding="utf-8")


def test_readme_has_one_colab_badge_per_student_notebook():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path in STUDENT_NOTEBOOKS:
        assert readme.count(colab.badge_markdown(path.name)) == 1, path.name
    assert readme.count("colab.research.google.com/github/") == len(STUDENT_NOTEBOOKS)


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=[p.name for p in STUDENT_NOTEBOOKS])
def test_student_notebooks_do_not_depend_on_the_working_folder(path):
    """Colab 에서는 작업 폴더가 /content 이고 저장소가 없습니다: 자료와 패키지는 설치된 sgns 기준으로 찾아야 합니다."""
    code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    for pattern in ("../", "sys.path", "os.chdir", "%cd"):
        assert pattern not in code, f"{path.name}: {pattern!r}"


# ---- Colab 이 설치할 패키지 ------------------------------------------------------------------------


def test_package_built_from_a_clean_copy_is_complete_and_works_from_any_folder(tmp_path):
    """저장소에서 만든 휠(Colab 의 pip 이 git 주소로 만드는 것과 같음)에 sgns 의 모든 파일이 들어 있고,
    다른 작업 폴더에서 import 해도 자료를 패키지 기준으로 찾는지."""
    files = subprocess.run(
        ["git", "ls-files", "sgns", "pyproject.toml"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    source = tmp_path / "source"
    for name in files:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes((REPO / name).read_bytes())
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("sgns-*.whl")
    packaged = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in files if name.startswith("sgns/") and name not in packaged]
    assert missing == []

    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    code = (
        "import sgns, sgns.data, sgns.plotting; "
        "print(sgns.__file__); print(len(sgns.data.load_head500())); print(sgns.plotting.korean_font_path().name)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    where, sentences, font = result.stdout.split()
    assert where.startswith(str(target))  # 저장소가 아니라 설치된 패키지
    assert int(sentences) > 0 and font == "NanumGothic.ttf"
