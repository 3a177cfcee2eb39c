"""`coach ask`: one clarifying question answered from the scenario's facts, as text or JSON."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.content import Library

runner = CliRunner()

VOLUMES_ES = (
    "↳ Entrevistador · Volúmenes: 100 notificaciones por segundo de media (unos 8,64 millones al día). "
    "Las campañas provocan picos de 5× (500 req/s) durante 10–15 minutos. "
    "Esperamos duplicar el tráfico cada año (4× en dos años).\n"
)


def test_ask_prints_the_fact_in_the_chosen_language() -> None:
    """A Spanish question about peak traffic prints the volumes fact, with its numbers."""
    result = runner.invoke(app, ["ask", "notifications", "¿cuánto tráfico hay en pico?", "--lang", "es"])
    assert result.exit_code == 0
    assert result.stdout == VOLUMES_ES


def test_ask_answers_an_english_question_in_spanish() -> None:
    """Matching reads both languages; the answer follows --lang."""
    result = runner.invoke(app, ["ask", "notifications", "peak QPS?", "--lang", "es"])
    assert (result.exit_code, result.stdout) == (0, VOLUMES_ES)


def test_ask_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --lang, COACH_LANG picks the answer's language."""
    monkeypatch.setenv("COACH_LANG", "en")
    result = runner.invoke(app, ["ask", "notifications", "how many users"])
    assert result.exit_code == 0
    assert result.stdout == (
        "↳ Interviewer · Users: One million active users, each with per-channel preferences "
        "and up to 3 devices for push.\n"
    )


def test_ask_answers_in_the_question_language_without_a_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    """No --lang and no COACH_LANG, an English locale: a Spanish question is answered in Spanish."""
    monkeypatch.delenv("COACH_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    spanish = runner.invoke(app, ["ask", "notifications", "cuánto tráfico hay en el pico de las campañas"])
    assert (spanish.exit_code, spanish.stdout) == (0, VOLUMES_ES)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    english = runner.invoke(app, ["ask", "notifications", "how much traffic is there at the peak?"])
    assert english.exit_code == 0 and english.stdout.startswith("↳ Interviewer · Volumes: 100 notifications")


def test_ask_design_question_is_your_call() -> None:
    """A design question gets one line: your call, stated as a decision."""
    result = runner.invoke(app, ["ask", "notifications", "should I use Kafka?", "--lang", "en"])
    assert result.exit_code == 0
    assert result.stdout == (
        "↳ Interviewer · Queue or stream: That's your call: state it as a decision "
        "(what you choose, why, and what you give up).\n"
    )


def test_ask_json_carries_kind_fact_topic_and_answer() -> None:
    """--json prints one object with the result's fields."""
    result = runner.invoke(app, ["ask", "notifications", "is GDPR relevant?", "--lang", "en", "--json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload == {
        "scenario": "notifications",
        "question": "is GDPR relevant?",
        "lang": "en",
        "kind": "fact",
        "fact": "compliance",
        "topic": "Compliance",
        "item": None,
        "answer": payload["answer"],
    }
    assert payload["answer"].startswith("There are EU users, so GDPR applies")


def test_ask_json_unknown() -> None:
    """A question no fact covers is `unknown`, with the assumption line."""
    result = runner.invoke(app, ["ask", "notifications", "¿quién ganó el mundial?", "--lang", "es", "--json"])
    payload = json.loads(result.stdout)
    assert (result.exit_code, payload["kind"], payload["fact"]) == (0, "unknown", None)
    assert payload["answer"] == "No está especificado: di qué supones y sigue adelante."


_KNOWN = ", ".join(sorted(Library(use_user_dir=False).scenarios))  # every shipped scenario


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["ask", "notifications", "   "], "coach: the question is empty\n"),
        (["ask", "notifications", "   ", "--lang", "es"], "coach: la pregunta está vacía\n"),
        (["ask", "nope", "peak QPS?", "--lang", "en"], f"coach: unknown scenario 'nope' (known: {_KNOWN})\n"),
        (["ask", "notifications", "peak QPS?", "--lang", "fr"], "coach: --lang: unknown language 'fr'; use es or en\n"),
    ],
)
def test_ask_bad_input_exits_2_with_one_line(args: list[str], line: str) -> None:
    """Bad input is one line on stderr and exit status 2, nothing on stdout."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == line


def test_ask_too_long_question() -> None:
    """An essay is not a question: exit 2."""
    result = runner.invoke(app, ["ask", "notifications", "why? " * 200, "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.startswith("coach: the question is 999 characters long")


def test_sheet_lists_the_topics_not_the_answers() -> None:
    """The blank sheet's prompt block names what one may ask about, in its language."""
    es = runner.invoke(app, ["sheet", "notifications", "--lang", "es"]).stdout
    en = runner.invoke(app, ["sheet", "notifications", "--lang", "en"]).stdout
    assert "> Puedes preguntar al entrevistador por: Volúmenes, Usuarios, Tamaño de los eventos," in es
    assert '`coach ask notifications "…?"`' in es
    assert "> You may ask the interviewer about: Volumes, Users, Event size," in en
    assert "500 req/s" not in es and "500 req/s" not in en
    prompt_block = en.split("<!-- /coach:prompt -->")[0]
    assert "You may ask the interviewer about" in prompt_block
