"""`make site` 의 강의 사이트: 만든 사이트를 헤드리스 Chromium 으로 열어 봅니다 (인터넷 없이).

- 노트북마다 한 쪽이 열리고, 쪽이 부르는 요청은 모두 이 컴퓨터 안 (file://, localhost) 입니다.
- 수식은 MathJax 가 그렸고 (보이는 글에 날 `$$`, `\\(` 가 없음), 그림은 모두 그려졌습니다 (naturalWidth > 0).
- 검색: `샘플링` 은 `샘플링은/을/의` 만 있는 쪽도 찾고, `잡음 분포` 는 5장을 찾습니다.
- 이전/다음 링크가 파일 이름 순서를 따르고, 원문 바로잡기 상자는 꾸며져 있고, 정답은 접혀 있습니다.

Chromium 은 DevTools 프로토콜을 파이프 (``--remote-debugging-pipe``) 로 직접 부릅니다 (추가 패키지 없음).
Chromium 이 없으면 이유를 말하고 건너뜁니다 (Debian/Ubuntu: ``apt-get install chromium``).
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tools"), str(ROOT / "tools" / "site")]

from build_site import build, course_notebooks, fold, home_page, site_notebook  # noqa: E402
from notebook_nav import notebook_title  # noqa: E402

CHROMIUM = next((path for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                 if (path := shutil.which(name))), None)
LOCAL_URL = re.compile(r"^(file:|data:|blob:|about:|https?://(localhost|127\.0\.0\.1)(:\d+)?/)")
NOTEBOOKS = course_notebooks(ROOT / "notebooks")
ERRATA_LINE = re.compile(r"^> \*\*\u26a0\ufe0f? ?원문 바로잡기", flags=re.M)


class Chromium:
    """헤드리스 Chromium 하나와 탭 하나 (DevTools 프로토콜, 파이프로 NUL 로 끝나는 JSON 을 주고받음)."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()
        # 인터넷으로 나가는 길을 막아 둡니다: 요청이 새어도 실패할 뿐이고, 아래에서 요청 주소로 잡아냅니다.
        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"]

        # Chromium 은 fd 3 에서 명령을 읽고 fd 4 에 답을 씁니다. 작은 파이썬 한 줄이 두 파이프를 그 번호로 옮긴 뒤
        # Chromium 으로 바뀝니다 (exec).
        launcher = ("import fcntl, os, sys; fds = [fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3]]; "
                    "os.dup2(fds[0], 3); os.dup2(fds[1], 4); os.execv(sys.argv[3], sys.argv[3:])")
        self.process = subprocess.Popen([sys.executable, "-c", launcher, str(to_browser), str(from_browser), *args],
                                        pass_fds=(to_browser, from_browser),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime"):
            self.call(f"{domain}.enable", session=self.session)

    def _message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            if not select.select([self._read], [], [], max(0.0, deadline - time.monotonic()))[0]:
                raise TimeoutError("Chromium 이 제때 답하지 않았습니다")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise EOFError("Chromium 이 끝났습니다")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._write, data):]
        deadline = time.monotonic() + timeout
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def open(self, url: str, timeout: float = 60) -> list[str]:
        """url 을 열고 load 이벤트까지 기다립니다. 그동안 쪽이 보낸 요청의 주소들을 돌려줍니다."""
        self.events.clear()
        self.call("Page.navigate", {"url": url}, self.session)
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._message(deadline))
        return self.requests()

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def js(self, expression: str, timeout: float = 30):
        result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, self.session, timeout)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:60]}…: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path, width: int = 1280, height: int = 1600) -> None:
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800}, self.session)
        data = self.call("Page.captureScreenshot", {"format": "png"}, self.session)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, EOFError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._read)
        os.close(self._write)


# MathJax 가 첫 조판을 마치면 끝나는 약속 (MathJax 2 의 StartupHook "End"; 이미 지났으면 바로 부름).
MATHJAX_DONE = """new Promise((resolve, reject) => {
  const start = Date.now();
  (function wait() {
    if (window.MathJax && MathJax.Hub && MathJax.Hub.Register) {
      MathJax.Hub.Register.StartupHook("End", () => resolve(true));
    } else if (Date.now() - start > 60000) { reject(new Error("MathJax 가 시작하지 않았습니다")); }
    else { setTimeout(wait, 50); }
  })();
})"""

