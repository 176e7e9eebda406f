"""05 개념 확인: ``chapter5_quiz() -> {문항: 답}`` (수 하나와 객관식 둘).

수로 답하는 문항의 정답은 `sgns.noise_distribution` 으로 계산합니다 (원문의 빈도 `sgns.data.DOC_COUNTS`).
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import Exercise
from sgns.checks._judges import Choice, Number
from sgns.data import DOC_COUNTS
from sgns.sampling import noise_distribution

_doc = noise_distribution(np.array([DOC_COUNTS["the"], DOC_COUNTS["democracy"]]), 0.75)
ABC = ("가", "나", "다")
COSTS = ("O(1)", "O(log V)", "O(V)")

QUESTIONS = {
    "확률의 비": Number(
        float(_doc[0] / _doc[1]),
        0.05,
        "5.3절을 다시 보세요: 빈도의 비 a : 1 은 3/4 제곱 뒤에 a^{3/4} : 1 이 됩니다. 원문의 177.83 은 틀린 값입니다.",
    ),
    "몫의 이동": Choice(
        ABC,
        "가",
        "5.2절의 그림을 다시 보세요: 3/4 제곱은 큰 빈도를 작은 빈도보다 더 많이 줄이고, 확률의 합은 1 그대로입니다.",
    ),
    "별칭 표로 한 번 뽑기": Choice(
        COSTS,
        "O(1)",
        "5.4절의 별칭 방법을 다시 읽으세요: 표를 한 번 만든 뒤에는 칸 하나와 난수 하나로 뽑습니다.",
    ),
}


EXERCISE = Exercise(
    id="nb05-quiz",
    function="chapter5_quiz",
    signature="chapter5_quiz() -> {문항: 답}",
    title="5장 개념 확인",
    summary=f"{len(QUESTIONS)}문항 모두 맞았습니다.",
    points=1,
    partial_credit=False,
    order=9,
)
