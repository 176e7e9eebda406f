"""확인 셀이 커널 안에서: 틀린 답도 트레이스백 없이 한국어 안내만, "Run All" 은 끝까지, 기록은 CI 가 읽음.

- 학생판 노트북(student/01) 에서 연습문제 하나를 틀리게 채워 nbclient 기본 설정(첫 오류에서 멈춤)으로
  실행하면 마지막 셀까지 실행되고, 틀린 확인 셀의 출력에는 한국어 안내만 있고 트레이스백과 sgns/ 경로가 없습니다.
- 강사용 노트북(notebooks/01) 의 풀이 하나를 틀리게 바꾸면, CI 의 기록 검사(tests/notebook_checks.py)가
  그 연습문제를 실패로 잡습니다.
"""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest
from nbclient import NotebookClient
from notebook_checks import SOLUTION_MARK, STUB_MARK, check_record_problems

from conftest import REPO
from sgns import checks

WRONG_SKIPGRAM = """    pairs = []
    for i, center in enumerate(tokens):
        for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
            pairs.append((center, tokens[j]))  # j != i 를 빠뜨림: 자기 자신과의 쌍
    return pairs"""


def _execute(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def _fill_stub(source: str) -> str:
    stub = "    # 여기에 코드를 작성하세요\n    raise NotImplementedError()"
    assert stub in source
    return source.replace(stub, WRONG_SKIPGRAM)


def _replace_solution(source: str) -> str:
    pattern = re.compile(r"    ### BEGIN SOLUTION\n.*?    ### END SOLUTION", re.DOTALL)
    assert pattern.search(source)
    return pattern.sub(WRONG_SKIPGRAM, source)


def _copy_with(tmp_path, folder: str, edit) -> tuple:
    """노트북 01 을 tmp_path 로 복사하고, skipgram_pairs 를 정의하는 셀에 edit 를 적용합니다."""
    source = REPO / folder / "01_concept.ipynb"
    target = tmp_path / source.name
    shutil.copy(source, target)
    nb = nbformat.read(target, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and c.source.startswith("def skipgram_pairs("))
    cell.source = edit(cell.source)
    nbformat.write(nb, target)
    return target, nb.cells.index(cell)


def test_wrong_answer_in_a_student_notebook_shows_only_korean_feedback_and_run_all_continues(tmp_path):
    target, index = _copy_with(tmp_path, "student", _fill_stub)
    nb = _execute(target)  # nbclient 기본 설정: 오류가 난 셀에서 CellExecutionError 로 멈춤

    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code_cells)  # 마지막 셀까지 실행됨
    assert not any(o.output_type == "error" for c in code_cells for o in c.outputs)

    check_cell = next(c for c in nb.cells[index + 1 :] if c.cell_type == "code")
    [output] = check_cell.outputs
    assert output.output_type == "display_data"
    text = json.dumps(output, ensure_ascii=False)
    assert "Traceback" not in text and "sgns/" not in text and "site-packages" not in text
    plain, markdown = output.data["text/plain"], output.data["text/markdown"]
    assert plain.startswith("❌ skipgram_pairs") and "💡" in plain
    assert markdown.startswith("**❌ skipgram_pairs") and "\n- 💡" in markdown

    record, *rest = checks.records(nb)
    assert record.exercise == "nb01-skipgram-pairs" and record.status == "fail"
    assert [(r.exercise, r.status) for r in rest] == [("nb01-quiz", "todo")]  # 장 끝의 개념 확인은 손대지 않음
    assert record.category == "self-pair"
    assert check_record_problems(nb, "todo", STUB_MARK)  # 학생판 검사는 이 노트북을 '미완성 아님' 으로 잡음


def test_instructor_notebook_with_a_wrong_solution_fails_the_record_check(tmp_path):
    target, _ = _copy_with(tmp_path, "notebooks", _replace_solution)
    nb = _execute(target)
    problems = check_record_problems(nb, "pass", SOLUTION_MARK)
    assert len(problems) == 1 and problems[0].startswith("nb01-skipgram-pairs (skipgram_pairs): 상태 'fail'")


