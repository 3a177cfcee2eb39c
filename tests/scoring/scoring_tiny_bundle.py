"""A tiny framework + scenario built in code, so scoring tests do not depend on shipped content."""

from __future__ import annotations

from typing import Any

from coach.content import STEP_IDS, Bundle, Framework, Scenario, bundle


def _text(value: str) -> dict[str, str]:
    return {"es": value, "en": value}


def _item(item_id: str, es: dict[str, Any], en: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "id": item_id,
        "label": {"es": f"etiqueta {item_id}", "en": f"label {item_id}"},
        "hint": {"es": f"pista {item_id}", "en": f"hint {item_id}"},
        "match": {"es": es, "en": en},
        **extra,
    }


TINY_ITEMS: dict[str, list[dict[str, Any]]] = {
    "opening": [
        _item("opening.scope", {"phrases": ["alcance", "canales"]}, {"phrases": ["scope", "channels"]}),
    ],
    "requirements": [
        _item(
            "req.slo_percentiles",
            {"phrases": ["p95", "p99"]},
            {"phrases": ["p95", "p99"]},
        ),
    ],
    "estimates": [
        _item("est.qps", {"phrases": ["qps"]}, {"phrases": ["qps"]}, needs_number=True),
        _item(
            "est.daily_volume",
            {"phrases": ["al dia", "por dia", "diarias"]},
            {"phrases": ["per day", "a day", "daily"]},
            needs_number=True,
        ),
    ],
    "api": [
        _item(
            "api.versioning",
            {"phrases": ["versionado", "/v1"], "exclude": ["version de la libreria"]},
            {"phrases": ["api versioning", "/v1", "versioned api"], "exclude": ["library version"]},
        ),
        _item(
            "api.idempotency_key",
            {"phrases": ["clave de idempotencia"], "together": [["mismo token|misma clave", "primer resultado|misma respuesta"]]},
            {"phrases": ["idempotency key"], "together": [["same token|same key", "first result|same response"]]},
        ),
    ],
    "architecture": [
        _item("arch.queue", {"phrases": ["cola", "kafka"]}, {"phrases": ["queue", "kafka"]}),
    ],
    "consistency": [
        _item(
            "cons.ordering",
            {"phrases": ["orden por usuario", "ordenacion"], "exclude": ["orden de magnitud"]},
            {"phrases": ["ordering", "in order"], "exclude": ["order of magnitude"]},
        ),
    ],
    "scaling": [
        _item("scale.horizontal", {"phrases": ["escalado horizontal"]}, {"phrases": ["scale horizontally", "horizontal scaling"]}),
    ],
    "failures": [
        _item(
            "fail.circuit_breaker",
            {"phrases": ["circuit breaker"], "together": [["dejamos de llamar", "llamadas de prueba"]]},
            {"phrases": ["circuit breaker"], "together": [["stop calling", "test calls"]]},
            weight=2.0,
        ),
        _item(
            "fail.backoff_jitter",
            {"phrases": ["backoff exponencial"], "together": [["reintento|espera", "doble", "aleatorio"]]},
            {"phrases": ["exponential backoff"], "together": [["retry|waits", "twice as long|double", "random"]]},
        ),
        _item("fail.dlq", {"phrases": ["dead letter queue", "cola de mensajes muertos"]}, {"phrases": ["dead letter queue"]}),
    ],
    "observability": [
        _item(
            "obs.slo_alerts",
            {"together": [["alerta", "slo|p95|tasa de error"]]},
            {"together": [["alert", "slo|p95|error rate"]]},
        ),
    ],
    "security": [
        _item(
            "cost.model",
            {"phrases": ["modelo de costes", "coste por"], "exclude": ["a toda costa"]},
            {"phrases": ["cost model", "cost per"], "exclude": ["at all costs"]},
        ),
    ],
    "closing": [
        _item("closing.load_tests", {"phrases": ["pruebas de carga"]}, {"phrases": ["load tests"]}),
    ],
}


def _framework() -> dict[str, Any]:
    steps = []
    for number, step_id in enumerate(STEP_IDS):
        step: dict[str, Any] = {
            "id": step_id,
            "number": 0 if step_id in ("opening", "closing") else number,
            "title": _text(step_id.title()),
            "question": _text(f"{step_id}?"),
            "guidance": {"es": ["g"], "en": ["g"]},
            "budget_s": 240 if step_id == "opening" else 120 if step_id == "closing" else 300,
            "items": TINY_ITEMS.get(step_id, []),
        }
        if step_id == "opening":
            step["window"] = {"min_s": 180, "max_s": 240}
        if step_id == "closing":
            step["window"] = {"min_s": 60, "max_s": 120}
        steps.append(step)
    return {
        "id": "tiny-frame",
        "title": _text("Tiny"),
        "summary": _text("Tiny framework for tests"),
        "steps": steps,
        "scoring": {
            "levels": [
                {"id": "below", "label": _text("below mid")},
                {"id": "mid", "label": _text("mid"), "needs": {"total": 0.5}},
                {"id": "senior", "label": _text("senior"), "needs": {"total": 0.8}},
                {"id": "staff", "label": _text("staff"), "needs": {"total": 0.95}},
            ],
            "words_per_minute": {"es": 130, "en": 150},
            "estimate_tolerance": 0.1,
        },
    }


def make_tiny_bundle() -> Bundle:
    framework = Framework.model_validate(_framework())
    scenario = Scenario.model_validate(
        {"id": "tiny", "framework": "tiny-frame", "title": _text("Tiny"), "brief": _text("A tiny scenario")}
    )
    return bundle(framework, scenario)


TINY = make_tiny_bundle()
