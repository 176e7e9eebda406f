"""sgns.gradcheck: 맞는 기울기는 통과시키고, 틀린 기울기와 무의미한 검사는 잡아내는지."""

import numpy as np
import pytest

from sgns.gradient_check import GradientErrors, check_loss_gradients, gradcheck
from sgns.neg_sampling import neg_sampling_loss_and_gradient
from sgns.softmax_loss import naive_softmax_loss_and_gradient


def quad(x):
    return float(np.sum(x**2)), 2 * x


def test_correct_gradient_passes_and_returns_max_error():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    err = gradcheck(quad, x)
    assert isinstance(err, float)
    assert 0.0 <= err < 1e-8


def test_cubic_and_scalar_like_shapes():
    f = lambda x: (float(np.sum(x**3)), 3 * x**2)  # noqa: E731
    assert gradcheck(f, np.array([0.3])) < 1e-6
    assert gradcheck(f, np.linspace(-2, 2, 7)) < 1e-6


def test_wrong_gradient_is_caught_with_index_and_values():
    def wrong(x):
        g = 2 * x
        g[1, 0] += 0.5  # 한 원소만 틀림
        return float(np.sum(x**2)), g

    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    with pytest.raises(AssertionError, match=r"\(1, 0\)") as info:
        gradcheck(wrong, x)
    msg = str(info.value)
    assert "기울기 검사 실패" in msg
    assert "1.5" in msg  # 해석 기울기 2*0.5 + 0.5
    assert "수치 기울기 1" in msg  # 수치 기울기 ≈ 1.0


def test_wrong_sign_in_loss_gradient_is_caught():
    """손실 함수의 흔한 실수(네거티브 항 부호)를 check_loss_gradients 가 잡는지."""

    def wrong_sign(center_vec, outside_idx, outside_vectors, negative_indices):
        loss, g_c, g_U = neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, negative_indices)
        return loss, -g_c, g_U

    rng = np.random.default_rng(0)
    with pytest.raises(AssertionError, match="인덱스"):
        check_loss_gradients(wrong_sign, rng.normal(size=3), 1, rng.normal(size=(4, 3)), np.array([0, 2]))


def test_vacuous_zero_function_is_refused():
    with pytest.raises(ValueError, match="0"):
        gradcheck(lambda x: (0.0, np.zeros_like(x)), np.ones(3))


def test_zero_gradient_at_a_minimum_is_not_vacuous():
    # loss 가 0 이 아니거나 주변에서 변하면 검사는 의미가 있습니다 (예: x=0 에서의 x²+1)
    assert gradcheck(lambda x: (float(np.sum(x**2) + 1), 2 * x), np.zeros(2)) < 1e-8


def test_zero_analytic_gradient_where_function_changes_fails():
    with pytest.raises(AssertionError):
        gradcheck(lambda x: (float(np.sum(x)), np.zeros_like(x)), np.zeros(2))


def test_input_not_mutated_and_int_input_accepted():
    x = np.array([1, 2, 3])
    gradcheck(quad, x)
    np.testing.assert_array_equal(x, [1, 2, 3])

    def mutating(x):
        out = quad(x)
        x[...] = 0  # 받은 배열을 바꿔도 검사가 망가지지 않아야 함
        return out

    assert gradcheck(mutating, np.array([1.0, -1.0])) < 1e-8


def test_check_loss_gradients_on_both_losses():
    rng = np.random.default_rng(42)
    v, U = rng.normal(size=4), rng.normal(size=(6, 4))
    e1 = check_loss_gradients(naive_softmax_loss_and_gradient, v, 2, U)
    e2 = check_loss_gradients(neg_sampling_loss_and_gradient, v, 2, U, np.array([0, 5, 5]))
    for e in (e1, e2):
        assert isinstance(e, GradientErrors)
        assert 0 <= e.center_vec < 1e-6 and 0 <= e.outside_vectors < 1e-6


@pytest.mark.parametrize(
    "args, kwargs, exc, name",
    [
        ((3, np.ones(2)), {}, TypeError, "`f`"),
        ((quad, np.array([1.0, np.nan])), {}, ValueError, "`x`"),
        ((quad, np.zeros(0)), {}, ValueError, "`x`"),
        ((quad, np.ones(2)), dict(h=0.0), ValueError, "`h`"),
        ((quad, np.ones(2)), dict(h=-1e-4), ValueError, "`h`"),
        ((quad, np.ones(2)), dict(tol="big"), TypeError, "`tol`"),
        ((lambda x: 1.0, np.ones(2)), {}, TypeError, "`f`"),
        ((lambda x: (1.0, np.ones(3)), np.ones(2)), {}, ValueError, "grad"),
        ((lambda x: (np.ones(2), x), np.ones(2)), {}, TypeError, "loss"),
    ],
)
def test_bad_input_gradcheck(args, kwargs, exc, name):
    with pytest.raises(exc, match=name):
        gradcheck(*args, **kwargs)


@pytest.mark.parametrize(
    "args, exc, name",
    [
        ((None, np.ones(3), 0, np.ones((4, 3))), TypeError, "loss_fn"),
        ((naive_softmax_loss_and_gradient, np.ones(2), 0, np.ones((4, 3))), ValueError, "center_vec"),
        ((naive_softmax_loss_and_gradient, np.ones(3), 0.0, np.ones((4, 3))), TypeError, "outside_idx"),
        ((naive_softmax_loss_and_gradient, np.ones(3), 9, np.ones((4, 3))), IndexError, "outside_idx"),
        ((naive_softmax_loss_and_gradient, np.ones(3), 0, np.ones(3)), ValueError, "outside_vectors"),
        ((lambda v, o, U: (0.0, v), np.ones(3), 0, np.ones((4, 3))), TypeError, "loss_fn"),
    ],
)
def test_bad_input_check_loss_gradients(args, exc, name):
    with pytest.raises(exc, match=name):
        check_loss_gradients(*args)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_gradient_fails_instead_of_passing(bad):
    """NaN 과의 비교는 언제나 거짓이라 '오차 > tol' 로는 잡히지 않습니다: NaN·inf 기울기는 그 자체로 실패."""
    with pytest.raises(ValueError, match=r"`f`.*grad\[0\]=(nan|inf|-inf)"):
        gradcheck(lambda x: (float((x**2).sum()), x * bad), np.ones(3))


def test_nan_in_one_element_of_the_gradient_is_reported_with_its_index():
    def one_nan(x):
        g = 2 * x
        g[1, 0] = np.nan
        return float((x**2).sum()), g

    with pytest.raises(ValueError, match=r"grad\[\(1, 0\)\]=nan"):
        gradcheck(one_nan, np.ones((2, 2)))


def test_non_finite_loss_or_numerical_estimate_fails():
    with pytest.raises(ValueError, match="loss=nan"):
        gradcheck(lambda x: (float("nan"), 2 * x), np.ones(2))
    # J(x ± h) 는 유한하지만 차이가 float64 를 넘음 -> 수치 기울기가 inf
    with pytest.raises(ValueError, match="수치 기울기가 유한하지 않습니다"):
        gradcheck(lambda x: (float(x[0]) * 1e308, np.array([1e308])), np.array([0.0]), h=1.0)


def test_loss_function_with_wrong_arity_is_named():
    with pytest.raises(TypeError, match="`loss_fn`.*부를 수 없습니다"):
        check_loss_gradients(lambda v, o: (0.0, v, v), np.ones(2), 0, np.ones((3, 2)))
