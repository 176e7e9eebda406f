"""2장 (Naive Softmax의 문제점) 의 도우미: 갱신 한 번의 계산량 세기와 시간 재기.

**세기** (기계와 상관없이 결정적): 내적 u_w·v_c 를 몇 번 하는가.

- ``dot_products_per_update`` : 쌍 하나를 갱신할 때의 내적 수 (naive softmax: V, 네거티브 샘플링: k + 1)
- ``update_speedup`` : 그 비 V / (k + 1)
- ``hierarchical_softmax_dot_products`` : 계층적 소프트맥스가 균형 이진 트리에서 쓰는 내적 수 ⌈log2 V⌉
- ``huffman_code_lengths`` : word2vec 의 허프만 트리에서 단어마다의 경로 길이 (= 그 단어를 맞힐 때의 내적 수)
- ``context_predictions``, ``softmax_corpus_operations`` : 말뭉치 전체 (T · 2m 쌍, T · 2m · V 번)
- ``korean_number`` : 큰 수를 한국어 단위로 (2e14 -> '200조')
- ``touched_row_mask``, ``count_rows_touched``, ``row_grid`` : 기울기 ∂J/∂U 가 건드리는 행 (와 그 그림)

**재기** (기계마다 다름; 노트북은 비교에서 빼고 요약만 봅니다):

- ``time_per_call`` : 함수 한 번의 시간 (timeit 처럼 반복 횟수를 늘려 재고 중앙값)
- ``compare_update_costs`` : 어휘 크기 V 마다 naive softmax 한 번과 네거티브 샘플링 한 번의 갱신 시간
  (``UpdateCost`` 목록), ``summarize_update_costs`` : 그 요약 (``UpdateCostSummary``)

naive softmax 한 번의 갱신은 U 의 V 개 행을 모두 건드리고, 네거티브 샘플링은 k+1 개만 건드립니다.
그래서 이상적인 속도 비는 V / (k+1) 입니다. 실제 비는 그보다 작습니다: 네거티브 샘플링 한 번은
계산이 너무 작아서 numpy 함수 호출 자체의 고정 비용(수 µs)이 대부분을 차지하기 때문입니다.

시간을 잴 때는 BLAS 스레드를 1개로 묶습니다 (threadpoolctl). 코어 2개짜리 기계가 바쁠 때 여러 스레드로
돌리면 큰 행렬 곱의 시간이 크게 출렁여서 비교가 흐려지기 때문입니다.
"""

from __future__ import annotations

import heapq
import statistics
import time
from dataclasses import dataclass

import numpy as np

from sgns._validate import (
    as_callable,
    as_counts,
    as_float_array,
    as_list,
    as_positive_float,
    as_positive_int,
    check_memory,
    describe,
)
from sgns.neg_sampling import neg_sampling_sparse_gradient
from sgns.softmax_loss import naive_softmax_loss_and_gradient

__all__ = [
    "dot_products_per_update",
    "update_speedup",
    "hierarchical_softmax_dot_products",
    "huffman_code_lengths",
    "context_predictions",
    "softmax_corpus_operations",
    "korean_number",
    "touched_row_mask",
    "count_rows_touched",
    "row_grid",
    "time_per_call",
    "UpdateCost",
    "compare_update_costs",
    "UpdateCostSummary",
    "summarize_update_costs",
]


# ---------------------------------------------------------------------------
# 세기
# ---------------------------------------------------------------------------


def dot_products_per_update(vocab_size: int, negative: int | None = None) -> int:
    """(중심 단어, 주변 단어) 쌍 하나를 갱신할 때 필요한 내적 u_w·v_c 의 수.

    Parameters
    ----------
    vocab_size : int, 어휘 크기 V
    negative : int 또는 None, 네거티브 샘플 수 k. None 이면 naive softmax (V 개 모두).

    Returns
    -------
    int : naive softmax 는 V, 네거티브 샘플링은 k + 1 (긍정 1개 + 부정 k개)
    """
    vocab_size = as_positive_int("vocab_size", vocab_size)
    if negative is None:
        return vocab_size
    return as_positive_int("negative", negative) + 1


