"""One demonstration per framework step: run the reference service and explain what it shows.

Each `run_demo` returns data (figures, a table, log lines) and an explanation in
the requested language that cites the run's own numbers; the CLI and the
session render it. Runs are scaled (one channel, tens of seconds of simulated
time) so each demo takes well under a second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.errors import UnknownIdError
from coach.formatting import compact, decimal, general, money, percent
from coach.messages import problem, t
from coach.sim.config import Outage, SimConfig
from coach.sim.service import NotificationService, ServiceResult, run_service

if TYPE_CHECKING:
    from collections.abc import Callable

    from coach.content import Bundle, SimulationDefaults
    from coach.i18n import Lang

DEMO_STEPS: tuple[str, ...] = (
    "requirements", "estimates", "api", "architecture", "consistency",
    "scaling", "failures", "observability", "security",
)


@dataclass(frozen=True)
class DemoFigure:
    """One number the demo shows."""

    key: str
    label: str
    value: float
    unit: str


@dataclass(frozen=True)
class Demo:
    """A step's demonstration, in one language."""

    step: str
    title: str
    explanation: str
    figures: tuple[DemoFigure, ...]
    table: tuple[tuple[str, ...], ...] = ()  # first row is the header
    log_lines: tuple[str, ...] = ()


def run_demo(content: Bundle, step: str, lang: Lang, seed: int | None = None) -> Demo:
    """Run the demonstration of `step` (one of the nine framework steps) on the scenario's defaults."""
    if step not in _DEMOS:
        raise UnknownIdError(problem("demo.no_demo", step=step, steps=", ".join(DEMO_STEPS)))
    defaults = content.scenario.simulation
    if defaults is None:
        raise UnknownIdError(problem("demo.no_simulation", scenario=content.scenario.id))
    run_seed = defaults.seed if seed is None else seed
    base = SimConfig.from_defaults(defaults, seed=run_seed, log_sample_rate=0.0, samples=30)
    return _DEMOS[step](_Context(content, defaults, base, lang))


@dataclass(frozen=True)
class _Context:
    content: Bundle
    defaults: SimulationDefaults
    base: SimConfig
    lang: Lang

    def t(self, key: str, **values: object) -> str:
        """The catalog message `key` (coach/messages.py) in the demo's language."""
        return t(key, self.lang, **values)

    # Numbers in the demo's language (coach.formatting): 2.500,5 in Spanish, 2,500.5 in English.

    def n(self, value: float) -> str:
        """A whole number with thousands separators: 86.400 / 86,400."""
        return decimal(value, self.lang)

    def fixed(self, value: float, digits: int, *, grouped: bool = False) -> str:
        """`digits` after the decimal mark; English groups thousands only when `grouped` (as it always did)."""
        return decimal(value, self.lang, digits, grouping=grouped or self.lang == "es")

    def g(self, value: float) -> str:
        """Digits that mean something, like `:g`: 100, 2,5 / 2.5."""
        return general(value, self.lang)

    def percent(self, ratio: float, digits: int = 0, *, sign: bool = False) -> str:
        """5 % / 5%."""
        return percent(ratio, self.lang, digits, sign=sign)

    def pct(self, ratio: float) -> str:
        """A percentage with a decimal only below 10 %: 85 %, 2,5 %."""
        return self.percent(ratio, 0 if ratio >= 0.1 else 1)

    def big(self, value: float) -> str:
        """A large count, at most two decimals: 8,64 M / 8.64M, 20 mil / 20k."""
        return self.n(value) if abs(value) < 1000 else compact(value, self.lang, fraction_digits=2)

    def money(self, value: float, currency: str, digits: int = 0) -> str:
        """26.698 USD / 26,698 USD."""
        return money(value, currency, self.lang, digits)

    def dur(self, seconds: float) -> str:
        """A duration the way an engineer says it: 83 ms, 1,2 s / 1.2 s, 95 s, 24 h."""
        if seconds >= 3600 and seconds % 3600 == 0:
            return f"{self.n(seconds / 3600)} h"
        if seconds >= 10:
            return f"{self.n(seconds)} s"
        if seconds >= 1:
            return f"{self.fixed(seconds, 1)} s"
        if seconds >= 0.01:
            return f"{self.fixed(seconds * 1000, 0)} ms"
        return f"{self.fixed(seconds * 1000, 1)} ms"


# ------------------------------------------------------------------ format


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _peak_config(ctx: _Context, **overrides: object) -> SimConfig:
    """The reference design at its peak, one channel: what sizing is about."""
    base = ctx.base
    settings: dict[str, object] = {
        "qps": base.peak_qps, "peak_factor": 1.0, "channels": base.channels[:1], "duration_s": 10.0,
    }
    settings.update(overrides)
    return base.with_(**settings)


# ----------------------------------------------------------- requirements


