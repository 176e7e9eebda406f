"""채점기의 부품 (tools/grading/): 제출물 찾기, 셀 고르기, 강의 노트북과 견주기, 결과 고르기, 보고서, 결과 폴더.

커널을 띄우는 것은 마지막 두 테스트뿐입니다 (작은 노트북). 반 전체는 tests/test_grade_class.py.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import grade
import nbformat
import pytest
from grading.runner import Limits, execute
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from grading import compare, plan, reports, runner, scoring, submissions, worker
from sgns import checks

IGNORES_INTERRUPTS = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"
SIGMOID_META = {"nbgrader": {"grade_id": "nb03-sigmoid", "solution": True, "grade": False, "locked": False}}


def _touch(path: Path, text: str = "{}") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- 제출물 찾기


def test_both_layouts_are_found_and_checkpoints_links_and_other_files_are_set_aside(tmp_path):
    root = tmp_path / "제출"
    _touch(root / "김민수" / "01_concept.ipynb")
    _touch(root / "김민수" / "과제" / "04_math.ipynb")
    _touch(root / "김민수" / ".ipynb_checkpoints" / "01_concept-checkpoint.ipynb")
    _touch(root / "김민수" / "notes.txt", "메모")
    (root / "김민수" / "link.ipynb").symlink_to(root / "김민수" / "01_concept.ipynb")
    _touch(root / "lee__01_concept.ipynb")
    _touch(root / "lee__05_sampling.ipynb")
    _touch(root / "park.ipynb")
    _touch(root / "readme.md", "#")
    _touch(root / ".hidden" / "x.ipynb")

    found, notes = submissions.discover(root)
    by_name = {s.student: s for s in found}
    assert list(by_name) == sorted(["김민수", "lee", "park"])
    kim = by_name["김민수"]
    assert [kim.relative(p) for p in kim.notebooks] == ["01_concept.ipynb", "과제/04_math.ipynb"]
    assert kim.others == ["notes.txt"] and kim.skipped == ["link.ipynb"]
    lee = by_name["lee"]
    assert [lee.notebook_name(p) for p in lee.notebooks] == ["01_concept.ipynb", "05_sampling.ipynb"]
    assert by_name["park"].notebook_name(by_name["park"].notebooks[0]) == "park.ipynb"
    assert len(notes) == 1 and "readme.md" in notes[0]


def test_result_folder_names_are_safe_and_distinct():
    found = [submissions.Submission(name) for name in ("a b", "a_b", "../x", "김 민수")]
    folders = grade.unique_folders(found)
    assert list(folders.values()) == ["a_b", "a_b-2", "x", "김_민수"]


# ---------------------------------------------------------------- 셀 고르기


def test_cell_names_follow_python_scopes():
    names = plan.cell_names(
        "import numpy as np\nfrom math import pi as PI\n%matplotlib inline\n"
        "def f(x, *rest, k=1):\n    y = x * SCALE\n    return [i for i in y if i > LIMIT]\n"
        "table[0] = f(1)\nz = lambda q: q + OFFSET\n"
    )
    assert names.defines == {"np", "PI", "f", "table", "z"}
    assert {"SCALE", "LIMIT", "OFFSET", "table"} <= names.uses
    assert not {"x", "y", "i", "q", "rest", "k"} & names.uses
    assert plan.cell_names("def f(:\n") is None
    assert plan.cell_names("from sgns.checks import *").star


def test_needed_cells_follow_names_backwards_to_their_latest_definition():
    sources = [
        "import numpy as np",  # 0
        "SCALE = 1.0",  # 1 (나중에 다시 정의됨)
        "big = train_model()",  # 2 (연습문제와 상관없음)
        "SCALE = 2.0 * BASE",  # 3
        "BASE = 3",  # 4 (3 보다 뒤: 3 이 쓰는 BASE 의 정의가 아님)
        "def sigmoid(x):\n    return 1 / (1 + np.exp(-x * SCALE))",  # 5
        "from utils import *",  # 6
        "def softmax(x):\n    return mystery(x) + len(x)",  # 7
    ]
    names = [plan.cell_names(s) for s in sources]
    assert plan.needed_cells(names, {5}) == {0, 3, 5}
    assert plan.needed_cells(names, {7}) == {6, 7}  # 정의를 찾지 못한 이름: 앞쪽의 import * 셀


def test_exercise_cells_are_found_by_metadata_or_by_function_name():
    nb = new_notebook(
        cells=[
            new_code_cell("def tools_of_mine():\n    pass\n", metadata=SIGMOID_META),
            new_code_cell("def softmax(x):\n    return x"),
            new_code_cell("x = 1", metadata={"nbgrader": {"grade_id": "nb03-sigmoid-check"}}),
            new_code_cell("def sigmoid(x):\n    return x", metadata=SIGMOID_META),
        ]
    )
    found = [(c.cell, c.exercise, c.route) for c in plan.candidates(nb)]
    assert found == [(0, "nb03-sigmoid", "metadata"), (1, "nb02-softmax", "name"), (3, "nb03-sigmoid", "metadata")]


def test_grading_copy_puts_a_grading_cell_right_after_each_exercise_cell():
    nb = new_notebook(
        cells=[
            new_code_cell("import numpy as np"),
            new_markdown_cell("설명"),
            new_code_cell("plot_everything()"),
            new_code_cell("def sigmoid(x):\n    return np.tanh(x)", metadata=SIGMOID_META),
            new_code_cell("check_sigmoid(sigmoid)"),
        ]
    )
    original = json.dumps(nb, sort_keys=True)
    copy, found = plan.grading_notebook(nb)
    roles = [(c.metadata[plan.ROLE_KEY]["role"], c.metadata[plan.ROLE_KEY]["run"]) for c in copy.cells]
    assert roles == [
        ("bootstrap", True),
        ("student", True),
        ("student", False),
        ("student", False),
        ("student", True),
        ("capture", True),
        ("student", False),
    ]
    assert copy.cells[5].source == "_sgns_grading_capture('nb03-sigmoid', 'sigmoid', 3, 'metadata')"
    full, _ = plan.grading_notebook(nb, "full")
    assert [c.metadata[plan.ROLE_KEY]["run"] for c in full.cells if c.cell_type == "code"] == [True] * 6
    assert json.dumps(nb, sort_keys=True) == original
    nbformat.validate(copy)


# ---------------------------------------------------------------- 강의 노트북과 견주기


def _course():
    return [
        compare.CourseNotebook("01_concept.ipynb", ("a", "b", "c", "d"), ("nb01-skipgram-pairs",)),
        compare.CourseNotebook("03_how_it_works.ipynb", ("e", "f", "g"), ("nb03-sigmoid",)),
    ]


def _with_ids(cells, ids):
    nb = new_notebook(cells=cells)
    for cell, cell_id in zip(nb.cells, ids, strict=True):
        cell.id = cell_id
    return nb


def test_a_submission_is_matched_by_its_exercises_not_its_file_name():
    nb = _with_ids([new_code_cell("def sigmoid(x):\n    return x"), new_code_cell("pass")], ["g", "e"])
    assert compare.match(nb, "01_concept.ipynb", _course()).name == "03_how_it_works.ipynb"
    assert compare.changes(nb, _course()[1]) == {"deleted": 1, "added": 0, "reordered": True}
    unrelated = _with_ids([new_code_cell("print(1)")], ["zz"])
    assert compare.match(unrelated, "notes.ipynb", _course()) is None
    assert compare.match(unrelated, "01_concept.ipynb", _course()).name == "01_concept.ipynb"
    assert compare.changes(unrelated, _course()[0]) is None  # 겹치는 셀 id 가 없음


# ---------------------------------------------------------------- 결과 고르기


def _record(exercise, status, passed, total, category=None):
    cases = [
        checks.CaseResult(f"c{i}", "public", "pass" if i < passed else "fail", None if i < passed else category)
        for i in range(total)
    ]
    grading = checks.GRADING[exercise]
    spec = checks.EXERCISES[exercise]
    record = checks.CheckRecord(
        exercise,
        spec.function,
        spec.title,
        status,
        grading.points,
        grading.partial_credit,
        tuple(cases),
        category,
        "메시지",
    )
    return record.to_json()


def _capture(exercise, cell, route, status="evaluated", record=None):
    data = {"exercise": exercise, "function": "f", "cell": cell, "route": route, "status": status}
    return {**data, "record": record} if record else data


def test_the_students_last_real_answer_is_graded():
    sig = "nb03-sigmoid"
    notebook = {
        "file": "03.ipynb",
        "status": "graded",
        "captures": [
            _capture(sig, 3, "metadata", record=_record(sig, "todo", 0, 0)),  # 빈칸을 남겨 둔 셀
            _capture(sig, 9, "name", record=_record(sig, "fail", 3, 6, "naive-formula")),
            _capture(sig, 12, "name", record=_record(sig, "pass", 6, 6)),  # 마지막 답
            _capture(sig, 14, "name", status="unchanged"),
        ],
    }
    chosen = scoring.notebook_results(notebook)[sig]
    assert (chosen.status, chosen.cell, chosen.route, chosen.score) == ("pass", 12, "name", 2.0)

    metadata_first = {
        **notebook,
        "captures": notebook["captures"][1:2]
        + [_capture(sig, 5, "metadata", record=_record(sig, "fail", 2, 6, "naive-formula"))],
    }
    assert scoring.notebook_results(metadata_first)[sig].cell == 5


def test_undefined_not_run_and_timeouts_score_zero_and_the_best_notebook_counts():
    sig, skip = "nb03-sigmoid", "nb01-skipgram-pairs"
    raw = {
        "notebooks": [
            {
                "file": "a.ipynb",
                "status": "graded",
                "captures": [_capture(sig, 3, "metadata", "timeout"), _capture(skip, 4, "metadata", "undefined")],
            },
            {
                "file": "b.ipynb",
                "status": "graded",
                "captures": [_capture(sig, 3, "name", record=_record(sig, "fail", 3, 6, "x"))],
            },
            {"file": "c.ipynb", "status": "unreadable"},
        ]
    }
    results = scoring.student_results(raw)
    assert list(results) == list(checks.EXERCISES)
    assert (results[sig].notebook, results[sig].score) == ("b.ipynb", 1.0)
    assert (results[skip].status, results[skip].score) == ("undefined", 0.0)
    assert results["nb02-softmax"].status == "missing"
    timeout_only = scoring.notebook_results(raw["notebooks"][0])[sig]
    assert (timeout_only.status, timeout_only.categories) == ("fail", ["timeout"])
    silent = {"file": "d.ipynb", "status": "graded", "captures": [_capture(sig, 3, "metadata", "no-output")]}
    assert scoring.notebook_results(silent)[sig].status == "error"  # 채점 셀이 기록을 남기지 못함
    totals = scoring.totals(results)
    assert totals.required == 1.0 and totals.optional == 0
    assert totals.required_max + totals.optional_max == sum(g.points for g in checks.GRADING.values())


# ---------------------------------------------------------------- 보고서


def _report(name, results, problems=()):
    full = scoring.student_results({"notebooks": []})
    full.update(results)
    return reports.StudentReport(name, name, full, problems=list(problems))


def test_gradescope_feedback_never_shows_a_hidden_input():
    record = checks.CheckRecord.from_json(_record("nb03-sigmoid", "fail", 6, 7, "naive-formula"))
    record = checks.CheckRecord(
        **{
            **record.__dict__,
            "cases": record.cases[:6] + (checks.CaseResult("h-secret", "hidden", "fail", "naive-formula"),),
            "message": "입력: x=비밀값",
        }
    )
    result = scoring.ExerciseResult(
        "nb03-sigmoid", "fail", record.score(), 2, record=record, categories=["naive-formula"]
    )
    text = reports.feedback(result)
    assert "비밀값" not in text and "숨은 사례 0/1" in text and "공개 사례 6/6" in text
    data = reports.gradescope_results(_report("kim", {"nb03-sigmoid": result}))
    assert data["score"] == pytest.approx(record.score(), abs=1e-4)
    assert all(set(t) >= {"name", "score", "max_score", "output", "visibility"} for t in data["tests"])


def test_reports_escape_student_names_and_csv_has_a_row_per_student():
    students = [_report("<script>alert(1)</script>", {}), _report("이|름", {}, ["셀 3 에서 커널이 종료"])]
    markdown = reports.summary_markdown(students, {"about": ["테스트"]})
    html = reports.summary_html(markdown)
    assert "<script>" not in html and "&lt;script&gt;" in html
    rows = reports.grades_csv(students).splitlines()
    assert len(rows) == 3 and rows[0].startswith("학생,합계,")
    assert "이\\|름" in markdown  # 표 안의 | 는 이스케이프


# ---------------------------------------------------------------- 결과 폴더와 숨은 사례


def test_result_folder_is_only_cleared_when_this_tool_made_it(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    mine = tmp_path / "mine"
    _touch(mine / "precious.txt", "강사의 파일")
    with pytest.raises(grade.GradeError):
        grade.prepare_out(mine, subs)
    assert (mine / "precious.txt").exists()
    with pytest.raises(grade.GradeError):
        grade.prepare_out(subs / "out", subs)
    out = tmp_path / "out"
    grade.prepare_out(out, subs)
    _touch(out / "grades.csv", "old")
    grade.prepare_out(out, subs)
    assert not (out / "grades.csv").exists() and (out / grade.MARKER).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("HIDDEN_CASES = {'nb99-x': []}", "nb99-x"),
        ("HIDDEN_CASES = [", "오류"),
        ("CASES = {}", "HIDDEN_CASES"),
        ("HIDDEN_CASES = {'nb03-sigmoid': [{'id': 'small', 'label': 'x', 'args': {'x': 1.0}}]}", "겹칩니다"),
    ],
)
def test_a_broken_hidden_cases_file_is_explained(tmp_path, text, message):
    path = _touch(tmp_path / "hidden.py", text)
    if message == "겹칩니다":  # 공개 사례 id 와 겹침은 판정할 때 드러남: 기록이 확인 도구 오류가 됨
        os.environ[checks.HIDDEN_CASES_ENV_VAR] = str(path)
        try:
            record = checks.evaluate("nb03-sigmoid", lambda x: x)
        finally:
            del os.environ[checks.HIDDEN_CASES_ENV_VAR]
        assert record.status == "error" and message in record.message
        return
    with pytest.raises(grade.GradeError, match=message):
        grade.check_hidden(path)
    assert checks.HIDDEN_CASES_ENV_VAR not in os.environ


def test_files_that_are_not_notebooks_are_explained(tmp_path):
    binary = tmp_path / "b.ipynb"
    binary.write_bytes(b"\xff\xfe\x00")
    for path in (_touch(tmp_path / "a.ipynb", "not json"), binary, _touch(tmp_path / "c.ipynb", '{"nbformat": 4}')):
        nb, reason = worker.read_notebook(path)
        assert nb is None and reason
    nbformat.write(new_notebook(), tmp_path / "d.ipynb")
    assert worker.read_notebook(tmp_path / "d.ipynb")[1] is None


# ---------------------------------------------------------------- 커널에서 (작은 노트북)


def _job(tmp_path, path, mode="needed"):
    return {
        "relative": {str(path): path.name},
        "names": {str(path): path.name},
        "root": None,
        "limits": {"cell_seconds": 20, "notebook_seconds": 60, "output_chars": 10_000},
        "mode": mode,
        "hidden": None,
        "pid_file": str(tmp_path / "kernels"),
    }


def test_a_name_the_analysis_cannot_see_makes_the_grader_run_every_cell(tmp_path):
    nb = new_notebook(
        cells=[
            new_code_cell("import numpy as np"),
            new_code_cell('exec("SCALE = 1.0")  # 이름 분석으로는 보이지 않는 정의'),
            new_code_cell(
                "def sigmoid(x):\n    x = np.asarray(x, dtype=float) * SCALE\n    e = np.exp(-np.abs(x))\n"
                "    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))",
                metadata=SIGMOID_META,
            ),
        ]
    )
    path = tmp_path / "03.ipynb"
    nbformat.write(nb, path)
    result = worker.grade_notebook(path, _job(tmp_path, path), [], tmp_path / "executed")
    assert result["rerun_full"] and result["mode"] == "full"
    [capture] = result["captures"]
    assert capture["record"]["status"] == "pass"
    assert worker.kernel_env(None)["OMP_NUM_THREADS"] == "1"


def test_a_kernel_that_ignores_interrupts_is_stopped_and_the_notebook_limit_holds(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "PROBE_SECONDS", 2)
    nb = new_notebook(
        cells=[
            new_code_cell("x = 1"),
            new_code_cell(IGNORES_INTERRUPTS),
            new_code_cell("y = 2"),
        ]
    )
    copy, _ = plan.grading_notebook(nb, "full")
    limits = Limits(cell_seconds=3, notebook_seconds=60, output_chars=10_000)
    execution = execute(copy, tmp_path, worker.kernel_env(None), limits)
    kinds = [event["kind"] for event in execution.events]
    assert kinds == ["cell-timeout", "kernel-unresponsive"]
    assert execution.seconds < 30
    assert copy.cells[3].execution_count is None  # 멈춘 뒤의 셀은 실행하지 않음


def _kernel_groups(pid_file: Path) -> list[int]:
    return [int(line.split("\t")[0]) for line in pid_file.read_text(encoding="utf-8").splitlines()]


def _alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _endless_submission(tmp_path: Path) -> Path:
    looping = new_code_cell("def sigmoid(x):\n    return x\n\nwhile True:\n    pass", metadata=SIGMOID_META)
    nbformat.write(new_notebook(cells=[looping]), _touch(tmp_path / "subs" / "loop" / "03.ipynb"))
    return tmp_path / "subs"


def test_a_worker_past_its_time_is_stopped_together_with_its_kernel(tmp_path):
    subs = _endless_submission(tmp_path)
    path = subs / "loop" / "03.ipynb"
    job = {
        **_job(tmp_path, path),
        "student": "loop",
        "notebooks": [str(path)],
        "course": [],
        "limits": {"cell_seconds": 600, "notebook_seconds": 600, "output_chars": 10_000},
        "executed_dir": str(tmp_path / "executed"),
        "result_file": str(tmp_path / "result.json"),
    }
    job_file = _touch(tmp_path / "job.json", json.dumps(job))
    problem = grade.Workers().run(job_file, tmp_path / "log.txt", Path(job["pid_file"]), seconds=10)
    assert problem is not None  # 작업이 제한 시간에 멈춤
    [pgid] = _kernel_groups(Path(job["pid_file"]))
    assert not _alive(pgid)
    assert json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))["notebooks"] == []


def test_ctrl_c_stops_the_batch_and_leaves_no_kernel_behind(tmp_path):
    subs = _endless_submission(tmp_path)
    out = tmp_path / "out"
    command = [sys.executable, str(grade.TOOLS / "grade.py"), str(subs), "--out", str(out), "--cell-timeout", "600"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pid_file = out / "jobs" / "loop.kernels"
    deadline = time.monotonic() + 60
    while not (pid_file.exists() and pid_file.read_text(encoding="utf-8")) and time.monotonic() < deadline:
        time.sleep(0.2)
    [pgid] = _kernel_groups(pid_file)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and "⏹" in stderr
    assert not _alive(pgid) and not (out / "report.html").exists()


def test_one_submission_folder_writes_gradescope_results_where_asked(tmp_path):
    """Gradescope 의 run_autograder 처럼: 학생 한 명의 폴더를 채점하고 results.json 을 정해진 자리에."""
    from grade_fixtures import NOTEBOOK_01, SKIPGRAM_CORRECT, answer, student

    folder = tmp_path / "submission"
    folder.mkdir()
    nbformat.write(answer(student(NOTEBOOK_01), "nb01-skipgram-pairs", SKIPGRAM_CORRECT), folder / "hw.ipynb")
    target = tmp_path / "results" / "results.json"
    command = [sys.executable, str(grade.TOOLS / "grade.py"), str(folder), "--one", "--student", "kim"]
    command += ["--out", str(tmp_path / "out"), "--gradescope-json", str(target), "--course", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    points = checks.GRADING["nb01-skipgram-pairs"].points
    assert data["score"] == points
    assert [t["score"] for t in data["tests"] if t["number"] == "nb01-skipgram-pairs"] == [points]
    assert (tmp_path / "out" / "results" / "kim" / "results.json").read_text(encoding="utf-8") == target.read_text(
        encoding="utf-8"
    )
