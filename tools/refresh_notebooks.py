"""노트북을 새 커널에서 위에서 아래로 다시 실행하고, 성공한 것만 저장된 출력을 바꿉니다.

- 커널은 ``python3``, 작업 폴더는 노트북이 있는 폴더입니다.
- 실행 시각 메타데이터는 남기지 않습니다 (``record_timing=False``). papermill 메타데이터도 없습니다.
- 결과는 같은 폴더의 임시 파일에 쓴 뒤 ``os.replace`` 로 한 번에 바꿉니다. 그래서 실행이 실패하거나
  중간에 끊겨도 원래 노트북은 바이트 하나 바뀌지 않습니다.
- 실패한 노트북이 있어도 나머지를 모두 실행한 뒤, 실패한 것들을 알리고 종료 코드 1 로 끝납니다.

사용법::

    python tools/refresh_notebooks.py                        # notebooks/*.ipynb 전부 (저장소 맨 위에서)
    python tools/refresh_notebooks.py notebooks/04_math.ipynb
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path, timeout: int = 1200, kernel_name: str = "python3") -> None:
    """노트북 하나를 실행하고, 성공하면 그 자리에서(원자적으로) 바꿉니다. 실패하면 예외 (파일은 그대로)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    text = nbformat.writes(nb) + "\n"
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".ipynb.tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp_name, stat.S_IMODE(path.stat().st_mode))  # mkstemp 은 0600 으로 만듭니다
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def describe_error(error: BaseException) -> str:
    """실패 원인 한 줄: 노트북 셀의 예외면 그 이름과 메시지, 아니면 예외 이름과 첫 줄."""
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    if ename:
        text = f"{ename}: {evalue}"
    else:
        text = f"{type(error).__name__}: {str(error).strip()}"
    first = (text.strip().splitlines() or [""])[0]
    return first if len(first) <= 200 else first[:197] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="노트북을 다시 실행해 저장된 출력을 새로 고칩니다 (실패하면 그대로).")
    parser.add_argument("notebooks", nargs="*", type=Path, help="노트북 경로 (기본: notebooks/*.ipynb)")
    parser.add_argument("--timeout", type=int, default=1200, help="셀 하나의 최대 실행 시간(초), 기본 1200")
    args = parser.parse_args(argv)

    paths = args.notebooks or sorted(Path("notebooks").glob("*.ipynb"))
    if not paths:
        print("❌ 다시 실행할 노트북이 없습니다 (저장소 맨 위 폴더에서 실행했나요?).", file=sys.stderr)
        return 1
    failed: list[tuple[Path, str]] = []
    for path in paths:
        start = time.perf_counter()
        try:
            execute(path, timeout=args.timeout)
        except Exception as error:
            seconds = time.perf_counter() - start
            failed.append((path, describe_error(error)))
            print(f"❌ {path} ({seconds:.1f}초) 실패, 파일은 그대로 둡니다", flush=True)
        else:
            print(f"✅ {path} ({time.perf_counter() - start:.1f}초)", flush=True)
    if failed:
        print(f"\n❌ {len(failed)}개 노트북의 실행이 실패해서 바꾸지 않았습니다:", file=sys.stderr)
        for path, reason in failed:
            print(f"   - {path}: {reason}", file=sys.stderr)
        return 1
    print(f"\n✅ 노트북 {len(paths)}개를 다시 실행해 저장했습니다.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
