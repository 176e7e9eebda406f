"""sgns.lessons.projection (4장): 2차원 주성분 투영 (부호 규칙이 고정된 PCA)."""

import numpy as np
import pytest

from sgns.lessons.projection import group_cosines, pca, pca_2d


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


def _brute_group_cosines(X, labels):
    Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
    C = Xn @ Xn.T
    G = labels.max() + 1
    within, between = [], []
    for g in range(G):
        idx = np.flatnonzero(labels == g)
        other = np.flatnonzero(labels != g)
        within.append(np.mean([C[i, j] for i in idx for j in idx if i != j]))
        between.append(np.mean([C[i, j] for i in idx for j in other]))
    nearest = []
    for i in range(len(X)):
        means = [np.mean([C[i, j] for j in np.flatnonzero(labels == g) if j != i]) for g in range(G)]
        nearest.append(int(np.argmax(means)))
    return np.array(within), np.array(between), np.array(nearest)


def test_group_cosines_matches_brute_force():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((11, 5))
    labels = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 0])
    res = group_cosines(X, labels)
    within, between, nearest = _brute_group_cosines(X, labels)
    np.testing.assert_allclose(res.within, within, rtol=1e-12)
    np.testing.assert_allclose(res.between, between, rtol=1e-12)
    np.testing.assert_array_equal(res.nearest_group, nearest)
    # 길이는 상관없음 (코사인)
    np.testing.assert_allclose(group_cosines(X * rng.uniform(0.1, 10, size=(11, 1)), labels).within, within)


def test_group_cosines_separated_clusters_and_misplaced_member():
    rng = np.random.default_rng(5)
    centers = np.array([[10.0, 0, 0], [0, 10.0, 0]])
    X = np.repeat(centers, 4, axis=0) + rng.standard_normal((8, 3)) * 0.1
    labels = np.repeat([0, 1], 4)
    res = group_cosines(X, labels)
    assert np.all(res.within > 0.99) and np.all(np.abs(res.between) < 0.05)
    np.testing.assert_array_equal(res.nearest_group, labels)
    X[0] = centers[1]  # 무리 0 에 무리 1 쪽 벡터를 섞으면 그 벡터만 무리 1 이 가장 가까움
    res = group_cosines(X, labels)
    assert res.nearest_group[0] == 1 and np.all(res.nearest_group[1:] == labels[1:])
    assert res.within[0] < res.within[1]


def test_group_cosines_rejects_bad_input():
    X = np.ones((4, 3)) + np.eye(4, 3)
    with pytest.raises(ValueError, match="형태"):
        group_cosines(X, [0, 0, 1])
    with pytest.raises(ValueError, match="2개 이상"):
        group_cosines(X, [0, 0, 0, 0])
    with pytest.raises(ValueError, match="2개 이상"):
        group_cosines(X, [0, 0, 0, 1])
    with pytest.raises(TypeError, match="labels"):
        group_cosines(X, [0.0, 0.0, 1.0, 1.0])
    with pytest.raises(IndexError, match="labels"):
        group_cosines(X, [0, 0, -1, -1])
    with pytest.raises(ValueError, match="영벡터"):
        group_cosines(np.vstack([X[:3], np.zeros(3)]), [0, 0, 1, 1])
