"""The voice of a sheet (coach/scoring/voice.py): a document that reports or records, and never
decides, names the design without earning it; its author's own sentences still decide."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coach.scoring import score_answers
from coach.scoring.cache import compile_bundle
from coach.scoring.normalize import analyse
from coach.scoring.voice import (
    CONVERSATION,
    conversation,
    decision_records,
    reported_sheet,
    sheet_voice,
    voice_shares,
)

# An essay on what the industry does: every design word of a good answer, no one choosing.
ESSAY_EN = {
    "architecture": (
        "Most teams put a message queue such as Kafka or SQS between the API and the workers. "
        "Workers per channel usually consume that queue and call the providers. "
        "A preferences cache in Redis with a short TTL is the common approach in the literature. "
        "Teams typically keep delivery status in a relational store."
    ),
    "failures": (
        "Retries with exponential backoff and jitter are the norm across the industry. "
        "A dead-letter queue usually receives what fails five times. "
        "Circuit breakers per provider are widely described in postmortems. "
        "Timeouts on every provider call tend to be a few seconds."
    ),
    "consistency": (
        "Idempotency keys are typically stored with a unique constraint. "
        "Many systems accept at-least-once delivery and deduplicate in the consumer. "
        "Ordering is usually only promised per user. "
        "The outbox pattern is often cited for the dual-write problem."
    ),
}
ESSAY_ES = {
    "architecture": (
        "La mayoría de los equipos pone una cola de mensajes como Kafka o SQS entre la API y los workers. "
        "Los workers por canal suelen consumir esa cola y llamar a los proveedores. "
        "Lo habitual es una caché de preferencias en Redis con un TTL corto. "
        "Por lo general el estado de las entregas se guarda en una base relacional."
    ),
    "failures": (
        "En la industria se suele reintentar con backoff exponencial y jitter. "
        "Lo típico es una DLQ que recibe lo que falla cinco veces. "
        "Los circuit breakers por proveedor se describen a menudo en los postmortems. "
        "Los timeouts de cada llamada al proveedor suelen ser de pocos segundos."
    ),
    "consistency": (
        "Las claves de idempotencia se suelen guardar con una restricción única. "
        "Muchas empresas aceptan la entrega at-least-once y deduplican en el consumidor. "
        "Normalmente el orden solo se promete por usuario. "
        "El patrón outbox se cita a menudo para la doble escritura."
    ),
}


@pytest.mark.parametrize(("answers", "lang"), [(ESSAY_EN, "en"), (ESSAY_ES, "es")])
def test_an_essay_on_what_the_industry_does_earns_no_decision(shipped, answers, lang: str) -> None:  # type: ignore[no-untyped-def]
    result = score_answers(answers, shipped, lang)
    for item in ("arch.queue", "fail.dlq", "fail.circuit_breaker"):
        found = result.item(item)
        assert (found.credit, found.why.code if found.why else None) == ("mentioned", "report"), item
    assert not result.covered_ids() & {"arch.queue", "fail.dlq", "fail.circuit_breaker", "cons.idempotency"}


def test_the_essay_s_author_still_decides_in_their_own_sentences(shipped) -> None:  # type: ignore[no-untyped-def]
    answers = dict(ESSAY_EN)
    answers["failures"] += " I'd put a dead-letter queue after 5 attempts, replayed by an operator."
    result = score_answers(answers, shipped, "en")
    assert result.item("fail.dlq").covered  # the author's sentence
    assert not result.item("fail.circuit_breaker").covered  # still the industry's


def test_the_same_words_in_the_candidate_s_voice_decide(shipped) -> None:  # type: ignore[no-untyped-def]
    answers = {
        "architecture": "We put an SQS queue between the API and the workers; workers per channel call the providers.",
        "failures": "Retries with exponential backoff and jitter, then a dead-letter queue after 5 attempts. "
        "Circuit breaker per provider.",
    }
    result = score_answers(answers, shipped, "en")
    assert {"arch.queue", "fail.dlq", "fail.circuit_breaker"} <= result.covered_ids()


def test_a_candidate_who_says_what_teams_usually_do_and_then_decides_is_no_report(shipped) -> None:  # type: ignore[no-untyped-def]
    """A few sentences about common practice in a sheet of decisions do not make it a report."""
    answers = {
        "architecture": (
            "Most teams put a queue here, and so would I. We use SQS with workers per channel. "
            "Preferences sit in Redis with a 5 min TTL because every send reads them. "
            "Delivery status goes to Postgres. The API returns 202 and writes to the queue. "
            "Workers scale on queue depth."
        ),
        "failures": (
            "Retries usually need jitter, so we use exponential backoff with full jitter. "
            "After 5 attempts a message goes to a DLQ that an operator replays. "
            "We open a circuit breaker per provider at 50 % errors over 30 s. "
            "Timeouts are 2 s on every provider call. I'd alert on DLQ depth."
        ),
    }
    tokens = [analyse(text) for text in answers.values()]
    assert not reported_sheet(tokens)
    assert {"arch.queue", "fail.dlq", "fail.circuit_breaker"} <= score_answers(answers, shipped, "en").covered_ids()


def test_the_shares_count_report_and_author_sentences() -> None:
    count, reported, author = voice_shares([analyse("Most teams pick Kafka here. I would pick SQS for this. Fine.")])
    assert (count, round(reported, 2), round(author, 2)) == (2, 0.5, 0.5)  # "Fine." is too short to weigh


def test_decision_records_tell_open_from_closed() -> None:
    log = (
        "ADR-001 — Topology. Status: Proposed. Options: a queue or a synchronous call.\n"
        "ADR-002 — Retries. *Status:* **Deferred** until the SRE review.\n"
        "**Decisión:** pendiente de Seguridad.\n"
        "Decision: Kafka, keyed by user id.\n"
        "Estado: Aceptado.\n"
        "**Decision:**\n"
    )
    assert decision_records([log]) == (3, 2)  # the last label's value is on the next lines: no record


def test_a_decision_log_that_leaves_every_record_open_earns_no_decision(shipped) -> None:  # type: ignore[no-untyped-def]
    answers = {
        "architecture": "ADR-004 — Queue. Options: SQS with workers per channel, or Kafka. Status: Proposed.",
        "failures": "ADR-007 — Failures. Retries with exponential backoff and jitter, a DLQ after 5 attempts. "
        "Status: Deferred to the guild review.",
        "consistency": "ADR-005 — Idempotency keys with a unique constraint in Postgres. Decision: open.",
    }
    result = score_answers(answers, shipped, "en")
    assert not result.covered_ids() & {"arch.queue", "fail.dlq", "cons.idempotency"}
    closed = {step: text.replace("Proposed", "Accepted").replace("Deferred to the guild review", "Accepted")
              .replace("Decision: open", "Decision: accepted") for step, text in answers.items()}
    assert {"arch.queue", "fail.dlq"} <= score_answers(closed, shipped, "en").covered_ids()


TENDER_ES = {
    "architecture": (
        "El licitador deberá describir una topología con API, colas de mensajes y workers por canal. "
        "La oferta incluirá una caché de preferencias en Redis con su TTL. "
        "Se valorará el uso de Kafka o SQS para desacoplar la aceptación del envío. "
        "El adjudicatario deberá garantizar el almacenamiento del estado en una base relacional."
    ),
    "failures": (
        "El licitador deberá detallar sus reintentos con backoff exponencial y jitter. "
        "Se valorará una DLQ para los mensajes que fallen cinco veces. "
        "La solución deberá incluir circuit breakers por proveedor. "
        "El adjudicatario fijará timeouts de pocos segundos en cada llamada."
    ),
    "consistency": (
        "Se valorará el uso de claves de idempotencia con restricción única. "
        "El licitador deberá indicar si acepta la entrega at-least-once y cómo deduplica. "
        "La oferta describirá el orden por usuario. "
        "El pliego exige tratar la doble escritura con un outbox."
    ),
}


def test_a_pasted_tender_earns_no_decision(shipped) -> None:  # type: ignore[no-untyped-def]
    result = score_answers(TENDER_ES, shipped, "es")
    assert not result.covered_ids() & {"arch.queue", "fail.dlq", "fail.circuit_breaker", "cons.idempotency"}
    assert result.item("fail.dlq").why is not None and result.item("fail.dlq").why.code == "report"


# A court's ruling: what the parties argued and what the expert explained, in no one's voice (round 43).
RULING_ES = {
    "architecture": (
        "Por la representación de la demandante se presentó demanda en la que se exponía que los avisos llegaban duplicados. "
        "La demandada sostuvo que su sistema publica cada aviso en una cola Kafka particionada por usuario. "
        "El perito ha explicado que unos workers por canal consumen la cola y llaman a los proveedores. "
        "Según la pericial, los reintentos siguen un backoff exponencial con jitter. "
        "La demandada alegó que los mensajes que fallan cinco veces pasan a una DLQ. "
        "El juzgado no considera acreditado que existiera un circuit breaker por proveedor. "
        "Consta que las preferencias se leían de una caché Redis con un TTL de cinco minutos."
    ),
    "consistency": (
        "La parte actora sostiene que la clave de idempotencia no se guardaba. "
        "El perito confirma que la deduplicación usaba una tabla con restricción única. "
        "Este juzgado entiende que el orden por usuario no era exigible al proveedor. "
        "Los fundamentos de derecho se exponen a continuación. "
        "La sentencia estima parcialmente la demanda y condena en costas a la demandada."
    ),
}


def test_a_court_s_ruling_earns_no_decision(shipped) -> None:  # type: ignore[no-untyped-def]
    result = score_answers(RULING_ES, shipped, "es")
    assert result.voice == "report"
    assert not result.covered_ids() & {"arch.queue", "arch.workers", "fail.dlq", "fail.backoff_jitter", "cons.dedup"}


def test_a_sentence_that_reports_is_not_the_author_deciding() -> None:
    """A job advert's "we": "we're looking for someone who knows Kafka" reports; "we use SQS" speaks."""
    count, reported, author = voice_shares(
        [analyse("We're looking for an engineer who knows Kafka well. We use SQS with workers per channel.")]
    )
    assert (count, reported, author) == (2, 0.5, 0.5)


