"""nbgrader 셀 메타데이터 (tools/nbgrader_metadata.py): 노트북 구조에서 정해지고, 멱등이고, nbgrader 0.9.6 의
스키마와 검사 규칙을 지킵니다 (nbgrader 없이 언제나 실행; 실제 nbgrader 로는 tests/test_nbgrader_real.py).
"""

from __future__ import annotations

import json
import shutil

import make_student
import nbformat
import pytest
from grade_fixtures import SKIPGRAM_DEDUPLICATED, answer, defined_function, student
from grading.exercise_cells import MappingError, cell_roles, check_calls, notebook_prefix, parse_cell
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from nbgrader_metadata import main, schema_problems, with_nbgrader_metadata

from conftest import NOTEBOOKS, REPO
from sgns import checks

SOFTMAX = "def softmax(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION"
SIGMOID = "def sigmoid(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION"


def _nb(*cells):
    return new_notebook(cells=list(cells))


def _meta(nb):
    return [cell.metadata.get("nbgrader") for cell in nb.cells]


@pytest.fixture
def copies(tmp_path):
    paths = []
    for path in NOTEBOOKS:
        target = tmp_path / path.name
        shutil.copy(path, target)
        target.chmod(0o644)
        paths.append(target)
    return paths


def test_course_notebooks_get_valid_metadata_and_writing_twice_changes_nothing(copies, capsys):
    assert main(["--write", *map(str, copies)]) == 0
    written = {path: path.read_text(encoding="utf-8") for path in copies}
    assert main(["--check", *map(str, copies)]) == 0
    assert main(["--write", *map(str, copies)]) == 0
    assert "0개에 nbgrader 메타데이터를 새로 썼습니다" in capsys.readouterr().out
    assert {path: path.read_text(encoding="utf-8") for path in copies} == written

    exercises_seen = []
    for path in copies:
        nb = nbformat.read(path, as_version=4)
        assert schema_problems(nb, path.name) == []
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader")
            if meta is None:
                continue
            if meta["solution"] and cell.cell_type == "code":  # 연습문제 셀: 확인 도구의 함수를 정의
                function = checks.EXERCISES[meta["grade_id"]].function
                assert f"def {function}(" in cell.source and "### BEGIN SOLUTION" in cell.source
                exercises_seen.append(meta["grade_id"])
            elif meta["grade"] and cell.cell_type == "code":  # 확인 셀: 그 연습문제를 확인, 배점은 GRADING
                exercise = meta["grade_id"].removesuffix("-check")
                assert f"check_{checks.EXERCISES[exercise].function}(" in cell.source
                assert meta["points"] == checks.GRADING[exercise].points and meta["locked"]
    cells = [c for p in copies for c in nbformat.read(p, as_version=4).cells]
    solution_cells = [c for c in cells if "### BEGIN SOLUTION" in c.source]
    assert len(exercises_seen) == len(solution_cells) == len(set(exercises_seen))


def test_only_nbgrader_metadata_changes(copies):
    for path in copies:
        before = nbformat.read(path, as_version=4)
        after = with_nbgrader_metadata(before, path.name)
        for old, new in zip(before.cells, after.cells, strict=True):
            assert new.source == old.source and new.get("outputs") == old.get("outputs")
            assert {k: v for k, v in new.metadata.items() if k != "nbgrader"} == {
                k: v for k, v in old.metadata.items() if k != "nbgrader"
            }


def test_committed_notebooks_are_up_to_date_once_metadata_was_written(capsys):
    """`make lecture` 가 메타데이터를 쓴 뒤로는 강의 노트북이 언제나 최신이어야 합니다."""
    if not any("nbgrader" in c.get("metadata", {}) for p in NOTEBOOKS for c in json.loads(p.read_text())["cells"]):
        pytest.skip("강의 노트북에 아직 nbgrader 메타데이터가 없습니다 (make lecture 를 실행하면 씀)")
    assert main(["--check", *map(str, NOTEBOOKS)]) == 0, capsys.readouterr().err


def test_student_edition_keeps_the_ids_the_grader_looks_for(copies):
    main(["--write", *map(str, copies)])
    for path in copies:
        instructor = nbformat.read(path, as_version=4)
        student = make_student.student_version(instructor, path.name)
        ids = [c.metadata["nbgrader"]["grade_id"] for c in student.cells if "nbgrader" in c.metadata]
        assert ids == [c.metadata["nbgrader"]["grade_id"] for c in instructor.cells if "nbgrader" in c.metadata]
        assert "### BEGIN SOLUTION" not in json.dumps(student)


