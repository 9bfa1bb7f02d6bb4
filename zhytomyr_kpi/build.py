"""Write data/processed/: the CSV tables and program.xlsx, atomically and deterministically.

Every file is rendered in memory and the frames are validated against their schemas before
anything is written; then each file goes to a temporary name in the target folder and is
renamed into place. A failed build leaves the previous outputs as they were.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .program import TABLES, Program

CSV_TABLES = TABLES
WORKBOOK = "program.xlsx"


def render_outputs(program: Program) -> dict[str, bytes]:
    """File name → content for everything the build writes."""
    from .excel import workbook_bytes

    program.validate_schemas()
    frames = {name: program.frame(name) for name in TABLES}
    files = {f"{name}.csv": frames[name].to_csv(index=False, lineterminator="\n").encode("utf-8")
             for name in CSV_TABLES}
    files[WORKBOOK] = workbook_bytes(frames, program.path.name, program.sha256)
    return files


def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write all files to temporary names, then rename them into place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    mode = _file_mode()
    staged: list[tuple[Path, Path]] = []
    try:
        for name, content in sorted(files.items()):
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(temp, mode)
            staged.append((Path(temp), out_dir / name))
        for temp, final in staged:
            os.replace(temp, final)
    finally:
        for temp, _ in staged:
            if temp.exists():
                temp.unlink()
    return [final for _, final in staged]


def build(program: Program, out_dir: Path) -> list[Path]:
    """Render and write every output of the programme to ``out_dir``."""
    return write_atomically(render_outputs(program), out_dir)
