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
from zhytomyr_kpi.basics.wording import clip

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


#: Characters no reviewed value may hold: controls (a NUL, a line break inside a cell — the
#: sign of a quote left open that swallowed the rows after it) and the bidirectional controls
#: that make a row look different from what it says.
_FORBIDDEN = frozenset(
    [chr(c) for c in range(32) if c != 9] + ["\x7f"]
    + [chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))])


def _forbidden(value: str) -> str | None:
    """How a forbidden character of ``value`` is named in a message, or None."""
    for char in value:
        if char in _FORBIDDEN:
            if char in "\r\n":
                return "розрив рядка всередині клітинки (лапки не закрито?)"
            return f"недозволений керівний символ U+{ord(char):04X}"
    return None


#: No reviewed value is longer (a wording has at most 200 characters, a reason a sentence);
#: the csv module's own limit is process-wide and other libraries raise it.
MAX_CELL_CHARS = 10_000
_TOO_LONG = "клітинка довша за 10 000 знаків"


def read_reviewed_csv(path: Path, columns: tuple[str, ...]) -> list[QuirkRow]:
    """Read a reviewed CSV; every row needs every column and a non-empty reason.

    Strict, because a department writes these files by hand or saves them from Excel: a BOM
    («CSV UTF-8») is allowed; a file separated by «;» is named as such; a quote left open, a
    cell past the last column, a control or bidirectional character is an error naming the
    row — never rows silently swallowed or a value that reads differently from what it shows.
    """
    from zhytomyr_kpi.basics.safe_io import read_regular  # regular files only, size checked first

    try:
        text = read_regular(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParseError(path, "файл не в кодуванні UTF-8") from None
    handle = io.StringIO(text, newline="")
    reader, started = csv.DictReader(handle, strict=True), 1
    try:
        fieldnames = reader.fieldnames or []
        named = [c.strip() for c in fieldnames]
        if any(named) and (not all(named) or len(set(named)) < len(named)):
            blank = next((i for i, c in enumerate(named, 1) if not c), None)
            twice = next((c for i, c in enumerate(named) if c in named[:i]), "")
            raise ParseError(path, f"порожня назва стовпця {blank} у заголовку" if blank else
                             f"стовпець «{clip(twice, 40)}» у заголовку двічі", line=1)
        missing = [c for c in columns if c not in fieldnames]
        if missing:
            semicolon = ";" in (text.splitlines() or [""])[0]
            raise ParseError(path, f"бракує стовпців: {', '.join(missing)}" + (
                " (стовпці розділено «;», а потрібна кома: збережіть як «CSV UTF-8 (розділювач"
                " — кома)»)" if semicolon else ""), line=1)
        rows, started = [], reader.line_num + 1
        for record in reader:
            # The line the row begins on (a cell's own line breaks are counted back).
            number = reader.line_num - sum(len(v.splitlines()) - 1 for v in record.values()
                                           if isinstance(v, str) and v)
            started = reader.line_num + 1
            if None in record:
                raise ParseError(path, f"зайві клітинки поза {len(fieldnames)} стовпцями "
                                 f"({', '.join(fieldnames)[:200]})", line=number)
            short = [c for c in fieldnames if record.get(c) is None]
            if short:
                raise ParseError(path, f"бракує клітинок: {', '.join(short)} (клітинок у рядку "
                                 f"{len(fieldnames) - len(short)} з {len(fieldnames)})",
                                 line=number)
            values = {c: record[c].strip() for c in columns}
            problem = next((p for p in map(_forbidden, record.values()) if p), None) or (
                _TOO_LONG if any(len(v) > MAX_CELL_CHARS for v in record.values()) else None)
            if problem:
                raise ParseError(path, problem, line=number)
            if "reason" in columns and not values["reason"]:
                raise ParseError(path, "порожня причина (reason)", line=number)
            rows.append(QuirkRow(path.name, number, values))
        return rows
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise ParseError(path, _TOO_LONG, line=started) from None
        lines = text.splitlines()
        while started <= len(lines) and not lines[started - 1].strip():
            started += 1  # blank lines skipped: the broken row is the next one written
        raise ParseError(path, "зіпсований CSV: лапки не закрито або після закривальних лапок "
                         "стоїть текст", line=started) from None


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
