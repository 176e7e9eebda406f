"""5장 (샘플링 전략) 의 도우미: 원문식 샘플러, 그리고 샘플러가 목표 분포를 따르는지 재는 도구.

- ``choice_per_pair``: 원문 구현처럼 학습 쌍마다 ``choice(V, size=k, p=probs)`` 를 한 번씩 부릅니다.
  부를 때마다 누적 분포를 새로 만들기 때문에(O(V)) 느립니다. 비교용으로 일부러 느리게 둡니다.
- (기준선) ``numpy.random.Generator.choice(V, n, p=probs)`` 한 번 호출: 정확하지만 별칭 방법보다 느립니다.
- (빠른 샘플러) ``sgns.sampling.NegativeSampler``: Vose 의 별칭 방법 (학습기가 씀).
- ``total_variation`` 과 ``expected_tv_noise``: 뽑은 샘플의 분포가 목표 분포와 얼마나 다른지 (TVD),
  그리고 정확한 샘플러라도 그만큼은 생기는 샘플링 잡음의 크기.
- ``draw_alias_table``: 별칭 표 (prob, alias) 를 그림으로. 칸마다 높이 1 인 막대에서 아래 조각은 그 칸의 단어,
  위 조각은 별칭 단어입니다 (matplotlib 은 이 함수를 부를 때 불러옵니다).
"""

from __future__ import annotations

import math

import numpy as np

from sgns._validate import (
    as_axes,
    as_float_array,
    as_index_array,
    as_int_array,
    as_positive_int,
    as_probabilities,
    check_memory,
    describe,
)

__all__ = ["choice_per_pair", "total_variation", "expected_tv_noise", "draw_alias_table"]


def choice_per_pair(probs, num_pairs: int, k: int, seed=None) -> np.ndarray:
    """원문 구현 그대로: 학습 쌍마다 ``choice(V, size=k, p=probs)`` 를 한 번씩 부릅니다 (비교용, 느림).

    ``numpy.random.RandomState(seed).choice`` 를 씁니다. 원문의 ``np.random.choice`` 는 전역
    RandomState 의 같은 메서드이므로 알고리즘이 같습니다 (전역 시드를 건드리지 않으려고 따로 만듭니다).
    이 메서드는 부를 때마다 probs 를 검사하고 누적 분포(cumsum, O(V))를 새로 만든 뒤
    searchsorted 로 뽑습니다. 그래서 쌍 하나에 O(V) 가 들고, 한꺼번에 뽑는 것보다 수백 배 느립니다.

    Parameters
    ----------
    probs : (V,) 합이 1 인 확률
    num_pairs : int, 학습 쌍의 수 (반복 횟수)
    k : int, 쌍마다 뽑는 네거티브 샘플 수 K
    seed : int 또는 None

    Returns
    -------
    negative_indices : (num_pairs, k) int64
    """
    probs = as_probabilities("probs", probs)
    num_pairs = as_positive_int("num_pairs", num_pairs, minimum=0, maximum=10**6)  # 쌍마다 O(V): 10^6 이면 수십 초
    k = as_positive_int("k", k, minimum=1)
    check_memory("k", k, 8 * num_pairs * k, "뽑은 네거티브 (num_pairs, k) int64 배열")
    if seed is not None:
        seed = as_positive_int("seed", seed, minimum=0)
    random_state = np.random.RandomState(seed)
    vocab_size = probs.shape[0]
    out = np.empty((num_pairs, k), dtype=np.int64)
    for pair in range(num_pairs):
        out[pair] = random_state.choice(vocab_size, size=k, p=probs)
    return out


def total_variation(probs, samples) -> float:
    """목표 분포와 샘플의 경험적 분포 사이의 총변동 거리(TVD).

    TVD = (1/2) Σ_w |p̂(w) - p(w)|,  p̂(w) = (샘플 중 w 의 개수) / n

    Parameters
    ----------
    probs : (V,) 목표 분포
    samples : 아무 형태의 int 배열, 0 이상 V 미만의 단어 인덱스 (n = 원소 수 >= 1)

    Returns
    -------
    tvd : float, 0 이상 1 이하
    """
    probs = as_probabilities("probs", probs)
    flat = as_int_array("samples", samples).ravel()
    if flat.size == 0:
        raise ValueError("`samples`가 비어 있습니다. 경험적 분포를 만들려면 샘플이 적어도 하나 필요합니다.")
    flat = as_index_array("samples", flat, probs.shape[0])
    empirical = np.bincount(flat, minlength=probs.shape[0]) / flat.size
    return 0.5 * float(np.abs(empirical - probs).sum())


