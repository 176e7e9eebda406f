"""02 연습문제: naive softmax 손실과 기울기.

``naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors)``

J = -log ŷ_o,  ŷ = softmax(U v_c),  ∂J/∂v_c = Uᵀ(ŷ - y),  ∂J/∂U = (ŷ - y) v_cᵀ
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import gradient_problem, hinted, loss_judge, rows_with_scores
from sgns.checks._values import all_finite, close, difference, same_values
from sgns.functions import softmax as reference_softmax
from sgns.softmax_loss import naive_softmax_loss_and_gradient as reference_naive_softmax

CATEGORIES = {
    "loss-sign": "손실의 부호가 반대",
    "loss-no-log": "손실에 -log를 씌우지 않음",
    "loss-not-log-sum-exp": "-log(softmax)로 계산해 점수가 멀면 손실이 inf",
    "grad-sign": "기울기의 부호가 반대 (y - ŷ)",
    "center-missing-y": "∂J/∂v_c에서 u_o를 빼지 않음",
    "outside-missing-y": "∂J/∂U의 o 번째 행에서 v_c를 빼지 않음",
    "only-row-o": "∂J/∂U에 o 번째 행만 채움",
}


# 흔한 실수마다의 안내 (범주 id -> 설명; 같은 범주의 ctx.fail 이 함께 씀)
HINTS = {
    "loss-not-log-sum-exp": "ŷ_o가 언더플로로 0이 되어 -log 0 = inf가 되었습니다. "
    "정답 점수가 가장 큰 점수보다 훨씬 작으면 이렇게 됩니다. 손실은 log-sum-exp로 계산하세요. "
    "m이 최댓값일 때 J = log Σ_w e^{s_w} - s_o = m + log Σ_w e^{s_w - m} - s_o입니다.",
    "loss-sign": "손실의 부호가 반대입니다. J = -log ŷ_o이므로 항상 0 이상이어야 합니다.",
    "loss-no-log": "확률 ŷ_o를 그대로 돌려줬습니다. 손실에는 -log를 씌워야 합니다: J = -log ŷ_o.",
    "grad-sign": "기울기의 부호가 반대입니다. y - ŷ가 아니라 ŷ - y (예측 - 정답)입니다.",
    "center-missing-y": "∂J/∂v_c에 정답 항이 빠졌습니다: ∂J/∂v_c = Uᵀ(ŷ - y) = Uᵀŷ - u_o. u_o를 빼세요.",
    "outside-missing-y": "∂J/∂U에 정답 항이 빠졌습니다: ∂J/∂U = (ŷ - y) v_cᵀ이므로 o 번째 행에서 v_c를 빼야 합니다.",
    "only-row-o": "o 번째 행만 기울기가 있습니다. 소프트맥스의 분모에 모든 단어가 들어가므로 "
    "∂J/∂U = (ŷ - y) v_cᵀ는 모든 행이 0이 아닙니다.",
}


def _naive_softmax_case(case_id: str, label: str, rng, V: int, d: int, outside_idx: int, scale=1.0) -> Case:
    args = {
        "center_vec": rng.normal(scale=scale, size=d),
        "outside_idx": outside_idx,
        "outside_vectors": rng.normal(scale=scale, size=(V, d)),
    }
    return Case(case_id, label, args)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    center = rng.normal(size=4)
    far_scores = [900.0, 0.0, -20.0, 850.0, 10.0, 3.0]
    return [
        _naive_softmax_case("small", "작은 예 V=5, d=3", rng, V=5, d=3, outside_idx=2),
        _naive_softmax_case("last-word", "정답이 마지막 단어 V=7, d=4", rng, V=7, d=4, outside_idx=6),
        _naive_softmax_case("scaled", "무작위 V=10, d=5, 점수가 큼", rng, V=10, d=5, outside_idx=0, scale=2.0),
        Case(
            "far-apart-scores",
            "점수가 서로 멀리 떨어짐 (정답 점수 0, 가장 큰 점수 900)",
            {"center_vec": center, "outside_idx": 1, "outside_vectors": rows_with_scores(rng, center, far_scores)},
        ),
        _naive_softmax_case("large-input", "큰 어휘 V=20,000, d=50", rng, V=20_000, d=50, outside_idx=777),
    ]


def _naive_softmax_loss_problem(ctx, case, got, want) -> None:
    v_c, o, U = (case.args[k] for k in ("center_vec", "outside_idx", "outside_vectors"))
    got_loss, want_loss = got[0], want[0]
    problem = difference("loss", got_loss, want_loss)
    if not all_finite(got_loss):
        ctx.fail("loss-not-log-sum-exp", problem, HINTS["loss-not-log-sum-exp"])
    y_hat_o = reference_softmax(U @ v_c)[o]
    variants = [("loss-sign", -want_loss), ("loss-no-log", y_hat_o), ("loss-no-log", -y_hat_o)]
    ctx.fail_matching(got_loss, hinted(HINTS, variants), problem)
    ctx.fail("wrong-value", problem)


def _naive_softmax_gradient_problem(ctx, case, got, want) -> None:
    v_c, o, U = (case.args[k] for k in ("center_vec", "outside_idx", "outside_vectors"))
    V = len(U)
    others = np.setdiff1d(np.arange(V), [o])
    problem = gradient_problem(got, want, {"주변 단어 o의 행 u_o": [o], "나머지 행": others})
    which = 1 if not close(got[1], want[1]) else 2
    y_hat = reference_softmax(U @ v_c)
    g_center, g_outside = got[1], got[2]
    if same_values(g_center, -want[1]) and same_values(g_outside, -want[2]):
        ctx.fail("grad-sign", problem, HINTS["grad-sign"])
    if which == 1 and same_values(g_center, U.T @ y_hat):
        ctx.fail("center-missing-y", problem, HINTS["center-missing-y"])
    if same_values(g_outside, np.outer(y_hat, v_c)):
        ctx.fail("outside-missing-y", problem, HINTS["outside-missing-y"])
    if np.allclose(np.delete(g_outside, o, axis=0), 0.0) and not np.allclose(want[2][others], 0.0):
        ctx.fail("only-row-o", problem, HINTS["only-row-o"])
    ctx.fail("nan-or-inf" if not (all_finite(g_center) and all_finite(g_outside)) else "wrong-value", problem)


judge = loss_judge(reference_naive_softmax, _naive_softmax_loss_problem, _naive_softmax_gradient_problem)


EXERCISE = Exercise(
    id="nb02-naive-softmax-loss",
    function="naive_softmax_loss_and_gradient",
    signature="naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors) -> (loss, (d,), (V, d))",
    title="naive_softmax_loss_and_gradient (naive softmax 손실과 기울기)",
    summary="{n}개 사례 (점수가 멀리 떨어진 경우, 큰 어휘 포함)에서 손실과 두 기울기가 모두 맞습니다.",
    points=3,
    order=3,
    references={},
)
