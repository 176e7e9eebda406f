"""04 개념 확인 퀴즈 (4b, 학습 반복문과 평가): ``quiz_04b() -> {문항 번호: 답}``.

문항 1 (출발점의 손실) 과 문항 3 (Fisher z 구간의 아래 끝) 은 수 (허용 오차 0.002, 0.003), 나머지는 객관식입니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import Exercise
from sgns.checks._judges import Choice, Number

K = 5
RHO, N_PAIRS = 0.6, 96

QUESTIONS = {
    1: Number(
        (K + 1) * float(np.log(2)),
        0.002,
        "모든 내적이 0 이면 모든 σ 가 1/2 입니다. 쌍 하나의 손실에 -log σ 항이 몇 개인지 세어 보세요 "
        "(긍정 1개 + 부정 K개).",
    ),
    2: Choice(
        ("학습이 시작되지 않는다", "손실이 더 빨리 줄어든다", "결과가 같다"),
        "학습이 시작되지 않는다",
        "4장 유도 2 의 세 기울기에 v_c = 0, u = 0 을 넣어 보세요. 모두 0 이면 한 걸음도 움직이지 않습니다.",
    ),
    3: Number(
        float(np.tanh(np.arctanh(RHO) - 1.96 * 1.03 / np.sqrt(N_PAIRS - 3))),
        0.003,
        "1.03/√(n-3) 은 ρ 가 아니라 z = artanh ρ 의 표준오차입니다. z 척도에서 1.96 × 표준오차를 빼고 "
        "tanh 로 되돌리세요.",
    ),
    4: Choice(
        ("두 모델이 같다는 증거다", "이 평가로는 차이를 찾지 못했다", "ρ 가 큰 모델이 더 낫다"),
        "이 평가로는 차이를 찾지 못했다",
        "0 을 포함하는 구간은 증거가 없다는 뜻이지, 같다는 증거가 아닙니다 (4.7절). "
        "같은 알고리즘이라는 증거는 손실의 일치였습니다.",
    ),
    5: Choice(
        ("순위가 코사인과 같다", "길이가 긴 단어가 위로 올라온다"),
        "길이가 긴 단어가 위로 올라온다",
        "질의 벡터의 길이는 모든 단어에 같은 수로 곱해지므로 순위를 바꾸지 않습니다. 행의 길이는 단어마다 다릅니다.",
    ),
}


EXERCISE = Exercise(
    id="nb04-training-quiz",
    function="quiz_04b",
    signature="quiz_04b() -> {문항 번호: 답}",
    title="4장 둘째 시간 개념 확인",
    summary=f"{len(QUESTIONS)}문항 모두 맞았습니다.",
    points=2,
    order=9,
)
