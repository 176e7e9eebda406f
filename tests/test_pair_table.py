"""sgns.lessons.pair_table (1장): 레이블을 붙인 긍정 쌍/부정 쌍 표, 뽑힌 네거티브 샘플 가운데 드문 단어,
네거티브 샘플이 정답 주변 단어와 같을 확률."""

import numpy as np
import pytest

from sgns.corpus import build_vocab, encode_corpus, skipgram_pair_arrays, skipgram_pairs
from sgns.data import DOC_CENTER_WORD, DOC_NEGATIVE_WORDS, DOC_SENTENCE
from sgns.lessons.pair_table import (
    SECTION1_CENTER_WORD,
    SECTION1_CONTEXT_WORD,
    collision_rates,
    count_labels,
    draw_negative_words,
    labelled_pairs,
    pair_table,
    pairs_with_center,
    rare_word_share,
    rare_words_drawn,
)
from sgns.plotting import Table
from sgns.sampling import NegativeSampler, noise_distribution

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


def test_draw_negative_words_shape_vocab_and_seed():
    vocab = build_vocab(SENTENCES)
    a = draw_negative_words(NegativeSampler(vocab.counts, seed=3), vocab, num_pairs=4, negative=5)
    b = draw_negative_words(NegativeSampler(vocab.counts, seed=3), vocab, num_pairs=4, negative=5)
    assert a == b
    assert len(a) == 4 and all(len(row) == 5 for row in a)
    assert all(word in vocab for row in a for word in row)


def test_draw_negative_words_follows_noise_distribution():
    vocab = build_vocab(SENTENCES)
    sampler = NegativeSampler(vocab.counts, seed=0)
    words = draw_negative_words(sampler, vocab, num_pairs=20_000, negative=5)
    flat = [w for row in words for w in row]
    freq = np.array([flat.count(w) for w in vocab.words]) / len(flat)
    assert np.abs(freq - sampler.probs).max() < 0.01
    # 가장 흔한 단어 "the" 가 가장 자주 뽑힙니다
    assert vocab.words[int(np.argmax(freq))] == "the"


def test_draw_negative_words_validates():
    vocab = build_vocab(SENTENCES)
    other = NegativeSampler([1, 2, 3], seed=0)
    with pytest.raises(ValueError, match="어휘 크기"):
        draw_negative_words(other, vocab, 2, 3)
    with pytest.raises(TypeError, match="sampler"):
        draw_negative_words(vocab.counts, vocab, 2, 3)
    with pytest.raises(TypeError, match="vocab"):
        draw_negative_words(NegativeSampler(vocab.counts), vocab.words, 2, 3)
    with pytest.raises(ValueError, match="negative"):
        draw_negative_words(NegativeSampler(vocab.counts), vocab, 2, 0)


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
    with pytest.raises(ValueError, match="negative_words"):
        labelled_pairs([("a", "b")], [["x"], ["y"]])
    with pytest.raises(TypeError, match="negative_words"):
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
    noise = draw_negative_words(sampler, vocab, num_pairs=2_000, negative=5)
    _, p_rare = rare_word_share(vocab.counts, max_count=1)
    share = len(rare_words_drawn(noise, vocab, max_count=1)) / 10_000
    assert share == pytest.approx(p_rare, abs=0.02)


def test_rare_words_drawn_validates():
    vocab = build_vocab(SENTENCES)
    with pytest.raises(ValueError, match="'zebra'"):
        rare_words_drawn([["zebra"]], vocab, max_count=1)
    with pytest.raises(ValueError, match="max_count"):
        rare_words_drawn([["the"]], vocab, max_count=0)
    with pytest.raises(TypeError, match="negative_words"):
        rare_words_drawn(["the"], vocab, max_count=1)
    with pytest.raises(TypeError, match="vocab"):
        rare_words_drawn([["the"]], {"the": 3}, max_count=1)


