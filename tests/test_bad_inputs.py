"""잘못된 입력의 표: 입구 (doors) 마다 잘못된 (또는 극단적인) 입력을 넣어 봅니다.

입구는 학생이나 강사가 자기 값을 넣어 부르는 곳입니다 (``sgns`` 의 설명에 목록이 있고, 아래 ``DOORS`` 가 같은
목록입니다): ``sgns.train``, 말뭉치·파일 읽기와 평가, 학습한 벡터에 단어로 묻기, 기울기 검사, ``sgns.data``,
``sgns.plotting``, 연습문제 확인 ``sgns.checks`` 와 강의 도우미 ``sgns.lessons`` 의 모든 공개 함수.
입구를 지난 함수 (배우는 길의 식, 엔진) 는 이미 검사한 값을 받으므로 여기에 줄이 없습니다.

표의 줄마다 (부를 것, 인자, 기대) 이고, 기대는 셋 중 하나입니다.

- ``Korean(param, shows)``: 한국어 오류. 메시지에 한글, 매개변수 이름 (`param`), 받은 값을 말하는 글 (shows) 이
  있어야 합니다 (NaN 이 결과로 나오거나, numpy·파이썬의 영어 오류가 그대로 나오면 실패).
- ``Equals(value)``: 맞는 결과 (정확한 값; 실수는 rel 상대 오차까지).
- ``Gives(cls, check)``: cls 의 결과이고 check 가 참이며, 결과 안의 모든 실수가 유한함 (결과를 담는 클래스를 덮음).

``test_every_door_has_a_row`` 는 입구마다 표에 줄이 있는지 봅니다.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
import math
import operator
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import sgns
import sgns.checks
import sgns.data
import sgns.plotting
from sgns.corpus import LineSentences, build_vocab
from sgns.data import (
    SyntheticCorpus,
    analogies_path,
    gensim_data_dir,
    gensim_data_path,
    load_head500,
    load_lee,
    simlex999_path,
    simple_tokenize,
    synthetic_corpus,
    wordsim353_path,
)
from sgns.evaluate import (
    AnalogyScore,
    Interval,
    PairedComparison,
    WordPairScore,
    compare_word_pair_scores,
    evaluate_analogies,
    evaluate_word_pairs,
    pearson,
    read_analogies,
    read_word_pairs,
    spearman,
    spearman_interval,
)
from sgns.functions import sigmoid
from sgns.gradient_check import GradientErrors, check_loss_gradients, gradcheck
from sgns.lessons import (
    diagram,
    gensim_baseline,
    korean,
    monitor,
    noise_samplers,
    optimum,
    own_trainer,
    pair_table,
    projection,
    update_cost,
    zipf,
)
from sgns.model import SGNSModel, TrainingStats, WordVectors
from sgns.plotting import Table, display_width, korean_font_path, show_table, use_korean_font
from sgns.sampling import NegativeSampler
from sgns.softmax_loss import naive_softmax_loss_and_gradient
from sgns.trainer import TrainingDiverged, TrainParams


def _resolve(dotted: str):
    """``sgns.evaluate.Interval.contains`` 같은 이름 -> 그 객체 (하위 모듈은 ``sgns`` 가 처음 쓸 때 불러옴)."""
    return functools.reduce(getattr, dotted.split(".")[1:], sgns)


def _door_names() -> list[str]:
    """``sgns`` 의 설명 (docstring) 에서 입구 (doors) 의 목록: 그 절의 ``sgns.…`` 이름들."""
    section = sgns.__doc__.split("**입구 (doors)**", 1)[1].split("\n\n", 2)[1]
    return re.findall(r"``(sgns(?:\.\w+)*)``", section)


DOOR_OBJECTS = [_resolve(name) for name in _door_names()]
# 모든 공개 함수·클래스가 입구인 모듈 (``sgns.lessons`` 는 그 모듈들)
DOOR_MODULES = [m for m in DOOR_OBJECTS if inspect.ismodule(m) and m is not sgns.lessons]
DOOR_MODULES += [importlib.import_module(f"sgns.lessons.{name}") for name in sgns.lessons.__all__]
CORE_DOORS = [obj for obj in DOOR_OBJECTS if not inspect.ismodule(obj)]


def _figure_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.figure().add_subplot()


HANGUL = re.compile("[가-힣]")
MIN_ROWS, MIN_KOREAN_ROWS = 350, 250  # 표가 줄어들지 않게 (지금 362줄, 한국어 오류 257줄)

# ---------------------------------------------------------------------------
# 기대
# ---------------------------------------------------------------------------


def message_of(exc: BaseException) -> str:
    return exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)


@dataclass(frozen=True)
class Korean:
    """한국어 오류: 한글, 매개변수 이름 (`param` 으로 시작하는 글), 받은 값을 말하는 글 shows 가 메시지에 있음."""

    param: str
    shows: str
    error: type[BaseException] = Exception

    def verify(self, call: Callable[[], Any]) -> None:
        with pytest.raises(self.error) as info:
            call()
        text = message_of(info.value)
        assert HANGUL.search(text), f"한국어 메시지가 아닙니다: {text!r}"
        assert f"`{self.param}" in text, f"매개변수 `{self.param}` 를 말하지 않습니다: {text!r}"
        assert self.shows.lower() in text.lower(), f"받은 값 {self.shows!r} 를 말하지 않습니다: {text!r}"


def same(got, want, rel: float) -> bool:
    """정확히 같은 값인지 (실수는 상대 오차 rel 까지, 배열·튜플·데이터클래스는 원소마다)."""
    if isinstance(want, np.ndarray) or isinstance(got, np.ndarray):
        got, want = np.asarray(got), np.asarray(want)
        if got.shape != want.shape:
            return False
        if want.dtype.kind in "fc" or got.dtype.kind in "fc":
            return bool(np.all(np.isfinite(got))) and np.allclose(got, want, rtol=rel, atol=0.0)
        return bool(np.array_equal(got, want))
    if isinstance(want, float) or isinstance(got, float):
        return isinstance(got, (int, float)) and math.isfinite(got) and math.isclose(got, want, rel_tol=rel, abs_tol=0)
    if isinstance(want, (list, tuple)):
        return (
            isinstance(got, (list, tuple))
            and len(got) == len(want)
            and all(same(a, b, rel) for a, b in zip(got, want, strict=True))
        )
    if isinstance(want, dict):
        return isinstance(got, dict) and got.keys() == want.keys() and all(same(got[k], want[k], rel) for k in want)
    return got == want


@dataclass(frozen=True)
class Equals:
    """맞는 결과: value 와 같음 (실수는 상대 오차 rel 까지)."""

    value: Any
    rel: float = 0.0

    def verify(self, call: Callable[[], Any]) -> None:
        got = call()
        assert same(got, self.value, self.rel), f"결과 {got!r} 가 기대한 {self.value!r} 와 다릅니다"


def finite_everywhere(value, seen=None) -> bool:
    """결과 안의 모든 실수 (배열, 튜플, 데이터클래스의 필드) 가 유한한지."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return True
    seen.add(id(value))
    if isinstance(value, (float, np.floating)):
        return math.isfinite(value)
    if isinstance(value, np.ndarray):
        return value.dtype.kind not in "fc" or bool(np.all(np.isfinite(value)))
    if isinstance(value, (list, tuple)):
        return all(finite_everywhere(v, seen) for v in value)
    if isinstance(value, dict):
        return all(finite_everywhere(v, seen) for v in value.values())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(finite_everywhere(getattr(value, f.name), seen) for f in dataclasses.fields(value))
    return True


@dataclass(frozen=True)
class Gives:
    """결과 (또는 pick(결과)) 가 cls 이고 check 가 참이며 그 안의 모든 실수가 유한함."""

    cls: type
    check: Callable[[Any], bool] = lambda result: True
    pick: Callable[[Any], Any] = lambda result: result

    def verify(self, call: Callable[[], Any]) -> None:
        result = self.pick(call())
        assert isinstance(result, self.cls), f"결과가 {self.cls.__name__} 가 아닙니다: {result!r}"
        assert finite_everywhere(result), f"결과에 NaN 또는 inf 가 있습니다: {result!r}"
        assert self.check(result), f"결과가 조건에 맞지 않습니다: {result!r}"


