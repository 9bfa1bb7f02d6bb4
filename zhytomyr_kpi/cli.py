"""``zhytomyr-kpi``: build the tables and validate the decision from the command line.

Exit codes: 0 — the document was read (findings are results, not crashes); 1 — ``--strict``
and some check FAILed; 2 — the input cannot be read (one line on stderr, no traceback).
Heavy modules (pandas, pandera, openpyxl) are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ParseError

EXIT_OK, EXIT_STRICT, EXIT_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhytomyr-kpi",
        description="Програма «Ефективна влада. Конкурентне місто» 2018-2020: таблиці та "
                    "перевірка узгодженості рішення № 1685.")
    commands = parser.add_subparsers(dest="command", required=True)

    def document_args(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("path", nargs="?", type=Path,
                         help="текст рішення (типово data/raw/rishennia_1685_2019-12-18.txt)")
        sub.add_argument("--quirks", type=Path, default=None,
                         help="тека з перевіреними файлами особливостей документа "
                              "(типово zhytomyr_kpi/reviewed)")
        sub.add_argument("--no-quirks", action="store_true",
                         help="читати документ без файлів особливостей")

    build = commands.add_parser("build", help="записати таблиці CSV і program.xlsx")
    document_args(build)
    build.add_argument("--out", type=Path, default=None,
                       help="тека для результатів (типово data/processed)")

    validate = commands.add_parser("validate", help="перевірити узгодженість документа")
    document_args(validate)
    validate.add_argument("--markdown", type=Path, help="записати звіт у Markdown")
    validate.add_argument("--json", type=Path, help="записати звіт у JSON")
    validate.add_argument("--strict", action="store_true",
                          help="код виходу 1, якщо якась перевірка FAIL")
    validate.add_argument("--all", action="store_true", help="показати і довідкові знахідки")

    efficiency = commands.add_parser("efficiency", help="середні видатки: зазначені і обчислені")
    document_args(efficiency)
    efficiency.add_argument("--basis", choices=("plan", "allocation", "all"), default="plan",
                            help="plan — показники додатка Б; allocation — кошти додатка А ÷ "
                                 "продукт; all — обидва")

    report = commands.add_parser("report", help="звіт оцінки програми у PDF")
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", help="2018, 2019, 2020 або 2018-2020 (підсумковий)")
    which.add_argument("--all", action="store_true", help="усі чотири звіти")
    report.add_argument("--out", type=Path, default=None, help="тека (типово reports/)")
    report.add_argument("--no-notebook", action="store_true",
                        help="не зберігати виконаний зошит поруч із PDF")

    template = commands.add_parser("template", help="шаблон Excel для фактичних даних виконавців")
    document_args(template)
    template.add_argument("--year", required=True, help="2018, 2019 або 2020")
    template.add_argument("--quarter", type=int, choices=(1, 2, 3, 4),
                          help="квартал (без нього — річний звіт)")
    template.add_argument("--out", type=Path, required=True, help="файл .xlsx, який створити")

    ingest = commands.add_parser("ingest", help="перевірити і прийняти заповнений шаблон")
    document_args(ingest)
    ingest.add_argument("workbook", type=Path, help="заповнений файл .xlsx")
    ingest.add_argument("--year", help="очікуваний рік (перевірка)")
    ingest.add_argument("--quarter", type=int, choices=(1, 2, 3, 4),
                        help="очікуваний квартал (перевірка)")
    ingest.add_argument("--store", type=Path, default=None,
                        help="куди зберегти (типово data/raw/actuals/)")

    ratings = commands.add_parser("ratings", help="рейтинги проти цілей програми")
    document_args(ratings)
    ratings.add_argument("--results", type=Path, default=None,
                         help="файл опублікованих результатів (типово data/raw/rating_results.csv)")
    return parser


def _load(args: argparse.Namespace):
    from .program import load_program
    from .quirks import Quirks

    quirks = Quirks.none() if args.no_quirks else args.quirks
    return load_program(args.path, quirks=quirks,
                        rating_results=getattr(args, "results", None))


def _write_text(path: Path, text: str) -> None:
    from .build import write_atomically

    write_atomically({path.name: text.encode("utf-8")}, path.parent if path.parent.parts else
                     Path("."))


def _build(args: argparse.Namespace) -> int:
    from .build import build
    from .paths import PROCESSED_DIR
    from .summary import headline

    program = _load(args)
    written = build(program, args.out or PROCESSED_DIR)
    print(headline(program))
    print(f"Записано {len(written)} файлів у {written[0].parent}")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .summary import as_json, console, markdown

    program = _load(args)
    if args.markdown:
        _write_text(args.markdown, markdown(program))
    if args.json:
        _write_text(args.json, as_json(program))
    sys.stdout.write(console(program, show_info=args.all))
    failed = any(r.status == "FAIL" for r in program.check_results)
    return EXIT_STRICT if args.strict and failed else EXIT_OK


def _efficiency(args: argparse.Namespace) -> int:
    from .summary import efficiency_console

    sys.stdout.write(efficiency_console(_load(args), args.basis))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    import time

    from .report import PERIODS, PeriodError, period

    try:
        keys = list(PERIODS) if args.all else [period(args.year).key]
    except PeriodError as exc:
        print(f"zhytomyr-kpi: помилка: {exc}", file=sys.stderr)
        return EXIT_INPUT
    from .pdf import REPORTS_DIR, PdfError, make_report

    out = args.out or REPORTS_DIR
    for number, key in enumerate(keys, start=1):
        started = time.perf_counter()
        print(f"[{number}/{len(keys)}] звіт за {key}: виконую зошит і друкую PDF…", flush=True)
        try:
            pdf = make_report(key, out, keep_notebook=not args.no_notebook)
        except PdfError as exc:
            print(f"zhytomyr-kpi: помилка: {exc}", file=sys.stderr)
            return EXIT_INPUT
        print(f"      → {pdf} ({time.perf_counter() - started:.0f} с)", flush=True)
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    from .actuals import ActualsError, period_label, write_template

    program = _load(args)
    try:
        path = write_template(program, args.out, args.year, args.quarter)
    except ActualsError as exc:
        print(f"zhytomyr-kpi: помилка: {exc}", file=sys.stderr)
        return EXIT_INPUT
    print(f"Шаблон за {period_label(args.year, args.quarter)}: {path}")
    return EXIT_OK


def _ingest(args: argparse.Namespace) -> int:
    from .actuals import ACTUALS_DIR, ActualsError, ingest, period_label

    program = _load(args)
    try:
        check = ingest(program, args.workbook, args.store or ACTUALS_DIR, args.year,
                       args.quarter)
    except ActualsError as exc:
        print(f"zhytomyr-kpi: помилка: {exc}", file=sys.stderr)
        return EXIT_INPUT
    name = args.workbook.name
    for warning in check.warnings:
        print(f"{name}: попередження: {warning}")
    if check.errors:
        print(f"zhytomyr-kpi: {name}: {len(check.errors)} помилок, нічого не збережено:",
              file=sys.stderr)
        for error in check.errors:
            print(f"{name}: {error}", file=sys.stderr)
        return EXIT_INPUT
    print(f"Прийнято {name} за {period_label(check.year, check.quarter)}: "
          f"{len(check.measures)} заходів, {len(check.indicators)} показників, "
          f"{len(check.warnings)} попереджень. Оновіть таблиці: make data")
    return EXIT_OK


def _ratings(args: argparse.Namespace) -> int:
    from .paths import PROCESSED_DIR
    from .summary import ratings_console, verdict_changes_console

    program = _load(args)
    sys.stdout.write(ratings_console(program))
    sys.stdout.write("\n" + verdict_changes_console(program, PROCESSED_DIR / "ratings.csv"))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {"build": _build, "validate": _validate, "efficiency": _efficiency,
                "ratings": _ratings, "report": _report, "template": _template,
                "ingest": _ingest}
    try:
        return handlers[args.command](args)
    except ParseError as exc:
        print(f"zhytomyr-kpi: помилка: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        name = exc.filename or ""
        print(f"zhytomyr-kpi: помилка: {name}: {exc.strerror}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
