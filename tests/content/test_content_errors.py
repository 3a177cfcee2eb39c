"""Broken content is refused with one line per problem that names the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.content import Library, Source, parse_framework, parse_scenario, validate_file
from coach.errors import ContentError, UnknownIdError


def _problems(exc: pytest.ExceptionInfo[ContentError]) -> str:
    return "\n".join(exc.value.problems)


def test_mini_fixtures_are_valid(mini_framework_text: str, mini_scenario_text: str) -> None:
    """The fixtures the other tests break are valid to begin with."""
    assert parse_framework(Source("f.toml", mini_framework_text)).id == "mini"
    assert parse_scenario(Source("s.toml", mini_scenario_text)).id == "mini-scenario"


def test_broken_toml_names_file_line_and_column(mini_framework_text: str) -> None:
    """A TOML syntax error is reported as file:line:col."""
    broken = mini_framework_text.replace('id = "mini"', 'id = "mini', 1)
    with pytest.raises(ContentError) as exc:
        parse_framework(Source("my/fw.toml", broken))
    assert _problems(exc).startswith("my/fw.toml:2:")
    assert "invalid TOML" in _problems(exc)


def test_schema_error_names_the_field_path(mini_framework_text: str) -> None:
    """A wrong type names the file and the dotted path of the field."""
    broken = mini_framework_text.replace("budget_s = 260", 'budget_s = "long"', 1)
    with pytest.raises(ContentError) as exc:
        parse_framework(Source("fw.toml", broken))
    assert "fw.toml:50: steps[1].budget_s:" in _problems(exc)  # file:line: field


def test_missing_translation_is_an_error(mini_scenario_text: str) -> None:
    """A text with only one language is refused as a missing translation."""
    broken = mini_scenario_text.replace(
        'title = { es = "Escenario mínimo", en = "Minimal scenario" }', 'title = { es = "Escenario mínimo" }'
    )
    with pytest.raises(ContentError) as exc:
        parse_scenario(Source("sc.toml", broken))
    assert _problems(exc) == "sc.toml:4: title.en: missing translation"


def test_unequal_bullet_lists_are_an_error(mini_framework_text: str) -> None:
    """Guidance bullets must exist in both languages, one for one."""
    broken = mini_framework_text.replace(
        'guidance = { es = ["Una pista de api"], en = ["A hint for api"] }',
        'guidance = { es = ["Una pista de api", "Otra"], en = ["A hint for api"] }',
    )
    with pytest.raises(ContentError) as exc:
        parse_framework(Source("fw.toml", broken))
    assert "steps[3].guidance" in _problems(exc)


def test_duplicate_item_ids_are_an_error(mini_framework_text: str) -> None:
    """Two items with one id are refused, naming both places."""
    broken = mini_framework_text.replace('id = "mini.api"', 'id = "mini.requirements"')
    with pytest.raises(ContentError) as exc:
        parse_framework(Source("fw.toml", broken))
    assert "duplicate id 'mini.requirements'" in _problems(exc)
    assert "steps[1].items[0].id" in _problems(exc)


def test_duplicate_across_framework_and_scenario(content_dir: Path) -> None:
    """A scenario item may not reuse a framework item's id."""
    path = content_dir / "scenarios" / "mini-scenario.toml"
    path.write_text(path.read_text("utf-8").replace('id = "mini.extra"', 'id = "mini.api"'), "utf-8")
    with pytest.raises(ContentError) as exc:
        Library(content_dir).bundle("mini-scenario")
    assert "duplicate id 'mini.api'" in _problems(exc)


def test_unknown_step_id_is_an_error(mini_scenario_text: str) -> None:
    """A scenario item on a step that does not exist is refused."""
    broken = mini_scenario_text.replace('step = "api"', 'step = "apis"')
    with pytest.raises(ContentError) as exc:
        parse_scenario(Source("sc.toml", broken))
    assert "sc.toml:9: items[0].step: unknown step id 'apis'" in _problems(exc)


def test_missing_spec_id_is_an_error(tmp_path: Path) -> None:
    """The notifications scenario must carry every id of the spec."""
    shipped = Library(use_user_dir=False).scenarios["notifications"][0]
    from importlib import resources

    text = resources.files("coach.content_data.scenarios").joinpath("notifications.toml").read_text("utf-8")
    assert shipped.endswith("notifications.toml")
    assert 'id = "arch.providers"' in text
    path = tmp_path / "notifications.toml"
    path.write_text(text.replace('id = "arch.providers"', 'id = "arch.vendors"'), "utf-8")
    with pytest.raises(ContentError) as exc:
        validate_file(path, Library(use_user_dir=False))
    assert "missing required checklist item 'arch.providers' (step architecture)" in _problems(exc)


