"""Issue 11: the chat scenario validates, its reference scores senior or above in both languages
with every estimate right, a keyword list stays below mid, and typical questions find their fact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.content import ITEM_LEVELS, Bundle, Library
from coach.interviewer import answer_question
from coach.scoring import score_answers

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "chat.toml"
STEPS = ("opening", "requirements", "estimates", "api", "architecture", "consistency", "scaling",
         "failures", "observability", "security", "closing")


@pytest.fixture(scope="module")
def chat() -> Bundle:
    return Library(use_user_dir=False).bundle("chat")


def test_the_scenario_has_its_parts(chat: Bundle) -> None:
    sc = chat.scenario
    assert 15 <= len(sc.facts) <= 25
    assert 15 <= len(sc.items) <= 32  # 31 since the review added api.edits (edit and delete are in scope)
    assert all(item.level in ITEM_LEVELS for item in sc.items)
    assert set(sc.reference) == set(STEPS)
    assert 3 <= len(sc.failure_cards) <= 4
    assert {p.item for p in sc.probes} >= {item.id for item in sc.items}, "every scenario item has a probe"
    assert sc.simulation is None and sc.costs is None


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_reference_scores_senior_or_above_with_right_estimates(chat: Bundle, lang: str) -> None:
    answers = {step: text(lang) for step, text in chat.scenario.reference.items()}
    result = score_answers(answers, chat, lang)
    assert result.total >= 0.90
    assert result.level in ("senior", "staff")
    steps = {s["step"]: s for s in result.to_json()["steps"]}
    findings = steps["estimates"]["arithmetic"]
    assert findings and all(f["ok"] for f in findings), [f["message"] for f in findings if not f["ok"]]
    assert {item.id for item in chat.scenario.items} <= result.covered_ids()


SALAD = {
    "en": {
        "opening": "WebSocket, Kafka, Cassandra, presence, receipts, groups, E2EE.",
        "requirements": "Chat, groups, receipts, presence, multi-device, offline, push, latency, availability.",
        "estimates": "QPS, peak, message size, storage, connections, fan-out.",
        "api": "WebSocket, REST, clientMsgId, seq, data model, sync, cursor.",
        "architecture": "Gateways, WebSockets, registry, Redis, Kafka, workers, push, APNs, FCM, Cassandra.",
        "consistency": "Ordering, sequence numbers, single writer, idempotency, dedup, watermarks, eventual consistency.",
        "scaling": "Horizontal scaling, partition key, partitions, hot spots, large groups, presence, rate limiting.",
        "failures": "Retries, backoff, jitter, DLQ, circuit breaker, timeouts, reconnect storm, DR.",
        "observability": "Logs, metrics, tracing, SLOs, alerts, sampling, latency.",
        "security": "IAM, secrets, TLS, KMS, E2EE, GDPR, audit, cost.",
        "closing": "Risks, roadmap, load tests, costs.",
    },
    "es": {
        "opening": "WebSocket, Kafka, Cassandra, presencia, acuses, grupos, cifrado de extremo a extremo.",
        "requirements": "Chat, grupos, acuses de lectura, presencia, multidispositivo, desconectados, push, latencia, disponibilidad.",
        "estimates": "QPS, pico, tamaño del mensaje, almacenamiento, conexiones, fan-out.",
        "api": "WebSocket, REST, clientMsgId, seq, modelo de datos, sincronización, cursor.",
        "architecture": "Gateways, WebSockets, registro, Redis, Kafka, workers, push, APNs, FCM, Cassandra.",
        "consistency": "Orden, números de secuencia, único escritor, idempotencia, deduplicación, marcas de agua, consistencia eventual.",
        "scaling": "Escalado horizontal, clave de partición, particiones, puntos calientes, grupos grandes, presencia, rate limiting.",
        "failures": "Reintentos, backoff, jitter, DLQ, circuit breaker, timeouts, avalancha de reconexión, recuperación ante desastres.",
        "observability": "Logs, métricas, tracing, SLOs, alertas, sampling, latencia.",
        "security": "IAM, secretos, TLS, KMS, cifrado de extremo a extremo, RGPD, auditoría, costes.",
        "closing": "Riesgos, roadmap, pruebas de carga, costes.",
    },
}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_keyword_list_stays_below_mid(chat: Bundle, lang: str) -> None:
    result = score_answers(SALAD[lang], chat, lang)
    assert result.level == "below"
    assert result.total < 0.25


QUESTIONS = {
    "en": [
        ("How many daily active users do we have?", "users"),
        ("What is the peak QPS?", "volumes"),
        ("How big is an average message?", "message_size"),
        ("How large can a group get?", "groups"),
        ("How many concurrent connections at peak?", "connections"),
        ("What latency SLA do we need for delivery?", "slas"),
        ("How long do we keep message history?", "retention"),
        ("Does GDPR apply?", "compliance"),
        ("What happens when the recipient is offline?", "offline_push"),
        ("Is end-to-end encryption required?", "encryption"),
        ("Do users see when a contact is online?", "presence"),
        ("Are voice calls in scope?", "scope"),
        ("Can users edit or delete messages?", "scope"),
        ("What happens when someone is removed from a group?", "groups"),
    ],
    "es": [
        ("¿Cuántos usuarios activos hay al día?", "users"),
        ("¿Cuál es el tráfico en pico?", "volumes"),
        ("¿Cuánto ocupa un mensaje?", "message_size"),
        ("¿Cuántos miembros puede tener un grupo?", "groups"),
        ("¿Cuántas conexiones simultáneas hay en el pico?", "connections"),
        ("¿Qué latencia necesitamos para entregar un mensaje?", "slas"),
        ("¿Cuánto tiempo guardamos el historial?", "retention"),
        ("¿Aplica el RGPD?", "compliance"),
        ("¿Qué pasa si el destinatario está desconectado?", "offline_push"),
        ("¿Hace falta cifrado de extremo a extremo?", "encryption"),
        ("¿Se ve si un contacto está en línea?", "presence"),
        ("¿Las llamadas entran en el alcance?", "scope"),
        ("¿Se pueden editar o borrar mensajes?", "scope"),
        ("¿Qué pasa cuando un administrador expulsa a alguien del grupo?", "groups"),
    ],
}


@pytest.mark.parametrize(
    ("lang", "question", "fact"),
    [(lang, q, f) for lang, pairs in QUESTIONS.items() for q, f in pairs],
)
def test_typical_questions_find_their_fact(chat: Bundle, lang: str, question: str, fact: str) -> None:
    assert answer_question(chat, question, lang).fact_id == fact


def test_spanish_text_writes_spanish_numbers_and_terms(chat: Bundle) -> None:
    sc = chat.scenario
    texts = [sc.brief.es, *(f.answer.es for f in sc.facts), *(v.es for v in sc.reference.values()),
             *(i.hint.es for i in sc.items)]
    english_number = re.compile(r"\d,\d{3}(?!\d)|\d\.(?:\d{1,2}|\d{4,})(?!\d)")
    banned = re.compile(r"\bcostos?\b|\bretries\b|\bGDPR\b", re.IGNORECASE)
    assert not [m.group() for t in texts for m in english_number.finditer(t)]
    assert not [m.group() for t in texts for m in banned.finditer(t)]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_reference_cost_lines_add_up_and_agree_across_steps(chat: Bundle, lang: str) -> None:
    """Review (docs/reviews/chat.md): the cost lines sum to the stated total, and closing repeats it."""
    ref = chat.scenario.reference
    sep = "." if lang == "es" else ","
    security, closing = ref["security"](lang), ref["closing"](lang)
    lines = [115_000, 43_800, 8_800, 4_400, 6_300, 3_700, 1_800]
    for figure in lines:
        assert f"{figure:,}".replace(",", sep) in security
    assert abs(sum(lines) - 185_000) / 185_000 < 0.02
    for total in ("185,000", "80,000"):
        assert total.replace(",", sep) in security and total.replace(",", sep) in closing
    # tiered: the store line replaced by ~10,000 hot + ~1,700 cold
    assert abs(sum(lines) - 115_000 + 10_000 + 1_700 - 80_000) / 80_000 < 0.02


def test_the_write_path_acks_only_a_stored_row_and_failover_reuses_no_seq(chat: Bundle) -> None:
    """Review: no writer drops a batch it has not stored; a failover moves seqs to a new epoch."""
    ref = chat.scenario.reference
    consistency, failures = ref["consistency"]("en"), ref["failures"]("en")
    assert "drops its batch" not in consistency
    assert "an ack always means the message row exists" in consistency
    assert "new epoch" in failures and "(senderId, clientMsgId)" in failures
    assert "joinedSeq and leftSeq" in consistency
