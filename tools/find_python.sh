#!/bin/sh
# 이 강의에 맞는 Python (3.11, 3.12, 3.13) 을 찾아 그 실행 파일의 경로를 한 줄로 출력합니다.
#
#   sh tools/find_python.sh                        지원하는 Python 하나 (python3.11, python3.12, python3.13,
#                                                  python3, python 순서로, 그다음 pyenv 에 설치된 것)
#   sh tools/find_python.sh python3.12             이 Python 이 지원 버전인지 확인 (make setup PY=python3.12)
#   sh tools/find_python.sh --newest-except 3.11   3.11 이 아닌 가장 새 지원 버전 (CI 의 두 번째 Python)
#
# 찾지 못하면 어떤 버전이 되는지와 설치 방법을 한국어로 말하고, 종료 코드 1 (--newest-except 는 3) 로 끝납니다.
# Python 이 하나도 없는 컴퓨터에서도 돌아야 하므로 POSIX sh 의 내장 명령만 씁니다 (PATH 에 다른 명령이 없어도 됨).
# 지원 버전은 pyproject.toml 의 requires-python 과 tools/ensure_venv.py 의 SUPPORTED 와 같아야 합니다 (테스트가 확인).

SUPPORTED="3.11 3.12 3.13"
SUPPORTED_TEXT="3.11, 3.12, 3.13"
PYENV_DIR=${PYENV_ROOT:-${HOME:-/nonexistent}/.pyenv}

SEEN=""      # 실행해 본 Python 들 (오류 메시지용)
VERSION=""   # probe 가 채움: 3.12.1
EXE=""       # probe 가 채움: 실제 실행 파일 경로

# probe 명령: 실행되면 VERSION, EXE 를 채우고 0. 실행되지 않으면 1 (pyenv 의 비활성 shim 도 여기서 걸러짐).
probe() {
    out=$("$1" -c 'import sys; print("%d.%d.%d %s" % (sys.version_info[0], sys.version_info[1], sys.version_info[2], sys.executable))' </dev/null 2>/dev/null) || return 1
    case $out in
        [0-9]*.[0-9]*.[0-9]*" "?*) VERSION=${out%% *}; EXE=${out#* } ;;
        [0-9]*.[0-9]*.[0-9]*) VERSION=$out; EXE=$1 ;;
        *) return 1 ;;
    esac
    SEEN="$SEEN
   - $1: Python $VERSION"
    return 0
}

# is_supported 3.12.1 -> 0
is_supported() {
    case " $SUPPORTED " in
        *" ${1%.*} "*) return 0 ;;
    esac
    return 1
}

