"""숨은 사례: 공개 사례만으로는 통과하는 답의 점수를 채점할 때 바꿉니다 (make grade HIDDEN=...).

답: 윈도우를 5 로 묶어 둔 skipgram_pairs. 공개 사례의 윈도우는 모두 5 이하라 통과하고, 예시 숨은 사례
(grading/hidden_cases_example.py 의 윈도우 7) 에서 틀립니다. Makefile 의 grade 대상을 그대로 씁니다.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess

import nbformat
import pytest
from grade_fixtures import NOTEBOOK_01, SKIPGRAM_CAPPED_WINDOW, answer, student

from conftest import REPO
from sgns import checks

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make 가 없습니다")
EXERCISE = "nb01-skipgram-pairs"
HIDDEN = REPO / "grading" / "hidden_cases_example.py"


def _make_grade(submissions, out, *extra):
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", checks.HIDDEN_CASES_ENV_VAR)}
    args = ["make", "-s", "grade", f"SUBMISSIONS={submissions}", f"GRADE_OUT={out}", *extra]
    done = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    with (out / "grades.csv").open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    tests = json.loads((out / "results" / "capped" / "results.json").read_text(encoding="utf-8"))["tests"]
    return row, next(t for t in tests if t["number"] == EXERCISE)


def test_hidden_cases_lower_a_score_that_the_public_cases_alone_pass(tmp_path):
    submissions = tmp_path / "submissions"
    (submissions / "capped").mkdir(parents=True)
    nb = answer(student(NOTEBOOK_01), EXERCISE, SKIPGRAM_CAPPED_WINDOW)
    nbformat.write(nb, submissions / "capped" / "01_concept.ipynb")

    public_row, public_test = _make_grade(submissions, tmp_path / "public")
    hidden_row, hidden_test = _make_grade(submissions, tmp_path / "hidden", f"HIDDEN={HIDDEN}")

    points = checks.GRADING[EXERCISE].points
    assert public_row[EXERCISE] == str(points) and public_row[f"{EXERCISE} 상태"] == "통과"

    public_cases = len(checks.exercise(EXERCISE).make_cases())
    hidden_passed, hidden_total = 1, 2  # 윈도우 7 사례만 틀림 (모두 같은 단어인 사례는 맞음)
    expected = points * (public_cases + hidden_passed) / (public_cases + hidden_total)
    assert expected < points
    assert float(hidden_row[EXERCISE]) == pytest.approx(expected, abs=0.005)
    assert hidden_row[f"{EXERCISE} 상태"] == "틀림"
    assert hidden_test["score"] == pytest.approx(expected, abs=1e-4)

    raw = json.loads((tmp_path / "hidden" / "raw" / "capped.json").read_text(encoding="utf-8"))
    [capture] = [c for c in raw["notebooks"][0]["captures"] if c["record"]["exercise"] == EXERCISE]
    assert capture["record"]["hidden"] == {"passed": hidden_passed, "total": hidden_total}
    # 학생에게 보일 수 있는 Gradescope 안내: 숨은 사례에서 틀렸다는 것과 개수만, 그 입력은 보이지 않음
    assert f"숨은 사례 {hidden_passed}/{hidden_total}" in hidden_test["output"]
    assert "w11" not in hidden_test["output"] and "윈도우 7" not in hidden_test["output"]
    assert "w11" in capture["record"]["message"]  # (강사용 원자료에는 있음)


def test_a_broken_hidden_cases_file_stops_before_grading(tmp_path):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    nbformat.write(student(NOTEBOOK_01), submissions / "kim__01_concept.ipynb")
    bad = tmp_path / "hidden.py"
    bad.write_text("HIDDEN_CASES = {'nb99-nothing': []}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    args = ["make", "-s", "grade", f"SUBMISSIONS={submissions}", f"GRADE_OUT={tmp_path / 'out'}", f"HIDDEN={bad}"]
    done = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0 and "nb99-nothing" in done.stderr
    assert not (tmp_path / "out").exists()
