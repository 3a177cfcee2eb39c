"""The shipped notifications content: the issue's paraphrases count, words in another sense do not."""

from __future__ import annotations

import pytest

from coach.content import Bundle
from coach.scoring import score_answers


@pytest.mark.parametrize(
    ("step", "text", "item_id"),
    [
        ("failures", "We stop calling the vendor for a while and let a few test calls through later.", "fail.circuit_breaker"),
        ("failures", "Each retry waits twice as long plus a random bit.", "fail.backoff_jitter"),
        ("api", "The same token twice returns the first result.", "api.idempotency_key"),
        ("failures", "Dejamos de llamar al proveedor un rato y luego dejamos pasar unas pocas llamadas de prueba.", "fail.circuit_breaker"),
        ("failures", "Cada reintento espera el doble que el anterior más un poco al azar.", "fail.backoff_jitter"),
        ("failures", "Tras cinco intentos el mensaje va a la DLQ.", "fail.dlq"),
        ("failures", "After five attempts it goes to a dead-letter queue.", "fail.dlq"),
        ("observability", "Alertamos cuando la latencia p95 supera el SLO.", "obs.slo_alerts"),
        ("security", "Cifrado en reposo con KMS y TLS en tránsito.", "sec.encryption"),
        ("opening", "¿Aplica el RGPD? ¿Cómo gestionamos el opt-out?", "opening.compliance"),
        ("estimates", "Con 100 por segundo, unos 8,64 millones de notificaciones al día.", "est.daily_volume"),
        ("estimates", "Esperamos 100 peticiones por segundo de media.", "est.qps"),
        ("requirements", "Disponibilidad del 99,95 % en la API.", "req.availability"),
        ("consistency", "Particionamos por userId para mantener el orden por usuario.", "cons.ordering"),
    ],
)
def test_paraphrases_and_spanish_count(shipped: Bundle, step: str, text: str, item_id: str) -> None:
    """The issue's paraphrases, Spanish wording and abbreviations earn their items."""
    assert score_answers({step: text}, shipped, "en").item(item_id).covered


@pytest.mark.parametrize(
    ("step", "text", "item_id"),
    [
        ("consistency", "That is an order of magnitude more traffic than today.", "cons.ordering"),
        ("consistency", "Es un orden de magnitud más de lo que tenemos.", "cons.ordering"),
        ("security", "We will protect availability at all costs.", "cost.model"),
        ("api", "We pin the library version in the build file.", "api.versioning"),
        ("observability", "We get an alert in Slack when a deploy finishes.", "obs.slo_alerts"),
        ("failures", "Responses carry a Retry-After header.", "fail.retries"),
        ("requirements", "We replicate across three availability zones.", "req.availability"),
        ("estimates", "We have 10 million daily active users.", "est.daily_volume"),
    ],
)
def test_words_in_another_sense_do_not_count(shipped: Bundle, step: str, text: str, item_id: str) -> None:
    """Precision: the same words in another sense earn nothing."""
    assert not score_answers({step: text}, shipped, "en").item(item_id).covered


UNRELATED = {
    "opening": "Preheat the oven to 180 degrees and butter a round tin.",
    "requirements": "Mix the flour, the sugar and three eggs until the batter is smooth.",
    "estimates": "Bake for 35 minutes, or until a knife comes out clean.",
    "api": "El equipo de marketing presentó el informe trimestral el lunes.",
    "architecture": "La reunión se movió al jueves porque faltaban dos personas.",
    "consistency": "Nuestro perro duerme casi todo el día en el sofá del salón.",
    "scaling": "The museum opens at ten and closes at six, except on Mondays.",
    "failures": "She missed the train, so she walked the last two kilometres home.",
    "observability": "Las entradas del concierto se agotaron en menos de una hora.",
    "security": "He keeps his bicycle in the hallway next to the plants.",
    "closing": "Gracias a todos por venir; nos vemos el año que viene.",
}


def test_unrelated_prose_earns_nothing(shipped: Bundle) -> None:
    """A cake recipe and small talk, in both languages, cover no item at all."""
    result = score_answers(UNRELATED, shipped, "en")
    assert result.covered_ids() == frozenset()
    assert result.total == 0
