"""단어 벡터를 2차원으로 내려 그리기: 주성분 분석(PCA). 그리고 그림 속 무리가 원래 공간에서도 모이는지 재기.

d 차원 벡터 n 개를 평균을 빼고(가운데로 옮기고) 특이값 분해 X = U S Vᵀ 를 하면, Vᵀ 의 첫 두 행이
분산이 가장 큰 두 방향(주성분)입니다. 각 벡터를 그 두 방향에 내린 좌표가 2차원 그림의 점입니다.

특이값 분해는 방향의 부호를 정하지 않습니다 (a 와 -a 가 모두 답). 그래서 라이브러리나 BLAS 가 바뀌면
그림이 좌우·상하로 뒤집힐 수 있습니다. 여기서는 주성분마다 절댓값이 가장 큰 성분이 양수가 되도록
부호를 정해서 (scikit-learn 의 ``svd_flip`` 과 같은 생각) 언제나 같은 그림이 나오게 합니다.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from sgns._validate import as_float_array, as_index_array, as_positive_int
from sgns.evaluate import normalize_rows

__all__ = ["PCAResult", "pca", "pca_2d", "GroupCosines", "group_cosines"]


class PCAResult(NamedTuple):
    """``pca`` 의 결과.

    coords : (n, r) 각 벡터의 주성분 좌표
    components : (r, d) 주성분 방향 (행마다 길이 1, 절댓값이 가장 큰 성분이 양수)
    explained_ratio : (r,) 각 주성분이 설명하는 분산의 비율 (0~1, 합은 1 이하)
    """

    coords: np.ndarray
    components: np.ndarray
    explained_ratio: np.ndarray


def pca(vectors, n_components: int = 2) -> PCAResult:
    """특이값 분해로 주성분 분석을 합니다 (부호 규칙이 고정되어 결과가 결정적).

    Parameters
    ----------
    vectors : (n, d) 실수 배열, 행마다 벡터 하나 (n >= 2, NaN·inf 불가; float32 도 float64 로 계산)
    n_components : int, 남길 주성분 수 r (1 이상 min(n, d) 이하, 기본 2)

    Returns
    -------
    PCAResult(coords (n, r), components (r, d), explained_ratio (r,))
        모든 벡터가 같으면 (분산 0) 좌표와 비율은 0 입니다.
    """
    X = as_float_array("vectors", vectors, ndim=2).astype(np.float64)
    # 2 의 거듭제곱으로 나눠 (정확함) 계산하고 좌표만 되돌립니다: 1e300 같은 값에서 평균·제곱합이 넘치지 않게
    _, exponent = np.frexp(np.abs(X).max(initial=0.0))
    X = np.ldexp(X, -exponent)
    n, d = X.shape
    if n < 2:
        raise ValueError(f"`vectors`에 벡터가 {n}개뿐입니다. 주성분 분석에는 적어도 2개가 필요합니다.")
    n_components = as_positive_int("n_components", n_components)
    if n_components > min(n, d):
        raise ValueError(
            f"`n_components`={n_components} 는 너무 큽니다. 벡터 수 {n} 과 차원 {d} 중 작은 값 "
            f"{min(n, d)} 이하여야 합니다."
        )
    Xc = X - X.mean(axis=0)
    _, s, vt = np.linalg.svd(Xc, full_matrices=False)
    comps = vt[:n_components].copy()
    # 부호 규칙: 주성분마다 절댓값이 가장 큰 성분(동률이면 앞쪽)이 양수가 되도록 뒤집습니다.
    biggest = np.argmax(np.abs(comps), axis=1)
    signs = np.sign(comps[np.arange(n_components), biggest])
    signs[signs == 0] = 1.0
    comps *= signs[:, None]
    coords = Xc @ comps.T
    total = float(np.sum(s**2))
    ratio = s[:n_components] ** 2 / total if total > 0 else np.zeros(n_components)
    if total == 0:
        coords = np.zeros((n, n_components))
    return PCAResult(np.ldexp(coords, exponent), comps, ratio)


def pca_2d(vectors) -> np.ndarray:
    """벡터들을 분산이 가장 큰 두 방향에 내린 2차원 좌표 (그림용).

    Parameters
    ----------
    vectors : (n, d) 실수 배열 (n >= 2, d >= 2)

    Returns
    -------
    coords : (n, 2) float64, 열 0 이 첫째 주성분 좌표, 열 1 이 둘째 주성분 좌표 (평균이 원점)
    """
    return pca(vectors, n_components=2).coords


class GroupCosines(NamedTuple):
    """``group_cosines`` 의 결과.

    within : (G,) 무리마다 같은 무리 안 서로 다른 두 벡터의 평균 코사인 유사도
    between : (G,) 무리마다 그 무리의 벡터와 다른 무리의 벡터 사이의 평균 코사인 유사도
    nearest_group : (n,) int, 벡터마다 평균 코사인이 가장 큰 무리 (자기 무리는 자신을 빼고 평균; 동률이면 앞 무리)
    """

    within: np.ndarray
    between: np.ndarray
    nearest_group: np.ndarray


def group_cosines(vectors, labels) -> GroupCosines:
    """벡터 무리마다 '같은 무리끼리' 와 '다른 무리와' 의 평균 코사인 유사도를 원래 차원에서 잽니다.

    2차원 투영은 분산의 일부만 보여 주므로, 그림에서 본 무리가 원래 공간에서도 모여 있는지 이 값으로
    확인합니다. within > between 이면 그 무리는 다른 무리보다 서로 가깝습니다.

    Parameters
    ----------
    vectors : (n, d) 실수 배열, 행마다 벡터 하나 (NaN·inf 불가, 길이 0 인 벡터 불가)
    labels : (n,) 정수 배열, 벡터마다 무리 번호 0..G-1 (G >= 2, 무리마다 벡터 2개 이상)

    Returns
    -------
    GroupCosines(within (G,), between (G,), nearest_group (n,))
    """
    X = as_float_array("vectors", vectors, ndim=2).astype(np.float64)
    n = X.shape[0]
    labels = np.asarray(labels)
    if labels.shape != (n,):
        raise ValueError(f"`labels`의 형태 {labels.shape} 가 맞지 않습니다. 벡터가 {n}개이므로 ({n},) 이어야 합니다.")
    labels = as_index_array("labels", labels, n, ndim=1)
    n_groups = int(labels.max()) + 1 if n else 0
    sizes = np.bincount(labels, minlength=n_groups)
    if n_groups < 2 or np.any(sizes < 2):
        raise ValueError(
            f"무리는 0..G-1 번호로 2개 이상이고 무리마다 벡터가 2개 이상이어야 합니다. 무리별 개수: {sizes.tolist()}"
        )
    top = np.abs(X).max(axis=1)
    if np.any(top == 0):
        raise ValueError(f"`vectors`의 {int(np.argmin(top))} 번째 행이 영벡터라 코사인 유사도를 정의할 수 없습니다.")
    Xn = normalize_rows(X)  # 1e300 이나 1e-300 같은 값에서도 길이 1 (제곱합이 넘치거나 0 이 되지 않게)
    C = Xn @ Xn.T  # (n, n) 코사인 유사도
    onehot = np.eye(n_groups)[labels]  # (n, G)
    sums = C @ onehot  # (n, G) 벡터마다 무리별 코사인 합 (자기 자신 포함)
    sums[np.arange(n), labels] -= np.diag(C)  # 자기 자신과의 코사인(=1)은 뺌
    counts = np.broadcast_to(sizes, (n, n_groups)).astype(np.float64).copy()
    counts[np.arange(n), labels] -= 1
    means = sums / counts  # (n, G)
    within = np.array([means[labels == g, g].mean() for g in range(n_groups)])
    between = np.empty(n_groups)
    for g in range(n_groups):
        rows = labels == g
        others = ~rows
        between[g] = C[np.ix_(rows, others)].mean()
    return GroupCosines(within, between, np.argmax(means, axis=1))
