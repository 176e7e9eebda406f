"""sgns.engine.compiled: 컴파일된 학습 엔진을 기준 구현(numpy 학습기, 교육용 기울기 식)과 맞대어 봅니다."""

import os
import shutil
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("numba")

import sgns.engine.compiled as compiled  # noqa: E402
from sgns.corpus import build_vocab, keep_probabilities  # noqa: E402
from sgns.data import synthetic_corpus  # noqa: E402
from sgns.engine.chunks import ChunkStats, encode_chunks  # noqa: E402
from sgns.engine.compiled import noise_table, sigmoid_table_error, split_ranges, train_chunk  # noqa: E402
from sgns.lessons.noise_samplers import expected_tv_noise, total_variation  # noqa: E402
from sgns.neg_sampling import neg_sampling_loss_and_gradient  # noqa: E402
from sgns.trainer import TrainingDiverged, train  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def train_compiled(sentences, **params):
    """컴파일한 엔진으로 학습 (``sgns.train(..., engine="compiled")``)."""
    return train(sentences, engine="compiled", **params)


PARAMS = {"vector_size": 50, "epochs": 25, "seed": 1}


@pytest.fixture(scope="module")
def corpus():
    return synthetic_corpus(num_sentences=4000, seed=0)


@pytest.fixture(scope="module")
def tiny():
    return synthetic_corpus(num_sentences=300, seed=5).sentences


@pytest.fixture(scope="module")
def models(corpus):
    """같은 말뭉치, 같은 하이퍼파라미터, 같은 seed 로 numpy 학습기와 컴파일된 엔진."""
    return train(corpus.sentences, **PARAMS), train_compiled(corpus.sentences, **PARAMS)


def _chunk_inputs(sentences, min_count=1, sample=1e-3):
    vocab = build_vocab(sentences, min_count=min_count)
    (token_ids, starts), *rest = list(encode_chunks(sentences, vocab, 10**9))
    assert not rest
    return vocab, token_ids, starts, keep_probabilities(vocab.counts, sample), noise_table(vocab.counts)


def _weights(V, d, seed=0):
    rng = np.random.default_rng(seed)
    weights = np.zeros((2 * V, d), dtype=np.float32)
    weights[:V] = (rng.random((V, d), dtype=np.float32) - 0.5) / d
    return weights, weights[:V], weights[V:]


# ---------------------------------------------------------------------------
# 한 쌍의 갱신 = 교육용 기울기 식 (neg_sampling_loss_and_gradient)
# ---------------------------------------------------------------------------


def _reference_update(center_vectors, outside_vectors, center, outside, negatives, lr):
    """float64 기준: 정답과 같은 네거티브를 빼고, 기울기 식 그대로 v -= lr ∂J/∂v_c, U -= lr ∂J/∂U."""
    negatives = np.array([k for k in negatives if k != outside], dtype=np.int64)
    v = center_vectors[center].astype(np.float64)
    U = outside_vectors.astype(np.float64)
    loss, grad_v, grad_U = neg_sampling_loss_and_gradient(v, outside, U, negatives)
    new_center = center_vectors.astype(np.float64)
    new_center[center] = v - lr * grad_v
    return loss, new_center, U - lr * grad_U


