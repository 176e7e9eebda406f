"""04 연습문제 (4b): 코사인 이웃 ``nearest_neighbours(vectors (V, d), query_vec (d,), k, exclude=()) -> (k,) 정수``.

exclude를 뺀 단어 가운데 코사인 cos(vectors[w], query_vec)가 큰 순서로 k 개. 값이 같은 단어끼리의 순서는
묻지 않습니다 (고른 단어들의 코사인으로 판정). 참조는 ``sgns.evaluate.nearest_neighbors``입니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._values import fmt, none_problem
from sgns.evaluate import normalize_rows

CATEGORIES = {
    "not-normalised": "행을 길이로 나누지 않음 (내적 순위; 질의만 나눠도 같음)",
    "not-excluded": "exclude의 인덱스를 빼지 않음",
    "ascending": "유사도가 작은 순서 (오름차순)",
    "unsorted": "가장 가까운 k 개는 맞지만 순서가 틀림 (argpartition만)",
    "returned-scores": "인덱스 대신 유사도를 돌려줌",
}

_NORM_HINT = (
    "코사인은 두 벡터를 모두 길이로 나눈 내적입니다. 행렬의 행마다 길이로 나누세요 "
    "(`vectors / np.linalg.norm(vectors, axis=1, keepdims=True)`). 질의 벡터만 나누면 순위는 내적과 같아서 "
    "길이가 긴 단어가 위로 올라옵니다."
)

_ASCENDING_HINT = "유사도가 작은 것부터 골랐습니다. 큰 것부터 고르세요 (`np.argsort(-scores)`)."


def _cosines(vectors, query_vec):
    unit = normalize_rows(vectors)
    query = normalize_rows(np.asarray(query_vec, dtype=np.float64)[None, :])[0]
    return unit @ query


def _top(scores, k, exclude, *, descending=True):
    scores = np.array(scores, dtype=np.float64)
    idx = np.asarray(list(exclude), dtype=np.intp)
    if idx.size:
        scores[idx] = -np.inf if descending else np.inf
    order = np.argsort(-scores if descending else scores, kind="stable")
    return order[:k]


def reference_nearest_neighbours(vectors, query_vec, k, exclude=()):
    """기대한 이웃: 코사인 내림차순, exclude를 뺀 k 개."""
    return _top(_cosines(vectors, query_vec), k, exclude)


def _neighbour_case(case_id, label, vectors, query_vec, k, exclude=()) -> Case:
    vectors = np.asarray(vectors, dtype=np.float64)
    args = {"vectors": vectors, "query_vec": np.asarray(query_vec, dtype=np.float64), "k": k}
    kwargs = {"exclude": tuple(int(i) for i in exclude)}
    shown = None
    if vectors.size > 24:
        shown = f"vectors 형태 {vectors.shape}, k={k}, exclude={fmt(list(kwargs['exclude']))}"
    return Case(case_id, label, args, kwargs, shown=shown)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    # 길이가 다른 벡터: 0 번은 길어서 내적으로는 가깝지만 방향은 먼 단어
    lengths = np.array([[6.0, 1.0], [1.0, 0.9], [0.5, 0.6], [-1.0, 0.2], [0.1, -1.0], [0.8, 1.1]])
    V, d = 20_000, 50
    big = rng.normal(size=(V, d)) * rng.uniform(0.2, 5.0, size=(V, 1))  # 길이가 제각각
    words = rng.normal(size=(40, 8))
    a, b, c = 3, 17, 25
    analogy = words[b] / np.linalg.norm(words[b]) - words[a] / np.linalg.norm(words[a])
    analogy = analogy + words[c] / np.linalg.norm(words[c])
    words[31] = analogy * 2.0 + rng.normal(scale=0.05, size=8)  # 정답 단어 (길이 2배)
    return [
        _neighbour_case("lengths", "길이가 다른 벡터 (내적과 코사인의 순위가 다름)", lengths, [1.0, 1.0], 3),
        _neighbour_case("self-excluded", "질의 단어 자신을 뺌", lengths, lengths[1], 2, exclude=[1]),
        _neighbour_case("analogy", "유추 b - a + c (a, b, c를 뺌)", words, analogy, 4, exclude=[a, b, c]),
        _neighbour_case("k-is-one", "k = 1", words, words[7] + words[8], 1),
        _neighbour_case("large-input", f"큰 어휘 V={V:,}, d={d}", big, big[123], 10, exclude=[123, 5, 77]),
    ]


def _variants(case: Case):
    v, q, k = case.args["vectors"], case.args["query_vec"], case.args["k"]
    exclude = case.kwargs["exclude"]
    cosine = _cosines(v, q)
    return [
        ("not-normalised", _top(v @ q, k, exclude), _NORM_HINT),
        ("not-excluded", _top(cosine, k, ()), "exclude에 든 인덱스는 돌려주면 안 됩니다 (그 코사인을 -inf로 두세요)."),
        ("ascending", _top(cosine, k, exclude, descending=False), _ASCENDING_HINT),
        ("ascending", _top(cosine, k, exclude)[::-1], "가장 가까운 것이 맨 앞에 오도록 내림차순으로 돌려주세요."),
        ("not-excluded", _top(v @ q, k, ()), _NORM_HINT + " exclude의 인덱스도 빼세요."),
    ]


def judge(ctx, case: Case) -> None:
    v, q, k = case.args["vectors"], case.args["query_vec"], case.args["k"]
    exclude = case.kwargs["exclude"]
    result, _ = ctx.call()
    if result is None:
        ctx.fail("returned-none", none_problem("반환값"))
    got = np.asarray(result) if isinstance(result, (np.ndarray, list, tuple)) else None
    if got is None or got.dtype.kind not in "iuf":
        ctx.fail(
            "wrong-type", f"반환값은 정수 인덱스 배열이어야 합니다. 받은 것: {type(result).__name__} {fmt(result)}"
        )
    if got.shape != (k,):
        pairs = "(인덱스, 유사도) 쌍이 아니라 인덱스만 돌려주세요." if got.shape == (k, 2) else None
        ctx.fail("wrong-shape", f"반환값의 형태가 다릅니다: 기대한 형태 {(k,)}, 받은 형태 {got.shape}", pairs)
    cosine = _cosines(v, q)
    want = _top(cosine, k, exclude)
    if got.dtype.kind == "f":
        if np.allclose(got, cosine[want]):
            ctx.fail(
                "returned-scores",
                f"반환값이 인덱스가 아니라 유사도입니다: {fmt(got)}",
                "유사도가 큰 단어의 *인덱스*를 돌려주세요 (`np.argsort(-scores)[:k]`).",
            )
        if not np.all(got == np.round(got)):
            ctx.fail("wrong-type", f"반환값은 정수 인덱스 배열이어야 합니다. 받은 것: {fmt(got)}")
    got = got.astype(np.int64)
    if np.all((got >= 0) & (got < len(v))) and len(set(got.tolist())) == k and not set(got.tolist()) & set(exclude):
        if np.allclose(cosine[got], cosine[want], rtol=0, atol=1e-12):
            return  # 같은 값의 단어끼리 순서만 다르면 맞음
    problem = f"반환한 인덱스 {fmt(got)}, 기대한 인덱스 {fmt(want)}"
    ctx.fail_matching(got, _variants(case), problem)
    if set(got.tolist()) == set(want.tolist()):
        ctx.fail(
            "unsorted",
            problem,
            "가장 가까운 k 개는 맞지만 순서가 다릅니다. np.argpartition은 순서를 정하지 않으니 그 뒤에 정렬하세요.",
        )
    ctx.fail("wrong-value", problem)


EXERCISE = Exercise(
    id="nb04-nearest-neighbours",
    function="nearest_neighbours",
    signature="nearest_neighbours(vectors, query_vec, k, exclude=()) -> (k,) int",
    title="nearest_neighbours (코사인 이웃)",
    summary="{n}개 사례 (길이가 다른 벡터, 유추 b - a + c, 큰 어휘 포함)에서 코사인 내림차순 이웃이 맞습니다.",
    points=2,
    order=7,
    references={
        "sgns.evaluate.nearest_neighbors": lambda vectors, query_vec, k, exclude=(): (
            normalize_rows(vectors),
            query_vec,
            k,
            exclude,
        ),
    },
)
