"""sgns.train: 학습기가 합성 말뭉치의 구조를 배우는지, 재현성, 발산 처리, 입력 검사, 내보내기, gensim 비교 도우미."""

import numpy as np
import pytest

from sgns.compare import train_gensim
from sgns.data import synthetic_corpus
from sgns.model import SGNSModel
from sgns.train import DEFAULT_PARAMS, TrainingDiverged, train

FAST = {"vector_size": 50, "epochs": 25, "seed": 1}


@pytest.fixture(scope="module")
def corpus():
    return synthetic_corpus(num_sentences=4000, seed=0)


@pytest.fixture(scope="module")
def model(corpus):
    return train(corpus.sentences, **FAST)


@pytest.fixture(scope="module")
def tiny():
    return synthetic_corpus(num_sentences=300, seed=5).sentences


def test_learns_groups(model, corpus):
    """같은 무리(동물, 과일, 나라, 수도 ...)의 단어가 서로의 가장 가까운 이웃이 됩니다."""
    for name, words in corpus.groups.items():
        for word in words:
            top3 = [w for w, _ in model.most_similar(word, topn=3)]
            assert all(w in words for w in top3), (name, word, top3)


def test_solves_planted_analogies(model, corpus):
    """심어 둔 유추 (france : paris :: germany : berlin, king : queen :: man : woman) 를 3CosAdd 로 풉니다."""
    correct = [model.analogy(a, b, c)[0][0] == d for a, b, c, d in corpus.analogies]
    assert np.mean(correct) >= 0.9
    assert model.analogy("france", "paris", "germany")[0][0] == "berlin"


def test_model_attributes(model, corpus):
    V = len(model.vocab)
    assert isinstance(model, SGNSModel)
    assert model.center_vectors.shape == (V, 50) and model.outside_vectors.shape == (V, 50)
    assert model.center_vectors.dtype == np.float32
    assert model.words == model.vocab.words
    assert len(model.loss_history) == 25
    assert all(np.isfinite(model.loss_history))
    assert model.params == {**DEFAULT_PARAMS, **FAST}
    assert model.train_seconds > 0 and model.train_cpu_seconds > 0
    # 남은 토큰 하나당 쌍 수: 긴 문장에서는 약 6 (윈도우 1..5, 양쪽), 이 짧은 문장들에서는 더 적음
    assert 2.0 < model.pairs_trained / model.effective_words < 6.5
    assert model.effective_words < 25 * corpus.num_tokens  # 서브샘플링이 무언가를 버렸음


def test_loss_decreases(model):
    history = model.loss_history
    assert history[-1] < history[0] - 1.0
    assert history[-1] < np.mean(history[:3])


def test_most_similar_and_similarity(model):
    neighbours = model.most_similar("dog", topn=5)
    assert len(neighbours) == 5
    assert "dog" not in [w for w, _ in neighbours]
    scores = [s for _, s in neighbours]
    assert scores == sorted(scores, reverse=True)
    assert model.similarity("dog", "cat") == pytest.approx(scores[[w for w, _ in neighbours].index("cat")])
    assert model.similarity("dog", "dog") == pytest.approx(1.0)
    assert model.similarity("dog", "cat") > model.similarity("dog", "paris")
    with pytest.raises(KeyError, match="어휘에 없는 단어"):
        model.most_similar("dgo")
    with pytest.raises(KeyError, match="dog"):  # 비슷한 철자 제안
        model.similarity("dgo", "cat")


def test_seeded_runs_repeat_exactly(tiny):
    a = train(tiny, vector_size=10, epochs=2, min_count=1, seed=7, batch_size=64)
    b = train(tiny, vector_size=10, epochs=2, min_count=1, seed=7, batch_size=64)
    c = train(tiny, vector_size=10, epochs=2, min_count=1, seed=8, batch_size=64)
    np.testing.assert_array_equal(a.center_vectors, b.center_vectors)
    np.testing.assert_array_equal(a.outside_vectors, b.outside_vectors)
    assert a.loss_history == b.loss_history
    assert not np.array_equal(a.center_vectors, c.center_vectors)


