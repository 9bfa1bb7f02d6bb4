#!/usr/bin/env python3
"""Independent check of the corpus truth (standard library only).

For every <name>/ beside this script with decision.txt and truth.json:
  * every line reference points at a line that carries the item's id or label,
    and the amounts / indicator values of the truth are printed on that row;
  * every measure's years are re-added against its total, every direction, the
    programme total, the total by source, Table 6.1 and the passport total are
    recomputed from the measures, efficiency indicators are recomputed as
    cost / output of the indicators the pairs name;
  * the computed values in truth.json equal the recomputed ones;
  * the disagreements found are exactly the planted ones (kind, line, column,
    stated, computed).
Exit status 0 when every programme passes.
"""
import json
import re
import sys
from decimal import Decimal as D, ROUND_HALF_UP
from pathlib import Path

ROOT = Path(__file__).resolve().parent
NUM_RE = re.compile(r"^-?(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,\d+)?$")
MONEY_UAH = {"грн": D(1), "тис. грн": D(1000), "млн грн": D(1000000)}
TOL = D("0.0000001")


def parse_num(cell):
    c = cell.strip()
    if not NUM_RE.match(c):
        return None
    return D(c.replace(" ", "").replace("\u00a0", "").replace(",", "."))


def decimals_of(cell):
    c = cell.strip()
    return len(c.split(",")[1]) if "," in c else 0


def d(x):
    return None if x is None else D(str(x))


