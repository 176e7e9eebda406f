"""sgns.scatter: 중복 인덱스를 모두 더하는 scatter-add (np.add.at 과 같은 결과).

scipy 의 C 루프를 쓰는 길은 C 연속 배열에, 공개 API 만 쓰는 길은 그 밖의 배열 (예: Fortran 순서) 에 쓰입니다.
두 길을 모두 검사합니다.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sgns.scatter import scatter_add


def _layout(target, public_path):
    """public_path 이면 Fortran 순서 복사본 (C 루프를 못 쓰는 배열 -> 공개 API 길)."""
    return np.asfortranarray(target).copy(order="F") if public_path else target.copy()


@st.composite
def scatter_problem(draw):
    V = draw(st.integers(1, 12))
    d = draw(st.integers(1, 4))
    n = draw(st.integers(0, 40))
    idx = np.array(draw(st.lists(st.integers(0, V - 1), min_size=n, max_size=n)), dtype=np.int64)
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    return rng.standard_normal((V, d)), idx, rng.standard_normal((n, d))


@settings(max_examples=60, deadline=None)
@given(scatter_problem(), st.sampled_from([1.0, -0.5]), st.booleans())
def test_scatter_add_matches_add_at(problem, scale, public_path):
    target, idx, updates = problem
    expected = target.copy()
    np.add.at(expected, idx, scale * updates)
    got = _layout(target, public_path)
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
    if len(set(idx.tolist())) < len(idx):
        assert not np.allclose(naive, correct)
        for row in set(idx.tolist()):  # 행마다 naive 는 마지막 갱신 하나만 반영합니다
            last = np.flatnonzero(idx == row)[-1]
            np.testing.assert_allclose(naive[row], target[row] + updates[last])
    else:
        np.testing.assert_allclose(naive, correct)


def test_known_small_examples():
    W = np.zeros((3, 2))
    scatter_add(W, [0, 2, 0, 0], np.ones((4, 2)))
    np.testing.assert_array_equal(W, [[3, 3], [0, 0], [1, 1]])
    W_fancy = np.zeros((3, 2))
    W_fancy[[0, 2, 0, 0]] += np.ones((4, 2))
    np.testing.assert_array_equal(W_fancy, [[1, 1], [0, 0], [1, 1]])
    # 가중치 × 벡터: 행 row_idx[b, j] 에 weights[b, j] * vectors[b]
    W = np.zeros((3, 2))
    scatter_add(W, [[0, 2, 0], [0, 1, 1]], [[1.0, 0.0], [0.0, 1.0]], [[1.0, 2.0, 3.0], [1.0, 0.5, 0.5]])
    np.testing.assert_array_equal(W, [[4, 1], [0, 1], [2, 0]])


@st.composite
def weighted_problem(draw):
    V = draw(st.integers(1, 12))
    d = draw(st.integers(1, 4))
    B = draw(st.integers(0, 10))
    J = draw(st.integers(0, 4))
    row_idx = np.array(draw(st.lists(st.integers(0, V - 1), min_size=B * J, max_size=B * J)), dtype=np.int64)
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    return rng.standard_normal((V, d)), row_idx.reshape(B, J), rng.standard_normal((B, J)), rng.standard_normal((B, d))


@settings(max_examples=60, deadline=None)
@given(weighted_problem(), st.sampled_from([1.0, -0.25]), st.booleans())
def test_weighted_matches_add_at(problem, scale, public_path):
    """target[row_idx[b, j]] += scale * weights[b, j] * vectors[b] (중복은 모두 더함), 두 길 모두."""
    target, row_idx, weights, vectors = problem
    d = target.shape[1]
    expected = target.copy()
    updates = scale * weights[:, :, None] * vectors[:, None, :]
    np.add.at(expected, row_idx.reshape(-1), updates.reshape(-1, d))
    got = _layout(target, public_path)
    scatter_add(got, row_idx, vectors, weights, scale=scale)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("public_path", [False, True])
@pytest.mark.parametrize("V", [20, 10_000])  # V 가 갱신 수보다 훨씬 크면 공개 API 길은 np.unique 로 행을 찾음
def test_trainer_style_float32_update(public_path, V):
    """학습기처럼: 한 버퍼 (2V, d) float32 에 중심 쪽 (B,) 과 주변 쪽 (B, K+1) 갱신, 한 줄 안의 중복 포함."""
    rng = np.random.default_rng(3)
    d, B, K = 5, 40, 4
    weights0 = rng.standard_normal((2 * V, d)).astype(np.float32)
    centers = rng.integers(0, V, B)
    targets = rng.integers(0, V, (B, K + 1)) + V
    targets[:, 1] = targets[:, 0]
    coef = rng.standard_normal((B, K + 1)).astype(np.float32)
    center_rows = rng.standard_normal((B, d)).astype(np.float32)
    grad_center = rng.standard_normal((B, d)).astype(np.float32)
    want = weights0.astype(np.float64)
    np.add.at(want, centers, -0.1 * grad_center)
    np.add.at(want, targets.reshape(-1), (-0.1 * coef[:, :, None] * center_rows[:, None, :]).reshape(-1, d))
    got = _layout(weights0, public_path)
    scatter_add(got, centers, grad_center, scale=-0.1)
    scatter_add(got, targets, center_rows, coef, scale=-0.1)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