def test_exercise_is_found_by_the_check_that_follows_and_ids_do_not_depend_on_position():
    nb = _nb(
        new_markdown_cell("# 제목"),
        new_code_cell(SOFTMAX),
        new_code_cell("from sgns.checks import check\ncheck('nb02-softmax', softmax)"),
        new_code_cell(SIGMOID),
        new_code_cell("sgns.checks.check_sigmoid(sigmoid)"),
    )
    roles = [(r.index, r.kind, r.grade_id, r.points) for r in cell_roles(nb, "03_how.ipynb")]
    assert roles == [
        (1, "exercise", "nb02-softmax", None),
        (2, "check", "nb02-softmax-check", checks.GRADING["nb02-softmax"].points),
        (3, "exercise", "nb03-sigmoid", None),
        (4, "check", "nb03-sigmoid-check", checks.GRADING["nb03-sigmoid"].points),
    ]
    nb.cells[0:0] = [new_code_cell("x = 1"), new_markdown_cell("더한 셀")]
    assert [r.grade_id for r in cell_roles(nb, "03_how.ipynb")] == [g for _, _, g, _ in roles]


def test_derivations_and_answers_get_numbered_ids_and_manual_points():
    nb = _nb(
        new_markdown_cell("### 유도\n풀이", metadata={"tags": ["solution"]}),
        new_markdown_cell("모범 답안", metadata={"tags": ["answer-key"]}),
        new_markdown_cell("두 번째 유도", metadata={"tags": ["solution"]}),
    )
    written = with_nbgrader_metadata(nb, "04_math.ipynb")
    meta = _meta(written)
    ids = ["nb04-derivation-1", "nb04-answer-1", "nb04-derivation-2"]
    assert [m["grade_id"] for m in meta] == ids
    assert meta[0] | {} == {
        "grade": True,
        "grade_id": "nb04-derivation-1",
        "locked": False,
        "points": checks.MANUAL_POINTS["solution"],
        "schema_version": 3,
        "solution": True,
        "task": False,
    }
    assert meta[1]["points"] == checks.MANUAL_POINTS["answer-key"] and meta[1]["grade"] and meta[1]["solution"]
    assert schema_problems(written, "04_math.ipynb") == []


def test_a_solution_cell_without_an_exercise_module_is_an_error_with_the_command_to_fix_it(tmp_path, capsys):
    """등록되지 않은 풀이 셀은 조용히 ``nb04-solution-1`` 이 되지 않고, 노트북·셀 번호·고치는 명령을 말합니다."""
    scale = "def scale(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION"
    nb = _nb(new_markdown_cell("앞"), new_code_cell(scale), new_code_cell("scale(1)"))
    with pytest.raises(MappingError) as error:
        cell_roles(nb, "04_math.ipynb")
    message = str(error.value)
    for part in ("04_math.ipynb", "셀 1번", "make new-exercise", "NB=04_math", "NAME=nb04-", "FUNCTION=scale"):
        assert part in message, message
    path = tmp_path / "04_math.ipynb"
    nbformat.write(nb, path)
    assert main(["--check", str(path)]) == 1
    assert "make new-exercise" in capsys.readouterr().err


def test_two_notebooks_of_one_chapter_get_different_grade_id_prefixes():
    """04_math 와 04b_training (4장의 두 시간) 의 유도·답 셀 id 가 겹치지 않습니다. 연습문제 id 는 그대로."""
    assert [notebook_prefix(n) for n in ("04_math.ipynb", "04b_training.ipynb", "07_optimum.ipynb")] == [
        "nb04",
        "nb04b",
        "nb07",
    ]
    assert notebook_prefix("3rd.ipynb") == "nb3"  # 숫자 뒤의 낱말은 접두어가 아님
    nb = _nb(new_markdown_cell("### 유도\n풀이", metadata={"tags": ["solution"]}),
             new_markdown_cell("모범 답안", metadata={"tags": ["answer-key"]}))  # fmt: skip
    first, second = ({r.grade_id for r in cell_roles(nb, name)} for name in ("04_math.ipynb", "04b_training.ipynb"))
    assert first == {"nb04-derivation-1", "nb04-answer-1"} and not first & second
    ids = [
        c.metadata["nbgrader"]["grade_id"]
        for path in NOTEBOOKS
        for c in nbformat.read(path, as_version=4).cells
        if "nbgrader" in c.metadata
    ]
    assert len(ids) == len(set(ids))  # 강의 전체에서 grade_id 가 한 번씩


