"""The API edge of the reference service: request model, idempotency store, rate limiter.

`NotificationRequest` is the seed's POST /notifications body, validated with
pydantic. The simulation's workload reaches the same `accept` path the API
uses (idempotency, rate limit, publish); see `service.NotificationService.post`.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Priority = Literal["high", "normal"]


class NotificationRequest(BaseModel):
    """POST /notifications body (the seed's example)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    idempotencyKey: Annotated[str, Field(min_length=1, max_length=128)]
    userId: Annotated[str, Field(min_length=1, max_length=128)]
    channels: Annotated[list[Literal["email", "push", "sms"]], Field(min_length=1, max_length=3)]
    template: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_-]+$")]
    data: dict[str, str | int | float | bool] = {}
    priority: Priority = "normal"


class IdempotencyStore:
    """Key -> (body fingerprint, notification id), each entry living `ttl_s`.

    Entries expire in insertion order (the TTL is the same for all), so a FIFO
    of expiry times evicts them in O(1) each and memory stays bounded by
    rate × TTL, as a Redis/Dynamo TTL would. Eviction is amortised: a sweep runs
    when virtual time reaches `next_sweep` (a 64th of the TTL after the oldest
    entry's expiry) and removes every expired entry at once; until then an
    expired entry is simply treated as absent (and evicted when looked up).
    """

    __slots__ = ("_slack", "entries", "expiry", "next_sweep", "ttl_s")

    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._slack = ttl_s / 64  # at most 1/64 more keys held than a per-request eviction would keep
        # key -> (fingerprint, id, expires, key); the same tuple queues in `expiry`.
        self.entries: dict[Hashable, tuple[int, int, float, Hashable]] = {}
        self.expiry: deque[tuple[int, int, float, Hashable]] = deque()
        self.next_sweep = -math.inf

    def sweep(self, now: float) -> None:
        """Evict every entry expired at `now`; schedule the next sweep."""
        expiry, entries = self.expiry, self.entries
        while expiry and expiry[0][2] <= now:
            entry = expiry.popleft()
            key = entry[3]
            if entries.get(key) is entry:  # not replaced by a later put of the same key
                del entries[key]
        # Empty: nothing put from now on expires before now + ttl.
        self.next_sweep = expiry[0][2] + self._slack if expiry else now + self.ttl_s

    def lookup(self, key: Hashable, now: float) -> tuple[int, int] | None:
        """(fingerprint, id) stored under a live key, else None (an expired key is evicted)."""
        if now >= self.next_sweep:
            self.sweep(now)
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry[2] <= now:
            del self.entries[key]
            return None
        return entry[0], entry[1]

    def put(self, key: Hashable, fingerprint: int, notification_id: int, now: float) -> None:
        """Remember a key (an atomic upsert in the real store)."""
        entry = (fingerprint, notification_id, now + self.ttl_s, key)
        self.entries[key] = entry
        self.expiry.append(entry)

    def __len__(self) -> int:
        return len(self.entries)


class TokenBuckets:
    """One token bucket per client: `rate` tokens per second, at most `burst` saved."""

    __slots__ = ("burst", "rate", "state")

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.state: dict[Hashable, list[float]] = {}  # client -> [tokens, time of last refill]

    def allow(self, client: Hashable, now: float) -> bool:
        """Take a token if there is one (refilled lazily from the time passed)."""
        state = self.state.get(client)
        if state is None:
            state = self.state[client] = [self.burst, now]
        tokens = state[0] + (now - state[1]) * self.rate
        if tokens > self.burst:
            tokens = self.burst
        state[1] = now
        if tokens >= 1.0:
            state[0] = tokens - 1.0
            return True
        state[0] = tokens
        return False
