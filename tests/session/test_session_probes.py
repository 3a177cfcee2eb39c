"""Follow-up probes: deterministic choice, credit raised in the session total, stored, exported and read back."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from session_helpers import FakeClock, ScriptedPrompter, load_probed, simple_score

from coach.content import Bundle
from coach.export import render_export
from coach.i18n import Lang
from coach.probes import ProbeAnswer, apply_probes, followups, pick_probes, probe_table
from coach.scoring.result import SheetScore
from coach.session import (
    Engines,
    Mode,
    Session,
    SessionConfig,
    build_scorecard,
    run,
    scorecard_from_record,
)
from coach.sheet import parse_sheet
from coach.store import Store

STEPS = ("requirements", "failures")


@pytest.fixture
def probed() -> Bundle:
    """The mini framework with the probed scenario (probes on four items, one failure card)."""
    return load_probed()


def _score(probed: Bundle, answers: Mapping[str, str], lang: Lang = "es") -> SheetScore:
    return simple_score(answers, probed, lang, None)


def _budgets(probed: Bundle) -> dict[str, int]:
    return {step.id: step.budget_s for step in probed.framework.steps}


def test_pick_is_deterministic_for_a_seed(probed: Bundle) -> None:
    """The same answers and seed draw the same probes; the draw covers only weak items of the asked steps."""
    score = _score(probed, {"requirements": "funcionales", "failures": "dlq"})
    table = probe_table(probed)
    draws = [pick_probes(score, table, steps=STEPS, count=2, seed=7) for _ in range(3)]
    assert draws[0] == draws[1] == draws[2]
    refs = {p.ref for p in draws[0]}
    assert "fail.dlq#0" not in refs  # dlq is justified: nothing to probe
    assert refs <= {"req.availability#0", "probed.channels#0", "probed.breaker#0", "card:provider_down"}


def test_pick_weights_by_level(probed: Bundle) -> None:
    """Over many seeds, a missed staff item is drawn more often than a missed mid one."""
    score = _score(probed, {"requirements": "funcionales", "failures": "dlq"})
    table = [p for p in probe_table(probed) if not p.is_card]
    counts: dict[str, int] = {}
    for seed in range(400):
        (probe,) = pick_probes(score, table, steps=STEPS, count=1, seed=seed)
        counts[probe.items[0]] = counts.get(probe.items[0], 0) + 1
    # need: breaker staff 2.0 × weight 2 = 4; channels senior 1.5; availability mid 1.0
    assert counts["probed.breaker"] > counts["probed.channels"] > counts["req.availability"]


def test_pick_never_repeats_an_item(probed: Bundle) -> None:
    """A probe already asked, and any other probe on its items, is not drawn again."""
    score = _score(probed, {})
    table = probe_table(probed)
    drawn = pick_probes(score, table, steps=STEPS, count=10, seed=1, asked=["probed.breaker#0"])
    assert all("probed.breaker" not in p.items for p in drawn)
    items = [i for p in drawn for i in p.items]
    assert len(items) == len(set(items))


def test_a_probe_answer_raises_the_item_in_the_total_not_in_the_step(probed: Bundle) -> None:
    """Answering the breaker probe makes the item justified and probed; the total rises, the step score does not."""
    score = _score(probed, {"requirements": "funcionales", "failures": "dlq"})
    answer = ProbeAnswer("probed.breaker#0", "failures", ("probed.breaker",), "failures", "Un circuit breaker por proveedor.")
    raised = apply_probes(score, [answer], lambda texts: _score(probed, texts), _budgets(probed))
    item = raised.item("probed.breaker")
    assert item.credit == "justified" and item.probed and item.before_probe == "none"
    assert raised.total > score.total
    assert raised.step("failures").score == score.step("failures").score
    assert raised.step("failures").interview > score.step("failures").interview


def test_a_probe_answer_never_lowers_a_credit(probed: Bundle) -> None:
    """An empty or off-target answer keeps the best credit already earned."""
    score = _score(probed, {"failures": "dlq"})
    answer = ProbeAnswer("fail.dlq#0", "failures", ("fail.dlq",), "failures", "no lo sé")
    assert apply_probes(score, [answer], lambda texts: _score(probed, texts), _budgets(probed)) == score


def test_followups_list_weak_items_by_level_in_both_languages(probed: Bundle) -> None:
    """Each step's follow-ups: missed or shallow items with a probe, the higher level first."""
    score = _score(probed, {"requirements": "funcionales"})
    es = followups(score, probe_table(probed), "es")
    en = followups(score, probe_table(probed), "en")
    assert [f.item for f in es["requirements"]] == ["probed.channels", "req.availability"]
    assert [f.item for f in es["failures"]] == ["probed.breaker", "fail.dlq"]
    assert es["failures"][0].level == "staff" and es["failures"][0].question.startswith("El proveedor cae")
    assert en["failures"][0].question.startswith("The provider is down")
    assert es["opening"] == []


