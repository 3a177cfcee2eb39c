"""`coach sim`: run the reference notification service (or M/M/c) and report what it measured.

Everything heavy (the simulation, pydantic content, rich) is imported inside the
commands so `coach --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coach.cli.common import (
    JsonOption,
    LangOption,
    console,
    emit_json,
    fail_on_error,
    load_bundle,
    parse_number,
    resolve,
)
from coach.errors import CoachError
from coach.messages import problem

if TYPE_CHECKING:

    from coach.content import Bundle, SimulationDefaults
    from coach.i18n import Lang

MAX_CUSTOMERS = 5_000_000  # M/M/c customers: a bigger run belongs in benchmarks/, not an interactive command
# The service model keeps ~0.8 KB per request (1 M: ~850 MB, 8 s); 5 M needed 3.1 GB (issue 12).
MAX_REQUESTS = 1_000_000
MAX_MMC_LOAD = 1_000_000.0  # offered load λ/μ in erlangs: Erlang C then costs well under a second


# ------------------------------------------------------------------ parsing


def _channels(raw: str | None) -> tuple[str, ...] | None:
    if raw is None:
        return None
    names = tuple(part.strip().lower() for part in raw.split(",") if part.strip())
    unknown = [name for name in names if name not in ("email", "push", "sms")]
    if unknown or not names:
        raise CoachError(problem("sim.channel_list", raw=raw))
    return names


def _defaults(content: Bundle) -> SimulationDefaults:
    defaults = content.scenario.simulation
    if defaults is None:
        sid = content.scenario.id
        raise CoachError(problem("sim.no_sim", id=sid))
    return defaults


# ----------------------------------------------------------------- commands


def register(app: typer.Typer) -> None:
    """Add `sim` to the root app."""
    app.command("sim")(sim)


def sim(
    scenario: Annotated[str, typer.Argument(help="Scenario id, e.g. notifications.")],
    qps: Annotated[str | None, typer.Option("--qps", metavar="QPS", help="Average requests per second.")] = None,
    peak: Annotated[str | None, typer.Option("--peak", metavar="FACTOR", help="Peak factor, applied in the middle third of the run.")] = None,
    duration: Annotated[str | None, typer.Option("--duration", metavar="SECONDS", help="Simulated seconds of arrivals.")] = None,
    workers: Annotated[str | None, typer.Option("--workers", metavar="N", help="Workers per channel (servers c with --model mmc).")] = None,
    partitions: Annotated[str | None, typer.Option("--partitions", metavar="N", help="Stream partitions per channel.")] = None,
    channels: Annotated[str | None, typer.Option("--channels", metavar="LIST", help="Comma list: email,push,sms.")] = None,
    service_ms: Annotated[str | None, typer.Option("--service-ms", metavar="MS", help="Mean provider latency (service time).")] = None,
    service_dist: Annotated[str | None, typer.Option("--service-dist", metavar="exp|const|lognormal", help="Provider latency distribution.")] = None,
    fail_rate: Annotated[str | None, typer.Option("--fail-rate", metavar="0..1", help="Share of provider calls that fail.")] = None,
    outage: Annotated[list[str] | None, typer.Option("--outage", metavar="CHANNEL:START:DURATION", help="Provider outage of a channel in seconds, e.g. sms:30:60 (repeatable); CHANNEL-secondary:... takes down its secondary; START:DURATION is the first channel.")] = None,
    timeout_ms: Annotated[str | None, typer.Option("--timeout-ms", metavar="MS", help="Provider call timeout.")] = None,
    retries: Annotated[str | None, typer.Option("--retries", metavar="N", help="Retries after the first attempt.")] = None,
    backoff_ms: Annotated[str | None, typer.Option("--backoff-ms", metavar="MS", help="Backoff base (full jitter); 0 retries at once.")] = None,
    breaker: Annotated[bool | None, typer.Option("--breaker/--no-breaker", help="Circuit breaker per provider (trips on the error rate over a window).")] = None,
    failover: Annotated[bool | None, typer.Option("--failover/--no-failover", help="A secondary provider per channel while the breaker is open.")] = None,
    jitter: Annotated[bool | None, typer.Option("--jitter/--no-jitter", help="Full jitter on the backoff (off: retries move in lock-step).")] = None,
    held: Annotated[str | None, typer.Option("--held", metavar="N", help="Notifications held for quiet hours, released from --release-at.")] = None,
    release_per_s: Annotated[str | None, typer.Option("--release-per-s", metavar="RATE", help="Paced release of the held notifications (0: all at once).")] = None,
    release_at: Annotated[str | None, typer.Option("--release-at", metavar="SECONDS", help="When the held notifications start to be released.")] = None,
    dedupe: Annotated[bool | None, typer.Option("--dedupe/--no-dedupe", help="Idempotency store on the API.")] = None,
    seed: Annotated[str | None, typer.Option("--seed", metavar="N", help="Random seed (same seed, same run).")] = None,
    log_sample: Annotated[str | None, typer.Option("--log-sample", metavar="0..1", help="Share of traces whose JSON log lines are kept.")] = None,
    model: Annotated[str, typer.Option("--model", metavar="service|mmc", help="mmc: one pool of c servers, exponential service, Poisson arrivals (validates the engine).")] = "service",
    from_sheet: Annotated[Path | None, typer.Option("--from-sheet", metavar="SHEET.md", help="Check the design in an answer sheet against its own SLO.")] = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Run the reference notification service in simulated time and report throughput, latency, retries, DLQ and cost.

    Example: coach sim notifications --qps 500 --peak 3 --outage sms:20:30 --seed 7
    """
    with fail_on_error():
        chosen = resolve(lang)
        content = load_bundle(scenario)
        defaults = _defaults(content)
        seed_value = parse_number("--seed", seed, integer=True)
        run_seed = int(seed_value) if seed_value is not None else defaults.seed
        if from_sheet is not None:
            _sim_from_sheet(content, from_sheet, chosen, run_seed, as_json)
            return
        if model not in ("service", "mmc"):
            raise CoachError(problem("sim.model", model=model))
        overrides: dict[str, Any] = {"seed": run_seed}
        for flag, raw, name, integer, scale in (
            ("--qps", qps, "qps", False, 1.0),
            ("--peak", peak, "peak_factor", False, 1.0),
            ("--duration", duration, "duration_s", False, 1.0),
            ("--workers", workers, "workers", True, 1.0),
            ("--partitions", partitions, "partitions", True, 1.0),
            ("--service-ms", service_ms, "service_s", False, 0.001),
            ("--fail-rate", fail_rate, "fail_rate", False, 1.0),
            ("--timeout-ms", timeout_ms, "timeout_s", False, 0.001),
            ("--retries", retries, "retries", True, 1.0),
            ("--backoff-ms", backoff_ms, "backoff_base_s", False, 0.001),
            ("--log-sample", log_sample, "log_sample_rate", False, 1.0),
            ("--held", held, "held", True, 1.0),
            ("--release-per-s", release_per_s, "release_per_s", False, 1.0),
            ("--release-at", release_at, "release_at_s", False, 1.0),
        ):
            value = parse_number(flag, raw, integer=integer)
            if value is not None:
                overrides[name] = int(value) if integer else value * scale
        names = _channels(channels)
        if names is not None:
            overrides["channels"] = names
        if service_dist is not None:
            if service_dist not in ("exp", "const", "lognormal"):
                raise CoachError(problem("sim.service_dist", flag="--service-dist", value=service_dist))
            overrides["service_dist"] = service_dist
        if outage:
            from coach.sim.config import parse_outage

            overrides["outages"] = tuple(parse_outage(text) for text in outage)
        if breaker is not None:
            overrides["breaker"] = breaker
        if failover is not None:
            overrides["failover"] = failover
        if jitter is not None:
            overrides["jitter"] = jitter
        if dedupe is not None:
            overrides["dedupe"] = dedupe
        from coach.sim.config import SimConfig

        if overrides.get("backoff_base_s", 0.0) > defaults.backoff_cap_ms / 1000:
            overrides["backoff_cap_s"] = overrides["backoff_base_s"]  # a base above the cap lifts the cap
        config = SimConfig.from_defaults(defaults, **overrides)
        if model == "mmc":
            _sim_mmc(config, scenario, chosen, as_json)
            return
        if config.expected_offered > MAX_REQUESTS:
            raise CoachError(problem(
                "sim.too_many_requests", numbers={"offered": config.expected_offered, "most": MAX_REQUESTS}
            ))
        from coach.sim.report import costs_for, service_json
        from coach.sim.service import run_service

        result = run_service(config)
        cost = costs_for(result, content.scenario.costs, chosen) if content.scenario.costs else None
        if as_json:
            emit_json(service_json(result, scenario, cost))
            return
        from coach.ui.sim_report import render_service

        render_service(console(), result, scenario, cost, chosen)


