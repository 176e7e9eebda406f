"""실행한 노트북들의 확인 결과를 Markdown 표로 보여 줍니다 (강사용): ``python -m sgns.checks my-work/*.ipynb``.

노트북을 실행하지는 않으므로, "Run All" 뒤 저장한 노트북을 주세요.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sgns.checks.record import records

STATUS_KO = {"pass": "통과", "fail": "틀림", "todo": "아직 안 풂", "error": "확인 도구 오류"}


def summary_table(notebook: Path) -> str:
    """노트북 하나의 확인 기록 표 (Markdown)."""
    found = records(notebook)
    if not found:
        return f"### {notebook.name}\n\n확인 기록이 없습니다 (실행하지 않았거나 확인 셀이 없습니다).\n"
    lines = [
        f"### {notebook.name}",
        "",
        "| 연습문제 | 상태 | 통과한 사례 | 점수 | 실수 범주 |",
        "|---|---|---|---|---|",
    ]
    for record in found:
        cases = f"{record.passed}/{record.total}" if record.total else "-"
        lines.append(
            f"| {record.exercise} | {STATUS_KO.get(record.status, record.status)} | {cases} | "
            f"{round(record.score(), 2):g}/{record.points} | {record.category or ''} |"
        )
    total = sum(r.score() for r in found)
    points = sum(r.points for r in found)
    basis = "숨은 사례 포함" if any(r.hidden[1] for r in found) else "공개 사례 기준"
    lines.append(f"\n합계: {round(total, 2):g}/{points} 점 ({basis})\n")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sgns.checks", description="노트북의 확인 결과를 표로 보여 줍니다.")
    parser.add_argument("notebooks", nargs="+", type=Path, help="실행해서 저장한 노트북 (.ipynb)")
    args = parser.parse_args(argv)
    missing = [path for path in args.notebooks if not path.is_file()]
    if missing:
        print(f"❌ 노트북 파일이 없습니다: {', '.join(map(str, missing))}", file=sys.stderr)
        return 1
    for path in args.notebooks:
        try:
            print(summary_table(path))
        except (ValueError, KeyError, TypeError) as error:
            print(f"❌ {path}을(를) 노트북으로 읽지 못했습니다: {type(error).__name__}: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
