"""Issue 11: the URL shortener's own story (the shared checks and its table row are in
test_scenarios_common.py and scenario_table.toml): one code length, redirect status, cost and home
region in every step, and hints, probes and reference that agree on the figures."""

from __future__ import annotations

from coach.content import Bundle

SCENARIO = "url-shortener"


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
