"""학습된 단어 벡터를 담는 클래스: 유사도, 이웃, 유추, 평가, 내보내기.

- ``WordVectors`` : 어떤 (words, vectors) 짝이든 감쌉니다 (gensim 벡터를 같은 코드로 평가할 때도 씀).
- ``SGNSModel`` : ``sgns.train`` 이 돌려주는 모델. 중심 단어 벡터와 주변 단어 벡터, 손실 기록을 함께 가집니다.
- ``TrainingStats`` : 학습에 든 시간과 일의 양. 모델을 만들 때 함께 넘깁니다.

스킵-그램은 단어마다 벡터를 두 개 배웁니다: 중심 단어 벡터 v_w (``center_vectors``) 와
주변 단어 벡터 u_w (``outside_vectors``). 유사도·유추에는 관례대로 v 를 씁니다 (gensim 의 ``wv`` 와 같은 쪽).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sgns._validate import as_float_array, as_output_file, as_positive_int, as_word_list, describe
from sgns.corpus import unknown_word_error
from sgns.evaluate import (
    AnalogyScore,
    WordPairScore,
    evaluate_analogies,
    evaluate_word_pairs,
    nearest_neighbors,
    normalize_rows,
)

__all__ = ["WordVectors", "SGNSModel", "TrainingStats"]


@dataclass(frozen=True)
class TrainingStats:
    """학습에 든 시간과 일의 양 (모든 에폭 합, 어휘 만들기 제외).

    train_seconds : float, 벽시계 시간 (초)
    train_cpu_seconds : float, 같은 구간의 CPU 시간 (초, 프로세스의 모든 스레드 합).
        기계가 다른 일로 바쁠 때는 벽시계 시간보다 이쪽이 덜 흔들립니다.
    pairs_trained : int, 학습한 (중심, 주변) 쌍의 수
    effective_words : int, 서브샘플링 뒤 남은 토큰 수 (gensim 의 정의)
    pairs_estimated : bool, pairs_trained 가 직접 센 값이 아니라 추정값이면 True (gensim 쪽)
    engine : str, 학습한 엔진 ("numpy", "compiled", 비교용 "gensim")
    workers : int, 학습 스레드 수
    """

    train_seconds: float
    train_cpu_seconds: float
    pairs_trained: int
    effective_words: int
    pairs_estimated: bool = False
    engine: str = "numpy"
    workers: int = 1


class WordVectors:
    """단어 목록과 벡터 행렬 한 쌍.

    Parameters
    ----------
    words : (V,) str 목록, vectors 의 행 순서
    vectors : (V, d) 단어 벡터
    vocab : ``sgns.corpus.Vocabulary`` 또는 None (학습한 어휘; 있으면 ``vocab`` 속성으로 남김)
    stats : TrainingStats 또는 None (학습한 벡터면 학습 시간과 일의 양)

    Attributes
    ----------
    words : list[str]
    vectors : (V, d) 단어 벡터 (``center_vectors`` 와 같은 배열)
    stats : TrainingStats 또는 None
    train_seconds, train_cpu_seconds, pairs_trained, effective_words : ``stats`` 의 값 (없으면 None)
    """

    def __init__(self, words, vectors, vocab=None, stats: TrainingStats | None = None):
        self.words = as_word_list("words", words)
        self.vectors = as_float_array("vectors", vectors)  # 실수 배열이면 복사하지 않음 (학습 중 콜백은 같은 배열을 봄)
        if self.vectors.ndim != 2 or self.vectors.shape[0] != len(self.words):
            raise ValueError(
                f"`vectors`의 형태 {self.vectors.shape} 가 단어 {len(self.words)}개와 맞지 않습니다. "
                "(V, d) 여야 합니다."
            )
        self.vocab = vocab
        self.stats = stats
        self._word_to_id = vocab.word_to_id if vocab is not None else {w: i for i, w in enumerate(self.words)}

    # -- 학습 기록 ------------------------------------------------------------

    @property
    def train_seconds(self) -> float | None:
        """학습에 걸린 벽시계 시간(초, 어휘 만들기 제외). 학습 기록이 없으면 None."""
        return None if self.stats is None else self.stats.train_seconds

    @property
    def train_cpu_seconds(self) -> float | None:
        """학습 구간의 CPU 시간(초, 프로세스의 모든 스레드 합). 학습 기록이 없으면 None."""
        return None if self.stats is None else self.stats.train_cpu_seconds

    @property
    def pairs_trained(self) -> int | None:
        """학습한 (중심, 주변) 쌍의 수 (모든 에폭 합). 학습 기록이 없으면 None."""
        return None if self.stats is None else self.stats.pairs_trained

    @property
    def effective_words(self) -> int | None:
        """서브샘플링 뒤 남은 토큰 수 (모든 에폭 합, gensim 의 정의). 학습 기록이 없으면 None."""
        return None if self.stats is None else self.stats.effective_words

    # -- 기본 -----------------------------------------------------------------

    @property
    def center_vectors(self) -> np.ndarray:
        """(V, d) 유사도에 쓰는 단어 벡터 (스킵-그램의 중심 단어 벡터 v_w)."""
        return self.vectors

    @property
    def vector_size(self) -> int:
        return self.vectors.shape[1]

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word) -> bool:
        return word in self._word_to_id

    def __repr__(self) -> str:
        return f"{type(self).__name__}(V={len(self)}, d={self.vector_size})"

    def index(self, word, name: str = "word") -> int:
        """단어의 행 번호. 어휘에 없으면 한국어 KeyError (비슷한 철자 제안)."""
        try:
            return self._word_to_id[word]
        except (KeyError, TypeError):
            raise unknown_word_error(word, self.words, name) from None

    def __getitem__(self, word) -> np.ndarray:
        return self.vectors[self.index(word)]

    def unit_vectors(self) -> np.ndarray:
        """(V, d) 길이 1 로 정규화한 벡터 (float64). 부를 때마다 지금의 벡터로 새로 계산합니다."""
        return normalize_rows(self.vectors)

    # -- 유사도 ---------------------------------------------------------------

    def similarity(self, a, b) -> float:
        """두 단어 벡터의 코사인 유사도 cos(v_a, v_b)."""
        unit = normalize_rows(self.vectors[[self.index(a, "a"), self.index(b, "b")]])
        return float(unit[0] @ unit[1])

    def most_similar(self, word, topn: int = 10) -> list[tuple[str, float]]:
        """코사인 유사도가 가장 큰 topn 개 단어 (자기 자신 제외).

        Returns
        -------
        [(word, cosine), ...] 유사도 내림차순
        """
        topn = as_positive_int("topn", topn)
        i = self.index(word)
        unit = self.unit_vectors()
        return [(self.words[j], s) for j, s in nearest_neighbors(unit, unit[i], topn, exclude=[i])]

    def analogy(self, a, b, c, topn: int = 1):
        """a : b :: c : ? 를 3CosAdd 로 풉니다: argmax_w cos(v_w, v̂_b - v̂_a + v̂_c) (a, b, c 제외).

        예: ``analogy("france", "paris", "germany")`` -> ``[("berlin", 0.9...)]``

        Returns
        -------
        [(word, cosine), ...] topn 개
        """
        topn = as_positive_int("topn", topn)
        ia, ib, ic = self.index(a, "a"), self.index(b, "b"), self.index(c, "c")
        unit = self.unit_vectors()
        query = unit[ib] - unit[ia] + unit[ic]
        return [(self.words[j], s) for j, s in nearest_neighbors(unit, query, topn, exclude=[ia, ib, ic])]

    # -- 평가 -----------------------------------------------------------------

    def evaluate_word_pairs(self, path) -> WordPairScore:
        """단어 쌍 유사도 평가 (Spearman ρ, 어휘에 있는 쌍만). ``sgns.evaluate.evaluate_word_pairs`` 참고."""
        return evaluate_word_pairs(self.words, self.vectors, path)

    def evaluate_analogies(self, path) -> AnalogyScore:
        """유추 평가 (3CosAdd 정확도, 어휘에 있는 문제만). ``sgns.evaluate.evaluate_analogies`` 참고."""
        return evaluate_analogies(self.words, self.vectors, path)

    # -- 내보내기 -------------------------------------------------------------

    def _check_exportable(self) -> None:
        for w in self.words:
            if not w or any(ch.isspace() for ch in w):
                raise ValueError(
                    f"`words`의 단어 {describe(w)} 에 공백이 있거나 비어 있어 텍스트 형식으로 저장할 수 없습니다 "
                    "(한 줄이 `단어 값1 값2 ...` 이므로). 공백을 '_' 등으로 바꿔 주세요."
                )

    def save_word2vec_format(self, path) -> None:
        """word2vec 텍스트 형식으로 저장합니다 (첫 줄 ``V d``, 그다음 줄마다 ``단어 값1 값2 ...``).

        ``gensim.models.KeyedVectors.load_word2vec_format(path)`` 로 읽을 수 있습니다.
        float32 값을 유효숫자 9 자리로 써서 읽었을 때 값이 그대로 돌아옵니다.
        """
        self._check_exportable()
        path = as_output_file("path", path)
        vectors = np.asarray(self.vectors, dtype=np.float32)
        with open(path, "w", encoding="utf8") as fout:
            fout.write(f"{vectors.shape[0]} {vectors.shape[1]}\n")
            for word, row in zip(self.words, vectors, strict=True):
                fout.write(word + " " + " ".join(f"{x:.9g}" for x in row.tolist()) + "\n")

    def save_projector_tsv(self, vectors_path, metadata_path) -> None:
        """TensorFlow Embedding Projector (projector.tensorflow.org) 용 TSV 두 개를 씁니다.

        vectors_path : 한 줄에 벡터 하나, 값은 탭으로 구분 (머리줄 없음, V 줄)
        metadata_path : 한 줄에 단어 하나 (열이 하나이므로 머리줄 없음, V 줄)
        """
        self._check_exportable()
        vectors_path = as_output_file("vectors_path", vectors_path)
        metadata_path = as_output_file("metadata_path", metadata_path)
        vectors = np.asarray(self.vectors, dtype=np.float32)
        with open(vectors_path, "w", encoding="utf8") as fout:
            for row in vectors.tolist():
                fout.write("\t".join(f"{x:.6g}" for x in row) + "\n")
        with open(metadata_path, "w", encoding="utf8") as fout:
            for word in self.words:
                fout.write(word + "\n")


class SGNSModel(WordVectors):
    """``sgns.train`` 의 결과 (학습기가 만듭니다).

    Parameters
    ----------
    vocab : sgns.corpus.Vocabulary
    center_vectors, outside_vectors : (V, d) 중심 단어 벡터 v_w 와 주변 단어 벡터 u_w
    params : sgns.trainer.TrainParams, 학습에 쓴 하이퍼파라미터
    stats : TrainingStats
    loss_history : 에폭마다 쌍 하나당 평균 손실 (길이 = 지금까지 끝난 에폭 수)

    Attributes
    ----------
    vocab, words, center_vectors (= vectors), outside_vectors, params, stats, loss_history (tuple)
    train_seconds, train_cpu_seconds, pairs_trained, effective_words : ``WordVectors`` 참고

    학습 중 콜백이 받는 모델의 벡터는 학습기가 계속 바꾸는 배열 그 자체입니다 (복사본이 아님).
    """

    def __init__(self, vocab, center_vectors, outside_vectors, params, stats: TrainingStats, loss_history=()):
        super().__init__(vocab.words, center_vectors, vocab=vocab, stats=stats)
        self.outside_vectors = outside_vectors
        self.params = params
        self.loss_history = tuple(float(loss) for loss in loss_history)
