"""차시별 계획 (LESSON-PLAN.md) 이 강의의 노트북과 시작 페이지와 맞는지 확인합니다.

노트북은 ``notebooks/NN_*.ipynb`` 를 glob 으로 찾습니다: 본문의 장마다 (제목의 장 번호) 적어도 한 차시가 있고,
부록마다 (제목의 ``부록 X``) 계획이 그 부록을 말하며, 계획이 이름으로 말하는 노트북 파일은 모두 있어야 합니다.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PLAN = REPO / "LESSON-PLAN.md"


def titles() -> dict[str, str]:
    """파일 이름 -> 첫 ``# `` 제목."""
    out = {}
    for path in sorted(REPO.glob("notebooks/[0-9][0-9]*_*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            source = "".join(cell["source"]).lstrip()
            if cell["cell_type"] == "markdown" and source.startswith("# "):
                out[path.name] = source.split("\n", 1)[0][2:].strip()
                break
    return out


@pytest.fixture(scope="module")
def plan() -> str:
    return PLAN.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sessions(plan):
    rows = [line.strip().strip("|").split("|") for line in plan.splitlines() if re.match(r"^\| \d+ \|", line)]
    return [[cell.strip() for cell in row] for row in rows]


def test_three_weeks_of_sessions_of_75_to_100_minutes_each_with_homework(sessions):
    assert 6 <= len(sessions) <= 9
    assert [int(r[0]) for r in sessions] == list(range(1, len(sessions) + 1))
    assert {r[1] for r in sessions} == {"1주", "2주", "3주"}
    for row in sessions:
        assert 75 <= int(row[2].removesuffix("분")) <= 100
        assert row[4] and row[5], row[0]  # 다룰 것과 숙제


def test_every_chapter_has_a_session_and_every_appendix_is_mentioned(plan, sessions):
    session_text = "\n".join(row[3] for row in sessions)
    for name, title in titles().items():
        if title.startswith("부록"):
            letter = re.match(r"부록 ([A-Z])", title)
            assert f"부록 {letter.group(1) if letter else ''}" in plan, name
            continue
        chapter = re.match(r"(\d+)", title).group(1)  # "4. ...", "4-2. ..." 모두 4장
        assert f"{chapter}장" in session_text, name


def test_notebooks_named_in_the_plan_exist(plan):
    for name in re.findall(r"`(\d\d_\w+\.ipynb)`", plan):
        assert (REPO / "notebooks" / name).exists(), name
    for link in re.findall(r"\]\(([^)]+)\)", plan):
        assert (REPO / link).exists(), link


def test_the_chapter_5_and_appendix_a_exercises_are_scheduled(plan):
    for name in ("05_sampling.ipynb", "06_korean.ipynb"):
        nb = json.loads((REPO / "notebooks" / name).read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for heading in re.findall(r"^### (연습문제 .+)$", "".join(cell["source"]), flags=re.M):
                assert heading in plan, heading


def test_the_reading_rate_is_the_one_the_start_page_uses(plan):
    start = (REPO / "START.md").read_text(encoding="utf-8")
    rate = re.search(r"(\d+)자/분", start).group(1)
    assert f"{rate}자/분" in plan
