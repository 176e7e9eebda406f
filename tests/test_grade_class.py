"""make grade 로 작은 반 하나를 채점합니다: 점수표, 실수별 학생 수, Gradescope JSON 이 제출물마다 받을 만한 값인지.

반 (학생마다 하위 폴더, 한 명은 학생__노트북.ipynb 파일 이름 배치):

| 학생 | 제출물 |
|---|---|
| ref | 강사용 노트북 01, 03 (풀이 그대로) |
| untouched | 손대지 않은 학생판 01, 03 |
| selfpair | 01: 중심 단어 자신과의 쌍을 넣은 답 |
| mixed | 01: 같은 쌍을 한 번만 넣은 답 (부분 점수), 03: 넘치는 시그모이드 |
| renamed | 01 을 풀어 my_homework.ipynb 로 이름을 바꿈 |
| deleted | 01: 연습문제 셀을 지움, 03: 확인 셀을 지우고 연습문제 셀을 맨 끝으로 옮김 |
| loops | 01: 함수 정의 뒤 셀 맨 바깥에서 끝없는 반복, 03: 함수 안에서 끝없는 반복 |
| chaos | 01: 메가바이트 출력, 작업 폴더의 파일을 모두 지움, SystemExit; 03: KeyboardInterrupt; crash.ipynb: 커널 종료 |
| notanotebook | JSON 이 아닌 01_concept.ipynb 와 notes.txt |
| kim | kim__01_concept.ipynb (풀었음), kim__03_how_it_works.ipynb (손대지 않음) |
| stripped | 01 을 풀었지만 nbgrader 메타데이터가 없음 (함수 이름으로 찾음) |

받을 만한 값은 같은 답을 이 프로세스에서 `sgns.checks.evaluate` 로 판정한 것과 상태 표입니다.
"""

from __future__ import annotations

import csv
import functools
import json
import subprocess
import sys

import nbformat
import pytest
from grade_fixtures import (
    NOTEBOOK_01,
    NOTEBOOK_03,
    SIGMOID_CORRECT,
    SIGMOID_ENDLESS,
    SIGMOID_NAIVE,
    SKIPGRAM_CORRECT,
    SKIPGRAM_DEDUPLICATED,
    SKIPGRAM_SELF_PAIR,
    answer,
    defined_function,
    digest_tree,
    exercise_cell,
    instructor,
    student,
)
from grading.scoring import STATUS_KO
from nbformat.v4 import new_code_cell, new_notebook

from conftest import NOTEBOOKS, REPO
from sgns import checks
from sgns.checks._judges import is_quiz

SKIPGRAM, SIGMOID, SOFTMAX = "nb01-skipgram-pairs", "nb03-sigmoid", "nb02-softmax"
LOG_SIGMOID = "nb03-log-sigmoid"  # 03 의 둘째 연습문제: 아래의 03 제출물은 모두 풀지 않은 채 둠
CELL_TIMEOUT = 10
CHAOS_01 = """
import pathlib, shutil
print("가" * 3_000_000)  # 메가바이트 출력
for item in pathlib.Path(".").iterdir():  # 작업 폴더의 파일을 모두 지움
    shutil.rmtree(item) if item.is_dir() else item.unlink()
raise SystemExit(3)"""
CRASH = [
    "import os\nimport numpy as np",
    "def softmax(x):\n    e = np.exp(x - x.max())\n    return e / e.sum()\nos._exit(1)",  # 커널이 곧바로 끝남
]


def _evaluated(exercise_id, body):
    """같은 답을 이 프로세스에서 판정한 기록 (채점기가 내야 할 값)."""
    nb = answer(student(NOTEBOOK_01 if exercise_id == SKIPGRAM else NOTEBOOK_03), exercise_id, body)
    return checks.evaluate(exercise_id, defined_function(nb, exercise_id))


def _write(folder, name, nb):
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)


