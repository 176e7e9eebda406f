"""sgns.checks 의 공통 틀: 기록, 미완성, 예외, 시간 제한, 끝없는 반복자, 큰 결과, 참조 구현, 숨은 사례, 배점표.

연습문제마다의 흔한 실수는 tests/test_checks_nb0N.py 에 있습니다.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import time
import warnings
from collections import Counter

import numpy as np
import pytest
from checks_testing import SOLUTIONS, evaluate, failing, not_implemented, raises_type_error, solution
from grading.exercise_cells import exercise_cells

from conftest import REPO
from sgns import checks
from sgns.checks import record as record_module
from sgns.checks._judges import Choice, is_quiz
from sgns.checks._references import ReferenceError, resolve, solvers
from sgns.checks.exercises.nb02_softmax_score_gradient import reference_score_gradient
from sgns.checks.exercises.nb04_sgd_step import reference_sgd_step
from sgns.checks.hidden import ENV_VAR
from sgns.corpus import keep_probabilities, skipgram_pairs
from sgns.functions import log_sigmoid, sigmoid, softmax
from sgns.neg_sampling import neg_sampling_loss_and_gradient
from sgns.sampling import NegativeSampler
from sgns.softmax_loss import naive_softmax_loss_and_gradient

IDS = list(checks.ALL_EXERCISES)
# 퀴즈 (`answers_judge`: 개념 확인, 숫자로 확인) 는 인자 없는 사례 하나이고 큰 입력·참조 구현이 없습니다
QUIZZES = [i for i in IDS if is_quiz(checks.exercise(i))]
FUNCTIONS = [i for i in IDS if i not in QUIZZES]


# ---------------------------------------------------------------------------
# 모든 연습문제에 공통
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", IDS)
def test_solution_passes_every_case_with_the_same_record_each_run(exercise_id):
    first = evaluate(exercise_id, solution(exercise_id))
    second = evaluate(exercise_id, solution(exercise_id))
    assert first.status == "pass", first.message
    assert first.passed == first.total >= 4 or exercise_id == "nb04-train-loop" or exercise_id in QUIZZES
    assert first.message.startswith("✅ ") and first.message.count("\n") == 0
    assert checks.exercise(exercise_id).title in first.message
    # 퀴즈는 사례가 아니라 문항으로 말합니다 (사례 하나짜리 판정은 학생에게 보이지 않음)
    assert ("사례" not in first.message) if exercise_id in QUIZZES else ("공개 사례" in first.message)
    assert first.to_json() == second.to_json()
    assert json.loads(json.dumps(first.to_json())) == first.to_json()


@pytest.mark.parametrize("exercise_id", IDS)
def test_untouched_stub_is_todo(exercise_id):
    record = evaluate(exercise_id, not_implemented)
    assert record.status == "todo"
    assert record.message.startswith("⏳ ") and checks.exercise(exercise_id).title in record.message
    assert ("문항" in record.message) if exercise_id in QUIZZES else ("연습문제" in record.message)
    assert record.cases == () and record.score() == 0.0


@pytest.mark.parametrize("exercise_id", IDS)
def test_exception_inside_student_code_names_the_line(exercise_id):
    record = failing(exercise_id, raises_type_error, "exception")
    assert "TypeError: unsupported operand" in record.message
    assert "번째 줄: `raise TypeError(" in record.message
    assert ("사례" not in record.message) if exercise_id in QUIZZES else ("사례 1/" in record.message)


@pytest.mark.parametrize("exercise_id", IDS)
def test_missing_return_is_named(exercise_id):
    answer = solution(exercise_id)

    def forgot_return(*args, **kwargs):
        answer(*args, **kwargs)  # 계산은 하지만 return 을 빠뜨림

    failing(exercise_id, forgot_return, "returned-none")


@pytest.mark.parametrize("exercise_id", IDS)
def test_passing_a_call_result_instead_of_a_function(exercise_id):
    record = failing(exercise_id, None, "not-callable")
    assert "None" in record.message  # 받은 값을 보여 줌


@pytest.mark.parametrize("exercise_id", FUNCTIONS)
def test_every_exercise_has_a_large_input_case(exercise_id):
    """큰 입력 사례는 느린 반복문 (numpy 대신 파이썬 반복) 을 잡습니다. 사례 id 는 연습문제 안에서 고유합니다."""
    cases = checks.exercise(exercise_id).make_cases()
    module = f"sgns/checks/exercises/{exercise_id.replace('-', '_')}.py"
    ids = [c.id for c in cases]
    assert exercise_id in QUIZZES or any(i in ("large-input", "long-sentence", "synthetic") for i in ids), (
        f"{module} 의 make_cases() 에 큰 입력 사례가 없습니다 (사례 id: {ids}). "
        'Case("large-input", "큰 입력 ...", {...}) 를 더하세요.'
    )
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert not repeated, f"{module} 의 사례 id 가 겹칩니다: {repeated}. 사례마다 다른 id 를 주세요."


def test_every_placed_exercise_has_its_model_solution_in_a_notebook_and_unplaced_ones_say_so():
    """모범 답안은 강사용 노트북의 풀이 셀 하나뿐입니다. 셀이 아직 없으면 모듈이 그렇다고 (placed=False) 말합니다."""
    problems = []
    for exercise_id, spec in checks.ALL_EXERCISES.items():
        module = f"sgns/checks/exercises/{exercise_id.replace('-', '_')}.py"
        command = (
            f"make new-exercise NB=<노트북> NAME={exercise_id} FUNCTION={spec.function}"
            f' ARGS="{spec.signature.split("(", 1)[1].split(")", 1)[0]}" AFTER=<셀 번호>'
        )
        if spec.placed and exercise_id not in SOLUTIONS:
            problems.append(
                f"{exercise_id}: notebooks/*.ipynb 에 `def {spec.function}(` 풀이 셀 (### BEGIN SOLUTION) 이 없습니다."
                f" 셀을 넣으세요 ({command}), 아직 넣지 않을 것이면 {module} 의 EXERCISE 에 placed=False 를 적으세요."
            )
        if not spec.placed and exercise_id in SOLUTIONS:
            problems.append(f"{exercise_id}: 노트북에 풀이 셀이 있으니 {module} 의 placed=False 를 지우세요.")
    assert not problems, "\n".join(problems)
    assert set(SOLUTIONS) == set(checks.EXERCISES)


def test_the_readme_counts_the_exercises_it_has():
    """README 의 "연습문제가 N~M개(모두 T개, 그중 선택 K개)" 는 찾은 연습문제 (노트북에 셀이 있는 것) 에서 셉니다.

    퀴즈 (개념 확인, 숫자로 확인) 는 따로 셉니다: "개념 확인과 숫자로 확인이 모두 Q개".
    """
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"연습문제가 (\d+)~(\d+)개\(모두 (\d+)개, 그중 선택 (\d+)개\)", readme)
    assert found, "README.md 에 '연습문제가 N~M개(모두 T개, 그중 선택 K개)' 문장이 없습니다."
    exercises = {i: spec for i, spec in checks.EXERCISES.items() if i not in QUIZZES}
    cells = exercise_cells()  # 연습문제 id -> (노트북, 셀 번호, 원문): 한 장이 두 노트북이면 (04, 04b) 따로 셉니다
    per_notebook = Counter(cells[exercise_id][0].name for exercise_id in exercises)
    optional = sum(spec.optional for spec in exercises.values())
    expected = (min(per_notebook.values()), max(per_notebook.values()), len(exercises), optional)
    written = tuple(map(int, found.groups()))
    assert written == expected, (
        f"README.md 의 연습문제 수 {found.group(0)!r} 가 sgns/checks/exercises/ 와 다릅니다: "
        f"'연습문제가 {expected[0]}~{expected[1]}개(모두 {expected[2]}개, 그중 선택 {expected[3]}개)' 로 고치세요."
    )
    quizzes = re.search(r"개념 확인과 숫자로 확인이 모두 (\d+)개", readme)
    assert quizzes, "README.md 에 '개념 확인과 숫자로 확인이 모두 Q개' 문장이 없습니다."
    assert int(quizzes.group(1)) == len(QUIZZES), (
        f"README.md 의 퀴즈 수 {quizzes.group(0)!r}: 찾은 퀴즈는 {len(QUIZZES)}개 ({', '.join(QUIZZES)}) 입니다."
    )


@pytest.mark.parametrize("exercise_id", QUIZZES)
def test_every_wrong_quiz_answer_is_named_with_its_hint_and_without_the_answer(exercise_id):
    """틀린 문항은 한 번에 모두 보이고, 문항마다 안내 (다시 읽을 곳) 가 붙고, 정답은 보이지 않습니다."""
    questions = checks.exercise(exercise_id).judge.questions
    wrong, answers = {}, {}
    for name, question in questions.items():
        assert question.hint, f"{exercise_id}: 문항 {name!r} 에 안내가 없습니다."
        if isinstance(question, Choice):
            answers[name] = next(option for option in question.options if option != question.correct)
        else:
            value = np.asarray(question.value, dtype=np.float64)
            answers[name] = (value + 10 * question.tolerance + 1.5).tolist()
        wrong[name] = question
    record = evaluate(exercise_id, lambda: answers)
    assert record.status == "fail" and record.category in ("wrong-choice", "wrong-number"), record.message
    assert f"{len(questions)}문항 중 0문항이 맞았습니다." in record.message
    for name, question in wrong.items():
        assert f"문항 {name!r}" in record.message and question.hint in record.message
        if not isinstance(question, Choice):
            for x in np.atleast_1d(question.value):
                assert abs(x) < 0.01 or f"{x:.3f}" not in record.message


@pytest.mark.parametrize("exercise_id", QUIZZES)
def test_unanswered_quiz_items_are_named(exercise_id):
    questions = checks.exercise(exercise_id).judge.questions
    record = failing(exercise_id, lambda: dict.fromkeys(questions), "missing-answer")
    assert record.message.count("아직 답하지 않았습니다") == len(questions)


def test_quiz_numbers_are_compared_element_by_element_and_a_flipped_sign_is_named():
    from sgns.checks._harness import Case, Exercise, run_exercise
    from sgns.checks._judges import ANSWER_CATEGORIES, Number, answers_judge

    want = np.array([-0.156, 0.114, 0.042])
    exercise = Exercise(
        id="nb02-vector-quiz", function="answers", signature="answers() -> {문항: 답}", title="퀴즈",
        summary="맞습니다.", points=1, make_cases=lambda: [Case("answers", "답", {})],
        judge=answers_judge({"g": Number(tuple(want), 2e-3, hint="유도 1로 돌아가세요.")}),
        categories=ANSWER_CATEGORIES,
    )

    def judged(answer):
        return run_exercise(exercise, lambda: {"g": answer}, points=1, partial_credit=False)

    record = judged([want[0], want[1] + 0.1, want[2]])
    assert record.category == "wrong-number" and "2번째" in record.message and "1번째" not in record.message
    assert "유도 1로 돌아가세요." in record.message
    assert "부호가 반대" in judged(list(-want)).message
    record = judged([0.1, 0.2])
    assert "3개" in record.message and "유도 1로" not in record.message  # 형식이 틀리면 내용 안내는 붙이지 않음
    assert "목록이어야" in judged("abc").message
    assert judged(np.round(want, 3)).status == "pass"


def test_check_function_displays_and_returns_nothing(capsys):
    assert checks.check_softmax(SOLUTIONS["nb02-softmax"]) is None
    assert capsys.readouterr().out.startswith("✅ 공개 사례 통과: softmax")

    def wrong(x):
        return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 확인 셀이 경고(stderr)를 내지 않음
        assert checks.check_softmax(wrong) is None
    out = capsys.readouterr().out
    assert out.startswith("❌ softmax") and "💡 흔한 실수로 보입니다" in out


def test_check_by_id_is_the_same_as_the_named_check(capsys):
    checks.check("nb03-sigmoid", SOLUTIONS["nb03-sigmoid"])
    by_id = capsys.readouterr().out
    checks.check_sigmoid(SOLUTIONS["nb03-sigmoid"])
    assert capsys.readouterr().out == by_id
    with pytest.raises(KeyError, match="nb03-sigmoid"):
        checks.evaluate("nb03-sigmod", SOLUTIONS["nb03-sigmoid"])


# ---------------------------------------------------------------------------
# 참조 구현을 그대로 돌려준 답
# ---------------------------------------------------------------------------


def _alias_from_sampler(counts, power):
    sampler = NegativeSampler(counts, power=power)
    return sampler.threshold, sampler.alias


def _train_with_package(corpus_ids, noise_probs, sgd_step, **hyper):
    import sgns

    return sgns.train(corpus_ids, **hyper)


REFERENCES = {
    "nb01-skipgram-pairs": skipgram_pairs,
    "nb02-softmax": softmax,
    "nb02-softmax-score-gradient": reference_score_gradient,
    "nb02-naive-softmax-loss": naive_softmax_loss_and_gradient,
    "nb03-sigmoid": sigmoid,
    "nb03-log-sigmoid": log_sigmoid,
    "nb04-neg-sampling-loss": neg_sampling_loss_and_gradient,
    "nb04-sgd-step": reference_sgd_step,
    "nb05-keep-probabilities": keep_probabilities,
}


@pytest.mark.parametrize("exercise_id", sorted(REFERENCES))
def test_reference_itself_is_named(exercise_id):
    record = failing(exercise_id, REFERENCES[exercise_id], "reference-implementation")
    assert f"`{REFERENCES[exercise_id].__name__}`" in record.message  # 어느 참조 구현인지 이름을 말함


@pytest.mark.parametrize("exercise_id", sorted(REFERENCES))
def test_reference_wrapped_in_a_student_function_is_named(exercise_id):
    reference = REFERENCES[exercise_id]

    def hands_back(*args, **kwargs):
        return reference(*args, **kwargs)

    failing(exercise_id, hands_back, "reference-implementation")
    failing(exercise_id, functools.partial(reference), "reference-implementation")


@pytest.mark.parametrize(
    ("exercise_id", "fn"),
    [
        ("nb05-alias-table", _alias_from_sampler),
        ("nb04-train-loop", _train_with_package),
    ],
    ids=["alias-via-sampler", "train-via-package"],
)
def test_reference_called_indirectly_is_named_even_if_it_fails(exercise_id, fn):
    failing(exercise_id, fn, "reference-implementation")


@pytest.mark.parametrize("exercise_id", FUNCTIONS)
def test_every_sgns_function_that_solves_the_exercise_is_told_when_wrapped(exercise_id):
    """참조 구현 목록은 코드에서 옵니다: 적힌 경로가 모두 실제 함수이고, 어느 것을 감싸도 그렇다고 알려 줍니다."""
    found = solvers(checks.exercise(exercise_id))  # 없는 경로면 ReferenceError
    assert found or exercise_id in QUIZZES, exercise_id
    for reference, adapt in found.values():

        def wraps(*args, reference=reference, adapt=adapt, **kwargs):
            if adapt is None:
                return reference(*args, **kwargs)
            return reference(*adapt(*args, **kwargs))

        record = failing(exercise_id, wraps, "reference-implementation")
        names = {f"`{fn.__name__}`" for fn, _ in found.values()}  # 인자를 만들다 먼저 부른 다른 참조일 수도 있음
        assert any(name in record.message for name in names), record.message


def test_a_listed_reference_that_no_longer_exists_is_an_error():
    with pytest.raises(ReferenceError, match="neg_sampling_sparse_step"):
        resolve("sgns.neg_sampling.neg_sampling_sparse_step")
    with pytest.raises(ReferenceError):
        resolve("sgns.no_such_module.f")


def test_sgns_functions_named_like_the_exercise_function_are_references_without_being_listed():
    assert "sgns.trainer.sgd_step" in solvers(checks.exercise("nb04-sgd-step"))
    assert "sgns.functions.sigmoid" in solvers(checks.exercise("nb03-sigmoid"))
    assert "sgns.neg_sampling.neg_sampling_sparse_gradient" in solvers(checks.exercise("nb04-neg-sampling-loss"))


def test_a_student_function_that_shares_a_reference_name_is_not_a_reference():
    def sigmoid(x):  # 학생이 자기 함수를 sigmoid 라고 부름: 이름이 아니라 코드로 비교
        return SOLUTIONS["nb03-sigmoid"](x)

    assert evaluate("nb03-sigmoid", sigmoid).status == "pass"


def test_using_the_stable_helpers_is_allowed():
    """sgns.softmax, sgns.sigmoid, sgns.log_sigmoid 를 부품으로 쓰는 것은 참조 구현을 돌려준 것이 아닙니다."""

    def score_gradient(scores, outside_idx):
        delta = softmax(scores)
        delta[outside_idx] -= 1
        return delta

    assert evaluate("nb02-softmax-score-gradient", score_gradient).status == "pass"


# ---------------------------------------------------------------------------
# 시간 제한, 끝없는 반복자, 큰 결과
# ---------------------------------------------------------------------------


def endless_loop(x):
    while True:
        x = x + 0


def test_endless_loop_gets_a_timeout_message_and_later_cases_are_skipped():
    start = time.perf_counter()
    record = failing("nb02-softmax", endless_loop, "timeout")
    limit = checks.exercise("nb02-softmax").call_seconds
    assert time.perf_counter() - start < 5 * limit  # 멈추지 않고 돌아옴
    assert f"{limit:g}초" in record.message  # 제한 시간
    assert [c.status for c in record.cases] == ["fail"] + ["skipped"] * (record.total - 1)
    assert f"{record.total - 1}개" in record.message  # 실행하지 않은 사례 수


def test_timeout_is_reported_even_if_student_code_swallows_it():
    def swallows(x):
        try:
            while True:
                x = x + 0
        except BaseException:  # 맨 except: 로 시간 제한을 삼키는 학생 코드
            return SOLUTIONS["nb02-softmax"](x)

    failing("nb02-softmax", swallows, "timeout")


def test_time_limit_counts_cpu_time_so_a_busy_machine_does_not_fail_a_correct_answer(monkeypatch):
    """제한은 학생 함수가 쓴 CPU 시간입니다: CPU 를 쓰지 않고 기다린 시간은 (벽시계 제한 안에서는) 세지 않습니다."""
    from sgns.checks import _guard

    limit = checks.exercise("nb03-sigmoid").call_seconds
    reference = SOLUTIONS["nb03-sigmoid"]
    calls = []

    def slow_but_right(x):  # 첫 사례에서 제한 시간보다 오래 기다림 (다른 프로세스에 밀린 것처럼)
        if not calls:
            time.sleep(limit + 0.5)
        calls.append(1)
        return reference(x)

    monkeypatch.setattr(_guard, "WALL_MINIMUM", limit + 5)
    assert checks.evaluate("nb03-sigmoid", slow_but_right).status == "pass"


def test_code_that_waits_forever_is_cut_by_the_wall_clock_limit(monkeypatch):
    from sgns.checks import _guard

    monkeypatch.setattr(_guard, "WALL_MINIMUM", 1.0)
    monkeypatch.setattr(_guard, "WALL_FACTOR", 0.0)

    def waits(x):
        time.sleep(60)

    start = time.perf_counter()
    failing("nb03-sigmoid", waits, "timeout")
    assert time.perf_counter() - start < 10


def test_timeout_outside_the_main_thread_uses_a_worker_thread():
    stop = threading.Event()

    def waits(x):
        while not stop.is_set():
            time.sleep(0.01)
        return x

    box = {}
    worker = threading.Thread(target=lambda: box.update(record=checks.evaluate("nb03-sigmoid", waits)))
    worker.start()
    worker.join(20)
    stop.set()
    assert not worker.is_alive()
    assert box["record"].category == "timeout"


def test_endless_generator_is_cut():
    def endless_pairs(tokens, window):
        while True:
            yield tokens[0], tokens[0]

    failing("nb01-skipgram-pairs", endless_pairs, "endless-iterator")


def test_generator_returned_where_an_array_is_expected_does_not_hang():
    def generator(x):
        while True:
            yield 0.5

    failing("nb03-sigmoid", generator, "wrong-type")


def test_enormous_results_are_refused_before_conversion():
    failing("nb02-softmax", lambda x: np.broadcast_to(0.5, (10**9,)), "too-large")
    failing("nb05-keep-probabilities", lambda counts, sample: range(10**12), "too-large")
    failing("nb01-skipgram-pairs", lambda tokens, window: [(1, 2)] * 10**6, "too-large")


# ---------------------------------------------------------------------------
# NaN·inf, 꺼진 경고, 입력 변경
# ---------------------------------------------------------------------------


def test_nan_is_never_a_pass():
    def one_nan(x):
        out = SOLUTIONS["nb03-sigmoid"](x)
        out.flat[0] = np.nan
        return out

    record = failing("nb03-sigmoid", one_nan, "nan-or-inf")
    assert "NaN" in record.message


def naive_softmax_formula(x):
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def test_silencing_warnings_does_not_make_the_naive_formula_pass():
    def with_errstate(x):
        with np.errstate(all="ignore"):
            return naive_softmax_formula(x)

    def with_filter(x):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return naive_softmax_formula(x)

    for fn in (with_errstate, with_filter):
        failing("nb02-softmax", fn, "no-max-shift")
    old = np.seterr(all="ignore")
    try:
        failing("nb02-softmax", naive_softmax_formula, "no-max-shift")
    finally:
        np.seterr(**old)


def test_input_changed_in_place_is_named():
    def in_place(x):
        x -= np.max(x, axis=-1, keepdims=True)
        e = np.exp(x)
        return e / np.sum(e, axis=-1, keepdims=True)

    record = failing("nb02-softmax", in_place, "modified-input")
    assert "`x`" in record.message


def test_checker_bug_is_reported_as_error_without_traceback(monkeypatch):
    spec = checks.exercise("nb03-sigmoid")

    def broken(ctx, case):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(checks.EXERCISES, "nb03-sigmoid", spec.__class__(**{**spec.__dict__, "judge": broken}))
    record = evaluate("nb03-sigmoid", SOLUTIONS["nb03-sigmoid"])
    assert record.status == "error" and record.category == "checker-error"
    assert "ZeroDivisionError" in record.message


# ---------------------------------------------------------------------------
# 기록: JSON, Markdown, 노트북에서 읽기, 부분 점수
# ---------------------------------------------------------------------------


def test_record_bundle_has_markdown_plain_text_and_machine_record():
    record = evaluate("nb02-softmax", naive_softmax_formula)
    bundle = record.bundle()
    assert set(bundle) == {"text/plain", "text/markdown", checks.MIME_TYPE}
    data = bundle[checks.MIME_TYPE]
    assert data["exercise"] == "nb02-softmax" and data["status"] == "fail"
    assert data["category"] == "no-max-shift"
    assert data["public"] == {"passed": record.passed, "total": record.total}
    assert {c["visibility"] for c in data["cases"]} == {"public"}
    assert all(isinstance(v, (str, int, bool, list, dict, type(None))) for v in data.values())
    assert checks.CheckRecord.from_json(json.dumps(data)) == record
    markdown = bundle["text/markdown"]
    assert markdown.startswith("**❌ softmax") and "\n- 💡 흔한 실수로 보입니다:" in markdown
    assert "np.exp(x - np.max(x, axis=-1, keepdims=True))" in markdown  # 코드 조각은 그대로


def test_markdown_escapes_everything_outside_code_spans():
    escaped = record_module._md_escape("a*b_c ~5~ <tag> $x$ `keep *this*` [link]")
    assert escaped == r"a\*b_c \~5\~ \<tag\> \$x\$ `keep *this*` \[link\]"
    assert record_module._md_escape("one ` tick *") == r"one \` tick \*"


def test_records_are_read_from_notebook_outputs_in_cell_order():
    passed = evaluate("nb03-sigmoid", SOLUTIONS["nb03-sigmoid"])
    todo = evaluate("nb02-softmax", not_implemented)
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": "x"},
            {"cell_type": "code", "outputs": [{"output_type": "display_data", "data": passed.bundle()}]},
            {"cell_type": "code", "outputs": [{"output_type": "stream", "name": "stdout", "text": "hi"}]},
            {"cell_type": "code", "outputs": [{"output_type": "display_data", "data": todo.bundle()}]},
        ]
    }
    assert checks.records(notebook) == [passed, todo]


def test_partial_credit_counts_passed_cases():
    def no_keepdims(x):
        e = np.exp(x - np.max(x, axis=-1))
        return e / np.sum(e, axis=-1)

    record = failing("nb02-softmax", no_keepdims, "no-keepdims")
    grading = checks.GRADING["nb02-softmax"]
    assert 0 < record.passed < record.total
    assert record.score() == pytest.approx(grading.points * record.passed / record.total)
    assert evaluate("nb02-softmax", SOLUTIONS["nb02-softmax"]).score() == grading.points
    train = failing("nb04-train-loop", raises_type_error, "exception")
    assert train.score() == 0.0  # 부분 점수 없는 연습문제


def test_categories_list_the_common_and_the_exercise_categories():
    for exercise_id in IDS:
        table = checks.categories(exercise_id)
        assert {"timeout", "exception", "reference-implementation"} <= set(table)
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c) for c in table)
        assert all(isinstance(text, str) and text for text in table.values())


# ---------------------------------------------------------------------------
# 숨은 사례
# ---------------------------------------------------------------------------


HIDDEN_FILE = """
import numpy as np

