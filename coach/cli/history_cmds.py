"""Commands over stored sessions: `coach history`, `coach stats` and `coach export`.

Each reads the history store, shapes JSON or hands the records to coach/ui/render.py.
Heavy modules load inside the commands so `coach --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli.common import (
    ForceOption,
    JsonOption,
    LangOption,
    check_export_target,
    console,
    emit_json,
    fail_on_error,
    load_bundle,
    open_store,
    resolve,
    session_engines,
    try_bundle,
)
from coach.ui import safe

if TYPE_CHECKING:
    from coach.i18n import Lang
    from coach.store import ScenarioTotals, SessionRecord, Store, StoredCard


WEEK_S = 7 * 86_400


def history_cmd(lang: LangOption = None, as_json: JsonOption = False) -> None:
    """List past sessions: date, scenario, mode, language, total, duration.

    Example: coach history --json
    """
    from coach.ui import render

    with fail_on_error():
        chosen = resolve(lang)
        records = open_store().sessions()
        if as_json:
            emit_json({"sessions": [_history_json(r) for r in records]})
            return
        levels: dict[str, dict[str, str]] = {}
        for scenario_id in sorted({r.scenario for r in records}):
            content = try_bundle(scenario_id)
            if content is not None:
                from coach.scoring.level import content_labels

                levels = content_labels(content)
                break
        render.history(console(), records, chosen, levels)


def _history_json(record: SessionRecord) -> dict[str, object]:
    import time

    return {
        "id": record.id,
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.started_at)),
        "scenario": record.scenario,
        "mode": record.mode,
        "lang": record.lang,
        "status": record.status,
        "steps": list(record.steps),
        "answered": len(record.answers),
        "total": record.total,
        "level": record.level,
        "duration_s": round(record.duration_s, 1),
    }


def stats_cmd(
    scenario: Annotated[str | None, typer.Option("--scenario", help="Only this scenario.")] = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """Per-step trends overall and per scenario, the items missed most often, what is due for review this week, and what keeps lapsing.

    Example: coach stats · coach stats --scenario notifications --json
    """
    from coach.ui import render

    with fail_on_error():
        chosen = resolve(lang)
        store = open_store()
        trends = store.step_trends(scenario)
        totals = [row for row in store.scenario_totals() if scenario in (None, row.scenario)]
        scenario_ids = [row.scenario for row in totals] or ([scenario] if scenario else [])
        # Items are missed per scenario: a scenario's own ids only mean something with its labels.
        missed = {sid: store.most_missed(scenario=sid) for sid in scenario_ids}
        now = store.now()
        week = store.due_cards(now + WEEK_S, scenario)
        lapsing = store.lapsing(scenario=scenario)
        if as_json:
            emit_json({
                "scenario": scenario,
                "trends": [{"step": tr.step, "scores": list(tr.scores)} for tr in trends],
                "most_missed": [m.__dict__ for m in store.most_missed(scenario=scenario)],
                "due_now": sum(1 for c in week if c.due_at <= now),
                "due_this_week": [_card_json(c) for c in week],
                "lapsing": [_card_json(c) for c in lapsing],
                "scenarios": [
                    _scenario_stats_json(store, row, [c for c in week if c.scenario == row.scenario], now)
                    for row in totals
                ],
            })
            return
        shown = {*scenario_ids, *(c.scenario for c in (*week, *lapsing))}
        contents = {sid: try_bundle(sid) for sid in sorted(shown)}
        out = console()
        render.stats(out, trends, missed, contents, chosen, totals)
        render.reviews(out, week, lapsing, now, contents, chosen)


def _scenario_stats_json(store: Store, row: ScenarioTotals, week: list[StoredCard], now: float) -> dict[str, object]:
    """One scenario's part of `coach stats --json`."""
    return {
        "scenario": row.scenario,
        "sessions": row.sessions,
        "last": round(row.last, 4),
        "best": round(row.best, 4),
        "mean": round(row.mean, 4),
        "trends": [{"step": tr.step, "scores": list(tr.scores)} for tr in store.step_trends(row.scenario)],
        "most_missed": [m.__dict__ for m in store.most_missed(scenario=row.scenario)],
        "due_now": sum(1 for c in week if c.due_at <= now),
        "due_this_week": len(week),
    }




def _card_json(card: StoredCard) -> dict[str, object]:
    import time

    return {
        "scenario": card.scenario,
        "item": card.key,
        "step": card.step,
        "kind": card.kind,
        "due": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(card.due_at)),
        "reviews": card.reviews,
        "lapses": card.lapses,
    }


def export_cmd(
    session_id: Annotated[str, typer.Argument(metavar="SESSION_ID", help="From `coach history`.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    force: ForceOption = False,
) -> None:
    """Write a stored session's answer sheet (Markdown) again, re-scored.

    Example: coach export 20261128-0952-ab12 --out sesion.md
    """
    from coach.export import session_export
    from coach.files import write_atomic
    from coach.messages import t
    from coach.session import scorecard_from_record

    with fail_on_error():
        store = open_store()
        record = store.session(session_id)
        content = load_bundle(record.scenario)
        lang: Lang = "es" if record.lang == "es" else "en"
        check_export_target(out, force, lang)
        engines = session_engines()
        card = scorecard_from_record(record, content, engines)
        text = session_export(card, content, engines, started_at=record.started_at)
        if out is None:
            sys.stdout.write(text)
            return
        write_atomic(out, text)
        typer.echo(t("session.export_written", lang, path=safe.clean(str(out), one_line=True)), err=True)
