"""단어 벡터를 2차원으로 내려 그리기: 주성분 분석(PCA).

d 차원 벡터 n 개를 평균을 빼고(가운데로 옮기고) 특이값 분해 X = U S Vᵀ 를 하면, Vᵀ 의 첫 두 행이
분산이 가장 큰 두 방향(주성분)입니다. 각 벡터를 그 두 방향에 내린 좌표가 2차원 그림의 점입니다.

특이값 분해는 방향의 부호를 정하지 않습니다 (a 와 -a 가 모두 답). 그래서 라이브러리나 BLAS 가 바뀌면
그림이 좌우·상하로 뒤집힐 수 있습니다. 여기서는 주성분마다 절댓값이 가장 큰 성분이 양수가 되도록
부호를 정해서 (scikit-learn 의 ``svd_flip`` 과 같은 생각) 언제나 같은 그림이 나오게 합니다.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from sgns._validate import as_float_array, as_positive_int

__all__ = ["PCAResult", "pca", "pca_2d"]


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
    return PCAResult(coords, comps, ratio)


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
