"""sgns.softmax_demo: 기울기가 건드리는 행의 마스크."""

import numpy as np
import pytest

from sgns.neg_sampling import neg_sampling_loss_and_gradient
from sgns.softmax_demo import row_grid, touched_row_mask
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