def test_unknown_scenario_suggests_a_name() -> None:
    """A misspelt scenario id gets a 'did you mean' suggestion."""
    with pytest.raises(UnknownIdError) as exc:
        Library(use_user_dir=False).scenario("notification")
    assert "did you mean 'notifications'?" in str(exc.value)


def test_user_dir_overrides_shipped(content_dir: Path) -> None:
    """A user file with a shipped id replaces it; new ids are added."""
    library = Library(content_dir)
    assert "mini-scenario" in library.scenarios
    assert "notifications" in library.scenarios
    assert library.scenarios["mini-scenario"][0].startswith(str(content_dir))


def test_invalid_utf8_names_the_file(tmp_path: Path) -> None:
    """A content file that is not UTF-8 is refused with its name."""
    path = tmp_path / "bad.toml"
    path.write_bytes(b'id = "caf\xe9"\n')
    with pytest.raises(ContentError) as exc:
        validate_file(path)
    assert _problems(exc).startswith(f"{path}: not valid UTF-8")


def test_a_scenario_rewords_a_framework_hint_and_an_unknown_id_is_an_error() -> None:
    """[hints] replaces a framework item's hint for that scenario only; a hint for no framework item is refused."""
    from coach.content import ContentError, Library, Scenario, bundle

    library = Library(use_user_dir=False)
    notifications = library.bundle("notifications")
    chat = library.bundle("chat")
    hint = {item.id: item.hint for _, item in notifications.all_items()}["obs.structured_logs"]
    assert "notificationId" in hint.en
    assert "notificationId" not in {item.id: item.hint for _, item in chat.all_items()}["obs.structured_logs"].en
    data = notifications.scenario.model_dump()
    data["hints"] = {"obs.structured_log": {"es": "x", "en": "x"}}
    with pytest.raises(ContentError, match=r"hints\.obs\.structured_log: not a framework item"):
        bundle(notifications.framework, Scenario.model_validate(data))


@pytest.mark.parametrize(
    ("old", "new", "field", "en", "es"),
    [
        ("budget_s = 260", 'budget_s = "long"', "steps[1].budget_s:", "Input should be a valid integer",
         "debe ser un número entero"),
        ("budget_s = 260", "budget_s = 0", "steps[1].budget_s:", "Input should be greater than 0", "debe ser mayor que 0"),
        ('id = "requirements"', 'id = "requisitos"', "steps[1].id:", "unknown step id 'requisitos'",
         "id de paso desconocido 'requisitos'"),
    ],
)
def test_a_schema_error_reads_in_spanish_with_file_line_and_field(
        mini_framework_text: str, old: str, new: str, field: str, en: str, es: str) -> None:
    """pydantic's checks and the models' own rules are catalog lines: file:line: field: text, in each language."""
    from coach.errors import in_lang

    with pytest.raises(ContentError) as exc:
        parse_framework(Source("fw.toml", mini_framework_text.replace(old, new, 1)))
    line = exc.value.problems[0]
    prefix = str(line).split(field)[0]
    assert prefix.startswith("fw.toml:") and prefix.endswith(": ")
    assert str(line).startswith(f"{prefix}{field} {en}")
    assert in_lang(line, "es").startswith(f"{prefix}{field} {es}")


def test_a_literal_choice_lists_the_values_with_o_in_spanish(mini_scenario_text: str) -> None:
    """An item level outside mid, senior and staff names them, joined by "o" in Spanish."""
    from coach.errors import in_lang

    broken = mini_scenario_text.replace('step = "api"', 'step = "api"\nlevel = "expert"', 1)
    with pytest.raises(ContentError) as exc:
        parse_scenario(Source("s.toml", broken))
    assert in_lang(exc.value.problems[0], "es").endswith("items[0].level: debe ser 'mid', 'senior' o 'staff'")
    assert exc.value.problems[0].endswith("items[0].level: Input should be 'mid', 'senior' or 'staff'")


@pytest.mark.parametrize(("lang", "what"), [("en", "scenario"), ("es", "escenario")])
def test_validate_says_ok_in_the_users_language(content_dir: Path, lang: str, what: str) -> None:
    """`coach scenarios validate --lang es` prints its OK line in Spanish."""
    from typer.testing import CliRunner

    from coach.cli import app

    path = content_dir / "scenarios" / "mini-scenario.toml"
    result = CliRunner().invoke(app, ["--content-dir", str(content_dir), "scenarios", "validate", str(path),
                                      "--lang", lang])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"OK {path}: {what} mini-scenario\n"
