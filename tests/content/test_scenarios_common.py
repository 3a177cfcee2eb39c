"""The checks every shipped scenario passes, and those driven by its row in scenario_table.toml
(figures, keyword salads, clarifying questions, own words); each scenario's own story stays in its
test_scenario_*.py."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.content import ITEM_LEVELS, STEP_IDS, Bundle, Library
from coach.interviewer import AskKind, answer_question
from coach.scoring import score_answers, score_sheet
from coach.sheet import parse_sheet

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(Library(use_user_dir=False).scenarios)
TABLE: dict[str, dict[str, Any]] = tomllib.loads((Path(__file__).parent / "scenario_table.toml").read_text("utf-8"))
ROWS = sorted(TABLE)
LANGS = ("es", "en")
# Covered by tests/scoring, tests/test_interviewer.py and test_notifications_v2.py, not by a table row.
UNTABLED = {"notifications"}
ENGLISH_NUMBER = re.compile(r"\d,\d{3}(?!\d)|\d\.(?:\d{1,2}|\d{4,})(?!\d)")
NOT_ES_ES = re.compile(r"\bcostos?\b|\bretries\b|\bGDPR\b", re.IGNORECASE)


def _cases(field: str) -> list[Any]:
    """One pytest param per (scenario, language, question, fact) of the table's `field`."""
    return [pytest.param(sid, lang, q, fact, id=f"{sid}-{lang}-{n}")
            for sid in ROWS for lang in LANGS for n, (q, fact) in enumerate(TABLE[sid].get(field, {}).get(lang, []))]


def _more(field: str) -> list[Any]:
    return [pytest.param(sid, *case, id=f"{sid}-{n}") for sid in ROWS
            for n, case in enumerate(TABLE[sid].get("more", {}).get(field, []))]


@pytest.fixture(scope="module", params=SHIPPED)
def any_bundle(request: pytest.FixtureRequest, shipped_bundle: Callable[[str], Bundle]) -> Bundle:
    return shipped_bundle(request.param)


@pytest.fixture(scope="module", params=ROWS)
def row_bundle(request: pytest.FixtureRequest, shipped_bundle: Callable[[str], Bundle]) -> Bundle:
    return shipped_bundle(request.param)


def test_every_scenario_file_is_shipped() -> None:
    """Each scenarios/*.toml is one shipped scenario, so the checks below run over all of them."""
    assert len(SHIPPED) == len(list((ROOT / "scenarios").glob("*.toml")))


def test_every_scenario_but_the_first_has_a_table_row() -> None:
    """scenario_table.toml has one row per shipped scenario (notifications is tested on its own)."""
    assert set(ROWS) == set(SHIPPED) - UNTABLED


