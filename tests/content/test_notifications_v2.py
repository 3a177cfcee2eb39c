"""Issue 9: the notifications content tells one design, in one register and number format per language."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from coach.content import ITEM_LEVELS, Bundle
from coach.scoring import score_answers

ROOT = Path(__file__).resolve().parents[2]
CONTENT = (ROOT / "frameworks" / "nine-step.toml", ROOT / "scenarios" / "notifications.toml")

NEW_ITEMS = {
    "req.kpis": "mid",
    "req.frequency_caps": "senior",
    "api.templates": "senior",
    "arch.scheduled_release": "senior",
    "arch.delivery_receipts": "senior",
    "scale.provider_quotas": "staff",
    "scale.campaigns": "senior",
    "fail.expiry": "senior",
    "fail.failover": "senior",
    "fail.suppression": "senior",
    "fail.dr": "staff",
    "obs.delivery_funnel": "senior",
    "sec.caller_permissions": "senior",
}



def _raw_items(path: Path) -> list[dict]:  # type: ignore[type-arg]
    data = tomllib.loads(path.read_text("utf-8"))
    if "steps" in data:
        return [item for step in data["steps"] for item in step.get("items", [])]
    return list(data.get("items", []))


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.name)
def test_every_shipped_item_states_its_level(path: Path) -> None:
    """The level is written on every item, not left to the default."""
    missing = [item["id"] for item in _raw_items(path) if item.get("level") not in ITEM_LEVELS]
    assert not missing


def test_the_new_items_are_in_the_checklist_with_their_level(shipped: Bundle) -> None:
    for item_id, level in NEW_ITEMS.items():
        _, item = shipped.item(item_id)
        assert item.level == level, item_id


def _spanish_texts(bundle: Bundle) -> list[tuple[str, str]]:
    sc, fw = bundle.scenario, bundle.framework
    texts = [("brief", sc.brief.es)]
    texts += [(f"fact {f.id}", f.answer.es) for f in sc.facts]
    texts += [(f"reference {k}", v.es) for k, v in sc.reference.items()]
    texts += [(f"hint {i.id}", i.hint.es) for _, i in bundle.all_items()]
    texts += [(f"guidance {s.id}", g) for s in fw.steps for g in s.guidance.es]
    return texts


def _english_texts(bundle: Bundle) -> list[tuple[str, str]]:
    sc, fw = bundle.scenario, bundle.framework
    texts = [("brief", sc.brief.en)]
    texts += [(f"fact {f.id}", f.answer.en) for f in sc.facts]
    texts += [(f"reference {k}", v.en) for k, v in sc.reference.items()]
    texts += [(f"hint {i.id}", i.hint.en) for _, i in bundle.all_items()]
    texts += [(f"guidance {s.id}", g) for s in fw.steps for g in s.guidance.en]
    texts += [(f"estimate {e.id}", e.text.en) for e in fw.estimates]
    return texts


def test_spanish_text_writes_spanish_numbers(shipped: Bundle) -> None:
    """86.400 and 8,64 in Spanish; never 86,400 or 8.64 (a Spanish reader takes 86,400 as 86.4)."""
    english_number = re.compile(r"\d,\d{3}(?!\d)|\d\.(?:\d{1,2}|\d{4,})(?!\d)")
    wrong = [(where, m.group()) for where, text in _spanish_texts(shipped) for m in english_number.finditer(text)]
    assert not wrong


def test_spanish_terms_are_es_es(shipped: Bundle) -> None:
    """costes, reintentos, RGPD; no calques the review found."""
    banned = re.compile(
        r"\bcostos?\b|\bretries\b|\bGDPR\b|empresa de consumo|carriles por prioridad|aplica el RGPD",
        re.IGNORECASE,
    )
    wrong = [(where, m.group()) for where, text in _spanish_texts(shipped) for m in banned.finditer(text)]
    assert not wrong


def test_english_text_uses_us_spelling(shipped: Bundle) -> None:
    uk = re.compile(r"\b\w*(?:honour|favour|behaviour|colour|utilis|minimis|optimis|normalis|prioritis|anonymis)\w*\b",
                    re.IGNORECASE)
    wrong = [(where, m.group()) for where, text in _english_texts(shipped) for m in uk.finditer(text)]
    assert not wrong


def test_spanish_hints_use_the_tu_imperative(shipped: Bundle) -> None:
    """Like the guidance: Propón, Pon, Haz, Di; not the third person of the old hints."""
    third_person = re.compile(r"^(?:Propone|Pone|Hace|Dice|Mide los|Versiona .* y hace)\b")
    assert not [i.id for _, i in shipped.all_items() if third_person.search(i.hint.es)]


def test_english_hints_are_imperative(shipped: Bundle) -> None:
    """'Clarify', not 'Clarifies': the first word of an English hint is not a third-person verb."""
    wrong = [i.id for _, i in shipped.all_items() if re.match(r"^[A-Z][a-z]+(?<!ss)s\b", i.hint.en)]
    assert not wrong


def test_the_reference_tells_one_write_path_and_keeps_every_message(shipped: Bundle) -> None:
    ref = shipped.scenario.reference
    for step in ("architecture", "consistency", "failures", "security"):
        assert "outbox" in ref[step].en.lower() and "outbox" in ref[step].es.lower(), step
    every_en = " ".join(text.en for text in ref.values()).lower()
    every_es = " ".join(text.es for text in ref.values()).lower()
    assert "drop stale" not in every_en and "descartar actualizaciones viejas" not in every_es
    assert "10× within two years" not in every_en and "10× en dos años" not in every_es
    for state in ("queued", "sent", "delivered", "bounced", "suppressed", "deferred", "expired", "failed", "partial"):
        assert state in ref["requirements"].en and state in ref["requirements"].es, state


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_reference_answers_score_at_least_ninety_percent(shipped: Bundle, lang: str) -> None:
    answers = {step: text(lang) for step, text in shipped.scenario.reference.items()}
    result = score_answers(answers, shipped, lang)
    assert result.total >= 0.9
    assert {item_id for item_id in NEW_ITEMS} <= result.covered_ids()


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        ("requirements", "We cap marketing pushes at 3 per user a day and fold the rest into a daily digest.", "req.frequency_caps"),
        ("requirements", "Limitamos a 3 push de marketing por usuario al día y agrupamos el resto en un resumen.", "req.frequency_caps"),
        ("api", "The notification stores the template version and locale pinned at acceptance.", "api.templates"),
        ("api", "Al aceptar fijamos la versión de la plantilla y el idioma.", "api.templates"),
        ("architecture", "Held messages wait overnight in a table and a scheduler releases them at 08:00 at a paced rate.", "arch.scheduled_release"),
        ("architecture", "Los mensajes retenidos por las horas de silencio se liberan por la mañana a ritmo controlado.", "arch.scheduled_release"),
        ("architecture", "Provider webhooks report bounces and complaints back to us.", "arch.delivery_receipts"),
        ("architecture", "Los webhooks del proveedor nos devuelven los rebotes y las quejas.", "arch.delivery_receipts"),
        ("scaling", "Email at 200 per second hits the provider quota of 300 per second first.", "scale.provider_quotas"),
        ("scaling", "El primer cuello de botella es la cuota de email del proveedor: 200 por segundo frente a 300.", "scale.provider_quotas"),
        ("scaling", "The campaign service pages through the segment and enqueues at a paced 300 per second.", "scale.campaigns"),
        ("scaling", "Las campañas se encolan a un ritmo de 300 por segundo, recorriendo el segmento por páginas.", "scale.campaigns"),
        ("failures", "A verification code expires after 10 minutes and is dropped instead of delivering it late.", "fail.expiry"),
        ("failures", "Un código de verificación caduca a los 10 minutos y se descarta en lugar de entregarlo tarde.", "fail.expiry"),
        ("failures", "When the breaker opens we fail over to a secondary SMS provider.", "fail.failover"),
        ("failures", "Si el breaker se abre pasamos al proveedor secundario de SMS.", "fail.failover"),
        ("failures", "Hard bounces go to a suppression list and dead tokens are deleted.", "fail.suppression"),
        ("failures", "Los rebotes duros van a la lista de supresión y borramos los tokens muertos.", "fail.suppression"),
        ("failures", "A region outage is covered by a warm standby within the RTO of one hour.", "fail.dr"),
        ("failures", "Si cae la región, un standby en caliente toma el relevo dentro del RTO de una hora.", "fail.dr"),
        ("observability", "The delivery funnel shows accepted, routed and delivered per channel.", "obs.delivery_funnel"),
        ("observability", "Con el embudo de entrega vemos dónde se perdió una notificación.", "obs.delivery_funnel"),
        ("security", "Only security and payments are allowed to send high priority; marketing has its own quota.", "sec.caller_permissions"),
        ("security", "Solo seguridad y pagos pueden enviar con prioridad alta; marketing tiene su propia cuota.", "sec.caller_permissions"),
        ("requirements", "KPIs: delivery rate per channel above 98 % and cost per thousand notifications.", "req.kpis"),
    ],
)
def test_new_items_recognise_their_paraphrases(shipped: Bundle, step: str, text: str, item: str) -> None:
    lang = "es" if re.search(r"[áéíóúñ]|\b(?:los|las|del|por)\b", text) else "en"
    assert item in score_answers({step: text}, shipped, lang).covered_ids()


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        ("api", "Table: code (primary key), long_url, created_at, expires_at, user_id.", "fail.expiry"),
        ("requirements", "Should a password reset arrive within seconds, while a weekly digest can take minutes?", "req.frequency_caps"),
        ("requirements", "Hot conversations in broadcast groups above 100 members skew a partition.", "req.kpis"),
        ("architecture", "The chat service sends delivery and read receipts to the other members.", "arch.delivery_receipts"),
        ("scaling", "A per-user send limit (token bucket, 20 msgs/s burst) contains spam bots.", "scale.provider_quotas"),
        ("security", "Per-service roles with minimal permissions and an audit trail for template edits.", "sec.caller_permissions"),
        ("failures", "Permanent failures such as an invalid device token or a hard bounce are not retried.", "fail.suppression"),
    ],
)
def test_new_items_ignore_look_alikes(shipped: Bundle, step: str, text: str, item: str) -> None:
    assert item not in score_answers({step: text}, shipped, "en").covered_ids()
