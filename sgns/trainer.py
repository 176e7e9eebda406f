"""스킵-그램 네거티브 샘플링(SGNS) 학습기: numpy 로 벡터화한 미니배치 SGD, 말뭉치를 조각씩 흘려 보내며.

``sgns.train(sentences, **params)`` 의 매개변수 이름과 기본값은 gensim 의 ``Word2Vec(sg=1, hs=0)`` 과 같습니다.

알고리즘. 에폭마다 말뭉치를 처음부터 읽어 조각(토큰 약 50만 개)으로 나누고, 조각마다 ``train_chunk`` 가:

1. **조각의 학습 쌍** (``chunk_pairs``): 빈출 단어 서브샘플링으로 토큰을 거르고 (5장, ``subsample``),
   중심 단어마다 윈도우 크기 b 를 1..window 에서 뽑아 (중심, 주변) 쌍을 만든 뒤 (1장, ``skipgram_pair_arrays``),
   쌍을 섞습니다.
2. **네거티브 샘플**: 쌍마다 K 개를 잡음 분포 P_n(w) ∝ f(w)^0.75 에서 뽑습니다 (5장, ``NegativeSampler``).
   네거티브가 그 쌍의 정답 주변 단어와 같으면 건너뜁니다 (gensim, word2vec.c 와 같음).
3. **벡터화한 한 걸음** (``sgd_step``): 미니배치 B 쌍의 손실과 점수마다의 계수
   coef[b, j] = ∂J_b/∂(u_{t_bj}·v_{c_b}) 를 구하고 (4장, ``neg_sampling_coefficients``), 건드린 행만
   SGD 로 갱신합니다. 기울기는 모두 계수 × 벡터입니다: 중심 쪽 ∂J_b/∂v_{c_b} = Σ_j coef[b, j] u_{t_bj},
   주변 쪽 행 t_bj 의 몫 = coef[b, j] v_{c_b}. 같은 행이 한 배치에 여러 번 나오면 그 갱신을 모두 더합니다
   (``sgns.scatter.scatter_add``; ``W[idx] += upd`` 는 중복을 버립니다).
4. **학습률** (``learning_rate``): alpha 에서 min_alpha 까지 전체 진행률
   (처리한 토큰 수 / (에폭 수 × 토큰 수)) 에 따라 선형으로 줄어듭니다 (gensim 과 같음).

SGD 갱신은 쌍마다의 기울기를 **합해서** (평균이 아니라) 적용합니다. 그러면 쌍 하나가 받는 학습률이
gensim/word2vec.c 의 쌍별 갱신과 같아집니다.
초기값도 gensim 과 같습니다: 중심 단어 벡터 v 는 uniform(-0.5, 0.5) / vector_size, 주변 단어 벡터 u 는 0.

위의 다섯 함수가 강의의 알고리즘이고, 그 아래의 ``train`` 은 학생이 부르는 입구입니다: 하이퍼파라미터와 말뭉치를
검사하고 (한국어 오류), 에폭과 조각을 돌리고, 손실이나 가중치가 NaN·무한대가 되면 ``TrainingDiverged`` 로
멈춥니다. 말뭉치를 조각으로 나누기와 메모리 어림, 컴파일한 엔진은 ``sgns.engine`` 에 있습니다: 조각 하나의 일을
numpy 의 ``train_chunk`` 대신 같은 계약의 ``sgns.engine.compiled.train_chunk`` 가 할 수 있습니다.

참고: word2vec.c 와 gensim 의 스킵-그램은 코드에서 역할이 뒤바뀌어 있습니다 (주변 단어의 입력 벡터로 중심 단어를
맞힘). 윈도우가 대칭이라 (a, b) 쌍이 나오면 (b, a) 쌍도 나오므로 학습되는 분포는 같고, 여기서는 강의의 식
그대로 중심 단어 벡터 v_c 로 주변 단어 o 를 맞힙니다.
"""

from __future__ import annotations

import difflib
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields

import numpy as np

from sgns._validate import as_bool, as_float_in_range, as_positive_float, as_positive_int, describe
from sgns.corpus import (
    MAX_WINDOW,
    Vocabulary,
    build_vocab,
    check_reiterable,
    keep_probabilities,
    skipgram_pair_arrays,
    subsample,
)
from sgns.engine.chunks import BATCHES_PER_DRAW, DEFAULT_CHUNK_TOKENS, ChunkStats, check_training_memory, encode_chunks
from sgns.model import SGNSModel, TrainingStats
from sgns.neg_sampling import neg_sampling_coefficients
from sgns.sampling import NegativeSampler
from sgns.scatter import scatter_add

