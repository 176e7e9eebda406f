"""실제 nbgrader 0.9.6 이 강사용 노트북을 받아들이는지: generate_assignment 와 autograde.

nbgrader 는 강의 .venv 와 따로 설치합니다 (자신의 의존성을 고정하므로): ``make nbgrader-test`` 가
``build/nbgrader-venv`` 를 만들고 이 테스트를 실행합니다. nbgrader 가 없으면 건너뜁니다 (스키마 검사는
tests/test_nbgrader_metadata.py 가 언제나 함). 환경 변수 ``NBGRADER`` 로 다른 nbgrader 실행 파일을 줄 수 있습니다.

nbgrader 의 커널은 강의 .venv 의 파이썬으로 돌립니다 (JUPYTER_PATH 의 ``python3`` 커널 정의).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from grade_fixtures import (
    SKIPGRAM_DEDUPLICATED,
    SKIPGRAM_SELF_PAIR,
    answer,
    defined_function,
    exercise_cell,
    instructor,
    student,
)
from nbformat.v4 import new_markdown_cell, new_notebook
from nbgrader_metadata import NBGRADER_V3_SCHEMA, with_nbgrader_metadata

from conftest import NOTEBOOKS, REPO
from sgns import checks

NBGRADER = Path(os.environ.get("NBGRADER", REPO / "build" / "nbgrader-venv" / "bin" / "nbgrader")).absolute()
pytestmark = pytest.mark.skipif(not NBGRADER.exists(), reason="nbgrader 가 없습니다 (make nbgrader-test)")
ASSIGNMENT = "sgns"
SECRET_DERIVATION = "유도-풀이-비밀-7731"
SECRET_ANSWER = "모범-답안-비밀-4410"


def _nbgrader_python() -> str:
    return str(NBGRADER.parent / "python")


def _env(course: Path) -> dict:
    env = dict(os.environ, PATH=f"{NBGRADER.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    env["JUPYTER_PATH"] = str(course / "jupyter")
    env.pop(checks.HIDDEN_CASES_ENV_VAR, None)
    return env


def _run(args: list[str], course: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=course, env=_env(course), capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def _manual_notebook() -> nbformat.NotebookNode:
    """유도와 생각해 볼 문제 셀이 있는 작은 노트북 (손으로 채점하는 답 셀이 어떻게 되는지 보려고)."""
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 손으로 채점하는 셀"),
            new_markdown_cell(f"### 유도\n{SECRET_DERIVATION}", metadata={"tags": ["solution"]}),
            new_markdown_cell(f"{SECRET_ANSWER}", metadata={"tags": ["answer-key"]}),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    return with_nbgrader_metadata(nb, "06_manual.ipynb")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """nbgrader 강좌 폴더: source/sgns/ 에 강사용 노트북 (메타데이터 씀), 설정, 강의 .venv 를 가리키는 커널."""
    root = tmp_path_factory.mktemp("course")
    source = root / "source" / ASSIGNMENT
    source.mkdir(parents=True)
    for path in NOTEBOOKS:
        nbformat.write(instructor(path), source / path.name)
    nbformat.write(_manual_notebook(), source / "06_manual.ipynb")
    shutil.copy(REPO / "grading" / "nbgrader_config.py", root / "nbgrader_config.py")
    kernel = root / "jupyter" / "kernels" / "python3"
    kernel.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (kernel / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "sgns", "language": "python"}))
    _run([str(NBGRADER), "generate_assignment", ASSIGNMENT, "--force"], root)
    return root


def test_without_the_metadata_nbgrader_refuses_the_notebook(tmp_path):
    """고치기 전의 문제: 풀이 표식만 있고 nbgrader 메타데이터가 없는 노트북은 generate_assignment 가 거절합니다."""
    source = tmp_path / "source" / ASSIGNMENT
    source.mkdir(parents=True)
    bare = nbformat.read(NOTEBOOKS[0], as_version=4)  # 커밋된 노트북에는 메타데이터가 있으므로 지운 사본으로
    for cell in bare.cells:
        cell.metadata.pop("nbgrader", None)
    nbformat.write(bare, source / NOTEBOOKS[0].name)
    args = [str(NBGRADER), "generate_assignment", ASSIGNMENT, "--force"]
    done = subprocess.run(args, cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert "Solution region detected in a non-solution cell" in done.stdout + done.stderr


def test_copied_schema_is_nbgrader_0_9_6s(course):
    code = "import importlib.resources as r; print(r.files('nbgrader.nbgraderformat').joinpath('v3.json').read_text())"
    installed = json.loads(_run([_nbgrader_python(), "-c", code], course).stdout)

    def strip(schema):
        if isinstance(schema, dict):
            return {k: strip(v) for k, v in schema.items() if k not in ("title", "description")}
        return schema

    assert strip(installed) == NBGRADER_V3_SCHEMA
    version = _run([_nbgrader_python(), "-c", "import nbgrader; print(nbgrader.__version__)"], course).stdout
    assert version.strip() == "0.9.6"


def test_nbgraders_own_validator_accepts_every_instructor_notebook(course):
    code = (
        "import sys, nbformat\n"
        "from nbgrader.nbgraderformat import MetadataValidator\n"
        "for path in sys.argv[1:]:\n"
        "    MetadataValidator().validate_nb(nbformat.read(path, as_version=4))\n"
        "print('ok', len(sys.argv) - 1)\n"
    )
    paths = sorted(str(p) for p in (course / "source" / ASSIGNMENT).glob("*.ipynb"))
    assert _run([_nbgrader_python(), "-c", code, *paths], course).stdout.strip() == f"ok {len(paths)}"


def _solution_lines(nb) -> set[str]:
    """풀이 구간 안에만 있는 줄들 (구간 밖에도 나오는 줄은 뺌)."""
    inside, outside = set(), set()
    for cell in nb.cells:
        region = False
        for line in cell.source.split("\n"):
            marker = line.strip()
            if marker.startswith("### BEGIN SOLUTION"):
                region = True
            elif marker.startswith("### END SOLUTION"):
                region = False
            elif marker:
                (inside if region else outside).add(marker)
    return inside - outside


def test_generate_assignment_releases_every_notebook_without_solutions(course):
    release = course / "release" / ASSIGNMENT
    assert sorted(p.name for p in release.glob("*.ipynb")) == sorted([p.name for p in NOTEBOOKS] + ["06_manual.ipynb"])
    for path in NOTEBOOKS:
        released = nbformat.read(release / path.name, as_version=4)
        text = json.dumps(released, ensure_ascii=False)
        solutions = _solution_lines(instructor(path))
        assert solutions, path.name
        # 풀이 줄이 배포본의 어느 셀에도 한 줄로 남지 않음 (힌트 글 속에 인용된 코드 조각은 줄이 아니므로 괜찮음)
        released_lines = {line.strip() for cell in released.cells for line in cell.source.split("\n")}
        assert not sorted(solutions & released_lines), path.name
        assert "### BEGIN SOLUTION" not in text
        ours = student(path)  # 코드 셀의 빈칸은 학생판 (make student) 과 글자 하나까지 같음
        for cell in released.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution") and cell.cell_type == "code":
                assert cell.source == exercise_cell(ours, meta["grade_id"]).source
                assert "raise NotImplementedError()" in cell.source
    manual = json.dumps(nbformat.read(release / "06_manual.ipynb", as_version=4), ensure_ascii=False)
    assert SECRET_DERIVATION not in manual and SECRET_ANSWER not in manual
    assert manual.count("YOUR ANSWER HERE") == 2


def _gradebook(course: Path) -> dict[str, dict[str, float]]:
    code = (
        "import json\n"
        "from nbgrader.api import Gradebook\n"
        "out = {}\n"
        "with Gradebook('sqlite:///gradebook.db') as gb:\n"
        "    for s in gb.students:\n"
        "        sub = gb.find_submission_notebook('01_concept', 'sgns', s.id)\n"
        "        out[s.id] = {g.name: g.score for g in sub.grades}\n"
        "print(json.dumps(out))\n"
    )
    return json.loads(_run([_nbgrader_python(), "-c", code], course).stdout)


def test_autograde_gives_full_partial_and_no_credit_from_the_check_cells(course):
    release = nbformat.read(course / "release" / ASSIGNMENT / "01_concept.ipynb", as_version=4)
    submissions = {
        "alice": nbformat.read(course / "source" / ASSIGNMENT / "01_concept.ipynb", as_version=4),  # 강사의 풀이
        "bob": release,  # 풀지 않음
        "carol": answer(release, "nb01-skipgram-pairs", SKIPGRAM_SELF_PAIR),  # 모든 사례에서 틀림
        "dave": answer(release, "nb01-skipgram-pairs", SKIPGRAM_DEDUPLICATED),  # 일부 사례만 틀림
    }
    for name, nb in submissions.items():
        folder = course / "submitted" / name / ASSIGNMENT
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / "01_concept.ipynb")
    _run([str(NBGRADER), "autograde", ASSIGNMENT, "--create", "--force"], course, timeout=600)

    partial = checks.evaluate(
        "nb01-skipgram-pairs", defined_function(submissions["dave"], "nb01-skipgram-pairs")
    ).score()
    points = checks.GRADING["nb01-skipgram-pairs"].points
    assert 0 < partial < points
    scores = {name: grades["nb01-skipgram-pairs-check"] for name, grades in _gradebook(course).items()}
    assert scores == pytest.approx({"alice": points, "bob": 0.0, "carol": 0.0, "dave": partial})


def test_student_edition_cells_are_found_by_the_released_grade_ids(course):
    """nbgrader 의 배포본과 우리 학생판이 같은 grade_id 를 쓰므로 make grade 는 어느 쪽을 받아도 연습문제를 찾습니다."""
    for path in NOTEBOOKS:
        released = nbformat.read(course / "release" / ASSIGNMENT / path.name, as_version=4)
        ids = [c.metadata["nbgrader"]["grade_id"] for c in released.cells if "nbgrader" in c.metadata]
        ours = [c.metadata["nbgrader"]["grade_id"] for c in student(path).cells if "nbgrader" in c.metadata]
        assert ids == ours and ids
        manual = re.compile(r"nb\d\d[a-z]?-(derivation|answer)-\d+")  # 손으로 채점하는 유도·생각해 볼 문제의 답 셀
        unknown = [
            i for i in ids
            if not (i in checks.EXERCISES or i.removesuffix("-check") in checks.EXERCISES or manual.fullmatch(i))
        ]  # fmt: skip
        assert unknown == [], f"{path.name}: 연습문제도 손 채점 셀도 아닌 grade_id {unknown} (make lecture 로 고침)"
