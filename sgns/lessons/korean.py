"""부록 (한국어 텍스트에서의 SGNS) 의 도우미: 한국어 말뭉치 읽기, 어절·형태소 토큰화, 품사 태그로 조사 고르기.

말뭉치는 PyPI 의 ``konlpy`` 휠에 든 텍스트 파일입니다 (konlpy 를 import 하지 않고 파일만 읽으므로 Java·JVM 이
필요 없습니다).

- ``kolaw`` : 대한민국헌법 전문 (``constitution.txt``). 헌법과 법률은 저작권법 제7조에 따라 보호받지 않는
  저작물이라 누구나 자유롭게 쓸 수 있습니다.
- ``kobill`` : 제18대 국회의 의안 10건 (의안번호 1809890-1809899, 2010년 11월; 지방공무원법·국가공무원법 등의
  일부개정법률안 8건과 국군 부대 파견 동의안 2건). 국회가 공개한 공공 문서이며, konlpy 가 말뭉치로 함께 배포합니다.

토큰화는 두 가지입니다.

- 어절: 띄어쓰기로 나눈 덩어리 (``eojeol_tokens``). 한국어에서는 "국민은", "국민의" 처럼 단어에 조사·어미가
  붙은 꼴이 한 토큰이 됩니다.
- 형태소: 형태소 분석기 Kiwi (``kiwipiepy``, 모델은 ``kiwipiepy-model``) 로 나눈 ``형태/품사`` 토큰
  (``morpheme_tokens``; 예: ``국민/NNG``, ``은/JX``). 품사는 세종 품사 태그입니다: J 로 시작하면 조사, E 로
  시작하면 어미, NN 으로 시작하면 명사.

패키지나 모델이 없으면 설치 방법을 알려 주는 한국어 오류 (``KoreanDataMissing``) 를 냅니다.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from sgns._validate import as_callable, as_counts, as_list, as_positive_int, as_word_list, describe

__all__ = [
    "KoreanDataMissing",
    "KoreanCorpus",
    "SOURCES",
    "INSTALL_HINT",
    "korean_corpus_dir",
    "load_korean_corpus",
    "eojeol_tokens",
    "kiwi_tokenizer",
    "morpheme_tokens",
    "split_tag",
    "is_particle",
    "is_ending",
    "is_noun",
    "tag_mask",
    "remove_particles",
    "eojeol_analyses",
    "eojeol_forms",
    "count_below",
    "neighbour_overlap",
    "same_line_share",
]

# 말뭉치: 이름 -> (konlpy/data/corpus 안의 폴더, 설명)
SOURCES: dict[str, tuple[str, str]] = {
    "kolaw": ("kolaw", "대한민국헌법"),
    "kobill": ("kobill", "국회 의안 10건 (제18대 국회, 의안번호 1809890-1809899, 2010년 11월)"),
}
INSTALL_HINT = "`make setup` (또는 `pip install kiwipiepy==0.24.1 kiwipiepy-model==0.24.0 konlpy==0.6.0`)"

# 형태소 토큰에서 빼는 품사: 문장 부호와 기호 (S 로 시작). 외국어(SL), 한자(SH), 숫자(SN)는 남깁니다.
_KEPT_S_TAGS = frozenset({"SL", "SH", "SN"})
# 어절의 앞뒤에서 떼어 낼 문자: 한글 음절, 로마자, 숫자, 한자가 아닌 것 (문장 부호, 괄호, ①, · 등)
_WORD_CHAR = "0-9A-Za-z\uac00-\ud7a3\u4e00-\u9fff"
_EDGE = re.compile(rf"^[^{_WORD_CHAR}]+|[^{_WORD_CHAR}]+$")


class KoreanDataMissing(ModuleNotFoundError):
    """부록에 필요한 패키지(kiwipiepy, kiwipiepy-model, konlpy)나 그 안의 파일이 없습니다 (한국어 안내)."""


@dataclass(frozen=True)
class KoreanCorpus:
    """한국어 말뭉치: 줄 단위 텍스트와 출처.

    lines : list[str], 빈 줄을 뺀 텍스트 줄 (앞뒤 공백 제거, 파일 순서). 학습에서는 한 줄을 한 문장으로 씁니다.
    sources : list[str], 줄마다 그 줄이 나온 말뭉치 이름 ("kolaw" 또는 "kobill")
    files : list[Path], 읽은 파일 (순서대로)
    """

    lines: list[str]
    sources: list[str]
    files: list[Path]

    @property
    def num_chars(self) -> int:
        """공백을 뺀 글자 수."""
        return sum(len(line.replace(" ", "")) for line in self.lines)


def korean_corpus_dir() -> Path:
    """konlpy 휠 안의 ``konlpy/data/corpus`` 폴더 (konlpy 를 import 하지 않고 찾습니다). 없으면 KoreanDataMissing."""
    spec = importlib.util.find_spec("konlpy")
    for location in list(spec.submodule_search_locations or []) if spec is not None else []:
        candidate = Path(location) / "data" / "corpus"
        if candidate.is_dir():
            return candidate
    raise KoreanDataMissing(
        "한국어 말뭉치(konlpy 패키지에 든 헌법·의안 텍스트)를 찾을 수 없습니다. "
        f"{INSTALL_HINT} 로 설치한 뒤 커널을 다시 시작하세요."
    )


def load_korean_corpus(sources: Sequence[str] = ("kolaw", "kobill")) -> KoreanCorpus:
    """헌법과 의안 텍스트를 줄 단위로 읽습니다.

    Parameters
    ----------
    sources : 읽을 말뭉치 이름들 (``"kolaw"``, ``"kobill"``; 적은 순서대로 읽음)

    Returns
    -------
    corpus : KoreanCorpus (lines, sources, files)
    """
    if isinstance(sources, str) or not isinstance(sources, Sequence) or not sources:
        raise TypeError(
            f"`sources`은(는) 말뭉치 이름의 리스트여야 합니다 (예: ['kolaw', 'kobill']). 받은 값: {describe(sources)}"
        )
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise ValueError(f"`sources`={list(sources)!r}: 모르는 말뭉치 {unknown!r}. 있는 것: {', '.join(SOURCES)}")
    base = korean_corpus_dir()
    lines: list[str] = []
    names: list[str] = []
    files: list[Path] = []
    for name in sources:
        folder = base / SOURCES[name][0]
        paths = sorted(folder.glob("*.txt"))
        if not paths:
            raise KoreanDataMissing(
                f"말뭉치 {name!r} 의 텍스트 파일이 {folder} 에 없습니다. {INSTALL_HINT} 로 다시 설치하세요."
            )
        for path in paths:
            text = path.read_text(encoding="utf-8")
            kept = [line.strip() for line in text.splitlines() if line.strip()]
            lines += kept
            names += [name] * len(kept)
            files.append(path)
    return KoreanCorpus(lines, names, files)


def eojeol_tokens(line: str) -> list[str]:
    """한 줄을 어절로: 띄어쓰기로 나누고, 앞뒤의 문장 부호·괄호·기호를 떼고, 글자가 남지 않은 것은 버립니다.

    예: ``"제1조 ① 대한민국은 민주공화국이다."`` -> ``["제1조", "대한민국은", "민주공화국이다"]``
    """
    if not isinstance(line, str):
        raise TypeError(f"`line`은(는) 문자열이어야 합니다. 받은 값: {describe(line)}")
    tokens = (_EDGE.sub("", piece) for piece in line.split())
    return [token for token in tokens if token]


@lru_cache(maxsize=1)
def kiwi_tokenizer():
    """형태소 분석기 Kiwi (한 번 만들어 다시 씀; 만드는 데 1초쯤). 없으면 KoreanDataMissing."""
    if importlib.util.find_spec("kiwipiepy") is None:
        raise KoreanDataMissing(f"형태소 분석기 kiwipiepy 가 설치되어 있지 않습니다. {INSTALL_HINT} 로 설치하세요.")
    if importlib.util.find_spec("kiwipiepy_model") is None:
        raise KoreanDataMissing(
            f"형태소 분석기의 모델(kiwipiepy-model)이 설치되어 있지 않습니다. {INSTALL_HINT} 로 설치하세요."
        )
    from kiwipiepy import Kiwi

    return Kiwi(num_workers=1)


def morpheme_tokens(lines: Iterable[str]) -> list[list[str]]:
    """줄마다 Kiwi 로 형태소 분석한 ``형태/품사`` 토큰 리스트 (문장 부호·기호는 뺌; 숫자·외국어·한자는 남김).

    Parameters
    ----------
    lines : 문자열들 (예: ``KoreanCorpus.lines``)

    Returns
    -------
    sentences : list[list[str]], 줄마다 ``["대한민국/NNP", "은/JX", "민주/NNG", ...]``
    """
    lines = as_word_list("lines", lines)  # 줄마다 문자열 하나
    kiwi = kiwi_tokenizer()
    return [
        [f"{t.form}/{t.tag}" for t in tokens if not t.tag.startswith("S") or t.tag in _KEPT_S_TAGS]
        for tokens in kiwi.tokenize(lines)
    ]


def split_tag(word: str) -> tuple[str, str]:
    """``"형태/품사"`` -> (형태, 품사). 품사는 마지막 ``/`` 뒤입니다 (형태에 ``/`` 가 있어도 됨)."""
    return _split_tag("word", word)


def _split_tag(name: str, word) -> tuple[str, str]:
    if not isinstance(word, str) or "/" not in word:
        raise ValueError(
            f"`{name}`은(는) '형태/품사' 꼴의 문자열이어야 합니다 (예: '국민/NNG'). 받은 값: {describe(word)}"
        )
    form, _, tag = word.rpartition("/")
    return form, tag


def is_particle(word: str) -> bool:
    """조사인지: 품사가 J 로 시작 (JKS 주격, JKO 목적격, JKG 관형격, JKB 부사격, JX 보조사, JC 접속 조사 ...)."""
    return split_tag(word)[1].startswith("J")


def is_ending(word: str) -> bool:
    """어미인지: 품사가 E 로 시작 (EF 종결, EC 연결, ETM 관형형 전성, ETN 명사형 전성, EP 선어말)."""
    return split_tag(word)[1].startswith("E")


def is_noun(word: str) -> bool:
    """명사인지: 품사가 NN 으로 시작 (NNG 일반 명사, NNP 고유 명사, NNB 의존 명사)."""
    return split_tag(word)[1].startswith("NN")


def tag_mask(words: Sequence[str], predicate) -> np.ndarray:
    """(V,) bool: 단어마다 predicate(단어) (예: ``tag_mask(vocab.words, is_particle)``)."""
    words = as_word_list("words", words)
    predicate = as_callable("predicate", predicate, 1, "predicate(단어)")
    return np.fromiter((bool(predicate(w)) for w in words), dtype=bool, count=len(words))


def remove_particles(sentences: Iterable[Sequence[str]]) -> list[list[str]]:
    """형태소 문장들에서 조사(품사 J*) 토큰을 뺀 문장들 (빈 문장은 버림)."""
    sentences = as_list("sentences", sentences, "형태소 문장 (토큰 리스트) 들의 리스트여야 합니다")
    kept = []
    for i, sentence in enumerate(sentences):
        name = f"sentences[{i}]"
        tokens = as_word_list(name, sentence)
        kept.append([w for j, w in enumerate(tokens) if not _split_tag(f"{name}[{j}]", w)[1].startswith("J")])
    return [sentence for sentence in kept if sentence]


def eojeol_analyses(lines: Iterable[str]) -> list[list[tuple[str, tuple[str, ...]]]]:
    """줄마다 어절과 그 어절의 형태소: [(어절, (형태/품사, ...)), ...].

    줄 전체를 문맥 속에서 형태소 분석한 뒤 (``morpheme_tokens`` 와 같은 분석), 형태소를 그것이 시작하는 어절에
    나눠 담습니다. 어절은 ``eojeol_tokens`` 처럼 앞뒤 문장 부호를 뗀 것이고, 형태소에서는 문장 부호·기호를 뺍니다.
    글자가 남지 않은 어절 ("①", "-") 은 버립니다.
    """
    lines = as_word_list("lines", lines)  # 줄마다 문자열 하나
    result = []
    for line, tokens in zip(lines, kiwi_tokenizer().tokenize(lines), strict=True):
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]
        ends = np.array([end for _, end in spans])
        parts: list[list[str]] = [[] for _ in spans]
        for token in tokens:
            if not token.tag.startswith("S") or token.tag in _KEPT_S_TAGS:
                parts[min(int(np.searchsorted(ends, token.start, side="right")), len(spans) - 1)].append(
                    f"{token.form}/{token.tag}"
                )
        row = [(_EDGE.sub("", line[a:b]), tuple(part)) for (a, b), part in zip(spans, parts, strict=True)]
        result.append([(word, part) for word, part in row if word])
    return result


def eojeol_forms(analyses, lemma: str, *, top: int | None = None) -> list[tuple[str, int]]:
    """한 단어의 어절 꼴들과 빈도 (많은 순, 같으면 가나다순): 첫 형태소가 ``lemma`` 이고 나머지가 모두
    조사·어미·접미사·'이다' 인 어절.

    "국민/NNG" 라면 "국민은", "국민의", "국민에게" 는 들고, "국민투표" (명사가 더 붙음) 는 들지 않습니다.
    문맥 속 분석 (``eojeol_analyses``) 을 쓰므로 같은 어절도 문맥에 따라 다르게 분석되면 그 자리만 셉니다.

    Parameters
    ----------
    analyses : ``eojeol_analyses(lines)`` 의 결과
    lemma : ``"형태/품사"`` (예: ``"국민/NNG"``, ``"정하/VV"``)
    top : 앞에서 몇 개만 (없으면 모두)
    """
    _split_tag("lemma", lemma)
    top = None if top is None else as_positive_int("top", top)
    analyses = as_list("analyses", analyses, "eojeol_analyses(lines) 의 결과여야 합니다")
    counts: dict[str, int] = {}
    for row in analyses:
        for word, morphemes in row:
            if morphemes and morphemes[0] == lemma and all(_is_attached(m) for m in morphemes[1:]):
                counts[word] = counts.get(word, 0) + 1
    forms = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return forms if top is None else forms[:top]


def _is_attached(word: str) -> bool:
    """단어 뒤에 붙는 형태소: 조사(J), 어미(E), 접미사(XS), 긍정 지정사 '이다'(VCP)."""
    tag = split_tag(word)[1]
    return tag.startswith(("J", "E", "XS")) or tag == "VCP"


def count_below(counts, min_count: int) -> tuple[int, int]:
    """빈도가 min_count 보다 작은 단어: (그런 단어의 수, 그 단어들의 토큰 수 합).

    학습기(``min_count``)가 어휘에서 버리는 단어와, 그 때문에 말뭉치에서 사라지는 토큰 수입니다.
    """
    arr = as_counts("counts", counts, allow_all_zero=True, integer=True).astype(np.int64)
    if not isinstance(min_count, (int, np.integer)) or isinstance(min_count, bool) or min_count < 1:
        raise ValueError(f"`min_count`은(는) 1 이상의 정수여야 합니다. 받은 값: {describe(min_count)}")
    below = arr < min_count
    return int(below.sum()), int(arr[below].sum())


def neighbour_overlap(first: Sequence[str], second: Sequence[str]) -> float:
    """두 이웃 목록이 얼마나 겹치나: |A ∩ B| / |A ∪ B| (자카드 지수, 0..1). 둘 다 비면 1."""
    a, b = set(as_word_list("first", first)), set(as_word_list("second", second))
    return 1.0 if not (a | b) else len(a & b) / len(a | b)


def same_line_share(sentences: Iterable[Sequence[str]], word: str, others: Sequence[str]) -> float:
    """others 가운데 word 와 같은 문장(줄)에 한 번이라도 함께 나온 단어의 비율 (0..1).

    작은 말뭉치에서 "가까운 이웃" 이 뜻이 비슷한 단어인지, 그냥 같은 문장에 함께 나온 단어인지 볼 때 씁니다.
    others 가 비면 0 입니다.
    """
    others = as_word_list("others", others)
    if not isinstance(word, str):
        raise TypeError(f"`word`은(는) 단어(문자열)여야 합니다. 받은 값: {describe(word)}")
    sentences = as_list("sentences", sentences, "토큰 리스트들의 리스트여야 합니다")
    if not others:
        return 0.0
    wanted = set(others)
    seen: set[str] = set()
    for sentence in sentences:
        tokens = set(sentence)
        if word in tokens:
            seen |= tokens & wanted
    return sum(other in seen for other in others) / len(others)
