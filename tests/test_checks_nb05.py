"""05 연습문제의 확인: 잡음 분포의 별칭 표, 남길 확률 (선택)."""

from __future__ import annotations

import numpy as np
import pytest
from checks_testing import SOLUTIONS, failing, passes

from sgns.checks.exercises.nb05_alias_table import implied_distribution
from sgns.sampling import noise_distribution

# ---------------------------------------------------------------------------
# 남길 확률 (서브샘플링)
# ---------------------------------------------------------------------------


def keep(formula):
    def keep_probabilities(counts, sample):
        f = counts / counts.sum()
        return formula(f, sample, counts)

    return keep_probabilities


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (keep(lambda f, t, c: np.minimum(np.sqrt(t / f), 1.0)), "paper-formula"),
        (keep(lambda f, t, c: 1 - np.minimum((np.sqrt(f / t) + 1) * t / f, 1.0)), "discard-probability"),
        (keep(lambda f, t, c: (np.sqrt(f / t) + 1) * t / f), "not-clipped"),
        (keep(lambda f, t, c: np.minimum((np.sqrt(c / t) + 1) * t / c, 1.0)), "raw-counts"),
        (keep(lambda f, t, c: np.minimum(np.sqrt(f / t) + 1 * t / f, 1.0)), "precedence"),
        (keep(lambda f, t, c: np.minimum((np.sqrt(f / 1e-3) + 1) * 1e-3 / f, 1.0)), "sample-ignored"),
        (
            keep(lambda f, t, c: np.minimum((np.sqrt(c / c.max() / t) + 1) * t / (c / c.max()), 1.0)),
            "relative-to-max",
        ),
    ],
    ids=["paper", "discard", "not-clipped", "raw-counts", "precedence", "fixed-sample", "by-max"],
)
def test_keep_probability_mistakes_are_named(fn, category):
    failing("nb05-keep-probabilities", fn, category)


def keep_threshold_in_counts(counts, sample):
    """word2vec.c 처럼 빈도 단위의 문턱 t·total 로 계산 (같은 식)."""
    threshold = sample * counts.sum()
    return np.minimum((np.sqrt(counts / threshold) + 1) * threshold / counts, 1.0)


def keep_loop(counts, sample):
    total = float(sum(counts))
    out = []
    for count in counts.tolist():
        f = count / total
        out.append(min(1.0, ((f / sample) ** 0.5 + 1) * sample / f))
    return out


@pytest.mark.parametrize("fn", [keep_threshold_in_counts, keep_loop])
def test_keep_probability_alternatives_pass(fn):
    passes("nb05-keep-probabilities", fn)


# ---------------------------------------------------------------------------
# 잡음 분포의 별칭 표
# ---------------------------------------------------------------------------


def vose(*, scale=True, leftover="ok", set_alias=True, noise=noise_distribution):
    """학생식 (잡음 분포 + Vose 별칭 표) 에서 한 곳만 바꾼 것. noise(counts, power): 잡음 분포를 만드는 부분."""

    def build_alias_table(counts, power):
        probs = noise(np.asarray(counts), power)
        V = len(probs)
        scaled = np.asarray(probs, dtype=float) * (V if scale else 1)
        prob, alias = np.zeros(V), np.zeros(V, dtype=np.int64)
        small = [i for i in range(V) if scaled[i] < 1.0]
        large = [i for i in range(V) if scaled[i] >= 1.0]
        while small and large:
            s, g = small.pop(), large.pop()
            prob[s] = scaled[s]
            if set_alias:
                alias[s] = g
            if leftover == "ok":
                scaled[g] -= 1.0 - scaled[s]
            elif leftover == "prob":
                scaled[g] -= scaled[s]
            (small if scaled[g] < 1.0 else large).append(g)
            if leftover == "never":  # 큰 막대를 줄이지 않음: 남은 큰 막대의 확률이 1 을 넘음
                prob[g] = scaled[g]
        for i in small + large:
            prob[i] = scaled[i] if leftover == "never" else 1.0
        return prob, alias

    return build_alias_table


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (vose(scale=False), "not-scaled"),
        (vose(leftover="prob"), "wrong-leftover"),
        (vose(set_alias=False), "alias-not-set"),
        (vose(leftover="never"), "prob-out-of-range"),
        (lambda counts, power: tuple(reversed(SOLUTIONS["nb05-alias-table"](counts, power))), "swapped-outputs"),
        (lambda counts, power: (np.ones(len(counts)), np.full(len(counts), len(counts))), "alias-out-of-range"),
        (lambda counts, power: (np.ones(len(counts)), np.full(len(counts), 0.5)), "alias-not-integer"),
        (
            lambda counts, power: (
                np.minimum(noise_distribution(counts, power) * len(counts), 1),
                np.roll(np.arange(len(counts)), 1),
            ),
            "wrong-distribution",
        ),
    ],
    ids=["not-scaled", "leftover", "no-alias", "never-reduced", "swapped", "alias-range", "alias-float", "other"],
)
def test_alias_table_mistakes_are_named(fn, category):
    failing("nb05-alias-table", fn, category)


