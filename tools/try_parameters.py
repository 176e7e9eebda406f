"""매개변수 셀의 값을 바꾼 사본을 실행하고, 그 사본에 그 장의 주장 테스트를 돌립니다.

``[자유]`` 로 표시한 값이 정말 자유로운지 확인하는 도구입니다 (느려서 ``make test`` 에는 넣지 않습니다).

    python tools/try_parameters.py 03 N_MONITOR=1000 N_SEEDS=4
    python tools/try_parameters.py 05_sampling.ipynb NUM_DRAWS=200_000 --out build/try

- 모든 강의 노트북을 ``--out`` 아래의 새 폴더에 복사하고, 고른 노트북의 매개변수 셀에서 적은 이름의 값만 바꿉니다
  (셀의 구조와 주석은 그대로; papermill 처럼 셀을 더하지 않으므로 셀 순서를 보는 테스트도 그대로 돕니다).
- 그 사본을 새 커널에서 실행합니다 (작업 폴더는 저장소의 ``notebooks/``, 데이터 경로가 같도록).
- ``SGNS_NOTEBOOKS=<사본 폴더>`` 로 ``tests/test_nb<번호>_claims.py`` 를 돌리고 결과를 알립니다.
  ``[본문: 값]`` 인 값을 바꿨으면 테스트의 ``params`` 픽스처가 무엇을 고칠지 말하며 멈춥니다.

종료 코드: 0 이면 실행과 테스트가 모두 통과, 1 이면 실행이나 테스트가 실패, 2 이면 인자가 잘못됨.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def find_notebook(spec: str) -> Path:
    """``03``, ``03_how_it_works``, ``03_how_it_works.ipynb`` 또는 경로에서 강의 노트북 하나."""
    names = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    base = Path(spec).name
    exact = [n for n in names if n in (base, f"{base}.ipynb")]
    matches = exact or [n for n in names if n.startswith(f"{base}_")]
    if len(matches) != 1:
        raise SystemExit(
            f"노트북 '{spec}' 을(를) 하나로 정할 수 없습니다 (찾은 것: {matches or '없음'}). "
            f"다음 중 하나를 적으세요: {', '.join(names)}"
        )
    return NOTEBOOKS / matches[0]


def parse_assignment(text: str) -> tuple[str, str]:
    """``NAME=VALUE`` 를 (이름, 값의 원문) 으로. 값은 파이썬 리터럴이어야 합니다."""
    name, sep, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not sep or not name.isidentifier() or not value:
        raise SystemExit(f"'{text}' 은(는) 이름=값 꼴이 아닙니다 (예: N_MONITOR=1000)")
    try:
        ast.literal_eval(value)
    except (ValueError, SyntaxError):
        raise SystemExit(f"{name} 의 값 '{value}' 을(를) 파이썬 값으로 읽을 수 없습니다 (예: 1000, [1, 2])") from None
    return name, value


def set_values(source: str, changes: dict[str, str]) -> str:
    """매개변수 셀 원문에서 ``changes`` 의 이름마다 대입문의 오른쪽만 바꾼 것 (주석과 줄 맞춤은 그대로)."""
    lines = source.splitlines(keepends=True)
    done = set()
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            continue
        name = node.targets[0].id
        if name not in changes:
            continue
        value = node.value
        if value.lineno != value.end_lineno:
            raise SystemExit(f"{name} 의 값이 여러 줄이라 바꿀 수 없습니다: 매개변수 셀에서 한 줄로 쓰세요")
        i = value.lineno - 1
        line = lines[i].encode()
        # ast 의 열 위치는 UTF-8 바이트 단위입니다
        new = line[: value.col_offset] + changes[name].encode() + line[value.end_col_offset :]
        lines[i] = new.decode()
        done.add(name)
    missing = sorted(set(changes) - done)
    if missing:
        known = [t.id for n in ast.parse(source).body if isinstance(n, ast.Assign) for t in n.targets
                 if isinstance(t, ast.Name)]  # fmt: skip
        raise SystemExit(f"매개변수 셀에 없는 이름(또는 한 이름만 대입하는 줄이 아님): {', '.join(missing)}. "
                         f"있는 이름: {', '.join(known)}")  # fmt: skip
    return "".join(lines)


def text_roles(nb) -> dict[str, object]:
    """``[본문: 값]`` 으로 표시한 이름 -> 적힌 값 (tests/notebook_outputs.py 의 읽기 그대로)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from notebook_outputs import TEXT, parameter_roles

    return {name: r.stated for name, r in parameter_roles(nb).items() if r.role == TEXT}