__all__ = [
    "learning_rate",
    "init_weights",
    "chunk_pairs",
    "sgd_step",
    "train_chunk",
    "train",
    "TrainParams",
    "DEFAULT_PARAMS",
    "TrainingDiverged",
    "ENGINES",
]

# ---------------------------------------------------------------------------
# 알고리즘
# ---------------------------------------------------------------------------


def learning_rate(progress: float, alpha: float, min_alpha: float) -> float:
    """전체 진행률 progress (0..1, 밖이면 자름) 에서의 학습률: alpha 에서 min_alpha 까지 선형으로 (gensim 과 같음)."""
    return alpha - (alpha - min_alpha) * min(max(progress, 0.0), 1.0)


def init_weights(vocab_size: int, vector_size: int, rng: np.random.Generator) -> np.ndarray:
    """두 벡터 행렬을 한 버퍼에 나란히 둔 (2V, d) float32 가중치 (gensim 과 같은 초기값).

    행 [0, V) 는 중심 단어 벡터 v_w = uniform(-0.5, 0.5) / d, 행 [V, 2V) 는 주변 단어 벡터 u_w = 0.
    한 버퍼에 두면 한 배치의 두 갱신을 같은 scatter-add 로 처리할 수 있습니다.
    """
    weights = np.zeros((2 * vocab_size, vector_size), dtype=np.float32)
    weights[:vocab_size] = (rng.random((vocab_size, vector_size), dtype=np.float32) - 0.5) / vector_size
    return weights


def chunk_pairs(token_ids, sentence_starts, keep_prob, window: int, rng, shuffle=True) -> tuple[np.ndarray, int]:
    """말뭉치 조각 하나의 학습 쌍: 서브샘플링 → 줄어든 윈도우의 (중심, 주변) 쌍 → 섞기.

    Parameters
    ----------
    token_ids : (n,) int32, 조각의 단어 인덱스
    sentence_starts : (s+1,) int64, 문장 경계 (``sgns.engine.chunks.EncodedChunk``)
    keep_prob : (V,) 단어마다 남길 확률 (``keep_probabilities``)
    window : int, 최대 윈도우 크기 m
    rng : numpy.random.Generator
    shuffle : bool, 쌍을 섞을지 (기본). False 면 말뭉치 순서 그대로 (word2vec.c 처럼; 비교용)

    Returns
    -------
    pairs : (P, 2) token_ids 의 dtype, (섞인) [중심, 주변] 쌍
    n_effective_words : int, 서브샘플링 뒤 남은 토큰 수
    """
    sentence_ids = np.repeat(np.arange(len(sentence_starts) - 1, dtype=np.int32), np.diff(sentence_starts))
    keep = subsample(token_ids, keep_prob, rng)
    pairs = skipgram_pair_arrays(token_ids[keep], sentence_ids[keep], window, rng, reduced_window=True, stacked=True)
    if shuffle:  # [중심, 주변] 두 int32 를 int64 하나로 보고 섞으면 쌍이 줄째로 움직입니다 (인덱스 배열 없이)
        rng.shuffle(pairs.view(np.int64).reshape(-1))
    return pairs, int(np.count_nonzero(keep))


