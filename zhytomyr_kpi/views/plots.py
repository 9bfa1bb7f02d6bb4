"""Charts in one style for the whole project: Ukrainian labels, thousand UAH, decimal comma.

Every function returns a matplotlib Figure sized for an A4 page (17 cm wide) and leaves
showing or saving it to the caller (a notebook shows it, the report embeds it).

Text from an input (measure and indicator names, units) is text, not markup here either:
matplotlib reads a pair of «$» as mathematical notation (a name with «$\\frac{$» stopped the
chart with a parse error), so :func:`chart_text` escapes them and neutralises control and bidi
characters (:func:`zhytomyr_kpi.basics.markup.plain`), after any wrapping or cutting.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from zhytomyr_kpi.basics.markup import plain
from zhytomyr_kpi.basics.wording import format_uk
from zhytomyr_kpi.document.vocabulary import PERIOD_LABELS, short_title

A4_WIDTH_IN = 6.7  # 17 cm: the text width of an A4 page with 2 cm margins
#: Blues from light to dark; a programme's years take evenly spaced shades (three years:
#: #9ecae1, #4292c6, #08519c). No year is named here: the years come from the document.
BLUES = ("#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
MAIN_COLOUR, PLAN_COLOUR, ACTUAL_COLOUR = "#4292c6", "#9ecae1", "#08519c"


def year_colours(years) -> dict[str, str]:
    """A colour per year, light (earliest) to dark (latest)."""
    years = [str(y) for y in years]
    if len(years) == 1:
        return {years[0]: MAIN_COLOUR}
    if len(years) > 5:
        return {year: BLUES[round(i * (len(BLUES) - 1) / (len(years) - 1))]
                for i, year in enumerate(years)}
    return {year: BLUES[1 + round(i * 4 / (len(years) - 1))] for i, year in enumerate(years)}
STATED_COLOUR, COMPUTED_COLOUR, ALLOCATION_COLOUR = "#d95f02", "#1b9e77", "#7570b3"
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
}


def uk_formatter(decimals: int = 0) -> FuncFormatter:
    """Tick labels Ukrainian style: «15 000», «2,5»."""
    return FuncFormatter(lambda value, _pos: format_uk(round(value, decimals), decimals or None))


def _figure(height: float, ncols: int = 1, nrows: int = 1, **kwargs) -> tuple[Figure, object]:
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(A4_WIDTH_IN, height),
                                 layout="constrained", **kwargs)
    plt.close(fig)  # the caller shows or saves it; keeps pyplot's registry empty
    return fig, axes


def _styled(function):
    def wrapper(*args, **kwargs):
        with plt.rc_context(STYLE):
            return function(*args, **kwargs)
    wrapper.__doc__ = function.__doc__
    wrapper.__name__ = function.__name__
    return wrapper


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def chart_text(text: object) -> str:
    """Input text as a chart shows it: controls shown as «⟨U+202E⟩», «$» never mathematics."""
    return plain(text).replace("$", r"\$")


@_styled
def funding_by_direction(section_totals: pd.DataFrame) -> Figure:
    """Grouped bars: each direction's ВСЬОГО per year, as stated in Annex A (тис. грн)."""
    data = section_totals[(section_totals.section != "total") & (section_totals.year != "total")]
    table = data.pivot(index="section", columns="year", values="stated_kuah")
    fig, ax = _figure(3.2)
    width = 0.78 / max(len(table.columns), 1)
    colours = year_colours(table.columns)
    for offset, year in enumerate(table.columns):
        shift = offset - (len(table.columns) - 1) / 2
        positions = [i + shift * width for i in range(len(table))]
        bars = ax.bar(positions, table[year], width, label=year, color=colours[year])
        ax.bar_label(bars, labels=[format_uk(v, 0) for v in table[year]], fontsize=7, padding=1)
    titles = dict(zip(data.section, data.title, strict=False)) if "title" in data else {}
    ax.set_xticks(range(len(table)),
                  [_wrap(f"{s}. {short_title(titles.get(s, ''))}".rstrip(". "), 18)
                   for s in table.index])
    ax.yaxis.set_major_formatter(uk_formatter())
    ax.set_ylabel("тис. грн")
    fig.suptitle("Фінансування за напрямами і роками (рядки ВСЬОГО додатка А)",
                 fontsize=10, fontweight="bold")
    ax.legend(ncols=3, loc="upper left")
    ax.margins(y=0.12)
    ax.grid(axis="x", visible=False)
    return fig


