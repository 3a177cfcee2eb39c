"""The command surface as a whole: version, help on every command, light start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.testing import CliRunner

from coach import __version__
from coach.cli import app

runner = CliRunner()


def test_version() -> None:
    """--version prints the package version."""
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"coach {__version__}\n"


def _commands(group: typer.Typer, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str | None]]:
    found = []
    for info in group.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        found.append(((*prefix, name), info.callback.__doc__ if info.callback else None))
    for sub in group.registered_groups:
        assert sub.typer_instance is not None
        found += _commands(sub.typer_instance, (*prefix, sub.name or ""))
    return found


def test_every_command_has_help_with_an_example() -> None:
    """Each command's docstring is its --help and shows an example invocation."""
    commands = _commands(app)
    assert len(commands) >= 6
    for path, doc in commands:
        assert doc, f"coach {' '.join(path)} has no help"
        assert "Example: coach" in doc, f"coach {' '.join(path)} help lacks an example"
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path


def test_help_imports_nothing_heavy() -> None:
    """`coach --help` loads no jinja2, questionary, pydantic, scoring or simulation code."""
    code = (
        "import sys\n"
        "from coach.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "import json; print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = json.loads(out.stdout.strip().splitlines()[-1])
    heavy = [
        m
        for m in modules
        if m.split(".")[0] in {"jinja2", "questionary", "prompt_toolkit", "pydantic", "simpy"}
        or m.startswith(("coach.sim", "coach.scoring", "coach.session", "coach.store", "coach.export", "coach.content"))
    ]
    assert heavy == []


def test_python_dash_m_works() -> None:
    """`python -m coach --help` runs the same app."""
    out = subprocess.run([sys.executable, "-m", "coach", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "scenarios" in out.stdout


def test_plain_parameters_coerce_as_typer_does(tmp_path: Path) -> None:
    """Text, path and flag values come out as typer's own adapters make them; bad values get typer's message."""
    seen: dict[str, object] = {}
    probe = typer.Typer()

    @probe.command()
    def show(
        where: Path,
        name: str = "x",
        count: int = 1,
        flag: bool = False,
        folder: Annotated[Path | None, typer.Option(exists=True, file_okay=False)] = None,
    ) -> None:
        seen.update(where=where, name=name, count=count, flag=flag, folder=folder)

    ok = runner.invoke(
        probe, ["./a//b/", "--name", "", "--count", "3", "--flag", "--folder", str(tmp_path)]
    )
    assert ok.exit_code == 0, ok.output
    assert seen == {"where": Path("a/b"), "name": "", "count": 3, "flag": True, "folder": tmp_path}
    assert type(seen["where"]) is type(Path("a"))
    missing = runner.invoke(probe, ["a", "--folder", "./nowhere//"])
    assert missing.exit_code == 2
    assert "'./nowhere//' does not exist" in missing.output
    bad_count = runner.invoke(probe, ["a", "--count", "many"])
    assert "Input should be a valid integer" in bad_count.output  # pydantic's message, as before
