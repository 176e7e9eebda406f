"""nbval 비교가 실제로 달라진 출력을 잡고, 정당하게 달라지는 것(stderr, 진행 막대 속도)은 넘기는지 증명."""

import shutil
import subprocess
import sys

import nbformat
from nbclient import NotebookClient

from conftest import REPO


def _executed_notebook(tmp_path, sources):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    return nb


def _run_nbval(tmp_path, nb):
    shutil.copy(REPO / "conftest.py", tmp_path / "conftest.py")
    path = tmp_path / "case.ipynb"
    nbformat.write(nb, path)
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
           "--nbval-sanitize-with", str(REPO / "nbval-sanitize.cfg"), str(path)]
    return subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=300)


def test_nbval_passes_an_honest_notebook_and_ignores_stderr(tmp_path):
    nb = _executed_notebook(tmp_path, [
        "import sys\nprint(round(2 / 3, 4))",
        "print('경고 흉내', file=sys.stderr)",
    ])
    # 저장된 stderr 가 달라도 비교에서 빠져야 합니다.
    nb.cells[1].outputs[0]["text"] = "다른 경고\n"
    result = _run_nbval(tmp_path, nb)
    assert result.returncode == 0, result.stdout[-2000:]


def test_nbval_fails_when_a_stored_output_is_wrong(tmp_path):
    nb = _executed_notebook(tmp_path, ["print(round(2 / 3, 4))"])
    nb.cells[0].outputs[0]["text"] = "0.6667 (손으로 고친 출력)\n"
    result = _run_nbval(tmp_path, nb)
    assert result.returncode != 0
    assert "0.6667" in result.stdout


def test_sanitizer_neutralises_progress_bar_rates(tmp_path):
    bar = "100%|##########| 10/10 [00:01<00:00, {rate}it/s]\n"
    nb = _executed_notebook(tmp_path, [f"print({bar.format(rate='98.04')!r}, end='')"])
    nb.cells[0].outputs[0]["text"] = bar.format(rate="12.50")
    assert _run_nbval(tmp_path, nb).returncode == 0
