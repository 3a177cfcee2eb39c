"""Issue 11: the chat scenario's own story (the shared checks and its table row are in
test_scenarios_common.py and scenario_table.toml): cost lines that add up, and a write path that acks
only what it stored."""

from __future__ import annotations

import pytest

from coach.content import Bundle

SCENARIO = "chat"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_reference_cost_lines_add_up_and_agree_across_steps(bundle: Bundle, lang: str) -> None:
    """Review (docs/reviews/chat.md): the cost lines sum to the stated total, and closing repeats it."""
    ref = bundle.scenario.reference
    sep = "." if lang == "es" else ","
    security, closing = ref["security"](lang), ref["closing"](lang)
    lines = [115_000, 43_800, 8_800, 4_400, 6_300, 3_700, 1_800]
    for figure in lines:
        assert f"{figure:,}".replace(",", sep) in security
    assert abs(sum(lines) - 185_000) / 185_000 < 0.02
    for total in ("185,000", "80,000"):
        assert total.replace(",", sep) in security and total.replace(",", sep) in closing
    # tiered: the store line replaced by ~10,000 hot + ~1,700 cold
    assert abs(sum(lines) - 115_000 + 10_000 + 1_700 - 80_000) / 80_000 < 0.02


def test_the_write_path_acks_only_a_stored_row_and_failover_reuses_no_seq(bundle: Bundle) -> None:
    """Review: no writer drops a batch it has not stored; a failover moves seqs to a new epoch."""
    ref = bundle.scenario.reference
    consistency, failures = ref["consistency"]("en"), ref["failures"]("en")
    assert "drops its batch" not in consistency
    assert "an ack always means the message row exists" in consistency
    assert "new epoch" in failures and "(senderId, clientMsgId)" in failures
    assert "joinedSeq and leftSeq" in consistency
