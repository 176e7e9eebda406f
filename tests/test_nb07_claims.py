"""07_optimum.ipynb (부록 B) 의 저장된 출력과 글이 최적점 PMI - log K 의 사실과 맞는지.

유도의 전제, 숫자 질문 (한 칸의 손실의 기울기와 최소점), NCE 의 최적점, 학습한 내적과 최적점의 비교 (PMI 실험).
PMI 실험의 학습 (50 에폭) 은 다시 하지 않고 (nbval 이 다시 실행해 비교), 학습 없이 셀 수 있는 것을 다시 셉니다.
"""

import re

import numpy as np
import pytest
from notebook_outputs import (
    assert_each_question_has_an_answer_key,
    cell_output_text,
    code_cells,
    load_notebook,
    markdown_sources,
    markdown_text,
    notebook_fixtures,
    text_table_rows,
)

import sgns
from sgns.corpus import encode_corpus, skipgram_pair_arrays
from sgns.data import synthetic_corpus
from sgns.lessons.optimum import cooccurrence_matrix, optimal_dot_products, shifted_pmi

nb, params, out = notebook_fixtures("07_optimum.ipynb", output_name="out")


def _cell(nb, cell_id):
    return next(c for c in nb.cells if c.get("id") == cell_id)


def _output(nb, cell_id) -> str:
    return cell_output_text(_cell(nb, cell_id))


@pytest.fixture(scope="module")
def markdown(nb):
    return markdown_text(nb)


def test_parameters_and_title(nb, params):
    assert params["SEED"] == 0 and params["K"] == 5
    assert (params["PMI_SENTENCES"], params["PMI_DIM"], params["PMI_EPOCHS"]) == (2000, 50, 50)
    assert nb.cells[0].source.startswith("# 부록 B.")  # 목차에서 '선택' 으로 표시됨


def test_premises_are_labelled_and_the_second_is_relaxed(nb, markdown):
    sources = markdown_sources(nb)
    for n in (1, 2, 3):
        assert sum(f"**전제 {n} (" in s for s in sources) == 1, n
    derivation = next(i for i, s in enumerate(sources) if "**전제 1 (" in s)
    relaxed = next(i for i, s in enumerate(sources) if s.lstrip().startswith("기본값에서 상관은") or "## B.3" in s)
    assert derivation < relaxed and "전제 2" in sources[relaxed]


def test_one_derivation_in_a_solution_cell(nb):
    tagged = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert [c.source.splitlines()[0] for c in tagged] == ["#### 유도 1: 한 칸의 최적점"]
    at = nb.cells.index(tagged[0])
    assert "**유도 1.**" in nb.cells[at - 1].source
    assert nb.cells[at + 1].source.startswith("**숫자로 확인 1.**") and nb.cells[at + 2].cell_type == "code"
    assert r"\mathrm{PMI}(c,o) - \log K" in tagged[0].source
    from make_student import student_version

    student = student_version(load_notebook("07_optimum.ipynb"), "07_optimum.ipynb")
    assert r"\sigma(x)}{\sigma(-x)}" not in "\n".join(c.source for c in student.cells)


def test_numeric_question_is_the_derived_optimum(nb):
    """숫자로 확인 1: 학생이 답을 적는 함수와 확인 셀. 정답은 유도한 식과 (독립적인) 수치 최소화와 같습니다."""
    from sgns.checks.exercises import nb07_optimum_numbers

    n_pos, n_neg = nb07_optimum_numbers.POSITIVE, nb07_optimum_numbers.NEGATIVE
    assert (n_pos, n_neg) == (3.0, 1.5)
    questions = nb07_optimum_numbers.QUESTIONS
    # ℓ'(0) = -#(c,o) σ(0) + K#(c)P_n(o) σ(0)
    assert abs(questions["ℓ'(0)"].value - (-n_pos * 0.5 + n_neg * 0.5)) < 1e-12
    assert abs(questions["x*"].value - np.log(n_pos / n_neg)) < 1e-9  # x* = log(#(c,o) / (K #(c) P_n(o)))

    def cell_loss(x):
        return n_pos * np.logaddexp(0, -x) + n_neg * np.logaddexp(0, x)

    assert abs(_minimise(cell_loss) - questions["x*"].value) < 1e-4
    solution = _cell(nb, "c43-num-check")
    assert solution.source.startswith("def optimum_numbers():") and "print(" not in solution.source
    at = nb.cells.index(solution)
    assert nb.cells[at + 1].source.strip() == "sgns.checks.check_optimum_numbers(optimum_numbers)"
    from sgns.checks import records

    assert {r.function: r.status for r in records(nb)}["optimum_numbers"] == "pass"


