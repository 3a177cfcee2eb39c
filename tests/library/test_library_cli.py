"""Every command works for a second scenario (tiny-shop: no simulation) in both languages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, Invoke

LANGS = ("es", "en")


def _reference(coach: Invoke, tmp_path: Path, lang: str, scenario: str = "tiny-shop") -> Path:
    path = tmp_path / f"ref-{scenario}-{lang}.md"
    result = coach("sheet", scenario, "--reference", "--lang", lang, "--out", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_list_json_has_metadata_for_every_scenario(coach: Invoke) -> None:
    """--json gives each scenario its one-line summary, difficulty and duration."""
    result = coach("scenarios", "list", "--json", "--lang", "es")
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)["scenarios"]}
    tiny = rows["tiny-shop"]
    assert tiny["summary"] == "Carrito, pedido y stock sin vender de más."
    assert (tiny["difficulty"], tiny["difficulty_label"], tiny["duration_min"]) == ("easy", "fácil", 30)
    assert tiny["simulation"] is False and tiny["source"].startswith(str(DATA))
    notifications = rows["notifications"]
    assert notifications["summary"].startswith("Email, push y SMS tras una sola API")
    assert (notifications["difficulty"], notifications["duration_min"], notifications["simulation"]) == ("medium", 45, True)


def test_list_table_shows_summary_difficulty_and_duration(coach: Invoke) -> None:
    """The table names each scenario with its summary, difficulty and minutes."""
    result = coach("scenarios", "list", "--lang", "en")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Checkout for a small shop · easy · 30 min · no simulation" in text
    assert "Cart, order and stock without overselling." in text


def test_a_scenario_in_the_user_data_dir_is_listed(coach: Invoke, home: Path) -> None:
    """A file under COACH_HOME/content/scenarios appears in the list, like --content-dir."""
    target = home / "content" / "scenarios"
    target.mkdir(parents=True)
    shutil.copy(DATA / "scenarios" / "tiny-shop.toml", target)
    result = coach("scenarios", "list", "--json", content_dir=None)
    ids = [row["id"] for row in json.loads(result.stdout)["scenarios"]]
    assert "tiny-shop" in ids and "notifications" in ids
    assert coach("demo", "tiny-shop", content_dir=None).exit_code == 0


def test_menu_line_has_title_difficulty_duration_and_summary() -> None:
    """The bare `coach` menu shows the same one line the list does."""
    from coach.cli.session_cmds import menu_line
    from coach.content import Library

    entry = next(e for e in Library(DATA).catalogue("en") if e.id == "tiny-shop")
    assert menu_line(entry) == "Checkout for a small shop (tiny-shop) · easy · 30 min — Cart, order and stock without overselling."


def test_summary_falls_back_to_the_first_sentence_of_the_brief() -> None:
    """A scenario without a summary shows its brief's first sentence, emphasis removed."""
    from coach.content import Scenario

    scenario = Scenario.model_validate({
        "id": "x", "framework": "nine-step", "title": {"es": "X", "en": "X"},
        "brief": {"es": "Diseña **algo**. Más texto.", "en": "Design **something**. More text."},
    })
    assert (scenario.one_line("es"), scenario.one_line("en")) == ("Diseña algo.", "Design something.")
    assert (scenario.difficulty, scenario.duration_min, scenario.hand_estimates) == ("medium", None, None)


def test_demo_without_simulation_states_it_in_spanish(coach: Invoke) -> None:
    """`coach demo` says there is no simulation and lists the figures to compute by hand."""
    result = coach("demo", "tiny-shop", "--lang", "es")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert text.startswith("«Checkout de una tienda pequeña» no tiene simulación")
    assert "Calcula a mano estas cifras" in text
    assert "• Pedidos al día: 20/s × 86.400 s = 1,728 millones." in text


def test_demo_without_simulation_json_in_english(coach: Invoke) -> None:
    """--json: simulation false, the statement and the hand estimates, no demos."""
    result = coach("demo", "tiny-shop", "--lang", "en", "--json", "--step", "failures")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["simulation"] is False and data["demos"] == []
    assert data["statement"].startswith("“Checkout for a small shop” has no simulation")
    assert data["hand_estimates"][1] == "Peak: 20/s × 5 = 100 orders per second."


