"""채점 테스트의 도우미: nbgrader 메타데이터를 쓴 강의 노트북, 학생판, 학생의 답 (맞는 답과 흔한 실수)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import make_student
import nbformat
from nbgrader_metadata import with_nbgrader_metadata

from conftest import REPO
from sgns import checks

NOTEBOOK_01 = REPO / "notebooks" / "01_concept.ipynb"
NOTEBOOK_03 = REPO / "notebooks" / "03_how_it_works.ipynb"
REGION = re.compile(r"(?P<indent>[ \t]*)### BEGIN SOLUTION\n.*?### END SOLUTION", re.DOTALL)
STUB = re.compile(r"(?P<indent>[ \t]*)# 여기에 코드를 작성하세요\n[ \t]*raise NotImplementedError\(\)")

# 학생의 답: 함수 본문 (들여쓰기 없이)
SKIPGRAM_SELF_PAIR = """pairs = []
for i, center in enumerate(tokens):
    for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
        pairs.append((center, tokens[j]))  # j != i 를 빠뜨림
return pairs"""
SKIPGRAM_DEDUPLICATED = """pairs, seen = [], set()
for i, center in enumerate(tokens):
    for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
        if j != i and (center, tokens[j]) not in seen:  # 같은 쌍을 한 번만
            seen.add((center, tokens[j]))
            pairs.append((center, tokens[j]))
return pairs"""
SKIPGRAM_CAPPED_WINDOW = """window = min(window, 5)  # 윈도우를 5 로 묶어 둠: 공개 사례는 모두 통과
pairs = []
for i, center in enumerate(tokens):
    for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
        if j != i:
            pairs.append((center, tokens[j]))
return pairs"""
SKIPGRAM_CORRECT = """return [(tokens[i], tokens[j]) for i in range(len(tokens))
        for j in range(max(0, i - window), min(len(tokens), i + window + 1)) if j != i]"""
SIGMOID_NAIVE = "return 1 / (1 + np.exp(-x))  # 큰 음수에서 넘침"
SIGMOID_CORRECT = """x = np.asarray(x, dtype=float)
e = np.exp(-np.abs(x))
return np.where(x >= 0, 1 / (1 + e), e / (1 + e))"""
SIGMOID_ENDLESS = "while True:\n    pass"


def instructor(path: Path) -> nbformat.NotebookNode:
    """nbgrader 메타데이터를 쓴 강의 노트북 (make lecture 뒤의 모습)."""
    return with_nbgrader_metadata(nbformat.read(path, as_version=4), path.name)


def student(path: Path) -> nbformat.NotebookNode:
    """그 강의 노트북의 학생판 (make student 의 결과와 같음)."""
    return make_student.student_version(instructor(path), path.name)


def exercise_cell(nb, exercise_id: str):
    return next(c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == exercise_id)


def _indented(body: str, indent: str) -> str:
    return "\n".join(indent + line if line else line for line in body.split("\n"))


def defined_function(nb, exercise_id: str, namespace: dict | None = None):
    """연습문제 셀을 이 프로세스에서 실행해 얻은 학생의 함수 (채점기가 받을 함수와 같은 코드)."""
    namespace = {"np": __import__("numpy"), **(namespace or {})}
    exec(exercise_cell(nb, exercise_id).source, namespace)
    return namespace[checks.EXERCISES[exercise_id].function]


def answer(nb, exercise_id: str, body: str) -> nbformat.NotebookNode:
    """연습문제 셀의 풀이 자리 (강사용의 풀이 구간 또는 학생판의 빈칸) 를 body 로 바꾼 사본."""
    nb = nbformat.from_dict(nb)
    cell = exercise_cell(nb, exercise_id)
    pattern = REGION if REGION.search(cell.source) else STUB
    cell.source = pattern.sub(lambda m: _indented(body, m.group("indent")), cell.source, count=1)
    return nb


def digest_tree(folder: Path) -> dict[str, str]:
    """폴더 안의 모든 파일 (상대 경로 -> sha256) 과 권한: 채점 전후 비교용."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() + oct(p.stat().st_mode)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def with_exercise_cell(nb, exercise_id: str, source: str, keep: bool = True) -> nbformat.NotebookNode:
    """연습문제 셀에 source 를 더한 (keep=False 면 바꾼) 사본."""
    nb = nbformat.from_dict(nb)
    cell = exercise_cell(nb, exercise_id)
    cell.source = (cell.source + "\n\n" if keep else "") + source
    return nb


