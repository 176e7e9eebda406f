"""sgns.objective: 손실의 두 항, 말뭉치 전체의 목적 함수 J(θ)."""

import math

import numpy as np
import pytest

from sgns.corpus import build_vocab, encode_corpus, skipgram_pair_arrays
from sgns.neg_sampling import neg_sampling_loss_and_gradient
from sgns.objective import (
    compare_to_optimum,
    corpus_objective,
    loss_terms,
    optimal_dot_products,
    zero_vector_objective,
)
from sgns.pmi import shifted_pmi


def test_loss_terms_values_and_symmetry():
    t = loss_terms([10.0, 0.0, -10.0])
    np.testing.assert_allclose(t.sigma, [1 / (1 + math.exp(-10)), 0.5, 1 / (1 + math.exp(10))])
    small = math.log1p(math.exp(-10))
    np.testing.assert_allclose(t.positive_loss, [small, math.log(2), 10 + small])
    # 부정 쌍의 항은 긍정 쌍의 항을 좌우로 뒤집은 것
    np.testing.assert_allclose(t.negative_loss, t.positive_loss[::-1])
    assert t.dot.dtype == np.float64


def test_loss_terms_infimum_zero_is_never_reached():
    t = loss_terms([10.0, 20.0, 40.0])
    assert np.all(t.positive_loss > 0)
    assert np.all(np.diff(t.positive_loss) < 0)  # 내적이 커질수록 줄지만 0 보다 큼
    np.testing.assert_allclose(t.positive_loss[2], math.exp(-40), rtol=1e-12)
    assert np.all(loss_terms([-10.0, -20.0, -40.0]).negative_loss > 0)


def test_loss_terms_is_stable_for_huge_inputs():
    t = loss_terms(np.array([-1e4, 1e4]))
    assert np.all(np.isfinite(t.positive_loss))
    assert t.positive_loss[0] == pytest.approx(1e4)


def test_loss_terms_scalar_and_bad_input():
    assert loss_terms(0.0).positive_loss.shape == ()
    with pytest.raises(ValueError, match="NaN"):
        loss_terms([np.nan])
    with pytest.raises(TypeError):
        loss_terms("10")


def _small_corpus():
    sents = [["a", "b", "c", "a", "d"], ["b", "d", "c"], ["e"]]
    vocab = build_vocab(sents)
    ids, sid = encode_corpus(sents, vocab)
    return vocab, ids, sid


def test_corpus_objective_equals_sum_over_positions_divided_by_T():
    vocab, ids, sid = _small_corpus()
    rng = np.random.default_rng(0)
    V, d, K, m = len(vocab), 4, 3, 2
    W, U = rng.normal(size=(V, d)), rng.normal(size=(V, d))
    centers, contexts = skipgram_pair_arrays(ids, sid, m)
    negs = rng.integers(0, V, size=(len(centers), K))
    negs[0, :2] = negs[0, 2]  # 중복된 네거티브도 그대로 더해져야 함
    res = corpus_objective(W, U, ids, sid, m, negs)
    brute = sum(
        neg_sampling_loss_and_gradient(W[c], int(o), U, n)[0] for c, o, n in zip(centers, contexts, negs, strict=True)
    )
    T = len(ids)
    assert res.n_positions == T == 9
    assert res.n_pairs == len(centers)
    assert res.objective == pytest.approx(brute / T, rel=1e-12)
    assert res.mean_pair_loss == pytest.approx(brute / len(centers), rel=1e-12)
    assert res.pair_losses.shape == (len(centers),)


def test_corpus_objective_at_zero_vectors():
    vocab, ids, sid = _small_corpus()
    V, K = len(vocab), 5
    P = len(skipgram_pair_arrays(ids, sid, 1)[0])
    negs = np.zeros((P, K), dtype=np.int64)
    res = corpus_objective(np.zeros((V, 3)), np.zeros((V, 3)), ids, sid, 1, negs)
    assert res.objective == pytest.approx(zero_vector_objective(P, len(ids), K), rel=1e-12)
    assert zero_vector_objective(P, len(ids), K) == pytest.approx(P / len(ids) * 6 * math.log(2))


