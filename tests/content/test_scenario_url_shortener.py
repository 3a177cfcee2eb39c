"""Issue 11: the URL shortener scenario. Its reference reads as senior or staff with checked
arithmetic, a keyword list of its own words stays below mid, the interviewer answers typical
questions from the right fact, and the content keeps the house rules (levels, probes, Spanish
numbers, no simulation)."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.content import ITEM_LEVELS, STEP_IDS, Bundle, Library
from coach.interviewer import answer_question
from coach.scoring import score_answers, score_sheet
from coach.sheet import parse_sheet, render_answers

SCENARIO = "url-shortener"
runner = CliRunner()

# What a candidate who only names this system's buzzwords writes, step by step.
SALAD = {
    "en": {
        "opening": "Scope. SLAs. Volumes. Retention. GDPR. CDN, Redis, Kafka. Trade-offs. Priorities.",
        "requirements": "Shorten, redirect, custom alias, expiry, analytics. Read-heavy. p99. 99.99 %. KPIs.",
        "estimates": "QPS, peak, storage, keyspace, base62, 62^7, bytes.",
        "api": "POST, GET, 301, 302, alias, data model, v1.",
        "architecture": "Key generation service, base62, hash collisions, Redis, cache-aside, CDN, DynamoDB, "
        "Kafka, Flink, ClickHouse, clickstream.",
        "consistency": "Eventual consistency, strong consistency, read-your-writes, conditional put, cache invalidation.",
        "scaling": "Horizontal scaling, sharding, partition key, hot keys, rate limiting, token bucket, multi-region.",
        "failures": "Retries, exponential backoff, jitter, DLQ, circuit breaker, timeouts, cache stampede, "
        "thundering herd, disaster recovery, RTO, RPO.",
        "observability": "Logs, metrics, tracing, sampling, SLO, alerts, cache hit ratio, replication lag.",
        "security": "IAM, secrets, KMS, TLS, WAF, audit, phishing, malware, Safe Browsing, enumeration, GDPR, PII, cost.",
        "closing": "Risks, roadmap, load tests, costs.",
    },
    "es": {
        "opening": "Alcance. SLAs. Volúmenes. Retención. RGPD. CDN, Redis, Kafka. Trade-offs. Prioridades.",
        "requirements": "Acortar, redirigir, alias personalizado, caducidad, analítica. Lectura intensiva. p99. "
        "99,99 %. KPIs.",
        "estimates": "QPS, pico, almacenamiento, espacio de claves, base62, 62^7, bytes.",
        "api": "POST, GET, 301, 302, alias, modelo de datos, v1.",
        "architecture": "Generación de claves, base62, colisiones de hash, Redis, cache-aside, CDN, DynamoDB, "
        "Kafka, Flink, ClickHouse, flujo de clics.",
        "consistency": "Consistencia eventual, consistencia fuerte, read-your-writes, escritura condicional, "
        "invalidación de caché.",
        "scaling": "Escalado horizontal, sharding, clave de partición, claves calientes, rate limiting, token bucket, "
        "multirregión.",
        "failures": "Reintentos, backoff exponencial, jitter, DLQ, circuit breaker, timeouts, estampida, "
        "thundering herd, recuperación ante desastres, RTO, RPO.",
        "observability": "Logs, métricas, trazas, muestreo, SLO, alertas, tasa de aciertos de la caché, "
        "retraso de replicación.",
        "security": "IAM, secretos, KMS, TLS, WAF, auditoría, phishing, malware, Safe Browsing, enumeración, RGPD, "
        "PII, costes.",
        "closing": "Riesgos, roadmap, pruebas de carga, costes.",
    },
}

# Typical clarifying questions and the fact that must answer each one.
QUESTIONS = {
    "en": [
        ("How many redirects per second do we get at peak?", "read_volume"),
        ("How many links are created per day?", "write_volume"),
        ("What CDN do we have and what does it cost?", "budget"),
        ("What is the latency SLA for a redirect?", "slas"),
        ("What availability do we need?", "availability"),
        ("How long do we keep click data?", "retention"),
        ("Does GDPR apply?", "compliance"),
        ("How big is a long URL on average?", "link_size"),
        ("Can users choose custom aliases?", "custom_aliases"),
        ("Do links expire?", "expiry"),
        ("Where are the users located?", "geography"),
        ("Must a newly created link work immediately?", "consistency"),
        ("How much of the traffic is bots?", "bots"),
        ("What is the peak write QPS?", "write_volume"),
    ],
    "es": [
        ("¿Cuántas redirecciones por segundo hay en pico?", "read_volume"),
        ("¿Cuántos enlaces se crean al día?", "write_volume"),
        ("¿Qué latencia se espera en la redirección?", "slas"),
        ("¿Qué disponibilidad necesitamos?", "availability"),
        ("¿Cuánto tiempo guardamos los eventos de clic?", "retention"),
        ("¿Aplica el RGPD?", "compliance"),
        ("¿Cuánto ocupa una URL larga?", "link_size"),
        ("¿Se pueden elegir alias personalizados?", "custom_aliases"),
        ("¿Caducan los enlaces?", "expiry"),
        ("¿Dónde están los usuarios?", "geography"),
        ("¿Tiene que funcionar un enlace recién creado al momento?", "consistency"),
        ("¿Cuánto tráfico viene de bots?", "bots"),
        ("¿Cómo se reparten los clics entre los enlaces?", "hot_links"),
        ("¿Cuánto cuesta la CDN?", "budget"),
    ],
}

OWN_ITEMS = {
    "req.read_heavy": "mid", "req.expiry": "mid", "est.keyspace": "senior",
    "api.contract": "mid", "api.redirect_code": "senior", "api.custom_alias": "mid", "api.data_model": "mid",
    "api.versioning": "mid", "arch.key_generation": "mid", "arch.hash_collisions": "senior", "arch.cache": "mid",
    "arch.cdn_edge": "senior", "arch.storage": "mid", "arch.click_pipeline": "mid", "cons.model": "senior",
    "cons.read_your_writes": "senior", "cons.alias_uniqueness": "senior", "cons.invalidation": "senior",
    "scale.horizontal": "mid", "scale.partition_key": "mid", "scale.hot_keys": "senior", "scale.rate_limit": "mid",
    "scale.multi_region": "staff", "fail.cache_outage": "senior", "fail.analytics_isolation": "senior",
    "fail.dr": "staff", "obs.redirect_metrics": "senior", "sec.abuse": "senior", "sec.enumeration": "senior",
    "sec.pii": "mid",
}


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return Library(use_user_dir=False).bundle(SCENARIO)


def _reference_sheet(bundle: Bundle, lang: str) -> str:
    answers = {step: text(lang) for step, text in bundle.scenario.reference.items()}  # type: ignore[arg-type]
    return render_answers(SCENARIO, lang, answers)  # type: ignore[arg-type]


def test_the_scenario_is_listed_without_a_simulation() -> None:
    result = runner.invoke(app, ["scenarios", "list", "--json"])
    assert result.exit_code == 0, result.output
    listed = {entry["id"]: entry for entry in json.loads(result.output)["scenarios"]}
    assert SCENARIO in listed
    assert listed[SCENARIO]["simulation"] is False


def test_the_content_is_complete(bundle: Bundle) -> None:
    """Facts, a reference for all 11 steps, 15–30 own items with their levels, probes and cards."""
    scenario = bundle.scenario
    assert 15 <= len(scenario.facts) <= 25
    assert set(scenario.reference) == set(STEP_IDS)
    assert {item.id: item.level for item in scenario.items} == OWN_ITEMS
    assert all(item.level in ITEM_LEVELS for item in scenario.items)
    probed = {probe.item for probe in scenario.probes}
    assert set(OWN_ITEMS) <= probed
    assert all(probe.escalation is not None for probe in scenario.probes if probe.item in OWN_ITEMS
               and probe.item not in ("api.versioning", "scale.partition_key", "sec.pii"))
    assert 3 <= len(scenario.failure_cards) <= 4
    assert scenario.simulation is None and scenario.costs is None


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_reference_sheet_reaches_ninety_percent_at_senior_or_above(bundle: Bundle, lang: str) -> None:
    result = score_sheet(parse_sheet(_reference_sheet(bundle, lang)), bundle)
    assert result.total >= 0.9
    assert result.level in ("senior", "staff")
    assert set(OWN_ITEMS) <= result.covered_ids()
    findings = result.step("estimates").arithmetic
    assert findings and all(finding.ok for finding in findings), [f.message for f in findings if not f.ok]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_keyword_list_of_this_scenario_stays_below_mid(bundle: Bundle, lang: str) -> None:
    result = score_answers(SALAD[lang], bundle, lang)  # type: ignore[arg-type]
    assert result.level == "below"
    assert result.total < 0.25


@pytest.mark.parametrize("lang", ["es", "en"])
def test_typical_questions_find_their_fact(bundle: Bundle, lang: str) -> None:
    wrong = []
    for question, fact in QUESTIONS[lang]:
        answer = answer_question(bundle, question, lang)  # type: ignore[arg-type]
        if answer.fact_id != fact:
            wrong.append((question, fact, answer.kind.value, answer.fact_id))
    assert not wrong


@pytest.mark.parametrize(
    ("question", "lang"),
    [("Should I use 301 or 302?", "en"), ("¿Uso 301 o 302?", "es"), ("Should I use Kafka for clicks?", "en")],
)
def test_design_choices_are_the_candidates_call(bundle: Bundle, question: str, lang: str) -> None:
    assert answer_question(bundle, question, lang).kind.value == "design"  # type: ignore[arg-type]


def test_spanish_text_writes_spanish_numbers_and_es_es_terms(bundle: Bundle) -> None:
    """86.400 and 8,64 in Spanish, never 86,400 or 8.64; costes and RGPD."""
    sc = bundle.scenario
    texts = [("brief", sc.brief.es)] + [(f"fact {f.id}", f.answer.es) for f in sc.facts]
    texts += [(f"reference {k}", v.es) for k, v in sc.reference.items()]
    texts += [(f"hint {i.id}", i.hint.es) for i in sc.items]
    texts += [(f"probe {p.item}", p.question.es) for p in sc.probes]
    english_number = re.compile(r"\d,\d{3}(?!\d)|\d\.(?:\d{1,2}|\d{4,})(?!\d)")
    banned = re.compile(r"\bcostos?\b|\bretries\b|\bGDPR\b", re.IGNORECASE)
    wrong = [(where, m.group()) for where, text in texts for m in english_number.finditer(text)]
    wrong += [(where, m.group()) for where, text in texts for m in banned.finditer(text)]
    assert not wrong


def test_the_reference_tells_one_story(bundle: Bundle) -> None:
    """The same code length, redirect status, cost and home region in every step that names them."""
    ref = bundle.scenario.reference
    for lang in ("es", "en"):
        every = " ".join(text(lang) for text in ref.values())  # type: ignore[arg-type]
        assert "301" in ref["api"](lang) and "302" in ref["api"](lang)  # type: ignore[arg-type]
        assert "62^7" in ref["estimates"](lang)  # type: ignore[arg-type]
        assert "us-east" in ref["consistency"](lang) and "eu-west" in ref["failures"](lang)  # type: ignore[arg-type]
        total = "106,000" if lang == "en" else "106.000"
        assert total in ref["security"](lang) and total in ref["closing"](lang)  # type: ignore[arg-type]
        cdn = "64,800" if lang == "en" else "64.800"
        assert every.count(cdn) >= 2


@pytest.mark.parametrize(
    ("lang", "step", "text", "item"),
    [
        ("en", "architecture", "Each app server grabs a block of 1000 IDs from ZooKeeper.", "arch.key_generation"),
        ("es", "architecture", "Generamos los códigos con un contador global que pasamos a base 62.", "arch.key_generation"),
        ("en", "architecture", "We could hash the URL with MD5 and keep the first 7 characters, but two URLs can collide.",
         "arch.hash_collisions"),
        ("en", "api", "Redirect with a 302 so that every click hits our servers and we can count it.", "api.redirect_code"),
        ("es", "api", "Usamos 302 para que cada clic pase por nosotros y podamos contarlo.", "api.redirect_code"),
        ("en", "failures", "If Redis goes down, all the traffic hits the database, so we use request coalescing.",
         "fail.cache_outage"),
        ("es", "consistency", "Un enlace recién creado puede no estar replicado en otra región, así que ante un 404 "
         "leemos la región principal.", "cons.read_your_writes"),
        ("en", "security", "Sequential codes are guessable, so we shuffle the counter before encoding.", "sec.enumeration"),
    ],
)
def test_a_candidates_own_words_earn_the_item(bundle: Bundle, lang: str, step: str, text: str, item: str) -> None:
    """Paraphrases, not the reference's wording, are decided with their reason."""
    result = score_answers({step: text}, bundle, lang)  # type: ignore[arg-type, dict-item]
    assert result.item(item).credit == "justified"


