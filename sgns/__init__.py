"""sgns: 스킵-그램 네거티브 샘플링(SGNS)을 처음부터 구현한 강의용 패키지.

노트북은 설명하고 보여 주고, 계산은 모두 이 패키지가 합니다. 패키지는 두 층입니다.

**핵심 (core)**: ``sgns.train`` 과 연습문제 확인이 쓰는 것. 모듈 하나에 아이디어 하나입니다.

| 모듈 | 아이디어 | 노트북 |
|---|---|---|
| `functions` | 시그모이드, 로그 시그모이드, 소프트맥스 (수치적으로 안정) | 2, 3 |
| `softmax_loss` | naive softmax 손실과 기울기 | 2 |
| `neg_sampling` | 네거티브 샘플링 손실과 기울기 (한 쌍, 계수 형태, 배치 형태) | 3, 4 |
| `gradcheck` | 중심 차분으로 기울기 확인 | 4 |
| `corpus` | 어휘, 스킵-그램 쌍, 빈출 단어 서브샘플링 (두 식), 파일 말뭉치, 조각으로 읽기 | 1, 5 |
| `sampling` | 잡음 분포 P_n(w) 와 빠른 샘플러 (별칭 방법) | 1, 5 |
| `scatter` | 중복 인덱스까지 더하는 갱신 (scatter-add) | 4 |
| `train` | 학습기: 조각의 쌍, 네거티브, 벡터화한 한 걸음, 학습률 | 3, 4, 5 |
| `compiled` | 같은 조각 계약의 빠른 엔진 (numba, 선택 사항): ``sgns.train(..., engine="compiled", workers=2)`` | |
| `model` | 학습한 단어 벡터: 이웃, 유사도, 유추, 내보내기 | 3, 4 |
| `evaluate` | 단어 쌍 유사도(Spearman)와 유추 평가, Spearman 의 표준오차 | 4, 5 |
| `data` | gensim 휠에 들어 있는 실제 텍스트와 평가 자료, 합성 말뭉치, 원문의 예시 | 모두 |
| `checks` | 연습문제 자동 확인 (한국어 피드백) | 모두 |
| `plotting` | 한글 글꼴, 노트북에서 렌더링되는 표 | 모두 |
| `_validate` | 모든 모듈이 쓰는 검사: 값, 잡기 전의 배열 크기, 파일의 줄, 결과의 NaN·inf (한국어 메시지) | |

**강의 도우미 (``sgns.lessons``)**: 한 장(chapter)의 표, 그림, 실험에만 쓰는 것. 핵심은 이것을 import 하지
않습니다. 목록은 ``sgns.lessons`` 의 설명에 있습니다.

노트북은 ``import sgns`` 로 핵심을 ``sgns.train(...)``, ``sgns.data.load_head500()`` 처럼 쓰고, 강의 도우미는
``from sgns.lessons.monitor import ...`` 처럼 이름으로 가져옵니다.

``import sgns`` 는 numpy 말고는 무거운 것을 불러오지 않습니다. 하위 모듈은 처음 쓸 때 불러옵니다
(scipy 는 학습기가 처음 갱신할 때, matplotlib 은 ``use_korean_font`` 를 부를 때, gensim 은 비교할 때).
"""

from __future__ import annotations

import importlib

from .corpus import Vocabulary, build_vocab, keep_probabilities, skipgram_pairs
from .functions import log_sigmoid, sigmoid, softmax
from .gradcheck import check_loss_gradients, gradcheck
from .neg_sampling import neg_sampling_batch, neg_sampling_loss_and_gradient
from .plotting import use_korean_font
from .sampling import NegativeSampler, noise_distribution
from .softmax_loss import naive_softmax_loss_and_gradient, softmax_probabilities
from .train import train

__version__ = "0.1.0"

# 처음 쓸 때 불러오는 하위 모듈 (``sgns.data`` 처럼 점으로 쓰면 됩니다).
_SUBMODULES = {
    "checks",
    "corpus",
    "data",
    "evaluate",
    "functions",
    "gradcheck",
    "lessons",
    "model",
    "neg_sampling",
    "plotting",
    "sampling",
    "scatter",
    "softmax_loss",
}
# 예전 배치의 모듈 이름 -> 지금의 모듈 (예전 코드가 ``sgns.cost`` 처럼 쓴 것을 계속 읽게 합니다)
_MOVED = {
    "cost": "sgns.lessons.update_cost",
    "timing": "sgns.lessons.update_cost",
    "pmi": "sgns.lessons.optimum",
    "compare": "sgns.lessons.gensim_baseline",
}

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
    "lessons",
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


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _MOVED:
        return importlib.import_module(_MOVED[name])
    raise AttributeError(f"module 'sgns' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _SUBMODULES | set(_MOVED))
