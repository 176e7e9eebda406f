"""05 연습문제: 잡음 분포 ``noise_distribution(counts, power)`` = counts^power / Σ counts^power."""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import array_judge
from sgns.sampling import NegativeSampler
from sgns.sampling import noise_distribution as reference_noise_distribution

CATEGORIES = {
    "power-ignored": "power 대신 1 (유니그램 분포)",
    "unnormalised": "정규화를 빠뜨림",
    "normalise-first": "먼저 정규화한 뒤 거듭제곱함",
    "fixed-power": "power 대신 0.75 로 고정",
    "precedence": "counts ** 3/4 (연산 순서)",
    "uniform": "균등 분포",
    "not-summing-to-one": "합이 1 이 아님",
}


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    return [
        Case("source-example", "원문 예: 빈도 100,000 과 1,000", {"counts": np.array([100_000, 1_000]), "power": 0.75}),
        Case("small-counts", "작은 빈도", {"counts": np.array([5, 1, 3, 10]), "power": 0.75}),
        Case("power-one", "power=1 (유니그램 분포)", {"counts": np.array([5, 1, 3, 10]), "power": 1.0}),
        Case("power-half", "power=0.5, 무작위 빈도", {"counts": rng.integers(1, 1000, size=10), "power": 0.5}),
        Case("zero-count", "빈도 0 인 단어가 있음", {"counts": np.array([7, 0, 2, 40, 1]), "power": 0.75}),
        Case("random-20", "무작위 빈도 V=20", {"counts": rng.integers(1, 10_000, size=20), "power": 0.75}),
        Case(
            "large-input",
            "큰 어휘 V=200,000 (Zipf 빈도)",
            {"counts": np.minimum(rng.zipf(1.2, size=200_000), 10**9).astype(np.int64), "power": 0.75},
        ),
    ]


def _power_normalised(counts: np.ndarray, power: float) -> np.ndarray:
    weights = counts.astype(np.float64) ** power
    return weights / weights.sum()


def _variants(case: Case, got, want):
    counts, power = case.args["counts"], case.args["power"]
    weights = counts.astype(np.float64) ** power
    with np.errstate(all="ignore"):
        variants = [
            ("unnormalised", weights, "정규화를 빠뜨렸습니다. 빈도^power 를 그 합으로 나눠야 확률이 됩니다."),
            (
                "normalise-first",
                (counts / counts.sum()) ** power,
                "먼저 정규화한 뒤 거듭제곱해서 합이 1 이 아닙니다. 빈도^power 를 계산한 다음 그 합으로 나누세요.",
            ),
        ]
        for other, category, hint in [
            (
                1.0,
                "power-ignored",
                "power 대신 1 을 썼습니다 (그냥 유니그램 분포). 빈도를 power(예: 0.75) 제곱한 뒤 정규화하세요.",
            ),
            (0.75, "fixed-power", "power 인자를 쓰지 않고 0.75 로 고정했습니다. 넘겨받은 power 를 쓰세요."),
            (3.0, "precedence", "counts ** 3/4 는 (counts**3)/4 로 계산됩니다. counts ** (3/4) 처럼 괄호를 치세요."),
            (0.0, "uniform", "모든 단어에 같은 확률을 줬습니다 (균등 분포). 빈도를 power 제곱해야 합니다."),
        ]:
            if other != power:
                variants.append((category, _power_normalised(counts, other), hint))
    return variants


def _sums_to_one(ctx, got, problem: str) -> None:
    total = float(np.sum(got.astype(np.float64)))
    if not np.isclose(total, 1.0, rtol=1e-4):
        ctx.fail("not-summing-to-one", f"{problem}\n확률의 합이 1 이 아닙니다 (합 {total:.4g}).")


judge = array_judge(reference_noise_distribution, _variants, otherwise=_sums_to_one)


EXERCISE = Exercise(
    id="nb05-noise-distribution",
    function="noise_distribution",
    signature="noise_distribution(counts, power) -> (V,)",
    title="noise_distribution (잡음 분포)",
    summary=(
        "{n}개 사례 (power = 0.75, 1, 0.5, 빈도 0, 큰 어휘 포함)"
        "에서 확률이 맞습니다. 100 : 1 은 약 31.62 : 1 이 됩니다."
    ),
    points=2,
    order=1,
    references={
        "sgns.sampling.NegativeSampler.exact_probabilities": lambda counts, power: (NegativeSampler(counts, power),)
    },
)
