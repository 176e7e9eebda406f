"""채점 결과 쓰기: CSV 점수표, 한국어 요약 보고서 (Markdown, HTML), 제출물마다 Gradescope ``results.json``.

Gradescope 자동 채점기의 결과 형식 (``tests[]`` 에 ``name``, ``score``, ``max_score``, ``output``, ``visibility``)
을 따릅니다. 숨은 사례에서만 틀렸을 때는 그 사례의 입력을 보여 주지 않고 통과한 개수와 실수 범주만 적습니다.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from dataclasses import dataclass, field

import mistune

from grading.scoring import (
    ROUTE_KO,
    STATUS_HELP,
    STATUS_KO,
    ExerciseResult,
    Totals,
    category_label,
    totals,
)
from grading.tamper import KINDS as TAMPER_KINDS
from sgns.checks import EXERCISES, GRADING

GRADESCOPE_VISIBILITY = "visible"
EVENT_KO = {
    "cell-timeout": "셀 {cell} 이(가) 셀 제한 시간을 넘겨 중단했습니다",
    "kernel-died": "셀 {cell} 에서 커널이 종료되었습니다 (뒤의 셀은 실행하지 않음)",
    "kernel-unresponsive": "셀 {cell} 을(를) 중단해도 커널이 응답하지 않아 멈췄습니다 (뒤의 셀은 실행하지 않음)",
    "notebook-timeout": "노트북 제한 시간이 지나 셀 {cell} 부터는 실행하지 않았습니다",
    "output-truncated": "셀 {cell} 의 출력이 너무 커서 잘라 저장했습니다",
    "kernel-failed": "커널을 시작하지 못했습니다: {error}",
}


@dataclass
class StudentReport:
    """학생 한 명의 채점 결과.

    results : 연습문제 id -> 결과
    notebooks : 채점 작업이 돌려준 노트북별 결과 (worker.grade_notebook)
    problems : 제출물에서 일어난 일 (한국어; 시간 초과, 읽을 수 없는 파일, 지운 셀 등)
    notes : 알아 둘 것 (한국어; 함수 이름으로 찾은 연습문제, 채점하지 않은 파일)
    seconds : 채점에 걸린 시간
    """

    student: str
    folder: str
    results: dict[str, ExerciseResult]
    notebooks: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def totals(self) -> Totals:
        return totals(self.results)


def fmt_score(value: float) -> str:
    """점수를 소수 둘째 자리까지 (끝의 0 은 뺌)."""
    return f"{round(value, 2):g}"


# ---------------------------------------------------------------------------
# 제출물에서 일어난 일
# ---------------------------------------------------------------------------


def notebook_problems(notebook: dict, course_exercises: dict[str, tuple[str, ...]]) -> list[str]:
    """노트북 하나에 대해 보고서에 적을 일들 (한국어)."""
    name = notebook["file"]
    status = notebook["status"]
    if status == "unreadable":
        return [f"`{name}`: 노트북으로 읽을 수 없어 채점하지 않았습니다 ({notebook['error']})"]
    if status == "grader-error":
        return [f"`{name}`: 채점기가 이 노트북을 처리하지 못했습니다 ({notebook['error']})"]
    lines = []
    course = notebook.get("course")
    if course is None:
        lines.append(f"`{name}`: 강의 노트북과 맞지 않습니다 (연습문제 셀만 찾아 채점)")
    elif notebook.get("renamed"):
        lines.append(f"`{name}`: 파일 이름이 강의 노트북과 다릅니다 ({course} 로 보고 채점)")
    if status == "no-exercises" and not course:
        lines.append(f"`{name}`: 연습문제 셀이 없는 노트북입니다")
    changes = notebook.get("changes") or {}
    changed = [
        f"셀 {changes['deleted']}개 지움" if changes.get("deleted") else "",
        f"셀 {changes['added']}개 더함" if changes.get("added") else "",
        "셀 순서가 바뀜" if changes.get("reordered") else "",
    ]
    if any(changed):
        lines.append(f"`{name}`: 학생판과 비교해 " + ", ".join(c for c in changed if c))
    if course:
        lost = [e for e in course_exercises.get(course, ()) if e not in notebook.get("expected", [])]
        if lost:
            lines.append(f"`{name}`: 연습문제 셀을 찾지 못했습니다: {', '.join(lost)} (지웠거나 함수 이름을 바꿈)")
    for event in notebook.get("events", []):
        template = EVENT_KO.get(event["kind"])
        if template:
            lines.append(f"`{name}`: " + template.format(cell=event.get("cell"), error=event.get("error", "")))
    errors = [e for e in notebook.get("events", []) if e["kind"] == "cell-error" and e.get("by") == "student"]
    if errors:
        listed = ", ".join(f"{e['cell']} ({e.get('ename') or '오류'})" for e in errors)
        lines.append(f"`{name}`: 오류가 난 셀: {listed} (오류가 나도 다음 셀로 계속 실행)")
    if notebook.get("rerun_full"):
        lines.append(f"`{name}`: 필요한 셀만 실행했을 때 NameError 가 나서 모든 셀을 다시 실행했습니다")
    return lines + tampering_lines(notebook)


def tampering_lines(notebook: dict) -> list[str]:
    """채점을 속이려는 것으로 보이는 셀 (⚠️, 셀 번호) 과 sgns 의 코드를 베낀 함수."""
    name = notebook["file"]
    lines = [
        f"⚠️ `{name}` 셀 {flag['cell']}: " + "; ".join(TAMPER_KINDS.get(k, k) for k in flag["kinds"])
        for flag in notebook.get("tampering", [])
    ]
    for capture in notebook.get("captures", []):
        if capture.get("copied"):
            lines.append(
                f"⚠️ `{name}` 셀 {capture.get('cell')}: `{capture.get('function')}` 이(가) sgns 의 "
                f"`{capture.get('copied_module')}.{capture['copied']}` 와 같은 코드입니다 "
                "(이름과 모양만 바꾼 베낌; 참조 구현을 그대로 쓴 답으로 채점)"
            )
    return lines


def route_notes(results: dict[str, ExerciseResult]) -> list[str]:
    """메타데이터 없이 함수 이름으로 찾은 연습문제 (학생이 셀을 새로 만들었거나 다른 노트북에 옮긴 경우)."""
    by_name = [r for r in results.values() if r.route == "name"]
    if not by_name:
        return []
    listed = ", ".join(f"{r.exercise} (`{r.notebook}` 셀 {r.cell})" for r in by_name)
    return [f"메타데이터가 없어 함수 이름으로 찾은 연습문제: {listed}"]


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------


def grades_csv(students: list[StudentReport]) -> str:
    """학생 × 연습문제 점수표 (UTF-8, 엑셀에서 한글이 보이도록 BOM 은 쓰는 쪽에서)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["학생", "합계", "필수 점수", "필수 만점", "선택 점수", "선택 만점"]
    for exercise in EXERCISES:
        header += [exercise, f"{exercise} 상태"]
    writer.writerow([*header, "채점 메모"])
    for report in students:
        t = report.totals
        row = [report.student, fmt_score(t.total), fmt_score(t.required), t.required_max]
        row += [fmt_score(t.optional), t.optional_max]
        for exercise in EXERCISES:
            result = report.results[exercise]
            row += [fmt_score(result.score), STATUS_KO[result.status]]
        writer.writerow([*row, " / ".join(report.problems + report.notes)])
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# Gradescope
# ---------------------------------------------------------------------------


