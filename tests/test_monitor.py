"""sgns.lessons.monitor (3장): 쌍별 확률, 감시 쌍, 에폭별 기록, 무리 이웃 정확도, K 비교, 시그모이드 대칭."""

import numpy as np
import pytest

from sgns import train
from sgns.corpus import build_vocab, encode_corpus, skipgram_pair_arrays, skipgram_pairs
from sgns.data import synthetic_corpus
from sgns.functions import sigmoid
from sgns.lessons.monitor import (
    MonitorPairs,
    ProbabilityMonitor,
    Separation,
    SweepResult,
    SweepSummary,
    cooccurrence_counts,
    draw_monitor_pairs,
    group_neighbor_accuracy,
    pair_probabilities,
    separation,
    sigmoid_symmetry_gap,
    summarize_sweeps,
    sweep_negative,
)
from sgns.model import WordVectors

PARAMS = {"vector_size": 30, "epochs": 8, "seed": 0, "min_count": 5, "window": 5}


@pytest.fixture(scope="module")
def corpus():
    return synthetic_corpus(num_sentences=4000, seed=0)


@pytest.fixture(scope="module")
def vocab(corpus):
    return build_vocab(corpus.sentences, min_count=5)


@pytest.fixture(scope="module")
def pairs(corpus, vocab):
    return draw_monitor_pairs(corpus.sentences, vocab, n_pairs=500, window=5, seed=0)


@pytest.fixture(scope="module")
def trained(corpus, pairs):
    monitor = ProbabilityMonitor(pairs)
    model = train(corpus.sentences, callbacks=[monitor], **PARAMS)
    return model, monitor


class _Toy:
    """pair_probabilities 에 필요한 것만 가진 작은 모델."""

    def __init__(self, v, u, words):
        self.center_vectors, self.outside_vectors, self.words = v, u, words
        self._ids = {w: i for i, w in enumerate(words)}

    def index(self, word, name="word"):
        return self._ids[word]


# ---- pair_probabilities ----------------------------------------------------


def test_pair_probabilities_matches_formula():
    rng = np.random.default_rng(3)
    v, u = rng.normal(size=(6, 4)), rng.normal(size=(6, 4))
    toy = _Toy(v, u, list("abcdef"))
    centers, contexts = np.array([0, 2, 5, 5]), np.array([1, 2, 0, 3])
    got = pair_probabilities(toy, centers, contexts)
    want = [1 / (1 + np.exp(-(u[o] @ v[c]))) for c, o in zip(centers, contexts, strict=True)]
    assert got.shape == (4,) and got.dtype == np.float64
    np.testing.assert_allclose(got, want, rtol=1e-12)
    # 단어로 넣어도 같음
    np.testing.assert_allclose(pair_probabilities(toy, ["a", "c", "f", "f"], ["b", "c", "a", "d"]), got)


def test_pair_probabilities_is_stable_for_huge_scores():
    v = np.array([[1e3, 0.0], [0.0, 1.0]])
    u = np.array([[1e3, 0.0], [-1e3, 0.0]])
    toy = _Toy(v, u, ["x", "y"])
    with np.errstate(all="raise"):
        got = pair_probabilities(toy, [0, 0], [0, 1])
    assert got[0] == 1.0 and got[1] == 0.0


def test_pair_probabilities_rejects_bad_input():
    toy = _Toy(np.zeros((3, 2)), np.zeros((3, 2)), ["a", "b", "c"])
    with pytest.raises(ValueError, match="길이"):
        pair_probabilities(toy, [0, 1], [0])
    with pytest.raises(IndexError, match="범위"):
        pair_probabilities(toy, [0, 3], [0, 1])
    with pytest.raises(TypeError, match="목록"):
        pair_probabilities(toy, "a", ["b"])
    with pytest.raises(TypeError, match="center_vectors"):
        pair_probabilities(object(), [0], [0])


