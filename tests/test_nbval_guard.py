"""nbval 비교가 실제로 달라진 출력을 잡고, 정당하게 달라지는 것(stderr, 진행 막대 속도)은 넘기는지 증명."""

import shutil
import subprocess
import sys
from xml.etree import ElementTree

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


# ---- nbval 0.11 이 주석 대신 셀 태그를 읽는지 (학생에게 보이는 `# NBVAL_...` 주석을 태그로 바꿔도 되는 근거) ----

TAG_CASES = {
    # 이름: (셀 소스, 저장된 출력, 태그)
    "ignore_output": ("import random\nprint(random.random())", "stream", "nbval-ignore-output"),
    "skip": ("raise RuntimeError('실행되면 안 되는 셀')", None, "nbval-skip"),
    "raises": ("raise ValueError('일부러 낸 오류')", "error", "nbval-raises-exception"),
    "raises_short": ("raise ValueError('일부러 낸 오류')", "error", "raises-exception"),
}


def _stored_notebook(source, stored, tag):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell(source, execution_count=1)
    if stored == "stream":
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="0.123456 (저장된 값)\n")]
    elif stored == "error":
        cell.outputs = [nbformat.v4.new_output("error", ename="ValueError", evalue="일부러 낸 오류", traceback=[])]
    if tag:
        cell.metadata["tags"] = [tag]
    nb.cells = [cell]
    return nb


def test_nbval_honours_cell_tags_instead_of_comments(tmp_path):
    """태그가 붙은 셀은 통과하고, 같은 셀에 태그가 없으면 실패합니다 (태그가 실제로 효과가 있음)."""
    shutil.copy(REPO / "conftest.py", tmp_path / "conftest.py")
    for name, (source, stored, tag) in TAG_CASES.items():
        nbformat.write(_stored_notebook(source, stored, tag), tmp_path / f"tagged_{name}.ipynb")
        nbformat.write(_stored_notebook(source, stored, None), tmp_path / f"plain_{name}.ipynb")
    report = tmp_path / "report.xml"
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
           f"--junitxml={report}", str(tmp_path)]
    subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    outcome = {}
    for case in ElementTree.parse(report).iter("testcase"):
        stem = case.get("classname").removesuffix(".ipynb")
        failed = case.find("failure") is not None or case.find("error") is not None
        skipped = case.find("skipped") is not None
        outcome[stem] = "failed" if failed else ("skipped" if skipped else "passed")
    for name in TAG_CASES:
        assert outcome.get(f"tagged_{name}") == ("skipped" if name == "skip" else "passed"), (name, outcome)
        assert outcome.get(f"plain_{name}") == "failed", (name, outcome)
