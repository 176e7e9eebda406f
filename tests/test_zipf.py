"""sgns.lessons.zipf (5장): 순위-빈도, Zipf 지수 적합, 빈도 구간, 잡음 분포에서 구간이 받는 몫."""

import numpy as np
import pytest

from sgns.lessons.zipf import (
    ZipfFit,
    fit_zipf,
    frequency_groups,
    rank_count_ratio,
    rank_frequency,
    share_of_noise,
)
from sgns.sampling import noise_distribution

# ---------------------------------------------------------------- rank_frequency


def test_rank_frequency_sorts_descending_and_drops_zeros():
    ranks, sorted_counts = rank_frequency([3, 0, 10, 1, 3])
    np.testing.assert_array_equal(ranks, [1, 2, 3, 4])
    np.testing.assert_array_equal(sorted_counts, [10, 3, 3, 1])
    assert ranks.dtype == np.int64
    assert sorted_counts.dtype == np.float64


@pytest.mark.parametrize(
    ("counts", "error", "fragment"),
    [
        ([], ValueError, "비어"),
        ([0, 0], ValueError, "모두 0"),
        ([1, -2], ValueError, "음수"),
        ([[1, 2]], ValueError, "1차원"),
        ("abc", TypeError, "실수 배열"),
        ([1.0, np.nan], ValueError, "NaN"),
    ],
)
def test_rank_frequency_rejects_bad_counts(counts, error, fragment):
    with pytest.raises(error, match=fragment):
        rank_frequency(counts)


# ---------------------------------------------------------------- fit_zipf


@pytest.mark.parametrize("s", [0.8, 1.0, 1.3])
def test_fit_zipf_recovers_exact_power_law(s):
    counts = 1e6 * np.arange(1, 501, dtype=np.float64) ** (-s)
    fit = fit_zipf(counts)
    assert isinstance(fit, ZipfFit)
    assert fit.exponent == pytest.approx(s, abs=1e-9)
    assert fit.log10_c == pytest.approx(6.0, abs=1e-9)
    assert fit.n_points == 500


def test_fit_zipf_uses_only_the_rank_range():
    # 머리는 s=1, 꼬리는 평평: 머리만 맞추면 1 이 나와야 합니다
    head = 1e4 / np.arange(1, 101)
    tail = np.full(900, head[-1])
    counts = np.concatenate([head, tail])
    assert fit_zipf(counts, max_rank=100).exponent == pytest.approx(1.0, abs=1e-9)
    assert fit_zipf(counts).exponent < 0.5
    assert fit_zipf(counts, min_rank=2, max_rank=100).n_points == 99
    assert fit_zipf(counts, max_rank=10**6).n_points == 1000  # 넘치는 max_rank 는 잘림


def test_fit_zipf_needs_two_points():
    with pytest.raises(ValueError, match="2개 미만"):
        fit_zipf([5, 3, 1], min_rank=3)
    with pytest.raises(ValueError, match="1 이상"):
        fit_zipf([5, 3, 1], min_rank=0)
    with pytest.raises(TypeError, match="정수"):
        fit_zipf([5, 3, 1], max_rank=2.5)


def test_zipf_fit_predict_follows_the_line():
    fit = ZipfFit(exponent=1.0, log10_c=4.0, n_points=10)
    np.testing.assert_allclose(fit.predict([1, 10, 100]), [1e4, 1e3, 1e2])
    counts = 1e6 * np.arange(1, 201, dtype=np.float64) ** (-0.9)
    fitted = fit_zipf(counts)
    np.testing.assert_allclose(fitted.predict(np.arange(1, 201)), counts, rtol=1e-9)
    with pytest.raises(ValueError, match="1 이상"):
        fit.predict([0.5])


# ---------------------------------------------------------------- rank_count_ratio


def test_rank_count_ratio_is_ten_to_the_s_for_exact_zipf():
    counts = 1e6 * np.arange(1, 101, dtype=np.float64) ** (-1.2)
    assert rank_count_ratio(counts) == pytest.approx(10**1.2, rel=1e-12)
    assert rank_count_ratio([5, 0, 20, 10], 1, 3) == pytest.approx(4.0)  # 정렬 후 20, 10, 5
    assert rank_count_ratio([5, 20, 10], 3, 1) == pytest.approx(0.25)


