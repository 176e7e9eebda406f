"""02 숫자로 확인 1: ``score_gradient_numbers() -> {"∂J/∂s": [세 원소]}``.

점수 s = (2, 0, -1), 정답 o = 0에서 유도 1의 ∂J/∂s. 정답은 `sgns.softmax`로 계산합니다 (ŷ - y).
손 계산이므로 원소마다 ±0.002 (소수 셋째 자리)를 허용하고, 틀린 원소를 알려 줍니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import Exercise
from sgns.checks._judges import Number
from sgns.functions import softmax

SCORES = np.array([2.0, 0.0, -1.0])
OUTSIDE = 0

QUESTIONS = {
    "∂J/∂s": Number(
        tuple(float(x) for x in softmax(SCORES) - np.eye(len(SCORES))[OUTSIDE]),
        2e-3,
        "유도 1의 식으로 돌아가세요: 먼저 소프트맥스 확률 ŷ 세 개를 구하고, w = o인 원소와 w ≠ o인 원소를 "
        "나눠 생각하세요. 부호도 확인하세요.",
    ),
}


EXERCISE = Exercise(
    id="nb02-score-gradient-numbers",
    function="score_gradient_numbers",
    signature='score_gradient_numbers() -> {"∂J/∂s": [세 원소]}',
    title="숫자로 확인 1 (∂J/∂s)",
    summary="손으로 계산한 ∂J/∂s의 세 원소가 맞습니다.",
    points=1,
    partial_credit=False,
    order=3,
)
