"""벤치마크: naive softmax 한 번의 갱신 대 네거티브 샘플링 한 번의 갱신.

    python bench/bench_core.py [--repeat 5] [--batch 1024]

1) 한 쌍 (중심, 주변) 의 갱신 한 번 (d=100, k=5, float64, 같은 실행 안에서 잰 시간의 중앙값):
   - softmax: 손실 + ∂J/∂v_c + 밀집 ∂J/∂U (V×d)
   - NS 희소: 손실 + ∂J/∂v_c + 건드린 k+1 개 행의 기울기 (네거티브는 미리 뽑아 둠)
   - NS 밀집 (교육용 neg_sampling_loss_and_gradient): V×d 기울기를 만들면 이점이 사라짐을 보임
2) B 쌍을 neg_sampling_batch 로 한꺼번에 계산했을 때의 쌍당 비용 (softmax 는 1) 의 갱신 한 번 비용을 B 번으로 환산).

결과는 Markdown 표로 출력하고 bench/results/core.md 에 씁니다. 모든 비는 같은 실행에서 잰 기준과의 비입니다.

BLAS 는 기본으로 스레드 1개로 고정합니다 (환경 변수 OPENBLAS_NUM_THREADS 등을 이미 정했다면 그 값을 씀).
NS 한 쌍은 너무 작아 스레드를 쓰지 못하므로, softmax 만 코어 2개를 쓰면 비교가 '일의 양' 이 아니라
'코어 수' 를 재게 되고, 부하가 있는 기계에서는 다중 스레드 BLAS 가 오히려 크게 느려져 비가 부풀려집니다.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # numpy 를 불러오기 전에 정해야 효과가 있습니다

import argparse  # noqa: E402
import platform  # noqa: E402
from dataclasses import asdict  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from sgns.lessons.update_cost import compare_update_costs, time_per_call  # noqa: E402
from sgns.neg_sampling import neg_sampling_batch, neg_sampling_loss_and_gradient  # noqa: E402

VOCAB_SIZES = [1_000, 10_000, 50_000, 100_000]
DIM = 100
K = 5


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:,.1f} µs"
    return f"{seconds * 1e3:,.2f} ms"


def batch_costs(V: int, batch: int, repeat: int, seed: int = 0) -> dict:
    """B 쌍의 배치 계산 시간 (계산만, 그리고 np.add.at 으로 두 행렬에 흩뿌리기까지)."""
    rng = np.random.default_rng(seed)
    C = rng.normal(scale=0.1, size=(V, DIM))
    U = rng.normal(scale=0.1, size=(V, DIM))
    c = rng.integers(V, size=batch)
    o = rng.integers(V, size=batch)
    negs = rng.integers(V, size=(batch, K))
    valid = negs != o[:, None]

    def step_and_scatter():
        res = neg_sampling_batch(C, U, c, o, negs, valid)
        gC = np.zeros_like(C)  # 실제 학습기는 흩뿌리기 방법을 고르므로 여기서는 가장 단순한 np.add.at
        gU = np.zeros_like(U)
        np.add.at(gC, c, res.grad_center)
        np.add.at(gU, res.target_idx, res.grad_targets)
        return gC, gU

    compute = time_per_call(neg_sampling_batch, C, U, c, o, negs, valid, repeat=repeat)
    with_scatter = time_per_call(step_and_scatter, repeat=repeat)
    return {"batch_s": compute, "batch_scatter_s": with_scatter}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=1024)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "core.md")
    args = parser.parse_args()

    load = os.getloadavg()[0]
    rows = [asdict(r) for r in compare_update_costs(VOCAB_SIZES, dim=DIM, k=K, seed=0, repeat=args.repeat)]

    rng = np.random.default_rng(1)
    for r in rows:
        V = r["V"]
        U = rng.normal(scale=0.1, size=(V, DIM))
        v = rng.normal(scale=0.1, size=DIM)
        picked = rng.choice(V, size=K + 1, replace=False)
        r["neg_dense_s"] = time_per_call(
            neg_sampling_loss_and_gradient, v, int(picked[0]), U, picked[1:], repeat=args.repeat
        )
        r.update(batch_costs(V, args.batch, args.repeat))

    lines = [
        "# naive softmax 대 네거티브 샘플링: 갱신 한 번의 비용",
        "",
        f"d={DIM}, k={K}, float64, 중앙값 {args.repeat}회. numpy {np.__version__}, "
        f"Python {platform.python_version()}, CPU {os.cpu_count()}개, "
        f"BLAS 스레드 {os.environ['OPENBLAS_NUM_THREADS']}개, 측정 시작 시 부하 평균(1분) {load:.2f}. "
        "시간은 기계와 부하에 따라 달라지므로 같은 실행 안의 비만 믿으세요.",
        "",
        "## 1. 한 쌍 (중심, 주변) 의 갱신 한 번",
        "",
        "| V | softmax (V×d 기울기) | NS 희소 (k+1 행) | 속도 비 | 이상적 비 V/(k+1) | 이상 대비 | "
        "건드린 행 softmax / NS | NS 밀집 V×d (교육용) | softmax ÷ NS 밀집 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['V']:,} | {fmt_time(r['softmax_s'])} | {fmt_time(r['neg_s'])} | {r['speedup']:,.0f}× | "
            f"{r['ideal']:,.0f}× | {r['fraction_of_ideal']:.1%} | "
            f"{r['softmax_rows_touched']:,} / {r['neg_rows_touched']} | {fmt_time(r['neg_dense_s'])} | "
            f"{r['softmax_s'] / r['neg_dense_s']:,.1f}× |"
        )
    B = args.batch
    lines += [
        "",
        f"## 2. 배치: B={B} 쌍을 `neg_sampling_batch` 로 한꺼번에",
        "",
        f"softmax 의 쌍당 비용은 1절에서 잰 갱신 한 번의 시간입니다 ({B} 번 갱신 = {B} × 그 시간으로 환산). "
        "'+ 흩뿌리기' 는 np.add.at 으로 (V, d) 두 행렬에 기울기를 더하는 비용까지 포함합니다 "
        "(V×d 0 행렬 두 개를 만드는 비용도 들어 있어 V 가 크면 늘어납니다).",
        "",
        f"| V | softmax {B}번 (환산) | NS 배치 {B}쌍 | 쌍당 softmax | 쌍당 NS 배치 | 쌍당 NS 배치 + 흩뿌리기 | "
        "쌍당 NS 한 쌍씩 | softmax ÷ NS 배치 | NS 한 쌍씩 ÷ NS 배치 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['V']:,} | {fmt_time(r['softmax_s'] * B)} | {fmt_time(r['batch_s'])} | "
            f"{fmt_time(r['softmax_s'])} | {fmt_time(r['batch_s'] / B)} | {fmt_time(r['batch_scatter_s'] / B)} | "
            f"{fmt_time(r['neg_s'])} | {r['softmax_s'] * B / r['batch_s']:,.0f}× | "
            f"{r['neg_s'] * B / r['batch_s']:,.1f}× |"
        )
    r50 = next(r for r in rows if r["V"] == 50_000)
    verdict = "충족" if r50["speedup"] >= 500 else "미달"
    lines += [
        "",
        "목표: V=50,000 에서 NS 희소 갱신이 softmax 보다 500배 이상 빠를 것 → "
        f"측정 {r50['speedup']:,.0f}× ({verdict}).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
