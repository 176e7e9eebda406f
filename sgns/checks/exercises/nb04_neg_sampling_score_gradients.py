"""04 연습문제 (유도의 중간 단계): 점수에 대한 네거티브 샘플링 손실의 기울기 ``neg_sampling_score_gradients``.

s_o = u_o·v_c, s_k = u_k·v_c, J = -log σ(s_o) - Σ_k log σ(-s_k) 일 때

    ∂J/∂s_o = σ(s_o) - 1,    ∂J/∂s_k = σ(s_k)

두 항(긍정 항, 네거티브 항)을 따로 판정해, 틀린 항과 그 실수(부호, -1 빠뜨림, σ(-s_k) 등)를 알려 줍니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import compare
from sgns.checks._values import as_array, as_scalar, same_values, unpack
from sgns.functions import sigmoid as reference_sigmoid

CATEGORIES = {
    "positive-sign": "긍정 항 ∂J/∂s_o 의 부호가 반대 (1 - σ(s_o))",
    "positive-missing-minus-one": "긍정 항에서 -1 을 빠뜨림 (σ(s_o))",
    "positive-sigmoid-derivative": "긍정 항에 σ'(s_o) = σ(1 - σ) 를 씀",
    "negative-sigma-flipped": "네거티브 항에 σ(-s_k) 를 씀",
    "negative-sign": "네거티브 항의 부호가 반대 (-σ(s_k))",
    "negative-minus-one": "네거티브 항에서도 1 을 뺌 (σ(s_k) - 1)",
    "negative-sigmoid-derivative": "네거티브 항에 σ'(s_k) = σ(1 - σ) 를 씀",
    "swapped-outputs": "두 반환값의 순서가 바뀜",
}

NAMES = ("grad_positive_score", "grad_negative_scores")


def reference_score_gradients(positive_score, negative_scores):
    """(∂J/∂s_o, ∂J/∂s_k) = (σ(s_o) - 1, σ(s_k)). positive_score: 실수, negative_scores: (K,) -> (실수, (K,))."""
    grad_positive = -float(reference_sigmoid(-float(positive_score)))  # σ(s_o) - 1 = -σ(-s_o), 넘침 없이
    return grad_positive, reference_sigmoid(np.asarray(negative_scores, dtype=np.float64))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    rows = [
        ("small", "작은 예 K=3", 0.8, np.array([-1.2, 0.4, 2.5])),
        ("negative-positive-score", "긍정 점수가 음수", -1.5, np.array([0.7, -0.3])),
        ("single-negative", "네거티브 하나 K=1", 2.0, np.array([1.3])),
        ("extremes", "아주 큰 점수", -800.0, np.array([800.0, -800.0, 35.0, -35.0])),
        ("random", "무작위 K=10", 0.37, rng.normal(scale=3.0, size=10)),
        ("large-input", "큰 입력 K=200,000", 1.1, rng.normal(scale=5.0, size=200_000)),
    ]
    return Case.table(("positive_score", "negative_scores"), rows)


def _positive_variants(s_o: float):
    sig = float(reference_sigmoid(s_o))
    return [
        ("positive-sign", 1.0 - sig, "긍정 항의 부호가 반대입니다: ∂J/∂s_o = σ(s_o) - 1 (항상 0 이하) 입니다."),
        (
            "positive-missing-minus-one",
            sig,
            "긍정 항에서 -1 을 빠뜨렸습니다: -log σ(s_o) 를 미분하면 -(1 - σ(s_o)) = σ(s_o) - 1 입니다.",
        ),
        (
            "positive-sigmoid-derivative",
            sig * (1.0 - sig),
            "긍정 항에 σ'(s_o) = σ(s_o)(1 - σ(s_o)) 를 썼습니다. log 를 먼저 미분하세요: "
            "d/ds [-log σ(s)] = -σ'(s)/σ(s) = σ(s) - 1.",
        ),
    ]


def _negative_variants(s_k: np.ndarray):
    sig = reference_sigmoid(s_k)
    return [
        (
            "negative-sigma-flipped",
            reference_sigmoid(-s_k),
            "네거티브 항에 σ(-s_k) 를 썼습니다: -log σ(-s_k) 를 s_k 로 미분하면 σ(s_k) 입니다 (1 - σ(-s_k) = σ(s_k)).",
        ),
        ("negative-sign", -sig, "네거티브 항의 부호가 반대입니다: ∂J/∂s_k = σ(s_k) (항상 0 이상) 입니다."),
        (
            "negative-minus-one",
            sig - 1.0,
            "네거티브 항에서도 1 을 뺐습니다. σ(s) - 1 은 긍정 항이고, 네거티브 항은 σ(s_k) 입니다.",
        ),
        (
            "negative-sigmoid-derivative",
            sig * (1.0 - sig),
            "네거티브 항에 σ'(s_k) = σ(s_k)(1 - σ(s_k)) 를 썼습니다. log 를 먼저 미분하세요: d/ds [-log σ(-s)] = σ(s).",
        ),
    ]


def judge(ctx, case: Case) -> None:
    s_o, s_k = case.args["positive_score"], case.args["negative_scores"]
    result, _ = ctx.call()
    first, second = unpack(ctx, result, NAMES)
    want_o, want_k = reference_score_gradients(s_o, s_k)
    if len(s_k) > 1 and np.ndim(first) == 1 and np.size(first) == len(s_k) and np.size(second) == 1:
        if same_values(np.asarray(first, dtype=float), want_k) and same_values(float(np.asarray(second)), want_o):
            ctx.fail(
                "swapped-outputs",
                f"({', '.join(NAMES)}) 순서로 돌려줘야 하는데 순서가 바뀌었습니다.",
                "긍정 항 ∂J/∂s_o (실수 하나) 를 먼저, 네거티브 항 ∂J/∂s_k ((K,) 배열) 를 나중에 돌려주세요.",
            )
    got_o = as_scalar(ctx, first, "grad_positive_score (∂J/∂s_o)")
    got_k = as_array(ctx, second, "grad_negative_scores (∂J/∂s_k)", s_k.shape)
    compare(ctx, got_o, want_o, lambda: _positive_variants(s_o), what="∂J/∂s_o", heading="틀린 항: 긍정 항 ∂J/∂s_o")
    compare(ctx, got_k, want_k, lambda: _negative_variants(s_k), what="∂J/∂s_k", heading="틀린 항: 네거티브 항 ∂J/∂s_k")
    ctx.fail_on_warnings()


EXERCISE = Exercise(
    id="nb04-neg-sampling-score-gradients",
    function="neg_sampling_score_gradients",
    signature="neg_sampling_score_gradients(positive_score, negative_scores) -> (float, (K,))",
    title="neg_sampling_score_gradients (점수에 대한 기울기)",
    summary="{n}개 사례 (아주 큰 점수, 큰 입력 포함)에서 ∂J/∂s_o = σ(s_o) - 1, ∂J/∂s_k = σ(s_k) 가 맞습니다.",
    points=2,
    order=1,
    references={
        f"{__name__}.reference_score_gradients": None,
        **dict.fromkeys(
            ["sgns.neg_sampling.neg_sampling_loss_and_gradient", "sgns.neg_sampling.neg_sampling_sparse_gradient"],
            lambda s_o, s_k: (np.ones(1), 0, np.reshape(np.r_[s_o, s_k], (-1, 1)), np.arange(1, np.size(s_k) + 1)),
        ),
        "sgns.neg_sampling.neg_sampling_coefficients": lambda s_o, s_k: (
            np.ones((1, 1)),
            np.ones((1, np.size(s_k) + 1, 1)),
        ),
        "sgns.neg_sampling.neg_sampling_batch": lambda s_o, s_k: (np.ones((1, 1)), np.ones((2, 1)), [0], [0], [[1]]),
    },
)
