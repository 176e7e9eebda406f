"""Makefile 수준에서: 학생의 작업은 사라지지 않습니다.

- `make exercises` 를 두 번 (사이에 학생의 수정), 공백이 있는 한글 폴더 이름(WORK="내 작업")으로도.
- `make update` 를 진짜 임시 clone 에서 (.venv 없이, 네트워크 없이 로컬 "강의 저장소"에서).
- ZIP 으로 받은 사본(.git 없음)에서 `make student` 가 손으로 고친 student/ 파일을 덮어쓰지 않습니다.
"""

import os
import shutil
import subprocess
import time

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make 가 없습니다")


def make(*args, cwd=REPO):
    return subprocess.run(["make", "-s", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def git(repo, *args):
    command = ["git", "-c", "user.email=course@example.com", "-c", "user.name=Course", *args]
    subprocess.run(command, cwd=repo, check=True, capture_output=True)


def test_make_exercises_twice_keeps_the_students_edit(tmp_path):
    work = tmp_path / "my-work"
    first = make("exercises", f"WORK={work}")
    assert first.returncode == 0, first.stderr
    copied = sorted(p.name for p in work.glob("*.ipynb"))
    assert copied == sorted(p.name for p in (REPO / "student").glob("*.ipynb"))
    assert first.stdout.count("복사했습니다") == len(copied)

    mine = work / copied[0]
    edited = mine.read_text(encoding="utf-8").replace("raise NotImplementedError()", "return 42  # 내 답")
    mine.write_text(edited, encoding="utf-8")
    (work / copied[1]).unlink()  # 학생이 지운 노트북은 다시 받습니다

    second = make("exercises", f"WORK={work}")
    assert second.returncode == 0, second.stderr
    assert mine.read_text(encoding="utf-8") == edited
    assert f"그대로 두었습니다: {mine}" in second.stdout
    assert f"복사했습니다: {work / copied[1]}" in second.stdout


def test_make_exercises_with_a_space_in_the_folder_name(tmp_path):
    work = tmp_path / "내 작업"
    result = make("exercises", f"WORK={work}")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in work.glob("*.ipynb")) == sorted(p.name for p in (REPO / "student").glob("*.ipynb"))
    assert not (tmp_path / "내").exists()
    assert f"{work}/ 에서 연습문제를 푸세요" in result.stdout


def test_work_and_backup_folders_are_ignored_by_git():
    for path in ("my-work/01_concept.ipynb", "backups/2026-01-01_000000/student/01_concept.ipynb"):
        result = subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO)
        assert result.returncode == 0, f"{path} 가 .gitignore 에 없어서 git pull 과 충돌할 수 있습니다"


def course_copy(target):
    """지금 작업 트리의 Makefile, tools/, 노트북으로 만든 작은 강의 저장소 (.venv 없음)."""
    target.mkdir()
    for name in ("Makefile", ".gitignore", "requirements.txt", "pyproject.toml"):
        shutil.copy2(REPO / name, target / name)
    for folder in ("tools", "notebooks", "student"):
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for path in (target / "student").glob("*.ipynb"):
        path.chmod(0o644)
    return target


def test_make_update_in_a_real_clone_keeps_work_and_backs_up_edits(tmp_path):
    upstream = course_copy(tmp_path / "course")
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", ".")
    git(upstream, "commit", "-q", "-m", "course")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))

    first = make("update", "WORK=내 작업", cwd=clone)
    assert first.returncode == 0, first.stderr
    assert "이미 최신" in first.stdout
    work = clone / "내 작업"
    names = sorted(p.name for p in (clone / "student").glob("*.ipynb"))
    assert sorted(p.name for p in work.glob("*.ipynb")) == names
    mine = work / names[0]
    mine.write_text(mine.read_text(encoding="utf-8").replace("raise NotImplementedError()", "return 42"), "utf-8")
    my_files = {p.name: p.read_bytes() for p in work.glob("*.ipynb")}

    lecture = upstream / "notebooks" / names[0]  # 강사가 노트북을 고치고 학생판을 다시 만듦
    lecture.write_text(lecture.read_text(encoding="utf-8").replace("학습 목표", "학습 목표 (고침)", 1), "utf-8")
    regenerate = subprocess.run([REPO / ".venv" / "bin" / "python", "tools/make_student.py"], cwd=upstream)
    assert regenerate.returncode == 0
    git(upstream, "commit", "-q", "-am", "course update")
    changed = upstream / "student" / names[0]
    autosaved = clone / "student" / names[1]
    autosaved.chmod(0o644)
    autosaved.write_text(autosaved.read_text(encoding="utf-8") + " ", encoding="utf-8")
    autosaved_bytes = autosaved.read_bytes()

    second = make("update", "WORK=내 작업", cwd=clone)
    assert second.returncode == 0, second.stderr
    assert {p.name: p.read_bytes() for p in work.glob("*.ipynb") if p.name in my_files} == my_files
    assert (work / f"{mine.stem}.새버전.ipynb").read_bytes() == changed.read_bytes()
    (backup,) = (clone / "backups").iterdir()
    assert (backup / "student" / names[1]).read_bytes() == autosaved_bytes
    assert (clone / "student" / names[0]).read_bytes() == changed.read_bytes()
    status = ["git", "status", "--porcelain", "--", "student", "notebooks"]
    assert subprocess.run(status, cwd=clone, capture_output=True, text=True).stdout == ""


def test_make_student_in_a_zip_download_refuses_to_overwrite_a_hand_edit(tmp_path):
    download = course_copy(tmp_path / "course")  # .git 없음
    stamp = download / ".venv-ok"
    stamp.touch()
    old = time.time() - 3600
    for name in ("requirements.txt", "pyproject.toml"):
        os.utime(download / name, (old, old))
    edited_path = sorted((download / "student").glob("*.ipynb"))[0]
    edited = edited_path.read_text(encoding="utf-8").replace("raise NotImplementedError()", "return 42  # 내 답")
    edited_path.write_text(edited, encoding="utf-8")

    result = make("student", f"BIN={REPO / '.venv' / 'bin'}", f"STAMP={stamp.name}", cwd=download)
    assert result.returncode != 0
    assert edited_path.name in result.stderr and "덮어쓰지 않았습니다" in result.stderr
    assert "새로 썼습니다" not in result.stdout
    assert edited_path.read_text(encoding="utf-8") == edited