@pytest.mark.parametrize(
    ("noise", "category"),
    [
        (lambda counts, power: counts / counts.sum(), "power-ignored"),
        (lambda counts, power: counts**power, "unnormalised"),
        (lambda counts, power: (counts / counts.sum()) ** power, "normalise-first"),
        (lambda counts, power: counts**0.75 / np.sum(counts**0.75), "fixed-power"),
        (lambda counts, power: counts**3 / 4 / np.sum(counts**3 / 4), "precedence"),
    ],
    ids=["power-1", "unnormalised", "normalise-first", "fixed-0.75", "precedence"],
)
def test_noise_distribution_mistakes_inside_the_table_are_named(noise, category):
    failing("nb05-alias-table", vose(noise=noise), category)


def test_power_one_fails_on_the_source_example():
    record = failing("nb05-alias-table", vose(noise=lambda c, p: c / c.sum()), "power-ignored")
    assert "틀린 사례 1/9:" in record.message
    assert "[0.9693, 0.0307]" in record.message  # 100 : 1 -> 31.62 : 1


def noise_loop_list(counts, power):
    weights = [c**power for c in counts.tolist()]
    total = sum(weights)
    return np.array([w / total for w in weights])


def noise_via_logs(counts, power):
    counts = np.asarray(counts, dtype=float)
    with np.errstate(divide="ignore"):
        logs = np.where(counts > 0, power * np.log(counts), -np.inf)
    weights = np.exp(logs - logs.max())
    return weights / weights.sum()


@pytest.mark.parametrize("noise", [noise_loop_list, noise_via_logs])
def test_other_ways_to_build_the_noise_distribution_pass(noise):
    passes("nb05-alias-table", vose(noise=noise))


def alias_with_queues(counts, power):
    """작은 막대·큰 막대를 스택 대신 큐(먼저 들어온 것부터)로: 표는 다르지만 분포는 같음."""
    from collections import deque

    probs = noise_distribution(counts, power)
    V = len(probs)
    scaled = np.asarray(probs, dtype=float) * V
    prob, alias = np.ones(V), np.arange(V)
    small = deque(i for i in range(V) if scaled[i] < 1.0)
    large = deque(i for i in range(V) if scaled[i] >= 1.0)
    while small and large:
        s, g = small.popleft(), large.popleft()
        prob[s], alias[s] = scaled[s], g
        scaled[g] -= 1.0 - scaled[s]
        (small if scaled[g] < 1.0 else large).appendleft(g)
    return prob.tolist(), alias.tolist()


def test_alias_alternatives_pass_with_different_tables():
    counts, power = np.array([40, 25, 15, 10, 6, 4]), 1.0
    probs = noise_distribution(counts, power)
    first, second = SOLUTIONS["nb05-alias-table"](counts, power), alias_with_queues(counts, power)
    assert not (np.allclose(first[0], second[0]) and np.array_equal(first[1], second[1]))  # 표는 다르고
    np.testing.assert_allclose(implied_distribution(*map(np.asarray, first)), probs)  # 분포는 같음
    np.testing.assert_allclose(implied_distribution(np.asarray(second[0]), np.asarray(second[1])), probs)
    passes("nb05-alias-table", SOLUTIONS["nb05-alias-table"])
    passes("nb05-alias-table", alias_with_queues)


def test_implied_distribution_of_a_hand_made_table():
    # 막대 0 은 언제나 0, 막대 1 은 반은 1, 반은 0: P = [(1 + 0.5) / 2, 0.5 / 2]
    np.testing.assert_allclose(implied_distribution(np.array([1.0, 0.5]), np.array([0, 0])), [0.75, 0.25])
