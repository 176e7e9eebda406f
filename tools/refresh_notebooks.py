"""노트북을 새 커널에서 위에서 아래로 다시 실행하고, 성공한 것만 저장된 출력을 바꿉니다.

- 커널은 ``python3``, 작업 폴더는 노트북이 있는 폴더입니다.
- 실행 시각 메타데이터는 남기지 않습니다 (``record_timing=False``). papermill 메타데이터도 없습니다.
- 한 셀의 연이은 같은 스트림 출력은 하나로 합칩니다 (print 가 언제 커널 밖으로 나갔는지에 따라 나뉘지 않도록).
- ``--keep-timings``: 소스가 git 에 커밋된 것과 같은 ``nbval-ignore-output`` 셀 (시간 측정처럼 실행마다 다른 출력)
  은 커밋된 출력을 그대로 씁니다. 고친 것이 없으면 다시 실행해도 파일이 바뀌지 않게 (``make notebook`` 이 씁니다).
  그 셀을 고쳤으면 새로 잽니다. 모두 새로 재려면 ``make refresh``.
- 모든 노트북을 실행한 **뒤에** 성공한 것만 저장합니다 (같은 폴더의 임시 파일에 쓴 뒤 ``os.replace``, 파일
  권한은 그대로). 실행하는 동안 누가 그 노트북 파일을 고쳤으면 그 노트북은 저장하지 않습니다.
- 실패한 노트북이 있어도 나머지를 모두 실행한 뒤, 실패한 것들을 알리고 종료 코드 1 로 끝납니다.
- Ctrl-C (SIGINT) 는 실행 전체를 멈춥니다: 실행 중인 셀을 중단하고, 뒤의 노트북은 실행하지 않으며, 노트북은
  하나도 바꾸지 않고 (이미 실행을 마친 것도) 종료 코드 130 으로 끝납니다. 셀이 중단을 무시하면 한 번 더 누르세요:
  커널을 바로 끝냅니다.

사용법::

    python tools/refresh_notebooks.py                        # notebooks/*.ipynb 전부 (저장소 맨 위에서)
    python tools/refresh_notebooks.py notebooks/04_math.ipynb
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from course_files import atomic_write
from nbclient import NotebookClient

INTERRUPTED_EXIT = 128 + signal.SIGINT  # 130, 셸의 관례
FORCED_WAIT_SECONDS = 15.0  # 두 번째 Ctrl-C 뒤 실행 스레드를 기다리는 최대 시간


class RefreshInterrupted(Exception):
    """Ctrl-C 를 받아 다음 셀을 실행하지 않고 멈춥니다."""


class Interrupt:
    """Ctrl-C 처리. 실행은 다른 스레드에서 하고, 신호는 주 스레드의 이 처리기가 받습니다.

    첫 번째 Ctrl-C: 멈춤을 요청하고 커널에 SIGINT 를 보내 실행 중인 셀을 중단합니다 (커널은 따로 세션에 있어서
    터미널의 Ctrl-C 가 닿지 않습니다). 다음 셀은 ``on_cell_start`` 에서 막습니다.
    두 번째 Ctrl-C: 커널을 SIGKILL 로 끝냅니다 (중단을 무시하는 셀이 있어도 멈춥니다).
    """

    def __init__(self) -> None:
        self.count = 0
        self.client: NotebookClient | None = None
        self.saving = False

    @property
    def requested(self) -> bool:
        return self.count > 0

    def handle(self, signum: int, frame: object) -> None:
        self.count += 1
        # 멈추는 동안 커널 통신(zmq/tornado)이 끊기며 남기는 트레이스백은 사용자에게 뜻이 없어 감춥니다
        for name in ("tornado", "asyncio", "traitlets"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
        if self.saving:
            print("⛔ Ctrl-C: 실행은 이미 끝났고 저장하는 중이라, 저장을 마칩니다.", file=sys.stderr, flush=True)
        elif self.count == 1:
            print(
                "\n⛔ Ctrl-C: 실행을 멈추는 중입니다. 노트북은 하나도 바꾸지 않습니다"
                " (한 번 더 누르면 커널을 바로 끝냅니다).",
                file=sys.stderr,
                flush=True,
            )
            self.signal_kernel(signal.SIGINT)
        else:
            print("⛔ Ctrl-C: 커널을 바로 끝냅니다.", file=sys.stderr, flush=True)
            self.signal_kernel(signal.SIGKILL)

    def signal_kernel(self, signum: int) -> None:
        """실행 중인 커널(과 그 프로세스 그룹)에 신호를 보냅니다. 커널이 아직/이미 없으면 아무것도 하지 않습니다."""
        provisioner = getattr(getattr(self.client, "km", None), "provisioner", None)
        pid, pgid = getattr(provisioner, "pid", None), getattr(provisioner, "pgid", None)
        try:
            if pgid and pgid != os.getpgrp():
                os.killpg(pgid, signum)
            elif pid:
                os.kill(pid, signum)
        except (OSError, TypeError):
            pass  # 커널이 막 끝났음

    def stop_before_cell(self, **_: object) -> None:
        """nbclient 의 on_cell_start 훅: 멈춤이 요청되었으면 다음 셀을 실행하지 않습니다."""
        if self.requested:
            raise RefreshInterrupted


IGNORED_OUTPUT_TAG = "nbval-ignore-output"


def coalesce_streams(outputs: list) -> list:
    """연이은 같은 이름의 stream 출력을 하나로 합칩니다."""
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = "".join(previous["text"]) + "".join(output["text"])
        else:
            merged.append(output)
    return merged


def committed(path: Path):
    """git 에 커밋된 (HEAD) 그 노트북, 없으면 (git 밖, 새 파일) None."""
    try:
        shown = subprocess.run(
            ["git", "show", f"HEAD:./{path.name}"], cwd=path.parent, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return nbformat.reads(shown.stdout, as_version=4) if shown.returncode == 0 else None


def finish(nb, reference=None) -> None:
    """실행한 노트북의 출력 정리: 스트림 합치기, reference (커밋된 노트북) 와 소스가 같은 시간 측정 셀은 그 출력."""
    old = {(cell.source, index): cell for index, cell in enumerate(reference.cells)} if reference else {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        cell.outputs = coalesce_streams(cell.outputs)
        previous = old.get((cell.source, index))
        if previous is not None and previous.outputs and IGNORED_OUTPUT_TAG in cell.metadata.get("tags", []):
            cell.outputs = previous.outputs
            cell.execution_count = previous.execution_count


def execute(
    path: Path, interrupt: Interrupt, timeout: int = 1200, kernel_name: str = "python3", keep_timings: bool = False
) -> str:
    """노트북 하나를 실행해 새 JSON 텍스트를 돌려줍니다 (파일은 쓰지 않음). 실패하면 예외."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_start=interrupt.stop_before_cell,
    )
    interrupt.client = client
    try:
        client.execute()
    finally:
        interrupt.client = None
    finish(nb, committed(path) if keep_timings else None)
    return nbformat.writes(nb) + "\n"


