# 네거티브 샘플링 강의 저장소: 두 명령이면 충분합니다.
#   make lab   강의 열기 (처음이면 .venv 를 만들고 모두 설치)
#   make test  모든 검사 (단위 테스트, 노트북 재실행·비교, 위생 검사, 학생판 검사, ruff)

# Python 3.11, 3.12, 3.13 중 하나. 비워 두면 tools/find_python.sh 가 찾습니다 (예: make setup PY=python3.12).
PY ?=
VENV ?= .venv
BIN := $(VENV)/bin
# .venv 를 쓰는 타깃은 모두 이것에 의존합니다: 맞게 설치되어 있으면 곧바로 지나가고, 아니면 만들거나 고칩니다.
STAMP := setup
# 강의를 고치고 시험하는 타깃은 시험·강의 도구(requirements-dev.txt)까지 설치된 .venv 를 씁니다.
DEV_STAMP := setup-dev
PARAMS ?=
# 노트북 커널이 inline 그림을 쓰도록 (MPLBACKEND=Agg 가 물려지면 그림 출력이 사라집니다)
unexport MPLBACKEND
PORT ?= 8888
WORK ?= my-work
JOBS ?= 2
# JupyterLab 에 더 줄 인자 (예: --no-browser). root 이면 tools/lab.py 가 --allow-root 를 늘 붙입니다.
LAB_ARGS ?=
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
PYTEST_NBVAL := --nbval --nbval-current-env --nbval-sanitize-with nbval-sanitize.cfg

.PHONY: help setup setup-dev notebook test unit lint lab notebooks refresh student exercises update bench clean

help:
	@echo "make lab        강의를 JupyterLab 으로 엽니다 (처음 한 번은 설치 포함)"
	@echo "make setup      .venv 를 만들거나 고칩니다: 강의에 필요한 것만 (예: make setup PY=python3.12)"
	@echo "make setup-dev  시험·강의 도구(pytest, nbval, 슬라이드, numba)까지 설치합니다 (make test 가 스스로 부름)"
	@echo "make test       모든 검사를 실행합니다"
	@echo "make exercises  학생판 노트북을 my-work/ 로 복사합니다 (이미 있는 파일은 절대 덮어쓰지 않음)"
	@echo "make update     강의 업데이트를 받습니다 (고친 학생판은 backups/ 에 보관, my-work/ 는 그대로)"
	@echo "make notebooks  노트북을 build/executed/ 에 실행합니다 (예: make notebooks PARAMS=\"-p EPOCHS 10\")"
	@echo "make notebook NB=03  노트북 하나를 고친 뒤: 다시 실행, 메타데이터, 학생판, 그 장의 검사, 바뀐 파일 목록"
	@echo "make refresh    강사용 노트북을 다시 실행해 저장된 출력을 갱신하고 학생판을 다시 만듭니다"
	@echo "make student    강사용 노트북에서 학생판(student/)을 만듭니다"
	@echo "make bench      성능 비교 스크립트를 실행합니다 (bench/results/ 에 표 저장)"
	@echo "make slides     노트북마다 인터넷 없이 열리는 HTML 슬라이드를 build/slides/ 에 만듭니다"
	@echo "make site       강의 사이트를 build/site/ 에 만듭니다 (정답 접힘; 펼치려면 make site ANSWERS=show)"
	@echo "make grade      (강사) 제출물을 채점합니다: make grade SUBMISSIONS=<폴더> [HIDDEN=<숨은 사례 파일>]"
	@echo "make new-exercise  (강사) 새 연습문제의 틀: make new-exercise NB=04_math NAME=nb04-<이름> FUNCTION=<함수> ARGS=\"<인자>\" [AFTER=<셀 번호>]"

# .venv 가 없거나, 다른 Python 으로 만들어졌거나, pip 이 없거나, 설치가 중간에 멈췄거나,
# requirements.txt / pyproject.toml 이 바뀌었으면 (다시) 설치합니다. 동시에 실행돼도 차례로 합니다.
setup:
	@sh tools/ensure_venv.sh "$(VENV)" "$(PY)" student

