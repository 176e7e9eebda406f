"""02 연습문제 (유도의 중간 단계): 점수에 대한 naive softmax 손실의 기울기 ``softmax_score_gradient``.

점수 s = U v_c (s_w = u_w·v_c), ŷ = softmax(s), J = -log ŷ_o일 때

    ∂J/∂s = ŷ - y        (y는 o 번째만 1인 원-핫 벡터)
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import array_judge, hinted
from sgns.functions import sigmoid as reference_sigmoid
from sgns.functions import softmax as reference_softmax

CATEGORIES = {
    "sign-flipped": "y - ŷ (부호 반대)",
    "missing-one-hot": "정답 원-핫 y를 빼지 않음 (ŷ만)",
    "subtract-one-everywhere": "모든 원소에서 1을 뺌",
    "one-hot-wrong-index": "o가 아닌 위치에서 1을 뺌",
    "unstable-softmax": "안정하지 않은 소프트맥스 (점수가 크면 NaN)",
    "sigmoid-instead-of-softmax": "소프트맥스 대신 시그모이드",
    "log-probabilities": "ŷ 대신 log ŷ",
    "loss-instead-of-gradient": "기울기 대신 손실 -log ŷ",
}


def reference_score_gradient(scores, outside_idx) -> np.ndarray:
    """∂J/∂s = ŷ - y. scores: (V,), outside_idx: int -> (V,)."""
    delta = reference_softmax(np.asarray(scores, dtype=np.float64))
    delta[outside_idx] -= 1.0
    return delta


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    rows = [
        ("small", "작은 예 V=5", np.array([0.5, -1.0, 2.0, 0.0, 1.5]), 2),
        ("last-word", "정답이 마지막 단어 V=6", np.array([1.2, 0.3, -0.7, 2.2, -1.5, 0.4]), 5),
        ("large-scores", "큰 점수", np.array([1000.0, 1002.0, 998.0, 1001.0]), 0),
        ("far-apart", "서로 멀리 떨어진 점수", np.array([-800.0, 0.0, 800.0, 5.0]), 1),
        ("random", "무작위 V=12", rng.normal(scale=3.0, size=12), 7),
        ("large-input", "큰 어휘 V=200,000", rng.normal(scale=10.0, size=200_000), 12_345),
    ]
    return Case.table(("scores", "outside_idx"), rows)


HINTS = {
    "sign-flipped": "부호가 반대입니다. y - ŷ가 아니라 ŷ - y (예측 - 정답)입니다.",
    "missing-one-hot": "정답 원-핫 y를 빼지 않았습니다: ∂J/∂s = ŷ - y이므로 o 번째 원소에서 1을 빼야 합니다.",
    "subtract-one-everywhere": "모든 원소에서 1을 뺐습니다. y는 o 번째만 1이고 나머지는 0인 원-핫 벡터입니다.",
    "one-hot-wrong-index": "o가 아닌 위치에서 1을 뺐습니다. 정답 단어의 인덱스 outside_idx에서 빼세요.",
    "unstable-softmax": "점수가 크면 e^s에서 오버플로가 나 NaN이 됩니다. 소프트맥스를 계산할 때 최댓값을 "
    "빼세요 (안정한 소프트맥스).",
    "sigmoid-instead-of-softmax": "소프트맥스 대신 시그모이드를 썼습니다. "
    "naive softmax의 ŷ는 모든 점수를 함께 정규화한 softmax(s)입니다.",
    "log-probabilities": "ŷ 대신 log ŷ를 썼습니다. -log ŷ_o를 s로 미분하면 log가 사라지고 ŷ - y가 남습니다.",
    "loss-instead-of-gradient": "기울기가 아니라 -log ŷ (손실)를 돌려줬습니다. ∂J/∂s = ŷ - y를 돌려주세요.",
}


def _softmax_gradient_variants(scores: np.ndarray, o: int, want: np.ndarray):
    def one_hot(index):
        vector = np.zeros_like(want)
        vector[index] = 1.0
        return vector

    y = one_hot(o)
    y_hat = want + y
    with np.errstate(all="ignore"):
        e = np.exp(scores)
        naive = e / e.sum() - y
        wrong_index = [y_hat - one_hot(other) for other in ((o + 1) % len(scores), o - 1)]
        log_probs = np.log(y_hat)
    variants = [
        ("sign-flipped", -want),
        ("missing-one-hot", y_hat),
        ("subtract-one-everywhere", y_hat - 1.0),
        *(("one-hot-wrong-index", variant) for variant in wrong_index),
        ("unstable-softmax", naive),
        ("sigmoid-instead-of-softmax", reference_sigmoid(scores) - y),
        ("log-probabilities", log_probs - y),
        ("loss-instead-of-gradient", -log_probs),
    ]
    return hinted(HINTS, variants)


judge = array_judge(
    reference_score_gradient,
    lambda case, got, want: _softmax_gradient_variants(case.args["scores"], case.args["outside_idx"], want),
    what="반환값 ∂J/∂s",
    label="∂J/∂s",
)


EXERCISE = Exercise(
    id="nb02-softmax-score-gradient",
    function="softmax_score_gradient",
    signature="softmax_score_gradient(scores, outside_idx) -> (V,)",
    title="softmax_score_gradient (점수에 대한 기울기 ∂J/∂s)",
    summary="{n}개 사례 (큰 점수, 서로 멀리 떨어진 점수, 큰 어휘 포함)에서 ∂J/∂s = ŷ - y가 맞습니다.",
    points=2,
    order=2,
    references={
        f"{__name__}.reference_score_gradient": None,
        "sgns.softmax_loss.naive_softmax_loss_and_gradient": lambda s, o: (np.ones(1), o, np.reshape(s, (-1, 1))),
        "sgns.softmax_loss.softmax_probabilities": lambda s, o: (np.ones(1), np.reshape(s, (-1, 1))),
    },
)
