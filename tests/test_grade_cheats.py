"""채점을 속이려는 제출물: 판정은 채점기 프로세스에서, 커널은 격리 안에서, 베낀 sgns 코드와 바꿔 치기는 ⚠️.

반 하나 (노트북 03 하나씩, 격리 켬):

| 학생 | 03 의 sigmoid 연습문제 셀 |
|---|---|
| perfect | 강사용 노트북 그대로 (풀이) |
| honest | 안정한 시그모이드를 직접 씀 |
| patch | 빈칸은 그대로, `sgns.checks.evaluate` 와 `_harness.run_exercise` 를 늘 통과로 바꿈 |
| elsewhere | 빈칸 그대로, 확인 셀에서 `sys.modules` 로 확인 도구와 채점기가 넣은 함수를 바꿈 |
| disk | 빈칸 그대로, `sgns.__file__` 에서 거슬러 올라가 강사용 노트북의 풀이 셀을 exec |
| copy | `inspect.getsource` 로 sgns 의 sigmoid·log_sigmoid 를 꺼내 다른 파일 이름으로 컴파일 |
| renamed | sgns 의 sigmoid 를 손으로 베낌 (인자 이름을 바꾸고 문서 문자열을 지우고 모양을 다시 씀) |
| slow | 넘치는 시그모이드가 첫 호출에서만 6.5초 기다림 (시간 예산이 다해 나머지 사례를 건너뛰게 함) |
| probe | 맞는 답 + 제출물 밖에 심어 둔 파일, 강의 저장소, 홈 폴더, 네트워크 (이 기계의 루프백까지) 를 써 봄 |

받을 만한 점수는 같은 함수를 이 프로세스에서 `sgns.checks.evaluate` 로 판정한 것입니다 (속인 연습문제는 0).
"""

from __future__ import annotations

import csv
import json
import socket
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import numpy as np
import pytest
from grade_fixtures import (
    CHEAT_COPY,
    CHEAT_DISK,
    CHEAT_PATCH,
    CHEAT_PATCH_ELSEWHERE,
    CHEAT_SLOW,
    NOTEBOOK_03,
    SIGMOID_CORRECT,
    SIGMOID_NAIVE,
    answer,
    defined_function,
    exercise_cell,
    instructor,
    renamed_copy,
    student,
    with_exercise_cell,
)
from grading.plan import candidates

import sgns.functions
from conftest import REPO
from grading import copies, remote, sandbox, tamper
from sgns import checks

SIGMOID, LOG_SIGMOID = "nb03-sigmoid", "nb03-log-sigmoid"
TOOL = sandbox.available()
needs_sandbox = pytest.mark.skipif(
    TOOL is None, reason="이 기계에서는 사용자 이름공간을 만들 수 없어 (bwrap, unshare 모두 실패) 격리를 시험할 수 없음"
)
PROBE = """
import os
import pathlib
import socket
def _try(label, action):
    try:
        action()
        print(f"{{label}}: 열림")
    except Exception as error:
        print(f"{{label}}: 막힘 ({{type(error).__name__}})")
_try("심은 파일", lambda: pathlib.Path({planted!r}).read_text())
_try("강사용 노트북", lambda: pathlib.Path({notebook!r}).read_text())
print("홈 폴더:", sorted(os.listdir({home!r})) if os.path.isdir({home!r}) else [])
_try("루프백", lambda: socket.create_connection(("127.0.0.1", {port}), timeout=3).close())
_try("인터넷", lambda: socket.create_connection(("1.1.1.1", 53), timeout=3).close())
"""


def _write(folder, nb):
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / "03_how_it_works.ipynb")


