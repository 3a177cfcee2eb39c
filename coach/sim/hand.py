"""What `coach demo` says for a scenario without a simulation: a plain statement and the figures to compute by hand.

Light on purpose: it reads the scenario model only, never the simulation engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.content import Scenario
    from coach.i18n import Lang

# When the scenario names no figures of its own, the ones every estimates step needs.
_GENERIC = ("hand.qps", "hand.per_day", "hand.storage", "hand.nodes")
DAY_S = 86_400


@dataclass(frozen=True)
class HandEstimates:
    """A scenario without [simulation]: the statement that says so and the figures to work out."""

    scenario: str
    statement: str
    lines: tuple[str, ...]
    from_content: bool  # False: the generic lines, the scenario names none


def hand_estimates(scenario: Scenario, lang: Lang) -> HandEstimates:
    """The plain statement `coach demo` prints for a scenario that has no simulation."""
    from coach.formatting import decimal
    from coach.messages import t

    statement = t("hand.statement", lang, title=scenario.title(lang))
    if scenario.hand_estimates is not None:
        return HandEstimates(scenario.id, statement, tuple(scenario.hand_estimates(lang)), True)
    generic = tuple(t(key, lang, day_s=decimal(DAY_S, lang)) for key in _GENERIC)  # only per_day has the field
    return HandEstimates(scenario.id, statement, generic, False)
