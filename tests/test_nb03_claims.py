"""3장 노트북의 주장: 저장된 출력의 숫자가 지금 sgns 가 계산하는 값과 같고, 글이 말하는 사실이 그 숫자에서 성립하는지.

다시 계산하는 것: 3.4절의 학습 한 번. 3.5절의 K 실험 (설정 3가지 x 시드 N_SEEDS개 x K 5가지, 학습 45번) 은 다시
하지 않고 저장된 출력의 표에서 읽습니다: make test 의 nbval 이 노트북을 다시 실행해 그 출력이 지금 코드가 내는 값과
같은지 비교합니다 (그 셀들에는 nbval-ignore-output 이 없음, ``test_timing_cell_is_ignored_by_tag``). 여기서는 그
표들이 서로 맞는지 (요약 줄이 표의 차이와 같은지 등) 와 글의 해석(같은 에폭에서는 K 의 효과가 크고, 갱신 수를
맞추면 차이의 대부분이 사라지는 것 등)이 그 숫자에서 성립하는지를 봅니다.
"""

import ast
import re
import warnings
from dataclasses import dataclass

import numpy as np
import pytest
from notebook_outputs import (
    NOTEBOOK_DIR,
    all_output_text,
    cell_output_text,
    check_statuses,
    code_cells,
    display_mime_types,
    find_cell_index,
    markdown_sources,
    markdown_text,
    notebook_fixtures,
    text_table_rows,
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
)
from sgns.lessons.optimum import loss_terms
from sgns.plotting import Table

nb, params, output = notebook_fixtures("03_how_it_works.ipynb")

SAME_EPOCHS, SAME_UPDATES, LARGE = "작은 말뭉치, 같은 에폭", "작은 말뭉치, 같은 갱신 수", "큰 말뭉치, 같은 에폭"


@pytest.fixture(scope="module")
def run(params):
    """3.4절의 학습을 노트북과 같은 매개변수로 다시 합니다."""
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


@dataclass(frozen=True)
class KRow:
    """3.5절 출력에서 읽은 K 하나의 요약 (시드들의 평균과 범위; 감시 쌍의 평균 σ 는 큰 말뭉치만)."""

    negative: int
    accuracy: float
    accuracy_min: float
    accuracy_max: float
    true_mean: float | None = None
    noise_mean: float | None = None


@dataclass(frozen=True)
class Setting:
    """3.5절의 설정 하나: 말뭉치 (다시 만듦, 학습은 하지 않음), 출력의 에폭·학습한 쌍의 평균, K 마다의 요약."""

    corpus: object
    epochs: int
    pairs_trained: float
    rows: list[KRow]


def _table_output(nb, marker: str) -> str:
    """원문에 marker 가 든 셀이 보여 준 표 (display_data 의 text/plain)."""
    cell = next(c for c in code_cells(nb) if marker in c.source)
    [plain] = ["".join(o["data"]["text/plain"]) for o in cell.outputs if "text/plain" in o.get("data", {})]
    return plain


@pytest.fixture(scope="module")
def experiment(nb, params, run):
    """3.5절의 K 실험: 설정 이름 -> Setting. 숫자는 저장된 출력의 표에서 읽습니다 (모듈 설명 참고)."""
    p = params
    corpus = run[0]
    small = synthetic_corpus(num_sentences=p["SMALL_NUM_SENTENCES"], seed=p["SEED"])
    corpora = {SAME_EPOCHS: small, SAME_UPDATES: small, LARGE: corpus}
    settings = text_table_rows(_table_output(nb, '"학습한 쌍 (평균)"'))
    accuracy = text_table_rows(_table_output(nb, "accuracy_min"))
    watched = re.search(r"감시 쌍 평균 σ \(긍정 쌍 / 부정 쌍[^\n]*\n +(.*)\n", all_output_text(nb)).group(1)
    means = {int(k): (float(t), float(n)) for k, t, n in re.findall(r"K=(\d+): ([\d.]+) / ([\d.]+)", watched)}
    assert list(means) == p["K_VALUES"] == [int(k) for k in accuracy]
    result = {}
    for column, name in enumerate((SAME_EPOCHS, SAME_UPDATES, LARGE)):
        sentences, tokens, epochs, pairs = settings[name]
        c = corpora[name]
        assert (sentences, tokens) == (f"{len(c.sentences):,}", f"{c.num_tokens:,}")
        rows = []
        for k, cells in accuracy.items():
            mean, low, high = map(float, re.fullmatch(r"([\d.]+) \(([\d.]+)-([\d.]+)\)", cells[column]).groups())
            true_mean, noise_mean = means[int(k)] if name == LARGE else (None, None)
            rows.append(KRow(int(k), mean, low, high, true_mean, noise_mean))
        result[name] = Setting(c, int(epochs), float(pairs.replace(",", "")), rows)
    return result


