"""학생 한 명의 제출물을 채점하는 작업 (``tools/grade.py --worker 작업.json`` 으로 따로 프로세스에서 실행).

노트북마다: 원본을 읽기만 하고, 새 임시 폴더에 학생 폴더를 복사해 그곳을 작업 폴더로 새 커널에서 채점용 사본을
실행합니다 (`grading.plan`, `grading.runner`). 결과는 노트북 하나가 끝날 때마다 결과 파일에 다시 씁니다
(작업이 중간에 끊겨도 그때까지의 결과는 남음). 실행한 채점용 사본은 강사가 볼 수 있게 저장합니다.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import traceback
from pathlib import Path

import nbformat

from grading import judging, tamper
from grading.compare import CourseNotebook, changes, match
from grading.plan import EXCHANGE_ENV_VAR, GRADE_MIME, ROLE_KEY, grading_notebook
from grading.runner import Limits, execute
from sgns.checks import HIDDEN_CASES_ENV_VAR

MAX_COPY_BYTES = 50_000_000  # 작업 폴더로 복사할 파일 하나의 최대 크기
NAME_ERROR = re.compile(r"NameError: name '(\w+)' is not defined")
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


def kernel_env(exchange: Path) -> dict:
    """채점 커널의 환경 변수: 교환 폴더, 그림은 화면 없이 (Agg), 커널마다 스레드 하나 (동시에 여러 커널).

    숨은 사례 파일은 넘기지 않습니다 (판정은 채점기 프로세스에서 하므로 커널은 숨은 사례를 모릅니다).
    """
    env = dict(os.environ)
    env.pop(HIDDEN_CASES_ENV_VAR, None)
    env[EXCHANGE_ENV_VAR] = str(exchange)
    env["MPLBACKEND"] = "Agg"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    for name in THREAD_VARS:
        env[name] = "1"
    return env


def _ignore_for_copy(folder: str, names: list[str]) -> list[str]:
    """복사하지 않을 것: 숨김 항목, 심볼릭 링크, 아주 큰 파일."""
    skipped = []
    for name in names:
        path = Path(folder) / name
        if name.startswith(".") or path.is_symlink():
            skipped.append(name)
        elif path.is_file() and path.stat().st_size > MAX_COPY_BYTES:
            skipped.append(name)
    return skipped


def prepare_folder(root: str | None, notebook: Path, scratch: Path) -> Path:
    """실행할 작업 폴더 (scratch 안의 사본) 를 만들고 노트북이 실행될 폴더를 돌려줍니다."""
    work = scratch / "work"
    if root is None:
        work.mkdir(parents=True)
        return work
    shutil.copytree(root, work, ignore=_ignore_for_copy, symlinks=True)
    return work / notebook.parent.relative_to(root)


def _remove_tree(path: Path) -> None:
    """학생 코드가 만든 읽기 전용 파일이 있어도 지웁니다."""

    def make_writable(function, name, _info):
        try:
            os.chmod(name, stat.S_IRWXU)
            function(name)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=make_writable)
    else:
        shutil.rmtree(path, onerror=make_writable)


def read_notebook(path: Path):
    """노트북을 읽습니다. 읽을 수 없으면 (None, 한국어 이유)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, "UTF-8 글자가 아닌 파일입니다 (노트북이 아님)"
    except OSError as error:
        return None, f"파일을 읽을 수 없습니다: {error.strerror or error}"
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as error:
        return None, f"노트북(JSON)으로 읽을 수 없습니다: {type(error).__name__}: {str(error)[:200]}"
    if not isinstance(nb.get("cells"), list):
        return None, "노트북의 셀 목록이 없습니다"
    return nb, None


def collect(executed_nb, execution) -> tuple[list[dict], list[dict]]:
    """실행한 채점용 사본에서 (채점 기록들, 원래 셀 번호로 바꾼 사건들)."""
    timed_out = {e["cell"] for e in execution.events if e["kind"] == "cell-timeout"}
    captures = []
    for index, cell in enumerate(executed_nb.cells):
        role = cell.metadata.get(ROLE_KEY, {})
        if role.get("role") != "capture":
            continue
        found = [o["data"][GRADE_MIME] for o in cell.get("outputs", []) if GRADE_MIME in o.get("data", {})]
        if found:
            captures.append(dict(found[-1]))
            continue
        status = "timeout" if index in timed_out else "not-run" if index not in execution.executed else "no-output"
        exercise, function, original, route = _capture_arguments(cell.source)
        captures.append(
            {"exercise": exercise, "function": function, "cell": original, "route": route, "status": status}
        )
    events = []
    for event in execution.events:
        cell = event.get("cell")
        role = executed_nb.cells[cell].metadata.get(ROLE_KEY, {}) if cell is not None else {}
        events.append({**event, "cell": role.get("original_index"), "by": role.get("role", "grader")})
    return captures, events


