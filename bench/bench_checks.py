"""벤치마크: 연습문제 확인 하나에 걸리는 시간 (큰 입력 사례 포함).

    python bench/bench_checks.py [--repeat 3]

연습문제마다 모범 답안(강사용 노트북의 연습문제 셀)으로 ``sgns.checks.evaluate`` 를 부른 시간과, 같은 풀이를
같은 사례들에 직접 부른 시간(학생 코드가 쓰는 몫, 기준)을 번갈아 재서, 확인 도구가 더하는 비용을 비로 보고합니다.
시간은 같은 실행 안에서 잰 중앙값입니다. 결과는 Markdown 표로 출력하고 bench/results/checks.md 에 씁니다.
"""

from __future__ import annotations

import argparse
import copy
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from sgns import checks
from sgns.checks.exercises.nb04_train_loop import StepSpy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from grading.exercise_cells import model_solutions  # noqa: E402

SOLUTIONS = model_solutions()


def student_only(exercise_id: str) -> float:
    """풀이를 공개 사례마다 한 번씩 직접 부른 시간 (확인 도구 없이)."""
    cases = checks.exercise(exercise_id).make_cases()
    fn = SOLUTIONS[exercise_id]
    total = 0.0
    for case in cases:
        args = copy.deepcopy(case.args)
        kwargs = copy.deepcopy(case.kwargs)
        if exercise_id == "nb04-train-loop":  # 학습 반복문에는 기록용 sgd_step 을 넘깁니다 (확인과 같은 일)
            V = len(args["noise_probs"])
            args["sgd_step"] = StepSpy(V, kwargs["dim"], kwargs["negative"], kwargs["batch_size"])
        start = time.perf_counter()
        fn(*args.values(), **kwargs)
        total += time.perf_counter() - start
    return total


def check_time(exercise_id: str) -> tuple[float, str]:
    start = time.perf_counter()
    record = checks.evaluate(exercise_id, SOLUTIONS[exercise_id])
    return time.perf_counter() - start, record.status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "checks.md")
    args = parser.parse_args()

    rows = []
    for exercise_id in checks.EXERCISES:
        check_times, student_times = [], []
        for _ in range(args.repeat):  # 번갈아 잼
            seconds, status = check_time(exercise_id)
            assert status == "pass", f"{exercise_id}: {status}"
            check_times.append(seconds)
            student_times.append(student_only(exercise_id))
        check_s, student_s = statistics.median(check_times), statistics.median(student_times)
        cases = checks.exercise(exercise_id).make_cases()
        rows.append((exercise_id, len(cases), check_s, student_s, check_s / student_s, max(check_times)))

    lines = [
        "# 연습문제 확인 하나의 시간 (학생식 풀이, 공개 사례 전부)",
        "",
        f"- 기계: {platform.machine()}, {platform.platform()}; "
        f"Python {platform.python_version()}, numpy {np.__version__}",
        f"- {args.repeat}번 잰 중앙값 (확인과 풀이 직접 호출을 번갈아 잼). "
        "비 = 확인 시간 ÷ 풀이만의 시간 (같은 실행).",
        "- 풀이만의 시간: 같은 풀이를 공개 사례마다 한 번씩 직접 부른 시간 (학습 반복문은 기록용 sgd_step 포함).",
        "",
        "| 연습문제 | 사례 수 | 확인 (초) | 풀이만 (초) | 비 | 가장 느린 확인 (초) |",
        "|---|---|---|---|---|---|",
    ]
    for exercise_id, n_cases, check_s, student_s, ratio, worst in rows:
        lines.append(f"| {exercise_id} | {n_cases} | {check_s:.3f} | {student_s:.3f} | {ratio:.1f}× | {worst:.3f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
