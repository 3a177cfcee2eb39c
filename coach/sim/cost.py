"""Monthly cost of a design from the scenario's illustrative price table (per QPS / GB / shard)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.content import CostTable
    from coach.i18n import Lang

SECONDS_PER_MONTH = 86_400 * 30
HOURS_PER_MONTH = 24 * 30
WORKER_MEMORY_GB = 0.128  # memory of one worker invocation, for GB-seconds pricing


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


def shards_needed(peak_qps: float, shard_throughput_qps: float, partitions: int) -> int:
    """Shards: enough to ingest the peak (one record per notification), at least one per partition."""
    return max(partitions, math.ceil(peak_qps / shard_throughput_qps))


def estimate_costs(
    table: CostTable,
    lang: Lang,
    *,
    qps: float,
    event_size_bytes: float,
    channels: tuple[str, ...],
    attempts_per_message: float,
    mean_call_s: float,
    shards: int,
    retention_days: int,
) -> CostEstimate:
    """Price a month at `qps` with each item's driver (requests, GB, invocations, shards ...).

    A `messages` item whose id starts with a channel name (`email.`, `sms.`) is
    priced on that channel's deliveries only, and not at all when the design
    does not use the channel.
    """
    requests = qps * SECONDS_PER_MONTH
    per_channel = requests * attempts_per_message
    invocations = per_channel * len(channels)
    gb_per_day = event_size_bytes * qps * 86_400 / 1e9
    drivers = {
        "requests": requests,  # API calls; per-request pricing (queue, KV writes, stream PUTs)
        "messages": requests * len(channels),
        "invocations": invocations,  # one worker invocation per channel attempt
        "gb_seconds": invocations * mean_call_s * WORKER_MEMORY_GB,
        "volume_gb": gb_per_day * retention_days,  # what sits in storage with this retention
        "shard_hours": shards * HOURS_PER_MONTH,
    }
    lines = []
    for item in table.items:
        quantity = drivers[item.driver]
        prefix = item.id.split(".", 1)[0]
        if item.driver == "messages" and prefix in ("email", "push", "sms"):
            quantity = requests if prefix in channels else 0.0
        lines.append(CostLine(
            id=item.id,
            label=item.label(lang),
            driver=item.driver,
            quantity=quantity,
            unit=item.unit(lang),
            monthly=quantity / item.per * item.price,
        ))
    return CostEstimate(
        currency=table.currency, as_of=table.as_of, note=table.note(lang), qps=qps,
        gb_per_month=gb_per_day * 30, shards=shards, lines=tuple(lines),
    )
