"""확인 도구 테스트의 공통 도우미: 모범 답안, 학생에게 보이는 메시지 검사와 판정 결과 확인.

모범 답안 (`SOLUTIONS`) 은 강사용 노트북의 연습문제 셀 그대로입니다 (`grading.exercise_cells.model_solutions`).
틀린 답은 테스트마다 그 풀이에서 한 곳만 바꿔 만듭니다.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from grading.exercise_cells import model_solutions

from sgns import checks

SOLUTIONS = model_solutions()
# 학습 반복문 테스트가 함께 쓰는 두 풀이
sgd_step, train_sgns = SOLUTIONS["nb04-sgd-step"], SOLUTIONS["nb04-train-loop"]


def solution(exercise_id):
    """연습문제의 모범 답안. 노트북에 아직 셀이 없는 연습문제 (모듈에 placed=False) 면 이 테스트를 건너뜁니다."""
    if exercise_id not in SOLUTIONS and not checks.exercise(exercise_id).placed:
        pytest.skip(f"{exercise_id}: 강사용 노트북에 아직 풀이 셀이 없습니다 (placed=False)")
    return SOLUTIONS[exercise_id]


def window_pairs(corpus_ids, window):
    """모든 문장의 (중심, 주변) 쌍을 (P, 2) 정수 배열로 (nb01 의 모범 답안으로)."""
    skipgram_pairs = SOLUTIONS["nb01-skipgram-pairs"]
    pairs = [pair for sentence in corpus_ids for pair in skipgram_pairs(list(sentence), window)]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


SGNS_PATH = re.compile(r"sgns/|site-packages|\.py\b")
CHECKER_SOURCE = ("AssertionError", "from None", "ctx.", "Mistake", 'File "')


def assert_student_facing(record) -> None:
    """학생에게 보이는 메시지: 트레이스백, 파일 경로, 확인 도구의 소스가 없음."""
    for text in (record.message, record.markdown()):
        assert "Traceback" not in text
        assert not SGNS_PATH.search(text), text
        assert not any(source in text for source in CHECKER_SOURCE), text


def evaluate(exercise_id, fn):
    record = checks.evaluate(exercise_id, fn)
    assert_student_facing(record)
    return record


def failing(exercise_id, fn, category):
    """fn 이 틀렸다고 판정되고, 보여 준 실수의 범주가 category 인지 (범주는 등록된 것이어야 함)."""
    record = evaluate(exercise_id, fn)
    assert record.status == "fail", record.message
    assert record.category == category, record.message
    assert category in checks.categories(exercise_id)
    assert set(record.categories) <= set(checks.categories(exercise_id))
    return record


def passes(exercise_id, fn):
    record = evaluate(exercise_id, fn)
    assert record.status == "pass", record.message
    assert record.passed == record.total
    return record


def not_implemented(*args, **kwargs):
    # 여기에 코드를 작성하세요
    raise NotImplementedError()


def raises_type_error(*args, **kwargs):
    raise TypeError("unsupported operand type(s) for -: 'list' and 'float'")
