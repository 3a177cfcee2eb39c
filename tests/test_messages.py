"""The message catalog: every key in both languages, the same placeholders, no dangling keys."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from coach.i18n import LANGS
from coach.messages import MESSAGES, has, t

_COACH = Path(__file__).resolve().parents[1] / "coach"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_key_has_every_language() -> None:
    """Each message carries a non-empty text for every language coach speaks."""
    missing = [(key, lang) for key, texts in MESSAGES.items() for lang in LANGS if not texts.get(lang, "").strip()]
    assert missing == []


def test_placeholders_match_across_languages() -> None:
    """Spanish and English texts of a message name the same placeholders."""
    mismatched = {
        key: {lang: sorted(_fields(text)) for lang, text in texts.items()}
        for key, texts in MESSAGES.items()
        if len({frozenset(_fields(text)) for text in texts.values()}) > 1
    }
    assert mismatched == {}


def test_keys_are_namespaced() -> None:
    """Every key is `area.name`, so a key says which screen shows it."""
    assert [key for key in MESSAGES if not re.fullmatch(r"[a-z]+\.[\w.]+", key)] == []


def test_every_literal_key_in_the_code_exists() -> None:
    """A `t("area.name", …)` call in coach/ names a key the catalog holds."""
    areas = "|".join({key.split(".")[0] for key in MESSAGES})
    call = re.compile(r"""\b(?:t|problem)\(\s*(["'])((?:""" + areas + r""")\.[\w.]+)\1(?!\s*\+)""")
    unknown = [
        (path.name, match.group(2))
        for path in _COACH.rglob("*.py")
        for match in call.finditer(path.read_text(encoding="utf-8"))
        if not has(match.group(2))
    ]
    assert unknown == []


@pytest.mark.parametrize("lang", LANGS)
def test_lookup_fills_placeholders(lang: str) -> None:
    """`t` fills the values into the text of the language asked for."""
    assert "03:00" in t("session.left", lang, clock="03:00")  # type: ignore[arg-type]


def test_problem_formats_numbers_per_language() -> None:
    """`problem` gives an error line in both languages, numbers in each one's style."""
    from coach.messages import problem

    line = problem("sim.too_much_load", numbers={"load": 2_000_000, "most": 1_000_000})
    assert "2,000,000" in str(line) and "1,000,000" in str(line)
    assert "2.000.000" in line.es and "1.000.000" in line.es


def test_no_placeholder_shadows_an_argument() -> None:
    """No text names a placeholder `key`, `lang` or `numbers`, which `t` and `problem` take themselves."""
    shadowing = {key for key, texts in MESSAGES.items() for text in texts.values() if _fields(text) & {"key", "lang", "numbers"}}
    assert shadowing == set()


def test_problem_fills_a_bilingual_value_in_each_language() -> None:
    """A Problem passed as a value (a hint, an earlier error) is filled in in each language."""
    from coach.messages import problem

    line = problem("content.unknown_step", step="x", hint=problem("content.did_you_mean", name="y"))
    assert str(line) == "unknown step 'x'; did you mean 'y'?"
    assert line.es == "paso desconocido 'x'; ¿quisiste decir 'y'?"


def test_no_inline_bilingual_pairs_outside_the_catalog() -> None:
    """Texts come from the catalog: no `Problem("…", "…")`, `ctx.pick(…)` or `{"es": "…"}` literal elsewhere.

    coach/scoring/ is left to its own catalog work; content data (scenario TOML) is not code.
    """
    pair = re.compile(r"""\bProblem\(\s*f?["'][^"']|\.pick\(|["']es["']\s*:\s*f?["']|lang == ["']es["']\s*:""")
    found = [
        (path.relative_to(_COACH).as_posix(), match.group(0))
        for path in _COACH.rglob("*.py")
        if path.name != "messages.py" and "scoring" not in path.parts
        for match in pair.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_content_errors_name_the_line_in_both_languages() -> None:
    """A content problem keeps its `file:LINE: field:` prefix in Spanish as in English."""
    from coach.content import Source, parse_scenario
    from coach.errors import ContentError, in_lang

    text = 'id = "x"\nframework = "nine-step"\nunknown_key = 1\n'
    with pytest.raises(ContentError) as caught:
        parse_scenario(Source("s.toml", text))
    spanish = [in_lang(line, "es") for line in caught.value.problems]
    assert "s.toml:3: unknown_key: este campo no existe en el formato" in spanish
    assert "s.toml:3: unknown_key: Extra inputs are not permitted" in caught.value.problems


def test_flag_and_simulation_errors_speak_spanish() -> None:
    """A bad number on a flag and a simulation value out of range read in Spanish too."""
    from coach.cli.common import parse_number
    from coach.errors import CoachError, in_lang
    from coach.sim.config import SimConfig

    with pytest.raises(CoachError) as bad_number:
        parse_number("--qps", "lots")
    assert in_lang(bad_number.value.problems[0], "es") == "--qps: tiene que ser un número, no 'lots'"
    with pytest.raises(CoachError) as bad_config:
        SimConfig().with_(fail_rate=2.0)
    assert [in_lang(line, "es") for line in bad_config.value.problems] == [
        "--fail-rate: tiene que estar entre 0 y 1, no 2"
    ]
    assert list(bad_config.value.problems) == ["--fail-rate: must be within 0..1, got 2"]
