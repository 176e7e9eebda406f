"""sgns.lessons.diagram (1장): 스킵-그램 + 네거티브 샘플링 모델 그림의 자료와 그림."""

import io
import warnings
from collections import Counter

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

from sgns.data import DOC_NEGATIVE_WORDS  # noqa: E402
from sgns.lessons.diagram import (  # noqa: E402
    COLUMN_TITLES,
    MAX_NEGATIVES,
    diagram_layout,
    draw_sgns_diagram,
)
from sgns.plotting import use_korean_font  # noqa: E402


@pytest.fixture
def layout():
    return diagram_layout("banking", "crisis", DOC_NEGATIVE_WORDS)


def test_every_row_holds_one_pair(layout):
    K = len(DOC_NEGATIVE_WORDS)
    assert layout.negative == K
    kinds = Counter(box.kind for box in layout.boxes)
    assert kinds == {"word": K + 2, "vector": K + 2, "score": K + 1, "sigmoid": K + 1, "label": K + 1, "loss": K + 1}
    # 줄 0 은 중심 단어, 줄 1 은 긍정 쌍, 줄 2..K+1 은 부정 쌍
    assert {box.role for box in layout.boxes if box.row == 0} == {"center"}
    assert {box.role for box in layout.boxes if box.row == 1} == {"positive"}
    assert {box.role for box in layout.boxes if box.row >= 2} == {"negative"}
    assert sorted({box.row for box in layout.boxes}) == list(range(K + 2))


def test_words_appear_in_their_rows(layout):
    words = layout.of_kind("word")
    assert "banking" in words[0].text and "crisis" in words[1].text
    for k, (box, word) in enumerate(zip(words[2:], DOC_NEGATIVE_WORDS, strict=True), start=1):
        assert word in box.text and f"w_{k}" in box.text


def test_labels_are_one_for_the_positive_pair_and_zero_for_negatives(layout):
    labels = [box.text.split()[0] for box in layout.of_kind("label")]
    assert labels == ["1"] + ["0"] * layout.negative


def test_loss_terms_flip_the_sign_for_negative_pairs(layout):
    losses = [box.text for box in layout.of_kind("loss")]
    assert "sigma(s_o)" in losses[0] and "-s" not in losses[0]
    assert all(f"sigma(-s_{k})" in text for k, text in enumerate(losses[1:], start=1))
    assert "K = 3" in layout.loss_text and r"\sum_{k=1}^{K}" in layout.loss_text


def test_each_score_is_the_dot_product_of_v_c_and_its_own_u(layout):
    incoming = {}
    for start, end in layout.arrows:
        incoming.setdefault(end, []).append(start)
    for box in layout.of_kind("score"):
        name = box.key.split(":")[1]
        assert sorted(incoming[box.key]) == sorted(["vector:c", f"vector:{name}"])
        assert f"u_{name}" in box.text and "v_c" in box.text
    # v_c 는 모든 점수 상자로 (그리고 그곳으로만) 갑니다
    assert sorted(end for start, end in layout.arrows if start == "vector:c") == sorted(
        box.key for box in layout.of_kind("score")
    )


def test_each_row_is_a_chain_from_word_to_loss(layout):
    arrows = set(layout.arrows)
    assert ("word:c", "vector:c") in arrows
    for box in layout.of_kind("loss"):
        name = box.key.split(":")[1]
        chain = [f"{kind}:{name}" for kind in ("word", "vector", "score", "sigmoid", "label", "loss")]
        assert set(zip(chain, chain[1:], strict=False)) <= arrows
    assert len(layout.arrows) == 1 + 6 * (layout.negative + 1)
    keys = {box.key for box in layout.boxes}
    assert all(start in keys and end in keys for start, end in layout.arrows)
    with pytest.raises(KeyError, match="없습니다"):
        layout.box("score:9")


def test_repeated_negative_words_are_allowed():
    # 잡음 분포에서 같은 단어가 두 번 뽑힐 수 있습니다: 줄은 따로입니다
    layout = diagram_layout("into", "banking", ["state", "state"])
    assert [box.key for box in layout.of_kind("label")] == ["label:o", "label:1", "label:2"]


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (("banking", "crisis", []), ValueError, "K = 0"),
        (("banking", "crisis", ["w"] * (MAX_NEGATIVES + 1)), ValueError, f"K = {MAX_NEGATIVES + 1}"),
        (("banking", "crisis", "pizza"), TypeError, "negative_words"),
        (("banking", "crisis", ["pizza", 3]), TypeError, r"negative_words\[1\]"),
        (("", "crisis", ["pizza"]), TypeError, "center_word"),
        (("banking", None, ["pizza"]), TypeError, "outside_word"),
    ],
)
def test_bad_input_gets_a_korean_error_naming_the_parameter(args, error, match):
    with pytest.raises(error, match=match):
        diagram_layout(*args)


def test_drawing_has_every_box_and_arrow_and_renders_without_missing_glyphs():
    use_korean_font()
    layout = diagram_layout("banking", "crisis", DOC_NEGATIVE_WORDS)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 글꼴에 없는 글자(네모)는 경고가 되므로 여기서 실패합니다
        fig = draw_sgns_diagram("banking", "crisis", DOC_NEGATIVE_WORDS)
        fig.savefig(io.BytesIO(), format="png")
    try:
        (ax,) = fig.axes
        texts = [t.get_text() for t in ax.texts]
        assert all(box.text in texts for box in layout.boxes)
        assert all(title in texts for title in COLUMN_TITLES)
        assert layout.loss_text in texts
        arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
        assert len(arrows) == len(layout.arrows)
        assert ax.get_title()
    finally:
        plt.close(fig)


def test_drawing_into_a_given_axes():
    fig, ax = plt.subplots()
    try:
        assert draw_sgns_diagram("into", "banking", ["state"], ax=ax) is fig
        assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == 1 + 6 * 2
    finally:
        plt.close(fig)
