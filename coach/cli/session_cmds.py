"""Session commands: `coach run`, resume, history, stats, drill, export (placeholder)."""

from __future__ import annotations

import typer


def menu() -> None:
    """`coach` with no arguments: until the interactive menu exists, show the help."""
    import click

    ctx = click.get_current_context()
    typer.echo(ctx.get_help())


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""
