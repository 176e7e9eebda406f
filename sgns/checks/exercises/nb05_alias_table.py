"""05 연습문제: 잡음 분포의 별칭 표 ``build_alias_table(counts, power) -> (prob, alias)``.

먼저 잡음 분포 P_n(w) = counts^power / Σ counts^power 를 만들고, 그 분포로 Vose 의 별칭 표를 만듭니다.
별칭 표로 뽑는 법: 막대 i 를 균등하게 고르고, 확률 prob[i] 로 i 를, 아니면 alias[i] 를 냅니다. 그러면 단어 w 가
뽑힐 확률은

    P(w) = (prob[w] + Σ_{i: alias[i] = w} (1 - prob[i])) / V

입니다. 올바른 표는 여럿이므로 (작은 막대를 처리하는 순서 등) 표 자체가 아니라 이 식으로 구한 *분포* 가
잡음 분포 P_n 과 같은지 확인합니다. 잡음 분포를 잘못 만든 실수 (지수, 정규화, 연산 순서) 는 그 잘못된 분포로
만든 표와 같은 분포인지로 알아봅니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._values import as_array, difference, fmt, unpack
from sgns.sampling import noise_distribution as reference_noise_distribution

CATEGORIES = {
    "power-ignored": "power 대신 1 (유니그램 분포)",
    "unnormalised": "잡음 분포의 정규화를 빠뜨림",
    "normalise-first": "먼저 정규화한 뒤 거듭제곱함",
    "fixed-power": "power 대신 0.75 로 고정",
    "precedence": "counts ** 3/4 (연산 순서)",
    "not-scaled": "확률에 V 를 곱하지 않음",
    "prob-out-of-range": "prob 에 0 미만이나 1 초과 값",
    "alias-out-of-range": "alias 에 어휘 밖 인덱스",
    "alias-not-integer": "alias 가 정수가 아님",
    "swapped-outputs": "(alias, prob) 순서로 돌려줌",
    "wrong-leftover": "큰 막대에서 (1 - prob[작은 막대]) 대신 다른 값을 뺌",
    "alias-not-set": "작은 막대의 alias 를 정하지 않음",
    "wrong-distribution": "표가 나타내는 분포가 잡음 분포와 다름",
}

NAMES = ("prob", "alias")
TOLERANCE = 1e-9  # 분포의 원소별 절대 오차 허용


def implied_distribution(prob: np.ndarray, alias: np.ndarray) -> np.ndarray:
    """별칭 표 (prob, alias) 로 뽑을 때 단어마다 뽑힐 확률 (V,)."""
    V = len(prob)
    prob = np.clip(prob.astype(np.float64), 0.0, 1.0)
    return (prob + np.bincount(alias, weights=1.0 - prob, minlength=V)) / V


def _vose(probs: np.ndarray, *, scale=True, leftover="ok", set_alias=True) -> tuple[np.ndarray, np.ndarray]:
    """학생이 흔히 쓰는 반복문 Vose (작은 막대, 큰 막대 스택) 에 실수 하나를 넣은 것.

    scale=False: V 를 곱하지 않음, leftover="prob": 큰 막대에서 prob[s] 를 뺌, set_alias=False: alias 를 안 정함.
    probs 의 합이 1 이 아니어도 (잡음 분포를 잘못 만든 경우) 같은 반복문을 그대로 돌립니다.
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


def _normalised(weights: np.ndarray) -> np.ndarray:
    return weights / weights.sum()


def _noise_variants(counts: np.ndarray, power: float) -> list[tuple[str, np.ndarray, str]]:
    """잡음 분포를 잘못 만든 실수: (범주, 그 실수로 얻는 '확률' 배열 (합이 1 이 아닐 수 있음), 안내)."""
    counts = counts.astype(np.float64)
    with np.errstate(all="ignore"):
        variants = [
            (
                "unnormalised",
                counts**power,
                "잡음 분포의 정규화를 빠뜨렸습니다. 빈도^power 를 그 합으로 나눠야 확률이 됩니다.",
            ),
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
        ]:
            if other != power:
                variants.append((category, _normalised(counts**other), hint))
    return variants


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    zipf = np.maximum(np.round(1000 / np.arange(1, 51) ** 1.1), 1).astype(np.int64)
    return [
        Case("source-example", "원문 예: 빈도 100,000 과 1,000", {"counts": np.array([100_000, 1_000]), "power": 0.75}),
        Case("three-words", "단어 3개, power=1 (유니그램 분포)", {"counts": np.array([5, 3, 2]), "power": 1.0}),
        Case("uniform", "빈도가 모두 같음 V=4", {"counts": np.array([4, 4, 4, 4]), "power": 0.75}),
        Case("small-counts", "작은 빈도", {"counts": np.array([5, 1, 3, 10]), "power": 0.75}),
        Case("power-half", "power=0.5, 무작위 빈도", {"counts": rng.integers(1, 1000, size=10), "power": 0.5}),
        Case("zero-count", "빈도 0 인 단어가 있음", {"counts": np.array([7, 0, 2, 40, 1]), "power": 0.75}),
        Case("skewed", "한 단어가 대부분 V=6", {"counts": np.array([900, 40, 30, 15, 10, 5]), "power": 1.0}),
        Case("zipf-50", "Zipf 빈도 V=50", {"counts": zipf, "power": 0.75}),
        Case(
            "large-input",
            "큰 어휘 V=50,000 (Zipf 빈도)",
            {"counts": np.minimum(rng.zipf(1.2, size=50_000), 10**9).astype(np.int64), "power": 0.75},
        ),
    ]


