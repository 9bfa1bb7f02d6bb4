"""The checks a careful auditor adds: places that state the same fact and do not agree.

The reconciliation checks (:mod:`zhytomyr_kpi.checks.catalogue`) add up the tables. These compare
what the document says in several places: the years in titles and the term, the targets in
the text of «Очікувані результати» against the passport and Annex B, a «в т. ч.» parent
against its printed parts, the numbering of parts, ids printed on the wrong line, the
programme's totals wherever they are stated, and Annex B's cost indicators against the
Annex A money of the measures they cover. Each finding has its line, what is stated, what
it is compared with and the delta. Nothing here is specific to one programme.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from zhytomyr_kpi.basics.wording import clip, count
from zhytomyr_kpi.checks.findings import (
    Context,
    Finding,
    fmt,
    mismatch,
    total_of,
    where,
    whole_term,
)
from zhytomyr_kpi.document.layout import is_heading
from zhytomyr_kpi.document.model import Indicator, Line, Measure, YearSpan
from zhytomyr_kpi.document.numbers import CellKind, parse_number
from zhytomyr_kpi.document.reference import Rating, cost_mappings, document_folder, ratings
from zhytomyr_kpi.document.roles import IN_WHICH
from zhytomyr_kpi.document.units import MONEY_IN_UAH
from zhytomyr_kpi.document.vocabulary import FUNDING_SOURCES, SOURCE_LIKE, STAGE, TEXT_HEADING

EXPECTED_RESULTS = re.compile(r"^(?:[0-9]+\.\s*)?очікувані\s+результати", re.I)
TEXT_TARGET = re.compile(
    r"(?P<name>[^–]+?)\s+[–-]\s+(?P<target>ТОП[\s-]*(?P<rank>[0-9]{1,4})|(?:не\s+нижче\s+)?"
    r"(?P<value>[0-9]{1,6}(?:,[0-9]{1,3})?)\s*(?P<unit>%|бал\w*)?)\s*\(за\s+(?P<year>[0-9]{4})\s*р", re.I)


def _span_text(first: str, last: str) -> str:
    return first if first == last else f"{first}-{last}"


# ---------------------------------------------------------------- years


def _differing_year(span: YearSpan, years: tuple[str, ...]) -> tuple[Decimal, Decimal]:
    """The end of the span that differs from the programme's term (stated, computed)."""
    if str(span.last) != years[-1]:
        return Decimal(span.last), Decimal(years[-1])
    return Decimal(span.first), Decimal(years[0])


def _is_stage(span: YearSpan, years: tuple[str, ...], text: dict[int, str]) -> bool:
    """A span inside the term, printed as a stage: «етап» before it on its line, or on the line
    above (Table 6.1's «I етап» over «2021-2022 роки»). A span reaching outside the term, or
    inside it with no stage named, is another term and stays a finding."""
    inside = int(years[0]) <= span.first <= span.last <= int(years[-1])
    if not inside or (str(span.first), str(span.last)) == (years[0], years[-1]):
        return False
    line = text.get(span.source_line, "")
    before = line[: line.find(span.text)] if span.text in line else line
    above = next((text[n] for n in range(span.source_line - 1, span.source_line - 3, -1)
                  if text.get(n, "").strip()), "")
    return bool(STAGE.search(before) or STAGE.search(above))


