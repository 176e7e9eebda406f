"""연습문제 모듈이 함께 쓰는 판정: `compare` (값과 흔한 실수), `array_judge` (배열을 돌려주는 함수),
`loss_judge` (손실과 두 기울기), `answers_judge` (`Choice`, `Number` 문항의 퀴즈).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sgns.checks._values import (
    as_array,
    as_scalar,
    close,
    difference,
    fmt,
    non_finite_note,
    same_values,
    unpack,
)

LOSS_NAMES = ("loss", "grad_center_vec", "grad_outside_vectors")


def compare(ctx, got, want, variants=(), *, what="반환값", relative=False, heading=None, otherwise=None) -> None:
    """got이 want와 같으면 돌아오고, 다르면 흔한 실수, otherwise, nan-or-inf / wrong-value 순으로 실패합니다.

    variants : (범주 id, 흔한 실수의 결과, 안내) 들, 또는 그것을 돌려주는 함수 (틀렸을 때만 계산)
    heading : 문제 설명의 첫 줄; otherwise : problem -> None (예: 합이 1 인지)
    """
    if close(got, want, relative=relative):
        return
    note = non_finite_note(got)
    problem = "\n".join(filter(None, [heading, difference(what, got, want), note]))
    ctx.fail_matching(got, variants() if callable(variants) else variants, problem, relative=relative)
    if otherwise is not None:
        otherwise(problem)
    ctx.fail("nan-or-inf" if note else "wrong-value", problem)


def hinted(hints: dict, variants) -> list[tuple]:
    """흔한 실수들: (범주 id, 결과)에 안내 ``hints[범주 id]``를 붙입니다 ((범주, 결과, 안내)는 그대로)."""
    return [v if len(v) == 3 else (*v, hints[v[0]]) for v in variants]


def fail_matching_parts(ctx, got: tuple, variants, problem: str) -> None:
    """`CaseContext.fail_matching`의 여러 값 판: got과 variants의 결과는 같은 길이의 튜플 (예: 두 행렬)."""
    matches = [(c, h) for c, values, h in variants if all(map(same_values, got, values))]
    if matches:
        ctx.fail(matches[0][0], problem, matches[0][1], certain=len({c for c, _ in matches}) == 1)


def array_judge(reference, variants=None, *, what="반환값", label=None, relative=False, otherwise=None, **call):
    """``f(...) -> 첫 인자와 같은 형태의 배열`` 연습문제의 judge (형태, 값, 오버플로 경고).

    reference : 사례의 인자 (키워드) -> 기대한 값; variants : (case, got, want) -> [(범주 id, 결과, 안내), ...]
    what, label : 형태·값 메시지의 이름; otherwise : (ctx, got, problem) -> None; call : `CaseContext.call`에
    """

    def judge(ctx, case) -> None:
        result, _ = ctx.call(**call)
        got = as_array(ctx, result, what, np.shape(next(iter(case.args.values()))))
        want = reference(**case.args)
        compare(
            ctx,
            got,
            want,
            lambda: variants(case, got, want) if variants else (),
            what=label or what,
            relative=relative,
            otherwise=otherwise and (lambda problem: otherwise(ctx, got, problem)),
        )
        ctx.fail_on_warnings()

    return judge


# ---- 손실과 기울기 -------------------------------------------------------------


def rows_with_scores(rng, center_vec: np.ndarray, scores) -> np.ndarray:
    """U @ center_vec == scores가 되는 무작위 (V, d) 행렬 U (점수가 아주 큰 사례를 만들 때)."""
    scores = np.asarray(scores, dtype=np.float64)
    U = rng.normal(size=(len(scores), len(center_vec)))
    U -= np.outer(U @ center_vec - scores, center_vec) / (center_vec @ center_vec)
    return U


def unpack_loss_result(ctx, result, V: int, d: int, shape_hints=None):
    """(loss, grad_center_vec, grad_outside_vectors)를 검사해 (실수, (d,), (V, d))로 돌려줍니다."""
    loss, grad_center, grad_outside = unpack(ctx, result, LOSS_NAMES)
    loss = as_scalar(ctx, loss, "loss")
    grad_center = as_array(ctx, grad_center, "grad_center_vec", (d,), require_ndarray=True)
    grad_outside = as_array(
        ctx, grad_outside, "grad_outside_vectors", (V, d), require_ndarray=True, shape_hints=shape_hints
    )
    return loss, grad_center, grad_outside


def wrong_parts(got_center, got_outside, want_center, want_outside, row_groups: dict[str, np.ndarray]) -> list[str]:
    """기울기에서 틀린 부분의 이름들. row_groups : 이름 -> 행 인덱스 배열 (예: {"나머지 행": ...})."""
    parts = []
    if not close(got_center, want_center):
        parts.append("∂J/∂v_c (중심 단어 벡터의 기울기)")
    for name, rows in row_groups.items():
        rows = np.asarray(rows, dtype=np.int64)
        if rows.size and not close(got_outside[rows], want_outside[rows]):
            shown = f" {fmt(rows.tolist())}" if rows.size <= 6 else ""
            parts.append(f"∂J/∂U의 {name}{shown}")
    return parts


def gradient_problem(got, want, row_groups: dict) -> str:
    """기울기가 틀렸을 때의 설명: 먼저 틀린 기울기의 값 차이, 그다음 틀린 부분들 (`wrong_parts`)."""
    parts = wrong_parts(got[1], got[2], want[1], want[2], row_groups)
    which = 1 if not close(got[1], want[1]) else 2
    lines = [difference(LOSS_NAMES[which], got[which], want[which]), "틀린 부분: " + ", ".join(parts) if parts else ""]
    return "\n".join(filter(None, lines))


def loss_judge(reference, loss_problem, gradient_problem, shape_hints=None):
    """``f(center_vec, outside_idx, outside_vectors, ...) -> (loss, (d,), (V, d))`` 연습문제의 judge.

    loss_problem, gradient_problem : (ctx, case, got, want) -> 실패; shape_hints : case -> {형태: (범주, 안내)}
    """

    def judge(ctx, case) -> None:
        V, d = case.args["outside_vectors"].shape
        result, _ = ctx.call()
        got = unpack_loss_result(ctx, result, V, d, shape_hints=shape_hints(case) if shape_hints else None)
        want = reference(**case.args)
        if not close(got[0], want[0]):
            loss_problem(ctx, case, got, want)
        if not (close(got[1], want[1]) and close(got[2], want[2])):
            gradient_problem(ctx, case, got, want)
        ctx.fail_on_warnings()

    return judge


# ---- 퀴즈 답 -----------------------------------------------------------------

ANSWER_CATEGORIES = {
    "missing-answer": "답하지 않은 문항이 있음",
    "not-a-choice": "보기에 없는 답",
    "wrong-choice": "틀린 보기를 고름",
    "wrong-number": "수가 허용 오차 밖",
}


@dataclass(frozen=True)
class Choice:
    """객관식 문항: 보기들과 정답, (틀렸을 때의) 안내."""

    options: tuple
    correct: object
    hint: str | None = None


@dataclass(frozen=True)
class Number:
    """수로 답하는 문항: 정답 (수 하나나 수들의 튜플; sgns로 계산해 넣음), 허용 오차 (절대), 안내."""

    value: float | tuple
    tolerance: float
    hint: str | None = None


def is_quiz(exercise) -> bool:
    """`answers_judge`로 판정하는 퀴즈 연습문제인지 (큰 입력 사례, 참조 구현이 없는 연습문제)."""
    return getattr(exercise.judge, "questions", None) is not None or "missing-answer" in exercise.categories


def _number_problem(name: str, got, question: Number) -> tuple[str, str, bool] | None:
    """수 문항의 (범주, 문제, 안내를 붙일지) 또는 맞으면 None. 정답은 보여 주지 않습니다."""
    want = np.atleast_1d(np.asarray(question.value, dtype=np.float64))
    try:
        arr = None if isinstance(got, (str, bytes, bool)) else np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        arr = None
    if arr is None:
        what = "수 하나여야" if np.ndim(question.value) == 0 else f"수 {want.size}개의 목록이어야"
        return "wrong-number", f"문항 {name!r}: 답은 {what} 합니다. 받은 것: {type(got).__name__} {fmt(got)}", False
    arr = np.atleast_1d(arr)
    if arr.shape != want.shape:
        return "wrong-number", f"문항 {name!r}: 수 {want.size}개를 적어야 하는데 {arr.size}개를 적었습니다.", False
    bad = ~(np.abs(arr - want) <= question.tolerance)
    if not bad.any():
        return None
    if np.all(np.abs(arr + want) <= question.tolerance) and np.any(want != 0):
        return "wrong-number", f"문항 {name!r}: 부호가 반대입니다 (크기는 맞습니다).", True
    margin = "" if question.tolerance == 0 else f" (허용 오차 ±{question.tolerance:g})"
    if want.size == 1:
        return "wrong-number", f"문항 {name!r}: 받은 값 {fmt(float(arr[0]))}이(가) 틀렸습니다{margin}.", True
    which = ", ".join(f"{i + 1}번째 ({fmt(float(arr[i]))})" for i in np.flatnonzero(bad))
    return "wrong-number", f"문항 {name!r}: {which} 원소가 틀렸습니다{margin}.", True


def answers_judge(questions: dict):
    """``answers() -> {문항: 답}`` 퀴즈의 judge (questions: 문항 -> `Choice` | `Number`; 범주 `ANSWER_CATEGORIES`).

    틀린 문항과 답하지 않은 문항을 모두 알리고 문항마다 안내를 붙입니다 (범주는 첫 문제의 것; 정답은 숨김).
    """

    def judge(ctx, case) -> None:
        result, _ = ctx.call()
        if result is None:
            ctx.fail("returned-none", "문항의 답을 돌려주지 않았습니다 (None). `return` 문을 빠뜨리지 않았나요?")
        if not isinstance(result, dict):
            got = f"{type(result).__name__} {fmt(result)}"
            ctx.fail("wrong-type", f"답은 {{문항: 답}} 꼴의 사전이어야 합니다. 받은 것: {got}")
        problems = []  # (범주, 문제, 안내)
        for name, question in questions.items():
            got = result.get(name)
            if got is None:
                problems.append(("missing-answer", f"문항 {name!r}에 아직 답하지 않았습니다.", None))
            elif isinstance(question, Choice):
                if got not in question.options:
                    problem = f"문항 {name!r}: {fmt(got)}은(는) 보기 {fmt(list(question.options))}에 없습니다."
                    problems.append(("not-a-choice", problem, None))
                elif got != question.correct:
                    problems.append(
                        ("wrong-choice", f"문항 {name!r}: 고른 답 {fmt(got)}이(가) 틀렸습니다.", question.hint)
                    )
            else:
                found = _number_problem(name, got, question)
                if found is not None:
                    category, problem, hinted = found
                    problems.append((category, problem, question.hint if hinted else None))
        if problems:
            right = len(questions) - len(problems)
            lines = [f"{len(questions)}문항 중 {right}문항이 맞았습니다."]
            for _, problem, hint in problems:
                lines.append(f"• {problem}" + (f" 💡 {hint}" if hint else ""))
            ctx.fail(problems[0][0], "\n".join(lines))

    judge.questions = questions
    return judge
