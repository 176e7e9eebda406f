"""채점 셀이 실행된 바로 뒤에 채점기 프로세스에서 판정합니다 (`grading.runner.execute` 의 ``on_capture``).

채점 셀은 커널 안에서 학생 함수를 붙잡아 두기만 합니다 (`grading.kernel_side`). 여기서 그 함수의 대리인
(`grading.remote.KernelFunction`) 을 `sgns.checks.evaluate` 에 넘겨 판정하고, 판정 기록을 채점 셀의 출력에
더합니다 (`grading.worker.collect` 가 마지막 기록을 읽음). 학생 함수의 코드가 sgns 의 코드와 같은 구조이면
(`grading.copies`) 커널에서 부르지 않고, 그 sgns 함수를 넘겼을 때와 똑같이 판정합니다.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from grading import copies
from grading.plan import GRADE_MIME, ROLE_KEY
from grading.remote import KernelFunction, Opaque
from sgns.checks import EXERCISES, evaluate


def _last_capture(cell) -> dict | None:
    found = [o["data"][GRADE_MIME] for o in cell.get("outputs", []) if GRADE_MIME in o.get("data", {})]
    return dict(found[-1]) if found else None


class Judge:
    """채점용 사본 하나의 판정 (채점 셀마다 한 번)."""

    def __init__(self, graded, exchange: Path):
        self.graded = graded
        self.exchange = exchange
        self.sources = {
            c.metadata[ROLE_KEY]["original_index"]: c.source
            for c in graded.cells
            if c.cell_type == "code" and c.metadata.get(ROLE_KEY, {}).get("role") == "student"
        }

    def on_capture(self, client, cell, index: int) -> None:
        from grading.runner import run_in_kernel

        data = _last_capture(cell)
        if data is None or data.get("status") not in ("captured", "not-callable"):
            return
        exercise_id = data.get("exercise")
        if exercise_id not in EXERCISES:
            return
        result = {key: data.get(key) for key in ("exercise", "function", "cell", "route")}
        try:
            if data["status"] == "not-callable":
                record = evaluate(exercise_id, Opaque("value", "함수가 아닌 값"))
            else:
                copied = copies.copied_reference(
                    exercise_id, data.get("fingerprint"), self.sources.get(data.get("cell"), "")
                )
                if copied is not None:
                    result["copied"] = copied.__qualname__
                    result["copied_module"] = copied.__module__
                    record = evaluate(exercise_id, copied)
                else:
                    proxy = KernelFunction(
                        lambda source, wall: run_in_kernel(client, source, wall, index),
                        self.exchange,
                        str(data["token"]),
                        EXERCISES[exercise_id],
                    )
                    record = evaluate(exercise_id, proxy)
        except KeyboardInterrupt:
            result["status"] = "interrupted"
        except Exception as error:  # 채점기 쪽의 뜻밖의 문제: 이 연습문제만 "확인 도구 오류" 로
            result["status"] = "no-output"
            result["grader_error"] = f"{type(error).__name__}: {str(error)[:300]}"
        else:
            result["status"] = "evaluated"
            result["record"] = record.to_json()
        text = f"[채점] {exercise_id}: {result['status']}"
        cell.outputs.append(nbformat.v4.new_output("display_data", data={GRADE_MIME: result, "text/plain": text}))


def kernel_manager(job: dict, scratch: Path, cwd: Path, exchange: Path):
    """이 노트북의 커널을 띄울 KernelManager 클래스 (격리, `grading.sandbox`). 격리하지 않으면 None."""
    from grading import sandbox

    return sandbox.manager_for(job.get("sandbox"), scratch, cwd, exchange)
