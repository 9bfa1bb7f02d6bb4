"""Hostile inputs for the hostile-input suite (issue 24): the strings, a programme that has
them in every text input, and a checker for HTML made from it.

A «world» is one hostile string put into every text input the project reads: the decision
text (a measure's task, content, expected result and executors; Annex B's indicator name
and unit), the ratings file (note, note in Ukrainian, source), an executor's workbook (the
comments, and the workbook's file name) and the report's settings (every text value). Its
twin, the «benign» world, has plain words of the same kind in the same places, so an output
made from both must have the same HTML structure: any element or attribute more in the
hostile one came from an input.
"""

from __future__ import annotations

import csv
import html.parser
import io
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import synthetic
from conftest import QUIRK_HEADERS
from openpyxl import load_workbook

from zhytomyr_kpi import load_program
from zhytomyr_kpi.analysis.rating_results import DEFAULT_RESULTS
from zhytomyr_kpi.basics.paths import REVIEWED_DIR

#: Hostile strings by name. ``{secret}`` and ``{picture}`` become ``file:`` addresses of a
#: secret text file and a 37×23 picture of the test's own, so an embedded one can be found.
HOSTILE = {
    "markup": "<b>жирний</b> <marquee>біжить</marquee> <u>підкреслено</u>",
    "attachment": '<link rel="attachment" href="{secret}"><a rel="attachment" '
                  'href="{secret}">додаток</a>',
    "local_image": '<img src="{picture}"><img src={picture} alt=x>',
    "onerror": '<img src=x onerror="alert(1)">',
    "script": "<script>alert(1)</script>",
    "style": "<style>* { display: none !important }</style>",
    "table_break": "</td></tr></table><h1>поза таблицею</h1><table><tr><td>",
    "javascript_url": '<a href="javascript:alert(1)">натисніть</a> javascript:alert(1)',
    "svg": "<svg onload=alert(1)>",
    "attribute_break": "\" onmouseover=\"alert(1)\" x=\" ' onfocus='alert(1)' autofocus '",
    "bidi": "сума \u202e000 1\u202c грн \u2066ізольовано\u2069 \u200fмітка",
    "controls": "дзвінок\x07 escape\x1b[2J\x1b[31mчервоний назад\x08 del\x7f кінець",
    "long_word": "Ж" * 400,
    "mathtext": "$\\frac{$ і $x^$ ${7*7}",
}
#: Characters a worksheet cannot hold (openpyxl refuses them): left out of workbook comments.
_NOT_IN_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: The benign twin's words, of the same kind (a word, no markup, no control).
BENIGN = "звичайний текст"
#: Control and bidi characters that must never reach an output raw.
RAW_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f"
                          "\u202a-\u202e\u2066-\u2069]")
YEAR = "2019"


def text_of(name: str, folder: Path) -> str:
    """The hostile string ``name`` with its ``file:`` addresses pointing into ``folder``."""
    return (HOSTILE[name].replace("{secret}", (folder / "secret.txt").as_uri())
            .replace("{picture}", (folder / "picture.png").as_uri()))


def make_bait(folder: Path) -> None:
    """The secret file and the picture a hostile string points to."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "secret.txt").write_text("ТАЄМНИЦЯ: цей файл не можна вкладати у звіт\n",
                                       encoding="utf-8")
    Image.new("RGB", (37, 23), (200, 30, 30)).save(folder / "picture.png")


def decision(text: str) -> str:
    """The synthetic decision with ``text`` in every text cell of measure 1.1 and Annex B's
    output indicator (name and unit)."""
    s = synthetic
    rows = [
        "1. Перший напрям",
        s._row("1.1.", f"Завдання {text}", f"Зміст заходу {text}", "2018-2020",
               f"Управління {text}", "Місцевий бюджет", *s.M11, s.M11_TOTAL,
               f"Результат {text}"),
        s.measure("1.2", s.M12, s.M12_TOTAL, term="2018"),
        s._row("ВСЬОГО", "", "", "", "", "", *s.S1, s.S1_TOTAL, ""),
        "",
        "2. Другий напрям",
        s.measure("2.1.", s.P21, s.P21_TOTAL, content="Субпроекти, в т. ч:"),
        s.measure("2.1.1.", s.P211, s.P211_TOTAL, task=""),
        s.measure("2.1.2.", s.P212, s.P212_TOTAL, task=""),
        s.measure("2.2.", s.M22, s.M22_TOTAL),
        s._row("", "", "", "", "ВСЬОГО", *s.S2, s.S2_TOTAL, ""),
        s._row("", "", "", "", "РАЗОМ", *s.GRAND, s.GRAND_TOTAL, ""),
    ]
    document = s.document(annex_a=rows)
    old = "Кількість навчань\tОдиниць"
    assert old in document
    return document.replace(old, f"Кількість навчань {text}\tОдиниць {text}")


def quirks(folder: Path) -> Path:
    """The synthetic documents' quirk files (2.1 is a «в т. ч.» parent)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, header in QUIRK_HEADERS.items():
        body = "2.1,the parent is the sum of 2.1.1 and 2.1.2\n" if name == "breakdowns" else ""
        (folder / f"{name}.csv").write_text(header + "\n" + body, encoding="utf-8")
    for name in ("efficiency_pairs.csv", "cost_measures.csv"):
        shutil.copy(REVIEWED_DIR / name, folder / name)
    return folder


