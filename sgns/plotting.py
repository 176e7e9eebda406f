"""그림 도우미: 한글 글꼴 등록과 노트북에서 쓰는 표시용 함수.

계산은 하지 않습니다. 그림에 들어갈 숫자는 다른 `sgns` 모듈이 계산합니다.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib
from matplotlib import font_manager

FONT_FAMILY = "NanumGothic"
_FONT_FILE = "NanumGothic.ttf"


def korean_font_path() -> Path:
    """`koreanize-matplotlib` 휠에 들어 있는 NanumGothic.ttf 의 경로.

    패키지를 import 하지 않고(부작용과 distutils 의존을 피함) 설치 위치만 찾습니다.
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "한글 글꼴을 찾을 수 없습니다: `koreanize-matplotlib` 패키지가 설치되어 있지 않습니다. "
            "`make lab` 또는 `pip install -r requirements.txt` 로 설치해 주세요."
        )
    for location in spec.submodule_search_locations:
        path = Path(location) / "fonts" / _FONT_FILE
        if path.is_file():
            return path
    raise FileNotFoundError(f"`koreanize-matplotlib` 안에서 {_FONT_FILE} 파일을 찾지 못했습니다.")


def use_korean_font() -> str:
    """NanumGothic 글꼴을 matplotlib 에 등록하고 기본 글꼴로 정합니다.

    음수 눈금이 네모로 깨지지 않도록 `axes.unicode_minus=False` 로 ASCII '-' 를 씁니다.
    여러 번 불러도 안전합니다. 등록한 글꼴 이름을 돌려줍니다.
    """
    path = korean_font_path()
    known = {Path(f.fname) for f in font_manager.fontManager.ttflist}
    if path not in known:
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams["font.family"] = FONT_FAMILY
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["figure.dpi"] = 100
    return FONT_FAMILY
