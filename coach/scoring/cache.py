"""The one cache of compiled rules: what it keys on, where it lives, how it is invalidated.

Compiling a scenario's matching rules (stemming a few thousand phrases, the typo
index) costs about 100 ms, and loading its content (TOML, pydantic validation)
more than scoring a sheet. Two tiers, both here, nothing else caches rules:

- **In memory** (`compile_bundle`): per process, per loaded `Bundle` object.
  Keyed by the object's identity; the entry holds the bundle itself, so its id
  cannot be reused while the entry lives. At most 32 bundles, then it starts
  over. A bundle is never mutated after loading, so an entry never goes stale.
- **On disk** (`rules_for`, the path of `coach score`): one JSON file per
  scenario, `<home>/cache/rules-<scenario>-<key>.json` (home: `coach.home.user_data_dir`,
  COACH_HOME else the platform's user data dir), holding the compiled rules, the texts a
  report shows (`Labels`) and the compiled cue sets of languages/*.toml
  (`cues.languages`, handed to `cues.use_languages` on a read), so a warm run
  loads no content and no pydantic and compiles no cue file.
  The key is a hash of: the scenario id; the raw bytes of every content file
  the loader would read (shipped frameworks, scenarios and languages, then the
  user content directory), with their names; the source of every module of
  coach/scoring and of coach/probes.py; the stemmer in use; and `FORMAT`.

Invalidation: nothing is ever updated in place. Any change to a key input
(editing content, upgrading coach) gives a new file name, so a stale file is
never read; the cold path (load, validate, compile) runs and writes the new
file atomically. A missing, corrupt or unreadable file, or a home that cannot
be written, only costs the cold path. When the key cannot be computed (a user
content file that is not a plain file within the size cap: the loader reports
and skips it) the disk tier is skipped. JSON, not pickle: a cache file never
runs code. Bump `FORMAT` whenever what a file holds changes.

The per-word memos of words.py and typos.py are not rule caches: they map
a word to its stems or spelling, never go stale, and are documented there
(words.WORD_MEMO_LIMIT).

This module imports no pydantic and no coach.content.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import home
from coach.scoring import cues, words
from coach.scoring.level import LevelSpec
from coach.scoring.matcher import CompiledItem, Phrase
from coach.scoring.rules import CompiledBundle, compile_rules
from coach.scoring.typos import Corrector

if TYPE_CHECKING:
    from coach.content import Bundle
    from coach.i18n import Lang
    from coach.probes import ProbeText

FORMAT = 13  # 13: the languages' past_endings; 12: the lexicon; 11: items' decided_with; 10: the compiled cue sets too; 9: one file per scenario (rules + labels)
BiText = dict[str, str]  # lang -> text
_MEMORY_SIZE = 32
_MEMORY: dict[int, tuple[Bundle, CompiledBundle]] = {}


def compile_bundle(content: Bundle) -> CompiledBundle:
    """The compiled rules of a loaded bundle, compiled once per bundle object (the in-memory tier)."""
    cached = _MEMORY.get(id(content))
    if cached is not None and cached[0] is content:
        return cached[1]
    compiled = compile_rules(content)
    if len(_MEMORY) >= _MEMORY_SIZE:
        _MEMORY.clear()
    _MEMORY[id(content)] = (content, compiled)
    return compiled


def forget() -> None:
    """Empty the in-memory tier (tests that measure a fresh compile)."""
    _MEMORY.clear()


@dataclass(frozen=True)
class Labels:
    """The texts a score report shows, in both languages."""

    scenario_title: BiText
    steps: dict[str, tuple[int, BiText]]  # step id -> (number, title)
    items: dict[str, tuple[BiText, BiText]]  # item id -> (label, hint)
    levels: dict[str, BiText]
    probes: tuple[ProbeText, ...] = field(default=())  # follow-ups (coach.probes), for `followups`

    def step_title(self, step_id: str, lang: Lang) -> str:
        number, title = self.steps.get(step_id, (0, {}))
        prefix = f"{number}. " if number else ""
        return f"{prefix}{title.get(lang, step_id)}"

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario_title": self.scenario_title,
            "steps": {k: [n, t] for k, (n, t) in self.steps.items()},
            "items": {k: [label, hint] for k, (label, hint) in self.items.items()},
            "levels": self.levels,
            "probes": [probe.to_json() for probe in self.probes],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Labels:
        from coach.probes import (
            ProbeText,  # coach.probes imports coach.scoring: never at module level here
        )

        return cls(
            scenario_title=dict(data["scenario_title"]),
            steps={k: (int(v[0]), dict(v[1])) for k, v in data["steps"].items()},
            items={k: (dict(v[0]), dict(v[1])) for k, v in data["items"].items()},
            levels={k: dict(v) for k, v in data["levels"].items()},
            probes=tuple(ProbeText.from_json(p) for p in data.get("probes", [])),
        )


def labels_of(content: Bundle) -> Labels:
    """The report texts of a loaded bundle."""
    from coach.probes import probe_table

    langs: tuple[Lang, ...] = ("es", "en")
    framework = content.framework
    return Labels(
        scenario_title={lang: content.scenario.title(lang) for lang in langs},
        steps={step.id: (step.number, {lang: step.title(lang) for lang in langs}) for step in framework.steps},
        items={
            item.id: ({lang: item.label(lang) for lang in langs}, {lang: item.hint(lang) for lang in langs})
            for _, item in content.all_items()
        },
        levels={level.id: {lang: level.label(lang) for lang in langs} for level in framework.scoring.levels},
        probes=probe_table(content),
    )


def user_content_dir(content_dir: Path | None) -> Path | None:
    """The user content directory the loader reads: --content-dir, else `<home>/content` (coach.home)."""
    return content_dir if content_dir is not None else home.user_content_dir()


def content_digest(content_dir: Path | None) -> str:
    """A hash of the raw bytes of every content file the loader reads, in its order."""
    digest = hashlib.sha256()
    for kind in ("frameworks", "scenarios", "languages"):
        shipped = resources.files(f"coach.content_data.{kind}")
        for entry in sorted(shipped.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                digest.update(f"<coach>/{kind}/{entry.name}\0".encode())
                digest.update(entry.read_bytes())
        user = user_content_dir(content_dir) if kind != "languages" else None  # cues read shipped ones only
        if user is not None and (user / kind).is_dir():
            for path in sorted((user / kind).glob("*.toml")):
                digest.update(f"{path}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def code_digest() -> str:
    """A hash of everything the compiled form depends on besides content: format, scoring code, stemmer."""
    digest = hashlib.sha256(f"{FORMAT}\0{words.STEMMER}\0".encode())
    scoring = Path(__file__).parent
    for path in [*sorted(scoring.glob("*.py")), scoring.parent / "probes.py"]:
        digest.update(f"{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_path(directory: Path, scenario_id: str, content_dir: Path | None) -> Path:
    """The cache file of a scenario for the content and code on disk now."""
    safe = "".join(ch for ch in scenario_id if ch.isalnum() or ch in "-_")[:40]
    key = hashlib.sha256(
        (scenario_id + "\0" + content_digest(content_dir) + code_digest()).encode()
    ).hexdigest()[:24]
    return directory / f"rules-{safe}-{key}.json"


def plain_user_files(directory: Path | None) -> bool:
    """True when every user content file is a regular file within the content cap (so it can be hashed)."""
    import stat

    from coach.files import CONTENT_MAX_BYTES

    if directory is None:
        return True
    for kind in ("frameworks", "scenarios"):
        for path in (directory / kind).glob("*.toml") if (directory / kind).is_dir() else ():
            try:
                info = path.stat()
            except OSError:
                return False
            if not stat.S_ISREG(info.st_mode) or info.st_size > CONTENT_MAX_BYTES:
                return False
    return True


def rules_for(
    scenario_id: str, content_dir: Path | None, load: Callable[[str], Bundle]
) -> tuple[CompiledBundle, Labels]:
    """The compiled rules and report texts of a scenario: from the cache file, else loaded and compiled.

    `load` loads and validates the scenario's bundle (its errors name the file);
    it runs only on the cold path. A bad --content-dir always reaches `load`.
    """
    path: Path | None = None
    if (content_dir is None or content_dir.is_dir()) and plain_user_files(user_content_dir(content_dir)):
        try:
            path = cache_path(home.user_data_dir() / "cache", scenario_id, content_dir)
        except OSError:
            path = None
        found = read(path) if path is not None else None
        if found is not None:
            return found
    content = load(scenario_id)
    compiled, labels = compile_bundle(content), labels_of(content)
    if path is not None:
        write(path, compiled, labels)
    return compiled, labels


def read(path: Path) -> tuple[CompiledBundle, Labels] | None:
    """The compiled rules and labels of a cache file; None when missing or unreadable."""
    try:
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        found = from_json(data["compiled"]), Labels.from_json(data["labels"])
        languages = tuple(cues.Language.from_json(language) for language in data["cues"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    cues.use_languages(languages)
    return found


def write(path: Path, compiled: CompiledBundle, labels: Labels) -> None:
    """Write a cache file atomically (a read-only home only costs the cold path next run)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two processes never share a temp file
        written = {
            "compiled": to_json(compiled),
            "labels": labels.to_json(),
            "cues": [language.to_json() for language in cues.languages()],
        }
        tmp.write_text(json.dumps(written), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


def _phrase(raw: list[Any]) -> Phrase:
    return (int(raw[0]), tuple(raw[1]), bool(raw[2]), int(raw[3]))


def to_json(compiled: CompiledBundle) -> dict[str, Any]:
    """The compiled rules as JSON data (the `compiled` part of a cache file)."""

    def item(it: CompiledItem) -> dict[str, Any]:
        return {
            "id": it.id,
            "step": it.step,
            "weight": it.weight,
            "needs_number": it.needs_number,
            "phrases": it.phrases,
            "together": it.together,
            "exclude": it.exclude,
            "quantities": sorted(it.quantities),
            "named": sorted(it.named),
            "allow_cues": sorted(it.allow_cues),
            "level": it.level,
            "justify": it.justify,
            "figure": list(it.figure) if it.figure else None,
            "decided_with": it.decided_with,
        }

    correct = compiled.correct
    return {
        "scenario": compiled.scenario,
        "steps": compiled.steps,
        "items": {step: [item(it) for it in items] for step, items in compiled.items.items()},
        "budgets": dict(compiled.budgets),
        "windows": {step: list(window) for step, window in compiled.windows.items()},
        "words_per_minute": dict(compiled.words_per_minute),
        "tolerance": compiled.tolerance,
        "levels": compiled.levels,
        "wanted": [sorted(compiled.wanted[0]), sorted(compiled.wanted[1])],
        "justify": compiled.justify,
        "tradeoff": compiled.tradeoff,
        "level_spec": compiled.level_spec.to_json() if compiled.level_spec else None,
        "cover_factor": compiled.cover_factor,
        "grounded": sorted(compiled.grounded),
        "anchors": sorted(compiled.anchors),
        "anchor_stems": [sorted(compiled.anchor_stems[0]), sorted(compiled.anchor_stems[1])],
        "grounding_limits": [compiled.min_mentions, compiled.per_words, compiled.min_words],
        "lexicon": [sorted(compiled.lexicon[0]), sorted(compiled.lexicon[1])],
        "correct": {
            "known": sorted(correct.known - correct.shared),  # the shared words come back from typos.py
            "targets": sorted(correct.targets),
            "deleted": correct.deleted,
        },
    }


def from_json(data: dict[str, Any]) -> CompiledBundle:
    """The compiled rules of `to_json` data."""
    items = {
        step: tuple(
            CompiledItem(
                id=raw["id"],
                step=raw["step"],
                weight=float(raw["weight"]),
                needs_number=bool(raw["needs_number"]),
                phrases=tuple(_phrase(p) for p in raw["phrases"]),
                together=tuple(
                    tuple(tuple(_phrase(p) for p in slot) for slot in rule) for rule in raw["together"]
                ),
                exclude=tuple(_phrase(p) for p in raw["exclude"]),
                quantities=frozenset(raw["quantities"]),
                named=frozenset(raw.get("named", ())),
                allow_cues=frozenset(raw.get("allow_cues", ())),
                level=str(raw.get("level", "mid")),
                justify=tuple(_phrase(p) for p in raw.get("justify", ())),
                figure=(
                    (str(raw["figure"][0]), float(raw["figure"][1]), float(raw["figure"][2]))
                    if raw.get("figure") else None
                ),
                decided_with=tuple(_phrase(p) for p in raw.get("decided_with", ())),
            )
            for raw in raws
        )
        for step, raws in data["items"].items()
    }
    raw_correct = data["correct"]
    # [target, index] pairs are used as read (unpacked, never hashed): converting 11k lists to
    # tuples costs more than the rest of the load
    deleted: dict[str, list[tuple[str, int]]] = raw_correct["deleted"]
    if not isinstance(deleted, dict):
        raise TypeError("deleted")
    correct = Corrector.restore(frozenset(raw_correct["known"]), frozenset(raw_correct["targets"]), deleted)
    return CompiledBundle(
        scenario=data["scenario"],
        steps=tuple(data["steps"]),
        items=items,
        budgets={k: int(v) for k, v in data["budgets"].items()},
        windows={k: (int(v[0]), int(v[1])) for k, v in data["windows"].items()},
        words_per_minute={k: int(v) for k, v in data["words_per_minute"].items()},
        tolerance=float(data["tolerance"]),
        levels=tuple((str(level), float(minimum)) for level, minimum in data["levels"]),
        correct=correct,
        wanted=(frozenset(data["wanted"][0]), frozenset(data["wanted"][1])),
        justify=tuple(_phrase(p) for p in data["justify"]),
        tradeoff=tuple(_phrase(p) for p in data["tradeoff"]),
        level_spec=LevelSpec.from_json(data["level_spec"]) if data["level_spec"] else None,
        cover_factor=float(data["cover_factor"]),
        grounded=frozenset(data["grounded"]),
        anchors=frozenset(data["anchors"]),
        anchor_stems=(frozenset(data["anchor_stems"][0]), frozenset(data["anchor_stems"][1])),
        min_mentions=int(data["grounding_limits"][0]),
        per_words=int(data["grounding_limits"][1]),
        min_words=int(data["grounding_limits"][2]),
        lexicon=(frozenset(data["lexicon"][0]), frozenset(data["lexicon"][1])),
    )