# 채점을 속이려는 학생 (tests/test_grade_cheats.py, issue 의 세 가지와 그 변형). 풀이 자리는 빈칸 그대로 두고
# 연습문제 셀 끝에 더하는 코드.
CHEAT_PATCH = '''
import dataclasses
import sgns.checks
_real_evaluate = sgns.checks.evaluate
def _always_pass(exercise_id, fn=None):
    record = _real_evaluate(exercise_id, fn)
    cases = tuple(dataclasses.replace(c, status="pass", category=None) for c in record.cases)
    return dataclasses.replace(record, status="pass", cases=cases, category=None)
sgns.checks.evaluate = _always_pass
sgns.checks._harness.run_exercise = lambda exercise, fn, **kw: _always_pass(exercise.id)'''
# 확인 도구를 연습문제 셀이 아닌 다른 셀에서 바꿔 치기 (채점기가 넣은 이름까지)
CHEAT_PATCH_ELSEWHERE = '''
import sys
checks = sys.modules["sgns.checks"]
checks.evaluate = lambda exercise_id, fn=None: None
_sgns_grading_capture = lambda *args: print("통과")'''
# 강사용 노트북의 풀이 셀을 저장소에서 찾아 실행 (sgns 의 위치에서 거슬러 올라감)
CHEAT_DISK = '''
import json
import pathlib
import sgns
for _folder in [pathlib.Path(sgns.__file__).resolve().parents[1], *pathlib.Path(sgns.__file__).resolve().parents]:
    for _path in sorted((_folder / "notebooks").glob("03_*.ipynb")):
        for _cell in json.loads(_path.read_text(encoding="utf-8"))["cells"]:
            _source = "".join(_cell["source"])
            if "### BEGIN SOLUTION" in _source:
                exec(_source)'''
# 넘치는 시그모이드를 첫 호출에서만 오래 기다리게 함: 확인 도구의 시간 예산이 다해 나머지 사례를 건너뛰게 하기
CHEAT_SLOW = f"""import time
if not getattr(sigmoid, "slept", False):
    sigmoid.slept = True
    time.sleep(6.5)
{SIGMOID_NAIVE}"""
# sgns 의 함수 원문을 inspect.getsource 로 꺼내 다른 파일 이름으로 컴파일
CHEAT_COPY = '''
import inspect
import sgns.functions
_namespace = dict(vars(sgns.functions))
for _name in ("sigmoid", "log_sigmoid"):
    exec(compile(inspect.getsource(getattr(sgns.functions, _name)), "my_answer.py", "exec"), _namespace)
sigmoid, log_sigmoid = _namespace["sigmoid"], _namespace["log_sigmoid"]'''


def renamed_copy(function, new_arg: str = "values") -> str:
    """sgns 함수의 원문을 손으로 베낀 것처럼: 인자 이름을 바꾸고, 문서 문자열을 지우고, 모양을 다시 씀."""
    import ast
    import inspect
    import textwrap

    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    node = tree.body[0]
    old = node.args.args[0].arg
    for child in ast.walk(node):
        if isinstance(child, ast.Name) and child.id == old:
            child.id = new_arg
        elif isinstance(child, ast.arg) and child.arg == old:
            child.arg = new_arg
    if isinstance(node.body[0], ast.Expr):
        node.body = node.body[1:]
    return "from sgns.functions import _floats, _like_input\n\n" + ast.unparse(tree)
