"""저장된 강의 노트북의 위생 검사와, 그 검사가 실제로 나쁜 노트북을 잡는다는 증명."""

import copy
import json

import nbformat
import pytest
from notebook_guards import hygiene_problems, machine_roots

from conftest import NOTEBOOKS, REPO

ROOTS = machine_roots(REPO)


def test_there_are_five_ordered_course_notebooks():
    names = [p.name for p in NOTEBOOKS]
    assert len(names) == 5, names
    assert [n[:3] for n in names] == ["01_", "02_", "03_", "04_", "05_"]
    assert all(n.isascii() for n in names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_stored_notebook_is_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert hygiene_problems(nb, ROOTS) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_imports_sgns_and_has_korean_title(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import sgns" in code or "from sgns" in code
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert any("\uac00" <= ch <= "\ud7a3" for ch in first.source)


# ---- 검사가 헛되지 않음을 보이는 테스트: 일부러 망가뜨린 노트북 ----


def _good_notebook() -> dict:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    p = nbformat.v4.new_code_cell("SEED = 0", execution_count=1)
    p.metadata["tags"] = ["parameters"]
    c = nbformat.v4.new_code_cell("print(1)", execution_count=2)
    c.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    nb.cells = [nbformat.v4.new_markdown_cell("# 제목"), p, c]
    return json.loads(nbformat.writes(nb))


def _break(kind: str) -> dict:
    nb = _good_notebook()
    code = nb["cells"][2]
    if kind == "unexecuted":
        code["execution_count"] = None
        code["outputs"] = []
    elif kind == "out_of_order":
        code["execution_count"] = 5
    elif kind == "error":
        code["outputs"].append({"output_type": "error", "ename": "ValueError", "evalue": "x", "traceback": []})
    elif kind == "stderr":
        code["outputs"].append({"output_type": "stream", "name": "stderr", "text": "UserWarning: x\n"})
    elif kind == "address":
        code["outputs"] = [{"output_type": "execute_result", "execution_count": 2, "metadata": {},
                            "data": {"text/plain": "<Line2D at 0x7f3a2b1c9d10>"}}]
    elif kind == "svg":
        code["outputs"] = [{"output_type": "display_data", "metadata": {},
                            "data": {"image/svg+xml": "<svg/>", "text/plain": "<Figure>"}}]
    elif kind == "machine_path":
        code["outputs"][0]["text"] = f"{REPO}/notebooks/data.txt\n"
    elif kind == "site_packages":
        code["outputs"][0]["text"] = "lib/python3.11/site-packages/x.py:3: warning\n"
    elif kind == "kernel":
        nb["metadata"]["kernelspec"]["name"] = "myvenv"
    elif kind == "papermill":
        nb["metadata"]["papermill"] = {"duration": 1.0}
    elif kind == "no_parameters":
        nb["cells"][1]["metadata"]["tags"] = []
    elif kind == "timing":
        code["metadata"]["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00"}
    return nb


BREAKS = ["unexecuted", "out_of_order", "error", "stderr", "address", "svg", "machine_path",
          "site_packages", "kernel", "papermill", "no_parameters", "timing"]


def test_good_notebook_passes_the_guard():
    assert hygiene_problems(_good_notebook(), ROOTS) == []


@pytest.mark.parametrize("kind", BREAKS)
def test_guard_catches_a_broken_notebook(kind):
    nb = _break(kind)
    assert nb != _good_notebook()
    problems = hygiene_problems(copy.deepcopy(nb), ROOTS)
    assert problems, f"위생 검사가 '{kind}' 문제를 잡지 못했습니다"
