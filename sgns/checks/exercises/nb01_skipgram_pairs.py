"""01 연습문제: 문장 하나의 스킵-그램 (중심 단어, 주변 단어) 쌍 ``skipgram_pairs(tokens, window)``."""

from __future__ import annotations

from collections import Counter

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._values import fmt, none_problem
from sgns.corpus import skipgram_pairs as reference_skipgram_pairs

CATEGORIES = {
    "self-pair": "중심 단어 자신과의 쌍 (w, w)을 넣음",
    "wrap-around": "음수 위치가 문장 끝 단어를 가리킴",
    "window-too-wide": "윈도우보다 한 칸 먼 쌍까지 넣음",
    "window-too-narrow": "거리 window인 쌍을 빠뜨림",
    "one-side": "한쪽 주변 단어만 넣음",
    "deduplicated": "같은 쌍을 한 번만 넣음 (set)",
    "compare-words": "위치가 아니라 단어로 자신을 뺌",
    "left-edge-slice": "문장 앞쪽에서 왼쪽 주변 단어가 빠짐 (음수 슬라이스)",
    "empty": "쌍을 하나도 돌려주지 않음",
    "pair-format": "원소가 (중심, 주변) 두 개짜리가 아님",
    "foreign-token": "문장에 없는 단어가 쌍에 들어감",
}


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    index_tokens = [int(t) for t in rng.integers(0, 4, size=10)]
    long_tokens = [int(t) for t in rng.integers(0, 500, size=20_000)]
    rows = [
        ("window-2", "윈도우 크기 2", ["나는", "오늘", "도서관에서", "책을", "읽었다"], 2),
        ("source-example", "원문 예, 윈도우 크기 1", ["turning", "into", "banking", "crises"], 1),
        ("window-longer-than-sentence", "윈도우가 문장보다 긺", ["the", "quick", "fox"], 5),
        ("repeated-word", "같은 단어가 두 번 나옴", ["the", "cat", "saw", "the", "dog"], 3),
        ("single-token", "단어 하나뿐인 문장", ["안녕"], 2),
        ("index-tokens", "무작위 인덱스 토큰", index_tokens, 3),
        ("long-sentence", "토큰 2만 개짜리 긴 문장, 윈도우 5", long_tokens, 5),
    ]
    return Case.table(("tokens", "window"), rows)


def _as_pairs(ctx, result, expected: int) -> Counter:
    """반환값을 (중심, 주변) 쌍의 중복 집합(Counter)으로. 리스트 쌍, 다른 순서, 제너레이터도 받아 줍니다."""
    if result is None:
        ctx.fail("returned-none", none_problem("반환값"))
    if isinstance(result, (str, bytes, dict)) or not hasattr(result, "__iter__"):
        ctx.fail(
            "wrong-type", f"(중심, 주변) 쌍의 리스트를 돌려줘야 합니다. 받은 것: {type(result).__name__} {fmt(result)}"
        )
    size = len(result) if hasattr(result, "__len__") else 0
    if size > 4 * expected + 100:
        ctx.fail("too-large", f"쌍이 너무 많습니다: {size:,}개 (기대한 개수 {expected:,}개).")
    pairs = []
    for item in result:
        if isinstance(item, np.ndarray):
            item = item.tolist()
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            ctx.fail("pair-format", f"리스트의 원소는 (중심, 주변) 두 개짜리 튜플이어야 합니다. 받은 원소: {fmt(item)}")
        try:
            pairs.append((_plain(item[0]), _plain(item[1])))
        except TypeError:
            ctx.fail("pair-format", f"쌍의 원소는 토큰(문자열이나 정수)이어야 합니다. 받은 원소: {fmt(item)}")
    return Counter(pairs)


def _plain(token):
    """numpy 정수는 파이썬 정수로 (해시와 비교가 같도록). 해시할 수 없으면 TypeError."""
    if isinstance(token, np.generic):
        token = token.item()
    hash(token)
    return token


def _pairs_problem(got: Counter, want: Counter) -> str:
    missing, extra = sorted((want - got).elements(), key=repr), sorted((got - want).elements(), key=repr)
    lines = [f"쌍의 개수: 기대 {sum(want.values())}개, 받음 {sum(got.values())}개"]
    if missing:
        lines.append(f"빠진 쌍 {len(missing)}개, 예: {fmt(missing[:3])}")
    if extra:
        lines.append(f"있으면 안 되는 쌍 {len(extra)}개, 예: {fmt(extra[:3])}")
    return "\n".join(lines)