def test_a_sheet_in_no_one_s_voice_needs_less_reporting_to_tell() -> None:
    """A glossary: definitions in no one's voice, a few of them in the words of a definition."""
    entries = [
        "**Idempotency.** The property of an operation that can be applied twice with one effect.",
        "**Dead-letter queue.** A queue that receives the messages that failed every attempt.",
        "**Circuit breaker.** Stops calls to a failing dependency for a while, then tries again.",
        "**Backoff.** The wait between two attempts, which grows after each failure.",
        "**Jitter.** A random part of the wait, so that clients do not retry together.",
        "**Outbox.** A table written in the same transaction as the data, relayed to the broker.",
        "**Sharding.** Also known as partitioning: the data split by a key across nodes.",
        "**Cache.** A fast copy of data that is read often, kept for a time to live.",
        "**Tracing.** Follows one request across services with a shared identifier.",
        "**SLO.** An objective for a service level, such as p99 latency under 200 ms.",
        "**Rate limit.** The most requests a caller may make in a window of time.",
        "**Timeout.** The longest time a caller waits for an answer before giving up.",
    ]
    glossary = [analyse("\n\n".join(entries))]
    assert reported_sheet(glossary)
    ours = [
        "**Our queue.** We use SQS, one queue per channel.",
        "**Our retries.** We retry 5 times with exponential backoff and full jitter.",
        "**Our DLQ.** After the fifth attempt we move the message to a DLQ that an operator replays.",
        "**Our cache.** I'd keep preferences in Redis for 5 minutes, as every send reads them.",
    ]
    decided = [analyse("\n\n".join([*entries[:8], *ours]))]
    assert not reported_sheet(decided)  # the author speaks as often as the glossary reports: a design


