"""sgns.evaluate / sgns.model.WordVectors: 손으로 계산한 값, 그리고 gensim 의 평가와 같은 결과."""

import numpy as np
import pytest

from sgns.data import analogies_path, wordsim353_path
from sgns.evaluate import (
    AnalogyScore,
    WordPairScore,
    evaluate_analogies,
    evaluate_word_pairs,
    nearest_neighbors,
    normalize_rows,
    pearson,
    read_analogies,
    read_word_pairs,
    spearman,
    spearman_standard_error,
)
from sgns.model import WordVectors

# 2차원 벡터: 각도로 생각하면 코사인을 손으로 계산할 수 있습니다
WORDS = ["cat", "dog", "car", "truck", "apple"]
ANGLES = np.deg2rad([0.0, 10.0, 90.0, 100.0, 45.0])
VECTORS = np.stack([np.cos(ANGLES), np.sin(ANGLES)], axis=1) * np.array([[1.0], [2.0], [3.0], [0.5], [1.0]])

PAIRS_TSV = """# 주석 줄
# Word 1\tWord 2\tHuman (mean)
cat\tdog\t9.0
Car\tTRUCK\t8.0
cat\tapple\t5.0
dog\tcar\t1.0
cat\tunicorn\t7.0

"""


@pytest.fixture
def pairs_file(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text(PAIRS_TSV, encoding="utf8")
    return path


def test_word_pairs_by_hand(pairs_file):
    result = evaluate_word_pairs(WORDS, VECTORS, pairs_file)
    # 쌍 5 개 (주석·빈 줄 제외), 그중 unicorn 쌍만 어휘 밖 -> 4 개 평가
    assert result.n_total == 5
    assert result.n_covered == 4
    assert result.coverage == pytest.approx(4 / 5)
    # 사람 점수 9, 8, 5, 1 / 코사인 cos10°, cos10°, cos45°, cos80°
    # 모델 쪽은 앞의 둘이 동점 -> 순위 (1.5, 1.5, 3, 4) [내림차순], 사람 (1, 2, 3, 4)
    human = np.array([4, 3, 2, 1], dtype=float)  # 오름차순 순위
    model = np.array([3.5, 3.5, 2, 1])
    expected = np.corrcoef(human, model)[0, 1]  # Spearman = 순위의 Pearson
    assert result.spearman == pytest.approx(expected)
    assert expected == pytest.approx(0.9486832980505138)
    cosines = np.cos(np.deg2rad([10.0, 10.0, 45.0, 80.0]))
    assert result.pearson == pytest.approx(np.corrcoef([9, 8, 5, 1], cosines)[0, 1])


def test_word_pairs_case_sensitive(pairs_file):
    result = evaluate_word_pairs(WORDS, VECTORS, pairs_file, case_insensitive=False)
    assert result.n_covered == 3  # "Car", "TRUCK" 은 대소문자가 달라 빠짐


def test_word_pairs_without_enough_pairs_is_an_error_not_nan(tmp_path):
    path = tmp_path / "one.tsv"
    path.write_text("cat\tdog\t3\nfoo\tbar\t1\n", encoding="utf8")
    with pytest.raises(ValueError, match=r"`path`.*1개뿐"):
        evaluate_word_pairs(WORDS, VECTORS, path)
    same = tmp_path / "same.tsv"
    same.write_text("cat\tdog\t3\ncar\ttruck\t3\n", encoding="utf8")
    with pytest.raises(ValueError, match="사람 점수가 모두 3"):
        evaluate_word_pairs(WORDS, VECTORS, same)


def test_few_pairs_give_a_result_that_says_it_is_unreliable(tmp_path):
    """쌍 2개 (자료의 0.6%) 로 잰 ρ = 1 은 결과의 note 와 repr 에 그렇다고 적힙니다."""
    path = tmp_path / "pairs.tsv"
    lines = ["cat\tdog\t9", "cat\tapple\t5"] + [f"w{i}\tv{i}\t{i % 10}" for i in range(330)]
    path.write_text("\n".join(lines) + "\n", encoding="utf8")
    result = evaluate_word_pairs(WORDS, VECTORS, path)
    assert result.n_covered == 2 and result.coverage == pytest.approx(2 / 332)
    assert result.spearman == pytest.approx(1.0)
    assert not result.reliable
    assert "2개뿐" in result.note and "0.6%" in result.note
    assert "note=" in repr(result) and "2개뿐" in repr(result)
    full = evaluate_word_pairs(WORDS * 1, VECTORS, path)  # 같은 결과 (결정적)
    assert full.note == result.note


def test_enough_pairs_are_reliable(pairs_file, monkeypatch):
    import sgns.evaluate as evaluate

    monkeypatch.setattr(evaluate, "MIN_RELIABLE_PAIRS", 4)
    result = evaluate_word_pairs(WORDS, VECTORS, pairs_file)  # 4 쌍, 80%
    assert result.reliable and result.note == ""


@pytest.mark.parametrize(
    ("content", "line", "match"),
    [
        ("cat dog 9.0\n", 1, "공백"),  # 탭이 아니라 공백
        ("# 주석\ncat,dog,9.0\n", 2, "쉼표"),
        ("cat\tdog\t9.0\ncat\tdog\n", 2, "칸이 2개"),
        ("cat\tdog\tnan\n", 1, "유한한 수가 아닙니다"),
        ("cat\tdog\tinf\n", 1, "유한한 수가 아닙니다"),
        ("cat\tdog\tnine\n", 1, "수가 아닙니다"),
        ("cat\t\t9\n", 1, "비어"),
    ],
)
def test_malformed_word_pair_file_names_the_line(tmp_path, content, line, match):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf8")
    with pytest.raises(ValueError, match=rf"`path`=.*의 {line}번째 줄.*{match}"):
        read_word_pairs(path)
    with pytest.raises(ValueError, match=rf"{line}번째 줄"):
        evaluate_word_pairs(WORDS, VECTORS, path)


def test_empty_or_non_utf8_word_pair_file(tmp_path):
    empty = tmp_path / "empty.tsv"
    empty.write_text("# 주석뿐\n\n", encoding="utf8")
    with pytest.raises(ValueError, match="하나도 없습니다"):
        evaluate_word_pairs(WORDS, VECTORS, empty)
    latin = tmp_path / "latin.tsv"
    latin.write_bytes("cat\tdog\t9\ncaf\xe9\tdog\t1\n".encode("latin-1"))
    with pytest.raises(ValueError, match="2번째 줄이 UTF-8 이 아닙니다"):
        evaluate_word_pairs(WORDS, VECTORS, latin)
    with pytest.raises(IsADirectoryError, match="폴더"):
        read_word_pairs(tmp_path)


def test_bom_does_not_drop_the_first_pair(tmp_path):
    path = tmp_path / "bom.tsv"
    path.write_text("\ufeffcat\tdog\t9.0\ncat\tapple\t5.0\ndog\tcar\t1.0\n", encoding="utf8")
    pairs = read_word_pairs(path)
    assert pairs[0] == ("cat", "dog", 9.0) and len(pairs) == 3
    assert evaluate_word_pairs(WORDS, VECTORS, path).n_covered == 3


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (": family\nman,woman,king,queen\n", "2번째 줄.*단어가 1개"),
        (": family\nman woman king\n", "2번째 줄.*단어가 3개"),
        ("", "하나도 없습니다"),
        (": only sections\n: another\n", "하나도 없습니다"),
    ],
)
def test_malformed_analogy_file_names_the_line(tmp_path, content, match):
    path = tmp_path / "q.txt"
    path.write_text(content, encoding="utf8")
    with pytest.raises(ValueError, match=match):
        read_analogies(path)


