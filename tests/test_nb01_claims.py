"""1장 노트북의 주장: 저장된 출력의 숫자가 지금 sgns 가 계산하는 값과 같은지, 글이 말하는 사실이 맞는지 확인합니다.

노트북 셀은 가르치는 계산을 직접 씁니다 (V / (K + 1), Σ P_n(o) / N, 드문 단어의 확률 합). 여기서는 같은 값을
테스트된 도우미 (``update_cost``, ``pair_table.rare_word_share``, ``pair_table.collision_rates``) 로 다시 구해
저장된 출력과 비교합니다.
"""

import inspect
import math
import re

import numpy as np
import pytest
from notebook_outputs import (
    cell_output_text,
    check_statuses,
    display_mime_types,
    find_cell_index,
    markdown_sources,
    notebook_fixtures,
    numbers_in,
)

import sgns
from sgns.data import DOC_CENTER_WORD, DOC_NEGATIVE_WORDS, DOC_SENTENCE, load_head500
from sgns.lessons.diagram import diagram_layout
from sgns.lessons.pair_table import (
    SECTION1_CENTER_WORD,
    SECTION1_CONTEXT_WORD,
    collision_rates,
    count_labels,
    draw_negative_words,
    labelled_pairs,
    pair_table,
    pairs_with_center,
    rare_word_share,
    rare_words_drawn,
)
from sgns.lessons.update_cost import dot_products_per_update, update_speedup
from sgns.plotting import Table
from sgns.sampling import NegativeSampler
from sgns.trainer import DEFAULT_PARAMS

nb, params, output = notebook_fixtures("01_concept.ipynb")


@pytest.fixture(scope="module")
def sentences():
    return load_head500()


@pytest.fixture(scope="module")
def vocab(sentences, params):
    return sgns.build_vocab(sentences, min_count=params["MIN_COUNT"])


@pytest.fixture(scope="module")
def into_pairs(params):
    return pairs_with_center(sgns.corpus.skipgram_pairs(DOC_SENTENCE, params["WINDOW"]), DOC_CENTER_WORD)


@pytest.fixture(scope="module")
def negative_words(params, vocab, into_pairs):
    sampler = NegativeSampler(vocab.counts, power=0.75, seed=params["SEED"])
    return draw_negative_words(sampler, vocab, len(into_pairs), params["K"])


@pytest.fixture(scope="module")
def outsides(sentences, vocab, params):
    ids, sentence_ids = sgns.corpus.encode_corpus(sentences, vocab)
    return sgns.corpus.skipgram_pair_arrays(ids, sentence_ids, params["WINDOW"])[1]


@pytest.fixture(scope="module")
def collisions(outsides, vocab, params):
    return collision_rates(outsides, sgns.noise_distribution(vocab.counts, 0.75), params["K"])


def _cell(nb, marker):
    return nb.cells[find_cell_index(nb.cells, marker)]


def test_parameters(params):
    # SEED, WINDOW 는 [자유]: 바꿔도 아래 테스트가 다시 계산한 값으로 봅니다
    assert params["K"] == 5 and params["K_LARGE"] == 20
    assert params["VOCAB_SIZE_DOC"] == 50_000


def test_min_count_is_the_trainers_and_gensims_default(params):
    # 글: "학습기와 gensim 이 쓰는 그대로" (매개변수 셀의 주석도 같은 말)
    from gensim.models import Word2Vec

    assert params["MIN_COUNT"] == DEFAULT_PARAMS["min_count"] == 5
    assert inspect.signature(Word2Vec).parameters["min_count"].default == params["MIN_COUNT"]
    assert params["K"] == DEFAULT_PARAMS["negative"]


def test_document_example_table(nb, output):
    rows = labelled_pairs([(SECTION1_CENTER_WORD, SECTION1_CONTEXT_WORD)], [DOC_NEGATIVE_WORDS])
    assert str(pair_table(rows)) in output
    # 표는 JupyterLab 이 렌더링하는 Markdown 으로도 저장됩니다 (고정폭 텍스트 표는 한글에서 줄이 어긋남)
    tables = [c for c in nb.cells if c.cell_type == "code" and "pair_table(" in c.source and c.get("outputs")]
    assert len(tables) == 2 and all("text/markdown" in display_mime_types(c) for c in tables)


