"""4장의 도우미: gensim Word2Vec 과 나란히 비교하기 (같은 말뭉치, 같은 하이퍼파라미터, 같은 평가 코드).

``train_gensim(sentences, **params)`` 는 ``sgns.train.train`` 과 같은 이름의 매개변수를 받아
gensim ``Word2Vec(sg=1, hs=0, workers=1)`` 을 학습하고, 결과를 ``WordVectors`` 로 감싸 돌려줍니다.
그래서 ``most_similar``, ``evaluate_word_pairs`` 같은 메서드가 우리 모델과 완전히 같은 코드로 동작합니다.

두 모델 모두 다음 속성을 가집니다.

- ``train_seconds`` : 어휘 만들기를 뺀 학습 시간 (벽시계), ``train_cpu_seconds`` : 같은 구간의 CPU 시간
- ``effective_words`` : 서브샘플링 뒤 남은 토큰 수 (모든 에폭 합)
- ``pairs_trained`` : (중심, 주변) 쌍 수. gensim 은 쌍 수를 알려 주지 않으므로, gensim 쪽 값은
  같은 절차(서브샘플링 + 줄어든 윈도우)를 한 번 흉내 내어 잰 "유효 단어당 쌍 수" 에 gensim 의
  유효 단어 수를 곱한 **추정값** 입니다 (``pairs_estimated = True``).
"""

from __future__ import annotations

import time

import numpy as np

from sgns.corpus import (
    build_vocab,
    check_reiterable,
    encode_corpus,
    keep_probabilities,
    skipgram_pair_arrays,
    subsample,
)
from sgns.model import TrainingStats, WordVectors
from sgns.trainer import TrainParams

__all__ = ["GensimVectors", "train_gensim", "pairs_per_effective_word"]


class GensimVectors(WordVectors):
    """gensim 으로 학습한 벡터를 우리 어휘 순서로 다시 늘어놓은 ``WordVectors``.

    Parameters
    ----------
    vocab : sgns.corpus.Vocabulary, 우리 어휘 (행 순서)
    vectors : (V, d) gensim 의 입력 벡터 (``wv``) 를 우리 어휘 순서로
    params : TrainParams, 쓴 하이퍼파라미터 (batch_size 는 gensim 에 없어 쓰이지 않음)
    stats : TrainingStats (pairs_estimated=True: gensim 의 쌍 수는 추정값)
    gensim_model : gensim.models.Word2Vec, 원래 모델 (더 살펴보고 싶을 때)
    """

    def __init__(self, vocab, vectors, params: TrainParams, stats: TrainingStats, gensim_model):
        super().__init__(vocab.words, vectors, vocab=vocab, stats=stats)
        self.params = params
        self.gensim_model = gensim_model

    @property
    def pairs_estimated(self) -> bool:
        """pairs_trained 가 추정값이면 True."""
        return self.stats.pairs_estimated


def pairs_per_effective_word(sentences, min_count: int = 5, window: int = 5, sample: float = 1e-3, seed: int = 0):
    """서브샘플링 + 줄어든 윈도우 절차를 한 번 돌려 잰 '남은 토큰 하나당 (중심, 주변) 쌍 수'.

    Returns
    -------
    ratio : float (window=5 이면 보통 약 6)
    """
    vocab = build_vocab(sentences, min_count=min_count)
    ids, sentence_ids = encode_corpus(sentences, vocab)
    rng = np.random.default_rng(seed)
    keep = subsample(ids, keep_probabilities(vocab.counts, sample), rng)
    centers, _ = skipgram_pair_arrays(ids[keep], sentence_ids[keep], window, rng=rng, reduced_window=True)
    return centers.shape[0] / max(int(keep.sum()), 1)


def train_gensim(sentences, **params) -> GensimVectors:
    """gensim Word2Vec (스킵-그램, 네거티브 샘플링, 스레드 1 개) 을 같은 하이퍼파라미터로 학습합니다.

    Parameters
    ----------
    sentences : 토큰 리스트들의 리스트
    **params : ``sgns.train.train`` 과 같은 이름 (vector_size, window, negative, ns_exponent, sample,
        min_count, alpha, min_alpha, epochs, seed). ``batch_size`` 는 gensim 에 없는 개념이라 무시합니다
        (gensim 은 쌍마다 바로 갱신).

    Returns
    -------
    GensimVectors : 우리 어휘 순서의 벡터 (gensim 의 ``wv``, 즉 입력 벡터), train_seconds 등
    """
    from gensim.models import Word2Vec  # gensim 은 비교할 때만 필요합니다

    p = TrainParams.from_kwargs(**params)
    sentences = [list(s) for s in check_reiterable(sentences)]
    vocab = build_vocab(sentences, min_count=p.min_count)
    gensim_params = {name: value for name, value in p.as_dict().items() if name != "batch_size"}
    model = Word2Vec(**gensim_params, sg=1, hs=0, workers=1)
    model.build_vocab(sentences)
    start, cpu_start = time.perf_counter(), time.process_time()
    effective_words, _raw_words = model.train(sentences, total_examples=model.corpus_count, epochs=p.epochs)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start

    if set(model.wv.index_to_key) != set(vocab.words):
        raise RuntimeError("gensim 의 어휘와 sgns 의 어휘가 다릅니다 (min_count 처리 차이).")
    order = [model.wv.key_to_index[w] for w in vocab.words]
    ratio = pairs_per_effective_word(sentences, p.min_count, p.window, p.sample, seed=p.seed)
    stats = TrainingStats(
        train_seconds=seconds,
        train_cpu_seconds=cpu_seconds,
        pairs_trained=int(round(effective_words * ratio)),
        effective_words=int(effective_words),
        pairs_estimated=True,
    )
    return GensimVectors(vocab, model.wv.vectors[order], p, stats, model)
