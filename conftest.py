"""pytest 공통 설정: nbval 은 stderr 를 비교하지 않습니다. make test 의 두 작업자에게 일을 나누는 순서.

stderr (경고 등) 는 위생 검사(tests/test_notebook_hygiene.py)가 저장된 노트북에서 아예 금지합니다.

make test 는 ``-n 2 --dist loadfile --no-loadscope-reorder`` 로 돕니다: 파일 하나가 한 작업자에게 통째로 가고
(모듈 범위 픽스처를 한 번만 만듦), 파일은 모은 순서대로 나눠 줍니다. 그래서

- 오래 걸리는 파일을 먼저 모읍니다 (``SLOW_FIRST``, 오래 걸리는 것부터). 끝에 한 작업자만 긴 파일을 붙잡고 있는
  시간이 줄어듭니다.
- 모듈 범위 픽스처 없이 시험마다 노트북 하나를 실행하는 파일 (``SPLIT_BY_TEST``) 은 시험마다 나눠 줍니다 (두 작업자가
  함께 실행).
"""

from __future__ import annotations

import pytest

# 오래 걸리는 파일 (또는 SPLIT_BY_TEST 파일의 시험 하나), 오래 걸리는 것부터. 바쁜 2코어 기계의 make test 에서 잰
# 시간의 차례입니다 (pytest --durations). 새로 느린 파일이 생기면 알맞은 자리에 넣습니다. 없는 이름은 무시됩니다.
STUDENT_RUN = "tests/test_notebooks_execute.py::test_student_notebook_runs_untouched_with_parameters[{}.ipynb]"
SLOW_FIRST = (
    "tests/test_grade_class.py",
    "notebooks/04b_training.ipynb",
    "tests/test_grade_cheats.py",
    "notebooks/05_sampling.ipynb",
    "tests/test_nbval_guard.py",
    "tests/test_setup_venv.py",
    "tests/test_grade_hidden.py",
    "notebooks/03_how_it_works.ipynb",
    "tests/test_setup_venv_versions.py",
    "tests/test_engine.py",
    "tests/test_site.py",
    "tests/test_refresh_interrupt.py",
    "tests/test_grade_tools.py",
    "tests/test_korean.py",
    "tests/test_nbgrader_metadata.py",
    "tests/test_make_targets.py",
    "tests/test_setup_concurrency.py",
    "tests/test_slides.py",
    "tests/test_own_trainer.py",
    "tests/test_checks_notebooks.py",
    "tests/test_colab.py",
    "tests/test_setup_lab.py",
    "tests/test_student_tools.py",
    "notebooks/06_korean.ipynb",
    "tests/test_nb06_claims.py",
    STUDENT_RUN.format("04b_training"),
    STUDENT_RUN.format("03_how_it_works"),
    STUDENT_RUN.format("05_sampling"),
    STUDENT_RUN.format("06_korean"),
    STUDENT_RUN.format("02_naive_softmax"),
    STUDENT_RUN.format("01_concept"),
    STUDENT_RUN.format("07_optimum"),
    STUDENT_RUN.format("04_math"),
)
SPLIT_BY_TEST = ("tests/test_notebooks_execute.py",)


def pytest_collectstart(collector):
    path = getattr(collector, "path", None)
    if path is not None and path.suffix == ".ipynb" and hasattr(collector, "skip_compare"):
        collector.skip_compare += ("stderr",)


def _file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def pytest_collection_modifyitems(items):
    """``SLOW_FIRST`` 의 파일과 시험을 그 차례로 맨 앞에 (나머지와 파일 안의 순서는 그대로)."""
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid, rank.get(_file_of(item.nodeid), len(rank))))


@pytest.hookimpl(optionalhook=True)  # pytest-xdist 가 없거나 -p no:xdist 일 때는 부르지 않음
def pytest_xdist_make_scheduler(config, log):
    """--dist loadfile 이면 ``SPLIT_BY_TEST`` 의 파일만 시험마다 나누는 스케줄러 (나머지는 pytest-xdist 그대로)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SlowFilesSplit(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return nodeid if _file_of(nodeid) in SPLIT_BY_TEST else super()._split_scope(nodeid)

    return SlowFilesSplit(config, log)
