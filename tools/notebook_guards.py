"""노트북 검사: nbval 이 놓치는 것과, JupyterLab 에서 학생에게 잘못 보이는 것을 잡습니다.

규칙 (``--rules`` 로 고릅니다, ``--list-rules`` 로 목록):

``hygiene``
    저장된 강의 노트북의 위생: 새 커널 하나에서 위에서 아래로 실행됨 (코드 셀 실행 번호 1..N),
    오류·stderr 출력 없음, 메모리 주소가 찍힌 repr (``<... at 0x7f...>``) 없음, SVG 출력 없음 (날짜가 들어가
    비교가 깨짐), 기계 고유 경로 없음, kernelspec 이름 ``python3``, papermill·실행 시각 메타데이터 없음,
    ``parameters`` 태그가 붙은 셀이 있음. 출력이 있어야 하므로 강사용 노트북에만 씁니다.
``strikethrough``
    마크다운 셀에서 뜻하지 않은 취소선. JupyterLab 의 마크다운 (marked + GFM) 은 한 문단 안의 ``~`` 두 개를
    짝지어 그 사이를 지웁니다 ("5~20 … 15~20" 이면 그 사이 문장 전체에 줄이 그어짐). JupyterLab 4.6 이 쓰는
    marked 의 규칙 (``_DEL_RE``) 과 블록·인라인 읽는 순서를 옮겼고, 43가지 경우를 실제 JupyterLab 4.6.6 화면
    (Chromium) 과 맞춰 보았습니다 (tests/test_notebook_hygiene.py 의 ``TILDE_CASES``).
    수식 (``$...$``, ``$$...$$``; JupyterLab 이 마크다운보다 먼저 떼어 냄), 코드 (``` `...` ```, 펜스·들여쓰기
    코드 블록), ``\\~`` 는 예외이고, 문단·목록 항목·제목·표 칸의 경계를 넘어 짝짓지 않습니다. 범위는 5-20 처럼
    쓰세요.
``heading-math``
    제목 (``#`` 줄, ``===``/``---`` 밑줄 제목) 에 ``$`` 수식. JupyterLab 의 목차(TOC)에는 TeX 원문이 그대로 보입니다.
``nbval-comment``
    코드 셀의 ``# NBVAL_...`` 주석 (학생이 읽는 셀에 보임). nbval 0.11 은 같은 뜻의 셀 태그를 읽으므로
    (``nbval-ignore-output``, ``nbval-check-output``, ``nbval-skip``, ``raises-exception``; tests/test_nbval_guard.py
    가 확인) ``--fix`` 가 주석을 지우고 태그를 붙입니다. 예외를 내는 셀은 nbclient (``make refresh``) 도 읽는
    ``raises-exception`` 태그를 씁니다.
``code-width``
    JupyterLab 창 너비 1400 px 에서 옆으로 스크롤되는 코드 줄. 잰 값: JupyterLab 4.6.6, 기본 글꼴 13 px
    (Linux 에서 DejaVu Sans Mono, 한 글자 7.8 px), 왼쪽 파일 브라우저를 연 기본 배치에서 코드 칸 951 px,
    ASCII 120 글자까지 들어가고 122 글자부터 스크롤됨; 한글 한 글자는 12.2 px (ASCII 의 1.57 배).
    한글 등 넓은 글자를 2 칸으로 세고, 한도는 여유를 둔 ``CODE_WIDTH_LIMIT`` = 100 칸입니다 (남는 20 칸 ≈ 156 px
    은 줄 번호 표시, 세로 스크롤바, 조금 넓힌 사이드바, 다른 운영체제의 글꼴 몫).
``text-table``
    공백으로 열을 맞춘 출력 표에 한글이 섞여 열이 어긋남. 한글은 고정폭 글꼴에서 정확히 두 칸이 아니므로
    (JupyterLab 에서 1.57 칸) 한 줄과 다음 줄의 같은 열 앞에 든 한글 수가 다르면 열이 틀어집니다.
    HTML 이나 마크다운 표로 보여 주세요 (텍스트와 함께 ``text/html`` 이 있는 출력은 검사하지 않음).
``unicode-minus``
    코드 셀의 U+2212 (−). matplotlib 의 한글 글꼴에 이 글자가 없어 그림에 네모가 그려집니다. ASCII ``-`` 를 쓰세요.
``broken-link``
    마크다운의 상대 링크·그림이 가리키는 파일이 없음 (노트북 파일이 있는 폴더 기준). ``my-work/`` 안의 파일은
    ``make lab`` 이 ``student/`` 에서 복사해 만드므로 ``student/`` 의 같은 파일이 있으면 됩니다.
``empty-cell``
    내용이 빈 셀.

사용법::

    python tools/notebook_guards.py notebooks/*.ipynb                 # 기본 규칙 (DEFAULT_RULES)
    python tools/notebook_guards.py --rules all notebooks/*.ipynb     # 모든 규칙
    python tools/notebook_guards.py --rules strikethrough,heading-math student/*.ipynb
    python tools/notebook_guards.py --fix notebooks/*.ipynb           # nbval-comment 를 태그로 바꿈
    python tools/notebook_guards.py --rules source START.md           # 마크다운 파일도 검사 (셀 하나로 봄)

문제가 있으면 ``경로: 셀 N [규칙]: 설명`` 을 출력하고 종료 코드 1. ``셀 N`` 은 0부터 센 셀 위치입니다.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

ADDRESS_RE = re.compile(r"\bat 0x[0-9a-fA-F]{6,}")
CODE_WIDTH_LIMIT = 100


@dataclass(frozen=True)
class Finding:
    """규칙 하나가 찾은 문제 하나. cell 은 0부터 센 셀 위치 (노트북 전체에 관한 것이면 None)."""

    rule: str
    cell: int | None
    message: str

    def format(self, name: str) -> str:
        where = f"셀 {self.cell} " if self.cell is not None else ""
        return f"{name}: {where}[{self.rule}]: {self.message}"


def cell_source(cell: dict) -> str:
    """셀 원문 (nbformat 파일에서는 줄 목록일 수도 있음) 을 문자열로."""
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


# ---------------------------------------------------------------- hygiene


def machine_roots(repo_root: Path | None = None) -> list[str]:
    """출력에 나타나면 안 되는 이 기계의 경로들."""
    roots = {str(Path.home()), tempfile.gettempdir(), "/tmp"}
    if repo_root is not None:
        roots.add(str(Path(repo_root).resolve()))
        roots.add(str(Path(repo_root).resolve().parent))
    return sorted(r for r in roots if len(r) > 1)


def _output_text(output: dict) -> str:
    return json.dumps(output, ensure_ascii=False)


def hygiene_problems(nb: dict, roots: list[str] | None = None) -> list[str]:
    """노트북 JSON(dict) 의 위생 문제 목록. 빈 목록이면 통과."""
    return [f"셀 {f.cell}: {f.message}" if f.cell is not None else f.message for f in hygiene_findings(nb, roots)]


def hygiene_findings(nb: dict, roots: list[str] | None = None) -> list[Finding]:
    """``hygiene`` 규칙."""
    roots = machine_roots() if roots is None else roots
    found: list[Finding] = []

    def add(cell: int | None, message: str) -> None:
        found.append(Finding("hygiene", cell, message))

    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != "python3":
        add(None, f"kernelspec 이름이 'python3' 가 아닙니다: {kernel!r}")
    if "papermill" in nb.get("metadata", {}):
        add(None, "노트북 메타데이터에 papermill 정보가 있습니다 (build/ 의 실행 결과를 커밋했나요?)")

    code_cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    counts = [c.get("execution_count") for c in code_cells]
    if counts != list(range(1, len(code_cells) + 1)):
        add(None, f"새 커널에서 위에서 아래로 실행되지 않았습니다: 실행 번호 {counts[:12]}")
    if not any("parameters" in c.get("metadata", {}).get("tags", []) for c in code_cells):
        add(None, "`parameters` 태그가 붙은 코드 셀이 없습니다")

    for i, cell in enumerate(nb.get("cells", [])):
        meta = cell.get("metadata", {})
        if "papermill" in meta or "execution" in meta:
            add(i, "실행 시각/papermill 메타데이터가 남아 있습니다")
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                add(i, f"오류 출력 ({out.get('ename')})")
            if kind == "stream" and out.get("name") == "stderr":
                add(i, f"stderr 출력 (경고?): {''.join(out.get('text', ''))[:80]!r}")
            data = out.get("data", {})
            if "image/svg+xml" in data:
                add(i, "SVG 출력 (PNG 를 쓰세요)")
            plain = "".join(data.get("text/plain", "")) + "".join(out.get("text", ""))
            match = ADDRESS_RE.search(plain)
            if match:
                add(i, f"메모리 주소가 찍힌 객체 repr: {match.group(0)}")
            text = _output_text(out)
            if "site-packages" in text or any(r + "/" in text for r in roots):
                add(i, "출력에 이 기계의 경로가 있습니다 (상대 경로만 출력하세요)")
    return found


# ---------------------------------------------------------------- markdown model (JupyterLab: removeMath + marked GFM)

# JupyterLab (@jupyterlab/rendermime latex.ts) 의 MATHSPLIT
_MATHSPLIT = re.compile(
    r"(\$\$?|\\(?:begin|end)\{[a-z]*\*?\}|\\[{}$]|[{}]|(?:\n\s*)+|@@\d+@@|\\\\(?:\(|\)|\[|\]))", re.I
)


def remove_math(text: str) -> str:
    """JupyterLab 이 마크다운을 넘기기 전에 수식을 ``@@N@@`` 으로 바꾸는 일 (removeMath 를 옮김).

    코드 스팬과 펜스 코드 안의 ``$`` 는 수식으로 보지 않습니다. 수식은 빈 줄을 넘지 않습니다.
    """
    has_code = "`" in text or "~~~" in text
    if has_code:
        text = text.replace("~", "~T")
        text = re.sub(
            r"^(?P<fence>`{3,}|(?:~T){3,})[^`\n]*\n([\s\S]*?)^(?P=fence)`*$",
            lambda m: m.group(0).replace("$", "~D"),
            text,
            flags=re.M,
        )
        text = re.sub(r"(^|[^\\])(`+)([^\n]*?[^`\n])\2(?!`)", lambda m: m.group(0).replace("$", "~D"), text, flags=re.M)

    def detilde(s: str) -> str:
        return re.sub(r"~([TD])", lambda m: "~" if m.group(1) == "T" else "$", s) if has_code else s

    blocks = _MATHSPLIT.split(text)
    math_count = 0
    start: int | None = None
    end: str | None = None
    last: int | None = None
    braces = 0

    def process(i: int, j: int) -> None:
        nonlocal math_count
        blocks[i] = f"@@{math_count}@@"
        math_count += 1
        for k in range(i + 1, j + 1):
            blocks[k] = ""

    i = 1
    while i < len(blocks):
        block = blocks[i]
        if block.startswith("@"):
            blocks[i] = f"@@{math_count}@@"
            math_count += 1
        elif start is not None:
            if block == end:
                if braces:
                    last = i
                else:
                    process(start, i)
                    start = end = last = None
            elif re.search(r"\n.*\n", block):
                if last is not None:
                    i = last
                    process(start, i)
                start = end = last = None
                braces = 0
            elif block == "{":
                braces += 1
            elif block == "}" and braces:
                braces -= 1
        elif block in ("$", "$$"):
            start, end, braces = i, block, 0
        elif block in ("\\\\(", "\\\\["):
            start, end, braces = i, "\\\\)" if block.endswith("(") else "\\\\]", 0
        elif block.startswith("\\begin"):
            start, end, braces = i, "\\end" + block[6:], 0
        i += 2
    if start is not None and last is not None:
        process(start, last)
    return detilde("".join(blocks))


_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HR_RE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_RE = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)")
_QUOTE_RE = re.compile(r"^ {0,3}> ?")
_TABLE_DELIM_RE = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_HTML_BLOCK_RE = re.compile(
    r"^ {0,3}</?(address|article|aside|blockquote|details|div|dl|figure|footer|form|h[1-6]|header|hr|li|main|nav|"
    r"ol|p|pre|section|summary|table|tbody|td|th|thead|tr|ul|style|script)\b",
    re.I,
)


@dataclass(frozen=True)
class InlineBlock:
    """인라인 마크다운이 해석되는 단위 하나 (문단, 목록 항목, 제목, 표 칸)."""

    kind: str  # "paragraph", "heading", "table-cell"
    text: str


def _split_cells(row: str) -> list[str]:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return re.split(r"(?<!\\)\|", row)


def inline_blocks(text: str) -> list[InlineBlock]:
    """마크다운 원문을 marked 처럼 블록으로 나눠, 인라인 해석 단위들을 돌려줍니다 (코드 블록은 뺌)."""
    lines = text.split("\n")
    out: list[InlineBlock] = []
    para: list[str] = []
    in_list = False

    def flush() -> None:
        if para:
            out.append(InlineBlock("paragraph", "\n".join(para)))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE_RE.match(line)
        if fence:
            flush()
            mark = fence.group(1)
            i += 1
            while i < len(lines) and not re.match(r"^ {0,3}" + re.escape(mark[0]) + "{" + str(len(mark)) + r",}[ \t]*$",
                                                  lines[i]):
                i += 1
            i += 1
            continue
        if not line.strip():
            flush()
            i += 1
            continue
        if _QUOTE_RE.match(line):
            flush()
            quoted: list[str] = []
            while i < len(lines) and lines[i].strip():
                match = _QUOTE_RE.match(lines[i])
                quoted.append(lines[i][match.end():] if match else lines[i])  # 게으른 이어짐
                i += 1
            out.extend(inline_blocks("\n".join(quoted)))
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent >= 4 and not para and not in_list:  # 들여쓰기 코드 블록
            i += 1
            continue
        if _HTML_BLOCK_RE.match(line) and not para:
            while i < len(lines) and lines[i].strip():
                i += 1
            continue
        atx = _ATX_RE.match(line)
        if atx:
            flush()
            out.append(InlineBlock("heading", re.sub(r"[ \t]+#+[ \t]*$", "", atx.group(2)).strip()))
            i += 1
            continue
        if para and _SETEXT_RE.match(line) and not in_list:
            out.append(InlineBlock("heading", "\n".join(para)))
            para.clear()
            i += 1
            continue
        if _HR_RE.match(line):
            flush()
            i += 1
            continue
        if "|" in line and i + 1 < len(lines) and _TABLE_DELIM_RE.match(lines[i + 1]) and "-" in lines[i + 1]:
            flush()
            out.extend(InlineBlock("table-cell", c) for c in _split_cells(line))
            i += 2
            while i < len(lines) and lines[i].strip() and "|" in lines[i]:
                out.extend(InlineBlock("table-cell", c) for c in _split_cells(lines[i]))
                i += 1
            continue
        item = _LIST_RE.match(line)
        if item:
            flush()
            in_list = True
            para.append(line[item.end():])
            i += 1
            continue
        para.append(line.strip() if in_list else line)
        i += 1
    flush()
    return out


# marked (JupyterLab 4.6.6 번들) 의 GFM 취소선 규칙
_DEL_RE = re.compile(r"(~~?)(?=[^\s~])((?:\\[\s\S]|[^\\])*?(?:\\[\s\S]|[^\s~\\]))\1(?=[^~]|\Z)")
_CODESPAN_RE = re.compile(r"(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)")
_ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


_LINK_TEXT_RE = re.compile(r"!?\[((?:\\.|[^\\\]])*)\]\([^)]*\)")


def _emphasis_end(text: str, i: int) -> tuple[int, int] | None:
    """``text[i]`` 의 ``*``/``_`` 묶음이 여는 강조의 (안쪽 끝, 닫는 표식 끝). 강조가 아니면 None."""
    run = re.match(r"\*+|_+", text[i:]).group(0)
    n = min(len(run), 3)
    after = text[i + len(run): i + len(run) + 1]
    if not after or after.isspace():
        return None
    if run[0] == "_" and i > 0 and text[i - 1].isalnum():
        return None
    closing = re.compile(r"(?<=[^\s\\])" + re.escape(run[0] * n) + (r"(?![_\w])" if run[0] == "_" else ""))
    match = closing.search(text, i + len(run) + 1)
    return (match.start(), match.end()) if match else None


def _struck_in(text: str) -> list[str]:
    """인라인 단위 하나에서 marked 가 취소선으로 그릴 부분들.

    marked 처럼 왼쪽에서 오른쪽으로 읽습니다: 이스케이프, 코드 스팬, 링크 글자, 강조 (``*``, ``_``) 는 먼저
    만난 쪽이 한 덩어리가 되어, 그 경계를 넘어 ``~`` 가 짝지어지지 않습니다.
    """
    text = re.sub(r"<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>", "<>", text)  # 자동 링크
    struck: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            i += 2
        elif ch == "`":
            code = _CODESPAN_RE.match(text, i)
            i = code.end() if code else i + len(re.match(r"`+", text[i:]).group(0))
        elif ch in "[!" and (link := _LINK_TEXT_RE.match(text, i)):
            struck.extend(_struck_in(link.group(1)))
            i = link.end()
        elif ch in "*_" and (emphasis := _emphasis_end(text, i)):
            opening = len(re.match(r"\*+|_+", text[i:]).group(0))
            struck.extend(_struck_in(text[i + opening: emphasis[0]]))
            i = emphasis[1]
        elif ch == "~":
            match = _DEL_RE.match(text, i)
            if match:
                struck.append(match.group(2))
                i = match.end()
            else:
                i += len(re.match(r"~+", text[i:]).group(0))
        else:
            i += 1
    return struck


def strikethroughs(markdown: str) -> list[str]:
    """마크다운 셀 원문을 JupyterLab 이 그릴 때 취소선이 그어지는 글들 (없으면 빈 목록)."""
    return [s for block in inline_blocks(remove_math(markdown)) for s in _struck_in(block.text)]


def strikethrough_findings(nb: dict, **_: object) -> list[Finding]:
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "markdown":
            continue
        for struck in strikethroughs(cell_source(cell)):
            snippet = struck.replace("\n", " ")
            snippet = snippet if len(snippet) <= 60 else snippet[:57] + "..."
            message = f"취소선으로 그려집니다: ~{snippet}~ (범위는 5-20 처럼, 또는 \\~)"
            found.append(Finding("strikethrough", i, message))
    return found


def heading_math_findings(nb: dict, **_: object) -> list[Finding]:
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "markdown":
            continue
        for block in inline_blocks(cell_source(cell)):
            if block.kind == "heading" and re.search(r"(?<!\\)\$", block.text):
                message = f"제목에 $ 수식이 있습니다 (목차에 TeX 가 그대로 보임): {block.text[:60]!r}"
                found.append(Finding("heading-math", i, message))
    return found


# ---------------------------------------------------------------- code cells

NBVAL_TAGS = {
    "NBVAL_IGNORE_OUTPUT": "nbval-ignore-output",
    "NBVAL_CHECK_OUTPUT": "nbval-check-output",
    "NBVAL_SKIP": "nbval-skip",
    "NBVAL_RAISES_EXCEPTION": "raises-exception",
    "PYTEST_VALIDATE_IGNORE_OUTPUT": "nbval-ignore-output",
}
_NBVAL_LINE_RE = re.compile(r"^\s*#.*\b(NBVAL_[A-Z_]+|PYTEST_VALIDATE_[A-Z_]+)")


def nbval_comment_findings(nb: dict, **_: object) -> list[Finding]:
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        for line in cell_source(cell).split("\n"):
            match = _NBVAL_LINE_RE.match(line)
            if match:
                tag = _marker_tag(line)
                how = f"셀 태그 '{tag}' 로 바꾸세요 (--fix)" if tag else "셀 태그로 바꾸세요"
                found.append(Finding("nbval-comment", i, f"학생에게 보이는 주석 {line.strip()!r}: {how}"))
    return found


def _marker_tag(line: str) -> str | None:
    """``# NBVAL_IGNORE_OUTPUT`` 처럼 nbval 이 표식으로 읽는 주석 줄이면 같은 뜻의 셀 태그, 아니면 None."""
    stripped = line.strip()
    return NBVAL_TAGS.get(stripped.lstrip("#").strip()) if stripped.startswith("#") else None


