"""`make slides` 의 HTML 슬라이드: 노트북마다 하나, 인터넷 자원 없이, 수식은 로컬 MathJax 로.

자원 (resource) 은 페이지가 열릴 때 브라우저가 스스로 불러오는 것입니다: ``<script src>``, ``<link href>``,
``<img src>`` 등, CSS 의 ``url(...)`` 과 ``@import``, 스크립트의 ``import``. 글 속 링크 (``<a href>``, 논문 주소)
와 주석은 자원이 아닙니다. 자원은 모두 ``build/slides/`` 안의 상대 경로여야 하고 그 파일이 있어야 합니다.
"""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from build_slides import MATHJAX_DIR, REVEAL_DIR, build, link_notebooks_to_decks

from conftest import NOTEBOOKS

RESOURCE_ATTRIBUTES = {
    "script": ["src"], "link": ["href"], "img": ["src", "srcset"], "source": ["src", "srcset"],
    "iframe": ["src"], "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"],
    "track": ["src"], "input": ["src"],
}


class ResourceParser(HTMLParser):
    """HTML 이 불러오는 자원 주소와, 스타일·스크립트의 본문."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in RESOURCE_ATTRIBUTES.get(tag, []):
            if attrs.get(name):
                self.urls.extend(u.strip().split(" ")[0] for u in attrs[name].split(",")) if name == "srcset" \
                    else self.urls.append(attrs[name])
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        self._inside = tag if tag in ("style", "script") else None

    def handle_endtag(self, tag):
        self._inside = None

    def handle_data(self, data):
        if self._inside == "style":
            self.styles.append(data)
        elif self._inside == "script":
            self.scripts.append(data)


def css_resources(css: str) -> list[str]:
    """CSS 가 불러오는 주소들 (주석 제외)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css)
    found += re.findall(r"@import\s+['\"]([^'\"]+)['\"]", css)
    return found


def script_imports(js: str) -> list[str]:
    """스크립트 본문의 ES 모듈 import 주소들."""
    return re.findall(r"\bimport\s*(?:\(|[^'\"()]*?from\s*)\s*['\"]([^'\"]+)['\"]", js)


def page_resources(html: str) -> list[str]:
    parser = ResourceParser()
    parser.feed(html)
    return parser.urls + [u for s in parser.styles for u in css_resources(s)] + \
        [u for s in parser.scripts for u in script_imports(s)]


def is_remote(url: str) -> bool:
    return bool(re.match(r"^\s*(?:https?:)?//", url, flags=re.I))


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    return out, build(list(NOTEBOOKS), out)


def test_one_deck_per_notebook(decks):
    out, written = decks
    assert [p.name for p in written] == [f"{p.stem}.slides.html" for p in NOTEBOOKS]
    assert all(p.parent == out and p.stat().st_size > 10_000 for p in written)


def test_the_resource_scanner_sees_remote_resources():
    html = ('<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//cdn.example/x.js"></script>'
            '<style>/* https://example.com comment */ @font-face { src: url("https://fonts.example/f.woff") }</style>'
            '<script type="module">import m from "https://cdn.example/m.mjs";</script>'
            '<a href="https://arxiv.org/abs/1310.4546">논문</a>')
    remote = [u for u in page_resources(html) if is_remote(u)]
    assert remote == ["https://cdn.example/x.css", "//cdn.example/x.js", "https://fonts.example/f.woff",
                      "https://cdn.example/m.mjs"]


def _local_files(base: Path, urls: list[str]) -> list[Path]:
    files = []
    for url in urls:
        if url.startswith(("data:", "#", "about:")):
            continue
        files.append((base / unquote(urlsplit(url).path)).resolve())
    return files


def test_no_deck_loads_anything_from_the_internet(decks):
    out, written = decks
    checked_css = set()
    for deck in written:
        urls = page_resources(deck.read_text(encoding="utf-8"))
        assert [u for u in urls if is_remote(u)] == [], deck.name
        files = _local_files(out, urls)
        assert all(f.is_file() and out.resolve() in f.parents for f in files), [f for f in files if not f.is_file()]
        for css in (f for f in files if f.suffix == ".css"):  # 스타일이 다시 불러오는 글꼴 등도 따라갑니다
            stack = [css]
            while stack:
                sheet = stack.pop()
                if sheet in checked_css:
                    continue
                checked_css.add(sheet)
                nested = css_resources(sheet.read_text(encoding="utf-8"))
                assert [u for u in nested if is_remote(u)] == [], sheet
                nested_files = _local_files(sheet.parent, nested)
                assert all(f.is_file() for f in nested_files), sheet
                stack.extend(f for f in nested_files if f.suffix == ".css")
    assert any(p.suffix == ".woff" for p in (out / REVEAL_DIR).rglob("*")), "reveal 테마 글꼴이 복사되지 않았습니다"


def test_formulas_use_the_local_mathjax_with_a_config(decks):
    out, written = decks
    html = written[0].read_text(encoding="utf-8")
    parser = ResourceParser()
    parser.feed(html)
    mathjax = [u for u in parser.urls if "MathJax.js" in u]
    assert mathjax == [f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"]
    assert (out / MATHJAX_DIR / "MathJax.js").is_file()
    assert (out / MATHJAX_DIR / "config" / "TeX-AMS-MML_HTMLorMML-full.js").is_file()
    assert list((out / MATHJAX_DIR / "fonts" / "HTML-CSS" / "STIX-Web" / "woff").glob("*.woff"))
    config = html.index("MathJax.Hub.Config")
    assert config < html.index(mathjax[0])  # 설정이 MathJax 보다 먼저 있어야 읽힘
    assert 'webFont: "STIX-Web"' in html and "inlineMath: [ ['$','$']" in html
    assert (out / REVEAL_DIR / "dist" / "reveal.js").is_file()
    assert (out / REVEAL_DIR / "plugin" / "notes" / "notes.js").is_file()


def test_links_between_notebooks_become_links_between_decks():
    html = '<a href="02_naive_softmax.ipynb">다음</a> <a href="../START.md">안내</a> <a href="x.ipynb#a">x</a>'
    assert link_notebooks_to_decks(html, {"02_naive_softmax", "x"}) == (
        '<a href="02_naive_softmax.slides.html">다음</a> <a href="../START.md">안내</a> '
        '<a href="x.slides.html#a">x</a>')


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium 이 없어 브라우저로 열어 보지 못합니다")
def test_a_deck_renders_its_formulas_in_an_offline_browser(decks, tmp_path):
    out, written = decks
    deck = next(p for p in written if "$" in p.read_text(encoding="utf-8"))
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",  # 인터넷 없음
               f"--user-data-dir={tmp_path}", "--virtual-time-budget=20000", "--dump-dom", deck.as_uri()]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    assert re.search(r'<div class="reveal[^"]*\bready\b', dom), "reveal.js 가 시작되지 않았습니다"
    rendered = len(re.findall(r'class="MathJax(?:_Display)?"', dom))
    assert rendered >= 10, f"MathJax 가 그린 수식이 {rendered}개뿐입니다"
    assert not re.search(r'class="[^"]*\b(?:MathJax_Error|merror)\b', dom)
