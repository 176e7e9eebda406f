"""한글 글꼴: 그림에 한글을 그려도 'missing glyph' 경고가 나오지 않아야 합니다."""

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from sgns.plotting import korean_font_path, use_korean_font  # noqa: E402


def _render_korean_figure(path):
    fig, ax = plt.subplots()
    ax.plot([-2, -1, 0, 1], [1, -1, 0, 2], label="시그모이드")
    ax.set_title("한글 제목: 네거티브 샘플링")
    ax.set_xlabel("내적 값 u·v")
    ax.set_ylabel("확률")
    ax.legend()
    fig.savefig(path)
    plt.close(fig)


def _glyph_warnings(record):
    return [str(w.message) for w in record if "missing from font" in str(w.message)]


def test_font_file_is_found_without_importing_koreanize():
    import sys

    path = korean_font_path()
    assert path.name == "NanumGothic.ttf" and path.stat().st_size > 1_000_000
    assert "koreanize_matplotlib" not in sys.modules


def test_hangul_renders_without_missing_glyph_warnings(tmp_path):
    use_korean_font()
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        _render_korean_figure(tmp_path / "ko.png")
    assert _glyph_warnings(record) == []
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_default_font_would_miss_glyphs(tmp_path):
    """대조 실험: 한글 글꼴 없이 그리면 경고가 실제로 나온다 (위 테스트가 헛되지 않음을 보임)."""
    with matplotlib.rc_context({"font.family": "DejaVu Sans"}):
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            _render_korean_figure(tmp_path / "box.png")
    assert _glyph_warnings(record)


def test_hangul_pixels_differ_from_tofu(tmp_path):
    """NanumGothic 으로 그린 한글은 DejaVu 의 네모(tofu)와 다른 그림이 됩니다."""
    use_korean_font()

    def draw(family):
        with matplotlib.rc_context({"font.family": family}):
            fig = plt.figure(figsize=(2, 1))
            fig.text(0.1, 0.4, "한글", fontsize=20)
            fig.canvas.draw()
            img = np.asarray(fig.canvas.buffer_rgba()).copy()
            plt.close(fig)
            return img

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert not np.array_equal(draw("NanumGothic"), draw("DejaVu Sans"))


def test_display_width_counts_hangul_as_two_columns():
    from sgns.plotting import display_width

    assert display_width("abc") == 3
    assert display_width("긍정 쌍") == 7
    assert display_width("") == 0


# ---- 표 (Table, show_table) -------------------------------------------------------------


def test_table_text_form_aligns_hangul_as_two_columns():
    from sgns.plotting import Table

    lines = str(Table(["단어", "순위"], [["state", "1"], ["irrespons", "29721"]])).splitlines()
    assert lines == [
        "단어" + " " * 8 + "순위",  # 단어(4칸) + 채움 5칸 + 구분 2칸 + 오른쪽 정렬 채움 1칸
        "---------  -----",
        "state          1",
        "irrespons  29721",
    ]
    wide = Table(["균등 p=0", "x"], [["1.00", "2"]], left_columns=0).text_lines()
    assert wide[0] == "균등 p=0  x" and wide[2] == "    1.00  2"
    assert repr(Table(["a"], [[1]])) == "a\n-\n1"


def test_table_markdown_form_renders_in_jupyterlab():
    """JupyterLab 에 보낼 Markdown 표: 숫자 열은 오른쪽 정렬, 표를 깨뜨리는 글자는 막음 (| ~ $ 등)."""
    from sgns.plotting import Table

    table = Table(["잡음 분포", "몫"], [["3/4 제곱 p=0.75", "0.1234"], ["a|b ~5~ $x$", "1"]])
    lines = table._repr_markdown_().splitlines()
    assert lines[0] == "| 잡음 분포 | 몫 |"
    assert lines[1] == "| :--- | ---: |"
    assert lines[2] == "| 3/4 제곱 p=0.75 | 0.1234 |"
    assert lines[3] == r"| a\|b \~5\~ \$x\$ | 1 |"


def test_table_validates_in_korean():
    import pytest

    from sgns.plotting import Table

    with pytest.raises(ValueError, match="비어"):
        Table([], [])
    with pytest.raises(ValueError, match="2개여야"):
        Table(["a", "b"], [["1"]])
    with pytest.raises(ValueError, match="0 이상 2 이하"):
        Table(["a", "b"], [], left_columns=3)
    with pytest.raises(TypeError, match="left_columns"):
        Table(["a"], [], left_columns=1.5)
    with pytest.raises(TypeError, match="rows"):
        Table(["a"], "abc")


def test_show_table_outside_a_notebook_prints_the_text_table(capsys):
    from sgns.plotting import Table, show_table

    assert show_table(["단어", "빈도"], [["the", "5"]]) is None
    assert capsys.readouterr().out == str(Table(["단어", "빈도"], [["the", "5"]])) + "\n"


def test_show_table_in_a_kernel_sends_markdown_and_plain_text():
    """노트북 커널에서는 display 로 text/markdown 과 text/plain 두 가지를 보냅니다."""
    from IPython.core.formatters import DisplayFormatter

    from sgns.plotting import Table

    data, _ = DisplayFormatter().format(Table(["a", "b"], [["x", "1"]]))
    assert data["text/plain"] == "a  b\n-  -\nx  1"
    assert data["text/markdown"].startswith("| a | b |")
