"""01 개념 확인: ``chapter1_quiz() -> {문항: 답}`` (객관식 넷과 수 하나).

수로 답하는 문항의 정답은 sgns로 계산합니다 (문장 하나의 스킵-그램 쌍 수는 `sgns.corpus.skipgram_pairs`).
틀린 문항마다 다시 읽을 절을 알려 주고, 정답은 보여 주지 않습니다.
"""

from __future__ import annotations

from sgns.checks._harness import Exercise
from sgns.checks._judges import Choice, Number
from sgns.corpus import skipgram_pairs

PAIRS_TOKENS, PAIRS_WINDOW = 6, 2  # 문항 '쌍의 수': 토큰 6개짜리 문장, 윈도우 크기 2
ABC = ("가", "나", "다")

QUESTIONS = {
    "분포 가설": Choice(
        ABC, "가", "1.1절을 다시 읽으세요: 같은 주변 단어를 맞혀야 하는 두 중심 단어는 벡터가 서로 가까워집니다."
    ),
    "네거티브 샘플": Choice(
        ABC,
        "나",
        "1.3절과 1.9절을 다시 읽으세요: 네거티브 샘플은 문장을 보지 않고 잡음 분포에서 뽑습니다. "
        "함께 나오지 않았는지 확인하지 않습니다.",
    ),
    "쌍의 수": Number(
        float(len(skipgram_pairs(list(range(PAIRS_TOKENS)), PAIRS_WINDOW))),
        0.0,
        "1.7절과 연습문제 1을 다시 보세요: 위치마다 양쪽으로 윈도우 크기만큼의 단어와 쌍을 만듭니다. "
        "문장 양 끝에서는 한쪽이 모자랍니다.",
    ),
    "충돌": Choice(
        ABC, "다", "1.9절의 '정리하면'을 다시 읽으세요: 학습기가 정답 주변 단어와 같은 네거티브 샘플을 어떻게 하는지."
    ),
    "내적 수": Choice(
        ("V", "K", "K + 1", "V(K + 1)"),
        "K + 1",
        "1.10절을 다시 읽으세요: 긍정 쌍 하나와 부정 쌍 K개의 점수를 셉니다.",
    ),
}


EXERCISE = Exercise(
    id="nb01-quiz",
    function="chapter1_quiz",
    signature="chapter1_quiz() -> {문항: 답}",
    title="1장 개념 확인",
    summary=f"{len(QUESTIONS)}문항 모두 맞았습니다.",
    points=1,
    partial_credit=False,
    order=9,
)
