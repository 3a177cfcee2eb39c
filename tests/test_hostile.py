"""Hostile input, full disks and odd files (issue 12): exit 0 or 2 with a one-line reason, bounded memory.

Every row runs the installed `coach` as a subprocess under a 2 GB address-space
limit and a timeout, so a regression to a hang or a blow-up fails fast. A row
is (id, setup, args, exit code, a word the output must contain). Setups build
their files in a fresh folder; the large inputs (17 MB one-line sheet, 200 KB
dotted-key TOML) are generated there too. benchmarks/hostile_inputs.py prints
the time and memory figures of the large ones.
"""

from __future__ import annotations

import ctypes
import io
import os
import re
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.errors import ContentError
from coach.sheet import MAX_SENTENCE_CHARS, bound_sentences, parse_sheet
from coach.steps import STEP_IDS
from coach.ui.safe import clean, markup

COACH = str(Path(sys.executable).with_name("coach"))
MEMORY_LIMIT_BYTES = 2 * 1024**3
TIMEOUT_S = 20.0
ESC = "\x1b"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 24, 1, 2, 3

GOOD = (
    "<!-- coach: scenario=notifications lang=en -->\n\n"
    "<!-- step: requirements -->\n## Requirements\n\n"
    "We send email and push notifications; p99 under 2 s.\n\n"
    "<!-- step: failures -->\n## Failures\n\n"
    "We retry with exponential backoff and jitter, then send the message to a dead letter queue.\n"
)
WORDS = ["we", "use", "a", "queue", "and", "kafka", "partitions", "retries", "with", "backoff", "dead", "letter", "queue", "idempotency", "key"]


# ---------------------------------------------------------------- running


@dataclass
class Run:
    """What one coach process did."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_kb: int


def _limits(fsize_bytes: int | None, drop_dac: bool) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
        if fsize_bytes is not None:  # a full disk: writes past this size fail with EFBIG
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize_bytes, fsize_bytes))
        if drop_dac:  # root ignores file modes: drop the capabilities that let it (bounding set)
            libc = ctypes.CDLL(None, use_errno=True)
            for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
                if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                    raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return apply


def run_coach(
    args: list[str],
    home: Path,
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    stdin: Path | None = None,
    fsize_bytes: int | None = None,
    drop_dac: bool = False,
    timeout_s: float = TIMEOUT_S,
) -> Run:
    """Run coach with the memory limit and a timeout; measure its own time and peak memory."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    environ.update(
        {"COACH_HOME": str(home), "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "120", "LANG": "C.UTF-8"}
    )
    environ.update(env or {})
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        open(stdin or os.devnull, "rb") as inp,
    ):
        start = time.monotonic()
        proc = subprocess.Popen(
            [COACH, *args], stdin=inp, stdout=out, stderr=err, cwd=cwd, env=environ,
            preexec_fn=_limits(fsize_bytes, drop_dac),
        )
        killer = threading.Timer(timeout_s, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            usage.ru_maxrss,
        )


# ---------------------------------------------------------------- the table


@dataclass
class Place:
    """The folder a case runs in: cwd for its files, and COACH_HOME."""

    root: Path
    home: Path
    env: dict[str, str] = field(default_factory=dict)
    stdin: Path | None = None
    fsize_bytes: int | None = None
    drop_dac: bool = False

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path


Setup = Callable[[Place], None]


def _nothing(place: Place) -> None:
    pass


def _good(place: Place) -> None:
    place.write("good.md", GOOD)


def _fifo(place: Place) -> None:
    os.mkfifo(place.root / "fifo.md")


def _sheet(body: str) -> Setup:
    def setup(place: Place) -> None:
        place.write("s.md", "<!-- coach: scenario=notifications lang=en -->\n" + body)

    return setup


def _timed(value: str) -> Setup:
    return _sheet(f"<!-- step: opening -->\n## Opening\n<!-- coach:timing elapsed_s={value} -->\nHello, I will start.\n")


def _one_line_sheet(size_bytes: int) -> Setup:
    def setup(place: Place) -> None:
        words, total, i = [], 0, 0
        while total < size_bytes:
            word = WORDS[(i * 7) % len(WORDS)]
            words.append(word)
            total += len(word) + 1
            i += 1
        place.write("s.md", "<!-- coach: scenario=notifications lang=en -->\n<!-- step: failures -->\n" + " ".join(words) + "\n")

    return setup


def _toml(text: str) -> Setup:
    def setup(place: Place) -> None:
        place.write("x.toml", text)

    return setup


