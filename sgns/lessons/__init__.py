"""강의 도우미: 한 장(chapter)의 표, 그림, 실험에만 쓰는 함수들.

핵심 (``sgns`` 의 다른 모듈) 은 이 패키지를 import 하지 않습니다. 노트북은
``from sgns.lessons.monitor import ProbabilityMonitor`` 처럼 이름으로 가져옵니다.

| 모듈 | 내용 | 노트북 |
|---|---|---|
| `pair_table` | 긍정 쌍·부정 쌍에 레이블을 붙인 표, 뽑힌 네거티브 샘플 가운데 드문 단어 | 1 |
| `diagram` | 스킵-그램 + 네거티브 샘플링 모델의 그림 (단어 -> 벡터 -> 내적 -> σ -> 레이블) | 1 |
| `update_cost` | 갱신 한 번의 계산량 세기 (V 대 k+1, "200조"), 건드리는 행, 시간 재기와 그 요약 | 1, 2 |
| `monitor` | 학습 중 σ(u·v) 감시, 긍정·부정 쌍의 분리, 무리 이웃 정확도, 네거티브 샘플 수 K 바꿔 보기 | 3 |
| `optimum` | 손실의 두 항, 말뭉치 목적 함수 J(θ), 공기 행렬·PMI 와 SGNS 의 최적점 | 3, 4 |
| `projection` | 단어 벡터의 2차원 PCA 투영과 무리별 코사인 | 4 |
| `gensim_baseline` | 같은 조건의 gensim 학습 (비교용; gensim 은 이 모듈을 쓸 때 불러옵니다) | 4 |
| `own_trainer` | 학생이 만든 학습기를 확인을 통과했을 때만, 제한 시간 안에서 실제 텍스트로 학습 | 4 |
| `zipf` | 순위-빈도 (Zipf 법칙), 빈도 구간, 빈도 구간이 잡음 분포에서 받는 몫 | 5 |
| `noise_samplers` | 원문식 샘플러 (쌍마다 choice), 샘플러의 분포 검사 (TVD 와 그 기댓값), 별칭 표 그림 | 5 |
| `korean` | 한국어 말뭉치 (konlpy 휠의 헌법·의안), 어절·형태소(Kiwi) 토큰화, 품사로 조사·어미 고르기 | 부록 |
"""

__all__ = [
    "diagram",
    "gensim_baseline",
    "korean",
    "monitor",
    "noise_samplers",
    "optimum",
    "own_trainer",
    "pair_table",
    "projection",
    "update_cost",
    "zipf",
]
