"""The command line's own messages in Ukrainian: argparse's usage, help and errors.

argparse writes its words through the module's ``gettext`` alias ``_``; the project ships no
compiled catalogue for it, so :func:`install` puts a lookup in that alias's place: the messages
a user can meet (usage, the help's headings, every argument error) have a Ukrainian text here,
anything else stays as argparse has it. :class:`Parser` makes an argument error one line,
«zhytomyr-kpi: помилка: …», exit 2, like every other bad input.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

MESSAGES = {
    "usage: ": "використання: ",
    "positional arguments": "позиційні аргументи",
    "options": "параметри",
    "show this help message and exit": "показати цю довідку і вийти",
    "the following arguments are required: %s": "бракує обов'язкових аргументів: %s",
    "unrecognized arguments: %s": "невідомі аргументи: %s",
    "expected one argument": "після параметра потрібне одне значення",
    "expected at least one argument": "після параметра потрібне щонайменше одне значення",
    "expected at most one argument": "після параметра можна дати не більше одного значення",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "недопустиме значення %(value)r (можливі: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "неправильне значення %(value)r",
    "ambiguous option: %(option)s could match %(matches)s":
        "неоднозначний параметр %(option)s: підходять %(matches)s",
    "ignored explicit argument %r": "зайве значення %r",
    "not allowed with argument %s": "не можна разом з аргументом %s",
    "one of the arguments %s is required": "потрібен один з аргументів %s",
    "unexpected option string: %s": "неочікуваний параметр: %s",
    "can't open '%(filename)s': %(error)s": "не вдається відкрити «%(filename)s»: %(error)s",
}


def _translated(message: str) -> str:
    return MESSAGES.get(message, message)


def install() -> None:
    """Let argparse speak Ukrainian (idempotent)."""
    argparse._ = _translated  # type: ignore[attr-defined]


#: The placeholder a help text shows for an argument's value, by the argument's name: words a
#: user reads («--year РІК»), not the code's (``year``). Anything not named here: «ЗНАЧЕННЯ».
METAVARS = {
    "path": "РІШЕННЯ", "paths": "РІШЕННЯ", "programme": "НАЗВА", "quirks": "ТЕКА",
    "out": "ТЕКА", "store": "ТЕКА", "markdown": "ФАЙЛ", "json": "ФАЙЛ", "results": "ФАЙЛ",
    "settings": "ФАЙЛ", "year": "РІК", "executor": "ВИКОНАВЕЦЬ", "date": "ДАТА",
    "old": "ЧИННА_РЕДАКЦІЯ", "new": "ПРОЄКТ", "workbooks": "КНИГА_АБО_ТЕКА",
}


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help with Ukrainian placeholders (:data:`METAVARS`) instead of upper-cased
    English argument names."""

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return METAVARS.get(action.dest, "ЗНАЧЕННЯ")

    def _get_default_metavar_for_positional(self, action: argparse.Action) -> str:
        return METAVARS.get(action.dest, "ЗНАЧЕННЯ")


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, exit 2, and whose help speaks
    Ukrainian (:class:`HelpFormatter`); the commands' parsers are of this class too."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        command = self.prog.partition(" ")[2]  # «validate» for a command's own parser
        # «потрібен один з аргументів --year --all»: the choices joined by «або»
        message = re.sub(r"(потрібен один з аргументів) (.+)", lambda m: m[1] + " " + " або "
                         .join(m[2].split()), message)
        self.exit(2, f"zhytomyr-kpi: помилка: {command + ': ' if command else ''}{message}\n")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise SystemExit(status)
