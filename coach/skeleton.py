"""`coach scenarios new`: the skeleton of a scenario file, TODO text in both languages, valid as written."""

from __future__ import annotations

import re
from importlib import resources

from coach.errors import CoachError
from coach.messages import problem

SCENARIO_ID = re.compile(r"^[a-z][a-z0-9-]*$")


def render_skeleton(scenario_id: str, framework_id: str = "nine-step", path: str = "") -> str:
    """The TOML of a new scenario named `scenario_id`; `coach scenarios validate` accepts it unchanged."""
    if not SCENARIO_ID.match(scenario_id):
        raise CoachError(problem("content.bad_scenario_id", scenario=scenario_id))
    template = resources.files("coach.templates").joinpath("scenario.toml.tmpl").read_text("utf-8")
    return template.format(id=scenario_id, framework=framework_id, path=path or f"{scenario_id}.toml")
