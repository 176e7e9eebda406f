"""04_math.ipynb (4장 첫째 시간) 의 저장된 출력이 논지를 이루는 숫자를 담고 있고, 그 숫자가 지금의 sgns 계산과 같은지.

손실의 두 항, 기울기 유도와 그 뒤의 숫자 질문, 수치 미분, 손으로 계산하는 SGD 한 걸음 (d = 2, K = 2), np.add.at.
정답과 같은 네거티브의 건너뛰기, 학습 반복문과 평가는 tests/test_nb04b_claims.py,
최적점 (PMI - log K) 은 tests/test_nb07_claims.py 가 봅니다.
"""

import re

import numpy as np
import pytest
from notebook_outputs import (
    assert_each_question_has_an_answer_key,
    cell_output_text,
    check_statuses,
    code_cells,
    find_cell_index,
    markdown_sources,
    markdown_text,
    notebook_fixtures,
    numbers_in,
)

import sgns
from sgns.lessons.optimum import loss_terms

nb, params, out = notebook_fixtures("04_math.ipynb", output_name="out")

EXERCISES = [
    ("neg_sampling_loss_and_gradient", "check_neg_sampling_loss_and_gradient"),
    ("numerical_gradient", "check_numerical_gradient"),
    ("sgd_step", "check_sgd_step"),
    ("quiz_04", "check_quiz_04"),
]
# 유도의 결과 (연습문제가 묻는 것): 학생판에도, 태그 없는 셀에도 나오면 안 됩니다
ANSWER_FRAGMENTS = [
    r"\sigma(s_o) - 1",
    r"1-\sigma(s_o)",
    r"\sigma(s_k)\,\boldsymbol{u}_k",
    r"\sigma(s_k)\,\boldsymbol{v}_c",
    r"n\,\sigma(",
    r"= 1-\sigma(x) = \sigma(-x)",
]


def _cell(nb, cell_id):
    return next(c for c in nb.cells if c.get("id") == cell_id)


def _output(nb, cell_id) -> str:
    return cell_output_text(_cell(nb, cell_id))


def _sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


@pytest.fixture(scope="module")
def markdown(nb):
    return markdown_text(nb)


def test_parameters(params):
    assert params["SEED"] == 0 and params["K"] == 5
    assert (params["GRAD_V"], params["GRAD_DIM"]) == (10, 5) and params["STEP_LR"] == 0.5


def test_loss_table_nat_and_infimum(nb, out):
    t = loss_terms([10.0, 0.0, -10.0])
    table = _output(nb, "c05")
    for x, s, pos, neg in zip(t.dot, t.sigma, t.positive_loss, t.negative_loss, strict=True):
        cells = [re.escape(f"{value}") for value in (f"{x:.0f}", f"{s:.6f}", f"{pos:.4e}", f"{neg:.4e}")]
        assert re.search(r"\s+".join(cells), table)
    # nat 의 정의: 글이 말하는 log 2 ≈ 0.693 nat = 1 bit, 1 nat ≈ 1.443 bit 를 출력이 계산함
    assert f"log 2 = {np.log(2):.3f} nat = 1 bit,  1 nat = 1/ln 2 = {1 / np.log(2):.3f} bit" in table
    text = _cell(nb, "c06").source
    assert round(np.log(2), 3) in numbers_in(text) and round(1 / np.log(2), 3) in numbers_in(text)
    far = loss_terms([10.0, 20.0, 40.0])
    assert ", ".join(f"x={x:.0f}: {p:.2e}" for x, p in zip(far.dot, far.positive_loss, strict=True)) in out
    assert np.all(far.positive_loss > 0) and "모두 0보다 큼: True" in out


def test_derivations_are_solution_cells_followed_by_a_numeric_question(nb):
    tagged = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert [c.cell_type for c in tagged] == ["markdown", "markdown"]
    assert [c.source.splitlines()[0] for c in tagged] == ["#### 유도 1: 점수로 미분", "#### 유도 2: 벡터로 미분"]
    cells = nb.cells
    for n, cell in enumerate(tagged, start=1):
        at = cells.index(cell)
        before = cells[at - 1]
        assert before.cell_type == "markdown" and f"**유도 {n} (" in before.source
        assert not before.metadata.get("tags")
        # 풀이 다음: 숫자 질문과 그 값을 sgns 로 계산하는 코드 셀. 유도 1 은 곧바로 유도 2 로 이어지고,
        # 두 단계 (점수의 기울기, 벡터의 기울기) 를 연습문제 1 하나가 함께 확인합니다
        assert cells[at + 1].source.startswith(f"**숫자로 확인 {n}.**")
        assert cells[at + 2].cell_type == "code" and "sgns." in cells[at + 2].source
        follows = "**유도 2 (" if n == 1 else "### 연습문제 1:"
        assert cells[at + 3].source.startswith(follows)
    for fragment in ANSWER_FRAGMENTS:
        assert any(fragment in c.source for c in tagged), fragment  # 풀이에는 있고
        untagged = [c for c in cells if c.cell_type == "markdown" and not c.metadata.get("tags")]
        assert not any(fragment in c.source for c in untagged), fragment  # 태그 없는 셀에는 없음


