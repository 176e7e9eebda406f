"""강의 노트북의 이전/다음 링크와 시작 페이지의 목차를 만듭니다 (여러 번 실행해도 결과가 같음).

각 강의 노트북 (``notebooks/NN_*.ipynb``, 파일 이름 순서) 에

- 맨 앞 셀: ``← 이전: <앞 노트북 제목>`` 링크 (첫 노트북은 빼고) 와 시작 페이지 링크
- 맨 끝 셀: ``다음: <다음 노트북 제목> →`` 링크 (마지막 노트북은 빼고) 와 시작 페이지 링크

를 둡니다. 링크는 같은 폴더의 파일 이름 (``02_naive_softmax.ipynb``) 과 한 단계 위의 시작 페이지
(``../START.md``) 이므로 ``notebooks/``, ``student/``, ``my-work/`` 어디에서 열어도 맞습니다 (학생판은
``tools/make_student.py`` 가 이 셀을 그대로 복사합니다). 만든 셀은 셀 메타데이터 ``course-nav`` (``"top"``,
``"bottom"``) 로 알아보므로, 다시 실행하면 그 셀을 바꿔 쓸 뿐 늘리지 않습니다. 슬라이드에서는 빠집니다
(``slideshow.slide_type = "skip"``; HTML 슬라이드에서는 .ipynb 링크가 열리지 않으므로).

시작 페이지 (``START.md``; ``make lab`` 이 마크다운 미리 보기로 엶) 에서는 ``<!-- course-nav: contents -->`` 와
``<!-- /course-nav: contents -->`` 사이를 노트북 목록 표로 바꿔 씁니다: 순서, 제목 (``my-work/`` 의 같은 노트북으로
가는 링크), 연습문제 수, 예상 시간, 개념 확인·숫자로 확인 수, 본문 노트북과 선택 부록의 권 수.
예상 시간은 ``estimate_minutes`` 의 대략적인 공식입니다: 마크다운 글자 수 (공백과 수식 포함) ÷ 275자/분
(수식이 많은 글을 읽는 속도) + 코드 셀마다 1분 + 연습문제마다 10분, 5분 단위로 올림. 개념 확인 (장 끝의
``## 개념 확인``) 과 숫자로 확인 (``**숫자로 확인 N.**`` 바로 뒤에 풀이 셀이 있는 것) 은 연습문제로 세지
않습니다: 답을 고르거나 유도한 식에 수를 넣는 몇 분이라, 그 문항을 읽는 시간과 셀 둘 (풀이, 확인) 의 몫이면
됩니다. 제목이 ``부록`` 으로 시작하는 노트북은 '선택' 으로 표시합니다.

사용법::

    python tools/notebook_nav.py --write            # notebooks/*.ipynb 와 START.md 를 고쳐 씀
    python tools/notebook_nav.py --check            # 최신인지 검사만 (CI 용, 다르면 종료 코드 1)
    python tools/notebook_nav.py --check notebooks/01_concept.ipynb notebooks/02_naive_softmax.ipynb

노트북을 고쳐 쓴 뒤에는 ``make student`` 로 학생판을 다시 만드세요.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from notebook_cli import mode_parser
from notebook_guards import cell_source

NAV_KEY = "course-nav"
START_PAGE = "START.md"
CONTENTS_BEGIN = "<!-- course-nav: contents -->"
CONTENTS_END = "<!-- /course-nav: contents -->"
COURSE_RE = re.compile(r"^\d\d[a-z]?_.*\.ipynb$")  # 04_math, 04b_training (둘째 시간)
READING_CHARS_PER_MINUTE = 275  # 수식이 많은 한국어 글을 읽는 속도 (자/분)
MINUTES_PER_CODE_CELL = 1
MINUTES_PER_EXERCISE = 10


@dataclass(frozen=True)
class CourseNotebook:
    """목차에 쓰는 노트북 한 권의 정보."""

    name: str  # 파일 이름, 예: 01_concept.ipynb
    title: str  # 첫 `#` 제목, 예: 1. 네거티브 샘플링의 개념
    exercises: int
    minutes: int
    quizzes: int = 0  # 개념 확인과 숫자로 확인 (연습문제 수와 따로)

    @property
    def optional(self) -> bool:
        return self.title.startswith("부록")


def is_nav_cell(cell: dict) -> bool:
    """이 도구가 만든 셀인지 (셀 메타데이터 ``course-nav``)."""
    return NAV_KEY in cell.get("metadata", {})


def notebook_title(nb: dict, name: str) -> str:
    """노트북의 첫 ``# `` 제목 (이동 셀은 건너뜀). 없으면 ValueError."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown" and not is_nav_cell(cell):
            match = re.match(r"^#\s+(.+?)\s*#*\s*$", cell_source(cell).lstrip().split("\n", 1)[0])
            if match:
                return match.group(1)
            break
    raise ValueError(f"{name}: 첫 마크다운 셀이 '# 제목' 으로 시작해야 이동 링크를 만들 수 있습니다.")


