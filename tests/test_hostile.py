"""The hostile-input suite (issue 24): text never becomes markup, every input is bounded.

Every hostile string of :data:`hostile.HOSTILE` (markup, ``file:`` attachments and pictures,
scripts, styles, ``javascript:`` addresses, attribute breaks, bidi and control characters,
very long words, matplotlib's «$» mathematics) goes into every text input at once — the
decision's cells, the ratings file, an executor's workbook and its file name, the report's
settings — and every output is checked against the same output made from plain words: the
views' and the app's HTML, the report's HTML, the PDF (no attachment, only its own images),
the charts, the console. The app in a real browser and the notebooks are in
``test_hostile_browser.py``; the bounds of every input are below.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import hostile
import pytest
from hostile import BENIGN, HOSTILE, live_markup, text_of, widget_html, world

from zhytomyr_kpi.cli import main


@pytest.fixture(scope="module")
def bait(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bait")
    hostile.make_bait(folder)
    return folder


@pytest.fixture(scope="module")
def benign(tmp_path_factory):
    return world("benign", BENIGN, tmp_path_factory.mktemp("benign"))


_WORLDS: dict[str, hostile.World] = {}


@pytest.fixture(scope="module")
def worlds(tmp_path_factory, bait):
    """Each hostile world, built on first use and kept for the module."""
    def get(name: str) -> hostile.World:
        if name not in _WORLDS:
            _WORLDS[name] = world(name, text_of(name, bait), tmp_path_factory.mktemp(name))
        return _WORLDS[name]
    yield get
    _WORLDS.clear()


def _views(program) -> dict[str, str]:
    """The HTML the notebooks and the app show: tables, every tab of the app."""
    from zhytomyr_kpi.actuals.status import history_view, reporting_status, status_view
    from zhytomyr_kpi.views import app, overview
    from zhytomyr_kpi.views.display import table
    from zhytomyr_kpi.views.explore import select

    shown = {"explorer": table(select(program).table, headers=False, name="e").to_html(),
             "ratings (notebook 04)": table(overview.ratings_table(program), name="r").to_html(),
             "status": table(status_view(reporting_status(program, hostile.YEAR)),
                             name="s").to_html(),
             "history": table(history_view(program), name="h").to_html(),
             "findings": table(overview.findings_table(program), name="f").to_html()}
    for builder in app.BUILDERS:
        shown[f"app: {builder.__name__}"] = "\n".join(sorted(widget_html(builder(program))))
    return shown


def _report(w: hostile.World, key: str) -> str:
    from zhytomyr_kpi.report import document, period, sections
    from zhytomyr_kpi.report.settings import load_settings

    data = sections.prepare(w.program, period(key, w.program.years),
                            load_settings(w.settings_path))
    return document.html_document(data, "", {})


@pytest.mark.parametrize("name", list(HOSTILE))
def test_views_and_app_show_hostile_text_as_text(name, worlds, benign):
    hostile_views, benign_views = _views(worlds(name).program), _views(benign.program)
    problems = {view: found for view, html in hostile_views.items()
                if (found := live_markup(html, benign_views[view]))}
    assert problems == {}


@pytest.mark.parametrize("name", HOSTILE)
def test_report_html_shows_hostile_text_as_text(name, worlds, benign):
    w = worlds(name)
    problems = {key: found for key in ("2019", "2018-2020")
                if (found := live_markup(_report(w, key), _report(benign, key)))}
    assert problems == {}


def test_the_checker_sees_live_markup():
    """The comparison the suite relies on can fail: raw input markup is found."""
    assert live_markup('<p>a <img src=x onerror="alert(1)"></p>', "<p>a b</p>")
    assert live_markup("<td>a</td></tr><tr><td>b</td>", "<td>a b</td>")
    assert live_markup("<p>\u202eab</p>", "<p>ab</p>")
    assert live_markup("<p>&lt;img src=x onerror=1&gt; ⟨U+202E⟩</p>", "<p>a</p>") == []


# ---------------------------------------------------------------- the PDF


def _pdf_images(pdf: Path) -> list[tuple[int, int]]:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]
    return [(int(f[3]), int(f[4])) for f in (line.split() for line in listing)
            if f[2] == "image"]


@pytest.mark.parametrize("name", ["attachment", "local_image", "onerror"])
def test_pdf_has_no_attachment_and_only_its_own_images(name, worlds, tmp_path):
    if not (shutil.which("pdfdetach") and shutil.which("pdfimages")):
        pytest.skip("poppler-utils не встановлено: sudo apt-get install poppler-utils")
    from pypdf import PdfReader

    from zhytomyr_kpi.report.pdf import make_reports

    w = worlds(name)
    pdf, = make_reports(["2019"], tmp_path, keep_notebook=False, program=w.program,
                        actuals_dir=w.folder / "store", settings_path=w.settings_path)
    reader = PdfReader(pdf)
    assert reader.attachments == {}
    detached = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, text=True)
    assert detached.stdout.strip() == "0 embedded files"
    images = _pdf_images(pdf)
    assert (37, 23) not in images  # the local picture
    assert len(images) == 2  # the report's own two charts, nothing else
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "ТАЄМНИЦЯ" not in text  # the secret file's content is nowhere
    links = [a.get_object().get("/A", {}).get("/URI") for page in reader.pages
             for a in page.get("/Annots") or []]
    assert [u for u in links if u and not str(u).startswith(("http://", "https://"))] == []


def test_the_fetcher_refuses_whatever_the_html_says(bait, tmp_path):
    """Even raw markup (a content module that forgot to escape) fetches nothing foreign."""
    from pypdf import PdfReader

    from zhytomyr_kpi.report import pdf as report_pdf

    secret, picture = (bait / "secret.txt").as_uri(), (bait / "picture.png").as_uri()
    page = (f"<html><head><style>{report_pdf.report_css()}</style>"
            f'<link rel="attachment" href="{secret}"><link rel="stylesheet" '
            f'href="http://127.0.0.1:9/x.css"></head><body><p>Текст</p>'
            f'<img src="{picture}"><div style="background: url({picture})">фон</div>'
            f'<a rel="attachment" href="{secret}">a</a><a href="javascript:alert(1)">j</a>'
            f'<a href="{secret}">f</a><img src="data:text/html,&lt;b&gt;x&lt;/b&gt;">'
            f'<img src="data/raw/rating_results.csv"><link rel="attachment" '
            f'href="data:text/plain,ТАЄМНИЦЯ"></body></html>')
    target = tmp_path / "raw.pdf"
    report_pdf.html_to_pdf(page, target)
    reader = PdfReader(target)
    assert reader.attachments == {}
    assert _pdf_images(target) == []
    assert [a.get_object().get("/Subtype") for p in reader.pages
            for a in p.get("/Annots") or []] == []
    fetcher = report_pdf.report_fetcher()
    for refused in (secret, picture, "http://127.0.0.1:9/x.css", "data:text/plain,x",
                    "ftp://example.org/x", (Path(report_pdf.PROJECT_ROOT) / "data" / "raw" /
                                            "rating_results.csv").as_uri(),
                    (report_pdf.ASSETS / ".." / ".." / "program.py").resolve().as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(refused)
    font = report_pdf.font_folder() / "DejaVuSans.ttf"
    assert fetcher.fetch(font.as_uri()).read()[:4] == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:image/png;base64,iVBORw0KGgo=").read() == b"\x89PNG\r\n\x1a\n"
    own = report_pdf.report_fetcher(images=bait)  # a run's folder of its own images
    assert own.fetch(picture).read()[:4] == b"\x89PNG"
    with pytest.raises(ValueError):
        own.fetch(secret)  # not an image, although in that folder


# ---------------------------------------------------------------- charts and the console


@pytest.mark.parametrize("name", ["mathtext", "long_word", "controls", "bidi"])
def test_charts_draw_hostile_names(name, worlds):
    """matplotlib reads «$…$» as mathematics: a name with «$\\frac{$» stopped the chart."""
    import io

    from zhytomyr_kpi.report import charts, period, sections
    from zhytomyr_kpi.report.settings import load_settings
    from zhytomyr_kpi.views import plots
    from zhytomyr_kpi.views.explore import select

    w = worlds(name)
    figures = [plots.measures_by_year(select(w.program).table),
               plots.largest_measures(w.program.measures),
               plots.unit_costs(w.program.efficiency)]
    data = sections.prepare(w.program, period("2019", w.program.years),
                            load_settings(w.settings_path))
    figures += [charts.execution_chart(data)[0], charts.ratings_chart(data)[0]]
    for figure in figures:
        figure.savefig(io.BytesIO(), format="png")
    labels = [t.get_text() for f in figures for a in f.axes
              for t in [*a.get_yticklabels(), a.title, a.yaxis.label]]
    assert not any(hostile.RAW_CONTROLS.search(label) for label in labels)


def test_chart_text_is_never_mathematics():
    from zhytomyr_kpi.views.plots import chart_text

    assert chart_text("$\\frac{$ \u202e") == "\\$\\frac{\\$ ⟨U+202E⟩"


@pytest.mark.parametrize("name", ["bidi", "controls", "svg"])
def test_console_shows_controls_never_obeys_them(name, worlds, capsys):
    w = worlds(name)
    code = main(["status", "--document", str(w.folder / "decision.txt"), "--quirks", str(w.folder / "quirks"),
                 "--year", hostile.YEAR, "--store", str(w.folder / "store")])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "Управління" in out and not hostile.RAW_CONTROLS.search(out)
    assert "\r" not in out


def test_error_lines_show_controls(tmp_path, capsys):
    bad = tmp_path / "налаштування \u202eлmot.toml"
    bad.write_text('[title]\nauthor = "x"\n', encoding="utf-8")
    assert main(["report", "--year", "2019", "--settings", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "⟨U+202E⟩" in err and "\u202e" not in err and err.count("\n") == 1


# ---------------------------------------------------------------- every input bounded


def _one_line_error(args: list[str], capsys) -> str:
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert err.startswith("zhytomyr-kpi: помилка: ") and err.count("\n") == 1
    assert "Traceback" not in err and len(err) < 400
    return err


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "settings.fifo"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(("make", "says"), [
    (lambda tmp, fifo: Path("/dev/zero"), "пристрій"),
    (lambda tmp, fifo: fifo, "канал (FIFO)"),
    (lambda tmp, fifo: tmp, "тека"),
    (lambda tmp, fifo: _write(tmp / "big.toml", '[title]\nprepared_by = "' + "ж" * 10_000_000
                              + '"\n'), "завеликий"),
    (lambda tmp, fifo: _write(tmp / "deep.toml", "a = " + "[" * 100_000 + "]" * 100_000),
     "завеликий"),
    (lambda tmp, fifo: _write(tmp / "deep.toml", "a = " + "[" * 30_000 + "]" * 30_000),
     "вкладеність"),
    (lambda tmp, fifo: _write(tmp / "deep.toml", "[title]\nx = " + "{a = " * 20 + "1" + "}" * 20),
     "вкладеність"),
    (lambda tmp, fifo: _write(tmp / "long.toml", '[title]\ncouncil = "' + "ж" * 600 + '"\n'),
     "задовгий текст"),
    (lambda tmp, fifo: _write(tmp / "tiny.toml", "[thresholds]\nlow_percent = 1e-300\n"),
     "від 1 до 100"),
    (lambda tmp, fifo: _write(tmp / "inf.toml", "[thresholds]\ndone_percent = inf\n"),
     "від 1 до 100"),
    (lambda tmp, fifo: _write(tmp / "table.toml", '[[title]]\ncouncil = "x"\n'), "[[title]]"),
    (lambda tmp, fifo: _write(tmp / "date.toml", '[dates]\n"2019" = "' + "1" * 5000 + '"\n'),
     "(5\u00a0000\u00a0символів)"),
    (lambda tmp, fifo: _write(tmp / "key.toml", '[dates]\n"' + "9" * 300 + '" = "2020-02-14"\n'),
     "не звітний період"),
    (lambda tmp, fifo: _write(tmp / "many.toml", '[[signatures]]\nname = "x"\n' * 13),
     "забагато підписів"),
])
def test_settings_are_bounded_before_they_are_parsed(make, says, tmp_path, fifo, capsys):
    started = time.monotonic()
    err = _one_line_error(["report", "--year", "2019", "--settings", str(make(tmp_path, fifo))],
                          capsys)
    assert says in err
    assert time.monotonic() - started < 120  # a hang would be stopped by the timeout anyway


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("value", ["9999-12-31", "1999-12-31", "20200214", "2020-W07-5",
                                   "2020-045", "٢٠٢٠-٠٢-١٤", "２０２０-０２-１４", "2020-02-30",
                                   "14.02.2020", "2020-02-14T10:00", "1" * 5000,
                                   "2020-02-14\u202e"])
def test_report_date_is_strict(value, capsys):
    err = _one_line_error(["report", "--year", "2019", "--date", value], capsys)
    assert "РРРР-ММ-ДД" in err and "--date" in err
    assert "1" * 100 not in err and "\u202e" not in err  # a short start, controls shown


def test_settings_dates_are_strict_too(tmp_path):
    from zhytomyr_kpi.report.settings import SettingsError, load_settings

    ok = load_settings(_write(tmp_path / "ok.toml", '[dates]\n"2019" = "2020-02-14"\n'
                                                    '"2018-2020" = 2021-02-12\n'))
    assert [str(d) for d in ok.dates.values()] == ["2020-02-14", "2021-02-12"]
    for value in ('"2101-01-01"', '"2020-2-14"', "2020-02-14T10:00:00", "10:00:00", "2020"):
        with pytest.raises(SettingsError, match=r"дата|дати"):
            load_settings(_write(tmp_path / "bad.toml", f'[dates]\n"2019" = {value}\n'))


def test_nesting_is_counted_outside_strings_and_comments():
    from zhytomyr_kpi.report.settings import nesting

    assert nesting('a = [[1], [2]]\n[[signatures]]\nname = "[[[[[[[["  # {{{{{{\n') == 2
    assert nesting("a = '''\n[[[[[[\n'''\nb = [1]") == 1
    assert nesting('a = "\\"[[[["\nb = {c = [[1]]}') == 3


def _ratings(tmp_path: Path, edit) -> Path:
    import csv
    import io

    from zhytomyr_kpi.analysis.rating_results import DEFAULT_RESULTS

    with DEFAULT_RESULTS.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(edit(rows))
    return _write(tmp_path / "rating_results.csv", buffer.getvalue())


def _first(rows, **values):
    return [{**rows[0], **values}, *rows[1:]]


@pytest.mark.parametrize(("edit", "says"), [
    (lambda rows: _first(rows, note="ж" * 10_000), "задовгий текст"),
    (lambda rows: _first(rows, note_uk="ж " * 1500), "задовгий текст"),
    (lambda rows: _first(rows, source="джерело " * 200), "задовгий текст"),
    (lambda rows: [{**rows[0], "note": "", "note_uk": "", "source": "s"}] * 5001,
     "забагато рядків"),
    (lambda rows: _first(rows, source="javascript:alert(1)"), "https://"),
    (lambda rows: _first(rows, source="file:///etc/passwd"), "https://"),
    (lambda rows: _first(rows, source="data:text/html,<script>alert(1)</script>"), "https://"),
])
def test_the_ratings_file_is_bounded(edit, says, tmp_path, capsys):
    path = _ratings(tmp_path, edit)
    err = _one_line_error(["ratings", "--results", str(path)], capsys)
    assert says in err and str(path) in err


def test_a_huge_ratings_file_is_refused_before_reading(tmp_path, capsys):
    path = tmp_path / "rating_results.csv"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # sparse: 50 MB of nothing
    err = _one_line_error(["ratings", "--results", str(path)], capsys)
    assert "завеликий" in err


# ---------------------------------------------------------------- the report never waits for ever


def _notebooks(tmp_path: Path, **bounds):
    from zhytomyr_kpi.report import notebooks

    return notebooks, notebooks.NotebookProcess(
        [(notebooks.parameters("2019"), tmp_path / "a.ipynb")], **bounds)


def test_a_stopped_worker_is_one_line_not_a_hang(tmp_path):
    notebooks, process = _notebooks(tmp_path, stopped_limit=2)
    family = []
    try:
        os.kill(process.process.pid, signal.SIGSTOP)
        with pytest.raises(notebooks.NotebookError, match="зупинено"):
            process.wait()
        family = notebooks._family(process.process.pid)
    finally:
        process.stop()
    assert process.process.returncode is not None
    assert not [pid for pid in family if notebooks._state(pid) not in ("", "Z")]
    assert not (tmp_path / "a.ipynb").exists()


def test_notebooks_that_take_too_long_are_one_line(tmp_path):
    notebooks, process = _notebooks(tmp_path, limit=1)
    try:
        with pytest.raises(notebooks.NotebookError, match="не виконано за 1 с"):
            process.wait()
    finally:
        process.stop()
    assert process.process.returncode is not None
