"""06 연습문제 (부록, 선택): 네거티브 샘플 가운데 조사의 몫 ``particle_share(words, counts, power)``.

어휘의 단어는 형태소 분석기가 붙인 ``"형태/품사"`` 꼴입니다 (예: ``"국민/NNG"``, ``"은/JX"``). 품사는 마지막
``/`` 뒤이고, 조사는 품사가 ``J``로 시작하는 것입니다 (JKS, JKO, JKG, JKB, JX, JC ...). 잡음 분포
P_n(w) = counts_w^power / Σ counts^power에서

    particle_share = Σ_{w가 조사} P_n(w)

곧 네거티브 샘플을 많이 뽑을 때 그중 조사의 비율(기댓값)을 돌려줍니다. counts는 모두 1 이상입니다.
"""

from __future__ import annotations

import numpy as np

from sgns.checks._harness import SEED, Case, Exercise
from sgns.checks._judges import hinted
from sgns.checks._values import as_scalar, close, non_finite_note

CATEGORIES = {
    "power-ignored": "power 대신 1 (유니그램 분포의 몫)",
    "type-share": "확률 대신 조사인 단어 종류의 비율을 셈",
    "unnormalised": "전체 합으로 나누지 않음",
    "within-particles": "조사끼리만 정규화함 (언제나 1)",
    "contains-j": "품사에 J가 들어 있는지로 봄 (MAJ 접속 부사까지 셈)",
    "jk-only": "격조사(JK*)만 셈 (보조사 JX, 접속 조사 JC를 빠뜨림)",
    "by-form": "품사 대신 형태(은, 는, 이, 가 ...)로 고름",
    "with-endings": "어미(E*)까지 함께 셈",
    "precedence": "counts ** 3/4 (연산 순서)",
    "out-of-range": "0과 1 사이가 아님",
}

# 흔히 외워 쓰는 조사의 꼴 (by-form 실수를 흉내 낼 때)
PARTICLE_FORMS = frozenset("이 가 은 는 을 를 의 에 에서 에게 와 과 도 로 으로 만 까지 부터 께서 이나 나 랑".split())

_TINY = (
    ["나/NP", "는/JX", "학교/NNG", "에/JKB", "가/VV", "ᆫ다/EF", "그리고/MAJ", "책/NNG", "을/JKO", "과/JC"],
    [5, 9, 3, 7, 2, 4, 1, 6, 8, 2],
)
_HOMOGRAPHS = (
    ["이/JKS", "이/VCP", "이/NP", "이/MM", "가/JKS", "가/VV", "의/JKG", "도/JX", "도/NNB", "로/JKB", "다/EF"],
    [40, 25, 6, 3, 22, 9, 30, 5, 2, 12, 18],
)
# 큰 어휘에서 품사를 뽑을 비율 (형태소 분석한 한국어 텍스트와 비슷하게)
_TAG_MIX = {
    "NNG": 0.40, "NNP": 0.08, "NNB": 0.03, "VV": 0.12, "VA": 0.04, "MAG": 0.05, "MAJ": 0.02, "MM": 0.02, "JKS": 0.02,
    "JKO": 0.02, "JKB": 0.04, "JKG": 0.01, "JX": 0.03, "JC": 0.01, "EC": 0.04, "EF": 0.02, "ETM": 0.02, "XSV": 0.02,
    "SN": 0.01,
}


def _tag(word: str) -> str:
    return word.rpartition("/")[2]


def _form(word: str) -> str:
    return word.rpartition("/")[0]


def _large_vocabulary(rng: np.random.Generator, size: int) -> tuple[list[str], np.ndarray]:
    tags = rng.choice(list(_TAG_MIX), size=size, p=np.array(list(_TAG_MIX.values())) / sum(_TAG_MIX.values()))
    syllables = np.array(list("가나다라마바사아자차카타파하국민법률정부회의권리"))
    lengths = rng.integers(1, 4, size=size)
    letters = rng.choice(syllables, size=(size, 3))
    words = [f"{''.join(letters[i, : lengths[i]])}{i}/{tag}" for i, tag in enumerate(tags)]
    counts = np.minimum(rng.zipf(1.15, size=size), 10**7).astype(np.int64)
    return words, counts


def make_cases() -> list[Case]:
    rng = np.random.default_rng(SEED)
    tiny_words, tiny_counts = _TINY
    homograph_words, homograph_counts = _HOMOGRAPHS
    large_words, large_counts = _large_vocabulary(rng, 50_000)
    tiny = {"words": tiny_words, "counts": np.array(tiny_counts)}
    return [
        Case("tiny", "작은 어휘, power=0.75", {**tiny, "power": 0.75}),
        Case("unigram", "같은 어휘, power=1", {**tiny, "power": 1.0}),
        Case("uniform", "같은 어휘, power=0", {**tiny, "power": 0.0}),
        Case(
            "homographs",
            "꼴이 같은 다른 품사 (이/VCP, 가/VV, 도/NNB), power=0.75",
            {"words": homograph_words, "counts": np.array(homograph_counts), "power": 0.75},
        ),
        Case(
            "no-particles",
            "조사가 하나도 없음",
            {"words": ["국민/NNG", "정하/VV", "모든/MM", "및/MAJ"], "counts": np.array([7, 5, 4, 3]), "power": 0.75},
        ),
        Case(
            "large-input",
            "큰 어휘 V=50,000 (Zipf 빈도), power=0.5",
            {"words": large_words, "counts": large_counts, "power": 0.5},
            shown="words=형태/품사 50,000개, counts=Zipf 빈도, power=0.5",
        ),
    ]


