"""저장된 강의 노트북(notebooks/*.ipynb)을 읽는 테스트 도우미: 출력 텍스트, 매개변수 셀, 표시 문자열로 셀 찾기.

노트북의 주장 테스트(tests/test_nb0N_claims.py)가 같은 방식으로 저장된 출력을 읽도록 한곳에 모았습니다.

    nb, params, output = notebook_fixtures("01_concept.ipynb")

처럼 쓰면 그 테스트 모듈에 모듈 범위 픽스처 ``nb``, ``params``, ``output`` 이 생깁니다.

노트북을 읽는 폴더는 환경 변수 ``SGNS_NOTEBOOKS`` 로 바꿀 수 있습니다 (기본값 ``notebooks/``). 매개변수를 바꿔
실행한 사본에 같은 주장 테스트를 돌릴 때 씁니다 (``tools/try_parameters.py``).

매개변수 셀의 대입문마다 주석에 역할을 적습니다.

- ``# [자유] ...``: 바꿔서 다시 실행해도 본문이 맞고 주장 테스트가 통과하는 값.
- ``# [본문: 5] ...``: 본문의 해석이 그 값(여기서는 5)을 기준으로 쓰인 값. 값을 바꾸면 ``params`` 픽스처가
  무엇을 고쳐야 하는지 한국어로 알리고 멈춥니다 (뒤의 테스트가 알 수 없는 assert 로 실패하기 전에).
"""

from __future__ import annotations

import ast
import io
import os
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

DEFAULT_NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOK_DIR = Path(os.environ.get("SGNS_NOTEBOOKS") or DEFAULT_NOTEBOOK_DIR).resolve()

FREE = "자유"
TEXT = "본문"


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


def parameters_cell(nb):
    """``parameters`` 태그가 붙은 셀."""
    return next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))


def parameters(nb) -> dict:
    """``parameters`` 태그가 붙은 셀을 실행해 얻은 이름 -> 값 (매개변수 셀은 상수 대입문뿐입니다).

    papermill 로 값을 바꿔 실행한 사본이면 papermill 이 넣은 ``injected-parameters`` 셀의 값이 그 위에 덮입니다
    (노트북이 실제로 쓴 값).
    """
    values: dict = {}
    exec(parameters_cell(nb).source, {}, values)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            exec(cell.source, {}, values)
    return values


@dataclass(frozen=True)
class ParameterRole:
    """매개변수 셀의 대입문 하나에 붙은 역할.

    ``role`` 은 ``"자유"``, ``"본문"``, 표시가 없으면 ``None``. ``stated`` 는 ``[본문: 값]`` 의 값
    (대입문이 ``A, B = 1, 2`` 처럼 여럿이면 그 이름의 몫). ``line`` 은 셀 안의 줄 번호 (1부터).
    """

    name: str
    role: str | None
    stated: object = None
    line: int = 0
    error: str | None = None


_ROLE_START = re.compile(r"\[\s*(자유|본문)\s*(:|\])")


def _role_in_comment(comment: str) -> tuple[str | None, object, str | None]:
    """주석 하나에서 (역할, 적힌 값, 문제). ``[본문: [1, 2]]`` 처럼 값에 대괄호가 있어도 짝을 맞춰 읽습니다."""
    match = _ROLE_START.search(comment)
    if not match:
        return None, None, None
    role = match.group(1)
    if match.group(2) == "]":
        if role == TEXT:
            return role, None, "[본문] 에 기준 값이 없습니다 ([본문: 5] 처럼 적으세요)"
        return role, None, None
    if role == FREE:
        return role, None, None
    depth, start = 1, match.end()
    for i in range(start, len(comment)):
        depth += {"[": 1, "]": -1}.get(comment[i], 0)
        if depth == 0:
            text = comment[start:i].strip()
            try:
                return role, ast.literal_eval(text), None
            except (ValueError, SyntaxError):
                return role, None, f"[본문: {text}] 의 값을 파이썬 값으로 읽을 수 없습니다"
    return role, None, "[본문: ...] 의 닫는 대괄호가 없습니다"


def _target_names(target) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _target_names(elt)]
    return []


