"""sgns.checks: 맞는 답은 통과, 흔한 실수는 그 실수의 이름으로, 미완성은 ⏳ 로."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.special

from sgns import checks
from sgns.corpus import skipgram_pairs
from sgns.functions import sigmoid, softmax
from sgns.neg_sampling import neg_sampling_loss_and_gradient
from sgns.sampling import noise_distribution
from sgns.softmax_loss import naive_softmax_loss_and_gradient


def fails_with(check, fn, phrase: str) -> str:
    """check(fn) 가 AssertionError 를 내고, 메시지에 phrase 가 있는지."""
    with pytest.raises(AssertionError) as info:
        check(fn)
    message = str(info.value)
    assert phrase in message, message
    assert info.value.__cause__ is None
    assert info.value.__context__ is None or info.value.__suppress_context__, "내부 예외가 연결되어 보이면 안 됩니다"
    return message


def passes(check, fn, capsys) -> str:
    check(fn)
    out = capsys.readouterr().out
    assert out.startswith("✅ 통과"), out
    assert out.count("\n") == 1
    return out


def not_implemented(*args):
    # 여기에 코드를 작성하세요
    raise NotImplementedError()


def raises_type_error(*args):
    raise TypeError("unsupported operand type(s) for -: 'list' and 'float'")


def returns_none(*args):
    result = 1  # noqa: F841  (return 을 빠뜨린 학생 코드)


ALL_CHECKS = {
    checks.check_skipgram_pairs: skipgram_pairs,
    checks.check_softmax: softmax,
    checks.check_naive_softmax_loss_and_gradient: naive_softmax_loss_and_gradient,
    checks.check_sigmoid: sigmoid,
    checks.check_neg_sampling_loss_and_gradient: neg_sampling_loss_and_gradient,
    checks.check_noise_distribution: noise_distribution,
}
CHECK_IDS = [check.__name__ for check in ALL_CHECKS]


# ---------------------------------------------------------------------------
# 모든 확인 함수에 공통
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("check", ALL_CHECKS, ids=CHECK_IDS)
def test_reference_passes_with_identical_output_each_run(check, capsys):
    first = passes(check, ALL_CHECKS[check], capsys)
    second = passes(check, ALL_CHECKS[check], capsys)
    assert first == second


@pytest.mark.parametrize("check", ALL_CHECKS, ids=CHECK_IDS)
def test_not_implemented_prints_waiting_line_without_raising(check, capsys):
    check(not_implemented)
    out = capsys.readouterr().out
    assert out.startswith("⏳ 아직 풀지 않은 연습문제입니다: ")
    assert out.count("\n") == 1


@pytest.mark.parametrize("check", ALL_CHECKS, ids=CHECK_IDS)
def test_exception_inside_student_code_is_explained(check):
    message = fails_with(check, raises_type_error, "함수를 실행하다가 예외가 났습니다")
    assert "TypeError: unsupported operand" in message
    assert "번째 줄" in message  # 학생 코드의 줄 번호
    assert "사례 1/" in message


@pytest.mark.parametrize("check", ALL_CHECKS, ids=CHECK_IDS)
def test_missing_return_is_explained(check):
    fails_with(check, returns_none, "`return` 문을 빠뜨리지")


@pytest.mark.parametrize("check", ALL_CHECKS, ids=CHECK_IDS)
def test_passing_a_call_result_instead_of_a_function(check):
    fails_with(check, None, "함수를 넘겨 주세요")


def test_failure_messages_are_deterministic():
    def naive_sigmoid(x):
        return 1 / (1 + np.exp(-x))

    messages = set()
    for _ in range(2):
        with pytest.raises(AssertionError) as info:
            checks.check_sigmoid(naive_sigmoid)
        messages.add(str(info.value))
    assert len(messages) == 1


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
    return list(set(skipgram_pairs(tokens, window)))


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
    ("fn", "phrase"),
    [
        (pairs_with_self, "중심 단어 자기 자신과의 쌍"),
        (pairs_wrap_around, "tokens[음수] 는 문장 끝 단어"),
        (pairs_window(1, 1), "윈도우 한 칸 차이"),
        (pairs_window(-1, -1), "윈도우 한 칸 차이"),
        (pairs_right_only, "오른쪽 주변 단어만"),
        (pairs_as_set, "set 으로 중복을 없애지"),
        (pairs_compare_words, "위치(`j != i`)로 비교"),
        (pairs_slicing, "max(0, i - window)"),
    ],
    ids=["self", "wrap", "wide", "narrow", "one-side", "set", "words", "slicing"],
)
def test_skipgram_mistakes_are_named(fn, phrase):
    message = fails_with(checks.check_skipgram_pairs, fn, phrase)
    assert "입력: tokens=" in message and "쌍의 개수: 기대" in message


@pytest.mark.parametrize(
    ("fn", "phrase"),
    [
        (lambda tokens, window: "pairs", "쌍의 리스트를 돌려줘야"),
        (lambda tokens, window: [(t, t, t) for t in tokens], "두 개짜리 튜플"),
        (lambda tokens, window: [], "빠진 쌍"),
    ],
    ids=["string", "triples", "empty"],
)
def test_skipgram_garbage(fn, phrase):
    fails_with(checks.check_skipgram_pairs, fn, phrase)


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


@pytest.mark.parametrize("fn", [pairs_reordered_lists, pairs_generator])
def test_skipgram_alternatives_pass(fn, capsys):
    passes(checks.check_skipgram_pairs, fn, capsys)


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


def softmax_in_place(x):
    x -= np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_unnormalised(x):
    return np.exp(x - np.max(x, axis=-1, keepdims=True))


@pytest.mark.parametrize(
    ("fn", "phrase"),
    [
        (softmax_no_shift, "최댓값을 빼고 계산하세요"),
        (softmax_axis0, "열 방향(axis=0)"),
        (softmax_whole_array, "배열 전체의 합으로 나눴습니다"),
        (softmax_global_max, "행마다 최댓값을 빼세요"),
        (softmax_no_keepdims, "keepdims=True"),
        (softmax_no_exp, "np.exp 를 빠뜨렸습니다"),
        (softmax_in_place, "제자리에서 바꿨습니다"),
        (softmax_unnormalised, "합이 1 이 아닙니다"),
    ],
    ids=["no-shift", "axis0", "whole", "global-max", "keepdims", "no-exp", "in-place", "unnormalised"],
)
def test_softmax_mistakes_are_named(fn, phrase):
    fails_with(checks.check_softmax, fn, phrase)


def test_softmax_overflow_message_shows_case_and_values():
    message = fails_with(checks.check_softmax, softmax_no_shift, "RuntimeWarning")
    assert "사례 3/5 (큰 값)" in message
    assert "기대한 값 [0.09, 0.2447, 0.6652]" in message


def test_softmax_wrong_shape_is_explained():
    fails_with(checks.check_softmax, lambda x: np.sum(np.exp(x)), "형태가 다릅니다")


def softmax_loops_list(x):
    """반복문과 math 로, 리스트를 돌려줌 (1차원과 2차원 모두)."""
    rows = [list(map(float, x))] if np.ndim(x) == 1 else [list(map(float, row)) for row in x]
    out = []
    for row in rows:
        m = max(row)
        e = [math.exp(v - m) for v in row]
        out.append([v / sum(e) for v in e])
    return out[0] if np.ndim(x) == 1 else out


def softmax_float32(x):
    x = np.asarray(x, dtype=np.float32)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@pytest.mark.parametrize("fn", [softmax_loops_list, softmax_float32])
def test_softmax_alternatives_pass(fn, capsys):
    passes(checks.check_softmax, fn, capsys)


# ---------------------------------------------------------------------------
# 02: naive softmax 손실과 기울기
# ---------------------------------------------------------------------------


def naive_parts(center_vec, outside_idx, outside_vectors):
    y_hat = softmax(outside_vectors @ center_vec)
    delta = y_hat.copy()
    delta[outside_idx] -= 1
    return y_hat, delta


def naive_loss_sign(v, o, U):
    y_hat, delta = naive_parts(v, o, U)
    return np.log(y_hat[o]), U.T @ delta, np.outer(delta, v)


def naive_no_log(v, o, U):
    y_hat, delta = naive_parts(v, o, U)
    return y_hat[o], U.T @ delta, np.outer(delta, v)


def naive_grad_sign(v, o, U):
    y_hat, delta = naive_parts(v, o, U)
    return -np.log(y_hat[o]), -U.T @ delta, -np.outer(delta, v)


def naive_forgot_y_center(v, o, U):
    y_hat, delta = naive_parts(v, o, U)
    return -np.log(y_hat[o]), U.T @ y_hat, np.outer(delta, v)


def naive_forgot_y_outside(v, o, U):
    y_hat, delta = naive_parts(v, o, U)
    return -np.log(y_hat[o]), U.T @ delta, np.outer(y_hat, v)


def naive_only_row_o(v, o, U):
    y_hat, delta = naive_parts(v, o, U)
    grad = np.zeros_like(U)
    grad[o] = delta[o] * v
    return -np.log(y_hat[o]), U.T @ delta, grad


def naive_transposed(v, o, U):
    y_hat, delta = naive_parts(v, o, U)
    return -np.log(y_hat[o]), U.T @ delta, np.outer(v, delta)


def naive_list_gradient(v, o, U):
    loss, grad_center, grad_outside = naive_softmax_loss_and_gradient(v, o, U)
    return loss, grad_center.tolist(), grad_outside


@pytest.mark.parametrize(
    ("fn", "phrase"),
    [
        (naive_loss_sign, "손실의 부호가 반대"),
        (naive_no_log, "-log 를 씌워야"),
        (naive_grad_sign, "기울기의 부호가 반대"),
        (naive_forgot_y_center, "u_o 를 빼세요"),
        (naive_forgot_y_outside, "o 번째 행에서 v_c 를 빼야"),
        (naive_only_row_o, "모든 행이 0 이 아닙니다"),
        (naive_transposed, "전치"),
        (naive_list_gradient, "numpy 배열이어야"),
    ],
    ids=["loss-sign", "no-log", "grad-sign", "center-no-y", "outside-no-y", "only-row-o", "transposed", "list"],
)
def test_naive_softmax_mistakes_are_named(fn, phrase):
    message = fails_with(checks.check_naive_softmax_loss_and_gradient, fn, phrase)
    assert "입력: center_vec=" in message and "outside_idx=2" in message


@pytest.mark.parametrize(
    ("fn", "phrase"),
    [
        (lambda v, o, U: (1.0, v), "3개 값을 돌려줘야"),
        (lambda v, o, U: (U @ v, v, U), "loss은(는) 실수 하나여야"),
        (lambda v, o, U: (1.0, np.zeros(len(v) + 1), U), "grad_center_vec의 형태가 다릅니다"),
    ],
    ids=["two-values", "vector-loss", "wrong-shape"],
)
def test_naive_softmax_garbage(fn, phrase):
    fails_with(checks.check_naive_softmax_loss_and_gradient, fn, phrase)


def naive_loops(v, o, U):
    """반복문으로, 손실은 numpy 스칼라로."""
    scores = np.array([np.dot(U[w], v) for w in range(len(U))])
    y_hat = np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()
    loss = -np.log(y_hat[o])
    grad_center = -U[o].copy()
    grad_outside = np.zeros_like(U)
    for w in range(len(U)):
        grad_center += y_hat[w] * U[w]
        grad_outside[w] = (y_hat[w] - (w == o)) * v
    return np.float64(loss), grad_center, grad_outside


def naive_float32(v, o, U):
    loss, grad_center, grad_outside = naive_softmax_loss_and_gradient(v.astype(np.float32), o, U.astype(np.float32))
    return np.float32(loss), grad_center.astype(np.float32), grad_outside.astype(np.float32)


@pytest.mark.parametrize("fn", [naive_loops, naive_float32])
def test_naive_softmax_alternatives_pass(fn, capsys):
    passes(checks.check_naive_softmax_loss_and_gradient, fn, capsys)


# ---------------------------------------------------------------------------
# 03: sigmoid
# ---------------------------------------------------------------------------


def sigmoid_naive(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_where_both_branches(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sigmoid_sign(x):
    return 1 / (1 + np.exp(np.clip(x, -500, 500)))


def sigmoid_in_place(x):
    negative = x < 0
    x[negative] = np.exp(x[negative]) / (1 + np.exp(x[negative]))
    x[~negative] = 1 / (1 + np.exp(-x[~negative]))
    return x


def sigmoid_tanh(x):
    return np.tanh(x)


def sigmoid_python_list(x):
    return [1 / (1 + math.exp(-v)) for v in x]  # 2차원 입력에서 TypeError


@pytest.mark.parametrize(
    ("fn", "phrase"),
    [
        (sigmoid_naive, "np.exp(-x) 가 넘칩니다"),
        (sigmoid_where_both_branches, "np.where 는 두 식을 모두 계산"),
        (sigmoid_sign, "부호가 반대입니다"),
        (sigmoid_in_place, "제자리에서 바꿨습니다"),
        (sigmoid_tanh, "기대한 값 [0.1192, 0.2689, 0.5, 0.7311, 0.8808]"),
        (sigmoid_python_list, "TypeError"),
    ],
    ids=["naive", "where", "sign", "in-place", "tanh", "python-list"],
)
def test_sigmoid_mistakes_are_named(fn, phrase):
    fails_with(checks.check_sigmoid, fn, phrase)


def test_sigmoid_naive_overflow_is_reported_even_if_numpy_errors_are_ignored():
    def quiet_naive(x):
        with np.errstate(over="ignore"):
            return 1 / (1 + np.exp(-x)) * np.where(x < -700, np.nan, 1.0)

    fails_with(checks.check_sigmoid, quiet_naive, "NaN 또는 inf")


def sigmoid_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -x))


def sigmoid_float32(x):
    x = np.asarray(x, dtype=np.float32)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(np.float32)


@pytest.mark.parametrize("fn", [sigmoid_logaddexp, sigmoid_float32, scipy.special.expit])
def test_sigmoid_alternatives_pass(fn, capsys):
    passes(checks.check_sigmoid, fn, capsys)


# ---------------------------------------------------------------------------
# 04: 네거티브 샘플링 손실과 기울기
# ---------------------------------------------------------------------------


def neg_parts(v, o, U, neg):
    s_o = U[o] @ v
    s_k = U[neg] @ v
    return s_o, s_k


def neg_loop(v, o, U, neg, *, flip_negative=True, once=False, dense=False, sign=1.0, log=True):
    """반복문 구현. 키워드로 흔한 실수 하나를 켭니다."""
    s_o, s_k = neg_parts(v, o, U, neg)
    z_k = -s_k if flip_negative else s_k
    terms = [sigmoid(s_o)] + [sigmoid(z) for z in z_k]
    loss = -sum(np.log(t) for t in terms) if log else sum(terms)
    grad_center = (sigmoid(s_o) - 1) * U[o]
    grad_outside = np.outer(sigmoid(U @ v), v) if dense else np.zeros_like(U)
    grad_outside[o] = (sigmoid(s_o) - 1) * v
    for k, z in zip(neg, z_k, strict=True):
        coef = (1 - sigmoid(z)) * (1 if flip_negative else -1)
        grad_center += coef * U[k]
        if not dense:
            grad_outside[k] += coef * v
    if once:
        grad_outside[neg] = 0
        grad_outside[neg] += np.outer((1 - sigmoid(z_k)), v)  # 중복 인덱스는 한 번만 더해짐
    return sign * loss, sign * grad_center, sign * grad_outside


def neg_sparse_rows(v, o, U, neg):
    loss, grad_center, grad_outside = neg_sampling_loss_and_gradient(v, o, U, neg)
    return loss, grad_center, grad_outside[np.concatenate([[o], neg])]


@pytest.mark.parametrize(
    ("fn", "phrase"),
    [
        (lambda v, o, U, neg: neg_loop(v, o, U, neg, flip_negative=False), "log σ(-u_k·v_c) 입니다"),
        (lambda v, o, U, neg: neg_loop(v, o, U, neg, once=True), "np.add.at"),
        (lambda v, o, U, neg: neg_loop(v, o, U, neg, dense=True), "나머지 행은 모두 0"),
        (lambda v, o, U, neg: neg_loop(v, o, U, neg, sign=-1.0), "손실의 부호가 반대"),
        (lambda v, o, U, neg: neg_loop(v, o, U, neg, log=False), "-log 를 씌우지 않았습니다"),
        (neg_sparse_rows, "(V, d) 전체 행렬"),
    ],
    ids=["missing-minus", "duplicate-once", "dense", "loss-sign", "no-log", "sparse-rows"],
)
def test_neg_sampling_mistakes_are_named(fn, phrase):
    fails_with(checks.check_neg_sampling_loss_and_gradient, fn, phrase)


def test_neg_sampling_gradient_sign_is_named():
    def grad_sign(v, o, U, neg):
        loss, grad_center, grad_outside = neg_loop(v, o, U, neg)
        return loss, -grad_center, -grad_outside

    fails_with(checks.check_neg_sampling_loss_and_gradient, grad_sign, "기울기의 부호가 반대")


def test_neg_sampling_duplicate_message_names_the_case():
    message = fails_with(
        checks.check_neg_sampling_loss_and_gradient, lambda v, o, U, neg: neg_loop(v, o, U, neg, once=True), "사례 2/3"
    )
    assert "negative_indices=[3, 3, 5]" in message
    assert "grad_outside_vectors" in message


@pytest.mark.parametrize(
    ("fn", "phrase"),
    [
        (lambda v, o, U, neg: None, "return"),
        (lambda v, o, U, neg: (0.5, v), "3개 값을 돌려줘야"),
        (lambda v, o, U, neg: (0.5, v, U.T), "전치"),
    ],
    ids=["none", "two-values", "transposed"],
)
def test_neg_sampling_garbage(fn, phrase):
    fails_with(checks.check_neg_sampling_loss_and_gradient, fn, phrase)


def neg_float32(v, o, U, neg):
    loss, grad_center, grad_outside = neg_loop(v.astype(np.float32), o, U.astype(np.float32), neg)
    return np.float32(loss), grad_center.astype(np.float32), grad_outside.astype(np.float32)


@pytest.mark.parametrize("fn", [neg_loop, neg_float32])
def test_neg_sampling_alternatives_pass(fn, capsys):
    passes(checks.check_neg_sampling_loss_and_gradient, fn, capsys)


# ---------------------------------------------------------------------------
# 05: 잡음 분포
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fn", "phrase"),
    [
        (lambda counts, power: counts / counts.sum(), "power 대신 1 을 썼습니다"),
        (lambda counts, power: counts**power, "정규화를 빠뜨렸습니다"),
        (lambda counts, power: (counts / counts.sum()) ** power, "먼저 정규화한 뒤"),
        (lambda counts, power: counts**0.75 / np.sum(counts**0.75), "0.75 로 고정"),
        (lambda counts, power: counts**3 / 4 / np.sum(counts**3 / 4), "괄호를 치세요"),
        (lambda counts, power: np.full(len(counts), 1 / len(counts)), "균등 분포"),
    ],
    ids=["power-1", "unnormalised", "normalise-first", "fixed-0.75", "precedence", "uniform"],
)
def test_noise_distribution_mistakes_are_named(fn, phrase):
    fails_with(checks.check_noise_distribution, fn, phrase)


def test_noise_distribution_power_one_fails_on_the_source_example():
    message = fails_with(checks.check_noise_distribution, lambda c, p: c / c.sum(), "사례 1/5")
    assert "기대한 값 [0.9693, 0.0307]" in message


@pytest.mark.parametrize(
    ("fn", "phrase"),
    [
        (lambda counts, power: float(np.sum(counts)), "형태가 다릅니다"),
        (lambda counts, power: {"the": 0.5}, "실수 배열이어야"),
    ],
    ids=["scalar", "dict"],
)
def test_noise_distribution_garbage(fn, phrase):
    fails_with(checks.check_noise_distribution, fn, phrase)


def noise_loop_list(counts, power):
    weights = [c**power for c in counts.tolist()]
    total = sum(weights)
    return [w / total for w in weights]


def noise_float32(counts, power):
    weights = np.asarray(counts, dtype=np.float32) ** np.float32(power)
    return weights / weights.sum()


@pytest.mark.parametrize("fn", [noise_loop_list, noise_float32])
def test_noise_distribution_alternatives_pass(fn, capsys):
    passes(checks.check_noise_distribution, fn, capsys)
