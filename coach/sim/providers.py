"""What a worker calls: a provider model, guarded by a circuit breaker."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from coach.sim.config import LOGNORMAL_SIGMA, Outage, ServiceDist

OK, ERROR, TIMEOUT, OUTAGE = 0, 1, 2, 3  # call outcomes

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


class Provider:
    """An email/push/SMS provider: latency distribution, error rate, outages, timeout.

    `call(now)` returns how long the call takes and leaves its outcome in
    `outcome` (a slot, not a tuple: this runs once per attempt).
    """

    __slots__ = (
        "_log1p",
        "_lognormal_mu",
        "_random",
        "_rng",
        "breaker",
        "calls",
        "calls_while_open",
        "dist",
        "fail_rate",
        "mean_s",
        "name",
        "outage_error_s",
        "outages",
        "outcome",
        "plain",
        "timeout_s",
    )

    def __init__(
        self,
        name: str,
        rng: random.Random,
        *,
        mean_s: float,
        dist: ServiceDist,
        fail_rate: float,
        timeout_s: float,
        outages: tuple[Outage, ...] = (),
        outage_error_s: float = 0.005,
    ) -> None:
        self.name = name
        self._rng = rng
        self._random = rng.random
        self._log1p = math.log1p  # exponential draws: -log1p(-u), as the service's inlined copy
        self.mean_s = mean_s
        self.dist = dist
        self._lognormal_mu = math.log(mean_s) - LOGNORMAL_SIGMA**2 / 2  # so the mean is mean_s
        self.fail_rate = fail_rate
        self.timeout_s = timeout_s
        self.outages = outages
        self.outage_error_s = outage_error_s
        self.outcome = OK
        self.calls = 0
        self.calls_while_open = 0  # must stay 0: the breaker lets nothing through while open
        self.breaker: Breaker | None = None
        self.plain = dist == "exp" and not outages  # callers may inline `call` for this case

    def latency(self) -> float:
        """One sample of the latency distribution."""
        if self.dist == "exp":
            return -self._log1p(-self._random()) * self.mean_s
        if self.dist == "const":
            return self.mean_s
        return self._rng.lognormvariate(self._lognormal_mu, LOGNORMAL_SIGMA)

    def call(self, now: float) -> float:
        """Make one call at `now`; return its duration (the outcome is in `self.outcome`)."""
        self.calls += 1
        breaker = self.breaker
        if breaker is not None and breaker.state == OPEN:
            self.calls_while_open += 1
        for outage in self.outages:
            if outage.covers(now):
                self.outcome = OUTAGE
                return self.outage_error_s
        took = -self._log1p(-self._random()) * self.mean_s if self.dist == "exp" else self.latency()
        if took > self.timeout_s:
            self.outcome = TIMEOUT
            return self.timeout_s
        self.outcome = ERROR if self.fail_rate and self._random() < self.fail_rate else OK
        return took


@dataclass(frozen=True)
class Transition:
    """A breaker state change, for the report and the logs."""

    time_s: float
    provider: str
    before: str
    after: str


class Breaker:
    """Circuit breaker on the error rate over a rolling window.

    Closed: every call's result lands in the current bucket of a window of
    `window_s` (ten buckets); when the window holds at least `min_calls` calls
    and at least `error_rate` of them failed, it opens (N consecutive failures
    would trip on a blip at high volume and never at low volume). Open: after
    `open_s` it goes half-open and lets `half_open_calls` probes through; if they
    all succeed it closes with an empty window, the first failure opens it
    again. `admit` says what a worker may do.
    """

    __slots__ = (
        "bucket_end", "bucket_s", "calls", "error_rate", "fails", "half_open_calls", "min_calls", "name",
        "now_calls", "now_fails", "open_s", "open_until", "probe_successes", "probes", "rejected", "ring_calls",
        "ring_fails", "slot", "state", "transitions", "transitions_total",
    )

    PROCEED, PROBE, WAIT_OPEN, WAIT_PROBE = 0, 1, -1, -2
    MAX_KEPT = 1000  # transitions kept for the report; the total is counted
    BUCKETS = 10

    def __init__(self, name: str, open_s: float, half_open_calls: int, *, window_s: float = 10.0,
                 min_calls: int = 20, error_rate: float = 0.5) -> None:
        self.name = name
        self.open_s = open_s
        self.half_open_calls = half_open_calls
        self.min_calls = min_calls
        self.error_rate = error_rate
        self.bucket_s = window_s / self.BUCKETS
        # The window: the current bucket's counts (now_calls, now_fails: a hot caller records a
        # success inline as `if now >= bucket_end: advance(now)` then `now_calls += 1`), and the
        # previous BUCKETS - 1 buckets in a ring with their sums.
        self.calls = [0] * self.BUCKETS
        self.fails = [0] * self.BUCKETS
        self.ring_calls = self.ring_fails = 0
        self.now_calls = self.now_fails = 0
        self.slot = 0
        self.bucket_end = self.bucket_s
        self.state = CLOSED
        self.open_until = 0.0
        self.probes = 0
        self.probe_successes = 0
        self.rejected = 0  # calls short-circuited (the worker waited or failed over instead)
        self.transitions: list[Transition] = []
        self.transitions_total = 0

    @property
    def total(self) -> int:
        """Calls in the window."""
        return self.ring_calls + self.now_calls

    @property
    def failed(self) -> int:
        """Failed calls in the window."""
        return self.ring_fails + self.now_fails

    def advance(self, now: float) -> None:
        """Close the current bucket and move the window to the bucket holding `now`."""
        n = self.BUCKETS
        steps = int((now - self.bucket_end) / self.bucket_s) + 1  # buckets that ended by `now`
        calls, fails = self.calls, self.fails
        for step in range(min(steps, n)):
            slot = (self.slot + 1) % n
            # The bucket that just ended holds the current counts (then empty ones); the one it
            # replaces in the ring (the oldest) leaves the window.
            self.ring_calls += (self.now_calls if step == 0 else 0) - calls[slot]
            self.ring_fails += (self.now_fails if step == 0 else 0) - fails[slot]
            calls[slot] = self.now_calls if step == 0 else 0
            fails[slot] = self.now_fails if step == 0 else 0
            self.slot = slot
        if steps >= n:
            self.calls, self.fails = [0] * n, [0] * n
            self.ring_calls = self.ring_fails = 0
        self.now_calls = self.now_fails = 0
        self.bucket_end += steps * self.bucket_s

    def error_rate_now(self) -> float:
        """Failed share of the calls in the window (0 when empty)."""
        return self.failed / self.total if self.total else 0.0

    def _move(self, now: float, state: str) -> None:
        if len(self.transitions) < self.MAX_KEPT:
            self.transitions.append(Transition(now, self.name, self.state, state))
        self.transitions_total += 1
        self.state = state

    def admit(self, now: float) -> int:
        """PROCEED or PROBE (make the call), WAIT_OPEN (until open_until) or WAIT_PROBE."""
        state = self.state
        if state == CLOSED:
            return self.PROCEED
        if state == OPEN:
            if now < self.open_until:
                self.rejected += 1
                return self.WAIT_OPEN
            self._move(now, HALF_OPEN)
            self.probes = self.probe_successes = 0
        if self.probes < self.half_open_calls:
            self.probes += 1
            return self.PROBE
        self.rejected += 1
        return self.WAIT_PROBE

    def record(self, now: float, ok: bool, probe: bool) -> None:
        """Count a call's result; may open or close the breaker."""
        if self.state == CLOSED:
            if now >= self.bucket_end:
                self.advance(now)
            self.now_calls += 1
            if not ok:
                self.now_fails += 1
                total = self.ring_calls + self.now_calls
                if total >= self.min_calls and self.ring_fails + self.now_fails >= self.error_rate * total:
                    self._open(now)
        elif self.state == HALF_OPEN and probe:
            if not ok:
                self._open(now)
            else:
                self.probe_successes += 1
                if self.probe_successes >= self.half_open_calls:
                    self.calls = [0] * self.BUCKETS  # a fresh window: the outage's failures are history
                    self.fails = [0] * self.BUCKETS
                    self.ring_calls = self.ring_fails = self.now_calls = self.now_fails = 0
                    self.bucket_end = now + self.bucket_s
                    self._move(now, CLOSED)
        # Results of calls started before the breaker opened change nothing.

    def _open(self, now: float) -> None:
        self._move(now, OPEN)
        self.open_until = now + self.open_s
