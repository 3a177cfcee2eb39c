"""The reference notification service, running in simulated time.

    POST /notifications -> rate limit (token bucket per client) -> idempotency store
      -> stream partitioned by userId (each partition ingests at most a shard's
         records/s; over it the API answers 503) -> 202 + id
      -> one consumer group per channel: a pool of workers takes ready messages,
         high priority first; a user's next message on a channel and priority lane
         waits until the previous one is done (per-key ordering, as FIFO message
         groups keyed by userId and priority)
      -> provider call (latency, errors, outages, timeout) behind a circuit breaker that
         trips on the error rate over a window; while it is open, the channel's secondary
         provider takes the calls (failover), or the workers pause if there is none
      -> retry with exponential backoff + full jitter within a time budget per priority,
         or the DLQ; a message past its expiry is dropped as `expired`, never sent late
    GET /notifications/{id}/status -> queued | deferred | sent | delivered | bounced |
         suppressed | expired | failed | partial

Each notification uses the channels of the facts' mix (`channel_mix`: push 80 %,
email 40 %, SMS 2 % of notifications). Email and SMS providers report a receipt
(delivered or bounced, `bounce_rate`); push providers only accept (`sent`).
Quiet hours: `held` notifications wait in the scheduled-send store (`deferred`)
and are released from `release_at_s` at a paced `release_per_s`.

Ordering is per user, channel and priority lane, which is what the key buys:
without it (round-robin) a user's messages run in parallel and can overtake each
other. Its cost: a retry frees its worker while it backs off, but keeps the
lane's later messages waiting (a blocked retry holds the user's lane). And it
stops at the provider: APNs/FCM and SMS carriers may reorder anyway. While a
provider's breaker is open (and no secondary takes the calls) its workers pause
instead of burning attempts: lag grows, the DLQ does not.

Validation: `post()` validates every body with pydantic. The generated workload
uses a handful of body shapes, so `run` validates each distinct shape once with
the same model and then takes the same `accept` path; validating a million
identical shapes would only measure pydantic.

Speed (benchmarks/sim_pipeline.py: 1M notifications): `accept` (once per request)
calls the reference methods (token buckets, idempotency store, log sampling,
`_start`). The per-message path inlines a few: Provider.call, Engine.schedule and a
zero Histogram.record in `_start`; Breaker.record, Histogram.record, _complete and
_release in `_delivered`. Each copy names the method it mirrors;
`NotificationService(reference=True)` runs those methods instead, and
tests/sim/test_sim_fast_path.py checks that both give the same run (results, logs,
metrics) over configurations that reach every branch. A successful call ends in its own callback
(`_delivered`), the arrival stream runs outside the event heap
(`Engine.set_source`), and the cyclic GC is off during a run.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import json
import math
import random
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass, field
from heapq import heappush
from typing import Any

from coach.sim.api import IdempotencyStore, NotificationRequest, TokenBuckets
from coach.sim.config import SimConfig
from coach.sim.engine import Callback, Engine
from coach.sim.metrics import (
    BUCKET_COUNT,
    BUCKET_LOG2_LOW,
    BUCKETS_PER_LOG2,
    ZERO_BELOW,
    Histogram,
    TimeSeries,
)
from coach.sim.observability import TraceLog
from coach.sim.providers import (
    CLOSED,
    ERROR,
    HALF_OPEN,
    OK,
    OPEN,
    OUTAGE,
    TIMEOUT,
    Breaker,
    Provider,
    Transition,
)

# Exponential draws are -log1p(-u): exact where log(1 - u) rounds, and a one-argument
# call (math.log parses an optional base: three times the cost here).
_log1p = math.log1p
_log2 = math.log2
_trunc = math.trunc  # int(x) for a float, through a cheaper call (4x faster here)
# Status codes (index into STATUS_NAMES); a notification's status is one byte.
STATUS_NAMES = ("queued", "sent", "partial", "failed", "delivered", "bounced", "suppressed", "deferred", "expired")
QUEUED, SENT, PARTIAL, FAILED, DELIVERED, BOUNCED, SUPPRESSED, DEFERRED, EXPIRED = range(9)
ABUSIVE_CLIENT = -1
RELEASE_TICK_S = 0.1  # the quiet-hours release publishes a batch this often

# A message is a small list, mutated in place (attempts) rather than copied. _USER holds the
# user's lane, user * 2 + high: order is kept per user and priority lane (a high-priority
# code never waits behind the same user's newsletter).
# It is published when accepted, so _ACCEPTED is also when it joined the stream. _POOL is
# its channel's _Pool; _LAG_SLOT its (channel, partition) index in the lag counters; _VIA is
# 1 while the secondary provider makes the call (failover).
_NID, _USER, _POOL, _HIGH, _ACCEPTED, _ATTEMPTS, _LAG_SLOT, _KEY, _SAMPLED, _OUTCOME, _PROBE, _VIA = range(12)


class _Pool:
    """One channel's consumer group: ready messages by priority, idle workers, paused by
    the breaker, the users with a message in progress (-> their later messages, waiting),
    and its provider and breaker.

    One object per channel, so the hot path reads `pool.idle` rather than
    `self._idle[channel]` (an attribute instead of an attribute and an index, each time).
    """

    __slots__ = ("bounced", "breaker", "busy_s", "delivered", "expired", "failed_over", "held", "high", "idle",
                 "index", "normal", "paused", "provider", "receipts", "secondary", "secondary_breaker",
                 "suppressed")

    def __init__(self, index: int, workers: int, provider: Provider, breaker: Breaker | None,
                 secondary: Provider | None = None, receipts: bool = False) -> None:
        self.index = index
        self.provider = provider
        self.breaker = breaker
        self.secondary = secondary  # failover: takes the calls while the primary's breaker is open
        self.secondary_breaker = secondary.breaker if secondary is not None else None
        self.receipts = receipts  # the provider reports delivered/bounced (email, SMS; push does not)
        self.expired = self.bounced = self.suppressed = self.failed_over = 0
        self.high: deque[list[Any]] = deque()
        self.normal: deque[list[Any]] = deque()
        self.idle = workers
        self.paused = False
        self.held: dict[int, deque[list[Any]] | None] = {}
        self.delivered = 0
        self.busy_s = 0.0  # time spent in provider calls


@dataclass
class Response:
    """What the API answers."""

    status_code: int
    body: dict[str, Any]


@dataclass
class Trace:
    """Per-user and per-key records, kept only with `trace=True` (tests)."""

    accepted: dict[tuple[int, bool], list[int]] = field(default_factory=dict)  # (user, high) -> ids
    delivered: dict[tuple[int, int, bool], list[int]] = field(default_factory=dict)  # (user, channel, high) -> ids
    deliveries_per_key: dict[tuple[Any, int], int] = field(default_factory=dict)  # (key, ch) -> n


@dataclass
class ServiceResult:
    """What a run measured. Times in seconds; counts of channel messages unless named per request."""

    config: SimConfig
    offered: int  # requests sent by clients (replays included)
    accepted: int  # notifications created (202 with a new id)
    replayed: int  # requests answered with an existing id (deduplicated)
    conflicts: int  # 409: same key, different body
    rate_limited: int  # 429, honest clients
    rate_limited_abusive: int  # 429, the abusive client
    throttled: int  # 503: the user's partition was over a shard's ingest limit
    abusive_offered: int
    published: int  # channel messages put on the stream
    delivered: dict[str, int]
    dlq: dict[str, int]
    in_flight: int  # channel messages neither delivered nor dead-lettered at the end
    attempts: int
    retries: int
    failures: dict[str, int]  # error | timeout | outage
    short_circuited: int  # calls the breakers refused (workers paused)
    calls_while_open: int  # provider calls made while its breaker was open (must be 0)
    transitions: list[Transition]
    transitions_total: int
    statuses: dict[str, int]
    latency: Histogram  # accept -> delivered, per channel message
    wait: Histogram  # time on the stream before a worker took the message
    completion: Histogram  # accept -> last channel done, per notification (a sync API's latency)
    busy_s: dict[str, float]  # provider-call time per channel
    series: dict[str, TimeSeries]
    log_lines: list[str]
    log_lines_total: int
    end_s: float  # virtual time when the run stopped
    events: int
    max_partition_lag: int
    trace: Trace | None = None
    expired: dict[str, int] = field(default_factory=dict)  # channel messages dropped past their expiry
    bounced: dict[str, int] = field(default_factory=dict)  # sent, then reported bounced
    suppressed: dict[str, int] = field(default_factory=dict)  # never sent: address on the suppression list
    failed_over: dict[str, int] = field(default_factory=dict)  # calls made by the secondary provider
    retries_per_s: dict[int, int] = field(default_factory=dict)  # second -> retry calls due in it
    held: int = 0  # notifications held for quiet hours
    release_end_s: float = 0.0  # when the last held notification was released

    @property
    def peak_retries_per_s(self) -> int:
        """The most retry calls due in any one second (what a synchronized retry wave looks like)."""
        return max(self.retries_per_s.values(), default=0)

    @property
    def delivered_total(self) -> int:
        return sum(self.delivered.values())

    @property
    def dlq_total(self) -> int:
        return sum(self.dlq.values())

    def utilization(self, channel: str | None = None) -> float:
        """Share of worker time spent in provider calls, from the start to the end of the run."""
        horizon = max(self.end_s, self.config.duration_s)
        channels = [channel] if channel else list(self.config.channels)
        busy = sum(self.busy_s[name] for name in channels)
        return busy / (horizon * self.config.workers * len(channels))

    @property
    def throughput(self) -> float:
        """Delivered channel messages per second of arrivals."""
        return self.delivered_total / self.config.duration_s


class NotificationService:
    """The service wired onto an engine; `run()` drives a generated workload through it."""

    # Slots: with more than 30 attributes an instance's __dict__ stops sharing keys and
    # every self.x read on the hot path gets slower (measured: ~12 ns a read here).
    __slots__ = (
        "_accepted_mark", "_all_channels", "_arrivals_open", "_arrivals_until", "_bad", "_base_rate",
        "_bounce_rate", "_budget_high", "_budget_normal", "_by_user", "_calls_mark", "_channel_count",
        "_clients", "_dedupe", "_delivered_cb", "_delivered_mark", "_drained_at", "_expiring", "_expiry_high",
        "_expiry_normal", "_finish_cb", "_heap", "_high_share", "_hot_share", "_lag", "_left", "_max_offered",
        "_meta", "_meta_all", "_meta_of", "_mix_points", "_mix_subsets", "_noting", "_open", "_partitions",
        "_peak_from", "_peak_rate", "_peak_to", "_pools", "_random", "_reference", "_release_carry",
        "_release_end", "_release_left", "_replays", "_retry_seconds", "_sampling", "_sequence",
        "_shapes_to_validate", "_status", "_suppress_rate", "_users", "_validated_shapes", "abusive_offered",
        "accepted", "backing_off", "breakers", "buckets", "channels", "completion", "config", "conflicts",
        "dlq", "engine", "failures", "latency", "log", "max_partition_lag", "offered", "providers", "published",
        "rate_limited", "rate_limited_abusive", "replayed", "retries", "rng", "series", "shards", "store",
        "throttled", "trace", "wait", "waiting"
    )

    def __init__(self, config: SimConfig, rng: random.Random | None = None, *, reference: bool = False) -> None:
        """`reference`: run the hot path through the reference methods it otherwise inlines
        (in `_start`: Provider.call, Histogram.record and Engine.schedule; on a delivery:
        Breaker.record, Histogram.record, _complete and _release). Slower, and
        the same run: tests/sim/test_sim_fast_path.py checks it."""
        config.validate()
        self.config = config
        self.rng = rng if rng is not None else random.Random(config.seed)
        self.engine = Engine(self.rng)
        self.channels = config.channels
        nch, partitions = len(config.channels), config.partitions
        self.providers: list[Provider] = []
        self.breakers: list[Breaker | None] = []
        secondaries: list[Provider | None] = []
        first = config.channels[0]
        for name in config.channels:
            for secondary in (False, True):
                if secondary and not config.failover:
                    secondaries.append(None)
                    continue
                provider = Provider(
                    name + "-secondary" if secondary else name, self.rng, mean_s=config.service_s,
                    dist=config.service_dist, fail_rate=config.fail_rate, timeout_s=config.timeout_s,
                    outages=tuple(o for o in config.outages if o.hits(name, first, secondary)),
                    outage_error_s=config.outage_error_s,
                )
                breaker = (
                    Breaker(provider.name, config.breaker_open_s, config.breaker_half_open_calls,
                            window_s=config.breaker_window_s, min_calls=config.breaker_min_calls,
                            error_rate=config.breaker_error_rate)
                    if config.breaker else None
                )
                provider.breaker = breaker
                if secondary:
                    secondaries.append(provider)
                else:
                    self.providers.append(provider)
                    self.breakers.append(breaker)
        # Secondaries after the primaries: providers[i] and breakers[i] stay channel i's primary.
        self.providers.extend(p for p in secondaries if p is not None)
        self.breakers.extend(p.breaker for p in secondaries if p is not None)
        self.store = IdempotencyStore(config.idempotency_ttl_s)
        self.buckets = TokenBuckets(config.rate_limit_per_client_qps, config.rate_limit_burst)
        # A shard ingests `shard_throughput_qps` records/s, with a tenth of a second of burst.
        self.shards = TokenBuckets(config.shard_throughput_qps, max(1, int(config.shard_throughput_qps / 10)))
        self.log = TraceLog(config.log_sample_rate, config.max_log_lines, config.seed)
        self._pools = [
            _Pool(index, config.workers, self.providers[index], self.breakers[index], secondaries[index],
                  receipts=name != "push")
            for index, name in enumerate(config.channels)
        ]
        self._lag = [0] * (nch * partitions)  # per (channel, partition): messages not yet consumed
        self._status = bytearray()  # per notification id, bytes keep 1M ids in 1 MB
        # Per notification id, bytes rather than a record per notification (no allocation
        # on the hot path): channel messages not yet done.
        self._left = bytearray()
        # Per notification id: its status when every channel goes well (delivered, or sent when a
        # channel has no receipt) | the number of its channels << 4.
        self._meta = bytearray()
        self._meta_of: dict[tuple[int, ...], int] = {}
        self._bad: dict[int, list[int]] = {}  # id -> outcomes of channels that went wrong (rare, so a dict)
        self._mix_points: list[float] = []
        self._mix_subsets: list[tuple[int, ...]] = []
        if config.channel_mix:
            self._mix_points, self._mix_subsets = _mix_table(config.channel_mix)
        self._expiry_high, self._expiry_normal = config.expiry_high_s or math.inf, config.expiry_normal_s or math.inf
        self._expiring = bool(config.expiry_high_s or config.expiry_normal_s)
        self._budget_high, self._budget_normal = config.retry_budget_high_s, config.retry_budget_normal_s
        self._bounce_rate, self._suppress_rate = config.bounce_rate, config.suppressed_rate
        self._retry_seconds: dict[int, int] = {}
        self._release_left = self._release_carry = 0.0
        self._release_end = 0.0
        self._open = 0  # notifications with a channel message not yet done (held ones included)
        self._validated_shapes: set[tuple[Any, ...]] = set()
        self.trace = Trace() if config.trace else None
        # Hot-path copies (read once per message).
        self._dedupe, self._by_user = config.dedupe, config.partition_by_user
        self._partitions = partitions
        self._all_channels = tuple(range(nch))
        self._meta_all = self._meta_for(self._all_channels)
        self._channel_count = nch
        self._sampling = config.log_sample_rate > 0
        self._noting = self.trace is not None or config.bounce_rate > 0  # see _note_delivery
        self._heap, self._sequence = self.engine.heap, self.engine.sequence
        self._random = self.rng.random
        self._reference = reference
        self._finish_cb = self._finish  # one bound method, not one per event
        self._delivered_cb = self._delivered_plainly if reference else self._delivered
        if reference:  # nothing inlines Provider.call: see `_start`
            for provider in self.providers:
                provider.plain = False
        # Counters.
        self.offered = self.abusive_offered = self.accepted = self.replayed = self.conflicts = 0
        self.rate_limited = self.rate_limited_abusive = self.throttled = self.published = 0
        self.retries = self.waiting = self.backing_off = 0
        self.dlq = [0] * nch
        self.failures = {"error": 0, "timeout": 0, "outage": 0}
        self.max_partition_lag = 0
        self.latency = Histogram()
        self.wait = Histogram()
        self.completion = Histogram()
        self._arrivals_open = True
        self._drained_at: float | None = None
        interval = config.duration_s / config.samples
        self.series = {
            name: TimeSeries(name, interval)
            for name in ("queue_depth", "dlq_depth", "max_partition_lag", "calls_per_s",
                         "accepted_per_s", "delivered_per_s", "saturation", "breaker_open", "in_flight")
        }
        self._calls_mark = self._accepted_mark = self._delivered_mark = 0

    # ------------------------------------------------------------------ API

    def post(self, body: dict[str, Any], client: Any = "client-1") -> Response:
        """POST /notifications: validate, rate-limit, deduplicate, publish; 202 with the id."""
        from pydantic import ValidationError

        try:
            request = NotificationRequest.model_validate(body)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "body"
            return Response(422, {"error": f"{where}: {first['msg']}"})
        unknown = [name for name in request.channels if name not in self.channels]
        if unknown:
            return Response(422, {"error": f"channels: {unknown[0]} is not served here"})
        channels = tuple(self.channels.index(name) for name in request.channels)
        canonical = json.dumps(request.model_dump(exclude={"idempotencyKey"}), sort_keys=True)
        fingerprint = int.from_bytes(hashlib.sha256(canonical.encode()).digest()[:8], "big")
        user = int(hashlib.sha256(request.userId.encode()).hexdigest()[:12], 16)
        code, notification_id = self.accept(
            client, request.idempotencyKey, user, request.priority == "high", fingerprint, channels
        )
        if code == 429:
            return Response(429, {"error": "rate limited: slow down and retry after a backoff"})
        if code == 409:
            return Response(409, {"error": "idempotencyKey reused with a different body"})
        return Response(202, {"id": notification_id, "status": self.status(notification_id)})

    def get_status(self, notification_id: int) -> Response:
        """GET /notifications/{id}/status."""
        if not 0 <= notification_id < len(self._status):
            return Response(404, {"error": f"no notification {notification_id}"})
        return Response(200, {"id": notification_id, "status": self.status(notification_id)})

    def status(self, notification_id: int) -> str:
        return STATUS_NAMES[self._status[notification_id]]

    def accept(
        self,
        client: Any,
        key: Any,
        user: int,
        high: bool,
        fingerprint: int,
        channels: tuple[int, ...] | None = None,
    ) -> tuple[int, int]:
        """The accept path shared by `post` and the workload: (HTTP code, notification id or -1)."""
        now = self.engine.now
        if not self.buckets.allow(client, now):
            if client == ABUSIVE_CLIENT:
                self.rate_limited_abusive += 1
            else:
                self.rate_limited += 1
            return 429, -1
        dedupe = self._dedupe
        if dedupe:
            hit = self.store.lookup(key, now)
            if hit is not None:
                if hit[0] == fingerprint:
                    self.replayed += 1
                    return 202, hit[1]
                self.conflicts += 1
                return 409, -1
        status = self._status
        notification_id = len(status)
        partitions = self._partitions
        partition = (user if self._by_user else notification_id) % partitions
        if not self.shards.allow(partition, now):
            self.throttled += 1
            return 503, -1
        status.append(QUEUED)
        if dedupe:
            self.store.put(key, fingerprint, notification_id, now)
        self.accepted += 1
        chosen = channels if channels is not None else self._all_channels
        meta = self._meta_all if channels is None else self._meta_of.get(chosen)
        if meta is None:
            meta = self._meta_for(chosen)
        self._meta.append(meta)
        count = len(chosen)
        self._left.append(count)
        self._open += 1
        if self._suppress_rate:
            chosen = self._suppress(notification_id, chosen, now)
            count = len(chosen)
        if self.trace is not None:
            self.trace.accepted.setdefault((user, high), []).append(notification_id)
        sampled = self._sampling and self.log.sampled(notification_id)  # by a hash of the id, never the rng
        if sampled:
            self.log.emit(now, "info", "notification.accepted", traceId=self.log.trace_id(notification_id),
                          spanId=self.log.span_id(notification_id, "api", 0),
                          notificationId=notification_id, userId=f"u{user}",
                          priority="high" if high else "normal", partition=partition)
        # One message per channel, consumed by that channel's worker pool.
        by_user, lag, pools = self._by_user, self._lag, self._pools
        self.published += count
        lane = user * 2 + high  # the user's lane of this priority: order is kept per (user, priority)
        for channel in chosen:
            pool = pools[channel]
            lag_slot = channel * partitions + partition
            message = [notification_id, lane, pool, high, now, 0, lag_slot, key, sampled, OK, False, 0]
            if by_user:
                held = pool.held
                if lane in held:  # the lane's previous message is still in progress: wait behind it
                    waiting_behind = held[lane]
                    if waiting_behind is None:
                        held[lane] = deque((message,))
                    else:
                        waiting_behind.append(message)
                    lag[lag_slot] += 1
                    self.waiting += 1
                    continue
                held[lane] = None
            if pool.idle and not pool.paused:
                pool.idle -= 1
                self._start(message, now, True)
            else:
                lag[lag_slot] += 1
                self.waiting += 1
                (pool.high if high else pool.normal).append(message)
        return 202, notification_id

    # -------------------------------------------------------------- workers

    def _start(self, message: list[Any], now: float, fresh: bool = False) -> None:
        """A worker calls the provider for a message (unless the breaker says wait).

        `fresh`: straight from `accept` to an idle worker, never counted on the stream
        (it saves a lag and a queue-depth update each way for most messages). A message
        past its expiry is dropped and the worker takes the next one. While the primary's
        breaker is open, the secondary provider (if any) takes the call.
        """
        pool: _Pool = message[_POOL]
        if self._expiring and not fresh:
            while now >= message[_ACCEPTED] + (self._expiry_high if message[_HIGH] else self._expiry_normal):
                self._expire(message, now)
                queue = pool.high or pool.normal
                if pool.paused or not queue:
                    pool.idle += 1
                    return
                message = queue.popleft()
        probe = False
        via = 0
        provider = pool.provider
        breaker = pool.breaker
        if breaker is not None and breaker.state != CLOSED:
            verdict = breaker.admit(now)
            if verdict < 0:
                secondary = pool.secondary
                backup = pool.secondary_breaker
                if secondary is not None:
                    verdict_b = backup.admit(now) if backup is not None and backup.state != CLOSED else Breaker.PROCEED
                    if verdict_b >= 0:  # failover: the secondary makes this call
                        provider, breaker, via, verdict = secondary, backup, 1, verdict_b
                        pool.failed_over += 1
                if verdict < 0:  # open, or half-open with its probes out: put it back and pause
                    if fresh:  # it joins the stream after all
                        self._lag[message[_LAG_SLOT]] += 1
                        self.waiting += 1
                    (pool.high if message[_HIGH] else pool.normal).appendleft(message)
                    pool.idle += 1
                    if not pool.paused:
                        pool.paused = True
                        assert breaker is not None
                        wake = breaker.open_until if verdict == Breaker.WAIT_OPEN else now + self.config.service_s
                        if via == 0 and backup is not None and backup.state == OPEN:
                            wake = min(wake, backup.open_until)
                        self.engine.schedule_at(max(wake, now), self._wake, pool)
                    return
            probe = verdict == Breaker.PROBE
            if breaker is not None and breaker.state == OPEN and provider.plain:  # Provider.call's own check
                provider.calls_while_open += 1  # (must never happen: measured)
        if fresh:  # taken the moment it was published, never on the stream: a zero wait
            if self._reference:
                self.wait.record(0.0)
            else:
                self.wait.zeros += 1  # Histogram.record(0.0), inlined
        elif not message[_ATTEMPTS]:  # first attempt: the message leaves the stream
            self._lag[message[_LAG_SLOT]] -= 1
            self.waiting -= 1
            self.wait.record(now - message[_ACCEPTED])
        if provider.plain:  # exponential latency, no outage: Provider.call, inlined (never when `reference`)
            provider.calls += 1
            took = -_log1p(-self._random()) * provider.mean_s
            if took > provider.timeout_s:
                took, outcome = provider.timeout_s, TIMEOUT
            elif provider.fail_rate and self._random() < provider.fail_rate:
                outcome = ERROR
            else:
                outcome = OK
        else:
            took = provider.call(now)
            outcome = provider.outcome
        message[_ATTEMPTS] += 1
        message[_VIA] = via
        pool.busy_s += took
        # The common ending (a success on the primary, not a breaker probe) gets its own
        # callback, so nothing needs writing into the message or testing when the call ends.
        callback: Callback
        if outcome == OK and not probe and not via:
            callback = self._delivered_cb
        else:
            message[_OUTCOME] = outcome
            message[_PROBE] = probe
            callback = self._finish_cb
        if self._reference:
            self.engine.schedule(took, callback, message)
        else:  # Engine.schedule, inlined (`now` is the engine's now)
            heappush(self._heap, (now + took, next(self._sequence), callback, message))

    def _take_next(self, pool: _Pool, now: float) -> None:
        """A worker of `pool` is free: take the next ready message, high priority first."""
        if pool.paused:
            pool.idle += 1
            return
        queue = pool.high or pool.normal
        if queue:
            self._start(queue.popleft(), now)
        else:
            pool.idle += 1

    def _wake(self, pool: _Pool) -> None:
        """The breaker's pause is over: idle workers go back to the ready messages."""
        if not pool.paused:
            return
        pool.paused = False
        now = self.engine.now
        high, normal = pool.high, pool.normal
        while pool.idle and not pool.paused and (high or normal):
            pool.idle -= 1
            self._start((high or normal).popleft(), now)

    def _finish(self, message: list[Any]) -> None:
        """A provider call failed, or was a breaker probe: tell the breaker; retry,
        dead-letter or deliver; then the worker takes the next message."""
        now = self.engine.now
        outcome = message[_OUTCOME]
        pool: _Pool = message[_POOL]
        breaker = pool.secondary_breaker if message[_VIA] else pool.breaker
        if breaker is not None:
            self._breaker_record(pool, breaker, message, now)
        if outcome == OK:
            self._delivered_cb(message, True)
            return
        self._failed(message, outcome, now)
        self._take_next(pool, now)

    def _delivered(self, message: list[Any], recorded: bool = False) -> None:
        """A provider call succeeded: deliver; then the worker takes the next message.

        This runs once per channel message, so it inlines the common case of what
        `_delivered_plainly` calls (the reference: `NotificationService(reference=True)`
        runs that instead, and tests/sim/test_sim_fast_path.py checks both give the same run).
        `recorded`: the breaker already counted this call (`_finish`).
        """
        now = self.engine.now
        pool: _Pool = message[_POOL]
        breaker = pool.breaker
        # Breaker.record(now, True, False), inlined: a success counts only while closed.
        if breaker is not None and not recorded and breaker.state == CLOSED:
            if now >= breaker.bucket_end:
                breaker.advance(now)
            breaker.now_calls += 1
        pool.delivered += 1
        latency = now - message[_ACCEPTED]
        # Histogram.record, inlined; the bucket is kept for `completion`.
        # `bucket` ends >= BUCKET_COUNT unless the value went into a regular bucket.
        histogram = self.latency
        histogram.total += latency
        if latency > ZERO_BELOW:
            bucket = _trunc((_log2(latency) - BUCKET_LOG2_LOW) * BUCKETS_PER_LOG2)
            if bucket < BUCKET_COUNT:
                histogram.counts[bucket] += 1
            else:  # beyond the last bucket (a latency of months): the general path
                histogram.total -= latency
                histogram.record(latency)
        else:
            histogram.zeros += 1
            bucket = BUCKET_COUNT
        if message[_SAMPLED] or self._noting:
            self._note_delivery(message, pool, now, latency)
        notification_id = message[_NID]
        left = self._left
        left[notification_id] -= 1
        if not left[notification_id]:  # the notification's last channel: it is done
            if self._bad or bucket >= BUCKET_COUNT:
                self._complete(notification_id, latency)
            else:
                # _complete, inlined for the common case: every channel went well. The
                # completion time is this message's latency, so its bucket is known.
                self._open -= 1
                self._status[notification_id] = self._meta[notification_id] & 15
                completion = self.completion
                completion.total += latency
                completion.counts[bucket] += 1
        if self._by_user:  # _release, inlined: one dict operation when nobody waits
            waiting_behind = pool.held.pop(message[_USER])
            if waiting_behind:
                following = waiting_behind.popleft()
                (pool.high if following[_HIGH] else pool.normal).append(following)
                pool.held[message[_USER]] = waiting_behind  # still in progress: the next one
        self._take_next(pool, now)

    def _delivered_plainly(self, message: list[Any], recorded: bool = False) -> None:
        """`_delivered` through the reference methods (what `reference=True` runs)."""
        now = self.engine.now
        pool: _Pool = message[_POOL]
        if pool.breaker is not None and not recorded:
            pool.breaker.record(now, True, False)
        pool.delivered += 1
        latency = now - message[_ACCEPTED]
        self.latency.record(latency)
        self._note_delivery(message, pool, now, latency)
        self._channel_done(message, latency)
        self._take_next(pool, now)

    def _note_delivery(self, message: list[Any], pool: _Pool, now: float, latency: float) -> None:
        """What a delivery may also do: trace it (tests), log it (sampled), bounce (a later receipt)."""
        if self.trace is not None:
            self._trace_delivery(message)
        if message[_SAMPLED]:
            self._log_span(now, "info", "delivery.sent", message, latency_ms=round(latency * 1000, 3))
        if self._bounce_rate and pool.receipts and self._random() < self._bounce_rate:
            pool.bounced += 1  # the provider took it, then reported a bounce
            self._bad.setdefault(message[_NID], []).append(BOUNCED)

    def _breaker_record(self, pool: _Pool, breaker: Breaker, message: list[Any], now: float) -> None:
        """Tell the breaker of the provider that made the call how it went (any case but a
        success of the primary while closed, which `_delivered` counts inline)."""
        before = breaker.transitions_total
        breaker.record(now, message[_OUTCOME] == OK, message[_PROBE])
        if breaker.transitions_total != before:
            self.log.emit(now, "warn", "breaker." + breaker.state, provider=breaker.name)
            if breaker.state == CLOSED and pool.paused:
                self.engine.schedule_at(now, self._wake, pool)

    def _release(self, message: list[Any]) -> None:
        """The user's message is done: their next waiting message on this channel becomes ready."""
        pool: _Pool = message[_POOL]
        held = pool.held
        user = message[_USER]
        waiting_behind = held[user]
        if waiting_behind:
            following = waiting_behind.popleft()
            (pool.high if following[_HIGH] else pool.normal).append(following)
        else:
            del held[user]

    def _failed(self, message: list[Any], outcome: int, now: float) -> None:
        """Count a failed attempt; schedule its retry, or drop it (expired) or dead-letter it.

        With a retry budget for its priority, a message is retried while the next attempt
        falls within the budget (counted from acceptance); without one, `retries` times.
        A retry that would come after the message's expiry is not made: it expires now.
        """
        kind = "outage" if outcome == OUTAGE else "timeout" if outcome == TIMEOUT else "error"
        self.failures[kind] += 1
        if message[_SAMPLED]:
            self._log_span(now, "warn", "delivery.attempt_failed", message, reason=kind)
        high = message[_HIGH]
        budget = self._budget_high if high else self._budget_normal
        delay = self._backoff(message[_ATTEMPTS])
        at = now + delay
        if at - message[_ACCEPTED] <= budget if budget else message[_ATTEMPTS] <= self.config.retries:
            if at >= message[_ACCEPTED] + (self._expiry_high if high else self._expiry_normal):
                self._expire(message, now)
                return
            self.retries += 1
            self.backing_off += 1
            second = _trunc(at)
            self._retry_seconds[second] = self._retry_seconds.get(second, 0) + 1
            self.engine.schedule_at(at, self._retry, message)
            return
        self.dlq[message[_POOL].index] += 1
        if message[_SAMPLED]:
            self._log_span(now, "error", "delivery.dead_lettered", message)
        self._done_badly(message, FAILED, now)

    def _done_badly(self, message: list[Any], outcome: int, now: float) -> None:
        """A channel message ends without a send (failed, expired): its notification may be done."""
        self._bad.setdefault(message[_NID], []).append(outcome)
        self._channel_done(message, now - message[_ACCEPTED])

    def _channel_done(self, message: list[Any], took: float) -> None:
        """A channel message is done, `took` after its notification was accepted: the
        notification may be complete, and the user's next message on the lane is ready."""
        notification_id = message[_NID]
        self._left[notification_id] -= 1
        if not self._left[notification_id]:
            self._complete(notification_id, took)
        if self._by_user:
            self._release(message)

    def _expire(self, message: list[Any], now: float) -> None:
        """The message is past its expiry: drop it (never sent late)."""
        pool: _Pool = message[_POOL]
        pool.expired += 1
        if not message[_ATTEMPTS]:  # it leaves the stream without a call
            self._lag[message[_LAG_SLOT]] -= 1
            self.waiting -= 1
        if message[_SAMPLED]:
            self._log_span(now, "warn", "delivery.expired", message)
        self._done_badly(message, EXPIRED, now)

    def _suppress(self, notification_id: int, chosen: tuple[int, ...], now: float) -> tuple[int, ...]:
        """Drop the channels whose address is on the suppression list (bounced, complained, dead token)."""
        kept = tuple(channel for channel in chosen if self._random() >= self._suppress_rate)
        if len(kept) != len(chosen):
            bad = self._bad.setdefault(notification_id, [])
            for channel in chosen:
                if channel not in kept:
                    self._pools[channel].suppressed += 1
                    bad.append(SUPPRESSED)
            self._left[notification_id] = len(kept)
            if not kept:
                self._complete(notification_id, 0.0)
        return kept

    def _meta_for(self, chosen: tuple[int, ...]) -> int:
        """The status byte for these channels when all go well, and their number (see `_meta`)."""
        receipts = all(self._pools[channel].receipts for channel in chosen)
        meta = (DELIVERED if receipts else SENT) | len(chosen) << 4
        self._meta_of[chosen] = meta
        return meta

    def _retry(self, message: list[Any]) -> None:
        """The backoff is over: the message goes to the front of the ready queue."""
        self.backing_off -= 1
        pool: _Pool = message[_POOL]
        (pool.high if message[_HIGH] else pool.normal).appendleft(message)
        if pool.idle and not pool.paused:
            pool.idle -= 1
            self._take_next(pool, self.engine.now)

    def _complete(self, notification_id: int, took: float) -> None:
        """All channels of a notification are done, `took` after it was accepted: set its status.

        All well: delivered (sent when a channel gives no receipt, as push). All gone wrong
        the same way: that outcome (bounced, suppressed, expired, failed); mixed: failed.
        Some well and some not: partial.
        """
        self._open -= 1
        meta = self._meta[notification_id]
        bad = self._bad.pop(notification_id, None)
        if not bad:
            status = meta & 15
        elif len(bad) < meta >> 4:
            status = PARTIAL
        else:
            status = bad[0] if bad.count(bad[0]) == len(bad) else FAILED
        self._status[notification_id] = status
        self.completion.record(took)

    def _trace_delivery(self, message: list[Any]) -> None:
        assert self.trace is not None
        user, channel = message[_USER] >> 1, message[_POOL].index
        self.trace.delivered.setdefault((user, channel, message[_HIGH]), []).append(message[_NID])
        counted = (message[_KEY], channel)
        self.trace.deliveries_per_key[counted] = self.trace.deliveries_per_key.get(counted, 0) + 1

    def _backoff(self, attempts: int) -> float:
        """Full jitter: uniform in [0, min(cap, base × 2^(attempt-1))] (AWS's recommendation);
        without jitter, exactly the ceiling (every message that failed together retries together)."""
        base = self.config.backoff_base_s
        if base <= 0:
            return 0.0
        ceiling = min(self.config.backoff_cap_s, base * (1 << min(attempts - 1, 40)))
        return self.rng.random() * ceiling if self.config.jitter else ceiling

    def _log_span(self, now: float, level: str, event: str, message: list[Any], **extra: Any) -> None:
        log, nid = self.log, message[_NID]
        name = self.channels[message[_POOL].index]
        log.emit(now, level, event, traceId=log.trace_id(nid),
                 spanId=log.span_id(nid, name, message[_ATTEMPTS]),
                 parentSpanId=log.span_id(nid, "api", 0), notificationId=nid,
                 userId=f"u{message[_USER] >> 1}", channel=name, attempt=message[_ATTEMPTS], **extra)

    # ------------------------------------------------------------- workload

    def _validate_shape(self, high: bool) -> None:
        """Validate one body of this shape with the API's pydantic model (once per shape)."""
        shape = (self.channels, high)
        if shape in self._validated_shapes:
            return
        body = {
            "idempotencyKey": "00000000-0000-4000-8000-000000000000",
            "userId": "u1",
            "channels": list(self.channels),
            "template": "welcome",
            "data": {"name": "Ana"},
            "priority": "high" if high else "normal",
        }
        NotificationRequest.model_validate(body)
        self._validated_shapes.add(shape)

    def _arrive(self) -> float:
        """The next request of the workload; returns when the one after it comes.

        The arrival stream is the engine's `source`, outside the heap: a push and a
        pop fewer per request, in the same order as a scheduled event.
        """
        now = self.engine.now
        if now >= self._arrivals_until or self.offered >= self._max_offered:
            self._arrivals_open = False
            return math.inf
        random_ = self._random
        self.offered += 1
        key = self.offered
        client = _trunc(random_() * self._clients)
        if self._hot_share and random_() < self._hot_share:
            user = 0  # the hot user
        else:
            user = 1 + _trunc(random_() * self._users)
        high = random_() < self._high_share
        if self._shapes_to_validate and high in self._shapes_to_validate:  # each shape once
            self._validate_shape(high)
            self._shapes_to_validate.discard(high)
        fingerprint = key * 2 + high  # a body is identified by its content; key+priority stand in
        # The channels of the facts' mix: one draw picks a whole subset (see _mix_table).
        chosen = self._mix_subsets[bisect_right(self._mix_points, random_())] if self._mix_subsets else None
        self.accept(client, key, user, high, fingerprint, chosen)
        if self._replays:
            config, engine = self.config, self.engine
            if config.duplicate_rate and random_() < config.duplicate_rate:
                request = (client, key, user, high, fingerprint, chosen)
                engine.schedule(0.2 + 1.8 * random_(), self._replay, request)
            if config.conflict_rate and random_() < config.conflict_rate:
                request = (client, key, user, high, fingerprint ^ 1, chosen)
                engine.schedule(0.2 + 1.8 * random_(), self._replay, request)
        rate = self._peak_rate if self._peak_from <= now < self._peak_to else self._base_rate
        return now - _log1p(-random_()) / rate

    def _replay(self, request: tuple[Any, ...]) -> None:
        """A client retrying a POST (e.g. after its own timeout)."""
        self.offered += 1
        client, key, user, high, fingerprint, chosen = request
        self.accept(client, key, user, high, fingerprint, chosen)

    # ----------------------------------------------------------- quiet hours

    def _hold(self, count: int) -> list[tuple[int, int, tuple[int, ...]]]:
        """Put `count` normal-priority notifications in the scheduled-send store (status deferred)."""
        held = []
        for _ in range(count):
            notification_id = len(self._status)
            user = 1 + _trunc(self._random() * self._users)
            chosen = (self._mix_subsets[bisect_right(self._mix_points, self._random())] if self._mix_subsets
                      else self._all_channels)
            meta = self._meta_of.get(chosen)
            self._meta.append(meta if meta is not None else self._meta_for(chosen))
            self._status.append(DEFERRED)
            self._left.append(len(chosen))
            self._open += 1
            held.append((notification_id, user, chosen))
        return held

    def _release_tick(self, held: list[tuple[int, int, tuple[int, ...]]]) -> None:
        """The scheduler publishes the next batch of held notifications (paced), or all of them."""
        now = self.engine.now
        rate = self.config.release_per_s
        if rate:
            self._release_carry += rate * RELEASE_TICK_S
            batch = int(self._release_carry)
            self._release_carry -= batch
        else:
            batch = len(held)
        start = int(self._release_left)
        for notification_id, user, chosen in held[start:start + batch]:
            self._publish(notification_id, user, chosen, now)
        self._release_left = start + batch
        if self._release_left < len(held):
            self.engine.schedule(RELEASE_TICK_S, self._release_tick, held)
        else:
            self._release_end = now

    def _publish(self, notification_id: int, user: int, chosen: tuple[int, ...], now: float) -> None:
        """Put a released notification on the stream (the relay, for the scheduled-send store).

        Its latency counts from its release: the hold was the user's choice.
        """
        self._status[notification_id] = QUEUED
        partition = (user if self._by_user else notification_id) % self._partitions
        self.published += len(chosen)
        for channel in chosen:
            pool = self._pools[channel]
            lag_slot = channel * self._partitions + partition
            lane = user * 2  # the normal-priority lane
            message = [notification_id, lane, pool, False, now, 0, lag_slot, ("held", notification_id), False,
                       OK, False, 0]
            if self._by_user:
                if lane in pool.held:
                    waiting_behind = pool.held[lane]
                    if waiting_behind is None:
                        pool.held[lane] = deque((message,))
                    else:
                        waiting_behind.append(message)
                    self._lag[lag_slot] += 1
                    self.waiting += 1
                    continue
                pool.held[lane] = None
            if pool.idle and not pool.paused:
                pool.idle -= 1
                self._start(message, now, True)
            else:
                self._lag[lag_slot] += 1
                self.waiting += 1
                pool.normal.append(message)

    def _abuse(self, _: object) -> None:
        config, engine = self.config, self.engine
        now = engine.now
        if now >= config.duration_s:
            return
        self.abusive_offered += 1
        self.offered += 1
        self.accept(ABUSIVE_CLIENT, ("abuse", self.abusive_offered), 1 + int(self.rng.random() * config.users),
                    False, self.abusive_offered)
        engine.schedule(self.rng.expovariate(config.abusive_client_qps), self._abuse, None)

    def _sample(self, _: object) -> None:
        config, series = self.config, self.series
        interval = config.duration_s / config.samples
        series["queue_depth"].add(self.waiting)
        series["dlq_depth"].add(sum(self.dlq))
        lag = max(self._lag)
        self.max_partition_lag = max(self.max_partition_lag, lag)
        series["max_partition_lag"].add(lag)
        calls = sum(provider.calls for provider in self.providers)
        series["calls_per_s"].add((calls - self._calls_mark) / interval)
        series["accepted_per_s"].add((self.accepted - self._accepted_mark) / interval)
        delivered = sum(self.delivered)
        series["delivered_per_s"].add((delivered - self._delivered_mark) / interval)
        self._calls_mark, self._accepted_mark, self._delivered_mark = calls, self.accepted, delivered
        series["saturation"].add(self.in_call / (config.workers * len(self.channels)))
        first = self.breakers[0]
        series["breaker_open"].add(1.0 if first is not None and first.state in (OPEN, HALF_OPEN) else 0.0)
        series["in_flight"].add(self._open)
        if self._arrivals_open or self._open:
            self.engine.schedule(interval, self._sample, None)
        else:
            self._drained_at = self.engine.now

    def run(self) -> ServiceResult:
        """Run the workload for `duration_s`, then let the backlog drain (up to `drain_s`)."""
        config = self.config
        self._clients = config.honest_clients
        self._hot_share, self._users = config.hot_user_share, config.users
        self._high_share = config.high_priority_share
        self._replays = config.duplicate_rate > 0 or config.conflict_rate > 0
        self._base_rate, self._peak_rate = config.qps, config.peak_qps
        self._peak_from, self._peak_to = config.duration_s / 3, 2 * config.duration_s / 3
        self._shapes_to_validate = {False, True}
        self._arrivals_until = config.duration_s
        self._max_offered = config.max_notifications or math.inf
        if config.held:
            self.engine.schedule_at(config.release_at_s, self._release_tick, self._hold(config.held))
        self.engine.set_source(self.engine.now + self.rng.expovariate(config.rate_at(0.0)), self._arrive)
        if config.abusive_client_qps > 0:
            self.engine.schedule(self.rng.expovariate(config.abusive_client_qps), self._abuse, None)
        self.engine.schedule(config.duration_s / config.samples, self._sample, None)
        drain = config.duration_s if config.drain_s is None else config.drain_s
        # The run makes no reference cycles (messages hold numbers, refcounting frees them),
        # so the cyclic GC would only re-scan the live messages and keys, over and over:
        # about a tenth of the run.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self.engine.run(until=config.duration_s + drain)
        finally:
            if collecting:
                gc.enable()
        return self.result()

    @property
    def attempts(self) -> int:
        """Provider calls made (retries included): each provider counts its own."""
        return sum(provider.calls for provider in self.providers)

    @property
    def delivered(self) -> list[int]:
        """Channel messages delivered, per channel."""
        return [pool.delivered for pool in self._pools]

    @property
    def busy_s(self) -> list[float]:
        """Time spent in provider calls, per channel."""
        return [pool.busy_s for pool in self._pools]

    @property
    def in_call(self) -> int:
        """Provider calls under way: every attempt ends delivered or failed, so no counter
        needs updating twice per message."""
        return self.attempts - sum(self.delivered) - sum(self.failures.values())

    def in_flight_messages(self) -> int:
        """Channel messages not yet delivered or dead-lettered, counted from the structures:
        ready to take, waiting behind the same user, in a provider call, or backing off."""
        ready = sum(len(pool.high) + len(pool.normal) for pool in self._pools)
        behind = sum(len(q) for pool in self._pools for q in pool.held.values() if q)
        return ready + behind + self.in_call + self.backing_off

    def result(self) -> ServiceResult:
        statuses = dict.fromkeys(STATUS_NAMES, 0)
        for code in range(len(STATUS_NAMES)):
            statuses[STATUS_NAMES[code]] = self._status.count(code)
        transitions: list[Transition] = []
        for breaker in self.breakers:
            if breaker is not None:
                transitions.extend(breaker.transitions)
        transitions.sort(key=lambda item: item.time_s)
        return ServiceResult(
            config=self.config,
            offered=self.offered,
            accepted=self.accepted,
            replayed=self.replayed,
            conflicts=self.conflicts,
            rate_limited=self.rate_limited,
            rate_limited_abusive=self.rate_limited_abusive,
            throttled=self.throttled,
            abusive_offered=self.abusive_offered,
            published=self.published,
            delivered=dict(zip(self.channels, self.delivered, strict=True)),
            dlq=dict(zip(self.channels, self.dlq, strict=True)),
            in_flight=self.in_flight_messages(),
            attempts=self.attempts,
            retries=self.retries,
            failures=dict(self.failures),
            short_circuited=sum(b.rejected for b in self.breakers if b is not None),
            calls_while_open=sum(p.calls_while_open for p in self.providers),
            transitions=transitions,
            transitions_total=sum(b.transitions_total for b in self.breakers if b is not None),
            statuses=statuses,
            latency=self.latency,
            wait=self.wait,
            completion=self.completion,
            busy_s=dict(zip(self.channels, self.busy_s, strict=True)),
            series=self.series,
            log_lines=list(self.log.lines),
            log_lines_total=self.log.total,
            end_s=self._drained_at if self._drained_at is not None else self.engine.now,
            events=self.engine.events_run,
            max_partition_lag=self.max_partition_lag,
            trace=self.trace,
            expired={name: pool.expired for name, pool in zip(self.channels, self._pools, strict=True)},
            bounced={name: pool.bounced for name, pool in zip(self.channels, self._pools, strict=True)},
            suppressed={name: pool.suppressed for name, pool in zip(self.channels, self._pools, strict=True)},
            failed_over={name: pool.failed_over for name, pool in zip(self.channels, self._pools, strict=True)},
            retries_per_s=dict(sorted(self._retry_seconds.items())),
            held=self.config.held,
            release_end_s=self._release_end,
        )


