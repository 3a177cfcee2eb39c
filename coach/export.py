"""The answer sheet of a session, as Markdown (DESIGN.md "Contracts").

The sheet holds the candidate's answers under each step marker, and between
`<!-- coach:feedback -->` markers everything coach adds: scores, evidence,
missed items with hints, arithmetic, pacing, reference answers and demo
figures. `coach.sheet.parse_sheet` skips those blocks, so `coach score` of an
export gives back the session's scores. Templates: `coach/templates/*.md.j2`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coach.asked import render_block
from coach.content import Bundle
from coach.i18n import Lang
from coach.messages import t
from coach.sheet import escape_answer, header_line, step_heading

if TYPE_CHECKING:
    from coach.probes import ProbeAnswer, ProbeText
    from coach.scoring.result import ItemResult, StepScore
    from coach.session import Engines, Scorecard

TEMPLATE = "export.md.j2"
TOO_SHORT_SHARE = 0.15  # as coach.session: a budgeted step answered in seconds is "too short"
BAR_WIDTH = 20


def _clock(seconds: float) -> str:
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def _pct(score: float) -> str:
    return f"{round(score * 100)} %"


def _bar(score: float) -> str:
    filled = round(max(0.0, min(1.0, score)) * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _seconds(value: float) -> str:
    """elapsed_s for the timing line: at most one decimal, no trailing zeros."""
    return f"{round(value, 1):g}"


def _number(value: float, lang: Lang) -> str:
    """Digits that mean something, in the sheet's language: 1,200 msg/s, 21.9 %, 0.85 s (1.200, 21,9, 0,85)."""
    from coach.formatting import decimal

    if value == int(value) and abs(value) < 1e15:
        return decimal(value, lang)
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return decimal(value, lang, digits)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _finding(formula: str, message: str) -> str:
    """The scorer's message usually restates the formula; show it once."""
    message = _one_line(message)
    return message if formula in message else f"{formula} — {message}"


def _evidence(item: ItemResult) -> str:
    """The evidence sentence with the matched words in bold."""
    if item.evidence is None:
        return ""
    sentence = item.evidence.sentence
    out, last = [], 0
    for start, end in sorted(item.evidence.spans):
        if start < last:
            continue
        out.append(sentence[last:start])
        out.append(f"**{sentence[start:end]}**")
        last = end
    out.append(sentence[last:])
    return _one_line("".join(out))


@dataclass(frozen=True)
class _Labels:
    lang: Lang

    def __call__(self, key: str, **values: Any) -> str:
        return t(f"export.{key}", self.lang, **values)


def _pace(elapsed_s: float | None, limit_s: int, window: tuple[int, int] | None, t: _Labels) -> str:
    if elapsed_s is None:
        return t("untimed")
    if elapsed_s > limit_s:
        state = t("over", clock=_clock(elapsed_s - limit_s))
    elif window is not None and elapsed_s < window[0]:
        state = t("early")
    elif window is None and elapsed_s < TOO_SHORT_SHARE * limit_s:
        state = t("too_short")
    else:
        state = t("on_time")
    return f"{_clock(elapsed_s)} {t('vs')} {_clock(limit_s)} {state}"


def _step_view(card: Scorecard, content: Bundle, score: StepScore, t: _Labels) -> dict[str, Any]:
    lang = card.config.lang
    step = content.framework.step(score.step)
    window = (step.window.min_s, step.window.max_s) if step.window else None
    limit = window[1] if window else step.budget_s
    elapsed = card.elapsed_s.get(score.step)
    covered, missed = [], []
    for item in score.items:
        _, model = content.item(item.id)
        if item.covered:
            said = None
            if item.said_in:
                said = content.framework.step(item.said_in).title(lang)
            covered.append({"label": model.label(lang), "evidence": _evidence(item), "said_in": said})
        else:
            missed.append({"label": model.label(lang), "hint": model.hint(lang)})
    reference = content.scenario.reference.get(score.step)
    demo = card.demos.get(score.step)
    return {
        "id": score.step,
        "heading": step_heading(step, lang),
        "question": _one_line(step.question(lang)),
        "answer": escape_answer(card.answers.get(score.step, "").strip()),
        # questions asked to the interviewer: their own block, read back by the sheet reader
        "asked": render_block([entry for entry in card.asked if entry.step == score.step], lang),
        "elapsed": None if elapsed is None else _seconds(elapsed),
        "score": _pct(score.score),
        "bar": _bar(score.score),
        "pace": _pace(elapsed, limit, window, t),
        "covered": covered,
        "missed": missed,
        "arithmetic": [
            {"mark": "✓" if f.ok else "✗", "text": _finding(f.formula, f.message)}
            for f in score.arithmetic
        ],
        "reference": reference(lang).strip() if reference else None,
        "probes": [],  # filled by render_export: the follow-ups asked after this step
        "demo": None if demo is None else {
            "title": demo.title,
            "explanation": _one_line(demo.explanation),
            "figures": [
                {"label": f.label, "value": _number(f.value, lang), "unit": f.unit} for f in demo.figures
            ],
        },
    }


