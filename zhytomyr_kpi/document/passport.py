"""The passport (items 1-12): its items, the funding it states and the key indicators."""

from __future__ import annotations

import re
from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.document import wordings
from zhytomyr_kpi.document.layout import amount_cell, check_magnitude, read_year
from zhytomyr_kpi.document.model import KpiTarget, Line, PassportFunding, PassportItem
from zhytomyr_kpi.document.numbers import CellKind, classify, is_number, parse_number
from zhytomyr_kpi.document.resources import resource_source
from zhytomyr_kpi.document.units import MONEY_UNIT_WORDS, money_unit
from zhytomyr_kpi.document.vocabulary import SOURCE_LIKE, source_code


def read_passport(lines: list[Line], path: Path) -> list[PassportItem]:
    """Items 1-12 of the passport; lines without an item number continue the item above."""
    items: list[PassportItem] = []
    for line in lines:
        cells = line.cells
        if not any(cells):
            continue
        match = re.match(r"^([0-9]{1,2})\.$", cells[0])
        if match and len(cells) >= 3:
            items.append(PassportItem(int(match.group(1)), cells[1], cells[2], line.number,
                                      [line]))
        elif items:
            items[-1].lines.append(line)
    if not items:
        raise ParseError(path, "паспорт програми без пунктів",
                         line=lines[0].number if lines else None)
    return items


