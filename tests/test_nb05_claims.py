"""5장 노트북(샘플링 전략)의 저장된 출력이 주장하는 숫자가 지금의 sgns 계산과 같은지 확인합니다.

학습은 다시 하지 않습니다 (느림). 학습 결과 줄은 형태와, 판정 문장이 출력된 숫자와 맞는지만 봅니다.
"""

import re

import numpy as np
import pytest
from notebook_outputs import (
    check_statuses,
    code_cells,
    display_mime_types,
    find_cell_index,
    markdown_sources,
    notebook_fixtures,
    numbers_in,
)

import sgns
from sgns.evaluate import spearman_standard_error
from sgns.lessons.noise_samplers import choice_per_pair, expected_tv_noise, total_variation
from sgns.lessons.zipf import fit_zipf, frequency_groups, rank_count_ratio, share_of_noise
from sgns.plotting import Table

ERRATA = "> **⚠️ 원문 바로잡기**"

nb, params, text = notebook_fixtures("05_sampling.ipynb", output_name="text")


@pytest.fixture(scope="module")
def head500():
    sentences = sgns.data.load_head500()
    return sentences, sgns.build_vocab(sentences)


def test_defaults_are_the_documented_ones(params):
    assert params["SEED"] == 0
    for name in ["EPOCHS", "NUM_DRAWS", "NUM_PAIRS_SLOW", "K", "TOP_FREQUENT", "RARE_MAX", "VECTOR_SIZE"]:
        assert name in params


def test_doc_example_is_computed_correctly(text):
    """정정 1: 100,000^0.75 ≈ 5,623.41, 1,000^0.75 ≈ 177.83, 비율 100 : 1 -> 31.62 : 1."""
    doc = sgns.data.DOC_COUNTS
    smoothed = sgns.noise_distribution(doc, 0.75)
    unigram = sgns.noise_distribution(doc, 1.0)
    assert f"100,000^0.75 = {doc['the'] ** 0.75:,.2f}" in text
    assert f"1,000^0.75 = {doc['democracy'] ** 0.75:,.2f}" in text
    assert f"유니그램 비율 {unigram['the'] / unigram['democracy']:.2f} : 1" in text
    ratio = smoothed["the"] / smoothed["democracy"]
    assert f"3/4 제곱 후 {ratio:.2f} : 1" in text
    assert "5,623.41" in text and "31.62 : 1" in text
    assert f"{unigram['democracy']:.4f} -> {smoothed['democracy']:.4f}" in text


def test_zipf_exponent_is_current(text, head500):
    sentences, _ = head500
    fit = fit_zipf(sgns.build_vocab(sentences, min_count=5).counts)
    assert f"순위 1..{fit.n_points:,}에서 Zipf 지수 s = {fit.exponent:.2f}" in text


def test_zipf_head_of_head500_is_not_one_line_but_lee_is(nb, text, head500):
    """정정(리뷰): head500 은 머리가 평평해 한 직선으로 맞지 않고, 불용어가 있는 lee 는 대략 맞습니다."""
    sentences, vocab = head500
    lee_sentences = sgns.data.load_lee()
    checks = {}
    for name, v, v5 in [
        ("head500", vocab, sgns.build_vocab(sentences, min_count=5)),
        ("lee", sgns.build_vocab(lee_sentences), sgns.build_vocab(lee_sentences, min_count=5)),
    ]:
        fit = fit_zipf(v5.counts)
        ratio = rank_count_ratio(v.counts)
        predicted = fit.predict([1])[0]
        assert (
            f"순위 1 / 순위 10 빈도 비 {ratio:.2f} (한 직선이라면 10^s = {10 ** fit.exponent:.2f}), "
            f"순위 1의 빈도: 실제 {v.counts[0]:,}, 적합 직선 {predicted:,.0f}"
        ) in text
        checks[name] = (ratio / 10**fit.exponent, predicted / v.counts[0])
    # head500: 머리의 비가 직선의 1/3 도 안 되고, 순위 1 을 10배 넘게 크게 예측
    assert checks["head500"][0] < 1 / 3 and checks["head500"][1] > 10
    # lee: 둘 다 직선과 1.5배 안쪽
    assert 1 / 1.5 < checks["lee"][0] < 1.5 and 1 / 1.5 < checks["lee"][1] < 1.5


