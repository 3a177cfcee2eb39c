"""Probes and failure cards in content: validated with the file and field named, and complete for notifications."""

from __future__ import annotations

import pytest

from coach.content import Library, Source, bundle, parse_framework, parse_scenario
from coach.errors import ContentError

PROBED_STEPS = ("architecture", "consistency", "scaling", "failures", "observability")

_PROBE = '''
[[probes]]
item = "{item}"
level = "{level}"
question = {{ es = "¿Y si se cae?", en = "And if it goes down?" }}
'''

_CARD = '''
[[failure_cards]]
id = "{card}"
title = {{ es = "Caída", en = "Outage" }}
question = {{ es = "¿Qué pasa?", en = "What happens?" }}
elements = [{elements}]
'''


def _with(scenario_text: str, extra: str) -> str:
    # Tables go before [reference], so their keys stay theirs.
    return scenario_text.replace("[reference]", extra + "\n[reference]", 1)


def _join(framework_text: str, scenario_text: str) -> None:
    bundle(parse_framework(Source("fw.toml", framework_text)), parse_scenario(Source("sc.toml", scenario_text)), "sc.toml")


def test_a_scenario_probe_on_a_framework_item_is_valid(mini_framework_text: str, mini_scenario_text: str) -> None:
    """A scenario may add a probe to its framework's item; Bundle.probes returns it."""
    text = _with(mini_scenario_text, _PROBE.format(item="mini.api", level="staff"))
    joined = bundle(parse_framework(Source("fw.toml", mini_framework_text)), parse_scenario(Source("sc.toml", text)))
    (probe,) = joined.probes("mini.api")
    assert probe.level == "staff" and probe.question("es") == "¿Y si se cae?" and probe.escalation is None


def test_a_probe_on_an_unknown_item_names_the_field(mini_framework_text: str, mini_scenario_text: str) -> None:
    """A probe for an item that does not exist is refused, with a close id suggested."""
    text = _with(mini_scenario_text, _PROBE.format(item="mini.apy", level="senior"))
    with pytest.raises(ContentError) as exc:
        _join(mini_framework_text, text)
    assert exc.value.problems[0].startswith("sc.toml: probes[0].item: unknown checklist item 'mini.apy'")
    assert "mini.api" in exc.value.problems[0]


def test_a_probe_level_must_be_mid_senior_or_staff(mini_scenario_text: str) -> None:
    """The level a probe tests is one of the item levels."""
    text = _with(mini_scenario_text, _PROBE.format(item="mini.api", level="principal"))
    with pytest.raises(ContentError) as exc:
        parse_scenario(Source("sc.toml", text))
    assert "sc.toml:18: probes[0].level:" in exc.value.problems[0]


def test_a_probe_needs_both_languages(mini_scenario_text: str) -> None:
    """A question in one language only is a missing translation."""
    text = _with(mini_scenario_text, _PROBE.format(item="mini.api", level="mid")).replace(
        ', en = "And if it goes down?"', ""
    )
    with pytest.raises(ContentError) as exc:
        parse_scenario(Source("sc.toml", text))
    assert list(exc.value.problems) == ["sc.toml:19: probes[0].question.en: missing translation"]


def test_failure_card_elements_must_be_items(mini_framework_text: str, mini_scenario_text: str) -> None:
    """A failure card whose element is not an item is refused, naming the element."""
    text = _with(mini_scenario_text, _CARD.format(card="down", elements='"mini.failures", "fail.nope"'))
    with pytest.raises(ContentError) as exc:
        _join(mini_framework_text, text)
    assert list(exc.value.problems) == ["sc.toml: failure_cards[0].elements[1]: unknown checklist item 'fail.nope'"]


def test_failure_card_ids_are_unique(mini_framework_text: str, mini_scenario_text: str) -> None:
    """Two failure cards with one id are refused."""
    cards = _CARD.format(card="down", elements='"mini.failures"') * 2
    with pytest.raises(ContentError) as exc:
        _join(mini_framework_text, _with(mini_scenario_text, cards))
    assert "failure_cards[1].id: duplicate id 'down'" in exc.value.problems[0]


def test_failure_card_needs_an_element(mini_scenario_text: str) -> None:
    """A failure card names at least one element."""
    with pytest.raises(ContentError) as exc:
        parse_scenario(Source("sc.toml", _with(mini_scenario_text, _CARD.format(card="down", elements=""))))
    assert "failure_cards[0].elements" in exc.value.problems[0]


@pytest.fixture(scope="module")
def notifications():  # type: ignore[no-untyped-def]
    return Library(use_user_dir=False).bundle("notifications")


def test_every_design_step_item_has_a_probe(notifications) -> None:  # type: ignore[no-untyped-def]
    """Architecture, consistency, scaling, failures and observability: every item has a probe."""
    missing = [i.id for s in PROBED_STEPS for i in notifications.items(s) if not notifications.probes(i.id)]
    assert missing == []


def test_every_senior_and_staff_item_has_a_probe(notifications) -> None:  # type: ignore[no-untyped-def]
    """Every item that signals senior or staff has a follow-up."""
    missing = [i.id for _, i in notifications.all_items() if i.level != "mid" and not notifications.probes(i.id)]
    assert missing == []


def test_notifications_probes_escalate_in_both_languages(notifications) -> None:  # type: ignore[no-untyped-def]
    """Every shipped probe has an escalation, and questions end with a question mark in both languages."""
    for probe in notifications.scenario.probes:
        assert probe.escalation is not None, probe.item
        for lang in ("es", "en"):
            assert probe.question(lang).rstrip().endswith(("?", ".")), (probe.item, lang)
        assert "¿" in probe.question("es") or probe.question("es").endswith("."), probe.item


def test_notifications_failure_cards(notifications) -> None:  # type: ignore[no-untyped-def]
    """The four failure cards of the issue, each with elements that live in the design steps."""
    cards = {card.id: card for card in notifications.scenario.failure_cards}
    assert set(cards) == {"sms_provider_down", "campaign_at_nine", "stream_loses_shard", "region_down"}
    assert "10" in cards["sms_provider_down"].question("en") and "2 M" in cards["campaign_at_nine"].question("en")
    for card in cards.values():
        assert len(card.elements) >= 4
        for element in card.elements:
            step, _ = notifications.item(element)
            assert step in (*PROBED_STEPS, "security")
