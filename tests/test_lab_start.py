"""`make lab` 의 시작: 시작 페이지를 열고, 파일 브라우저에서 학생에게 필요 없는 것을 숨깁니다."""

import json
import re
import sys
from pathlib import Path

from jupyter_server.services.contents.filemanager import FileContentsManager

from conftest import NOTEBOOKS, REPO

CONFIG = REPO / "tools" / "lab" / "jupyter_lab_config.json"


def _config():
    return json.loads(CONFIG.read_text(encoding="utf-8"))


def test_make_lab_uses_the_course_config():
    lab = re.search(r"^lab:.*?(?=^\S)", (REPO / "Makefile").read_text(encoding="utf-8"), flags=re.S | re.M).group(0)
    assert "--config=tools/lab/jupyter_lab_config.json" in lab


def test_lab_opens_the_start_page():
    url = _config()["LabApp"]["default_url"]
    assert url.startswith("/lab/tree/") and "?" not in url  # 질의 문자열이 있으면 터미널에 찍히는 토큰 주소가 깨짐
    page = REPO / url.removeprefix("/lab/tree/")
    assert page.is_file() and page.suffix == ".md"


def test_markdown_opens_rendered_not_in_the_editor():
    settings_dir = REPO / _config()["LabApp"]["app_settings_dir"]
    overrides = json.loads((settings_dir / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]["markdown"] == "Markdown Preview"


def test_file_browser_shows_the_course_and_hides_the_clutter(tmp_path):
    for name in ["START.md", "README.md", "notebooks", "student", "my-work", "sgns", "sgns.egg-info", "build",
                 "tests", "tools", "bench", "__pycache__", "conftest.py", "Makefile", "pyproject.toml"]:
        target = tmp_path / name
        if "." not in name or name.endswith("egg-info"):
            target.mkdir()
        else:
            target.write_text("x", encoding="utf-8")
    manager = FileContentsManager(root_dir=str(tmp_path), hide_globs=_config()["ContentsManager"]["hide_globs"])
    listed = {item["name"] for item in manager.get("", content=True)["content"]}
    assert listed == {"START.md", "README.md", "notebooks", "student", "my-work", "sgns"}


def test_lab_settings_overrides_name_real_settings():
    settings_dir = REPO / _config()["LabApp"]["app_settings_dir"]
    overrides = json.loads((settings_dir / "overrides.json").read_text(encoding="utf-8"))
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    for plugin, values in overrides.items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text(encoding="utf-8"))
        assert set(values) <= set(schema["properties"]), plugin
    assert overrides["@jupyterlab/filebrowser-extension:browser"]["navigateToCurrentDirectory"] is True


def test_start_page_tells_how_to_reset_an_exercise_and_links_every_notebook():
    text = (REPO / "START.md").read_text(encoding="utf-8")
    for name in (p.name for p in NOTEBOOKS):
        assert f"](my-work/{name})" in text
    assert "make exercises" in text and "student/" in text