def test_record_check_names_exercises_without_a_check(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION")]
    problems = check_record_problems(nb, "pass", SOLUTION_MARK)
    assert any(p.startswith("f: ") for p in problems) and "확인 기록이 하나도 없습니다" in problems


@pytest.mark.parametrize("status", ["pass", "todo"])
def test_record_check_accepts_matching_records(status):
    solution = "def sigmoid(x):\n    ### BEGIN SOLUTION\n    pass\n    ### END SOLUTION"
    from checks_testing import SOLUTIONS, not_implemented

    record = checks.evaluate("nb03-sigmoid", SOLUTIONS["nb03-sigmoid"] if status == "pass" else not_implemented)
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(solution if status == "pass" else "def sigmoid(x):\n    " + STUB_MARK)
    check = nbformat.v4.new_code_cell("check_sigmoid(sigmoid)")
    check.outputs = [nbformat.v4.new_output("display_data", data=record.bundle())]
    nb.cells = [cell, check]
    mark = SOLUTION_MARK if status == "pass" else STUB_MARK
    assert check_record_problems(nb, status, mark) == []


def test_summary_command_lists_status_cases_and_points(tmp_path, capsys):
    from checks_testing import SOLUTIONS

    from sgns.checks.__main__ import main

    passed = checks.evaluate("nb03-sigmoid", SOLUTIONS["nb03-sigmoid"])
    failed = checks.evaluate("nb02-softmax", lambda x: SOLUTIONS["nb02-softmax"](x)[..., ::-1])
    nb = nbformat.v4.new_notebook()
    for record in (passed, failed):
        cell = nbformat.v4.new_code_cell("check(...)")
        cell.outputs = [nbformat.v4.new_output("display_data", data=record.bundle())]
        nb.cells.append(cell)
    path = tmp_path / "graded.ipynb"
    nbformat.write(nb, path)
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert f"| nb03-sigmoid | 통과 | {passed.total}/{passed.total} | 2/2 |" in out
    assert f"| nb02-softmax | 틀림 | {failed.passed}/{failed.total} |" in out
    assert main([str(tmp_path / "missing.ipynb")]) == 1


def test_in_a_kernel_endless_loops_time_out_and_an_interrupt_stops_the_run_with_one_line():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("from sgns.checks import check_sigmoid"),
        nbformat.v4.new_code_cell("def sigmoid(x):\n    while True:\n        pass"),
        nbformat.v4.new_code_cell("check_sigmoid(sigmoid)"),
        nbformat.v4.new_code_cell("def sigmoid(x):\n    raise KeyboardInterrupt()  # 학생이 커널을 중단한 것과 같음"),
        nbformat.v4.new_code_cell("check_sigmoid(sigmoid)"),
        nbformat.v4.new_code_cell("print('중단 뒤에는 실행되지 않음')"),
    ]
    client = NotebookClient(nb, kernel_name="python3")
    with pytest.raises(Exception, match="확인을 중단했습니다"):
        client.execute()  # 중단은 오류로 끝나므로 "Run All" 이 멈춥니다

    [timeout] = checks.records(nb)
    assert timeout.category == "timeout"  # 커널의 메인 스레드에서 SIGALRM 시간 제한이 동작
    [interrupted] = nb.cells[4].outputs
    assert interrupted.output_type == "error" and interrupted.ename == "CheckInterrupted"
    assert len(interrupted.traceback) == 1 and "sgns/" not in interrupted.traceback[0]
    assert nb.cells[5].execution_count is None


def test_in_a_kernel_a_check_called_without_a_function_says_so_in_one_korean_line():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("from sgns.checks import check_sigmoid"),
        nbformat.v4.new_code_cell("check_sigmoid()"),
    ]
    client = NotebookClient(nb, kernel_name="python3")
    with pytest.raises(Exception, match="확인할 함수 하나를 넣어 주세요"):
        client.execute()
    [error] = nb.cells[1].outputs
    assert error.output_type == "error" and error.ename == "CheckCallError"
    assert len(error.traceback) == 1 and "check_sigmoid(sigmoid)" in error.traceback[0]
    assert "sgns/" not in error.traceback[0]
