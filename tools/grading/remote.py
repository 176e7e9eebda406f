"""학생 함수를 커널 밖에서 판정하기: 채점기 프로세스의 `sgns.checks.evaluate` 에 커널 속 함수의 대리인을 넘깁니다.

`KernelFunction` 은 부를 때마다 입력을 교환 폴더에 데이터로 쓰고 (JSON 과 ``.npz``, 피클 없음), 커널에 그 함수를
부르게 한 뒤 (`grading.kernel_side`), 결과를 크기 한도 안에서 ``np.load(allow_pickle=False)`` 로 읽어 돌려줍니다.
판정 (기대한 값과 비교, 숨은 사례) 은 모두 채점기 프로세스에서 하므로, 학생 코드가 커널 안의 `sgns.checks` 를
어떻게 바꿔도 점수는 바뀌지 않습니다.

커널에서 일어난 일은 판정 도구가 보던 모습 그대로 돌려줍니다: 학생 함수의 예외는 같은 이름의 예외로, 제한 시간
초과는 `sgns.checks.TimeUp` 으로, 제자리에서 바꾼 입력은 채점기 쪽 입력에 다시 써서, RuntimeWarning 은 경고로,
끝나지 않는 반복자는 끝나지 않는 반복자로, 참조 구현을 부른 것은 판정 도구가 지켜보는 방식으로.

학생 함수가 받는 함수 (학습 반복문의 ``sgd_step`` 자리에 판정 도구가 넘기는 기록용 함수) 는 커널에서 강의 패키지의
같은 계산 (`CALLBACK_STAND_INS`) 으로 대신하고, 커널이 기록한 호출을 채점기 쪽의 그 함수에 차례로 다시 넣습니다.
"""

from __future__ import annotations

import builtins
import itertools
import json
import sys
import warnings
import zipfile
from pathlib import Path

import numpy as np

MAX_REPLY_BYTES = 64_000_000  # 커널이 돌려주는 결과 (JSON + 배열) 의 최대 크기
ITERABLE_LIMIT = 200_000  # 커널에서 반복자를 꺼낼 최대 개수
# 판정 도구가 학생 함수에 넘기는 함수 (종류 이름) -> 커널에서 대신 쓸 강의 패키지의 함수
CALLBACK_STAND_INS = {"StepSpy": "sgns.checks.exercises.nb04_sgd_step:reference_sgd_step"}
WALL_SHARE = 0.85  # 커널의 벽시계 제한: 판정 도구의 벽시계 제한의 이 비율 (판정 도구보다 먼저 끊도록)


class KernelGone(Exception):  # noqa: N818
    """커널이 요청에 답하지 않습니다 (죽었거나 멈춤)."""


class ReplyError(Exception):
    """커널의 답을 읽을 수 없습니다 (너무 크거나 형식이 틀림)."""


class StudentError(Exception):
    """학생 함수가 낸 (내장 예외가 아닌) 예외."""


SCALARS = frozenset({int, float, str, bool, type(None)})  # JSON 이 그대로 나르는 값 (NaN·무한대 포함)


def plain(value):
    """JSON 이 그대로 나르는 리스트의 빠른 길: 스칼라 리스트는 그대로, 스칼라 튜플 리스트는 표시를 붙여. 아니면 None."""
    kinds = {type(v) for v in value}
    if kinds <= SCALARS:
        return value
    if kinds == {tuple} and {type(x) for t in value for x in t} <= SCALARS:
        return {"__tuples__": [list(t) for t in value]}
    return None


def encode(value, arrays: dict, callbacks: list, depth: int = 0):
    """채점기 쪽 값 -> JSON 과 배열 (입력 방향). 함수는 `CALLBACK_STAND_INS` 의 대리로."""
    if depth > 50:
        raise ReplyError("너무 깊이 중첩된 입력")
    if type(value) in SCALARS:
        return value
    if isinstance(value, (np.ndarray, np.generic)):
        name = f"a{len(arrays)}"
        arrays[name] = np.asarray(value)
        return {"__array__": name, "scalar": isinstance(value, np.generic)}
    if isinstance(value, list):
        fast = plain(value)
        return fast if fast is not None else [encode(v, arrays, callbacks, depth + 1) for v in value]
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v, arrays, callbacks, depth + 1) for v in value]}
    if isinstance(value, dict):
        return {
            "__dict__": [
                [encode(k, arrays, callbacks, depth + 1), encode(v, arrays, callbacks, depth + 1)]
                for k, v in value.items()
            ]
        }
    if callable(value):
        target = CALLBACK_STAND_INS.get(type(value).__name__)
        if target is None:
            raise ReplyError(f"커널에 넘길 수 없는 함수: {type(value).__name__}")
        callbacks.append((target, value))
        return {"__callable__": target}
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return encode(float(value), arrays, callbacks, depth)
    raise ReplyError(f"커널에 넘길 수 없는 입력: {type(value).__name__}")


