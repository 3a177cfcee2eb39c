"""End to end in tmux: a practice session asks a follow-up probe after a step, and the candidate answers it.

Two steps of the small `probed` scenario (tests/session/data), so it stays well under 30 s.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from session_helpers import DATA
from tmux_driver import Tmux, coach_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (apt-get install tmux)"),
]


def _wait_live(term: Tmux, marker: str, timeout_s: float = 20.0, nth: int = 1) -> str:
    """Wait until the `nth` `marker` shows and prompt_toolkit draws its prompt below it (the › line and timer).

    Keys sent before that would be echoed by the tty and lost (see test_session_e2e.py).
    """
    deadline = time.monotonic() + timeout_s
    while True:
        screen = term.screen()
        if screen.count(marker) >= nth:
            below = screen[screen.rindex(marker):]
            if any(line.startswith("›") for line in below.splitlines()) and "quedan " in below:
                return screen
        if time.monotonic() > deadline:
            raise AssertionError(f"no live prompt after {marker!r} in {timeout_s} s:\n{screen}")
        time.sleep(0.05)


def test_practice_asks_a_probe_after_a_step_and_scores_the_answer(tmp_path: Path, home: Path) -> None:
    """Answer a step, get its score, then a probe under the timer; the answer raises the item and is exported."""
    env = {"COACH_HOME": str(home), "PATH": os.environ.get("PATH", ""), "TERM": "xterm-256color"}
    export = tmp_path / "sesion.md"
    term = Tmux(
        coach_command("--content-dir", str(DATA), "run", "probed", "--steps", "requirements,failures",
                      "--lang", "es", "--export", str(export)),
        env, tmp_path, height=60,
    )
    try:
        _wait_live(term, "Paso 1/2")
        term.type("Requisitos funcionales: enviar avisos.")
        term.keys("C-d")
        # The step's score comes first, then the interviewer's follow-up under the same timer rules.
        screen = _wait_live(term, "Repregunta · ")
        assert screen.index("Puntuación") < screen.index("Repregunta · ")
        term.type("Pedimos disponibilidad del 99,9 % porque los canales email y sms son críticos.")
        term.keys("C-d")
        screen = term.wait_for("r + Enter: respuesta de referencia")
        assert "Tras la repregunta" in screen and "→ justificado (sube)" in screen
        transcript = tmp_path / "probe-screen.txt"
        transcript.write_text(screen, encoding="utf-8")
        term.keys("Enter")
        _wait_live(term, "Paso 2/2")
        term.type("Reintentos y una dlq.")
        term.keys("C-d")
        _wait_live(term, "Repregunta · ", nth=2)
        term.type("Un circuit breaker por proveedor, porque así no lo martilleamos.")
        term.keys("C-d")
        screen = term.wait_for("Enter para ver el resultado")
        assert "siguiente paso" not in screen.split("Tras la repregunta")[-1]
        term.keys("Enter")
        screen = term.wait_for("EXIT=", 20)
        assert "EXIT=0" in screen and "Resultado" in screen
    finally:
        term.close()
    rows = sqlite3.connect(home / "coach.db").execute("SELECT seq, after, text FROM probe_answers ORDER BY seq").fetchall()
    assert [(seq, after) for seq, after, _ in rows] == [(1, "requirements"), (2, "failures")]
    sheet = export.read_text(encoding="utf-8")
    assert sheet.count("<!-- probe: ") == 2
    scored = subprocess.run(
        [sys.executable, "-m", "coach", "--content-dir", str(DATA), "score", str(export), "--json"],
        capture_output=True, text=True, env={**os.environ, **env}, check=True,
    )
    probed = [i for s in json.loads(scored.stdout)["steps"] for i in s["items"] if i["probed"]]
    assert probed, "the probe answers earn their items when the export is scored"