@dataclass(frozen=True)
class Row:
    fn: Callable
    args: tuple
    kwargs: dict
    expect: Korean | Equals | Gives
    note: str = ""

    def call(self):
        return self.fn(*self.args, **self.kwargs)

    @property
    def id(self) -> str:
        name = getattr(self.fn, "__qualname__", None) or getattr(self.fn, "__name__", repr(self.fn))
        return f"{name}-{self.note}" if self.note else name


ROWS: list[Row] = []


def row(fn, *args, expect, note: str = "", **kwargs) -> None:
    ROWS.append(Row(fn, args, kwargs, expect, note))


def bad(fn, *args, param: str, shows: str, error: type[BaseException] = Exception, note: str = "", **kwargs):
    """한국어 오류를 기대하는 줄."""
    row(fn, *args, expect=Korean(param, shows, error), note=note or param, **kwargs)


# ---------------------------------------------------------------------------
# 재료 (작고 빨리 만들어짐)
# ---------------------------------------------------------------------------

RNG = np.random.default_rng(0)
U = RNG.normal(size=(5, 3))
V_C = RNG.normal(size=3)
SENTENCES = [["the", "cat", "sat", "on", "the", "mat"], ["a", "dog", "ran", "to", "the", "cat"]] * 5
VOCAB = build_vocab(SENTENCES)
SAMPLER = NegativeSampler(VOCAB.counts, seed=0)
TINY = dict(min_count=1, sample=0, epochs=1, vector_size=4, seed=0)
MODEL = sgns.train(SENTENCES, **TINY)
# 주변 단어 벡터가 0 인 모델: σ(u·v) = σ(0) = 0.5 가 정확한 답
MODEL0 = SGNSModel(VOCAB, MODEL.center_vectors, np.zeros_like(MODEL.outside_vectors), MODEL.params, MODEL.stats)
WV = WordVectors(["cat", "dog", "car", "truck", "apple"], np.array(
    [[1.0, 0.0], [0.98, 0.17], [0.0, 1.0], [-0.17, 0.98], [0.7, 0.7]]
))  # fmt: skip
NAN_ROWS = np.array([[np.nan, 1.0], [1.0, 1.0]])

AXES = _figure_axes()
FILES = Path(tempfile.mkdtemp(prefix="sgns-bad-inputs-"))  # 지우지 않음: /tmp 의 작은 파일 몇 개


def text_file(name: str, text: str | bytes) -> Path:
    path = FILES / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf8")
    return path


PAIRS_OK = text_file("pairs.tsv", "cat\tdog\t9\ncat\tapple\t5\ndog\tcar\t1\ncar\ttruck\t8\n")
PAIRS_SPACES = text_file("spaces.tsv", "cat dog 9\ncar truck 8\n")
PAIRS_COMMAS = text_file("commas.tsv", "cat,dog,9\n")
PAIRS_EMPTY = text_file("empty.tsv", "")
PAIRS_NAN = text_file("nan.tsv", "cat\tdog\t9\ncar\ttruck\tnan\n")
PAIRS_INF = text_file("inf.tsv", "cat\tdog\t-inf\n")
PAIRS_HUGE = text_file("huge.tsv", "cat\tdog\t9e299\ncat\tapple\t5e299\ndog\tcar\t1e299\ncar\ttruck\t8e299\n")
PAIRS_BOM = text_file("bom.tsv", "\ufeffcat\tdog\t9\ncat\tapple\t5\ndog\tcar\t1\n")
PAIRS_LATIN1 = text_file("latin1.tsv", "cat\tdog\t9\ncaf\xe9\tdog\t1\n".encode("latin-1"))
PAIRS_TWO_OF_MANY = text_file(
    "two.tsv", "cat\tdog\t9\ncat\tapple\t5\n" + "".join(f"x{i}\ty{i}\t{i % 7}\n" for i in range(330))
)
ANALOGIES_OK = text_file("q.txt", ": x\ncat dog car truck\ncar truck cat dog\n")
ANALOGIES_COMMAS = text_file("q_commas.txt", ": x\ncat,dog,car,truck\n")
ANALOGIES_NONE_COVERED = text_file("q_none.txt", ": x\nfoo bar baz qux\n")
CORPUS_FILE = text_file("corpus.txt", "the cat sat\n\na dog ran\n")
CORPUS_LATIN1 = text_file("corpus_latin1.txt", "the cat\ncaf\xe9 au lait\n".encode("latin-1"))
NOT_JSON = text_file("not_json.ipynb", "this is not json")


def _gen():
    yield ["a", "b"]



# ---------------------------------------------------------------------------
# sgns.gradcheck, sgns.check_loss_gradients (학생의 함수를 받음)
# ---------------------------------------------------------------------------

def _nan_gradient(x):
    return float((x**2).sum()), x * np.nan


def _inf_gradient(x):
    return float((x**2).sum()), x * np.inf


def _quad(x):
    return float((x**2).sum()), 2 * x


bad(gradcheck, _nan_gradient, np.ones(3), param="f", shows="grad[0]=nan", note="nan-gradient")
bad(gradcheck, _inf_gradient, np.ones(3), param="f", shows="grad[0]=inf", note="inf-gradient")
bad(gradcheck, lambda x: (float("nan"), 2 * x), np.ones(3), param="f", shows="loss=nan", note="nan-loss")
bad(gradcheck, lambda x: (float(x[0]) * 1e308, np.array([1e308])), np.array([0.0]), h=1.0, param="h",
    shows="1.0", note="numeric-overflow")  # fmt: skip
bad(gradcheck, "f", np.ones(3), param="f", shows="'f'")
bad(gradcheck, _quad, np.ones(3), h=0, param="h", shows="0")
bad(gradcheck, _quad, np.ones(3), tol=float("nan"), param="tol", shows="nan")
bad(gradcheck, _quad, [], param="x", shows="원소가 없습니다")
bad(check_loss_gradients, naive_softmax_loss_and_gradient, V_C, 9, U, param="outside_idx", shows="9", error=IndexError)
bad(check_loss_gradients, len, V_C, 0, U, param="loss_fn", shows="built-in function len", error=TypeError)
bad(gradcheck, lambda x, y: (0.0, x), np.ones(2), param="f", shows="(x, y)", error=TypeError, note="two-arguments")
row(check_loss_gradients, naive_softmax_loss_and_gradient, V_C, 1, U,
    expect=Gives(GradientErrors, lambda r: r.center_vec < 1e-6 and r.outside_vectors < 1e-6))  # fmt: skip


# ---------------------------------------------------------------------------
# sgns.corpus: 말뭉치를 처음 읽는 곳
# ---------------------------------------------------------------------------

bad(VOCAB.id, "teh", param="word", shows="'teh'", error=KeyError)
bad(build_vocab, SENTENCES, min_count=0, param="min_count", shows="0")
bad(build_vocab, "the cat", param="sentences", shows="'the cat'", error=TypeError)
bad(build_vocab, [["the", 3]], param="sentences", shows="3", error=TypeError)
bad(build_vocab, [[]], param="sentences", shows="비어", note="empty")
bad(build_vocab, SENTENCES, min_count=100, param="min_count", shows="100")
bad(LineSentences, FILES, param="path", shows=str(FILES), error=IsADirectoryError)
bad(LineSentences, FILES / "nope.txt", param="path", shows="nope.txt", error=FileNotFoundError)
bad(LineSentences, 42, param="path", shows="42", error=TypeError)
bad(lambda path: list(LineSentences(path)), CORPUS_LATIN1, param="path", shows="2번째 줄", note="LineSentences-latin1")
row(lambda path: list(LineSentences(path)), CORPUS_FILE, expect=Equals([["the", "cat", "sat"], ["a", "dog", "ran"]]),
    note="LineSentences-ok")  # fmt: skip

# ---------------------------------------------------------------------------
# sgns.train (sgns.trainer)
# ---------------------------------------------------------------------------

TINY_CORPUS = [["the", "cat", "sat", "on", "the", "mat"]] * 10
bad(sgns.train, TINY_CORPUS, min_count=1, epochs=3, vector_size=5, param="sample", shows="0.001",
    note="zero-pairs-after-subsampling")  # fmt: skip