@_styled
def measure_label(row, width: int = 58) -> str:
    """«id name» for a chart: the content, or the task where the content is a fragment."""
    text = row.content if row.content and not row.content[0].islower() else row.task or row.content
    text = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    return chart_text(f"{row.measure_id} {text}")


def largest_measures(measures: pd.DataFrame, top: int = 12, term: str = "") -> Figure:
    """Horizontal bars: the measures with the largest total over the programme's term (тис. грн).

    ``term`` is the programme's term as printed («2018-2020», ``program.term_label``).

    Rows that count in the section totals, without the «в т. ч.» parents (3.2, «Бюджет
    участі», is many times larger than the rest and has a chart of its own).
    """
    counted = measures[measures.counts_in_total & ~measures.is_breakdown_parent
                       & measures.total_stated_kuah.notna()]
    largest = counted.nlargest(top, "total_stated_kuah").iloc[::-1]
    fig, ax = _figure(0.3 * top + 0.9)
    labels = [measure_label(r) for r in largest.itertuples()]
    bars = ax.barh(labels, largest.total_stated_kuah, color=MAIN_COLOUR)
    ax.bar_label(bars, labels=[format_uk(v, 1) for v in largest.total_stated_kuah], fontsize=7,
                 padding=2)
    ax.xaxis.set_major_formatter(uk_formatter())
    span = f"за {term}" if term else "за весь строк програми"
    ax.set_xlabel(f"тис. грн {span}")
    ax.tick_params(axis="y", labelsize=7)
    fig.suptitle(f"{top} найбільших заходів {span} (без «Бюджету участі», 3.2)",
                 fontsize=10, fontweight="bold")
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, largest.total_stated_kuah.max() * 1.15)
    return fig


@_styled
def participatory_budget(measures: pd.DataFrame, funding: pd.DataFrame,
                         parent: str = "3.2") -> Figure:
    """Stacked bars: the «Бюджет участі» subprojects (parts of 3.2) by year (тис. грн)."""
    parts = measures[measures.measure_id.str.startswith(parent + ".")]
    amounts = (funding[funding.measure_id.isin(parts.measure_id)]
               .pivot(index="measure_id", columns="year", values="amount_kuah")
               .reindex(parts.measure_id).fillna(0.0))
    amounts["total"] = amounts.sum(axis=1)
    amounts = amounts.sort_values("total").drop(columns="total")
    names = parts.set_index("measure_id").content
    fig, ax = _figure(0.2 * len(amounts) + 1.0)
    left = pd.Series(0.0, index=amounts.index)
    labels = [chart_text(f"{mid} {names[mid] if len(names[mid]) <= 48 else names[mid][:47] + '…'}")
              for mid in amounts.index]
    years = [c for c in amounts.columns if str(c).isdigit()]
    colours = year_colours(years)
    for year in years:
        ax.barh(labels, amounts[year], left=left, label=year, color=colours[year])
        left += amounts[year]
    ax.xaxis.set_major_formatter(uk_formatter())
    ax.set_xlabel("тис. грн")
    ax.tick_params(axis="y", labelsize=6.5)
    fig.suptitle("Субпроекти «Бюджету участі» (захід 3.2) за роками", fontsize=10,
                 fontweight="bold")
    ax.set_xlim(0, left.max() * 1.05)
    ax.legend(ncols=3, loc="lower right")
    ax.grid(axis="y", visible=False)
    return fig