def check_year_spans(ctx: Context) -> tuple[int, list[Finding]]:
    """Every span of years printed before Annex A, the passport's term, Annex B's years; a
    stage («I етап – 2021-2022 роки») must lie inside the term."""
    doc, years = ctx.document, ctx.years
    term = _span_text(years[0], years[-1])
    findings, checked = [], 0
    basis = (f"роки стовпців додатка А (рядок {doc.header_line})" if doc.header_line
             else "термін реалізації в паспорті")
    if doc.term is not None and doc.header_years:
        checked += 1
        if (str(doc.term.first), str(doc.term.last)) != (years[0], years[-1]):
            stated, computed = _differing_year(doc.term, years)
            findings.append(Finding(
                "year_spans", "error", f"паспорт, термін реалізації (рядок "
                f"{doc.term.source_line})", f"термін реалізації в паспорті — «{doc.term.text}», "
                f"а {basis} — {term}", doc.term.source_line, None, None, stated, computed,
                doc.term.text, term))
    term_line = doc.term.source_line if doc.term else None
    text = {line.number: line.text for line in doc.lines} if doc.spans else {}
    for span in doc.spans:
        if span.source_line == term_line:
            continue
        checked += 1
        if (str(span.first), str(span.last)) != (years[0], years[-1]) \
                and not _is_stage(span, years, text):
            stated, computed = _differing_year(span, years)
            findings.append(Finding(
                "year_spans", "warning", f"рядок {span.source_line}", f"у тексті «{span.text}» "
                f"(рядок {span.source_line}), а термін програми — {term} ({basis})",
                span.source_line, None, None, stated, computed, span.text, term))
    if doc.annex_b_years:
        checked += 1
        if tuple(doc.annex_b_years) != tuple(years):
            shown = ", ".join(doc.annex_b_years)
            findings.append(Finding(
                "year_spans", "warning", f"додаток Б (рядок {doc.annex_b_header_line})",
                f"у заголовку додатка Б роки {shown}, а роки програми — {', '.join(years)}",
                doc.annex_b_header_line, None, None, Decimal(len(doc.annex_b_years)),
                Decimal(len(years)), shown, ", ".join(years)))
    if doc.resources:
        checked += 1
        covered = {y for column in doc.resources[0].amounts if column != "total"
                   for y in _column_years(column, years)}
        uncovered = [y for y in years if y not in covered]
        if uncovered:
            line = doc.resources[0].source_line
            findings.append(Finding(
                "year_spans", "warning", f"таблиця 6.1 (рядок {line})", f"етапи таблиці 6.1 не "
                f"охоплюють {', '.join(uncovered)}, хоча це роки програми", line, None, None,
                Decimal(len(covered)), Decimal(len(years)), ", ".join(sorted(covered)), term))
    return checked, findings


def _column_years(column: str, years: tuple[str, ...]) -> list[str]:
    first, _, last = column.partition("-")
    return [y for y in years if int(first) <= int(y) <= int(last or first)]


# ---------------------------------------------------------------- targets in the text


def _stems(text: str) -> list[str]:
    return [w[:5] for w in re.findall(r"\w+", text.lower()) if len(w) > 2]


def rating_in_text(text: str) -> Rating | None:
    """The rating a sentence names, whatever the case endings («Міжнародного … інституту»)."""
    words = _stems(text)
    for rating in ratings():
        keys = _stems(rating.keyword)
        if keys and all(any(w.startswith(k) for w in words) for k in keys):
            return rating
    return None


def expected_results_lines(ctx: Context) -> list[Line]:
    """The text of the section «Очікувані результати виконання програми» (before Annex A)."""
    lines = ctx.document.lines
    start = next((i for i, line in enumerate(lines) if is_heading(line)
                  and EXPECTED_RESULTS.match(line.stripped)), None)
    if start is None:
        return []
    block = []
    for line in lines[start + 1:]:
        if is_heading(line) and (TEXT_HEADING.match(line.stripped) or line.stripped.lower()
                                  .startswith(("таблиця", "напрями", "додаток"))):
            break
        block.append(line)
    return block


def _target_kind(match: re.Match) -> str:
    if match["rank"]:
        return "place"
    return "percent" if match["unit"] == "%" else "score"


