"""sgns.sampling: 잡음 분포와 별칭(alias) 샘플러 (분포 검사에는 sgns.lessons.noise_samplers 의 TVD 도구를 씀)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from sgns.lessons.noise_samplers import expected_tv_noise, total_variation
from sgns.sampling import NegativeSampler, noise_distribution

# ---------------------------------------------------------------- noise_distribution


def test_three_quarter_power_narrows_the_ratio_to_31_62():
    """원문은 177.83 : 1 이라고 하지만 100 : 1 이 10^1.5 ≈ 31.62 : 1 로 줄어듭니다."""
    counts = {"the": 100_000, "democracy": 1_000}
    unigram = noise_distribution(counts, power=1.0)
    smoothed = noise_distribution(counts, power=0.75)
    assert unigram["the"] / unigram["democracy"] == pytest.approx(100.0)
    assert smoothed["the"] / smoothed["democracy"] == pytest.approx(10**1.5)
    assert round(smoothed["the"] / smoothed["democracy"], 2) == 31.62
    assert list(smoothed) == ["the", "democracy"]
    assert sum(smoothed.values()) == pytest.approx(1.0)


def test_power_zero_is_uniform_and_power_one_is_unigram():
    counts = np.array([50.0, 30.0, 15.0, 5.0])
    np.testing.assert_allclose(noise_distribution(counts, 0.0), np.full(4, 0.25))
    np.testing.assert_allclose(noise_distribution(counts, 1.0), counts / 100.0)


def test_rare_words_gain_share_as_power_drops():
    counts = 1e6 / np.arange(1, 101)
    shares = [noise_distribution(counts, p)[-1] for p in (1.0, 0.75, 0.5, 0.0)]
    assert all(a < b for a, b in zip(shares, shares[1:], strict=False))


def test_zero_counts_get_zero_probability_even_at_power_zero():
    probs = noise_distribution([4, 0, 1, 0], power=0.0)
    np.testing.assert_allclose(probs, [0.5, 0.0, 0.5, 0.0])
    assert noise_distribution([4, 0, 1, 0], power=0.75)[1] == 0.0


def test_result_is_float64_and_sums_to_one_for_huge_counts():
    probs = noise_distribution(np.array([10**15, 10**3, 1], dtype=np.int64))
    assert probs.dtype == np.float64
    assert probs.sum() == pytest.approx(1.0)
    assert np.all(probs > 0)


@pytest.mark.parametrize(("power", "error"), [(-0.5, ValueError), (3.0, ValueError), ("0.75", TypeError)])
def test_power_outside_zero_to_two_is_refused(power, error):
    """강의 도우미가 학생이 고른 지수로 부르므로, 지수의 범위는 검사합니다."""
    with pytest.raises(error, match="`power`"):
        noise_distribution([1, 2], power)


# ---------------------------------------------------------------- NegativeSampler


def zipf_counts(vocab_size):
    return 1e7 / np.arange(1, vocab_size + 1)


def test_sampler_matches_target_distribution_on_a_million_draws():
    """10^6 번 뽑은 경험적 분포가 목표 분포와 샘플링 잡음 안에서 같습니다.

    기준 두 가지 (V = 1000, Zipf 빈도의 0.75 제곱, 고정 시드):
    (1) scipy.stats.chisquare 적합도 검정의 p-값 > 1e-3,
    (2) TVD 가 정확한 샘플러의 기대 TVD(expected_tv_noise) 의 1.5배 미만.
    """
    sampler = NegativeSampler(zipf_counts(1000), power=0.75, seed=1234)
    n = 10**6
    draws = sampler.sample(n)
    observed = np.bincount(draws, minlength=1000)
    p_value = stats.chisquare(observed, sampler.probs * n).pvalue
    assert p_value > 1e-3
    tvd = total_variation(sampler.probs, draws)
    assert tvd < 1.5 * expected_tv_noise(sampler.probs, n)


def test_biased_sampler_fails_the_same_check():
    """검사에 힘이 있는지: 0.75 가 아니라 유니그램(1.0)에서 뽑으면 TVD 기준에 걸려야 합니다."""
    target = noise_distribution(zipf_counts(1000), 0.75)
    wrong = NegativeSampler(zipf_counts(1000), power=1.0, seed=0).sample(10**6)
    assert total_variation(target, wrong) > 10 * expected_tv_noise(target, 10**6)


def test_same_seed_same_draws_different_seed_different_draws():
    counts = zipf_counts(500)
    a = NegativeSampler(counts, seed=7).sample((100, 5))
    b = NegativeSampler(counts, seed=7).sample((100, 5))
    c = NegativeSampler(counts, seed=8).sample((100, 5))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_accepts_a_generator_as_seed():
    counts = zipf_counts(50)
    a = NegativeSampler(counts, seed=np.random.default_rng(3)).sample(20)
    b = NegativeSampler(counts, seed=np.random.default_rng(3)).sample(20)
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("size", [(), 0, (0,), 7, (3, 4, 5), (2, 0)])
def test_any_output_shape(size):
    sampler = NegativeSampler(zipf_counts(30), seed=0)
    out = sampler.sample(size)
    expected = size if isinstance(size, tuple) else (size,)
    assert out.shape == expected
    assert out.dtype == np.int64
    assert np.all((out >= 0) & (out < 30))


def test_alias_table_encodes_probs_exactly_for_zipf_50k():
    sampler = NegativeSampler(zipf_counts(50_000))
    np.testing.assert_allclose(sampler.exact_probabilities(), sampler.probs, rtol=1e-9, atol=1e-14)
    assert np.all((sampler.threshold >= 0) & (sampler.threshold <= 1))


def test_zero_count_words_are_never_drawn():
    sampler = NegativeSampler([5, 0, 3, 0, 1], seed=0)
    assert sampler.exact_probabilities()[[1, 3]].tolist() == [0.0, 0.0]
    draws = sampler.sample(20_000)
    assert not np.isin(draws, [1, 3]).any()


def test_uniform_and_single_word_vocabularies():
    assert NegativeSampler([1], seed=0).sample(5).tolist() == [0] * 5
    uniform = NegativeSampler([2, 2, 2], power=1.0)
    np.testing.assert_allclose(uniform.exact_probabilities(), np.full(3, 1 / 3))


@settings(max_examples=60, deadline=None)
@given(
    counts=st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=300).filter(any),
    power=st.sampled_from([0.0, 0.5, 0.75, 1.0, 2.0]),
)
def test_alias_table_is_exact_for_random_counts(counts, power):
    sampler = NegativeSampler(counts, power=power)
    np.testing.assert_allclose(sampler.exact_probabilities(), sampler.probs, rtol=1e-9, atol=1e-12)
    assert np.all((sampler.alias >= 0) & (sampler.alias < len(counts)))
