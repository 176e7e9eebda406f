"""sgns.lessons.noise_samplers (5장): 원문식 샘플러 (쌍마다 choice) 와 샘플러의 분포 검사 (TVD 와 그 기댓값)."""

import numpy as np
import pytest
from scipy import stats

from sgns.lessons.noise_samplers import choice_per_pair, draw_alias_table, expected_tv_noise, total_variation
from sgns.sampling import noise_distribution


def zipf_counts(vocab_size):
    return 1e7 / np.arange(1, vocab_size + 1)


# ---------------------------------------------------------------- choice_per_pair


def test_choice_per_pair_shape_reproducibility_and_distribution():
    probs = noise_distribution([8, 4, 2, 1])
    a = choice_per_pair(probs, num_pairs=2000, k=5, seed=0)
    b = choice_per_pair(probs, num_pairs=2000, k=5, seed=0)
    assert a.shape == (2000, 5) and a.dtype == np.int64
    np.testing.assert_array_equal(a, b)
    assert total_variation(probs, a) < 3 * expected_tv_noise(probs, a.size)


def test_choice_per_pair_equals_randomstate_choice_called_per_pair():
    probs = noise_distribution([3, 1, 1])
    rs = np.random.RandomState(5)
    expected = np.array([rs.choice(3, size=2, p=probs) for _ in range(4)])
    np.testing.assert_array_equal(choice_per_pair(probs, 4, 2, seed=5), expected)


def test_choice_per_pair_rejects_probs_that_do_not_sum_to_one():
    with pytest.raises(ValueError, match="합이 1"):
        choice_per_pair([1, 2, 3], num_pairs=2, k=1)


# ---------------------------------------------------------------- TVD tools


def test_total_variation_hand_example():
    # 경험적 분포 (3/4, 1/4, 0) vs (1/2, 1/4, 1/4): (1/4 + 0 + 1/4) / 2 = 1/4
    assert total_variation([0.5, 0.25, 0.25], [0, 0, 0, 1]) == pytest.approx(0.25)
    assert total_variation([0.5, 0.5], np.array([[0, 1], [1, 0]])) == 0.0


def test_total_variation_rejects_bad_samples():
    with pytest.raises(IndexError, match="samples"):
        total_variation([0.5, 0.5], [0, 2])
    with pytest.raises(ValueError, match="비어"):
        total_variation([0.5, 0.5], np.array([], dtype=np.int64))
    with pytest.raises(TypeError, match="samples"):
        total_variation([0.5, 0.5], [0.0, 1.0])


def test_expected_tv_noise_exact_small_cases():
    # n = 1: E|X - p| = 2p(1-p), so E[TVD] = Σ p(1-p) = 1 - Σ p²
    probs = np.array([0.5, 0.3, 0.2])
    assert expected_tv_noise(probs, 1) == pytest.approx(1 - np.sum(probs**2))
    # 이항분포의 평균 절대 편차를 직접 합해서 비교 (n = 40)
    n = 40
    direct = 0.0
    for p in probs:
        x = np.arange(n + 1)
        direct += np.sum(np.abs(x - n * p) * stats.binom.pmf(x, n, p))
    assert expected_tv_noise(probs, n) == pytest.approx(direct / (2 * n), rel=1e-10)
    assert expected_tv_noise([1.0, 0.0], 10) == 0.0


def test_expected_tv_noise_matches_normal_approximation_for_large_n():
    probs = noise_distribution(zipf_counts(1000))
    n = 10**7
    normal = 0.5 * np.sqrt(2 / np.pi) * np.sum(np.sqrt(probs * (1 - probs) / n))
    assert expected_tv_noise(probs, n) == pytest.approx(normal, rel=1e-3)


# ---------------------------------------------------------------- draw_alias_table


@pytest.fixture
def ax():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


def test_draw_alias_table_pieces_are_the_table_and_colors_follow_the_word(ax):
    from matplotlib.colors import to_rgba

    from sgns.sampling import NegativeSampler

    sampler = NegativeSampler([1438, 765, 158, 35], power=0.75)
    colors = ["tab:blue", "tab:orange", "tab:green", "tab:red"]
    own, top = draw_alias_table(ax, sampler.threshold, sampler.alias, ["a", "b", "c", "d"], colors=colors)
    own_heights = np.array([bar.get_height() for bar in own])
    top_heights = np.array([bar.get_height() for bar in top])
    np.testing.assert_allclose(own_heights, sampler.threshold)
    np.testing.assert_allclose(own_heights + top_heights, 1.0)  # 칸마다 높이 1
    np.testing.assert_allclose([bar.get_y() for bar in top], sampler.threshold)
    for i, bar in enumerate(top):
        assert bar.get_facecolor() == to_rgba(colors[sampler.alias[i]])
    # 같은 색의 조각 넓이를 더해 V 로 나누면 목표 분포
    mass = np.zeros(4)
    for i in range(4):
        mass[i] += own_heights[i]
        mass[sampler.alias[i]] += top_heights[i]
    np.testing.assert_allclose(mass / 4, sampler.probs, atol=1e-12)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c", "d"]


def test_draw_alias_table_labels_only_pieces_tall_enough(ax):
    draw_alias_table(ax, [1.0, 0.5], [0, 0], ["x", "y"], min_label_height=0.6)
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["x\n1.00"]  # 높이 0 인 위 조각과 높이 0.5 인 조각에는 글자 없음


@pytest.mark.parametrize(
    ("prob", "alias", "labels", "error", "fragment"),
    [
        ([0.5, 1.2], [1, 0], ["a", "b"], ValueError, "0 이상 1 이하"),
        ([0.5, 1.0], [1, 2], ["a", "b"], IndexError, "alias"),
        ([0.5, 1.0], [1, 0], ["a"], ValueError, "labels"),
        ([0.5, 1.0], [1, 0], "ab", TypeError, "labels"),
        ([], [], [], ValueError, "비어"),
        ([0.5, np.nan], [1, 0], ["a", "b"], ValueError, "NaN"),
    ],
)
def test_draw_alias_table_validates(ax, prob, alias, labels, error, fragment):
    with pytest.raises(error, match=fragment):
        draw_alias_table(ax, prob, alias, labels)
