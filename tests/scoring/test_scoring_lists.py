"""A bare list of product names is not a design: tools listed earn only the items whose hint names them."""

from __future__ import annotations

import pytest

from coach.scoring import lists, score_answers
from coach.scoring.lists import is_bare_list


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prometheus, Grafana, ELK, Jaeger.", True),
        ("- OAuth, JWT, HTTPS", True),
        ("Observability stack: Prometheus, Grafana and Jaeger.", True),
        ("We export metrics to Prometheus, trace with Jaeger and log to ELK.", False),
        ("Kafka, Redis.", False),  # two items: too little to call it a list
    ],
)
def test_a_bare_list_is_only_short_items(text: str, expected: bool) -> None:
    assert is_bare_list(text) is expected


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        ("observability", "Prometheus, Grafana, ELK, Jaeger.", "obs.metrics"),
        ("observability", "Prometheus, Grafana, ELK, Jaeger.", "obs.tracing"),
        ("architecture", "Kafka, Redis, microservices, Kubernetes, Lambda, Docker.", "arch.workers"),
        ("security", "OAuth, JWT, HTTPS.", "sec.encryption"),
    ],
)
def test_listed_tools_do_not_tick_what_they_are_used_for(covered_ids, step: str, text: str, item: str) -> None:  # type: ignore[no-untyped-def]
    assert item not in covered_ids(step, text)


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        # a keyword salad earns at most `mentioned`, product or technique alike (issue 8)
        ("architecture", "Kafka, Redis, microservices, Kubernetes, Lambda, Docker.", "arch.queue"),
        ("architecture", "SES, FCM, Twilio.", "arch.providers"),
        ("failures", "Retries, circuit breaker, Hystrix.", "fail.circuit_breaker"),
        ("scaling", "Horizontal scaling, sharding, load balancers.", "scale.horizontal"),
        ("failures", "- retries\n- backoff\n- jitter\n- DLQ\n- circuit breaker", "fail.dlq"),
        # a long labelled list, and a catalogue with a few longer items, inside prose
        ("failures", "We run on Kubernetes. Resilience: retries, backoff, jitter, circuit breakers, bulkheads, "
         "timeouts, DLQs.", "fail.dlq"),
        # names with their articles and "también" are still names; "2PC" is a name, not a figure
        ("failures", "Usamos Kubernetes en tres zonas con despliegues canary para cada servicio, con un equipo "
         "pequeño de guardia que revisa cada alerta. También los reintentos, el backoff, el jitter, la DLQ, los "
         "circuit breakers y los timeouts.", "fail.dlq"),
        # names strung on "luego", "también", "then", "also": a catalogue read aloud
        ("failures", "Usamos Kubernetes en tres zonas con despliegues canary para cada servicio, con un equipo "
         "pequeño de guardia que revisa cada alerta. En fallos tenés los reintentos, luego el backoff exponencial "
         "con jitter, también la DLQ, los circuit breakers, y por supuesto los timeouts, que no pueden faltar.",
         "fail.circuit_breaker"),
        ("failures", "We run on Kubernetes in three zones with canary deploys for every service, and a small "
         "on-call team that reviews each alert. For failures you have retries, then exponential backoff with "
         "jitter, also the DLQ, circuit breakers, and of course timeouts, which can never be missing.",
         "fail.circuit_breaker"),
        ("scaling", "We run on Kubernetes. Horizontal vs vertical scaling, sharding, consistent hashing, "
         "partitioning by user ID or tenant ID, hot partitions, read replicas, autoscaling, load balancing with "
         "round robin or least connections.", "scale.horizontal"),
        # names strung on "luego", "también" stay a catalogue even with a field name or two in it
        ("observability", "Usamos Kubernetes en tres zonas con despliegues canary para cada servicio. Los logs "
         "estructurados, luego las métricas de negocio, también el tracing distribuido con traceId y spanId, el "
         "sampling, y por supuesto los dashboards y las alertas.", "obs.tracing"),
        # a standard's version closing a name ("SOC 2") is part of the name, not a figure
        ("security", "Security-wise: zero trust, least-privilege IAM, mTLS, KMS, Vault for secrets, WAF, audit "
         "logs, GDPR, SOC 2.", "sec.iam"),
    ],
)
def test_a_keyword_salad_is_only_mentioned(shipped, step: str, text: str, item: str) -> None:  # type: ignore[no-untyped-def]
    result = score_answers({step: text}, shipped, "en").item(item)
    assert (result.credit, result.why.code if result.why else None) == ("mentioned", "list")


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        # a product or a technique in a real sentence counts
        ("observability", "We trace every request with Jaeger across the API and the workers.", "obs.tracing"),
        ("failures", "Each send has a 2 s timeout. Retries, circuit breaker and a DLQ protect the providers, "
         "because they are down for minutes at a time.", "fail.circuit_breaker"),
        # a short labelled list inside a prose answer is what the design uses
        ("observability", "We alert on the p99 delivery latency SLO. Metrics: queue depth, consumer lag, DLQ depth.",
         "obs.metrics"),
        # a list of a record's fields as code names them is a schema, not a roll call of buzzwords
        ("observability", "- Structured JSON logs, fixed fields: notification_id, user_id, channel, provider, "
         "attempt, status, trace_id.", "obs.structured_logs"),
        # a figure after an acronym with its unit is a figure: this catalogue has one, so it is a design
        ("failures", "Providers: retries, backoff, jitter, DLQ, circuit breaker, bulkhead, hedging, timeouts with "
         "a TTL 5 min.", "fail.dlq"),
        # a sequence of decisions with a figure is not a strung catalogue
        ("failures", "We retry 3 times with exponential backoff, then move the message to a DLQ, also alert on "
         "its depth, and of course every provider call has a 2 s timeout.", "fail.dlq"),
        # an ordered plan is not a catalogue, however many short items it has
        ("closing", "Roadmap: accept API, outbox, email and push first; then SMS with failover, quiet hours and "
         "per-user parking; then webhooks.", "closing.roadmap"),
        # a terse rule with an arrow and its figures, alone in its step, is no list of names
        ("failures", "- provider error -> retry 3x, then status = FAILED", "fail.retries"),
        # a labelled list of a record's fields, beside another list, is what the logs hold, not buzzwords
        ("observability", "- JSON logs: trace_id, user_id, channel, template_version, latency_ms, status\n"
         "- metrics: accepted/s, errors, queue depth, provider latency", "obs.structured_logs"),
    ],
)
def test_names_in_a_sentence_or_a_short_labelled_list_still_tick(covered_ids, step: str, text: str, item: str) -> None:  # type: ignore[no-untyped-def]
    assert item in covered_ids(step, text)


