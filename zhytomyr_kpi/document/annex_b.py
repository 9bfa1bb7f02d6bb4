"""Annex B «Показники результативності»: the indicators of the four standard groups
(затрат, продукту, ефективності, якості), their units, baseline and targets per year."""

from __future__ import annotations

import re
from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.basics.wording import clip
from zhytomyr_kpi.document import wordings
from zhytomyr_kpi.document.layout import amount_cell, header_years
from zhytomyr_kpi.document.model import Indicator, Line
from zhytomyr_kpi.document.numbers import CellKind, classify
from zhytomyr_kpi.document.vocabulary import (
    ANNEX_B_GROUPS,
    GROUP_HEADINGS,
    GROUP_LIKE,
    GROUP_NUMBER,
    PERIOD_WORDS,
    YEAR_CELL,
    group_code,
    indicator_unit,
)


def read_indicators(lines: list[Line], path: Path, years: tuple[str, ...]
                    ) -> tuple[list[Indicator], int, tuple[str, ...], int | None]:
    """Annex B: the four groups of indicators.

    Returns them, the table's last line, its periods (``baseline`` where the header has
    «Вихідні дані», then the header's years; the programme's years when it has no header with
    years) and the header's line.
    """
    indicators: list[Indicator] = []
    group: str | None = None
    seen_groups: list[str] = []
    last = lines[0].number if lines else 0
    periods: tuple[str, ...] | None = None
    header_line = None
    seen: set[tuple[str, int]] = set()
    twice: ParseError | None = None
    baseline_named = False
    unknown_group = False
    for line in lines:
        cells = line.cells
        if not any(cells):
            continue
        # groups as programmes print them: «ПОКАЗНИКИ ЗАТРАТ», «1. Показники затрат:»,
        # «I. Показники затрат»
        heading, rest = cells[0], cells[1:]
        if re.fullmatch(r"(?:[0-9]{1,2}|[IVXІ]{1,4})\.", heading) and rest and rest[0] and \
                not any(rest[1:]):  # «1.⇥Показники затрат»: the number in a cell of its own
            heading, rest = f"{heading} {rest[0]}", []
        code = group_code(heading)
        if code is None and GROUP_LIKE.match(heading) and not any(rest):
            # «ПОКАЗНИКИ ВИХОДУ»: a group the form's words do not know; its indicators are
            # not put into the group above
            # the hint's row without the heading's «1.» / «I.»: that is how groups are matched
            wordings.unknown("indicator_group", GROUP_NUMBER.sub("", heading.strip(), count=1),
                             line.number,
                             "показники цієї групи не прочитано")
            unknown_group = True
            group = None
            last = line.number
            continue
        if code is not None:
            group = code
            if group in seen_groups:
                raise ParseError(path, f"додаток Б: група «{heading}» вдруге", line=line.number)
            seen_groups.append(group)
            last = line.number
            continue
        if cells[0].startswith("№") or (periods is None and group is None and "\t" in line.text
                                        and any(YEAR_CELL.match(c) for c in cells)):
            if periods is None:
                # a header may run over two lines: «Вихідні дані» on the first, the years
                # on the second; the baseline column counts wherever it was named
                baseline_named = baseline_named or any(
                    re.search(r"вихідн|базов|на\s+початок", c, re.I) for c in cells)
                found = header_years(line, path, "додаток Б")
                if found:
                    periods = ("baseline", *found) if baseline_named else found
                    header_line = line.number
            continue
        # indicators «1», «1.», «1.1», «1.1.» (the group's number first): the last is its own
        if re.fullmatch(r"(?:[0-9]{1,2}\.)?[0-9]{1,2}\.?", cells[0]) and group is not None:
            periods = periods or ("baseline", *years)
            width = 3 + len(periods)
            if len(cells) < width:
                shown = ", ".join(PERIOD_WORDS.get(p, p) for p in periods)
                raise ParseError(path, f"додаток Б: очікується {width} клітинок (№, назва, "
                                 f"одиниця, {shown}), знайдено {len(cells)}", line=line.number)
            # a number past the header's columns would be dropped: say so (a note in words,
            # «за даними 2020 року», is not a value)
            extra = [c for c in cells[width:]
                     if classify(c)[0] in (CellKind.NUMBER, CellKind.MULTI)]
            if extra:
                shown = ", ".join(PERIOD_WORDS.get(p, p) for p in periods)
                raise ParseError(path, f"додаток Б, показник {cells[0]}: значень більше, ніж "
                                 f"стовпців у заголовку ({shown}); зайве — «{clip(extra[0], 20)}»",
                                 line=line.number)
            number = int(cells[0].rstrip(".").rpartition(".")[2])
            if (group, number) in seen and twice is None:
                twice = ParseError(path, f"додаток Б: показник {number} групи «"
                                   f"{GROUP_HEADINGS[group]}» надруковано вдруге",
                                   line=line.number)
            seen.add((group, number))
            values = {}
            for period, text in zip(periods, cells[3:width], strict=True):
                values[period] = amount_cell(text, line.number, path,
                                             f"додаток Б, показник {cells[0]}")
            indicators.append(Indicator(group, number, cells[1], cells[2], values, line.number,
                                        indicator_unit(cells[2])))
            last = line.number
            continue
        if indicators and "\t" not in line.text:
            break
    missing = [g for g in ANNEX_B_GROUPS.values() if g not in seen_groups]
    if missing and not unknown_group:  # with an unknown group: reported, the rest is read
        names = [k for k, v in ANNEX_B_GROUPS.items() if v in missing]
        raise ParseError(path, f"додаток Б без груп: {', '.join(names)} (файл обрізано?)",
                         line=last)
    for group_name in ANNEX_B_GROUPS.values():
        if group_name in seen_groups and not any(i.group == group_name for i in indicators):
            raise ParseError(path, f"додаток Б: група «{GROUP_HEADINGS[group_name]}» без "
                             "показників", line=last)
    if twice is not None:
        raise twice
    return indicators, last, tuple(periods or ("baseline", *years)), header_line
