"""Small builder used to write the corpus documents and their truth.

Each programme script describes its document line by line; the builder keeps the
line numbers, formats the numbers the way the programme's authors print them and
records the truth (amounts in thousand UAH, sums, plants).  The project's parser is
not used anywhere.
"""
from decimal import Decimal as D
import json
import os

NBSP = "\u00a0"
K = D("1000")


def dec(x):
    if x is None or isinstance(x, D):
        return x
    return D(str(x))


def fmt(x, ndec=1, sep=" ", exact=True):
    """Ukrainian number: decimal comma, `sep` between thousands.

    The number of decimals grows beyond `ndec` when needed to print x exactly."""
    x = dec(x)
    n = ndec
    while exact and x.quantize(D(1).scaleb(-n)) != x:
        n += 1
    q = x.quantize(D(1).scaleb(-n)) if n > 0 else x.quantize(D(1))
    s = f"{q:.{n}f}"
    neg = s.startswith("-")
    if neg:
        s = s[1:]
    ip, _, fr = s.partition(".")
    groups = []
    while len(ip) > 3:
        groups.insert(0, ip[-3:])
        ip = ip[:-3]
    groups.insert(0, ip)
    out = sep.join(groups)
    if n > 0:
        out += "," + fr
    return ("-" if neg else "") + out


def num(x):
    """Decimal -> JSON number (float) or None."""
    if x is None:
        return None
    x = dec(x)
    if x == x.to_integral_value() and abs(x) < 10**15:
        return float(x)
    return float(str(x))


