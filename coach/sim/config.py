"""The parameters of one simulation run, built from the scenario's `[simulation]` defaults."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, Literal

from coach.errors import CoachError
from coach.messages import problem

if TYPE_CHECKING:
    from coach.content import SimulationDefaults

Channel = Literal["email", "push", "sms"]
CHANNELS: tuple[Channel, ...] = ("email", "push", "sms")
ServiceDist = Literal["exp", "const", "lognormal"]
# The engine keeps state per partition (1e9 partitions needed 7 GB); workers cost nothing each.
MAX_PARTITIONS = 100_000
MAX_WORKERS = 1_000_000_000
LOGNORMAL_SIGMA = 0.8  # spread of the lognormal provider latency (a heavy but realistic tail)


@dataclass(frozen=True)
class Outage:
    """A window of virtual time when a provider answers only errors.

    `channel` names the channel whose provider fails ("" means the first
    channel, the old `START:LEN` form); `secondary` makes it the channel's
    secondary provider instead of its primary.
    """

    start_s: float
    length_s: float
    channel: str = ""
    secondary: bool = False

    def covers(self, time_s: float) -> bool:
        return self.start_s <= time_s < self.start_s + self.length_s

    def hits(self, channel: str, first: str, secondary: bool) -> bool:
        """Whether this outage is on that provider (a channel's primary or secondary)."""
        return (self.channel or first) == channel and self.secondary == secondary

    def text(self) -> str:
        """The `--outage` form that gives this outage back."""
        if not self.channel and not self.secondary:
            return f"{self.start_s:g}:{self.length_s:g}"
        name = self.channel + ("-secondary" if self.secondary else "")
        return f"{name}:{self.start_s:g}:{self.length_s:g}"


@dataclass(frozen=True)
class SimConfig:
    """Everything one run of the reference service depends on (times in seconds)."""

    qps: float = 200.0
    peak_factor: float = 1.0  # arrival rate is qps × peak_factor during the middle third of the run
    duration_s: float = 60.0
    channels: tuple[Channel, ...] = ("email", "push")
    workers: int = 16  # per channel
    partitions: int = 16
    service_s: float = 0.05  # mean provider latency
    service_dist: ServiceDist = "exp"
    fail_rate: float = 0.0
    # Share of notifications that use each channel, in `channels` order (push 0.8, email 0.4,
    # SMS 0.02 in the facts); () sends every notification on every channel. Shares summing to
    # at least 1 give every notification at least one channel.
    channel_mix: tuple[float, ...] = ()
    push_devices: int = 1  # devices per push (up to 3 in the facts): provider sends and cost, not calls here
    outages: tuple[Outage, ...] = ()  # on a channel's primary (or secondary) provider
    outage_error_s: float = 0.005  # during an outage the provider answers 503 this fast
    timeout_s: float = 1.0
    retries: int = 3  # after the first attempt
    backoff_base_s: float = 0.1  # 0 means immediate retries
    backoff_cap_s: float = 10.0
    jitter: bool = True  # False: exponential backoff without jitter (retries move in lock-step)
    # A time budget for retries per priority (0: only `retries` limits them). With a budget,
    # a message is retried until that long after it was accepted, whatever the count.
    retry_budget_high_s: float = 0.0
    retry_budget_normal_s: float = 0.0
    # Expiry per notification, per priority (0: never). A message not sent by then is dropped
    # as `expired`: a stale verification code is worse than none.
    expiry_high_s: float = 0.0
    expiry_normal_s: float = 0.0
    breaker: bool = True
    # The breaker opens when, over the last `breaker_window_s`, at least `breaker_min_calls`
    # calls were made and at least `breaker_error_rate` of them failed.
    breaker_window_s: float = 10.0
    breaker_min_calls: int = 20
    breaker_error_rate: float = 0.5
    breaker_open_s: float = 5.0
    breaker_half_open_calls: int = 1
    failover: bool = False  # a secondary provider per channel takes the calls while the breaker is open
    bounce_rate: float = 0.0  # share of email and SMS sends the provider later reports bounced
    suppressed_rate: float = 0.0  # share of channel messages to an address on the suppression list
    # Quiet hours: `held` normal-priority notifications wait in the scheduled-send store and are
    # released from `release_at_s` at `release_per_s` (0: all at once, the unpaced release).
    held: int = 0
    release_per_s: float = 0.0
    release_at_s: float = 0.0
    dedupe: bool = True
    idempotency_ttl_s: float = 86_400.0
    rate_limit_per_client_qps: float = 100.0
    rate_limit_burst: int = 200
    clients: int = 0  # 0: enough that honest clients use at most half their limit at peak
    abusive_client_qps: float = 0.0  # one extra client sending this many requests per second
    duplicate_rate: float = 0.0  # share of requests the client replays (same key, same body)
    conflict_rate: float = 0.0  # share replayed with the same key and a different body
    partition_by_user: bool = True  # False: round-robin, per-user order is lost
    users: int = 100_000
    hot_user_share: float = 0.0  # share of all traffic from one user (a hot key)
    high_priority_share: float = 0.1
    event_size_bytes: int = 1_000
    retention_days: int = 30
    api_s: float = 0.003  # accept latency of the API (validate, dedupe, publish)
    shard_throughput_qps: float = 1_000.0
    slo_p95_s: float = 1.0
    slo_p99_s: float = 2.0
    log_sample_rate: float = 0.01
    max_log_lines: int = 200
    max_notifications: int = 0  # stop arrivals after this many (0: only duration_s counts)
    drain_s: float | None = None  # after arrivals stop, run this long to drain (None: duration_s)
    samples: int = 60  # points of each gauge over time
    trace: bool = False  # record per-user delivery order and per-key deliveries (tests)
    seed: int = 42

    @classmethod
    def from_defaults(cls, defaults: SimulationDefaults, **overrides: Any) -> SimConfig:
        """The scenario's reference design, with some parameters replaced."""
        base = cls(
            qps=defaults.qps,
            peak_factor=defaults.peak_factor,
            duration_s=defaults.duration_s,
            channels=tuple(defaults.channels),
            workers=defaults.workers_per_channel,
            partitions=defaults.partitions,
            service_s=defaults.service_ms / 1000,
            service_dist=defaults.service_dist,
            fail_rate=defaults.fail_rate,
            channel_mix=tuple(defaults.channel_mix.get(name, 0.0) for name in defaults.channels)
            if defaults.channel_mix else (),
            push_devices=defaults.push_devices,
            timeout_s=defaults.timeout_ms / 1000,
            retries=defaults.retries,
            backoff_base_s=defaults.backoff_base_ms / 1000,
            backoff_cap_s=defaults.backoff_cap_ms / 1000,
            retry_budget_high_s=defaults.retry_budget_high_s,
            retry_budget_normal_s=defaults.retry_budget_normal_s,
            expiry_high_s=defaults.expiry_high_s,
            expiry_normal_s=defaults.expiry_normal_s,
            breaker_window_s=defaults.breaker_window_s,
            breaker_min_calls=defaults.breaker_min_calls,
            breaker_error_rate=defaults.breaker_error_rate,
            failover=defaults.failover,
            bounce_rate=defaults.bounce_rate,
            suppressed_rate=defaults.suppressed_rate,
            breaker_open_s=defaults.breaker_open_s,
            breaker_half_open_calls=defaults.breaker_half_open_calls,
            idempotency_ttl_s=defaults.idempotency_ttl_s,
            rate_limit_per_client_qps=defaults.rate_limit_per_client_qps,
            rate_limit_burst=defaults.rate_limit_burst,
            event_size_bytes=defaults.event_size_bytes,
            retention_days=defaults.retention_days,
            users=defaults.users,
            high_priority_share=defaults.high_priority_share,
            slo_p95_s=defaults.slo_p95_ms / 1000,
            slo_p99_s=defaults.slo_p99_ms / 1000,
            log_sample_rate=defaults.log_sample_rate,
            shard_throughput_qps=defaults.shard_throughput_qps,
            seed=defaults.seed,
        )
        return base.with_(**overrides)

    def with_(self, **overrides: Any) -> SimConfig:
        """A copy with some fields replaced, validated."""
        known = {f.name for f in fields(self)}
        unknown = [name for name in overrides if name not in known]
        if unknown:
            raise TypeError(f"unknown simulation parameter {unknown[0]!r}")
        if "channels" in overrides and "channel_mix" not in overrides and self.channel_mix:
            # Another set of channels: the mix was per channel of the old set. Keep the shares of
            # the channels still there if they still cover every notification, else send each
            # notification on every channel of the new set.
            shares = dict(zip(self.channels, self.channel_mix, strict=True))
            kept = tuple(shares.get(name, 0.0) for name in overrides["channels"])
            overrides["channel_mix"] = kept if sum(kept) >= 1 and len(kept) > 1 else ()
        config = replace(self, **overrides)
        config.validate()
        return config

    @property
    def peak_qps(self) -> float:
        return self.qps * self.peak_factor

    @property
    def honest_clients(self) -> int:
        if self.clients:
            return self.clients
        return max(1, math.ceil(self.peak_qps / (0.5 * self.rate_limit_per_client_qps)))

    def rate_at(self, time_s: float) -> float:
        """Offered arrival rate at a time: the peak sits in the middle third of the run."""
        third = self.duration_s / 3
        return self.peak_qps if third <= time_s < 2 * third else self.qps

    @property
    def expected_offered(self) -> float:
        third = self.duration_s / 3
        return 2 * third * self.qps + third * self.peak_qps

    def validate(self) -> None:
        """Raise a CoachError naming the flag for every value that makes no sense."""
        problems: list[str] = []

        def check(ok: bool, line: str) -> None:
            if not ok:
                problems.append(line)

        def at_least(value: float, least: int, flag: str) -> None:
            check(value >= least, problem("sim.at_least", flag=flag, least=least, value=f"{value:g}"))

        def within_one(value: float, flag: str) -> None:
            check(0 <= value <= 1, problem("sim.share", flag=flag, value=f"{value:g}"))

        check(self.qps > 0 and math.isfinite(self.qps), problem("sim.positive", flag="--qps", value=f"{self.qps:g}"))
        at_least(self.peak_factor, 1, "--peak")
        check(0 < self.duration_s <= 1e7, problem("sim.positive_s", flag="--duration", value=f"{self.duration_s:g}"))
        check(len(self.channels) > 0, problem("sim.no_channel", flag="--channels"))
        check(len(set(self.channels)) == len(self.channels), problem("sim.channel_twice", flag="--channels"))
        check(all(c in CHANNELS for c in self.channels), problem("sim.channel_names", flag="--channels"))
        for flag, value, top in (("--workers", self.workers, MAX_WORKERS), ("--partitions", self.partitions, MAX_PARTITIONS)):
            if not 1 <= value <= top:
                problems.append(problem("sim.out_of_range", flag=flag, value=value, numbers={"top": top}))
        check(self.service_s > 0, problem("sim.positive", flag="--service-ms", value=f"{self.service_s * 1000:g}"))
        check(self.service_dist in ("exp", "const", "lognormal"),
              problem("sim.service_dist", flag="--service-dist", value=self.service_dist))
        within_one(self.fail_rate, "--fail-rate")
        check(self.timeout_s > 0, problem("sim.positive", flag="--timeout-ms", value=f"{self.timeout_s * 1000:g}"))
        at_least(self.retries, 0, "--retries")
        at_least(self.backoff_base_s * 1000, 0, "--backoff-ms")
        check(self.backoff_cap_s >= self.backoff_base_s, problem("sim.backoff_cap", flag="--backoff-ms"))
        check(self.breaker_window_s > 0, problem("sim.positive_bare", flag="breaker_window_s"))
        check(self.breaker_min_calls >= 1, problem("sim.at_least_bare", flag="breaker_min_calls", least=1))
        check(0 < self.breaker_error_rate <= 1, problem("sim.error_rate", flag="breaker_error_rate"))
        check(not self.channel_mix or len(self.channel_mix) == len(self.channels),
              problem("sim.mix_per_channel", flag="channel_mix"))
        check(all(0 <= share <= 1 for share in self.channel_mix), problem("sim.mix_share", flag="channel_mix"))
        check(not self.channel_mix or sum(self.channel_mix) >= 1 - 1e-9, problem("sim.mix_sum", flag="channel_mix"))
        for name in ("retry_budget_high_s", "retry_budget_normal_s", "expiry_high_s", "expiry_normal_s",
                     "release_per_s", "release_at_s"):
            at_least(getattr(self, name), 0, name)
        at_least(self.push_devices, 1, "push_devices")
        at_least(self.held, 0, "held")
        check(self.breaker_open_s > 0, problem("sim.positive_bare", flag="breaker_open_s"))
        check(self.breaker_half_open_calls >= 1, problem("sim.at_least_bare", flag="breaker_half_open_calls", least=1))
        for outage in self.outages:
            check(outage.start_s >= 0 and outage.length_s > 0, problem(
                "sim.outage_window", flag="--outage", start=f"{outage.start_s:g}", length=f"{outage.length_s:g}"))
            check(not outage.channel or outage.channel in self.channels, problem(
                "sim.outage_channel", flag="--outage", channel=outage.channel, channels=", ".join(self.channels)))
        for name in ("bounce_rate", "suppressed_rate", "duplicate_rate", "conflict_rate", "hot_user_share", "high_priority_share",
                     "log_sample_rate"):
            within_one(getattr(self, name), "--log-sample" if name == "log_sample_rate" else name)
        check(self.users >= 1, problem("sim.at_least_bare", flag="users", least=1))
        check(self.rate_limit_per_client_qps > 0 and self.rate_limit_burst >= 1, problem("sim.rate_limit", flag="rate limit"))
        check(self.samples >= 2, problem("sim.at_least_bare", flag="samples", least=2))
        if problems:
            raise CoachError(*problems)


_OUTAGE_RE = re.compile(
    r"^\s*(?:(email|push|sms)(-secondary)?\s*:)?\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$", re.IGNORECASE
)


def parse_outage(text: str) -> Outage:
    """`CHANNEL:START:DURATION` in seconds (`sms:30:60`: the SMS provider fails from t=30 s
    for 60 s); `CHANNEL-secondary:...` takes down the channel's secondary provider; the old
    `START:LEN` form is the first channel's provider."""
    match = _OUTAGE_RE.match(text)
    if not match:
        raise CoachError(problem("sim.outage_format", text=text))
    outage = Outage(float(match[3]), float(match[4]), (match[1] or "").lower(), bool(match[2]))
    if outage.length_s <= 0:
        raise CoachError(problem("sim.outage_duration", text=text))
    return outage
