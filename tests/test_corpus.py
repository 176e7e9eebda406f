"""sgns.corpus: 어휘, 스킵-그램 쌍, 빈출 단어 서브샘플링."""

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sgns.corpus import (
    LineSentences,
    build_vocab,
    check_reiterable,
    encode_corpus,
    keep_probabilities,
    paper_keep_probabilities,
    skipgram_pair_arrays,
    skipgram_pairs,
    subsample,
)
from sgns.engine.chunks import encode_chunks

SENTENCES = [
    "the bank lends money to the people".split(),
    "the crisis hit the bank".split(),
    "money money".split(),
]

# ---------------------------------------------------------------- Vocabulary


def test_vocabulary_ids_counts_and_order():
    vocab = build_vocab(SENTENCES)
    # the:4, bank:2, money:3 ... 빈도 내림차순, 같은 빈도면 먼저 나온 단어가 앞
    assert vocab.words == ["the", "money", "bank", "lends", "to", "people", "crisis", "hit"]
    assert vocab.counts.tolist() == [4, 3, 2, 1, 1, 1, 1, 1]
    assert vocab.counts.dtype == np.int64
    assert vocab.word_to_id["money"] == 1 and vocab.id("bank") == 2
    assert len(vocab) == 8 and vocab.total == 14
    assert "crisis" in vocab and "pizza" not in vocab


def test_min_count_drops_rare_words_and_total_counts_only_kept_words():
    vocab = build_vocab(SENTENCES, min_count=2)
    assert vocab.words == ["the", "money", "bank"]
    assert vocab.total == 9


def test_build_vocab_reads_a_generator_once():
    vocab = build_vocab(s for s in SENTENCES)
    assert vocab.words == build_vocab(SENTENCES).words


def test_encode_drops_out_of_vocabulary_tokens():
    vocab = build_vocab(SENTENCES, min_count=2)
    encoded = vocab.encode(["the", "pizza", "bank", "money"])
    assert encoded.tolist() == [0, 2, 1]
    assert encoded.dtype == np.int64
    assert vocab.encode([]).shape == (0,)


def test_unknown_word_error_is_korean_and_suggests_spellings():
    vocab = build_vocab(SENTENCES)
    with pytest.raises(KeyError, match="`word`='bnak': 어휘에 없는 단어입니다") as info:
        vocab.id("bnak")
    assert "'bank'" in str(info.value)
    with pytest.raises(KeyError, match="어휘에 없는 단어입니다"):
        vocab.id(["unhashable"])


@pytest.mark.parametrize(
    ("sentences", "min_count", "error", "fragment"),
    [
        ([], 1, ValueError, "비어"),
        ([[], []], 1, ValueError, "비어"),
        ([["a", "b"], ["a"]], 3, ValueError, "min_count 를 2 이하로"),
        ([["a"]], 0, ValueError, "min_count"),
        ([["a"]], 1.5, TypeError, "min_count"),
        ([["a", 3]], 1, TypeError, "3 .*자료형 int"),
        ([["a"], ["b", None]], 1, TypeError, "1번째 문장.*NoneType"),
        (["the cat sat"], 1, TypeError, "문자열 하나.*split"),
        ("the cat sat", 1, TypeError, "문자열 하나"),
        ([["a"], 5], 1, TypeError, "1번째 문장"),
    ],
)
def test_build_vocab_rejects_bad_input_in_korean(sentences, min_count, error, fragment):
    with pytest.raises(error, match=fragment):
        build_vocab(sentences, min_count=min_count)


# ---------------------------------------------------------------- skipgram_pairs


def test_banking_crises_pairs_from_the_source_document():
    tokens = "turning into banking crises".split()
    pairs = skipgram_pairs(tokens, window=1)
    assert pairs == [
        ("turning", "into"),
        ("into", "turning"),
        ("into", "banking"),
        ("banking", "into"),
        ("banking", "crises"),
        ("crises", "banking"),
    ]
    # 원문의 예: 중심 단어 "into" 일 때 (into, banking) 은 긍정 쌍
    assert ("into", "banking") in pairs
    assert [c for w, c in skipgram_pairs(tokens, window=2) if w == "into"] == ["turning", "banking", "crises"]


