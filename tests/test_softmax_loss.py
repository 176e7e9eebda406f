"""sgns.softmax_loss: naive softmax 손실·기울기와 확률."""

import math
import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sgns.gradient_check import check_loss_gradients
from sgns.softmax_loss import naive_softmax_loss_and_gradient, softmax_probabilities


def _problem(seed, V, d, scale=1.0):
    rng = np.random.default_rng(seed)
    return rng.normal(scale=scale, size=d), int(rng.integers(V)), rng.normal(scale=scale, size=(V, d))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 7), st.integers(1, 5))
def test_gradcheck_random_shapes(seed, V, d):
    v, o, U = _problem(seed, V, d)
    errors = check_loss_gradients(naive_softmax_loss_and_gradient, v, o, U)
    assert max(errors.center_vec, errors.outside_vectors) < 1e-6


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31), st.integers(1, 9), st.integers(1, 6))
def test_loss_matches_brute_force(seed, V, d):
    v, o, U = _problem(seed, V, d, scale=0.7)
    loss, grad_c, grad_U = naive_softmax_loss_and_gradient(v, o, U)
    s = [sum(float(U[w, i]) * float(v[i]) for i in range(d)) for w in range(V)]  # 순수 파이썬 점수
    brute = -math.log(math.exp(s[o]) / sum(math.exp(x) for x in s))
    assert type(loss) is float
    assert math.isclose(loss, brute, rel_tol=1e-10, abs_tol=1e-12)
    assert grad_c.shape == (d,) and grad_U.shape == (V, d)
    # ∂J/∂U 의 행 합 규칙: Σ_w ∂J/∂u_w = (Σ_w ŷ_w - 1) v_c = 0
    np.testing.assert_allclose(grad_U.sum(axis=0), 0.0, atol=1e-12)


def test_probabilities_sum_to_one_and_match_loss():
    v, o, U = _problem(1, 12, 4)
    p = softmax_probabilities(v, U)
    assert p.shape == (12,)
    assert math.isclose(p.sum(), 1.0, rel_tol=1e-12)
    loss, _, _ = naive_softmax_loss_and_gradient(v, o, U)
    assert math.isclose(loss, -math.log(p[o]), rel_tol=1e-12)


def test_huge_scores_are_finite():
    U = np.array([[1000.0], [999.0], [-1000.0]])
    v = np.array([10.0])  # 점수 1e4, 9990, -1e4
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss, grad_c, grad_U = naive_softmax_loss_and_gradient(v, 1, U)
        p = softmax_probabilities(v, U)
    assert math.isclose(loss, 10.0 + math.log1p(math.exp(-10.0)), rel_tol=1e-12)  # s_0 - s_1 = 10
    assert np.all(np.isfinite(grad_c)) and np.all(np.isfinite(grad_U)) and np.all(np.isfinite(p))


def test_dense_gradient_touches_every_row():
    v, o, U = _problem(3, 50, 8, scale=0.1)
    _, _, grad_U = naive_softmax_loss_and_gradient(v, o, U)
    assert np.count_nonzero(np.any(grad_U != 0, axis=1)) == 50


def test_float32_inputs_keep_float32():
    v, o, U = _problem(4, 6, 3)
    _, grad_c, grad_U = naive_softmax_loss_and_gradient(v.astype(np.float32), o, U.astype(np.float32))
    assert grad_c.dtype == np.float32 and grad_U.dtype == np.float32
