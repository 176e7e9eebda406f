"""강의 업데이트를 안전하게 받습니다 (``make update``). 학생의 작업은 하나도 지우지 않습니다.

하는 일 (git 으로 받은 저장소에서):

1. 강의 저장소에서 새 내용을 받아 옵니다 (``git fetch``). 받을 것이 없으면 아무것도 바꾸지 않습니다.
2. 업데이트를 빨리 감기(fast-forward)로 받을 수 없으면 (직접 커밋한 것이 있어 갈라짐, 업데이트가 바꾸는 파일을
   학생이 고침 등) 아무것도 바꾸지 않고 이유와 할 일을 알려 줍니다.
3. ``student/`` 와 ``notebooks/`` 에서 커밋된 내용과 달라진 파일(JupyterLab 자동 저장 등)을
   ``backups/<시각>/`` 에 그대로 복사한 뒤 원래 내용으로 되돌립니다.
4. 업데이트를 받습니다 (``git merge --ff-only``, 1 에서 받아 온 것으로).
5. ``student/`` 와 ``notebooks/`` 의 노트북을 읽기 전용으로 두고, 연습문제 복사(make exercises)를 실행해
   새 노트북과, 이미 복사한 노트북의 새 버전을 알려 줍니다.

``my-work/`` 는 건드리지 않습니다 (연습문제 복사가 없는 파일을 더할 뿐). ``git clean``, ``git reset --hard``,
``git stash`` 는 쓰지 않습니다. ZIP 으로 받은 폴더에서는 새 ZIP 을 받는 방법을 알려 줍니다.

사용법 (저장소 맨 위 폴더에서)::

    python tools/update_course.py
    python tools/update_course.py --work "내 작업"
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import start_exercises
from course_files import GitResult, git_problem, lock_read_only, run_git

PRISTINE = ("student", "notebooks")
BACKUPS = Path("backups")


class UpdateStopped(Exception):
    """업데이트를 받지 않고 멈춥니다. 메시지(한국어)는 학생에게 그대로 보여 줍니다. 아무 파일도 바꾸지 않은 상태."""


@dataclass
class Plan:
    """받아 올 업데이트와, 받기 전에 백업하고 되돌릴 파일들 (저장소 안의 상대 경로, '/' 구분)."""

    upstream: str
    behind: int
    incoming: set[str]
    restore: list[str] = field(default_factory=list)  # HEAD 에 있는 파일: 백업 후 HEAD 내용으로
    move_aside: list[str] = field(default_factory=list)  # HEAD 에 없고 업데이트가 가져올 이름: 백업 후 치움


def git(root: Path, *args: str) -> GitResult:
    return run_git(["--literal-pathspecs", *args], cwd=root)


def git_lines(root: Path, *args: str) -> list[str]:
    """-z 출력의 경로들. 실패하면 UpdateStopped."""
    result = git(root, *args)
    if not result.ok:
        raise UpdateStopped(f"git {args[0]} 이(가) 실패했습니다: {git_problem(result)}")
    return [item for item in result.stdout.split("\0") if item]


def zip_advice(work: str) -> str:
    return (
        "   ZIP 으로 받았다면: 강의 페이지에서 새 ZIP 을 내려받아 다른 폴더에 풀고, 지금 폴더의"
        f" {work}/ 를 통째로 새 폴더로 복사하세요.\n"
        "   (git 으로 받으면 다음부터 make update 한 번으로 업데이트됩니다: git clone <강의 저장소 주소>)"
    )


def check_repository(root: Path, work: str) -> None:
    """root 가 git 으로 받은 이 강의 저장소의 맨 위 폴더인지. 아니면 UpdateStopped."""
    top = git(root, "rev-parse", "--show-toplevel")
    if top.ok and Path(top.stdout.strip()).resolve() == root.resolve():
        return
    if "dubious ownership" in top.stderr:
        raise UpdateStopped(
            f"❌ {git_problem(top)}.\n"
            "   폴더의 소유자가 지금 사용자와 다를 때(Docker, WSL 의 /mnt/c 등) git 이 이렇게 막습니다.\n"
            f"   이 폴더를 믿는다면 다음을 한 번 실행한 뒤 다시 make update 하세요:\n"
            f"     git config --global --add safe.directory '{root.resolve()}'"
        )
    reason = git_problem(top) if not top.ok else f"git 저장소의 맨 위가 {top.stdout.strip()} 입니다"
    raise UpdateStopped(
        f"❌ 이 폴더({root.resolve()})는 git 으로 받은 강의 저장소가 아니라서 업데이트를 받을 수 없습니다 ({reason}).\n"
        + zip_advice(work)
    )


def find_upstream(root: Path) -> str:
    """지금 브랜치가 따라가는 원격 브랜치 (예: origin/main). 없으면 UpdateStopped."""
    if not git(root, "symbolic-ref", "-q", "HEAD").ok:
        raise UpdateStopped(
            "❌ 지금 브랜치가 아닌 커밋(detached HEAD)에 있어서 업데이트를 받을 수 없습니다.\n"
            "   `git switch main` 으로 main 브랜치로 돌아간 뒤 다시 실행하세요."
        )
    upstream = git(root, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}")
    if not upstream.ok:
        raise UpdateStopped(
            "❌ 이 브랜치에는 업데이트를 받아 올 곳(upstream)이 설정되어 있지 않습니다.\n"
            "   강의 저장소를 git clone 으로 받은 main 브랜치에서 실행하세요."
        )
    return upstream.stdout.strip()


def fetch(root: Path) -> None:
    """강의 저장소에서 새 커밋을 받아 옵니다 (작업 폴더는 바꾸지 않음). 실패하면 UpdateStopped."""
    result = git(root, "fetch", "--quiet")
    if not result.ok:
        raise UpdateStopped(
            "❌ 강의 저장소에서 새 내용을 받아 오지 못했습니다. 인터넷 연결을 확인하고 다시 실행하세요.\n"
            f"   ({git_problem(result)})\n"
            "   아무 파일도 바꾸지 않았습니다."
        )


def status_entries(root: Path) -> list[tuple[str, str]]:
    """``git status`` 의 (두 글자 상태, 경로) 목록. 무시되는 파일(my-work/ 등)은 없습니다."""
    items = git_lines(root, "--no-optional-locks", "status", "--porcelain=v1", "-z", "--no-renames", "-uall")
    return [(item[:2], item[3:]) for item in items]


def in_pristine(path: str) -> bool:
    return path.split("/", 1)[0] in PRISTINE


def plan_update(root: Path, upstream: str) -> Plan:
    """무엇을 백업하고 되돌릴지 정합니다. 업데이트를 받을 수 없으면 (아무것도 바꾸기 전에) UpdateStopped."""
    counts = git(root, "rev-list", "--left-right", "--count", f"HEAD...{upstream}")
    if not counts.ok:
        raise UpdateStopped(f"❌ 업데이트와 지금 상태를 비교하지 못했습니다: {git_problem(counts)}")
    ahead, behind = (int(n) for n in counts.stdout.split())
    if ahead and behind:
        raise UpdateStopped(
            f"❌ 이 저장소에 직접 만든 커밋이 {ahead}개 있어서, 강의 업데이트와 자동으로 합치지 않았습니다.\n"
            "   아무 파일도 바꾸지 않았습니다. 가장 안전한 방법: 강의 저장소를 다른 폴더에 새로 git clone 하고,\n"
            "   이 폴더의 my-work/ (와 필요한 파일)를 그 폴더로 복사하세요."
        )
    incoming = set(git_lines(root, "diff", "--name-only", "--no-renames", "-z", "HEAD", upstream)) if behind else set()
    plan = Plan(upstream=upstream, behind=behind, incoming=incoming)
    if not behind:
        return plan
    in_head = set(git_lines(root, "ls-tree", "-r", "--name-only", "-z", "HEAD", "--", *PRISTINE))
    unmerged = [path for code, path in status_entries(root) if "U" in code or code in ("AA", "DD")]
    if unmerged:
        raise UpdateStopped(
            "❌ 끝나지 않은 git 병합(merge) 중이라 업데이트를 받을 수 없습니다: " + ", ".join(unmerged) + "\n"
            "   아무 파일도 바꾸지 않았습니다. 병합을 끝내거나 `git merge --abort` 한 뒤 다시 실행하세요."
        )
    blocking = []
    for _, path in status_entries(root):
        if in_pristine(path):
            if path in in_head:
                plan.restore.append(path)
            elif path in incoming:
                plan.move_aside.append(path)
        elif path in incoming:
            blocking.append(path)
    if blocking:
        raise UpdateStopped(
            "❌ 업데이트가 바꾸는 파일을 여러분이 고쳤거나 같은 이름으로 만들었습니다:\n"
            + "".join(f"     - {path}\n" for path in sorted(blocking))
            + "   아무 파일도 바꾸지 않았습니다. 이 파일들을 다른 폴더(예: my-work/)로 복사해 두고,\n"
            "   고친 파일은 `git checkout -- <파일>` 로, 새로 만든 파일은 지워서 되돌린 뒤 다시 실행하세요."
        )
    return plan


def backup_folder(root: Path) -> Path:
    """새 백업 폴더 이름 (backups/2026-12-01_093000, 같은 초에 또 만들면 -2, -3 ...)."""
    stamp = time.strftime("%Y-%m-%d_%H%M%S")
    folder, number = root / BACKUPS / stamp, 1
    while folder.exists():
        number += 1
        folder = root / BACKUPS / f"{stamp}-{number}"
    return folder


def back_up(root: Path, paths: list[str]) -> Path | None:
    """파일들을 백업 폴더에 (같은 하위 경로로) 복사하고, 복사본이 원본과 같은지 확인합니다. 없어진 파일은 건너뜀."""
    existing = [path for path in paths if (root / path).is_file()]
    if not existing:
        return None
    folder = backup_folder(root)
    for path in existing:
        copy = folder / path
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / path, copy)
        if copy.read_bytes() != (root / path).read_bytes():
            raise UpdateStopped(f"❌ 백업이 원본과 다릅니다: {copy}. 아무것도 되돌리지 않았습니다.")
    return folder


def restore(root: Path, plan: Plan) -> GitResult:
    """백업한 파일을 커밋된 내용으로 되돌리고, 업데이트가 가져올 이름의 파일은 치웁니다 (백업한 뒤에만 부름)."""
    for path in plan.move_aside:
        git(root, "rm", "--cached", "--quiet", "--ignore-unmatch", "--", path)
        (root / path).unlink(missing_ok=True)
    if not plan.restore:
        return GitResult(0, "", "")
    return git(root, "checkout", "HEAD", "--", *plan.restore)


def merge(root: Path, upstream: str) -> GitResult:
    return git(root, "merge", "--ff-only", "--quiet", upstream)


def changed_pristine(root: Path) -> list[str]:
    """student/ 와 notebooks/ 에서 커밋된 내용과 달라진 (HEAD 에 있는) 파일들."""
    in_head = set(git_lines(root, "ls-tree", "-r", "--name-only", "-z", "HEAD", "--", *PRISTINE))
    return sorted(path for _, path in status_entries(root) if path in in_head)


def lock_pristine(root: Path) -> None:
    """student/ 와 notebooks/ 의 노트북 중 커밋된 내용 그대로인 것을 읽기 전용으로."""
    dirty = {path for _, path in status_entries(root)}
    notebooks = [path for folder in PRISTINE for path in sorted((root / folder).glob("*.ipynb"))]
    lock_read_only([path for path in notebooks if path.relative_to(root).as_posix() not in dirty])


def report_update(plan: Plan, folder: Path | None, before: str, after: str) -> None:
    """받은 업데이트와 백업을 알립니다. folder 는 저장소 안의 상대 경로."""
    print(f"✅ 강의를 업데이트했습니다 ({before} → {after}, 커밋 {plan.behind}개).")
    changed = sorted(path for path in plan.incoming if in_pristine(path) and path.endswith(".ipynb"))
    for path in changed:
        print(f"   바뀌거나 새로 생긴 노트북: {path}")
    if folder is not None:
        print(f"💾 student/ · notebooks/ 에서 고친 파일 {len(plan.restore) + len(plan.move_aside)}개를 백업했습니다:")
        for path in plan.restore + plan.move_aside:
            print(f"   {path} → {folder / path}")
        print("   (학생판과 강사용 노트북은 원래 내용으로 되돌렸습니다. 작업은 my-work/ 에서 하세요.)")


def head(root: Path) -> str:
    return git(root, "rev-parse", "--short", "HEAD").stdout.strip()


def update(root: Path, work: str) -> int:
    """업데이트 전체. 종료 코드를 돌려줍니다."""
    check_repository(root, work)
    upstream = find_upstream(root)
    fetch(root)
    plan = plan_update(root, upstream)
    if not plan.behind:
        print(f"✅ 이미 최신입니다 ({upstream} 과 같음). 아무 파일도 바꾸지 않았습니다.")
        dirty = changed_pristine(root)
        if dirty:
            print("   고친 내용이 있는 파일 (다음 업데이트 때 backups/ 로 옮겨집니다; 작업은 my-work/ 에서):")
            print("".join(f"     - {path}\n" for path in dirty), end="")
        lock_pristine(root)
        return 0
    before = head(root)
    folder = back_up(root, plan.restore + plan.move_aside)
    result = restore(root, plan)
    if result.ok:
        result = merge(root, upstream)
    if not result.ok:
        print(f"❌ 업데이트를 받지 못했습니다: {git_problem(result)}", file=sys.stderr)
        if folder is not None:
            print(f"   고친 파일은 {folder.relative_to(root)}/ 에 백업되어 있습니다.", file=sys.stderr)
        return 1
    report_update(plan, folder and folder.relative_to(root), before, head(root))
    lock_pristine(root)
    return 0


def main(argv: list[str] | None = None) -> int:
    description = "강의 업데이트를 받습니다 (고친 학생판은 backups/ 로, my-work/ 는 그대로)."
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--work", default="my-work", help="내 작업 폴더 (기본: my-work)")
    args = parser.parse_args(argv)
    root = Path.cwd()
    try:
        code = update(root, args.work)
    except UpdateStopped as stop:
        print(str(stop), file=sys.stderr)
        return 1
    except OSError as error:  # 디스크가 가득 참, 권한 없음 등: 백업을 마치기 전에는 아무것도 되돌리지 않습니다
        print(f"❌ 업데이트를 멈췄습니다: {error}. {BACKUPS}/ 와 git status 를 확인하세요.", file=sys.stderr)
        return 1
    if code != 0 or not any((root / "student").glob("*.ipynb")):
        return code
    print()
    return start_exercises.main(["--src", "student", "--dst", args.work])


if __name__ == "__main__":
    sys.exit(main())
