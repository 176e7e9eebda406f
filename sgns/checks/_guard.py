"""학생 함수를 안전하게 부르기: 시간 제한 (`run_with_time_limit`), 반복자 자르기 (`take`), 참조 구현 감지.

메인 스레드에서는 ``signal.setitimer``로 CPU 시간 (SIGPROF; 멈춰 기다리는 코드는 벽시계, SIGALRM)이 넘으면
학생 코드 안에서 `TimeUp`을 냅니다 (학생이 삼켜도 호출 뒤 다시 냄). 그 밖에서는 (다른 스레드, Windows) 데몬
스레드에서 부르고 제한 시간만 기다립니다. 참조 구현은 ``sys.setprofile``로 코드 객체를 비교해 찾습니다.
"""

from __future__ import annotations

import contextlib
import itertools
import signal
import sys
import threading
from collections.abc import Mapping
from types import MappingProxyType

from sgns._validate import as_callable, as_positive_float


class TimeUp(BaseException):  # 학생 코드의 ``except Exception`` 에 잡히지 않도록 BaseException
    """학생 함수가 제한 시간 안에 끝나지 않았습니다."""


def _alarm_available() -> bool:
    return (
        hasattr(signal, "setitimer")
        and hasattr(signal, "SIGPROF")
        and threading.current_thread() is threading.main_thread()
    )


def run_with_time_limit(func, seconds: float, references: Mapping = MappingProxyType({}), found=None):
    """``func()``의 결과. ``seconds`` 초 안에 끝나지 않으면 `TimeUp`; func의 예외는 그대로 전달됩니다.

    references, found : func를 실행하는 스레드에서 `watch_calls`로 지켜봅니다 (제한 시간 밖에서 켬).
    """
    func = as_callable("func", func, 0, "func()")
    seconds = as_positive_float("seconds", seconds, example="60")
    found = [] if found is None else found
    if _alarm_available():
        with watch_calls(references, found):
            return _run_with_alarm(func, seconds)

    def watched():
        with watch_calls(references, found):
            return func()

    return _run_in_thread(watched, seconds)


# 제한 시간은 이 프로세스의 CPU 시간 (ITIMER_PROF; 바쁜 기계에서도 멀쩡한 답이 틀리지 않도록).
# 멈춰 있는 코드 (time.sleep, input) 는 벽시계 제한 (ITIMER_REAL) 이 끊습니다.
WALL_FACTOR = 3.0
WALL_MINIMUM = 10.0


def _run_with_alarm(func, seconds: float):
    state = {"active": True, "fired": False}

    def on_alarm(signum, frame):
        if state["active"]:
            state["fired"] = True
            raise TimeUp()

    wall = max(WALL_MINIMUM, WALL_FACTOR * seconds)
    previous = {sig: signal.signal(sig, on_alarm) for sig in (signal.SIGPROF, signal.SIGALRM)}
    # 처음은 제한 시간 뒤, 그 뒤로는 0.05초마다 (학생 코드가 예외를 삼키고 계속 돌면 다시 끊습니다)
    previous_timers = {
        signal.ITIMER_PROF: signal.setitimer(signal.ITIMER_PROF, seconds, 0.05),
        signal.ITIMER_REAL: signal.setitimer(signal.ITIMER_REAL, wall, 0.05),
    }
    try:
        result = func()
    finally:
        state["active"] = False
        for timer in previous_timers:
            signal.setitimer(timer, 0)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for timer, (delay, interval) in previous_timers.items():
            if delay > 0:  # 다른 누군가의 타이머가 있었으면 되살립니다
                signal.setitimer(timer, delay, interval)
    if state["fired"]:
        raise TimeUp()
    return result


def _run_in_thread(func, seconds: float):
    box: dict = {}

    def target():
        try:
            box["result"] = func()
        except BaseException as exc:  # 메인 스레드에서 다시 냅니다
            box["error"] = exc

    worker = threading.Thread(target=target, name="sgns-check", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeUp()
    if "error" in box:
        raise box["error"]
    return box["result"]


def is_lazy_iterator(value) -> bool:
    """제너레이터나 반복자처럼 값을 꺼내야 알 수 있는 결과인지 (리스트·배열·문자열은 아님)."""
    return hasattr(value, "__next__") or (
        hasattr(value, "__iter__") and not hasattr(value, "__len__") and not isinstance(value, (str, bytes))
    )


def take(iterable, limit: int) -> tuple[list, bool]:
    """반복자에서 limit 개까지 꺼냅니다. (꺼낸 것, limit을 넘었는지)."""
    items = list(itertools.islice(iter(iterable), limit + 1))
    return items[:limit], len(items) > limit


def plain_function(fn):
    """functools.partial, functools.wraps로 감싼 함수의 속 함수."""
    for _ in range(10):
        inner = getattr(fn, "func", None) or getattr(fn, "__wrapped__", None)
        if inner is None or inner is fn:
            break
        fn = inner
    return getattr(fn, "__func__", fn)  # 메서드


def reference_name(fn, references: Mapping) -> str | None:
    """fn 자체가 참조 구현 (references: 코드 객체 -> 이름)이면 그 이름."""
    return references.get(getattr(plain_function(fn), "__code__", None))


@contextlib.contextmanager
def watch_calls(references: Mapping, found: list[str]):
    """이 안에서 참조 함수 (references: 코드 객체 -> 이름)가 불리면 그 이름을 found에 넣습니다."""
    if not references:
        yield found
        return

    def profiler(frame, event, arg):
        if event == "call" and not found and frame.f_code in references:
            found.append(references[frame.f_code])

    previous = sys.getprofile()
    sys.setprofile(profiler)
    try:
        yield found
    finally:
        sys.setprofile(previous)
