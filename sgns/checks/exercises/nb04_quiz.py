"""04 개념 확인 퀴즈 (4장 첫째 시간): ``quiz_04() -> {문항 번호: 답}``.

문항 1, 2, 5 는 노트북의 "숫자로 확인" 과 손으로 계산한 SGD 한 걸음의 값 (수, 허용 오차 0.002), 문항 3, 4 는
객관식입니다 (보기의 글자 그대로). 틀린 문항마다 정답 대신 다시 볼 곳을 알려 줍니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import Exercise
from sgns.checks._judges import Choice, Number
from sgns.functions import sigmoid

_COEF = [float(sigmoid(1.0)) - 1, float(sigmoid(0.0)), float(sigmoid(-1.0))]  # s_o = 1, s_1 = 0, s_2 = -1
_GRAD_V = _COEF[0] * np.array([1.0, 1.0]) + _COEF[1] * np.array([0.0, 1.0]) + _COEF[2] * np.array([-1.0, 0.5])
STEP_LR = 0.5

QUESTIONS = {
    1: Number(
        _COEF[0],
        0.002,
        "유도 1 에서 구한 ∂J/∂s_o 의 식에 s_o = 1 을 넣으세요 (σ(1) ≈ 0.731). 긍정 쌍의 기울기는 0 이하입니다.",
    ),
    2: Number(
        float(_GRAD_V[0]),
        0.002,
        "∂J/∂v_c 는 세 주변 단어 벡터에 숫자로 확인 1 의 세 계수를 곱해 더한 것입니다. 첫째 성분만 더해 보세요.",
    ),
    3: Choice(
        ("1배", "3배", "1/3배"),
        "3배",
        "합 Σ_k 에 그 단어의 항이 뽑힌 횟수만큼 들어 있습니다 (유도 2 의 (가)).",
    ),
    4: Choice(
        ("평균한다", "더한다"),
        "더한다",
        "미니배치 한 걸음의 규칙 2 를 다시 보세요: 쌍 하나가 받는 학습률이 쌍마다 갱신하는 word2vec 과 같아야 합니다.",
    ),
    5: Number(
        float(1.0 - STEP_LR * _GRAD_V[0]),
        0.002,
        "갱신은 v_c ← v_c - η ∂J/∂v_c 입니다 (η = 0.5). 문항 2 의 값과 부호를 확인하세요.",
    ),
}


EXERCISE = Exercise(
    id="nb04-quiz",
    function="quiz_04",
    signature="quiz_04() -> {문항 번호: 답}",
    title="4장 첫째 시간 개념 확인",
    summary=f"{len(QUESTIONS)}문항 모두 맞았습니다.",
    points=2,
    order=8,
)
