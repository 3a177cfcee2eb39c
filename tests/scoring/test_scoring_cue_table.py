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
    covered = score_answers({case["step"]: case["text"]}, shipped, case["lang"]).covered_ids()
    for item, expected in case["expect"].items():
        assert expected in ("covered", "not")
        assert (item in covered) is (expected == "covered"), f"{item} should be {expected}: {case['text']}"
