"""강의 노트북(notebooks/)에서 학생용 노트북(student/)을 만듭니다.

코드 셀 안의 ``### BEGIN SOLUTION`` ~ ``### END SOLUTION`` (nbgrader 표식) 사이의 풀이를,
같은 들여쓰기의 다음 두 줄로 바꿉니다::

    # 여기에 코드를 작성하세요
    raise NotImplementedError()

모든 코드 셀의 출력과 실행 번호는 지웁니다. 그 밖의 것(메타데이터, 태그, 마크다운)은 그대로입니다.
같은 입력에서는 언제나 바이트 단위로 같은 파일이 나옵니다.

사용법::

    python tools/make_student.py                 # notebooks/ -> student/
    python tools/make_student.py --check         # student/ 가 최신인지 검사만 (CI 용)
    python tools/make_student.py --force         # 커밋하지 않은 손 수정이 있어도 덮어쓰기
    python tools/make_student.py --src A --dst B

student/ 의 파일이 손으로 고쳐졌으면 (커밋된 내용과도, 이 도구가 마지막으로 쓴 내용과도 다르고, 새로 만들
내용과도 다르면) 그 수정을 지우지 않도록 아무것도 쓰지 않고 종료 코드 1 로 멈춥니다. 이 도구가 마지막으로 쓴
내용의 해시는 git 이 무시하는 ``build/student-manifest.json`` 에 적어 둡니다 (그래서 강사가 노트북을 여러 번
고치며 커밋 전에 다시 만들어도 멈추지 않습니다). 지워도 되는 수정이면 ``--force`` 로 덮어쓰세요.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import nbformat
from colab import with_colab_cell

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB = ("# 여기에 코드를 작성하세요", "raise NotImplementedError()")
MANIFEST = Path("build") / "student-manifest.json"


class MarkerError(ValueError):
    """풀이 표식이 짝이 맞지 않습니다 (BEGIN 없이 END, END 없이 BEGIN, 겹친 BEGIN)."""


def strip_solutions(source: str, where: str) -> str:
    """셀 소스에서 풀이 구간을 학생용 두 줄(같은 들여쓰기)로 바꿉니다.

    Parameters
    ----------
    source : 코드 셀의 소스
    where : 오류 메시지에 쓸 위치 설명 (예: "notebooks/01.ipynb 의 셀 7")
    """
    out: list[str] = []
    indent: str | None = None  # 풀이 구간 안이면 BEGIN 줄의 들여쓰기
    for number, line in enumerate(source.split("\n"), start=1):
        marker = line.strip()
        if marker.startswith(BEGIN):
            if indent is not None:
                raise MarkerError(f"{where}: {number}번째 줄에 '{BEGIN}' 이 또 나왔습니다 (앞의 구간이 닫히지 않음).")
            indent = line[: len(line) - len(line.lstrip())]
        elif marker.startswith(END):
            if indent is None:
                raise MarkerError(f"{where}: {number}번째 줄의 '{END}' 앞에 '{BEGIN}' 이 없습니다.")
            out.extend(indent + stub for stub in STUB)
            indent = None
        elif indent is None:
            out.append(line)
    if indent is not None:
        raise MarkerError(f"{where}: '{BEGIN}' 뒤에 '{END}' 이 없습니다.")
    return "\n".join(out)


def student_version(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """학생용 노트북 (입력 노트북은 바꾸지 않습니다)."""
    nb = nbformat.from_dict(nb)  # 깊은 복사
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        first = cell.source.strip().split("\n", 1)[0][:40]
        cell.source = strip_solutions(cell.source, f"{name} 의 셀 {index}번 (코드 셀, 첫 줄: {first!r})")
        cell.outputs = []
        cell.execution_count = None
    return with_colab_cell(nb, Path(name).name)  # 맨 위에 Colab 배지와 Colab 에서만 설치하는 셀


def render(path: Path) -> str:
    """노트북 파일 하나의 학생용 JSON 텍스트 (끝에 줄바꿈 하나)."""
    nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    return nbformat.writes(student_version(nb, str(path))) + "\n"


def has_uncommitted_changes(path: Path) -> bool:
    """git 이 보기에 path 가 HEAD 와 다른지 (수정됨, 새 파일 등). git 저장소가 아니면 False."""
    try:
        result = subprocess.run(
            ["git", "--no-optional-locks", "status", "--porcelain", "--untracked-files=all", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:  # git 이 설치되어 있지 않음
        return False
    return result.returncode == 0 and result.stdout.strip() != ""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _load_manifest(manifest: Path) -> dict[str, str]:
    try:
        return json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def hand_edited(path: Path, manifest: dict[str, str]) -> bool:
    """path 가 손으로 고쳐졌는지: git 이 보기에 HEAD 와 다르고, 이 도구가 마지막으로 쓴 내용과도 다름."""
    if not has_uncommitted_changes(path):
        return False
    return manifest.get(str(path)) != _digest(path.read_text(encoding="utf-8"))


def build(src: Path, dst: Path) -> dict[Path, str]:
    """만들 파일 (dst 안의 경로 -> 내용). 표식 오류는 MarkerError."""
    return {dst / path.name: render(path) for path in sorted(src.glob("*.ipynb"))}


def check(planned: dict[Path, str], dst: Path) -> int:
    """--check: student/ 가 최신이면 0, 아니면 무엇이 다른지 말하고 1."""
    problems = []
    for path, text in planned.items():
        if not path.exists():
            problems.append(f"없음: {path}")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"오래됨 (강의 노트북과 다름): {path}")
    for path in sorted(dst.glob("*.ipynb")):
        if path not in planned:
            problems.append(f"강의 노트북에 없는 파일: {path}")
    if problems:
        print(f"❌ {dst}/ 가 강의 노트북과 맞지 않습니다:", file=sys.stderr)
        for problem in problems:
            print(f"   - {problem}", file=sys.stderr)
        print("   `python tools/make_student.py` 로 다시 만든 뒤 커밋하세요.", file=sys.stderr)
        return 1
    print(f"✅ {dst}/ 의 학생용 노트북 {len(planned)}개가 최신입니다.")
    return 0


def write(planned: dict[Path, str], dst: Path, force: bool, manifest_path: Path = MANIFEST) -> int:
    """학생용 노트북을 씁니다. 손 수정을 덮어쓸 파일이 하나라도 있으면 아무것도 쓰지 않고 1."""
    changed = {p: t for p, t in planned.items() if not p.exists() or p.read_text(encoding="utf-8") != t}
    manifest = _load_manifest(manifest_path)
    protected = [] if force else [p for p in changed if p.exists() and hand_edited(p, manifest)]
    if protected:
        for path in protected:
            print(
                f"❌ {path} 을(를) 덮어쓰지 않았습니다: 커밋하지 않은 수정이 있고, 새로 만들 내용과 다릅니다.",
                file=sys.stderr,
            )
        print(
            "   손으로 고친 내용이 지워지지 않도록 아무 파일도 쓰지 않았습니다. 그 수정을 강의 노트북으로 옮기거나"
            " 커밋/되돌린 뒤 다시 실행하세요. 지워도 되는 수정이면 --force 를 붙이세요.",
            file=sys.stderr,
        )
        return 1
    dst.mkdir(parents=True, exist_ok=True)
    for path, text in changed.items():
        path.write_text(text, encoding="utf-8")
        print(f"✏️  {path}")
    manifest.update({str(p): _digest(t) for p, t in planned.items()})
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    extra = sorted(p for p in dst.glob("*.ipynb") if p not in planned)
    for path in extra:
        print(f"⚠️  {path} 은(는) 강의 노트북에 없습니다 (지우지 않았습니다).")
    print(f"✅ 학생용 노트북 {len(planned)}개 중 {len(changed)}개를 새로 썼습니다.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="강의 노트북에서 풀이를 지운 학생용 노트북을 만듭니다.")
    parser.add_argument("--src", type=Path, default=Path("notebooks"), help="강의 노트북 폴더 (기본: notebooks)")
    parser.add_argument("--dst", type=Path, default=Path("student"), help="학생용 노트북 폴더 (기본: student)")
    parser.add_argument("--check", action="store_true", help="쓰지 않고, dst 가 최신인지 검사만 합니다")
    parser.add_argument("--force", action="store_true", help="커밋하지 않은 수정이 있어도 덮어씁니다")
    parser.add_argument("--manifest", type=Path, default=MANIFEST, help="마지막으로 쓴 내용의 해시 (git 무시)")
    args = parser.parse_args(argv)

    if not args.src.is_dir() or not any(args.src.glob("*.ipynb")):
        print(f"❌ {args.src}/ 에 노트북(.ipynb)이 없습니다.", file=sys.stderr)
        return 1
    try:
        planned = build(args.src, args.dst)
    except MarkerError as error:
        print(f"❌ 풀이 표식 오류: {error}", file=sys.stderr)
        return 1
    return check(planned, args.dst) if args.check else write(planned, args.dst, args.force, args.manifest)


if __name__ == "__main__":
    sys.exit(main())