def test_analogies_with_no_covered_question_is_an_error(tmp_path):
    path = tmp_path / "q.txt"
    path.write_text(": x\nfoo bar baz qux\n", encoding="utf8")
    with pytest.raises(ValueError, match=r"`path`.*없어 정확도를 계산할 수 없습니다"):
        evaluate_analogies(WORDS, VECTORS, path)


def test_read_word_pairs(pairs_file):
    pairs = read_word_pairs(pairs_file)
    assert pairs[0] == ("cat", "dog", 9.0)
    assert len(pairs) == 5


def _random_vectors(words, seed=0, d=20):
    return np.random.default_rng(seed).standard_normal((len(words), d)).astype(np.float32)


def test_word_pairs_match_gensim():
    from gensim.models import KeyedVectors

    pairs = read_word_pairs(wordsim353_path())
    words = sorted({w for a, b, _ in pairs[:200] for w in (a, b)})
    vectors = _random_vectors(words)
    ours = evaluate_word_pairs(words, vectors, wordsim353_path())
    kv = KeyedVectors(vector_size=vectors.shape[1])
    kv.add_vectors(words, vectors)
    pearson, spearman, oov = kv.evaluate_word_pairs(str(wordsim353_path()))
    assert ours.spearman == pytest.approx(spearman[0], abs=1e-6)
    assert ours.pearson == pytest.approx(pearson[0], abs=1e-5)
    assert 100 * (1 - ours.coverage) == pytest.approx(oov)