def _user_content(name: str, text: str | None) -> Setup:
    """A file in COACH_HOME/content/scenarios (None: a FIFO), plus the good sheet."""

    def setup(place: Place) -> None:
        folder = place.home / "content" / "scenarios"
        folder.mkdir(parents=True, exist_ok=True)
        if text is None:
            os.mkfifo(folder / name)
        else:
            (folder / name).write_text(text, encoding="utf-8")
        _good(place)

    return setup


def _shipped_scenario() -> str:
    return resources.files("coach.content_data.scenarios").joinpath("notifications.toml").read_text("utf-8")


def _evil_content(place: Place) -> None:
    """--content-dir with a copy of notifications whose title carries markup, a link and escapes."""
    text = _shipped_scenario().replace('id = "notifications"', 'id = "evil"', 1)
    evil = 'Evil [/x] [link=http://e.example]click[/link] \\u001b[2J\\u001b]8;;http://e\\u0007t'
    text = text.replace('en = "Multi-channel notification service"', f'en = "{evil}"', 1)
    assert "Evil" in text
    folder = place.root / "content" / "scenarios"
    folder.mkdir(parents=True)
    (folder / "evil.toml").write_text(text, encoding="utf-8")


def _stdin(path_name: str, text: str | None = None) -> Setup:
    def setup(place: Place) -> None:
        if text is not None:
            place.write(path_name, text)
        place.stdin = Path(path_name) if path_name.startswith("/") else place.root / path_name

    return setup


def _seeded_history(place: Place) -> None:
    """A good coach.db, from one run of the good sheet."""
    _good(place)
    result = run_coach(["run", "notifications", "--answers", "good.md"], place.home, cwd=place.root)
    assert result.code == 0, result.stderr


def _as_nobody(place: Place) -> None:
    """Root ignores file modes: run the case without the capabilities that let it."""
    place.drop_dac = IS_ROOT


def _readonly_db(place: Place) -> None:
    _seeded_history(place)
    (place.home / "coach.db").chmod(0o444)
    _as_nobody(place)


def _readonly_folder(place: Place) -> None:
    _seeded_history(place)
    _as_nobody(place)
    place.home.chmod(0o555)


def _damaged_db(place: Place) -> None:
    """A database whose first page is fine and whose later pages are garbage."""
    _seeded_history(place)
    path = place.home / "coach.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE pad (x)")
        db.executemany("INSERT INTO pad VALUES (?)", [("x" * 500,) for _ in range(200)])
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3, len(data) - 2100, 4096):
        data[offset + 50 : offset + 2000] = b"\xff" * 1950
    path.write_bytes(bytes(data))


def _garbage_db(place: Place) -> None:
    place.home.mkdir(parents=True, exist_ok=True)
    (place.home / "coach.db").write_bytes(b"not sqlite\n" * 500)
    _good(place)


def _disk_full(place: Place) -> None:
    _seeded_history(place)
    place.fsize_bytes = 1024


def _readonly_export_folder(place: Place) -> None:
    _good(place)
    (place.root / "ro").mkdir()
    (place.root / "ro").chmod(0o555)
    _as_nobody(place)


@dataclass(frozen=True)
class Case:
    """One row: a setup, the arguments, the exit code, a word the output must contain."""

    id: str
    setup: Setup
    args: tuple[str, ...]
    code: int
    word: str
    env: tuple[tuple[str, str], ...] = ()
    lines: int = 1  # stderr lines allowed on exit 2 (the reason, and at most a hint)


def _both(*pairs: Setup) -> Setup:
    def setup(place: Place) -> None:
        for one in pairs:
            one(place)

    return setup


