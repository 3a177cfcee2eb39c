"""Small file helpers shared by commands that write user files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from coach.errors import CoachError, ContentError


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename: never a half-written file."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise CoachError(f"{path}: directory {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
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
        raise CoachError(f"{path}: cannot write ({exc.strerror})") from None


def read_text(path: Path) -> str:
    """Read a UTF-8 file; errors name the file."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ContentError(f"{path}: is a directory, expected a file") from None
    except UnicodeDecodeError as exc:
        raise ContentError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise ContentError(f"{path}: cannot read ({exc.strerror})") from None