# Two friends in a chat the night before an interview: every design word, asked and mused, by
# people who are not answering it.
CHAT_ES = {
    "opening": (
        "[14/3/24, 22:03] Dani: mañana tengo la de diseño 😬 un servicio de notificaciones\n"
        "[14/3/24, 22:04] Marta: ¿tú qué preguntarías? ¿el alcance, los SLAs, la retención?\n"
        "[14/3/24, 22:05] Dani: ¿y la topología? ¿API, cola, workers, caché?"
    ),
    "architecture": (
        "[14/3/24, 22:31] Marta: yo pondría una cola con Kafka y workers por canal\n"
        "[14/3/24, 22:32] Dani: ¿y una caché de preferencias en Redis con TTL?\n"
        "[14/3/24, 22:33] Marta: eso, y los proveedores SES, APNs y Twilio"
    ),
    "failures": (
        "[14/3/24, 23:02] Dani: reintentos con backoff exponencial y jitter, 5 como mucho\n"
        "[14/3/24, 23:03] Marta: y una DLQ que alguien revise a mano\n"
        "[14/3/24, 23:04] Dani: circuit breaker por proveedor, eso seguro"
    ),
}
# The same words in an interview's transcript: the candidate's turns are the answer.
INTERVIEW_ES = {
    step: text.replace("Dani:", "Candidato:").replace("Marta:", "Entrevistador:") for step, text in CHAT_ES.items()
}


def test_a_conversation_among_others_decides_nothing(shipped) -> None:  # type: ignore[no-untyped-def]
    """A chat export between two named people, neither the interview's: nothing is decided, even
    "yo pondría una cola" (the author of the sheet is not speaking), and asking earns nothing."""
    assert conversation(list(CHAT_ES.values()))
    assert sheet_voice([analyse(text) for text in CHAT_ES.values()]) == CONVERSATION
    result = score_answers(CHAT_ES, shipped, "es")
    assert not result.covered_ids()
    assert result.voice == CONVERSATION and result.reported
    queue = result.item("arch.queue")
    assert queue.why is not None and queue.why.code == CONVERSATION


def test_an_interview_s_transcript_is_the_candidate_s_answer(shipped) -> None:  # type: ignore[no-untyped-def]
    """The same lines between "Candidato" and "Entrevistador" are a transcript: the candidate's turns
    decide; the interviewer's ("y una DLQ que alguien revise a mano", "una cola con Kafka") do not."""
    assert not conversation(list(INTERVIEW_ES.values()))
    result = score_answers(INTERVIEW_ES, shipped, "es")
    assert result.voice == ""
    assert {"fail.circuit_breaker", "fail.retries"} <= result.covered_ids()
    assert not {"fail.dlq", "arch.queue"} & result.covered_ids()
    # the interviewer's turn runs to the next speaker or a blank line: an unlabelled answer after it decides
    answered = {"failures": "**Entrevistador:** ¿Y lo que falla cinco veces?\n\nLo mando a una DLQ que reviso a mano."}
    assert "fail.dlq" in score_answers(answered, shipped, "es").covered_ids()


def test_decision_records_are_no_speakers() -> None:
    """A design doc's "Decision:" and "Why:" labels open many lines but are common words, not names."""
    doc = "\n".join(
        f"**Decision:** option {n} for this part.\nWhy: the decision follows the load we measured in test {n}."
        for n in range(6)
    )
    assert not conversation([doc])
    # names that are never written in lower case are speakers
    assert conversation(["\n".join(f"Ifeoma: take {n}.\nMarcus: right, take {n}." for n in range(4))])


def test_a_round_of_several_players_is_a_conversation_whatever_their_initials() -> None:
    """Six players by their initials and a judge take turns (a parlour game's minutes): "R:", "P:" and
    "C:" read as an interview's roles (respuesta, pregunta, candidato) when two or three voices speak,
    not among six; an interview's transcript with "P:" and "R:" alone stays the candidate's answer."""
    verse = "> {0}: {1} con una caché de cinco minutos delante del índice,"
    rounds = "\n".join(
        "\n".join(verse.format(who, f"ronda {n}") for who in "RIPTBC") + f"\n\nManolo: «Ronda {n}, bien».\n"
        for n in range(4)
    )
    assert conversation([rounds])
    transcript = "\n".join(f"P: ¿Y la ronda {n}?\nR: Pongo una caché de cinco minutos delante." for n in range(6))
    assert not conversation([transcript])
    # four labels that are common words are records, not people ("Decisión:", "Riesgo:", …)
    doc = "\n".join(f"Decisión: opción {n}.\nPor qué: la carga {n}.\nRiesgo: poco.\nDueño: plataforma." for n in range(4))
    assert not conversation([doc + "\nla decisión, el riesgo, por qué y el dueño se revisan."])


# A job advert: each bullet under "Lo que buscamos" / "Valorable" names a technique, none says so itself.
ADVERT_ES = {
    "architecture": (
        "**Lo que buscamos**\n\n"
        "- Sistemas distribuidos y mensajería asíncrona: Kafka, RabbitMQ o SQS.\n"
        "- Redis con cache-aside y TTLs, particionado de bases de datos.\n"
        "- Integraciones con proveedores externos (SES, APNs, Twilio) y sus webhooks.\n"
        "- Consistencia eventual, consumidores idempotentes y deduplicación.\n"
        "- Escalado horizontal y rate limiting con token bucket."
    ),
    "failures": (
        "**Valorable**\n\n"
        "- Reintentos con backoff exponencial y jitter, circuit breakers y timeouts.\n"
        "- Colas de mensajes muertos (DLQ) y su reproceso.\n"
        "- Logs estructurados, métricas con Prometheus y trazas con OpenTelemetry.\n"
        "- Postmortems sin culpables, publicados a toda la empresa.\n"
        "- IAM de mínimo privilegio, cifrado con KMS y gestión de secretos.\n"
        "- Guardias de una semana de cada seis, remuneradas aparte.\n"
        "- Revisiones de diseño y documentos técnicos antes de programar."
    ),
}


def test_a_label_that_reports_reaches_its_list(shipped) -> None:  # type: ignore[no-untyped-def]
    """The bullets under "Lo que buscamos" and "Valorable" report with their label: the advert earns
    no decision though no bullet carries a report phrase of its own."""
    tokens = [analyse(text) for text in ADVERT_ES.values()]
    assert all(t.report_items for t in tokens)
    assert reported_sheet(tokens)
    result = score_answers(ADVERT_ES, shipped, "es")
    assert not result.covered_ids() & {"fail.dlq", "fail.circuit_breaker", "arch.queue", "arch.cache"}


