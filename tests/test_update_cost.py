"""sgns.lessons.update_cost (2장): 계산량 세기 (40억 번, 200조 번, 건드리는 행, 계층적 소프트맥스의 트리),
시간 재기의 구조와 요약.

시간 값 자체는 검사하지 않습니다 (기계마다 다름). 구조, 셈, 요약의 산수만 봅니다.
"""

import math

import numpy as np
import pytest

from sgns.lessons.update_cost import (
    UpdateCost,
    compare_update_costs,
    context_predictions,
    count_rows_touched,
    dot_products_per_update,
    hierarchical_softmax_dot_products,
    huffman_code_lengths,
    korean_number,
    row_grid,
    softmax_corpus_operations,
    summarize_update_costs,
    time_per_call,
    touched_row_mask,
    update_speedup,
)
from sgns.neg_sampling import neg_sampling_loss_and_gradient
from sgns.softmax_loss import naive_softmax_loss_and_gradient

# --- 세기 ---------------------------------------------------------------------------------


def test_document_arithmetic_two_hundred_trillion():
    # 원문: 10억 단어, 윈도우 2 -> 위치마다 최대 4개 -> 40억 번, 각 50,000번 -> 약 200조 번
    assert context_predictions(10**9, 2) == 4 * 10**9
    ops = softmax_corpus_operations(10**9, 2, 50_000)
    assert ops == 2 * 10**14
    assert korean_number(ops) == "200조"
    assert korean_number(context_predictions(10**9, 2)) == "40억"


def test_dot_products_per_update_and_speedup():
    assert dot_products_per_update(50_000) == 50_000
    assert dot_products_per_update(50_000, negative=5) == 6
    assert update_speedup(50_000, 5) == pytest.approx(50_000 / 6)
    assert update_speedup(6, 5) == 1.0
    with pytest.raises(ValueError, match="negative"):
        update_speedup(100, 0)


@pytest.mark.parametrize(("value", "text"), [(50_000, "5만"), (12, "12"), (1.5e8, "1.5억"), (3 * 10**16, "3경"),
                                              (-2e12, "-2조"), (0.25, "0.25"), (np.int64(40), "40")])
def test_korean_number(value, text):
    assert korean_number(value) == text


@pytest.mark.parametrize(("kwargs", "name"), [({"vocab_size": 0}, "vocab_size"), ({"vocab_size": 10, "negative": 0},
                                                                                    "negative")])
def test_bad_input_names_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        dot_products_per_update(**kwargs)


def test_bad_types_and_non_finite_numbers():
    with pytest.raises(TypeError, match="window"):
        context_predictions(10, 2.5)
    with pytest.raises(TypeError, match="value"):
        korean_number("many")
    with pytest.raises(ValueError, match="유한"):
        korean_number(float("nan"))


def test_mask_marks_exactly_the_nonzero_rows_and_count_agrees():
    grad = np.zeros((7, 3))
    grad[2, 1] = 1e-300
    grad[5] = -1.0
    mask = touched_row_mask(grad)
    assert mask.dtype == bool and mask.shape == (7,)
    assert np.flatnonzero(mask).tolist() == [2, 5]
    assert count_rows_touched(grad) == 2
    assert count_rows_touched(np.zeros((4, 2))) == 0


def test_naive_softmax_touches_every_row_negative_sampling_only_k_plus_one():
    rng = np.random.default_rng(0)
    V, d, k = 300, 4, 5
    U = rng.normal(scale=0.1, size=(V, d))
    v_c = rng.normal(scale=0.1, size=d)
    picked = rng.choice(V, size=k + 1, replace=False)
    _, _, g_soft = naive_softmax_loss_and_gradient(v_c, int(picked[0]), U)
    _, _, g_neg = neg_sampling_loss_and_gradient(v_c, int(picked[0]), U, picked[1:])
    assert touched_row_mask(g_soft).all() and count_rows_touched(g_soft) == V
    assert sorted(np.flatnonzero(touched_row_mask(g_neg)).tolist()) == sorted(picked.tolist())
    assert count_rows_touched(g_neg) == k + 1


@pytest.mark.parametrize(
    ("grad", "error"),
    [(np.zeros(4), ValueError), (np.array([[np.nan, 0.0]]), ValueError), ("abc", TypeError)],
)
def test_bad_grad_gives_clear_error(grad, error):
    with pytest.raises(error, match="grad"):
        touched_row_mask(grad)
    with pytest.raises(error, match="grad"):
        count_rows_touched(grad)


