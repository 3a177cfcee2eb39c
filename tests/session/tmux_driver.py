"""Drive the real `coach` in a private tmux server: send keys, read the screen, wait for text."""

from __future__ import annotations

import itertools
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

_NAMES = itertools.count()


class Tmux:
    """One private tmux server (`tmux -L NAME`) running one command in a fixed-size pane."""

    def __init__(self, command: list[str], env: dict[str, str], cwd: Path, width: int = 120, height: int = 40) -> None:
        self.server = f"coach-e2e-{os.getpid()}-{next(_NAMES)}"
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        # `exec` in an inner shell makes the pid file name the coach process itself (for kill -9);
        # the outer shell prints the exit status and keeps the last screen readable.
        inner = f"echo $$ > {shlex.quote(str(cwd / 'coach.pid'))}; exec {shlex.join(command)}"
        script = f"cd {shlex.quote(str(cwd))} && env {exports} sh -c {shlex.quote(inner)}; echo EXIT=$?; sleep 120"
        self.pid_file = cwd / "coach.pid"
        self._tmux("new-session", "-d", "-s", "e2e", "-x", str(width), "-y", str(height), script)

    def _tmux(self, *args: str) -> str:
        # Without $TMUX, so the tests also run from inside a developer's own tmux.
        env = {key: value for key, value in os.environ.items() if key != "TMUX"}
        done = subprocess.run(
            ["tmux", "-L", self.server, *args], capture_output=True, text=True, check=True, timeout=10, env=env
        )
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "e2e")

    def keys(self, *keys: str) -> None:
        """Keys by tmux name: "Enter", "C-d", "Escape", "C-c"."""
        self._tmux("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        """Literal text (no key-name lookup)."""
        self._tmux("send-keys", "-t", "e2e", "-l", text)

    def wait_for(self, text: str, timeout_s: float = 30.0) -> str:  # only a failure waits this long
        """Poll the screen until `text` shows; fail with the last screen."""
        deadline = time.monotonic() + timeout_s
        while True:
            shown = self.screen()
            if text in shown:
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not on screen after {timeout_s} s:\n{shown}")
            time.sleep(0.1)

    def coach_pid(self) -> int:
        return int(self.pid_file.read_text().strip())

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.server, "kill-server"], capture_output=True, timeout=10, check=False)


def coach_command(*args: str) -> list[str]:
    """The coach of this interpreter (the venv under test)."""
    return [sys.executable, "-m", "coach", *args]