def context_predictions(num_tokens: int, window: int) -> int:
    """말뭉치 전체에서 예측해야 하는 (중심, 주변) 쌍의 최대 수: 위치마다 2m 개.

    Parameters
    ----------
    num_tokens : int, 말뭉치의 단어 수 T
    window : int, 윈도우 크기 m (한쪽 방향)

    Returns
    -------
    int : T * 2m (문장 양끝에서는 실제로 조금 적음 — 원문처럼 '최대' 개수)
    """
    num_tokens = as_positive_int("num_tokens", num_tokens)
    window = as_positive_int("window", window)
    return num_tokens * 2 * window


def softmax_corpus_operations(num_tokens: int, window: int, vocab_size: int) -> int:
    """naive softmax 로 말뭉치를 한 번 훑을 때의 지수 계산(= 내적) 횟수: T * 2m * V."""
    return context_predictions(num_tokens, window) * dot_products_per_update(vocab_size)


def update_speedup(vocab_size: int, k: int) -> float:
    """갱신 한 번의 내적 수 비: naive softmax 의 V / 네거티브 샘플링의 k + 1.

    Parameters
    ----------
    vocab_size : int >= 1, 어휘 크기 V
    k : int >= 1, 네거티브 샘플 수

    Returns
    -------
    ratio : float, V / (k + 1)
    """
    return dot_products_per_update(vocab_size) / dot_products_per_update(vocab_size, negative=k)


def hierarchical_softmax_dot_products(vocab_size: int) -> int:
    """계층적 소프트맥스가 균형 이진 트리에서 단어 하나를 맞힐 때 쓰는 내적의 최대 수: ⌈log2 V⌉.

    V 개의 단어를 잎으로 하는 이진 트리에서 P(o|c) 는 뿌리에서 o 까지 내려가는 길의 안쪽 마디마다
    σ(±u_n·v_c) 를 곱한 것입니다 (Morin & Bengio 2005). 내적 수는 그 길의 안쪽 마디 수이고, 균형 트리에서
    가장 긴 길이 ⌈log2 V⌉ 입니다 (V = 1 이면 고를 것이 없어 0).

    Parameters
    ----------
    vocab_size : int >= 1, 어휘 크기 V

    Returns
    -------
    int : ⌈log2 V⌉ (정수 연산으로 계산: V = 2^n 이면 정확히 n)
    """
    vocab_size = as_positive_int("vocab_size", vocab_size)
    return (vocab_size - 1).bit_length()


def huffman_code_lengths(counts) -> np.ndarray:
    """단어 빈도로 만든 허프만 트리에서 단어마다 뿌리에서 잎까지의 길이 (word2vec 의 계층적 소프트맥스 트리).

    word2vec 은 계층적 소프트맥스의 트리를 허프만 부호로 만듭니다 (Mikolov et al. 2013): 흔한 단어일수록
    길이 짧아서, 빈도로 가중한 평균 길이 Σ_w p_w · len_w 가 가능한 트리 가운데 가장 짧습니다. 단어 w 를
    맞히는 갱신 한 번의 내적 수가 len_w 입니다. 빈도가 같은 마디는 번호가 작은 것부터 합칩니다 (결정적).

    Parameters
    ----------
    counts : (V,) 단어 빈도 (0 이상, 적어도 하나는 0 보다 큼), V >= 2

    Returns
    -------
    lengths : (V,) int64, 단어 w 의 경로 길이 (안쪽 마디 수, 1 이상). Σ_w 2^(-len_w) = 1 (완전 이진 트리)
    """
    counts = as_counts("counts", counts)
    vocab_size = counts.size
    if vocab_size < 2:
        raise ValueError(
            f"`counts`의 단어가 {vocab_size}개입니다. 트리를 만들려면 단어가 2개 이상 있어야 합니다 (V >= 2)."
        )
    heap = [(float(c), w) for w, c in enumerate(counts)]  # (빈도, 마디 번호); 잎은 0..V-1
    heapq.heapify(heap)
    parent = np.empty(2 * vocab_size - 1, dtype=np.int64)
    next_node = vocab_size
    while len(heap) > 1:  # 가장 드문 두 마디를 합쳐 새 안쪽 마디를 만듭니다
        weight_a, a = heapq.heappop(heap)
        weight_b, b = heapq.heappop(heap)
        parent[a] = parent[b] = next_node
        heapq.heappush(heap, (weight_a + weight_b, next_node))
        next_node += 1
    root = 2 * vocab_size - 2
    depth = np.zeros(2 * vocab_size - 1, dtype=np.int64)
    for node in range(root - 1, -1, -1):  # 부모는 늘 자식보다 번호가 크므로 큰 번호부터
        depth[node] = depth[parent[node]] + 1
    return depth[:vocab_size]