def execute_in_thread(path: Path, interrupt: Interrupt, timeout: int, keep_timings: bool = False) -> str:
    """execute 를 다른 스레드에서 (주 스레드가 Ctrl-C 를 바로 받도록). 두 번째 Ctrl-C 뒤 오래 걸리면 포기."""
    result: dict[str, object] = {}

    def work() -> None:
        try:
            result["text"] = execute(path, interrupt, timeout, keep_timings=keep_timings)
        except BaseException as error:  # 주 스레드에서 다시 판단합니다
            result["error"] = error

    thread = threading.Thread(target=work, name=f"refresh {path.name}", daemon=True)
    thread.start()
    forced_at = None
    while thread.is_alive():
        thread.join(0.1)
        if interrupt.count >= 2:
            forced_at = forced_at or time.monotonic()
            if time.monotonic() - forced_at > FORCED_WAIT_SECONDS:
                raise RefreshInterrupted
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["text"]  # type: ignore[return-value]


def describe_error(error: BaseException) -> str:
    """실패 원인 한 줄: 노트북 셀의 예외면 그 이름과 메시지, 아니면 예외 이름과 첫 줄."""
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    if ename:
        text = f"{ename}: {evalue}"
    else:
        text = f"{type(error).__name__}: {str(error).strip()}"
    first = (text.strip().splitlines() or [""])[0]
    return first if len(first) <= 200 else first[:197] + "..."


