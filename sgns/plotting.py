"""그림 도우미: 한글 글꼴 등록과 노트북에서 쓰는 표시용 함수.

계산은 하지 않습니다. 그림에 들어갈 숫자는 다른 `sgns` 모듈이 계산합니다.
"""

from __future__ import annotations

import importlib.util
import unicodedata
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

    알려진 한계: 로그 축의 눈금 10^-4 처럼 지수가 음수인 라벨은 matplotlib 의 수식 모드로 그려지고,
    수식 모드는 '-' 를 늘 U+2212 로 바꿉니다. NanumGothic 에는 그 글자가 없어서 네모와 경고가 나옵니다.
    그런 축에는 ``ax.xaxis.set_major_formatter(matplotlib.ticker.LogFormatter())`` (라벨 "1e-05") 를 쓰세요.
    노트북 위생 검사가 stderr 경고를 잡으므로 이 문제는 저장된 노트북에 남지 않습니다.
    """
    path = korean_font_path()
    known = {Path(f.fname) for f in font_manager.fontManager.ttflist}
    if path not in known:
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams["font.family"] = FONT_FAMILY
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["figure.dpi"] = 100
    return FONT_FAMILY


def display_width(text: str) -> int:
    """고정폭 글꼴에서 text 가 차지하는 칸 수 (한글 등 전각 문자는 2칸). 표를 줄 맞춰 출력할 때 씁니다."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
