"""02 연습문제: 오버플로가 나지 않는 소프트맥스 ``softmax(x)`` (마지막 축 방향)."""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import array_judge, hinted
from sgns.functions import softmax as reference_softmax

CATEGORIES = {
    "no-max-shift": "최댓값을 빼지 않아 e^x에서 오버플로",
    "global-max": "2차원에서 배열 전체의 최댓값을 뺌",
    "shift-by-mean": "최댓값 대신 평균을 뺌",
    "shift-by-min": "최댓값 대신 최솟값을 뺌",
    "axis-0": "열 방향(axis=0)으로 계산함",
    "whole-array-sum": "배열 전체의 합으로 나눔",
    "no-keepdims": "keepdims를 빠뜨림",
    "no-exp": "np.exp를 빠뜨림",
    "unnormalised": "합으로 나누지 않음",
}


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    rows = [
        ("small-1d", "1차원", np.array([1.0, 2.0, 3.0])),
        ("rows-2d", "2차원: 행마다 소프트맥스", np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 5.0]])),
        ("large-values", "큰 값", np.array([1000.0, 1001.0, 1002.0])),
        (
            "rows-different-scale",
            "2차원, 행마다 크기가 아주 다름",
            np.array([[1000.0, 1001.0, 1002.0], [-1000.0, -999.0, -998.0]]),
        ),
        ("tiny-and-zero", "아주 작은 값과 0", np.array([-500.0, -3000.0, 0.0, -300.0])),
        ("far-apart", "서로 멀리 떨어진 값", np.array([-1000.0, 0.0, 1000.0, 999.0])),
        ("far-apart-rows", "2차원, 한 행 안에서 멀리 떨어진 값", np.array([[-800.0, 0.0, 800.0], [3.0, 1.0, 2.0]])),
        ("random", "무작위 (4, 6)", rng.normal(scale=5.0, size=(4, 6))),
        ("large-input", "큰 입력 (200, 1000)", rng.normal(scale=30.0, size=(200, 1000))),
    ]
    return Case.table(("x",), rows)


HINTS = {
    "no-max-shift": "e^x에서 오버플로가 났습니다 (e^1000 = inf). 최댓값을 빼고 계산하세요: "
    "e = np.exp(x - np.max(x, axis=-1, keepdims=True)).",
    "shift-by-mean": "최댓값이 아니라 평균을 뺐습니다. 값이 서로 멀리 떨어지면 x - 평균이 여전히 커서 "
    "e^x에서 오버플로가 납니다. 최댓값을 빼야 지수가 모두 0 이하가 됩니다.",
    "shift-by-min": "최댓값이 아니라 최솟값을 뺐습니다. 그러면 x - 최솟값이 더 커져서 e^x에서 오버플로가 "
    "납니다. 최댓값을 빼세요.",
    "global-max": "배열 전체의 최댓값을 빼서 어떤 행이 전부 0이 되었습니다 (0 / 0 = nan). "
    "행마다 최댓값을 빼세요: x - np.max(x, axis=-1, keepdims=True).",
    "axis-0": "열 방향(axis=0)으로 소프트맥스를 했습니다. 마지막 축(axis=-1, 행마다)이어야 합니다.",
    "whole-array-sum": "배열 전체의 합으로 나눴습니다. 행마다 나누세요: np.sum(e, axis=-1, keepdims=True).",
    "no-exp": "np.exp를 빠뜨렸습니다. 소프트맥스는 e^x_i / Σ_j e^x_j입니다.",
    "unnormalised": "합이 1이 아닙니다. e^x를 그 합으로 나눠 정규화하세요.",
}


def _exp_normalise(x: np.ndarray, shift, axis=-1) -> np.ndarray:
    with np.errstate(all="ignore"):
        e = np.exp(x - shift)
        return e / np.sum(e, axis=axis, keepdims=axis is not None)


def _softmax_variants(x: np.ndarray) -> list[tuple[str, np.ndarray, str]]:
    """흔한 실수를 흉내 낸 결과들: (범주 id, 그 실수의 결과, 안내)."""
    out = [
        ("no-max-shift", _exp_normalise(x, 0.0)),
        ("shift-by-mean", _exp_normalise(x, np.mean(x, axis=-1, keepdims=True))),
        ("shift-by-min", _exp_normalise(x, np.min(x, axis=-1, keepdims=True))),
    ]
    if x.ndim == 2:
        out += [
            ("global-max", _exp_normalise(x, np.max(x))),
            ("axis-0", reference_softmax(x, axis=0)),
            ("whole-array-sum", _exp_normalise(x, np.max(x), axis=None)),
        ]
    with np.errstate(all="ignore"):
        out += [
            ("no-exp", x / np.sum(x, axis=-1, keepdims=True)),
            ("unnormalised", np.exp(x - np.max(x, axis=-1, keepdims=True))),
        ]
    return hinted(HINTS, out)


_KEEPDIMS = ("no-keepdims", "2차원에서는 np.max / np.sum에 keepdims=True를 주어야 행마다 빼고 나눌 수 있습니다.")
judge = array_judge(
    reference_softmax, lambda case, got, want: _softmax_variants(case.args["x"]), error_hints={"broadcast": _KEEPDIMS}
)


EXERCISE = Exercise(
    id="nb02-softmax",
    function="softmax",
    signature="softmax(x) -> x와 같은 형태",
    title="softmax (안정한 소프트맥스)",
    summary="{n}개 사례 (2차원, x = 1000 같은 큰 값, 서로 멀리 떨어진 값 포함)에서 값이 맞고 오버플로 경고가 없습니다.",
    points=2,
    order=1,
    references={"sgns.softmax_loss.softmax_probabilities": lambda x: (np.ones(1), np.reshape(x, (-1, 1)))},
)