def _other_targets(ctx: Context, rating: Rating, year: int) -> list[tuple[str, str, str, int]]:
    """(where, kind, printed target, line) of the passport KPI and Annex B for the rating."""
    found = []
    for kpi in ctx.document.kpi_targets:
        if kpi.understood and kpi.year == year and rating_in_text(kpi.name) == rating:
            kind = "place" if kpi.rank_max is not None else "score"
            found.append(("паспорт", kind, kpi.target_text, kpi.source_line))
    for ind in ctx.document.indicators:
        cell = ind.values.get(str(year))
        if ind.group == "quality" and cell is not None and rating_in_text(ind.name) == rating:
            kind = "place" if re.match(r"^ТОП", cell.text, re.I) else "score"
            found.append((f"додаток Б (показник якості {ind.number})", kind, cell.text,
                          ind.source_line))
    return found


def _number(text: str) -> Decimal | None:
    match = re.search(r"[0-9]{1,6}(?:,[0-9]{1,3})?", text)
    return parse_number(match.group(0)) if match else None


def check_text_targets(ctx: Context) -> tuple[int, list[Finding]]:
    """Targets stated in «Очікувані результати» = the passport's KPIs and Annex B."""
    findings, checked = [], 0
    for line in expected_results_lines(ctx):
        text = re.sub(r"[*]", "", line.stripped).lstrip("-• ").strip()
        match = TEXT_TARGET.search(text)
        if not match:
            continue
        rating = rating_in_text(match["name"])
        if rating is None:
            continue
        kind = _target_kind(match)
        stated_text = match["target"].strip()
        for source, other_kind, other_text, other_line in _other_targets(ctx, rating,
                                                                          int(match["year"])):
            checked += 1
            stated, computed = _number(stated_text), _number(other_text)
            if kind == other_kind and stated is not None and stated == computed:
                continue
            if kind != other_kind:
                stated = computed = None
                why = "це різні мірила (місце, бали, відсотки)"
            else:
                why = "цілі різні"
            findings.append(Finding(
                "text_targets", "error", f"рядок {line.number}", f"{rating.label}: розділ "
                f"«Очікувані результати» (рядок {line.number}) ставить ціль на {match['year']} "
                f"«{stated_text}», а {source} (рядок {other_line}) — «{other_text}»; {why}",
                line.number, None, match["year"], stated, computed, stated_text, other_text))
    return checked, findings


# ---------------------------------------------------------------- «в т. ч.» and numbering


def _children(ctx: Context) -> dict[str, list[Measure]]:
    """Each measure's parts one level down («2.1» → 2.1.1, 2.1.2), in the document's order;
    built once (a scan of every measure for every parent made a long document quadratic)."""
    children: dict[str, list[Measure]] = {}
    for m in ctx.measures:
        parent, dot, _ = m.measure_id.rpartition(".")
        if dot:
            children.setdefault(parent, []).append(m)
    return children


def _printed_sum(cell) -> Decimal | None:
    if cell.kind is CellKind.NUMBER:
        return cell.value
    if cell.kind is CellKind.MULTI:
        return sum(cell.values, Decimal(0))
    return None


def check_breakdown_text(ctx: Context) -> tuple[int, list[Finding]]:
    """A parent whose text says «в т. ч.» but whose parts count separately: parent vs parts.

    Parents counted as «в т. ч.» sums are compared by ``breakdown_sum``; here the others.
    """
    findings, checked = [], 0
    children = _children(ctx)
    for parent in ctx.measures:
        role = ctx.roles[parent.measure_id]
        text = " ".join((parent.task, parent.content))
        parts = children.get(parent.measure_id, [])
        if role.breakdown_parent or not parts or not IN_WHICH.search(text):
            continue
        names = ", ".join(m.measure_id for m in parts)
        for column, label in ctx.labels.items():
            cell = parent.amounts.get(column)
            stated = _printed_sum(cell) if cell is not None else None
            if stated is None:
                continue
            checked += 1
            computed = total_of(m.amounts[column] for m in parts)
            if mismatch(stated, computed):
                shown = f"«{cell.text}»" + (f" (разом {fmt(stated)})" if cell.kind is
                                            CellKind.MULTI else "")
                findings.append(Finding(
                    "breakdown_text", "error", f"{where(parent)}, {label}", f"захід "
                    f"{parent.measure_id} «в тому числі» за {label} — {shown}, а його "
                    f"надруковані складові ({names}) — {fmt(computed)}", parent.source_line,
                    parent.measure_id, column, stated, computed, cell.text, fmt(computed)))
    return checked, findings