def test_repeated_word_pairs_with_itself_only_at_other_positions():
    pairs = skipgram_pairs(["money", "money", "talks"], window=1)
    # (money, money) 는 위치 0-1, 1-0 에서 두 번; 같은 위치끼리의 쌍은 없음
    assert pairs == [("money", "money"), ("money", "money"), ("money", "talks"), ("talks", "money")]
    assert skipgram_pairs(["solo"], window=3) == []
    assert skipgram_pairs([], window=3) == []


def test_window_larger_than_sentence():
    tokens = ["a", "b", "c"]
    assert skipgram_pairs(tokens, window=10) == [
        ("a", "b"),
        ("a", "c"),
        ("b", "a"),
        ("b", "c"),
        ("c", "a"),
        ("c", "b"),
    ]


def test_pair_count_formula():
    # 길이 n, 윈도우 m: 2 · Σ_{d=1..m} (n - d)  (d < n 인 것만)
    n, m = 10, 3
    assert len(skipgram_pairs(list(range(n)), m)) == 2 * sum(n - d for d in range(1, m + 1))


# ---------------------------------------------------------------- encode_corpus / pair arrays


def test_encode_corpus_flat_arrays_drop_oov_and_keep_sentence_ids():
    vocab = build_vocab(SENTENCES, min_count=2)
    ids, sentence_ids = encode_corpus(SENTENCES, vocab)
    assert ids.dtype == np.int32 and sentence_ids.dtype == np.int32
    words = [vocab.words[i] for i in ids]
    assert words == ["the", "bank", "money", "the", "the", "the", "bank", "money", "money"]
    assert sentence_ids.tolist() == [0, 0, 0, 0, 1, 1, 1, 2, 2]


def per_sentence_pairs(sentences, vocab, window):
    pairs = []
    for sentence in sentences:
        pairs += skipgram_pairs(vocab.encode(sentence).tolist(), window)
    return Counter(pairs)


@pytest.mark.parametrize("window", [1, 2, 5, 50])
def test_pair_arrays_agree_with_per_sentence_function(window):
    vocab = build_vocab(SENTENCES)
    ids, sentence_ids = encode_corpus(SENTENCES, vocab)
    centers, contexts = skipgram_pair_arrays(ids, sentence_ids, window)
    got = Counter(zip(centers.tolist(), contexts.tolist(), strict=True))
    assert got == per_sentence_pairs(SENTENCES, vocab, window)


@settings(max_examples=50, deadline=None)
@given(
    sentences=st.lists(st.lists(st.sampled_from("abcdef"), max_size=12), min_size=1, max_size=8).filter(
        lambda ss: any(ss)
    ),
    window=st.integers(min_value=1, max_value=6),
)
def test_pair_arrays_agree_with_per_sentence_function_random_corpora(sentences, window):
    vocab = build_vocab(sentences)
    ids, sentence_ids = encode_corpus(sentences, vocab)
    centers, contexts = skipgram_pair_arrays(ids, sentence_ids, window)
    assert Counter(zip(centers.tolist(), contexts.tolist(), strict=True)) == per_sentence_pairs(
        sentences, vocab, window
    )


def test_pairs_never_cross_sentences():
    ids = np.array([0, 1, 2, 3], dtype=np.int32)
    centers, contexts = skipgram_pair_arrays(ids, np.array([0, 0, 1, 1]), window=3)
    assert sorted(zip(centers.tolist(), contexts.tolist(), strict=True)) == [(0, 1), (1, 0), (2, 3), (3, 2)]