def _strip_html(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def passport_text(item: PassportItem) -> str:
    """All text of a passport item (continuation lines included), HTML tags removed."""
    parts = [item.value]
    for line in item.lines[1:]:
        parts.extend(c for c in line.cells if c and c.strip("-"))
    return _strip_html(" ".join(parts))


def read_passport_funding(item: PassportItem, path: Path) -> list[PassportFunding]:
    """Item 10: the total in its text, and the small table local / state / other below it."""
    result = []
    # «… – 60 443, 349 тис. грн», «104 700,0 тис. грн», «41 561,15 тис. грн» (a no-break
    # space), or the bare number with the unit in the item's label («…, всього, грн»)
    total = re.search(rf"(?:^|–\s*|\s)({_AMOUNT})\s*{_WORDS_IN_BRACKETS}({MONEY_UNIT_WORDS}|$)",
                      item.value.strip(), re.I)
    factor = (money_unit(total.group(2)) if total else None) or money_unit(item.label) or 1
    if total:
        cell = amount_cell(total.group(1), item.source_line, path, f"паспорт, п. {item.item}")
        cell.in_thousands(factor)
        result.append(PassportFunding("total", "Загальний обсяг фінансових ресурсів", cell))
    if total:
        result += _split_in_prose(item.value.strip()[total.end():], item.source_line, path)
    labels: list[str] = []
    for line in item.lines[1:]:
        cells = [c for c in line.cells[2:] if c]
        # «9.1.⇥кошти бюджету громади⇥184 320,0»: a sub-item's number is no part of its label
        joined = re.sub(r"^[0-9]{1,2}(?:\.[0-9]{1,2})+\.?\s+", "",
                        " ".join(c for c in line.cells if c))
        if _IN_WHICH.match(joined) and (prose := _split_in_prose(joined, line.number, path)):
            result += prose  # «у тому числі: кошти бюджету громади – 400,0 тис. грн; …»
            continue
        split = _SOURCE_ON_LINE.match(joined)
        if split and (code := _line_source(split["label"], line.number)) is not None:
            # «у тому числі коштів бюджету громади	59 720,0 тис. грн» on a line of its own
            cell = amount_cell(split["number"], line.number, path, f"паспорт, п. {item.item}")
            cell.in_thousands(money_unit(split["unit"] or "") or factor)
            result.append(PassportFunding(code, " ".join(split["label"].split()), cell))
            continue
        if cells and all(is_number(c) or classify(c)[0] is CellKind.MALFORMED for c in cells):
            for label, text in zip(labels, cells, strict=False):
                cell = amount_cell(text, line.number, path, f"паспорт, п. {item.item}")
                cell.in_thousands(factor)
                result.append(PassportFunding(resource_source(label, line.number, path),
                                              label, cell))
        elif cells:
            labels = cells
    return result


#: An amount as the passport prints it: «60 443, 349», «4 680,0», or without spaces «4780,0».
_AMOUNT = r"(?:[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3})+|[0-9]+)(?:, ?[0-9]+)?"
#: A line of the item with one source and its amount: «у тому числі коштів міського бюджету
#: 1 200,0 тис. грн» (the unit may be left to the item's).
#: «4 780,0 (чотири мільйони сімсот вісімдесят тисяч) тис. грн»: the amount in words.
_WORDS_IN_BRACKETS = r"(?:\([^()]{0,200}\)\s*)?"
_SOURCE_ON_LINE = re.compile(rf"^\s*(?:(?:у|в)\s+тому\s+числі|в\s*т\.\s*ч\.|з\s+них)?\s*:?\s*"
                             rf"(?P<label>[^0-9;:]{{3,120}}?)\s*[–—-]?\s*(?P<number>{_AMOUNT})\s*"
                             rf"{_WORDS_IN_BRACKETS}(?P<unit>{MONEY_UNIT_WORDS})?\s*$", re.I)
#: The split by source written out after the total: «…, у тому числі: кошти бюджету громади –
#: 7 023,55 тис. грн; кошти обласного бюджету – 600,0 тис. грн; інші джерела – 320,0 тис. грн».
_IN_WHICH = re.compile(r"^\s*,?\s*(?:у\s+тому\s+числі|в\s+тому\s+числі|в\s*т\.\s*ч\.|з\s+них|"
                       r"зокрема)\s*:?", re.I)
_SOURCE_IN_PROSE = re.compile(rf"\s*(?P<label>[^;:–—-]{{3,120}}?)\s*[–—-]\s*(?P<number>{_AMOUNT})"
                              rf"\s*{_WORDS_IN_BRACKETS}(?P<unit>{MONEY_UNIT_WORDS})\s*"
                              r"(?:\([^()]{0,60}\)\s*)?(?:[;,]|\s(?:та|і|й)\s|$)", re.I)


def _line_source(label: str, line: int) -> str | None:
    """The source of a passport line «(у тому числі) коштів інвесторів 2 100,0 тис. грн»: its
    words or a vocabulary wording, in the genitive too («коштів X» as «кошти X»); a label that
    names money no wording knows is «інші джерела», recorded as an unknown wording. None for
    the total and for a label that names no money («на перший етап»)."""
    label = " ".join(label.split())
    code = source_code(label) or source_code(re.sub(r"^коштів\b", "кошти", label, flags=re.I))
    if code is None and SOURCE_LIKE.match(re.sub(r"^(?:за\s+рахунок\s+)", "", label, flags=re.I)):
        wordings.unknown("source", label, line, "враховано як «інші джерела»", "other")
        return "other"
    return None if code in (None, "total") else code  # «на перший етап …»: not a source


def _split_in_prose(text: str, line: int, path: Path) -> list[PassportFunding]:
    """The sources of the passport's total where the item writes them out in words (a
    programme without Table 6.1); each amount in the unit it names. A label that names no
    known source is not read (nothing is guessed)."""
    start = _IN_WHICH.match(text)
    if not start:
        return []
    found = []
    for match in _SOURCE_IN_PROSE.finditer(text, start.end()):
        label = " ".join(match["label"].split())
        code = source_code(label)
        if code is None or code == "total":
            continue
        cell = amount_cell(match["number"], line, path, "паспорт, обсяг фінансування")
        cell.in_thousands(money_unit(match["unit"]) or 1)
        found.append(PassportFunding(code, label, cell))
    return found


def read_kpi_targets(item: PassportItem, path: Path) -> list[KpiTarget]:
    """Item 12: the key KPI targets («… – ТОП 3 (за 2020 рік)», «… – не нижче 3,5 …»)."""
    text = passport_text(item)
    pattern = re.compile(
        r"^(?P<name>.+?)\s+[–-]\s+(?P<target>(?:ТОП[\s-]*(?P<rank>[0-9]{1,4}))|"
        r"(?:не нижче\s+(?P<score>[0-9]+(?:,[0-9]+)?)(?:\s*бал\w*)?))"
        r"\s*\(за\s+(?P<year>[0-9]{4})\s*рік\)"
    )
    targets = []
    for chunk in re.split(r"(?:^|;)\s*-\s+", text):
        chunk = chunk.strip(" .;")
        if not chunk:
            continue
        match = pattern.match(chunk)
        if match:
            score = parse_number(match["score"]) if match["score"] else None
            if score is not None:
                check_magnitude([score], match["score"], item.source_line, path, "паспорт, "
                                "ключові показники")
            targets.append(KpiTarget(
                name=match["name"].strip(), target_text=match["target"].strip(),
                rank_max=int(match["rank"]) if match["rank"] else None,
                score_min=score,
                year=read_year(match["year"], item.source_line, path, "паспорт, ключові показники"),
                source_line=item.source_line, understood=True))
        else:
            targets.append(KpiTarget(chunk, "", None, None, None, item.source_line, False))
    return targets
