"""노트북 구조에서 슬라이드 메타데이터 (``cell.metadata.slideshow.slide_type``) 를 만듭니다.

JupyterLab 의 RISE (jupyterlab-rise) 와 ``make slides`` (nbconvert 의 reveal.js 슬라이드) 가 이 값을 읽습니다.
규칙 (위에서부터 먼저 맞는 것):

1. 이동 셀 (``tools/notebook_nav.py`` 가 만든 ``course-nav`` 셀) 은 ``skip``: 슬라이드에서는 .ipynb 링크가
   열리지 않습니다.
2. 셀 태그로 직접 정하기: ``slide-skip`` → ``skip``, ``slide-notes`` → ``notes`` (발표자 노트), ``slide-new`` →
   ``slide``, ``slide-sub`` → ``subslide``, ``slide-fragment`` → ``fragment``, ``slide-continue`` → ``-``.
3. ``#`` 또는 ``##`` 제목으로 시작하는 마크다운 셀은 새 슬라이드 (``slide``, 가로로 넘김).
4. ``###`` 이하 제목으로 시작하는 마크다운 셀은 하위 슬라이드 (``subslide``, 세로로 넘김).
5. 나머지 셀은 앞 슬라이드에 이어 붙입니다 (``-``). 다만 이 셀을 붙이면 지금 슬라이드의 높이가
   ``HEIGHT_BUDGET`` 줄을 넘을 때는 새 하위 슬라이드를 엽니다. 그래서 설명 (마크다운), 짧은 코드, 그 출력은
   한 장에 모이고, 긴 코드나 큰 그림은 다음 장으로 넘어가 글자가 작아지거나 잘리지 않습니다. 셀 하나가
   한도보다 크면 그 셀 혼자 한 장을 씁니다.

높이는 nbconvert 의 reveal 슬라이드 (960 x 700 px, 본문 20 px, 코드 19 px) 에서의 줄 수로 어림합니다 (한 장에 약 29줄;
한도는 여유를 둔 26줄):
마크다운은 한 줄을 ``MARKDOWN_COLUMNS`` 칸에서 접고 (한글은 2칸), 코드와 텍스트 출력은 ``CODE_COLUMNS`` 칸,
그림은 슬라이드 너비에 맞춘 높이를 ``LINE_PX`` 로 나눈 값, HTML 표는 행 수입니다.

사용법::

    python tools/slide_metadata.py --write notebooks/*.ipynb     # 메타데이터를 고쳐 씀
    python tools/slide_metadata.py --check notebooks/*.ipynb     # 최신인지 검사만 (CI 용)
    python tools/slide_metadata.py --show notebooks/03_how_it_works.ipynb   # 셀마다 정해진 값과 높이

고쳐 쓴 뒤에는 ``make student`` 로 학생판을 다시 만드세요 (학생판도 같은 메타데이터를 가집니다).
"""

from __future__ import annotations

import base64
import math
import re
import struct
import sys

import nbformat
from notebook_cli import course_notebooks, mode_parser
from notebook_guards import cell_source, display_width

NAV_KEY = "course-nav"
HEIGHT_BUDGET = 26
MARKDOWN_COLUMNS = 90
CODE_COLUMNS = 74
LINE_PX = 28
SLIDE_WIDTH_PX = 900
TAG_TYPES = {
    "slide-skip": "skip",
    "slide-notes": "notes",
    "slide-new": "slide",
    "slide-sub": "subslide",
    "slide-fragment": "fragment",
    "slide-continue": "-",
}


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def wrapped_lines(text: str, columns: int) -> float:
    """text 를 columns 칸에서 접었을 때의 줄 수 (빈 줄은 반 줄)."""
    lines = text.rstrip("\n").split("\n") if text else []
    return sum(math.ceil(display_width(line) / columns) if line.strip() else 0.5 for line in lines)


