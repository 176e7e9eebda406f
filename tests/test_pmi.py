"""sgns.pmi: 공기 행렬, PMI, 이동된 PMI, 내적과의 상관 (Levy & Goldberg 2014)."""

import math

import numpy as np
import pytest

from sgns.pmi import cooccurrence_matrix, pmi_correlation, pmi_matrix, shifted_pmi

# 손으로 만든 작은 공기 표 (행 = 중심 단어, 열 = 주변 단어)
COOC = np.array(
    [
        [0.0, 4.0, 2.0],
        [4.0, 0.0, 1.0],
        [2.0, 1.0, 6.0],
    ]
)  # D = 20, 행 합 = 열 합 = (6, 5, 9)


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


def test_pmi_correlation_is_one_at_the_sgns_optimum():
    spmi = shifted_pmi(COOC, k=2)
    dots = np.where(np.isfinite(spmi), spmi, -50.0)  # 안 나온 칸은 무시되어야 함
    result = pmi_correlation(dots, COOC, k=2)
    assert result["pearson"] == pytest.approx(1.0)
    assert result["weighted_pearson"] == pytest.approx(1.0)
    assert result["n_cells"] == 7
    assert result["mean_abs_error"] == pytest.approx(0.0, abs=1e-12)


def test_pmi_correlation_detects_unrelated_dot_products():
    rng = np.random.default_rng(0)
    cooc = rng.integers(1, 50, size=(30, 30)).astype(float)
    result = pmi_correlation(rng.normal(size=(30, 30)), cooc, k=5)
    assert abs(result["pearson"]) < 0.2
    assert result["n_cells"] == 900
    negated = pmi_correlation(-shifted_pmi(cooc, 5), cooc, k=5)
    assert negated["pearson"] == pytest.approx(-1.0)


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


def test_pmi_correlation_rejects_wrong_shape_and_too_few_cells():
    with pytest.raises(ValueError, match="dot_products"):
        pmi_correlation(np.zeros((2, 2)), COOC, k=5)
    single = np.zeros((2, 2))
    single[0, 1] = 3.0
    with pytest.raises(ValueError, match="2개"):
        pmi_correlation(np.zeros((2, 2)), single, k=5)
    with pytest.raises(ValueError, match="k"):
        shifted_pmi(COOC, k=0)