def test_row_grid_places_word_w_at_row_w_div_width_and_pads_with_nan():
    mask = np.zeros(7, dtype=bool)
    mask[[0, 4, 6]] = True
    grid = row_grid(mask, width=3)
    assert grid.shape == (3, 3)
    assert grid[0, 0] == 1.0 and grid[1, 1] == 1.0 and grid[2, 0] == 1.0
    assert np.nansum(grid) == 3
    assert np.isnan(grid[2, 1:]).all() and not np.isnan(grid[:2]).any()
    full = row_grid(np.ones(2000, dtype=bool))
    assert full.shape == (40, 50) and (full == 1.0).all()


@pytest.mark.parametrize(
    ("mask", "width", "error"),
    [(np.zeros((2, 2)), 5, ValueError), (np.zeros(0), 5, ValueError), (np.zeros(4), 0, ValueError),
     (np.zeros(4), 2.5, TypeError)],
)
def test_row_grid_bad_input(mask, width, error):
    with pytest.raises(error):
        row_grid(mask, width)


# --- 계층적 소프트맥스: 트리의 경로 길이 --------------------------------------------------


@pytest.mark.parametrize(("V", "depth"), [(1, 0), (2, 1), (3, 2), (4, 2), (5, 3), (1024, 10), (1025, 11),
                                          (50_000, 16), (10**6, 20)])
def test_balanced_tree_path_is_ceil_log2_v(V, depth):
    assert hierarchical_softmax_dot_products(V) == depth
    assert depth == math.ceil(math.log2(V))


def test_balanced_tree_bad_input_names_the_parameter():
    with pytest.raises(ValueError, match="vocab_size"):
        hierarchical_softmax_dot_products(0)
    with pytest.raises(TypeError, match="vocab_size"):
        hierarchical_softmax_dot_products(2.5)


def _huffman_by_brute_force(weights):
    """모든 합치기 순서 가운데 가중 평균 길이가 가장 짧은 값 (작은 V 에서만; 허프만이 최적인지 확인용)."""
    best = math.inf

    def merge(items):  # items: (가중치, 잎들의 깊이 누적을 더한 가중 비용)
        nonlocal best
        if len(items) == 1:
            best = min(best, items[0][1])
            return
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                (wa, ca), (wb, cb) = items[i], items[j]
                rest = [x for n, x in enumerate(items) if n not in (i, j)]
                merge([*rest, (wa + wb, ca + cb + wa + wb)])

    merge([(float(w), 0.0) for w in weights])
    return best


def test_huffman_known_example_and_kraft_equality():
    assert huffman_code_lengths([1, 1, 2, 4]).tolist() == [3, 3, 2, 1]
    assert huffman_code_lengths([5, 5]).tolist() == [1, 1]
    assert huffman_code_lengths(np.ones(8)).tolist() == [3] * 8  # 같은 빈도 2^n 개: 균형 트리
    rng = np.random.default_rng(0)
    counts = rng.integers(1, 1_000, size=300)
    lengths = huffman_code_lengths(counts)
    assert lengths.dtype == np.int64 and lengths.shape == (300,) and lengths.min() >= 1
    assert np.sum(2.0 ** -lengths) == pytest.approx(1.0)  # 모든 안쪽 마디가 자식 둘: 완전 이진 트리


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_huffman_is_optimal_against_brute_force(seed):
    weights = np.random.default_rng(seed).integers(1, 20, size=6)
    lengths = huffman_code_lengths(weights)
    assert float(np.dot(weights, lengths)) == pytest.approx(_huffman_by_brute_force(weights))


def test_huffman_mean_length_is_between_entropy_and_entropy_plus_one_and_below_balanced_tree():
    V = 50_000
    counts = 1.0 / np.arange(1, V + 1)  # Zipf (빈도 ∝ 1/순위)
    p = counts / counts.sum()
    lengths = huffman_code_lengths(counts)
    mean = float(np.dot(p, lengths))
    entropy = float(-np.sum(p * np.log2(p)))
    assert entropy <= mean < entropy + 1  # 섀넌의 부호화 정리
    assert mean < hierarchical_softmax_dot_products(V)
    assert np.all(np.diff(lengths) >= 0)  # 드문 단어(뒤쪽)일수록 길이 길거나 같음
    assert lengths.max() > hierarchical_softmax_dot_products(V)  # 가장 드문 단어는 균형 트리보다 깊음