def test_untrained_outside_vectors_give_one_half(corpus, pairs):
    """학습기는 u 를 0 에서 시작하므로, 학습률을 사실상 0 으로 두면 모든 쌍의 σ 가 σ(0) = 0.5 에 머뭅니다."""
    model = train(corpus.sentences, **{**PARAMS, "epochs": 1, "alpha": 1e-12, "min_alpha": 0.0})
    for contexts in (pairs.true_contexts, pairs.noise_contexts):
        np.testing.assert_allclose(pair_probabilities(model, pairs.centers, contexts), 0.5, atol=1e-9)


# ---- draw_monitor_pairs ----------------------------------------------------


def test_monitor_pairs_are_real_pairs_and_noise_differs(corpus, vocab, pairs):
    assert isinstance(pairs, MonitorPairs) and len(pairs) == 500
    assert pairs.words == vocab.words
    ids, sentence_ids = encode_corpus(corpus.sentences, vocab)
    c, o = skipgram_pair_arrays(ids, sentence_ids, 5)
    real = set(zip(c.tolist(), o.tolist(), strict=True))
    assert all(p in real for p in zip(pairs.centers.tolist(), pairs.true_contexts.tolist(), strict=True))
    assert not np.any(pairs.noise_contexts == pairs.true_contexts)
    for arr in (pairs.centers, pairs.true_contexts, pairs.noise_contexts):
        assert arr.dtype == np.int64 and arr.shape == (500,)


def test_monitor_noise_follows_noise_distribution(corpus, vocab):
    """부정 쌍의 단어는 U(w)^0.75 에 비례해 뽑힙니다 (가장 흔한 단어가 가장 자주)."""
    many = draw_monitor_pairs(corpus.sentences, vocab, n_pairs=20000, seed=1)
    freq = np.bincount(many.noise_contexts, minlength=len(vocab)) / len(many)
    probs = vocab.counts**0.75 / (vocab.counts**0.75).sum()
    assert np.argmax(freq) == np.argmax(probs)
    assert 0.5 * np.abs(freq - probs).sum() < 0.1  # 총변동 거리 (다시 뽑기 때문에 정확히 같지는 않음)


def test_monitor_pairs_deterministic_and_validated(corpus, vocab):
    a = draw_monitor_pairs(corpus.sentences, vocab, n_pairs=50, seed=4)
    b = draw_monitor_pairs(corpus.sentences, vocab, n_pairs=50, seed=4)
    np.testing.assert_array_equal(a.centers, b.centers)
    np.testing.assert_array_equal(a.noise_contexts, b.noise_contexts)
    huge = draw_monitor_pairs([["a", "b", "c"]], build_vocab([["a", "b", "c"]]), n_pairs=100)
    assert len(huge) == 6  # 쌍이 6개뿐이면 6개
    with pytest.raises(TypeError, match="Vocabulary"):
        draw_monitor_pairs(corpus.sentences, {"a": 1})
    with pytest.raises(ValueError, match="n_pairs"):
        draw_monitor_pairs(corpus.sentences, vocab, n_pairs=0)


# ---- ProbabilityMonitor, separation ---------------------------------------


def test_monitor_records_every_epoch_and_pairs_separate(trained, pairs):
    model, monitor = trained
    assert monitor.epochs == list(range(1, PARAMS["epochs"] + 1))
    assert len(monitor.true_mean) == len(monitor.noise_mean) == PARAMS["epochs"]
    # 마지막 기록 = 학습 뒤 모델로 다시 잰 값
    sep = separation(model, pairs)
    assert isinstance(sep, Separation)
    assert sep.true_mean == pytest.approx(monitor.true_mean[-1])
    assert sep.noise_mean == pytest.approx(monitor.noise_mean[-1])
    # 학습하면 긍정 쌍이 부정 쌍보다 확실히 높고, 부정 쌍은 0.5 아래로 내려갑니다
    assert monitor.true_mean[-1] > monitor.noise_mean[-1] + 0.15
    assert monitor.noise_mean[-1] < 0.25
    assert sep.ranking > 0.7
    assert sep.noise_median < sep.noise_mean  # 부정 쌍은 대부분 0 근처, 꼬리가 평균을 끌어올림


