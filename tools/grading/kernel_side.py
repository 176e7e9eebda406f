"""채점 커널 안에서 도는 코드 (채점용 사본의 맨 앞 셀; 학생 코드가 아님). 판정은 하지 않습니다.

이 파일의 원문이 그대로 커널에 들어갑니다 (`grading.plan.bootstrap_source`). 커널이 하는 일은 둘뿐입니다:

- ``_sgns_grading_capture(id, 함수 이름, 셀, 찾은 방법)``: 연습문제 셀 바로 뒤에서 그 셀이 정의한 함수를 붙잡아
  두고, 함수가 있는지와 코드의 지문 (바이트코드 구조) 을 채점기에 알립니다.
- ``_sgns_grading_call(번호)``: 채점기가 교환 폴더에 쓴 요청 (입력만; 기대한 값은 없음) 을 읽어 붙잡아 둔
  함수를 부르고, 결과를 데이터 (JSON 과 ``.npy`` 배열, 피클 없음) 로 교환 폴더에 씁니다.

기대한 값, 숨은 사례 파일, 판정 코드는 커널에 들어오지 않습니다: 채점기 (`grading.remote`) 가 자기 프로세스에서
`sgns.checks.evaluate` 로 판정하고, 학생 함수는 이 셀을 통해서만 부릅니다. 학생 코드가 이 셀의 함수를 바꾸면
채점기는 그 셀을 ⚠️ 로 알립니다 (`grading.tamper`).
"""

# ruff: noqa: PLC0415  (커널의 전역 이름을 늘리지 않도록 import 는 함수 안에서)


def _sgns_grading_fingerprint(code, depth=0):
    """코드 객체의 구조 지문: 명령의 순서와 종류 (이름은 나온 순서의 번호로; 줄 번호, 파일 이름, 문서 문자열,
    점프 거리, 메서드 호출 최적화처럼 컴파일 세부에 따라 달라지는 것은 뺌). `grading.copies` 도 이것을 씁니다."""
    import dis
    import hashlib

    skipped = {"CACHE", "NOP", "RESUME", "PUSH_NULL", "PRECALL", "EXTENDED_ARG", "COPY_FREE_VARS", "MAKE_CELL"}
    jumps = set(dis.hasjrel) | set(dis.hasjabs)
    names = {}
    tokens = [str(code.co_argcount), str(code.co_kwonlyargcount)]
    for ins in dis.get_instructions(code):
        op = "LOAD_ATTR" if ins.opname == "LOAD_METHOD" else ins.opname
        if op in skipped:
            continue
        if ins.opcode in jumps:
            tokens.append(op)
        elif hasattr(ins.argval, "co_code"):
            tokens.append(op + ":" + (_sgns_grading_fingerprint(ins.argval, depth + 1) if depth < 5 else "code"))
        elif (
            op.startswith(("LOAD_", "STORE_", "DELETE_", "IMPORT_"))
            and isinstance(ins.argval, str)
            and op != "LOAD_CONST"
        ):
            tokens.append(op + ":n" + str(names.setdefault(ins.argval, len(names))))
        else:
            tokens.append(op + ":" + repr(ins.argval)[:200])
    return hashlib.sha256("|".join(tokens).encode()).hexdigest()


