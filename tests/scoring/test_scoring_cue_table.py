"""The cue table (cue_table.toml): each sentence, scored alone in its step, earns exactly the expected items.

A case names its scenario when its item is one of that scenario's own (default: notifications)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from coach.content import Library
from coach.scoring import score_answers

TABLE = tomllib.loads((Path(__file__).parent / "cue_table.toml").read_text(encoding="utf-8"))["case"]


_BUNDLES: dict[str, Any] = {}


def _bundle(scenario: str) -> Any:
    if scenario not in _BUNDLES:
        _BUNDLES[scenario] = Library(use_user_dir=False).bundle(scenario)
    return _BUNDLES[scenario]


def test_the_table_has_sixty_sentences_per_language() -> None:
    for lang in ("en", "es"):
        assert sum(1 for case in TABLE if case["lang"] == lang) >= 60


@pytest.mark.parametrize("case", TABLE, ids=[f"{c['lang']}-{c['text'][:50]}" for c in TABLE])
def test_cue_table(shipped, case: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    scenario = case.get("scenario", "notifications")
    bundle = shipped if scenario == "notifications" else _bundle(scenario)
    result = score_answers({case["step"]: case["text"]}, bundle, case["lang"])
    credit = {item.id: item.credit for step in result.steps for item in step.items}
    for item, expected in case["expect"].items():
        # "not" means the words are there and a cue dismissed them, so a rule that stopped
        # matching the item at all cannot pass as a rejection
        allowed = {"covered": {"decided", "justified"}, "not": {"mentioned"}, "none": {"none"}}[expected]
        assert credit.get(item, "none") in allowed, f"{item} should be {expected}: {case['text']}"
