"""채점 커널의 격리 (sandbox): 네트워크 없음, 허락한 폴더만 보임, 개인 임시 폴더, 메모리·프로세스·시간 한도.

이미 있는 도구를 씁니다: bubblewrap (``bwrap``) 이 있으면 그것을, 없으면 util-linux 의 ``unshare`` (사용자·마운트·
PID·네트워크 이름공간) 를. 둘 다 격리를 만들지 못하면 (사용자 이름공간이 꺼진 기계, macOS) `available` 이 None 이고,
``make grade`` 는 한국어로 이유를 말하고 멈춥니다 (``--unsandboxed`` 를 주면 경고와 함께 격리 없이 채점).

커널이 보는 파일 시스템 (나머지는 보이지 않음):

- 읽기 전용: 시스템 (``/usr``, ``/etc``, ``/bin`` ...), 파이썬 설치 (``sys.base_prefix``), 강의 ``.venv``
  (``sys.prefix``), 그리고 정답 없는 강의 패키지 사본 (`course_copy`: ``sgns/`` 만; 노트북, 테스트, 숨은 사례 없음)
- 쓰기: 그 노트북의 작업 폴더 (제출물의 사본), 교환 폴더 (요청과 결과), 새 ``/tmp`` (tmpfs, 크기 한도)
- 없음: 강의 저장소 (강사용 노트북, ``grading/``, ``tests/``), 홈 폴더, 다른 제출물과 결과 폴더, 숨은 사례 파일,
  네트워크 (루프백도 없음; 커널과는 교환 폴더의 유닉스 소켓으로 이야기함)

한도는 ``prlimit`` 으로: 주소 공간 (메모리), 프로세스 수, CPU 시간, 파일 하나의 크기.
"""

from __future__ import annotations

import compileall
import functools
import os
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

SYSTEM_DIRS = ("/usr", "/etc", "/bin", "/lib", "/lib32", "/lib64", "/libx32", "/sbin", "/opt")
KEPT_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TERM", "TZ")


@dataclass(frozen=True)
class Limits:
    """커널 하나의 한도 (prlimit)."""

    memory_mb: int = 4096
    processes: int = 256
    cpu_seconds: int = 600
    file_mb: int = 200
    tmp_mb: int = 512


@dataclass(frozen=True)
class Config:
    """격리 설정 (채점 작업 파일에 JSON 으로).

    tool : "bwrap" 또는 "unshare"
    read_only : 읽기 전용으로 보일 폴더들 (시스템 폴더는 따로)
    course : 정답 없는 강의 패키지 사본이 든 폴더 (커널의 PYTHONPATH)
    """

    tool: str
    read_only: tuple[str, ...]
    course: str
    limits: Limits = field(default_factory=Limits)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Config:
        return cls(data["tool"], tuple(data["read_only"]), data["course"], Limits(**data.get("limits", {})))


