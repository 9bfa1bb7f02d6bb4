"""Look at an .xlsx package before openpyxl parses anything: size, shape, macros, XML attacks.

A workbook from e-mail may be a decompression bomb (a few MB that unpack to gigabytes), hold
one cell at G1048576 (openpyxl then walks a million rows), carry macros, be encrypted or be an
old .xls. Everything here reads the zip's directory and the XML as bytes, each member bounded
by its declared size (``zipfile`` stops at that size and checks the CRC), so a hostile file is
refused in well under a second and with little memory. Only then does openpyxl (which parses
with defusedxml) load it.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path, PurePosixPath

from zhytomyr_kpi.actuals.errors import ActualsError
from zhytomyr_kpi.actuals.safe_files import read_bounded

MAX_BYTES = 20 * 1024 * 1024  # the file as sent
MAX_MEMBER_BYTES = 16 * 1024 * 1024  # one unpacked part of the package
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # all unpacked parts together
MAX_MEMBERS = 200
MAX_ROWS = 2000  # the largest template has about 150 rows
MAX_COLUMNS = 26  # A…Z
MAX_CELLS = 50_000

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ENCRYPTED = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_DANGEROUS_XML = [marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY", "<!doctype",
                                                         "<!entity")
                  for encoding in ("utf-8", "utf-16-le", "utf-16-be")]
_XML_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]{1,3})?")
_IMAGES = (".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf", ".bmp", ".tif", ".tiff")


def column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def read_package(path: Path) -> bytes:
    """The workbook's bytes once every pre-parse check passes (else :class:`ActualsError`)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam"):
        raise ActualsError("книга з макросами (.xlsm) не приймається; збережіть її як «Книга "
                           "Excel (.xlsx)» і надішліть знову", path)
    raw = read_bounded(path, MAX_BYTES)
    if raw.startswith(_CFB):
        if any(marker in raw for marker in _ENCRYPTED):
            raise ActualsError("файл захищено паролем; зніміть пароль на відкриття (Файл → "
                               "Відомості → Захист книги) і надішліть знову", path)
        raise ActualsError("це файл старого формату Excel 97-2003 (.xls); збережіть його як "
                           "«Книга Excel (.xlsx)» і надішліть знову", path)
    if not raw.startswith(_ZIP):
        raise ActualsError("це не файл Excel .xlsx" + (" (порожній файл)" if not raw else ""),
                           path)
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
        members = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ActualsError("це не файл Excel .xlsx (пошкоджений zip)", path) from None
    _check_members(path, members)
    _refuse_opendocument(path, package, members)
    sheets = _sheet_names(path, package)
    for info in members:
        name = info.filename
        if name.lower().endswith(_IMAGES) and name not in sheets:
            continue
        content = _read_member(path, package, info)
        if name in sheets:
            _check_shape(path, sheets[name], content)
    return raw


def _refuse_opendocument(path: Path, package: zipfile.ZipFile,
                         members: list[zipfile.ZipInfo]) -> None:
    """An OpenDocument file (LibreOffice's own .ods) is a zip too, named by its ``mimetype``
    member: say how to save it as Excel instead of «це не шаблон» (whatever its name ends
    with — a file renamed to .xlsx is still .ods)."""
    info = next((m for m in members if m.filename == "mimetype"), None)
    if info is None or info.file_size > 200:
        return
    mimetype = _read_member(path, package, info).strip()
    if not mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return
    if b"spreadsheet" in mimetype:
        raise ActualsError("це файл LibreOffice Calc (.ods), а потрібна книга Excel; відкрийте "
                           "його і збережіть як Excel: «Файл → Зберегти як → Excel 2007-365 "
                           "(.xlsx)», тоді надішліть знову", path)
    raise ActualsError("це документ OpenDocument (не електронна таблиця); заповніть шаблон "
                       "Excel (.xlsx) і надішліть його", path)