setup-dev:
	@sh tools/ensure_venv.sh "$(VENV)" "$(PY)" dev

# 작업자에게 파일을 나누는 순서 (오래 걸리는 것 먼저) 는 conftest.py 가 정합니다 (--no-loadscope-reorder: 그 순서대로).
test: $(DEV_STAMP)
	$(BIN)/ruff check sgns tests tools bench notebooks conftest.py
	$(BIN)/python tools/make_student.py --check
	@$(MAKE) --no-print-directory lecture-check
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile --no-loadscope-reorder tests notebooks $(PYTEST_NBVAL)

# UNIT_ARGS: pytest 에 더 줄 인자 (예: CI 의 두 번째 Python 에서 설치 도구 자체의 느린 테스트를 뺄 때)
UNIT_ARGS ?=
unit: $(DEV_STAMP)
	$(BIN)/python -m pytest -n $(JOBS) tests --ignore=tests/test_notebooks_execute.py $(UNIT_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check sgns tests tools bench notebooks conftest.py

lab: $(STAMP)
	@$(BIN)/python tools/start_exercises.py --dst "$(WORK)"
	@$(BIN)/python tools/lab.py --config=tools/lab/jupyter_lab_config.json --ServerApp.root_dir=. --port=$(PORT) $(LAB_ARGS)

exercises: $(STAMP)
	@$(BIN)/python tools/start_exercises.py --dst "$(WORK)"

# 표준 라이브러리만 쓰므로 .venv 가 없어도 (또는 업데이트로 다시 설치해야 해도) 실행됩니다.
update:
	@py="$(BIN)/python"; [ -x "$$py" ] || py=$$(sh tools/find_python.sh $(PY)) || exit 1; \
	"$$py" tools/update_course.py --work "$(WORK)"

notebooks: $(DEV_STAMP)
	@mkdir -p build/executed
	@for nb in $(NOTEBOOKS); do \
	  echo "== $$nb"; \
	  $(BIN)/papermill --progress-bar -k python3 --cwd notebooks $(PARAMS) $$nb build/executed/$$(basename $$nb) || exit 1; \
	done
	@echo "실행 결과: build/executed/"

refresh: $(DEV_STAMP)
	$(BIN)/python tools/refresh_notebooks.py $(NOTEBOOKS)
	$(BIN)/python tools/make_student.py

# 노트북 하나를 고친 뒤의 빠른 고리 (tools/notebook_loop.py). NO_RUN=1 이면 다시 실행은 건너뜁니다.
NB ?=
notebook: $(DEV_STAMP)
	@test -n "$(NB)" || { echo "사용법: make notebook NB=03   (노트북 번호 또는 이름)" >&2; exit 2; }
	@$(BIN)/python tools/notebook_loop.py "$(NB)" $(if $(NO_RUN),--no-run)

student: $(STAMP)
	$(BIN)/python tools/make_student.py

bench: $(DEV_STAMP)
	$(BIN)/python bench/bench_core.py
	$(BIN)/python bench/bench_sampler.py
	$(BIN)/python bench/bench_gensim.py --quick

clean:
	rm -rf build .pytest_cache .ruff_cache

# 강의 도구: 슬라이드, 이동 링크, 슬라이드 메타데이터, nbgrader 메타데이터, 노트북 검사 (tools/build_slides.py,
# notebook_nav.py, slide_metadata.py, nbgrader_metadata.py, notebook_guards.py). `make lecture` 는 도구를 노트북에
# 적용하고 학생판을 다시 만듭니다.
.PHONY: slides site lecture lecture-check

slides: $(DEV_STAMP)
	$(BIN)/python tools/build_slides.py $(NOTEBOOKS) --out build/slides

# 강의 사이트 (tools/build_site.py, 설정은 tools/site/): 저장된 출력으로, 인터넷 없이 열림. 사이트 도구는
# requirements-dev.txt 에 있습니다. ANSWERS=show 이면 정답을 펼쳐 둡니다.
ANSWERS ?= hide
SITE_OUT ?= build/site
site: $(DEV_STAMP)
	$(BIN)/python tools/build_site.py --answers "$(ANSWERS)" --out "$(SITE_OUT)"

lecture: $(DEV_STAMP)
	$(BIN)/python tools/notebook_guards.py --rules nbval-comment --fix $(NOTEBOOKS)
	$(BIN)/python tools/notebook_nav.py --write $(NOTEBOOKS)
	$(BIN)/python tools/slide_metadata.py --write $(NOTEBOOKS)
	$(BIN)/python tools/nbgrader_metadata.py --write $(NOTEBOOKS)
	$(BIN)/python tools/make_student.py

# 새 연습문제의 틀: 연습문제 모듈 (sgns/checks/exercises/) 과, AFTER 를 주면 그 셀 뒤에 문제·풀이·확인 셀 (README 의
# "연습문제 더하기·고치기·빼기").
.PHONY: new-exercise
new-exercise: $(DEV_STAMP)
	$(BIN)/python tools/new_exercise.py --notebook "$(NB)" --name "$(NAME)" --function "$(FUNCTION)" --args "$(ARGS)" \
	  $(if $(AFTER),--after $(AFTER))

lecture-check: $(DEV_STAMP)
	$(BIN)/python tools/notebook_nav.py --check $(NOTEBOOKS)
	$(BIN)/python tools/slide_metadata.py --check $(NOTEBOOKS)
	$(BIN)/python tools/nbgrader_metadata.py --check $(NOTEBOOKS)
	$(BIN)/python tools/notebook_guards.py --rules all $(NOTEBOOKS)
	$(BIN)/python tools/notebook_guards.py --rules source $(sort $(wildcard student/*.ipynb)) START.md

# 채점 (강사용): 학생들이 낸 노트북을 새 커널에서 실행해 점수표와 보고서를 만듭니다 (tools/grade.py, README 의 "채점").
#   make grade SUBMISSIONS=<제출 폴더> [HIDDEN=<숨은 사례 .py>] [GRADE_OUT=build/grade] [GRADE_ARGS="--full"]
# 커널은 격리 안에서 (bwrap, 없으면 unshare) 돌고 판정은 채점기 프로세스에서 합니다. 격리를 만들 수 없는 기계에서는
# 멈추며, GRADE_ARGS=--unsandboxed 를 주면 격리 없이 채점하고 보고서에 경고를 붙입니다.
# nbgrader 와의 호환 확인: nbgrader 0.9.6 을 build/nbgrader-venv 에 따로 설치하고 실제 generate_assignment·autograde 를 돌립니다.
.PHONY: grade nbgrader-test
SUBMISSIONS ?=
HIDDEN ?=
GRADE_OUT ?= build/grade
GRADE_ARGS ?=
NBGRADER_VENV := build/nbgrader-venv
NBGRADER_STAMP := $(NBGRADER_VENV)/.installed

grade: $(DEV_STAMP)
	@test -n "$(SUBMISSIONS)" || { echo "사용법: make grade SUBMISSIONS=<제출 폴더> [HIDDEN=<숨은 사례 .py>]" >&2; exit 2; }
	$(BIN)/python tools/grade.py "$(SUBMISSIONS)" --out "$(GRADE_OUT)" --jobs $(JOBS) $(if $(HIDDEN),--hidden "$(HIDDEN)") $(GRADE_ARGS)

$(NBGRADER_STAMP): grading/nbgrader-requirements.txt
	@test -x $(NBGRADER_VENV)/bin/python || { py=$$(sh tools/find_python.sh $(PY)) && "$$py" -m venv $(NBGRADER_VENV); }
	$(NBGRADER_VENV)/bin/python -m pip install --quiet -r grading/nbgrader-requirements.txt
	@touch $@

nbgrader-test: $(DEV_STAMP) $(NBGRADER_STAMP)
	NBGRADER=$(CURDIR)/$(NBGRADER_VENV)/bin/nbgrader $(BIN)/python -m pytest -q tests/test_nbgrader_real.py
