"""04 연습문제: 네거티브 샘플링 손실과 기울기.

``neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, negative_indices)``

    J = -log σ(s_o) - Σ_k log σ(-s_k),   s_o = u_o·v_c,  s_k = u_k·v_c
    ∂J/∂v_c = (σ(s_o) - 1) u_o + Σ_k σ(s_k) u_k
    ∂J/∂u_o = (σ(s_o) - 1) v_c,   ∂J/∂u_k = σ(s_k) v_c (같은 k 가 n 번 뽑히면 n 배),  나머지 행 = 0

학생은 점수에 대한 기울기 (유도 1: ∂J/∂s_o = σ(s_o) - 1, ∂J/∂s_k = σ(s_k)) 도 이 함수 안에서 씁니다.
기울기가 틀리면 학생 답에서 항마다의 계수를 거꾸로 구해(∂J/∂v_c 는 u_o, u_k 들의 조합으로 최소제곱,
∂J/∂U 의 행은 v_c 에 사영), 어느 부분(중심 단어 벡터, u_o 행, 네거티브 행)의 어느 항이 어떻게
(부호, -1 빠뜨림, σ' 을 씀, σ(-s_k), 중복을 한 번만) 틀렸는지 알려 줍니다. 점수에 대한 기울기의 실수는
계수로 알아봅니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import gradient_problem, loss_judge, rows_with_scores
from sgns.checks._values import all_finite, close, difference, same_values
from sgns.functions import log_sigmoid as reference_log_sigmoid
from sgns.functions import sigmoid as reference_sigmoid
from sgns.neg_sampling import neg_sampling_loss_and_gradient as reference_neg_sampling

_PARTS = {"center": "∂J/∂v_c (중심 단어 벡터)", "outside": "∂J/∂U 의 행"}
_POSITIVE_KINDS = {
    "sign": "긍정 항의 부호가 반대 (1 - σ(s_o))",
    "missing-minus-one": "긍정 항에서 -1 을 빠뜨림 (σ(s_o))",
    "sigmoid-derivative": "긍정 항에 σ'(s_o) = σ(1 - σ) 를 씀",
    "missing": "긍정 항이 빠짐",
    "wrong": "긍정 항의 계수가 틀림",
}
_NEGATIVE_KINDS = {
    "sign": "네거티브 항의 부호가 반대 (-σ(s_k))",
    "sigma-flipped": "네거티브 항에 σ(-s_k) 를 씀",
    "minus-one": "네거티브 항에서도 1 을 뺌 (σ(s_k) - 1)",
    "sigmoid-derivative": "네거티브 항에 σ'(s_k) = σ(1 - σ) 를 씀",
    "missing": "네거티브 항이 빠짐",
    "wrong": "네거티브 항의 계수가 틀림",
}


def _term_categories() -> dict[str, str]:
    out = {}
    for term, kinds in (("positive", _POSITIVE_KINDS), ("negatives", _NEGATIVE_KINDS)):
        for kind, text in kinds.items():
            out[f"{term}-{kind}"] = f"{text} (두 기울기 모두)"
            for part, where in (("center", "∂J/∂v_c"), ("outside", "∂J/∂U")):
                out[f"{part}-{term}-{kind}"] = f"{text} ({where})"
    return out


CATEGORIES = {
    "loss-sign": "손실의 부호가 반대",
    "loss-no-log": "시그모이드 값에 -log 를 씌우지 않음",
    "loss-log-of-sigmoid": "-log(σ(s)) 로 계산해 점수가 크면 손실이 inf",
    "loss-missing-negatives": "손실에 네거티브 항이 빠짐",
    "negatives-missing-minus": "네거티브 항에 σ(-s_k) 대신 σ(s_k) (손실과 기울기 모두)",
    "grad-sign": "두 기울기의 부호가 모두 반대",
    "duplicates-once": "중복된 네거티브를 한 번만 더함",
    "dense-rows": "o 와 네거티브가 아닌 행에도 기울기가 있음",
    "sparse-rows": "건드린 행만 돌려줌 ((V, d) 가 아님)",
    "center-wrong-vectors": "∂J/∂v_c 가 u_o, u_k 들의 조합이 아님",
    "outside-wrong-vectors": "∂J/∂U 의 행이 v_c 의 배수가 아님",
    **_term_categories(),
}


# 흔한 실수마다의 안내 (범주 id -> 설명; 같은 범주의 ctx.fail 이 함께 씀)
HINTS = {
    "loss-log-of-sigmoid": "점수가 크면 σ(s) 가 0 으로 반올림되어 -log 0 = inf 가 됩니다. -np.log(sigmoid(s)) 대신 "
    "넘치지 않는 log σ 를 쓰세요: log σ(s) = min(s, 0) - log(1 + e^{-|s|}) (sgns.log_sigmoid).",
    "negatives-missing-minus": "네거티브 항의 마이너스를 빠뜨렸습니다: log σ(u_k·v_c) 가 아니라 log σ(-u_k·v_c) "
    "입니다.",
    "center-wrong-vectors": "∂J/∂v_c 는 u_o 와 네거티브 u_k 들의 조합 (σ(s_o) - 1) u_o + Σ_k σ(s_k) u_k 여야 하는데, "
    "다른 벡터(v_c 등)가 섞였습니다.",
    "outside-wrong-vectors": "∂J/∂u_o 와 ∂J/∂u_k 는 v_c 의 배수 ((σ(s_o) - 1) v_c, σ(s_k) v_c) 여야 하는데, 다른 "
    "벡터가 섞였습니다.",
    "grad-sign": "두 기울기의 부호가 반대입니다. 손실을 줄이는 방향(-∂J)이 아니라 ∂J 그대로를 돌려줘야 합니다.",
    "dense-rows": "o 와 네거티브가 아닌 행에도 기울기가 있습니다. 네거티브 샘플링의 ∂J/∂U 는 u_o 와 u_k 행만 "
    "0 이 아니고 (각각 v_c 의 배수), 나머지 행은 모두 0 입니다.",
}


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    center = rng.normal(size=5)
    scores = [3.0, -800.0, 0.5, 800.0, -30.0, 1.0]  # o = 1 (s_o = -800), 네거티브 3 (800), 4 (-30)
    table = [  # id, label, V, d, outside_idx, negative_indices, (scale)
        ("small", "작은 예 V=6, d=4, 서로 다른 네거티브", 6, 4, 2, [1, 4]),
        ("repeated-negative", "중복된 네거티브", 6, 4, 0, [3, 3, 5]),
        ("random", "무작위 V=12, d=8, K=5 (7 이 두 번)", 12, 8, 1, [7, 2, 7, 9, 4], 1.5),
        ("outside-word-as-negative", "주변 단어 o 가 네거티브로도 뽑힘", 8, 5, 3, [3, 6, 1]),
        ("large-scores", "아주 큰 점수 (s_o = -800, s_k = 800)"),
        ("large-input", "큰 어휘 V=20,000, d=50, K=20", 20_000, 50, 5, None),
    ]
    cases = []
    for case_id, label, *row in table:
        if not row:
            U = rows_with_scores(rng, center, scores)
            args = {"center_vec": center, "outside_idx": 1, "outside_vectors": U, "negative_indices": np.array([3, 4])}
        else:
            V, d, o, neg, scale = (*row, 1.0)[:5]
            neg = (
                rng.integers(0, V, size=20) if neg is None else np.asarray(neg)
            )  # 벡터보다 먼저 뽑음 (사례가 바뀌지 않도록)
            v_c = rng.normal(scale=scale, size=d)
            U = rng.normal(scale=scale, size=(V, d))
            args = {"center_vec": v_c, "outside_idx": o, "outside_vectors": U, "negative_indices": neg}
        cases.append(Case(case_id, label, args))
    return cases


def _shape_hints(case: Case) -> dict:
    """건드린 행만 돌려준 grad_outside_vectors ((K+1, d) 또는 (K, d)) 에 붙이는 설명."""
    d = case.args["outside_vectors"].shape[1]
    K = len(case.args["negative_indices"])
    hint = ("sparse-rows", "건드린 K+1 개 행만이 아니라 (V, d) 전체 행렬을 돌려주세요 (나머지 행은 0).")
    return {(K + 1, d): hint, (K, d): hint}


def _with_flipped_negatives(case: Case):
    """σ(-u_k·v_c) 의 마이너스를 빠뜨린 손실과 기울기 (네거티브 행의 부호를 바꿔 참조 구현으로)."""
    U = case.args["outside_vectors"].copy()
    neg = np.unique(case.args["negative_indices"])
    U[neg] *= -1
    loss, grad_center, grad_outside = reference_neg_sampling(
        case.args["center_vec"], case.args["outside_idx"], U, case.args["negative_indices"]
    )
    grad_outside[neg] *= -1
    return loss, grad_center, grad_outside


def _neg_sampling_loss_problem(ctx, case, got, want) -> None:
    v_c, o, U, neg = (case.args[k] for k in ("center_vec", "outside_idx", "outside_vectors", "negative_indices"))
    problem = difference("loss", got[0], want[0])
    if not all_finite(got[0]):
        ctx.fail("loss-log-of-sigmoid", problem, HINTS["loss-log-of-sigmoid"])
    flipped = _with_flipped_negatives(case)
    if same_values(got[0], flipped[0]):
        ctx.fail("negatives-missing-minus", problem, HINTS["negatives-missing-minus"])
    s_o, s_k = U[o] @ v_c, U[neg] @ v_c
    probs = reference_sigmoid(np.concatenate([[s_o], -s_k]))
    no_log = "시그모이드 값에 -log 를 씌우지 않았습니다: J = -log σ(u_o·v_c) - Σ_k log σ(-u_k·v_c)."
    ctx.fail_matching(
        got[0],
        [
            (
                "loss-sign",
                -want[0],
                "손실의 부호가 반대입니다. J = -log σ(u_o·v_c) - Σ_k log σ(-u_k·v_c) 는 항상 0 이상입니다.",
            ),
            ("loss-no-log", probs.sum(), no_log),
            ("loss-no-log", -probs.sum(), no_log),
            ("loss-no-log", probs.prod(), no_log),
            (
                "loss-missing-negatives",
                -float(reference_log_sigmoid(s_o)),
                "손실에 네거티브 항 -Σ_k log σ(-u_k·v_c) 가 빠졌습니다.",
            ),
        ],
        problem,
    )
    ctx.fail("wrong-value", problem)


def _classify_positive(c: float, s_o: float) -> str:
    sig = float(reference_sigmoid(s_o))
    for kind, value in (
        ("ok", sig - 1),
        ("sign", 1 - sig),
        ("missing-minus-one", sig),
        ("sigmoid-derivative", sig * (1 - sig)),
        ("missing", 0.0),
    ):
        if close(c, value):
            return kind
    return "wrong"


def _classify_negatives(c: np.ndarray, s_k: np.ndarray, counts: np.ndarray) -> str:
    sig = reference_sigmoid(s_k)
    for kind, value in (
        ("ok", counts * sig),
        ("sign", -counts * sig),
        ("sigma-flipped", counts * reference_sigmoid(-s_k)),
        ("minus-one", counts * (sig - 1)),
        ("sigmoid-derivative", counts * sig * (1 - sig)),
        ("missing", np.zeros_like(sig)),
        ("duplicates-once", sig),
    ):
        if close(c, value):
            return kind
    return "wrong"


_TERM_HINTS = {
    ("positive", "sign"): "긍정 항의 부호가 반대입니다: ∂J/∂s_o = σ(s_o) - 1 (0 이하) 이므로 "
    "u_o 항의 계수는 σ(s_o) - 1 입니다.",
    ("positive", "missing-minus-one"): "긍정 항에서 -1 을 빠뜨렸습니다: -log σ(s_o) 를 미분하면 "
    "-(1 - σ(s_o)) = σ(s_o) - 1 입니다.",
    ("positive", "sigmoid-derivative"): "긍정 항에 σ'(s_o) = σ(s_o)(1 - σ(s_o)) 를 썼습니다. log 를 먼저 미분하세요: "
    "d/ds [-log σ(s)] = -σ'(s)/σ(s) = σ(s) - 1.",
    ("positive", "missing"): "긍정 항 (σ(s_o) - 1) u_o 가 빠졌습니다.",
    ("positive", "wrong"): "긍정 항의 계수가 σ(s_o) - 1 이 아닙니다.",
    ("negatives", "sign"): "네거티브 항의 부호가 반대입니다: ∂J/∂s_k = σ(s_k) (0 이상) 입니다.",
    ("negatives", "sigma-flipped"): "네거티브 항에 σ(-s_k) 를 썼습니다: -log σ(-s_k) 를 s_k 로 미분하면 σ(s_k) "
    "입니다 (1 - σ(-s_k) = σ(s_k)).",
    ("negatives", "minus-one"): "네거티브 항에서도 1 을 뺐습니다. σ(s) - 1 은 긍정 항이고, "
    "네거티브 항은 σ(s_k) 입니다.",
    ("negatives", "sigmoid-derivative"): "네거티브 항에 σ'(s_k) = σ(s_k)(1 - σ(s_k)) 를 썼습니다. log 를 먼저 "
    "미분하세요: d/ds [-log σ(-s)] = σ(s).",
    ("negatives", "missing"): "네거티브 항 Σ_k σ(s_k) u_k (또는 σ(s_k) v_c) 가 빠졌습니다.",
    ("negatives", "wrong"): "네거티브 항의 계수가 σ(s_k) 가 아닙니다.",
}

_DUPLICATES_HINT = (
    "중복된 네거티브를 한 번만 더했습니다. grad[neg_idx] += ... 는 같은 인덱스가 여러 번 있어도 "
    "한 번만 더합니다. 반복문으로 하나씩 더하거나 np.add.at(grad, neg_idx, ...) 를 쓰세요."
)


def _term_diagnosis(ctx, case, got, problem) -> None:
    """항마다의 계수를 구해 어느 부분의 어느 항이 틀렸는지로 실패합니다 (구할 수 없으면 돌아옵니다).

    u_o, u_k 들의 수가 d 와 같으면 어떤 벡터든 그 조합으로 나타나므로, 다른 벡터가 섞였는지는 알 수 없습니다
    (그런 사례의 진단은 확실하지 않다고 표시합니다).
    """
    v_c, o, U, neg = (case.args[k] for k in ("center_vec", "outside_idx", "outside_vectors", "negative_indices"))
    unique, counts = np.unique(neg, return_counts=True)
    if o in unique or 1 + len(unique) > len(v_c):
        return
    certain = 1 + len(unique) < len(v_c)
    s_o, s_k = U[o] @ v_c, U[unique] @ v_c
    basis = U[np.concatenate([[o], unique])]  # (1 + 서로 다른 네거티브 수, d)
    coef, *_ = np.linalg.lstsq(basis.T, got[1], rcond=None)
    if not close(basis.T @ coef, got[1]):
        ctx.fail("center-wrong-vectors", problem, HINTS["center-wrong-vectors"])
    rows = got[2][np.concatenate([[o], unique])]
    along = rows @ v_c / (v_c @ v_c)
    if not close(np.outer(along, v_c), rows):
        ctx.fail("outside-wrong-vectors", problem, HINTS["outside-wrong-vectors"])
    kinds = {
        "center": (_classify_positive(coef[0], s_o), _classify_negatives(coef[1:], s_k, counts)),
        "outside": (_classify_positive(along[0], s_o), _classify_negatives(along[1:], s_k, counts)),
    }
    if "duplicates-once" in kinds["center"] + kinds["outside"]:
        ctx.fail("duplicates-once", problem, _DUPLICATES_HINT, certain=certain)
    for index, term in enumerate(("positive", "negatives")):
        center_kind, outside_kind = kinds["center"][index], kinds["outside"][index]
        if center_kind == outside_kind == "ok":
            continue
        if center_kind == outside_kind:
            category, where = f"{term}-{center_kind}", "두 기울기 모두"
            kind = center_kind
        else:
            part, kind = ("center", center_kind) if center_kind != "ok" else ("outside", outside_kind)
            category, where = f"{part}-{term}-{kind}", _PARTS[part]
        name = "긍정 항 (u_o)" if term == "positive" else "네거티브 항 (u_k)"
        ctx.fail(category, f"{problem}\n틀린 항: {where}의 {name}", _TERM_HINTS[(term, kind)], certain=certain)


def _neg_sampling_gradient_problem(ctx, case, got, want) -> None:
    o, U, neg = (case.args[k] for k in ("outside_idx", "outside_vectors", "negative_indices"))
    touched = np.zeros(len(U), dtype=bool)
    touched[o] = True
    touched[neg] = True
    negative_rows = np.setdiff1d(np.unique(neg), [o])
    rows = {"주변 단어 o 의 행 u_o": [o], "네거티브 행": negative_rows, "나머지 행": np.flatnonzero(~touched)}
    problem = gradient_problem(got, want, rows)
    if not (all_finite(got[1]) and all_finite(got[2])):
        ctx.fail("nan-or-inf", problem)
    flipped = _with_flipped_negatives(case)
    if same_values(got[1], flipped[1]) and same_values(got[2], flipped[2]):
        # 손실은 맞음 (손실이 틀리면 앞에서 실패): 네거티브 계수가 σ(s_k) - 1 = -σ(-s_k)
        ctx.fail(
            "negatives-minus-one",
            f"{problem}\n틀린 항: 두 기울기 모두의 네거티브 항 (u_k)",
            _TERM_HINTS[("negatives", "minus-one")],
        )
    if same_values(got[1], -want[1]) and same_values(got[2], -want[2]):
        ctx.fail("grad-sign", problem, HINTS["grad-sign"])
    if not np.allclose(got[2][~touched], 0.0):
        ctx.fail("dense-rows", problem, HINTS["dense-rows"])
    _term_diagnosis(ctx, case, got, problem)
    ctx.fail("wrong-value", problem)


judge = loss_judge(
    reference_neg_sampling, _neg_sampling_loss_problem, _neg_sampling_gradient_problem, shape_hints=_shape_hints
)


EXERCISE = Exercise(
    id="nb04-neg-sampling-loss",
    function="neg_sampling_loss_and_gradient",
    signature=(
        "neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, negative_indices) "
        "-> (loss, (d,), (V, d))"
    ),
    title="neg_sampling_loss_and_gradient (네거티브 샘플링 손실과 기울기)",
    summary=(
        "{n}개 사례 (중복된 네거티브, o 가 네거티브로도 뽑힌 경우, 아주 큰 점수 포함)"
        "에서 손실과 두 기울기가 모두 맞습니다."
    ),
    points=3,
    order=1,
    references={
        "sgns.neg_sampling.neg_sampling_sparse_gradient": None,
        "sgns.neg_sampling.neg_sampling_coefficients": lambda v, o, U, neg: (v[None], U[np.r_[o, neg]][None]),
        "sgns.neg_sampling.neg_sampling_batch": lambda v, o, U, neg: (v[None], U, [0], [o], [neg]),
    },
)
