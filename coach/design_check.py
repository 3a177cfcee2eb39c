"""Check a candidate's own design (read from the answer sheet) against the SLO they stated.

This is the sheet side of the simulation: it reads figures from a sheet and
hands plain parameters to `coach.sim` (which never reads sheets). Every figure
is parsed by the scorer's number reader (`coach.scoring.numbers`), so
"1,500 ms" is 1.5 s and "1,200 workers" is 1200 in both languages.

What it reads: QPS and peak factor; the DELIVERY p95/p99 target (an accept
or API latency target is the time to a 202, not what the workers are sized
for, so a sheet that says "p99 accept < 200 ms" and then "p99 delivery < 5 s"
is checked against 5 s); today's workers and partitions (a figure said of
growth, "at 10x we'd need 640 workers", is not today's count); retries,
backoff and timeout. The design runs at its peak on one channel (channels are
independent pools, so one is enough and keeps this under a second), and when
it misses a target the smallest worker count that meets it is searched.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.formatting import decimal, general, percent
from coach.messages import t
from coach.sim.config import SimConfig
from coach.sim.service import ServiceResult, run_service

if TYPE_CHECKING:
    from coach.content import Bundle
    from coach.i18n import Lang
    from coach.scoring.numbers import Quantity
    from coach.sheet import Sheet

MAX_ARRIVALS = 12_000  # per run: enough for a stable p99, small enough to answer at once
MAX_WORKERS = 4096


@dataclass(frozen=True)
class DesignCheck:
    """The verdict on a sheet's design at its own peak."""

    ok: bool | None  # None when the sheet gives too few numbers to check
    stated: dict[str, float]  # qps, peak_factor, peak_qps, workers, partitions, p95_ms, p99_ms, retries...
    measured: dict[str, float]  # p95_ms, p99_ms, throughput, utilization ...
    verdict: str  # one line in the sheet's language
    suggestion: str | None


# ------------------------------------------------------------- extraction

_I = re.IGNORECASE
_PERCENTILE_RE = re.compile(r"\bp\s?(95|99)\b", _I)
_PEAK_WORDS = re.compile(r"\b(pico|picos|peak|peaks|punta)\b", _I)
# The clause of a latency target says which latency it is.
_ACCEPT_WORDS = re.compile(
    r"\b(accept\w*|acept\w*|api|202|ack\w*|respon\w*|respuesta|post|ingest\w*|ingesta|enqueue\w*|encolar)\b", _I)
_DELIVERY_WORDS = re.compile(
    r"\b(deliver\w*|entreg\w*|provider|proveedor|end[- ]to[- ]end|extremo a extremo|send|sent|env[ií]\w*|"
    r"llegu?\w*|arriv\w*|reach\w*)\b", _I)
# A figure said of the future or of growth is not today's design.
_GROWTH_WORDS = re.compile(
    r"(\b(?:at|a|con|with)\s+\d+\s?[x×]|\bgrowth\b|\bgrow\w*|\bcrec\w*|\bwould\b|\bwe'd\b|\bthey'd\b|"
    r"\bin (?:one|two|three|\d+) years?\b|\ben (?:un|dos|tres|\d+) años?\b|\bfutur\w*|"
    r"\bnecesitar[ií]\w*|\bhar[ií]an? falta\b|\bdoubl\w*|\bduplic\w*|\bnext year\b|\bel año que viene\b|"
    r"\bscale (?:up )?to\b|\bescalar a\b)",
    _I,
)
_WORKER_NOUN = re.compile(
    r"\s*(?:workers?|consumidores|consumers|instancias de workers?|worker instances|réplicas de workers?)\b", _I)
_WORKER_BEFORE = re.compile(r"\bworkers?\s*[:=]\s*$", _I)
_PARTITION_NOUN = re.compile(r"\s*(?:partitions?|particiones|shards?)\b", _I)
_RETRY_NOUN = re.compile(r"\s*(?:retries|reintentos|intentos|attempts|retry attempts)\b", _I)
_BACKOFF_BEFORE = re.compile(r"\bbackoff\b[^\d\n]{0,40}$", _I)
_TIMEOUT_BEFORE = re.compile(r"\btimeouts?\b[^\d\n]{0,30}$", _I)


