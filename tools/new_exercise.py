"""새 연습문제의 틀을 만듭니다: 연습문제 모듈 하나와 (AFTER 를 주면) 강사용 노트북의 셀 셋.

    make new-exercise NB=04_math NAME=nb04-numerical-gradient FUNCTION=numerical_gradient ARGS="f, x, h=1e-5" AFTER=21

- ``sgns/checks/exercises/nbNN_<이름>.py``: id, 함수의 약속, 사례, 흔한 실수, 배점의 자리. 찾아서 쓰므로 등록할
  곳은 없습니다 (확인 함수 ``sgns.checks.check_<FUNCTION>`` 이 곧바로 생깁니다). ``TODO`` 를 채우세요.
- AFTER=<셀 번호> 를 주면 그 셀 뒤에 마크다운 (문제), 풀이 셀 (``### BEGIN SOLUTION`` / ``### END SOLUTION``),
  확인 셀을 넣습니다. 셀이 이미 있으면 AFTER 없이 모듈만 만드세요. 노트북에 아직 셀이 없으면 모듈에
  ``placed=False`` 가 들어갑니다 (모범 답안 테스트가 "아직 넣지 않음" 으로 봄). 모듈이 이미 있으면 (같은 NAME,
  FUNCTION 과 AFTER) 노트북에 셀만 넣고 ``placed=False`` 를 지웁니다.

그다음: 풀이 셀에 모범 답안을 쓰고 (테스트는 그것을 모범 답안으로 씁니다), ``tools/refresh_notebooks.py`` 로
노트북을 실행한 뒤 ``make lecture``, ``make lecture-check`` (README 의 "연습문제 더하기·고치기·빼기").
"""

from __future__ import annotations

import argparse
import ast
import keyword
import re
import sys
from pathlib import Path

import nbformat
from course_files import atomic_write
from grading.exercise_cells import notebook_prefix
from slide_metadata import render

ROOT = Path(__file__).resolve().parent.parent
ID_PATTERN = re.compile(r"nb\d\d-[a-z0-9]+(-[a-z0-9]+)*")
PLACED_LINE = (
    "    placed=False,  # 강사용 노트북에 셀을 넣으면 지우세요 (make new-exercise ... AFTER=<셀 번호> 가 지움)\n"
)


class ScaffoldError(ValueError):
    """만들 수 없습니다 (한국어 메시지: 무엇이 잘못되었고 어떻게 고치는지)."""


def module_path(root: Path, exercise_id: str) -> Path:
    return root / "sgns" / "checks" / "exercises" / f"{exercise_id.replace('-', '_')}.py"


def parameters(args: str) -> list[str]:
    """``"f, x, h=1e-5"`` -> ``["f", "x", "h"]`` (파이썬 인자 목록이 아니면 ScaffoldError)."""
    try:
        tree = ast.parse(f"def _({args}): pass")
    except SyntaxError:
        raise ScaffoldError(f'ARGS={args!r}: 파이썬 함수의 인자 목록이 아닙니다 (예: ARGS="f, x, h=1e-5").') from None
    spec = tree.body[0].args
    return [a.arg for a in (*spec.posonlyargs, *spec.args, *spec.kwonlyargs)]


def module_text(exercise_id: str, function: str, args: str, order: int, placed: bool) -> str:
    """연습문제 모듈의 틀."""
    names = parameters(args)
    case_args = ", ".join(f'"{name}": None' for name in names)
    placed_line = "" if placed else PLACED_LINE
    return f'''"""{exercise_id[2:4]} 연습문제: ``{function}({args})``.

TODO 약속: 무엇을 받아 무엇을 돌려주는지, 형태 (예: x 와 같은 형태), 규칙.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import array_judge

# 흔한 실수: 범주 id -> 짧은 한국어 설명 (판정에서 ctx.fail(범주 id, ...) 로 씀)
CATEGORIES = {{
    # "forward-difference": "중앙 차분 대신 앞쪽 차분",
}}


def reference({", ".join(names)}):
    """기대한 값 (모범 답안과 같은 계산; 학생이 부르면 참조 구현으로 봄)."""
    raise NotImplementedError("TODO: 기대한 값을 계산하세요")


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    return [
        Case("small", "TODO 작은 예", {{{case_args}}}),
        Case("large-input", "TODO 큰 입력", {{{case_args}}}),  # 큰 입력 사례는 꼭 하나 (느린 반복문을 잡음)
    ]


def _variants(case: Case, got, want):
    """흔한 실수를 흉내 낸 결과들: (범주 id, 그 실수의 결과, 한국어 안내)."""
    return []


judge = array_judge(reference, _variants)


EXERCISE = Exercise(
    id="{exercise_id}",
    function="{function}",
    signature="{function}({args}) -> TODO",
    title="{function} (TODO 한국어 이름)",
    summary="{{n}}개 사례 (TODO 어떤 경우들) 에서 값이 맞습니다.",
    points=2,
    order={order},
{placed_line}    references={{f"{{__name__}}.reference": None}},
)
'''


