"""컴파일된 SGNS 학습 엔진 (numba): 쌍마다 갱신하는 word2vec.c 방식의 빠른 경로.

numpy 학습기(``sgns.trainer``)는 강의가 가르치는 읽기 쉬운 기준 구현이고, 이 모듈은 같은 식을 같은 규칙으로
더 빨리 계산하는 선택 사항입니다. numba 가 없으면 ``sgns.train(engine="compiled")`` 은 numpy 학습기로 돌아가며 그 사실을
한 번 알립니다.

한 덩어리(chunk)의 일 = ``train_chunk`` 한 번 (``sgns.trainer`` 와 나눈 약속, 결과는 ``sgns.engine.chunks.ChunkStats``):

    train_chunk(center_vectors, outside_vectors, token_ids, sentence_starts, keep_prob, noise,
                window, negative, lr_start, lr_end, seed, workers=1) -> ChunkStats

- 중심 위치마다 빈출 단어 서브샘플링 (토큰마다 keep_prob[w] 의 확률로 남김; word2vec.c, gensim 과 같은 식),
  줄어든 윈도우 b ~ 1..window (중심마다), 윈도우 안 주변 단어 o 와 (중심 c, 주변 o) 쌍.
- 쌍마다 K 개의 네거티브를 잡음 분포 P_n(w) ∝ f(w)^ns_exponent 에서 별칭(alias) 표로 뽑습니다
  (``sgns.sampling`` 과 같은 표). 정답 주변 단어와 같은 네거티브는 건너뜁니다 (gensim 과 같음).
- 중심 위치는 덩어리 안 (스레드 구간 안) 에서 무작위 순서로 처리합니다. numpy 학습기가 에폭의 쌍을 섞는 것과
  같은 역할입니다. word2vec.c 처럼 문서 순서대로 처리하면 최근 문서에 치우친 벡터가 되어, head500 5 에폭의
  WordSim-353 이 약 0.36 에 머뭅니다 (seed 3 개 평균: 섞지 않음 0.358, 섞음 0.443, numpy 학습기 0.451,
  gensim 0.381; ``bench/results/shuffle.md``). 섞는 범위는 덩어리 하나이므로 덩어리가 작으면 효과가 줄어듭니다.
  중심 하나의 쌍들은 이어서 처리하므로 v_c 행은 캐시에 남습니다.
- 쌍의 손실 J = -log σ(u_o·v_c) - Σ_k log σ(-u_k·v_c) 의 기울기로 바로 SGD 갱신 (쌍마다):
  g_0 = σ(s_o) - 1, g_k = σ(s_k) (s_j = u_j·v_c) 이고
  u_j ← u_j - lr g_j v_c,  v_c ← v_c - lr Σ_j g_j u_j  (u_j 는 갱신 전 값, 한 쌍 안에서).
  강의의 방향 그대로 중심 단어 벡터 v_c 로 주변 단어 o 를 맞힙니다. word2vec.c 와 gensim 은 코드에서 역할이
  뒤바뀌어 있어 (주변 단어의 입력 벡터로 중심 단어를 맞힘) 쌍 (a, b) 를 (b, a) 로 학습하지만, 윈도우가
  대칭이라 (a, b) 가 나오는 만큼 (b, a) 도 나오므로 학습되는 분포 (같은 목적 함수의 기댓값) 는 같습니다.
- 학습률은 덩어리 안에서 lr_start 에서 lr_end 까지 처리한 중심 수에 따라 선형으로 줄어듭니다.
- 한 쌍 안에서 같은 네거티브가 두 번 뽑히면 두 번째는 이미 갱신된 u 를 읽습니다 (word2vec.c, gensim 과 같음;
  정확한 기울기와의 차이는 lr² 차수).

시그모이드는 표(``SIGMOID_TABLE_SIZE`` 칸, 구간 [-MAX_SCORE, MAX_SCORE]) 에서 선형 보간합니다. 표의 오차는
``sigmoid_table_error()`` 가 잽니다 (σ 의 절대 오차 약 1e-6 이하, 구간 밖은 정확한 식). 손실 -log σ 도 같은
방식의 표를 씁니다. word2vec.c/gensim 의 표 (1000 칸, ±6 에서 자름, 보간 없음) 는 σ 오차가 약 3e-3 입니다
(칸 너비 0.012 × 최대 기울기 1/4, 자른 곳에서 σ(-6) ≈ 2.5e-3).

난수: 스레드마다 xorshift64* 생성기 (seed 와 스레드 번호에서 splitmix64 로 시작값을 만듦). numpy 의 난수와
순서가 다르므로 같은 seed 라도 numpy 학습기와 같은 벡터가 나오지는 않습니다. 대신 같은 분포를 따르고,
초기값은 numpy 학습기와 **같습니다** (같은 seed 면 같은 v, u = 0).

``sgns.train(..., engine="compiled")`` 이 이 엔진을 씁니다 (``sgns.trainer``): 어휘, 초기값,
학습률 일정, 조각 나누기, 발산 검사는 numpy 엔진과 같은 코드이고 조각 하나의 일만 이 모듈의 ``train_chunk``
가 합니다. 커널이 GIL 을 놓고 도는 동안 다음 조각의 인코딩은 ``prefetch`` 가 백그라운드 스레드에서 합니다.

스레드 (``workers``): 커널은 GIL 을 놓으므로 (nogil) 파이썬 스레드 ``workers`` 개가 덩어리의 서로 다른 토큰
구간을 동시에 학습합니다 (Hogwild: 잠금 없이 같은 가중치 행렬을 갱신; word2vec.c, gensim 과 같음).

- ``workers=1``: 같은 입력과 seed 면 결과 배열이 비트 단위까지 같습니다 (같은 기계, 같은 컴파일 결과).
- ``workers>1``: 스레드마다 쌍, 네거티브, 학습률은 seed 로 정해지지만, 두 스레드가 같은 행을 읽고 쓰는 순서가
  실행마다 달라 결과 벡터의 마지막 자리들이 달라집니다 (쌍 수와 유효 단어 수는 같음). 품질(평가 점수) 은
  같은 분포를 따릅니다.
"""

