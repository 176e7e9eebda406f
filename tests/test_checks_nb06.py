"""06 (부록) 연습문제의 확인: 네거티브 샘플 가운데 조사의 몫 ``particle_share(words, counts, power)``."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from checks_testing import SOLUTIONS, failing, passes

from sgns.checks.exercises.nb06_particle_share import make_cases

SOLUTION = SOLUTIONS["nb06-particle-share"]


def share_where(select, *, power=None, normalise=True):
    """학생식 풀이에서 조사를 고르는 조건(select(form, tag))이나 정규화만 바꾼 것."""

    def particle_share(words, counts, p):
        weights = np.asarray(counts, dtype=np.float64) ** (p if power is None else power)
        chosen = np.array([select(*word.rsplit("/", 1)) for word in words])
        return float(weights[chosen].sum() / (weights.sum() if normalise else 1.0))

    return particle_share


def is_j(form, tag):
    return tag.startswith("J")


PARTICLE_FORMS = {"이", "가", "은", "는", "을", "를", "의", "에", "와", "과", "도", "로", "으로"}


def within_particles(words, counts, power):
    weights = np.asarray(counts, dtype=np.float64) ** power
    chosen = np.array([w.rsplit("/", 1)[1].startswith("J") for w in words])
    return float(weights[chosen].sum() / weights[chosen].sum())


def precedence(words, counts, power):
    weights = np.asarray(counts, dtype=np.float64) ** 3 / 4  # counts ** 3/4
    chosen = np.array([w.rsplit("/", 1)[1].startswith("J") for w in words])
    return float(weights[chosen].sum() / weights.sum())


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (share_where(is_j, power=1.0), "power-ignored"),
        (share_where(is_j, power=0.0), "type-share"),
        (share_where(is_j, normalise=False), "unnormalised"),
        (within_particles, "within-particles"),
        (share_where(lambda form, tag: "J" in tag), "contains-j"),
        (share_where(lambda form, tag: tag.startswith("JK")), "jk-only"),
        (share_where(lambda form, tag: form in PARTICLE_FORMS), "by-form"),
        (share_where(lambda form, tag: tag[0] in "JE"), "with-endings"),
        (precedence, "precedence"),
        (lambda words, counts, power: 1.5, "out-of-range"),
        (lambda words, counts, power: np.full(len(words), 0.1), "wrong-type"),
    ],
    ids=[
        "unigram", "types", "unnormalised", "within", "contains-j", "jk-only", "by-form", "endings",
        "precedence", "above-one", "array",
    ],
)
def test_particle_share_mistakes_are_named(fn, category):
    failing("nb06-particle-share", fn, category)


def test_a_mistake_that_only_shows_on_homographs_fails_there():
    """형태로 고른 답은 '꼴이 같은 다른 품사' 사례에서 그 이름으로 틀립니다 (같은 형태의 다른 품사를 셈)."""
    record = failing("nb06-particle-share", share_where(lambda form, tag: form in PARTICLE_FORMS), "by-form")
    by_case = {c.id: c for c in record.cases}
    assert by_case["homographs"].status == "fail" and by_case["homographs"].category == "by-form"
    assert "품사 태그로" in record.message


def test_nan_when_there_are_no_particles_is_not_a_pass():
    def mean_times_count(words, counts, power):  # 조사 확률의 평균 × 조사 수: 조사가 없으면 빈 평균 = NaN
        probs = np.asarray(counts, dtype=np.float64) ** power
        probs = probs / probs.sum()
        chosen = np.array([w.rsplit("/", 1)[1].startswith("J") for w in words])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return float(probs[chosen].mean() * chosen.sum())

    record = failing("nb06-particle-share", mean_times_count, "nan-or-inf")
    assert [c.id for c in record.cases if c.status == "fail"] == ["no-particles"]
    assert "NaN" in record.message


def particle_share_loop(words, counts, power):
    """반복문과 split (형태에 '/' 가 없으므로 split 으로도 됨), 파이썬 float."""
    total = particles = 0.0
    for word, count in zip(words, counts.tolist(), strict=True):
        weight = float(count) ** power
        total += weight
        if word.split("/")[-1][0] == "J":
            particles += weight
    return particles / total


def particle_share_with_noise(words, counts, power):
    """sgns.noise_distribution 으로 잡음 분포를 만든 뒤 조사의 확률을 더함 (부품을 쓰는 것은 괜찮음)."""
    import sgns

    probs = sgns.noise_distribution(counts, power)
    return np.float32(sum(p for word, p in zip(words, probs, strict=True) if word.rpartition("/")[2][:1] == "J"))


@pytest.mark.parametrize("fn", [SOLUTION, particle_share_loop, particle_share_with_noise])
def test_particle_share_alternatives_pass(fn):
    passes("nb06-particle-share", fn)


def test_using_the_lesson_tag_helper_counts_as_the_reference():
    from sgns.lessons.korean import is_particle

    def with_helper(words, counts, power):
        weights = np.asarray(counts, dtype=np.float64) ** power
        chosen = np.array([is_particle(w) for w in words])
        return float(weights[chosen].sum() / weights.sum())

    failing("nb06-particle-share", with_helper, "reference-implementation")


def test_cases_are_what_their_labels_say():
    cases = {c.id: c for c in make_cases()}
    tags = {w.rsplit("/", 1)[1] for w in cases["tiny"].args["words"]}
    assert {"JX", "JKB", "JKO", "JC", "MAJ", "EF"} <= tags  # 모든 실수를 구별할 품사가 들어 있음
    forms = [w.rsplit("/", 1)[0] for w in cases["homographs"].args["words"]]
    assert forms.count("이") == 4 and forms.count("가") == 2
    assert not any(w.rsplit("/", 1)[1].startswith("J") for w in cases["no-particles"].args["words"])
    large = cases["large-input"].args
    assert len(large["words"]) == 50_000 and large["counts"].min() >= 1
    share = SOLUTION(large["words"], large["counts"], large["power"])
    assert 0.05 < share < 0.5  # 조사가 흔하지만 전부는 아님
    assert [c.args["power"] for c in cases.values()] == [0.75, 1.0, 0.0, 0.75, 0.75, 0.5]