def png_size(data: str) -> tuple[int, int] | None:
    """base64 PNG 의 (너비, 높이) px. PNG 가 아니면 None."""
    try:
        head = base64.b64decode(data[:64])
    except ValueError:
        return None
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def output_height(output: dict) -> float:
    """출력 하나의 높이 (줄)."""
    if output.get("output_type") == "stream":
        return wrapped_lines(_text(output.get("text", "")), CODE_COLUMNS)
    if output.get("output_type") == "error":
        return wrapped_lines("\n".join(output.get("traceback", [])), CODE_COLUMNS)
    data = output.get("data", {})
    if "image/png" in data:
        size = png_size(_text(data["image/png"]))
        if size:
            width, height = size
            return height * min(1.0, SLIDE_WIDTH_PX / width) / LINE_PX
        return 12
    if "text/html" in data:
        html = _text(data["text/html"])
        rows = len(re.findall(r"<tr\b", html, flags=re.I))
        return rows + 1 if rows else wrapped_lines(re.sub(r"<[^>]+>", "", html), MARKDOWN_COLUMNS)
    if "text/markdown" in data:
        return wrapped_lines(_text(data["text/markdown"]), MARKDOWN_COLUMNS)
    if "text/plain" in data:
        return wrapped_lines(_text(data["text/plain"]), CODE_COLUMNS)
    return 0


def cell_height(cell: dict) -> float:
    """셀 하나가 슬라이드에서 차지하는 높이 (줄): 입력과 출력."""
    source = cell_source(cell)
    if cell.get("cell_type") == "markdown":
        headings = len(re.findall(r"^ {0,3}#{1,6} ", source, flags=re.M))
        return wrapped_lines(source, MARKDOWN_COLUMNS) + headings  # 제목은 글자가 커서 한 줄 더
    height = wrapped_lines(source, CODE_COLUMNS) + 1  # 입력 칸의 여백
    return height + sum(output_height(o) for o in cell.get("outputs", []))


def heading_level(cell: dict) -> int:
    """마크다운 셀이 ``#`` 제목으로 시작하면 그 수준 (1-6), 아니면 0."""
    if cell.get("cell_type") != "markdown":
        return 0
    match = re.match(r"^ {0,3}(#{1,6})\s", cell_source(cell).lstrip("\n"))
    return len(match.group(1)) if match else 0


def slide_types(nb: dict) -> list[str]:
    """셀마다의 slide_type (규칙은 모듈 설명)."""
    types: list[str] = []
    height = 0.0
    for cell in nb.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        forced = [TAG_TYPES[t] for t in tags if t in TAG_TYPES]
        level = heading_level(cell)
        size = cell_height(cell)
        if NAV_KEY in cell.get("metadata", {}):
            kind = "skip"
        elif forced:
            kind = forced[-1]
        elif level in (1, 2):
            kind = "slide"
        elif level >= 3:
            kind = "subslide"
        elif types and height > 0 and height + size > HEIGHT_BUDGET:
            kind = "subslide"
        else:
            kind = "-"
        if kind in ("slide", "subslide"):
            height = size
        elif kind in ("-", "fragment"):
            height += size
        types.append(kind)
    return types


def with_slide_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """slide_type 을 써 넣은 노트북 (입력은 바꾸지 않음)."""
    nb = nbformat.from_dict(nb)
    for cell, kind in zip(nb.cells, slide_types(nb), strict=True):
        cell.metadata["slideshow"] = {"slide_type": kind}
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = mode_parser(
        "노트북 구조에서 슬라이드 메타데이터를 만듭니다.",
        check_help="최신인지 검사만 합니다 (다르면 종료 코드 1)",
        show_help="셀마다 정해진 slide_type 과 어림한 높이를 보여 줍니다",
    )
    args = parser.parse_args(argv)
    paths = course_notebooks(args.paths)
    if paths is None:
        return 2
    stale = []
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=4)
        except (OSError, ValueError) as error:
            print(f"❌ {path}: 노트북으로 읽을 수 없습니다 ({error})", file=sys.stderr)
            return 2
        if args.show:
            for index, (cell, kind) in enumerate(zip(nb.cells, slide_types(nb), strict=True)):
                first = cell_source(cell).strip().split("\n", 1)[0][:50]
                print(f"{path.name} 셀 {index:3d} {kind:9s} {cell_height(cell):5.1f}줄  {first}")
            continue
        text = render(with_slide_metadata(nb))
        if path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if args.write:
                path.write_text(text, encoding="utf-8")
                print(f"✏️  {path}")
    if args.check and stale:
        for path in stale:
            print(f"❌ 슬라이드 메타데이터가 최신이 아닙니다: {path}", file=sys.stderr)
        print("   `python tools/slide_metadata.py --write` 뒤 `make student` 를 실행하세요.", file=sys.stderr)
        return 1
    if args.check:
        print(f"✅ 슬라이드 메타데이터가 최신입니다 (노트북 {len(paths)}개).")
    elif args.write:
        print(f"✅ 노트북 {len(paths)}개 중 {len(stale)}개를 새로 썼습니다.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
