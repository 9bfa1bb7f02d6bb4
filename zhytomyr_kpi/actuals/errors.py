"""The intake's error type: one Ukrainian line naming the file (and the sheet and cell)."""

from __future__ import annotations

from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError


class ActualsError(ParseError):
    """A workbook or the store cannot be used: not xlsx, too large, tampered, damaged.

    A :class:`~zhytomyr_kpi.basics.errors.ParseError`, so the CLI prints it as one line and exits 2.
    """

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        if path is None:
            Exception.__init__(self, message)
            self.path, self.line, self.detail = "", None, message
        else:
            super().__init__(path, message)
