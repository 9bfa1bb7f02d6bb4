"""What every command shares: exit codes, the document arguments, loading, guarded outputs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from zhytomyr_kpi.basics.errors import OutputError

EXIT_OK, EXIT_STRICT, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def fail(message: object) -> int:
    """Print the one-line error users see and return the input-problem exit code."""
    print(f"zhytomyr-kpi: помилка: {message}", file=sys.stderr)
    return EXIT_INPUT


def document_args(sub: argparse.ArgumentParser, positional: bool = True) -> None:
    """The decision: the optional first argument (``positional``) or ``--document`` (for
    ``ingest`` and ``status``, whose positional arguments are workbooks), ``--programme`` (a
    folder of ``programmes/``), and the document's reviewed quirk files."""
    where = ("текст рішення або тека програми (типово "
             "data/raw/rishennia_1685_2019-12-18.txt)")
    if positional:
        sub.add_argument("path", nargs="?", type=Path, help=where)
    else:
        sub.add_argument("--document", dest="path", type=Path, help=where)
    sub.add_argument("--programme",
                     help="програма з теки programmes/НАЗВА/ (її рішення, сховище звітів, "
                          "налаштування, таблиці і звіти)")
    sub.add_argument("--quirks", type=Path, default=None,
                     help="тека з перевіреними файлами особливостей документа "
                          "(типово zhytomyr_kpi/reviewed)")
    sub.add_argument("--no-quirks", action="store_true",
                     help="читати документ без файлів особливостей")


def place(args: argparse.Namespace):
    """Where the programme the arguments name lives (:class:`~zhytomyr_kpi.basics.paths.Place`):
    ``--programme NAME``, a path inside a programme's folder, another document (no home), or
    the default programme. ``PlaceError`` (one line) when it cannot be found."""
    from zhytomyr_kpi.basics.paths import PlaceError, place_of, programme_place

    found = getattr(args, "_place", None)
    if found is not None:
        return found
    path, name = getattr(args, "path", None), getattr(args, "programme", None)
    if name is not None and path is not None:
        raise PlaceError("вкажіть або текст рішення, або --programme, не обидва")
    found = programme_place(name) if name is not None else place_of(path)
    args._place = found
    return found


def needed(args: argparse.Namespace, value, option: str, what: str):
    """``value``, or a ``PlaceError`` asking for ``option`` for a document without a home."""
    from zhytomyr_kpi.basics.paths import PlaceError

    if value is None:
        shown = place(args).document
        if not shown.exists():
            raise PlaceError(f"{shown}: файл не знайдено")
        raise PlaceError(f"{shown}: документ поза теками програм, тож {what} треба вказати: "
                         f"{option} (або покладіть його як programmes/<назва>/decision.txt)")
    return value


def load(args: argparse.Namespace):
    """The programme the arguments name, with its own ratings file and executors' store
    (``--results`` and ``--store`` where the command has them)."""
    from zhytomyr_kpi.document.quirks import Quirks
    from zhytomyr_kpi.program import load_program

    where = place(args)
    quirks = Quirks.none() if args.no_quirks else args.quirks
    own = where.name is not None  # the default programme: the library's defaults, as before
    return load_program(where.document, quirks=quirks,
                        rating_results=getattr(args, "results", None) or
                        (where.rating_results if own else None),
                        actuals=getattr(args, "store", None) or (where.actuals if own else None))


def store_of(args: argparse.Namespace) -> Path:
    """The executors' store of the command: ``--store``, the programme's own, or the default
    (data/raw/actuals/); a document without a home must name one."""
    from zhytomyr_kpi.actuals.store import ACTUALS_DIR

    if getattr(args, "store", None):
        return args.store
    where = place(args)
    if where.name is None:
        return ACTUALS_DIR
    return needed(args, where.actuals, "--store ТЕКА", "сховище звітів")


def inputs(args: argparse.Namespace) -> tuple[Path, ...]:
    """The files a command reads: never a place to write to."""
    from zhytomyr_kpi.analysis.rating_results import DEFAULT_RESULTS
    from zhytomyr_kpi.document.wordings import candidates

    where = place(args)
    vocabulary = candidates(where.document)  # the wordings' files, there or not yet
    return tuple(p for p in (where.document, where.rating_results,
                             getattr(args, "results", None), DEFAULT_RESULTS,
                             *(getattr(args, "workbooks", None) or ()), *vocabulary) if p)


def check_outputs(args: argparse.Namespace, *targets: Path | None) -> list[Path]:
    """Refuse every target that must not be written, before any work is done.

    Protected: data/raw/ and data/processed/ (written only by ``build``), the reviewed quirk
    files, the command's inputs; existing files only with ``--force``.
    """
    from zhytomyr_kpi.basics.safe_io import PROTECTED, check_output_path

    protected = dict(PROTECTED)
    where = place(args)
    if where.folder is not None:  # a programme's tables and store, like data/processed/
        protected[where.processed] = f"{where.processed} пише лише команда build"
        protected[where.actuals] = f"{where.actuals} — сховище звітів, його пише лише ingest"
    if getattr(args, "quirks", None):
        protected[args.quirks] = f"{args.quirks} — файли особливостей, їх не перезаписують"
    chosen = [t for t in targets if t is not None]
    for index, target in enumerate(chosen):
        if any(os.path.realpath(target) == os.path.realpath(t) for t in chosen[:index]):
            raise OutputError(target, "той самий файл указано двічі")
        check_output_path(target, force=getattr(args, "force", False), inputs=inputs(args),
                          protected=protected)
    return chosen
