"""강의 크기의 학습 시간: README 의 강의용 매개변수로 노트북 04, 05 가 하는 학습을 엔진별로 잽니다.

    python bench/bench_lectures.py [--engines numpy compiled-w1 compiled-w2] [--out bench/results/lectures.md]

- 04 (EPOCHS=20): head500 을 20 에폭 학습 (vector_size=100, window=5, negative=5, sample=1e-3, min_count=5, seed 0)
  하고, 노트북처럼 같은 조건의 gensim (workers=1) 도 학습합니다.
- 05 (EPOCHS=5, VECTOR_SIZE=100, NUM_TRAIN_SEEDS=3): 잡음 분포 지수 p = 0, 0.75, 1 마다 seed 0, 1, 2 로
  head500 을 5 에폭씩 (9 번) 학습하고 WordSim-353 을 잽니다.

노트북의 다른 셀 (그림, 표, 샘플러 실험) 시간은 들어 있지 않습니다. 엔진마다 같은 프로세스에서 차례로 돌리고,
시작과 끝의 다른 부하 (다른 프로세스가 쓰는 코어 수) 를 적습니다.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_gensim import BUSY_CORES, busy_cores  # noqa: E402

from sgns.data import load_head500, wordsim353_path  # noqa: E402

ENGINES = ["numpy", "compiled-w1", "compiled-w2"]
PARAMS_04 = {"vector_size": 100, "window": 5, "negative": 5, "sample": 1e-3, "min_count": 5}
LIMIT_SECONDS = 60.0


def _trainer(engine: str):
    if engine == "numpy":
        from sgns import train

        return train
    from sgns import train
    from sgns.engine.compiled import ensure_compiled

    ensure_compiled()
    workers = int(engine[-1])
    return lambda sentences, **params: train(sentences, engine="compiled", workers=workers, **params)


def lecture_04(train, sentences) -> dict:
    from sgns.lessons.gensim_baseline import train_gensim

    start = time.perf_counter()
    model = train(sentences, epochs=20, seed=0, **PARAMS_04)
    ours = time.perf_counter() - start
    ws = model.evaluate_word_pairs(wordsim353_path()).spearman
    start = time.perf_counter()
    train_gensim(sentences, epochs=20, seed=0, **PARAMS_04)
    gensim_seconds = time.perf_counter() - start
    return {"ours": ours, "gensim": gensim_seconds, "ws353": ws}


def lecture_05(train, sentences) -> dict:
    start = time.perf_counter()
    scores = {}
    for p in (0.0, 0.75, 1.0):
        for seed in (0, 1, 2):
            model = train(sentences, ns_exponent=p, epochs=5, vector_size=100, seed=seed)
            scores[p, seed] = model.evaluate_word_pairs(wordsim353_path()).spearman
    return {"seconds": time.perf_counter() - start, "scores": scores}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", default=ENGINES, choices=ENGINES)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "lectures.md")
    args = parser.parse_args()

    sentences = load_head500()
    rows = []
    for engine in args.engines:
        before = busy_cores()
        train = _trainer(engine)
        r04 = lecture_04(train, sentences)
        r05 = lecture_05(train, sentences)
        after = busy_cores()
        rows.append((engine, r04, r05, before, after))
        print(
            f"{engine}: 04 {r04['ours']:.1f} s + gensim {r04['gensim']:.1f} s, 05 {r05['seconds']:.1f} s; "
            f"다른 부하 {before:.2f} -> {after:.2f} 코어",
            file=sys.stderr,
            flush=True,
        )

    busy = any(max(b, a) > BUSY_CORES for *_, b, a in rows)
    lines = [
        "# 강의 크기의 학습 시간 (노트북 04 EPOCHS=20, 05 EPOCHS=5 · VECTOR_SIZE=100 · NUM_TRAIN_SEEDS=3)",
        "",
        f"- 기계: CPU {os.cpu_count()}개. 노트북의 학습 셀만 (그림·표·샘플러 실험 제외). 목표: 노트북마다 "
        f"{LIMIT_SECONDS:.0f} 초 안.",
        "- 04 = head500 20 에폭 학습 + 같은 조건의 gensim (workers=1) 학습 (노트북이 둘 다 합니다). "
        "05 = 지수 3 개 × seed 3 개 × 5 에폭.",
    ]
    if busy:
        lines.append(
            f"- **경고: 측정 중 다른 프로세스가 {BUSY_CORES} 코어 넘게 썼습니다.** 조용한 기계에서 다시 재세요."
        )
    lines += [
        "",
        "| 엔진 | 04: sgns s | 04: gensim s | 04 합 s | 04 WordSim-353 | 05 s | 05 WordSim-353 (p=0.75, 평균) "
        "| 다른 부하 (시작 -> 끝, 코어) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for engine, r04, r05, before, after in rows:
        ws05 = sum(r05["scores"][0.75, s] for s in (0, 1, 2)) / 3
        lines.append(
            f"| {engine} | {r04['ours']:.1f} | {r04['gensim']:.1f} | {r04['ours'] + r04['gensim']:.1f} "
            f"| {r04['ws353']:.3f} | {r05['seconds']:.1f} | {ws05:.3f} | {before:.2f} -> {after:.2f} |"
        )
    lines += ["", f"(측정 {time.strftime('%Y-%m-%d %H:%M')}; 명령: `python bench/bench_lectures.py`)"]
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf8")


if __name__ == "__main__":
    main()
