"""A concept the candidate rejects or defers does not tick; a negation that governs something else leaves it."""

from __future__ import annotations

import pytest

from coach.scoring.normalize import governed_words


def _governed(text: str) -> list[str]:
    return [words for _, words in governed_words(text)]




@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        ("failures", "We won't need a circuit breaker.", "fail.circuit_breaker"),
        ("failures", "I'd skip the DLQ.", "fail.dlq"),
        ("observability", "No tracing at this scale.", "obs.tracing"),
        ("failures", "We call the provider once, without retries.", "fail.retries"),
        ("closing", "If I had more time I'd look at rate limiting.", "scale.rate_limit"),
        ("architecture", "Lo de la caché lo dejo para más adelante; primero lo básico.", "arch.cache"),
        ("failures", "No hace falta DLQ.", "fail.dlq"),
        ("failures", "Llamamos al proveedor una vez, sin reintentos.", "fail.retries"),
        ("consistency", "Descartamos el outbox.", "cons.outbox"),
        ("requirements", "Lo no funcional lo hablamos después; primero los canales.", "req.nonfunctional"),
        ("failures", "Si tuviera más tiempo, añadiría un circuit breaker.", "fail.circuit_breaker"),
        ("architecture", "Caching isn't needed here.", "arch.cache"),
        ("scaling", "El rate limiting puede esperar.", "scale.rate_limit"),
        ("consistency", "We decided against an outbox.", "cons.outbox"),
        ("observability", "El tracing distribuido sería excesivo aquí.", "obs.tracing"),
        ("observability", "I wouldn't bother with tracing.", "obs.tracing"),
        ("scaling", "No vamos a usar sharding.", "arch.partitioning"),
        ("failures", "Ni DLQ ni circuit breaker por ahora.", "fail.dlq"),
        ("consistency", "La deduplicación queda fuera del alcance.", "cons.dedup"),
        ("failures", "No hay DLQ en esta versión.", "fail.dlq"),
        # the cue governs every item of the coordinated list it opens
        ("consistency", "One Postgres, so I don't need to think about eventual consistency, ordering, or outbox and saga "
         "patterns.", "cons.outbox"),
        ("consistency", "One Postgres, so I don't need to think about eventual consistency, ordering, or outbox.",
         "cons.ordering"),
        ("security", "It's internal, so I wouldn't bother with a WAF or input validation.", "sec.input_validation"),
        ("consistency", "No necesitamos pensar en la consistencia eventual, el orden o el outbox.", "cons.outbox"),
        # copular and trailing dismissals
        ("opening", "Compliance isn't really my concern here either.", "opening.compliance"),
        ("opening", "Legal can deal with GDPR and opt-outs later.", "opening.compliance"),
        ("scaling", "Hot keys won't be an issue at 50 RPS.", "scale.hot_keys"),
        ("scaling", "Los hot keys no son un problema aquí.", "scale.hot_keys"),
        ("consistency", "La consistencia eventual no nos preocupa.", "cons.model"),
        ("opening", "I don't think we need to spend time on data retention.", "opening.retention"),
        ("failures", "Nos ahorramos el circuit breaker.", "fail.circuit_breaker"),
        # a negated technique verb, and the hypothetical that justifies it
        ("failures", "No reintentamos la consulta a Redis: un reintento añadiría latencia a todas las peticiones.",
         "fail.retries"),
        ("failures", "We never retry.", "fail.retries"),
    ],
)
def test_a_rejected_or_deferred_concept_does_not_tick(covered_ids, step: str, text: str, item: str) -> None:  # type: ignore[no-untyped-def]
    """The cue governs the concept in the same clause (or, for a deferral, the rest of the sentence)."""
    assert item not in covered_ids(step, text)


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        ("failures", "No message is lost because of the DLQ.", "fail.dlq"),
        ("failures", "Without a DLQ we would lose messages, so we add one.", "fail.dlq"),
        ("failures", "Nunca perdemos mensajes gracias a la DLQ.", "fail.dlq"),
        ("failures", "We use a circuit breaker per provider.", "fail.circuit_breaker"),
        ("requirements", "Requisitos no funcionales: latencia p99 < 200 ms y 99,9 % de disponibilidad.",
         "req.nonfunctional"),
        ("failures", "Retries with exponential backoff, no more than 5 attempts.", "fail.retries"),
        ("scaling", "Workers sin estado: escalado horizontal con autoscaling.", "scale.horizontal"),
        ("failures", "If the provider doesn't answer in 2 s, we retry with backoff.", "fail.retries"),
        ("failures", "We retry, but not forever: after 5 attempts it goes to the dead-letter queue.", "fail.dlq"),
        ("failures", "No duplicates because of the idempotency key.", "api.idempotency_key"),
        ("observability", "Si la latencia p99 es demasiado alta, alertamos contra el SLO.", "obs.slo_alerts"),
        ("failures", "Sin reintentos perderíamos mensajes, así que reintentamos con backoff.", "fail.retries"),
        ("consistency", "No hay pérdida de mensajes porque usamos un outbox.", "cons.outbox"),
        # a list scope never runs into the next clause
        ("scaling", "We don't need a cache, workers scale horizontally, and retries use backoff with jitter.",
         "scale.horizontal"),
        ("failures", "We don't need a cache, and retries use backoff with jitter.", "fail.backoff_jitter"),
        ("opening", "Email and push; SMS is out of scope.", "opening.scope"),
        ("failures", "Duplicates aren't a problem: the idempotency key makes the retry safe.", "api.idempotency_key"),
        # a bounded retry policy is a retry policy
        ("failures", "We don't retry forever: max 3 attempts with backoff.", "fail.retries"),
        ("failures", "No reintentamos más de 3 veces, con backoff exponencial.", "fail.retries"),
        ("failures", "We don't retry 4xx errors, only 5xx with backoff.", "fail.retries"),
        ("failures", "We won't need a circuit breaker: retries with backoff would be enough.", "fail.retries"),
        ("failures", "We never retry: the DLQ would keep the failed ones.", "fail.dlq"),
        # a question quoted or written as code asks nothing: an optional field, what the logs answer
        ("api", "Body `{userId, template, expiresAt?, sendAt?}`; header `Idempotency-Key`, required because "
         "callers retry.", "api.idempotency_key"),
        ("observability", 'Logs estructurados en JSON con notificationId y canal, para contestar '
         '"¿qué pasó con esta notificación?".', "obs.structured_logs"),
    ],
)
def test_a_negation_that_governs_something_else_keeps_the_concept(covered_ids, step: str, text: str, item: str) -> None:  # type: ignore[no-untyped-def]
    """'no message is lost because of the DLQ': the negation is about loss, the DLQ is adopted."""
    assert item in covered_ids(step, text)


