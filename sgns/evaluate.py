"""단어 벡터 평가: 코사인 유사도, 가장 가까운 이웃, 단어 쌍 유사도(Spearman), 유추(3CosAdd).

모든 함수는 어떤 (words, vectors) 짝이든 평가합니다. 우리 학습기의 벡터와 gensim 의 벡터를 **같은 코드로**
평가해야 비교가 공정하기 때문입니다. 규칙은 gensim 의 ``KeyedVectors.evaluate_word_pairs`` /
``evaluate_word_analogies`` 와 같습니다.

- 대소문자 무시: 자료의 단어와 어휘를 모두 대문자로 바꿔 맞춥니다. 어휘에 대소문자만 다른 단어가 여럿이면
  앞쪽(어휘가 빈도순이면 더 흔한) 단어를 씁니다.
- 어휘에 없는 단어가 하나라도 있는 쌍·문제는 건너뛰고, 얼마나 건너뛰었는지 coverage 로 알려 줍니다.
- 유추는 3CosAdd: 단위 벡터에서 b - a + c 와 코사인이 가장 큰 단어 (a, b, c 는 제외).
- Spearman ρ 는 평균 순위(동점은 순위의 평균)의 피어슨 상관입니다 (scipy.stats.spearmanr 과 같은 정의,
  numpy 만으로 계산). ``spearman_standard_error`` 는 평가 쌍이 적을 때 ρ 가 얼마나 흔들리는지 어림합니다.

결과는 데이터클래스 (``WordPairScore``, ``AnalogyScore``) 입니다. ``score.spearman`` 처럼 읽습니다.

조용히 틀린 결과를 내지 않습니다.

- 자료 파일은 형식을 엄격하게 읽습니다: 탭이 아니라 공백·쉼표로 나뉜 줄, 점수가 수가 아니거나 NaN·inf 인 줄,
  UTF-8 이 아닌 줄은 그 줄 번호를 말하는 한국어 오류입니다 (건너뛰면 nan 이나 엉뚱한 ρ 가 나옵니다).
  빈 파일도 오류이고, 맨 앞의 BOM 은 버립니다.
- ρ 를 정의할 수 없으면 (평가한 쌍이 2개 미만, 값이 모두 같음) nan 대신 오류입니다.
- 평가한 쌍이 ``MIN_RELIABLE_PAIRS`` 개보다 적거나 자료의 ``MIN_RELIABLE_COVERAGE`` 보다 적게 덮으면 결과의
  ``reliable`` 이 False 이고 ``note`` 가 그 까닭을 말합니다 (repr 에도 보임).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from sgns._validate import (
    as_bool,
    as_finite_float,
    as_float_array,
    as_float_in_range,
    as_generator,
    as_positive_int,
    as_word_list,
    describe,
    text_lines,
)

__all__ = [
    "normalize_rows",
    "nearest_neighbors",
    "read_word_pairs",
    "read_analogies",
    "spearman",
    "pearson",
    "spearman_standard_error",
    "spearman_interval",
    "Interval",
    "PairedComparison",
    "compare_word_pair_scores",
    "WordPairScore",
    "AnalogyScore",
    "evaluate_word_pairs",
    "evaluate_analogies",
    "solve_analogies",
    "MIN_RELIABLE_PAIRS",
    "MIN_RELIABLE_COVERAGE",
]

# 이보다 적은 쌍(유추 문제)으로 잰 점수는 믿기 어렵습니다: 쌍이 30개면 Fisher z 척도의 95% 구간이 ±0.39
# (ρ = 0.5 에서 약 0.16 ~ 0.74) 입니다.
MIN_RELIABLE_PAIRS = 30
# 자료의 이 비율보다 적게 덮으면 (어휘에 없는 단어가 많으면) 점수가 자료 전체를 대표하지 않습니다.
MIN_RELIABLE_COVERAGE = 0.05
# 쌍체 부트스트랩의 반복 수 상한 (반복마다 순위를 다시 매기므로, 이보다 많으면 몇 분씩 걸림)
MAX_RESAMPLES = 100_000


def normalize_rows(vectors) -> np.ndarray:
    """행마다 길이 1 로 나눈 float64 사본 (길이 0 인 행은 0 으로 둠).

    Parameters
    ----------
    vectors : (V, d) 단어 벡터

    Returns
    -------
    unit : (V, d) float64, unit[w] = vectors[w] / ||vectors[w]||
    """
    vectors = np.asarray(vectors, dtype=np.float64)
    # 행마다 가장 큰 절댓값에 가까운 2 의 거듭제곱으로 먼저 나눕니다: 제곱합이 넘치지도 (원소 1e154 이상)
    # 0 으로 내려가지도 (원소 1e-162 이하) 않고, 2 의 거듭제곱으로 나누기는 정확해서 보통의 값에서는 결과가 같습니다.
    _, exponents = np.frexp(np.abs(vectors).max(axis=1, keepdims=True, initial=0.0))
    vectors = np.ldexp(vectors, -exponents)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def _case_insensitive_index(words: Sequence[str]) -> dict[str, int]:
    """대문자 단어 -> 인덱스. 대소문자만 다른 단어가 여럿이면 가장 앞쪽 인덱스 (gensim 과 같음)."""
    index: dict[str, int] = {}
    for i in range(len(words) - 1, -1, -1):
        index[words[i].upper()] = i
    return index


def _check_words_vectors(words, vectors) -> tuple[list[str], np.ndarray]:
    vectors = as_float_array("vectors", vectors, ndim=2)
    words = as_word_list("words", words)
    if len(words) != vectors.shape[0]:
        raise ValueError(f"`words`의 길이 {len(words)} 와 `vectors`의 행 수 {vectors.shape[0]} 가 같아야 합니다.")
    return words, vectors


def nearest_neighbors(unit, query, topn: int, exclude=()) -> list[tuple[int, float]]:
    """단위 벡터 행렬에서 query 와 코사인 유사도가 가장 큰 topn 개 (exclude 는 제외).

    Parameters
    ----------
    unit : (V, d) 길이 1 로 정규화된 벡터 (``normalize_rows`` 결과)
    query : (d,) 질의 벡터 (정규화하지 않아도 순위는 같지만, 점수를 코사인으로 주려고 정규화합니다)
    topn : int, 돌려줄 개수
    exclude : 제외할 인덱스들

    Returns
    -------
    [(index, cosine), ...] 유사도 내림차순
    """
    exclude = np.asarray(exclude, dtype=np.intp)
    query = normalize_rows(np.asarray(query)[None, :])[0]  # 길이 0 이면 그대로 0
    scores = unit @ query
    if exclude.size:
        scores[exclude] = -np.inf
    topn = min(topn, scores.shape[0] - np.unique(exclude).size)
    if topn <= 0:
        return []
    best = np.argpartition(-scores, topn - 1)[:topn]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(int(i), float(scores[i])) for i in best]


def read_word_pairs(path) -> list[tuple[str, str, float]]:
    """단어 쌍 유사도 자료를 읽습니다: 한 줄에 ``word1<TAB>word2<TAB>점수``, ``#`` 으로 시작하면 주석, 빈 줄은 건너뜀.

    형식이 맞지 않는 줄 (탭으로 나뉜 세 칸이 아님, 점수가 유한한 수가 아님, 빈 단어) 은 건너뛰지 않고 그 줄 번호를
    말하는 한국어 ValueError 입니다. 쌍이 하나도 없는 파일도 오류입니다. 맨 앞의 BOM 은 버립니다.

    Returns
    -------
    [(word1, word2, score), ...] 파일의 순서대로 (길이 1 이상)
    """
    pairs = []
    for lineno, line in text_lines("path", path):
        text = line.rstrip("\r\n")
        if not text.strip() or text.startswith("#"):
            continue
        parts = text.split("\t")
        if len(parts) != 3:
            raise _format_error(path, lineno, text, _pair_format_hint(text))
        a, b, raw_score = (part.strip() for part in parts)
        try:
            score = float(raw_score)
        except ValueError:
            raise _format_error(path, lineno, text, f"셋째 칸의 점수 {raw_score!r} 가 수가 아닙니다") from None
        if not np.isfinite(score):
            raise _format_error(path, lineno, text, f"점수 {raw_score!r} 가 유한한 수가 아닙니다 (NaN·inf 불가)")
        if not a or not b:
            raise _format_error(path, lineno, text, "단어 칸이 비어 있습니다")
        pairs.append((a, b, score))
    if not pairs:
        raise ValueError(
            f"`path`={str(path)!r} 에 단어 쌍이 하나도 없습니다 (빈 파일이거나 주석뿐). "
            "한 줄에 `단어1<TAB>단어2<TAB>점수` 형식의 쌍이 있어야 합니다."
        )
    return pairs


def _pair_format_hint(text: str) -> str:
    for sep, name in ((",", "쉼표"), (None, "공백")):
        if len(text.split(sep)) == 3:
            return f"칸이 탭이 아니라 {name}로 나뉜 것 같습니다. 탭으로 나눈 `단어1<TAB>단어2<TAB>점수` 가 필요합니다"
    return f"탭으로 나눈 칸이 {len(text.split(chr(9)))}개입니다. `단어1<TAB>단어2<TAB>점수` 세 칸이 필요합니다"


def _format_error(path, lineno: int, text: str, problem: str) -> ValueError:
    """자료 파일의 한 줄이 형식에 맞지 않을 때의 한국어 오류 (파일, 줄 번호, 그 줄, 무엇이 틀렸는지)."""
    return ValueError(f"`path`={str(path)!r} 의 {lineno}번째 줄 {text[:80]!r}: {problem}.")


def read_analogies(path) -> list[tuple[str, str, str, str, str]]:
    """유추 문제 자료 (questions-words.txt 형식): ``: 절 이름`` 줄 다음에 ``a b c d`` 줄들 (빈 줄은 건너뜀).

    네 단어가 아닌 줄은 그 줄 번호를 말하는 한국어 ValueError 입니다. 문제가 하나도 없는 파일도 오류입니다.

    Returns
    -------
    [(section, a, b, c, d), ...] (길이 1 이상)
    """
    questions = []
    section = ""
    for lineno, line in text_lines("path", path):
        text = line.rstrip("\r\n")
        if text.startswith(":"):
            section = text[1:].strip()
            continue
        parts = text.split()
        if not parts:
            continue
        if len(parts) != 4:
            problem = (
                f"공백으로 나눈 단어가 {len(parts)}개입니다. 한 줄에 `a b c d` 네 단어 (a 에 대한 b 는 c 에 대한 d) "
                "가 필요합니다 (절 이름 줄은 `: 이름`)"
            )
            raise _format_error(path, lineno, text, problem)
        questions.append((section, *parts))
    if not questions:
        raise ValueError(
            f"`path`={str(path)!r} 에 유추 문제가 하나도 없습니다 (빈 파일이거나 절 이름뿐). "
            "한 줄에 `a b c d` 네 단어인 문제가 있어야 합니다."
        )
    return questions


def _average_ranks(x: np.ndarray) -> np.ndarray:
    """1 부터 매긴 순위, 동점은 순위의 평균 (scipy.stats.rankdata 의 'average' 와 같음)."""
    order = np.argsort(x, kind="mergesort")
    sorted_x = x[order]
    new_value = np.r_[True, sorted_x[1:] != sorted_x[:-1]]
    group_of = np.cumsum(new_value) - 1  # 정렬된 자리마다 동점 무리 번호
    starts = np.flatnonzero(new_value)  # 무리의 첫 자리 (0 부터)
    ends = np.r_[starts[1:], x.size]  # 무리의 끝 자리 다음
    ranks = np.empty(x.size, dtype=np.float64)
    ranks[order] = (starts + 1 + ends)[group_of] / 2.0  # 순위 starts+1 .. ends 의 평균
    return ranks


def pearson(x, y) -> float:
    """피어슨 상관계수.

    값이 2개 미만이거나 한쪽이 모두 같은 값이면 상관이 정의되지 않으므로 nan 대신 한국어 ValueError 입니다.

    Parameters
    ----------
    x, y : (n,) 실수 (NaN·inf 불가, 같은 길이, n >= 2, 각각 서로 다른 값이 2개 이상)
    """
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    _check_correlation_defined(x, y)
    return _pearson_or_nan(x, y)


def _check_correlation_defined(x: np.ndarray, y: np.ndarray) -> None:
    if x.size < 2:
        raise ValueError(f"`x`와 `y`의 값이 {x.size}개뿐입니다. 상관계수에는 값이 2개 이상 필요합니다.")
    for name, arr in (("x", x), ("y", y)):
        if np.all(arr == arr[0]):  # (np.ptp 는 1e308 - (-1e308) 에서 넘침)
            raise ValueError(
                f"`{name}`의 값이 모두 {float(arr[0])!r} 로 같아 상관계수를 정의할 수 없습니다 (분산이 0). "
                "서로 다른 값이 2개 이상 있어야 합니다."
            )


def _pearson_or_nan(x: np.ndarray, y: np.ndarray) -> float:
    """검사 없는 피어슨 상관 (정의되지 않으면 nan; 부트스트랩이 그런 표본을 세고 버릴 때만 씀)."""
    if x.size < 2 or np.all(x == x[0]) or np.all(y == y[0]):
        return float("nan")
    # 큰 값 (사람 점수 파일의 1e300 등) 에서 제곱합이 넘치지 않게 각자의 최대 절댓값에 가까운 2 의 거듭제곱으로
    # 먼저 나눔 (상관은 척도와 무관하고, 2 의 거듭제곱으로 나누기는 정확해서 보통의 값에서는 결과가 같음)
    x, y = np.ldexp(x, -np.frexp(np.abs(x).max())[1]), np.ldexp(y, -np.frexp(np.abs(y).max())[1])
    dx, dy = x - x.mean(), y - y.mean()
    r = float((dx @ dy) / np.sqrt((dx @ dx) * (dy @ dy)))
    return min(1.0, max(-1.0, r))


def spearman(x, y) -> float:
    """Spearman 순위 상관계수 ρ: 평균 순위의 피어슨 상관. 정의되지 않으면 한국어 ValueError (``pearson`` 참고)."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    _check_correlation_defined(x, y)
    return _pearson_or_nan(_average_ranks(x), _average_ranks(y))


