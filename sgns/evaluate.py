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

결과는 데이터클래스 (``WordPairScore``, ``AnalogyScore``) 입니다. ``score.spearman`` 처럼 읽고,
이전 스크립트를 위해 ``score["spearman"]`` 처럼 이름으로도 읽을 수 있습니다.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np

from sgns._validate import as_float_array, as_float_in_range, as_generator, as_positive_int, describe

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
]


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
    words = list(words)
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
    query = np.asarray(query, dtype=np.float64)
    norm = np.linalg.norm(query)
    scores = unit @ (query / norm if norm > 0 else query)
    exclude = list(exclude)
    if exclude:
        scores[exclude] = -np.inf
    topn = min(topn, scores.shape[0] - len(set(exclude)))
    if topn <= 0:
        return []
    best = np.argpartition(-scores, topn - 1)[:topn]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(int(i), float(scores[i])) for i in best]


def read_word_pairs(path) -> list[tuple[str, str, float]]:
    """단어 쌍 유사도 자료를 읽습니다: 한 줄에 ``word1<TAB>word2<TAB>점수``, ``#`` 으로 시작하면 주석.

    형식이 맞지 않는 줄은 gensim 처럼 건너뜁니다.
    """
    pairs = []
    with open(_check_path(path), encoding="utf8") as fin:
        for line in fin:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            try:
                score = float(parts[2])
            except ValueError:
                continue
            pairs.append((parts[0].strip(), parts[1].strip(), score))
    return pairs


def read_analogies(path) -> list[tuple[str, str, str, str, str]]:
    """유추 문제 자료 (questions-words.txt 형식): ``: 절 이름`` 줄 다음에 ``a b c d`` 줄들.

    Returns
    -------
    [(section, a, b, c, d), ...]
    """
    questions = []
    section = ""
    with open(_check_path(path), encoding="utf8") as fin:
        for line in fin:
            if line.startswith(":"):
                section = line[1:].strip()
                continue
            parts = line.split()
            if len(parts) == 4:
                questions.append((section, *parts))
    return questions


def _check_path(path) -> Path:
    if not isinstance(path, (str, Path)):
        raise TypeError(f"`path`는 파일 경로(str 또는 Path)여야 합니다. 받은 값: {describe(path)}")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"`path`={str(path)!r}: 그런 파일이 없습니다.")
    return path


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
    """피어슨 상관계수. 값이 2개 미만이거나 한쪽이 모두 같은 값이면 정의되지 않아 nan.

    Parameters
    ----------
    x, y : (n,) 실수 (NaN·inf 불가, 같은 길이)
    """
    x = as_float_array("x", x, ndim=1).astype(np.float64, copy=False)
    y = as_float_array("y", y, shape=x.shape).astype(np.float64, copy=False)
    if x.size < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return float("nan")
    dx, dy = x - x.mean(), y - y.mean()
    r = float((dx @ dy) / np.sqrt((dx @ dx) * (dy @ dy)))
    return min(1.0, max(-1.0, r))


def spearman(x, y) -> float:
    """Spearman 순위 상관계수 ρ: 평균 순위의 피어슨 상관. 정의되지 않으면 nan (``pearson`` 참고)."""
    x = as_float_array("x", x, ndim=1)
    y = as_float_array("y", y, shape=x.shape)
    return pearson(_average_ranks(x), _average_ranks(y))


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
        """value 가 구간 안에 있는지 (양 끝 포함)."""
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


class _ReadableByName:
    """데이터클래스를 ``result["name"]`` 으로도 읽게 합니다 (예전에 dict 를 받던 스크립트용)."""

    def __getitem__(self, name: str):
        if name not in {f.name for f in fields(self)}:
            raise KeyError(f"{type(self).__name__} 에 {name!r} 항목이 없습니다.")
        return getattr(self, name)