FENCED_TWICE = (
    "<!-- step: api -->\n## API\nPOST /notifications returns 202.\n\n"
    "```markdown\n<!-- step: api -->\nan example sheet inside a code block\n```\n"
    "<!-- step: closing -->\n## Closing\nThanks.\n"
)
ESCAPES = (
    "<!-- step: failures -->\n## Failures\n"
    "We retry with exponential backoff \x1b[2J and send failures to a dead letter queue "
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ [/x] [link=http://e]y[/link] \x07\x08.\n"
)

CASES: tuple[Case, ...] = (
    # -- odd files, for every command that reads one
    Case("score-fifo", _fifo, ("score", "fifo.md"), 2, "FIFO"),
    Case("score-dev-zero", _nothing, ("score", "/dev/zero"), 2, "device"),
    Case("score-directory", _nothing, ("score", "."), 2, "directory"),
    Case("score-missing", _nothing, ("score", "nope.md"), 2, "no such file"),
    Case("score-stdin", _stdin("good.md", GOOD), ("score", "-"), 0, "Total"),
    Case("score-stdin-dev-zero", _stdin("/dev/zero"), ("score", "-"), 2, "larger than"),
    Case("run-answers-fifo", _fifo, ("run", "notifications", "--answers", "fifo.md"), 2, "FIFO"),
    Case("run-answers-dev-zero", _nothing, ("run", "notifications", "--answers", "/dev/zero"), 2, "device"),
    Case("sim-from-sheet-fifo", _fifo, ("sim", "notifications", "--from-sheet", "fifo.md"), 2, "FIFO"),
    Case("validate-fifo", _fifo, ("scenarios", "validate", "fifo.md"), 2, "FIFO"),
    Case("validate-directory", _nothing, ("scenarios", "validate", "."), 2, "directory"),
    Case("validate-dev-zero", _nothing, ("scenarios", "validate", "/dev/zero"), 2, "device"),
    # -- size and shape
    Case("score-17mb-one-line", _one_line_sheet(17_000_000), ("score", "s.md"), 2, "larger than"),
    Case("score-1.9mb-one-line", _one_line_sheet(1_900_000), ("score", "s.md", "--json"), 0, '"total"'),
    Case("validate-dotted-200kb", _toml("a" + ".a" * 100_000 + " = 1\n"), ("scenarios", "validate", "x.toml"), 2, "dotted key"),
    Case("validate-nested-arrays", _toml("x = " + "[" * 5000 + "]" * 5000 + "\n"), ("scenarios", "validate", "x.toml"), 2, "too deeply nested"),
    Case("validate-nested-tables", _toml("x = " + "{a = " * 200 + "1" + "}" * 200 + "\n"), ("scenarios", "validate", "x.toml"), 2, "too deeply nested"),
    Case("validate-deep-headers", _toml("[" + ".".join(["t"] * 500) + "]\nx = 1\n"), ("scenarios", "validate", "x.toml"), 2, "dotted key"),
    Case("validate-2mb", _toml('x = "' + "y" * 2_000_000 + '"\n'), ("scenarios", "validate", "x.toml"), 2, "larger than"),
    Case("validate-broken-toml", _toml("id = \n"), ("scenarios", "validate", "x.toml"), 2, "invalid TOML"),
    Case("validate-stdin", _stdin("n.toml", _shipped_scenario()), ("scenarios", "validate", "-"), 0, "OK <stdin>"),
    # -- sheets already handled
    Case("score-bad-utf8", lambda p: (p.root / "s.md").write_bytes(b"\xff\xfe<!-- step: api -->"), ("score", "s.md"), 2, "UTF-8"),
    Case("score-no-markers", _sheet("just text\n"), ("score", "s.md"), 2, "no step markers"),
    Case("score-unknown-step", _sheet("<!-- step: lunch -->\nx\n"), ("score", "s.md"), 2, "unknown step"),
    Case("score-step-twice", _sheet("<!-- step: api -->\nx\n<!-- step: api -->\ny\n"), ("score", "s.md"), 2, "twice"),
    Case("score-unclosed-block", _sheet("<!-- step: api -->\n<!-- coach:feedback -->\nx\n"), ("score", "s.md"), 2, "never closed"),
    Case("score-header-lang", lambda p: p.write("s.md", "<!-- coach: scenario=notifications lang=xx -->\n<!-- step: api -->\nx\n"), ("score", "s.md"), 2, "lang=xx"),
    Case("score-unknown-scenario", lambda p: p.write("s.md", "<!-- coach: scenario=nope lang=en -->\n<!-- step: api -->\nx\n"), ("score", "s.md"), 2, "unknown scenario"),
    # -- numbers
    Case("sheet-elapsed-nan", _timed("nan"), ("score", "s.md"), 2, "elapsed_s=nan"),
    Case("sheet-elapsed-inf", _timed("inf"), ("score", "s.md"), 2, "out of range"),
    Case("sheet-elapsed-1e308", _timed("1e308"), ("score", "s.md"), 2, "out of range"),
    Case("sheet-elapsed-negative", _timed("-5"), ("score", "s.md"), 2, "negative"),
    Case("sheet-elapsed-text", _timed("soon"), ("score", "s.md"), 2, "not a number"),
    Case("estimate-qps-nan", _nothing, ("estimate", "--qps", "nan"), 2, "--qps"),
    Case("estimate-qps-inf", _nothing, ("estimate", "--qps", "inf"), 2, "--qps"),
    Case("estimate-qps-1e308", _nothing, ("estimate", "--qps", "1e308"), 2, "--qps"),
    Case("estimate-qps-negative", _nothing, ("estimate", "--qps", "-1"), 2, "--qps"),
    Case("estimate-peak-nan", _nothing, ("estimate", "--peak", "nan"), 2, "--peak"),
    Case("estimate-size-huge", _nothing, ("estimate", "--event-size", "1e300KB"), 2, "--event-size"),
    Case("estimate-retention-huge", _nothing, ("estimate", "--retention-days", "99999999"), 2, "--retention-days"),
    Case("estimate-ok", _nothing, ("estimate", "--qps", "100", "--json"), 0, "requests_per_day"),
    Case("sim-qps-nan", _nothing, ("sim", "notifications", "--qps", "nan"), 2, "--qps"),
    Case("sim-duration-inf", _nothing, ("sim", "notifications", "--duration", "inf"), 2, "--duration"),
    Case("sim-partitions-1e9", _nothing, ("sim", "notifications", "--partitions", "1000000000"), 2, "--partitions"),
    Case("sim-over-request-cap", _nothing, ("sim", "notifications", "--qps", "20000"), 2, "1,000,000"),
    Case("sim-mmc-huge-c", _nothing, ("sim", "notifications", "--model", "mmc", "--workers", "1000000000", "--json"), 0, '"workers": 1000000000'),
    Case("sim-mmc-huge-load", _nothing, ("sim", "notifications", "--model", "mmc", "--service-ms", "1e9"), 2, "erlangs"),
    # -- what reaches the terminal
    Case("score-escape-sequences", _sheet(ESCAPES), ("score", "s.md", "--lang", "en"), 0, "dead letter"),
    Case("score-fenced-markers", _sheet(FENCED_TWICE), ("score", "s.md", "--json"), 0, '"total"'),
    Case("content-markup-show", _evil_content, ("--content-dir", "content", "scenarios", "show", "evil", "--lang", "en"), 0, "[/x]"),
    Case("content-markup-list", _evil_content, ("--content-dir", "content", "scenarios", "list", "--lang", "en"), 0, "Evil [/x]"),
    Case("export-path-bracket", _good, ("run", "notifications", "--answers", "good.md", "--export", "out[1].md"), 0, "out[1].md"),
    # -- user content
    Case("user-content-broken", _user_content("x.toml", "id = \n"), ("scenarios", "list"), 0, "skipped"),
    Case("user-content-dotted", _user_content("x.toml", "a" + ".a" * 100_000 + " = 1\n"), ("score", "good.md"), 0, "skipped"),
    Case("user-content-fifo", _user_content("x.toml", None), ("score", "good.md"), 0, "FIFO"),
    # -- language
    Case("coach-lang-unknown", _nothing, ("scenarios", "list"), 0, "COACH_LANG", env=(("COACH_LANG", "xx"),)),
    Case("lang-flag-unknown", _nothing, ("scenarios", "list", "--lang", "xx"), 2, "--lang"),
    # -- storage
    Case("db-readonly", _readonly_db, ("run", "notifications", "--answers", "good.md"), 2, "read-only"),
    Case("db-folder-readonly", _readonly_folder, ("history",), 2, "read-only"),
    Case("db-damaged", _damaged_db, ("history",), 2, "damaged"),
    Case("db-garbage", _garbage_db, ("history",), 2, "unreadable"),
    Case("db-disk-full", _disk_full, ("run", "notifications", "--answers", "good.md"), 2, "disk"),
    Case("export-readonly-folder", _readonly_export_folder, ("run", "notifications", "--answers", "good.md", "--export", "ro/x.md"), 2, "cannot write", lines=2),
    Case("export-no-folder", _good, ("run", "notifications", "--answers", "good.md", "--export", "nope/x.md"), 2, "nope"),
)


@pytest.fixture
def place() -> Iterator[Place]:
    """A fresh folder with COACH_HOME inside."""
    root = Path(tempfile.mkdtemp(prefix="coach-hostile-"))
    root.chmod(0o755)
    try:
        yield Place(root=root, home=root / "home")
    finally:
        for path in [root, *root.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(stat.S_IRWXU)
        shutil.rmtree(root, ignore_errors=True)


def test_the_table_covers_the_issue() -> None:
    """At least 40 rows, ids unique."""
    ids = [case.id for case in CASES]
    assert len(ids) >= 40 and len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_case(case: Case, place: Place) -> None:
    """The row exits with its code and word, a one-line reason, no traceback, no raw escape sequence."""
    case.setup(place)
    result = run_coach(
        list(case.args), place.home, cwd=place.root, env=dict(case.env), stdin=place.stdin,
        fsize_bytes=place.fsize_bytes, drop_dac=place.drop_dac,
    )
    output = result.stdout + result.stderr
    assert result.code == case.code, output[-2000:]
    assert case.word.lower() in output.lower(), output[-2000:]
    assert "internal error" not in output and "Traceback" not in output
    assert ESC not in output and "\x07" not in output
    if case.code == 2:
        lines = result.stderr.splitlines()
        assert 1 <= len(lines) <= case.lines and all(line.startswith("coach: ") for line in lines), result.stderr
    assert result.seconds < TIMEOUT_S


def test_a_failed_export_keeps_the_session(place: Place) -> None:
    """Export into a read-only folder: the session is in the history and the message says how to export it."""
    _readonly_export_folder(place)
    result = run_coach(
        ["run", "notifications", "--answers", "good.md", "--export", "ro/x.md"], place.home, cwd=place.root,
        drop_dac=place.drop_dac,
    )
    assert result.code == 2 and "coach export" in result.stderr


# ---------------------------------------------------------------- properties

_marker = st.sampled_from(
    [f"<!-- step: {step} -->" for step in STEP_IDS]
    + ["<!-- coach:feedback -->", "<!-- /coach:feedback -->", "<!-- coach:timing elapsed_s=12 -->", "## heading"]
)
_fence = st.sampled_from(["```", "~~~", "````", "```python", "  ```", "~~~~ x"])
_control = st.sampled_from(["\x1b[2J", "\x1b]8;;http://x\x1b\\", "\x07", "\x00", "\r", "\x9b31m", "\u202e", "\x1b"])
_number = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["1e308", "nan", "inf", "-0", "10^9", "5 M", "1,5 millones"]),
)
_prose = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
_line = st.one_of(_marker, _fence, _control, _number, _prose, st.tuples(_prose, _control, _number).map("".join))
_sheets = st.lists(_line, max_size=40).map(
    lambda lines: "<!-- coach: scenario=notifications lang=en -->\n" + "\n".join(lines)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_sheets)