def _diagnose(tokens: list, window: int, got: Counter, want: Counter) -> tuple[str, str] | None:
    """틀린 쌍 목록에서 흔한 실수를 알아봅니다: (범주 id, 설명) 또는 None."""
    missing, extra = want - got, got - want
    if not got:
        return "empty", "쌍을 하나도 돌려주지 않았습니다. append를 빠뜨렸거나 range가 비어 있지 않은지 확인하세요."
    if not extra and set(got) == set(want):
        return "deduplicated", "같은 쌍이 여러 번 나와야 하는데 한 번만 있습니다. set으로 중복을 없애지 마세요."
    if missing and not extra and all(center == context for center, context in missing):
        return (
            "compare-words",
            "같은 단어인 (w, w) 쌍이 빠졌습니다. 중심 단어 자신을 뺄 때 단어(`tokens[j] != center`)가 아니라 "
            "위치(`j != i`)로 비교하세요.",
        )
    if len(set(tokens)) != len(tokens):
        return None
    position = {token: i for i, token in enumerate(tokens)}
    n = len(tokens)
    if any(c not in position or o not in position for c, o in extra):
        return "foreign-token", "문장에 없는 단어가 쌍에 들어 있습니다."

    def offsets(pairs):  # 주변 위치 - 중심 위치
        return {position[o] - position[c] for c, o in pairs}

    extra_offsets, missing_offsets, got_offsets = offsets(extra), offsets(missing), offsets(got)
    if 0 in extra_offsets:
        return "self-pair", "중심 단어 자기 자신과의 쌍 (w, w)이 들어 있습니다. 거리 0 (j == i)은 빼야 합니다."
    if {abs(off) for off in extra_offsets} == {window + 1}:
        return (
            "window-too-wide",
            f"거리 {window + 1}인 쌍이 들어 있습니다. range의 끝을 한 칸 더 갔습니다 (윈도우 한 칸 차이).",
        )
    # tokens[i + off] 에서 i + off 가 음수면 문장 끝에서부터 셉니다: 위치 n + i + off 의 단어
    if extra and all(-window <= position[o] - n - position[c] <= -1 for c, o in extra):
        example = sorted(extra, key=repr)[0]
        return (
            "wrap-around",
            f"문장 끝 단어와 쌍이 생겼습니다 (예: {example}). i - window가 음수일 때 tokens[음수]는 "
            "문장 끝 단어를 가리킵니다. 0 이상인 위치만 쓰세요 (max(0, i - window)).",
        )
    if missing and {abs(off) for off in missing_offsets} == {window} and got_offsets:
        return (
            "window-too-narrow",
            f"거리 {window}인 쌍이 빠졌습니다. range(i + 1, i + window + 1)처럼 끝을 포함하세요 (윈도우 한 칸 차이).",
        )
    if got_offsets and (all(off > 0 for off in got_offsets) or all(off < 0 for off in got_offsets)):
        side = "오른쪽" if all(off > 0 for off in got_offsets) else "왼쪽"
        return (
            "one-side",
            f"중심 단어의 {side} 주변 단어만 넣었습니다. 윈도우는 양쪽(왼쪽 window 개, 오른쪽 window 개)입니다.",
        )
    if missing and all(position[o] < position[c] and position[c] - window < 0 for c, o in missing):
        return (
            "left-edge-slice",
            "문장 앞쪽 중심 단어의 왼쪽 주변 단어가 빠졌습니다. tokens[i - window:i]에서 i - window가 음수면 "
            "슬라이스가 비거나 엉뚱해집니다. tokens[max(0, i - window):i]를 쓰세요.",
        )
    return None


def judge(ctx, case: Case) -> None:
    want = Counter(reference_skipgram_pairs(**case.args))
    expected = sum(want.values())
    result, _ = ctx.call(
        error_hints={"index out of range": ("exception", "j가 len(tokens) 이상이 되지 않게 하세요.")},
        iterable_limit=4 * expected + 100,
    )
    got = _as_pairs(ctx, result, expected)
    if got != want:
        found = _diagnose(case.args["tokens"], case.args["window"], got, want)
        category, hint = found if found else ("wrong-value", None)
        ctx.fail(category, _pairs_problem(got, want), hint)


EXERCISE = Exercise(
    id="nb01-skipgram-pairs",
    function="skipgram_pairs",
    signature="skipgram_pairs(tokens, window) -> list[(center, context)]",
    title="skipgram_pairs (스킵-그램 쌍)",
    summary="{n}개 사례 (문장 양 끝, 윈도우가 문장보다 긴 경우, 반복되는 단어, 긴 문장 포함)의 쌍이 모두 맞습니다.",
    points=2,
    order=1,
    references={
        "sgns.corpus.skipgram_pair_arrays": lambda tokens, window: (
            np.arange(len(tokens)),
            np.zeros(len(tokens), int),
            window,
        )
    },
)
