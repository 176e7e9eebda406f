"""제출 폴더에서 학생과 노트북 찾기.

받아들이는 배치 (섞어 써도 됩니다):

1. **학생마다 하위 폴더**: ``제출/김민수/01_concept.ipynb``, ``제출/김민수/과제/04_math.ipynb`` ...
   하위 폴더 이름이 학생 이름이고, 그 안의 노트북을 깊이와 상관없이 모두 찾습니다 (nbgrader 의
   ``submitted/<학생>/<과제>/`` 배치도 이 경우입니다). 폴더 안의 다른 파일은 실행할 때 노트북 옆에 함께 복사합니다.
2. **학생 이름이 붙은 파일**: ``제출/김민수__01_concept.ipynb`` 처럼 밑줄 두 개 (``__``) 앞이 학생 이름, 또는
   ``제출/김민수.ipynb`` 처럼 파일 이름 전체가 학생 이름.

숨김 파일·폴더 (``.`` 으로 시작, ``.ipynb_checkpoints`` 포함) 와 심볼릭 링크는 건너뜁니다 (링크는 보고서에 적음).
노트북이 아닌 파일은 채점하지 않고 보고서에 적습니다. 확장자가 ``.ipynb`` 라도 노트북으로 읽을 수 없으면
채점기가 그렇다고 적습니다.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

NAME_SEPARATOR = "__"


@dataclass
class Submission:
    """학생 한 명의 제출물.

    student : 학생 이름 (폴더 이름이나 파일 이름에서)
    root : 학생 폴더 (배치 1), 파일 이름 배치뿐이면 None
    notebooks : 채점할 ``.ipynb`` 파일들 (원본 경로; 채점기는 읽기만 함)
    others : 노트북이 아닌 파일 (root 기준 상대 경로)
    skipped : 건너뛴 심볼릭 링크 (root 기준 상대 경로)
    """

    student: str
    root: Path | None = None
    notebooks: list[Path] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def notebook_name(self, path: Path) -> str:
        """강의 노트북과 견줄 파일 이름: 파일 이름 배치면 ``__`` 뒤 (``김민수__01.ipynb`` -> ``01.ipynb``)."""
        if (self.root is None or not path.is_relative_to(self.root)) and NAME_SEPARATOR in path.stem:
            return path.name.split(NAME_SEPARATOR, 1)[1]
        return path.name

    def relative(self, path: Path) -> str:
        """보고서에 쓸 노트북 경로 (학생 폴더 기준, 파일 이름 배치면 파일 이름)."""
        if self.root is not None and path.is_relative_to(self.root):
            return path.relative_to(self.root).as_posix()
        return path.name


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _walk(folder: Path) -> tuple[list[Path], list[Path]]:
    """folder 안의 (파일들, 심볼릭 링크들), 숨김 항목은 빼고 링크는 따라가지 않음."""
    files, links = [], []
    for entry in sorted(folder.iterdir()):
        if _hidden(entry):
            continue
        if entry.is_symlink():
            links.append(entry)
        elif entry.is_dir():
            more_files, more_links = _walk(entry)
            files += more_files
            links += more_links
        elif entry.is_file():
            files.append(entry)
    return files, links


def student_of_file(path: Path) -> str:
    """파일 이름 배치에서 학생 이름: ``김민수__01.ipynb`` -> ``김민수``, ``김민수.ipynb`` -> ``김민수``."""
    stem = path.stem
    return stem.split(NAME_SEPARATOR, 1)[0] if NAME_SEPARATOR in stem else stem


def from_folder(folder: Path, student: str) -> Submission:
    """폴더 하나가 학생 한 명의 제출물일 때 (Gradescope 의 /autograder/submission 등)."""
    files, links = _walk(folder)
    return Submission(
        student,
        root=folder,
        notebooks=[f for f in files if f.suffix == ".ipynb"],
        others=[f.relative_to(folder).as_posix() for f in files if f.suffix != ".ipynb"],
        skipped=[link.relative_to(folder).as_posix() for link in links],
    )


def discover(folder: Path) -> tuple[list[Submission], list[str]]:
    """제출 폴더의 학생별 제출물 (학생 이름순) 과 건너뛴 것에 대한 안내 (한국어).

    Parameters
    ----------
    folder : 제출 폴더 (배치는 모듈 설명)
    """
    by_student: dict[str, Submission] = {}
    notes: list[str] = []
    for entry in sorted(folder.iterdir()):
        if _hidden(entry):
            continue
        if entry.is_symlink():
            notes.append(f"심볼릭 링크는 건너뜁니다: {entry.name}")
        elif entry.is_dir():
            found = from_folder(entry, entry.name)
            submission = by_student.setdefault(entry.name, Submission(entry.name))
            submission.root = entry
            submission.notebooks += found.notebooks
            submission.others += found.others
            submission.skipped += found.skipped
        elif entry.suffix == ".ipynb":
            submission = by_student.setdefault(student_of_file(entry), Submission(student_of_file(entry)))
            submission.notebooks.append(entry)
        elif entry.is_file():
            notes.append(f"제출 폴더 맨 위의 노트북이 아닌 파일은 건너뜁니다: {entry.name}")
    return [by_student[name] for name in sorted(by_student)], notes


def safe_name(name: str) -> str:
    """학생 이름을 폴더·파일 이름으로 쓸 수 있게 (한글은 그대로, 경로 문자와 공백은 ``_``)."""
    cleaned = re.sub(r"[\\/:*?\"<>|\s]+", "_", name).strip("._")
    return cleaned or "student"
