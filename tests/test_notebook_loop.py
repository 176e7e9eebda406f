"""`make notebook NB=03` 의 부품: 노트북 찾기, 스트림 합치기, 그대로인 시간 측정 셀의 출력 지키기.

같은 노트북을 두 번 실행하면 (고친 것이 없으면) 파일이 한 바이트도 바뀌지 않는지 작은 노트북으로 확인합니다.
"""

from __future__ import annotations

import subprocess

import nbformat
import notebook_loop
import pytest
import refresh_notebooks
from nbformat.v4 import new_code_cell, new_notebook, new_output

from conftest import REPO


def test_find_notebook_by_number_or_name():
    found = notebook_loop.find_notebook("03")
    assert found.parent == REPO / "notebooks" and found.name.startswith("03_")
    assert notebook_loop.find_notebook(found.name) == found
    assert notebook_loop.find_notebook(f"notebooks/{found.stem}") == found


def test_unknown_notebook_names_the_choices():
    with pytest.raises(SystemExit) as stopped:
        notebook_loop.find_notebook("99")
    message = str(stopped.value)
    assert "NB='99'" in message and "01_" in message  # 무엇을 받았고, 무엇이 있는지


def test_consecutive_streams_of_one_name_become_one():
    outputs = [
        new_output("stream", name="stdout", text="a"),
        new_output("stream", name="stdout", text="b\n"),
        new_output("stream", name="stderr", text="c"),
        new_output("stream", name="stdout", text="d"),
    ]
    merged = refresh_notebooks.coalesce_streams(outputs)
    assert [(o["name"], o["text"]) for o in merged] == [("stdout", "ab\n"), ("stderr", "c"), ("stdout", "d")]


def timing_notebook(path, source="print(time.perf_counter_ns())"):
    timing = new_code_cell("import time\n" + source, metadata={"tags": ["nbval-ignore-output"]})
    steady = new_code_cell("import sys\nprint('x', end='')\nsys.stdout.flush()\nprint('y')")
    nbformat.write(new_notebook(cells=[timing, steady]), path)


def run(path, keep_timings):
    interrupt = refresh_notebooks.Interrupt()
    return refresh_notebooks.execute(path, interrupt, timeout=60, keep_timings=keep_timings)


def committed_notebook(tmp_path):
    """실행해서 git 에 커밋한 작은 노트북 (시간 측정 셀 하나, 나뉘어 나오는 print 하나)."""
    path = tmp_path / "timing.ipynb"
    timing_notebook(path)
    path.write_text(run(path, keep_timings=False), encoding="utf-8")
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "c"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True)
    return path


def test_second_run_with_no_edit_changes_no_byte(tmp_path):
    path = committed_notebook(tmp_path)
    first = path.read_text(encoding="utf-8")
    assert nbformat.reads(first, as_version=4).cells[1].outputs[0]["text"] == "xy\n"  # 나뉜 print 는 하나로
    assert run(path, keep_timings=True) == first
    assert run(path, keep_timings=False) != first  # 기본(make refresh)은 새로 잽니다


def test_an_edited_timing_cell_is_measured_again(tmp_path):
    path = committed_notebook(tmp_path)
    nb = nbformat.read(path, as_version=4)
    old = nb.cells[0].outputs
    nb.cells[0].source += "\nprint('again')"  # 고쳐서 저장만 하고 실행은 하지 않은 셀
    nbformat.write(nb, path)
    new = nbformat.reads(run(path, keep_timings=True), as_version=4).cells[0].outputs
    assert new != old and "again" in new[0]["text"]
