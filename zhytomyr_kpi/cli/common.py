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


def document_args(sub: argparse.ArgumentParser) -> None:
    """The decision text as the optional first argument, and its reviewed quirk files."""
    sub.add_argument("path", nargs="?", type=Path,
                     help="текст рішення (типово data/raw/rishennia_1685_2019-12-18.txt)")
    sub.add_argument("--quirks", type=Path, default=None,
                     help="тека з перевіреними файлами особливостей документа "
                          "(типово zhytomyr_kpi/reviewed)")
    sub.add_argument("--no-quirks", action="store_true",
                     help="читати документ без файлів особливостей")


def load(args: argparse.Namespace):
    """The programme the arguments name (the default decision without a path)."""
    from zhytomyr_kpi.document.quirks import Quirks
    from zhytomyr_kpi.program import load_program

    quirks = Quirks.none() if args.no_quirks else args.quirks
    return load_program(args.path, quirks=quirks,
                        rating_results=getattr(args, "results", None))


def inputs(args: argparse.Namespace) -> tuple[Path, ...]:
    """The files a command reads: never a place to write to."""
    from zhytomyr_kpi.analysis.rating_results import DEFAULT_RESULTS
    from zhytomyr_kpi.basics.paths import DEFAULT_DOCUMENT

    return tuple(p for p in (getattr(args, "path", None) or DEFAULT_DOCUMENT,
                             getattr(args, "results", None), DEFAULT_RESULTS,
                             *(getattr(args, "workbooks", None) or ())) if p)


def check_outputs(args: argparse.Namespace, *targets: Path | None) -> list[Path]:
    """Refuse every target that must not be written, before any work is done.

    Protected: data/raw/ and data/processed/ (written only by ``build``), the reviewed quirk
    files, the command's inputs; existing files only with ``--force``.
    """
    from zhytomyr_kpi.basics.safe_io import PROTECTED, check_output_path

    protected = dict(PROTECTED)
    if getattr(args, "quirks", None):
        protected[args.quirks] = f"{args.quirks} — файли особливостей, їх не перезаписують"
    chosen = [t for t in targets if t is not None]
    for index, target in enumerate(chosen):
        if any(os.path.realpath(target) == os.path.realpath(t) for t in chosen[:index]):
            raise OutputError(target, "той самий файл указано двічі")
        check_output_path(target, force=getattr(args, "force", False), inputs=inputs(args),
                          protected=protected)
    return chosen