bad(sgns.train, [["a"], ["b"]], min_count=1, param="sentences", shows="min_count=1", note="no-pairs")
bad(sgns.train, TINY_CORPUS, window=2**63, param="window", shows="9223372036854775808")
bad(sgns.train, TINY_CORPUS, vector_size=10**9, min_count=1, sample=0, param="vector_size", shows="GiB")
bad(sgns.train, TINY_CORPUS, negative=10**9, min_count=1, sample=0, param="negative", shows="TiB")
bad(sgns.train, synthetic_corpus(20).sentences, windw=3, param="windw", shows="window", error=TypeError)
bad(sgns.train, TINY_CORPUS, min_count=1, sample=0, alpha=1e30, epochs=2, param="alpha", shows="1e+30",
    error=TrainingDiverged)  # fmt: skip
bad(sgns.train, _gen(), param="sentences", shows="generator", error=TypeError)
bad(sgns.train, None, param="sentences", shows="None", error=TypeError)
row(sgns.train, synthetic_corpus(30), min_count=1, epochs=1, vector_size=3, note="synthetic-corpus-object",
    expect=Gives(SGNSModel, lambda m: len(m) == len(build_vocab(synthetic_corpus(30).sentences))))  # fmt: skip
row(sgns.train, TINY_CORPUS, batch_size=10**9, **TINY, note="huge-batch",
    expect=Gives(SGNSModel, lambda m: np.array_equal(
        m.center_vectors, sgns.train(TINY_CORPUS, batch_size=10**6, **TINY).center_vectors)))  # fmt: skip
row(sgns.train, TINY_CORPUS, **TINY, note="stats", expect=Gives(
    TrainingStats, lambda s: s.pairs_trained > 0 and s.effective_words == 60, pick=lambda m: m.stats))  # fmt: skip
bad(TrainParams, window=0, param="window", shows="0")
bad(TrainParams, alpha=float("nan"), param="alpha", shows="nan")
bad(TrainParams, min_alpha=0.5, param="min_alpha", shows="0.5")
bad(TrainParams, seed=-1, param="seed", shows="-1")
bad(TrainParams.from_kwargs, epoch=3, param="epoch", shows="epochs", error=TypeError)

# ---------------------------------------------------------------------------
# sgns.model: 학습한 벡터에 단어로 묻기, 내보내기
# ---------------------------------------------------------------------------

bad(WordVectors, "ab", np.ones((2, 2)), param="words", shows="'ab'", error=TypeError)
bad(WordVectors, ["a", "b"], NAN_ROWS, param="vectors", shows="nan")
bad(WordVectors, ["a", "b"], np.ones((3, 2)), param="vectors", shows="(3, 2)")

bad(WV.similarity, "cat", None, param="b", shows="None", error=KeyError)
bad(WV.most_similar, "cat", topn=0, param="topn", shows="0")
bad(WV.most_similar, "cta", param="word", shows="'cta'", error=KeyError)
bad(WV.analogy, "cat", "dog", "zebra", param="c", shows="'zebra'", error=KeyError)
bad(WV.evaluate_word_pairs, PAIRS_SPACES, param="path", shows="1번째 줄")
bad(WV.evaluate_analogies, ANALOGIES_COMMAS, param="path", shows="2번째 줄")
bad(WV.save_word2vec_format, FILES, param="path", shows=str(FILES), error=IsADirectoryError)
bad(WV.save_word2vec_format, FILES / "no" / "x.txt", param="path", shows="no", error=FileNotFoundError)
bad(WV.save_projector_tsv, FILES / "v.tsv", FILES, param="metadata_path", shows=str(FILES), error=IsADirectoryError)
bad(WordVectors(["new york", "b"], np.ones((2, 2))).save_word2vec_format, FILES / "x.txt", param="words",
    shows="'new york'", note="space-in-word")  # fmt: skip
row(WV.save_word2vec_format, FILES / "ok.txt", expect=Equals(None))
row(WV.index, "dog", expect=Equals(1))
bad(operator.getitem, WV, "zebra", param="word", shows="'zebra'", error=KeyError, note="WordVectors[word]")

# ---------------------------------------------------------------------------
# sgns.evaluate
# ---------------------------------------------------------------------------

bad(read_word_pairs, PAIRS_SPACES, param="path", shows="공백")
bad(read_word_pairs, PAIRS_COMMAS, param="path", shows="쉼표")
bad(read_word_pairs, PAIRS_EMPTY, param="path", shows="empty.tsv")
bad(read_word_pairs, PAIRS_NAN, param="path", shows="2번째 줄")
bad(read_word_pairs, PAIRS_INF, param="path", shows="'-inf'")
bad(read_word_pairs, PAIRS_LATIN1, param="path", shows="2번째 줄이 UTF-8")
bad(read_word_pairs, 3.5, param="path", shows="3.5", error=TypeError)
row(read_word_pairs, PAIRS_BOM, expect=Equals([("cat", "dog", 9.0), ("cat", "apple", 5.0), ("dog", "car", 1.0)]))
bad(read_analogies, ANALOGIES_COMMAS, param="path", shows="단어가 1개")
bad(read_analogies, PAIRS_EMPTY, param="path", shows="empty.tsv")
row(read_analogies, ANALOGIES_OK,
    expect=Equals([("x", "cat", "dog", "car", "truck"), ("x", "car", "truck", "cat", "dog")]))  # fmt: skip
bad(spearman_interval, float("nan"), 10, param="rho", shows="nan")
bad(spearman_interval, 0.5, 10, level=1.5, param="level", shows="1.5")
row(spearman_interval, 0.5, 10**12,
    expect=Gives(Interval, lambda iv: iv.low < 0.5 < iv.high and iv.high - iv.low < 1e-5))  # fmt: skip
bad(Interval(0.1, 0.0, 0.2, 0.95).contains, float("nan"), param="value", shows="nan")
bad(evaluate_word_pairs, WV.words, WV.vectors, PAIRS_SPACES, param="path", shows="공백")
bad(evaluate_word_pairs, WV.words, WV.vectors, PAIRS_EMPTY, param="path", shows="empty.tsv")
bad(evaluate_word_pairs, WV.words, WV.vectors, PAIRS_NAN, param="path", shows="'nan'")
bad(evaluate_word_pairs, WV.words, WV.vectors, PAIRS_LATIN1, param="path", shows="UTF-8")
bad(evaluate_word_pairs, WV.words, NAN_ROWS, PAIRS_OK, param="vectors", shows="nan")
bad(evaluate_word_pairs, WV.words, WV.vectors, PAIRS_OK, case_insensitive=1, param="case_insensitive", shows="1",
    error=TypeError)  # fmt: skip
bad(evaluate_word_pairs, ["zzz", "yyy"], np.eye(2), PAIRS_OK, param="path", shows="0개", note="no-covered-pair")
row(evaluate_word_pairs, WV.words, WV.vectors, PAIRS_HUGE, note="huge-scores", expect=Gives(
    WordPairScore, lambda s: s.pearson == pytest.approx(evaluate_word_pairs(WV.words, WV.vectors, PAIRS_OK).pearson)))
row(evaluate_word_pairs, WV.words, WV.vectors, PAIRS_BOM, note="bom",
    expect=Gives(WordPairScore, lambda s: s.n_covered == 3))  # fmt: skip
row(
    evaluate_word_pairs,
    WV.words,
    WV.vectors,
    PAIRS_TWO_OF_MANY,
    note="two-pairs",
    expect=Gives(
        WordPairScore, lambda s: s.n_covered == 2 and not s.reliable and "2개뿐" in s.note and "0.6%" in repr(s)
    ),
)
bad(evaluate_analogies, WV.words, WV.vectors, ANALOGIES_COMMAS, param="path", shows="2번째 줄")
bad(evaluate_analogies, WV.words, WV.vectors, ANALOGIES_NONE_COVERED, param="path", shows="q_none.txt")
row(evaluate_analogies, WV.words, WV.vectors, ANALOGIES_OK, expect=Gives(
    AnalogyScore, lambda s: s.n_covered == 2 and s.accuracy in (0.0, 0.5, 1.0) and not s.reliable))  # fmt: skip


