"""단어 빈도의 분포 (Zipf 법칙) 와 그것이 잡음 분포·서브샘플링에 주는 영향 (5장).

- ``rank_frequency`` : 빈도를 내림차순으로 늘어놓은 (순위, 빈도). 로그-로그 축에 그리면 대략 직선입니다.
- ``fit_zipf`` : log 빈도 = log C - s · log 순위 를 최소제곱으로 맞춰 Zipf 지수 s 를 구합니다
  (``ZipfFit.predict`` 로 적합 직선의 빈도를 계산).
- ``rank_count_ratio`` : 두 순위의 빈도 비 (예: 순위 1 / 순위 10). 머리 부분이 얼마나 가파른지 봅니다.
- ``format_table`` : 한글(2칸)을 고려해 열을 맞춘 텍스트 표.
- ``frequency_groups`` : 어휘를 빈출 단어 / 중간 / 드문 단어로 나누는 마스크.
- ``share_of_noise`` : 한 무리의 단어가 잡음 분포에서 받는 확률의 합 (= 네거티브 샘플 중 그 무리의 몫).
- ``paper_keep_probabilities`` : 논문(Mikolov et al. 2013) 식의 서브샘플링 남길 확률 sqrt(t / f)
  (코드 쪽 식은 ``sgns.corpus.keep_probabilities``).
- ``spearman_standard_error`` : 작은 평가 세트로 잰 Spearman 점수의 대략적인 흔들림 (5장의 학습 실험용).
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from sgns._validate import as_float_array, as_float_in_range, as_positive_int, describe
from sgns.plotting import display_width

__all__ = [
    "rank_frequency",
    "ZipfFit",
    "fit_zipf",
    "rank_count_ratio",
    "format_table",
    "frequency_groups",
    "share_of_noise",
    "paper_keep_probabilities",
    "spearman_standard_error",
]


def _check_counts(counts) -> np.ndarray:
    """(V,) 0 이상의 유한한 빈도인지 검사하고 float64 로 돌려줍니다."""
    arr = as_float_array("counts", counts, ndim=1).astype(np.float64, copy=False)
    if arr.size == 0:
        raise ValueError("`counts`가 비어 있습니다. 어휘 크기 V >= 1 인 빈도 배열이 필요합니다.")
    if (arr < 0).any():
        bad = int(np.flatnonzero(arr < 0)[0])
        raise ValueError(f"`counts`에 음수 빈도가 있습니다: counts[{bad}]={arr[bad]!r}. 빈도는 0 이상이어야 합니다.")
    if not (arr > 0).any():
        raise ValueError("`counts`가 모두 0입니다. 적어도 한 단어의 빈도는 0보다 커야 합니다.")
    return arr


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
    arr = _check_counts(counts)
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
            f"적합할 점이 2개 미만입니다 (min_rank={min_rank}, max_rank={max_rank}, "
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
            f"순위가 너무 큽니다 (rank_a={rank_a}, rank_b={rank_b}): 빈도가 0 보다 큰 단어가 {n}개뿐입니다."
        )
    return float(sorted_counts[rank_a - 1] / sorted_counts[rank_b - 1])


def format_table(header, rows, left_columns: int = 1) -> list[str]:
    """열을 맞춘 텍스트 표 (한글 등 전각 문자는 2칸으로 셈).

    Parameters
    ----------
    header : 열 이름들 (길이 m)
    rows : 줄마다 m 개의 값 (str() 로 바꿔 씀; 숫자는 미리 원하는 자릿수로 문자열로 만들어 넣으세요)
    left_columns : int, 왼쪽 정렬할 앞쪽 열의 수 (나머지 열은 오른쪽 정렬). 0 이상 m 이하.

    Returns
    -------
    lines : list[str], 머리글 한 줄, 구분선 한 줄, 그리고 표의 줄마다 한 줄
    """
    header = [str(h) for h in header]
    m = len(header)
    if m == 0:
        raise ValueError("`header`가 비어 있습니다. 열 이름이 1개 이상 필요합니다.")
    if isinstance(left_columns, bool) or not isinstance(left_columns, (numbers.Integral, np.integer)):
        raise TypeError(f"`left_columns`는 정수여야 합니다. 받은 값: {describe(left_columns)}")
    if not 0 <= left_columns <= m:
        raise ValueError(f"`left_columns`={left_columns} 는 0 이상 {m} 이하여야 합니다.")
    cells = [header]
    for i, row in enumerate(rows):
        row = [str(x) for x in row]
        if len(row) != m:
            raise ValueError(f"`rows`[{i}] 의 값이 {len(row)}개입니다. 머리글처럼 {m}개여야 합니다.")
        cells.append(row)
    widths = [max(display_width(r[j]) for r in cells) for j in range(m)]

    def fit(text: str, j: int) -> str:
        space = " " * (widths[j] - display_width(text))
        return text + space if j < left_columns else space + text

    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(fit(cell, j) for j, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def frequency_groups(counts, top: int = 100, rare_max: int = 5) -> dict[str, np.ndarray]:
    """어휘를 세 무리로 나누는 불리언 마스크.

    - ``"frequent"`` (빈출 단어): 빈도 순위 상위 ``top`` 개 (같은 빈도는 인덱스가 작은 쪽이 앞)
    - ``"rare"`` (드문 단어): 빈도가 1 이상 ``rare_max`` 이하 (빈출 무리에 든 단어는 제외)
    - ``"middle"`` : 나머지 (빈도 0 인 단어는 어느 무리에도 넣지 않음)

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도
    top : int, 빈출 단어로 볼 상위 단어 수 (1 이상)
    rare_max : int, 드문 단어로 볼 최대 빈도 (1 이상)

    Returns
    -------
    groups : dict, 이름 -> (V,) bool 마스크. 세 마스크는 겹치지 않습니다.
    """
    arr = _check_counts(counts)
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
    """단어 무리가 분포에서 받는 확률의 합: Σ_{w ∈ 무리} P(w).

    잡음 분포에서 네거티브 샘플을 많이 뽑으면, 그중 이 무리의 단어가 차지하는 비율의 기댓값입니다.

    Parameters
    ----------
    probs : (V,) 0 이상, 합이 1 인 확률 (예: ``sgns.noise_distribution(counts, power)``)
    mask : (V,) bool, 무리에 드는 단어

    Returns
    -------
    share : float, 0 이상 1 이하
    """
    probs = as_float_array("probs", probs, ndim=1).astype(np.float64, copy=False)
    if (probs < 0).any():
        raise ValueError("`probs`에 음수가 있습니다. 확률은 0 이상이어야 합니다.")
    total = float(probs.sum())
    if abs(total - 1.0) > 1e-8:
        raise ValueError(f"`probs`의 합이 1이 아닙니다 (합 = {total:.10g}). 정규화한 분포를 넣어 주세요.")
    mask_arr = np.asarray(mask)
    if mask_arr.dtype != bool:
        raise TypeError(f"`mask`는 불리언 배열이어야 합니다. 받은 값: {describe(mask)}")
    if mask_arr.shape != probs.shape:
        raise ValueError(f"`mask`의 형태 {mask_arr.shape} 가 `probs`의 형태 {probs.shape} 와 다릅니다.")
    return float(probs[mask_arr].sum())


def paper_keep_probabilities(counts, t: float = 1e-5) -> np.ndarray:
    """논문(Mikolov et al. 2013) 의 빈출 단어 서브샘플링: 단어를 남길 확률 min(1, sqrt(t / f)).

    논문은 버릴 확률 P(discard) = 1 - sqrt(t / f(w)) 로 씁니다. f(w) 는 상대 빈도 (빈도 / 전체 토큰 수),
    t 는 문턱 (논문 권장 약 1e-5). 그러므로 남길 확률은 sqrt(t / f) 이고 f <= t 이면 1 입니다.
    word2vec.c 와 gensim 의 식 (``sgns.corpus.keep_probabilities``) 은 여기에 t / f 를 더한 꼴입니다.

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도
    t : float, 0 초과 1 이하의 문턱 (상대 빈도 단위)

    Returns
    -------
    keep_prob : (V,) float64, 0 초과 1 이하. 빈도 0 인 단어는 1.
    """
    arr = _check_counts(counts)
    if isinstance(t, bool) or not isinstance(t, (numbers.Real, np.floating, np.integer)):
        raise TypeError(f"`t`은(는) 실수여야 합니다. 받은 값: {describe(t)}")
    t = as_float_in_range("t", t, 0.0, 1.0)
    if t == 0.0:
        raise ValueError("`t`=0 은 허용되지 않습니다. 0 초과 1 이하의 문턱이어야 합니다 (예: 1e-5).")
    keep = np.ones_like(arr)
    seen = arr > 0
    f = arr[seen] / arr.sum()
    keep[seen] = np.minimum(np.sqrt(t / f), 1.0)
    return keep


def spearman_standard_error(n_pairs: int) -> float:
    """n 개 쌍으로 잰 Spearman 순위 상관의 대략적인 표준오차 1.03 / sqrt(n - 3).

    Fieller, Hartley & Pearson (1957) 의 근사로, 원래는 Fisher 변환 z = artanh(ρ) 척도의 값입니다.
    ρ 가 0 근처(작은 말뭉치로 짧게 학습한 모델)에서는 ρ 척도에서도 거의 같습니다.
    평가 세트가 작을 때 두 모델의 점수 차이가 이 정도보다 작으면, 그 차이는 평가 쌍을 어떻게
    골랐느냐에 따른 흔들림과 구별되지 않습니다. (단어 빈도와는 관계가 없지만 5장 실험을 읽는 데 씁니다.)

    Parameters
    ----------
    n_pairs : int, 평가에 쓴 쌍의 수 (4 이상)

    Returns
    -------
    standard_error : float
    """
    n_pairs = as_positive_int("n_pairs", n_pairs, minimum=4)
    return 1.03 / float(np.sqrt(n_pairs - 3))
