"""02_naive_softmax.ipynb: 저장된 출력이 주장하는 숫자가 지금의 sgns 계산과 같은지, 그리고 유도 연습의 구조.

숫자는 sgns (와 여기서 독립적으로 한 계산: 수치 미분, 수치 최소화) 로 다시 계산해 저장된 출력에서 찾습니다.
시간 측정값은 기계마다 다르므로 값이 아니라 셀의 태그와 출력의 모양만 봅니다.
"""

import ast
import re
from pathlib import Path

import nbformat
import numpy as np
from notebook_outputs import (
    cell_output_text,
    check_statuses,
    code_cells,
    find_cell_index,
    markdown_text,
    notebook_fixtures,
    numbers_in,
)

import sgns
from sgns.lessons.update_cost import (
    context_predictions,
    count_rows_touched,
    dot_products_per_update,
    hierarchical_softmax_dot_products,
    huffman_code_lengths,
    korean_number,
    softmax_corpus_operations,
)

nb, params, out = notebook_fixtures("02_naive_softmax.ipynb", output_name="out")

STUDENT = Path(__file__).resolve().parent.parent / "student" / "02_naive_softmax.ipynb"
EXERCISES = [  # (번호, 함수, 확인 셀)
    (1, "softmax", "sgns.checks.check_softmax(softmax)"),
    (2, "softmax_score_gradient", "sgns.checks.check_softmax_score_gradient(softmax_score_gradient)"),
    (
        3,
        "naive_softmax_loss_and_gradient",
        "sgns.checks.check_naive_softmax_loss_and_gradient(naive_softmax_loss_and_gradient)",
    ),
]
# 유도의 답: 학생판에서 그 연습문제의 확인 셀보다 앞에 보이면 안 되는 식들
SCORE_GRADIENT_ANSWERS = [r"\hat y - y", "ŷ - y", "ŷ−y"]
CHAIN_RULE_ANSWERS = [r"U^\top(\hat y - y)", r"(\hat y - y)\,v_c^\top", "Uᵀ(ŷ - y)", "(ŷ - y) v_cᵀ"]


def _small_example(params):
    rng = np.random.default_rng(params["SEED"])
    v_c = rng.normal(size=3)
    U = rng.normal(size=(6, 3))
    return v_c, U


def _cell_output(nb, marker: str) -> str:
    return cell_output_text(nb.cells[find_cell_index(nb.cells, marker)])


def _tagged(nb, tag: str) -> list:
    return [c for c in nb.cells if tag in c.metadata.get("tags", [])]


def _check_cell_index(cells, check: str) -> int:
    return next(i for i, c in enumerate(cells) if c.cell_type == "code" and c.source.strip() == check)


def test_parameters_cell_has_the_defaults(params):
    # DIM 만 [본문] (2.5절의 "쌍 하나에 40 MB"); 나머지는 [자유]라 아래 테스트가 그 값으로 다시 계산합니다
    assert params["DIM"] == 100


# ---- 2.1 - 2.3: 확률, 안정성, 원문의 산수 ---------------------------------------------------------


def test_small_vocabulary_probabilities_match_sgns(params, out):
    v_c, U = _small_example(params)
    probs = sgns.softmax_probabilities(v_c, U)
    for p in probs:
        assert f"P = {p:.4f}" in out
    exps = np.exp(U @ v_c)
    gap = np.max(np.abs(probs - exps / exps.sum()))
    assert f"sgns.softmax_probabilities와의 최대 절대 차이: {gap:.1e}" in out and gap < 1e-15


def test_stability_demo_shows_nan_and_stable_half(out):
    assert "[inf inf]" in out and "[nan nan]" in out
    assert f"sgns.softmax(x) = {sgns.softmax(np.array([1000.0, 1000.0]))}" in out


def test_overflow_thresholds_are_computed_for_float64_and_the_trainers_float32(out):
    """바로잡은 글: '점수가 조금만 커도' 가 아니라 float64 에서 약 709.78, 학습기가 저장하는 float32 에서 약 88.72."""
    from sgns.trainer import init_weights

    for dtype, threshold in ((np.float64, 709.78), (np.float32, 88.72)):
        largest = np.finfo(dtype).max
        assert round(float(np.log(largest)), 2) == threshold
        assert f"{dtype.__name__}의 최댓값 ≈ {largest:.3e}: exp(s)는 s > {np.log(largest):.2f}에서 넘칩니다" in out
        with np.errstate(over="ignore"):
            assert np.isinf(np.exp(dtype(threshold + 0.01))) and np.isfinite(np.exp(dtype(threshold - 0.01)))
    assert init_weights(3, 2, np.random.default_rng(0)).dtype == np.float32  # 학습기가 저장하는 형식


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
    box = next(c.source for c in nb.cells if c.cell_type == "markdown" and "✅ 원문 확인" in c.source)
    assert korean_number(ops) in box and korean_number(predictions) in box and 50_000 in numbers_in(box)