@pytest.mark.parametrize("lang", LANGS)
def test_sim_without_simulation_exits_2_with_one_line(coach: Invoke, lang: str) -> None:
    """`coach sim` on a scenario without [simulation]: exit 2, one line in the user's language."""
    result = coach("sim", "tiny-shop", "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    expected = "no tiene simulación" if lang == "es" else "has no simulation"
    assert expected in result.stderr and "coach demo tiny-shop" in result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_blank_sheet_and_reference_sheet(coach: Invoke, tmp_path: Path, lang: str) -> None:
    """The blank sheet and the reference sheet both name the scenario and every step."""
    blank = coach("sheet", "tiny-shop", "--lang", lang)
    assert blank.exit_code == 0
    assert blank.stdout.startswith(f"<!-- coach: scenario=tiny-shop lang={lang} framework=nine-step -->")
    reference = _reference(coach, tmp_path, lang).read_text("utf-8")
    assert reference.startswith(f"<!-- coach: scenario=tiny-shop lang={lang} framework=nine-step source=reference -->")
    assert reference.count("<!-- step: ") == 11
    assert ("Reservamos stock" if lang == "es" else "We reserve stock") in reference


@pytest.mark.parametrize("lang", LANGS)
def test_the_reference_sheet_scores_high(coach: Invoke, tmp_path: Path, lang: str) -> None:
    """`coach score` reads the reference sheet; tiny-shop's reference reaches senior or above."""
    result = coach("score", str(_reference(coach, tmp_path, lang)), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["scenario"], data["lang"]) == ("tiny-shop", lang)
    assert data["total"] >= 0.8 and data["level"]["id"] in ("senior", "staff")
    own = {i["id"]: i["covered"] for s in data["steps"] for i in s["items"] if i["id"].count(".") == 1}
    assert own["api.checkout"] and own["arch.inventory"] and own["cons.stock"] and own["scale.catalog_cache"]


@pytest.mark.parametrize("lang", LANGS)
def test_run_answers_export_and_rescore(coach: Invoke, tmp_path: Path, lang: str) -> None:
    """run --answers stores a session; export writes it again and scores the same."""
    sheet = _reference(coach, tmp_path, lang)
    out = tmp_path / "run.md"
    result = coach("run", "tiny-shop", "--answers", str(sheet), "--export", str(out))
    assert result.exit_code == 0, result.output
    session = json.loads(coach("history", "--json").stdout)["sessions"][0]
    assert (session["scenario"], session["lang"], session["status"]) == ("tiny-shop", lang, "finished")
    again = tmp_path / "again.md"
    assert coach("export", session["id"], "--out", str(again)).exit_code == 0
    first = json.loads(coach("score", str(out), "--json").stdout)["total"]
    second = json.loads(coach("score", str(again), "--json").stdout)["total"]
    assert first == second == session["total"]
    assert "no tiene simulación" not in again.read_text("utf-8")  # no demo section without a simulation


@pytest.mark.parametrize(("lang", "question", "answer"), [
    ("es", "¿cuántos pedidos hay en pico?", "20 pedidos por segundo de media"),
    ("en", "what is the retention?", "We keep orders for a year"),
])
def test_ask_answers_from_the_facts(coach: Invoke, lang: str, question: str, answer: str) -> None:
    """`coach ask` answers a tiny-shop question from its facts."""
    result = coach("ask", "tiny-shop", question, "--lang", lang, "--json")
    assert result.exit_code == 0, result.output
    assert answer in json.dumps(json.loads(result.stdout), ensure_ascii=False)


def test_stats_per_scenario_and_overall(coach: Invoke, tmp_path: Path) -> None:
    """Two scenarios practised: stats gives the overall trend and a row per scenario."""
    for lang in LANGS:
        assert coach("run", "tiny-shop", "--answers", str(_reference(coach, tmp_path, lang))).exit_code == 0
    notifications = _reference(coach, tmp_path, "en", "notifications")
    assert coach("run", "notifications", "--answers", str(notifications)).exit_code == 0
    data = json.loads(coach("stats", "--json").stdout)
    rows = {row["scenario"]: row for row in data["scenarios"]}
    assert (rows["tiny-shop"]["sessions"], rows["notifications"]["sessions"]) == (2, 1)
    assert all(len(tr["scores"]) == 3 for tr in data["trends"])
    assert all(len(tr["scores"]) == 2 for tr in rows["tiny-shop"]["trends"])
    table = " ".join(coach("stats", "--lang", "es").stdout.split())
    assert "Evolución por paso · todos los escenarios" in table and "Por escenario" in table
    assert "Checkout de una tienda pequeña (tiny-shop) │ 2" in table
    only = json.loads(coach("stats", "--scenario", "tiny-shop", "--json").stdout)
    assert [row["scenario"] for row in only["scenarios"]] == ["tiny-shop"]


def test_drill_picks_the_scenario_of_the_latest_session() -> None:
    """--scenario wins; then the newest session's installed scenario; then the only one; else None."""
    from coach.review import drill_scenario

    installed = {"notifications", "tiny-shop"}
    assert drill_scenario("x", [], installed) == "x"
    assert drill_scenario(None, ["gone", "tiny-shop", "notifications"], installed) == "tiny-shop"
    assert drill_scenario(None, [], {"tiny-shop"}) == "tiny-shop"
    assert drill_scenario(None, [], installed) is None


def test_due_drill_plans_every_scenario() -> None:
    """Cards due in two scenarios make two drills, each with its own steps."""
    from coach.content import STEP_IDS
    from coach.review import plan_due

    plans = plan_due([("tiny-shop", "consistency", "cons.stock"), ("notifications", "failures", "fail.dlq"),
                      ("tiny-shop", "api", "api.checkout")], STEP_IDS)
    assert [(p.scenario, p.steps) for p in plans] == [
        ("tiny-shop", ("api", "consistency")), ("notifications", ("failures",)),
    ]


def test_drill_step_without_a_scenario_asks_which(coach: Invoke) -> None:
    """`coach drill 7` with two scenarios and no history: one line asking for --scenario, exit 2."""
    result = coach("drill", "7", "--lang", "en")
    assert result.exit_code == 2
    from coach.content import Library

    known = sorted({*Library(use_user_dir=False).scenarios, "tiny-shop"})
    assert result.stderr.startswith(f"coach: which scenario? pass --scenario ID (known: {', '.join(known)})")


def test_drill_step_uses_the_latest_scenario(coach: Invoke, tmp_path: Path) -> None:
    """After a tiny-shop session, `coach drill 7` goes on to tiny-shop (here: no terminal, exit 2)."""
    assert coach("run", "tiny-shop", "--answers", str(_reference(coach, tmp_path, "en"))).exit_code == 0
    result = coach("drill", "7", "--lang", "en")
    assert result.exit_code == 2 and "not an interactive terminal" in result.stderr


def test_score_without_header_needs_a_scenario(coach: Invoke, tmp_path: Path) -> None:
    """A headerless sheet with several scenarios installed asks for --scenario, then scores."""
    sheet = tmp_path / "plain.md"
    sheet.write_text("<!-- step: api -->\n## API\nPOST /orders with an idempotency key.\n", encoding="utf-8")
    result = coach("score", str(sheet))
    assert result.exit_code == 2 and "pass --scenario ID" in result.stderr
    scored = coach("score", str(sheet), "--scenario", "tiny-shop", "--json")
    assert json.loads(scored.stdout)["scenario"] == "tiny-shop"


def test_evaluation_labels_use_the_scenario_ids() -> None:
    """A labelled set for another scenario names that scenario's items, not the notifications spec."""
    from coach.content import Library
    from coach.scoring.evaluation import labelled_ids
    from coach.spec import REQUIRED_IDS

    library = Library(DATA, use_user_dir=False)
    assert labelled_ids(library.bundle("notifications")) == frozenset(REQUIRED_IDS)
    tiny = labelled_ids(library.bundle("tiny-shop"))
    assert {"cons.stock", "fail.dlq"} <= tiny and "arch.providers" not in tiny


def test_help_stays_light() -> None:
    """`coach scenarios --help` loads no content, skeleton, review, scoring or simulation code."""
    code = (
        "import sys\nfrom coach.cli import app\n"
        "try:\n    app(['scenarios', '--help'])\nexcept SystemExit:\n    pass\n"
        "import json; print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = json.loads(out.stdout.strip().splitlines()[-1])
    heavy = [m for m in modules if m.startswith(("coach.content", "coach.skeleton", "coach.review", "coach.sim",
                                                 "coach.scoring"))]
    assert heavy == []


def test_a_keyword_list_stays_below_mid(coach: Invoke, tmp_path: Path) -> None:
    """Item names listed in every step, with no decision or reason, score below mid (docs/authoring.md)."""
    from coach.content import STEP_IDS

    words = "- checkout, POST /orders, stock reservation, overselling, product cache, idempotency key, retries, DLQ"
    sheet = tmp_path / "keywords.md"
    body = "".join(f"\n<!-- step: {step} -->\n## {step}\n\n{words}\n" for step in STEP_IDS)
    sheet.write_text("<!-- coach: scenario=tiny-shop lang=en -->\n" + body, encoding="utf-8")
    data = json.loads(coach("score", str(sheet), "--json").stdout)
    assert data["level"]["id"] == "below"
