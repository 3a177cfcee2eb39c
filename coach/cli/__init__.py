"""The `coach` command line: a thin typer layer over the core.

Each command reads its options, builds its dependencies, calls one core
function and renders the result. Command groups live in sibling modules that
import heavy code (pydantic content, jinja2, questionary, the simulation) only
inside the command body, so `coach --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from coach import __version__
from coach.cli import ask_cmds, content_cmds, demo_cmds, score_cmds, session_cmds, sim_cmds
from coach.cli.common import STATE, fail_on_error
from coach.errors import ExitCode


def _hide_flag_types() -> None:
    """`--help` shows a flag as `--force`, not `--force <bool>` (typer >= 0.26 prints the type)."""
    from typer.core import TyperOption

    shown = getattr(TyperOption, "display_type_rich", None)
    if shown is None or getattr(shown, "_coach_flags_hidden", False):
        return

    def display_type_rich(self: TyperOption, ctx: object) -> str | None:
        if self.is_flag and self.is_bool_flag:
            return None
        return shown(self, ctx)  # type: ignore[no-any-return]

    display_type_rich._coach_flags_hidden = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


def _plain_params() -> None:
    """Coerce plain parameter values without pydantic (typer >= 0.29 builds a TypeAdapter per parameter).

    Typer builds a pydantic TypeAdapter for every parameter a command receives, even one
    left unset, which imports pydantic and builds schemas (~70 ms, more than a warm
    `coach score` spends scoring); `coach --help` never pays it. Here the adapter is built
    only for a value that needs it. An unset parameter (None) needs none; for a text value
    (what a command line or an environment variable gives) typer's adapter returns the
    text itself for `str`, and `Path(text)` then typer's own path checks for `Path`; a
    `bool` stays itself: so do these, with no pydantic. Anything else (another type, a
    parser, a path check that fails) goes to typer's own coercion, so values and error
    messages stay typer's.
    """
    try:
        from typer import core
        from typer._click.exceptions import BadParameter
        from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
        from typer._param_types import coerce_cli_path
    except ImportError:  # pragma: no cover - another typer: its own coercion, only slower
        return
    if getattr(core, "build_runtime_param", None) is not build_runtime_param:
        return  # pragma: no cover - already replaced, or another typer layout

    class _Plain(RuntimeParam):
        def _coerce_value(self, value: object, param: Any, ctx: Any) -> object:
            kind = self.annotation
            if (kind is str and isinstance(value, str)) or (
                kind is bool and isinstance(value, bool)
            ):
                return value
            if kind is Path and isinstance(value, str):
                try:
                    return coerce_cli_path(
                        Path(value), self.parameter_info, path_type=Path, param=param, ctx=ctx
                    )
                except BadParameter:
                    pass  # typer's own message, from typer's own coercion
            typer_param = build_runtime_param(TypeDescriptor(kind, self.parameter_info, None))
            return typer_param._coerce_value(value, param=param, ctx=ctx)

    def plain_first(descriptor: TypeDescriptor) -> RuntimeParam:
        info = descriptor.parameter_info
        if (
            descriptor.file_annotation is None
            and info.parser is None
            and descriptor.annotation in (str, Path, bool)
        ):
            try:
                return _Plain(parameter_info=info, annotation=descriptor.annotation)
            except TypeError:  # pragma: no cover - a typer whose RuntimeParam takes other fields
                pass
        return build_runtime_param(descriptor)

    core.build_runtime_param = plain_first  # type: ignore[attr-defined]


_hide_flag_types()
_plain_params()

app = typer.Typer(
    name="coach",
    help=(
        "Rehearse system-design interviews in the terminal: timed mock interviews, "
        "explainable bilingual scoring, and a simulated reference notification service.\n\n"
        "Example: coach run notifications --lang es"
    ),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coach {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    content_dir: Annotated[
        Path | None,
        typer.Option(
            "--content-dir",
            help="Extra frameworks/ and scenarios/ (TOML) that add to or override the shipped ones.",
            envvar="COACH_CONTENT_DIR",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    """Rehearse system-design interviews: coach run notifications."""
    STATE.content_dir = content_dir
    STATE.debug = debug
    if ctx.invoked_subcommand is None:
        with fail_on_error():
            shown = session_cmds.menu()
        if not shown:
            typer.echo(ctx.get_help())


content_cmds.register(app)
score_cmds.register(app)
sim_cmds.register(app)
demo_cmds.register(app)
session_cmds.register(app)
ask_cmds.register(app)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - typer maps most of these itself
        sys.exit(ExitCode.INTERRUPTED)