# ---- 2.4: 유도한 기울기가 맞다 (수치 미분) --------------------------------------------------------


def test_score_gradient_is_y_hat_minus_y_by_central_differences(params, out):
    v_c, U = _small_example(params)
    scores = U @ v_c
    o = 0  # banking

    def loss(s):
        return float(np.log(np.sum(np.exp(s))) - s[o])

    h = 1e-5
    numeric = np.array([(loss(scores + h * e) - loss(scores - h * e)) / (2 * h) for e in np.eye(6)])
    y_hat_minus_y = sgns.softmax(scores) - np.eye(6)[o]
    assert np.allclose(numeric, y_hat_minus_y, atol=1e-8)
    assert f"∂J/∂s = ŷ - y = {np.round(y_hat_minus_y, 4)}" in out
    assert "수치 미분과의 최대 상대 오차가 1e-7보다 작은가: True" in out


def test_vector_gradients_pass_the_gradient_check(params, out):
    v_c, U = _small_example(params)
    errors = sgns.check_loss_gradients(sgns.naive_softmax_loss_and_gradient, v_c, 0, U)
    assert errors.center_vec < 1e-7 and errors.outside_vectors < 1e-7
    assert "∂J/∂v_c: 수치 미분과의 최대 상대 오차가 1e-7보다 작은가: True" in out
    assert "∂J/∂U  : 수치 미분과의 최대 상대 오차가 1e-7보다 작은가: True" in out
    # 유도한 식 그대로: ∂J/∂v_c = Uᵀ(ŷ - y), ∂J/∂U = (ŷ - y) v_cᵀ
    _, grad_c, grad_U = sgns.naive_softmax_loss_and_gradient(v_c, 0, U)
    delta = sgns.softmax(U @ v_c) - np.eye(6)[0]
    assert np.allclose(grad_c, U.T @ delta) and np.allclose(grad_U, np.outer(delta, v_c))


# ---- 2.5: 건드리는 행 ---------------------------------------------------------------------------


def _rows_example(params):
    V, d, k = params["V_GRAD"], params["DIM"], params["K"]
    rng = np.random.default_rng(params["SEED"])
    U = rng.normal(scale=0.1, size=(V, d))
    v_c = rng.normal(scale=0.1, size=d)
    picked = rng.choice(V, size=k + 1, replace=False)
    return U, v_c, int(picked[0]), picked[1:]


def test_rows_touched_softmax_all_v_negative_sampling_k_plus_one(params, out):
    V, k = params["V_GRAD"], params["K"]
    U, v_c, o, negatives = _rows_example(params)
    _, _, g_soft = sgns.naive_softmax_loss_and_gradient(v_c, o, U)
    _, _, g_neg = sgns.neg_sampling_loss_and_gradient(v_c, o, U, negatives)
    rows_soft, rows_neg = count_rows_touched(g_soft), count_rows_touched(g_neg)
    assert (rows_soft, rows_neg) == (V, k + 1)
    assert f"{rows_soft:,} / {V:,} 행 (밀도 {rows_soft / V:.4f})" in out
    assert f"{rows_neg:,} / {V:,} 행 (밀도 {rows_neg / V:.4f})" in out
    norms = np.linalg.norm(g_soft, axis=1)
    others = np.delete(norms, o)
    assert f"정답 행 o의 기울기 크기 {norms[o]:.4f}" in out
    assert f"최소 {others.min():.1e}, 최대 {others.max():.1e}" in out


