"""학생용 노트북(student/)을 내 작업 폴더(my-work/)로 복사합니다. 이미 있는 파일은 절대 덮어쓰지 않습니다.

my-work/ 는 git 이 무시하는 폴더이므로, 저장소를 새로 받아도(git pull) 학생이 푼 내용이 지워지지 않습니다.
새 노트북이 추가되었을 때 다시 실행하면, 없는 노트북만 복사합니다.

사용법::

    python tools/start_exercises.py                   # student/ -> my-work/
    python tools/start_exercises.py --src student --dst 다른폴더
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def start(src: Path, dst: Path) -> tuple[list[Path], list[Path]]:
    """src 의 노트북 중 dst 에 없는 것만 복사합니다.

    Returns
    -------
    copied : 새로 복사한 dst 안의 경로들
    kept : 이미 있어서 그대로 둔 dst 안의 경로들
    """
    dst.mkdir(parents=True, exist_ok=True)
    copied, kept = [], []
    for source in sorted(src.glob("*.ipynb")):
        target = dst / source.name
        try:
            with target.open("xb") as handle:  # "x": 파일이 이미 있으면 실패 (덮어쓰기 불가)
                handle.write(source.read_bytes())
        except FileExistsError:
            kept.append(target)
        else:
            copied.append(target)
    return copied, kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="학생용 노트북을 내 작업 폴더로 복사합니다 (덮어쓰지 않음).")
    parser.add_argument("--src", type=Path, default=Path("student"), help="학생용 노트북 폴더 (기본: student)")
    parser.add_argument("--dst", type=Path, default=Path("my-work"), help="내 작업 폴더 (기본: my-work)")
    args = parser.parse_args(argv)

    if not any(args.src.glob("*.ipynb")):
        print(f"❌ {args.src}/ 에 노트북이 없습니다. 저장소 맨 위 폴더에서 실행했는지 확인하세요.", file=sys.stderr)
        return 1
    copied, kept = start(args.src, args.dst)
    for path in copied:
        print(f"📋 복사했습니다: {path}")
    for path in kept:
        print(f"🔒 그대로 두었습니다: {path} (이미 있어서, 작업한 내용을 지키려고 덮어쓰지 않았습니다)")
    print(f"✅ {args.dst}/ 에서 연습문제를 푸세요. 새로 복사 {len(copied)}개, 그대로 둠 {len(kept)}개.")
    if kept:
        print(f"   처음부터 다시 풀고 싶은 노트북은 {args.dst}/ 에서 지우거나 이름을 바꾼 뒤 다시 실행하세요.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
