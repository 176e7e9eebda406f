"""03 연습문제: 오버플로가 나지 않는 로그-시그모이드 ``log_sigmoid(x)`` = log σ(x) (원소별).

    log σ(x) = min(x, 0) - log(1 + e^{-|x|})

np.log(sigmoid(x))는 x = -1e4에서 σ(x)가 0이 되어 -inf이고 (경고를 꺼도 값이 틀림),
-np.log1p(np.exp(-x))는 e^{-x}에서 오버플로가 나 -inf입니다. 둘 다 값으로 잡습니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import array_judge, hinted
from sgns.functions import log_sigmoid as reference_log_sigmoid
from sgns.functions import sigmoid as reference_sigmoid

CATEGORIES = {
    "log-of-sigmoid": "np.log(sigmoid(x))로 계산해 큰 음수에서 -inf",
    "exp-overflow": "-log(1 + e^{-x})로 계산해 e^{-x}에서 오버플로",
    "sign": "log σ(-x)를 계산함",
    "negated": "-log σ(x) (손실)를 돌려줌",
    "missing-min": "min(x, 0) 항을 빠뜨림",
    "max-instead-of-min": "min(x, 0) 대신 max(x, 0)",
    "missing-log": "log를 빠뜨림 (σ(x)를 돌려줌)",
}


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    rows = [
        ("small", "작은 값", np.array([-2.0, -1.0, 0.0, 1.0, 2.0])),
        ("matrix", "2차원 배열", rng.normal(scale=3.0, size=(3, 4))),
        ("extremes", "아주 큰 양수와 음수", np.array([-1e4, -1000.0, -720.0, -50.0, 0.0, 50.0, 1000.0, 1e4])),
        ("random", "무작위 30개", rng.normal(scale=20.0, size=30)),
        ("large-input", "큰 입력 (500, 400)", rng.normal(scale=50.0, size=(500, 400))),
    ]
    return Case.table(("x",), rows)


HINTS = {
    "log-of-sigmoid": "log(σ(x))를 따로 계산하면 x가 큰 음수일 때 σ(x)가 언더플로로 0이 됩니다. "
    "그러면 log 0 = -inf입니다 (경고를 꺼도 값이 틀립니다). "
    "한 식으로 계산하세요: log σ(x) = min(x, 0) - log(1 + e^{-|x|}).",
    "exp-overflow": "-log(1 + e^{-x})를 그대로 쓰면 x가 큰 음수일 때 e^{-x}에서 오버플로가 나 -inf가 됩니다. "
    "log(1 / (1 + e^{-x}))도 같습니다. e^{-|x|}만 쓰세요: log σ(x) = min(x, 0) - log(1 + e^{-|x|}).",
    "sign": "log σ(-x)를 계산했습니다. log σ(x)는 x가 클수록 0에 가깝고, x가 큰 음수이면 약 x입니다.",
    "negated": "부호가 반대입니다: -log σ(x)는 손실이고, 이 함수는 log σ(x) (항상 0 이하)를 돌려줘야 합니다.",
    "missing-min": "min(x, 0) 항을 빠뜨렸습니다. -log(1 + e^{-|x|}) 만으로는 x < 0에서 틀립니다: "
    "log σ(x) = min(x, 0) - log(1 + e^{-|x|}).",
    "max-instead-of-min": "min(x, 0) 대신 max(x, 0)을 썼습니다. log σ(x) ≤ 0이므로 min이어야 합니다.",
    "missing-log": "σ(x)를 돌려줬습니다. log를 씌운 log σ(x)여야 합니다.",
}


def _log_sigmoid_variants(x: np.ndarray):
    with np.errstate(all="ignore"):
        e_abs = np.log1p(np.exp(-np.abs(x)))
        overflowing = [("exp-overflow", -np.log1p(np.exp(-x))), ("exp-overflow", -np.log(1 + np.exp(-x)))]
        variants = [("log-of-sigmoid", np.log(reference_sigmoid(x))), *overflowing]
    return hinted(
        HINTS,
        [
            *variants,
            ("sign", reference_log_sigmoid(-x)),
            ("negated", -reference_log_sigmoid(x)),
            ("missing-min", -e_abs),
            ("max-instead-of-min", np.maximum(x, 0) - e_abs),
            ("missing-log", reference_sigmoid(x)),
        ],
    )


judge = array_judge(reference_log_sigmoid, lambda case, got, want: _log_sigmoid_variants(case.args["x"]))


EXERCISE = Exercise(
    id="nb03-log-sigmoid",
    function="log_sigmoid",
    signature="log_sigmoid(x) -> x와 같은 형태",
    title="log_sigmoid (안정한 로그-시그모이드)",
    summary="{n}개 사례 (x = ±1e4, -720 포함)에서 값이 맞고 오버플로 경고가 없습니다.",
    points=2,
    order=2,
    references={},
)