def test_initialisation_like_gensim(tiny):
    """에폭 하나를 아주 작은 학습률로: v 는 uniform(-0.5, 0.5)/d 근처, u 는 0 근처에서 시작."""
    m = train(tiny, vector_size=20, epochs=1, min_count=1, alpha=1e-12, min_alpha=0.0)
    assert np.abs(m.center_vectors).max() <= 0.5 / 20
    assert np.abs(m.center_vectors).max() > 0.4 / 20
    assert np.abs(m.outside_vectors).max() < 1e-9


def test_callbacks_verbose_and_progress(tiny, capsys):
    seen = []

    def record(model, epoch):
        seen.append((epoch, len(model.loss_history), model.most_similar("dog", topn=1)[0][0]))

    train(tiny, vector_size=10, epochs=3, min_count=1, callbacks=[record], verbose=True, progress=True)
    assert [s[:2] for s in seen] == [(1, 1), (2, 2), (3, 3)]
    out = capsys.readouterr().out
    assert out.count("평균 손실") == 3


def test_divergence_is_reported_not_returned(tiny):
    with pytest.raises(TrainingDiverged, match="발산.*alpha") as info:
        train(tiny, vector_size=10, epochs=2, min_count=1, alpha=1e20)
    assert isinstance(info.value, FloatingPointError)
    assert "batch_size" in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"vector_size": 0}, ValueError, "`vector_size`=0"),
        ({"vector_size": 2.5}, TypeError, "`vector_size`"),
        ({"window": 0}, ValueError, "`window`=0"),
        ({"negative": 0}, ValueError, "`negative`=0"),
        ({"alpha": 0.0}, ValueError, "`alpha`=0.0"),
        ({"alpha": -0.1}, ValueError, "`alpha`"),
        ({"alpha": float("nan")}, ValueError, "`alpha`"),
        ({"alpha": "0.025"}, TypeError, "`alpha`"),
        ({"min_alpha": 1.0}, ValueError, "`min_alpha`"),
        ({"epochs": 0}, ValueError, "`epochs`"),
        ({"batch_size": 0}, ValueError, "`batch_size`"),
        ({"sample": -1e-3}, ValueError, "`sample`"),
        ({"min_count": 0}, ValueError, "`min_count`"),
        ({"seed": -1}, ValueError, "`seed`"),
        ({"ns_exponent": -0.5}, ValueError, "`ns_exponent`=-0.5"),
        ({"ns_exponent": 3.0}, ValueError, "`ns_exponent`=3.0"),
        ({"vectorsize": 10}, TypeError, "알 수 없는 매개변수: vectorsize"),
    ],
)
def test_bad_params(tiny, kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        train(tiny, **kwargs)


@pytest.mark.parametrize(
    ("sentences", "kwargs", "error", "pattern"),
    [
        ([], {}, ValueError, "`sentences`.*비어"),
        ([[]], {}, ValueError, "`sentences`.*비어"),
        ([["a", "b"], ["c"]], {"min_count": 5}, ValueError, "`sentences`.*min_count=5"),
        ([["a", 3, "b"]], {"min_count": 1}, TypeError, "`sentences`.*문자열이 아닌 토큰"),
        ("the cat sat", {}, TypeError, "`sentences`"),
        ([["a"], ["b"], ["a"]], {"min_count": 1}, ValueError, "`sentences`.*쌍을 하나도"),
    ],
)
def test_bad_corpus(sentences, kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        train(sentences, **kwargs)


def test_bad_callbacks(tiny):
    with pytest.raises(TypeError, match="`callbacks`"):
        train(tiny, min_count=1, callbacks=[42])


def test_word2vec_format_round_trips_through_gensim(model, tmp_path):
    from gensim.models import KeyedVectors

    path = tmp_path / "vectors.txt"
    model.save_word2vec_format(path)
    kv = KeyedVectors.load_word2vec_format(str(path), binary=False)
    assert kv.index_to_key == model.words
    np.testing.assert_array_equal(kv.vectors, model.center_vectors)
    assert kv.most_similar("dog", topn=1)[0][0] == model.most_similar("dog", topn=1)[0][0]


def test_projector_tsv(model, tmp_path):
    vec_path, meta_path = tmp_path / "vectors.tsv", tmp_path / "metadata.tsv"
    model.save_projector_tsv(vec_path, meta_path)
    rows = vec_path.read_text(encoding="utf8").splitlines()
    meta = meta_path.read_text(encoding="utf8").splitlines()
    assert len(rows) == len(meta) == len(model.words)
    assert meta == model.words
    assert all(len(r.split("\t")) == 50 for r in rows)
    np.testing.assert_allclose(np.loadtxt(vec_path, delimiter="\t"), model.center_vectors, rtol=1e-5, atol=1e-7)


def test_train_gensim_has_same_interface(corpus, model):
    g = train_gensim(corpus.sentences, **FAST)
    assert g.words == model.words  # 우리 어휘 순서로 다시 늘어놓음
    assert g.center_vectors.shape == model.center_vectors.shape
    assert g.train_seconds > 0 and g.train_cpu_seconds > 0
    assert g.effective_words > 0 and g.pairs_trained > g.effective_words
    # gensim 벡터도 같은 구조를 배웁니다 (같은 평가 코드)
    assert all(w in ("cat", "horse", "cow", "sheep", "goat", "pig", "rabbit") for w, _ in g.most_similar("dog", 3))
    with pytest.raises(KeyError, match="어휘에 없는 단어"):
        g.similarity("dgo", "cat")


def _reference_train(sentences, *, vector_size, epochs, seed, batch_size, min_count):
    """학습기와 같은 난수 순서로, 기울기 형태 (neg_sampling_batch) 와 np.add.at 으로 갱신하는 느린 기준 구현."""
    from sgns.corpus import build_vocab, encode_corpus, keep_probabilities, skipgram_pair_arrays, subsample
    from sgns.neg_sampling import neg_sampling_batch
    from sgns.sampling import NegativeSampler
    from sgns.train import _BATCHES_PER_DRAW

    p = {**DEFAULT_PARAMS, "vector_size": vector_size, "epochs": epochs, "seed": seed, "min_count": min_count}
    vocab = build_vocab(sentences, min_count=min_count)
    ids, sentence_ids = encode_corpus(sentences, vocab)
    V, d, K, B = len(vocab), vector_size, p["negative"], batch_size
    rng = np.random.default_rng(seed)
    sampler = NegativeSampler(vocab.counts, power=p["ns_exponent"], seed=rng)
    keep_prob = keep_probabilities(vocab.counts, p["sample"])
    C = ((rng.random((V, d), dtype=np.float32) - 0.5) / d).astype(np.float64)
    U = np.zeros((V, d))
    losses = []
    for epoch in range(epochs):
        keep = subsample(ids, keep_prob, rng)
        centers, contexts = skipgram_pair_arrays(
            ids[keep], sentence_ids[keep], p["window"], rng=rng, reduced_window=True
        )
        order = rng.permutation(centers.shape[0])
        centers, contexts = centers[order], contexts[order]
        n_pairs, loss_sum = centers.shape[0], 0.0
        for b, lo in enumerate(range(0, n_pairs, B)):
            j = b % _BATCHES_PER_DRAW
            if j == 0:
                negatives = sampler.sample((min(lo + B * _BATCHES_PER_DRAW, n_pairs) - lo, K))
            hi = min(lo + B, n_pairs)
            negs = negatives[j * B : j * B + hi - lo]
            lr = p["alpha"] - (p["alpha"] - p["min_alpha"]) * (epoch + lo / n_pairs) / epochs
            g = neg_sampling_batch(C, U, centers[lo:hi], contexts[lo:hi], negs, negs != contexts[lo:hi, None])
            loss_sum += g.losses.sum()
            np.add.at(C, centers[lo:hi], -lr * g.grad_center)  # 두 갱신 모두 갱신 전 값으로 계산한 기울기로
            np.add.at(U, g.target_idx, -lr * g.grad_targets)
        losses.append(loss_sum / n_pairs)
    return C, U, losses


def test_updates_equal_gradient_form_reference(tiny):
    """계수 형태 + 희소 곱으로 하는 갱신이, 기울기를 (B, K+1, d) 로 만들어 np.add.at 으로 합하는 SGD 와 같습니다."""
    kwargs = dict(vector_size=8, epochs=2, seed=3, batch_size=32, min_count=1)
    m = train(tiny, **kwargs)
    C, U, losses = _reference_train(tiny, **kwargs)
    assert np.abs(U).max() > 1e-3  # 실제로 학습이 일어났음 (u 는 0 에서 시작)
    np.testing.assert_allclose(m.center_vectors, C, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(m.outside_vectors, U, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(m.loss_history, losses, rtol=1e-6)