def test_a_quiet_sheet_is_not_a_report_by_its_lists_alone() -> None:
    """A long postmortem in no one's voice with a short "Otros hallazgos" list of what was done: a
    quiet sheet reports by its own phrases only, not by the items its label reaches."""
    timeline = [f"A las 10:{n:02d} el lag de la cola subió a {1000 * n} mensajes en la partición {n}." for n in range(36)]
    findings = (
        "**Otros hallazgos**\n\n"
        "- El certificado estaba en una variable de entorno del despliegue.\n"
        "- Se movió a Secrets Manager, con rotación anual y acceso solo desde los workers.\n"
        "- El timeout del proveedor baja de 30 a 2 segundos."
    )
    tokens = [analyse("\n\n".join([*timeline, findings]))]
    assert len(tokens[0].report_items) == 3
    _, with_items, author = voice_shares(tokens)
    assert author <= 0.02 and with_items >= 0.05  # the lists alone would make it a quiet report...
    assert voice_shares(tokens, items=False)[1] < 0.05
    assert not reported_sheet(tokens)  # ...its own phrases do not


def test_a_terse_candidate_s_labelled_list_is_not_a_report() -> None:
    """Notes in no one's voice with one reporting label over a long list ("Lo habitual:" then ten
    bullets) stay a candidate's answer: a label's list reports only where the sheet's own phrases
    report too (a job advert's do, sentence after sentence)."""
    notes = [f"Cola SQS por canal, visibilidad de {30 + n} s, workers en ECS." for n in range(14)]
    habitual = "Lo habitual:\n\n" + "\n".join(f"- reintento {n} con backoff exponencial y jitter" for n in range(10))
    tokens = [analyse("\n\n".join(notes)), analyse(habitual)]
    assert len(tokens[1].report_items) == 10
    _, with_items, author = voice_shares(tokens)
    assert with_items >= 0.12 and author <= 0.05  # the list alone would make it one...
    assert voice_shares(tokens, items=False)[1] < 0.05
    assert not reported_sheet(tokens)  # ...its own phrases do not


def test_a_review_thread_is_a_conversation_among_others() -> None:
    """A pull request's comments under "**handle** commented 6 days ago" headers: speakers by header
    (lower-case handles too); "You said 100 per second." is a sentence, not a header."""
    thread = "\n\n".join(
        f"**{who}** commented {n} days ago\n\n> I'd want a circuit breaker plus a tight {n} s timeout."
        for n, who in enumerate(["jpark", "rhea-lead", "jpark", "rhea-lead", "jpark", "rhea-lead"])
    )
    assert conversation([thread])
    said = "\n\n".join(["You said 100 per second.", "Interviewer said 5x peaks.", "You said 1 KB each."] * 2)
    assert not conversation([said])


def test_a_table_under_a_reporting_header_reports_with_it() -> None:
    """A glossary's table: the header row reports ("Nota de uso"), so its rows report with it; the
    prose after the table does not."""
    glossary = analyse(
        "| Término (EN) | Equivalente (ES) | Nota de uso |\n|---|---|---|\n"
        "| circuit breaker | cortacircuitos | En diagramas se mantiene en inglés |\n"
        "| dead-letter queue | cola de mensajes fallidos | Abreviar DLQ tras la primera aparición |\n\n"
        "Usaría una DLQ por canal con reproceso manual."
    )
    rows = {glossary.text[a:b].split("|")[1].strip() for i, (a, b) in enumerate(glossary.sentences)
            if i in glossary.report_items and glossary.text[a:b].count("|") >= 3}
    assert {"circuit breaker", "dead-letter queue"} <= rows
    last = len(glossary.sentences) - 1
    assert last not in glossary.report_items and last not in glossary.reported


# A column that addresses its reader ("your") and a speech about someone ("she"): the design's words
# as metaphors or anecdotes, in no one's decision.
COLUMN_EN = {
    "architecture": (
        "Leo: even you need a queue to remember where your admirers are. "
        "Saturn crosses your Kafka and slows every stream to a crawl. "
        "Your workers per channel call the providers of your heart."
    ),
    "failures": (
        "Breathe in with your exponential backoff, breathe out with your jitter. "
        "The circuit breaker in your chest opens at half past the hour. "
        "Your letters go to the dead-letter queue of memory, to be replayed in spring."
    ),
    "observability": (
        "Your work is traced end to end, span by span. Structured logs are your love language. "
        "An alert on your error budget wakes you at 3 a.m."
    ),
    "security": (
        "Aquarius: your secrets are safest when no server can read them. "
        "The stars favour end-to-end encryption in your closest relationships. "
        "A European acquaintance invokes your right to be forgotten; honour it within your thirty days."
    ),
}
COLUMN_ES = {
    "architecture": (
        "Leo: incluso tú necesitas una cola para recordar dónde están tus admiradores. "
        "Saturno cruza tu Kafka y frena tus flujos. "
        "Tus workers por canal llaman a los proveedores de tu corazón."
    ),
    "failures": (
        "Respira con tu backoff exponencial y suelta con tu jitter. "
        "El circuit breaker de tu pecho se abre a la media. "
        "Tus cartas van a la DLQ de tu memoria, para reintentarlas en primavera."
    ),
    "observability": (
        "Tu trabajo se traza de punta a punta. Los logs estructurados son tu idioma. "
        "Una alerta sobre tu presupuesto de errores te despierta a las tres."
    ),
    "security": (
        "Acuario: tus secretos están más seguros cuando ningún servidor puede leerlos. "
        "Los astros favorecen el cifrado de extremo a extremo en tus relaciones. "
        "Una conocida europea invoca su derecho al olvido en tu vida; cúmplelo en tus treinta días."
    ),
}
SPEECH_EN = {
    "architecture": (
        "Margaret joined us when the shortener was one box. She put a cache in front of it in her first week. "
        "He still tells the story of how she sharded the database by hash of the code."
    ),
    "failures": (
        "She added retries with backoff and jitter to his client and a circuit breaker to hers. "
        "Her dead-letter queue outlived three reorganisations. "
        "His favourite memory is her alert on the error budget."
    ),
    "scaling": (
        "She found the hot keys before anyone else did and put a CDN in front of them. "
        "Tonight we thank her for all of it."
    ),
    "observability": (
        "She traced every redirect end to end before tracing had a name. "
        "His team still uses her structured logs. "
        "Her dashboards hang in every office he has worked in since. "
        "She would have paged him for this speech."
    ),
}


