"""5장 (샘플링 전략) 의 도우미: 단어 빈도의 분포 (Zipf 법칙) 와 그것이 잡음 분포에 주는 영향.

- ``rank_frequency`` : 빈도를 내림차순으로 늘어놓은 (순위, 빈도). 로그-로그 축에 그리면 대략 직선입니다.
- ``fit_zipf`` : log 빈도 = log C - s · log 순위 를 최소제곱으로 맞춰 Zipf 지수 s 를 구합니다
  (``ZipfFit.predict`` 로 적합 직선의 빈도를 계산).
- ``rank_count_ratio`` : 두 순위의 빈도 비 (예: 순위 1 / 순위 10). 머리 부분이 얼마나 가파른지 봅니다.
- ``frequency_groups`` : 어휘를 빈출 단어 / 중간 / 드문 단어의 빈도 구간으로 나누는 마스크.
- ``share_of_noise`` : 한 빈도 구간의 단어들이 잡음 분포에서 받는 확률의 합 (= 네거티브 샘플 중 그 구간의 몫).

노트북은 빈도 구간의 마스크와 몫 (``probs[mask].sum()``) 을 셀에 직접 씁니다 (그것이 그 절에서 가르치는
계산이므로). ``frequency_groups`` 와 ``share_of_noise`` 는 테스트가 같은 값을 따로 계산해 맞춰 볼 때 씁니다.

서브샘플링의 두 식은 ``sgns.corpus`` (``keep_probabilities``, ``paper_keep_probabilities``), 표는
``sgns.plotting.show_table``, Spearman ρ 의 구간과 두 모델의 쌍체 비교는 ``sgns.evaluate``
(``spearman_interval``, ``compare_word_pair_scores``) 에 있습니다.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from sgns._validate import (
    as_counts,
    as_float_array,
    as_positive_int,
    as_probabilities,
    check_finite_result,
    describe,
)

__all__ = [
    "rank_frequency",
    "ZipfFit",
    "fit_zipf",
    "rank_count_ratio",
    "frequency_groups",
    "share_of_noise",
]


def rank_frequency(counts) -> tuple[np.ndarray, np.ndarray]:
    """순위-빈도 표: 빈도를 큰 것부터 늘어놓고 1, 2, 3, ... 순위를 붙입니다 (빈도 0 인 단어는 뺌).

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도 (예: ``Vocabulary.counts``)

    Returns
    -------
    ranks : (n,) int64, 1..n (n = 빈도가 0 보다 큰 단어 수)
    sorted_counts : (n,) float64, 내림차순 빈도 (sorted_counts[r - 1] 이 순위 r 의 빈도)
    """
    arr = as_counts("counts", counts)
    sorted_counts = np.sort(arr[arr > 0])[::-1].copy()
    ranks = np.arange(1, sorted_counts.size + 1, dtype=np.int64)
    return ranks, sorted_counts


class ZipfFit(NamedTuple):
    """Zipf 법칙 빈도(r) ≈ C · r^(-s) 의 최소제곱 적합 결과.

    exponent : float, s (자연어에서는 보통 1 근처)
    log10_c : float, log10 C (순위 1 에서 직선의 높이)
    n_points : int, 적합에 쓴 (순위, 빈도) 점의 수
    """

    exponent: float
    log10_c: float
    n_points: int

    def predict(self, ranks) -> np.ndarray:
        """적합 직선이 주는 빈도 C · r^(-s).

        ranks : (n,) 1 이상의 순위 (실수도 됨)
        반환 : (n,) float64
        """
        r = as_float_array("ranks", ranks, ndim=1).astype(np.float64, copy=False)
        if (r < 1).any():
            raise ValueError("`ranks`는 1 이상이어야 합니다 (순위는 1부터 셉니다).")
        return 10.0**self.log10_c * r ** (-self.exponent)


def fit_zipf(counts, min_rank: int = 1, max_rank: int | None = None) -> ZipfFit:
    """log10 빈도 = log10 C - s · log10 순위 를 최소제곱으로 맞춰 Zipf 지수 s 를 구합니다.

    순위 min_rank..max_rank 의 점만 씁니다. 꼬리(빈도 1, 2 인 단어 수만 개)는 같은 빈도가 계단처럼
    이어져 직선에서 벗어나므로, 보통 max_rank 로 잘라 머리와 몸통만 맞춥니다.

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도
    min_rank : int, 적합에 쓰는 첫 순위 (1 이상)
    max_rank : int 또는 None, 적합에 쓰는 마지막 순위 (None 이면 빈도가 0 보다 큰 마지막 단어까지)

    Returns
    -------
    ZipfFit(exponent, log10_c, n_points)
    """
    ranks, sorted_counts = rank_frequency(counts)
    min_rank = as_positive_int("min_rank", min_rank)
    if max_rank is None:
        max_rank = int(ranks[-1])
    max_rank = as_positive_int("max_rank", max_rank)
    max_rank = min(max_rank, int(ranks[-1]))
    if max_rank - min_rank + 1 < 2:
        raise ValueError(
            f"적합할 점이 2개 미만입니다 (`min_rank`={min_rank}, `max_rank`={max_rank}, "
            f"빈도가 0 보다 큰 단어 {ranks[-1]}개). 순위 범위를 넓혀 주세요."
        )
    x = np.log10(ranks[min_rank - 1 : max_rank].astype(np.float64))
    y = np.log10(sorted_counts[min_rank - 1 : max_rank])
    slope, intercept = np.polyfit(x, y, 1)
    return ZipfFit(exponent=float(-slope), log10_c=float(intercept), n_points=int(x.size))


def rank_count_ratio(counts, rank_a: int = 1, rank_b: int = 10) -> float:
    """순위 rank_a 단어의 빈도 / 순위 rank_b 단어의 빈도.

    Zipf 법칙 f(r) = C · r^(-s) 를 정확히 따르면 순위 1 / 순위 10 의 비는 10^s (s = 1 이면 10) 입니다.
    이 비가 10^s 보다 훨씬 작으면 머리 부분이 한 직선보다 평평하다는 뜻입니다 (예: 불용어를 뺀 말뭉치).

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도
    rank_a, rank_b : int, 1 이상이고 빈도가 0 보다 큰 단어 수 이하인 순위

    Returns
    -------
    ratio : float, sorted_counts[rank_a - 1] / sorted_counts[rank_b - 1]
    """
    _, sorted_counts = rank_frequency(counts)
    rank_a = as_positive_int("rank_a", rank_a)
    rank_b = as_positive_int("rank_b", rank_b)
    n = sorted_counts.size
    if max(rank_a, rank_b) > n:
        raise ValueError(
            f"순위가 너무 큽니다 (`rank_a`={rank_a}, `rank_b`={rank_b}): 빈도가 0 보다 큰 단어가 {n}개뿐입니다."
        )
    with np.errstate(over="ignore"):
        ratio = float(sorted_counts[rank_a - 1] / sorted_counts[rank_b - 1])
    check_finite_result("빈도 비", ratio, f"`counts`의 순위 {rank_a} 빈도 {sorted_counts[rank_a - 1]:.3g}, "
                        f"순위 {rank_b} 빈도 {sorted_counts[rank_b - 1]:.3g}")  # fmt: skip
    return ratio


def frequency_groups(counts, top: int = 100, rare_max: int = 5) -> dict[str, np.ndarray]:
    """어휘를 세 빈도 구간으로 나누는 불리언 마스크.

    - ``"frequent"`` (빈출 단어): 빈도 순위 상위 ``top`` 개 (같은 빈도는 인덱스가 작은 쪽이 앞)
    - ``"rare"`` (드문 단어): 빈도가 1 이상 ``rare_max`` 이하 (빈출 단어 구간에 든 단어는 제외)
    - ``"middle"`` : 나머지 (빈도 0 인 단어는 어느 구간에도 넣지 않음)

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도
    top : int, 빈출 단어로 볼 상위 단어 수 (1 이상)
    rare_max : int, 드문 단어로 볼 최대 빈도 (1 이상)

    Returns
    -------
    groups : dict, 이름 -> (V,) bool 마스크. 세 마스크는 겹치지 않습니다.
    """
    arr = as_counts("counts", counts)
    top = as_positive_int("top", top)
    rare_max = as_positive_int("rare_max", rare_max)
    order = np.argsort(-arr, kind="stable")
    frequent = np.zeros(arr.size, dtype=bool)
    frequent[order[:top]] = True
    frequent &= arr > 0
    rare = (arr > 0) & (arr <= rare_max) & ~frequent
    middle = (arr > 0) & ~frequent & ~rare
    return {"frequent": frequent, "middle": middle, "rare": rare}


def share_of_noise(probs, mask) -> float:
    """단어 집합 G (예: 한 빈도 구간) 가 분포에서 받는 확률의 합: Σ_{w ∈ G} P(w).

    잡음 분포에서 네거티브 샘플을 많이 뽑으면, 그중 G 의 단어가 차지하는 비율의 기댓값입니다.

    Parameters
    ----------
    probs : (V,) 0 이상, 합이 1 인 확률 (예: ``sgns.noise_distribution(counts, power)``)
    mask : (V,) bool, G 에 드는 단어

    Returns
    -------
    share : float, 0 이상 1 이하
    """
    probs = as_probabilities("probs", probs)
    mask_arr = np.asarray(mask)
    if mask_arr.dtype != bool:
        raise TypeError(f"`mask`는 불리언 배열이어야 합니다. 받은 값: {describe(mask)}")
    if mask_arr.shape != probs.shape:
        raise ValueError(f"`mask`의 형태 {mask_arr.shape} 가 `probs`의 형태 {probs.shape} 와 다릅니다.")
    return float(probs[mask_arr].sum())
