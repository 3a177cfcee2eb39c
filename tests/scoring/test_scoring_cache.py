"""The rule cache (coach/scoring/cache.py): same scores from the file, new file on any change, never a failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.content import Bundle, Library
from coach.scoring import cache, cues, score_answers

ANSWERS = {
    "failures": "We stop calling the vendor for a while and let a few test calls through later.",
    "estimates": "We expect 100 req/s, which gives 864k requests per day.",
    "api": "The same token twice returns the first result.",
}


def _load(scenario_id: str) -> Bundle:
    return Library(use_user_dir=False).bundle(scenario_id)


def test_the_memory_tier_compiles_once_per_bundle(tiny: Bundle) -> None:
    """The same bundle object gets the same compiled rules; forget() starts over."""
    first = cache.compile_bundle(tiny)
    assert cache.compile_bundle(tiny) is first
    cache.forget()
    assert cache.compile_bundle(tiny) is not first


def test_rules_read_back_score_exactly_like_fresh_ones(tiny: Bundle) -> None:
    """The file format round-trips: rules read back from JSON score the same."""
    compiled = cache.compile_bundle(tiny)
    restored = cache.from_json(json.loads(json.dumps(cache.to_json(compiled))))
    assert restored.correct.known == compiled.correct.known
    assert score_answers(ANSWERS, restored, "en").to_json() == score_answers(ANSWERS, tiny, "en").to_json()


def test_a_miss_writes_the_file_and_a_hit_loads_no_content(home: Path) -> None:
    """The cold path loads and writes; the warm path reads the file and never calls the loader."""
    loads: list[str] = []

    def load(scenario_id: str) -> Bundle:
        loads.append(scenario_id)
        return _load(scenario_id)

    cold = cache.rules_for("notifications", None, load)
    (path,) = (home / "cache").glob("rules-notifications-*.json")
    warm = cache.rules_for("notifications", None, load)
    assert loads == ["notifications"]
    assert json.dumps(cache.to_json(warm[0])) == json.dumps(cache.to_json(cold[0]))
    assert warm[1] == cold[1]
    assert path == cache.cache_path(home / "cache", "notifications", None)


def test_a_corrupt_file_falls_back_to_compiling(home: Path) -> None:
    """Garbage in the cache file is ignored and replaced."""
    path = cache.cache_path(home / "cache", "notifications", None)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    compiled, _ = cache.rules_for("notifications", None, _load)
    assert compiled.items["failures"]
    assert json.loads(path.read_text("utf-8"))["compiled"]["scenario"] == "notifications"


def test_an_unwritable_home_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the cache cannot be written, rules are compiled in memory."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COACH_HOME", str(blocker))
    assert cache.rules_for("notifications", None, _load)[0].items["failures"]


def test_the_key_follows_the_content_and_the_scenario(home: Path, tmp_path: Path) -> None:
    """A user content file or another scenario gives another file name (never a stale one)."""
    before = cache.cache_path(home / "cache", "notifications", None)
    assert cache.cache_path(home / "cache", "chat", None) != before
    user = tmp_path / "content"
    (user / "scenarios").mkdir(parents=True)
    (user / "scenarios" / "extra.toml").write_text("# a user file\n", encoding="utf-8")
    assert cache.cache_path(home / "cache", "notifications", user) != before


def test_a_hit_brings_back_the_compiled_cue_sets(home: Path) -> None:
    """The file holds the cue sets compiled from languages/*.toml: a read puts equal ones in use."""
    cache.rules_for("notifications", None, _load)
    compiled = cues.compile_languages()
    assert cache.read(cache.cache_path(home / "cache", "notifications", None)) is not None
    assert cues.languages() == compiled
    assert [list(language.patterns) for language in cues.languages()] == [
        list(c.patterns) for c in compiled
    ]
