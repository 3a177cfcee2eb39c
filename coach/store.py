"""Session history in SQLite (stdlib `sqlite3`) under the user data dir.

One database file, `coach.db`, in WAL mode so a second `coach` process can read
while another writes; every write is one short transaction, so an answer is on
disk the moment it is submitted. The schema grows through numbered migrations,
each recorded in `schema_migrations`. A file that is not a coach database, or
one written by a newer coach, is reported and never touched.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.asked import AskedQuestion, AskKind
from coach.errors import CoachError, Problem
from coach.messages import problem

if TYPE_CHECKING:
    from coach.review import CardReview

DB_NAME = "coach.db"
BUSY_TIMEOUT_MS = 10_000  # a second process waits this long for a lock instead of failing

# Numbered migrations: never edit one that shipped; add the next number.
MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            scenario TEXT NOT NULL,
            framework TEXT NOT NULL,
            lang TEXT NOT NULL,
            mode TEXT NOT NULL,
            timed INTEGER NOT NULL,
            speak INTEGER NOT NULL,
            steps TEXT NOT NULL,            -- JSON list of step ids, in order
            seed INTEGER NOT NULL,
            status TEXT NOT NULL,           -- active | finished
            started_at REAL NOT NULL,       -- unix time
            updated_at REAL NOT NULL,
            finished_at REAL,
            total REAL,
            level TEXT,
            result TEXT                     -- SheetScore.to_json(), as JSON
        );
        CREATE TABLE answers (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step TEXT NOT NULL,
            text TEXT NOT NULL,
            elapsed_s REAL,
            skipped INTEGER NOT NULL,
            submitted_at REAL NOT NULL,
            PRIMARY KEY (session_id, step)
        );
        CREATE TABLE drafts (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step TEXT NOT NULL,
            text TEXT NOT NULL,
            elapsed_s REAL NOT NULL,
            saved_at REAL NOT NULL,
            PRIMARY KEY (session_id, step)
        );
        CREATE TABLE step_scores (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step TEXT NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY (session_id, step)
        );
        CREATE TABLE item_results (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            step TEXT NOT NULL,
            covered INTEGER NOT NULL,
            PRIMARY KEY (session_id, item_id)
        );
        CREATE INDEX sessions_started ON sessions(started_at);
        """,
    ),
    (
        2,
        """
        CREATE TABLE questions (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,           -- 1, 2, ... in the order asked
            step TEXT NOT NULL,
            question TEXT NOT NULL,
            kind TEXT NOT NULL,             -- fact | design | unknown (coach.asked.AskKind)
            fact_id TEXT,
            answer TEXT NOT NULL,
            asked_at REAL NOT NULL,
            PRIMARY KEY (session_id, seq)
        );
        """,
    ),
    # migrations are applied by number, each once
    (
        3,
        """
        -- Spaced repetition (coach/review.py): one FSRS card per scenario and item (or probe),
        -- and every review of it.
        CREATE TABLE review_cards (
            scenario TEXT NOT NULL,
            key TEXT NOT NULL,              -- the item id, or a probe / failure card's key
            step TEXT NOT NULL,
            kind TEXT NOT NULL,             -- item | probe | failure
            card_id INTEGER NOT NULL UNIQUE,
            card TEXT NOT NULL,             -- fsrs Card.to_json()
            due_at REAL NOT NULL,           -- unix time, for the due queries
            reviews INTEGER NOT NULL,
            lapses INTEGER NOT NULL,        -- reviews rated Again
            last_rating INTEGER NOT NULL,
            PRIMARY KEY (scenario, key)
        );
        CREATE TABLE review_logs (
            card_id INTEGER NOT NULL,
            session_id TEXT,
            rating INTEGER NOT NULL,
            reviewed_at REAL NOT NULL,
            log TEXT NOT NULL               -- fsrs ReviewLog.to_json()
        );
        CREATE INDEX review_cards_due ON review_cards(due_at);
        CREATE INDEX review_logs_card ON review_logs(card_id, reviewed_at);
        """,
    ),
    # Follow-up probes (issue 10). Numbered apart from the migrations written in parallel
    # (clarifying questions 2, FSRS cards 3): versions need not be contiguous,
    # each is applied once, in version order.
    (
        10,
        """
        CREATE TABLE probe_answers (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,           -- 1, 2, ... in the order asked
            ref TEXT NOT NULL,              -- coach.probes reference: item#n, item#n+, card:id
            step TEXT NOT NULL,             -- the step the probe belongs to
            items TEXT NOT NULL,            -- JSON list of the item ids it is scored against
            after TEXT NOT NULL,            -- the step it was asked after, or 'end' (mock)
            text TEXT NOT NULL,
            elapsed_s REAL,
            answered_at REAL NOT NULL,
            PRIMARY KEY (session_id, seq)
        );
        """,
    ),
)
SCHEMA_VERSION = max(version for version, _ in MIGRATIONS)


