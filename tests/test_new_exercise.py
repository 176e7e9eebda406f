"""``make new-exercise`` (tools/new_exercise.py): 저장소의 임시 복사본에서 모듈과 노트북 셀을 만들고, 만든 모듈이
찾아지고 확인 함수가 생기며, 노트북의 셀이 연습문제 셀·확인 셀로 읽히는지 봅니다. 잘못 부르면 한국어로 고치는 법."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import nbformat
import pytest
from new_exercise import PLACED_LINE, main, module_path, notebook_cells

from conftest import REPO
from grading import exercise_cells

NOTEBOOK = "03_how_it_works"
COMMAND = ["--notebook", NOTEBOOK, "--name", "nb03-scaled-sum", "--function", "scaled_sum", "--args", "x, scale=2.0"]


@pytest.fixture
def course(tmp_path):
    """sgns 패키지와 노트북 하나를 복사한 임시 저장소."""
    shutil.copytree(REPO / "sgns", tmp_path / "sgns", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "notebooks").mkdir()
    shutil.copy(REPO / "notebooks" / f"{NOTEBOOK}.ipynb", tmp_path / "notebooks")
    return tmp_path


def _run(course, *args):
    return main([*COMMAND, "--root", str(course), *args])


def _in_copy(course, code: str) -> dict:
    """복사본의 sgns 로 code 를 실행하고 마지막에 print 한 JSON 을 읽습니다."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(course), str(REPO / "tools")])}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=course, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_module_and_three_cells_are_written_and_the_exercise_is_discovered(course, capsys):
    before = nbformat.read(course / "notebooks" / f"{NOTEBOOK}.ipynb", as_version=4)
    assert _run(course, "--after", "12") == 0
    out = capsys.readouterr().out
    assert "make notebook NB=03_how_it_works" in out
    later = sum(c.source.startswith("### 연습문제") for c in before.cells[13:])
    assert later >= 1 and f"뒤의 연습문제 {later}개의 제목 번호" in out  # 03 의 연습문제 앞에 넣었으니 번호를 올려야 함

    module = module_path(course, "nb03-scaled-sum")
    assert module.name == "nb03_scaled_sum.py" and PLACED_LINE not in module.read_text(encoding="utf-8")
    nb = nbformat.read(course / "notebooks" / f"{NOTEBOOK}.ipynb", as_version=4)
    assert len(nb.cells) == len(before.cells) + 3
    markdown, solution, check = nb.cells[13:16]
    assert markdown.cell_type == "markdown" and "`scaled_sum(x, scale=2.0)`" in markdown.source
    assert markdown.source.startswith("### 연습문제 1: ")  # 03 의 첫 연습문제 앞: 번호 1
    assert solution.source.startswith("def scaled_sum(x, scale=2.0):")
    assert "### BEGIN SOLUTION" in solution.source and "### END SOLUTION" in solution.source
    assert check.source == "sgns.checks.check_scaled_sum(scaled_sum)"
    assert [c.source for c in nb.cells[16:]] == [c.source for c in before.cells[13:]]  # 뒤의 셀은 그대로

    found = _in_copy(course, CHECK_IN_COPY)
    assert found["placed"] and found["check"] == "check_scaled_sum" and found["points"] > 0
    assert found["order"] == 3  # 03 의 연습문제 둘 뒤
    assert found["cases"] == ["small", "large-input"] and found["todo"] == "todo"
    assert [14, "exercise", "nb03-scaled-sum"] in found["roles"]
    assert [15, "check", "nb03-scaled-sum-check"] in found["roles"]


CHECK_IN_COPY = """
import json, nbformat
from sgns import checks
from grading.exercise_cells import cell_roles

def stub(x, scale=2.0):
    raise NotImplementedError()

nb = nbformat.read("notebooks/03_how_it_works.ipynb", as_version=4)
spec = checks.exercise("nb03-scaled-sum")
print(json.dumps({
    "placed": spec.placed,
    "order": spec.order,
    "points": checks.GRADING["nb03-scaled-sum"].points,
    "check": checks.check_scaled_sum.__name__,
    "cases": [c.id for c in spec.make_cases()],
    "todo": checks.evaluate("nb03-scaled-sum", stub).status,
    "roles": [(r.index, r.kind, r.grade_id) for r in cell_roles(nb, "03_how_it_works.ipynb")],
}))
"""