@_styled
def unit_costs(efficiency: pd.DataFrame) -> Figure:
    """Small multiples: each unit cost over the periods, stated vs recomputed.

    Recomputed from Annex B (cost ÷ output) and from the Annex A money of the mapped
    measures. Points only where the document gives the figures; gaps are gaps.
    """
    indicators = list(dict.fromkeys(efficiency.indicator))
    ncols = 2
    nrows = (len(indicators) + 1) // ncols
    fig, axes = _figure(1.9 * nrows + 0.4, ncols=ncols, nrows=nrows)
    years = sorted({p for p in efficiency.period if str(p).isdigit()})
    periods = ["baseline", *years]
    x_labels = [PERIOD_LABELS[p].replace("вихідні дані", "базовий") for p in periods]
    flat = axes.ravel()
    for ax, indicator in zip(flat, indicators, strict=False):
        rows = efficiency[efficiency.indicator == indicator]
        plan = rows[rows.basis == "plan"].set_index("period").reindex(periods)
        allocation = rows[rows.basis == "allocation"].set_index("period").reindex(periods)
        series = [(plan.stated, "зазначено в додатку Б", STATED_COLOUR, "o", "-"),
                  (plan.computed, "затрати ÷ продукт", COMPUTED_COLOUR, "s", "--"),
                  (allocation.computed, "кошти додатка А ÷ продукт", ALLOCATION_COLOUR, "^", ":")]
        positions = range(len(periods))
        for values, label, colour, marker, style in series:
            ax.plot(positions, values.astype(float), marker=marker, linestyle=style,
                    color=colour, label=label, markersize=4)
        ax.set_xticks(positions, x_labels)
        ax.set_xlim(-0.3, len(periods) - 0.7)
        unit = rows.unit.iloc[0].rstrip(".").lower()
        number = rows.number.iloc[0]
        ax.set_title(chart_text(_wrap(f"{number}. {rows.name.iloc[0]}", 44)), fontsize=7,
                     loc="left")
        top = pd.concat([plan.stated, plan.computed, allocation.computed]).astype(float).max()
        ax.yaxis.set_major_formatter(uk_formatter(2 if top < 2 else 1 if top < 20 else 0))
        ax.set_ylabel(chart_text(unit), fontsize=7)
        ax.tick_params(labelsize=7)
        ax.margins(y=0.2)
    for ax in flat[len(indicators):]:
        ax.set_visible(False)
    handles, labels = flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=3, fontsize=7)
    fig.suptitle("Середні видатки (показники ефективності): зазначені і обчислені",
                 fontsize=10, fontweight="bold")
    return fig


@_styled
def _bar_label(number: str, content: str, width: int = 46) -> str:
    """«3.2.14 Облаштування скверу…»: the printed number and the start of the measure's name."""
    text = f"{number} {' '.join(str(content or '').split())}".strip()
    return chart_text(text if len(text) <= width else text[: width - 1].rstrip() + "…")


def measures_by_year(view: pd.DataFrame, top: int = 15) -> Figure:
    """Stacked bars of the largest measures in an explorer view (columns №, the years shown),
    each named by its number and the start of its name.

    Only the year columns present in the view are stacked: a view of one year is that year.
    Rows the view does not count in its sum («в т. ч.» parts whose parent is shown too) are
    left out, so a parent is never drawn beside its own parts. The legend (the years) stands
    below the bars, and only when there is more than one year.
    """
    from zhytomyr_kpi.basics.wording import years_label

    years = [c for c in view.columns if str(c).isdigit()]
    if "Рахується в сумі" in view.columns:
        view = view[view["Рахується в сумі"].astype(bool)]
    size = view[years].sum(axis=1, min_count=1)
    shown = view.assign(_size=size).dropna(subset=["_size"]).nlargest(top, "_size").iloc[::-1]
    labels = [_bar_label(n, c) for n, c in zip(shown["№"], shown.get("Зміст заходу", [""] * len(
        shown)), strict=True)]
    fig, ax = _figure(0.25 * max(len(shown), 1) + (1.4 if len(years) > 1 else 1.0))
    left = pd.Series(0.0, index=shown.index)
    colours = year_colours(years)
    for year in years:
        values = shown[year].fillna(0.0)
        ax.barh(labels, values, left=left, label=year, color=colours[year])
        left += values
    ax.xaxis.set_major_formatter(uk_formatter())
    ax.set_xlabel("тис. грн")
    if len(years) > 1:
        fig.legend(ncols=len(years), loc="outside lower center", frameon=False)
    ax.grid(axis="y", visible=False)
    fig.suptitle(f"Найбільші з обраних заходів (до {top}) {years_label(years)}", fontsize=10,
                 fontweight="bold")
    return fig


