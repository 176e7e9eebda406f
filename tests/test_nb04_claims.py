"""04_math.ipynb 의 저장된 출력이 논지를 이루는 숫자를 담고 있고, 그 숫자가 지금의 sgns 계산과 같은지 확인합니다.

오래 걸리는 학습 (head500 10 에폭, gensim, 학생 반복문, PMI 실험) 은 다시 하지 않고 (nbval 이 노트북을 다시 실행해
출력을 비교합니다), 저장된 출력끼리와 마크다운의 주장이 맞는지, 그리고 학습 없이 다시 셀 수 있는 것 (어휘, 쌍 수,
평가 자료의 범위, 신뢰구간) 을 sgns 로 다시 계산해 봅니다. 짧은 `sgns.train` 학습 (4.5절, 1초 남짓) 은 다시 합니다.
"""

import re

import numpy as np
import pytest
from notebook_outputs import (
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
from sgns.corpus import encode_corpus, skipgram_pair_arrays
from sgns.data import DOC_SENTENCE, load_head500, synthetic_corpus
from sgns.evaluate import read_analogies, spearman_interval, spearman_standard_error
from sgns.lessons.optimum import cooccurrence_matrix, corpus_objective, loss_terms, zero_vector_objective

nb, params, out = notebook_fixtures("04_math.ipynb", output_name="out")

EXERCISES = [
    ("neg_sampling_score_gradients", "check_neg_sampling_score_gradients"),
    ("neg_sampling_loss_and_gradient", "check_neg_sampling_loss_and_gradient"),
    ("sgd_step", "check_sgd_step"),
    ("train_sgns", "check_train_sgns"),
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


def _paired(text: str) -> tuple[float, float, float]:
    """출력 한 줄 "... = +0.012, 95% 쌍체 부트스트랩 구간 [-0.03, +0.05]" 의 (차이, 아래 끝, 위 끝)."""
    found = re.search(r"= ([+-][\d.]+), 95% 쌍체 부트스트랩 구간 \[([+-][\d.]+), ([+-][\d.]+)\]", text)
    return tuple(float(x) for x in found.groups())


def _floats(pattern: str, text: str) -> list[float]:
    return [float(x) for x in re.search(pattern, text).group(1).split(", ")]


@pytest.fixture(scope="module")
def markdown(nb):
    return markdown_text(nb)


@pytest.fixture(scope="module")
def head500():
    sentences = load_head500()
    return sentences, sgns.build_vocab(sentences, min_count=5)


def test_parameters(params):
    assert params["SEED"] == 0 and params["K"] == 5
    assert params["EPOCHS"] == 10  # 4.6절의 글이 "기본 10" 이라고 말함
    assert (params["OWN_DIM"], params["OWN_EPOCHS"], params["OWN_LR"]) == (30, 3, 0.1)


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


def test_stable_log_sigmoid_line(nb):
    x = np.array([40.0, -800.0])
    with np.errstate(divide="ignore"):
        naive = 0.0 - np.log(sgns.sigmoid(x))
    stable = -sgns.log_sigmoid(x)
    assert naive[0] == 0.0 and np.isinf(naive[1]) and np.all(np.isfinite(stable)) and np.all(stable > 0)
    assert (
        f"-log(σ(x)) 그대로: {naive[0]:.2e}, {naive[1]:.2e} | 안정한 -log σ(x): {stable[0]:.2e}, {stable[1]:.2e}"
    ) in _output(nb, "c09")


def test_derivations_are_solution_cells_with_visible_questions(nb):
    tagged = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert [c.cell_type for c in tagged] == ["markdown", "markdown"]
    assert [c.source.splitlines()[0] for c in tagged] == [
        "#### 1단계 유도: 점수로 미분",
        "#### 2단계 유도: 벡터로 미분",
    ]
    cells = nb.cells
    for cell, question in zip(tagged, ["**질문 1 (1단계).**", "**질문 2 (2단계).**"], strict=True):
        before = cells[cells.index(cell) - 1]
        assert before.cell_type == "markdown" and question in before.source
        assert not before.metadata.get("tags")
    # 1단계 풀이 다음에 그 단계를 확인하는 연습문제 1, 2단계 풀이 다음에 연습문제 2
    first, second = (cells.index(c) for c in tagged)
    assert cells[first + 1].source.startswith("### 연습문제 1:")
    assert cells[second + 1].source.startswith("### 연습문제 2:")
    for fragment in ANSWER_FRAGMENTS:
        assert any(fragment in c.source for c in tagged), fragment  # 풀이에는 있고
        untagged = [c for c in cells if c.cell_type == "markdown" and not c.metadata.get("tags")]
        assert not any(fragment in c.source for c in untagged), fragment  # 태그 없는 셀에는 없음


def test_student_edition_has_no_derivation_answer():
    from make_student import student_version
    from notebook_outputs import load_notebook

    from conftest import REPO

    student = student_version(load_notebook("04_math.ipynb"), "04_math.ipynb")
    text = "\n".join(c.source for c in student.cells)
    assert not any(fragment in text for fragment in ANSWER_FRAGMENTS)
    assert text.count("✍️ **직접 유도해 보세요.**") == 2 and "#### 1단계 유도: 점수로 미분" in text
    committed = (REPO / "student" / "04_math.ipynb").read_text(encoding="utf8")
    assert not any(fragment.replace("\\", "\\\\") in committed for fragment in ANSWER_FRAGMENTS)


def test_exercises_in_order_and_later_cells_use_the_reference(nb):
    sources = [c.source for c in nb.cells]
    headings = [s.split("\n")[0] for s in sources if s.startswith("### 연습문제")]
    assert [h.split(":")[0] for h in headings] == [f"### 연습문제 {n}" for n in range(1, 5)]
    statuses = check_statuses(nb)
    position = 0
    for function, check in EXERCISES:
        solution = next(i for i in range(position, len(sources)) if sources[i].startswith(f"def {function}("))
        assert "### BEGIN SOLUTION" in sources[solution]
        assert sources[solution + 1].strip() == f"sgns.checks.{check}({function})"
        assert statuses[function] == "pass"
        position = solution + 2
        # 뒤의 연습문제 풀이는 앞의 연습문제 함수를 써도 되지만, 수업 셀은 참조 구현만 씁니다
        later = [s for s in sources[position:] if "run_own_trainer(" not in s and "### BEGIN SOLUTION" not in s]
        assert not any(re.search(rf"(?<![.\w]){function}\(", s) for s in later), function
    # 학생의 반복문을 실제 텍스트로 돌리는 셀만 학생 함수를 (확인을 통과했을 때만 쓰는 도우미로) 넘깁니다
    own = _cell(nb, "c-real-own").source
    assert "run_own_trainer(train_sgns, sgd_step," in own and "own.message" in own


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


def test_add_at_keeps_every_repeat_and_fancy_index_does_not(nb):
    rows = np.array([1, 3, 1, 1])
    W = np.zeros(4)
    W[rows] += 1.0
    A = np.zeros(4)
    np.add.at(A, rows, 1.0)
    assert W.tolist() == [0, 1, 0, 1] and A.tolist() == [0, 3, 0, 1]
    text = _output(nb, "c-addat")
    assert f"W[rows] += 1      → {W}" in text and f"np.add.at(W, ...) → {A}" in text


def test_real_text_data_and_the_library_run(nb, params, head500):
    sentences, vocab = head500
    own_sentences = [[w for w in s if w in vocab] for s in sentences]
    n_kept = sum(map(len, own_sentences))
    data = _output(nb, "c-real-data")
    assert f"문장 {len(sentences)}개, 토큰 {sum(map(len, sentences)):,}개, 어휘 {len(vocab):,}개" in data
    assert f"어휘 안의 토큰 {n_kept:,}개, 에폭마다 쌍 {2 * (n_kept - len(sentences)):,}개 (윈도우 1)" in data
    # 4.5절의 sgns.train 쪽은 짧으므로 다시 학습해 저장된 출력과 비교합니다
    library = sgns.train(
        own_sentences, vector_size=params["OWN_DIM"], window=1, negative=params["K"], epochs=params["OWN_EPOCHS"],
        alpha=params["OWN_LR"], min_alpha=1e-4, batch_size=512, sample=0.0, min_count=1, seed=params["SEED"],
    )  # fmt: skip
    assert library.words == vocab.words
    score = library.evaluate_word_pairs(sgns.data.wordsim353_path())
    text = _output(nb, "c-real-library")
    assert f"(K+1) log 2 = {(params['K'] + 1) * np.log(2):.3f}" in text
    assert (
        f"에폭별 손실 {', '.join(f'{x:.3f}' for x in library.loss_history)}, "
        f"WordSim-353 ρ = {score.spearman:.3f} ({score.n_covered}쌍)"
    ) in text


def test_own_trainer_matches_the_library_as_the_text_says(nb, params):
    library_text, own_text = _output(nb, "c-real-library"), _output(nb, "c-real-own")
    library_losses = _floats(r"sgns\.train\s+: 에폭별 손실 ([\d., ]+?), WordSim", library_text)
    own_losses = _floats(r"train_sgns: 에폭별 손실 ([\d., ]+?), WordSim", own_text)
    assert len(own_losses) == len(library_losses) == params["OWN_EPOCHS"]
    assert own_losses[-1] < own_losses[0]
    gap = float(re.search(r"에폭별 손실의 차이: 가장 큰 것 ([\d.]+)", own_text).group(1))
    assert abs(gap - max(abs(a - b) for a, b in zip(own_losses, library_losses, strict=True))) <= 0.0015
    rho_library = float(re.search(r"sgns\.train .*ρ = ([\d.]+) \((\d+)쌍\)", library_text).group(1))
    rho_own, n = re.search(r"train_sgns: .*ρ = ([\d.]+) \((\d+)쌍\)", own_text).groups()
    diff, low, high = _paired(own_text)
    assert abs(diff - (float(rho_own) - rho_library)) <= 0.0015 and low < 0 < high  # 글: 구별할 수 없음
    # 글: ρ 도 0 보다 분명히 큼 (Fisher z 구간)
    assert spearman_interval(rho_library, int(n)).low > 0 and spearman_interval(float(rho_own), int(n)).low > 0
    # 글이 말하는 숫자는 출력의 숫자
    text = _cell(nb, "c-real-read").source
    said = numbers_in(text)
    for value in [*own_losses, *library_losses, float(rho_own), rho_library, low, high]:
        assert value in said or -value in said, value
    assert gap <= 0.002 and 0.002 in said
    assert round((params["K"] + 1) * np.log(2), 3) in said and int(n) in said
    timing = _cell(nb, "c-real-time")
    assert "nbval-ignore-output" in timing.metadata.get("tags", [])
    assert float(re.search(r"→ (\d+)배", cell_output_text(timing)).group(1)) > 1  # 글: sgns.train 이 더 빠름


def test_head500_training_uses_gensim_defaults(nb, out, params):
    import inspect

    from gensim.models import Word2Vec

    source = _cell(nb, "c22").source
    train_params = eval(re.search(r"PARAMS = (dict\(.*?\))", source).group(1), {"K": 5})
    defaults = inspect.signature(Word2Vec).parameters
    assert train_params and all(defaults[name].default == value for name, value in train_params.items())
    assert defaults["sg"].default == 0  # gensim 의 기본은 CBOW: 노트북은 스킵-그램 (sg=1) 만 바꿈
    losses = _floats(r"에폭별 쌍 하나당 평균 손실: ([\d., ]+)", out)
    assert len(losses) == params["EPOCHS"] and all(b < a for a, b in zip(losses, losses[1:], strict=False))
    neighbours = _output(nb, "c28")
    assert re.search(r"church: .*cathol", neighbours)


def _table_rows(text: str) -> dict[str, list[str]]:
    """show_table 의 텍스트 표 (머리글, 구분선, 줄) 에서 첫 열 -> 나머지 열."""
    rows = {}
    for line in text.splitlines()[2:]:
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) > 1:
            rows[cells[0]] = cells[1:]
    return rows


def test_which_matrix_is_the_embedding(nb):
    text = _output(nb, "c-which-table")
    rows = _table_rows(text)
    rho = {name: float(values[0]) for name, values in rows.items()}
    correct = {name: int(values[1].split("/")[0]) for name, values in rows.items()}
    assert set(rho) == {"v (중심 단어 벡터)", "u (주변 단어 벡터)", "v + u"}
    diff, low, high = _paired(text)
    assert abs(diff - (rho["v + u"] - rho["v (중심 단어 벡터)"])) <= 0.0015
    # 글: v + u 가 WordSim 에서 가장 높지만 구간 아래 끝이 0 을 겨우 넘고 (글의 숫자 = 출력의 아래 끝),
    # 유추에서는 v 보다 많이 맞히지 않음
    assert rho["v + u"] == max(rho.values()) and 0 < low < 0.001 < high
    assert "→ 0을 포함하지 않음" in text
    assert low in numbers_in(_cell(nb, "c-which-read").source)
    assert correct["v + u"] <= correct["v (중심 단어 벡터)"]
    said = numbers_in(_cell(nb, "c-which-read").source)
    for value in [rho["u (주변 단어 벡터)"], rho["v (중심 단어 벡터)"], rho["v + u"], diff,
                  correct["v + u"], correct["v (중심 단어 벡터)"]]:  # fmt: skip
        assert value in said, value


def test_analogies_are_solved_by_the_stored_vectors(nb, head500):
    text = _output(nb, "c-analogy-examples")
    lines = {line.split("  →")[0]: line for line in text.splitlines() if "→" in line}
    for question, answer in [("man : woman = father : ?", "mother"), ("moscow : russia = tokyo : ?", "japan"),
                             ("brother : sister = son : ?", "daughter")]:  # fmt: skip
        found = lines[question].split("→  ")[1]
        assert found.startswith(f"{answer} (") and lines[question].endswith(f"정답 {answer}: 맞음")
    assert not lines["man : king = woman : ?"].split("→  ")[1].startswith("queen") and text.count("틀림") == 1
    _, vocab = head500
    assert "queen" in vocab  # 글: queen 은 어휘에 있음
    # 평가 자료의 범위는 학습 없이 셀 수 있음: 네 단어가 모두 어휘에 있는 문제 수
    upper = {w.upper() for w in vocab.words}
    questions = read_analogies(sgns.data.analogies_path())
    covered = [q for q in questions if all(w.upper() in upper for w in q[1:])]
    n_correct, share = re.search(rf"{len(covered):,}개에서 (\d+)개 정답 \(([\d.]+)%\)", text).groups()
    assert f"유추 문제 {len(questions):,}개 중" in text
    assert abs(int(n_correct) / len(covered) * 100 - float(share)) < 0.05
    best = re.search(r"gram6-nationality-adjective (\d+)/", text).group(1)
    said = numbers_in(_cell(nb, "c-analogy-read").source)
    assert len(covered) in said and int(n_correct) in said and float(share) in said and int(best) in said


def test_word_groups_interpretation(nb):
    share = re.search(r"두 주성분이 담은 분산: (\d+)% \+ (\d+)% = (\d+)%", _output(nb, "c30")).group(3)
    text = _output(nb, "c33")
    rows = re.findall(r"(\S+): 같은 무리끼리 ([\d.]+), 다른 무리와 ([\d.]+) \(차이 ([+-][\d.]+)\)", text)
    assert [r[0] for r in rows] == ["국적", "종교", "음악", "영화"]
    gaps = []
    for _, within, between, diff in rows:
        assert float(within) > float(between) and abs(float(within) - float(between) - float(diff)) < 0.0015
        gaps.append(float(diff))
    assert "모든 무리에서 같은 무리끼리가 더 가까움: True" in text
    count, strays = re.search(r"다른 무리에 더 가까운 단어 (\d+)/24개: (.*)", text).groups()
    said = markdown_sources(nb)
    groups_text = _cell(nb, "c34").source
    assert int(count) in numbers_in(groups_text) and all(s in groups_text for s in strays.split(", "))
    assert min(gaps) in numbers_in(groups_text) and max(gaps) in numbers_in(groups_text)
    assert int(share) in numbers_in(groups_text) and int(share) in numbers_in(_cell(nb, "c32").source)
    assert said  # 마크다운이 있음


def test_wordsim_interval_is_fisher_z(nb):
    text = _output(nb, "c36")
    rho, n = re.search(r"sgns: Spearman ρ = ([\d.]+), 평가 쌍 (\d+)/353", text).groups()
    rho, n = float(rho), int(n)
    interval = spearman_interval(rho, n)
    se = spearman_standard_error(n)
    assert f"1.03/√(n-3) = {se:.3f}" in text
    width = float(f"{interval.high:.3f}") - float(f"{interval.low:.3f}")
    assert f"[{interval.low:.3f}, {interval.high:.3f}] (폭 {interval.high - interval.low:.3f})" in text
    # 구간은 ρ 에 대해 대칭이 아님 (z 척도에서 대칭): 글의 설명
    assert interval.high - rho < rho - interval.low
    assert interval.low > 0  # 글: 구간 전체가 0 보다 훨씬 위
    said = numbers_in(_cell(nb, "c36-read").source)
    assert n in said and round(interval.low, 3) in said and round(interval.high, 3) in said
    assert any(abs(width - value) < 0.0015 for value in said)


def test_gensim_comparison_is_paired(nb):
    table = _output(nb, "c38")
    interval = r"([\d.]+) \[([\d.]+), ([\d.]+)\]"
    ours = re.search(rf"WordSim-353 ρ \[95% 구간\]\s+{interval}\s+{interval}", table)
    rho_ours, low_ours, high_ours, rho_theirs = (float(ours.group(i)) for i in (1, 2, 3, 4))
    n = int(re.search(r"WordSim-353 평가 쌍\s+(\d+)/353\s+(\d+)/353", table).group(1))
    low_theirs, high_theirs = float(ours.group(5)), float(ours.group(6))
    recomputed = spearman_interval(rho_theirs, n)  # 출력의 ρ 는 반올림된 값이라 조금 다를 수 있음
    assert abs(recomputed.low - low_theirs) < 0.002 and abs(recomputed.high - high_theirs) < 0.002
    paired = _output(nb, "c41")
    diff = float(re.search(r"ρ 차이 \(sgns - gensim\) = ([+-][\d.]+)", paired).group(1))
    found = re.search(r"구간 \[([+-][\d.]+), ([+-][\d.]+)\] \(폭 ([\d.]+)\)", paired)
    low, high, width = (float(x) for x in found.groups())
    assert abs(diff - (rho_ours - rho_theirs)) <= 0.0015 and f"공통 평가 쌍 {n}개" in paired
    # 판정은 구간에서 계산한 것이고, 글은 그 판정대로 읽습니다
    assert (low < 0 < high) and "0을 포함: 이 평가로는 순서를 말할 수 없음" in paired
    # 글: 쌍체 구간이 한 모델의 구간보다 훨씬 좁음
    assert width < (high_ours - low_ours) / 2
    analogies = re.search(r"유추 정답\s+(\d+)/\d+\s+(\d+)/\d+", table).groups()
    said = numbers_in(_cell(nb, "c42").source)
    for value in [rho_ours, rho_theirs, diff, low, high, width, round(high_ours - low_ours, 3), *map(int, analogies)]:
        assert value in said or -value in said, value
    assert "nbval-ignore-output" in _cell(nb, "c39").metadata.get("tags", [])


def test_pmi_experiment_claims(nb, out, params):
    corpus = synthetic_corpus(params["PMI_SENTENCES"], seed=params["SEED"])
    vocab = sgns.build_vocab(corpus.sentences, min_count=1)
    ids, sent = encode_corpus(corpus.sentences, vocab)
    cooc = cooccurrence_matrix(*skipgram_pair_arrays(ids, sent, 1), len(vocab))
    assert f"토큰 {corpus.num_tokens:,}개, V = {len(vocab)}, 관측된 칸 {int((cooc > 0).sum()):,}개" in out
    # 마크다운의 주장: 3/4 제곱 PMI 가 더 잘 맞음
    r = {p: float(v) for p, v in re.findall(r"context_power=([\d.]+): 피어슨 r = ([\d.]+)", out)}
    assert r["0.75"] > r["1.0"] > 0.8
    rows = _table_rows(_output(nb, "c48"))
    # 자주 나온 칸은 정확한 최적점과 거의 겹치고, 한 번 나온 칸은 두 목표보다 아래
    _, lg_diff, _, _, exact_diff, _ = (float(x) for x in rows["20번 이상 나온 칸"])
    assert abs(exact_diff) < 0.1 < lg_diff
    once = [float(x) for x in rows["1번 나온 칸"]]
    assert once[1] < 0 and once[4] < 0


def test_course_notation_in_headings_and_optional_section(nb, markdown):
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert not any("$" in h for h in headings)
    assert "## 4.7 선택 심화: 최적점에서 내적은 PMI − log K" in headings
    assert r"\mathrm{PMI}(c,o) - \log K" in markdown and r"K\,\#(c)\,P_n(o)" in markdown
    assert r"- \log k" not in markdown and r"k\,\#(c)" not in markdown  # 개수는 K (k 는 번호)
    assert "(w,c)" not in markdown and "(w, c)" not in markdown and r"\#(w)" not in markdown
    assert r"$\delta$" in markdown and r"(m-\delta+1)/m" in markdown
    # 원문과 논문이 개수를 k 로 쓴다는 것을 한 번 말함
    assert sum("k$로 써서" in s or "개수를 $k$로" in s for s in markdown_sources(nb)) >= 1
    assert not any("# NBVAL" in c.source for c in code_cells(nb))


def test_each_question_has_an_answer_key(nb):
    cells = nb.cells
    start = next(i for i, c in enumerate(cells) if c.source.startswith("## 생각해 볼 문제"))
    questions = re.findall(r"^\d+\. ", cells[start].source, flags=re.MULTILINE)
    answers = [c for c in cells[start + 1 :] if "answer-key" in c.metadata.get("tags", [])]
    assert len(questions) == len(answers) == len(cells) - start - 1 >= 3
    assert [a.source.split(".")[0] for a in answers] == [f"**{n}번 답" for n in range(1, len(questions) + 1)]
