"""A disk cache of compiled matching rules, so a fresh `coach score` process skips compiling.

Compiling a bundle's rules (stemming a few thousand phrases, the typo index)
costs about 100 ms; reading them back as JSON about 10 ms. The file name holds
a hash of everything the compiled form depends on: the content's matching data
and scoring settings, and the source of the scoring modules, so any change to
either makes a new file and a stale one is never read. JSON, not pickle: a
cache file can never run code. Any problem reading or writing the cache falls
back to compiling in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.scoring import level, lists, matcher, normalize, scorer, typos
from coach.scoring.level import LevelSpec
from coach.scoring.matcher import CompiledItem, Phrase
from coach.scoring.scorer import CompiledBundle, compile_bundle, remember_compiled
from coach.scoring.typos import Corrector

if TYPE_CHECKING:
    from coach.content import Bundle

_FORMAT = 8  # 8: the scenario's anchor stems (off-topic answers) are compiled too
_SOURCES = (normalize, matcher, typos, scorer, lists, level)


def code_hash() -> str:
    digest = hashlib.sha256(str(_FORMAT).encode())
    for module in _SOURCES:
        digest.update(Path(module.__file__ or "").read_bytes())
    guard = Path(typos.__file__ or "").with_name("_typo_guard.py")
    digest.update(guard.read_bytes())
    digest.update(type(normalize._ES).__module__.encode())  # PyStemmer or snowballstemmer
    return digest.hexdigest()


def _content_key(content: Bundle) -> str:
    framework = content.framework
    data: list[Any] = [content.scenario.id, framework.scoring.model_dump(mode="json")]
    for step in framework.steps:
        window = step.window.model_dump(mode="json") if step.window else None
        data.append([step.id, step.budget_s, window])
    grounding = content.scenario.grounding
    data.append(grounding.model_dump(mode="json") if grounding else None)
    for step_id, item in content.all_items():
        data.append([step_id, item.id, item.weight, item.needs_number, item.level, sorted(item.allow_cues),
                     item.justify_with.model_dump(mode="json") if item.justify_with else None,
                     item.label.model_dump(mode="json"), item.hint.model_dump(mode="json"),  # products it names
                     item.match.model_dump(mode="json")])
    data.append([[step.id, step.title.model_dump(mode="json")] for step in framework.steps])
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def cache_path(content: Bundle, directory: Path) -> Path:
    """Where the compiled rules of `content` are cached."""
    key = hashlib.sha256((code_hash() + _content_key(content)).encode()).hexdigest()[:24]
    return directory / f"scoring-{content.scenario.id}-{key}.json"


def compile_cached(content: Bundle, directory: Path) -> CompiledBundle:
    """The compiled rules of `content`: from the cache file when it is there, else compiled and saved."""
    try:
        path = cache_path(content, directory)
        compiled = _load(path)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return compile_bundle(content)
    if compiled is not None:
        remember_compiled(content, compiled)
        return compiled
    compiled = compile_bundle(content)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two processes never share a temp file
        tmp.write_text(json.dumps(dump(compiled)), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only costs the compile time next run
    return compiled


def _phrase(raw: list[Any]) -> Phrase:
    return (int(raw[0]), tuple(raw[1]), bool(raw[2]), int(raw[3]))


def dump(compiled: CompiledBundle) -> dict[str, Any]:
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
        "correct": {
            "known": sorted(correct.known),
            "targets": sorted(correct.targets),
            "deleted": correct.deleted,
        },
    }


def _load(path: Path) -> CompiledBundle | None:
    if not path.is_file():
        return None
    return load_data(json.loads(path.read_text(encoding="utf-8")))


def load_data(data: dict[str, Any]) -> CompiledBundle:
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
    )
