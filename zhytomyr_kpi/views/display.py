"""Tables for people (notebooks, report): Ukrainian headers from the registry, Ukrainian numbers
(«1 234,5», «−6» with a true minus), text left-aligned and numbers right-aligned.

Stylers get a fixed uuid so that a re-run notebook gives the same HTML (nbval compares it).

Every cell, header and caption is text, never markup: the values come from the decision, the
ratings file and executors' workbooks, so the Styler escapes HTML (``escape="html"``) and
control and bidi characters are shown as «⟨U+202E⟩» (:mod:`zhytomyr_kpi.basics.markup`, the
one rule). A measure whose content is ``<img src=x onerror=…>`` shows those characters.
"""

from __future__ import annotations

import hashlib

import pandas as pd
from pandas.io.formats.style import Styler

from zhytomyr_kpi.basics.markup import esc, neutralise
from zhytomyr_kpi.basics.wording import MINUS, format_uk
from zhytomyr_kpi.tables.metadata import FIELDS


def uk_headers(frame: pd.DataFrame) -> pd.DataFrame:
    """Rename registry columns to their Ukrainian labels (others stay as they are)."""
    return frame.rename(columns={c: FIELDS[c].label for c in frame.columns if c in FIELDS})


def _number(decimals: int | None):
    def render(value) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
            return "—"
        if isinstance(value, bool):
            return "так" if value else "ні"
        if isinstance(value, int | float):
            text = format_uk(round(float(value), decimals) if decimals is not None else value,
                             None)
            return text.replace("-", MINUS)
        if isinstance(value, str):  # already HTML-escaped by the Styler (escape="html")
            return neutralise(value)
        return esc(value)  # anything else (a list, an object): its text, escaped here
    return render


def _header(value) -> str:
    """A header as text: escaped by the Styler, neutralised here."""
    return neutralise(str(value))


def table(frame: pd.DataFrame, *, decimals: int | None = 3, name: str = "",
          headers: bool = True, caption: str = "") -> Styler:
    """A Styler: Ukrainian headers, numbers «1 234,5», «—» for missing, no index, fixed uuid."""
    shown = uk_headers(frame) if headers else frame
    uid = hashlib.sha1((name or "|".join(map(str, shown.columns))).encode()).hexdigest()[:8]
    styler = shown.style.format(_number(decimals), na_rep="—", escape="html")
    styler = styler.format_index(_header, axis=1, escape="html")
    styler = styler.format_index(_header, axis=0, escape="html").hide(axis="index")
    # Text is left-aligned (JupyterLab right-aligns every cell by default, which makes long
    # Ukrainian text hard to read); numbers are right-aligned below. The id selector wins.
    styler = styler.set_uuid(uid).set_table_styles([
        {"selector": "th", "props": "text-align: left; vertical-align: bottom;"},
        {"selector": "td", "props": "text-align: left; vertical-align: top;"},
    ])
    numeric = [c for c in shown.columns if pd.api.types.is_numeric_dtype(shown[c])
               and not pd.api.types.is_bool_dtype(shown[c])]
    if numeric:  # per-column table styles: more specific than the left-aligned «td» above
        styler = styler.set_table_styles(
            {c: [{"selector": "td", "props": "text-align: right; white-space: nowrap;"},
                 {"selector": "th", "props": "text-align: right;"}] for c in numeric},
            overwrite=False)
    if caption:
        styler = styler.set_caption(esc(caption))
    return styler