def _clause(text: str, span: tuple[int, int]) -> str:
    """The clause around a figure: up to the nearest comma, period, semicolon or line break."""
    start = max(text.rfind(mark, 0, span[0]) for mark in (",", ". ", ";", ":", "\n", "(")) + 1
    ends = [i for i in (text.find(mark, span[1]) for mark in (",", ". ", ";", "\n", ")")) if i >= 0]
    return text[start: min(ends) if ends else len(text)]


def _sentence(text: str, span: tuple[int, int]) -> str:
    """The sentence around a figure (commas kept: "at 10x, we'd need 640 workers")."""
    start = max(text.rfind(mark, 0, span[0]) for mark in (". ", ";", "\n")) + 1
    ends = [i for i in (text.find(mark, span[1]) for mark in (". ", ";", "\n")) if i >= 0]
    return text[start: min(ends) if ends else len(text)]


def _targets(text: str, quantities: list[Quantity]) -> dict[str, float]:
    """The delivery p95/p99 targets in ms: a target said of acceptance is skipped.

    Each "p95"/"p99" takes the first duration after it on the same line (before
    the next percentile). A target whose clause names delivery wins; one whose
    clause names only acceptance (202, API, accept) is never the delivery SLO.
    """
    durations = [q for q in quantities if q.kind == "duration" and q.value > 0]
    marks = list(_PERCENTILE_RE.finditer(text))
    found: dict[str, list[tuple[int, float]]] = {}
    for index, mark in enumerate(marks):
        stop = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        line_end = text.find("\n", mark.end())
        stop = min(stop, line_end if line_end >= 0 else len(text), mark.end() + 60)
        duration = next((q for q in durations if mark.end() <= q.span[0] < stop), None)
        if duration is None:
            continue
        around = _clause(text, (mark.start(), duration.span[1]))
        delivery = bool(_DELIVERY_WORDS.search(around))
        accept = bool(_ACCEPT_WORDS.search(around))
        rank = 0 if delivery else 2 if accept else 1  # delivery first, then unqualified, never accept
        if rank == 2:
            continue
        found.setdefault(f"p{mark[1]}_ms", []).append((rank, round(duration.value * 1000, 3)))
    return {key: min(values, key=lambda item: item[0])[1] for key, values in found.items()}


def _today(text: str, quantity: Quantity) -> bool:
    """A figure of today's design, not of growth ("at 10x we'd need 640 workers")."""
    return not _GROWTH_WORDS.search(_sentence(text, quantity.span))


def _count_before(text: str, quantities: list[Quantity], noun: re.Pattern[str],
                  before: re.Pattern[str] | None = None) -> float | None:
    """The first count of today's design followed by `noun` (or preceded by `before`)."""
    for quantity in quantities:
        if quantity.kind not in ("count", "factor") or quantity.value <= 0 or quantity.value != int(quantity.value):
            continue
        follows = noun.match(text, quantity.span[1])
        precedes = before is not None and before.search(text, 0, quantity.span[0])
        if (follows or precedes) and _today(text, quantity):
            return quantity.value
    return None


def _duration_after(text: str, quantities: list[Quantity], before: re.Pattern[str]) -> float | None:
    for quantity in quantities:
        if quantity.kind == "duration" and quantity.value > 0 and before.search(text, 0, quantity.span[0]):
            return round(quantity.value * 1000, 3)
    return None


