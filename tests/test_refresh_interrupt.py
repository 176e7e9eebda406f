"""Ctrl-C 로 `make refresh` 를 멈추면: 즉시 멈추고, 뒤의 노트북은 실행하지 않고, 노트북은 하나도 바뀌지 않습니다.

진짜 ``tools/refresh_notebooks.py`` 프로세스를 작은 노트북 사본으로 실행하고 SIGINT 를 보냅니다.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import nbformat
import pytest
import refresh_notebooks
from nbformat.v4 import new_code_cell, new_notebook

from conftest import REPO

TOOL = REPO / "tools" / "refresh_notebooks.py"
SLEEPING_CELL = (
    "import os, time\nfrom pathlib import Path\n"
    "Path('kernel.pid').write_text(str(os.getpid()))\n"
    "Path('slow-started').write_text('1')\n"
    "time.sleep(120)"
)
STUBBORN_CELL = (
    "import os, time\nfrom pathlib import Path\n"
    "Path('kernel.pid').write_text(str(os.getpid()))\n"
    "Path('slow-started').write_text('1')\n"
    "deadline = time.time() + 120\n"
    "while time.time() < deadline:\n"
    "    try:\n"
    "        time.sleep(0.2)\n"
    "    except KeyboardInterrupt:\n"
    "        Path('interrupt-ignored').write_text('1')"
)


def write_notebook(path, *sources):
    cells = [new_code_cell(source) for source in sources]
    nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "P"}}), path)


def course(folder, slow_cell):
    """빠른 노트북, 느린 노트북(여기서 중단), 그 뒤의 노트북. 실행 순서대로의 경로."""
    write_notebook(folder / "1_fast.ipynb", "print(1 + 1)")
    write_notebook(folder / "2_slow.ipynb", slow_cell, "Path('slow-second-cell').write_text('1')")
    write_notebook(folder / "3_later.ipynb", "from pathlib import Path\nPath('later-ran').write_text('1')")
    return [folder / name for name in ("1_fast.ipynb", "2_slow.ipynb", "3_later.ipynb")]


def start_refresh(folder, paths):
    return subprocess.Popen(
        [sys.executable, str(TOOL), *[p.name for p in paths]],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # 터미널처럼 자기 프로세스 그룹 (killpg 가 pytest 에 닿지 않게)
    )


def wait_for(path, seconds=90):
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} 이(가) 생기지 않았습니다"
        time.sleep(0.05)


def process_gone(pid, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def interrupt_and_finish(process, send, times=1):
    for _ in range(times):
        send(signal.SIGINT)
        time.sleep(0.5)
    try:
        return process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()


@pytest.mark.parametrize("group", [False, True], ids=["to-process", "to-terminal-group"])
def test_ctrl_c_stops_everything_and_keeps_every_notebook_byte_identical(tmp_path, group):
    paths = course(tmp_path, SLEEPING_CELL)
    before = {path: path.read_bytes() for path in paths}
    process = start_refresh(tmp_path, paths)
    wait_for(tmp_path / "slow-started")

    started = time.monotonic()
    send = (lambda sig: os.killpg(process.pid, sig)) if group else (lambda sig: os.kill(process.pid, sig))
    out, err = interrupt_and_finish(process, send)
    seconds = time.monotonic() - started

    assert process.returncode == 130, err
    assert seconds < 20, f"중단에 {seconds:.1f}초"
    assert {path: path.read_bytes() for path in paths} == before  # 이미 실행을 마친 1_fast 도 그대로
    assert not (tmp_path / "later-ran").exists()  # 중단 뒤의 노트북은 실행하지 않음
    assert not (tmp_path / "slow-second-cell").exists()  # 중단된 노트북의 다음 셀도
    assert "중단했습니다" in err and "2_slow.ipynb" in err
    for noise in ("Traceback", "ZMQError", "AssertionError", "실패"):
        assert noise not in out + err
    assert sorted(p.name for p in tmp_path.glob("*.ipynb*")) == [p.name for p in paths]  # 임시 파일 없음
    assert process_gone(int((tmp_path / "kernel.pid").read_text())), "커널 프로세스가 남았습니다"


def test_second_ctrl_c_ends_a_cell_that_ignores_the_interrupt(tmp_path):
    paths = course(tmp_path, STUBBORN_CELL)
    before = {path: path.read_bytes() for path in paths}
    process = start_refresh(tmp_path, paths)
    wait_for(tmp_path / "slow-started")

    process.send_signal(signal.SIGINT)
    wait_for(tmp_path / "interrupt-ignored", seconds=60)  # 첫 번째 Ctrl-C 는 커널에 닿았지만 셀이 무시함
    out, err = interrupt_and_finish(process, process.send_signal)

    assert process.returncode == 130, err
    assert {path: path.read_bytes() for path in paths} == before
    assert not (tmp_path / "later-ran").exists()
    assert "커널을 바로 끝냅니다" in err and "중단했습니다" in err
    assert process_gone(int((tmp_path / "kernel.pid").read_text())), "커널 프로세스가 남았습니다"


def test_notebook_edited_during_the_run_is_not_overwritten(tmp_path, capsys):
    first, second = tmp_path / "1_first.ipynb", tmp_path / "2_edits_first.ipynb"
    write_notebook(first, "print('첫 번째')")
    edit = "from pathlib import Path\np = Path('1_first.ipynb')\np.write_text(p.read_text() + ' ', encoding='utf-8')"
    write_notebook(second, edit)  # 실행 중에 강사가 1_first 를 고쳐 저장한 것처럼
    assert refresh_notebooks.main([str(first), str(second)]) == 1
    err = capsys.readouterr().err
    assert "1_first.ipynb" in err and "실행하는 동안 파일이 바뀌어서" in err
    assert first.read_text(encoding="utf-8").endswith("}\n ")  # 고친 내용이 남음
    assert nbformat.read(second, as_version=4).cells[0].execution_count == 1  # 다른 노트북은 저장됨