def _play(probed: Bundle, store: Store, mode: Mode, script: list[tuple[float, str]]) -> tuple[Session, ScriptedPrompter]:
    clock = FakeClock()
    config = SessionConfig("probed", "es", mode, steps=STEPS, seed=3)
    session = Session(probed, config, store, engines=Engines(score_answers=simple_score), clock=clock)
    prompter = ScriptedPrompter(clock, script)
    run(session, prompter)
    return session, prompter


def test_practice_asks_one_probe_after_each_step_then_offers_the_reference(probed: Bundle, store: Store) -> None:
    """Practice: score, then the probe, its result, then the reference on request; the probe's answer is stored."""
    script = [(40.0, "funcionales y disponibilidad"), (20.0, "email y sms por canales"),
              (50.0, "dlq"), (30.0, "circuit breaker por proveedor")]
    session, prompter = _play(probed, store, Mode.PRACTICE, script)
    assert [p.after for p in prompter.probes] == ["requirements", "failures"]
    assert prompter.events[:4] == ["score:requirements", f"probe:{prompter.probes[0].probe.ref}",
                                   f"result:{prompter.probes[0].probe.ref}", "more:requirements"]
    assert prompter.events[-1] == "more:failures:last"
    assert prompter.timers[1].limit_s == 150 and prompter.timers[1].elapsed_s == 20.0
    stored = store.session(session.id).probes
    assert [(p.seq, p.after, p.text) for p in stored] == [
        (1, "requirements", "email y sms por canales"), (2, "failures", "circuit breaker por proveedor")]
    assert any(r.raised for r in prompter.probe_results)


def test_mock_asks_probes_at_the_end(probed: Bundle, store: Store) -> None:
    """Mock: no feedback and no probe between steps; 2–3 probes at the end, then their results."""
    script = [(40.0, "funcionales"), (50.0, "reintentos"), (10.0, "uno"), (10.0, "dos"), (10.0, "tres")]
    _, prompter = _play(probed, store, Mode.MOCK, script)
    assert prompter.feedbacks == []
    assert 2 <= len(prompter.probes) <= 3 and all(p.after == "end" for p in prompter.probes)
    assert [p.index for p in prompter.probes] == list(range(1, len(prompter.probes) + 1))
    assert prompter.events[-len(prompter.probes):] == [f"result:{p.probe.ref}" for p in prompter.probes]


