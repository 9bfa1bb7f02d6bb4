"""Reviewed knowledge about a document's quirks, loaded from ``reviewed/*.csv``.

Each row says one thing the parser cannot infer, with a reason. Rows are marked as used
while parsing; :meth:`Quirks.check_all_used` turns a row that matched nothing into a
:class:`ParseError`, so a stale correction fails loudly instead of vanishing.

A quirk set belongs to one document: its ``document.csv`` declares the sha256 of the text it
was written for (UTF-8, lines ending in ``\n``) or a phrase that identifies it. By default a
document gets the set that declares it (``reviewed/`` or a sub-folder of it), and a document
no set declares gets none — no error. ``--quirks DIR`` chooses a set explicitly.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.basics.paths import REVIEWED_DIR

TEXT_FIELDS = ("task", "content", "term", "executors", "funding_source", "expected_result")
#: Columns an amount layout may name besides the programme's years (four digits).
AMOUNT_COLUMNS = ("unlabelled", "total")
QUIRK_FILES = {
    "line_roles": ("source_line", "starts_with", "role", "printed_id", "reason"),
    "id_renames": ("printed_id", "occurrence", "measure_id", "reason"),
    "breakdowns": ("parent_id", "reason"),
    "amount_layouts": ("measure_id", "columns", "reason"),
    "cell_roles": ("measure_id", "role", "reason"),
    "text_corrections": ("measure_id", "field", "printed", "corrected", "reason"),
}
DOCUMENT_FILE = "document.csv"
DOCUMENT_COLUMNS = ("text_sha256", "identity", "name", "reason")


@dataclass
class QuirkRow:
    """One reviewed fact, with where it comes from (file and row) for error messages."""

    file: str
    row: int
    values: dict[str, str]
    used: bool = False

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    @property
    def where(self) -> str:
        return f"{self.file}, рядок {self.row}"


def read_reviewed_csv(path: Path, columns: tuple[str, ...]) -> list[QuirkRow]:
    """Read a reviewed CSV; every row needs every column and a non-empty reason."""
    from zhytomyr_kpi.basics.safe_io import read_regular  # regular files only, size checked first

    try:
        with io.StringIO(read_regular(path).decode("utf-8"), newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise ParseError(path, f"бракує стовпців: {', '.join(missing)}", line=1)
            rows = []
            for number, record in enumerate(reader, start=2):
                values = {c: (record.get(c) or "").strip() for c in columns}
                if "reason" in columns and not values["reason"]:
                    raise ParseError(path, "порожня причина (reason)", line=number)
                rows.append(QuirkRow(path.name, number, values))
            return rows
    except UnicodeDecodeError:
        raise ParseError(path, "файл не в кодуванні UTF-8") from None


@dataclass
class Quirks:
    """All quirk files of one document; lookups mark rows as used."""

    directory: Path | None
    line_roles: dict[int, QuirkRow] = field(default_factory=dict)
    id_renames: dict[tuple[str, int], QuirkRow] = field(default_factory=dict)
    breakdowns: dict[str, QuirkRow] = field(default_factory=dict)
    amount_layouts: dict[str, QuirkRow] = field(default_factory=dict)
    cell_roles: dict[str, QuirkRow] = field(default_factory=dict)
    text_corrections: list[QuirkRow] = field(default_factory=list)
    name: str = ""
    declared: list[QuirkRow] = field(default_factory=list)

    @classmethod
    def none(cls) -> Quirks:
        """No quirks: for documents that need none (e.g. the synthetic ones in tests)."""
        return cls(directory=None)

    @classmethod
    def load(cls, directory: Path = REVIEWED_DIR) -> Quirks:
        """Load and check the quirk files of ``directory``."""
        quirks = cls(directory=directory)
        if (directory / DOCUMENT_FILE).is_file():
            quirks.declared = read_reviewed_csv(directory / DOCUMENT_FILE, DOCUMENT_COLUMNS)
            quirks.name = "; ".join(r["name"] for r in quirks.declared if r["name"])
        quirks.name = quirks.name or directory.name
        rows = {name: read_reviewed_csv(directory / f"{name}.csv", cols)
                for name, cols in QUIRK_FILES.items()}
        for row in rows["line_roles"]:
            if not row["source_line"].isdigit() or row["role"] not in ("continuation", "measure"):
                raise ParseError(directory / row.file, "source_line має бути числом, role — "
                                 "continuation або measure", line=row.row)
            if row["role"] == "measure" and not row["printed_id"]:
                raise ParseError(directory / row.file, "для role=measure потрібен printed_id",
                                 line=row.row)
            quirks.line_roles[int(row["source_line"])] = row
        for row in rows["id_renames"]:
            if not row["occurrence"].isdigit():
                raise ParseError(directory / row.file, "occurrence має бути числом", line=row.row)
            quirks.id_renames[(row["printed_id"], int(row["occurrence"]))] = row
        quirks.breakdowns = {row["parent_id"]: row for row in rows["breakdowns"]}
        for row in rows["amount_layouts"]:
            columns = row["columns"].split(";")
            if "total" not in columns or any(c not in AMOUNT_COLUMNS and not (
                    len(c) == 4 and c.isdigit()) for c in columns):
                raise ParseError(directory / row.file, f"невідомі стовпці «{row['columns']}»; "
                                 f"можливі: роки програми, {', '.join(AMOUNT_COLUMNS)}",
                                 line=row.row)
            quirks.amount_layouts[row["measure_id"]] = row
        for row in rows["cell_roles"]:
            if row["role"] not in ("task", "content"):
                raise ParseError(directory / row.file, "role має бути task або content",
                                 line=row.row)
            quirks.cell_roles[row["measure_id"]] = row
        for row in rows["text_corrections"]:
            if row["field"] not in TEXT_FIELDS:
                raise ParseError(directory / row.file, f"поле «{row['field']}» не можна "
                                 f"виправляти; лише текстові: {', '.join(TEXT_FIELDS)}",
                                 line=row.row)
            quirks.text_corrections.append(row)
        return quirks

    def declares(self, text_sha256: str, text: str) -> bool:
        """Whether this set says it was written for the document (by sha256 or identity)."""
        return any((row["text_sha256"] and row["text_sha256"].lower() == text_sha256) or (
            row["identity"] and " ".join(row["identity"].split()) in " ".join(text.split()))
            for row in self.declared)

    def all_rows(self) -> list[QuirkRow]:
        return [*self.line_roles.values(), *self.id_renames.values(), *self.breakdowns.values(),
                *self.amount_layouts.values(), *self.cell_roles.values(),
                *self.text_corrections]

    def check_all_used(self, document: Path) -> None:
        """Raise ParseError for the first reviewed row that matched nothing in the document."""
        for row in self.all_rows():
            if not row.used:
                where = self.directory / row.file if self.directory else row.file
                raise ParseError(where, f"рядок не відповідає нічому в документі {document.name} "
                                 f"({', '.join(v for k, v in row.values.items() if k != 'reason')})",
                                 line=row.row)


def quirk_sets(root: Path = REVIEWED_DIR) -> list[Path]:
    """Folders holding a quirk set: ``root`` itself and its sub-folders with a document.csv."""
    folders = [root] if (root / DOCUMENT_FILE).is_file() else []
    if root.is_dir():
        folders += sorted(p for p in root.iterdir() if (p / DOCUMENT_FILE).is_file())
    return folders


def select(text_sha256: str, text: str, root: Path = REVIEWED_DIR) -> Quirks:
    """The reviewed quirk set declared for this document, or no quirks at all."""
    for folder in quirk_sets(root):
        quirks = Quirks.load(folder)
        if quirks.declares(text_sha256, text):
            return quirks
    return Quirks.none()