def sgd_step(weights: np.ndarray, centers, contexts, negatives, valid, lr: float) -> float:
    """미니배치 B 쌍의 SGD 한 걸음. weights 를 제자리에서 바꾸고 손실의 합을 돌려줍니다.

    v_c -= lr Σ_j coef_bj u_{t_bj},   u_{t_bj} -= lr coef_bj v_{c_b}   (갱신 전 값으로 계산한 기울기를 합해서)

    Parameters
    ----------
    weights : (2V, d) float32, ``init_weights`` 의 버퍼 (v 는 위 절반, u 는 아래 절반)
    centers, contexts : (B,) int, 중심 단어와 주변 단어의 인덱스 (0..V-1)
    negatives : (B, K) int, 네거티브 단어
    valid : (B, K) bool 또는 0/1 실수, 0 (False) 인 네거티브는 건너뜀 (정답 주변 단어와 같을 때)
    lr : float, 학습률
    """
    V, d = weights.shape[0] // 2, weights.shape[1]
    K = negatives.shape[1]
    target_idx = np.empty((len(centers), K + 1), dtype=np.intp)  # t_b = [o_b, k_b1..k_bK], 주변 단어 벡터는 + V 행
    target_idx[:, 0] = contexts
    target_idx[:, 1:] = negatives
    target_idx += V
    center_rows = np.take(weights, centers, axis=0)  # (B, d) v_{c_b} (갱신 전 값의 복사본)
    target_rows = np.take(weights, target_idx, axis=0)  # (B, K+1, d) u_{t_bj} (갱신 전 값의 복사본)
    losses, coef = neg_sampling_coefficients(center_rows, target_rows, valid)  # coef (B, K+1)
    # 두 기울기 모두 "계수 × 다른 쪽 벡터" 를 행마다 더하는 일입니다 (중복된 행은 모두 더함):
    # 중심 쪽: 행 c_b 에 (b, j) 마다 coef_bj u_{t_bj}  (∂J_b/∂v_{c_b} = Σ_j coef_bj u_{t_bj})
    scatter_add(weights, np.repeat(centers, K + 1), target_rows.reshape(-1, d), coef.reshape(-1), scale=-lr)
    # 주변 쪽: 행 t_bj 에 coef_bj v_{c_b}
    scatter_add(weights, target_idx, center_rows, coef, scale=-lr)
    return float(losses.sum())


def train_chunk(
    weights: np.ndarray,
    token_ids: np.ndarray,
    sentence_starts: np.ndarray,
    keep_prob: np.ndarray,
    sampler: NegativeSampler,
    window: int,
    negative: int,
    lr_start: float,
    lr_end: float,
    rng: np.random.Generator,
    *,
    batch_size: int = 1024,
    shuffle: bool = True,
) -> ChunkStats:
    """말뭉치 조각 하나로 학습합니다: 쌍 만들기, 네거티브 샘플, 미니배치마다 SGD 한 걸음, 학습률 조절.

    Parameters
    ----------
    weights : (2V, d) float32, 제자리에서 바뀝니다 (``init_weights``)
    token_ids, sentence_starts : 조각 (``sgns.engine.chunks.EncodedChunk``)
    keep_prob : (V,) float64, 서브샘플링에서 단어마다 남길 확률
    sampler : NegativeSampler, 네거티브를 ``sampler.sample((m, negative))`` 로 뽑습니다
        (sampler 를 rng 와 같은 Generator 로 만들면 seed 하나로 모든 난수가 정해집니다)
    window : int, 최대 윈도우 크기 m
    negative : int, 쌍마다 네거티브 샘플 수 K
    lr_start, lr_end : float, 조각의 첫 쌍과 (다음 조각의 첫 쌍) 의 학습률. 그 사이는 쌍 순서대로 선형
    rng : numpy.random.Generator, 서브샘플링, 윈도우 크기, 섞기에 씀
    batch_size : int, 미니배치의 쌍 수 B
    shuffle : bool, 조각 안에서 쌍을 섞을지 (기본 True)

    Returns
    -------
    ChunkStats(loss_sum, n_pairs, n_effective_words)
    """
    pairs, n_effective = chunk_pairs(token_ids, sentence_starts, keep_prob, window, rng, shuffle=shuffle)
    n_pairs, loss_sum = pairs.shape[0], 0.0
    draw = batch_size * BATCHES_PER_DRAW
    for lo in range(0, n_pairs, batch_size):
        at = lo % draw  # 이번 배치가 뽑아 둔 네거티브의 몇 번째 줄부터인지
        if at == 0:  # 네거티브는 미니배치 BATCHES_PER_DRAW 개 분량씩 한 번에 뽑습니다
            negatives = sampler.sample((min(draw, n_pairs - lo), negative))
            # 정답 주변 단어와 같은 네거티브는 건너뜀 (0/1 실수 마스크: 계수에 곱하기가 bool 보다 빠름)
            valid = (negatives != pairs[lo : lo + negatives.shape[0], 1:2]).astype(weights.dtype)
        hi = min(lo + batch_size, n_pairs)
        lr = lr_start + (lr_end - lr_start) * (lo / n_pairs)
        batch = slice(at, at + hi - lo)
        loss_sum += sgd_step(weights, pairs[lo:hi, 0], pairs[lo:hi, 1], negatives[batch], valid[batch], lr)
    return ChunkStats(loss_sum, n_pairs, n_effective)


