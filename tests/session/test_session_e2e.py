"""End to end in a real terminal (a private tmux server): the countdown ticks, answers land, kill -9 loses nothing.

Slow by nature (a few seconds each); mock mode keeps the demos out of the way.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_driver import Tmux, coach_command

from coach.content import STEP_IDS

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (apt-get install tmux)"),
]

ANSWERS_ES = {
    "opening": "Aclaro el alcance: canales email, push y SMS; pregunto SLAs, volúmenes pico y medio, retención y GDPR.",
    "requirements": "Funcionales: enviar por canal con plantillas y prioridad.|No funcionales: p99 < 2 s, disponibilidad 99.9 %.",
    "estimates": "100 req/s de media, 8.64M/día; pico x5; eventos de 1 KB, 8.64 GB/día.",
    "api": "POST /v1/notifications con idempotencyKey; GET /v1/notifications/{id}/status.",
    "architecture": "Acepto síncrono y entrego asíncrono: API → Kafka → workers por canal; proveedores SES, FCM y Twilio.",
    "consistency": "Consistencia eventual; orden por userId; consumidores idempotentes con dedup en Redis con TTL.",
    "scaling": "Escalado horizontal de workers; particiono por userId; rate limiting con token bucket.",
    "failures": "Reintentos con backoff exponencial y jitter, DLQ, circuit breaker y timeouts.",
    "observability": "Logs estructurados, métricas de throughput, retries y DLQ depth, tracing con traceId.",
    "security": "IAM least privilege, secretos en Secrets Manager, KMS y TLS; el costo lo domina Kafka por volumen.",
    "closing": "Riesgos: proveedores caídos; roadmap incremental, pruebas de carga y costos estimados.",
}


@pytest.fixture
def workdir(tmp_path: Path, home: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    env = {"COACH_HOME": str(home), "PATH": os.environ.get("PATH", ""), "TERM": "xterm-256color"}
    yield tmp_path, env


def _open(workdir: tuple[Path, dict[str, str]], *args: str) -> Tmux:
    path, env = workdir
    return Tmux(coach_command(*args), env, path, height=70)  # tall: the whole scorecard stays visible


def _answer(term: Tmux, step: str) -> None:
    """Type a step's answer (`|` starts a new line) and submit with Ctrl-D."""
    lines = ANSWERS_ES[step].split("|")
    for number, line in enumerate(lines):
        if number:
            term.keys("Enter")
        term.type(line)
    term.keys("C-d")


def _step_marker(index: int) -> str:
    return f"Paso {index}/11"


def _wait_prompt(term: Tmux, index: int, timeout_s: float = 30.0) -> str:
    """Wait until step `index`'s prompt is live: its toolbar is drawn (so keys reach the prompt, not the tty)."""
    deadline = time.monotonic() + timeout_s
    while True:
        screen = term.screen()
        marker = _step_marker(index)
        if marker in screen:
            below = screen[screen.rindex(marker):]
            # The "›" line is drawn by prompt_toolkit itself, once it owns the terminal (raw
            # mode): keys sent earlier would be echoed by the tty and lost. A toolbar alone is
            # not proof: the previous step's toolbar can linger on the bottom row.
            drawn = any(line.startswith("›") for line in below.splitlines())
            if drawn and any(word in below for word in ("quedan ", "objetivo ", "TIEMPO EXTRA")):
                return screen
        if time.monotonic() > deadline:
            raise AssertionError(f"prompt {index} not ready after {timeout_s} s:\n{screen}")
        time.sleep(0.05)


def _answer_probes(term: Tmux, count: int = 3) -> None:
    """Mock mode ends with the interviewer's follow-ups: answer each once its prompt is live."""
    for number in range(1, count + 1):
        marker = f"Repregunta {number}/{count}"
        deadline = time.monotonic() + 30
        while True:
            screen = term.screen()
            below = screen[screen.rindex(marker):] if marker in screen else ""
            if any(line.startswith("›") for line in below.splitlines()) and "quedan " in below:
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"{marker} never became live:\n{screen}")
            time.sleep(0.05)
        term.type("Con reintentos, un circuit breaker por proveedor y alertas sobre el SLO.")
        term.keys("C-d")


def _toolbar_clock(screen: str) -> str:
    """The countdown; "" on a capture taken while prompt_toolkit redraws the toolbar."""
    found = re.search(r"◔ (\d\d:\d\d) · objetivo 3:00–4:00 · antes de la ventana", screen)
    return found[1] if found else ""


