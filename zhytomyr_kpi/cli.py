"""``zhytomyr-kpi``: build the tables and validate the decision from the command line.

Exit codes: 0 — the document was read (findings are results, not crashes); 1 — ``--strict``
and some check FAILed; 2 — an input or environment problem: the input cannot be read, an
output cannot or must not be written, the console cannot show the result (one line on
stderr, no traceback); 130 — interrupted (Ctrl-C; 143 for SIGTERM), one line, nothing half
written. Heavy modules (pandas, pandera, openpyxl) are imported only by the commands that
need them.

The console never crashes the command: characters the stream's encoding lacks (a cp1251
console and «÷», «−») get ASCII stand-ins, and a closed or failing stdout is noted, not raised.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import os
import signal
import sys
from pathlib import Path

from zhytomyr_kpi.basics.errors import OutputError, ParseError

EXIT_OK, EXIT_STRICT, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
CONSOLE_ERRORS = "zhytomyr_kpi.console"
_STAND_INS = {"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u00f7": "/", "\u00d7": "x",
              "\u2192": "->", "\u2190": "<-", "\u2026": "...", "\u2264": "<=", "\u2265": ">=",
              "\u2248": "~", "\u00ab": '"', "\u00bb": '"', "\u201c": '"', "\u201d": '"',
              "\u201e": '"', "\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u202f": " ",
              "\u2009": " ", "\u2116": "N", "\u2713": "+", "\u2717": "x", "\u00b1": "+/-"}


def _stand_in(exc: UnicodeError) -> tuple[str, int]:
    """Encoding error handler: an ASCII stand-in for what the console cannot show, else «?»."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    chunk = exc.object[exc.start:exc.end]
    return "".join(_STAND_INS.get(ch, "?") for ch in chunk), exc.end


codecs.register_error(CONSOLE_ERRORS, _stand_in)


class Console:
    """A text stream that never raises: what it cannot encode is replaced, failures remembered.

    ``stream`` may be None (Python starts with ``sys.stdout = None`` when file descriptor 1
    is closed). After the first failure (closed pipe, full device) output is dropped and the
    descriptor is pointed at ``os.devnull`` so that the interpreter's last flush is quiet too.
    """

    def __init__(self, stream) -> None:
        self.stream = stream
        self.wrote = False
        self.failure: OSError | None = None

    def _guard(self, action, text: str = "") -> None:
        if self.failure is not None:
            return
        if self.stream is None:
            if text:
                self.failure = OSError(errno.EBADF, "потік виведення закрито")
            return
        try:
            try:
                action(text) if text else action()
            except UnicodeEncodeError:
                encoding = getattr(self.stream, "encoding", None) or "ascii"
                action(text.encode(encoding, CONSOLE_ERRORS).decode(encoding))
        except (OSError, ValueError) as exc:  # ValueError: write to a closed file
            self.failure = exc if isinstance(exc, OSError) else OSError(
                errno.EBADF, "потік виведення закрито")
            with contextlib.suppress(Exception):
                quiet = os.open(os.devnull, os.O_WRONLY)
                os.dup2(quiet, self.stream.fileno())
                os.close(quiet)

    def write(self, text: str) -> int:
        self.wrote = self.wrote or bool(text)
        self._guard(lambda t: self.stream.write(t), text)
        return len(text)

    def flush(self) -> None:
        self._guard(lambda: self.stream.flush())

    def isatty(self) -> bool:
        return self.failure is None and self.stream is not None and self.stream.isatty()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", None) or "utf-8"

    def __getattr__(self, name):
        if self.stream is None:
            raise AttributeError(name)
        return getattr(self.stream, name)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhytomyr-kpi",
        description="Міська цільова програма як таблиці: перевірка узгодженості рішення, "
                    "фактичні дані виконавців і звіти (типово — рішення № 1685, «Ефективна "
                    "влада. Конкурентне місто»).")
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
    validate.add_argument("--force", action="store_true",
                          help="замінити наявні файли --markdown і --json")

    efficiency = commands.add_parser("efficiency", help="середні видатки: зазначені і обчислені")
    document_args(efficiency)
    efficiency.add_argument("--basis", choices=("plan", "allocation", "all"), default="plan",
                            help="plan — показники додатка Б; allocation — кошти додатка А ÷ "
                                 "продукт; all — обидва")

    report = commands.add_parser("report", help="звіт про виконання програми у PDF")
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", help="рік програми або весь строк (підсумковий звіт), "
                                      "наприклад 2019 або 2018-2020")
    which.add_argument("--all", action="store_true", help="звіти за кожен рік і підсумковий")
    report.add_argument("--out", type=Path, default=None, help="тека (типово reports/)")
    report.add_argument("--no-notebook", action="store_true",
                        help="не зберігати виконаний зошит поруч із PDF")
    report.add_argument("--date", help="дата звіту РРРР-ММ-ДД (типово — з config/report.toml)")
    report.add_argument("--example", action="store_true",
                        help="звіт на прикладі повного набору звітів виконавців (позначено "
                             "«ПРИКЛАД», пишеться поруч зі справжніми, не замість них)")
    report.add_argument("--settings", type=Path, default=None,
                        help="файл налаштувань звіту (типово config/report.toml)")

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

    ingest = commands.add_parser("ingest", help="перевірити і прийняти заповнені звіти")
    document_args(ingest)
    ingest.add_argument("workbooks", type=Path, nargs="+", metavar="FILE_OR_DIR",
                        help="заповнені файли .xlsx або теки з ними")
    ingest.add_argument("--year", help="очікуваний рік (перевірка)")
    ingest.add_argument("--quarter", type=int, choices=(1, 2, 3, 4),
                        help="очікуваний квартал (перевірка)")
    ingest.add_argument("--replace", action="store_true",
                        help="дозволити порожньому звіту замінити поданий раніше")
    ingest.add_argument("--store", type=Path, default=None,
                        help="куди зберегти (типово data/raw/actuals/)")

    status = commands.add_parser("status", help="хто з виконавців подав звіт")
    document_args(status)
    status.add_argument("--year", required=True, help="рік програми, наприклад 2019")
    status.add_argument("--quarter", type=int, choices=(1, 2, 3, 4),
                        help="квартал (без нього — річні або останні подані звіти)")
    status.add_argument("--store", type=Path, default=None,
                        help="сховище звітів (типово data/raw/actuals/)")

    ratings = commands.add_parser("ratings", help="рейтинги проти цілей програми")
    document_args(ratings)
    ratings.add_argument("--results", type=Path, default=None,
                         help="файл опублікованих результатів (типово data/raw/rating_results.csv)")
    return parser


