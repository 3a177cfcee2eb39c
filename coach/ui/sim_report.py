"""The simulation report, the M/M/c report, the design check and the demo tables.

Each renderer takes a finished result (`ServiceResult`, `MMCResult`, `DesignCheck`, `Demo`)
and prints it; `coach sim` and `coach demo` (coach/cli/sim_cmds.py, demo_cmds.py) only parse
options and run the simulation. Numbers go through coach.formatting in the reader's language.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from coach.messages import t

if TYPE_CHECKING:
    from rich.console import Console

    from coach.design_check import DesignCheck
    from coach.i18n import Lang
    from coach.sim.cost import CostEstimate
    from coach.sim.demos import Demo
    from coach.sim.hand import HandEstimates
    from coach.sim.metrics import Histogram
    from coach.sim.mmc import MMCResult
    from coach.sim.service import ServiceResult


def _n(value: float, lang: Lang, digits: int = 0) -> str:
    """A figure in the reader's language: 14.033 / 14,033 (coach.formatting)."""
    from coach.formatting import decimal

    return decimal(value, lang, digits)


def _g(value: float, lang: Lang) -> str:
    """Like `:g`: 100, 0,02 / 0.02."""
    from coach.formatting import general

    return general(value, lang)


def _pct(ratio: float, lang: Lang, digits: int = 0) -> str:
    """2,0 % / 2.0%."""
    from coach.formatting import percent

    return percent(ratio, lang, digits)

_BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], width: int = 60) -> str:
    """Values as one row of block characters (max-pooled to `width`)."""
    if not values:
        return ""
    if len(values) > width:
        step = len(values) / width
        values = [max(values[int(i * step): max(int((i + 1) * step), int(i * step) + 1)]) for i in range(width)]
    top = max(values)
    if top <= 0:
        return _BLOCKS[0] * len(values)
    return "".join(_BLOCKS[min(len(_BLOCKS) - 1, int(v / top * (len(_BLOCKS) - 1) + 0.5))] for v in values)


def _duration(seconds: float, lang: Lang = "en") -> str:
    if seconds >= 10:
        return f"{_n(seconds, lang, 1)} s"
    if seconds >= 1:
        return f"{_n(seconds, lang, 2)} s"
    return f"{_n(seconds * 1000, lang, 1)} ms"


def histogram_rows(histogram: Histogram, bins: int = 10, width: int = 40,
                   lang: Lang = "en") -> list[tuple[str, int, str]]:
    """(upper edge label, count, bar) rows over log-spaced bins from p0.1 to the max."""
    low = max(histogram.percentile(0.001), 1e-4)
    high = max(histogram.max, low * 1.01)
    ratio = (high / low) ** (1 / bins)
    edges = [0.0] + [low * ratio**i for i in range(1, bins)] + [math.inf]
    counts = histogram.bins(edges)
    top = max(counts) or 1
    rows = []
    for index, count in enumerate(counts):
        edge = edges[index + 1]
        label = f"≤ {_duration(edge, lang)}" if math.isfinite(edge) else f"> {_duration(edges[index], lang)}"
        bar = "█" * max(1 if count else 0, round(count / top * width))
        rows.append((label, count, bar))
    return rows


def _render_histogram(out: Console, histogram: Histogram, lang: Lang) -> None:
    out.print(f"\n[bold]{t('sim.histogram', lang)}[/bold]")
    for label, count, bar in histogram_rows(histogram, lang=lang):
        out.print(f"  {label:>12} │{bar} {_n(count, lang)}")


def _render_series(out: Console, title: str, values: list[float], end_s: float, lang: Lang) -> None:
    peak = max(values, default=0)
    out.print(f"\n[bold]{title}[/bold] {t('sim.over_time', lang, end=_g(round(end_s, 1), lang), peak=_n(peak, lang))}")
    out.print(f"  {sparkline(values)}")