HEADING = re.compile(r"^### 연습문제\b", re.M)


def notebook_cells(exercise_id: str, function: str, args: str, number: int | None = None) -> list:
    """노트북에 넣을 셀 셋: 문제 (마크다운, 노트북의 다른 연습문제처럼 번호를 붙임), 풀이 셀, 확인 셀."""
    markdown = nbformat.v4.new_markdown_cell(
        f"### 연습문제{'' if number is None else f' {number}'}: TODO 제목 (`{function}`)\n\n"
        f"`{function}({args})`를 작성하세요. TODO: 무엇을 받아 무엇을 돌려주는지, 형태, 힌트."
    )
    solution = nbformat.v4.new_code_cell(
        f'def {function}({args}):\n    """TODO 한 줄 설명.\n\n    반환: TODO\n    """\n'
        "    ### BEGIN SOLUTION\n    raise NotImplementedError()  # TODO 모범 답안\n    ### END SOLUTION"
    )
    check = nbformat.v4.new_code_cell(f"sgns.checks.check_{function}({function})")
    return [markdown, solution, check]


def _number(cell) -> int:
    """``### 연습문제 6: ...`` -> 6 (번호가 없으면 0)."""
    match = re.search(r"^### 연습문제 (\d+)", cell.source, re.M)
    return int(match.group(1)) if match else 0


def _existing(root: Path) -> dict[str, tuple[str, str]]:
    """이미 있는 연습문제 모듈: id -> (함수 이름, 모듈 파일) (모듈을 import 하지 않고 원문에서)."""
    found = {}
    for path in sorted((root / "sgns" / "checks" / "exercises").glob("nb*.py")):
        text = path.read_text(encoding="utf-8")
        ids = re.search(r'^\s+id="([^"]+)"', text, re.M)
        fn = re.search(r'^\s+function="([^"]+)"', text, re.M)
        if ids and fn:
            found[ids.group(1)] = (fn.group(1), path.name)
    return found


def _orders(root: Path, prefix: str) -> list[int]:
    orders = []
    for path in (root / "sgns" / "checks" / "exercises").glob(f"{prefix}_*.py"):
        match = re.search(r"^\s+order=(\d+)", path.read_text(encoding="utf-8"), re.M)
        orders.append(int(match.group(1)) if match else 0)
    return orders


def find_notebook(root: Path, name: str) -> Path:
    candidates = [Path(name), root / name, root / "notebooks" / name, root / "notebooks" / f"{name}.ipynb"]
    for candidate in candidates:
        if candidate.is_file() and candidate.suffix == ".ipynb":
            return candidate
    known = ", ".join(p.stem for p in sorted((root / "notebooks").glob("*.ipynb")))
    raise ScaffoldError(f"NB={name!r}: 그런 강사용 노트북이 없습니다. 있는 노트북: {known}")


