"""저장된 강의 노트북의 위생 검사와, 그 검사가 실제로 나쁜 노트북을 잡는다는 증명."""

import copy
import json
import re

import nbformat
import pytest
from notebook_guards import (
    DEFAULT_RULES,
    SOURCE_RULES,
    check_notebook,
    hygiene_problems,
    load_document,
    machine_roots,
)
from notebook_nav import is_nav_cell

from conftest import NOTEBOOKS, REPO, STUDENT_NOTEBOOKS

ROOTS = machine_roots(REPO)


def test_course_notebooks_are_numbered_in_order():
    names = [p.name for p in NOTEBOOKS]
    assert len(names) >= 5, names
    # 01_, 02_, ... 빠짐없이; 같은 장의 둘째 시간은 번호 뒤에 소문자 한 글자 (04_math 다음 04b_training)
    found = [re.match(r"(\d\d)([a-z]?)_", n) for n in names]
    assert all(found), names
    numbers = [int(m.group(1)) for m in found if not m.group(2)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(f"{m.group(1)}_" in {n[:3] for n in names} for m in found if m.group(2))
    assert all(n.isascii() for n in names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_stored_notebook_is_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert hygiene_problems(nb, ROOTS) == []
    assert check_notebook(nb, DEFAULT_RULES, path=path, roots=ROOTS) == []


STUDENT_RULES = tuple(r for r in DEFAULT_RULES if r in SOURCE_RULES)


@pytest.mark.parametrize("path", [*STUDENT_NOTEBOOKS, REPO / "START.md"],
                         ids=[p.name for p in [*STUDENT_NOTEBOOKS, REPO / "START.md"]])
def test_student_notebooks_and_start_page_pass_the_enabled_source_rules(path):
    nb = load_document(path)
    assert STUDENT_RULES
    assert check_notebook(nb, STUDENT_RULES, path=path) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_imports_sgns_and_has_korean_title(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import sgns" in code or "from sgns" in code
    first = next(c for c in nb.cells if not is_nav_cell(c))  # 이동 링크 셀 다음의 제목
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


# ---- JupyterLab 에서 잘못 보이는 것을 잡는 규칙들: 깨끗한 노트북은 통과, 일부러 망가뜨린 노트북은 실패 ----

# 마크다운 원문 -> JupyterLab 4.6.6 (Chromium) 이 취소선을 그렸는지. 기대값은 이 원문들을 담은 노트북을 실제
# JupyterLab 에서 열어 `del` 요소가 생겼는지 본 결과입니다.
TILDE_CASES = [
    ("원문은 $k$를 보통 5~20으로 하고, 작은 데이터셋에서는 크게(15~20) 잡습니다.", True),
    ("범위는 5~20 하나뿐입니다.", False),
    ("첫 줄 5~10 이고\n둘째 줄 15~20 입니다.", True),
    ("첫 문단 5~10\n\n둘째 문단 15~20", False),
    ("- 항목 5~10\n- 항목 15~20", False),
    ("- 항목 5~10\n  이어짐 15~20", True),
    ("> 인용 5~10\n> 인용 15~20", True),
    ("> 인용 5~10\n\n> 인용 15~20", False),
    ("`5~10` 그리고 15~20 그리고 3~4", True),
    ("`a~b` 그리고 c~d", False),
    ("$5~10$ 그리고 15~20", False),
    ("$$x~y$$ 다음 1~2", False),
    ("5\\~10 그리고 15~20", False),
    ("~~지운 글~~", True),
    ("a ~ b ~ c", False),
    ("a ~b ~c", False),
    ("# 제목 5~10 그리고 15~20", True),
    ("| a | b |\n|---|---|\n| 5~10 | 15~20 |", False),
    ("| a | b |\n|---|---|\n| 5~10 그리고 15~20 | x |", True),
    ("```\n5~10 15~20\n```", False),
    ("    들여쓰기 5~10 15~20", False),
    ("문단\n    5~10 15~20", True),
    ("<div>5~10 15~20</div>", False),
    ("[링크](http://x/~a/~b) c", False),
    ("5~10 `code` 15~20", True),
    ("5~~10 15~~20", True),
    ("1~2~3", True),
    ("$a$ 5~10 $b$ 15~20", True),
    ("*강조 5~10* 그리고 15~20", False),
    ("**굵게 5~10** 그리고 15~20", False),
    ("[5~10](x.ipynb) 그리고 15~20", False),
    ("<span>5~10</span> 그리고 15~20", True),
    ("a~b~~c~d", True),
    ("3~4장에서, 5장에서", False),
    ("> **⚠️ 원문 바로잡기** — 원문은 \"큰 데이터셋에서는 $k$를 작게(5~10)\" 잡는다고 합니다.\n>\n"
     "> 즉 5~20은 **작은** 데이터에 유용한 범위이고, 2~5 정도.", True),
    ("snake_case 5~10 my_var 15~20", True),
    ("1. 번호 5~10\n2. 번호 15~20", False),
    ("제목 5~10\n=====\n\n본문 15~20", False),
    ("앞 $x~y$ 뒤 $$\n a~b \n$$ 끝 1~2", False),
    ("~a~", True),
    ("a~~~b~~~c", False),
    ("5~10 <br> 15~20", True),
    ("\\$5~10 그리고 15~20\\$", True),
]


@pytest.mark.parametrize(("markdown", "struck"), TILDE_CASES, ids=[str(i) for i in range(len(TILDE_CASES))])
def test_strikethrough_model_matches_jupyterlab(markdown, struck):
    from notebook_guards import strikethroughs

    assert bool(strikethroughs(markdown)) is struck


def _lab_notebook() -> dict:
    """JupyterLab 에서 바르게 보이는 노트북 (모든 규칙을 통과해야 함)."""
    nb = json.loads(json.dumps(_good_notebook()))
    nb["cells"][0]["source"] = "# 제목\n\n범위는 5-20, 큰 데이터에서는 2-5 입니다. 식은 $x \\sim y$, 코드는 `a~b`."
    table = nbformat.v4.new_code_cell("show_table(rows)", execution_count=3)
    html = "<table><tr><td>단어</td></tr></table>"
    data = {"text/html": html, "text/plain": "단어  빈도\nthe   10"}  # HTML 이 함께 있으면 표로 보임
    table.outputs = [nbformat.v4.new_output("display_data", data=data)]
    nb["cells"].append(json.loads(nbformat.writes(nbformat.v4.new_notebook(cells=[table])))["cells"][0])
    return nb


def _lab_break(kind: str) -> dict:
    nb = _lab_notebook()
    title, code = nb["cells"][0], nb["cells"][2]
    if kind == "strikethrough":
        title["source"] = "# 제목\n\nk 는 5~20, 작은 데이터에서는 15~20 입니다."
    elif kind == "heading-math":
        title["source"] = "# 제목\n\n## 손실 $J$ 의 기울기\n\n본문"
    elif kind == "nbval-comment":
        code["source"] = "# NBVAL_IGNORE_OUTPUT\nprint(1)"
    elif kind == "code-width":
        code["source"] = "print(" + repr("가" * 60) + ")"
    elif kind == "text-table":
        code["outputs"][0]["text"] = "단어       순위  빈도\n---------  ----  -----\nstate         1  1,438\n"
    elif kind == "unicode-minus":
        code["source"] = "plt.xlabel('\u22121 에서 1')"
    elif kind == "broken-link":
        title["source"] = "# 제목\n\n[다음 장](99_없는_노트북.ipynb)"
    elif kind == "empty-cell":
        nb["cells"].append({"cell_type": "markdown", "id": "empty", "metadata": {}, "source": "  \n"})
    return nb


LAB_RULES = ["strikethrough", "heading-math", "nbval-comment", "code-width", "text-table", "unicode-minus",
             "broken-link", "empty-cell"]


def test_lab_notebook_passes_every_rule(tmp_path):
    path = tmp_path / "01_good.ipynb"
    assert check_notebook(_lab_notebook(), (*LAB_RULES, "hygiene"), path=path, roots=ROOTS) == []


@pytest.mark.parametrize("rule", LAB_RULES)
def test_each_rule_catches_a_notebook_made_to_break_it(rule, tmp_path):
    found = check_notebook(_lab_break(rule), tuple(LAB_RULES), path=tmp_path / "01_bad.ipynb", roots=ROOTS)
    assert [f.rule for f in found] == [rule], found
    assert found[0].cell is not None


def test_guard_reports_the_cell_index_of_the_struck_paragraph():
    nb = _lab_notebook()
    nb["cells"].insert(1, {"cell_type": "markdown", "id": "x", "metadata": {}, "source": "5~10 과 15~20"})
    found = check_notebook(nb, ("strikethrough",))
    assert [(f.cell, f.rule) for f in found] == [(1, "strikethrough")]
    assert "10 과 15" in found[0].message


def test_fix_turns_nbval_comments_into_tags_and_is_idempotent():
    from notebook_guards import fix_nbval_comments

    nb = _lab_notebook()
    nb["cells"][2]["source"] = "# NBVAL_IGNORE_OUTPUT\nimport time\nprint(time.time())"
    nb["cells"][1]["source"] = "# NBVAL_RAISES_EXCEPTION\nraise ValueError('x')"
    assert fix_nbval_comments(nb) == 2
    assert nb["cells"][2]["source"] == "import time\nprint(time.time())"
    assert nb["cells"][2]["metadata"]["tags"] == ["nbval-ignore-output"]
    assert nb["cells"][1]["metadata"]["tags"] == ["parameters", "raises-exception"]
    once = copy.deepcopy(nb)
    assert fix_nbval_comments(nb) == 0 and nb == once
    assert check_notebook(nb, ("nbval-comment",)) == []


def test_code_width_counts_hangul_as_two_columns():
    from notebook_guards import CODE_WIDTH_LIMIT, display_width

    assert display_width("abc") == 3 and display_width("가나다") == 6 and display_width("σ(x)") == 4
    nb = _lab_notebook()
    nb["cells"][2]["source"] = "x" * CODE_WIDTH_LIMIT
    assert check_notebook(nb, ("code-width",)) == []
    nb["cells"][2]["source"] = "x" * (CODE_WIDTH_LIMIT - 1) + "가"
    assert [f.rule for f in check_notebook(nb, ("code-width",))] == ["code-width"]


def test_text_table_rule_ignores_tables_whose_hangul_sits_in_the_same_place():
    from notebook_guards import misaligned_table_lines

    aligned = "the        빈도  4135\nsaid       빈도   475\n"
    assert misaligned_table_lines(aligned) == []
    header = "단어         순위   빈도\n---------  ------  -----\nstate           1  1,438\n"
    assert misaligned_table_lines(header)


def test_links_into_the_work_folder_count_when_the_student_copy_exists(tmp_path):
    (tmp_path / "student").mkdir()
    (tmp_path / "student" / "01_x.ipynb").write_text("{}", encoding="utf-8")
    nb = _lab_notebook()
    nb["cells"][0]["source"] = "# 시작\n\n[1장](my-work/01_x.ipynb) [없음](my-work/02_y.ipynb)"
    found = check_notebook(nb, ("broken-link",), path=tmp_path / "START.ipynb")
    assert [f.message for f in found] == ["링크가 가리키는 파일이 없습니다: my-work/02_y.ipynb"]


def test_command_line_rules_and_errors(tmp_path, capsys):
    from notebook_guards import main

    path = tmp_path / "01_bad.ipynb"
    path.write_text(json.dumps(_lab_break("strikethrough"), ensure_ascii=False), encoding="utf-8")
    assert main(["--rules", "heading-math", str(path)]) == 0
    assert main(["--rules", "strikethrough,heading-math", str(path)]) == 1
    out = capsys.readouterr().out
    assert "셀 0 [strikethrough]" in out
    assert main(["--rules", "no-such-rule", str(path)]) == 2
    err = capsys.readouterr().err
    assert "no-such-rule" in err and "strikethrough" in err
