"""sgns.softmax_loss (naive softmax 손실·기울기) 와 sgns.timing (갱신 비용 비교 도우미)."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sgns.gradcheck import check_loss_gradients
from sgns.softmax_loss import naive_softmax_loss_and_gradient, softmax_probabilities
from sgns.timing import compare_update_costs, count_rows_touched, time_per_call


def _problem(seed, V, d, scale=1.0):
    rng = np.random.default_rng(seed)
    return rng.normal(scale=scale, size=d), int(rng.integers(V)), rng.normal(scale=scale, size=(V, d))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 7), st.integers(1, 5))
def test_gradcheck_random_shapes(seed, V, d):
    v, o, U = _problem(seed, V, d)
    errors = check_loss_gradients(naive_softmax_loss_and_gradient, v, o, U)
    assert set(errors) == {"center_vec", "outside_vectors"}
    assert max(errors.values()) < 1e-6


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
    assert count_rows_touched(grad_U) == 50


def test_float32_inputs_keep_float32():
    v, o, U = _problem(4, 6, 3)
    _, grad_c, grad_U = naive_softmax_loss_and_gradient(v.astype(np.float32), o, U.astype(np.float32))
    assert grad_c.dtype == np.float32 and grad_U.dtype == np.float32


@pytest.mark.parametrize(
    "kwargs, exc, name",
    [
        (dict(center_vec=np.zeros(4)), ValueError, "center_vec"),  # d 불일치
        (dict(center_vec=np.zeros((1, 3))), ValueError, "center_vec"),  # 2차원
        (dict(center_vec=np.array([0.0, np.nan, 1.0])), ValueError, "center_vec"),
        (dict(outside_idx=5), IndexError, "outside_idx"),
        (dict(outside_idx=-1), IndexError, "outside_idx"),
        (dict(outside_idx=1.0), TypeError, "outside_idx"),
        (dict(outside_idx=True), TypeError, "outside_idx"),
        (dict(outside_vectors=np.zeros(3)), ValueError, "outside_vectors"),
        (dict(outside_vectors=np.full((5, 3), np.nan)), ValueError, "outside_vectors"),
    ],
)
def test_bad_input(kwargs, exc, name):
    args = dict(center_vec=np.ones(3), outside_idx=2, outside_vectors=np.ones((5, 3)))
    args.update(kwargs)
    with pytest.raises(exc, match=name) as info:
        naive_softmax_loss_and_gradient(**args)
    assert any("\uac00" <= ch <= "\ud7a3" for ch in str(info.value))  # 한국어 메시지
    if "outside_idx" not in kwargs:
        with pytest.raises(exc, match=name):
            softmax_probabilities(args["center_vec"], args["outside_vectors"])


# --- sgns.timing: 시간 값은 검사하지 않고 구조와 셈만 검사합니다 ---------------------------


def test_count_rows_touched():
    g = np.zeros((7, 3))
    g[2, 1] = 1e-300
    g[5] = -1.0
    assert count_rows_touched(g) == 2
    assert count_rows_touched(np.zeros((4, 2))) == 0
    with pytest.raises(ValueError, match="grad"):
        count_rows_touched(np.zeros(3))


def test_time_per_call_counts_calls_and_validates():
    calls = []
    t = time_per_call(calls.append, 1, repeat=3, min_time=1e-4)
    assert t > 0 and len(calls) >= 4  # 자동 범위 + 3번의 측정
    with pytest.raises(TypeError, match="fn"):
        time_per_call(3)
    with pytest.raises(ValueError, match="repeat"):
        time_per_call(len, "a", repeat=0)
    with pytest.raises(ValueError, match="min_time"):
        time_per_call(len, "a", min_time=-1.0)


def test_compare_update_costs_structure():
    rows = compare_update_costs([20, 300], dim=4, k=3, repeat=1)
    assert [r["V"] for r in rows] == [20, 300]
    for r in rows:
        assert set(r) == {
            "V", "softmax_s", "neg_s", "speedup", "ideal", "fraction_of_ideal",
            "softmax_rows_touched", "neg_rows_touched",
        }
        assert r["softmax_rows_touched"] == r["V"]
        assert r["neg_rows_touched"] == 4  # k+1, 중복 없이 뽑음
        assert r["ideal"] == r["V"] / 4
        assert math.isclose(r["speedup"], r["softmax_s"] / r["neg_s"])
        assert math.isclose(r["fraction_of_ideal"], r["speedup"] / r["ideal"])
    with pytest.raises(ValueError, match="vocab_sizes"):
        compare_update_costs([3], k=5)
    with pytest.raises(TypeError, match="vocab_sizes"):
        compare_update_costs(1000)
