"""Build the writer kits that sealed sets are written from: `python tests/eval/writer_kit.py OUT_DIR`.

A sealed set is only as good as its writer's distance from the scorer. The kits hold what a
candidate and a strict interviewer would know, and nothing of how `coach` matches words: the
user's framework, the spec's concepts and tick conventions, each scenario's brief, the facts the
interviewer answers and the checklist items with their hints (no `match` data, no cues), and the
blank sheets `coach sheet` prints. Three kits: `writerkit` (notifications, the spec's ids only),
`writerkit-lib` (the five library scenarios) and `writerkit-ac` (autocomplete). A writer reads
its kit's README.md, writes sheets, `labels.toml` and a README.md, and never opens the repository.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from coach.content import Library
from coach.scoring.evaluation import labelled_ids
from coach.sheet import render_blank_sheet

KITS = {
    "writerkit": (
        ["notifications"],
        "Sheets for the `notifications` scenario (the spec scenario). Item ids: `concepts.md`; the "
        "scenario's brief, the interviewer's facts and the items' hints: `scenarios/notifications.md`.",
    ),
    "writerkit-lib": (
        ["chat", "news-feed", "payments", "rate-limiter", "url-shortener"],
        "Sheets for five scenarios: chat, news-feed, payments, rate-limiter, url-shortener. Each scenario "
        "file in `scenarios/` gives the brief, the facts the interviewer answers, and the checklist item "
        "ids with what a strong answer says; `concepts.md` gives the strict interviewer's conventions (its "
        "ids are the notifications scenario's: use each scenario's own ids). Rule: an answer about another "
        "system earns the generic items it states, never the scenario's own.",
    ),
    "writerkit-ac": (
        ["autocomplete"],
        "Sheets for the `autocomplete` scenario (search typeahead). `scenarios/autocomplete.md` gives the "
        "brief, the interviewer's facts and the item ids; `concepts.md` the strict interviewer's "
        "conventions (its ids are the notifications scenario's: use autocomplete's own). Rule: an answer "
        "about another system earns the generic items it states, never the scenario's own.",
    ),
}

GUIDE = """
## What you write

A folder of hand-written answer sheets, as real candidates would fill them in, plus
`labels.toml` (what a strict interviewer ticks on each sheet) and a `README.md` that lists the
sheets (file, language, kind, who/what, what it tests) and the special cases.

Sheet format: start from the blank sheet of the scenario and language (`blank/`). Keep its
first line (`<!-- coach: scenario=… lang=… framework=nine-step -->`), the title, and every
`<!-- step: … -->` marker with its `## ` heading, in order. Delete the `<!-- coach:prompt -->` …
`<!-- /coach:prompt -->` blocks and write the answer under each heading. Markdown, bullets,
code blocks, tables, spoken transcripts: whatever the writer would really produce.

## labels.toml

One table per sheet:

```toml
[sheets."es_01-lucia.md"]
lang = "es"            # es | en
kind = "normal"        # normal (an honest candidate) | offtopic | salad | rejections | questions | dont_know | mixed
# A comment above each list explaining the non-obvious calls.
covered = ["opening.scope", "req.functional"]    # what a STRICT interviewer ticks, whole sheet
justified = ["req.functional"]                   # subset of covered: with a number, mechanism, reason or trade-off next to it
rejected = ["arch.cache"]      # named but turned down, deferred, only asked, or only listed: must NOT tick
dont_know_steps = []           # step ids answered only "I don't know" / "no sé"
wrong_checks = []              # est.* / estimate item ids whose figure is wrong by more than 2x
```

Step ids: opening, requirements, estimates, api, architecture, consistency, scaling, failures,
observability, security, closing. Item ids are exactly those of the scenario file (and
`concepts.md` for notifications). Judge as `concepts.md` ("How a strict interviewer ticks an
item") says: a commitment ticks, in any wording or language; a word alone, a question (outside
the opening), a rejected or deferred idea does not. Opening items only from the opening answer,
closing items only from the closing answer. An estimate wrong by more than 2x does not tick its
item and goes to `wrong_checks`. Adversarial documents (not interview answers) tick nothing:
`covered = []`, and their `rejected` lists the items whose vocabulary they use prominently.
Label each sheet on what its text says, not on what you meant to write.