def test_model_diagram_cell(nb):
    cell = _cell(nb, "draw_sgns_diagram(")
    assert "sgns.data.DOC_NEGATIVE_WORDS" in cell.source and "SECTION1_CENTER_WORD" in cell.source
    assert "image/png" in display_mime_types(cell)
    # 그림은 1.4절, 기호 약속 (1.5절) 보다 앞, 연습문제보다 앞 ("과정의 앞쪽")
    index = nb.cells.index(cell)
    assert index < find_cell_index(nb.cells, "### 기호 약속") < find_cell_index(nb.cells, "### 연습문제 1:")
    layout = diagram_layout(SECTION1_CENTER_WORD, SECTION1_CONTEXT_WORD, DOC_NEGATIVE_WORDS)
    assert layout.negative == len(DOC_NEGATIVE_WORDS)
    assert len(layout.of_kind("score")) == layout.negative + 1  # 글: 내적 K+1번


def test_true_pairs_of_the_sentence(output, params, into_pairs):
    pairs = sgns.corpus.skipgram_pairs(DOC_SENTENCE, params["WINDOW"])
    assert f"단어 {len(DOC_SENTENCE)}개, 윈도우 크기 {params['WINDOW']} -> 긍정 쌍 {len(pairs)}개" in output
    assert ("into", "banking") in into_pairs
    assert f"중심 단어 {DOC_CENTER_WORD!r}의 긍정 쌍 {len(into_pairs)}개: {into_pairs}" in output


def test_the_vocabulary_is_the_trainers(output, params, vocab, sentences):
    assert (
        f"문장 {len(sentences)}개, 어휘 크기 V = {len(vocab):,} (min_count = {params['MIN_COUNT']}), "
        f"어휘에 든 토큰 {vocab.total:,}개"
    ) in output
    assert f"가장 흔한 단어 10개: {', '.join(vocab.words[:10])}" in output
    # 학습기가 만드는 어휘와 같습니다 (같은 단어, 같은 순서, 같은 빈도; 가장 작은 학습 한 번으로 확인)
    model = sgns.train(sentences, vector_size=2, epochs=1, seed=0)
    assert model.vocab.words == vocab.words and np.array_equal(model.vocab.counts, vocab.counts)


def test_labelled_table_with_real_negative_samples(output, params, into_pairs, negative_words):
    rows = labelled_pairs(into_pairs, negative_words)
    assert str(pair_table(rows)) in output
    num_positive, num_negative = count_labels(rows)
    assert num_negative == params["K"] * num_positive
    assert f"긍정 쌍 {num_positive}개, 부정 쌍 {num_negative}개" in output


def test_words_looked_up_in_the_vocabulary(output, vocab):
    # 어간 모양인 democraci, govern 은 어휘에 있고, into 와 원문의 네거티브 샘플은 없습니다 (출력과 어휘로 확인)
    assert DOC_CENTER_WORD == "into" and "into" not in vocab
    assert re.search(r"^into +없음$", output, flags=re.M)
    for word in ("democraci", "govern"):
        assert re.search(rf"^{word} +있음 \(빈도 {vocab.counts[vocab.id(word)]}\)$", output, flags=re.M)
    for word in DOC_NEGATIVE_WORDS:
        assert word not in vocab and re.search(rf"^{word} +없음$", output, flags=re.M)


def test_rare_words_among_the_drawn_negative_samples(output, params, vocab, negative_words):
    rare = rare_words_drawn(negative_words, vocab, params["RARE_MAX_COUNT"])
    num_negative = sum(len(row) for row in negative_words)
    assert len(rare) > 0  # 글: "드문 단어도 섞여 있습니다"
    line = (
        f"뽑힌 네거티브 샘플 {num_negative}개 중 빈도 {params['RARE_MAX_COUNT']} 이하인 드문 단어: "
        f"{len(rare)}개 ({', '.join(rare)})"
    )
    assert line in output