def _requirements(ctx: _Context) -> Demo:
    import random

    from coach.sim.mmc import mmc_response_percentile, simulate_mmc

    base = ctx.base
    rate, service_rate = base.peak_qps, 1 / base.service_s
    busy = rate * base.service_s  # workers busy on average (Little's law)
    sizes = sorted({math.floor(busy) + 1} | {math.ceil(busy * f) for f in (1.05, 1.1, 1.25)} | {base.workers})
    strict_p99 = max(0.05, round(base.service_s * 6, 2))  # a tight target: ~6 mean service times
    customers = min(60_000, max(20_000, round(rate * 60)))
    rows: list[tuple[str, ...]] = [(
        "workers", ctx.t("demo.requirements.utilization"), ctx.t("demo.requirements.p99_theory"),
        ctx.t("demo.requirements.p99_simulated"), f"p99 ≤ {ctx.dur(base.slo_p99_s)}", f"p99 ≤ {ctx.dur(strict_p99)}",
    )]
    meets_strict: int | None = None
    theory_at: dict[int, float] = {}
    for workers in sizes:
        theory = mmc_response_percentile(0.99, rate, service_rate, workers)
        theory_at[workers] = theory
        run = simulate_mmc(rate, base.service_s, workers, customers=customers, rng=random.Random(base.seed))
        simulated = run.response.percentile(0.99)
        if theory <= strict_p99 and meets_strict is None:
            meets_strict = workers
        rows.append((
            str(workers), ctx.pct(rate / (workers * service_rate)), ctx.dur(theory), ctx.dur(simulated),
            "✓" if theory <= base.slo_p99_s else "✗", "✓" if theory <= strict_p99 else "✗",
        ))
    first = sizes[0]
    figures = (
        DemoFigure("peak_qps", ctx.t("demo.requirements.peak_qps"), rate, "req/s"),
        DemoFigure("busy_workers", ctx.t("demo.requirements.busy_workers_on_average_qps"), round(busy, 1), ""),
        DemoFigure("slo_p99_ms", ctx.t("demo.requirements.scenario_p99_target"),
                   _ms(base.slo_p99_s), "ms"),
        DemoFigure("strict_p99_ms", ctx.t("demo.requirements.strict_p99_target"), _ms(strict_p99), "ms"),
        DemoFigure("workers_for_strict", ctx.t("demo.requirements.workers_meeting_the_strict_one"),
                   float(meets_strict or 0), ""),
        DemoFigure("p99_at_min_ms", ctx.t("demo.requirements.p99_with_workers", first=first),
                   _ms(theory_at[first]), "ms"),
    )
    strict = (ctx.t("demo.requirements.strict_needs", strict=ctx.dur(strict_p99), meets=meets_strict) if meets_strict
              else ctx.t("demo.requirements.strict_none", strict=ctx.dur(strict_p99), largest=sizes[-1]))
    explanation = ctx.t("demo.requirements.explanation", peak_rate=ctx.g(rate), service_s=ctx.dur(base.service_s), busy=ctx.fixed(busy, 0), first=first, utilization=ctx.pct(rate / (first * service_rate)), p99_first=ctx.dur(theory_at[first]), slo_p99_s=ctx.dur(base.slo_p99_s), strict=strict)
    return Demo("requirements", ctx.t("demo.requirements.title"),
                explanation, figures, tuple(rows))


# -------------------------------------------------------------- estimates


def _estimates(ctx: _Context) -> Demo:
    base = ctx.base
    config = base.with_(peak_factor=1.0, channels=base.channels[:1], duration_s=30.0)
    result = run_service(config)
    measured_qps = result.accepted / config.duration_s
    per_day = base.qps * 86_400
    measured_per_day = measured_qps * 86_400
    bytes_per_day = base.event_size_bytes * base.qps * 86_400
    retained = bytes_per_day * base.retention_days
    day_s = ctx.n(86_400)
    figures = (
        DemoFigure("qps", ctx.t("demo.estimates.scenario_average_qps"), base.qps, "req/s"),
        DemoFigure("measured_qps", ctx.t("demo.estimates.qps_measured_in_the_run"),
                   round(measured_qps, 2), "req/s"),
        DemoFigure("per_day", ctx.t("demo.estimates.notifications_a_day_qps", day_s=day_s),
                   per_day, ctx.t("demo.estimates.day")),
        DemoFigure("gb_per_day", ctx.t("demo.estimates.gb_a_day_size_qps", day_s=day_s),
                   round(bytes_per_day / 1e9, 3), "GB"),
        DemoFigure("retained_gb", ctx.t("demo.estimates.stored_with_days_of_retention", retention_days=base.retention_days),
                   round(retained / 1e9, 1), "GB"),
        DemoFigure("peak_qps", ctx.t("demo.requirements.peak_qps"), base.peak_qps, "req/s"),
    )
    rows = (
        (ctx.t("demo.estimates.calculation"), ctx.t("demo.estimates.formula"), ctx.t("demo.estimates.result")),
        (ctx.t("demo.estimates.daily_volume"), f"{ctx.g(base.qps)} × {day_s}", ctx.big(per_day)),
        (ctx.t("demo.estimates.measured"), f"{ctx.fixed(measured_qps, 1)} × {day_s}", ctx.big(measured_per_day)),
        (ctx.t("demo.estimates.bytes_a_day"), f"{ctx.n(base.event_size_bytes)} B × {ctx.g(base.qps)} × {day_s}",
         f"{ctx.fixed(bytes_per_day / 1e9, 2)} GB"),
        (ctx.t("demo.estimates.retention"), f"× {base.retention_days}", f"{ctx.n(retained / 1e9)} GB"),
        (ctx.t("demo.estimates.peak"), f"{ctx.g(base.qps)} × {ctx.g(base.peak_factor)}", f"{ctx.g(base.peak_qps)} req/s"),
    )
    explanation = ctx.t("demo.estimates.explanation", qps=ctx.g(base.qps), accepted=ctx.n(result.accepted), duration_s=ctx.g(config.duration_s), measured_qps=ctx.fixed(measured_qps, 1), measured_per_day=ctx.big(measured_per_day), per_day=ctx.big(per_day), day_s=day_s, event_size_bytes=ctx.n(base.event_size_bytes), kb=ctx.n(1000), gb_per_day=ctx.fixed(bytes_per_day / 1e9, 2), gb_retained=ctx.n(retained / 1e9), retention_days=base.retention_days, peak_factor=ctx.g(base.peak_factor), peak_qps=ctx.g(base.peak_qps))
    return Demo("estimates", ctx.t("demo.estimates.title"),
                explanation, figures, rows)


# -------------------------------------------------------------------- api


