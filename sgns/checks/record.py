"""확인 결과 기록 (`CheckRecord`): 화면의 한국어 메시지와 CI·채점이 읽는 기계용 기록을 한 출력에 담습니다.

확인 셀의 출력 하나(display_data)에 ``text/markdown`` (JupyterLab 화면), ``text/plain`` (같은 메시지의 글자판),
``application/vnd.sgns.check+json`` (`CheckRecord.to_json`)이 함께 들어 있습니다. 사례의 시드가 고정되어
저장된 노트북의 출력은 매번 같습니다 (nbval). `records`로 노트북에서 기록을 읽습니다.
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
ICONS = {"pass": "✅", "fail": "❌", "todo": "⏳", "error": "⚠️"}


@dataclass(frozen=True)
class CaseResult:
    """사례 하나의 결과. visibility: "public" | "hidden"; status: "pass" | "fail" | "skipped" | "error";
    category: 틀렸을 때 실수 범주 id, 아니면 None."""

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
    """확인 셀 하나의 결과. status: "pass" | "fail" | "todo" (아직 풀지 않음) | "error" (확인 도구 문제);
    cases: 공개 사례 다음에 숨은 사례; category: 보여 준 실수의 범주 id (통과·미완성이면 None)."""

    exercise: str
    function: str
    title: str
    status: str
    points: int
    partial_credit: bool
    cases: tuple[CaseResult, ...] = field(default_factory=tuple)
    category: str | None = None
    message: str = ""

    def _count(self, visibility: str | None, status: str | None = "pass") -> int:
        return sum(
            (visibility is None or c.visibility == visibility) and (status is None or c.status == status)
            for c in self.cases
        )

    passed = property(lambda self: self._count(None), doc="통과한 사례 수 (공개 + 숨은)")
    total = property(lambda self: len(self.cases))
    public = property(lambda self: (self._count("public"), self._count("public", None)), doc="(통과, 공개 사례 수)")
    hidden = property(lambda self: (self._count("hidden"), self._count("hidden", None)), doc="(통과, 숨은 사례 수)")

    @property
    def categories(self) -> list[str]:
        """틀린 사례들의 실수 범주 id (사례 순서, 중복 포함)."""
        return [c.category for c in self.cases if c.category is not None]

    def score(self) -> float:
        """통과면 배점, 틀렸고 부분 점수가 있으면 배점 × 통과한 사례 비율, 아니면 0."""
        if self.status == "pass":
            return float(self.points)
        if self.status == "fail" and self.partial_credit and self.total:
            return self.points * self.passed / self.total
        return 0.0

    def to_json(self) -> dict:
        """기계용 기록 (문자열과 정수만 써서 언제나 같은 내용)."""
        (public_passed, public_total), (hidden_passed, hidden_total) = self.public, self.hidden
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

    def markdown(self) -> str:
        """JupyterLab에 보일 Markdown: 첫 줄은 굵게, 나머지 줄은 목록."""
        head, *rest = self.message.split("\n")
        lines = [f"**{_md_escape(head)}**"]
        if rest:
            lines.append("")
            lines += [f"- {_md_escape(line.strip())}" for line in rest if line.strip()]
        return "\n".join(lines)

    def bundle(self) -> dict:
        """display_data의 data: 글자판, Markdown, 기계용 기록."""
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
        raise TypeError(f"`record`는 CheckRecord (evaluate의 결과)이어야 합니다. 받은 값: {describe(record)}")
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
    """노트북 (파일 경로, NotebookNode, 또는 JSON dict)의 출력에 담긴 확인 기록들 (셀 순서대로)."""
    if isinstance(notebook, (str, Path)):
        path = as_input_file("notebook", notebook)
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"`notebook`={str(path)!r}는 노트북(JSON) 파일이 아닙니다: {exc}") from None
    if not isinstance(notebook, Mapping):
        raise TypeError(
            "`notebook`은 노트북 파일 경로, NotebookNode, 또는 노트북 JSON dict여야 합니다. "
            f"받은 값: {describe(notebook)}"
        )
    outputs = [o for c in notebook.get("cells", []) if c.get("cell_type") == "code" for o in c.get("outputs", [])]
    return [CheckRecord.from_json(o["data"][MIME_TYPE]) for o in outputs if MIME_TYPE in o.get("data", {})]