_UNITS = [(10**16, "경"), (10**12, "조"), (10**8, "억"), (10**4, "만")]


def korean_number(value: float) -> str:
    """큰 수를 한국어 단위로 읽기 쉽게: 2e14 -> '200조', 4e9 -> '40억', 50000 -> '5만'.

    가장 큰 단위 하나로, 소수점 아래는 필요할 때만 한 자리까지 씁니다.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"`value`는 수여야 합니다. 받은 값: {describe(value)}")
    if isinstance(value, (int, np.integer)) and abs(value) > 10**300:  # float 로 바꾸면 넘침
        raise ValueError(f"`value` (약 2^{int(value).bit_length()}) 는 너무 큽니다. 10^300 이하의 수를 넣어 주세요.")
    if not np.isfinite(value):
        raise ValueError(f"`value`={value} 는 유한한 수가 아닙니다. 유한한 수를 넣어 주세요.")
    sign = "-" if value < 0 else ""
    value = abs(value)
    for size, name in _UNITS:
        if value >= size:
            scaled = value / size
            text = f"{scaled:,.0f}" if float(scaled).is_integer() else f"{scaled:,.1f}"
            return f"{sign}{text}{name}"
    return f"{sign}{value:,.0f}" if float(value).is_integer() else f"{sign}{value:,.2f}"


def touched_row_mask(grad) -> np.ndarray:
    """기울기 행렬의 행마다 0 이 아닌 값이 하나라도 있는지 (갱신이 그 행을 건드리는지).

    Parameters
    ----------
    grad : (V, d) 기울기 행렬 (예: ∂J/∂U), NaN·inf 불가

    Returns
    -------
    mask : (V,) bool, 행 w 의 기울기가 0 벡터가 아니면 True
    """
    grad = as_float_array("grad", grad, ndim=2)
    return np.any(grad != 0, axis=1)


def count_rows_touched(grad) -> int:
    """기울기 행렬에서 0 이 아닌 값이 하나라도 있는 행의 수 (= ``touched_row_mask(grad).sum()``).

    Parameters
    ----------
    grad : (V, d) 기울기 행렬 (예: ∂J/∂U)

    Returns
    -------
    rows : int
    """
    return int(np.count_nonzero(touched_row_mask(grad)))


def row_grid(mask, width: int = 50) -> np.ndarray:
    """(V,) 행 마스크를 width 칸씩 줄지은 격자로 접습니다 (한 칸이 한 단어; 그림용).

    단어 w 는 (w // width, w % width) 칸에 놓입니다. V 가 width 의 배수가 아니면 마지막 줄의
    남는 칸은 NaN 이 되어 imshow 가 그리지 않습니다.

    Parameters
    ----------
    mask : (V,) bool 또는 0/1 배열 (예: `touched_row_mask(grad)`)
    width : int, 한 줄의 칸 수 (≥ 1)

    Returns
    -------
    grid : (ceil(V / width), width) float 배열, 값은 1.0 (건드림), 0.0 (안 건드림), NaN (빈 칸)
    """
    mask = as_float_array("mask", mask, ndim=1)
    width = as_positive_int("width", width)
    check_memory("width", width, 8 * width * -(-mask.size // width), "격자 (줄 수, width) float64")
    if mask.size == 0:
        raise ValueError("`mask`가 비어 있습니다. 행이 하나 이상 있어야 합니다.")
    rows = -(-mask.size // width)  # 올림 나눗셈
    grid = np.full(rows * width, np.nan)
    grid[: mask.size] = mask != 0
    return grid.reshape(rows, width)


# ---------------------------------------------------------------------------
# 재기
# ---------------------------------------------------------------------------


def time_per_call(fn, *args, repeat: int = 5, min_time: float = 0.05, **kwargs) -> float:
    """fn(*args, **kwargs) 한 번에 걸리는 시간(초)의 중앙값.

    timeit 처럼 한 번 잴 때의 총 시간이 min_time 초 이상이 되도록 반복 횟수 n 을 1, 2, 5, 10, 20, ... 으로
    늘린 뒤, n 번 호출을 repeat 번 재서 (총 시간 / n) 의 중앙값을 돌려줍니다. time.perf_counter 를 씁니다.

    Parameters
    ----------
    fn : 잴 함수
    *args, **kwargs : fn 에 넘길 인자
    repeat : int, 반복 측정 횟수 (≥ 1)
    min_time : float, 한 번 측정의 최소 총 시간(초, > 0)

    Returns
    -------
    seconds : float, 호출 한 번당 시간(초)의 중앙값
    """
    as_callable("fn", fn)
    repeat = as_positive_int("repeat", repeat, maximum=1000)
    min_time = as_positive_float("min_time", min_time, example="0.05")
    if min_time > 60:
        raise ValueError(f"`min_time`={min_time} 는 허용 범위 밖입니다. 0 초과 60 이하의 초 단위 실수여야 합니다.")

    def run(n: int) -> float:
        start = time.perf_counter()
        for _ in range(n):
            fn(*args, **kwargs)
        return time.perf_counter() - start

    number = 1
    while True:  # timeit.Timer.autorange 와 같은 1, 2, 5 단계
        for mult in (1, 2, 5):
            n = number * mult
            if run(n) >= min_time:
                number = n
                break
        else:
            number *= 10
            continue
        break
    return statistics.median(run(number) / number for _ in range(repeat))


@dataclass(frozen=True)
class UpdateCost:
    """``compare_update_costs`` 의 한 줄: 어휘 크기 V 하나에서 잰 갱신 한 번의 비용.

    V : int, 어휘 크기
    softmax_s, neg_s : float, naive softmax 한 번과 네거티브 샘플링 한 번의 시간 (초)
    speedup : float, softmax_s / neg_s
    ideal : float, 이상적인 비 V / (k+1)
    fraction_of_ideal : float, speedup / ideal
    softmax_rows_touched, neg_rows_touched : int, 한 번의 갱신이 건드린 U 의 행 수 (셈)
    """

    V: int
    softmax_s: float
    neg_s: float
    speedup: float
    ideal: float
    fraction_of_ideal: float
    softmax_rows_touched: int
    neg_rows_touched: int


def compare_update_costs(vocab_sizes, dim: int = 100, k: int = 5, seed: int = 0, repeat: int = 5) -> list[UpdateCost]:
    """어휘 크기 V 마다 naive softmax 한 번의 갱신과 네거티브 샘플링 한 번의 갱신 시간을 비교합니다.

    - softmax: 손실 + ∂J/∂v_c + 밀집 ∂J/∂U (V, d) (``naive_softmax_loss_and_gradient``)
    - 네거티브 샘플링: 손실 + ∂J/∂v_c + 건드린 k+1 개 행의 기울기 (희소; 네거티브는 미리 뽑아 둠;
      ``neg_sampling_sparse_gradient``)

    두 함수 모두 입력 검사 없이 계산만 합니다 (검사 비용이 비교를 흐리지 않음).

    Parameters
    ----------
    vocab_sizes : 정수들, 잴 어휘 크기 V (각각 k+2 이상)
    dim : int, 벡터 차원 d
    k : int, 네거티브 샘플 수
    seed : int, 난수 시드
    repeat : int, 반복 측정 횟수 (중앙값을 씀)

    Returns
    -------
    list[UpdateCost], V 마다 한 줄 (입력 순서대로)
    """
    from threadpoolctl import threadpool_limits

    dim = as_positive_int("dim", dim)
    k = as_positive_int("k", k)
    repeat = as_positive_int("repeat", repeat)
    seed = as_positive_int("seed", seed, minimum=0)
    vocab_sizes = as_list("vocab_sizes", vocab_sizes, "정수들의 목록이어야 합니다")
    sizes = [as_positive_int("vocab_sizes", V, minimum=k + 2) for V in vocab_sizes]
    if not sizes:
        raise ValueError("`vocab_sizes`가 비어 있습니다. 어휘 크기를 하나 이상 넣어 주세요.")
    check_memory("vocab_sizes", max(sizes), 3 * 8 * max(sizes) * dim, "U 와 밀집 기울기 (V, d) float64")

    rng = np.random.default_rng(seed)
    results = []
    for V in sizes:
        outside_vectors = rng.normal(scale=0.1, size=(V, dim))
        center_vec = rng.normal(scale=0.1, size=dim)
        picked = rng.choice(V, size=k + 1, replace=False)  # 서로 다른 o 와 k 개의 네거티브
        outside_idx = int(picked[0])
        negative_indices = picked[1:].astype(np.intp)

        _, _, grad_U = naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors)
        softmax_rows = count_rows_touched(grad_U)
        del grad_U
        step = neg_sampling_sparse_gradient(center_vec, outside_idx, outside_vectors, negative_indices)
        neg_rows = int(np.unique(step.target_idx[np.any(step.grad_targets != 0, axis=1)]).size)

        with threadpool_limits(limits=1, user_api="blas"):
            softmax_s = time_per_call(
                naive_softmax_loss_and_gradient, center_vec, outside_idx, outside_vectors, repeat=repeat
            )
            neg_s = time_per_call(
                neg_sampling_sparse_gradient, center_vec, outside_idx, outside_vectors, negative_indices,
                repeat=repeat,
            )  # fmt: skip
        speedup = softmax_s / neg_s
        ideal = V / (k + 1)
        results.append(UpdateCost(V, softmax_s, neg_s, speedup, ideal, speedup / ideal, softmax_rows, neg_rows))
    return results


@dataclass(frozen=True)
class UpdateCostSummary:
    """``summarize_update_costs`` 의 결과.

    softmax_slope : float, log(naive softmax 시간) 을 log(V) 에 직선으로 맞춘 기울기
        (1 이면 V 에 비례, 1 보다 크면 그보다 빠르게 늘어남)
    neg_min_s, neg_max_s : float, 네거티브 샘플링 시간의 최솟값과 최댓값 (초)
    vocab_ratio : float, 가장 큰 V / 가장 작은 V
    below_ideal : int, 측정한 속도 비가 이상적인 V/(k+1) 보다 작은 V 의 수
    n : int, V 의 수
    """

    softmax_slope: float
    neg_min_s: float
    neg_max_s: float
    vocab_ratio: float
    below_ideal: int
    n: int


def summarize_update_costs(costs) -> UpdateCostSummary:
    """``compare_update_costs`` 의 결과(어휘 크기 V 마다 한 줄)를 몇 개의 요약 수치로 줄입니다.

    노트북이 "V 에 대략 비례한다", "거의 일정하다" 같은 문장을 측정값에서 직접 확인할 수 있게 합니다.

    Parameters
    ----------
    costs : list[UpdateCost], 길이 n >= 2, 서로 다른 V

    Returns
    -------
    UpdateCostSummary
    """
    costs = as_list("costs", costs, "compare_update_costs 가 돌려준 목록이어야 합니다")
    for i, row in enumerate(costs):
        if not isinstance(row, UpdateCost):
            raise TypeError(
                f"`costs`[{i}] 는 UpdateCost 여야 합니다 (compare_update_costs 의 결과). 받은 값: {describe(row)}"
            )
    vs = np.array([row.V for row in costs], dtype=np.float64)
    soft = np.array([row.softmax_s for row in costs], dtype=np.float64)
    neg = np.array([row.neg_s for row in costs], dtype=np.float64)
    if vs.size < 2 or np.unique(vs).size != vs.size:
        raise ValueError(
            f"`costs`에 서로 다른 어휘 크기 V 가 2개 이상 있어야 기울기를 구할 수 있습니다. 받은 V: {vs.tolist()}"
        )
    if np.any(soft <= 0) or np.any(neg <= 0) or not np.all(np.isfinite(soft)) or not np.all(np.isfinite(neg)):
        raise ValueError("시간은 모두 0 보다 큰 유한한 값이어야 합니다 (로그를 씁니다).")
    slope = float(np.polyfit(np.log(vs), np.log(soft), 1)[0])
    return UpdateCostSummary(
        softmax_slope=slope,
        neg_min_s=float(neg.min()),
        neg_max_s=float(neg.max()),
        vocab_ratio=float(vs.max() / vs.min()),
        below_ideal=sum(row.speedup < row.ideal for row in costs),
        n=len(costs),
    )