def _api(ctx: _Context) -> Demo:
    base = ctx.base
    config = base.with_(qps=1.0, duration_s=1.0, fail_rate=0.0, channels=base.channels)
    service = NotificationService(config)
    body = {
        "idempotencyKey": "3f1c2a9e-6b1d-4c55-9a0e-1d2b3c4d5e6f",
        "userId": "u123",
        "channels": list(config.channels),
        "template": "welcome",
        "data": {"name": "Ana"},
        "priority": "high",
    }
    first = service.post(body)
    replay = service.post(body)
    conflict = service.post({**body, "template": "password_reset"})
    invalid = service.post({**body, "idempotencyKey": "k-2", "channels": ["fax"]})
    service.engine.run()
    notification_id = int(first.body["id"])
    status = service.get_status(notification_id)
    deliveries = sum(service.delivered)
    rows = (
        (ctx.t("demo.api.request"), "HTTP", ctx.t("demo.api.response")),
        ("POST /notifications", str(first.status_code), f"id={first.body.get('id')}"),
        (ctx.t("demo.api.post_replayed_same_key_and"),
         str(replay.status_code), f"id={replay.body.get('id')}"),
        (ctx.t("demo.api.post_same_key_other_body"),
         str(conflict.status_code), str(conflict.body.get("error", ""))),
        (ctx.t("demo.api.post_unknown_channel"), str(invalid.status_code),
         str(invalid.body.get("error", ""))),
        (f"GET /notifications/{notification_id}/status", str(status.status_code), str(status.body.get("status"))),
    )
    figures = (
        DemoFigure("posts", ctx.t("demo.api.posts_sent"), 4.0, ""),
        DemoFigure("accepted", ctx.t("demo.api.notifications_created"), float(service.accepted), ""),
        DemoFigure("deliveries", ctx.t("demo.api.provider_deliveries"), float(deliveries), ""),
        DemoFigure("channels", ctx.t("demo.api.channels_requested"), float(len(config.channels)), ""),
        DemoFigure("conflicts", ctx.t("demo.api.409_conflicts"), float(service.conflicts), ""),
    )
    explanation = ctx.t("demo.api.explanation", replay_id=replay.body.get('id'), deliveries=deliveries, channels=len(config.channels), conflict_code=conflict.status_code, invalid_code=invalid.status_code, status=status.body.get('status'), idempotency_ttl_s=ctx.dur(base.idempotency_ttl_s))
    return Demo("api", ctx.t("demo.api.title"),
                explanation, figures, rows)


# ----------------------------------------------------------- architecture


def _architecture(ctx: _Context) -> Demo:
    base = ctx.base
    slow_s = max(base.service_s * 5, 0.4)
    config = base.with_(peak_factor=1.0, duration_s=20.0, service_s=slow_s, service_dist="lognormal",
                        workers=max(base.workers, math.ceil(base.qps * slow_s * 2 * len(base.channels))),
                        fail_rate=0.0)
    result = run_service(config)
    async_accept = config.api_s
    sync_p50 = result.completion.percentile(0.5) + config.api_s
    sync_p99 = result.completion.percentile(0.99) + config.api_s
    held = config.qps * (result.completion.mean + config.api_s)  # Little: requests held open by a sync API
    figures = (
        DemoFigure("provider_mean_ms", ctx.t("demo.architecture.slow_provider_mean_latency"),
                   _ms(slow_s), "ms"),
        DemoFigure("async_accept_ms", ctx.t("demo.architecture.async_accept_202"), _ms(async_accept), "ms"),
        DemoFigure("sync_p50_ms", ctx.t("demo.architecture.sync_response_p50"), _ms(sync_p50), "ms"),
        DemoFigure("sync_p99_ms", ctx.t("demo.architecture.sync_response_p99"), _ms(sync_p99), "ms"),
        DemoFigure("held_connections", ctx.t("demo.architecture.connections_held_by_a_sync"),
                   round(held, 1), ""),
    )
    rows = (
        (ctx.t("demo.architecture.design"), "p50", "p99", ctx.t("demo.architecture.open_connections")),
        (ctx.t("demo.architecture.sync_the_api_calls_the"),
         ctx.dur(sync_p50), ctx.dur(sync_p99), f"{ctx.fixed(held, 0)}"),
        (ctx.t("demo.architecture.async_202_and_a_queue"), ctx.dur(async_accept), ctx.dur(async_accept),
         f"{ctx.fixed(config.qps * async_accept, 1)}"),
    )
    explanation = ctx.t("demo.architecture.with_a_slow_provider_mean", slow_s=ctx.dur(slow_s), channels=len(config.channels), sync_p50=ctx.dur(sync_p50), sync_p99=ctx.dur(sync_p99), qps=ctx.g(config.qps), held=ctx.fixed(held, 0), async_accept=ctx.dur(async_accept))
    return Demo("architecture", ctx.t("demo.architecture.title"),
                explanation, figures, rows)


# ------------------------------------------------------------ consistency


def _out_of_order_users(result: ServiceResult) -> tuple[int, int]:
    """(users whose deliveries left in another order than accepted, users with 2+ deliveries)."""
    trace = result.trace
    assert trace is not None
    broken = total = 0
    for (user, _channel, high), delivered in trace.delivered.items():
        if len(delivered) < 2:
            continue
        total += 1
        order = sorted(trace.accepted[(user, high)])  # order is kept per user and priority lane
        kept = set(delivered)
        if delivered != [nid for nid in order if nid in kept]:
            broken += 1
    return broken, total


def _duplicates(result: ServiceResult) -> int:
    trace = result.trace
    assert trace is not None
    return sum(count - 1 for count in trace.deliveries_per_key.values() if count > 1)