def _check_members(path: Path, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise ActualsError(f"у пакеті {len(members)} частин (межа {MAX_MEMBERS}); це не шаблон",
                           path)
    total = 0
    for info in members:
        name = info.filename.lower()
        if name.endswith("vbaproject.bin") or "/activex/" in name:
            raise ActualsError(f"книга містить макроси або елементи ActiveX ({info.filename}); "
                               "збережіть її як «Книга Excel (.xlsx)» без макросів", path)
        if name.startswith("xl/externallinks/"):
            raise ActualsError(f"книга містить зовнішні посилання ({info.filename}); "
                               "вставте значення замість посилань", path)
        if info.flag_bits & 0x1:
            raise ActualsError("файл захищено паролем (зашифрований zip)", path)
        if info.file_size > MAX_MEMBER_BYTES:
            raise ActualsError(f"частина {info.filename} розпаковується у "
                               f"{info.file_size / 1024 / 1024:.0f} МБ (межа "
                               f"{MAX_MEMBER_BYTES // 1024 // 1024} МБ): схоже на zip-бомбу",
                               path)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ActualsError(f"пакет розпаковується у {total / 1024 / 1024:.0f} МБ (межа "
                           f"{MAX_TOTAL_BYTES // 1024 // 1024} МБ): схоже на zip-бомбу", path)


def _read_member(path: Path, package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with package.open(info) as stream:
            content = stream.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise ActualsError(f"частину {info.filename} не вдається розпакувати (пошкоджений або "
                           "зашифрований файл)", path) from None
    except Exception as exc:  # zlib.error and the like: a damaged package, never a traceback
        raise ActualsError(f"частину {info.filename} не вдається розпакувати "
                           f"({type(exc).__name__})", path) from None
    if len(content) > MAX_MEMBER_BYTES:
        raise ActualsError(f"частина {info.filename} більша, ніж заявлено: схоже на zip-бомбу",
                           path)
    for marker in _DANGEROUS_XML:
        if marker in content and not info.filename.lower().endswith(_IMAGES):
            raise ActualsError(f"частина {info.filename} містить оголошення DOCTYPE/ENTITY — "
                               "так будують XML-атаки (XXE, «мільярд сміхів»); файл "
                               "відхилено", path)
    if info.filename == "[Content_Types].xml" and b"macroenabled" in content.lower():
        raise ActualsError("книга з макросами (тип вмісту macroEnabled); збережіть її як "
                           "«Книга Excel (.xlsx)»", path)
    return content


def _sheet_names(path: Path, package: zipfile.ZipFile) -> dict[str, str]:
    """Every worksheet part of the package → the sheet's name (for messages naming it).

    The parts are found the way Excel and openpyxl find them — through xl/workbook.xml and its
    relationships, whatever the part is called (``sheet2.bin`` is still a worksheet) — plus
    anything kept under xl/worksheets/, so no sheet escapes the shape check.
    """
    from defusedxml import ElementTree

    present = {info.filename for info in package.infolist()}
    names: dict[str, str] = {}
    if "xl/workbook.xml" in present and "xl/_rels/workbook.xml.rels" in present:
        try:
            book_xml = ElementTree.fromstring(
                _read_member(path, package, package.getinfo("xl/workbook.xml")),
                forbid_dtd=True)
            rels_xml = ElementTree.fromstring(
                _read_member(path, package, package.getinfo("xl/_rels/workbook.xml.rels")),
                forbid_dtd=True)
        except ActualsError:
            raise
        except Exception as exc:  # defusedxml refuses entities; broken XML is not a workbook
            raise ActualsError(f"xl/workbook.xml не читається ({_xml_reason(exc)})",
                               path) from None
        targets = {r.get("Id"): _part(r.get("Target", "")) for r in rels_xml}
        for rel in rels_xml:
            if rel.get("Type", "").endswith(("/worksheet", "/chartsheet", "/dialogsheet")):
                names.setdefault(_part(rel.get("Target", "")),
                                 PurePosixPath(rel.get("Target", "")).stem)
        for sheet in book_xml.iter():
            if sheet.tag.endswith("}sheet"):
                rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
                if rid in targets:
                    names[targets[rid]] = sheet.get("name", targets[rid])
    for name in present:  # a worksheet no sheet names still gets checked
        if name.startswith(("xl/worksheets/", "xl/chartsheets/")) and not name.endswith("/") \
                and "/_rels/" not in name:
            names.setdefault(name, PurePosixPath(name).stem)
    return {name: sheet for name, sheet in names.items() if name in present}


def _part(target: str) -> str:
    """A relationship target of xl/workbook.xml as a package part name."""
    import posixpath

    target = target.strip()
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join("xl", target))


def _xml_reason(exc: Exception) -> str:
    name = type(exc).__name__
    if "Entities" in name or "DTD" in name:
        return "оголошення сутностей у XML заборонено"
    return "пошкоджений XML"


def _check_shape(path: Path, sheet: str, content: bytes) -> None:
    """Rows, cells and every address of one worksheet within the limits, read by a real XML
    parser (attributes in single quotes, with character references or spaces around ``=``
    read as openpyxl reads them) and refused before openpyxl builds anything."""
    from defusedxml.ElementTree import iterparse

    shape = _Shape(path, sheet)
    try:
        for event, element in iterparse(io.BytesIO(content), events=("start", "end"),
                                        forbid_dtd=True):
            tag = element.tag.rpartition("}")[2]
            if event == "start":
                shape.start(tag, element.attrib)
            else:
                shape.end(tag, element)
    except ActualsError:
        raise
    except Exception as exc:  # defusedxml refuses DTDs and entities; broken XML is refused
        raise ActualsError(f"аркуш «{sheet}» не читається ({_xml_reason(exc)})", path) from None


class _Shape:
    """Running count of one worksheet's rows and cells (openpyxl's own numbering: a row or
    cell without ``r`` follows the previous one)."""

    def __init__(self, path: Path, sheet: str) -> None:
        self.path, self.sheet = path, sheet
        self.rows = self.cells = self.row = self.column = 0
        self.cell, self.kind = "?", "n"
        self.value: str | None = None

    def refuse(self, message: str) -> None:
        raise ActualsError(message, self.path)

    def far(self, address: str) -> None:
        self.refuse(f"{self.sheet}!{address}: клітинка далеко за межами шаблону (межа — "
                    f"{MAX_ROWS} рядків, стовпці A-Z); видаліть зайве і надішліть знову")

    def start(self, tag: str, attrs) -> None:
        if tag == "row":
            self.rows += 1
            if self.rows > MAX_ROWS:
                self.refuse(f"аркуш «{self.sheet}» має понад {MAX_ROWS} рядків; це не шаблон")
            self.row = _row_number(attrs["r"]) if "r" in attrs else self.row + 1
            if self.row is None:
                self.refuse(f"аркуш «{self.sheet}»: номер рядка «{_short(attrs['r'])}» "
                            "некоректний")
            self.column = 0  # a far row is refused at its first cell (naming it) or its end
        elif tag == "c":
            self.cells += 1
            if self.cells > MAX_CELLS:
                self.refuse(f"аркуш «{self.sheet}» має понад {MAX_CELLS} клітинок (межа "
                            f"{MAX_CELLS}); це не шаблон")
            if "r" in attrs:
                letters, number = self.address(attrs["r"])
                self.column = column_number(letters)
                self.cell = f"{letters.upper()}{number}"
                if number > MAX_ROWS or self.column > MAX_COLUMNS:
                    self.far(self.cell)
            else:
                self.column += 1
                if self.column > MAX_COLUMNS or self.row > MAX_ROWS:
                    self.far(f"{_letters(self.column)}{self.row}")
                self.cell = f"{_letters(self.column)}{self.row}"
            self.kind = attrs.get("t", "n")
            self.value = None
        elif tag in ("dimension", "mergeCell", "hyperlink", "selection", "pane",
                     "dataValidation", "conditionalFormatting", "protectedRange",
                     "autoFilter", "sortState", "ignoredError"):
            for key in ("ref", "sqref", "topLeftCell", "activeCell"):
                if key in attrs:
                    self.references(attrs[key])

    def end(self, tag: str, element) -> None:
        if tag == "v":
            self.value = element.text
        elif tag == "c":
            self.number()
        if tag == "row":
            if self.row > MAX_ROWS:
                self.refuse(f"аркуш «{self.sheet}»: рядок {_short(str(self.row))} далеко за "
                            f"межами шаблону (межа — {MAX_ROWS} рядків); видаліть зайве і "
                            "надішліть знову")
            element.clear()  # keep memory flat on a big sheet

    def address(self, text: str) -> tuple[str, int]:
        match = _ADDRESS_FULL.fullmatch(text.strip())
        if not match:
            self.refuse(f"аркуш «{self.sheet}»: адреса клітинки «{_short(text)}» некоректна")
        return match.group(1), int(match.group(2))

    def references(self, text: str) -> None:
        for part in text.split():
            for end in part.split(":"):
                if not end or end.strip("$").isdigit() or end.strip("$").isalpha():
                    number = end.strip("$")
                    if number.isdigit() and int(number) > MAX_ROWS:
                        self.refuse(f"аркуш «{self.sheet}»: рядок {_short(number)} далеко за "
                                    f"межами шаблону (межа — {MAX_ROWS} рядків); видаліть "
                                    "зайве і надішліть знову")
                    if number.isalpha() and column_number(number) > MAX_COLUMNS:
                        self.far(f"{number.upper()}:{number.upper()}")
                    continue
                letters, number = self.address(end)
                if number > MAX_ROWS or column_number(letters) > MAX_COLUMNS:
                    self.far(f"{letters.upper()}{number}")

    def number(self) -> None:
        """A numeric cell must hold a finite number (``nan``/``inf`` written into the XML
        would otherwise break openpyxl or reach the tables)."""
        import math

        if self.kind != "n" or self.value is None or not self.value.strip():
            return
        text = self.value.strip()
        if not _XML_NUMBER.fullmatch(text) or not math.isfinite(float(text)):
            self.refuse(f"{self.sheet}!{self.cell}: числове значення «{_short(text)}» "
                        "некоректне (очікується скінченне число)")


_ADDRESS_FULL = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def _row_number(text: str) -> int | None:
    """A row's ``r`` as openpyxl reads it (an integer, or a float that is whole)."""
    import math

    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if math.isfinite(value) and value.is_integer() else None


def _letters(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
