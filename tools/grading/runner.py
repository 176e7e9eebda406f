"""채점용 사본을 새 커널에서 실행합니다: 셀·노트북 제한 시간, 출력 한도, 커널이 죽거나 멈춰도 계속.

채점 작업 프로세스 (``tools/grade.py --worker``) 안에서 씁니다. 커널은 이 프로세스의 자식이지만 자기 프로세스
그룹에서 돌므로 (jupyter_client), 커널의 프로세스 그룹 번호를 파일에 적어 두어 채점기 본체가 마지막에 정리할 수
있게 합니다.
"""

from __future__ import annotations

import inspect
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from grading.plan import GRADE_MIME, ROLE_KEY

TIMEOUT_ENAME = "GradingTimeout"
TRUNCATED_NOTE = "\n[채점기: 출력이 너무 커서 여기서부터는 저장하지 않았습니다]\n"
PROBE_SECONDS = 10


@dataclass(frozen=True)
class Limits:
    """실행 한도.

    cell_seconds : 셀 하나의 제한 시간 (넘으면 커널을 중단하고 다음 셀로)
    notebook_seconds : 노트북 하나 전체의 제한 시간 (넘으면 남은 셀은 실행하지 않음)
    output_chars : 셀 하나의 출력으로 저장할 최대 글자 수 (채점 기록은 한도와 상관없이 저장)
    """

    cell_seconds: float = 60
    notebook_seconds: float = 300
    output_chars: int = 100_000


@dataclass
class Execution:
    """실행에서 일어난 일 (셀 번호는 채점용 사본에서의 위치).

    events : {"kind": ..., "cell": ...} 목록. kind 는 cell-timeout, cell-error, output-truncated,
             kernel-died, kernel-unresponsive, notebook-timeout, kernel-failed
    executed : 실행한 셀 번호들
    seconds : 걸린 시간
    """

    events: list[dict] = field(default_factory=list)
    executed: list[int] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, kind: str, cell: int | None = None, **details) -> None:
        self.events.append({"kind": kind, "cell": cell, **details})


class GradingClient(NotebookClient):
    """출력 한도를 지키고, 제한 시간을 넘긴 셀과 오류 난 셀을 기록하는 NotebookClient."""

    def __init__(self, nb, limits: Limits, execution: Execution, **kwargs):
        super().__init__(nb, **kwargs)
        self.limits = limits
        self.execution = execution
        self.used_chars: dict[int, int] = {}
        self.on_cell_executed = self._note_reply
        self.remote = False  # 채점기가 학생 함수를 부르는 중 (그 셀의 결과는 사건으로 적지 않음)
        self.remote_timed_out = False

    def _note_reply(self, cell, cell_index, execute_reply):
        content = (execute_reply or {}).get("content", {})
        if self.remote:
            self.remote_timed_out = content.get("ename") == TIMEOUT_ENAME
            return
        if content.get("status") != "error":
            return
        if content.get("ename") == TIMEOUT_ENAME:
            self.execution.add("cell-timeout", cell_index)
        else:
            self.execution.add("cell-error", cell_index, ename=content.get("ename", ""))

    def output(self, outs, msg, display_id, cell_index):
        data = msg.get("content", {}).get("data", {})
        if GRADE_MIME in data:
            return super().output(outs, msg, display_id, cell_index)  # 채점 기록은 언제나 저장
        size = len(json.dumps(msg.get("content", {}), ensure_ascii=False))
        used = self.used_chars.get(cell_index, 0)
        if used + size > self.limits.output_chars:
            if used <= self.limits.output_chars:
                self.used_chars[cell_index] = self.limits.output_chars + 1
                self.execution.add("output-truncated", cell_index)
                outs.append(_stream(TRUNCATED_NOTE))
            return None
        self.used_chars[cell_index] = used + size
        return super().output(outs, msg, display_id, cell_index)


def _stream(text: str):
    import nbformat

    return nbformat.v4.new_output("stream", name="stderr", text=text)


def _responsive(client: GradingClient) -> bool:
    """제한 시간을 넘긴 셀을 중단한 뒤 커널이 다시 명령을 받는지 (짧은 셀 하나를 보내 봄)."""
    sent = client.kc.execute("pass", store_history=False)
    msg_id = run_sync(_awaited)(sent) if inspect.isawaitable(sent) else sent
    saved = client.timeout
    client.timeout = PROBE_SECONDS
    try:
        return client.wait_for_reply(msg_id) is not None
    except DeadKernelError:
        return False
    finally:
        client.timeout = saved


async def _awaited(value):
    return await value


def _record_kernel(client: GradingClient, pid_file: Path | None) -> None:
    """커널의 프로세스 그룹 번호와 연결 파일을 pid_file 에 한 줄 더 적습니다 (채점기 본체의 마지막 정리용).

    연결 파일 경로는 커널의 명령줄에 들어 있으므로, 본체는 그 번호의 프로세스가 정말 이 커널인지 확인한 뒤에만
    끝냅니다 (번호가 다른 프로세스에 다시 쓰였을 수 있음).
    """
    if pid_file is None:
        return
    provisioner = getattr(client.km, "provisioner", None)
    pgid = getattr(provisioner, "pgid", None) or getattr(getattr(provisioner, "process", None), "pid", None)
    if pgid:
        with pid_file.open("a", encoding="utf-8") as handle:
            handle.write(f"{pgid}\t{client.km.connection_file}\n")


