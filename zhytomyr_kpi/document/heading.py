"""The decision's own heading: its date and number, and the decision it restates.

Councils print the reference in several ways: «від 18.12.2019 № 1685», «від 19.12.2024
м. Коломия № 4352-62/2024», «від 18.12.2020 № 8/3/14». Only the first lines of the text are
looked at (the heading), so a date in the body is never taken for the decision's own.
"""

from __future__ import annotations

import re

from zhytomyr_kpi.document.model import Line

#: How many lines from the top hold the heading.
HEADING_LINES = 60
_REFERENCE = re.compile(r"від\s+(\d{1,2}\.\d{1,2}\.\d{2,4})(?:\s*(?:року|р\.))?"
                        r"[^№\n]{0,40}?№\s*([0-9][0-9\-/–]{0,19})")
_RESTATES = re.compile(r"Внести зміни до рішення[^№]{0,80}?від\s+([\d.]+)\s*(?:року)?\s*"
                       r"№\s*([0-9][0-9\-/–]{0,19})")


_SUBJECT = re.compile(r"^\s*Про\s+(?:затвердження|внесення\s+змін\s+до)\s+(.+?)\s*$")
#: The programme's noun as the heading has it (genitive) → as a title (nominative).
_NOMINATIVE = ((re.compile(r"^(?:міської\s+)?цільової\s+(?:міської\s+)?програми\b", re.I),
                "Міська цільова програма"),
               (re.compile(r"^комплексної\s+програми\b", re.I), "Комплексна програма"),
               (re.compile(r"^програми\b", re.I), "Програма"))


def programme_name(lines: list[Line]) -> str:
    """The programme's name from the decision's subject («Про затвердження міської цільової
    програми «Цифрова Полтава» на 2021-2023 роки» → «Міська цільова програма «Цифрова
    Полтава» на 2021-2023 роки»): for a passport that has no «Назва програми» item. The
    programme's noun is put in the nominative; the rest stays as printed. "" when the
    heading names no programme."""
    for line in lines[:HEADING_LINES]:
        found = _SUBJECT.match(line.text)
        if found and "програм" in found.group(1).lower():
            subject = found.group(1)
            for pattern, nominative in _NOMINATIVE:
                if pattern.match(subject):
                    return pattern.sub(nominative, subject, count=1)
            return subject[:1].upper() + subject[1:]
    return ""


def decision_reference(lines: list[Line]) -> tuple[str, str]:
    """(date, number) of the decision, read from its heading; ("", "") when not printed."""
    for line in lines[:HEADING_LINES]:
        found = _REFERENCE.search(line.text)
        if found:
            return found.group(1), found.group(2).rstrip("-/–")
    return "", ""


def restated_decision(lines: list[Line]) -> tuple[str, str]:
    """(date, number) of the decision this one restates («Внести зміни до рішення … від
    18.12.17 року №879 … та викласти її в новій редакції»), or ("", "")."""
    for line in lines[:HEADING_LINES + 20]:
        found = _RESTATES.search(line.text)
        if found and "редакці" in line.text:
            return found.group(1), found.group(2).rstrip("-/–")
    return "", ""


_COUNCIL = re.compile(r"^\s*([А-ЯІЇЄҐ’'-]+(?:\s+[А-ЯІЇЄҐ’'-]+)?\s+(?:МІСЬКА|СЕЛИЩНА|СІЛЬСЬКА|ОБЛАСНА|"
                      r"РАЙОННА)\s+РАДА)\s*$")


def council_name(lines: list[Line]) -> str:
    """The council as the decision's heading prints it («ПОЛТАВСЬКА МІСЬКА РАДА» → «Полтавська
    міська рада»); "" when the heading names none."""
    for line in lines[:HEADING_LINES]:
        found = _COUNCIL.match(line.text)
        if found:
            words = found.group(1).lower().split()
            return " ".join([words[0].capitalize(), *words[1:]])
    return ""


def council_genitive(name: str) -> str:
    """«Полтавська міська рада» → «Полтавської міської ради» (for «рішення … ради»): the
    adjectives' «-а» → «-ої», «рада» → «ради»; a name in another form is kept as it is."""
    words = name.split()
    if not words or words[-1].lower() != "рада":
        return name
    adjectives = [re.sub(r"ька$", "ької", re.sub(r"ська$", "ської", re.sub(r"на$", "ної", w)))
                  for w in words[:-1]]
    return " ".join([*adjectives, "ради"])