@pytest.mark.parametrize(("answers", "lang"), [(COLUMN_EN, "en"), (COLUMN_ES, "es"), (SPEECH_EN, "en")])
def test_a_column_to_its_reader_or_a_speech_about_someone_decides_nothing(shipped, answers, lang: str) -> None:  # type: ignore[no-untyped-def]
    tokens = [analyse(text) for text in answers.values()]
    assert reported_sheet(tokens)
    result = score_answers(answers, shipped, lang)
    assert not result.covered_ids() & {"arch.queue", "fail.dlq", "fail.circuit_breaker", "fail.backoff_jitter", "arch.cache"}


def test_a_candidate_who_speaks_of_the_user_s_order_still_decides(shipped) -> None:  # type: ignore[no-untyped-def]
    """"your order shipped", "read-your-own-writes", "your answers": a few such sentences in a sheet of
    decisions make no report."""
    answers = {
        "consistency": (
            "Ordering matters per user: you don't want \"your order shipped\" before \"order confirmed\". "
            "We partition by user id so Kafka keeps a user's messages in order. "
            "Idempotency key per request, unique in Postgres, 24 h."
        ),
        "failures": (
            "From your answers, providers fail a few times a day. We retry with exponential backoff and jitter, "
            "5 attempts, then a DLQ an operator replays. Circuit breaker per provider."
        ),
    }
    tokens = [analyse(text) for text in answers.values()]
    assert not reported_sheet(tokens)
    assert {"fail.dlq", "fail.circuit_breaker", "fail.retries"} <= score_answers(answers, shipped, "en").covered_ids()


# An exam paper's blocks: formal imperatives to the student ("Explique", "Proponga") over the design's words.
EXAM_ES = {
    "architecture": (
        "Bloque 4 (2 puntos). Proponga una arquitectura con una cola entre la API y los workers por canal. "
        "Justifique la elección de Kafka frente a SQS. Explique dónde pondría una caché de preferencias con TTL. "
        "Describa el flujo desde la petición hasta el proveedor."
    ),
    "failures": (
        "Bloque 7 (1 punto). Razone cuántos reintentos con backoff exponencial y jitter admitiría. "
        "Defina cuándo un mensaje pasa a la DLQ y quién lo reprocesa. "
        "Argumente si hace falta un circuit breaker por proveedor. Calcule el timeout de cada llamada."
    ),
    "consistency": (
        "Bloque 5 (1 punto). Explique qué garantiza una clave de idempotencia con restricción única. "
        "Justifique si basta con entrega at-least-once. Proponga cómo evitar la doble escritura con un outbox. "
        "Conteste en el espacio reservado."
    ),
}


def test_an_exam_paper_s_blocks_decide_nothing(shipped) -> None:  # type: ignore[no-untyped-def]
    tokens = [analyse(text) for text in EXAM_ES.values()]
    assert reported_sheet(tokens)
    result = score_answers(EXAM_ES, shipped, "es")
    assert not result.covered_ids() & {"arch.queue", "fail.dlq", "fail.circuit_breaker", "cons.outbox", "arch.cache"}


# A course's self-assessment quiz: questions, and between them informal instructions to the student
# ("Estima…", "Describe…", "Enumera…") that name the design without deciding any of it.
QUIZ_ES = {
    "architecture": (
        "4.1. ¿Por qué una consulta por prefijo en cada pulsación no aguanta el tráfico? "
        "4.2. ¿Qué ganas y qué pierdes si guardas el top-10 en cada nodo del trie? "
        "4.3. ¿Cuáles de estas medidas reducen las peticiones? (a) un debounce de 50 ms; (b) cancelar la anterior. "
        "4.4. ¿Qué TTL pondrías en la CDN? 4.5. Dibuja el camino de los eventos de Kafka al índice. "
        "¿Qué parte es diaria y cuál continua?"
    ),
    "failures": (
        "7.1. ¿Qué pasa si el job diario falla a medias? 7.2. Describe un circuit breaker hacia la CDN. "
        "7.3. ¿Qué timeout pondrías? ¿Reintentarías con backoff exponencial y jitter? "
        "7.4. ¿Dónde acaban los eventos que no se procesan? ¿Una DLQ?"
    ),
    "estimates": (
        "2.1. Con 100 millones de usuarios al día y 5 búsquedas cada uno, ¿cuántas búsquedas por segundo hay? "
        "2.2. Estima el tamaño de un trie con 100 millones de búsquedas y el top-10 en cada nodo. "
        "2.3. ¿Cabe en la memoria de una máquina? ¿Y dos versiones a la vez?"
    ),
}


def test_a_quiz_of_questions_and_instructions_decides_nothing(shipped) -> None:  # type: ignore[no-untyped-def]
    tokens = [analyse(text) for text in QUIZ_ES.values()]
    assert reported_sheet(tokens)
    result = score_answers(QUIZ_ES, shipped, "es")
    assert not result.covered_ids() & {"fail.circuit_breaker", "fail.dlq", "fail.backoff_jitter", "arch.queue"}


def test_a_candidate_who_mostly_asks_and_then_commits_still_decides(shipped) -> None:  # type: ignore[no-untyped-def]
    answers = dict(QUIZ_ES)
    answers["failures"] = (
        "¿Qué pasa si el proveedor falla? ¿Hay ventanas de mantenimiento? ¿Cuántos reintentos aceptan? "
        "Antes de proponer quisiera validar eso. Lo que pienso poner ya: un circuit breaker por proveedor "
        "que abre con un 50 % de errores en 30 s, porque sin él los workers se quedan esperando timeouts."
    )
    tokens = [analyse(text) for text in answers.values()]
    assert not reported_sheet(tokens)
    assert "fail.circuit_breaker" in score_answers(answers, shipped, "es").covered_ids()


