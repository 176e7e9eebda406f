"""sgns.lessons.own_trainer (4장): 학생이 만든 학습기를 실제 텍스트로 돌리되, 확인을 통과했을 때만, 제한 시간 안에서."""

from __future__ import annotations

import time

import numpy as np
import pytest
from checks_testing import not_implemented, sgd_step, train_sgns, window_pairs

import sgns
from sgns.checks import evaluate
from sgns.lessons.own_trainer import STATUSES, reference_sgd_step, run_own_trainer, window_pair_count

HYPER = dict(dim=8, window=2, negative=3, epochs=2, lr_start=0.1, lr_end=0.001, batch_size=64, seed=0)
BIG = 10_000  # 확인 사례의 말뭉치 (합성 문장 1,000개, 약 7,800 토큰) 보다 긴 "실제 텍스트" 를 알아보는 토큰 수


@pytest.fixture(scope="module")
def corpus():
    """확인 사례보다 긴 문장들 (합성 말뭉치의 문장들을 이어 붙여 문장 하나가 수백 토큰)."""
    synthetic = sgns.data.synthetic_corpus(num_sentences=1500, seed=3)
    vocab = sgns.build_vocab(synthetic.sentences)
    flat = np.concatenate([vocab.encode(s) for s in synthetic.sentences])
    ids = [part.tolist() for part in np.array_split(flat, 12)]
    assert sum(map(len, ids)) > BIG and min(map(len, ids)) > 300
    return ids, sgns.noise_distribution(vocab.counts, 0.75)


def _tokens(corpus_ids) -> int:
    return sum(len(s) for s in corpus_ids)


@pytest.mark.parametrize("window", [1, 2, 5])
def test_window_pair_count_matches_the_pairs_a_loop_makes(window):
    rng = np.random.default_rng(window)
    corpus_ids = [rng.integers(0, 9, size=n).tolist() for n in [0, 1, 2, 3, 7, 40]]
    assert window_pair_count(corpus_ids, window) == len(window_pairs(corpus_ids, window))
    with pytest.raises(ValueError, match="window"):
        window_pair_count(corpus_ids, 0)


def test_a_passing_loop_trains_and_gives_what_train_sgns_gives(corpus):
    ids, probs = corpus
    run = run_own_trainer(train_sgns, sgd_step, ids, probs, time_limit=120, **HYPER)
    assert run.done and run.status == "done" and run.message == ""
    C, U, losses = train_sgns(ids, probs, sgd_step, **HYPER)  # 같은 seed 이면 같은 결과
    np.testing.assert_array_equal(run.center_vectors, C)
    np.testing.assert_array_equal(run.outside_vectors, U)
    assert run.epoch_losses == tuple(losses) and losses[-1] < losses[0]
    assert run.pairs_done == run.pairs_expected == HYPER["epochs"] * len(window_pairs(ids, HYPER["window"]))
    assert run.seconds > 0 and run.cpu_seconds > 0


@pytest.mark.parametrize(
    ("loop", "step", "named"),
    [(not_implemented, sgd_step, "train_sgns"), (train_sgns, not_implemented, "sgd_step")],
)
def test_an_unsolved_exercise_is_one_line_and_nothing_is_trained(corpus, loop, step, named):
    ids, probs = corpus
    run = run_own_trainer(loop, step, ids, probs, **HYPER)
    assert run.status == "todo" and not run.done and run.center_vectors is None and run.seconds == 0
    assert "\n" not in run.message and f"아직 풀지 않은 연습문제: {named}." in run.message
    assert run.message.startswith("⏳") and "통과하지 못한" not in run.message


def test_a_loop_that_fails_its_check_is_not_run(corpus):
    ids, probs = corpus
    calls = []

    def constant_rate(corpus_ids, noise_probs, step, **kw):  # 학습률을 줄이지 않음 (확인이 잡는 실수)
        calls.append(_tokens(corpus_ids))
        return train_sgns(corpus_ids, noise_probs, step, **{**kw, "lr_end": kw["lr_start"]})

    def wrong_sign(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, learning_rate):
        return sgd_step(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, -learning_rate)

    run = run_own_trainer(train_sgns, wrong_sign, ids, probs, **HYPER)
    assert run.status == "not-passed" and "아직 확인을 통과하지 못한 연습문제: sgd_step." in run.message
    run = run_own_trainer(constant_rate, sgd_step, ids, probs, **HYPER)
    assert run.status == "not-passed" and "통과하지 못한 연습문제: train_sgns." in run.message
    assert run.center_vectors is None and "풀지 않은" not in run.message
    run = run_own_trainer(not_implemented, wrong_sign, ids, probs, **HYPER)  # 하나는 빈칸, 하나는 틀림
    assert run.status == "todo" and "풀지 않은 연습문제: train_sgns;" in run.message
    assert "통과하지 못한 연습문제: sgd_step." in run.message and "\n" not in run.message
    assert calls and max(calls) < _tokens(ids)  # 확인의 작은 말뭉치로만 불렸고, 긴 말뭉치로는 불리지 않음