def test_full_run_in_spanish_ticks_scores_and_exports(workdir: tuple[Path, dict[str, str]], home: Path) -> None:
    """`coach run notifications --lang es`: the toolbar ticks while idle, 11 answers, scorecard, export = coach score."""
    path, env = workdir
    export = path / "sesion.md"
    term = _open(workdir, "run", "notifications", "--lang", "es", "--mode", "mock", "--export", str(export))
    try:
        first = _toolbar_clock(term.wait_for("objetivo 3:00–4:00"))
        assert first, term.screen()
        term.wait_for("Esc Enter o Ctrl-D: enviar")
        # Idle: nothing typed, and the countdown still moves on.
        deadline_screen = term.wait_for("◔ 00:0", 5)
        for _ in range(30):
            later = _toolbar_clock(term.screen())
            if later and later != first:
                break
            time.sleep(0.1)
        assert later and later != first, deadline_screen
        for index, step in enumerate(STEP_IDS, start=1):
            _wait_prompt(term, index)
            _answer(term, step)
        _answer_probes(term)
        screen = term.wait_for("EXIT=", 30)
        assert "EXIT=0" in screen
        assert "Resultado" in screen and "Total:" in screen
        assert "Ritmo" in screen and "Qué practicar ahora" in screen
        assert "Hoja exportada en" in screen and export.is_file()
    finally:
        term.close()
    stored = sqlite3.connect(home / "coach.db").execute("SELECT total, status FROM sessions").fetchall()
    assert len(stored) == 1 and stored[0][1] == "finished"
    scored = subprocess.run(
        [sys.executable, "-m", "coach", "score", str(export), "--json"],
        capture_output=True, text=True, env={**os.environ, **env}, check=True,
    )
    assert json.loads(scored.stdout)["total"] == pytest.approx(stored[0][0], abs=1e-4)


def test_kill_9_in_step_four_then_resume_keeps_the_first_three(
    workdir: tuple[Path, dict[str, str]], home: Path
) -> None:
    """A kill -9 while typing step 4 loses no submitted answer; resume starts from the saved draft."""
    term = _open(workdir, "run", "notifications", "--lang", "es", "--mode", "mock")
    try:
        for index, step in enumerate(STEP_IDS[:3], start=1):
            _wait_prompt(term, index)
            _answer(term, step)
        _wait_prompt(term, 4)
        term.type("POST /v1/notifications")
        # The draft is written within ~2 s of typing; wait for it rather than sleeping blindly.
        db = home / "coach.db"
        deadline = time.monotonic() + 30  # generous: a loaded CI machine must not turn this into a flake
        rows: list[tuple[str]] = []
        while time.monotonic() < deadline:
            rows = sqlite3.connect(db).execute("SELECT text FROM drafts WHERE step = 'api'").fetchall()
            if rows and rows[0][0] == "POST /v1/notifications":
                break
            time.sleep(0.2)
        assert rows == [("POST /v1/notifications",)], "the draft was never autosaved"
        os.kill(term.coach_pid(), signal.SIGKILL)
        assert "EXIT=137" in term.wait_for("EXIT=")
    finally:
        term.close()

    term = _open(workdir, "resume")
    try:
        term.wait_for("Retomando la sesión")
        assert "3. API y modelo de datos" in _wait_prompt(term, 4)
        term.wait_for("POST /v1/notifications")
        term.type(" con idempotencyKey; GET status.")
        term.keys("C-d")
        for index, step in enumerate(STEP_IDS[4:], start=5):
            _wait_prompt(term, index)
            _answer(term, step)
        _answer_probes(term)
        term.wait_for("¿Guardar la hoja", 30)
        term.keys("Down", "Enter")  # "No": keep no file
        assert "EXIT=0" in term.wait_for("EXIT=")
    finally:
        term.close()
    rows = dict(sqlite3.connect(home / "coach.db").execute("SELECT step, text FROM answers").fetchall())
    for step in STEP_IDS[:3]:
        assert rows[step] == ANSWERS_ES[step].replace("|", "\n")
    assert rows["api"] == "POST /v1/notifications con idempotencyKey; GET status."
    status = sqlite3.connect(home / "coach.db").execute("SELECT status FROM sessions").fetchall()
    assert status == [("finished",)]