def _score(gold, cosines, prefix="w"):
    return evaluate_word_pairs.__globals__["WordPairScore"](
        spearman=spearman(gold, cosines), pearson=pearson(gold, cosines), coverage=1.0, n_covered=len(gold),
        n_total=len(gold), pairs=tuple((f"{prefix}{i}", "x") for i in range(len(gold))),
        gold=np.asarray(gold, float), cosines=np.asarray(cosines, float),
    )  # fmt: skip


SCORE_A = _score(np.arange(40.0), np.arange(40.0) ** 2)
SCORE_B = _score(np.arange(40.0), np.sin(np.arange(40.0)))
bad(compare_word_pair_scores, SCORE_A, {"spearman": 0.3}, param="score_b", shows="'spearman'", error=TypeError)
bad(compare_word_pair_scores, SCORE_A, SCORE_B, n_resamples=10**12, param="n_resamples", shows="1000000000000")
bad(compare_word_pair_scores, SCORE_A, SCORE_B, level=0, param="level", shows="0")
bad(compare_word_pair_scores, SCORE_A, _score(np.arange(5.0), np.arange(5.0), "z"), param="score_a", shows="0개",
    note="no-common-pairs")  # fmt: skip
row(compare_word_pair_scores, SCORE_A, SCORE_B, n_resamples=200, expect=Gives(
    PairedComparison, lambda c: c.difference == pytest.approx(1.0 - SCORE_B.spearman) and c.n_pairs == 40))  # fmt: skip

# ---------------------------------------------------------------------------
# sgns.data, sgns.plotting
# ---------------------------------------------------------------------------

row(gensim_data_dir, expect=Gives(Path, lambda p: (p / "wordsim353.tsv").is_file()))
bad(gensim_data_path, 3, param="name", shows="3", error=TypeError)
bad(gensim_data_path, "nope.txt", param="name", shows="'nope.txt'", error=FileNotFoundError)
row(wordsim353_path, expect=Equals(gensim_data_dir() / "wordsim353.tsv"))
row(simlex999_path, expect=Equals(gensim_data_dir() / "simlex999.txt"))
row(analogies_path, expect=Equals(gensim_data_dir() / "questions-words.txt"))
row(load_head500, expect=Gives(list, lambda s: len(s) == 250 and sum(map(len, s)) > 330_000))
row(load_lee, expect=Gives(list, lambda s: len(s) > 250 and all(s)))
bad(simple_tokenize, None, param="text", shows="None", error=TypeError)
bad(simple_tokenize, "abc", min_len="a", param="min_len", shows="'a'", error=TypeError)
row(simple_tokenize, "At 4:00pm AEDT", expect=Equals(["at", "pm", "aedt"]))
bad(synthetic_corpus, 0, param="num_sentences", shows="0")
bad(synthetic_corpus, 10**12, param="num_sentences", shows="TiB")
bad(synthetic_corpus, 10, filler_rate=1.5, param="filler_rate", shows="1.5")
bad(synthetic_corpus, 10, filler_rate="x", param="filler_rate", shows="'x'", error=TypeError)
row(synthetic_corpus, 12, seed=3, expect=Gives(
    SyntheticCorpus, lambda c: len(c) == 12 and list(c) == c.sentences and c.num_tokens > 12))  # fmt: skip

row(korean_font_path, expect=Gives(Path, lambda p: p.name == "NanumGothic.ttf" and p.is_file()))
row(use_korean_font, expect=Equals("NanumGothic"))
bad(display_width, None, param="text", shows="None", error=TypeError)
row(display_width, "한a", expect=Equals(3))
bad(Table, "ab", [], param="header", shows="'ab'", error=TypeError)
bad(Table, ["a"], [[1, 2]], param="rows", shows="2개")
bad(Table, ["a"], [], left_columns=2, param="left_columns", shows="2")
row(Table, ["a", "b"], [["x|y", 1]], expect=Gives(Table, lambda t: "x\\|y" in t._repr_markdown_()))
bad(show_table, None, [], param="header", shows="None", error=TypeError)
row(show_table, ["열"], [["값"]], expect=Equals(None))

# ---------------------------------------------------------------------------
# sgns.lessons
# ---------------------------------------------------------------------------

# update_cost
bad(update_cost.dot_products_per_update, 0, param="vocab_size", shows="0")
bad(update_cost.dot_products_per_update, 10, negative=-1, param="negative", shows="-1")
bad(update_cost.update_speedup, 10, 0, param="negative", shows="0")
bad(update_cost.context_predictions, 10, 0.5, param="window", shows="0.5", error=TypeError)
bad(update_cost.softmax_corpus_operations, 10, 2, None, param="vocab_size", shows="None", error=TypeError)
row(update_cost.softmax_corpus_operations, 10**9, 5, 10**5, expect=Equals(10**15))
bad(update_cost.korean_number, float("nan"), param="value", shows="nan")
bad(update_cost.korean_number, float("inf"), param="value", shows="inf")
bad(update_cost.korean_number, 10**400, param="value", shows="2^1329")
bad(update_cost.korean_number, "2e14", param="value", shows="'2e14'", error=TypeError)
row(update_cost.korean_number, 2e14, expect=Equals("200조"))
bad(update_cost.touched_row_mask, np.array([np.nan, 1.0])[:, None], param="grad", shows="nan")
bad(update_cost.count_rows_touched, np.ones(3), param="grad", shows="(3,)")
bad(update_cost.row_grid, [1, 0], width=10**12, param="width", shows="TiB")
bad(update_cost.row_grid, [], param="mask", shows="비어")
bad(update_cost.time_per_call, 5, param="fn", shows="5", error=TypeError)
bad(update_cost.time_per_call, len, [], repeat=10**9, param="repeat", shows="1000000000")
bad(update_cost.time_per_call, len, [], min_time=float("nan"), param="min_time", shows="nan")
bad(update_cost.compare_update_costs, [10**12], param="vocab_sizes", shows="PiB")
bad(update_cost.compare_update_costs, [3], k=5, param="vocab_sizes", shows="3")
bad(update_cost.compare_update_costs, "100", param="vocab_sizes", shows="'100'", error=TypeError)
row(update_cost.compare_update_costs, [8], dim=2, k=1, repeat=1, expect=Gives(
    update_cost.UpdateCost, lambda c: c.softmax_rows_touched == 8 and c.neg_rows_touched == 2,
    pick=lambda r: r[0]))  # fmt: skip
COSTS = [update_cost.UpdateCost(V, 1e-6 * V, 1e-6, float(V), V / 6, V / 6 / V, V, 6) for V in (100, 1000)]
bad(update_cost.summarize_update_costs, None, param="costs", shows="None", error=TypeError)
bad(update_cost.summarize_update_costs, [COSTS[0]], param="costs", shows="[100.0]", note="one-size")
bad(update_cost.summarize_update_costs, [COSTS[0], 5], param="costs", shows="5", error=TypeError)
row(
    update_cost.summarize_update_costs,
    COSTS,
    expect=Gives(
        update_cost.UpdateCostSummary, lambda s: s.softmax_slope == pytest.approx(1.0) and s.vocab_ratio == 10.0
    ),
)

# noise_samplers
PROBS = np.array([0.5, 0.25, 0.25])
bad(noise_samplers.choice_per_pair, [0.5, 0.6], 3, 2, param="probs", shows="1.1")
bad(noise_samplers.choice_per_pair, PROBS, 10**12, 5, param="num_pairs", shows="1000000000000")
bad(noise_samplers.choice_per_pair, PROBS, 10, 10**12, param="k", shows="TiB")
row(noise_samplers.choice_per_pair, [0.0, 1.0], 3, 2, seed=0, expect=Equals(np.ones((3, 2), dtype=np.int64)))
bad(noise_samplers.total_variation, PROBS, [3], param="samples", shows="3", error=IndexError)
bad(noise_samplers.total_variation, PROBS, [[0.5]], param="samples", shows="float64", error=TypeError)
bad(noise_samplers.total_variation, PROBS, [], param="samples", shows="비어")
row(noise_samplers.total_variation, PROBS, [0, 0, 1, 2], expect=Equals(0.0))
bad(noise_samplers.expected_tv_noise, PROBS, 0, param="n", shows="0")
bad(noise_samplers.expected_tv_noise, [0.5, 0.5, 0.5], 10, param="probs", shows="1.5")
row(noise_samplers.expected_tv_noise, PROBS, 10**16, note="huge-n",
    expect=Equals(float(np.sum(np.sqrt(2 / np.pi * PROBS * (1 - PROBS) / 1e16)) / 2), rel=1e-9))  # fmt: skip