def spearman_standard_error(n_pairs: int) -> float:
    """Fisher 변환 척도에서 Spearman ρ 의 표준오차 1.03 / sqrt(n - 3) (Fieller, Hartley & Pearson 1957).

    이 값은 ρ 자체의 표준오차가 **아니라** z = artanh(ρ) 의 표준오차입니다. ρ 의 신뢰구간은
    z ± 1.96·SE 를 tanh 로 되돌려 얻습니다 (``spearman_interval``). ρ 가 0 근처일 때만 두 척도의 폭이 비슷합니다.

    Parameters
    ----------
    n_pairs : int, 평가에 쓴 쌍의 수 (4 이상)

    Returns
    -------
    standard_error : float, z 척도의 표준오차
    """
    n_pairs = as_positive_int("n_pairs", n_pairs, minimum=4)
    return 1.03 / float(np.sqrt(n_pairs - 3))


@dataclass(frozen=True)
class Interval:
    """신뢰구간: 추정값 estimate 와 구간 [low, high], 신뢰수준 level (예: 0.95)."""

    estimate: float
    low: float
    high: float
    level: float

    def contains(self, value: float) -> bool:
        """value 가 구간 안에 있는지 (양 끝 포함). value 는 유한한 실수 (NaN 은 어디에도 없다고 답하지 않고 오류)."""
        value = as_finite_float("value", value)
        return self.low <= value <= self.high


