"""04b_training.ipynb (4장 둘째 시간) 의 저장된 출력이 논지의 숫자를 담고 있고, 그 숫자가 지금의 sgns 계산과 같은지.

오래 걸리는 학습 (head500 10 에폭, gensim, 학생 반복문) 은 다시 하지 않고 (nbval 이 노트북을 다시 실행해 출력을
비교합니다), 저장된 출력끼리와 마크다운의 주장이 맞는지, 그리고 학습 없이 다시 셀 수 있는 것 (어휘, 쌍 수, 평가
자료의 범위, 신뢰구간, 학습기의 초기값) 을 sgns 로 다시 계산해 봅니다. 짧은 `sgns.train` 학습 (4.7절) 은 다시 합니다.
"""

import re

import numpy as np
import pytest
from notebook_outputs import (
    assert_each_question_has_an_answer_key,
    cell_output_text,
    check_statuses,
    code_cells,
    markdown_sources,
    markdown_text,
    notebook_fixtures,
    numbers_in,
    text_table_rows,
)

import sgns
from sgns.corpus import encode_corpus, skipgram_pair_arrays
from sgns.data import DOC_SENTENCE, load_head500
from sgns.evaluate import read_analogies, spearman_interval, spearman_standard_error
from sgns.lessons.optimum import corpus_objective, zero_vector_objective

nb, params, out = notebook_fixtures("04b_training.ipynb", output_name="out")

# 기본값에서의 숫자를 글로 말하는 셀 (그 셀은 "기본값에서" 라고 밝힙니다)
SEED_DEPENDENT_READINGS = ["c-real-read", "c-analogy-read", "c32", "c36-read", "c42", "c-which-read"]


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
    assert params["EPOCHS"] == 10
    assert (params["OWN_DIM"], params["OWN_EPOCHS"], params["OWN_LR"]) == (30, 3, 0.1)


def _doc_objective(params):
    vocab = sgns.build_vocab([DOC_SENTENCE])
    ids, sent = encode_corpus([DOC_SENTENCE], vocab)
    K = params["K"]
    centers, _ = skipgram_pair_arrays(ids, sent, 2)
    negatives = sgns.NegativeSampler(vocab.counts, seed=params["SEED"]).sample((len(centers), K))
    return vocab, ids, sent, negatives


def test_full_objective_small_example(out, params):
    vocab, ids, sent, negatives = _doc_objective(params)
    K = params["K"]
    zero = np.zeros((len(vocab), 8))
    j0 = corpus_objective(zero, zero, ids, sent, 2, negatives)
    expected = zero_vector_objective(j0.n_pairs, j0.n_positions, K)
    assert f"T = {j0.n_positions}, |D| = {j0.n_pairs}, m = 2, K = {K}" in out
    assert f"벡터가 모두 0: J(θ) = {j0.objective:.4f}, (|D|/T)(K+1)log 2 = {expected:.4f}" in out


def test_objective_starts_where_the_trainer_starts(nb, out, params):
    """바로잡기: 4.5절은 학습기가 하는 대로 v 를 작은 무작위 값, u 를 0 으로 시작합니다 (무작위 U 가 아님)."""
    vocab, ids, sent, negatives = _doc_objective(params)
    V, d = len(vocab), 8
    weights = sgns.trainer.init_weights(V, d, np.random.default_rng(params["SEED"])).astype(np.float64)
    center, outside = weights[:V], weights[V:]
    assert np.all(outside == 0) and 0 < np.abs(center).max() <= 0.5 / d
    # sgns.train 의 결과도 이 초기값에서 출발함: 0 에폭이 없으니 학습기 코드의 초기값 함수를 직접 봅니다
    j_start = corpus_objective(center, outside, ids, sent, 2, negatives)
    j0 = corpus_objective(np.zeros((V, d)), np.zeros((V, d)), ids, sent, 2, negatives)
    assert j_start.objective == j0.objective
    assert np.isclose(j_start.mean_pair_loss, (params["K"] + 1) * np.log(2))
    assert f"학습기의 출발점: J(θ) = {j_start.objective:.4f} (모두 0일 때와 같음: True)" in out
    assert f"쌍 하나당 평균 손실 = {j_start.mean_pair_loss:.4f}" in out
    assert "u_w가 모두 0: True" in out and "|v·u|의 최댓값 = 0.000" in out
    source = _cell(nb, "c18").source  # 모두 0 일 때와 학습기의 출발점을 한 셀에서
    assert "init_weights(" in source and "rng.normal" not in source
    # 반복문의 초기값 (연습문제 4 의 글과 풀이) 도 같은 것
    loop = _cell(nb, "c-ex4-solution").source
    assert "(rng.random((V, dim)) - 0.5) / dim" in loop and "np.zeros((V, dim))" in loop