def test_rare_word_share_on_both_vocabularies(output, params, sentences, vocab):
    all_words = sgns.build_vocab(sentences)  # min_count = 1
    dropped = all_words.counts < params["MIN_COUNT"]
    assert f"{dropped.sum():,}개 (모든 단어의 {dropped.mean():.1%})" in output
    assert dropped.mean() > 0.5  # 글: "min_count = 1 어휘의 대부분이 몇 번 나오지 않은 단어"
    # 셀이 빈도로 거른 어휘는 build_vocab(min_count=5) 와 같습니다
    assert np.array_equal(all_words.counts[all_words.counts >= params["MIN_COUNT"]], vocab.counts)
    rows = []
    for min_count, counts in ((1, all_words.counts), (params["MIN_COUNT"], vocab.counts)):
        fraction, p_noise = rare_word_share(counts, params["RARE_MAX_COUNT"], power=0.75)
        _, p_unigram = rare_word_share(counts, params["RARE_MAX_COUNT"], power=1.0)
        # 글: 어느 어휘에서든 균등 분포 (= 어휘에서의 비율) > 3/4 제곱 > 유니그램 분포
        assert fraction > p_noise > p_unigram
        rows.append((f"min_count = {min_count}", f"{len(counts):,}", f"{fraction:.4f}", f"{p_noise:.4f}",
                     f"{p_unigram:.4f}"))
    header = ["어휘", "V", f"빈도 {params['RARE_MAX_COUNT']} 이하인 단어의 비율",
              "네거티브 샘플이 드문 단어일 확률", "(유니그램 분포라면)"]
    assert str(Table(header, rows)) in output
    # 글: 두 줄이 크게 다름 (학습기의 어휘에서 드문 단어의 몫이 훨씬 작음)
    assert float(rows[1][3]) < 0.7 * float(rows[0][3])


def test_expected_number_of_rare_negative_samples(output, params, vocab, negative_words):
    _, p_noise = rare_word_share(vocab.counts, params["RARE_MAX_COUNT"], power=0.75)
    num_negative = sum(len(row) for row in negative_words)
    drawn = len(rare_words_drawn(negative_words, vocab, params["RARE_MAX_COUNT"]))
    line = (f"부정 쌍 {num_negative}개 중 드문 단어의 기대 개수: {num_negative} × {p_noise:.4f} = "
            f"{num_negative * p_noise:.1f}개 (이번에 뽑힌 것: {drawn}개)")
    assert line in output


def test_collision_rate(output, params, vocab, outsides, collisions):
    K, r = params["K"], collisions.per_negative
    assert f"head500 의 긍정 쌍 N = {outsides.size:,}개 (윈도우 크기 {params['WINDOW']})" in output
    assert f"같을 확률 r = {r:.5f}" in output
    assert f"1/V = {1 / len(vocab):.5f} (r 은 그 {r * len(vocab):.1f}배)" in output
    assert f"K × r = {K} × {r:.5f} = {collisions.per_pair:.4f}, 쌍 전체로는 약 {collisions.expected_total:,.0f}번" \
        in output
    # 글: r 은 1/V 보다 몇 배 크고, 가장 흔한 주변 단어의 P_n(o) 를 넘지 못함 (그래서 기능어 없는 head500 에서 작음)
    noise = sgns.noise_distribution(vocab.counts, 0.75)
    assert 2 < r * len(vocab) < 10
    assert r <= noise.max() == noise[0]


def test_collisions_counted_in_a_real_draw(output, params, vocab, outsides, collisions):
    negatives = NegativeSampler(vocab.counts, power=0.75, seed=params["SEED"]).sample((outsides.size, params["K"]))
    collided = negatives == outsides[:, None]
    assert f"실제로 뽑아 센 충돌: {collided.sum():,}번 (네거티브 샘플의 {collided.mean():.5f})" in output
    # 글: 식이 맞는지 확인 -> 센 값이 기댓값의 4 표준편차 안 (충돌 수는 거의 포아송)
    expected, sd = collisions.expected_total, math.sqrt(collisions.expected_total)
    z = abs(collided.sum() - expected) / sd
    assert z < 4
    assert f"기댓값 {expected:,.0f}번과의 차이: {collided.sum() - expected:+,.0f}번 " \
        f"(표준편차 √기댓값 ≈ {sd:.0f}번의 {z:.1f}배)" in output