# ---------------------------------------------------------------------------
# 입구: sgns.train
# ---------------------------------------------------------------------------


class TrainingDiverged(FloatingPointError):
    """학습 중 손실이나 가중치가 NaN·무한대가 되었을 때 (학습률이나 배치가 너무 큼)."""


@dataclass(frozen=True)
class TrainParams:
    """학습 하이퍼파라미터 (gensim ``Word2Vec(sg=1, hs=0)`` 과 같은 이름과 기본값). 만들 때 모두 검사합니다.

    vector_size : int, 벡터 차원 d (기본 100)
    window : int, 최대 윈도우 크기 m (기본 5; 중심 단어마다 1..m 에서 실제 크기를 뽑음)
    negative : int, 쌍마다 네거티브 샘플 수 K (기본 5)
    ns_exponent : float, 잡음 분포 지수 (기본 0.75: P_n(w) ∝ f(w)^0.75), 0 이상 2 이하
    sample : float, 빈출 단어 서브샘플링 문턱 t (기본 1e-3, 0 이면 끔)
    min_count : int, 이보다 드문 단어는 어휘에서 뺌 (기본 5)
    alpha, min_alpha : float, 학습률의 처음과 끝 (기본 0.025 -> 1e-4, 선형 감소; 0 <= min_alpha <= alpha)
    epochs : int, 말뭉치를 훑는 횟수 (기본 5)
    seed : int, 난수 seed (같은 seed 면 결과 배열이 정확히 같음; 기본 1)
    batch_size : int, 미니배치의 쌍 수 B (기본 1024; gensim 에는 없는 값)
    """

    vector_size: int = 100
    window: int = 5
    negative: int = 5
    ns_exponent: float = 0.75
    sample: float = 1e-3
    min_count: int = 5
    alpha: float = 0.025
    min_alpha: float = 1e-4
    epochs: int = 5
    seed: int = 1
    batch_size: int = 1024

    def __post_init__(self):
        checked = {
            "vector_size": as_positive_int("vector_size", self.vector_size),
            "window": as_positive_int("window", self.window, maximum=MAX_WINDOW),
            "negative": as_positive_int("negative", self.negative),
            "min_count": as_positive_int("min_count", self.min_count),
            "epochs": as_positive_int("epochs", self.epochs),
            "batch_size": as_positive_int("batch_size", self.batch_size),
            "seed": as_positive_int("seed", self.seed, minimum=0),
            "ns_exponent": as_float_in_range("ns_exponent", self.ns_exponent, 0.0, 2.0),
            "sample": as_float_in_range("sample", self.sample, 0.0, 1.0),
            "alpha": as_positive_float("alpha", self.alpha, example="0.025"),
        }
        checked["min_alpha"] = as_float_in_range("min_alpha", self.min_alpha, 0.0, checked["alpha"])
        for name, value in checked.items():
            object.__setattr__(self, name, value)

    @classmethod
    def from_kwargs(cls, **params) -> TrainParams:
        """키워드 인자에서 만듭니다. 모르는 이름이 있으면 쓸 수 있는 이름을 알려 주는 한국어 TypeError."""
        known = [f.name for f in fields(cls)]
        unknown = sorted(set(params) - set(known))
        if unknown:
            guesses = [close for name in unknown for close in difflib.get_close_matches(name, known, n=1)]
            hint = f" 혹시 {', '.join(f'`{g}`' for g in guesses)} 인가요?" if guesses else ""
            raise TypeError(
                f"알 수 없는 매개변수: {', '.join(f'`{u}`' for u in unknown)}.{hint} "
                f"쓸 수 있는 매개변수: {', '.join(known)}"
            )
        return cls(**params)

    def as_dict(self) -> dict:
        """이름 -> 값 (gensim 에 넘길 때 등)."""
        return asdict(self)


DEFAULT_PARAMS: dict = TrainParams().as_dict()


ENGINES = ("numpy", "compiled", "auto")


