"""sgns.data: gensim 테스트 자료 찾기, 말뭉치 읽기, 합성 말뭉치, 원문 예시."""

import pytest

import sgns.data as data
from sgns.data import (
    DOC_CENTER_WORD,
    DOC_COUNTS,
    DOC_NEGATIVE_WORDS,
    DOC_SENTENCE,
    analogies_path,
    gensim_data_path,
    load_head500,
    load_lee,
    simlex999_path,
    simple_tokenize,
    synthetic_corpus,
    wordsim353_path,
)


def test_head500_size():
    sentences = load_head500()
    assert len(sentences) == 250
    assert sum(len(s) for s in sentences) == 331_339
    assert all(isinstance(t, str) for t in sentences[0])


def test_lee_matches_gensim_simple_preprocess():
    from gensim.utils import simple_preprocess

    docs = load_lee()
    with open(gensim_data_path("lee_background.cor"), encoding="utf8", errors="replace") as fin:
        expected = [simple_preprocess(line) for line in fin]
    assert docs == [d for d in expected if d]
    assert 55_000 < sum(len(d) for d in docs) < 60_000


def test_simple_tokenize_rules():
    assert simple_tokenize("At 4:00pm AEDT, the U.S. fire-fighters_x _hidden a") == [
        "at",
        "pm",
        "aedt",
        "the",
        "fire",
        "fighters_x",
    ]
    assert simple_tokenize("x" * 16 + " ok") == ["ok"]
    with pytest.raises(TypeError, match="`text`"):
        simple_tokenize(["not", "a", "string"])


def test_evaluation_paths_exist():
    for path in (wordsim353_path(), simlex999_path(), analogies_path()):
        assert path.is_file()
    assert wordsim353_path().name == data.WORDSIM353


def test_missing_file_and_missing_gensim(monkeypatch):
    with pytest.raises(FileNotFoundError, match="`name`='nope.txt'"):
        gensim_data_path("nope.txt")
    monkeypatch.setattr(data.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(FileNotFoundError, match="gensim 의 테스트 자료 폴더"):
        wordsim353_path()


def test_synthetic_corpus_is_deterministic_and_structured():
    a = synthetic_corpus(num_sentences=500, seed=3)
    b = synthetic_corpus(num_sentences=500, seed=3)
    c = synthetic_corpus(num_sentences=500, seed=4)
    assert a.sentences == b.sentences
    assert a.sentences != c.sentences
    assert len(a.sentences) == 500
    tokens = {t for s in a.sentences for t in s}
    assert all(t.isascii() and t.isalpha() for t in tokens)
    # 무리와 유추의 단어가 모두 말뭉치에 나옵니다
    for words in a.groups.values():
        assert len(words) >= 4
        assert set(words) <= tokens
    assert ("france", "paris", "germany", "berlin") in a.analogies
    assert ("king", "queen", "man", "woman") in a.analogies
    for quad in a.analogies:
        assert set(quad) <= tokens
        assert len(set(quad)) == 4


def test_synthetic_corpus_bad_inputs():
    with pytest.raises(ValueError, match="`num_sentences`"):
        synthetic_corpus(num_sentences=0)
    with pytest.raises(TypeError, match="`seed`"):
        synthetic_corpus(seed=1.5)
    with pytest.raises(ValueError, match="`filler_rate`"):
        synthetic_corpus(filler_rate=2.0)


def test_doc_examples():
    text = " ".join(DOC_SENTENCE)
    assert "turning into banking crises" in text
    assert DOC_CENTER_WORD in DOC_SENTENCE
    assert DOC_NEGATIVE_WORDS == ["elephant", "democracy", "pizza"]
    assert DOC_COUNTS == {"the": 100000, "democracy": 1000}
