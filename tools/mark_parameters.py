"""매개변수 셀의 대입문마다 역할 표시 (``[자유]`` 또는 ``[본문: 지금 값]``) 를 주석 맨 앞에 붙입니다.

    python tools/mark_parameters.py notebooks/07_optimum.ipynb --free PMI_DIM --text SEED K PMI_SENTENCES PMI_EPOCHS
    python tools/mark_parameters.py notebooks/04_math.ipynb --text SEED K STEP_LR --free GRAD_V GRAD_DIM --dry-run

- 셀의 모든 이름에 역할을 정해야 합니다 (빠진 이름이 있으면 아무것도 바꾸지 않고 알림). 이미 표시가 있는 줄은
  그대로 두므로 ``--free``/``--text`` 에 적지 않아도 됩니다.
- ``[본문]`` 의 기준 값은 지금 셀에 적힌 값 그대로입니다. ``A, B = 1, 2`` 처럼 한 줄의 이름들은 역할이 같아야 합니다.
- 셀 맨 위의 설명 줄 (``# 표시: ...``) 이 없으면 첫 줄 다음에 넣습니다.
- 출력은 건드리지 않습니다 (주석만 바뀌므로 다시 실행할 필요가 없음). 그다음 ``make lecture`` 로 학생판을 맞추세요.
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
import tokenize
from pathlib import Path

import nbformat

HEADER = "# 표시: [자유] 바꿔도 본문이 맞는 값, [본문: 값] 본문이 그 값을 기준으로 쓰인 값"
FREE, TEXT = "자유", "본문"


def _names(target) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _names(elt)]
    return []


def mark(source: str, roles: dict[str, str]) -> str:
    """셀 원문에 표시를 붙인 것. ``roles`` 는 이름 -> ``"자유"`` 또는 ``"본문"``."""
    lines = source.splitlines()
    comments = {
        tok.start[0]: tok.start[1]
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.COMMENT
    }
    problems, edits = [], {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Assign):
            continue
        names = [n for t in node.targets for n in _names(t)]
        line = node.end_lineno  # 주석은 대입문의 마지막 줄에
        text = lines[line - 1]
        column = comments.get(line)
        if column is not None and text[column:].lstrip("# ").startswith(("[자유]", "[본문")):
            continue  # 이미 표시가 있음
        wanted = {roles.get(n) for n in names}
        if None in wanted:
            problems.append(f"{', '.join(names)}: 역할을 정하세요 (--free 또는 --text)")
            continue
        if len(wanted) > 1:
            problems.append(f"{', '.join(names)}: 한 줄의 이름들은 역할이 같아야 합니다 (줄을 나누세요)")
            continue
        role = wanted.pop()
        value = ast.get_source_segment(source, node.value)
        label = "[자유]" if role == FREE else f"[본문: {value}]"
        if column is None:
            edits[line - 1] = f"{text}  # {label}"
        else:
            comment = text[column:].lstrip("#").lstrip()
            edits[line - 1] = f"{text[:column]}# {label} {comment}".rstrip()
    unknown = sorted(set(roles) - {n for node in ast.parse(source).body if isinstance(node, ast.Assign)
                                   for t in node.targets for n in _names(t)})  # fmt: skip
    if unknown:
        problems.append(f"매개변수 셀에 없는 이름: {', '.join(unknown)}")
    if problems:
        raise SystemExit("표시를 붙이지 않았습니다:\n  " + "\n  ".join(problems))
    for i, new in edits.items():
        lines[i] = new
    if not any(line.startswith("# 표시:") for line in lines):
        lines.insert(1 if lines and lines[0].startswith("#") else 0, HEADER)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="매개변수 셀에 [자유] / [본문: 값] 표시를 붙입니다.")
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--free", nargs="*", default=[], help="바꿔도 본문이 맞는 이름들")
    parser.add_argument("--text", nargs="*", default=[], help="본문이 지금 값을 기준으로 쓰인 이름들")
    parser.add_argument("--dry-run", action="store_true", help="바꾼 셀을 보여 주기만 함")
    args = parser.parse_args(argv)
    both = set(args.free) & set(args.text)
    if both:
        raise SystemExit(f"--free 와 --text 에 모두 적은 이름: {', '.join(sorted(both))}")
    roles = {**{n: FREE for n in args.free}, **{n: TEXT for n in args.text}}
    text = args.notebook.read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source = mark(cell.source, roles)
    if args.dry_run:
        print(cell.source)
        return 0
    args.notebook.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    print(f"✏️  {args.notebook}: 매개변수 셀에 표시를 붙였습니다")
    return 0


if __name__ == "__main__":
    sys.exit(main())
