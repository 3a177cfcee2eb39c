"""The typo guard: real words are never "corrected" into concept words, and the guard is current."""

from __future__ import annotations

import pytest

from coach.content import Library
from coach.scoring.cache import compile_bundle


@pytest.fixture(scope="module")
def corrector():  # type: ignore[no-untyped-def]
    return compile_bundle(Library(use_user_dir=False).bundle("notifications")).correct


@pytest.mark.parametrize("word", ["blocker", "docket", "sharing", "catching", "traced", "queued"])
def test_a_real_word_is_never_corrected(corrector, word: str) -> None:  # type: ignore[no-untyped-def]
    """'blocker' is not a typo of 'blocked', nor 'docket' of 'docker'."""
    assert corrector(word) == word


@pytest.mark.parametrize("scenario", ["news-feed", "chat", "payments"])
def test_a_real_word_is_guarded_in_every_scenario(scenario: str) -> None:
    """The guard holds words only one scenario's rules make near: 'camino' is no typo of news-feed's 'cambio'."""
    correct = compile_bundle(Library(use_user_dir=False).bundle(scenario)).correct
    assert [correct(word) for word in ("camino", "caminos", "cambio")] == ["camino", "caminos", "cambio"]


@pytest.mark.parametrize(
    ("typo", "meant"), [("exponecial", "exponencial"), ("througput", "throughput"), ("preferncias", "preferencias")]
)
def test_a_typo_is_still_read_as_the_rule_word(corrector, typo: str, meant: str) -> None:  # type: ignore[no-untyped-def]
    assert corrector(typo) == meant


def test_the_shipped_guard_is_current() -> None:
    """Regenerated from the word lists and today's content, the guard equals the shipped file.

    When content changes the rule words, run `python -m coach.scoring.typos` and commit the result.
    """
    pytest.importorskip("spellchecker")
    from coach.scoring._typo_guard import GUARD
    from coach.scoring.typos import guard_words

    expected = guard_words()
    assert not (expected - GUARD), f"missing from the guard: {sorted(expected - GUARD)[:20]}"
    assert not (GUARD - expected), f"stale in the guard: {sorted(GUARD - expected)[:20]}"
