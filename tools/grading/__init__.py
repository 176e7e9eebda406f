"""채점 도구 모음: 노트북 구조에서 연습문제 셀 찾기, 제출물 찾기, 격리된 실행, 점수, 보고서.

- `exercise_cells`: 노트북의 풀이 구간·정의한 함수·뒤따르는 ``check_*`` 호출에서 연습문제 ↔ 셀 대응을 찾습니다
  (``tools/nbgrader_metadata.py`` 와 ``tools/grade.py`` 가 함께 씀).
- `submissions`: 제출 폴더에서 학생과 노트북 찾기.
- `plan`: 채점용 사본 만들기 (연습문제 셀 바로 뒤에 채점 셀을 끼움, 필요한 셀만 고르기).
- `runner`: 새 커널에서 제한 시간과 출력 한도를 두고 실행하기 (채점 작업 프로세스).
- `sandbox`: 커널의 격리 (bwrap, 없으면 unshare): 네트워크 없음, 허락한 폴더만, 개인 /tmp, 한도.
- `kernel_side`: 커널 안의 코드 (함수를 붙잡아 두고, 요청을 받아 부르고, 결과를 데이터로 돌려줌; 판정은 하지 않음).
- `remote`, `judging`: 채점기 프로세스에서 판정하기 (커널 속 함수의 대리인을 `sgns.checks.evaluate` 에 넘김).
- `copies`: sgns 의 코드를 베낀 함수 알아보기 (구문 구조, 바이트코드 구조).
- `tamper`: 채점을 속이려는 것으로 보이는 셀 찾기 (보고서의 ⚠️).
- `scoring`: 기록을 모아 학생 × 연습문제 결과 만들기.
- `reports`: CSV 점수표, 한국어 요약 보고서 (Markdown, HTML), Gradescope ``results.json``.
"""