def _normal_quantile(level: float) -> float:
    """양쪽 신뢰수준 level 의 표준정규 분위수 (예: 0.95 -> 1.95996...)."""
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + level / 2)


def spearman_interval(rho: float, n_pairs: int, level: float = 0.95) -> Interval:
    """쌍 n 개로 잰 Spearman ρ 의 신뢰구간 (Fisher z 변환: tanh(artanh ρ ± q·1.03/sqrt(n-3))).

    Parameters
    ----------
    rho : float, -1 < rho < 1
    n_pairs : int, 평가에 쓴 쌍의 수 (4 이상)
    level : float, 신뢰수준 (0 < level < 1, 기본 0.95)

    Returns
    -------
    Interval(estimate=rho, low, high, level), 구간은 ρ 를 중심으로 대칭이 아닙니다 (±1 쪽으로 좁아짐)
    """
    rho = as_float_in_range("rho", rho, -1.0, 1.0)
    if abs(rho) == 1.0:
        raise ValueError(f"`rho`={rho} 에서는 Fisher 변환이 무한대입니다. -1 과 1 사이(양 끝 제외)여야 합니다.")
    level = _check_level(level)
    z, half = float(np.arctanh(rho)), _normal_quantile(level) * spearman_standard_error(n_pairs)
    return Interval(estimate=rho, low=float(np.tanh(z - half)), high=float(np.tanh(z + half)), level=level)


