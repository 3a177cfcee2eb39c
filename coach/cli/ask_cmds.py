"""`coach ask`: the interviewer answers one clarifying question from a scenario's facts."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.cli.common import (
    JsonOption,
    LangOption,
    console,
    emit_json,
    fail_on_error,
    load_bundle,
    resolve,
)


def ask_cmd(
    scenario_id: Annotated[str, typer.Argument(metavar="SCENARIO", help="Scenario id, e.g. notifications.")],
    question: Annotated[str, typer.Argument(metavar="QUESTION", help="One clarifying question, quoted.")],
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ask the interviewer a clarifying question; the answer comes from the scenario's facts.

    A design question ("should I use Kafka?") is your call; a question no fact covers
    is yours to assume. `coach sheet` lists the topics you may ask about.

    Without --lang (or COACH_LANG), the answer comes in the question's language.

    Example: coach ask notifications "¿cuánto tráfico hay en pico?"
    """
    import os

    from coach.interviewer import answer_question, question_lang

    with fail_on_error():
        # without --lang or COACH_LANG, a Spanish question gets a Spanish answer whatever the locale
        asked_in = None if lang or os.environ.get("COACH_LANG") else question_lang(question)
        chosen = resolve(asked_in or lang)
        content = load_bundle(scenario_id)
        answer = answer_question(content, question, chosen)
        if as_json:
            emit_json({"scenario": content.scenario.id, **answer.to_json()})
            return
        from coach.ui.asking import answer_line

        console().print(answer_line(answer, chosen), soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add `coach ask` to the root app."""
    app.command("ask")(ask_cmd)