@dataclass
class Run:
    """실행 결과: 저장할 것(경로, 실행 전 바이트, 새 텍스트), 실패한 것, 중단된 곳."""

    done: list[tuple[Path, bytes, str]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    stopped_at: Path | None = None


def run_all(paths: list[Path], interrupt: Interrupt, timeout: int, keep_timings: bool = False) -> Run:
    """노트북을 차례로 실행합니다 (아무것도 쓰지 않음). Ctrl-C 를 받으면 그 자리에서 멈춥니다."""
    run = Run()
    for path in paths:
        if interrupt.requested:
            run.stopped_at = path
            break
        original = path.read_bytes()
        start = time.perf_counter()
        try:
            text = execute_in_thread(path, interrupt, timeout, keep_timings)
        except Exception as error:  # 셀 오류, 커널 오류 모두 '실패' (중단이 아니면)
            if interrupt.requested:
                run.stopped_at = path
                break
            run.failed.append((path, describe_error(error)))
            print(f"❌ {path} ({time.perf_counter() - start:.1f}초) 실패, 파일은 그대로 둡니다", flush=True)
            continue
        if interrupt.requested:
            run.stopped_at = path
            break
        run.done.append((path, original, text))
        print(f"✅ {path} ({time.perf_counter() - start:.1f}초)", flush=True)
    return run


def save(run: Run, interrupt: Interrupt) -> None:
    """성공한 노트북을 저장합니다. 실행하는 동안 파일이 바뀌었으면 그 노트북은 저장하지 않고 실패로 둡니다."""
    interrupt.saving = True
    for path, original, text in run.done:
        if not path.exists() or path.read_bytes() != original:
            run.failed.append((path, "실행하는 동안 파일이 바뀌어서 저장하지 않았습니다 (그 수정을 지키려고)"))
            continue
        atomic_write(path, text.encode("utf-8"))


def report_interrupt(run: Run, paths: list[Path]) -> None:
    index = paths.index(run.stopped_at) if run.stopped_at in paths else len(paths)
    print(f"\n⛔ 중단했습니다 (Ctrl-C). 노트북 {len(paths)}개 중 어느 것도 바꾸지 않았습니다.", file=sys.stderr)
    print(f"   멈춘 곳: {run.stopped_at} (실행하지 않은 노트북 {len(paths) - index - 1}개)", file=sys.stderr)
    if run.done:
        print(f"   이미 실행을 마친 {len(run.done)}개도 저장하지 않았습니다. 다시 실행하세요.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="노트북을 다시 실행해 저장된 출력을 새로 고칩니다 (실패하면 그대로).")
    parser.add_argument("notebooks", nargs="*", type=Path, help="노트북 경로 (기본: notebooks/*.ipynb)")
    parser.add_argument("--timeout", type=int, default=1200, help="셀 하나의 최대 실행 시간(초), 기본 1200")
    parser.add_argument(
        "--keep-timings", action="store_true", help="소스가 그대로인 nbval-ignore-output 셀은 저장된 출력을 둡니다"
    )
    args = parser.parse_args(argv)

    paths = args.notebooks or sorted(Path("notebooks").glob("*.ipynb"))
    if not paths:
        print("❌ 다시 실행할 노트북이 없습니다 (저장소 맨 위 폴더에서 실행했나요?).", file=sys.stderr)
        return 1
    missing = [path for path in paths if not path.is_file()]
    if missing:
        print(f"❌ 노트북 파일이 없습니다: {', '.join(map(str, missing))}", file=sys.stderr)
        return 1
    interrupt = Interrupt()
    previous = signal.signal(signal.SIGINT, interrupt.handle)
    try:
        run = run_all(paths, interrupt, args.timeout, args.keep_timings)
        if interrupt.requested:
            run.stopped_at = run.stopped_at or paths[-1]
            report_interrupt(run, paths)
            return INTERRUPTED_EXIT
        save(run, interrupt)
    finally:
        signal.signal(signal.SIGINT, previous)
    if run.failed:
        print(f"\n❌ {len(run.failed)}개 노트북을 바꾸지 않았습니다:", file=sys.stderr)
        for path, reason in run.failed:
            print(f"   - {path}: {reason}", file=sys.stderr)
        return 1
    print(f"\n✅ 노트북 {len(paths)}개를 다시 실행해 저장했습니다.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
