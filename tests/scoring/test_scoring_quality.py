"""The training sets of tests/eval/train keep their level: regression floors (figures on sets the rules saw)."""

from __future__ import annotations

import functools
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from coach.scoring import evaluation

TRAIN = evaluation.EVAL_DIR / "train"


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    """Score every sheet of tests/eval/train/main against its labels (shipped content)."""
    return evaluation.evaluate(TRAIN / "main")


def test_the_set_is_big_enough_and_half_spanish(report) -> None:  # type: ignore[no-untyped-def]
    """At least 16 sheets, half of them Spanish."""
    names = [sheet.name for sheet in report.sheets]
    assert len(names) >= 16
    assert sum(name.startswith("es_") for name in names) >= len(names) / 2


def test_micro_precision(report) -> None:  # type: ignore[no-untyped-def]
    """Items the scorer ticks are items a strict interviewer ticks (>= 0.95)."""
    assert report.precision >= 0.95, [(s.name, sorted(s.false_positives)) for s in report.sheets]


def test_micro_recall(report) -> None:  # type: ignore[no-untyped-def]
    """Items a strict interviewer ticks are found (>= 0.90)."""
    assert report.recall >= 0.90, [(s.name, sorted(s.false_negatives)) for s in report.sheets]


def test_arithmetic_findings_match_the_labels(report) -> None:  # type: ignore[no-untyped-def]
    """Exactly the labelled wrong checks are flagged; every other stated figure passes."""
    mismatches = [(s.name, sorted(s.wrong_expected), sorted(s.wrong_found)) for s in report.sheets
                  if s.wrong_expected != s.wrong_found]
    assert not mismatches


def test_off_topic_sheets_get_no_notification_specific_items(report) -> None:  # type: ignore[no-untyped-def]
    """A URL-shortener answer earns no item that only a notification design states."""
    specific = {"api.contract", "api.idempotency_key", "arch.providers", "arch.workers", "fail.dlq",
                "req.functional", "api.data_model", "opening.topology"}
    for sheet in report.sheets:
        if sheet.name in ("en_offtopic.md", "es_fuera_de_tema.md"):
            assert not (sheet.predicted & specific), sheet.predicted & specific


def test_holdout_sets_keep_their_level() -> None:
    """The holdout sheets (written after tuning, other topics included) stay precise: a regression floor."""
    sheets = [s for name in ("holdout", "holdout2") for s in evaluation.evaluate(TRAIN / name).sheets]
    predicted = sum(len(s.predicted) for s in sheets)
    labelled = sum(len(s.labelled) for s in sheets)
    true_positives = sum(s.true_positives for s in sheets)
    assert true_positives / predicted >= 0.93
    assert true_positives / labelled >= 0.90
    assert all(s.wrong_expected == s.wrong_found for s in sheets)


def test_the_independent_holdout_keeps_its_level() -> None:
    """holdout3 (12 sheets by a writer who never saw the rules): a regression floor, arithmetic exact."""
    report = evaluation.evaluate(TRAIN / "holdout3")
    assert len(report.sheets) == 12
    assert report.precision >= 0.95, [(s.name, sorted(s.false_positives)) for s in report.sheets]
    assert report.recall >= 0.93, [(s.name, sorted(s.false_negatives)) for s in report.sheets]
    assert report.arithmetic_ok, [(s.name, sorted(s.wrong_expected), sorted(s.wrong_found)) for s in report.sheets]


def test_the_second_independent_holdout_keeps_its_level() -> None:
    """holdout4 (10 sheets by a second independent writer, dismissals and buzzword lists): a regression floor."""
    report = evaluation.evaluate(TRAIN / "holdout4")
    assert len(report.sheets) == 10
    assert report.precision >= 0.97, [(s.name, sorted(s.false_positives)) for s in report.sheets]
    assert report.recall >= 0.97, [(s.name, sorted(s.false_negatives)) for s in report.sheets]
    assert report.arithmetic_ok, [(s.name, sorted(s.wrong_expected), sorted(s.wrong_found)) for s in report.sheets]


ADVERSARIAL_TRAIN = ("s4", "s5", "s6", "s8", "lib", "lib2", "lib3")


