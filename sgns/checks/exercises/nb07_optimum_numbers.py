"""07 숫자로 확인 1: ``optimum_numbers() -> {"ℓ'(0)": 값, "x*": 값}``.

#(c,o) = 3, K #(c) P_n(o) = 1.5인 칸의 손실 ℓ(x) = -#(c,o) log σ(x) - K #(c) P_n(o) log σ(-x)에서
ℓ'(0)과 최적 내적 x*. 정답은 `sgns.sigmoid`로 계산합니다 (ℓ'(x) = -#(c,o) σ(-x) + K #(c) P_n(o) σ(x),
ℓ'(x*) = 0의 해). 손 계산이므로 ±0.002를 허용합니다.
"""

from __future__ import annotations

from sgns.checks._harness import Exercise
from sgns.checks._judges import Number
from sgns.functions import sigmoid

POSITIVE, NEGATIVE = 3.0, 1.5  # #(c,o), K #(c) P_n(o)


def cell_slope(x: float) -> float:
    """ℓ'(x) = -#(c,o) σ(-x) + K #(c) P_n(o) σ(x)."""
    return float(-POSITIVE * sigmoid(-x) + NEGATIVE * sigmoid(x))


def _root() -> float:
    """ℓ'(x) = 0의 해 (ℓ'는 증가 함수이므로 이분법)."""
    low, high = -20.0, 20.0
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if cell_slope(middle) < 0 else (low, middle)
    return (low + high) / 2


QUESTIONS = {
    "ℓ'(0)": Number(
        cell_slope(0.0),
        2e-3,
        "유도 1에서 구한 ℓ'(x)에 x = 0을 넣으세요: σ(0) = 1/2입니다. 부호도 확인하세요.",
    ),
    "x*": Number(
        _root(),
        2e-3,
        "유도 1의 최적점 식으로 돌아가세요: ℓ'(x) = 0에서 σ(x)/σ(-x) = e^x를 쓰면 x*는 두 수의 비의 로그입니다.",
    ),
}


EXERCISE = Exercise(
    id="nb07-optimum-numbers",
    function="optimum_numbers",
    signature='optimum_numbers() -> {"ℓ\'(0)": 값, "x*": 값}',
    title="숫자로 확인 1 (ℓ\'(0)과 최적 내적)",
    summary="손으로 계산한 ℓ'(0)과 x*가 맞습니다.",
    points=1,
    partial_credit=False,
    order=1,
)