def _load(args: argparse.Namespace):
    from zhytomyr_kpi.document.quirks import Quirks
    from zhytomyr_kpi.program import load_program

    quirks = Quirks.none() if args.no_quirks else args.quirks
    return load_program(args.path, quirks=quirks,
                        rating_results=getattr(args, "results", None))


def _inputs(args: argparse.Namespace) -> tuple[Path, ...]:
    """The files a command reads: never a place to write to."""
    from zhytomyr_kpi.analysis.rating_results import DEFAULT_RESULTS
    from zhytomyr_kpi.basics.paths import DEFAULT_DOCUMENT

    return tuple(p for p in (args.path or DEFAULT_DOCUMENT, getattr(args, "results", None),
                             DEFAULT_RESULTS, *(getattr(args, "workbooks", None) or ())) if p)


def _check_outputs(args: argparse.Namespace, *targets: Path | None) -> list[Path]:
    """Refuse every target that must not be written, before any work is done.

    Protected: data/raw/ and data/processed/ (written only by ``build``), the reviewed quirk
    files, the command's inputs; existing files only with ``--force``.
    """
    from zhytomyr_kpi.basics.safe_io import PROTECTED, check_output_path

    protected = dict(PROTECTED)
    if args.quirks:
        protected[args.quirks] = f"{args.quirks} — файли особливостей, їх не перезаписують"
    chosen = [t for t in targets if t is not None]
    for index, target in enumerate(chosen):
        if any(os.path.realpath(target) == os.path.realpath(t) for t in chosen[:index]):
            raise OutputError(target, "той самий файл указано двічі")
        check_output_path(target, force=getattr(args, "force", False), inputs=_inputs(args),
                          protected=protected)
    return chosen


