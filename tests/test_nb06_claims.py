"""부록 노트북(06, 한국어 텍스트)의 저장된 출력이 주장하는 숫자가 지금의 sgns 계산과 같은지 확인합니다.

말뭉치를 다시 토큰화하고 (몇 초), 이웃 표를 확인하려고 같은 설정으로 다시 학습합니다 (결과 배열이 시드마다
정확히 같으므로 이웃도 같아야 함). 마크다운 문장은 검사하지 않고, 문장이 기대는 사실(부등호)을 검사합니다.
"""

from __future__ import annotations

import re
import site
from pathlib import Path

import numpy as np
import pytest
from notebook_outputs import cell_output_text, check_statuses, code_cells, markdown_text, notebook_fixtures

import sgns
from sgns.lessons.korean import (
    count_below,
    eojeol_analyses,
    eojeol_forms,
    eojeol_tokens,
    is_ending,
    is_noun,
    is_particle,
    load_korean_corpus,
    morpheme_tokens,
    neighbour_overlap,
    remove_particles,
    same_line_share,
    tag_mask,
)
from sgns.lessons.zipf import share_of_noise
from sgns.plotting import Table

nb, params, text = notebook_fixtures("06_korean.ipynb", output_name="text")

POWERS = {"균등 p=0": 0.0, "3/4 제곱 p=0.75": 0.75, "유니그램 p=1": 1.0}


@pytest.fixture(scope="module")
def data():
    corpus = load_korean_corpus()
    eojeol = [s for s in map(eojeol_tokens, corpus.lines) if s]
    morpheme = [s for s in morpheme_tokens(corpus.lines) if s]
    vocab = {"어절": sgns.build_vocab(eojeol), "형태소": sgns.build_vocab(morpheme)}
    mv = vocab["형태소"]
    return {
        "corpus": corpus,
        "tokenized": {"어절": eojeol, "형태소": morpheme},
        "vocab": vocab,
        "particle": tag_mask(mv.words, is_particle),
        "ending": tag_mask(mv.words, is_ending),
        "analyses": eojeol_analyses(corpus.lines),
    }


def output_of(nb, marker: str) -> str:
    """원문에 marker 가 든 코드 셀의 출력."""
    return cell_output_text(next(c for c in code_cells(nb) if marker in c.source))


def test_defaults_are_the_documented_ones(params):
    assert params["SEED"] == 0 and params["K"] == 5 and params["MIN_COUNT"] == 5
    assert params["SAMPLE"] == 1e-3 and params["EPOCHS"] == 20 and params["NUM_SEEDS"] >= 2
    assert all(word.endswith("/NNG") for word in params["QUERY_WORDS"])


def test_title_marks_the_notebook_as_optional_appendix_a(nb):
    assert nb.cells[0].source.startswith("# 부록 A.")
    headings = re.findall(r"^## (A\.\d) ", markdown_text(nb), flags=re.M)
    assert headings == [f"A.{i}" for i in range(1, len(headings) + 1)] and len(headings) >= 6
    assert "부록." not in markdown_text(nb)  # 절 번호는 A.1, A.2, ... 한 가지로


def test_corpus_size_and_comparison_with_head500(text, data):
    corpus = data["corpus"]
    total = sum(len(line.split()) for line in corpus.lines)
    head500 = sum(len(s) for s in sgns.data.load_head500())
    assert (
        f"합계: 줄 {len(corpus.lines):,}개, 글자 {corpus.num_chars:,}개 (공백 제외), 띄어쓰기 단위 {total:,}개"
    ) in text
    assert f"5장의 head500 ({head500:,} 토큰) 의 {total / head500:.1%}" in text
    assert f"kobill: 파일 10개, 줄 {corpus.sources.count('kobill'):,}개" in text


def test_article_one_in_both_tokenizations(text):
    assert "어절  : 제1조 | 대한민국은 | 민주공화국이다" in text
    assert "대한민국/NNP | 은/JX" in text and "이/VCP | 다/EF" in text


