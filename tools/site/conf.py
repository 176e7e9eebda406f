# 강의 사이트의 Sphinx 설정 (make site). tools/build_site.py 가 준비한 원본 폴더 (START.md 를 index.md 로,
# 강의 노트북, 학생판) 를 읽어 HTML 로 만듭니다. 노트북은 다시 실행하지 않고 저장된 출력을 씁니다.
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # course_site.py, 그리고 tools/colab.py

project = "네거티브 샘플링으로 배우는 word2vec"
html_title = project
author = "SGNS 강의"
copyright = "SGNS 강의"
language = "ko"
root_doc = "index"

extensions = ["myst_nb", "course_site"]
exclude_patterns = ["_build", "_extra", "**.ipynb_checkpoints"]
templates_path = [str(HERE / "_templates")]

# 노트북: 저장된 출력만 (재실행 없음). 출력의 text/markdown (표, 수식) 은 MyST 로 읽습니다.
nb_execution_mode = "off"
nb_render_markdown_format = "myst"
nb_code_prompt_show = "✍️ 정답 코드 보기"
nb_code_prompt_hide = "정답 코드 접기"
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 4
myst_update_mathjax = False
# 확인 셀의 기록 (application/vnd.sgns.check+json) 은 화면에 보일 것이 없고, 노트북은 ## 로 시작하는 절도 씁니다.
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header"]

# 수식: 사이트 안에 복사한 MathJax 2.7.9 (build_site.py 가 _static/mathjax 에 둠), 인터넷에서 불러오지 않음.
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
mathjax2_config = {
    "HTML-CSS": {"availableFonts": [], "webFont": "STIX-Web", "imageFont": None, "linebreaks": {"automatic": True}},
    "messageStyle": "none",
    "showMathMenu": False,
}

html_theme = "sphinx_book_theme"
html_static_path = [str(HERE / "_static")]
html_css_files = ["course.css"]
html_copy_source = False  # 강사용 노트북 (정답 포함) 을 그대로 내보내지 않습니다
html_show_sourcelink = False
# html_extra_path (student/*.ipynb 내려받기) 는 build_site.py 가 -D 로 원본 폴더의 _extra 를 줍니다.
html_last_updated_fmt = None
html_search_language = "ko"  # course_site.py 의 Kiwi 형태소 색인
# 결과의 본문 미리 보기는 fetch() 로 쪽을 읽는데, file:// (USB, 내려받은 사이트) 에서는 브라우저가 막습니다.
html_show_search_summary = False
html_theme_options = {
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "show_prev_next": True,
    "show_toc_level": 2,
    "home_page_in_toc": True,
    "footer_content_items": ["copyright.html"],
}
