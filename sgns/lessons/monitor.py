"""3장 (작동 원리) 의 도우미: 쌍별 확률 σ(u·v), 고정된 감시 쌍, 에폭별 기록, 무리 이웃 정확도, K 비교.

네거티브 샘플링은 이진 분류기입니다. 중심 단어 c 와 단어 w 의 쌍에 대해 모델이 말하는
"이 쌍이 실제로 함께 나온 쌍(D=1)일 확률" 은 P(D=1 | c, w) = σ(u_w·v_c) 입니다.
학습이 잘 되면 긍정 쌍의 σ(u_o·v_c) 는 1 쪽으로, 부정 쌍의 σ(u_k·v_c) 는 0 쪽으로 갑니다.
이 모듈은 그것을 재는 도구를 모아 둡니다.

- ``pair_probabilities(model, centers, contexts)`` : 쌍마다 σ(u_o·v_c)
- ``draw_monitor_pairs(sentences, vocab, ...)`` : 감시용으로 고정한 긍정 쌍과 부정 쌍
- ``ProbabilityMonitor`` : ``sgns.train(..., callbacks=[monitor])`` 에 넣어 에폭마다 평균 σ 를 기록
- ``separation(model, pairs)`` : 학습 후 긍정 쌍과 부정 쌍의 σ 가 얼마나 갈렸는지 (평균, 중앙값, 순위)
- ``group_neighbor_accuracy(model, groups)`` : 가장 가까운 이웃 중 같은 무리 단어의 비율
- ``sweep_negative(sentences, groups, k_values, ...)`` : 네거티브 샘플 수 K 만 바꿔 학습하고 품질·시간·쌍 수를 비교
- ``summarize_sweeps(runs)`` : 여러 seed 로 되풀이한 비교를 K 마다 평균과 범위(최솟값-최댓값)로 요약
- ``cooccurrence_counts(sentences, vocab, center, words)`` : 중심 단어 옆에 각 단어가 실제로 나온 횟수
  (4장의 공기 행렬 ``sgns.lessons.optimum.cooccurrence_matrix`` 의 한 행)
- ``sigmoid_symmetry_gap(x)`` : max |σ(-x) - (1 - σ(x))| (부정 쌍 항의 부호를 설명할 때 씀)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from sgns._validate import as_float_array, as_index_array, as_positive_int, describe
from sgns.corpus import Vocabulary, encode_corpus, skipgram_pair_arrays
from sgns.functions import sigmoid
from sgns.lessons.optimum import cooccurrence_matrix
from sgns.sampling import NegativeSampler
from sgns.trainer import train

__all__ = [
    "pair_probabilities",
    "MonitorPairs",
    "draw_monitor_pairs",
    "ProbabilityMonitor",
    "Separation",
    "separation",
    "group_neighbor_accuracy",
    "SweepResult",
    "sweep_negative",
    "SweepSummary",
    "summarize_sweeps",
    "cooccurrence_counts",
    "sigmoid_symmetry_gap",
]


# ---------------------------------------------------------------------------
# 쌍별 확률
# ---------------------------------------------------------------------------


def _check_model(model) -> None:
    for name in ("center_vectors", "outside_vectors", "words"):
        if not hasattr(model, name):
            raise TypeError(
                f"`model`에 `{name}`이(가) 없습니다. sgns.train 이 돌려준 모델을 넣어 주세요. "
                f"받은 값: {describe(model)}"
            )


def _as_word_indices(model, name: str, value) -> np.ndarray:
    """단어(문자열) 목록이나 정수 인덱스 배열을 (n,) int64 인덱스로 바꿉니다."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"`{name}`은(는) 단어 하나가 아니라 목록이어야 합니다 (예: [{value!r}]).")
    items = list(value) if not isinstance(value, np.ndarray) else value
    if len(items) > 0 and all(isinstance(w, str) for w in items):
        return np.array([model.index(w, name) for w in items], dtype=np.int64)
    return as_index_array(name, items, len(model.words), ndim=1)