def _minimise(loss):
    grid = np.linspace(-6, 6, 1_200_001)
    return grid[np.argmin(loss(grid))]


def test_nce_optimum_is_the_log_probability():
    """글: NCE 의 분류기 σ(x - log(K P_n(o))) 의 최적점은 log P(o|c) = log(#(c,o)/#(c)), SGNS 는 PMI - log K."""
    n_co, n_c, p_o, k = 4.0, 20.0, 0.05, 5
    expected_neg = k * n_c * p_o

    def nce(x):
        y = x - np.log(k * p_o)
        return -n_co * sgns.log_sigmoid(y) - expected_neg * sgns.log_sigmoid(-y)

    def sgns_loss(x):
        return -n_co * sgns.log_sigmoid(x) - expected_neg * sgns.log_sigmoid(-x)

    assert abs(_minimise(nce) - np.log(n_co / n_c)) < 1e-4
    assert abs(_minimise(sgns_loss) - (np.log(n_co / (n_c * p_o)) - np.log(k))) < 1e-4


def test_pmi_experiment_claims(nb, out, params):
    corpus = synthetic_corpus(params["PMI_SENTENCES"], seed=params["SEED"])
    vocab = sgns.build_vocab(corpus.sentences, min_count=1)
    ids, sent = encode_corpus(corpus.sentences, vocab)
    cooc = cooccurrence_matrix(*skipgram_pair_arrays(ids, sent, 1), len(vocab))
    assert f"토큰 {corpus.num_tokens:,}개, V = {len(vocab)}, 관측된 칸 {int((cooc > 0).sum()):,}개" in out
    # 글: 3/4 제곱 PMI 가 더 잘 맞음
    r = {p: float(v) for p, v in re.findall(r"context_power=([\d.]+): 피어슨 r = ([\d.]+)", out)}
    assert r["0.75"] > r["1.0"] > 0.8
    rows = text_table_rows(_output(nb, "c48"))
    # 자주 나온 칸은 정확한 최적점과 거의 겹치고, 한 번 나온 칸은 두 목표보다 아래
    _, lg_diff, _, _, exact_diff, _ = (float(x) for x in rows["20번 이상 나온 칸"])
    assert abs(exact_diff) < 0.1 < lg_diff
    once = [float(x) for x in rows["1번 나온 칸"]]
    assert once[1] < 0 and once[4] < 0
    # 전제 2 를 풀면 (건너뛰기) 최적점이 log(#(c)/(#(c) - #(c,o))) 만큼 올라감: 표가 쓰는 함수의 값
    exact = optimal_dot_products(cooc, vocab.counts, params["K"], power=0.75)
    plain = optimal_dot_products(cooc, vocab.counts, params["K"], power=0.75, skip_positive=False)
    seen = (cooc > 0) & np.isfinite(exact)
    n_c = cooc.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = np.log(n_c / (n_c - cooc)), exact - plain
    assert np.allclose(shift[1][seen], shift[0][seen])
    assert np.all(np.isfinite(shifted_pmi(cooc, k=params["K"])[cooc > 0]))


def test_notation_and_one_home(nb, markdown):
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert not any("$" in h for h in headings)
    assert r"\mathrm{PMI}(c,o) - \log K" in markdown and r"K\,\#(c)\,P_n(o)" in markdown
    assert r"- \log k" not in markdown and r"k\,\#(c)" not in markdown  # 개수는 K (k 는 번호)
    assert r"$\delta$" in markdown and r"(m-\delta+1)/m" in markdown
    assert sum("k$로 써서" in s for s in markdown_sources(nb)) == 1
    assert "이동된 PMI" not in markdown and "낮은 계수" not in markdown  # 학생이 아는 말: shifted PMI, 저랭크
    assert not any("# NBVAL" in c.source for c in code_cells(nb))
    # 최적점의 유도 (ℓ'(x) = 0) 는 이 부록에만 있음
    for other in ("04_math.ipynb", "04b_training.ipynb"):
        assert r"\ell'(x)" not in markdown_text(load_notebook(other))


def test_each_question_has_an_answer_key(nb):
    assert_each_question_has_an_answer_key(nb)