def _build_class(root):
    s01, s03 = student(NOTEBOOK_01), student(NOTEBOOK_03)
    _write(root / "ref", "01_concept.ipynb", instructor(NOTEBOOK_01))
    _write(root / "ref", "03_how_it_works.ipynb", instructor(NOTEBOOK_03))
    _write(root / "untouched", "01_concept.ipynb", s01)
    _write(root / "untouched", "03_how_it_works.ipynb", s03)
    _write(root / "selfpair", "01_concept.ipynb", answer(s01, SKIPGRAM, SKIPGRAM_SELF_PAIR))
    _write(root / "mixed", "01_concept.ipynb", answer(s01, SKIPGRAM, SKIPGRAM_DEDUPLICATED))
    _write(root / "mixed", "03_how_it_works.ipynb", answer(s03, SIGMOID, SIGMOID_NAIVE))
    _write(root / "renamed", "my_homework.ipynb", answer(s01, SKIPGRAM, SKIPGRAM_CORRECT))

    deleted_01 = nbformat.from_dict(s01)
    deleted_01.cells.remove(exercise_cell(deleted_01, SKIPGRAM))
    _write(root / "deleted", "01_concept.ipynb", deleted_01)
    moved_03 = answer(s03, SIGMOID, SIGMOID_CORRECT)
    moved_03.cells = [c for c in moved_03.cells if c.metadata.get("nbgrader", {}).get("grade_id") != f"{SIGMOID}-check"]
    cell = exercise_cell(moved_03, SIGMOID)
    moved_03.cells.remove(cell)
    moved_03.cells.append(cell)
    _write(root / "deleted", "03_how_it_works.ipynb", moved_03)

    looping = answer(s01, SKIPGRAM, SKIPGRAM_CORRECT)
    exercise_cell(looping, SKIPGRAM).source += "\n\nwhile True:\n    pass"
    _write(root / "loops", "01_concept.ipynb", looping)
    _write(root / "loops", "03_how_it_works.ipynb", answer(s03, SIGMOID, SIGMOID_ENDLESS))

    chaos_01 = answer(s01, SKIPGRAM, SKIPGRAM_CORRECT)
    exercise_cell(chaos_01, SKIPGRAM).source += CHAOS_01
    _write(root / "chaos", "01_concept.ipynb", chaos_01)
    chaos_03 = answer(s03, SIGMOID, SIGMOID_CORRECT)
    exercise_cell(chaos_03, SIGMOID).source += "\nraise KeyboardInterrupt"
    _write(root / "chaos", "03_how_it_works.ipynb", chaos_03)
    _write(root / "chaos", "crash.ipynb", new_notebook(cells=[new_code_cell(c) for c in CRASH]))
    (root / "chaos" / "data.txt").write_text("학생의 자료 파일", encoding="utf-8")

    (root / "notanotebook").mkdir()
    (root / "notanotebook" / "01_concept.ipynb").write_text("이것은 노트북이 아닙니다", encoding="utf-8")
    (root / "notanotebook" / "notes.txt").write_text("메모", encoding="utf-8")

    _write(root, "kim__01_concept.ipynb", answer(s01, SKIPGRAM, SKIPGRAM_CORRECT))
    _write(root, "kim__03_how_it_works.ipynb", s03)

    stripped = answer(s01, SKIPGRAM, SKIPGRAM_CORRECT)
    for cell in stripped.cells:
        cell.metadata.pop("nbgrader", None)
    _write(root / "stripped", "01_concept.ipynb", stripped)


