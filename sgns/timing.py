"""한 번의 갱신 비용 재기: naive softmax 대 네거티브 샘플링 (2장).

naive softmax 한 번의 갱신은 U 의 V 개 행을 모두 건드리고, 네거티브 샘플링은 k+1 개만 건드립니다.
그래서 이상적인 속도 비는 V / (k+1) 입니다. 실제 비는 그보다 작습니다: 네거티브 샘플링 한 번은
계산이 너무 작아서 numpy 함수 호출 자체의 고정 비용(수 µs)이 대부분을 차지하기 때문입니다.

시간을 잴 때는 BLAS 스레드를 1개로 묶습니다 (threadpoolctl). 코어 2개짜리 기계가 바쁠 때 여러 스레드로
돌리면 큰 행렬 곱의 시간이 크게 출렁여서 비교가 흐려지기 때문입니다.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
from threadpoolctl import threadpool_limits

from sgns._validate import as_float_array, as_positive_int, describe
from sgns.neg_sampling import _neg_sampling_sparse_fast
from sgns.softmax_loss import _naive_softmax_fast

__all__ = ["time_per_call", "compare_update_costs", "count_rows_touched"]


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
    if not callable(fn):
        raise TypeError(f"`fn`은 호출할 수 있는 함수여야 합니다. 받은 값: {describe(fn)}")
    repeat = as_positive_int("repeat", repeat)
    if isinstance(min_time, bool) or not isinstance(min_time, (int, float, np.floating, np.integer)):
        raise TypeError(f"`min_time`은 실수여야 합니다. 받은 값: {describe(min_time)}")
    if not (0 < float(min_time) <= 60):
        raise ValueError(f"`min_time`={min_time} 는 허용 범위 밖입니다. 0 초과 60 이하의 초 단위 실수여야 합니다.")
    min_time = float(min_time)

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


def count_rows_touched(grad) -> int:
    """기울기 행렬에서 0 이 아닌 값이 하나라도 있는 행의 수 (갱신이 실제로 건드리는 행의 수).

    Parameters
    ----------
    grad : (V, d) 기울기 행렬 (예: ∂J/∂U)

    Returns
    -------
    rows : int
    """
    grad = as_float_array("grad", grad, ndim=2)
    return int(np.count_nonzero(np.any(grad != 0, axis=1)))


def compare_update_costs(vocab_sizes, dim: int = 100, k: int = 5, seed: int = 0, repeat: int = 5) -> list[dict]:
    """어휘 크기 V 마다 naive softmax 한 번의 갱신과 네거티브 샘플링 한 번의 갱신 시간을 비교합니다.

    - softmax: 손실 + ∂J/∂v_c + 밀집 ∂J/∂U (V, d)
    - 네거티브 샘플링: 손실 + ∂J/∂v_c + 건드린 k+1 개 행의 기울기 (희소; 네거티브는 미리 뽑아 둠)

    둘 다 입력 검사를 뺀 계산 본체만 잽니다 (검사 비용이 비교를 흐리지 않도록).

    Parameters
    ----------
    vocab_sizes : 정수들, 잴 어휘 크기 V (각각 k+2 이상)
    dim : int, 벡터 차원 d
    k : int, 네거티브 샘플 수
    seed : int, 난수 시드
    repeat : int, 반복 측정 횟수 (중앙값을 씀)

    Returns
    -------
    list of dict, V 마다 {"V", "softmax_s", "neg_s", "speedup", "ideal", "fraction_of_ideal",
    "softmax_rows_touched", "neg_rows_touched"} (시간은 초, speedup = softmax_s / neg_s, ideal = V/(k+1))
    """
    dim = as_positive_int("dim", dim)
    k = as_positive_int("k", k)
    repeat = as_positive_int("repeat", repeat)
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise TypeError(f"`seed`는 0 이상의 정수여야 합니다. 받은 값: {describe(seed)}")
    if isinstance(vocab_sizes, (str, bytes)) or not hasattr(vocab_sizes, "__iter__"):
        raise TypeError(f"`vocab_sizes`는 정수들의 목록이어야 합니다. 받은 값: {describe(vocab_sizes)}")
    sizes = [as_positive_int("vocab_sizes", V, minimum=k + 2) for V in vocab_sizes]
    if not sizes:
        raise ValueError("`vocab_sizes`가 비어 있습니다. 어휘 크기를 하나 이상 넣어 주세요.")

    rng = np.random.default_rng(seed)
    results = []
    for V in sizes:
        outside_vectors = rng.normal(scale=0.1, size=(V, dim))
        center_vec = rng.normal(scale=0.1, size=dim)
        picked = rng.choice(V, size=k + 1, replace=False)  # 서로 다른 o 와 k 개의 네거티브
        outside_idx = int(picked[0])
        negative_indices = picked[1:].astype(np.intp)

        _, _, grad_U = _naive_softmax_fast(center_vec, outside_idx, outside_vectors)
        softmax_rows = count_rows_touched(grad_U)
        del grad_U
        _, _, target_idx, grad_targets = _neg_sampling_sparse_fast(
            center_vec, outside_idx, outside_vectors, negative_indices
        )
        neg_rows = int(np.unique(target_idx[np.any(grad_targets != 0, axis=1)]).size)

        with threadpool_limits(limits=1, user_api="blas"):
            softmax_s = time_per_call(_naive_softmax_fast, center_vec, outside_idx, outside_vectors, repeat=repeat)
            neg_s = time_per_call(
                _neg_sampling_sparse_fast, center_vec, outside_idx, outside_vectors, negative_indices, repeat=repeat
            )
        speedup = softmax_s / neg_s
        ideal = V / (k + 1)
        results.append(
            {
                "V": V,
                "softmax_s": softmax_s,
                "neg_s": neg_s,
                "speedup": speedup,
                "ideal": ideal,
                "fraction_of_ideal": speedup / ideal,
                "softmax_rows_touched": softmax_rows,
                "neg_rows_touched": neg_rows,
            }
        )
    return results
