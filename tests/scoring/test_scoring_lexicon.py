"""The house's vocabulary (coach/scoring/lexicon.py): a document that borrows the design's words
for dishes or plays, but whose other words are about something else, decides nothing; an answer
about the system, however terse, speaks the content's own vocabulary."""

from __future__ import annotations

from coach.scoring import score_answers
from coach.scoring.lexicon import (
    OFF_VOCABULARY_MIN_WORDS,
    OFF_VOCABULARY_SHARE,
    bundle_lexicon,
    known_share,
    lexicon_of,
    off_vocabulary,
    shipped_lexicon,
)
from coach.scoring.normalize import analyse

# A tasting menu in the design's words, "we" serving: each course a pun on a technique.
MENU = {
    "architecture": (
        "Quinto pase: rabo de ternera guisado a fuego lento durante doce horas, deshuesado y prensado, "
        "con puré de chirivía, chalotas glaseadas y su jugo reducido al oporto. "
        "Lo servimos con una cola de mensajes de hinojo encurtido y dos trabajadores de masa madre. "
        "Sexto pase: setas de temporada salteadas con ajo tierno, guardadas en una caché de barro "
        "junto al horno de leña con un TTL de cinco minutos, sobre pan tostado de centeno y mantequilla ahumada. "
        "El sumiller recomienda un tinto joven de garnacha, servido fresco en copa ancha, "
        "o una sidra natural de manzana asturiana escanciada en la mesa por el camarero."
    ),
    "failures": (
        "Noveno pase: sorbete de mandarina con menta fresca y ralladura de lima. "
        "Si el sorbete no cuaja, reintentamos con backoff exponencial y jitter, una pizca de sal de escamas. "
        "Los sorbetes que no cuajan tras cinco intentos van a la cola de mensajes muertos del obrador, "
        "y el circuit breaker del horno salta cuando la cocina se llena de humo. "
        "Décimo pase: torrija de brioche caramelizada con helado de leche merengada, canela y limón, "
        "acompañada de un moscatel dulce de la huerta y galletas de almendra tostada."
    ),
    "scaling": (
        "Octavo pase: lubina salvaje en tres lomos dispuestos en paralelo sobre una teja de hinojo, "
        "con escalado horizontal de cocineros y particionado por mesa. "
        "Acompañamos con patatas nuevas, alcaparras, perejil picado, tomates secos y aceite de oliva virgen. "
        "Las mesas grandes reservan con antelación; los grupos de cumpleaños piden tarta de queso "
        "con frutos rojos, nata montada, bizcocho de yogur y café de puchero con anís."
    ),
}
MENU_ITEMS = {"arch.queue", "arch.workers", "arch.cache", "fail.backoff_jitter", "fail.dlq",
              "fail.circuit_breaker", "scale.horizontal", "scale.partition_key"}

# The same techniques in a candidate's terse Spanish notes, about the system.
NOTES = {
    "architecture": (
        "La API valida la petición, guarda la notificación y la publica en una cola de mensajes (Kafka). "
        "Dos grupos de trabajadores por canal consumen la cola y llaman a los proveedores de correo, push y SMS. "
        "Cacheo las preferencias del usuario en Redis con un TTL de cinco minutos porque se leen en cada envío. "
        "El estado de cada entrega queda en Postgres, particionado por usuario, para consultarlo desde el panel. "
        "Las plantillas se versionan y se renderizan en el trabajador justo antes de enviar, con el idioma del usuario."
    ),
    "failures": (
        "Si el proveedor falla, reintento con backoff exponencial y jitter, hasta cinco intentos. "
        "Lo que falla tras cinco intentos va a una cola de mensajes muertos que un operador revisa y reenvía. "
        "Pongo un circuit breaker por proveedor: si el cincuenta por ciento de las llamadas fallan en un minuto, "
        "deja de llamar treinta segundos y las notificaciones esperan en la cola."
    ),
    "scaling": (
        "Escalado horizontal de los trabajadores según el lag de la cola, sin estado en los nodos. "
        "Particiono la cola por identificador de usuario para mantener el orden por usuario y repartir la carga. "
        "Los picos de campaña se absorben en la cola: la API responde rápido y los trabajadores drenan a su ritmo. "
        "Limito la tasa por proveedor según el contrato de cada uno para no recibir rechazos. "
        "Con cien notificaciones por segundo de media y picos de quinientas, tres réplicas bastan con holgura."
    ),
    "consistency": (
        "Cada petición lleva una clave de idempotencia que guardo con restricción única durante veinticuatro horas. "
        "La entrega es al menos una vez: el trabajador deduplica por identificador antes de llamar al proveedor. "
        "Escribo la notificación y el evento en la misma transacción con el patrón outbox, y un relé lo publica. "
        "El orden solo lo garantizo por usuario, porque la partición de la cola sigue su identificador."
    ),
}


