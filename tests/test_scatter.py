"""sgns.scatter: 중복 인덱스를 모두 더하는 scatter-add (np.add.at 과 같은 결과)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sgns.scatter as scatter_mod
from sgns.scatter import scatter_add, scatter_add_parts, unique_inverse


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
