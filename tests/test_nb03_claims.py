"""3장 노트북의 주장: 저장된 출력의 핵심 숫자가 지금 sgns 가 계산하는 값과 같은지 확인합니다.

학습은 4절의 한 번(약 1초)과 5절 작은 말뭉치의 k=1 한 번만 다시 합니다. 5절의 나머지 숫자는
같은 설정의 결과끼리 맞는지(큰 말뭉치 k = NEGATIVE 행 = 4절의 결과)로 확인합니다.
"""

import re

import numpy as np
import pytest
from notebook_outputs import (
    check_statuses,
    code_cells,
    find_cell_index,
    markdown_sources,
    markdown_text,
    notebook_fixtures,
)

import sgns
from sgns.data import DOC_CENTER_WORD, DOC_NEGATIVE_WORDS, synthetic_corpus
from sgns.lessons.monitor import (
    ProbabilityMonitor,
    cooccurrence_counts,
    draw_monitor_pairs,
    pair_probabilities,
    separation,
    sigmoid_symmetry_gap,
    sweep_negative,
)

nb, params, output = notebook_fixtures("03_how_it_works.ipynb")


@pytest.fixture(scope="module")
def run(params):
    """4절의 학습을 노트북과 같은 매개변수로 다시 합니다."""
    p = params
    corpus = synthetic_corpus(num_sentences=p["NUM_SENTENCES"], seed=p["SEED"])
    vocab = sgns.build_vocab(corpus.sentences, min_count=p["MIN_COUNT"])
    pairs = draw_monitor_pairs(corpus.sentences, vocab, n_pairs=p["N_MONITOR"], window=p["WINDOW"], seed=p["SEED"])
    monitor = ProbabilityMonitor(pairs)
    model = sgns.train(
        corpus.sentences,
        vector_size=p["VECTOR_SIZE"],
        window=p["WINDOW"],
        negative=p["NEGATIVE"],
        min_count=p["MIN_COUNT"],
        epochs=p["EPOCHS"],
        seed=p["SEED"],
        callbacks=[monitor],
    )
    return corpus, vocab, pairs, monitor, model


