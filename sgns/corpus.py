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

입구는 ``build_vocab`` (학생이 넣은 말뭉치를 처음 읽는 곳: ``sgns.train`` 도 이것으로 읽음), ``LineSentences``,
``Vocabulary.id`` 입니다. 말뭉치의 흔한 실수 (문장 대신 문자열 하나, 문자열이 아닌 토큰, 한 번만 훑을 수 있는
반복자) 는 여기서 한국어 오류가 됩니다.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from sgns._validate import as_input_file, as_positive_int, check_memory, describe, text_lines

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
    "MAX_WINDOW",
]

# 윈도우 크기의 상한. 문장보다 긴 윈도우는 문장 전체와 같으므로 이보다 클 까닭이 없고,
# 중심 단어마다 1..window 에서 윈도우를 뽑는 정수 난수가 넘치지 않게 합니다.
MAX_WINDOW = 1_000_000


def unknown_word_error(word, words: Sequence[str], name: str | None = None) -> KeyError:
    """어휘에 없는 단어에 대한 한국어 KeyError (비슷한 철자를 최대 3개 제안; name 은 매개변수 이름)."""
    if name:
        message = f"`{name}`={word!r}: 어휘에 없는 단어입니다 (어휘 {len(words):,}개)"
    else:
        message = f"어휘에 없는 단어입니다: {word!r} (어휘 {len(words):,}개)"
    close = difflib.get_close_matches(word, list(words), n=3) if isinstance(word, str) else []
    if close:
        message += ". 혹시 이 단어인가요? " + ", ".join(repr(w) for w in close)
    return KeyError(message)


class Vocabulary:
    """어휘: 단어 <-> 인덱스와 단어별 빈도 (``build_vocab(sentences, min_count)`` 로 만듭니다).

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
        self.word_to_id = {word: i for i, word in enumerate(self.words)}
        assert len(self.word_to_id) == len(self.words) == len(self.counts), "단어마다 인덱스와 빈도가 하나씩"
        self.total = int(self.counts.sum())

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
            raise unknown_word_error(word, self.words, name) from None

    def encode(self, tokens) -> np.ndarray:
        """토큰 리스트 -> (n,) int64 인덱스 배열. 어휘에 없는 토큰은 버립니다."""
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
    counts = Counter()  # 처음 나온 순서를 기억합니다
    for sentence in _checked_sentences(sentences):
        counts.update(sentence)
    words = list(counts)
    freq = np.fromiter(counts.values(), dtype=np.int64, count=len(words))
    order = np.argsort(-freq, kind="stable")  # 빈도 내림차순, 같은 빈도면 처음 나온 순서
    order = order[freq[order] >= min_count]
    if order.size == 0:
        raise _empty_vocabulary_error(freq, min_count)
    return Vocabulary([words[i] for i in order], freq[order])


def _checked_sentences(sentences) -> Iterator[list[str]]:
    """말뭉치의 문장들을 토큰 리스트로 (입구의 검사: 흔한 실수는 어느 문장인지 말하는 한국어 TypeError)."""
    _check_corpus(sentences)
    for index, sentence in enumerate(sentences):
        if isinstance(sentence, (str, bytes)):
            raise TypeError(
                f"`sentences`의 {index}번째 문장이 토큰 리스트가 아니라 문자열 하나입니다: {describe(sentence)}. "
                "그대로 넣으면 글자 하나하나가 단어가 되므로, 먼저 토큰으로 나눠 주세요 (예: sentence.split())."
            )
        if not isinstance(sentence, Iterable):
            raise TypeError(f"`sentences`의 {index}번째 문장이 토큰 리스트가 아닙니다: {describe(sentence)}")
        tokens = list(sentence)
        for token in tokens:
            if not isinstance(token, str):
                raise TypeError(
                    f"`sentences`의 {index}번째 문장에 문자열이 아닌 토큰 {describe(token)} "
                    f"(자료형 {type(token).__name__}) 이 있습니다. 토큰은 모두 문자열(str)이어야 합니다."
                )
        yield tokens


def _check_corpus(sentences, name: str = "sentences") -> None:
    if isinstance(sentences, (str, bytes)) or not isinstance(sentences, Iterable):
        single = "문자열 하나가 들어왔습니다. " if isinstance(sentences, (str, bytes)) else ""
        raise TypeError(
            f"`{name}`에 {single}문장마다 토큰 리스트인 리스트가 필요합니다 (예: [['the', 'cat'], ['a', 'dog']]). "
            f"받은 값: {describe(sentences)}"
        )


def _empty_vocabulary_error(freq: np.ndarray, min_count: int) -> ValueError:
    if freq.size == 0:
        return ValueError("코퍼스가 비어 있습니다. `sentences`에 토큰이 하나도 없습니다.")
    return ValueError(
        f"모든 단어가 `min_count`={min_count} 보다 적게 나와 어휘가 비었습니다 "
        f"(가장 많이 나온 단어의 빈도: {int(freq.max())}). min_count 를 {int(freq.max())} 이하로 낮춰 보세요."
    )


def check_reiterable(sentences, name: str = "sentences"):
    """여러 번 훑을 수 있는 말뭉치인지 검사합니다 (학습은 에폭마다 말뭉치를 처음부터 다시 읽습니다).

    리스트·튜플이나, ``__iter__`` 가 부를 때마다 새 반복자를 돌려주는 객체 (``LineSentences`` 등) 는 됩니다.
    제너레이터처럼 한 번 훑으면 끝나는 반복자는 둘째 에폭에서 비어 버리므로 한국어 TypeError 를 냅니다.
    """
    _check_corpus(sentences, name)
    if iter(sentences) is sentences:
        raise TypeError(
            f"`{name}`에 한 번만 훑을 수 있는 반복자(제너레이터 등)가 들어왔습니다: {describe(sentences)}. "
            "학습은 에폭마다 말뭉치를 처음부터 다시 읽어야 하는데, 반복자는 한 번 훑고 나면 비어서 "
            "둘째 에폭부터는 문장이 하나도 없게 됩니다. list(...) 로 바꿔 넣거나, 파일이라면 "
            "sgns.corpus.LineSentences(경로) 처럼 훑을 때마다 다시 읽는 객체를 넣어 주세요."
        )
    return sentences


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
    tokens = list(tokens)
    pairs = []
    for i, center in enumerate(tokens):
        for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
            if j != i:
                pairs.append((center, tokens[j]))
    return pairs


def encode_corpus(sentences, vocab: Vocabulary) -> tuple[np.ndarray, np.ndarray]:
    """코퍼스 전체를 한 줄의 인덱스 배열로 바꿉니다 (어휘에 없는 토큰은 버림).

    작은 말뭉치로 쌍을 세거나 그림을 그릴 때 씁니다 (학습기는 ``sgns.engine.chunks.encode_chunks`` 로 조각씩).

    Returns
    -------
    ids : (N,) int32, 이어 붙인 단어 인덱스
    sentence_ids : (N,) int32, 각 토큰이 속한 문장 번호 (입력 순서 그대로, 오름차순)
    """
    id_parts, sentence_parts = [np.zeros(0, dtype=np.int32)], [np.zeros(0, dtype=np.int32)]
    for index, sentence in enumerate(_checked_sentences(sentences)):  # 강의 도우미가 학생의 말뭉치로 부릅니다
        encoded = vocab.encode(sentence)
        id_parts.append(encoded.astype(np.int32))
        sentence_parts.append(np.full(encoded.size, index, dtype=np.int32))
    return np.concatenate(id_parts), np.concatenate(sentence_parts)


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
    centers, contexts : (P,) ids 와 같은 dtype (stacked=True 이면 pairs (P, 2) = [centers, contexts])
    """
    window = as_positive_int("window", window, maximum=MAX_WINDOW)  # 강의 도우미가 학생의 값으로 부릅니다
    ids, sentence_ids = np.asarray(ids), np.asarray(sentence_ids)
    n = ids.shape[0]
    spans = np.random.default_rng(rng).integers(1, window + 1, size=n) if reduced_window else None  # b
    keeps = []  # 거리 δ 마다 (오른쪽 주변 단어를 남길 위치, 왼쪽 주변 단어를 남길 위치)
    for d in range(1, min(window, max(n - 1, 0)) + 1):
        same = sentence_ids[:-d] == sentence_ids[d:]
        keeps.append((d, same, same) if spans is None else (d, same & (spans[:-d] >= d), same & (spans[d:] >= d)))
    total = sum(int(right.sum()) + int(left.sum()) for _, right, left in keeps)
    check_memory("window", window, total * 2 * ids.dtype.itemsize, f"토큰 {n:,}개의 (중심, 주변) 쌍 {total:,}개")
    pairs = np.empty((total, 2), dtype=ids.dtype)
    at, positions = 0, np.arange(n, dtype=np.int64)
    for d, keep_right, keep_left in keeps:
        # (중심 i, 주변 i+δ) 쌍들, 그다음 (중심 i+δ, 주변 i) 쌍들
        for keep, c_shift, o_shift in ((keep_right, 0, d), (keep_left, d, 0)):
            i = positions[: n - d][keep]
            pairs[at : at + i.shape[0], 0] = ids[i + c_shift]
            pairs[at : at + i.shape[0], 1] = ids[i + o_shift]
            at += i.shape[0]
    return pairs if stacked else (pairs[:, 0].copy(), pairs[:, 1].copy())