def _sgns_grading_setup(exchange, mime, stdout_limit, result_limit):  # noqa: C901
    import contextlib
    import importlib
    import io
    import itertools
    import json
    import os
    import signal
    import sys
    import threading
    import warnings

    import numpy as np
    from IPython import get_ipython
    from IPython.display import display

    functions = {}
    user_ns = get_ipython().user_ns

    class Sink(io.StringIO):
        def write(self, text):
            return super().write(text[: max(0, stdout_limit - self.tell())]) or len(text)

    class TooLarge(Exception):
        pass

    def inner(fn):
        for _ in range(10):
            nxt = getattr(fn, "__wrapped__", None) or getattr(fn, "func", None)
            if nxt is None or nxt is fn:
                break
            fn = nxt
        return getattr(fn, "__func__", fn)

    def capture(exercise_id, function_name, cell_index, route):
        data = {"exercise": exercise_id, "function": function_name, "cell": cell_index, "route": route}
        fn = user_ns.get(function_name)
        key = f"{exercise_id}@{cell_index}"
        if fn is None or not callable(fn):
            data["status"] = "undefined" if fn is None else "not-callable"
        elif any(f is fn for k, f in functions.items() if k.startswith(exercise_id + "@")):
            data["status"] = "unchanged"
        else:
            functions[key] = fn
            data["status"] = "captured"
            data["token"] = key
            code = getattr(inner(fn), "__code__", None)
            if code is not None:
                data["fingerprint"] = _sgns_grading_fingerprint(code)
                data["filename"] = str(code.co_filename)[:300]
        display({mime: data, "text/plain": f"[채점] {exercise_id}: {data['status']}"}, raw=True)

    # --- 데이터 바꾸기 (JSON + 배열) ---------------------------------------------------------------

    scalars = {int, float, str, bool, type(None)}

    def encode(value, arrays, depth=0):
        if depth > 50:
            raise TooLarge("너무 깊이 중첩된 결과")
        if type(value) in scalars:
            return value
        if isinstance(value, (np.ndarray, np.generic)):
            array = np.asarray(value)
            if array.dtype.kind not in "biufc":
                return {"__opaque__": type(value).__name__, "repr": repr(value)[:200]}
            name = f"a{len(arrays)}"
            arrays[name] = array
            return {"__array__": name, "scalar": isinstance(value, np.generic)}
        if isinstance(value, (list, tuple)):
            if len(value) > result_limit:
                raise TooLarge(f"원소가 {len(value):,}개인 결과")
            if isinstance(value, list):  # 빠른 길: 스칼라 리스트, 스칼라 튜플의 리스트
                kinds = {type(v) for v in value}
                if kinds <= scalars:
                    return list(value)
                if kinds == {tuple} and {type(x) for t in value for x in t} <= scalars:
                    return {"__tuples__": [list(t) for t in value]}
            items = [encode(v, arrays, depth + 1) for v in value]
            return items if isinstance(value, list) else {"__tuple__": items}
        if isinstance(value, dict):
            if len(value) > result_limit:
                raise TooLarge(f"원소가 {len(value):,}개인 결과")
            return {
                "__dict__": [[encode(k, arrays, depth + 1), encode(v, arrays, depth + 1)] for k, v in value.items()]
            }
        if isinstance(value, (int, float, complex)):  # int·float 의 하위 클래스 (bool 말고)
            return {"__opaque__": type(value).__name__, "repr": repr(value)[:200]}
        return {"__opaque__": type(value).__name__, "repr": repr(value)[:200]}

    def decode(value, arrays, callbacks):
        if isinstance(value, list):
            if {type(v) for v in value} <= scalars:
                return value
            return [decode(v, arrays, callbacks) for v in value]
        if not isinstance(value, dict):
            return value
        if "__array__" in value:
            array = arrays[value["__array__"]]
            return array[()] if value.get("scalar") else array
        if "__tuple__" in value:
            return tuple(decode(v, arrays, callbacks) for v in value["__tuple__"])
        if "__tuples__" in value:
            return [tuple(v) for v in value["__tuples__"]]
        if "__dict__" in value:
            return {decode(k, arrays, callbacks): decode(v, arrays, callbacks) for k, v in value["__dict__"]}
        if "__float__" in value:
            return float(value["__float__"])
        if "__callable__" in value:
            return callbacks(value["__callable__"])
        return value

    # --- 함수가 넘겨받는 함수 (예: 학습 반복문의 sgd_step) ----------------------------------------

    class Recorder:
        """채점기의 함수 대신 넘기는 것: 강의 패키지의 같은 계산을 하고, 받은 인자를 기록해 채점기에 돌려줍니다.

        채점기는 기록을 자기 프로세스의 함수에 차례로 다시 넣어 판정합니다 (`grading.remote`).
        """

        def __init__(self, target):
            module, _, name = target.partition(":")
            self.function = getattr(importlib.import_module(module), name)
            self.calls = []
            self.last = None

        def __call__(self, *args):
            entry = []
            for position, arg in enumerate(args):
                if isinstance(arg, np.ndarray) and arg.ndim == 2 and position < 2:
                    same = self.last is not None and (
                        arg is self.last[position] or np.array_equal(arg, self.last[position])
                    )
                    entry.append("same" if same else np.array(arg, copy=True))
                else:
                    entry.append(np.array(arg, copy=True) if isinstance(arg, np.ndarray) else arg)
            state["in_callback"] = True
            try:
                result = self.function(*args)
            finally:
                state["in_callback"] = False
            self.last = tuple(a if isinstance(a, np.ndarray) else None for a in args[:2])
            self.calls.append(entry)
            return result

    state = {"in_callback": False}

    # --- 시간 제한과 참조 구현 지켜보기 ----------------------------------------------------------

    class TimeUp(BaseException):
        pass

    def with_time_limit(func, seconds, wall):
        fired = {"active": True, "fired": False}

        def on_alarm(signum, frame):
            if fired["active"]:
                fired["fired"] = True
                raise TimeUp()

        if threading.current_thread() is not threading.main_thread():
            return func()
        previous = {sig: signal.signal(sig, on_alarm) for sig in (signal.SIGPROF, signal.SIGALRM)}
        signal.setitimer(signal.ITIMER_PROF, seconds, 0.05)
        signal.setitimer(signal.ITIMER_REAL, wall, 0.05)
        try:
            result = func()
        finally:
            fired["active"] = False
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.setitimer(signal.ITIMER_REAL, 0)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if fired["fired"]:
            raise TimeUp()
        return result

    def course_code(code, names):
        if code.co_name not in names:
            return False
        import sgns

        root = os.path.dirname(os.path.realpath(sgns.__file__))
        path = os.path.realpath(code.co_filename)
        if not path.startswith(root + os.sep):
            return False
        if path.startswith(os.path.join(root, "checks") + os.sep):
            return code.co_name.startswith("reference_")
        return True

    # --- 부르기 -------------------------------------------------------------------------------

    def call(number):
        request_file = os.path.join(exchange, f"request-{number}.json")
        with open(request_file, encoding="utf-8") as handle:
            request = json.load(handle)
        with np.load(os.path.join(exchange, f"request-{number}.npz"), allow_pickle=False) as bundle:
            arrays = {name: bundle[name] for name in bundle.files}
        recorders = {}

        def make_callback(target):
            recorders.setdefault(target, Recorder(target))
            return recorders[target]

        args = decode(request["args"], arrays, make_callback)
        kwargs = decode(request["kwargs"], arrays, make_callback)
        fn = functions[request["token"]]
        references = set(request.get("references", []))
        found = []
        reply = {}
        sink = Sink()

        def profiler(frame, event, arg):
            if event == "call" and not found and not state["in_callback"] and course_code(frame.f_code, references):
                found.append(frame.f_code.co_name)

        def invoke():
            result = fn(*args, **kwargs)
            if hasattr(result, "__next__") or (
                hasattr(result, "__iter__") and not hasattr(result, "__len__") and not isinstance(result, (str, bytes))
            ):
                items = list(itertools.islice(iter(result), request["iterable_limit"] + 1))
                return {"__iterator__": items}
            return result

        with (
            warnings.catch_warnings(record=True) as caught,
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
        ):
            warnings.simplefilter("always")
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                previous = sys.getprofile()
                if references:
                    sys.setprofile(profiler)
                try:
                    result = with_time_limit(invoke, float(request["seconds"]), float(request["wall"]))
                except TimeUp:
                    reply["timeout"] = True
                except KeyboardInterrupt:
                    reply["timeout"] = True
                except BaseException as error:  # 학생 코드의 예외는 데이터로 (SystemExit 도)
                    reply["error"] = {
                        "type": type(error).__name__,
                        "bases": [c.__name__ for c in type(error).__mro__],
                        "message": str(error)[:2000],
                    }
                else:
                    reply["result"] = result
                finally:
                    sys.setprofile(previous)
        reply["warnings"] = [str(w.message)[:500] for w in caught if issubclass(w.category, RuntimeWarning)][:20]
        reply["references"] = found
        out_arrays = {}
        if "result" in reply:
            result = reply.pop("result")
            try:
                if isinstance(result, dict) and set(result) == {"__iterator__"}:
                    reply["iterator"] = encode(result["__iterator__"], out_arrays)
                else:
                    reply["result"] = encode(result, out_arrays)
                reply["args_after"] = encode(list(args), out_arrays)
                reply["kwargs_after"] = encode(dict(kwargs), out_arrays)
            except TooLarge as error:
                reply = {**reply, "error": {"type": "ResultTooLarge", "bases": [], "message": str(error)}}
                out_arrays = {}
        calls = []
        for target, recorder in recorders.items():
            encoded = [encode(entry, out_arrays) for entry in recorder.calls]
            calls.append([target, encoded])
        reply["callbacks"] = calls
        np.savez(os.path.join(exchange, f"reply-{number}.npz"), **out_arrays)
        with open(os.path.join(exchange, f"reply-{number}.json"), "w", encoding="utf-8") as handle:
            handle.write(json.dumps(reply))
        display({mime: {"reply": number}, "text/plain": ""}, raw=True)

    return capture, call
