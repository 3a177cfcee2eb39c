"""Monthly cost of a design from the scenario's dated price table.

One cost story for the reference answers, `coach demo` and `coach sim`: a month
is priced from the design's parameters (rate, the facts' channel mix, devices
per push, the SMS text's segments, the writes the design makes, workers,
shards, retention), never from one run's random draws, so the demo and the
simulation give the same figure for the same design.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.content import CostTable
    from coach.i18n import Lang
    from coach.sim.config import SimConfig

SECONDS_PER_MONTH = 86_400 * 30
HOURS_PER_MONTH = 24 * 30
WORKER_MEMORY_GB = 0.128  # memory of one function invocation, for GB-seconds pricing (older tables)
RECEIPT_CHANNELS = ("email", "sms")  # providers that report delivered/bounced (push only accepts)

# GSM 03.38: the basic alphabet (one 7-bit unit each) and its extension table (two units).
# Spanish á, í, ó, ú and Á, Í, Ó, Ú are not in it: one of them turns the whole SMS into UCS-2.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")


@dataclass(frozen=True)
class SmsSegments:
    """How an SMS text is billed: its encoding, length in that encoding's units, and segments."""

    encoding: str  # "GSM-7" or "UCS-2"
    units: int
    segments: int
    per_segment: int  # characters in one segment (160 or 70); a longer text uses 153 or 67 per part


def sms_segments(text: str) -> SmsSegments:
    """Segments of one SMS: GSM-7 fits 160 characters (153 per part when split), UCS-2 70 (67)."""
    if all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text):
        units = sum(2 if char in GSM7_EXTENSION else 1 for char in text)
        single, part, encoding = 160, 153, "GSM-7"
    else:
        units = sum(2 if ord(char) > 0xFFFF else 1 for char in text)  # UTF-16 code units
        single, part, encoding = 70, 67, "UCS-2"
    segments = 1 if units <= single else math.ceil(units / part)
    return SmsSegments(encoding, units, segments, single)


@dataclass(frozen=True)
class CostLine:
    """One priced item: how much of its driver a month uses, and what that costs."""

    id: str
    label: str
    driver: str
    quantity: float  # of the driver, per month
    unit: str
    monthly: float


@dataclass(frozen=True)
class CostEstimate:
    """A month of the design at a steady QPS."""

    currency: str
    as_of: str
    note: str
    qps: float
    gb_per_month: float
    shards: int
    lines: tuple[CostLine, ...]
    notifications: float = 0.0  # a month
    writes_per_notification: float = 0.0
    sms: SmsSegments | None = None

    @property
    def total(self) -> float:
        return sum(line.monthly for line in self.lines)

    @property
    def per_qps(self) -> float:
        """Monthly cost of each request per second sustained."""
        return self.total / self.qps if self.qps else 0.0

    @property
    def per_gb(self) -> float:
        """Monthly cost divided by the GB ingested that month."""
        return self.total / self.gb_per_month if self.gb_per_month else 0.0

    @property
    def per_shard(self) -> float:
        """Monthly cost of one shard (the shard-hour items)."""
        shard_cost = sum(line.monthly for line in self.lines if line.driver == "shard_hours")
        return shard_cost / self.shards if self.shards else 0.0

    def ranked(self) -> list[CostLine]:
        """The items, most expensive first: what dominates the bill."""
        return sorted(self.lines, key=lambda line: line.monthly, reverse=True)


def shards_needed(peak_qps: float, shard_throughput_qps: float, partitions: int) -> int:
    """Shards: enough to ingest the peak (one record per notification), at least one per partition."""
    return max(partitions, math.ceil(peak_qps / shard_throughput_qps))


def writes_per_notification(config: SimConfig) -> float:
    """Key-value writes the design makes per notification (expected values).

    2 at acceptance (the conditional put keyed by (caller, idempotency key) and the
    outbox row, in one write), then per channel message: 1 when it is routed, 1 per
    provider call (sent or failed; 1/(1 - fail rate) calls on average) and 1 for the
    provider's receipt (delivered or bounced) on email and SMS.
    """
    mix = _mix(config)
    calls = 1 / (1 - config.fail_rate) if config.fail_rate < 1 else float(config.retries + 1)
    per_message = sum(share * (1 + calls + (1 if channel in RECEIPT_CHANNELS else 0))
                      for channel, share in mix.items())
    return 2 + per_message


def _mix(config: SimConfig) -> dict[str, float]:
    if config.channel_mix:
        return dict(zip(config.channels, config.channel_mix, strict=True))
    return dict.fromkeys(config.channels, 1.0)


def estimate_costs(table: CostTable, lang: Lang, config: SimConfig) -> CostEstimate:
    """Price a month of `config`'s design at its average QPS with each item's driver.

    A `messages` item whose id starts with a channel name (`email.`, `push.`) is priced
    on that channel's messages only (push: one per device), and not at all when the
    design does not use the channel; `sms_segments` prices SMS per segment of the
    table's `sms_sample`.
    """
    notifications = config.qps * SECONDS_PER_MONTH
    mix = _mix(config)
    messages = {channel: notifications * share for channel, share in mix.items()}
    if "push" in messages:
        messages["push"] *= config.push_devices
    sms = sms_segments(table.sms_sample) if table.sms_sample else SmsSegments("GSM-7", 0, 1, 160)
    writes = writes_per_notification(config)
    calls = sum(messages.values()) / (1 - config.fail_rate) if config.fail_rate < 1 else 0.0
    gb_per_day = config.event_size_bytes * config.qps * 86_400 / 1e9
    shards = shards_needed(config.peak_qps, config.shard_throughput_qps, config.partitions)
    drivers = {
        "requests": notifications,  # records on the stream (one per notification, from the outbox)
        "messages": sum(messages.values()),
        "sms_segments": messages.get("sms", 0.0) * sms.segments,
        "kv_writes": notifications * writes,
        "worker_hours": config.workers * len(config.channels) * HOURS_PER_MONTH,
        "invocations": calls,  # (older tables that price functions: one invocation per call)
        "gb_seconds": calls * config.service_s * WORKER_MEMORY_GB,
        "volume_gb": gb_per_day * config.retention_days,  # what sits in storage with this retention
        "shard_hours": shards * HOURS_PER_MONTH,
    }
    lines = []
    for item in table.items:
        quantity = drivers[item.driver]
        prefix = item.id.split(".", 1)[0]
        if item.driver == "messages" and prefix in ("email", "push", "sms"):
            quantity = messages.get(prefix, 0.0)
        lines.append(CostLine(
            id=item.id,
            label=item.label(lang),
            driver=item.driver,
            quantity=quantity,
            unit=item.unit(lang),
            monthly=quantity / item.per * item.price,
        ))
    return CostEstimate(
        currency=table.currency, as_of=table.as_of, note=table.note(lang), qps=config.qps,
        gb_per_month=gb_per_day * 30, shards=shards, lines=tuple(lines), notifications=notifications,
        writes_per_notification=writes, sms=sms if table.sms_sample else None,
    )
