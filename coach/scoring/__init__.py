"""Explainable bilingual scoring: checklist items with evidence, estimate arithmetic, timing.

The public API: `score_sheet`, `score_answers` and the result dataclasses;
`extract_quantities` reads the figures of a text (also used by the simulation).
"""

from __future__ import annotations

from coach.scoring.cache import compile_bundle
from coach.scoring.numbers import Quantity, extract_quantities
from coach.scoring.result import (
    ArithmeticFinding,
    Evidence,
    ItemResult,
    SheetScore,
    StepScore,
    TimingResult,
)
from coach.scoring.scorer import score_answers, score_sheet

__all__ = [
    "ArithmeticFinding",
    "Evidence",
    "ItemResult",
    "Quantity",
    "SheetScore",
    "StepScore",
    "TimingResult",
    "compile_bundle",
    "extract_quantities",
    "score_answers",
    "score_sheet",
]