def test_parameters(nb, params, run, output):
    assert params["SEED"] == 0
    assert params["K_VALUES"] == [1, 2, 5, 10, 20]
    assert params["NEGATIVE"] in params["K_VALUES"]
    assert params["SMALL_NUM_SENTENCES"] < params["NUM_SENTENCES"]
    # 매개변수 셀 주석의 토큰 수 (만 단위, 소수 한 자리) 가 실제 말뭉치와 맞음
    corpus = run[0]
    assert f"토큰 {corpus.num_tokens:,}개" in output
    source = next(c.source for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert f"약 {corpus.num_tokens / 1e4:.1f}만 토큰" in source


def test_section_headings_and_cross_references(nb):
    md = markdown_text(nb)
    headings = re.findall(r"^## (\d+\.\d+) ", md, flags=re.MULTILINE)
    assert headings == ["3.1", "3.2", "3.3", "3.4", "3.5"]
    assert not re.search(r"^## \d+\. ", md, flags=re.MULTILINE)
    # 절 참조는 "3.N절" 로만 (옛 번호 "4절" 같은 것이 남지 않음)
    text = md + "\n".join(c.source for c in code_cells(nb))
    assert not re.search(r"(?<![\d.])\d절", text)
    assert "3.3절" in md and "3.5절" in md


def test_doc_example_pairs(output):
    assert f"('{DOC_CENTER_WORD}', 'banking')" in output
    for word in DOC_NEGATIVE_WORDS:
        assert f"('{DOC_CENTER_WORD}', '{word}')" in output


def test_sigmoid_facts(output):
    assert f"σ(0) = {sgns.sigmoid(0.0):.4f}" in output and "σ(0) = 0.5000" in output
    gap = sigmoid_symmetry_gap(np.linspace(-20, 20, 4001))
    assert f"max |σ(-x) - (1 - σ(x))| = {gap:.1e}" in output
    assert gap < 1e-15
    # 교과서 식은 넘침 경고, sgns.sigmoid 는 경고 없이 유한
    assert "overflow encountered in exp" in output
    assert "경고: 없음 | 모두 유한: True" in output
    for s in (-4.0, 4.0):
        assert f"σ(u·v) = {sgns.sigmoid(s):.4f},  가짜일 확률 σ(-u·v) = {sgns.sigmoid(-s):.4f}" in output


def test_monitor_curves_match_sgns(nb, output, run, params):
    _, _, pairs, monitor, model = run
    assert monitor.epochs == list(range(1, params["EPOCHS"] + 1))
    line = (
        f"에폭 {params['EPOCHS']} 뒤 평균 σ(u·v): 긍정 쌍 {monitor.true_mean[-1]:.3f}, "
        f"부정 쌍 {monitor.noise_mean[-1]:.3f}"
    )
    assert line in output
    # 노트북의 주장: 부정 쌍은 내려가고, 긍정 쌍은 부정 쌍보다 높지만 1 근처까지는 가지 않음
    assert monitor.noise_mean[-1] < 0.2 < monitor.true_mean[-1] < 0.8
    assert monitor.true_mean[-1] > monitor.true_mean[0]
    # 노트북의 주장: 첫 에폭 뒤에는 둘 다 0.5 에서 크게 떨어지고, 긍정 쌍이 부정 쌍보다 오히려 조금 낮음;
    # 에폭 2 부터 긍정 쌍이 다시 올라가 갈라짐
    t1, n1, t2, n2 = monitor.true_mean[0], monitor.noise_mean[0], monitor.true_mean[1], monitor.noise_mean[1]
    assert f"에폭 1 뒤 평균 σ(u·v): 긍정 쌍 {t1:.3f}, 부정 쌍 {n1:.3f}   (긍정 쌍 < 부정 쌍)" in output
    assert f"에폭 2 뒤 평균 σ(u·v): 긍정 쌍 {t2:.3f}, 부정 쌍 {n2:.3f}   (긍정 쌍 > 부정 쌍)" in output
    assert t1 < n1 < 0.3 and t2 > t1 and n2 < n1
    sep = separation(model, pairs)
    assert f"중앙값: 긍정 쌍 {sep.true_median:.3f}, 부정 쌍 {sep.noise_median:.3f}" in output
    assert f"인 비율: {sep.ranking:.3f}" in output
    assert sep.noise_median < 0.05 and sep.ranking > 0.75


def test_dog_pairs(output, run, params):
    corpus, vocab, _, _, model = run
    positives, negatives = ["eats", "farm", "barn", "the"], ["tokyo", "coins", "paint", "breakfast"]
    # 노트북의 주장: 긍정 후보는 실제로 'dog' 의 윈도우 안에 나오고 ("the" 가 가장 자주), 부정 후보는 한 번도 안 나옴
    pos = cooccurrence_counts(corpus.sentences, vocab, "dog", positives, window=params["WINDOW"])
    neg = cooccurrence_counts(corpus.sentences, vocab, "dog", negatives, window=params["WINDOW"])
    assert pos.min() > 0 and neg.max() == 0 and pos.argmax() == positives.index("the")
    assert "긍정 쌍 후보: " + ",  ".join(f"{w} {n}번" for w, n in zip(positives, pos, strict=True)) in output
    assert "부정 쌍 후보: " + ",  ".join(f"{w} {n}번" for w, n in zip(negatives, neg, strict=True)) in output
    for words in (["eats", "farm", "barn", "the"], ["tokyo", "coins", "paint", "breakfast"]):
        for w, p in zip(words, pair_probabilities(model, ["dog"] * len(words), words), strict=True):
            assert f"σ(u_{w}·v_dog) = {p:.3f}" in output


def test_k_sweep(nb, output, run, params):
    """큰 말뭉치의 k = NEGATIVE 행은 4절과 같은 학습이므로 같은 숫자여야 합니다. 작은 말뭉치 k=1 은 다시 잽니다."""
    _, _, _, monitor, _ = run
    k = params["NEGATIVE"]
    assert f"k={k}: {monitor.true_mean[-1]:.3f} / {monitor.noise_mean[-1]:.3f}" in output
    small = synthetic_corpus(num_sentences=params["SMALL_NUM_SENTENCES"], seed=params["SEED"])
    train_params = dict(
        vector_size=params["VECTOR_SIZE"],
        window=params["WINDOW"],
        min_count=params["MIN_COUNT"],
        epochs=params["EPOCHS"],
        seed=params["SEED"],
    )
    (result,) = sweep_negative(small.sentences, small.groups, [1], **train_params)
    assert f"작은 말뭉치 ({params['SMALL_NUM_SENTENCES']:,}문장):  k=1: {result.accuracy:.3f}" in output
    # 출력 줄에서 숫자를 읽어 주장(작은 말뭉치: k 를 키우면 대체로 오름; 큰 말뭉치: k=1 부터 거의 최대)을 확인
    small_line = next(line for line in output.splitlines() if line.strip().startswith("작은 말뭉치 (1,"))
    large_line = next(line for line in output.splitlines() if line.strip().startswith("큰 말뭉치 (4,"))
    small_acc = [float(x) for x in re.findall(r"k=\d+: ([0-9.]+)", small_line)]
    large_acc = [float(x) for x in re.findall(r"k=\d+: ([0-9.]+)", large_line)]
    assert len(small_acc) == len(large_acc) == len(params["K_VALUES"])
    assert max(small_acc[2:]) > small_acc[0] + 0.1
    assert min(large_acc) > 0.95
    # 노트북의 주장: 작은 말뭉치는 k = 5 까지 크게 오르고, 그 뒤로는 거의 그대로 (k = 20 에서는 조금 내려감)
    steps_line = next(line for line in output.splitlines() if "k=1→2:" in line)
    steps = [(int(a), int(b), float(d)) for a, b, d in re.findall(r"k=(\d+)→(\d+): ([+-][0-9.]+)", steps_line)]
    ks = params["K_VALUES"]
    assert [(a, b) for a, b, _ in steps] == list(zip(ks[:-1], ks[1:], strict=True))
    for (_, _, d), before, after in zip(steps, small_acc[:-1], small_acc[1:], strict=True):
        assert abs(d - (after - before)) <= 0.0015  # 출력된 변화 = 출력된 정확도의 차 (반올림 오차 안)
    early = [d for a, _, d in steps if a < 5]
    late = [d for a, _, d in steps if a >= 5]
    assert min(early) > 0.05 and max(abs(d) for d in late) < min(early) / 3
    assert late[-1] < 0
    assert params["SEED"] == 0  # 글의 해석은 기본 시드의 결과
    # k 가 크면 감시 쌍의 평균 확률이 모두 내려감
    sigma_line = next(line for line in output.splitlines() if "k=1:" in line and " / " in line)
    means = [(float(a), float(b)) for a, b in re.findall(r"k=\d+: ([0-9.]+) / ([0-9.]+)", sigma_line)]
    assert [m[0] for m in means] == sorted((m[0] for m in means), reverse=True)
    assert [m[1] for m in means] == sorted((m[1] for m in means), reverse=True)


def test_errata_box_and_exercise(nb):
    md = markdown_text(nb)
    box = next(s for s in markdown_sources(nb) if "⚠️ 원문 바로잡기" in s)
    assert "Mikolov" in box  # 출처를 밝힘 (논문이 말하는 범위 5–20, 2–5 는 위 k 실험의 숫자와 함께 읽음)
    assert "### 연습문제 1" in md
    code = code_cells(nb)
    i = find_cell_index(code, "### BEGIN SOLUTION")
    assert code[i].source.startswith("def sigmoid(x):") and "### END SOLUTION" in code[i].source
    assert code[i + 1].source.strip() == "sgns.checks.check_sigmoid(sigmoid)"
    assert check_statuses(nb)["sigmoid"] == "pass"
    # 뒤의 셀은 학생의 sigmoid 를 부르지 않음 (학생판에서는 NotImplementedError)
    bare = re.compile(r"(?<![\w.])sigmoid\(")
    assert not any(bare.search(c.source) for c in code[i + 2 :])


def test_timing_cell_is_ignored_and_alone(nb):
    code = code_cells(nb)
    timing = [c for c in code if "r.seconds" in c.source]
    assert len(timing) == 1 and timing[0].source.startswith("# NBVAL_IGNORE_OUTPUT")
    ignored = [c for c in code if c.source.startswith("# NBVAL_IGNORE_OUTPUT")]
    assert ignored == timing
