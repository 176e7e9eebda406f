"""강의 노트북(notebooks/)에서 학생용 노트북(student/)을 만듭니다.

무엇을 바꾸는지:

- 코드 셀의 ``### BEGIN SOLUTION`` ~ ``### END SOLUTION`` (nbgrader 표식) 사이의 풀이를 같은 들여쓰기의
  두 줄 ``# 여기에 코드를 작성하세요`` / ``raise NotImplementedError()`` 로 바꿉니다.
- ``solution`` 태그가 붙은 마크다운 셀(학생이 직접 해야 할 유도)은 내용 전체를 짧은 안내로 바꿉니다.
  셀의 첫 줄이 제목(``#`` 으로 시작)이면 그 줄은 남깁니다.
- ``answer-key`` 태그가 붙은 마크다운 셀(생각해 볼 문제의 모범 답안)은 학생이 자기 생각을 적을 안내로 바꿉니다.
- 모든 코드 셀의 출력과 실행 번호는 지웁니다. 그 밖의 것(메타데이터, 태그, 다른 마크다운)은 그대로입니다.

표식 오류(짝이 맞지 않는 표식, 마크다운 셀 안의 코드 표식, 표식 없이 풀이 태그만 붙은 코드 셀)는 무엇도 쓰지
않고 종료 코드 1 로 멈춥니다. 같은 입력에서는 언제나 바이트 단위로 같은 파일이 나옵니다.

사용법::

    python tools/make_student.py                 # notebooks/ -> student/
    python tools/make_student.py --check         # student/ 가 최신인지 검사만 (CI 용)
    python tools/make_student.py --force         # 손으로 고친 student/ 파일이 있어도 덮어쓰기
    python tools/make_student.py --src A --dst B

손으로 고친 파일은 덮어쓰지 않습니다. student/ 의 파일은 다음 중 하나일 때만 새 내용으로 바꿉니다:

1. 내용이 이 도구가 쓴 것과 같다 (해시 비교). 기록은 두 곳에 있습니다: 저장소에 커밋되는
   ``student/.generated.json`` (ZIP 으로 받은 사본에도 들어 있음) 과 git 이 무시하는 ``build/student-manifest.json``
   (이 컴퓨터에서 마지막으로 쓴 내용; 강사가 커밋 전에 여러 번 다시 만들어도 멈추지 않게).
2. git 이 "커밋된 내용 그대로" 라고 답한다.

git 이 답하지 못하면 (ZIP 으로 받은 폴더, 다른 사용자 소유라 git 이 거절하는 폴더, git 미설치) 해시만 믿습니다.
모르는 내용의 파일이 하나라도 있으면 아무것도 쓰지 않고 종료 코드 1 로 멈추며, 무엇을 하면 되는지 알려 줍니다.
쓴 학생판 노트북은 읽기 전용으로 둡니다 (JupyterLab 의 자동 저장이 고치지 못하게; 작업은 my-work/ 에서).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import nbformat
from colab import with_colab_cell
from course_files import (
    RECORD_NAME,
    atomic_write,
    file_digest,
    git_problem,
    load_record,
    lock_read_only,
    read_only_mode,
    run_git,
    text_digest,
)

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB = ("# 여기에 코드를 작성하세요", "raise NotImplementedError()")
SOLUTION_TAG = "solution"
ANSWER_KEY_TAG = "answer-key"
DERIVATION_PROMPT = "✍️ **직접 유도해 보세요.** 여기에 유도 과정을 적으세요 (YOUR ANSWER HERE)"
ANSWER_PROMPT = "✍️ 여기에 여러분의 생각을 적어 보세요."
# 생각해 볼 문제의 답 칸마다 번호를 붙입니다 (노트북 안에서 answer-key 셀의 순서 = 질문의 순서)
NUMBERED_ANSWER_PROMPT = "✍️ **{number}번에 대한 여러분의 답** — 여기에 생각을 적어 보세요."
HEADING = re.compile(r"#{1,6}(\s|$)")
MANIFEST = Path("build") / "student-manifest.json"
RECORD_ABOUT = (
    "tools/make_student.py 가 쓴 학생판 노트북 내용의 sha256 입니다. 이 값과 다른 파일은 손으로 고친 것으로 보고"
    " 덮어쓰지 않습니다."
)


class MarkerError(ValueError):
    """풀이 표식이 잘못되었습니다 (짝이 맞지 않음, 마크다운 셀 안의 코드 표식, 표식 없는 풀이 태그 등)."""


def strip_solutions(source: str, where: str) -> str:
    """코드 셀 소스에서 풀이 구간을 학생용 두 줄(같은 들여쓰기)로 바꿉니다.

    Parameters
    ----------
    source : 코드 셀의 소스
    where : 오류 메시지에 쓸 위치 설명 (예: "notebooks/01.ipynb 의 셀 7번")
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


