"""Step ids: stable names that sheets, history rows and external evaluations refer to.

Kept apart from coach.content so that reading a sheet needs no pydantic.
"""

from __future__ import annotations

STEP_IDS: tuple[str, ...] = (
    "opening",
    "requirements",
    "estimates",
    "api",
    "architecture",
    "consistency",
    "scaling",
    "failures",
    "observability",
    "security",
    "closing",
)
FRAMEWORK_STEP_IDS: tuple[str, ...] = STEP_IDS[1:-1]  # the nine numbered steps