def _consistency(ctx: _Context) -> Demo:
    base = ctx.base
    common = {"peak_factor": 1.0, "duration_s": 20.0, "channels": base.channels[:1], "users": 200,
              "trace": True, "duplicate_rate": 0.05, "high_priority_share": 0.0,
              "rate_limit_per_client_qps": max(base.rate_limit_per_client_qps, base.qps * 4)}
    keyed = run_service(base.with_(**common, partition_by_user=True))
    spread = run_service(base.with_(**common, partition_by_user=False))
    no_dedupe = run_service(base.with_(**common, partition_by_user=True, dedupe=False))
    keyed_broken, keyed_users = _out_of_order_users(keyed)
    spread_broken, spread_users = _out_of_order_users(spread)
    dup_on, dup_off = _duplicates(keyed), _duplicates(no_dedupe)
    rows = (
        (ctx.t("demo.consistency.setup"), ctx.t("demo.consistency.users_out_of_order"),
         ctx.t("demo.consistency.duplicate_deliveries")),
        (ctx.t("demo.consistency.partition_by_userid_dedupe"),
         f"{keyed_broken} / {keyed_users}", str(dup_on)),
        (ctx.t("demo.consistency.round_robin_dedupe"), f"{spread_broken} / {spread_users}",
         str(_duplicates(spread))),
        (ctx.t("demo.consistency.partition_by_userid_no_dedupe"),
         f"{_out_of_order_users(no_dedupe)[0]} / {_out_of_order_users(no_dedupe)[1]}", str(dup_off)),
    )
    figures = (
        DemoFigure("keyed_out_of_order", ctx.t("demo.consistency.users_out_of_order_with"),
                   float(keyed_broken), ""),
        DemoFigure("spread_out_of_order", ctx.t("demo.consistency.users_out_of_order_without"),
                   float(spread_broken), ""),
        DemoFigure("replays", ctx.t("demo.consistency.client_replays"), float(keyed.replayed), ""),
        DemoFigure("duplicates_dedupe", ctx.t("demo.consistency.duplicates_with_dedupe"), float(dup_on), ""),
        DemoFigure("duplicates_no_dedupe", ctx.t("demo.consistency.duplicates_without_dedupe"),
                   float(dup_off), ""),
    )
    explanation = ctx.t("demo.consistency.with_userid_as_the_key", keyed_broken=keyed_broken, keyed_users=keyed_users, spread_broken=spread_broken, spread_users=spread_users, dup_on=dup_on, dup_off=dup_off)
    return Demo("consistency", ctx.t("demo.consistency.title"),
                explanation, figures, rows)


# ---------------------------------------------------------------- scaling


def _delivery_rate(result: ServiceResult) -> float:
    """Deliveries per second while the load was on (the samples of the arrival window)."""
    values = result.series["delivered_per_s"].values[: result.config.samples]
    return sum(values) / len(values) if values else 0.0


def _partitions_label(ctx: _Context, partitions: int, qps: float) -> str:
    key = "demo.scaling.partition_at" if partitions == 1 else "demo.scaling.partitions_at"
    return ctx.t(key, partitions=partitions, qps=ctx.n(qps))


def _scaling(ctx: _Context) -> Demo:
    base = ctx.base
    busy = base.peak_qps * base.service_s
    sizes = sorted({max(1, math.ceil(busy * f)) for f in (0.6, 0.9, 1.2, 1.6)})
    rows: list[tuple[str, ...]] = [(
        ctx.t("demo.scaling.case"), "throughput", "p99", ctx.t("demo.scaling.max_partition_lag"),
    )]
    figures: list[DemoFigure] = []
    for workers in sizes:
        result = run_service(_peak_config(ctx, workers=workers, duration_s=8.0, drain_s=2.0))
        delivered_per_s = _delivery_rate(result)
        rows.append((f"{workers} workers", f"{ctx.n(delivered_per_s)}/s", ctx.dur(result.latency.percentile(0.99)),
                     ctx.n(result.max_partition_lag)))
        figures.append(DemoFigure(f"throughput_w{workers}", f"throughput, {workers} workers",
                                  round(delivered_per_s, 1), "msg/s"))
    # Partitions: each shard ingests shard_throughput_qps records/s.
    shard = base.shard_throughput_qps
    burst_qps = shard * 2.5
    part_rows = []
    for partitions in (1, 2, 4):
        result = run_service(base.with_(
            qps=burst_qps, peak_factor=1.0, duration_s=2.0, channels=base.channels[:1], partitions=partitions,
            workers=math.ceil(burst_qps * base.service_s * 1.5), users=100_000, drain_s=1.0,
            rate_limit_per_client_qps=burst_qps * 4, rate_limit_burst=int(burst_qps * 4),
        ))
        accepted_per_s = result.accepted / result.config.duration_s
        part_rows.append((partitions, accepted_per_s, result.throttled))
        rows.append((_partitions_label(ctx, partitions, burst_qps),
                     f"{ctx.n(accepted_per_s)}/s", "—", ctx.t("demo.scaling.503", throttled=ctx.n(result.throttled))))
    # A hot user: one key takes a share of all traffic.
    hot_share = 0.05
    calm = run_service(_peak_config(ctx, duration_s=8.0, drain_s=2.0))
    hot = run_service(_peak_config(ctx, duration_s=8.0, drain_s=2.0, hot_user_share=hot_share))
    hot_rate = base.peak_qps * hot_share
    rows.append((ctx.t("demo.scaling.no_hot_user"), f"{ctx.n(_delivery_rate(calm))}/s",
                 ctx.dur(calm.latency.percentile(0.99)), ctx.n(calm.max_partition_lag)))
    rows.append((ctx.t("demo.scaling.one_user_with_of_traffic", hot_share=ctx.percent(hot_share)),
                 f"{ctx.n(_delivery_rate(hot))}/s", ctx.dur(hot.latency.percentile(0.99)),
                 ctx.n(hot.max_partition_lag)))
    figures += [
        DemoFigure("shard_limit", ctx.t("demo.scaling.ingest_per_shard"), shard, "rec/s"),
        DemoFigure("hot_user_rate", ctx.t("demo.scaling.hot_user_s_messages_s"), hot_rate, "msg/s"),
        DemoFigure("hot_lag", ctx.t("demo.scaling.max_lag_with_a_hot"),
                   float(hot.max_partition_lag), "msg"),
        DemoFigure("hot_p99_ms", ctx.t("demo.scaling.p99_with_a_hot_user"),
                   _ms(hot.latency.percentile(0.99)), "ms"),
    ]
    one, two, four = part_rows
    quiet_rows, quiet_figures, quiet = _quiet_hours(ctx)
    channel_rows, channel_figures, channel = _channel_rates(ctx)
    rows.extend(channel_rows)
    rows.extend(quiet_rows)
    figures += channel_figures + quiet_figures
    explanation = ctx.t("demo.scaling.explanation", peak_qps=ctx.g(base.peak_qps), service_s=ctx.dur(base.service_s), busy=ctx.fixed(busy, 0), burst_qps=ctx.n(burst_qps), one_accepted=ctx.n(one[1]), one_throttled=ctx.n(one[2]), four_accepted=ctx.n(four[1]), hot_share=ctx.percent(hot_share), hot_rate=ctx.g(hot_rate), hot_lag=ctx.n(hot.max_partition_lag), p99_calm=ctx.dur(calm.latency.percentile(0.99)), p99_hot=ctx.dur(hot.latency.percentile(0.99)), channel=channel, quiet=quiet)
    _ = two
    return Demo("scaling", ctx.t("demo.scaling.title"),
                explanation, tuple(figures), tuple(rows))


