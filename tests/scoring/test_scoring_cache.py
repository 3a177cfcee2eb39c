"""The disk cache of compiled rules: same scores, new file on any change, never a failure."""

from __future__ import annotations

from pathlib import Path

from coach.content import Bundle
from coach.scoring import score_answers, scorer
from coach.scoring.cache import cache_path, compile_cached

ANSWERS = {
    "failures": "We stop calling the vendor for a while and let a few test calls through later.",
    "estimates": "We expect 100 req/s, which gives 864k requests per day.",
    "api": "The same token twice returns the first result.",
}


def test_cached_rules_score_exactly_like_fresh_ones(tiny: Bundle, tmp_path: Path) -> None:
    """A cache miss writes the file; a hit reads it back; both give the same result."""
    scorer._CACHE.clear()
    fresh = score_answers(ANSWERS, tiny, "en").to_json()
    scorer._CACHE.clear()
    compile_cached(tiny, tmp_path)  # miss: compiles and writes
    assert cache_path(tiny, tmp_path).is_file()
    scorer._CACHE.clear()
    compile_cached(tiny, tmp_path)  # hit: reads the file
    assert score_answers(ANSWERS, tiny, "en").to_json() == fresh


def test_a_corrupt_cache_file_falls_back_to_compiling(tiny: Bundle, tmp_path: Path) -> None:
    """Garbage in the cache file is ignored; scoring still works."""
    cache_path(tiny, tmp_path).write_text("{not json", encoding="utf-8")
    scorer._CACHE.clear()
    compiled = compile_cached(tiny, tmp_path)
    assert compiled.items["failures"]


def test_an_unwritable_cache_dir_is_not_an_error(tiny: Bundle, tmp_path: Path) -> None:
    """When the cache cannot be written, rules are compiled in memory."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    scorer._CACHE.clear()
    assert compile_cached(tiny, blocker / "cache").items["failures"]


def test_the_cache_name_follows_the_content(tiny: Bundle, shipped_like: Bundle, tmp_path: Path) -> None:
    """Different matching data gives a different cache file (never a stale one)."""
    assert cache_path(tiny, tmp_path) != cache_path(shipped_like, tmp_path)