def test_the_adversarial_train_sets_keep_their_level() -> None:
    """Salads, rejections, hedges, questions and off-topic sheets of seven retired sealed sets (83 sheets,
    all tuned on): a regression floor under the figures of 2026-12-06 (P 0.871, R 0.906, 200 of 1,282
    rejected ideas ticked, the worst salad at 36 %)."""
    _assert_floor(ADVERSARIAL_TRAIN, precision=0.86, recall=0.89, rejected_share=0.17, worst_salad=0.40)


def _assert_floor(
    names: tuple[str, ...], *, precision: float, recall: float, rejected_share: float, worst_salad: float | None,
    honest: float | None = None,
) -> None:
    """Micro precision and recall over the sets, the share of rejected ideas ticked, the worst salad (None:
    the sets hold no keyword salad); with `honest`, the floor of precision and recall over the honest
    candidates alone."""
    reports = _floored_reports()
    sheets = [s for name in names for s in reports[name].sheets]
    if honest is not None:
        candidates = evaluation.micro([s for s in sheets if s.kind == "normal"])
        assert candidates[0] >= honest and candidates[1] >= honest, candidates
    measured = evaluation.micro(sheets)
    assert measured[0] >= precision and measured[1] >= recall, measured
    named = sum(len(s.rejected) for s in sheets)
    ticked = sum(len(s.rejected_ticked) for s in sheets)
    assert ticked <= rejected_share * named, (ticked, named)
    salads = [s.total for s in sheets if s.kind == "salad"]
    assert (worst_salad is None) == (not salads)
    assert not salads or max(salads) <= (worst_salad or 0.0)


@functools.cache
def _floored_reports() -> dict[str, evaluation.Report]:
    """Every set a floor names, scored once, on every core: the floors read some 2,000 sheets, about
    three minutes on one core, and each floor's test only sums what they found."""
    names = sorted(set(FLOORED_SETS))
    with ProcessPoolExecutor(max_workers=max(1, min(len(names), os.cpu_count() or 1))) as pool:
        return dict(zip(names, pool.map(evaluation.evaluate, [TRAIN / name for name in names]), strict=True))


THIRD_SESSION_TRAIN = (
    "s11", "s12", "s13", "s14", "s15", "s16", "s17", "lib7", "lib8", "lib9", "lib10", "lib11", "lib12", "lib13",
    "ac1", "ac2", "ac3", "ac4", "ac5", "ac6", "ac7",
)


def test_the_sets_retired_in_the_third_session_keep_their_level() -> None:
    """Twenty-one sets (252 sheets, every scenario, a third adversarial) measured once sealed and then
    tuned on: a regression floor under the figures of 2026-12-06 (P 0.937, R 0.949, 320 of 2,084
    rejected ideas ticked, the worst salad at 27 %)."""
    _assert_floor(THIRD_SESSION_TRAIN, precision=0.93, recall=0.94, rejected_share=0.17, worst_salad=0.30)


FOURTH_SESSION_TRAIN = ("s18", "s19", "s20", "lib14", "lib15", "lib16", "ac8", "ac9", "ac10")


def test_the_sets_retired_in_the_fourth_session_keep_their_level() -> None:
    """Nine sets (107 sheets: consultants, principals, war stories, tables and code, transcripts) measured
    once sealed and then tuned on: a regression floor under the figures of 2026-12-06 (P 0.944, R 0.956,
    115 of 960 rejected ideas ticked, the worst salad at 9 %)."""
    _assert_floor(FOURTH_SESSION_TRAIN, precision=0.935, recall=0.95, rejected_share=0.13, worst_salad=0.15)


FIFTH_SESSION_TRAIN = ("s21", "s22", "s23", "lib17", "lib18", "lib19", "ac11", "ac12", "ac13")


def test_the_sets_retired_in_the_fifth_session_keep_their_level() -> None:
    """Nine sets (96 sheets, half of them adversarial by request: prose salads, everyday turn-downs, war
    stories, answers about another system) measured once sealed and then tuned on: a regression floor
    under the figures of 2026-12-06 (P 0.886, R 0.956, 276 of 1,166 rejected ideas ticked, the worst
    salad at 24 %). Three library writers label an answer about another system as earning nothing,
    where the spec grants its generic items: those sheets hold 74 of the false ticks."""
    _assert_floor(FIFTH_SESSION_TRAIN, precision=0.875, recall=0.95, rejected_share=0.25, worst_salad=0.30)


SIXTH_SESSION_TRAIN = ("s25", "s26", "s27", "lib21", "lib22", "lib23", "ac15", "ac16", "ac17")


