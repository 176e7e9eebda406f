"""04_math.ipynb 의 저장된 출력이 논지를 이루는 숫자를 담고 있고, 그 숫자가 지금의 sgns 계산과 같은지 확인합니다.

학습이 필요한 숫자(head500, PMI 실험)는 다시 계산하지 않고, 저장된 출력이 마크다운의 주장과 맞는지만 봅니다.
"""

import re

import numpy as np
import pytest
from notebook_outputs import check_statuses, code_cells, find_cell_index, markdown_text, notebook_fixtures, numbers_in

import sgns
from sgns.corpus import encode_corpus, skipgram_pair_arrays
from sgns.data import DOC_SENTENCE, load_head500, synthetic_corpus
from sgns.evaluate import spearman_standard_error
from sgns.lessons.optimum import cooccurrence_matrix, corpus_objective, loss_terms, zero_vector_objective

nb, params, out = notebook_fixtures("04_math.ipynb", output_name="out")


@pytest.fixture(scope="module")
def markdown(nb):
    return markdown_text(nb)


def test_parameters(params):
    assert params["SEED"] == 0 and params["K"] == 5


def test_loss_table_and_infimum(out):
    t = loss_terms([10.0, 0.0, -10.0])
    for x, s, pos, neg in zip(t.dot, t.sigma, t.positive_loss, t.negative_loss, strict=True):
        assert f"{x:5.0f}   {s:.6f}   {pos:22.4e}   {neg:22.4e}" in out
    far = loss_terms([10.0, 20.0, 40.0])
    assert ", ".join(f"x={x:.0f}: {p:.2e}" for x, p in zip(far.dot, far.positive_loss, strict=True)) in out
    assert np.all(far.positive_loss > 0) and "모두 0보다 큼: True" in out


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
    source = nb.cells[find_cell_index(nb.cells, "check_loss_gradients")].source
    assert 'verdict = "통과" if err < TOL else "실패"' in source and "tol=TOL" in source and "→ 통과" not in source
    _, _, grad_U = sgns.neg_sampling_loss_and_gradient(v_c, 0, U, negatives)
    assert np.allclose(grad_U[2], 2 * sgns.sigmoid(U[2] @ v_c) * v_c)
    assert "∂J/∂u_2 = 2 σ(u_2·v_c) v_c: True" in out
    assert "0이 아닌 행: [0, 2, 5, 7, 9]" in out


def test_exercise_cells(nb, out):
    sources = [c.source for c in nb.cells]
    assert any(s.startswith("### 연습문제 1:") and "neg_sampling_loss_and_gradient" in s for s in sources)
    i = find_cell_index(sources, "### BEGIN SOLUTION")
    solution = sources[i]
    assert solution.startswith("def neg_sampling_loss_and_gradient(") and "### END SOLUTION" in solution
    assert any("sgns.checks.check_neg_sampling_loss_and_gradient(neg_sampling_loss_and_gradient)" in s for s in sources)
    assert check_statuses(nb)["neg_sampling_loss_and_gradient"] == "pass"
    # 뒤의 셀은 학생 함수가 아니라 참조 구현을 씁니다
    later = sources[i + 2 :]
    assert not any(re.search(r"(?<![.\w])neg_sampling_loss_and_gradient\(", s) for s in later)


def test_full_objective_small_example(out, params):
    vocab = sgns.build_vocab([DOC_SENTENCE])
    ids, sent = encode_corpus([DOC_SENTENCE], vocab)
    K = params["K"]
    centers, _ = skipgram_pair_arrays(ids, sent, 2)
    negatives = sgns.NegativeSampler(vocab.counts, seed=params["SEED"]).sample((len(centers), K))
    zero = np.zeros((len(vocab), 8))
    j0 = corpus_objective(zero, zero, ids, sent, 2, negatives)
    expected = zero_vector_objective(j0.n_pairs, j0.n_positions, K)
    assert f"T = {j0.n_positions}, P = {j0.n_pairs}, m = 2, K = {K}" in out
    assert f"벡터가 모두 0: J(θ) = {j0.objective:.4f}, (P/T)(K+1)log 2 = {expected:.4f}" in out
    rng = np.random.default_rng(params["SEED"])
    V_rand = rng.normal(scale=0.1, size=zero.shape)
    U_rand = rng.normal(scale=0.1, size=zero.shape)
    jr = corpus_objective(V_rand, U_rand, ids, sent, 2, negatives)
    max_dot = np.abs(V_rand @ U_rand.T).max()
    assert f"모든 단어 쌍에서 |v·u|의 최댓값 = {max_dot:.3f}" in out
    assert (
        f"작은 무작위 벡터: J(θ) = {jr.objective:.4f} (위치당; 모두 0일 때와의 차이 "
        f"{jr.objective - j0.objective:+.4f}), 쌍 하나당 평균 손실 = {jr.mean_pair_loss:.4f}"
    ) in out
    # 글의 주장: 작은 무작위 벡터에서는 내적이 모두 0 근처라 J 가 거의 같음
    assert max_dot < 0.1 and abs(jr.objective - j0.objective) / j0.objective < 0.01