POWERS = {"균등 p=0": 0.0, "3/4 제곱 p=0.75": 0.75, "유니그램 p=1": 1.0}


def test_rare_word_shares_are_current_and_ordered(nb, text, head500, params):
    """정정 2: 드문 단어의 몫은 균등 > 3/4 제곱 > 유니그램. 바로잡기 상자와 정리의 숫자도 같은 값."""
    _, vocab = head500
    groups = frequency_groups(vocab.counts, top=params["TOP_FREQUENT"], rare_max=params["RARE_MAX"])
    rare, rows = {}, []
    for name, p in POWERS.items():
        probs = sgns.noise_distribution(vocab.counts, p)
        share = {g: share_of_noise(probs, mask) for g, mask in groups.items()}
        rare[p] = share["rare"]
        rows.append([name, f"{share['rare']:.4f}", f"{share['middle']:.4f}", f"{share['frequent']:.4f}"])
    assert str(Table(["잡음 분포", "드문 단어 몫", "중간 몫", "빈출 단어 몫"], rows)) in text
    assert rare[0.0] > rare[0.75] > rare[1.0]
    assert rare[0.0] > 0.5  # 균등 분포에서는 드문 단어가 네거티브 샘플의 대부분
    assert f"(어휘의 {groups['rare'].mean():.1%})" in text
    # 바로잡기 상자와 정리가 말하는 수가 계산한 값과 같음 (문장은 바꿔 써도 됨)
    md = markdown_sources(nb)
    shares_text = [f"{rare[p]:.4f}" for p in (0.0, 0.75, 1.0)]
    box = next(m for m in md if ERRATA in m and all(x in m for x in shares_text))
    numbers = numbers_in(box)
    at = [numbers.index(float(x)) for x in shares_text]
    assert at == sorted(at)  # 균등, 3/4 제곱, 유니그램 순서로 (큰 것부터) 적혀 있음
    irrespons = 100_000 * sgns.noise_distribution(vocab.counts, 1.0)[vocab.id("irrespons")]
    assert round(irrespons, 2) in numbers
    summary = next(m for m in md if m.startswith("## 정리"))
    for p in (0.0, 1.0, 0.75):
        assert round(100 * rare[p]) in numbers_in(summary)


def test_word_table_is_current(text, head500):
    _, vocab = head500
    rows = []
    for word in ["state", "war", "philosoph", "quantum", "democraci", "irrespons"]:
        i = vocab.id(word)
        expected = [f"{100_000 * sgns.noise_distribution(vocab.counts, p)[i]:.2f}" for p in POWERS.values()]
        rows.append([word, f"{i + 1:,}", f"{vocab.counts[i]:,}", *expected])
    assert str(Table(["단어", "순위", "빈도", *POWERS], rows)) in text


def test_doc_snippet_equals_noise_distribution(text):
    assert re.search(r"최대 차이: [0-9.e+-]+, 같음: True", text)


def test_samplers_match_the_target_distribution(text, head500, params):
    """느린 원문식 샘플러도, 별칭 샘플러도 목표 분포를 따릅니다 (TVD 가 정확한 샘플러의 기댓값과 같은 크기)."""
    _, vocab = head500
    seed, k = params["SEED"], params["K"]
    target = sgns.noise_distribution(vocab.counts, 0.75)
    slow = choice_per_pair(target, params["NUM_PAIRS_SLOW"], k, seed=seed)
    batch = np.random.default_rng(seed).choice(target.size, size=params["NUM_DRAWS"], p=target)
    fast = sgns.NegativeSampler(vocab.counts, power=0.75, seed=seed).sample(params["NUM_DRAWS"])
    rows = []
    for name, samples in [("쌍마다 choice (원문)", slow), ("choice 한 번에", batch), ("별칭 방법", fast)]:
        tvd = total_variation(target, samples)
        expected = expected_tv_noise(target, samples.size)
        rows.append([name, f"{samples.size:,}", f"{tvd:.4f}", f"{expected:.4f}"])
        assert abs(tvd - expected) < 0.02
    assert str(Table(["샘플러", "샘플 수", "TVD", "정확한 샘플러의 TVD 기댓값"], rows)) in text


