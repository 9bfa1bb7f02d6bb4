"""Reference data reviewed by people (``reviewed/``).

Two kinds: knowledge of Ukrainian programmes in general (the ratings, which units an indicator
name allows) applies to every document; the maps of one document's own numbering (which Annex B
indicators an efficiency indicator divides, which Annex A measures a cost indicator covers) belong
to that document's quirk set and are read from its folder (:func:`document_folder`). Another
programme gets no maps, so nothing of No. 1685's numbering is applied to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.basics.paths import REVIEWED_DIR
from zhytomyr_kpi.basics.wording import clip
from zhytomyr_kpi.document.quirks import read_reviewed_csv


@dataclass(frozen=True)
class Rating:
    rating: str
    keyword: str
    kind: str  # "place" (ТОП-N, lower is better) or "score" (higher is better)
    results_kind: str  # "ranking", or "award_list" (no place can be read from it)
    label: str
    reason: str


@dataclass(frozen=True)
class EfficiencyPair:
    efficiency: int
    numerator: tuple[tuple[str, int], ...]
    denominator: tuple[tuple[str, int], ...]
    reason: str


@dataclass(frozen=True)
class CostMapping:
    cost_indicator: int
    measure_ids: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class UnitRule:
    name_starts_with: str
    allowed_units: tuple[str, ...]
    reason: str


def _indicator_refs(text: str, path: Path, row: int) -> tuple[tuple[str, int], ...]:
    refs = []
    for part in filter(None, (p.strip() for p in text.split("+"))):
        group, _, number = part.partition(".")
        if group not in ("cost", "output") or not number.isdigit():
            raise ParseError(path, f"очікується cost.N або output.N, отримано «{part}»", line=row)
        refs.append((group, int(number)))
    return tuple(refs)


@cache
def ratings(directory: Path = REVIEWED_DIR) -> tuple[Rating, ...]:
    path = directory / "ratings.csv"
    rows = read_reviewed_csv(path, ("rating", "keyword", "kind", "results_kind", "label",
                                    "reason"))
    result = []
    for row in rows:
        if row["kind"] not in ("place", "score"):
            raise ParseError(path, "kind має бути place або score", line=row.row)
        if row["results_kind"] not in ("ranking", "award_list"):
            raise ParseError(path, "results_kind має бути ranking або award_list", line=row.row)
        result.append(Rating(row["rating"], row["keyword"], row["kind"], row["results_kind"],
                             row["label"], row["reason"]))
    return tuple(result)


def rating_for(name: str, directory: Path = REVIEWED_DIR) -> Rating | None:
    """The rating an indicator or KPI name refers to (by its keyword), if any."""
    return next((r for r in ratings(directory) if r.keyword in name), None)


def document_folder(document) -> Path | None:
    """The folder of the quirk set that declares ``document`` (None when it has none)."""
    quirks = getattr(document, "quirks", None)
    return getattr(quirks, "directory", None) if quirks is not None else None


@cache
def efficiency_pairs(directory: Path | None = REVIEWED_DIR) -> tuple[EfficiencyPair, ...]:
    """Which Annex B indicators each efficiency indicator divides (a document's own map)."""
    if directory is None or not (directory / "efficiency_pairs.csv").is_file():
        return ()
    path = directory / "efficiency_pairs.csv"
    rows = read_reviewed_csv(path, ("efficiency", "numerator", "denominator", "reason"))
    return tuple(
        EfficiencyPair(int(row["efficiency"]), _indicator_refs(row["numerator"], path, row.row),
                       _indicator_refs(row["denominator"], path, row.row), row["reason"])
        for row in rows
    )


@cache
def cost_mappings(directory: Path | None = REVIEWED_DIR) -> tuple[CostMapping, ...]:
    """Which Annex A measures each Annex B cost indicator covers (a document's own map)."""
    if directory is None or not (directory / "cost_measures.csv").is_file():
        return ()
    path = directory / "cost_measures.csv"
    rows = read_reviewed_csv(path, ("cost_indicator", "measure_ids", "reason"))
    mappings = []
    for row in rows:
        if not row["cost_indicator"].isdigit():
            raise ParseError(path, f"номер показника затрат «{clip(row['cost_indicator'], 20)}» — не "
                             "число", line=row.row)
        mappings.append(CostMapping(int(row["cost_indicator"]),
                                    tuple(row["measure_ids"].split(";")), row["reason"]))
    return tuple(mappings)


@cache
def unit_rules(directory: Path = REVIEWED_DIR) -> tuple[UnitRule, ...]:
    path = directory / "unit_rules.csv"
    rows = read_reviewed_csv(path, ("name_starts_with", "allowed_units", "reason"))
    rules = [UnitRule(r["name_starts_with"], tuple(r["allowed_units"].split(";")), r["reason"])
             for r in rows]
    return tuple(sorted(rules, key=lambda r: -len(r.name_starts_with)))