def test_metadata_of_a_cell_that_lost_its_role_is_removed():
    nb = _nb(new_code_cell("print(1)", metadata={"nbgrader": {"grade": True, "grade_id": "old", "points": 1}}))
    assert _meta(with_nbgrader_metadata(nb, "01.ipynb")) == [None]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ([SOFTMAX, "check_softmax(softmax)\nprint('끝')"], "마지막 식이 아닙니다"),
        ([SOFTMAX, "check_softmax(softmax);"], "마지막 식이 아닙니다"),
        ([SOFTMAX, "check_softmax(softmax)\ncheck_softmax(softmax)"], "확인 호출이 2개"),
        ([SOFTMAX, SOFTMAX, "check_softmax(softmax)"], "풀이 셀이 둘"),
        ([SOFTMAX + "\n\n" + SIGMOID, "check_softmax(softmax)", "check_sigmoid(sigmoid)"], "두 연습문제"),
    ],
)
def test_ambiguous_structure_is_refused_with_a_korean_reason(cells, message):
    with pytest.raises(MappingError, match=message):
        cell_roles(_nb(*map(new_code_cell, cells)), "02.ipynb")


def test_check_calls_are_found_in_every_spelling():
    source = "sgns.checks.check_softmax(softmax)\ncheck_sigmoid(my_sigmoid)\ncheck('nb05-alias-table', f)\nprint(1)"
    calls = check_calls(parse_cell(source))
    assert [(c.exercise, c.argument, c.last_expression) for c in calls] == [
        ("nb02-softmax", "softmax", False),
        ("nb03-sigmoid", "my_sigmoid", False),
        ("nb05-alias-table", "f", False),
    ]
    assert check_calls(parse_cell("%matplotlib inline\ncheck_softmax(softmax)"))[0].last_expression


def _tagged(make_cell, source, **flags):
    """nbgrader 메타데이터를 손으로 붙인 셀 (스키마 버전 3, 나머지 값은 flags)."""
    meta = {"schema_version": 3, "grade": False, "solution": False, "locked": False, **flags}
    return make_cell(source, metadata={"nbgrader": meta})


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        (new_code_cell(SOFTMAX), "답 셀이 아닙니다"),
        (new_code_cell("x", metadata={"nbgrader": {"grade": True, "solution": False, "locked": False}}), "스키마"),
        (_tagged(new_markdown_cell, "a", grade=True, grade_id="a", points=1), "답 셀"),
        (_tagged(new_code_cell, "x", grade=True, locked=True, grade_id="a"), "points"),
        (_tagged(new_code_cell, "x", solution=True, grade_id="한글 id"), "스키마"),
        (_tagged(new_code_cell, SOFTMAX, locked=True, grade_id="a"), "답 셀이 아닌 셀"),
    ],
)
def test_schema_check_rejects_what_nbgrader_rejects(cell, problem):
    problems = schema_problems(_nb(cell), "x.ipynb")
    assert problems and problem in problems[0], problems


def test_duplicate_grade_ids_are_rejected():
    cells = [_tagged(new_code_cell, source, solution=True, grade_id="a") for source in ("x", "y")]
    problems = schema_problems(_nb(*cells), "x.ipynb")
    assert problems == ["x.ipynb 셀 1번: grade_id 'a' 가 셀 0번과 겹칩니다"]


def test_check_mode_reports_stale_notebooks_and_mapping_errors(tmp_path, capsys):
    path = tmp_path / "02.ipynb"
    nbformat.write(_nb(new_code_cell(SOFTMAX), new_code_cell("check_softmax(softmax)")), path)
    assert main(["--check", str(path)]) == 1
    assert "최신이 아닙니다" in capsys.readouterr().err
    nbformat.write(_nb(new_code_cell(SOFTMAX), new_code_cell("check_softmax(softmax); x = 1")), path)
    assert main(["--write", str(path)]) == 1
    assert "마지막 식이 아닙니다" in capsys.readouterr().err


def test_checks_return_the_score_only_when_nbgrader_is_grading(monkeypatch):
    """nbgrader 는 채점 셀의 실행 결과(float)를 부분 점수로 읽습니다. 평소에는 아무것도 돌려주지 않습니다."""

    nb = answer(student(REPO / "notebooks" / "01_concept.ipynb"), "nb01-skipgram-pairs", SKIPGRAM_DEDUPLICATED)
    deduplicated = defined_function(nb, "nb01-skipgram-pairs")  # 같은 쌍을 한 번만 넣는 흔한 실수: 일부 사례만 통과

    monkeypatch.delenv(checks.NBGRADER_ENV_VAR, raising=False)
    assert checks.check_skipgram_pairs(deduplicated) is None
    monkeypatch.setenv(checks.NBGRADER_ENV_VAR, "autograde")
    record = checks.evaluate("nb01-skipgram-pairs", deduplicated)
    score = checks.check_skipgram_pairs(deduplicated)
    assert 0 < score < checks.GRADING["nb01-skipgram-pairs"].points
    assert score == record.score() == pytest.approx(record.points * record.passed / record.total)
    assert checks.check("nb01-skipgram-pairs", lambda tokens, window: None) == 0.0
