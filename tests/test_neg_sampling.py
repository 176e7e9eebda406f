"""sgns.neg_sampling: 네거티브 샘플링 손실·기울기 (교육용 밀집, 계수 형태, 배치 형태)."""

import math
import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sgns.gradient_check import check_loss_gradients, gradcheck
from sgns.neg_sampling import (
    BatchCoefficients,
    BatchGradients,
    SparseGradient,
    neg_sampling_batch,
    neg_sampling_coefficients,
    neg_sampling_loss_and_gradient,
    neg_sampling_sparse_gradient,
)


def _problem(seed, V, d, K, scale=1.0):
    rng = np.random.default_rng(seed)
    v = rng.normal(scale=scale, size=d)
    U = rng.normal(scale=scale, size=(V, d))
    o = int(rng.integers(V))
    negs = rng.integers(V, size=K)  # 중복 허용
    return v, o, U, negs


def _py_sigmoid(x):
    return 1 / (1 + math.exp(-x))


def _direct_loss(v, o, U, negs):
    """식 J = -log σ(u_o·v_c) - Σ_k log σ(-u_k·v_c) 를 순수 파이썬으로."""
    dot = lambda w: sum(float(a) * float(b) for a, b in zip(U[w], v, strict=True))  # noqa: E731
    return -math.log(_py_sigmoid(dot(o))) - sum(math.log(_py_sigmoid(-dot(int(k)))) for k in negs)


# --- 교육용 밀집 형태 ----------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 8), st.integers(1, 5), st.integers(1, 6))
def test_gradcheck_random_shapes(seed, V, d, K):
    v, o, U, negs = _problem(seed, V, d, K)
    errors = check_loss_gradients(neg_sampling_loss_and_gradient, v, o, U, negs)
    assert max(errors.center_vec, errors.outside_vectors) < 1e-6


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 10), st.integers(1, 6), st.integers(0, 7))
def test_loss_matches_direct_formula(seed, V, d, K):
    v, o, U, negs = _problem(seed, V, d, K, scale=0.8)
    loss, grad_c, grad_U = neg_sampling_loss_and_gradient(v, o, U, negs)
    assert type(loss) is float
    assert math.isclose(loss, _direct_loss(v, o, U, negs), rel_tol=1e-10, abs_tol=1e-12)
    assert grad_c.shape == (d,) and grad_U.shape == (V, d)
    touched = set(negs.tolist()) | {o}
    untouched = [w for w in range(V) if w not in touched]
    assert not np.any(grad_U[untouched])  # 건드리지 않은 행은 정확히 0


def test_duplicated_negatives_count_twice():
    rng = np.random.default_rng(0)
    U = rng.normal(size=(5, 3))
    v = rng.normal(size=3)
    once = neg_sampling_loss_and_gradient(v, 0, U, [3])
    twice = neg_sampling_loss_and_gradient(v, 0, U, [3, 3])
    # 네거티브 항 하나의 몫: 손실 -log σ(-u_3·v), 기울기 σ(u_3·v) v
    s3 = float(U[3] @ v)
    term_loss = -math.log(_py_sigmoid(-s3))
    term_grad = _py_sigmoid(s3) * v
    assert math.isclose(twice[0], once[0] + term_loss, rel_tol=1e-12)
    np.testing.assert_allclose(twice[2][3], 2 * term_grad, rtol=1e-12)
    np.testing.assert_allclose(twice[1], once[1] + _py_sigmoid(s3) * U[3], rtol=1e-12)

    # 흔한 실수 grad[idx] += ... 는 중복을 한 번만 더하므로 위 검사를 통과하지 못합니다
    buggy = np.zeros_like(U)
    buggy[np.array([3, 3])] += np.outer([_py_sigmoid(s3)] * 2, v)
    assert not np.allclose(buggy[3], twice[2][3])


def test_duplicate_of_outside_word_as_negative():
    """네거티브가 주변 단어와 같으면 같은 행에 두 항이 모두 더해집니다."""
    v, _, U, _ = _problem(5, 4, 3, 0)
    loss, _, grad_U = neg_sampling_loss_and_gradient(v, 2, U, [2])
    s = float(U[2] @ v)
    expected = (_py_sigmoid(s) - 1 + _py_sigmoid(s)) * v
    np.testing.assert_allclose(grad_U[2], expected, rtol=1e-12)
    assert math.isclose(loss, -math.log(_py_sigmoid(s)) - math.log(_py_sigmoid(-s)), rel_tol=1e-12)