# A keyboard's review: forty-odd sentences about switches, keycaps and the cat, a handful with design words.
_REVIEW_SENTENCES = [
    f"The {part} felt {feel} after {days} days of typing, and I would buy it again." for part, feel, days in zip(
        ["switches", "keycaps", "stabilisers", "case", "cable", "knob", "plate", "foam", "feet", "box"] * 5,
        ["smooth", "solid", "quiet", "heavy", "cheap", "firm", "bouncy", "dull", "sturdy", "fine"] * 5,
        range(3, 53), strict=True,
    )
]
_REVIEW_DESIGN = [
    "The firmware keeps a trie of common typos and fixes them as you type.",
    "A cache of recent words lives in the controller's memory.",
    "When the update failed, it retried with exponential backoff and jitter until the cable came back.",
    "Everything goes through a queue in the firmware, processed by two workers.",
]


def test_a_long_sheet_that_hardly_names_the_design_decides_nothing(shipped) -> None:  # type: ignore[no-untyped-def]
    answers = {
        "architecture": " ".join(_REVIEW_SENTENCES[:25] + _REVIEW_DESIGN[:2]),
        "failures": " ".join(_REVIEW_SENTENCES[25:] + _REVIEW_DESIGN[2:]),
    }
    result = score_answers(answers, shipped, "en")
    assert result.voice == "aside"
    assert not result.covered_ids()


def test_the_same_design_sentences_in_a_short_answer_decide(shipped) -> None:  # type: ignore[no-untyped-def]
    answers = {
        "architecture": " ".join(_REVIEW_SENTENCES[:4] + _REVIEW_DESIGN[:2]),
        "failures": " ".join(_REVIEW_SENTENCES[4:8] + _REVIEW_DESIGN[2:]),
    }
    result = score_answers(answers, shipped, "en")
    assert result.voice == ""
    assert {"fail.backoff_jitter", "arch.queue"} <= result.covered_ids()


# An auction catalogue: lots described in no one's voice, one in four naming the design.
_LOTS = [
    f"Lot {lot} is a {thing} from the {room}, in {state} condition, with an estimate of {price} pounds."
    for lot, thing, room, state, price in zip(
        range(1, 37),
        ["mug", "lamp", "chair", "poster", "badge", "hoodie"] * 6,
        ["third floor", "canteen", "lobby", "roof garden", "print room", "library"] * 6,
        ["good", "fair", "worn", "mint", "faded", "sound"] * 6,
        range(20, 380, 10), strict=True,
    )
]
_LOT_DESIGN = [
    "The whiteboard shows a queue between the API and two workers, drawn in green.",
    "A framed printout explains the retries with exponential backoff and jitter.",
    "The sticker reads: circuit breaker open, try again later.",
    "A mug lists the dead-letter queue's depth on the night of the outage.",
    "The poster describes an idempotency key on every send request.",
    "A binder holds the runbook for the cache with a five-minute TTL.",
    "The sign above the desk promises a p99 under two hundred milliseconds.",
    "A notebook sketches the partitioning by user id across twelve shards.",
    "The badge says structured logs with a trace id in every line.",
    "A tote bag is printed with the rate limit per provider.",
    "The banner announces the outbox table beside every write.",
    "A coaster shows the metrics dashboard of the last launch.",
]


def test_a_document_in_no_one_s_voice_that_names_the_design_now_and_then_decides_nothing(shipped) -> None:  # type: ignore[no-untyped-def]
    answers = {
        "architecture": " ".join(_LOTS[:18] + _LOT_DESIGN[:6]),
        "failures": " ".join(_LOTS[18:] + _LOT_DESIGN[6:]),
    }
    result = score_answers(answers, shipped, "en")
    assert result.voice == "aside"
    assert not result.covered_ids()


def test_the_same_share_of_design_in_the_candidate_s_own_voice_decides(shipped) -> None:  # type: ignore[no-untyped-def]
    # a little over a quarter of its sentences name the design (11 of 41), the candidate speaking: an
    # answer, if a thin one (under a quarter is an aside whoever speaks: a stand-up set, a toast)
    own = [lot.replace("Lot ", "I'd list item ", 1) for lot in _LOTS]
    answers = {
        "architecture": " ".join([*own[:14], *_LOT_DESIGN[:6], "I'd put the workers behind the queue."]),
        "failures": " ".join(own[18:32] + _LOT_DESIGN[6:]),
    }
    # mugs and lamps are off the house's vocabulary (lexicon.py, its own test): the share of design alone here
    result = score_answers(answers, replace(compile_bundle(shipped), lexicon=(frozenset(), frozenset())), "en")
    assert result.voice != "aside"
    assert {"arch.queue", "fail.backoff_jitter"} <= result.covered_ids()


def test_a_first_person_sheet_that_hardly_names_the_design_decides_nothing(shipped) -> None:  # type: ignore[no-untyped-def]
    # one sentence in five names the design, the author speaking throughout: a stand-up set, a toast
    own = [lot.replace("Lot ", "I'd list item ", 1) for lot in _LOTS]
    answers = {
        "architecture": " ".join(own[:18] + _LOT_DESIGN[:6]),
        "failures": " ".join(own[18:] + _LOT_DESIGN[6:]),
    }
    _assert_aside(shipped, answers, "en", {"arch.queue", "fail.backoff_jitter", "fail.circuit_breaker"})


@pytest.mark.parametrize(
    "sentence",
    [
        "La conciliación mensual se hacía en hojas de cálculo.",  # "cálculo" folds to "calculo", "I calculate"
        "El uso de CPU de los workers sube en campaña.",  # "uso", the noun, not "I use"
        "Disk I/O is the bottleneck of the storage layer.",  # "I/O", not "I"
        "The bank sends 40 messages a second (3.5 million a day, i.e. 40 × 86,400).",  # "i.e.", not "I"
    ],
)
def test_a_noun_that_looks_like_the_first_person_puts_no_author_in_a_sentence(sentence: str) -> None:
    assert not analyse(sentence).author