def test_vocabulary_sizes_and_words_below_min_count(nb, data, params):
    """두 토큰화의 어휘 크기, min_count 보다 드문 단어와 그 토큰 (출력된 표 그대로)."""
    min_count = params["MIN_COUNT"]
    rows = []
    for name, v in data["vocab"].items():
        n_rare, rare_tokens = count_below(v.counts, min_count)
        rows.append([name, f"{v.total:,}", f"{len(v):,}", f"{n_rare:,} ({n_rare / len(v):.1%})",
                     f"{rare_tokens:,} ({rare_tokens / v.total:.1%})", f"{len(v) - n_rare:,}"])
    header = ["토큰화", "토큰 수", "어휘 크기 V", f"빈도 < {min_count} 인 단어",
              "그 단어들의 토큰", f"min_count={min_count} 뒤 V"]
    out = output_of(nb, "vocab = {name: sgns.build_vocab")
    assert str(Table(header, rows)) in out
    eojeol, morpheme = data["vocab"]["어절"], data["vocab"]["형태소"]
    assert f"어절 어휘는 형태소 어휘의 {len(eojeol) / len(morpheme):.2f}배입니다" in out
    # 글이 기대는 사실: 토큰은 형태소가 많고, 어휘는 어절이 훨씬 크며, 어절 어휘의 대부분이 min_count 미만
    assert morpheme.total > eojeol.total and len(eojeol) > 1.5 * len(morpheme)
    assert count_below(eojeol.counts, min_count)[0] > 0.5 * len(eojeol)
    assert len(sgns.build_vocab(data["tokenized"]["어절"], min_count=min_count)) == len(eojeol) - count_below(
        eojeol.counts, min_count
    )[0]


def test_forms_of_one_word(nb, data, params):
    out = output_of(nb, "eojeol_forms(analyses, lemma)")
    for lemma in ["국민/NNG", "정하/VV"]:
        forms = eojeol_forms(data["analyses"], lemma)
        rare = sum(count < params["MIN_COUNT"] for _, count in forms)
        lemma_count = int(data["vocab"]["형태소"].counts[data["vocab"]["형태소"].id(lemma)])
        assert f"{lemma}: 어절 꼴 {len(forms)}개 (빈도 합 {sum(c for _, c in forms)}), " in out
        assert f"그중 빈도 < {params['MIN_COUNT']} 인 꼴 {rare}개; 형태소 토큰 {lemma} 의 빈도 {lemma_count}" in out
        assert ", ".join(f"{w}({c})" for w, c in forms) in out
        assert lemma_count > sum(c for _, c in forms)  # 글: 복합어까지 세므로 형태소 빈도가 더 큼
    assert "국민투표에" in data["vocab"]["어절"] and "재외국민을" in data["vocab"]["어절"]  # 글의 복합어 예
    # 글: 줄 끝에서 잘린 "국민생활" 의 두 조각이 어절 어휘의 단어가 됨
    lines = data["corpus"].lines
    cut = next(i for i, line in enumerate(lines) if line.endswith("발생하거나 국민생"))
    assert lines[cut + 1].startswith("활과 직접")
    assert "국민생" in data["vocab"]["어절"] and "활과" in data["vocab"]["어절"]


def test_heads_of_both_vocabularies_and_particle_token_share(nb, data, params):
    top = params["TOP"]
    rows = []
    for rank in range(top):
        row = [f"{rank + 1}"]
        for v in data["vocab"].values():
            row += [v.words[rank], f"{v.counts[rank]:,}"]
        rows.append(row)
    out = output_of(nb, '["순위", "어절", "빈도", "형태소", "빈도"]')
    assert str(Table(["순위", "어절", "빈도", "형태소", "빈도"], rows)) in out
    mv, particle, ending = data["vocab"]["형태소"], data["particle"], data["ending"]
    assert f"형태소 상위 {top}개 가운데 조사 {particle[:top].sum()}개, 어미 {ending[:top].sum()}개" in out
    assert f"조사 {mv.counts[particle].sum() / mv.total:.1%}, 어미 {mv.counts[ending].sum() / mv.total:.1%}" in out
    assert mv.words[0] == "의/JKG"  # 글: 조사·어미가 맨 위


def test_head_of_the_noise_distribution_is_particles_and_endings(nb, data, params):
    mv = data["vocab"]["형태소"]
    noise = {name: sgns.noise_distribution(mv.counts, p) for name, p in POWERS.items()}
    order = np.argsort(-noise["3/4 제곱 p=0.75"], kind="stable")[: params["TOP"]]
    rows = [[mv.words[i], f"{mv.counts[i]:,}", *(f"{100 * probs[i]:.2f}" for probs in noise.values())] for i in order]
    assert str(Table(["단어", "빈도", *POWERS], rows)) in output_of(nb, "POWERS = {")
    function_words = sum(is_particle(mv.words[i]) or is_ending(mv.words[i]) for i in order)
    assert function_words >= 0.7 * params["TOP"]  # 글: "맨 위는 거의 다 조사와 어미"


