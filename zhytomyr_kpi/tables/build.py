"""Write data/processed/: the CSV tables and program.xlsx, all or nothing, deterministically.

Every file is rendered in memory and the frames are validated against their schemas before
anything is written. The whole set is then written to a sibling folder and swapped in at
once (:func:`~zhytomyr_kpi.basics.safe_io.publish_folder`): a failed or interrupted build leaves the
previous set exactly as it was, and the next build removes whatever an interrupted one left.

The set carries a manifest (``.manifest.sha256``, the format of ``sha256sum``, written like
every other file): it lists what the build owns, so that a later build may replace those
files and refuses a folder that holds anything else (``--out data/raw``, ``--out .``).

CSV text is written exactly as the document has it, even when it starts with ``=``, ``+``,
``-`` or ``@``: the CSVs are data for programs and must stay traceable to the source. The
workbook for people, program.xlsx, always stores such text as text (see excel.py).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from zhytomyr_kpi.basics.errors import OutputError, ParseError
from zhytomyr_kpi.basics.paths import RAW_DIR, REVIEWED_DIR
from zhytomyr_kpi.basics.safe_io import (
    PROTECTED,
    check_not_protected,
    publish_folder,
    read_regular,
)

if TYPE_CHECKING:
    from zhytomyr_kpi.tables.programme import ProgrammeTables

WORKBOOK = "program.xlsx"
MANIFEST = ".manifest.sha256"


def manifest(files: dict[str, bytes]) -> bytes:
    """``sha256  name`` per file, sorted: check with ``sha256sum -c .manifest.sha256``."""
    return "".join(f"{hashlib.sha256(content).hexdigest()}  {name}\n"
                   for name, content in sorted(files.items())).encode("ascii")


def _validate(program: ProgrammeTables) -> None:
    """Schemas first: a table outside the data contract is an input problem, said in one line."""
    from pandera.errors import SchemaError, SchemaErrors

    from zhytomyr_kpi.basics.wording import plural

    try:
        program.validate_schemas()
    except (SchemaError, SchemaErrors) as exc:
        cases = getattr(exc, "failure_cases", None)
        table = getattr(getattr(exc, "schema", None), "name", None) or "?"
        if isinstance(cases, str) or cases is None or not len(cases):
            detail = ""
        else:
            first = cases.iloc[0]
            value = str(first["failure_case"])[:40]
            row = "" if first["index"] is None else f", рядок таблиці {first['index']}"
            detail = f"; перше: стовпець {first['column']}{row}, значення «{value}»"
        count = len(cases) if cases is not None and not isinstance(cases, str) else 1
        raise ParseError(program.path, f"таблиця {table} не відповідає схемі даних ({count} "
                                       f"{plural(count, 'порушення', 'порушення', 'порушень')}"
                                       f"{detail})") from None


def render_outputs(program: ProgrammeTables) -> dict[str, bytes]:
    """File name → content for everything the build writes (the manifest included)."""
    from zhytomyr_kpi.tables.excel import workbook_bytes

    _validate(program)
    frames = {name: program.frame(name) for name in program.TABLES}
    files = {f"{name}.csv": frames[name].to_csv(index=False, lineterminator="\n").encode("utf-8")
             for name in program.TABLES}
    files[WORKBOOK] = workbook_bytes(frames, program.path.name, program.sha256, program.title)
    files[MANIFEST] = manifest(files)
    return files


def _owned(out_dir: Path) -> set[str]:
    """Names the previous build listed in its manifest (none when there is no manifest)."""
    try:
        text = read_regular(out_dir / MANIFEST, limit=1 << 20).decode("ascii")
    except (ParseError, UnicodeDecodeError):
        return set()
    return {line.split("  ", 1)[1] for line in text.splitlines() if "  " in line}


def check_out_dir(out_dir: Path, names: set[str], inputs: tuple[Path, ...] = ()) -> None:
    """Refuse an output folder the build does not own: it would be replaced as a whole.

    Allowed: a missing or empty folder, or one holding only files of this or the previous
    build (and temporaries an older build left). Never ``data/raw/`` or a folder holding an
    input.
    """
    check_not_protected(out_dir, inputs, {RAW_DIR: PROTECTED[RAW_DIR],
                                           REVIEWED_DIR: PROTECTED[REVIEWED_DIR]})
    for source in inputs:
        if Path(os.path.realpath(source)).is_relative_to(os.path.realpath(out_dir)):
            raise OutputError(out_dir, f"тека містить вхідний файл {source}; вона замінюється "
                                       "цілком — оберіть іншу")
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise OutputError(out_dir, "це не тека; вкажіть теку для таблиць")
    allowed = names | _owned(out_dir)
    temporaries = tuple(f".{name}." for name in allowed)  # left by builds before the swap
    foreign = sorted(p.name for p in out_dir.iterdir()
                     if not (p.name in allowed and p.is_file() and not p.is_symlink())
                     and not (p.name.startswith(temporaries) and p.name.endswith(".tmp")))
    if foreign:
        shown = ", ".join(foreign[:3]) + (" …" if len(foreign) > 3 else "")
        raise OutputError(out_dir, f"тека містить файли, яких build не пише ({shown}); вона "
                                   "замінюється цілком — оберіть порожню або окрему теку")


def build(program: ProgrammeTables, out_dir: Path) -> list[Path]:
    """Render every output of the programme and publish them to ``out_dir`` all at once."""
    out_dir = Path(out_dir).resolve()
    # the inputs it must never replace: the decision and the ratings file (a Program's)
    inputs = tuple(p for p in (program.path, getattr(program, "rating_results_path", None))
                   if p is not None)
    files = render_outputs(program)
    check_out_dir(out_dir, set(files), inputs)
    return [p for p in publish_folder(files, out_dir) if p.name != MANIFEST]
