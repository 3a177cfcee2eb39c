"""The cue sets are data: shipped per language, validated, free of domain words."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from coach.scoring.cues import languages, load_language

DOMAIN = {"cache", "caché", "dlq", "retry", "retries", "reintento", "reintentos", "queue", "cola", "circuit",
          "breaker", "outbox", "tracing", "sharding", "kafka", "redis", "sqs"}


def test_both_languages_ship_and_compile() -> None:
    assert {language.code for language in languages()} >= {"es", "en"}


@pytest.mark.parametrize("code", ["es", "en"])
def test_no_domain_word_in_a_cue_set(code: str) -> None:
    raw = (resources.files("coach.content_data.languages") / f"{code}.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    words = {word.strip("=*").lower() for key, value in data.items() if isinstance(value, list)
             for phrase in value for word in phrase.split()}
    words |= {word.lower() for value in data.get("sets", {}).values() for phrase in value for word in phrase.split()}
    assert not words & DOMAIN


def test_a_bad_cue_file_is_refused() -> None:
    raw = tomllib.loads((resources.files("coach.content_data.languages") / "en.toml").read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="unknown keys"):
        load_language("en", {**raw, "preceeding": ["not"]})
    with pytest.raises(ValueError, match="positive integer"):
        load_language("en", {**raw, "scope_tokens": 0})
    with pytest.raises(ValueError, match="unknown set"):
        load_language("en", {**raw, "preceding": ["{nosuchset} x"]})


def test_the_estimates_table_is_accepted_and_ignored_by_the_cue_loader() -> None:
    """`[estimates]` belongs to the estimate checker: the cue loader compiles the file without it."""
    raw = tomllib.loads((resources.files("coach.content_data.languages") / "en.toml").read_text(encoding="utf-8"))
    assert "estimates" in raw
    without = {key: value for key, value in raw.items() if key != "estimates"}
    assert load_language("en", raw) == load_language("en", without)


def test_both_languages_name_the_same_estimate_flows() -> None:
    """Every language file's `[estimates.flows]` names the same flows, each with words."""
    flows = {}
    for code in ("es", "en"):
        raw = tomllib.loads((resources.files("coach.content_data.languages") / f"{code}.toml").read_text(encoding="utf-8"))
        flows[code] = raw["estimates"]["flows"]
        assert raw["estimates"]["byte_words"] and all(flows[code].values())
    assert flows["es"].keys() == flows["en"].keys()


def test_swapped_cue_sets_are_the_ones_the_list_rules_read() -> None:
    """use_languages (the rule cache's compiled cue sets) also refreshes the merged word lists of lists.py."""
    from dataclasses import replace

    from coach.scoring import lists
    from coach.scoring.cues import use_languages

    shipped = languages()
    try:
        use_languages(tuple(replace(language, list_connectors=language.list_connectors | {"moreover"})
                            for language in shipped))
        assert "moreover" in lists._language_words("list_connectors")
    finally:
        use_languages(shipped)
    assert "moreover" not in lists._language_words("list_connectors")


@pytest.mark.parametrize("code", ["es", "en"])
def test_the_estimate_checker_reads_the_same_tables_from_its_slice_of_the_file(code: str) -> None:
    """words.table_text cuts `[estimates]` out of the file for the warm path: the same tables."""
    from coach.scoring.words import table_text

    text = (resources.files("coach.content_data.languages") / f"{code}.toml").read_text(encoding="utf-8")
    assert tomllib.loads(table_text(text, "estimates")) == {"estimates": tomllib.loads(text)["estimates"]}
    moved = "[estimates]\nbyte_words = [\"gigs\"]\n\n[sets]\nneg = [\"not\"]\n"  # a table after it is not read
    assert tomllib.loads(table_text(moved, "estimates")) == {"estimates": {"byte_words": ["gigs"]}}


@pytest.mark.parametrize("code", ["es", "en"])
def test_the_voice_words_are_language_data_without_domain_words(code: str) -> None:
    """`report`, `author_words`, `record_labels`, `open_values` (voice.py) name no technique."""
    raw = tomllib.loads((resources.files("coach.content_data.languages") / f"{code}.toml").read_text(encoding="utf-8"))
    words = {w.lstrip("=").lower() for key in ("report", "author_words", "record_labels", "open_values")
             for phrase in raw[key] for w in phrase.split()}
    assert raw["report"] and raw["author_words"] and raw["record_labels"] and raw["open_values"]
    assert not words & DOMAIN


def test_the_normaliser_s_words_are_language_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stop words, number words, products and rewrites come from each language file's [words] table,
    merged: a third language adds its own words with a table, not with code."""
    from coach.scoring import words

    assert {"the", "el", "of", "de"} <= words.STOP_WORDS and {"twice", "doble"} <= words.NUMBER_WORDS
    assert words._REWRITES[("peticiones", "por", "segundo")] == ("qps",)  # es.toml
    assert words._REWRITES[("dlq",)] == ("dead", "letter", "queue")  # en.toml
    assert "kafka" in words.PRODUCTS
    french = {"stop_words": "le la les des", "number_words": ["deux", "trois"], "products": "minitel",
              "rewrites": {"dead letter queue": ["file de lettres mortes"], "qps": ["requêtes par seconde"]}}
    shipped = words.language_tables("words")
    monkeypatch.setattr(words, "language_tables", lambda name: [*shipped, ("fr.toml", french)])
    stop, numbers, _, products, rewrites = words._load_words()
    assert {"les", "des"} <= stop and {"deux", "trois"} <= numbers and "minitel" in products
    assert rewrites[("requetes", "par", "seconde")] == ("qps",)  # folded
    monkeypatch.setattr(words, "language_tables", lambda name: [("fr.toml", {"stopwords": "le"})])
    with pytest.raises(ValueError, match=r"languages/fr.toml \[words\]: unknown keys \['stopwords'\]"):
        words._load_words()
