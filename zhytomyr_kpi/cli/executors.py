"""The executors' route: ``template``, ``ingest``, ``status``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zhytomyr_kpi.cli.common import (
    EXIT_INPUT,
    EXIT_OK,
    check_outputs,
    document_args,
    fail,
    load,
    place,
    store_of,
)


def register(commands) -> None:
    """Add the executors' commands to the subparsers ``commands``."""
    template = commands.add_parser("template", help="шаблон Excel для фактичних даних виконавців")
    document_args(template)
    template.add_argument("--year", required=True, help="рік програми, наприклад 2019")
    template.add_argument("--quarter", type=int, choices=(1, 2, 3, 4),
                          help="квартал (без нього — річний звіт)")
    template.add_argument("--by-executor", action="store_true",
                          help="окрема книга для кожного виконавця; --out — тека")
    template.add_argument("--executor", help="книга лише одного виконавця (назва підрозділу)")
    template.add_argument("--out", type=Path, required=True,
                          help="файл .xlsx (або тека з --by-executor)")
    template.add_argument("--force", action="store_true", help="замінити наявні файли")
    template.set_defaults(handler=_template)

    ingest = commands.add_parser("ingest", help="перевірити і прийняти заповнені звіти")
    document_args(ingest, positional=False)
    ingest.add_argument("workbooks", type=Path, nargs="+",
                        help="заповнені файли .xlsx або теки з ними")
    ingest.add_argument("--year", help="очікуваний рік (перевірка)")
    ingest.add_argument("--quarter", type=int, choices=(1, 2, 3, 4),
                        help="очікуваний квартал (перевірка)")
    ingest.add_argument("--replace", action="store_true",
                        help="дозволити порожньому звіту замінити поданий раніше")
    ingest.add_argument("--store", type=Path, default=None,
                        help="куди зберегти (типово data/raw/actuals/; для програми — "
                             "programmes/НАЗВА/actuals/)")
    ingest.set_defaults(handler=_ingest)

    status = commands.add_parser("status", help="хто з виконавців подав звіт")
    document_args(status, positional=False)
    status.add_argument("--year", required=True, help="рік програми, наприклад 2019")
    status.add_argument("--quarter", type=int, choices=(1, 2, 3, 4),
                        help="квартал (без нього — річні або останні подані звіти)")
    status.add_argument("--store", type=Path, default=None,
                        help="сховище звітів (типово data/raw/actuals/; для програми — "
                             "programmes/НАЗВА/actuals/)")
    status.add_argument("--date", help="станом на дату РРРР-ММ-ДД (типово — сьогодні): "
                                       "від неї лічаться дні прострочення")
    status.set_defaults(handler=_status)