def _check_level(level) -> float:
    level = as_float_in_range("level", level, 0.0, 1.0)
    if not 0.0 < level < 1.0:
        raise ValueError(
            f"`level`={level} 는 허용되지 않습니다. 0 과 1 사이(양 끝 제외)의 신뢰수준이어야 합니다 (예: 0.95)."
        )
    return level


def _reliability_note(n_covered: int, coverage: float, unit: str) -> str:
    """점수를 믿기 어려운 까닭 (믿을 만하면 빈 문자열). unit 은 "쌍" 또는 "문제"."""
    reasons = []
    if n_covered < MIN_RELIABLE_PAIRS:
        reasons.append(f"평가한 {unit}이(가) {n_covered}개뿐입니다 ({MIN_RELIABLE_PAIRS}개 이상이어야 믿을 만함)")
    if coverage < MIN_RELIABLE_COVERAGE:
        reasons.append(
            f"자료의 {coverage:.1%} 만 평가했습니다 ({MIN_RELIABLE_COVERAGE:.0%} 이상이어야 자료 전체를 대표; "
            "나머지는 어휘에 없는 단어가 있어 빠짐)"
        )
    return "; ".join(reasons)


class _ReliabilityNote:
    """``note`` (믿기 어려운 까닭, 없으면 "") 를 만들 때 채우고 ``reliable`` 로 읽게 합니다."""

    _unit = "쌍"

    def __post_init__(self):
        object.__setattr__(self, "note", _reliability_note(self.n_covered, self.coverage, self._unit))

    @property
    def reliable(self) -> bool:
        """평가한 수와 비율이 모두 충분한지 (``MIN_RELIABLE_PAIRS``, ``MIN_RELIABLE_COVERAGE``)."""
        return not self.note


