"""매개변수 셀의 역할 표시: 대입문마다 ``[자유]`` 또는 ``[본문: 값]`` 이 있고, 적힌 값이 셀의 값과 같습니다.

노트북은 ``notebooks/`` 의 모든 강의 노트북 (glob) 이라, 새 노트북도 매개변수 셀에 역할을 적어야 통과합니다.
``params`` 픽스처가 ``[본문]`` 값이 바뀐 노트북에서 무엇을 고칠지 말하며 멈추는 것은 고친 사본으로 확인합니다.
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
from notebook_outputs import (
    FREE,
    NOTEBOOK_DIR,
    TEXT,
    check_text_parameters,
    parameter_problems,
    parameter_roles,
    parameters,
    parameters_cell,
)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb"))


def _read(name: str):
    return nbformat.read(NOTEBOOK_DIR / name, as_version=4)


def _notebook(source: str):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(textwrap.dedent(source).strip("\n"))
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# 제목"), cell]
    return nb


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_parameter_has_a_role_and_the_stated_values_match(name):
    nb = _read(name)
    roles = parameter_roles(nb)
    assert roles, f"{name} 의 매개변수 셀에 대입문이 없습니다"
    assert set(roles) == set(parameters(nb))
    problems = parameter_problems(nb, name)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_parameters_cell_explains_the_two_marks(name):
    """대입문 앞의 주석 줄 하나가 두 표시를 설명합니다 (값 자리에 '값' 이라고 적은 줄)."""
    lines = parameters_cell(_read(name)).source.splitlines()
    header = [line for line in lines[: next(i for i, s in enumerate(lines) if not s.startswith("#"))]]
    assert any(f"[{FREE}]" in line and f"[{TEXT}: 값]" in line for line in header), header


def test_roles_are_read_from_the_comment():
    nb = _notebook(
        """
        # 매개변수. [자유]: 바꿔도 본문이 맞음, [본문: 값]: 본문이 이 값으로 쓰임
        SEED = 0  # [자유] 시드
        K = 5  # [본문: 5] 3.5절의 기준 K
        K_VALUES = [1, 2, 5]  # [본문: [1, 2, 5]] 바꿔 볼 K (설명 [괄호]도 됨)
        GRAD_V, GRAD_DIM = 10, 5  # [본문: 10, 5] 기울기 검사의 V 와 d
        # [본문: ["국민/NNG", "법률/NNG"]] 값이 길면 바로 위 줄에
        WORDS = ["국민/NNG", "법률/NNG"]
        RATE = 1e-3  # 표시 없음
        # 설명: [자유] 는 바꿔도 되는 값
        UNMARKED = 3
        """
    )
    roles = parameter_roles(nb)
    assert list(roles) == ["SEED", "K", "K_VALUES", "GRAD_V", "GRAD_DIM", "WORDS", "RATE", "UNMARKED"]
    assert (roles["SEED"].role, roles["SEED"].stated) == (FREE, None)
    assert (roles["K"].role, roles["K"].stated) == (TEXT, 5)
    assert roles["K_VALUES"].stated == [1, 2, 5]
    assert (roles["GRAD_V"].stated, roles["GRAD_DIM"].stated) == (10, 5)
    assert roles["WORDS"].stated == ["국민/NNG", "법률/NNG"]
    assert roles["RATE"].role is None and roles["UNMARKED"].role is None  # 위 줄의 설명은 역할이 아님
    problems = parameter_problems(nb, "x.ipynb")
    assert len(problems) == 2 and "RATE" in problems[0] and "[자유]" in problems[0]
    assert parameter_problems(nb, "x.ipynb", unmarked=False) == []


def test_bad_marks_are_reported_in_korean():
    nb = _notebook(
        """
        A = 1  # [본문] 값이 없음
        B = 2  # [본문: 둘] 파이썬 값이 아님
        C, D = 1, 2  # [본문: 1] 이름은 둘
        """
    )
    problems = parameter_problems(nb, "x.ipynb")
    assert len(problems) == 4
    assert "A: [본문] 에 기준 값이 없습니다" in problems[0]
    assert "[본문: 둘] 의 값을 파이썬 값으로 읽을 수 없습니다" in problems[1]
    assert all("'C, D' 순서로" in p for p in problems[2:])


def test_injected_papermill_values_count_as_the_notebooks_values():
    nb = _notebook("K = 5  # [본문: 5] 기준 K\nN = 10  # [자유] 개수")
    injected = nbformat.v4.new_code_cell("# Parameters\nN = 20\nK = 7")
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(2, injected)
    assert parameters(nb) == {"K": 7, "N": 20}
    [problem] = parameter_problems(nb, "x.ipynb")
    assert "K 는 본문 해석이 5 를 기준으로 씁니다 (지금 7)" in problem


def test_fixture_stops_with_a_korean_message_when_a_text_value_changes(tmp_path):
    """03 의 사본에서 NEGATIVE 를 7 로 바꾸면, 3.5절의 해석이 어긋난다는 말로 멈춥니다 (뒤의 assert 보다 먼저)."""
    nb = _read("03_how_it_works.ipynb")
    cell = parameters_cell(nb)
    assert "NEGATIVE = 5 " in cell.source
    cell.source = cell.source.replace("NEGATIVE = 5 ", "NEGATIVE = 7 ")
    with pytest.raises(pytest.fail.Exception) as failed:
        check_text_parameters(nb, "03_how_it_works.ipynb")
    message = str(failed.value)
    assert message == (
        "03_how_it_works.ipynb 의 NEGATIVE 는 본문 해석이 5 를 기준으로 씁니다 (지금 7). "
        "본문을 고치고 [본문: 7] 로 바꾸거나, 값을 되돌리세요"
    )
    # 자유로운 값을 바꾸면 그대로 지나갑니다
    nb = _read("03_how_it_works.ipynb")
    cell = parameters_cell(nb)
    cell.source = cell.source.replace("N_MONITOR = 2000 ", "N_MONITOR = 500 ")
    assert check_text_parameters(nb, "03_how_it_works.ipynb")["N_MONITOR"] == 500


def test_notebooks_are_read_from_the_folder_in_the_environment(tmp_path, monkeypatch):
    """``SGNS_NOTEBOOKS`` 의 사본을 읽고, 그 사본의 바뀐 [본문] 값이면 params 가 그 한국어 문장으로 멈춥니다."""
    nb = _read("03_how_it_works.ipynb")
    cell = parameters_cell(nb)
    cell.source = cell.source.replace("NEGATIVE = 5 ", "NEGATIVE = 7 ")
    nbformat.write(nb, tmp_path / "03_how_it_works.ipynb")
    monkeypatch.setenv("SGNS_NOTEBOOKS", str(tmp_path))
    # 모듈을 새로 읽어야 환경 변수가 적용됩니다 (다른 테스트가 쓰는 모듈은 그대로 둠)
    spec = importlib.util.spec_from_file_location("notebook_outputs_copy", ROOT / "tests" / "notebook_outputs.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    assert module.NOTEBOOK_DIR == tmp_path.resolve()
    copy = module.load_notebook("03_how_it_works.ipynb")
    assert module.parameters(copy)["NEGATIVE"] == 7
    with pytest.raises(pytest.fail.Exception, match=r"NEGATIVE 는 본문 해석이 5 를 기준으로 씁니다 \(지금 7\)"):
        module.check_text_parameters(copy, "03_how_it_works.ipynb")
    monkeypatch.delenv("SGNS_NOTEBOOKS")
    spec.loader.exec_module(module)
    assert module.NOTEBOOK_DIR == (ROOT / "notebooks").resolve()


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(f"tool_{name}", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mark_tool_adds_roles_that_the_reader_understands():
    source = "# 매개변수\nSEED = 0  # 시드\nA, B = 10, 5  # 크기\nN = 3\nK = 5  # [본문: 5] 이미 표시"
    marked = _tool("mark_parameters").mark(source, {"SEED": FREE, "A": TEXT, "B": TEXT, "N": FREE})
    assert marked.splitlines()[1].startswith("# 표시: [자유]")
    assert "SEED = 0  # [자유] 시드" in marked and "A, B = 10, 5  # [본문: 10, 5] 크기" in marked
    nb = _notebook(marked)
    roles = parameter_roles(nb)
    assert {n: (r.role, r.stated) for n, r in roles.items()} == {
        "SEED": (FREE, None), "A": (TEXT, 10), "B": (TEXT, 5), "N": (FREE, None), "K": (TEXT, 5),
    }  # fmt: skip
    assert parameter_problems(nb, "x.ipynb") == []
    with pytest.raises(SystemExit, match="SEED: 역할을 정하세요"):
        _tool("mark_parameters").mark(source, {"A": TEXT, "B": TEXT, "N": FREE})
    with pytest.raises(SystemExit, match="한 줄의 이름들은 역할이 같아야"):
        _tool("mark_parameters").mark(source, {"SEED": FREE, "A": TEXT, "B": FREE, "N": FREE})


def test_try_tool_changes_only_the_named_values():
    source = parameters_cell(_read("03_how_it_works.ipynb")).source
    changed = _tool("try_parameters").set_values(source, {"N_MONITOR": "500", "K_VALUES": "[1, 5]"})
    before, after = source.splitlines(), changed.splitlines()
    assert len(before) == len(after)
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [
        i for i, line in enumerate(before) if line.startswith(("N_MONITOR", "K_VALUES"))
    ]
    assert "N_MONITOR = 500              # [자유]" in changed
    with pytest.raises(SystemExit, match="매개변수 셀에 없는 이름"):
        _tool("try_parameters").set_values(source, {"NOPE": "1"})
