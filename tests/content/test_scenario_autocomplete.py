"""The search-autocomplete scenario's own story (the shared checks and its table row are in
test_scenarios_common.py and scenario_table.toml): the same debounce, index size, shards, fleet, TTLs
and monthly cost in every step that names them."""

from __future__ import annotations

from coach.content import Bundle

SCENARIO = "autocomplete"


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