def _probe_view(
    card: Scorecard, content: Bundle, table: tuple[ProbeText, ...], answer: ProbeAnswer, number: int, t: _Labels
) -> dict[str, Any]:
    """A probe block: its marker (what the reader needs), the question, the answer, what it earned."""
    from coach.probes import find_probe

    lang = card.config.lang
    probe = find_probe(table, answer.ref)
    if probe is not None and probe.title:
        about = probe.title.get(lang, answer.ref)
    else:
        about = _label(content, answer.items[0], lang)
    credits = []
    for item_id in answer.items:
        try:
            item = card.score.item(item_id)
        except KeyError:
            continue
        before = item.before_probe or item.credit
        credits.append({
            "label": _label(content, item_id, lang),
            "before": t("credit_" + before),
            "after": t("credit_" + item.credit),
        })
    attrs = f"step={answer.step} items={','.join(answer.items)} after={answer.after}"
    return {
        "marker": f"<!-- probe: {answer.ref} {attrs} -->",
        "heading": f"### {t('probe')} {number} · {about}",
        "elapsed": None if answer.elapsed_s is None else _seconds(answer.elapsed_s),
        "question": _one_line(probe.text(lang)) if probe is not None else answer.ref,
        "answer": escape_answer(answer.text.strip()),
        "credits": credits,
    }


def _label(content: Bundle, item_id: str, lang: Lang) -> str:
    try:
        return content.item(item_id)[1].label(lang)
    except Exception:  # an item of an older content version
        return item_id


def render_export(card: Scorecard, content: Bundle, *, started_at: float | None = None) -> str:
    """The session's answer sheet as Markdown; `started_at` (unix time) is shown in UTC."""
    import jinja2

    lang = card.config.lang
    t = _Labels(lang)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("coach", "templates"),
        autoescape=False,  # Markdown, not HTML
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    steps = [_step_view(card, content, score, t) for score in card.step_scores()]
    from coach.probes import END, probe_table
    from coach.scoring.level import content_labels, shown_verdict

    table = probe_table(content) if card.probes else ()
    blocks = [_probe_view(card, content, table, answer, n, t) for n, answer in enumerate(card.probes, start=1)]
    for view_of_step in steps:
        view_of_step["probes"] = [b for b, a in zip(blocks, card.probes, strict=True) if a.after == view_of_step["id"]]
    shown = {step["id"] for step in steps}
    end_probes = [b for b, a in zip(blocks, card.probes, strict=True) if a.after == END or a.after not in shown]
    verdict = shown_verdict(card.score, content_labels(content), lang) if len(card.steps) > 1 else None
    titles = {s.id: s.title(lang) for s in content.framework.steps}
    design = card.design
    view = {
        "t": t,
        "header": header_line(
            content.scenario.id, lang, framework=content.framework.id, session=card.session_id,
            mode=card.config.mode.value,
        ),
        "title": content.scenario.title(lang),
        "session_id": card.session_id,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started_at)) if started_at else None,
        "mode": t("mode_" + card.config.mode.value),
        "total": _pct(card.total),
        "level": "" if verdict is None else verdict.label,
        "level_reasons": [] if verdict is None else [_one_line(r) for r in verdict.reasons],
        "level_next": "" if verdict is None else _one_line(verdict.next),
        "steps": steps,
        "end_probes": end_probes,
        "design": None if design is None else {
            "mark": {True: "✓", False: "✗", None: "?"}[design.ok],
            "verdict": _one_line(design.verdict),
            "suggestion": _one_line(design.suggestion) if design.suggestion else None,
        },
        "strongest": [titles[s] for s in card.strongest],
        "weakest": [titles[s] for s in card.weakest],
        "drill": [
            {
                "step": tip.step,
                "title": titles[tip.step],
                "score": _pct(tip.score),
                "missed": [content.item(i)[1].label(lang) for i in tip.missed],
            }
            for tip in card.drill
        ],
    }
    text = env.get_template(TEMPLATE).render(**view)
    return text.rstrip("\n") + "\n"


def session_export(card: Scorecard, content: Bundle, engines: Engines, *, started_at: float | None = None) -> str:
    """A session's answer sheet with every framework step's demo (those already shown are reused)."""
    from dataclasses import replace

    from coach.session import all_demos

    full = replace(card, demos=all_demos(content, card.config, engines, card.demos))
    return render_export(full, content, started_at=started_at)