def test_corpus_objective_rejects_bad_input():
    vocab, ids, sid = _small_corpus()
    V = len(vocab)
    W = np.zeros((V, 2))
    P = len(skipgram_pair_arrays(ids, sid, 1)[0])
    with pytest.raises(ValueError, match="negative_indices"):
        corpus_objective(W, W, ids, sid, 1, np.zeros((P + 1, 2), dtype=int))
    with pytest.raises(IndexError, match="negative_indices"):
        corpus_objective(W, W, ids, sid, 1, np.full((P, 2), V))
    with pytest.raises(ValueError, match="outside_vectors"):
        corpus_objective(W, np.zeros((V, 3)), ids, sid, 1, np.zeros((P, 2), dtype=int))
    with pytest.raises(IndexError, match="ids"):
        corpus_objective(W, W, ids + V, sid, 1, np.zeros((P, 2), dtype=int))
    with pytest.raises(ValueError, match="window"):
        corpus_objective(W, W, ids, sid, 0, np.zeros((P, 2), dtype=int))
    with pytest.raises(ValueError, match="토큰이 없습니다"):
        corpus_objective(W, W, ids[:0], sid[:0], 1, np.zeros((0, 2), dtype=int))
    with pytest.raises(ValueError, match="n_positions"):
        zero_vector_objective(3, 0, 5)


# ---- 칸별 최적 내적 ----------------------------------------------------------

COOC = np.array([[0.0, 4.0, 2.0], [4.0, 0.0, 1.0], [2.0, 1.0, 6.0]])  # 대칭: 행 합 = 열 합 = (6, 5, 9)


def test_without_skipping_the_optimum_is_shifted_pmi():
    counts = COOC.sum(axis=0)  # 잡음 분포의 빈도가 열 합과 비례하면 두 식이 정확히 같음
    for power in (1.0, 0.75):
        got = optimal_dot_products(COOC, counts, k=5, power=power, skip_positive=False)
        want = shifted_pmi(COOC, k=5, context_power=power)
        np.testing.assert_allclose(got[COOC > 0], want[COOC > 0], rtol=1e-12)
        assert np.all(got[COOC == 0] == -np.inf)


def test_optimum_minimises_the_expected_cell_loss():
    counts = np.array([3.0, 7.0, 2.0])
    k, power = 4, 0.75
    x_star = optimal_dot_products(COOC, counts, k, power)
    p = counts**power / np.sum(counts**power)
    w, c = 0, 1
    n_pos = COOC[w, c]
    n_neg = k * (COOC[w].sum() - COOC[w, c]) * p[c]

    def ell(x):
        t = loss_terms(x)
        return n_pos * t.positive_loss + n_neg * t.negative_loss

    x = x_star[w, c]
    assert x == pytest.approx(math.log(n_pos / n_neg))
    assert ell(x) < ell(x + 1e-3) and ell(x) < ell(x - 1e-3)
    # 건너뛰기는 최적점을 log(#w / (#w - #(w,c))) 만큼 올림
    no_skip = optimal_dot_products(COOC, counts, k, power, skip_positive=False)
    assert x - no_skip[w, c] == pytest.approx(math.log(6 / 2))


def test_optimum_is_plus_infinity_when_no_negatives_can_occur():
    cooc = np.array([[0.0, 3.0], [1.0, 1.0]])  # 단어 0 의 주변 단어는 언제나 1
    x = optimal_dot_products(cooc, [1.0, 1.0], k=5)
    assert x[0, 1] == np.inf and x[0, 0] == -np.inf and np.isfinite(x[1]).all()


def test_compare_to_optimum_bins_and_values():
    target = np.array([[-np.inf, 1.0, 2.0], [1.0, -np.inf, 0.5], [2.0, 0.5, 3.0]])
    dots = np.where(np.isfinite(target), target, 0.0) + 0.5
    res = compare_to_optimum(dots, target, COOC)
    assert res["n_cells"] == 7 and res["pearson"] == pytest.approx(1.0)
    assert res["mean_diff"] == pytest.approx(0.5) and res["mean_abs_error"] == pytest.approx(0.5)
    assert compare_to_optimum(dots, target, COOC, min_count=4)["n_cells"] == 3  # 4, 4, 6
    assert compare_to_optimum(dots, target, COOC, max_count=1)["n_cells"] == 2
    assert compare_to_optimum(dots, target, COOC, min_count=100)["n_cells"] == 0


def test_optimum_helpers_reject_bad_input():
    with pytest.raises(ValueError, match="정사각"):
        optimal_dot_products(np.ones((2, 3)), [1, 1], k=5)
    with pytest.raises(ValueError, match="counts"):
        optimal_dot_products(COOC, [1, 1], k=5)
    with pytest.raises(ValueError, match="음수"):
        optimal_dot_products(-COOC, [1, 1, 1], k=5)
    with pytest.raises(ValueError, match="target"):
        compare_to_optimum(COOC, np.full((3, 3), np.nan), COOC)
