"""The cheap list tests of lists.py give the same verdicts as splitting every sentence into items."""

from __future__ import annotations

import random
import re

import pytest

from coach.scoring import lists

# the separators' own words and characters, read from the pattern: a new separator is fuzzed too
_WORDS = re.findall(r"\\b([a-z][a-z ]*)\\b", lists._ITEM_SEPARATOR_RE.pattern)
_CHARS = sorted({ch for ch in lists._ITEM_SEPARATOR_RE.pattern if not ch.isalnum() and ch not in "\\?:()[]*|"})
_ATOMS = [
    *_WORDS, *(word.upper() for word in _WORDS), *(word.title() for word in _WORDS), *_CHARS,
    "a", "b", "cd", "x_y", "_and_", "band", "xor", "y2k", "Redis", "é", "ſ", "3", "(", ")", ":", "|", "?",
    " ", "  ", "\n", ".", "!", "'", "o'", "vs.", " / ", " - ", "->", " — ",
]


def _strings(count: int) -> list[str]:
    rng = random.Random(7)
    return [
        "".join(rng.choice(_ATOMS) + rng.choice(("", " ", " ", ", ")) for _ in range(rng.randint(1, 30)))
        for _ in range(count)
    ]


def test_the_separator_words_are_read_from_the_pattern() -> None:
    """The fuzz below knows every separator word ("frente a" included)."""
    assert {"and", "or", "versus", "frente a"} <= set(_WORDS)


@pytest.mark.parametrize("salad_sheet", [False, True])
def test_cheap_tests_agree_with_the_split(monkeypatch: pytest.MonkeyPatch, salad_sheet: bool) -> None:
    """On random text of separators and words, list shape and catalogue match the plain split."""
    texts = _strings(20_000)
    fast = [(lists._list_shape(text), lists._is_catalogue(text, salad_sheet)) for text in texts]
    monkeypatch.setattr(lists, "_LONG_ITEM_RE", re.compile(r"(?!)"))  # never rejects
    monkeypatch.setattr(lists, "_fewer_separators", lambda body, count: False)
    plain = [(lists._list_shape(text), lists._is_catalogue(text, salad_sheet)) for text in texts]
    assert fast == plain
    assert any(shape is not None for shape, _ in plain) and any(catalogue for _, catalogue in plain)
