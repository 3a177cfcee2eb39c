"""The interviewer answers clarifying questions from the notifications facts, in both languages."""

from __future__ import annotations

import pytest

from coach.asked import AskKind, is_question, pick_question, with_questions
from coach.content import Bundle, Library
from coach.errors import CoachError
from coach.interviewer import answer_question, interviewer_for

# (question, kind, fact id or design item id or None)
SPANISH = [
    ("¿cuánto tráfico hay en pico?", "fact", "volumes"),
    ("¿cuántas notificaciones al día?", "fact", "volumes"),
    ("¿cuánto crece el tráfico?", "fact", "volumes"),
    ("¿cuántos usuarios activos hay?", "fact", "users"),
    ("¿cuál es el tamaño medio de un evento?", "fact", "event_size"),
    ("¿qué canales soportamos?", "fact", "channels"),
    ("¿hay que soportar in-app?", "fact", "channels"),
    ("¿qué prioridades hay?", "fact", "priorities"),
    ("¿cuál es el SLA de la API?", "fact", "slas"),
    ("¿qué disponibilidad necesitamos?", "fact", "availability"),
    ("¿cuánto tiempo guardamos los datos?", "fact", "retention"),
    ("¿aplica el RGPD?", "fact", "compliance"),
    ("¿se envían notificaciones de noche?", "fact", "quiet_hours"),
    ("¿cuántas plantillas hay?", "fact", "templates"),
    ("¿qué proveedores usamos?", "fact", "providers"),
    ("¿cuál es la cuota de email del proveedor?", "fact", "provider_limits"),
    ("¿quién llama a la API?", "fact", "clients"),
    ("¿importa el orden de los mensajes?", "fact", "ordering"),
    ("¿cuánto cuesta el SMS?", "fact", "budget"),
    ("¿cuántas notificaciones recibe cada usuario al día?", "fact", "per_user"),
    ("¿cada cuánto hay campañas?", "fact", "campaigns"),
    ("¿cuándo caduca un código de verificación?", "fact", "expiry"),
    ("¿quién puede enviar con prioridad alta?", "fact", "caller_permissions"),
    ("¿en qué zonas horarias están los usuarios?", "fact", "time_zones"),
    ("¿qué RTO y RPO tenemos?", "fact", "disaster_recovery"),
    ("¿uso una cola?", "design", "arch.queue"),
    ("¿pongo un circuit breaker?", "design", "fail.circuit_breaker"),
    ("¿debería particionar por usuario?", "design", "scale.partition_key"),
    ("¿usamos Cassandra o Postgres?", "design", "arch.storage"),
    ("¿quién ganó el mundial?", "unknown", None),
    ("¿de qué color es el logo?", "unknown", None),
]
ENGLISH = [
    ("peak QPS?", "fact", "volumes"),
    ("what's the average traffic?", "fact", "volumes"),
    ("how fast is traffic growing?", "fact", "volumes"),
    ("how many users", "fact", "users"),
    ("how big is each notification?", "fact", "event_size"),
    ("which channels do we support?", "fact", "channels"),
    ("do we need WhatsApp?", "fact", "channels"),
    ("what's the SLA for high priority?", "fact", "slas"),
    ("what's the p99 latency target?", "fact", "slas"),
    ("can we lose an accepted notification?", "fact", "availability"),
    ("how long do we keep the audit trail?", "fact", "retention"),
    ("is GDPR relevant?", "fact", "compliance"),
    ("do we need consent for marketing SMS?", "fact", "compliance"),
    ("what about quiet hours?", "fact", "quiet_hours"),
    ("how many templates are there?", "fact", "templates"),
    ("which providers do we use?", "fact", "providers"),
    ("what's the SMS throughput of the provider?", "fact", "provider_limits"),
    ("who calls the API?", "fact", "clients"),
    ("do messages need to arrive in order?", "fact", "ordering"),
    ("how much does SMS cost?", "fact", "budget"),
    ("how many notifications does each user get per day?", "fact", "per_user"),
    ("how often do marketing campaigns run?", "fact", "campaigns"),
    ("how long is a verification code valid?", "fact", "expiry"),
    ("who can send high priority?", "fact", "caller_permissions"),
    ("what time zones are the users in?", "fact", "time_zones"),
    ("what happens if a whole region goes down?", "fact", "disaster_recovery"),
    ("should I use Kafka?", "design", "arch.queue"),
    ("would you use Redis for dedup?", "design", "cons.dedup"),
    ("do we need a DLQ?", "design", "fail.dlq"),
    ("should I use websockets?", "design", None),
    ("what's the weather like?", "unknown", None),
    ("what's the meaning of life?", "unknown", None),
]


@pytest.fixture(scope="module")
def notifications() -> Bundle:
    return Library(use_user_dir=False).bundle("notifications")