def expected_tv_noise(probs, n: int) -> float:
    """정확한 샘플러로 n 번 뽑았을 때 TVD 의 기댓값 (샘플링 잡음의 크기).

    근사나 시뮬레이션이 아니라 정확히 계산합니다. 단어 w 의 개수 X_w 는 Binomial(n, p_w) 이고,
    E[TVD] = (1/2n) Σ_w E|X_w - n p_w| 입니다 (기댓값의 선형성). 이항분포의 평균 절대 편차는
    de Moivre 의 닫힌 꼴로 구합니다:

        E|X - np| = 2 m C(n, m) p^m (1 - p)^(n - m + 1) = 2 m (1 - p) · P(X = m),   m = floor(np) + 1

    P(X = m) 는 scipy 의 이항분포 pmf 로 구합니다 (n 이 10^16 처럼 커도 정확; log C(n, m) 을 gammaln 의 차로
    계산하면 자릿수가 사라져 TVD 가 1 을 넘기도 합니다).

    (정규 근사 sqrt(2/π)·sqrt(p(1-p)/n) 와는 np 가 클 때 일치합니다.)

    Parameters
    ----------
    probs : (V,) 목표 분포
    n : int, 뽑는 횟수 (>= 1)

    Returns
    -------
    expected_tvd : float
    """
    probs = as_probabilities("probs", probs)
    n = as_positive_int("n", n, minimum=1, maximum=10**300)  # float64 로 바꿀 수 있는 횟수
    p = probs[(probs > 0) & (probs < 1)]
    if p.size == 0:  # 한 단어에 확률 1: 언제나 정확합니다
        return 0.0
    m = np.floor(n * p) + 1.0
    inside = m <= n  # m > n 이면 X > np 인 경우가 없어 편차 합이 0 (p 가 1 에 아주 가까울 때)
    p, m = p[inside], m[inside]
    mad = 2.0 * m * (1.0 - p) * _binomial_pmf(m, n, p)
    return float(mad.sum() / (2.0 * n))


def _binomial_pmf(m: np.ndarray, n: int, p: np.ndarray) -> np.ndarray:
    """P(X = m), X ~ Binomial(n, p) (m, p 는 같은 형태).

    m 이 작으면 log C(n, m) = Σ_{i<m} log(n - i) - log m! 로 직접 (p 가 1e-300 처럼 작아도 정확), 크면 scipy 의 pmf
    (큰 n 에서도 정확; scipy 의 logpmf 는 gammaln 의 차라서 n = 10^16 이면 자릿수가 사라짐).
    """
    from scipy.stats import binom

    pmf = np.empty_like(p)
    small = m <= 64
    for i in np.flatnonzero(small):
        k = int(m[i])
        log_choose = sum(math.log(n - j) for j in range(k)) - math.lgamma(k + 1)
        pmf[i] = math.exp(log_choose + k * math.log(p[i]) + (n - k) * math.log1p(-p[i]))
    pmf[~small] = binom.pmf(m[~small], float(n), p[~small])
    return pmf


def draw_alias_table(ax, prob, alias, labels, colors=None, min_label_height: float = 0.08):
    """별칭 표를 막대그림으로 그립니다: 칸 i 마다 높이 1 인 막대 하나.

    아래 조각 (높이 prob[i]) 은 칸 i 의 단어, 위 조각 (높이 1 - prob[i]) 은 별칭 단어 alias[i] 의 몫입니다.
    조각은 그 조각이 나타내는 단어의 색으로 칠하므로, 같은 색의 조각 넓이를 모두 더해 V 로 나누면 그 단어의
    확률입니다: P(w) = (prob[w] + Σ_{i: alias[i] = w} (1 - prob[i])) / V.

    Parameters
    ----------
    ax : matplotlib Axes
    prob : (V,) 0 이상 1 이하, 칸 i 에서 단어 i 를 고를 확률
    alias : (V,) int, 칸 i 의 별칭 단어 (0 이상 V 미만)
    labels : (V,) 단어 이름 (가로축 눈금과 조각 안의 글자)
    colors : (V,) 단어별 색, 또는 None (matplotlib 의 기본 색 순서)
    min_label_height : float, 이보다 낮은 조각에는 글자를 쓰지 않음

    Returns
    -------
    own_bars, alias_bars : matplotlib BarContainer 두 개 (칸마다 아래 조각, 위 조각)
    """
    ax = as_axes("ax", ax)
    prob = as_float_array("prob", prob, ndim=1).astype(np.float64, copy=False)
    size = prob.shape[0]
    if size == 0:
        raise ValueError("`prob`가 비어 있습니다. 칸이 적어도 하나 있어야 합니다.")
    if (prob < 0).any() or (prob > 1).any():
        raise ValueError(
            f"`prob`는 0 이상 1 이하여야 합니다 (칸 안에서 그 단어를 고를 확률). 받은 값: {describe(prob)}"
        )
    alias = as_index_array("alias", alias, size, shape=(size,))
    labels = [str(label) for label in _as_list("labels", labels, size)]
    if colors is None:
        import matplotlib.pyplot as plt

        cycle = plt.rcParams["axes.prop_cycle"].by_key().get("color", ["C0"])
        colors = [cycle[i % len(cycle)] for i in range(size)]
    colors = _as_list("colors", colors, size)

    columns = np.arange(size)
    own_bars = ax.bar(columns, prob, color=colors, edgecolor="white", linewidth=1.5)
    alias_bars = ax.bar(
        columns, 1.0 - prob, bottom=prob, color=[colors[a] for a in alias], edgecolor="white", linewidth=1.5
    )
    for i in columns:
        pieces = [(prob[i] / 2, prob[i], labels[i]), (prob[i] + (1 - prob[i]) / 2, 1 - prob[i], labels[alias[i]])]
        for middle, height, text in pieces:
            if height >= min_label_height:
                ax.text(i, middle, f"{text}\n{height:.2f}", ha="center", va="center", fontsize=9, color="white")
    ax.set_xticks(columns, labels)
    ax.set_ylim(0, 1.05)
    return own_bars, alias_bars


def _as_list(name: str, value, size: int) -> list:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__"):
        raise TypeError(f"`{name}`는 값 {size}개의 목록이어야 합니다. 받은 값: {describe(value)}")
    if len(value) != size:
        raise ValueError(f"`{name}`의 길이 {len(value)} 가 칸 수 {size} 와 같아야 합니다.")
    return list(value)
