"""요약 노트 (SUMMARY.md) 의 식과 숫자 예가 sgns 의 계산과 같은지 확인합니다.

식은 여기서 글에 적힌 그대로 numpy 로 옮겨 sgns 의 구현과 비교하고, 숫자 예는 페이지의 표에서 읽어 sgns 로 다시
계산합니다. 매개변수 표는 sgns.train 의 TrainParams 와 gensim Word2Vec 의 이름·기본값과 비교합니다.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

import sgns
from sgns.corpus import paper_keep_probabilities
from sgns.trainer import TrainParams, learning_rate

PAGE = Path(__file__).resolve().parents[1] / "SUMMARY.md"
PHI = (1 + 5**0.5) / 2


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def table_after(page: str, marker: str) -> list[list[str]]:
    """marker 부터 찾은 첫 Markdown 표의 줄들 (머리글과 정렬 줄 제외)."""
    lines = page[page.index(marker) :].splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    block = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        block.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return block[2:]


def vector(cell: str) -> np.ndarray:
    return np.array([float(x) for x in cell.strip("()").split(",")])


# ---------------------------------------------------------------------------
# 손실, 기울기, 갱신: 글의 식 그대로 vs sgns
# ---------------------------------------------------------------------------


def stated_loss_and_gradients(v_c, u_o, u_neg):
    """SUMMARY.md 1-2절의 식을 그대로 옮긴 것."""
    sigma = sgns.sigmoid
    loss = -np.log(sigma(u_o @ v_c)) - np.sum(np.log(sigma(-u_neg @ v_c)))
    grad_v = (sigma(u_o @ v_c) - 1) * u_o + (sigma(u_neg @ v_c)[:, None] * u_neg).sum(axis=0)
    grad_u_o = (sigma(u_o @ v_c) - 1) * v_c
    grad_u_neg = sigma(u_neg @ v_c)[:, None] * v_c
    return loss, grad_v, grad_u_o, grad_u_neg


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_stated_loss_and_gradients_equal_sgns_with_a_repeated_negative(seed):
    rng = np.random.default_rng(seed)
    d, vocab_size = 4, 6
    v_c = rng.normal(size=d)
    U = rng.normal(size=(vocab_size, d))
    outside, negatives = 0, np.array([2, 3, 2])  # 2 가 두 번: 두 번 더해짐
    loss, grad_v, grad_u_o, grad_u_neg = stated_loss_and_gradients(v_c, U[outside], U[negatives])
    got_loss, got_v, got_U = sgns.neg_sampling_loss_and_gradient(v_c, outside, U, negatives)
    assert got_loss == pytest.approx(loss, rel=1e-12)
    np.testing.assert_allclose(got_v, grad_v, rtol=1e-12, atol=1e-15)
    expected_U = np.zeros_like(U)
    expected_U[outside] += grad_u_o
    np.add.at(expected_U, negatives, grad_u_neg)  # 같은 u_k 의 기울기는 뽑힌 횟수만큼 더함
    np.testing.assert_allclose(got_U, expected_U, rtol=1e-12, atol=1e-15)


def test_worked_step_table_is_what_sgns_computes(page):
    rows = {row[0]: row for row in table_after(page, "**손으로 한 걸음**")}
    eta = float(re.search(r"\\eta = ([0-9.]+)\$\)", page).group(1))
    v_c = vector(rows["$v_c$"][1])
    names = ["$u_o$", "$u_{k_1}$", "$u_{k_2}$"]
    U = np.array([vector(rows[n][1]) for n in names])
    loss, grad_v, grad_U = sgns.neg_sampling_loss_and_gradient(v_c, 0, U, np.array([1, 2]))
    scores = U @ v_c
    for i, name in enumerate(names):
        _, _, score, prob, grad, updated = rows[name]
        assert float(score) == pytest.approx(scores[i], abs=5e-3)
        assert float(prob) == pytest.approx(sgns.sigmoid(scores[i]), abs=5e-5)
        np.testing.assert_allclose(vector(grad), grad_U[i], atol=5e-5)
        np.testing.assert_allclose(vector(updated), U[i] - eta * grad_U[i], atol=5e-5)
    np.testing.assert_allclose(vector(rows["$v_c$"][4]), grad_v, atol=5e-5)
    np.testing.assert_allclose(vector(rows["$v_c$"][5]), v_c - eta * grad_v, atol=5e-5)
    after, _, _ = sgns.neg_sampling_loss_and_gradient(v_c - eta * grad_v, 0, U - eta * grad_U, np.array([1, 2]))
    stated = re.search(r"갱신 전 ([0-9.]+)에서 갱신 뒤 ([0-9.]+)로", page)
    assert float(stated.group(1)) == pytest.approx(loss, abs=5e-5)
    assert float(stated.group(2)) == pytest.approx(after, abs=5e-5)
    assert after < loss


def test_learning_rate_falls_linearly_from_alpha_to_min_alpha():
    p = TrainParams()
    assert learning_rate(0.0, p.alpha, p.min_alpha) == p.alpha
    assert learning_rate(1.0, p.alpha, p.min_alpha) == pytest.approx(p.min_alpha)
    assert learning_rate(0.5, p.alpha, p.min_alpha) == pytest.approx((p.alpha + p.min_alpha) / 2)


# ---------------------------------------------------------------------------
# 잡음 분포와 서브샘플링
# ---------------------------------------------------------------------------


def test_noise_distribution_example(page):
    doc = sgns.data.DOC_COUNTS
    smoothed, unigram = sgns.noise_distribution(doc, 0.75), sgns.noise_distribution(doc, 1.0)
    section = page.split("## 4.", 1)[1].split("## 5.", 1)[0]
    assert f"{smoothed['the'] / smoothed['democracy']:.2f} : 1로" in section
    assert f"{unigram['democracy']:.4f}에서 {smoothed['democracy']:.4f}로" in section
    a = doc["the"] / doc["democracy"]
    assert smoothed["the"] / smoothed["democracy"] == pytest.approx(a**0.75)  # a : 1 -> a^(3/4) : 1
    counts = np.array([7.0, 3.0, 1.0])
    np.testing.assert_allclose(sgns.noise_distribution(counts, 0.75), counts**0.75 / np.sum(counts**0.75))


def test_keep_probability_table_is_what_sgns_computes(page):
    header_line = next(line for line in page.splitlines() if line.startswith("| $f / \\tau$"))
    ratios = [float(x) for x in header_line.strip("|").split("|")[1:]]
    code_row, paper_row = table_after(page, "| $f / \\tau$")
    t, total = 1e-3, 1e6
    counts = np.array([r * t * total for r in ratios])
    counts = np.append(counts, total - counts.sum())  # 나머지 토큰을 한 단어에 몰아 전체를 total 로
    code = sgns.keep_probabilities(counts, t)[: len(ratios)]
    paper = paper_keep_probabilities(counts, t)[: len(ratios)]
    for stated, computed in [(code_row, code), (paper_row, paper)]:
        np.testing.assert_allclose([float(x) for x in stated[1:]], computed, atol=5e-4)
    # 두 꼴의 식이 같고, 코드의 식은 논문의 식 + t/f
    f = counts / total
    np.testing.assert_allclose(
        sgns.keep_probabilities(counts, t), np.minimum(1, (np.sqrt(f / t) + 1) * t / f), rtol=1e-12
    )
    np.testing.assert_allclose(code, np.minimum(1, np.sqrt(t / f[:4]) + t / f[:4]), rtol=1e-12)


def test_always_kept_up_to_phi_squared_times_t(page):
    assert f"{PHI**2:.3f}" in page
    t, total = 1e-3, 1e6
    for ratio, kept in [(PHI**2 - 1e-6, True), (PHI**2 + 1e-3, False), (1.5, True)]:
        counts = np.array([ratio * t * total, total - ratio * t * total])
        assert bool(sgns.keep_probabilities(counts, t)[0] == 1.0) is kept


# ---------------------------------------------------------------------------
# gensim 의 매개변수 이름
# ---------------------------------------------------------------------------


def test_parameter_table_matches_sgns_train_and_gensim(page):
    gensim = pytest.importorskip("gensim.models")
    gensim_defaults = {k: v.default for k, v in inspect.signature(gensim.Word2Vec.__init__).parameters.items()}
    ours = {f.name: f.default for f in fields(TrainParams)}
    rows = table_after(page, "| 기호 | 뜻 | 매개변수 이름 | 기본값 |")
    assert len(rows) >= 9
    for _, _, name, default in rows:
        name = name.strip("`")
        assert ours[name] == pytest.approx(float(default)), name
        assert gensim_defaults[name] == pytest.approx(float(default)), name
    # SGNS 는 sg=1, hs=0: gensim 의 sg 기본값 0 은 CBOW
    assert "sg=1, hs=0" in page and gensim_defaults["sg"] == 0 and gensim_defaults["hs"] == 0
