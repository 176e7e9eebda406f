"""벤치마크: 잡음 분포 P_n(w) ∝ U(w)^0.75 에서 네거티브 샘플 뽑기 (5장).

    python bench/bench_sampler.py [--draws 10000000] [--vocab 50000] [--calls 2000] [--repeat 3]

V = 50,000, Zipf 빈도 1e7 / r 의 0.75 제곱에서 10^7 개를 뽑습니다.
  (a) 기준: ``numpy.random.Generator.choice(V, 10**7, p=probs)`` 한 번 호출
  (b) ``NegativeSampler.sample(10**7)`` (Vose 별칭 방법; 표 만들기 시간은 따로 잼)
  (c) 원문 방식: 쌍마다 ``np.random.choice(V, 5, p=probs)`` 를 부름 (legacy RandomState).
      --calls 번만 재고 10^7 개로 환산합니다.
각 방법의 TVD 는 정확한 샘플러가 같은 개수를 뽑을 때의 기대 TVD(샘플링 잡음, expected_tv_noise)와 나란히
보고합니다. 시간은 같은 실행 안에서 잰 중앙값이고, 비는 (a) 에 대한 처리량 비입니다.
결과는 Markdown 표로 출력하고 bench/results/sampler.md 에 씁니다.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

import numpy as np

from sgns.lessons.noise_samplers import expected_tv_noise, total_variation
from sgns.sampling import NegativeSampler, noise_distribution

K = 5


def timed(fn, repeat: int):
    """fn() 을 repeat 번 불러 (시간 중앙값, 마지막 결과) 를 돌려줍니다."""
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10**7)
    parser.add_argument("--vocab", type=int, default=50_000)
    parser.add_argument("--calls", type=int, default=2_000, help="(c) 에서 실제로 재는 쌍마다 호출 횟수")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "sampler.md")
    args = parser.parse_args()

    V, n = args.vocab, args.draws
    counts = 1e7 / np.arange(1, V + 1)
    probs = noise_distribution(counts, power=0.75)

    # (b) 별칭 샘플러의 표 만들기
    build_s, sampler = timed(lambda: NegativeSampler(counts, power=0.75, seed=0), max(5, args.repeat))

    # (a) 기준 Generator.choice 한 번 호출과 (b) 별칭 샘플러의 뽑기를 번갈아 잽니다
    # (기계의 부하가 바뀌어도 두 쪽에 비슷하게 걸리도록).
    rng = np.random.default_rng(0)
    choice_times, alias_times = [], []
    for _ in range(args.repeat):
        t, choice_draws = timed(lambda: rng.choice(V, size=n, p=probs), 1)
        choice_times.append(t)
        t, alias_draws = timed(lambda: sampler.sample(n), 1)
        alias_times.append(t)
    choice_s, alias_s = statistics.median(choice_times), statistics.median(alias_times)
    table_error = float(np.abs(sampler.exact_probabilities() - probs).max())

    # (c) 원문 방식: 쌍마다 choice(V, 5, p) — 부를 때마다 누적 분포를 새로 만듦
    random_state = np.random.RandomState(0)

    def per_pair():
        return np.stack([random_state.choice(V, size=K, p=probs) for _ in range(args.calls)])

    per_pair_s, per_pair_draws = timed(per_pair, args.repeat)
    per_call_s = per_pair_s / args.calls
    per_pair_total_s = per_call_s * (n / K)

    rows = [
        {
            "method": "(a) `Generator.choice(V, n, p)` 한 번",
            "rate": n / choice_s,
            "time": f"{choice_s:.2f} s",
            "build": "매 호출 O(V)",
            "tvd": total_variation(probs, choice_draws),
            "n_tvd": n,
        },
        {
            "method": "(b) `NegativeSampler.sample(n)` (별칭)",
            "rate": n / alias_s,
            "time": f"{alias_s:.2f} s",
            "build": f"{build_s * 1e3:.1f} ms (한 번)",
            "tvd": total_variation(probs, alias_draws),
            "n_tvd": n,
        },
        {
            "method": f"(c) 쌍마다 `np.random.choice(V, {K}, p)`",
            "rate": n / per_pair_total_s,
            "time": f"≈{per_pair_total_s:,.0f} s (환산)",
            "build": f"{per_call_s * 1e6:.0f} µs/호출",
            "tvd": total_variation(probs, per_pair_draws),
            "n_tvd": per_pair_draws.size,
        },
    ]

    lines = [
        f"# 잡음 분포 샘플링: V = {V:,}, Zipf 빈도의 0.75 제곱, {n:,} 개",
        "",
        f"- 기계: {platform.machine()}, {platform.processor() or platform.platform()}; "
        f"Python {platform.python_version()}, numpy {np.__version__}",
        f"- 시간은 {args.repeat}번 잰 중앙값 ((a) 와 (b) 는 번갈아 잼). "
        "비 = 처리량 ÷ (a) 의 처리량 (같은 실행에서 잰 값).",
        f"- (c) 는 {args.calls:,}번 호출({args.calls * K:,}개)만 재고 {n:,}개로 환산했습니다. "
        f"TVD 도 그 {args.calls * K:,}개에서 잰 값입니다.",
        "- 기대 TVD = 정확한 샘플러가 같은 개수를 뽑을 때의 TVD 기댓값 "
        "(샘플링 잡음, 이항분포의 평균 절대 편차로 정확히 계산). "
        "TVD 가 이것과 비슷하면 분포가 맞는 것입니다.",
        f"- 별칭 표가 나타내는 분포와 목표 분포의 최대 차이: {table_error:.1e} (정확함).",
        "",
        "| 방법 | 샘플/초 | (a) 대비 | 10^7개 시간 | 준비 비용 | TVD | 기대 TVD (같은 개수) |",
        "|---|---|---|---|---|---|---|",
    ]
    base = rows[0]["rate"]
    for r in rows:
        expected = expected_tv_noise(probs, r["n_tvd"])
        lines.append(
            f"| {r['method']} | {r['rate'] / 1e6:,.3g} M | {r['rate'] / base:.3g}× | {r['time']} "
            f"| {r['build']} | {r['tvd']:.4f} | {expected:.4f} (n={r['n_tvd']:,}) |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