def test_probes_are_exported_and_read_back_exactly(probed: Bundle, store: Store) -> None:
    """Export → read back → export: the same sheet; the probe blocks hold the answers, not the step's answer."""
    script = [(40.0, "funcionales"), (20.0, "canales: email y sms"), (50.0, "dlq"), (30.0, "circuit breaker ya")]
    session, _ = _play(probed, store, Mode.PRACTICE, script)
    engines = Engines(score_answers=simple_score)
    card = scorecard_from_record(store.session(session.id), probed, engines)
    first = render_export(card, probed)
    assert "<!-- probe: " in first and "### Repregunta 1 · " in first
    sheet = parse_sheet(first)
    assert sheet.text("requirements") == "funcionales" and sheet.text("failures") == "dlq"
    assert [(b.ref, b.after, b.text, b.elapsed_s) for b in sheet.probes] == [
        (a.ref, a.after, a.text, a.elapsed_s) for a in card.probes]
    answers = {s: a.text for s, a in sheet.answers.items()}
    elapsed = {s: a.elapsed_s for s, a in sheet.answers.items()}
    probes = [ProbeAnswer(b.ref, b.step, b.items, b.after, b.text, b.elapsed_s) for b in sheet.probes]
    from coach.session import with_probes

    score = with_probes(simple_score(answers, probed, "es", None), probes, probed, "es", engines)
    again = build_scorecard(card.session_id, card.config, probed, score, answers, elapsed, probes=probes)
    assert render_export(again, probed) == first


def test_a_hand_written_probe_marker_needs_its_fields() -> None:
    """A probe marker without items is a one-line error naming the line."""
    from coach.errors import ContentError

    text = "<!-- coach: scenario=probed lang=es -->\n<!-- step: failures -->\ndlq\n<!-- probe: x#0 step=failures -->\nhola\n"
    with pytest.raises(ContentError) as exc:
        parse_sheet(text, "h.md")
    assert exc.value.problems[0].startswith("h.md:4: a probe marker needs")


def test_mock_escalates_a_probe_answered_well(probed: Bundle, store: Store) -> None:
    """Mock: when a probe with an escalation is answered well, the next question is its escalation."""
    score = simple_score({"requirements": "funcionales", "failures": "reintentos"}, probed, "es", None)
    table = probe_table(probed)
    seed = next(s for s in range(200)
                if pick_probes(score, table, steps=STEPS, count=3, seed=f"{s}:end")[0].ref == "req.availability#0")
    clock = FakeClock()
    config = SessionConfig("probed", "es", Mode.MOCK, steps=STEPS, seed=seed)
    session = Session(probed, config, store, engines=Engines(score_answers=simple_score), clock=clock)
    script = [(40.0, "funcionales"), (50.0, "reintentos"), (10.0, "disponibilidad 99.9 %"), (10.0, "dos"), (10.0, "x")]
    prompter = ScriptedPrompter(clock, script)
    run(session, prompter)
    refs = [p.probe.ref for p in prompter.probes]
    assert refs[:2] == ["req.availability#0", "req.availability#0+"]
    assert prompter.probes[1].question == "Se cae una zona: ¿la sigues cumpliendo?"
    assert len(refs) == len(pick_probes(score, table, steps=STEPS, count=3, seed=f"{seed}:end"))


# ---------------------------------------------------------------- the level and the reviews (main's hooks)


def test_a_probe_reads_the_level_again_with_the_probed_items(probed: Bundle) -> None:
    """After a probe raises an item the level comes from coach.scoring.level on the new total, and an
    item covered only after the probe does not count as a failure raised unprompted."""
    from coach.probes import probed_items
    from coach.scoring.level import assess_level, level_spec
    from coach.session import with_probes

    engines = Engines(score_answers=simple_score)
    score = _score(probed, {"requirements": "funcionales", "failures": "dlq"})
    answer = ProbeAnswer("probed.breaker#0", "failures", ("probed.breaker",), "failures", "Un circuit breaker por proveedor.")
    raised = with_probes(score, [answer], probed, "es", engines)
    assert probed_items(raised) == {"probed.breaker"}
    expected = assess_level(raised.steps, raised.total, level_spec(probed), "es", {"probed.breaker"})
    assert raised.verdict == expected and raised.level == expected.id
    assert raised.verdict.signals["total"] == round(raised.total, 4)
    failures = raised.verdict.signals["failures"]
    assert "fail.dlq" in failures and "probed.breaker" not in failures
    unprompted = assess_level(raised.steps, raised.total, level_spec(probed), "es")
    assert "probed.breaker" in unprompted.signals["failures"]  # what `probed` keeps out


