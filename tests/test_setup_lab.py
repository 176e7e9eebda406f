"""make lab: root 이면 무엇을 넘기든 --allow-root 가 붙고, 서버가 실제로 듣는 주소를 출력합니다."""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import lab
import pytest
from setup_helpers import clean_env

from conftest import REPO


@pytest.mark.parametrize(
    ("args", "euid", "allow_root_count"),
    [
        ([], 0, 1),
        (["--no-browser"], 0, 1),  # LAB_ARGS 를 줘도 root 이면 붙음
        (["--no-browser", "--allow-root"], 0, 1),  # 이미 있으면 한 번만
        (["--ServerApp.allow_root=True"], 0, 0),
        (["--no-browser"], 1000, 0),  # 일반 사용자에게는 붙이지 않음
    ],
)
def test_allow_root_is_added_for_root_whatever_else_is_passed(args, euid, allow_root_count):
    command = lab.lab_command(args, euid)
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert command[3 : 3 + len(args)] == args
    assert command.count("--allow-root") == allow_root_count


@pytest.mark.parametrize(
    ("args", "port"),
    [(["--port=8899"], 8899), (["--port", "9000"], 9000), (["--ServerApp.port=8001"], 8001), (["--no-browser"], None)],
)
def test_requested_port(args, port):
    assert lab.requested_port(args) == port


def test_urls_carry_the_servers_own_port_and_token():
    info = {"url": "http://localhost:8890/", "token": "abc", "port": 8890}
    assert lab.lab_url(info) == "http://localhost:8890/?token=abc"
    assert lab.status_url(info) == "http://localhost:8890/api/status?token=abc"
    assert lab.lab_url({"url": "http://localhost:8890/", "token": ""}) == "http://localhost:8890/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)


@pytest.mark.skipif(shutil.which("make") is None, reason="make 가 없습니다")
def test_make_lab_with_lab_args_starts_and_prints_the_port_it_really_uses(tmp_path):
    """README 의 `make lab LAB_ARGS=--no-browser` 를, 요청한 포트를 다른 프로그램이 쓰고 있을 때 실행합니다."""
    busy = socket.socket()
    busy.bind(("127.0.0.1", free_port()))
    busy.listen()
    wanted = busy.getsockname()[1]
    env = clean_env(JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    lab_args = ["LAB_ARGS=--no-browser", f"PORT={wanted}", f"WORK={tmp_path / 'work'}", f"VENV={sys.prefix}"]
    server = subprocess.Popen(
        ["make", "-s", "lab", *lab_args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(server.stdout, lines), daemon=True).start()
    try:
        url = None
        deadline = time.monotonic() + 180
        while url is None and time.monotonic() < deadline and server.poll() is None:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            match = re.search(r'curl -s "(http://[^"]+/api/status\?token=\w+)"', line)
            url = match.group(1) if match else None
        assert url is not None, f"make lab 이 주소를 출력하지 않았습니다 (종료 코드 {server.poll()})"
        port = int(re.search(r":(\d+)/", url).group(1))
        assert port != wanted  # 사용 중인 포트를 피해 옮겨 간 실제 포트
        with urllib.request.urlopen(url, timeout=10) as response:
            status = json.loads(response.read().decode("utf-8"))
        assert "started" in status
        if os.geteuid() == 0:
            assert server.poll() is None  # root 로도 떠 있음 (--allow-root 가 없으면 곧바로 끝남)
    finally:
        busy.close()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