def slug(changes: dict[str, str]) -> str:
    text = "_".join(f"{k}-{v}" for k, v in changes.items())
    return re.sub(r"[^A-Za-z0-9_.-]+", "", text)[:80] or "defaults"


def claims_test(notebook: Path) -> Path | None:
    prefix = notebook.name.split("_")[0]
    path = ROOT / "tests" / f"test_nb{prefix}_claims.py"
    return path if path.exists() else None


def execute(path: Path, timeout: int) -> None:
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )  # fmt: skip
    try:
        client.execute()
    finally:
        nbformat.write(nb, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="매개변수를 바꾼 사본을 실행하고 그 장의 주장 테스트를 돌립니다.")
    parser.add_argument("notebook", help="노트북 번호나 이름 (예: 03)")
    parser.add_argument("changes", nargs="*", help="바꿀 값 (예: N_MONITOR=1000)")
    parser.add_argument("--out", default=str(ROOT / "build" / "try-parameters"), help="사본을 둘 폴더")
    parser.add_argument("--timeout", type=int, default=1800, help="셀 하나의 최대 실행 시간 (초)")
    parser.add_argument("--no-test", action="store_true", help="실행만 하고 테스트는 돌리지 않음")
    parser.add_argument("--pytest-args", default="", help="pytest 에 더 줄 인자 (예: '-x -k accuracy')")
    args = parser.parse_args(argv)

    notebook = find_notebook(args.notebook)
    changes = dict(parse_assignment(c) for c in args.changes)
    folder = Path(args.out).resolve() / f"{notebook.stem}-{slug(changes)}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for path in NOTEBOOKS.glob("*.ipynb"):
        shutil.copy2(path, folder / path.name)

    copy = folder / notebook.name
    nb = nbformat.read(copy, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source = set_values(cell.source, changes)
    nbformat.write(nb, copy)
    shown = ", ".join(f"{k} = {v}" for k, v in changes.items()) or "기본값 그대로"
    print(f"== {notebook.name}: {shown}\n   사본: {copy}")
    for name, role in text_roles(nb).items():
        if name in changes and ast.literal_eval(changes[name]) != role:
            print(f"   ⚠️  {name} 는 [본문: {role!r}] 입니다: 본문이 그 값을 기준으로 쓰여 있어 주장 테스트가 멈춥니다")

    start = time.monotonic()
    try:
        execute(copy, args.timeout)
    except Exception as error:  # noqa: BLE001 - 어떤 셀 오류든 알리고 끝냄
        print(f"❌ 실행 실패 ({time.monotonic() - start:.0f}초): {type(error).__name__}: {str(error)[-2000:]}")
        return 1
    print(f"   실행 {time.monotonic() - start:.0f}초")
    if args.no_test:
        return 0
    test = claims_test(notebook)
    if test is None:
        print(f"   {notebook.name} 의 주장 테스트 (tests/test_nb<번호>_claims.py) 가 없어 실행만 했습니다")
        return 0
    env = dict(os.environ, SGNS_NOTEBOOKS=str(folder))
    env.pop("MPLBACKEND", None)
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test.relative_to(ROOT)),
           *args.pytest_args.split()]  # fmt: skip
    start = time.monotonic()
    result = subprocess.run(cmd, cwd=ROOT, env=env)
    verdict = "✅ 통과" if result.returncode == 0 else "❌ 실패"
    print(f"{verdict}: {test.name} ({time.monotonic() - start:.0f}초), {notebook.name}: {shown}")
    return 0 if result.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
