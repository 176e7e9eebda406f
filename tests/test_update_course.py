"""`make update` (tools/update_course.py): 진짜 git 저장소 두 개(강의 "upstream" 과 학생의 clone)로, 네트워크 없이.

확인하는 것: 고친 학생판은 backups/ 에 그대로 남고, 업데이트가 들어오고, my-work/ 의 파일은 바이트 하나 바뀌지
않습니다. 업데이트를 받을 수 없으면 (네트워크, 갈라진 역사, 막는 파일, ZIP, git 거절) 아무 파일도 바꾸지 않습니다.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import make_student
import nbformat
import pytest
import start_exercises
from course_files import is_read_only
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import REPO

TOOL = REPO / "tools" / "update_course.py"
FORBIDDEN = ("clean", "reset", "stash")


def git(repo, *args):
    result = subprocess.run(
        ["git", "-c", "user.email=course@example.com", "-c", "user.name=Course", *args],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def notebook_text(title, code="raise NotImplementedError()"):
    nb = new_notebook(cells=[new_markdown_cell(f"# {title}"), new_code_cell(code)])
    return nbformat.writes(nb) + "\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.chmod(0o644)
    path.write_text(text, encoding="utf-8")


def write_record(repo):
    """student/.generated.json: 실제 저장소처럼 학생판의 해시 기록을 함께 커밋합니다."""
    planned = {path: path.read_text(encoding="utf-8") for path in sorted((repo / "student").glob("*.ipynb"))}
    write(repo / "student" / make_student.RECORD_NAME, make_student.record_text(planned))


@pytest.fixture
def upstream(tmp_path):
    repo = tmp_path / "course"
    write(repo / ".gitignore", "my-work/\nbackups/\n")
    write(repo / "README.md", "강의\n")
    write(repo / "notebooks" / "01_concept.ipynb", notebook_text("1. 개념", "answer = 42"))
    write(repo / "student" / "01_concept.ipynb", notebook_text("1. 개념"))
    write(repo / "student" / "02_softmax.ipynb", notebook_text("2. softmax"))
    write_record(repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "course v1")
    return repo


@pytest.fixture
def clone(upstream, tmp_path):
    """학생의 clone: my-work/ 에 푼 답이 있고, JupyterLab 자동 저장이 student/ 와 notebooks/ 를 고쳐 놓은 상태."""
    student = tmp_path / "student-clone"
    git(tmp_path, "clone", "-q", str(upstream), str(student))
    assert start_exercises.main(["--src", str(student / "student"), "--dst", str(student / "my-work")]) == 0
    write(student / "my-work" / "01_concept.ipynb", notebook_text("1. 개념", "내_답 = 1"))
    write(student / "my-work" / "메모.txt", "내 메모\n")
    write(student / "student" / "01_concept.ipynb", notebook_text("1. 개념", "자동 저장된 시도"))
    write(student / "notebooks" / "01_concept.ipynb", notebook_text("1. 개념", "answer = 42  # 실행해 봄"))
    return student


def publish_update(upstream):
    """강의가 student/01 을 고치고 03 을 더합니다."""
    write(upstream / "student" / "01_concept.ipynb", notebook_text("1. 개념 (고침)"))
    write(upstream / "student" / "03_sampling.ipynb", notebook_text("3. 샘플링"))
    write_record(upstream)
    git(upstream, "add", ".")
    git(upstream, "commit", "-q", "-m", "course v2")


def files(folder):
    """작업 폴더의 파일 내용 (.git/ 은 빼고: fetch 는 .git/ 만 바꿉니다)."""
    paths = (p for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.relative_to(folder).parts)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in paths}


def logging_git(folder):
    """실행된 git 명령을 적어 두고 진짜 git 을 부르는 가짜 git (PATH 앞에 둠)."""
    folder.mkdir()
    real = shutil.which("git")
    script = folder / "git"
    script.write_text(f'#!/bin/sh\necho "$@" >> "{folder / "log"}"\nexec "{real}" "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return folder


def update(repo, *args, path_prefix=None):
    env = dict(os.environ)
    if path_prefix is not None:
        env["PATH"] = f"{path_prefix}{os.pathsep}{env['PATH']}"
    return subprocess.run([sys.executable, str(TOOL), *args], cwd=repo, capture_output=True, text=True, env=env)


def test_update_backs_up_edits_lands_the_update_and_keeps_my_work(upstream, clone, tmp_path):
    publish_update(upstream)
    my_work = files(clone / "my-work")
    edited_student = (clone / "student" / "01_concept.ipynb").read_bytes()
    edited_instructor = (clone / "notebooks" / "01_concept.ipynb").read_bytes()
    log = logging_git(tmp_path / "bin")

    result = update(clone, path_prefix=log)
    assert result.returncode == 0, result.stderr

    backups = list((clone / "backups").iterdir())
    assert len(backups) == 1
    assert (backups[0] / "student" / "01_concept.ipynb").read_bytes() == edited_student
    assert (backups[0] / "notebooks" / "01_concept.ipynb").read_bytes() == edited_instructor
    assert git(clone, "rev-parse", "HEAD") == git(upstream, "rev-parse", "HEAD")
    assert git(clone, "status", "--porcelain") == ""
    new_version = (upstream / "student" / "01_concept.ipynb").read_bytes()
    assert (clone / "student" / "01_concept.ipynb").read_bytes() == new_version

    after = files(clone / "my-work")
    changed = {name for name in my_work if after[name] != my_work[name]}
    assert changed == {start_exercises.SOURCES}  # 학생의 파일은 바이트 하나 안 바뀜 (복사 기록만 갱신)
    assert after["01_concept.새버전.ipynb"] == new_version
    assert set(after) - set(my_work) == {"01_concept.새버전.ipynb", "03_sampling.ipynb"}

    for path in [*(clone / "student").glob("*.ipynb"), *(clone / "notebooks").glob("*.ipynb")]:
        assert is_read_only(path), path
    assert "백업" in result.stdout and "새 버전" in result.stdout and "업데이트했습니다" in result.stdout
    commands = (log / "log").read_text().split("\n")
    assert not [c for c in commands if c.split(" ")[1:2] and set(c.split()) & set(FORBIDDEN)], commands


def test_already_up_to_date_changes_nothing(clone):
    before = files(clone)
    result = update(clone)
    assert result.returncode == 0, result.stderr
    assert "이미 최신" in result.stdout and "student/01_concept.ipynb" in result.stdout
    assert files(clone) == before
    assert not (clone / "backups").exists()


def stopped_without_changes(clone, result, *phrases):
    assert result.returncode == 1
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (clone / "backups").exists()


def test_no_network_changes_nothing(upstream, clone):
    publish_update(upstream)
    git(clone, "remote", "set-url", "origin", str(upstream.parent / "unreachable"))
    before = files(clone)
    result = update(clone)
    stopped_without_changes(clone, result, "받아 오지 못했습니다", "아무 파일도 바꾸지 않았습니다")
    assert files(clone) == before


def test_diverged_history_changes_nothing(upstream, clone):
    publish_update(upstream)
    write(clone / "내_노트.md", "직접 커밋\n")
    git(clone, "add", "내_노트.md")
    git(clone, "commit", "-q", "-m", "mine")
    before = files(clone)
    result = update(clone)
    stopped_without_changes(clone, result, "직접 만든 커밋이 1개", "git clone")
    assert files(clone) == before


def test_edited_file_outside_the_course_folders_blocks_before_anything_changes(upstream, clone):
    write(upstream / "README.md", "강의 (고침)\n")
    publish_update(upstream)
    write(clone / "README.md", "내가 고친 README\n")
    before = files(clone)
    result = update(clone)
    stopped_without_changes(clone, result, "README.md", "아무 파일도 바꾸지 않았습니다")
    assert files(clone) == before


def test_zip_download_is_told_to_copy_my_work(clone, tmp_path_factory):
    download = tmp_path_factory.mktemp("download") / "course"
    shutil.copytree(clone, download, ignore=shutil.ignore_patterns(".git"))
    before = files(download)
    result = update(download)
    stopped_without_changes(download, result, "git 으로 받은 강의 저장소가 아니라서", "ZIP", "my-work/")
    assert files(download) == before


def test_dubious_ownership_explains_safe_directory(clone, tmp_path):
    fake = tmp_path / "fake-bin"
    fake.mkdir()
    (fake / "git").write_text(
        f"#!/bin/sh\necho \"fatal: detected dubious ownership in repository at '{clone}'\" >&2\nexit 128\n",
        encoding="utf-8",
    )
    (fake / "git").chmod(0o755)
    before = files(clone)
    result = update(clone, path_prefix=fake)
    stopped_without_changes(clone, result, "dubious ownership", "safe.directory")
    assert files(clone) == before
