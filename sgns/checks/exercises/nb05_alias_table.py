"""05 연습문제 (선택): 잡음 샘플러의 별칭 표 ``build_alias_table(probs) -> (prob, alias)``.

별칭 표로 뽑는 법: 칸 i 를 균등하게 고르고, 확률 prob[i] 로 i 를, 아니면 alias[i] 를 냅니다. 그러면 단어 w 가
뽑힐 확률은

    P(w) = (prob[w] + Σ_{i: alias[i] = w} (1 - prob[i])) / V

입니다. 올바른 표는 여럿이므로 (작은 칸을 처리하는 순서 등) 표 자체가 아니라 이 식으로 구한 *분포* 가
probs 와 같은지 확인합니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._values import as_array, difference, fmt, unpack

CATEGORIES = {
    "not-scaled": "확률에 V 를 곱하지 않음",
    "prob-out-of-range": "prob 에 0 미만이나 1 초과 값",
    "alias-out-of-range": "alias 에 어휘 밖 인덱스",
    "alias-not-integer": "alias 가 정수가 아님",
    "swapped-outputs": "(alias, prob) 순서로 돌려줌",
    "wrong-leftover": "큰 칸에서 (1 - prob[작은 칸]) 대신 다른 값을 뺌",
    "alias-not-set": "작은 칸의 alias 를 정하지 않음",
    "wrong-distribution": "표가 나타내는 분포가 probs 와 다름",
}

NAMES = ("prob", "alias")
TOLERANCE = 1e-9  # 분포의 원소별 절대 오차 허용


def implied_distribution(prob: np.ndarray, alias: np.ndarray) -> np.ndarray:
    """별칭 표 (prob, alias) 로 뽑을 때 단어마다 뽑힐 확률 (V,)."""
    V = len(prob)
    prob = np.clip(prob.astype(np.float64), 0.0, 1.0)
    return (prob + np.bincount(alias, weights=1.0 - prob, minlength=V)) / V


def _vose(probs: np.ndarray, *, scale=True, leftover="ok", set_alias=True) -> tuple[np.ndarray, np.ndarray]:
    """학생이 흔히 쓰는 반복문 Vose (작은 칸, 큰 칸 스택) 에 실수 하나를 넣은 것.

    scale=False: V 를 곱하지 않음, leftover="prob": 큰 칸에서 prob[s] 를 뺌, set_alias=False: alias 를 안 정함.
    """
    V = len(probs)
    scaled = probs.astype(np.float64) * (V if scale else 1)
    prob = np.zeros(V)
    alias = np.zeros(V, dtype=np.int64)
    small = [i for i in range(V) if scaled[i] < 1.0]
    large = [i for i in range(V) if scaled[i] >= 1.0]
    while small and large:
        s, g = small.pop(), large.pop()
        prob[s] = scaled[s]
        if set_alias:
            alias[s] = g
        scaled[g] -= (1.0 - scaled[s]) if leftover == "ok" else scaled[s]
        (small if scaled[g] < 1.0 else large).append(g)
    for i in small + large:
        prob[i] = 1.0
    return prob, alias


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    zipf = 1.0 / np.arange(1, 51) ** 1.1
    big = rng.random(50_000) ** 3
    return [
        Case("three-words", "단어 3개", {"probs": np.array([0.5, 0.3, 0.2])}),
        Case("uniform", "균등 분포 V=4", {"probs": np.full(4, 0.25)}),
        Case("with-zeros", "확률 0 인 단어가 있음", {"probs": np.array([0.0, 0.6, 0.0, 0.3, 0.1])}),
        Case("skewed", "한 단어가 대부분 V=6", {"probs": np.array([0.9, 0.04, 0.03, 0.015, 0.01, 0.005])}),
        Case("zipf-50", "Zipf 분포 V=50", {"probs": zipf / zipf.sum()}),
        Case("large-input", "큰 어휘 V=50,000", {"probs": big / big.sum()}),
    ]


def judge(ctx, case: Case) -> None:
    probs = case.args["probs"]
    V = len(probs)
    result, _ = ctx.call()
    first, second = unpack(ctx, result, NAMES)
    first_arr, second_arr = np.asarray(first), np.asarray(second)
    if (
        V > 1
        and first_arr.shape == second_arr.shape == (V,)
        and first_arr.dtype.kind in "iu"
        and second_arr.dtype.kind == "f"
    ):
        ctx.fail(
            "swapped-outputs",
            f"prob 자리에 정수 배열 {fmt(first_arr)} 이 왔습니다.",
            "(prob, alias) 순서로 돌려주세요.",
        )
    prob = as_array(ctx, first, "prob", (V,))
    alias = as_array(ctx, second, "alias", (V,))
    if alias.dtype.kind not in "iu":
        if not np.all(alias == np.round(alias)):
            ctx.fail("alias-not-integer", f"alias 는 단어 인덱스(정수)여야 합니다. 받은 값: {fmt(alias)}")
        alias = alias.astype(np.int64)
    if alias.size and (alias.min() < 0 or alias.max() >= V):
        ctx.fail("alias-out-of-range", f"alias 에 0 이상 {V} 미만이 아닌 인덱스가 있습니다: {fmt(alias)}")
    prob = prob.astype(np.float64)
    if not np.all(np.isfinite(prob)) or prob.min() < -1e-12 or prob.max() > 1 + 1e-9:
        hint = None
        if np.isclose(prob.sum(), V) and np.allclose(prob, probs * V):
            hint = "V 를 곱한 값을 그대로 두었습니다. 큰 칸은 작은 칸을 채운 만큼 (1 - prob[작은 칸]) 줄여야 합니다."
        ctx.fail(
            "prob-out-of-range",
            f"prob 는 0 이상 1 이하여야 합니다 (칸 안에서 그 단어를 고를 확률). 받은 값: {fmt(prob)}",
            hint,
        )
    got = implied_distribution(prob, alias)
    if np.allclose(got, probs, rtol=0, atol=TOLERANCE):
        ctx.fail_on_warnings()
        return
    problem = (
        "표가 나타내는 분포 P(w) = (prob[w] + Σ_{alias[i] = w} (1 - prob[i])) / V 가 probs 와 다릅니다.\n"
        + difference("P(w)", got, probs)
    )
    unscaled = implied_distribution(*_vose(probs, scale=False))
    if np.allclose(prob, probs, atol=TOLERANCE) or np.allclose(got, unscaled, atol=TOLERANCE):
        ctx.fail(
            "not-scaled",
            problem,
            "probs 에 V 를 곱하지 않았습니다. 칸이 V 개이고 칸마다 넓이가 1 이므로 scaled = probs * V 로 시작합니다.",
        )
    variants = [
        (
            "wrong-leftover",
            _vose(probs, leftover="prob"),
            "큰 칸에서 prob[작은 칸] 을 뺐습니다. 작은 칸을 채우는 데 쓴 만큼, 즉 1 - prob[작은 칸] 을 빼야 합니다.",
        ),
        (
            "alias-not-set",
            _vose(probs, set_alias=False),
            "작은 칸의 alias 를 정하지 않았습니다: alias[작은 칸] = 큰 칸.",
        ),
    ]
    for category, (var_prob, var_alias), hint in variants:
        if np.allclose(implied_distribution(var_prob, var_alias), got, atol=TOLERANCE):
            ctx.fail(category, problem, hint)
    ctx.fail("wrong-distribution", problem)


EXERCISE = Exercise(
    id="nb05-alias-table",
    function="build_alias_table",
    signature="build_alias_table(probs) -> (prob (V,), alias (V,) int)",
    title="build_alias_table (별칭 표, 선택)",
    summary="{n}개 사례 (확률 0 인 단어, 큰 어휘 포함)에서 표가 나타내는 분포가 probs 와 같습니다.",
    points=2,
    optional=True,
    order=3,
    references={"sgns.sampling._build_alias_table": None},
)