def test_premise_is_labelled_and_then_relaxed(nb):
    """CS224n 처럼 전제를 밝힘: K 개 네거티브 샘플은 서로 다름 (o 와도). 유도 2 의 (가), (나) 가 그것을 풂."""
    sources = [c.source for c in nb.cells]
    premise = find_cell_index(sources, "**전제.**")
    first = find_cell_index(sources, "**유도 1 (")
    second = find_cell_index(sources, "**유도 2 (")
    assert premise <= first < second
    assert "서로 다르" in sources[premise] and "(가)" in sources[second] and "(나)" in sources[second]
    # 전제를 푼 경우 (같은 단어가 두 번) 를 숫자로: 두 번 뽑힌 단어의 기울기는 2배
    assert "[2, 5, 2, 7, 9]" in _cell(nb, "c11").source


def test_numeric_questions_match_the_derived_formulas(nb, out):
    s = np.array([1.0, 0.0, -1.0])
    want = [_sigmoid(s[0]) - 1, _sigmoid(s[1]), _sigmoid(s[2])]  # 유도 1: σ(s_o) - 1, σ(s_k)
    text = _output(nb, "c10-num1-check")
    found = [float(x) for x in re.findall(r"≈ ([+-][\d.]+)", text)]
    assert np.allclose(found, want, atol=6e-5)
    # 유도 2 의 ∂J/∂v_c = (σ(s_o) - 1) u_o + Σ σ(s_k) u_k 를 손으로
    v_c, U = np.array([1.0, 0.0]), np.array([[1.0, 1.0], [0.0, 1.0], [-1.0, 0.5]])
    assert np.allclose(U @ v_c, s)  # 글: 점수가 숫자로 확인 1 과 같음
    grad_v = want[0] * U[0] + want[1] * U[1] + want[2] * U[2]
    assert f"∂J/∂v_c = ({grad_v[0]:+.3f}, {grad_v[1]:+.3f})" in _output(nb, "c10-num2-check")
    said = numbers_in(_cell(nb, "c10-num2").source)
    assert round(float(_sigmoid(1)), 3) in said and 0.5 in said


def _hand_step(lr):
    """d = 2, K = 2 의 한 걸음을 sgns 없이 유도 2 의 식으로."""
    v_c, U = np.array([1.0, 0.0]), np.array([[1.0, 1.0], [0.0, 1.0], [-1.0, 0.5]])
    s = U @ v_c
    coef = np.array([_sigmoid(s[0]) - 1, _sigmoid(s[1]), _sigmoid(s[2])])
    grad_v = coef @ U
    grad_U = coef[:, None] * v_c[None, :]
    return v_c, U, coef, grad_v, v_c - lr * grad_v, U - lr * grad_U


def _loss(v, U):
    s = U @ v
    return -np.log(_sigmoid(s[0])) - np.log(_sigmoid(-s[1])) - np.log(_sigmoid(-s[2]))


def test_worked_sgd_step_by_hand(nb, params):
    v_c, U, coef, grad_v, v_after, U_after = _hand_step(params["STEP_LR"])
    table = _output(nb, "c-step-table")
    for name, a in zip(["v_c", "u_o", "u_1", "u_2"], [v_after, *U_after], strict=True):
        assert re.search(rf"{name}\s+\([^)]*\)\s+" + re.escape(f"({a[0]:+.3f}, {a[1]:+.3f})"), table), name
    before, after = U @ v_c, U_after @ v_after
    assert after[0] > before[0] and np.all(after[1:] < before[1:])  # 글: s_o 는 커지고 부정 쌍은 작아짐
    assert _loss(v_after, U_after) < _loss(v_c, U)
    assert f"손실 J: {_loss(v_c, U):.3f} → {_loss(v_after, U_after):.3f}" in table
    assert np.allclose(U_after[:, 1], U[:, 1])  # 글: 주변 단어 벡터는 v_c 방향 (가로축) 으로만 움직임
    # 칠판의 숫자 (글) 는 그 계산의 반올림
    said = numbers_in(_cell(nb, "c-sgd").source)
    for value in [*np.round(coef, 3), *np.round(grad_v, 3), *np.round(v_after, 3), params["STEP_LR"]]:
        assert abs(value) in [abs(x) for x in said], value


def test_worked_step_figure_is_korean_and_drawn(nb):
    cell = _cell(nb, "c-step-table")  # 한 걸음의 표와 그림을 한 셀에서
    source = cell.source
    assert all(f"set_{axis}(" in source for axis in ("xlabel", "ylabel", "title")) and "legend(" in source
    assert re.search(r'set_title\(f?"[^"]*[가-힣]', source) and re.search(r'set_xlabel\("[가-힣]', source)
    assert "\u2212" not in source and any("image/png" in o.get("data", {}) for o in cell.outputs)


