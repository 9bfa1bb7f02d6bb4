"""``portfolio``: every programme of the project in one table (the default one and
``programmes/*/``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zhytomyr_kpi.cli.common import EXIT_OK


def register(commands) -> None:
    """Add ``portfolio`` to the subparsers ``commands``."""
    portfolio = commands.add_parser(
        "portfolio", help="усі програми проєкту: строк, кошти, виконання, знахідки, показники")
    portfolio.add_argument("paths", nargs="*", type=Path,
                           help="тексти рішень або теки програм (типово — рішення № 1685 і "
                                "кожна тека programmes/*/)")
    portfolio.set_defaults(handler=_portfolio)


def _portfolio(args: argparse.Namespace) -> int:
    from zhytomyr_kpi.basics.errors import ParseError
    from zhytomyr_kpi.basics.paths import place_of
    from zhytomyr_kpi.views.portfolio import console, portfolio

    for path in args.paths:  # a path named that is not there is a mistake, not a row
        if not path.exists():
            raise ParseError(path, "немає такого файлу чи теки")
    places = [place_of(p) for p in args.paths] if args.paths else None
    sys.stdout.write(console(portfolio(places)))
    return EXIT_OK