def scaffold(root: Path, notebook: str, exercise_id: str, function: str, args: str, after: int | None) -> list[str]:
    """모듈을 쓰고 (after 가 있으면) 노트북에 셀을 넣습니다. 한 일을 한 줄씩 돌려줍니다."""
    path = find_notebook(root, notebook)
    # 같은 장의 둘째 노트북 (04b) 의 연습문제도 장 번호로 시작합니다 (nb04-train-loop 처럼).
    prefix = re.match(r"nb\d\d", notebook_prefix(path.name)).group(0)
    if not ID_PATTERN.fullmatch(exercise_id) or not exercise_id.startswith(prefix + "-"):
        raise ScaffoldError(
            f"NAME={exercise_id!r}: 연습문제 id 는 {prefix}-<소문자-낱말> 꼴이어야 합니다"
            f" (예: {prefix}-numerical-gradient)."
        )
    if not function.isidentifier() or keyword.iskeyword(function):
        raise ScaffoldError(f"FUNCTION={function!r}: 파이썬 함수 이름이 아닙니다 (예: FUNCTION=numerical_gradient).")
    parameters(args)
    existing = _existing(root)
    target = module_path(root, exercise_id)
    nb = nbformat.read(path, as_version=4)
    has_cell = any(
        c.cell_type == "code" and "### BEGIN SOLUTION" in c.source and re.search(rf"^def {function}\(", c.source, re.M)
        for c in nb.cells
    )
    if after is not None and has_cell:
        raise ScaffoldError(f"{path.name} 에 이미 `def {function}(` 풀이 셀이 있습니다. AFTER 없이 모듈만 만드세요.")
    if after is not None and not 0 <= after < len(nb.cells):
        raise ScaffoldError(f"AFTER={after}: {path.name} 의 셀 번호는 0 부터 {len(nb.cells) - 1} 까지입니다.")
    done = []
    if exercise_id in existing:  # 모듈은 이미 있음: 노트북에 셀만 넣기 (모듈을 먼저 만든 연습문제)
        if existing[exercise_id][0] != function or after is None:
            raise ScaffoldError(
                f"NAME={exercise_id}: 이미 있는 연습문제입니다 ({existing[exercise_id][1]}, 함수"
                f" {existing[exercise_id][0]}). 노트북에 셀만 넣으려면 같은 FUNCTION 과 AFTER 를 주세요."
            )
        text = target.read_text(encoding="utf-8")
        if PLACED_LINE in text:
            atomic_write(target, text.replace(PLACED_LINE, "").encode())
            done.append(f"✏️  {target.relative_to(root)}: placed=False 를 지웠습니다")
    else:
        for other, (other_function, file) in existing.items():
            if other_function == function:
                raise ScaffoldError(
                    f"FUNCTION={function}: 연습문제 {other} ({file}) 가 이미 이 함수를 확인합니다 "
                    f"(확인 함수 check_{function} 은 하나뿐이어야 합니다). 다른 함수 이름을 고르세요."
                )
        order = max(_orders(root, prefix), default=0) + 1
        placed = has_cell or after is not None
        atomic_write(target, module_text(exercise_id, function, args, order, placed).encode())
        done.append(f"✏️  {target.relative_to(root)}")
    if after is not None:
        numbers = [_number(c) for c in nb.cells if c.cell_type == "markdown" and HEADING.search(c.source)]
        before = [_number(c) for c in nb.cells[: after + 1] if c.cell_type == "markdown" and HEADING.search(c.source)]
        later = numbers[len(before) :]
        # 번호는 앞의 연습문제 다음 (04b 처럼 앞 노트북에서 이어지는 번호도), 앞에 없으면 뒤의 첫 번호
        number = before[-1] + 1 if before else (later[0] if later else 1)
        nb.cells[after + 1 : after + 1] = notebook_cells(exercise_id, function, args, number)
        if later:
            done.append(
                f"⚠️  뒤의 연습문제 {len(later)}개의 제목 번호 (### 연습문제 N) 와 본문에서 그 번호를"
                " 말하는 곳을 하나씩 올리세요 (그 노트북의 tests/test_nbNN_claims.py 도)."
            )
        atomic_write(path, render(nb).encode("utf-8"))
        done.append(f"✏️  {path.relative_to(root) if path.is_relative_to(root) else path}: 셀 {after + 1}~{after + 3}번")
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="새 연습문제의 틀 (연습문제 모듈과 노트북 셀) 을 만듭니다.")
    parser.add_argument("--notebook", required=True, help="강사용 노트북 (예: 04_math)")
    parser.add_argument("--name", required=True, help="연습문제 id (예: nb04-numerical-gradient)")
    parser.add_argument("--function", required=True, help="학생이 작성하는 함수 이름")
    parser.add_argument("--args", required=True, help='함수의 인자 (예: "f, x, h=1e-5")')
    parser.add_argument("--after", type=int, help="이 셀 뒤에 문제·풀이·확인 셀을 넣습니다 (없으면 모듈만)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    try:
        done = scaffold(options.root, options.notebook, options.name, options.function, options.args, options.after)
    except ScaffoldError as error:
        print(f"❌ {error}", file=sys.stderr)
        return 1
    print("\n".join(done))
    print(
        "다음 할 일: 모듈의 TODO (약속, 사례, 흔한 실수, 기대한 값) 와 풀이 셀의 모범 답안을 채우고,\n"
        f"   make notebook NB={find_notebook(options.root, options.notebook).stem}"
        " (다시 실행, 메타데이터, 학생판, 그 장의 검사) 뒤 확인 도구 테스트 (tests/test_checks_common.py)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