class Opaque:
    """커널이 데이터로 바꿀 수 없었던 결과 (판정 도구에는 그 종류의 값으로 보이지 않음)."""

    def __init__(self, kind: str, text: str):
        self.kind, self.text = kind, text

    def __repr__(self) -> str:
        return f"<{self.kind}: {self.text}>"


def decode(value, arrays):
    """커널의 JSON 과 배열 -> 값 (결과 방향)."""
    if isinstance(value, list):
        return value if {type(v) for v in value} <= SCALARS else [decode(v, arrays) for v in value]
    if not isinstance(value, dict):
        return value
    if "__array__" in value:
        array = arrays[value["__array__"]]
        return array[()] if value.get("scalar") else array
    if "__tuple__" in value:
        return tuple(decode(v, arrays) for v in value["__tuple__"])
    if "__tuples__" in value:
        return [tuple(v) for v in value["__tuples__"]]
    if "__dict__" in value:
        out = {}
        for k, v in value["__dict__"]:
            key = decode(k, arrays)
            out[key if isinstance(key, (str, int, float, bool, tuple)) or key is None else repr(key)] = decode(
                v, arrays
            )
        return out
    if "__float__" in value:
        return float(value["__float__"])
    if "__bigint__" in value:
        return int(value["__bigint__"])
    if "__opaque__" in value:
        return Opaque(str(value["__opaque__"]), str(value.get("repr", "")))
    return value


def _exception(error: dict) -> BaseException:
    """커널에서 난 예외와 같은 이름의 예외 (내장 예외면 그 종류)."""
    name, message = str(error.get("type", "Exception")), str(error.get("message", ""))
    bases = [b for b in error.get("bases", []) if isinstance(b, str)]
    if "NotImplementedError" in bases:
        return NotImplementedError(message)
    for base in [name, *bases]:
        cls = getattr(builtins, base, None)
        if isinstance(cls, type) and issubclass(cls, Exception):
            kind = cls if base == name else type(name, (cls,), {})
            try:
                return kind(message)
            except TypeError:
                break
    return type(name, (StudentError,), {})(message)


def signal_reference(name: str) -> None:
    """판정 도구의 참조 구현 감시 (sys.setprofile) 에 ``name`` 이 불렸다고 알립니다.

    커널이 학생 함수 안에서 강의 패키지의 참조 구현이 불린 것을 보았을 때, 판정 도구가 같은 판정 (참조 구현을
    그대로 씀) 을 하도록 sgns 안의 파일 이름과 그 이름을 가진 빈 함수를 이 프로세스에서 한 번 부릅니다.
    """
    from sgns.checks import _guard

    folder = _guard.CHECKS_DIR if name.startswith("reference_") else _guard.SGNS_DIR
    if not name.isidentifier():
        return
    namespace: dict = {}
    exec(compile(f"def {name}():\n    pass\n", str(folder / "__init__.py"), "exec"), namespace)  # noqa: S102
    namespace[name]()


def _write_back(original, after) -> None:
    """학생 함수가 제자리에서 바꾼 입력을 채점기 쪽 입력에도 그대로 (판정 도구가 바뀐 것을 보도록)."""
    if isinstance(original, np.ndarray) and isinstance(after, np.ndarray):
        if original.shape == after.shape and not np.array_equal(original, after, equal_nan=original.dtype.kind in "fc"):
            original[...] = after
    elif isinstance(original, list) and isinstance(after, list) and original != after:
        original[:] = after
    elif isinstance(original, dict) and isinstance(after, dict) and original != after:
        original.clear()
        original.update(after)


def replay(callbacks: list, recorded: list, arrays: dict) -> None:
    """커널이 기록한 함수 호출을 채점기 쪽 함수에 차례로 다시 넣습니다 (그 함수의 판정이 여기서 일어남)."""
    by_target = {target: fn for target, fn in callbacks}
    for target, calls in recorded:
        fn = by_target.get(target)
        if fn is None:
            continue
        last: list = [None, None]
        for entry in calls:
            args = [decode(a, arrays) for a in entry]
            for position in (0, 1):
                if position < len(args) and isinstance(args[position], str) and args[position] == "same":
                    args[position] = last[position]
            fn(*args)
            last = [a if isinstance(a, np.ndarray) else None for a in args[:2]]