STATUS_COLOURS = {"met": "#a1d99b", "missed": "#fc9272", "unknown": "#d9d9d9",
                  "not_comparable": "#fee391"}
EVIDENCE_MARKERS = {"verified": "o", "from_decision": "s", "inferred": "^"}
COMPONENT_LABELS = {"mayor": "міський голова", "executive_bodies": "виконавчі органи",
                    "deputies": "депутати"}


def _points(value: float) -> str:
    text = format_uk(value)
    return text if "," in text else text + ",0"


def _top(text: str) -> str:
    """One spelling of place targets on charts: «ТОП 7» → «ТОП-7»."""
    import re

    return re.sub(r"ТОП\s+(\d)", r"ТОП-\1", str(text))


def _rating_panel(ax, rating: str, label: str, kind: str, ratings: pd.DataFrame,
                  results: pd.DataFrame, years: list[int], award_list: bool = False,
                  shade: tuple[int, int] | None = None) -> None:
    """One rating: target zones per year, results (exact, bounds, evidence), gaps marked."""
    from zhytomyr_kpi.analysis.ratings import EVIDENCE_LABELS

    targets = ratings[(ratings.rating == rating) & (ratings.target_source == "annex_b")]
    passport = ratings[(ratings.rating == rating) & (ratings.target_source == "passport")]
    mine = results[results.rating == rating]
    overall = mine[mine.component == "overall"]
    scale = overall.scale_max.dropna().max() if kind == "score" else None
    for row in targets.itertuples():
        x = int(row.year)
        if x not in years:
            continue
        if kind == "place" and pd.notna(row.rank_max):
            ax.fill_between([x - 0.4, x + 0.4], 0.5, row.rank_max + 0.5, color="#c7e9c0",
                            zorder=0)
            # at the zone's own lower edge, so neighbouring years' labels never share a line
            ax.text(x, row.rank_max + 0.35, f"ТОП-{row.rank_max}", ha="center", va="bottom",
                    fontsize=6.5, color="#238b45")
        elif kind == "score" and pd.notna(row.score_min):
            top = scale or row.score_min * 1.2
            ax.fill_between([x - 0.4, x + 0.4], row.score_min, top, color="#c7e9c0", zorder=0)
            ax.text(x, top * 0.985, f"≥ {_points(row.score_min)}", ha="center", va="top",
                    fontsize=6.5, color="#238b45")
    for row in passport.itertuples():
        if int(row.year) not in years:
            continue
        value = row.rank_max if kind == "place" else row.score_min
        annex = targets[targets.year == row.year]
        annex_value = (annex.rank_max if kind == "place" else annex.score_min).iloc[0] \
            if len(annex) else None
        if pd.notna(value) and value != annex_value:
            ax.hlines(value + (0.5 if kind == "place" else 0), int(row.year) - 0.4,
                      int(row.year) + 0.4, colors="#238b45", linestyles="--", linewidth=1)
            ax.text(int(row.year) + 0.42, value + (0.5 if kind == "place" else 0),
                    chart_text(f"паспорт: {_top(row.target)}"), fontsize=6, va="center", color="#238b45")
    low, high = (1, 24) if kind == "place" else (0, scale or 100)
    for row in overall.itertuples():
        x = int(row.year)
        if x not in years or award_list:
            continue
        marker = EVIDENCE_MARKERS.get(row.evidence)
        exact = row.place if kind == "place" else row.score
        if marker and pd.notna(exact):
            ax.plot(x, exact, marker=marker, color="#08519c", markersize=6, zorder=3)
            ax.annotate(format_uk(exact) if kind == "place" else _points(exact), (x, exact),
                        textcoords="offset points", xytext=(6, 0), fontsize=6.5, va="center")
            continue
        bound = (row.place_min if pd.notna(row.place_min) else row.place_max) \
            if kind == "place" else row.score_max
        if marker and pd.notna(bound):
            direction = (high if kind == "place" and pd.notna(row.place_min) else low)
            ax.annotate("", xy=(x, direction), xytext=(x, bound),
                        arrowprops={"arrowstyle": "->", "color": "#08519c", "lw": 1.2,
                                    "linestyle": ":"})
            ax.plot(x, bound, marker=marker, markerfacecolor="white", color="#08519c",
                    markersize=6, zorder=3)
            sign = "≥" if kind == "place" and pd.notna(row.place_min) else "≤"
            shown = format_uk(bound) if kind == "place" else _points(bound)
            ax.annotate(f"{sign} {shown}", (x, bound), textcoords="offset points",
                        xytext=(6, 0), fontsize=6.5, va="center")
            continue
        text = {"not_found": "не знайдено", "not_comparable": "нова шкала"}.get(
            row.evidence, EVIDENCE_LABELS.get(row.evidence, ""))
        # upright in the middle of the axis: inside it (never over the panel's title) and
        # clear of the target zone's label at its edge
        ax.text(x, (low + high) / 2, _wrap(text, 16), rotation=90, ha="center", va="center",
                fontsize=6, color="#737373")
    if kind == "place":
        for row in mine[(mine.component != "overall") & mine.place.notna()].itertuples():
            x = int(row.year)
            if x not in years:
                continue
            ax.plot(x, row.place, marker="D", color="#969696", markersize=4, zorder=2)
            ax.annotate(COMPONENT_LABELS.get(row.component, row.component), (x, row.place),
                        textcoords="offset points", xytext=(-5, 0), ha="right", fontsize=6,
                        color="#737373", va="center")
        ax.set_ylim(high + 0.5, 0.5)
        ax.set_ylabel("місце (1 — найкраще)", fontsize=7)
    else:
        ax.set_ylim(low, high)
        ax.set_ylabel(f"бали (з {format_uk(scale)})" if scale else "бали", fontsize=7)
        ax.yaxis.set_major_formatter(uk_formatter(1 if (scale or 100) <= 10 else 0))
    ax.set_xticks(years, [str(y) for y in years], fontsize=7)
    ax.set_xlim(years[0] - 0.6, years[-1] + (1.2 if len(years) < 4 else 0.6))
    if shade is not None:
        ax.axvspan(shade[0] - 0.5, shade[1] + 0.5, color="#f0f0f0", zorder=-1)
    ax.set_title(_wrap(label, 42), fontsize=7.5, loc="left")
    ax.tick_params(labelsize=7)