def _build(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.basics.paths import PROCESSED_DIR
    from zhytomyr_kpi.basics.wording import plural
    from zhytomyr_kpi.tables.build import build
    from zhytomyr_kpi.views.summary import headline

    program = _load(args)
    written = build(program, args.out or PROCESSED_DIR)
    print(headline(program))
    print(f"Записано {len(written)} {plural(len(written), 'файл', 'файли', 'файлів')} "
          f"у {written[0].parent}")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.basics.safe_io import atomic_write
    from zhytomyr_kpi.views.summary import as_json, console, markdown

    _check_outputs(args, args.markdown, args.json)
    program = _load(args)
    texts = {args.markdown: markdown(program) if args.markdown else None,
             args.json: as_json(program) if args.json else None}
    for path, text in texts.items():
        if path is not None:
            atomic_write(path, text.encode("utf-8"))
    sys.stdout.write(console(program, show_info=args.all))
    failed = any(r.status == "FAIL" for r in program.check_results)
    return EXIT_STRICT if args.strict and failed else EXIT_OK


def _efficiency(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.views.summary import efficiency_console

    sys.stdout.write(efficiency_console(_load(args), args.basis))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    import time

    from zhytomyr_kpi.actuals import ActualsError
    from zhytomyr_kpi.program import load_program
    from zhytomyr_kpi.report import PeriodError, SettingsError, load_settings, period, periods
    from zhytomyr_kpi.report.pdf import REPORTS_DIR, PdfError, make_reports
    from zhytomyr_kpi.report.settings import parse_date

    program = load_program()
    try:
        keys = [p.key for p in periods(program.years)] if args.all else \
            [period(args.year, program.years).key]
        load_settings(args.settings)
        made_on = parse_date(args.date, "--date") if args.date else None
    except (PeriodError, SettingsError) as exc:
        print(f"zhytomyr-kpi: помилка: {exc}", file=sys.stderr)
        return EXIT_INPUT
    from zhytomyr_kpi.basics.safe_io import check_not_protected

    out = args.out or REPORTS_DIR
    check_not_protected(out)  # never into data/raw/, data/processed/ or the reviewed files
    started = time.perf_counter()
    kind = "приклади звітів" if args.example else "звіти"
    print(f"{kind.capitalize()} за {', '.join(keys)}: виконую зошити і друкую PDF…", flush=True)
    try:
        pdfs = make_reports(keys, out, keep_notebook=not args.no_notebook, example=args.example,
                            made_on=made_on, settings_path=args.settings,
                            program=None if args.example else program)
    except (PdfError, SettingsError, ActualsError) as exc:
        print(f"zhytomyr-kpi: помилка: {exc}", file=sys.stderr)
        return EXIT_INPUT
    for pdf in pdfs:
        print(f"  → {pdf}", flush=True)
    print(f"Готово за {time.perf_counter() - started:.0f} с", flush=True)
    return EXIT_OK


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
        print(f"zhytomyr-kpi: помилка: {out}: з --by-executor вкажіть теку, а не файл .xlsx",
              file=sys.stderr)
        return EXIT_INPUT
    if not args.by_executor:
        if out.is_dir():
            out = out / template_file_name(args.year, args.quarter, args.executor)
        _check_outputs(args, out)
    program = _load(args)
    try:
        if args.by_executor:
            check_period(program, args.year, args.quarter)
            _check_outputs(args, *(out / template_file_name(args.year, args.quarter, name)
                                   for name in departments(program, args.year)))
            paths = write_templates(program, out, args.year, args.quarter)
        else:
            paths = [write_template(program, out, args.year, args.quarter, args.executor)]
    except ActualsError as exc:
        print(f"zhytomyr-kpi: помилка: {exc}", file=sys.stderr)
        return EXIT_INPUT
    label = period_label(args.year, args.quarter)
    if len(paths) == 1:
        print(f"Шаблон за {label}: {paths[0]}")
    else:
        from zhytomyr_kpi.basics.wording import count

        print(f"Шаблони за {label}: {count(len(paths), 'книга', 'книги', 'книг')} у "
              f"{paths[0].parent}")
    return EXIT_OK


def _workbook_paths(items: list[Path]) -> list[Path]:
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
    from zhytomyr_kpi.actuals import ACTUALS_DIR, ActualsError, ingest, period_label, who
    from zhytomyr_kpi.basics.paths import RAW_DIR
    from zhytomyr_kpi.basics.safe_io import PROTECTED, check_not_protected

    if args.store:  # the store lives in data/raw/ by design; never in the build's or reviewed
        check_not_protected(args.store, protected={k: v for k, v in PROTECTED.items()
                                                   if k != RAW_DIR})
    program = _load(args)
    paths = _workbook_paths(args.workbooks)
    if not paths:
        print("zhytomyr-kpi: помилка: у вказаних теках немає файлів", file=sys.stderr)
        return EXIT_INPUT
    refused = 0
    for path in paths:
        name = path.name
        try:
            check = ingest(program, path, args.store or ACTUALS_DIR, args.year, args.quarter,
                           replace=args.replace)
        except ActualsError as exc:
            print(f"zhytomyr-kpi: помилка: {exc}", file=sys.stderr)
            refused += 1
            continue
        for warning in check.warnings:
            print(f"{name}: попередження: {warning}")
        if check.errors:
            print(f"zhytomyr-kpi: {name}: помилок — {len(check.errors)}, нічого не збережено:",
                  file=sys.stderr)
            for error in check.errors:
                print(f"{name}: {error}", file=sys.stderr)
            refused += 1
            continue
        label = f"{period_label(check.year, check.quarter)}, {who(check.executor)}"
        if check.duplicate_of:
            print(f"{name}: цей файл уже прийнято (подання «{check.duplicate_of}»); нічого не "
                  "змінено")
            continue
        print(f"Прийнято {name} ({label}): заходів — {len(check.measures)}, показників — "
              f"{len(check.indicators)}, попереджень — {len(check.warnings)}; подання "
              f"«{check.submission}»")
    if len(paths) > 1:
        from zhytomyr_kpi.basics.wording import count

        print(f"Прийнято {len(paths) - refused} з {count(len(paths), 'файлу', 'файлів', 'файлів')}"
              ". Оновіть таблиці: make data")
    elif not refused:
        print("Оновіть таблиці: make data")
    return EXIT_INPUT if refused else EXIT_OK


def _status(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.actuals.status import console
    from zhytomyr_kpi.actuals.template import check_period

    program = _load(args)
    check_period(program, args.year, args.quarter)
    sys.stdout.write(console(program, args.year, args.quarter, args.store))
    return EXIT_OK


def _ratings(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.basics.paths import PROCESSED_DIR
    from zhytomyr_kpi.views.summary import ratings_console, verdict_changes_console

    program = _load(args)
    sys.stdout.write(ratings_console(program))
    sys.stdout.write("\n" + verdict_changes_console(program, PROCESSED_DIR / "ratings.csv"))
    return EXIT_OK


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every ``finally`` removes its temporaries."""


def _on_sigterm(signum, frame):
    raise _Terminated


def _run(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    handlers = {"build": _build, "validate": _validate, "efficiency": _efficiency,
                "ratings": _ratings, "report": _report, "template": _template,
                "ingest": _ingest, "status": _status}
    try:
        return handlers[args.command](args)
    except (ParseError, OutputError) as exc:
        message = str(exc)
    except OSError as exc:
        from zhytomyr_kpi.basics.safe_io import describe

        target = exc.filename2 or exc.filename  # a rename's target, not its temporary source
        message = f"{target}: {describe(exc)}" if target else describe(exc)
    except MemoryError:
        message = "недостатньо пам'яті"
    print(f"zhytomyr-kpi: помилка: {message}", file=sys.stderr)
    return EXIT_INPUT


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code (argparse exits 2 itself on bad arguments)."""
    saved = sys.stdout, sys.stderr
    out, err = Console(sys.stdout), Console(sys.stderr)
    sys.stdout, sys.stderr = out, err
    previous = None
    with contextlib.suppress(ValueError, AttributeError):  # not the main thread / no SIGTERM
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        try:
            code = _run(argv)
        except KeyboardInterrupt as exc:
            print("zhytomyr-kpi: перервано; незавершені файли не записано, попередні не змінено",
                  file=sys.stderr)
            code = EXIT_INTERRUPTED + (13 if isinstance(exc, _Terminated) else 0)
        out.flush()
        if out.failure is not None and out.failure.errno != errno.EPIPE and out.wrote:
            from zhytomyr_kpi.basics.safe_io import describe

            print(f"zhytomyr-kpi: помилка: не вдається вивести результат: "
                  f"{describe(out.failure)}", file=sys.stderr)
            code = EXIT_INPUT
        err.flush()
        return code
    finally:
        sys.stdout, sys.stderr = saved
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
