"""The one error type users see: what is wrong with which input, and where."""

from __future__ import annotations

from pathlib import Path


class ParseError(Exception):
    """The input cannot be read as a programme decision (or a reviewed data file is wrong).

    The message is one line in Ukrainian that names the file and, where known, the line,
    so that the CLI can print it as is and exit with code 2.
    """

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.detail = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class OutputError(OSError):
    """A result cannot be written where asked (or must not be): names the target path.

    Like :class:`ParseError`, one line in Ukrainian; the CLI prints it and exits with code 2.
    Nothing half-written is left behind when this is raised. An :class:`OSError`, so that
    callers which catch failed writes as OS errors keep working.
    """

    def __init__(self, path: str | Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.detail = message

    def __str__(self) -> str:
        return str(self.args[0])