def _render_cost(out: Console, cost: CostEstimate, lang: Lang) -> None:
    from coach.formatting import compact, money
    from coach.ui.safe import markup

    def price(value: float, digits: int = 2) -> str:
        return markup(money(value, cost.currency, lang, digits))  # the cost table is content: never markup

    def _quantity(value: float) -> str:
        return compact(value, lang, fraction_digits=1) if value >= 1000 else _n(value, lang)

    out.print(f"\n[bold]{t('sim.cost', lang, qps=_g(cost.qps, lang))}[/bold] ({markup(cost.as_of)})")
    out.print("  " + t("sim.cost_line", lang,
        total=price(cost.total), per_qps=price(cost.per_qps), per_gb=price(cost.per_gb, 3),
        per_shard=price(cost.per_shard), shards=_n(cost.shards, lang),
    ))
    ranked = cost.ranked()
    if len(ranked) >= 2 and cost.total:
        out.print("  " + t("sim.dominant", lang, first=markup(ranked[0].label),
                            share=_pct(ranked[0].monthly / cost.total, lang), second=markup(ranked[1].label)))
    for line in ranked:
        out.print(f"  - {markup(line.label)}: {price(line.monthly)} "
                  f"({_quantity(line.quantity)} {line.driver}, {markup(line.unit)})")
    if cost.sms is not None:
        out.print("  " + t("sim.sms_segments", lang, units=_n(cost.sms.units, lang), encoding=cost.sms.encoding,
                            segments=cost.sms.segments))
    out.print("  " + t("sim.writes", lang, writes=_n(cost.writes_per_notification, lang, 2)))
    out.print(f"  [dim]{markup(cost.note)}[/dim]")


