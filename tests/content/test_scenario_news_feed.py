"""Issue 11: the news-feed scenario's own story (the shared checks and its table row are in
test_scenarios_common.py and scenario_table.toml): timelines sized by what the fan-out puts in them."""

from __future__ import annotations

import pytest

from coach.content import Bundle

SCENARIO = "news-feed"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_reference_sizes_timelines_by_what_the_fan_out_puts_in_them(bundle: Bundle, lang: str) -> None:
    # ~6 posts a day per timeline: a 7-day trim holds ~40 ids (~96 GB, ~400 GB of RAM), not 500 ids (4.8 TB);
    # the cost and the DR story follow from that figure, in every step that names it.
    ref = {step: text(lang) for step, text in bundle.scenario.reference.items()}  # type: ignore[operator]
    assert "96 GB" in ref["estimates"] and "400 GB" in ref["estimates"]
    assert "400 GB" in ref["scaling"] and "400 GB" in ref["failures"]
    assert ("74.000 USD" if lang == "es" else "74,000 USD") in ref["security"]
    assert ("74.000 USD" if lang == "es" else "74,000 USD") in ref["closing"]
    assert "105.000 USD" not in " ".join(ref.values()) and "105,000 USD" not in " ".join(ref.values())
