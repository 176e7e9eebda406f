"""저장된 노트북의 위생 검사 (nbval 이 놓치는 것을 잡습니다).

nbval 은 출력이 비어 있는 노트북을 조용히 통과시키고, 일부 실패도 놓칩니다. 그래서 저장된
모든 강의 노트북이 다음을 만족하는지 따로 검사합니다:

- 새 커널 하나에서 위에서 아래로 실행됨 (코드 셀 실행 번호가 1..N)
- 오류 출력과 stderr 출력이 없음
- 메모리 주소가 찍힌 객체 repr (`<... at 0x7f...>`) 이 없음
- SVG 출력이 없음 (날짜가 들어가 비교가 깨짐)
- 기계 고유 경로 (저장소 위치, 홈, 임시 폴더, site-packages) 가 없음
- kernelspec 이름이 `python3`
- papermill 메타데이터가 없음 (papermill 결과물을 실수로 커밋하지 않음)
- `parameters` 태그가 붙은 셀이 있음
- 실행 시각 메타데이터가 없음

사용법: ``python tools/notebook_guards.py notebooks/*.ipynb`` (문제가 있으면 종료 코드 1).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

ADDRESS_RE = re.compile(r"\bat 0x[0-9a-fA-F]{6,}")


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
    roots = machine_roots() if roots is None else roots
    problems: list[str] = []
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != "python3":
        problems.append(f"kernelspec 이름이 'python3' 가 아닙니다: {kernel!r}")
    if "papermill" in nb.get("metadata", {}):
        problems.append("노트북 메타데이터에 papermill 정보가 있습니다 (build/ 의 실행 결과를 커밋했나요?)")

    code_cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    counts = [c.get("execution_count") for c in code_cells]
    if counts != list(range(1, len(code_cells) + 1)):
        problems.append(f"새 커널에서 위에서 아래로 실행되지 않았습니다: 실행 번호 {counts[:12]}")
    if not any("parameters" in c.get("metadata", {}).get("tags", []) for c in code_cells):
        problems.append("`parameters` 태그가 붙은 코드 셀이 없습니다")

    for i, cell in enumerate(nb.get("cells", [])):
        meta = cell.get("metadata", {})
        if "papermill" in meta or "execution" in meta:
            problems.append(f"셀 {i}: 실행 시각/papermill 메타데이터가 남아 있습니다")
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                problems.append(f"셀 {i}: 오류 출력 ({out.get('ename')})")
            if kind == "stream" and out.get("name") == "stderr":
                problems.append(f"셀 {i}: stderr 출력 (경고?): {''.join(out.get('text', ''))[:80]!r}")
            data = out.get("data", {})
            if "image/svg+xml" in data:
                problems.append(f"셀 {i}: SVG 출력 (PNG 를 쓰세요)")
            plain = "".join(data.get("text/plain", "")) + "".join(out.get("text", ""))
            if ADDRESS_RE.search(plain):
                problems.append(f"셀 {i}: 메모리 주소가 찍힌 객체 repr: {ADDRESS_RE.search(plain).group(0)}")
            text = _output_text(out)
            if "site-packages" in text or any(r + "/" in text for r in roots):
                problems.append(f"셀 {i}: 출력에 이 기계의 경로가 있습니다 (상대 경로만 출력하세요)")
    return problems


def main(argv: list[str]) -> int:
    repo = Path(__file__).resolve().parent.parent
    roots = machine_roots(repo)
    failed = False
    for name in argv or sorted(str(p) for p in (repo / "notebooks").glob("*.ipynb")):
        problems = hygiene_problems(json.loads(Path(name).read_text(encoding="utf-8")), roots)
        for p in problems:
            print(f"{os.path.relpath(name)}: {p}")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
