"""Session commands: `coach run`, resume, history, stats, drill, export (placeholder)."""

from __future__ import annotations

import typer


def menu() -> bool:
    """`coach` with no arguments: the interactive menu.

    Returns False when no menu was shown (not a terminal); the caller then prints the help.
    """
    return False


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""