def test_monitor_rejects_other_vocabulary(trained):
    model, _ = trained
    other = synthetic_corpus(num_sentences=200, seed=9)
    other_vocab = build_vocab(other.sentences, min_count=1)
    monitor = ProbabilityMonitor(draw_monitor_pairs(other.sentences, other_vocab, n_pairs=10))
    with pytest.raises(ValueError, match="어휘"):
        monitor(model, 1)
    with pytest.raises(TypeError, match="draw_monitor_pairs"):
        ProbabilityMonitor([1, 2])


# ---- group_neighbor_accuracy ----------------------------------------------


def test_group_accuracy_perfect_and_zero_on_constructed_vectors():
    # 두 무리가 서로 다른 축에 모여 있으면 1.0
    words = ["a1", "a2", "a3", "b1", "b2", "b3"]
    vectors = np.array([[1, 0.1], [1, 0.2], [1, 0.0], [0.1, 1], [0.2, 1], [0.0, 1]], dtype=float)
    wv = WordVectors(words, vectors)
    groups = {"a": ["a1", "a2", "a3"], "b": ["b1", "b2", "b3"]}
    assert group_neighbor_accuracy(wv, groups) == 1.0
    # 무리를 엇갈리게 정하면 (a1, b1) 처럼 가장 가까운 이웃이 늘 다른 무리 -> 0.0
    crossed = {"x": ["a1", "b1"], "y": ["a2", "b2"], "z": ["a3", "b3"]}
    assert group_neighbor_accuracy(wv, crossed) == 0.0
    assert group_neighbor_accuracy(wv, groups, topn=5) == pytest.approx(2 / 5)


def test_group_accuracy_skips_unknown_words_and_validates():
    wv = WordVectors(["a", "b", "c"], np.eye(3))
    with pytest.raises(ValueError, match="어휘"):
        group_neighbor_accuracy(wv, {"g": ["zz", "a"]})
    with pytest.raises(TypeError, match="dict"):
        group_neighbor_accuracy(wv, [])
    with pytest.raises(TypeError, match="목록"):
        group_neighbor_accuracy(wv, {"g": "ab"})
    acc = group_neighbor_accuracy(wv, {"g": ["a", "b", "missing"]})
    assert 0.0 <= acc <= 1.0


def test_group_accuracy_high_after_training(trained, corpus):
    model, _ = trained
    assert group_neighbor_accuracy(model, corpus.groups) > 0.6


# ---- sweep_negative --------------------------------------------------------


def test_sweep_negative_trains_each_k(corpus, pairs):
    results = sweep_negative(corpus.sentences, corpus.groups, [1, 5], pairs=pairs, **PARAMS)
    assert [r.negative for r in results] == [1, 5]
    for r in results:
        assert 0 <= r.accuracy <= 1 and r.seconds > 0 and np.isfinite(r.final_loss)
        assert 0 < r.noise_mean < r.true_mean < 1
        assert r.accuracy > 0.8
    # K 가 크면 균형점이 log K 만큼 내려가 두 평균 확률이 모두 낮아집니다
    assert results[1].true_mean < results[0].true_mean
    assert results[1].noise_mean < results[0].noise_mean
    # 같은 seed 면 같은 결과 (K=5 단독 학습과 같음)
    again = sweep_negative(corpus.sentences, corpus.groups, [5], **PARAMS)
    assert again[0].accuracy == results[1].accuracy and again[0].true_mean is None
    assert again[0].pairs_trained == results[1].pairs_trained