def feedback(result: ExerciseResult) -> str:
    """Gradescope 의 시험 하나에 보일 한국어 안내 (숨은 사례의 입력은 보이지 않음)."""
    record = result.record
    if record is None:
        return f"{STATUS_KO[result.status]}: {result.note or STATUS_HELP[result.status]}"
    public_passed, public_total = record.public
    hidden_passed, hidden_total = record.hidden
    if record.status == "fail" and public_passed == public_total and hidden_passed < hidden_total:
        lines = [
            f"❌ {record.title}: 공개 사례 {public_passed}/{public_total} 통과, "
            f"숨은 사례 {hidden_passed}/{hidden_total} 통과",
            "숨은 사례에서 틀렸습니다 (숨은 사례의 입력은 공개하지 않습니다).",
        ]
        diagnosed = [category_label(result.exercise, c) for c in result.categories if c != "wrong-value"]
        if diagnosed:
            lines.append(f"💡 흔한 실수로 보입니다: {diagnosed[0]}")
        return "\n".join(lines)
    return record.message


def gradescope_results(report: StudentReport) -> dict:
    """Gradescope 자동 채점기의 results.json 내용."""
    tests = []
    for exercise, result in report.results.items():
        tests.append(
            {
                "name": EXERCISES[exercise].title,
                "number": exercise,
                "score": round(result.score, 4),
                "max_score": result.points,
                "status": "passed" if result.status == "pass" else "failed",
                "output": feedback(result),
                "visibility": GRADESCOPE_VISIBILITY,
            }
        )
    t = report.totals
    summary = [f"합계 {fmt_score(t.total)}점 (필수 {fmt_score(t.required)}/{t.required_max}"]
    summary[0] += f", 선택 {fmt_score(t.optional)}/{t.optional_max})"
    summary += report.problems + report.notes
    return {
        "score": round(t.total, 4),
        "output": "\n".join(summary),
        "visibility": GRADESCOPE_VISIBILITY,
        "stdout_visibility": "hidden",
        "execution_time": round(report.seconds, 1),
        "tests": tests,
    }


# ---------------------------------------------------------------------------
# 요약 보고서
# ---------------------------------------------------------------------------


