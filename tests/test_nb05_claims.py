"""5장 노트북(샘플링 전략)의 저장된 출력과 글이 말하는 숫자·사실이 지금의 sgns 계산과 같은지 확인합니다.

표는 JupyterLab 이 렌더링하는 Markdown 출력에서 읽고, 같은 표를 sgns 로 따로 계산해 맞춰 봅니다 (노트북은 빈도 구간의
몫을 셀에 직접 쓰고, 테스트는 ``sgns.lessons.zipf`` 의 함수로 계산합니다). 학습은 다시 하지 않습니다 (느림):
지수 비교 실험은 저장된 숫자들이 서로 맞는지와, 글이 말하는 판정이 저장된 판정과 같은지만 봅니다.
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
from sgns.checks import GRADING
from sgns.evaluate import spearman_interval
from sgns.lessons.noise_samplers import choice_per_pair, expected_tv_noise, total_variation
from sgns.lessons.zipf import fit_zipf, frequency_groups, rank_count_ratio, share_of_noise
from sgns.trainer import TrainParams

ERRATA = "> **⚠️ 원문 바로잡기**"
POWERS = {"균등 p=0": 0.0, "3/4 제곱 p=0.75": 0.75, "유니그램 p=1": 1.0}
PHI_SQUARED = ((1 + 5**0.5) / 2) ** 2

nb, params, text = notebook_fixtures("05_sampling.ipynb", output_name="text")


# ---------------------------------------------------------------------------
# 저장된 노트북 읽기
# ---------------------------------------------------------------------------


def code_cell(nb, marker: str):
    """원문에 marker 가 든 첫 코드 셀."""
    return next(c for c in code_cells(nb) if marker in c.source)


def markdown_cell(nb, marker: str) -> str:
    """marker 가 든 첫 마크다운 셀의 원문."""
    return next(m for m in markdown_sources(nb) if marker in m)


def _unescape(cell_text: str) -> str:
    return re.sub(r"\\(.)", r"\1", cell_text.strip())


def stored_table(cell) -> tuple[list[str], list[list[str]]]:
    """셀 출력의 (첫) Markdown 표: (머리글, 줄들). 칸의 백슬래시 이스케이프는 풂."""
    for out in cell.get("outputs", []):
        markdown = "".join(out.get("data", {}).get("text/markdown", ""))
        if markdown.startswith("|"):
            lines = [re.split(r"(?<!\\)\|", line.strip())[1:-1] for line in markdown.splitlines()]
            header, *rows = [[_unescape(x) for x in line] for line in lines]
            return header, rows[1:]  # rows[0] 은 정렬 줄
    raise AssertionError(f"표 출력이 없습니다: {cell.source[:60]!r}")


def section(nb, heading: str) -> str:
    """heading 으로 시작하는 마크다운 셀부터 다음 '## ' 제목 앞까지의 마크다운."""
    md = markdown_sources(nb)
    start = next(i for i, m in enumerate(md) if m.startswith(heading))
    end = next((i for i in range(start + 1, len(md)) if md[i].startswith("## ")), len(md))
    return "\n".join(md[start:end])


# ---------------------------------------------------------------------------
# 다시 계산하는 데 쓰는 값
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def head500():
    return sgns.data.load_head500()


@pytest.fixture(scope="module")
def vocabs(head500, params):
    """(모든 단어의 어휘, 학습기의 어휘)."""
    return sgns.build_vocab(head500), sgns.build_vocab(head500, min_count=params["MIN_COUNT"])


@pytest.fixture(scope="module")
def rare_shares(vocabs, params):
    """학습기 어휘에서 빈도 구간별 몫: 지수 -> {구간 이름: 몫}."""
    _, vocab = vocabs
    groups = frequency_groups(vocab.counts, top=params["TOP_FREQUENT"], rare_max=params["RARE_MAX"])
    return {
        p: {g: share_of_noise(sgns.noise_distribution(vocab.counts, p), m) for g, m in groups.items()}
        for p in POWERS.values()
    }, groups


@pytest.fixture(scope="module")
def lee_vocab(params):
    return sgns.build_vocab(sgns.data.load_lee(), min_count=params["MIN_COUNT"])


def pct(x: float) -> str:
    return f"{x:.1%}"


# ---------------------------------------------------------------------------
# 매개변수와 어휘
# ---------------------------------------------------------------------------


def test_parameters_are_the_trainer_defaults(nb, params):
    defaults = TrainParams()
    assert params["SEED"] == 0
    assert params["MIN_COUNT"] == defaults.min_count
    assert params["SAMPLE"] == defaults.sample
    assert params["EPOCHS"] == defaults.epochs
    assert params["K"] == defaults.negative
    # 5.5 절이 "학습기 기본값 그대로" 라고 적은 값들
    stated = numbers_in(markdown_cell(nb, "## 5.5"))
    assert {defaults.window, defaults.negative, defaults.min_count, defaults.epochs} <= set(stated)


def test_trainer_uses_the_vocabulary_the_chapter_counts_on(head500, vocabs, params):
    """네거티브 샘플의 몫을 센 어휘가 학습기가 실제로 만드는 어휘와 같습니다."""
    _, vocab = vocabs
    model = sgns.train(head500, epochs=1, vector_size=2, min_count=params["MIN_COUNT"], seed=0)
    assert list(model.words) == vocab.words


def test_vocabulary_sizes(nb, text, vocabs, params):
    full, vocab = vocabs
    removed = len(full) - len(vocab)
    assert f"min_count=1 어휘: V = {len(full):,}" in text
    assert (
        f"min_count={params['MIN_COUNT']} 어휘 (학습기): V = {len(vocab):,}, 빠진 단어 {removed:,}개 "
        f"({1 - len(vocab) / len(full):.1%}), 남은 단어가 덮는 토큰 {vocab.total / full.total:.1%}"
    ) in text
    # 빠진 단어는 모두 빈도 MIN_COUNT 미만이고 (드문 단어), 글이 그 수를 말합니다
    assert full.counts[len(vocab) :].max() < params["MIN_COUNT"] <= params["RARE_MAX"]
    assert removed in numbers_in(markdown_cell(nb, "두 줄이 다른 것은"))


# ---------------------------------------------------------------------------
# 5.1 Zipf
# ---------------------------------------------------------------------------


def test_zipf_table_is_current_and_head500_head_is_flat(nb, vocabs, lee_vocab):
    _, vocab = vocabs
    header, rows = stored_table(code_cell(nb, "fit_zipf(counts)"))
    expected, checks = [], {}
    for name, v in [("head500", vocab), ("lee", lee_vocab)]:
        fit = fit_zipf(v.counts)
        ratio, predicted = rank_count_ratio(v.counts), fit.predict([1])[0]
        expected.append(
            [
                name,
                f"1..{fit.n_points:,}",
                f"{fit.exponent:.2f}",
                v.words[0],
                f"{ratio:.2f}",
                f"{10**fit.exponent:.2f}",
                f"{v.counts[0]:,}",
                f"{predicted:,.0f}",
            ]
        )
        checks[name] = (ratio / 10**fit.exponent, predicted / v.counts[0])
    assert rows == expected
    # head500: 머리의 비가 직선의 1/3 도 안 되고, 순위 1 을 10배 넘게 크게 예측 (글: 한 직선으로 맞지 않음)
    assert checks["head500"][0] < 1 / 3 and checks["head500"][1] > 10
    # lee: 둘 다 직선과 1.5배 안쪽 (글: 머리까지 대략 한 직선)
    assert 1 / 1.5 < checks["lee"][0] < 1.5 and 1 / 1.5 < checks["lee"][1] < 1.5


def test_stop_words_left_in_head500_are_counted_and_quoted(nb, text, vocabs):
    """head500 에서 불용어는 대부분 빠졌지만 a 는 남아 있고 (1장이 네거티브 샘플로 뽑음), 글이 그 빈도를 말합니다."""
    full, vocab = vocabs
    words = ["the", "of", "is", "a", "and", "be"]
    counts = [int(full.counts[full.id(w)]) if w in full else 0 for w in words]
    assert "불용어의 빈도: " + ", ".join(f"{w}({c})" for w, c in zip(words, counts, strict=True)) in text
    found = dict(zip(words, counts, strict=True))
    assert found["the"] == found["of"] == found["is"] == 0
    assert found["a"] > 0 and "a" in vocab  # 학습기의 어휘에도 있음: 네거티브 샘플이 될 수 있음
    quoted = markdown_cell(nb, "위 출력의 마지막 줄처럼")
    assert f"`a`는 {found['a']}번" in quoted and f"`be`는 {found['be']}번" in quoted


def test_the_source_is_cited_one_way(nb):
    """원문은 "원문 5장" 으로만 가리킵니다 (원문(5장), 원문 5절 같은 다른 꼴 없음)."""
    md = "\n".join(markdown_sources(nb))
    cited = re.findall(r"원문\s*\(?\s*\d+\s*(?:장|절)\)?", md)
    assert cited and set(cited) == {"원문 5장"}


def test_one_word_for_frequent_words(nb):
    """5장이 정의한 '빈출 단어' 하나로 씁니다 ('흔한 단어' 와 섞지 않음)."""
    md = "\n".join(markdown_sources(nb))
    assert "흔한" not in md and "흔해" not in md
    assert "**빈출 단어**" in md


# ---------------------------------------------------------------------------
# 5.2 잡음 분포와 빈도 구간의 몫
# ---------------------------------------------------------------------------


def test_word_table_is_current(nb, vocabs):
    _, vocab = vocabs
    header, rows = stored_table(code_cell(nb, '"utopia"'))
    assert header == ["단어", "순위", "빈도", *POWERS]
    expected = []
    for word, *_ in rows:
        i = vocab.id(word)
        per_100k = [f"{100_000 * sgns.noise_distribution(vocab.counts, p)[i]:.2f}" for p in POWERS.values()]
        expected.append([word, f"{i + 1:,}", f"{vocab.counts[i]:,}", *per_100k])
    assert rows == expected
    assert rows[-1][0] == "utopia" and vocab.counts[vocab.id("utopia")] == vocab.counts.min()


def test_frequency_range_shares_are_current_and_ordered(nb, rare_shares, params):
    shares, groups = rare_shares
    header, rows = stored_table(code_cell(nb, "probs[rare].sum()"))
    expected = [[name, *(pct(shares[p][g]) for g in ["rare", "middle", "frequent"])] for name, p in POWERS.items()]
    assert rows == expected
    rare = {p: s["rare"] for p, s in shares.items()}
    assert rare[0.0] > rare[0.75] > rare[1.0]
    assert rare[0.0] == pytest.approx(groups["rare"].mean())  # 균등: 어휘 중 드문 단어의 비율 그대로
    for p in (0.75, 1.0):  # 글: 유니그램과 3/4 제곱에서 가장 큰 몫은 중간 단어
        assert shares[p]["middle"] == max(shares[p].values())


def test_uniform_errata_box_states_the_computed_shares(nb, rare_shares, vocabs):
    """정정 2: 드문 단어는 균등 분포에서 자기 빈도보다 훨씬 자주 뽑히고, 몫은 균등 > 3/4 제곱 > 유니그램."""
    shares, groups = rare_shares
    _, vocab = vocabs
    box = markdown_cell(nb, "희소한 단어들은 거의")
    assert box.startswith(ERRATA)
    numbers = numbers_in(box)
    at = [numbers.index(float(pct(shares[p]["rare"])[:-1])) for p in (0.0, 0.75, 1.0)]
    assert at == sorted(at)  # 균등, 3/4 제곱, 유니그램 순서로 적혀 있음
    assert float(pct(groups["rare"].mean())[:-1]) in numbers
    i = vocab.id("utopia")
    uniform, unigram = (100_000 * sgns.noise_distribution(vocab.counts, p)[i] for p in (0.0, 1.0))
    assert round(uniform, 2) in numbers and round(unigram, 2) in numbers
    assert uniform > 5 * unigram  # "훨씬 자주"


def test_figure_text_states_the_frequent_shares_and_the_source_claims_are_tested_not_shown(nb, rare_shares):
    """그림은 몫만 보여 줌: 3/4 제곱은 빈출 단어의 몫을 줄이되 없애지 않음 (3장: 빈출 단어의 네거티브 샘플은 필요).
    균등 분포는 빈출 단어에 가장 작은 몫을 주고, 5.5 절이 그 몫을 말합니다."""
    shares, _ = rare_shares
    frequent = {p: s["frequent"] for p, s in shares.items()}
    assert frequent[0.0] < frequent[0.75] < frequent[1.0]
    assert frequent[0.75] > 0.5 * frequent[1.0]  # 줄일 뿐 없애지 않음
    text = markdown_cell(nb, "오른쪽 그림이 보여 주는 것은")
    numbers = numbers_in(text)
    assert float(pct(frequent[1.0])[:-1]) in numbers and float(pct(frequent[0.75])[:-1]) in numbers
    assert "5.5절" in text and "3장" in text
    experiment = markdown_cell(nb, "기본값에서 저장된 결과는")
    assert float(pct(frequent[0.0])[:-1]) in numbers_in(experiment)


def test_evaluation_statistics_point_to_chapter_4_instead_of_being_retaught(nb):
    experiment = section(nb, "## 5.5")
    assert "4장 둘째 권" in experiment
    assert "복원추출" not in experiment and "1.03" not in experiment  # 부트스트랩 단계와 Fisher z 표준오차는 4장에


def test_sampling_without_replacement_never_repeats_a_negative():
    """『밑바닥부터 시작하는 딥러닝 2』 의 replace=False 와 word2vec 의 복원추출 (5.4 절의 비교)."""
    probs = sgns.noise_distribution(np.array([50, 30, 10, 5, 3, 2]), 0.75)
    rng = np.random.default_rng(0)
    rows = [rng.choice(probs.size, size=5, replace=False, p=probs) for _ in range(200)]
    assert all(len(set(row)) == 5 for row in rows)
    with_replacement = sgns.NegativeSampler(np.array([50, 30, 10, 5, 3, 2]), seed=0).sample((200, 5))
    assert any(len(set(row)) < 5 for row in with_replacement)


def test_both_vocabularies_keep_the_order_and_the_text_says_why_they_differ(nb, vocabs, rare_shares, params):
    shares, _ = rare_shares
    header, rows = stored_table(code_cell(nb, "vocabularies = {"))
    expected, by_vocab = [], {}
    names = ["min_count=1 (모든 단어)", f"min_count={params['MIN_COUNT']} (학습기)"]
    for name, v in zip(names, vocabs, strict=True):
        is_rare = v.counts <= params["RARE_MAX"]
        got = [sgns.noise_distribution(v.counts, p)[is_rare].sum() for p in POWERS.values()]
        expected.append([name, f"{len(v):,}", pct(is_rare.mean()), *(pct(s) for s in got)])
        by_vocab[name] = got
        assert got[0] == pytest.approx(is_rare.mean())  # 균등 분포의 몫 = 어휘 중 드문 단어의 비율
        assert got[0] > got[1] > got[2]  # 두 어휘에서 순서가 같음
    assert rows == expected
    # 학습기 어휘의 줄은 빈도 구간 표의 드문 단어 몫과 같음 (빈출 단어는 모두 RARE_MAX 보다 흔함)
    assert expected[1][3:] == [pct(shares[p]["rare"]) for p in POWERS.values()]
    full_row, trainer_row = by_vocab.values()
    assert all(a > b for a, b in zip(full_row, trainer_row, strict=True))  # 모든 단어의 어휘에서 더 큼
    # 글이 말하는 수: 두 어휘의 드문 단어 비율 (= 균등 분포의 몫), 3/4 제곱과 유니그램의 몫
    explained = numbers_in(markdown_cell(nb, "두 줄이 다른 것은"))
    for row in expected:
        for value in (row[2], row[4], row[5]):
            assert float(value[:-1]) in explained


def test_summary_states_the_computed_numbers(nb, vocabs, rare_shares, params):
    shares, _ = rare_shares
    full, _ = vocabs
    summary = markdown_cell(nb, "## 정리")
    numbers = numbers_in(summary)
    full_rare = full.counts <= params["RARE_MAX"]
    for p in POWERS.values():
        assert float(pct(shares[p]["rare"])[:-1]) in numbers
        assert float(pct(sgns.noise_distribution(full.counts, p)[full_rare].sum())[:-1]) in numbers
    assert params["RARE_MAX"] in numbers and params["MIN_COUNT"] in numbers
    smoothed = sgns.noise_distribution(sgns.data.DOC_COUNTS, 0.75)
    assert round(smoothed["the"] / smoothed["democracy"], 2) in numbers
    assert round(PHI_SQUARED, 3) in numbers


# ---------------------------------------------------------------------------
# 5.3 원문의 예
# ---------------------------------------------------------------------------


def test_doc_example_is_computed_correctly(text):
    """정정 1: 100,000^0.75 ≈ 5,623.41, 1,000^0.75 ≈ 177.83, 비율 100 : 1 -> 31.62 : 1."""
    doc = sgns.data.DOC_COUNTS
    smoothed = sgns.noise_distribution(doc, 0.75)
    unigram = sgns.noise_distribution(doc, 1.0)
    assert f"100,000^0.75 = {doc['the'] ** 0.75:,.2f}" in text
    assert f"1,000^0.75 = {doc['democracy'] ** 0.75:,.2f}" in text
    assert f"유니그램 비율 {unigram['the'] / unigram['democracy']:.2f} : 1" in text
    assert f"3/4 제곱 후 {smoothed['the'] / smoothed['democracy']:.2f} : 1" in text
    assert f"{unigram['democracy']:.4f} -> {smoothed['democracy']:.4f}" in text


def test_errata_boxes_are_present(nb):
    boxes = [m for m in markdown_sources(nb) if ERRATA in m]
    assert len(boxes) == 3
    assert all(box.startswith(ERRATA) and "원문 5장은" in box for box in boxes)  # 원문이 무엇을 말하는지부터
    numbers = numbers_in("\n".join(boxes))
    doc = sgns.data.DOC_COUNTS
    smoothed = sgns.noise_distribution(doc, 0.75)
    assert round(doc["the"] ** 0.75, 2) in numbers  # 정정 1: 100,000^0.75 = 5,623.41
    assert round(smoothed["the"] / smoothed["democracy"], 2) in numbers  # 31.62 : 1
    assert "O(V)" in "\n".join(boxes)  # 정정 4: 쌍마다 choice 는 O(V)


# ---------------------------------------------------------------------------
# 5.4 샘플러
# ---------------------------------------------------------------------------


def test_doc_snippet_equals_noise_distribution(text):
    assert re.search(r"최대 차이: [0-9.e+-]+, 같음: True", text)


def test_alias_example_table_and_picture_facts(nb, vocabs):
    _, vocab = vocabs
    header, rows = stored_table(code_cell(nb, "small_words = ["))
    words = [row[0] for row in rows]
    sampler = sgns.NegativeSampler(vocab.counts[[vocab.id(w) for w in words]], power=0.75)
    size = len(words)
    expected = [
        [w, f"{size * sampler.probs[i]:.4f}", f"{sampler.threshold[i]:.4f}", words[sampler.alias[i]]]
        for i, w in enumerate(words)
    ]
    assert rows == expected
    np.testing.assert_allclose(sampler.exact_probabilities(), sampler.probs, atol=1e-12)
    # 글: 1 을 넘던 단어들이 모자라던 막대의 위쪽을 채움
    over = {i for i in range(size) if size * sampler.probs[i] > 1}
    short = [i for i in range(size) if size * sampler.probs[i] < 1]
    assert len(over) == 2 and {int(sampler.alias[i]) for i in short} <= over


def test_samplers_match_the_target_distribution(nb, vocabs, params):
    """느린 원문식 샘플러도, 별칭 샘플러도 목표 분포를 따릅니다 (TVD 가 정확한 샘플러의 기댓값과 같은 크기)."""
    _, vocab = vocabs
    seed, k = params["SEED"], params["K"]
    target = sgns.noise_distribution(vocab.counts, 0.75)
    slow = choice_per_pair(target, params["NUM_PAIRS_SLOW"], k, seed=seed)
    batch = np.random.default_rng(seed).choice(target.size, size=params["NUM_DRAWS"], p=target)
    fast = sgns.NegativeSampler(vocab.counts, power=0.75, seed=seed).sample(params["NUM_DRAWS"])
    expected = []
    for name, samples in [("쌍마다 choice (원문)", slow), ("choice 한 번에", batch), ("별칭 방법", fast)]:
        tvd = total_variation(target, samples)
        noise = expected_tv_noise(target, samples.size)
        expected.append([name, f"{samples.size:,}", f"{tvd:.4f}", f"{noise:.4f}"])
        assert abs(tvd - noise) < 0.02
    assert stored_table(code_cell(nb, "expected_tv_noise(target"))[1] == expected


# ---------------------------------------------------------------------------
# 5.5 지수 비교 실험
# ---------------------------------------------------------------------------


def test_experiment_scores_and_their_intervals_are_consistent(nb, params):
    header, rows = stored_table(code_cell(nb, "spearman_interval(ws.spearman"))
    assert [float(r[0]) for r in rows] == [p for p in (0.0, 0.75, 1.0) for _ in range(params["NUM_TRAIN_SEEDS"])]
    covered = {r[4] for r in rows}
    assert len(covered) == 1 and covered.pop().endswith("/353")  # 모든 모델이 같은 쌍을 평가
    n_pairs = int(rows[0][4].split("/")[0])
    for _, _, rho, interval, _ in rows:
        low, high = (float(x) for x in interval.strip("[]").split(","))
        ci = spearman_interval(float(rho), n_pairs)
        assert ci.low == pytest.approx(low, abs=2e-3) and ci.high == pytest.approx(high, abs=2e-3)
        assert low < float(rho) < high


def _paired_rows(nb):
    header, rows = stored_table(code_cell(nb, "compare_word_pair_scores(scores"))
    parsed = []
    for name, seed, n_pairs, diff, interval, verdict in rows:
        low, high = (float(x) for x in interval.strip("[]").split(","))
        parsed.append((float(name.split("대")[1]), int(seed), int(n_pairs), float(diff), low, high, verdict))
    return parsed


def test_paired_comparison_verdicts_follow_their_intervals(nb):
    rows = _paired_rows(nb)
    assert {row[0] for row in rows} == {0.0, 1.0}
    for p, _, n_pairs, diff, low, high, verdict in rows:
        assert n_pairs >= 4 and low <= diff <= high
        if low <= 0 <= high:
            assert verdict.startswith("구분할 수 없음")
        else:
            assert verdict == ("p=0.75가 높음" if diff > 0 else f"p={p}가 높음")


def test_text_about_the_experiment_matches_the_stored_verdicts(nb, params):
    """글 (5.5 절과 정리): 균등 분포와는 구간이 0 을 포함하지 않고 0.75 가 높음, 유니그램과는 구분되지 않음.
    모델 하나씩의 구간은 겹치는데 쌍체 비교는 갈라냄."""
    rows = {(p, seed): (low, high, diff) for p, seed, _, diff, low, high, _ in _paired_rows(nb)}
    low, high, diff = rows[0.0, params["SEED"]]
    assert low > 0 and diff > 0
    low, high, _ = rows[1.0, params["SEED"]]
    assert low <= 0 <= high
    _, single = stored_table(code_cell(nb, "spearman_interval(ws.spearman"))
    intervals = {float(r[0]): [float(x) for x in r[3].strip("[]").split(",")] for r in single}
    assert intervals[0.0][1] > intervals[0.75][0]  # p=0 과 p=0.75 의 구간이 겹침


# ---------------------------------------------------------------------------
# 5.6 서브샘플링
# ---------------------------------------------------------------------------


def test_subsampling_table_is_current(nb, lee_vocab, params):
    t = params["SAMPLE"]
    header, rows = stored_table(code_cell(nb, "keep_code = sgns.keep_probabilities"))
    counts, total = lee_vocab.counts, lee_vocab.total
    code = sgns.keep_probabilities(counts, t)
    paper_same = sgns.corpus.paper_keep_probabilities(counts, t)
    paper = sgns.corpus.paper_keep_probabilities(counts, 1e-5)
    expected = []
    for row in rows:
        i = lee_vocab.id(row[0])
        f = counts[i] / total
        expected.append(
            [
                row[0],
                f"{counts[i]:,}",
                f"{f:.5f}",
                f"{f / t:.2f}",
                f"{code[i]:.4f}",
                f"{paper_same[i]:.4f}",
                f"{paper[i]:.4f}",
            ]
        )
    assert rows == expected
    # 글: minister 는 f > t 인데도 코드 식으로 언제나 남고, 논문 식 (같은 t) 으로는 아님
    i = lee_vocab.id("minister")
    assert counts[i] / total > t and code[i] == 1.0 and paper_same[i] < 1.0
    i = lee_vocab.id("the")
    assert code[i] < 0.5


def test_always_keep_threshold_is_phi_squared_not_t(text, lee_vocab, params):
    """코드 식 (√(f/t)+1)·t/f 가 1 이 되는 곳: x = √(f/t), x² - x - 1 = 0, f/t = φ² ≈ 2.618."""
    assert f"φ^2 = {PHI_SQUARED:.6f}" in text
    # sgns.keep_probabilities 로 직접: f/t 를 촘촘히 바꿔 가며 1 이 되는 경계를 찾음
    counts = np.arange(1, 20_001, dtype=np.int64)
    t = 1e-5
    ratio = counts / (t * counts.sum())
    keep = sgns.keep_probabilities(counts, t)
    assert np.all(keep[ratio < PHI_SQUARED - 1e-9] == 1.0)
    assert np.all(keep[ratio > PHI_SQUARED + 1e-9] < 1.0)
    assert np.any((ratio > 1.0) & (keep == 1.0))  # f > t 인데 언제나 남는 단어가 있음
    # 노트북의 lee 단어들이 φ² 를 사이에 두고 나뉨
    ratio = lee_vocab.counts / (params["SAMPLE"] * lee_vocab.total)
    always = sgns.keep_probabilities(lee_vocab.counts, params["SAMPLE"]) == 1.0
    kept_max, cut_min = ratio[always].max(), ratio[~always].min()
    assert kept_max < PHI_SQUARED < cut_min
    assert f"f/τ 최댓값 {kept_max:.3f}, 1보다 작은 단어의 f/τ 최솟값 {cut_min:.3f}" in text


def test_threshold_text_states_the_computed_value(nb):
    conclusion = markdown_cell(nb, "언제나 남는 범위는")
    assert round(PHI_SQUARED, 3) in numbers_in(conclusion)


# ---------------------------------------------------------------------------
# 연습문제, 셀 태그, 표, 모범 답안
# ---------------------------------------------------------------------------

EXERCISES = [  # (제목 머리, 함수, 확인 함수, 연습문제 id)
    ("### 연습문제 1:", "build_alias_table", "check_build_alias_table", "nb05-alias-table"),
    ("### 연습문제 2 (선택):", "keep_probabilities", "check_keep_probabilities", "nb05-keep-probabilities"),
]


def test_the_noise_distribution_is_built_inside_the_alias_exercise(nb):
    """잡음 분포만 만드는 연습문제는 없습니다: 별칭 표 연습문제의 첫 단계이고, 그 전의 셀은 sgns 의 것을 씁니다."""
    code = [c.source for c in code_cells(nb)]
    assert not any(s.startswith("def noise_distribution(") for s in code)
    solution = next(s for s in code if s.startswith("def build_alias_table(counts, power):"))
    assert "** power" in solution and ".sum()" in solution
    assert len([m for m in markdown_sources(nb) if m.startswith("### 연습문제")]) == 2


@pytest.mark.parametrize(("heading", "function", "check", "exercise_id"), EXERCISES, ids=[e[1] for e in EXERCISES])
def test_exercise_cells(nb, heading, function, check, exercise_id):
    assert any(m.startswith(heading) for m in markdown_sources(nb))
    assert ("(선택)" in heading) == GRADING[exercise_id].optional
    code = [c.source for c in code_cells(nb)]
    solution = next(i for i, s in enumerate(code) if s.startswith(f"def {function}("))
    assert "### BEGIN SOLUTION" in code[solution] and "### END SOLUTION" in code[solution]
    assert code[solution + 1].strip() == f"sgns.checks.{check}({function})"
    assert check_statuses(nb)[function] == "pass"
    # 뒤의 셀은 학생의 함수가 아니라 sgns 의 기준 구현을 씁니다
    bare = re.compile(rf"(?<![.\w]){function}\(")
    assert not any(bare.search(s) for s in code[solution + 2 :])


def test_only_timing_cells_ignore_output_and_by_tag(nb):
    ignored = [c.source for c in code_cells(nb) if "nbval-ignore-output" in c.metadata.get("tags", [])]
    assert len(ignored) == 2
    assert all("perf_counter" in s or "time_per_call" in s for s in ignored)
    assert not any("NBVAL" in c.source for c in code_cells(nb))


def test_tables_are_rendered_not_padded_text(nb):
    """표는 JupyterLab 이 렌더링하는 Markdown 으로 (텍스트 표현도 함께) 저장되고, 공백으로 맞춘 표는 없습니다."""
    tables = [c for c in code_cells(nb) if "show_table(" in c.source]
    assert len(tables) == 11
    assert all({"text/markdown", "text/plain"} <= display_mime_types(c) for c in tables)
    padded = re.compile(r"\{[^{}]*:[^{}]*[<>^]\d+[^{}]*\}")  # f"{word:<10}" 처럼 폭을 맞추는 형식
    assert not any(padded.search(c.source) for c in code_cells(nb))


def test_each_question_has_a_model_answer_right_after(nb):
    cells = nb.cells
    start = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.source.startswith("## 생각해 볼"))
    questions = re.findall(r"^\d+\. ", cells[start].source, flags=re.M)
    answers = []
    for cell in cells[start + 1 :]:
        if "answer-key" not in cell.metadata.get("tags", []):
            break
        answers.append(cell)
    assert len(questions) == len(answers) == 3
    assert all(c.cell_type == "markdown" for c in answers)
    tagged = [c for c in cells if "answer-key" in c.metadata.get("tags", [])]
    assert len(tagged) == len(answers)  # 모범 답안은 그 자리에만


def test_chapter_quiz_is_checked_at_the_end(nb):
    """장 끝의 개념 확인: 정리 뒤, 생각해 볼 문제 앞. 수 문항의 정답은 sgns 로 계산하고 손 계산과 같습니다."""
    from sgns.checks.exercises import nb05_quiz

    cells = nb.cells
    heading = find_cell_index(cells, "## 개념 확인")
    assert find_cell_index(cells, "## 정리") < heading < find_cell_index(cells, "## 생각해 볼 문제")
    assert cells[heading + 1].source.startswith("def chapter5_quiz():")
    assert cells[heading + 2].source.strip() == "sgns.checks.check_chapter5_quiz(chapter5_quiz)"
    assert check_statuses(nb)["chapter5_quiz"] == "pass"
    questions = nb05_quiz.QUESTIONS
    assert abs(questions["확률의 비"].value - 100**0.75) < 1e-9  # (100,000 / 1,000)^{3/4}, 원문의 177.83 이 아님
    assert all(f"**{name}**" in cells[heading].source for name in questions)
