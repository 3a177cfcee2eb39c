"""Authoring: `coach scenarios new` writes a skeleton that validates; validate names file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import DATA, Invoke

TINY = (DATA / "scenarios" / "tiny-shop.toml").read_text("utf-8")


def test_new_writes_a_skeleton_that_validates(coach: Invoke, tmp_path: Path) -> None:
    """The skeleton validates as written and works with --content-dir straight away."""
    folder = tmp_path / "content" / "scenarios"
    folder.mkdir(parents=True)
    result = coach("scenarios", "new", "url-short", "--out", str(folder), "--lang", "en")
    assert result.exit_code == 0, result.output
    path = folder / "url-short.toml"
    assert result.stdout.startswith(f"Scenario written to {path}; fill in the TODOs")
    text = path.read_text("utf-8")
    assert 'id = "url-short"' in text and "TODO: título del escenario" in text and "TODO: scenario title" in text
    check = coach("scenarios", "validate", str(path))
    assert check.exit_code == 0 and check.stdout == f"OK {path}: scenario url-short\n"
    listed = json.loads(coach("scenarios", "list", "--json", content_dir=tmp_path / "content").stdout)
    assert "url-short" in [row["id"] for row in listed["scenarios"]]
    demo = coach("demo", "url-short", "--lang", "en", content_dir=tmp_path / "content")
    assert demo.exit_code == 0 and "TODO: requests a day" in demo.stdout


def test_new_refuses_to_overwrite_and_bad_ids(coach: Invoke, tmp_path: Path) -> None:
    """An existing file needs --force; an id that is not lower-case-with-hyphens is one line, exit 2."""
    assert coach("scenarios", "new", "shop", "--out", str(tmp_path)).exit_code == 0
    again = coach("scenarios", "new", "shop", "--out", str(tmp_path), "--lang", "en")
    assert again.exit_code == 2 and "already exists; use --force" in again.stderr
    assert coach("scenarios", "new", "shop", "--out", str(tmp_path), "--force").exit_code == 0
    bad = coach("scenarios", "new", "My_Shop", "--out", str(tmp_path), "--lang", "en")
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "lower-case letters" in bad.stderr


def test_validate_names_file_line_and_field(coach: Invoke, tmp_path: Path) -> None:
    """Each problem reads `file:LINE: field: message`, the line being where the field is written."""
    path = tmp_path / "bad.toml"
    path.write_text(
        TINY.replace('difficulty = "easy"', 'difficulty = "eazy"')
        .replace('step = "scaling"', 'step = "scalin"')
        .replace('hint.en = "Reserve stock', 'hintt.en = "Reserve stock'),
        encoding="utf-8",
    )
    lines = path.read_text("utf-8").splitlines()

    def line_of(text: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if line.startswith(text))

    hint, step = line_of('hint.es = "Reserva el stock'), line_of('step = "scalin"')
    result = coach("scenarios", "validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"coach: {path}:{line_of('difficulty')}: difficulty: Input should be 'easy', 'medium' or 'hard'",
        f"coach: {path}:{hint}: items[1].hint.en: missing translation",
        f"coach: {path}:{line_of('hintt.en')}: items[1].hintt: Extra inputs are not permitted",
        f"coach: {path}:{step}: items[3].step: unknown step id 'scalin'; expected one of "
        "opening, requirements, estimates, api, architecture, consistency, scaling, failures, observability, "
        "security, closing",
    ]


def test_validate_names_the_line_of_a_bundle_problem(coach: Invoke, tmp_path: Path) -> None:
    """Problems found against the framework (probe items, failure-card elements) name their line too."""
    path = tmp_path / "bad.toml"
    path.write_text(TINY.replace('item = "cons.stock"', 'item = "cons.stok"'), encoding="utf-8")
    number = next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if "cons.stok" in line)
    result = coach("scenarios", "validate", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"coach: {path}:{number}: probes[0].item: unknown checklist item 'cons.stok'; did you mean 'cons.stock'?\n"
    )


def test_toml_lines_counts_array_tables_and_dotted_keys() -> None:
    """The locator maps pydantic paths to lines through [[tables]], dotted keys and multi-line values."""
    from coach.content import toml_lines

    text = 'a = 1\ns = """\nx = 2\n"""\n[[items]]\nid = "p"\n[[items]]\nmatch.es.phrases = [\n  "k = v",\n]\nb = 3\n'
    index = toml_lines(text)
    assert index[("a",)] == 1 and index[("s",)] == 2 and ("x",) not in index
    assert index[("items", 1)] == 7 and index[("items", 1, "match", "es")] == 8
    assert index[("items", 1, "b")] == 11 and ("items", 1, "k") not in index