def render_service(out: Console, result: ServiceResult, scenario: str, cost: CostEstimate | None,
                   lang: Lang) -> None:
    """The rich summary of one run of the service."""
    from rich.table import Table

    config = result.config
    onoff = {True: t("sim.on", lang), False: t("sim.off", lang)}
    out.print(f"[bold]{t('sim.title', lang, scenario=scenario, seed=config.seed)}[/bold]")
    out.print(t("sim.params", lang, qps=_g(config.qps, lang), peak=_g(config.peak_factor, lang),
        duration=_g(config.duration_s, lang), channels=",".join(config.channels), workers=config.workers,
        partitions=config.partitions, service=_g(config.service_s * 1000, lang), dist=config.service_dist,
        fail=_pct(config.fail_rate, lang, 1), timeout=_g(config.timeout_s * 1000, lang), retries=config.retries,
        backoff=_g(config.backoff_base_s * 1000, lang), breaker=onoff[config.breaker], dedupe=onoff[config.dedupe],
    ) + (f", {t('sim.outage', lang)} {', '.join(o.text() for o in config.outages)}" if config.outages else "")
      + (f", {t('sim.mix', lang)} " + " ".join(f"{name} {_g(share, lang)}" for name, share in
                                             zip(config.channels, config.channel_mix, strict=True))
         if config.channel_mix else ""))
    table = Table(show_header=True, header_style="bold", expand=False)
    table.add_column(t("sim.metric", lang))
    table.add_column(t("sim.value", lang), justify="right", no_wrap=True)
    rows = [
        ("offered", _n(result.offered, lang)),
        ("accepted", _n(result.accepted, lang)),
        ("replayed", _n(result.replayed, lang)),
        ("conflicts", _n(result.conflicts, lang)),
        ("limited", _n(result.rate_limited + result.rate_limited_abusive, lang)),
        ("delivered", _n(result.delivered_total, lang)),
        ("throughput", f"{_n(result.throughput, lang, 1)}/s"),
        ("retries", _n(result.retries, lang)),
        ("dlq", _n(result.dlq_total, lang)),
        ("expired", _n(sum(result.expired.values()), lang)),
        ("receipts", f"{_n(sum(result.bounced.values()), lang)} / {_n(sum(result.suppressed.values()), lang)}"),
        ("failover", _n(sum(result.failed_over.values()), lang)),
        ("peak_retries", _n(result.peak_retries_per_s, lang)),
        ("in_flight", _n(result.in_flight, lang)),
        ("utilization", _pct(result.utilization(), lang, 1)),
        ("failures", " / ".join(_n(result.failures[k], lang) for k in ("error", "timeout", "outage"))),
        ("throttled", _n(result.throttled, lang)),
        ("lag", _n(result.max_partition_lag, lang)),
        ("statuses", " · ".join(f"{name} {_n(count, lang)}" for name, count in result.statuses.items() if count)
         or "-"),
    ]
    if result.held:
        rows.append(("held", _n(result.held, lang)))
    for key, shown in rows:
        label = t(f"sim.{key}", lang, end=_g(result.release_end_s, lang)) if key == "held" else t(f"sim.{key}", lang)
        table.add_row(label, shown)
    out.print(table)
    out.print(f"[bold]{t('sim.latency', lang)}[/bold]")
    latency = result.latency
    targets: tuple[tuple[str, float, float | None], ...] = (
        ("p50", 0.5, None), ("p95", 0.95, config.slo_p95_s), ("p99", 0.99, config.slo_p99_s),
    )
    for name, q, target in targets:
        value = latency.percentile(q)
        verdict = ""
        if target is not None:
            word = t("sim.meets", lang) if value <= target else t("sim.misses", lang)
            verdict = f"  {word} ({t('sim.target', lang)} {_duration(target, lang)})"
        out.print(f"  {name}: {_duration(value, lang)}{verdict}")
    out.print(f"  {t('sim.mean', lang)}: {_duration(latency.mean, lang)} · {t('sim.max', lang)}: {_duration(latency.max, lang)}")
    out.print("  " + t("sim.wait", lang, mean=_duration(result.wait.mean, lang),
                        p95=_duration(result.wait.percentile(0.95), lang)))
    if config.breaker:
        out.print(f"[bold]{t('sim.breaker', lang)}[/bold]: " + t("sim.breaker_line", lang, n=_n(result.transitions_total, lang), short=_n(result.short_circuited, lang),
            open=_n(result.calls_while_open, lang),
        ))
        from coach.formatting import decimal

        for transition in result.transitions[:6]:
            at = decimal(transition.time_s, lang, 2, grouping=lang == "es")
            out.print(f"  t={at:>8} s  {transition.provider}: {transition.before} → {transition.after}")
    if latency.count:
        _render_histogram(out, latency, lang)
    end = result.end_s
    _render_series(out, t("sim.queue_chart", lang), result.series["queue_depth"].values, end, lang)
    _render_series(out, t("sim.dlq_chart", lang), result.series["dlq_depth"].values, end, lang)
    if config.outages or result.failures["outage"]:
        _render_series(out, t("sim.calls_chart", lang), result.series["calls_per_s"].values, end, lang)
    if cost is not None:
        _render_cost(out, cost, lang)
    if result.log_lines:
        out.print(f"\n[bold]{t('sim.logs', lang)}[/bold] ({_n(result.log_lines_total, lang)})")
        from rich.text import Text

        for line in result.log_lines[:4]:  # a Text: JSON is data, never markup
            out.print(Text("  " + line, style="dim"), soft_wrap=True)


