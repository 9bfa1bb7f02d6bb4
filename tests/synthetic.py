"""Tiny synthetic decisions for unit tests, built from named constants.

The layout mimics decision No. 1685: tab-separated cells, the same part headings. Amounts are
chosen so that every sum is easy to check by eye.
"""

from __future__ import annotations

# Annex A, direction 1: two measures (2018, 2019, 2020)
M11 = ("10,0", "20,0", "30,0")
M11_TOTAL = "60,0"
M12 = ("5,5", "0,0", "0,0")
M12_TOTAL = "5,5"
S1 = ("15,5", "20,0", "30,0")  # = M11 + M12
S1_TOTAL = "65,5"
# direction 2: a «в т. ч.» parent 2.1 with parts 2.1.1 and 2.1.2, plus 2.2
P21 = ("7,0", "3,0", "0,0")
P21_TOTAL = "10,0"
P211 = ("4,0", "1,0", "0,0")
P211_TOTAL = "5,0"
P212 = ("3,0", "2,0", "0,0")
P212_TOTAL = "5,0"
M22 = ("1,0", "1,0", "1,0")
M22_TOTAL = "3,0"
S2 = ("8,0", "4,0", "1,0")  # = P21 + M22 (the parts do not count)
S2_TOTAL = "13,0"
GRAND = ("23,5", "24,0", "31,0")
GRAND_TOTAL = "78,5"
# Annex B: cost 1 ÷ output 1 = efficiency 1 (2020 deliberately wrong: 30 ÷ 5 = 6, stated 7)
COST1 = ("-", "10,0", "20,0", "30,0")
OUTPUT1 = ("-", "2", "4", "5")
EFF1 = ("-", "5,0", "5,0", "7,0")
EFF1_2020_COMPUTED = 6


def _row(*cells: str) -> str:
    return "\t".join(cells)


def measure(pid: str, amounts: tuple[str, ...], total: str, task: str = "Завдання",
            content: str = "Зміст заходу", term: str = "2018-2020", result: str = "Результат") -> str:
    return _row(pid, task, content, term, "Управління", "Місцевий бюджет", *amounts, total, result)


