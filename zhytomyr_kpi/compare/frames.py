"""The comparison's frames: one constructor, so every part has the same column types."""

from __future__ import annotations

import pandas as pd


def text(value: object) -> str:
    """A cell's text with its spaces collapsed ("" for no text)."""
    return "" if not isinstance(value, str) else " ".join(value.split())


def frame(rows: list[tuple], columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in columns:
        if column.endswith("_line") or column in ("old_number", "new_number"):
            frame[column] = frame[column].astype("Int64")
        elif column.endswith("_kuah") or column == "delta":
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    return frame