def test_analogies_by_hand(tmp_path):
    # man -> woman 은 +y 방향, king -> queen 도 +y 방향
    words = ["man", "woman", "king", "queen", "apple"]
    vectors = np.array([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 1.0], [0.0, -1.0, 0.2]])
    path = tmp_path / "q.txt"
    path.write_text(
        ": family\nman woman king queen\nking queen man woman\nman woman king apple\n: other\nman woman king zebra\n",
        encoding="utf8",
    )
    result = evaluate_analogies(words, vectors, path)
    assert result.n_total == 4
    assert result.n_covered == 3
    assert result.n_correct == 2  # 세 번째 문제의 정답 apple 은 틀린 답
    assert result.accuracy == pytest.approx(2 / 3)
    assert result.coverage == pytest.approx(3 / 4)
    assert result.sections == {"family": (2, 3)}
    wv = WordVectors(words, vectors)
    assert wv.analogy("man", "woman", "king")[0][0] == "queen"
    assert wv.evaluate_analogies(path).n_correct == 2


def test_analogies_match_gensim():
    from gensim.models import KeyedVectors

    questions = read_analogies(analogies_path())
    words = sorted({w for q in questions[:3000:7] for w in q[1:]})
    vectors = _random_vectors(words, seed=1).astype(np.float64)
    # 구조를 조금 심어 정답이 0 개가 아니게: 수도(a) 벡터 = 나라(b) 벡터 + 공통 방향
    index = {w: i for i, w in enumerate(words)}
    offset = 2.0 * np.random.default_rng(2).standard_normal(vectors.shape[1])
    for _, a, b, _, _ in questions[:3000:7]:
        vectors[index[a]] = vectors[index[b]] + offset
    ours = evaluate_analogies(words, vectors, analogies_path())
    kv = KeyedVectors(vector_size=vectors.shape[1])
    kv.add_vectors(words, vectors)
    score, sections = kv.evaluate_word_analogies(str(analogies_path()))
    total = next(s for s in sections if s["section"] == "Total accuracy")
    assert ours.n_covered == len(total["correct"]) + len(total["incorrect"])
    assert ours.n_correct == len(total["correct"])
    assert ours.accuracy == pytest.approx(score)
    assert ours.n_covered > 1000 and 0.1 < ours.accuracy < 0.9


def test_nearest_neighbors_and_normalize():
    unit = normalize_rows(np.array([[3.0, 4.0], [0.0, 0.0], [0.0, 2.0]]))
    np.testing.assert_allclose(unit, [[0.6, 0.8], [0.0, 0.0], [0.0, 1.0]])
    best = nearest_neighbors(unit, np.array([0.0, 5.0]), topn=2, exclude=[2])
    assert [i for i, _ in best] == [0, 1]
    assert best[0][1] == pytest.approx(0.8)