def _years_to(headroom: float, growth: float) -> float:
    """Years of growth (× `growth` a year) until a rate `headroom` times below its limit reaches it."""
    if headroom <= 1:
        return 0.0
    return math.log(headroom) / math.log(growth) if growth > 1 else math.inf


def _when(ctx: _Context, years: float) -> str:
    """In 7 months / 1.6 years / already / never (no growth)."""
    if years == 0:
        return ctx.t("demo.scaling.already")
    if math.isinf(years):
        return ctx.t("demo.scaling.never_without_growth")
    if years < 1:
        months = max(1, round(years * 12))
        return ctx.t("demo.scaling.in_month" if months == 1 else "demo.scaling.in_months", months=months)
    return ctx.t("demo.scaling.in_years", years=ctx.fixed(years, 1))


def _channel_rates(ctx: _Context) -> tuple[list[tuple[str, ...]], list[DemoFigure], str]:
    """Per-channel peak rates from the facts' mix against each provider's quota, then key-value writes.

    The first bottleneck is the channel whose peak reaches its provider quota
    soonest as traffic grows (`growth_per_year`); after the quotas comes the
    key-value table, whose writes grow with every notification.
    """
    from coach.sim.cost import writes_per_notification

    base, defaults = ctx.base, ctx.defaults
    mix = dict(zip(base.channels, base.channel_mix, strict=True)) if base.channel_mix else dict.fromkeys(base.channels, 1.0)
    peak = base.peak_qps
    rates = {channel: peak * share * (base.push_devices if channel == "push" else 1) for channel, share in mix.items()}
    quotas = {channel: quota for channel, quota in defaults.provider_quota_per_s.items() if channel in rates}
    growth = defaults.growth_per_year
    writes = writes_per_notification(base)
    kv_peak = peak * writes
    rows: list[tuple[str, ...]] = []
    figures: list[DemoFigure] = []
    parts: list[str] = []
    years = {channel: _years_to(quota / rates[channel], growth) if rates[channel] else math.inf
             for channel, quota in quotas.items()}
    order = sorted(years, key=lambda channel: years[channel])

    def name(channel: str) -> str:
        return "SMS" if channel == "sms" else channel

    for channel, rate in rates.items():
        devices = f" × {base.push_devices}" if channel == "push" and base.push_devices > 1 else ""
        quota = quotas.get(channel)
        at_peak = dict(channel=name(channel), share=ctx.percent(mix[channel]), devices=devices)
        rows.append((ctx.t("demo.scaling.channel_at_peak_quota", quota=ctx.n(quota), **at_peak) if quota
                     else ctx.t("demo.scaling.channel_at_peak", **at_peak),
                     f"{ctx.n(rate)}/s", "—", "—"))
        figures.append(DemoFigure(f"{channel}_peak_per_s", ctx.t("demo.scaling.sends_s_at_peak", channel_name=name(channel)),
                                  round(rate, 1), "/s"))
        if quota:
            figures.append(DemoFigure(f"{channel}_quota_per_s", ctx.t("demo.scaling.provider_quota", channel_name=name(channel)),
                                      quota, "/s"))
            figures.append(DemoFigure(f"{channel}_years_to_quota",
                                      ctx.t("demo.scaling.years_to_the_quota", channel_name=name(channel)),
                                      round(years[channel], 2) if math.isfinite(years[channel]) else -1.0, ""))
        parts.append(f"{name(channel)} {ctx.n(rate)}/s")
    rows.append((ctx.t("demo.scaling.key_value_writes_at_peak", writes=ctx.fixed(writes, 1)),
                 f"{ctx.n(kv_peak)}/s", "—", "—"))
    figures.append(DemoFigure("kv_writes_peak_per_s", ctx.t("demo.scaling.key_value_writes_s_at"),
                              round(kv_peak, 1), "/s"))
    horizon = 4
    later = growth**horizon
    growing = (ctx.t("demo.scaling.growing", growth=ctx.g(growth), horizon=horizon, later=ctx.g(later)) if growth > 1
               else ctx.t("demo.scaling.no_growth"))
    kv_later = ctx.t("demo.scaling.kv_later", writes=ctx.n(kv_peak * later)) if growth > 1 else "."
    if order:
        first = order[0]
        use = rates[first] / quotas[first]
        rest = [f"{name(c)} ({ctx.n(quotas[c])}/s) {_when(ctx, years[c])}" for c in order[1:]]
        listed = ctx.t("demo.scaling.and", items=", ".join(rest[:-1]), last=rest[-1]) if len(rest) > 1 else "".join(rest)
        then = ctx.t("demo.scaling.then", rest=listed) if listed else ""
        quota_text = ctx.t("demo.scaling.quota", channel=name(first), peak_rate=ctx.n(rates[first]), use=ctx.percent(use), quota=ctx.n(quotas[first]), when=_when(ctx, years[first]), then=then)
    else:
        quota_text = ctx.t("demo.scaling.quota_unknown")
    parts_text = ", ".join(parts)
    text = ctx.t("demo.scaling.channels", peak=ctx.g(peak), parts_text=parts_text, push_devices=base.push_devices, quota=quota_text, kv_peak=ctx.n(kv_peak), writes=ctx.fixed(writes, 1), growing=growing, kv_later=kv_later)
    return rows, figures, text


