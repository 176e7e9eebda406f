"""1장 (개념) 의 도우미: 스킵-그램 + 네거티브 샘플링 모델의 그림.

긍정 쌍 하나와 그 쌍의 네거티브 샘플 K 개가 모델을 지나는 길을 한 장에 그립니다.

    중심 단어 c   -> 중심 단어 벡터 v_c ---------------------+
    주변 단어 o   -> 주변 단어 벡터 u_o -> 점수 s_o = u_o·v_c -> σ(s_o) -> 목표 레이블 1 -> -log σ(s_o)
    네거티브 샘플 w_k -> u_k           -> 점수 s_k = u_k·v_c -> σ(s_k) -> 목표 레이블 0 -> -log σ(-s_k)

- ``diagram_layout`` : 그림의 상자와 화살표 (matplotlib 없이 계산하는 자료; 테스트가 이것을 확인합니다)
- ``draw_sgns_diagram`` : 그 자료를 matplotlib 그림으로 그립니다

상자의 열: 단어, 벡터 (두 벡터 행렬에서 행 하나 꺼내기), 점수 (내적), 시그모이드, 목표 레이블, 손실 항.
색은 강의의 약속을 따릅니다: 긍정 쌍은 tab:blue, 부정 쌍은 tab:orange, 중심 단어는 회색.
"""

from __future__ import annotations

from dataclasses import dataclass

from sgns._validate import as_axes, as_list, describe

__all__ = [
    "MAX_NEGATIVES",
    "COLUMN_TITLES",
    "DiagramBox",
    "DiagramLayout",
    "diagram_layout",
    "draw_sgns_diagram",
]

# 그림에 넣을 수 있는 네거티브 샘플 수의 상한 (더 많으면 상자가 읽을 수 없을 만큼 작아집니다)
MAX_NEGATIVES = 8

# 열마다의 제목 (왼쪽부터)
COLUMN_TITLES = ("단어", "벡터\n(행렬에서 행 하나)", "점수 (내적)", "시그모이드", "목표 레이블", "손실 항")

# 종류 -> 열 번호
_COLUMN = {"word": 0, "vector": 1, "score": 2, "sigmoid": 3, "label": 4, "loss": 5}
_ROLE_COLORS = {"center": "0.35", "positive": "tab:blue", "negative": "tab:orange"}


@dataclass(frozen=True)
class DiagramBox:
    """그림의 상자 하나.

    key : str, 상자의 이름 (화살표가 가리킴). 예: "word:o", "vector:c", "score:2"
    text : str, 상자에 쓸 글 (matplotlib mathtext 의 $...$ 포함 가능)
    kind : str, "word" / "vector" / "score" / "sigmoid" / "label" / "loss"
    role : str, "center" (중심 단어) / "positive" (긍정 쌍) / "negative" (부정 쌍)
    column : int, 0..5 (``COLUMN_TITLES`` 의 열)
    row : int, 0 = 중심 단어 줄, 1 = 긍정 쌍 줄, 2..K+1 = 부정 쌍 줄
    """

    key: str
    text: str
    kind: str
    role: str
    column: int
    row: int


@dataclass(frozen=True)
class DiagramLayout:
    """그림의 자료: 상자들과 화살표들 (화살표는 (출발 상자 key, 도착 상자 key)).

    negative : int, 네거티브 샘플 수 K
    boxes : tuple[DiagramBox, ...]
    arrows : tuple[tuple[str, str], ...]
    loss_text : str, 손실 항을 모두 더한 J 의 식 (그림 아래에 씀)
    """

    negative: int
    boxes: tuple[DiagramBox, ...]
    arrows: tuple[tuple[str, str], ...]
    loss_text: str

    def box(self, key: str) -> DiagramBox:
        """key 가 같은 상자. 없으면 KeyError."""
        for box in self.boxes:
            if box.key == key:
                return box
        raise KeyError(f"그림에 {key!r} 상자가 없습니다.")

    def of_kind(self, kind: str) -> list[DiagramBox]:
        """종류가 kind 인 상자들 (줄 순서대로)."""
        return sorted((b for b in self.boxes if b.kind == kind), key=lambda b: b.row)


def _check_word(name: str, word) -> str:
    if not isinstance(word, str) or not word.strip():
        raise TypeError(f"`{name}`은(는) 비어 있지 않은 단어(문자열)여야 합니다. 받은 값: {describe(word)}")
    return word


def _check_negative_words(negative_words) -> list[str]:
    words = as_list(
        "negative_words", negative_words, "네거티브 샘플 단어들의 리스트여야 합니다 (단어 하나라도 리스트로)"
    )
    if not 1 <= len(words) <= MAX_NEGATIVES:
        raise ValueError(
            f"`negative_words`의 단어 수 K = {len(words)} 는 1 이상 {MAX_NEGATIVES} 이하여야 합니다 "
            "(그림의 상자가 읽을 수 있는 크기로 남도록)."
        )
    return [_check_word(f"negative_words[{i}]", w) for i, w in enumerate(words)]


