"""학생용 노트북 도구: make_student, start_exercises, refresh_notebooks (작은 임시 노트북으로)."""

from __future__ import annotations

import subprocess

import colab
import make_student
import nbformat
import pytest
import refresh_notebooks
import start_exercises
from hypothesis import given, settings
from hypothesis import strategies as st
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

SOLUTION_CELL = """def sigmoid(x):
    \"\"\"시그모이드.\"\"\"
    ### BEGIN SOLUTION
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
    ### END SOLUTION"""

STUDENT_CELL = """def sigmoid(x):
    \"\"\"시그모이드.\"\"\"
    # 여기에 코드를 작성하세요
    raise NotImplementedError()"""


def write_notebook(path, cells, **metadata):
    nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}, **metadata})
    nbformat.write(nb, path)
    return nb


def instructor_notebook(path, extra_line=""):
    executed = new_code_cell(
        "import numpy as np" + extra_line,
        execution_count=1,
        outputs=[new_output("stream", name="stdout", text="hi\n")],
        metadata={"tags": ["parameters"]},
    )
    solution = new_code_cell(
        SOLUTION_CELL,
        execution_count=2,
        outputs=[new_output("execute_result", data={"text/plain": "1"}, execution_count=2)],
    )
    top_level = new_code_cell("### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION\nprint(answer)", execution_count=3)
    markdown = new_markdown_cell("### 연습문제 3: 시그모이드\n`sigmoid(x)` 를 작성하세요.")
    return write_notebook(path, [markdown, executed, solution, top_level], language_info={"name": "python"})


@pytest.fixture
def course(tmp_path):
    src, dst = tmp_path / "notebooks", tmp_path / "student"
    src.mkdir()
    instructor_notebook(src / "03_sigmoid.ipynb")
    return src, dst


def make(src, dst, *flags):
    manifest = src.parent / "build" / "student-manifest.json"
    return make_student.main(["--src", str(src), "--dst", str(dst), "--manifest", str(manifest), *flags])


