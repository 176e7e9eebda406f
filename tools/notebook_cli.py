"""노트북 메타데이터 도구 (notebook_nav.py, slide_metadata.py, nbgrader_metadata.py) 의 같은 명령줄.

    python tools/<도구>.py --write|--check[|--show] [노트북 ...]

노트북을 주지 않으면 notebooks/*.ipynb 를 씁니다.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def mode_parser(
    description: str, *, check_help: str, show_help: str | None = None, paths_help: str = "노트북"
) -> argparse.ArgumentParser:
    """paths 와, 셋 중 하나를 꼭 고르는 --write / --check (/ --show) 를 가진 파서."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("paths", nargs="*", type=Path, help=f"{paths_help} (기본: notebooks/*.ipynb)")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="고쳐 씁니다")
    mode.add_argument("--check", action="store_true", help=check_help)
    if show_help is not None:
        mode.add_argument("--show", action="store_true", help=show_help)
    return parser


def course_notebooks(paths: list[Path]) -> list[Path] | None:
    """주어진 노트북, 없으면 notebooks/*.ipynb. 하나도 없으면 그렇게 말하고 None."""
    found = list(paths) or sorted(Path("notebooks").glob("*.ipynb"))
    if not found:
        print("❌ 노트북이 없습니다 (저장소 맨 위 폴더에서 실행했나요?)", file=sys.stderr)
        return None
    return found
