"""Bounded reads and all-or-nothing writes for the intake.

Kept in one small module so that it can switch to the project's ``safe_io`` when that lands:
a read refuses anything that is not a regular file or is larger than the limit (a FIFO or
``/dev/zero`` never hangs the intake), and a write stages every file and renames it into place.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from zhytomyr_kpi.actuals.errors import ActualsError


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (else :class:`ActualsError`)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ActualsError("файл не знайдено", path) from None
    if not stat.S_ISREG(info.st_mode):
        raise ActualsError("це не звичайний файл", path)
    if info.st_size > limit:
        raise ActualsError(f"файл завеликий ({info.st_size / 1024 / 1024:.1f} МБ; межа "
                           f"{limit / 1024 / 1024:.0f} МБ)", path)
    with open(path, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ActualsError(f"файл завеликий (понад {limit / 1024 / 1024:.0f} МБ)", path)
    return data


def write_files(files: dict[str, bytes], folder: Path) -> list[Path]:
    """All the files or none (the per-executor templates: a full disk leaves no half set)."""
    from zhytomyr_kpi.basics.safe_io import write_together

    return write_together(files, folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where directories cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