def count_exercises(nb: dict) -> int:
    """마크다운 셀의 ``### 연습문제`` 제목 줄 수."""
    return sum(len(re.findall(r"^ {0,3}#{2,4}\s*연습문제", cell_source(c), flags=re.M))
               for c in nb.get("cells", []) if c.get("cell_type") == "markdown")


def count_quizzes(nb: dict) -> int:
    """``## 개념 확인`` 제목 수 + 바로 뒤에 풀이 셀 (``### BEGIN SOLUTION``) 이 있는 ``**숫자로 확인 N.**`` 셀 수."""
    cells = nb.get("cells", [])
    count = 0
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell_source(cell)
        count += len(re.findall(r"^ {0,3}#{2,4}\s*개념 확인", source, flags=re.M))
        following = cells[index + 1] if index + 1 < len(cells) else {}
        if re.match(r"\s*\*\*숫자로 확인 \d+\.\*\*", source) and "### BEGIN SOLUTION" in cell_source(following):
            count += 1
    return count


def estimate_minutes(nb: dict) -> int:
    """예상 학습 시간 (분): 읽기 + 코드 셀 + 연습문제, 5분 단위로 올림. 공식은 모듈 설명에."""
    cells = [c for c in nb.get("cells", []) if not is_nav_cell(c)]
    chars = sum(len(cell_source(c)) for c in cells if c.get("cell_type") == "markdown")
    code = sum(1 for c in cells if c.get("cell_type") == "code")
    minutes = chars / READING_CHARS_PER_MINUTE + code * MINUTES_PER_CODE_CELL
    minutes += count_exercises(nb) * MINUTES_PER_EXERCISE
    return max(5, 5 * math.ceil(minutes / 5))


def describe(path: Path) -> CourseNotebook:
    nb = nbformat.read(path, as_version=4)
    return CourseNotebook(
        path.name, notebook_title(nb, str(path)), count_exercises(nb), estimate_minutes(nb), count_quizzes(nb)
    )


def _link_text(title: str) -> str:
    return title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def nav_sources(course: list[CourseNotebook], index: int) -> tuple[str, str]:
    """index 번째 노트북의 (맨 앞 셀, 맨 끝 셀) 마크다운."""
    start = f"[강의 안내 (시작 페이지)](../{START_PAGE})"
    if index == 0:
        top = f"처음이라면 {start}부터 읽으세요: 노트북의 순서, 시간, 연습문제를 푸는 법이 있습니다."
    else:
        before = course[index - 1]
        top = f"[← 이전: {_link_text(before.title)}]({before.name}) · {start}"
    if index + 1 < len(course):
        after = course[index + 1]
        kind = " (선택)" if after.optional else ""
        bottom = f"[다음: {_link_text(after.title)}{kind} →]({after.name}) · {start}"
    else:
        bottom = f"마지막 노트북입니다. {start}로 돌아가기"
    return top, bottom


def _nav_cell(source: str, position: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source)
    cell.id = f"nav-{position}"
    cell.metadata = {NAV_KEY: position, "slideshow": {"slide_type": "skip"}}
    return cell


def with_navigation(nb: nbformat.NotebookNode, course: list[CourseNotebook], index: int) -> nbformat.NotebookNode:
    """이동 셀을 (이미 있으면 빼고) 새로 넣은 노트북. 입력은 바꾸지 않습니다."""
    nb = nbformat.from_dict(nb)
    top, bottom = nav_sources(course, index)
    cells = [c for c in nb.cells if not is_nav_cell(c)]
    nb.cells = [_nav_cell(top, "top"), *cells, _nav_cell(bottom, "bottom")]
    return nb


