"""The history database: answers on disk at once, drafts, migrations, corruption, two writers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coach.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError

STEPS = ("opening", "requirements", "closing")


def _new(store: Store, **extra: object) -> str:
    args: dict[str, object] = dict(
        scenario="notifications", framework="nine-step", lang="es", mode="mock",
        timed=True, speak=False, steps=STEPS, seed=7,
    )
    args.update(extra)
    return store.create_session(**args)  # type: ignore[arg-type]


def _result(total: float, covered: dict[str, bool]) -> dict[str, object]:
    return {
        "total": total,
        "level": "solid",
        "steps": [
            {"step": "requirements", "score": total,
             "items": [{"id": item, "covered": ok, "evidence": None} for item, ok in covered.items()]},
            {"step": "estimates", "score": 0.0, "items": [{"id": "est.qps", "covered": False}]},
        ],
    }


def test_answer_is_readable_by_another_connection_at_once(tmp_path: Path) -> None:
    """A submitted answer is committed: a second connection sees it without any close."""
    path = tmp_path / "coach.db"
    store = Store(path)
    sid = _new(store)
    store.save_answer(sid, "opening", "hola", 200.0)
    other = Store(path)
    assert other.session(sid).answers["opening"].text == "hola"
    assert other.session(sid).next_step() == "requirements"


def test_draft_is_kept_until_the_answer_replaces_it(tmp_path: Path) -> None:
    """A draft survives for resume, and submitting the step drops it."""
    store = Store(tmp_path / "coach.db")
    sid = _new(store)
    store.save_draft(sid, "opening", "a medias", 42.0)
    assert store.session(sid).drafts["opening"].elapsed_s == 42.0
    store.save_answer(sid, "opening", "completo", 60.0)
    assert store.session(sid).drafts == {}


def test_migrations_are_recorded_and_not_rerun(tmp_path: Path) -> None:
    """Opening twice applies each numbered migration once and records it."""
    path = tmp_path / "coach.db"
    Store(path).close()
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    rows = sqlite3.connect(path).execute("SELECT version FROM schema_migrations").fetchall()
    assert [r[0] for r in rows] == [version for version, _ in MIGRATIONS]


def test_database_uses_wal(tmp_path: Path) -> None:
    """WAL lets a reader and a writer in two processes work at once."""
    path = tmp_path / "coach.db"
    Store(path).close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_corrupt_database_is_reported_and_left_untouched(tmp_path: Path) -> None:
    """Garbage in coach.db gives a clear error and the bytes stay as they were."""
    path = tmp_path / "coach.db"
    garbage = b"this is not sqlite at all\n" * 200
    path.write_bytes(garbage)
    with pytest.raises(StoreError, match=r"unreadable.*left untouched"):
        Store(path)
    assert path.read_bytes() == garbage


def test_foreign_sqlite_file_is_not_adopted(tmp_path: Path) -> None:
    """An SQLite file with other tables is refused, not migrated into."""
    path = tmp_path / "coach.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (x)")
    with pytest.raises(StoreError, match="not a coach history database"):
        Store(path)
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("notes",)]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    """A database migrated by a newer coach is not used by this one."""
    path = tmp_path / "coach.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO schema_migrations VALUES (?, 0)", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer coach"):
        Store(path)


def test_unknown_session_names_history() -> None:
    """Asking for a session that does not exist points at `coach history`."""
    with pytest.raises(StoreError, match="coach history"):
        Store(":memory:").session("nope")


def test_finish_feeds_trends_and_most_missed() -> None:
    """Finished sessions give per-step trends and the items missed most; steps not run are ignored."""
    ticks = iter(range(100))
    store = Store(":memory:", now=lambda: float(next(ticks)))
    first = _new(store)
    store.finish_session(first, _result(0.5, {"req.functional": True, "req.availability": False}))
    second = _new(store)
    store.finish_session(second, _result(0.75, {"req.functional": False, "req.availability": False}))
    _new(store)  # unfinished: never counted
    trends = {t.step: t.scores for t in store.step_trends()}
    assert trends == {"requirements": (0.5, 0.75)}
    missed = store.most_missed()
    assert [(m.item_id, m.missed, m.seen) for m in missed] == [
        ("req.availability", 2, 2), ("req.functional", 1, 2)
    ]
    assert store.session(second).total == 0.75


def test_latest_unfinished_is_the_newest_active() -> None:
    """`coach resume` with no id picks the most recent unfinished session."""
    ticks = iter(range(100))
    store = Store(":memory:", now=lambda: float(next(ticks)))
    old = _new(store, session_id="a")
    _new(store, session_id="b")
    store.finish_session("b", _result(1.0, {}))
    assert store.latest_unfinished() is not None
    assert store.latest_unfinished().id == old  # type: ignore[union-attr]


_WRITER = """
import sys
from pathlib import Path
from coach.store import Store
store = Store(Path(sys.argv[1]))
for i in range(40):
    sid = store.create_session(scenario="notifications", framework="nine-step", lang="en",
        mode="mock", timed=False, speak=False, steps=("opening",), seed=i,
        session_id=f"{sys.argv[2]}-{i}")
    store.save_draft(sid, "opening", "x" * i, float(i))
    store.save_answer(sid, "opening", "y" * i, float(i))
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two coach processes writing the same database both land every row."""
    path = tmp_path / "coach.db"
    Store(path).close()
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), name]) for name in ("p", "q")
    ]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    store = Store(path)
    sessions = store.sessions()
    assert len(sessions) == 80
    assert all(len(s.answers) == 1 for s in sessions)
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_newer_coach_migrates_an_older_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database from this version gains the next numbered migration and keeps its sessions."""
    import coach.store as store_module

    path = tmp_path / "coach.db"
    old = Store(path)
    sid = _new(old)
    old.save_answer(sid, "opening", "hola", 200.0)
    old.close()
    extra = (SCHEMA_VERSION + 1, "ALTER TABLE sessions ADD COLUMN note TEXT")
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, extra))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    upgraded = Store(path)
    assert upgraded.schema_version() == SCHEMA_VERSION + 1
    assert upgraded.session(sid).answers["opening"].text == "hola"
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(sessions)")]
    assert "note" in columns


def test_session_id_clash_draws_another(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two sessions in the same minute with the same random suffix still get distinct ids."""
    import coach.store as store_module

    ids = iter(["20261128-1000-aaaa", "20261128-1000-aaaa", "20261128-1000-bbbb"])
    monkeypatch.setattr(store_module, "new_session_id", lambda now: next(ids))
    store = Store(":memory:")
    assert _new(store) == "20261128-1000-aaaa"
    assert _new(store) == "20261128-1000-bbbb"
    with pytest.raises(StoreError, match="already exists"):
        _new(store, session_id="20261128-1000-aaaa")