@pytest.mark.parametrize("sentence", ["Calculo unos 3.000 USD al mes y propongo Redis.", "It's I/O bound, so I add workers."])
def test_the_first_person_still_puts_the_author_in_a_sentence(sentence: str) -> None:
    assert analyse(sentence).author


# A toast at a system's retirement: it names the design more often than a review does, in the past.
_TOAST_THINGS = ["coffee machine", "office move", "printer", "quiz night", "holiday party", "parking"]
_TOAST_PEOPLE = ["Marta", "Dmitri", "Alba", "Jon", "Ines", "Tom", "Leire"]
_TOAST = [
    f"In {2000 + n} it was the {_TOAST_THINGS[n % 6]} that kept us up, and {_TOAST_PEOPLE[n % 7]} was the one who fixed it."
    for n in range(36)
]
_TOAST_DESIGN = [
    "The time Marta's circuit breaker opened and closed all night was the best show we ever had.",
    "We did add retries with exponential backoff once, and the queue was never the same.",
    "It had a dead-letter queue that nobody ever drained.",
    "The idempotency keys were stored in a table that was called keys_new.",
    "Its cache had a TTL of a week, which was a choice.",
    "There was a rate limit, and everyone knew the header that skipped it.",
    "Tracing was on for one glorious week before the bill came.",
    "Sharding was promised every year and never came.",
    "The queue had one partition and one consumer, and it was fine.",
    "Its workers were three cron jobs that nobody owned.",
    "The timeouts were thirty seconds, every one of them.",
    "The logs were in a file on one disk, which we read with grep.",
]


def test_a_story_of_a_system_s_past_decides_nothing(shipped) -> None:  # type: ignore[no-untyped-def]
    answers = {
        "architecture": " ".join(_TOAST[:18] + _TOAST_DESIGN[:6]),
        "failures": " ".join(_TOAST[18:] + _TOAST_DESIGN[6:]),
    }
    result = score_answers(answers, shipped, "en")
    assert result.voice == "aside"
    assert not result.covered_ids() & {"fail.circuit_breaker", "fail.dlq", "fail.retries", "arch.cache"}


def test_a_candidate_s_war_story_beside_a_design_is_no_story(shipped) -> None:  # type: ignore[no-untyped-def]
    answers = {
        "architecture": " ".join(_TOAST[:6]) + " Now I'd put a queue between the API and the workers, "
        "partitioned by user id, and a cache of preferences with a 5 minute TTL.",
        "failures": "Retries with exponential backoff and jitter, 5 attempts, then a DLQ an operator replays. "
        "A circuit breaker per provider opens at 50 % errors over 30 s. Timeouts of 2 s on every call.",
    }
    result = score_answers(answers, shipped, "en")
    assert result.voice == ""
    assert {"fail.circuit_breaker", "fail.dlq", "arch.queue"} <= result.covered_ids()


# An obituary for a gateway: nearly every sentence names the design, and half or more tell its past.
_OBITUARY = [
    f"In {2010 + n}, {_TOAST_DESIGN[n % 12][0].lower()}{_TOAST_DESIGN[n % 12][1:-1]}, and {_TOAST_PEOPLE[n % 7]} was there."
    for n in range(30)
]
_PRESENT_DESIGN = [
    "Now the API writes the notification and puts it on a Kafka queue partitioned by user id.",
    "Workers per channel consume the queue and call the providers with a 2 s timeout.",
    "Retries use exponential backoff with jitter, five attempts, then a DLQ that an operator replays.",
    "A circuit breaker per provider opens at 50 % errors over 30 s.",
    "Preferences sit in a Redis cache with a 5 minute TTL in front of Postgres.",
    "Each request carries an idempotency key that we store for 24 hours.",
]


def test_an_obituary_for_a_system_decides_nothing_however_much_it_names(shipped) -> None:  # type: ignore[no-untyped-def]
    # every sentence names the design (the toast rule needs fewer than three in ten): the past decides it
    answers = {
        "architecture": " ".join(_OBITUARY[:15] + _TOAST[:6]),
        "failures": " ".join(_OBITUARY[15:] + _TOAST[6:12]),
    }
    result = score_answers(answers, shipped, "en")
    assert result.voice == "aside"
    assert not result.covered_ids() & {"fail.circuit_breaker", "fail.dlq", "fail.retries", "arch.cache"}


def test_a_postmortem_that_goes_on_to_design_keeps_its_decisions(shipped) -> None:  # type: ignore[no-untyped-def]
    # four sentences in ten in the past, the rest a design in the present: a story, whose present decides
    answers = {
        "architecture": " ".join(_OBITUARY[:8] + _PRESENT_DESIGN * 2),
        "failures": " ".join(_OBITUARY[8:16] + _PRESENT_DESIGN * 2),
    }
    result = score_answers(answers, shipped, "en")
    assert result.voice == "story"
    assert {"fail.circuit_breaker", "fail.dlq", "arch.queue", "fail.timeouts"} <= result.covered_ids()


def test_in_a_story_only_the_present_decides(shipped) -> None:  # type: ignore[no-untyped-def]
    # a speech that names the design in most of its sentences and tells a third of them in the past
    # (a best man's toast: "Dani retried the next weekend"): what it tells in the past decides nothing
    past = [
        "The proposal was retried the next weekend, and the weekend after that.",
        "The first year they were on eventual consistency, and the replicas converged in time for Christmas.",
        "Access to the label maker was granted on a strict least-privilege basis.",
        "The guest list was scaled horizontally, and the boathouse was full.",
    ]
    present = [
        "Today the API puts every notification on a queue partitioned by user id.",
        "A circuit breaker per provider opens at 50 % errors over 30 s.",
        "Workers per channel call the providers with a 2 s timeout.",
    ]
    answers = {"failures": " ".join((past + present) * 4), "architecture": " ".join(present * 4)}
    result = score_answers(answers, shipped, "en")
    assert result.voice == "story"
    assert not result.covered_ids() & {"fail.retries", "cons.model", "sec.iam", "scale.horizontal"}
    assert {"fail.circuit_breaker", "arch.queue", "fail.timeouts"} <= result.covered_ids()