def _slow_on_real_text(step_seconds: float):
    """확인 사례(작은 말뭉치)는 통과하지만 긴 말뭉치에서는 sgd_step 마다 step_seconds 만큼 걸리는 반복문."""

    def loop(corpus_ids, noise_probs, step, **kw):
        if _tokens(corpus_ids) < BIG:
            return train_sgns(corpus_ids, noise_probs, step, **kw)

        def slow_step(*args):
            time.sleep(step_seconds)
            return step(*args)

        return train_sgns(corpus_ids, noise_probs, slow_step, **kw)

    return loop


def test_a_slow_loop_stops_at_the_time_limit_and_says_how_far_it_got(corpus):
    ids, probs = corpus
    start = time.perf_counter()
    run = run_own_trainer(_slow_on_real_text(0.2), sgd_step, ids, probs, time_limit=1.0, **HYPER)
    assert run.status == "timeout" and run.center_vectors is None
    assert time.perf_counter() - start < 30  # 확인 (몇 초) + 제한 시간 1초
    assert 0 < run.pairs_done < run.pairs_expected
    assert "1초" in run.message and f"{run.pairs_done:,}" in run.message and "\n" not in run.message


def test_a_loop_stuck_before_the_first_step_is_told_so(corpus):
    ids, probs = corpus

    def stuck(corpus_ids, noise_probs, step, **kw):
        if _tokens(corpus_ids) >= BIG:
            while True:  # 끝나지 않는 쌍 만들기, 예외도 삼킴
                try:
                    time.sleep(0.01)
                except Exception:
                    pass
        return train_sgns(corpus_ids, noise_probs, step, **kw)

    run = run_own_trainer(stuck, sgd_step, ids, probs, time_limit=0.5, **HYPER)
    assert run.status == "timeout" and run.pairs_done == 0 and "쌍을 만드는 데서" in run.message


@pytest.mark.parametrize(
    ("result", "status", "words"),
    [
        (lambda C, U, L: (C, U), "error", "세 값"),
        (lambda C, U, L: (C[:, :3], U, L), "error", "형태"),
        (lambda C, U, L: (C * np.nan, U, L), "not-finite", "NaN"),
        (lambda C, U, L: (C, U, [np.inf] * len(L)), "not-finite", "NaN"),
    ],
    ids=["two-values", "shape", "nan-vectors", "inf-losses"],
)
def test_a_bad_result_on_real_text_is_named(corpus, result, status, words):
    ids, probs = corpus

    def loop(corpus_ids, noise_probs, step, **kw):
        out = train_sgns(corpus_ids, noise_probs, step, **kw)
        return result(*out) if _tokens(corpus_ids) >= BIG else out

    run = run_own_trainer(loop, sgd_step, ids, probs, **HYPER)
    assert run.status == status and words in run.message and run.center_vectors is None
    assert status in STATUSES


def test_an_error_on_real_text_is_one_korean_line(corpus):
    ids, probs = corpus

    def loop(corpus_ids, noise_probs, step, **kw):
        if _tokens(corpus_ids) >= BIG:
            raise IndexError("index 99999 is out of bounds " + "x" * 500)
        return train_sgns(corpus_ids, noise_probs, step, **kw)

    run = run_own_trainer(loop, sgd_step, ids, probs, **HYPER)
    assert run.status == "error" and run.message.startswith("❌ 학습 중 오류가 났습니다: IndexError: index 99999")
    assert "\n" not in run.message and len(run.message) <= 200 and "Traceback" not in run.message


def test_bad_arguments_name_the_parameter(corpus):
    ids, probs = corpus
    with pytest.raises(ValueError, match="time_limit"):
        run_own_trainer(train_sgns, sgd_step, ids, probs, time_limit=0, **HYPER)
    with pytest.raises(TypeError, match="train_sgns"):
        run_own_trainer("train_sgns", sgd_step, ids, probs, **HYPER)
    with pytest.raises(TypeError, match="dim"):
        run_own_trainer(train_sgns, sgd_step, ids, probs, **{**HYPER, "dim": None})


def test_reference_step_is_exercise_3_and_the_gate_trusts_it(corpus):
    """4b 는 4장 연습문제 3 자리에 reference_sgd_step 을 넘깁니다: 풀이와 같은 갱신, 확인 없이 학습."""
    rng = np.random.default_rng(0)
    V, d, B, K = 7, 4, 9, 3
    C, U = rng.normal(size=(V, d)), rng.normal(size=(V, d))
    c, o = rng.integers(0, V, B), rng.integers(0, V, B)
    neg = rng.integers(0, V, (B, K))
    neg[0] = [2, 2, o[0]]  # 중복된 네거티브와 o 자신
    want_C, want_U = C.copy(), U.copy()
    want_loss = sgd_step(want_C, want_U, c, o, neg, 0.3)
    got_loss = reference_sgd_step(C, U, c, o, neg, 0.3)
    assert np.isclose(got_loss, want_loss) and np.allclose(C, want_C) and np.allclose(U, want_U)
    # 학생이 연습문제 3 에서 그대로 돌려주면 확인이 알아봄 (이름이 참조 구현)
    assert evaluate("nb04-sgd-step", reference_sgd_step).status == "fail"
    ids, noise = corpus
    run = run_own_trainer(train_sgns, reference_sgd_step, ids[:2], noise, time_limit=60, **HYPER)
    assert run.done, run.message