def contents_table(course: list[CourseNotebook], work_dir: str = "my-work") -> str:
    """시작 페이지의 목차 표 (마크다운)."""
    rows = ["| 순서 | 노트북 | 연습문제 | 예상 시간 | 개념·숫자 확인 |", "|---|---|---|---|---|"]
    main_minutes = 0
    for number, item in enumerate(course, start=1):
        label = "선택" if item.optional else str(number)
        main_minutes += 0 if item.optional else item.minutes
        rows.append(f"| {label} | [{_link_text(item.title)}]({work_dir}/{item.name}) | {item.exercises}개 "
                    f"| 약 {item.minutes}분 | {item.quizzes}개 |")
    hours, minutes = divmod(main_minutes, 60)
    total = f"{hours}시간 {minutes}분" if hours else f"{minutes}분"
    n_optional = sum(item.optional for item in course)
    return (
        "## 노트북의 순서와 예상 시간\n\n"
        + "\n".join(rows)
        + f"\n\n본문 노트북 {len(course) - n_optional}권과 선택 부록 {n_optional}권입니다. "
        f"선택 부록을 빼면 모두 약 {total}입니다.\n"
        f"예상 시간은 대략적인 값이고, 노트북마다 이렇게 셉니다: 마크다운 글자 수(공백과 수식 포함) ÷ "
        f"{READING_CHARS_PER_MINUTE}자/분 + 코드 셀 수 × {MINUTES_PER_CODE_CELL}분 + 연습문제 수 × "
        f"{MINUTES_PER_EXERCISE}분, 5분 단위로 올림. "
        f"{READING_CHARS_PER_MINUTE}자/분은 수식이 많은 글을 읽는 속도입니다. "
        "개념 확인(장 끝의 객관식·수 문항)과 숫자로 확인(유도 뒤의 수 문항)은 연습문제로 세지 않고 "
        "그 글과 셀의 몫으로 셉니다."
    )


def with_contents(start: str, course: list[CourseNotebook]) -> str:
    """시작 페이지 (마크다운) 의 표시 사이를 목차로 바꾼 글. 표시가 한 쌍이 아니면 ValueError."""
    if start.count(CONTENTS_BEGIN) != 1 or start.count(CONTENTS_END) != 1:
        raise ValueError(f"{START_PAGE}: '{CONTENTS_BEGIN}' 와 '{CONTENTS_END}' 가 한 번씩 있어야 합니다.")
    head, rest = start.split(CONTENTS_BEGIN)
    _, tail = rest.split(CONTENTS_END)
    return f"{head}{CONTENTS_BEGIN}\n{contents_table(course)}\n{CONTENTS_END}{tail}"


def render(nb: nbformat.NotebookNode) -> str:
    """저장소의 노트북 파일과 같은 형식의 JSON 텍스트."""
    return nbformat.writes(nb) + "\n"


def planned_files(paths: list[Path], start_page: Path | None) -> dict[Path, str]:
    """고쳐 쓸 파일 -> 새 내용."""
    course_paths = sorted((p for p in paths if COURSE_RE.match(p.name)), key=lambda p: p.name)
    if not course_paths:
        raise ValueError("강의 노트북 (NN_이름.ipynb) 이 없습니다.")
    course = [describe(p) for p in course_paths]
    planned = {p: render(with_navigation(nbformat.read(p, as_version=4), course, i))
               for i, p in enumerate(course_paths)}
    if start_page is not None:
        planned[start_page] = with_contents(start_page.read_text(encoding="utf-8"), course)
    return planned


def main(argv: list[str] | None = None) -> int:
    parser = mode_parser(
        "강의 노트북의 이전/다음 링크와 시작 페이지 목차를 만듭니다.",
        check_help="최신인지 검사만 합니다 (다르면 종료 코드 1)",
        paths_help="강의 노트북",
    )
    parser.add_argument("--start-page", type=Path, default=Path(START_PAGE), help=f"시작 페이지 (기본: {START_PAGE})")
    parser.add_argument("--no-start-page", action="store_true", help="시작 페이지는 건드리지 않습니다")
    args = parser.parse_args(argv)

    paths = args.paths or sorted(Path("notebooks").glob("*.ipynb"))
    start_page = None if args.no_start_page else args.start_page
    if start_page is not None and not start_page.exists():
        print(f"❌ 시작 페이지 {start_page} 가 없습니다 (저장소 맨 위 폴더에서 실행했나요?)", file=sys.stderr)
        return 2
    try:
        planned = planned_files(paths, start_page)
    except (OSError, ValueError) as error:
        print(f"❌ {error}", file=sys.stderr)
        return 2
    stale = [p for p, text in planned.items() if p.read_text(encoding="utf-8") != text]
    if args.check:
        if stale:
            for path in stale:
                print(f"❌ 이동 링크/목차가 최신이 아닙니다: {path}", file=sys.stderr)
            print("   `python tools/notebook_nav.py --write` 뒤 `make student` 를 실행하세요.", file=sys.stderr)
            return 1
        print(f"✅ 이동 링크와 목차가 최신입니다 (파일 {len(planned)}개).")
        return 0
    for path in stale:
        path.write_text(planned[path], encoding="utf-8")
        print(f"✏️  {path}")
    print(f"✅ 파일 {len(planned)}개 중 {len(stale)}개를 새로 썼습니다.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
