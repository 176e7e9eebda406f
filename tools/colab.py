"""Google Colab 에서 학생판 노트북을 여는 배지와, Colab 에서만 강의 패키지를 설치하는 첫 셀.

강의 저장소의 주소와 브랜치는 **여기 한 곳**에만 적습니다. README 의 배지와 학생판 노트북 맨 위의 셀이
모두 이 값을 씁니다. 저장소를 옮기거나 포크해서 강의한다면 ``REPO_URL`` 과 ``BRANCH`` 를 고친 뒤::

    python tools/make_student.py      # 학생판 노트북의 배지와 설치 셀을 새 주소로
    python tools/colab.py             # README 에 붙일 배지 표를 출력

학생판(student/)에만 이 셀이 들어갑니다 (``tools/make_student.py`` 가 ``with_colab_cell`` 을 부름). 강사용
노트북(notebooks/)은 그대로입니다. 설치 셀은 Colab 이 아닌 곳(내 컴퓨터의 `make lab`, CI 의 papermill)에서는
아무것도 하지 않고 아무것도 출력하지 않습니다.
"""

from __future__ import annotations

import sys

import nbformat

# ---- 강의 담당자가 정하는 값 (한 곳) -------------------------------------------------------------
REPO_URL = "https://github.com/sgns-course/sgns-course"  # 공개 저장소 주소 (https://github.com/<소유자>/<이름>)
BRANCH = "main"  # 학생이 받을 브랜치
# ---------------------------------------------------------------------------------------------

STUDENT_DIR = "student"
PACKAGE = "sgns"
TAG = "colab"  # 이 모듈이 넣은 셀의 태그 (다시 넣을 때 먼저 지우려고)
BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
CELL_IDS = ("colab-badge", "colab-setup")  # 고정 id: 학생판이 바이트 단위로 늘 같게


def github_path() -> str:
    """REPO_URL 의 '<소유자>/<이름>' 부분."""
    prefix = "https://github.com/"
    if not REPO_URL.startswith(prefix) or REPO_URL.rstrip("/").count("/") != 4:
        raise ValueError(f"REPO_URL={REPO_URL!r}: 'https://github.com/<소유자>/<이름>' 꼴이어야 합니다.")
    return REPO_URL.removeprefix(prefix).removesuffix("/").removesuffix(".git")


def colab_url(filename: str) -> str:
    """학생판 노트북 하나를 Colab 에서 여는 주소."""
    return f"https://colab.research.google.com/github/{github_path()}/blob/{BRANCH}/{STUDENT_DIR}/{filename}"


def badge_markdown(filename: str) -> str:
    """'Open in Colab' 배지 (마크다운 한 줄)."""
    return f"[![Open In Colab]({BADGE_IMAGE})]({colab_url(filename)})"


def pip_requirement() -> str:
    """Colab 에서 pip 에 줄 요구 사항: 공개 저장소의 BRANCH 에서 이 패키지 (실행에 필요한 의존성 포함)."""
    return f"{PACKAGE} @ git+https://github.com/{github_path()}.git@{BRANCH}"


def setup_cell_source() -> str:
    """Colab 에서만 강의 패키지를 설치하는 코드 셀 (그 밖의 곳에서는 아무것도 하지 않고 출력도 없음)."""
    return f'''# Google Colab 에서만 하는 일: 강의 패키지 sgns 와 한글 글꼴을 설치합니다 (처음 한 번, 1분쯤).
# 내 컴퓨터(make lab)에서는 아무것도 하지 않습니다.
import importlib.util
import os
import subprocess
import sys

COURSE_PACKAGE = "{pip_requirement()}"
ON_COLAB = "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in os.environ
if ON_COLAB and importlib.util.find_spec("{PACKAGE}") is None:
    print("강의 패키지를 설치합니다…")
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", COURSE_PACKAGE])
    if pip.returncode != 0:
        raise SystemExit("❌ 강의 패키지를 설치하지 못했습니다. 위의 pip 메시지를 보고, "
                         "런타임을 다시 시작한 뒤 이 셀을 다시 실행하세요.")
    importlib.invalidate_caches()  # 방금 설치한 패키지를 이 커널이 바로 찾도록
    print("✅ 설치했습니다. 이제 아래 셀들을 차례로 실행하세요.")'''


def badge_cell_source(filename: str) -> str:
    return (
        f"{badge_markdown(filename)}\n\n"
        "**Google Colab 에서 열었다면** 바로 아래 셀을 먼저 실행하세요 (강의 패키지와 한글 글꼴을 설치합니다). "
        "내 컴퓨터에서 `make lab` 으로 열었다면 그냥 지나가도 됩니다."
    )


def is_colab_cell(cell: nbformat.NotebookNode) -> bool:
    """with_colab_cell 이 넣은 셀인지."""
    return TAG in cell.get("metadata", {}).get("tags", [])


def without_colab_cell(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """with_colab_cell 이 넣은 셀을 뺀 복사본."""
    nb = nbformat.from_dict(nb)
    nb.cells = [cell for cell in nb.cells if not is_colab_cell(cell)]
    return nb


def with_colab_cell(nb: nbformat.NotebookNode, filename: str) -> nbformat.NotebookNode:
    """맨 위에 Colab 배지(마크다운)와 Colab 에서만 설치하는 코드 셀을 넣은 복사본 (여러 번 불러도 한 번만 들어감).

    Parameters
    ----------
    nb : 학생판 노트북 (바꾸지 않습니다)
    filename : student/ 안의 파일 이름 (예: '01_concept.ipynb'), 배지 주소에 씁니다
    """
    nb = without_colab_cell(nb)
    badge = nbformat.v4.new_markdown_cell(badge_cell_source(filename), id=CELL_IDS[0], metadata={"tags": [TAG]})
    setup = nbformat.v4.new_code_cell(setup_cell_source(), id=CELL_IDS[1], metadata={"tags": [TAG]})
    nb.cells = [badge, setup, *nb.cells]
    return nb


def readme_table(filenames: list[str]) -> str:
    """README 에 붙일, 학생판 노트북마다 배지가 하나씩 있는 마크다운 표."""
    rows = ["| 학생판 노트북 | Colab |", "|---|---|"]
    rows += [f"| `{STUDENT_DIR}/{name}` | {badge_markdown(name)} |" for name in filenames]
    return "\n".join(rows)


def main() -> int:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    names = sorted(path.name for path in (root / STUDENT_DIR).glob("*.ipynb"))
    print(readme_table(names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
