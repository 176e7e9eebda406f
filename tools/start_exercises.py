"""학생용 노트북(student/)을 내 작업 폴더(my-work/)로 복사합니다. 이미 있는 파일은 절대 덮어쓰지 않습니다.

my-work/ 는 git 이 무시하는 폴더이므로, 강의 업데이트를 받아도(make update) 학생이 푼 내용이 지워지지 않습니다.

- 없는 노트북만 복사합니다 (새 노트북이 추가되었거나, 학생이 처음부터 다시 하려고 지운 경우).
- 복사할 때 어느 버전(학생판 내용의 sha256)에서 복사했는지 ``my-work/.sources.json`` 에 적어 둡니다.
  강의가 그 노트북을 바꾸면 그렇다고 알리고, 새 버전을 학생의 파일 옆에 ``01_concept.새버전.ipynb`` 처럼
  복사합니다 (원래 이름 바로 뒤에 정렬됨). 학생의 파일은 건드리지 않고, 새 버전 하나마다 한 번만 복사합니다.
- 복사한 뒤 student/ 의 노트북은 읽기 전용으로 둡니다 (실수로 고치지 않게; 작업은 my-work/ 에서).

사용법::

    python tools/start_exercises.py                   # student/ -> my-work/
    python tools/start_exercises.py --src student --dst "내 작업"
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from course_files import atomic_write, file_digest, load_record, lock_read_only, text_digest

SOURCES = ".sources.json"
NEW_VERSION = "새버전"


@dataclass
class Outcome:
    """start() 의 결과: dst 안의 경로들."""

    copied: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    newer: list[tuple[Path, Path]] = field(default_factory=list)  # (학생의 파일, 새로 복사한 새 버전)
    offered_before: list[tuple[Path, Path]] = field(default_factory=list)  # 전에 이미 복사해 준 새 버전
    unknown_origin: list[Path] = field(default_factory=list)  # newer 중 복사 기록이 없던 파일
    edited_source: list[Path] = field(default_factory=list)  # 강의 버전과 달라진(고쳐진) student/ 파일


def load_sources(dst: Path) -> dict[str, dict]:
    """복사 기록: 노트북 이름 -> {"base": 복사해 간 버전, "offered": 새 버전, "offered_as": 새 버전 파일 이름}."""
    try:
        data = json.loads((dst / SOURCES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {name: entry for name, entry in data.items() if isinstance(entry, dict)}


def save_sources(dst: Path, sources: dict[str, dict]) -> None:
    text = json.dumps(sources, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    atomic_write(dst / SOURCES, text.encode("utf-8"))


def create_new(path: Path, data: bytes) -> bool:
    """path 가 없을 때만 만들어 data 를 씁니다 (덮어쓰기 불가). 만들었으면 True."""
    try:
        handle = path.open("xb")  # "x": 파일이 이미 있으면 실패
    except FileExistsError:
        return False
    try:
        with handle:
            handle.write(data)
    except BaseException:
        path.unlink(missing_ok=True)  # 반쯤 쓴 파일을 학생의 파일로 착각하지 않게
        raise
    return True


def new_version_path(target: Path, data: bytes) -> Path:
    """새 버전을 둘 곳: ``01_concept.새버전.ipynb``, 이미 있으면 ``01_concept.새버전2.ipynb``, ... (만들어서 돌려줌)."""
    number = 1
    while True:
        suffix = NEW_VERSION if number == 1 else f"{NEW_VERSION}{number}"
        candidate = target.with_name(f"{target.stem}.{suffix}{target.suffix}")
        if create_new(candidate, data):
            return candidate
        number += 1


def place(source: Path, dst: Path, course: str, sources: dict[str, dict], outcome: Outcome) -> None:
    """학생판 노트북 하나를 dst 에 (없으면 복사, 강의가 바뀌었으면 새 버전을 옆에). sources 와 outcome 을 갱신합니다.

    Parameters
    ----------
    source : student/ 의 노트북
    dst : 내 작업 폴더
    course : 강의의 이 노트북 버전 (make_student 가 쓴 내용의 sha256; student/ 파일이 고쳐져 있어도 강의 버전)
    """
    data = source.read_bytes()
    target = dst / source.name
    entry = sources.get(source.name)
    if create_new(target, data):
        outcome.copied.append(target)
        sources[source.name] = {"base": course}
    elif file_digest(target) == course:
        outcome.kept.append(target)  # 지금 버전 그대로 (또는 학생이 새 버전으로 바꿔 놓음)
        sources[source.name] = {"base": course}
    elif entry is not None and entry.get("base") == course:
        outcome.kept.append(target)  # 지금 버전에서 복사해 가서 푸는 중
    elif entry is not None and entry.get("offered") == course:
        outcome.offered_before.append((target, dst / str(entry.get("offered_as"))))
    elif text_digest(data) != course:
        outcome.kept.append(target)  # student/ 파일이 고쳐져 있어서 강의의 새 버전을 줄 수 없음
        outcome.edited_source.append(source)
    else:
        offered = new_version_path(target, data)
        outcome.newer.append((target, offered))
        if entry is None:
            outcome.unknown_origin.append(target)
        sources[source.name] = {"base": (entry or {}).get("base"), "offered": course, "offered_as": offered.name}


def start(src: Path, dst: Path) -> Outcome:
    """src 의 노트북을 dst 로: 없는 것은 복사하고, 바뀐 것은 새 버전을 옆에 둡니다. 이미 있는 파일은 그대로."""
    dst.mkdir(parents=True, exist_ok=True)
    sources = load_sources(dst)
    record = load_record(src)
    outcome = Outcome()
    notebooks = sorted(src.glob("*.ipynb"))
    for source in notebooks:
        course = record.get(source.name) or text_digest(source.read_bytes())
        place(source, dst, course, sources, outcome)
    save_sources(dst, sources)
    lock_read_only(notebooks)
    return outcome


def report(outcome: Outcome, dst: Path) -> None:
    """결과를 한국어로 (stdout)."""
    for path in outcome.copied:
        print(f"📋 복사했습니다: {path}")
    for path in outcome.kept:
        print(f"🔒 그대로 두었습니다: {path} (이미 있어서, 작업한 내용을 지키려고 덮어쓰지 않았습니다)")
    for path, offered in outcome.offered_before:
        print(f"🔒 그대로 두었습니다: {path} (강의의 새 버전은 전에 {offered.name} 으로 복사해 두었습니다)")
    for path, offered in outcome.newer:
        why = (
            "언제 복사했는지 기록이 없지만 강의의 지금 버전과 다릅니다"
            if path in outcome.unknown_origin
            else "예전 버전에서 복사한 것입니다"
        )
        print(f"🆕 강의의 새 버전이 있습니다: {path} 은(는) {why}.")
        print(f"   새 버전을 옆에 복사했습니다: {offered} (여러분의 파일은 그대로 두었습니다).")
    for source in outcome.edited_source:
        print(f"⚠️  {source} 이(가) 강의 버전과 다릅니다 (고쳐져 있음). 새 버전인지 알 수 없어 복사하지 않았습니다.")
        print("   make update 를 실행하면 그 파일을 backups/ 에 보관하고 강의 버전으로 되돌립니다.")
    counts = f"새로 복사 {len(outcome.copied)}개, 그대로 둠 {len(outcome.kept) + len(outcome.offered_before)}개"
    print(f"✅ {dst}/ 에서 연습문제를 푸세요. {counts}, 새 버전 {len(outcome.newer)}개.")
    if outcome.newer:
        print("   두 파일을 나란히 열어 바뀐 부분(새 설명, 고친 문제)을 보고, 필요한 것을 옮겨 적으세요.")
    if outcome.kept or outcome.offered_before:
        print(f"   처음부터 다시 풀고 싶은 노트북은 {dst}/ 에서 지우거나 이름을 바꾼 뒤 다시 실행하세요.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="학생용 노트북을 내 작업 폴더로 복사합니다 (덮어쓰지 않음).")
    parser.add_argument("--src", type=Path, default=Path("student"), help="학생용 노트북 폴더 (기본: student)")
    parser.add_argument("--dst", type=Path, default=Path("my-work"), help="내 작업 폴더 (기본: my-work)")
    args = parser.parse_args(argv)

    if not any(args.src.glob("*.ipynb")):
        print(f"❌ {args.src}/ 에 노트북이 없습니다. 저장소 맨 위 폴더에서 실행했는지 확인하세요.", file=sys.stderr)
        return 1
    if args.dst.exists() and not args.dst.is_dir():
        print(f"❌ --dst {args.dst} 은(는) 폴더가 아니라 파일입니다. 작업 폴더 이름을 다르게 주세요.", file=sys.stderr)
        return 1
    try:
        outcome = start(args.src, args.dst)
    except OSError as error:
        print(f"❌ {args.dst}/ 에 복사하지 못했습니다: {error}. 이미 있던 파일은 바꾸지 않았습니다.", file=sys.stderr)
        return 1
    report(outcome, args.dst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
