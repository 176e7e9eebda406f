"""슬라이드 메타데이터 (tools/slide_metadata.py): 구조에서 정해지고, 다시 실행해도 같고, 한 장이 넘치지 않습니다."""

import base64
import shutil
import struct
import zlib

import nbformat
import pytest
from notebook_nav import main as nav_main
from slide_metadata import HEIGHT_BUDGET, cell_height, main, png_size, slide_types, with_slide_metadata

from conftest import NOTEBOOKS, REPO


def _png(width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x00" * width for _ in range(height))
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw))
    return base64.b64encode(b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b"")).decode()


def _code(source, lines=0, png=None):
    cell = nbformat.v4.new_code_cell(source, execution_count=1)
    if lines:
        text = "".join(f"{i}\n" for i in range(lines))
        cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=text))
    if png:
        data = {"image/png": _png(*png), "text/plain": "<Figure>"}
        cell.outputs.append(nbformat.v4.new_output("display_data", data=data))
    return cell


def _notebook(cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    return nb


def test_headings_start_slides_and_short_cells_follow():
    md = nbformat.v4.new_markdown_cell
    nb = _notebook([md("# 제목"), md("## 절"), md("왜"), _code("x = 1"), md("### 연습문제 1: 시그모이드"), _code("y")])
    assert slide_types(nb) == ["slide", "slide", "-", "-", "subslide", "-"]


def test_tags_and_navigation_cells_override_the_structure():
    md = nbformat.v4.new_markdown_cell
    nav = md("[다음](02.ipynb)")
    nav.metadata["course-nav"] = "bottom"
    notes = md("발표자만 보는 메모")
    notes.metadata["tags"] = ["slide-notes"]
    skipped = _code("import os")
    skipped.metadata["tags"] = ["slide-skip"]
    forced = md("새 장으로")
    forced.metadata["tags"] = ["slide-new"]
    nb = _notebook([md("# 제목"), skipped, notes, forced, nav])
    assert slide_types(nb) == ["slide", "skip", "notes", "slide", "skip"]


def test_a_tall_cell_opens_a_subslide_and_a_huge_cell_stands_alone():
    md = nbformat.v4.new_markdown_cell
    figure = _code("plt.show()", png=(640, 480))  # 약 17줄
    assert 15 < cell_height(figure) < 20
    huge = _code("print(big)", lines=HEIGHT_BUDGET + 10)
    nb = _notebook([md("## 절"), md("설명 " * 120), figure, _code("z = 1"), huge, _code("w = 2")])
    assert slide_types(nb) == ["slide", "-", "subslide", "-", "subslide", "subslide"]


def test_png_size_reads_the_header():
    assert png_size(_png(37, 21)) == (37, 21)
    assert png_size(base64.b64encode(b"not a png at all, not at all").decode()) is None


@pytest.fixture
def copies(tmp_path):
    for path in NOTEBOOKS:
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(REPO / "START.md", tmp_path / "START.md")
    return sorted(tmp_path.glob("*.ipynb"))


def test_write_check_and_idempotence_on_the_course_notebooks(copies, capsys):
    assert main(["--check", *map(str, copies)]) in (0, 1)
    assert main(["--write", *map(str, copies)]) == 0
    before = {p: p.read_bytes() for p in copies}
    assert main(["--check", *map(str, copies)]) == 0
    assert main(["--write", *map(str, copies)]) == 0
    assert {p: p.read_bytes() for p in copies} == before
    nb = nbformat.read(copies[0], as_version=4)
    nb.cells[1].metadata["slideshow"] = {"slide_type": "fragment"}
    nbformat.write(nb, copies[0])
    assert main(["--check", *map(str, copies)]) == 1
    assert copies[0].name in capsys.readouterr().err


def test_every_slide_of_the_course_fits_unless_one_cell_is_taller(copies):
    for path in copies:
        nb = nbformat.read(path, as_version=4)
        pages, current = [], []
        for cell, kind in zip(nb.cells, slide_types(nb), strict=True):
            if kind in ("slide", "subslide") and current:
                pages.append(current)
                current = []
            if kind in ("slide", "subslide", "-", "fragment"):
                current.append(cell)
        pages.append(current)
        for page in pages:
            assert len(page) == 1 or sum(cell_height(c) for c in page) <= HEIGHT_BUDGET, (path.name, page[0].source)


def test_navigation_and_slide_metadata_can_be_applied_in_either_order(copies, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    for path in copies:
        shutil.copy(path, other / path.name)
    shutil.copy(REPO / "START.md", other / "START.md")
    start = ["--start-page", str(tmp_path / "START.md")]
    assert nav_main(["--write", *start, *map(str, copies)]) == 0
    assert main(["--write", *map(str, copies)]) == 0
    assert main(["--write", *map(str, sorted(other.glob("*.ipynb")))]) == 0
    assert nav_main(["--write", "--start-page", str(other / "START.md"), *map(str, sorted(other.glob("*.ipynb")))]) == 0
    for path in copies:
        assert path.read_bytes() == (other / path.name).read_bytes()


def test_input_notebook_is_not_modified():
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    text = nbformat.writes(nb)
    with_slide_metadata(nb)
    assert nbformat.writes(nb) == text
