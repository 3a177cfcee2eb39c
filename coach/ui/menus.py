"""The bare `coach` menu: questionary prompts for scenario, language, mode and timer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from coach.messages import t
from coach.ui import safe

if TYPE_CHECKING:
    from coach.content import ScenarioEntry
    from coach.i18n import Lang


def ask_menu(entries: list[ScenarioEntry], lang: Lang) -> tuple[str, str, Lang, bool]:
    """Ask for a scenario, a language, a mode and a timer: (scenario id, mode, language, timed)."""
    scenario_id = select(
        t("session.menu_scenario", lang), [(menu_line(entry), entry.id) for entry in entries]
    )
    lang_choice: Lang = select(
        t("session.menu_lang", lang),
        [("Español", "es"), ("English", "en")],
        default="es" if lang == "es" else "en",
    )
    mode = select(
        t("session.menu_mode", lang_choice),
        [
            (t("session.practice", lang_choice), "practice"),
            (t("session.mock", lang_choice), "mock"),
        ],
    )
    timed = select(
        t("session.menu_timed", lang_choice),
        [(t("session.timed_yes", lang_choice), True), (t("session.timed_no", lang_choice), False)],
    )
    return scenario_id, mode, lang_choice, timed


def select(question: str, choices: Sequence[tuple[str, Any]], default: Any = None) -> Any:
    """One questionary list: `choices` are (shown text, value returned); Ctrl-C raises KeyboardInterrupt."""
    import questionary

    options = [questionary.Choice(shown, value=value) for shown, value in choices]
    return questionary.select(question, choices=options, default=default).unsafe_ask()


def menu_line(entry: ScenarioEntry) -> str:
    """A scenario in the menu: `Title (id) · hard · 45 min — one-line summary`."""
    minutes = f" · {entry.duration_min} min" if entry.duration_min else ""
    line = f"{entry.title} ({entry.id}) · {entry.difficulty_label}{minutes} — {entry.summary}"
    return safe.clean(line, one_line=True)