def pair_probabilities(model, centers, contexts) -> np.ndarray:
    """쌍마다 모델이 말하는 "함께 나온 쌍일 확률" P(D=1 | c, o) = σ(u_o·v_c).

    Parameters
    ----------
    model : sgns.train 의 결과 (center_vectors (V, d) 가 v, outside_vectors (V, d) 가 u)
    centers : (n,) 중심 단어 c 의 인덱스 (정수) 또는 단어 (문자열) 목록
    contexts : (n,) 주변 단어(또는 네거티브 샘플) 의 인덱스 또는 단어 목록, centers 와 같은 길이

    Returns
    -------
    probs : (n,) float64, 각 쌍의 σ(u_o·v_c)
    """
    _check_model(model)
    c = _as_word_indices(model, "centers", centers)
    o = _as_word_indices(model, "contexts", contexts)
    if c.shape != o.shape:
        raise ValueError(f"`centers`의 길이 {c.shape[0]} 와 `contexts`의 길이 {o.shape[0]} 가 같아야 합니다.")
    v = np.asarray(model.center_vectors, dtype=np.float64)[c]  # (n, d)
    u = np.asarray(model.outside_vectors, dtype=np.float64)[o]  # (n, d)
    scores = np.einsum("nd,nd->n", u, v)  # u_o·v_c
    return np.asarray(sigmoid(scores), dtype=np.float64).reshape(c.shape)


# ---------------------------------------------------------------------------
# 감시용 쌍과 에폭별 기록
# ---------------------------------------------------------------------------


@dataclass
class MonitorPairs:
    """학습 내내 같은 쌍을 지켜보려고 고정해 둔 긍정 쌍과 부정 쌍.

    words : list[str], 인덱스가 가리키는 어휘 (모델의 어휘와 같아야 함)
    centers : (n,) int64, 중심 단어 c
    true_contexts : (n,) int64, 말뭉치에서 c 의 윈도우 안에 실제로 나온 주변 단어 o (긍정 쌍 (c, o))
    noise_contexts : (n,) int64, 잡음 분포 P_n(w) 에서 뽑은 네거티브 샘플 w_k (부정 쌍 (c, w_k))
    """

    words: list[str]
    centers: np.ndarray
    true_contexts: np.ndarray
    noise_contexts: np.ndarray

    def __len__(self) -> int:
        return int(self.centers.shape[0])


def draw_monitor_pairs(
    sentences, vocab: Vocabulary, n_pairs: int = 2000, window: int = 5, power: float = 0.75, seed: int = 0
) -> MonitorPairs:
    """말뭉치에서 긍정 쌍 n_pairs 개를 무작위로 고르고, 같은 중심 단어마다 네거티브 샘플을 하나씩 뽑습니다.

    긍정 쌍은 윈도우 크기 window 안의 모든 (중심, 주변) 쌍 가운데서 (중복 없이) 고릅니다.
    네거티브 샘플은 학습과 같은 잡음 분포 P_n(w) ∝ f(w)^power 에서 뽑으며, 학습기처럼 그 쌍의 정답
    주변 단어와 같으면 다시 뽑습니다. 잡음 분포는 말뭉치 전체에서 뽑으므로, 드물게는 (c, w_k) 가 다른
    자리에서 실제로 함께 나온 쌍일 수도 있습니다 (학습 때의 부정 쌍도 마찬가지입니다).

    Parameters
    ----------
    sentences : 토큰 리스트들의 리스트 (학습에 쓰는 것과 같은 말뭉치)
    vocab : Vocabulary, 모델과 같은 어휘 (``build_vocab(sentences, min_count=...)``; 학습과 같은 min_count)
    n_pairs : int, 고를 긍정 쌍 수 (말뭉치의 쌍보다 많으면 있는 만큼)
    window : int, 윈도우 크기 m
    power : float, 잡음 분포의 지수 (기본 0.75)
    seed : int, 난수 seed (같으면 같은 쌍)

    Returns
    -------
    MonitorPairs (centers, true_contexts, noise_contexts 는 모두 (n,) int64)
    """
    if not isinstance(vocab, Vocabulary):
        raise TypeError(f"`vocab`은 Vocabulary 여야 합니다 (build_vocab 으로 만드세요). 받은 값: {describe(vocab)}")
    n_pairs = as_positive_int("n_pairs", n_pairs)
    window = as_positive_int("window", window)
    seed = as_positive_int("seed", seed, minimum=0)
    if len(vocab) < 2:
        raise ValueError("어휘에 단어가 2개 이상 있어야 부정 쌍을 만들 수 있습니다.")
    ids, sentence_ids = encode_corpus(sentences, vocab)
    centers, contexts = skipgram_pair_arrays(ids, sentence_ids, window)
    if centers.size == 0:
        raise ValueError("`sentences`에서 (중심, 주변) 쌍을 하나도 만들 수 없습니다. 문장을 더 넣어 주세요.")
    rng = np.random.default_rng(seed)
    pick = rng.choice(centers.size, size=min(n_pairs, centers.size), replace=False)
    pick.sort()
    centers = centers[pick].astype(np.int64)
    contexts = contexts[pick].astype(np.int64)
    sampler = NegativeSampler(vocab.counts, power=power, seed=rng)
    noise = sampler.sample(centers.shape[0])
    clash = noise == contexts
    while clash.any():  # 정답 주변 단어와 같으면 다시 뽑기 (학습기도 그런 샘플은 쓰지 않음)
        noise[clash] = sampler.sample(int(clash.sum()))
        clash = noise == contexts
    return MonitorPairs(list(vocab.words), centers, contexts, noise)


