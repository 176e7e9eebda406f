"""03 개념 확인: ``chapter3_quiz() -> {문항: 답}`` (수 둘과 객관식 셋).

수로 답하는 문항의 정답은 `sgns.sigmoid`, `sgns.log_sigmoid`로 계산합니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import Exercise
from sgns.checks._judges import Choice, Number
from sgns.functions import log_sigmoid, sigmoid

SIGMA_GIVEN = 0.8  # 문항 'σ(-s)': σ(s) = 0.8 일 때
LOG_SIGMA_AT = -800.0  # 문항 'log σ(-800)'
ABC = ("가", "나", "다")

QUESTIONS = {
    "σ(-s)": Number(
        float(sigmoid(-np.log(SIGMA_GIVEN / (1 - SIGMA_GIVEN)))),
        1e-3,
        "3.2절의 대칭성을 다시 보세요: σ(-x)와 σ(x)를 더하면 얼마인가요?",
    ),
    "log σ(-800)": Number(
        float(log_sigmoid(LOG_SIGMA_AT)),
        1e-2,
        "3.2절의 '안정한 시그모이드로도 모자란 곳'과 유도 1을 다시 보세요: x가 큰 음수이면 log(1 + e^x)는 "
        "거의 0입니다. -inf는 교과서 식이 반올림으로 낸 값입니다.",
    ),
    "부정 쌍의 목표": Choice(
        ABC, "나", "3.3절을 다시 읽으세요: 부정 쌍에서 1에 가깝게 만들 값은 '가짜일 확률'입니다."
    ),
    "밀어내기": Choice(
        ABC,
        "가",
        "3.3절의 2차원 그림을 다시 보세요: 부정 쌍의 항은 내적 u_k·v_c를 줄이는 쪽으로 v_c를 움직입니다.",
    ),
    "K 를 줄이면": Choice(
        ABC,
        "다",
        "3.5절의 실험과 생각해 볼 문제 3을 다시 보세요: 확률의 높이는 log K가 정하는 기준선에 달려 있습니다.",
    ),
}


EXERCISE = Exercise(
    id="nb03-quiz",
    function="chapter3_quiz",
    signature="chapter3_quiz() -> {문항: 답}",
    title="3장 개념 확인",
    summary=f"{len(QUESTIONS)}문항 모두 맞았습니다.",
    points=1,
    partial_credit=False,
    order=2,  # 로그-시그모이드 (order=2) 와 같고, id 순서로 그 뒤
)
