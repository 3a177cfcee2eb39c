"""The M/M/c queue on the engine: the mode that validates the engine against Erlang C.

Poisson arrivals at rate λ, c servers, exponential service with rate μ, one
FIFO queue, no failures. `erlang_c` and friends give the exact answers the
tests compare against.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from coach.sim.engine import Engine
from coach.sim.metrics import BUCKET_LOG2_LOW, BUCKETS_PER_LOG2, ZERO_BELOW, Histogram


@dataclass(frozen=True)
class MMCResult:
    """What one M/M/c run measured (times in seconds)."""

    arrival_rate: float
    service_rate: float
    servers: int
    customers: int  # completed
    arrivals: int
    duration_s: float  # virtual time of the last arrival
    response: Histogram
    wait: Histogram
    utilization: float  # busy server-time / (servers × duration)
    mean_in_system: float  # time average of customers in the system (L)
    events: int

    @property
    def throughput(self) -> float:
        return self.customers / self.duration_s if self.duration_s else 0.0

    @property
    def littles_law_error(self) -> float:
        """Relative gap between L and λ̂·W (Little's law) over the run."""
        expected = self.arrivals / self.duration_s * self.response.mean
        return abs(self.mean_in_system - expected) / expected if expected else 0.0


@dataclass
class _Books:
    """Running totals of the queue, filled by the event callbacks."""

    response: Histogram
    wait: Histogram
    arrivals: int = 0
    area_at_horizon: float = 0.0  # ∫ customers-in-system dt up to the last arrival
    busy_area_at_horizon: float = 0.0  # ∫ busy servers dt up to the last arrival
    horizon: float = 0.0  # time of the last arrival
    settle: Callable[[], None] = lambda: None


def _build(engine: Engine, qps: float, service_s: float, servers: int, limit: int) -> _Books:
    """Wire the two event callbacks (arrival, departure) onto the engine.

    The state lives in closure cells rather than attributes: this is the hot
    loop of a million customers, and cell reads are the cheapest Python has.
    """
    books = _Books(Histogram(), Histogram())
    heap, sequence, push = engine.heap, engine.sequence, heapq.heappush
    random, log, trunc = engine.rng.random, math.log, math.trunc  # trunc: int(x), a cheaper call
    # `Histogram.record`, inlined: a method call per sample is a third of the run.
    response_counts, wait_counts = books.response.counts, books.wait.counts
    record_response, record_wait = books.response.record, books.wait.record
    log2, log2_low, per_log2, zero_below = math.log2, BUCKET_LOG2_LOW, BUCKETS_PER_LOG2, ZERO_BELOW
    response_total = wait_total = 0.0
    wait_zeros = 0
    mean_gap = 1.0 / qps
    queue: deque[float] = deque()
    busy = in_system = arrivals = 0
    area = busy_area = last = 0.0

    def arrive(_: object) -> None:
        nonlocal busy, in_system, arrivals, area, busy_area, last, wait_zeros
        now = engine.now
        elapsed = now - last
        area += in_system * elapsed
        busy_area += busy * elapsed
        last = now
        in_system += 1
        if busy < servers:
            busy += 1
            wait_zeros += 1
            push(heap, (now - log(1.0 - random()) * service_s, next(sequence), depart, now))
        else:
            queue.append(now)
        arrivals += 1
        if arrivals < limit:
            push(heap, (now - log(1.0 - random()) * mean_gap, next(sequence), arrive, None))
        else:
            books.arrivals, books.horizon = arrivals, now
            books.area_at_horizon, books.busy_area_at_horizon = area, busy_area

    def depart(arrived: float) -> None:
        nonlocal busy, in_system, area, busy_area, last, response_total, wait_total
        now = engine.now
        elapsed = now - last
        area += in_system * elapsed
        busy_area += busy * elapsed
        last = now
        in_system -= 1
        response = now - arrived
        response_total += response
        if response > zero_below:
            try:
                response_counts[trunc((log2(response) - log2_low) * per_log2)] += 1
            except IndexError:
                record_response(response)
                response_total -= response
        else:
            record_response(response)
            response_total -= response
        if queue:
            first = queue.popleft()
            wait = now - first
            wait_total += wait
            if wait > zero_below:
                try:
                    wait_counts[trunc((log2(wait) - log2_low) * per_log2)] += 1
                except IndexError:
                    record_wait(wait)
                    wait_total -= wait
            else:
                record_wait(wait)
                wait_total -= wait
            push(heap, (now - log(1.0 - random()) * service_s, next(sequence), depart, first))
        else:
            busy -= 1

    def settle() -> None:
        """Move the inlined totals into the histograms once the run is over."""
        books.response.total += response_total
        books.wait.total += wait_total
        books.wait.zeros += wait_zeros

    books.settle = settle
    engine.schedule(-log(1.0 - random()) * mean_gap, arrive)
    return books


def simulate_mmc(
    qps: float, service_s: float, servers: int, *, customers: int, rng: random.Random
) -> MMCResult:
    """Run `customers` Poisson arrivals through c exponential servers, to the last departure.

    L (time-average in system), λ and utilization are measured up to the last
    arrival, so Little's law (L = λW) is a real check of the books, not an identity.
    """
    if qps <= 0 or service_s <= 0 or servers < 1 or customers < 1:
        raise ValueError("qps, service time, servers and customers must be positive")
    engine = Engine(rng)
    books = _build(engine, qps, service_s, servers, customers)
    engine.run()
    books.settle()
    horizon = books.horizon
    return MMCResult(
        arrival_rate=qps,
        service_rate=1.0 / service_s,
        servers=servers,
        customers=books.response.count,
        arrivals=books.arrivals,
        duration_s=horizon,
        response=books.response,
        wait=books.wait,
        utilization=books.busy_area_at_horizon / (servers * horizon) if horizon else 0.0,
        mean_in_system=books.area_at_horizon / horizon if horizon else 0.0,
        events=engine.events_run,
    )


# ------------------------------------------------------------ queueing theory


def erlang_c(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Probability that an arrival waits (Erlang C), computed stably via Erlang B."""
    load = arrival_rate / service_rate
    if load >= servers:
        return 1.0
    blocking = 1.0
    # Past k = load, B(k) falls faster than exp(-(k - load)^2 / 2k): once it underflows it stays 0,
    # so the loop stops there and a huge c (--workers 1000000000) costs no more than c ≈ load.
    for k in range(1, servers + 1):
        blocking = load * blocking / (k + load * blocking)
        if blocking < 1e-300:
            return 0.0
    rho = load / servers
    return blocking / (1 - rho + rho * blocking)


def mmc_mean_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean time in queue, W_q = C / (cμ − λ)."""
    return erlang_c(arrival_rate, service_rate, servers) / (servers * service_rate - arrival_rate)


def mmc_response_cdf(t: float, arrival_rate: float, service_rate: float, servers: int) -> float:
    """P(response <= t): response = wait + service, wait 0 w.p. 1 − C else Exp(cμ − λ)."""
    if t <= 0:
        return 0.0
    c_wait = erlang_c(arrival_rate, service_rate, servers)
    mu, theta = service_rate, servers * service_rate - arrival_rate
    no_wait = 1 - math.exp(-mu * t)
    if abs(theta - mu) < 1e-12:
        waited = 1 - math.exp(-mu * t) * (1 + mu * t)  # Erlang-2
    else:
        # Convolution of Exp(θ) and Exp(μ).
        waited = 1 - (theta * math.exp(-mu * t) - mu * math.exp(-theta * t)) / (theta - mu)
    return (1 - c_wait) * no_wait + c_wait * waited


def mmc_response_percentile(q: float, arrival_rate: float, service_rate: float, servers: int) -> float:
    """The q-quantile of the response time, by bisection on the exact CDF."""
    low, high = 0.0, 1.0 / service_rate
    while mmc_response_cdf(high, arrival_rate, service_rate, servers) < q:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if mmc_response_cdf(middle, arrival_rate, service_rate, servers) < q:
            low = middle
        else:
            high = middle
    return (low + high) / 2