@dataclass
class ProbabilityMonitor:
    """``sgns.train(..., callbacks=[monitor])`` 에 넣는 기록기: 에폭이 끝날 때마다 평균 σ 를 적어 둡니다.

    pairs : MonitorPairs
    epochs : list[int], 기록한 에폭 (1 부터)
    true_mean : list[float], 긍정 쌍의 평균 σ(u_o·v_c)
    noise_mean : list[float], 부정 쌍의 평균 σ(u_k·v_c)
    """

    pairs: MonitorPairs
    epochs: list[int] = field(default_factory=list)
    true_mean: list[float] = field(default_factory=list)
    noise_mean: list[float] = field(default_factory=list)

    def __post_init__(self):
        if not isinstance(self.pairs, MonitorPairs):
            raise TypeError(f"`pairs`는 draw_monitor_pairs 의 결과여야 합니다. 받은 값: {describe(self.pairs)}")

    def __call__(self, model, epoch: int) -> None:
        _check_model(model)
        if list(model.words) != self.pairs.words:
            raise ValueError(
                "모델의 어휘가 감시 쌍을 뽑을 때의 어휘와 다릅니다. "
                "draw_monitor_pairs 에 학습과 같은 말뭉치와 min_count 로 만든 어휘를 넣어 주세요."
            )
        p = self.pairs
        self.epochs.append(int(epoch))
        self.true_mean.append(float(pair_probabilities(model, p.centers, p.true_contexts).mean()))
        self.noise_mean.append(float(pair_probabilities(model, p.centers, p.noise_contexts).mean()))


@dataclass
class Separation:
    """긍정 쌍과 부정 쌍의 σ(u·v) 가 얼마나 갈렸는지.

    true_mean, noise_mean : float, 평균 σ
    true_median, noise_median : float, 중앙값 σ
    ranking : float, 같은 중심 단어의 (긍정 쌍, 부정 쌍) 짝 가운데 σ(긍정) > σ(부정) 인 비율
        (0.5 면 구별 못 함, 1 이면 항상 긍정 쌍을 더 높게 봄)
    """

    true_mean: float
    noise_mean: float
    true_median: float
    noise_median: float
    ranking: float


def separation(model, pairs: MonitorPairs) -> Separation:
    """감시 쌍에서 긍정 쌍과 부정 쌍의 σ(u·v) 를 요약합니다.

    Parameters
    ----------
    model : sgns.train 의 결과
    pairs : MonitorPairs (draw_monitor_pairs 의 결과, 모델과 같은 어휘)

    Returns
    -------
    Separation
    """
    if not isinstance(pairs, MonitorPairs):
        raise TypeError(f"`pairs`는 draw_monitor_pairs 의 결과여야 합니다. 받은 값: {describe(pairs)}")
    _check_model(model)
    if list(model.words) != pairs.words:
        raise ValueError("모델의 어휘가 감시 쌍을 뽑을 때의 어휘와 다릅니다.")
    p_true = pair_probabilities(model, pairs.centers, pairs.true_contexts)
    p_noise = pair_probabilities(model, pairs.centers, pairs.noise_contexts)
    return Separation(
        float(p_true.mean()),
        float(p_noise.mean()),
        float(np.median(p_true)),
        float(np.median(p_noise)),
        float(np.mean(p_true > p_noise)),
    )


