"""The same M/M/c, 1M customers, in SimPy (the textbook way) and in coach's engine: customers/s.

SimPy: one process per customer and a `Resource` of capacity c. coach:
`coach.sim.mmc.simulate_mmc` (two event callbacks on the lean engine). Both
use the same λ, μ, c, number of customers and seed, in one run; the goal is
coach ≥ 4× SimPy's rate. Needs the `bench` extra (simpy).

    /work/venv/bin/python benchmarks/sim_vs_simpy.py [--customers 1000000]
"""

from __future__ import annotations

import argparse
import random
import time

import simpy

from coach.sim.mmc import mmc_mean_wait, simulate_mmc


def simpy_mmc(lam: float, mu: float, servers: int, customers: int, seed: int) -> float:
    """Mean response time of the textbook SimPy model."""
    rng = random.Random(seed)
    env = simpy.Environment()
    pool = simpy.Resource(env, capacity=servers)
    total = [0.0]

    def customer(env: simpy.Environment) -> object:
        arrived = env.now
        with pool.request() as request:
            yield request
            yield env.timeout(rng.expovariate(mu))
        total[0] += env.now - arrived

    def source(env: simpy.Environment) -> object:
        for _ in range(customers):
            env.process(customer(env))
            yield env.timeout(rng.expovariate(lam))

    env.process(source(env))
    env.run()
    return total[0] / customers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    lam, mu, servers, n = 80.0, 10.0, 10, args.customers
    expected = mmc_mean_wait(lam, mu, servers) + 1 / mu

    started = time.perf_counter()
    simpy_mean = simpy_mmc(lam, mu, servers, n, args.seed)
    simpy_s = time.perf_counter() - started

    started = time.perf_counter()
    result = simulate_mmc(lam, 1 / mu, servers, customers=n, rng=random.Random(args.seed))
    coach_s = time.perf_counter() - started

    print(f"M/M/c λ={lam:g}/s μ={mu:g}/s c={servers}, {n:,} customers, seed {args.seed}")
    print(f"  Erlang C mean response  {expected * 1000:8.2f} ms")
    print(f"  simpy  {simpy_s:7.2f} s  {n / simpy_s:>10,.0f} customers/s  mean {simpy_mean * 1000:.2f} ms")
    print(f"  coach  {coach_s:7.2f} s  {n / coach_s:>10,.0f} customers/s  mean {result.response.mean * 1000:.2f} ms")
    print(f"  ratio  {simpy_s / coach_s:.2f}× (goal ≥ 4×)")


if __name__ == "__main__":
    main()
