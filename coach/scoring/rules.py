"""Compiled matching rules: everything the scorer needs from a content bundle, in one frozen object.

`compile_rules` does the work (stemming every phrase, building the typo index,
about 100 ms for a shipped scenario) and caches nothing: coach/scoring/cache.py
is the one cache of compiled rules (in memory per bundle object, on disk per
content files and scoring code).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.scoring.level import LevelSpec, level_spec
from coach.scoring.lexicon import Lexicon, bundle_lexicon
from coach.scoring.lists import named_products
from coach.scoring.matcher import CompiledItem, Phrase, compile_item, compile_phrases, first_stems
from coach.scoring.typos import Corrector, rule_vocabulary
from coach.scoring.words import fold, stems

if TYPE_CHECKING:
    from coach.content import Bundle


@dataclass(frozen=True)
class CompiledBundle:
    """Everything the scorer needs from content, precompiled once per bundle."""

    scenario: str
    steps: tuple[str, ...]
    items: Mapping[str, tuple[CompiledItem, ...]]
    budgets: Mapping[str, int]
    windows: Mapping[str, tuple[int, int]]
    words_per_minute: Mapping[str, int]
    tolerance: float
    levels: tuple[tuple[str, float], ...]  # (id, min total) in order: below, mid, senior, staff
    correct: Corrector  # typo tolerance toward the rules' words
    wanted: tuple[frozenset[str], frozenset[str]]  # anchor stems of every phrase, per language
    justify: tuple[Phrase, ...] = ()  # reason / mechanism / trade-off words (framework scoring.justify)
    cover_factor: float = 2.0  # a stated figure off by more than this does not cover its item
    grounded: frozenset[str] = frozenset()  # items only an answer about this scenario earns
    anchors: frozenset[str] = frozenset()  # folded words that say the answer is about this scenario
    anchor_stems: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())  # their es / en stems
    min_mentions: int = 3
    per_words: int = 400
    min_words: int = 200
    tradeoff: tuple[Phrase, ...] = ()  # words that state a trade-off (framework scoring.level.tradeoff)
    level_spec: LevelSpec | None = None  # the level rules (None: levels by total alone)
    # the house's vocabulary (lexicon.py): stems of every content word; empty, no off-vocabulary check
    lexicon: Lexicon = (frozenset(), frozenset())


def compile_rules(content: Bundle) -> CompiledBundle:
    """Compile a bundle's matching rules (no caching: coach.scoring.cache.compile_bundle caches)."""
    items: dict[str, tuple[CompiledItem, ...]] = {}
    for step_id, checklist in content.checklists.items():
        compiled = []
        for item in checklist.items:
            rules = [
                (lang, rules.phrases, rules.together, rules.exclude)
                for lang, rules in (("es", item.match.es), ("en", item.match.en))
            ]
            quantities = [*item.match.es.quantities, *item.match.en.quantities]
            compiled.append(
                compile_item(
                    item.id, step_id, item.weight, item.needs_number, rules, quantities,
                    named_products(item.hint.es, item.hint.en), item.allow_cues, item.level,
                    [(lang, text) for lang in ("es", "en") for text in (item.justify_with(lang) if item.justify_with else [])],
                    (item.figure.kind, item.figure.min, item.figure.max) if item.figure else None,
                    [(lang, text) for lang in ("es", "en") for text in (item.decided_with(lang) if item.decided_with else [])],
                )
            )
        items[step_id] = tuple(compiled)
    framework = content.framework
    justify_words = framework.scoring.justify
    justify = compile_phrases(
        (lang, text) for lang in ("es", "en") for text in (justify_words.es if lang == "es" else justify_words.en)
    ) if justify_words else ()
    tradeoff_words = framework.scoring.level.tradeoff
    tradeoff = compile_phrases(
        [("es", text) for text in tradeoff_words.es] + [("en", text) for text in tradeoff_words.en]
    ) if tradeoff_words else ()
    grounding = content.scenario.grounding
    grounded: set[str] = set()
    anchors: set[str] = set()
    if grounding is not None:
        grounded = set(grounding.items)
        anchors = {fold(word) for word in [*grounding.anchors.es, *grounding.anchors.en]}
    all_items = [item for step_items in items.values() for item in step_items]
    anchor_stems = (frozenset(stems(word)[0] for word in anchors), frozenset(stems(word)[1] for word in anchors))
    wanted = first_stems(all_items)
    wanted = (
        wanted[0] | {s[a] for lang, s, _, a in (*justify, *tradeoff) if lang == 0} | anchor_stems[0],
        wanted[1] | {s[a] for lang, s, _, a in (*justify, *tradeoff) if lang == 1} | anchor_stems[1],
    )
    return CompiledBundle(
        scenario=content.scenario.id,
        steps=tuple(step.id for step in framework.steps),
        items=items,
        budgets={step.id: step.budget_s for step in framework.steps},
        windows={
            step.id: (step.window.min_s, step.window.max_s)
            for step in framework.steps
            if step.window is not None
        },
        words_per_minute={str(k): v for k, v in framework.scoring.words_per_minute.items()},
        tolerance=framework.scoring.estimate_tolerance,
        levels=tuple((level.id, level.needs.get("total", 0.0)) for level in framework.scoring.levels),
        correct=Corrector(rule_vocabulary(content)),
        wanted=wanted,
        justify=justify,
        cover_factor=framework.scoring.estimate_cover_factor,
        grounded=frozenset(grounded),
        anchors=frozenset(anchors),
        anchor_stems=anchor_stems,
        min_mentions=grounding.min_mentions if grounding else 3,
        per_words=grounding.per_words if grounding else 400,
        min_words=grounding.min_words if grounding else 200,
        tradeoff=tradeoff,
        level_spec=level_spec(content),
        lexicon=bundle_lexicon(content),
    )