def _template(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.actuals import (
        ActualsError,
        departments,
        period_label,
        template_file_name,
        write_template,
        write_templates,
    )
    from zhytomyr_kpi.actuals.template import check_period

    out = args.out
    if args.by_executor and out.suffix.lower() == ".xlsx":
        return fail(f"{out}: з --by-executor вкажіть теку, а не файл .xlsx")
    if not args.by_executor:
        if out.is_dir():
            out = out / template_file_name(args.year, args.quarter, args.executor)
        check_outputs(args, out)
        if out.suffix.lower() != ".xlsx":
            return fail(f"{out}: вкажіть файл .xlsx або наявну теку")
    program = load(args)
    try:
        if args.by_executor:
            check_period(program, args.year, args.quarter)
            check_outputs(args, *(out / template_file_name(args.year, args.quarter, name)
                                  for name in departments(program, args.year)))
            paths = write_templates(program, out, args.year, args.quarter)
        else:
            paths = [write_template(program, out, args.year, args.quarter, args.executor)]
    except ActualsError as exc:
        return fail(exc)
    label = period_label(args.year, args.quarter)
    if len(paths) == 1:
        print(f"Шаблон за {label}: {paths[0]}")
    else:
        from zhytomyr_kpi.basics.wording import count

        print(f"Шаблони за {label}: {count(len(paths), 'книга', 'книги', 'книг')} у "
              f"{paths[0].parent}")
    return EXIT_OK


def workbook_paths(items: list[Path]) -> list[Path]:
    """Files named, and the files inside folders named (hidden ones skipped), in order."""
    paths = []
    for item in items:
        if item.is_dir():
            paths.extend(sorted(p for p in item.iterdir()
                                if not p.name.startswith((".", "~$")) and not p.is_dir()))
        else:
            paths.append(item)
    return paths


def _ingest(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.actuals import ActualsError, ingest, period_label, who
    from zhytomyr_kpi.actuals.store import changes_text
    from zhytomyr_kpi.basics.paths import RAW_DIR
    from zhytomyr_kpi.basics.safe_io import PROTECTED, check_not_protected

    if args.store:  # the store lives in data/raw/ by design; never in the build's or reviewed
        check_not_protected(args.store, protected={k: v for k, v in PROTECTED.items()
                                                   if k != RAW_DIR})
    store = store_of(args)
    program = load(args)
    paths = workbook_paths(args.workbooks)
    if not paths:
        return fail("у вказаних теках немає файлів")
    refused = 0
    for path in paths:
        name = path.name
        try:
            check = ingest(program, path, store, args.year, args.quarter,
                           replace=args.replace)
        except ActualsError as exc:
            fail(exc)
            refused += 1
            continue
        for warning in check.warnings:
            print(f"{name}: попередження: {warning}")
        if len(check.errors) == 1:  # one line, the file named once
            print(f"zhytomyr-kpi: {name}: {check.errors[0]}; нічого не збережено",
                  file=sys.stderr)
        elif check.errors:
            print(f"zhytomyr-kpi: {name}: помилок — {len(check.errors)}, нічого не збережено:",
                  file=sys.stderr)
            for error in check.errors:
                print(f"{name}: {error}", file=sys.stderr)
        if check.errors:
            refused += 1
            continue
        label = f"{period_label(check.year, check.quarter)}, {who(check.executor)}"
        if check.duplicate_of:
            print(f"{name}: цей файл уже прийнято (подання «{check.duplicate_of}»); нічого не "
                  "змінено")
            continue
        if check.replaces:
            print(f"{name}: замінює подання «{check.replaces}»: " + (
                changes_text(check.changes) if check.changes else
                "суми і значення показників ті самі"))
        if not check.measures and not check.indicators:
            print(f"Прийнято {name} ({label}) як порожнє подання «{check.submission}»")
            continue
        print(f"Прийнято {name} ({label}): заходів — {len(check.measures)}, показників — "
              f"{len(check.indicators)}, попереджень — {len(check.warnings)}; подання "
              f"«{check.submission}»")
    if len(paths) > 1:
        from zhytomyr_kpi.basics.wording import count

        print(f"Прийнято {len(paths) - refused} з {count(len(paths), 'файлу', 'файлів', 'файлів')}"
              f". Оновіть таблиці: {_rebuild(args)}")
    elif not refused:
        print(f"Оновіть таблиці: {_rebuild(args)}")
    return EXIT_INPUT if refused else EXIT_OK


def _rebuild(args: argparse.Namespace) -> str:
    """The command that rebuilds the tables of the programme just ingested into."""
    where = place(args)
    if where.name is None:
        return "make data"
    return (f"zhytomyr-kpi build {where.folder}" if where.folder is not None
            else f"zhytomyr-kpi build {where.document} --out ТЕКА")


def _status(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.actuals.status import console
    from zhytomyr_kpi.actuals.template import check_period

    try:
        on = parse_day(args.date) if args.date else None
    except ValueError as exc:
        return fail(exc)
    store = store_of(args)
    program = load(args)
    check_period(program, args.year, args.quarter)
    sys.stdout.write(console(program, args.year, args.quarter, store, on))
    return EXIT_OK


def parse_day(text: str):
    """«2019-07-20» or «20.07.2019» → date; anything else: a ValueError naming --date."""
    from datetime import date

    text = str(text).strip()
    try:
        if "." in text:
            day, month, year = text.split(".")
            return date(int(year), int(month), int(day))
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--date: неправильна дата «{text}» (потрібно РРРР-ММ-ДД, "
                         "наприклад 2019-07-20)") from None