def test_word_vectors_interface():
    wv = WordVectors(WORDS, VECTORS)
    assert len(wv) == 5 and "cat" in wv and "zebra" not in wv
    assert wv.similarity("cat", "dog") == pytest.approx(np.cos(np.deg2rad(10)))
    assert [w for w, _ in wv.most_similar("cat", topn=2)] == ["dog", "apple"]
    assert len(wv.most_similar("cat", topn=100)) == 4  # 자기 자신은 빠짐
    np.testing.assert_array_equal(wv["car"], VECTORS[2])
    with pytest.raises(KeyError, match="`word`.*'cta'.*cat"):
        wv.most_similar("cta")
    with pytest.raises(KeyError, match="`b`="):
        wv.similarity("cat", "zebra")
    with pytest.raises(ValueError, match="topn"):
        wv.most_similar("cat", topn=0)
    with pytest.raises(ValueError, match="`vectors`"):
        WordVectors(["a", "b"], np.zeros((3, 2)))
    with pytest.raises(ValueError, match="`words`의 길이"):
        evaluate_word_pairs(["a"], np.zeros((2, 2)), wordsim353_path())
    with pytest.raises(FileNotFoundError, match="`path`"):
        evaluate_word_pairs(WORDS, VECTORS, "/no/such/file.tsv")


def test_export_rejects_words_with_spaces(tmp_path):
    wv = WordVectors(["new york", "b"], np.zeros((2, 2)))
    with pytest.raises(ValueError, match="공백"):
        wv.save_word2vec_format(tmp_path / "x.txt")


# ---------------------------------------------------------------- Spearman, 결과 데이터클래스


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_spearman_equals_scipy_including_ties(seed):
    from scipy import stats

    rng = np.random.default_rng(seed)
    x = rng.integers(0, 6, size=40).astype(float)  # 동점이 많음
    y = x + rng.normal(scale=2.0, size=40)
    y[:5] = y[5]  # y 에도 동점
    assert spearman(x, y) == pytest.approx(stats.spearmanr(x, y)[0], abs=1e-12)
    assert pearson(x, y) == pytest.approx(stats.pearsonr(x, y)[0], abs=1e-12)


