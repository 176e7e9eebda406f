"""잡음 분포 P_n(w) 와 네거티브 샘플(잡음 단어)을 뽑는 샘플러.

잡음 분포는 유니그램 분포 (단어의 상대 빈도) f(w) 를 power 제곱해 정규화한 것입니다.

    P_n(w) = f(w)^power / Z,   Z = Σ_w f(w)^power

power = 0 이면 균등 분포, power = 1 이면 유니그램 분포, word2vec 의 기본값 0.75 는 그 사이입니다.
3/4 제곱은 빈도 차이를 *줄입니다*: 100,000 : 1,000 = 100 : 1 이던 비율이
100,000^0.75 : 1,000^0.75 = 10^3.75 : 10^2.25 = 10^1.5 ≈ 31.62 : 1 이 됩니다.

``NegativeSampler`` 는 Vose 의 별칭(alias) 방법으로 뽑습니다. 표를 한 번 만들면(O(V)) 한 번 뽑는 데 O(1) 이고,
numpy 로 한꺼번에 뽑습니다. 뽑히는 분포는 목표 분포와 (부동소수점 오차 안에서) 정확히 같습니다.
(원문식 샘플러와의 비교, 분포 검사는 5장의 도우미 ``sgns.lessons.noise_samplers`` 에 있습니다.)
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from sgns._validate import as_float_in_range

__all__ = ["noise_distribution", "NegativeSampler"]

_CHUNK = 1 << 16  # NegativeSampler.sample 이 한 번에 뽑는 개수


def noise_distribution(counts, power: float = 0.75):
    """잡음 분포 P_n(w) = f(w)^power / Z 를 계산합니다 (float64).

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도 (배열 같은 값), 또는 단어 -> 빈도 의 Mapping(dict 등)
    power : float, 0 이상 2 이하. 0 = 균등 분포, 0.75 = word2vec 기본값, 1 = 유니그램 분포

    Returns
    -------
    probs : (V,) float64, 합이 1 인 확률 배열.
        counts 가 Mapping 이면 같은 키(같은 순서) -> 확률 의 dict 를 돌려줍니다.

    Notes
    -----
    빈도가 0 인 단어는 power 와 상관없이 확률 0 입니다. 특히 power = 0 은
    "빈도가 0보다 큰 단어들 위의 균등 분포"를 뜻합니다 (numpy 에서 0**0 = 1 이지만,
    코퍼스에 한 번도 나오지 않은 단어를 잡음 단어로 뽑을 이유는 없으므로 0 으로 둡니다).

    Examples
    --------
    >>> p = noise_distribution({"the": 100_000, "democracy": 1_000})
    >>> round(p["the"] / p["democracy"], 2)   # 100 : 1 이 31.62 : 1 로 줄어듭니다
    31.62
    """
    if isinstance(counts, Mapping):
        return dict(zip(counts, map(float, noise_distribution(list(counts.values()), power)), strict=True))
    as_float_in_range("power", power, 0.0, 2.0)  # 강의 도우미가 학생의 값으로 부릅니다
    counts = np.asarray(counts, dtype=np.float64)
    # 최댓값으로 나눈 뒤 제곱합니다 (비율은 그대로, 큰 빈도에서도 넘치지 않음)
    weights = np.where(counts > 0, (counts / counts.max()) ** power, 0.0)
    return weights / weights.sum()


def _build_alias_table(probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vose 의 별칭 표를 파이썬 반복문 없이 만듭니다.

    칸 i 를 고르면(확률 1/V) 확률 threshold[i] 로 i 를, 나머지 1 - threshold[i] 로 alias[i] 를 돌려줍니다.

    만드는 방법: scaled = V·p 에서 1 보다 작은 칸(small)은 1 - scaled 만큼 모자라고(deficit),
    1 보다 큰 칸(large)은 scaled - 1 만큼 남습니다(excess). 모자란 양과 남는 양을 각각 한 줄로
    이어 붙인 누적합 D, E 를 만들면 Vose 의 "small 하나를 large 하나에 붙이고, large 가 1 아래로
    내려가면 그 large 를 다음 large 에 붙이는" 과정을 searchsorted 두 번으로 한꺼번에 할 수 있습니다.

    - small i 의 별칭은 D 에서의 시작점 D[i-1] 이 들어 있는 구간 [E[j-1], E[j]) 의 large j 입니다.
    - large j 는 남는 양보다 조금 더 내줄 수 있습니다(마지막 small 이 E[j] 를 걸쳐 있을 때).
      그 초과분 D[i] - E[j] 만큼 1 에서 빼서 threshold 로 삼고, 초과분은 다음 large j+1 이 메웁니다.
    - 마지막 large 는 (정확한 산술에서) 정확히 1 이 남으므로 threshold = 1 입니다.

    한 large 가 받는 질량: 1 - (초과분_j) + (초과분_{j-1}) + (붙은 small 들의 deficit 합)
    = 1 + (E[j] - E[j-1]) = scaled[j] 로, 목표와 정확히 같습니다.
    """
    size = probs.shape[0]
    scaled = probs * (size / probs.sum())
    threshold = np.ones(size, dtype=np.float64)
    alias = np.arange(size, dtype=np.int64)

    small = np.flatnonzero(scaled < 1.0)
    large = np.flatnonzero(scaled > 1.0)
    if small.size == 0 or large.size == 0:  # 균등 분포 (반올림 오차만 남은 경우 포함)
        return threshold, alias

    deficit_end = np.cumsum(1.0 - scaled[small])  # D[i]
    deficit_start = deficit_end - (1.0 - scaled[small])  # D[i-1]
    excess_end = np.cumsum(scaled[large] - 1.0)  # E[j]

    # small i -> 시작점을 담은 large (반올림으로 끝을 넘으면 마지막 large)
    owner = np.searchsorted(excess_end, deficit_start, side="right")
    np.minimum(owner, large.size - 1, out=owner)
    threshold[small] = scaled[small]
    alias[small] = large[owner]

    # large j (마지막 제외) -> E[j] 를 담은 small 의 끝까지 내준 초과분
    last = large.size - 1
    if last > 0:
        straddle = np.searchsorted(deficit_end, excess_end[:last], side="left")
        np.minimum(straddle, small.size - 1, out=straddle)
        overdraw = np.clip(deficit_end[straddle] - excess_end[:last], 0.0, 1.0)
        threshold[large[:last]] = 1.0 - overdraw
        alias[large[:last]] = large[1:]
    return threshold, alias