# A mock will read at New Year: the author speaks in the present and names the design, but gives every
# piece of it away to someone ("Dejo mis reintentos al Wilson").
_HEIRS = ["a mi tío Ramiro", "al Wilson, de guardia", "a la vecina del cuarto piso", "a los de datos",
          "a mi primo Andrés", "a quien llegue tarde a la fiesta"]
_WILL_DESIGN = [
    "la cola de Kafka particionada por usuario", "mis reintentos con backoff exponencial y jitter",
    "la DLQ con sus mensajes muertos", "el circuit breaker por proveedor", "la caché de preferencias con su TTL",
    "los timeouts de dos segundos", "las claves de idempotencia de 24 horas", "mis trazas con su traceId",
]
_WILL = [f"Dejo {_WILL_DESIGN[n % 8]} {_HEIRS[n % 6]}, para que se acuerden de mí." for n in range(16)]
_WILL_AFTER = [f"Que conste que el monigote número {n} arde a medianoche y que la fiesta empieza a las nueve." for n in range(28)]


_CORE_DESIGN = {"fail.circuit_breaker", "fail.dlq", "arch.queue", "fail.timeouts"}


def _assert_aside(shipped, answers: dict[str, str], lang: str, untouched: set[str]) -> None:  # type: ignore[no-untyped-def]
    """The sheet reads as an aside: none of `untouched` (named in it) is covered."""
    result = score_answers(answers, shipped, lang)
    assert result.voice == "aside"
    assert not result.covered_ids() & untouched


def _assert_decides(shipped, answers: dict[str, str], lang: str) -> None:  # type: ignore[no-untyped-def]
    """The sheet is an answer: no aside, and its core design decided."""
    result = score_answers(answers, shipped, lang)
    assert result.voice != "aside"
    assert result.covered_ids() >= _CORE_DESIGN


def test_a_will_that_gives_the_design_away_decides_nothing(shipped) -> None:  # type: ignore[no-untyped-def]
    answers = {
        "architecture": " ".join(_WILL[:8] + _WILL_AFTER[:14]),
        "failures": " ".join(_WILL[8:] + _WILL_AFTER[14:]),
    }
    _assert_aside(shipped, answers, "es", {"fail.circuit_breaker", "fail.dlq", "fail.retries", "arch.queue"})


def test_a_candidate_who_hands_one_topic_off_still_decides_the_rest(shipped) -> None:  # type: ignore[no-untyped-def]
    design = [
        "La API escribe la notificación y la pone en una cola de Kafka particionada por usuario.",
        "Los workers por canal consumen la cola y llaman al proveedor con un timeout de 2 s.",
        "Reintentos con backoff exponencial y jitter, cinco intentos, y después una DLQ que reprocesa un operador.",
        "Un circuit breaker por proveedor se abre con un 50 % de errores en 30 s.",
    ]
    answers = {
        "architecture": " ".join(design[:2] * 6),
        "failures": " ".join(design[2:] * 6) + " El tracing distribuido lo dejo a la gente de plataforma.",
    }
    _assert_decides(shipped, answers, "es")


# A board game's rulebook: it speaks to the players, never as "I" or "we", says what things are usually
# called, and borrows the design's words in about a third of its sentences.
_RULEBOOK_DESIGN = [
    "Each Client card goes to the Gateway, which checks the token bucket of its key before it passes.",
    "When the bucket is empty, place a 429 tile in front of the Client with a Retry-After chit.",
    "A retry storm begins when every rejected Client comes back in the same round.",
    "The Redis Tower holds the shared counters, one drawer per shard.",
    "When the Tower wobbles, the circuit breaker card flips and each region fails open.",
]
_RULEBOOK_PLAY = [
    "Each player takes a screen, five cubes of their colour and a pencil.",
    "The youngest player starts, and play goes clockwise.",
    "Draw two cards at the start of each round and keep them hidden.",
    "The player with the most stars wins the game.",
    "This phase is usually the longest of the game.",
    "At the end of the round, move the Round marker one space.",
    "A tie goes to the player holding the most Contract markers.",
    "The last round ends when the Event deck runs out.",
]
_DESIGNERS_NOTE = "In the designers' notes we explain why there are ten times fewer cubes than real requests."


def test_a_rulebook_that_borrows_the_design_words_decides_nothing(shipped) -> None:  # type: ignore[no-untyped-def]
    rulebook = (_RULEBOOK_DESIGN + _RULEBOOK_PLAY) * 3
    answers = {"architecture": " ".join(rulebook[:21]), "failures": " ".join([*rulebook[21:], _DESIGNERS_NOTE])}
    _assert_aside(shipped, answers, "en", {"fail.circuit_breaker", "fail.retries", "arch.queue", "arch.partitioning"})


def test_a_quiet_design_doc_that_names_the_design_still_decides(shipped) -> None:  # type: ignore[no-untyped-def]
    # the same impersonal voice, but most sentences are the design: a pasted design doc, not a rulebook
    design = [
        "The API writes each notification and puts it on a Kafka queue partitioned by user id.",
        "Workers per channel consume the queue and call the provider with a 2 s timeout.",
        "Retries use exponential backoff with jitter, five attempts, then a DLQ that an operator replays.",
        "A circuit breaker per provider opens at 50 % errors over 30 s.",
    ]
    usually = "Providers usually throttle bursts, so the workers pace their calls."
    answers = {
        "architecture": " ".join((design + _RULEBOOK_PLAY[:2]) * 4),
        "failures": " ".join([*design * 3, usually, usually, usually, _DESIGNERS_NOTE]),
    }
    _assert_decides(shipped, answers, "en")


def test_a_spanish_past_form_is_read_by_its_ending() -> None:
    from coach.scoring.cues import merged_words
    from coach.scoring.scorer import _past_re

    words, endings = _past_re(merged_words("past_words"), merged_words("past_endings"))
    for told in ("se conocieron en una sala sin ventanas", "los metieron al proyecto", "llegaron tarde"):
        assert not words.search(told) and endings.search(told), told
    for present in ("el varon elige", "reintentamos con backoff", "la cola aparta los mensajes", "los workers consumen"):
        assert not words.search(present) and not endings.search(present), present
