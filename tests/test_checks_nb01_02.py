"""01, 02 연습문제의 확인: 흔한 실수는 저마다의 범주로, 다르게 쓴 맞는 답은 통과."""

from __future__ import annotations

import math

import numpy as np
import pytest
from checks_testing import SOLUTIONS, evaluate, failing, passes

softmax = SOLUTIONS["nb02-softmax"]


# ---------------------------------------------------------------------------
# 01: skipgram_pairs
# ---------------------------------------------------------------------------


def pairs_with_self(tokens, window):
    n = len(tokens)
    return [(tokens[i], tokens[j]) for i in range(n) for j in range(max(0, i - window), min(n, i + window + 1))]


def pairs_wrap_around(tokens, window):
    pairs = []
    for i in range(len(tokens)):
        for j in range(i - window, i + window + 1):
            if j != i and j < len(tokens):  # 0 <= j 를 빠뜨림: tokens[-1] 은 문장 끝
                pairs.append((tokens[i], tokens[j]))
    return pairs


def pairs_window(lo_extra, hi_extra):
    def pairs(tokens, window):
        n = len(tokens)
        return [
            (tokens[i], tokens[j])
            for i in range(n)
            for j in range(max(0, i - window - lo_extra), min(n, i + window + 1 + hi_extra))
            if j != i
        ]

    return pairs


def pairs_right_only(tokens, window):
    n = len(tokens)
    return [(tokens[i], tokens[j]) for i in range(n) for j in range(i + 1, min(n, i + window + 1))]


def pairs_as_set(tokens, window):
    return list(set(SOLUTIONS["nb01-skipgram-pairs"](tokens, window)))


def pairs_compare_words(tokens, window):
    n = len(tokens)
    return [
        (tokens[i], tokens[j])
        for i in range(n)
        for j in range(max(0, i - window), min(n, i + window + 1))
        if tokens[j] != tokens[i]
    ]


def pairs_slicing(tokens, window):
    pairs = []
    for i, center in enumerate(tokens):
        for context in tokens[i - window : i] + tokens[i + 1 : i + window + 1]:
            pairs.append((center, context))
    return pairs


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (pairs_with_self, "self-pair"),
        (pairs_wrap_around, "wrap-around"),
        (pairs_window(1, 1), "window-too-wide"),
        (pairs_window(-1, -1), "window-too-narrow"),
        (pairs_right_only, "one-side"),
        (pairs_as_set, "deduplicated"),
        (pairs_compare_words, "compare-words"),
        (pairs_slicing, "left-edge-slice"),
        (lambda tokens, window: [], "empty"),
        (lambda tokens, window: [(t, t, t) for t in tokens], "pair-format"),
    ],
    ids=["self", "wrap", "wide", "narrow", "one-side", "set", "words", "slicing", "empty", "triples"],
)
def test_skipgram_mistakes_are_named(fn, category):
    record = failing("nb01-skipgram-pairs", fn, category)
    assert "입력: tokens=" in record.message


def test_skipgram_message_counts_the_pairs():
    record = failing("nb01-skipgram-pairs", pairs_with_self, "self-pair")
    assert "기대 14개, 받음 19개" in record.message  # 5 토큰, 윈도우 2: 쌍 14개 + 자기 자신 5개


def pairs_reordered_lists(tokens, window):
    """거리 순서로 만들고 쌍을 리스트로: 순서와 자료형이 달라도 맞는 답."""
    n = len(tokens)
    out = []
    for distance in range(window, 0, -1):
        for i in range(n):
            for j in (i - distance, i + distance):
                if 0 <= j < n:
                    out.append([tokens[i], tokens[j]])
    return out


def pairs_generator(tokens, window):
    for i, center in enumerate(tokens):
        for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
            if j != i:
                yield center, tokens[j]


def pairs_numpy(tokens, window):
    """거리마다 위치 배열로 한꺼번에 만들고, 원소가 numpy 배열인 (P, 2) 배열의 행들로 돌려줌."""
    ids = np.arange(len(tokens))
    rows = []
    for distance in range(1, window + 1):
        left, right = ids[:-distance], ids[distance:]
        rows += [np.stack([left, right], axis=1), np.stack([right, left], axis=1)]
    positions = np.concatenate(rows) if rows else np.zeros((0, 2), dtype=int)
    lookup = np.array(tokens, dtype=object)
    return list(lookup[positions])


@pytest.mark.parametrize("fn", [pairs_reordered_lists, pairs_generator, pairs_numpy])
def test_skipgram_alternatives_pass(fn):
    passes("nb01-skipgram-pairs", fn)


# ---------------------------------------------------------------------------
# 02: softmax
# ---------------------------------------------------------------------------


