"""테스트 공통 도우미: 저장소 경로와 tools/ 의 import 경로."""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
STUDENT_NOTEBOOKS = sorted((REPO / "student").glob("*.ipynb"))
