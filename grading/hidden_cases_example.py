"""숨은 사례의 예 (make grade HIDDEN=... 이 읽는 형식). 실제 수업에서는 이 파일을 쓰지 마세요.

이 저장소는 공개되어 있어 학생도 이 파일을 읽을 수 있습니다. 실제 수업의 숨은 사례는 저장소 밖의 강사만 가진
파일에 같은 형식으로 적고 그 경로를 주세요::

    make grade SUBMISSIONS=제출물 HIDDEN=~/강의-비공개/hidden_cases.py

형식: 연습문제 id -> 사례 목록. 사례는 ``id`` (연습문제 안에서 고유, 공개 사례 id 와 달라야 함), ``label``
(한국어 설명), ``args`` (위치 인자, 이름 -> 값; 이름과 순서는 공개 사례와 같게), 선택으로 ``kwargs``, ``meta``.
자세한 것은 `sgns.checks.hidden` 의 설명을 보세요. 여기의 사례는 tests/test_grade_hidden.py 가 씁니다.
"""

import numpy as np

HIDDEN_CASES = {
    "nb01-skipgram-pairs": [
        {
            # 공개 사례의 윈도우는 5 이하입니다. 윈도우를 5 로 묶어 둔 답 (min(window, 5)) 은 여기서 틀립니다.
            "id": "h-window-7",
            "label": "윈도우 7, 단어 12개",
            "args": {"tokens": [f"w{i}" for i in range(12)], "window": 7},
        },
        {
            "id": "h-all-same-word",
            "label": "모두 같은 단어",
            "args": {"tokens": ["아", "아", "아", "아"], "window": 2},
        },
    ],
    "nb02-softmax": [
        {"id": "h-single-column", "label": "열이 하나뿐인 행들", "args": {"x": np.array([[5.0], [-700.0]])}},
    ],
    "nb03-sigmoid": [
        {"id": "h-huge-row", "label": "아주 넓은 범위", "args": {"x": np.linspace(-3000.0, 3000.0, 13)}},
    ],
}