def test_any_sheet_parses_or_is_a_content_error(text: str) -> None:
    """Random markers, fences, control characters and numbers: a Sheet, or a one-line ContentError."""
    try:
        sheet = parse_sheet(text, "s.md")
    except ContentError as exc:
        assert all("\n" not in problem for problem in exc.problems)
        return
    for answer in sheet.answers.values():
        assert answer.step in STEP_IDS
        assert answer.elapsed_s is None or 0 <= answer.elapsed_s <= 86_400


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_sheets)
def test_any_parsed_sheet_scores_in_range(text: str) -> None:
    """Whatever a parsed sheet holds, the shipped rules score it within [0, 1]."""
    from coach.content import Library
    from coach.scoring import score_answers

    try:
        sheet = parse_sheet(text, "s.md")
    except ContentError:
        return
    content = _shipped_bundle(Library)
    result = score_answers({s: a.text for s, a in sheet.answers.items()}, content, "en")
    assert 0.0 <= result.total <= 1.0


_BUNDLE: list[object] = []


def _shipped_bundle(library: type) -> object:
    if not _BUNDLE:
        _BUNDLE.append(library(use_user_dir=False).bundle("notifications"))
    return _BUNDLE[0]


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from([*"ab .;\n", "é", "x" * 50]), max_size=600).map("".join))
def test_bound_sentences_caps_every_run_and_is_idempotent(text: str) -> None:
    """No run without a sentence end is longer than the cap, and bounding twice changes nothing."""
    bounded = bound_sentences(text, limit=200)
    for run in re.split(r"[.!?;][\"')\]]*\s+|\n[ \t]*\n", bounded):  # where the scorer surely splits
        assert len(run) <= 200 or len(text) <= 200
    assert bound_sentences(bounded, limit=200) == bounded
    assert MAX_SENTENCE_CHARS >= 1000


@given(text=st.lists(st.one_of(_control, st.characters(blacklist_categories=("Cs",))), max_size=60).map("".join))
def test_clean_leaves_no_control_character(text: str) -> None:
    """After clean(), no escape, no C0/C1 control but newline and tab, no bidi override."""
    out = clean(text)
    assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F for ch in out)
    assert not any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in out)


@given(text=st.text(max_size=100))
def test_markup_is_printed_as_text(text: str) -> None:
    """markup(x) renders back to clean(x) exactly: no tag is interpreted."""
    from rich.console import Console

    console = Console(width=1000, no_color=True, highlight=False, record=True, file=io.StringIO())
    console.print(markup(text), end="", soft_wrap=True)
    shown = console.export_text(clear=True)
    # rich.markup.escape doubles a trailing backslash (so it cannot escape a tag after it).
    assert shown.rstrip("\\") == clean(text).expandtabs(8).rstrip("\\") or "\t" in text