def softmax_no_shift(x):
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_axis0(x):
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def softmax_whole_array(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def softmax_global_max(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_no_keepdims(x):
    e = np.exp(x - np.max(x, axis=-1))
    return e / np.sum(e, axis=-1)


def softmax_no_exp(x):
    return x / np.sum(x, axis=-1, keepdims=True)


def softmax_unnormalised(x):
    return np.exp(x - np.max(x, axis=-1, keepdims=True))


def softmax_mean_shift(x):
    """가까운 값에서는 맞지만 값이 멀리 떨어지면 넘치는 답 (평균을 뺌)."""
    e = np.exp(x - np.mean(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_min_shift(x):
    e = np.exp(x - np.min(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (softmax_no_shift, "no-max-shift"),
        (softmax_axis0, "axis-0"),
        (softmax_whole_array, "whole-array-sum"),
        (softmax_global_max, "global-max"),
        (softmax_no_keepdims, "no-keepdims"),
        (softmax_no_exp, "no-exp"),
        (softmax_unnormalised, "unnormalised"),
        (softmax_mean_shift, "shift-by-mean"),
        (softmax_min_shift, "shift-by-min"),
        (lambda x: np.sum(np.exp(x)), "wrong-shape"),
    ],
    ids=["no-shift", "axis0", "whole", "global-max", "keepdims", "no-exp", "unnormalised", "mean", "min", "scalar"],
)
def test_softmax_mistakes_are_named(fn, category):
    failing("nb02-softmax", fn, category)


def test_softmax_near_miss_passes_close_inputs_and_fails_far_apart_ones():
    record = failing("nb02-softmax", softmax_mean_shift, "shift-by-mean")
    results = {c.id: c.status for c in record.cases}
    assert results["large-values"] == results["random"] == "pass"
    assert results["tiny-and-zero"] == results["far-apart"] == "fail"
    assert "받은 값 [0.0, 0.0, nan, 0.0]" in record.message


def test_softmax_overflow_message_shows_case_and_values():
    record = failing("nb02-softmax", softmax_no_shift, "no-max-shift")
    assert "틀린 사례 3/9: 큰 값" in record.message
    assert "기대한 값 [0.09, 0.2447, 0.6652], 받은 값 [nan, nan, nan]" in record.message


def softmax_loops_list(x):
    """반복문과 math 로, 리스트를 돌려줌 (1차원과 2차원 모두)."""
    rows = [list(map(float, x))] if np.ndim(x) == 1 else [list(map(float, row)) for row in x]
    out = []
    for row in rows:
        m = max(row)
        e = [math.exp(v - m) for v in row]
        total = sum(e)
        out.append([v / total for v in e])
    return out[0] if np.ndim(x) == 1 else out


def softmax_float32(x):
    x = np.asarray(x, dtype=np.float32)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_log_sum_exp(x):
    m = np.max(x, axis=-1, keepdims=True)
    return np.exp(x - m - np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True)))


@pytest.mark.parametrize("fn", [softmax_loops_list, softmax_float32, softmax_log_sum_exp])
def test_softmax_alternatives_pass(fn):
    passes("nb02-softmax", fn)


# ---------------------------------------------------------------------------
# 02: softmax_score_gradient (∂J/∂s = ŷ - y)
# ---------------------------------------------------------------------------


def score_gradient(delta_fn):
    def gradient(scores, outside_idx):
        return delta_fn(np.asarray(scores, dtype=float), outside_idx)

    return gradient


def _one_hot(scores, o):
    y = np.zeros_like(scores)
    y[o] = 1.0
    return y


def _unstable(s, o):
    e = np.exp(s)
    return e / e.sum() - _one_hot(s, o)


@pytest.mark.parametrize(
    ("delta_fn", "category"),
    [
        (lambda s, o: _one_hot(s, o) - softmax(s), "sign-flipped"),
        (lambda s, o: softmax(s), "missing-one-hot"),
        (lambda s, o: softmax(s) - 1, "subtract-one-everywhere"),
        (lambda s, o: softmax(s) - _one_hot(s, o - 1), "one-hot-wrong-index"),
        (_unstable, "unstable-softmax"),
        (lambda s, o: 1 / (1 + np.exp(-s)) - _one_hot(s, o), "sigmoid-instead-of-softmax"),
        (lambda s, o: np.log(softmax(s)) - _one_hot(s, o), "log-probabilities"),
        (lambda s, o: -np.log(softmax(s)), "loss-instead-of-gradient"),
    ],
    ids=["sign", "no-y", "minus-one-all", "wrong-index", "unstable", "sigmoid", "log", "loss"],
)
def test_score_gradient_mistakes_are_named(delta_fn, category):
    failing("nb02-softmax-score-gradient", score_gradient(delta_fn), category)


def score_gradient_loop(scores, outside_idx):
    m = max(scores)
    exps = [math.exp(s - m) for s in scores]
    total = sum(exps)
    return [e / total - (1.0 if w == outside_idx else 0.0) for w, e in enumerate(exps)]


def score_gradient_float32(scores, outside_idx):
    s = np.asarray(scores, dtype=np.float32)
    e = np.exp(s - s.max())
    out = e / e.sum()
    out[outside_idx] -= np.float32(1)
    return out


@pytest.mark.parametrize("fn", [score_gradient_loop, score_gradient_float32])
def test_score_gradient_alternatives_pass(fn):
    passes("nb02-softmax-score-gradient", fn)


# ---------------------------------------------------------------------------
# 02: naive softmax 손실과 기울기
# ---------------------------------------------------------------------------


def naive_parts(center_vec, outside_idx, outside_vectors):
    y_hat = softmax(outside_vectors @ center_vec)
    delta = y_hat.copy()
    delta[outside_idx] -= 1
    loss = SOLUTIONS["nb02-naive-softmax-loss"](center_vec, outside_idx, outside_vectors)[0]
    return loss, y_hat, delta


def naive_loss_sign(v, o, U):
    _, y_hat, delta = naive_parts(v, o, U)
    return np.log(y_hat[o]), U.T @ delta, np.outer(delta, v)


def naive_no_log(v, o, U):
    _, y_hat, delta = naive_parts(v, o, U)
    return y_hat[o], U.T @ delta, np.outer(delta, v)


def naive_log_of_softmax(v, o, U):
    """가까운 점수에서는 맞지만, 정답 점수가 최댓값보다 훨씬 작으면 ŷ_o = 0 이 되어 손실이 inf."""
    _, y_hat, delta = naive_parts(v, o, U)
    with np.errstate(divide="ignore"):
        return float(-np.log(y_hat[o])), U.T @ delta, np.outer(delta, v)


def naive_grad_sign(v, o, U):
    loss, _, delta = naive_parts(v, o, U)
    return loss, -U.T @ delta, -np.outer(delta, v)


def naive_forgot_y_center(v, o, U):
    loss, y_hat, delta = naive_parts(v, o, U)
    return loss, U.T @ y_hat, np.outer(delta, v)


def naive_forgot_y_outside(v, o, U):
    loss, y_hat, delta = naive_parts(v, o, U)
    return loss, U.T @ delta, np.outer(y_hat, v)


def naive_only_row_o(v, o, U):
    loss, _, delta = naive_parts(v, o, U)
    grad = np.zeros_like(U)
    grad[o] = delta[o] * v
    return loss, U.T @ delta, grad


def naive_transposed(v, o, U):
    loss, _, delta = naive_parts(v, o, U)
    return loss, U.T @ delta, np.outer(v, delta)


def naive_list_gradient(v, o, U):
    loss, _, delta = naive_parts(v, o, U)
    return loss, (U.T @ delta).tolist(), np.outer(delta, v)


@pytest.mark.parametrize(
    ("fn", "category"),
    [
        (naive_loss_sign, "loss-sign"),
        (naive_no_log, "loss-no-log"),
        (naive_log_of_softmax, "loss-not-log-sum-exp"),
        (naive_grad_sign, "grad-sign"),
        (naive_forgot_y_center, "center-missing-y"),
        (naive_forgot_y_outside, "outside-missing-y"),
        (naive_only_row_o, "only-row-o"),
        (naive_transposed, "transposed"),
        (naive_list_gradient, "not-ndarray"),
        (lambda v, o, U: (1.0, v), "wrong-type"),
    ],
    ids=["loss-sign", "no-log", "log-softmax", "grad-sign", "center-no-y", "outside-no-y", "row-o", "T", "list", "two"],
)
def test_naive_softmax_mistakes_are_named(fn, category):
    record = failing("nb02-naive-softmax-loss", fn, category)
    assert "입력: center_vec=" in record.message


@pytest.mark.parametrize(
    ("fn", "part"),
    [
        (naive_forgot_y_center, "∂J/∂v_c"),
        (naive_forgot_y_outside, "u_o [2]"),
        (naive_only_row_o, "나머지 행"),
    ],
    ids=["center", "row-o", "other-rows"],
)
def test_naive_softmax_names_the_wrong_part_of_the_gradient(fn, part):
    record = evaluate("nb02-naive-softmax-loss", fn)
    wrong = next(line for line in record.message.splitlines() if "틀린 부분:" in line)
    assert part in wrong


def naive_loops(v, o, U):
    """반복문으로, 손실은 numpy 스칼라로."""
    scores = np.array([np.dot(U[w], v) for w in range(len(U))])
    m = scores.max()
    y_hat = np.exp(scores - m) / np.exp(scores - m).sum()
    loss = m + np.log(np.exp(scores - m).sum()) - scores[o]
    grad_center = -U[o].copy()
    grad_outside = np.zeros_like(U)
    for w in range(len(U)):
        grad_center += y_hat[w] * U[w]
        grad_outside[w] = (y_hat[w] - (w == o)) * v
    return np.float64(loss), grad_center, grad_outside


def naive_float32(v, o, U):
    solution = SOLUTIONS["nb02-naive-softmax-loss"]
    loss, grad_center, grad_outside = solution(v.astype(np.float32), o, U.astype(np.float32))
    return np.float32(loss), grad_center.astype(np.float32), grad_outside.astype(np.float32)


@pytest.mark.parametrize("fn", [naive_loops, naive_float32])
def test_naive_softmax_alternatives_pass(fn):
    passes("nb02-naive-softmax-loss", fn)
