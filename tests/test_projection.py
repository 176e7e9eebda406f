"""sgns.projection: 2차원 주성분 투영 (부호 규칙이 고정된 PCA)."""

import numpy as np
import pytest

from sgns.projection import pca, pca_2d


def _data(seed=0, n=30, d=6):
    rng = np.random.default_rng(seed)
    # 분산이 뚜렷이 다른 축을 심어 둠: 축 0 > 축 1 > 나머지
    scales = np.array([5.0, 2.0] + [0.3] * (d - 2))
    return rng.standard_normal((n, d)) * scales + 7.0


def test_shape_centering_and_variance_order():
    X = _data()
    coords = pca_2d(X)
    assert coords.shape == (30, 2) and coords.dtype == np.float64
    np.testing.assert_allclose(coords.mean(axis=0), 0.0, atol=1e-12)
    var = coords.var(axis=0)
    assert var[0] >= var[1]


def test_matches_projection_on_top_eigenvectors_of_covariance():
    X = _data(1)
    res = pca(X, n_components=2)
    Xc = X - X.mean(axis=0)
    evals, evecs = np.linalg.eigh(Xc.T @ Xc)
    top = evecs[:, ::-1][:, :2].T  # (2, d)
    for i in range(2):  # 부호만 다를 수 있음
        assert abs(abs(res.components[i] @ top[i]) - 1.0) < 1e-10
    np.testing.assert_allclose(res.coords, Xc @ res.components.T)
    np.testing.assert_allclose(res.explained_ratio, evals[::-1][:2] / evals.sum(), rtol=1e-10)


def test_sign_convention_is_fixed_and_flip_invariant():
    X = _data(2)
    res = pca(X)
    for comp in res.components:
        assert comp[np.argmax(np.abs(comp))] > 0
    # 입력 전체의 부호를 뒤집어도 (SVD 가 어떤 부호를 고르든) 주성분 방향은 같고 좌표만 뒤집힘
    np.testing.assert_allclose(pca(-X).components, res.components, atol=1e-12)
    np.testing.assert_allclose(pca_2d(-X), -res.coords, atol=1e-10)
    # 같은 입력이면 언제나 같은 결과 (float32 입력도 float64 로 계산)
    np.testing.assert_array_equal(pca_2d(X), pca_2d(X.copy()))
    assert pca_2d(X.astype(np.float32)).dtype == np.float64


def test_translation_invariance_and_constant_input():
    X = _data(3)
    np.testing.assert_allclose(pca_2d(X + 100.0), pca_2d(X), atol=1e-9)
    const = np.ones((4, 3))
    res = pca(const)
    np.testing.assert_array_equal(res.coords, np.zeros((4, 2)))
    np.testing.assert_array_equal(res.explained_ratio, np.zeros(2))


def test_rejects_bad_input():
    with pytest.raises(ValueError, match="2차원"):
        pca_2d(np.ones(5))
    with pytest.raises(ValueError, match="적어도 2개"):
        pca_2d(np.ones((1, 4)))
    with pytest.raises(ValueError, match="n_components"):
        pca(np.ones((5, 1)), n_components=2)
    with pytest.raises(ValueError, match="NaN"):
        pca_2d(np.array([[1.0, np.nan], [0.0, 1.0]]))
    with pytest.raises(TypeError, match="n_components"):
        pca(_data(), n_components=1.5)