def test_small_rows_carry_most_of_the_probability_mass(params):
    # 모범 답안 1: P(w|c) ≈ 1/V 인 작은 행들을 모두 더하면 확률 질량의 대부분
    U, v_c, _, _ = _rows_example(params)
    probs = np.sort(sgns.softmax_probabilities(v_c, U))[::-1]
    top = max(1, probs.size // 100)  # 상위 1% 행
    assert probs[top:].sum() > 0.9
    assert np.mean(np.abs(probs * probs.size - 1) < 0.5) > 0.99  # 거의 모든 행이 1/V 의 0.5 배에서 1.5 배 사이


def test_gradient_matrix_size_is_computed(nb, params, out):
    d, k = params["DIM"], params["K"]
    numbers = 50_000 * d
    assert f"∂J/∂U = 수 {numbers:,}개 = {numbers * 8 / 1e6:.0f} MB (float64)" in out
    assert f"0이 아닌 행 {k + 1}개 = 수 {(k + 1) * d:,}개" in out
    answer = next(c.source for c in _tagged(nb, "answer-key") if "MB" in c.source)
    assert numbers * 8 / 1e6 in numbers_in(answer)  # 모범 답안이 말하는 크기는 계산한 값


# ---- 2.6: 시간 ----------------------------------------------------------------------------------


def test_timing_cells_are_tagged_and_no_cell_has_an_nbval_comment(nb):
    code = code_cells(nb)
    assert not any("NBVAL" in c.source for c in code)
    timing = [c for c in code if "compare_update_costs(" in c.source]
    assert len(timing) == 1 and "nbval-ignore-output" in timing[0].metadata.get("tags", [])
    for c in code:  # 잰 시간을 글자로 출력하는 셀은 모두 비교에서 뺌
        prints_time = "print(" in c.source and re.search(r"\.(softmax_s|neg_s|speedup)\b|summary\.", c.source)
        if prints_time:
            assert "nbval-ignore-output" in c.metadata.get("tags", []), c.source[:60]
    untagged = [c for c in code if "nbval-ignore-output" not in c.metadata.get("tags", [])]
    assert len(untagged) >= len(code) - 1  # 태그는 시간을 재는 셀 하나에만


def test_timing_output_has_one_line_per_vocabulary_size_and_a_summary(params, out):
    for V in params["VOCAB_SIZES"]:
        ideal = dot_products_per_update(V) / dot_products_per_update(V, negative=params["K"])
        assert re.search(rf"V = +{V:,}: naive softmax +[\d.]+ µs, 네거티브 샘플링 +[\d.]+ µs, 속도 비 +[\d.]+배"
                         rf" \(V/\(K\+1\) = +{ideal:.1f}배\)", out), V
    n = len(params["VOCAB_SIZES"])
    assert re.search(rf"측정한 속도 비가 V/\(K\+1\)보다 작은 V: \d+ / {n}개", out)


def test_timing_plot_colours_and_log_axes(nb):
    plots = [c.source for c in code_cells(nb) if "plt.show()" in c.source]
    timing = next(s for s in plots if "softmax_s" in s)
    assert 'color="tab:red", label="naive softmax"' in timing and 'color="tab:blue"' in timing
    assert timing.count("로그 눈금") == 4 and timing.count(".loglog(") == 4
    rows = next(s for s in plots if "row_grid(" in s)
    assert '"naive softmax", "Reds"' in rows and '"Blues")' in rows


# ---- 2.7: 계층적 소프트맥스, NCE, CBOW ------------------------------------------------------------


def test_hierarchical_softmax_table(nb, params):
    text = _cell_output(nb, "huffman_code_lengths(zipf_counts)")
    lines = [numbers_in(line) for line in text.splitlines()]
    k = params["K"]
    for V in params["VOCAB_SIZES"]:
        counts = 1.0 / np.arange(1, V + 1)
        lengths = huffman_code_lengths(counts)
        mean = float(np.average(lengths, weights=counts))
        balanced = hierarchical_softmax_dot_products(V)
        row = [float(V), float(V), float(balanced), round(mean, 2), float(lengths.max()), float(k + 1)]
        assert row in lines, (V, row)
        # 글의 주장: 허프만 평균은 균형 트리보다 짧고, 가장 드문 단어의 길은 균형 트리보다 깁니다
        assert mean < balanced < lengths.max()
        assert balanced < V  # 글: log2 V 처럼 느리게 늘고, 네거티브 샘플링은 V 와 상관없이 K+1 (K 와는 비교하지 않음)


def test_the_optimum_is_only_pointed_to(nb):
    """NCE 와 네거티브 샘플링의 최적 점수는 부록 B 에서만 유도합니다: 2.7절은 한 문장으로 가리킵니다."""
    md = markdown_text(nb)
    assert "부록 B (07_optimum.ipynb)" in md
    assert "s_w^*" not in md and "z^*" not in md and "PMI" not in md
    assert "ALT_WORDS" not in "\n".join(c.source for c in code_cells(nb))


def test_numeric_questions_after_the_derivations_are_checked(nb):
    """유도 1 뒤의 숫자 문제는 바로 뒤의 함수와 확인 셀로, 유도 2의 것은 장 끝 개념 확인의 문항으로 확인합니다.

    확인 도구의 정답은 유도한 식으로 손 계산한 값과 같고, 답을 출력해 보여 주는 셀은 없습니다.
    """
    from sgns.checks.exercises import nb02_quiz, nb02_score_gradient_numbers

    s = np.array([2.0, 0.0, -1.0])
    by_hand = np.exp(s) / np.exp(s).sum() - np.eye(3)[0]  # ŷ - y
    assert np.allclose(nb02_score_gradient_numbers.QUESTIONS["∂J/∂s"].value, by_hand)
    sigma1 = 1 / (1 + np.exp(-1.0))  # v_c = (1, 0), u_0 = (1, 0), u_1 = (0, 1): ŷ = (σ(1), 1 - σ(1))
    assert np.allclose(nb02_quiz.QUESTIONS["∂J/∂v_c"].value, [sigma1 - 1, 1 - sigma1])
    cells = nb.cells
    question = find_cell_index(cells, "**숫자로 확인 1.**")
    assert _check_cell_index(cells, EXERCISES[1][2]) < question  # 학생판에서도 유도의 답보다 뒤
    assert cells[question + 1].source.startswith("def score_gradient_numbers():")
    assert "### BEGIN SOLUTION" in cells[question + 1].source and "print(" not in cells[question + 1].source
    assert cells[question + 2].source.strip() == "sgns.checks.check_score_gradient_numbers(score_gradient_numbers)"
    assert check_statuses(nb)["score_gradient_numbers"] == "pass"
    quiz = find_cell_index(cells, "## 개념 확인")
    assert _check_cell_index(cells, EXERCISES[2][2]) < quiz  # 유도 2의 답 (연습문제 3) 보다 뒤
    assert "(유도 2의 숫자로 확인)" in cells[quiz].source


def test_chapter_quiz_is_checked_at_the_end(nb):
    """장 끝의 개념 확인: 정리 뒤, 생각해 볼 문제 앞. 수 문항의 정답은 sgns 로 계산합니다."""
    from sgns.checks.exercises import nb02_quiz

    cells = nb.cells
    heading = find_cell_index(cells, "## 개념 확인")
    assert find_cell_index(cells, "## 정리") < heading < find_cell_index(cells, "## 생각해 볼 문제")
    assert cells[heading + 1].source.startswith("def chapter2_quiz():")
    assert cells[heading + 2].source.strip() == "sgns.checks.check_chapter2_quiz(chapter2_quiz)"
    assert check_statuses(nb)["chapter2_quiz"] == "pass"
    questions = nb02_quiz.QUESTIONS
    assert abs(questions["넘치는 점수"].value - np.log(np.finfo(np.float32).max)) < 1e-9  # 약 88.7 (2.2절)
    assert abs(questions["ŷ - y 의 합"].value) < 1e-12  # ŷ 의 합 1 - y 의 합 1
    assert all(f"**{name}**" in cells[heading].source for name in questions)


def test_k_notation_is_not_repeated(nb):
    md = markdown_text(nb)
    assert "개수를 $k$로" not in md and "01_concept.ipynb#기호-약속" in md


def test_answer_labels_have_one_form(nb):
    labels = re.findall(r"\*\*(모범 답안 \d\.|\d번 모범 답안\.|\d번 답\.)\*\*", markdown_text(nb))
    assert labels == ["모범 답안 1.", "모범 답안 2.", "모범 답안 3."]


def test_cbow_makes_one_prediction_per_position(out):
    sg = context_predictions(10**9, 2)
    line = f"스킵-그램 예측 {korean_number(sg)} 번, CBOW 예측 {korean_number(10**9)} 번 (CBOW가 {sg // 10**9}배 적음)"
    assert line in out


def test_papers_are_linked(nb):
    md = markdown_text(nb)
    for link in ["arxiv.org/abs/1310.4546", "arxiv.org/abs/1301.3781", "arxiv.org/abs/1402.3722",
                 "arxiv.org/abs/1206.6426", "proceedings.mlr.press/r5/morin05a", "proceedings.mlr.press/v9/gutmann10a"]:
        assert f"(https://{link}" in md, link


# ---- 구조: 연습문제, 유도, 모범 답안 --------------------------------------------------------------


def test_section_headings_are_numbered_and_free_of_math(nb):
    headings = [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
                if line.startswith("#")]
    assert all("$" not in h for h in headings), headings
    fixed = ("## 학습 목표", "## 정리", "## 개념 확인", "## 생각해 볼 문제")
    sections = [h for h in headings if h.startswith("## ") and h not in fixed]
    assert sections and all(re.match(rf"## 2\.{i} \S", h) for i, h in enumerate(sections, start=1)), sections


def test_exercises_in_order_with_solution_markers_and_passing_checks(nb):
    cells = nb.cells
    statuses = check_statuses(nb)
    positions = []
    for number, name, check in EXERCISES:
        title = next(i for i, c in enumerate(cells) if c.cell_type == "markdown"
                     and c.source.startswith(f"### 연습문제 {number}:"))
        solution = next(i for i, c in enumerate(cells) if c.cell_type == "code" and c.source.startswith(f"def {name}("))
        assert title < solution
        assert "    ### BEGIN SOLUTION" in cells[solution].source and "    ### END SOLUTION" in cells[solution].source
        assert cells[solution + 1].source.strip() == check
        assert statuses[name] == "pass"
        positions.append(solution)
    assert positions == sorted(positions)
    assert len([c for c in cells if c.cell_type == "markdown" and c.source.startswith("### 연습문제")]) == 3


def test_derivation_steps_are_solution_cells_between_the_exercises(nb):
    cells = nb.cells
    derivations = [i for i, c in enumerate(cells) if "solution" in c.metadata.get("tags", [])]
    assert len(derivations) == 2 and all(cells[i].cell_type == "markdown" for i in derivations)
    check2, check3 = (_check_cell_index(cells, check) for _, _, check in EXERCISES[1:])
    exercise2 = find_cell_index(cells, "### 연습문제 2:")
    exercise3 = find_cell_index(cells, "### 연습문제 3:")
    first, second = derivations
    assert first < exercise2 < check2 < second < exercise3 < check3
    for number, i in enumerate(derivations, start=1):
        assert cells[i].source.startswith(f"#### 유도 {number}:")  # 학생판에 남는 제목
        question = cells[i - 1]
        assert question.cell_type == "markdown" and question.source.startswith(f"**유도 {number}")
        assert not question.metadata.get("tags")
    assert r"\hat y - y" in cells[first].source
    assert r"U^\top(\hat y - y)" in cells[second].source and r"(\hat y - y)\,v_c^\top" in cells[second].source


def _visible_text(cells) -> str:
    return "\n".join(c.source for c in cells)


def test_student_edition_hides_each_derivation_until_its_exercise_is_checked():
    student = nbformat.read(STUDENT, as_version=4)
    cells = student.cells
    check2, check3 = (_check_cell_index(cells, check) for _, _, check in EXERCISES[1:])
    before2, before3 = _visible_text(cells[:check2]), _visible_text(cells[:check3])
    assert not [a for a in SCORE_GRADIENT_ANSWERS if a in before2]
    assert not [a for a in CHAIN_RULE_ANSWERS if a in before3]
    prompts = [c for c in cells if c.cell_type == "markdown" and "직접 유도해 보세요" in c.source]
    assert [p.source.splitlines()[0] for p in prompts] == ["#### 유도 1: 점수에 대한 기울기",
                                                           "#### 유도 2: 연쇄 법칙으로 구한 v_c 와 U 의 기울기"]


def test_each_question_has_its_own_answer_key(nb):
    cells = nb.cells
    start = find_cell_index(cells, "## 생각해 볼 문제")
    rest = cells[start:]
    questions = [i for i, c in enumerate(rest) if re.match(r"(## 생각해 볼 문제\s+)?\*\*\d\.\*\*", c.source)]
    assert len(questions) == 3
    for i in questions:
        answer = rest[i + 1]
        assert answer.cell_type == "markdown" and answer.metadata.get("tags") == ["answer-key"]
    assert len(_tagged(nb, "answer-key")) == 3


def _direct_calls(source: str) -> set[str]:
    """셀에서 이름으로 직접 부르는 함수들 (``sgns.softmax(...)`` 처럼 속성으로 부르는 것은 뺌)."""
    return {n.func.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}


def test_later_cells_use_reference_not_student_functions(nb):
    student_functions = {name for _, name, _ in EXERCISES}
    code = [c.source for c in code_cells(nb)]
    later = code[next(i for i, s in enumerate(code) if s.startswith("def softmax(")) :]
    checked = 0
    for src in later:
        if "### BEGIN SOLUTION" in src or src.startswith("sgns.checks.check_"):
            continue  # 연습문제 셀과 확인 셀만 학생의 함수를 다룹니다
        assert not _direct_calls(src) & student_functions, src[:60]
        checked += 1
    assert checked > 6  # 숫자로 확인의 답은 확인 셀로 옮겼고, 한 가지 일을 하던 두 셀씩은 하나로 합쳤음
