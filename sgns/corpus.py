"""코퍼스: 어휘 만들기, 스킵-그램 (중심 단어, 주변 단어) 쌍, 빈출 단어 서브샘플링.

- ``build_vocab`` / ``Vocabulary``: 토큰 리스트들에서 어휘를 만들고 단어 <-> 인덱스를 바꿉니다.
- ``skipgram_pairs``: 문장 하나의 (중심 단어, 주변 단어) 쌍을 읽기 쉬운 반복문으로 만듭니다
  (연습문제의 기준 답).
- ``encode_corpus`` + ``skipgram_pair_arrays``: 코퍼스 전체를 한 줄의 인덱스 배열로 바꾸고,
  윈도우 안의 쌍을 벡터 연산으로 한꺼번에 만듭니다 (반복문은 거리 1..m 에 대해서만).
- ``keep_probabilities`` / ``subsample``: 빈출 단어 서브샘플링 (word2vec.c, gensim 과 같은 식).
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Iterable

import numpy as np

from sgns._validate import as_float_array, as_float_in_range, as_index_array, as_positive_int, describe

__all__ = [
    "Vocabulary",
    "build_vocab",
    "skipgram_pairs",
    "encode_corpus",
    "skipgram_pair_arrays",
    "keep_probabilities",
    "subsample",
]


def _check_sentence(sentence, index: int):
    """문장 하나가 토큰 리스트인지 검사합니다 (문자열 하나로 들어온 흔한 실수를 잡습니다)."""
    if isinstance(sentence, (str, bytes)):
        preview = describe(sentence)
        raise TypeError(
            f"`sentences`의 {index}번째 문장이 토큰 리스트가 아니라 문자열 하나입니다: {preview}. "
            "문자열을 그대로 넣으면 글자 하나하나가 단어가 됩니다. "
            "먼저 토큰으로 나눠 주세요 (예: sentence.split())."
        )
    if not isinstance(sentence, Iterable):
        raise TypeError(
            f"`sentences`의 {index}번째 문장은 토큰(문자열)의 리스트여야 합니다. "
            f"받은 값: {describe(sentence)}"
        )
    return sentence


def _check_sentences(sentences):
    if isinstance(sentences, (str, bytes)):
        raise TypeError(
            "`sentences`에 문자열 하나가 들어왔습니다. 문장마다 토큰 리스트인 리스트가 필요합니다 "
            f"(예: [['the', 'cat'], ['a', 'dog']]). 받은 값: {describe(sentences)}"
        )
    if not isinstance(sentences, Iterable):
        raise TypeError(
            f"`sentences`는 토큰 리스트들의 iterable 이어야 합니다. 받은 값: {describe(sentences)}"
        )
    return sentences


class Vocabulary:
    """어휘: 단어 <-> 인덱스와 단어별 빈도.

    ``build_vocab(sentences, min_count)`` (또는 ``Vocabulary.from_sentences``) 로 만듭니다.

    Attributes
    ----------
    words : list[str], 인덱스 순서의 단어 (빈도 내림차순, 같은 빈도면 먼저 나온 단어가 앞)
    counts : (V,) int64, 단어별 빈도
    word_to_id : dict[str, int], 단어 -> 인덱스
    total : int, 어휘에 남은 단어들의 빈도 합 (min_count 로 버린 단어는 빠짐)
    """

    def __init__(self, words, counts):
        self.words = list(words)
        self.counts = np.asarray(counts, dtype=np.int64)
        if self.counts.shape != (len(self.words),):
            raise ValueError(
                f"`counts`의 형태 {self.counts.shape} 가 단어 수 {len(self.words)} 와 맞지 않습니다."
            )
        self.word_to_id = {word: i for i, word in enumerate(self.words)}
        if len(self.word_to_id) != len(self.words):
            raise ValueError("`words`에 중복된 단어가 있습니다. 단어마다 인덱스가 하나여야 합니다.")
        self.total = int(self.counts.sum())

    @classmethod
    def from_sentences(cls, sentences, min_count: int = 1) -> Vocabulary:
        """``build_vocab`` 과 같습니다."""
        return build_vocab(sentences, min_count=min_count)

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word) -> bool:
        return word in self.word_to_id

    def __repr__(self) -> str:
        head = ", ".join(repr(w) for w in self.words[:5])
        more = ", ..." if len(self) > 5 else ""
        return f"Vocabulary(V={len(self)}, total={self.total}, words=[{head}{more}])"

    def id(self, word) -> int:
        """단어의 인덱스. 어휘에 없으면 비슷한 철자를 (최대 3개) 알려 주는 KeyError."""
        try:
            return self.word_to_id[word]
        except (KeyError, TypeError):
            pass
        message = f"어휘에 없는 단어입니다: {word!r}"
        if isinstance(word, str):
            close = difflib.get_close_matches(word, self.words, n=3)
            if close:
                message += " (혹시 이 단어인가요? " + ", ".join(repr(w) for w in close) + ")"
        raise KeyError(message)

    def encode(self, tokens) -> np.ndarray:
        """토큰 리스트 -> (n,) int64 인덱스 배열. 어휘에 없는 토큰은 버립니다."""
        tokens = _check_sentence(tokens, 0) if isinstance(tokens, (str, bytes)) else tokens
        lookup = self.word_to_id
        return np.array([lookup[t] for t in tokens if t in lookup], dtype=np.int64)


def build_vocab(sentences, min_count: int = 1) -> Vocabulary:
    """토큰 리스트들에서 어휘를 만듭니다.

    Parameters
    ----------
    sentences : 토큰(문자열) 리스트들의 iterable. 제너레이터도 됩니다 (한 번만 훑습니다).
    min_count : int >= 1, 이보다 적게 나온 단어는 어휘에서 뺍니다 (word2vec, gensim 과 같음)

    Returns
    -------
    vocab : Vocabulary. 인덱스는 빈도 내림차순, 같은 빈도면 코퍼스에 먼저 나온 단어가 앞입니다.
    """
    min_count = as_positive_int("min_count", min_count, minimum=1)
    counts: dict[str, int] = {}  # dict 는 처음 나온 순서를 기억합니다
    for index, sentence in enumerate(_check_sentences(sentences)):
        for token in _check_sentence(sentence, index):
            if not isinstance(token, str):
                raise TypeError(
                    f"{index}번째 문장에 문자열이 아닌 토큰 {token!r} "
                    f"(자료형 {type(token).__name__}) 이 있습니다. "
                    "토큰은 모두 문자열(str)이어야 합니다."
                )
            counts[token] = counts.get(token, 0) + 1
    if not counts:
        raise ValueError("코퍼스가 비어 있습니다. `sentences`에 토큰이 하나도 없습니다.")
    words = list(counts)
    freq = np.fromiter(counts.values(), dtype=np.int64, count=len(words))
    order = np.argsort(-freq, kind="stable")  # 안정 정렬: 같은 빈도면 처음 나온 순서
    order = order[freq[order] >= min_count]
    if order.size == 0:
        raise ValueError(
            f"모든 단어가 min_count={min_count} 보다 적게 나와 어휘가 비었습니다 "
            f"(가장 많이 나온 단어의 빈도: {int(freq.max())}). "
            f"min_count 를 {int(freq.max())} 이하로 낮춰 보세요."
        )
    return Vocabulary([words[i] for i in order], freq[order])


def skipgram_pairs(tokens, window: int) -> list[tuple]:
    """문장 하나의 스킵-그램 (중심 단어, 주변 단어) 쌍.

    위치 i 의 중심 단어마다, 거리 1..window 안(같은 문장 안)의 모든 주변 단어와 쌍을 만듭니다.
    중심 단어 자기 자신(같은 *위치*)은 넣지 않습니다. 같은 단어가 다른 위치에 또 나오면 그건 넣습니다.

    Parameters
    ----------
    tokens : 토큰 리스트 (단어든 인덱스든 해시 가능한 값)
    window : int >= 1, 윈도우 크기 m

    Returns
    -------
    pairs : list[(center, context)], 중심 위치 오름차순, 그다음 주변 위치 오름차순

    Examples
    --------
    >>> skipgram_pairs(["turning", "into", "banking"], window=1)
    [('turning', 'into'), ('into', 'turning'), ('into', 'banking'), ('banking', 'into')]
    """
    window = as_positive_int("window", window, minimum=1)
    tokens = list(_check_sentence(tokens, 0))
    pairs = []
    for i, center in enumerate(tokens):
        for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
            if j != i:
                pairs.append((center, tokens[j]))
    return pairs


def encode_corpus(sentences, vocab: Vocabulary) -> tuple[np.ndarray, np.ndarray]:
    """코퍼스 전체를 한 줄의 인덱스 배열로 바꿉니다 (어휘에 없는 토큰은 버림).

    Parameters
    ----------
    sentences : 토큰 리스트들의 iterable
    vocab : Vocabulary

    Returns
    -------
    ids : (N,) int32, 이어 붙인 단어 인덱스
    sentence_ids : (N,) int32, 각 토큰이 속한 문장 번호 (입력 순서 그대로, 오름차순)
    """
    if not isinstance(vocab, Vocabulary):
        raise TypeError(
            f"`vocab`은 Vocabulary 여야 합니다 (build_vocab 으로 만드세요). 받은 값: {describe(vocab)}"
        )
    id_parts, sentence_parts = [], []
    for index, sentence in enumerate(_check_sentences(sentences)):
        encoded = vocab.encode(_check_sentence(sentence, index))
        id_parts.append(encoded.astype(np.int32))
        sentence_parts.append(np.full(encoded.size, index, dtype=np.int32))
    if not id_parts:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    return np.concatenate(id_parts), np.concatenate(sentence_parts)


def _check_int_vector(name: str, value) -> np.ndarray:
    arr = np.asarray(value)
    if arr.size == 0 and arr.dtype.kind == "f":
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"`{name}`은(는) 정수 배열이어야 합니다. 받은 dtype: {arr.dtype} ({describe(value)})")
    if arr.ndim != 1:
        raise ValueError(f"`{name}`은(는) 1차원 (N,) 배열이어야 합니다. 받은 형태: {arr.shape}")
    return arr


def skipgram_pair_arrays(ids, sentence_ids, window: int, rng=None, reduced_window: bool = False):
    """코퍼스 전체의 (중심 단어, 주변 단어) 쌍을 벡터 연산으로 한꺼번에 만듭니다.

    거리 d = 1..window 마다 (반복문은 여기만) 위치 i 와 i+d 가 같은 문장이면 두 쌍
    (ids[i], ids[i+d]) 와 (ids[i+d], ids[i]) 를 만듭니다. 문장마다 ``skipgram_pairs`` 와
    같은 쌍(중복 포함, 순서만 다름)이 나옵니다. 쌍의 순서: 거리 d 별로 묶여 있습니다
    (학습 전에 섞으므로 순서는 중요하지 않습니다).

    reduced_window=True 이면 word2vec.c 처럼 중심 단어마다 b 를 1..window 에서 균등하게 뽑고,
    거리 <= b 인 주변 단어만 남깁니다. 거리 d 인 쌍이 남을 확률은 (window - d + 1) / window 이므로
    가까운 주변 단어에 더 큰 가중치를 주는 효과가 있습니다.

    Parameters
    ----------
    ids : (N,) int, ``encode_corpus`` 의 단어 인덱스
    sentence_ids : (N,) int, 각 토큰의 문장 번호 (오름차순; 같은 문장 토큰은 이어져 있어야 함)
    window : int >= 1, 윈도우 크기 m
    rng : numpy.random.Generator, int 시드, 또는 None (reduced_window=True 일 때만 씀)
    reduced_window : bool

    Returns
    -------
    centers : (P,) ids 와 같은 dtype, 중심 단어 인덱스
    contexts : (P,) ids 와 같은 dtype, 주변 단어 인덱스
    """
    ids = _check_int_vector("ids", ids)
    sentence_ids = _check_int_vector("sentence_ids", sentence_ids)
    if ids.shape != sentence_ids.shape:
        raise ValueError(
            f"`ids`의 형태 {ids.shape} 와 `sentence_ids`의 형태 {sentence_ids.shape} 가 같아야 합니다."
        )
    if sentence_ids.size > 1 and (np.diff(sentence_ids) < 0).any():
        raise ValueError(
            "`sentence_ids`는 오름차순이어야 합니다 (같은 문장의 토큰이 이어져 있어야 함). "
            "encode_corpus 의 결과를 그대로 넣어 주세요."
        )
    window = as_positive_int("window", window, minimum=1)
    if not isinstance(reduced_window, (bool, np.bool_)):
        raise TypeError(f"`reduced_window`는 True/False 여야 합니다. 받은 값: {describe(reduced_window)}")

    size = ids.shape[0]
    if reduced_window:
        spans = _as_generator(rng).integers(1, window + 1, size=size)  # 중심 단어마다 b
    centers, contexts = [], []
    for d in range(1, min(window, max(size - 1, 0)) + 1):
        left = np.arange(size - d)  # 위치 i, 오른쪽 이웃은 i + d
        same = sentence_ids[:-d] == sentence_ids[d:]
        # (중심 i, 주변 i+d) 와 (중심 i+d, 주변 i)
        keep_right = same & (spans[:-d] >= d) if reduced_window else same
        keep_left = same & (spans[d:] >= d) if reduced_window else same
        i_right = left[keep_right]
        i_left = left[keep_left]
        centers += [ids[i_right], ids[i_left + d]]
        contexts += [ids[i_right + d], ids[i_left]]
    if not centers:
        return ids[:0].copy(), ids[:0].copy()
    return np.concatenate(centers), np.concatenate(contexts)


def keep_probabilities(counts, sample: float = 1e-3) -> np.ndarray:
    """빈출 단어 서브샘플링: 단어마다 코퍼스에 남길 확률.

    word2vec.c 와 gensim 의 식을 씁니다. t = sample × total (빈도 단위의 문턱), f = 단어 빈도 일 때

        keep(w) = (sqrt(f / t) + 1) · t / f,   1 을 넘으면 1

    논문(Mikolov et al. 2013)의 식은 버릴 확률 discard(w) = 1 - sqrt(t / f) 이고, 거기서는 t 와 f 가
    상대 빈도입니다 (t ≈ 1e-5). 코드의 식은 이것과 조금 달라서(+ t/f 항) 덜 버리고,
    기본값 sample=1e-3 을 씁니다.
    f <= t 인 드문 단어는 언제나 남습니다 (keep = 1).

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도 (Vocabulary.counts)
    sample : float, 0 이상 1 이하. 0 이면 서브샘플링을 끕니다 (모두 1)

    Returns
    -------
    keep_prob : (V,) float64, 0 초과 1 이하. 빈도 0 인 단어는 1.
    """
    counts = as_float_array("counts", counts, ndim=1).astype(np.float64, copy=False)
    if (counts < 0).any():
        raise ValueError("`counts`에 음수 빈도가 있습니다. 빈도는 0 이상이어야 합니다.")
    sample = as_float_in_range("sample", sample, 0.0, 1.0)
    keep = np.ones_like(counts)
    total = counts.sum()
    if sample == 0.0 or total == 0:
        return keep
    threshold = sample * total
    seen = counts > 0
    f = counts[seen]
    keep[seen] = np.minimum((np.sqrt(f / threshold) + 1.0) * threshold / f, 1.0)
    return keep


def subsample(ids, keep_prob, rng=None) -> np.ndarray:
    """서브샘플링 마스크: 토큰마다 확률 keep_prob[ids[i]] 로 남깁니다.

    Parameters
    ----------
    ids : (N,) int, 단어 인덱스
    keep_prob : (V,) ``keep_probabilities`` 의 결과
    rng : numpy.random.Generator, int 시드, 또는 None

    Returns
    -------
    keep_mask : (N,) bool, 남길 토큰이면 True. ``ids[mask]``, ``sentence_ids[mask]`` 처럼 씁니다.
    """
    keep_prob = as_float_array("keep_prob", keep_prob, ndim=1)
    if ((keep_prob < 0) | (keep_prob > 1)).any():
        raise ValueError(
            "`keep_prob`는 0 이상 1 이하의 확률이어야 합니다. keep_probabilities 의 결과를 넣어 주세요."
        )
    ids = as_index_array("ids", ids, keep_prob.shape[0], ndim=1)
    return _as_generator(rng).random(ids.shape[0]) < keep_prob[ids]


def _as_generator(rng) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, numbers.Integral) and not isinstance(rng, bool) and rng >= 0):
        return np.random.default_rng(rng)
    raise TypeError(
        "`rng`는 numpy.random.Generator, 0 이상의 정수 시드, 또는 None 이어야 합니다. "
        f"받은 값: {describe(rng)}"
    )
