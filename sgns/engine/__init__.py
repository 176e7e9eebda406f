"""학습 엔진: 학습기 (``sgns.trainer``) 를 빠르게, 말뭉치 크기와 상관없는 메모리로 돌리는 부품.

강의가 가르치는 식과 반복문은 ``sgns`` 의 모듈들 (``neg_sampling``, ``scatter``, ``trainer`` ...) 에 있고, 이
패키지는 그 옆에서 일만 합니다. 알고리즘을 이해하려고 이 패키지를 읽을 필요는 없습니다.

| 모듈 | 하는 일 |
|---|---|
| `chunks` | 말뭉치를 크기가 정해진 조각으로 흘려 보내기, 조각 하나의 결과 ``ChunkStats``, 학습 전의 메모리 어림 |
| `sparse` | scatter-add 의 희소 행렬 곱 ``target += M @ vectors`` 를 제자리에서 (scipy 의 C 루프, 없으면 공개 API) |
| `compiled` | numba 로 컴파일한 word2vec.c 식 엔진: ``sgns.train(..., engine="compiled", workers=2)`` |

CPU 가 달라도 같은 결과: numpy 학습기의 계수 형태 (``sgns.neg_sampling.neg_sampling_coefficients``) 는
BLAS 의 행렬 곱 대신 ``numpy.einsum`` 으로 점수를 계산하고 손실을 열 순서대로 더합니다. 그래서 같은 seed 면 BLAS
커널이나 numpy 의 SIMD 선택이 달라도 같은 배열이 나옵니다 (``tests/test_train.py`` 가 커널을 바꿔 가며 확인).

넘침: 학습이 발산해 손실이나 가중치가 NaN·무한대가 되면 학습기의 입구 ``sgns.train`` 이 한국어
``TrainingDiverged`` 로 멈춥니다 (경고나 NaN 벡터가 아니라).
"""