def test_share_of_negatives_on_particles(nb, data, params):
    """네거티브 샘플 가운데 조사 (와 어미) 의 몫: 세 지수에서, 그리고 K 개 가운데 평균 개수."""
    mv, particle = data["vocab"]["형태소"], data["particle"]
    function = particle | data["ending"]
    out = output_of(nb, "particle_shares = {}")
    assert f"조사: 어휘 {len(mv):,}개 가운데 {particle.sum()}개 ({particle.mean():.1%}), " in out
    rows, shares = [], {}
    for name, p in POWERS.items():
        probs = sgns.noise_distribution(mv.counts, p)
        shares[name] = share_of_noise(probs, particle)
        rows.append([name, f"{shares[name]:.4f}", f"{share_of_noise(probs, function):.4f}"])
    assert str(Table(["잡음 분포", "조사의 몫", "조사 + 어미의 몫"], rows)) in out
    k = params["K"]
    assert f"조사는 평균 {k * shares['3/4 제곱 p=0.75']:.2f}개" in out
    # 글: 3/4 제곱은 몫을 깎지만 조사가 흔해 여전히 큼 (균등 < 3/4 < 유니그램, 3/4 에서 조사가 어휘 비율의 몇 배)
    assert shares["균등 p=0"] < shares["3/4 제곱 p=0.75"] < shares["유니그램 p=1"]
    assert shares["균등 p=0"] == pytest.approx(particle.mean())
    assert shares["3/4 제곱 p=0.75"] > 5 * particle.mean()


def test_exercise_check_passed(nb):
    assert check_statuses(nb) == {"particle_share": "pass"}


def test_removing_particles_gives_nouns_a_larger_share(nb, data):
    mv = data["vocab"]["형태소"]
    without = sgns.build_vocab(remove_particles(data["tokenized"]["형태소"]))
    rows, noun_shares = [], []
    for name, v in [("형태소 (조사 포함)", mv), ("조사를 뺀 형태소", without)]:
        probs = sgns.noise_distribution(v.counts, 0.75)
        noun_shares.append(share_of_noise(probs, tag_mask(v.words, is_noun)))
        top3 = ", ".join(v.words[i] for i in np.argsort(-probs, kind="stable")[:3])
        rows.append([name, f"{v.total:,}", f"{len(v):,}", f"{noun_shares[-1]:.4f}", top3])
    header = ["말뭉치", "토큰 수", "V", "명사의 몫 (p=0.75)", "확률이 가장 큰 3개"]
    assert str(Table(header, rows)) in output_of(nb, "without_particles = remove_particles")
    assert noun_shares[1] > noun_shares[0]


def test_subsampling_keeps_few_particles_and_drops_mostly_function_morphemes(nb, data, params):
    mv, particle, sample = data["vocab"]["형태소"], data["particle"], params["SAMPLE"]
    keep = sgns.keep_probabilities(mv.counts, sample)
    out = output_of(nb, "keep = sgns.keep_probabilities")
    assert f"형태소 토큰 {mv.total:,}개에서 빈도가 약 {sample * mv.total:.0f}번을 넘으면 솎아집니다" in out
    top_particles = np.flatnonzero(particle)[:6]
    relative = mv.counts / mv.total
    rows = [[mv.words[i], f"{mv.counts[i]:,}", f"{relative[i]:.4f}", f"{keep[i]:.3f}"] for i in top_particles]
    assert str(Table(["조사", "빈도", "상대 빈도 f", "남길 확률"], rows)) in out
    assert keep[top_particles].max() < 0.4  # 글: "남길 확률이 모두 0.4보다 작습니다"
    dropped_out = output_of(nb, "dropped = v.counts")
    function = particle | data["ending"]
    for name, v in data["vocab"].items():
        dropped = v.counts * (1 - sgns.keep_probabilities(v.counts, sample))
        first5 = ", ".join(v.words[i] for i in np.argsort(-dropped, kind="stable")[:5])
        assert f"{name}: 토큰의 {dropped.sum() / v.total:.1%}를 버림. 가장 많이 버리는 단어: {first5}" in dropped_out
        if name == "형태소":
            share, function_share = dropped[particle].sum() / dropped.sum(), dropped[function].sum() / dropped.sum()
            assert f"조사 {share:.1%}, 조사 + 어미 {function_share:.1%}" in dropped_out
            assert function_share > 0.5  # 글: 주로 조사와 어미를 솎아 냄


@pytest.fixture(scope="module")
def models(data, params):
    hyper = dict(vector_size=params["VECTOR_SIZE"], window=params["WINDOW"], negative=params["K"],
                 sample=params["SAMPLE"], min_count=params["MIN_COUNT"], epochs=params["EPOCHS"])
    seeds = range(params["SEED"], params["SEED"] + params["NUM_SEEDS"])
    return {name: [sgns.train(s, seed=seed, **hyper) for seed in seeds] for name, s in data["tokenized"].items()}


def _neighbours(model, word):
    return [w for w, _ in model.most_similar(word, topn=5)]