@_styled
def rating_progress(ratings: pd.DataFrame, results: pd.DataFrame,
                    years: list[int] | None = None) -> Figure:
    """Per rating: the targets (green zones) against the published results over the years.

    Places on an inverted axis (1 is best); a bound is an open marker with a dotted arrow
    towards the side that is possible; marker shape = evidence (● verified, ■ only from the
    decision, ▲ inferred from a published list). The programme years are shaded.
    """
    from matplotlib.lines import Line2D

    from zhytomyr_kpi.document.reference import ratings as reference

    programme = sorted(int(y) for y in ratings.year.unique())
    shade = (programme[0], programme[-1]) if years is None else None
    years = years or list(range(programme[0] - 4, programme[-1] + 2))
    fig, axes = _figure(8.6 if len(years) > 3 else 7.6, ncols=2, nrows=3)
    flat = axes.ravel()
    for ax, rating in zip(flat, reference(), strict=False):
        _rating_panel(ax, rating.rating, rating.label, rating.kind, ratings, results, years,
                      award_list=rating.results_kind == "award_list", shade=shade)
        if rating.results_kind == "award_list":
            ax.text(sum(years) / len(years), 12, "перелік нагороджених,\nне рейтинг: місця немає",
                    ha="center", va="center", fontsize=7, color="#737373")
    legend_ax = flat[len(reference())]
    legend_ax.axis("off")
    handles = [
        Line2D([], [], marker="o", color="#08519c", linestyle="", label="перевірено в джерелі"),
        Line2D([], [], marker="s", color="#08519c", linestyle="", label="лише з рішення № 1685"),
        Line2D([], [], marker="^", color="#08519c", linestyle="", label="виведено зі списку"),
        Line2D([], [], marker="^", color="#08519c", markerfacecolor="white", linestyle=":",
               label="межа (відкритий інтервал)"),
        Line2D([], [], marker="D", color="#969696", linestyle="", label="складова індексу ОПОРИ"),
        Line2D([], [], color="#c7e9c0", linewidth=8, label="ціль додатка Б (зона досягнення)"),
        Line2D([], [], color="#238b45", linestyle="--", label="інша ціль у паспорті"),
    ]
    legend_ax.legend(handles=handles, loc="center", fontsize=7, title="Позначення",
                     title_fontsize=8)
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else f"{years[0]} рік"
    fig.suptitle("Рейтинги: цілі програми і опубліковані результати"
                 + (f" (сірим — {shade[0]}-{shade[1]})" if shade else f", {span}"),
                 fontsize=10, fontweight="bold")
    return fig


