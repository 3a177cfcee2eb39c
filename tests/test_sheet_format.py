"""The answer-sheet contract of DESIGN.md: blank sheets, reading back, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.content import STEP_IDS, Library
from coach.errors import ContentError
from coach.sheet import parse_sheet, read_sheet, render_blank_sheet


@pytest.fixture(scope="module")
def bundle():  # type: ignore[no-untyped-def]
    return Library(use_user_dir=False).bundle("notifications")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_blank_sheet_has_header_and_eleven_markers(bundle, lang) -> None:  # type: ignore[no-untyped-def]
    """A blank sheet starts with the contract's header line and has the 11 step markers in order."""
    text = render_blank_sheet(bundle, lang)
    lines = text.splitlines()
    assert lines[0] == f"<!-- coach: scenario=notifications lang={lang} framework=nine-step -->"
    markers = [line for line in lines if line.startswith("<!-- step: ")]
    assert markers == [f"<!-- step: {step} -->" for step in STEP_IDS]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_blank_sheet_reads_back_as_eleven_empty_answers(bundle, lang) -> None:  # type: ignore[no-untyped-def]
    """The questions and guidance in a blank sheet are ignored when it is read back."""
    sheet = parse_sheet(render_blank_sheet(bundle, lang))
    assert sheet.scenario == "notifications"
    assert sheet.lang == lang
    assert list(sheet.answers) == list(STEP_IDS)
    assert all(answer.text == "" for answer in sheet.answers.values())


def test_filled_sheet_gives_each_answer_back_exactly(bundle) -> None:  # type: ignore[no-untyped-def]
    """Text written under each heading comes back exactly, inner blank lines and Markdown included."""
    blank = render_blank_sheet(bundle, "es")
    answers = {
        step: f"Respuesta de {step}:\n\n- punto con `código` y # almohadilla\n  sangría\n\nFin {i}."
        for i, step in enumerate(STEP_IDS)
    }
    filled_lines = []
    current = None
    for line in blank.splitlines():
        if line.startswith("<!-- step: "):
            if current:
                filled_lines += ["", answers[current], ""]
            current = line.removeprefix("<!-- step: ").removesuffix(" -->")
        filled_lines.append(line)
    filled_lines += ["", answers[current or ""], ""]
    sheet = parse_sheet("\n".join(filled_lines))
    assert {step: answer.text for step, answer in sheet.answers.items()} == answers


def test_feedback_blocks_and_timing_are_skipped() -> None:
    """Exporter blocks are not part of the answer; timing lines set elapsed_s."""
    text = "\n".join(
        [
            "<!-- coach: scenario=notifications lang=en -->",
            "<!-- step: opening -->",
            "## Opening",
            "<!-- coach:timing elapsed_s=201.5 -->",
            "We clarify scope first.",
            "<!-- coach:feedback -->",
            "Score: 80 % — this is feedback",
            "<!-- /coach:feedback -->",
            "<!-- step: closing -->",
            "## Closing",
            "Risks and roadmap.",
        ]
    )
    sheet = parse_sheet(text)
    assert sheet.answers["opening"].text == "We clarify scope first."
    assert sheet.answers["opening"].elapsed_s == 201.5
    assert sheet.answers["closing"].text == "Risks and roadmap."
    assert sheet.answers["closing"].elapsed_s is None


def test_crlf_and_bom_are_accepted() -> None:
    """A sheet saved on Windows (BOM, CRLF) reads the same."""
    text = "\ufeff<!-- coach: scenario=notifications lang=es -->\r\n<!-- step: api -->\r\n## API\r\nPOST /v1/notifications\r\n"
    sheet = parse_sheet(text)
    assert sheet.answers["api"].text == "POST /v1/notifications"


def test_no_step_markers_is_an_error() -> None:
    """A file without step markers is refused with a hint."""
    with pytest.raises(ContentError) as exc:
        parse_sheet("# My notes\nsome text\n", "notes.md")
    assert exc.value.problems == (
        "notes.md: no step markers found (expected lines like <!-- step: opening -->)",
    )


def test_unknown_step_names_the_line() -> None:
    """A misspelt step marker names its line."""
    with pytest.raises(ContentError) as exc:
        parse_sheet("<!-- step: opening -->\nhi\n<!-- step: scalling -->\n", "s.md")
    assert exc.value.problems[0].startswith("s.md:3: unknown step 'scalling'")


def test_duplicate_step_names_both_lines() -> None:
    """A step that appears twice is refused."""
    with pytest.raises(ContentError) as exc:
        parse_sheet("<!-- step: api -->\na\n<!-- step: api -->\nb\n", "s.md")
    assert exc.value.problems == ("s.md:3: step 'api' appears twice (first at line 1)",)


def test_unclosed_block_is_an_error() -> None:
    """An exporter block that never closes would swallow answers: refuse it."""
    with pytest.raises(ContentError) as exc:
        parse_sheet("<!-- step: api -->\n<!-- coach:feedback -->\nlost\n<!-- step: scaling -->\n", "s.md")
    assert exc.value.problems[0].startswith("s.md:2: <!-- coach:feedback --> is never closed")


def test_invalid_utf8_file(tmp_path: Path) -> None:
    """A sheet that is not UTF-8 is refused with its name."""
    path = tmp_path / "sheet.md"
    path.write_bytes(b"<!-- step: api -->\n\xff\xfe\n")
    with pytest.raises(ContentError) as exc:
        read_sheet(path)
    assert exc.value.problems[0].startswith(f"{path}: not valid UTF-8")


@pytest.mark.parametrize(
    "answer",
    [
        "Our markers look like this:\n<!-- step: api -->\nand that is fine.",
        "  <!-- coach:feedback -->\nnot feedback, my own text",
        "\\<!-- step: closing --> already escaped by hand",
        "plain answer, nothing to escape",
    ],
)
def test_escaped_answers_read_back_exactly(answer: str) -> None:
    """An answer whose lines look like markers survives write -> read unchanged."""
    from coach.sheet import escape_answer

    text = f"<!-- step: opening -->\n## Opening\n{escape_answer(answer)}\n<!-- step: closing -->\n## Closing\nbye"
    sheet = parse_sheet(text)
    assert sheet.answers["opening"].text == answer
    assert list(sheet.answers) == ["opening", "closing"]
