"""The lines and questions around an interview: resuming, drills due, saving and exporting.

Functions of what the session commands found (a record, the cards due, a session id);
the interview itself is coach/ui/terminal.py and its scorecard coach/ui/render.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coach.errors import in_lang
from coach.messages import problem, t
from coach.ui import safe

if TYPE_CHECKING:
    from rich.console import Console

    from coach.content import Bundle
    from coach.i18n import Lang
    from coach.store import StoredCard


def resuming(
    console: Console, content: Bundle, session_id: str, step: str | None, lang: Lang
) -> None:
    """`Resuming session … at step …`."""
    title = content.framework.step(step).title(lang) if step else "—"
    console.print(t("session.resuming", lang, sid=safe.markup(session_id), step=safe.markup(title)))


def interrupted(console: Console, session_id: str, lang: Lang) -> None:
    """Ctrl-C in an interview: everything is saved, and the command to continue."""
    console.print()
    console.print(
        t("session.interrupted", lang, sid=session_id), soft_wrap=True
    )  # keep the command copyable


def nothing_due(console: Console, upcoming: Sequence[StoredCard], lang: Lang) -> None:
    """`coach drill` with nothing due: when the next review is, or how to start."""
    from coach.ui.render import when

    if not upcoming:
        console.print(t("session.drill_nothing_yet", lang))
    else:
        console.print(
            t("session.drill_nothing_due", lang, when=when(upcoming[0].due_at), n=len(upcoming))
        )


def drill_heading(console: Console, content: Bundle, due: int, lang: Lang) -> None:
    """`Review: N items due in SCENARIO.` before a due drill."""
    console.print(
        t("session.drill_due", lang, n=due, scenario=safe.markup(content.scenario.title(lang)))
    )


def export_later(console: Console, session_id: str, lang: Lang) -> None:
    """The session is stored: how to export it later."""
    console.print(t("session.export_later", lang, sid=session_id), soft_wrap=True)


def saved(console: Console, session_id: str, lang: Lang) -> None:
    """`Session … saved.`, dimmed."""
    console.print(f"[dim]{t('session.saved_at', lang, sid=session_id)}[/dim]")


def exported(console: Console, path: Path, lang: Lang) -> None:
    """`Sheet exported to PATH`."""
    console.print(t("session.export_written", lang, path=safe.path(path)))


def offer_export(session_id: str, lang: Lang, force: bool) -> tuple[Path | None, bool]:
    """Ask whether and where to save the sheet; returns (path or None, force)."""
    import questionary

    from coach.ui.menus import select

    no = (t("session.export_no", lang), False)
    if not select(t("session.export_offer", lang), [(t("session.export_yes", lang), True), no]):
        return None, force
    answer = questionary.text(
        t("session.export_path", lang), default=f"coach-{session_id}.md"
    ).unsafe_ask()
    if not answer:
        return None, force
    export = Path(answer).expanduser()
    if export.exists() and not force:
        shown = safe.clean(str(export), one_line=True)
        force = bool(
            select(
                t("session.exists_overwrite", lang, path=shown),
                [no, (t("session.overwrite_yes", lang), True)],
            )
        )
        if not force:
            return None, force
    return export, force


def ask_unsaved_path(default: str, lang: Lang) -> Path:
    """The history failed: where to write the answers held in memory."""
    import questionary

    answer = questionary.text(
        in_lang(problem("session.answers_in_memory"), lang), default=default
    ).unsafe_ask()
    return Path(answer or default).expanduser()