def train(
    sentences,
    *,
    progress: bool = False,
    callbacks=(),
    verbose: bool = False,
    engine: str = "numpy",
    workers: int = 1,
    shuffle: bool = True,
    chunk_tokens: int | None = None,
    **params,
) -> SGNSModel:
    """스킵-그램 네거티브 샘플링으로 단어 벡터를 학습합니다.

    Parameters
    ----------
    sentences : 토큰(문자열) 리스트들의 리스트 (예: ``[["the", "cat", "sat"], ...]``), 또는 훑을 때마다
        처음부터 다시 읽는 말뭉치 (예: ``sgns.corpus.LineSentences(path)``). 한 번 훑으면 끝나는
        제너레이터는 받지 않습니다 (둘째 에폭에 비어 버림).
    **params : ``TrainParams`` 의 하이퍼파라미터 (vector_size, window, negative, ns_exponent, sample,
        min_count, alpha, min_alpha, epochs, seed, batch_size)
    progress : bool, True 이면 tqdm 진행 막대를 보여 줌
    callbacks : 함수 cb(model, epoch) 들. 에폭이 끝날 때마다 (epoch 는 1 부터) 불립니다
    verbose : bool, True 이면 에폭마다 한 줄 (평균 손실) 을 출력
    engine : "numpy" (기본; 강의가 설명하는 읽기 쉬운 기준 구현), "compiled" (numba 로 컴파일한 word2vec.c 식
        쌍마다의 갱신, ``sgns.engine.compiled``; numba 가 없으면 numpy 로 학습하고 그렇다고 한 번 알림), "auto"
        (numba 가 있으면 compiled). 같은 seed 라도 두 엔진의 난수 순서가 달라 벡터는 다르지만 품질은 같습니다.
        컴파일한 엔진의 float 결과는 CPU 에 따라 마지막 자리가 달라질 수 있습니다 (저장된 노트북 출력은 numpy).
    workers : int, 학습 스레드 수 (engine="compiled" 만; 1 이면 같은 seed 에 같은 배열, 2 이상이면 Hogwild 로
        같은 행을 잠금 없이 갱신해 실행마다 마지막 자리가 달라짐)
    shuffle : bool, 조각 안에서 학습 순서를 섞을지 (기본 True; False 는 word2vec.c 처럼 말뭉치 순서, 비교용)
    chunk_tokens : int, 말뭉치 조각 하나의 목표 토큰 수 (학습 메모리를 정함; 조각 안에서만 섞으므로 바꾸면
        결과도 조금 달라집니다). 기본은 엔진마다: numpy 2^19, compiled 2^20 (``sgns.engine.chunks``)

    Returns
    -------
    model : SGNSModel (center_vectors (V, d), outside_vectors (V, d), loss_history, params, stats)

    Raises
    ------
    TrainingDiverged (FloatingPointError) : 손실이나 가중치가 유한하지 않게 되면 (학습률·배치를 줄이세요)
    """
    p = TrainParams.from_kwargs(**params)
    engine, workers, shuffle, chunk_tokens = _check_options(engine, workers, shuffle, chunk_tokens)
    callbacks = _check_callbacks(callbacks)
    vocab = _vocabulary(sentences, p.min_count)
    check_training_memory(p, len(vocab), vocab.total)
    rng = np.random.default_rng(p.seed)
    keep_prob = keep_probabilities(vocab.counts, p.sample)
    weights = init_weights(len(vocab), p.vector_size, rng)
    learn_chunk = _chunk_learner(engine, workers, shuffle, vocab, p, rng)
    total_tokens, tokens_done = vocab.total * p.epochs, 0  # 진행률의 분모: 모든 에폭에서 처리할 토큰 수
    loss_history, seconds, cpu_seconds, pairs_trained, effective_words = [], 0.0, 0.0, 0, 0
    bar = _progress_bar(p.epochs) if progress else None
    try:
        for epoch in range(1, p.epochs + 1):
            start, cpu_start = time.perf_counter(), time.process_time()
            epoch_loss, epoch_pairs, longest_sentence = 0.0, 0, 0
            for chunk in _chunks(sentences, vocab, chunk_tokens, engine):
                lr_start = learning_rate(tokens_done / total_tokens, p.alpha, p.min_alpha)
                tokens_done += chunk.token_ids.shape[0]
                lr_end = learning_rate(tokens_done / total_tokens, p.alpha, p.min_alpha)
                with np.errstate(all="ignore"):  # 넘침은 경고 대신 아래에서 TrainingDiverged 로 알립니다
                    stats = learn_chunk(weights, chunk, keep_prob, lr_start, lr_end)
                if not math.isfinite(stats.loss_sum):
                    raise _diverged("손실", p)
                epoch_loss, epoch_pairs = epoch_loss + stats.loss_sum, epoch_pairs + stats.n_pairs
                effective_words += stats.n_effective_words
                longest_sentence = max(longest_sentence, int(np.diff(chunk.sentence_starts).max()))
            if epoch_pairs == 0:  # 쌍 없이 "평균 손실 0" 과 무작위 벡터를 돌려주지 않음
                raise _no_pairs_error(p, vocab, keep_prob, longest_sentence, epoch)
            if not np.isfinite(weights).all():
                raise _diverged("가중치", p)
            seconds += time.perf_counter() - start
            cpu_seconds += time.process_time() - cpu_start
            pairs_trained += epoch_pairs
            loss_history.append(epoch_loss / epoch_pairs)
            stats = TrainingStats(seconds, cpu_seconds, pairs_trained, effective_words, engine=engine, workers=workers)
            model = SGNSModel(vocab, weights[: len(vocab)], weights[len(vocab) :], p, stats, loss_history)
            _report_epoch(model, epoch, epoch_pairs, verbose, bar, callbacks)
    finally:
        if bar is not None:
            bar.close()
    return model


