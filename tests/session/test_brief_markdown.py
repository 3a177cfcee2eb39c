"""`coach run` shows the scenario's brief rendered from Markdown, not as raw Markdown."""

from __future__ import annotations

import io

from rich.console import Console

from coach.content import Library
from coach.session import Mode
from coach.ui import render


def test_brief_is_rendered_markdown() -> None:
    """Bold and list markers are rendered (no `**`, bullets as •), and the brief's words are all there."""
    bundle = Library(use_user_dir=False).bundle("notifications")
    out = io.StringIO()
    render.brief(Console(file=out, width=100, no_color=True), bundle, "es", ["requirements"], Mode.PRACTICE)
    text = out.getvalue()
    assert "**" not in text
    assert "• acepte una notificación" in text
    assert "email, push y SMS" in text