def _last_number(measure: Measure) -> int:
    return int(measure.printed_id.rsplit(".", 1)[1])


def check_numbering(ctx: Context) -> tuple[int, list[Finding]]:
    """Directions 1, 2, …; measures and parts numbered 1, 2, … without gaps."""
    findings, checked = [], 0
    groups: dict[str, list[Measure]] = {}
    for m in ctx.measures:
        groups.setdefault(m.printed_id.rsplit(".", 1)[0], []).append(m)
    for prefix, members in groups.items():
        checked += 1
        printed = {_last_number(m) for m in members}  # ids have at most 3 digits a level
        missing = [n for n in range(1, max(printed) + 1) if n not in printed]
        if not missing:
            continue
        first = members[0]
        shown = ", ".join(f"{prefix}.{n}" for n in missing)
        whose = f"заходів напряму {prefix}" if "." not in prefix else f"складових {prefix}"
        findings.append(Finding(
            "numbering", "warning", f"{where(first)}", f"серед {whose} надруковано "
            f"{count(len(printed), 'номер', 'номери', 'номерів')} (найбільший — "
            f"{prefix}.{max(printed)}): пропущено {shown}",
            first.source_line, first.measure_id, None, Decimal(len(printed)),
            Decimal(max(printed)), ", ".join(sorted({m.printed_id for m in members})), shown))
    numbers = [s.number for s in ctx.document.annex_a.sections]
    if numbers:
        checked += 1
        missing = [n for n in range(1, max(numbers) + 1) if n not in numbers]
        if missing:
            line = ctx.document.annex_a.sections[0].source_line
            findings.append(Finding(
                "numbering", "warning", f"рядок {line}", f"напрями надруковано з номерами "
                f"{', '.join(map(str, numbers))}: пропущено {', '.join(map(str, missing))}",
                line, None, None, Decimal(len(numbers)), Decimal(max(numbers)),
                ", ".join(map(str, numbers)), ", ".join(map(str, missing))))
    return checked, findings


def check_id_placement(ctx: Context) -> tuple[int, list[Finding]]:
    """An id printed on another line than its row (found by a reviewed line role): reported."""
    findings = []
    for slip in ctx.document.annex_a.slips:
        if slip.printed_line and slip.measure_line:
            message = (f"номер {slip.printed_id} надруковано на рядку {slip.printed_line}, а "
                       f"захід {slip.printed_id} починається на рядку {slip.measure_line}; "
                       "рядки прочитано за перевіреним файлом line_roles.csv")
        elif slip.printed_line:
            message = (f"номер {slip.printed_id} на рядку {slip.printed_line} не починає "
                       "захід (рядок продовжує попередній; line_roles.csv)")
        else:
            message = (f"захід {slip.printed_id} на рядку {slip.measure_line} надруковано без "
                       "номера (line_roles.csv)")
        line = slip.printed_line or slip.measure_line
        findings.append(Finding(
            "id_placement", "warning", f"рядок {line}", message, line, slip.printed_id, None,
            Decimal(slip.printed_line) if slip.printed_line else None,
            Decimal(slip.measure_line) if slip.measure_line else None, slip.printed_id,
            slip.printed_id))
    return max(len(ctx.measures), 1), findings


# ---------------------------------------------------------------- totals stated elsewhere