class KernelFunction:
    """커널 속 학생 함수의 대리인: 판정 도구가 부르면 커널에서 부르고 결과를 데이터로 받아 돌려줍니다."""

    def __init__(self, run_in_kernel, exchange: Path, token: str, exercise):
        self.run_in_kernel = run_in_kernel  # (source, wall_seconds) -> None (KernelGone, TimeoutError)
        self.exchange = exchange
        self.token = token
        self.exercise = exercise
        self.calls = 0

    def __call__(self, *args, **kwargs):
        from sgns.checks import TimeUp

        self.calls += 1
        number = self.calls
        arrays: dict = {}
        callbacks: list = []
        seconds = float(self.exercise.call_seconds)
        request = {
            "token": self.token,
            "args": encode(list(args), arrays, callbacks),
            "kwargs": encode(dict(kwargs), arrays, callbacks),
            # 판정 도구가 참조 구현을 지켜보는 사례 (첫 사례; sys.setprofile 이 켜져 있음) 에서만 커널도 지켜봄
            "references": sorted(self.exercise.references) if sys.getprofile() is not None else [],
            "seconds": seconds,
            "wall": WALL_SHARE * max(10.0, 3 * seconds),
            "iterable_limit": ITERABLE_LIMIT,
        }
        for suffix in ("json", "npz"):
            (self.exchange / f"reply-{number}.{suffix}").unlink(missing_ok=True)
        np.savez(self.exchange / f"request-{number}.npz", **arrays)
        (self.exchange / f"request-{number}.json").write_text(json.dumps(request), encoding="utf-8")
        try:
            self.run_in_kernel(f"_sgns_grading_call({number})", 0.95 * max(10.0, 3 * seconds))
        except TimeoutError:
            raise TimeUp() from None
        reply, reply_arrays = self._read(number)
        for suffix in ("json", "npz"):
            for kind in ("request", "reply"):
                (self.exchange / f"{kind}-{number}.{suffix}").unlink(missing_ok=True)
        for message in reply.get("warnings", []):
            warnings.warn(str(message), RuntimeWarning, stacklevel=2)
        for name in reply.get("references", [])[:1]:
            signal_reference(str(name))
        if reply.get("timeout"):
            raise TimeUp()
        replay(callbacks, reply.get("callbacks", []), reply_arrays)
        if "error" in reply:
            raise _exception(reply["error"])
        for original, after in zip(args, decode(reply.get("args_after", []), reply_arrays), strict=False):
            _write_back(original, after)
        after_kwargs = decode(reply.get("kwargs_after", {}), reply_arrays)
        for name, original in kwargs.items():
            if isinstance(after_kwargs, dict) and name in after_kwargs:
                _write_back(original, after_kwargs[name])
        if "iterator" in reply:
            items = decode(reply["iterator"], reply_arrays)
            if len(items) > ITERABLE_LIMIT:
                return itertools.chain(items, itertools.repeat(items[-1]))
            return iter(items)
        return decode(reply.get("result"), reply_arrays)

    def _read(self, number: int) -> tuple[dict, dict]:
        json_file, npz_file = self.exchange / f"reply-{number}.json", self.exchange / f"reply-{number}.npz"
        if not json_file.is_file() or not npz_file.is_file():
            raise KernelGone("커널이 결과를 쓰지 않았습니다")
        size = json_file.stat().st_size + npz_file.stat().st_size
        if size > MAX_REPLY_BYTES:
            raise ReplyError(f"결과가 너무 큽니다 ({size:,} 바이트)")
        try:
            with zipfile.ZipFile(npz_file) as archive:  # 압축을 풀면 커지는 파일 (zip bomb) 도 한도 안에서만
                unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_REPLY_BYTES:
                raise ReplyError(f"결과가 너무 큽니다 (배열 {unpacked:,} 바이트)")
            reply = json.loads(json_file.read_text(encoding="utf-8"))
            with np.load(npz_file, allow_pickle=False) as bundle:
                reply_arrays = {name: bundle[name] for name in bundle.files}
        except (OSError, ValueError, zipfile.BadZipFile, RecursionError) as error:
            raise ReplyError(f"결과를 읽을 수 없습니다: {type(error).__name__}") from None
        if not isinstance(reply, dict):
            raise ReplyError("결과의 형식이 틀립니다")
        return reply, reply_arrays