from __future__ import annotations

import math
import threading
import warnings
from collections.abc import Iterator
from typing import NamedTuple

import numpy as np

from sgns.engine.chunks import ChunkStats
from sgns.sampling import NegativeSampler

__all__ = [
    "AVAILABLE",
    "UNAVAILABLE_REASON",
    "ChunkStats",
    "NoiseTable",
    "noise_table",
    "ensure_compiled",
    "train_chunk",
    "choose_engine",
    "split_ranges",
    "prefetch",
    "sigmoid_table_error",
    "alias_draw_bias",
    "MAX_SCORE",
    "SIGMOID_TABLE_SIZE",
]

# 시그모이드 표: [-MAX_SCORE, MAX_SCORE] 를 SIGMOID_TABLE_SIZE - 1 칸으로 나누고 선형 보간
MAX_SCORE = 8.0
SIGMOID_TABLE_SIZE = 2049

try:  # numba 는 선택 사항입니다: 없으면 numpy 학습기로 돌아갑니다
    import numba

    AVAILABLE = True
    UNAVAILABLE_REASON = ""
except ImportError as exc:  # pragma: no cover - numba 가 있는 환경에서 테스트합니다
    numba = None
    AVAILABLE = False
    UNAVAILABLE_REASON = f"numba 를 불러올 수 없습니다 ({exc})"

# 합의 순서를 바꾸는 것 (reassoc) 만 허용해 내적이 SIMD 로 벡터화되게 합니다. NaN·무한대 가정(nnan, ninf)은
# 켜지 않으므로 발산 검사가 그대로 동작합니다.
_FASTMATH = {"reassoc", "contract", "nsz", "arcp"}


