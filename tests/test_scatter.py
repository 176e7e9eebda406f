"""sgns.scatter: 중복 인덱스를 모두 더하는 scatter-add (np.add.at 과 같은 결과)."""

import contextlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sgns.scatter as scatter_mod
from sgns.scatter import scatter_add, scatter_add_parts, scatter_add_weighted, unique_inverse


@st.composite
def scatter_problem(draw):
    V = draw(st.integers(1, 12))
    d = draw(st.integers(1, 4))
    n = draw(st.integers(0, 40))
    idx = np.array(draw(st.lists(st.integers(0, V - 1), min_size=n, max_size=n)), dtype=np.int64)
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    target = rng.standard_normal((V, d))
    updates = rng.standard_normal((n, d))
    return target, idx, updates


@settings(max_examples=60, deadline=None)
@given(scatter_problem(), st.sampled_from([1.0, -0.5]))
def test_scatter_add_matches_add_at(problem, scale):
    target, idx, updates = problem
    expected = target.copy()
    np.add.at(expected, idx, scale * updates)
    got = target.copy()
    scatter_add(got, idx, updates, scale=scale)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(scatter_problem())
def test_fancy_index_add_drops_duplicates(problem):
    """``W[idx] += upd`` 는 같은 행의 갱신 중 하나만 남깁니다. scatter_add 는 모두 더합니다."""
    target, idx, updates = problem
    naive = target.copy()
    naive[idx] += updates
    correct = target.copy()
    scatter_add(correct, idx, updates)
    has_duplicates = len(set(idx.tolist())) < len(idx)
    if has_duplicates:
        assert not np.allclose(naive, correct)
        # 행마다 naive 는 마지막 갱신 하나만 반영합니다
        for row in set(idx.tolist()):
            last = np.flatnonzero(idx == row)[-1]
            np.testing.assert_allclose(naive[row], target[row] + updates[last])
    else:
        np.testing.assert_allclose(naive, correct)


def test_known_small_example():
    W = np.zeros((3, 2))
    scatter_add(W, [0, 2, 0, 0], np.ones((4, 2)))
    np.testing.assert_array_equal(W, [[3, 3], [0, 0], [1, 1]])
    W_fancy = np.zeros((3, 2))
    W_fancy[[0, 2, 0, 0]] += np.ones((4, 2))
    np.testing.assert_array_equal(W_fancy, [[1, 1], [0, 0], [1, 1]])