row(noise_samplers.expected_tv_noise, PROBS, 1, expect=Equals(0.625, rel=1e-12), note="n-1")

# optimum
bad(optimum.loss_terms, "a", param="dot_products", shows="'a'", error=TypeError)
row(optimum.loss_terms, [1e308, -1e308], expect=Gives(
    optimum.LossTerms,
    lambda t: t.positive_loss.tolist() == [0.0, 1e308] and t.negative_loss.tolist() == [1e308, 0.0]))  # fmt: skip
bad(optimum.corpus_objective, np.ones((3, 2)), np.ones((3, 2)), [0, 1], [0, 0], 1, [[5]], param="negative_indices",
    shows="(1, 1)")  # fmt: skip
bad(optimum.corpus_objective, np.ones((3, 2)), np.ones((3, 2)), [], [], 1, np.zeros((0, 1), int), param="ids",
    shows="토큰이 없습니다")  # fmt: skip
row(optimum.corpus_objective, np.zeros((3, 2)), np.zeros((3, 2)), [0, 1], [0, 0], 1, [[2], [2]], expect=Gives(
    optimum.CorpusObjective, lambda o: o.n_pairs == 2 and o.objective == pytest.approx(2 * math.log(2))))  # fmt: skip
bad(optimum.zero_vector_objective, 5, 0, 1, param="n_positions", shows="0")
row(optimum.zero_vector_objective, 4, 2, 1, expect=Equals(4 * math.log(2), rel=1e-12))
bad(optimum.cooccurrence_matrix, [0], [1], 10**5, param="vocab_size", shows="GiB")
bad(optimum.cooccurrence_matrix, [0], [2], 2, param="contexts", shows="2", error=IndexError)
bad(optimum.cooccurrence_matrix, [0, 1], [1], 2, param="centers", shows="(2,)")
row(optimum.cooccurrence_matrix, [0, 0, 1], [1, 1, 0], 2, expect=Equals(np.array([[0.0, 2.0], [1.0, 0.0]])))
bad(optimum.pmi_matrix, [[1, -1], [0, 1]], param="cooc", shows="음수")
bad(optimum.pmi_matrix, [[1, 1]], param="cooc", shows="(1, 2)")
bad(optimum.pmi_matrix, [[1, 1], [1, 1]], context_power=3, param="context_power", shows="3")
bad(optimum.shifted_pmi, [[1, 1], [0, 1]], 0, param="k", shows="0")
bad(optimum.optimal_dot_products, [[1, 1], [0, 1]], [1, 1, 1], 5, param="counts", shows="(3,)")
bad(optimum.optimal_dot_products, [[1, 1], [0, 1]], [1, 1], 5, skip_positive="no", param="skip_positive",
    shows="'no'", error=TypeError)  # fmt: skip
bad(optimum.compare_to_optimum, np.eye(2), np.full((2, 2), np.nan), [[1, 1], [1, 1]], param="target", shows="(2, 2)")
bad(optimum.compare_to_optimum, np.eye(2), np.eye(2), [[1, 1], [1, 1]], min_count=0, param="min_count", shows="0")
row(optimum.compare_to_optimum, np.array([[1.0, 2.0], [3.0, 5.0]]) * 1e300, np.array([[1.0, 2.0], [3.0, 4.0]]),
    [[1, 1], [1, 2]], note="huge-dots", expect=Gives(optimum.OptimumFit, lambda f: 0.9 < f.pearson <= 1.0))  # fmt: skip