def has_code_marker(source: str) -> bool:
    """어느 줄이든 (앞 공백을 빼고) 코드 풀이 표식으로 시작하는지."""
    return any(line.strip().startswith((BEGIN, END)) for line in source.split("\n"))


def first_heading(source: str) -> str | None:
    """셀의 첫 줄(빈 줄 제외)이 마크다운 제목이면 그 줄, 아니면 None."""
    lines = [line for line in source.split("\n") if line.strip()]
    return lines[0].rstrip() if lines and HEADING.match(lines[0].lstrip()) else None


def solution_tags(cell: nbformat.NotebookNode) -> set[str]:
    """셀에 붙은 풀이 태그들 (solution, answer-key 중)."""
    return set(cell.get("metadata", {}).get("tags", [])) & {SOLUTION_TAG, ANSWER_KEY_TAG}


def student_text(source: str, tags: set[str], where: str, answer_number: int | None = None) -> str:
    """마크다운(또는 raw) 셀의 학생용 내용.

    Parameters
    ----------
    source : 셀 내용
    tags : 셀의 풀이 태그 (solution_tags)
    where : 오류 메시지에 쓸 위치 설명
    answer_number : answer-key 셀이면 노트북 안에서 몇 번째 답인지 (1 부터; 없으면 번호 없는 안내)
    """
    if has_code_marker(source):
        raise MarkerError(
            f"{where}: 마크다운 셀에 코드 풀이 표식('{BEGIN}' / '{END}')이 있습니다. 이 표식은 코드 셀에서만 풀이를"
            f" 지웁니다. 마크다운의 풀이는 표식을 지우고 셀에 '{SOLUTION_TAG}' 또는 '{ANSWER_KEY_TAG}' 태그를 붙이세요."
        )
    if tags == {SOLUTION_TAG, ANSWER_KEY_TAG}:
        raise MarkerError(f"{where}: '{SOLUTION_TAG}' 와 '{ANSWER_KEY_TAG}' 태그가 함께 있습니다. 하나만 붙이세요.")
    if SOLUTION_TAG in tags:
        heading = first_heading(source)
        return f"{heading}\n\n{DERIVATION_PROMPT}" if heading else DERIVATION_PROMPT
    if ANSWER_KEY_TAG in tags:
        return ANSWER_PROMPT if answer_number is None else NUMBERED_ANSWER_PROMPT.format(number=answer_number)
    return source


def student_code(source: str, tags: set[str], where: str) -> str:
    """코드 셀의 학생용 소스. 풀이 태그만 있고 표식이 없는 코드 셀은 풀이가 새어 나가므로 오류입니다."""
    if tags and not has_code_marker(source):
        raise MarkerError(
            f"{where}: 코드 셀에 '{sorted(tags)[0]}' 태그가 있지만 '{BEGIN}' / '{END}' 표식이 없습니다. 코드 셀의"
            " 풀이는 태그가 아니라 표식으로 지웁니다 (이대로면 풀이가 학생판에 그대로 남습니다)."
        )
    return strip_solutions(source, where)