class StoreError(CoachError):
    """The history database cannot be used (corrupt, locked, or from a newer coach)."""


@dataclass(frozen=True)
class StoredAnswer:
    """A submitted answer."""

    step: str
    text: str
    elapsed_s: float | None
    skipped: bool
    submitted_at: float


@dataclass(frozen=True)
class Draft:
    """The text being typed for a step, saved every few seconds."""

    step: str
    text: str
    elapsed_s: float
    saved_at: float


@dataclass(frozen=True)
class StoredProbe:
    """A follow-up probe asked in a session, with the answer."""

    seq: int
    ref: str
    step: str
    items: tuple[str, ...]
    after: str
    text: str
    elapsed_s: float | None


@dataclass(frozen=True)
class SessionRecord:
    """One session row, with its answers and drafts."""

    id: str
    scenario: str
    framework: str
    lang: str
    mode: str
    timed: bool
    speak: bool
    steps: tuple[str, ...]
    seed: int
    status: str
    started_at: float
    updated_at: float
    finished_at: float | None
    total: float | None
    level: str | None
    result: dict[str, Any] | None
    answers: dict[str, StoredAnswer] = field(default_factory=dict)
    drafts: dict[str, Draft] = field(default_factory=dict)
    questions: tuple[AskedQuestion, ...] = ()  # asked to the interviewer, in order
    probes: tuple[StoredProbe, ...] = ()  # follow-up probes answered, in order

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    @property
    def duration_s(self) -> float:
        """Time spent answering: the sum of the answers' elapsed times."""
        return sum(a.elapsed_s or 0.0 for a in self.answers.values())

    def next_step(self) -> str | None:
        """The first step without a submitted answer, or None when all are answered."""
        for step in self.steps:
            if step not in self.answers:
                return step
        return None


@dataclass(frozen=True)
class ScenarioTotals:
    """One scenario's finished sessions: how many, and the last, best and mean totals (0..1)."""

    scenario: str
    sessions: int
    last: float
    best: float
    mean: float


@dataclass(frozen=True)
class StepTrend:
    """One step's scores across finished sessions, oldest first."""

    step: str
    scores: tuple[float, ...]


@dataclass(frozen=True)
class MissedItem:
    """A checklist item and how often finished sessions missed it."""

    item_id: str
    step: str
    missed: int
    seen: int


@dataclass(frozen=True)
class StoredCard:
    """A review card as stored: where it belongs, when it is due, how it went."""

    scenario: str
    key: str
    step: str
    kind: str
    card_id: int
    card: str  # fsrs Card JSON
    due_at: float
    reviews: int
    lapses: int
    last_rating: int


def storage_problem(exc: sqlite3.Error, path: Path | str) -> Problem:
    """Word an sqlite3 error as one line: what happened to the history and what to do about it.

    A read-only folder or file is not called corrupt; a full disk says to free
    space; only real damage says to move the file aside.
    """
    name = str(path)
    text = str(exc).lower()
    folder = Path(name).parent if isinstance(path, Path) else None
    folder_writable = folder is None or os.access(folder, os.W_OK)
    file_writable = not isinstance(path, Path) or not path.exists() or os.access(path, os.W_OK)
    if "readonly" in text or "read-only" in text or "unable to open" in text or not folder_writable:
        if not folder_writable:
            return problem("store.folder_read_only", folder=folder)
        if not file_writable or "readonly" in text:
            return problem("store.read_only", name=name)
    if "full" in text or "disk i/o" in text or "too large" in text:
        return problem("store.full", name=name, error=exc)
    if "locked" in text or "busy" in text:
        return problem("store.busy", name=name, error=exc)
    return problem("store.damaged", name=name, error=exc)