row(optimum.compare_to_optimum, np.array([[1.0, 2.0], [3.0, 5.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]),
    [[1, 1], [1, 2]], expect=Gives(optimum.OptimumFit, lambda f: f.n_cells == 4 and f.mean_diff == 0.25))  # fmt: skip

# pair_table
bad(pair_table.pairs_with_center, None, "a", param="pairs", shows="None", error=TypeError)
bad(pair_table.pairs_with_center, [("a", "b", "c")], "a", param="pairs", shows="('a', 'b', 'c')")
row(pair_table.pairs_with_center, [("a", "b"), ("c", "d"), ("a", "e")], "a", expect=Equals([("a", "b"), ("a", "e")]))
bad(pair_table.draw_negative_words, None, VOCAB, 1, 1, param="sampler", shows="None", error=TypeError)
bad(pair_table.draw_negative_words, SAMPLER, VOCAB, 0, 1, param="num_pairs", shows="0")
bad(pair_table.labelled_pairs, [("a", "b")], [["x"], ["y"]], param="negative_words", shows="2")
bad(pair_table.labelled_pairs, [("a", "b")], ["xy"], param="negative_words", shows="'xy'", error=TypeError)
row(pair_table.labelled_pairs, [("c", "o")], [["k1", "k2"]],
    expect=Equals([("c", "o", 1), ("c", "k1", 0), ("c", "k2", 0)]))  # fmt: skip
bad(pair_table.count_labels, None, param="rows", shows="None", error=TypeError)
bad(pair_table.count_labels, [5], param="rows", shows="5")
bad(pair_table.count_labels, [("a", "b", True)], param="rows", shows="True")
row(pair_table.count_labels, [("a", "b", 1), ("a", "c", 0), ("a", "d", 0)], expect=Equals((1, 2)))
bad(pair_table.pair_table, [("a", "b", 2)], param="rows", shows="2")
bad(pair_table.pair_table, [("a", "b", 1)], header=("x",), param="header", shows="('x',)")
row(pair_table.pair_table, [("a", "b", 1)], expect=Gives(Table, lambda t: t.rows == (("a", "b", "1", "긍정 쌍"),)))
bad(pair_table.rare_word_share, [1, 2], 0, param="max_count", shows="0")
bad(pair_table.rare_word_share, [1, 2], 1, power=-1, param="power", shows="-1")
row(pair_table.rare_word_share, [1, 3], 1, power=0, expect=Equals((0.5, 0.5)))
bad(pair_table.rare_words_drawn, [["zzz"]], VOCAB, 1, param="vocab", shows="'zzz'")
bad(pair_table.rare_words_drawn, ["the"], VOCAB, 1, param="negative_words", shows="'the'", error=TypeError)
row(pair_table.rare_words_drawn, [["the", "mat"], ["mat"]], VOCAB, 5, expect=Equals(["mat", "mat"]))

# monitor
bad(monitor.pair_probabilities, MODEL, ["zzz"], ["the"], param="centers", shows="'zzz'", error=KeyError)
bad(monitor.pair_probabilities, MODEL, [1.5], [0], param="centers", shows="float64", error=TypeError)
bad(monitor.pair_probabilities, MODEL, [0, 1], [0], param="centers", shows="2")
bad(monitor.pair_probabilities, "model", [0], [0], param="model", shows="'model'", error=TypeError)
row(monitor.pair_probabilities, MODEL0, [0, 1], ["cat", "the"], expect=Equals(np.array([0.5, 0.5])))
MONITOR_PAIRS = monitor.draw_monitor_pairs(SENTENCES, VOCAB, n_pairs=5, window=2, seed=0)
bad(monitor.draw_monitor_pairs, None, VOCAB, param="sentences", shows="None", error=TypeError)
bad(monitor.draw_monitor_pairs, SENTENCES, VOCAB, power=5, param="power", shows="5")
bad(monitor.draw_monitor_pairs, SENTENCES, "vocab", param="vocab", shows="'vocab'", error=TypeError)
row(monitor.draw_monitor_pairs, SENTENCES, VOCAB, n_pairs=5, window=2, seed=0, expect=Gives(
    monitor.MonitorPairs, lambda p: len(p) == 5 and not np.any(p.noise_contexts == p.true_contexts)))  # fmt: skip
bad(monitor.ProbabilityMonitor, None, param="pairs", shows="None", error=TypeError)
bad(monitor.ProbabilityMonitor(MONITOR_PAIRS), WV, 1, param="model", shows="WordVectors", error=TypeError)
row(monitor.ProbabilityMonitor, MONITOR_PAIRS, expect=Gives(monitor.ProbabilityMonitor, lambda m: m.epochs == []))
bad(monitor.separation, MODEL, None, param="pairs", shows="None", error=TypeError)
row(monitor.separation, MODEL0, MONITOR_PAIRS, expect=Gives(
    monitor.Separation, lambda s: s.true_mean == s.noise_mean == 0.5 and s.ranking == 0.0))  # fmt: skip
bad(monitor.group_neighbor_accuracy, MODEL, {"a": "the cat"}, param="groups", shows="'the cat'", error=TypeError)
bad(monitor.group_neighbor_accuracy, MODEL, {"a": ["zzz", "yyy"]}, param="groups", shows="2개 이상")
bad(monitor.group_neighbor_accuracy, MODEL, {"a": ["the", "cat"]}, topn=0, param="topn", shows="0")
row(monitor.group_neighbor_accuracy, WV, {"pets": ["cat", "dog"], "cars": ["car", "truck"]}, expect=Equals(1.0))
bad(monitor.sweep_negative, SENTENCES, {"a": ["the", "cat"]}, [0], param="k_values", shows="0")
bad(monitor.sweep_negative, SENTENCES, {"a": ["the", "cat"]}, [1], negative=2, param="negative", shows="k_values",
    error=TypeError)  # fmt: skip
row(monitor.sweep_negative, SENTENCES, {"a": ["the", "cat"]}, [1], **TINY, expect=Gives(
    monitor.SweepResult, lambda r: r.negative == 1 and 0 <= r.accuracy <= 1, pick=lambda r: r[0]))  # fmt: skip
SWEEP = [monitor.SweepResult(k, a, 1.0, 1.0, 100) for k, a in ((1, 0.5), (5, 0.75))]
bad(monitor.summarize_sweeps, None, param="runs", shows="None", error=TypeError)
bad(monitor.summarize_sweeps, [SWEEP, SWEEP[::-1]], param="runs[1]", shows="[5, 1]")
bad(monitor.summarize_sweeps, [SWEEP, ["x"]], param="runs[1]", shows="SweepResult", error=TypeError)
row(
    monitor.summarize_sweeps,
    [SWEEP, SWEEP],
    expect=Gives(
        monitor.SweepSummary, lambda s: s.negative == 5 and s.accuracy == 0.75 and s.n_seeds == 2, pick=lambda r: r[1]
    ),
)
bad(monitor.cooccurrence_counts, SENTENCES, VOCAB, "the", ["zzz"], param="words", shows="'zzz'", error=KeyError)
bad(monitor.cooccurrence_counts, SENTENCES, VOCAB, "zzz", ["the"], param="center", shows="'zzz'", error=KeyError)
bad(monitor.cooccurrence_counts, SENTENCES, VOCAB, "the", "cat", param="words", shows="'cat'", error=TypeError)
row(monitor.cooccurrence_counts, [["a", "b", "a"]], build_vocab([["a", "b", "a"]]), "b", ["a", "b"], window=1,
    expect=Equals(np.array([2, 0])))  # fmt: skip
bad(monitor.sigmoid_symmetry_gap, "x", param="x", shows="'x'", error=TypeError)
bad(monitor.sigmoid_symmetry_gap, [], param="x", shows="원소")
row(monitor.sigmoid_symmetry_gap, [0.0], expect=Equals(0.0))

# projection
bad(projection.pca, [[1, 2], [3, np.nan]], param="vectors", shows="nan")
bad(projection.pca, [[1.0, 2.0]], param="vectors", shows="1개")
bad(projection.pca, np.eye(3), n_components=4, param="n_components", shows="4")
row(projection.pca, [[1e300, 0.0], [-1e300, 0.0]], n_components=1, expect=Gives(
    projection.PCAResult, lambda r: r.explained_ratio.tolist() == [1.0]))  # fmt: skip
bad(projection.pca_2d, np.ones((3, 1)), param="n_components", shows="2")
row(projection.pca_2d, [[1.0, 0.0], [-1.0, 0.0]], expect=Equals(np.array([[1.0, 0.0], [-1.0, 0.0]])))
bad(projection.group_cosines, np.ones((4, 2)), [0, 0, 1, -1], param="labels", shows="-1", error=IndexError)
bad(projection.group_cosines, np.array([[0.0, 0.0], [1, 0], [0, 1], [0, 1]]), [0, 0, 1, 1], param="vectors",
    shows="영벡터")  # fmt: skip
COS_10 = 1 / math.sqrt(1.01)  # [1, 0] 과 [1, 0.1] 의 코사인
row(
    projection.group_cosines,
    np.array([[1e300, 0.0], [1e300, 1e299], [0.0, 1e-300], [1e-301, 1e-300]]),
    [0, 0, 1, 1],
    note="huge-and-tiny",
    expect=Gives(projection.GroupCosines, lambda g: g.within == pytest.approx([COS_10] * 2) and g.between.max() < 0.1),
)
row(projection.group_cosines, np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0], [0.1, 1.0]]), [0, 0, 1, 1],
    expect=Gives(projection.GroupCosines, lambda g: g.nearest_group.tolist() == [0, 0, 1, 1]))  # fmt: skip

# zipf
bad(zipf.rank_frequency, [-1], param="counts", shows="-1")
row(zipf.rank_frequency, [0, 5, 7], expect=Equals((np.array([1, 2]), np.array([7.0, 5.0]))))
bad(zipf.fit_zipf, [5, 4, 3], max_rank=0, param="max_rank", shows="0")
bad(zipf.fit_zipf, [5], param="min_rank", shows="2개 미만")
row(zipf.fit_zipf, [100, 50, 100 / 3], expect=Gives(zipf.ZipfFit, lambda f: f.exponent == pytest.approx(1.0)))
bad(zipf.ZipfFit(1.0, 2.0, 3).predict, [np.nan], param="ranks", shows="nan")
bad(zipf.ZipfFit(1.0, 2.0, 3).predict, [0.5], param="ranks", shows="1 이상")
bad(zipf.rank_count_ratio, [5, 4], rank_b=10, param="rank_b", shows="10")
row(zipf.rank_count_ratio, [10, 1], 1, 2, expect=Equals(10.0))
bad(zipf.rank_count_ratio, [1e308, 1e-308], 1, 2, param="counts", shows="1e+308", note="ratio-beyond-float64")
bad(zipf.frequency_groups, [1, 2], top=0, param="top", shows="0")
row(zipf.frequency_groups, [9, 1, 0], top=1, rare_max=1, expect=Equals(
    {"frequent": np.array([True, False, False]), "middle": np.array([False] * 3),
     "rare": np.array([False, True, False])}))  # fmt: skip
bad(zipf.share_of_noise, [0.5, 0.5], [1, 0], param="mask", shows="[1, 0]", error=TypeError)
row(zipf.share_of_noise, [0.5, 0.5], np.array([True, False]), expect=Equals(0.5))

# gensim_baseline
bad(gensim_baseline.pairs_per_effective_word, None, param="sentences", shows="None", error=TypeError)
bad(gensim_baseline.pairs_per_effective_word, SENTENCES, window=0, param="window", shows="0")
bad(gensim_baseline.train_gensim, None, param="sentences", shows="None", error=TypeError)
bad(gensim_baseline.train_gensim, SENTENCES, epochs=0, param="epochs", shows="0")
row(gensim_baseline.train_gensim, SENTENCES, min_count=1, epochs=1, vector_size=3, expect=Gives(
    gensim_baseline.GensimVectors, lambda g: len(g) == len(VOCAB) and g.pairs_estimated))  # fmt: skip