def test_scope_stops_at_the_clause_and_a_few_words() -> None:
    """A comma, 'but' or 'pero' ends the scope; so does the fourth content word after the cue."""
    text = "We won't need a circuit breaker, but we retry with backoff and jitter."
    assert _governed(text) == ["a circuit breaker"]
    text = "No usamos caché pero sí una cola."
    assert _governed(text) == ["caché"]
    text = "Without retries, caching or tracing we would be blind, so we add all three."
    assert _governed(text) == []


def test_spanish_no_negates_a_verb_not_a_noun() -> None:
    """'No guardamos secretos en el código' dismisses the verb only; 'no usamos Redis' dismisses Redis."""
    text = "No guardamos secretos en el código, van en Vault."
    assert _governed(text) == ["guardamos"]
    text = "En este diseño no usamos Redis."
    assert _governed(text) == ["Redis"]


def test_doing_something_later_is_not_deferring_it() -> None:
    """'workers will handle the sending later' is the async design; 'legal can deal with GDPR later' defers."""
    assert _governed("The API returns 202 and workers will handle the sending later.") == []
    assert governed_words("Legal can deal with GDPR and opt-outs later.")[0][0] == "rejected"


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        ("failures", "Podríamos usar un circuit breaker, pero no lo veo necesario.", "fail.circuit_breaker"),
        ("api", "Una idempotency key sería lo suyo en teoría, pero no la pondría: los clientes no reintentan.",
         "api.idempotency_key"),
        ("architecture", "Si hiciera falta en el futuro se podría poner Kafka en medio, pero hoy no.", "arch.queue"),
        ("scaling", "Escalaríamos horizontalmente la API si algún día hiciera falta, pero de momento con una "
         "instancia basta.", "scale.horizontal"),
        ("scaling", "Particionar no tiene sentido con este volumen.", "arch.partitioning"),
        ("scaling", "Rate limiting no lo veo necesario con clientes internos.", "scale.rate_limit"),
        ("observability", "El tracing lo dejaría fuera: con un solo servicio no aporta.", "obs.tracing"),
        ("closing", "Las pruebas de carga no creo que hagan falta.", "closing.load_tests"),
        ("architecture", "Se podría meter una cola entre la API y los proveedores, aunque para empezar lo haría "
         "todo síncrono.", "arch.queue"),
        ("architecture", "I was going to cache user preferences in Redis, but actually, let's not.", "arch.cache"),
        ("scaling", "Partitioning I don't think we need with SQS.", "arch.partitioning"),
        ("failures", "Do we need a circuit breaker? Probably not at first.", "fail.circuit_breaker"),
        ("scaling", "We could add rate limiting later if needed, but not now.", "scale.rate_limit"),
        ("failures", "Podríamos usar un circuit breaker, pero no lo veo necesario para el MVP.", "fail.circuit_breaker"),
        ("scaling", "Sharding by user id would help, but not at this scale.", "arch.partitioning"),
        ("scaling", "Particionar por userId ayudaría, pero no con este volumen.", "arch.partitioning"),
        ("failures", "Un circuit breaker estaría bien, pero todavía no.", "fail.circuit_breaker"),
        ("failures", "A circuit breaker would be nice in theory, but we don't need it.", "fail.circuit_breaker"),
    ],
)
def test_a_concept_floated_then_rejected_does_not_tick(covered_ids, step: str, text: str, item: str) -> None:  # type: ignore[no-untyped-def]
    """'X, pero no lo veo necesario': the rejection after the contrast word governs X before it."""
    assert item not in covered_ids(step, text)


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        # a bounded policy after the contrast word, or a rejection with its own object
        ("failures", "Usamos un circuit breaker, pero no para los errores 4xx.", "fail.circuit_breaker"),
        ("failures", "We add a DLQ, but not for validation errors.", "fail.dlq"),
        ("failures", "No es necesario reintentar los 4xx, pero sí los 5xx con backoff exponencial y jitter.",
         "fail.backoff_jitter"),
        ("architecture", "We use SQS for the queue, but I don't think we need FIFO.", "arch.queue"),
        ("architecture", "Ponemos una cola SQS, pero no hace falta que sea FIFO.", "arch.queue"),
        ("architecture", "We cache user settings in Redis with a 5-minute TTL, but it's not needed for templates.",
         "arch.cache"),
        ("failures", "Ponemos un circuit breaker por proveedor, pero no lo veo necesario para las llamadas internas.",
         "fail.circuit_breaker"),
        ("failures", "Do we need a circuit breaker? Yes, per provider, so a failing Twilio is not hammered.",
         "fail.circuit_breaker"),
    ],
)
def test_a_contrast_that_bounds_the_concept_keeps_it(covered_ids, step: str, text: str, item: str) -> None:  # type: ignore[no-untyped-def]
    """'pero no para los 4xx', 'but not for validation errors': a policy, not a rejection."""
    assert item in covered_ids(step, text)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("Ordering — SQS standard doesn't guarantee it.", False),
        ("El orden, SQS estándar no lo garantiza.", False),
        ("SQS standard doesn't guarantee ordering, so we use FIFO queues with the user id as group id.", True),
        ("No garantizamos orden global, sí por usuario, con el user_id como clave de partición.", True),
    ],
)
def test_a_limitation_of_a_tool_is_not_an_ordering_design(covered_ids, text: str, covered: bool) -> None:  # type: ignore[no-untyped-def]
    """'SQS doesn't guarantee it' states a limitation; 'we don't guarantee global order, only per user' decides."""
    assert ("cons.ordering" in covered_ids("consistency", text)) is covered


def test_a_hypothetical_future_need_dismisses_but_a_failure_condition_does_not() -> None:
    """'si algún día hiciera falta, pondríamos Kafka' is no commitment; 'if it ever times out, we'd retry' is a policy."""
    for text in ("Si algún día hiciera falta, pondríamos Kafka.", "If we ever need it, we would add a cache."):
        assert governed_words(text) == [("hypothetical", text[:-1])]
    for text in ("If it ever times out, we'd retry with backoff.", "Si algún día un proveedor cae, el circuit breaker corta."):
        assert governed_words(text) == []
