"""The cue table (cue_table.toml): each sentence, scored alone in its step, earns exactly the expected items."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from coach.scoring import score_answers

TABLE = tomllib.loads((Path(__file__).parent / "cue_table.toml").read_text(encoding="utf-8"))["case"]



def test_the_table_has_sixty_sentences_per_language() -> None:
    for lang in ("en", "es"):
        assert sum(1 for case in TABLE if case["lang"] == lang) >= 60


@pytest.mark.parametrize("case", TABLE, ids=[f"{c['lang']}-{c['text'][:50]}" for c in TABLE])
def test_cue_table(shipped, case: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    result = score_answers({case["step"]: case["text"]}, shipped, case["lang"])
    credit = {item.id: item.credit for step in result.steps for item in step.items}
    for item, expected in case["expect"].items():
        # "not" means the words are there and a cue dismissed them, so a rule that stopped
        # matching the item at all cannot pass as a rejection
        allowed = {"covered": {"decided", "justified"}, "not": {"mentioned"}, "none": {"none"}}[expected]
        assert credit.get(item, "none") in allowed, f"{item} should be {expected}: {case['text']}"
