"""03 숫자로 확인 1: ``log_sigmoid_numbers() -> {"log σ(-2)": 값, "도함수": 값}``.

유도 1의 식으로 손 계산한 log σ(-2)와 x = -2 에서의 d/dx log σ(x). 정답은 `sgns.log_sigmoid`와
`sgns.sigmoid`로 계산합니다 (도함수는 σ(-x)). 손 계산이므로 ±0.002를 허용합니다.
"""

from __future__ import annotations

from sgns.checks._harness import Exercise
from sgns.checks._judges import Number
from sgns.functions import log_sigmoid, sigmoid

AT = -2.0

QUESTIONS = {
    "log σ(-2)": Number(
        float(log_sigmoid(AT)),
        2e-3,
        "유도 1의 식에서 x < 0 쪽을 쓰세요: min(x, 0) - log(1 + e^{-|x|}). 값은 음수여야 합니다.",
    ),
    "도함수": Number(
        float(sigmoid(-AT)),
        2e-3,
        "x < 0 쪽 식 x - log(1 + e^x)를 미분하세요: 1에서 e^x / (1 + e^x)를 뺀 것입니다. 0과 1 사이의 값입니다.",
    ),
}


EXERCISE = Exercise(
    id="nb03-log-sigmoid-numbers",
    function="log_sigmoid_numbers",
    signature='log_sigmoid_numbers() -> {"log σ(-2)": 값, "도함수": 값}',
    title="숫자로 확인 1 (log σ(-2)와 도함수)",
    summary="손으로 계산한 log σ(-2)와 그 도함수가 맞습니다.",
    points=1,
    partial_credit=False,
    order=0,
)
