"""가상 환경(.venv)을 확인하고, 필요하면 만들거나 다시 만들거나 다시 설치합니다 (`make setup` 이 부릅니다).

표준 라이브러리만 씁니다: .venv 가 생기기 전에 `tools/find_python.sh` 가 찾은 Python 으로 실행됩니다.

- 설치할 묶음은 둘입니다 (`--profile`): ``student`` 는 강의를 듣는 데 필요한 것 (requirements.txt: 계산, 그림,
  한국어 도구, JupyterLab), ``dev`` 는 그 위에 강의를 고치고 시험하는 도구 (requirements-dev.txt: pytest, nbval,
  papermill, ruff, 슬라이드 도구, 컴파일 엔진 numba). ``dev`` 로 설치한 .venv 는 ``student`` 도 만족합니다.
- 이미 맞게 설치되어 있으면 (기록 파일의 Python 버전과 묶음, requirements 파일·pyproject.toml 의 해시가 지금과
  같고 pip 이 있으면) 아무것도 하지 않습니다. 이 확인은 빠릅니다 (`--quick`, .venv 의 Python 으로).
- .venv 가 지원하지 않는 Python 으로 만들어졌거나, PY= 로 고른 것과 다른 버전이거나, pip 이 없거나,
  지난 설치가 중간에 끝났으면 (기록 파일 없음) 그 이유를 말하고 지운 뒤 다시 만듭니다.
- requirements 파일이나 pyproject.toml 만 바뀌었거나, ``student`` .venv 에 ``dev`` 가 필요하면 그 자리에서 (더)
  설치합니다.
- 여러 make 가 동시에 시작되면 잠금 파일(``<venv>.lock``)로 차례를 지킵니다. 뒤에 온 쪽은 기다렸다가
  앞의 설치가 끝난 .venv 를 그대로 씁니다.

사용법::

    python tools/ensure_venv.py --venv .venv                 # 이 스크립트를 실행한 Python 으로 (student)
    python tools/ensure_venv.py --venv .venv --profile dev   # 시험·강의 도구까지
    python tools/ensure_venv.py --venv .venv --requested     # PY= 로 고른 Python: .venv 가 다른 버전이면 다시 만듦
    .venv/bin/python tools/ensure_venv.py --venv .venv --quick   # 확인만: 맞으면 0, 아니면 1 (아무것도 출력 안 함)
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# tools/find_python.sh 의 SUPPORTED, pyproject.toml 의 requires-python 과 같아야 합니다 (테스트가 확인).
SUPPORTED: tuple[tuple[int, int], ...] = ((3, 11), (3, 12), (3, 13))
SUPPORTED_TEXT = ", ".join(f"{major}.{minor}" for major, minor in SUPPORTED)
ROOT = Path(__file__).resolve().parent.parent
INPUTS = ("requirements.txt", "requirements-dev.txt", "pyproject.toml")  # 이 파일들이 바뀌면 다시 설치
# 묶음마다 pip 에 줄 requirements 파일 (requirements-dev.txt 는 첫 줄에서 requirements.txt 를 읽습니다)
PROFILES = {"student": "requirements.txt", "dev": "requirements-dev.txt"}
STAMP_NAME = ".installed"  # 설치를 끝까지 마쳤다는 기록 (.venv 안)
STAMP_FORMAT = 1
LOCK_TIMEOUT_S = 30 * 60
# 다시 만들 때 지워도 되는, 가상 환경에 있는 이름들 (pyvenv.cfg 가 없을 때의 안전장치)
VENV_ENTRIES = {"bin", "lib", "lib64", "include", "share", "Scripts", "Lib", "Include", "pyvenv.cfg", STAMP_NAME}


class SetupError(RuntimeError):
    """학생에게 보여 줄 한국어 메시지와 함께 설치를 멈춥니다."""


# ---------------------------------------------------------------------------
# 지금 상태 읽기
# ---------------------------------------------------------------------------


def inputs_digest(root: Path = ROOT) -> str:
    """requirements.txt 와 pyproject.toml 의 내용 해시 (sha256 16진수)."""
    digest = hashlib.sha256()
    for name in INPUTS:
        path = root / name
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<none>")
        digest.update(b"\0")
    return digest.hexdigest()


def version_text(info: tuple[int, ...]) -> str:
    """(3, 12, 1, ...) -> '3.12.1'"""
    return ".".join(str(part) for part in info[:3])


def minor_of(version: str) -> tuple[int, int]:
    """'3.12.1' -> (3, 12)"""
    major, minor = version.split(".")[:2]
    return int(major), int(minor)


def is_supported(version: str) -> bool:
    return minor_of(version) in SUPPORTED


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def read_stamp(venv: Path) -> dict | None:
    """기록 파일의 내용. 파일이 없으면 None, 읽을 수 없는 옛 형식이면 {}."""
    path = venv / STAMP_NAME
    if not path.is_file():
        return None
    try:
        stamp = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


@dataclass(frozen=True)
class VenvState:
    """.venv 의 지금 상태.

    exists : 폴더가 있는지
    version : .venv 의 Python 버전 ('3.11.7'), 실행되지 않으면 None
    has_pip : .venv 에 pip 이 있는지
    stamp : 기록 파일 (없으면 None, 옛 형식이면 {})
    """

    exists: bool
    version: str | None = None
    has_pip: bool = False
    stamp: dict | None = None


VERSION_CODE = "import sys; print('%d.%d.%d' % sys.version_info[:3])"
PROBE = VERSION_CODE + "; import importlib.util; print(importlib.util.find_spec('pip') is not None)"


def inspect(venv: Path) -> VenvState:
    """.venv 를 살펴봅니다 (.venv 의 Python 을 한 번 실행)."""
    if not venv.exists():
        return VenvState(exists=False)
    stamp = read_stamp(venv)
    try:
        result = subprocess.run(
            [str(venv_python(venv)), "-c", PROBE], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired):
        return VenvState(exists=True, stamp=stamp)
    lines = result.stdout.split()
    if result.returncode != 0 or len(lines) != 2:
        return VenvState(exists=True, stamp=stamp)
    return VenvState(exists=True, version=lines[0], has_pip=lines[1] == "True", stamp=stamp)


# ---------------------------------------------------------------------------
# 무엇을 할지 정하기 (순수 함수)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """action: 'ok' (할 일 없음), 'create', 'rebuild' (지우고 다시 만듦), 'install' (그 자리에서 다시 설치)."""

    action: str
    reason: str = ""


def has_profile(stamp: dict, profile: str) -> bool:
    """기록 파일의 묶음이 profile 을 만족하는지 (dev 는 student 를 포함; 묶음이 없는 옛 기록은 모두 설치한 것)."""
    installed = stamp.get("profile", "dev")
    return installed == profile or installed == "dev"


def decide(
    state: VenvState,
    python_version: str,
    requested: bool,
    digest: str,
    venv_name: str = ".venv",
    profile: str = "student",
) -> Plan:
    """.venv 상태에서 할 일을 정합니다.

    Parameters
    ----------
    state : inspect() 의 결과
    python_version : 새로 만들 때 쓸 Python 의 버전 ('3.12.1')
    requested : 사용자가 PY= 로 그 Python 을 직접 골랐는지 (그러면 .venv 의 버전이 달라도 다시 만듦)
    digest : inputs_digest() 의 지금 값
    profile : 필요한 묶음 ("student" 또는 "dev")
    """
    if not state.exists:
        return Plan("create")
    name = venv_name
    if state.version is None:
        why = f"{name} 의 Python 을 실행할 수 없습니다 ({name} 을 만든 Python 이 지워졌거나 옮겨졌을 수 있습니다)."
        return Plan("rebuild", why)
    made_with = f"{name} 은 Python {state.version} 으로 만들어졌는데"
    if not is_supported(state.version):
        return Plan("rebuild", f"{made_with}, 이 강의에는 Python {SUPPORTED_TEXT} 중 하나가 필요합니다.")
    if requested and minor_of(state.version) != minor_of(python_version):
        return Plan("rebuild", f"{made_with}, PY 로 Python {python_version} 을 골랐습니다.")
    if not state.has_pip:
        why = f"{name} 에 pip 이 없습니다 (Debian/Ubuntu 에서 python3.X-venv 패키지 없이 만들면 이렇게 됩니다)."
        return Plan("rebuild", why)
    if state.stamp is None:
        return Plan("rebuild", f"{name} 에 설치를 끝까지 마쳤다는 기록이 없습니다 (지난 설치가 중간에 멈췄습니다).")
    if state.stamp.get("format") != STAMP_FORMAT:
        return Plan("install", f"{name} 의 설치 기록이 예전 형식이라 한 번 더 설치합니다.")
    if state.stamp.get("inputs") != digest or state.stamp.get("python") != state.version:
        return Plan("install", "requirements 파일 또는 pyproject.toml 이 바뀌었습니다.")
    if not has_profile(state.stamp, profile):
        return Plan("install", "시험·강의 도구(requirements-dev.txt)를 더 설치합니다.")
    return Plan("ok")


def quick_check(venv: Path, digest: str, profile: str = "student") -> bool:
    """.venv 의 Python 으로 실행했을 때: 다른 프로세스 없이 지금 설치가 맞는지 (happy path 용)."""
    if Path(sys.prefix).resolve() != venv.resolve():
        return False
    stamp = read_stamp(venv)
    version = version_text(sys.version_info)
    return (
        stamp is not None
        and stamp.get("inputs") == digest
        and stamp.get("python") == version
        and has_profile(stamp, profile)
        and is_supported(version)
        and importlib.util.find_spec("pip") is not None
    )


# ---------------------------------------------------------------------------
# 실행
# ---------------------------------------------------------------------------


def say(message: str) -> None:
    print(message, flush=True)


def remove_venv(venv: Path) -> None:
    """.venv 를 지웁니다. 가상 환경처럼 보이지 않는 폴더는 지우지 않고 멈춥니다."""
    names = {entry.name for entry in venv.iterdir()} if venv.is_dir() else set()
    if venv.is_dir() and not (venv / "pyvenv.cfg").is_file() and not names <= VENV_ENTRIES:
        raise SetupError(
            f"❌ {venv} 폴더가 가상 환경이 아닌 것 같아 지우지 않았습니다 (pyvenv.cfg 가 없음).\n"
            f"   안의 파일을 확인한 뒤 직접 옮기거나 지우고 다시 make setup 을 실행하세요."
        )
    if venv.is_dir() and not venv.is_symlink():
        shutil.rmtree(venv)
    else:
        venv.unlink()


def run_logged(command: list[str], log: Path, what: str) -> None:
    """명령을 실행하고 출력은 log 에 모읍니다. 실패하면 끝부분을 보여 주고 SetupError."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"\n$ {' '.join(command)}\n")
        handle.flush()
        result = subprocess.run(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
        raise SetupError(
            "\n".join(
                [
                    *tail,
                    "",
                    f"❌ {what} 실패했습니다 (위는 마지막 출력, 전체 기록: {log}).",
                    "   인터넷(PyPI 접속)을 확인하고 다시 make setup 을 실행하세요 (.venv 를 처음부터 다시 만듭니다).",
                    "   그래도 안 되면 README 의 '문제 해결' 을 보세요.",
                ]
            )
        )


def create_venv(venv: Path, python: Path, version: str) -> None:
    """python 으로 가상 환경을 만듭니다. pip 이 빠지면 설치 방법을 알려 주고 멈춥니다."""
    say(f"📦 가상 환경 {venv} 을 만듭니다 (Python {version}: {python})")
    result = subprocess.run(
        [str(python), "-m", "venv", str(venv)], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    state = inspect(venv)
    if result.returncode == 0 and state.has_pip:
        return
    minor = ".".join(version.split(".")[:2])
    text = (result.stderr or "") + (result.stdout or "")
    detail = text.strip().splitlines()[-3:]
    with contextlib.suppress(OSError, SetupError):
        remove_venv(venv)
    words = " ".join(text.split())  # Debian 의 안내는 여러 줄로 나뉘어 있습니다
    if result.returncode == 0 or ("ensurepip" in words and ("not available" in words or "No module named" in words)):
        advice = [  # Debian/Ubuntu 는 venv 의 pip 부분(ensurepip)을 python3.X-venv 패키지로 나눠 둡니다
            f"❌ Python {version} 으로 가상 환경을 만들지 못했습니다 (pip 을 넣지 못함).",
            f"   Debian/Ubuntu: sudo apt install python{minor}-venv  를 설치한 뒤 다시 make setup 을 실행하세요.",
        ]
    else:
        advice = [
            f"❌ Python {version} 으로 가상 환경을 만들지 못했습니다. 위 메시지를 보고 다시 make setup 을 실행하세요."
        ]
    raise SetupError(
        "\n".join([*("   " + line for line in detail), *advice, "   다른 Python 을 쓰려면: make setup PY=python3.12"])
    )


def install(venv: Path, log: Path, profile: str = "student") -> None:
    """묶음의 requirements 파일과 이 패키지(-e .)를 설치하고, 끝나면 기록 파일을 씁니다."""
    (venv / STAMP_NAME).unlink(missing_ok=True)  # 중간에 멈추면 기록이 없어서 다음에 다시 만듭니다
    python = str(venv_python(venv))
    say("📦 패키지를 설치합니다 (처음에는 1분쯤 걸립니다. 자세한 기록: " + str(log) + ")")
    pip = [python, "-m", "pip", "--disable-pip-version-check"]
    run_logged([*pip, "install", "--upgrade", "pip"], log, "pip 업그레이드가")
    run_logged([*pip, "install", "-r", PROFILES[profile], "-e", "."], log, "패키지 설치가")
    version = subprocess.run([python, "-c", VERSION_CODE], capture_output=True, text=True, check=True).stdout.strip()
    stamp = {"format": STAMP_FORMAT, "python": version, "inputs": inputs_digest(), "profile": profile}
    tmp = venv / (STAMP_NAME + ".tmp")
    tmp.write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    tmp.replace(venv / STAMP_NAME)
    say(f"✅ 설치를 마쳤습니다: {venv} (Python {version})")


@contextlib.contextmanager
def venv_lock(venv: Path, timeout_s: float = LOCK_TIMEOUT_S):
    """같은 .venv 를 고치는 프로세스를 하나로 (fcntl.flock; 프로세스가 죽으면 잠금도 풀림)."""
    try:
        import fcntl
    except ImportError:  # Windows (WSL 이 아닌): 잠금 없이
        yield
        return
    lock_path = venv.with_name(venv.name + ".lock")
    with lock_path.open("a") as handle:
        deadline = time.monotonic() + timeout_s
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:
                    say(f"⏳ 다른 make 가 {venv} 을 설치하고 있습니다. 끝나기를 기다립니다…")
                    told = True
                if time.monotonic() > deadline:
                    raise SetupError(
                        f"❌ {timeout_s / 60:.0f}분을 기다려도 다른 설치가 끝나지 않았습니다. "
                        f"다른 터미널에서 실행 중인 make 를 확인하세요 (잠금 파일: {lock_path})."
                    ) from None
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure(venv: Path, requested: bool, profile: str = "student") -> int:
    """잠금을 잡고, 상태를 보고, 필요한 일을 합니다. 종료 코드를 돌려줍니다."""
    python = Path(sys.executable)
    version = version_text(sys.version_info)
    if not is_supported(version):  # find_python.sh 가 걸러 주지만, 직접 실행한 경우를 위해
        raise SetupError(f"❌ Python {version} 은 지원하지 않습니다. Python {SUPPORTED_TEXT} 중 하나로 실행하세요.")
    log = Path("build") / f"setup-{venv.name.lstrip('.')}.log"
    with venv_lock(venv):
        state = inspect(venv)
        plan = decide(state, version, requested, inputs_digest(), str(venv), profile)
        if plan.action == "ok":
            return 0
        if plan.reason:
            say(f"⚠️  {plan.reason}")
        if plan.action == "rebuild":
            say(f"🧹 {venv} 을 지우고 다시 만듭니다.")
            remove_venv(venv)
        if plan.action in ("create", "rebuild"):
            log.unlink(missing_ok=True)
            create_venv(venv, python, version)
        keep_dev = plan.action == "install" and state.stamp is not None and has_profile(state.stamp, "dev")
        install(venv, log, "dev" if keep_dev else profile)  # 다시 설치할 때 이미 있던 dev 도구를 빼지 않음
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="가상 환경을 확인하고 필요하면 만들거나 고칩니다.")
    parser.add_argument("--venv", type=Path, default=Path(".venv"), help="가상 환경 폴더 (기본: .venv)")
    parser.add_argument("--requested", action="store_true", help="PY= 로 고른 Python 입니다 (버전이 다르면 다시 만듦)")
    parser.add_argument("--quick", action="store_true", help="확인만 합니다: 맞으면 0, 아니면 1")
    parser.add_argument(
        "--profile", choices=sorted(PROFILES), default="student", help="student (강의 듣기) 또는 dev (시험 도구까지)"
    )
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # 경로는 저장소 최상위 기준 (메시지에도 .venv 처럼 짧게)
    venv = args.venv
    if args.quick:
        return 0 if quick_check(venv, inputs_digest(), args.profile) else 1
    try:
        return ensure(venv, args.requested, args.profile)
    except SetupError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\n⛔ 설치를 멈췄습니다. 다음 make 가 {venv} 을 다시 만듭니다.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
