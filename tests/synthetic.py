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
