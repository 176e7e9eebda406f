"""sgns: 스킵-그램 네거티브 샘플링(SGNS)을 처음부터 구현한 강의용 패키지.

노트북은 설명하고 보여 주고, 계산은 모두 이 패키지가 합니다. 패키지는 세 층입니다.

**배우는 길 (taught path)**: 강의의 식을 코드로 옮긴 것. 모듈 하나에 아이디어 하나이고, 위에서 아래로 읽으면
됩니다 (함수마다 docstring 의 식 바로 아래에 그 코드).

| 모듈 | 아이디어 | 노트북 |
|---|---|---|
| `functions` | 시그모이드, 로그 시그모이드, 소프트맥스 (수치적으로 안정) | 2, 3 |
| `softmax_loss` | naive softmax 손실과 기울기 | 2 |
| `neg_sampling` | 네거티브 샘플링 손실과 기울기 (한 쌍, 계수 형태, 배치 형태) | 3, 4 |
| `gradient_check` | 중심 차분으로 기울기 확인 (``sgns.gradcheck``, ``sgns.check_loss_gradients``) | 4 |
| `corpus` | 어휘, 스킵-그램 쌍, 빈출 단어 서브샘플링 (두 식), 파일 말뭉치 | 1, 5 |
| `sampling` | 잡음 분포 P_n(w) 와 빠른 샘플러 (별칭 방법) | 1, 5 |
| `scatter` | 중복 인덱스까지 더하는 갱신 (scatter-add) | 4 |
| `trainer` | 학습기: 조각의 쌍, 네거티브, 벡터화한 한 걸음, 학습률, 그리고 입구 ``sgns.train`` | 3, 4, 5 |
| `model` | 학습한 단어 벡터: 이웃, 유사도, 유추, 내보내기 | 3, 4 |
| `evaluate` | 단어 쌍 유사도(Spearman)와 유추 평가, Spearman 의 표준오차 | 4, 5 |
| `data` | gensim 휠에 들어 있는 실제 텍스트와 평가 자료, 합성 말뭉치, 원문의 예시 | 모두 |
| `plotting` | 한글 글꼴, 노트북에서 렌더링되는 표 | 모두 |
| `_validate` | 입구의 검사: 값, 잡기 전의 배열 크기, 파일의 줄 (한국어 메시지) | |

**엔진 (``sgns.engine``)**: 학습기를 빠르고, 말뭉치 크기와 상관없는 메모리로 돌리는 부품. 배우는 길을 읽는 데는
필요 없습니다: `chunks` (말뭉치를 조각으로, 학습 전의 메모리 어림), `sparse` (scatter-add 의 scipy 커널),
`compiled` (numba 엔진, ``sgns.train(..., engine="compiled", workers=2)``).

**연습문제 확인 (``sgns.checks``) 과 강의 도우미 (``sgns.lessons``)**: 한 장(chapter)의 확인, 표, 그림, 실험.
핵심은 이것들을 import 하지 않습니다. 목록은 각 패키지의 설명에 있습니다.

**입구 (doors)**: 학생이나 강사가 자기 값을 넣어 부르는 곳입니다. 잘못된 값은 매개변수 이름, 받은 값, 기대한
것을 말하는 한국어 오류가 되고, NaN 이 조용히 결과로 나오지 않습니다. 목록은 여기 한 곳에 있습니다
(``tests/test_bad_inputs.py`` 가 이 목록을 읽어 입구마다 잘못된 입력의 줄이 있는지 봅니다).

- 학습: ``sgns.train``, 그 하이퍼파라미터 ``sgns.trainer.TrainParams``, ``sgns.trainer.TrainParams.from_kwargs``
- 말뭉치와 파일: ``sgns.build_vocab``, ``sgns.corpus.LineSentences``, ``sgns.corpus.Vocabulary.id``
- 평가: ``sgns.evaluate.read_word_pairs``, ``sgns.evaluate.read_analogies``, ``sgns.evaluate.evaluate_word_pairs``,
  ``sgns.evaluate.evaluate_analogies``, ``sgns.evaluate.compare_word_pair_scores``,
  ``sgns.evaluate.spearman_interval``, ``sgns.evaluate.Interval.contains``
- 학습한 벡터에 단어로 묻기와 내보내기: ``sgns.model.WordVectors`` (만들 때의 단어와 벡터),
  ``sgns.model.WordVectors.most_similar``, ``sgns.model.WordVectors.similarity``, ``sgns.model.WordVectors.analogy``,
  ``sgns.model.WordVectors.index``, ``sgns.model.WordVectors.evaluate_word_pairs``,
  ``sgns.model.WordVectors.evaluate_analogies``, ``sgns.model.WordVectors.save_word2vec_format``,
  ``sgns.model.WordVectors.save_projector_tsv``
- 학생의 함수를 받는 기울기 검사: ``sgns.gradcheck``, ``sgns.check_loss_gradients``
- 모듈의 모든 공개 함수·클래스 (``__all__``): ``sgns.data`` (자료 읽기, 합성 말뭉치), ``sgns.plotting`` (노트북의 표),
  ``sgns.checks`` (연습문제 확인), ``sgns.lessons`` (강의 도우미의 모든 모듈)

그 밖의 함수 (배우는 길의 식, 엔진) 는 입구를 지난, 이미 검사한 값을 받습니다. 잘못된 값을 직접 넣으면 numpy 의
오류나 assert 로 멈출 수 있습니다.

노트북은 ``import sgns`` 로 핵심을 ``sgns.train(...)``, ``sgns.data.load_head500()`` 처럼 쓰고, 강의 도우미는
``from sgns.lessons.monitor import ...`` 처럼 이름으로 가져옵니다.

``import sgns`` 는 numpy 말고는 무거운 것을 불러오지 않습니다. 하위 모듈은 처음 쓸 때 불러옵니다
(scipy 는 학습기가 처음 갱신할 때, matplotlib 은 ``use_korean_font`` 를 부를 때, gensim 은 비교할 때).
"""

from __future__ import annotations

import importlib

from .corpus import Vocabulary, build_vocab, keep_probabilities, skipgram_pairs
from .functions import log_sigmoid, sigmoid, softmax
from .gradient_check import check_loss_gradients, gradcheck
from .neg_sampling import neg_sampling_batch, neg_sampling_loss_and_gradient
from .plotting import use_korean_font
from .sampling import NegativeSampler, noise_distribution
from .softmax_loss import naive_softmax_loss_and_gradient, softmax_probabilities
from .trainer import train

__version__ = "0.1.0"

# 처음 쓸 때 불러오는 하위 모듈 (``sgns.data`` 처럼 점으로 쓰면 됩니다).
_SUBMODULES = {
    "checks",
    "corpus",
    "data",
    "engine",
    "evaluate",
    "functions",
    "gradient_check",
    "lessons",
    "model",
    "neg_sampling",
    "plotting",
    "sampling",
    "scatter",
    "softmax_loss",
    "trainer",
}

__all__ = [
    "NegativeSampler",
    "Vocabulary",
    "build_vocab",
    "check_loss_gradients",
    "gradcheck",
    "keep_probabilities",
    "log_sigmoid",
    "naive_softmax_loss_and_gradient",
    "neg_sampling_batch",
    "neg_sampling_loss_and_gradient",
    "noise_distribution",
    "sigmoid",
    "skipgram_pairs",
    "softmax",
    "softmax_probabilities",
    "train",
    "use_korean_font",
    *sorted(_SUBMODULES),
]


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'sgns' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _SUBMODULES)