@pytest.mark.parametrize(("question", "kind", "ref"), SPANISH + ENGLISH)
def test_question_finds_its_answer(notifications: Bundle, question: str, kind: str, ref: str | None) -> None:
    """Each question of the table gets its kind and its fact (or the design item it names)."""
    answer = answer_question(notifications, question, "en")
    assert (answer.kind.value, answer.fact_id or answer.item_id) == (kind, ref)


def test_fact_answer_carries_the_numbers_in_the_session_language(notifications: Bundle) -> None:
    """The same question answers in Spanish or English, with the fact's figures and topic."""
    es = answer_question(notifications, "peak QPS?", "es")
    en = answer_question(notifications, "¿cuánto tráfico hay en pico?", "en")
    assert es.fact_id == en.fact_id == "volumes"
    assert "500 req/s" in es.text and es.topic == "Volúmenes" and es.text.startswith("100 notificaciones")
    assert "500 req/s" in en.text and en.topic == "Volumes" and en.text.startswith("100 notifications")


def test_design_and_unknown_answers_are_one_bilingual_line(notifications: Bundle) -> None:
    """A design question is the candidate's call; an uncovered one asks for an assumption."""
    design_es = answer_question(notifications, "should I use Kafka?", "es")
    design_en = answer_question(notifications, "¿uso una cola?", "en")
    assert design_es.kind is AskKind.DESIGN and design_es.text.startswith("Eso lo decides tú")
    assert design_en.text.startswith("That's your call: state it as a decision")
    assert design_en.topic == notifications.item("arch.queue")[1].label("en")
    unknown = answer_question(notifications, "what's the weather like?", "es")
    assert unknown.kind is AskKind.UNKNOWN and unknown.text.startswith("No está especificado")
    assert answer_question(notifications, "¿quién ganó el mundial?", "en").text == (
        "Not specified: state your assumption and move on."
    )
    assert all("\n" not in a.text for a in (design_es, design_en, unknown))


def test_json_shape(notifications: Bundle) -> None:
    """The result object is what `coach ask --json` prints."""
    payload = answer_question(notifications, "  is GDPR\n relevant? ", "en").to_json()
    assert payload["question"] == "is GDPR relevant?"
    assert (payload["kind"], payload["fact"], payload["topic"], payload["item"]) == (
        "fact", "compliance", "Compliance", None
    )


@pytest.mark.parametrize("question", ["", "   \n ", "x" * 501])
def test_bad_questions_are_user_errors(notifications: Bundle, question: str) -> None:
    """An empty or essay-long question is a one-line error, not an answer."""
    with pytest.raises(CoachError):
        answer_question(notifications, question, "en")


def test_topics_never_give_the_answers(notifications: Bundle) -> None:
    """The topics are the facts' topics, per language."""
    interviewer = interviewer_for(notifications)
    assert interviewer.topics("es")[:2] == ["Volúmenes", "Usuarios"]
    assert interviewer.topics("en")[:2] == ["Volumes", "Users"]
    assert len(interviewer.topics("en")) == len(notifications.scenario.facts)


def test_every_shipped_fact_has_matching_rules(notifications: Bundle) -> None:
    """Each notifications fact carries `match` data in both languages."""
    assert all(fact.match is not None for fact in notifications.scenario.facts)


@pytest.mark.parametrize(
    ("text", "row", "expected"),
    [
        ("Aclaro el alcance.\n¿cuánto tráfico hay en pico?", 1, "¿cuánto tráfico hay en pico?"),
        ("Aclaro el alcance. ¿cuánto tráfico hay en pico?", 0, "¿cuánto tráfico hay en pico?"),
        ("¿SLAs? ¿retención? Propongo una API.", 0, "¿retención?"),
        ("peak QPS?\nI propose API → queue", 1, "peak QPS?"),  # the cursor's line does not ask: the last that does
        ("- how many users?", 0, "how many users?"),
        ("how many users", 0, "how many users"),
        ("", 0, None),
    ],
)
def test_pick_question_takes_the_line_that_asks(text: str, row: int, expected: str | None) -> None:
    """Ctrl-Q asks the cursor's line if it is a question, else the last question line, else the line."""
    assert pick_question(text, row) == expected


def test_with_questions_appends_only_what_the_answer_lacks() -> None:
    """Asked questions join the answer once; one still typed there is not repeated."""
    assert with_questions("API → queue.", ["peak QPS?", "peak QPS?"]) == "API → queue.\n\npeak QPS?"
    assert with_questions("peak  QPS? API.", ["peak QPS?"]) == "peak  QPS? API."
    assert with_questions("", ["¿RGPD?"]) == "¿RGPD?"
    assert is_question("¿cuánto?") and is_question("peak?") and not is_question("peak.")
