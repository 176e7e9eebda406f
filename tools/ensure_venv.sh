#!/bin/sh
# make setup (그리고 .venv 를 쓰는 모든 make 타깃) 이 먼저 부르는 설치 확인.
#
#   sh tools/ensure_venv.sh VENV [PY] [PROFILE]     PROFILE: student (기본) 또는 dev (시험·강의 도구까지)
#
# 1. 빠른 길: PY 를 주지 않았고 VENV 가 이미 맞게 설치되어 있으면 곧바로 끝납니다 (Python 한 번 실행).
# 2. 아니면 tools/find_python.sh 로 지원하는 Python 을 찾고 (없으면 한국어 안내 후 멈춤, pip 은 실행하지 않음),
#    그 Python 으로 tools/ensure_venv.py 를 실행해 VENV 를 만들거나 고칩니다 (잠금으로 동시 실행을 차례로).
set -u
case $0 in */*) cd "${0%/*}/.." || exit 1 ;; *) cd .. || exit 1 ;; esac
venv=${1:-.venv}
py=${2:-}
profile=${3:-student}

if [ -z "$py" ] && [ -x "$venv/bin/python" ] &&
    "$venv/bin/python" tools/ensure_venv.py --venv "$venv" --profile "$profile" --quick 2>/dev/null; then
    exit 0
fi

if [ -n "$py" ]; then
    python=$(sh tools/find_python.sh "$py") || exit 1
    exec "$python" tools/ensure_venv.py --venv "$venv" --profile "$profile" --requested
fi
python=$(sh tools/find_python.sh) || exit 1
exec "$python" tools/ensure_venv.py --venv "$venv" --profile "$profile"
