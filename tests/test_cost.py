"""계산량 세기: 원문 2절의 산수(40억 번, 200조 번)와 갱신 한 번의 내적 수."""

import pytest

from sgns.cost import context_predictions, dot_products_per_update, korean_number, softmax_corpus_operations


def test_document_arithmetic_two_hundred_trillion():
    # 원문: 10억 단어, 윈도우 2 -> 위치마다 최대 4개 -> 40억 번, 각 50,000번 -> 약 200조 번
    assert context_predictions(10**9, 2) == 4 * 10**9
    ops = softmax_corpus_operations(10**9, 2, 50_000)
    assert ops == 2 * 10**14
    assert korean_number(ops) == "200조"
    assert korean_number(context_predictions(10**9, 2)) == "40억"


def test_dot_products_per_update():
    assert dot_products_per_update(50_000) == 50_000
    assert dot_products_per_update(50_000, negative=5) == 6
    assert dot_products_per_update(50_000) // dot_products_per_update(50_000, negative=5) == 8333


@pytest.mark.parametrize(("value", "text"), [(50_000, "5만"), (12, "12"), (1.5e8, "1.5억"), (3 * 10**16, "3경"),
                                              (-2e12, "-2조"), (0.25, "0.25")])
def test_korean_number(value, text):
    assert korean_number(value) == text


@pytest.mark.parametrize(("kwargs", "name"), [({"vocab_size": 0}, "vocab_size"), ({"vocab_size": 10, "negative": 0},
                                                                                    "negative")])
def test_bad_input_names_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        dot_products_per_update(**kwargs)


def test_bad_types():
    with pytest.raises(TypeError, match="window"):
        context_predictions(10, 2.5)
    with pytest.raises(TypeError, match="value"):
        korean_number("many")