def _quiet_hours(ctx: _Context) -> tuple[list[tuple[str, ...]], list[DemoFigure], str]:
    """The 08:00 release: how many messages quiet hours hold, how long a paced release takes,
    and a scaled run of a paced against an unpaced release."""
    base = ctx.base
    defaults = ctx.defaults
    window = defaults.quiet_hours_s or 36_000.0
    pace = defaults.release_per_s or base.peak_qps
    normal_rate = base.qps * (1 - base.high_priority_share)
    held = normal_rate * window
    quarter = held / 4
    scaled = 20_000
    runs = {}
    for label, rate in (("paced", pace), ("unpaced", 0.0)):
        runs[label] = run_service(base.with_(
            peak_factor=1.0, channels=base.channels[:1], duration_s=60.0, samples=60, drain_s=40.0,
            held=scaled, release_at_s=5.0, release_per_s=rate,
        ))
    paced, unpaced = runs["paced"], runs["unpaced"]
    rows: list[tuple[str, ...]] = [
        (ctx.t("demo.scaling.08_00_held_released_at", scaled=ctx.big(scaled), pace=ctx.n(pace)),
         f"{ctx.n(paced.series['calls_per_s'].peak)}/s", ctx.dur(paced.latency.percentile(0.99)), ctx.n(paced.max_partition_lag)),
        (ctx.t("demo.scaling.08_00_held_all_at", scaled=ctx.big(scaled)),
         f"{ctx.n(unpaced.series['calls_per_s'].peak)}/s", ctx.dur(unpaced.latency.percentile(0.99)),
         ctx.n(unpaced.max_partition_lag)),
    ]
    figures = [
        DemoFigure("quiet_held", ctx.t("demo.scaling.held_over_10_quiet_hours"), round(held), ""),
        DemoFigure("quiet_release_min", ctx.t("demo.scaling.minutes_to_release_them_at", pace=ctx.n(pace)),
                   round(held / pace / 60, 1), "min"),
        DemoFigure("quiet_quarter_min", ctx.t("demo.scaling.minutes_for_at_s", quarter=ctx.big(quarter), pace=ctx.n(pace)),
                   round(quarter / pace / 60, 1), "min"),
        DemoFigure("quiet_paced_p99_ms", ctx.t("demo.scaling.p99_with_a_paced_release"),
                   _ms(paced.latency.percentile(0.99)), "ms"),
        DemoFigure("quiet_unpaced_p99_ms", ctx.t("demo.scaling.p99_releasing_all_at_once"),
                   _ms(unpaced.latency.percentile(0.99)), "ms"),
    ]
    text = ctx.t("demo.scaling.quiet_hours", normal_rate=ctx.g(normal_rate), window=ctx.n(window), held=ctx.big(held), pace=ctx.n(pace), release_min=ctx.n(held / pace / 60), quarter=ctx.big(quarter), quarter_min=ctx.n(quarter / pace / 60), scaled=ctx.big(scaled), p99_paced=ctx.dur(paced.latency.percentile(0.99)), unpaced_lag=ctx.n(unpaced.max_partition_lag), p99_unpaced=ctx.dur(unpaced.latency.percentile(0.99)))
    return rows, figures, text


# --------------------------------------------------------------- failures


def _late_retries(result: ServiceResult, start_s: float, end_s: float) -> tuple[int, float]:
    """(peak, mean) retry calls per second in [start_s, end_s): once the backoff waits
    have grown past a second, what a provider sees from the retries alone."""
    counts = [result.retries_per_s.get(second, 0) for second in range(int(start_s), int(end_s))]
    return max(counts, default=0), (sum(counts) / len(counts) if counts else 0.0)


