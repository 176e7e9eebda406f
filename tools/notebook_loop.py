"""노트북 하나를 고친 뒤 해야 할 일을 차례대로 모두 합니다 (`make notebook NB=03`).

1. 그 노트북을 새 커널에서 다시 실행해 저장된 출력을 새로 고칩니다 (tools/refresh_notebooks.py; 소스가 그대로인
   시간 측정 셀의 출력은 그대로 둡니다: ``--keep-timings``).
2. nbval 주석, 이동 링크, 슬라이드 메타데이터, nbgrader 메타데이터를 다시 씁니다 (make lecture 와 같은 도구).
3. 학생판을 다시 만듭니다 (tools/make_student.py).
4. 그 노트북의 검사: lecture-check 의 규칙, 학생판의 소스 검사, 그 장의 주장 테스트와 위생 테스트.
5. 무엇이 바뀌었는지 파일 목록으로 알려 줍니다. 고친 것이 없으면 두 번째 실행은 아무 파일도 바꾸지 않습니다.

사용법::

    python tools/notebook_loop.py 03            # 번호, 파일 이름, 경로 모두 됩니다 (03_how_it_works.ipynb)
    python tools/notebook_loop.py 03 --no-run   # 다시 실행은 건너뛰고 메타데이터·학생판·검사만
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ("notebooks", "student")  # 이 폴더의 노트북과 START.md 가 바뀌었는지 봅니다


def find_notebook(name: str, folder: Path = ROOT / "notebooks") -> Path:
    """'03', '03_how_it_works', '03_how_it_works.ipynb', 'notebooks/03_how_it_works.ipynb' -> 그 노트북 경로."""
    stem = Path(name).name.removesuffix(".ipynb")
    matches = sorted(p for p in folder.glob("*.ipynb") if p.stem == stem or p.stem.startswith(stem + "_"))
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(p.name for p in sorted(folder.glob("*.ipynb")))
    if not matches:
        raise SystemExit(f"❌ NB={name!r} 에 맞는 노트북이 없습니다. 있는 노트북: {names}")
    found = ", ".join(p.name for p in matches)
    raise SystemExit(f"❌ NB={name!r} 에 맞는 노트북이 여럿입니다 ({found}). 이름을 더 길게 주세요.")


def snapshot() -> dict[str, str]:
    """지켜보는 파일마다 내용 해시."""
    paths = [p for folder in WATCHED for p in (ROOT / folder).glob("*") if p.is_file()]
    paths.append(ROOT / "START.md")
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths if p.is_file()}


def run(title: str, *command: str | Path) -> None:
    print(f"\n== {title}", flush=True)
    result = subprocess.run([str(part) for part in command], cwd=ROOT)
    if result.returncode != 0:
        shown = " ".join(str(part) for part in command)
        raise SystemExit(f"❌ '{title}' 단계가 실패했습니다 (종료 코드 {result.returncode}). 명령: {shown}")


def claims_tests(notebook: Path) -> list[str]:
    """그 장의 주장 테스트 (tests/test_nbNN_claims.py) 와 위생 테스트."""
    number = notebook.stem.split("_", 1)[0]
    tests = [f"tests/test_nb{number}_claims.py"] if (ROOT / "tests" / f"test_nb{number}_claims.py").is_file() else []
    return [*tests, "tests/test_notebook_hygiene.py"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="노트북 하나를 고친 뒤의 일을 차례대로 합니다.")
    parser.add_argument("notebook", help="노트북 번호 또는 이름 (예: 03)")
    parser.add_argument("--no-run", action="store_true", help="다시 실행은 건너뜁니다")
    args = parser.parse_args(argv)
    notebook = find_notebook(args.notebook)
    relative = notebook.relative_to(ROOT)
    student = Path("student") / notebook.name
    every = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("*.ipynb"))
    python = sys.executable
    before = snapshot()

    if not args.no_run:
        run("1/4 다시 실행", python, "tools/refresh_notebooks.py", "--keep-timings", relative)
    guards = "tools/notebook_guards.py"
    run("2/4 메타데이터 (nbval 주석)", python, guards, "--rules", "nbval-comment", "--fix", relative)
    run("2/4 메타데이터 (이동 링크)", python, "tools/notebook_nav.py", "--write", *every)
    run("2/4 메타데이터 (슬라이드)", python, "tools/slide_metadata.py", "--write", relative)
    run("2/4 메타데이터 (nbgrader)", python, "tools/nbgrader_metadata.py", "--write", relative)
    run("3/4 학생판", python, "tools/make_student.py")
    run("4/4 검사 (슬라이드)", python, "tools/slide_metadata.py", "--check", relative)
    run("4/4 검사 (nbgrader)", python, "tools/nbgrader_metadata.py", "--check", relative)
    run("4/4 검사 (노트북 규칙)", python, "tools/notebook_guards.py", "--rules", "all", relative)
    run("4/4 검사 (학생판 소스)", python, "tools/notebook_guards.py", "--rules", "source", student)
    run("4/4 검사 (주장·위생 테스트)", python, "-m", "pytest", "-q", *claims_tests(notebook))

    after = snapshot()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    print()
    if changed:
        print(f"✅ {notebook.name}: 끝났습니다. 바뀐 파일 {len(changed)}개 (git diff 로 확인하고 커밋하세요):")
        for name in changed:
            print(f"   - {name}")
    else:
        print(f"✅ {notebook.name}: 끝났습니다. 바뀐 파일이 없습니다.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