@dataclass(frozen=True)
class WordPairScore(_ReliabilityNote):
    """단어 쌍 유사도 평가의 결과.

    spearman, pearson : float, 어휘에 두 단어가 모두 있는 쌍(covered)만으로 계산
    coverage : float, n_covered / n_total (0~1 비율)
    n_covered, n_total : int
    note : str, 점수를 믿기 어려운 까닭 (쌍이 ``MIN_RELIABLE_PAIRS`` 개 미만이거나 coverage 가
        ``MIN_RELIABLE_COVERAGE`` 미만); 믿을 만하면 "". ``reliable`` 은 note 가 비었는지
    pairs : (n_covered,) 평가한 쌍 (단어 a, 단어 b) 들, 파일의 순서대로 (두 모델을 같은 쌍에서 비교할 때 씀)
    gold : (n_covered,) 사람이 매긴 점수
    cosines : (n_covered,) 모델의 코사인 유사도
    """

    spearman: float
    pearson: float
    coverage: float
    n_covered: int
    n_total: int
    note: str = field(init=False, default="")
    pairs: tuple = ()
    gold: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False, compare=False)
    cosines: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False, compare=False)


@dataclass(frozen=True)
class AnalogyScore(_ReliabilityNote):
    """유추 평가의 결과.

    accuracy : float, n_correct / n_covered
    coverage : float, n_covered / n_total
    n_correct, n_covered, n_total : int
    note : str, 점수를 믿기 어려운 까닭 (푼 문제가 ``MIN_RELIABLE_PAIRS`` 개 미만이거나 coverage 가
        ``MIN_RELIABLE_COVERAGE`` 미만); 믿을 만하면 "". ``reliable`` 은 note 가 비었는지
    sections : dict, 절 이름 -> (n_correct, n_covered)
    """

    _unit = "문제"

    accuracy: float
    coverage: float
    n_correct: int
    n_covered: int
    n_total: int
    note: str = field(init=False, default="")
    sections: dict = field(default_factory=dict)