def judge(ctx, case: Case) -> None:
    counts, power = case.args["counts"], case.args["power"]
    probs = reference_noise_distribution(counts, power)
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
            hint = "V 를 곱한 값을 그대로 두었습니다. 큰 막대는 채워 준 만큼 (1 - prob[작은 막대]) 줄여야 합니다."
        ctx.fail(
            "prob-out-of-range",
            f"prob 는 0 이상 1 이하여야 합니다 (막대 안에서 그 단어를 고를 확률). 받은 값: {fmt(prob)}",
            hint,
        )
    got = implied_distribution(prob, alias)
    if np.allclose(got, probs, rtol=0, atol=TOLERANCE):
        ctx.fail_on_warnings()
        return
    problem = (
        "표가 나타내는 분포 P(w) = (prob[w] + Σ_{alias[i] = w} (1 - prob[i])) / V 가 잡음 분포 P_n 과 다릅니다.\n"
        + difference("P(w)", got, probs)
    )
    # 흔한 실수마다 그 실수로 만든 표의 분포와 비교합니다. 둘 이상과 같으면 (예: V 를 곱하지 않은 표와 정규화하지
    # 않은 잡음 분포의 표는 빈도 0 이 없으면 둘 다 균등 분포) 이 사례로는 확실하지 않다고 표시합니다.
    matches = []
    for category, wrong, hint in _noise_variants(counts, power):
        if np.all(np.isfinite(wrong)) and np.allclose(got, implied_distribution(*_vose(wrong)), atol=TOLERANCE):
            matches.append((category, hint))
    unscaled = implied_distribution(*_vose(probs, scale=False))
    if np.allclose(prob, probs, atol=TOLERANCE) or np.allclose(got, unscaled, atol=TOLERANCE):
        matches.append(
            (
                "not-scaled",
                "잡음 분포에 V 를 곱하지 않았습니다. "
                "막대가 V 개이고 막대마다 넓이가 1 이므로 scaled = probs * V 로 시작합니다.",
            )
        )
    for category, (var_prob, var_alias), hint in [
        (
            "wrong-leftover",
            _vose(probs, leftover="prob"),
            "큰 막대에서 prob[작은 막대] 를 뺐습니다. "
            "작은 막대를 채우는 데 쓴 만큼, 즉 1 - prob[작은 막대] 를 빼야 합니다.",
        ),
        (
            "alias-not-set",
            _vose(probs, set_alias=False),
            "작은 막대의 alias 를 정하지 않았습니다: alias[작은 막대] = 큰 막대.",
        ),
    ]:
        if np.allclose(implied_distribution(var_prob, var_alias), got, atol=TOLERANCE):
            matches.append((category, hint))
    if matches:
        category, hint = matches[0]
        ctx.fail(category, problem, hint, certain=len({c for c, _ in matches}) == 1)
    ctx.fail("wrong-distribution", problem)


EXERCISE = Exercise(
    id="nb05-alias-table",
    function="build_alias_table",
    signature="build_alias_table(counts, power) -> (prob (V,), alias (V,) int)",
    title="build_alias_table (잡음 분포의 별칭 표)",
    summary=(
        "{n}개 사례 (원문의 예, power = 0.75, 1, 0.5, 빈도 0, 큰 어휘 포함)에서 "
        "표가 나타내는 분포가 잡음 분포 P_n 과 같습니다."
    ),
    points=2,
    order=1,
    references={
        "sgns.sampling._build_alias_table": lambda counts, power: (reference_noise_distribution(counts, power),),
    },
)
