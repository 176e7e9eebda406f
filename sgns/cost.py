"""계산량 세기: naive softmax 와 네거티브 샘플링이 갱신 한 번, 말뭉치 한 번에 하는 일의 양.

시간이 아니라 '몇 번의 내적/지수 계산을 하는가' 를 셉니다. 그래서 기계와 상관없이 결정적입니다.
"""

from __future__ import annotations

from ._validate import as_positive_int

__all__ = [
    "dot_products_per_update",
    "context_predictions",
    "softmax_corpus_operations",
    "korean_number",
]


def dot_products_per_update(vocab_size: int, negative: int | None = None) -> int:
    """(중심 단어, 주변 단어) 쌍 하나를 갱신할 때 필요한 내적 u_w·v_c 의 수.

    Parameters
    ----------
    vocab_size : int, 어휘 크기 V
    negative : int 또는 None, 네거티브 샘플 수 k. None 이면 naive softmax (V 개 모두).

    Returns
    -------
    int : naive softmax 는 V, 네거티브 샘플링은 k + 1 (긍정 1개 + 부정 k개)
    """
    vocab_size = as_positive_int("vocab_size", vocab_size)
    if negative is None:
        return vocab_size
    return as_positive_int("negative", negative) + 1


def context_predictions(num_tokens: int, window: int) -> int:
    """말뭉치 전체에서 예측해야 하는 (중심, 주변) 쌍의 최대 수: 위치마다 2m 개.

    Parameters
    ----------
    num_tokens : int, 말뭉치의 단어 수 T
    window : int, 윈도우 크기 m (한쪽 방향)

    Returns
    -------
    int : T * 2m (문장 양끝에서는 실제로 조금 적음 — 원문처럼 '최대' 개수)
    """
    num_tokens = as_positive_int("num_tokens", num_tokens)
    window = as_positive_int("window", window)
    return num_tokens * 2 * window


def softmax_corpus_operations(num_tokens: int, window: int, vocab_size: int) -> int:
    """naive softmax 로 말뭉치를 한 번 훑을 때의 지수 계산(= 내적) 횟수: T * 2m * V."""
    return context_predictions(num_tokens, window) * dot_products_per_update(vocab_size)


_UNITS = [(10**16, "경"), (10**12, "조"), (10**8, "억"), (10**4, "만")]


def korean_number(value: float) -> str:
    """큰 수를 한국어 단위로 읽기 쉽게: 2e14 -> '200조', 4e9 -> '40억', 50000 -> '5만'.

    가장 큰 단위 하나로, 소수점 아래는 필요할 때만 한 자리까지 씁니다.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"`value`는 수여야 합니다. 받은 값: {value!r}")
    sign = "-" if value < 0 else ""
    value = abs(value)
    for size, name in _UNITS:
        if value >= size:
            scaled = value / size
            text = f"{scaled:,.0f}" if float(scaled).is_integer() else f"{scaled:,.1f}"
            return f"{sign}{text}{name}"
    return f"{sign}{value:,.0f}" if float(value).is_integer() else f"{sign}{value:,.2f}"
