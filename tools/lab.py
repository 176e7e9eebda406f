"""JupyterLab 을 켜고, 서버가 실제로 듣고 있는 주소를 알려 줍니다 (`make lab` 이 부릅니다).

- 받은 인자는 그대로 JupyterLab 에 넘깁니다 (예: ``--no-browser``, ``--port=8899``).
- root 로 실행하면 (컨테이너 등) 다른 인자가 무엇이든 ``--allow-root`` 를 붙입니다.
- 요청한 포트가 사용 중이면 Jupyter 는 다음 포트로 옮겨 갑니다. 그래서 Jupyter 가 남기는 실행 중인 서버 목록에서
  이 서버(같은 프로세스 번호)의 주소와 토큰을 읽어, 열 주소와 확인용 curl 명령을 출력합니다.

사용법::

    .venv/bin/python tools/lab.py --ServerApp.root_dir=. --port=8888 --no-browser
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request

READY_TIMEOUT_S = 120


def lab_command(args: list[str], euid: int) -> list[str]:
    """JupyterLab 을 이 Python 으로 실행하는 명령. root(euid 0) 이면 --allow-root 를 한 번 붙입니다."""
    command = [sys.executable, "-m", "jupyterlab", *args]
    allows_root = any(a == "--allow-root" or a.startswith("--ServerApp.allow_root") for a in args)
    if euid == 0 and not allows_root:
        command.append("--allow-root")
    return command


def server_info(pid: int) -> dict | None:
    """Jupyter 의 실행 중인 서버 목록에서 프로세스 번호가 pid 인 서버 (url, token, port ...). 아직 없으면 None."""
    from jupyter_server.serverapp import list_running_servers

    for info in list_running_servers():
        if info.get("pid") == pid:
            return info
    return None


def lab_url(info: dict) -> str:
    """브라우저로 열 주소 (토큰 포함). 서버의 첫 화면(default_url, 강의의 시작 페이지)으로 바로 갑니다."""
    token = info.get("token") or ""
    return f"{info['url']}" + (f"?token={token}" if token else "")


def status_url(info: dict) -> str:
    """서버 상태를 JSON 으로 돌려주는 주소 (토큰 포함)."""
    token = info.get("token") or ""
    return f"{info['url']}api/status" + (f"?token={token}" if token else "")


def answers(info: dict) -> bool:
    """서버가 상태 요청에 JSON 으로 답하는지."""
    try:
        with urllib.request.urlopen(status_url(info), timeout=5) as response:
            json.loads(response.read().decode("utf-8"))
        return True
    except (OSError, ValueError):
        return False


def wait_until_ready(process: subprocess.Popen, timeout_s: float = READY_TIMEOUT_S) -> dict | None:
    """서버가 목록에 나타나고 요청에 답할 때까지 기다립니다. 서버가 먼저 끝나거나 시간이 지나면 None."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        info = server_info(process.pid)
        if info is not None and answers(info):
            return info
        time.sleep(0.3)
    return None


def requested_port(args: list[str]) -> int | None:
    """인자에서 --port=N (또는 --port N, --ServerApp.port=N) 의 N."""
    for index, arg in enumerate(args):
        for name in ("--port", "--ServerApp.port"):
            value = None
            if arg.startswith(name + "="):
                value = arg.split("=", 1)[1]
            elif arg == name and index + 1 < len(args):
                value = args[index + 1]
            if value is not None and value.isdigit():
                return int(value)
    return None


def announce(info: dict, wanted: int | None) -> None:
    port = info.get("port")
    line = "=" * 72
    moved = f" (요청한 포트 {wanted} 은 이미 사용 중이라 옮겼습니다)" if wanted is not None and wanted != port else ""
    print(
        f"\n{line}\n"
        f"✅ JupyterLab 이 포트 {port} 에서 열렸습니다{moved}. 브라우저에서 이 주소를 여세요:\n"
        f"   {lab_url(info)}\n"
        f'   확인 (다른 터미널): curl -s "{status_url(info)}"\n'
        f"   끝내려면 이 터미널에서 Ctrl-C 를 두 번 누르세요.\n"
        f"{line}\n",
        flush=True,
    )


def wait_for(process: subprocess.Popen) -> int:
    """서버가 끝날 때까지 기다립니다. Ctrl-C 는 Jupyter 도 받아서 스스로 끝낼지 묻습니다."""
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    process = subprocess.Popen(lab_command(args, os.geteuid()))
    try:
        info = wait_until_ready(process)
    except KeyboardInterrupt:
        return wait_for(process)
    if info is not None:
        announce(info, requested_port(args))
    elif process.poll() is None:
        print(f"⚠️  {READY_TIMEOUT_S}초가 지나도 JupyterLab 의 주소를 확인하지 못했습니다. 위의 Jupyter 출력을 보세요.")
    return wait_for(process)


if __name__ == "__main__":
    sys.exit(main())
