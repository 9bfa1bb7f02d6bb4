"""The console the commands print to: it never crashes a command.

Characters the stream's encoding lacks (a cp1251 console and «÷», «−») get ASCII stand-ins,
and a closed or failing stdout is noted, not raised. Control and bidi characters that came
from an input (U+202E in a file name, an escape sequence in a comment) are shown as
«⟨U+202E⟩», never obeyed by the terminal (:func:`zhytomyr_kpi.basics.markup.neutralise`).
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os

from zhytomyr_kpi.basics.markup import neutralise

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
        self._guard(lambda t: self.stream.write(t), neutralise(text))
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