def test_a_redis_failure_sentence_is_not_disaster_recovery(bundle: Bundle) -> None:
    text = "If a region's Redis fails, its 20,000 requests per second would all reach the table."
    result = score_answers({"failures": text}, bundle, "en")
    assert "fail.dr" not in result.covered_ids()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_an_answer_about_another_system_earns_no_shortener_item(bundle: Bundle, lang: str) -> None:
    """The notifications reference, scored here, keeps generic items only (grounding)."""
    other = Library(use_user_dir=False).bundle("notifications").scenario.reference
    result = score_answers({step: text(lang) for step, text in other.items()}, bundle, lang)  # type: ignore[arg-type]
    assert bundle.scenario.grounding is not None
    assert not set(bundle.scenario.grounding.items) & result.covered_ids()


def test_hints_probes_and_reference_agree_on_the_figures(bundle: Bundle) -> None:
    """Review fixes: five-year volume with 40 % growth (345 billion links, 173 TB), peak writes
    5,000/s, the cache outage sized per region (us-east: 400 → 8,000 reads/s), aliases kept out of
    the generated codes' namespace, and the write bill at the post-November-2024 price."""
    sc = bundle.scenario
    items = {i.id: i for i in sc.items}
    probes = {p.item: p for p in sc.probes}
    ref = sc.reference
    assert "345" in items["est.keyspace"].hint.en and "345.000" in items["est.keyspace"].hint.es
    assert "173 TB" in probes["arch.storage"].escalation.en and "173 TB" in probes["arch.storage"].escalation.es
    assert "8,000" in items["fail.cache_outage"].hint.en and "8.000" in items["fail.cache_outage"].hint.es
    assert "only aliases" in items["scale.multi_region"].hint.en
    assert "hyphen" in items["cons.alias_uniqueness"].hint.en and "guion" in items["cons.alias_uniqueness"].hint.es
    assert "5,000 writes" in ref["scaling"]("en") and "5.000 escrituras" in ref["scaling"]("es")
    assert "8,000" in ref["failures"]("en") and "8.000" in ref["failures"]("es")
    assert "20,000 origin requests" not in ref["failures"]("en")
    assert "0.625" in ref["security"]("en") and "1.25 USD" not in ref["security"]("en")
    assert "130,000" in ref["security"]("en") and "130.000" in ref["security"]("es")
    assert "hyphen" in ref["consistency"]("en") and "guion" in ref["consistency"]("es")
    for lang in ("es", "en"):
        assert "79 TB" not in " ".join(text(lang) for text in ref.values())  # type: ignore[arg-type]