def test_exercise_and_the_reference_step(nb):
    sources = [c.source for c in nb.cells]
    headings = [s.split("\n")[0] for s in sources if s.startswith("### 연습문제")]
    assert [h.split(":")[0] for h in headings] == ["### 연습문제 4", "### 연습문제 5", "### 연습문제 6"]
    # 정답과 같은 네거티브의 건너뛰기 (4장 유도 2 의 (나)) 는 반복문 바로 뒤, sgns.train 과 비교하기 전에
    mask = next(i for i, s in enumerate(sources) if s.startswith("def negative_mask("))
    assert sources[mask + 1].strip() == "sgns.checks.check_negative_mask(negative_mask)"
    assert check_statuses(nb)["negative_mask"] == "pass"
    assert sources.index(next(s for s in sources if s.startswith("## 4.6"))) < mask
    assert mask < sources.index(next(s for s in sources if s.startswith("## 4.7")))
    assert sum(s.startswith("## 개념 확인") for s in sources) == 1
    solution = next(i for i, s in enumerate(sources) if s.startswith("def train_sgns("))
    assert "### BEGIN SOLUTION" in sources[solution]
    assert sources[solution + 1].strip() == "sgns.checks.check_train_sgns(train_sgns)"
    assert check_statuses(nb)["train_sgns"] == "pass"
    # 4장의 sgd_step 자리에 참조 구현을 넘기고, 학생의 반복문은 확인을 통과했을 때만 도우미가 돌림
    assert "sgd_step = reference_sgd_step" in _cell(nb, "c-real-data").source
    own = _cell(nb, "c-real-library").source  # sgns.train 과 여러분의 반복문을 한 셀에서
    assert "run_own_trainer(train_sgns, sgd_step," in own and "own.message" in own
    later = [s for s in sources[solution + 2 :] if "run_own_trainer(" not in s]
    assert not any(re.search(r"(?<![.\w])train_sgns\(", s) for s in later)


def test_real_text_data_and_the_library_run(nb, params, head500):
    sentences, vocab = head500
    own_sentences = [[w for w in s if w in vocab] for s in sentences]
    n_kept = sum(map(len, own_sentences))
    data = _output(nb, "c-real-data")
    assert f"문장 {len(sentences)}개, 토큰 {sum(map(len, sentences)):,}개, 어휘 {len(vocab):,}개" in data
    assert f"어휘 안의 토큰 {n_kept:,}개, 에폭마다 쌍 {2 * (n_kept - len(sentences)):,}개 (윈도우 1)" in data
    # 4.7절의 sgns.train 쪽은 짧으므로 다시 학습해 저장된 출력과 비교합니다
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
    library_text = own_text = _output(nb, "c-real-library")
    library_losses = _floats(r"sgns\.train\s+: 에폭별 손실 ([\d., ]+?), WordSim", library_text)
    own_losses = _floats(r"train_sgns: 에폭별 손실 ([\d., ]+?), WordSim", own_text)
    assert len(own_losses) == len(library_losses) == params["OWN_EPOCHS"]
    assert own_losses[-1] < own_losses[0]
    gap = float(re.search(r"에폭별 손실의 차이: 가장 큰 것 ([\d.]+)", own_text).group(1))
    assert abs(gap - max(abs(a - b) for a, b in zip(own_losses, library_losses, strict=True))) <= 0.0015
    rho_library = float(re.search(r"sgns\.train .*ρ = ([\d.]+) \((\d+)쌍\)", library_text).group(1))
    rho_own, n = re.search(r"train_sgns: .*ρ = ([\d.]+) \((\d+)쌍\)", own_text).groups()
    diff, low, high = _paired(own_text)
    assert abs(diff - (float(rho_own) - rho_library)) <= 0.0015 and low < 0 < high  # 글: 차이를 찾지 못함
    # 바로잡기: 0 을 포함하는 구간은 같다는 증거가 아님. 구간은 손실 차이보다 수십 배 넓은 차이도 담음
    assert high - low > 0.1 and high - low > 50 * gap
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
    """바로잡기: gensim 의 기본 에폭은 5 (10 이 아님). 노트북은 그 값을 gensim 의 함수 정의에서 읽어 출력합니다."""
    import inspect

    from gensim.models import Word2Vec

    source = _cell(nb, "c22").source
    train_params = eval(re.search(r"PARAMS = (dict\(.*?\))", source).group(1), {"K": 5})
    defaults = inspect.signature(Word2Vec).parameters
    assert train_params and all(defaults[name].default == value for name, value in train_params.items())
    assert defaults["sg"].default == 0 and defaults["epochs"].default == 5
    text = _output(nb, "c22")
    assert "PARAMS가 gensim 기본값과 같음: True" in text
    assert f"gensim 기본값: sg={defaults['sg'].default} (CBOW), epochs={defaults['epochs'].default}" in text
    assert params["EPOCHS"] != defaults["epochs"].default and f"epochs={params['EPOCHS']}" in text
    assert "signature(Word2Vec)" in source  # 숫자를 적지 않고 읽음
    losses = _floats(r"에폭별 쌍 하나당 평균 손실: ([\d., ]+)", out)
    assert len(losses) == params["EPOCHS"] and all(b < a for a, b in zip(losses, losses[1:], strict=False))
    neighbours = _output(nb, "c28")
    assert re.search(r"church: .*cathol", neighbours)


