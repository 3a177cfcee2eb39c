"""Small file helpers shared by commands that write user files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from coach.errors import CoachError, ContentError, Problem


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename: never a half-written file."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise CoachError(
            Problem(f"{path}: directory {directory} does not exist", f"{path}: la carpeta {directory} no existe")
        )
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
        raise CoachError(
            Problem(f"{path}: cannot write ({exc.strerror})", f"{path}: no se puede escribir ({exc.strerror})")
        ) from None


def read_text(path: Path) -> str:
    """Read a UTF-8 file; errors name the file."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(Problem(f"{path}: no such file", f"{path}: el fichero no existe")) from None
    except IsADirectoryError:
        raise ContentError(
            Problem(f"{path}: is a directory, expected a file", f"{path}: es una carpeta, se esperaba un fichero")
        ) from None
    except UnicodeDecodeError as exc:
        raise ContentError(
            Problem(f"{path}: not valid UTF-8 (byte {exc.start})", f"{path}: no es UTF-8 válido (byte {exc.start})")
        ) from None
    except OSError as exc:
        raise ContentError(
            Problem(f"{path}: cannot read ({exc.strerror})", f"{path}: no se puede leer ({exc.strerror})")
        ) from None