@_styled
def execution_by_direction(labels: list[str], plan: list[float],
                           actual: list[float | None], title: str) -> Figure:
    """Horizontal bars per direction: planned vs actually financed (тис. грн).

    A direction without reported figures has no actual bar and says «не надано».
    """
    fig, ax = _figure(0.55 * len(labels) + 1.2)
    positions = list(range(len(labels)))[::-1]
    height = 0.38
    ax.barh([y + height / 2 for y in positions], plan, height, color=PLAN_COLOUR,
            label="передбачено")
    shown = [a if a is not None else 0.0 for a in actual]
    ax.barh([y - height / 2 for y in positions], shown, height, color=ACTUAL_COLOUR,
            label="фактично профінансовано")
    top = max([*plan, *shown, 1.0])
    for y, value in zip(positions, plan, strict=True):
        ax.text(value + top * 0.01, y + height / 2, format_uk(round(value, 1), 1), va="center",
                fontsize=7)
    for y, value in zip(positions, actual, strict=True):
        text = "не надано" if value is None else format_uk(round(value, 1), 1)
        ax.text((value or 0) + top * 0.01, y - height / 2, text, va="center", fontsize=7,
                color="#737373" if value is None else "#111111")
    ax.set_yticks(positions, [_wrap(label, 28) for label in labels], fontsize=7.5)
    ax.xaxis.set_major_formatter(uk_formatter())
    ax.set_xlabel("тис. грн")
    ax.set_xlim(0, top * 1.22)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=7)
    fig.suptitle(title, fontsize=10, fontweight="bold")
    return fig


@_styled
def rating_status(ratings: pd.DataFrame) -> Figure:
    """One-look table: the five ratings × years, coloured by verdict."""
    from zhytomyr_kpi.analysis.ratings import STATUS_LABELS

    annex_b = sorted(ratings[ratings.target_source == "annex_b"].year.astype(str).unique())
    passport = sorted(ratings[ratings.target_source == "passport"].year.astype(str).unique())
    columns = [("annex_b", y) for y in annex_b] + [("passport", y) for y in passport]
    headers = [*annex_b, *(f"{y} (паспорт)" for y in passport)]
    labels = list(dict.fromkeys(ratings.label))
    with plt.rc_context(STYLE):
        fig = plt.figure(figsize=(A4_WIDTH_IN, 0.55 * len(labels) + 0.8))
    plt.close(fig)
    ax = fig.add_axes((0.3, 0.02, 0.69, 0.78))
    ax.set_xlim(0, len(columns))
    ax.set_ylim(len(labels), 0)
    ax.axis("off")
    for i, label in enumerate(labels):
        ax.text(-0.05, i + 0.5, _wrap(label, 34), ha="right", va="center", fontsize=7)
        for j, (source, year) in enumerate(columns):
            row = ratings[(ratings.label == label) & (ratings.target_source == source)
                          & (ratings.year == year)]
            if row.empty:
                continue
            row = row.iloc[0]
            ax.add_patch(plt.Rectangle((j + 0.03, i + 0.05), 0.94, 0.9,
                                       color=STATUS_COLOURS[row.status]))
            ax.text(j + 0.5, i + 0.5, f"{STATUS_LABELS[row.status]}\nціль: {row.target}",
                    ha="center", va="center", fontsize=6.5)
    for j, header in enumerate(headers):
        ax.text(j + 0.5, -0.1, header, ha="center", va="bottom", fontsize=8,
                fontweight="bold")
    fig.suptitle("Досягнення цілей рейтингів за роками", fontsize=10, fontweight="bold",
                 y=0.97)
    return fig
