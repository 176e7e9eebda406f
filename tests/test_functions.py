"""sgns.functions: 시그모이드, 로그-시그모이드, 소프트맥스의 값과 안정성."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sgns.functions import log_sigmoid, sigmoid, softmax

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


def test_sigmoid_known_values():
    assert sigmoid(0.0) == 0.5
    assert math.isclose(sigmoid(2.0), 1 / (1 + math.exp(-2.0)), rel_tol=1e-15)
    assert math.isclose(sigmoid(-3.0), 1 / (1 + math.exp(3.0)), rel_tol=1e-15)
    np.testing.assert_allclose(sigmoid(np.array([-1.0, 0.0, 1.0])), 1 / (1 + np.exp([1.0, 0.0, -1.0])))


def test_log_sigmoid_known_values():
    assert math.isclose(log_sigmoid(0.0), -math.log(2.0), rel_tol=1e-15)
    assert math.isclose(log_sigmoid(1.5), math.log(1 / (1 + math.exp(-1.5))), rel_tol=1e-14)
    assert math.isclose(log_sigmoid(-40.0), -40.0 - math.log1p(math.exp(-40.0)), rel_tol=1e-15)


@pytest.mark.parametrize("big", [1e4, 1e6, 1e300])
def test_extremes_are_finite_without_warnings(big):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        x = np.array([-big, big])
        s = sigmoid(x)
        ls = log_sigmoid(x)
        assert np.all(np.isfinite(s)) and np.all(np.isfinite(ls))
        np.testing.assert_array_equal(s, [0.0, 1.0])
        assert ls[0] == -big
        assert ls[1] == 0.0
        assert log_sigmoid(-big) == -big
        assert sigmoid(big) == 1.0


def test_log_sigmoid_minus_1e4_is_exact():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert log_sigmoid(-1e4) == -1e4


def test_scalar_in_float_out_and_float32_kept():
    assert type(sigmoid(1)) is float
    assert type(log_sigmoid(np.float32(1.0))) is float
    assert type(sigmoid(np.array(0.5))) is float
    x32 = np.array([-1e4, -2.0, 0.0, 3.0, 1e4], dtype=np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sigmoid(x32).dtype == np.float32
        assert log_sigmoid(x32).dtype == np.float32
        assert softmax(x32).dtype == np.float32
        assert np.all(np.isfinite(log_sigmoid(x32)))


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 20), elements=finite))
def test_sigmoid_identities(x):
    s = sigmoid(x)
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(s + sigmoid(-x), 1.0, atol=1e-12)  # σ(x) + σ(-x) = 1
    ls = log_sigmoid(x)
    assert np.all(ls <= 0)
    np.testing.assert_allclose(ls - log_sigmoid(-x), x, rtol=1e-12, atol=1e-12)  # log σ(x) - log σ(-x) = x
    mid = np.abs(x) < 30  # log 를 그대로 써도 되는 범위에서 정의와 비교
    np.testing.assert_allclose(np.exp(ls[mid]), s[mid], rtol=1e-12)


def test_softmax_stable_and_normalized():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(softmax([1000.0, 1000.0]), [0.5, 0.5])
        p = softmax([1000.0, 0.0, -1000.0])
        assert np.all(np.isfinite(p))
        np.testing.assert_allclose(p, [1.0, 0.0, 0.0])
    x = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(softmax(x), np.exp(x) / np.exp(x).sum(), rtol=1e-15)
    np.testing.assert_allclose(softmax(x + 500.0), softmax(x), rtol=1e-12)  # 상수 이동 불변


def test_softmax_axis():
    x = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(softmax(x, axis=0).sum(axis=0), 1.0)
    np.testing.assert_allclose(softmax(x).sum(axis=1), 1.0)
    np.testing.assert_allclose(softmax(x, axis=0)[:, 0], softmax(x[:, 0]))


@settings(max_examples=150, deadline=None)
@given(arrays(np.float64, st.integers(1, 12), elements=st.floats(allow_nan=False, allow_infinity=False)))
def test_sigmoid_and_log_sigmoid_are_finite_for_every_finite_input(x):
    """e^{-|x|} 만 쓰므로 ±1.8e308 까지 어떤 유한한 입력에서도 유한하고, 경고도 없습니다."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s, ls = sigmoid(x), log_sigmoid(x)
    assert np.all(np.isfinite(s)) and np.all((0 <= s) & (s <= 1))
    assert np.all(np.isfinite(ls)) and np.all(ls <= 0)
