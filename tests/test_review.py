"""Issue 10: spaced repetition on checklist items (FSRS), `coach drill` with what is due, `coach stats`."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.content import STEP_IDS, Bundle
from coach.review import Rating, card_id, plan_due, rate_item, review_session, schedule, utc
from coach.scoring import score_answers
from coach.scoring.result import DECIDED, JUSTIFIED, MENTIONED, NONE, ItemResult
from coach.session import Session, SessionConfig, default_engines, run_from_sheet, sheet_of
from coach.store import Store, default_path

runner = CliRunner()
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday morning


class WallClock:
    """The store's wall clock (unix time), advanced by hand."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start.timestamp()

    def __call__(self) -> float:
        return self.now

    def advance(self, days: float) -> None:
        self.now += days * 86_400



def _item(credit: str) -> ItemResult:
    covered = credit in (DECIDED, JUSTIFIED)
    return ItemResult("fail.dlq", "failures", covered, 1.0, None, None, credit=credit)


def _finish_session(shipped: Bundle, store: Store, answers: dict[str, str]) -> None:
    config = SessionConfig(scenario="notifications", lang="en", timed=False)
    session = Session(shipped, config, store, engines=default_engines())
    run_from_sheet(session, sheet_of(config, answers, {}))


def _reference_without_failures(shipped: Bundle) -> dict[str, str]:
    answers = {step: text("en") for step, text in shipped.scenario.reference.items()}
    answers["failures"] = ""
    return answers


def _missed(shipped: Bundle, answers: dict[str, str]) -> set[str]:
    """Items the scorer gives no credit (none or only mentioned), wherever they belong."""
    score = score_answers(answers, shipped, "en")
    return {i.id for step in score.steps for i in step.items if i.credit in (NONE, MENTIONED)}


def test_ratings_follow_the_credit() -> None:
    """Missed → Again, decided → Good, justified → Easy, covered only after a probe → Hard."""
    assert rate_item(_item(NONE)) is Rating.AGAIN
    assert rate_item(_item(MENTIONED)) is Rating.AGAIN
    assert rate_item(_item(DECIDED)) is Rating.GOOD
    assert rate_item(_item(JUSTIFIED)) is Rating.EASY
    assert rate_item(_item(JUSTIFIED), probed={"fail.dlq"}) is Rating.HARD
    assert rate_item(_item(NONE), probed={"fail.dlq"}) is Rating.AGAIN


def test_card_ids_come_from_scenario_and_item() -> None:
    """The same item has the same card in every session; another scenario has another card."""
    assert card_id("notifications", "fail.dlq") == card_id("notifications", "fail.dlq")
    assert card_id("notifications", "fail.dlq") != card_id("chat", "fail.dlq")
    assert 0 < card_id("notifications", "fail.dlq") < 2**53


def test_due_dates_advance_deterministically() -> None:
    """Good, then Good when due, then Again: 2 days, 11 days, then back to 2 days."""
    known: dict[str, str] = {}
    now, gaps = T0, []
    for rating in (Rating.GOOD, Rating.GOOD, Rating.AGAIN):
        (review,) = schedule([("fail.dlq", "failures", "item", rating)], "notifications", now, known)
        known["fail.dlq"] = review.card_json
        gaps.append(review.due - now)
        now = review.due
    assert gaps == [timedelta(days=2), timedelta(days=11), timedelta(days=2)]


def test_first_reviews_schedule_by_rating() -> None:
    """A new card rated Again is due in a day, Hard in a day, Good in two, Easy in eight."""
    ratings = [(f"k{r.value}", "failures", "item", r) for r in Rating]
    reviews = schedule(ratings, "notifications", T0, {})
    assert [r.due - T0 for r in reviews] == [timedelta(days=d) for d in (1, 1, 2, 8)]


def test_review_times_must_be_utc_aware() -> None:
    """A naive datetime is refused: times come from the injected clock in UTC."""
    with pytest.raises(ValueError, match="UTC"):
        schedule([("fail.dlq", "failures", "item", Rating.GOOD)], "notifications", datetime(2026, 3, 2), {})


def test_a_finished_session_schedules_every_item(shipped: Bundle) -> None:
    """Each item of the steps a session ran gets a card; the items a silent step missed are due tomorrow."""
    clock = WallClock()
    store = Store(":memory:", now=clock)
    answers = _reference_without_failures(shipped)
    _finish_session(shipped, store, answers)
    cards = {card.key: card for card in store.cards()}
    all_items = {item.id for _, item in shipped.all_items()}
    assert set(cards) == all_items
    missed = _missed(shipped, answers)
    assert {"fail.backoff_jitter", "fail.timeouts"} <= missed
    for key in missed:
        assert (cards[key].due_at, cards[key].lapses) == (clock.now + 86_400, 1), key
    assert cards["scale.shard_throughput"].due_at == clock.now + 8 * 86_400  # justified: Easy


