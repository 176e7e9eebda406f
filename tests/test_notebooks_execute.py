"""모든 노트북을 papermill 로 실제로 실행합니다 (nbval 이 놓치는 실패까지 잡기 위해).

- 학생용 노트북: 빈칸인 채로, 기본값과 다른 매개변수(SEED=7, 줄인 에폭·크기)를 주입해 끝까지 실행되어야 하고,
  빈칸인 연습문제마다 확인 기록이 있고 모두 '아직 풀지 않음'(todo) 이어야 합니다. 결과는 build/executed-student/
  에 쓰고 커밋하지 않습니다.
- 강사용 노트북은 nbval 이 (기본 매개변수로) 다시 실행해 저장된 출력과 비교합니다. 풀이가 통과한다는 것
  ("✅ 공개 사례 통과" 출력)도 그 비교에 들어 있고, 확인 기록이 모두 통과인지는 아래
  ``test_course_notebook_records_all_pass`` 가 저장된 출력에서 봅니다 (nbval 이 그 출력을 다시 만들어 확인하므로,
  강사용을 한 번 더 실행하지 않습니다: make test 의 노트북 실행은 셋에서 둘로).

이 기록 검사가 틀린 풀이를 실제로 잡는다는 증명은 tests/test_checks_notebooks.py 에 있습니다.
"""

import nbformat
import papermill as pm
import pytest
from notebook_checks import SOLUTION_MARK, STUB_MARK, check_record_problems

from conftest import NOTEBOOKS, REPO, STUDENT_NOTEBOOKS

BUILD = REPO / "build"


def run_with_papermill(path, out_dir, parameters=None):
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / path.name
    pm.execute_notebook(
        str(path), str(out), parameters=parameters or {}, kernel_name="python3",
        progress_bar=False, cwd=str(path.parent), execution_timeout=600,
    )
    return nbformat.read(out, as_version=4)


def _has_exercise(nb) -> bool:
    """확인 셀이 있는지 (연습문제, 또는 07_optimum 의 숫자로 확인 같은 퀴즈)."""
    return any(c.source.lstrip().startswith("sgns.checks.check_") for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_course_notebook_records_all_pass(path):
    nb = nbformat.read(path, as_version=4)
    if _has_exercise(nb):  # 연습문제가 없는 부록에는 확인 기록도 없음
        assert check_record_problems(nb, "pass", SOLUTION_MARK) == []


# 학생판 실행은 빈칸인 채로 끝까지 돌고 확인 기록이 모두 '아직'인지를 봅니다. 본문의 숫자는 nbval 이 기본값으로
# 확인하므로, 여기서는 시드를 바꾸고 무거운 크기 (에폭, 말뭉치, 반복 수) 를 줄여 한 번 더 다른 값으로 돌립니다.
STUDENT_RUN_PARAMETERS = {
    "03_how_it_works.ipynb": {"NUM_SENTENCES": 1000, "SMALL_NUM_SENTENCES": 500, "EPOCHS": 2, "K_VALUES": [1, 5]},
    "04b_training.ipynb": {"EPOCHS": 1},
    "05_sampling.ipynb": {"EPOCHS": 1, "NUM_DRAWS": 100_000, "NUM_RESAMPLES": 200, "VECTOR_SIZE": 20},
    "06_korean.ipynb": {"EPOCHS": 2, "NUM_SEEDS": 2},
}


def _parameter_names(nb) -> set[str]:
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    return {line.split("=", 1)[0].strip() for line in cell.source.splitlines() if "=" in line and line[:1].isalpha()}


def test_student_run_parameters_exist_in_each_notebook():
    """줄인 값의 이름이 노트북의 매개변수 셀에 있어야 합니다 (이름이 바뀌면 papermill 은 경고만 하고 무시함)."""
    for name, parameters in STUDENT_RUN_PARAMETERS.items():
        names = _parameter_names(nbformat.read(REPO / "student" / name, as_version=4))
        assert set(parameters) <= names, f"student/{name}: 매개변수 셀에 없는 이름 {set(parameters) - names}"


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=[p.name for p in STUDENT_NOTEBOOKS])
def test_student_notebook_runs_untouched_with_parameters(path):
    parameters = {"SEED": 7, **STUDENT_RUN_PARAMETERS.get(path.name, {})}
    nb = run_with_papermill(path, BUILD / "executed-student", parameters=parameters)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "SEED = 7" in injected[0].source
    n_stubs = sum(STUB_MARK in c.source for c in nb.cells if c.cell_type == "code")
    if _has_exercise(nb):  # 확인 셀이 없는 노트북에는 빈칸도 확인 기록도 없음
        assert n_stubs >= 1
        assert check_record_problems(nb, "todo", STUB_MARK) == []
    else:
        assert n_stubs == 0


def test_papermill_guard_fails_on_a_broken_notebook(tmp_path):
    """증명: 예외를 던지는 노트북은 papermill 실행에서 실패합니다."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("raise ValueError('망가진 셀')")]
    bad = tmp_path / "bad.ipynb"
    nbformat.write(nb, bad)
    with pytest.raises(pm.PapermillExecutionError, match="망가진 셀"):
        run_with_papermill(bad, tmp_path / "out")