def _class(root, planted, port):
    s03 = student(NOTEBOOK_03)
    _write(root / "perfect", instructor(NOTEBOOK_03))
    _write(root / "honest", answer(s03, SIGMOID, SIGMOID_CORRECT))
    _write(root / "patch", with_exercise_cell(s03, SIGMOID, CHEAT_PATCH))
    elsewhere = nbformat.from_dict(s03)
    check = next(c for c in elsewhere.cells if c.metadata.get("nbgrader", {}).get("grade_id") == f"{SIGMOID}-check")
    check.source = CHEAT_PATCH_ELSEWHERE + "\n" + check.source
    _write(root / "elsewhere", elsewhere)
    _write(root / "disk", with_exercise_cell(s03, SIGMOID, CHEAT_DISK))
    _write(root / "copy", with_exercise_cell(s03, SIGMOID, CHEAT_COPY))
    _write(root / "renamed", with_exercise_cell(s03, SIGMOID, renamed_copy(sgns.functions.sigmoid)))
    _write(root / "slow", answer(s03, SIGMOID, CHEAT_SLOW))
    probe = PROBE.format(
        planted=str(planted),
        notebook=str(REPO / "notebooks" / "03_how_it_works.ipynb"),
        home=str(Path.home()),
        port=port,
    )
    _write(root / "probe", with_exercise_cell(answer(s03, SIGMOID, SIGMOID_CORRECT), SIGMOID, probe))