def test_collision_rates_by_hand():
    # 쌍 3개: 주변 단어 0, 0, 2. P_n = (0.5, 0.3, 0.2)
    probs = np.array([0.5, 0.3, 0.2])
    rates = collision_rates([0, 0, 2], probs, negative=4)
    assert rates.per_negative == pytest.approx((0.5 + 0.5 + 0.2) / 3)
    assert rates.per_pair == pytest.approx(4 * 1.2 / 3)
    assert rates.expected_total == pytest.approx(4 * 1.2)
    np.testing.assert_allclose(rates.pair_shares, [2 / 3, 0, 1 / 3])
    np.testing.assert_allclose(rates.collision_shares, [1.0 / 1.2, 0, 0.2 / 1.2])


def test_collision_rates_match_a_real_draw_like_the_trainers_skip():
    """학습기처럼 쌍마다 K 개를 뽑아 정답 주변 단어와 같은 칸을 세면 기댓값과 맞습니다."""
    vocab = build_vocab(SENTENCES * 50)
    ids, sentence_ids = encode_corpus(SENTENCES * 50, vocab)
    _, outsides = skipgram_pair_arrays(ids, sentence_ids, 2)
    probs = noise_distribution(vocab.counts, 0.75)
    rates = collision_rates(outsides, probs, negative=5)
    negatives = NegativeSampler(vocab.counts, seed=0).sample((outsides.size * 20, 5))
    collided = negatives == np.tile(outsides, 20)[:, None]
    assert collided.mean() == pytest.approx(rates.per_negative, rel=0.03)
    assert collided.sum() / 20 == pytest.approx(rates.expected_total, rel=0.03)
    # 단어마다의 몫도 같습니다 (가장 흔한 "the" 가 가장 큰 몫)
    drawn_share = np.bincount(np.tile(outsides, 20)[collided.any(axis=1)], minlength=len(vocab))
    assert int(np.argmax(drawn_share)) == int(np.argmax(rates.collision_shares)) == vocab.id("the")


def test_collision_rates_follow_the_true_contexts_not_one_over_v():
    """충돌 확률은 1/V (균등하게 뽑을 때) 가 아니라 정답 주변 단어들의 P_n(o) 로 정해집니다.

    Zipf 분포 (빈도 ∝ 1/순위) 의 어휘에서 쌍의 주변 단어가 빈도대로 나오면, 어휘가 10배 커져도
    충돌 확률은 10배가 아니라 훨씬 덜 줄고, 늘 1/V 보다 훨씬 큽니다."""
    rates = {}
    for size in (1_000, 10_000):
        counts = np.round(1e6 / np.arange(1, size + 1)).astype(np.int64)
        outsides = np.repeat(np.arange(size), counts)  # 주변 단어 자리에 빈도만큼 나옴
        rates[size] = collision_rates(outsides, noise_distribution(counts), negative=5).per_negative
        assert rates[size] > 10 / size
    assert rates[1_000] / rates[10_000] < 3  # 1/V 라면 10
    # 어휘가 같아도 어떤 단어가 주변 단어인지에 따라 크게 다름: 가장 흔한 단어만 vs 가장 드문 단어만
    probs = noise_distribution(counts)
    frequent = collision_rates(np.zeros(100, dtype=int), probs, negative=5).per_negative
    rare = collision_rates(np.full(100, 9_999), probs, negative=5).per_negative
    assert frequent == pytest.approx(probs[0]) and rare == pytest.approx(probs[-1])
    assert frequent > 500 * rare


def test_collision_rates_validates():
    probs = np.array([0.5, 0.5])
    with pytest.raises(ValueError, match="outside_ids"):
        collision_rates([], probs, negative=5)
    with pytest.raises(IndexError, match="outside_ids"):
        collision_rates([2], probs, negative=5)
    with pytest.raises(ValueError, match="noise_probs"):
        collision_rates([0], [0.5, 0.6], negative=5)
    with pytest.raises(ValueError, match="negative"):
        collision_rates([0], probs, negative=0)
