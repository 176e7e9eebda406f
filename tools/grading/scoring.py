"""채점 작업의 결과를 학생 × 연습문제 점수로 모읍니다.

연습문제 하나의 결과를 고르는 규칙 (학생 한 명):

1. 노트북 안에서: 함수를 판정한 기록 중 아직 풀지 않음(todo)이 아닌 것을 먼저, 그중 메타데이터로 찾은 셀을
   먼저, 그중 노트북에서 마지막 셀 (학생의 마지막 답). 그런 기록이 없으면 미완성 기록, 그것도 없으면 판정하지
   못한 이유 (시간 초과, 함수가 정의되지 않음, 실행되지 않음).
2. 같은 연습문제가 여러 노트북에 있으면 점수가 가장 높은 것.
3. 어느 노트북에도 없으면 "제출 안 함".

점수는 `sgns.checks.CheckRecord.score` 와 같습니다: 통과면 배점, 틀렸고 부분 점수가 있는 연습문제면 배점 × 통과한
사례 비율 (숨은 사례 포함), 아니면 0. 다만 확인 도구가 시간 예산이 다해 건너뛴 사례가 있으면 "통과" 로 보지 않고
판정한 사례 중 통과한 것의 비율로 셉니다 (첫 사례만 맞히고 오래 기다려 나머지를 건너뛰게 하는 답이 만점을 받지 않도록).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sgns.checks import EXERCISES, GRADING, CheckRecord, categories

STATUS_KO = {
    "pass": "통과",
    "fail": "틀림",
    "todo": "미완성",
    "error": "확인 도구 오류",
    "undefined": "함수 없음",
    "not-run": "실행 안 됨",
    "missing": "제출 안 함",
}
STATUS_HELP = {
    "pass": "모든 사례 통과 (숨은 사례 포함)",
    "fail": "틀린 사례가 있음 (부분 점수는 통과한 사례 비율)",
    "todo": "풀지 않음 (NotImplementedError)",
    "error": "확인 도구가 판정하지 못함 (강사가 확인)",
    "undefined": "연습문제 셀은 있지만 실행 후 함수가 정의되지 않음 (셀의 오류)",
    "not-run": "연습문제 셀까지 실행하지 못함 (시간 제한, 커널 종료)",
    "missing": "제출한 노트북에서 연습문제 셀을 찾지 못함",
}
# 판정 기록이 없을 때 실수 범주 대신 셀 범주
SYNTHETIC_CATEGORIES = {"timeout": "timeout", "interrupted": "exception"}
ROUTE_KO = {"metadata": "메타데이터", "name": "함수 이름"}


@dataclass
class ExerciseResult:
    """학생 한 명의 연습문제 하나의 결과.

    status : STATUS_KO 의 키
    score, points : 점수와 배점
    route : 연습문제 셀을 찾은 방법 ("metadata" / "name")
    notebook, cell : 결과가 나온 노트북 (학생 폴더 기준 경로) 과 셀 위치 (0부터)
    record : 판정 기록 (판정했을 때만)
    categories : 틀린 사례들의 실수 범주 id (중복 없이, 사례 순서; 시간 때문에 건너뛴 사례는 빼고)
    note : 한국어 설명 (판정하지 못한 이유 등)
    """

    exercise: str
    status: str
    score: float
    points: int
    route: str | None = None
    notebook: str | None = None
    cell: int | None = None
    record: CheckRecord | None = None
    categories: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def optional(self) -> bool:
        return GRADING[self.exercise].optional


def _from_capture(capture: dict, notebook: str) -> ExerciseResult:
    exercise = capture["exercise"]
    points = GRADING[exercise].points
    base = {"exercise": exercise, "points": points, "route": capture.get("route"), "notebook": notebook}
    base["cell"] = capture.get("cell")
    status = capture.get("status")
    if status == "evaluated":
        record = CheckRecord.from_json(capture["record"])
        failed = [c.category for c in record.cases if c.status == "fail" and c.category]
        found = list(dict.fromkeys(failed + ([record.category] if record.category else [])))
        note = "숨은 사례 포함" if record.hidden[1] else ""
        status, score = record.status, record.score()
        skipped = sum(c.status == "skipped" for c in record.cases)
        if skipped and status == "pass":  # 시간 예산이 다해 판정하지 못한 사례는 통과가 아님
            passed = sum(c.status == "pass" for c in record.cases)
            status = "fail"
            score = points * passed / len(record.cases) if GRADING[exercise].partial_credit else 0.0
            found = [*found, "not-run"] if "not-run" not in found else found
            note = f"시간 예산이 다해 판정하지 못한 사례 {skipped}개는 통과로 세지 않음" + (f"; {note}" if note else "")
        return ExerciseResult(status=status, score=score, record=record, categories=found, note=note, **base)
    if status in ("timeout", "interrupted"):
        note = "판정하는 셀이 제한 시간을 넘김" if status == "timeout" else "판정 중 KeyboardInterrupt"
        return ExerciseResult(status="fail", score=0.0, categories=[SYNTHETIC_CATEGORIES[status]], note=note, **base)
    if status in ("undefined", "unchanged"):
        return ExerciseResult(status="undefined", score=0.0, note="셀을 실행한 뒤 함수가 정의되지 않음", **base)
    if status == "no-output":  # 채점 셀은 실행되었지만 기록이 없음: 학생 코드가 판정 함수나 display 를 바꿨을 수 있음
        note = "채점 셀이 기록을 남기지 못함 (학생 코드가 채점기의 판정 함수를 바꿨는지 executed/ 의 사본을 보세요)"
        return ExerciseResult(status="error", score=0.0, note=note, **base)
    return ExerciseResult(status="not-run", score=0.0, note="연습문제 셀까지 실행하지 못함", **base)


def _rank_in_notebook(result: ExerciseResult) -> tuple:
    judged = result.record is not None or result.status == "fail"
    return (
        judged and result.status != "todo",
        judged,
        result.status == "undefined",
        result.route == "metadata",
        result.cell or 0,
    )


def _notes(notebook: dict) -> dict[int, str]:
    """셀 위치 -> 그 셀에 일어난 일 (시간 초과, 커널 종료)."""
    notes = {}
    for event in notebook.get("events", []):
        if event["kind"] in ("cell-timeout", "kernel-died", "kernel-unresponsive", "notebook-timeout"):
            notes.setdefault(event.get("cell"), event["kind"])
    return notes


def notebook_results(notebook: dict) -> dict[str, ExerciseResult]:
    """채점한 노트북 하나의 연습문제별 결과."""
    grouped: dict[str, list[ExerciseResult]] = {}
    for capture in notebook.get("captures", []):
        if capture.get("exercise") in EXERCISES:
            grouped.setdefault(capture["exercise"], []).append(_from_capture(capture, notebook["file"]))
    chosen = {exercise: max(results, key=_rank_in_notebook) for exercise, results in grouped.items()}
    stops = _notes(notebook)
    for result in chosen.values():
        if result.status == "not-run" and any(kind != "cell-timeout" for kind in stops.values()):
            result.note = "노트북 제한 시간이 지났거나 커널이 멈춰 연습문제 셀까지 실행하지 못함"
    return chosen


def student_results(worker_result: dict) -> dict[str, ExerciseResult]:
    """학생 한 명의 모든 연습문제 결과 (EXERCISES 순서)."""
    best: dict[str, ExerciseResult] = {}
    for notebook in worker_result.get("notebooks", []):
        if notebook.get("status") != "graded":
            continue
        for exercise, result in notebook_results(notebook).items():
            if exercise not in best or (result.score, result.status == "pass") > (
                best[exercise].score,
                best[exercise].status == "pass",
            ):
                best[exercise] = result
    return {
        exercise: best.get(exercise)
        or ExerciseResult(exercise, "missing", 0.0, GRADING[exercise].points, note=STATUS_HELP["missing"])
        for exercise in EXERCISES
    }


@dataclass(frozen=True)
class Totals:
    """필수 연습문제와 선택 연습문제의 점수 합."""

    required: float
    required_max: int
    optional: float
    optional_max: int

    @property
    def total(self) -> float:
        return self.required + self.optional


def totals(results: dict[str, ExerciseResult]) -> Totals:
    required = [r for r in results.values() if not r.optional]
    optional = [r for r in results.values() if r.optional]
    return Totals(
        required=sum(r.score for r in required),
        required_max=sum(r.points for r in required),
        optional=sum(r.score for r in optional),
        optional_max=sum(r.points for r in optional),
    )


def category_label(exercise: str, category: str) -> str:
    """실수 범주 id 의 한국어 설명 (확인 도구의 표)."""
    return categories(exercise).get(category, category)