def read_design(sheet: Sheet) -> dict[str, float]:
    """The design figures a sheet states; keys are missing when not found."""
    from coach.scoring.numbers import extract_quantities

    def text(*steps: str) -> str:
        return "\n".join(sheet.text(step) for step in steps)

    everything = text(*sheet.answers)
    stated: dict[str, float] = {}
    for step_text in (text("estimates"), text("requirements", "opening"), everything):
        quantities = extract_quantities(step_text)
        rates = [q for q in quantities if q.kind == "rate" and q.value > 0 and _today(step_text, q)]
        if rates and "qps" not in stated:
            # A rate said next to "peak"/"pico" is the peak; the first other one is the average.
            peak = [q for q in rates if _PEAK_WORDS.search(_clause(step_text, q.span))]
            plain = [q for q in rates if q not in peak]
            if plain:
                stated["qps"] = plain[0].value
            if peak:
                stated["peak_qps"] = peak[0].value
            if not plain and peak:
                stated["qps"] = peak[0].value
        per_day = [q for q in quantities if q.kind == "count_per_day" and q.value > 0 and _today(step_text, q)]
        if per_day and "qps" not in stated:
            stated["qps"] = per_day[0].value / 86_400
        factors = [q for q in quantities if q.kind == "factor" and 1 < q.value <= 100 and _today(step_text, q)]
        # "peak x5" before any other factor ("x3 more writes").
        factors.sort(key=lambda q: not _PEAK_WORDS.search(_clause(step_text, q.span)))
        if factors and "peak_factor" not in stated:
            stated["peak_factor"] = factors[0].value
    if "peak_qps" not in stated and "qps" in stated:
        stated["peak_qps"] = stated["qps"] * stated.get("peak_factor", 1.0)
    stated.update(_targets(everything, extract_quantities(everything)))
    design = text("scaling", "architecture", "failures", "estimates") + "\n" + everything
    quantities = extract_quantities(design)
    for noun, before, key in ((_WORKER_NOUN, _WORKER_BEFORE, "workers"), (_PARTITION_NOUN, None, "partitions"),
                              (_RETRY_NOUN, None, "retries")):
        value = _count_before(design, quantities, noun, before)
        if value is not None:
            stated[key] = value
    for before, key in ((_BACKOFF_BEFORE, "backoff_ms"), (_TIMEOUT_BEFORE, "timeout_ms")):
        value = _duration_after(design, quantities, before)
        if value is not None:
            stated[key] = value
    return stated


# ------------------------------------------------------------------ check


def _config(base: SimConfig, stated: dict[str, float], workers: int) -> SimConfig:
    peak = stated["peak_qps"]
    duration = max(5.0, min(60.0, MAX_ARRIVALS / peak))
    overrides: dict[str, object] = {
        "qps": peak, "peak_factor": 1.0, "duration_s": duration, "channels": base.channels[:1],
        "workers": workers, "log_sample_rate": 0.0, "samples": 20,
        # Honest traffic from enough callers that the per-client limit is not what is measured.
        "clients": max(1, math.ceil(peak / (0.5 * base.rate_limit_per_client_qps))),
    }
    if "partitions" in stated:
        overrides["partitions"] = int(stated["partitions"])
    if "retries" in stated:
        overrides["retries"] = int(stated["retries"])
    if "backoff_ms" in stated:
        backoff = stated["backoff_ms"] / 1000
        overrides["backoff_base_s"] = backoff
        overrides["backoff_cap_s"] = max(base.backoff_cap_s, backoff)
    if "timeout_ms" in stated:
        overrides["timeout_s"] = stated["timeout_ms"] / 1000
    return base.with_(**overrides)


def _misses(result: ServiceResult, stated: dict[str, float]) -> list[tuple[str, float, float]]:
    """(percentile, measured ms, target ms) for each stated target the run misses."""
    misses = []
    for name, q in (("p95", 0.95), ("p99", 0.99)):
        target = stated.get(f"{name}_ms")
        if target is None:
            continue
        measured = result.latency.percentile(q) * 1000
        if measured > target or result.throttled:
            misses.append((name, measured, target))
    return misses


def _dur(ms: float, lang: Lang) -> str:
    """1,5 s / 1.5 s, 80 ms."""
    grouping = lang == "es"  # English has always written 1234.5 s
    return f"{decimal(ms / 1000, lang, 1, grouping=grouping)} s" if ms >= 1000 else f"{decimal(ms, lang)} ms"