def test_sweep_negative_counts_the_pairs_the_trainer_saw(corpus):
    """pairs_trained 는 학습기가 센 쌍 수이고, 에폭 수에 비례합니다 (갱신 수를 맞추는 대조 실험의 근거)."""
    params = {**PARAMS, "epochs": 2}
    (two,) = sweep_negative(corpus.sentences, corpus.groups, [2], **params)
    model = train(corpus.sentences, negative=2, **params)
    assert two.pairs_trained == model.pairs_trained > 0
    (four,) = sweep_negative(corpus.sentences, corpus.groups, [2], **{**params, "epochs": 4})
    assert abs(four.pairs_trained / two.pairs_trained - 2) < 0.02  # 서브샘플링·윈도우 뽑기의 난수만큼만 다름


def test_sweep_negative_validates(corpus):
    with pytest.raises(TypeError, match="k_values"):
        sweep_negative(corpus.sentences, corpus.groups, [1], negative=5)
    with pytest.raises(TypeError, match="k_values"):
        sweep_negative(corpus.sentences, corpus.groups, 5)
    with pytest.raises(ValueError, match="k_values"):
        sweep_negative(corpus.sentences, corpus.groups, [0])
    with pytest.raises(TypeError, match="pairs"):
        sweep_negative(corpus.sentences, corpus.groups, [1], pairs="x")


# ---- summarize_sweeps ------------------------------------------------------


def _result(k, accuracy, pairs=100, seconds=0.5, true_mean=None, noise_mean=None):
    return SweepResult(k, accuracy, seconds, 1.0, pairs, true_mean, noise_mean)


def test_summarize_sweeps_mean_and_range_per_k():
    runs = [
        [_result(1, 0.5, 100, 0.2, 0.7, 0.3), _result(5, 0.8, 110, 0.4, 0.4, 0.1)],
        [_result(1, 0.7, 102, 0.4, 0.6, 0.2), _result(5, 0.9, 108, 0.6, 0.5, 0.2)],
        [_result(1, 0.6, 104, 0.3, 0.8, 0.4), _result(5, 0.7, 112, 0.5, 0.3, 0.0)],
    ]
    one, five = summarize_sweeps(runs)
    assert isinstance(one, SweepSummary) and (one.negative, five.negative) == (1, 5)
    assert np.isclose(one.accuracy, 0.6) and (one.accuracy_min, one.accuracy_max) == (0.5, 0.7)
    assert np.isclose(five.accuracy, 0.8) and (five.accuracy_min, five.accuracy_max) == (0.7, 0.9)
    assert one.pairs_trained == 102 and five.pairs_trained == 110
    assert np.isclose(one.seconds, 0.3) and np.isclose(five.seconds, 0.5)
    assert np.isclose(one.true_mean, 0.7) and np.isclose(one.noise_mean, 0.3)
    assert np.isclose(five.true_mean, 0.4) and np.isclose(five.noise_mean, 0.1)
    assert one.n_seeds == five.n_seeds == 3


def test_summarize_sweeps_single_seed_and_unwatched_runs():
    (only,) = summarize_sweeps([[_result(2, 0.75)]])
    assert only.accuracy == only.accuracy_min == only.accuracy_max == 0.75
    assert only.true_mean is None and only.noise_mean is None and only.n_seeds == 1
    # 한 seed 라도 감시 쌍이 없으면 평균 σ 는 None (섞어서 평균 내지 않음)
    (mixed,) = summarize_sweeps([[_result(2, 0.7, true_mean=0.5, noise_mean=0.1)], [_result(2, 0.8)]])
    assert mixed.true_mean is None and mixed.noise_mean is None


def test_summarize_sweeps_of_real_runs(corpus, pairs):
    runs = [
        sweep_negative(corpus.sentences, corpus.groups, [1, 5], pairs=pairs, **{**PARAMS, "seed": s}) for s in (0, 1)
    ]
    summary = summarize_sweeps(runs)
    for j, row in enumerate(summary):
        accs = [run[j].accuracy for run in runs]
        assert row.accuracy_min == min(accs) <= row.accuracy <= max(accs) == row.accuracy_max
        assert np.isclose(row.true_mean, np.mean([run[j].true_mean for run in runs]))
    assert runs[0][0].accuracy != runs[1][0].accuracy  # seed 가 다르면 결과가 다름 (범위가 뜻이 있음)


