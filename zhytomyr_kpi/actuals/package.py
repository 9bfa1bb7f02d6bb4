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

from .errors import ActualsError
from .safe_files import read_bounded

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
_CELL = re.compile(rb"<(?:\w+:)?c\b")
_ROW = re.compile(rb"<(?:\w+:)?row\b")
_REF = re.compile(rb'\b(?:r|ref|sqref)="([^"]{0,4000})"')
_ADDRESS = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
_CELL_XML = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_ATTR_R = re.compile(rb'\br="([^"]*)"')
_ATTR_T = re.compile(rb'\bt="([^"]*)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_XML_NUMBER = re.compile(rb"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]{1,3})?")


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
    worksheets = {}
    for info in members:
        name = info.filename
        if not name.lower().endswith((".xml", ".rels", ".vml")):
            continue
        content = _read_member(path, package, info)
        for marker in _DANGEROUS_XML:
            if marker in content:
                raise ActualsError(f"частина {name} містить оголошення DOCTYPE/ENTITY — так "
                                   "будують XML-атаки (XXE, «мільярд сміхів»); файл відхилено",
                                   path)
        if name.startswith("xl/worksheets/"):
            worksheets[name] = content
    sheets = _sheet_names(path, package)
    for name, content in worksheets.items():
        _check_shape(path, sheets.get(name, name), content)
    return raw


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
    if info.filename == "[Content_Types].xml" and b"macroenabled" in content.lower():
        raise ActualsError("книга з макросами (тип вмісту macroEnabled); збережіть її як "
                           "«Книга Excel (.xlsx)»", path)
    return content


def _sheet_names(path: Path, package: zipfile.ZipFile) -> dict[str, str]:
    """Package part of each worksheet → the sheet's name (for messages naming the sheet)."""
    from defusedxml import ElementTree

    names: dict[str, str] = {}
    try:
        book = package.getinfo("xl/workbook.xml")
        rels = package.getinfo("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {info.filename: PurePosixPath(info.filename).stem for info in package.infolist()
                if info.filename.startswith("xl/worksheets/") and
                info.filename.endswith(".xml")}
    try:
        book_xml = ElementTree.fromstring(_read_member(path, package, book))
        rels_xml = ElementTree.fromstring(_read_member(path, package, rels))
    except ActualsError:
        raise
    except Exception as exc:  # defusedxml refuses entities; a broken XML is not a workbook
        raise ActualsError(f"xl/workbook.xml не читається ({_xml_reason(exc)})", path) from None
    targets = {r.get("Id"): r.get("Target", "") for r in rels_xml}
    for sheet in book_xml.iter():
        if sheet.tag.endswith("}sheet"):
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rid, "").lstrip("/")
            part = target if target.startswith("xl/") else f"xl/{target}"
            names[part] = sheet.get("name", part)
    for info in package.infolist():  # a worksheet no sheet names still gets checked
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            names.setdefault(info.filename, PurePosixPath(info.filename).stem)
    return names


def _xml_reason(exc: Exception) -> str:
    name = type(exc).__name__
    if "Entities" in name or "DTD" in name:
        return "оголошення сутностей у XML заборонено"
    return "пошкоджений XML"


def _check_shape(path: Path, sheet: str, content: bytes) -> None:
    """Cells, rows and every referenced address of one worksheet within the limits."""
    cells = len(_CELL.findall(content))
    if cells > MAX_CELLS:
        raise ActualsError(f"аркуш «{sheet}» має {cells} клітинок (межа {MAX_CELLS}); це не "
                           "шаблон", path)
    rows = len(_ROW.findall(content))
    if rows > MAX_ROWS:
        raise ActualsError(f"аркуш «{sheet}» має {rows} рядків (межа {MAX_ROWS}); це не шаблон",
                           path)
    far_row = None
    for match in _REF.finditer(content):
        text = match.group(1).decode("ascii", "replace")
        if text.isdigit():
            far_row = far_row or (text if int(text) > MAX_ROWS else None)
            continue
        for letters, digits in _ADDRESS.findall(text):
            if int(digits) > MAX_ROWS or column_number(letters) > MAX_COLUMNS:
                raise ActualsError(f"{sheet}!{letters.upper()}{digits}: клітинка далеко за "
                                   f"межами шаблону (межа — {MAX_ROWS} рядків, стовпці A-Z); "
                                   "видаліть зайве і надішліть знову", path)
    _check_numbers(path, sheet, content)
    if far_row:
        raise ActualsError(f"аркуш «{sheet}»: рядок {far_row} далеко за межами шаблону (межа — "
                           f"{MAX_ROWS} рядків); видаліть зайве і надішліть знову", path)


def _check_numbers(path: Path, sheet: str, content: bytes) -> None:
    """A numeric cell must hold a finite number (``nan``/``inf`` written into the XML would
    otherwise break openpyxl or reach the tables)."""
    import math

    for match in _CELL_XML.finditer(content):
        kind = _ATTR_T.search(match.group(1))
        if kind and kind.group(1) != b"n":
            continue
        value = _VALUE.search(match.group(2) or b"")
        if not value or not value.group(1).strip():
            continue
        text = value.group(1).strip()
        if not _XML_NUMBER.fullmatch(text) or not math.isfinite(float(text)):
            where = _ATTR_R.search(match.group(1))
            cell = where.group(1).decode("ascii", "replace") if where else "?"
            raise ActualsError(f"{sheet}!{cell}: числове значення «{text.decode('ascii', 'replace')[:20]}» "
                               "некоректне (очікується скінченне число)", path)
