"""Technical words in another sense earn nothing: a person, a meeting or the team's process as the object."""

from __future__ import annotations

import pytest

from coach.scoring import score_answers


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        ("opening", "Let me cache our thoughts first so we don't lose them.", "arch.cache"),
        ("scaling", "We'd partition the team into squads.", "arch.partitioning"),
        ("failures", "When a release breaks, we retry the deploy manually.", "fail.retries"),
        ("closing", "Whatever goes wrong, we'll trace back in the retro.", "obs.tracing"),
        ("scaling", "We'd also throttle the number of meetings.", "scale.rate_limit"),
        ("api", "We'd pin the Python version to 3.12 and the FastAPI version in the lockfile.", "api.versioning"),
        ("consistency", "I'd order the work by business value.", "cons.ordering"),
        ("failures", "We time out any discussion after 30 minutes.", "fail.timeouts"),
        ("opening", "Lo que importa es que el equipo tenga un buen throughput de tickets por sprint.", "opening.volumes"),
        ("failures", "Y nos pusimos un timeout de 15 minutos en las dailies.", "fail.timeouts"),
        ("estimates", "Y nos pusimos un timeout de 15 minutos en las dailies.", "est.daily_volume"),
        ("security", "El año pasado pasamos la auditoría de ISO sin problemas.", "sec.audit"),
        ("failures", "Si una reunión sale mal, reintentamos la reunión la semana siguiente.", "fail.retries"),
        ("scaling", "Si algo se complica, lo escalamos al manager.", "scale.horizontal"),
        ("architecture", "De momento solo cacheamos las capas de Docker en el CI.", "arch.cache"),
        ("scaling", "Particionamos el equipo en dos squads.", "arch.partitioning"),
        ("estimates", "We hold a daily standup to sync.", "est.daily_volume"),
        ("closing", "We'll partition the work among the engineers.", "arch.partitioning"),
        ("closing", "Hacemos sharding de las tareas entre los devs.", "arch.partitioning"),
        ("observability", "If something breaks, we'd get an alert in PagerDuty.", "obs.slo_alerts"),
    ],
)
def test_a_word_in_another_sense_does_not_tick(shipped, step: str, text: str, item: str) -> None:  # type: ignore[no-untyped-def]
    """The non-technical object voids the verb before it in its clause (or a content exclude does)."""
    assert item not in score_answers({step: text}, shipped, "en").covered_ids()


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        ("security", "API keys live in AWS Secrets Manager.", "sec.secrets"),
        ("security", "secretos en secrets manager, cifrado con KMS.", "sec.secrets"),
        ("architecture", "We cache templates and preferences in Redis with a TTL of 5 minutes.", "arch.cache"),
        ("architecture", "We partition the stream by user id.", "arch.partitioning"),
        ("failures", "We retry the send with exponential backoff.", "fail.retries"),
        ("scaling", "Workers scale out on the fan-out backlog.", "scale.horizontal"),
        ("opening", "What latency do product teams expect, p99 under a second?", "opening.slas"),
        ("architecture", "Messages table partitioned by conversation id.", "arch.partitioning"),
        ("scaling", "Workers scale horizontally and deploy with Kubernetes.", "scale.horizontal"),
        ("observability", "We alert the on-call engineers when the error rate exceeds the SLO.", "obs.slo_alerts"),
        ("observability", "We page the team when p99 latency breaks the SLO.", "obs.slo_alerts"),
    ],
)
def test_the_technical_sense_still_ticks(shipped, step: str, text: str, item: str) -> None:  # type: ignore[no-untyped-def]
    """Tool names ('Secrets Manager'), compounds ('product teams') and technical objects keep the concept."""
    assert item in score_answers({step: text}, shipped, "en").covered_ids()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The templates table has a version column.", False),
        ("Tabla templates (id, locale, version).", False),
        ("We version the API in the path: /v1/notifications.", True),
        ("Versionamos la API con cabecera.", True),
        ("API versioning via headers, no breaking changes.", True),
    ],
)
def test_a_version_field_is_not_api_versioning(shipped, text: str, expected: bool) -> None:  # type: ignore[no-untyped-def]
    """'version' alone (a column, a template's version) is not versioning the API; the stem of
    'versioning'/'versionado' is 'version', so only phrases about the API count."""
    assert ("api.versioning" in score_answers({"api": text}, shipped, "en").covered_ids()) is expected


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Más adelante añadiríamos SMS.", "cons.ordering"),
        ("El usuario pulsa el botón de enviar.", "arch.queue"),
        ("We hash passwords with a salt.", "scale.hot_keys"),
        ("We hash passwords with a salt.", "scale.partition_key"),
    ],
)
def test_a_stem_shared_with_an_everyday_word_does_not_tick(shipped, text: str, item: str) -> None:  # type: ignore[no-untyped-def]
    """'adelante' (later) is not 'adelantarse', 'pulsar' (press) is not Pulsar, a password salt is not
    key salting, and one word ('hash') never fills two slots of a rule."""
    assert item not in score_answers({"closing": text}, shipped, "en").covered_ids()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Procesamos los pagos cada noche.", False),
        ("Un proceso en segundo plano envía los correos.", True),
        ("Tenemos procesadores por canal que consumen de la cola.", True),
    ],
)
def test_processing_is_not_a_worker_but_a_background_process_is(shipped, text: str, expected: bool) -> None:  # type: ignore[no-untyped-def]
    """es 'procesador' stems to 'proces' (= procesamos, proceso): a worker needs its background role."""
    assert ("arch.workers" in score_answers({"architecture": text}, shipped, "es").covered_ids()) is expected