def test_the_sets_retired_in_the_sixth_session_keep_their_level() -> None:
    """Nine sets (108 sheets asked for as hiring weeks: 75 honest candidates, 33 adversarial) measured
    once sealed and then tuned on: a regression floor under the figures of 2026-12-06. Honest
    candidates P 0.962, R 0.958; all sheets P 0.826, R 0.957 when retired; the voice stage (voice.py)
    then took the adversarial documents (an ADR, minutes, a team wiki, a glossary, a survey essay)
    from 647 to 196 of 1,744 rejected ideas ticked, all sheets to P 0.919, the worst salad to 31 %."""
    _assert_floor(SIXTH_SESSION_TRAIN, honest=0.95, precision=0.91, recall=0.95, rejected_share=0.13, worst_salad=0.35)


SEVENTH_SESSION_TRAIN = ("s28", "s29", "s30", "lib24", "lib25", "lib26", "ac18", "ac19", "ac20")


def test_the_sets_retired_in_the_seventh_session_keep_their_level() -> None:
    """Nine sets (108 sheets, hiring weeks: decision logs, minutes, glossaries, tenders, syllabi, job
    adverts, vendor pages and podcasts among the adversarial ones) measured once sealed and then tuned
    on: a regression floor under the figures of 2026-12-06 (honest candidates P 0.959, R 0.965; all
    sheets P 0.869, R 0.961; 457 of 2,050 rejected ideas ticked; the worst salad at 50 %), raised in the
    eighth session to what it holds there (honest P 0.960, R 0.969; all P 0.913; 251 ticked; salad 9 %)."""
    _assert_floor(SEVENTH_SESSION_TRAIN, honest=0.95, precision=0.90, recall=0.95, rejected_share=0.15, worst_salad=0.20)


EIGHTH_SESSION_TRAIN = (
    "s31", "s32", "s33", "s34", "s35", "lib27", "lib28", "lib29", "lib30", "lib31", "ac21", "ac22", "ac23", "ac24", "ac25",
)


def test_the_sets_retired_in_the_eighth_session_keep_their_level() -> None:
    """Fifteen sets (180 sheets, hiring weeks: job adverts, questionnaires to suppliers, chat exports,
    a podcast, a conference programme, a translator's glossary, brochures and postmortems of other
    systems among the adversarial ones) measured once sealed and then tuned on: a regression floor
    under the figures of 2026-12-06 (honest candidates P 0.964, R 0.965; all sheets P 0.938, R 0.962;
    239 of 2,378 rejected ideas ticked; the worst salad at 23 %)."""
    _assert_floor(EIGHTH_SESSION_TRAIN, honest=0.95, precision=0.93, recall=0.95, rejected_share=0.12, worst_salad=0.30)


NINTH_SESSION_TRAIN = (
    "s40", "s41", "s42", "s43", "lib36", "lib37", "lib38", "lib39", "ac30", "ac31", "ac32", "ac33",
)


def test_the_sets_retired_in_the_ninth_session_keep_their_level() -> None:
    """Twelve sets (144 sheets, hiring weeks: an astrology column, a retirement and a farewell speech, an
    issue tracker's backlog, an exam paper, a newsletter's column, a statement of work's exclusions,
    a tender's technical proposal and a thesis about other systems among the adversarial ones)
    measured once sealed and then tuned on: a regression floor under the figures of 2026-12-06
    (honest candidates P 0.961, R 0.961; all sheets P 0.936, R 0.949; 166 of 1,912 rejected ideas
    ticked; the worst salad at 7 %)."""
    _assert_floor(NINTH_SESSION_TRAIN, honest=0.95, precision=0.93, recall=0.94, rejected_share=0.10, worst_salad=0.15)


TENTH_SESSION_TRAIN = (
    "s44", "s45", "s46", "s47", "s48", "s49", "s50", "lib40", "lib41", "lib42", "lib43", "lib44", "lib45", "lib46",
    "ac34", "ac35", "ac36", "ac37", "ac38", "ac39", "ac40",
)


