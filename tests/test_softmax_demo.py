"""sgns.softmax_demo: 기울기가 건드리는 행의 마스크."""

import numpy as np
import pytest

from sgns.neg_sampling import neg_sampling_loss_and_gradient
from sgns.softmax_demo import row_grid, summarize_update_costs, touched_row_mask
from sgns.softmax_loss import naive_softmax_loss_and_gradient
from sgns.timing import count_rows_touched


def test_mask_marks_exactly_the_nonzero_rows():
    grad = np.zeros((5, 3))
    grad[1, 2] = 0.5
    grad[4] = -1.0
    mask = touched_row_mask(grad)
    assert mask.dtype == bool and mask.shape == (5,)
    assert mask.tolist() == [False, True, False, False, True]


def test_naive_softmax_touches_every_row_negative_sampling_only_k_plus_one():
    rng = np.random.default_rng(0)
    V, d, k = 300, 4, 5
    U = rng.normal(scale=0.1, size=(V, d))
    v_c = rng.normal(scale=0.1, size=d)
    picked = rng.choice(V, size=k + 1, replace=False)
    _, _, g_soft = naive_softmax_loss_and_gradient(v_c, int(picked[0]), U)
    _, _, g_neg = neg_sampling_loss_and_gradient(v_c, int(picked[0]), U, picked[1:])
    assert touched_row_mask(g_soft).all()
    mask = touched_row_mask(g_neg)
    assert sorted(np.flatnonzero(mask).tolist()) == sorted(picked.tolist())
    assert mask.sum() == count_rows_touched(g_neg) == k + 1


@pytest.mark.parametrize(
    ("grad", "error"),
    [(np.zeros(4), ValueError), (np.array([[np.nan, 0.0]]), ValueError), ("abc", TypeError)],
)
def test_bad_input_gives_clear_error(grad, error):
    with pytest.raises(error):
        touched_row_mask(grad)


def test_row_grid_places_word_w_at_row_w_div_width_and_pads_with_nan():
    mask = np.zeros(7, dtype=bool)
    mask[[0, 4, 6]] = True
    grid = row_grid(mask, width=3)
    assert grid.shape == (3, 3)
    assert grid[0, 0] == 1.0 and grid[1, 1] == 1.0 and grid[2, 0] == 1.0
    assert np.nansum(grid) == 3
    assert np.isnan(grid[2, 1:]).all() and not np.isnan(grid[:2]).any()


def test_row_grid_exact_multiple_has_no_padding():
    grid = row_grid(np.ones(2000, dtype=bool))
    assert grid.shape == (40, 50) and (grid == 1.0).all()


@pytest.mark.parametrize(
    ("mask", "width", "error"),
    [(np.zeros((2, 2)), 5, ValueError), (np.zeros(0), 5, ValueError), (np.zeros(4), 0, ValueError),
     (np.zeros(4), 2.5, TypeError)],
)
def test_row_grid_bad_input(mask, width, error):
    with pytest.raises(error):
        row_grid(mask, width)


def _row(V, softmax_s, neg_s, k=5):
    return {"V": V, "softmax_s": softmax_s, "neg_s": neg_s, "speedup": softmax_s / neg_s, "ideal": V / (k + 1)}


def test_summary_slope_one_for_proportional_times_and_two_for_quadratic():
    linear = [_row(V, 1e-8 * V, 1e-5) for V in (1_000, 10_000, 50_000)]
    s = summarize_update_costs(linear)
    assert s["softmax_slope"] == pytest.approx(1.0)
    assert s["neg_min_s"] == s["neg_max_s"] == pytest.approx(1e-5)
    assert s["vocab_ratio"] == pytest.approx(50.0)
    assert s["n"] == 3
    assert s["below_ideal"] == 3  # 1e-8 V / 1e-5 = V / 1000 < V / 6
    quadratic = [_row(V, 1e-12 * V**2, 2e-5 if V > 1_000 else 1e-5) for V in (1_000, 10_000)]
    s = summarize_update_costs(quadratic)
    assert s["softmax_slope"] == pytest.approx(2.0)
    assert (s["neg_min_s"], s["neg_max_s"]) == (pytest.approx(1e-5), pytest.approx(2e-5))


def test_summary_counts_rows_at_or_above_ideal():
    rows = [_row(600, 1e-3, 1e-5), _row(6_000, 1e-3, 1e-5)]  # 속도 비 100: 이상 100 (같음), 1000 (작음)
    assert summarize_update_costs(rows)["below_ideal"] == 1


def test_summary_on_a_real_measurement():
    from sgns.timing import compare_update_costs

    costs = compare_update_costs([200, 2_000], dim=8, k=3, seed=0, repeat=1)
    s = summarize_update_costs(costs)
    assert np.isfinite(s["softmax_slope"]) and s["n"] == 2 and s["vocab_ratio"] == pytest.approx(10.0)
    assert 0 < s["neg_min_s"] <= s["neg_max_s"]


def test_summary_validates():
    with pytest.raises(ValueError, match="2개 이상"):
        summarize_update_costs([_row(1_000, 1e-3, 1e-5)])
    with pytest.raises(ValueError, match="2개 이상"):
        summarize_update_costs([_row(1_000, 1e-3, 1e-5), _row(1_000, 2e-3, 1e-5)])
    with pytest.raises(ValueError, match="costs"):
        summarize_update_costs([{"V": 10}])
    with pytest.raises(TypeError, match="costs"):
        summarize_update_costs({"V": 10})
    with pytest.raises(ValueError, match="0 보다"):
        summarize_update_costs([_row(1_000, 0.0, 1e-5), _row(2_000, 1e-3, 1e-5)])