def test_reduced_window_keeps_a_subset_and_is_seeded():
    rng = np.random.default_rng(0)
    ids = rng.integers(0, 50, size=3000).astype(np.int32)
    sentence_ids = np.repeat(np.arange(30), 100).astype(np.int32)
    window = 5
    full = Counter(zip(*(a.tolist() for a in skipgram_pair_arrays(ids, sentence_ids, window)), strict=True))

    def reduced_pairs(seed):
        return skipgram_pair_arrays(ids, sentence_ids, window, rng=np.random.default_rng(seed), reduced_window=True)

    c1, x1 = reduced_pairs(1)
    c2, x2 = reduced_pairs(1)
    c3, _ = reduced_pairs(2)
    reduced = Counter(zip(c1.tolist(), x1.tolist(), strict=True))
    assert not reduced - full  # 부분 멀티셋
    np.testing.assert_array_equal(c1, c2)
    np.testing.assert_array_equal(x1, x2)
    assert not np.array_equal(c1, c3)
    # 거리 d 인 쌍이 남을 확률 (m - d + 1)/m: 전체 쌍 수의 기댓값은 문장 안 쌍에 대해 그 합
    n, m = 100, window
    expected = 30 * 2 * sum((n - d) * (m - d + 1) / m for d in range(1, m + 1))
    assert c1.size == pytest.approx(expected, rel=0.03)


def test_pair_arrays_edge_cases():
    empty = np.zeros(0, dtype=np.int32)
    centers, contexts = skipgram_pair_arrays(empty, empty, 3)
    assert centers.shape == contexts.shape == (0,)
    centers, _ = skipgram_pair_arrays(np.array([4]), np.array([0]), 3)
    assert centers.size == 0
    with pytest.raises(ValueError, match="window"):  # 강의 도우미가 학생의 window 로 부르는 곳
        skipgram_pair_arrays(np.array([1, 2]), np.array([0, 0]), 0)


# ---------------------------------------------------------------- subsampling


def test_keep_probabilities_hand_computed():
    # total = 1000, sample = 1e-3 -> t = 1
    # f = 900: (sqrt(900) + 1) · 1/900 = 31/900;  f = 100: (10 + 1)/100 = 0.11
    keep = keep_probabilities([900, 100], sample=1e-3)
    np.testing.assert_allclose(keep, [31 / 900, 0.11])
    assert keep.dtype == np.float64


def test_rare_words_are_always_kept_and_sample_zero_disables():
    counts = np.array([10**6, 500, 3, 1, 0])
    keep = keep_probabilities(counts, sample=1e-3)  # t ≈ 1000.5
    assert keep[0] < 0.05
    assert keep[1:].tolist() == [1.0, 1.0, 1.0, 1.0]
    np.testing.assert_array_equal(keep_probabilities(counts, sample=0), np.ones(5))


def test_keep_probabilities_matches_gensim_formula():
    counts = np.array([5000, 1200, 300, 40, 7], dtype=np.int64)
    sample = 1e-2
    threshold = sample * counts.sum()
    expected = np.minimum((np.sqrt(counts / threshold) + 1) * (threshold / counts), 1.0)
    np.testing.assert_allclose(keep_probabilities(counts, sample), expected)


def test_subsample_keeps_each_token_with_its_probability():
    keep_prob = np.array([0.2, 1.0])
    ids = np.repeat([0, 1], 20_000)
    mask = subsample(ids, keep_prob, np.random.default_rng(0))
    assert mask.dtype == bool and mask.shape == ids.shape
    assert mask[ids == 1].all()
    assert mask[ids == 0].mean() == pytest.approx(0.2, abs=0.01)
    np.testing.assert_array_equal(mask, subsample(ids, keep_prob, np.random.default_rng(0)))


# ---- 논문 식의 서브샘플링 (paper_keep_probabilities) ---------------------------------


def test_paper_keep_is_sqrt_t_over_f_capped_at_one():
    counts = np.array([900, 90, 9, 1, 0])  # 상대 빈도 0.9, 0.09, 0.009, 0.001
    keep = paper_keep_probabilities(counts, t=0.001)
    np.testing.assert_allclose(keep[:3], np.sqrt(0.001 / np.array([0.9, 0.09, 0.009])))
    assert keep[3] == 1.0  # f = t
    assert keep[4] == 1.0  # 빈도 0