def run_in_kernel(client: GradingClient, source: str, wall: float, index: int) -> None:
    """채점기의 요청 한 줄 (``_sgns_grading_call(n)``) 을 커널에서 실행합니다 (노트북에 남지 않는 셀).

    wall 초 안에 끝나지 않으면 커널을 중단하고 TimeoutError, 커널이 죽었으면 `grading.remote.KernelGone`.
    """
    import nbformat

    from grading.remote import KernelGone

    cell = nbformat.v4.new_code_cell(source)
    saved = client.timeout
    client.timeout = max(1, int(wall))
    client.remote, client.remote_timed_out = True, False
    original = client.nb.cells[index]  # nbclient 은 실행한 셀을 그 자리에 다시 넣으므로 되돌립니다
    try:
        client.execute_cell(cell, index, store_history=False)
    except DeadKernelError:
        raise KernelGone("커널이 죽었습니다") from None
    except CellTimeoutError:
        raise TimeoutError from None
    finally:
        client.nb.cells[index] = original
        client.timeout = saved
        client.remote = False
    if client.remote_timed_out:
        if not _responsive(client):
            raise KernelGone("중단한 뒤 커널이 응답하지 않습니다")
        raise TimeoutError


def execute(
    nb, cwd: Path, env: dict, limits: Limits, pid_file: Path | None = None, on_capture=None, manager=None
) -> Execution:
    """채점용 사본 nb 를 새 커널에서 실행합니다 (nb 에 출력이 채워짐). 예외를 내지 않습니다.

    ``metadata.sgns_grading.run`` 이 참인 코드 셀만 순서대로 실행합니다. 셀이 제한 시간을 넘기면 커널을
    중단하고 다음 셀로 가며, 중단해도 커널이 응답하지 않거나 커널이 죽거나 노트북 제한 시간이 지나면 멈춥니다.
    채점 셀 (role capture) 을 실행한 바로 뒤에 ``on_capture(client, cell, index)`` 를 부릅니다 (판정).
    manager : 커널을 띄울 KernelManager 클래스 (격리된 커널, `grading.sandbox`; 없으면 jupyter_client 의 기본)
    """
    execution = Execution()
    start = time.monotonic()
    deadline = start + limits.notebook_seconds
    client = GradingClient(
        nb,
        limits,
        execution,
        kernel_name="python3",
        timeout=max(1, int(limits.cell_seconds)),
        interrupt_on_timeout=True,
        error_on_timeout={"ename": TIMEOUT_ENAME, "evalue": "", "traceback": []},
        allow_errors=True,
        record_timing=False,
        raise_on_iopub_timeout=False,
        iopub_timeout=4,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(cwd)}},
        shell_timeout_interval=1,
        **({"kernel_manager_class": manager} if manager is not None else {}),
    )
    try:
        with client.setup_kernel(env=env, cwd=str(cwd)):
            _record_kernel(client, pid_file)
            _run_cells(client, nb, deadline, limits, execution, on_capture)
    except DeadKernelError:
        execution.add("kernel-died", execution.executed[-1] if execution.executed else None)
    except Exception as error:  # 커널을 띄우지 못함 등: 채점기는 멈추지 않고 기록만
        execution.add("kernel-failed", None, error=f"{type(error).__name__}: {str(error)[:300]}")
    execution.seconds = time.monotonic() - start
    return execution


def _run_cells(client: GradingClient, nb, deadline: float, limits: Limits, execution: Execution, on_capture) -> None:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.metadata.get(ROLE_KEY, {}).get("run"):
            continue
        remaining = deadline - time.monotonic()
        if remaining < 1:
            execution.add("notebook-timeout", index)
            return
        client.timeout = max(1, int(min(limits.cell_seconds, remaining)))
        execution.executed.append(index)
        timeouts_before = sum(e["kind"] == "cell-timeout" for e in execution.events)
        try:
            client.execute_cell(cell, index)
        except DeadKernelError:
            execution.add("kernel-died", index)
            return
        except CellTimeoutError:
            execution.add("cell-timeout", index)
        timed_out = sum(e["kind"] == "cell-timeout" for e in execution.events) > timeouts_before
        if on_capture is not None and not timed_out and cell.metadata.get(ROLE_KEY, {}).get("role") == "capture":
            from grading.remote import KernelGone

            try:
                on_capture(client, cell, index)
            except KernelGone:
                execution.add("kernel-died", index)
                return
        if sum(e["kind"] == "cell-timeout" for e in execution.events) > timeouts_before and not _responsive(client):
            execution.add("kernel-unresponsive", index)
            return
