"""05 연습문제 (선택): 빈출 단어 서브샘플링의 남길 확률 ``keep_probabilities(counts, sample)``.

강의의 학습기와 같은 식 (word2vec.c, gensim): f = 상대 빈도 counts / Σ counts, τ = sample 일 때

    keep(w) = (√(f/τ) + 1) · τ/f,   1 을 넘으면 1

counts 는 모두 1 이상입니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import array_judge
from sgns.corpus import keep_probabilities as reference_keep_probabilities

CATEGORIES = {
    "paper-formula": "논문의 √(τ/f) 를 씀 (+1 항 빠짐)",
    "discard-probability": "남길 확률 대신 버릴 확률",
    "not-clipped": "1 을 넘는 값을 1 로 자르지 않음",
    "raw-counts": "상대 빈도 대신 빈도를 그대로 씀",
    "precedence": "√(f/τ) + 1·τ/f (괄호)",
    "sample-ignored": "sample 대신 1e-3 으로 고정",
    "relative-to-max": "합 대신 최대 빈도로 나눔",
}


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    zipf = np.minimum(rng.zipf(1.1, size=200_000), 10**8).astype(np.int64)
    rows = [
        ("small", "작은 어휘, sample=0.1", np.array([500, 120, 30, 8, 1]), 0.1),
        ("default-sample", "흔한 단어와 드문 단어, sample=1e-3", np.array([60_000, 9_000, 700, 50, 3, 1]), 1e-3),
        ("small-sample", "sample=1e-5", rng.integers(1, 50_000, size=12), 1e-5),
        ("large-input", "큰 어휘 V=200,000 (Zipf 빈도), sample=1e-4", zipf, 1e-4),
    ]
    return Case.table(("counts", "sample"), rows)


def _subsampling_variants(counts: np.ndarray, sample: float):
    f = counts / counts.sum()
    with np.errstate(all="ignore"):
        word2vec = (np.sqrt(f / sample) + 1) * sample / f
        raw = (np.sqrt(counts / sample) + 1) * sample / counts
        by_max = counts / counts.max()
        fixed = (np.sqrt(f / 1e-3) + 1) * 1e-3 / f
        return [
            (
                "paper-formula",
                np.minimum(np.sqrt(sample / f), 1.0),
                "논문의 식 √(τ/f) 를 썼습니다. 이 강의의 학습기(word2vec.c)는 (√(f/τ) + 1)·τ/f 입니다.",
            ),
            (
                "paper-formula",
                np.sqrt(sample / f),
                "논문의 식 √(τ/f) 를 썼습니다 (1 로 자르지도 않음). "
                "이 강의의 식은 (√(f/τ) + 1)·τ/f 를 1 로 자른 값입니다.",
            ),
            (
                "discard-probability",
                1.0 - np.minimum(word2vec, 1.0),
                "버릴 확률 1 - keep 을 돌려줬습니다. 남길 확률을 돌려주세요.",
            ),
            ("not-clipped", word2vec, "1 을 넘는 값을 1 로 자르지 않았습니다: np.minimum(keep, 1.0)."),
            (
                "raw-counts",
                np.minimum(raw, 1.0),
                "빈도를 그대로 썼습니다. f 는 상대 빈도 counts / counts.sum() 입니다.",
            ),
            (
                "precedence",
                np.minimum(np.sqrt(f / sample) + sample / f, 1.0),
                "괄호를 빠뜨렸습니다: √(f/τ) + 1·τ/f 가 아니라 (√(f/τ) + 1)·τ/f 입니다.",
            ),
            ("sample-ignored", np.minimum(fixed, 1.0), "넘겨받은 sample 대신 1e-3 을 썼습니다."),
            (
                "relative-to-max",
                np.minimum((np.sqrt(by_max / sample) + 1) * sample / by_max, 1.0),
                "가장 큰 빈도로 나눴습니다. 상대 빈도는 전체 합으로 나눕니다: counts / counts.sum().",
            ),
        ]


judge = array_judge(
    reference_keep_probabilities,
    lambda case, got, want: _subsampling_variants(case.args["counts"], case.args["sample"]),
)


EXERCISE = Exercise(
    id="nb05-keep-probabilities",
    function="keep_probabilities",
    signature="keep_probabilities(counts, sample) -> (V,)",
    title="keep_probabilities (빈출 단어 서브샘플링, 선택)",
    summary="{n}개 사례 (sample = 0.1, 1e-3, 1e-5, 큰 어휘 포함)에서 남길 확률이 맞습니다.",
    points=1,
    optional=True,
    order=2,
    references={"sgns.corpus.subsample": lambda counts, sample: (np.arange(len(counts)), np.ones(len(counts)))},
)
