"""3장 노트북의 주장: 저장된 출력의 핵심 숫자가 지금 sgns 가 계산하는 값과 같은지 확인합니다.

학습은 4절의 한 번(약 1초)과 5절 작은 말뭉치의 k=1 한 번만 다시 합니다. 5절의 나머지 숫자는
같은 설정의 결과끼리 맞는지(큰 말뭉치 k = NEGATIVE 행 = 4절의 결과)로 확인합니다.
"""

import re

import numpy as np
import pytest
from notebook_outputs import (
    cell_output_text,
    code_cells,
    find_cell_index,
    markdown_sources,
    markdown_text,
    notebook_fixtures,
)

import sgns
from sgns.data import DOC_CENTER_WORD, DOC_NEGATIVE_WORDS, synthetic_corpus
from sgns.diagnostics import (
    ProbabilityMonitor,
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


def test_parameters(params):
    assert params["SEED"] == 0
    assert params["K_VALUES"] == [1, 2, 5, 10, 20]
    assert params["NEGATIVE"] in params["K_VALUES"]
    assert params["SMALL_NUM_SENTENCES"] < params["NUM_SENTENCES"]


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


def test_monitor_curves_match_sgns(output, run, params):
    _, _, pairs, monitor, model = run
    assert monitor.epochs == list(range(1, params["EPOCHS"] + 1))
    line = (
        f"에폭 {params['EPOCHS']} 뒤 평균 σ(u·v): 긍정 쌍 {monitor.true_mean[-1]:.3f}, "
        f"부정 쌍 {monitor.noise_mean[-1]:.3f}"
    )
    assert line in output
    # 노트북의 주장: 부정 쌍은 내려가고, 긍정 쌍은 부정 쌍보다 높지만 1 근처까지는 가지 않음
    assert monitor.noise_mean[-1] < 0.2 < monitor.true_mean[-1] < 0.8
    assert monitor.true_mean[0] < 0.5  # 첫 에폭에 함께 내려감 (k 배 많은 부정 쌍)
    assert monitor.true_mean[-1] > monitor.true_mean[0]
    sep = separation(model, pairs)
    assert f"중앙값: 긍정 쌍 {sep.true_median:.3f}, 부정 쌍 {sep.noise_median:.3f}" in output
    assert f"인 비율: {sep.ranking:.3f}" in output
    assert sep.noise_median < 0.05 and sep.ranking > 0.75


def test_dog_pairs(output, run):
    model = run[4]
    for words in (["eats", "farm", "barn", "the"], ["tokyo", "coins", "paint", "breakfast"]):
        for w, p in zip(words, pair_probabilities(model, ["dog"] * len(words), words), strict=True):
            assert f"σ(u_{w}·v_dog) = {p:.3f}" in output


def test_k_sweep(output, run, params):
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
    # k 가 크면 감시 쌍의 평균 확률이 모두 내려감
    sigma_line = next(line for line in output.splitlines() if "k=1:" in line and " / " in line)
    means = [(float(a), float(b)) for a, b in re.findall(r"k=\d+: ([0-9.]+) / ([0-9.]+)", sigma_line)]
    assert [m[0] for m in means] == sorted((m[0] for m in means), reverse=True)
    assert [m[1] for m in means] == sorted((m[1] for m in means), reverse=True)


def test_errata_box_and_exercise(nb):
    md = markdown_text(nb)
    box = next(s for s in markdown_sources(nb) if "⚠️ 원문 바로잡기" in s)
    assert "Mikolov" in box and "2~5" in box and "5~20" in box and "뉘앙스" in box
    assert "### 연습문제 1" in md
    code = code_cells(nb)
    i = find_cell_index(code, "### BEGIN SOLUTION")
    assert code[i].source.startswith("def sigmoid(x):") and "### END SOLUTION" in code[i].source
    assert code[i + 1].source.strip() == "check_sigmoid(sigmoid)"
    assert "✅ 통과" in cell_output_text(code[i + 1])
    # 뒤의 셀은 학생의 sigmoid 를 부르지 않음 (학생판에서는 NotImplementedError)
    bare = re.compile(r"(?<![\w.])sigmoid\(")
    assert not any(bare.search(c.source) for c in code[i + 2 :])


def test_timing_cell_is_ignored_and_alone(nb):
    code = code_cells(nb)
    timing = [c for c in code if "r.seconds" in c.source]
    assert len(timing) == 1 and timing[0].source.startswith("# NBVAL_IGNORE_OUTPUT")
    ignored = [c for c in code if c.source.startswith("# NBVAL_IGNORE_OUTPUT")]
    assert ignored == timing
