"""03 연습문제의 확인 (sigmoid, log_sigmoid): 넘침은 경고가 아니라 값으로도 판정합니다."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import scipy.special
from checks_testing import SOLUTIONS, failing, passes

stable_sigmoid = SOLUTIONS["nb03-sigmoid"]

# ---------------------------------------------------------------------------
# sigmoid
# ---------------------------------------------------------------------------


def sigmoid_naive(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_naive_quiet(x):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def sigmoid_naive_filtered(x):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return 1 / (1 + np.exp(-x))


def sigmoid_where_both_branches(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sigmoid_sign(x):
    return 1 / (1 + np.exp(np.clip(x, -500, 500)))


def sigmoid_tanh_form(x):
    return 0.5 * (1 + np.tanh(x / 2))


def sigmoid_in_place(x):
    negative = x < 0
    x[negative] = np.exp(x[negative]) / (1 + np.exp(x[negative]))
    x[~negative] = 1 / (1 + np.exp(-x[~negative]))
    return x


def sigmoid_python_list(x):
    return [1 / (1 + math.exp(-v)) for v in x]  # 2차원 입력에서 TypeError


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (sigmoid_naive, "naive-formula"),
        (sigmoid_naive_quiet, "naive-formula"),
        (sigmoid_naive_filtered, "naive-formula"),
        (scipy.special.expit, "naive-formula"),  # expit 도 σ(-720) 을 0 으로 냅니다
        (sigmoid_where_both_branches, "overflow-warning"),
        (sigmoid_sign, "sign"),
        (sigmoid_tanh_form, "tanh-form"),
        (np.tanh, "wrong-function"),
        (sigmoid_in_place, "modified-input"),
        (sigmoid_python_list, "exception"),
    ],
    ids=["naive", "errstate", "filtered", "expit", "where", "sign", "tanh-form", "tanh", "in-place", "list"],
)
def test_sigmoid_mistakes_are_named(fn, category):
    failing("nb03-sigmoid", fn, category)


def test_naive_sigmoid_fails_on_the_value_at_minus_720_even_without_warnings():
    record = failing("nb03-sigmoid", sigmoid_naive_quiet, "naive-formula")
    tiny = next(c for c in record.cases if c.id == "tiny-probabilities")
    assert tiny.status == "fail"
    assert "2.032e-313" in record.message and "받은 값 [0.0, 0.0," in record.message


def test_numpy_global_error_setting_does_not_change_the_verdict():
    old = np.seterr(all="ignore")
    try:
        failing("nb03-sigmoid", sigmoid_naive, "naive-formula")
    finally:
        np.seterr(**old)


def sigmoid_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -x))


def sigmoid_float32(x):
    x = np.asarray(x, dtype=np.float32)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(np.float32)


def sigmoid_scalar_loop(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    for index, value in np.ndenumerate(x):
        out[index] = 1 / (1 + math.exp(-value)) if value >= 0 else math.exp(value) / (1 + math.exp(value))
    return out


@pytest.mark.parametrize("fn", [sigmoid_logaddexp, sigmoid_float32, sigmoid_scalar_loop])
def test_sigmoid_alternatives_pass(fn):
    passes("nb03-sigmoid", fn)


# ---------------------------------------------------------------------------
# log_sigmoid
# ---------------------------------------------------------------------------


def log_of_stable_sigmoid(x):
    """σ(x) 를 안정하게 계산해도, log 를 따로 씌우면 x = -1e4 에서 σ = 0 -> -inf."""
    with np.errstate(divide="ignore"):
        return np.log(stable_sigmoid(x))


def log1p_of_exp(x):
    return -np.log1p(np.exp(-x))


def log1p_of_exp_quiet(x):
    with np.errstate(over="ignore"):
        return -np.log1p(np.exp(-x))


def log_sigmoid_where(x):
    return np.where(x >= 0, -np.log1p(np.exp(-x)), x - np.log1p(np.exp(x)))


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (log_of_stable_sigmoid, "log-of-sigmoid"),
        (log1p_of_exp, "exp-overflow"),
        (log1p_of_exp_quiet, "exp-overflow"),
        (lambda x: np.log(1 / (1 + np.exp(-x))), "exp-overflow"),
        (lambda x: SOLUTIONS["nb03-log-sigmoid"](-x), "sign"),
        (lambda x: -SOLUTIONS["nb03-log-sigmoid"](x), "negated"),
        (lambda x: -np.log1p(np.exp(-np.abs(x))), "missing-min"),
        (lambda x: np.maximum(x, 0) - np.log1p(np.exp(-np.abs(x))), "max-instead-of-min"),
        (stable_sigmoid, "missing-log"),
        (log_sigmoid_where, "overflow-warning"),
    ],
    ids=["log-sigmoid", "log1p-exp", "log1p-exp-quiet", "log-naive", "sign", "negated", "no-min", "max", "no-log",
         "where"],
)  # fmt: skip
def test_log_sigmoid_mistakes_are_named(fn, category):
    failing("nb03-log-sigmoid", fn, category)


def test_log_of_sigmoid_fails_on_values_at_minus_1e4_whatever_the_warnings():
    record = failing("nb03-log-sigmoid", log_of_stable_sigmoid, "log-of-sigmoid")
    assert "기대한 값 [-10000.0, -1000.0, -720.0," in record.message
    assert "받은 값 [-inf, -inf, -720.0," in record.message


def log_sigmoid_brief_formula(x):
    """min(x, 0) - log(1 + e^{-|x|}) 를 log 로 (log1p 없이) 그대로."""
    return np.minimum(x, 0) - np.log(1 + np.exp(-np.abs(x)))


def log_sigmoid_logaddexp(x):
    return -np.logaddexp(0.0, -np.asarray(x, dtype=float))


def log_sigmoid_float32(x):
    x = np.asarray(x, dtype=np.float32)
    return (np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))).astype(np.float32)


@pytest.mark.parametrize(
    "fn", [log_sigmoid_brief_formula, log_sigmoid_logaddexp, log_sigmoid_float32, scipy.special.log_expit]
)
def test_log_sigmoid_alternatives_pass(fn):
    passes("nb03-log-sigmoid", fn)