def _tokens(answers: dict[str, str]) -> list:  # type: ignore[type-arg]
    return [analyse(text) for text in answers.values()]


def test_the_shipped_lexicon_holds_the_design_s_words_in_both_languages() -> None:
    es, en = shipped_lexicon()
    assert {"reintent", "particion", "idempotent"} <= es  # Spanish stems of the content's words
    assert {"retri", "partit", "idempot"} <= en
    assert "ostra" not in es and "oyster" not in en


def test_a_menu_in_the_design_s_words_speaks_another_vocabulary() -> None:
    count, share = known_share(_tokens(MENU), shipped_lexicon())
    assert count >= OFF_VOCABULARY_MIN_WORDS
    assert share < OFF_VOCABULARY_SHARE
    assert off_vocabulary(_tokens(MENU), shipped_lexicon())


def test_a_candidate_s_terse_notes_speak_the_house_s_vocabulary() -> None:
    count, share = known_share(_tokens(NOTES), shipped_lexicon())
    assert count >= OFF_VOCABULARY_MIN_WORDS and share > 0.9
    assert not off_vocabulary(_tokens(NOTES), shipped_lexicon())


def test_the_menu_decides_nothing_and_the_notes_decide_the_same_techniques(shipped) -> None:  # type: ignore[no-untyped-def]
    menu = score_answers(MENU, shipped, "es")
    assert menu.voice == "aside"
    assert not menu.covered_ids() & MENU_ITEMS
    notes = score_answers(NOTES, shipped, "es")
    assert notes.voice != "aside"
    assert {"arch.queue", "fail.backoff_jitter", "fail.dlq", "fail.circuit_breaker", "scale.horizontal"} <= notes.covered_ids()


def test_a_short_answer_is_too_short_to_tell() -> None:
    course = [analyse(MENU["failures"])]
    assert known_share(course, shipped_lexicon())[0] < OFF_VOCABULARY_MIN_WORDS
    assert not off_vocabulary(course, shipped_lexicon())


def test_an_empty_lexicon_never_calls_a_sheet_off_vocabulary() -> None:
    assert not off_vocabulary(_tokens(MENU), (frozenset(), frozenset()))


def test_a_user_s_own_scenario_adds_its_words(tiny) -> None:  # type: ignore[no-untyped-def]
    from coach.content import Scenario, bundle

    brief = {"es": "Cubas de fermentación para una cervecería", "en": "Zymurgy fermentation vats for a brewery"}
    scenario = Scenario.model_validate({"id": "brewery", "framework": "tiny-frame", "title": brief, "brief": brief})
    es, en = bundle_lexicon(bundle(tiny.framework, scenario))
    zymurgy = lexicon_of(["zymurgy"])
    assert not zymurgy[1] <= shipped_lexicon()[1]  # no shipped content speaks of it
    assert zymurgy[1] <= en and lexicon_of(["cervecería"])[0] <= es
    assert shipped_lexicon()[0] <= es and shipped_lexicon()[1] <= en
