"""학생들이 낸 노트북을 채점합니다 (``make grade SUBMISSIONS=<폴더>``).

제출 폴더의 노트북마다 (배치는 `grading.submissions`): 원본은 읽기만 하고, 새 임시 폴더에 사본을 만들어 격리된
(`grading.sandbox`: 네트워크 없음, 강의 저장소·홈 폴더·다른 제출물이 보이지 않음) 새 커널에서 실행하며, 연습문제
셀 바로 뒤에서 그 함수를 채점기 프로세스에서 판정합니다 (`grading.plan`, `grading.judging`, `grading.remote`:
기대한 값과 숨은 사례는 커널에 들어가지 않음). 셀마다와 노트북마다 제한 시간이 있고, 출력 크기에 한도가 있으며,
학생 한 명은 따로 프로세스 (채점 작업) 에서 채점하므로 한 제출물이 끝없이 돌거나, 메가바이트를 출력하거나,
KeyboardInterrupt·SystemExit 를 내거나, 작업 폴더의 파일을 지워도 다른 제출물과 채점기 본체는 그대로입니다.
sgns 의 코드를 베낀 함수와 채점을 속이려는 셀은 보고서에 ⚠️ 로 적습니다 (`grading.copies`, `grading.tamper`).
막는 것과 막지 못하는 것: README 의 "격리" 절.

결과 (``--out`` 폴더, 기본 ``build/grade``):

- ``grades.csv``: 학생 × 연습문제 점수와 상태 (엑셀에서 바로 열리는 UTF-8)
- ``report.md``, ``report.html``: 한국어 요약 (연습문제별 통과율, 실수 범주별 학생 수, 제출물에서 일어난 일)
- ``results/<학생>/results.json``: Gradescope 자동 채점기 형식
- ``executed/<학생>/...``: 실행한 채점용 사본 (무엇이 실행되었는지 강사가 볼 수 있음)
- ``raw/<학생>.json``, ``logs/<학생>.log``: 채점 작업의 원자료와 기록

사용법::

    python tools/grade.py 제출폴더 [--hidden 숨은사례.py] [--jobs 2] [--cell-timeout 60] [--notebook-timeout 300]
    python tools/grade.py 제출폴더 --full          # 연습문제에 필요한 셀만이 아니라 모든 셀을 실행
    python tools/grade.py 한학생폴더 --one --gradescope-json /autograder/results/results.json
    python tools/grade.py 제출폴더 --unsandboxed   # 격리를 만들 수 없는 기계에서 (보고서에 경고)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import datetime
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
REPO = TOOLS.parent
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

from grading.compare import load_course  # noqa: E402
from grading.submissions import Submission, discover, from_folder, safe_name  # noqa: E402
from grading.worker import run_job  # noqa: E402

from grading import reports, sandbox, scoring  # noqa: E402

MARKER = ".sgns-grade"
KILL_GRACE_SECONDS = 3


class GradeError(Exception):
    """채점을 시작할 수 없습니다 (강사에게 보이는 한국어 메시지)."""


# ---------------------------------------------------------------------------
# 준비
# ---------------------------------------------------------------------------


def check_hidden(path: Path) -> str:
    """숨은 사례 파일을 미리 읽어 봅니다 (연습문제 id 와 사례가 맞는지). 보고서에 쓸 한 줄 설명."""
    from sgns.checks import EXERCISES, HIDDEN_CASES_ENV_VAR
    from sgns.checks.hidden import HiddenCasesError, hidden_cases, load_hidden_cases

    if not path.exists():
        raise GradeError(f"숨은 사례 파일이 없습니다: {path}")
    saved = os.environ.get(HIDDEN_CASES_ENV_VAR)
    os.environ[HIDDEN_CASES_ENV_VAR] = str(path)
    try:
        table = load_hidden_cases()
        unknown = sorted(set(table) - set(EXERCISES))
        if unknown:
            raise GradeError(f"숨은 사례 파일에 없는 연습문제 id 가 있습니다: {', '.join(unknown)}")
        counts = {exercise: len(hidden_cases(exercise)) for exercise in table}
    except HiddenCasesError as error:
        raise GradeError(str(error)) from None
    finally:
        if saved is None:
            os.environ.pop(HIDDEN_CASES_ENV_VAR, None)
        else:
            os.environ[HIDDEN_CASES_ENV_VAR] = saved
    return f"`{path}` (연습문제 {len(counts)}개, 사례 {sum(counts.values())}개)"


def prepare_out(out: Path, submissions: Path) -> None:
    """결과 폴더를 비웁니다. 이 도구가 만든 폴더 (표시 파일이 있음) 나 빈 폴더만 지웁니다."""
    out_real, sub_real = out.resolve(), submissions.resolve()
    if out_real == sub_real or out_real.is_relative_to(sub_real) or sub_real.is_relative_to(out_real):
        raise GradeError(f"결과 폴더 {out} 와 제출 폴더 {submissions} 가 겹칩니다. 다른 폴더를 --out 으로 주세요.")
    if out.exists():
        if not out.is_dir():
            raise GradeError(f"결과 폴더 자리에 파일이 있습니다: {out}")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise GradeError(
                f"결과 폴더 {out} 에 이 채점기가 만들지 않은 파일이 있습니다. 빈 폴더나 새 폴더를 --out 으로 주세요."
            )
        shutil.rmtree(out)
    for sub in ("results", "executed", "raw", "logs", "jobs"):
        (out / sub).mkdir(parents=True)
    (out / MARKER).write_text("make grade 가 만든 폴더입니다. 다시 채점하면 지우고 새로 씁니다.\n", encoding="utf-8")


def unique_folders(submissions: list[Submission]) -> dict[str, str]:
    """학생 이름 -> 결과 파일에 쓸 서로 다른 폴더 이름."""
    used: set[str] = set()
    folders = {}
    for submission in submissions:
        base = safe_name(submission.student)
        name, number = base, 2
        while name in used:
            name, number = f"{base}-{number}", number + 1
        used.add(name)
        folders[submission.student] = name
    return folders


NO_SANDBOX = (
    "이 기계에서는 채점 커널을 격리 (sandbox) 할 수 없습니다: bubblewrap (bwrap) 이 없거나 동작하지 않고, "
    "unshare 로 사용자 이름공간을 만들 수 없습니다 (사용자 이름공간이 꺼진 리눅스, 또는 macOS·Windows). "
    "격리 없이는 학생 코드가 이 계정의 파일 (강사용 노트북, 숨은 사례, 다른 제출물, 홈 폴더) 과 네트워크를 쓸 수 "
    "있습니다. 데비안·우분투라면 `sudo apt-get install bubblewrap` 뒤 다시 실행하세요. 믿을 수 있는 제출물이면 "
    'GRADE_ARGS=--unsandboxed 로 격리 없이 채점할 수 있습니다 (보고서에 경고가 붙음).'
)
UNSANDBOXED_WARNING = (
    "⚠️ **격리 없이 채점했습니다** (`--unsandboxed`). 학생 코드는 채점한 계정의 권한으로 돌았으므로 파일을 읽거나 "
    "네트워크를 쓸 수 있었습니다. 판정은 채점기 프로세스에서 했으므로 점수를 속일 수는 없지만, 숨은 사례 파일과 "
    "강사용 노트북을 읽을 수 있었습니다."
)


def sandbox_config(args, out: Path) -> dict | None:
    """채점 작업에 넘길 격리 설정 (격리 없이 채점하면 None). 격리할 수 없고 --unsandboxed 가 없으면 GradeError."""
    tool = sandbox.available(None if args.sandbox == "auto" else args.sandbox)
    if tool is None:
        if args.unsandboxed:
            print(f"⚠️ {NO_SANDBOX.split(': ')[0]}. --unsandboxed 이므로 격리 없이 채점합니다.", file=sys.stderr)
            return None
        raise GradeError(NO_SANDBOX)
    if args.unsandboxed:
        return None
    course = sandbox.course_copy(out / "course")
    limits = sandbox.Limits(memory_mb=args.memory_mb, cpu_seconds=int(args.notebook_timeout * 2 + 60))
    return sandbox.Config(tool, sandbox.python_dirs(), str(course), limits).to_json()


def isolation_line(isolation: dict | None) -> str:
    if isolation is None:
        return UNSANDBOXED_WARNING
    limits = isolation["limits"]
    return (
        f"격리: `{isolation['tool']}` (네트워크 없음, 강의 저장소·홈 폴더·다른 제출물 안 보임, 개인 /tmp; "
        f"메모리 {limits['memory_mb']:,} MB, 프로세스 {limits['processes']}개, CPU {limits['cpu_seconds']}초). "
        "판정은 채점기 프로세스에서 (기대한 값과 숨은 사례는 커널에 들어가지 않음)"
    )


def make_job(submission: Submission, folder: str, args, out: Path, course: list, isolation=None) -> Path:
    """채점 작업 파일 (학생 한 명) 을 쓰고 경로를 돌려줍니다."""
    job = {
        "student": submission.student,
        "root": str(submission.root) if submission.root else None,
        "notebooks": [str(p) for p in submission.notebooks],
        "relative": {str(p): submission.relative(p) for p in submission.notebooks},
        "names": {str(p): submission.notebook_name(p) for p in submission.notebooks},
        "course": [c.to_json() for c in course],
        "limits": {
            "cell_seconds": args.cell_timeout,
            "notebook_seconds": args.notebook_timeout,
            "output_chars": args.output_limit,
        },
        "mode": "full" if args.full else "needed",
        "hidden": str(args.hidden.resolve()) if args.hidden else None,
        "executed_dir": str(out / "executed" / folder),
        "result_file": str(out / "raw" / f"{folder}.json"),
        "pid_file": str(out / "jobs" / f"{folder}.kernels"),
        "sandbox": isolation,
    }
    path = out / "jobs" / f"{folder}.json"
    path.write_text(json.dumps(job, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# 채점 작업 (프로세스) 실행
# ---------------------------------------------------------------------------


class Workers:
    """실행 중인 채점 작업 프로세스들: 제한 시간과 중단 (Ctrl-C) 때 작업과 커널을 모두 정리합니다."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running: dict[int, subprocess.Popen] = {}
        self.stopping = False
        _WORKERS.append(self)

    def run(self, job_file: Path, log_file: Path, pid_file: Path, seconds: float) -> str | None:
        """작업 하나를 끝날 때까지 (또는 seconds 까지) 실행합니다. 문제가 있으면 한국어 설명."""
        with self.lock:
            if self.stopping:
                return "채점을 중단해 실행하지 않았습니다"
            with log_file.open("wb") as log:
                process = subprocess.Popen(
                    [sys.executable, str(TOOLS / "grade.py"), "--worker", str(job_file)],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    start_new_session=True,
                )
            self.running[process.pid] = process
        try:
            code = process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.stop(process, pid_file)
            return f"채점 작업이 {seconds:.0f}초 안에 끝나지 않아 멈췄습니다"
        finally:
            with self.lock:
                self.running.pop(process.pid, None)
        if code != 0:
            kill_kernels(pid_file)
            return f"채점 작업이 비정상 종료했습니다 (종료 코드 {code}; logs/ 참고)"
        return None

    def stop(self, process: subprocess.Popen, pid_file: Path | None) -> None:
        """작업 프로세스 그룹에 SIGTERM, 잠시 뒤 SIGKILL, 그리고 그 작업이 띄운 커널들도 SIGKILL."""
        _signal_group(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=KILL_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            _signal_group(process.pid, signal.SIGKILL)
            process.wait()
        if pid_file is not None:
            kill_kernels(pid_file)

    def stop_all(self, out: Path) -> None:
        with self.lock:
            self.stopping = True
            running = list(self.running.values())
        for process in running:
            self.stop(process, None)
        for pid_file in (out / "jobs").glob("*.kernels"):
            kill_kernels(pid_file)


def _signal_group(pgid: int, signum: int) -> None:
    try:
        os.killpg(pgid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def _command_line(pid: int) -> str:
    """프로세스의 명령줄 (없으면 빈 문자열)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        pass
    try:
        done = subprocess.run(["ps", "-p", str(pid), "-o", "command="], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def kill_kernels(pid_file: Path) -> None:
    """작업이 적어 둔 커널 중 아직 살아 있는 것을 끝냅니다.

    적어 둔 번호의 프로세스가 그 커널 (명령줄에 그 커널의 연결 파일) 일 때만 그 프로세스 그룹을 끝냅니다.
    """
    try:
        lines = pid_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    for line in lines:
        pgid, _, connection_file = line.partition("\t")
        if pgid.isdigit() and connection_file and connection_file in _command_line(int(pgid)):
            _signal_group(int(pgid), signal.SIGKILL)
            _wait_group(int(pgid))


def _wait_group(pgid: int, seconds: float = 10) -> None:
    """프로세스 그룹이 모두 끝날 때까지 잠시 기다립니다 (끝난 격리 커널은 이 프로세스가 거둠, `become_subreaper`)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        reap_orphans()
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.05)


def become_subreaper() -> None:
    """이 프로세스를 자손 프로세스의 거두는 이로 (리눅스 PR_SET_CHILD_SUBREAPER).

    격리 안의 커널은 격리 도구 (bwrap, unshare) 의 자식이라, 채점 작업이 커널을 끝내면 부모를 잃고 시스템의 init 에게
    갑니다. init 이 늦게 거두는 기계 (컨테이너) 에서도 끝난 커널이 남지 않도록 이 프로세스가 거둡니다.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def reap_orphans(keep: set[int] | frozenset[int] = frozenset()) -> None:
    """이 프로세스에게 온 끝난 자손 (좀비) 을 거둡니다. 채점 작업 프로세스 (keep, Popen 이 기다림) 는 건드리지 않음."""
    proc = Path("/proc")
    if not proc.is_dir():
        return
    me = os.getpid()
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) in keep:
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] == "Z" and int(fields[1]) == me and int(entry.name) not in _worker_pids():
            try:
                os.waitpid(int(entry.name), os.WNOHANG)
            except ChildProcessError:
                pass


_WORKERS: list = []


def _worker_pids() -> set[int]:
    return {pid for workers in _WORKERS for pid in list(workers.running)}


# ---------------------------------------------------------------------------
# 결과 모으기
# ---------------------------------------------------------------------------


def student_report(submission: Submission, folder: str, out: Path, worker_problem: str | None, course) -> tuple:
    """채점 작업의 결과 파일에서 학생 보고 (StudentReport) 와 원자료."""
    raw_path = out / "raw" / f"{folder}.json"
    try:
        raw = json.loads(raw_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = {"student": submission.student, "notebooks": []}
    results = scoring.student_results(raw)
    course_exercises = {c.name: c.exercises for c in course}
    problems = [f"채점 작업: {worker_problem}"] if worker_problem else []
    for notebook in raw.get("notebooks", []):
        problems += reports.notebook_problems(notebook, course_exercises)
    done = {n["file"] for n in raw.get("notebooks", [])}
    missed = [submission.relative(p) for p in submission.notebooks if submission.relative(p) not in done]
    problems += [f"`{name}`: 채점하지 못했습니다" for name in missed]
    if not submission.notebooks:
        problems.append("노트북 (.ipynb) 이 하나도 없습니다")
    notes = reports.route_notes(results)
    notes += [f"노트북이 아닌 파일 (채점하지 않음): {', '.join(submission.others)}"] if submission.others else []
    notes += [f"심볼릭 링크 (건너뜀): {', '.join(submission.skipped)}"] if submission.skipped else []
    seconds = sum(n.get("seconds", 0) for n in raw.get("notebooks", []))
    report = reports.StudentReport(
        submission.student, folder, results, raw.get("notebooks", []), problems, notes, seconds
    )
    return report, raw


def progress_line(done: int, total: int, report: reports.StudentReport, wall: float) -> str:
    t = report.totals
    statuses = [r.status for r in report.results.values()]
    counts = ", ".join(f"{label} {statuses.count(s)}" for s, label in scoring.STATUS_KO.items() if s in statuses)
    flag = " ⚠️" if report.problems else ""
    width = len(str(total))
    return (
        f"[{done:>{width}}/{total}] {report.student}: {reports.fmt_score(t.total)}점 "
        f"(필수 {reports.fmt_score(t.required)}/{t.required_max}) · {counts} · {wall:.1f}초{flag}"
    )


def write_outputs(students: list[reports.StudentReport], out: Path, context: dict) -> None:
    (out / "grades.csv").write_text(reports.grades_csv(students), encoding="utf-8-sig")
    markdown = reports.summary_markdown(students, context)
    (out / "report.md").write_text(markdown, encoding="utf-8")
    (out / "report.html").write_text(reports.summary_html(markdown), encoding="utf-8")
    for report in students:
        folder = out / "results" / report.folder
        folder.mkdir(parents=True, exist_ok=True)
        data = reports.gradescope_results(report)
        (folder / "results.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


# ---------------------------------------------------------------------------
# 명령
# ---------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="make grade", description="학생들이 낸 노트북을 채점합니다.")
    parser.add_argument(
        "submissions", type=Path, nargs="?", help="제출 폴더 (학생마다 하위 폴더, 또는 학생__노트북.ipynb)"
    )
    parser.add_argument("--out", type=Path, default=REPO / "build" / "grade", help="결과 폴더 (기본: build/grade)")
    parser.add_argument("--hidden", type=Path, help="숨은 사례 파일 (강사만 가진 .py)")
    parser.add_argument("--jobs", type=int, default=2, help="동시에 채점할 학생 수 (기본 2)")
    parser.add_argument("--cell-timeout", type=float, default=60, help="셀 하나의 제한 시간, 초 (기본 60)")
    parser.add_argument("--notebook-timeout", type=float, default=300, help="노트북 하나의 제한 시간, 초 (기본 300)")
    parser.add_argument("--output-limit", type=int, default=100_000, help="셀 하나의 출력으로 저장할 최대 글자 수")
    parser.add_argument("--full", action="store_true", help="연습문제에 필요한 셀만이 아니라 모든 셀을 실행")
    parser.add_argument("--course", type=Path, default=REPO / "student", help="비교할 학생판 폴더 (기본: student)")
    parser.add_argument("--one", action="store_true", help="제출 폴더가 학생 한 명의 폴더 (Gradescope 등)")
    parser.add_argument("--student", help="--one 일 때 학생 이름 (기본: 폴더 이름)")
    parser.add_argument("--gradescope-json", type=Path, help="--one 일 때 results.json 을 이 경로에도 씀")
    parser.add_argument(
        "--sandbox",
        choices=("auto", "bwrap", "unshare"),
        default="auto",
        help="커널을 격리할 도구 (기본: bwrap 이 있으면 bwrap, 없으면 unshare)",
    )
    parser.add_argument(
        "--unsandboxed",
        action="store_true",
        help="격리를 만들 수 없는 기계에서 격리 없이 채점 (보고서에 경고; 믿을 수 있는 제출물에만)",
    )
    parser.add_argument("--memory-mb", type=int, default=4096, help="커널 하나의 메모리 (주소 공간) 한도, MB")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    for name in ("submissions", "out", "hidden", "course", "gradescope_json"):
        if getattr(args, name) is not None:  # make 에 준 HIDDEN=~/... 처럼 따옴표 안의 ~ 도 홈 폴더로
            setattr(args, name, getattr(args, name).expanduser())
    if args.worker is None and args.submissions is None:
        parser.error("제출 폴더를 주세요 (make grade SUBMISSIONS=<폴더>)")
    if args.memory_mb < 256:
        parser.error("--memory-mb 는 256 이상이어야 합니다")
    if args.jobs < 1 or args.cell_timeout <= 0 or args.notebook_timeout <= 0 or args.output_limit < 1000:
        parser.error("--jobs 는 1 이상, 제한 시간은 0보다 크게, --output-limit 은 1000 이상이어야 합니다")
    return args


def find_submissions(args) -> tuple[list[Submission], list[str]]:
    folder = args.submissions
    if not folder.is_dir():
        raise GradeError(f"제출 폴더가 없습니다: {folder}")
    if args.one:
        return [from_folder(folder, args.student or folder.name)], []
    submissions, notes = discover(folder)
    if not submissions:
        raise GradeError(f"{folder} 에서 제출물을 찾지 못했습니다 (학생마다 하위 폴더나 학생__노트북.ipynb 를 두세요)")
    return submissions, notes


def grade(args) -> int:
    submissions, notes = find_submissions(args)
    hidden = check_hidden(args.hidden) if args.hidden else "없음 (공개 사례만)"
    prepare_out(args.out, args.submissions)
    out = args.out.resolve()
    course = load_course(args.course) if args.course.is_dir() else []
    isolation = sandbox_config(args, out)
    folders = unique_folders(submissions)
    notebooks = sum(len(s.notebooks) for s in submissions)
    print(
        f"채점 시작: 학생 {len(submissions)}명, 노트북 {notebooks}개, 동시에 {args.jobs}명 "
        f"(셀 {args.cell_timeout:g}초, 노트북 {args.notebook_timeout:g}초 제한; 숨은 사례 {hidden})",
        flush=True,
    )
    for note in notes:
        print(f"   {note}", flush=True)
    become_subreaper()
    workers = Workers()
    reports_by_student: dict[str, reports.StudentReport] = {}
    started = time.monotonic()

    def one(submission: Submission):
        folder = folders[submission.student]
        job = make_job(submission, folder, args, out, course, isolation)
        seconds = max(1, len(submission.notebooks)) * args.notebook_timeout * 2 + 60
        begin = time.monotonic()
        problem = workers.run(job, out / "logs" / f"{folder}.log", out / "jobs" / f"{folder}.kernels", seconds)
        report, _ = student_report(submission, folder, out, problem, course)
        reap_orphans()
        return report, time.monotonic() - begin

    pool = ThreadPoolExecutor(max_workers=args.jobs)
    try:
        futures = [pool.submit(one, s) for s in submissions]
        for done, future in enumerate(as_completed(futures), start=1):
            report, wall = future.result()
            reports_by_student[report.student] = report
            print(progress_line(done, len(submissions), report, wall), flush=True)
    except KeyboardInterrupt:
        workers.stop_all(out)
        pool.shutdown(wait=True, cancel_futures=True)
        workers.stop_all(out)  # 중단하는 사이에 막 시작한 작업이 있었다면 그것도
        print(
            "\n⏹ 채점을 중단했습니다. 실행 중이던 채점 작업과 커널을 모두 끝냈고, 보고서는 쓰지 않았습니다.",
            file=sys.stderr,
        )
        return 130
    pool.shutdown()
    students = [reports_by_student[s.student] for s in submissions]
    mode = "모든 셀" if args.full else "연습문제 셀과 그 셀이 쓰는 이름을 정의하는 셀만 (NameError 가 나면 모든 셀)"
    context = {
        "about": [
            f"채점한 때: {datetime.now().strftime('%Y-%m-%d %H:%M')} · 걸린 시간 {time.monotonic() - started:.0f}초",
            f"제출물: 학생 {len(students)}명, 노트북 {notebooks}개 (폴더 `{args.submissions}`)",
            f"숨은 사례: {hidden}",
            f"실행한 셀: {mode}",
            f"제한 시간: 셀 {args.cell_timeout:g}초, 노트북 {args.notebook_timeout:g}초; 동시에 {args.jobs}명",
            isolation_line(isolation),
            "결과 파일: `grades.csv`, `results/<학생>/results.json` (Gradescope), `executed/<학생>/` (실행한 사본)",
            *notes,
        ]
    }
    write_outputs(students, out, context)
    shutil.rmtree(out / "jobs", ignore_errors=True)
    shutil.rmtree(out / "course", ignore_errors=True)
    if args.one and args.gradescope_json:
        args.gradescope_json.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out / "results" / students[0].folder / "results.json", args.gradescope_json)
    print(f"✅ 채점을 마쳤습니다: {out / 'report.html'} (점수표 {out / 'grades.csv'})", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker is not None:
        return run_job(args.worker)
    try:
        return grade(args)
    except GradeError as error:
        print(f"❌ {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