def _accuracy(experiment, name) -> dict[int, float]:
    return {r.negative: r.accuracy for r in experiment[name].rows}


def _row(experiment, name, k):
    return next(r for r in experiment[name].rows if r.negative == k)


# 출력은 소수 셋째 자리까지: 반올림한 두 값의 차이는 참값의 차이와 0.001 까지 다를 수 있고, 그 차이를 다시 반올림해
# 출력하므로 0.0005 가 더해집니다.
ROUNDED_DIFFERENCE = 0.0015 + 1e-9


# ---------------------------------------------------------------------------
# 매개변수, 구성
# ---------------------------------------------------------------------------


def test_parameters(nb, params, run, output):
    assert params["SEED"] == 0  # 글의 해석은 기본 시드의 결과
    assert params["K_VALUES"] == [1, 2, 5, 10, 20]
    assert params["NEGATIVE"] in params["K_VALUES"]
    assert params["SMALL_NUM_SENTENCES"] < params["NUM_SENTENCES"]
    assert params["N_SEEDS"] >= 3  # 범위(가장 낮은 값-가장 높은 값)가 뜻이 있도록
    # 말뭉치의 토큰 수는 출력이 계산해 보여 줌 (매개변수 셀의 주석에 손으로 적지 않음)
    corpus = run[0]
    assert f"토큰 {corpus.num_tokens:,}개" in output


def test_section_headings_and_cross_references(nb):
    md = markdown_text(nb)
    headings = re.findall(r"^## (\d+\.\d+) ", md, flags=re.MULTILINE)
    assert headings == ["3.1", "3.2", "3.3", "3.4", "3.5"]
    assert not re.search(r"^## \d+\. ", md, flags=re.MULTILINE)
    assert not [line for line in md.splitlines() if line.startswith("#") and "$" in line]  # 제목에 수식 없음
    # 절 참조는 "3.N절" 로만 (옛 번호 "4절" 같은 것이 남지 않음)
    text = md + "\n".join(c.source for c in code_cells(nb))
    assert not re.search(r"(?<![\d.])\d절", text)
    assert "3.3절" in md and "3.5절" in md


def test_notation_count_is_capital_k(nb):
    """네거티브 샘플의 개수는 K (코드의 라벨과 출력도), k 는 번호. 원문·논문의 k 는 그렇다고 밝힌 곳에서만."""
    code = "\n".join(c.source for c in code_cells(nb))
    assert not re.search(r"[\"' (]k ?=", code)  # 그림 제목, 출력의 "k=5" 같은 개수 표기 없음
    md = markdown_text(nb)
    assert r"\log K" in md and r"K + 1" in md
    # 원문·논문의 k 와의 차이는 1장 기호 약속에서 한 번만 말하고, 여기서는 그곳을 가리킵니다
    assert "개수도 $k$로" not in md and "01_concept.ipynb#기호-약속" in md
    assert not re.search(r"\$k\$ ?(개|를 키|가 클|가 작)", md)


# ---------------------------------------------------------------------------
# 3.1-3.3: 쌍, 시그모이드, 로그-시그모이드
# ---------------------------------------------------------------------------


def test_doc_example_pairs(output):
    assert f"('{DOC_CENTER_WORD}', 'banking')" in output
    for word in DOC_NEGATIVE_WORDS:
        assert f"('{DOC_CENTER_WORD}', '{word}')" in output


def test_sigmoid_facts(output):
    assert f"σ(0) = {sgns.sigmoid(0.0):.4f}" in output and "σ(0) = 0.5000" in output
    gap = sigmoid_symmetry_gap(np.linspace(-20, 20, 4001))
    assert f"max |σ(-x) - (1 - σ(x))| = {gap:.1e}" in output
    assert gap < 1e-15
    # 글 (2장을 가리키며): 교과서 식은 x = -1e4 에서 넘치고, sgns.sigmoid 는 e^{-|x|} 만 써서 경고 없이 유한
    x_big = np.array([-1e4, 1e4])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        1 / (1 + np.exp(-x_big))
    assert "overflow encountered in exp" in [str(w.message) for w in caught]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.array_equal(sgns.sigmoid(x_big), [0.0, 1.0])
    for s in (-4.0, 4.0):
        assert f"σ(u·v) = {sgns.sigmoid(s):.4f},  가짜일 확률 σ(-u·v) = {sgns.sigmoid(-s):.4f}" in output