def test_student_edition_has_no_derivation_answer():
    from make_student import student_version
    from notebook_outputs import load_notebook

    from conftest import REPO

    student = student_version(load_notebook("04_math.ipynb"), "04_math.ipynb")
    text = "\n".join(c.source for c in student.cells)
    assert not any(fragment in text for fragment in ANSWER_FRAGMENTS)
    assert text.count("✍️ **직접 유도해 보세요.**") == 2 and "#### 유도 1: 점수로 미분" in text
    committed = (REPO / "student" / "04_math.ipynb").read_text(encoding="utf8")
    assert not any(fragment.replace("\\", "\\\\") in committed for fragment in ANSWER_FRAGMENTS)


def test_exercises_in_order_and_later_cells_use_the_reference(nb):
    sources = [c.source for c in nb.cells]
    headings = [s.split("\n")[0] for s in sources if s.startswith("### 연습문제")]
    assert [h.split(":")[0] for h in headings] == [f"### 연습문제 {n}" for n in range(1, len(EXERCISES))]
    assert sum(s.startswith("## 개념 확인") for s in sources) == 1  # 퀴즈 (마지막 항목) 는 장 끝의 개념 확인
    statuses = check_statuses(nb)
    position = 0
    for function, check in EXERCISES:
        solution = next(i for i in range(position, len(sources)) if sources[i].startswith(f"def {function}("))
        assert "### BEGIN SOLUTION" in sources[solution]
        assert sources[solution + 1].strip() == f"sgns.checks.{check}({function})"
        assert statuses[function] == "pass"
        position = solution + 2
        # 뒤의 연습문제 풀이는 앞의 연습문제 함수를 써도 되지만, 수업 셀은 참조 구현만 씁니다
        later = [s for s in sources[position:] if "### BEGIN SOLUTION" not in s]
        assert not any(re.search(rf"(?<![.\w]){function}\(", s) for s in later), function


def test_gradient_check_with_duplicate_negative(nb, out, params):
    rng = np.random.default_rng(params["SEED"])
    v_c = rng.normal(size=params["GRAD_DIM"])
    U = rng.normal(size=(params["GRAD_V"], params["GRAD_DIM"]))
    negatives = np.array([2, 5, 2, 7, 9])
    errors = sgns.check_loss_gradients(sgns.neg_sampling_loss_and_gradient, v_c, 0, U, negatives)
    for name, err in [("v_c", errors.center_vec), ("U", errors.outside_vectors)]:
        assert err < 1e-7
        assert f"∂J/∂{name}: 최대 상대 오차 < 1e-07 → 통과 (허용 1e-05)" in out
    # 판정은 값에서 계산합니다 (고정 문자열이 아님)
    source = nb.cells[find_cell_index(nb.cells, 'evaluate("nb04-numerical-gradient"')].source
    assert 'verdict = "통과" if err < TOL else "실패"' in source and "→ 통과" not in source
    # 연습문제 3 을 통과한 학생의 중앙 차분으로 (아니면 sgns 의 것으로) 잽니다
    assert "numerical_gradient if solved else sgns.gradient_check.numerical_gradient" in source
    assert "중앙 차분: 여러분의 numerical_gradient" in out
    _, _, grad_U = sgns.neg_sampling_loss_and_gradient(v_c, 0, U, negatives)
    assert np.allclose(grad_U[2], 2 * sgns.sigmoid(U[2] @ v_c) * v_c)
    assert "∂J/∂u_2 = 2 σ(u_2·v_c) v_c: True" in out
    assert "0이 아닌 행: [0, 2, 5, 7, 9]" in out


def test_add_at_keeps_every_repeat_and_fancy_index_does_not(nb):
    rows = np.array([1, 3, 1, 1])
    W = np.zeros(4)
    W[rows] += 1.0
    A = np.zeros(4)
    np.add.at(A, rows, 1.0)
    assert W.tolist() == [0, 1, 0, 1] and A.tolist() == [0, 3, 0, 1]
    text = _output(nb, "c-addat")
    assert f"W[rows] += 1      → {W}" in text and f"np.add.at(W, ...) → {A}" in text


def test_course_notation_in_headings_and_pointer_to_appendix(nb, markdown):
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert not any("$" in h for h in headings)
    # 원문과 논문이 개수를 k 로 쓴다는 것을 한 번 말함
    assert sum("개수를 $k$로" in s for s in markdown_sources(nb)) == 1
    assert not any("# NBVAL" in c.source for c in code_cells(nb))
    # 최적점은 부록 B 한 곳에서: 4장은 가리키기만 함
    assert "07_optimum.ipynb" in markdown and "04b_training.ipynb" in markdown
    assert r"\ell(x)" not in markdown and "x^\\star" not in markdown
    # 평가 통계는 4b 한 곳에서, 수치 안정성은 3장에서 (4장은 되풀이하지 않음)
    assert "Fisher" not in markdown and "부트스트랩" not in markdown
    assert "수치 안정성" not in markdown


def test_code_docstrings_say_반환(nb):
    assert not any("Returns:" in c.source for c in code_cells(nb))
    assert all("반환" in c.source for c in code_cells(nb) if '"""' in c.source)


def test_each_question_has_an_answer_key(nb):
    assert_each_question_has_an_answer_key(nb)