def test_which_matrix_is_the_embedding(nb):
    text = _output(nb, "c-which-table")
    rows = text_table_rows(text)
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
    text = _output(nb, "c30")
    rows = re.findall(r"(\S+): 같은 범주끼리 ([\d.]+), 다른 범주와 ([\d.]+) \(차이 ([+-][\d.]+)\)", text)
    assert [r[0] for r in rows] == ["국적", "종교", "음악", "영화"]
    gaps = []
    for _, within, between, diff in rows:
        assert float(within) > float(between) and abs(float(within) - float(between) - float(diff)) < 0.0015
        gaps.append(float(diff))
    assert "모든 범주에서 같은 범주끼리가 더 가까움: True" in text
    count, strays = re.search(r"다른 범주에 더 가까운 단어 (\d+)/24개: (.*)", text).groups()
    said = markdown_sources(nb)
    groups_text = _cell(nb, "c32").source
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
    paired = _output(nb, "c38")
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


def test_each_question_has_an_answer_key(nb):
    assert_each_question_has_an_answer_key(nb)


def test_seed_dependent_readings_say_they_hold_for_the_defaults(nb, params):
    assert params["SEED"] == 0  # 글의 숫자는 이 기본값에서 저장된 출력의 숫자
    for cell_id in SEED_DEPENDENT_READINGS:
        assert "기본값" in _cell(nb, cell_id).source, cell_id


def test_terms_word_group_and_score_keep_one_meaning(nb, markdown):
    """단어 무리는 심어 둔 무리에만, 점수는 s = u·v 에만 씁니다 (평가의 숫자는 상관계수, 정확도)."""
    for source in markdown_sources(nb):
        if "단어 무리" in source:
            assert "심어" in source or "합성 말뭉치" in source, source[:60]
    text = "\n".join(cell_output_text(c) for c in code_cells(nb))
    assert "무리" not in text.replace("단어 무리를 찾았습니다", "")  # 실제 말뭉치의 출력은 '범주'
    for phrase in ("유사도 점수", "평가 점수", "WordSim-353 점수", "ρ 점수"):
        assert phrase not in markdown, phrase
    # 기호는 뜻마다 하나: 쌍의 수는 |D| (P 는 확률 P_n), 말뭉치 길이는 T, 배치 수는 N
    assert "$P$" not in markdown and "(P, 2)" not in markdown and "(P/T)" not in text
    assert r"n/N" in _cell(nb, "c-loop").source and "전체 배치 수 N" in _cell(nb, "c-ex4-solution").source


def test_evaluation_statistics_have_their_home_here(nb, markdown):
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    home = [h for h in headings if "Fisher" in h and "부트스트랩" in h]
    assert len(home) == 1
    assert "1.03/\\sqrt{n-3}" in markdown and "artanh" in markdown
    assert not any("$" in h for h in headings)
    assert not any("# NBVAL" in c.source for c in code_cells(nb))


def test_code_docstrings_say_반환(nb):
    assert not any("Returns:" in c.source for c in code_cells(nb))
    assert all("반환" in c.source for c in code_cells(nb) if '"""' in c.source)