def test_head500_stats_and_training_outputs(nb, out):
    sentences = load_head500()
    n_tokens = sum(len(s) for s in sentences)
    V = len(sgns.build_vocab(sentences, min_count=5))
    assert f"문장 {len(sentences)}개, 토큰 {n_tokens:,}개, 어휘 {V:,}개" in out
    # 노트북의 하이퍼파라미터는 (스킵-그램을 고른 것 말고는) gensim Word2Vec 의 기본값과 같습니다
    import inspect

    from gensim.models import Word2Vec

    source = next(c.source for c in code_cells(nb) if c.source.startswith("sentences = sgns.data.load_head500()"))
    params = eval(re.search(r"PARAMS = (dict\(.*?\))", source).group(1), {"K": 5})
    defaults = inspect.signature(Word2Vec).parameters
    assert params and all(defaults[name].default == value for name, value in params.items()), params
    assert defaults["sg"].default == 0  # gensim 의 기본은 CBOW: 노트북은 스킵-그램 (sg=1) 만 바꿈
    losses = [float(x) for x in re.search(r"에폭별 쌍 하나당 평균 손실: ([\d., ]+)", out).group(1).split(", ")]
    assert len(losses) >= 2 and all(b < a for a, b in zip(losses, losses[1:], strict=False))
    assert re.search(r"sgns: Spearman ρ = 0\.\d{3}, coverage = \d+/353", out)
    assert re.search(r"gensim     : 0\.\d{3}", out)
    assert "모두 어휘에 있음: True" in out


def test_pmi_experiment_claims(out, params):
    corpus = synthetic_corpus(params["PMI_SENTENCES"], seed=params["SEED"])
    vocab = sgns.build_vocab(corpus.sentences, min_count=1)
    ids, sent = encode_corpus(corpus.sentences, vocab)
    cooc = cooccurrence_matrix(*skipgram_pair_arrays(ids, sent, 1), len(vocab))
    assert f"토큰 {corpus.num_tokens:,}개, V = {len(vocab)}, 관측된 칸 {int((cooc > 0).sum()):,}개" in out
    # 마크다운의 주장: 3/4 제곱 PMI 가 더 잘 맞음
    r = {p: float(v) for p, v in re.findall(r"context_power=([\d.]+): 피어슨 r = ([\d.]+)", out)}
    assert r["0.75"] > r["1.0"] > 0.8
    # 자주 나온 칸은 정확한 최적점과 거의 겹치고, 한 번 나온 칸은 두 목표보다 아래
    line = next(ln for ln in out.splitlines() if ln.startswith("20번 이상 나온 칸"))
    lg_diff, exact_diff = (float(x) for x in re.findall(r"평균 차이 = ([+-][\d.]+)", line))
    assert abs(exact_diff) < 0.1 < lg_diff
    line = next(ln for ln in out.splitlines() if ln.startswith("1번 나온 칸"))
    assert all(float(x) < 0 for x in re.findall(r"평균 차이 = ([+-][\d.]+)", line))


def test_word_groups_interpretation(out):
    # 그림 해석의 근거: 원래 공간의 무리별 평균 코사인 (학습이 필요하므로 저장된 출력끼리 맞는지 봄)
    assert re.search(r"두 주성분이 담은 분산: \d+% \+ \d+% = \d+%", out)
    rows = re.findall(r"(\S+): 같은 무리끼리 ([\d.]+), 다른 무리와 ([\d.]+) \(차이 ([+-][\d.]+)\)", out)
    assert [r[0] for r in rows] == ["국적", "종교", "음악", "영화"]
    for _, within, between, diff in rows:
        assert float(within) > float(between) and abs(float(within) - float(between) - float(diff)) < 0.0015
    assert "모든 무리에서 같은 무리끼리가 더 가까움: True" in out
    strays = re.search(r"다른 무리에 더 가까운 단어 (\d+)/24개: (.*)", out)
    assert 0 < int(strays.group(1)) < 12 and "greek→종교" in strays.group(2)


def test_spearman_uncertainty_verdict(nb, out):
    ours = float(re.search(r"sgns \(우리\): (0\.\d{3})", out).group(1))
    theirs = float(re.search(r"gensim     : (0\.\d{3})", out).group(1))
    n = int(re.search(r"sgns: Spearman ρ = 0\.\d{3}, coverage = (\d+)/353", out).group(1))
    se = spearman_standard_error(n)
    assert f"평가 쌍 {n}개의 Spearman 표준오차 ≈ {se:.3f}" in out
    diff = float(re.search(r"ρ 차이 \(sgns - gensim\) = ([+-][\d.]+) → (.*)", out).group(1))
    assert abs(diff - (ours - theirs)) <= 0.0015
    # 글은 차이가 흔들림 안에 있다고 해석하므로 저장된 판정도 그래야 함
    assert abs(diff) < se and "표준오차보다 작음: 흔들림 안" in out
    # 그 해석을 하는 글이 말하는 수 (평가 쌍 수, 표준오차 약 0.1) 가 계산한 값과 같음
    se_cell = find_cell_index(nb.cells, "rho_se = ")
    after = next(c.source for c in nb.cells[se_cell:] if c.cell_type == "markdown")
    assert n in numbers_in(after) and round(se, 1) in numbers_in(after)


def test_optional_section_uses_course_notation(markdown):
    # c 는 언제나 중심 단어, o 는 주변 단어; 거리는 δ (d 는 벡터 차원)
    assert re.search(r"^## 4\.5 ", markdown, flags=re.MULTILINE)
    assert r"\mathrm{PMI}(c,o) - \log k" in markdown and r"k\,\#(c)\,P_n(o)" in markdown
    assert "(w,c)" not in markdown and "(w, c)" not in markdown and r"\#(w)" not in markdown
    assert r"$\delta$" in markdown and r"(m-\delta+1)/m" in markdown
