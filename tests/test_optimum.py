"""sgns.lessons.optimum (4장, 부록 B): 손실의 두 항, 말뭉치 전체의 목적 함수 J(θ), 공기 행렬·PMI 와 SGNS 의 최적점."""

import math

import numpy as np
import pytest

from sgns.corpus import build_vocab, encode_corpus, skipgram_pair_arrays
from sgns.lessons.optimum import (
    OptimumFit,
    compare_to_optimum,
    cooccurrence_matrix,
    corpus_objective,
    loss_terms,
    optimal_dot_products,
    pmi_matrix,
    shifted_pmi,
    zero_vector_objective,
)
from sgns.neg_sampling import neg_sampling_loss_and_gradient


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
    assert isinstance(res, OptimumFit)
    assert res.n_cells == 7 and res.pearson == pytest.approx(1.0) and res.weighted_pearson == pytest.approx(1.0)
    assert res.mean_diff == pytest.approx(0.5) and res.mean_abs_error == pytest.approx(0.5)
    assert compare_to_optimum(dots, target, COOC, min_count=4).n_cells == 3  # 4, 4, 6
    assert compare_to_optimum(dots, target, COOC, max_count=2).n_cells == 4  # 1, 1, 2, 2
    # 비교할 칸이 모자라면 NaN 을 돌려주지 않고 이유를 말합니다
    with pytest.raises(ValueError, match="공기 횟수 100 이상.*0개"):
        compare_to_optimum(dots, target, COOC, min_count=100)


def test_optimum_helpers_reject_bad_input():
    with pytest.raises(ValueError, match="정사각"):
        optimal_dot_products(np.ones((2, 3)), [1, 1], k=5)
    with pytest.raises(ValueError, match="counts"):
        optimal_dot_products(COOC, [1, 1], k=5)
    with pytest.raises(ValueError, match="음수"):
        optimal_dot_products(-COOC, [1, 1, 1], k=5)
    with pytest.raises(ValueError, match="target"):
        compare_to_optimum(COOC, np.full((3, 3), np.nan), COOC)


# ---- 공기 행렬과 PMI -------------------------------------------------------


def test_cooccurrence_matrix_counts_pairs_with_duplicates():
    centers = np.array([0, 0, 0, 2, 1])
    contexts = np.array([1, 1, 2, 2, 0])
    cooc = cooccurrence_matrix(centers, contexts, vocab_size=3)
    expected = np.zeros((3, 3))
    expected[0, 1] = 2
    expected[0, 2] = 1
    expected[2, 2] = 1
    expected[1, 0] = 1
    np.testing.assert_array_equal(cooc, expected)
    assert cooc.dtype == np.float64


def test_cooccurrence_matrix_rejects_bad_input():
    with pytest.raises(IndexError, match="contexts"):
        cooccurrence_matrix([0, 1], [0, 3], vocab_size=3)
    with pytest.raises(ValueError, match="형태"):
        cooccurrence_matrix([0, 1], [0], vocab_size=3)


def test_pmi_value_against_hand_computation():
    pmi, observed = pmi_matrix(COOC)
    # PMI(0, 1) = log(4 · 20 / (6 · 5)) = log(8/3)
    assert pmi[0, 1] == pytest.approx(math.log(8 / 3))
    # PMI(2, 2) = log(6 · 20 / (9 · 9)) = log(120/81)
    assert pmi[2, 2] == pytest.approx(math.log(120 / 81))
    # PMI(1, 2) = log(1 · 20 / (5 · 9)) < 0: 독립일 때보다 덜 함께 나옴
    assert pmi[1, 2] == pytest.approx(math.log(20 / 45))
    assert observed.tolist() == (COOC > 0).tolist()
    assert np.isneginf(pmi[0, 0]) and np.isneginf(pmi[1, 1])