def test_summarize_sweeps_validates():
    run = [_result(1, 0.5), _result(5, 0.8)]
    with pytest.raises(TypeError, match="runs"):
        summarize_sweeps([])
    with pytest.raises(TypeError, match="runs"):
        summarize_sweeps(run[0])
    with pytest.raises(TypeError, match=r"runs\[1\]"):
        summarize_sweeps([run, []])
    with pytest.raises(TypeError, match="SweepResult"):
        summarize_sweeps([run, [run[0], 0.8]])
    with pytest.raises(ValueError, match=r"runs\[1\]`의 K 들 \[5, 1\]"):
        summarize_sweeps([run, run[::-1]])


# ---- cooccurrence_counts ---------------------------------------------------


def test_cooccurrence_counts_small_example():
    sentences = [["a", "b", "c", "a"], ["b", "a", "d"]]
    vocab = build_vocab(sentences, min_count=1)
    # window 1: a 옆 -> b (문장 1), c (문장 1 끝), b·d (문장 2); 문장 경계를 넘지 않음
    assert cooccurrence_counts(sentences, vocab, "a", ["b", "c", "d", "a"], window=1).tolist() == [2, 1, 1, 0]
    # window 3: 문장 1 의 두 a 는 서로의 윈도우 안
    assert cooccurrence_counts(sentences, vocab, "a", ["a", "b"], window=3).tolist() == [2, 3]
    assert cooccurrence_counts(sentences, vocab, "a", ["b"], window=1).dtype == np.int64


def test_cooccurrence_counts_match_counting_the_pairs_one_by_one(corpus, vocab):
    """독립된 기준: 문장마다 skipgram_pairs (읽기 쉬운 반복문) 로 만든 쌍을 하나씩 셉니다 (어휘에 없는 토큰은 뺀 뒤)."""
    words = ["eats", "farm", "the", "tokyo", "coins"]
    counts = cooccurrence_counts(corpus.sentences, vocab, "dog", words, window=5)
    want = dict.fromkeys(words, 0)
    for sentence in corpus.sentences:
        for center, context in skipgram_pairs([w for w in sentence if w in vocab], 5):
            if center == "dog" and context in want:
                want[context] += 1
    assert counts.tolist() == [want[w] for w in words]
    assert counts[:3].min() > 0 and counts[3:].max() == 0


def test_cooccurrence_counts_validates(corpus, vocab):
    with pytest.raises(TypeError, match="vocab"):
        cooccurrence_counts(corpus.sentences, {"dog": 0}, "dog", ["eats"])
    with pytest.raises(TypeError, match="center"):
        cooccurrence_counts(corpus.sentences, vocab, ["dog"], ["eats"])
    with pytest.raises(TypeError, match="words"):
        cooccurrence_counts(corpus.sentences, vocab, "dog", "eats")
    with pytest.raises(KeyError, match="어휘에 없는"):
        cooccurrence_counts(corpus.sentences, vocab, "dog", ["zzzz"])
    with pytest.raises(ValueError, match="window"):
        cooccurrence_counts(corpus.sentences, vocab, "dog", ["eats"], window=0)


# ---- sigmoid_symmetry_gap --------------------------------------------------


def test_sigmoid_symmetry_gap_is_rounding_error():
    grid = np.linspace(-30, 30, 6001)
    gap = sigmoid_symmetry_gap(grid)
    assert 0 <= gap < 1e-15
    assert gap == np.max(np.abs(sigmoid(-grid) - (1 - sigmoid(grid))))
    assert sigmoid_symmetry_gap(0.0) == 0.0
    with pytest.raises(ValueError, match="원소"):
        sigmoid_symmetry_gap(np.array([]))
    with pytest.raises(ValueError, match="NaN"):
        sigmoid_symmetry_gap([np.nan])
