"""Guards around the TOML parser: size, nesting depth and dotted-key length, checked before parsing.

tomllib is recursive and keeps every prefix of a dotted key: 200 KB of
`a.a.a…=1` costs it tens of GB, and deeply nested arrays end in a
RecursionError. A linear scan over the raw text refuses such files first, with
the file and line; anything the scan misses that still exhausts the parser is
turned into the same one-line error.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from coach.errors import ContentError
from coach.messages import problem

MAX_TOML_BYTES = 1024 * 1024
MAX_NESTING = 32  # arrays and inline tables inside each other
MAX_KEY_PARTS = 32  # a.b.c… : parts of one dotted key (or table header)
MAX_KEYS = 100_000  # keys and table headers in one file

# The characters that change the scanner's state; everything else is skipped in bulk.
_SPECIAL_RE = re.compile(r"[\"'#\n=.\[\]{},]")
_BASIC_END_RE = re.compile(r'(?:[^"\\\n]|\\.)*"')
_LITERAL_END_RE = re.compile(r"[^'\n]*'")


def _too_nested(name: str, line: int) -> ContentError:
    return ContentError(problem("toml.too_deep", name=name, line=line, most=MAX_NESTING))


def _long_key(name: str, line: int) -> ContentError:
    return ContentError(problem("toml.long_key", name=name, line=line, most=MAX_KEY_PARTS))


def check_toml_shape(text: str, name: str) -> None:
    """Refuse TOML whose shape would exhaust the parser; one linear pass, strings and comments skipped."""
    if len(text) > MAX_TOML_BYTES:
        raise ContentError(problem("toml.too_big", name=name, size_kb=MAX_TOML_BYTES // 1024))
    line = 1
    stack: list[str] = []  # open value brackets: "[" arrays, "{" inline tables
    in_key = True  # reading a key (line start, inside a header, after "{" or "," in an inline table)
    header = False
    parts = 1
    keys = 0
    pos, end = 0, len(text)
    while pos < end:
        match = _SPECIAL_RE.search(text, pos)
        if match is None:
            break
        ch, pos = match[0], match.end()
        if ch == "\n":
            line += 1
            if not stack:
                in_key, header, parts = True, False, 1
        elif ch == "#":
            newline = text.find("\n", pos)
            pos = end if newline < 0 else newline
        elif ch in "\"'":
            pos, line = _skip_string(text, pos - 1, line, name)
        elif ch == "=":
            in_key, parts = False, 1
            keys += 1
        elif ch == ".":
            if in_key:
                parts += 1
                if parts > MAX_KEY_PARTS:
                    raise _long_key(name, line)
        elif ch == "[":
            if in_key and not stack:
                header = True  # [table] or [[array of tables]]
            else:
                stack.append("[")
                if len(stack) > MAX_NESTING:
                    raise _too_nested(name, line)
        elif ch == "]":
            if stack and stack[-1] == "[":
                stack.pop()
            elif header:
                if in_key:
                    keys += 1
                in_key = False
        elif ch == "{":
            stack.append("{")
            if len(stack) > MAX_NESTING:
                raise _too_nested(name, line)
            in_key, parts = True, 1
        elif ch == "}":
            if stack:
                stack.pop()
            in_key = False
        elif ch == "," and stack and stack[-1] == "{":
            in_key, parts = True, 1
        if keys > MAX_KEYS:
            raise ContentError(problem("toml.too_many_keys", name=name, line=line, numbers={"most": MAX_KEYS}))


def _skip_string(text: str, start: int, line: int, name: str) -> tuple[int, int]:
    """The position after the string opening at `start`, and the line there."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        close = text.find(quote * 3, start + 3)
        if quote == '"':
            while close > 0 and _escaped(text, close):
                close = text.find(quote * 3, close + 1)
        if close < 0:
            return len(text), line  # unterminated: the parser names it
        close += 3
        while text.startswith(quote, close):  # """a"""" : up to two quotes end the content
            close += 1
        return close, line + text.count("\n", start, close)
    pattern = _BASIC_END_RE if quote == '"' else _LITERAL_END_RE
    match = pattern.match(text, start + 1)
    if match is None:
        return start + 1, line  # unterminated on this line: the parser names it
    return match.end(), line


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def loads_guarded(text: str, name: str) -> dict[str, Any]:
    """tomllib.loads after the shape check; exhaustion in the parser is a one-line ContentError.

    A syntax error is left as tomllib.TOMLDecodeError for the caller to word.
    """
    check_toml_shape(text, name)
    try:
        return tomllib.loads(text)
    except (RecursionError, MemoryError):
        raise _too_nested(name, 1) from None