def test_independent_table_has_zero_pmi():
    outer = np.outer([1.0, 2.0, 3.0], [4.0, 1.0, 5.0])  # #(w,c) ∝ #w · #c
    pmi, _ = pmi_matrix(outer)
    np.testing.assert_allclose(pmi, 0.0, atol=1e-12)


def test_shifted_pmi_subtracts_log_k():
    spmi = shifted_pmi(COOC, k=5)
    assert spmi[0, 1] == pytest.approx(math.log(8 / 3) - math.log(5))
    assert np.isneginf(spmi[0, 0])


def test_context_power_smooths_the_context_distribution():
    pmi, _ = pmi_matrix(COOC, context_power=0.75)
    col = COOC.sum(axis=0)
    context_prob = col**0.75 / np.sum(col**0.75)
    # log( #(w,c) / (#w · P_0.75(c)) )
    assert pmi[0, 1] == pytest.approx(math.log(4 / (6 * context_prob[1])))


def test_comparison_is_perfect_at_the_shifted_pmi_optimum():
    spmi = shifted_pmi(COOC, k=2)
    dots = np.where(np.isfinite(spmi), spmi, -50.0)  # 안 나온 칸은 무시되어야 함
    result = compare_to_optimum(dots, spmi, COOC)
    assert result.pearson == pytest.approx(1.0)
    assert result.weighted_pearson == pytest.approx(1.0)
    assert result.n_cells == 7
    assert result.mean_abs_error == pytest.approx(0.0, abs=1e-12)


def test_comparison_detects_unrelated_dot_products():
    rng = np.random.default_rng(0)
    cooc = rng.integers(1, 50, size=(30, 30)).astype(float)
    result = compare_to_optimum(rng.normal(size=(30, 30)), shifted_pmi(cooc, 5), cooc)
    assert abs(result.pearson) < 0.2
    assert result.n_cells == 900
    negated = compare_to_optimum(-shifted_pmi(cooc, 5), shifted_pmi(cooc, 5), cooc)
    assert negated.pearson == pytest.approx(-1.0)


def test_weighted_pearson_weights_cells_by_their_counts():
    """가중 상관은 자주 나온 칸을 더 믿습니다: 드문 칸 하나만 틀리면 가중 상관이 보통 상관보다 높습니다."""
    cooc = np.array([[100.0, 90.0, 1.0], [80.0, 95.0, 70.0], [60.0, 1.0, 85.0]])
    target = shifted_pmi(cooc, 5)
    dots = target.copy()
    dots[0, 2] += 5.0  # 한 번 나온 칸만 크게 틀림
    result = compare_to_optimum(dots, target, cooc)
    assert result.weighted_pearson > result.pearson


@pytest.mark.parametrize(
    ("cooc", "error", "fragment"),
    [
        (np.zeros((2, 2)), ValueError, "모두 0"),
        (np.ones((2, 3)), ValueError, "정사각"),
        (np.array([[1.0, -1.0], [0.0, 1.0]]), ValueError, "음수"),
        (np.array([[1.0, np.nan], [0.0, 1.0]]), ValueError, "NaN"),
    ],
)
def test_pmi_matrix_rejects_bad_tables(cooc, error, fragment):
    with pytest.raises(error, match=fragment):
        pmi_matrix(cooc)


def test_comparison_rejects_wrong_shape_too_few_cells_and_constant_values():
    with pytest.raises(ValueError, match="dot_products"):
        compare_to_optimum(np.zeros((2, 2)), shifted_pmi(COOC, 5), COOC)
    single = np.zeros((2, 2))
    single[0, 1] = 3.0
    with pytest.raises(ValueError, match="2개"):
        compare_to_optimum(np.zeros((2, 2)), shifted_pmi(single, 5), single)
    with pytest.raises(ValueError, match="분산이 0"):
        compare_to_optimum(np.zeros((3, 3)), shifted_pmi(COOC, 5), COOC)
    with pytest.raises(ValueError, match="k"):
        shifted_pmi(COOC, k=0)
