"""sgns.lessons.korean: 한국어 말뭉치 읽기, 어절·형태소 토큰화, 품사로 조사 고르기, 없는 패키지의 한국어 안내."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from sgns.lessons import korean
from sgns.lessons.korean import (
    KoreanDataMissing,
    count_below,
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
    split_tag,
    tag_mask,
)


@pytest.fixture(scope="module")
def corpus():
    return load_korean_corpus()


# ---------------------------------------------------------------------------
# 말뭉치
# ---------------------------------------------------------------------------


def test_corpus_is_the_constitution_and_ten_bills(corpus):
    names = [path.name for path in corpus.files]
    assert names[0] == "constitution.txt"
    assert names[1:] == [f"{number}.txt" for number in range(1809890, 1809900)]
    assert corpus.lines[0] == "대한민국헌법"
    assert len(corpus.lines) == len(corpus.sources)
    assert set(corpus.sources) == {"kolaw", "kobill"}
    assert all(line == line.strip() and line for line in corpus.lines)
    assert 40_000 < corpus.num_chars < 50_000  # 작은 말뭉치: 공백을 뺀 글자 수만
    bills = "".join(path.read_text(encoding="utf-8") for path in corpus.files[1:])
    assert bills.count("발의연월일 : 2010.  11.") == 8  # 2010년 11월에 발의된 법률안 8건 (나머지 2건은 동의안)
    assert bills.count("동의안") >= 2


def test_only_one_source_can_be_read(corpus):
    constitution = load_korean_corpus(["kolaw"])
    assert constitution.lines == [line for line, s in zip(corpus.lines, corpus.sources, strict=True) if s == "kolaw"]


@pytest.mark.parametrize(
    ("sources", "error", "fragment"),
    [
        ("kolaw", TypeError, "`sources`"),
        ([], TypeError, "`sources`"),
        (["kolaw", "wiki"], ValueError, "'wiki'"),
    ],
)
def test_bad_sources_get_a_korean_error_naming_the_parameter(sources, error, fragment):
    with pytest.raises(error, match=fragment) as info:
        load_korean_corpus(sources)
    assert "말뭉치" in str(info.value)


def test_missing_konlpy_data_is_a_korean_error(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "konlpy" else real(name, *a))
    with pytest.raises(KoreanDataMissing, match="konlpy") as info:
        load_korean_corpus()
    assert "make setup" in str(info.value) and isinstance(info.value, ModuleNotFoundError)


@pytest.mark.parametrize("missing", ["kiwipiepy", "kiwipiepy_model"])
def test_missing_tokenizer_or_model_is_a_korean_error(monkeypatch, missing):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == missing else real(name, *a))
    korean.kiwi_tokenizer.cache_clear()
    try:
        with pytest.raises(KoreanDataMissing, match=missing.replace("_", "-")) as info:
            morpheme_tokens(["국민은 법률로 정한다."])
        assert "설치" in str(info.value)
    finally:
        korean.kiwi_tokenizer.cache_clear()


def test_reading_the_corpus_and_tokenizing_starts_no_jvm():
    """konlpy 는 import 하지 않고 (그래서 JPype·JVM 도 없이) 텍스트 파일만 읽습니다."""
    code = (
        "import json, sys\n"
        "from sgns.lessons.korean import load_korean_corpus, morpheme_tokens\n"
        "corpus = load_korean_corpus()\n"
        "morpheme_tokens(corpus.lines[:20])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('konlpy', 'jpype', '_jpype'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


# ---------------------------------------------------------------------------
# 토큰화
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "tokens"),
    [
        ("제1조 ① 대한민국은 민주공화국이다.", ["제1조", "대한민국은", "민주공화국이다"]),
        ("“만 6세 이하의 자녀를”을", ["만", "6세", "이하의", "자녀를”을"]),
        ("(정의화의원 대표발의 )", ["정의화의원", "대표발의"]),
        ("- 1 -", ["1"]),
        ("   ", []),
    ],
)
def test_eojeol_tokens_split_on_spaces_and_strip_punctuation_at_the_edges(line, tokens):
    assert eojeol_tokens(line) == tokens


def test_eojeol_tokens_reject_a_list():
    with pytest.raises(TypeError, match="`line`"):
        eojeol_tokens(["국민은"])


def test_morpheme_tokens_of_article_one():
    [tokens] = morpheme_tokens(["제1조 ① 대한민국은 민주공화국이다."])
    assert tokens == ["제/MM", "1/SN", "조/NNG", "대한민국/NNP", "은/JX", "민주/NNG", "공화국/NNG", "이/VCP", "다/EF"]
    assert morpheme_tokens([]) == []
    with pytest.raises(TypeError, match="`lines`"):
        morpheme_tokens("국민은")


HASH_CODE = (
    "import hashlib, json\n"
    "from sgns.lessons.korean import load_korean_corpus, morpheme_tokens\n"
    "tokens = morpheme_tokens(load_korean_corpus().lines)\n"
    "print(hashlib.sha256(json.dumps(tokens, ensure_ascii=False).encode()).hexdigest())\n"
)


def _start_corpus_hash(arch: str | None) -> subprocess.Popen:
    """말뭉치 전체의 형태소 토큰 해시를 계산하는 새 프로세스 (KIWI_ARCH_TYPE=arch). 끝나기를 기다리지 않습니다."""
    env = {k: v for k, v in os.environ.items() if k != "KIWI_ARCH_TYPE"}
    if arch:
        env["KIWI_ARCH_TYPE"] = arch
    return subprocess.Popen(
        [sys.executable, "-c", HASH_CODE], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def _finished_hash(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return out.strip()


def test_tokenization_is_the_same_on_the_baseline_x86_kernel_and_the_one_this_cpu_picks(corpus):
    """저장된 출력 (nbval) 이 CPU 에 따라 바뀌지 않음: Kiwi 의 SSE2 커널과 이 CPU 가 고르는 커널의 결과가 같습니다.

    SSE2 커널은 따로 프로세스에서 돌고, 그동안 이 프로세스가 이 CPU 의 커널로 같은 말뭉치를 나눕니다 (둘이 함께).
    """
    if os.uname().machine not in ("x86_64", "AMD64"):
        pytest.skip("x86-64 에서만 SSE2 커널을 고를 수 있습니다")
    baseline = _start_corpus_hash("sse2")
    try:
        here = hashlib.sha256(json.dumps(morpheme_tokens(corpus.lines), ensure_ascii=False).encode()).hexdigest()
    except BaseException:
        baseline.kill()
        raise
    assert _finished_hash(baseline) == here


# ---------------------------------------------------------------------------
# 품사
# ---------------------------------------------------------------------------


def test_split_tag_uses_the_last_slash():
    assert split_tag("국민/NNG") == ("국민", "NNG")
    assert split_tag("km/h/SL") == ("km/h", "SL")
    with pytest.raises(ValueError, match="'형태/품사'"):
        split_tag("국민")


@pytest.mark.parametrize(
    ("word", "particle", "ending", "noun"),
    [
        ("은/JX", True, False, False),
        ("과/JC", True, False, False),
        ("의/JKG", True, False, False),
        ("그리고/MAJ", False, False, False),  # 접속 부사: 품사에 J 가 있지만 J 로 시작하지 않음
        ("이/VCP", False, False, False),
        ("ᆫ다/EF", False, True, False),
        ("국민/NNG", False, False, True),
        ("수/NNB", False, False, True),
    ],
)
def test_tags(word, particle, ending, noun):
    assert (is_particle(word), is_ending(word), is_noun(word)) == (particle, ending, noun)


def test_tag_mask_and_remove_particles():
    words = ["국민/NNG", "은/JX", "법률/NNG", "로/JKB", "정하/VV", "ᆫ다/EF"]
    np.testing.assert_array_equal(tag_mask(words, is_particle), [False, True, False, True, False, False])
    assert tag_mask([], is_particle).shape == (0,)
    assert remove_particles([words, ["은/JX"], ["및/MAJ"]]) == [
        ["국민/NNG", "법률/NNG", "정하/VV", "ᆫ다/EF"],
        ["및/MAJ"],
    ]


def test_eojeol_analyses_pair_each_eojeol_with_its_morphemes_in_context(corpus):
    [row] = korean.eojeol_analyses(["제1조 ① 대한민국은 민주공화국이다."])
    assert row == [
        ("제1조", ("제/MM", "1/SN", "조/NNG")),
        ("대한민국은", ("대한민국/NNP", "은/JX")),
        ("민주공화국이다", ("민주/NNG", "공화국/NNG", "이/VCP", "다/EF")),
    ]
    analyses = korean.eojeol_analyses(corpus.lines[:300])
    # 어절은 eojeol_tokens 와 같고, 형태소는 (문장 부호를 뺀) morpheme_tokens 와 같은 분석
    assert [[w for w, _ in row] for row in analyses] == [eojeol_tokens(line) for line in corpus.lines[:300]]
    flat = [[m for _, ms in row for m in ms] for row in analyses]
    assert flat == morpheme_tokens(corpus.lines[:300])
    with pytest.raises(TypeError, match="`lines`"):
        korean.eojeol_analyses("국민")


def test_eojeol_forms_keep_inflected_forms_and_drop_compounds():
    lines = ["국민은 국민투표에 부친다.", "모든 국민은 국민의 권리를 가진다.",
             "법률로 정한다.", "법률이 정하는 바에 의하여"]
    analyses = korean.eojeol_analyses(lines)
    assert eojeol_forms(analyses, "국민/NNG") == [("국민은", 2), ("국민의", 1)]  # 국민투표에 는 빠짐
    assert eojeol_forms(analyses, "국민/NNG", top=1) == [("국민은", 2)]
    assert eojeol_forms(analyses, "정하/VV") == [("정하는", 1), ("정한다", 1)]
    with pytest.raises(ValueError, match="'형태/품사'"):
        eojeol_forms(analyses, "국민")


# ---------------------------------------------------------------------------
# 작은 계산
# ---------------------------------------------------------------------------


def test_count_below():
    assert count_below(np.array([10, 4, 1, 5, 2]), 5) == (3, 7)
    assert count_below(np.array([10, 5]), 5) == (0, 0)
    with pytest.raises(ValueError, match="`min_count`"):
        count_below(np.array([1, 2]), 0)
    with pytest.raises(ValueError, match="`counts`"):
        count_below(np.ones((2, 2)), 1)


def test_neighbour_overlap_is_jaccard():
    assert neighbour_overlap(["a", "b", "c"], ["b", "c", "d"]) == pytest.approx(2 / 4)
    assert neighbour_overlap(["a"], ["a"]) == 1.0
    assert neighbour_overlap(["a"], ["b"]) == 0.0
    assert neighbour_overlap([], []) == 1.0


def test_same_line_share():
    sentences = [["국민/NNG", "은/JX", "권리/NNG"], ["국회/NNG", "의결/NNG"], ["국민/NNG", "의무/NNG"]]
    assert same_line_share(sentences, "국민/NNG", ["권리/NNG", "의무/NNG", "의결/NNG", "없음/NNG"]) == 0.5
    assert same_line_share(sentences, "국민/NNG", []) == 0.0
    assert same_line_share(sentences, "없음/NNG", ["국민/NNG"]) == 0.0