def test_wordsim_interval_width_answer(nb):
    """생각해 볼 문제 2 의 답: 353 쌍이면 z 의 표준오차가 sqrt(93/350) ≈ 0.52 배."""
    ratio = spearman_standard_error(353) / spearman_standard_error(96)
    assert round(ratio, 2) in numbers_in(_cell(nb, "c52-a2").source)


def test_fisher_interval_by_hand_matches_the_helper(nb):
    text = _output(nb, "c36")
    rho, n = re.search(r"sgns: Spearman ρ = ([\d.]+), 평가 쌍 (\d+)/353", text).groups()
    hand = _output(nb, "c36-hand-check")
    assert "spearman_interval과 같음: True" in hand
    z = float(re.search(r"z = ([\d.]+),", hand).group(1))
    assert abs(z - np.arctanh(float(rho))) < 0.002
    interval = spearman_interval(float(rho), int(n))
    assert f"[{interval.low:.3f}, {interval.high:.3f}]" in hand
    said = numbers_in(_cell(nb, "c36-hand").source)
    assert float(rho) in said and int(n) in said and int(n) - 3 in said


def test_neighbours_and_3cosadd_use_the_students_cosine_neighbours(nb):
    """연습문제 6 의 nearest_neighbours 가 이웃과 유추 (b - a + c, 세 단어를 뺌) 를 찾고, 학습기의 답과 같음."""
    statuses = check_statuses(nb)
    assert statuses["nearest_neighbours"] == "pass" and statuses["quiz_04b"] == "pass"
    neighbours = _cell(nb, "c28")
    assert 'evaluate("nb04-nearest-neighbours", nearest_neighbours)' in neighbours.source
    assert "nearest_neighbors(normalize_rows(vectors)" in neighbours.source  # 풀기 전에는 sgns 의 같은 계산
    text = cell_output_text(neighbours)
    assert "이웃 찾기: 여러분의 nearest_neighbours" in text and "model.most_similar와 같은 이웃: True" in text
    analogy = _cell(nb, "c-analogy-examples")
    assert "exclude=[ia, ib, ic]" in analogy.source and "unit[ib] - unit[ia] + unit[ic]" in analogy.source
    assert "model.analogy와 같은 답: True" in cell_output_text(analogy)


def test_collisions_with_the_true_context_word_are_counted_live(nb):
    """정답 주변 단어와 같은 네거티브: head500 의 윈도우 1 쌍에 P_n ∝ f^(3/4) 로 뽑아 셈 (글: 한 에폭에 천 번 넘게)."""
    sentences = load_head500()
    vocab = sgns.build_vocab(sentences, min_count=5)
    ids, sentence_ids = encode_corpus(sentences, vocab)
    _, outsides = skipgram_pair_arrays(ids, sentence_ids, 1)
    sampler = sgns.NegativeSampler(vocab.counts, seed=0)
    same = sampler.sample((len(outsides), 5)) == outsides[:, None]
    expected = np.bincount(outsides, minlength=len(vocab)) / len(outsides) @ sampler.probs
    text = _output(nb, "c-mask-count")
    assert f"o와 같은 것 {same.sum():,}개 ({same.mean():.3%}, 식 Σ q(w) P_n(w) = {expected:.3%})" in text
    assert abs(same.mean() - expected) < 0.2 * expected  # 센 비율이 식과 맞음
    assert same.sum() > 1000 and "천 번 넘게" in _cell(nb, "c-mask-read").source
    # 글: 흔한 단어일수록 자주 겹침. 가장 자주 겹친 단어들은 말뭉치에서 흔한 단어 (빈도 상위 10개 안)
    shown = re.search(r"가장 자주 겹친 단어: (.+)", text).group(1)
    top_words = [part.split(" (")[0] for part in shown.split(", ")]
    frequent = {vocab.words[w] for w in np.argsort(-np.asarray(vocab.counts), kind="stable")[:10]}
    assert len(top_words) == 3 and set(top_words) <= frequent


def test_unigram_distribution_is_f_not_u(markdown):
    """U 는 주변 단어 벡터 행렬뿐: 잡음 분포는 상대 빈도 f(w) 로 씁니다."""
    assert "U^{3/4}" not in markdown and "U(w)" not in markdown
    assert r"f(w)^{3/4}" in markdown