def check_design(sheet: Sheet, content: Bundle, lang: Lang, seed: int | None = None) -> DesignCheck:
    """Run the sheet's design at its own peak and say whether it meets its own p95/p99 targets.

    The verdict and the suggestion are in `lang`, numbers included (86.400 in Spanish).
    """
    defaults = content.scenario.simulation
    stated = read_design(sheet)

    def g(value: float) -> str:
        return general(value, lang)

    if defaults is None:
        return DesignCheck(None, stated, {}, t("design.no_simulation", lang), None)
    missing = [name for name in ("qps",) if name not in stated]
    targets = [key for key in ("p95_ms", "p99_ms") if key in stated]
    if missing or not targets:
        lacks = [t("design.lacks_qps", lang)] if missing else []
        lacks += [] if targets else [t("design.lacks_target", lang)]
        what = lacks[0] if len(lacks) == 1 else t("design.both", lang, first=lacks[0], second=lacks[1])
        return DesignCheck(None, stated, {}, t("design.cannot_check", lang, lacks=what), t("design.how_to_state", lang))
    base = SimConfig.from_defaults(defaults, seed=defaults.seed if seed is None else seed)
    workers = int(stated.get("workers", base.workers))
    used_default_workers = "workers" not in stated
    result = run_service(_config(base, stated, workers))
    measured = {
        "peak_qps": stated["peak_qps"],
        "workers": float(workers),
        "p95_ms": round(result.latency.percentile(0.95) * 1000, 1),
        "p99_ms": round(result.latency.percentile(0.99) * 1000, 1),
        "throughput": round(result.delivered_total / max(result.end_s, 1e-9), 1),
        "utilization": round(result.utilization(), 3),
        "throttled": float(result.throttled),
    }
    misses = _misses(result, stated)
    if not misses:
        name = "p99" if "p99_ms" in stated else "p95"
        verdict = t(
            "design.meets", lang, name=name, got=_dur(measured[name + "_ms"], lang),
            target=_dur(stated[name + "_ms"], lang), peak=g(stated["peak_qps"]), workers=workers,
            utilization=percent(result.utilization(), lang),
        )
        if used_default_workers:
            verdict += t("design.default_workers", lang)
        return DesignCheck(True, stated, measured, verdict, None)
    name, got, target = misses[-1]
    if result.throttled:
        shard = base.shard_throughput_qps
        needed = math.ceil(stated["peak_qps"] / shard)
        verdict = t(
            "design.throttled", lang, peak=g(stated["peak_qps"]),
            partitions=int(stated.get("partitions", base.partitions)),
            throttled=decimal(result.throttled, lang), shard=g(shard),
        )
        return DesignCheck(False, stated, measured, verdict, t("design.more_partitions", lang, needed=needed))
    enough = _smallest_workers(base, stated, workers)
    verdict = t("design.misses", lang, name=name, got=_dur(got, lang), target=_dur(target, lang))
    if enough is not None:
        verdict += t("design.enough_workers", lang, enough=enough)
        suggestion = t(
            "design.more_workers", lang, enough=enough, workers=workers, peak=g(stated["peak_qps"]),
            service_ms=g(base.service_s * 1000), busy=decimal(stated["peak_qps"] * base.service_s, lang),
        )
    else:
        floor = -math.log(1 - (0.99 if name == "p99" else 0.95)) * base.service_s * 1000
        verdict += t("design.no_workers", lang)
        suggestion = t("design.provider_floor", lang, name=name, floor=_dur(floor, lang))
    return DesignCheck(False, stated, measured, verdict, suggestion)


def _erlang_workers(base: SimConfig, stated: dict[str, float]) -> int | None:
    """The fewest servers whose steady-state M/M/c p95/p99 meet the targets (Erlang C)."""
    from coach.sim.mmc import mmc_response_percentile

    rate, service_rate = stated["peak_qps"], 1 / base.service_s
    servers = math.floor(rate / service_rate) + 1
    while servers <= MAX_WORKERS:
        if all(
            mmc_response_percentile(q, rate, service_rate, servers) * 1000 <= stated[key]
            for key, q in (("p95_ms", 0.95), ("p99_ms", 0.99)) if key in stated
        ):
            return servers
        if servers > 4 * rate / service_rate + 10:
            return None  # more servers no longer help: service time alone misses the target
        servers += 1
    return None


def _smallest_workers(base: SimConfig, stated: dict[str, float], start: int) -> int | None:
    """The fewest workers meeting every stated target.

    A short run near saturation has not reached its steady state and would
    flatter the design, so the search starts where Erlang C says the steady
    state meets the targets, then adds workers until the simulation (with
    failures and retries) meets them too.
    """
    theory = _erlang_workers(base, stated)
    if theory is None:
        return None
    workers = max(start + 1, theory)
    while workers <= MAX_WORKERS:
        if not _misses(run_service(_config(base, stated, workers)), stated):
            return workers
        workers = workers + max(1, workers // 20)
    return None