def eq(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(d(a) - d(b)) <= TOL


def factor(unit):  # document unit -> thousand UAH
    return MONEY_UAH[unit] / D(1000)


def term_years(term, years):
    ys = set()
    for a, b in re.findall(r"(\d{4})\s*[-–—]\s*(\d{4})", term):
        ys.update(str(y) for y in range(int(a), int(b) + 1))
    rest = re.sub(r"(\d{4})\s*[-–—]\s*(\d{4})", " ", term)
    ys.update(re.findall(r"\d{4}", rest))
    return sorted(ys) if ys else list(years)


class Checker:
    def __init__(self, folder):
        self.folder = folder
        self.lines = (folder / "decision.txt").read_text(encoding="utf-8").split("\n")
        self.t = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        self.problems = []   # the truth itself is wrong
        self.found = []      # disagreements inside the document
        self.checked = 0

    def line(self, n):
        if not isinstance(n, int) or not 1 <= n <= len(self.lines):
            self.problems.append(f"line {n} out of range")
            return ""
        return self.lines[n - 1]

    def cells(self, n):
        return [c.strip() for c in self.line(n).split("\t")]

    def problem(self, msg):
        self.problems.append(msg)

    def disagree(self, kind, line, column, stated, computed):
        self.found.append({"kind": kind, "line": line, "column": column,
                           "stated": stated, "computed": computed})

    # ------------------------------------------------------------------
    def run(self):
        t = self.t
        years = t["years"]
        head = "\n".join(self.lines[:40])
        num = t["decision"]["number"]
        y, m, dd = t["decision"]["date"].split("-")
        if f"№ {num}" not in head or f"{dd}.{m}.{y}" not in head:
            self.problem("decision number/date not found in the header")
        if "МІСЬКА РАДА" not in head or "РІШЕННЯ" not in head.replace(" ", ""):
            self.problem("header block not found")

        for s in t["sections"]:
            if not self.line(s["line"]).startswith(s["title"][:20]):
                self.problem(f"section {s['section']} title not at line {s['line']}")
        for k in t["tasks"]:
            if self.cells(k["line"])[0].rstrip(".") != k["id"]:
                self.problem(f"task {k['id']} not at line {k['line']}")

        markers = sorted({x["line"] for x in t["measures"]} | {x["line"] for x in t["tasks"]}
                         | {x["line"] for x in t["sections"]} | {x["line"] for x in t["section_totals"]}
                         | {t["grand_total"]["line"]})
        ids = [m["id"] for m in t["measures"]]
        if len(ids) != len(set(ids)):
            self.problem("measure ids are not unique")

        # ---- measures --------------------------------------------------
        for m in t["measures"]:
            first = self.cells(m["line"])[0]
            if not (first == m["printed_id"] or first.startswith(m["printed_id"] + " ")):
                self.problem(f"measure {m['id']}: line {m['line']} starts with {first!r}")
            # a row of money from another source under a measure, without a number of its
            # own, is «<measure>#<n>» with an empty printed id
            part = re.fullmatch(r"(.+)#\d+", m["id"]) if not m["printed_id"] else None
            if part and part.group(1) not in ids:
                self.problem(f"measure {m['id']}: no measure {part.group(1)} above it")
            elif not part and m["id"] != m["printed_id"].rstrip("."):
                self.problem(f"measure {m['id']}: id does not match printed id")
            nxt = [x for x in markers if x > m["line"]]
            end = min(nxt[0] if nxt else m["line"] + 6, m["line"] + 6)
            pool = []
            for n in range(m["line"], end):
                pool += [v for v in (parse_num(c) for c in self.cells(n)[1:]) if v is not None]
            f = factor(m["doc_unit"])
            am = m["amounts_kuah"]
            for key, v in am.items():
                if v is None:
                    continue
                want = d(v) / f
                hit = next((i for i, p in enumerate(pool) if abs(p - want) <= TOL), None)
                if hit is None:
                    self.problem(f"measure {m['id']}: amount {key}={want} not printed in its row")
                else:
                    pool.pop(hit)
            if sorted(term_years(m["term"], years)) != sorted(m["term_years"]):
                self.problem(f"measure {m['id']}: term_years do not match term {m['term']!r}")
            vals = [d(am[y]) for y in years if am.get(y) is not None]
            comp = sum(vals, D(0)) if vals else None
            if t["has_total_column"]:
                self.checked += 1
                if not eq(am.get("total"), comp):
                    self.disagree("row_total", m["line"], "total", am.get("total"), comp)
            for yy in years:
                if yy not in m["term_years"] and am.get(yy) not in (None, 0, 0.0):
                    self.disagree("term_vs_money", m["line"], yy, am.get(yy), 0)

        def recompute(ms):
            out = {yy: sum((d(x["amounts_kuah"][yy]) or D(0) for x in ms if x["counts_in_total"]), D(0))
                   for yy in years}
            out["total"] = sum(out.values(), D(0))
            return out

        def compare(kind, rec, comp, stated_key="stated_kuah"):
            self.check_printed(rec, stated_key)
            for k, v in comp.items():
                if not eq(rec["computed_kuah"].get(k), v):
                    self.problem(f"{kind} line {rec['line']}: truth computed {k}={rec['computed_kuah'].get(k)} but recomputed {v}")
                self.checked += 1
                if not eq(rec[stated_key].get(k), v):
                    self.disagree(kind, rec["line"], k, rec[stated_key].get(k), v)

        for s in t["section_totals"]:
            if not self.line(s["line"]).startswith(s["label"]) and s["label"] not in self.line(s["line"]):
                self.problem(f"section total {s['section']} label not at line {s['line']}")
            ms = [x for x in t["measures"] if x["section"] == s["section"]]
            comp = recompute(ms)
            if not t["has_total_column"]:
                comp.pop("total")
            compare("section_total", s, comp)

        g = t["grand_total"]
        if g["label"] not in self.line(g["line"]):
            self.problem("grand total label not at its line")
        comp_g = recompute(t["measures"])
        if not t["has_total_column"]:
            comp_g.pop("total")
        compare("grand_total", g, comp_g)

        for r in t["grand_total_by_source"] or []:
            if r["source"].lower() not in self.line(r["line"]).lower():
                self.problem(f"source row {r['source']} not at line {r['line']}")
            compare("grand_total_by_source", r,
                    recompute([x for x in t["measures"] if x["source_key"] == r["source_key"]]))

        if t["resources"] is not None:
            periods = t["resource_periods"]
            for r in t["resources"]:
                if r["source"].lower() not in self.line(r["line"]).lower():
                    self.problem(f"resources row {r['source']} not at line {r['line']}")
                ms = [x for x in t["measures"] if r["source_key"] == "total" or x["source_key"] == r["source_key"]]
                full = recompute(ms)
                comp = {name: sum((full[yy] for yy in ys), D(0)) for name, ys in periods}
                comp["total"] = full["total"]
                compare("resources_vs_annex_a", r, comp, stated_key="amounts_kuah")

        pt = t["passport_total_kuah"]
        if t["passport_total_text"] not in self.line(t["passport_total_line"]):
            self.problem("passport total text not at its line")
        total_comp = comp_g["total"] if "total" in comp_g else sum(comp_g.values(), D(0))
        self.checked += 1
        if not eq(pt, total_comp):
            self.disagree("passport_total", t["passport_total_line"], "total", pt, total_comp)

        # ---- indicators -------------------------------------------------
        periods = ["baseline"] + years
        for i in t["indicators"]:
            c = self.cells(i["line"])
            if c[0] != i["printed"] or not c[1].startswith(i["name"][:25]) or c[2] != i["unit"]:
                self.problem(f"indicator {i['group']} {i['number']}: line {i['line']} does not carry it")
                continue
            for k, p in enumerate(periods):
                v = i["values"].get(p)
                cell = c[3 + k] if 3 + k < len(c) else ""
                if v is None:
                    ok = cell in ("-", "", "–")
                elif isinstance(v, str):
                    ok = cell == v
                else:
                    ok = parse_num(cell) is not None and eq(parse_num(cell), v)
                if not ok:
                    self.problem(f"indicator {i['group']} {i['number']} {p}: truth {v!r}, printed {cell!r}")
        ind = {(i["group"], i["number"]): i for i in t["indicators"]}
        for pair in t["efficiency_pairs"]:
            e, c, o = ind[("efficiency", pair["efficiency"])], ind[("cost", pair["cost"])], ind[("output", pair["output"])]
            for k, p in enumerate(periods):
                ev, cv, ov = e["values"].get(p), c["values"].get(p), o["values"].get(p)
                if not all(isinstance(x, (int, float)) for x in (ev, cv, ov)) or ov == 0:
                    continue
                comp = d(cv) * MONEY_UAH[c["unit"]] / MONEY_UAH[e["unit"]] / d(ov)
                nd = decimals_of(self.cells(e["line"])[3 + k])
                rounded = comp.quantize(D(1).scaleb(-nd), rounding=ROUND_HALF_UP)
                self.checked += 1
                if not eq(rounded, ev):
                    self.disagree("efficiency", e["line"], p, ev, comp)

        # ---- completeness: every numbered row of Annex A / Annex B is in the truth
        first = min(x["line"] for x in t["sections"])
        last = t["grand_total"]["line"]
        known = {x["line"] for x in t["measures"]} | {x["line"] for x in t["tasks"]}
        idre = re.compile(r"^\d+(?:\.\d+)+\.?(?: |$)")
        for n in range(first, last + 1):
            if idre.match(self.cells(n)[0]) and n not in known:
                self.problem(f"numbered Annex A row at line {n} is neither a measure nor a task in the truth")
        known_i = {x["line"] for x in t["indicators"]}
        for n in range(last + 1, len(self.lines) + 1):
            c = self.cells(n)
            group = re.match(r"показники\s", c[1], re.I) if len(c) > 1 else None
            if group and not any(c[2:]):
                continue  # a group's heading with its number in a cell of its own
            if len(c) >= 5 and re.match(r"^\d+(?:\.\d+)*\.?$", c[0]) and c[1] and not c[1].isdigit() and n not in known_i:
                self.problem(f"numbered Annex B row at line {n} is not an indicator in the truth")

        # ---- planted ------------------------------------------------------
        planted = t["planted"]
        key = lambda x: (x["kind"], x["line"], x["column"])
        fk = {key(x): x for x in self.found}
        pk = {key(x): x for x in planted}
        for k in sorted(set(fk) - set(pk), key=str):
            self.problem(f"unplanted disagreement {k}: stated {fk[k]['stated']} computed {fk[k]['computed']}")
        for k in sorted(set(pk) - set(fk), key=str):
            self.problem(f"planted {k} not found in the document")
        for k in set(fk) & set(pk):
            a, b = fk[k], pk[k]
            if not eq(a["stated"], b["stated"]) or abs(d(a["computed"]) - d(b["computed"])) > D("0.0001"):
                self.problem(f"planted {k}: truth says {b['stated']} vs {b['computed']}, found {a['stated']} vs {a['computed']}")
        return not self.problems

    def check_printed(self, rec, stated_key):
        """Each stated value of a total row is printed in that row (in its document unit)."""
        f = factor(rec["doc_unit"])
        pool = [v for v in (parse_num(c) for c in self.cells(rec["line"])[1:]) if v is not None]
        for k, v in rec[stated_key].items():
            if v is None:
                continue
            want = d(v) / f
            hit = next((i for i, p in enumerate(pool) if abs(p - want) <= TOL), None)
            if hit is None:
                self.problem(f"line {rec['line']}: stated {k}={want} not printed")
            else:
                pool.pop(hit)


def main():
    folders = sorted(p.parent for p in ROOT.glob("*/truth.json"))
    ok_all = True
    for folder in folders:
        ch = Checker(folder)
        ok = ch.run()
        ok_all &= ok
        t = ch.t
        print(f"{folder.name:24s} {'PASS' if ok else 'FAIL'}  years {t['years'][0]}-{t['years'][-1]}  "
              f"measures {len(t['measures']):2d}  checks {ch.checked:3d}  "
              f"disagreements {len(ch.found)} = planted {len(t['planted'])}")
        for f in ch.found:
            print(f"    planted {f['kind']:22s} line {f['line']:4d} {str(f['column']):10s} "
                  f"stated {f['stated']} computed {float(f['computed']):.4f}")
        for p in ch.problems:
            print("    PROBLEM:", p)
    print(f"{len(folders)} programmes; {'all PASS' if ok_all else 'FAILURES'}")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