def _share(words, counts, power: float, member) -> float:
    weights = np.asarray(counts, dtype=np.float64) ** power
    mask = np.fromiter((bool(member(w)) for w in words), dtype=bool, count=len(words))
    return float(weights[mask].sum() / weights.sum())


def _is_j(word: str) -> bool:
    return _tag(word).startswith("J")


HINTS = {
    "unnormalised": "조사의 빈도^power를 더하기만 했습니다. 어휘 전체의 빈도^power 합으로 나눠야 확률(몫)이 됩니다.",
    "contains-j": "품사에 'J'가 들어 있는지('J' in tag)로 골라 접속 부사 MAJ (그리고, 및)까지 셌습니다. "
    "품사가 J로 시작하는지 (tag.startswith('J'))를 보세요.",
    "jk-only": "격조사(JK*)만 셌습니다. 보조사 JX (은, 는, 도)와 접속 조사 JC (와, 과)도 조사입니다: "
    "J로 시작하면 모두.",
    "by-form": "형태(은, 는, 이, 가 ...)로 골랐습니다. 같은 꼴이 다른 품사일 수 있습니다 "
    "(이/VCP '이다', 가/VV '가다'). 품사 태그로 고르세요.",
    "with-endings": "어미(E*: 다, ᆫ, 는 ...)까지 셌습니다. 이 연습문제는 조사(J*)만 셉니다.",
    "within-particles": "조사들끼리만 정규화해서 언제나 1입니다. 분모는 어휘 전체의 합입니다.",
    "power-ignored": "power를 쓰지 않고 빈도 그대로 (유니그램 분포) 계산했습니다. 빈도를 power 제곱하세요.",
    "type-share": "조사인 단어 종류의 비율을 셌습니다 (power=0과 같음). 단어마다 빈도^power로 무게를 주세요.",
    "precedence": "counts ** 3/4는 (counts**3)/4입니다. counts ** (3/4)처럼 괄호를 치거나 power를 쓰세요.",
}


def _variants(words, counts, power: float) -> list[tuple[str, float, str]]:
    weights = np.asarray(counts, dtype=np.float64) ** power
    mask = np.fromiter((_is_j(w) for w in words), dtype=bool, count=len(words))
    variants = [
        ("unnormalised", float(weights[mask].sum())),
        ("contains-j", _share(words, counts, power, lambda w: "J" in _tag(w))),
        ("jk-only", _share(words, counts, power, lambda w: _tag(w).startswith("JK"))),
        ("by-form", _share(words, counts, power, lambda w: _form(w) in PARTICLE_FORMS)),
        ("with-endings", _share(words, counts, power, lambda w: _tag(w).startswith(("J", "E")))),
        *([("within-particles", 1.0)] if mask.any() else []),
    ]
    for other, category in ((1.0, "power-ignored"), (0.0, "type-share"), (3.0, "precedence")):
        if other != power:
            variants.append((category, _share(words, counts, other, _is_j)))
    return hinted(HINTS, variants)


def judge(ctx, case: Case) -> None:
    words, counts, power = case.args["words"], case.args["counts"], case.args["power"]
    result, _ = ctx.call()
    got = as_scalar(ctx, result, "반환값")
    want = _share(words, counts, power, _is_j)
    if close(got, want):
        ctx.fail_on_warnings()
        return
    problem = "\n".join(filter(None, [f"반환값: 기대한 값 {want:.6g}, 받은 값 {float(got):.6g}", non_finite_note(got)]))
    if non_finite_note(got):
        ctx.fail("nan-or-inf", problem, "0으로 나누지 않았는지 보세요 (조사가 없는 어휘의 몫은 0입니다).")
    ctx.fail_matching(got, _variants(words, counts, power), problem)
    if not 0.0 <= float(got) <= 1.0:
        ctx.fail("out-of-range", f"{problem}\n몫(확률의 합)은 0과 1 사이여야 합니다.")
    ctx.fail("wrong-value", problem)


EXERCISE = Exercise(
    id="nb06-particle-share",
    function="particle_share",
    signature="particle_share(words, counts, power) -> float",
    title="particle_share (네거티브 샘플 가운데 조사의 몫, 선택)",
    summary=(
        "{n}개 사례 (power = 0.75, 1, 0, 꼴이 같은 다른 품사, 조사 없음, 큰 어휘 포함)"
        "에서 네거티브 샘플 가운데 조사의 몫이 맞습니다."
    ),
    points=2,
    optional=True,
    order=1,
    references={"sgns.lessons.korean.is_particle": lambda words, counts, power: (words[0],)},
)