# diagram
bad(diagram.diagram_layout, 1, "b", ["c"], param="center_word", shows="1", error=TypeError)
bad(diagram.diagram_layout, "a", "b", "cd", param="negative_words", shows="'cd'", error=TypeError)
bad(diagram.diagram_layout, "a", "b", [], param="negative_words", shows="K = 0")
row(
    diagram.diagram_layout,
    "a",
    "b",
    ["c", "d"],
    expect=Gives(
        diagram.DiagramLayout,
        lambda d: d.negative == 2 and {b.text.split()[-1] for b in d.boxes} >= {"a", "b", "c", "d"},
    ),
)
row(diagram.DiagramBox, "k", "t", "word", "center", 0, 0, expect=Gives(diagram.DiagramBox, lambda b: b.column == 0))
bad(diagram.draw_sgns_diagram, "a", "b", ["c"], ax=1, param="ax", shows="1", error=TypeError)
bad(diagram.draw_sgns_diagram, "a", "", ["c"], param="outside_word", shows="''", error=TypeError)

# noise_samplers.draw_alias_table
bad(noise_samplers.draw_alias_table, None, [0.5, 1.0], [1, 1], ["a", "b"], param="ax", shows="None", error=TypeError)
bad(noise_samplers.draw_alias_table, AXES, [0.5, 2.0], [1, 1], ["a", "b"], param="prob", shows="(2,)")
bad(noise_samplers.draw_alias_table, AXES, [0.5, 1.0], [1, 5], ["a", "b"], param="alias", shows="5", error=IndexError)
bad(noise_samplers.draw_alias_table, AXES, [0.5, 1.0], [1, 1], "ab", param="labels", shows="'ab'", error=TypeError)
row(noise_samplers.draw_alias_table, AXES, [0.5, 1.0], [1, 1], ["a", "b"], expect=Gives(
    tuple, lambda bars: [round(b.get_height(), 2) for b in bars[1]] == [0.5, 0.0]))  # fmt: skip

# own_trainer
bad(own_trainer.window_pair_count, [[0, 1, 2]], 0, param="window", shows="0")
bad(own_trainer.window_pair_count, "abc", 1, param="corpus_ids", shows="'abc'", error=TypeError)
bad(own_trainer.window_pair_count, ["abc"], 1, param="corpus_ids[0]", shows="'abc'", error=TypeError)
row(own_trainer.window_pair_count, [[0, 1, 2], [1]], 1, expect=Equals(4))
row(own_trainer.window_pair_count, [[0, 1, 2]], 2**62, note="huge-window", expect=Equals(6))
bad(own_trainer.run_own_trainer, None, None, [[0, 1]], [0.5, 0.5], param="train_sgns", shows="None", error=TypeError)
row(own_trainer.OwnRun, "ok", "끝", expect=Gives(own_trainer.OwnRun, lambda r: r.pairs_done == 0))

# pair_table.collision_rates
bad(pair_table.collision_rates, [0, 5], [0.5, 0.5], 2, param="outside_ids", shows="5", error=IndexError)
bad(pair_table.collision_rates, [0, 1], [0.5, 0.5], 0, param="negative", shows="0")
bad(pair_table.collision_rates, [0, 1], [0.5, 0.6], 1, param="noise_probs", shows="1.1")
row(pair_table.collision_rates, [0, 1, 1], [0.5, 0.5], 2, expect=Gives(
    pair_table.CollisionRates, lambda c: c.per_negative == 0.5 and c.expected_total == 3.0))  # fmt: skip
row(pair_table.CollisionRates, 0.5, 1.0, 3.0, np.array([1.0]), np.array([1.0]), expect=Gives(pair_table.CollisionRates))

# update_cost (계층적 소프트맥스)
bad(update_cost.hierarchical_softmax_dot_products, 0, param="vocab_size", shows="0")
row(update_cost.hierarchical_softmax_dot_products, 1000, expect=Equals(10))
bad(update_cost.huffman_code_lengths, [5, -3], param="counts", shows="-3")
bad(update_cost.huffman_code_lengths, [5], param="counts", shows="1개")
row(update_cost.huffman_code_lengths, [5, 3, 1, 1], expect=Equals(np.array([1, 2, 3, 3])))

# korean (부록; Kiwi 분석은 한 번 만들어 다시 씀)
bad(korean.load_korean_corpus, "kolaw", param="sources", shows="'kolaw'", error=TypeError)
bad(korean.load_korean_corpus, ["nope"], param="sources", shows="'nope'")
row(korean.load_korean_corpus, ["kolaw"], expect=Gives(korean.KoreanCorpus, lambda c: len(c.lines) > 100))
row(korean.KoreanCorpus, ["가"], ["kolaw"], [], expect=Gives(korean.KoreanCorpus, lambda c: c.lines == ["가"]))
row(korean.KoreanDataMissing, "없음", expect=Gives(ModuleNotFoundError))
row(korean.korean_corpus_dir, expect=Gives(Path, lambda p: (p / "kolaw").is_dir()))
bad(korean.eojeol_tokens, None, param="line", shows="None", error=TypeError)
row(korean.eojeol_tokens, "대한민국은 (민주공화국이다).", expect=Equals(["대한민국은", "민주공화국이다"]))
row(korean.kiwi_tokenizer, expect=Gives(object, lambda k: hasattr(k, "tokenize")))
bad(korean.morpheme_tokens, None, param="lines", shows="None", error=TypeError)
bad(korean.morpheme_tokens, "국민은", param="lines", shows="'국민은'", error=TypeError)
row(korean.morpheme_tokens, ["국민은"], expect=Equals([["국민/NNG", "은/JX"]]))
bad(korean.split_tag, "국민", param="word", shows="'국민'")
row(korean.split_tag, "a/b/SL", expect=Equals(("a/b", "SL")))
bad(korean.is_particle, 3, param="word", shows="3")
row(korean.is_particle, "은/JX", expect=Equals(True))
row(korean.is_ending, "다/EF", expect=Equals(True))
row(korean.is_noun, "다/EF", expect=Equals(False))
bad(korean.tag_mask, "은/JX", korean.is_particle, param="words", shows="'은/JX'", error=TypeError)
bad(korean.tag_mask, ["은/JX"], None, param="predicate", shows="None", error=TypeError)
row(korean.tag_mask, ["은/JX", "국가/NNG"], korean.is_particle, expect=Equals(np.array([True, False])))
bad(korean.remove_particles, ["국가/NNG"], param="sentences[0]", shows="'국가/NNG'", error=TypeError)
bad(korean.remove_particles, [["국가"]], param="sentences[0][0]", shows="'국가'")
row(korean.remove_particles, [["국가/NNG", "는/JX"], ["는/JX"]], expect=Equals([["국가/NNG"]]))
bad(korean.eojeol_analyses, "국가는", param="lines", shows="'국가는'", error=TypeError)
row(korean.eojeol_analyses, ["국가는"], expect=Equals([[("국가는", ("국가/NNG", "는/JX"))]]))
ANALYSES = [[("국가는", ("국가/NNG", "는/JX")), ("국가가", ("국가/NNG", "가/JKS")), ("국가는", ("국가/NNG", "는/JX"))]]
bad(korean.eojeol_forms, None, "국가/NNG", param="analyses", shows="None", error=TypeError)
bad(korean.eojeol_forms, ANALYSES, "국가", param="lemma", shows="'국가'")
bad(korean.eojeol_forms, ANALYSES, "국가/NNG", top=0, param="top", shows="0")
row(korean.eojeol_forms, ANALYSES, "국가/NNG", expect=Equals([("국가는", 2), ("국가가", 1)]))
bad(korean.count_below, [1, -2], 5, param="counts", shows="-2")
bad(korean.count_below, [1, 2], 0, param="min_count", shows="0")
row(korean.count_below, [1, 2, 5, 7], 5, expect=Equals((2, 3)))
bad(korean.neighbour_overlap, "ab", ["b"], param="first", shows="'ab'", error=TypeError)
bad(korean.neighbour_overlap, ["a"], None, param="second", shows="None", error=TypeError)
row(korean.neighbour_overlap, ["a", "b"], ["b", "c"], expect=Equals(1 / 3))
bad(korean.same_line_share, "ab", "a", ["b"], param="sentences", shows="'ab'", error=TypeError)
bad(korean.same_line_share, [["a"]], None, ["b"], param="word", shows="None", error=TypeError)
bad(korean.same_line_share, [["a"]], "a", "b", param="others", shows="'b'", error=TypeError)
row(korean.same_line_share, [["a", "b"], ["c"]], "a", ["b", "c"], expect=Equals(0.5))

