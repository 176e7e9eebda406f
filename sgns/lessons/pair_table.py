"""1장 (개념) 의 도우미: 긍정 쌍과 부정 쌍에 레이블을 붙인 표, 뽑힌 네거티브 샘플 가운데 드문 단어,
네거티브 샘플이 그 쌍의 정답 주변 단어와 같을 (충돌할) 확률.

네거티브 샘플링이 만드는 학습 자료는 (중심 단어, 주변 단어, 레이블) 의 표입니다.
실제 문장에서 나온 쌍은 레이블 1 (긍정 쌍), 잡음 분포에서 뽑은 네거티브 샘플과 만든 쌍은 레이블 0 (부정 쌍).
기호: K = 긍정 쌍 하나에 붙이는 네거티브 샘플의 수, k = 1..K 는 그 번호 (매개변수 이름은 학습기처럼 ``negative``).

- ``pairs_with_center``: (중심, 주변) 쌍 목록에서 중심 단어 하나의 쌍만 고릅니다.
- ``draw_negative_words``: 샘플러로 긍정 쌍마다 K 개의 네거티브 샘플을 뽑아 단어(문자열)로 돌려줍니다.
- ``labelled_pairs``: 긍정 쌍마다 (c, o, 1) 한 줄과 그 뒤에 (c, w_k, 0) K 줄을 붙인 표를 만듭니다.
- ``count_labels``: 표의 긍정 쌍 수와 부정 쌍 수.
- ``pair_table``: 표를 노트북에서 렌더링되는 표 (``sgns.plotting.Table``) 로 만듭니다.
- ``rare_word_share``: 드문 단어가 어휘에서 차지하는 비율과, 잡음 분포에서 뽑힐 확률.
- ``rare_words_drawn``: 실제로 뽑힌 네거티브 샘플 가운데 드문 단어 (빈도가 max_count 이하).
- ``collision_rates``: 네거티브 샘플이 그 쌍의 주변 단어 o 와 같을 확률 (평균 P_n(o)) 과, 그 충돌이
  주변 단어마다 얼마씩 생기는지 (``CollisionRates``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sgns._validate import as_counts, as_index_array, as_list, as_positive_int, as_probabilities, describe
from sgns.corpus import Vocabulary
from sgns.plotting import Table
from sgns.sampling import NegativeSampler, noise_distribution

__all__ = [
    "SECTION1_CENTER_WORD",
    "SECTION1_CONTEXT_WORD",
    "LABEL_NAMES",
    "pairs_with_center",
    "draw_negative_words",
    "labelled_pairs",
    "count_labels",
    "pair_table",
    "rare_word_share",
    "rare_words_drawn",
    "CollisionRates",
    "collision_rates",
]

# 원문 1절의 예: 중심 단어 "banking" 주변에 "crisis" 가 나타났다 -> (banking, crisis) 는 긍정 쌍.
# 원문이 든 네거티브 샘플의 예 (elephant, democracy, pizza) 는 sgns.data.DOC_NEGATIVE_WORDS 에 있습니다.
SECTION1_CENTER_WORD = "banking"
SECTION1_CONTEXT_WORD = "crisis"

LABEL_NAMES = {1: "긍정 쌍", 0: "부정 쌍"}


def _check_pair_list(name: str, pairs) -> list[tuple]:
    pairs = as_list(name, pairs, "(중심, 주변) 쌍의 리스트여야 합니다")
    out = []
    for i, pair in enumerate(pairs):
        if isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2:
            raise ValueError(f"`{name}`[{i}] 가 (중심, 주변) 두 개짜리 쌍이 아닙니다. 받은 값: {describe(pair)}")
        out.append((pair[0], pair[1]))
    return out


def pairs_with_center(pairs, center) -> list[tuple]:
    """(중심, 주변) 쌍 목록에서 중심 단어가 ``center`` 인 쌍만 (순서를 지켜) 고릅니다.

    Parameters
    ----------
    pairs : list[(center, context)], 예: ``skipgram_pairs`` 의 결과 (길이 P)
    center : 고를 중심 단어

    Returns
    -------
    pairs : list[(center, context)], 길이 P' <= P
    """
    pairs = _check_pair_list("pairs", pairs)
    chosen = [pair for pair in pairs if pair[0] == center]
    if not chosen:
        centers = list(dict.fromkeys(c for c, _ in pairs))[:8]
        raise ValueError(f"중심 단어가 {center!r} 인 쌍이 없습니다. 목록에 있는 중심 단어 (앞의 8개까지): {centers}")
    return chosen


def draw_negative_words(sampler: NegativeSampler, vocab: Vocabulary, num_pairs: int, negative: int) -> list[list[str]]:
    """긍정 쌍마다 K 개의 네거티브 샘플을 잡음 분포에서 뽑아 단어(문자열)로 돌려줍니다.

    ``sampler.sample((num_pairs, negative))`` 한 번으로 뽑으므로, 같은 시드의 새 샘플러면 결과가 같습니다.

    Parameters
    ----------
    sampler : NegativeSampler, ``vocab.counts`` 로 만든 샘플러 (len(sampler) == len(vocab))
    vocab : Vocabulary, 인덱스 -> 단어
    num_pairs : int >= 1, 긍정 쌍의 수 P
    negative : int >= 1, 긍정 쌍 하나에 붙일 네거티브 샘플의 수 K

    Returns
    -------
    negative_words : list[list[str]], (P, K) 모양의 단어 목록
    """
    if not isinstance(sampler, NegativeSampler):
        raise TypeError(f"`sampler`는 NegativeSampler 여야 합니다. 받은 값: {describe(sampler)}")
    if not isinstance(vocab, Vocabulary):
        raise TypeError(f"`vocab`은 Vocabulary 여야 합니다 (build_vocab 으로 만드세요). 받은 값: {describe(vocab)}")
    if len(sampler) != len(vocab):
        raise ValueError(
            f"샘플러의 어휘 크기 {len(sampler)} 와 `vocab`의 크기 {len(vocab)} 가 다릅니다. "
            "NegativeSampler(vocab.counts) 처럼 같은 어휘로 만들어 주세요."
        )
    num_pairs = as_positive_int("num_pairs", num_pairs)
    negative = as_positive_int("negative", negative)
    ids = sampler.sample((num_pairs, negative))
    return [[vocab.words[i] for i in row] for row in ids.tolist()]


def labelled_pairs(true_pairs, negative_words) -> list[tuple]:
    """긍정 쌍과 네거티브 샘플로 (중심, 주변, 레이블) 표를 만듭니다.

    긍정 쌍 (c, o) 마다 (c, o, 1) 한 줄, 그 뒤에 그 쌍의 네거티브 샘플 w_1..w_K 로 (c, w_k, 0) K 줄.
    부정 쌍의 중심 단어는 긍정 쌍과 같고, 주변 단어만 네거티브 샘플로 바뀝니다.

    Parameters
    ----------
    true_pairs : list[(center, context)], 길이 P
    negative_words : P 개의 목록, 각각 K 개의 네거티브 샘플 (``draw_negative_words`` 의 결과, (P, K))

    Returns
    -------
    rows : list[(center, context, label)], 길이 P * (K + 1), label 은 1 (긍정 쌍) 또는 0 (부정 쌍)
    """
    true_pairs = _check_pair_list("true_pairs", true_pairs)
    if isinstance(negative_words, (str, bytes)) or not hasattr(negative_words, "__len__"):
        raise TypeError(
            f"`negative_words`는 쌍마다 네거티브 샘플 목록이 든 리스트여야 합니다. 받은 값: {describe(negative_words)}"
        )
    if len(negative_words) != len(true_pairs):
        raise ValueError(
            f"`negative_words`의 길이 {len(negative_words)} 가 긍정 쌍의 수 {len(true_pairs)} 와 다릅니다. "
            "긍정 쌍마다 네거티브 샘플 목록이 하나씩 있어야 합니다."
        )
    rows = []
    for i, ((center, context), words) in enumerate(zip(true_pairs, negative_words, strict=True)):
        words = as_list(f"negative_words[{i}]", words, "네거티브 샘플의 목록이어야 합니다 (문자열 하나가 아니라)")
        rows.append((center, context, 1))
        rows.extend((center, word, 0) for word in words)
    return rows


def count_labels(rows) -> tuple[int, int]:
    """(중심, 주변, 레이블) 표의 긍정 쌍 수와 부정 쌍 수.

    Parameters
    ----------
    rows : list[(center, context, label)], label 은 0 또는 1

    Returns
    -------
    (num_positive, num_negative) : tuple[int, int]
    """
    rows = as_list("rows", rows, "(중심, 주변, 레이블) 줄들의 목록이어야 합니다")
    positive = negative = 0
    for i, row in enumerate(rows):
        if not isinstance(row, (tuple, list)) or len(row) != 3 or row[2] not in (0, 1) or isinstance(row[2], bool):
            raise ValueError(f"`rows`[{i}] 는 레이블이 0 또는 1 인 (중심, 주변, 레이블) 이어야 합니다: {describe(row)}")
        if row[2] == 1:
            positive += 1
        else:
            negative += 1
    return positive, negative


def pair_table(rows, header=("중심 단어", "주변 단어", "레이블", "종류")) -> Table:
    """(중심, 주변, 레이블) 표를 노트북에서 렌더링되는 표로 만듭니다 (``sgns.plotting.Table``).

    Parameters
    ----------
    rows : list[(center, context, label)], label 은 0 또는 1
    header : 네 열의 머리글

    Returns
    -------
    Table : 줄마다 (중심, 주변, 레이블, 레이블의 이름: 1 = 긍정 쌍, 0 = 부정 쌍).
        ``show_table`` 처럼 노트북에 보이려면 ``display(pair_table(rows))``.
    """
    count_labels(rows)  # 모양과 레이블 검사
    if isinstance(header, (str, bytes)) or len(header) != 4:
        raise ValueError(f"`header`는 열 이름 4개여야 합니다. 받은 값: {describe(header)}")
    body = [(str(c), str(o), str(label), LABEL_NAMES[label]) for c, o, label in rows]
    return Table(header, body, left_columns=4)


def rare_words_drawn(negative_words, vocab: Vocabulary, max_count: int) -> list[str]:
    """뽑힌 네거티브 샘플 가운데 빈도가 max_count 이하인 드문 단어를 (뽑힌 순서대로, 중복 포함) 돌려줍니다.

    Parameters
    ----------
    negative_words : (P, K) 모양의 단어 목록 (``draw_negative_words`` 의 결과), 모든 단어가 ``vocab`` 에 있어야 함
    vocab : Vocabulary, 단어 -> 빈도
    max_count : int >= 1, 이 빈도 이하를 드문 단어로 봅니다 (``rare_word_share`` 와 같은 기준)

    Returns
    -------
    rare : list[str], 길이 <= P * K. 같은 단어가 두 번 뽑혔으면 두 번 들어 있습니다.
    """
    if not isinstance(vocab, Vocabulary):
        raise TypeError(f"`vocab`은 Vocabulary 여야 합니다 (build_vocab 으로 만드세요). 받은 값: {describe(vocab)}")
    max_count = as_positive_int("max_count", max_count)
    negative_words = as_list("negative_words", negative_words, "쌍마다 네거티브 샘플 목록이 든 리스트여야 합니다")
    rare = []
    for i, row in enumerate(negative_words):
        row = as_list(f"negative_words[{i}]", row, "네거티브 샘플의 목록이어야 합니다 (문자열 하나가 아니라)")
        for word in row:
            if word not in vocab:
                raise ValueError(f"네거티브 샘플 {word!r} 가 `vocab`에 없습니다. 같은 어휘로 뽑은 단어를 넣어 주세요.")
            if vocab.counts[vocab.id(word)] <= max_count:
                rare.append(word)
    return rare


def rare_word_share(counts, max_count: int, power: float = 0.75) -> tuple[float, float]:
    """빈도가 max_count 이하인 드문 단어들이 어휘에서 차지하는 비율과, 네거티브 샘플로 뽑힐 확률.

    단어 하나하나로 보면 흔한 단어일수록 자주 뽑히지만, 드문 단어는 수가 많아서 합치면 큰 몫을 받습니다.

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도 (Vocabulary.counts)
    max_count : int >= 1, 이 빈도 이하를 드문 단어로 봅니다
    power : float, 잡음 분포의 지수 (0.75 = word2vec, 1 = 유니그램 분포, 0 = 균등 분포)

    Returns
    -------
    (vocab_fraction, noise_probability) : tuple[float, float]
        vocab_fraction : 어휘 V 개 중 드문 단어의 비율
        noise_probability : 잡음 분포 P_n(w) ∝ counts^power 에서 뽑은 네거티브 샘플이 드문 단어일 확률
    """
    counts = as_counts("counts", counts)
    max_count = as_positive_int("max_count", max_count)
    probs = noise_distribution(counts, power)
    rare = counts <= max_count
    return float(rare.mean()), float(probs[rare].sum())


@dataclass(frozen=True)
class CollisionRates:
    """``collision_rates`` 의 결과: 네거티브 샘플이 그 쌍의 정답 주변 단어와 같을 (충돌할) 확률.

    per_negative : float, 네거티브 샘플 하나가 그 쌍의 주변 단어 o 와 같을 확률 = Σ_쌍 P_n(o) / 쌍의 수
    per_pair : float, 긍정 쌍 하나의 네거티브 샘플 K 개 가운데 기대 충돌 수 = K × per_negative
    expected_total : float, 쌍 전체의 기대 충돌 수 = 쌍의 수 × per_pair
    pair_shares : (V,) float64, 단어 w 가 주변 단어인 쌍의 비율 (합 1)
    collision_shares : (V,) float64, 기대 충돌 가운데 주변 단어가 w 인 쌍의 몫 (합 1)
    """

    per_negative: float
    per_pair: float
    expected_total: float
    pair_shares: np.ndarray
    collision_shares: np.ndarray


def collision_rates(outside_ids, noise_probs, negative: int) -> CollisionRates:
    """네거티브 샘플이 그 쌍의 정답 주변 단어 o 와 같을 확률과, 그 충돌이 어느 주변 단어에서 생기는지.

    쌍 (c, o) 의 네거티브 샘플 하나는 확률 P_n(o) 로 o 자신입니다. 그래서 충돌 확률은 어휘 크기 V 가 아니라
    정답 주변 단어들의 잡음 확률 P_n(o) 로 정해집니다 (흔한 주변 단어일수록 자주 충돌합니다).

        per_negative = Σ_쌍 P_n(o) / 쌍의 수,   per_pair = K × per_negative
        collision_shares[w] = (w 가 주변 단어인 쌍의 수) × P_n(w) / Σ_쌍 P_n(o)

    Parameters
    ----------
    outside_ids : (P,) int, 쌍마다 주변 단어 o 의 인덱스 (0..V-1, P >= 1)
    noise_probs : (V,) 잡음 분포 P_n(w) (합 1, ``sgns.noise_distribution`` 의 결과)
    negative : int >= 1, 쌍마다 네거티브 샘플 수 K

    Returns
    -------
    CollisionRates
    """
    noise_probs = as_probabilities("noise_probs", noise_probs)
    outside_ids = as_index_array("outside_ids", outside_ids, noise_probs.size, ndim=1)
    negative = as_positive_int("negative", negative)
    if outside_ids.size == 0:
        raise ValueError("`outside_ids`가 비어 있습니다. 쌍이 하나 이상 있어야 충돌 확률을 구할 수 있습니다.")
    pairs_per_word = np.bincount(outside_ids, minlength=noise_probs.size).astype(np.float64)  # (V,)
    collisions_per_word = pairs_per_word * noise_probs  # (V,) 네거티브 샘플 한 줄(K=1)의 기대 충돌 수
    total = float(collisions_per_word.sum())
    per_negative = total / outside_ids.size
    shares = collisions_per_word / total if total > 0 else np.zeros_like(collisions_per_word)
    return CollisionRates(
        per_negative=per_negative,
        per_pair=negative * per_negative,
        expected_total=negative * total,
        pair_shares=pairs_per_word / outside_ids.size,
        collision_shares=shares,
    )