def _mix_table(mix: tuple[float, ...]) -> tuple[list[float], list[tuple[int, ...]]]:
    """Breakpoints on [0, 1) and the channel subset of each piece, for one uniform draw.

    Channel i covers the arc [s_i, s_i + share_i) of a unit circle, the arcs laid end to
    end: each channel is chosen with exactly its share, and when the shares add up to 1
    or more the arcs cover the circle, so every notification gets a channel. With push
    0.8, email 0.4, SMS 0.02: push only 58 %, push + SMS 2 %, push + email 20 %,
    email only 20 %.
    """
    spans = []
    start = 0.0
    for channel, share in enumerate(mix):
        spans.append((channel, start, share))
        start += share
    cuts = sorted({round(point % 1.0, 12) for _, begin, share in spans for point in (begin, begin + share)} - {0.0})
    edges = [0.0, *cuts, 1.0]
    subsets = []
    for low, high in itertools.pairwise(edges):
        middle = (low + high) / 2
        subsets.append(tuple(channel for channel, begin, share in spans
                             if share >= 1 or (middle - begin) % 1.0 < share))
    return cuts, subsets


def run_service(config: SimConfig, *, reference: bool = False) -> ServiceResult:
    """Run the reference service once with `config` (its seed drives all randomness);
    `reference`: through the reference methods, not their inlined copies (the same run, slower)."""
    service = NotificationService(config, random.Random(config.seed), reference=reference)
    try:
        return service.run()
    finally:
        # The service and its engine refer to each other (bound methods in the heap, the
        # arrival source, the cached callbacks). Break that now so refcounting frees it
        # at once: the cyclic GC is off during runs, so a finished service would
        # otherwise linger until some later collection (and pile up across runs).
        service.engine.heap.clear()
        service.engine.source = None
        del service._finish_cb, service._delivered_cb

