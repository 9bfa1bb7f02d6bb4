"""``compare OLD NEW``: what an amendment changes (issue 23), as a console summary and, with
``--out DIR``, the comparative table (XLSX, PDF, DOCX)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zhytomyr_kpi.cli.common import EXIT_OK


def register(commands) -> None:
    compare = commands.add_parser(
        "compare", help="порівняти дві редакції програми (порівняльна таблиця змін)")
    compare.add_argument("old", type=Path, help="текст чинної редакції рішення")
    compare.add_argument("new", type=Path, help="текст запропонованої редакції (проєкту)")
    compare.add_argument("--out", type=Path, default=None,
                         help="тека для порівняльної таблиці: comparison.xlsx, .pdf, .docx")
    compare.add_argument("--force", action="store_true",
                         help="замінити наявні файли порівняння в теці --out")
    compare.set_defaults(handler=_compare)


def _compare(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.basics.safe_io import PROTECTED, check_output_path
    from zhytomyr_kpi.compare.changes import compare
    from zhytomyr_kpi.compare.editions import read_editions
    from zhytomyr_kpi.compare.summary import console

    if args.out is not None:
        from zhytomyr_kpi.compare.table import output_names

        for target in output_names(args.out):
            check_output_path(target, force=args.force, inputs=(args.old, args.new),
                              protected=PROTECTED)
    readings = read_editions(args.old, args.new)
    comparison = compare(readings.old, readings.new)
    sys.stdout.write(console(comparison, readings.note))
    if args.out is not None:
        from zhytomyr_kpi.compare.table import write_table

        written = write_table(comparison, args.out, readings.note)
        print("Порівняльну таблицю записано: " + ", ".join(str(p) for p in written))
    return EXIT_OK
