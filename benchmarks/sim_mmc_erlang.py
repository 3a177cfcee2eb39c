"""The issue's M/M/c validation at full size: 1M customers, 2 configurations, 6 seeds.

For (λ, μ, c) = (80/s, 10/s, 10) and (50/s, 1/s, 60): mean response and p95
response within 2 % of Erlang C, mean wait within 6 %, Little's law within 2 %.
Prints each run's relative errors and PASS/FAIL, then the spread across seeds
(the standard deviation says how many σ each tolerance is at this size).

    /work/venv/bin/python benchmarks/sim_mmc_erlang.py [--customers 1000000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from coach.sim.mmc import mmc_mean_wait, mmc_response_percentile, simulate_mmc

CONFIGS = ((80.0, 10.0, 10), (50.0, 1.0, 60))
SEEDS = (42, 1, 2, 3, 4, 5)
TOLERANCE = {"mean_response": 0.02, "p95_response": 0.02, "mean_wait": 0.06, "little": 0.02}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    args = parser.parse_args()
    failures = 0
    started = time.perf_counter()
    for lam, mu, c in CONFIGS:
        wait = mmc_mean_wait(lam, mu, c)
        expected = {"mean_response": wait + 1 / mu, "p95_response": mmc_response_percentile(0.95, lam, mu, c),
                    "mean_wait": wait}
        print(f"λ={lam:g}/s μ={mu:g}/s c={c}: W={expected['mean_response']:.5f} s "
              f"p95={expected['p95_response']:.5f} s Wq={wait:.5f} s, {args.customers:,} customers")
        errors: dict[str, list[float]] = {key: [] for key in TOLERANCE}
        for seed in SEEDS:
            t0 = time.perf_counter()
            result = simulate_mmc(lam, 1 / mu, c, customers=args.customers, rng=random.Random(seed))
            took = time.perf_counter() - t0
            measured = {"mean_response": result.response.mean, "p95_response": result.response.percentile(0.95),
                        "mean_wait": result.wait.mean}
            row = {key: measured[key] / expected[key] - 1 for key in measured}
            row["little"] = result.littles_law_error
            ok = all(abs(row[key]) <= TOLERANCE[key] for key in row)
            failures += not ok
            for key, value in row.items():
                errors[key].append(value)
            print(f"  seed {seed:>2}: W {row['mean_response']:+.4%}  p95 {row['p95_response']:+.4%}  "
                  f"Wq {row['mean_wait']:+.4%}  Little {row['little']:.4%}  "
                  f"({took:.1f} s)  {'PASS' if ok else 'FAIL'}")
        for key in ("mean_response", "p95_response", "mean_wait"):
            sd = statistics.stdev(errors[key])
            print(f"  σ({key}) across seeds = {sd:.3%}; tolerance {TOLERANCE[key]:.0%} = "
                  f"{TOLERANCE[key] / sd if sd else float('inf'):.1f} σ")
    print(f"{failures} run(s) failed; {time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