def _works(command: list[str]) -> bool:
    try:
        done = subprocess.run(command, capture_output=True, timeout=20, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


@functools.cache
def available(prefer: str | None = None) -> str | None:
    """이 기계에서 격리를 만들 수 있는 도구 ("bwrap", "unshare") 또는 None."""
    order = [prefer] if prefer else ["bwrap", "unshare"]
    for tool in order:
        if tool == "bwrap" and shutil.which("bwrap"):
            if _works(["bwrap", "--unshare-all", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"]):
                return "bwrap"
        if tool == "unshare" and shutil.which("unshare") and sys.platform.startswith("linux"):
            if _works(["unshare", "-rnmpf", "--kill-child=SIGKILL", "sh", "-c", "mount -t tmpfs tmpfs /mnt || true"]):
                return "unshare"
    return None


def course_copy(destination: Path) -> Path:
    """강의 패키지 ``sgns`` 만 destination/sgns 로 복사합니다 (캐시 파일 빼고). destination 을 돌려줍니다.

    sgns 에는 참조 구현은 있지만 연습문제의 정답 셀 (강사용 노트북) 은 없습니다 (`solution_free` 가 확인).
    """
    import sgns

    source = Path(sgns.__file__).resolve().parent
    shutil.copytree(source, destination / "sgns", ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    problems = solution_free(destination / "sgns")
    if problems:
        raise RuntimeError(f"강의 패키지 사본에 정답이 들어 있습니다: {', '.join(problems)}")
    compileall.compile_dir(destination / "sgns", quiet=1, workers=1)  # 커널마다 다시 컴파일하지 않도록 (읽기 전용)
    _matplotlib_cache(destination / MPL_CACHE)
    return destination


MPL_CACHE = "matplotlib-cache"  # course 폴더 안: 글꼴 목록을 미리 만들어 두고 커널마다 복사 (만드는 데 몇 초)


def _matplotlib_cache(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MPLCONFIGDIR": str(folder), "MPLBACKEND": "Agg"}
    code = "import matplotlib.font_manager"
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=300, check=False)


def seed_matplotlib(course: str, target: Path) -> None:
    """미리 만든 matplotlib 글꼴 목록을 커널의 설정 폴더 (쓰기 가능) 로 복사합니다."""
    source = Path(course) / MPL_CACHE
    target.mkdir(parents=True, exist_ok=True)
    for path in source.glob("fontlist-*.json"):
        shutil.copyfile(path, target / path.name)


def solution_free(folder: Path) -> list[str]:
    """폴더 안에서 정답이 든 것으로 보이는 파일들 (노트북, 풀이 구간 표식, 숨은 사례)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".ipynb" or path.name.startswith("hidden_cases"):
            found.append(path.relative_to(folder).as_posix())
        elif path.suffix == ".py" and "### BEGIN SOLUTION" in path.read_text(encoding="utf-8", errors="replace"):
            found.append(path.relative_to(folder).as_posix())
    return found


def python_dirs() -> tuple[str, ...]:
    """커널의 파이썬이 읽어야 하는 폴더: 설치 (base_prefix) 와 가상 환경 (prefix)."""
    dirs = {str(Path(sys.base_prefix).resolve()), str(Path(sys.prefix).absolute())}
    real = Path(sys.prefix).resolve()
    dirs.add(str(real))
    return tuple(sorted(dirs))


def sandbox_env(env: dict, course: str, mpl_dir: Path) -> dict:
    """격리된 커널에 넘길 환경 변수: 꼭 필요한 것만 (강사의 환경 변수·비밀은 넘기지 않음)."""
    kept = {name: env[name] for name in KEPT_ENV if name in env}
    kept.update({name: value for name, value in env.items() if name.startswith(("SGNS_GRADING", "OMP_", "OPENBLAS_"))})
    kept.update({name: env[name] for name in ("MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS", "MPLBACKEND") if name in env})
    kept.update(
        {
            "HOME": "/tmp",
            "TMPDIR": "/tmp",
            "IPYTHONDIR": "/tmp/.ipython",
            "MPLCONFIGDIR": str(mpl_dir),
            "PYTHONPATH": course,
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONNOUSERSITE": "1",
        }
    )
    return kept


def _prlimit(limits: Limits) -> list[str]:
    return [
        "prlimit",
        f"--as={limits.memory_mb * 1024 * 1024}",
        f"--nproc={limits.processes}",
        f"--cpu={limits.cpu_seconds}",
        f"--fsize={limits.file_mb * 1024 * 1024}",
        "--",
    ]


def bwrap_command(config: Config, writable: list[Path], cwd: Path) -> list[str]:
    command = ["bwrap", "--unshare-all", "--die-with-parent", "--as-pid-1", "--cap-drop", "ALL"]
    command += ["--size", str(config.limits.tmp_mb * 1024 * 1024), "--tmpfs", "/tmp"]
    for path in SYSTEM_DIRS:
        if os.path.lexists(path):
            command += ["--symlink", os.readlink(path), path] if os.path.islink(path) else ["--ro-bind", path, path]
    for path in (*config.read_only, config.course):
        command += ["--ro-bind", path, path]
    for path in writable:
        command += ["--bind", str(path), str(path)]
    command += ["--dev", "/dev", "--proc", "/proc"]
    command += ["--chdir", str(cwd), "--"]
    return command + _prlimit(config.limits)


UNSHARE_SCRIPT = r"""
set -e
R="$1"; TMP_MB="$2"; CWD="$3"; shift 3
mount -t tmpfs -o size=16m,mode=755 tmpfs "$R"
mkdir -p "$R/dev" "$R/proc" "$R/tmp"
mount -t tmpfs -o "size=${TMP_MB}m,mode=1777" tmpfs "$R/tmp"
while [ "$1" != "--" ]; do
  mode="$1"; p="$2"; shift 2
  if [ -L "$p" ]; then mkdir -p "$R$(dirname "$p")"; ln -s "$(readlink "$p")" "$R$p"; continue; fi
  [ -e "$p" ] || continue
  mkdir -p "$R$p"; mount --rbind "$p" "$R$p"
  if [ "$mode" = ro ]; then mount -o remount,bind,ro "$R$p"; fi
done
shift
mount --rbind /dev "$R/dev"; mount -t proc proc "$R/proc"
mount -o remount,bind,ro "$R"
cd "$R$CWD"
exec chroot "$R" sh -c 'cd "$0" && exec "$@"' "$CWD" "$@"
"""


def unshare_command(config: Config, writable: list[Path], cwd: Path, root: Path) -> list[str]:
    command = ["unshare", "-rnmpf", "--kill-child=SIGKILL", "sh", "-c", UNSHARE_SCRIPT, "sgns-sandbox"]
    command += [str(root), str(config.limits.tmp_mb), str(cwd)]
    for path in SYSTEM_DIRS:
        command += ["ro", path]
    for path in (*config.read_only, config.course):
        command += ["ro", path]
    for path in writable:
        command += ["rw", str(path)]
    return [*command, "--", *_prlimit(config.limits)]


def wrap(config: Config, command: list[str], writable: list[Path], cwd: Path, root: Path) -> list[str]:
    """command (커널) 을 격리 안에서 실행하는 명령."""
    if config.tool == "bwrap":
        return bwrap_command(config, writable, cwd) + command
    return unshare_command(config, writable, cwd, root) + command


def manager_for(data: dict | None, scratch: Path, cwd: Path, exchange: Path):
    """격리된 커널을 띄우는 KernelManager 클래스 (data 가 None 이면 None: 격리 없음).

    커널과는 TCP 가 아니라 교환 폴더의 유닉스 소켓 (ipc) 으로 이야기합니다 (커널에는 네트워크가 없으므로).
    """
    if data is None:
        return None
    from jupyter_client.manager import AsyncKernelManager

    config = Config.from_json(data)
    work = scratch / "work"
    root = scratch / "root"
    root.mkdir(exist_ok=True)
    writable = [work if work.exists() else cwd, exchange]
    mpl_dir = exchange / "matplotlib"
    seed_matplotlib(config.course, mpl_dir)

    class SandboxedKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = str(exchange / "kernel")
            self.connection_file = str(exchange / "kernel.json")

        def format_kernel_cmd(self, extra_arguments=None):
            return wrap(config, super().format_kernel_cmd(extra_arguments), writable, cwd, root)

        async def _async_pre_start_kernel(self, **kwargs):
            kwargs["env"] = sandbox_env(kwargs.get("env") or dict(os.environ), config.course, mpl_dir)
            if config.tool == "bwrap":
                # bwrap 은 SIGINT 를 받으면 끝나고 커널도 함께 끝나므로, 중단은 신호가 아니라 제어 채널의 메시지로
                self.kernel_spec.interrupt_mode = "message"
            return await super()._async_pre_start_kernel(**kwargs)

    return SandboxedKernelManager
