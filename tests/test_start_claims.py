"""시작 페이지 (START.md) 가 말하는 노트북 목록, 예상 시간, 업데이트 방법이 저장소의 노트북과 맞는지 확인합니다.

예상 시간은 여기서 노트북을 직접 읽어 따로 계산합니다: 마크다운 글자 수 (공백과 수식 포함, 이동 셀 제외) ÷ 275자/분
+ 코드 셀 수 × 1분 + 연습문제 제목 수 × 10분. 시작 페이지의 값은 5분 단위로 올린 값이므로 5분 안쪽이면 맞는 것으로
봅니다. 노트북은 ``notebooks/NN_*.ipynb`` 를 glob 으로 찾으므로, 노트북이 늘거나 나뉘어도 이 테스트는 그대로입니다.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
START = REPO / "START.md"
CHARS_PER_MINUTE = 275
ROW = re.compile(r"^\| (\S+) \| \[(.+?)\]\(my-work/([^)]+)\) \| (\d+)개 \| 약 (\d+)분 \|(?: \d+개 \|)?$", re.M)


def course_notebooks() -> list[Path]:
    return sorted(REPO.glob("notebooks/[0-9][0-9]*_*.ipynb"))


def reading_minutes(path: Path) -> tuple[float, dict]:
    """(반올림 전 예상 시간, 잰 값들)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if "course-nav" not in c.get("metadata", {})]
    markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    chars = sum(len(m) for m in markdown)
    code = sum(c["cell_type"] == "code" for c in cells)
    exercises = sum(len(re.findall(r"^ {0,3}#{2,4}\s*연습문제", m, flags=re.M)) for m in markdown)
    title = next(m for m in markdown).lstrip().split("\n", 1)[0].lstrip("# ").strip()
    minutes = chars / CHARS_PER_MINUTE + code + 10 * exercises
    return minutes, {"chars": chars, "code": code, "exercises": exercises, "title": title}


@pytest.fixture(scope="module")
def start() -> str:
    return START.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rows(start):
    return ROW.findall(start)


def test_contents_table_lists_every_notebook_in_file_order(rows):
    assert [r[2] for r in rows] == [p.name for p in course_notebooks()]
    assert len(rows) >= 6


def test_each_notebooks_time_and_exercises_match_the_notebook(rows):
    for label, _title, name, exercises, minutes in rows:
        computed, measured = reading_minutes(REPO / "notebooks" / name)
        assert int(exercises) == measured["exercises"], name
        assert abs(int(minutes) - computed) <= 5, (name, minutes, round(computed, 1))
        assert (label == "선택") == measured["title"].startswith("부록"), name


def test_total_time_and_the_notebook_count_match(start, rows):
    main = [r for r in rows if r[0] != "선택"]
    optional = [r for r in rows if r[0] == "선택"]
    total = re.search(r"선택 부록을 빼면 모두 약 (?:(\d+)시간 )?(\d+)분", start)
    stated = int(total.group(1) or 0) * 60 + int(total.group(2))
    assert stated == sum(int(r[4]) for r in main)
    computed = sum(reading_minutes(REPO / "notebooks" / r[2])[0] for r in main)
    assert abs(stated - computed) <= 5 * len(main)
    assert f"본문 노트북 {len(main)}권과 선택 부록 {len(optional)}권" in start
    assert not re.search(r"노트북 (다섯|여섯|일곱|여덟) 권", start)  # 손으로 적은 권 수는 어긋나기 쉬움


def test_the_method_is_stated_with_the_rate_used(start):
    assert f"{CHARS_PER_MINUTE}자/분" in start
    assert "400자" not in start
    assert "코드 셀 수 × 1분" in start and "연습문제 수 × 10분" in start


def test_updates_are_taken_with_make_update_not_git_pull(start):
    assert "make update" in start
    for line in start.splitlines():
        if "git pull" in line:
            assert "make update" in line and "대신" in line, line


PARTICLES = "의|을|를|이|가|은|는|로|으로|에|에서|와|과|도|만|까지|부터|처럼|이나|이며|이고|입니다"
PARTICLE = re.compile(rf"[A-Za-z0-9`)\]*_] ({PARTICLES})(?=[\s.,:)]|$)", re.M)


def test_no_space_between_a_word_and_its_particle(start):
    assert PARTICLE.findall(start) == []


def test_summary_and_lesson_plan_are_linked_and_exist(start):
    for name in ("SUMMARY.md", "LESSON-PLAN.md"):
        assert f"]({name})" in start
        assert (REPO / name).exists()
