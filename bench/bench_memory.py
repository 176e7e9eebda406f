"""벤치마크: 학습이 쓰는 메모리가 말뭉치 크기에 따라 늘어나는지 (최대 RSS 의 증가량).

    python bench/bench_memory.py [--sizes 1 4 16] [--epochs 1] [--out bench/results/memory.md]

합성 Zipf 말뭉치 (어휘 10,000 단어, 빈도 ∝ 1/순위, 문장 20 단어) 를 크기마다 (백만 토큰 단위) 임시 파일로 만들고,
측정마다 **새 프로세스** 에서 학습 한 번의 최대 RSS 를 잽니다 (ru_maxrss 는 프로세스 전체의 최댓값이므로).

- ``파일 (LineSentences)``: 말뭉치를 에폭마다 파일에서 읽습니다. 증가량 = 최대 RSS - import 뒤의 RSS.
- ``리스트``: 말뭉치를 먼저 문장 리스트로 읽어 둡니다 (토큰 문자열은 sys.intern 으로 공유).
  증가량 = 최대 RSS - 리스트를 읽은 뒤의 RSS (학습이 더 쓰는 메모리만).

어휘가 모든 크기에서 거의 같도록 (min_count=5) 어휘를 작게 잡았습니다. 그래서 가중치 (2V × d float32) 처럼
어휘에 따라 정해지는 메모리는 크기마다 같고, 증가량의 차이는 말뭉치 크기에 따라 늘어나는 메모리를 보여 줍니다.
학습기는 말뭉치를 조각 (``sgns.engine.chunks.CHUNK_TOKENS`` 토큰) 씩 처리하므로, 조각보다 큰 말뭉치에서는 증가량이
일정해야 합니다. 시간은 참고로만 적습니다 (같은 기계의 부하에 따라 흔들림).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VOCAB = 10_000
SENTENCE_LENGTH = 20


def write_zipf_corpus(path: Path, n_tokens: int, seed: int = 0) -> None:
    """빈도 ∝ 1/순위 인 단어 VOCAB 개로 n_tokens 토큰짜리 말뭉치 파일 (한 줄에 문장 하나)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    probs = 1.0 / np.arange(1, VOCAB + 1)
    probs /= probs.sum()
    words = np.array([f"w{i}" for i in range(VOCAB)])
    with open(path, "w", encoding="utf8") as fout:
        for start in range(0, n_tokens, 1_000_000):
            ids = rng.choice(VOCAB, size=min(1_000_000, n_tokens - start), p=probs)
            lines = words[ids].reshape(-1, SENTENCE_LENGTH)
            fout.write("\n".join(" ".join(row) for row in lines.tolist()) + "\n")


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fin:
        for line in fin:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("VmRSS 를 읽을 수 없습니다")


def child(path: str, mode: str, epochs: int) -> dict:
    """새 프로세스 안에서: 학습 한 번의 최대 RSS 증가량 (MB)."""
    import sgns
    from sgns.corpus import LineSentences

    sgns.train([["a", "b"]], min_count=1, sample=0, epochs=1, vector_size=4)  # 지연 import (scipy 등) 를 미리
    if mode == "list":
        corpus = [[sys.intern(w) for w in line.split()] for line in open(path, encoding="utf8")]
    else:
        corpus = LineSentences(path)
    base = rss_mb()
    start = time.perf_counter()
    model = sgns.train(corpus, epochs=epochs, seed=1)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"base_mb": base, "peak_mb": peak, "delta_mb": peak - base, "vocab": len(model.vocab),
            "pairs": model.pairs_trained, "seconds": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 16], help="백만 토큰 단위")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "memory.md")
    parser.add_argument("--child", nargs=2, metavar=("PATH", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.epochs)))
        return

    import numpy as np

    from sgns.engine.chunks import CHUNK_TOKENS

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            n_tokens = int(size * 1_000_000)
            path = Path(tmp) / f"zipf_{n_tokens}.txt"
            write_zipf_corpus(path, n_tokens)
            for mode in ("file", "list"):
                out = subprocess.run(
                    [sys.executable, __file__, "--epochs", str(args.epochs), "--child", str(path), mode],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                result = json.loads(out.stdout)
                rows.append({"tokens": n_tokens, "mode": mode, **result})
                print(
                    f"{n_tokens:>11,} 토큰, {mode:4s}: 증가량 {result['delta_mb']:7.1f} MB "
                    f"(기준 {result['base_mb']:.0f} MB, 최대 {result['peak_mb']:.0f} MB), 어휘 {result['vocab']:,}, "
                    f"쌍 {result['pairs']:,}, {result['seconds']:.1f} 초",
                    file=sys.stderr,
                    flush=True,
                )
            path.unlink()

    label = {"file": "파일 (LineSentences)", "list": "리스트 (미리 읽어 둠)"}
    lines = [
        "# 학습 메모리: 최대 RSS 의 증가량 대 말뭉치 크기",
        "",
        f"합성 Zipf 말뭉치 (어휘 {VOCAB:,} 단어, 문장 {SENTENCE_LENGTH} 단어), 기본 하이퍼파라미터, "
        f"에폭 {args.epochs}. "
        f"조각 크기 {CHUNK_TOKENS:,} 토큰. 측정마다 새 프로세스. Python {platform.python_version()}, "
        f"numpy {np.__version__}, CPU {os.cpu_count()}개.",
        "",
        "| 토큰 | 말뭉치 | 어휘 | 쌍 | 최대 RSS 증가량 | 토큰당 증가량 | 학습 시간 (참고) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['tokens']:,} | {label[r['mode']]} | {r['vocab']:,} | {r['pairs']:,} | {r['delta_mb']:.1f} MB "
            f"| {r['delta_mb'] * 2**20 / r['tokens']:.2f} B | {r['seconds']:.1f} s |"
        )
    for mode in ("file", "list"):
        deltas = [r["delta_mb"] for r in rows if r["mode"] == mode]
        if len(deltas) >= 2:
            lines.append("")
            lines.append(
                f"{label[mode]}: 가장 큰 말뭉치의 증가량 / 가장 작은 말뭉치의 증가량 = {deltas[-1] / deltas[0]:.2f} "
                f"(말뭉치는 {rows[-1]['tokens'] / rows[0]['tokens']:.0f}배)."
            )
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
