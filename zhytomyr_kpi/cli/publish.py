"""``publish``: the folder for the council's website (the summary page, the PDF, open data)."""

from __future__ import annotations

import argparse
from pathlib import Path

from zhytomyr_kpi.cli.common import EXIT_OK, document_args, fail, load, place, store_of


def register(commands) -> None:
    """Add ``publish`` to the subparsers ``commands``."""
    publish = commands.add_parser("publish", help="тека для сайту міської ради: сторінка, PDF, "
                                                  "відкриті дані")
    document_args(publish)
    publish.add_argument("--year", required=True,
                         help="рік програми або весь строк (підсумковий звіт), наприклад 2019 "
                              "або 2018-2020")
    publish.add_argument("--out", type=Path, default=None,
                         help="тека публікації (типово publication/<період>; для програми — "
                              "programmes/НАЗВА/publication/<період>)")
    publish.add_argument("--date", help="дата звіту РРРР-ММ-ДД (типово — з config/report.toml)")
    publish.add_argument("--example", action="store_true",
                         help="на прикладі повного набору звітів виконавців («ПРИКЛАД»)")
    publish.add_argument("--settings", type=Path, default=None,
                         help="файл налаштувань звіту (типово config/report.toml; для програми "
                              "— programmes/НАЗВА/report.toml, якщо він є)")
    publish.add_argument("--force", action="store_true", help="замінити попередню публікацію")
    publish.set_defaults(handler=_publish)


def _publish(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.actuals import ActualsError, check_store
    from zhytomyr_kpi.actuals.calendar import dated, publication_due, read_terms
    from zhytomyr_kpi.basics.paths import PROJECT_ROOT
    from zhytomyr_kpi.basics.safe_io import check_not_protected
    from zhytomyr_kpi.program import load_program
    from zhytomyr_kpi.publish.folder import check_target, publication_files, write_publication
    from zhytomyr_kpi.report import PeriodError, SettingsError, load_settings, period
    from zhytomyr_kpi.report.pdf import PdfError
    from zhytomyr_kpi.report.settings import parse_date

    where = place(args)
    program = load(args)
    settings_path = args.settings
    if settings_path is None and where.name is not None:
        settings_path = where.settings  # the programme's own, never No. 1685's
    try:
        chosen = period(args.year, program.years)
        settings = load_settings(settings_path)
        made_on = parse_date(args.date, "--date") if args.date else None
    except (PeriodError, SettingsError) as exc:
        return fail(exc)
    suffix = "_example" if args.example else ""
    home = where.folder if where.name is not None else PROJECT_ROOT
    out = args.out or home / "publication" / f"{chosen.key}{suffix}"
    check_not_protected(out)
    check_target(out, args.force)
    try:
        if args.example:
            from zhytomyr_kpi.actuals.example import example_store

            program = load_program(where.document, quirks=program.document.quirks,
                                   rating_results=program.rating_results_path,
                                   actuals=example_store(program))
        else:
            check_store(store_of(args), program)
        files = publication_files(program, chosen.key, settings, made_on,
                                  True if args.example else None)
    except (PdfError, ActualsError) as exc:
        return fail(exc)
    write_publication(files, out)
    from zhytomyr_kpi.basics.wording import count

    print(f"Публікація {chosen.in_words}: {out} ({count(len(files), 'файл', 'файли', 'файлів')}"
          ": index.html, PDF, таблиці CSV і XLSX, datapackage.json)")
    due = publication_due(read_terms(program), chosen.years, chosen.is_final)
    if due:
        print(f"Строк публікації на сайті міської ради — до {dated(due)} (розділ 8 рішення)")
    elif chosen.is_final:
        print("Строк публікації підсумкового звіту рішення не встановлює (розділ 8: після "
              "закінчення строку Програми)")
    return EXIT_OK
