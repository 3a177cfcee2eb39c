"""Timing of the opening and closing against their target windows.

Inside the window the timing score is 1. Outside, it decays smoothly with the
distance d to the nearest edge: score = 2 ** -((d / h) ** 2), where the
half-score distance h is half the edge itself (opening 180–240 s: 90 s early
or 120 s over scores 0.5; 180 s early scores ~0). A sheet without timings is
"untimed" and not penalised.
"""

from __future__ import annotations

from coach.scoring.result import TimingResult

HALF_SCORE_FRACTION = 0.5  # h = this × the window edge being missed


def timing_score(elapsed_s: float, window: tuple[int, int]) -> tuple[float, str]:
    """(score 0..1, state) for an answer that took `elapsed_s` seconds."""
    low, high = window
    if elapsed_s < low:
        distance, half = low - elapsed_s, HALF_SCORE_FRACTION * low
        state = "early"
    elif elapsed_s > high:
        distance, half = elapsed_s - high, HALF_SCORE_FRACTION * high
        state = "over"
    else:
        return 1.0, "in_window"
    return 2.0 ** -((distance / half) ** 2), state


def spoken_seconds(word_count: int, words_per_minute: int) -> float:
    """How long the text takes to say aloud."""
    return 60.0 * word_count / words_per_minute


def assess_timing(
    step: str, elapsed_s: float | None, window: tuple[int, int], word_count: int, words_per_minute: int
) -> TimingResult:
    """The timing result of an opening or closing."""
    spoken = spoken_seconds(word_count, words_per_minute)
    if elapsed_s is None:
        return TimingResult(step, None, window, None, "untimed", spoken)
    score, state = timing_score(elapsed_s, window)
    return TimingResult(step, elapsed_s, window, score, state, spoken)


def clock(seconds: float) -> str:
    """2:40 for 160 s."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