def _check_options(engine, workers, shuffle, chunk_tokens):
    """``train`` 의 학습 방법 인자 검사. (실제로 쓸 engine "numpy"/"compiled", workers, shuffle, chunk_tokens)."""
    if engine not in ENGINES:
        raise ValueError(
            f"`engine`={describe(engine)} 는 허용되지 않습니다. {', '.join(map(repr, ENGINES))} 중 하나여야 합니다."
        )
    workers = as_positive_int("workers", workers)
    if engine == "numpy" and workers != 1:
        raise ValueError(
            f"`workers`={workers} 는 engine='numpy' 에서 쓸 수 없습니다 (numpy 학습기는 스레드 하나로 돕니다). "
            "여러 코어를 쓰려면 engine='compiled' 를 주세요."
        )
    if engine != "numpy":
        from sgns.engine import compiled

        engine = compiled.choose_engine(engine)  # numba 가 없으면 "numpy" (engine="compiled" 면 한 번 알림)
        workers = workers if engine == "compiled" else 1
    shuffle = as_bool("shuffle", shuffle)
    chunk_tokens = DEFAULT_CHUNK_TOKENS[engine] if chunk_tokens is None else chunk_tokens
    return engine, workers, shuffle, as_positive_int("chunk_tokens", chunk_tokens)


def _check_callbacks(callbacks) -> list[Callable]:
    if callable(callbacks):
        callbacks = [callbacks]
    if isinstance(callbacks, (str, bytes)) or not isinstance(callbacks, Iterable):
        raise TypeError(f"`callbacks`는 함수 cb(model, epoch) 들의 목록이어야 합니다. 받은 값: {describe(callbacks)}")
    callbacks = list(callbacks)
    for cb in callbacks:
        if not callable(cb):
            raise TypeError(f"`callbacks`의 원소는 호출할 수 있는 함수여야 합니다. 받은 값: {describe(cb)}")
    return callbacks


def _vocabulary(sentences, min_count: int) -> Vocabulary:
    check_reiterable(sentences)  # 메시지가 이미 `sentences` 를 말함
    try:
        return build_vocab(sentences, min_count=min_count)
    except (TypeError, ValueError) as exc:  # 말뭉치 쪽 한국어 메시지에 매개변수 이름을 붙여 다시 알립니다
        raise type(exc)(f"`sentences` 문제: {exc}") from None


