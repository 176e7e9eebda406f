"""04 연습문제: 중앙 차분 기울기 ``numerical_gradient(f, x, h=1e-5)``.

f는 x와 같은 형태의 배열을 받아 실수 하나를 돌려주는 함수입니다. 원소마다

    ∂f/∂x_i ≈ (f(x + h e_i) - f(x - h e_i)) / (2h)

를 계산해 x와 같은 형태의 배열로 돌려줍니다. x의 원소를 잠깐 바꿔 계산해도 되지만, 끝나면 x는 원래 값이어야
하고 (다음 원소는 원래 지점에서 계산), 간격은 넘겨받은 h입니다. 기대한 값은 같은 h로 계산한 중앙 차분이라
앞쪽 차분 (오차 O(h))과 간격을 무시한 답은 곡률이 큰 사례에서 갈립니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import compare
from sgns.checks._values import as_array
from sgns.gradient_check import numerical_gradient as reference_numerical_gradient

CATEGORIES = {
    "forward-difference": "중앙 차분 대신 한쪽 (앞쪽·뒤쪽) 차분",
    "not-restored": "바꾼 x[i]를 원래 값으로 되돌리지 않음",
    "step-scaling": "2h로 나누지 않음 (h로 나눔, 괄호 빠짐 등)",
    "h-ignored": "넘겨받은 h 대신 고정한 간격",
    "returned-scalar": "배열 대신 실수 하나를 돌려줌",
}


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    A = rng.normal(size=(4, 4))
    A = A + A.T
    W = rng.normal(size=(2, 3))
    big = rng.normal(size=(300, 300)) / 30
    rows = [  # id, label, f 의 식 (메시지용), f, x, h
        ("square", "제곱의 합", "Σ x²", lambda x: float(np.sum(x**2)), np.array([1.0, -2.0, 3.0]), 1e-5),
        ("curved", "곡률이 큰 함수", "Σ e^{10x}", lambda x: float(np.sum(np.exp(10 * x))),
         np.array([-0.5, -0.2, 0.1, 0.4]), 1e-5),
        ("coupled", "원소끼리 얽힌 이차식, 큰 간격", "½ xᵀAx", lambda x: float(x @ A @ x / 2), rng.normal(size=4), 0.1),
        ("matrix", "2차원 x", "Σ sin(x)·W", lambda x: float(np.sum(np.sin(x) * W)), rng.normal(size=(2, 3)), 1e-4),
        ("given-step", "넘겨받은 간격 h=0.05", "Σ e^{3x}", lambda x: float(np.sum(np.exp(3 * x))),
         rng.normal(scale=0.5, size=5), 0.05),
        ("large-input", "큰 입력 x (300,)", "½ xᵀBx + Σ cos x", lambda x: float(x @ big @ x / 2 + np.sum(np.cos(x))),
         rng.normal(size=300), 1e-5),
    ]  # fmt: skip
    return [
        Case(case_id, label, {"f": f, "x": x, "h": h}, shown=f"f(x) = {formula}, x의 형태 {x.shape}, h={h:g}")
        for case_id, label, formula, f, x, h in rows
    ]


def _differences(f, x: np.ndarray, h: float, *, restore=True):
    """원소마다 (f(x + h e_i), f(x - h e_i), f(x)): 흔한 실수를 흉내 낼 때 씀 (restore=False: 되돌리지 않음)."""
    x = np.array(x, dtype=np.float64)
    plus, minus, here = (np.zeros_like(x) for _ in range(3))
    for idx in np.ndindex(*x.shape):
        old = x[idx]
        here[idx] = f(x)
        x[idx] = old + h
        plus[idx] = f(x)
        x[idx] = old - h
        minus[idx] = f(x)
        if restore:
            x[idx] = old
    return plus, minus, here


def _variants(case: Case):
    f, x, h = case.args["f"], case.args["x"], case.args["h"]
    plus, minus, here = _differences(f, x, h)
    unrestored_plus, unrestored_minus, _ = _differences(f, x, h, restore=False)
    central = (plus - minus) / (2 * h)
    one_sided = (
        "한쪽 차분은 오차가 O(h) 라서 곡률이 큰 곳에서 틀립니다. (f(x + h e_i) - f(x - h e_i)) / (2h)를 쓰세요."
    )
    scaling = "중앙 차분은 2h 떨어진 두 점의 차이이므로 2h로 나눕니다: `(f_plus - f_minus) / (2 * h)` (괄호까지)."
    variants = [
        ("forward-difference", (plus - here) / h, one_sided),
        ("forward-difference", (here - minus) / h, one_sided),
        (
            "not-restored",
            (unrestored_plus - unrestored_minus) / (2 * h),
            "x[i]를 바꾼 뒤 원래 값으로 되돌리지 않아 다음 원소를 다른 지점에서 계산했습니다. "
            "두 값을 구한 뒤 `x[i] = old`로 되돌리세요.",
        ),
        ("step-scaling", central * 2, scaling),
        ("step-scaling", central * h, scaling),
        ("step-scaling", central * h * h, scaling),
    ]
    for fixed in (1e-5, 1e-4):
        if fixed != h:
            plus_f, minus_f, _ = _differences(f, x, fixed)
            hint = f"간격을 {fixed:g}로 고정했습니다. 넘겨받은 h를 쓰세요 (이 사례는 h={h:g})."
            variants.append(("h-ignored", (plus_f - minus_f) / (2 * fixed), hint))
    return variants


_SCALAR = (
    "returned-scalar",
    "기울기는 x의 원소마다 하나씩이므로 x와 같은 형태의 배열이어야 합니다 (np.zeros_like(x)에 원소마다 채우세요).",
)


def judge(ctx, case: Case) -> None:
    x = case.args["x"]
    result, passed = ctx.call(allow_changes=("x",))
    if not np.array_equal(passed["x"], x):
        ctx.fail(
            "not-restored",
            "함수가 끝난 뒤 입력 x의 값이 바뀌어 있습니다 (x[i]를 바꾼 뒤 되돌리지 않음).",
            "두 값 f(x + h e_i), f(x - h e_i)를 구한 뒤 `x[i] = old`로 되돌리세요 (또는 복사본에서 계산하세요).",
        )
    got = as_array(ctx, result, "반환값", x.shape, shape_hints={(): _SCALAR})
    compare(ctx, got, reference_numerical_gradient(**case.args), lambda: _variants(case))
    ctx.fail_on_warnings()


EXERCISE = Exercise(
    id="nb04-numerical-gradient",
    function="numerical_gradient",
    signature="numerical_gradient(f, x, h=1e-5) -> x와 같은 형태",
    title="numerical_gradient (중앙 차분 기울기)",
    summary="{n}개 사례 (곡률이 큰 함수, 원소끼리 얽힌 이차식, 2차원 x, 큰 입력 포함)에서 중앙 차분이 맞습니다.",
    points=2,
    order=5,
)
