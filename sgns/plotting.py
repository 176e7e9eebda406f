"""노트북 표시 도우미: 한글 글꼴 등록과 표.

계산은 하지 않습니다. 그림과 표에 들어갈 숫자는 다른 `sgns` 모듈이 계산합니다.
matplotlib 은 ``use_korean_font`` 를 처음 부를 때 불러옵니다 (``import sgns`` 를 가볍게).

- ``use_korean_font()`` : NanumGothic 글꼴을 등록하고 기본 글꼴로 (그림의 한글이 네모로 깨지지 않게)
- ``Table`` / ``show_table(header, rows)`` : JupyterLab 이 렌더링하는 표 (Markdown), 텍스트 출력에서는
  한글 폭까지 맞춘 고정폭 표
"""

from __future__ import annotations

import importlib.util
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sgns._validate import as_list, as_positive_int, describe

__all__ = ["FONT_FAMILY", "korean_font_path", "use_korean_font", "display_width", "Table", "show_table"]

FONT_FAMILY = "NanumGothic"
_FONT_FILE = "NanumGothic.ttf"


def korean_font_path() -> Path:
    """`koreanize-matplotlib` 휠에 들어 있는 NanumGothic.ttf 의 경로.

    패키지를 import 하지 않고(부작용과 distutils 의존을 피함) 설치 위치만 찾습니다.
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "한글 글꼴을 찾을 수 없습니다: `koreanize-matplotlib` 패키지가 설치되어 있지 않습니다. "
            "`make lab` 또는 `pip install -r requirements.txt` 로 설치해 주세요."
        )
    for location in spec.submodule_search_locations:
        path = Path(location) / "fonts" / _FONT_FILE
        if path.is_file():
            return path
    raise FileNotFoundError(f"`koreanize-matplotlib` 안에서 {_FONT_FILE} 파일을 찾지 못했습니다.")


def use_korean_font() -> str:
    """NanumGothic 글꼴을 matplotlib 에 등록하고 기본 글꼴로 정합니다.

    음수 눈금이 네모로 깨지지 않도록 `axes.unicode_minus=False` 로 ASCII '-' 를 씁니다.
    여러 번 불러도 안전합니다. 등록한 글꼴 이름을 돌려줍니다.

    알려진 한계: 로그 축의 눈금 10^-4 처럼 지수가 음수인 라벨은 matplotlib 의 수식 모드로 그려지고,
    수식 모드는 '-' 를 늘 U+2212 로 바꿉니다. NanumGothic 에는 그 글자가 없어서 네모와 경고가 나옵니다.
    그런 축에는 ``ax.xaxis.set_major_formatter(matplotlib.ticker.LogFormatter())`` (라벨 "1e-05") 를 쓰세요.
    노트북 위생 검사가 stderr 경고를 잡으므로 이 문제는 저장된 노트북에 남지 않습니다.
    """
    import matplotlib
    from matplotlib import font_manager

    path = korean_font_path()
    known = {Path(f.fname) for f in font_manager.fontManager.ttflist}
    if path not in known:
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams["font.family"] = FONT_FAMILY
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["figure.dpi"] = 100
    return FONT_FAMILY


def display_width(text: str) -> int:
    """고정폭 글꼴에서 text 가 차지하는 칸 수 (한글 등 전각 문자는 2칸). 텍스트 표의 줄을 맞출 때 씁니다."""
    if not isinstance(text, str):
        raise TypeError(f"`text`는 문자열이어야 합니다. 받은 값: {describe(text)}")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# Markdown 에서 뜻이 있는 글자: 표 칸 안에서는 백슬래시로 막습니다 (| 는 칸 경계, ~ 두 개는 취소선, $ 는 수식).
_MARKDOWN_SPECIAL = set("\\`*_{}[]<>()#+!|~$")


def _escape_markdown(text: str) -> str:
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text).replace("\n", " ")


@dataclass(frozen=True)
class Table:
    """노트북에 보여 줄 표. JupyterLab 에서는 Markdown 표로 렌더링되고 (``_repr_markdown_``),
    텍스트만 보이는 곳(``print``, ``str``, 테스트)에서는 한글을 2칸으로 센 고정폭 표가 됩니다.

    고정폭 글꼴에서도 한글이 정확히 2칸이 아닌 경우가 많아 (JupyterLab 의 출력 글꼴 등) 패딩한 텍스트 표는
    줄이 어긋납니다. 렌더링된 표는 그런 문제가 없습니다.

    Parameters
    ----------
    header : 열 이름들 (길이 m >= 1)
    rows : 줄마다 m 개의 값 (str() 로 바꿔 씀; 숫자는 원하는 자릿수의 문자열로 만들어 넣으세요)
    left_columns : int, 왼쪽 정렬할 앞쪽 열의 수 (나머지 열은 오른쪽 정렬, 숫자 열에 알맞음). 0 이상 m 이하.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    left_columns: int = 1

    def __init__(self, header, rows, left_columns: int = 1):
        head = tuple(str(h) for h in as_list("header", header, "열 이름들의 목록이어야 합니다"))
        m = len(head)
        if m == 0:
            raise ValueError("`header`가 비어 있습니다. 열 이름이 1개 이상 필요합니다.")
        left_columns = as_positive_int("left_columns", left_columns, minimum=0)
        if left_columns > m:
            raise ValueError(f"`left_columns`={left_columns} 는 0 이상 {m} 이하여야 합니다.")
        body = []
        for i, row in enumerate(as_list("rows", rows, "줄들의 목록이어야 합니다")):
            cells = tuple(str(x) for x in as_list(f"rows[{i}]", row, f"값 {m}개의 목록이어야 합니다"))
            if len(cells) != m:
                raise ValueError(f"`rows`[{i}] 의 값이 {len(cells)}개입니다. 머리글처럼 {m}개여야 합니다.")
            body.append(cells)
        object.__setattr__(self, "header", head)
        object.__setattr__(self, "rows", tuple(body))
        object.__setattr__(self, "left_columns", left_columns)

    def text_lines(self) -> list[str]:
        """고정폭 텍스트 표의 줄들: 머리글 한 줄, 구분선 한 줄, 그리고 표의 줄마다 한 줄."""
        cells = [self.header, *self.rows]
        widths = [max(display_width(r[j]) for r in cells) for j in range(len(self.header))]

        def fit(text: str, j: int) -> str:
            space = " " * (widths[j] - display_width(text))
            return text + space if j < self.left_columns else space + text

        lines = []
        for n, row in enumerate(cells):
            lines.append("  ".join(fit(cell, j) for j, cell in enumerate(row)).rstrip())
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return lines

    def __str__(self) -> str:
        return "\n".join(self.text_lines())

    def __repr__(self) -> str:  # 노트북의 text/plain 표현
        return str(self)

    def _repr_markdown_(self) -> str:
        """JupyterLab 이 렌더링하는 Markdown 표 (숫자 열은 오른쪽 정렬)."""
        align = [":---" if j < self.left_columns else "---:" for j in range(len(self.header))]
        lines = ["| " + " | ".join(_escape_markdown(h) for h in self.header) + " |", "| " + " | ".join(align) + " |"]
        lines += ["| " + " | ".join(_escape_markdown(c) for c in row) + " |" for row in self.rows]
        return "\n".join(lines)


def show_table(header, rows, left_columns: int = 1) -> None:
    """표를 노트북 출력에 보여 줍니다 (``IPython.display.display(Table(...))``).

    노트북 밖에서는 텍스트 표를 출력합니다. 셀의 마지막 줄에 써도 표가 두 번 나오지 않도록 None 을 돌려줍니다.

    Parameters
    ----------
    header, rows, left_columns : ``Table`` 과 같음
    """
    table = Table(header, rows, left_columns)
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # IPython 이 없는 환경
        print(table)
        return
    if get_ipython() is None:
        print(table)
    else:
        display(table)