def _failures(ctx: _Context) -> Demo:
    base = ctx.base
    qps = min(base.qps, 40.0)
    outage = Outage(30.0, 60.0)
    burst = 1_000  # a campaign published the moment the provider falls: they all fail together
    common: dict[str, object] = {
        "qps": qps, "peak_factor": 1.0, "duration_s": 150.0, "channels": base.channels[:1], "outages": (outage,),
        "fail_rate": 0.0, "samples": 30, "drain_s": 120.0, "held": burst, "release_at_s": outage.start_s,
        "release_per_s": 0.0, "bounce_rate": 0.0, "suppressed_rate": 0.0,
    }
    no_budget = {"retry_budget_high_s": 0.0, "retry_budget_normal_s": 0.0}
    cases: tuple[tuple[str, dict[str, object]], ...] = (
        (ctx.t("demo.failures.immediate_retries_a_count", retries=base.retries),
         {"backoff_base_s": 0.0, "breaker": False, "failover": False, **no_budget}),
        (ctx.t("demo.failures.exponential_backoff_no_jitter_time"),
         {"breaker": False, "failover": False, "jitter": False}),
        (ctx.t("demo.failures.exponential_backoff_full_jitter_time"),
         {"breaker": False, "failover": False}),
        (ctx.t("demo.failures.breaker_on_error_rate_secondary"),
         {"breaker": True, "failover": True}),
    )
    late_from, late_to = outage.start_s + 10, outage.start_s + outage.length_s
    rows: list[tuple[str, ...]] = [(
        ctx.t("demo.failures.strategy"), ctx.t("demo.failures.calls_in_all"),
        ctx.t("demo.failures.to_the_dead_provider"),
        ctx.t("demo.failures.peak_retries_s_from_t"),
        ctx.t("demo.failures.mean_retries_s"), "DLQ", "p99",
    )]
    results = []
    lates = []
    for label, overrides in cases:
        result = run_service(ctx.base.with_(**common, **overrides))
        results.append(result)
        late = _late_retries(result, late_from, late_to)
        lates.append(late)
        rows.append((label, ctx.n(result.attempts), ctx.n(result.failures["outage"]), ctx.n(late[0]), f"{ctx.n(late[1])}",
                     ctx.n(result.dlq_total), ctx.dur(result.latency.percentile(0.99))))
    storm, lockstep, jitter, failover = results
    # A long outage with no secondary: the breaker holds the messages; codes past their expiry are dropped.
    long_outage = Outage(60.0, 900.0)
    held_back = run_service(ctx.base.with_(
        qps=10.0, peak_factor=1.0, duration_s=1200.0, channels=base.channels[:1], outages=(long_outage,),
        fail_rate=0.0, drain_s=600.0, breaker=True, failover=False, bounce_rate=0.0, suppressed_rate=0.0,
        samples=30,
    ))
    expired = sum(held_back.expired.values())
    rows.append((
        ctx.t("demo.failures.outage_no_secondary", minutes=ctx.g(long_outage.length_s / 60)),
        ctx.n(held_back.attempts), ctx.n(held_back.failures["outage"]), "—", "—", ctx.n(held_back.dlq_total),
        ctx.dur(held_back.latency.percentile(0.99)),
    ))
    lock_peak, lock_mean = lates[1]
    jitter_peak, jitter_mean = lates[2]
    extra_calls = jitter.attempts / lockstep.attempts - 1 if lockstep.attempts else 0.0
    failed_over = sum(failover.failed_over.values())
    figures = (
        DemoFigure("outage_s", ctx.t("demo.failures.outage_length"), outage.length_s, "s"),
        DemoFigure("burst", ctx.t("demo.failures.campaign_published_as_the_provider"),
                   float(burst), ""),
        DemoFigure("storm_dlq", ctx.t("demo.failures.dlq_with_counted_retries"),
                   float(storm.dlq_total), ""),
        DemoFigure("lockstep_peak_retries_per_s", ctx.t("demo.failures.peak_retries_s_without_jitter"),
                   float(lock_peak), "/s"),
        DemoFigure("jitter_peak_retries_per_s", ctx.t("demo.failures.peak_retries_s_with_jitter"),
                   float(jitter_peak), "/s"),
        DemoFigure("lockstep_calls", ctx.t("demo.failures.calls_without_jitter"), float(lockstep.attempts), ""),
        DemoFigure("jitter_calls", ctx.t("demo.failures.calls_with_jitter"), float(jitter.attempts), ""),
        DemoFigure("failover_calls", ctx.t("demo.failures.calls_to_the_secondary_provider"),
                   float(failed_over), ""),
        DemoFigure("failover_dead_calls", ctx.t("demo.failures.calls_to_the_dead_provider"),
                   float(failover.failures["outage"]), ""),
        DemoFigure("failover_p99_ms", ctx.t("demo.failures.p99_with_a_breaker_and"),
                   _ms(failover.latency.percentile(0.99)), "ms"),
        DemoFigure("breaker_transitions", ctx.t("demo.failures.breaker_transitions"),
                   float(failover.transitions_total), ""),
        DemoFigure("long_outage_expired", ctx.t("demo.failures.expired_in_the_long_outage"),
                   float(expired), ""),
        DemoFigure("long_outage_dlq", ctx.t("demo.failures.dlq_in_the_long_outage"), float(held_back.dlq_total), ""),
    )
    budget_h, budget_n = ctx.dur(base.retry_budget_high_s), ctx.dur(base.retry_budget_normal_s)
    expiry_h = ctx.dur(base.expiry_high_s)
    explanation = ctx.t("demo.failures.explanation", length_s=ctx.g(outage.length_s), start_s=ctx.g(outage.start_s), burst=ctx.n(burst), qps=ctx.g(qps), retries=base.retries, storm_dlq=ctx.n(storm.dlq_total), budget_h=budget_h, budget_n=budget_n, backoff_base_s=ctx.dur(base.backoff_base_s), lock_peak=ctx.n(lock_peak), lock_mean=ctx.n(lock_mean), jitter_peak=ctx.n(jitter_peak), jitter_mean=ctx.n(jitter_mean), jitter_attempts=ctx.n(jitter.attempts), lockstep_attempts=ctx.n(lockstep.attempts), extra_calls=ctx.percent(extra_calls, sign=True), breaker_window_s=ctx.dur(base.breaker_window_s), breaker_min_calls=base.breaker_min_calls, breaker_error_rate=ctx.percent(base.breaker_error_rate), outage_calls=ctx.n(failover.failures['outage']), failed_over=ctx.n(failed_over), failover_p99=ctx.dur(failover.latency.percentile(0.99)), failover_dlq=ctx.n(failover.dlq_total), long_outage_min=ctx.g(long_outage.length_s / 60), expired=ctx.n(expired), expiry_h=expiry_h, held_dlq=ctx.n(held_back.dlq_total))
    return Demo("failures", ctx.t("demo.failures.title"),
                explanation, figures, tuple(rows))


# ---------------------------------------------------------- observability


