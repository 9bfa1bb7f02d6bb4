"""The one escaping rule: text from an input is shown, never obeyed.

Every value that comes from an input (the decision text, the ratings file, executors'
workbooks and their file names, settings) passes :func:`esc` where it enters HTML — the
report, the app, the notebooks, the published pages. :func:`neutralise` is the part that
applies to any output, HTML or not: bidirectional controls (U+202E turns «1 000» into «000 1»
on screen) and other control characters are replaced by a visible «⟨U+202E⟩», so a reader
sees that something was there and nothing reorders or hides the text around it. Line breaks
and tabs are kept; a carriage return is kept only as part of «\\r\\n» (alone, it sends a
terminal back to the start of the line, over what was printed).
"""

from __future__ import annotations

import html
import re
import unicodedata

#: Bidirectional embeddings, overrides, isolates and marks.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
                       + _BIDI + "\u2028\u2029\ufeff\ufff9-\ufffb]|\r(?!\n)")


def _visible(match: re.Match) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩"


def neutralise(text: str) -> str:
    """``text`` with control and bidi characters shown as «⟨U+XXXX⟩» (see module doc)."""
    return _CONTROLS.sub(_visible, text)


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a character :func:`neutralise` would replace."""
    return _CONTROLS.search(text) is not None


def esc(value: object) -> str:
    """``value`` as HTML text: neutralised, then ``& < > " '`` escaped."""
    return html.escape(neutralise(str(value)), quote=True)


def plain(value: object) -> str:
    """``value`` as one line of plain text for a console or a file name's display."""
    return neutralise(unicodedata.normalize("NFC", str(value)))


def excerpt(value: object, width: int = 24) -> str:
    """At most ``width`` characters of ``value`` for an error message, with the whole length.

    A message echoes what was wrong without repeating a 5 000-digit value or a 10 MB line:
    «12345678901234567890…» (5 000 символів). Control and bidi characters are shown
    (:func:`plain`), so the message cannot reorder or hide the terminal's text.
    """
    from zhytomyr_kpi.basics.wording import count

    text = str(value)
    if len(text) <= width:
        return plain(text)
    return f"{plain(text[:width])}… ({count(len(text), 'символ', 'символи', 'символів')})"


_UNSAFE_IN_FILE_NAME = re.compile(r'[\\/:*?<>|\t\r\n]')


def file_name(prefix: str, name: str, suffix: str) -> str:
    """«{prefix} {name}{suffix}» for a ``name`` that came from an input (a department's):
    readable and safe; ``prefix`` and ``suffix`` are the project's own.

    Characters a file system refuses or a shell misreads, and control or bidi characters,
    become «_»; straight quotes become apostrophes (КП 'Житомирводоканал'). Where anything had
    to be replaced, or nothing readable is left (a department called «..» is «без назви»), a
    short mark of the whole name follows, so two different names never share one file in a
    folder. The name fits 255 bytes."""
    import hashlib

    text = name.replace('"', "'")
    safe = _UNSAFE_IN_FILE_NAME.sub("_", _CONTROLS.sub("_", text))
    safe = re.sub(r"\s+", " ", safe).strip(" ._")
    mark = ""
    if not safe or safe != re.sub(r"\s+", " ", text).strip():
        mark = f" ({hashlib.sha256(name.encode('utf-8')).hexdigest()[:6]})"
        safe = safe or "без назви"
    while len(f"{prefix} {safe}{mark}{suffix}".encode()) > 240:
        safe = safe[:-1]
    return f"{prefix} {safe.rstrip(' .')}{mark}{suffix}"