# ---------------------------------------------------------------------------
# 품질: 무리 이웃 정확도
# ---------------------------------------------------------------------------


def group_neighbor_accuracy(model, groups: Mapping[str, Sequence[str]], topn: int | None = None) -> float:
    """심어 둔 무리(같은 문맥에 나오는 단어들) 가 벡터 공간에서 모였는지: 이웃 중 같은 무리 단어의 비율.

    무리의 단어 w 마다 중심 단어 벡터 v 의 코사인 유사도로 가장 가까운 topn 개 이웃(자기 제외, 어휘 전체에서)
    을 찾고, 그중 같은 무리 단어의 비율을 구해 모든 단어에 대해 평균합니다. 어휘에 없는 단어는 건너뜁니다.

    Parameters
    ----------
    model : sgns.train 의 결과 (most_similar 가 있는 모델; WordVectors 도 됨)
    groups : dict, 무리 이름 -> 단어 목록 (예: ``synthetic_corpus().groups``)
    topn : int 또는 None. None 이면 무리마다 (어휘에 있는 무리 단어 수 - 1) 개 (완벽하면 1.0)

    Returns
    -------
    accuracy : float, 0 이상 1 이하
    """
    if not hasattr(model, "most_similar"):
        raise TypeError(
            f"`model`에 most_similar 가 없습니다. sgns.train 의 결과를 넣어 주세요. 받은 값: {describe(model)}"
        )
    if not isinstance(groups, Mapping) or not groups:
        raise TypeError(
            f"`groups`는 비어 있지 않은 dict (무리 이름 -> 단어 목록) 여야 합니다. 받은 값: {describe(groups)}"
        )
    if topn is not None:
        topn = as_positive_int("topn", topn)
    scores = []
    for name, words in groups.items():
        if isinstance(words, str):
            raise TypeError(f"`groups[{name!r}]`는 단어 목록이어야 합니다. 받은 값: {words!r}")
        present = [w for w in words if w in model]
        n = topn if topn is not None else len(present) - 1
        if n < 1:
            continue
        members = set(present)
        for w in present:
            neighbors = [x for x, _ in model.most_similar(w, topn=n)]
            scores.append(sum(x in members for x in neighbors) / n)
    if not scores:
        raise ValueError("`groups`의 단어가 어휘에 (무리마다 2개 이상) 없어 정확도를 잴 수 없습니다.")
    return float(np.mean(scores))


# ---------------------------------------------------------------------------
# K 비교
# ---------------------------------------------------------------------------


@dataclass
class SweepResult:
    """``sweep_negative`` 의 한 줄: 네거티브 샘플 수 K 하나로 학습한 결과.

    negative : int, 네거티브 샘플 수 K
    accuracy : float, group_neighbor_accuracy
    seconds : float, 학습 시간 (에폭 합, 어휘 만들기 제외)
    final_loss : float, 마지막 에폭의 쌍 하나당 평균 손실 (K 가 다르면 항의 개수가 달라 직접 비교하지 않음)
    pairs_trained : int, 모든 에폭에서 학습한 (중심 단어, 주변 단어) 쌍의 수 (= SGD 로 본 긍정 쌍의 수)
    true_mean, noise_mean : float 또는 None, 감시 쌍(pairs)을 주었을 때 학습 후 긍정 쌍·부정 쌍의 평균 σ(u·v)
    """

    negative: int
    accuracy: float
    seconds: float
    final_loss: float
    pairs_trained: int
    true_mean: float | None = None
    noise_mean: float | None = None