def render_mmc(out: Console, result: MMCResult, scenario: str, seed: int, lang: Lang) -> None:
    """The summary of an M/M/c run next to Erlang C."""
    from rich.table import Table

    from coach.sim.report import mmc_expected

    out.print(f"[bold]{t('sim.mmc_title', lang, scenario=scenario, qps=_g(result.arrival_rate, lang), workers=result.servers, service=_g(1000 / result.service_rate, lang), seed=seed)}[/bold]")
    out.print(t("sim.customers", lang, n=_n(result.customers, lang), events=_n(result.events, lang)))
    rho = result.arrival_rate / (result.servers * result.service_rate)
    if rho >= 1:
        out.print(t("sim.unstable", lang, rho=_n(rho, lang, 2)))
    else:
        expected = mmc_expected(result)
        table = Table(show_header=True, header_style="bold")
        table.add_column(t("sim.metric", lang))
        table.add_column(t("sim.measured", lang), justify="right")
        table.add_column(t("sim.erlang", lang), justify="right")
        table.add_column(t("sim.error", lang), justify="right")
        for key, measured, theory in (
            ("mean_response", result.response.mean, expected["mean_response_s"]),
            ("p95_response", result.response.percentile(0.95), expected["p95_response_s"]),
            ("mean_wait", result.wait.mean, expected["mean_wait_s"]),
            ("utilization", result.utilization, expected["utilization"]),
        ):
            if key == "utilization":
                table.add_row(t(f"sim.{key}", lang), _pct(measured, lang, 2), _pct(theory, lang, 2),
                              _signed_pct(measured / theory - 1, lang))
            else:
                error = _signed_pct(measured / theory - 1, lang) if theory > 1e-6 else "—"  # no wait to speak of
                table.add_row(t(f"sim.{key}", lang), _duration(measured, lang), _duration(theory, lang), error)
        out.print(table)
        out.print(f"  P(wait) = C = {_n(expected['erlang_c'], lang, 4)}")
    lw = result.arrivals / result.duration_s * result.response.mean if result.duration_s else 0.0
    out.print(t("sim.little", lang, l=_n(result.mean_in_system, lang, 3), lw=_n(lw, lang, 3),
                 err=_pct(result.littles_law_error, lang, 3)))
    for name, q in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
        out.print(f"  {name}: {_duration(result.response.percentile(q), lang)}")
    _render_histogram(out, result.response, lang)


def render_check(out: Console, check: DesignCheck, lang: Lang) -> None:
    """The verdict on a candidate's own design."""
    out.print(f"[bold]{t('sim.check_title', lang)}[/bold]")
    out.print(f"  {t('sim.stated', lang)}: " + ", ".join(f"{k}={_g(v, lang)}" for k, v in check.stated.items()))
    if check.measured:
        out.print(f"  {t('sim.sim_measured', lang)}: "
                  + ", ".join(f"{k}={_n(v, lang, 1)}" for k, v in check.measured.items()))
    from rich.text import Text

    from coach.ui.safe import clean

    # The verdict is text in the sheet's language (numbers included): a Text, printed as is.
    mark = "✓" if check.ok else "✗" if check.ok is False else "?"
    out.print(Text(clean(f"{mark} {check.verdict}")))
    if check.suggestion:
        out.print(Text(clean(f"  {t('sim.suggestion', lang)}: {check.suggestion}")))


def render_demo(out: Console, demo: Demo, lang: Lang) -> None:
    """One step's demonstration: title, explanation, figures, table, log lines."""
    from rich.table import Table

    out.print(f"\n[bold]{demo.title}[/bold]")
    out.print(demo.explanation)
    if demo.figures:
        for figure in demo.figures:
            out.print(f"  • {figure.label}: {_figure(figure.value, lang)} {figure.unit}".rstrip())
    if demo.table:
        table = Table(show_header=True, header_style="bold")
        for heading in demo.table[0]:
            table.add_column(heading)
        for row in demo.table[1:]:
            table.add_row(*row)
        out.print(table)
    for line in demo.log_lines:
        out.print(f"  [dim]{line}[/dim]", markup=True, highlight=False, soft_wrap=True)


def _signed_pct(ratio: float, lang: Lang) -> str:
    """+1,25 % / +1.25%: a relative error."""
    from coach.formatting import percent

    return percent(ratio, lang, 2, sign=True)


def _figure(value: float, lang: Lang) -> str:
    from coach.formatting import general

    if value == int(value) and abs(value) < 1e15:
        return _n(value, lang)
    if abs(value) >= 100:
        return _n(value, lang, 1)
    return general(value, lang, 3)


def demo_json(demo: Demo) -> dict[str, Any]:
    return {
        "step": demo.step,
        "title": demo.title,
        "explanation": demo.explanation,
        "figures": [
            {"key": f.key, "label": f.label, "value": f.value, "unit": f.unit} for f in demo.figures
        ],
        "table": [list(row) for row in demo.table],
        "log_lines": list(demo.log_lines),
    }


def render_hand_estimates(out: Console, note: HandEstimates) -> None:
    """`coach demo` for a scenario without a simulation: the statement and the figures to compute by hand."""
    from coach.ui.safe import markup

    out.print(markup(note.statement))
    for line in note.lines:
        out.print(f"  • {markup(line)}")