## The week

Write a typical hiring week: HONEST candidates of different levels (junior, mid, senior, staff),
styles (structured bullets, spoken transcript with self-corrections, terse notes, long prose,
non-native phrasing, abbreviations) and both varieties of Spanish; some near-complete, some thin.
Among the honest ones, include: one honest "no sé" / "I don't know" for a whole step (put it in
`dont_know_steps`), one wrong estimate (in `wrong_checks`), and candidates who reject, defer or
only ask about techniques (in `rejected`). And ADVERSARIAL documents that are not interview
answers but share the vocabulary, poured into the sheet's headings: write them as real prose or a
real document of some genre (pick genres of your own, not the most obvious ones; never a plain
keyword list). Keep each sheet an interview's length (an honest 45-minute answer, roughly
600-2,500 words).

Rules: use only the files in this kit. Do not open any other folder under /work, do not run the
`coach` program, do not look for how the scorer works. Write everything yourself.
"""


def scenario_text(library: Library, scenario_id: str) -> str:
    """A scenario as a writer may read it: brief, facts and items with hints, no matching data."""
    bundle = library.bundle(scenario_id)
    ids = labelled_ids(bundle)
    scenario = bundle.scenario
    lines = [f"# Scenario `{scenario_id}`: {scenario.title.en} / {scenario.title.es}", ""]
    lines += ["## Brief (en)", scenario.brief.en.strip(), "", "## Enunciado (es)", scenario.brief.es.strip(), ""]
    lines += ["## What the interviewer answers when asked (facts)", ""]
    for fact in scenario.facts:
        lines.append(f"- **{fact.topic.en} / {fact.topic.es}**: {fact.answer.en}  \n  _es_: {fact.answer.es}")
    lines += ["", "## Checklist items (ids to use in labels.toml)", "",
              "Each item: id, level, label, and what a strong answer says (the hint).", ""]
    for step in bundle.framework.steps:
        items = [item for item in bundle.items(step.id) if item.id in ids]
        if not items:
            continue
        lines += [f"### {step.id}: {step.title.en} / {step.title.es}", ""]
        for item in items:
            number = " (needs a number)" if item.needs_number else ""
            lines.append(f"- `{item.id}` [{item.level}]{number}: **{item.label.en}** / {item.label.es}. {item.hint.en}")
        lines.append("")
    return "\n".join(lines)


def build(out: Path, seeds: Path) -> list[Path]:
    """Write the three kits under `out` (replacing them); `seeds` holds the framework and the spec."""
    library = Library(use_user_dir=False)
    made = []
    for name, (scenario_ids, intro) in KITS.items():
        kit = out / name
        shutil.rmtree(kit, ignore_errors=True)
        (kit / "scenarios").mkdir(parents=True)
        (kit / "blank").mkdir()
        shutil.copy(seeds / "seeds" / "system-design-framework.es.md", kit / "framework.es.md")
        shutil.copy(seeds / "spec" / "concepts.md", kit / "concepts.md")
        for scenario_id in scenario_ids:
            (kit / "scenarios" / f"{scenario_id}.md").write_text(scenario_text(library, scenario_id), "utf-8")
            for lang in ("es", "en"):
                sheet = render_blank_sheet(library.bundle(scenario_id), lang)
                (kit / "blank" / f"{scenario_id}.{lang}.md").write_text(sheet, "utf-8")
        files = "Files: `README.md` (this), `concepts.md`, `framework.es.md` (the candidate's framework), " \
                "`scenarios/*.md`, `blank/<scenario>.<lang>.md`."
        (kit / "README.md").write_text(f"# Writer kit: {name}\n\n{intro}\n\n{files}\n{GUIDE}", "utf-8")
        made.append(kit)
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work")
    shared = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[3] / "shared"
    for kit in build(target, shared):
        print(kit)