@pytest.mark.parametrize("fast", [True, False])
def test_parts_float32_both_paths(monkeypatch, fast):
    """두 묶음(중심 쪽 (B,), 주변 쪽 (B, K+1)) 을 한 버퍼에 더하기: C 루프 길과 공개 API 길이 같은 답."""
    if not fast:
        monkeypatch.setattr(scatter_mod, "_csc_matvecs", None)
    rng = np.random.default_rng(0)
    V, d, B, K = 20, 5, 30, 3
    weights = rng.standard_normal((2 * V, d)).astype(np.float32)
    centers = rng.integers(0, V, B)
    targets = rng.integers(0, V, (B, K + 1))
    g_center = rng.standard_normal((B, d)).astype(np.float32)
    g_targets = rng.standard_normal((B, K + 1, d)).astype(np.float32)
    expected = weights.astype(np.float64)
    np.add.at(expected, centers, -0.1 * g_center)
    np.add.at(expected, (targets + V).reshape(-1), -0.1 * g_targets.reshape(-1, d))
    scatter_add_parts(weights, [centers, targets + V], [g_center, g_targets], scale=-0.1)
    assert weights.dtype == np.float32
    np.testing.assert_allclose(weights, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("size", [10, 10_000])
def test_unique_inverse(size):
    rng = np.random.default_rng(1)
    idx = rng.integers(0, 10, 50)  # size=10 이면 표시 배열, 10_000 이면 np.unique 길
    uniq, inverse = unique_inverse(idx, size)
    np.testing.assert_array_equal(uniq, np.unique(idx))
    np.testing.assert_array_equal(uniq[inverse], idx)


def test_bad_inputs_have_korean_messages():
    W = np.zeros((3, 2))
    with pytest.raises(IndexError, match="`idx`.*범위"):
        scatter_add(W, [0, 3], np.ones((2, 2)))
    with pytest.raises(ValueError, match="`updates`의 형태"):
        scatter_add(W, [0, 1], np.ones((3, 2)))
    with pytest.raises(TypeError, match="`target`"):
        scatter_add([[0.0, 0.0]], [0], np.ones((1, 2)))
    with pytest.raises(TypeError, match="`idx`"):
        scatter_add(W, [0.5], np.ones((1, 2)))


# --- 가중치 × 벡터 꼴의 갱신 ----------------------------------------------------------------


@st.composite
def weighted_problem(draw):
    V = draw(st.integers(1, 12))
    d = draw(st.integers(1, 4))
    B = draw(st.integers(0, 10))
    J = draw(st.integers(0, 4))
    row_idx = np.array(draw(st.lists(st.integers(0, V - 1), min_size=B * J, max_size=B * J)), dtype=np.int64)
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    target = rng.standard_normal((V, d))
    weights = rng.standard_normal((B, J))
    vectors = rng.standard_normal((B, d))
    return target, row_idx.reshape(B, J), weights, vectors


@contextlib.contextmanager
def _public_api_only(enabled):
    """enabled 이면 scipy 의 C 루프 없이 공개 API 길로만 계산하게 합니다."""
    saved = scatter_mod._csc_matvecs
    if enabled:
        scatter_mod._csc_matvecs = None
    try:
        yield
    finally:
        scatter_mod._csc_matvecs = saved


@settings(max_examples=60, deadline=None)
@given(weighted_problem(), st.sampled_from([1.0, -0.25]), st.booleans())
def test_scatter_add_weighted_matches_add_at(problem, scale, public_only):
    """target[row_idx[b, j]] += scale * weights[b, j] * vectors[b] (중복은 모두 더함), C 루프 길과 공개 API 길 모두."""
    target, row_idx, weights, vectors = problem
    d = target.shape[1]
    expected = target.copy()
    updates = scale * weights[:, :, None] * vectors[:, None, :]
    np.add.at(expected, row_idx.reshape(-1), updates.reshape(-1, d))
    got = target.copy()
    with _public_api_only(public_only):
        scatter_add_weighted(got, row_idx, weights, vectors, scale=scale)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("public_only", [False, True])
def test_weighted_float32_buffer_equals_parts(public_only):
    """학습기의 주변 단어 쪽 갱신: (B, K+1, d) 갱신을 만들어 scatter_add_parts 로 더한 것과 같은 답 (float32)."""
    rng = np.random.default_rng(3)
    V, d, B, K = 20, 5, 40, 4
    weights0 = rng.standard_normal((2 * V, d)).astype(np.float32)
    targets = rng.integers(0, V, (B, K + 1)) + V
    targets[:, 1] = targets[:, 0]  # 한 줄 안의 중복
    coef = rng.standard_normal((B, K + 1)).astype(np.float32)
    center_rows = rng.standard_normal((B, d)).astype(np.float32)
    want = weights0.copy()
    scatter_add_parts(want, [targets], [coef[:, :, None] * center_rows[:, None, :]], scale=-0.1)
    got = weights0.copy()
    with _public_api_only(public_only):
        scatter_add_weighted(got, targets, coef, center_rows, scale=-0.1, check=False)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert not np.allclose(got, weights0)


def test_weighted_known_small_example():
    W = np.zeros((3, 2))
    scatter_add_weighted(W, [[0, 2, 0], [0, 1, 1]], [[1.0, 2.0, 3.0], [1.0, 0.5, 0.5]], [[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_array_equal(W, [[4, 1], [0, 1], [2, 0]])


def test_weighted_bad_inputs_have_korean_messages():
    W = np.zeros((3, 2))
    with pytest.raises(IndexError, match="`row_idx`.*범위"):
        scatter_add_weighted(W, [[0, 3]], [[1.0, 1.0]], [[1.0, 1.0]])
    with pytest.raises(ValueError, match="`row_idx`"):
        scatter_add_weighted(W, [0, 1], [[1.0, 1.0]], [[1.0, 1.0]])
    with pytest.raises(ValueError, match="`weights`의 형태"):
        scatter_add_weighted(W, [[0, 1]], [[1.0, 1.0, 1.0]], [[1.0, 1.0]])
    with pytest.raises(ValueError, match="`vectors`의 형태"):
        scatter_add_weighted(W, [[0, 1]], [[1.0, 1.0]], [[1.0, 1.0, 1.0]])
    with pytest.raises(TypeError, match="`target`"):
        scatter_add_weighted([[0.0, 0.0]], [[0]], [[1.0]], [[1.0, 1.0]])