def git(repo, *args):
    subprocess.run(
        ["git", "-c", "user.email=course@example.com", "-c", "user.name=Course", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def commit_everything(repo):
    """``repo`` 를 새 git 저장소로 만들고 지금 있는 파일을 모두 커밋합니다 (학생이 받은 상태)."""
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "start")


# ---------------------------------------------------------------------------
# make_student
# ---------------------------------------------------------------------------


def test_solution_replaced_by_stub_with_indentation_and_outputs_cleared(course):
    src, dst = course
    assert make(src, dst) == 0
    nb = colab.without_colab_cell(nbformat.read(dst / "03_sigmoid.ipynb", as_version=4))  # Colab 셀은 test_colab.py
    original = nbformat.read(src / "03_sigmoid.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[1].source == STUDENT_CELL
    assert code[2].source == "# 여기에 코드를 작성하세요\nraise NotImplementedError()\nprint(answer)"
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert code[0].source == "import numpy as np"
    assert code[0].metadata == {"tags": ["parameters"]}
    assert nb.cells[0] == original.cells[0]  # 마크다운 그대로
    assert nb.metadata == original.metadata
    assert [c.get("id") for c in nb.cells] == [c.get("id") for c in original.cells]


def test_generation_is_byte_stable_and_check_passes(course, capsys):
    src, dst = course
    make(src, dst)
    first = (dst / "03_sigmoid.ipynb").read_bytes()
    assert first.endswith(b"}\n")
    assert make(src, dst) == 0
    assert (dst / "03_sigmoid.ipynb").read_bytes() == first
    assert make(src, dst, "--check") == 0
    assert "최신" in capsys.readouterr().out


def test_check_fails_after_source_change_missing_or_extra_file(course, capsys):
    src, dst = course
    make(src, dst)
    instructor_notebook(src / "03_sigmoid.ipynb", extra_line="\nimport math")
    assert make(src, dst, "--check") == 1
    assert "오래됨" in capsys.readouterr().err

    make(src, dst)
    (dst / "99_old.ipynb").write_text("{}")
    instructor_notebook(src / "04_new.ipynb")
    assert make(src, dst, "--check") == 1
    err = capsys.readouterr().err
    assert "강의 노트북에 없는 파일" in err and "99_old.ipynb" in err
    assert "없음" in err and "04_new.ipynb" in err


def test_refuses_to_overwrite_uncommitted_student_edit(course, capsys):
    src, dst = course
    repo = src.parent
    make(src, dst)
    commit_everything(repo)

    student_file = dst / "03_sigmoid.ipynb"
    edited = student_file.read_text(encoding="utf-8").replace("NotImplementedError()", "NotImplementedError('손')")
    student_file.write_text(edited, encoding="utf-8")
    instructor_notebook(src / "03_sigmoid.ipynb", extra_line="\nimport math")

    assert make(src, dst) == 1
    err = capsys.readouterr().err
    assert "03_sigmoid.ipynb" in err and "커밋하지 않은 수정" in err and "--force" in err
    assert student_file.read_text(encoding="utf-8") == edited

    assert make(src, dst, "--force") == 0
    assert "import math" in student_file.read_text(encoding="utf-8")


def test_committed_student_file_is_regenerated_without_force(course):
    src, dst = course
    repo = src.parent
    make(src, dst)
    commit_everything(repo)
    instructor_notebook(src / "03_sigmoid.ipynb", extra_line="\nimport math")
    assert make(src, dst) == 0
    assert "import math" in (dst / "03_sigmoid.ipynb").read_text(encoding="utf-8")


code_line = st.text(alphabet="abcxyz =+()1#가나", max_size=12).filter(lambda t: "SOLUTION" not in t)


@settings(max_examples=60, deadline=None)
@given(
    before=st.lists(code_line, max_size=3),
    body=st.lists(code_line, min_size=1, max_size=4),
    after=st.lists(code_line, max_size=3),
    indent=st.sampled_from(["", "    ", "        ", "\t"]),
)
def test_strip_solutions_keeps_everything_outside_the_markers(before, body, after, indent):
    source = "\n".join([*before, f"{indent}### BEGIN SOLUTION", *body, f"{indent}### END SOLUTION", *after])
    stub = [f"{indent}# 여기에 코드를 작성하세요", f"{indent}raise NotImplementedError()"]
    assert make_student.strip_solutions(source, "셀") == "\n".join([*before, *stub, *after])
    assert make_student.strip_solutions("\n".join(before), "셀") == "\n".join(before)


@pytest.mark.parametrize(
    ("source", "phrase"),
    [
        ("x = 1\n### BEGIN SOLUTION\ny = 2", "뒤에 '### END SOLUTION' 이 없습니다"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "또 나왔습니다"),
        ("y = 2\n### END SOLUTION", "앞에 '### BEGIN SOLUTION' 이 없습니다"),
    ],
    ids=["no-end", "nested", "no-begin"],
)
def test_marker_errors_name_notebook_and_cell(tmp_path, capsys, source, phrase):
    src, dst = tmp_path / "nb", tmp_path / "st"
    src.mkdir()
    write_notebook(src / "01_bad.ipynb", [new_markdown_cell("제목"), new_code_cell("a = 1"), new_code_cell(source)])
    assert make(src, dst) == 1
    err = capsys.readouterr().err
    assert phrase in err and "01_bad.ipynb" in err and "셀 3번" in err
    assert not dst.exists()


# ---------------------------------------------------------------------------
# start_exercises
# ---------------------------------------------------------------------------


def test_start_exercises_never_overwrites_student_work(course, capsys):
    src, dst = course
    make(src, dst)
    work = src.parent / "my-work"
    assert start_exercises.main(["--src", str(dst), "--dst", str(work)]) == 0
    assert "복사했습니다" in capsys.readouterr().out
    mine = work / "03_sigmoid.ipynb"
    assert mine.read_bytes() == (dst / "03_sigmoid.ipynb").read_bytes()

    my_answer = mine.read_text(encoding="utf-8").replace("raise NotImplementedError()", "return 1 / (1 + np.exp(-x))")
    mine.write_text(my_answer, encoding="utf-8")
    instructor_notebook(src / "04_new.ipynb")
    make(src, dst)

    assert start_exercises.main(["--src", str(dst), "--dst", str(work)]) == 0
    out = capsys.readouterr().out
    assert mine.read_text(encoding="utf-8") == my_answer
    assert "그대로 두었습니다" in out and "03_sigmoid.ipynb" in out and "덮어쓰지 않았습니다" in out
    assert "복사했습니다" in out and "04_new.ipynb" in out
    assert (work / "04_new.ipynb").exists()


# ---------------------------------------------------------------------------
# refresh_notebooks (커널을 띄우므로 작은 노트북 두 개만)
# ---------------------------------------------------------------------------


def test_refresh_updates_good_notebook_and_leaves_failing_one_untouched(tmp_path, capsys):
    good, bad = tmp_path / "good.ipynb", tmp_path / "bad.ipynb"
    (tmp_path / "data.txt").write_text("폴더 안 파일", encoding="utf-8")
    write_notebook(
        good,
        [
            new_code_cell("from pathlib import Path\ntext = Path('data.txt').read_text(encoding='utf-8')"),
            new_code_cell("print(text)"),
            new_code_cell("1 + 1"),
        ],
    )
    write_notebook(bad, [new_code_cell("print('시작')"), new_code_cell("raise RuntimeError('boom')")])
    bad_before = bad.read_bytes()

    assert refresh_notebooks.main([str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert f"✅ {good}" in captured.out and "초)" in captured.out
    assert str(bad) in captured.err and "RuntimeError: boom" in captured.err

    assert bad.read_bytes() == bad_before
    nb = nbformat.read(good, as_version=4)
    assert [c.execution_count for c in nb.cells] == [1, 2, 3]
    assert nb.cells[1].outputs[0]["text"] == "폴더 안 파일\n"  # 작업 폴더 = 노트북 폴더
    assert nb.cells[2].outputs[0]["data"]["text/plain"] == "2"
    assert all("execution" not in c.metadata for c in nb.cells)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ipynb", "data.txt", "good.ipynb"]  # 임시 파일 없음


def test_instructor_can_regenerate_twice_before_committing(course):
    """강사가 커밋 전에 노트북을 두 번 고쳐 다시 만들어도 멈추지 않습니다 (도구가 쓴 내용은 손 수정이 아님)."""
    src, dst = course
    repo = src.parent
    commit_everything(repo)
    assert make(src, dst) == 0
    instructor_notebook(src / "03_sigmoid.ipynb", extra_line="\nimport math")
    assert make(src, dst) == 0
    assert "import math" in (dst / "03_sigmoid.ipynb").read_text(encoding="utf-8")