def test_code_formula_keeps_more_than_paper_formula_at_same_t():
    counts = np.array([5000, 800, 100, 10, 1])
    code = keep_probabilities(counts, 1e-3)
    paper = paper_keep_probabilities(counts, 1e-3)
    assert np.all(code >= paper)
    f = counts / counts.sum()
    t = 1e-3
    frequent = f > t
    np.testing.assert_allclose(code[frequent], np.minimum(1.0, paper[frequent] + t / f[frequent]))


# ---- 조각으로 읽기, 파일 말뭉치, 여러 번 훑을 수 있는지 ------------------------------------


@pytest.mark.parametrize("chunk_tokens", [1, 4, 6, 100])
def test_encode_chunks_equal_encode_corpus_and_keep_sentences_whole(chunk_tokens):
    vocab = build_vocab(SENTENCES, min_count=2)  # 빈도 1 인 단어는 빠짐 -> 어휘에 없는 토큰을 버림
    ids, sentence_ids = encode_corpus(SENTENCES, vocab)
    chunks = list(encode_chunks(SENTENCES, vocab, chunk_tokens))
    np.testing.assert_array_equal(np.concatenate([c.token_ids for c in chunks]), ids)
    lengths = [int(n) for c in chunks for n in np.diff(c.sentence_starts)]
    assert lengths == [int(n) for n in np.bincount(sentence_ids) if n > 0]  # 문장을 자르지 않음
    for c in chunks:
        assert c.token_ids.dtype == np.int32 and c.sentence_starts.dtype == np.int64
        assert c.sentence_starts[0] == 0 and c.sentence_starts[-1] == c.token_ids.shape[0]
    longest = max(lengths)
    assert all(c.token_ids.shape[0] < chunk_tokens + longest for c in chunks)  # 조각 크기는 위로 막혀 있음


def test_line_sentences_reads_the_file_again_on_every_pass(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("the bank  lends\n\n  money to\n", encoding="utf8")
    corpus = LineSentences(path)
    assert list(corpus) == [["the", "bank", "lends"], ["money", "to"]]
    path.write_text("only one\n", encoding="utf8")  # 다시 훑으면 파일을 다시 읽음
    assert list(corpus) == [["only", "one"]]
    assert check_reiterable(corpus) is corpus
    assert build_vocab(corpus).words == ["only", "one"]


def test_check_reiterable_refuses_one_shot_iterators():
    assert check_reiterable(SENTENCES) is SENTENCES
    assert check_reiterable(tuple(SENTENCES))
    for one_shot in (iter(SENTENCES), (s for s in SENTENCES)):
        with pytest.raises(TypeError, match="한 번만 훑을 수 있는"):
            check_reiterable(one_shot)
    with pytest.raises(TypeError, match="문자열 하나"):
        check_reiterable("the bank")


def test_pair_arrays_stacked_form_is_the_two_arrays_side_by_side():
    vocab = build_vocab(SENTENCES)
    ids, sentence_ids = encode_corpus(SENTENCES, vocab)
    centers, contexts = skipgram_pair_arrays(ids, sentence_ids, 3, rng=5, reduced_window=True)
    pairs = skipgram_pair_arrays(ids, sentence_ids, 3, rng=5, reduced_window=True, stacked=True)
    assert pairs.shape == (centers.shape[0], 2) and pairs.dtype == ids.dtype
    np.testing.assert_array_equal(pairs[:, 0], centers)
    np.testing.assert_array_equal(pairs[:, 1], contexts)


def test_keep_probability_is_one_up_to_golden_ratio_squared_times_threshold():
    """keep = (x + 1) / x² (x = sqrt(f / t)) 는 x <= φ 에서 1: 문턱의 φ² ≈ 2.618 배까지 언제나 남습니다."""
    phi = (1 + 5**0.5) / 2
    total, sample = 1_000_000, 1e-3
    t = sample * total
    counts = np.array([phi**2 * t * 0.999, phi**2 * t * 1.001, total - 2 * phi**2 * t])
    keep = keep_probabilities(counts, sample)
    assert keep[0] == 1.0
    assert 0.998 < keep[1] < 1.0
