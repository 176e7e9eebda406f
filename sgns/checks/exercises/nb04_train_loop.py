"""04 연습문제: 학습 반복문 ``train_sgns``.

``train_sgns(corpus_ids, noise_probs, sgd_step, *, dim, window, negative, epochs, lr_start, lr_end, batch_size, seed)
-> (center_vectors (V, dim), outside_vectors (V, dim), epoch_losses (epochs,))``

corpus_ids는 문장마다 단어 인덱스의 리스트, noise_probs는 (V,) 잡음 분포, sgd_step은 04의 ``sgd_step`` 꼴.
문장마다 윈도우 안의 쌍을 모두 만들고 (문장 경계를 넘지 않음), 에폭마다 섞어 batch_size 개씩 sgd_step에
넘깁니다. 쌍마다 네거티브 negative 개를 잡음 분포에서 새로 뽑고, 학습률은 배치마다 lr_start에서 lr_end로
선형으로 줄입니다. 중심 단어 벡터는 작은 무작위 값, 주변 단어 벡터는 0으로 시작합니다.
epoch_losses[e] = 에폭 e에서 sgd_step이 돌려준 손실의 합 / 그 에폭의 쌍 수.

확인 도구는 sgd_step 자리에 기록용 함수(`StepSpy`)를 넘깁니다. 받은 인자를 기록하고 참조 구현으로 갱신하므로
반복문의 실수를 하나하나 짚어 내고, 마지막 사례에서는 합성 말뭉치의 단어 무리를 찾는지 봅니다.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from sgns.checks._harness import Case, Exercise, StopWithMistake
from sgns.checks._values import as_array, close, fmt, unpack
from sgns.checks.exercises.nb04_sgd_step import reference_sgd_step
from sgns.corpus import build_vocab, skipgram_pairs
from sgns.data import synthetic_corpus
from sgns.sampling import noise_distribution

# 흔한 실수: 범주 id -> (짧은 설명, 안내). 안내가 None 인 범주는 판정하는 곳에서 안내를 만듭니다.
MISTAKES = {
    "step-not-called": (
        "sgd_step을 한 번도 부르지 않음",
        "학습은 넘겨받은 sgd_step 함수로 해야 합니다. 인자: "
        "(center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, lr).",
    ),
    "step-arguments": ("sgd_step에 넘긴 인자의 형태나 값이 틀림", None),
    "batch-too-large": (
        "batch_size보다 큰 배치를 넘김",
        "쌍을 batch_size 개씩 잘라서 넘기세요: pairs[start:start + batch_size].",
    ),
    "batch-size-ignored": (
        "batch_size 만큼씩 넘기지 않음",
        "쌍을 batch_size 개씩 묶어서 넘기세요 (마지막 배치만 작을 수 있음).",
    ),
    "negatives-shape": (
        "네거티브 배열의 형태가 (B, negative)가 아님",
        "쌍마다 negative 개씩: rng.choice(V, size=(len(batch), negative), p=noise_probs).",
    ),
    "updates-lost": (
        "갱신된 행렬을 이어 쓰지 않음 (복사본을 넘김)",
        "같은 두 행렬을 계속 넘기세요 (sgd_step은 제자리에서 갱신합니다; 호출마다 복사본을 넘기지 마세요).",
    ),
    "zero-init": (
        "두 행렬을 모두 0으로 시작함",
        "둘 다 0이면 기울기가 언제나 0이라 학습이 되지 않습니다. 중심 단어 벡터는 작은 무작위 값 "
        "((rng.random((V, dim)) - 0.5) / dim)으로 시작하세요.",
    ),
    "pairs-outside-window": (
        "윈도우 밖의 쌍이 있음",
        "거리가 1 이상 window 이하인 쌍만 만드세요. "
        "j의 범위: max(0, i - window) 이상, min(n, i + window + 1) 미만, j != i.",
    ),
    "pairs-cross-sentence": (
        "문장 경계를 넘는 쌍이 있음",
        "문장마다 따로 쌍을 만드세요 (문장들을 한 줄로 이어 붙이지 마세요).",
    ),
    "pairs-count": ("에폭마다 모든 쌍을 한 번씩 넘기지 않음", "에폭마다 모든 (중심, 주변) 쌍을 한 번씩 넘기세요."),
    "last-batch-dropped": (
        "마지막 (작은) 배치를 빠뜨림",
        "마지막의 작은 배치도 넘기세요: range(0, len(pairs), batch_size).",
    ),
    "epochs-ignored": ("에폭 수만큼 반복하지 않음", "epochs 번 반복하세요."),
    "not-shuffled": (
        "에폭마다 쌍을 섞지 않음",
        "에폭마다 쌍을 섞지 않았습니다. 에폭마다 order = rng.permutation(len(pairs))로 새로 섞으세요.",
    ),
    "negatives-uniform": (
        "네거티브를 균등 분포에서 뽑음",
        "네거티브가 잡음 분포가 아니라 균등 분포에서 뽑혔습니다. "
        "rng.choice(V, size=..., p=noise_probs)처럼 p에 잡음 분포를 주세요.",
    ),
    "negatives-not-noise": (
        "네거티브가 잡음 분포를 따르지 않음",
        "네거티브가 noise_probs 분포를 따르지 않습니다. p=noise_probs로 뽑으세요.",
    ),
    "negatives-not-resampled": ("네거티브를 새로 뽑지 않고 다시 씀", "네거티브는 배치마다 새로 뽑으세요."),
    "lr-constant": (
        "학습률이 줄지 않음",
        "학습률이 줄지 않습니다. 배치마다 lr_start에서 lr_end로 선형으로 줄이세요.",
    ),
    "lr-wrong-start": ("첫 학습률이 lr_start가 아님", "첫 배치의 학습률은 lr_start여야 합니다."),
    "lr-wrong-end": (
        "마지막 학습률이 lr_end 근처가 아님",
        "마지막 배치의 학습률이 lr_end 근처가 아닙니다. "
        "lr = lr_start + (lr_end - lr_start) × (지난 배치 수 / 전체 배치 수).",
    ),
    "lr-increasing": (
        "학습률이 커짐",
        "학습률이 커지는 곳이 있습니다. lr_start에서 lr_end로 줄여야 합니다.",
    ),
    "lr-resets-each-epoch": (
        "학습률이 에폭마다 처음으로 돌아감",
        "학습률이 에폭마다 lr_start로 돌아갑니다. 전체 학습(모든 에폭의 모든 배치)에 걸쳐 한 번만 줄이세요.",
    ),
    "lr-not-linear": (
        "학습률이 선형으로 줄지 않음 (계단 등)",
        "학습률이 선형으로 줄지 않습니다 (에폭마다 한 번씩 계단처럼 줄이지 않았나요?). 배치마다 조금씩 줄이세요.",
    ),
    "epoch-losses-length": (
        "epoch_losses의 길이가 epochs가 아님",
        "에폭마다 손실 하나씩, 모두 epochs 개를 돌려주세요 (배치마다가 아니라).",
    ),
    "epoch-loss-sum": (
        "에폭 손실을 쌍 수로 나누지 않음 (합)",
        "에폭 손실의 합을 그대로 돌려줬습니다. 그 에폭의 쌍 수로 나눠 쌍 하나의 평균 손실로 만드세요.",
    ),
    "epoch-loss-per-batch": (
        "에폭 손실을 배치 수로 나눔",
        "배치 수로 나눴습니다. 쌍 수로 나눠 쌍 하나의 평균 손실로 만드세요.",
    ),
    "epoch-losses-wrong": (
        "에폭 손실이 sgd_step의 손실과 맞지 않음",
        "epoch_losses[e]는 에폭 e에서 sgd_step이 돌려준 손실의 합을 그 에폭의 쌍 수로 나눈 값입니다.",
    ),
    "returned-swapped": (
        "center_vectors와 outside_vectors를 바꿔 돌려줌",
        "(center_vectors, outside_vectors, epoch_losses) 순서로 돌려주세요.",
    ),
    "returned-wrong-matrices": ("학습한 행렬이 아닌 것을 돌려줌", None),
    "loss-not-falling": ("학습해도 손실이 줄지 않음", "학습률과 초기값을 확인하세요."),
    "groups-not-found": ("심어 둔 단어 무리를 찾지 못함", "반복문의 쌍, 네거티브, 학습률, 초기값을 확인하세요."),
}
CATEGORIES = {category: short for category, (short, _) in MISTAKES.items()}
HINTS = {category: hint for category, (_, hint) in MISTAKES.items() if hint}

RESULT_NAMES = ("center_vectors", "outside_vectors", "epoch_losses")
GROUP_ACCURACY = 0.75  # 무리 단어 중 가장 가까운 이웃이 같은 무리인 비율의 최솟값


def _first_mistake(ctx, rules, problem: str) -> None:
    """rules: (범주 id, 조건) 들. 조건이 참인 첫 범주로 그 안내와 함께 실패합니다 (없으면 돌아옴)."""
    for category, condition in rules:
        if condition:
            ctx.fail(category, problem, HINTS[category])


def _describe(corpus_ids, kwargs) -> str:
    tokens = sum(len(s) for s in corpus_ids)
    return (
        f"문장 {len(corpus_ids):,}개 (토큰 {tokens:,}개), V={len(kwargs['noise_probs'])}, dim={kwargs['dim']}, "
        f"window={kwargs['window']}, negative={kwargs['negative']}, epochs={kwargs['epochs']}, "
        f"lr {kwargs['lr_start']:g} → {kwargs['lr_end']:g}, batch_size={kwargs['batch_size']}, seed={kwargs['seed']}"
    )


def _training_case(case_id, label, corpus_ids, noise_probs, meta=None, **hyper) -> Case:
    args = {"corpus_ids": corpus_ids, "noise_probs": np.asarray(noise_probs, dtype=np.float64), "sgd_step": None}
    shown = _describe(corpus_ids, {"noise_probs": args["noise_probs"], **hyper})
    return Case(case_id, label, args, kwargs=hyper, shown=shown, meta=meta or {})


def make_cases() -> list[Case]:
    small = [[0, 1, 2, 3, 4], [5, 1, 6], [2, 7, 0, 3]]
    small_noise = [0.3, 0.25, 0.2, 0.1, 0.1, 0.05, 0.0, 0.0]
    corpus = synthetic_corpus(num_sentences=1000, seed=1)
    vocab = build_vocab(corpus.sentences)
    ids = [vocab.encode(sentence).tolist() for sentence in corpus.sentences]
    groups = {name: [vocab.id(w) for w in words] for name, words in corpus.groups.items()}
    hyper = dict(dim=6, window=2, negative=3, epochs=3, lr_start=0.05, lr_end=0.005, batch_size=4, seed=0)
    synthetic = dict(dim=20, window=2, negative=5, epochs=3, lr_start=0.1, lr_end=0.001, batch_size=128, seed=0)
    return [
        _training_case("small", "작은 말뭉치 (문장 3개)", small, small_noise, **hyper),
        _training_case(
            "synthetic",
            "합성 말뭉치를 학습 (단어 무리 6개를 심어 둠)",
            ids,
            noise_distribution(vocab.counts, 0.75),
            meta={"groups": groups},
            **synthetic,
        ),
    ]


# ---- 기록용 sgd_step ----------------------------------------------------------


class StepSpy:
    """sgd_step 대신 넘기는 함수: 인자를 기록하고 참조 구현으로 갱신합니다. 잘못된 인자면 `StopWithMistake`."""

    def __init__(self, V: int, dim: int, negative: int, batch_size: int):
        self.V, self.dim, self.negative, self.batch_size = V, dim, negative, batch_size
        self.centers, self.outsides, self.negatives, self.rates, self.losses = [], [], [], [], []
        self.first_matrices: tuple[np.ndarray, np.ndarray] | None = None
        self.last: tuple[np.ndarray, np.ndarray] | None = None
        self.lost_updates = False

    def _stop(self, category, problem, hint=None):
        raise StopWithMistake(category, f"{len(self.rates) + 1}번째 sgd_step 호출에서: {problem}", hint)

    def _matrix(self, name, value) -> np.ndarray:
        if not isinstance(value, np.ndarray) or value.dtype.kind != "f" or value.shape != (self.V, self.dim):
            shape = f"(V, dim) = ({self.V}, {self.dim})"
            self._stop("step-arguments", f"`{name}`은(는) {shape} 실수 numpy 배열이어야 합니다. 받은 것: {fmt(value)}")
        return value

    def _indices(self, name, value, shape) -> np.ndarray:
        arr = np.asarray(value)
        if arr.dtype.kind not in "iu" or arr.shape != shape:
            self._stop(
                "step-arguments", f"`{name}`은(는) 형태 {shape}의 정수 배열이어야 합니다. 받은 것: {fmt(value)}"
            )
        if arr.size and (arr.min() < 0 or arr.max() >= self.V):
            self._stop("step-arguments", f"`{name}`에 어휘 밖의 인덱스가 있습니다 (0 이상 {self.V} 미만이어야 함).")
        return arr

    def __call__(self, center_vectors, outside_vectors, center_idx, outside_idx, negative_indices, learning_rate):
        C = self._matrix("center_vectors", center_vectors)
        U = self._matrix("outside_vectors", outside_vectors)
        B = np.shape(center_idx)[0] if np.ndim(center_idx) == 1 else -1
        if B < 1:
            self._stop("step-arguments", f"`center_idx`는 (B,) 정수 배열이어야 합니다. 받은 것: {fmt(center_idx)}")
        if B > self.batch_size:
            problem = f"배치 크기가 {B}입니다 (batch_size = {self.batch_size})."
            self._stop("batch-too-large", problem, HINTS["batch-too-large"])
        c = self._indices("center_idx", center_idx, (B,))
        o = self._indices("outside_idx", outside_idx, (B,))
        if np.shape(negative_indices) != (B, self.negative):
            self._stop(
                "negatives-shape",
                f"`negative_indices`의 형태가 {np.shape(negative_indices)}입니다. "
                f"기대한 형태: (B, negative) = ({B}, {self.negative}).",
                HINTS["negatives-shape"],
            )
        neg = self._indices("negative_indices", negative_indices, (B, self.negative))
        try:
            lr = float(learning_rate)
        except (TypeError, ValueError):
            lr = float("nan")
        if not np.isfinite(lr) or lr <= 0:
            self._stop("step-arguments", f"`learning_rate`는 양의 실수여야 합니다. 받은 것: {fmt(learning_rate)}")
        if self.first_matrices is None:
            self.first_matrices = (C.copy(), U.copy())
        elif not self.lost_updates:
            kept = [new is old or np.array_equal(new, old) for new, old in zip((C, U), self.last, strict=True)]
            self.lost_updates = not all(kept)
        loss = reference_sgd_step(C, U, c, o, neg, lr)
        self.last = (C, U)
        for log, value in zip((self.centers, self.outsides, self.negatives), (c, o, neg), strict=True):
            log.append(value.copy())
        self.rates.append(lr)
        self.losses.append(loss)
        return loss


# ---- 판정 --------------------------------------------------------------------


def _valid_pairs(corpus_ids, window: int) -> Counter:
    return Counter(pair for sentence in corpus_ids for pair in skipgram_pairs([int(t) for t in sentence], window))


def _check_pairs(ctx, case, spy: StepSpy) -> np.ndarray:
    """에폭마다 모든 쌍이 한 번씩 나왔는지. (E, n_pairs, 2) 쌍 배열을 돌려줍니다."""
    epochs, window, batch_size = (case.kwargs[k] for k in ("epochs", "window", "batch_size"))
    sentences = case.args["corpus_ids"]
    want = _valid_pairs(sentences, window)
    n_pairs = sum(want.values())
    pairs = np.stack([np.concatenate(spy.centers), np.concatenate(spy.outsides)], axis=1)
    strangers = [p for p in Counter(map(tuple, pairs.tolist())) if p not in want]
    if strangers:
        across = _valid_pairs([[int(t) for sentence in sentences for t in sentence]], window)
        wider = _valid_pairs(sentences, window + 1)
        example = sorted(strangers)[:3]
        crossing = all(p in across for p in strangers) and not all(p in wider for p in strangers)
        _first_mistake(ctx, [("pairs-cross-sentence", crossing)], f"문장 경계를 넘는 쌍이 있습니다. 예: {example}")
        problem = f"윈도우 밖의 쌍이 있습니다 (윈도우 크기 {window}). 예: {example}"
        _first_mistake(ctx, [("pairs-outside-window", True)], problem)
    total, full = len(pairs), n_pairs // batch_size * batch_size
    problem = f"모든 에폭을 합쳐 쌍 {total:,}개를 넘겼습니다 (쌍 {n_pairs:,}개 × 에폭 {epochs})."
    _first_mistake(ctx, [("epochs-ignored", total == n_pairs and epochs > 1)], problem)
    if total != epochs * n_pairs:
        problem = f"에폭마다 쌍 {full:,}개만 넘겼습니다 (쌍은 {n_pairs:,}개)."
        _first_mistake(ctx, [("last-batch-dropped", total == epochs * full and full != n_pairs)], problem)
        expected = f"쌍 {n_pairs:,}개 × 에폭 {epochs} = {epochs * n_pairs:,}개"
        problem = f"sgd_step에 넘긴 쌍이 모두 {total:,}개입니다. 기대: {expected}."
        _first_mistake(ctx, [("pairs-count", True)], problem)
    per_epoch = pairs.reshape(epochs, n_pairs, 2)
    for epoch in range(epochs):
        problem = f"에폭 {epoch + 1}에서 넘긴 쌍이 윈도우 안의 쌍과 다릅니다 (어떤 쌍은 빠지고 어떤 쌍은 두 번)."
        _first_mistake(ctx, [("pairs-count", Counter(map(tuple, per_epoch[epoch].tolist())) != want)], problem)
    calls = -(-n_pairs // batch_size)
    problem = (
        f"sgd_step을 {len(spy.rates):,}번 불렀습니다. 기대: 에폭마다 ⌈{n_pairs:,} / {batch_size}⌉ = {calls}번 "
        f"× 에폭 {epochs} = {epochs * calls:,}번."
    )
    _first_mistake(ctx, [("batch-size-ignored", len(spy.rates) != epochs * calls)], problem)
    same_order = epochs > 1 and all(np.array_equal(per_epoch[0], per_epoch[e]) for e in range(1, epochs))
    _first_mistake(ctx, [("not-shuffled", same_order)], "모든 에폭에서 쌍의 순서가 똑같습니다.")
    return per_epoch


def _check_rates(ctx, case, spy: StepSpy) -> None:
    lr_start, lr_end, epochs = case.kwargs["lr_start"], case.kwargs["lr_end"], case.kwargs["epochs"]
    rates = np.asarray(spy.rates)
    n = len(rates)
    step = (lr_start - lr_end) / max(n - 1, 1)
    rises = np.flatnonzero(np.diff(rates) > 1e-12 * lr_start)
    line = rates[0] + (rates[-1] - rates[0]) * np.arange(n) / max(n - 1, 1)
    rules = [
        ("lr-wrong-start", not np.isclose(rates[0], lr_start, rtol=1e-6)),
        ("lr-constant", np.allclose(rates, rates[0], rtol=1e-9)),
        ("lr-resets-each-epoch", rises.size and epochs > 1 and all((r + 1) % max(n // epochs, 1) == 0 for r in rises)),
        ("lr-increasing", rises.size),
        ("lr-wrong-end", abs(rates[-1] - lr_end) > 1.01 * step + 1e-12),
        ("lr-not-linear", np.max(np.abs(rates - line)) > 0.05 * (lr_start - lr_end) + 2 * step),
    ]
    shown = f"학습률: 처음 {rates[0]:.4g}, 마지막 {rates[-1]:.4g} "
    shown += f"(호출 {n}번; 기대: {lr_start:g}에서 {lr_end:g}로 선형)"
    _first_mistake(ctx, rules, shown)


def _check_negatives(ctx, case, spy: StepSpy) -> None:
    probs = case.args["noise_probs"]
    V, calls = len(probs), len(spy.negatives)
    drawn = np.concatenate([n.ravel() for n in spy.negatives])
    pairs = zip(spy.negatives, spy.negatives[1:], strict=False)
    repeats = sum(a.shape == b.shape and np.array_equal(a, b) for a, b in pairs)
    problem = f"sgd_step 호출 {calls}번 중 {repeats}번이 바로 앞 호출과 같은 네거티브를 받았습니다."
    _first_mistake(ctx, [("negatives-not-resampled", calls > 2 and repeats >= (calls - 1) / 2)], problem)
    empirical = np.bincount(drawn, minlength=V) / drawn.size
    tv_noise = 0.5 * float(np.abs(empirical - probs).sum())
    tv_uniform = 0.5 * float(np.abs(empirical - 1.0 / V).sum())
    expected = 0.5 * float(np.sum(np.sqrt(2 * probs * (1 - probs) / (np.pi * drawn.size))))
    shown = (
        f"뽑힌 네거티브 {drawn.size:,}개의 분포와 잡음 분포의 거리(TVD) {tv_noise:.3f}, "
        f"균등 분포와의 거리 {tv_uniform:.3f}"
    )
    rules = [("negatives-uniform", tv_uniform < tv_noise), ("negatives-not-noise", tv_noise > 3 * expected + 0.02)]
    _first_mistake(ctx, rules, shown)


def _check_result(ctx, case, spy: StepSpy, result, per_epoch_pairs: int) -> tuple[np.ndarray, list[float]]:
    V, dim, epochs = len(case.args["noise_probs"]), case.kwargs["dim"], case.kwargs["epochs"]
    C, U, losses = unpack(ctx, result, RESULT_NAMES)
    C = as_array(ctx, C, "center_vectors", (V, dim))
    U = as_array(ctx, U, "outside_vectors", (V, dim))
    last_C, last_U = spy.last
    swapped = np.array_equal(C, last_U) and np.array_equal(U, last_C)
    problem = "center_vectors 자리에 outside_vectors를 (그리고 반대로) 돌려줬습니다."
    _first_mistake(ctx, [("returned-swapped", not np.array_equal(C, last_C) and swapped)], problem)
    returned = (("center", C, last_C, " (복사본이나 처음 값이 아니라)"), ("outside", U, last_U, ""))
    for name, got, trained, more in returned:
        if not np.array_equal(got, trained):
            ctx.fail(
                "returned-wrong-matrices",
                f"돌려준 {name}_vectors가 마지막 sgd_step이 갱신한 행렬과 다릅니다.",
                f"sgd_step에 넘겨 갱신한 그 행렬을 돌려주세요{more}.",
            )
    problem = f"epoch_losses의 길이가 {np.shape(losses)[0] if np.ndim(losses) else 0}입니다 (epochs = {epochs})."
    _first_mistake(ctx, [("epoch-losses-length", np.ndim(losses) == 1 and np.shape(losses) != (epochs,))], problem)
    losses = as_array(ctx, losses, "epoch_losses", (epochs,))
    sizes = np.array([len(c) for c in spy.centers])
    epoch_of_call = (np.cumsum(sizes) - sizes) // per_epoch_pairs  # 호출이 시작한 쌍이 든 에폭
    sums = np.bincount(epoch_of_call, weights=spy.losses, minlength=epochs)[:epochs]
    batches = np.bincount(epoch_of_call, minlength=epochs)[:epochs]
    want = sums / per_epoch_pairs
    if not close(losses, want):
        shown = f"epoch_losses: 기대한 값 {fmt(want)}, 받은 값 {fmt(losses)}"
        variants = [("epoch-loss-sum", sums), ("epoch-loss-per-batch", sums / batches)]
        ctx.fail_matching(losses, [(c, value, HINTS[c]) for c, value in variants], shown)
        ctx.fail("epoch-losses-wrong", shown, HINTS["epoch-losses-wrong"])
    return C, losses.tolist()


def _check_learning(ctx, case, C: np.ndarray, losses: list[float]) -> None:
    """학습 사례(meta에 단어 무리가 있는 사례): 손실이 줄고 심어 둔 무리가 가장 가까운 이웃으로 나타나는지."""
    groups = case.meta.get("groups")
    if not groups:
        return
    problem = f"에폭 손실이 줄지 않았습니다: {fmt(np.asarray(losses))}"
    _first_mistake(ctx, [("loss-not-falling", losses[-1] >= losses[0])], problem)
    unit = C / np.maximum(np.linalg.norm(C, axis=1, keepdims=True), 1e-12)
    members = [i for words in groups.values() for i in words]
    group_of = {i: name for name, words in groups.items() for i in words}
    sims = unit[members] @ unit.T
    sims[np.arange(len(members)), members] = -np.inf
    nearest = np.argmax(sims, axis=1)
    found = sum(group_of.get(int(n)) == group_of[m] for m, n in zip(members, nearest, strict=True))
    problem = (
        f"심어 둔 무리의 단어 {len(members)}개 중 {found}개만 가장 가까운 이웃이 같은 무리입니다 "
        f"(기대: {GROUP_ACCURACY:.0%} 이상)."
    )
    _first_mistake(ctx, [("groups-not-found", found < GROUP_ACCURACY * len(members))], problem)


def judge(ctx, case: Case) -> None:
    kw = case.kwargs
    spy = StepSpy(len(case.args["noise_probs"]), kw["dim"], kw["negative"], kw["batch_size"])
    result, _ = ctx.call(overrides={"sgd_step": spy})
    _first_mistake(ctx, [("step-not-called", not spy.rates)], "sgd_step을 한 번도 부르지 않았습니다.")
    C0, U0 = spy.first_matrices
    _first_mistake(ctx, [("zero-init", not C0.any() and not U0.any())], "첫 sgd_step 호출에서 두 행렬이 모두 0입니다.")
    problem = "sgd_step이 갱신한 행렬을 다음 호출에서 이어 쓰지 않았습니다."
    _first_mistake(ctx, [("updates-lost", spy.lost_updates)], problem)
    per_epoch = _check_pairs(ctx, case, spy)
    _check_rates(ctx, case, spy)
    _check_negatives(ctx, case, spy)
    C, losses = _check_result(ctx, case, spy, result, per_epoch.shape[1])
    _check_learning(ctx, case, C, losses)


EXERCISE = Exercise(
    id="nb04-train-loop",
    function="train_sgns",
    signature=(
        "train_sgns(corpus_ids, noise_probs, sgd_step, *, dim, window, negative, epochs, lr_start, lr_end, "
        "batch_size, seed) -> ((V, dim), (V, dim), (epochs,))"
    ),
    title="train_sgns (학습 반복문)",
    summary="{n}개 사례에서 쌍, 섞기, 네거티브, 학습률, 에폭 손실이 맞고, 합성 말뭉치의 단어 무리를 찾았습니다.",
    points=4,
    partial_credit=False,
    order=4,
    references={"sgns.trainer.train": lambda corpus_ids, noise_probs, sgd_step, **hyper: (corpus_ids,)},
    call_seconds=5.0,
    budget_seconds=8.0,
)
