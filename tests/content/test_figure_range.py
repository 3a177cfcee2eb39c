"""An estimate item's expected range (content `figure`): validated when the content loads."""

from __future__ import annotations

import pytest


def test_an_estimate_range_whose_min_is_not_under_its_max_is_refused() -> None:
    from pydantic import ValidationError

    from coach.content import FigureRange

    assert FigureRange(kind="bytes", min=8e9, max=2e11).max == 2e11
    with pytest.raises(ValidationError, match="must be less than max"):
        FigureRange(kind="bytes", min=2e11, max=8e9)
