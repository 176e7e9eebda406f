"""제출한 노트북을 강의의 학생판과 맞춰 봅니다: 어느 노트북인지, 이름이 바뀌었는지, 셀이 지워지거나 옮겨졌는지.

어느 노트북인지는 파일 이름이 아니라 안의 연습문제로 정합니다 (연습문제가 가장 많이 겹치는 학생판, 같으면 셀 id
가 더 많이 겹치는 쪽; 연습문제가 없으면 셀 id 로). 셀의 변화는 nbformat 4.5 의 셀 id 로 셉니다: JupyterLab 은
셀을 끌어 옮겨도 id 를 지키고, 지운 셀의 id 는 사라집니다 (잘라 붙인 셀은 새 id 를 받으므로 "지움 + 더함" 으로 보임).
학생판 맨 위의 Colab 셀 (``colab`` 태그) 은 세지 않습니다: 강사용 노트북이나 Colab 밖에서 만든 사본에는 없습니다.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat

from grading.plan import candidates


@dataclass(frozen=True)
class CourseNotebook:
    """강의 노트북 하나 (비교 기준, 보통 student/ 의 학생판).

    name : 파일 이름
    cell_ids : 셀 id (순서대로)
    exercises : 연습문제 id (셀 순서)
    """

    name: str
    cell_ids: tuple[str, ...]
    exercises: tuple[str, ...]

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> CourseNotebook:
        return cls(data["name"], tuple(data["cell_ids"]), tuple(data["exercises"]))


COLAB_TAG = "colab"  # 학생판 맨 위의 Colab 셀 (배지, 설치): 없거나 더 있어도 셀의 변화로 세지 않음


def _compared(nb) -> list:
    return [c for c in nb.get("cells", []) if COLAB_TAG not in c.get("metadata", {}).get("tags", [])]


def course_notebook(path: Path) -> CourseNotebook:
    nb = nbformat.read(path, as_version=4)
    exercises = tuple(dict.fromkeys(c.exercise for c in candidates(nb)))
    return CourseNotebook(path.name, tuple(str(c.get("id", "")) for c in _compared(nb)), exercises)


def load_course(folder: Path) -> list[CourseNotebook]:
    """folder 의 노트북들 (이름순)."""
    return [course_notebook(path) for path in sorted(folder.glob("*.ipynb"))]


def _cell_ids(nb) -> list[str] | None:
    ids = [cell.get("id") for cell in _compared(nb)]
    return None if not ids or any(not i for i in ids) else [str(i) for i in ids]


def match(nb, file_name: str, course: list[CourseNotebook]) -> CourseNotebook | None:
    """제출한 노트북에 맞는 강의 노트북 (없으면 None)."""
    exercises = {c.exercise for c in candidates(nb)}
    ids = set(_cell_ids(nb) or [])

    def overlap(reference: CourseNotebook) -> tuple[int, int, bool]:
        shared = len(exercises & set(reference.exercises))
        return shared, len(ids & set(reference.cell_ids)), reference.name == file_name

    best = max(course, key=overlap, default=None)
    if best is None or overlap(best) == (0, 0, False):
        return None
    shared_exercises, shared_ids, same_name = overlap(best)
    if shared_exercises == 0 and not same_name and shared_ids < len(best.cell_ids) / 2:
        return None  # 셀 id 가 조금 겹치는 것만으로는 같은 노트북이라고 보지 않음
    return best


def changes(nb, reference: CourseNotebook) -> dict | None:
    """학생판과 비교한 셀의 변화: {"deleted": 지운 셀 수, "added": 더한 셀 수, "reordered": 순서가 바뀌었는지}.

    셀 id 가 없는 노트북 (nbformat 4.5 이전 형식 등) 이거나 학생판과 겹치는 셀 id 가 하나도 없으면 (새로 만든
    노트북) None.
    """
    ids = _cell_ids(nb)
    if ids is None or not all(reference.cell_ids):
        return None
    mine, theirs = set(ids), set(reference.cell_ids)
    if not mine & theirs:
        return None
    kept_in_my_order = [i for i in ids if i in theirs]
    kept_in_course_order = [i for i in reference.cell_ids if i in mine]
    return {
        "deleted": len(theirs - mine),
        "added": len(mine - theirs),
        "reordered": kept_in_my_order != kept_in_course_order,
    }