# version_key 3.12.1 -> 31201 (크기 비교용)
version_key() {
    major=${1%%.*}; rest=${1#*.}; minor=${rest%%.*}; micro=${rest#*.}
    echo $((major * 10000 + minor * 100 + micro))
}

# 후보를 차례로 each_candidate 함수에 넘깁니다. each_candidate 가 0 을 돌려주면 거기서 멈춥니다.
for_each_candidate() {
    for v in $SUPPORTED; do
        each_candidate "python$v" && return 0
    done
    each_candidate python3 && return 0
    each_candidate python && return 0
    # PATH 에 없는 흔한 설치 위치: pyenv (활성화하지 않은 버전), python.org 의 macOS 설치 파일
    for v in $SUPPORTED; do
        for p in "$PYENV_DIR"/versions/"$v"*/bin/"python$v" \
                 /Library/Frameworks/Python.framework/Versions/"$v"/bin/"python$v"; do
            [ -x "$p" ] && each_candidate "$p" && return 0
        done
    done
    return 1
}

install_help() {
    {
        echo "   Python 설치 방법 (하나만 하면 됩니다):"
        echo "   - Ubuntu 24.04:             sudo apt install python3.12-venv"
        echo "   - Ubuntu 22.04, Debian 12:  sudo apt install python3.11 python3.11-venv"
        echo "   - macOS:                    brew install python@3.12   (또는 python.org 의 설치 파일)"
        echo "   - Windows:                  WSL 의 Ubuntu 에서 (PowerShell 에서 wsl --install) 위 Ubuntu 방법대로"
        echo "   설치한 뒤 다시 실행하세요: make setup   (Python 을 직접 고르려면: make setup PY=python3.12)"
        echo "   설치 없이 해 보려면: README 의 'Open in Colab' 배지로 Google Colab 에서 여세요."
    } >&2
}

seen_list() {
    if [ -n "$SEEN" ]; then
        printf '   이 컴퓨터에서 찾은 Python:%s\n' "$SEEN" >&2
    else
        echo "   이 컴퓨터에서 Python 을 하나도 찾지 못했습니다 (python3, python3.11 ... 명령이 없음)." >&2
    fi
}

# 지원 버전 하나를 찾아 FOUND, FOUND_VERSION 에 (없으면 1)
FOUND=""; FOUND_VERSION=""; FOUND_NAME=""
first_supported() {
    each_candidate() {
        probe "$1" || return 1
        is_supported "$VERSION" || return 1
        FOUND=$EXE; FOUND_VERSION=$VERSION; FOUND_NAME=$1
        return 0
    }
    for_each_candidate
}

case ${1:-} in
    --newest-except)
        except=${2:?--newest-except 다음에 제외할 버전(예: 3.11)을 주세요}
        best_key=0
        each_candidate() {
            probe "$1" || return 1
            is_supported "$VERSION" || return 1
            [ "${VERSION%.*}" = "$except" ] && return 1
            key=$(version_key "$VERSION")
            if [ "$key" -gt "$best_key" ]; then best_key=$key; FOUND=$EXE; FOUND_VERSION=$VERSION; fi
            return 1  # 끝까지 모두 살펴봅니다
        }
        for_each_candidate
        if [ -n "$FOUND" ]; then
            echo "$FOUND"
            exit 0
        fi
        echo "ℹ️  Python $except 말고 다른 지원 버전($SUPPORTED_TEXT)을 이 컴퓨터에서 찾지 못했습니다." >&2
        exit 3
        ;;
    -h|--help)
        echo "사용법: sh tools/find_python.sh [PY | --newest-except 3.X]  (자세한 설명은 이 파일 맨 위)"
        exit 0
        ;;
    -*)
        echo "❌ tools/find_python.sh: 알 수 없는 옵션 '$1' 입니다 (가능: --newest-except 3.X, --help)." >&2
        exit 2
        ;;
    "")
        if first_supported; then
            echo "$FOUND"
            exit 0
        fi
        echo "❌ 이 강의에는 Python $SUPPORTED_TEXT 중 하나가 필요한데, 이 컴퓨터에서 찾지 못했습니다." >&2
        seen_list
        install_help
        exit 1
        ;;
esac

# PY=... 로 고른 Python
requested=$1
if probe "$requested"; then
    if is_supported "$VERSION"; then
        echo "$EXE"
        exit 0
    fi
    echo "❌ PY=$requested 은(는) Python $VERSION 입니다. 이 강의에는 Python $SUPPORTED_TEXT 중 하나가 필요합니다." >&2
else
    # pyenv 의 shim 은 그 버전을 활성화하지 않으면 실행되지 않습니다: pyenv 가 설치해 둔 같은 이름을 찾습니다.
    base=${requested##*/}
    unsupported=""
    for p in "$PYENV_DIR"/versions/*/bin/"$base"; do
        [ -x "$p" ] && probe "$p" || continue
        if is_supported "$VERSION"; then
            echo "ℹ️  $requested 을(를) 바로 실행할 수 없어 pyenv 에 설치된 $EXE (Python $VERSION) 를 씁니다." >&2
            echo "$EXE"
            exit 0
        fi
        unsupported=$VERSION
    done
    if [ -n "$unsupported" ]; then
        echo "❌ PY=$requested 은(는) Python $unsupported 입니다. 이 강의에는 Python $SUPPORTED_TEXT 중 하나가 필요합니다." >&2
    else
        echo "❌ PY=$requested 을(를) 실행할 수 없습니다 (그런 명령이 없거나 실행되지 않습니다)." >&2
    fi
fi
SEEN=""
if first_supported; then
    echo "   대신 이 컴퓨터에 있는 Python $FOUND_VERSION 을 쓰려면: make setup PY=$FOUND_NAME" >&2
else
    seen_list
    install_help
fi
exit 1