def test_neighbour_table_and_its_honest_reading(nb, data, params, models):
    queries = {
        "형태소": params["QUERY_WORDS"],
        "어절": [eojeol_forms(data["analyses"], lemma, top=1)[0][0] for lemma in params["QUERY_WORDS"]],
    }
    rows = [[lemma, ", ".join(_neighbours(models["형태소"][0], lemma)), eojeol,
             ", ".join(_neighbours(models["어절"][0], eojeol))]
            for lemma, eojeol in zip(queries["형태소"], queries["어절"], strict=True)]
    header = ["형태소", "형태소 모델의 이웃 5개", "어절", "어절 모델의 이웃 5개"]
    assert str(Table(header, rows, left_columns=4)) in output_of(nb, "def neighbours(")
    # 글이 이웃 표에서 읽는 것: 형태소 이웃은 대부분 명사, 대통령 옆에 국무·제청, 국민은 옆에 권리를·가진다
    morpheme_neighbours = [w for row in rows for w in row[1].split(", ")]
    assert np.mean([is_noun(w) for w in morpheme_neighbours]) > 0.5
    president = rows[queries["형태소"].index("대통령/NNG")]
    assert {"국무/NNG", "제청/NNG"} <= set(president[1].split(", "))
    people = rows[queries["형태소"].index("국민/NNG")]
    assert people[2] == "국민은" and {"권리를", "가진다"} <= set(people[3].split(", "))
    out = output_of(nb, "same_line_share(")
    for name, ms in models.items():
        together = np.mean([same_line_share(data["tokenized"][name], w, _neighbours(ms[0], w)) for w in queries[name]])
        overlaps = np.mean([neighbour_overlap(_neighbours(ms[a], w), _neighbours(ms[b], w))
                            for w in queries[name] for a in range(len(ms)) for b in range(a + 1, len(ms))])
        assert (
            f"{name} 모델: 이웃 가운데 같은 줄에 함께 나온 적이 있는 단어 {together:.0%}, "
            f"시드 {len(ms)}개 사이 이웃 5개의 평균 자카드 지수 {overlaps:.2f}"
        ) in out
        assert together > 0.5  # 글: 이웃의 대부분이 같은 줄에 나온 단어
        assert overlaps < 0.9  # 글: 시드만 바꿔도 이웃의 일부가 바뀜
    pairs_line = output_of(nb, "hyper = dict(")
    for name, ms in models.items():
        assert f"{name} 모델: 어휘 {len(ms[0]):,}개, 학습한 긍정 쌍 {ms[0].pairs_trained:,}개" in pairs_line


def test_markdown_cites_facts_the_corpus_files_confirm(nb, data):
    md = markdown_text(nb)
    names = [p.stem for p in data["corpus"].files[1:]]
    assert "1809890-1809899" in md and names[0] == "1809890" and names[-1] == "1809899"
    assert "제7조" in md and "GPL" in md  # 라이선스를 적음
    assert "01_concept.ipynb" in md  # 1장의 용어표로 가는 링크


def test_each_question_has_its_own_model_answer_right_after(nb):
    cells = nb.cells
    start = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.source.startswith("## 생각해 볼"))
    questions = re.findall(r"^\d+\. ", cells[start].source, flags=re.M)
    answers = []
    for cell in cells[start + 1 :]:
        if "answer-key" not in cell.metadata.get("tags", []):
            break
        answers.append(cell)
    assert len(questions) == len(answers) == 3
    assert [a.source.split(".", 1)[0] for a in answers] == [f"**모범 답안 {n}" for n in (1, 2, 3)]
    assert len({a.metadata["nbgrader"]["grade_id"] for a in answers}) == 3


def test_particle_negatives_are_described_as_needed_like_chapter_5(nb):
    """5장 (그리고 3장) 과 같은 견해: 빈출 단어의 네거티브 샘플은 내적의 기준선을 정함 (부록 B 의 최적점)."""
    md = markdown_text(nb)
    a3 = md.split("## A.3", 1)[1].split("## A.4", 1)[0]
    assert "부록 B" in a3 and "5장" in a3
    assert "흔한" not in md  # 5장이 정의한 '빈출 단어' 하나로


KOREAN = re.compile(r"[가-힣]")
EVALUATION_NAME = re.compile(r"(wordsim|simlex|ws353|analog|questions-words|similarity)", re.I)


def test_no_installed_package_ships_a_korean_word_similarity_or_analogy_set(nb):
    """A.6 의 말: 설치되는 패키지 안에 한국어 단어 유사도·유추 평가 자료가 없음 (그래서 의미를 재지 않음)."""
    found = []
    for root in map(Path, site.getsitepackages()):
        for path in root.rglob("*"):
            if path.suffix in {".txt", ".csv", ".tsv"} and EVALUATION_NAME.search(path.name):
                if KOREAN.search(path.read_text(encoding="utf-8", errors="ignore")[:20_000]):
                    found.append(path)
    assert found == []
    md = markdown_text(nb)
    a6 = md.split("## A.6", 1)[1].split("## 정리", 1)[0]
    assert "fastText" in a6 and "자모" in a6 and "라이선스" in a6
    assert not any("evaluate_word_pairs" in c.source for c in code_cells(nb))
