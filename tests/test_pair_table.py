"""sgns.lessons.pair_table (1장): 레이블을 붙인 긍정 쌍/부정 쌍 표, 뽑힌 잡음 단어 가운데 드문 단어."""

import numpy as np
import pytest

from sgns.corpus import build_vocab, skipgram_pairs
from sgns.data import DOC_CENTER_WORD, DOC_NEGATIVE_WORDS, DOC_SENTENCE
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
from sgns.plotting import Table
from sgns.sampling import NegativeSampler

SENTENCES = [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog", "ran"], ["a", "cat", "ran"]]


def test_pairs_with_center_document_example():
    pairs = pairs_with_center(skipgram_pairs(DOC_SENTENCE, 2), DOC_CENTER_WORD)
    assert pairs == [("into", "are"), ("into", "turning"), ("into", "banking"), ("into", "crises")]


def test_pairs_with_center_unknown_center_lists_centers():
    with pytest.raises(ValueError, match="'turning'"):
        pairs_with_center([("turning", "into")], "banking")


def test_pairs_with_center_rejects_non_pairs():
    with pytest.raises(ValueError, match="pairs"):
        pairs_with_center([("a", "b", "c")], "a")
    with pytest.raises(TypeError, match="pairs"):
        pairs_with_center("ab", "a")


def test_draw_noise_words_shape_vocab_and_seed():
    vocab = build_vocab(SENTENCES)
    a = draw_noise_words(NegativeSampler(vocab.counts, seed=3), vocab, num_pairs=4, k=5)
    b = draw_noise_words(NegativeSampler(vocab.counts, seed=3), vocab, num_pairs=4, k=5)
    assert a == b
    assert len(a) == 4 and all(len(row) == 5 for row in a)
    assert all(word in vocab for row in a for word in row)


def test_draw_noise_words_follows_noise_distribution():
    vocab = build_vocab(SENTENCES)
    sampler = NegativeSampler(vocab.counts, seed=0)
    words = draw_noise_words(sampler, vocab, num_pairs=20_000, k=5)
    flat = [w for row in words for w in row]
    freq = np.array([flat.count(w) for w in vocab.words]) / len(flat)
    assert np.abs(freq - sampler.probs).max() < 0.01
    # 가장 흔한 단어 "the" 가 가장 자주 뽑힙니다
    assert vocab.words[int(np.argmax(freq))] == "the"


def test_draw_noise_words_validates():
    vocab = build_vocab(SENTENCES)
    other = NegativeSampler([1, 2, 3], seed=0)
    with pytest.raises(ValueError, match="어휘 크기"):
        draw_noise_words(other, vocab, 2, 3)
    with pytest.raises(TypeError, match="sampler"):
        draw_noise_words(vocab.counts, vocab, 2, 3)
    with pytest.raises(TypeError, match="vocab"):
        draw_noise_words(NegativeSampler(vocab.counts), vocab.words, 2, 3)
    with pytest.raises(ValueError, match="k"):
        draw_noise_words(NegativeSampler(vocab.counts), vocab, 2, 0)


def test_labelled_pairs_document_example():
    rows = labelled_pairs([(SECTION1_CENTER_WORD, SECTION1_CONTEXT_WORD)], [DOC_NEGATIVE_WORDS])
    assert rows == [
        ("banking", "crisis", 1),
        ("banking", "elephant", 0),
        ("banking", "democracy", 0),
        ("banking", "pizza", 0),
    ]
    assert count_labels(rows) == (1, 3)


def test_labelled_pairs_order_and_counts():
    rows = labelled_pairs([("a", "b"), ("a", "c")], [["x", "y"], ["z", "w"]])
    assert [r[2] for r in rows] == [1, 0, 0, 1, 0, 0]
    assert all(r[0] == "a" for r in rows)
    assert count_labels(rows) == (2, 4)


def test_labelled_pairs_validates():
    with pytest.raises(ValueError, match="noise_words"):
        labelled_pairs([("a", "b")], [["x"], ["y"]])
    with pytest.raises(TypeError, match="noise_words"):
        labelled_pairs([("a", "b")], ["xy"])


def test_count_labels_rejects_bad_labels():
    with pytest.raises(ValueError, match="rows"):
        count_labels([("a", "b", 2)])
    with pytest.raises(ValueError, match="rows"):
        count_labels([("a", "b", True)])


def test_pair_table_is_a_rendered_table_with_label_names():
    table = pair_table([("into", "banking", 1), ("into", "elephant", 0)])
    assert isinstance(table, Table)
    assert table.header == ("중심 단어", "주변 단어", "레이블", "종류")
    assert table.rows == (("into", "banking", "1", "긍정 쌍"), ("into", "elephant", "0", "부정 쌍"))
    markdown = table._repr_markdown_()
    assert markdown.splitlines()[2] == "| into | banking | 1 | 긍정 쌍 |"
    lines = str(table).splitlines()  # 텍스트 표: 한글을 2칸으로 세어 열을 맞춤
    assert lines[2].index("긍정") == lines[3].index("부정")
    assert lines[2].index("banking") == 11
    with pytest.raises(ValueError, match="rows"):
        pair_table([("a", "b", 2)])
    with pytest.raises(ValueError, match="header"):
        pair_table([("a", "b", 1)], header=("x", "y"))


def test_rare_word_share_three_quarter_power_sits_between():
    counts = np.array([100, 10, 1, 1, 1, 1])
    frac, p075 = rare_word_share(counts, max_count=1)
    assert frac == pytest.approx(4 / 6)
    _, p1 = rare_word_share(counts, max_count=1, power=1.0)
    _, p0 = rare_word_share(counts, max_count=1, power=0.0)
    assert p1 == pytest.approx(4 / 114)
    assert p0 == pytest.approx(4 / 6)
    assert p1 < p075 < p0
    assert p075 == pytest.approx(4 / (100**0.75 + 10**0.75 + 4))


def test_rare_word_share_validates():
    with pytest.raises(ValueError, match="max_count"):
        rare_word_share([1, 2], max_count=0)
    with pytest.raises(ValueError, match="counts"):
        rare_word_share([[1, 2]], max_count=1)


def test_rare_words_drawn_keeps_order_and_duplicates():
    vocab = build_vocab(SENTENCES)  # the:3, cat:2, ran:2, 나머지: 1
    noise = [["the", "mat", "cat"], ["dog", "mat", "a"]]
    assert rare_words_drawn(noise, vocab, max_count=1) == ["mat", "dog", "mat", "a"]
    assert rare_words_drawn(noise, vocab, max_count=2) == ["mat", "cat", "dog", "mat", "a"]
    assert rare_words_drawn(noise, vocab, max_count=3) == [w for row in noise for w in row]


def test_rare_words_drawn_agrees_with_rare_word_share_on_a_large_draw():
    vocab = build_vocab(SENTENCES)
    sampler = NegativeSampler(vocab.counts, power=0.75, seed=0)
    noise = draw_noise_words(sampler, vocab, num_pairs=2_000, k=5)
    _, p_rare = rare_word_share(vocab.counts, max_count=1)
    share = len(rare_words_drawn(noise, vocab, max_count=1)) / 10_000
    assert share == pytest.approx(p_rare, abs=0.02)


def test_rare_words_drawn_validates():
    vocab = build_vocab(SENTENCES)
    with pytest.raises(ValueError, match="'zebra'"):
        rare_words_drawn([["zebra"]], vocab, max_count=1)
    with pytest.raises(ValueError, match="max_count"):
        rare_words_drawn([["the"]], vocab, max_count=0)
    with pytest.raises(TypeError, match="noise_words"):
        rare_words_drawn(["the"], vocab, max_count=1)
    with pytest.raises(TypeError, match="vocab"):
        rare_words_drawn([["the"]], {"the": 3}, max_count=1)
