"""Language resolution: --lang, else COACH_LANG, else the locale, else English."""

from __future__ import annotations

import pytest

from coach.errors import CoachError
from coach.i18n import resolve_lang


def test_flag_wins() -> None:
    """An explicit --lang beats the environment."""
    assert resolve_lang("es", {"COACH_LANG": "en", "LANG": "en_US.UTF-8"}) == "es"


def test_coach_lang_beats_locale() -> None:
    """COACH_LANG beats the locale."""
    assert resolve_lang(None, {"COACH_LANG": "es", "LANG": "en_US.UTF-8"}) == "es"


@pytest.mark.parametrize(("locale", "expected"), [("es_AR.UTF-8", "es"), ("es_ES", "es"), ("fr_FR.UTF-8", "en"), ("C.UTF-8", "en")])
def test_locale(locale: str, expected: str) -> None:
    """A Spanish locale gives Spanish; anything else English."""
    assert resolve_lang(None, {"LANG": locale}) == expected


def test_nothing_set_is_english() -> None:
    """With no hint at all, English."""
    assert resolve_lang(None, {}) == "en"


def test_unknown_flag_is_refused() -> None:
    """--lang fr is a user error, not a silent fallback."""
    with pytest.raises(CoachError, match="--lang: unknown language 'fr'"):
        resolve_lang("fr", {})
