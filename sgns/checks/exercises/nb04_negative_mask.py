"""4b 연습문제 (4.6절): 건너뛸 네거티브의 마스크 ``negative_mask(center_idx, outside_idx, negative_indices)``.

- center_idx, outside_idx : (B,) 미니배치 쌍 b 의 중심 단어 c_b 와 정답 주변 단어 o_b
- negative_indices : (B, K) 쌍 b 의 네거티브 샘플
- 반환: (B, K) bool 배열, ``mask[b, k]`` 는 네거티브 ``negative_indices[b, k]`` 를 남기면 (그 쌍의 o_b 와 다르면)
  True, 건너뛰면 (o_b 와 같으면) False

word2vec, gensim, ``sgns.train`` 처럼 정답 주변 단어와 같은 네거티브만 건너뜁니다. 중심 단어와 같은 네거티브는
남깁니다 (u_c 는 v_c 와 다른 벡터이므로 그 쌍은 문제가 없음). 행마다 비교해야 하므로 ``outside_idx[:, None]``
처럼 (B, 1) 로 세워 브로드캐스팅합니다. 정사각 사례 (B = K) 에서는 ``outside_idx[None, :]`` 도 오류 없이
돌아가지만 값이 틀립니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._values import fmt, none_problem

CATEGORIES = {
    "inverted": "마스크가 뒤집힘 (건너뛸 것이 True)",
    "wrong-axis": "행이 아니라 열 방향으로 비교함 (outside_idx[None, :])",
    "compared-center": "정답 주변 단어가 아니라 중심 단어와 비교함",
    "not-bool": "True/False 대신 0/1 정수나 실수를 돌려줌",
    "filtered": "마스크 대신 남길 네거티브만 골라 돌려줌",
    "per-row": "네거티브마다가 아니라 쌍마다 하나를 돌려줌",
}

_AXIS_HINT = (
    "쌍 b 의 네거티브는 그 쌍의 정답 o_b 와 비교해야 합니다. `outside_idx[:, None]` 처럼 (B, 1) 로 세우면 "
    "행마다 비교됩니다. `outside_idx[None, :]` 나 `outside_idx` 그대로는 열 k 를 o_k 와 비교합니다."
)


def reference_negative_mask(center_idx, outside_idx, negative_indices):
    """기대한 마스크: 정답 주변 단어와 다른 네거티브만 True."""
    return np.asarray(negative_indices) != np.asarray(outside_idx)[:, None]


def _mask_case(case_id, label, center, outside, negatives) -> Case:
    args = {
        "center_idx": np.asarray(center, dtype=np.int64),
        "outside_idx": np.asarray(outside, dtype=np.int64),
        "negative_indices": np.asarray(negatives, dtype=np.int64),
    }
    return Case(case_id, label, args)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    B, K, V = 200_000, 5, 2_000
    zipf = np.minimum(rng.zipf(1.3, size=(B, K + 2)) - 1, V - 1)  # 빈출 단어가 자주 겹침
    return [
        _mask_case(
            "small", "작은 배치, 한 쌍에서 정답과 같은 네거티브", [0, 2, 4], [1, 3, 5], [[1, 2], [4, 6], [7, 8]]
        ),
        _mask_case(
            "repeats",
            "한 행에 정답이 여러 번, 중심 단어와 같은 네거티브도 있음",
            [3, 0, 6],
            [2, 4, 2],
            [[2, 3, 2, 5], [0, 4, 4, 4], [6, 1, 2, 6]],
        ),
        _mask_case(
            "square",
            "정사각 배치 B = K = 3 (열 방향 비교도 오류 없이 돌아감)",
            [5, 6, 7],
            [0, 1, 2],
            [[0, 1, 3], [2, 1, 4], [0, 2, 2]],
        ),
        _mask_case("none-skipped", "건너뛸 네거티브가 없음", [0, 1], [2, 3], [[4, 5, 6], [0, 1, 4]]),
        _mask_case("one-pair", "쌍 하나 (B = 1)", [4], [9], [[9, 1, 9, 4, 9]]),
        _mask_case("large-input", f"큰 배치 B={B:,}, K={K}", zipf[:, 0], zipf[:, 1], zipf[:, 2:]),
    ]


def _variants(case: Case):
    c, o, neg = (case.args[name] for name in ("center_idx", "outside_idx", "negative_indices"))
    want = reference_negative_mask(c, o, neg)
    variants = [
        (
            "inverted",
            ~want,
            "마스크가 뒤집혔습니다: 남길 네거티브 (o_b 와 다른 것) 가 True 입니다. `==` 대신 `!=` 를 쓰세요.",
        ),
        (
            "compared-center",
            neg != c[:, None],
            "중심 단어 c_b 와 비교했습니다. 건너뛸 것은 정답 주변 단어 o_b 와 같은 네거티브입니다 "
            "(u_c 는 v_c 와 다른 벡터라 중심 단어와 같은 네거티브는 문제가 없습니다).",
        ),
        (
            "compared-center",
            (neg != o[:, None]) & (neg != c[:, None]),
            "중심 단어와 같은 네거티브까지 건너뛰었습니다. 건너뛸 것은 정답 주변 단어 o_b 와 같은 것뿐입니다.",
        ),
    ]
    if neg.shape[0] == neg.shape[1]:
        variants.append(("wrong-axis", neg != o[None, :], _AXIS_HINT))
        variants.append(("inverted", neg == o[None, :], _AXIS_HINT))
    return variants


def judge(ctx, case: Case) -> None:
    neg = case.args["negative_indices"]
    B, K = neg.shape
    result, _ = ctx.call(
        error_hints={"could not be broadcast": ("wrong-axis", _AXIS_HINT)},
    )
    if result is None:
        ctx.fail("returned-none", none_problem("반환값"))
    if not isinstance(result, np.ndarray):
        ctx.fail(
            "not-ndarray",
            f"반환값은 numpy 배열이어야 합니다. 받은 것: {type(result).__name__} {fmt(result)}",
            "학습기가 계수에 곱하거나 인덱스로 쓰므로 (B, K) numpy 배열로 돌려주세요 (`neg != o[:, None]`).",
        )
    want = reference_negative_mask(**case.args)
    if result.shape != (B, K):
        kept = neg[want]
        if result.shape == kept.shape and np.array_equal(result, kept):
            ctx.fail(
                "filtered",
                f"반환값의 형태가 다릅니다: 기대한 형태 {(B, K)}, 받은 형태 {result.shape}",
                "남길 네거티브만 골라 돌려줬습니다. 학습기는 자리마다 True/False 가 필요합니다 (형태 (B, K)).",
            )
        if result.shape == (B,):
            ctx.fail(
                "per-row",
                f"반환값의 형태가 다릅니다: 기대한 형태 {(B, K)}, 받은 형태 {result.shape}",
                "쌍마다 하나가 아니라 네거티브마다 하나씩 (B, K) 입니다. np.any, np.all 로 줄이지 마세요.",
            )
        ctx.fail("wrong-shape", f"반환값의 형태가 다릅니다: 기대한 형태 {(B, K)}, 받은 형태 {result.shape}")
    if result.dtype != np.bool_:
        if result.dtype.kind in "iuf" and np.array_equal(result, want.astype(result.dtype)):
            ctx.fail(
                "not-bool",
                f"반환값의 자료형이 {result.dtype} 입니다. 값은 맞지만 True/False (bool) 배열이어야 합니다.",
                "0/1 정수 배열로 인덱싱하면 행 0 과 행 1 을 고르게 됩니다. 비교 결과 (`!=`) 를 그대로 돌려주세요.",
            )
        ctx.fail("wrong-type", f"반환값은 True/False (bool) 배열이어야 합니다. 받은 자료형: {result.dtype}")
    if np.array_equal(result, want):
        return
    wrong = np.argwhere(result != want)
    b, k = (int(i) for i in wrong[0])
    problem = (
        f"틀린 자리 {len(wrong):,}개 / {B * K:,}개. 예: 쌍 {b} (o={int(case.args['outside_idx'][b])}, "
        f"c={int(case.args['center_idx'][b])}) 의 네거티브 {k} (단어 {int(neg[b, k])}): "
        f"기대한 값 {bool(want[b, k])}, 받은 값 {bool(result[b, k])}"
    )
    ctx.fail_matching(result, _variants(case), problem)
    ctx.fail("wrong-value", problem)


EXERCISE = Exercise(
    id="nb04-negative-mask",
    function="negative_mask",
    signature="negative_mask(center_idx, outside_idx, negative_indices) -> (B, K) bool",
    title="negative_mask (건너뛸 네거티브의 마스크)",
    summary="{n}개 사례 (한 행에 정답이 여러 번, 정사각 배치, 큰 배치 포함)에서 정답과 같은 네거티브만 False 입니다.",
    points=1,
    order=6,
    references={f"{__name__}.reference_negative_mask": None},
)
