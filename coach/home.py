"""Where coach keeps a user's files: COACH_HOME when set, else the platform's user data dir.

The history (coach.store), the rule cache (coach/scoring/cache.py) and the user
content folder (coach.content) all live under it. Imports nothing heavy:
`coach score` finds its cache through here without loading content.
"""

from __future__ import annotations

import os
from pathlib import Path


def user_data_dir(environ: dict[str, str] | None = None) -> Path:
    """COACH_HOME when set, else the platform's user data dir."""
    env = os.environ if environ is None else environ
    if env.get("COACH_HOME"):
        return Path(env["COACH_HOME"])
    import platformdirs  # only when needed: keeps `coach --help` light

    return Path(platformdirs.user_data_dir("coach", appauthor=False))


def user_content_dir() -> Path | None:
    """The user's content folder, `<home>/content`, when it exists: frameworks and scenarios added to the shipped ones."""
    candidate = user_data_dir() / "content"
    return candidate if candidate.is_dir() else None