def document(*, annex_a: list[str] | None = None, passport_total: str = "78, 5",
             resources_total: tuple[str, ...] = (*GRAND, GRAND_TOTAL),
             kpi_ti: str = "ТОП 3", eff1: tuple[str, ...] = EFF1) -> str:
    """A whole decision text; pieces can be replaced by the tests."""
    if annex_a is None:
        annex_a = [
            "1. Перший напрям",
            measure("1.1.", M11, M11_TOTAL),
            measure("1.2", M12, M12_TOTAL, term="2018"),
            _row("ВСЬОГО", "", "", "", "", "", *S1, S1_TOTAL, ""),
            "",
            "2. Другий напрям",
            measure("2.1.", P21, P21_TOTAL, content="Субпроекти, в т. ч:"),
            measure("2.1.1.", P211, P211_TOTAL, task=""),
            measure("2.1.2.", P212, P212_TOTAL, task=""),
            measure("2.2.", M22, M22_TOTAL),
            _row("", "", "", "", "ВСЬОГО", *S2, S2_TOTAL, ""),
            _row("", "", "", "", "РАЗОМ", *GRAND, GRAND_TOTAL, ""),
        ]
    lines = [
        "РІШЕННЯ",
        "",
        "1. ПАСПОРТ ПРОГРАМИ",
        "",
        _row("1.", "Назва програми", "Тестова програма", "", ""),
        _row("10.", "Загальний обсяг", f"Загальний обсяг фінансових ресурсів – {passport_total} "
             "тис. грн, в т.ч.:", "", ""),
        _row("12.", "Ключові показники ефективності",
             f"- Рейтинг прозорості міст (Transparency International) – {kpi_ti} (за 2020 рік); "
             "- Індекс задоволеності мешканців (Міжнародний республіканський інститут) – не нижче "
             "3,5 (за 2020 рік).", "", ""),
        "",
        "2. ВИЗНАЧЕННЯ ПРОБЛЕМИ",
        "",
        "Таблиця 6.1.",
        "",
        _row("Обсяг коштів", "ЕТАП I (2018 рік)", "ЕТАП II (2019 рік)", "ЕТАП III (2020 рік)",
             "Всього витрат"),
        _row("Обсяг ресурсів, всього, у тому числі:", *resources_total),
        _row("місцевий бюджет", *resources_total),
        _row("державний бюджет", "0,0", "0,0", "0,0", "0,0"),
        "",
        "НАПРЯМИ ДІЯЛЬНОСТІ І ЗАХОДИ РЕАЛІЗАЦІЇ ПРОГРАМИ",
        "",
        _row("№ з/п", "Завдання", "Зміст заходів", "Термін", "Виконавці", "Джерела", "2018",
             "2019", "2020", "Всього", "Результат"),
        *annex_a,
        "",
        "ПОКАЗНИКИ РЕЗУЛЬТАТИВНОСТІ ПРОГРАМИ",
        "",
        _row("№ п/п", "Назва показника", "Одиниця виміру", "Вихідні дані", "2018 рік",
             "2019 рік", "2020 рік"),
        _row("ПОКАЗНИКИ ЗАТРАТ", "", "", "", "", "", ""),
        _row("1", "Обсяг видатків на навчання", "Тис. грн.", *COST1),
        _row("ПОКАЗНИКИ ПРОДУКТУ", "", "", "", "", "", ""),
        _row("1", "Кількість навчань", "Одиниць", *OUTPUT1),
        _row("ПОКАЗНИКИ ЕФЕКТИВНОСТІ", "", "", "", "", "", ""),
        _row("1", "Середні видатки на навчання", "Тис. грн.", *eff1),
        _row("ПОКАЗНИКИ ЯКОСТІ", "", "", "", "", "", ""),
        _row("1", "Місце у рейтингу прозорості міст (Transparency International)", "Місце", "12",
             "ТОП-9", "ТОП-7", "ТОП-3"),
        _row("2", "Індекс задоволеності мешканців (Міжнародний республіканський інститут)",
             "Бали", "3,0", "3,1", "3,3", "3,5"),
        "",
        "Секретар міської ради",
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- generated programmes
# Programmes of the standard form with any years, directions and depth of numbering, for
# tests that the parser is not tied to No. 1685. Every amount is chosen by a seeded generator
# and kept as a Decimal, so the tests can compare what is read with what was printed.

import random  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from decimal import Decimal  # noqa: E402

HEADINGS = {
    "standard": ("1. ПАСПОРТ ПРОГРАМИ", "2. ВИЗНАЧЕННЯ ПРОБЛЕМИ", "Таблиця 6.1.",
                 "НАПРЯМИ ДІЯЛЬНОСТІ І ЗАХОДИ РЕАЛІЗАЦІЇ ПРОГРАМИ",
                 "ПОКАЗНИКИ РЕЗУЛЬТАТИВНОСТІ ПРОГРАМИ"),
    "ordinary_case": ("1. Паспорт програми", "2. Визначення проблеми", "Таблиця 6.1",
                      "Напрями діяльності та заходи програми", "Результативні показники"),
    "unnumbered": ("ПАСПОРТ МІСЬКОЇ ЦІЛЬОВОЇ ПРОГРАМИ", "2. ВИЗНАЧЕННЯ ПРОБЛЕМИ",
                   "Ресурсне забезпечення програми", "Додаток А. Перелік завдань і заходів програми",
                   "Додаток Б. Показники результативності програми"),
}


def kuah(value: Decimal) -> str:
    """An amount as the decisions print it: «1 234,5» (a space between thousands)."""
    whole, _, frac = f"{value:.3f}".partition(".")
    frac = frac.rstrip("0") or "0"
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{' '.join(groups)},{frac}"


@dataclass
class Generated:
    """A generated decision and what it says: the amounts of every measure and the totals."""

    text: str
    years: tuple[str, ...]
    amounts: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    counted: dict[str, bool] = field(default_factory=dict)
    sections: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    grand: dict[str, Decimal] = field(default_factory=dict)


def _ids(section: int, rng: random.Random, depth: int, breakdown: bool) -> list[str]:
    """Measure ids of a direction: 2-3 top measures, the first with separate sub-measures down
    to ``depth`` (like 1.8 and 1.8.1), the second with two parts when ``breakdown``."""
    ids = []
    for top in range(1, rng.randint(2, 3) + 1):
        ids.append(f"{section}.{top}")
        if top == 1:
            prefix = f"{section}.{top}"
            for _level in range(depth - 2):
                ids.append(f"{prefix}.1")
                ids.append(f"{prefix}.2")
                prefix = f"{prefix}.1"
        if top == 2 and breakdown:
            ids += [f"{section}.2.1", f"{section}.2.2"]
    return ids


def programme(*, years: tuple[str, ...] = ("2021", "2022", "2023"), directions: int = 3,
              depth: int = 2, headings: str = "standard", resources: bool = True,
              annex_b: bool = True, breakdown: bool = False, total_first: bool = False,
              baseline: bool = True, contents: bool = False, seed: int = 0) -> Generated:
    """A consistent decision of the standard form (every sum adds up).

    ``total_first`` prints «Всього» before the year columns of Annex A; ``baseline`` False
    leaves out Annex B's «Вихідні дані» column; ``contents`` puts a table of contents naming
    every part (without page numbers) before the passport. ``depth`` 4 gives ids like 1.1.1.1;
    ``breakdown`` makes N.2 a «в т. ч.» parent whose amounts are the sum of its parts N.2.1
    and N.2.2 (which then do not count in the totals).
    """
    rng = random.Random(seed)
    term = years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"
    columns = ("total", *years) if total_first else (*years, "total")
    gen = Generated("", years)
    passport_h, problem_h, resources_h, annex_a_h, annex_b_h = HEADINGS[headings]
    rows: list[str] = []
    for section in range(1, directions + 1):
        rows.append(f"{section}. Напрям діяльності номер {section}")
        ids = _ids(section, rng, depth, breakdown)
        for mid in ids:
            values = {y: Decimal(rng.randint(0, 99999)) / Decimal(10 ** rng.randint(0, 3))
                      for y in years}
            gen.amounts[mid] = {**values, "total": sum(values.values(), Decimal(0))}
            gen.counted[mid] = True
        if breakdown:
            parent = f"{section}.2"
            parts = [m for m in ids if m.startswith(parent + ".")]
            if parts:
                gen.amounts[parent] = {c: sum((gen.amounts[p][c] for p in parts), Decimal(0))
                                       for c in columns}
                for m in ids:
                    if m.startswith(parent + "."):
                        gen.counted[m] = False
        for mid in ids:
            content = "Субпроекти, в т. ч.:" if breakdown and mid == f"{section}.2" else (
                f"Зміст заходу {mid}")
            task = "" if mid.count(".") > 1 else f"Завдання {mid}"
            cells = [kuah(gen.amounts[mid][c]) for c in columns]
            rows.append(_row(f"{mid}.", task, content, term, "Управління", "Місцевий бюджет",
                             *cells, "Результат"))
        gen.sections[str(section)] = {
            c: sum((gen.amounts[m][c] for m in ids if gen.counted[m]), Decimal(0))
            for c in columns}
        rows.append(_row("", "", "", "", "ВСЬОГО",
                         *(kuah(gen.sections[str(section)][c]) for c in columns), ""))
    gen.grand = {c: sum((s[c] for s in gen.sections.values()), Decimal(0)) for c in columns}
    rows.append(_row("", "", "", "", "РАЗОМ", *(kuah(gen.grand[c]) for c in columns), ""))
    last = years[-1]
    total = kuah(gen.grand["total"])
    lines = [
        "РІШЕННЯ", "",
        f"Про затвердження міської цільової програми «Тестова» на {term} роки", "",
        *(["ЗМІСТ", passport_h, problem_h, resources_h, annex_a_h, annex_b_h, ""]
          if contents else []),
        passport_h, "",
        _row("1.", "Назва програми", f"Міська цільова програма «Тестова» на {term} роки", ""),
        _row("8.", "Термін реалізації Програми", f"{term} роки", ""),
        _row("10.", "Загальний обсяг фінансових ресурсів, необхідних для реалізації Програми",
             f"Загальний обсяг фінансових ресурсів – {total} тис. грн", ""),
        _row("12.", "Ключові показники ефективності",
             f"- Рейтинг прозорості міст (Transparency International) – ТОП 3 (за {last} "
             "рік).", ""),
        "", problem_h, "", "Текст розділу.", "",
        "5. ОЧІКУВАНІ РЕЗУЛЬТАТИ ВИКОНАННЯ ПРОГРАМИ", "",
        f"- рейтинг прозорості міст (Transparency International) – ТОП 3 (за {last} рік).", "",
    ]
    if resources:
        stage = [f"ЕТАП {i + 1} ({y} рік)" for i, y in enumerate(years)]
        lines += [
            resources_h, "", f"Ресурсне забезпечення програми на {term} роки, тис. грн", "",
            _row("Обсяг коштів", *stage, "Всього витрат"),
            _row("Обсяг ресурсів, всього, у тому числі:",
                 *(kuah(gen.grand[c]) for c in (*years, "total"))),
            _row("місцевий бюджет", *(kuah(gen.grand[c]) for c in (*years, "total"))),
            _row("державний бюджет", *(["0,0"] * len(columns))), "",
        ]
    lines += [
        annex_a_h, "",
        _row("№ з/п", "Завдання", "Зміст заходів", "Термін", "Виконавці", "Джерела",
             *(("Всього", *years) if total_first else (*years, "Всього")), "Результат"),
        *rows, "",
    ]
    if annex_b:
        width = len(years) + (1 if baseline else 0)
        base = ["-"] if baseline else []
        outputs = [rng.randint(1, 9) for _ in years]
        costs = [Decimal(o * rng.randint(1, 50)) for o in outputs]
        lines += [
            annex_b_h, "",
            _row("№ п/п", "Назва показника", "Одиниця виміру",
                 *(["Вихідні дані"] if baseline else []), *(f"{y} рік" for y in years)),
            _row("ПОКАЗНИКИ ЗАТРАТ", *[""] * (width + 2)),
            _row("1", "Обсяг видатків на навчання", "Тис. грн.", *base, *(kuah(c) for c in costs)),
            _row("ПОКАЗНИКИ ПРОДУКТУ", *[""] * (width + 2)),
            _row("1", "Кількість навчань", "Одиниць", *base, *(str(o) for o in outputs)),
            _row("ПОКАЗНИКИ ЕФЕКТИВНОСТІ", *[""] * (width + 2)),
            _row("1", "Середні видатки на навчання", "Тис. грн.", *base,
                 *(kuah(c / o) for c, o in zip(costs, outputs, strict=True))),
            _row("ПОКАЗНИКИ ЯКОСТІ", *[""] * (width + 2)),
            _row("1", "Місце у рейтингу прозорості міст (Transparency International)", "Місце",
                 *(["12"] if baseline else []),
                 *(f"ТОП-{max(3, 9 - 2 * i)}" if y != last else "ТОП-3"
                   for i, y in enumerate(years))),
            "",
        ]
    lines.append("Секретар міської ради")
    gen.text = "\n".join(lines) + "\n"
    return gen
