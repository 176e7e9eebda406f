"""02 개념 확인: ``chapter2_quiz() -> {문항: 답}`` (객관식 하나와 수 셋; 마지막은 유도 2의 숫자로 확인).

수로 답하는 문항의 정답은 계산합니다: float32에서 exp가 오버플로를 내는 점수는 log(float32의 최댓값),
∂J/∂s의 원소 합은 `sgns.softmax`로 만든 ŷ - y의 합, ∂J/∂v_c는 `sgns.naive_softmax_loss_and_gradient`.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import Exercise
from sgns.checks._judges import Choice, Number
from sgns.functions import softmax
from sgns.softmax_loss import naive_softmax_loss_and_gradient

SUM_SCORES = np.array([3.0, -1.0, 0.5, 2.0])  # 문항 'ŷ - y 의 합': 점수 4개, 정답 o = 1
SUM_OUTSIDE = 1
OUTSIDE_VECTORS = np.array([[1.0, 0.0], [0.0, 1.0]])  # 문항 '∂J/∂v_c': u_0 = (1, 0), u_1 = (0, 1)
CENTER_VEC = np.array([1.0, 0.0])  # v_c = (1, 0), 정답 o = 0

QUESTIONS = {
    "갱신 한 번의 비용": Choice(
        ("O(d)", "O(Kd)", "O(Vd)", "O(V²d)"),
        "O(Vd)",
        "2.3절과 2.5절을 다시 읽으세요: 분모의 합과 ∂J/∂U가 어휘의 모든 행을 건드리고, 행 하나는 d개 원소입니다.",
    ),
    "넘치는 점수": Number(
        float(np.log(np.finfo(np.float32).max)),
        1.0,
        "2.2절 첫 셀을 다시 보세요: 학습기가 벡터를 저장하는 float32에서 exp(s)가 inf가 되기 시작하는 s입니다.",
    ),
    "ŷ - y 의 합": Number(
        float(np.sum(softmax(SUM_SCORES) - np.eye(len(SUM_SCORES))[SUM_OUTSIDE])),
        1e-3,
        "2.4절의 유도 1을 다시 보세요: ŷ의 원소 합과 y의 원소 합을 각각 생각해 보세요.",
    ),
    "∂J/∂v_c": Number(
        tuple(float(x) for x in naive_softmax_loss_and_gradient(CENTER_VEC, 0, OUTSIDE_VECTORS)[1]),
        2e-3,
        "유도 2의 식 ∂J/∂v_c = U^T (ŷ - y)로 돌아가세요. 점수 s = U v_c와 확률 ŷ를 먼저 구합니다. "
        "그다음 U의 행을 ŷ - y의 원소로 가중해 더합니다.",
    ),
}


EXERCISE = Exercise(
    id="nb02-quiz",
    function="chapter2_quiz",
    signature="chapter2_quiz() -> {문항: 답}",
    title="2장 개념 확인",
    summary=f"{len(QUESTIONS)}문항 모두 맞았습니다.",
    points=1,
    partial_credit=False,
    order=9,
)
