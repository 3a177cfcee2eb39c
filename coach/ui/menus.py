"""The bare `coach` menu: questionary prompts for scenario, language, mode and timer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.messages import t
from coach.ui import safe

if TYPE_CHECKING:
    from coach.content import ScenarioEntry
    from coach.i18n import Lang


def ask_menu(entries: list[ScenarioEntry], lang: Lang) -> tuple[str, str, Lang, bool]:
    """Ask for a scenario, a language, a mode and a timer: (scenario id, mode, language, timed)."""
    import questionary

    choices = [questionary.Choice(menu_line(entry), value=entry.id) for entry in entries]
    scenario_id = questionary.select(t("session.menu_scenario", lang), choices=choices).unsafe_ask()
    lang_choice = questionary.select(
        t("session.menu_lang", lang),
        choices=[questionary.Choice("Español", value="es"), questionary.Choice("English", value="en")],
        default="es" if lang == "es" else "en",
    ).unsafe_ask()
    mode = questionary.select(
        t("session.menu_mode", lang_choice),
        choices=[
            questionary.Choice(t("session.practice", lang_choice), value="practice"),
            questionary.Choice(t("session.mock", lang_choice), value="mock"),
        ],
    ).unsafe_ask()
    timed = questionary.select(
        t("session.menu_timed", lang_choice),
        choices=[
            questionary.Choice(t("session.timed_yes", lang_choice), value=True),
            questionary.Choice(t("session.timed_no", lang_choice), value=False),
        ],
    ).unsafe_ask()
    return scenario_id, mode, lang_choice, timed


def menu_line(entry: ScenarioEntry) -> str:
    """A scenario in the menu: `Title (id) · hard · 45 min — one-line summary`."""
    minutes = f" · {entry.duration_min} min" if entry.duration_min else ""
    line = f"{entry.title} ({entry.id}) · {entry.difficulty_label}{minutes} — {entry.summary}"
    return safe.clean(line, one_line=True)
