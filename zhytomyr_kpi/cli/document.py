"""The commands that read the decision: ``build``, ``validate``, ``efficiency``, ``ratings``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zhytomyr_kpi.cli.common import (
    EXIT_OK,
    EXIT_STRICT,
    check_outputs,
    document_args,
    load,
    needed,
    place,
)


def register(commands) -> None:
    """Add the document commands to the subparsers ``commands``."""
    build = commands.add_parser("build", help="записати таблиці CSV і program.xlsx")
    document_args(build)
    build.add_argument("--out", type=Path, default=None,
                       help="тека для результатів (типово data/processed; для програми — "
                            "programmes/НАЗВА/processed)")
    build.set_defaults(handler=_build)

    validate = commands.add_parser("validate", help="перевірити узгодженість документа")
    document_args(validate)
    validate.add_argument("--markdown", type=Path, help="записати звіт у Markdown")
    validate.add_argument("--json", type=Path, help="записати звіт у JSON")
    validate.add_argument("--strict", action="store_true",
                          help="код виходу 1, якщо якась перевірка виявила розбіжність")
    validate.add_argument("--all", action="store_true", help="показати і довідкові знахідки")
    validate.add_argument("--force", action="store_true",
                          help="замінити наявні файли --markdown і --json")
    validate.set_defaults(handler=_validate)

    efficiency = commands.add_parser("efficiency", help="середні видатки: зазначені і обчислені")
    document_args(efficiency)
    efficiency.add_argument("--basis", choices=("plan", "allocation", "all"), default="plan",
                            help="plan — показники додатка Б; allocation — кошти додатка А ÷ "
                                 "продукт; all — обидва")
    efficiency.set_defaults(handler=_efficiency)

    ratings = commands.add_parser("ratings", help="рейтинги проти цілей програми")
    document_args(ratings)
    ratings.add_argument("--results", type=Path, default=None,
                         help="файл опублікованих результатів (типово rating_results.csv "
                              "програми, інакше data/raw/rating_results.csv)")
    ratings.set_defaults(handler=_ratings)


def _build(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.basics.wording import plural
    from zhytomyr_kpi.tables.build import build
    from zhytomyr_kpi.views.summary import headline

    out = args.out or needed(args, place(args).processed, "--out ТЕКА", "теку для таблиць")
    program = load(args)
    written = build(program, out)
    print(headline(program))
    print(f"Записано {len(written)} {plural(len(written), 'файл', 'файли', 'файлів')} "
          f"у {written[0].parent}")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.basics.safe_io import atomic_write
    from zhytomyr_kpi.views.summary import as_json, console, markdown

    check_outputs(args, args.markdown, args.json)
    program = load(args)
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

    sys.stdout.write(efficiency_console(load(args), args.basis))
    return EXIT_OK


def _ratings(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.views.summary import ratings_console, verdict_changes_console

    program = load(args)
    sys.stdout.write(ratings_console(program))
    processed = place(args).processed  # a document without a home has no last build
    if processed is not None:
        sys.stdout.write("\n" + verdict_changes_console(program, processed / "ratings.csv"))
    return EXIT_OK
