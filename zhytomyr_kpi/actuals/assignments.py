"""Who answers for what: each measure's departments and its lead (who reports its money), and
the department that reports each Annex B cost and output indicator."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from zhytomyr_kpi.tables.programme import ProgrammeTables


@dataclass(frozen=True)
class Assignment:
    """Who answers for one measure: every department involved, and the one reporting money."""

    departments: tuple[str, ...]
    lead: str | None


def measure_assignments(program: ProgrammeTables) -> dict[str, Assignment]:
    """Measure id → its departments and lead, through the reviewed alias list."""
    return _assignments(program)


@lru_cache(maxsize=8)
def _assignments(program: ProgrammeTables) -> dict[str, Assignment]:
    from zhytomyr_kpi.document.executors import department_key, parse_executors

    result, spelling = {}, {}
    # one department, one name through the whole programme: the first spelling printed
    # («… технологій і цифрового розвитку» and later «… та …» are one workbook)
    for m in program.measures.itertuples():
        parsed = parse_executors(m.executors)
        names = tuple(dict.fromkeys(spelling.setdefault(department_key(n), n)
                                    for n in parsed.all))
        lead = spelling.setdefault(department_key(parsed.lead), parsed.lead) \
            if parsed.lead else None
        result[m.measure_id] = Assignment(names, lead)
    return result


@lru_cache(maxsize=8)
def indicator_leads(program: ProgrammeTables) -> dict[tuple[str, int], str | None]:
    """(group, number) of each Annex B cost/output indicator → the department that reports it.

    A cost indicator belongs to the lead of the first measure it covers
    (``reviewed/cost_measures.csv``); an output indicator, or a cost indicator used as a
    denominator (staff numbers), to the department of the cost it divides
    (``reviewed/efficiency_pairs.csv``). An indicator mapped to nothing goes to the
    programme's responsible executor (passport, «Відповідальний виконавець програми»);
    without one it has no department (``None``) and is only in the whole-programme workbook.
    """
    from zhytomyr_kpi.document.reference import cost_mappings, document_folder, efficiency_pairs

    folder = document_folder(program.document)
    assignments = measure_assignments(program)
    leads: dict[tuple[str, int], str | None] = {}
    for mapping in cost_mappings(folder):
        for measure_id in mapping.measure_ids:
            lead = assignments.get(measure_id, Assignment((), None)).lead
            if lead:
                leads[("cost", mapping.cost_indicator)] = lead
                break
    for pair in efficiency_pairs(folder):
        lead = next((leads.get(ref) for ref in pair.numerator if leads.get(ref)), None)
        for ref in pair.denominator:
            if lead:
                leads.setdefault(ref, lead)
    ind = program.indicators
    keys = ind[ind.group.isin(["cost", "output"])].drop_duplicates(["group", "number"])
    fallback = responsible_executor(program)
    return {(r.group, int(r.number)): leads.get((r.group, int(r.number)), fallback)
            for r in keys.itertuples()}


def responsible_executor(program: ProgrammeTables) -> str | None:
    """The programme's responsible executor (passport), its first department."""
    from zhytomyr_kpi.document.executors import parse_executors

    passport = program.passport
    rows = passport[passport.label.str.contains("Відповідальний виконавець", case=False)]
    return parse_executors(rows.value_full.iloc[0]).lead if len(rows) else None