def test_collisions_are_dominated_by_frequent_words(output, params, vocab, collisions):
    noise = sgns.noise_distribution(vocab.counts, 0.75)
    header = ["주변 단어 o", "빈도", "P_n(o)", "주변 단어 자리의 몫", "충돌의 몫"]
    rows = [(vocab.words[w], f"{vocab.counts[w]:,}", f"{noise[w]:.5f}", f"{collisions.pair_shares[w]:.2%}",
             f"{collisions.collision_shares[w]:.2%}") for w in range(5)]
    assert str(Table(header, rows)) in output
    assert np.all(np.diff(vocab.counts[:6]) <= 0)  # 글: 어휘는 빈도 순 (맨 앞이 가장 흔한 단어)
    for top in (10, 100):
        pairs, shares = collisions.pair_shares[:top].sum(), collisions.collision_shares[:top].sum()
        assert f"가장 흔한 {top}개 단어 (어휘의 {top / len(vocab):.2%}): 주변 단어 자리의 {pairs:.1%}, " \
            f"충돌의 {shares:.1%}" in output
        assert shares > 2 * pairs  # 흔한 단어는 두 번 유리: 충돌의 몫이 자리의 몫보다 훨씬 큼
    rare = vocab.counts <= params["RARE_MAX_COUNT"]
    pairs, shares = collisions.pair_shares[rare].sum(), collisions.collision_shares[rare].sum()
    assert f"드문 단어 {rare.sum():,}개 (어휘의 {rare.mean():.1%}): 주변 단어 자리의 {pairs:.1%}, " \
        f"충돌의 {shares:.1%}" in output
    assert shares < pairs / 3 and rare.mean() > 0.5  # 어휘의 대부분인 드문 단어는 충돌의 작은 몫


def test_collision_cell_uses_the_trainers_comparison(nb):
    # 글: "비교하는 줄은 학습기가 건너뛸 네거티브 샘플을 고르는 줄과 같습니다"
    from sgns.trainer import train_chunk

    assert "negatives == outsides[:, None]" in _cell(nb, "collided =").source
    assert "valid = (negatives != pairs[" in inspect.getsource(train_chunk)


@pytest.mark.parametrize("k_name", ["K", "K_LARGE"])
def test_dot_products_per_update(output, params, k_name):
    v, k = params["VOCAB_SIZE_DOC"], params[k_name]
    line = (
        f"V = {v:,}, K = {k:2d}: naive softmax {dot_products_per_update(v):,}번, "
        f"네거티브 샘플링 {dot_products_per_update(v, negative=k)}번 -> {update_speedup(v, k):,.1f}배 적음"
    )
    assert line in output


def test_exercise_and_check_cells(nb, output):
    sources = [c.source for c in nb.cells]
    assert any(c.cell_type == "markdown" and c.source.startswith("### 연습문제 1:") for c in nb.cells)
    solution = find_cell_index(sources, "### BEGIN SOLUTION")
    assert "def skipgram_pairs(tokens, window):" in sources[solution]
    assert "### END SOLUTION" in sources[solution]
    assert sources[solution + 1].strip() == "sgns.checks.check_skipgram_pairs(skipgram_pairs)"
    assert check_statuses(nb)["skipgram_pairs"] == "pass"
    assert "text/markdown" in display_mime_types(nb.cells[solution + 1])  # 렌더링된 판정
    # 뒤의 셀은 학생 함수가 아니라 기준 구현을 씁니다
    later = "\n".join(c.source for c in nb.cells[solution + 2 :] if c.cell_type == "code")
    assert not re.search(r"(?<![\w.])skipgram_pairs\(", later)
    assert "sgns.corpus.skipgram_pairs(" in later


def test_shape_of_the_notebook(nb):
    headings = [c.source.split("\n", 1)[0] for c in nb.cells if c.cell_type == "markdown"]
    assert re.match(r"# 1\. \S", headings[0])
    for heading in ("## 학습 목표", "## 정리", "## 개념 확인", "## 생각해 볼 문제"):
        assert heading in headings
    # 1장에는 원문 바로잡기가 없습니다 (ERRATA 의 항목은 모두 원문 3~5장)
    assert not any("원문 바로잡기" in c.source for c in nb.cells)
    assert sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])) == 2
    # 절 제목은 "## 1.N 제목"
    fixed = ("## 학습 목표", "## 정리", "## 개념 확인", "## 생각해 볼 문제")
    sections = [h for h in headings if h.startswith("## ") and h not in fixed]
    assert sections and all(re.match(rf"## 1\.{i} \S", h) for i, h in enumerate(sections, start=1)), sections


