"""Issue 11: the payments scenario's own story (the shared checks and its table row are in
test_scenarios_common.py and scenario_table.toml): one write path, capture after authorization,
payouts with their own key, retries inside the PSP's key window."""

from __future__ import annotations

import re

from coach.content import Bundle

SCENARIO = "payments"


def test_the_reference_tells_one_write_path(bundle: Bundle) -> None:
    ref = bundle.scenario.reference
    for step in ("architecture", "consistency"):
        assert "outbox" in ref[step].en.lower() and "outbox" in ref[step].es.lower(), step
    for lang in ("es", "en"):
        every = " ".join(text(lang) for text in ref.values())
        assert "6 s" in ref["architecture"](lang) and "6 s" in ref["failures"](lang)
        assert "10,4" in every if lang == "es" else "10.4" in every


def test_authorization_moves_no_money_and_capture_writes_the_entries(bundle: Bundle) -> None:
    """Review: the facts listed a capture call and the saga captured after reserving the item,
    while the reference wrote the entries right after the authorization and had no capture."""
    ref = bundle.scenario.reference
    assert "/capture" in bundle.scenario.api_example
    for lang in ("es", "en"):
        assert "requires_capture" in ref["api"](lang) and "/capture" in ref["api"](lang)
        assert "requires_capture" in ref["architecture"](lang)
        assert "7 d" in ref["architecture"](lang)  # why capture at once: authorizations expire
    flows = next(f for f in bundle.scenario.facts if f.id == "flows")
    assert "7" in flows.answer.en and "capture as soon as" in flows.answer.en


def test_payouts_have_their_own_write_path_and_figures(bundle: Bundle) -> None:
    """Review: a payout went out twice last year, and 40,000 payouts a day had no fact behind it."""
    fees = next(f for f in bundle.scenario.facts if f.id == "fees")
    assert "40,000" in fees.answer.en and "40.000" in fees.answer.es
    ref = bundle.scenario.reference
    assert "payout id as idempotency key" in ref["consistency"].en
    assert "id del payout como clave de idempotencia" in ref["consistency"].es
    assert "takes the same lock" in ref["consistency"].en


def test_async_retries_stay_inside_the_psp_key_window(bundle: Bundle) -> None:
    """Review: retrying for 24 h against a PSP that remembers keys for 24 h could charge twice."""
    ref = bundle.scenario.reference
    assert "for 20 hours" in ref["failures"].en and "durante 20 horas" in ref["failures"].es
    assert "24 hours" not in ref["failures"].en.split("inside the 24 hours")[0]
    assert "retried once within the 5 s budget" in ref["failures"].en


def test_no_hint_opens_with_define_los(bundle: Bundle) -> None:
    """Beyond the shared imperative check (test_scenarios_common.py): no Spanish hint opens with "Define los"."""
    assert not [i.id for i in bundle.scenario.items if re.match(r"^Define los\b", i.hint.es)]
