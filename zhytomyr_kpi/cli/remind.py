"""``remind``: one reminder letter per executor that owes a report and has not sent it (or
sent it without some of its own figures), as plain-text files in a folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from zhytomyr_kpi.cli.common import EXIT_OK, check_outputs, document_args, fail, load, place


def register(commands) -> None:
    """Add ``remind`` to the subparsers ``commands``."""
    remind = commands.add_parser("remind", help="нагадування виконавцям, які не подали звіт")
    document_args(remind)
    remind.add_argument("--year", required=True, help="рік програми, наприклад 2019")
    remind.add_argument("--quarter", type=int, choices=(1, 2, 3, 4),
                        help="квартал (без нього — річний звіт)")
    remind.add_argument("--date", help="станом на дату РРРР-ММ-ДД (типово — сьогодні)")
    remind.add_argument("--out", type=Path, required=True, help="тека для листів (.txt)")
    remind.add_argument("--store", type=Path, default=None,
                        help="сховище звітів (типово data/raw/actuals/)")
    remind.add_argument("--settings", type=Path, default=None,
                        help="підписи листів (типово config/report.toml)")
    remind.add_argument("--force", action="store_true", help="замінити наявні листи")
    remind.set_defaults(handler=_remind)


def _remind(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.actuals.safe_files import write_files
    from zhytomyr_kpi.actuals.template import check_period, period_label
    from zhytomyr_kpi.basics.wording import count
    from zhytomyr_kpi.cli.executors import parse_day
    from zhytomyr_kpi.report import SettingsError, load_settings
    from zhytomyr_kpi.report.reminders import reminders

    if args.out.exists() and not args.out.is_dir():
        return fail(f"{args.out}: вкажіть теку для листів, а не файл")
    try:
        on = parse_day(args.date) if args.date else None
        settings_path = args.settings
        where = place(args)
        if settings_path is None and where.name is not None:
            settings_path = where.settings  # the programme's own, never No. 1685's
        settings = load_settings(settings_path)
    except (ValueError, SettingsError) as exc:
        return fail(exc)
    program = load(args)
    check_period(program, args.year, args.quarter)
    letters = reminders(program, args.year, args.quarter, settings, on, args.store)
    label = period_label(args.year, args.quarter)
    if not letters:
        print(f"Нагадувати нікому: за {label} усі, хто має звітувати, подали повні звіти")
        return EXIT_OK
    check_outputs(args, *(args.out / letter.file_name for letter in letters))
    write_files({letter.file_name: letter.text.encode("utf-8") for letter in letters},
                args.out)
    print(f"Нагадування за {label}: {count(len(letters), 'лист', 'листи', 'листів')} у "
          f"{args.out}")
    for letter in letters:
        print(f"  → {letter.file_name}")
    return EXIT_OK