def default_path() -> Path:
    """COACH_HOME/coach.db (or the platform data dir)."""
    from coach.content import user_data_dir

    return user_data_dir() / DB_NAME


def new_session_id(now: float) -> str:
    """A sortable, readable id: 20261128-0952-ab12."""
    stamp = time.strftime("%Y%m%d-%H%M", time.gmtime(now))
    return f"{stamp}-{uuid.uuid4().hex[:4]}"


class Store:
    """The history database. `path` may be ":memory:" in tests."""

    def __init__(self, path: Path | str, now: Callable[[], float] = time.time) -> None:
        self.path = path
        self._now = now
        self._name = str(path)
        if isinstance(path, Path):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path.parent}: cannot create the data folder ({exc.strerror})") from None
            if path.exists() and not path.is_file():
                raise StoreError(f"{path}: is not a file")
        try:
            self._db = sqlite3.connect(
                self._name, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{self._name}: cannot open the history database ({exc})") from None
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA foreign_keys = ON")
            # Read first: a file that is not SQLite fails here, before anything is written.
            self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if self._name != ":memory:":
                # A quick check reads every page: damage past the first page is found now,
                # not in the middle of an interview.
                verdict = self._db.execute("PRAGMA quick_check(1)").fetchone()[0]
                if verdict != "ok":
                    raise sqlite3.DatabaseError("database disk image is malformed (quick_check)")
                self._db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except StoreError:
            self._db.close()
            raise
        except sqlite3.Error as exc:
            self._db.close()
            raise StoreError(self._problem(exc)) from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _problem(self, exc: sqlite3.Error) -> Problem:
        """One line for a storage failure: what happened and what to do (read-only, full, damaged, busy)."""
        return storage_problem(exc, self.path)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # BEGIN IMMEDIATE takes the write lock up front, so two processes queue
        # (busy_timeout) instead of failing halfway through a transaction.
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(self._problem(exc)) from None
        try:
            yield self._db
        except sqlite3.IntegrityError:
            self._rollback()
            raise  # a clash the caller handles (create_session draws another id)
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(self._problem(exc)) from None
        except BaseException:
            self._rollback()
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(self._problem(exc)) from None

    def _rollback(self) -> None:
        with suppress(sqlite3.Error):  # a failed write may already have ended the transaction
            self._db.execute("ROLLBACK")

    # ---------------------------------------------------------------- schema

    def schema_version(self) -> int:
        row = self._db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        with self._write() as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and "schema_migrations" not in tables:
                raise StoreError(problem("store.not_coach", name=self._name))
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, applied_at REAL NOT NULL)"
            )
            done = {row[0] for row in db.execute("SELECT version FROM schema_migrations")}
            if done and max(done) > SCHEMA_VERSION:
                raise StoreError(problem("store.newer", name=self._name, schema=max(done), known=SCHEMA_VERSION))
            for version, sql in sorted(MIGRATIONS):
                if version in done:
                    continue
                for statement in _statements(sql):
                    db.execute(statement)
                db.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                    (version, self._now()),
                )

    # ---------------------------------------------------------------- writes

    def create_session(
        self,
        *,
        scenario: str,
        framework: str,
        lang: str,
        mode: str,
        timed: bool,
        speak: bool,
        steps: tuple[str, ...],
        seed: int,
        session_id: str | None = None,
    ) -> str:
        """Start a session row; returns its id."""
        now = self._now()
        for _ in range(20):  # ids are short to type; on the rare clash, draw another
            chosen = session_id or new_session_id(now)
            try:
                with self._write() as db:
                    db.execute(
                        "INSERT INTO sessions (id, scenario, framework, lang, mode, timed, speak, steps, seed,"
                        " status, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)",
                        (chosen, scenario, framework, lang, mode, int(timed), int(speak),
                         json.dumps(list(steps)), seed, now, now),
                    )
            except sqlite3.IntegrityError:
                if session_id is not None:
                    raise StoreError(f"session {session_id!r} already exists") from None
                continue
            return chosen
        raise StoreError(f"{self._name}: could not pick a free session id")

    def save_answer(
        self, session_id: str, step: str, text: str, elapsed_s: float | None, skipped: bool = False
    ) -> None:
        """Record a submitted answer and drop its draft, in one transaction."""
        now = self._now()
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO answers (session_id, step, text, elapsed_s, skipped, submitted_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, step, text, elapsed_s, int(skipped), now),
            )
            db.execute("DELETE FROM drafts WHERE session_id = ? AND step = ?", (session_id, step))
            db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (now, session_id))

    def save_probe(self, session_id: str, probe: StoredProbe) -> None:
        """Record a probe's answer the moment it is submitted."""
        now = self._now()
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO probe_answers (session_id, seq, ref, step, items, after, text, elapsed_s,"
                " answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, probe.seq, probe.ref, probe.step, json.dumps(list(probe.items)), probe.after,
                 probe.text, probe.elapsed_s, now),
            )
            db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (now, session_id))

    def probes(self, session_id: str) -> tuple[StoredProbe, ...]:
        """A session's probe answers, in the order asked."""
        rows = self._db.execute(
            "SELECT * FROM probe_answers WHERE session_id = ? ORDER BY seq", (session_id,)
        ).fetchall()
        return tuple(
            StoredProbe(r["seq"], r["ref"], r["step"], tuple(json.loads(r["items"])), r["after"], r["text"],
                        r["elapsed_s"])
            for r in rows
        )

    def save_draft(self, session_id: str, step: str, text: str, elapsed_s: float) -> None:
        """Keep the text being typed (and the time spent so far) for a resume."""
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO drafts (session_id, step, text, elapsed_s, saved_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (session_id, step, text, elapsed_s, self._now()),
            )

    def save_question(self, session_id: str, asked: AskedQuestion) -> None:
        """Record a question asked to the interviewer (and its answer), after the others."""
        with self._write() as db:
            row = db.execute("SELECT max(seq) FROM questions WHERE session_id = ?", (session_id,)).fetchone()
            db.execute(
                "INSERT INTO questions (session_id, seq, step, question, kind, fact_id, answer, asked_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, int(row[0] or 0) + 1, asked.step, asked.question, asked.kind.value,
                 asked.fact_id, asked.answer, self._now()),
            )

    def questions(self, session_id: str) -> tuple[AskedQuestion, ...]:
        """The questions a session asked, in order (a kind this coach does not know is skipped)."""
        out = []
        for row in self._db.execute(
            "SELECT * FROM questions WHERE session_id = ? ORDER BY seq", (session_id,)
        ):
            try:
                kind = AskKind(row["kind"])
            except ValueError:
                continue
            out.append(AskedQuestion(row["step"], row["question"], kind, row["fact_id"], row["answer"]))
        return tuple(out)

    def finish_session(self, session_id: str, result: Mapping[str, Any]) -> None:
        """Store the final score (SheetScore.to_json()) and mark the session finished."""
        now = self._now()
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET status = 'finished', finished_at = ?, updated_at = ?,"
                " total = ?, level = ?, result = ? WHERE id = ?",
                (now, now, result.get("total"), _level_id(result.get("level")),
                 json.dumps(result, ensure_ascii=False), session_id),
            )
            db.execute("DELETE FROM step_scores WHERE session_id = ?", (session_id,))
            db.execute("DELETE FROM item_results WHERE session_id = ?", (session_id,))
            steps = self._steps_of(session_id)
            for step in result.get("steps", []):
                if step["step"] not in steps:
                    continue  # a drill stores only the step it practised
                db.execute(
                    "INSERT INTO step_scores (session_id, step, score) VALUES (?, ?, ?)",
                    (session_id, step["step"], step["score"]),
                )
                for item in step.get("items", []):
                    db.execute(
                        "INSERT OR REPLACE INTO item_results (session_id, item_id, step, covered)"
                        " VALUES (?, ?, ?, ?)",
                        (session_id, item["id"], step["step"], int(bool(item["covered"]))),
                    )

    def save_reviews(self, session_id: str | None, reviews: Iterable[CardReview]) -> None:
        """Store reviewed cards and their logs, in one transaction."""
        with self._write() as db:
            for review in reviews:
                again = int(int(review.rating) == 1)
                db.execute(
                    "INSERT INTO review_cards (scenario, key, step, kind, card_id, card, due_at, reviews,"
                    " lapses, last_rating) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"
                    " ON CONFLICT (scenario, key) DO UPDATE SET step = excluded.step, card = excluded.card,"
                    " due_at = excluded.due_at, reviews = reviews + 1, lapses = lapses + excluded.lapses,"
                    " last_rating = excluded.last_rating",
                    (review.scenario, review.key, review.step, review.kind, review.card_id, review.card_json,
                     review.due.timestamp(), again, int(review.rating)),
                )
                db.execute(
                    "INSERT INTO review_logs (card_id, session_id, rating, reviewed_at, log) VALUES (?, ?, ?, ?, ?)",
                    (review.card_id, session_id, int(review.rating), review.reviewed_at.timestamp(),
                     review.log_json),
                )

    def now(self) -> float:
        """The store's clock (unix time; injected in tests)."""
        return self._now()

    def _steps_of(self, session_id: str) -> tuple[str, ...]:
        row = self._db.execute("SELECT steps FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return tuple(json.loads(row[0])) if row else ()

    # ---------------------------------------------------------------- reads

    def session(self, session_id: str) -> SessionRecord:
        """One session with its answers and drafts; unknown id is a StoreError."""
        row = self._db.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise StoreError(problem("store.unknown_session", sid=session_id))
        answers = {
            a["step"]: StoredAnswer(a["step"], a["text"], a["elapsed_s"], bool(a["skipped"]), a["submitted_at"])
            for a in self._db.execute("SELECT * FROM answers WHERE session_id = ?", (session_id,))
        }
        drafts = {
            d["step"]: Draft(d["step"], d["text"], d["elapsed_s"], d["saved_at"])
            for d in self._db.execute("SELECT * FROM drafts WHERE session_id = ?", (session_id,))
        }
        return replace(
            _record(row, answers, drafts), questions=self.questions(session_id), probes=self.probes(session_id)
        )

    def sessions(self, *, status: str | None = None, limit: int | None = None) -> list[SessionRecord]:
        """Sessions, newest first (answers included, drafts not)."""
        sql = "SELECT * FROM sessions"
        params: list[Any] = []
        if status is not None:
            sql += " WHERE status = ?"
            params.append(status)
        sql += " ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self._db.execute(sql, params).fetchall()
        out = []
        for row in rows:
            answers = {
                a["step"]: StoredAnswer(
                    a["step"], a["text"], a["elapsed_s"], bool(a["skipped"]), a["submitted_at"]
                )
                for a in self._db.execute("SELECT * FROM answers WHERE session_id = ?", (row["id"],))
            }
            out.append(_record(row, answers, {}))
        return out

    def latest_unfinished(self) -> SessionRecord | None:
        """The most recent session that was not finished, for `coach resume`."""
        found = self.sessions(status="active", limit=1)
        return self.session(found[0].id) if found else None

    def step_trends(self, scenario: str | None = None) -> list[StepTrend]:
        """Per-step scores of finished sessions, oldest first."""
        sql = (
            "SELECT s.step, s.score FROM step_scores s JOIN sessions x ON x.id = s.session_id"
            " WHERE x.status = 'finished'"
        )
        params: list[Any] = []
        if scenario:
            sql += " AND x.scenario = ?"
            params.append(scenario)
        sql += " ORDER BY x.started_at, x.id"
        scores: dict[str, list[float]] = {}
        for row in self._db.execute(sql, params):
            scores.setdefault(row["step"], []).append(row["score"])
        return [StepTrend(step, tuple(values)) for step, values in scores.items()]

    def scenario_totals(self) -> list[ScenarioTotals]:
        """Per scenario, the totals of its finished sessions (scenarios by id)."""
        sql = (
            "SELECT scenario, total FROM sessions WHERE status = 'finished' AND total IS NOT NULL"
            " ORDER BY started_at, id"
        )
        totals: dict[str, list[float]] = {}
        for row in self._db.execute(sql):
            totals.setdefault(row["scenario"], []).append(float(row["total"]))
        return [
            ScenarioTotals(scenario, len(values), values[-1], max(values), sum(values) / len(values))
            for scenario, values in sorted(totals.items())
        ]

    def most_missed(
        self, *, scenario: str | None = None, step: str | None = None, limit: int = 10
    ) -> list[MissedItem]:
        """Checklist items missed most often in finished sessions (ties by id)."""
        sql = (
            "SELECT i.item_id, i.step, sum(1 - i.covered) AS missed, count(*) AS seen"
            " FROM item_results i JOIN sessions x ON x.id = i.session_id WHERE x.status = 'finished'"
        )
        params: list[Any] = []
        if scenario:
            sql += " AND x.scenario = ?"
            params.append(scenario)
        if step:
            sql += " AND i.step = ?"
            params.append(step)
        sql += " GROUP BY i.item_id, i.step HAVING missed > 0 ORDER BY missed DESC, i.item_id LIMIT ?"
        params.append(limit)
        return [
            MissedItem(row["item_id"], row["step"], int(row["missed"]), int(row["seen"]))
            for row in self._db.execute(sql, params)
        ]


    def cards(self, scenario: str | None = None) -> list[StoredCard]:
        """Every review card (of one scenario), soonest due first."""
        return self._cards("", [], scenario)

    def due_cards(self, until: float, scenario: str | None = None) -> list[StoredCard]:
        """Cards due at or before `until` (unix time), soonest first."""
        return self._cards("due_at <= ?", [until], scenario)

    def lapsing(self, *, scenario: str | None = None, min_lapses: int = 2, limit: int = 10) -> list[StoredCard]:
        """Cards missed (rated Again) at least `min_lapses` times, most lapses first."""
        cards = self._cards("lapses >= ?", [min_lapses], scenario)
        return sorted(cards, key=lambda c: (-c.lapses, c.scenario, c.key))[:limit]

    def _cards(self, where: str, params: list[Any], scenario: str | None) -> list[StoredCard]:
        clauses = [where] if where else []
        if scenario:
            clauses.append("scenario = ?")
            params = [*params, scenario]
        sql = "SELECT * FROM review_cards"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY due_at, scenario, key"
        return [
            StoredCard(
                row["scenario"], row["key"], row["step"], row["kind"], int(row["card_id"]), row["card"],
                float(row["due_at"]), int(row["reviews"]), int(row["lapses"]), int(row["last_rating"]),
            )
            for row in self._db.execute(sql, params)
        ]


def _record(row: sqlite3.Row, answers: dict[str, StoredAnswer], drafts: dict[str, Draft]) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        scenario=row["scenario"],
        framework=row["framework"],
        lang=row["lang"],
        mode=row["mode"],
        timed=bool(row["timed"]),
        speak=bool(row["speak"]),
        steps=tuple(json.loads(row["steps"])),
        seed=int(row["seed"]),
        status=row["status"],
        started_at=row["started_at"],
        updated_at=row["updated_at"],
        finished_at=row["finished_at"],
        total=row["total"],
        level=row["level"],
        result=json.loads(row["result"]) if row["result"] else None,
        answers=answers,
        drafts=drafts,
    )


def _level_id(level: Any) -> str | None:
    """The level id of a result: the `level` object of SheetScore.to_json(), or a bare id."""
    if isinstance(level, Mapping):
        value = level.get("id")
        return str(value) if value is not None else None
    return None if level is None else str(level)


def _statements(sql: str) -> list[str]:
    # executescript() would COMMIT our transaction; run the statements one by one instead.
    out = []
    for part in sql.split(";"):
        lines = [line.split("--")[0] for line in part.strip().splitlines()]
        statement = "\n".join(lines).strip()
        if statement:
            out.append(statement)
    return out
