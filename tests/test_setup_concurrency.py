"""새로 받은 저장소에서 `make exercises` 두 개를 동시에 시작해도 둘 다 성공합니다.

하나가 .venv 를 설치하는 동안 다른 하나는 잠금 앞에서 기다렸다가, 다 만들어진 .venv 를 그대로 씁니다.

git 이 추적하는 파일만 임시 폴더로 복사한 새 저장소에서, 진짜 requirements.txt 로 처음부터 설치합니다.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from setup_helpers import clean_env, fresh_copy, has_pip, python_version, stamp

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make 가 없습니다")


def test_two_concurrent_make_exercises_on_a_fresh_clone_both_succeed(tmp_path):
    clone = fresh_copy(tmp_path)
    assert not (clone / ".venv").exists()
    works = [tmp_path / "work-a", tmp_path / "work-b"]
    processes = [
        subprocess.Popen(
            ["nice", "-n", "10", "make", "-s", "exercises", f"WORK={work}"],
            cwd=clone,
            env=clean_env(),
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
    imported = subprocess.run([str(venv / "bin" / "python"), "-c", "import sgns, jupyterlab"], capture_output=True)
    assert imported.returncode == 0, imported.stderr
    # 학생의 설치에는 시험·강의 도구와 컴파일 엔진이 없습니다 (requirements-dev.txt 는 make test 가 설치)
    for tool in ("pytest", "nbval", "numba", "sphinx"):
        found = subprocess.run([str(venv / "bin" / "python"), "-c", f"import {tool}"], capture_output=True)
        assert found.returncode != 0, f"학생용 .venv 에 {tool} 이(가) 설치되었습니다"
    assert stamp(venv)["profile"] == "student"