def test_the_sets_retired_in_the_tenth_session_keep_their_level() -> None:
    """Twenty-one sets (252 sheets, hiring weeks: a course's self-assessment quiz, a wine column, a keyboard's
    review, a retirement toast for a system, a wedding toast full of jargon, committees' and homeowners'
    minutes, complaint letters and museum guides among the adversarial ones) measured once sealed and then
    tuned on: a regression floor under the figures of 2026-12-07 (honest candidates P 0.962, R 0.969; all
    sheets P 0.940, R 0.967; 226 of 1,580 rejected ideas ticked; the worst salads, the wine column and the
    wedding toast, at 39 % and 37 %)."""
    _assert_floor(TENTH_SESSION_TRAIN, honest=0.95, precision=0.93, recall=0.95, rejected_share=0.16, worst_salad=0.42)


ELEVENTH_SESSION_TRAIN = (
    "s51", "s52", "s53", "s54", "s55", "s56", "lib47", "lib48", "lib49", "lib50", "lib51", "lib52",
    "ac41", "ac42", "ac43", "ac44", "ac45", "ac46",
)


def test_the_sets_retired_in_the_eleventh_session_keep_their_level() -> None:
    """Eighteen sets (216 sheets, hiring weeks from writer kits rebuilt that session: an obituary for a
    WebSocket gateway, two courts' rulings on an autocomplete suggestion, a reservoir's night log, a vendor
    questionnaire, a keyboard's build log and best man's toasts among the adversarial ones) measured once
    sealed and then tuned on: a regression floor under the figures of 2026-12-07 (honest candidates
    P 0.968, R 0.976; all sheets P 0.955, R 0.973; 163 of 1,500 rejected ideas ticked; the worst salad,
    a best man's toast, at 7 %)."""
    _assert_floor(ELEVENTH_SESSION_TRAIN, honest=0.96, precision=0.945, recall=0.965, rejected_share=0.13, worst_salad=0.12)


TWELFTH_SESSION_TRAIN = tuple(
    [f"s{n}" for n in range(57, 64)] + [f"lib{n}" for n in range(53, 60)] + [f"ac{n}" for n in range(47, 54)]
)


def test_the_sets_retired_in_the_twelfth_session_keep_their_level() -> None:
    """Twenty-one sets (252 sheets: a parlour game's minutes with six players by their initials, a game's
    rulebook, keyboard build logs, a stadium's safety annex, drought notices and a theatre's programme
    among the adversarial ones) measured once sealed and then tuned on: a regression floor under the
    figures of 2026-12-07 (honest candidates P 0.978, R 0.986; all sheets P 0.946, R 0.980; 308 of 2,187
    rejected ideas ticked; no salad above 0 %)."""
    _assert_floor(TWELFTH_SESSION_TRAIN, honest=0.965, precision=0.935, recall=0.97, rejected_share=0.15, worst_salad=0.05)


THIRTEENTH_SESSION_TRAIN = tuple(
    [f"s{n}" for n in range(64, 70)] + [f"lib{n}" for n in range(60, 66)] + [f"ac{n}" for n in range(54, 60)]
)


def test_the_sets_retired_in_the_thirteenth_session_keep_their_level() -> None:
    """Eighteen sets (216 sheets: best man's toasts, a stand-up set, an auctioneer's catalogue of a
    liquidated company, board games' rulebooks, a bank customer's complaint letter, courts' rulings and
    arbitration awards among the adversarial ones) measured once sealed and then tuned on: a regression
    floor under the figures of 2026-12-07 (honest candidates P 0.986, R 0.987; all sheets P 0.952,
    R 0.980; 221 of 1,741 rejected ideas ticked; the worst salad, the auction catalogue, at 41 %)."""
    _assert_floor(THIRTEENTH_SESSION_TRAIN, honest=0.975, precision=0.94, recall=0.97, rejected_share=0.14, worst_salad=0.45)


FOURTEENTH_SESSION_TRAIN = tuple(
    [f"s{n}" for n in range(70, 78)] + [f"lib{n}" for n in range(66, 74)] + [f"ac{n}" for n in range(60, 68)]
)


def test_the_sets_retired_in_the_fourteenth_session_keep_their_level() -> None:
    """Twenty-four sets (288 sheets: retirement and wedding toasts, five-a-side match reports, theatre,
    record and album reviews, an auction catalogue, a dance programme, board games' rulebooks, horoscopes,
    museum audio guides and homeowners' minutes among the adversarial ones) measured once sealed and then
    tuned on: a regression floor under the figures of 2026-12-07 (honest candidates P 0.987, R 0.986; all
    sheets P 0.944, R 0.980; 362 of 2,729 rejected ideas ticked; the worst salad, a rulebook, at 42 %)."""
    _assert_floor(FOURTEENTH_SESSION_TRAIN, honest=0.975, precision=0.935, recall=0.97, rejected_share=0.14, worst_salad=0.45)