@pytest.mark.parametrize("scale", [0.1, 1.0, 4.0])  # 4.0: 점수가 표의 구간 (±8) 밖으로도 나감
@pytest.mark.parametrize("negatives", [[3, 5, 7, 9, 11], [3, 2, 7, 2, 11]])  # 두 번째: 정답(2)과 같은 네거티브
def test_pair_update_matches_reference_gradient(scale, negatives):
    rng = np.random.default_rng(42)
    V, d, lr, center, outside = 13, 16, 0.05, 4, 2
    center_vectors = (rng.standard_normal((V, d)) * scale / np.sqrt(d) * 3).astype(np.float32)
    outside_vectors = (rng.standard_normal((V, d)) * scale / np.sqrt(d) * 3).astype(np.float32)
    loss, want_center, want_outside = _reference_update(center_vectors, outside_vectors, center, outside, negatives, lr)
    targets = np.array([outside, *negatives], dtype=np.int64)
    got_loss = compiled._pair_step_py(center_vectors, outside_vectors, center, targets, lr)
    # 표의 오차: σ 약 1e-6, softplus 약 2e-6 (float32 내적의 반올림이 그 위에 더해짐)
    assert got_loss == pytest.approx(loss, rel=1e-5, abs=2e-5)
    np.testing.assert_allclose(center_vectors, want_center, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(outside_vectors, want_outside, rtol=1e-5, atol=1e-6)
    assert not np.allclose(center_vectors[center], center_vectors[center] * 0)  # 실제로 무언가 했음


def test_repeated_negative_differs_only_at_second_order():
    """한 쌍 안에서 같은 네거티브가 두 번 나오면 두 번째는 갱신된 u 를 읽습니다: 차이는 lr² 차수."""
    rng = np.random.default_rng(1)
    V, d, center, outside, negatives = 10, 8, 1, 2, [5, 5, 6]
    errors = []
    for lr in (0.1, 0.01):
        cv = (rng.standard_normal((V, d))).astype(np.float32)
        ov = (rng.standard_normal((V, d))).astype(np.float32)
        _, want_center, _ = _reference_update(cv, ov, center, outside, negatives, lr)
        compiled._pair_step_py(cv, ov, center, np.array([outside, *negatives], dtype=np.int64), lr)
        errors.append(np.abs(cv[center] - want_center[center]).max())
    assert errors[0] > 0
    assert errors[1] < errors[0] / 30  # lr 를 1/10 로: 오차는 약 1/100


def test_sigmoid_table_error_is_stated():
    error = sigmoid_table_error()
    assert error["sigmoid"] < 2e-6
    assert error["softplus"] < 5e-6


def test_noise_draws_follow_noise_distribution():
    """커널의 별칭 뽑기: 경험적 분포와 목표 분포의 TVD 가 정확한 샘플러의 샘플링 잡음 수준."""
    counts = np.round(1e6 / np.arange(1, 2001)).astype(np.int64)  # Zipf, V = 2000
    noise = noise_table(counts, 0.75)
    n = 400_000
    draws = compiled._draw_noise_many(noise.threshold, noise.alias, n, 7)
    assert draws.min() >= 0 and draws.max() < 2000
    tvd = total_variation(noise.probs, draws)
    assert tvd < 1.3 * expected_tv_noise(noise.probs, n)
    assert compiled.alias_draw_bias(100_000) < 1e-10


# ---------------------------------------------------------------------------
# 덩어리 하나 (train_chunk)
# ---------------------------------------------------------------------------


def test_train_chunk_is_deterministic_with_one_worker(tiny):
    vocab, token_ids, starts, keep_prob, noise = _chunk_inputs(tiny)
    results = []
    for seed in (3, 3, 4):
        weights, v, u = _weights(len(vocab), 12)
        stats = train_chunk(v, u, token_ids, starts, keep_prob, noise, 5, 5, 0.025, 0.001, seed)
        results.append((weights, stats))
    (w0, s0), (w1, s1), (w2, s2) = results
    assert isinstance(s0, ChunkStats)
    np.testing.assert_array_equal(w0, w1)
    assert s0 == s1
    assert not np.array_equal(w0, w2)
    assert s0.n_pairs > 0 and 0 < s0.n_effective_words <= token_ids.shape[0]
    assert np.isfinite(s0.loss_sum) and s0.loss_sum / s0.n_pairs == pytest.approx(6 * np.log(2), rel=0.1)


def test_train_chunk_two_workers_same_counts_close_results(tiny):
    """workers=2: 쌍 수·유효 단어 수는 실행마다 같고 (스레드마다 seed 로 정해짐), 손실과 벡터는 가깝습니다."""
    vocab, token_ids, starts, keep_prob, noise = _chunk_inputs(tiny)
    runs = []
    for _ in range(2):
        weights, v, u = _weights(len(vocab), 12)
        runs.append((weights, train_chunk(v, u, token_ids, starts, keep_prob, noise, 5, 5, 0.025, 0.001, 9, workers=2)))
    (w0, s0), (w1, s1) = runs
    assert (s0.n_pairs, s0.n_effective_words) == (s1.n_pairs, s1.n_effective_words)
    # 두 스레드가 같은 행을 갱신하는 순서는 실행마다 다를 수 있어 값이 조금 달라질 수 있습니다 (Hogwild)
    assert s0.loss_sum == pytest.approx(s1.loss_sum, rel=0.01)
    assert np.linalg.norm(w0 - w1) < 0.1 * np.linalg.norm(w0)


def test_no_subsampling_and_full_window_counts():
    """sample=0 이면 모든 토큰이 남고, window 가 문장보다 길면 쌍 수는 문장마다 L(L-1) 입니다."""
    sentences = [["a", "b", "c", "d"], ["b", "c"], ["a"]]
    vocab, token_ids, starts, _, noise = _chunk_inputs(sentences, sample=0)
    _, v, u = _weights(len(vocab), 4)
    keep = np.ones(len(vocab))
    stats = train_chunk(v, u, token_ids, starts, keep, noise, 1, 2, 0.01, 0.01, 0)  # window=1: 이웃만
    assert stats.n_effective_words == 7
    assert stats.n_pairs == 2 * 3 + 2 * 1
    pairs = [train_chunk(v, u, token_ids, starts, keep, noise, 3, 2, 0.01, 0.01, seed).n_pairs for seed in range(300)]
    # window=3: 중심마다 b ~ 1..3. 쌍 수의 기댓값 = Σ_중심 E[윈도우 안 이웃 수] (문장 경계에서 잘림)
    expected = sum(
        np.mean([min(i, b) + min(length - 1 - i, b) for b in (1, 2, 3)]) for length in (4, 2) for i in range(length)
    )
    assert min(pairs) >= 8 and max(pairs) <= 4 * 3 + 2
    assert np.mean(pairs) == pytest.approx(expected, abs=0.3)


def test_split_ranges():
    starts = np.array([0, 10, 20, 30, 40, 1000], dtype=np.int64)  # 마지막 문장이 아주 긺
    assert split_ranges(starts, 1) == [(0, 1000)]
    ranges = split_ranges(starts, 2)
    assert ranges[0][0] == 0 and ranges[-1][1] == 1000
    assert all(a[1] == b[0] for a, b in zip(ranges[:-1], ranges[1:], strict=True))
    assert ranges == [(0, 500), (500, 1000)]  # 가까운 문장 시작이 없어 문장 가운데서 자름
    even = np.arange(0, 1001, 10, dtype=np.int64)
    assert split_ranges(even, 2) == [(0, 500), (500, 1000)]
    assert split_ranges(np.array([0, 3]), 8) == [(0, 1), (1, 2), (2, 3)]  # 빈 구간은 없음
    assert split_ranges(np.array([0]), 2) == []


# ---------------------------------------------------------------------------
# 말뭉치 -> 덩어리
# ---------------------------------------------------------------------------


def test_prefetch_keeps_order_and_raises_where_the_item_failed():
    assert list(compiled.prefetch(iter(range(50)))) == list(range(50))
    assert list(compiled.prefetch(iter([]))) == []

    def broken():
        yield 1
        raise ValueError("문장 3 이 잘못됨")

    got = compiled.prefetch(broken())
    assert next(got) == 1
    with pytest.raises(ValueError, match="문장 3"):
        next(got)


def test_streams_a_reiterable_corpus_from_a_file(tmp_path, tiny):
    """파일을 에폭마다 다시 읽는 iterable (gensim 의 LineSentence 처럼) 로도 같은 결과."""
    path = tmp_path / "corpus.txt"
    path.write_text("\n".join(" ".join(s) for s in tiny) + "\n", encoding="utf8")

    class LineCorpus:
        reads = 0

        def __iter__(self):
            LineCorpus.reads += 1
            with open(path, encoding="utf8") as fin:
                for line in fin:
                    yield line.split()

    params = {"vector_size": 10, "epochs": 3, "min_count": 1, "seed": 2}
    streamed = train_compiled(LineCorpus(), chunk_tokens=500, **params)
    in_memory = train_compiled(tiny, chunk_tokens=500, **params)
    assert LineCorpus.reads == 1 + 3  # 어휘 한 번 + 에폭마다 한 번
    np.testing.assert_array_equal(streamed.center_vectors, in_memory.center_vectors)
    with pytest.raises(TypeError, match="`sentences`"):  # 한 번만 훑는 iterator 는 둘째 에폭에 비어 버림
        train_compiled(iter(tiny), chunk_tokens=500, **params)


# ---------------------------------------------------------------------------
# 전체 학습: numpy 학습기와 맞대기
# ---------------------------------------------------------------------------


def test_loss_curve_matches_numpy_trainer(models):
    """에폭마다 평균 손실: 에폭마다 상대 차이 5% 이하, 마지막 세 에폭은 3% 이하."""
    numpy_model, compiled_model = models
    a, b = np.array(numpy_model.loss_history), np.array(compiled_model.loss_history)
    assert a.shape == b.shape == (PARAMS["epochs"],)
    rel = np.abs(a - b) / a
    assert rel.max() < 0.05, rel
    assert rel[-3:].max() < 0.03, rel
    assert b[-1] < b[0] - 1.0  # 실제로 배웠음


def test_same_counts_as_numpy_trainer(models):
    """같은 서브샘플링 식, 같은 줄어든 윈도우: 유효 단어와 쌍 수가 1% 안에서 같습니다."""
    numpy_model, compiled_model = models
    assert compiled_model.effective_words == pytest.approx(numpy_model.effective_words, rel=0.01)
    assert compiled_model.pairs_trained == pytest.approx(numpy_model.pairs_trained, rel=0.01)


def _group_accuracy(model, corpus):
    hits = [
        all(w in words for w, _ in model.most_similar(word, topn=3))
        for words in corpus.groups.values()
        for word in words
    ]
    return float(np.mean(hits))


def _analogy_accuracy(model, corpus):
    return float(np.mean([model.analogy(a, b, c)[0][0] == d for a, b, c, d in corpus.analogies]))


def test_evaluation_matches_numpy_trainer(models, corpus):
    """심어 둔 구조의 평가 (무리 이웃, 유추): 두 엔진 모두 0.9 이상, 차이 0.1 이하."""
    numpy_model, compiled_model = models
    for score in (_group_accuracy, _analogy_accuracy):
        a, b = score(numpy_model, corpus), score(compiled_model, corpus)
        assert b >= 0.9 and a >= 0.9
        assert abs(a - b) <= 0.1, (score.__name__, a, b)


def test_same_initial_vectors_as_numpy_trainer(tiny):
    """초기값은 numpy 학습기와 같습니다: 학습률이 거의 0 이면 두 엔진의 v 가 거의 같습니다."""
    params = {"vector_size": 20, "epochs": 1, "min_count": 1, "alpha": 1e-12, "min_alpha": 0.0, "seed": 4}
    a, b = train(tiny, **params), train_compiled(tiny, **params)
    np.testing.assert_allclose(a.center_vectors, b.center_vectors, atol=1e-9)
    assert np.abs(b.outside_vectors).max() < 1e-9


def test_compiled_model_attributes_and_determinism(models, corpus):
    _, model = models
    V = len(model.vocab)
    assert model.center_vectors.shape == (V, 50) and model.center_vectors.dtype == np.float32
    assert model.stats.engine == "compiled" and model.stats.workers == 1
    assert model.train_seconds > 0 and model.train_cpu_seconds > 0
    again = train_compiled(corpus.sentences, **PARAMS)
    np.testing.assert_array_equal(again.center_vectors, model.center_vectors)
    np.testing.assert_array_equal(again.outside_vectors, model.outside_vectors)
    assert again.loss_history == model.loss_history


def test_two_workers_learn_the_same_structure(corpus):
    model = train_compiled(corpus.sentences, workers=2, **PARAMS)
    assert _group_accuracy(model, corpus) >= 0.9
    assert _analogy_accuracy(model, corpus) >= 0.9
    assert model.stats.workers == 2


def test_divergence_is_reported(tiny):
    with pytest.raises(TrainingDiverged, match="발산.*alpha"):
        train_compiled(tiny, vector_size=10, epochs=2, min_count=1, alpha=1e20)


@pytest.mark.parametrize(
    ("sentences", "kwargs", "error", "pattern"),
    [
        ("the cat", {}, TypeError, "`sentences`"),
        ([["a", "b"], ["c"]], {"min_count": 5}, ValueError, "`sentences`.*`min_count`=5"),
        ([["a"], ["b"], ["a"]], {"min_count": 1}, ValueError, "`sentences`.*쌍을 하나도"),
        ([["a", "b"]], {"min_count": 1, "workers": 0}, ValueError, "`workers`=0"),
        ([["a", "b"]], {"min_count": 1, "chunk_tokens": -5}, ValueError, "`chunk_tokens`"),
        ([["a", "b"]], {"min_count": 1, "alpha": -1}, ValueError, "`alpha`"),
        ([["a", "b"]], {"vectorsize": 3}, TypeError, "알 수 없는 매개변수: `vectorsize`"),
    ],
)
def test_train_compiled_bad_input(sentences, kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        train_compiled(sentences, **kwargs)


# ---------------------------------------------------------------------------
# numba 가 없을 때, 캐시를 쓸 수 없을 때
# ---------------------------------------------------------------------------


def test_falls_back_to_numpy_and_says_so_once(monkeypatch, tiny):
    monkeypatch.setattr(compiled, "AVAILABLE", False)
    monkeypatch.setattr(compiled, "UNAVAILABLE_REASON", "numba 를 불러올 수 없습니다 (테스트)")
    monkeypatch.setattr(compiled, "_fallback_warned", False)
    params = {"vector_size": 10, "epochs": 2, "min_count": 1, "seed": 3}
    with pytest.warns(UserWarning, match="numpy 학습기로 학습합니다.*테스트"):
        model = train_compiled(tiny, **params)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = train_compiled(tiny, **params)  # 두 번째는 조용히
    reference = train(tiny, **params)
    np.testing.assert_array_equal(model.center_vectors, reference.center_vectors)
    np.testing.assert_array_equal(again.center_vectors, reference.center_vectors)
    with pytest.raises(RuntimeError, match="pip install numba"):
        train_chunk(*([None] * 11))


def test_choose_engine(monkeypatch):
    assert compiled.choose_engine("auto") == "compiled"
    assert compiled.choose_engine("compiled") == "compiled"
    assert compiled.choose_engine("numpy") == "numpy"
    with pytest.raises(ValueError, match="`engine`='numba'"):  # 이름은 입구 (sgns.train) 가 검사합니다
        train([["a", "b"]], engine="numba", min_count=1)
    monkeypatch.setattr(compiled, "AVAILABLE", False)
    monkeypatch.setattr(compiled, "_fallback_warned", False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert compiled.choose_engine("auto") == "numpy"  # 자동 선택은 조용히
    with pytest.warns(UserWarning, match="numpy 학습기"):
        assert compiled.choose_engine("compiled") == "numpy"


_CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    {patch}
    import sgns.engine.compiled as c
    assert c.__file__.startswith(sys.argv[1]), c.__file__
    from sgns.data import synthetic_corpus
    import sgns
    m = sgns.train(synthetic_corpus(200, seed=1).sentences, engine="compiled", vector_size=8, epochs=1, min_count=1)
    print("ok", m.pairs_trained > 0)
    """
)


def _run_child(tmp_path, env_update, patch=""):
    package = tmp_path / "pkg"
    shutil.copytree(REPO / "sgns", package / "sgns", ignore=shutil.ignore_patterns("__pycache__"))
    (package / "sgns" / "__pycache__").write_text("")  # 패키지 폴더에 캐시 폴더를 만들 수 없음 (읽기 전용 설치처럼)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **env_update}
    result = subprocess.run(
        [sys.executable, "-c", _CHILD.format(patch=patch), str(package)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok True"), result.stdout


def test_unwritable_cache_locations_do_not_crash(tmp_path):
    """어디에도 캐시를 쓸 수 없으면 캐시 없이 컴파일합니다 (root 도 만들 수 없는 경로: 파일 아래의 폴더)."""
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    _run_child(
        tmp_path,
        {
            "NUMBA_CACHE_DIR": str(blocker / "numba"),
            "XDG_CACHE_HOME": str(blocker / "cache"),
            "HOME": str(blocker / "home"),
        },
    )


def test_failed_cache_write_does_not_crash(tmp_path):
    """캐시 폴더는 있지만 파일 쓰기가 실패해도 (디스크가 가득 참 등) 학습은 계속됩니다."""
    patch = (
        "import numba.core.caching as caching\n"
        "def fail(*args, **kwargs):\n"
        "    raise OSError(28, 'No space left on device')\n"
        "caching.IndexDataCacheFile.save = fail\n"
    )
    _run_child(tmp_path, {"NUMBA_CACHE_DIR": str(tmp_path / "fresh-cache")}, patch=patch)
