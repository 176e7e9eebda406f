"""강의에서 쓰는 데이터: gensim 에 딸린 작은 말뭉치·평가 자료, 합성 말뭉치, 원문의 예시.

모두 오프라인으로 동작합니다. gensim 패키지 안의 ``test/test_data`` 폴더를 쓰지만, gensim 을 import 하지는
않습니다 (폴더 위치만 찾습니다).

- ``load_head500()`` : head500.noblanks.cor (250 줄, 약 33만 토큰. 이미 소문자화·어간 추출됨)
- ``load_lee()`` : lee_background.cor (문서 300 개, 한 줄에 하나). ``simple_tokenize`` 로 토큰화
- ``wordsim353_path()``, ``simlex999_path()``, ``analogies_path()`` : 평가 자료 경로
- ``synthetic_corpus()`` : 구조를 심어 둔 작은 합성 말뭉치 (테스트와 빠른 실험용)
- ``DOC_SENTENCE``, ``DOC_NEGATIVE_WORDS``, ``DOC_COUNTS`` : 원문에 나오는 예시
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sgns._validate import as_float_in_range, as_positive_int, check_memory, describe

__all__ = [
    "gensim_data_dir",
    "gensim_data_path",
    "load_head500",
    "load_lee",
    "simple_tokenize",
    "wordsim353_path",
    "simlex999_path",
    "analogies_path",
    "WORDSIM353",
    "SIMLEX999",
    "ANALOGIES",
    "SyntheticCorpus",
    "synthetic_corpus",
    "DOC_SENTENCE",
    "DOC_CENTER_WORD",
    "DOC_NEGATIVE_WORDS",
    "DOC_COUNTS",
]

WORDSIM353 = "wordsim353.tsv"
SIMLEX999 = "simlex999.txt"
ANALOGIES = "questions-words.txt"
HEAD500 = "head500.noblanks.cor"
LEE_BACKGROUND = "lee_background.cor"

# ---------------------------------------------------------------------------
# 원문의 예시
# ---------------------------------------------------------------------------

# 원문 3장은 "...turning into banking crises..." 라는 조각만 보여 줍니다 (CS224n 강의 슬라이드의 예).
# 아래 문장은 그 조각을 그대로 품도록 이 강의에서 덧붙인 예시 문장이며, 원문에 있는 문장은 아닙니다.
DOC_SENTENCE: list[str] = (
    "european debt problems are turning into banking crises as investors lose confidence"
).split()
DOC_CENTER_WORD = "into"  # 원문의 중심 단어: (into, banking) 이 긍정 쌍
DOC_NEGATIVE_WORDS: list[str] = ["elephant", "democracy", "pizza"]  # 원문의 잡음 단어 예
DOC_COUNTS: dict[str, int] = {"the": 100000, "democracy": 1000}  # 원문 5장의 빈도 예

# ---------------------------------------------------------------------------
# gensim 의 테스트 자료 찾기
# ---------------------------------------------------------------------------


def gensim_data_dir() -> Path:
    """gensim 패키지에 딸린 ``gensim/test/test_data`` 폴더 (gensim 을 import 하지 않고 찾습니다)."""
    spec = importlib.util.find_spec("gensim")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        candidate = Path(location) / "test" / "test_data"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "gensim 의 테스트 자료 폴더(gensim/test/test_data)를 찾을 수 없습니다. "
        "`pip install gensim` 으로 gensim 을 설치해 주세요 (자료는 gensim 패키지에 함께 들어 있습니다)."
    )


def gensim_data_path(name: str) -> Path:
    """gensim 테스트 자료 폴더 안의 파일 경로. 파일이 없으면 한국어 FileNotFoundError.

    Parameters
    ----------
    name : str, 파일 이름 (예: ``"wordsim353.tsv"``)
    """
    if not isinstance(name, str) or not name:
        raise TypeError(f"`name`은(는) 파일 이름 문자열이어야 합니다. 받은 값: {describe(name)}")
    path = gensim_data_dir() / name
    if not path.is_file():
        raise FileNotFoundError(
            f"`name`={name!r}: gensim 테스트 자료 폴더 {path.parent} 에 그런 파일이 없습니다. "
            f"예: {HEAD500!r}, {LEE_BACKGROUND!r}, {WORDSIM353!r}, {SIMLEX999!r}, {ANALOGIES!r}"
        )
    return path


def wordsim353_path() -> Path:
    """WordSim-353 단어 쌍 유사도 자료 (탭으로 나뉜 word1, word2, 점수) 의 경로."""
    return gensim_data_path(WORDSIM353)


def simlex999_path() -> Path:
    """SimLex-999 단어 쌍 유사도 자료의 경로 (WordSim-353 과 같은 형식)."""
    return gensim_data_path(SIMLEX999)


def analogies_path() -> Path:
    """Google 유추 문제 (questions-words.txt, ``: 절 이름`` 줄과 ``a b c d`` 줄) 의 경로."""
    return gensim_data_path(ANALOGIES)


def load_head500() -> list[list[str]]:
    """head500.noblanks.cor 를 공백으로 나눈 문장 목록 (250 줄, 약 331,000 토큰).

    이 말뭉치는 이미 소문자화·어간 추출(stemming)되어 있습니다 (예: ``pictur``, ``cathol``).
    그래서 평가 자료의 단어 상당수가 어휘에 없습니다 (WordSim-353 쌍의 약 27% 만 평가됨).
    """
    with open(gensim_data_path(HEAD500), encoding="utf8") as fin:
        return [line.split() for line in fin if line.strip()]


# gensim.utils.simple_preprocess(deacc=False) 와 같은 규칙:
# 숫자로 시작하지 않는 단어 문자(\w) 의 연속을 토큰으로, 소문자로 바꾸고, 길이 2~15 만, '_' 로 시작하면 버림.
_TOKEN_PATTERN = re.compile(r"(?:(?!\d)\w)+", re.UNICODE)


def simple_tokenize(text: str, min_len: int = 2, max_len: int = 15) -> list[str]:
    """간단한 소문자 정규식 토큰화 (gensim 의 ``simple_preprocess`` 와 같은 결과를 내도록 만듦).

    규칙: 소문자로 바꾼 뒤 정규식 ``(?:(?!\\d)\\w)+`` (숫자가 아닌 단어 문자의 연속) 로 자르고,
    길이가 min_len 이상 max_len 이하이며 ``_`` 로 시작하지 않는 토큰만 남깁니다.
    숫자와 문장 부호는 버려집니다: ``"At 4:00pm AEDT"`` -> ``["at", "pm", "aedt"]``.
    """
    if not isinstance(text, str):
        raise TypeError(f"`text`은(는) 문자열이어야 합니다. 받은 값: {describe(text)}")
    min_len = as_positive_int("min_len", min_len, minimum=0)
    max_len = as_positive_int("max_len", max_len, minimum=0)
    return [
        token
        for token in _TOKEN_PATTERN.findall(text.lower())
        if min_len <= len(token) <= max_len and not token.startswith("_")
    ]


def load_lee() -> list[list[str]]:
    """lee_background.cor: 한 줄에 뉴스 문서 하나, ``simple_tokenize`` 로 토큰화한 목록 (약 58,000 토큰).

    작아서 빠른 실험(스모크 테스트)용입니다. 5 에폭으로는 WordSim-353 점수가 의미 있게 나오지 않습니다.
    """
    with open(gensim_data_path(LEE_BACKGROUND), encoding="utf8", errors="replace") as fin:
        docs = [simple_tokenize(line) for line in fin]
    return [doc for doc in docs if doc]


# ---------------------------------------------------------------------------
# 합성 말뭉치
# ---------------------------------------------------------------------------

# 같은 무리의 단어는 같은 문맥(문장 틀)에 나타납니다 -> 학습하면 가까운 이웃이 됩니다.
_GROUPS: dict[str, list[str]] = {
    "animals": ["dog", "cat", "horse", "cow", "sheep", "goat", "pig", "rabbit"],
    "fruits": ["apple", "banana", "grape", "mango", "pear", "cherry", "peach", "plum"],
    "numbers": ["two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "colors": ["red", "blue", "green", "yellow", "purple", "brown", "white", "black"],
}
_GROUP_TEMPLATES: dict[str, list[str]] = {
    "animals": [
        "the {w} eats grass on the farm",
        "a hungry {w} sleeps in the barn",
        "the farmer feeds the {w} every day",
        "my {w} runs across the field",
    ],
    "fruits": [
        "i ate a sweet {w} for breakfast",
        "the ripe {w} fell from the tree",
        "she bought a fresh {w} at the market",
        "this {w} juice tastes delicious",
    ],
    "numbers": [
        "he counted {w} coins on the table",
        "we waited {w} hours for the train",
        "the box holds {w} small items",
        "about {w} students joined the class",
    ],
    "colors": [
        "she painted the wall {w}",
        "the {w} paint dried slowly",
        "he wore a {w} shirt and hat",
        "the flag is bright {w} in color",
    ],
}

# 유추: 나라 -> 수도. 나라와 그 수도는 같은 언어 단어를 공유하고,
# 나라는 "나라" 문맥(nation, border, government), 수도는 "도시" 문맥(city, streets, mayor) 을 가집니다.
# 그래서 v(수도) - v(나라) ≈ (도시 문맥) - (나라 문맥) 이 모든 나라에서 비슷해집니다.
_COUNTRIES = [
    ("france", "paris", "french"),
    ("germany", "berlin", "german"),
    ("italy", "rome", "italian"),
    ("spain", "madrid", "spanish"),
    ("japan", "tokyo", "japanese"),
    ("china", "beijing", "chinese"),
    ("russia", "moscow", "russian"),
    ("greece", "athens", "greek"),
]
_COUNTRY_TEMPLATES = [
    "{country} is a large nation where people speak {lang}",
    "the government of {country} uses the {lang} language",
    "the border of {country} is guarded by {lang} soldiers",
    "{lang} is the official language of the nation {country}",
]
_CAPITAL_TEMPLATES = [
    "{capital} is a busy city where people speak {lang}",
    "the mayor of {capital} gave a speech in {lang}",
    "the streets of {capital} are full of {lang} cafes",
    "{lang} tourists visit the city of {capital}",
]

# 유추: 남성 -> 여성. 짝은 같은 역할 문맥을 공유하고, 성별은 he/his 와 she/her 문맥으로 갈립니다.
_GENDER_PAIRS = [
    ("king", "queen", "throne crown palace"),
    ("man", "woman", "office job adult"),
    ("boy", "girl", "school playground toys"),
    ("prince", "princess", "castle royal ball"),
    ("father", "mother", "children family home"),
    ("brother", "sister", "sibling twin family"),
    ("husband", "wife", "marriage wedding ring"),
    ("uncle", "aunt", "nephew niece visit"),
]
_MALE_TEMPLATES = [
    "the {w} said he loves his {r}",
    "he is the {w} and his {r} is here",
    "the {w} smiled and he talked about his {r}",
]
_FEMALE_TEMPLATES = [
    "the {w} said she loves her {r}",
    "she is the {w} and her {r} is here",
    "the {w} smiled and she talked about her {r}",
]

# 어느 틀에도 속하지 않는 흔한 단어: 문장 끝에 가끔 붙여 잡음을 만듭니다 (서브샘플링 대상이 되는 빈출 단어).
_FILLER = "the a and of to in it is was that this with very really".split()

# 합성 문장 하나가 차지하는 메모리의 어림값 (토큰 약 9개의 리스트; 단어 문자열은 공유되지만 넉넉하게)
_SENTENCE_BYTES = 1024


@dataclass
class SyntheticCorpus:
    """합성 말뭉치와 그 안에 심어 둔 구조.

    sentences : list[list[str]], 토큰 목록들
    groups : dict[str, list[str]], 무리 이름 -> 같은 문맥을 공유하는 단어들
    analogies : list[tuple[str, str, str, str]], (a, b, c, d): a 에 대한 b 는 c 에 대한 d
        (예: ("france", "paris", "germany", "berlin"))
    relations : dict[str, list[tuple[str, str]]], 관계 이름 -> (a, b) 짝들 (유추 문제의 재료)
    """

    sentences: list[list[str]]
    groups: dict[str, list[str]]
    analogies: list[tuple[str, str, str, str]]
    relations: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @property
    def num_tokens(self) -> int:
        """전체 토큰 수."""
        return sum(len(s) for s in self.sentences)

    def __iter__(self):
        """문장들을 차례로 (``sgns.train(synthetic_corpus())`` 처럼 말뭉치 자리에 그대로 넣을 수 있게)."""
        return iter(self.sentences)

    def __len__(self) -> int:
        return len(self.sentences)


def synthetic_corpus(num_sentences: int = 4000, seed: int = 0, filler_rate: float = 0.3) -> SyntheticCorpus:
    """구조를 심어 둔 합성 영어 말뭉치 (seed 가 같으면 항상 같은 결과).

    심어 둔 구조:

    - 무리(groups): animals, fruits, numbers, colors, countries, capitals. 같은 무리의 단어는 같은 문장 틀에
      나타나므로, 몇 초만 학습해도 서로의 가장 가까운 이웃이 됩니다.
    - 유추(analogies): 나라 -> 수도 (france : paris :: germany : berlin), 남성 -> 여성 (king : queen :: man : woman).
      짝마다 공유하는 문맥(언어 단어, 역할 단어) 과 관계마다 공유하는 문맥(nation/city, he/she) 을 두어
      v(b) - v(a) + v(c) ≈ v(d) 가 되도록 했습니다 (3CosAdd 로 풀림).

    Parameters
    ----------
    num_sentences : int, 문장 수 (기본 4000, 약 3.5만 토큰)
    seed : int, 난수 seed
    filler_rate : float, 문장 끝에 흔한 단어 하나를 덧붙일 확률 (0 이상 1 이하)

    Returns
    -------
    SyntheticCorpus(sentences, groups, analogies, relations)
    """
    num_sentences = as_positive_int("num_sentences", num_sentences)
    check_memory("num_sentences", num_sentences, num_sentences * _SENTENCE_BYTES, "문장 목록")
    seed = as_positive_int("seed", seed, minimum=0)
    filler_rate = as_float_in_range("filler_rate", filler_rate, 0.0, 1.0)
    rng = np.random.default_rng(seed)

    # 문장 종류별 비중: 무리 4 개, 나라, 수도, 남성, 여성
    kinds = [*_GROUPS, "country", "capital", "male", "female"]
    weights = np.array([1.0] * len(_GROUPS) + [1.0, 1.0, 1.0, 1.0])
    kind_of = rng.choice(len(kinds), size=num_sentences, p=weights / weights.sum())

    sentences: list[list[str]] = []
    for k in kind_of:
        kind = kinds[k]
        if kind in _GROUPS:
            template = _GROUP_TEMPLATES[kind][rng.integers(len(_GROUP_TEMPLATES[kind]))]
            text = template.format(w=_GROUPS[kind][rng.integers(len(_GROUPS[kind]))])
        elif kind in ("country", "capital"):
            country, capital, lang = _COUNTRIES[rng.integers(len(_COUNTRIES))]
            templates = _COUNTRY_TEMPLATES if kind == "country" else _CAPITAL_TEMPLATES
            text = templates[rng.integers(len(templates))].format(country=country, capital=capital, lang=lang)
        else:
            male, female, roles = _GENDER_PAIRS[rng.integers(len(_GENDER_PAIRS))]
            role = roles.split()[rng.integers(3)]
            templates = _MALE_TEMPLATES if kind == "male" else _FEMALE_TEMPLATES
            word = male if kind == "male" else female
            text = templates[rng.integers(len(templates))].format(w=word, r=role)
        tokens = text.split()
        if rng.random() < filler_rate:
            tokens.append(_FILLER[rng.integers(len(_FILLER))])
        sentences.append(tokens)

    groups = {name: list(words) for name, words in _GROUPS.items()}
    groups["countries"] = [c for c, _, _ in _COUNTRIES]
    groups["capitals"] = [c for _, c, _ in _COUNTRIES]
    relations = {
        "country_capital": [(c, cap) for c, cap, _ in _COUNTRIES],
        "male_female": [(m, f) for m, f, _ in _GENDER_PAIRS],
    }
    analogies = [
        (a, b, c, d) for pairs in relations.values() for (a, b) in pairs for (c, d) in pairs if (a, b) != (c, d)
    ]
    return SyntheticCorpus(sentences=sentences, groups=groups, analogies=analogies, relations=relations)
