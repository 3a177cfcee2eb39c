"""Language choice: `--lang`, else COACH_LANG, else the locale, else English."""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from typing import Literal

from coach.errors import CoachError, Problem

Lang = Literal["es", "en"]
LANGS: tuple[Lang, ...] = ("es", "en")


def _parse(value: str) -> Lang | None:
    code = value.strip().lower().replace("-", "_")
    if code.startswith("es"):
        return "es"
    if code.startswith("en"):
        return "en"
    return None


def resolve_lang(flag: str | None = None, environ: Mapping[str, str] | None = None) -> Lang:
    """Pick the language a user reads.

    An explicit `--lang` must be es or en; COACH_LANG and the locale fall back
    to English when they name anything else.
    """
    env = os.environ if environ is None else environ
    if flag is not None:
        lang = _parse(flag)
        if lang is None or flag.strip().lower() not in ("es", "en"):
            from coach.messages import problem

            raise CoachError(problem("lang.unknown_flag", flag=flag))
        return lang
    if env.get("COACH_LANG"):
        return _parse(env["COACH_LANG"]) or "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(var):
            return _parse(env[var]) or "en"
    if environ is None:
        try:
            current = locale.getlocale(locale.LC_MESSAGES)[0]
        except (AttributeError, ValueError):  # LC_MESSAGES is missing on Windows
            current = None
        if current:
            return _parse(current) or "en"
    return "en"


def unknown_env_lang(environ: Mapping[str, str] | None = None) -> Problem | None:
    """A warning when COACH_LANG is set to something that is neither es nor en, else None."""
    env = os.environ if environ is None else environ
    value = env.get("COACH_LANG", "")
    if not value.strip() or _parse(value) is not None:
        return None
    from coach.messages import problem

    return problem("lang.unknown_env", value=value)


def pick(texts: Mapping[str, str], lang: Lang) -> str:
    """The text in `lang` from a {'es': ..., 'en': ...} catalog entry."""
    return texts[lang]


def as_lang(value: str) -> Lang:
    """Narrow a validated language code (already es or en) to `Lang`."""
    if value not in LANGS:
        from coach.messages import problem

        raise CoachError(problem("lang.unknown", value=value))
    return "es" if value == "es" else "en"