def test_huge_scores_are_finite_without_warnings():
    U = np.array([[100.0, 0.0], [-100.0, 0.0], [100.0, 0.0]])
    v = np.array([100.0, 1.0])  # 점수 ±1e4
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss_good, g_c, g_U = neg_sampling_loss_and_gradient(v, 0, U, [1])  # 완벽한 예측
        loss_bad, _, _ = neg_sampling_loss_and_gradient(v, 1, U, [2])  # 최악의 예측
        batch = neg_sampling_batch(np.array([v]), U, [0], [1], [[2]])
    assert loss_good == 0.0
    assert math.isclose(loss_bad, 2e4, rel_tol=1e-12)
    assert math.isclose(float(batch.losses[0]), 2e4, rel_tol=1e-12)
    assert np.all(np.isfinite(g_c)) and np.all(np.isfinite(g_U))


def test_empty_negatives():
    v, o, U, _ = _problem(2, 4, 3, 0)
    loss, _, grad_U = neg_sampling_loss_and_gradient(v, o, U, np.array([], dtype=int))
    assert math.isclose(loss, -math.log(_py_sigmoid(float(U[o] @ v))), rel_tol=1e-12)
    assert np.count_nonzero(np.any(grad_U != 0, axis=1)) == 1


def test_float32_stays_float32():
    v, o, U, negs = _problem(3, 6, 4, 3)
    _, g_c, g_U = neg_sampling_loss_and_gradient(v.astype(np.float32), o, U.astype(np.float32), negs)
    assert g_c.dtype == np.float32 and g_U.dtype == np.float32
    res = neg_sampling_batch(U.astype(np.float32), U.astype(np.float32), [0, 1], [2, 3], [[1, 2, 3]] * 2)
    assert res.losses.dtype == np.float32
    assert res.grad_center.dtype == np.float32
    assert res.grad_targets.dtype == np.float32


# --- 한 쌍 희소 형태 -----------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 8), st.integers(1, 5), st.integers(0, 6))
def test_sparse_gradient_matches_direct_formula(seed, V, d, K):
    """희소 형태의 행들을 모으면 식 그대로의 밀집 기울기와 같습니다 (독립된 기준: 순수 파이썬 손실 + 수치 미분)."""
    v, o, U, negs = _problem(seed, V, d, K)
    res = neg_sampling_sparse_gradient(v, o, U, negs)
    assert isinstance(res, SparseGradient)
    assert res.target_idx.tolist() == [o, *negs.tolist()] and res.grad_targets.shape == (K + 1, d)
    assert math.isclose(res.loss, _direct_loss(v, o, U, negs), rel_tol=1e-10, abs_tol=1e-12)
    scattered = np.zeros_like(U)
    np.add.at(scattered, res.target_idx, res.grad_targets)
    _, g_c, g_U = neg_sampling_loss_and_gradient(v, o, U, negs)
    np.testing.assert_allclose(scattered, g_U, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(res.grad_center_vec, g_c, rtol=1e-12, atol=1e-14)

    def wrt_u(Ux):
        r = neg_sampling_sparse_gradient(v, o, Ux, negs)
        grad = np.zeros_like(Ux)
        np.add.at(grad, r.target_idx, r.grad_targets)
        return r.loss, grad

    assert gradcheck(wrt_u, U) < 1e-6
    assert gradcheck(lambda vx: (neg_sampling_sparse_gradient(vx, o, U, negs).loss,
                                 neg_sampling_sparse_gradient(vx, o, U, negs).grad_center_vec), v) < 1e-6


# --- 배치 형태 ---------------------------------------------------------------------------


def _batch_problem(seed, V, d, B, K):
    rng = np.random.default_rng(seed)
    C = rng.normal(size=(V, d))
    U = rng.normal(size=(V, d))
    c = rng.integers(V, size=B)
    o = rng.integers(V, size=B)
    negs = rng.integers(V, size=(B, K))
    negs[:, 0] = o  # 네거티브가 주변 단어와 같은 경우와
    if K > 1:
        negs[:, 1] = negs[:, -1]  # 한 쌍 안의 중복도 꼭 넣습니다
    return C, U, c, o, negs


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 9), st.integers(1, 5), st.integers(1, 12), st.integers(1, 5))
def test_batch_scatter_equals_sum_of_pairs(seed, V, d, B, K):
    C, U, c, o, negs = _batch_problem(seed, V, d, B, K)
    res = neg_sampling_batch(C, U, c, o, negs)
    assert isinstance(res, BatchGradients)
    assert res.losses.shape == (B,) and res.grad_center.shape == (B, d)
    assert res.target_idx.shape == (B, K + 1) and res.grad_targets.shape == (B, K + 1, d)
    np.testing.assert_array_equal(res.target_idx[:, 0], o)
    np.testing.assert_array_equal(res.target_idx[:, 1:], negs)

    want_C = np.zeros_like(C)
    want_U = np.zeros_like(U)
    for b in range(B):
        loss, g_c, g_U = neg_sampling_loss_and_gradient(C[c[b]], o[b], U, negs[b])
        assert math.isclose(res.losses[b], loss, rel_tol=1e-12, abs_tol=1e-14)
        np.testing.assert_allclose(res.grad_center[b], g_c, rtol=1e-12, atol=1e-14)
        want_C[c[b]] += g_c
        want_U += g_U
    got_C = np.zeros_like(C)
    got_U = np.zeros_like(U)
    np.add.at(got_C, c, res.grad_center)
    np.add.at(got_U, res.target_idx, res.grad_targets)
    np.testing.assert_allclose(got_C, want_C, rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(got_U, want_U, rtol=1e-12, atol=1e-13)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**31), st.integers(1, 8), st.integers(1, 5))
