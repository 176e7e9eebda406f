"""강의 사이트용 Sphinx 확장 (tools/site/conf.py 가 켬): 한국어 검색 색인, 원문 바로잡기 상자, 학생판 링크.

- 검색: Sphinx 의 기본 색인은 어절을 통째로 넣으므로 ``샘플링은`` 만 있는 글에서 ``샘플링`` 을 찾지 못합니다.
  ``SearchKorean`` 은 어절과 함께 Kiwi 가 어절마다 나눈 형태소 (체언, 용언의 어간, 어근) 도 색인에 넣습니다.
  검색어는 브라우저에서 띄어쓰기로 나뉘어 그대로 찾아지므로 ``잡음 분포`` 는 두 낱말이 모두 있는 쪽을 찾습니다.
- ``> **⚠️ 원문 바로잡기** — …`` 인용 상자에 ``errata`` 클래스를 붙입니다 (course.css 가 꾸밈).
- 노트북 쪽마다 템플릿 ``student-links.html`` 에 학생판 내려받기 주소와 Colab 주소 (``tools/colab.py``) 를 줍니다.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.search import SearchLanguage, languages

HANGUL = re.compile(r"[\uac00-\ud7a3]")
ERRATA_RE = re.compile(r"^\s*\u26a0\ufe0f?\s*원문 바로잡기")
# 색인에 넣는 형태소: 일반·고유·의존 명사, 수사, 대명사, 어근, 동사·형용사 어간, 외국어, 한자, 숫자, 일반 부사
INDEXED_TAGS = {"NNG", "NNP", "NNB", "NR", "NP", "XR", "VV", "VA", "SL", "SH", "SN", "MAG"}


class SearchKorean(SearchLanguage):
    lang = "ko"
    language_name = "Korean"

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        from kiwipiepy import Kiwi

        self.kiwi = Kiwi()
        self.cache: dict[str, list[str]] = {}

    def morphemes(self, word: str) -> list[str]:
        """어절 하나의 색인할 형태소 (어절마다 한 번만 분석: 글 전체를 한꺼번에 분석하는 것보다 열 배쯤 빠름)."""
        if word not in self.cache:
            tokens = self.kiwi.tokenize(word) if HANGUL.search(word) else []
            self.cache[word] = [t.form for t in tokens if t.tag.split("-")[0] in INDEXED_TAGS and t.form != word]
        return self.cache[word]

    def split(self, input: str) -> list[str]:
        words = self._word_re.findall(input)
        return words + [m for word in words for m in self.morphemes(word)]


def mark_errata(app, doctree: nodes.document) -> None:
    for quote in doctree.findall(nodes.block_quote):
        if ERRATA_RE.match(quote.astext()):
            quote["classes"].append("errata")


def student_links(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """노트북 쪽이면 학생판 내려받기 주소와 Colab 주소, 부록이면 '선택' 표시."""
    student = Path(app.srcdir) / "_extra" / "student" / f"{pagename}.ipynb"
    if doctree is None or not student.is_file():
        return
    from colab import colab_url

    context["student_download"] = f"student/{student.name}"
    context["colab_url"] = colab_url(student.name)
    context["optional_chapter"] = str(context.get("title", "")).startswith("부록")


def setup(app):
    languages["ko"] = SearchKorean
    app.connect("doctree-read", mark_errata)
    app.connect("html-page-context", student_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