def _sim_mmc(config: Any, scenario: str, lang: Lang, as_json: bool) -> None:
    import random

    from coach.sim.mmc import simulate_mmc
    from coach.sim.report import mmc_json

    customers = max(1, round(config.qps * config.duration_s))
    load = config.qps * config.service_s
    if load > MAX_MMC_LOAD:
        raise CoachError(problem("sim.too_much_load", numbers={"load": load, "most": MAX_MMC_LOAD}))
    if customers > MAX_CUSTOMERS:
        raise CoachError(problem("sim.too_many_customers", numbers={"customers": customers, "most": MAX_CUSTOMERS}))
    result = simulate_mmc(config.qps, config.service_s, config.workers, customers=customers,
                          rng=random.Random(config.seed))
    if as_json:
        emit_json(mmc_json(result, scenario, config.seed, config.duration_s))
        return
    from coach.ui.sim_report import render_mmc

    render_mmc(console(), result, scenario, config.seed, lang)


def _sim_from_sheet(content: Bundle, path: Path, lang: Lang, seed: int, as_json: bool) -> None:
    from dataclasses import asdict

    from coach.design_check import check_design
    from coach.sheet import read_sheet

    sheet = read_sheet(path)
    check = check_design(sheet, content, lang, seed=seed)
    if as_json:
        emit_json({"scenario": content.scenario.id, "sheet": str(path), "seed": seed, **asdict(check)})
        return
    from coach.ui.sim_report import render_check

    render_check(console(), check, lang)
