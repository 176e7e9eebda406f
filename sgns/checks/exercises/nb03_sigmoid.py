"""03 연습문제: 오버플로가 나지 않는 시그모이드 ``sigmoid(x)`` (원소별).

값은 원소마다 상대 오차로 비교합니다. 그래서 1 / (1 + np.exp(-x))는 경고를 꺼도 틀립니다:
x = -720에서 σ(x) = e^{-720} ≈ 2e-313 인데, e^{720}이 오버플로로 inf가 되어 0이 나옵니다.
float32로 계산한 답은 float32로 나타낼 수 있는 만큼만 봅니다 (x = -100에서 σ ≈ 3.7e-44).
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import array_judge, hinted
from sgns.functions import sigmoid as reference_sigmoid

CATEGORIES = {
    "naive-formula": "1 / (1 + e^{-x})를 그대로 써서 큰 음수에서 오버플로",
    "sign": "σ(-x)를 계산함 (부호 반대)",
    "tanh-form": "0.5 (1 + tanh(x/2))로 계산해 아주 작은 확률이 0이 됨",
    "wrong-function": "시그모이드가 아닌 함수 (tanh 등)",
}


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    rows = [
        ("small", "작은 값", np.array([-2.0, -1.0, 0.0, 1.0, 2.0])),
        ("matrix", "2차원 배열", rng.normal(scale=3.0, size=(3, 4))),
        ("extremes", "아주 큰 양수와 음수", np.array([-1e4, -1000.0, -50.0, 0.0, 50.0, 1000.0, 1e4])),
        ("tiny-probabilities", "아주 작은 확률: σ(-720) ≈ 2e-313", np.array([-745.0, -720.0, -100.0, -40.0, 40.0])),
        ("random", "무작위 30개", rng.normal(scale=20.0, size=30)),
        ("large-input", "큰 입력 (500, 400)", rng.normal(scale=50.0, size=(500, 400))),
    ]
    return Case.table(("x",), rows)


HINTS = {
    "naive-formula": "1 / (1 + np.exp(-x))를 그대로 쓰면 x가 큰 음수일 때 np.exp(-x)에서 오버플로(inf)가 "
    "납니다. "
    "그러면 아주 작은 확률이 0이 됩니다 (경고를 꺼도 값이 틀립니다). "
    "x < 0에서는 e^x / (1 + e^x)로 계산하세요. e^{-|x|}만 쓰면 오버플로가 나지 않습니다.",
    "tanh-form": "0.5 (1 + tanh(x/2))는 오버플로는 없습니다. 하지만 x가 큰 음수이면 1 + tanh가 0으로 "
    "반올림됩니다. 그래서 아주 작은 확률이 0이 됩니다 (그 log는 -inf). e^{-|x|}를 쓰는 식으로 계산하세요.",
    "sign": "부호가 반대입니다: σ(x) = 1 / (1 + e^{-x})입니다 (e^{+x}가 아님). σ(0) = 0.5, σ(2) ≈ 0.88.",
    "wrong-function": "시그모이드 대신 tanh를 계산했습니다. σ(x) = 1 / (1 + e^{-x})입니다.",
}


def _sigmoid_variants(x: np.ndarray, got: np.ndarray):
    xs = x.astype(got.dtype if got.dtype.kind == "f" else np.float64)
    with np.errstate(all="ignore"):
        naive, tanh_form = 1 / (1 + np.exp(-xs)), 0.5 * (1 + np.tanh(xs / 2))
    variants = [("naive-formula", naive), ("tanh-form", tanh_form), ("sign", reference_sigmoid(-x))]
    return hinted(HINTS, [*variants, ("wrong-function", np.tanh(x))])


judge = array_judge(reference_sigmoid, lambda case, got, want: _sigmoid_variants(case.args["x"], got), relative=True)


EXERCISE = Exercise(
    id="nb03-sigmoid",
    function="sigmoid",
    signature="sigmoid(x) -> x와 같은 형태",
    title="sigmoid (안정한 시그모이드)",
    summary="{n}개 사례 (x = ±1e4, 아주 작은 확률 σ(-720) 포함)에서 값이 맞고 오버플로 경고가 없습니다.",
    points=2,
    order=1,
    references={"sgns.functions.log_sigmoid": None},
)