# 보이는 글 (코드 블록은 빼고, 접힌 정답은 펼쳐서) 과 수식·그림의 개수
PAGE_FACTS = """(() => {
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  const hide = document.createElement("style");
  hide.textContent = "pre, .highlight { display: none !important; }";
  document.head.appendChild(hide);
  const text = document.querySelector("article.bd-article").innerText;
  hide.remove();
  const images = [...document.querySelectorAll("article.bd-article img")];
  const errata = [...document.querySelectorAll("blockquote.errata")];
  return {
    text,
    mathSources: document.querySelectorAll('script[type^="math/tex"]').length,
    mathRendered: document.querySelectorAll(".MathJax, .MathJax_Display").length,
    mathErrors: document.querySelectorAll(".MathJax_Error, merror").length,
    images: images.length,
    brokenImages: images.filter((img) => !(img.complete && img.naturalWidth > 0)).map((img) => img.src),
    prev: document.querySelector(".prev-next-area a.left-prev")?.getAttribute("href") ?? null,
    next: document.querySelector(".prev-next-area a.right-next")?.getAttribute("href") ?? null,
    errata: errata.length,
    errataBackgrounds: errata.map((q) => getComputedStyle(q).backgroundColor),
    download: document.querySelector(".student-links a.student-download")?.getAttribute("href") ?? null,
    colab: document.querySelector(".student-links a.open-colab")?.getAttribute("href") ?? null,
  };
})()"""

SEARCH_RESULTS = """new Promise((resolve, reject) => {
  const start = Date.now();
  (function wait() {
    // 검색이 끝나면 searchtools.js 의 _finishSearch 가 제목을 "Search Results" 의 번역으로 바꿉니다.
    const done = typeof Search !== "undefined" && Search.title;
    if (done && Search.title.innerText === Documentation.gettext("Search Results")) {
      resolve([...document.querySelectorAll("#search-results ul.search li > a")]
        .map((a) => [a.getAttribute("href"), Number(a.dataset.score)]));
    } else if (Date.now() - start > 20000) { reject(new Error("검색이 끝나지 않았습니다")); }
    else { setTimeout(wait, 50); }
  })();
})"""


def image_outputs(nb) -> int:
    return sum("image/png" in out.get("data", {}) for cell in nb.cells if cell.cell_type == "code"
               for out in cell.get("outputs", []))