@dataclass(frozen=True)
class WordPairScore(_ReadableByName):
    """단어 쌍 유사도 평가의 결과.

    spearman, pearson : float, 어휘에 두 단어가 모두 있는 쌍(covered)만으로 계산. 쌍이 2 개 미만이면 nan
    coverage : float, n_covered / n_total (0~1 비율)
    n_covered, n_total : int
    pairs : (n_covered,) 평가한 쌍 (단어 a, 단어 b) 들, 파일의 순서대로 (두 모델을 같은 쌍에서 비교할 때 씀)
    gold : (n_covered,) 사람이 매긴 점수
    cosines : (n_covered,) 모델의 코사인 유사도
    """

    spearman: float
    pearson: float
    coverage: float
    n_covered: int
    n_total: int
    pairs: tuple = ()
    gold: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False, compare=False)
    cosines: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False, compare=False)


@dataclass(frozen=True)
class AnalogyScore(_ReadableByName):
    """유추 평가의 결과.

    accuracy : float, n_correct / n_covered (푼 문제가 없으면 nan)
    coverage : float, n_covered / n_total
    n_correct, n_covered, n_total : int
    sections : dict, 절 이름 -> (n_correct, n_covered)
    """

    accuracy: float
    coverage: float
    n_correct: int
    n_covered: int
    n_total: int
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
    WordPairScore(spearman, pearson, coverage, n_covered, n_total)
    """
    words, vectors = _check_words_vectors(words, vectors)
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
    return WordPairScore(
        spearman=spearman(gold_arr, model_arr),
        pearson=pearson(gold_arr, model_arr),
        coverage=len(gold) / len(pairs) if pairs else 0.0,
        n_covered=len(gold),
        n_total=len(pairs),
        pairs=tuple(covered),
        gold=gold_arr,
        cosines=model_arr,
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
    n_resamples = as_positive_int("n_resamples", n_resamples, minimum=100)
    level = _check_level(level)
    rng = as_generator("seed", seed)
    position_b = {pair: i for i, pair in enumerate(score_b.pairs)}
    common = [(i, position_b[pair]) for i, pair in enumerate(score_a.pairs) if pair in position_b]
    if len(common) < 4:
        raise ValueError(
            f"두 결과에 공통으로 평가한 쌍이 {len(common)}개뿐입니다. 4개 이상이어야 비교할 수 있습니다 "
            "(같은 평가 파일로 잰 결과인지 확인하세요)."
        )
    ia, ib = (np.array(idx) for idx in zip(*common, strict=True))
    gold, cos_a, cos_b = score_a.gold[ia], score_a.cosines[ia], score_b.cosines[ib]
    difference = spearman(gold, cos_a) - spearman(gold, cos_b)
    n = len(common)
    draws = np.empty(n_resamples)
    for r in range(n_resamples):
        take = rng.integers(0, n, size=n)
        draws[r] = spearman(gold[take], cos_a[take]) - spearman(gold[take], cos_b[take])
    draws = draws[np.isfinite(draws)]  # 모든 값이 같은 표본 (순위가 정의되지 않음) 은 버림
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
    questions = np.asarray(questions, dtype=np.int64).reshape(-1, 3)
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
    AnalogyScore(accuracy, coverage, n_correct, n_covered, n_total, sections)
    """
    words, vectors = _check_words_vectors(words, vectors)
    questions = read_analogies(path)
    index = _case_insensitive_index(words) if case_insensitive else {w: i for i, w in enumerate(words)}
    covered, sections = [], []
    for section, *quad in questions:
        keys = [w.upper() for w in quad] if case_insensitive else quad
        if all(k in index for k in keys):
            covered.append([index[k] for k in keys])
            sections.append(section)
    n_covered = len(covered)
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
        accuracy=n_correct / n_covered if n_covered else float("nan"),
        coverage=n_covered / len(questions) if questions else 0.0,
        n_correct=n_correct,
        n_covered=n_covered,
        n_total=len(questions),
        sections=per_section,
    )
