"""벤치마크: 우리 SGNS 학습기 대 gensim Word2Vec (스레드 1 개), head500 말뭉치.

    python bench/bench_gensim.py [--epochs 5 20] [--seeds 1 2 3] [--quick] [--out bench/results/gensim.md]

두 학습기에 같은 말뭉치(head500.noblanks.cor, 250 줄, 약 33만 토큰)와 같은 하이퍼파라미터
(스킵-그램, negative=5, window=5, vector_size=100, sample=1e-3, alpha 0.025 -> 1e-4, min_count=5)를 쓰고,
**같은 평가 코드** (``sgns.evaluate``) 로 WordSim-353, SimLex-999 (Spearman ρ, 어휘에 있는 쌍만) 와
Google 유추 (3CosAdd 정확도, 어휘에 있는 문제만) 를 잽니다.

- 시간: ``train`` 만 (어휘 만들기 제외), 벽시계 시간과 CPU 시간 (``time.process_time``) 을 함께.
  seed 마다 우리 것과 gensim 을 번갈아 돌리고 (부하 변화를 양쪽에 고르게), seed 들을 반복 측정으로 삼아
  중앙값을 씁니다. 시간 비 = 우리 중앙값 ÷ gensim 중앙값 (같은 실행에서 잰 값).
- 유효 단어 = 서브샘플링 뒤 남은 토큰 (gensim 의 정의, 모든 에폭 합). gensim 의 쌍 수는 추정값입니다
  (``sgns.compare`` 참고).
- 목표: 5 에폭과 20 에폭 모두에서 우리 ws353 평균 ≥ gensim 평균 - 0.03, 시간 비 ≤ 3.

--quick 은 5 에폭, seed 1 개만 돌립니다 (약 1 분).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from sgns.data import analogies_path, load_head500, simlex999_path, wordsim353_path
from sgns.lessons.gensim_baseline import train_gensim
from sgns.train import DEFAULT_PARAMS, train

# 두 학습기에 같은 하이퍼파라미터: 학습기의 기본값 그대로 (epochs, seed 는 실행마다 정하고,
# batch_size 는 우리 쪽의 기본값을 씁니다; gensim 에는 없는 개념)
PARAMS = {name: value for name, value in DEFAULT_PARAMS.items() if name not in ("epochs", "seed", "batch_size")}
WS353_TOLERANCE = 0.03
MAX_TIME_RATIO = 3.0


def evaluate(model) -> dict:
    ws = model.evaluate_word_pairs(wordsim353_path())
    sl = model.evaluate_word_pairs(simlex999_path())
    an = model.evaluate_analogies(analogies_path())
    return {
        "seconds": model.train_seconds,
        "cpu": model.train_cpu_seconds,
        "pairs": model.pairs_trained,
        "effective": model.effective_words,
        "ws353": ws["spearman"],
        "ws353_cov": ws["coverage"],
        "ws353_n": ws["n_covered"],
        "simlex": sl["spearman"],
        "simlex_cov": sl["coverage"],
        "analogy": an["accuracy"],
        "analogy_cov": an["coverage"],
        "analogy_n": an["n_covered"],
    }


def mean_sd(values) -> str:
    values = list(values)
    if len(values) == 1:
        return f"{values[0]:.3f}"
    return f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}"


def fmt_rate(x: float) -> str:
    return f"{x / 1e3:,.0f}k"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, nargs="+", default=[5, 20])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--quick", action="store_true", help="5 에폭, seed 1 개만")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "gensim.md")
    args = parser.parse_args()
    if args.quick:
        args.epochs, args.seeds = [5], [1]

    sentences = load_head500()
    load_before = os.getloadavg()[0]
    n_tokens = sum(len(s) for s in sentences)
    runs: dict[int, dict[str, list[dict]]] = {}
    for epochs in args.epochs:
        runs[epochs] = {"ours": [], "gensim": []}
        for i, seed in enumerate(args.seeds):
            params = {**PARAMS, "epochs": epochs, "seed": seed}
            order = ["ours", "gensim"] if i % 2 == 0 else ["gensim", "ours"]
            for name in order:
                model = train(sentences, **params) if name == "ours" else train_gensim(sentences, **params)
                result = evaluate(model)
                runs[epochs][name].append(result)
                print(
                    f"[{epochs} 에폭, seed {seed}] {name:6s} {result['seconds']:6.1f} s (CPU {result['cpu']:6.1f} s), "
                    f"ws353 {result['ws353']:.3f}, simlex {result['simlex']:.3f}, 유추 {result['analogy']:.1%}",
                    file=sys.stderr,
                    flush=True,
                )

    import gensim
    import scipy

    try:
        from gensim.models.word2vec_inner import FAST_VERSION
    except ImportError:  # pragma: no cover
        FAST_VERSION = "?"

    lines = [
        f"# SGNS 학습기 대 gensim Word2Vec (workers=1): head500, {n_tokens:,} 토큰",
        "",
        f"- 기계: {platform.machine()}, CPU {os.cpu_count()}개, {platform.platform()}; "
        f"Python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}, "
        f"gensim {gensim.__version__} (FAST_VERSION {FAST_VERSION})",
        "- 하이퍼파라미터 (양쪽 같음): 스킵-그램, negative=5, window=5, vector_size=100, sample=1e-3, "
        "alpha 0.025 -> 1e-4, min_count=5. 우리 쪽 batch_size=1024 (기본값), float32.",
        f"- seed: {', '.join(map(str, args.seeds))}. 시간은 seed 들의 중앙값 (`train` 만, 어휘 만들기 제외; "
        "seed 마다 두 학습기를 번갈아 돌림). 시간 비 = 우리 ÷ gensim (같은 실행).",
        "- 품질은 seed 평균 ± 표준편차, **같은 평가 코드** (`sgns.evaluate`) 로 잼. Spearman ρ 는 어휘에 두 단어가 "
        "모두 있는 쌍만, 유추는 네 단어가 모두 있는 문제만 (3CosAdd). "
        "head500 은 어간 추출된 말뭉치라 커버리지가 낮습니다.",
        f"- 측정 중 부하 (1분 평균 load): 시작 {load_before:.1f}, 끝 {os.getloadavg()[0]:.1f} "
        f"(CPU {os.cpu_count()}개). "
        "다른 일로 바쁜 기계에서는 벽시계 시간이 흔들리므로 CPU 시간 (프로세스의 모든 스레드 합) 도 함께 적습니다.",
        "- 유효 단어 = 서브샘플링 뒤 남은 토큰 (모든 에폭 합). gensim 의 쌍/초는 추정값 (≈, 유효 단어 × 같은 절차의 "
        "유효 단어당 쌍 수).",
        "",
        "| 에폭 | 학습기 | 학습 s (중앙값) | 시간 비 | CPU s | CPU 시간 비 | 쌍/초 | 유효 단어/초 "
        "| WordSim-353 ρ | SimLex-999 ρ | 유추 정확도 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    verdicts = []
    for epochs, by_name in runs.items():
        med = {name: statistics.median(r["seconds"] for r in rs) for name, rs in by_name.items()}
        ratio = med["ours"] / med["gensim"]
        cpu = {name: statistics.median(r["cpu"] for r in rs) for name, rs in by_name.items()}
        cpu_ratio = cpu["ours"] / cpu["gensim"]
        for name in ("gensim", "ours"):
            rs = by_name[name]
            pairs_rate = statistics.median(r["pairs"] / r["seconds"] for r in rs)
            eff_rate = statistics.median(r["effective"] / r["seconds"] for r in rs)
            label = "gensim (w1)" if name == "gensim" else "sgns (numpy)"
            approx = "≈" if name == "gensim" else ""
            lines.append(
                f"| {epochs} | {label} | {med[name]:.2f} | {'1×' if name == 'gensim' else f'{ratio:.2f}×'} "
                f"| {cpu[name]:.2f} | {'1×' if name == 'gensim' else f'{cpu_ratio:.2f}×'} "
                f"| {approx}{fmt_rate(pairs_rate)} | {fmt_rate(eff_rate)} "
                f"| {mean_sd(r['ws353'] for r in rs)} | {mean_sd(r['simlex'] for r in rs)} "
                f"| {statistics.mean(r['analogy'] for r in rs):.1%} |"
            )
        ours_ws = statistics.mean(r["ws353"] for r in by_name["ours"])
        gensim_ws = statistics.mean(r["ws353"] for r in by_name["gensim"])
        ok_quality = ours_ws >= gensim_ws - WS353_TOLERANCE
        ok_time = ratio <= MAX_TIME_RATIO
        verdicts.append(
            f"- {epochs} 에폭: ws353 {ours_ws:.3f} vs gensim {gensim_ws:.3f} "
            f"(목표 ≥ gensim - {WS353_TOLERANCE}: {'통과' if ok_quality else '실패'}), "
            f"시간 비 {ratio:.2f}× (목표 ≤ {MAX_TIME_RATIO:g}×: {'통과' if ok_time else '실패'}; "
            f"CPU 시간 비 {cpu_ratio:.2f}×)"
        )

    first = next(iter(runs.values()))["ours"][0]
    lines += [
        "",
        f"커버리지 (양쪽 같은 어휘): WordSim-353 {first['ws353_cov']:.0%} ({first['ws353_n']} 쌍), "
        f"SimLex-999 {first['simlex_cov']:.0%}, 유추 {first['analogy_cov']:.1%} ({first['analogy_n']:,} 문제).",
        "",
        "목표 확인:",
        "",
        *verdicts,
        "",
        f"(측정 {time.strftime('%Y-%m-%d')}; 명령: `python bench/bench_gensim.py "
        f"--epochs {' '.join(map(str, args.epochs))} --seeds {' '.join(map(str, args.seeds))}`)",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf8")


if __name__ == "__main__":
    main()