def sweep_negative(sentences, groups, k_values, pairs: MonitorPairs | None = None, **train_params) -> list[SweepResult]:
    """K (negative) 만 바꿔 가며 같은 말뭉치·같은 seed 로 학습하고 품질과 시간을 잽니다.

    Parameters
    ----------
    sentences : 토큰 리스트들의 리스트
    groups : dict, 무리 이름 -> 단어 목록 (group_neighbor_accuracy 에 씀)
    k_values : 1 이상의 정수 목록 (네거티브 샘플 수 K 의 값들)
    pairs : MonitorPairs 또는 None. 주면 학습 후 긍정 쌍·부정 쌍의 평균 σ(u·v) 도 잽니다
    **train_params : sgns.train 에 넘길 나머지 매개변수 (negative 는 넣지 마세요)

    Returns
    -------
    list[SweepResult], k_values 순서대로
    """
    if "negative" in train_params:
        raise TypeError("`negative`는 k_values 로 정합니다. train_params 에서 빼 주세요.")
    if isinstance(k_values, (str, bytes)) or not isinstance(k_values, Sequence) or len(k_values) == 0:
        raise TypeError(f"`k_values`는 1 이상의 정수 목록이어야 합니다 (예: [1, 5, 20]). 받은 값: {describe(k_values)}")
    ks = [as_positive_int("k_values 의 원소", k) for k in k_values]
    if pairs is not None and not isinstance(pairs, MonitorPairs):
        raise TypeError(f"`pairs`는 draw_monitor_pairs 의 결과나 None 이어야 합니다. 받은 값: {describe(pairs)}")
    train_params.setdefault("progress", False)
    results = []
    for k in ks:
        model = train(sentences, negative=k, **train_params)
        result = SweepResult(
            k,
            group_neighbor_accuracy(model, groups),
            float(model.train_seconds),
            float(model.loss_history[-1]),
            int(model.pairs_trained),
        )
        if pairs is not None:
            monitor = ProbabilityMonitor(pairs)
            monitor(model, model.params.epochs)
            result.true_mean, result.noise_mean = monitor.true_mean[-1], monitor.noise_mean[-1]
        results.append(result)
    return results


@dataclass(frozen=True)
class SweepSummary:
    """여러 seed 로 되풀이한 ``sweep_negative`` 를 K 하나에 대해 요약한 한 줄.

    negative : int, 네거티브 샘플 수 K
    accuracy : float, seed 들의 무리 이웃 정확도 평균
    accuracy_min, accuracy_max : float, seed 들 가운데 가장 낮은·높은 정확도 (seed 에 따른 흔들림의 폭)
    pairs_trained : float, seed 들이 학습한 (중심 단어, 주변 단어) 쌍 수의 평균
    seconds : float, seed 들의 학습 시간 평균 (초)
    true_mean, noise_mean : float 또는 None, 감시 쌍의 평균 σ(u·v) 의 seed 평균 (감시 쌍을 주지 않았으면 None)
    n_seeds : int, 되풀이한 횟수
    """

    negative: int
    accuracy: float
    accuracy_min: float
    accuracy_max: float
    pairs_trained: float
    seconds: float
    true_mean: float | None
    noise_mean: float | None
    n_seeds: int


def summarize_sweeps(runs) -> list[SweepSummary]:
    """seed 마다 한 번씩 돌린 ``sweep_negative`` 결과들을 K 마다 평균과 범위로 요약합니다.

    Parameters
    ----------
    runs : seed 마다 ``sweep_negative`` 의 결과 (list[SweepResult]) 를 모은 목록 (1개 이상).
        모든 결과가 같은 K 들을 같은 순서로 가져야 합니다.

    Returns
    -------
    list[SweepSummary], K 의 순서는 runs[0] 과 같음
    """
    if isinstance(runs, (str, bytes)) or not isinstance(runs, Sequence) or len(runs) == 0:
        raise TypeError(f"`runs`는 sweep_negative 결과들의 목록(1개 이상)이어야 합니다. 받은 값: {describe(runs)}")
    for i, run in enumerate(runs):
        if isinstance(run, (str, bytes)) or not isinstance(run, Sequence) or len(run) == 0:
            raise TypeError(f"`runs[{i}]`는 sweep_negative 의 결과(목록)여야 합니다. 받은 값: {describe(run)}")
        if not all(isinstance(r, SweepResult) for r in run):
            raise TypeError(f"`runs[{i}]`의 원소는 모두 SweepResult 여야 합니다 (sweep_negative 의 결과).")
    ks = [r.negative for r in runs[0]]
    for i, run in enumerate(runs):
        if [r.negative for r in run] != ks:
            raise ValueError(f"`runs[{i}]`의 K 들 {[r.negative for r in run]} 이 runs[0] 의 K 들 {ks} 와 다릅니다.")
    summaries = []
    for j, k in enumerate(ks):
        rows = [run[j] for run in runs]
        accuracy = np.array([r.accuracy for r in rows])
        watched = all(r.true_mean is not None for r in rows)
        summaries.append(
            SweepSummary(
                negative=k,
                accuracy=float(accuracy.mean()),
                accuracy_min=float(accuracy.min()),
                accuracy_max=float(accuracy.max()),
                pairs_trained=float(np.mean([r.pairs_trained for r in rows])),
                seconds=float(np.mean([r.seconds for r in rows])),
                true_mean=float(np.mean([r.true_mean for r in rows])) if watched else None,
                noise_mean=float(np.mean([r.noise_mean for r in rows])) if watched else None,
                n_seeds=len(rows),
            )
        )
    return summaries