# sgns.checks 의 시간 제한
bad(sgns.checks.run_with_time_limit, None, 1, param="func", shows="None", error=TypeError)
bad(sgns.checks.run_with_time_limit, lambda: 1, -1, param="seconds", shows="-1")
row(sgns.checks.run_with_time_limit, lambda: 1, 5, expect=Equals(1))
row(sgns.checks.TimeUp, expect=Gives(sgns.checks.TimeUp))

# ---------------------------------------------------------------------------
# sgns.checks (확인 함수를 잘못 부름)
# ---------------------------------------------------------------------------

for _name in sgns.checks.__all__:
    if _name.startswith("check_"):
        bad(getattr(sgns.checks, _name), param="fn", shows="없음", error=sgns.checks.CheckCallError, note="no-argument")
bad(sgns.checks.check_sigmoid, sigmoid, 2, param="fn", shows="2", error=sgns.checks.CheckCallError, note="extra")
bad(sgns.checks.check, "nb03-sigmoid", param="fn", shows="없음", error=TypeError)
bad(sgns.checks.check, "nb99", sigmoid, param="exercise_id", shows="'nb99'", error=KeyError)
bad(sgns.checks.evaluate, "nb03-sigmoid", param="fn", shows="없음", error=TypeError)
bad(sgns.checks.exercise, None, param="exercise_id", shows="None", error=KeyError)
bad(sgns.checks.categories, [1], param="exercise_id", shows="[1]", error=KeyError)
bad(sgns.checks.records, None, param="notebook", shows="None", error=TypeError)
bad(sgns.checks.records, FILES, param="notebook", shows=str(FILES), error=IsADirectoryError)
bad(sgns.checks.records, NOT_JSON, param="notebook", shows="not_json.ipynb")
bad(sgns.checks.show, None, param="record", shows="None", error=TypeError)
row(sgns.checks.records, {"cells": []}, expect=Equals([]))


def _student_sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


row(sgns.checks.evaluate, "nb03-sigmoid", _student_sigmoid, expect=Gives(
    sgns.checks.CheckRecord, lambda r: r.status == "pass"))  # fmt: skip
row(sgns.checks.evaluate, "nb03-sigmoid", lambda x: 1 / (1 + np.exp(-x)), note="naive", expect=Gives(
    sgns.checks.CaseResult, lambda c: c.id == "small", pick=lambda r: r.cases[0]))  # fmt: skip
row(sgns.checks.exercise, "nb03-sigmoid", expect=Gives(sgns.checks.Exercise, lambda e: e.function == "sigmoid"))
row(sgns.checks.exercise, "nb03-sigmoid", note="cases", expect=Gives(
    sgns.checks.Case, lambda c: c.id == "small", pick=lambda e: e.make_cases()[0]))  # fmt: skip
row(operator.getitem, sgns.checks.GRADING, "nb03-sigmoid", expect=Gives(sgns.checks.Grading, lambda g: g.points > 0))
row(sgns.checks.categories, "nb03-sigmoid", expect=Gives(dict, lambda c: "naive-formula" in c))
row(sgns.checks.show, sgns.checks.evaluate("nb03-sigmoid", _student_sigmoid), expect=Equals(None))
row(sgns.checks.check, "nb03-sigmoid", _student_sigmoid, expect=Equals(None))


# ---------------------------------------------------------------------------
# 표를 돌리기
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", ROWS, ids=[r.id for r in ROWS])
def test_bad_input_row(case: Row):
    case.expect.verify(case.call)


def doors() -> dict[str, Any]:
    """입구: 이름 -> 함수·클래스 (같은 객체는 한 번). DOOR_MODULES 는 ``__all__`` 의 부를 수 있는 이름 모두."""
    core = [getattr(fn, "__func__", fn) for fn in CORE_DOORS]  # 클래스 메서드는 그 함수로
    found: dict[int, tuple[str, Any]] = {id(fn): (fn.__qualname__, fn) for fn in core}
    for module in DOOR_MODULES:
        for name in module.__all__:
            obj = getattr(module, name)
            if not inspect.ismodule(obj) and callable(obj):
                found.setdefault(id(obj), (f"{module.__name__}.{name}", obj))
    return dict(found.values())


def covered_objects() -> set[int]:
    """표가 덮는 함수·클래스: 줄이 부르는 것, 한국어 오류로 기대하는 예외 클래스, 결과로 기대하는 클래스."""
    covered = set()
    for case in ROWS:
        fn = getattr(case.fn, "__func__", case.fn)
        covered.add(id(fn))
        owner = getattr(case.fn, "__self__", None)
        if owner is not None and not isinstance(owner, type):  # 메서드의 줄은 그 클래스도 덮음
            covered.add(id(type(owner)))
        if isinstance(case.expect, Korean):
            covered.add(id(case.expect.error))
        if isinstance(case.expect, Gives):
            covered.add(id(case.expect.cls))
    return covered


def test_every_door_has_a_row():
    """새 입구 (학생이나 강사가 부르는 함수) 를 만들면 이 표에 줄을 더해야 합니다."""
    covered = covered_objects()
    missing = sorted(name for name, obj in doors().items() if id(obj) not in covered)
    assert not missing, f"표에 줄이 없는 입구: {missing}"


def test_the_door_list_is_read_from_the_package_docstring():
    """입구의 목록은 ``sgns`` 의 설명 한 곳에 있고, 여기서는 그것을 읽습니다 (읽기가 헛되지 않은지 봄)."""
    assert len(CORE_DOORS) >= 20 and len(DOOR_MODULES) >= 14
    assert sgns.train in CORE_DOORS and sgns.evaluate.Interval.contains in CORE_DOORS and sgns.checks in DOOR_MODULES
    names = doors()
    assert len(names) > 150
    for expected in ("train", "sgns.lessons.optimum.cooccurrence_matrix", "sgns.checks.check_sigmoid",
                     "WordVectors.most_similar", "sgns.data.load_head500"):  # fmt: skip
        assert expected in names


def test_every_door_module_declares_all_and_lists_its_public_definitions():
    """입구 모듈은 ``__all__`` 로 공개 이름을 찾으므로, 정의한 공개 함수·클래스가 ``__all__`` 에서 빠지면 안 됩니다."""
    for module in DOOR_MODULES:
        assert hasattr(module, "__all__"), module.__name__
        defined = {
            name
            for name, obj in vars(module).items()
            if not name.startswith("_")
            and (inspect.isfunction(obj) or inspect.isclass(obj))
            and obj.__module__ == module.__name__
        }
        missing = defined - set(module.__all__) - {"CheckInterrupted"}  # 중단될 때만 생기는 예외 (입력이 없음)
        assert not missing, f"{module.__name__}: {sorted(missing)}"


def test_table_size():
    """표가 시도하는 입력의 수 (보고용으로 출력하고, 줄어들지 않게 하한을 둡니다)."""
    kinds = {"Korean": 0, "Equals": 0, "Gives": 0}
    for case in ROWS:
        kinds[type(case.expect).__name__] += 1
    print(f"\n잘못된 입력 표: {len(ROWS)}줄 ({kinds})")
    assert len(ROWS) >= MIN_ROWS and kinds["Korean"] >= MIN_KOREAN_ROWS


# ---------------------------------------------------------------------------
# 속성 기반: 강의 도우미는 유한한 입력 (1e308 근처 포함) 에 유한한 결과를 냅니다
# ---------------------------------------------------------------------------

FINITE = st.floats(allow_nan=False, allow_infinity=False, width=64)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=5), elements=FINITE))
def test_loss_terms_are_finite_for_finite_input(x):
    terms = optimum.loss_terms(x)
    assert all(np.all(np.isfinite(t)) for t in terms)


@SETTINGS
@given(hnp.arrays(np.float64, st.integers(1, 5), elements=st.floats(1e-300, 1)), st.integers(1, 10**18))
def test_expected_tv_noise_is_between_zero_and_one(weights, n):
    probs = weights / weights.sum()
    tv = noise_samplers.expected_tv_noise(probs / probs.sum(), n)
    assert math.isfinite(tv) and 0.0 <= tv <= 1.0
