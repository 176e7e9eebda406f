"""벤치마크: SGNS 학습기 (numpy, 컴파일된 엔진) 대 gensim Word2Vec, 시간·메모리·품질.

    python bench/bench_gensim.py                       # head500 5·20 에폭 × seed 3 개 + 크기별 표 (30-60 분)
    python bench/bench_gensim.py --quick               # head500 5 에폭, seed 1 개, 크기별 표 없음 (약 1 분;
                                                       #   결과는 results/gensim-quick.md)
    python bench/bench_gensim.py --no-scaling          # head500 표만
    python bench/bench_gensim.py --zipf-millions 1 4 16 --real-repeats 1 4 16 --scaling-repeats 2

방법 (모든 숫자는 같은 실행 안의 비율로 읽습니다):

- 학습 한 번 = **자식 프로세스 하나** (``--child``). 자식은 말뭉치를 읽고, 학습기를 불러오고
  (컴파일된 엔진은 컴파일까지), 그다음 학습만 잽니다: 벽시계 시간 (``perf_counter``),
  CPU 시간 (``process_time``, 모든 스레드 합), 최대 메모리 증가 ΔRSS (학습 직전에 ``/proc/self/clear_refs``
  로 최고 기록을 지우고, 학습 뒤 VmHWM - 학습 전 VmRSS; 어휘·가중치 만들기 포함).
- 학습기를 번갈아 돌립니다: 반복마다 순서를 한 칸씩 돌려, 기계의 부하 변화가 모든 학습기에 고르게 퍼지게 합니다.
  같은 설정을 여러 번 (seed 들, ``--scaling-repeats``) 돌려 **최솟값과 중앙값** 을 씁니다. 시간 비는 최솟값끼리
  (다른 일에 가장 덜 방해받은 실행) 와 중앙값끼리 둘 다 적습니다.
- 기계 부하: 실행마다 시작 전 1 초 동안 ``/proc/stat`` 으로 다른 프로세스가 쓰는 코어 수를 재고, 실행 중에는
  (기계 전체가 쓴 CPU - 자식이 쓴 CPU) / 벽시계 시간을 잽니다. 0.3 코어를 넘으면 그 실행에 * 표시와 경고를 붙입니다.
  1분 평균 load 도 처음과 끝에 적습니다.
- 품질: head500 에서 WordSim-353, SimLex-999 (Spearman ρ, 어휘에 있는 쌍만), Google 유추 (3CosAdd) 를
  모든 학습기에 **같은 평가 코드** (``sgns.evaluate``) 로.
- 학습기: gensim workers=1, gensim workers=2, sgns numpy, sgns 컴파일된 엔진 workers=1, workers=2.
  하이퍼파라미터는 모두 같습니다 (스킵-그램, negative=5, window=5, vector_size=100, sample=1e-3,
  alpha 0.025 -> 1e-4; min_count 는 말뭉치마다).
- 크기별 표: gensim 휠의 실제 텍스트 (head500) 를 k 번 이어 붙인 말뭉치 (min_count = 5k 로 어휘를 고정) 와
  합성 Zipf 말뭉치 (V = 100,000, 단어 r 의 빈도 = round(N / (r H_V)) 로 정확히 맞춘 뒤 섞음, 문장 1000 토큰,
  min_count = 1; 모든 크기에서 V = 100,000). 기본 1 에폭.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

TRAINERS = ["gensim-w1", "gensim-w2", "numpy", "compiled-w1", "compiled-w2"]
# 기본 목록에 없는 비교용: 컴파일된 엔진 (workers=1) 을 word2vec.c 처럼 말뭉치 순서대로 (shuffle=False)
EXTRA_TRAINERS = ["compiled-ordered"]
LABELS = {
    "compiled-ordered": "sgns 컴파일 (workers=1, 섞지 않음)",
    "gensim-w1": "gensim (workers=1)",
    "gensim-w2": "gensim (workers=2)",
    "numpy": "sgns numpy",
    "compiled-w1": "sgns 컴파일 (workers=1)",
    "compiled-w2": "sgns 컴파일 (workers=2)",
}
PARAMS = {
    "vector_size": 100,
    "window": 5,
    "negative": 5,
    "ns_exponent": 0.75,
    "sample": 1e-3,
    "alpha": 0.025,
    "min_alpha": 1e-4,
}
BUSY_CORES = 0.3  # 다른 프로세스가 이보다 많은 코어를 쓰면 경고
ZIPF_VOCAB = 100_000
ZIPF_SENTENCE = 1000
WS353_TOLERANCE = 0.03

# 목표 (같은 실행에서 잰 비율)
GOAL_COMPILED_W1 = 0.9  # 컴파일 w1 ÷ gensim w1, head500 5·20 에폭
GOAL_COMPILED_W2 = 1.0  # 컴파일 w2 ÷ gensim w2, Zipf 4M
GOAL_NUMPY = 1.4  # numpy ÷ gensim w1, head500
GOAL_MEMORY = 3.0  # 컴파일 ΔRSS ÷ gensim ΔRSS, 16M
GOAL_FLAT = 0.2  # 1M -> 16M ΔRSS 증가


# ---------------------------------------------------------------------------
# 자식 프로세스: 학습 한 번
# ---------------------------------------------------------------------------


def _status_kb() -> dict:
    out = {}
    with open("/proc/self/status") as fin:
        for line in fin:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":")
                out[key] = int(value.split()[0])
    return out


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fout:
            fout.write("5")
        return True
    except OSError:
        return False


def zipf_corpus(num_tokens: int, vocab_size: int = ZIPF_VOCAB, seed: int = 0) -> list[list[str]]:
    """Zipf(s=1) 말뭉치: 단어 r (1..V) 이 정확히 round(N / (r H_V)) 번 (최소 1 번) 나오도록 만든 뒤 섞습니다.

    Returns
    -------
    sentences : 1000 토큰짜리 문장들 (마지막 문장은 더 짧을 수 있음). 같은 단어는 같은 str 객체를 공유합니다.
    """
    ranks = np.arange(1, vocab_size + 1)
    harmonic = float(np.sum(1.0 / ranks))
    counts = np.maximum(np.round(num_tokens / (ranks * harmonic)), 1).astype(np.int64)
    ids = np.repeat(np.arange(vocab_size, dtype=np.int32), counts)
    np.random.default_rng(seed).shuffle(ids)
    words = [f"w{r}" for r in range(vocab_size)]
    flat = [words[i] for i in ids.tolist()]
    return [flat[i : i + ZIPF_SENTENCE] for i in range(0, len(flat), ZIPF_SENTENCE)]


def load_corpus(spec: dict) -> tuple[list[list[str]], int]:
    """(sentences, min_count)"""
    from sgns.data import load_head500

    if spec["corpus"] == "head500":
        repeats = spec.get("repeats", 1)
        base = load_head500()
        return base * repeats, 5 * repeats
    if spec["corpus"] == "zipf":
        return zipf_corpus(spec["tokens"]), 1
    raise ValueError(f"알 수 없는 말뭉치: {spec['corpus']}")


def _train(trainer: str, sentences, params: dict):
    """학습 한 번. (words, vectors, effective_words) 를 돌려줍니다."""
    if trainer.startswith("gensim"):
        from gensim.models import Word2Vec

        model = Word2Vec(
            vector_size=params["vector_size"],
            window=params["window"],
            negative=params["negative"],
            ns_exponent=params["ns_exponent"],
            sample=params["sample"],
            min_count=params["min_count"],
            alpha=params["alpha"],
            min_alpha=params["min_alpha"],
            epochs=params["epochs"],
            seed=params["seed"],
            sg=1,
            hs=0,
            workers=int(trainer[-1]),
        )
        model.build_vocab(sentences)
        effective, _ = model.train(sentences, total_examples=model.corpus_count, epochs=params["epochs"])
        return model.wv.index_to_key, model.wv.vectors, int(effective)
    if trainer == "numpy":
        from sgns import train

        model = train(sentences, **params)
        return model.words, model.center_vectors, model.effective_words
    if trainer == "compiled-ordered":
        from sgns import train

        model = train(sentences, engine="compiled", workers=1, shuffle=False, **params)
        return model.words, model.center_vectors, model.effective_words
    if trainer.startswith("compiled"):
        from sgns import train

        model = train(sentences, engine="compiled", workers=int(trainer[-1]), **params)
        return model.words, model.center_vectors, model.effective_words
    raise ValueError(f"알 수 없는 학습기: {trainer}")


def _prepare(trainer: str) -> None:
    """불러오기와 컴파일은 잰 구간 밖에서."""
    if trainer.startswith("gensim"):
        import gensim.models.word2vec  # noqa: F401
    elif trainer.startswith("compiled"):
        from sgns.engine.compiled import ensure_compiled

        ensure_compiled()
    else:
        import sgns.trainer  # noqa: F401


def child(spec: dict) -> dict:
    sentences, min_count = load_corpus(spec)
    params = {**PARAMS, "min_count": min_count, "epochs": spec["epochs"], "seed": spec["seed"]}
    _prepare(spec["trainer"])
    n_tokens = sum(len(s) for s in sentences)
    rss_before = _status_kb()["VmRSS"]
    peak_ok = _reset_peak()
    start, cpu_start = time.perf_counter(), time.process_time()
    words, vectors, effective = _train(spec["trainer"], sentences, params)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    status = _status_kb()
    result = {
        "seconds": seconds,
        "cpu": cpu,
        "delta_rss_mb": (status["VmHWM"] - rss_before) / 1024 if peak_ok else float("nan"),
        "tokens": n_tokens,
        "vocab": len(words),
        "effective": effective,
    }
    if spec.get("evaluate"):
        from sgns.data import analogies_path, simlex999_path, wordsim353_path
        from sgns.evaluate import evaluate_analogies, evaluate_word_pairs

        words = list(words)
        result["ws353"] = evaluate_word_pairs(words, vectors, wordsim353_path()).spearman
        result["simlex"] = evaluate_word_pairs(words, vectors, simlex999_path()).spearman
        result["analogy"] = evaluate_analogies(words, vectors, analogies_path()).accuracy
    return result


# ---------------------------------------------------------------------------
# 부모 프로세스: 부하 재기, 번갈아 돌리기, 표
# ---------------------------------------------------------------------------


def _cpu_jiffies() -> tuple[int, int]:
    """(/proc/stat 의 모든 CPU 시간 합, 그중 idle + iowait), 단위 jiffy."""
    with open("/proc/stat") as fin:
        fields = [int(x) for x in fin.readline().split()[1:]]
    return sum(fields[:8]), fields[3] + fields[4]


def busy_cores(seconds: float = 1.0) -> float:
    """지금 이 기계에서 (이 프로세스 말고) 쓰이는 코어 수."""
    total0, idle0 = _cpu_jiffies()
    time.sleep(seconds)
    total1, idle1 = _cpu_jiffies()
    ncpu = os.cpu_count() or 1
    return (1.0 - (idle1 - idle0) / max(total1 - total0, 1)) * ncpu


def run_child(spec: dict) -> dict:
    before = busy_cores()
    total0, idle0 = _cpu_jiffies()
    times0 = os.times()
    wall0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(spec)], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - wall0
    total1, idle1 = _cpu_jiffies()
    if proc.returncode != 0:
        raise RuntimeError(f"자식 프로세스 실패 ({spec}):\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    hz = os.sysconf("SC_CLK_TCK")
    ncpu = os.cpu_count() or 1
    machine_cpu = ((total1 - total0) - (idle1 - idle0)) / hz  # 기계 전체가 쓴 CPU 초 (자식 포함)
    times1 = os.times()
    child_cpu = (times1.children_user + times1.children_system) - (times0.children_user + times0.children_system)
    result["busy_before"] = before
    result["busy_during"] = max(machine_cpu - child_cpu, 0.0) / wall if wall > 0 else 0.0
    result["busy_during"] = min(result["busy_during"], float(ncpu))
    result["busy"] = max(result["busy_before"], result["busy_during"]) > BUSY_CORES
    return result


def interleaved(configs: list[dict], trainers: list[str], log) -> dict:
    """configs (반복들) × trainers 를 번갈아 돌립니다. 반복마다 순서를 한 칸씩 돌립니다."""
    runs: dict[str, list[dict]] = {t: [] for t in trainers}
    for i, config in enumerate(configs):
        order = trainers[i % len(trainers) :] + trainers[: i % len(trainers)]
        for trainer in order:
            spec = {**config, "trainer": trainer}
            result = run_child(spec)
            runs[trainer].append(result)
            log(spec, result)
    return runs


def _log(spec: dict, r: dict) -> None:
    quality = f", ws353 {r['ws353']:.3f}" if "ws353" in r else ""
    flag = " *바쁨*" if r["busy"] else ""
    print(
        f"[{spec['corpus']}{spec.get('repeats', '') or ''}{spec.get('tokens', '') or ''} {spec['epochs']}ep "
        f"seed {spec['seed']}] {spec['trainer']:12s} {r['seconds']:7.2f} s (CPU {r['cpu']:7.2f} s) "
        f"ΔRSS {r['delta_rss_mb']:7.1f} MB{quality}; "
        f"다른 부하 {r['busy_before']:.2f}/{r['busy_during']:.2f} 코어{flag}",
        file=sys.stderr,
        flush=True,
    )


def _stat(rs: list[dict], key: str) -> tuple[float, float]:
    values = [r[key] for r in rs]
    return min(values), statistics.median(values)


def _mean_sd(values) -> str:
    values = list(values)
    if len(values) == 1:
        return f"{values[0]:.3f}"
    return f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b > 0 else "-"


def time_table(runs: dict, trainers: list[str], baseline: dict[str, str], quality: bool) -> list[str]:
    header = (
        "| 학습기 | 벽시계 s 최소 / 중앙 | CPU s 최소 / 중앙 | 비 (최소) | 비 (중앙) | CPU 비 (최소) | 기준 "
        "| ΔRSS MB (중앙) |"
    )
    sep = "|---|---|---|---|---|---|---|---|"
    if quality:
        header += " WordSim-353 ρ | SimLex-999 ρ | 유추 |"
        sep += "---|---|---|"
    lines = [header, sep]
    for trainer in trainers:
        rs = runs[trainer]
        base = baseline.get(trainer, "gensim-w1")
        wmin, wmed = _stat(rs, "seconds")
        cmin, cmed = _stat(rs, "cpu")
        bw_min, bw_med = _stat(runs[base], "seconds")
        bc_min, _ = _stat(runs[base], "cpu")
        busy = "*" if any(r["busy"] for r in rs) else ""
        row = (
            f"| {LABELS[trainer]}{busy} | {wmin:.2f} / {wmed:.2f} | {cmin:.2f} / {cmed:.2f} "
            f"| {_ratio(wmin, bw_min)} | {_ratio(wmed, bw_med)} | {_ratio(cmin, bc_min)} | {LABELS[base]} "
            f"| {statistics.median(r['delta_rss_mb'] for r in rs):.0f} |"
        )
        if quality:
            row += (
                f" {_mean_sd(r['ws353'] for r in rs)} | {_mean_sd(r['simlex'] for r in rs)} "
                f"| {statistics.mean(r['analogy'] for r in rs):.1%} |"
            )
        lines.append(row)
    return lines


def _verdict(ok: bool) -> str:
    return "통과" if ok else "실패"


def machine_lines(load_start, load_end, all_results) -> list[str]:
    import gensim
    import scipy

    try:
        import numba

        numba_version = numba.__version__
    except ImportError:  # pragma: no cover
        numba_version = "없음"
    try:
        from gensim.models.word2vec_inner import FAST_VERSION
    except ImportError:  # pragma: no cover
        FAST_VERSION = "?"
    n_busy = sum(r["busy"] for r in all_results)
    lines = [
        f"- 기계: {platform.machine()}, CPU {os.cpu_count()}개, {platform.platform()}; "
        f"Python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}, "
        f"gensim {gensim.__version__} (FAST_VERSION {FAST_VERSION}), numba {numba_version}",
        f"- 1분 평균 load: 시작 {load_start:.2f}, 끝 {load_end:.2f}. 실행 {len(all_results)}번 중 {n_busy}번에서 다른 "
        f"프로세스가 {BUSY_CORES} 코어 넘게 썼습니다 (표의 * 표시; 실행 전 1 초 / 실행 중 평균). "
        f"다른 부하의 최댓값: 실행 전 {max(r['busy_before'] for r in all_results):.2f}, "
        f"실행 중 {max(r['busy_during'] for r in all_results):.2f} 코어.",
    ]
    if n_busy:
        lines.append(
            "- **경고: 측정 중 기계가 다른 일로 바빴습니다.** 시간은 최솟값 (가장 덜 방해받은 실행) 과 CPU 시간으로 "
            "읽고, 조용한 기계에서 다시 재세요."
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--epochs", type=int, nargs="+", default=[5, 20])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--trainers", nargs="+", default=TRAINERS, choices=TRAINERS + EXTRA_TRAINERS)
    parser.add_argument("--real-repeats", type=int, nargs="+", default=[1, 4, 16], help="head500 을 이어 붙이는 횟수")
    parser.add_argument(
        "--zipf-millions", type=float, nargs="+", default=[1, 4, 16], help="Zipf 말뭉치 크기 (백만 토큰)"
    )
    parser.add_argument("--scaling-epochs", type=int, default=1)
    parser.add_argument("--scaling-repeats", type=int, default=2)
    parser.add_argument("--no-scaling", action="store_true", help="크기별 표를 건너뜀")
    parser.add_argument("--quick", action="store_true", help="head500 5 에폭, seed 1 개, 크기별 표 없음")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="결과 파일 (기본: results/gensim.md, --quick 이면 results/gensim-quick.md)",
    )
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return
    if args.quick:
        args.epochs, args.seeds, args.no_scaling = [5], [1], True
    if args.out is None:  # 빠른 실행이 전체 결과를 덮어쓰지 않도록
        args.out = Path(__file__).parent / "results" / ("gensim-quick.md" if args.quick else "gensim.md")

    trainers = args.trainers
    baseline = {"gensim-w2": "gensim-w1", "compiled-w2": "gensim-w2"}
    if "gensim-w2" not in trainers:
        baseline.pop("compiled-w2")
    load_start = os.getloadavg()[0]
    started = time.strftime("%Y-%m-%d %H:%M")
    all_results: list[dict] = []

    def log(spec, result):
        all_results.append(result)
        _log(spec, result)

    head = {}
    for epochs in args.epochs:
        configs = [{"corpus": "head500", "epochs": epochs, "seed": s, "evaluate": True} for s in args.seeds]
        head[epochs] = interleaved(configs, trainers, log)

    scaling = []
    if not args.no_scaling:
        sizes = [{"corpus": "head500", "repeats": k} for k in args.real_repeats]
        sizes += [{"corpus": "zipf", "tokens": int(m * 1_000_000)} for m in args.zipf_millions]
        for size in sizes:
            configs = [{**size, "epochs": args.scaling_epochs, "seed": 1 + r} for r in range(args.scaling_repeats)]
            scaling.append((size, interleaved(configs, trainers, log)))
    load_end = os.getloadavg()[0]

    lines = [
        "# SGNS 학습기 대 gensim Word2Vec: 시간, 메모리, 품질",
        "",
        *machine_lines(load_start, load_end, all_results),
        "- 방법: 학습 한 번마다 자식 프로세스 하나, 학습기를 번갈아 (반복마다 순서를 돌려) 실행. 시간은 `train` 만 "
        "(불러오기·컴파일 제외, 어휘 만들기 포함), CPU 시간은 모든 스레드 합. 비 = 학습기 ÷ 기준 (같은 실행), "
        "최솟값끼리와 중앙값끼리. ΔRSS = 학습 중 최대 RSS - 학습 직전 RSS (말뭉치는 이미 메모리에 있음).",
        "- 하이퍼파라미터 (모두 같음): 스킵-그램, negative=5, window=5, vector_size=100, sample=1e-3, "
        "alpha 0.025 -> 1e-4. numpy 학습기 batch_size=1024. 품질은 seed 평균 ± 표준편차, 같은 평가 코드 "
        "(`sgns.evaluate`).",
        "",
    ]
    for epochs, runs in head.items():
        r0 = runs[trainers[0]][0]
        lines += [
            f"## head500 ({r0['tokens']:,} 토큰, V = {r0['vocab']:,}, min_count=5), {epochs} 에폭, "
            f"seed {', '.join(map(str, args.seeds))}",
            "",
            *time_table(runs, trainers, baseline, quality=True),
            "",
        ]
    if scaling:
        lines += [
            f"## 크기별 ({args.scaling_epochs} 에폭, 반복 {args.scaling_repeats}번, 시간은 최솟값)",
            "",
            "실제 텍스트 = head500 을 k 번 이어 붙임 (min_count = 5k 라 어휘가 모든 크기에서 같음). "
            f"Zipf = 합성 Zipf(s=1) 말뭉치, V = {ZIPF_VOCAB:,}, min_count = 1.",
            "",
            "| 말뭉치 | 토큰 | V | "
            + " | ".join(f"{LABELS[t]} s (CPU s)" for t in trainers)
            + " | "
            + " | ".join(f"{LABELS[t]} ΔRSS MB" for t in trainers)
            + " |",
            "|---|---|---|" + "---|" * (2 * len(trainers)),
        ]
        for size, runs in scaling:
            r0 = runs[trainers[0]][0]
            name = f"head500 × {size['repeats']}" if size["corpus"] == "head500" else "Zipf"
            times = []
            for t in trainers:
                wmin, _ = _stat(runs[t], "seconds")
                base = baseline.get(t, "gensim-w1")
                ratio = "" if t == "gensim-w1" else f" ({_ratio(wmin, _stat(runs[base], 'seconds')[0])})"
                busy = "*" if any(r["busy"] for r in runs[t]) else ""
                cmin, _ = _stat(runs[t], "cpu")
                times.append(f"{wmin:.1f}{ratio}{busy} ({cmin:.1f})")
            mems = [f"{max(r['delta_rss_mb'] for r in runs[t]):.0f}" for t in trainers]
            lines.append(f"| {name} | {r0['tokens']:,} | {r0['vocab']:,} | " + " | ".join(times + mems) + " |")
        lines += [
            "",
            "시간 옆 괄호는 기준과의 벽시계 시간 비 (workers=2 인 컴파일 엔진은 gensim workers=2 기준, 나머지는 "
            "gensim workers=1 기준), 마지막 괄호는 CPU 시간 (최솟값). ΔRSS 는 반복 중 최댓값.",
            "",
        ]

    lines += ["## 목표 확인", ""]
    if any(r["busy"] for r in all_results):
        lines += [
            "(기계가 바빴으므로 벽시계 비는 실행마다 크게 흔들립니다. workers=1 끼리는 CPU 비가 더 믿을 만하고, "
            "workers=2 의 비는 조용한 기계에서 다시 재야 합니다.)",
            "",
        ]
    lines += [*goal_lines(head, scaling, trainers), ""]
    cmd = " ".join(sys.argv[1:]) or "(기본값)"
    lines.append(f"(측정 시작 {started}; 명령: `python bench/bench_gensim.py {cmd}`)")
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf8")


def goal_lines(head: dict, scaling: list, trainers: list[str]) -> list[str]:
    out = []
    have = set(trainers)
    for epochs, runs in head.items():
        if {"compiled-w1", "gensim-w1"} <= have:
            ratio = _stat(runs["compiled-w1"], "seconds")[0] / _stat(runs["gensim-w1"], "seconds")[0]
            cpu_ratio = _stat(runs["compiled-w1"], "cpu")[0] / _stat(runs["gensim-w1"], "cpu")[0]
            ws_c = statistics.mean(r["ws353"] for r in runs["compiled-w1"])
            ws_g = statistics.mean(r["ws353"] for r in runs["gensim-w1"])
            out.append(
                f"- head500 {epochs} 에폭, 컴파일 w1 ÷ gensim w1: 시간 {ratio:.2f}× (CPU {cpu_ratio:.2f}×; 목표 ≤ "
                f"{GOAL_COMPILED_W1}: {_verdict(ratio <= GOAL_COMPILED_W1)}), WordSim-353 {ws_c:.3f} 대 {ws_g:.3f} "
                f"(목표 ≥ gensim - {WS353_TOLERANCE}: {_verdict(ws_c >= ws_g - WS353_TOLERANCE)})"
            )
        if {"numpy", "gensim-w1"} <= have:
            ratio = _stat(runs["numpy"], "seconds")[0] / _stat(runs["gensim-w1"], "seconds")[0]
            cpu_ratio = _stat(runs["numpy"], "cpu")[0] / _stat(runs["gensim-w1"], "cpu")[0]
            out.append(
                f"- head500 {epochs} 에폭, numpy ÷ gensim w1: 시간 {ratio:.2f}× (CPU {cpu_ratio:.2f}×; "
                f"목표 ≤ {GOAL_NUMPY}: {_verdict(ratio <= GOAL_NUMPY)})"
            )
    zipf = {size["tokens"]: runs for size, runs in scaling if size["corpus"] == "zipf"}
    if 4_000_000 in zipf and {"compiled-w2", "gensim-w2"} <= have:
        runs = zipf[4_000_000]
        ratio = _stat(runs["compiled-w2"], "seconds")[0] / _stat(runs["gensim-w2"], "seconds")[0]
        out.append(
            f"- Zipf 4M, 컴파일 w2 ÷ gensim w2: 시간 {ratio:.2f}× (목표 ≤ {GOAL_COMPILED_W2}: "
            f"{_verdict(ratio <= GOAL_COMPILED_W2)})"
        )
    if 16_000_000 in zipf and 1_000_000 in zipf:
        for trainer in [t for t in ("compiled-w1", "compiled-w2", "numpy") if t in have]:
            big = max(r["delta_rss_mb"] for r in zipf[16_000_000][trainer])
            small = max(r["delta_rss_mb"] for r in zipf[1_000_000][trainer])
            line = f"- Zipf 1M -> 16M, {LABELS[trainer]} ΔRSS {small:.0f} -> {big:.0f} MB (증가 {big / small - 1:+.0%}"
            line += f"; 목표 ≤ {GOAL_FLAT:.0%}: {_verdict(big <= small * (1 + GOAL_FLAT))})"
            if "gensim-w1" in have:
                gensim_big = max(r["delta_rss_mb"] for r in zipf[16_000_000]["gensim-w1"])
                line += (
                    f", 16M 에서 gensim w1 의 {big / gensim_big:.2f}× "
                    f"(목표 ≤ {GOAL_MEMORY}: {_verdict(big <= GOAL_MEMORY * gensim_big)})"
                )
            out.append(line)
    return out


if __name__ == "__main__":
    main()
