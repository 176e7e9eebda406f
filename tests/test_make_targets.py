"""Makefile 수준에서: 학생의 작업은 사라지지 않습니다 (`make exercises` 를 두 번, 사이에 학생의 수정)."""

import shutil
import subprocess

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make 가 없습니다")


def make(*args):
    return subprocess.run(["make", "-s", *args], cwd=REPO, capture_output=True, text=True, timeout=600)


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


def test_work_folder_is_ignored_by_git():
    result = subprocess.run(["git", "check-ignore", "-q", "my-work/01_concept.ipynb"], cwd=REPO)
    assert result.returncode == 0, "my-work/ 가 .gitignore 에 없어서 git pull 과 충돌할 수 있습니다"