def test_experiment_lines_and_verdict_are_consistent(text):
    scores = {}
    for p in ("0.0", "0.75", "1.0"):
        pattern = rf"p = {re.escape(p)}\s*, 시드 \d+: WordSim-353 Spearman (-?[0-9.]+|nan) \(쌍 (\d+)/353"
        found = re.findall(pattern, text)
        assert found, p
        scores[p] = np.mean([float(s) for s, _ in found])
        n_eval = int(found[0][1])
    se = spearman_standard_error(n_eval)
    assert f"평가 쌍 {n_eval}개의 표준오차 약 {se:.3f}" in text
    gap = max(scores.values()) - min(scores.values())
    verdict = "차이가 표준오차보다 작아" if gap < se else "차이가 표준오차보다 크지만"
    assert verdict in text
    # 1 에폭 학습의 유추 점수(거의 0)는 지수를 비교할 수 없으므로 이 실험에서 뺐습니다
    assert "유추" not in text


def test_subsampling_keep_probability_of_the(text):
    lee_vocab = sgns.build_vocab(sgns.data.load_lee())
    i = lee_vocab.id("the")
    keep = sgns.keep_probabilities(lee_vocab.counts, 1e-3)[i]
    assert f"남길 확률 코드 {keep:.4f}" in text
    assert keep < 0.5


def test_errata_boxes_are_present(nb):
    boxes = [m for m in markdown_sources(nb) if ERRATA in m]
    assert len(boxes) == 3
    numbers = numbers_in("\n".join(boxes))
    doc = sgns.data.DOC_COUNTS
    smoothed = sgns.noise_distribution(doc, 0.75)
    assert round(doc["the"] ** 0.75, 2) in numbers  # 정정 1: 100,000^0.75 = 5,623.41
    assert round(smoothed["the"] / smoothed["democracy"], 2) in numbers  # 31.62 : 1
    assert "O(V)" in "\n".join(boxes)  # 정정 4: 쌍마다 choice 는 O(V)


def test_exercise_cells(nb, text):
    md = markdown_sources(nb)
    assert any(m.startswith("### 연습문제 1:") for m in md)
    code = [c.source for c in code_cells(nb)]
    solution = find_cell_index(code, "### BEGIN SOLUTION")
    assert "### END SOLUTION" in code[solution]
    assert code[solution].lstrip().startswith("def noise_distribution(counts, power):")
    assert "sgns.checks.check_noise_distribution(noise_distribution)" in code[solution + 1]
    assert check_statuses(nb)["noise_distribution"] == "pass"
    # 뒤의 셀은 학생의 함수가 아니라 sgns 의 기준 구현을 씁니다
    bare = re.compile(r"(?<![.\w])noise_distribution\(")
    assert not any(bare.search(s) for s in code[solution + 2 :])


def test_only_timing_cells_ignore_output(nb):
    ignored = [c.source for c in code_cells(nb) if "# NBVAL_IGNORE_OUTPUT" in c.source]
    assert len(ignored) == 2
    assert all("perf_counter" in s or "time_per_call" in s for s in ignored)


def test_tables_are_rendered_in_jupyterlab(nb):
    """표는 고정폭 텍스트가 아니라 JupyterLab 이 렌더링하는 Markdown 으로 (텍스트 표현도 함께) 저장됩니다."""
    tables = [c for c in code_cells(nb) if "sgns.plotting.show_table(" in c.source]
    assert len(tables) == 4
    assert all({"text/markdown", "text/plain"} <= display_mime_types(c) for c in tables)
