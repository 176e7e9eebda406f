"""nbgrader 로 이 강의를 채점할 때의 설정 (nbgrader 0.9.6 에서 확인; README 의 "nbgrader 로 채점하기").

강좌 폴더 (nbgrader 의 course directory, ``source/<과제>/`` 가 있는 곳) 에 ``nbgrader_config.py`` 로 복사해 쓰세요.
tests/test_nbgrader_real.py 가 이 파일로 generate_assignment 와 autograde 를 실행합니다.
"""

c = get_config()  # noqa: F821  (nbgrader 가 이 파일을 실행할 때 넣어 주는 함수)

c.CourseDirectory.course_id = "sgns"
# 풀이 자리: 학생판 (tools/make_student.py) 과 같은 두 줄. 확인 함수는 NotImplementedError 를 "아직 풀지 않음" 으로 봅니다.
c.ClearSolutions.code_stub = {"python": "# 여기에 코드를 작성하세요\nraise NotImplementedError()"}
# 유도 (solution 태그) 와 생각해 볼 문제 (answer-key 태그) 셀의 자리
c.ClearSolutions.text_stub = "✍️ 여기에 답을 적으세요 (YOUR ANSWER HERE)"
# 셀 하나의 제한 시간 (초). 노트북의 학습 셀은 기본 매개변수로 10초 안쪽입니다.
c.Execute.timeout = 120