def funding_code(text: str, words=None) -> str | None:
    """The one source code of a measure's funding source: a vocabulary wording of the whole
    cell first (``words``, the document's :class:`~zhytomyr_kpi.document.wordings.Wordings`:
    «кошти інвесторів» is ``other``), else the form's words (:data:`FUNDING_SOURCES`); None if
    it names none or several («Місцевий бюджет, державний бюджет»)."""
    meaning = words.meaning("source", text) if words is not None else None
    if meaning is not None:
        return None if meaning == "none" else meaning
    parts = [p for p in _SOURCE_PARTS.split(text) if p.strip()]
    if len(parts) > 1:  # «міський бюджет, кошти інвесторів»: one code only if every part has it
        codes = {funding_code(p, words) for p in parts
                 if funding_code(p, words) or SOURCE_LIKE.match(p)}  # «не заборонені …»: a note
        return codes.pop() if len(codes) == 1 else None
    codes = {code for code, words in FUNDING_SOURCES if code != "total" and words.search(text)}
    return codes.pop() if len(codes) == 1 else None


#: Between the sources of one cell: «,», «;», «/», « та », « і », « й ».
_SOURCE_PARTS = re.compile(r"\s*[,;/]\s*|\s+(?:та|і|й)\s+(?=(?:кошт|бюджет|місцев|міськ|держав|"
                           r"обласн|районн|інш|позабюджет|небюджет))", re.I)


def _measures_sum(ctx: Context, column: str, source: str,
                  measures: list[Measure] | None = None) -> Decimal:
    """The counted measures' money in ``column`` (a year, a stage or the total) of one source
    (``total``: all), of ``measures`` (default: all of Annex A)."""
    def money(m: Measure) -> Decimal:
        if column != "total":
            return total_of(m.amounts[c] for c in _column_years(column, ctx.years))
        # the years added up (a wrong printed «Всього» is its row's finding, see whole_term)
        return whole_term(m, ctx.years) or Decimal(0)
    return sum((money(m)
                for m in (ctx.measures if measures is None else measures)
                if ctx.roles[m.measure_id].counts_in_total
                and (source == "total" or _code(ctx, m) == source)),
               Decimal(0))


def _code(ctx: Context, measure: Measure) -> str | None:
    """A measure's source code, worked out once per check run (every place and column asks)."""
    codes = ctx.source_codes
    if measure.measure_id not in codes:
        codes[measure.measure_id] = funding_code(measure.funding_source, ctx.document.wordings)
    return codes[measure.measure_id]


def check_totals_vs_measures(ctx: Context) -> tuple[int, list[Finding]]:
    """Each place stating the programme's money (passport, Table 6.1, РАЗОМ's split) = its
    measures. Measures whose source is not one known source («Місцевий бюджет, державний
    бюджет») cannot be given to a source: a place's shortfall up to their money may be theirs
    (an info says so); beyond it, or an excess, is an error all the same."""
    findings, checked = [], 0
    unknown = [m for m in ctx.measures if ctx.roles[m.measure_id].counts_in_total
               and any((c.value or 0) != 0 for c in m.amounts.values())
               and not _code(ctx, m)]
    places: list[tuple[str, str, str, object, int]] = []
    for item in ctx.document.passport_funding:
        places.append(("паспорт", item.label, item.source, ("total", item.cell),
                       item.cell.source_line))
    for row in ctx.document.resources:
        for column, cell in row.amounts.items():
            places.append(("таблиця 6.1", row.label, row.source, (column, cell), row.source_line))
    for row in ctx.document.annex_a.grand_split:  # РАЗОМ's split by source, or stated again
        for column, cell in row.amounts.items():
            places.append(("додаток А під рядком РАЗОМ", row.label, row.source, (column, cell),
                           row.source_line))
    for place, label, source, (column, cell), line in places:
        if cell.value is None:
            continue
        checked += 1
        computed = _measures_sum(ctx, column, source)
        if not mismatch(cell.value, computed):
            continue
        period = ctx.labels.get(column, column)
        whose = "всіх заходів" if source == "total" else "заходів із цим джерелом"
        where_ = f"{place}, «{clip(label, 40)}», {period} (рядок {line})"
        said = (f"{place}: «{clip(label, 60)}» за {period} — {fmt(cell.value)}, а сума {whose} "
                f"додатка А (тих, що враховуються) — {fmt(computed)}")
        unplaced = _unplaced(ctx, unknown, column) if source != "total" else Decimal(0)
        if Decimal(0) < cell.value - computed <= unplaced:
            findings.append(Finding(
                "totals_vs_measures", "info", where_, f"{said}; різниця може бути коштами "
                f"{count(len(unknown), 'заходу', 'заходів', 'заходів')} без одного відомого "
                f"джерела (захід {unknown[0].measure_id} «{clip(unknown[0].funding_source, 40)}»"
                f"), тож точно не звірено", line, None, column, cell.value, computed, cell.text,
                fmt(computed)))
            continue
        findings.append(Finding("totals_vs_measures", "error", where_, said, line, None, column,
                                cell.value, computed, cell.text, fmt(computed)))
    return checked, findings


