"""The `coach sim --json` objects (DESIGN.md contract) and the SLO verdicts, as plain data."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from coach.sim.mmc import (
    MMCResult,
    erlang_c,
    mmc_mean_wait,
    mmc_response_percentile,
)

if TYPE_CHECKING:
    from coach.content import CostTable
    from coach.i18n import Lang
    from coach.sim.config import SimConfig
    from coach.sim.cost import CostEstimate
    from coach.sim.metrics import Histogram
    from coach.sim.service import ServiceResult


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def latency_ms(histogram: Histogram) -> dict[str, float]:
    """p50/p95/p99/mean/max of a histogram, in milliseconds."""
    return {
        "p50": _ms(histogram.percentile(0.50)),
        "p95": _ms(histogram.percentile(0.95)),
        "p99": _ms(histogram.percentile(0.99)),
        "mean": _ms(histogram.mean),
        "max": _ms(histogram.max),
    }


def parameters(config: SimConfig) -> dict[str, Any]:
    """The run's parameters as JSON (outages as their --outage text: "sms:30:60", or "30:60" for the first channel)."""
    data = asdict(config)
    data["outages"] = [o.text() for o in config.outages]
    data["channel_mix"] = list(config.channel_mix)
    data["channels"] = list(config.channels)
    return data


def costs_for(result: ServiceResult, table: CostTable, lang: Lang) -> CostEstimate:
    """Price a month of this run's design at its average QPS (from the design, not the run's draws)."""
    from coach.sim.cost import estimate_costs

    return estimate_costs(table, lang, result.config)


def cost_json(cost: CostEstimate) -> dict[str, Any]:
    return {
        "currency": cost.currency,
        "as_of": cost.as_of,
        "monthly_total": round(cost.total, 2),
        "per_qps": round(cost.per_qps, 4),
        "per_gb": round(cost.per_gb, 4),
        "per_shard": round(cost.per_shard, 2),
        "shards": cost.shards,
        "gb_per_month": round(cost.gb_per_month, 3),
        "notifications_per_month": round(cost.notifications),
        "kv_writes_per_notification": round(cost.writes_per_notification, 3),
        "sms": (
            {"encoding": cost.sms.encoding, "characters": cost.sms.units, "segments": cost.sms.segments}
            if cost.sms is not None else None
        ),
        "dominant": [line.id for line in cost.ranked()[:3]],
        "items": [
            {"id": line.id, "driver": line.driver, "quantity": line.quantity,
             "monthly": round(line.monthly, 2)}
            for line in cost.lines
        ],
    }


def service_json(result: ServiceResult, scenario: str, cost: CostEstimate | None) -> dict[str, Any]:
    """`coach sim SCENARIO --json` for the full service."""
    config = result.config
    p95 = result.latency.percentile(0.95)
    p99 = result.latency.percentile(0.99)
    breaker_first = [
        {"t": round(t.time_s, 3), "provider": t.provider, "from": t.before, "to": t.after}
        for t in result.transitions[:20]
    ]
    return {
        "scenario": scenario,
        "model": "service",
        "seed": config.seed,
        "parameters": parameters(config),
        "offered": result.offered,
        "accepted": result.accepted,
        "replayed": result.replayed,
        "conflicts": result.conflicts,
        "rate_limited": result.rate_limited + result.rate_limited_abusive,
        "throttled": result.throttled,
        "published": result.published,
        "delivered": result.delivered_total,
        "delivered_by_channel": result.delivered,
        "dlq": result.dlq_total,
        "dlq_by_channel": result.dlq,
        "expired": sum(result.expired.values()),
        "expired_by_channel": result.expired,
        "bounced_by_channel": result.bounced,
        "suppressed_by_channel": result.suppressed,
        "failed_over_by_channel": result.failed_over,
        "peak_retries_per_s": result.peak_retries_per_s,
        "held": result.held,
        "release_end_s": round(result.release_end_s, 3),
        "in_flight": result.in_flight,
        "retries": result.retries,
        "attempts": result.attempts,
        "failures": result.failures,
        "latency_ms": latency_ms(result.latency),
        "wait_ms": {"mean": _ms(result.wait.mean), "p95": _ms(result.wait.percentile(0.95))},
        "completion_ms": latency_ms(result.completion),
        "utilization": round(result.utilization(), 4),
        "throughput_per_s": round(result.throughput, 3),
        "slo": {
            "p95_ms": _ms(config.slo_p95_s), "p99_ms": _ms(config.slo_p99_s),
            "p95_ok": p95 <= config.slo_p95_s, "p99_ok": p99 <= config.slo_p99_s,
        },
        "breaker": {
            "enabled": config.breaker,
            "transitions": result.transitions_total,
            "short_circuited": result.short_circuited,
            "calls_while_open": result.calls_while_open,
            "first_transitions": breaker_first,
        },
        "statuses": result.statuses,
        "max_partition_lag": result.max_partition_lag,
        "series": {
            name: {"interval_s": series.interval_s, "values": [round(v, 3) for v in series.values]}
            for name, series in result.series.items()
        },
        "log_lines_total": result.log_lines_total,
        "log_lines": result.log_lines[:20],
        "cost": cost_json(cost) if cost is not None else None,
        "virtual_end_s": round(result.end_s, 3),
        "events": result.events,
    }


def mmc_expected(result: MMCResult) -> dict[str, float]:
    """Erlang C's answers for the run's λ, μ, c (seconds)."""
    lam, mu, c = result.arrival_rate, result.service_rate, result.servers
    wait = mmc_mean_wait(lam, mu, c)
    return {
        "erlang_c": erlang_c(lam, mu, c),
        "mean_wait_s": wait,
        "mean_response_s": wait + 1 / mu,
        "p95_response_s": mmc_response_percentile(0.95, lam, mu, c),
        "utilization": lam / (c * mu),
    }


def mmc_json(result: MMCResult, scenario: str, seed: int, duration_s: float) -> dict[str, Any]:
    """`coach sim SCENARIO --model mmc --json`: the run, Erlang C, and the relative errors."""
    stable = result.arrival_rate < result.servers * result.service_rate
    expected = mmc_expected(result) if stable else None
    measured = {
        "mean_response_s": result.response.mean,
        "p95_response_s": result.response.percentile(0.95),
        "mean_wait_s": result.wait.mean,
    }
    errors = (
        {key: round(measured[key] / expected[key] - 1, 5) if expected[key] else None for key in measured}
        if expected else None
    )
    return {
        "scenario": scenario,
        "model": "mmc",
        "seed": seed,
        "parameters": {
            "qps": result.arrival_rate, "workers": result.servers,
            "service_ms": _ms(1 / result.service_rate), "duration_s": duration_s,
        },
        "offered": result.arrivals,
        "delivered": result.customers,
        "dlq": 0,
        "retries": 0,
        "latency_ms": latency_ms(result.response),
        "wait_ms": {"mean": _ms(result.wait.mean), "p95": _ms(result.wait.percentile(0.95))},
        "utilization": round(result.utilization, 4),
        "throughput_per_s": round(result.throughput, 3),
        "mean_in_system": round(result.mean_in_system, 4),
        "littles_law_error": round(result.littles_law_error, 6),
        "stable": stable,
        "erlang_c": (
            {key: round(value, 6) for key, value in expected.items()} if expected else None
        ),
        "relative_error": errors,
        "events": result.events,
    }
