"""손실 함수 연습문제(02 naive softmax, 04 네거티브 샘플링)가 함께 쓰는 도구.

- 사례 만들기: 점수 u_w·v_c 를 원하는 값으로 맞춘 U (아주 큰 점수 사례용)
- (loss, grad_center_vec, grad_outside_vectors) 반환값 검사
- 기울기의 어느 부분(중심 단어 벡터, u_o 행, 네거티브 행, 나머지 행)이 틀렸는지 이름 붙이기
"""

from __future__ import annotations

import numpy as np

from sgns.checks._values import as_array, as_scalar, close, fmt, unpack

LOSS_NAMES = ("loss", "grad_center_vec", "grad_outside_vectors")


def rows_with_scores(rng, center_vec: np.ndarray, scores) -> np.ndarray:
    """U @ center_vec == scores 가 되는 무작위 (V, d) 행렬 U (점수가 아주 큰 사례를 만들 때)."""
    scores = np.asarray(scores, dtype=np.float64)
    U = rng.normal(size=(len(scores), len(center_vec)))
    U -= np.outer(U @ center_vec - scores, center_vec) / (center_vec @ center_vec)
    return U


def unpack_loss_result(ctx, result, V: int, d: int, shape_hints=None):
    """(loss, grad_center_vec, grad_outside_vectors) 를 검사해 (실수, (d,), (V, d)) 로 돌려줍니다."""
    loss, grad_center, grad_outside = unpack(ctx, result, LOSS_NAMES)
    loss = as_scalar(ctx, loss, "loss")
    grad_center = as_array(ctx, grad_center, "grad_center_vec", (d,), require_ndarray=True)
    grad_outside = as_array(
        ctx, grad_outside, "grad_outside_vectors", (V, d), require_ndarray=True, shape_hints=shape_hints
    )
    return loss, grad_center, grad_outside


def wrong_parts(got_center, got_outside, want_center, want_outside, row_groups: dict[str, np.ndarray]) -> list[str]:
    """기울기에서 틀린 부분의 이름들.

    row_groups : 이름 -> 행 인덱스 배열 (예: {"주변 단어 o 의 행 u_o": [o], "나머지 행": ...})
    """
    parts = []
    if not close(got_center, want_center):
        parts.append("∂J/∂v_c (중심 단어 벡터의 기울기)")
    for name, rows in row_groups.items():
        rows = np.asarray(rows, dtype=np.int64)
        if rows.size and not close(got_outside[rows], want_outside[rows]):
            shown = f" {fmt(rows.tolist())}" if rows.size <= 6 else ""
            parts.append(f"∂J/∂U 의 {name}{shown}")
    return parts


def parts_line(parts: list[str]) -> str:
    return "틀린 부분: " + ", ".join(parts) if parts else ""