def _capture_arguments(source: str) -> tuple:
    """채점 셀 원문 ``_sgns_grading_capture('id', 'fn', 3, 'metadata')`` 의 인자들."""
    import ast

    call = ast.parse(source).body[0].value
    return tuple(ast.literal_eval(arg) for arg in call.args)


def skipped_cells(graded) -> int:
    """채점용 사본에서 실행하지 않기로 한 학생 코드 셀의 수."""
    return sum(
        cell.cell_type == "code" and cell.metadata[ROLE_KEY]["role"] == "student" and not cell.metadata[ROLE_KEY]["run"]
        for cell in graded.cells
    )


def needs_full_run(graded, captures: list[dict], events: list[dict]) -> bool:
    """필요한 셀만 실행해서 생겼을 수 있는 NameError 가 있는지 (그러면 모든 셀로 다시 실행).

    이름 분석이 놓치는 정의 (``exec``, ``%run``, ``globals()`` 등) 가 빠진 셀에 있을 수 있으므로, 실행하지 않은
    셀이 있고 학생 셀이나 판정에서 NameError 가 났으면 모두 다시 실행합니다.
    """
    if not skipped_cells(graded):
        return False
    if any(e["kind"] == "cell-error" and e.get("ename") == "NameError" for e in events):
        return True
    return any(NAME_ERROR.search(c.get("record", {}).get("message", "")) for c in captures)


def grade_notebook(path: Path, job: dict, course: list[CourseNotebook], executed_dir: Path) -> dict:
    """노트북 하나를 채점한 결과 (JSON 으로 쓸 수 있는 dict)."""
    relative = job["relative"][str(path)]
    result: dict = {"file": relative}
    nb, problem = read_notebook(path)
    if nb is None:
        return {**result, "status": "unreadable", "error": problem}
    name = job.get("names", {}).get(str(path), path.name)
    reference = match(nb, name, course)
    result["course"] = reference.name if reference else None
    result["renamed"] = bool(reference and reference.name != name)
    result["changes"] = changes(nb, reference) if reference else None
    limits = Limits(**job["limits"])
    mode = job["mode"]
    graded, found = grading_notebook(nb, mode)
    result["expected"] = sorted({c.exercise for c in found})
    result["tampering"] = tamper.notebook_flags(nb, {c.cell for c in found})
    if not found:
        return {**result, "status": "no-exercises"}
    captures, events, seconds = _run(graded, path, job, limits)
    if mode != "full" and needs_full_run(graded, captures, events):
        graded, found = grading_notebook(nb, "full")
        captures, events, more = _run(graded, path, job, limits)
        seconds += more
        mode, result["rerun_full"] = "full", True
    target = executed_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(graded, ensure_ascii=False, indent=1), encoding="utf-8")
    return {
        **result,
        "status": "graded",
        "mode": mode,
        "captures": captures,
        "events": events,
        "seconds": round(seconds, 2),
        "executed_copy": target.as_posix(),
    }


def _run(graded, path: Path, job: dict, limits: Limits):
    scratch = Path(tempfile.mkdtemp(prefix="sgns-grade-"))
    try:
        cwd = prepare_folder(job["root"], path, scratch)
        exchange = scratch / "exchange"
        exchange.mkdir()
        judge = judging.Judge(graded, exchange)
        manager = judging.kernel_manager(job, scratch, cwd, exchange)
        env = kernel_env(exchange)
        execution = execute(graded, cwd, env, limits, Path(job["pid_file"]), judge.on_capture, manager)
    finally:
        _remove_tree(scratch)
    captures, events = collect(graded, execution)
    return captures, events, execution.seconds


def write_json(path: Path, data) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def run_job(job_file: Path) -> int:
    """작업 파일 하나 (학생 한 명) 를 채점하고 결과 파일을 씁니다."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # 본체가 끝내면 with 블록이 커널을 정리하도록
    job = json.loads(job_file.read_text(encoding="utf-8"))
    os.environ.pop(HIDDEN_CASES_ENV_VAR, None)
    if job.get("hidden"):  # 숨은 사례는 이 프로세스 (판정) 에서만 읽습니다
        os.environ[HIDDEN_CASES_ENV_VAR] = job["hidden"]
    course = [CourseNotebook.from_json(c) for c in job["course"]]
    out = {"student": job["student"], "notebooks": []}
    result_file = Path(job["result_file"])
    write_json(result_file, out)
    for path in job["notebooks"]:
        try:
            result = grade_notebook(Path(path), job, course, Path(job["executed_dir"]))
        except Exception as error:  # 채점기의 버그나 뜻밖의 노트북 구조: 이 노트북만 기록하고 계속
            traceback.print_exc()  # logs/<학생>.log
            result = {
                "file": job["relative"][path],
                "status": "grader-error",
                "error": f"{type(error).__name__}: {str(error)[:300]}",
            }
        out["notebooks"].append(result)
        write_json(result_file, out)
    out["finished"] = True
    write_json(result_file, out)
    return 0