def test_batch_valid_mask_equals_dropping_negatives(seed, B, K):
    V, d = 7, 3
    C, U, c, o, negs = _batch_problem(seed, V, d, B, K)
    valid = negs != o[:, None]  # gensim 처럼 주변 단어와 같은 네거티브를 건너뜀
    res = neg_sampling_batch(C, U, c, o, negs, valid)
    for b in range(B):
        kept = negs[b][valid[b]]
        loss, g_c, g_U = neg_sampling_loss_and_gradient(C[c[b]], o[b], U, kept)
        assert math.isclose(res.losses[b], loss, rel_tol=1e-12, abs_tol=1e-14)
        np.testing.assert_allclose(res.grad_center[b], g_c, rtol=1e-12, atol=1e-14)
        row = np.zeros_like(U)
        np.add.at(row, res.target_idx[b], res.grad_targets[b])
        np.testing.assert_allclose(row, g_U, rtol=1e-12, atol=1e-14)
        assert not np.any(res.grad_targets[b, 1:][~valid[b]])


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 5), st.integers(1, 3), st.integers(1, 4), st.integers(1, 3))
def test_batch_gradcheck(seed, V, d, B, K):
    """배치 손실의 합 Σ_b J_b 를 두 행렬 C, U 의 함수로 보고 기울기 검사합니다."""
    C, U, c, o, negs = _batch_problem(seed, V, d, B, K)
    valid = np.random.default_rng(seed).random((B, K)) < 0.7

    def wrt_center(Cx):
        res = neg_sampling_batch(Cx, U, c, o, negs, valid)
        grad = np.zeros_like(Cx)
        np.add.at(grad, c, res.grad_center)
        return float(res.losses.sum()), grad

    def wrt_outside(Ux):
        res = neg_sampling_batch(C, Ux, c, o, negs, valid)
        grad = np.zeros_like(Ux)
        np.add.at(grad, res.target_idx, res.grad_targets)
        return float(res.losses.sum()), grad

    assert gradcheck(wrt_center, C) < 1e-6
    assert gradcheck(wrt_outside, U) < 1e-6


# --- 계수 형태 ---------------------------------------------------------------------------


def _coefficients(C, U, c, o, negs, valid=None):
    """계수 형태를 인덱스로 부르기: 쓰일 행을 모아 neg_sampling_coefficients 에 넘깁니다 (학습기와 같은 순서)."""
    target_idx = np.concatenate([o[:, None], negs], axis=1)
    return neg_sampling_coefficients(C[c], U[target_idx], valid)


