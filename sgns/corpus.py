"""코퍼스: 어휘, 스킵-그램 (중심 단어, 주변 단어) 쌍, 빈출 단어 서브샘플링, 파일에서 문장 읽기.

- ``build_vocab`` / ``Vocabulary``: 토큰 리스트들에서 어휘를 만들고 단어 <-> 인덱스를 바꿉니다.
- ``skipgram_pairs``: 문장 하나의 (중심 단어, 주변 단어) 쌍을 읽기 쉬운 반복문으로 만듭니다
  (1장 연습문제의 기준 답).
- ``encode_corpus`` + ``skipgram_pair_arrays``: 코퍼스를 한 줄의 인덱스 배열로 바꾸고,
  윈도우 안의 쌍을 벡터 연산으로 한꺼번에 만듭니다 (반복문은 거리 1..m 에 대해서만).
- ``keep_probabilities`` (word2vec.c, gensim 의 식) / ``paper_keep_probabilities`` (논문의 식) /
  ``subsample``: 빈출 단어 서브샘플링 (5장).
- ``LineSentences``: 한 줄에 문장 하나인 텍스트 파일을 에폭마다 처음부터 다시 읽는 말뭉치
  (gensim 의 ``LineSentence`` 와 같은 생각: 말뭉치 전체를 메모리에 올리지 않음).
- ``encode_chunks``: 말뭉치를 한 번 훑으며 크기가 정해진 조각(인덱스 배열 + 문장 경계)으로 바꿉니다
  (학습기가 에폭마다 씀; 메모리가 말뭉치 크기와 상관없이 일정).
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

import numpy as np

from sgns._validate import (
    as_bool,
    as_counts,
    as_float_array,
    as_float_in_range,
    as_generator,
    as_index_array,
    as_input_file,
    as_int_array,
    as_positive_int,
    as_word_list,
    check_memory,
    describe,
    text_lines,
)

__all__ = [
    "Vocabulary",
    "build_vocab",
    "unknown_word_error",
    "skipgram_pairs",
    "encode_corpus",
    "skipgram_pair_arrays",
    "keep_probabilities",
    "paper_keep_probabilities",
    "subsample",
    "LineSentences",
    "check_reiterable",
    "EncodedChunk",
    "encode_chunks",
    "MAX_WINDOW",
]

# 윈도우 크기의 상한. 문장보다 긴 윈도우는 문장 전체와 같으므로 이보다 클 까닭이 없고,
# 중심 단어마다 1..window 에서 윈도우를 뽑는 정수 난수가 넘치지 않게 합니다.
MAX_WINDOW = 1_000_000

# skipgram_pairs 가 만드는 (center, context) 튜플 하나의 대략적인 메모리 (튜플 56 + 목록의 자리 8 바이트)
_PAIR_TUPLE_BYTES = 64


def _check_sentence(sentence, index: int, name: str | None = None):
    """문장 하나가 토큰 리스트인지 검사합니다 (문자열 하나로 들어온 흔한 실수를 잡습니다).

    name 이 있으면 그 매개변수 자체가 문장 하나 (예: ``tokens``), 없으면 ``sentences`` 의 index 번째 문장입니다.
    """
    where = f"`{name}`" if name else f"`sentences`의 {index}번째 문장"
    if isinstance(sentence, (str, bytes)):
        preview = describe(sentence)
        raise TypeError(
            f"{where}이 토큰 리스트가 아니라 문자열 하나입니다: {preview}. "
            "문자열을 그대로 넣으면 글자 하나하나가 단어가 됩니다. "
            "먼저 토큰으로 나눠 주세요 (예: sentence.split())."
        )
    if not isinstance(sentence, Iterable):
        raise TypeError(f"{where}은 토큰(문자열)의 리스트여야 합니다. 받은 값: {describe(sentence)}")
    return sentence


def _check_tokens(tokens: list, name: str) -> list:
    """문장 하나의 토큰이 단어(문자열)나 정수 인덱스인지 검사합니다 (문장 목록을 통째로 넣은 실수를 잡습니다)."""
    for i, token in enumerate(tokens):
        if not isinstance(token, (str, numbers.Integral, np.integer)) or isinstance(token, (bool, np.bool_)):
            hint = (
                " 문장 여러 개의 목록을 넣은 것 같습니다. 문장 하나(토큰 리스트)씩 넣어 주세요 "
                "(예: [pair for s in sentences for pair in skipgram_pairs(s, window)])."
                if isinstance(token, (list, tuple))
                else ""
            )
            raise TypeError(f"`{name}`[{i}] 가 토큰(단어 문자열 또는 정수 인덱스)이 아닙니다: {describe(token)}.{hint}")
    return tokens


def _check_sentences(sentences):
    if isinstance(sentences, (str, bytes)):
        raise TypeError(
            "`sentences`에 문자열 하나가 들어왔습니다. 문장마다 토큰 리스트인 리스트가 필요합니다 "
            f"(예: [['the', 'cat'], ['a', 'dog']]). 받은 값: {describe(sentences)}"
        )
    if not isinstance(sentences, Iterable):
        raise TypeError(f"`sentences`는 토큰 리스트들의 iterable 이어야 합니다. 받은 값: {describe(sentences)}")
    return sentences


def unknown_word_error(word, words: Sequence[str], name: str | None = None) -> KeyError:
    """어휘에 없는 단어에 대한 한국어 KeyError (비슷한 철자를 최대 3개 제안).

    Parameters
    ----------
    word : 찾지 못한 단어
    words : 어휘의 단어 목록
    name : 매개변수 이름 (있으면 메시지 앞에 붙임)
    """
    words = as_word_list("words", words)
    if name:
        message = f"`{name}`={word!r}: 어휘에 없는 단어입니다 (어휘 {len(words):,}개)"
    else:
        message = f"어휘에 없는 단어입니다: {word!r} (어휘 {len(words):,}개)"
    if isinstance(word, str):
        close = difflib.get_close_matches(word, list(words), n=3)
        if close:
            message += ". 혹시 이 단어인가요? " + ", ".join(repr(w) for w in close)
    return KeyError(message)


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
        self.words = as_word_list("words", words)
        counts = as_counts("counts", counts, allow_all_zero=True, integer=True)
        if counts.shape != (len(self.words),):
            raise ValueError(
                f"`counts`의 형태 {counts.shape} 가 단어 수 {len(self.words)} 와 맞지 않습니다 "
                "(단어마다 빈도가 하나씩 있어야 합니다)."
            )
        if counts.max() >= 2**63:
            raise ValueError(f"`counts`에 너무 큰 빈도가 있습니다: {counts.max():.3g}. 2^63 보다 작아야 합니다.")
        self.counts = counts.astype(np.int64)
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

    def id(self, word, name: str = "word") -> int:
        """단어의 인덱스. 어휘에 없으면 비슷한 철자를 (최대 3개) 알려 주는 KeyError (name 은 메시지의 매개변수 이름)."""
        try:
            return self.word_to_id[word]
        except (KeyError, TypeError):
            pass
        raise unknown_word_error(word, self.words, name)

    def encode(self, tokens) -> np.ndarray:
        """토큰 리스트 -> (n,) int64 인덱스 배열. 어휘에 없는 토큰은 버립니다."""
        tokens = _check_sentence(tokens, 0, name="tokens")
        lookup = self.word_to_id
        try:
            return np.array([lookup[t] for t in tokens if t in lookup], dtype=np.int64)
        except TypeError:  # 해시할 수 없는 토큰 (리스트 등): 어느 토큰인지 알려 줌
            _check_tokens(list(tokens), "tokens")
            raise


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
                    f"`sentences`의 {index}번째 문장에 문자열이 아닌 토큰 {token!r} "
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
            f"모든 단어가 `min_count`={min_count} 보다 적게 나와 어휘가 비었습니다 "
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
    tokens = _check_tokens(list(_check_sentence(tokens, 0, name="tokens")), "tokens")
    n = len(tokens)
    check_memory("tokens", tokens, 2 * n * min(window, max(n - 1, 0)) * _PAIR_TUPLE_BYTES, "(중심, 주변) 쌍 목록")
    pairs = []
    for i, center in enumerate(tokens):
        for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
            if j != i:
                pairs.append((center, tokens[j]))
    return pairs


def encode_corpus(sentences, vocab: Vocabulary) -> tuple[np.ndarray, np.ndarray]:
    """코퍼스 전체를 한 줄의 인덱스 배열로 바꿉니다 (어휘에 없는 토큰은 버림).

    작은 말뭉치로 쌍을 세거나 그림을 그릴 때 씁니다. 학습기는 메모리를 아끼려고 ``encode_chunks`` 로
    조각씩 바꿉니다.

    Parameters
    ----------
    sentences : 토큰 리스트들의 iterable
    vocab : Vocabulary

    Returns
    -------
    ids : (N,) int32, 이어 붙인 단어 인덱스
    sentence_ids : (N,) int32, 각 토큰이 속한 문장 번호 (입력 순서 그대로, 오름차순)
    """
    _check_vocab(vocab)
    id_parts, sentence_parts = [], []
    for index, sentence in enumerate(_check_sentences(sentences)):
        encoded = vocab.encode(_check_sentence(sentence, index))
        id_parts.append(encoded.astype(np.int32))
        sentence_parts.append(np.full(encoded.size, index, dtype=np.int32))
    if not id_parts:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    return np.concatenate(id_parts), np.concatenate(sentence_parts)


def _check_vocab(vocab) -> None:
    if not isinstance(vocab, Vocabulary):
        raise TypeError(f"`vocab`은 Vocabulary 여야 합니다 (build_vocab 으로 만드세요). 받은 값: {describe(vocab)}")


def skipgram_pair_arrays(ids, sentence_ids, window: int, rng=None, reduced_window: bool = False, stacked=False):
    """코퍼스 전체의 (중심 단어, 주변 단어) 쌍을 벡터 연산으로 한꺼번에 만듭니다.

    거리 δ = 1..window 마다 (반복문은 여기만) 위치 i 와 i+δ 가 같은 문장이면 두 쌍
    (ids[i], ids[i+δ]) 와 (ids[i+δ], ids[i]) 를 만듭니다. 문장마다 ``skipgram_pairs`` 와
    같은 쌍(중복 포함, 순서만 다름)이 나옵니다. 쌍의 순서: 거리 δ 별로, 그 안에서 (i, i+δ) 쌍들 다음에
    (i+δ, i) 쌍들 (학습 전에 섞으므로 순서는 중요하지 않습니다).

    reduced_window=True 이면 word2vec.c 처럼 중심 단어마다 b 를 1..window 에서 균등하게 뽑고,
    거리 <= b 인 주변 단어만 남깁니다. 거리 δ 인 쌍이 남을 확률은 (window - δ + 1) / window 이므로
    가까운 주변 단어에 더 큰 가중치를 주는 효과가 있습니다.

    Parameters
    ----------
    ids : (N,) int, ``encode_corpus`` 의 단어 인덱스
    sentence_ids : (N,) int, 각 토큰의 문장 번호 (오름차순; 같은 문장 토큰은 이어져 있어야 함)
    window : int >= 1, 윈도우 크기 m
    rng : numpy.random.Generator, int 시드, 또는 None (reduced_window=True 일 때만 씀)
    reduced_window : bool
    stacked : bool, True 이면 두 배열 대신 (P, 2) 배열 하나 [중심, 주변] 을 돌려줍니다
        (학습기가 쌍 단위로 제자리에서 섞을 때; 메모리는 쌍 하나에 ids 의 원소 두 개)

    Returns
    -------
    centers : (P,) ids 와 같은 dtype, 중심 단어 인덱스
    contexts : (P,) ids 와 같은 dtype, 주변 단어 인덱스
    (stacked=True 이면 pairs : (P, 2), pairs[:, 0] = centers, pairs[:, 1] = contexts)
    """
    ids = as_int_array("ids", ids, ndim=1)
    sentence_ids = as_int_array("sentence_ids", sentence_ids, ndim=1)
    if ids.shape != sentence_ids.shape:
        raise ValueError(f"`ids`의 형태 {ids.shape} 와 `sentence_ids`의 형태 {sentence_ids.shape} 가 같아야 합니다.")
    if sentence_ids.size > 1 and (np.diff(sentence_ids) < 0).any():
        raise ValueError(
            "`sentence_ids`는 오름차순이어야 합니다 (같은 문장의 토큰이 이어져 있어야 함). "
            "encode_corpus 의 결과를 그대로 넣어 주세요."
        )
    window = as_positive_int("window", window, minimum=1, maximum=MAX_WINDOW)
    reduced_window = as_bool("reduced_window", reduced_window)
    stacked = as_bool("stacked", stacked)
    spans = as_generator("rng", rng).integers(1, window + 1, size=ids.shape[0]) if reduced_window else None
    pairs = _window_pairs(ids, sentence_ids, window, spans)
    return pairs if stacked else (pairs[:, 0].copy(), pairs[:, 1].copy())


def _window_pairs(ids: np.ndarray, sentence_ids: np.ndarray, window: int, spans) -> np.ndarray:
    """``skipgram_pair_arrays`` 의 본체 (검사 없음): (P, 2) 배열 [중심, 주변] 을 한 번에 잡아 두고 채웁니다.

    spans : (N,) 중심 단어마다의 윈도우 b, 또는 None (모두 window)
    """
    size = ids.shape[0]
    left = np.arange(size, dtype=np.int64)
    keeps = []  # 거리 δ 마다 (오른쪽 주변 단어를 남길 위치, 왼쪽 주변 단어를 남길 위치)
    for d in range(1, min(window, max(size - 1, 0)) + 1):
        same = sentence_ids[:-d] == sentence_ids[d:]
        if spans is None:
            keeps.append((d, same, same))
        else:
            keeps.append((d, same & (spans[:-d] >= d), same & (spans[d:] >= d)))
    total = sum(int(r.sum()) + int(lft.sum()) for _, r, lft in keeps)
    check_memory("window", window, total * 2 * ids.dtype.itemsize, f"토큰 {size:,}개의 (중심, 주변) 쌍 {total:,}개")
    pairs = np.empty((total, 2), dtype=ids.dtype)
    at = 0
    for d, keep_right, keep_left in keeps:
        # (중심 i, 주변 i+δ) 쌍들, 그다음 (중심 i+δ, 주변 i) 쌍들
        for keep, c_shift, o_shift in ((keep_right, 0, d), (keep_left, d, 0)):
            i = left[: size - d][keep]  # 위치 i (오른쪽 이웃은 i + δ)
            n = i.shape[0]
            pairs[at : at + n, 0] = ids[i + c_shift]
            pairs[at : at + n, 1] = ids[i + o_shift]
            at += n
    return pairs


def keep_probabilities(counts, sample: float = 1e-3) -> np.ndarray:
    """빈출 단어 서브샘플링: 단어마다 코퍼스에 남길 확률 (word2vec.c 와 gensim 의 식).

    t = sample × total (빈도 단위의 문턱), f = 단어 빈도 일 때

        keep(w) = (sqrt(f / t) + 1) · t / f,   1 을 넘으면 1

    논문(Mikolov et al. 2013)의 식 (``paper_keep_probabilities``) 은 버릴 확률 1 - sqrt(t / f) 이고,
    거기서는 t 와 f 가 상대 빈도입니다 (t ≈ 1e-5). 코드의 식은 여기에 t / f 를 더한 꼴이라 덜 버리고,
    기본값 sample=1e-3 을 씁니다. x = sqrt(f / t) 로 쓰면 keep = (x + 1) / x² 이고, x + 1 >= x² 인 동안
    (x <= 황금비 φ ≈ 1.618, 곧 f <= φ²·t ≈ 2.618·t) 1 이므로, 빈도가 문턱 t 의 약 2.6 배까지인 단어는 언제나
    남습니다 (f <= t 에서 끝나지 않음; 5장이 계산해 보여 줍니다).

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도 (Vocabulary.counts)
    sample : float, 0 이상 1 이하. 0 이면 서브샘플링을 끕니다 (모두 1)

    Returns
    -------
    keep_prob : (V,) float64, 0 초과 1 이하. 빈도 0 인 단어는 1.
    """
    counts = as_counts("counts", counts, allow_all_zero=True)
    sample = as_float_in_range("sample", sample, 0.0, 1.0)
    keep = np.ones_like(counts)
    if sample == 0.0 or not (counts > 0).any():
        return keep
    seen = counts > 0
    # t / f = sample / (f / total) 로 계산합니다 (같은 식). t = sample × total 을 먼저 만들면 아주 작은 sample 이나
    # 빈도에서 0 으로 내려가 (0 / 0 = NaN), 아주 큰 빈도에서는 합이 넘칩니다. 상대 빈도는 언제나 0 초과 1 이하.
    f = _relative_frequencies(counts)[seen]
    with np.errstate(over="ignore", divide="ignore"):  # t / f 가 넘치면 inf: 아주 드문 단어라 keep = 1 (맞는 값)
        keep[seen] = np.minimum(np.sqrt(sample) / np.sqrt(f) + sample / f, 1.0)  # sqrt(t/f) + t/f
    return keep


def _relative_frequencies(counts: np.ndarray) -> np.ndarray:
    """빈도 / 전체 빈도 (넘치지 않게 최댓값으로 먼저 나눔). counts : (V,) 0 이상, 적어도 하나는 0 보다 큼."""
    scaled = counts / counts.max()
    return scaled / scaled.sum()


def paper_keep_probabilities(counts, t: float = 1e-5) -> np.ndarray:
    """논문(Mikolov et al. 2013) 의 빈출 단어 서브샘플링: 단어를 남길 확률 min(1, sqrt(t / f)).

    논문은 버릴 확률 P(discard) = 1 - sqrt(t / f(w)) 로 씁니다. f(w) 는 상대 빈도 (빈도 / 전체 토큰 수),
    t 는 문턱 (논문 권장 약 1e-5). 그러므로 남길 확률은 sqrt(t / f) 이고 f <= t 이면 1 입니다.
    word2vec.c 와 gensim 의 식 (``keep_probabilities``) 은 여기에 t / f 를 더한 꼴입니다.

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도 (적어도 하나는 0 보다 큼)
    t : float, 0 초과 1 이하의 문턱 (상대 빈도 단위)

    Returns
    -------
    keep_prob : (V,) float64, 0 초과 1 이하. 빈도 0 인 단어는 1.
    """
    counts = as_counts("counts", counts)
    t = as_float_in_range("t", t, 0.0, 1.0)
    if t == 0.0:
        raise ValueError("`t`=0 은 허용되지 않습니다. 0 초과 1 이하의 문턱이어야 합니다 (예: 1e-5).")
    keep = np.ones_like(counts)
    seen = counts > 0
    f = _relative_frequencies(counts)[seen]
    with np.errstate(divide="ignore"):  # 상대 빈도가 0 으로 내려간 아주 드문 단어는 sqrt(t / f) = inf -> 1
        keep[seen] = np.minimum(np.sqrt(t) / np.sqrt(f), 1.0)  # sqrt(t / f), t / f 가 0 으로 내려가지 않게
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
        raise ValueError("`keep_prob`는 0 이상 1 이하의 확률이어야 합니다. keep_probabilities 의 결과를 넣어 주세요.")
    ids = as_index_array("ids", ids, keep_prob.shape[0], ndim=1)
    return as_generator("rng", rng).random(ids.shape[0]) < keep_prob[ids]


# ---------------------------------------------------------------------------
# 파일에서 읽기, 조각으로 바꾸기 (학습기용)
# ---------------------------------------------------------------------------


class LineSentences:
    """한 줄에 문장 하나인 텍스트 파일 (토큰은 공백으로 구분). 훑을 때마다 파일을 처음부터 다시 읽습니다.

    ``sgns.train(LineSentences(path))`` 처럼 쓰면 말뭉치 전체를 리스트로 메모리에 올리지 않고
    에폭마다 파일에서 읽습니다 (gensim 의 ``LineSentence`` 와 같은 생각). 빈 줄은 건너뜁니다.

    Parameters
    ----------
    path : str 또는 Path, UTF-8 텍스트 파일
    """

    def __init__(self, path):
        self.path = as_input_file("path", path)

    def __iter__(self) -> Iterator[list[str]]:
        for _, line in text_lines("path", self.path):  # UTF-8 이 아닌 줄은 줄 번호와 함께 한국어 오류
            tokens = line.split()
            if tokens:
                yield tokens

    def __repr__(self) -> str:
        return f"LineSentences({str(self.path)!r})"


def check_reiterable(sentences, name: str = "sentences"):
    """여러 번 훑을 수 있는 말뭉치인지 검사합니다 (학습은 에폭마다 말뭉치를 처음부터 다시 읽습니다).

    리스트·튜플이나, ``__iter__`` 가 부를 때마다 새 반복자를 돌려주는 객체 (``LineSentences`` 등) 는 됩니다.
    제너레이터처럼 한 번 훑으면 끝나는 반복자는 둘째 에폭에서 비어 버리므로 한국어 TypeError 를 냅니다.
    """
    _check_sentences(sentences)
    if iter(sentences) is sentences:
        raise TypeError(
            f"`{name}`에 한 번만 훑을 수 있는 반복자(제너레이터 등)가 들어왔습니다: {describe(sentences)}. "
            "학습은 에폭마다 말뭉치를 처음부터 다시 읽어야 하는데, 반복자는 한 번 훑고 나면 비어서 "
            "둘째 에폭부터는 문장이 하나도 없게 됩니다. list(...) 로 바꿔 넣거나, 파일이라면 "
            "sgns.corpus.LineSentences(경로) 처럼 훑을 때마다 다시 읽는 객체를 넣어 주세요."
        )
    return sentences


class EncodedChunk(NamedTuple):
    """``encode_chunks`` 가 내놓는 말뭉치 조각 하나.

    token_ids : (n,) int32, 이어 붙인 단어 인덱스 (어휘에 없는 토큰은 빠짐)
    sentence_starts : (s+1,) int64, 문장 i 의 토큰은 token_ids[sentence_starts[i]:sentence_starts[i+1]]
        (sentence_starts[0] = 0, sentence_starts[-1] = n)
    """

    token_ids: np.ndarray
    sentence_starts: np.ndarray


def encode_chunks(sentences, vocab: Vocabulary, chunk_tokens: int) -> Iterator[EncodedChunk]:
    """말뭉치를 한 번 훑으며 토큰 chunk_tokens 개 안팎의 조각으로 바꿉니다 (문장은 자르지 않음).

    문장을 이어 붙이다가 토큰 수가 chunk_tokens 이상이 되면 그 조각을 내놓습니다. 그래서 조각 하나는
    chunk_tokens 개에 문장 하나 길이를 더한 것보다 작고, 조각마다 필요한 메모리는 말뭉치 크기와 상관이 없습니다.
    어휘에 남은 토큰이 없는 문장은 건너뜁니다.

    Parameters
    ----------
    sentences : 토큰 리스트들의 iterable
    vocab : Vocabulary
    chunk_tokens : int >= 1, 조각 하나의 목표 토큰 수

    Yields
    ------
    EncodedChunk(token_ids (n,) int32, sentence_starts (s+1,) int64)
    """
    _check_vocab(vocab)
    chunk_tokens = as_positive_int("chunk_tokens", chunk_tokens)
    get = vocab.word_to_id.get
    parts: list[np.ndarray] = []
    lengths: list[int] = []
    pending = 0
    for index, sentence in enumerate(_check_sentences(sentences)):
        tokens = list(_check_sentence(sentence, index))
        try:
            encoded = np.fromiter(map(get, tokens, [-1] * len(tokens)), dtype=np.int32, count=len(tokens))  # 없으면 -1
        except TypeError:  # 해시할 수 없는 토큰 (리스트 등): 어느 토큰인지 알려 줌
            _check_tokens(tokens, f"sentences[{index}]")
            raise
        encoded = encoded[encoded >= 0]
        if encoded.size == 0:
            continue
        parts.append(encoded)
        lengths.append(encoded.size)
        pending += encoded.size
        if pending >= chunk_tokens:
            yield _make_chunk(parts, lengths)
            parts, lengths, pending = [], [], 0
    if parts:
        yield _make_chunk(parts, lengths)


def _make_chunk(parts: list[np.ndarray], lengths: list[int]) -> EncodedChunk:
    starts = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    return EncodedChunk(np.concatenate(parts), starts)