FIFTEENTH_SESSION_TRAIN = tuple(
    [f"s{n}" for n in range(78, 84)] + [f"lib{n}" for n in range(74, 80)] + [f"ac{n}" for n in range(68, 74)]
)


def test_the_sets_retired_in_the_fifteenth_session_keep_their_level() -> None:
    """Eighteen sets (216 sheets: an album's liner notes, a restaurant review, firmware release notes, a
    sanction resolution, toasts, homeowners' minutes, amateur-radio handouts and newsletters, museum
    catalogues and audio guides among the adversarial ones) measured once sealed and then tuned on: a
    regression floor under the figures of 2026-12-07 (honest candidates P 0.985, R 0.988; all sheets
    P 0.955, R 0.979; 186 of 1,580 rejected ideas ticked; the worst salad, the liner notes, at 34 %)."""
    _assert_floor(FIFTEENTH_SESSION_TRAIN, honest=0.975, precision=0.945, recall=0.97, rejected_share=0.14, worst_salad=0.45)


SIXTEENTH_SESSION_TRAIN = tuple(
    [f"s{n}" for n in range(85, 91)] + [f"lib{n}" for n in range(81, 87)] + [f"ac{n}" for n in range(75, 81)]
)


def test_the_sets_retired_in_the_sixteenth_session_keep_their_level() -> None:
    """Eighteen sets (216 sheets: a mock will read at New Year, board and card game rulebooks, sanction
    resolutions, court judgments, homeowners' minutes, museum audio guides, a radio log and a ride's
    operating procedure among the adversarial ones) measured once sealed and then tuned on: a regression
    floor under the figures of 2026-12-07 (honest candidates P 0.984, R 0.978; all sheets P 0.964,
    R 0.973; 155 of 1,831 rejected ideas ticked; the one salad, a relay game's rulebook, at 0 %)."""
    _assert_floor(SIXTEENTH_SESSION_TRAIN, honest=0.97, precision=0.955, recall=0.965, rejected_share=0.12, worst_salad=0.45)


SEVENTEENTH_SESSION_TRAIN = tuple(
    [f"s{n}" for n in range(91, 97)] + [f"lib{n}" for n in range(87, 93)] + [f"ac{n}" for n in range(81, 87)]
)


def test_the_sets_retired_in_the_seventeenth_session_keep_their_level() -> None:
    """Eighteen sets (216 sheets: board games' rulebooks, a stand-up set, firmware release notes, courts'
    judgments, sanction resolutions, homeowners' minutes, museum wall texts and audio guides, bedtime
    stories and a retirement toast among the adversarial ones; no keyword salad) measured once sealed and
    then tuned on: a regression floor under the figures of 2026-12-07 (honest candidates P 0.987,
    R 0.990; all sheets P 0.970, R 0.980; 122 of 1,789 rejected ideas ticked)."""
    _assert_floor(SEVENTEENTH_SESSION_TRAIN, honest=0.975, precision=0.96, recall=0.97, rejected_share=0.08, worst_salad=None)


EIGHTEENTH_SESSION_TRAIN = tuple(
    [f"s{n}" for n in range(97, 101)] + [f"lib{n}" for n in range(93, 97)] + [f"ac{n}" for n in range(87, 91)]
)


def test_the_sets_retired_in_the_eighteenth_session_keep_their_level() -> None:
    """Twelve sets (144 sheets: homeowners' and brotherhoods' minutes, museum audio guides, rulebooks,
    liner notes, a best man's toast, a door-staff handbook, a Notice to Mariners and a horoscope column
    among the adversarial ones) measured once sealed and then tuned on: a regression floor under the
    figures of 2026-12-07 (honest candidates P 0.990, R 0.989; all sheets P 0.970, R 0.979; 80 of 1,058
    rejected ideas ticked; the worst of six salad-kind documents, a best man's toast, at 5 %)."""
    _assert_floor(EIGHTEENTH_SESSION_TRAIN, honest=0.98, precision=0.96, recall=0.97, rejected_share=0.09, worst_salad=0.15)