def page_of(href: str) -> str:
    return href.split("?")[0].split("#")[0].removesuffix(".html")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    started = time.perf_counter()
    pages = build(out)
    print(f"사이트: {time.perf_counter() - started:.1f} 초, "
          f"{sum(p.stat().st_size for p in out.rglob('*') if p.is_file()) / 1e6:.1f} MB")
    return out, pages


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("Chromium 을 찾지 못해 사이트를 브라우저로 열어 보지 못합니다 (chromium, chromium-browser, "
                    "google-chrome 가 PATH 에 없음; Debian/Ubuntu: apt-get install chromium)")
    chromium = Chromium(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


# ---- 브라우저 없이: 원본 준비 ------------------------------------------------------------------------

def test_pages_follow_file_names_and_the_appendix_is_optional():
    chapters = [(p.stem, notebook_title(nbformat.read(p, as_version=4), p.name).startswith("부록")) for p in NOTEBOOKS]
    assert any(optional for _, optional in chapters), "부록 (선택) 노트북이 없습니다"
    index = home_page("# 시작\n\n[1장](my-work/01_concept.ipynb) [다른 곳](my-work/notes.md)\n", chapters)
    assert "[1장](01_concept.ipynb)" in index and "(my-work/notes.md)" in index
    lecture, appendix = re.findall(r"```\{toctree\}\n(.*?)```", index, flags=re.S)
    assert ":caption: 강의" in lecture and ":caption: 부록 (선택)" in appendix
    assert re.findall(r"^\d\d\w*$", lecture + appendix, flags=re.M) == [p.stem for p in NOTEBOOKS]


def test_answers_fold_by_default_and_show_with_one_setting():
    path = next(p for p in NOTEBOOKS if "BEGIN SOLUTION" in p.read_text(encoding="utf-8"))
    hidden, shown = site_notebook(path, "hide"), site_notebook(path, "show")
    assert not any("course-nav" in c.metadata for c in hidden.cells)  # 테마의 이전/다음이 대신함
    solution_code = [i for i, c in enumerate(hidden.cells) if c.cell_type == "code" and "BEGIN SOLUTION" in c.source]
    assert solution_code and all("hide-input" in hidden.cells[i].metadata.tags for i in solution_code)
    assert not any("hide-input" in shown.cells[i].metadata.tags for i in solution_code)
    assert "<details" not in "".join(c.source for c in shown.cells)
    assert fold("#### 유도 1: 제목\n\n$$x$$", "보기").startswith("#### 유도 1: 제목\n\n<details")
    assert fold("**모범 답안.** 답", "보기").startswith('<details class="answer">')
    with pytest.raises(ValueError, match="answers"):
        build(Path("unused"), answers="yes")


# ---- 만든 사이트를 Chromium 으로 ---------------------------------------------------------------------

def test_every_notebook_page_renders_offline(site, browser):
    out, pages = site
    assert pages == [p.stem for p in NOTEBOOKS]
    requests = browser.open((out / "index.html").as_uri())
    assert any(url.endswith("index.html") for url in requests), "요청 기록이 비어 있습니다"
    home = browser.js("[...document.querySelectorAll('.bd-sidenav a')].map((a) => a.getAttribute('href'))")
    assert [page_of(h) for h in home if page_of(h) in pages] == pages, "왼쪽 목차가 파일 이름 순서가 아닙니다"
    for i, name in enumerate(pages):
        requests = browser.open((out / f"{name}.html").as_uri())
        leaving = [url for url in requests if not LOCAL_URL.match(url)]
        assert not leaving, f"{name}: 이 컴퓨터 밖으로 나간 요청 {leaving}"
        assert any("/_static/mathjax/MathJax.js" in url for url in requests), f"{name}: MathJax 를 읽지 않았습니다"
        browser.js(MATHJAX_DONE, timeout=120)  # 바쁜 2코어 기계에서도 기다리도록
        facts = browser.js(PAGE_FACTS)
        nb = nbformat.read(out.parent / "site-src" / f"{name}.ipynb", as_version=4)
        assert facts["mathSources"] > 0 and facts["mathRendered"] >= facts["mathSources"], (name, facts["mathSources"],
                                                                                            facts["mathRendered"])
        assert facts["mathErrors"] == 0, name
        raw = [m.group(0) for m in re.finditer(r".{0,30}(\$\$|\\\(|\\\[).{0,30}", facts["text"])]
        assert not raw, f"{name}: 그려지지 않은 수식 {raw[:3]}"
        assert facts["images"] == image_outputs(nb) and not facts["brokenImages"], (name, facts["images"],
                                                                                    facts["brokenImages"])
        assert facts["prev"] == (f"{pages[i - 1]}.html" if i else "index.html"), name
        assert facts["next"] == (f"{pages[i + 1]}.html" if i + 1 < len(pages) else None), name
        assert facts["download"] == f"student/{name}.ipynb" and (out / "student" / f"{name}.ipynb").is_file()
        assert facts["colab"].startswith("https://colab.research.google.com/github/")
        assert facts["colab"].endswith(f"/student/{name}.ipynb")
        marked = sum(len(ERRATA_LINE.findall(c.source)) for c in nb.cells if c.cell_type == "markdown")
        assert facts["errata"] >= marked, f"{name}: 원문 바로잡기 상자 {marked}개 중 {facts['errata']}개만 꾸며짐"
        assert all(bg not in ("rgba(0, 0, 0, 0)", "transparent") for bg in facts["errataBackgrounds"]), name


def test_answers_are_folded_on_the_reader_pages(site, browser):
    out, pages = site
    name = next(p.stem for p in NOTEBOOKS if "answer-key" in p.read_text(encoding="utf-8"))
    browser.open((out / f"{name}.html").as_uri())
    folded = browser.js("[...document.querySelectorAll('details.answer, details.hide')].map((d) => d.open)")
    assert folded and not any(folded)


def search(browser, out: Path, query: str) -> dict[str, float]:
    """검색 결과 쪽 이름 -> 점수 (결과 순서대로)."""
    requests = browser.open(f"{(out / 'search.html').as_uri()}?q={quote(query)}")
    assert all(LOCAL_URL.match(url) for url in requests), requests
    return {page_of(href): score for href, score in browser.js(SEARCH_RESULTS)}


def test_the_index_has_the_morphemes_of_korean_words(site):
    out, _ = site
    index = json.loads(re.search(r"Search\.setIndex\((.*)\)", (out / "searchindex.js").read_text(encoding="utf-8"),
                                 flags=re.S).group(1))
    terms = {*index["terms"], *index["titleterms"]}
    assert {"샘플링은", "샘플링", "잡음", "분포", "word2vec"} <= terms  # 어절과 형태소 모두


def test_korean_search_finds_words_with_particles(site, browser):
    out, pages = site
    found = search(browser, out, "샘플링")
    text = {name: (out.parent / "site-src" / f"{name}.ipynb").read_text(encoding="utf-8") for name in pages}
    with_particle = {name for name, t in text.items() if re.search(r"샘플링(은|을|의)", t)}
    assert with_particle and with_particle <= set(found), (with_particle, found)
    assert set(found) <= {*pages, "index"}
    noise = search(browser, out, "잡음 분포")
    chapter5 = next(name for name in pages if name.startswith("05"))
    assert noise.get(chapter5) == max(noise.values()), f"'잡음 분포' 에서 5장이 가장 높은 점수가 아닙니다: {noise}"