def _chunk_learner(engine: str, workers: int, shuffle: bool, vocab: Vocabulary, p: TrainParams, rng):
    """엔진에 맞는 "조각 하나 학습" 함수: (weights, chunk, keep_prob, lr_start, lr_end) -> ChunkStats.

    두 엔진은 같은 계약을 따릅니다: numpy 엔진은 이 모듈의 ``train_chunk``, 컴파일한 엔진은
    ``sgns.engine.compiled.train_chunk`` (numba 커널; 쌍, 서브샘플링, 네거티브, 쌍마다의 SGD 를 커널 안에서).
    """
    if engine == "numpy":
        sampler = NegativeSampler(vocab.counts, power=p.ns_exponent, seed=rng)  # 같은 Generator: seed 하나로 모두

        def numpy_chunk(weights, chunk, keep_prob, lr_start, lr_end):
            return train_chunk(
                weights, chunk.token_ids, chunk.sentence_starts, keep_prob, sampler, p.window, p.negative,
                lr_start, lr_end, rng, batch_size=p.batch_size, shuffle=shuffle,
            )  # fmt: skip

        return numpy_chunk

    from sgns.engine import compiled

    noise, V = compiled.noise_table(vocab.counts, p.ns_exponent), len(vocab)

    def compiled_chunk(weights, chunk, keep_prob, lr_start, lr_end):
        return compiled.train_chunk(
            weights[:V], weights[V:], chunk.token_ids, chunk.sentence_starts, keep_prob, noise, p.window,
            p.negative, lr_start, lr_end, int(rng.integers(0, 1 << 62)), workers, shuffle=shuffle,
        )  # fmt: skip

    return compiled_chunk


def _chunks(sentences, vocab: Vocabulary, chunk_tokens: int, engine: str):
    """말뭉치 조각들. 컴파일한 엔진은 커널이 GIL 을 놓고 도는 동안 다음 조각을 미리 인코딩합니다."""
    chunks = encode_chunks(sentences, vocab, chunk_tokens)
    if engine == "compiled":
        from sgns.engine.compiled import prefetch

        return prefetch(chunks)
    return chunks


def _progress_bar(epochs: int):
    from tqdm.auto import tqdm

    return tqdm(total=epochs, desc="SGNS 학습", unit="epoch")


def _report_epoch(model: SGNSModel, epoch: int, epoch_pairs: int, verbose: bool, bar, callbacks) -> None:
    mean_loss = model.loss_history[-1]
    if verbose:
        print(f"에폭 {epoch}/{model.params.epochs}: 평균 손실 {mean_loss:.4f} (쌍 {epoch_pairs:,}개)")
    if bar is not None:
        bar.set_postfix(loss=f"{mean_loss:.4f}")
        bar.update(1)
    for cb in callbacks:
        cb(model, epoch)


def _no_pairs_error(p: TrainParams, vocab: Vocabulary, keep_prob: np.ndarray, longest_sentence: int, epoch: int):
    """에폭 하나에서 (중심, 주변) 쌍이 하나도 나오지 않았을 때의 오류: 어느 매개변수가 단어를 지웠는지 말합니다."""
    if longest_sentence < 2:
        return ValueError(
            "`sentences`에서 (중심, 주변) 쌍을 하나도 만들 수 없습니다: 어휘에 남은 단어가 2개 이상인 문장이 "
            f"없습니다 (min_count={p.min_count}). 문장을 더 넣거나 min_count 를 낮춰 보세요."
        )
    expected = float(vocab.counts @ keep_prob)  # 서브샘플링 뒤 남으리라 기대되는 토큰 수
    return ValueError(
        f"`sample`={p.sample} 인 빈출 단어 서브샘플링이 단어를 거의 모두 지워서, 에폭 {epoch} 에서 학습할 "
        f"(중심, 주변) 쌍이 하나도 없었습니다 (토큰 {vocab.total:,}개 중 남으리라 기대되는 수 {expected:.1f}개). "
        "문턱 t = sample × 전체 토큰 수 이므로 작은 말뭉치에서는 거의 모든 단어가 '빈출 단어' 가 됩니다. "
        "sample=0 으로 서브샘플링을 끄거나 (작은 말뭉치에 알맞음), 말뭉치를 늘려 주세요."
    )


def _diverged(where: str, p: TrainParams) -> TrainingDiverged:
    return TrainingDiverged(
        f"학습이 발산했습니다 ({where}에 NaN 또는 무한대가 생김). "
        f"학습률 `alpha`={p.alpha} 또는 `batch_size`={p.batch_size} 를 줄여 보세요 "
        "(배치 안의 갱신은 합해지므로, 자주 뽑히는 단어의 갱신은 배치가 클수록 커집니다)."
    )
