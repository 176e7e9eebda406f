"""강의 노트북을 인터넷 없이 열리는 reveal.js HTML 슬라이드로 만듭니다 (``make slides``).

``build/slides/<노트북 이름>.slides.html`` 을 노트북마다 하나씩 씁니다. 저장된 출력을 그대로 쓰며 노트북을
다시 실행하지 않습니다. 슬라이드 나눔은 셀 메타데이터 ``slideshow.slide_type`` 을 따릅니다
(``tools/slide_metadata.py`` 가 만듦).

페이지가 읽는 스크립트·스타일·글꼴은 모두 ``build/slides/vendor/`` 에 복사해 상대 경로로 참조합니다.
복사해 오는 곳은 ``requirements.txt`` 로 설치된 PyPI 패키지들입니다:

- reveal.js 5.2.0 (``dist/``, ``plugin/notes/``, 테마와 그 글꼴): ``sphinx-revealjs`` 휠의 ``_static/revealjs``
- MathJax 2.7.9 (TeX 입력, HTML-CSS 출력, STIX-Web 글꼴): ``jupyter-server-mathjax`` 휠의 ``static``

nbconvert 의 기본 reveal 템플릿이 인터넷 (unpkg, cdnjs) 에서 불러오는 jQuery, require.js, mermaid 는
``tools/slides_template/offline_reveal`` 템플릿이 빼고, reveal.js 와 MathJax 는 위의 복사본을 읽게 합니다.
노트북끼리의 링크 (``02_naive_softmax.ipynb``) 는 슬라이드끼리의 링크 (``02_naive_softmax.slides.html``) 로 바꿉니다.

사용법::

    python tools/build_slides.py                           # notebooks/*.ipynb -> build/slides/
    python tools/build_slides.py notebooks/04_math.ipynb --out build/slides
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import sys
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent / "slides_template"
TEMPLATE_NAME = "offline_reveal"
VENDOR = "vendor"
REVEAL_DIR = f"{VENDOR}/reveal.js"
MATHJAX_DIR = f"{VENDOR}/mathjax"
MATHJAX_ENTRY = "MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
REVEAL_PARTS = ("dist", "plugin/notes", "LICENSE")


class AssetError(RuntimeError):
    """슬라이드에 필요한 파일 (reveal.js, MathJax) 을 설치된 패키지에서 찾지 못했습니다."""


def package_dir(name: str) -> Path:
    """설치된 패키지의 폴더 (import 하지 않고 찾음)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise AssetError(f"패키지 {name!r} 가 설치되어 있지 않습니다. `make setup` (requirements.txt) 으로 설치하세요.")
    return Path(next(iter(spec.submodule_search_locations)))


def reveal_source() -> Path:
    """reveal.js 배포본이 든 폴더 (sphinx-revealjs 휠)."""
    path = package_dir("sphinx_revealjs") / "_static" / "revealjs"
    if not (path / "dist" / "reveal.js").is_file():
        raise AssetError(f"{path}/dist/reveal.js 가 없습니다 (sphinx-revealjs 버전이 requirements.txt 와 다른가요?)")
    return path


def mathjax_source() -> Path:
    """MathJax 2 가 든 폴더 (jupyter-server-mathjax 휠)."""
    path = package_dir("jupyter_server_mathjax") / "static"
    if not (path / "MathJax.js").is_file():
        raise AssetError(f"{path}/MathJax.js 가 없습니다 (jupyter-server-mathjax 버전이 requirements.txt 와 다른가요?)")
    return path


def vendor_assets(out: Path) -> list[Path]:
    """reveal.js 와 MathJax 를 out/vendor/ 에 복사합니다. 이미 같은 크기의 파일이 있으면 건너뜁니다."""
    copies = [(reveal_source() / part, out / REVEAL_DIR / part) for part in REVEAL_PARTS]
    copies.append((mathjax_source(), out / MATHJAX_DIR))
    written = []
    for source, target in copies:
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        else:
            shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.map", "__pycache__"))
        written.append(target)
    return written


def exporter():
    """오프라인 템플릿을 쓰는 nbconvert SlidesExporter."""
    from nbconvert import SlidesExporter

    return SlidesExporter(
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        template_name=TEMPLATE_NAME,
        reveal_url_prefix=REVEAL_DIR,
        reveal_theme="white",
        reveal_transition="none",
        reveal_number="c/t",
        mathjax_url=f"{MATHJAX_DIR}/{MATHJAX_ENTRY}",
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def link_notebooks_to_decks(html: str, names: set[str]) -> str:
    """``href="NN_이름.ipynb"`` (만들어지는 슬라이드가 있는 것) 를 ``href="NN_이름.slides.html"`` 로."""

    def replace(match: re.Match) -> str:
        stem = match.group(2)
        return f'{match.group(1)}{stem}.slides.html{match.group(3)}' if stem in names else match.group(0)

    return re.sub(r'(href=")([^"/#?]+)\.ipynb((?:#[^"]*)?")', replace, html)


def build(notebooks: list[Path], out: Path) -> list[Path]:
    """슬라이드들을 만들어 그 경로들을 돌려줍니다."""
    import nbformat

    out.mkdir(parents=True, exist_ok=True)
    vendor_assets(out)
    slides = exporter()
    names = {p.stem for p in notebooks}
    written = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        html, _ = slides.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
        target = out / f"{path.stem}.slides.html"
        target.write_text(link_notebooks_to_decks(html, names), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="노트북을 인터넷 없이 열리는 HTML 슬라이드로 만듭니다.")
    parser.add_argument("paths", nargs="*", type=Path, help="노트북 (기본: notebooks/*.ipynb)")
    parser.add_argument("--out", type=Path, default=Path("build/slides"), help="슬라이드 폴더 (기본: build/slides)")
    args = parser.parse_args(argv)

    notebooks = args.paths or sorted(Path("notebooks").glob("*.ipynb"))
    missing = [p for p in notebooks if not p.is_file()]
    if not notebooks or missing:
        print(f"❌ 노트북이 없습니다: {', '.join(map(str, missing)) or 'notebooks/*.ipynb'}", file=sys.stderr)
        return 2
    try:
        written = build(notebooks, args.out)
    except AssetError as error:
        print(f"❌ {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"🖥️  {path}")
    print(f"✅ 슬라이드 {len(written)}개를 {args.out}/ 에 만들었습니다. 브라우저로 파일을 여세요 (인터넷 필요 없음).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