class Measure:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class Programme:
    def __init__(self, slug, years, default_unit="тис. грн"):
        self.slug = slug
        self.years = [str(y) for y in years]
        self.lines = []
        self.measures = []
        self.tasks = []
        self.sections = []
        self.section_totals = []
        self.grand = None
        self.grand_by_source = []
        self.resources = None
        self.resource_periods = None
        self.passport = None
        self.indicators = []
        self.eff_pairs = []
        self.planted = []
        self.default_unit = default_unit
        self.has_total_col = True

    # ---- text -------------------------------------------------------------
    def add(self, text=""):
        for l in text.split("\n"):
            self.lines.append(l)
        return len(self.lines)

    def row(self, *cells):
        self.lines.append("\t".join(cells))
        return len(self.lines)

    def blank(self, n=1):
        for _ in range(n):
            self.lines.append("")

    @property
    def next_line(self):
        return len(self.lines) + 1

    # ---- units --------------------------------------------------------------
    @staticmethod
    def factor(unit):
        return {"тис. грн": D(1), "грн": D(1) / K}[unit]

    # ---- Annex A ------------------------------------------------------------
    def section(self, number, title, line):
        self.sections.append({"section": str(number), "title": title, "line": line})

    def task(self, tid, name, section, line):
        self.tasks.append({"id": tid, "line": line, "section": str(section), "name": name})

    def measure(self, mid, section, amounts, *, printed_id=None, task=None, content="",
                term="", term_years=None, executors=(), fund_manager=None, canonical=None,
                source="", source_key="local", unit=None, total_delta=None, counts=True,
                parent=None, null_mark="-"):
        """amounts: list aligned with years (numbers in the document's unit, or None)."""
        unit = unit or self.default_unit
        am = {y: dec(a) for y, a in zip(self.years, amounts)}
        vals = [a for a in am.values() if a is not None]
        computed_total = sum(vals, D(0)) if vals else None
        stated_total = computed_total
        if total_delta is not None:
            stated_total = computed_total + dec(total_delta)
        if term_years is None:
            import re
            ys = set()
            for a, b in re.findall(r"(\d{4})\s*[-–]\s*(\d{4})", term):
                ys.update(str(y) for y in range(int(a), int(b) + 1))
            ys.update(re.findall(r"\d{4}", re.sub(r"(\d{4})\s*[-–]\s*(\d{4})", " ", term)))
            term_years = sorted(ys) if ys else list(self.years)
        m = Measure(id=mid, printed_id=printed_id or mid, section=str(section), task=task,
                    content=content, term=term, term_years=[str(t) for t in term_years],
                    executors=list(executors), fund_manager=fund_manager,
                    canonical=list(canonical) if canonical else [e[0].upper() + e[1:] for e in executors],
                    source=source, source_key=source_key, unit=unit, amounts=am,
                    computed_total=computed_total, stated_total=stated_total, counts=counts,
                    parent=parent, null_mark=null_mark, line=None)
        self.measures.append(m)
        return m

    def amount_cells(self, m, ndec=1, sep=" "):
        cells = [fmt(m.amounts[y], ndec, sep) if m.amounts[y] is not None else m.null_mark
                 for y in self.years]
        if self.has_total_col:
            cells.append(fmt(m.stated_total, ndec, sep) if m.stated_total is not None else m.null_mark)
        return cells

    def kuah(self, x, unit):
        return None if x is None else dec(x) * self.factor(unit)

    def sums(self, measures):
        out = {}
        for y in self.years:
            out[y] = sum((self.kuah(m.amounts[y], m.unit) or D(0) for m in measures if m.counts), D(0))
        return out

    def section_total(self, section, unit=None, delta=None):
        """Returns (stated, computed) in the given unit for the rows of the section."""
        unit = unit or self.default_unit
        ms = [m for m in self.measures if m.section == str(section)]
        comp = self.sums(ms)
        comp_u = {y: v / self.factor(unit) for y, v in comp.items()}
        comp_u["total"] = sum(comp_u[y] for y in self.years)
        stated = dict(comp_u)
        for k, v in (delta or {}).items():
            stated[k] = stated[k] + dec(v)
        rec = {"section": str(section), "unit": unit, "stated": stated, "computed": comp_u}
        self.section_totals.append(rec)
        return rec

    def grand_total(self, unit=None, delta=None):
        unit = unit or self.default_unit
        comp = self.sums(self.measures)
        comp_u = {y: v / self.factor(unit) for y, v in comp.items()}
        comp_u["total"] = sum(comp_u[y] for y in self.years)
        stated = dict(comp_u)
        for k, v in (delta or {}).items():
            stated[k] = stated[k] + dec(v)
        self.grand = {"unit": unit, "stated": stated, "computed": comp_u}
        return self.grand

    def grand_source(self, key, label, unit=None):
        unit = unit or self.default_unit
        comp = self.sums([m for m in self.measures if m.source_key == key])
        comp_u = {y: v / self.factor(unit) for y, v in comp.items()}
        comp_u["total"] = sum(comp_u[y] for y in self.years)
        rec = {"source": label, "source_key": key, "unit": unit, "stated": dict(comp_u), "computed": comp_u}
        self.grand_by_source.append(rec)
        return rec

    # ---- Table 6.1 ----------------------------------------------------------
    def resource_row(self, key, label, periods, unit=None, delta=None):
        """periods: list of (name, [years]) ; key 'total' = all sources."""
        unit = unit or self.default_unit
        ms = [m for m in self.measures if key == "total" or m.source_key == key]
        s = self.sums(ms)
        comp = {}
        for name, ys in periods:
            comp[name] = sum((s[y] for y in ys), D(0)) / self.factor(unit)
        comp["total"] = sum(s.values(), D(0)) / self.factor(unit)
        stated = dict(comp)
        for k, v in (delta or {}).items():
            stated[k] = stated[k] + dec(v)
        if self.resources is None:
            self.resources = []
        self.resource_periods = [[n, [str(y) for y in ys]] for n, ys in periods]
        rec = {"source": label, "source_key": key, "unit": unit, "stated": stated, "computed": comp}
        self.resources.append(rec)
        return rec

    # ---- Annex B -----------------------------------------------------------
    def indicator(self, group, number, name, unit, values, printed=None, line=None):
        rec = {"group": group, "number": number, "printed": printed if printed is not None else str(number),
               "name": name, "unit": unit, "values": values, "line": line}
        self.indicators.append(rec)
        return rec

    def ind(self, group, number):
        for r in self.indicators:
            if r["group"] == group and r["number"] == number:
                return r
        raise KeyError((group, number))

    # ---- output ------------------------------------------------------------
    def plant(self, kind, line, stated, computed, what, column=None, **extra):
        p = {"kind": kind, "line": line, "column": column, "stated": num(stated),
             "computed": num(computed), "what": what}
        p.update(extra)
        self.planted.append(p)

    def write(self, meta):
        out_dir = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), self.slug)
        os.makedirs(out_dir, exist_ok=True)
        with open(os.path.join(out_dir, "decision.txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(self.lines) + "\n")

        def kd(d, unit):
            return {k: num(dec(v) * self.factor(unit)) for k, v in d.items()
                    if self.has_total_col or k != "total"}

        measures = []
        for m in self.measures:
            assert m.line, m.id
            am = {y: num(self.kuah(m.amounts[y], m.unit)) for y in self.years}
            if self.has_total_col:
                am["total"] = num(self.kuah(m.stated_total, m.unit))
            measures.append({
                "id": m.id, "printed_id": m.printed_id, "line": m.line, "section": m.section,
                "task": m.task, "content": m.content, "term": m.term, "term_years": m.term_years,
                "executors": m.executors, "fund_manager": m.fund_manager,
                "executors_canonical": m.canonical, "source": m.source, "source_key": m.source_key,
                "doc_unit": m.unit, "counts_in_total": m.counts, "parent_id": m.parent,
                "amounts_kuah": am,
            })
        truth = dict(meta)
        truth["years"] = self.years
        truth["has_total_column"] = self.has_total_col
        truth["sections"] = self.sections
        truth["tasks"] = self.tasks
        truth["measures"] = measures
        truth["section_totals"] = [{
            "section": r["section"], "line": r["line"], "label": r["label"], "doc_unit": r["unit"],
            "stated_kuah": kd(r["stated"], r["unit"]), "computed_kuah": kd(r["computed"], r["unit"])}
            for r in self.section_totals]
        g = self.grand
        truth["grand_total"] = {"line": g["line"], "label": g["label"], "doc_unit": g["unit"],
                                "stated_kuah": kd(g["stated"], g["unit"]),
                                "computed_kuah": kd(g["computed"], g["unit"])}
        truth["grand_total_by_source"] = [{
            "source": r["source"], "source_key": r["source_key"], "line": r["line"], "doc_unit": r["unit"],
            "stated_kuah": kd(r["stated"], r["unit"]), "computed_kuah": kd(r["computed"], r["unit"])}
            for r in self.grand_by_source] or None
        if self.resources is not None:
            truth["resource_periods"] = self.resource_periods
            truth["resources"] = [{
                "source": r["source"], "source_key": r["source_key"], "line": r["line"], "doc_unit": r["unit"],
                "amounts_kuah": kd(r["stated"], r["unit"]), "computed_kuah": kd(r["computed"], r["unit"])}
                for r in self.resources]
        else:
            truth["resource_periods"] = None
            truth["resources"] = None
        p = self.passport
        truth["passport_total_kuah"] = num(p["stated_kuah"])
        truth["passport_total_line"] = p["line"]
        truth["passport_total_text"] = p["text"]
        inds = []
        for r in self.indicators:
            vals = {}
            for k, v in r["values"].items():
                vals[k] = num(v) if isinstance(v, D) else v
            inds.append({"group": r["group"], "number": r["number"], "printed": r["printed"],
                         "name": r["name"], "unit": r["unit"], "line": r["line"], "values": vals})
        truth["indicators"] = inds
        truth["efficiency_pairs"] = self.eff_pairs
        truth["planted"] = self.planted
        with open(os.path.join(out_dir, "truth.json"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(truth, f, ensure_ascii=False, indent=1)
            f.write("\n")
        return out_dir


SUFFIXES = (" виконавчого комітету міської ради", " виконавчого комітету", " міської ради")


def split_exec(text):
    """Printed executor cell -> (names, fund manager). Names are split on commas / semicolons."""
    names, fm = [], None
    for part in [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]:
        if "(розпорядник коштів)" in part:
            part = part.replace("(розпорядник коштів)", "").strip()
            fm = part
        names.append(part)
    return names, fm


def canon(name, aliases=None):
    n = name.replace("(за згодою)", "").strip()
    changed = True
    while changed:
        changed = False
        for s in SUFFIXES:
            if n.endswith(s):
                n = n[: -len(s)]
                changed = True
    n = n[0].upper() + n[1:]
    return (aliases or {}).get(n, n)