def test_rank_count_ratio_flat_head_is_small():
    # 머리가 평평한 빈도 (불용어를 뺀 말뭉치처럼): 순위 1 / 10 의 비가 10^s 보다 훨씬 작음
    counts = np.concatenate([np.linspace(1000, 800, 10), 800 * np.arange(2, 500, dtype=np.float64) ** (-1.0)])
    assert rank_count_ratio(counts) == pytest.approx(1000 / 800)


def test_rank_count_ratio_validates():
    with pytest.raises(ValueError, match="너무 큽니다"):
        rank_count_ratio([3, 2, 0], 1, 3)
    with pytest.raises(ValueError, match="1 이상"):
        rank_count_ratio([3, 2, 1], 0, 2)
    with pytest.raises(ValueError, match="음수"):
        rank_count_ratio([3, -2, 1])


# ---------------------------------------------------------------- frequency_groups


def test_frequency_groups_partition_the_seen_words():
    counts = np.array([100, 50, 7, 5, 1, 0, 3, 20])
    groups = frequency_groups(counts, top=2, rare_max=5)
    np.testing.assert_array_equal(np.flatnonzero(groups["frequent"]), [0, 1])
    np.testing.assert_array_equal(np.flatnonzero(groups["rare"]), [3, 4, 6])
    np.testing.assert_array_equal(np.flatnonzero(groups["middle"]), [2, 7])
    together = groups["frequent"].astype(int) + groups["rare"] + groups["middle"]
    np.testing.assert_array_equal(together, counts > 0)  # 겹치지 않고, 빈도 0 만 빠짐


def test_frequency_groups_frequent_wins_over_rare_and_ties_are_stable():
    groups = frequency_groups([2, 2, 2, 1], top=2, rare_max=5)
    np.testing.assert_array_equal(groups["frequent"], [True, True, False, False])
    np.testing.assert_array_equal(groups["rare"], [False, False, True, True])


def test_frequency_groups_validates():
    with pytest.raises(ValueError, match="1 이상"):
        frequency_groups([1, 2], top=0)
    with pytest.raises(TypeError, match="정수"):
        frequency_groups([1, 2], rare_max=1.5)


# ---------------------------------------------------------------- share_of_noise


def test_share_of_noise_orders_uniform_above_three_quarter_above_unigram_for_rare_words():
    """정정 2: 드문 단어의 몫은 균등 분포에서 가장 크고, 유니그램 분포에서 가장 작습니다."""
    counts = np.maximum(1, (1e4 / np.arange(1, 2001)).astype(int))
    rare = frequency_groups(counts, top=10, rare_max=5)["rare"]
    shares = [share_of_noise(noise_distribution(counts, p), rare) for p in (0.0, 0.75, 1.0)]
    assert shares[0] > shares[1] > shares[2]
    assert shares[0] == pytest.approx(rare.mean())  # 균등: 단어 수의 비율 그대로


def test_share_of_noise_sums_to_one_over_a_partition():
    counts = np.array([9, 4, 1, 1])
    probs = noise_distribution(counts, 0.75)
    groups = frequency_groups(counts, top=1, rare_max=1)
    assert sum(share_of_noise(probs, m) for m in groups.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("probs", "mask", "error", "fragment"),
    [
        ([0.5, 0.5], [1, 0], TypeError, "불리언"),
        ([0.5, 0.5], [True], ValueError, "형태"),
        ([0.5, 0.6], [True, False], ValueError, "합이 1"),
        ([1.5, -0.5], [True, False], ValueError, "음수"),
    ],
)
def test_share_of_noise_validates(probs, mask, error, fragment):
    with pytest.raises(error, match=fragment):
        share_of_noise(np.array(probs), np.array(mask))


def test_share_of_the_rarest_words_falls_as_the_exponent_grows():
    """5장 생각해 볼 문제 1 의 답: 빈도가 가장 낮은 단어들의 몫은 p 가 커질수록 줄어듭니다 (0.5 > 0.75 > 1 > 1.5)."""
    counts = np.maximum(1, (1e4 / np.arange(1, 3001) ** 1.1).astype(int))
    for rare_max in (1, 5, 20):
        rare = counts <= rare_max
        shares = [share_of_noise(noise_distribution(counts, p), rare) for p in np.linspace(0.0, 2.0, 41)]
        assert np.all(np.diff(shares) < 0)