def _table(header: list[str], rows: list[list]) -> list[str]:
    def cell(value) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def exercise_rows(students: list[StudentReport]) -> list[list]:
    """연습문제별: 제목, 배점, 상태별 학생 수, 통과율, 평균 점수, 찾은 방법."""
    rows = []
    count = len(students) or 1
    for exercise, spec in EXERCISES.items():
        results = [s.results[exercise] for s in students]
        statuses = Counter(r.status for r in results)
        partial = sum(r.status == "fail" and r.score > 0 for r in results)
        routes = Counter(r.route for r in results if r.route)
        rows.append(
            [
                spec.title,
                f"`{exercise}`",
                GRADING[exercise].points,
                statuses["pass"],
                f"{statuses['fail']} ({partial})",
                statuses["todo"],
                statuses["undefined"] + statuses["not-run"] + statuses["error"],
                statuses["missing"],
                f"{100 * statuses['pass'] / count:.0f}%",
                fmt_score(sum(r.score for r in results) / count),
                ", ".join(f"{ROUTE_KO[k]} {v}" for k, v in sorted(routes.items())) or "-",
            ]
        )
    return rows


def mistake_counts(students: list[StudentReport]) -> dict[str, Counter]:
    """연습문제 id -> (실수 범주 id -> 그 실수를 한 학생 수). 학생 한 명은 범주마다 한 번만 셉니다."""
    counts: dict[str, Counter] = {exercise: Counter() for exercise in EXERCISES}
    for report in students:
        for exercise, result in report.results.items():
            counts[exercise].update(set(result.categories))
    return counts


def mistake_students(students: list[StudentReport], exercise: str, category: str) -> list[str]:
    return [s.student for s in students if category in s.results[exercise].categories]


def summary_markdown(students: list[StudentReport], context: dict) -> str:
    """한국어 요약 보고서 (Markdown)."""
    lines = ["# 채점 보고서", ""]
    lines += [f"- {item}" for item in context["about"]]
    lines += ["", "## 연습문제별 결과", ""]
    lines += [
        "통과율은 모든 사례 (숨은 사례 포함) 를 통과한 학생의 비율, 평균 점수는 부분 점수를 포함한 평균입니다. "
        "'판정 못 함' 은 함수 없음·실행 안 됨·확인 도구 오류의 합입니다.",
        "",
    ]
    header = ["연습문제", "id", "배점", "통과", "틀림 (그중 부분 점수)", "미완성", "판정 못 함", "제출 안 함"]
    lines += _table([*header, "통과율", "평균 점수", "찾은 방법"], exercise_rows(students))
    lines += ["## 흔한 실수", "", "확인 도구가 진단한 실수 범주마다 그 실수를 한 학생 수입니다"]
    lines[-1] += " (한 학생이 여러 범주에 들 수 있음)."
    lines.append("")
    any_mistake = False
    for exercise, counter in mistake_counts(students).items():
        if not counter:
            continue
        any_mistake = True
        lines += [f"### {EXERCISES[exercise].title}", ""]
        rows = [
            [category_label(exercise, c), f"`{c}`", n, ", ".join(mistake_students(students, exercise, c))]
            for c, n in sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        ]
        lines += _table(["실수", "범주 id", "학생 수", "학생"], rows)
    if not any_mistake:
        lines += ["진단된 실수가 없습니다.", ""]
    lines += ["## 학생별 점수", ""]
    rows = []
    for report in students:
        t = report.totals
        statuses = Counter(r.status for r in report.results.values())
        statuses = {s: statuses[s] for s in STATUS_KO if statuses[s]}
        rows.append(
            [
                report.student,
                fmt_score(t.total),
                f"{fmt_score(t.required)}/{t.required_max}",
                f"{fmt_score(t.optional)}/{t.optional_max}",
                ", ".join(f"{STATUS_KO[s]} {n}" for s, n in statuses.items()),
                f"{report.seconds:.1f}초",
            ]
        )
    lines += _table(["학생", "합계", "필수", "선택", "상태", "채점 시간"], rows)
    lines += ["## 제출물에서 일어난 일", "", "셀 번호는 제출한 노트북에서 0부터 센 위치입니다.", ""]
    troubled = [s for s in students if s.problems or s.notes]
    for report in troubled:
        lines += [f"### {report.student}", "", *[f"- {p}" for p in report.problems + report.notes], ""]
    if not troubled:
        lines += ["특별한 일이 없었습니다.", ""]
    lines += ["## 상태의 뜻", ""]
    lines += [f"- **{STATUS_KO[s]}**: {STATUS_HELP[s]}" for s in STATUS_KO]
    return "\n".join(lines) + "\n"


HTML_STYLE = """
body { font-family: "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif; margin: 2em auto;
       max-width: 70em; line-height: 1.5; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
code { background: #f5f5f5; padding: 0 0.2em; }
"""


def summary_html(markdown_text: str) -> str:
    """요약 보고서의 HTML (한 파일, 외부 자원 없음)."""
    body = mistune.create_markdown(plugins=["table"], escape=True)(markdown_text)
    return (
        '<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape('채점 보고서')}</title>\n<style>{HTML_STYLE}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )
