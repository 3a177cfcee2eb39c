"""Clock readings for the interview screens (the words are in coach/messages.py)."""

from __future__ import annotations


def clock(seconds: float) -> str:
    """mm:ss (minutes grow past 59: 75:00)."""
    whole = max(0, round(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def short_clock(seconds: float) -> str:
    """m:ss for budgets and windows (5:00, 3:00–4:00)."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
