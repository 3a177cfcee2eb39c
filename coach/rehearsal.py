"""The choices `coach run`, `resume` and `drill` make before the prompts start.

Parsing --mode and --steps, the session's configuration and seed, the session to resume,
the scenario and focus of a drill: plain functions over content and the store that raise
a CoachError on bad input, so the commands in coach/cli/session_cmds.py stay thin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from coach.content import STEP_IDS, suggest
from coach.errors import CoachError, in_lang
from coach.messages import problem, t
from coach.session import Mode, SessionConfig

if TYPE_CHECKING:
    from coach.content import Bundle, Step
    from coach.i18n import Lang
    from coach.review import DuePlan
    from coach.sheet import Sheet
    from coach.store import Store, StoredCard

DUE_STEPS = 3  # a due drill asks at most this many steps (those with the most items due)
DUE_FOCUS = 5  # and shows at most this many due items per step
MISSED_FOCUS = 3  # a drill of one step shows the items missed most often, at most this many
DEFAULT_SEED = 42  # a scenario without a simulation still seeds the session's choices

Label = Callable[["Bundle", str, "Lang"], str]


def parse_mode(value: str, lang: Lang) -> Mode:
    """`--mode practice|mock`."""
    if value not in ("practice", "mock"):
        raise CoachError(t("session.bad_mode", lang, value=value))
    return Mode(value)


def _bad_step(raw: str, token: str, lang: Lang) -> CoachError:
    hint = in_lang(suggest(token, STEP_IDS), lang)
    return CoachError(t("session.bad_step", lang, step=raw, hint=hint, steps=", ".join(STEP_IDS)))


def parse_steps(value: str | None, lang: Lang) -> tuple[str, ...]:
    """`--steps requirements,7`: step ids or numbers (1-9, any case), kept in framework order; all when None."""
    if not value:
        return STEP_IDS
    numbered = {
        str(number): step for number, step in enumerate(STEP_IDS) if 0 < number < len(STEP_IDS) - 1
    }
    wanted = set()
    for raw in value.split(","):
        token = raw.strip().lower()
        step = numbered.get(token, token)
        if step not in STEP_IDS:
            raise _bad_step(raw.strip(), token, lang)
        wanted.add(step)
    return tuple(step for step in STEP_IDS if step in wanted)


def find_step(content: Bundle, value: str, lang: Lang) -> Step:
    """The step `coach drill STEP` names (id, title or number), or a one-line error with a suggestion."""
    found = content.framework.find_step(value)
    if found is None:
        raise _bad_step(value, value.lower(), lang)
    return found


def seed_of(content: Bundle) -> int:
    """The scenario's simulation seed, so a session's demos match `coach simulate`."""
    simulation = content.scenario.simulation
    return simulation.seed if simulation is not None else DEFAULT_SEED


def check_run_flags(mode: str, *, speak: bool, no_timer: bool, lang: Lang) -> Mode:
    """`coach run`'s flags that need no content: --mode, and --speak without --no-timer."""
    chosen = parse_mode(mode, lang)
    if speak and no_timer:
        raise CoachError(t("session.speak_no_timer", lang))
    return chosen


def read_answers(path: Path | None, scenario_id: str, lang: Lang) -> Sheet | None:
    """The filled sheet of `--answers` (None without it); one whose header names another scenario is refused."""
    from coach.sheet import read_sheet

    if path is None:
        return None
    sheet = read_sheet(path)
    if sheet.scenario not in (None, scenario_id):
        raise CoachError(
            t("session.other_scenario", lang, path=path, sheet=sheet.scenario, scenario=scenario_id)
        )
    return sheet


def run_lang(asked: Lang, explicit: bool, sheet: Sheet | None) -> Lang:
    """The session's language: --lang when given, else the one the sheet's header names, else `asked`."""
    if explicit or sheet is None or sheet.lang is None:
        return asked
    return sheet.lang


def run_config(
    content: Bundle,
    lang: Lang,
    mode: Mode,
    *,
    sheet: Sheet | None,
    no_timer: bool,
    speak: bool,
    steps: str | None,
) -> SessionConfig:
    """A `coach run` session's configuration; a session from a sheet is neither timed nor spoken."""
    return SessionConfig(
        scenario=content.scenario.id,
        lang=lang,
        mode=mode,
        timed=not no_timer and sheet is None,
        speak=speak and sheet is None,
        seed=seed_of(content),
        steps=parse_steps(steps, lang),
    )


def drill_config(
    content: Bundle, steps: tuple[str, ...], lang: Lang, *, timed: bool
) -> SessionConfig:
    """A drill's configuration: the given steps, with feedback."""
    return SessionConfig(
        scenario=content.scenario.id,
        lang=lang,
        mode=Mode.DRILL,
        timed=timed,
        steps=steps,
        seed=seed_of(content),
    )


def drill_scenario_of(store: Store, installed: Iterable[str]) -> str:
    """The scenario a drill without --scenario practises: the latest session's, else the only one installed."""
    from coach.review import drill_scenario

    known = set(installed)
    recent = (record.scenario for record in store.sessions(limit=20))
    chosen = drill_scenario(None, recent, known)
    if chosen is None:
        raise CoachError(problem("session.which_scenario", known=", ".join(sorted(known))))
    return chosen


def missed_focus(
    store: Store, content: Bundle, step_id: str, lang: Lang, label: Label
) -> dict[str, tuple[str, ...]]:
    """A one-step drill's focus: the labels of the step's items missed most often before."""
    missed = store.most_missed(scenario=content.scenario.id, step=step_id, limit=MISSED_FOCUS)
    return {step_id: tuple(label(content, m.item_id, lang) for m in missed)}


def due_plans(due: Iterable[StoredCard]) -> list[DuePlan]:
    """The due drills, one per scenario with cards due, the steps with most due first."""
    from coach.review import plan_due

    return plan_due(((c.scenario, c.step, c.key) for c in due), STEP_IDS, DUE_STEPS)


def due_focus(
    plan: DuePlan, content: Bundle, lang: Lang, label: Label
) -> dict[str, tuple[str, ...]]:
    """A due drill's focus: the labels of each step's first due items."""
    keys: Mapping[str, tuple[str, ...]] = plan.keys
    return {
        step: tuple(label(content, key, lang) for key in step_keys[:DUE_FOCUS])
        for step, step_keys in keys.items()
    }
