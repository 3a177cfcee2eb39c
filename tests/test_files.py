"""Atomic writes: whole files only, with the usual permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coach.errors import CoachError
from coach.files import write_atomic


def test_write_atomic_uses_the_umask(tmp_path: Path) -> None:
    """A written sheet is readable by others as any new file would be (not mkstemp's 0600)."""
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.md", "hola\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o644
    assert (tmp_path / "a.md").read_text("utf-8") == "hola\n"


def test_write_atomic_leaves_no_temporary_file(tmp_path: Path) -> None:
    """Only the target exists afterwards."""
    write_atomic(tmp_path / "a.md", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_missing_directory_is_a_user_error(tmp_path: Path) -> None:
    """Writing into a folder that does not exist names the folder."""
    with pytest.raises(CoachError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "a.md", "x")
