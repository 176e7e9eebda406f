"""sgns.trainer: 학습기가 합성 말뭉치의 구조를 배우는지, 기울기 형태의 기준 구현과 같은 갱신인지, 말뭉치를 조각씩
흘려 보내기 (파일 말뭉치, 한 번만 훑을 수 있는 반복자 거절), train_chunk 의 계약, 재현성 (CPU 가 달라도),
발산 처리, 입력 검사, 내보내기, gensim 비교 도우미."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sgns.corpus import LineSentences, build_vocab, keep_probabilities
from sgns.data import synthetic_corpus
from sgns.engine.chunks import BATCHES_PER_DRAW, ChunkStats, encode_chunks
from sgns.lessons.gensim_baseline import train_gensim
from sgns.model import SGNSModel, TrainingStats
from sgns.sampling import NegativeSampler
from sgns.trainer import (
    DEFAULT_PARAMS,
    TrainingDiverged,
    TrainParams,
    chunk_pairs,
    init_weights,
    learning_rate,
    train,
    train_chunk,
)

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
    assert model.params == TrainParams(**FAST)
    assert model.params.as_dict() == {**DEFAULT_PARAMS, **FAST}
    assert isinstance(model.stats, TrainingStats) and not model.stats.pairs_estimated
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
    with pytest.raises(KeyError, match="`a`.*dog"):  # 매개변수 이름과 비슷한 철자 제안
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

    final = train(tiny, vector_size=10, epochs=3, min_count=1, callbacks=[record], verbose=True, progress=True)
    assert [s[:2] for s in seen] == [(1, 1), (2, 2), (3, 3)]
    assert len(final.loss_history) == 3
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
        ({"vectorsize": 10}, TypeError, "알 수 없는 매개변수: `vectorsize`. 혹시 `vector_size`"),
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
        ([["a", "b"], ["c"]], {"min_count": 5}, ValueError, "`sentences`.*`min_count`=5"),
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


def _reference_train(sentences, *, vector_size, epochs, seed, batch_size, min_count, chunk_tokens=10**9):
    """학습기와 같은 난수 순서로, 기울기 형태 (neg_sampling_batch) 와 np.add.at 으로 갱신하는 느린 기준 구현.

    말뭉치 조각과 학습률도 따로 계산합니다: 조각은 문장을 이어 붙여 토큰이 chunk_tokens 이상이 되면 끊고,
    학습률은 전체 진행률 (처리한 토큰 / (에폭 × 토큰 수)) 로, 조각 안에서는 쌍 순서대로 선형입니다.
    """
    from sgns.corpus import skipgram_pair_arrays, subsample
    from sgns.neg_sampling import neg_sampling_batch

    p = {**DEFAULT_PARAMS, "vector_size": vector_size, "epochs": epochs, "seed": seed, "min_count": min_count}
    vocab = build_vocab(sentences, min_count=min_count)
    V, d, K, B = len(vocab), vector_size, p["negative"], batch_size
    rng = np.random.default_rng(seed)
    sampler = NegativeSampler(vocab.counts, power=p["ns_exponent"], seed=rng)
    keep_prob = keep_probabilities(vocab.counts, p["sample"])
    C = ((rng.random((V, d), dtype=np.float32) - 0.5) / d).astype(np.float64)
    U = np.zeros((V, d))

    chunks, ids, sent = [], [], []  # 조각마다 (ids, sentence_ids)
    for s_index, sentence in enumerate(sentences):
        encoded = [vocab.word_to_id[w] for w in sentence if w in vocab.word_to_id]
        ids += encoded
        sent += [s_index] * len(encoded)
        if len(ids) >= chunk_tokens:
            chunks.append((np.array(ids), np.array(sent)))
            ids, sent = [], []
    if ids:
        chunks.append((np.array(ids), np.array(sent)))
    total = vocab.total * epochs

    def lr_at(tokens):
        return p["alpha"] - (p["alpha"] - p["min_alpha"]) * tokens / total

    losses, done = [], 0
    for _ in range(epochs):
        loss_sum = n_all = 0
        for chunk_ids, chunk_sent in chunks:
            lr_start, lr_end = lr_at(done), lr_at(done + len(chunk_ids))
            done += len(chunk_ids)
            keep = subsample(chunk_ids, keep_prob, rng)
            centers, contexts = skipgram_pair_arrays(
                chunk_ids[keep], chunk_sent[keep], p["window"], rng=rng, reduced_window=True
            )
            order = rng.permutation(centers.shape[0])
            centers, contexts = centers[order], contexts[order]
            n_pairs = centers.shape[0]
            for b, lo in enumerate(range(0, n_pairs, B)):
                j = b % BATCHES_PER_DRAW
                if j == 0:
                    negatives = sampler.sample((min(lo + B * BATCHES_PER_DRAW, n_pairs) - lo, K))
                hi = min(lo + B, n_pairs)
                negs = negatives[j * B : j * B + hi - lo]
                lr = lr_start + (lr_end - lr_start) * lo / n_pairs
                g = neg_sampling_batch(C, U, centers[lo:hi], contexts[lo:hi], negs, negs != contexts[lo:hi, None])
                loss_sum += g.losses.sum()
                np.add.at(C, centers[lo:hi], -lr * g.grad_center)  # 두 갱신 모두 갱신 전 값으로 계산한 기울기로
                np.add.at(U, g.target_idx, -lr * g.grad_targets)
            n_all += n_pairs
        losses.append(loss_sum / n_all)
    return C, U, losses


@pytest.mark.parametrize("chunk_tokens", [10**9, 700])
def test_updates_equal_gradient_form_reference(tiny, chunk_tokens):
    """계수 형태 + scatter-add 로 하는 갱신이, 기울기를 (B, K+1, d) 로 만들어 np.add.at 으로 합하는 SGD 와 같습니다.

    말뭉치가 조각 하나일 때와 여러 조각일 때 (조각마다 쌍을 섞고, 학습률은 전체 진행률로) 모두.
    """
    kwargs = dict(vector_size=8, epochs=2, seed=3, batch_size=32, min_count=1)
    m = train(tiny, chunk_tokens=chunk_tokens, **kwargs)
    C, U, losses = _reference_train(tiny, chunk_tokens=chunk_tokens, **kwargs)
    assert np.abs(U).max() > 1e-3  # 실제로 학습이 일어났음 (u 는 0 에서 시작)
    np.testing.assert_allclose(m.center_vectors, C, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(m.outside_vectors, U, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(m.loss_history, losses, rtol=1e-6)


def test_chunks_cover_the_corpus_and_change_only_the_shuffling(tiny):
    """조각으로 나눠도 같은 말뭉치를 같은 수의 토큰으로 훑고, 비슷한 품질로 학습합니다 (섞는 범위만 다름)."""
    vocab = build_vocab(tiny, min_count=1)
    chunks = list(encode_chunks(tiny, vocab, 700))
    assert len(chunks) > 2
    assert sum(c.token_ids.shape[0] for c in chunks) == vocab.total
    whole = train(tiny, vector_size=10, epochs=3, min_count=1, seed=2)
    pieces = train(tiny, vector_size=10, epochs=3, min_count=1, seed=2, chunk_tokens=700)
    assert not np.array_equal(whole.center_vectors, pieces.center_vectors)
    assert abs(whole.loss_history[-1] - pieces.loss_history[-1]) < 0.05 * whole.loss_history[-1]


def test_line_sentences_file_trains_like_the_same_list(tiny, tmp_path):
    """파일 말뭉치 (에폭마다 다시 읽음) 로 학습하면 같은 문장 리스트로 학습한 것과 배열이 정확히 같습니다."""
    path = tmp_path / "corpus.txt"
    path.write_text("\n".join(" ".join(s) for s in tiny) + "\n\n", encoding="utf8")  # 빈 줄은 건너뜀
    from_file = train(LineSentences(path), vector_size=10, epochs=3, min_count=1, seed=4, chunk_tokens=900)
    from_list = train(tiny, vector_size=10, epochs=3, min_count=1, seed=4, chunk_tokens=900)
    np.testing.assert_array_equal(from_file.center_vectors, from_list.center_vectors)
    np.testing.assert_array_equal(from_file.outside_vectors, from_list.outside_vectors)
    assert from_file.loss_history == from_list.loss_history


@pytest.mark.parametrize("make", [lambda s: (x for x in s), lambda s: iter(s), lambda s: map(list, s)])
def test_one_shot_iterators_are_refused_with_advice(tiny, make):
    with pytest.raises(TypeError, match="한 번만 훑을 수 있는") as info:
        train(make(tiny), min_count=1)
    message = str(info.value)
    assert "둘째 에폭" in message and "list(" in message and "LineSentences" in message


def test_line_sentences_validates_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="path"):
        LineSentences(tmp_path / "missing.txt")
    with pytest.raises(TypeError, match="path"):
        LineSentences(3)


def test_learning_rate_schedule():
    assert learning_rate(0.0, 0.025, 1e-4) == 0.025
    assert learning_rate(1.0, 0.025, 1e-4) == pytest.approx(1e-4)
    assert learning_rate(0.5, 0.025, 1e-4) == pytest.approx((0.025 + 1e-4) / 2)
    assert learning_rate(1.5, 0.025, 1e-4) == pytest.approx(1e-4)  # 진행률은 0..1 로 자름


def _chunk_setup(tiny, seed=0, d=6):
    vocab = build_vocab(tiny, min_count=1)
    chunk = next(encode_chunks(tiny, vocab, 10**9))
    rng = np.random.default_rng(seed)
    sampler = NegativeSampler(vocab.counts, seed=rng)
    weights = init_weights(len(vocab), d, rng)
    return vocab, chunk, rng, sampler, weights


def test_train_chunk_contract(tiny):
    """numpy 배열을 받아 가중치를 제자리에서 바꾸고 작은 통계를 돌려줍니다. 통계는 같은 난수로 만든 쌍과 맞습니다."""
    vocab, chunk, rng, sampler, weights = _chunk_setup(tiny)
    keep_prob = keep_probabilities(vocab.counts, 1e-3)
    assert chunk.token_ids.dtype == np.int32 and chunk.sentence_starts.dtype == np.int64
    assert chunk.sentence_starts[0] == 0 and chunk.sentence_starts[-1] == chunk.token_ids.shape[0]
    state = rng.bit_generator.state
    pairs, n_effective = chunk_pairs(chunk.token_ids, chunk.sentence_starts, keep_prob, 5, rng)
    rng.bit_generator.state = state  # 같은 난수로 다시
    before = weights.copy()
    stats = train_chunk(weights, chunk.token_ids, chunk.sentence_starts, keep_prob, sampler, 5, 5, 0.025, 0.01, rng)
    assert isinstance(stats, ChunkStats)
    assert stats.n_pairs == pairs.shape[0] and stats.n_effective_words == n_effective
    assert pairs.dtype == np.int32 and pairs.shape[1] == 2
    assert 0 < n_effective < chunk.token_ids.shape[0]  # 서브샘플링이 무언가를 버렸음
    assert np.isfinite(stats.loss_sum) and stats.loss_sum > 0
    # u 는 0 에서 시작하므로 첫 배치의 평균 손실은 (K+1) log 2 근처 (σ(0) = 1/2)
    assert stats.loss_sum / stats.n_pairs < 6 * np.log(2)
    V = len(vocab)
    assert weights.dtype == np.float32 and weights.shape == before.shape
    assert not np.array_equal(weights[V:], before[V:])  # 주변 단어 벡터가 바뀜 (제자리)
    untouched = np.setdiff1d(np.arange(V), pairs[:, 0])  # 중심 단어로 한 번도 안 나온 단어의 v 는 그대로
    np.testing.assert_array_equal(weights[untouched], before[untouched])


def test_train_chunk_with_zero_learning_rate_changes_nothing(tiny):
    vocab, chunk, rng, sampler, weights = _chunk_setup(tiny, seed=1)
    before = weights.copy()
    stats = train_chunk(
        weights, chunk.token_ids, chunk.sentence_starts, np.ones(len(vocab)), sampler, 2, 3, 0.0, 0.0, rng,
        batch_size=50,
    )  # fmt: skip
    np.testing.assert_array_equal(weights, before)
    # 서브샘플링을 끄면 (keep = 1) 모든 토큰이 남고, u = 0 이라 쌍마다 손실은 정확히 (유효한 항 수) log 2
    assert stats.n_effective_words == chunk.token_ids.shape[0]
    assert (stats.n_pairs + 3 * stats.n_pairs) * np.log(2) >= stats.loss_sum > stats.n_pairs * np.log(2)


def test_same_seed_same_vectors_on_every_cpu_kernel(tmp_path):
    """같은 seed 면 BLAS 커널 (OpenBLAS 가 CPU 마다 고르는 것) 이나 numpy 의 SIMD 선택이 달라도 같은 배열.

    예전 학습기는 np.matmul (BLAS) 로 점수를 계산해서, 다른 CPU 에서는 마지막 자리가 달라지고 긴 학습에서 그 차이가
    커졌습니다 (4장 노트북의 PMI 실험이 기계마다 -0.653 / -0.654 로 출력됨). 이 기계가 지원하는 커널만 골라 비교합니다.
    """
    script = tmp_path / "hash.py"
    script.write_text(
        "import hashlib, numpy as np, sgns\n"
        "c = sgns.data.synthetic_corpus(600, seed=1)\n"
        "m = sgns.train(c.sentences, vector_size=16, epochs=3, min_count=1, seed=5)\n"
        "w = np.concatenate([m.center_vectors.ravel(), m.outside_vectors.ravel()])\n"
        "print(hashlib.md5(w.tobytes()).hexdigest())\n",
        encoding="utf8",
    )
    flags = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    variants = [{}]
    if " avx " in flags:
        variants.append({"OPENBLAS_CORETYPE": "Sandybridge"})
    if " avx2 " in flags:
        variants.append({"OPENBLAS_CORETYPE": "Haswell"})
    if " avx512f " in flags:
        variants.append({"OPENBLAS_CORETYPE": "SkylakeX"})
        variants.append({"NPY_DISABLE_CPU_FEATURES": "X86_V4,AVX512_ICL,AVX512_SPR"})
    if len(variants) < 2:
        pytest.skip("이 CPU 에서는 바꿔 볼 수 있는 BLAS 커널이 없습니다")
    hashes = set()
    for extra in variants:
        env = {**os.environ, **extra}
        out = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, check=True)
        hashes.add(out.stdout.strip())
    assert len(hashes) == 1, (variants, hashes)


# ---- 아무것도 학습하지 않은 결과를 돌려주지 않음, 크기 한도 ---------------------------------------------


def test_training_on_zero_pairs_is_a_korean_error_naming_sample():
    """작은 말뭉치에서 기본 sample=1e-3 은 거의 모든 단어를 지웁니다: 평균 손실 0 과 무작위 벡터 대신 오류."""
    sentences = [["the", "cat", "sat", "on", "the", "mat"]] * 10
    with pytest.raises(ValueError, match=r"`sample`=0\.001 .*쌍이 하나도 없었습니다.*sample=0") as info:
        train(sentences, min_count=1, epochs=3, vector_size=5)
    assert "토큰 60개" in str(info.value)
    model = train(sentences, min_count=1, epochs=3, vector_size=5, sample=0)  # 말한 대로 고치면 학습됨
    assert model.pairs_trained > 0 and all(loss > 0 for loss in model.loss_history)


def test_sizes_are_refused_before_allocating_with_the_size_needed():
    sentences = [["the", "cat", "sat", "on", "the", "mat"]] * 10
    for kwargs, pattern in [
        ({"vector_size": 10**9}, r"`vector_size`=1000000000 .*GiB"),
        ({"negative": 10**9}, r"`negative`=1000000000 .*TiB"),
        ({"window": 2**63}, r"`window`=9223372036854775808 .*1,000,000 이하"),
    ]:
        with pytest.raises(ValueError, match=pattern):
            train(sentences, min_count=1, sample=0, **kwargs)
    # 말뭉치보다 큰 배치는 배치 하나로 학습하는 것과 같습니다 (거대한 배열을 잡지 않음)
    huge = train(sentences, min_count=1, sample=0, epochs=1, batch_size=10**9)
    large = train(sentences, min_count=1, sample=0, epochs=1, batch_size=10**6)
    np.testing.assert_array_equal(huge.center_vectors, large.center_vectors)


def test_synthetic_corpus_object_trains_like_its_sentences():
    corpus = synthetic_corpus(num_sentences=200, seed=1)
    a = train(corpus, min_count=1, epochs=1, vector_size=8)
    b = train(corpus.sentences, min_count=1, epochs=1, vector_size=8)
    np.testing.assert_array_equal(a.center_vectors, b.center_vectors)
