"""`coach demo`: walk the reference service through each step of the framework, on real numbers.

The simulation, content and the renderers (coach/ui/sim_report.py) are imported inside the
command so `coach --help` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from coach.content import Bundle
    from coach.i18n import Lang


def register(app: typer.Typer) -> None:
    """Add `demo` to the root app."""
    app.command("demo")(demo)


def demo(
    scenario: Annotated[str, typer.Argument(help="Scenario id, e.g. notifications.")],
    step: Annotated[str | None, typer.Option("--step", metavar="STEP", help="One step: requirements, estimates, api, architecture, consistency, scaling, failures, observability, security.")] = None,
    seed: Annotated[str | None, typer.Option("--seed", metavar="N", help="Random seed.")] = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Walk the reference service through each step of the framework, on real numbers.

    Example: coach demo notifications --step failures --lang es
    """
    with fail_on_error():
        chosen = resolve(lang)
        content = load_bundle(scenario)
        from coach.messages import problem
        from coach.steps import FRAMEWORK_STEP_IDS as DEMO_STEPS

        if step is not None and step not in DEMO_STEPS:
            raise CoachError(problem("demo.unknown_step", step=step, steps=", ".join(DEMO_STEPS)))
        seed_value = parse_number("--seed", seed, integer=True)
        if not content.scenario.has_simulation:
            _no_simulation(content, chosen, as_json)
            return
        from coach.sim.demos import run_demo

        steps = [step] if step else list(DEMO_STEPS)
        demos = [run_demo(content, name, chosen, seed=None if seed_value is None else int(seed_value))
                 for name in steps]
        from coach.ui.sim_report import demo_json, render_demo

        if as_json:
            emit_json({"scenario": scenario, "lang": chosen, "demos": [demo_json(d) for d in demos]})
            return
        out = console()
        for item in demos:
            render_demo(out, item, chosen)


def _no_simulation(content: Bundle, lang: Lang, as_json: bool) -> None:
    """`coach demo` for a scenario without [simulation]: say so, and list the figures to compute by hand."""
    from coach.sim.hand import hand_estimates

    note = hand_estimates(content.scenario, lang)
    if as_json:
        emit_json({
            "scenario": note.scenario, "lang": lang, "simulation": False, "statement": note.statement,
            "hand_estimates": list(note.lines), "demos": [],
        })
        return
    from coach.ui.sim_report import render_hand_estimates

    render_hand_estimates(console(), note)
