"""1장 노트북의 주장: 저장된 출력의 핵심 숫자가 지금 sgns 가 계산하는 값과 같은지 확인합니다."""

import re

import pytest
from notebook_outputs import check_statuses, display_mime_types, find_cell_index, notebook_fixtures

import sgns
from sgns.data import DOC_CENTER_WORD, DOC_NEGATIVE_WORDS, DOC_SENTENCE, load_head500
from sgns.lessons.pair_table import (
    SECTION1_CENTER_WORD,
    SECTION1_CONTEXT_WORD,
    count_labels,
    draw_noise_words,
    labelled_pairs,
    pair_table,
    pairs_with_center,
    rare_word_share,
    rare_words_drawn,
)
from sgns.lessons.update_cost import dot_products_per_update, update_speedup
from sgns.sampling import NegativeSampler

nb, params, output = notebook_fixtures("01_concept.ipynb")


@pytest.fixture(scope="module")
def vocab():
    return sgns.build_vocab(load_head500())


def test_parameters(params):
    assert params["SEED"] == 0
    assert params["WINDOW"] == 2
    assert params["K"] == 5 and params["K_LARGE"] == 20
    assert params["VOCAB_SIZE_DOC"] == 50_000


def test_document_example_table(nb, output):
    rows = labelled_pairs([(SECTION1_CENTER_WORD, SECTION1_CONTEXT_WORD)], [DOC_NEGATIVE_WORDS])
    assert str(pair_table(rows)) in output
    # 표는 JupyterLab 이 렌더링하는 Markdown 으로도 저장됩니다 (고정폭 텍스트 표는 한글에서 줄이 어긋남)
    tables = [c for c in nb.cells if c.cell_type == "code" and "pair_table(" in c.source and c.get("outputs")]
    assert len(tables) == 2 and all("text/markdown" in display_mime_types(c) for c in tables)


def test_true_pairs_of_the_sentence(output, params):
    pairs = sgns.corpus.skipgram_pairs(DOC_SENTENCE, params["WINDOW"])
    assert f"단어 {len(DOC_SENTENCE)}개, 윈도우 크기 {params['WINDOW']} -> 긍정 쌍 {len(pairs)}개" in output
    into = pairs_with_center(pairs, DOC_CENTER_WORD)
    assert ("into", "banking") in into
    assert f"중심 단어 {DOC_CENTER_WORD!r}의 긍정 쌍 {len(into)}개: {into}" in output


def test_labelled_table_with_real_noise(output, params, vocab):
    assert f"어휘 크기 V = {len(vocab):,}" in output
    into = pairs_with_center(sgns.corpus.skipgram_pairs(DOC_SENTENCE, params["WINDOW"]), DOC_CENTER_WORD)
    sampler = NegativeSampler(vocab.counts, power=0.75, seed=params["SEED"])
    rows = labelled_pairs(into, draw_noise_words(sampler, vocab, len(into), params["K"]))
    assert str(pair_table(rows)) in output
    num_positive, num_negative = count_labels(rows)
    assert num_negative == params["K"] * num_positive
    assert f"긍정 쌍 {num_positive}개, 부정 쌍 {num_negative}개" in output


def test_words_looked_up_in_the_vocabulary(output, vocab):
    # 어간 모양인 democraci, govern 은 어휘에 있고, into 와 원문의 잡음 단어는 없습니다 (출력과 어휘로 확인)
    assert DOC_CENTER_WORD == "into" and "into" not in vocab
    assert re.search(r"^into +없음$", output, flags=re.M)
    for word in ("democraci", "govern"):
        assert re.search(rf"^{word} +있음 \(빈도 {vocab.counts[vocab.id(word)]}\)$", output, flags=re.M)
    for word in DOC_NEGATIVE_WORDS:
        assert word not in vocab and re.search(rf"^{word} +없음$", output, flags=re.M)


