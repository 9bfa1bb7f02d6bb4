"""``report``: the evaluation reports (PDF) of a year or of the whole term."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from zhytomyr_kpi.cli.common import EXIT_OK, document_args, fail, load, needed, place


def register(commands) -> None:
    """Add ``report`` to the subparsers ``commands``."""
    report = commands.add_parser("report", help="звіт про виконання програми у PDF")
    document_args(report)
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", help="рік програми або весь строк (підсумковий звіт), "
                                      "наприклад 2019 або 2018-2020")
    which.add_argument("--all", action="store_true", help="звіти за кожен рік і підсумковий")
    report.add_argument("--out", type=Path, default=None,
                        help="тека (типово reports/; для програми — programmes/NAME/reports/)")
    report.add_argument("--no-notebook", action="store_true",
                        help="не зберігати виконаний зошит поруч із PDF")
    report.add_argument("--date", help="дата звіту РРРР-ММ-ДД (типово — з config/report.toml)")
    report.add_argument("--example", action="store_true",
                        help="звіт на прикладі повного набору звітів виконавців (позначено "
                             "«ПРИКЛАД», пишеться поруч зі справжніми, не замість них)")
    report.add_argument("--settings", type=Path, default=None,
                        help="файл налаштувань звіту (типово config/report.toml; для "
                             "програми — programmes/NAME/report.toml, якщо він є)")
    report.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.actuals import ActualsError
    from zhytomyr_kpi.basics.safe_io import check_not_protected
    from zhytomyr_kpi.report import PeriodError, SettingsError, load_settings, period, periods
    from zhytomyr_kpi.report.pdf import PdfError, make_reports
    from zhytomyr_kpi.report.settings import parse_date

    where = place(args)
    out = args.out or needed(args, where.reports, "--out ТЕКА", "теку для звітів")
    settings = args.settings  # None: config/report.toml for the default programme
    if settings is None and where.name is not None:
        settings = needed(args, where.settings, "--settings ФАЙЛ", "налаштування звіту")
    program = load(args)
    try:
        keys = [p.key for p in periods(program.years)] if args.all else \
            [period(args.year, program.years).key]
        load_settings(settings)
        made_on = parse_date(args.date, "--date") if args.date else None
    except (PeriodError, SettingsError) as exc:
        return fail(exc)
    check_not_protected(out)  # never into data/raw/, data/processed/ or the reviewed files
    started = time.perf_counter()
    kind = "приклади звітів" if args.example else "звіти"
    print(f"{kind.capitalize()} за {', '.join(keys)}: виконую зошити і друкую PDF…", flush=True)
    try:
        pdfs = make_reports(keys, out, keep_notebook=not args.no_notebook, example=args.example,
                            made_on=made_on, settings_path=settings, program=program,
                            quirks=_quirks(args))
    except (PdfError, SettingsError, ActualsError) as exc:
        return fail(exc)
    for pdf in pdfs:
        print(f"  → {pdf}", flush=True)
    print(f"Готово за {time.perf_counter() - started:.0f} с", flush=True)
    return EXIT_OK


def _quirks(args: argparse.Namespace) -> str | bool | None:
    """The quirk choice as ``load_program`` and the audit notebook take it: a folder, False
    (none), or None (the set that declares the document)."""
    return False if args.no_quirks else (str(args.quirks) if args.quirks else None)
