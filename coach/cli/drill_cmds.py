"""`coach drill`: practise what is due for review (spaced repetition), or one step.

The scenario, the steps and their focus come from coach.rehearsal and coach.review; the
interview runs through coach/cli/interview.py and the scorecard is coach/ui/render.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli.common import (
    LangOption,
    console,
    fail_on_error,
    library,
    load_bundle,
    open_store,
    resolve,
    session_engines,
    try_bundle,
)
from coach.cli.interview import interview, require_terminal

if TYPE_CHECKING:
    from coach.content import Bundle
    from coach.i18n import Lang
    from coach.session import Scorecard
    from coach.store import Store

NoTimerOption = Annotated[
    bool, typer.Option("--no-timer", help="No countdown and no pacing report.")
]


def drill_cmd(
    step: Annotated[
        str | None,
        typer.Argument(
            metavar="[STEP]",
            help="A step: its id, title or number (7, failures, Fallos). Default: what is due for review.",
        ),
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario",
            help="Scenario id (default: every scenario with items due; with STEP, the latest session's).",
        ),
    ] = None,
    lang: LangOption = None,
    no_timer: NoTimerOption = False,
) -> None:
    """Practise what is due for review (spaced repetition), or one step.

    With no STEP, asks the steps whose checklist items are due (FSRS), across
    scenarios; with STEP, that step, focused on the items you missed most often.

    Example: coach drill · coach drill 7 · coach drill failures --scenario notifications --lang es
    """
    from coach import rehearsal
    from coach.ui import render

    with fail_on_error():
        chosen = resolve(lang)
        if step is None:
            _drill_due(scenario, chosen, no_timer)
            return
        content = load_bundle(
            scenario or rehearsal.drill_scenario_of(open_store(), library().scenarios)
        )
        found = rehearsal.find_step(content, step, chosen)
        require_terminal(chosen)
        store = open_store()
        focus = rehearsal.missed_focus(store, content, found.id, chosen, render.item_label)
        card = _drill(store, content, (found.id,), focus, chosen, no_timer)
        render.scorecard(console(), content, card, chosen)


def _drill(
    store: Store,
    content: Bundle,
    steps: tuple[str, ...],
    focus: dict[str, tuple[str, ...]],
    lang: Lang,
    no_timer: bool,
) -> Scorecard:
    from coach.rehearsal import drill_config
    from coach.session import Session

    config = drill_config(content, steps, lang, timed=not no_timer)
    session = Session(content, config, store, engines=session_engines(), focus=focus)
    return interview(console(), session, content, lang)


def _drill_due(scenario: str | None, lang: Lang, no_timer: bool) -> None:
    """`coach drill` with no step: every scenario with cards due now, the steps with most due first."""
    from coach import rehearsal
    from coach.ui import render, session_flow

    store = open_store()
    due = store.due_cards(store.now(), scenario)
    if not due:
        session_flow.nothing_due(console(), store.cards(scenario), lang)
        return
    require_terminal(lang)
    for plan in rehearsal.due_plans(due):
        content = try_bundle(plan.scenario)
        if content is None:
            continue  # a scenario no longer installed
        focus = rehearsal.due_focus(plan, content, lang, render.item_label)
        out = console()
        session_flow.drill_heading(out, content, plan.due, lang)
        result = _drill(store, content, plan.steps, focus, lang, no_timer)
        render.scorecard(out, content, result, lang)
