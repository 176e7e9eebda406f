"""확인 결과 기록: 화면에 보이는 한국어 메시지와 CI·채점이 읽는 기계용 기록을 한 출력에 담습니다.

확인 셀은 출력 하나(display_data)를 냅니다. 그 안에

- ``text/markdown``: JupyterLab 이 보여 주는 한국어 메시지 (제목, 사례, 입력, 기대한 값, 받은 값, 흔한 실수),
- ``text/plain``: 같은 메시지의 글자판 (터미널, CI 로그),
- ``application/vnd.sgns.check+json``: `CheckRecord` (연습문제 id, 상태, 사례별 결과, 실수 범주 id, 배점)

이 함께 들어 있습니다. 저장된 노트북에도 그대로 남고, 시드를 고정한 사례만 쓰므로 매번 같은 내용입니다
(nbval 이 비교할 수 있음). `records` 로 노트북에서 기록을 읽습니다.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sgns._validate import as_input_file, describe

MIME_TYPE = "application/vnd.sgns.check+json"
RECORD_VERSION = 1
STATUSES = ("pass", "fail", "todo", "error")
CASE_STATUSES = ("pass", "fail", "skipped", "error")
ICONS = {"pass": "✅", "fail": "❌", "todo": "⏳", "error": "⚠️"}


@dataclass(frozen=True)
class CaseResult:
    """사례 하나의 결과.

    id : 사례 id (연습문제 안에서 고유, 바뀌지 않음)
    visibility : "public" (학생에게 보이는 사례) 또는 "hidden" (채점 때만 쓰는 숨은 사례)
    status : "pass", "fail", "skipped" (시간 제한 등으로 실행하지 않음), "error" (확인 도구가 판정하지 못함)
    category : 틀렸을 때 실수 범주 id (`sgns.checks.CATEGORIES` 의 키), 아니면 None
    """

    id: str
    visibility: str
    status: str
    category: str | None = None

    def to_json(self) -> dict:
        data = {"id": self.id, "visibility": self.visibility, "status": self.status}
        if self.category is not None:
            data["category"] = self.category
        return data

    @classmethod
    def from_json(cls, data: dict) -> CaseResult:
        return cls(data["id"], data["visibility"], data["status"], data.get("category"))


@dataclass(frozen=True)
class CheckRecord:
    """확인 셀 하나의 결과 (채점과 CI 가 읽는 기록).

    exercise : 연습문제 id (예: "nb04-sgd-step"), nbgrader 의 grade_id 로도 씁니다
    function : 학생이 작성하는 함수 이름
    title : 화면에 보이는 연습문제 이름
    status : "pass" (모든 사례 통과), "fail" (틀림), "todo" (아직 풀지 않음), "error" (확인 도구 문제)
    points : 배점 (`sgns.checks.POINTS`)
    partial_credit : 사례별 부분 점수를 줄 수 있는 연습문제인지
    cases : 사례별 결과 (공개 사례 다음에 숨은 사례)
    category : 화면에 보여 준 실수의 범주 id (통과·미완성이면 None)
    message : 화면에 보인 한국어 메시지 (글자판)
    """

    exercise: str
    function: str
    title: str
    status: str
    points: int
    partial_credit: bool
    cases: tuple[CaseResult, ...] = field(default_factory=tuple)
    category: str | None = None
    message: str = ""

    # ---- 셈 ---------------------------------------------------------------

    def _count(self, visibility: str | None, status: str | None = "pass") -> int:
        return sum(
            (visibility is None or c.visibility == visibility) and (status is None or c.status == status)
            for c in self.cases
        )

    @property
    def passed(self) -> int:
        """통과한 사례 수 (공개 + 숨은)."""
        return self._count(None)

    @property
    def total(self) -> int:
        return len(self.cases)

    @property
    def public(self) -> tuple[int, int]:
        """(통과한 공개 사례 수, 공개 사례 수)."""
        return self._count("public"), self._count("public", None)

    @property
    def hidden(self) -> tuple[int, int]:
        """(통과한 숨은 사례 수, 숨은 사례 수)."""
        return self._count("hidden"), self._count("hidden", None)

    @property
    def categories(self) -> list[str]:
        """틀린 사례들의 실수 범주 id (사례 순서, 중복 포함). 반 전체의 흔한 실수를 셀 때 씁니다."""
        return [c.category for c in self.cases if c.category is not None]

    def score(self) -> float:
        """이 기록의 점수: 통과면 배점, 틀렸고 부분 점수가 있으면 배점 × 통과한 사례 비율, 아니면 0."""
        if self.status == "pass":
            return float(self.points)
        if self.status == "fail" and self.partial_credit and self.total:
            return self.points * self.passed / self.total
        return 0.0

    # ---- JSON ---------------------------------------------------------------

    def to_json(self) -> dict:
        """기계용 기록 (JSON 으로 바꿀 수 있는 dict; 실수 값 없이 문자열과 정수만 써서 언제나 같은 내용)."""
        public_passed, public_total = self.public
        hidden_passed, hidden_total = self.hidden
        return {
            "version": RECORD_VERSION,
            "exercise": self.exercise,
            "function": self.function,
            "title": self.title,
            "status": self.status,
            "points": self.points,
            "partial_credit": self.partial_credit,
            "passed": self.passed,
            "total": self.total,
            "public": {"passed": public_passed, "total": public_total},
            "hidden": {"passed": hidden_passed, "total": hidden_total},
            "category": self.category,
            "cases": [c.to_json() for c in self.cases],
            "message": self.message,
        }

    @classmethod
    def from_json(cls, data) -> CheckRecord:
        if isinstance(data, str):
            data = json.loads(data)
        return cls(
            *(data[name] for name in ("exercise", "function", "title", "status")),
            points=int(data["points"]),
            partial_credit=bool(data["partial_credit"]),
            cases=tuple(CaseResult.from_json(c) for c in data.get("cases", [])),
            category=data.get("category"),
            message=data.get("message", ""),
        )

    # ---- 화면 ---------------------------------------------------------------

    def markdown(self) -> str:
        """JupyterLab 에 보일 Markdown: 첫 줄은 굵게, 나머지 줄은 목록."""
        head, *rest = self.message.split("\n")
        lines = [f"**{_md_escape(head)}**"]
        if rest:
            lines.append("")
            lines += [f"- {_md_escape(line.strip())}" for line in rest if line.strip()]
        return "\n".join(lines)

    def bundle(self) -> dict:
        """display_data 의 data: 글자판, Markdown, 기계용 기록."""
        return {"text/plain": self.message, "text/markdown": self.markdown(), MIME_TYPE: self.to_json()}

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.bundle()

    def __str__(self) -> str:
        return self.message


# 밑줄은 이스케이프하지 않습니다: 낱말 안의 밑줄(skipgram_pairs, u_o)은 CommonMark 에서 기울임이 되지 않습니다.
_MD_SPECIAL = re.compile(r"([\\*~\[\]<>|$#])")


def _md_escape(text: str) -> str:
    """Markdown 특수 문자를 이스케이프합니다. 역따옴표로 감싼 코드 조각은 그대로 둡니다."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # 역따옴표 짝이 맞지 않음: 전부 글자로
        return _MD_SPECIAL.sub(r"\\\1", text).replace("`", "\\`")
    return "".join(f"`{part}`" if i % 2 else _MD_SPECIAL.sub(r"\\\1", part) for i, part in enumerate(parts))


