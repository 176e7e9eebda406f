"""04 연습문제: 미니배치 SGD 한 걸음 ``sgd_step``.

``sgd_step(center_vectors (V, d), outside_vectors (V, d), center_idx (B,), outside_idx (B,),
negative_indices (B, K), learning_rate) -> float`` (두 행렬은 제자리에서 갱신; 반환은 갱신 *전* 배치 손실의 합)

기울기는 모두 갱신 전 값으로 계산하고 배치에 대해 더합니다 (평균이 아님). 같은 행이 배치에 여러 번 나오면
그 갱신도 모두 더합니다 (``np.add.at``). 틀린 답은 흔한 실수를 흉내 낸 갱신(`_variant_step`)과 비교합니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import fail_matching_parts, hinted
from sgns.checks._values import all_finite, as_scalar, close, difference, fmt
from sgns.functions import log_sigmoid, sigmoid

CATEGORIES = {
    "not-in-place": "행렬을 제자리에서 갱신하지 않음",
    "center-not-updated": "중심 단어 벡터를 갱신하지 않음",
    "positive-not-updated": "주변 단어(긍정) 행을 갱신하지 않음",
    "negatives-not-updated": "네거티브 행을 갱신하지 않음",
    "repeats-dropped": "배치 안에서 반복된 행의 갱신을 한 번만 더함",
    "averaged": "배치 평균을 냄 (합이 아님)",
    "ascent": "경사 상승 (부호 반대)",
    "learning-rate-ignored": "학습률을 쓰지 않음",
    "updated-mid-batch": "배치 도중에 갱신된 벡터로 기울기를 계산함",
    "positive-missing-minus-one": "긍정 항에서 -1을 빠뜨림",
    "positive-sign": "긍정 항의 부호가 반대",
    "negative-sigma-flipped": "네거티브 항에 σ(-s_k)를 씀",
    "negative-sign": "네거티브 항의 부호가 반대",
    "loss-mean": "손실의 평균을 돌려줌 (합이 아님)",
    "loss-not-summed": "쌍마다의 손실을 배열로 돌려줌 (합이 아님)",
    "loss-after-update": "갱신 뒤의 값으로 손실을 계산함",
    "loss-missing-negatives": "손실에 네거티브 항이 빠짐",
    "loss-sign": "손실의 부호가 반대",
    "loss-log-of-sigmoid": "-log(σ(s))로 계산해 점수가 크면 손실이 inf",
    "returned-matrices": "손실 대신 행렬을 돌려줌",
}

ARG_NAMES = ("center_vectors", "outside_vectors", "center_idx", "outside_idx", "negative_indices", "learning_rate")


# ---- 참조 구현 (학생이 쓰는 방식 그대로, 벡터화) --------------------------------------------


def _positive_coef(s):
    return -sigmoid(-s)  # σ(s) - 1 (오버플로 없이)


def _negative_coef(s):
    return sigmoid(s)


def _scores(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices):
    v = center_vectors[center_idx]  # (B, d)
    u_o = outside_vectors[outside_idx]  # (B, d)
    u_k = outside_vectors[negative_indices]  # (B, K, d)
    s_o = np.einsum("bd,bd->b", u_o, v)  # (B,)
    s_k = np.einsum("bkd,bd->bk", u_k, v)  # (B, K)
    return v, u_o, u_k, s_o, s_k


def batch_loss(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices) -> float:
    """배치 손실의 합 Σ_b [-log σ(s_o) - Σ_k log σ(-s_k)]."""
    *_, s_o, s_k = _scores(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices)
    return float(-np.sum(log_sigmoid(s_o)) - np.sum(log_sigmoid(-s_k)))


def reference_sgd_step(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, learning_rate):
    """미니배치 SGD 한 걸음 (참조 구현). 두 행렬을 제자리에서 갱신하고 배치 손실의 합을 돌려줍니다.

    center_vectors, outside_vectors : (V, d); center_idx, outside_idx : (B,); negative_indices : (B, K)
    """
    v, u_o, u_k, s_o, s_k = _scores(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices)
    loss = float(-np.sum(log_sigmoid(s_o)) - np.sum(log_sigmoid(-s_k)))
    g_o = _positive_coef(s_o)  # (B,) ∂J/∂s_o
    g_k = _negative_coef(s_k)  # (B, K) ∂J/∂s_k
    grad_v = g_o[:, None] * u_o + np.einsum("bk,bkd->bd", g_k, u_k)  # (B, d)
    grad_u_o = g_o[:, None] * v  # (B, d)
    grad_u_k = g_k[:, :, None] * v[:, None, :]  # (B, K, d)
    d = center_vectors.shape[1]
    np.add.at(center_vectors, center_idx, -learning_rate * grad_v)
    np.add.at(outside_vectors, outside_idx, -learning_rate * grad_u_o)
    np.add.at(outside_vectors, np.ravel(negative_indices), -learning_rate * grad_u_k.reshape(-1, d))
    return loss


# ---- 흔한 실수를 흉내 낸 갱신 --------------------------------------------------------


def _apply(W, idx, update, drop_repeats: bool) -> None:
    if drop_repeats:
        W[idx] += update  # 중복 인덱스는 마지막 것 하나만 남습니다 (흔한 실수)
    else:
        np.add.at(W, idx, update)


def _variant_step(C, U, c, o, neg, lr, **mistake):
    """실수 하나를 넣은 갱신: 새 (C, U) (입력은 바꾸지 않음).

    mistake : pos_coef, neg_coef (긍정·네거티브 항 계수 함수), drop (중복을 한 번만 더할 곳들), scale (갱신에
    곱할 수), skip (갱신하지 않을 곳들), order ("outside-first" | "center-first" | "sequential")
    """
    C, U = C.copy(), U.copy()
    pos_fn = mistake.get("pos_coef", _positive_coef)
    neg_fn = mistake.get("neg_coef", _negative_coef)
    drop, skip = mistake.get("drop", ()), mistake.get("skip", ())
    step = lr * mistake.get("scale", 1.0)
    order = mistake.get("order", "together")
    d = C.shape[1]

    def center_update(C, U, rows):
        _, u_o, u_k, s_o, s_k = _scores(C, U, c[rows], o[rows], neg[rows])
        grad_v = pos_fn(s_o)[:, None] * u_o + np.einsum("bk,bkd->bd", neg_fn(s_k), u_k)
        if "center" not in skip:
            _apply(C, c[rows], -step * grad_v, "center" in drop)

    def outside_update(C, U, rows):
        v, _, _, s_o, s_k = _scores(C, U, c[rows], o[rows], neg[rows])
        if "positive" not in skip:
            _apply(U, o[rows], -step * pos_fn(s_o)[:, None] * v, "positive" in drop)
        if "negatives" not in skip:
            grad_u_k = neg_fn(s_k)[:, :, None] * v[:, None, :]
            _apply(U, np.ravel(neg[rows]), -step * grad_u_k.reshape(-1, d), "negatives" in drop)

    everything = np.arange(len(c))
    if order == "sequential":
        for b in everything:
            C_before = C.copy()
            center_update(C, U, [b])
            outside_update(C_before, U, [b])
    elif order in ("outside-first", "center-first"):
        first, second = (outside_update, center_update) if order == "outside-first" else (center_update, outside_update)
        first(C, U, everything)
        second(C, U, everything)
    else:
        C_before = C.copy()
        center_update(C, U, everything)
        outside_update(C_before, U, everything)
    return C, U


_DROP_HINT = (
    "배치 안에서 같은 행이 여러 번 나오면 그 갱신을 모두 더해야 합니다. W[idx] -= upd는 중복 중 하나만 "
    "남깁니다. np.add.at(W, idx, -upd)를 쓰세요."
)
_MID_HINT = (
    "배치 도중에 이미 갱신된 벡터로 기울기를 계산했습니다. 모든 기울기를 갱신 전 값으로 먼저 계산하세요. "
    "그다음 두 행렬을 갱신합니다 (예: v = center_vectors[center_idx]를 먼저 꺼내 두기)."
)
# 중복을 한 번만 더하는 곳들 (흔한 순서대로)
_DROPS = [("center", "positive", "negatives"), ("center",), ("positive", "negatives"), ("negatives",), ("positive",)]


def _matrix_variants(B: int, lr: float):
    """(범주 id, 실수 설정 (`_variant_step`의 mistake), 안내)."""
    return [
        ("ascent", {"scale": -1.0}, "부호가 반대입니다 (경사 상승). 손실을 줄이려면 W -= η ∂J/∂W입니다."),
        (
            "averaged",
            {"scale": 1.0 / B},
            "배치에 대해 기울기의 평균을 냈습니다. 이 강의의 학습기는 쌍마다의 기울기를 더합니다 "
            "(쌍 하나의 학습률이 word2vec과 같도록).",
        ),
        ("learning-rate-ignored", {"scale": 1.0 / lr}, "학습률을 곱하지 않았습니다: W -= η ∂J/∂W."),
        (
            "learning-rate-ignored",
            {"scale": 0.025 / lr},
            "넘겨받은 learning_rate 대신 고정된 학습률(0.025)을 썼습니다.",
        ),
        *(("repeats-dropped", {"drop": drop}, _DROP_HINT) for drop in _DROPS),
        (
            "center-not-updated",
            {"skip": ("center",)},
            "중심 단어 벡터(center_vectors)를 갱신하지 않았습니다 (제자리에서 바꾸지 않았나요?).",
        ),
        ("positive-not-updated", {"skip": ("positive",)}, "주변 단어 u_o 행을 갱신하지 않았습니다."),
        ("negatives-not-updated", {"skip": ("negatives",)}, "네거티브 u_k 행을 갱신하지 않았습니다."),
        ("updated-mid-batch", {"order": "outside-first"}, _MID_HINT),
        ("updated-mid-batch", {"order": "center-first"}, _MID_HINT),
        ("updated-mid-batch", {"order": "sequential"}, _MID_HINT + " (쌍마다 갱신하면 배치 SGD가 아닙니다.)"),
        (
            "positive-missing-minus-one",
            {"pos_coef": sigmoid},
            "긍정 항의 계수에서 -1을 빠뜨렸습니다: ∂J/∂s_o = σ(s_o) - 1.",
        ),
        (
            "positive-sign",
            {"pos_coef": lambda s: sigmoid(-s)},
            "긍정 항의 부호가 반대입니다: ∂J/∂s_o = σ(s_o) - 1 (0 이하).",
        ),
        (
            "negative-sigma-flipped",
            {"neg_coef": lambda s: sigmoid(-s)},
            "네거티브 항에 σ(-s_k)를 썼습니다: ∂J/∂s_k = σ(s_k).",
        ),
        (
            "negative-sign",
            {"neg_coef": lambda s: -sigmoid(s)},
            "네거티브 항의 부호가 반대입니다: ∂J/∂s_k = σ(s_k) (0 이상).",
        ),
    ]


# ---- 사례와 판정 ----------------------------------------------------------------


def _sgd_case(case_id, label, rng, V, d, c, o, neg, lr, scale=0.5) -> Case:
    args = {
        "center_vectors": rng.normal(scale=scale, size=(V, d)),
        "outside_vectors": rng.normal(scale=scale, size=(V, d)),
        "center_idx": np.asarray(c),
        "outside_idx": np.asarray(o),
        "negative_indices": np.asarray(neg),
        "learning_rate": lr,
    }
    B, K = args["negative_indices"].shape
    shown = (
        f"V={V}, d={d}, B={B}, K={K}, center_idx={fmt(args['center_idx'])}, outside_idx={fmt(args['outside_idx'])}, "
        f"negative_indices={fmt(args['negative_indices'])}, learning_rate={lr:g}"
    )
    return Case(case_id, label, args, shown=shown)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    V_big, B_big = 5_000, 2_048
    zipf = np.minimum(rng.zipf(1.3, size=(B_big, 7)) - 1, V_big - 1)
    repeated = ([1, 1, 3, 1, 0], [2, 4, 2, 0, 5], [[3, 3, 4], [2, 5, 0], [1, 4, 4], [3, 2, 1], [0, 2, 3]])
    large_scores = ([0, 1, 2, 3], [4, 5, 6, 7], [[5, 6], [7, 4], [4, 5], [6, 7]])
    table = [  # id, label, V, d, (center_idx, outside_idx, negative_indices), learning_rate, (scale)
        ("small", "작은 배치, 반복되는 행 없음", 10, 4, ([0, 2, 4], [1, 3, 5], [[0, 2], [4, 6], [7, 8]]), 0.1),
        ("repeated-rows", "같은 행이 배치에 여러 번 나옴 (중심, 주변, 네거티브)", 6, 4, repeated, 0.05),
        ("large-scores", "아주 큰 점수", 8, 4, large_scores, 0.01, 25.0),
        ("large-input", f"큰 배치 V={V_big:,}, d=50, B={B_big:,}, K=5", V_big, 50, (*zipf[:, :2].T, zipf[:, 2:]),
         0.025),
    ]
    return [_sgd_case(case_id, label, rng, V, d, *idx, *rest) for case_id, label, V, d, idx, *rest in table]


def _matrix_problem(ctx, case, C, U, want_C, want_U) -> None:
    a = case.args
    C0, U0 = a["center_vectors"], a["outside_vectors"]
    o_rows = np.unique(a["outside_idx"])
    neg_rows = np.setdiff1d(np.unique(a["negative_indices"]), o_rows)
    parts = [
        ("중심 단어 벡터 (center_vectors의 행 center_idx)", C, want_C, slice(None)),
        ("주변 단어 행 (outside_vectors의 행 outside_idx)", U, want_U, o_rows),
        ("네거티브 행 (outside_vectors의 행 negative_indices)", U, want_U, neg_rows),
    ]
    wrong = [name for name, got, want, rows in parts if np.size(got[rows]) and not close(got[rows], want[rows])]
    matrices = (("center_vectors", C, want_C), ("outside_vectors", U, want_U))
    lines = [difference(f"갱신 뒤 {name}", got, want) for name, got, want in matrices if not close(got, want)]
    problem = "\n".join(lines + (["틀린 부분: " + ", ".join(wrong)] if wrong else []))
    if not (all_finite(C) and all_finite(U)):
        ctx.fail("nan-or-inf", problem + "\n갱신 뒤 행렬에 NaN 또는 inf가 있습니다.")
    if np.array_equal(C0, C) and np.array_equal(U0, U):
        ctx.fail(
            "not-in-place",
            "두 행렬이 하나도 바뀌지 않았습니다.",
            "행렬은 제자리에서 갱신해야 합니다. `center_vectors = center_vectors - ...`는 새 배열을 만들 뿐입니다. "
            "넘겨받은 배열은 그대로입니다. np.add.at(center_vectors, center_idx, -lr * grad)처럼 쓰세요.",
        )
    args = [C0, U0, a["center_idx"], a["outside_idx"], a["negative_indices"], a["learning_rate"]]
    variants = []
    for category, mistake, hint in _matrix_variants(len(a["center_idx"]), a["learning_rate"]):
        var_C, var_U = _variant_step(*args, **mistake)
        if not (close(var_C, want_C) and close(var_U, want_U)):  # 이 사례에서 맞는 답과 구별되는 실수만
            variants.append((category, (var_C, var_U), hint))
    fail_matching_parts(ctx, (C, U), variants, problem)
    ctx.fail("wrong-value", problem)


LOSS_HINTS = {
    "loss-mean": "손실의 평균을 돌려줬습니다. 배치 손실의 합을 돌려주세요.",
    "loss-after-update": "갱신한 뒤의 벡터로 손실을 계산했습니다. 손실은 갱신 전 점수로 계산하세요.",
    "loss-missing-negatives": "손실에 네거티브 항 -Σ_k log σ(-s_k)가 빠졌습니다.",
    "loss-sign": "손실의 부호가 반대입니다. 손실은 항상 0 이상입니다.",
}


def _sgd_loss_problem(ctx, case, loss, want_loss, C, U) -> None:
    a = case.args
    problem = difference("반환한 손실 (배치 손실의 합)", loss, want_loss)
    if not all_finite(loss):
        ctx.fail(
            "loss-log-of-sigmoid",
            problem,
            "점수가 크면 σ(s)가 언더플로로 0이 되어 -log 0 = inf가 됩니다. 오버플로가 나지 않는 log σ를 쓰세요: "
            "log σ(s) = min(s, 0) - log(1 + e^{-|s|}).",
        )
    idx = (a["center_idx"], a["outside_idx"], a["negative_indices"])
    _, _, _, s_o, _ = _scores(a["center_vectors"], a["outside_vectors"], *idx)
    variants = [
        ("loss-mean", want_loss / len(a["center_idx"])),
        ("loss-after-update", batch_loss(C, U, *idx)),
        ("loss-missing-negatives", float(-np.sum(log_sigmoid(s_o)))),
        ("loss-sign", -want_loss),
    ]
    ctx.fail_matching(loss, hinted(LOSS_HINTS, variants), problem)
    ctx.fail("wrong-value", problem)


def judge(ctx, case: Case) -> None:
    a = case.args
    result, passed = ctx.call(allow_changes=("center_vectors", "outside_vectors"))
    want_C, want_U = a["center_vectors"].copy(), a["outside_vectors"].copy()
    want_loss = reference_sgd_step(
        want_C, want_U, a["center_idx"], a["outside_idx"], a["negative_indices"], a["learning_rate"]
    )
    C, U = passed["center_vectors"], passed["outside_vectors"]
    if isinstance(result, (tuple, list)) and any(isinstance(r, np.ndarray) and r.ndim == 2 for r in result):
        ctx.fail(
            "returned-matrices",
            f"반환값이 실수 하나가 아니라 {type(result).__name__}입니다: {fmt(result)}",
            "sgd_step은 두 행렬을 제자리에서 갱신하고, 배치 손실의 합(실수 하나)만 돌려줍니다.",
        )
    B = len(a["center_idx"])
    if np.shape(result) == (B,) and B > 1 and close(np.sum(np.asarray(result, dtype=np.float64)), want_loss):
        ctx.fail(
            "loss-not-summed",
            f"쌍마다의 손실 {B}개를 배열로 돌려줬습니다: {fmt(np.asarray(result))}",
            "배치 손실의 합(실수 하나)을 돌려주세요: float(np.sum(losses)).",
        )
    loss = as_scalar(ctx, result, "반환한 손실")
    if not (close(C, want_C) and close(U, want_U)):
        _matrix_problem(ctx, case, C, U, want_C, want_U)
    if not close(loss, want_loss):
        _sgd_loss_problem(ctx, case, loss, want_loss, C, U)
    ctx.fail_on_warnings()


EXERCISE = Exercise(
    id="nb04-sgd-step",
    function="sgd_step",
    signature=(
        "sgd_step(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, learning_rate) "
        "-> float (두 행렬은 제자리에서 갱신)"
    ),
    title="sgd_step (미니배치 SGD 한 걸음)",
    summary="{n}개 사례 (반복되는 행, 아주 큰 점수, 큰 배치 포함)에서 두 행렬의 갱신과 배치 손실의 합이 맞습니다.",
    points=4,
    order=3,
    references={
        f"{__name__}.reference_sgd_step": None,
        **dict.fromkeys(
            ["sgns.neg_sampling.neg_sampling_loss_and_gradient", "sgns.neg_sampling.neg_sampling_sparse_gradient"],
            lambda C, U, c, o, neg, lr: (C[c[0]], o[0], U, neg[0]),
        ),
        "sgns.neg_sampling.neg_sampling_coefficients": lambda C, U, c, o, neg, lr: (C[c], U[np.c_[o, neg]]),
        "sgns.neg_sampling.neg_sampling_batch": lambda C, U, c, o, neg, lr: (C, U, c, o, neg),
        "sgns.scatter.scatter_add": lambda C, U, c, o, neg, lr: (C, c, C[c]),
    },
)
