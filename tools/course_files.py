"""학생의 작업을 지키는 도구들이 함께 쓰는 작은 함수들: 내용 해시, 원자적 쓰기, 읽기 전용 잠금, git 호출.

make_student.py, start_exercises.py, update_course.py, refresh_notebooks.py 가 씁니다 (표준 라이브러리만 사용,
그래서 .venv 가 없어도 update_course.py 가 돌아갑니다).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
RECORD_NAME = ".generated.json"  # student/ 안: make_student.py 가 쓴 내용의 sha256 (커밋됨)


def text_digest(data: bytes) -> str:
    """내용의 sha256 (16진수 64자). 줄바꿈 CRLF 는 LF 로 보고 셉니다 (Windows 에서 받은 사본도 같게)."""
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()


def file_digest(path: Path) -> str | None:
    """파일 내용의 text_digest, 파일이 없거나 읽을 수 없으면 None."""
    try:
        return text_digest(path.read_bytes())
    except OSError:
        return None


def load_record(folder: Path) -> dict[str, str]:
    """make_student.py 가 커밋해 둔 기록 (노트북 이름 -> sha256). 없거나 읽을 수 없으면 빈 dict."""
    try:
        digests = json.loads((folder / RECORD_NAME).read_text(encoding="utf-8")).get("sha256", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return digests if isinstance(digests, dict) else {}


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """path 를 data 로 한 번에 바꿉니다: 같은 폴더의 임시 파일에 쓴 뒤 ``os.replace``.

    중간에 끊겨도 path 는 예전 내용이거나 새 내용이지 반쯤 쓴 파일이 되지 않습니다. 이름을 바꾸는 방식이라
    읽기 전용 파일도 (폴더에 쓸 수 있으면) 바꿀 수 있습니다.

    Parameters
    ----------
    path : 쓸 파일
    data : 내용 (bytes)
    mode : 새 파일의 권한 비트 (예: 0o444). None 이면 예전 파일의 권한, 새 파일이면 umask 를 따른 0o666.
    """
    if mode is None:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~current_umask()
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp_name, mode)  # mkstemp 은 0600 으로 만듭니다
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    """이 프로세스의 umask (읽으려면 잠깐 바꿔야 합니다)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def read_only_mode(path: Path) -> int:
    """path 의 지금 권한에서 쓰기 비트만 뺀 값."""
    return stat.S_IMODE(path.stat().st_mode) & ~WRITE_BITS


def lock_read_only(paths: list[Path]) -> list[Path]:
    """파일들을 읽기 전용으로 (쓰기 비트만 뺌). JupyterLab 은 이런 파일을 읽기 전용으로 열어 자동 저장하지 않습니다.

    Returns
    -------
    잠그지 못한 파일들 (다른 사용자의 파일 등). 내용은 어떤 경우에도 바꾸지 않습니다.
    """
    failed = []
    for path in paths:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
            if mode & WRITE_BITS:
                os.chmod(path, mode & ~WRITE_BITS)
        except OSError:
            failed.append(path)
    return failed


def is_read_only(path: Path) -> bool:
    """쓰기 비트가 하나도 없는지."""
    return not stat.S_IMODE(path.stat().st_mode) & WRITE_BITS


@dataclass(frozen=True)
class GitResult:
    """git 명령 하나의 결과. returncode 가 None 이면 git 이 설치되어 있지 않습니다."""

    returncode: int | None
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_git(args: list[str], cwd: Path) -> GitResult:
    """``git <args>`` 를 cwd 에서 실행합니다 (메시지는 영어로 받아 뜻을 알아봅니다). 실패해도 예외를 내지 않습니다."""
    env = {**os.environ, "LC_ALL": "C", "LANGUAGE": "", "GIT_TERMINAL_PROMPT": "0"}
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        return GitResult(None, "", "")
    return GitResult(result.returncode, result.stdout, result.stderr)


def git_problem(result: GitResult) -> str:
    """git 이 답하지 못한 이유를 한국어 한 줄로."""
    if result.returncode is None:
        return "git 이 설치되어 있지 않습니다"
    if "dubious ownership" in result.stderr:
        return "git 이 이 폴더를 다른 사용자의 것으로 보고 거절했습니다 (detected dubious ownership)"
    if "not a git repository" in result.stderr:
        return "git 저장소가 아닙니다 (예: ZIP 으로 내려받은 폴더)"
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    last = lines[-1] if lines else "(메시지 없음)"
    return f"git 이 종료 코드 {result.returncode} 로 실패했습니다: {last}"