def diagram_layout(center_word: str, outside_word: str, negative_words) -> DiagramLayout:
    """긍정 쌍 (center_word, outside_word) 와 네거티브 샘플 K 개의 모델 그림 자료.

    줄 0 은 중심 단어와 v_c, 줄 1 은 긍정 쌍 (주변 단어 o), 줄 1+k 는 k 번째 부정 쌍 (네거티브 샘플 w_k).
    줄 1..K+1 마다 단어 -> 벡터 -> 점수 -> σ -> 목표 레이블 -> 손실 항 으로 화살표가 이어지고,
    v_c 에서 모든 점수 상자로 화살표가 갑니다 (점수는 두 벡터의 내적이므로 화살표 두 개를 받습니다).

    Parameters
    ----------
    center_word : str, 중심 단어 c
    outside_word : str, 주변 단어 o (긍정 쌍)
    negative_words : K 개의 단어 (1 <= K <= ``MAX_NEGATIVES``), 잡음 분포에서 뽑은 네거티브 샘플 w_1..w_K
        (같은 단어가 두 번 뽑혀도 됩니다)

    Returns
    -------
    DiagramLayout : 상자 2 + 5(K+1) + K 개 (단어 K+2, 벡터 K+2, 점수·σ·레이블·손실 각 K+1),
        화살표 6(K+1) 개
    """
    center_word = _check_word("center_word", center_word)
    outside_word = _check_word("outside_word", outside_word)
    words = _check_negative_words(negative_words)
    negative = len(words)

    boxes = [
        DiagramBox("word:c", f"중심 단어 c\n{center_word}", "word", "center", 0, 0),
        DiagramBox("vector:c", "$v_c$", "vector", "center", 1, 0),
    ]
    arrows = [("word:c", "vector:c")]
    # 줄마다: (이름, 단어 상자의 글, 벡터, 점수, 레이블, 손실 항의 σ 인자)
    rows = [("o", f"주변 단어 o\n{outside_word}", "positive", "1", "s_o")]
    rows += [(str(k), f"네거티브 샘플 $w_{k}$\n{w}", "negative", "0", f"-s_{k}") for k, w in enumerate(words, 1)]
    for row, (name, word_text, role, label, loss_arg) in enumerate(rows, start=1):
        score = "s_o" if name == "o" else f"s_{name}"
        vector = "u_o" if name == "o" else f"u_{name}"
        pair = "긍정 쌍" if role == "positive" else "부정 쌍"
        boxes += [
            DiagramBox(f"word:{name}", word_text, "word", role, 0, row),
            DiagramBox(f"vector:{name}", f"${vector}$", "vector", role, 1, row),
            DiagramBox(f"score:{name}", f"${score} = {vector}^\\top v_c$", "score", role, 2, row),
            DiagramBox(f"sigmoid:{name}", f"$\\sigma({score})$", "sigmoid", role, 3, row),
            DiagramBox(f"label:{name}", f"{label} ({pair})", "label", role, 4, row),
            DiagramBox(f"loss:{name}", f"$-\\log\\,\\sigma({loss_arg})$", "loss", role, 5, row),
        ]
        arrows += [
            (f"word:{name}", f"vector:{name}"),
            (f"vector:{name}", f"score:{name}"),
            ("vector:c", f"score:{name}"),
            (f"score:{name}", f"sigmoid:{name}"),
            (f"sigmoid:{name}", f"label:{name}"),
            (f"label:{name}", f"loss:{name}"),
        ]
    loss_text = f"$J = -\\log\\,\\sigma(s_o) - \\sum_{{k=1}}^{{K}} \\log\\,\\sigma(-s_k)$,   K = {negative}"
    return DiagramLayout(negative, tuple(boxes), tuple(arrows), loss_text)


def _position(box: DiagramBox) -> tuple[float, float]:
    """상자 가운데의 그림 좌표 (x: 열, y: 줄; 위가 0)."""
    x = [0.0, 2.05, 3.85, 5.6, 7.15, 8.85][box.column]
    return x, -float(box.row)


_HALF_WIDTH = [0.8, 0.38, 0.78, 0.5, 0.6, 0.72]  # 열마다 상자 폭의 절반
_HALF_HEIGHT = 0.3