def _observability(ctx: _Context) -> Demo:
    base = ctx.base
    config = base.with_(peak_factor=1.0, duration_s=20.0, log_sample_rate=0.02, max_log_lines=400,
                        fail_rate=max(base.fail_rate, 0.05))
    result = run_service(config)
    trace_ids: dict[str, list[str]] = {}
    import json

    for line in result.log_lines:
        record = json.loads(line)
        if "traceId" in record:
            trace_ids.setdefault(record["traceId"], []).append(line)
    # Show one full trace with a failed attempt if there is one, else the first.
    chosen = next((lines for lines in trace_ids.values() if len(lines) > len(config.channels) + 1), None)
    chosen = chosen or next(iter(trace_ids.values()), [])
    lag = result.series["max_partition_lag"].peak
    saturation = result.series["saturation"].peak
    figures = (
        DemoFigure("throughput", "throughput", round(result.throughput, 1), "msg/s"),
        DemoFigure("p95_ms", "p95", _ms(result.latency.percentile(0.95)), "ms"),
        DemoFigure("retries", ctx.t("demo.observability.retries"), float(result.retries), ""),
        DemoFigure("dlq_depth", ctx.t("demo.observability.dlq_depth"), float(result.dlq_total), ""),
        DemoFigure("consumer_lag", ctx.t("demo.observability.max_consumer_lag"), lag, "msg"),
        DemoFigure("saturation", ctx.t("demo.observability.max_worker_saturation"), round(saturation * 100, 1), "%"),
        DemoFigure("sampled_lines", ctx.t("demo.observability.sampled_log_lines"),
                   float(result.log_lines_total), ""),
    )
    sampled = result.log_lines_total
    explanation = ctx.t("demo.observability.explanation", log_sample_rate=ctx.percent(config.log_sample_rate), sampled=sampled, throughput=ctx.n(result.throughput), p95=ctx.dur(result.latency.percentile(0.95)), retries=ctx.n(result.retries), dlq_total=ctx.n(result.dlq_total), lag=ctx.n(lag), saturation=ctx.percent(saturation))
    return Demo("observability", ctx.t("demo.observability.title"),
                explanation, figures, (), tuple(chosen[:8]))


# --------------------------------------------------------- security, costs


def _security(ctx: _Context) -> Demo:
    base = ctx.base
    limit = base.rate_limit_per_client_qps
    abusive = limit * 3
    config = base.with_(peak_factor=1.0, duration_s=5.0, channels=base.channels[:1], abusive_client_qps=abusive,
                        workers=max(base.workers, math.ceil((base.qps + limit) * base.service_s * 1.5)),
                        partitions=max(base.partitions, math.ceil((base.qps + abusive) / base.shard_throughput_qps) + 1))
    result = run_service(config)
    honest_offered = result.offered - result.abusive_offered
    rows: list[tuple[str, ...]] = [
        (ctx.t("demo.security.client"), ctx.t("demo.security.requests"), "429"),
        (ctx.t("demo.security.honest_clients"), ctx.n(honest_offered), ctx.n(result.rate_limited)),
        (ctx.t("demo.security.abusive_client_req_s", abusive=ctx.n(abusive)),
         ctx.n(result.abusive_offered), ctx.n(result.rate_limited_abusive)),
    ]
    figures: list[DemoFigure] = [
        DemoFigure("limit", ctx.t("demo.security.limit_per_client"), limit, "req/s"),
        DemoFigure("abusive_429", ctx.t("demo.security.429s_to_the_abusive_client"), float(result.rate_limited_abusive), ""),
        DemoFigure("honest_429", ctx.t("demo.security.429s_to_honest_clients"), float(result.rate_limited), ""),
    ]
    cost_words = ""
    table = ctx.content.scenario.costs
    if table is not None:
        from coach.sim.cost import estimate_costs, sms_segments

        cost = estimate_costs(table, ctx.lang, base)  # the design, as `coach sim` prices it
        currency = cost.currency
        ranked = cost.ranked()
        first, second = ranked[0], ranked[1]
        share = first.monthly / cost.total if cost.total else 0.0
        figures += [
            DemoFigure("monthly", ctx.t("demo.security.monthly_cost"), round(cost.total, 2), currency),
            DemoFigure("per_qps", ctx.t("demo.security.cost_per_sustained_req_s"), round(cost.per_qps, 2), currency),
            DemoFigure("per_gb", ctx.t("demo.security.cost_per_gb_ingested"), round(cost.per_gb, 2), currency),
            DemoFigure("per_shard", ctx.t("demo.security.cost_per_shard"), round(cost.per_shard, 2), currency),
            DemoFigure("writes_per_notification", ctx.t("demo.security.key_value_writes_per_notification"),
                       round(cost.writes_per_notification, 2), ""),
        ]
        rows.append((ctx.t("demo.security.cost_item"), ctx.t("demo.security.a_month"), ""))
        rows.extend((line.label, ctx.money(line.monthly, currency, 2), f"{ctx.percent(line.monthly / cost.total, 1)}") for line in ranked[:5])
        sms_words = ""
        if cost.sms is not None:
            plain = sms_segments(_without_accents(table.sms_sample))
            figures.append(DemoFigure("sms_segments", ctx.t("demo.security.segments_per_sms"),
                                      float(cost.sms.segments), ""))
            sms_words = ctx.t("demo.security.sms_words", units=cost.sms.units, encoding=cost.sms.encoding, per_segment=cost.sms.per_segment, segments=cost.sms.segments, plain_segments=plain.segments)
        cost_words = ctx.t("demo.security.cost_words", as_of=cost.as_of, qps=ctx.g(base.qps), total=ctx.money(cost.total, currency), first_label=first.label, share=ctx.percent(share), first_monthly=ctx.money(first.monthly, currency), second_label=second.label, second_monthly=ctx.money(second.monthly, currency), writes_per_notification=ctx.fixed(cost.writes_per_notification, 1), sms_words=sms_words)
    explanation = ctx.t("demo.security.explanation", abusive=ctx.n(abusive), limit=ctx.n(limit), rate_limit_burst=ctx.n(base.rate_limit_burst), rate_limited_abusive=ctx.n(result.rate_limited_abusive), abusive_offered=ctx.n(result.abusive_offered), rate_limited=ctx.n(result.rate_limited), cost_words=cost_words)
    return Demo("security", ctx.t("demo.security.title"),
                explanation, tuple(figures), tuple(rows))


def _without_accents(text: str) -> str:
    """The text with á, í, ó, ú (and the rest of the acute and grave accents) stripped."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


_DEMOS: dict[str, Callable[[_Context], Demo]] = {
    "requirements": _requirements,
    "estimates": _estimates,
    "api": _api,
    "architecture": _architecture,
    "consistency": _consistency,
    "scaling": _scaling,
    "failures": _failures,
    "observability": _observability,
    "security": _security,
}