def test_coach_score_reads_the_level_again_after_a_sheet_probe(probed: Bundle) -> None:
    """score_sheet of a sheet with a probe block: the raised item is probed and not raised unprompted."""
    from coach.scoring import score_sheet

    text = (
        "<!-- coach: scenario=probed lang=es -->\n<!-- step: failures -->\nUsamos una dlq.\n"
        "<!-- probe: probed.breaker#0 step=failures items=probed.breaker after=failures -->\n"
        "Un circuit breaker por proveedor, porque el proveedor cae.\n"
    )
    plain = score_sheet(parse_sheet(text.split("<!-- probe:")[0]), probed, "es")
    result = score_sheet(parse_sheet(text), probed, "es")
    assert result.item("probed.breaker").probed and result.total > plain.total
    assert result.verdict is not None and result.level == result.verdict.id
    assert "probed.breaker" not in result.verdict.signals["failures"]


def test_the_end_of_a_session_rates_probed_items_hard_and_keeps_probe_cards(probed: Bundle, store: Store) -> None:
    """FSRS: an item covered only after a probe is rated Hard; every probe asked is a review card of its own."""
    from coach.probes import probed_items, review_key
    from coach.review import Rating

    script = [(40.0, "funcionales y disponibilidad"), (20.0, "email y sms por canales"),
              (50.0, "dlq"), (30.0, "circuit breaker por proveedor")]
    session, prompter = _play(probed, store, Mode.PRACTICE, script)
    cards = {card.key: card for card in store.cards("probed")}
    score = session._score()
    hard = probed_items(score)
    assert hard, "the script's probe answers raise at least one item"
    for item_id in hard:
        assert cards[item_id].last_rating == Rating.HARD, item_id
    for prompt in prompter.probes:
        card = cards[review_key(prompt.probe.ref)]
        assert card.kind == ("failure" if prompt.probe.is_card else "probe") and card.step == prompt.probe.step
    assert cards["fail.dlq"].last_rating == Rating.EASY  # said unprompted (and justified by the fake scorer)


def test_probe_review_ratings() -> None:
    """A probe card is Again when unanswered or still weak, Good/Easy by the weakest credit of its items."""
    from coach.probes import probe_reviews, review_key
    from coach.review import Rating, utc
    from coach.scoring.result import DECIDED, JUSTIFIED, MENTIONED, ItemResult, StepScore

    def item(item_id: str, credit: str) -> ItemResult:
        return ItemResult(item_id, "failures", credit in (DECIDED, JUSTIFIED), 1.0, None, None, credit=credit)

    step = StepScore("failures", 0.5, (item("a", JUSTIFIED), item("b", DECIDED), item("c", MENTIONED)), (), None, 3)
    score = SheetScore("probed", "es", 0.5, "mid", (step,))
    answers = [
        ProbeAnswer("a#0", "failures", ("a",), "failures", "x"),
        ProbeAnswer("card:down", "failures", ("a", "b"), "end", "x"),
        ProbeAnswer("c#0", "failures", ("c",), "failures", "x"),
        ProbeAnswer("b#0", "failures", ("b",), "failures", "  "),
    ]
    reviews = probe_reviews(answers, score, "probed", utc(1_790_000_000.0), {})
    got = {r.key: (r.kind, r.rating) for r in reviews}
    assert review_key("card:down") == "failure:down"
    assert got == {
        "probe:a#0": ("probe", Rating.EASY),
        "failure:down": ("failure", Rating.GOOD),
        "probe:c#0": ("probe", Rating.AGAIN),
        "probe:b#0": ("probe", Rating.AGAIN),
    }
