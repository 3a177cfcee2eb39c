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
_GENERIC: dict[Lang, tuple[str, ...]] = {
    "es": (
        "Peticiones por segundo de media y en pico (media × factor de pico).",
        "Peticiones al día: QPS × 86.400.",
        "Almacenamiento: tamaño de un registro × registros al día × días de retención.",
        "Cuántos nodos, particiones o workers hacen falta en pico, con margen.",
    ),
    "en": (
        "Requests per second on average and at peak (average × peak factor).",
        "Requests per day: QPS × 86,400.",
        "Storage: record size × records a day × days of retention.",
        "How many nodes, partitions or workers the peak needs, with headroom.",
    ),
}


@dataclass(frozen=True)
class HandEstimates:
    """A scenario without [simulation]: the statement that says so and the figures to work out."""

    scenario: str
    statement: str
    lines: tuple[str, ...]
    from_content: bool  # False: the generic lines, the scenario names none


def hand_estimates(scenario: Scenario, lang: Lang) -> HandEstimates:
    """The plain statement `coach demo` prints for a scenario that has no simulation."""
    title = scenario.title(lang)
    if lang == "es":
        statement = (
            f"«{title}» no tiene simulación: no hay un servicio de referencia que ejecutar paso a paso. "
            "Calcula a mano estas cifras (coach estimate te ayuda con las cuentas):"
        )
    else:
        statement = (
            f"“{title}” has no simulation: there is no reference service to run step by step. "
            "Work out these figures by hand (coach estimate helps with the arithmetic):"
        )
    if scenario.hand_estimates is not None:
        return HandEstimates(scenario.id, statement, tuple(scenario.hand_estimates(lang)), True)
    return HandEstimates(scenario.id, statement, _GENERIC[lang], False)
