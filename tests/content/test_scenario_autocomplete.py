"""The search-autocomplete scenario. Its reference reads as senior or staff with checked arithmetic in
both languages, a keyword list of its own words stays below mid, the interviewer answers typical
questions from the right fact, and the content keeps the house rules (levels, probes, Spanish numbers,
no simulation, one story)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.content import ITEM_LEVELS, STEP_IDS, Bundle, Library
from coach.interviewer import answer_question
from coach.scoring import score_answers, score_sheet
from coach.sheet import parse_sheet, render_answers

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "autocomplete"
runner = CliRunner()

# What a candidate who only names this system's buzzwords writes, step by step: bare names, no decisions.
SALAD = {
    "en": {
        "opening": "Scope. SLAs. Volumes. Retention. GDPR. CDN, trie, Kafka. Trade-offs. Priorities.",
        "requirements": "Suggestions, top-k, prefix, markets, personalization. Latency budget. p99. 99.9 %. Freshness. KPIs.",
        "estimates": "QPS, peak, keystrokes, debounce, index size, bytes per node, storage.",
        "api": "GET, /v1/suggest, Cache-Control, s-maxage, cache key, data model, v1.",
        "architecture": "Trie, prefix tree, precomputed top-k, debounce, CDN, browser cache, Spark, Flink, batch job, atomic swap, versioned snapshot, time decay, half-life, trending overlay.",
        "consistency": "Eventual consistency, strong consistency, version skew, blocklist, serve-time filter.",
        "scaling": "Horizontal scaling, sharding, shard by prefix, hot prefixes, hot keys, multi-region, replicas.",
        "failures": "Retries, exponential backoff, jitter, DLQ, circuit breaker, timeouts, graceful degradation, golden prefixes, rollback, disaster recovery, RTO.",
        "observability": "Logs, metrics, tracing, sampling, SLO, alerts, acceptance rate, index age.",
        "security": "IAM, secrets, KMS, TLS, WAF, audit, blocklist, offensive terms, k-anonymity, distinct users, poisoning, bots, GDPR, PII, cost, freshness versus cost.",
        "closing": "Risks, roadmap, load tests, costs.",
    },
    "es": {
        "opening": "Alcance. SLAs. Volúmenes. Retención. RGPD. CDN, trie, Kafka. Trade-offs. Prioridades.",
        "requirements": "Sugerencias, top-k, prefijo, mercados, personalización. Presupuesto de latencia. p99. 99,9 %. Frescura. KPIs.",
        "estimates": "QPS, pico, pulsaciones, debounce, tamaño del índice, bytes por nodo, almacenamiento.",
        "api": "GET, /v1/suggest, Cache-Control, s-maxage, clave de caché, modelo de datos, v1.",
        "architecture": "Trie, árbol de prefijos, top-k precalculado, debounce, CDN, caché del navegador, Spark, Flink, job por lotes, cambio atómico, instantánea versionada, decaimiento temporal, vida media, capa de tendencias.",
        "consistency": "Consistencia eventual, consistencia fuerte, mezcla de versiones, lista de bloqueo, filtro al servir.",
        "scaling": "Escalado horizontal, sharding, shard por prefijo, prefijos calientes, claves calientes, multirregión, réplicas.",
        "failures": "Reintentos, backoff exponencial, jitter, DLQ, circuit breaker, timeouts, degradación elegante, prefijos dorados, rollback, recuperación ante desastres, RTO.",
        "observability": "Logs, métricas, trazas, muestreo, SLO, alertas, tasa de aceptación, edad del índice.",
        "security": "IAM, secretos, KMS, TLS, WAF, auditoría, lista de bloqueo, términos ofensivos, k-anonimato, usuarios distintos, envenenamiento, bots, RGPD, PII, costes, frescura frente a coste.",
        "closing": "Riesgos, roadmap, pruebas de carga, costes.",
    },
}

# Typical clarifying questions and the fact that must answer each one.
QUESTIONS = {
    "en": [
        ("What's the latency target?", "latency"),
        ("How many daily active users do we have?", "users"),
        ("How many searches per second at peak?", "search_volume"),
        ("How many requests per second?", "search_volume"),
        ("How many keystrokes does a search take?", "keystrokes"),
        ("How many characters do users type?", "keystrokes"),
        ("What availability do we need?", "availability"),
        ("How many suggestions do we show?", "top_k"),
        ("How many distinct queries are there?", "corpus"),
        ("How fresh must the suggestions be?", "freshness"),
        ("Which languages do we support?", "languages"),
        ("What is the policy on offensive terms?", "offensive"),
        ("Is personalization in scope?", "personalization"),
        ("Where does the query data come from?", "logs"),
        ("How long do we keep the query logs?", "retention"),
        ("Does GDPR apply?", "compliance"),
        ("Have people tried to manipulate the suggestions?", "manipulation"),
        ("Where are the users located?", "geography"),
        ("What is the budget?", "budget"),
        ("What is out of scope?", "out_of_scope"),
        ("What happens if a region goes down?", "disaster_recovery"),
    ],
    "es": [
        ("¿Cuál es el objetivo de latencia?", "latency"),
        ("¿Cuántos usuarios activos al día hay?", "users"),
        ("¿Cuántas búsquedas por segundo hay en pico?", "search_volume"),
        ("¿Cuántas pulsaciones lleva una búsqueda?", "keystrokes"),
        ("¿Qué disponibilidad necesitamos?", "availability"),
        ("¿Cuántas sugerencias mostramos?", "top_k"),
        ("¿Cuántas búsquedas distintas hay?", "corpus"),
        ("¿Cada cuánto hay que actualizar las sugerencias?", "freshness"),
        ("¿Qué idiomas soportamos?", "languages"),
        ("¿Qué política hay con los términos ofensivos?", "offensive"),
        ("¿Entra la personalización?", "personalization"),
        ("¿De dónde salen los datos de las búsquedas?", "logs"),
        ("¿Cuánto tiempo guardamos los logs de búsqueda?", "retention"),
        ("¿Aplica el RGPD?", "compliance"),
        ("¿Han intentado manipular las sugerencias?", "manipulation"),
        ("¿Dónde están los usuarios?", "geography"),
        ("¿Cuál es el presupuesto?", "budget"),
        ("¿Qué queda fuera del alcance?", "out_of_scope"),
        ("¿Qué pasa si cae una región?", "disaster_recovery"),
    ],
}

OWN_ITEMS = {
    "req.latency_budget": "senior", "req.freshness": "mid", "req.suggestion_scope": "mid",
    "est.request_amplification": "mid", "est.index_size": "senior",
    "api.contract": "mid", "api.cacheable_response": "senior", "api.data_model": "mid", "api.versioning": "mid",
    "arch.prefix_index": "mid", "arch.precomputed_topk": "senior", "arch.client_debounce": "mid",
    "arch.edge_cache": "senior", "arch.offline_pipeline": "mid", "arch.index_swap": "senior",
    "arch.ranking_decay": "senior", "arch.trending_stream": "senior",
    "cons.model": "senior", "cons.version_skew": "senior", "cons.blocklist_propagation": "senior",
    "scale.horizontal": "mid", "scale.partition_key": "mid", "scale.hot_prefixes": "senior",
    "scale.multi_region": "staff",
    "fail.graceful_degradation": "senior", "fail.bad_index": "senior", "fail.dr": "staff",
    "obs.suggestion_quality": "senior", "obs.index_freshness": "mid",
    "sec.offensive_filter": "mid", "sec.privacy_threshold": "senior", "sec.manipulation": "senior",
    "sec.pii": "mid", "cost.freshness": "staff",
}


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return Library(use_user_dir=False).bundle(SCENARIO)


def _reference_sheet(bundle: Bundle, lang: str) -> str:
    answers = {step: text(lang) for step, text in bundle.scenario.reference.items()}  # type: ignore[arg-type]
    return render_answers(SCENARIO, lang, answers)  # type: ignore[arg-type]


def test_validates_and_is_listed_with_summary_difficulty_and_duration() -> None:
    result = runner.invoke(app, ["scenarios", "validate", str(ROOT / "scenarios" / f"{SCENARIO}.toml")])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["scenarios", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    entry = {e["id"]: e for e in json.loads(listed.output)["scenarios"]}[SCENARIO]
    assert entry["summary"] and entry["difficulty"] == "medium" and entry["duration_min"] == 45
    assert entry["simulation"] is False


def test_the_content_is_complete(bundle: Bundle) -> None:
    """Facts with matching data, a reference for all 11 steps, own items with levels and probes, 3–4 cards."""
    scenario = bundle.scenario
    assert 15 <= len(scenario.facts) <= 25
    assert all(fact.match is not None for fact in scenario.facts)
    assert set(scenario.reference) == set(STEP_IDS)
    assert {item.id: item.level for item in scenario.items} == OWN_ITEMS
    assert all(item.level in ITEM_LEVELS for item in scenario.items)
    for item in scenario.items:
        assert item.probes, item.id
        assert all(probe.escalation is not None for probe in item.probes), item.id
    assert 3 <= len(scenario.failure_cards) <= 4
    assert not scenario.has_simulation and scenario.costs is None
    assert len(scenario.hand_estimates.es) == len(scenario.hand_estimates.en) >= 4  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_reference_sheet_reaches_ninety_percent_at_senior_or_above(bundle: Bundle, lang: str) -> None:
    result = score_sheet(parse_sheet(_reference_sheet(bundle, lang)), bundle)
    assert result.total >= 0.9
    assert result.level in ("senior", "staff")
    assert set(OWN_ITEMS) <= result.covered_ids()
    findings = result.step("estimates").arithmetic
    assert findings and all(finding.ok for finding in findings), [f.message for f in findings if not f.ok]
    wrong = [f.message for step in result.steps for f in step.arithmetic if not f.ok]
    assert not wrong


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
    ("lang", "question", "expected"),
    [("en", "what's the latency target?", "100 ms"), ("es", "¿cuál es el objetivo de latencia?", "100 ms")],
)
def test_coach_ask_answers_the_latency_target(lang: str, question: str, expected: str) -> None:
    result = runner.invoke(app, ["ask", SCENARIO, question, "--lang", lang, "--json"])
    assert result.exit_code == 0, result.output
    assert expected in json.dumps(json.loads(result.stdout), ensure_ascii=False)


@pytest.mark.parametrize(
    ("question", "lang"), [("Should I use a trie?", "en"), ("¿Uso un trie?", "es"), ("What is the weather like?", "en")]
)
def test_design_choices_and_unrelated_questions_get_no_fact(bundle: Bundle, question: str, lang: str) -> None:
    assert answer_question(bundle, question, lang).fact_id is None  # type: ignore[arg-type]


def test_demo_says_there_is_no_simulation_and_lists_the_figures() -> None:
    for lang, words in (("en", "no simulation"), ("es", "no tiene simulación")):
        result = runner.invoke(app, ["demo", SCENARIO, "--lang", lang])
        assert result.exit_code == 0, result.output
        assert words in result.output and "86" in result.output
    assert runner.invoke(app, ["sim", SCENARIO]).exit_code == 2


def test_spanish_text_writes_spanish_numbers_and_es_es_terms(bundle: Bundle) -> None:
    sc = bundle.scenario
    texts = [("brief", sc.brief.es)] + [(f"fact {f.id}", f.answer.es) for f in sc.facts]
    texts += [(f"reference {k}", v.es) for k, v in sc.reference.items()]
    texts += [(f"hint {i.id}", i.hint.es) for i in sc.items]
    texts += [(f"probe {i.id}", p.question.es) for i in sc.items for p in i.probes]
    texts += [(f"hand estimate {n}", t) for n, t in enumerate(sc.hand_estimates.es)]  # type: ignore[union-attr]
    english_number = re.compile(r"\d,\d{3}(?!\d)|\d\.(?:\d{1,2}|\d{4,})(?!\d)")
    banned = re.compile(r"\bcostos?\b|\bGDPR\b", re.IGNORECASE)
    wrong = [(where, m.group()) for where, text in texts for m in english_number.finditer(text)]
    wrong += [(where, m.group()) for where, text in texts for m in banned.finditer(text)]
    assert not wrong


def test_the_reference_tells_one_story(bundle: Bundle) -> None:
    """The same debounce, index size, shards, fleet, TTLs and monthly cost in every step that names them."""
    ref = bundle.scenario.reference
    assert 500 * 200 == 100_000 and 500 * 64 == 32_000 and 36 * 150 + 18 * 75 == 6_750
    assert 20_250 + 5_400 + 1_350 + 1_800 + 1_200 + 1_000 + 1_500 == 32_500
    for lang in ("es", "en"):
        sep = "." if lang == "es" else ","
        dec = "," if lang == "es" else "."
        step = {name: text(lang) for name, text in ref.items()}  # type: ignore[operator]
        assert "50 ms" in step["architecture"] and "6 × 500 M" in step["estimates"]
        assert "32 GB" in step["estimates"] and "34 GB" in step["estimates"] and f"8{dec}5 GB" in step["estimates"]
        assert "max-age=300" in step["api"] and "s-maxage=900" in step["api"]
        assert f"62{sep}400" in step["estimates"] and f"62{sep}400" in step["scaling"]
        assert "36" in step["scaling"] and "36 × 150" in step["security"]
        total = f"32{sep}500 USD"
        assert total in step["security"] and total in step["closing"]
        assert f"20{sep}250 USD" in step["security"] and f"20{sep}250 USD" in step["closing"]
        assert f"43{sep}200 USD" in step["security"]


@pytest.mark.parametrize(
    ("lang", "step", "text", "item"),
    [
        ("en", "architecture", "Each trie node keeps its top 10 precomputed, so a lookup never walks the subtree.",
         "arch.precomputed_topk"),
        ("es", "architecture", "Guardamos en cada nodo del trie su top 10 precalculado, así que no hay que recorrer "
         "el subárbol.", "arch.precomputed_topk"),
        ("en", "architecture", "The client waits for a 50 ms pause before it sends a request, to avoid one per key.",
         "arch.client_debounce"),
        ("en", "failures", "If the service is slow, the app shows nothing and the user keeps typing, because "
         "typing must never wait.", "fail.graceful_degradation"),
        ("es", "failures", "Si el servicio va lento, la app no muestra sugerencias y el usuario sigue escribiendo, "
         "porque escribir nunca puede esperar.", "fail.graceful_degradation"),
        ("es", "scaling", "Partimos el índice en shards por los dos primeros caracteres del prefijo, para que cada "
         "subárbol quede entero en un shard.", "scale.partition_key"),
        ("en", "security", "We only suggest a query once at least 50 distinct users have searched it, so that no "
         "single person's search leaks.", "sec.privacy_threshold"),
    ],
)
def test_a_candidates_own_words_earn_the_item(bundle: Bundle, lang: str, step: str, text: str, item: str) -> None:
    """Paraphrases, not the reference's wording, are decided with their reason."""
    result = score_answers({step: text}, bundle, lang)  # type: ignore[arg-type, dict-item]
    assert result.item(item).credit == "justified"


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("other", ["notifications", "url-shortener"])
def test_an_answer_about_another_system_earns_no_autocomplete_item(bundle: Bundle, lang: str, other: str) -> None:
    """Another scenario's reference, scored here, keeps generic items only (grounding)."""
    ref = Library(use_user_dir=False).bundle(other).scenario.reference
    result = score_answers({step: text(lang) for step, text in ref.items()}, bundle, lang)  # type: ignore[arg-type]
    assert bundle.scenario.grounding is not None
    assert not set(bundle.scenario.grounding.items) & result.covered_ids()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_run_with_the_reference_answers_finishes(bundle: Bundle, lang: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`coach run autocomplete --answers REF.md` runs the session non-interactively and saves it."""
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    sheet = tmp_path / f"ref_{lang}.md"
    sheet.write_text(_reference_sheet(bundle, lang), "utf-8")
    result = runner.invoke(app, ["run", SCENARIO, "--answers", str(sheet)])
    assert result.exit_code == 0, result.output
    history = json.loads(runner.invoke(app, ["history", "--json"]).stdout)["sessions"][0]
    assert (history["scenario"], history["lang"], history["status"]) == (SCENARIO, lang, "finished")
    assert history["total"] >= 0.9