@functools.cache
def _expected():
    """학생 -> 연습문제 -> (상태, 점수, 실수 범주들). 적지 않은 연습문제는 제출 안 함."""
    points = {e: g.points for e, g in checks.GRADING.items()}
    passed = ("pass", points[SKIPGRAM], set())
    todo = ("todo", 0, set())
    dedup = _evaluated(SKIPGRAM, SKIPGRAM_DEDUPLICATED)
    self_pair = _evaluated(SKIPGRAM, SKIPGRAM_SELF_PAIR)
    naive = _evaluated(SIGMOID, SIGMOID_NAIVE)
    assert dedup.status == self_pair.status == naive.status == "fail" and dedup.score() > 0

    def failed(record):
        return ("fail", record.score(), {c.category for c in record.cases if c.status == "fail"} | {record.category})

    return {
        "ref": {SKIPGRAM: passed, SIGMOID: passed, LOG_SIGMOID: ("pass", points[LOG_SIGMOID], set())},
        "untouched": {SKIPGRAM: ("todo", 0, set()), SIGMOID: ("todo", 0, set()), LOG_SIGMOID: todo},
        "selfpair": {SKIPGRAM: failed(self_pair)},
        "mixed": {SKIPGRAM: failed(dedup), SIGMOID: failed(naive), LOG_SIGMOID: todo},
        "renamed": {SKIPGRAM: passed},
        "deleted": {SIGMOID: passed, LOG_SIGMOID: todo},
        "loops": {SKIPGRAM: passed, SIGMOID: ("fail", 0, {"timeout"}), LOG_SIGMOID: todo},
        "chaos": {SKIPGRAM: passed, SIGMOID: passed, SOFTMAX: ("not-run", 0, set()), LOG_SIGMOID: todo},
        "notanotebook": {},
        "kim": {SKIPGRAM: passed, SIGMOID: ("todo", 0, set()), LOG_SIGMOID: todo},
        "stripped": {SKIPGRAM: passed},
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    submissions, course, out = root / "submissions", root / "course", root / "out"
    _build_class(submissions)
    course.mkdir()
    for path in NOTEBOOKS:
        nbformat.write(student(path), course / path.name)
    before = digest_tree(submissions)
    command = [sys.executable, str(REPO / "tools" / "grade.py"), str(submissions), "--out", str(out)]
    command += ["--course", str(course), "--cell-timeout", str(CELL_TIMEOUT), "--notebook-timeout", "90"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return {"out": out, "stdout": done.stdout, "before": before, "after": digest_tree(submissions)}


def _grades(out):
    with (out / "grades.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["학생"]: row for row in csv.DictReader(handle)}


def _raw(out, name):
    return json.loads((out / "raw" / f"{name}.json").read_text(encoding="utf-8"))


def _events(out, name, file):
    notebook = next(n for n in _raw(out, name)["notebooks"] if n["file"] == file)
    return {(e["kind"], e["cell"]) for e in notebook.get("events", [])}, notebook


def test_grading_never_modifies_a_submission(graded):
    assert graded["after"] == graded["before"]
    assert "chaos/data.txt" in graded["before"]


def test_one_progress_line_per_student(graded):
    lines = [line for line in graded["stdout"].splitlines() if line.startswith("[")]
    assert len(lines) == len(_expected())
    assert {line.split("] ", 1)[1].split(":", 1)[0] for line in lines} == set(_expected())


def test_grade_table_has_what_each_submission_deserves(graded):
    grades = _grades(graded["out"])
    assert set(grades) == set(_expected())
    for name, expected in _expected().items():
        row = grades[name]
        for exercise in checks.EXERCISES:
            if is_quiz(checks.exercise(exercise)):  # 개념 확인 퀴즈는 이 반의 제출물이 다루지 않음 (합계에만)
                continue
            status, score, _ = expected.get(exercise, ("missing", 0, set()))
            assert row[f"{exercise} 상태"] == STATUS_KO[status], (name, exercise)
            assert float(row[exercise]) == pytest.approx(score, abs=0.005), (name, exercise)
        total = sum(float(row[e]) for e in checks.EXERCISES)
        assert float(row["합계"]) == pytest.approx(total, abs=0.02)
        assert float(row["필수 만점"]) == sum(g.points for g in checks.GRADING.values() if not g.optional)


def _mistake_table(report: str) -> dict[str, dict[str, int]]:
    """report.md 의 "흔한 실수" 절: 연습문제 제목 -> 범주 id -> 학생 수."""
    section = report.split("## 흔한 실수", 1)[1].split("\n## ", 1)[0]
    table: dict[str, dict[str, int]] = {}
    title = None
    for line in section.splitlines():
        if line.startswith("### "):
            title = line[4:].strip()
            table[title] = {}
        elif line.startswith("| ") and "`" in line and title:
            cells = [c.strip() for c in line.strip("|").split("|")]
            table[title][cells[1].strip("`")] = int(cells[2])
    return table


def test_mistake_counts_are_the_checkers_categories_counted_per_student(graded):
    counts: dict[str, dict[str, int]] = {}
    for expected in _expected().values():
        for exercise, (_, _, found) in expected.items():
            for category in found:
                title = checks.EXERCISES[exercise].title
                counts.setdefault(title, {}).setdefault(category, 0)
                counts[title][category] += 1
    report = (graded["out"] / "report.md").read_text(encoding="utf-8")
    assert _mistake_table(report) == counts
    assert counts[checks.EXERCISES[SKIPGRAM].title]["self-pair"] >= 1
    assert counts[checks.EXERCISES[SIGMOID].title]["timeout"] == 1
    html = (graded["out"] / "report.html").read_text(encoding="utf-8")
    tables = sum(line.startswith("|---") for line in report.splitlines())
    assert html.count("<table>") == tables >= 4 and "<script" not in html


def test_gradescope_results_match_the_grade_table(graded):
    grades = _grades(graded["out"])
    for name in _expected():
        data = json.loads((graded["out"] / "results" / name / "results.json").read_text(encoding="utf-8"))
        tests = {t["number"]: t for t in data["tests"]}
        assert list(tests) == list(checks.EXERCISES)
        for exercise, test in tests.items():
            assert set(test) >= {"name", "score", "max_score", "output", "visibility"} and test["output"]
            assert test["max_score"] == checks.GRADING[exercise].points
            assert test["score"] == pytest.approx(float(grades[name][exercise]), abs=0.005)
            assert test["visibility"] in ("visible", "hidden", "after_due_date", "after_published")
        assert data["score"] == pytest.approx(sum(t["score"] for t in data["tests"]))


def test_what_happened_to_each_submission_is_recorded(graded):
    out = graded["out"]
    events, renamed = _events(out, "renamed", "my_homework.ipynb")
    assert renamed["course"] == "01_concept.ipynb" and renamed["renamed"]

    _, deleted_01 = _events(out, "deleted", "01_concept.ipynb")
    assert SKIPGRAM not in deleted_01["expected"] and deleted_01["changes"]["deleted"] == 1
    _, moved_03 = _events(out, "deleted", "03_how_it_works.ipynb")
    assert moved_03["changes"] == {"deleted": 1, "added": 0, "reordered": True}

    events, loop_01 = _events(out, "loops", "01_concept.ipynb")
    assert any(kind == "cell-timeout" for kind, _ in events)

    events, chaos_01 = _events(out, "chaos", "01_concept.ipynb")
    assert {kind for kind, _ in events} >= {"output-truncated", "cell-error"}
    errors = {e.get("ename") for e in chaos_01["events"] if e["kind"] == "cell-error"}
    assert "SystemExit" in errors
    _, chaos_03 = _events(out, "chaos", "03_how_it_works.ipynb")
    assert "KeyboardInterrupt" in {e.get("ename") for e in chaos_03["events"] if e["kind"] == "cell-error"}
    events, crash = _events(out, "chaos", "crash.ipynb")
    assert "kernel-died" in {kind for kind, _ in events}
    assert crash["course"] == "02_naive_softmax.ipynb" and crash["renamed"]  # 연습문제 softmax 로 알아봄
    assert crash["changes"] is None  # 새로 만든 노트북: 학생판과 겹치는 셀 id 가 없음
    for file in ("kim__01_concept.ipynb", "kim__03_how_it_works.ipynb"):  # 파일 이름 배치: __ 뒤가 노트북 이름
        _, notebook = _events(out, "kim", file)
        assert notebook["course"] == file.split("__")[1] and not notebook["renamed"]

    [unreadable] = _raw(out, "notanotebook")["notebooks"]
    assert unreadable["status"] == "unreadable"
    report = (out / "report.md").read_text(encoding="utf-8")
    happened = report.split("## 제출물에서 일어난 일", 1)[1]
    for name in ("renamed", "deleted", "loops", "chaos", "notanotebook", "stripped"):
        assert f"### {name}" in happened
    assert "notes.txt" in happened and "untouched" not in happened.split("## 상태의 뜻")[0]


def test_exercises_are_found_by_metadata_and_by_name_when_it_was_stripped(graded):
    out = graded["out"]
    routes = {}
    for name in ("ref", "stripped", "renamed"):
        notebooks = _raw(out, name)["notebooks"]
        [capture] = [c for n in notebooks for c in n.get("captures", []) if c["exercise"] == SKIPGRAM]
        routes[name] = capture["route"]
    assert routes == {"ref": "metadata", "stripped": "name", "renamed": "metadata"}


def test_large_output_is_capped_in_the_executed_copy(graded):
    copy = graded["out"] / "executed" / "chaos" / "01_concept.ipynb"
    assert copy.stat().st_size < 400_000  # 학생은 9 MB 넘게 출력했음
    nb = json.loads(copy.read_text(encoding="utf-8"))
    captures = [c for c in nb["cells"] if c["metadata"]["sgns_grading"]["role"] == "capture"]
    assert captures and all(c["execution_count"] for c in captures)  # 출력을 자른 뒤에도 채점 셀은 실행되고 기록됨
