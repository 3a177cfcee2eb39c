"""End to end in tmux: a question asked with Ctrl-Q in the opening is answered on screen, from the facts."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from tmux_driver import Tmux, coach_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (apt-get install tmux)"),
]

def _clock(screen: str) -> str:
    """The countdown on the toolbar; "" while prompt_toolkit is between erasing and redrawing it."""
    found = re.search(r"◔ (\d\d:\d\d) · objetivo", screen)
    return found[1] if found else ""


SCREEN = os.environ.get("COACH_E2E_SCREEN")  # a path: keep the last screen (for the transcript)


def test_ctrl_q_in_the_opening_answers_with_the_fact(tmp_path: Path, home: Path) -> None:
    """Type a question, Ctrl-Q: the volumes fact shows above the prompt, the text stays, the clock runs."""
    env = {"COACH_HOME": str(home), "PATH": os.environ.get("PATH", ""), "TERM": "xterm-256color"}
    term = Tmux(coach_command("run", "notifications", "--lang", "es", "--mode", "mock"), env, tmp_path, height=50)
    try:
        term.wait_for("Ctrl-Q: preguntar al entrevistador")
        term.wait_for("objetivo 3:00–4:00")
        screen = term.screen()
        assert any(line.startswith("›") for line in screen.splitlines()), screen
        term.type("Aclaro el alcance. ¿cuánto tráfico hay en pico?")
        term.wait_for("› Aclaro el alcance. ¿cuánto tráfico hay en pico?")
        before = _clock(term.wait_for("· objetivo"))
        assert before, term.screen()
        term.keys("C-q")
        term.wait_for("↳ Entrevistador · Volúmenes: 100 notificaciones por segundo", 10)
        deadline = time.monotonic() + 5
        while (after := _clock(screen := term.screen())) <= before and time.monotonic() < deadline:
            time.sleep(0.1)
        assert after > before, screen  # the prompt is back, and the countdown never stopped
        assert "? ¿cuánto tráfico hay en pico?" in screen and "500 req/s" in screen
        assert "› Aclaro el alcance. ¿cuánto tráfico hay en pico?" in screen  # the typed text stays
        if SCREEN:
            Path(SCREEN).write_text(screen, encoding="utf-8")
        term.keys("C-c")
        assert "EXIT=130" in term.wait_for("EXIT=", 10)
    finally:
        term.close()
    rows = sqlite3.connect(home / "coach.db").execute("SELECT step, question, kind, fact_id FROM questions").fetchall()
    assert rows == [("opening", "¿cuánto tráfico hay en pico?", "fact", "volumes")]