HIDDEN_CASES = {
    "nb02-softmax": [
        {"id": "h-wide", "label": "아주 넓은 행", "args": {"x": np.linspace(-900.0, 900.0, 7)}},
        {"id": "h-small", "label": "작은 행", "args": {"x": np.array([0.5, 0.25])}},
    ],
}
"""


def test_hidden_cases_are_judged_and_recorded(tmp_path, monkeypatch):
    path = tmp_path / "hidden.py"
    path.write_text(HIDDEN_FILE, encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(path))
    passed = evaluate("nb02-softmax", SOLUTIONS["nb02-softmax"])
    assert passed.status == "pass" and passed.hidden == (2, 2)
    assert "숨은 사례" in passed.message
    assert [c.visibility for c in passed.cases][-2:] == ["hidden", "hidden"]

    def only_fails_far_apart(x):
        x = np.asarray(x, dtype=float)
        if x.shape == (7,):  # 숨은 사례에만 있는 모양
            return np.full(x.shape, 1 / x.size)
        return SOLUTIONS["nb02-softmax"](x)

    record = evaluate("nb02-softmax", only_fails_far_apart)
    assert record.status == "fail" and record.public == (9, 9) and record.hidden == (1, 2)
    assert "틀린 숨은 사례 1/2: 아주 넓은 행" in record.message


def test_hidden_cases_from_a_folder_and_bad_files_are_errors(tmp_path, monkeypatch):
    (tmp_path / "a.py").write_text(HIDDEN_FILE, encoding="utf-8")
    (tmp_path / "b.py").write_text(
        "import numpy as np\n"
        'HIDDEN_CASES = {"nb03-sigmoid": [{"id": "h1", "label": "하나", "args": {"x": np.array([0.0, 1.0])}}]}',
        encoding="utf-8",
    )
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert evaluate("nb03-sigmoid", SOLUTIONS["nb03-sigmoid"]).hidden == (1, 1)
    assert evaluate("nb02-softmax", SOLUTIONS["nb02-softmax"]).hidden == (2, 2)
    (tmp_path / "c.py").write_text(
        'HIDDEN_CASES = {"nb03-sigmoid": [{"id": "small", "label": "겹침", "args": {"x": 1.0}}]}', encoding="utf-8"
    )
    clash = evaluate("nb03-sigmoid", SOLUTIONS["nb03-sigmoid"])
    assert clash.status == "error" and "small" in clash.message
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing.py"))
    assert checks.evaluate("nb03-sigmoid", SOLUTIONS["nb03-sigmoid"]).status == "error"  # 강사에게 경로를 알려 줌


def test_without_the_variable_there_are_no_hidden_cases(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert evaluate("nb03-sigmoid", SOLUTIONS["nb03-sigmoid"]).hidden == (0, 0)


# ---------------------------------------------------------------------------
# 배점표와 문서의 표
# ---------------------------------------------------------------------------


def test_grading_table_and_docstring_table_match_the_exercises():
    assert set(checks.GRADING) == set(checks.EXERCISES)
    assert len(checks.EXERCISES) >= 10
    rows = [line for line in checks.__doc__.splitlines() if re.match(r"\| 0\d \|", line)]
    table = {}
    for row in rows:
        notebook, exercise_id, signature, check_name = (cell.strip() for cell in row.strip("|").split("|"))
        table[exercise_id] = (notebook, signature, check_name)
    assert set(table) == set(checks.EXERCISES)
    for exercise_id, spec in checks.EXERCISES.items():
        notebook, signature, check_name = table[exercise_id]
        assert exercise_id.startswith(f"nb{notebook}-")
        assert signature == spec.signature
        assert getattr(checks, check_name).__name__ == check_name == f"check_{spec.function}"
        assert check_name in checks.__all__
        assert re.fullmatch(r"nb\d\d-[a-z0-9-]+", exercise_id)  # nbgrader grade_id 로 쓸 수 있음


# ---------------------------------------------------------------------------
# 퀴즈 답의 판정 (뒤에 올 퀴즈 연습문제용)
# ---------------------------------------------------------------------------


def _quiz():
    from sgns.checks._harness import Case, Exercise
    from sgns.checks._judges import ANSWER_CATEGORIES, Choice, Number, answers_judge

    questions = {
        "ratio": Number(31.62, tolerance=0.01, hint="100^{3/4} : 1 을 계산해 보세요."),
        "direction": Choice(("줄어듦", "늘어남"), "줄어듦", hint="3/4 제곱은 큰 값을 더 많이 줄입니다."),
    }
    return Exercise(
        id="nb05-quiz",
        function="answers",
        signature="answers() -> {문항: 답}",
        title="퀴즈",
        summary="{n}개 사례에서 답이 맞습니다.",
        points=1,
        make_cases=lambda: [Case("answers", "답", {})],
        judge=answers_judge(questions),
        categories=ANSWER_CATEGORIES,
    )


@pytest.mark.parametrize(
    ("answers", "status", "category"),
    [
        ({"ratio": 31.623, "direction": "줄어듦"}, "pass", None),
        ({"ratio": 177.83, "direction": "줄어듦"}, "fail", "wrong-number"),
        ({"ratio": 31.62, "direction": "늘어남"}, "fail", "wrong-choice"),
        ({"ratio": 31.62, "direction": "같음"}, "fail", "not-a-choice"),
        ({"ratio": 31.62}, "fail", "missing-answer"),
        ([31.62, "줄어듦"], "fail", "wrong-type"),
    ],
)
def test_quiz_answers_are_judged_by_choice_and_by_number_with_tolerance(answers, status, category):
    from sgns.checks._harness import run_exercise

    record = run_exercise(_quiz(), lambda: answers, points=1, partial_credit=False)
    assert (record.status, record.category) == (status, category), record.message
    if category == "wrong-number":
        assert "31.62" not in record.message  # 틀린 답에 정답을 보여 주지 않음