def evaluate_word_pairs(words, vectors, path, case_insensitive: bool = True) -> WordPairScore:
    """단어 쌍 유사도 평가: 사람 점수와 코사인 유사도의 순위 상관 (Spearman ρ).

    Parameters
    ----------
    words : (V,) 단어 목록 (vectors 의 행 순서)
    vectors : (V, d) 단어 벡터
    path : 자료 파일 (예: ``sgns.data.wordsim353_path()``)
    case_insensitive : bool, 대소문자를 무시할지 (gensim 기본값과 같이 True)

    Returns
    -------
    WordPairScore(spearman, pearson, coverage, n_covered, n_total, note, pairs, gold, cosines)

    Raises
    ------
    ValueError : 자료 파일의 형식이 틀렸을 때 (줄 번호와 함께), 어휘에 두 단어가 모두 있는 쌍이 2개 미만이거나
        점수·코사인이 모두 같아 ρ 를 정의할 수 없을 때
    """
    words, vectors = _check_words_vectors(words, vectors)
    case_insensitive = as_bool("case_insensitive", case_insensitive)
    pairs = read_word_pairs(path)
    index = _case_insensitive_index(words) if case_insensitive else {w: i for i, w in enumerate(words)}
    unit = normalize_rows(vectors)
    gold, model, covered = [], [], []
    for a, b, score in pairs:
        key_a, key_b = (a.upper(), b.upper()) if case_insensitive else (a, b)
        if key_a in index and key_b in index:
            gold.append(score)
            model.append(float(unit[index[key_a]] @ unit[index[key_b]]))
            covered.append((a, b))
    gold_arr, model_arr = np.array(gold, dtype=np.float64), np.array(model, dtype=np.float64)
    _check_word_pair_scores_defined(path, len(pairs), len(words), gold_arr, model_arr)
    return WordPairScore(
        spearman=spearman(gold_arr, model_arr),
        pearson=pearson(gold_arr, model_arr),
        coverage=len(gold) / len(pairs),
        n_covered=len(gold),
        n_total=len(pairs),
        pairs=tuple(covered),
        gold=gold_arr,
        cosines=model_arr,
    )


def _check_word_pair_scores_defined(path, n_pairs: int, n_words: int, gold: np.ndarray, cosines: np.ndarray) -> None:
    """평가한 쌍으로 ρ 를 정의할 수 있는지 (2개 이상, 사람 점수와 코사인이 각각 한 값만이 아님)."""
    where = f"`path`={str(path)!r} 의 쌍 {n_pairs}개 가운데 어휘 (`words`, {n_words:,}개) 에 두 단어가 모두 있는 쌍"
    if gold.size < 2:
        raise ValueError(
            f"{where}이 {gold.size}개뿐이라 Spearman ρ 를 계산할 수 없습니다. 적어도 2개 "
            f"(믿을 만하려면 {MIN_RELIABLE_PAIRS}개 이상) 가 필요합니다. 더 큰 어휘로 학습해 보세요."
        )
    for what, values in (("사람 점수", gold), ("코사인 유사도", cosines)):
        if np.all(values == values[0]):
            raise ValueError(
                f"{where} {gold.size}개의 {what}가 모두 {float(values[0]):.6g} 로 같아 ρ 를 정의할 수 없습니다."
            )