def test_module_first_then_cells_later(course):
    """AFTER 없이 모듈만 만들면 placed=False 가 들어가고, 나중에 AFTER 를 주면 셀만 넣고 그 줄을 지웁니다."""
    assert _run(course) == 0
    module = module_path(course, "nb03-scaled-sum")
    assert PLACED_LINE in module.read_text(encoding="utf-8")
    cells_before = len(nbformat.read(course / "notebooks" / f"{NOTEBOOK}.ipynb", as_version=4).cells)
    assert _run(course, "--after", "12") == 0
    assert PLACED_LINE not in module.read_text(encoding="utf-8")
    assert len(nbformat.read(course / "notebooks" / f"{NOTEBOOK}.ipynb", as_version=4).cells) == cells_before + 3
    assert _run(course, "--after", "12") == 1  # 셀이 이미 있으면 두 번 넣지 않음


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--name": "nb04-scaled-sum"}, "nb03-<소문자-낱말>"),
        ({"--name": "nb03-Scaled"}, "nb03-<소문자-낱말>"),
        ({"--function": "sigmoid"}, "nb03-sigmoid"),
        ({"--function": "class"}, "파이썬 함수 이름이 아닙니다"),
        ({"--args": "x,,"}, "인자 목록이 아닙니다"),
        ({"--notebook": "99_none"}, "있는 노트북: 03_how_it_works"),
        ({"--name": "nb03-sigmoid", "--function": "sigmoid"}, "이미 있는 연습문제"),
        ({"--after": "9999"}, "셀 번호는 0 부터"),
    ],
)
def test_bad_requests_are_refused_in_korean_without_writing_anything(course, capsys, change, message):
    argv = list(COMMAND) + ["--root", str(course)]
    for flag, value in change.items():
        if flag in argv:
            argv[argv.index(flag) + 1] = value
        else:
            argv += [flag, value]
    before = sorted(p.name for p in (course / "sgns" / "checks" / "exercises").iterdir())
    notebook = (course / "notebooks" / f"{NOTEBOOK}.ipynb").read_bytes()
    assert main(argv) == 1
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in (course / "sgns" / "checks" / "exercises").iterdir()) == before
    assert (course / "notebooks" / f"{NOTEBOOK}.ipynb").read_bytes() == notebook


def test_a_solution_cell_written_before_its_module_names_the_command():
    """셀을 먼저 쓰고 모듈을 잊으면 make lecture 가 노트북, 셀 번호, 모듈을 만드는 명령을 알려 줍니다."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("앞"), *notebook_cells("nb03-x", "scaled", "x")])
    with pytest.raises(exercise_cells.MappingError) as error:
        exercise_cells.cell_roles(nb, "03_how_it_works.ipynb")
    for part in ("03_how_it_works.ipynb 셀 2번", "make new-exercise NB=03_how_it_works", "FUNCTION=scaled"):
        assert part in str(error.value)


def test_the_makefile_target_passes_every_variable():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nnew-exercise:", 1)[1].split("\n\n", 1)[0]
    for variable in ("$(NB)", "$(NAME)", "$(FUNCTION)", "$(ARGS)", "$(AFTER)"):
        assert variable in recipe
    assert "make new-exercise" in makefile.split("\nhelp:", 1)[1].split("\n\n", 1)[0]


def test_the_second_notebook_of_a_chapter_takes_the_chapter_id_and_continues_its_numbers(tmp_path):
    """04b 의 연습문제는 장 번호 nb04- 로 시작하고 (nb04-train-loop 처럼), 제목 번호는 앞 연습문제에서 이어집니다."""
    shutil.copytree(REPO / "sgns", tmp_path / "sgns", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "notebooks").mkdir()
    path = tmp_path / "notebooks" / "04b_training.ipynb"
    shutil.copy(REPO / "notebooks" / path.name, path)
    before = nbformat.read(path, as_version=4)
    headings = [i for i, c in enumerate(before.cells) if c.cell_type == "markdown" and "### 연습문제" in c.source]
    first = int(before.cells[headings[0]].source.split("### 연습문제 ", 1)[1].split(":", 1)[0])
    argv = ["--notebook", "04b_training", "--function", "window_sizes", "--args", "rng, window"]
    argv += ["--root", str(tmp_path)]
    assert main([*argv, "--name", "nb04b-window-sizes", "--after", str(headings[0] + 2)]) == 1  # nb04b- 는 거절
    assert main([*argv, "--name", "nb04-window-sizes", "--after", str(headings[0] + 2)]) == 0
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[headings[0] + 3].source.startswith(f"### 연습문제 {first + 1}: ")
    assert module_path(tmp_path, "nb04-window-sizes").is_file()
