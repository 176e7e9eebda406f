"""벤치마크: make grade 로 한 반 (기본 40명, 노트북 6개씩) 을 채점하는 데 걸리는 시간.

    python bench/bench_grade.py [--students 40] [--subset 4] [--jobs 2] [--full]

학생마다 강의 노트북 6개를 냅니다 (nbgrader 메타데이터를 쓴 강사용 풀이, 손대지 않은 학생판, 흔한 실수를 넣은
학생판을 돌아가며). 같은 실행 안에서:

1. 앞의 ``--subset`` 명을 기본 방식 (커널은 격리 안에서, 판정은 채점기 프로세스에서) 과 격리 없는 방식
   (``--unsandboxed``) 으로 번갈아 두 번씩 채점해 격리의 비용을 비로 잽니다 (``--full`` 이면 모든 셀 방식과의 비도).
2. 반 전체를 기본 방식으로 채점한 벽시계 시간을 잽니다 (학생 수를 줄여 재면 40명으로 어림한 값도 적음).

시간은 기계와 그때의 부하에 따라 다르므로 비와 함께 봅니다. 결과는 Markdown 으로 출력하고
bench/results/grade.md 에 씁니다.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))

from grade_fixtures import (  # noqa: E402  (tests/ 의 학생 답)
    SIGMOID_NAIVE,
    SKIPGRAM_DEDUPLICATED,
    SKIPGRAM_SELF_PAIR,
    answer,
    instructor,
    student,
)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def variant(path: Path, index: int) -> nbformat.NotebookNode:
    """학생 index 가 낸 노트북 path: 강사용 풀이, 학생판, 흔한 실수를 돌아가며."""
    kind = index % 4
    if kind == 0:
        return instructor(path)
    nb = student(path)
    if kind == 2 and path.name.startswith("01"):
        return answer(nb, "nb01-skipgram-pairs", SKIPGRAM_SELF_PAIR)
    if kind == 3 and path.name.startswith("01"):
        return answer(nb, "nb01-skipgram-pairs", SKIPGRAM_DEDUPLICATED)
    if kind in (2, 3) and path.name.startswith("03"):
        return answer(nb, "nb03-sigmoid", SIGMOID_NAIVE)
    return nb


def build_class(folder: Path, students: int) -> None:
    for index in range(students):
        student_folder = folder / f"s{index:03d}"
        student_folder.mkdir(parents=True)
        for path in NOTEBOOKS:
            nbformat.write(variant(path, index), student_folder / path.name)


def grade(submissions: Path, out: Path, jobs: int, *extra: str) -> float:
    """채점 한 번의 벽시계 시간 (초)."""
    command = [sys.executable, str(ROOT / "tools" / "grade.py"), str(submissions), "--out", str(out)]
    command += ["--jobs", str(jobs), *extra]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"채점 실패:\n{done.stdout}\n{done.stderr}")
    return seconds


def judging_overhead() -> tuple[float, float, int]:
    """강사용 풀이를 판정하는 시간: 직접 (예전처럼 커널 안에서 판정) 과 커널 쪽 코드·대리인을 거쳐 (지금).

    커널 없이 같은 프로세스에서 재므로 기계의 부하에 덜 흔들립니다 (데이터로 바꾸고 파일로 주고받는 비용만).
    (직접 초, 거쳐서 초, 연습문제 수).
    """
    import IPython
    import IPython.display
    import numpy as np
    from grading.plan import GRADE_MIME, candidates

    from grading import kernel_side, remote
    from sgns import checks

    user_ns: dict = {"np": np}
    shown: list = []
    IPython.get_ipython = lambda: type("Shell", (), {"user_ns": user_ns})
    IPython.display.display = lambda data, raw=False: shown.append(data)
    exchange = Path(tempfile.mkdtemp(prefix="bench-judge-"))
    capture, call = kernel_side._sgns_grading_setup(str(exchange), GRADE_MIME, 1000, 2_000_000)
    direct = through = 0.0
    count = 0
    try:
        for path in NOTEBOOKS:
            nb = instructor(path)
            for index, cell in enumerate(nb.cells):  # 노트북 순서대로 실행 (앞 셀이 정의한 이름을 씀)
                found = [c for c in candidates(nb) if c.cell == index]
                if cell.cell_type != "code" or not found:
                    continue
                exec(cell.source, user_ns)  # noqa: S102
                for candidate in found:
                    spec = checks.EXERCISES[candidate.exercise]
                    capture(candidate.exercise, spec.function, index, "metadata")
                    token = shown[-1][GRADE_MIME]["token"]
                    proxy = remote.KernelFunction(
                        lambda source, wall: exec(source, {"_sgns_grading_call": call}),  # noqa: S102
                        exchange,
                        token,
                        spec,
                    )
                    start = time.perf_counter()
                    checks.evaluate(candidate.exercise, user_ns[spec.function])
                    middle = time.perf_counter()
                    checks.evaluate(candidate.exercise, proxy)
                    direct += middle - start
                    through += time.perf_counter() - middle
                    count += 1
    finally:
        shutil.rmtree(exchange, ignore_errors=True)
    return direct, through, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="make grade 로 한 반을 채점하는 시간")
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--subset", type=int, default=4, help="격리 없이 채점한 것과 비교할 학생 수")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--full", action="store_true", help="모든 셀을 실행하는 방식 (--full) 과의 비도 잼 (느림)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "grade.md")
    args = parser.parse_args(argv)

    direct, through, exercises = judging_overhead()
    work = Path(tempfile.mkdtemp(prefix="bench-grade-"))
    try:
        build_class(work / "class", args.students)
        subset = work / "subset"
        subset.mkdir()
        for folder in sorted((work / "class").iterdir())[: args.subset]:
            shutil.copytree(folder, subset / folder.name)
        # 번갈아 두 번씩: 격리 (기본) 와 격리 없음
        sandboxed = [grade(subset, work / "o1", args.jobs)]
        plain = [grade(subset, work / "o2", args.jobs, "--unsandboxed")]
        sandboxed.append(grade(subset, work / "o3", args.jobs))
        plain.append(grade(subset, work / "o4", args.jobs, "--unsandboxed"))
        full = grade(subset, work / "o5", args.jobs, "--full") if args.full else None
        whole = grade(work / "class", work / "o6", args.jobs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    needed, unsandboxed = min(sandboxed), min(plain)
    notebooks = args.students * len(NOTEBOOKS)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    per_student = whole / args.students
    lines = [
        "# make grade: 한 반을 채점하는 시간",
        "",
        f"`python bench/bench_grade.py --students {args.students} --subset {args.subset} --jobs {args.jobs}` "
        f"({platform.python_version()}, CPU {os.cpu_count()}개, 끝났을 때 부하 {load:.1f}). 학생마다 노트북 "
        f"{len(NOTEBOOKS)}개 (강사용 풀이, 학생판, 흔한 실수를 돌아가며). "
        "판정은 채점기 프로세스에서, 커널은 격리 안에서.",
        "",
        "| 측정 | 시간 |",
        "|---|---|",
        f"| 반 전체: 학생 {args.students}명, 노트북 {notebooks}개, 기본 방식 (격리), 동시에 {args.jobs}명 | "
        f"{whole:.0f}초 ({whole / 60:.1f}분; 학생 한 명 {per_student:.1f}초) |",
        f"| 40명으로 어림 (학생 한 명의 시간 × 40) | {per_student * 40 / 60:.1f}분 |",
        f"| 학생 {args.subset}명, 격리 (두 번 잰 것 중 짧은 것) | {needed:.1f}초 |",
        f"| 학생 {args.subset}명, 격리 없음 (`--unsandboxed`, 두 번 중 짧은 것) | {unsandboxed:.1f}초 |",
        f"| 비: 격리 / 격리 없음 | {needed / unsandboxed:.2f}배 |",
    ]
    if full is not None:
        lines.append(f"| 학생 {args.subset}명, 모든 셀 실행 (`--full`) / 기본 방식 | {full / needed:.1f}배 |")
    lines += [
        f"| 강사용 풀이 {exercises}개 판정: 직접 (예전: 커널 안에서) | {direct:.2f}초 |",
        f"| 같은 판정을 커널 쪽 코드와 데이터 교환을 거쳐 (지금: 채점기 프로세스에서) | {through:.2f}초 "
        f"({through / direct:.1f}배) |",
        "",
        "마지막 두 줄은 커널 없이 한 프로세스에서 잰 것이라 부하에 덜 흔들립니다. 학생 한 명의 시간은 대부분 커널을 "
        "띄우고 셀을 실행하는 데 쓰입니다.",
    ]
    lines.append("")
    text = "\n".join(lines)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