def _relative_frequencies(counts: np.ndarray) -> np.ndarray:
    """빈도 / 전체 빈도 (최댓값으로 먼저 나눠 합이 넘치지 않게)."""
    scaled = counts / counts.max()
    return scaled / scaled.sum()


def keep_probabilities(counts, sample: float = 1e-3) -> np.ndarray:
    """빈출 단어 서브샘플링: 단어마다 코퍼스에 남길 확률 (word2vec.c 와 gensim 의 식).

    t = sample × total (빈도 단위의 문턱), f = 단어 빈도 일 때

        keep(w) = (sqrt(f / t) + 1) · t / f,   1 을 넘으면 1

    상대 빈도 f / total 과 t / total = sample 로 쓰면 같은 식이 sqrt(sample / f) + sample / f 입니다 (그렇게 계산).
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
    counts = np.asarray(counts, dtype=np.float64)
    keep = np.ones_like(counts)
    if sample == 0:
        return keep
    seen = counts > 0
    f = _relative_frequencies(counts)[seen]
    keep[seen] = np.minimum(np.sqrt(sample) / np.sqrt(f) + sample / f, 1.0)  # sqrt(t/f) + t/f
    return keep


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
    counts = np.asarray(counts, dtype=np.float64)
    keep = np.ones_like(counts)
    seen = counts > 0
    keep[seen] = np.minimum(np.sqrt(t) / np.sqrt(_relative_frequencies(counts)[seen]), 1.0)  # sqrt(t / f)
    return keep


def subsample(ids, keep_prob, rng=None) -> np.ndarray:
    """서브샘플링 마스크: 토큰마다 확률 keep_prob[ids[i]] 로 남깁니다 (rng: Generator, int 시드, 또는 None).

    Returns
    -------
    keep_mask : (N,) bool, 남길 토큰이면 True. ``ids[mask]``, ``sentence_ids[mask]`` 처럼 씁니다.
    """
    ids = np.asarray(ids)
    return np.random.default_rng(rng).random(ids.shape[0]) < np.asarray(keep_prob)[ids]


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