def show(record: CheckRecord) -> None:
    """기록을 보여 줍니다: IPython 커널 안이면 출력 하나(display_data), 아니면 메시지를 print."""
    if not isinstance(record, CheckRecord):
        raise TypeError(f"`record`는 CheckRecord (evaluate 의 결과)이어야 합니다. 받은 값: {describe(record)}")
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # IPython 없이 쓰는 경우
        get_ipython = None
    if get_ipython is not None and get_ipython() is not None:
        display(record.bundle(), raw=True)
    else:
        print(record.message)


def records(notebook) -> list[CheckRecord]:
    """노트북 출력에 담긴 확인 기록들 (셀 순서대로).

    Parameters
    ----------
    notebook : 노트북 파일 경로(str, Path), nbformat 의 NotebookNode, 또는 노트북 JSON dict

    Returns
    -------
    list[CheckRecord] : 출력에 기록이 있는 확인 셀마다 하나 (실행하지 않은 셀에는 없음)
    """
    if isinstance(notebook, (str, Path)):
        path = as_input_file("notebook", notebook)
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"`notebook`={str(path)!r} 는 노트북(JSON) 파일이 아닙니다: {exc}") from None
    if not isinstance(notebook, Mapping):
        raise TypeError(
            "`notebook`은 노트북 파일 경로, NotebookNode, 또는 노트북 JSON dict 여야 합니다. "
            f"받은 값: {describe(notebook)}"
        )
    found = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME_TYPE in data:
                found.append(CheckRecord.from_json(data[MIME_TYPE]))
    return found
