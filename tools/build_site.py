"""강의 사이트를 만듭니다 (``make site``): 노트북마다 한 쪽, 시작 페이지가 첫 화면, 인터넷 없이 열림.

Sphinx + myst-nb + sphinx-book-theme (설정은 ``tools/site/``) 가 저장된 출력을 그대로 씁니다 (재실행 없음).
이 스크립트는 원본 폴더를 준비하고 Sphinx 를 부른 뒤, 사이트가 읽는 파일을 복사할 뿐입니다:

1. ``notebooks/NN_*.ipynb`` (파일 이름 순서) 를 원본 폴더에 복사합니다. 이동 셀 (``course-nav``) 은 빼고
   (테마가 이전/다음을 보여 줌), 정답은 ``--answers hide`` (기본) 이면 접습니다: 연습문제 정답 코드는
   myst-nb 의 ``hide-input`` 태그로, ``solution``·``answer-key`` 마크다운 셀은 ``<details>`` 로 (제목 줄은 남김).
   ``--answers show`` (``make site ANSWERS=show``) 는 강사용 그대로 펼쳐 둡니다.
2. ``START.md`` 를 ``index.md`` 로 (``my-work/NN.ipynb`` 링크는 사이트의 쪽으로) 두고 목차를 붙입니다. 제목이
   ``부록`` 으로 시작하는 노트북 (``tools/notebook_nav.py`` 와 같은 규칙) 은 ``부록 (선택)`` 목차에 들어갑니다.
3. 학생판 ``student/NN.ipynb`` 를 사이트의 ``student/`` 로 (쪽마다 내려받기 단추, Colab 링크는 ``tools/colab.py``).
4. 만든 뒤 MathJax 2.7.9 (``jupyter-server-mathjax`` 휠) 와 강의에 쓰인 글자만 남긴 나눔고딕
   (``koreanize-matplotlib`` 휠) 을 ``_static/`` 에 복사합니다.

사이트 도구는 ``requirements-dev.txt`` 에 있습니다 (``make site`` 가 ``make setup-dev`` 처럼 설치합니다).

사용법::

    python tools/build_site.py                    # build/site/index.html
    python tools/build_site.py --answers show --out build/site-answers
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from build_slides import mathjax_source, package_dir
from notebook_guards import cell_source
from notebook_nav import is_nav_cell, notebook_title

ROOT = Path(__file__).resolve().parent.parent
SITE_CONF = ROOT / "tools" / "site"
ANSWER_LABELS = {"solution": "✍️ 유도 보기", "answer-key": "✍️ 모범 답안 보기"}
COURSE_NAME = re.compile(r"^\d\d[0-9A-Za-z]*_[^/]*\.ipynb$")
FONTS = ("NanumGothic", "NanumGothicBold")



def course_notebooks(folder: Path) -> list[Path]:
    """강의 노트북: 이름이 두 자리 숫자로 시작하는 .ipynb (01_concept, 04b_training …), 파일 이름 순서.

    tools/notebook_nav.py 의 NN_이름 규칙보다 넓게 잡아, 나눠진 노트북 (04, 04b) 도 사이트에서 빠지지 않게 합니다."""
    return sorted(p for p in folder.glob("[0-9][0-9]*.ipynb") if COURSE_NAME.match(p.name))


def fold(source: str, label: str) -> str:
    """마크다운을 접힌 ``<details>`` 로. 첫 줄이 제목이면 그 줄은 밖에 남깁니다."""
    head, body = "", source.strip()
    first, _, rest = body.partition("\n")
    if re.match(r"^#{1,6}\s", first):
        head, body = first + "\n\n", rest.strip()
    return f'{head}<details class="answer">\n<summary>{label}</summary>\n\n{body}\n\n</details>\n'


def site_notebook(path: Path, answers: str) -> nbformat.NotebookNode:
    """사이트에 올릴 노트북: 이동 셀을 빼고, 링크를 사이트에 맞추고, 정답을 접습니다 (answers == "hide")."""
    nb = nbformat.read(path, as_version=4)
    nb.cells = [cell for cell in nb.cells if not is_nav_cell(cell)]
    for cell in nb.cells:
        source = cell_source(cell)
        tags = cell.metadata.setdefault("tags", [])
        if cell.cell_type == "markdown":
            source = source.replace("](../START.md)", "](index.md)")
            label = next((ANSWER_LABELS[t] for t in tags if t in ANSWER_LABELS), None)
            if label and answers == "hide":
                source = fold(source, label)
        elif cell.cell_type == "code" and "### BEGIN SOLUTION" in source and answers == "hide":
            tags.append("hide-input")
        cell.source = source
    return nb


def home_page(start: str, chapters: list[tuple[str, bool]]) -> str:
    """START.md 를 사이트의 첫 화면으로: my-work/ 링크를 사이트의 쪽으로, 끝에 (숨긴) 목차."""
    names = {name for name, _ in chapters}
    start = re.sub(r"\]\(my-work/([^)/]+)\.ipynb\)",
                   lambda m: f"]({m.group(1)}.ipynb)" if m.group(1) in names else m.group(0), start)
    parts = [start.rstrip() + "\n"]
    for caption, optional in (("강의", False), ("부록 (선택)", True)):
        entries = [name for name, opt in chapters if opt == optional]
        if entries:
            parts.append("```{toctree}\n:hidden:\n:caption: " + caption + "\n\n" + "\n".join(entries) + "\n```\n")
    return "\n".join(parts)


def stage(src: Path, notebooks: list[Path], start_page: Path, student_dir: Path, answers: str) -> list[str]:
    """Sphinx 원본 폴더를 만듭니다. 쪽 이름들을 돌려줍니다."""
    if src.exists():
        shutil.rmtree(src)
    (src / "_extra" / "student").mkdir(parents=True)
    chapters = []
    for path in notebooks:
        nb = site_notebook(path, answers)
        nbformat.write(nb, src / path.name)
        chapters.append((path.stem, notebook_title(nb, str(path)).startswith("부록")))
        student = student_dir / path.name
        if student.is_file():
            shutil.copy2(student, src / "_extra" / "student" / student.name)
    (src / "index.md").write_text(home_page(start_page.read_text(encoding="utf-8"), chapters), encoding="utf-8")
    return [name for name, _ in chapters]


def subset_font(source: Path, target: Path, text: str) -> None:
    """source 글꼴에서 text 의 글자만 남겨 WOFF 로 (fontTools 는 matplotlib 과 함께 설치됨)."""
    import logging

    from fontTools import subset

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    options = subset.Options()
    options.flavor = "woff"
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)


def vendor_assets(out: Path) -> None:
    """MathJax 2.7.9 (SVG 출력은 빼고) 와 사이트에 쓰인 글자만 남긴 나눔고딕을 out/_static/ 에."""
    target = out / "_static" / "mathjax"
    shutil.copytree(mathjax_source(), target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("*.map", "__pycache__", "SVG"))
    text = "".join(sorted({ch for page in out.rglob("*.html") for ch in page.read_text(encoding="utf-8")}))
    text += "".join(chr(c) for c in range(0x20, 0x7f))
    fonts = package_dir("koreanize_matplotlib") / "fonts"
    for name in FONTS:
        subset_font(fonts / f"{name}.ttf", out / "_static" / "fonts" / f"{name}.woff", text)


def build(out: Path, answers: str = "hide", notebook_dir: Path = ROOT / "notebooks",
          student_dir: Path = ROOT / "student", start_page: Path = ROOT / "START.md") -> list[str]:
    """사이트를 out 에 만듭니다 (원본 폴더는 out 옆의 <이름>-src). 쪽 이름들을 돌려줍니다."""
    if answers not in ("hide", "show"):
        raise ValueError(f"answers={answers!r}: 'hide' (정답 접기) 또는 'show' (정답 보이기) 여야 합니다.")
    notebooks = course_notebooks(notebook_dir)
    if not notebooks:
        raise FileNotFoundError(f"{notebook_dir}/ 에 강의 노트북 (NN_이름.ipynb) 이 없습니다.")
    if out.exists() and any(out.iterdir()):
        if not (out / ".buildinfo").is_file():
            raise ValueError(f"--out {out}: 비어 있지 않고 전에 만든 사이트도 아닌 폴더입니다. 다른 폴더를 주세요.")
        shutil.rmtree(out)  # 전에 만든 사이트: 이름이 바뀐 노트북의 옛 쪽이 남지 않도록 새로 만듭니다
    src = out.parent / f"{out.name}-src"
    pages = stage(src, notebooks, start_page, student_dir, answers)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", "1", "-c", str(SITE_CONF),
               "-d", str(src / ".doctrees"), "-A", f"answers={answers}", "-D", f"html_extra_path={src / '_extra'}",
               str(src), str(out)]
    subprocess.run(command, check=True)
    vendor_assets(out)
    for leftover in [*out.glob("_static/**/*.map"), out / "_sources"]:  # source maps, empty _sources/
        leftover.unlink() if leftover.is_file() else shutil.rmtree(leftover, ignore_errors=True)
    (out / ".nojekyll").touch()  # GitHub Pages 가 _static/ 같은 밑줄 폴더도 내보내도록
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="강의 노트북으로 인터넷 없이 열리는 사이트를 만듭니다.")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site", help="사이트 폴더 (기본: build/site)")
    parser.add_argument("--answers", default="hide", help="hide: 정답을 접음 (기본), show: 정답을 펼쳐 둠")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        pages = build(args.out.resolve(), args.answers)
    except (ValueError, FileNotFoundError) as error:
        print(f"❌ {error}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as error:
        print(f"❌ 사이트를 만들지 못했습니다 (명령 {error.cmd[:4]}… 이 {error.returncode} 로 끝남).", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file()) / 1e6
    print(f"✅ 노트북 {len(pages)}쪽의 사이트를 {args.out}/ 에 만들었습니다 ({time.perf_counter() - started:.0f}초, "
          f"{size:.1f} MB, 정답 {'접음' if args.answers == 'hide' else '보임'}). index.html 을 브라우저로 여세요.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