NINETEENTH_SESSION_TRAIN = tuple(
    [f"s{n}" for n in range(101, 105)] + [f"lib{n}" for n in range(97, 101)] + [f"ac{n}" for n in range(91, 95)]
)


def test_the_sets_retired_in_the_nineteenth_session_keep_their_level() -> None:
    """Twelve sets (144 sheets: sanction rulings, emergency-net guides, a pigeon-post paper, leaflets, eulogies,
    a ramp-metering report and a stand-up set among the adversarial ones) measured once sealed and then tuned
    on: a regression floor under the figures of 2026-12-08 (honest candidates P 0.984, R 0.987; all sheets
    P 0.970, R 0.976; 78 of 880 rejected ideas ticked; the four salad-kind documents at 0 %)."""
    _assert_floor(NINETEENTH_SESSION_TRAIN, honest=0.98, precision=0.96, recall=0.97, rejected_share=0.10, worst_salad=0.15)


TWENTIETH_SESSION_TRAIN = ("s105", "s106", "lib101", "lib102", "ac95", "ac96")


def test_the_sets_retired_in_the_twentieth_session_keep_their_level() -> None:
    """Six sets (72 sheets: a triage protocol, a self-help chapter, homilies, a memoir, a complaint to the
    data-protection authority, a pneumatic-tube patent, a nightclub crónica, a will and a fable among the
    adversarial ones) measured once sealed and then tuned on: a regression floor under the figures of
    2026-12-08 (honest candidates P 0.984, R 0.990; all sheets P 0.969, R 0.981; 50 of 411 rejected ideas
    ticked, most of them rejected by argument alone)."""
    _assert_floor(TWENTIETH_SESSION_TRAIN, honest=0.98, precision=0.96, recall=0.97, rejected_share=0.13, worst_salad=None)


TWENTY_FIRST_SESSION_TRAIN = ("s107", "s108", "s109", "lib103", "lib104", "lib105", "ac97", "ac98", "ac99")


def test_the_sets_retired_in_the_twenty_first_session_keep_their_level() -> None:
    """Nine sets (108 sheets: a restaurant review and a tasting menu built on the design's words, a horoscope
    column, expedition dispatches, auction catalogues, a festival proclamation, an auditor's report, a best
    man's toast among the adversarial ones) measured once sealed and then tuned on: a regression floor under
    the figures of 2026-12-08 (honest candidates P 0.990, R 0.989; all sheets P 0.971, R 0.977; 63 of 755
    rejected ideas ticked; the three salad-kind documents, the review and the menu among them, at 0 %)."""
    _assert_floor(TWENTY_FIRST_SESSION_TRAIN, honest=0.98, precision=0.96, recall=0.96, rejected_share=0.10, worst_salad=0.05)


FLOORED_SETS = (
    ADVERSARIAL_TRAIN + THIRD_SESSION_TRAIN + FOURTH_SESSION_TRAIN + FIFTH_SESSION_TRAIN + SIXTH_SESSION_TRAIN
    + SEVENTH_SESSION_TRAIN + EIGHTH_SESSION_TRAIN + NINTH_SESSION_TRAIN + TENTH_SESSION_TRAIN
    + ELEVENTH_SESSION_TRAIN + TWELFTH_SESSION_TRAIN + THIRTEENTH_SESSION_TRAIN + FOURTEENTH_SESSION_TRAIN
    + FIFTEENTH_SESSION_TRAIN + SIXTEENTH_SESSION_TRAIN + SEVENTEENTH_SESSION_TRAIN + EIGHTEENTH_SESSION_TRAIN
    + NINETEENTH_SESSION_TRAIN + TWENTIETH_SESSION_TRAIN + TWENTY_FIRST_SESSION_TRAIN
)


def test_the_report_splits_honest_candidates_from_adversarial_sheets() -> None:
    """A set mixing honest and adversarial sheets reports both apart, per language, with the micro figures
    of exactly those sheets."""
    report = evaluation.evaluate(TRAIN / "s23")
    lines = list(evaluation.summary_lines(report))
    honest_es = [s for s in report.by_lang("es") if s.kind == "normal"]
    p, r = evaluation.micro(honest_es)
    expected = f"es {'honest':<11} {len(honest_es):>2} sheets  precision {p:.3f}  recall {r:.3f}"
    assert any(expected in line for line in lines), lines
    assert any("en adversarial" in line for line in lines)