def test_notation_box_and_glossary_are_where_other_notebooks_link(nb):
    # 다른 장과 START.md 가 "01_concept.ipynb#기호-약속", "#용어표" 로 링크합니다 (JupyterLab 의 제목 id)
    text = "\n".join(markdown_sources(nb))
    assert re.search(r"^### 기호 약속$", text, flags=re.M) and re.search(r"^### 용어표$", text, flags=re.M)
    glossary = _cell(nb, "### 용어표").source
    table = [line for line in glossary.splitlines() if line.startswith("| ")]  # 구분선 "|---|" 은 빠짐
    assert "밑바닥부터 시작하는 딥러닝 2" in table[0]
    rows = {line.split("|")[1].strip(): line for line in table[1:]}
    # 밑바닥부터 시작하는 딥러닝 2 의 맥락·타깃과 짝 (중심 단어 = 타깃, 주변 단어 = 맥락)
    assert "타깃" in next(v for k, v in rows.items() if k.startswith("중심 단어 $c$"))
    assert "맥락" in next(v for k, v in rows.items() if k.startswith("주변 단어 $o$"))


def test_one_model_answer_after_each_question(nb):
    start = find_cell_index(nb.cells, "## 생각해 볼 문제")
    tail = nb.cells[start:]
    answers = [c for c in tail if "answer-key" in c.metadata.get("tags", [])]
    questions = [c for c in tail if c.cell_type == "markdown" and re.search(r"^\d\. ", c.source, flags=re.M)
                 and "answer-key" not in c.metadata.get("tags", [])]
    assert len(answers) == len(questions) == 3
    for i, cell in enumerate(tail):
        if cell in questions:
            assert "answer-key" in tail[i + 1].metadata.get("tags", [])
    assert all(c.cell_type == "markdown" for c in answers)


def test_course_terms(nb, output):
    """한 뜻에 한 용어: 네거티브 샘플 (잡음 단어 아님), 무리는 단어 무리에만."""
    everything = "\n".join(c.source for c in nb.cells) + output
    assert "잡음 단어" not in everything
    nouns = [m.start() for m in re.finditer(r"(?<![가-힣])무리", everything)]  # "아무리" 는 빼고
    assert nouns and all(everything[i - 3 : i] == "단어 " for i in nouns)  # "무리" 는 "단어 무리" 로만


def test_numbers_in_the_text_are_computed(nb, params):
    """1.8-1.9절의 글에 적힌 수는 위의 출력이나 매개변수에 있는 수입니다 (손으로 적은 결과가 없음)."""
    start, end = find_cell_index(nb.cells, "## 1.8"), find_cell_index(nb.cells, "## 1.10")
    shown = set()
    for cell in nb.cells[:end]:
        if cell.cell_type == "code":
            shown.update(numbers_in(cell_output_text(cell)))
    shown.update(float(v) for v in params.values() if isinstance(v, int))
    for cell in nb.cells[start:end]:
        if cell.cell_type != "markdown":
            continue
        text = re.sub(r"\]\([^)]*\)", "]", cell.source)  # 링크 주소 빼기
        text = text.replace("07_optimum.ipynb", "")  # 부록 B 의 파일 이름
        text = re.sub(r"\b(19|20)\d\d\b", "", text)  # 논문 연도 빼기
        text = re.sub(r"^#+ [\d.]+", "", text, flags=re.M)  # 절 번호 제목
        text = re.sub(r"[\d.-]+\s*(절|장)", "", text)  # "1.4절", "3-4장" 같은 참조
        for number in numbers_in(text):
            assert number in shown or number in (0, 1, 2, 3, 4), (number, cell.source[:60])


def test_plot_colours_follow_the_course(nb):
    plot = next(c.source for c in nb.cells if c.cell_type == "code" and "ax_line" in c.source)
    assert 'color="tab:red", label="naive softmax: V"' in plot
    assert '(K, "tab:blue")' in plot and 'color=["tab:red", "tab:blue",' in plot