def _listening():
    """이 기계의 루프백에서 연결을 기다리는 소켓과, 들어온 연결을 모을 리스트."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(60)
    connections: list = []

    def accept():
        try:
            connections.append(server.accept())
        except OSError:  # 아무도 연결하지 않음 (기대한 것)
            pass

    threading.Thread(target=accept, daemon=True).start()
    return server, connections


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if TOOL is None:
        pytest.skip("이 기계에서는 사용자 이름공간을 만들 수 없어 (bwrap, unshare 모두 실패) 격리를 시험할 수 없음")
    root = tmp_path_factory.mktemp("cheats")
    planted = root / "planted-secret.txt"
    planted.write_text("제출물 밖의 비밀", encoding="utf-8")
    server, connections = _listening()
    _class(root / "submissions", planted, server.getsockname()[1])
    command = [sys.executable, str(REPO / "tools" / "grade.py"), str(root / "submissions"), "--out", str(root / "out")]
    command += ["--cell-timeout", "20", "--notebook-timeout", "120", "--jobs", "2"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    server.close()
    assert done.returncode == 0, done.stdout + done.stderr
    return {"out": root / "out", "connections": connections}


def _grades(out):
    with (out / "grades.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["학생"]: row for row in csv.DictReader(handle)}


def _problems(out, name):
    report = (out / "report.md").read_text(encoding="utf-8")
    section = report.split(f"### {name}\n", 1)[1] if f"### {name}\n" in report else ""
    return section.split("\n### ", 1)[0].split("\n## ", 1)[0]


def test_each_cheat_scores_zero_and_honest_students_keep_their_scores(graded):
    grades = _grades(graded["out"])
    perfect = instructor(NOTEBOOK_03)
    for exercise in (SIGMOID, LOG_SIGMOID):
        want = checks.evaluate(exercise, defined_function(perfect, exercise)).score()
        assert want == checks.GRADING[exercise].points
        assert float(grades["perfect"][exercise]) == want
    honest = answer(student(NOTEBOOK_03), SIGMOID, SIGMOID_CORRECT)
    assert float(grades["honest"][SIGMOID]) == checks.evaluate(SIGMOID, defined_function(honest, SIGMOID)).score() == 2
    assert float(grades["probe"][SIGMOID]) == 2
    for cheat in ("patch", "elsewhere", "disk", "copy", "renamed"):
        assert float(grades[cheat][SIGMOID]) == 0, cheat
        assert float(grades[cheat]["합계"]) == 0, cheat
    naive = checks.evaluate(SIGMOID, defined_function(answer(student(NOTEBOOK_03), SIGMOID, SIGMOID_NAIVE), SIGMOID))
    assert 0 < float(grades["slow"][SIGMOID]) < naive.score() < 2  # 건너뛴 사례는 통과가 아님


def test_cheats_are_flagged_with_their_cell_and_honest_students_are_not(graded):
    out = graded["out"]
    cells = student(NOTEBOOK_03).cells
    cell = next(i for i, c in enumerate(cells) if _is(c, SIGMOID))
    check_cell = next(i for i, c in enumerate(cells) if _is(c, f"{SIGMOID}-check"))
    expected = {
        "patch": [(cell, "checks-import"), (cell, "checks-assign")],
        "elsewhere": [(check_cell, "checks-assign"), (check_cell, "grader-internals")],
        "disk": [(cell, "file-outside"), (cell, "inspect-exec")],
        "copy": [(cell, "inspect-exec")],
    }
    for name, flags in expected.items():
        problems = _problems(out, name)
        for index, kind in flags:
            assert f"⚠️ `03_how_it_works.ipynb` 셀 {index}: " in problems, (name, problems)
            assert tamper.KINDS[kind] in problems, (name, kind, problems)
    for name in ("copy", "renamed"):
        assert "sgns.functions.sigmoid" in _problems(out, name), name
    for name in ("perfect", "honest"):  # 강사용 노트북에 없는 Colab 셀도 "지운 셀" 이 아님
        assert _problems(out, name).strip() == "", _problems(out, name)


def _is(cell, grade_id):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id


@needs_sandbox
def test_student_code_cannot_read_outside_its_submission_or_use_the_network(graded):
    executed = graded["out"] / "executed" / "probe" / "03_how_it_works.ipynb"
    cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
    text = "".join(o.get("text", "") for c in cells for o in c.get("outputs", []))
    for label in ("심은 파일", "강사용 노트북", "루프백", "인터넷"):
        assert f"{label}: 막힘" in text, (label, text)
    home = Path.home()
    listed = eval(text.split("홈 폴더: ", 1)[1].splitlines()[0])  # noqa: S307  (출력한 리스트)
    python_parts = {Path(d).relative_to(home).parts[0] for d in sandbox.python_dirs() if Path(d).is_relative_to(home)}
    assert set(listed) <= python_parts, listed  # 홈 폴더에는 파이썬 설치로 가는 길만 보임
    assert graded["connections"] == []


def test_the_report_says_how_the_kernels_were_isolated(graded):
    report = (graded["out"] / "report.md").read_text(encoding="utf-8")
    assert f"격리: `{TOOL}`" in report


# ---------------------------------------------------------------------------
# 부분들 (커널 없이)
# ---------------------------------------------------------------------------


def test_course_notebooks_raise_no_tampering_flag():
    for folder in ("notebooks", "student"):
        for path in sorted((REPO / folder).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            assert tamper.notebook_flags(nb, {c.cell for c in candidates(nb)}) == [], path


def test_copied_reference_code_is_recognised_by_structure_not_by_names():
    function = sgns.functions.sigmoid
    assert copies.copied_reference(SIGMOID, None, renamed_copy(function)) is function
    namespace = dict(vars(sgns.functions))
    exec(compile(renamed_copy(function).split("\n\n", 1)[1], "elsewhere.py", "exec"), namespace)  # noqa: S102
    code = namespace["sigmoid"].__code__
    assert copies.copied_reference(SIGMOID, copies.fingerprint(code), "") is function
    honest = exercise_cell(instructor(NOTEBOOK_03), SIGMOID).source
    own = {"np": np}
    exec(honest, own)  # noqa: S102
    assert copies.copied_reference(SIGMOID, copies.fingerprint(own["sigmoid"].__code__), honest) is None


def test_results_cross_as_data_and_unknown_objects_never_become_pickles():
    value = [np.arange(3.0), (1, 2.5, None, "가"), {"k": np.float32(2)}, float("nan"), [[1, 2], [3]]]
    arrays: dict = {}
    encoded = remote.encode(value, arrays, [])
    json.dumps(encoded)  # JSON 으로 쓸 수 있음
    back = remote.decode(encoded, arrays)
    assert np.array_equal(back[0], value[0]) and back[1] == value[1] and back[4] == value[4]
    assert back[2]["k"] == 2 and isinstance(back[2]["k"], np.floating) and np.isnan(back[3])
    opaque = remote.decode({"__opaque__": "Evil", "repr": "<evil>"}, {})
    assert isinstance(opaque, remote.Opaque)


def test_the_solution_free_copy_of_the_course_package_has_no_notebooks_or_solutions(tmp_path):
    copy = sandbox.course_copy(tmp_path)
    assert (copy / "sgns" / "__init__.py").is_file()
    assert sandbox.solution_free(copy / "sgns") == []
    assert not list(copy.rglob("*.ipynb"))


def test_without_a_sandbox_make_grade_refuses_in_korean_unless_told(tmp_path, monkeypatch):
    import grade

    monkeypatch.setattr(sandbox, "available", lambda prefer=None: None)
    args = grade.parse_args([str(tmp_path), "--out", str(tmp_path / "out")])
    with pytest.raises(grade.GradeError, match="격리"):
        grade.sandbox_config(args, tmp_path / "out")
    args = grade.parse_args([str(tmp_path), "--out", str(tmp_path / "out"), "--unsandboxed"])
    assert grade.sandbox_config(args, tmp_path / "out") is None
    assert "격리 없이" in grade.isolation_line(None)


def test_the_unshare_fallback_isolates_too(tmp_path):
    """bwrap 이 있어도 unshare 로 격리할 수 있는지 (bwrap 이 없는 기계의 길)."""
    if sandbox.available("unshare") is None:
        pytest.skip("이 기계에서는 unshare 로 사용자 이름공간을 만들 수 없음")
    planted = tmp_path / "planted-secret.txt"
    planted.write_text("비밀", encoding="utf-8")
    server, connections = _listening()
    port = server.getsockname()[1]
    probe = PROBE.format(planted=str(planted), notebook=str(NOTEBOOK_03), home=str(Path.home()), port=port)
    _write(
        tmp_path / "subs" / "probe",
        with_exercise_cell(answer(student(NOTEBOOK_03), SIGMOID, SIGMOID_CORRECT), SIGMOID, probe),
    )
    command = [sys.executable, str(REPO / "tools" / "grade.py"), str(tmp_path / "subs"), "--out", str(tmp_path / "out")]
    done = subprocess.run([*command, "--sandbox", "unshare"], capture_output=True, text=True, timeout=600)
    server.close()
    assert connections == []
    assert done.returncode == 0, done.stdout + done.stderr
    assert float(_grades(tmp_path / "out")["probe"][SIGMOID]) == 2
    executed = json.loads(
        (tmp_path / "out" / "executed" / "probe" / "03_how_it_works.ipynb").read_text(encoding="utf-8")
    )
    text = "".join(o.get("text", "") for c in executed["cells"] for o in c.get("outputs", []))
    for label in ("심은 파일", "강사용 노트북", "루프백", "인터넷"):
        assert f"{label}: 막힘" in text, (label, text)


def test_judging_through_the_kernel_side_gives_the_same_record_as_judging_in_process(tmp_path, monkeypatch):
    """커널 없이 (같은 프로세스에서) 커널 쪽 코드와 대리인을 이어 붙여도 판정 기록은 직접 판정한 것과 같음."""
    import IPython
    import IPython.display
    from grading.plan import GRADE_MIME

    from grading import kernel_side

    user_ns: dict = {"np": np}
    shown: list = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: type("Shell", (), {"user_ns": user_ns}))
    monkeypatch.setattr(IPython.display, "display", lambda data, raw=False: shown.append(data))
    capture, call = kernel_side._sgns_grading_setup(str(tmp_path), GRADE_MIME, 1000, 100_000)
    nb04 = instructor(REPO / "notebooks" / "04_math.ipynb")
    cases = [
        (SIGMOID, answer(student(NOTEBOOK_03), SIGMOID, SIGMOID_NAIVE)),  # 틀린 답: 실수 범주까지 같아야 함
        ("nb04-sgd-step", nb04),  # 두 행렬을 제자리에서 바꿈
    ]
    for exercise, nb in cases:
        function = checks.EXERCISES[exercise].function
        exec(exercise_cell(nb, exercise).source, user_ns)  # noqa: S102
        capture(exercise, function, 0, "metadata")
        token = shown[-1][GRADE_MIME]["token"]
        proxy = remote.KernelFunction(
            lambda source, wall: exec(source, {"_sgns_grading_call": call}),  # noqa: S102
            tmp_path,
            token,
            checks.EXERCISES[exercise],
        )
        through, direct = checks.evaluate(exercise, proxy), checks.evaluate(exercise, user_ns[function])
        assert (through.status, through.score(), through.cases) == (direct.status, direct.score(), direct.cases)
