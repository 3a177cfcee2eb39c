"""Timing windows: full inside, smooth decay outside, untimed when no elapsed."""

from __future__ import annotations

import pytest

from coach.content import Bundle
from coach.scoring import score_answers
from coach.scoring.timing import assess_timing, clock, timing_score


def test_inside_the_window_is_full() -> None:
    """180–240 s: 200 s scores 1."""
    assert timing_score(200, (180, 240)) == (1.0, "in_window")


def test_half_score_at_half_the_edge() -> None:
    """90 s early of a 180 s edge, or 120 s over a 240 s edge, scores 0.5."""
    assert timing_score(90, (180, 240)) == (pytest.approx(0.5), "early")
    assert timing_score(360, (180, 240)) == (pytest.approx(0.5), "over")


def test_decay_is_monotonic() -> None:
    """Further from the window never scores higher."""
    scores = [timing_score(t, (60, 120))[0] for t in (120, 130, 150, 200, 400)]
    assert scores == sorted(scores, reverse=True)


def test_untimed_has_no_score_but_a_spoken_estimate() -> None:
    """No elapsed: state untimed, score None; spoken time from words per minute."""
    result = assess_timing("opening", None, (180, 240), word_count=260, words_per_minute=130)
    assert result.state == "untimed" and result.score is None
    assert result.spoken_estimate_s == 120
    assert clock(160) == "2:40"


def test_timing_lowers_the_opening_score(tiny: Bundle) -> None:
    """An opening far outside its window scores below the same opening in time; untimed is not penalised."""
    answers = {"opening": "Clarify the scope and the channels."}
    in_window = score_answers(answers, tiny, "en", {"opening": 200}).step("opening")
    late = score_answers(answers, tiny, "en", {"opening": 600}).step("opening")
    untimed = score_answers(answers, tiny, "en").step("opening")
    assert in_window.score == untimed.score > 0
    assert late.score < in_window.score
    assert late.timing is not None and late.timing.state == "over"