class NegativeSampler:
    """잡음 분포 P_n(w) ∝ counts^power 에서 네거티브 샘플을 뽑는 Vose 별칭(alias) 샘플러.

    표를 만드는 데 O(V), 한 번 뽑는 데 O(1) 입니다. 뽑기는 numpy 로 한꺼번에 합니다:
    칸 i 를 균등하게 고르고(rng.integers), 균등 난수 u 가 threshold[i] 보다 작으면 i,
    아니면 alias[i] 를 돌려줍니다. word2vec.c 의 유니그램 표(크기 1e8 배열)와 달리
    양자화 오차가 없어, 뽑히는 분포가 ``probs`` 와 정확히 같습니다 (``exact_probabilities`` 로 확인).

    Parameters
    ----------
    counts : (V,) 0 이상의 단어 빈도 (``noise_distribution`` 과 같은 규칙; Mapping 이면 값 순서대로)
    power : float, 잡음 분포의 지수 (기본 0.75)
    seed : int, None, 또는 numpy.random.Generator. ``numpy.random.default_rng(seed)`` 로 난수를 만듭니다.
        같은 seed 면 같은 샘플이 나옵니다. Generator 를 주면 그 Generator 를 그대로 씁니다.

    Attributes
    ----------
    probs : (V,) float64, 목표 분포 P_n(w)
    threshold : (V,) float64, 칸마다 자기 자신을 돌려줄 확률
    alias : (V,) int64, 칸마다의 별칭 단어
    """

    def __init__(self, counts, power: float = 0.75, seed=None):
        if isinstance(counts, Mapping):
            counts = list(counts.values())
        self.probs = noise_distribution(counts, power)
        self.power = float(power)
        self.rng = np.random.default_rng(seed)  # Generator 를 주면 그대로 씀
        self.threshold, self.alias = _build_alias_table(self.probs)

    def __len__(self) -> int:
        return self.probs.shape[0]

    def __repr__(self) -> str:
        return f"NegativeSampler(V={len(self)}, power={self.power})"

    def sample(self, size=None) -> np.ndarray:
        """잡음 단어 인덱스를 뽑습니다.

        Parameters
        ----------
        size : int 또는 int 튜플 (0, () 포함). 예: (B, K) 이면 쌍마다 K 개씩

        Returns
        -------
        negative_indices : size 형태의 int64 배열 (size=() 이나 None 이면 0차원 배열)
        """
        out = np.empty(() if size is None else size, dtype=np.int64)
        flat = out.reshape(-1)  # 같은 메모리를 한 줄로 보기
        # 조각(chunk)별로 뽑습니다: 10^7 개를 한 번에 하면 80 MB 짜리 임시 배열이 여러 개 생겨
        # 메모리 할당이 시간을 잡아먹습니다. 조각이 캐시에 들어가면 2~4배 빠릅니다.
        uniform = np.empty(min(flat.size, _CHUNK))
        for start in range(0, flat.size, _CHUNK):
            chunk = flat[start : start + _CHUNK]
            columns = self.rng.integers(0, len(self), size=chunk.size, dtype=np.int64)  # 칸 i: 균등
            u = self.rng.random(chunk.size, out=uniform[: chunk.size])  # u ~ U[0, 1)
            np.take(self.alias, columns, out=chunk)  # 기본은 별칭 alias[i]
            np.copyto(chunk, columns, where=u < self.threshold[columns])  # u < threshold[i] 이면 i
        return out

    def exact_probabilities(self) -> np.ndarray:
        """별칭 표가 실제로 나타내는 분포를 표에서 다시 계산합니다.

        P(w) = (threshold[w] + Σ_{i: alias[i]=w} (1 - threshold[i])) / V

        Returns
        -------
        probs : (V,) float64. ``self.probs`` 와 1e-12 정도 안에서 같아야 합니다.
        """
        size = len(self)
        mass = self.threshold.copy()
        mass += np.bincount(self.alias, weights=1.0 - self.threshold, minlength=size)
        return mass / size