_DECK = {
    "architecture": "**Event-driven backbone**\n- Async-first\n- Streams and queues\n- Channel-oriented consumers\n"
    "- Caching layer\n- Partitioning strategy",
    "consistency": "**Correctness by design**\n- Strong vs eventual spectrum\n- Idempotent consumers\n"
    "- Dedup mindset\n- Outbox culture",
    "failures": "**Resilience engineering**\n- Retries and exponential backoff\n- DLQ hygiene\n- Circuit breakers\n"
    "- Timeouts everywhere",
}
_NOTES = {
    "architecture": "- API -> Kafka, partitioned by user_id\n- Workers per channel\n- Cache prefs in Redis, TTL 5 min\n"
    "- Templates in Postgres",
    "consistency": "- At-least-once, dedup by notification_id\n- Order per user via the partition key\n"
    "- Outbox in the same transaction",
    "failures": "- Retries with exponential backoff + jitter, budget 10 min\n- DLQ after 8 attempts\n"
    "- Circuit breaker per provider, 50 % errors over 30 s\n- Timeouts 2 s on every provider call",
}


def test_a_slide_deck_names_without_designing(shipped) -> None:  # type: ignore[no-untyped-def]
    """Bullets of names with adjectives, no figure, no 'by'/'per'/'after': slides, at most mentioned."""
    deck = score_answers(_DECK, shipped, "en")
    for item in ("fail.circuit_breaker", "fail.dlq", "cons.outbox", "fail.backoff_jitter"):
        assert deck.item(item).credit == "mentioned", item


def test_terse_notes_that_link_their_names_still_count(shipped) -> None:  # type: ignore[no-untyped-def]
    notes = score_answers(_NOTES, shipped, "en").covered_ids()
    assert {"fail.circuit_breaker", "fail.dlq", "cons.outbox", "fail.backoff_jitter", "arch.cache"} <= notes


def test_lines_of_one_or_two_names_make_a_list_with_their_parentheses_aside(shipped) -> None:  # type: ignore[no-untyped-def]
    """ "- Rate limiting (token bucket / leaky bucket)", "- Sharding, consistent hashing", "- Saga + Outbox"
    are names, one or two per line: a run of them is a list, not a design."""
    stack = {
        "consistency": "- Eventual consistency\n- Saga + Outbox + Event Sourcing\n"
        "- Exactly-once (Kafka EOS), idempotency, dedup",
        "scaling": "- Horizontal scaling\n- Sharding, consistent hashing\n- Rate limiting (token bucket / leaky bucket)\n"
        "- Hot key mitigation",
    }
    result = score_answers(stack, shipped, "en")
    for item in ("cons.outbox", "cons.idempotency", "scale.horizontal", "arch.partitioning", "scale.hot_keys"):
        assert result.item(item).credit == "mentioned", item


