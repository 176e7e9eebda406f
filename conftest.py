"""pytest 공통 설정: nbval 로 노트북을 비교할 때 stderr 는 비교하지 않습니다.

stderr (경고 등) 는 위생 검사(tests/test_notebook_hygiene.py)가 저장된 노트북에서 아예 금지합니다.
"""


def pytest_collectstart(collector):
    path = getattr(collector, "path", None)
    if path is not None and path.suffix == ".ipynb" and hasattr(collector, "skip_compare"):
        collector.skip_compare += ("stderr",)