def test_the_file_validates(any_bundle: Bundle) -> None:
    """`coach scenarios validate` accepts the shipped file."""
    path = ROOT / "scenarios" / f"{any_bundle.scenario.id}.toml"
    result = runner.invoke(app, ["scenarios", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(f"scenario {any_bundle.scenario.id}")


def test_it_is_listed_with_a_summary_and_a_difficulty(any_bundle: Bundle) -> None:
    """`coach scenarios list --json` shows it with a summary, a difficulty and a duration."""
    listed = runner.invoke(app, ["scenarios", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    entry = {e["id"]: e for e in json.loads(listed.output)["scenarios"]}[any_bundle.scenario.id]
    assert entry["summary"] and entry["difficulty"] and entry["duration_min"]
    assert entry["simulation"] is any_bundle.scenario.has_simulation
    row = TABLE.get(any_bundle.scenario.id)
    if row is not None:
        assert (entry["difficulty"], entry["duration_min"]) == (row["difficulty"], row["duration_min"])


def test_its_own_items_have_a_level(any_bundle: Bundle) -> None:
    """Every item a scenario adds states a level the framework knows."""
    assert all(item.level in ITEM_LEVELS for item in any_bundle.scenario.items)


def test_the_reference_answers_every_step(any_bundle: Bundle) -> None:
    """The reference answer has a text for each of the steps, in both languages."""
    assert set(any_bundle.scenario.reference) == set(STEP_IDS)
    assert all(text.es.strip() and text.en.strip() for text in any_bundle.scenario.reference.values())


def test_hints_are_imperative(any_bundle: Bundle) -> None:
    """A hint tells the candidate what to do ("Name…", "Nombra…"), not what someone does."""
    items = any_bundle.scenario.items
    assert not [i.id for i in items if re.match(r"^[A-Z][a-z]+(?<!ss)s\b", i.hint.en)]
    assert not [i.id for i in items if re.match(r"^(?:Propone|Pone|Hace|Dice)\b", i.hint.es)]


@pytest.mark.parametrize("lang", LANGS)
def test_coach_score_reads_the_reference_sheet(any_bundle: Bundle, lang: str, tmp_path: Path,
                                               reference_sheet: Callable[[Bundle, str], str]) -> None:
    """`coach score REF.md --json` reads the reference sheet back as this scenario, at senior or above."""
    sheet = tmp_path / f"ref_{lang}.md"
    sheet.write_text(reference_sheet(any_bundle, lang), "utf-8")
    result = runner.invoke(app, ["score", str(sheet), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["scenario"] == any_bundle.scenario.id
    assert data["total"] >= 0.9 and data["level"]["id"] in ("senior", "staff")


def test_the_content_has_its_parts(row_bundle: Bundle) -> None:
    """Facts and own items within the row's ranges, every fact with matching data, 3–4 failure cards."""
    sc, row = row_bundle.scenario, TABLE[row_bundle.scenario.id]
    assert row["facts"][0] <= len(sc.facts) <= row["facts"][1]
    assert row["items"][0] <= len(sc.items) <= row["items"][1]
    assert all(fact.match is not None for fact in sc.facts)
    assert 3 <= len(sc.failure_cards) <= 4
    assert {item.step for item in sc.items} >= set(STEP_IDS) - {"opening", "estimates", "closing"}


def test_every_own_item_has_a_probe_with_an_escalation(row_bundle: Bundle) -> None:
    """Each own item has a probe (but the row's `unprobed`), and each probe an escalation (but `no_escalation`)."""
    sc, row = row_bundle.scenario, TABLE[row_bundle.scenario.id]
    probes = [*sc.probes, *(p for item in sc.items for p in item.probes)]
    probed = {p.item for p in sc.probes} | {item.id for item in sc.items if item.probes}
    assert {item.id for item in sc.items} - probed <= set(row["unprobed"])
    own = {item.id for item in sc.items}
    flat = {p.item for p in sc.probes if p.item in own and p.escalation is None}
    flat |= {item.id for item in sc.items for p in item.probes if p.escalation is None}
    assert flat <= set(row["no_escalation"])
    assert probes


def test_own_items_have_the_levels_of_the_table(row_bundle: Bundle) -> None:
    """The row's `levels` are the items' levels (and every own item, when `levels_complete`)."""
    row = TABLE[row_bundle.scenario.id]
    levels = {item.id: item.level for item in row_bundle.scenario.items}
    want = row.get("levels", {})
    assert {item: levels.get(item) for item in want} == want
    if row.get("levels_complete"):
        assert levels == want


def test_a_scenario_without_a_simulation_has_hand_estimates(row_bundle: Bundle) -> None:
    """No simulation and no cost model: at least four hand estimates, as many in each language."""
    sc = row_bundle.scenario
    assert not sc.has_simulation and sc.simulation is None and sc.costs is None
    assert sc.hand_estimates is not None
    assert len(sc.hand_estimates.es) == len(sc.hand_estimates.en) >= 4


@pytest.mark.parametrize("lang", LANGS)
def test_the_reference_sheet_reaches_ninety_percent_with_right_estimates(
        row_bundle: Bundle, lang: str, reference_sheet: Callable[[Bundle, str], str]) -> None:
    """The reference, read back as a sheet, scores 90 % at senior or staff, covers every own item, and
    its estimates (and every other figure it checks) add up."""
    result = score_sheet(parse_sheet(reference_sheet(row_bundle, lang)), row_bundle)
    assert result.total >= 0.9
    assert result.level in ("senior", "staff")
    assert {item.id for item in row_bundle.scenario.items} <= result.covered_ids()
    findings = result.step("estimates").arithmetic
    assert findings and all(f.ok for f in findings), [f.message for f in findings if not f.ok]
    assert not [f.message for step in result.steps for f in step.arithmetic if not f.ok]


def _rows_with(field: str) -> list[Any]:
    return [pytest.param(sid, lang, id=f"{sid}-{lang}") for sid in ROWS if field in TABLE[sid] for lang in LANGS]


@pytest.mark.parametrize(("sid", "lang"), _rows_with("salad"))
def test_a_keyword_list_per_step_stays_below_mid(shipped_bundle: Callable[[str], Bundle], sid: str, lang: str) -> None:
    """A candidate who names the scenario's buzzwords step by step and decides nothing stays below mid."""
    result = score_answers(TABLE[sid]["salad"][lang], shipped_bundle(sid), lang)  # type: ignore[arg-type]
    assert result.level == "below"
    assert result.total < 0.25


@pytest.mark.parametrize(("sid", "lang"), _rows_with("salad_line"))
def test_one_keyword_line_in_every_step_stays_below_mid(shipped_bundle: Callable[[str], Bundle], sid: str,
                                                        lang: str) -> None:
    """The same buzzword line pasted into every step stays below mid."""
    line = TABLE[sid]["salad_line"][lang]
    result = score_answers({step: line for step in STEP_IDS}, shipped_bundle(sid), lang)  # type: ignore[arg-type]
    assert result.level == "below"


@pytest.mark.parametrize("sid", ROWS)
def test_there_are_ten_typical_questions_per_language(sid: str) -> None:
    """Each row asks at least ten clarifying questions in each language."""
    assert all(len(TABLE[sid]["questions"][lang]) >= 10 for lang in LANGS)


@pytest.mark.parametrize(("sid", "lang", "question", "fact"), _cases("questions"))
def test_a_typical_question_finds_its_fact(shipped_bundle: Callable[[str], Bundle], sid: str, lang: str,
                                           question: str, fact: str) -> None:
    """`coach ask` answers a typical clarifying question from the fact the row names."""
    answer = answer_question(shipped_bundle(sid), question, lang)  # type: ignore[arg-type]
    assert (answer.kind, answer.fact_id) == (AskKind.FACT, fact)


@pytest.mark.parametrize(("sid", "lang", "question"), _more("design"))
def test_a_design_choice_is_the_candidates_call(shipped_bundle: Callable[[str], Bundle], sid: str, lang: str,
                                                question: str) -> None:
    """A question about a design choice gets no fact: the candidate decides."""
    answer = answer_question(shipped_bundle(sid), question, lang)  # type: ignore[arg-type]
    assert (answer.kind, answer.fact_id) == (AskKind.DESIGN, None)


@pytest.mark.parametrize(("sid", "lang", "question"), _more("unknown"))
def test_an_unrelated_question_gets_no_fact(shipped_bundle: Callable[[str], Bundle], sid: str, lang: str,
                                            question: str) -> None:
    """A question the scenario does not cover finds no fact."""
    assert answer_question(shipped_bundle(sid), question, lang).fact_id is None  # type: ignore[arg-type]


@pytest.mark.parametrize(("sid", "lang", "question", "expected"), _more("ask_cli"))
def test_coach_ask_prints_the_facts_figure(sid: str, lang: str, question: str, expected: str) -> None:
    """`coach ask ID QUESTION --json` carries the figure of the fact it found."""
    result = runner.invoke(app, ["ask", sid, question, "--lang", lang, "--json"])
    assert result.exit_code == 0, result.output
    assert expected in json.dumps(json.loads(result.stdout), ensure_ascii=False)


@pytest.mark.parametrize(
    ("sid", "lang", "step", "text", "item", "expect"),
    [pytest.param(sid, w["lang"], w["step"], w["text"], w["item"], w["expect"], id=f"{sid}-{n}")
     for sid in ROWS for n, w in enumerate(TABLE[sid].get("words", []))],
)
def test_a_candidates_own_words_earn_or_miss_the_item(shipped_bundle: Callable[[str], Bundle], sid: str, lang: str,
                                                      step: str, text: str, item: str, expect: str) -> None:
    """A paraphrase earns its item ("justified" or "covered"); a look-alike or a bare word does not ("absent")."""
    result = score_answers({step: text}, shipped_bundle(sid), lang)  # type: ignore[arg-type, dict-item]
    if expect == "absent":
        assert item not in result.covered_ids()
    elif expect == "covered":
        assert result.item(item).covered
    else:
        assert result.item(item).credit == expect


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("sid", "other"), [pytest.param(sid, other, id=f"{sid}-{other}") for sid in ROWS
                                            for other in TABLE[sid].get("more", {}).get("grounded_against", [])])
def test_an_answer_about_another_system_earns_no_grounded_item(
        shipped_bundle: Callable[[str], Bundle], reference_answers: Callable[[Bundle, str], dict[str, str]],
        sid: str, other: str, lang: str) -> None:
    """Another scenario's reference, scored here, keeps generic items only (grounding)."""
    bundle = shipped_bundle(sid)
    result = score_answers(reference_answers(shipped_bundle(other), lang), bundle, lang)  # type: ignore[arg-type]
    assert bundle.scenario.grounding is not None
    assert not set(bundle.scenario.grounding.items) & result.covered_ids()


def test_spanish_text_writes_spanish_numbers_and_es_es_terms(row_bundle: Bundle) -> None:
    """86.400 and 8,64 in Spanish, never 86,400 or 8.64 (but the row's exceptions); costes, reintentos, RGPD."""
    sc = row_bundle.scenario
    texts = [("brief", sc.brief.es)] + [(f"fact {f.id}", f.answer.es) for f in sc.facts]
    texts += [(f"reference {k}", v.es) for k, v in sc.reference.items()]
    texts += [(f"hint {i.id}", i.hint.es) for i in sc.items]
    texts += [(f"probe {p.item}", p.question.es) for p in sc.probes]
    texts += [(f"probe {i.id}", p.question.es) for i in sc.items for p in i.probes]
    texts += [(f"hand estimate {n}", t) for n, t in enumerate(sc.hand_estimates.es if sc.hand_estimates else [])]
    allowed = set(TABLE[sc.id].get("spanish_number_exceptions", []))
    wrong = [(where, m.group()) for where, text in texts for m in ENGLISH_NUMBER.finditer(text)
             if m.group() not in allowed]
    wrong += [(where, m.group()) for where, text in texts for m in NOT_ES_ES.finditer(text)]
    assert not wrong


def test_demo_says_there_is_no_simulation(row_bundle: Bundle) -> None:
    """`coach demo ID` of a scenario without a simulation says so (and lists the row's figure); `coach sim` refuses."""
    sid = row_bundle.scenario.id
    figure = TABLE[sid].get("more", {}).get("demo_figure", "")
    for lang, words in (("en", "no simulation"), ("es", "no tiene simulación")):
        result = runner.invoke(app, ["demo", sid, "--lang", lang])
        assert result.exit_code == 0, result.output
        assert words in result.output and figure in result.output
    assert runner.invoke(app, ["sim", sid]).exit_code == 2


@pytest.mark.parametrize("lang", LANGS)
def test_run_with_the_reference_answers_finishes(row_bundle: Bundle, lang: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 reference_sheet: Callable[[Bundle, str], str]) -> None:
    """`coach run ID --answers REF.md` runs the session non-interactively and saves it at 90 % or more."""
    sid = row_bundle.scenario.id
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    sheet = tmp_path / f"ref_{lang}.md"
    sheet.write_text(reference_sheet(row_bundle, lang), "utf-8")
    result = runner.invoke(app, ["run", sid, "--answers", str(sheet)])
    assert result.exit_code == 0, result.output
    history = json.loads(runner.invoke(app, ["history", "--json"]).stdout)["sessions"][0]
    assert (history["scenario"], history["lang"], history["status"]) == (sid, lang, "finished")
    assert history["total"] >= 0.9