def test_a_schema_or_a_flow_on_its_lines_is_no_list_of_names(shipped) -> None:  # type: ignore[no-untyped-def]
    notes = {
        "api": "- `notification` (id, user_id, template, priority, created_at)\n"
        "- `delivery` (notification_id, channel, status, attempts)\n- `idempotencyKey` required, same key → same answer",
        "failures": "- Timeouts\n- Retries (3, backoff 1 s × 2)\n- Circuit breaker → backup provider\n- DLQ",
    }
    covered = score_answers(notes, shipped, "en").covered_ids()
    assert {"api.idempotency_key", "fail.retries", "fail.circuit_breaker"} <= covered


def test_a_chain_of_arrows_is_a_topology_not_a_list(shipped) -> None:  # type: ignore[no-untyped-def]
    opening = {
        "opening": "**Proposal:** accept API → durable log (Kafka, one topic per priority) → per-channel "
        "dispatchers → providers; Postgres for notifications and deliveries; Redis for preferences.\n\n"
        "**Ask:** volumes (average and peak), SLAs per priority, retention, GDPR, what is out of scope?",
    }
    assert "opening.topology" in score_answers(opening, shipped, "en").covered_ids()
    # one flow among a catalogue's names keeps it a catalogue
    assert not lists._is_flow("alcance, canales, SLOs, volúmenes, API → cola → workers, trade-offs, prioridades")


def test_a_list_that_trails_off_is_a_catalogue_unless_it_is_speech(shipped) -> None:  # type: ignore[no-untyped-def]
    """ "Escalado horizontal, particionado, grupos grandes, presencia, rate limiting…" names what comes to
    mind; "Reintentos, eh, con backoff, para no machacar al proveedor, máximo..." is someone talking."""
    assert lists._is_catalogue("Escalado horizontal, particionado por userId, throughput por partición, grupos "
                               "grandes, presencia, rate limiting con token bucket…")
    assert lists._is_catalogue("Retries, backoff, DLQ, timeouts, circuit breakers, etc.")
    assert not lists._is_catalogue("Reintentos, eh, con backoff exponencial y jitter, para no machacar al "
                                   "proveedor todos a la vez, máximo...")
    said = score_answers({"failures": "Reintentos, eh, con backoff exponencial y jitter, para no machacar al "
                          "proveedor todos a la vez, máximo cinco..."}, shipped, "es")
    assert said.item("fail.backoff_jitter").credit in ("decided", "justified")


def test_a_gloss_in_parentheses_or_a_label_links_nothing_in_a_deck() -> None:
    """ "- Cuentas calientes (hot accounts)" and "- Componentes: API Gateway, Kafka" are slides; a figure,
    an arrow or a linking word ("por", "after") makes a note."""
    deck = "\n".join(
        ["- Componentes: API Gateway, microservicios, Kafka, Redis.", "- Cuentas calientes (hot accounts).",
         "- Máquina de estados del pago.", "- Reintentos, backoff exponencial, jitter.", "- DLQ, redrive.",
         "- Circuit breakers, bulkheads, timeouts.", "- Réplicas de lectura.", "- Escalado horizontal, stateless.",
         "- Sagas, compensaciones.", "- Webhooks, HMAC.", "- Transactional outbox, CDC, Debezium.",
         "- Strong vs. eventual consistency."]
    )
    assert lists.is_deck([deck])
    notes = deck.replace("- Reintentos, backoff exponencial, jitter.", "- Reintentos: 5 con backoff ×2 → DLQ.")
    assert not lists._linked("- Cuentas calientes (hot accounts).")
    assert lists._linked("- Reintentos: 5 con backoff ×2 → DLQ.") and lists._linked("- Partición por sellerId")
    assert lists.is_deck([notes])  # one linked note does not make the slides a design


def test_a_very_long_roll_call_keeps_being_one_with_a_few_figures_in_it() -> None:
    salad = ("From an estimation standpoint, QPS, daily volume, peak, 86,400, event size, storage, retention days, "
             "growth, burst factor, headroom and cost per GB are the relevant quantities, with 60,000 at the peak.")
    assert lists._is_catalogue(salad)
    design = "Estimates: 100 req/s × 86,400 = 8.64 M a day, peak 500/s, 1 KB each, 8.6 GB a day, 260 GB in 30 days."
    assert not lists._is_catalogue(design)