def test_the_same_session_gives_the_same_cards(shipped: Bundle) -> None:
    """Two runs of the same answers on the same clock store byte-identical cards."""
    runs = []
    for _ in range(2):
        store = Store(":memory:", now=WallClock())
        _finish_session(shipped, store, _reference_without_failures(shipped))
        runs.append([(c.key, c.card, c.due_at) for c in store.cards()])
    assert runs[0] == runs[1]


def test_drill_picks_the_items_that_are_due(shipped: Bundle) -> None:
    """A day later only the missed items are due, and the due drill asks their step first."""
    clock = WallClock()
    store = Store(":memory:", now=clock)
    _finish_session(shipped, store, _reference_without_failures(shipped))
    assert store.due_cards(clock.now) == []
    clock.advance(1)
    due = store.due_cards(clock.now)
    assert {c.key for c in due} == _missed(shipped, _reference_without_failures(shipped))
    (plan,) = plan_due([(c.scenario, c.step, c.key) for c in due], STEP_IDS)
    assert "failures" in plan.steps
    assert {"fail.backoff_jitter", "fail.timeouts"} <= set(plan.keys["failures"])


def test_a_drill_reviews_only_its_steps(shipped: Bundle) -> None:
    """Rating a drill of one step touches only that step's cards."""
    score = score_answers({"failures": "We retry with exponential backoff and jitter because providers flap."}, shipped, "en")
    reviews = review_session(score, ("failures",), T0, {})
    assert {r.step for r in reviews} == {"failures"}
    ratings = {r.key: r.rating for r in reviews}
    assert ratings["fail.backoff_jitter"] is Rating.EASY and ratings["fail.dr"] is Rating.AGAIN


def test_plan_due_orders_scenarios_by_oldest_debt_and_caps_steps() -> None:
    """Scenarios come in the order of their soonest card; at most `max_steps` steps, busiest first."""
    cards = [
        ("chat", "scaling", "a"), ("notifications", "failures", "b"), ("notifications", "failures", "c"),
        ("notifications", "api", "d"), ("notifications", "security", "e"), ("notifications", "estimates", "f"),
        ("notifications", "estimates", "g"),
    ]
    chat, notifications = plan_due(cards, STEP_IDS, max_steps=2)
    assert chat.scenario == "chat" and chat.steps == ("scaling",)
    assert notifications.steps == ("estimates", "failures") and notifications.due == 6


def test_drill_without_history_says_what_to_do() -> None:
    """`coach drill` with no cards prints how to get some, and exits 0."""
    result = runner.invoke(app, ["drill", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Nothing to review yet" in result.stdout


@pytest.mark.parametrize("step", ["7", "FAILURES", "Fallos", " failures "])
def test_drill_accepts_a_step_number_or_name_in_any_case(step: str) -> None:
    """The step is found (the command then needs a terminal, not a better step name)."""
    result = runner.invoke(app, ["drill", step, "--scenario", "notifications", "--lang", "en"])
    assert result.exit_code == 2
    assert "unknown step" not in result.output and "terminal" in result.output


def test_drill_names_an_unknown_step() -> None:
    """A step that is neither an id, a title nor a number 1-9 is one clear line, exit 2."""
    result = runner.invoke(app, ["drill", "12", "--scenario", "notifications", "--lang", "en"])
    assert result.exit_code == 2 and "unknown step '12'" in result.output


def test_stats_shows_what_is_due_this_week_and_what_keeps_lapsing() -> None:
    """`coach stats --json` lists the cards due within 7 days and those missed twice or more."""
    now = utc(time.time())
    with Store(default_path()) as store:
        first = schedule([("fail.dlq", "failures", "item", Rating.AGAIN),
                          ("cons.outbox", "consistency", "item", Rating.EASY)], "notifications", now, {})
        store.save_reviews(None, first)
        again = schedule([("fail.dlq", "failures", "item", Rating.AGAIN)], "notifications", now,
                         {"fail.dlq": first[0].card_json})
        store.save_reviews(None, again)
    result = runner.invoke(app, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["item"] for c in data["due_this_week"]] == ["fail.dlq"]
    assert [(c["item"], c["lapses"], c["reviews"]) for c in data["lapsing"]] == [("fail.dlq", 2, 2)]
    table = runner.invoke(app, ["stats", "--lang", "en"])
    assert "Due for review this week" in table.stdout and "Items that keep lapsing" in table.stdout


def test_help_shows_flags_without_their_type() -> None:
    """`--help` shows `--force`, not `--force <bool>`."""
    result = runner.invoke(app, ["run", "--help"], terminal_width=100)
    assert result.exit_code == 0
    assert "--no-timer" in result.stdout and "<bool>" not in result.stdout
    assert "<path>" in result.stdout  # options with a value keep their type


def test_the_cli_loads_without_fsrs() -> None:
    """`coach --help` stays fast: fsrs is imported only when a review is scheduled."""
    code = "import sys, coach.cli; print('fsrs' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parent)
    assert out.stdout.strip() == "False"