@dataclass(frozen=True)
class PairedComparison:
    """같은 평가 쌍에서 잰 두 모델의 Spearman ρ 차이 (a - b) 와 그 부트스트랩 신뢰구간.

    difference : float, 공통 쌍에서 잰 ρ_a - ρ_b
    interval : Interval, 쌍을 복원추출한 부트스트랩 백분위 구간
    n_pairs : int, 두 모델이 모두 평가한 공통 쌍의 수
    n_resamples : int
    """

    difference: float
    interval: Interval
    n_pairs: int
    n_resamples: int

    @property
    def separated(self) -> bool:
        """구간이 0 을 포함하지 않는지 (이 평가 세트로 두 모델의 순서를 말할 수 있는지)."""
        return not self.interval.contains(0.0)


def compare_word_pair_scores(
    score_a: WordPairScore, score_b: WordPairScore, n_resamples: int = 2000, level: float = 0.95, seed=0
) -> PairedComparison:
    """두 모델을 **같은 쌍**에서 비교하는 쌍체 부트스트랩 (paired bootstrap).

    한 모델의 표준오차로 두 모델의 차이를 판정하면 안 됩니다: 두 ρ 는 같은 쌍에서 재므로 서로 강하게 상관되어,
    차이의 흔들림은 각 ρ 의 흔들림보다 훨씬 작을 수도 클 수도 있습니다. 그래서 공통 쌍을 복원추출해 (두 모델에
    같은 표본을 써서) ρ_a - ρ_b 를 다시 계산하고, 그 분포의 백분위로 구간을 만듭니다.

    Parameters
    ----------
    score_a, score_b : ``evaluate_word_pairs`` 의 결과 (같은 평가 파일)
    n_resamples : int, 부트스트랩 반복 수 (100 이상)
    level : float, 신뢰수준 (0 < level < 1)
    seed : 난수 seed (int 또는 numpy Generator); 같으면 결과가 같음

    Returns
    -------
    PairedComparison(difference, interval, n_pairs, n_resamples)
    """
    for name, score in (("score_a", score_a), ("score_b", score_b)):
        if not isinstance(score, WordPairScore):
            raise TypeError(
                f"`{name}`에는 evaluate_word_pairs 의 결과(WordPairScore)가 필요합니다. 받은 값: {describe(score)}"
            )
    n_resamples = as_positive_int("n_resamples", n_resamples, minimum=100, maximum=MAX_RESAMPLES)
    level = _check_level(level)
    rng = as_generator("seed", seed)
    position_b = {pair: i for i, pair in enumerate(score_b.pairs)}
    common = [(i, position_b[pair]) for i, pair in enumerate(score_a.pairs) if pair in position_b]
    if len(common) < 4:
        raise ValueError(
            f"`score_a`와 `score_b`에 공통으로 평가한 쌍이 {len(common)}개뿐입니다. 4개 이상이어야 비교할 수 있습니다 "
            "(같은 평가 파일로 잰 결과인지 확인하세요)."
        )
    ia, ib = (np.array(idx) for idx in zip(*common, strict=True))
    gold, cos_a, cos_b = score_a.gold[ia], score_a.cosines[ia], score_b.cosines[ib]
    difference = spearman(gold, cos_a) - spearman(gold, cos_b)
    n = len(common)
    draws = np.empty(n_resamples)
    for r in range(n_resamples):
        take = rng.integers(0, n, size=n)
        ranks = _average_ranks(gold[take])
        draws[r] = _pearson_or_nan(ranks, _average_ranks(cos_a[take])) - _pearson_or_nan(
            ranks, _average_ranks(cos_b[take])
        )
    draws = draws[np.isfinite(draws)]  # 모든 값이 같은 표본 (순위가 정의되지 않음) 은 버림
    if draws.size < n_resamples / 2:
        raise ValueError(
            f"부트스트랩 표본 {n_resamples}개 가운데 {n_resamples - draws.size}개에서 ρ 를 정의할 수 없었습니다 "
            f"(공통 쌍 {n}개의 점수가 거의 모두 같음). `score_a`, `score_b` 를 더 많은 쌍으로 재 주세요."
        )
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(draws, [tail, 100 - tail])
    interval = Interval(estimate=float(difference), low=float(low), high=float(high), level=level)
    return PairedComparison(difference=float(difference), interval=interval, n_pairs=n, n_resamples=n_resamples)