def draw_sgns_diagram(center_word: str, outside_word: str, negative_words, ax=None):
    """스킵-그램 + 네거티브 샘플링 모델의 그림을 그립니다 (``diagram_layout`` 의 자료로).

    두 벡터 행렬은 회색 바탕으로 묶어 보입니다: v_c 는 중심 단어 벡터 행렬의 행, u_o 와 u_k 는 주변 단어
    벡터 행렬 U 의 행입니다. 한글이 보이려면 먼저 ``sgns.use_korean_font()`` 를 부르세요.

    Parameters
    ----------
    center_word, outside_word, negative_words : ``diagram_layout`` 과 같음
    ax : matplotlib Axes 또는 None (None 이면 새 그림을 만듦)

    Returns
    -------
    fig : matplotlib Figure (``plt.show()`` 로 보여 줍니다)
    """
    layout = diagram_layout(center_word, outside_word, negative_words)
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    rows = layout.negative + 2
    if ax is None:
        fig, ax = plt.subplots(figsize=(11, 0.8 + 0.85 * rows))
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.92)
    else:
        fig = as_axes("ax", ax).figure
    ax.set_axis_off()
    ax.set_xlim(-0.95, 9.65)
    ax.set_ylim(-(rows - 1) - 1.05, 1.0)

    _draw_matrix_backgrounds(ax, layout, FancyBboxPatch)
    for column, title in enumerate(COLUMN_TITLES):
        x = _position(DiagramBox("", "", "", "", column, 0))[0]
        ax.text(x, 0.72, title, ha="center", va="center", fontsize=10, color="0.25")
    for box in layout.boxes:
        _draw_box(ax, box, FancyBboxPatch)
    for start, end in layout.arrows:
        ax.add_patch(_arrow(layout.box(start), layout.box(end), FancyArrowPatch))
    ax.text(
        _position(layout.box("label:o"))[0], -(rows - 1) - 0.72, layout.loss_text, ha="center", va="center", fontsize=12
    )
    ax.set_title("스킵-그램 + 네거티브 샘플링: 긍정 쌍 1개와 부정 쌍 K개를 이진 분류로", fontsize=13)
    return fig


def _draw_matrix_backgrounds(ax, layout: DiagramLayout, patch_cls) -> None:
    x = _position(layout.box("vector:c"))[0]
    half = _HALF_WIDTH[1] + 0.28
    last = -float(layout.negative + 1)
    # 위: 중심 단어 벡터 행렬 (v_c 와 그 이름), 아래: 주변 단어 벡터 행렬 U (u_o, u_1..u_K 와 그 이름)
    ax.add_patch(
        patch_cls(
            (x - half, -0.66), 2 * half, 1.02, boxstyle="round,pad=0.02", facecolor="0.93", edgecolor="none", zorder=0
        )
    )
    ax.add_patch(
        patch_cls(
            (x - half, last - 0.66),
            2 * half,
            -1.0 - last + 1.04,
            boxstyle="round,pad=0.02",
            facecolor="0.93",
            edgecolor="none",
            zorder=0,
        )
    )
    ax.text(x - 0.1, -0.5, "중심 단어 벡터 행렬", ha="center", va="center", fontsize=8.5, color="0.3")
    ax.text(x, last - 0.5, "주변 단어 벡터 행렬 U", ha="center", va="center", fontsize=8.5, color="0.3")


def _draw_box(ax, box: DiagramBox, patch_cls) -> None:
    x, y = _position(box)
    w, h = _HALF_WIDTH[box.column], _HALF_HEIGHT
    color = _ROLE_COLORS[box.role]
    ax.add_patch(
        patch_cls(
            (x - w, y - h),
            2 * w,
            2 * h,
            boxstyle="round,pad=0.03",
            facecolor="white",
            edgecolor=color,
            linewidth=1.6,
            zorder=2,
        )
    )
    size = 9 if box.kind == "word" else 11
    ax.text(x, y, box.text, ha="center", va="center", fontsize=size, zorder=3)


def _arrow(start: DiagramBox, end: DiagramBox, patch_cls):
    (x0, y0), (x1, y1) = _position(start), _position(end)
    if start.row == end.row:  # 같은 줄: 오른쪽 가장자리에서 왼쪽 가장자리로
        begin, finish = (x0 + _HALF_WIDTH[start.column], y0), (x1 - _HALF_WIDTH[end.column], y1)
        color = _ROLE_COLORS[end.role]
    else:  # v_c 에서 아래 줄의 점수 상자로: 상자의 위쪽 왼편으로
        begin = (x0 + _HALF_WIDTH[start.column], y0 - 0.1)
        finish = (x1 - _HALF_WIDTH[end.column] * 0.55, y1 + _HALF_HEIGHT)
        color = _ROLE_COLORS["center"]
    return patch_cls(
        begin, finish, arrowstyle="-|>", mutation_scale=11, color=color, linewidth=1.1, shrinkA=2, shrinkB=2, zorder=1
    )