def test_smallest_float_and_underflow(output):
    """σ(-1e4) 는 float64 의 가장 작은 양수보다 작아 0 이 됩니다 (글: 언더플로)."""
    tiny = np.nextafter(0.0, 1.0)
    assert f"float64 의 가장 작은 양수: {tiny:.1e} = e^({np.log(tiny):.1f})" in output
    assert f"10^({-1e4 / np.log(10):.0f})" in output and -1e4 / np.log(10) < np.log10(tiny)
    assert sgns.sigmoid(-1e4) == 0.0 and "sgns.sigmoid(-1e4) = 0.0" in output


def test_log_of_stable_sigmoid_is_still_minus_infinity(output):
    """표는 같은 계산으로 다시 만든 표와 같고, 글이 말하는 사실(어디서 -inf, 어디서 틀림)이 그 값에서 성립합니다."""
    x = np.array([-1e4, -800.0, -745.0, -720.0, -30.0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        log_of_sigmoid = np.log(sgns.sigmoid(x))
        from_definition = -np.log1p(np.exp(-x))
    assert f"경고: {sorted({str(w.message) for w in caught})}" in output
    stable = sgns.log_sigmoid(x)
    rows = [
        [f"{a:g}", f"{s:.3g}", f"{b:.2f}", f"{c:.2f}", f"{d:.2f}"]
        for a, s, b, c, d in zip(x, sgns.sigmoid(x), log_of_sigmoid, from_definition, stable, strict=True)
    ]
    header = ["x", "σ(x)", "log(σ(x))", "-log(1 + e^(-x))", "sgns.log_sigmoid(x)"]
    assert str(Table(header, rows, left_columns=0)) in output
    # log(σ(x)) 는 -800, -1e4 에서 -inf, -745 에서는 유한하지만 틀림; 정의 그대로는 -720 부터 -inf
    assert np.isneginf(log_of_sigmoid[:2]).all() and abs(log_of_sigmoid[2] - x[2]) > 0.1
    assert np.isneginf(from_definition[:4]).all() and np.isfinite(from_definition[4])
    # 한 식은 모든 곳에서 유한하고, 큰 음수에서 x 자신
    assert np.isfinite(stable).all() and stable[0] == -1e4 and np.allclose(stable, x)


def test_log_sigmoid_agrees_where_sigmoid_is_representable(output):
    grid = np.linspace(-30, 30, 6001)
    gap = np.max(np.abs(sgns.log_sigmoid(grid) - np.log(sgns.sigmoid(grid))))
    assert f"max |log_sigmoid(x) - log(σ(x))| = {gap:.1e}" in output and gap < 1e-13
    assert f"log_sigmoid(0) = {sgns.log_sigmoid(0.0):.4f}" in output and np.isclose(sgns.log_sigmoid(0.0), -np.log(2))


def test_derivation_cell_is_a_solution_with_the_question_visible(nb):
    """유도는 solution 태그 셀 (학생판에서는 안내로 바뀜), 그 위의 질문 셀은 보이고 목표 식을 말합니다."""
    i = next(i for i, c in enumerate(nb.cells) if "solution" in c.metadata.get("tags", []))
    derivation, question = nb.cells[i], nb.cells[i - 1]
    assert derivation.cell_type == question.cell_type == "markdown"
    assert derivation.source.startswith("#### ")  # 학생판에도 남는 제목 줄
    assert r"\min(x, 0) - \log\left(1 + e^{-|x|}\right)" in question.source
    assert "solution" not in question.metadata.get("tags", [])
    # 유도는 두 경우(x ≥ 0, x < 0)를 모두 다룸
    assert r"$x \ge 0$" in derivation.source and "$x < 0$" in derivation.source
    assert sum("solution" in c.metadata.get("tags", []) for c in nb.cells) == 1
    # 유도 바로 뒤가 숫자 문제 (질문과 답을 계산하는 셀), 그다음이 두 함수를 묶은 연습문제 1
    assert derivation.source.startswith("#### 유도 1:") and question.source.count("**유도 1 (") == 1
    assert nb.cells[i + 1].source.startswith("**숫자로 확인 1.**") and nb.cells[i + 2].cell_type == "code"
    assert nb.cells[i + 3].source.strip() == "sgns.checks.check_log_sigmoid_numbers(log_sigmoid_numbers)"
    assert nb.cells[i + 4].source.startswith("### 연습문제 1:")


def _bare_calls(source: str) -> set[str]:
    """코드 셀에서 이름 그대로 부르는 함수들 (``f(...)``; ``sgns.f(...)`` 나 문자열 속 글자는 아님)."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    tree = ast.parse("\n".join(lines))
    return {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}


def test_exercises_and_checks(nb):
    md = markdown_text(nb)
    # 시그모이드와 로그-시그모이드는 제목 하나 아래의 두 셀 (확인은 따로)
    assert len(re.findall(r"^### 연습문제", md, flags=re.M)) == 1
    heading = find_cell_index(nb.cells, "### 연습문제 1:")
    assert find_cell_index(nb.cells, "def sigmoid(x):") == heading + 1
    code = code_cells(nb)
    statuses = check_statuses(nb)
    for function, check in [("sigmoid", "check_sigmoid"), ("log_sigmoid", "check_log_sigmoid")]:
        i = find_cell_index(code, f"def {function}(x):")
        assert code[i].source.startswith(f"def {function}(x):") and "### BEGIN SOLUTION" in code[i].source
        assert "### END SOLUTION" in code[i].source
        assert code[i + 1].source.strip() == f"sgns.checks.{check}({function})"
        assert statuses[function] == "pass"
        # 뒤의 셀은 학생의 함수를 부르지 않음 (학생판에서는 NotImplementedError); sgns.<함수> 는 됨
        assert not any(function in _bare_calls(c.source) for c in code[i + 2 :])
    # 로그-시그모이드 연습문제는 시그모이드 연습문제 다음, 3.3절 앞
    cells = [c.source for c in nb.cells]
    assert (
        find_cell_index(cells, "check_sigmoid(")
        < find_cell_index(cells, "def log_sigmoid(x):")
        < find_cell_index(cells, "## 3.3 ")
    )


def test_chapter_4_computes_the_loss_with_log_sigmoid():
    """글의 주장: 4장의 loss_terms 와 연습문제의 손실이 sgns.log_sigmoid 로 계산됩니다 (그래서 큰 내적에서도 유한)."""
    import nbformat

    # 4장이 여러 노트북으로 나뉘어도 찾도록, 03 뒤의 모든 강의 노트북에서 찾습니다
    later = [p for p in sorted(NOTEBOOK_DIR.glob("*.ipynb")) if p.name > "03_how_it_works.ipynb"]
    code04 = [c.source for p in later for c in code_cells(nbformat.read(p, as_version=4))]
    assert any("loss_terms(" in s for s in code04)
    exercise = code04[find_cell_index(code04, "def neg_sampling_loss_and_gradient(")]
    assert "log_sigmoid" in exercise
    terms = loss_terms([-1e4, 1e4])
    assert terms.positive_loss[0] == 1e4 and terms.negative_loss[1] == 1e4
    assert np.isfinite(terms.positive_loss).all() and np.isfinite(terms.negative_loss).all()


# ---------------------------------------------------------------------------
# 3.4: 학습 중 σ
# ---------------------------------------------------------------------------


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
    probs = {}
    for words in (positives, negatives):
        for w, p in zip(words, pair_probabilities(model, ["dog"] * len(words), words), strict=True):
            assert f"σ(u_{w}·v_dog) = {p:.3f}" in output
            probs[w] = p
    # 2번 모범 답안의 주장: 가장 자주 함께 나오는 "the" 의 확률이 eats, farm, barn 보다 훨씬 낮음
    assert probs["the"] < 0.5 * min(probs["eats"], probs["farm"], probs["barn"])


# ---------------------------------------------------------------------------
# 3.5: K 실험
# ---------------------------------------------------------------------------


def test_control_sees_the_same_number_of_updates(output, params, experiment):
    small, large = experiment[SAME_UPDATES].corpus, experiment[LARGE].corpus
    equal_update_epochs = experiment[SAME_UPDATES].epochs
    ratio = large.num_tokens / small.num_tokens
    assert f"(비율 {ratio:.2f})" in output and f"→ {equal_update_epochs}" in output
    assert equal_update_epochs == round(params["EPOCHS"] * ratio) > params["EPOCHS"]
    assert experiment[SAME_EPOCHS].epochs == experiment[LARGE].epochs == params["EPOCHS"]
    pairs = {name: setting.pairs_trained for name, setting in experiment.items()}
    # 대조군은 큰 말뭉치와 거의 같은 수의 쌍을 학습하고 (에폭을 정수로 반올림한 만큼, 2% 안),
    # 같은 에폭의 작은 말뭉치는 그 1/비율쯤
    assert abs(pairs[SAME_UPDATES] / pairs[LARGE] - 1) < 0.02
    assert abs(pairs[LARGE] / pairs[SAME_EPOCHS] - ratio) < 0.1


def test_accuracy_table_has_every_k_and_setting(nb, output, params, experiment):
    assert f"무리 이웃 정확도: 시드 {params['N_SEEDS']}개의 평균 (가장 낮은 값-가장 높은 값)" in output
    assert list(experiment) == [SAME_EPOCHS, SAME_UPDATES, LARGE]
    for setting in experiment.values():
        assert [r.negative for r in setting.rows] == params["K_VALUES"]
        assert all(0 <= r.accuracy_min <= r.accuracy <= r.accuracy_max <= 1 for r in setting.rows)
    cell = next(c for c in code_cells(nb) if "accuracy_min" in c.source and "show_table" in c.source)
    assert "text/markdown" in display_mime_types(cell)  # JupyterLab 에서 렌더링되는 표


def test_what_the_experiment_shows(output, params, experiment):
    """3.5절 해석의 각 항목이 다시 계산한 숫자에서 성립합니다."""
    k_min, k_max, k_mid = params["K_VALUES"][0], params["K_VALUES"][-1], params["NEGATIVE"]
    same_epochs, same_updates, large = (_accuracy(experiment, n) for n in (SAME_EPOCHS, SAME_UPDATES, LARGE))
    assert f"K 를 키울 때 평균 정확도의 변화 (K={k_min}→{k_mid}, K={k_mid}→{k_max}):" in output
    for name, acc in [(SAME_EPOCHS, same_epochs), (SAME_UPDATES, same_updates), (LARGE, large)]:
        low, high = map(float, re.search(rf"\n  {name}: ([+-][\d.]+), ([+-][\d.]+)\n", output).groups())
        assert abs(low - (acc[k_mid] - acc[k_min])) <= ROUNDED_DIFFERENCE
        assert abs(high - (acc[k_max] - acc[k_mid])) <= ROUNDED_DIFFERENCE
    gap = large[k_min] - same_epochs[k_min]
    closed = same_updates[k_min] - same_epochs[k_min]
    found = re.search(rf"K={k_min} 에서 .*차이 ([\d.]+) 가운데 갱신 수를 맞추면 ([\d.]+) \((\d+)%\) 가 사라짐", output)
    printed_gap, printed_closed, percent = map(float, found.groups())
    assert abs(printed_gap - gap) <= ROUNDED_DIFFERENCE and abs(printed_closed - closed) <= ROUNDED_DIFFERENCE
    assert abs(percent / 100 - printed_closed / printed_gap) <= 0.01

    # 같은 에폭: K=1→5 에서 크게 오르고, K ≥ 5 의 평균은 K=5 의 시드 범위 안 (거의 그대로)
    assert same_epochs[k_mid] - same_epochs[k_min] > 0.1
    mid = _row(experiment, SAME_EPOCHS, k_mid)
    assert all(mid.accuracy_min <= same_epochs[k] <= mid.accuracy_max for k in same_epochs if k >= k_mid)
    # 큰 말뭉치: K=1 부터 거의 1.0, K=2 에서 이미 0.99 이상
    assert large[k_min] > 0.95 and large[2] >= 0.99
    # 대조군: 차이의 대부분(절반 넘게)이 사라짐; K=1..5 는 거의 같고 K=10, 20 에서 오름 (범위가 겹치지 않음)
    assert closed / gap > 0.5
    assert abs(same_updates[k_mid] - same_updates[k_min]) < 0.02
    assert _row(experiment, SAME_UPDATES, k_max).accuracy_min > _row(experiment, SAME_UPDATES, k_mid).accuracy_max
    assert same_updates[10] > same_updates[k_mid] + 0.01
    # 대조군도 K 가 작을 때는 큰 말뭉치보다 낮고, 큰 K 에서 그 차이가 좁혀짐
    assert large[k_min] - same_updates[k_min] > 0.03
    assert large[k_max] - same_updates[k_max] < (large[k_min] - same_updates[k_min]) / 2


def test_watched_probabilities_fall_with_k(output, params, experiment):
    rows = experiment[LARGE].rows
    line = ",  ".join(f"K={r.negative}: {r.true_mean:.3f} / {r.noise_mean:.3f}" for r in rows)
    assert line in output and f"시드 {params['N_SEEDS']}개 평균" in output
    true_means, noise_means = [r.true_mean for r in rows], [r.noise_mean for r in rows]
    assert true_means == sorted(true_means, reverse=True) and noise_means == sorted(noise_means, reverse=True)
    # 3번 모범 답안의 주장: 큰 말뭉치에서 긍정 쌍의 평균 확률이 가장 높은 K=1 이 무리 이웃 정확도는 가장 낮음
    acc = _accuracy(experiment, LARGE)
    assert min(acc, key=acc.get) == params["K_VALUES"][0] == rows[0].negative


def test_decimals_in_the_text_are_printed_above(nb):
    """마크다운이 말하는 소수(0.108 같은 것)는 그보다 위에 있는 코드 셀이 출력한 것입니다."""
    printed = ""
    for cell in nb.cells:
        if cell.cell_type == "code":
            printed += cell_output_text(cell)
            continue
        # 수식 속 상수(0.75 등)와 링크 주소는 뺌
        prose = re.sub(r"\$\$.*?\$\$|\$[^$]*\$|\]\([^)]*\)", " ", cell.source, flags=re.DOTALL)
        for number in re.findall(r"(?<![\d.])\d+\.\d{2,}", prose):
            assert number in printed, number


def test_errata_box_states_the_source_and_the_paper(nb):
    box = next(s for s in markdown_sources(nb) if "⚠️ 원문 바로잡기" in s)
    assert "Mikolov" in box and "https://arxiv.org/abs/1310.4546" in box
    # 원문이 말하는 범위 (작은 데이터 15-20, 큰 데이터 5-10) 와 논문의 범위 (5–20, 2–5)
    assert "15-20" in box and "5-10" in box and "5–20" in box and "2–5" in box


def test_timing_cell_is_ignored_by_tag(nb):
    code = code_cells(nb)
    timing = [c for c in code if "r.seconds" in c.source]
    assert len(timing) == 1 and "nbval-ignore-output" in timing[0].metadata.get("tags", [])
    ignored = [c for c in code if "nbval-ignore-output" in c.metadata.get("tags", [])]
    assert ignored == timing
    assert not any("NBVAL" in c.source for c in code)


def test_one_answer_key_per_question(nb):
    sources = [c.source for c in nb.cells]
    i = find_cell_index(sources, "## 생각해 볼 문제")
    questions = re.findall(r"^\d+\. ", nb.cells[i].source, flags=re.MULTILINE)
    answers = nb.cells[i + 1 :]
    assert len(answers) == len(questions) == 3
    assert all(c.cell_type == "markdown" and c.metadata.get("tags") == ["answer-key"] for c in answers)
    assert "answer-key" not in nb.cells[i].metadata.get("tags", [])


def test_numeric_question_after_the_derivation_is_checked(nb):
    """숫자로 확인 1: log σ(-2) 와 그 도함수 σ(2) (x < 0 쪽 식 x - log(1 + e^x) 를 미분한 1 - σ(x)).

    학생이 답을 적는 함수와 확인 셀이 뒤에 있고 (답을 출력해 보여 주지 않음), 확인 도구의 정답은 손 계산과 같습니다.
    """
    from sgns.checks.exercises import nb03_log_sigmoid_numbers

    x0 = -2.0
    questions = nb03_log_sigmoid_numbers.QUESTIONS
    assert abs(questions["log σ(-2)"].value - (x0 - np.log1p(np.exp(x0)))) < 1e-12  # min(x, 0) - log(1 + e^{-|x|})
    assert abs(questions["도함수"].value - (1 - 1 / (1 + np.exp(-x0)))) < 1e-12  # 1 - σ(x) = σ(-x)
    at = find_cell_index(nb.cells, "**숫자로 확인 1.**")
    assert nb.cells[at + 1].source.startswith("def log_sigmoid_numbers():") and "print(" not in nb.cells[at + 1].source
    assert check_statuses(nb)["log_sigmoid_numbers"] == "pass"


def test_chapter_quiz_is_checked_at_the_end(nb):
    """장 끝의 개념 확인: 정리 뒤, 생각해 볼 문제 앞. 수 문항의 정답은 sgns 로 계산하고 손 계산과 같습니다."""
    from sgns.checks.exercises import nb03_quiz

    cells = nb.cells
    heading = find_cell_index(cells, "## 개념 확인")
    assert find_cell_index(cells, "## 정리") < heading < find_cell_index(cells, "## 생각해 볼 문제")
    assert cells[heading + 1].source.startswith("def chapter3_quiz():")
    assert cells[heading + 2].source.strip() == "sgns.checks.check_chapter3_quiz(chapter3_quiz)"
    assert check_statuses(nb)["chapter3_quiz"] == "pass"
    questions = nb03_quiz.QUESTIONS
    assert abs(questions["σ(-s)"].value - 0.2) < 1e-12  # σ(-x) = 1 - σ(x)
    assert questions["log σ(-800)"].value == -800.0  # log(1 + e^{-800}) 은 float64 에서 0
    assert all(f"**{name}**" in cells[heading].source for name in questions)


def test_geometric_picture_of_one_update(nb, output):
    """그림의 주장: -∂J/∂v_c = (1 - σ(s_o)) u_o - Σ σ(s_k) u_k, 한 걸음 뒤 σ(s_o) 는 오르고 σ(s_k) 는 내림."""
    source = next(c.source for c in code_cells(nb) if c.source.startswith("U_2d = "))
    scope = {"np": np, "sgns": sgns}
    exec(source.split("\nfor name", 1)[0], scope)  # 벡터와 한 걸음 (출력 줄은 빼고)
    U, v, lr = scope["U_2d"], scope["v_2d"], scope["LR_2D"]
    s = U @ v
    direction = (1 - sgns.sigmoid(s[0])) * U[0] - (sgns.sigmoid(s[1:])[:, None] * U[1:]).sum(axis=0)
    _, grad, _ = sgns.neg_sampling_loss_and_gradient(v, 0, U, np.array([1, 2]))
    assert np.allclose(direction, -grad) and "당김 + 밂 = -∂J/∂v_c: True" in output
    after = U @ (v + lr * direction)
    assert sgns.sigmoid(after[0]) > sgns.sigmoid(s[0]) and np.all(sgns.sigmoid(after[1:]) < sgns.sigmoid(s[1:]))
    for vec in (v, v + lr * direction):
        t = U @ vec
        assert f"σ(s_o) = {sgns.sigmoid(t[0]):.3f}, σ(s_k) = {np.round(sgns.sigmoid(t[1:]), 3)}" in output
    figure = next(c for c in code_cells(nb) if "ax.annotate" in c.source)
    assert "image/png" in display_mime_types(figure)


def test_the_optimum_is_only_pointed_to(nb):
    md = markdown_text(nb)
    assert "PMI" not in md and md.count("부록 B") >= 3 and "부록 B (07_optimum.ipynb)" in md


def test_answer_labels_have_one_form(nb):
    labels = re.findall(r"\*\*(모범 답안 \d\.|\d번 모범 답안\.|\d번 답\.)\*\*", markdown_text(nb))
    assert labels == ["모범 답안 1.", "모범 답안 2.", "모범 답안 3."]
    assert "칸" not in markdown_text(nb)  # 칸은 답을 적는 곳의 이름이 아닙니다


def test_three_quarter_power_shrinks_the_share_of_frequent_negatives(run):
    """모범 답안 2: 흔한 단어도 네거티브 샘플로 뽑히지만, 3/4 제곱은 그 몫을 유니그램 분포보다 줄입니다."""
    vocab = run[1]
    unigram = sgns.noise_distribution(vocab.counts, power=1.0)
    noise = sgns.noise_distribution(vocab.counts, power=0.75)
    the = vocab.id("the")
    assert the == int(np.argmax(vocab.counts))  # 가장 흔한 단어
    assert 0 < noise[the] < unigram[the]
