"""4장의 도우미: 학생이 만든 학습기 (``train_sgns`` + ``sgd_step``) 를 실제 텍스트로 돌려 보기.

4장의 연습문제에서 학생은 미니배치 SGD 한 걸음 ``sgd_step`` 과 학습 반복문 ``train_sgns`` 를 씁니다. 확인 셀은
작은 말뭉치로 판정하므로, 실제 텍스트 (예: head500, 문장 하나에 토큰 1,000개 남짓) 에서는 확인을 통과한 반복문도
오래 걸릴 수 있습니다 (예: 문장 안의 모든 위치 쌍을 훑어 쌍을 만들면 문장 길이의 제곱, 쌍마다 (V, d) 기울기를
만들면 어휘 크기에 비례). 그래서 ``run_own_trainer`` 는

1. 두 함수가 확인 (`sgns.checks.evaluate`) 을 통과했는지 먼저 보고, 아직 풀지 않았거나 통과하지 못했으면
   학습하지 않고 한 줄 안내만 돌려줍니다. 한 걸음 자리에 패키지의 ``reference_sgd_step`` 을 넘기면 (4b 노트북)
   그 함수는 확인하지 않습니다.
2. 통과했으면 제한 시간 안에서 ``train_sgns(corpus_ids, noise_probs, sgd_step, **hyperparameters)`` 를 부르고,
   sgd_step 에 넘어간 쌍의 수를 세어 둡니다 (시간이 다 되면 어디까지 했는지 알려 주려고).
3. 결과의 형태와 값 (NaN·inf) 을 검사합니다.

무슨 일이 있어도 예외를 내지 않고 (커널 중단 ``KeyboardInterrupt`` 만 그대로 전달), 결과 ``OwnRun`` 의
``status`` 와 한 줄짜리 한국어 ``message`` 로 알려 줍니다. 그래서 학생판 노트북의 "Run All" 이 끝까지 갑니다.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from sgns._validate import as_callable, as_float_array, as_list, as_positive_float, as_positive_int, describe
from sgns.checks import TimeUp, evaluate, run_with_time_limit
from sgns.checks.exercises.nb04_sgd_step import (
    reference_sgd_step,  # 4장 연습문제 3 의 참조 구현 (4b 가 한 걸음 함수로 씀)
)

__all__ = ["OwnRun", "run_own_trainer", "window_pair_count", "STATUSES"]

# 연습문제 id 와 학생이 쓰는 함수 이름 (확인을 통과해야 실제 텍스트로 학습합니다)
STEP_EXERCISE = "nb04-sgd-step"
LOOP_EXERCISE = "nb04-train-loop"

STATUSES = {
    "done": "학습을 마침",
    "todo": "아직 풀지 않은 연습문제가 있음",
    "not-passed": "확인을 통과하지 못한 연습문제가 있음",
    "error": "학습 중 오류가 나거나 결과의 형태가 틀림",
    "timeout": "제한 시간 안에 끝나지 않음",
    "not-finite": "결과에 NaN 이나 무한대가 있음",
}

MESSAGE_CHARS = 200  # 오류 설명을 한 줄에 담으려고 자르는 길이


@dataclass(frozen=True)
class OwnRun:
    """``run_own_trainer`` 의 결과.

    status : str, ``STATUSES`` 의 키 중 하나 ("done" 이면 학습을 마침)
    message : str, 학생에게 보여 줄 한 줄 안내 (``status == "done"`` 이면 빈 문자열)
    center_vectors, outside_vectors : (V, dim) float64 또는 None (마치지 못했으면 None)
    epoch_losses : (epochs,) 에폭마다 쌍 하나의 평균 손실 (마치지 못했으면 빈 튜플)
    seconds : float, train_sgns 에 걸린 벽시계 시간 (초; 학습하지 않았으면 0)
    cpu_seconds : float, 같은 구간의 CPU 시간 (초; 기계가 바쁠 때는 벽시계보다 덜 흔들림)
    pairs_done : int, sgd_step 에 넘어간 쌍의 수 (모든 에폭 합)
    pairs_expected : int, 에폭 수 × 윈도우 안의 쌍 수
    """

    status: str
    message: str
    center_vectors: np.ndarray | None = None
    outside_vectors: np.ndarray | None = None
    epoch_losses: tuple = ()
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    pairs_done: int = 0
    pairs_expected: int = 0

    @property
    def done(self) -> bool:
        """학습을 마쳤는지 (벡터와 손실을 쓸 수 있는지)."""
        return self.status == "done"


def window_pair_count(corpus_ids, window: int) -> int:
    """문장마다 고정 윈도우 m 안의 (중심, 주변) 쌍 수의 합 (문장 경계는 넘지 않음).

    길이 n 인 문장에서 거리 δ (1..m) 인 쌍은 양쪽 방향으로 2·max(n - δ, 0) 개입니다.

    Parameters
    ----------
    corpus_ids : 문장들 (문장마다 정수 인덱스의 리스트나 1차원 배열)
    window : int >= 1, 윈도우 크기 m

    Returns
    -------
    count : int, Σ_문장 Σ_{δ=1..m} 2·max(n - δ, 0)
    """
    window = as_positive_int("window", window)
    corpus_ids = as_list("corpus_ids", corpus_ids, "문장 (정수 인덱스의 리스트) 들의 리스트여야 합니다")
    lengths = []
    for i, sentence in enumerate(corpus_ids):
        if isinstance(sentence, (str, bytes)) or not hasattr(sentence, "__len__"):
            raise TypeError(f"`corpus_ids[{i}]`는 정수 인덱스의 리스트여야 합니다. 받은 값: {describe(sentence)}")
        lengths.append(len(sentence))
    lengths = np.array(lengths, dtype=np.int64)
    distances = np.arange(1, min(window, int(lengths.max(initial=1))) + 1)  # 문장보다 먼 거리의 쌍은 없음
    return int(2 * np.maximum(lengths[:, None] - distances[None, :], 0).sum())


def _one_line(text: str) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= MESSAGE_CHARS else line[: MESSAGE_CHARS - 1] + "…"


def _gate(train_sgns, sgd_step) -> OwnRun | None:
    """두 연습문제의 확인 결과. 둘 다 통과했으면 None, 아니면 학습하지 않는다는 결과."""
    statuses = {
        # 패키지의 참조 구현은 확인하지 않습니다 (4b 에서는 4장의 한 걸음 대신 이것을 넘김)
        "sgd_step": "pass" if sgd_step is reference_sgd_step else evaluate(STEP_EXERCISE, sgd_step).status,
        "train_sgns": evaluate(LOOP_EXERCISE, train_sgns).status,
    }
    todo = [name for name, status in statuses.items() if status == "todo"]
    failed = [name for name, status in statuses.items() if status not in ("todo", "pass")]
    if not todo and not failed:
        return None
    parts = []
    if todo:
        parts.append(f"아직 풀지 않은 연습문제: {', '.join(todo)}")
    if failed:
        parts.append(f"아직 확인을 통과하지 못한 연습문제: {', '.join(failed)}")
    return OwnRun(
        "todo" if todo else "not-passed",
        f"{'⏳' if todo else '🔧'} {'; '.join(parts)}. "
        "sgd_step 과 train_sgns 가 모두 확인을 통과하면 이 셀이 여러분의 학습기를 실제 텍스트로 학습합니다.",
    )


def _checked_result(result, V: int, dim: int, epochs: int) -> tuple[str, str, tuple]:
    """(status, message, (C, U, losses))."""
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        return "error", "train_sgns 가 (center_vectors, outside_vectors, epoch_losses) 세 값을 돌려주지 않았습니다.", ()
    try:
        C = np.asarray(result[0], dtype=np.float64)
        U = np.asarray(result[1], dtype=np.float64)
        losses = np.asarray(result[2], dtype=np.float64)
    except (TypeError, ValueError):
        return "error", "train_sgns 가 돌려준 값을 실수 배열로 바꿀 수 없습니다.", ()
    if C.shape != (V, dim) or U.shape != (V, dim) or losses.shape != (epochs,):
        return (
            "error",
            f"train_sgns 가 돌려준 형태가 {C.shape}, {U.shape}, {losses.shape} 입니다. "
            f"기대한 형태: ({V}, {dim}), ({V}, {dim}), ({epochs},).",
            (),
        )
    if not (np.isfinite(C).all() and np.isfinite(U).all() and np.isfinite(losses).all()):
        return (
            "not-finite",
            "⚠️ 학습 결과에 NaN 이나 무한대가 있습니다. 학습률이 너무 크거나 손실 계산이 넘쳤습니다 "
            "(안정한 log σ 를 쓰세요).",
            (),
        )
    return "done", "", (C, U, tuple(float(x) for x in losses))


def run_own_trainer(
    train_sgns, sgd_step, corpus_ids, noise_probs, *, time_limit: float = 60.0, **hyperparameters
) -> OwnRun:
    """학생의 학습 반복문을 (확인을 통과했을 때만, 제한 시간 안에서) 실제 텍스트로 돌립니다.

    Parameters
    ----------
    train_sgns : 학생의 학습 반복문 (04 연습문제 ``train_sgns`` 의 꼴)
    sgd_step : 학생의 미니배치 SGD 한 걸음 (04 연습문제 ``sgd_step`` 의 꼴)
    corpus_ids : 문장들, 문장마다 단어 인덱스 (0..V-1) 의 리스트나 1차원 정수 배열
    noise_probs : (V,) 잡음 분포 P_n(w)
    time_limit : float > 0, train_sgns 에 줄 최대 시간 (초)
    **hyperparameters : train_sgns 의 키워드 인자 그대로 (dim, window, negative, epochs, lr_start, lr_end,
        batch_size, seed)

    Returns
    -------
    OwnRun(status, message, center_vectors (V, dim), outside_vectors (V, dim), epoch_losses (epochs,),
           seconds, pairs_done, pairs_expected). 예외를 내지 않습니다 (KeyboardInterrupt 제외).
    """
    train_sgns = as_callable("train_sgns", train_sgns)
    sgd_step = as_callable("sgd_step", sgd_step)
    noise_probs = as_float_array("noise_probs", noise_probs, ndim=1)
    time_limit = as_positive_float("time_limit", time_limit)
    dim = as_positive_int("dim", hyperparameters.get("dim"))
    epochs = as_positive_int("epochs", hyperparameters.get("epochs"))
    expected = epochs * window_pair_count(corpus_ids, hyperparameters.get("window"))

    gate = _gate(train_sgns, sgd_step)
    if gate is not None:
        return OwnRun(gate.status, gate.message, pairs_expected=expected)

    pairs_done = 0

    def counted_step(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, learning_rate):
        nonlocal pairs_done
        loss = sgd_step(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, learning_rate)
        pairs_done += int(np.shape(center_idx)[0])
        return loss

    start, cpu_start = time.perf_counter(), time.process_time()

    def spent() -> dict:
        return {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu_start}

    try:
        result = run_with_time_limit(
            lambda: train_sgns(corpus_ids, noise_probs, counted_step, **hyperparameters), time_limit
        )
    except TimeUp:
        share = pairs_done / expected if expected else 0.0
        where = (
            "쌍을 만드는 데서 멈췄습니다 (문장마다 윈도우 안의 위치만 훑나요?)"
            if pairs_done == 0
            else f"쌍 {pairs_done:,}개 ({share:.0%}) 를 학습한 뒤 멈췄습니다 "
            "(sgd_step 이 쌍마다 (V, d) 배열을 만드나요?)"
        )
        return OwnRun(
            "timeout",
            f"⏱ 여러분의 학습기가 제한 시간 {time_limit:g}초 안에 끝나지 않았습니다: {where}",
            **spent(),
            pairs_done=pairs_done,
            pairs_expected=expected,
        )
    except NotImplementedError:
        return OwnRun("todo", "⏳ 아직 풀지 않은 부분이 있습니다 (NotImplementedError).", pairs_expected=expected)
    except Exception as exc:  # 학생 코드의 어떤 오류든 한 줄로 알립니다
        return OwnRun(
            "error",
            _one_line(f"❌ 학습 중 오류가 났습니다: {type(exc).__name__}: {exc}"),
            **spent(),
            pairs_done=pairs_done,
            pairs_expected=expected,
        )
    times = spent()
    status, message, values = _checked_result(result, len(noise_probs), dim, epochs)
    if status != "done":
        return OwnRun(status, _one_line(message), **times, pairs_done=pairs_done, pairs_expected=expected)
    C, U, losses = values
    return OwnRun("done", "", C, U, losses, **times, pairs_done=pairs_done, pairs_expected=expected)
