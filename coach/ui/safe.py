"""Text from answers, content and paths, made safe to print: data, never markup or terminal commands.

A sheet or a content file may carry escape sequences (`ESC[2J` clears the
screen, OSC 8 makes a link), other control characters, bidi overrides, or
rich markup (`[/x]`, `[link=…]`). Everything user- or content-supplied goes
through `clean` before it reaches the terminal, and through `markup` when it is
interpolated into a rich markup string.
"""

from __future__ import annotations

import re

# CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/SOS/PM/APC (ESC P|X|^|_ … ST),
# any other two-byte ESC sequence, the 8-bit CSI/OSC forms, then lone control
# characters (tab and newline kept) and the bidi overrides that reorder a line.
_SEQUENCE_RE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x7e]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
_NEWLINES_RE = re.compile(r"[\n\t]+")


def clean(text: str, *, one_line: bool = False) -> str:
    """`text` without escape sequences or control characters; `one_line` also folds newlines and tabs."""
    out = _SEQUENCE_RE.sub("", text)
    if one_line:
        out = _NEWLINES_RE.sub(" ", out)
    return out


def markup(text: object) -> str:
    """`text` cleaned and escaped for interpolation into a rich markup string."""
    from rich.markup import escape

    return escape(clean(str(text)))


def path(value: object) -> str:
    """A file path as one clean line, for messages and markup (escaped)."""
    return markup(clean(str(value), one_line=True))
