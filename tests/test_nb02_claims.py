"""02_naive_softmax.ipynb 의 저장된 출력이 주장하는 숫자가 지금의 sgns 계산과 같은지 확인합니다."""

import re

import numpy as np
from notebook_outputs import check_statuses, code_cells, markdown_text, notebook_fixtures

import sgns
from sgns.lessons.update_cost import (
    context_predictions,
    count_rows_touched,
    dot_products_per_update,
    korean_number,
    softmax_corpus_operations,
)

nb, params, out = notebook_fixtures("02_naive_softmax.ipynb", output_name="out")


def test_parameters_cell_has_the_defaults(params):
    assert params["SEED"] == 0 and params["DIM"] == 100 and params["K"] == 5
    assert params["VOCAB_SIZES"] == [1_000, 10_000, 50_000] and params["REPEAT"] == 5


def test_document_arithmetic_forty_billion_and_two_hundred_trillion(nb, params, out):
    k = params["K"]
    predictions = context_predictions(10**9, 2)
    ops = softmax_corpus_operations(10**9, 2, 50_000)
    neg = predictions * dot_products_per_update(50_000, negative=k)
    assert korean_number(predictions) == "40억" and korean_number(ops) == "200조"
    assert f"{predictions:,} = 40억 번" in out
    assert f"{ops:,} = 200조 번" in out
    assert f"{neg:,} = {korean_number(neg)} 번" in out
    # 원문의 산수를 확인하는 글이 계산한 값과 같은 수를 말합니다
    assert any(c.cell_type == "markdown" and korean_number(ops) in c.source for c in nb.cells)


def test_small_vocabulary_probabilities_match_sgns(params, out):
    seed = params["SEED"]
    rng = np.random.default_rng(seed)
    v_c = rng.normal(size=3)
    U = rng.normal(size=(6, 3))
    probs = sgns.softmax_probabilities(v_c, U)
    for p in probs:
        assert f"P = {p:.4f}" in out
    assert "최대 절대 차이: 0.000000000000" in out


def test_stability_demo_shows_nan_and_stable_half(out):
    assert "[inf inf]" in out and "[nan nan]" in out
    assert f"sgns.softmax(x) = {sgns.softmax(np.array([1000.0, 1000.0]))}" in out


def test_rows_touched_softmax_all_v_negative_sampling_k_plus_one(params, out):
    V, d, k = params["V_GRAD"], params["DIM"], params["K"]
    rng = np.random.default_rng(params["SEED"])
    U = rng.normal(scale=0.1, size=(V, d))
    v_c = rng.normal(scale=0.1, size=d)
    picked = rng.choice(V, size=k + 1, replace=False)
    _, _, g_soft = sgns.naive_softmax_loss_and_gradient(v_c, int(picked[0]), U)
    _, _, g_neg = sgns.neg_sampling_loss_and_gradient(v_c, int(picked[0]), U, picked[1:])
    rows_soft, rows_neg = count_rows_touched(g_soft), count_rows_touched(g_neg)
    assert (rows_soft, rows_neg) == (V, k + 1)
    assert f"{rows_soft:,} / {V:,} 행 (밀도 {rows_soft / V:.4f})" in out
    assert f"{rows_neg:,} / {V:,} 행 (밀도 {rows_neg / V:.4f})" in out


def test_row_counts_per_vocab_size_equal_the_dot_product_count(params, out):
    for V in params["VOCAB_SIZES"]:
        soft, neg = dot_products_per_update(V), dot_products_per_update(V, negative=params["K"])
        line = re.compile(
            rf"V = +{V:,}: 건드린 행 naive softmax +{soft:,} \(셈: +{soft:,}\),  네거티브 샘플링 {neg} \(셈: {neg}\)"
        )
        assert line.search(out), f"V = {V:,} 의 행 수 줄이 없습니다"