def parameter_roles(nb) -> dict[str, ParameterRole]:
    """매개변수 셀의 대입문마다 이름 -> 역할 (셀에 나온 순서대로).

    역할은 그 대입문이 차지하는 줄들의 주석에서 읽습니다 (보통 같은 줄의 ``# [자유] ...`` 나 ``# [본문: 5] ...``).
    값이 길어 한 줄에 다 적기 어려우면 대입문 바로 위의 주석 줄에, 표시로 시작하게 적어도 됩니다
    (``# [본문: [...]] ...``). 셀 맨 위의 설명 줄처럼 표시로 시작하지 않는 주석은 역할이 아닙니다.
    """
    source = parameters_cell(nb).source
    comments: dict[int, list[str]] = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comments.setdefault(tok.start[0], []).append(tok.string)
    roles: dict[str, ParameterRole] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        else:
            continue
        found = [
            _role_in_comment(c)
            for line in range(node.lineno, node.end_lineno + 1)
            for c in comments.get(line, [])
        ]
        above = source.splitlines()[node.lineno - 2] if node.lineno > 1 else ""
        if not any(f[0] for f in found) and re.match(r"\s*#\s*\[", above):
            found.append(_role_in_comment(above))  # 값이 길면 바로 위의, 표시로 시작하는 주석 줄에 적어도 됨
        role, stated, error = next((f for f in found if f[0]), (None, None, None))
        for target in targets:
            names = _target_names(target)
            share = [stated] * len(names)
            if len(names) > 1 and role == TEXT and error is None:
                if isinstance(stated, tuple) and len(stated) == len(names):
                    share = list(stated)
                else:
                    error = f"[본문: ...] 에 이름 {len(names)}개의 값을 '{', '.join(names)}' 순서로 적으세요"
            for name, value in zip(names, share, strict=True):
                roles[name] = ParameterRole(name, role, value, node.lineno, error)
    return roles


def parameter_problems(nb, file_name: str, values: dict | None = None, unmarked: bool = True) -> list[str]:
    """매개변수의 역할 표시에서 고칠 것들 (한국어 문장들). 없으면 빈 목록.

    - ``[본문: 값]`` 인데 노트북의 값 (``values``, 기본은 ``parameters(nb)``) 이 다른 것
    - 표시를 읽을 수 없는 것, 그리고 ``unmarked`` 이면 표시가 없는 것
    """
    values = parameters(nb) if values is None else values
    problems = []
    for name, role in parameter_roles(nb).items():
        if role.error:
            problems.append(f"{file_name} 의 매개변수 {name}: {role.error}")
        elif role.role is None:
            if unmarked:
                problems.append(
                    f"{file_name} 의 매개변수 {name} 에 역할 표시가 없습니다: "
                    "주석에 [자유] (바꿔도 되는 값) 또는 [본문: 값] (본문 해석의 기준 값) 을 붙이세요"
                )
        elif role.role == TEXT and name in values and values[name] != role.stated:
            problems.append(
                f"{file_name} 의 {name} 는 본문 해석이 {role.stated!r} 를 기준으로 씁니다 "
                f"(지금 {values[name]!r}). 본문을 고치고 [본문: {values[name]!r}] 로 바꾸거나, 값을 되돌리세요"
            )
    return problems


def check_text_parameters(nb, file_name: str) -> dict:
    """``parameters(nb)`` 를 돌려주되, ``[본문: 값]`` 과 다른 값이 있으면 무엇을 고칠지 말하고 테스트를 멈춥니다."""
    values = parameters(nb)
    problems = parameter_problems(nb, file_name, values, unmarked=False)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
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

    ``params`` 는 ``[본문: 값]`` 으로 표시한 값이 그 값과 다르면 무엇을 고칠지 말하며 실패합니다
    (``check_text_parameters``).

    출력 텍스트 픽스처의 이름은 ``output_name`` 입니다. 돌려준 세 값을 테스트 모듈의 이름에 대입해야
    pytest 가 픽스처로 찾습니다.
    """

    @pytest.fixture(scope="module", name="nb")
    def nb_fixture():
        return load_notebook(file_name)

    @pytest.fixture(scope="module", name="params")
    def params_fixture(nb):
        return check_text_parameters(nb, file_name)

    @pytest.fixture(scope="module", name=output_name)
    def output_fixture(nb):
        return all_output_text(nb)

    return nb_fixture, params_fixture, output_fixture


def check_statuses(nb) -> dict[str, str]:
    """확인 셀들이 남긴 기록: 학생이 작성하는 함수 이름 -> 상태 ("pass", "fail", "todo", "error")."""
    from sgns.checks import records

    return {r.function: r.status for r in records(nb)}


def text_table_rows(text: str) -> dict[str, list[str]]:
    """show_table 의 텍스트 표 (머리글, 구분선, 줄) 에서 첫 열 -> 나머지 열."""
    rows = {}
    for line in text.splitlines()[2:]:
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) > 1:
            rows[cells[0]] = cells[1:]
    return rows


def assert_each_question_has_an_answer_key(nb) -> None:
    """ "## 생각해 볼 문제" 의 문항마다 뒤에 answer-key 셀이 하나씩, "**모범 답안 N." 으로 차례대로."""
    cells = nb.cells
    start = next(i for i, c in enumerate(cells) if c.source.startswith("## 생각해 볼 문제"))
    questions = re.findall(r"^\d+\. ", cells[start].source, flags=re.MULTILINE)
    answers = [c for c in cells[start + 1 :] if "answer-key" in c.metadata.get("tags", [])]
    assert len(questions) == len(answers) == len(cells) - start - 1 >= 2
    assert [a.source.split(".")[0] for a in answers] == [f"**모범 답안 {n}" for n in range(1, len(questions) + 1)]