def _grads_from_coefficients(C, U, c, o, negs, coef):
    """계수로 두 기울기를 만듭니다: ∂J/∂v_c = Σ_j coef_bj u_t, 행 t_bj 의 몫 = coef_bj v_c."""
    target_idx = np.concatenate([o[:, None], negs], axis=1)
    grad_center = np.einsum("bj,bjd->bd", coef, U[target_idx])
    grad_targets = coef[:, :, None] * C[c][:, None, :]
    return grad_center, target_idx, grad_targets


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 2**31), st.integers(2, 9), st.integers(1, 5), st.integers(0, 12), st.integers(1, 5), st.booleans()
)
def test_coefficients_reproduce_batch_gradients(seed, V, d, B, K, masked):
    """계수 × 벡터로 만든 기울기가 neg_sampling_batch 의 기울기, 그리고 한 쌍씩 밀집 계산한 기울기와 같습니다."""
    C, U, c, o, negs = _batch_problem(seed, V, d, B, K)  # 주변 단어와 같은 네거티브, 한 쌍 안의 중복 포함
    valid = (np.random.default_rng(seed).random((B, K)) < 0.7) if masked else None
    losses, coef = _coefficients(C, U, c, o, negs, valid)
    assert isinstance(losses, np.ndarray) and losses.shape == (B,) and coef.shape == (B, K + 1)
    res = neg_sampling_batch(C, U, c, o, negs, valid)
    grad_center, target_idx, grad_targets = _grads_from_coefficients(C, U, c, o, negs, coef)
    np.testing.assert_allclose(losses, res.losses, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(grad_center, res.grad_center, rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(target_idx, res.target_idx)
    np.testing.assert_allclose(grad_targets, res.grad_targets, rtol=1e-12, atol=1e-14)
    for b in range(B):  # 독립된 기준: 교육용 밀집 형태 (마스크로 뺀 네거티브는 아예 넣지 않음)
        kept = negs[b] if valid is None else negs[b][valid[b]]
        loss, g_c, g_U = neg_sampling_loss_and_gradient(C[c[b]], o[b], U, kept)
        assert math.isclose(losses[b], loss, rel_tol=1e-12, abs_tol=1e-14)
        np.testing.assert_allclose(grad_center[b], g_c, rtol=1e-12, atol=1e-14)
        row = np.zeros_like(U)
        np.add.at(row, target_idx[b], grad_targets[b])
        np.testing.assert_allclose(row, g_U, rtol=1e-12, atol=1e-14)
        if valid is not None:
            assert not np.any(coef[b, 1:][~valid[b]])


def test_coefficients_are_score_derivatives():
    """coef = [σ(s_o) - 1, σ(s_k)...] 를 순수 파이썬 식과 비교."""
    C, U, c, o, negs = _batch_problem(4, 6, 3, 5, 3)
    _, coef = _coefficients(C, U, c, o, negs)
    for b in range(5):
        s = [float(U[t] @ C[c[b]]) for t in [o[b], *negs[b]]]
        want = [_py_sigmoid(s[0]) - 1] + [_py_sigmoid(x) for x in s[1:]]
        np.testing.assert_allclose(coef[b], want, rtol=1e-12, atol=1e-15)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 5), st.integers(1, 3), st.integers(1, 4), st.integers(1, 3))
def test_coefficients_gradcheck(seed, V, d, B, K):
    """계수에서 만든 기울기로 Σ_b J_b 를 C, U 에 대해 기울기 검사합니다."""
    C, U, c, o, negs = _batch_problem(seed, V, d, B, K)
    valid = np.random.default_rng(seed).random((B, K)) < 0.7

    def wrt_center(Cx):
        losses, coef = _coefficients(Cx, U, c, o, negs, valid)
        grad_center, _, _ = _grads_from_coefficients(Cx, U, c, o, negs, coef)
        grad = np.zeros_like(Cx)
        np.add.at(grad, c, grad_center)
        return float(losses.sum()), grad

    def wrt_outside(Ux):
        losses, coef = _coefficients(C, Ux, c, o, negs, valid)
        _, target_idx, grad_targets = _grads_from_coefficients(C, Ux, c, o, negs, coef)
        grad = np.zeros_like(Ux)
        np.add.at(grad, target_idx, grad_targets)
        return float(losses.sum()), grad

    assert gradcheck(wrt_center, C) < 1e-6
    assert gradcheck(wrt_outside, U) < 1e-6


def test_coefficients_from_rows_float32_and_huge_scores():
    """모아 둔 행에서 바로: float32 는 float32 로, 점수 ±1e4 에서도 경고 없이 유한한 값."""
    center_rows = np.array([[100.0, 1.0], [100.0, 1.0]])
    target_rows = np.array([[[100.0, 0.0], [-100.0, 0.0]], [[-100.0, 0.0], [100.0, 0.0]]])  # 완벽 / 최악
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        losses, coef = neg_sampling_coefficients(center_rows, target_rows)
        losses32, coef32 = neg_sampling_coefficients(center_rows.astype(np.float32), target_rows.astype(np.float32))
    np.testing.assert_allclose(losses, [0.0, 2e4], rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(coef, [[0.0, 0.0], [-1.0, 1.0]], atol=1e-300)
    assert losses32.dtype == np.float32 and coef32.dtype == np.float32
    np.testing.assert_allclose(losses32, [0.0, 2e4], rtol=1e-6)


def test_coefficients_accept_a_float_mask_like_a_bool_mask():
    C, U, c, o, negs = _batch_problem(9, 20, 4, 16, 5)
    valid = negs != o[:, None]
    a = _coefficients(C, U, c, o, negs, valid)
    b = _coefficients(C, U, c, o, negs, valid.astype(np.float64))
    assert isinstance(a, BatchCoefficients)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x, y)
