"""말뭉치를 조각으로 흘려 보내기, 조각 하나의 결과, 학습 전의 메모리 어림.

학습기 (``sgns.trainer``) 는 에폭마다 말뭉치를 처음부터 읽어 토큰 ``chunk_tokens`` 개 안팎의 조각으로 나누고,
조각마다 엔진 (numpy 의 ``sgns.trainer.train_chunk`` 또는 ``sgns.engine.compiled.train_chunk``) 을 부릅니다.
조각 하나에 드는 메모리는 말뭉치 크기와 상관이 없으므로, 학습의 메모리도 조각 크기로 정해집니다.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from sgns._validate import check_memory

__all__ = [
    "CHUNK_TOKENS",
    "DEFAULT_CHUNK_TOKENS",
    "BATCHES_PER_DRAW",
    "EncodedChunk",
    "encode_chunks",
    "ChunkStats",
    "check_training_memory",
]

# 말뭉치 조각 하나의 목표 토큰 수. 조각의 쌍은 (P, 2) int32 (쌍 하나에 8 바이트, 토큰 하나에 쌍 약 6 개) 이므로
# 조각 하나의 쌍 배열은 약 25 MB 입니다. head500 (약 33만 토큰) 은 조각 하나에 들어갑니다.
CHUNK_TOKENS = 1 << 19
# 엔진마다의 기본 조각 크기. 컴파일한 엔진은 조각 안에서 중심 위치를 섞으므로 조각이 클수록 섞는 효과가 큽니다
# (head500 5 에폭 WordSim-353: 2^20 토큰 0.443, 2^18 토큰 0.419; bench/results/shuffle.md).
DEFAULT_CHUNK_TOKENS = {"numpy": CHUNK_TOKENS, "compiled": 1 << 20}

# numpy 엔진이 네거티브 샘플을 한 번에 뽑는 미니배치 수 (미니배치마다 뽑는 것보다 빠르고, 조각 전체를 한꺼번에
# 뽑는 것보다 메모리를 덜 씁니다). 바꾸면 난수를 쓰는 순서가 달라져 같은 seed 라도 결과가 달라집니다.
BATCHES_PER_DRAW = 64


class EncodedChunk(NamedTuple):
    """``encode_chunks`` 가 내놓는 말뭉치 조각 하나.

    token_ids : (n,) int32, 이어 붙인 단어 인덱스 (어휘에 없는 토큰은 빠짐)
    sentence_starts : (s+1,) int64, 문장 i 의 토큰은 token_ids[sentence_starts[i]:sentence_starts[i+1]]
        (sentence_starts[0] = 0, sentence_starts[-1] = n)
    """

    token_ids: np.ndarray
    sentence_starts: np.ndarray


def encode_chunks(sentences, vocab, chunk_tokens: int) -> Iterator[EncodedChunk]:
    """말뭉치를 한 번 훑으며 토큰 chunk_tokens 개 안팎의 조각으로 바꿉니다 (문장은 자르지 않음).

    문장을 이어 붙이다가 토큰 수가 chunk_tokens 이상이 되면 그 조각을 내놓습니다. 그래서 조각 하나는
    chunk_tokens 개에 문장 하나 길이를 더한 것보다 작습니다. 어휘에 남은 토큰이 없는 문장은 건너뜁니다.
    말뭉치는 이미 ``build_vocab`` 이 검사했습니다.
    """
    get = vocab.word_to_id.get
    parts: list[np.ndarray] = []
    pending = 0
    for sentence in sentences:
        tokens = list(sentence)
        encoded = np.fromiter(map(get, tokens, [-1] * len(tokens)), dtype=np.int32, count=len(tokens))  # 없으면 -1
        encoded = encoded[encoded >= 0]
        if encoded.size == 0:
            continue
        parts.append(encoded)
        pending += encoded.size
        if pending >= chunk_tokens:
            yield _make_chunk(parts)
            parts, pending = [], 0
    if parts:
        yield _make_chunk(parts)


def _make_chunk(parts: list[np.ndarray]) -> EncodedChunk:
    starts = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum([p.size for p in parts], out=starts[1:])
    return EncodedChunk(np.concatenate(parts), starts)


@dataclass(frozen=True)
class ChunkStats:
    """조각 하나를 학습한 결과 (두 엔진의 ``train_chunk`` 가 돌려줌).

    loss_sum : float, 조각의 모든 쌍의 손실 합
    n_pairs : int, 학습한 (중심, 주변) 쌍의 수
    n_effective_words : int, 서브샘플링 뒤 남은 토큰 수
    """

    loss_sum: float
    n_pairs: int
    n_effective_words: int


def check_training_memory(p, vocab_size: int, n_tokens: int) -> None:
    """가중치, 미니배치, 한 번에 뽑는 네거티브가 쓸 메모리를 학습 전에 어림해 한도와 비교합니다 (한국어 오류).

    p 는 ``sgns.trainer.TrainParams``. 한 배치의 쌍 수는 batch_size 와 말뭉치에서 나올 수 있는 쌍 수 (토큰마다
    많아야 2·window) 중 작은 값입니다. 쌍 하나는 (K+1) 개의 벡터 (float32) 를 몇 벌 (모은 행, 갱신의 임시 배열)
    쓰고, 네거티브는 int64 와 마스크입니다. 탓할 매개변수는 기본값보다 훨씬 크게 바꾼 쪽입니다.
    """
    default = type(p)()
    K, d = p.negative, p.vector_size
    max_pairs = n_tokens * 2 * min(p.window, n_tokens)
    per_pair = 3 * (K + 1) * d * 4
    dominant = "negative" if K / default.negative >= d / default.vector_size else "vector_size"
    check_memory(dominant, getattr(p, dominant), per_pair, f"쌍 하나의 벡터 (K+1, d) = ({K + 1:,}, {d:,})")
    batch = min(p.batch_size, max_pairs)
    draw = min(p.batch_size * BATCHES_PER_DRAW, max_pairs)
    blame = "batch_size" if p.batch_size > default.batch_size else dominant
    what = f"미니배치 {batch:,}쌍의 벡터 (K+1, d) = ({K + 1:,}, {d:,}) 와 네거티브 {draw:,}×{K:,}개"
    check_memory(blame, getattr(p, blame), batch * per_pair + draw * K * 13, what)
    weights = f"가중치 (2V, d) = (2×{vocab_size:,}, {d:,}) float32"
    check_memory("vector_size", d, 2 * vocab_size * d * 4, weights)