def test_korean_sentences_share_every_context(output, params):
    """1.1절의 분포 가설: '커피'와 '차'는 주변 단어가 모두 같습니다 (한국어 두 문장의 스킵-그램 쌍)."""
    window = params["WINDOW"]
    first = "나 는 아침 마다 따뜻한 커피 를 마신다".split()
    second = "나 는 아침 마다 따뜻한 차 를 마신다".split()
    for tokens in (first, second):
        pairs = sgns.corpus.skipgram_pairs(tokens, window)
        assert f"{' '.join(tokens)} -> 긍정 쌍 {len(pairs)}개" in output
    coffee = pairs_with_center(sgns.corpus.skipgram_pairs(first, window), "커피")
    tea = pairs_with_center(sgns.corpus.skipgram_pairs(second, window), "차")
    assert f"'커피'의 긍정 쌍: {coffee}" in output and f"'차'의 긍정 쌍: {tea}" in output
    shared = {o for _, o in coffee} & {o for _, o in tea}
    assert len(shared) == len(coffee) == len(tea) > 0  # 글: 주변 단어가 모두 같음 (윈도우 크기와 상관없이)
    assert f"두 단어가 함께 가진 주변 단어 {len(shared)}개 / {len(coffee)}개" in output


def test_distributional_hypothesis_and_embedding_terms_come_first(nb):
    first = _cell(nb, "## 1.1 ")
    assert nb.cells.index(first) < find_cell_index(nb.cells, "## 1.2 ")
    for term in ("분포 가설", "임베딩", "분산 표현", "https://wikidocs.net/22660", "한국어 임베딩"):
        assert term in first.source, term
    glossary = _cell(nb, "### 용어표").source
    assert "임베딩" in glossary and "분산 표현" in glossary


def test_the_optimum_is_only_pointed_to(nb):
    """PMI - log K 의 최적점은 부록 B 에서만 유도합니다: 1장은 가리키기만 하고, 모범 답안 1은 그것 없이 답합니다."""
    text = "\n".join(markdown_sources(nb))
    assert "PMI" not in text and r"\log K" not in text
    assert text.count("부록 B (07_optimum.ipynb)") >= 3
    answer = next(c.source for c in nb.cells if c.source.startswith("**모범 답안 1.**"))
    assert "4장" not in answer and "x^*" not in answer
    # 글: 건너뛰지 않을 때 더해지는 부정 쌍의 기대 횟수 K·#(c,o)·P_n(o) 는 1.9절의 식
    formula = r"K \cdot \#(c,o) \cdot P_n(o)"
    assert formula in answer and formula in _cell(nb, "정리하면:").source


def test_the_k_notation_reminder_is_here_once(nb):
    notation = _cell(nb, "### 기호 약속").source
    assert "개수를 $K$, 번호를 $k$" in notation
    others = [c.source for c in nb.cells if c.cell_type == "markdown" and c is not _cell(nb, "### 기호 약속")]
    assert not any("개수를 $k$로" in s for s in others)


def test_answer_labels_have_one_form(nb):
    labels = re.findall(r"\*\*(모범 답안 \d\.|\d번 모범 답안\.|\d번 답\.)\*\*", "\n".join(markdown_sources(nb)))
    assert labels == ["모범 답안 1.", "모범 답안 2.", "모범 답안 3."]


def test_chapter_quiz_is_checked_at_the_end(nb):
    """장 끝의 개념 확인: 정리 뒤, 생각해 볼 문제 앞. 수 문항의 정답은 sgns 로 계산하고 손으로 센 값과 같습니다."""
    from sgns.checks.exercises import nb01_quiz

    cells = nb.cells
    heading = find_cell_index(cells, "## 개념 확인")
    assert find_cell_index(cells, "## 정리") < heading < find_cell_index(cells, "## 생각해 볼 문제")
    assert cells[heading + 1].source.startswith("def chapter1_quiz():")
    assert cells[heading + 2].source.strip() == "sgns.checks.check_chapter1_quiz(chapter1_quiz)"
    assert check_statuses(nb)["chapter1_quiz"] == "pass"
    n, m = nb01_quiz.PAIRS_TOKENS, nb01_quiz.PAIRS_WINDOW
    assert nb01_quiz.QUESTIONS["쌍의 수"].value == sum(min(i, m) + min(n - 1 - i, m) for i in range(n)) == 18
    assert f"토큰 {n}개짜리 문장에서 윈도우 크기 {m}로" in cells[heading].source
    assert all(f"**{name}**" in cells[heading].source for name in nb01_quiz.QUESTIONS)
