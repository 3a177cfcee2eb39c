"""The warm path of `coach score`: compiled rules and labels read back without loading content.

Loading content (pydantic models, TOML validation) costs more than scoring a
sheet. A warm file holds everything scoring and rendering need: the compiled
rules (as cache.py writes them) plus the texts a report shows (scenario title,
step titles and numbers, item labels and hints, level labels). Its name holds a
hash of the raw bytes of every content file the loader would read (the shipped
package files, then the user content directory) and of the scorer's source, so
editing any of them makes a new key: a stale file is never read, and the cold
path (load, validate, compile) runs and writes a fresh one.

This module imports no pydantic and no coach.content.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.probes import ProbeText, probe_table
from coach.scoring import cues, estimates, numbers
from coach.scoring.cache import code_hash, dump, load_data

if TYPE_CHECKING:
    from coach.content import Bundle
    from coach.i18n import Lang
    from coach.scoring.scorer import CompiledBundle

_FORMAT = 1
BiText = dict[str, str]  # lang -> text


@dataclass(frozen=True)
class Labels:
    """The texts a score report shows, in both languages."""

    scenario_title: BiText
    steps: dict[str, tuple[int, BiText]]  # step id -> (number, title)
    items: dict[str, tuple[BiText, BiText]]  # item id -> (label, hint)
    levels: dict[str, BiText]
    probes: tuple[ProbeText, ...] = field(default=())  # follow-ups (coach.probes), for `followups`

    def step_title(self, step_id: str, lang: Lang) -> str:
        number, title = self.steps.get(step_id, (0, {}))
        prefix = f"{number}. " if number else ""
        return f"{prefix}{title.get(lang, step_id)}"

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario_title": self.scenario_title,
            "steps": {k: [n, t] for k, (n, t) in self.steps.items()},
            "items": {k: [label, hint] for k, (label, hint) in self.items.items()},
            "levels": self.levels,
            "probes": [probe.to_json() for probe in self.probes],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Labels:
        return cls(
            scenario_title=dict(data["scenario_title"]),
            steps={k: (int(v[0]), dict(v[1])) for k, v in data["steps"].items()},
            items={k: (dict(v[0]), dict(v[1])) for k, v in data["items"].items()},
            levels={k: dict(v) for k, v in data["levels"].items()},
            probes=tuple(ProbeText.from_json(p) for p in data.get("probes", [])),
        )


def labels_of(content: Bundle) -> Labels:
    """The report texts of a loaded bundle."""
    langs: tuple[Lang, ...] = ("es", "en")
    framework = content.framework
    return Labels(
        scenario_title={lang: content.scenario.title(lang) for lang in langs},
        steps={step.id: (step.number, {lang: step.title(lang) for lang in langs}) for step in framework.steps},
        items={
            item.id: ({lang: item.label(lang) for lang in langs}, {lang: item.hint(lang) for lang in langs})
            for _, item in content.all_items()
        },
        levels={level.id: {lang: level.label(lang) for lang in langs} for level in framework.scoring.levels},
        probes=probe_table(content),
    )


def user_content_dir(content_dir: Path | None) -> Path | None:
    """The user content directory the loader reads: --content-dir, else COACH_HOME/content (or the platform's)."""
    if content_dir is not None:
        return content_dir
    return user_home() / "content" if (user_home() / "content").is_dir() else None


def user_home() -> Path:
    """COACH_HOME when set, else the platform's user data dir (as coach.content.user_data_dir)."""
    if os.environ.get("COACH_HOME"):
        return Path(os.environ["COACH_HOME"])
    import platformdirs

    return Path(platformdirs.user_data_dir("coach", appauthor=False))


def content_digest(content_dir: Path | None) -> str:
    """A hash of the raw bytes of every content file the loader reads, in its order."""
    digest = hashlib.sha256()
    for kind in ("frameworks", "scenarios"):
        shipped = resources.files(f"coach.content_data.{kind}")
        for entry in sorted(shipped.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                digest.update(f"<coach>/{kind}/{entry.name}\0".encode())
                digest.update(entry.read_bytes())
        user = user_content_dir(content_dir)
        if user is not None and (user / kind).is_dir():
            for path in sorted((user / kind).glob("*.toml")):
                digest.update(f"{path}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _source_digest() -> str:
    """The scorer's code beyond what cache.py hashes: a change to any scoring module is a new key."""
    digest = hashlib.sha256(f"{_FORMAT}{code_hash()}".encode())
    for module in (cues, estimates, numbers):
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def warm_path(directory: Path, scenario_id: str, content_dir: Path | None) -> Path:
    """The warm file of a scenario for the content on disk now."""
    safe = "".join(ch for ch in scenario_id if ch.isalnum() or ch in "-_")[:40]
    key = hashlib.sha256(
        (scenario_id + "\0" + content_digest(content_dir) + _source_digest()).encode()
    ).hexdigest()[:24]
    return directory / f"warm-{safe}-{key}.json"


def load_warm(path: Path) -> tuple[CompiledBundle, Labels] | None:
    """The compiled rules and labels of a warm file; None when missing or unreadable."""
    try:
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return load_data(data["compiled"]), Labels.from_json(data["labels"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def save_warm(path: Path, compiled: CompiledBundle, labels: Labels) -> None:
    """Write a warm file (atomically; a read-only home only costs the cold path next run)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"compiled": dump(compiled), "labels": labels.to_json()}), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
