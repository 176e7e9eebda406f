"""이전/다음 링크와 시작 페이지 목차 (tools/notebook_nav.py): 저장소 노트북의 복사본에 적용해 확인합니다."""

import json
import re
import shutil

import nbformat
import pytest
from make_student import build as build_student
from notebook_guards import check_notebook, load_document
from notebook_nav import (
    CONTENTS_BEGIN,
    CONTENTS_END,
    COURSE_RE,
    NAV_KEY,
    is_nav_cell,
    main,
    planned_files,
    with_navigation,
)

from conftest import NOTEBOOKS, REPO


@pytest.fixture
def course(tmp_path):
    """tmp/notebooks/ (저장소 노트북 복사본) 과 tmp/START.ipynb."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for path in NOTEBOOKS:
        shutil.copy(path, folder / path.name)
    for page in REPO.glob("*.md"):  # START.md 와 그것이 링크하는 쪽 (SUMMARY.md, LESSON-PLAN.md)
        shutil.copy(page, tmp_path / page.name)
    return tmp_path


def _run(course, *flags, paths=None):
    paths = paths or sorted((course / "notebooks").glob("*.ipynb"))
    return main([*flags, "--start-page", str(course / "START.md"), *map(str, paths)])


def _contents(course):
    text = (course / "START.md").read_text(encoding="utf-8")
    return text.split(CONTENTS_BEGIN)[1].split(CONTENTS_END)[0]


def test_write_then_check_and_writing_twice_changes_nothing(course):
    assert _run(course, "--write") == 0
    assert _run(course, "--check") == 0
    files = [*sorted(course.rglob("*.ipynb")), course / "START.md"]
    before = {p: p.read_bytes() for p in files}
    assert _run(course, "--write") == 0
    assert {p: p.read_bytes() for p in files} == before


def test_check_fails_when_links_are_missing_or_stale(course, capsys):
    assert _run(course, "--write") == 0
    path = course / "notebooks" / NOTEBOOKS[1].name
    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if not is_nav_cell(c)]
    nbformat.write(nb, path)
    assert _run(course, "--check") == 1
    assert path.name in capsys.readouterr().err


def test_each_notebook_gets_one_link_to_the_previous_and_one_to_the_next(course):
    assert _run(course, "--write") == 0
    paths = sorted((course / "notebooks").glob("*.ipynb"))
    for i, path in enumerate(paths):
        nb = nbformat.read(path, as_version=4)
        navs = [c for c in nb.cells if is_nav_cell(c)]
        assert [c.metadata[NAV_KEY] for c in navs] == ["top", "bottom"]
        assert is_nav_cell(nb.cells[0]) and is_nav_cell(nb.cells[-1])
        assert all(c.metadata["slideshow"]["slide_type"] == "skip" for c in navs)
        top, bottom = nb.cells[0].source, nb.cells[-1].source
        assert "](../START.md)" in top and "](../START.md)" in bottom
        assert (f"]({paths[i - 1].name})" in top) is (i > 0)
        assert ("← 이전" in top) is (i > 0)
        assert ("다음" in bottom) is (i + 1 < len(paths))
        if i + 1 < len(paths):
            assert f"]({paths[i + 1].name})" in bottom


def test_only_the_navigation_cells_change(course):
    assert _run(course, "--write") == 0
    for original in NOTEBOOKS:
        old = nbformat.read(original, as_version=4)
        new = nbformat.read(course / "notebooks" / original.name, as_version=4)
        assert [c for c in new.cells if not is_nav_cell(c)] == [c for c in old.cells if not is_nav_cell(c)]


def test_links_work_in_the_instructor_student_and_work_folders(course):
    assert _run(course, "--write") == 0
    for folder in ("student", "my-work"):
        planned = build_student(course / "notebooks", course / folder)
        for path, text in planned.items():
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in sorted(course.rglob("0*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert check_notebook(nb, ("broken-link",), path=path) == [], path
    start = load_document(course / "START.md")
    assert check_notebook(start, ("broken-link",), path=course / "START.md") == []


def test_start_page_lists_every_notebook_in_order_with_its_exercises(course):
    assert _run(course, "--write") == 0
    table = _contents(course)
    links = re.findall(r"\]\(my-work/([^)]+)\)", table)
    assert links == [p.name for p in NOTEBOOKS]
    for path, row in zip(NOTEBOOKS, [r for r in table.split("\n") if "](my-work/" in r], strict=True):
        nb = nbformat.read(path, as_version=4)
        headings = sum(len(re.findall(r"^#{2,4}\s*연습문제", c.source, flags=re.M))
                       for c in nb.cells if c.cell_type == "markdown")
        assert f"| {headings}개 |" in row
        assert re.search(r"약 \d+분", row)


def test_appendix_is_marked_optional_and_left_out_of_the_total(course):
    appendix = nbformat.v4.new_notebook()
    appendix.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    appendix.cells = [nbformat.v4.new_markdown_cell("# 부록: 한국어 텍스트로 학습하기\n\n" + "가" * 4000)]
    nbformat.write(appendix, course / "notebooks" / "99_appendix.ipynb")
    assert _run(course, "--write") == 0
    table = _contents(course)
    assert "| 선택 | [부록: 한국어 텍스트로 학습하기](my-work/99_appendix.ipynb)" in table
    total = re.search(r"모두 약 (?:(\d+)시간 )?(\d+)분", table)
    rows = [r for r in table.split("\n") if "](my-work/" in r and not r.startswith("| 선택")]
    expected = sum(int(re.search(r"약 (\d+)분", r).group(1)) for r in rows)
    assert int(total.group(1) or 0) * 60 + int(total.group(2)) == expected
    last = nbformat.read(sorted((course / "notebooks").glob("0*.ipynb"))[-1], as_version=4)
    assert "(선택) →](99_appendix.ipynb)" in last.cells[-1].source


def test_a_notebook_without_a_title_gets_a_clear_error(course, capsys):
    path = course / "notebooks" / NOTEBOOKS[0].name
    nb = nbformat.read(path, as_version=4)
    next(c for c in nb.cells if not is_nav_cell(c)).source = "제목 없는 첫 셀"
    nbformat.write(nb, path)
    assert _run(course, "--check") == 2
    err = capsys.readouterr().err
    assert NOTEBOOKS[0].name in err and "# 제목" in err


def test_planning_reads_but_never_writes():
    before = {p: p.read_bytes() for p in NOTEBOOKS}
    planned = planned_files(list(NOTEBOOKS), None)
    assert set(planned) == set(NOTEBOOKS)
    assert {p: p.read_bytes() for p in NOTEBOOKS} == before
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    copy = nbformat.writes(nb)
    with_navigation(nb, [], 0)
    assert nbformat.writes(nb) == copy


def test_a_second_sitting_notebook_sits_between_its_chapter_and_the_next(course):
    """04b_training (4장 둘째 시간) 도 강의 노트북이고, 파일 이름 순서로 04_math 와 05 사이에 옵니다."""
    assert COURSE_RE.match("04b_training.ipynb") and not COURSE_RE.match("04bc_x.ipynb")
    assert sorted(["05_sampling.ipynb", "04b_training.ipynb", "04_math.ipynb"])[1] == "04b_training.ipynb"
    assert _run(course, "--write") == 0
    notebooks = course / "notebooks"
    first = nbformat.read(notebooks / "04_math.ipynb", as_version=4)
    second = nbformat.read(notebooks / "04b_training.ipynb", as_version=4)
    assert "](04b_training.ipynb)" in first.cells[-1].source
    assert "](04_math.ipynb)" in second.cells[0].source and "](05_sampling.ipynb)" in second.cells[-1].source