def test_spearman_undefined_cases_are_errors_not_nan():
    with pytest.raises(ValueError, match="1개뿐"):
        spearman([1.0], [2.0])
    with pytest.raises(ValueError, match="`x`의 값이 모두 1.0"):
        spearman([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="`y`의 값이 모두"):
        pearson([1.0, 2.0, 3.0], [5.0, 5.0, 5.0])
    assert spearman([1.0, 2.0, 3.0], [10.0, 20.0, 15.0]) == pytest.approx(0.5)
    assert pearson([1e300, 2e300, 3e300], [1.0, 2.0, 3.0]) == pytest.approx(1.0)  # 제곱합이 넘치지 않음


def test_spearman_standard_error_formula_and_validation():
    assert spearman_standard_error(103) == pytest.approx(1.03 / 10)
    assert spearman_standard_error(4) == pytest.approx(1.03)
    with pytest.raises(ValueError, match="4 이상"):
        spearman_standard_error(3)
    with pytest.raises(TypeError, match="n_pairs"):
        spearman_standard_error(50.0)


def test_results_are_dataclasses_that_say_when_they_are_unreliable():
    pairs = read_word_pairs(wordsim353_path())
    words = sorted({w for a, b, _ in pairs[:100] for w in (a, b)})
    wv = WordVectors(words, _random_vectors(words))
    score = wv.evaluate_word_pairs(wordsim353_path())
    assert isinstance(score, WordPairScore)
    assert score.n_total == 353
    questions = read_analogies(analogies_path())
    words = sorted({w for q in questions[:50] for w in q[1:]})
    analogy = WordVectors(words, _random_vectors(words)).evaluate_analogies(analogies_path())
    assert isinstance(analogy, AnalogyScore) and analogy.n_total == 19544
    assert analogy.n_covered >= 50 and not analogy.reliable and "%" in analogy.note


# ---- 신뢰구간과 두 모델의 쌍체 비교 -------------------------------------------------------


def test_spearman_interval_is_fisher_z_back_transformed():
    from sgns.evaluate import spearman_interval

    iv = spearman_interval(0.5, 103)
    z, half = np.arctanh(0.5), 1.959963984540054 * 1.03 / 10
    assert iv.low == pytest.approx(np.tanh(z - half)) and iv.high == pytest.approx(np.tanh(z + half))
    # ρ 척도에서는 대칭이 아님: 1 쪽이 더 좁다
    assert (iv.high - 0.5) < (0.5 - iv.low)
    assert iv.contains(0.5) and not iv.contains(0.0)
    with pytest.raises(ValueError, match="rho"):
        spearman_interval(1.0, 50)
    with pytest.raises(ValueError, match="level"):
        spearman_interval(0.3, 50, level=1.0)


def _pair_score(gold, cosines, pairs=None):
    from sgns.evaluate import WordPairScore, pearson, spearman

    gold, cosines = np.asarray(gold, float), np.asarray(cosines, float)
    pairs = pairs or tuple((f"a{i}", f"b{i}") for i in range(len(gold)))
    return WordPairScore(
        spearman=spearman(gold, cosines),
        pearson=pearson(gold, cosines),
        coverage=1.0,
        n_covered=len(gold),
        n_total=len(gold),
        pairs=tuple(pairs),
        gold=gold,
        cosines=cosines,
    )


def test_paired_comparison_separates_a_clearly_better_model():
    from sgns.evaluate import compare_word_pair_scores

    rng = np.random.default_rng(0)
    gold = rng.normal(size=200)
    good = gold + rng.normal(scale=0.3, size=200)
    bad = gold + rng.normal(scale=3.0, size=200)
    result = compare_word_pair_scores(_pair_score(gold, good), _pair_score(gold, bad), seed=1)
    assert result.difference > 0.3 and result.n_pairs == 200
    assert result.separated and result.interval.low > 0
    # 같은 seed 면 같은 구간
    again = compare_word_pair_scores(_pair_score(gold, good), _pair_score(gold, bad), seed=1)
    assert again.interval == result.interval


def test_paired_comparison_does_not_separate_a_model_from_a_noisy_copy_of_itself():
    from sgns.evaluate import compare_word_pair_scores

    rng = np.random.default_rng(2)
    gold = rng.normal(size=96)
    model = gold + rng.normal(scale=2.0, size=96)
    twin = model + rng.normal(scale=0.05, size=96)
    result = compare_word_pair_scores(_pair_score(gold, model), _pair_score(gold, twin), seed=0)
    assert not result.separated and result.interval.contains(0.0)
    # 쌍체 구간은 한 모델의 ρ 구간보다 훨씬 좁다 (같은 쌍에서 잰 두 ρ 는 강하게 상관됨)
    from sgns.evaluate import spearman_interval

    single = spearman_interval(_pair_score(gold, model).spearman, 96)
    assert result.interval.high - result.interval.low < (single.high - single.low) / 4


def test_paired_comparison_uses_only_common_pairs_and_refuses_disjoint_results():
    from sgns.evaluate import compare_word_pair_scores

    gold = np.arange(10.0)
    a = _pair_score(gold, gold, pairs=[(f"w{i}", "x") for i in range(10)])
    b = _pair_score(gold[:6], gold[:6][::-1], pairs=[(f"w{i}", "x") for i in range(6)])
    result = compare_word_pair_scores(a, b, n_resamples=200)
    assert result.n_pairs == 6 and result.difference == pytest.approx(2.0)
    c = _pair_score(gold[:5], gold[:5], pairs=[(f"z{i}", "x") for i in range(5)])
    with pytest.raises(ValueError, match="공통"):
        compare_word_pair_scores(a, c)
    with pytest.raises(TypeError, match="score_b"):
        compare_word_pair_scores(a, {"spearman": 0.3})


def test_word_pair_score_keeps_the_covered_pairs(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text("# 주석\nCat\tdog\t7.0\ncat\tfish\t3.0\ncat\tzebra\t1.0\n", encoding="utf-8")
    words = ["cat", "dog", "fish"]
    vectors = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0]])
    score = evaluate_word_pairs(words, vectors, path)
    assert score.pairs == (("Cat", "dog"), ("cat", "fish"))
    assert score.gold.tolist() == [7.0, 3.0] and score.cosines.shape == (2,)