def describe_cell(name: str, index: int, cell: nbformat.NotebookNode) -> str:
    """오류 메시지용 셀 위치: 노트북, 번호, 종류, 첫 줄."""
    kind = {"code": "코드 셀", "markdown": "마크다운 셀"}.get(cell.cell_type, f"{cell.cell_type} 셀")
    first = cell.source.strip().split("\n", 1)[0][:40]
    return f"{name} 의 셀 {index}번 ({kind}, 첫 줄: {first!r})"


def student_version(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """학생용 노트북 (입력 노트북은 바꾸지 않습니다). 표식 오류는 MarkerError."""
    nb = nbformat.from_dict(nb)  # 깊은 복사
    answers = 0
    for index, cell in enumerate(nb.cells, start=1):
        where = describe_cell(name, index, cell)
        tags = solution_tags(cell)
        if cell.cell_type == "code":
            cell.source = student_code(cell.source, tags, where)
            cell.outputs = []
            cell.execution_count = None
        else:
            answers += ANSWER_KEY_TAG in tags and SOLUTION_TAG not in tags
            cell.source = student_text(cell.source, tags, where, answers if ANSWER_KEY_TAG in tags else None)
            if tags:
                cell.pop("attachments", None)  # 붙여 넣은 그림도 풀이의 일부
    return with_colab_cell(nb, Path(name).name)  # 맨 위에 Colab 배지와 Colab 에서만 설치하는 셀


def render(path: Path) -> str:
    """노트북 파일 하나의 학생용 JSON 텍스트 (끝에 줄바꿈 하나)."""
    nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    return nbformat.writes(student_version(nb, str(path))) + "\n"


def build(src: Path, dst: Path) -> dict[Path, str]:
    """만들 파일 (dst 안의 경로 -> 내용). 표식 오류는 MarkerError."""
    return {dst / path.name: render(path) for path in sorted(src.glob("*.ipynb"))}


# ---------------------------------------------------------------------------
# 무엇을 썼는지의 기록
# ---------------------------------------------------------------------------


def record_text(planned: dict[Path, str]) -> str:
    """커밋되는 기록 ``student/.generated.json`` 의 내용 (파일 이름 -> sha256)."""
    digests = {path.name: text_digest(text.encode("utf-8")) for path, text in planned.items()}
    return json.dumps({"about": RECORD_ABOUT, "sha256": digests}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def load_manifest(manifest: Path) -> dict[str, str]:
    """이 컴퓨터에서 마지막으로 쓴 내용의 기록 (경로 -> sha256). 없거나 읽을 수 없으면 빈 dict."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def same_text(path: Path, text: str) -> bool:
    """path 의 내용이 text 와 같은지 (없는 파일은 False)."""
    return file_digest(path) == text_digest(text.encode("utf-8"))


def refusal(path: Path, known: set[str | None]) -> str | None:
    """path 를 덮어쓰면 안 되는 이유 (한국어), 덮어써도 되면 None.

    Parameters
    ----------
    path : 이미 있는 student/ 파일
    known : 이 도구가 이 파일에 쓴 적이 있는 내용의 sha256 들
    """
    if file_digest(path) in known - {None}:
        return None
    status = run_git(
        ["--no-optional-locks", "status", "--porcelain", "--ignored", "--untracked-files=all", "--", path.name],
        cwd=path.parent,
    )
    if status.ok and status.stdout.strip() == "":
        return None  # git: 커밋된 내용 그대로
    if status.ok:
        return "이 도구가 쓴 내용과 다르고, git 이 보기에도 커밋하지 않은 수정이 있습니다"
    return f"이 도구가 쓴 내용과 다릅니다 (git 으로는 확인할 수 없었습니다: {git_problem(status)})"


def check(planned: dict[Path, str], dst: Path) -> int:
    """--check: student/ 와 그 기록이 최신이면 0, 아니면 무엇이 다른지 말하고 1."""
    problems = []
    for path, text in planned.items():
        if not path.exists():
            problems.append(f"없음: {path}")
        elif not same_text(path, text):
            problems.append(f"오래됨 (강의 노트북과 다름): {path}")
    for path in sorted(dst.glob("*.ipynb")):
        if path not in planned:
            problems.append(f"강의 노트북에 없는 파일: {path}")
    if not same_text(dst / RECORD_NAME, record_text(planned)):
        problems.append(f"생성 기록이 없거나 오래됨: {dst / RECORD_NAME}")
    if problems:
        print(f"❌ {dst}/ 가 강의 노트북과 맞지 않습니다:", file=sys.stderr)
        for problem in problems:
            print(f"   - {problem}", file=sys.stderr)
        print("   `python tools/make_student.py` 로 다시 만든 뒤 커밋하세요.", file=sys.stderr)
        return 1
    print(f"✅ {dst}/ 의 학생용 노트북 {len(planned)}개가 최신입니다.")
    return 0


def report_refusals(refused: dict[Path, str]) -> None:
    """덮어쓰지 않은 파일들과 할 일을 stderr 에."""
    for path, reason in refused.items():
        print(f"❌ {path} 을(를) 덮어쓰지 않았습니다: {reason}.", file=sys.stderr)
    print(
        "   손으로 고친 내용이 지워지지 않도록 아무 파일도 쓰지 않았습니다.\n"
        "   그 내용이 필요하면 파일을 다른 곳(예: my-work/)으로 옮긴 뒤 다시 실행하세요 (없는 파일은 새로 만듭니다).\n"
        "   강사라면 그 수정을 강의 노트북(notebooks/)으로 옮기거나 커밋/되돌린 뒤 다시 실행하세요.\n"
        "   지워도 되는 수정이면 --force 를 붙이세요.",
        file=sys.stderr,
    )


def write(planned: dict[Path, str], dst: Path, force: bool, manifest_path: Path = MANIFEST) -> int:
    """학생용 노트북을 씁니다. 모르는 내용의 파일을 덮어써야 하면 아무것도 쓰지 않고 1."""
    changed = {path: text for path, text in planned.items() if not same_text(path, text)}
    manifest = load_manifest(manifest_path)
    record = load_record(dst)
    refused = {}
    if not force:
        for path in (p for p in changed if p.exists()):
            reason = refusal(path, {record.get(path.name), manifest.get(str(path))})
            if reason is not None:
                refused[path] = reason
    if refused:
        report_refusals(refused)
        return 1
    dst.mkdir(parents=True, exist_ok=True)
    for path, text in changed.items():
        mode = read_only_mode(path) if path.exists() else 0o444
        atomic_write(path, text.encode("utf-8"), mode=mode)
        print(f"✏️  {path}")
    record_path = dst / RECORD_NAME
    if not same_text(record_path, record_text(planned)):
        atomic_write(record_path, record_text(planned).encode("utf-8"))
    manifest.update({str(path): text_digest(text.encode("utf-8")) for path, text in planned.items()})
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(manifest_path, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    lock_read_only(list(planned))
    for path in sorted(p for p in dst.glob("*.ipynb") if p not in planned):
        print(f"⚠️  {path} 은(는) 강의 노트북에 없습니다 (지우지 않았습니다).")
    print(f"✅ 학생용 노트북 {len(planned)}개 중 {len(changed)}개를 새로 썼습니다 (읽기 전용으로 둡니다).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="강의 노트북에서 풀이를 지운 학생용 노트북을 만듭니다.")
    parser.add_argument("--src", type=Path, default=Path("notebooks"), help="강의 노트북 폴더 (기본: notebooks)")
    parser.add_argument("--dst", type=Path, default=Path("student"), help="학생용 노트북 폴더 (기본: student)")
    parser.add_argument("--check", action="store_true", help="쓰지 않고, dst 가 최신인지 검사만 합니다")
    parser.add_argument("--force", action="store_true", help="손으로 고친 파일이 있어도 덮어씁니다")
    parser.add_argument("--manifest", type=Path, default=MANIFEST, help="이 컴퓨터에서 쓴 내용의 해시 (git 무시)")
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