# ---------------------------------------------------------------------------
# 실제로 함께 나온 횟수
# ---------------------------------------------------------------------------


def cooccurrence_counts(sentences, vocab: Vocabulary, center: str, words, window: int = 5) -> np.ndarray:
    """중심 단어 center 의 윈도우(크기 window) 안에 각 단어 w 가 실제로 나온 횟수 #(center, w).

    학습이 보는 것과 같은 (중심 단어, 주변 단어) 쌍(``skipgram_pair_arrays``, 윈도우 줄이기 없음)을
    공기 행렬 (``sgns.lessons.optimum.cooccurrence_matrix``, 밀집 (V, V)) 로 센 뒤 center 행의 words 열을 고릅니다.

    Parameters
    ----------
    sentences : 토큰 리스트들의 리스트
    vocab : Vocabulary (``build_vocab(sentences, min_count=...)``; 어휘에 없는 토큰은 빼고 셈)
    center : str, 중심 단어 c (어휘에 있어야 함)
    words : 단어(문자열) 목록 (n 개, 모두 어휘에 있어야 함)
    window : int, 윈도우 크기 m

    Returns
    -------
    counts : (n,) int64, counts[i] = #(center, words[i])
    """
    if not isinstance(vocab, Vocabulary):
        raise TypeError(f"`vocab`은 Vocabulary 여야 합니다 (build_vocab 으로 만드세요). 받은 값: {describe(vocab)}")
    if not isinstance(center, str):
        raise TypeError(f"`center`는 단어 하나(문자열)여야 합니다. 받은 값: {describe(center)}")
    if isinstance(words, (str, bytes)) or not all(isinstance(w, str) for w in words):
        raise TypeError(f"`words`는 단어(문자열) 목록이어야 합니다 (예: [{words!r}]). 받은 값: {describe(words)}")
    window = as_positive_int("window", window)
    c = vocab.id(center, "center")
    targets = np.array([vocab.id(w, "words") for w in words], dtype=np.int64)
    ids, sentence_ids = encode_corpus(sentences, vocab)
    cooc = cooccurrence_matrix(*skipgram_pair_arrays(ids, sentence_ids, window), len(vocab))
    return cooc[c, targets].astype(np.int64)


# ---------------------------------------------------------------------------
# 부정 쌍 항의 부호
# ---------------------------------------------------------------------------


def sigmoid_symmetry_gap(x) -> float:
    """max |σ(-x) - (1 - σ(x))| : σ(-x) = 1 - σ(x) 가 수치적으로도 성립하는지 (반올림 오차 크기).

    그래서 부정 쌍이 "가짜일 확률" P(D=0 | c, k) = 1 - σ(u_k·v_c) 를 σ(-u_k·v_c) 로 쓸 수 있습니다.

    Parameters
    ----------
    x : (...) 실수 배열 (NaN·inf 불가, 원소 1개 이상)

    Returns
    -------
    gap : float, 0 이상 (float64 에서 1e-16 정도)
    """
    arr = as_float_array("x", x)
    if arr.size == 0:
        raise ValueError("`x`에 원소가 하나 이상 있어야 합니다.")
    return float(np.max(np.abs(sigmoid(-arr) - (1.0 - sigmoid(arr)))))