def ratings_file(text: str, target: Path) -> Path:
    """The shipped ratings file with ``text`` in every row's note, Ukrainian note and source."""
    with DEFAULT_RESULTS.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        row["note"] = f"примітка {text}"
        row["note_uk"] = f"примітка {text}"
        row["source"] = f"джерело {text}"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    target.write_text(buffer.getvalue(), encoding="utf-8")
    return target


def settings_file(text: str, target: Path) -> Path:
    """Report settings with ``text`` in every text value (TOML-escaped)."""
    value = (text.replace("\\", "\\\\").replace('"', '\\"')
             .translate({c: f"\\u{c:04X}" for c in range(32) if c not in (9,)} | {127: "\\u007F"}))
    target.write_text(
        f'[title]\nprepared_by = "Робоча група {value}"\ncouncil = "Рада {value}"\n'
        f'programme = "Програма {value}"\n\n[[signatures]]\nposition = "Посада {value}"\n'
        f'name = "Прізвище {value}"\n', encoding="utf-8")
    return target


def file_name_of(text: str) -> str:
    """A workbook's file name made of ``text`` (no «/», at most 60 characters)."""
    return f"звіт {text.replace('/', '⁄')[:60]}.xlsx"


def workbook(program, text: str, folder: Path) -> Path:
    """The executors' template for 2019 Q4, filled for measure 1.1 and every indicator, with
    ``text`` in every comment, saved under a file name made of ``text``."""
    from zhytomyr_kpi import actuals

    template = actuals.write_template(program, folder / "template.xlsx", YEAR, 4)
    book = load_workbook(template)
    comment = _NOT_IN_XLSX.sub("", f"коментар {text}")[:2000]
    sheet = book[actuals.SHEET_MEASURES]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "1.1":
            sheet.cell(row=row[0].row, column=5, value=5.0)
            sheet.cell(row=row[0].row, column=6, value=comment)
    indicators = book[actuals.SHEET_INDICATORS]
    for row in indicators.iter_rows(min_row=2):
        if row[0].value:  # below plan, so the proposals name the indicator and its unit
            indicators.cell(row=row[0].row, column=6, value=1)
            indicators.cell(row=row[0].row, column=7, value=comment)
    target = folder / file_name_of(text)
    book.save(target)
    return target


@dataclass
class World:
    """One hostile (or benign) string in every input, and the programme read from them."""

    name: str
    text: str
    folder: Path
    program: object
    settings_path: Path
    workbook: Path


def world(name: str, text: str, folder: Path) -> World:
    """Write every input with ``text``, ingest the workbook, read the programme."""
    from zhytomyr_kpi import actuals

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "decision.txt"
    path.write_text(decision(text), encoding="utf-8")
    quirk_folder = quirks(folder / "quirks")
    results = ratings_file(text, folder / "rating_results.csv")
    plain = load_program(path, quirks=quirk_folder, rating_results=results)
    book = workbook(plain, text, folder)
    store = folder / "store"
    check = actuals.ingest(plain, book, store)
    assert check.errors == [], check.errors
    program = load_program(path, quirks=quirk_folder, rating_results=results, actuals=store)
    return World(name, text, folder, program, settings_file(text, folder / "report.toml"),
                 book)


# ---------------------------------------------------------------- HTML made from a world


class _Elements(html.parser.HTMLParser):
    """Every start tag (name and attribute names), every attribute value and all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[(tag, tuple(sorted(name for name, _ in attrs)))] += 1
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def elements(markup: str) -> _Elements:
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser


def live_markup(hostile: str, benign: str) -> list[str]:
    """What the hostile HTML has that its benign twin has not: elements (with their attribute
    names), event-handler attributes, ``javascript:``/``file:`` addresses, raw controls."""
    found, twin = elements(hostile), elements(benign)
    problems = [f"<{tag} {' '.join(names)}> ×{n - twin.tags.get((tag, names), 0)}"
                for (tag, names), n in found.tags.items() if n > twin.tags.get((tag, names), 0)]
    problems += [f"<{tag} {name}=…> is an event handler"
                 for tag, name, _ in found.attributes if name.lower().startswith("on")]
    problems += [f"<{tag} {name}> points to {value[:40]}" for tag, name, value in found.attributes
                 if re.match(r"\s*(javascript|file|vbscript):", value, re.IGNORECASE)]
    raw = RAW_CONTROLS.findall("".join(found.text) + "".join(v for *_, v in found.attributes))
    if raw:
        problems.append(f"raw controls {sorted({f'U+{ord(c):04X}' for c in raw})}")
    return problems


def widget_html(widget) -> list[str]:
    """The HTML of every HTML widget under ``widget`` (the app as the browser gets it), and
    the labels of its buttons and drop-downs as text."""
    found = []
    stack = [widget]
    while stack:
        current = stack.pop()
        if type(current).__name__ in ("HTML", "HTMLMath"):
            found.append(current.value)
        for label in [getattr(current, "description", "")] + [
                str(option[0] if isinstance(option, tuple) else option)
                for option in getattr(current, "options", ()) or ()]:
            if label:
                found.append(_text_only(label))
        stack.extend(getattr(current, "children", ()) or ())
    return found


def _text_only(label: str) -> str:
    """A widget label as the HTML a text node would be (labels are never HTML)."""
    import html as html_module

    return html_module.escape(label, quote=False)
