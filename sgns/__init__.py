"""sgns: 스킵-그램 네거티브 샘플링(SGNS)을 처음부터 구현한 강의용 패키지.

노트북은 설명하고 보여 주고, 계산은 모두 이 패키지가 합니다. 모듈 하나에 아이디어 하나:

| 모듈 | 아이디어 | 노트북 |
|---|---|---|
| `functions` | 시그모이드, 로그 시그모이드, 소프트맥스 (수치적으로 안정) | 2, 3 |
| `softmax_loss` | naive softmax 손실과 기울기 | 2 |
| `neg_sampling` | 네거티브 샘플링 손실과 기울기 (한 쌍, 희소, 배치) | 3, 4 |
| `gradcheck` | 중심 차분으로 기울기 확인 | 4 |
| `cost`, `timing` | 계산량 세기, 갱신 한 번의 시간 재기 | 1, 2 |
| `corpus` | 어휘, 스킵-그램 쌍, 빈출 단어 서브샘플링 | 1, 5 |
| `sampling` | 잡음 분포 P_n(w) 와 빠른 샘플러 (별칭 방법) | 1, 5 |
| `scatter`, `train`, `model`, `evaluate` | 학습기와 평가 | 3, 4, 5 |
| `pmi` | 최적점에서 u·v ≈ PMI - log k (Levy & Goldberg 2014) | 4 |
| `data` | gensim 휠에 들어 있는 실제 텍스트와 평가 세트, 합성 말뭉치, 원문 예시 | 모두 |
| `compare` | 같은 조건의 gensim 학습 (비교용; 처음 쓸 때 불러옵니다) | 4 |
| `checks` | 연습문제 자동 확인 (한국어 피드백) | 모두 |
| `plotting` | 한글 글꼴 | 모두 |
"""

from . import (
    checks,
    corpus,
    cost,
    data,
    evaluate,
    functions,
    model,
    neg_sampling,
    plotting,
    pmi,
    sampling,
    scatter,
    softmax_loss,
    timing,
)
from .corpus import Vocabulary, build_vocab, keep_probabilities, skipgram_pairs
from .functions import log_sigmoid, sigmoid, softmax
from .gradcheck import check_loss_gradients, gradcheck
from .neg_sampling import neg_sampling_batch, neg_sampling_loss_and_gradient
from .plotting import use_korean_font
from .sampling import NegativeSampler, noise_distribution
from .softmax_loss import naive_softmax_loss_and_gradient, softmax_probabilities
from .train import train

__version__ = "0.1.0"

__all__ = [
    "NegativeSampler",
    "Vocabulary",
    "build_vocab",
    "check_loss_gradients",
    "checks",
    "corpus",
    "cost",
    "data",
    "evaluate",
    "functions",
    "gradcheck",
    "keep_probabilities",
    "log_sigmoid",
    "model",
    "naive_softmax_loss_and_gradient",
    "neg_sampling",
    "neg_sampling_batch",
    "neg_sampling_loss_and_gradient",
    "noise_distribution",
    "plotting",
    "pmi",
    "sampling",
    "scatter",
    "sigmoid",
    "skipgram_pairs",
    "softmax",
    "softmax_loss",
    "softmax_probabilities",
    "timing",
    "train",
    "use_korean_font",
]


def __getattr__(name):
    # gensim 을 불러오는 비교 모듈은 처음 쓸 때만 불러옵니다 (import sgns 를 가볍게).
    if name == "compare":
        import importlib

        return importlib.import_module(".compare", __name__)
    raise AttributeError(f"module 'sgns' has no attribute {name!r}")
