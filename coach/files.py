"""Small file helpers shared by commands: atomic writes, and the one guarded reader for input files."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from coach.errors import CoachError, ContentError, Problem
from coach.messages import problem


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename: never a half-written file."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise CoachError(problem("files.no_dir", path=path, directory=directory))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:  # a read-only folder, a full disk
        raise CoachError(problem("files.cannot_write_in", path=path, directory=directory, reason=exc.strerror)) from None
    # mkstemp creates 0600; a sheet to share should get the usual mode (0666 less the umask).
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CoachError(problem("files.cannot_write", path=path, reason=exc.strerror)) from None


def read_text(path: Path, limit_bytes: int | None = None) -> str:
    """Read a UTF-8 regular file of at most `limit_bytes` (default: the content cap); errors name the file."""
    return read_input(path, limit_bytes=CONTENT_MAX_BYTES if limit_bytes is None else limit_bytes)

# An answer sheet from a 45-minute interview is ~30 KB; a shipped content file ~80 KB.
SHEET_MAX_BYTES = 2 * 1024 * 1024
CONTENT_MAX_BYTES = 1024 * 1024
STDIN = "-"


def _size(size_bytes: int) -> str:
    if size_bytes >= 1024 * 1024:
        return f"{size_bytes / (1024 * 1024):g} MB"
    return f"{size_bytes / 1024:g} KB"


def _kind(mode: int) -> Problem:
    if stat.S_ISDIR(mode):
        return problem("files.kind_dir")
    if stat.S_ISFIFO(mode):
        return problem("files.kind_fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return problem("files.kind_device")
    if stat.S_ISSOCK(mode):
        return problem("files.kind_socket")
    return problem("files.kind_other")


def check_regular(path: Path) -> None:
    """Raise a ContentError unless `path` is a regular file (a FIFO would block, a device never ends)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise ContentError(problem("files.no_such_file", path=path)) from None
    except OSError as exc:
        raise ContentError(problem("files.cannot_read", path=path, reason=exc.strerror)) from None
    if not stat.S_ISREG(mode):
        raise ContentError(problem("files.not_regular", path=path, kind=_kind(mode)))


def _too_big(name: str, limit_bytes: int) -> ContentError:
    size = _size(limit_bytes)
    return ContentError(problem("files.too_big", name=name, size=size))


def read_input(path: Path | str, *, limit_bytes: int, stdin_ok: bool = False) -> str:
    """Read a UTF-8 input file through the guards every command shares.

    Regular files only (a FIFO would block forever, `/dev/zero` never ends), at
    most `limit_bytes`, valid UTF-8. With `stdin_ok`, `-` reads standard input
    under the same cap. Every error is one line naming the file.
    """
    name = str(path)
    if stdin_ok and name == STDIN:
        data = sys.stdin.buffer.read(limit_bytes + 1)
        name = "<stdin>"
    else:
        data = _read_regular(Path(path), limit_bytes)
    if len(data) > limit_bytes:
        raise _too_big(name, limit_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(problem("files.not_utf8", name=name, byte=exc.start)) from None


def _read_regular(path: Path, limit_bytes: int) -> bytes:
    check_regular(path)
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO after the check, open does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ContentError(problem("files.cannot_read", path=path, reason=exc.strerror)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            check_regular(path)  # names what it is
            raise ContentError(problem("files.is_not_regular", path=path))
        chunks: list[bytes] = []
        got = 0
        while got <= limit_bytes:
            chunk = os.read(fd, min(1 << 20, limit_bytes + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise ContentError(problem("files.cannot_read", path=path, reason=exc.strerror)) from None
    finally:
        os.close(fd)