def fix_nbval_comments(nb: dict) -> int:
    """정확한 nbval 표식 주석 줄을 지우고 같은 뜻의 셀 태그를 붙입니다. 바꾼 셀 수를 돌려줍니다."""
    changed = 0
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        lines = cell_source(cell).split("\n")
        tags = [tag for line in lines if (tag := _marker_tag(line))]
        if not tags:
            continue
        kept = [line for line in lines if _marker_tag(line) is None]
        while kept and not kept[0].strip():
            kept.pop(0)
        cell["source"] = "\n".join(kept)
        meta = cell.setdefault("metadata", {})
        existing = list(meta.get("tags", []))
        meta["tags"] = existing + [t for t in dict.fromkeys(tags) if t not in existing]
        changed += 1
    return changed


def display_width(text: str) -> int:
    """고정폭 화면에서의 칸 수 추정: 한글 등 넓은 글자 (East Asian Wide/Fullwidth) 는 2칸."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def code_width_findings(nb: dict, limit: int = CODE_WIDTH_LIMIT, **_: object) -> list[Finding]:
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        for number, line in enumerate(cell_source(cell).split("\n"), start=1):
            width = display_width(line)
            if width > limit:
                message = f"{number}번째 줄이 {width}칸 (한도 {limit}칸): {line.strip()[:40]!r}"
                found.append(Finding("code-width", i, message))
    return found


def unicode_minus_findings(nb: dict, **_: object) -> list[Finding]:
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") == "code" and "\u2212" in cell_source(cell):
            message = "U+2212 (−) 가 있습니다: 그림의 한글 글꼴에 없어 네모로 보입니다. ASCII - 를 쓰세요"
            found.append(Finding("unicode-minus", i, message))
    return found


def empty_cell_findings(nb: dict, **_: object) -> list[Finding]:
    return [Finding("empty-cell", i, f"빈 {cell.get('cell_type')} 셀")
            for i, cell in enumerate(nb.get("cells", [])) if not cell_source(cell).strip()]


# ---------------------------------------------------------------- outputs: padded text tables



def _anchors(line: str) -> dict[tuple[str, str, int], tuple[int, int, str]]:
    """한 줄의 열 기준점 -> (그 앞의 넓은 글자 수, 토큰 번호, 토큰).

    기준점은 두 칸 이상의 공백 (또는 줄 첫머리 공백) 뒤에 오는 토큰의 시작과 끝이며, 글자 위치와 화면 칸
    (넓은 글자 2칸) 두 가지로 셉니다. 고정폭 표는 둘 중 하나로 맞춰 찍힙니다.
    """
    anchors: dict[tuple[str, str, int], tuple[int, int, str]] = {}
    for number, match in enumerate(re.finditer(r"(?:^ +|  +)(\S+)", line)):
        for side, index in (("start", match.start(1)), ("end", match.end(1))):
            before = line[:index]
            wide = display_width(before) - len(before)
            anchors[("char", side, index)] = (wide, number, match.group(1))
            anchors[("display", side, display_width(before))] = (wide, number, match.group(1))
    return anchors


def misaligned_table_lines(text: str) -> list[tuple[str, str]]:
    """공백으로 맞춘 열이 넓은 글자 때문에 어긋나는 이웃한 줄 쌍들.

    두 줄이 표의 이웃한 행이라고 보는 것은 같은 위치에 맞춘 토큰이 둘 이상이거나, 같은 토큰 (``|``, ``:`` 등)
    이 같은 위치에 있을 때입니다. 그런 위치 중 하나라도 앞에 든 넓은 글자 수가 두 줄에서 다르면 어긋납니다.
    """
    lines = text.split("\n")
    pairs = []
    for first, second in zip(lines, lines[1:], strict=False):
        a, b = _anchors(first), _anchors(second)
        shared = a.keys() & b.keys()
        tokens = {a[key][1] for key in shared}
        for key in shared:
            if a[key][0] != b[key][0] and (len(tokens) >= 2 or a[key][2] == b[key][2]):
                pairs.append((first, second))
                break
    return pairs


def text_table_findings(nb: dict, **_: object) -> list[Finding]:
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        texts = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stdout":
                texts.append("".join(out.get("text", "")))
            data = out.get("data", {})
            if "text/plain" in data and not ({"text/html", "text/markdown"} & data.keys()):
                texts.append("".join(data["text/plain"]))
        pairs = [p for t in texts for p in misaligned_table_lines(t)]
        if pairs:
            first, second = (line.strip()[:50] for line in pairs[0])
            message = (f"공백으로 맞춘 표의 열이 한글 때문에 어긋납니다: {first!r} / {second!r} "
                       "(HTML·마크다운 표로 보여 주세요)")
            found.append(Finding("text-table", i, message))
    return found


# ---------------------------------------------------------------- links

_LINK_RE = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<img[^>]*\bsrc=\"([^\"]+)\"", re.I)


def link_targets(markdown: str) -> list[str]:
    """마크다운 원문의 링크·그림 주소들 (코드 블록과 코드 스팬 안은 뺌)."""
    text = remove_math(markdown)
    blocks = inline_blocks(text)
    targets = []
    for block in blocks:
        plain = _CODESPAN_RE.sub("", block.text)
        for match in _LINK_RE.finditer(plain):
            targets.append(match.group(1) or match.group(2))
    return targets


# 학생의 작업 폴더는 저장소에 없고 (git 무시) `make lab`/`make exercises` 가 학생판에서 복사해 만듭니다.
WORK_COPIES = {"my-work": "student"}


def _link_exists(target: Path) -> bool:
    """링크 대상이 있는지. ``my-work/X`` 는 아직 복사 전이면 ``student/X`` 가 있으면 있는 것으로 봅니다."""
    if target.exists():
        return True
    parts = target.parts
    for work, source in WORK_COPIES.items():
        if work in parts:
            i = parts.index(work)
            return Path(*parts[:i], source, *parts[i + 1:]).exists()
    return False


def broken_link_findings(nb: dict, path: Path | None = None, **_: object) -> list[Finding]:
    if path is None:
        return []
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "markdown":
            continue
        for target in link_targets(cell_source(cell)):
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("#"):
                continue
            relative = unquote(target.split("#", 1)[0].split("?", 1)[0])
            if relative and not _link_exists(Path(path).parent / relative):
                found.append(Finding("broken-link", i, f"링크가 가리키는 파일이 없습니다: {target}"))
    return found


# ---------------------------------------------------------------- rule table and CLI


def _hygiene_rule(nb: dict, roots: list[str] | None = None, **_: object) -> list[Finding]:
    return hygiene_findings(nb, roots)


RULES: dict[str, tuple[Callable[..., list[Finding]], str]] = {
    "hygiene": (_hygiene_rule, "저장된 출력의 위생 (실행 순서, 오류·stderr, 주소, SVG, 경로, 메타데이터)"),
    "strikethrough": (strikethrough_findings, "마크다운의 뜻하지 않은 취소선 (한 문단의 ~ 두 개)"),
    "heading-math": (heading_math_findings, "제목의 $ 수식"),
    "nbval-comment": (nbval_comment_findings, "코드 셀의 # NBVAL_ 주석 (셀 태그로; --fix)"),
    "code-width": (code_width_findings, f"{CODE_WIDTH_LIMIT}칸보다 긴 코드 줄 (1400 px 창에서 옆으로 스크롤)"),
    "text-table": (text_table_findings, "한글 때문에 열이 어긋나는 공백 정렬 출력 표"),
    "unicode-minus": (unicode_minus_findings, "코드의 U+2212 (그림에서 네모)"),
    "broken-link": (broken_link_findings, "없는 파일을 가리키는 상대 링크"),
    "empty-cell": (empty_cell_findings, "빈 셀"),
}
# make test 에서 켜 둔 규칙. 노트북이 규칙을 만족하게 되면 여기에 더합니다.
DEFAULT_RULES = (
    "hygiene", "strikethrough", "heading-math", "nbval-comment", "code-width", "text-table", "unicode-minus",
    "broken-link", "empty-cell",
)
# 출력이 없는 학생판에도 뜻이 있는 규칙
SOURCE_RULES = ("strikethrough", "heading-math", "nbval-comment", "code-width", "unicode-minus", "broken-link",
                "empty-cell")


def parse_rules(spec: str | None) -> tuple[str, ...]:
    """``--rules`` 값 ("all", "source", 또는 쉼표로 나눈 이름들) -> 규칙 이름들. 모르는 이름은 ValueError."""
    if spec is None:
        return DEFAULT_RULES
    if spec == "all":
        return tuple(RULES)
    if spec == "source":
        return SOURCE_RULES
    names = tuple(n.strip() for n in spec.split(",") if n.strip())
    unknown = [n for n in names if n not in RULES]
    if unknown or not names:
        raise ValueError(f"--rules 의 값 {spec!r} 에 모르는 규칙이 있습니다: {unknown or '(비어 있음)'}. "
                         f"쓸 수 있는 것: all, source, {', '.join(RULES)}")
    return names


def check_notebook(nb: dict, rules: tuple[str, ...] = DEFAULT_RULES, path: Path | None = None,
                   roots: list[str] | None = None) -> list[Finding]:
    """노트북 하나에 규칙들을 적용한 결과 (규칙 순서, 그 안에서 셀 순서)."""
    found: list[Finding] = []
    for name in rules:
        found.extend(RULES[name][0](nb, roots=roots, path=path))
    return found


def load_document(path: Path) -> dict:
    """노트북 JSON, 또는 마크다운 파일 (``.md``; 마크다운 셀 하나짜리 노트북으로 봄)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        return {"cells": [{"cell_type": "markdown", "metadata": {}, "source": text}], "metadata": {}}
    return json.loads(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="노트북 검사 (위생, JupyterLab 에서 잘못 보이는 것).")
    parser.add_argument("paths", nargs="*", type=Path, help="검사할 노트북 (기본: notebooks/*.ipynb)")
    parser.add_argument("--rules", help=f"쉼표로 나눈 규칙, 'all' 또는 'source' (기본: {','.join(DEFAULT_RULES)})")
    parser.add_argument("--fix", action="store_true", help="고칠 수 있는 것 (nbval-comment) 을 고쳐 씁니다")
    parser.add_argument("--list-rules", action="store_true", help="규칙 목록을 보여 줍니다")
    args = parser.parse_args(argv)

    if args.list_rules:
        for name, (_, help_text) in RULES.items():
            mark = "*" if name in DEFAULT_RULES else " "
            print(f"{mark} {name:14s} {help_text}")
        print("(* 는 기본으로 켜진 규칙)")
        return 0
    try:
        rules = parse_rules(args.rules)
    except ValueError as error:
        print(f"❌ {error}", file=sys.stderr)
        return 2
    repo = Path(__file__).resolve().parent.parent
    roots = machine_roots(repo)
    paths = args.paths or sorted((repo / "notebooks").glob("*.ipynb"))
    counts: Counter[str] = Counter()
    for path in paths:
        try:
            nb = load_document(path)
        except (OSError, ValueError) as error:
            print(f"❌ {path}: 노트북으로 읽을 수 없습니다 ({error})", file=sys.stderr)
            return 2
        if args.fix and path.suffix == ".ipynb" and fix_nbval_comments(nb):
            import nbformat  # 저장소의 노트북과 같은 형식으로 씁니다

            path.write_text(nbformat.writes(nbformat.from_dict(nb)) + "\n", encoding="utf-8")
            print(f"✏️  {path}: NBVAL 주석을 셀 태그로 바꿨습니다")
        for finding in check_notebook(nb, rules, path=path, roots=roots):
            print(finding.format(os.path.relpath(path)))
            counts[finding.rule] += 1
    if counts:
        summary = ", ".join(f"{rule} {n}개" for rule, n in counts.items())
        print(f"❌ 노트북 {len(paths)}개에서 문제 {sum(counts.values())}개: {summary}")
        return 1
    print(f"✅ 노트북 {len(paths)}개가 규칙 {', '.join(rules)} 을 지킵니다.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