def test_huffman_zero_count_words_get_the_longest_paths():
    lengths = huffman_code_lengths([10, 0, 3, 7])
    assert lengths[1] == lengths.max()
    assert np.sum(2.0 ** -lengths) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("counts", "error", "match"),
    [([5], ValueError, "2개 이상"), ([1, -1], ValueError, "음수"), ([0, 0], ValueError, "모두 0"),
     ([1.0, float("nan")], ValueError, "NaN"), ("ab", TypeError, "counts"), (np.ones((2, 2)), ValueError, "1차원")],
)
def test_huffman_bad_input_names_the_parameter(counts, error, match):
    with pytest.raises(error, match=match):
        huffman_code_lengths(counts)


# --- 재기: 시간 값은 검사하지 않고 구조와 셈만 검사합니다 -------------------------------------


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
    with pytest.raises(ValueError, match="min_time"):
        time_per_call(len, "a", min_time=float("nan"))


def test_compare_update_costs_structure():
    rows = compare_update_costs([20, 300], dim=4, k=3, repeat=1)
    assert [r.V for r in rows] == [20, 300]
    for r in rows:
        assert isinstance(r, UpdateCost)
        assert r.softmax_rows_touched == r.V
        assert r.neg_rows_touched == 4  # k+1, 중복 없이 뽑음
        assert r.ideal == r.V / 4
        assert r.softmax_s > 0 and r.neg_s > 0
        assert math.isclose(r.speedup, r.softmax_s / r.neg_s)
        assert math.isclose(r.fraction_of_ideal, r.speedup / r.ideal)
    with pytest.raises(ValueError, match="vocab_sizes"):
        compare_update_costs([3], k=5)
    with pytest.raises(TypeError, match="vocab_sizes"):
        compare_update_costs(1000)
    with pytest.raises(ValueError, match="seed"):
        compare_update_costs([20], seed=-1)


def _row(V, softmax_s, neg_s, k=5):
    speedup, ideal = softmax_s / neg_s, V / (k + 1)
    return UpdateCost(V, softmax_s, neg_s, speedup, ideal, speedup / ideal, V, k + 1)


def test_summary_slope_one_for_proportional_times_and_two_for_quadratic():
    linear = [_row(V, 1e-8 * V, 1e-5) for V in (1_000, 10_000, 50_000)]
    s = summarize_update_costs(linear)
    assert s.softmax_slope == pytest.approx(1.0)
    assert s.neg_min_s == s.neg_max_s == pytest.approx(1e-5)
    assert s.vocab_ratio == pytest.approx(50.0)
    assert s.n == 3
    assert s.below_ideal == 3  # 1e-8 V / 1e-5 = V / 1000 < V / 6
    quadratic = [_row(V, 1e-12 * V**2, 2e-5 if V > 1_000 else 1e-5) for V in (1_000, 10_000)]
    s = summarize_update_costs(quadratic)
    assert s.softmax_slope == pytest.approx(2.0)
    assert (s.neg_min_s, s.neg_max_s) == (pytest.approx(1e-5), pytest.approx(2e-5))


def test_summary_counts_rows_below_ideal():
    rows = [_row(600, 1e-3, 1e-5), _row(6_000, 1e-3, 1e-5)]  # 속도 비 100: 이상 100 (같음), 1000 (작음)
    assert summarize_update_costs(rows).below_ideal == 1


def test_summary_on_a_real_measurement():
    costs = compare_update_costs([200, 2_000], dim=8, k=3, seed=0, repeat=1)
    s = summarize_update_costs(costs)
    assert np.isfinite(s.softmax_slope) and s.n == 2 and s.vocab_ratio == pytest.approx(10.0)
    assert 0 < s.neg_min_s <= s.neg_max_s


def test_summary_validates():
    with pytest.raises(ValueError, match="2개 이상"):
        summarize_update_costs([_row(1_000, 1e-3, 1e-5)])
    with pytest.raises(ValueError, match="2개 이상"):
        summarize_update_costs([_row(1_000, 1e-3, 1e-5), _row(1_000, 2e-3, 1e-5)])
    with pytest.raises(TypeError, match="costs"):
        summarize_update_costs([{"V": 10}])
    with pytest.raises(TypeError, match="costs"):
        summarize_update_costs(10)
    with pytest.raises(ValueError, match="0 보다"):
        summarize_update_costs([_row(1_000, 0.0, 1e-5), _row(2_000, 1e-3, 1e-5)])
