"""Issue 11: the payments scenario: its reference scores senior or staff, a keyword list does not,
and `coach ask` answers typical questions from the right fact, in both languages."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from coach.content import ITEM_LEVELS, Bundle, Library
from coach.interviewer import AskKind, answer_question
from coach.scoring import score_answers, score_sheet
from coach.sheet import parse_sheet, render_answers

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "payments.toml"

# A candidate who names every payments buzzword and decides nothing.
SALAD = {
    "en": (
        "Idempotency keys, double-entry ledger, outbox, saga, PSP, webhooks, HMAC, reconciliation, settlement "
        "files, refunds, chargebacks, PCI DSS, tokenization, 3-D Secure, state machine, minor units, rounding, "
        "Kafka, PostgreSQL, ACID, sharding, hot accounts, circuit breaker, retries, exponential backoff, jitter, "
        "DLQ, tracing, metrics, structured logs, TLS, IAM, KMS, SLA, p99, GDPR."
    ),
    "es": (
        "Claves de idempotencia, libro mayor de partida doble, outbox, saga, PSP, webhooks, HMAC, conciliación, "
        "ficheros de liquidación, reembolsos, contracargos, PCI DSS, tokenización, 3-D Secure, máquina de "
        "estados, unidades menores, redondeo, Kafka, PostgreSQL, ACID, sharding, cuentas calientes, circuit "
        "breaker, reintentos, backoff exponencial, jitter, DLQ, trazas, métricas, logs estructurados, TLS, IAM, "
        "KMS, SLA, p99, RGPD."
    ),
}

# Ten typical questions per language and the fact that must answer each.
QUESTIONS = {
    "en": [
        ("What is the peak QPS?", "volumes"),
        ("How many sellers and buyers are there?", "users"),
        ("What latency SLA do we need for confirming a payment?", "slas"),
        ("What availability target do we have?", "availability"),
        ("How long do we keep ledger entries?", "retention"),
        ("Do we need to worry about PCI DSS?", "compliance"),
        ("What happens when the PSP times out?", "psps"),
        ("Are PSP webhooks signed and can they arrive out of order?", "webhooks"),
        ("How often do we get settlement files?", "settlement"),
        ("How many chargebacks do we get?", "refunds_chargebacks"),
        ("Which currencies do we support?", "currencies"),
        ("What is out of scope?", "out_of_scope"),
        ("How many seller payouts are there per day?", "fees"),
        ("Who holds the funds until delivery? Is safeguarding required?", "compliance"),
    ],
    "es": [
        ("¿Cuál es el pico de tráfico?", "volumes"),
        ("¿Cuántos vendedores hay?", "users"),
        ("¿Qué latencia necesitamos para confirmar un pago?", "slas"),
        ("¿Qué disponibilidad necesitamos?", "availability"),
        ("¿Cuánto tiempo guardamos los asientos?", "retention"),
        ("¿Aplica PCI DSS?", "compliance"),
        ("¿Qué pasa si el PSP da timeout?", "psps"),
        ("¿Los webhooks van firmados y pueden llegar desordenados?", "webhooks"),
        ("¿Cada cuánto llegan los ficheros de liquidación?", "settlement"),
        ("¿Cuántos contracargos hay?", "refunds_chargebacks"),
        ("¿Qué divisas soportamos?", "currencies"),
        ("¿Qué queda fuera de alcance?", "out_of_scope"),
        ("¿Cuántos pagos a vendedores hay al día?", "fees"),
        ("¿Quién custodia el dinero? ¿Hace falta licencia?", "compliance"),
    ],
}

OWN_ITEMS = {
    "req.money_invariants": "mid",
    "req.marketplace_flows": "senior",
    "api.idempotency_key": "mid",
    "api.state_machine": "senior",
    "api.money_amounts": "senior",
    "arch.ledger": "senior",
    "arch.webhooks": "senior",
    "cons.outbox": "senior",
    "cons.unknown_outcome": "senior",
    "cons.saga": "staff",
    "scale.hot_accounts": "staff",
    "fail.reconciliation": "senior",
    "fail.refunds_chargebacks": "senior",
    "fail.dr": "staff",
    "sec.pci_scope": "senior",
}


@pytest.fixture(scope="module")
def payments() -> Bundle:
    return Library(use_user_dir=False).bundle("payments")


def _reference_sheet(bundle: Bundle, lang: str) -> str:
    answers = {step: text(lang) for step, text in bundle.scenario.reference.items()}
    return render_answers(bundle.scenario.id, lang, answers)  # type: ignore[arg-type]


def test_every_item_states_its_level_and_has_a_probe(payments: Bundle) -> None:
    raw = tomllib.loads(SCENARIO.read_text("utf-8"))
    assert not [item["id"] for item in raw["items"] if item.get("level") not in ITEM_LEVELS]
    assert 15 <= len(raw["items"]) <= 30
    assert 15 <= len(raw["facts"]) <= 25
    probed = {probe.item for probe in payments.scenario.probes}
    assert not [item["id"] for item in raw["items"] if item["id"] not in probed]
    for item_id, level in OWN_ITEMS.items():
        assert payments.item(item_id)[1].level == level, item_id


def test_the_reference_covers_every_step_in_both_languages(payments: Bundle) -> None:
    steps = [step.id for step in payments.framework.steps]
    assert sorted(payments.scenario.reference) == sorted(steps)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_reference_sheet_reaches_ninety_percent_at_senior_or_staff(payments: Bundle, lang: str) -> None:
    result = score_sheet(parse_sheet(_reference_sheet(payments, lang)), payments)
    assert result.total >= 0.9
    assert result.level in ("senior", "staff")
    assert set(OWN_ITEMS) <= result.covered_ids()
    findings = [finding for step in result.steps for finding in step.arithmetic]
    assert findings and all(finding.ok for finding in findings), [f.formula for f in findings if not f.ok]


# A few lines of bare buzzwords per step, as a candidate who memorised the topic would write.
STEP_SALAD = {
    "en": {
        "opening": "Scope, SLAs, volumes, PCI, GDPR, PSP, ledger, Kafka, trade-offs, priorities.",
        "requirements": "Payments, refunds, chargebacks, payouts, escrow, p99, 99.95 %, KPIs, authorization rate.",
        "estimates": "QPS, TPS, peak, Black Friday, storage, GB per day, ledger entries, webhooks.",
        "api": "REST, /v1, Idempotency-Key, payment intents, state machine, minor units, ISO 4217, data model.",
        "architecture": "PSP adapter, PostgreSQL, ACID, double-entry ledger, webhooks, HMAC, Kafka, CDC, async.",
        "consistency": "Strong consistency, exactly-once, at-least-once, outbox, saga, optimistic locking, unknown outcome.",
        "scaling": "Horizontal scaling, sharding, partition key, hot accounts, read replicas, snapshots.",
        "failures": "Retries, backoff, jitter, DLQ, circuit breaker, timeouts, reconciliation, settlement files, RPO, RTO.",
        "observability": "Logs, metrics, tracing, OpenTelemetry, dashboards, alerts, auth rate, sampling.",
        "security": "PCI DSS, tokenization, SAQ A, IAM, KMS, TLS, WAF, Secrets Manager, audit, PSP fees.",
        "closing": "Risks, roadmap, MVP, load tests, costs.",
    },
    "es": {
        "opening": "Alcance, SLAs, volúmenes, PCI, RGPD, PSP, libro mayor, Kafka, trade-offs, prioridades.",
        "requirements": "Pagos, reembolsos, contracargos, pagos a vendedores, escrow, p99, 99,95 %, KPIs, tasa de autorización.",
        "estimates": "QPS, TPS, pico, Black Friday, almacenamiento, GB al día, asientos, webhooks.",
        "api": "REST, /v1, Idempotency-Key, payment intents, máquina de estados, unidades menores, ISO 4217, modelo de datos.",
        "architecture": "Adaptador de PSP, PostgreSQL, ACID, partida doble, webhooks, HMAC, Kafka, CDC, asíncrono.",
        "consistency": "Consistencia fuerte, exactly-once, at-least-once, outbox, saga, bloqueo optimista, resultado desconocido.",
        "scaling": "Escalado horizontal, sharding, clave de partición, cuentas calientes, réplicas de lectura, instantáneas.",
        "failures": "Reintentos, backoff, jitter, DLQ, circuit breaker, timeouts, conciliación, ficheros de liquidación, RPO, RTO.",
        "observability": "Logs, métricas, trazas, OpenTelemetry, dashboards, alertas, tasa de autorización, sampling.",
        "security": "PCI DSS, tokenización, SAQ A, IAM, KMS, TLS, WAF, Secrets Manager, auditoría, comisiones del PSP.",
        "closing": "Riesgos, roadmap, MVP, pruebas de carga, costes.",
    },
}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_payments_keyword_salad_stays_below_mid(payments: Bundle, lang: str) -> None:
    result = score_answers({step.id: SALAD[lang] for step in payments.framework.steps}, payments, lang)  # type: ignore[arg-type]
    assert result.level == "below"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_keyword_list_per_step_stays_below_mid(payments: Bundle, lang: str) -> None:
    result = score_answers(STEP_SALAD[lang], payments, lang)  # type: ignore[arg-type]
    assert result.level == "below"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_ask_answers_typical_questions_from_the_right_fact(payments: Bundle, lang: str) -> None:
    wrong = []
    for question, fact in QUESTIONS[lang]:
        answer = answer_question(payments, question, lang)  # type: ignore[arg-type]
        if answer.kind != AskKind.FACT or answer.fact_id != fact:
            wrong.append((question, answer.kind, answer.fact_id, answer.item_id))
    assert not wrong
    assert len(QUESTIONS[lang]) >= 10


def test_a_design_question_is_left_to_the_candidate(payments: Bundle) -> None:
    answer = answer_question(payments, "Should we use a double-entry ledger?", "en")
    assert answer.kind == AskKind.DESIGN


def test_spanish_text_writes_spanish_numbers_and_terms(payments: Bundle) -> None:
    sc = payments.scenario
    texts = [sc.brief.es, *(f.answer.es for f in sc.facts), *(t.es for t in sc.reference.values())]
    texts += [item.hint.es for item in sc.items]
    english_number = re.compile(r"\d,\d{3}(?!\d)|\d\.(?:\d{1,2}|\d{4,})(?!\d)")
    assert not [m.group() for text in texts for m in english_number.finditer(text)]
    banned = re.compile(r"\bcostos?\b|\bretries\b|\bGDPR\b", re.IGNORECASE)
    assert not [m.group() for text in texts for m in banned.finditer(text)]


def test_the_reference_tells_one_write_path(payments: Bundle) -> None:
    ref = payments.scenario.reference
    for step in ("architecture", "consistency"):
        assert "outbox" in ref[step].en.lower() and "outbox" in ref[step].es.lower(), step
    for lang in ("es", "en"):
        every = " ".join(text(lang) for text in ref.values())
        assert "6 s" in ref["architecture"](lang) and "6 s" in ref["failures"](lang)
        assert "10,4" in every if lang == "es" else "10.4" in every


def test_the_scenario_has_no_simulation(payments: Bundle) -> None:
    assert not payments.scenario.has_simulation


def test_authorization_moves_no_money_and_capture_writes_the_entries(payments: Bundle) -> None:
    """Review: the facts listed a capture call and the saga captured after reserving the item,
    while the reference wrote the entries right after the authorization and had no capture."""
    ref = payments.scenario.reference
    assert "/capture" in payments.scenario.api_example
    for lang in ("es", "en"):
        assert "requires_capture" in ref["api"](lang) and "/capture" in ref["api"](lang)
        assert "requires_capture" in ref["architecture"](lang)
        assert "7 d" in ref["architecture"](lang)  # why capture at once: authorizations expire
    flows = next(f for f in payments.scenario.facts if f.id == "flows")
    assert "7" in flows.answer.en and "capture as soon as" in flows.answer.en


def test_payouts_have_their_own_write_path_and_figures(payments: Bundle) -> None:
    """Review: a payout went out twice last year, and 40,000 payouts a day had no fact behind it."""
    fees = next(f for f in payments.scenario.facts if f.id == "fees")
    assert "40,000" in fees.answer.en and "40.000" in fees.answer.es
    ref = payments.scenario.reference
    assert "payout id as idempotency key" in ref["consistency"].en
    assert "id del payout como clave de idempotencia" in ref["consistency"].es
    assert "takes the same lock" in ref["consistency"].en


def test_async_retries_stay_inside_the_psp_key_window(payments: Bundle) -> None:
    """Review: retrying for 24 h against a PSP that remembers keys for 24 h could charge twice."""
    ref = payments.scenario.reference
    assert "for 20 hours" in ref["failures"].en and "durante 20 horas" in ref["failures"].es
    assert "24 hours" not in ref["failures"].en.split("inside the 24 hours")[0]
    assert "retried once within the 5 s budget" in ref["failures"].en


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        ("security", "We need PCI.", "sec.pci_scope"),
        ("failures", "If the cache breaks we fall back to the database.", "fail.reconciliation"),
        ("architecture", "The checkout calls the PSP and stores the result.", "arch.providers"),
        ("architecture", "We keep a ledger.", "arch.ledger"),
        ("failures", "We have a standby.", "fail.dr"),
        ("scaling", "Contention could be a problem.", "scale.hot_accounts"),
    ],
)
def test_a_single_word_does_not_earn_a_payments_item(payments: Bundle, step: str, text: str, item: str) -> None:
    result = score_answers({step: text}, payments, "en")
    assert item not in result.covered_ids()


def test_no_hint_opens_with_define_los(payments: Bundle) -> None:
    """Beyond the shared imperative check (test_scenarios_common.py): no Spanish hint opens with "Define los"."""
    assert not [i.id for i in payments.scenario.items if re.match(r"^Define los\b", i.hint.es)]
