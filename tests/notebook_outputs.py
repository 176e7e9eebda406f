"""저장된 강의 노트북(notebooks/*.ipynb)을 읽는 테스트 도우미: 출력 텍스트, 매개변수 셀, 표시 문자열로 셀 찾기.

노트북의 주장 테스트(tests/test_nb0N_claims.py)가 같은 방식으로 저장된 출력을 읽도록 한곳에 모았습니다.

    nb, params, output = notebook_fixtures("01_concept.ipynb")

처럼 쓰면 그 테스트 모듈에 모듈 범위 픽스처 ``nb``, ``params``, ``output`` 이 생깁니다.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"


def load_notebook(file_name: str) -> nbformat.NotebookNode:
    """notebooks/ 아래의 저장된 노트북 하나 (nbformat 4), 도구가 만든 이동 링크 셀 (``course-nav``) 은 뺀 것.

    이동 링크 셀 (이전·다음 노트북, 시작 페이지) 은 ``tools/notebook_nav.py`` 가 넣고 그 테스트가 검사합니다.
    노트북의 내용에 대한 주장 테스트는 그 셀이 없는 것처럼 셀의 순서를 봅니다.
    """
    nb = nbformat.read(NOTEBOOK_DIR / file_name, as_version=4)
    nb.cells = [c for c in nb.cells if "course-nav" not in c.get("metadata", {})]
    return nb


def cell_output_text(cell) -> str:
    """셀 하나의 출력 텍스트.

    stream 출력은 여러 조각으로 나뉘어 저장될 수 있으므로 조각을 구분자 없이 이어 붙입니다 (화면에 찍힌 그대로).
    그 밖의 출력은 ``text/plain`` 표현을 한 줄로 덧붙입니다 (그림이면 ``<Figure size ...>``).
    """
    parts: list[str] = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append("".join(out.get("text", "")))
            continue
        plain = "".join(out.get("data", {}).get("text/plain", ""))
        if plain:
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            parts.append(plain + "\n")
    return "".join(parts)


def all_output_text(nb) -> str:
    """모든 코드 셀의 출력 텍스트를 셀 순서대로, 셀 사이에 줄바꿈을 넣어 이은 것."""
    return "\n".join(cell_output_text(c) for c in code_cells(nb))


def parameters(nb) -> dict:
    """``parameters`` 태그가 붙은 셀을 실행해 얻은 이름 -> 값 (매개변수 셀은 상수 대입문뿐입니다)."""
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    values: dict = {}
    exec(cell.source, {}, values)
    return values


def code_cells(nb) -> list:
    """코드 셀들 (순서대로)."""
    return [c for c in nb.cells if c.cell_type == "code"]


def markdown_sources(nb) -> list[str]:
    """마크다운 셀의 원문들 (순서대로)."""
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def markdown_text(nb) -> str:
    """모든 마크다운 셀의 원문을 줄바꿈으로 이은 것."""
    return "\n".join(markdown_sources(nb))


def numbers_in(text: str) -> list[float]:
    """글에 적힌 수들 (천 단위 쉼표와 LaTeX 의 ``{,}`` 는 무시, 퍼센트 기호는 뗌).

    마크다운이 말하는 숫자가 계산한 값과 같은지 볼 때 씁니다. 문장을 고쳐 써도 숫자가 같으면 통과합니다.
    """
    cleaned = text.replace("{,}", "")
    return [float(m.replace(",", "")) for m in re.findall(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?", cleaned)]


def display_mime_types(cell) -> set[str]:
    """셀의 출력 (display_data, execute_result) 이 가진 MIME 형식들."""
    return {mime for out in cell.get("outputs", []) for mime in out.get("data", {})}


def find_cell_index(cells, marker: str) -> int:
    """``cells`` (셀 또는 원문 문자열의 목록) 에서 원문에 ``marker`` 가 든 첫 셀의 위치. 없으면 StopIteration."""
    return next(i for i, c in enumerate(cells) if marker in (c if isinstance(c, str) else c.source))


def notebook_fixtures(file_name: str, output_name: str = "output"):
    """테스트 모듈에 둘 모듈 범위 픽스처 세 개: 노트북 ``nb``, 매개변수 ``params``, 모든 출력 텍스트.

    출력 텍스트 픽스처의 이름은 ``output_name`` 입니다. 돌려준 세 값을 테스트 모듈의 이름에 대입해야
    pytest 가 픽스처로 찾습니다.
    """

    @pytest.fixture(scope="module", name="nb")
    def nb_fixture():
        return load_notebook(file_name)

    @pytest.fixture(scope="module", name="params")
    def params_fixture(nb):
        return parameters(nb)

    @pytest.fixture(scope="module", name=output_name)
    def output_fixture(nb):
        return all_output_text(nb)

    return nb_fixture, params_fixture, output_fixture


def check_statuses(nb) -> dict[str, str]:
    """확인 셀들이 남긴 기록: 학생이 작성하는 함수 이름 -> 상태 ("pass", "fail", "todo", "error")."""
    from sgns.checks import records

    return {r.function: r.status for r in records(nb)}