def _jit(**options):
    """numba.njit(nogil, fastmath, cache). 캐시 폴더를 쓸 수 없으면 캐시 없이 컴파일합니다."""

    def decorate(func):
        if numba is None:  # pragma: no cover
            return func
        try:
            return numba.njit(nogil=True, fastmath=_FASTMATH, cache=True, **options)(func)
        except RuntimeError:  # "cannot cache function ...: no locator available" (읽기 전용 설치 등)
            return numba.njit(nogil=True, fastmath=_FASTMATH, cache=False, **options)(func)

    return decorate


# ---------------------------------------------------------------------------
# 난수: splitmix64 (시작값), xorshift64* (흐름)
# ---------------------------------------------------------------------------


@_jit(inline="always")
def _splitmix64(x):
    """(uint64) -> uint64: 시드 하나에서 잘 섞인 시작값을 만듭니다."""
    z = x + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


@_jit(inline="always")
def _next(state):
    """xorshift64*: (state) -> (new_state, 64비트 난수). state 는 0 이 아니어야 합니다."""
    state ^= state >> np.uint64(12)
    state ^= state << np.uint64(25)
    state ^= state >> np.uint64(27)
    return state, state * np.uint64(0x2545F4914F6CDD1D)


@_jit(inline="always")
def _uniform(bits):
    """64비트 난수 -> [0, 1) 의 float64 (위 53 비트)."""
    return np.float64(bits >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@_jit(inline="always")
def _draw_noise(bits, threshold, alias):
    """별칭 표에서 한 단어: 칸 i = floor(u V), 나머지 frac < threshold[i] 이면 i, 아니면 alias[i]."""
    size = threshold.shape[0]
    scaled = _uniform(bits) * size
    i = np.int64(scaled)
    if i >= size:  # 반올림으로 u V 가 V 가 되는 경우
        i = size - 1
    if scaled - i >= threshold[i]:
        return np.int64(alias[i])
    return i


@_jit()
def _draw_noise_many(threshold, alias, n, seed):
    """테스트·벤치마크용: 커널과 같은 난수와 같은 별칭 뽑기로 n 개를 뽑습니다. (n,) int64."""
    state = _splitmix64(np.uint64(seed))
    if state == 0:
        state = np.uint64(1)
    out = np.empty(n, dtype=np.int64)
    for i in range(n):
        state, bits = _next(state)
        out[i] = _draw_noise(bits, threshold, alias)
    return out


# ---------------------------------------------------------------------------
# 시그모이드와 -log σ 표 (선형 보간)
# ---------------------------------------------------------------------------


def _build_tables(size: int = SIGMOID_TABLE_SIZE, max_score: float = MAX_SCORE):
    """(size,) float32 두 개: σ(x) 와 softplus(x) = -log σ(-x) = log(1 + e^x), x = -max..max 균등 격자."""
    x = np.linspace(-max_score, max_score, size)
    sigmoid = np.exp(-np.logaddexp(0.0, -x))
    softplus = np.logaddexp(0.0, x)
    return sigmoid.astype(np.float32), softplus.astype(np.float32)


_SIGMOID_TABLE, _SOFTPLUS_TABLE = _build_tables()


@_jit(inline="always")
def _lookup(table, x):
    """표에서 선형 보간: table 은 [-MAX_SCORE, MAX_SCORE] 의 균등 격자 값. x 는 그 구간 안이어야 합니다."""
    pos = (x + np.float32(MAX_SCORE)) * np.float32((SIGMOID_TABLE_SIZE - 1) / (2.0 * MAX_SCORE))
    i = np.int64(pos)
    if i >= SIGMOID_TABLE_SIZE - 1:
        i = SIGMOID_TABLE_SIZE - 2
    frac = pos - np.float32(i)
    return table[i] + frac * (table[i + 1] - table[i])


@_jit(inline="always")
def _sigmoid_softplus(x, sigmoid_table, softplus_table):
    """(σ(x), log(1 + e^x)) 를 float32 로: 구간 안은 표, 밖은 정확한 식 (드묾)."""
    if not (np.float32(-MAX_SCORE) <= x <= np.float32(MAX_SCORE)):  # 구간 밖 또는 NaN: 표를 읽지 않음
        e = math.exp(-abs(x))  # float64
        if x > 0:
            return np.float32(1.0 / (1.0 + e)), np.float32(x + math.log1p(e))
        return np.float32(e / (1.0 + e)), np.float32(math.log1p(e))
    return _lookup(sigmoid_table, x), _lookup(softplus_table, x)


# ---------------------------------------------------------------------------
# 한 쌍의 갱신
# ---------------------------------------------------------------------------


@_jit(inline="always")
def _pair_step(
    center_vectors, outside_vectors, center, targets, n_targets, lr, grad_center, sigmoid_table, softplus_table
):
    """한 (중심, 주변) 쌍의 SGD 갱신. targets[0] 는 주변 단어 o, targets[1:n_targets] 는 네거티브.

    Parameters
    ----------
    center_vectors : (V, d) float32, v (행 center 를 제자리에서 갱신)
    outside_vectors : (V, d) float32, u (행 targets[j] 를 제자리에서 갱신)
    center : int, 중심 단어 c
    targets : (K+1,) int64, [o, k_1, ...] (정답과 같은 네거티브는 이미 뺌)
    n_targets : int, 쓰는 칸 수 (1 + 남은 네거티브 수)
    lr : float32, 학습률
    grad_center : (d,) float32 작업 공간 (∂J/∂v_c 를 모음)

    Returns
    -------
    loss : float32, 갱신 전 값으로 잰 J = -log σ(s_o) - Σ_k log σ(-s_k)
    """
    d = center_vectors.shape[1]
    v = center_vectors[center]
    for x in range(d):
        grad_center[x] = 0.0
    loss = np.float32(0.0)
    for j in range(n_targets):
        u = outside_vectors[targets[j]]
        score = np.float32(0.0)
        for x in range(d):
            score += u[x] * v[x]
        sig, softplus = _sigmoid_softplus(score, sigmoid_table, softplus_table)
        if j == 0:  # 정답: -log σ(s) = log(1 + e^{-s}) = softplus(s) - s, ∂/∂s = σ(s) - 1
            coef = sig - np.float32(1.0)
            loss += softplus - score
        else:  # 네거티브: -log σ(-s) = softplus(s), ∂/∂s = σ(s)
            coef = sig
            loss += softplus
        step = -lr * coef
        for x in range(d):
            grad_center[x] += coef * u[x]
            u[x] += step * v[x]
    for x in range(d):
        v[x] -= lr * grad_center[x]
    return loss


@_jit()
def _pair_step_py(center_vectors, outside_vectors, center, targets, lr):
    """테스트용: 네거티브를 정해 준 한 쌍의 갱신 (정답과 같은 네거티브는 건너뜀). 손실을 돌려줍니다."""
    buf = np.empty(targets.shape[0], dtype=np.int64)
    buf[0] = targets[0]
    n = 1
    for j in range(1, targets.shape[0]):
        if targets[j] != targets[0]:
            buf[n] = targets[j]
            n += 1
    grad_center = np.empty(center_vectors.shape[1], dtype=np.float32)
    return _pair_step(
        center_vectors, outside_vectors, center, buf, n, np.float32(lr), grad_center, _SIGMOID_TABLE, _SOFTPLUS_TABLE
    )


# ---------------------------------------------------------------------------
# 토큰 구간 하나 (스레드 하나의 일)
# ---------------------------------------------------------------------------


@_jit()
def _train_range(
    center_vectors,
    outside_vectors,
    token_ids,
    sentence_starts,
    lo,
    hi,
    keep_prob,
    threshold,
    alias,
    window,
    negative,
    lr_start,
    lr_end,
    seed,
    sigmoid_table,
    softplus_table,
    shuffle,
):
    """토큰 위치 [lo, hi) 를 학습합니다 (문장 경계와 구간 경계를 넘는 쌍은 만들지 않음).

    Returns
    -------
    (loss_sum float64, n_pairs int64, n_effective int64)
    """
    state = _splitmix64(np.uint64(seed))
    if state == 0:
        state = np.uint64(1)
    d = center_vectors.shape[1]
    kept = np.empty(hi - lo, dtype=np.int32)  # 서브샘플링 뒤 남은 단어 (구간 안에서 이어 붙임)
    seg_start = np.empty(hi - lo + 1, dtype=np.int32)  # 남은 단어 k 가 속한 문장 조각의 [시작, 끝)
    seg_stop = np.empty(hi - lo + 1, dtype=np.int32)
    targets = np.empty(negative + 1, dtype=np.int64)
    grad_center = np.empty(d, dtype=np.float32)
    loss_sum = 0.0
    n_pairs = 0

    # 1. 서브샘플링 (문장마다; 문장 조각 = 문장과 [lo, hi) 의 겹침)
    m = 0
    s = np.searchsorted(sentence_starts, lo, side="right") - 1
    while s < sentence_starts.shape[0] - 1 and sentence_starts[s] < hi:
        first = m
        for p in range(max(sentence_starts[s], lo), min(sentence_starts[s + 1], hi)):
            w = token_ids[p]
            state, bits = _next(state)
            if _uniform(bits) < keep_prob[w]:
                kept[m] = w
                m += 1
        for k in range(first, m):
            seg_start[k] = first
            seg_stop[k] = m
        s += 1
    # 2. 중심 위치를 무작위 순서로 (Fisher-Yates): 문서 순서를 따라가며 생기는 치우침을 줄입니다
    order = np.arange(m, dtype=np.int32)
    if shuffle:
        for k in range(m - 1, 0, -1):
            state, bits = _next(state)
            r = np.int64(((bits >> np.uint64(32)) * np.uint64(k + 1)) >> np.uint64(32))
            order[k], order[r] = order[r], order[k]
    # 3. 중심마다 줄어든 윈도우 b, 윈도우 안의 주변 단어마다 한 쌍
    lr_slope = (lr_end - lr_start) / max(m, 1)
    for step in range(m):
        i = order[step]
        center = kept[i]
        lr = np.float32(lr_start + lr_slope * step)
        state, bits = _next(state)
        b = 1 + np.int64(((bits >> np.uint64(32)) * np.uint64(window)) >> np.uint64(32))
        for j in range(max(seg_start[i], i - b), min(seg_stop[i], i + b + 1)):
            if j == i:
                continue
            outside = kept[j]
            targets[0] = outside
            n = 1
            for _ in range(negative):
                state, bits = _next(state)
                k = _draw_noise(bits, threshold, alias)
                if k != outside:
                    targets[n] = k
                    n += 1
            loss_sum += _pair_step(
                center_vectors, outside_vectors, center, targets, n, lr, grad_center, sigmoid_table, softplus_table
            )
            n_pairs += 1
    n_effective = m
    return loss_sum, n_pairs, n_effective


# ---------------------------------------------------------------------------
# 파이썬 쪽: 잡음 표, 스레드 (인자는 학습기 sgns.trainer 가 이미 검사했습니다)
# ---------------------------------------------------------------------------


class NoiseTable(NamedTuple):
    """잡음 분포 P_n(w) ∝ counts^ns_exponent 의 별칭 표 (``sgns.sampling.NegativeSampler`` 와 같은 표).

    threshold : (V,) float64, 칸 i 에서 i 자신을 돌려줄 확률
    alias : (V,) int32, 칸 i 의 별칭 단어
    probs : (V,) float64, 목표 분포
    """

    threshold: np.ndarray
    alias: np.ndarray
    probs: np.ndarray


def noise_table(counts, ns_exponent: float = 0.75) -> NoiseTable:
    """단어 빈도에서 잡음 분포의 별칭 표를 만듭니다 (O(V), 양자화 없음).

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도 (Vocabulary.counts)
    ns_exponent : float, 0 이상 2 이하 (기본 0.75)

    Returns
    -------
    NoiseTable(threshold (V,) float64, alias (V,) int32, probs (V,) float64)
    """
    sampler = NegativeSampler(counts, power=ns_exponent, seed=0)
    return NoiseTable(
        np.ascontiguousarray(sampler.threshold, dtype=np.float64),
        np.ascontiguousarray(sampler.alias, dtype=np.int32),
        sampler.probs,
    )


def alias_draw_bias(vocab_size: int) -> float:
    """커널의 별칭 뽑기에서 threshold 비교의 해상도 (칸 안의 조건부 확률이 틀릴 수 있는 최대 양).

    53 비트 균등 난수 u 에서 칸 i = floor(u V) 를 고르고 남은 비트 (약 53 - log2 V 비트) 로 threshold 와
    비교하므로, 칸 안에서의 확률은 2^-(53 - ceil(log2 V)) 단위로만 틀립니다 (V = 10^5 이면 약 1.5e-11).
    단어 확률로 바꾸면 (칸 확률 1/V 를 곱해) 대략 2^-53 × (그 단어가 걸친 칸 수) 입니다.
    word2vec.c 의 유니그램 표 (1e8 칸) 는 단어마다 최대 1e-8 의 양자화 오차가 있습니다.
    """
    return 2.0 ** -(53 - math.ceil(math.log2(vocab_size)) if vocab_size > 1 else 53)


def sigmoid_table_error(num_points: int = 200_001) -> dict:
    """커널이 쓰는 σ(x) 와 softplus(x) = log(1 + e^x) 의 최대 절대 오차 (float64 정확한 값 대비).

    Returns
    -------
    {"sigmoid": float, "softplus": float} : [-2 MAX_SCORE, 2 MAX_SCORE] 의 num_points 개 점에서 잰 최대 오차
    """
    _require_numba()
    x = np.linspace(-2 * MAX_SCORE, 2 * MAX_SCORE, num_points).astype(np.float32)
    sig, softplus = _tables_at(x, _SIGMOID_TABLE, _SOFTPLUS_TABLE)
    xd = x.astype(np.float64)
    exact_sig = np.exp(-np.logaddexp(0.0, -xd))
    exact_softplus = np.logaddexp(0.0, xd)
    return {
        "sigmoid": float(np.max(np.abs(sig - exact_sig))),
        "softplus": float(np.max(np.abs(softplus - exact_softplus))),
    }


@_jit()
def _tables_at(x, sigmoid_table, softplus_table):
    sig = np.empty(x.shape[0], dtype=np.float64)
    softplus = np.empty(x.shape[0], dtype=np.float64)
    for i in range(x.shape[0]):
        a, b = _sigmoid_softplus(x[i], sigmoid_table, softplus_table)
        sig[i] = a
        softplus[i] = b
    return sig, softplus


def _require_numba() -> None:
    if not AVAILABLE:
        raise RuntimeError(f"컴파일된 엔진을 쓸 수 없습니다: {UNAVAILABLE_REASON}. `pip install numba` 로 설치하세요.")


def split_ranges(sentence_starts: np.ndarray, parts: int) -> list[tuple[int, int]]:
    """토큰 위치 [0, n) 을 parts 개의 구간으로 나눕니다 (스레드마다 하나).

    이상적인 경계 n·t/parts 에 가장 가까운 문장 시작을 고릅니다. 그 문장 시작이 이상적인 경계에서 구간 길이의
    1/4 보다 멀면 (문장이 아주 길면) 문장 한가운데에서 자릅니다 (그 경계를 넘는 쌍 몇 개만 빠짐).

    Returns
    -------
    [(lo, hi), ...] 빈 구간은 뺀, 겹치지 않고 이어진 구간들
    """
    n = int(sentence_starts[-1])
    bounds = [0]
    for t in range(1, parts):
        ideal = n * t // parts
        k = int(np.searchsorted(sentence_starts, ideal))
        candidates = [int(sentence_starts[i]) for i in (k - 1, k) if 0 <= i < sentence_starts.shape[0]]
        best = min(candidates, key=lambda c: abs(c - ideal))
        bounds.append(best if abs(best - ideal) * 4 * parts <= n else ideal)
    bounds.append(n)
    bounds = sorted(set(bounds))
    return [(lo, hi) for lo, hi in zip(bounds[:-1], bounds[1:], strict=True) if hi > lo]


def _thread_seed(seed: int, index: int) -> int:
    """덩어리 seed 와 스레드 번호에서 스레드의 난수 시드 (63 비트)."""
    return (seed * 0x9E3779B97F4A7C15 + index * 0xD1B54A32D192ED03) & ((1 << 63) - 1)


def _warm_up() -> None:
    """커널을 작은 입력으로 한 번 불러 컴파일합니다 (캐시에 쓰지 못해도 메모리에는 남으므로 계속 진행)."""
    center = np.zeros((2, 1), dtype=np.float32)
    outside = np.zeros((2, 1), dtype=np.float32)
    try:
        _train_range(
            center,
            outside,
            np.zeros(2, dtype=np.int32),
            np.array([0, 2], dtype=np.int64),
            0,
            2,
            np.ones(2),
            np.ones(2),
            np.zeros(2, dtype=np.int32),
            1,
            1,
            0.0,
            0.0,
            1,
            _SIGMOID_TABLE,
            _SOFTPLUS_TABLE,
            True,
        )
    except OSError:  # 캐시 파일을 쓰지 못함 (디스크가 가득 참, 읽기 전용 등): 컴파일된 함수는 그대로 씁니다
        pass


_compiled = threading.Lock()
_is_warm = False


def ensure_compiled() -> None:
    global _is_warm
    with _compiled:
        if not _is_warm:
            _warm_up()
            _is_warm = True


def train_chunk(
    center_vectors: np.ndarray,
    outside_vectors: np.ndarray,
    token_ids,
    sentence_starts,
    keep_prob,
    noise: NoiseTable,
    window: int,
    negative: int,
    lr_start: float,
    lr_end: float,
    seed: int,
    workers: int = 1,
    *,
    shuffle: bool = True,
) -> ChunkStats:
    """덩어리 하나를 학습합니다: 서브샘플링, 쌍, 네거티브, 쌍마다 SGD 를 컴파일된 커널 안에서.

    Parameters
    ----------
    center_vectors : (V, d) float32, v (제자리에서 갱신)
    outside_vectors : (V, d) float32, u (제자리에서 갱신)
    token_ids : (n,) int, 덩어리의 어휘 안 토큰 (0..V-1; int32 로 바꿔 씀)
    sentence_starts : (s+1,) int, 문장 시작 위치 (0 으로 시작해 n 으로 끝남)
    keep_prob : (V,) float, 서브샘플링에서 남길 확률 (``keep_probabilities``)
    noise : NoiseTable, ``noise_table(counts, ns_exponent)``
    window : int >= 1, 최대 윈도우 (중심마다 1..window 에서 뽑음)
    negative : int >= 1, 쌍마다 네거티브 수 K
    lr_start, lr_end : float, 덩어리의 처음과 끝 학습률 (토큰 위치에 따라 선형)
    seed : int >= 0, 이 덩어리의 난수 시드 (덩어리마다 다르게)
    workers : int >= 1, 스레드 수 (1 이면 결정적)
    shuffle : bool, 중심 위치를 무작위 순서로 처리 (기본). False 면 word2vec.c 처럼 말뭉치 순서 (비교용)

    Returns
    -------
    ChunkStats(loss_sum, n_pairs, n_effective_words)
    """
    _require_numba()
    ensure_compiled()
    keep_prob = np.asarray(keep_prob, dtype=np.float64)
    lr_start, lr_end, seed = float(lr_start), float(lr_end), seed & ((1 << 63) - 1)

    args = (keep_prob, noise.threshold, noise.alias, window, negative, lr_start, lr_end)
    ranges = split_ranges(sentence_starts, workers)

    def run(index: int, lo: int, hi: int):
        return _train_range(
            center_vectors,
            outside_vectors,
            token_ids,
            sentence_starts,
            lo,
            hi,
            *args,
            _thread_seed(seed, index),
            _SIGMOID_TABLE,
            _SOFTPLUS_TABLE,
            shuffle,
        )

    if len(ranges) <= 1:
        results = [run(0, *ranges[0])] if ranges else []
    else:
        results = [None] * len(ranges)

        def target(index, lo, hi):
            results[index] = run(index, lo, hi)

        threads = [threading.Thread(target=target, args=(i, lo, hi)) for i, (lo, hi) in enumerate(ranges)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if any(r is None for r in results):  # pragma: no cover - 커널 안의 오류는 스레드에서 보입니다
            raise RuntimeError("학습 스레드 하나가 실패했습니다 (위의 오류 메시지를 보세요).")
    return ChunkStats(
        float(sum(r[0] for r in results)), int(sum(r[1] for r in results)), int(sum(r[2] for r in results))
    )


# ---------------------------------------------------------------------------
# 학습 입구 (말뭉치 -> 덩어리 -> train_chunk)
# ---------------------------------------------------------------------------


def prefetch(iterator: Iterator) -> Iterator:
    """iterator 의 다음 원소를 백그라운드 스레드에서 미리 만들어 둡니다 (한 개 앞서).

    커널이 GIL 을 놓고 학습하는 동안 다음 덩어리의 인코딩 (파이썬 사전 찾기) 이 겹쳐 진행됩니다.
    원소를 만드는 중에 생긴 오류는 그 원소를 받을 때 그대로 다시 일어납니다.
    """
    return _prefetched(iterator)


def _prefetched(iterator: Iterator) -> Iterator:
    from concurrent.futures import ThreadPoolExecutor

    done = object()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sgns-prefetch") as pool:
        pending = pool.submit(next, iterator, done)
        while True:
            item = pending.result()
            if item is done:
                return
            pending = pool.submit(next, iterator, done)
            yield item


_fallback_warned = False


def choose_engine(engine: str = "auto") -> str:
    """``sgns.train(engine=...)`` 의 값을 실제로 쓸 엔진 이름 ("numpy" 또는 "compiled") 으로 바꿉니다.

    - "auto": numba 가 있으면 "compiled", 없으면 "numpy" (조용히)
    - "compiled": numba 가 없으면 "numpy" 로 돌아가고 그 사실을 (프로세스에서) 한 번 경고합니다
    - "numpy": 언제나 "numpy" (강의가 설명하는 기준 구현)
    """
    if engine == "numpy":
        return "numpy"
    if AVAILABLE:
        return "compiled"
    if engine == "compiled":
        _warn_fallback_once()
    return "numpy"


def _warn_fallback_once() -> None:
    global _fallback_warned
    if not _fallback_warned:
        _fallback_warned = True
        warnings.warn(
            f"컴파일된 엔진을 쓸 수 없어 numpy 학습기로 학습합니다 ({UNAVAILABLE_REASON}). "
            "결과의 품질은 같고 시간만 더 걸립니다.",
            UserWarning,
            stacklevel=5,  # train() 을 부른 곳
        )