def _unplaced(ctx: Context, unknown: list[Measure], column: str) -> Decimal:
    """The money in ``column`` of the measures that name no one known source."""
    return _measures_sum(ctx, column, "total", unknown)


# ---------------------------------------------------------------- Annex B costs vs Annex A


def cost_measures(ctx: Context) -> list[tuple[int, tuple[str, ...]]]:
    """The reviewed cost indicator → measures map of this document's quirk set, if it has one."""
    return [(m.cost_indicator, m.measure_ids)
            for m in cost_mappings(document_folder(ctx.document))]


def _in_kuah(indicator: Indicator, value: Decimal) -> Decimal | None:
    scale = MONEY_IN_UAH.get(indicator.unit_code or "")
    return value * scale / 1000 if scale is not None else None


def check_cost_vs_allocation(ctx: Context) -> tuple[int, list[Finding]]:
    """Annex B cost indicators = the Annex A money of the measures they cover, per year."""
    findings, checked = [], 0
    by_id = {m.measure_id: m for m in ctx.measures}
    costs = {i.number: i for i in ctx.document.indicators if i.group == "cost"}
    for number, measure_ids in cost_measures(ctx):
        indicator = costs.get(number)
        covered = [by_id[mid] for mid in measure_ids if mid in by_id]
        if indicator is None or not covered:
            continue
        for year in ctx.years:
            cell = indicator.values.get(year)
            stated = _in_kuah(indicator, cell.value) if cell and cell.value is not None else None
            if stated is None:
                continue
            checked += 1
            computed = total_of(m.amounts[year] for m in covered)
            if mismatch(stated, computed):
                findings.append(Finding(
                    "cost_vs_allocation", "warning", f"показник затрат {number}, {year} (рядок "
                    f"{indicator.source_line})", f"додаток Б: затрати {number} за {year} — "
                    f"{cell.text} {indicator.unit} ({fmt(stated)} тис. грн), а кошти додатка А "
                    f"на заходи {', '.join(measure_ids)} — {fmt(computed)} тис. грн",
                    indicator.source_line, None, year, stated, computed, cell.text,
                    fmt(computed)))
    return checked, findings


AUDIT_CHECKS: tuple[tuple[str, str, Callable[[Context], tuple[int, list[Finding]]]], ...] = (
    ("year_spans", "Роки в назвах і тексті = термін програми", check_year_spans),
    ("text_targets", "Цілі в розділі «Очікувані результати» = паспорт і додаток Б",
     check_text_targets),
    ("breakdown_text", "Захід «в тому числі» = сума надрукованих складових",
     check_breakdown_text),
    ("numbering", "Номери напрямів, заходів і складових без пропусків", check_numbering),
    ("id_placement", "Номер заходу надруковано на рядку заходу", check_id_placement),
    ("totals_vs_measures", "Обсяги в паспорті й таблиці 6.1 = сума заходів",
     check_totals_vs_measures),
    ("cost_vs_allocation", "Затрати додатка Б = кошти додатка А на ті самі заходи",
     check_cost_vs_allocation),
)
