"""학생용 노트북 도구: make_student, start_exercises, refresh_notebooks (작은 임시 노트북으로)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import colab
import make_student
import nbformat
import pytest
import refresh_notebooks
import start_exercises
from course_files import is_read_only
from hypothesis import given, settings
from hypothesis import strategies as st
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from conftest import REPO

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


def hand_edit(path):
    """학생이 JupyterLab 에서 고친 것처럼 (읽기 전용이면 먼저 쓰기 권한을 켬)."""
    path.chmod(0o644)
    edited = path.read_text(encoding="utf-8").replace("NotImplementedError()", "NotImplementedError('내 답')")
    path.write_text(edited, encoding="utf-8")
    return edited


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
    edited = hand_edit(student_file)
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
# make_student: 마크다운 풀이(solution)와 모범 답안(answer-key)
# ---------------------------------------------------------------------------

DERIVATION = "### 유도 2: 중심 단어의 기울기\n$$\\frac{\\partial J}{\\partial v_c} = (\\sigma(u_o^\\top v_c) - 1) u_o$$"
MODEL_ANSWER = "**모범 답안.** k 가 크면 드문 단어가 잡음으로 더 자주 뽑혀 빈출어의 벡터가 덜 흔들립니다."


def tagged(source, *tags, **extra):
    return new_markdown_cell(source, metadata={"tags": list(tags)}, **extra)


def test_solution_and_answer_key_markdown_are_replaced_by_prompts(tmp_path):
    src, dst = tmp_path / "nb", tmp_path / "st"
    src.mkdir()
    question = new_markdown_cell("## 생각해 볼 문제\n1. k 를 키우면 무엇이 달라질까요?")
    no_heading = tagged("먼저 σ'(x) = σ(x)(1 - σ(x)) 를 보이면 됩니다.", "solution")
    image = tagged("![풀이](attachment:proof.png)", "solution", attachments={"proof.png": {"image/png": "iVBOR"}})
    cells = [tagged(DERIVATION, "solution"), no_heading, image, question, tagged(MODEL_ANSWER, "answer-key")]
    write_notebook(src / "04_math.ipynb", cells)

    assert make(src, dst) == 0
    text = (dst / "04_math.ipynb").read_text(encoding="utf-8")
    nb = colab.without_colab_cell(nbformat.read(dst / "04_math.ipynb", as_version=4))  # Colab 셀은 test_colab.py
    for secret in ("partial J", "σ(x)(1 - σ(x))", "attachment:proof", "iVBOR", "모범 답안", "덜 흔들립니다"):
        assert secret not in text
    prompt = make_student.DERIVATION_PROMPT
    assert nb.cells[0].source == f"### 유도 2: 중심 단어의 기울기\n\n{prompt}"  # 첫 제목 줄은 남김
    assert nb.cells[1].source == prompt and nb.cells[2].source == prompt
    assert "attachments" not in nb.cells[2]
    assert nb.cells[3].source == question.source  # 태그 없는 마크다운은 그대로
    assert nb.cells[4].source == make_student.NUMBERED_ANSWER_PROMPT.format(number=1)  # 질문 번호가 붙은 답 칸
    assert [c.metadata for c in nb.cells] == [c.metadata for c in cells]

    first = (dst / "04_math.ipynb").read_bytes()
    assert make(src, dst) == 0 and make(src, dst, "--check") == 0
    assert (dst / "04_math.ipynb").read_bytes() == first


@pytest.mark.parametrize(
    ("cell", "phrase"),
    [
        (new_markdown_cell("```\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n```"), "마크다운 셀에 코드 풀이 표식"),
        (tagged("유도\n  ### END SOLUTION", "solution"), "마크다운 셀에 코드 풀이 표식"),
        (tagged("답", "solution", "answer-key"), "함께 있습니다"),
        (new_code_cell("answer = 42", metadata={"tags": ["solution"]}), "표식이 없습니다"),
    ],
    ids=["markers-in-markdown", "markers-in-tagged-markdown", "both-tags", "tagged-code-without-markers"],
)
def test_markdown_marker_errors_stop_without_writing(tmp_path, capsys, cell, phrase):
    src, dst = tmp_path / "nb", tmp_path / "st"
    src.mkdir()
    write_notebook(src / "02_bad.ipynb", [new_markdown_cell("# 제목"), cell])
    assert make(src, dst) == 1
    err = capsys.readouterr().err
    assert phrase in err and "02_bad.ipynb" in err and "셀 2번" in err
    assert not dst.exists()


def test_first_heading_only_when_it_opens_the_cell():
    assert make_student.first_heading("\n#### 연습 4\n본문") == "#### 연습 4"
    assert make_student.first_heading("본문\n# 가운데 제목") is None
    assert make_student.first_heading("#해시태그 아님") is None
    assert make_student.first_heading("") is None


# ---------------------------------------------------------------------------
# make_student: git 이 답하지 못해도 손 수정을 덮어쓰지 않습니다 (ZIP, 다른 사용자 소유)
# ---------------------------------------------------------------------------


def zip_copy(repo, target):
    """.git 없이 복사 (ZIP 으로 받은 폴더)."""
    shutil.copytree(repo, target, ignore=shutil.ignore_patterns(".git", "build"))
    return target / "notebooks", target / "student"


def fake_git(folder, message):
    """PATH 앞에 둘 가짜 git: 항상 message 를 stderr 에 쓰고 128 로 실패."""
    folder.mkdir()
    script = folder / "git"
    script.write_text(f"#!/bin/sh\necho \"{message}\" >&2\nexit 128\n", encoding="utf-8")
    script.chmod(0o755)
    return folder


def test_zip_copy_refuses_to_overwrite_hand_edited_student_file(course, tmp_path_factory, capsys):
    src, dst = course
    make(src, dst)
    commit_everything(src.parent)
    src, dst = zip_copy(src.parent, tmp_path_factory.mktemp("download") / "course")
    student_file = dst / "03_sigmoid.ipynb"
    edited = hand_edit(student_file)

    assert make(src, dst) == 1
    err = capsys.readouterr().err
    assert "03_sigmoid.ipynb" in err and "덮어쓰지 않았습니다" in err and "git 저장소가 아닙니다" in err
    assert "my-work/" in err and "--force" in err
    assert student_file.read_text(encoding="utf-8") == edited


def test_zip_copy_regenerates_untouched_files_from_the_committed_record(course, tmp_path_factory):
    src, dst = course
    make(src, dst)
    src, dst = zip_copy(src.parent, tmp_path_factory.mktemp("download") / "course")
    instructor_notebook(src / "03_sigmoid.ipynb", extra_line="\nimport math")
    assert make(src, dst) == 0  # 로컬 기록(build/)도 git 도 없음: 커밋된 student/.generated.json 으로 판단
    assert "import math" in (dst / "03_sigmoid.ipynb").read_text(encoding="utf-8")


@pytest.mark.parametrize("failure", ["dubious-ownership", "git-dir-nowhere"])
def test_failing_git_means_unknown_file_is_kept(course, tmp_path, monkeypatch, capsys, failure):
    src, dst = course
    make(src, dst)
    commit_everything(src.parent)
    (src.parent / "build").rename(tmp_path / "old-build")  # 이 컴퓨터의 기록도 없는 경우
    edited = hand_edit(dst / "03_sigmoid.ipynb")
    if failure == "dubious-ownership":
        message = f"fatal: detected dubious ownership in repository at '{src.parent}'"
        fake = fake_git(tmp_path / "fake-bin", message)
        monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
        expected = "dubious ownership"
    else:
        monkeypatch.setenv("GIT_DIR", str(tmp_path / "nowhere"))
        expected = "git 저장소가 아닙니다"

    assert make(src, dst) == 1
    assert expected in capsys.readouterr().err
    assert (dst / "03_sigmoid.ipynb").read_text(encoding="utf-8") == edited


def test_student_files_are_read_only_and_check_needs_the_record(course, capsys):
    src, dst = course
    make(src, dst)
    assert is_read_only(dst / "03_sigmoid.ipynb")
    assert not is_read_only(dst / make_student.RECORD_NAME)
    record = make_student.load_record(dst)
    assert set(record) == {"03_sigmoid.ipynb"} and len(record["03_sigmoid.ipynb"]) == 64

    (dst / make_student.RECORD_NAME).unlink()
    assert make(src, dst, "--check") == 1
    assert "생성 기록" in capsys.readouterr().err
    assert make(src, dst) == 0 and make(src, dst, "--check") == 0


@pytest.fixture
def shared_folder():
    """다른 사용자도 들어올 수 있는 임시 폴더 (pytest 의 tmp_path 는 root 만 들어갈 수 있음)."""
    folder = Path(tempfile.mkdtemp(prefix="student-ro-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_regenerates_over_read_only_files_as_an_ordinary_user(shared_folder):
    """읽기 전용 학생판도 다시 만들 수 있습니다 (root 가 아닌 사용자로; 테스트가 root 면 nobody 로 실행)."""
    src, dst = shared_folder / "notebooks", shared_folder / "student"
    src.mkdir()
    command = [sys.executable, str(REPO / "tools" / "make_student.py")]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root 인데 setpriv 가 없습니다")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        probe = subprocess.run([*command[:4], sys.executable, "-c", "import sgns"], cwd=REPO,
                               capture_output=True, text=True)
        if probe.returncode != 0:
            # 예: pyenv 파이썬이 root 만 읽을 수 있는 곳에 있어 nobody 는 그 파이썬을 실행할 수 없습니다.
            pytest.skip(f"nobody 사용자가 이 파이썬을 실행할 수 없습니다: {probe.stderr.strip()[:200]}")

    def as_user(extra_line):
        instructor_notebook(src / "03_sigmoid.ipynb", extra_line=extra_line)
        if os.geteuid() == 0:
            for path in [shared_folder, src, src / "03_sigmoid.ipynb", *shared_folder.glob("*/*")]:
                os.chown(path, 65534, 65534)
        return subprocess.run(command, cwd=shared_folder, capture_output=True, text=True)

    first = as_user("")
    assert first.returncode == 0, first.stderr
    assert is_read_only(dst / "03_sigmoid.ipynb")
    second = as_user("\nimport math")
    assert second.returncode == 0, second.stderr
    assert "import math" in (dst / "03_sigmoid.ipynb").read_text(encoding="utf-8")
    assert is_read_only(dst / "03_sigmoid.ipynb")


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


def exercises(dst, work):
    return start_exercises.main(["--src", str(dst), "--dst", str(work)])


def snapshot(folder):
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_new_course_version_is_offered_beside_the_students_file_once(course, capsys):
    src, dst = course
    work = src.parent / "my-work"
    make(src, dst)
    exercises(dst, work)
    mine = work / "03_sigmoid.ipynb"
    my_answer = hand_edit(mine)
    capsys.readouterr()

    instructor_notebook(src / "03_sigmoid.ipynb", extra_line="\nimport math")  # 강의가 바뀜
    make(src, dst)
    assert exercises(dst, work) == 0
    out = capsys.readouterr().out
    offered = work / "03_sigmoid.새버전.ipynb"
    assert mine.read_text(encoding="utf-8") == my_answer
    assert offered.read_bytes() == (dst / "03_sigmoid.ipynb").read_bytes()
    assert "새 버전" in out and str(offered) in out and "예전 버전에서 복사한 것" in out
    names = sorted(p.name for p in work.glob("*.ipynb"))
    assert names.index("03_sigmoid.새버전.ipynb") == names.index("03_sigmoid.ipynb") + 1  # 바로 옆에 정렬
    assert not is_read_only(offered)

    before = snapshot(work)
    assert exercises(dst, work) == 0  # 같은 새 버전은 한 번만
    out = capsys.readouterr().out
    assert snapshot(work) == before
    assert "전에 03_sigmoid.새버전.ipynb 으로 복사해 두었습니다" in out and "🆕" not in out

    instructor_notebook(src / "03_sigmoid.ipynb", extra_line="\nimport cmath")  # 또 바뀜
    make(src, dst)
    assert exercises(dst, work) == 0
    second = work / "03_sigmoid.새버전2.ipynb"
    assert second.read_bytes() == (dst / "03_sigmoid.ipynb").read_bytes()
    assert offered.read_bytes() == before[offered.name] and mine.read_text(encoding="utf-8") == my_answer


def test_unedited_old_copy_and_copy_without_record_get_the_new_version_beside(course, capsys):
    src, dst = course
    work = src.parent / "my-work"
    make(src, dst)
    instructor_notebook(src / "04_other.ipynb")
    make(src, dst)
    exercises(dst, work)
    (work / start_exercises.SOURCES).unlink()  # 기록이 생기기 전에 복사한 사본
    legacy = hand_edit(work / "04_other.ipynb")
    untouched = (work / "03_sigmoid.ipynb").read_bytes()
    capsys.readouterr()

    instructor_notebook(src / "03_sigmoid.ipynb", extra_line="\nimport math")
    make(src, dst)
    assert exercises(dst, work) == 0
    out = capsys.readouterr().out
    assert (work / "03_sigmoid.ipynb").read_bytes() == untouched  # 고치지 않은 사본도 덮어쓰지 않음
    assert (work / "03_sigmoid.새버전.ipynb").exists()
    assert (work / "04_other.ipynb").read_text(encoding="utf-8") == legacy
    assert (work / "04_other.새버전.ipynb").exists() and "기록이 없지만" in out


def test_exercises_copy_locks_the_student_edition_not_the_copies(course):
    src, dst = course
    make(src, dst)
    (dst / "03_sigmoid.ipynb").chmod(0o644)  # 새로 받은 저장소처럼
    work = src.parent / "내 작업"
    assert exercises(dst, work) == 0
    assert is_read_only(dst / "03_sigmoid.ipynb")
    assert not is_read_only(work / "03_sigmoid.ipynb")


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
    good.chmod(0o444)  # make update 가 잠근 노트북도 다시 실행해 저장할 수 있고, 잠금은 유지됩니다

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
    assert is_read_only(good)


def test_instructor_can_regenerate_twice_before_committing(course):
    """강사가 커밋 전에 노트북을 두 번 고쳐 다시 만들어도 멈추지 않습니다 (도구가 쓴 내용은 손 수정이 아님)."""
    src, dst = course
    repo = src.parent
    commit_everything(repo)
    assert make(src, dst) == 0
    instructor_notebook(src / "03_sigmoid.ipynb", extra_line="\nimport math")
    assert make(src, dst) == 0
    assert "import math" in (dst / "03_sigmoid.ipynb").read_text(encoding="utf-8")