def test_rare_words_among_the_drawn_noise_words(output, params, vocab):
    into = pairs_with_center(sgns.corpus.skipgram_pairs(DOC_SENTENCE, params["WINDOW"]), DOC_CENTER_WORD)
    sampler = NegativeSampler(vocab.counts, power=0.75, seed=params["SEED"])
    noise = draw_noise_words(sampler, vocab, len(into), params["K"])
    rare = rare_words_drawn(noise, vocab, params["RARE_MAX_COUNT"])
    num_negative = len(into) * params["K"]
    assert len(rare) > 0  # 글: "드문 단어도 섞여 있습니다"
    line = (
        f"뽑힌 잡음 단어 {num_negative}개 중 빈도 {params['RARE_MAX_COUNT']} 이하인 드문 단어: "
        f"{len(rare)}개 ({', '.join(rare)})"
    )
    assert line in output


def test_rare_word_share(output, params, vocab):
    fraction, noise = rare_word_share(vocab.counts, params["RARE_MAX_COUNT"], power=0.75)
    _, unigram = rare_word_share(vocab.counts, params["RARE_MAX_COUNT"], power=1.0)
    assert unigram < noise  # 3/4 제곱은 드문 단어 쪽으로 확률을 옮깁니다
    assert f"어휘의 {fraction:.4f}, 잡음 단어로 뽑힐 확률 {noise:.4f} (유니그램 분포라면 {unigram:.4f})" in output
    into = pairs_with_center(sgns.corpus.skipgram_pairs(DOC_SENTENCE, params["WINDOW"]), DOC_CENTER_WORD)
    num_negative = len(into) * params["K"]
    assert f"부정 쌍 {num_negative}개 중 드문 단어의 기대 개수: {num_negative} × {noise:.4f} = " \
        f"{num_negative * noise:.1f}개" in output


@pytest.mark.parametrize("k_name", ["K", "K_LARGE"])
def test_dot_products_per_update(output, params, k_name):
    v, k = params["VOCAB_SIZE_DOC"], params[k_name]
    line = (
        f"V = {v:,}, k = {k:2d}: naive softmax {dot_products_per_update(v):,}번, "
        f"네거티브 샘플링 {dot_products_per_update(v, negative=k)}번 -> {update_speedup(v, k):,.1f}배 적음"
    )
    assert line in output


def test_exercise_and_check_cells(nb, output):
    sources = [c.source for c in nb.cells]
    assert any(c.cell_type == "markdown" and c.source.startswith("### 연습문제 1:") for c in nb.cells)
    solution = find_cell_index(sources, "### BEGIN SOLUTION")
    assert "def skipgram_pairs(tokens, window):" in sources[solution]
    assert "### END SOLUTION" in sources[solution]
    assert sources[solution + 1].strip() == "sgns.checks.check_skipgram_pairs(skipgram_pairs)"
    assert check_statuses(nb)["skipgram_pairs"] == "pass"
    # 뒤의 셀은 학생 함수가 아니라 기준 구현을 씁니다
    later = "\n".join(c.source for c in nb.cells[solution + 2 :] if c.cell_type == "code")
    assert not re.search(r"(?<![\w.])skipgram_pairs\(", later)
    assert "sgns.corpus.skipgram_pairs(" in later


def test_shape_of_the_notebook(nb):
    headings = [c.source.split("\n", 1)[0] for c in nb.cells if c.cell_type == "markdown"]
    assert re.match(r"# 1\. \S", headings[0])
    for heading in ("## 학습 목표", "## 정리", "## 생각해 볼 문제"):
        assert heading in headings
    # 1절에는 원문 바로잡기가 없습니다 (ERRATA 의 항목은 모두 3~5절)
    assert not any("원문 바로잡기" in c.source for c in nb.cells)
    assert sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])) == 1
    # 절 제목은 "## 1.N 제목"
    fixed = ("## 학습 목표", "## 정리", "## 생각해 볼 문제")
    sections = [h for h in headings if h.startswith("## ") and h not in fixed]
    assert sections and all(re.match(rf"## 1\.{i} \S", h) for i, h in enumerate(sections, start=1)), sections


def test_plot_colours_follow_the_course(nb):
    plot = next(c.source for c in nb.cells if c.cell_type == "code" and "plt.show()" in c.source)
    assert 'color="tab:red", label="naive softmax: V"' in plot
    assert '(K, "tab:blue")' in plot and 'color=["tab:red", "tab:blue",' in plot