def solve_analogies(unit, questions, chunk: int = 512) -> np.ndarray:
    """3CosAdd 로 유추 문제를 한꺼번에 풉니다: argmax_w cos(w, b - a + c), a·b·c 제외.

    Parameters
    ----------
    unit : (V, d) 단위 벡터
    questions : (n, 3) int, 행마다 (a, b, c) 인덱스

    Returns
    -------
    answers : (n,) int, 행마다 예측한 단어 인덱스
    """
    answers = np.empty(questions.shape[0], dtype=np.int64)
    for start in range(0, questions.shape[0], chunk):
        q = questions[start : start + chunk]
        query = unit[q[:, 1]] - unit[q[:, 0]] + unit[q[:, 2]]  # (n, d)
        scores = query @ unit.T  # (n, V) 질의 길이는 순위에 영향이 없음
        rows = np.arange(q.shape[0])[:, None]
        scores[rows, q] = -np.inf
        answers[start : start + chunk] = np.argmax(scores, axis=1)
    return answers


def evaluate_analogies(words, vectors, path, case_insensitive: bool = True) -> AnalogyScore:
    """유추 평가 (a : b :: c : d, 3CosAdd). 네 단어가 모두 어휘에 있는 문제만 풉니다.

    Parameters
    ----------
    words : (V,) 단어 목록
    vectors : (V, d) 단어 벡터
    path : 자료 파일 (예: ``sgns.data.analogies_path()``)
    case_insensitive : bool, 대소문자를 무시할지

    Returns
    -------
    AnalogyScore(accuracy, coverage, n_correct, n_covered, n_total, note, sections)

    Raises
    ------
    ValueError : 자료 파일의 형식이 틀렸을 때 (줄 번호와 함께), 네 단어가 모두 어휘에 있는 문제가 하나도 없을 때
    """
    words, vectors = _check_words_vectors(words, vectors)
    case_insensitive = as_bool("case_insensitive", case_insensitive)
    questions = read_analogies(path)
    index = _case_insensitive_index(words) if case_insensitive else {w: i for i, w in enumerate(words)}
    covered, sections = [], []
    for section, *quad in questions:
        keys = [w.upper() for w in quad] if case_insensitive else quad
        if all(k in index for k in keys):
            covered.append([index[k] for k in keys])
            sections.append(section)
    n_covered = len(covered)
    if n_covered == 0:
        raise ValueError(
            f"`path`={str(path)!r} 의 유추 문제 {len(questions)}개 가운데 네 단어가 모두 어휘 (`words`, "
            f"{len(words):,}개) 에 있는 문제가 없어 정확도를 계산할 수 없습니다."
        )
    per_section: dict[str, tuple[int, int]] = {}
    n_correct = 0
    if n_covered:
        quads = np.array(covered, dtype=np.int64)
        correct = solve_analogies(normalize_rows(vectors), quads[:, :3]) == quads[:, 3]
        n_correct = int(correct.sum())
        for section, ok in zip(sections, correct, strict=True):
            right, total = per_section.get(section, (0, 0))
            per_section[section] = (right + int(ok), total + 1)
    return AnalogyScore(
        accuracy=n_correct / n_covered,
        coverage=n_covered / len(questions),
        n_correct=n_correct,
        n_covered=n_covered,
        n_total=len(questions),
        sections=per_section,
    )