def test_timing_cells_are_ignored_and_row_counts_are_not(nb):
    code = code_cells(nb)
    timing = [c for c in code if "compare_update_costs(" in c.source]
    assert len(timing) == 1 and timing[0].source.startswith("# NBVAL_IGNORE_OUTPUT")
    rows = [c for c in code if "softmax_rows_touched" in c.source and "print" in c.source]
    assert any(not c.source.startswith("# NBVAL_IGNORE_OUTPUT") for c in rows)
    for c in code:
        if "speedup" in c.source or "time_per_call(" in c.source or "summary[" in c.source:
            assert c.source.startswith("# NBVAL_IGNORE_OUTPUT")


def test_claims_about_measured_times_are_backed_by_printed_summaries(nb):
    # 시간 측정은 흔들리므로 글의 주장 (V 에 대략 비례, 네거티브 샘플링은 거의 일정) 은 요약 수치로 보여 줍니다
    printed = "\n".join(c.source for c in code_cells(nb))
    assert "summarize_update_costs(costs)" in printed
    for key in ("below_ideal", "neg_min_s", "neg_max_s", "softmax_slope"):
        assert f"summary.{key}" in printed


def test_timing_summary_lines_are_printed(out):
    assert re.search(r"측정한 속도 비가 이상적인 V/\(k\+1\)보다 작은 V: \d+ / 3개", out)
    assert re.search(r"네거티브 샘플링 시간: [\d.]+ ~ [\d.]+ µs \(V가 50배 커지는 동안\)", out)
    assert re.search(r"naive softmax 시간의 로그-로그 기울기: -?[\d.]+ \(1이면 V에 비례\)", out)


def test_plot_colours_naive_softmax_red_negative_sampling_blue(nb):
    plots = [c.source for c in code_cells(nb) if "plt.show()" in c.source]
    timing = next(s for s in plots if "softmax_s" in s)
    assert timing.count('color="tab:red", label="naive softmax"') == 2
    assert timing.count('color="tab:blue", label=f"네거티브 샘플링') == 2
    assert timing.count("로그 눈금") == 4  # 두 그림의 네 축이 모두 로그 눈금
    rows = next(s for s in plots if "row_grid(" in s)
    assert '"naive softmax", "Reds"' in rows and '"Blues")' in rows
    assert all("tab:orange" not in s for s in plots)


def test_section_headings_are_numbered(nb):
    headings = [c.source.split("\n", 1)[0] for c in nb.cells if c.cell_type == "markdown"]
    fixed = ("## 학습 목표", "## 정리", "## 생각해 볼 문제")
    sections = [h for h in headings if h.startswith("## ") and h not in fixed]
    assert sections and all(re.match(rf"## 2\.{i} \S", h) for i, h in enumerate(sections, start=1)), sections


def test_exercises_have_solution_markers_and_passing_checks(nb):
    md = markdown_text(nb)
    assert "### 연습문제 1:" in md and "### 연습문제 2:" in md
    code = code_cells(nb)
    for name, check in [
        ("softmax", "sgns.checks.check_softmax(softmax)"),
        (
            "naive_softmax_loss_and_gradient",
            "sgns.checks.check_naive_softmax_loss_and_gradient(naive_softmax_loss_and_gradient)",
        ),
    ]:
        i = next(i for i, c in enumerate(code) if c.source.startswith(f"def {name}("))
        assert "    ### BEGIN SOLUTION" in code[i].source and "    ### END SOLUTION" in code[i].source
        assert code[i + 1].source.strip() == check
        assert check_statuses(nb)[name] == "pass"


def test_later_cells_use_reference_not_student_functions(nb):
    code = [c.source for c in code_cells(nb)]
    later = code[next(i for i, s in enumerate(code) if s.startswith("def softmax(")) + 2 :]
    for src in later:
        if src.startswith("def ") or src.startswith("sgns.checks."):
            continue
        assert not re.search(r"(?<![.\w])softmax\(", src), src[:60]
        assert not re.search(r"(?<![.\w])naive_softmax_loss_and_gradient\(", src), src[:60]
