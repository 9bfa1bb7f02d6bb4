"""``zhytomyr-kpi``: the command line of the project.

Exit codes: 0 — the document was read (findings are results, not crashes); 1 — ``--strict``
and some check FAILed; 2 — an input or environment problem: the input cannot be read, an
output cannot or must not be written, the console cannot show the result (one line on
stderr, no traceback); 130 — interrupted (Ctrl-C; 143 for SIGTERM), one line, nothing half
written. Heavy modules (pandas, pandera, openpyxl) are imported only by the commands that
need them.

One module per group of commands; each has ``register(commands)``, which adds its subparsers
and sets their ``handler``. A new command is a new module, imported here and listed in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import signal
import sys

from zhytomyr_kpi.basics.errors import OutputError, ParseError
from zhytomyr_kpi.basics.paths import PlaceError
from zhytomyr_kpi.cli import (
    compare,
    document,
    executors,
    portfolio,
    publish,
    remind,
    report,
    ukrainian,
)
from zhytomyr_kpi.cli.common import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_STRICT
from zhytomyr_kpi.cli.console import Console

__all__ = ["EXIT_INPUT", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_STRICT", "main"]

#: The modules that add commands, in the order of ``--help``.
COMMAND_MODULES = (document, report, executors, remind, publish, portfolio, compare)


def _parser() -> argparse.ArgumentParser:
    ukrainian.install()
    parser = ukrainian.Parser(
        prog="zhytomyr-kpi",
        description="Міська цільова програма як таблиці: перевірка узгодженості рішення, "
                    "фактичні дані виконавців і звіти (типово — рішення № 1685, «Ефективна "
                    "влада. Конкурентне місто»).")
    parser.add_argument("--version", action="version", version=f"zhytomyr-kpi {_version()}",
                        help="показати версію і вийти")
    commands = parser.add_subparsers(dest="command", required=True, metavar="команда")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("zhytomyr-kpi")
    except PackageNotFoundError:
        return "(не встановлено)"


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every ``finally`` removes its temporaries."""


def _on_sigterm(signum, frame):
    raise _Terminated


def _run(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.handler(args)
    except (ParseError, OutputError, PlaceError) as exc:
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
