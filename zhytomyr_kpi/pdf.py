"""Report PDFs: the report's HTML printed by WeasyPrint as a tagged PDF (PDF/UA-1), with the
executed report notebook written beside each PDF as the audit trail.

Both come from the same library functions (:mod:`zhytomyr_kpi.report`). To be quick on a
2-core machine, the notebooks run in one Jupyter kernel driven by a child process
(:mod:`zhytomyr_kpi.audit_notebooks`), started first, while this process builds and prints
the PDFs; the kernel is started once for all periods. Every file is written atomically, and
nothing is written when any step fails.

When WeasyPrint cannot load (no Pango, e.g. on Windows), a local Chromium/Chrome/Edge
prints the same HTML (untagged); when neither is there, :class:`PdfError` says what to
install.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from datetime import date
from functools import cache
from pathlib import Path

from .audit_notebooks import NotebookError, NotebookProcess, parameters
from .paths import PACKAGE_DIR, PROJECT_ROOT

REPORTS_DIR = PROJECT_ROOT / "reports"
ASSETS = PACKAGE_DIR / "report_assets"
EXAMPLE_SUFFIX = "_example"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
            "msedge", "microsoft-edge")
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-pdf-header-footer")
PDF_VARIANT = "pdf/ua-1"


class PdfError(RuntimeError):
    """The PDF cannot be made here; the message says what to install or what failed."""


@cache
def font_face_css() -> str:
    """@font-face rules for matplotlib's DejaVu Sans, by file (no system fonts needed).

    Linked by ``file:`` address rather than inlined as data: a 2 MB data address made the
    CSS parser alone take seconds. The fonts are embedded (subset) in the PDF either way.
    Found without importing matplotlib (that takes a third of a second).
    """
    from importlib.util import find_spec

    fonts = Path(find_spec("matplotlib").submodule_search_locations[0]) / "mpl-data" / \
        "fonts" / "ttf"
    rules = []
    for file, weight, style in (("DejaVuSans.ttf", "normal", "normal"),
                                ("DejaVuSans-Bold.ttf", "bold", "normal"),
                                ("DejaVuSans-Oblique.ttf", "normal", "italic")):
        rules.append(f'@font-face {{ font-family: "DejaVu Sans"; font-weight: {weight}; '
                     f'font-style: {style}; src: url("{(fonts / file).as_uri()}") '
                     'format("truetype"); }')
    return "\n".join(rules)


def report_css() -> str:
    return font_face_css() + "\n" + (ASSETS / "print.css").read_text(encoding="utf-8")


def file_stem(key: str, example: bool = False) -> str:
    """«evaluation_2019», or «evaluation_2019_example» for an example report (never the same)."""
    return f"evaluation_{key}{EXAMPLE_SUFFIX if example else ''}"


# ---------------------------------------------------------------- printing


def find_browser() -> str | None:
    """A local Chromium, Chrome or Edge, if there is one."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(document: str, target: Path, base_url: Path = PROJECT_ROOT) -> str:
    """Print HTML to a tagged PDF with WeasyPrint, else a local browser. Returns the engine."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or its friends are missing
        browser = find_browser()
        if browser is None:
            raise PdfError(
                "не вдалося створити PDF: WeasyPrint не завантажується "
                f"({str(exc).splitlines()[0]}) і не знайдено Chromium, Chrome чи Edge. "
                "Встановіть Pango (Debian/Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0) "
                "або браузер Chromium/Chrome/Edge") from None
        return _browser_pdf(browser, document, target)
    weasyprint.HTML(string=document, base_url=str(base_url)).write_pdf(
        target, pdf_variant=PDF_VARIANT, pdf_tags=True, uncompressed_pdf=False)
    return "weasyprint"


def _browser_pdf(browser: str, document: str, target: Path) -> str:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        page.write_text(document, encoding="utf-8")
        profile = Path(folder) / "profile"
        done = subprocess.run(
            [browser, *CHROME_FLAGS, f"--user-data-dir={profile}",
             f"--print-to-pdf={target}", page.as_uri()],
            capture_output=True, text=True, timeout=180, check=False)
        if done.returncode != 0 or not target.exists():
            raise PdfError(f"браузер {browser} не створив PDF: {done.stderr.strip()[:200]}")
    return "browser"


# ---------------------------------------------------------------- the whole route


def example_store(program) -> Path:
    """The complete example set of executors' submissions (built once, cached)."""
    from .actuals.example import example_store as cached

    return cached(program)


#: What the PDF workers need, set before they are forked (so nothing is pickled or reloaded).
_SHARED: dict = {}


def _render(period, target: Path, chart_worker=None) -> Path:
    """Build one period's HTML and print it (in this process or a forked worker).

    With a ``chart_worker`` the charts are drawn there while this process imports WeasyPrint
    and writes the text; without one, here.
    """
    import pickle

    from .report import document, sections

    data = sections.prepare(_SHARED["program"], period, _SHARED["settings"],
                            _SHARED["made_on"], _SHARED["example"])
    if chart_worker is None:
        charts_html = document.figures(data)
    else:  # pickled here: the pool's feeder thread would race this thread's caches
        drawing = chart_worker.submit(_figures, pickle.dumps(data))
        import weasyprint  # noqa: F401  meanwhile

        charts_html = drawing.result()
    html_to_pdf(document.html_document(data, _SHARED["css"], charts_html), target)
    return target


def _figures(data: bytes) -> dict[str, str]:
    """One period's charts as HTML (in the chart worker)."""
    import pickle

    from .report import document

    return document.figures(pickle.loads(data))


def _draw_ready() -> None:
    """The chart worker imports matplotlib while this process prepares the text."""
    from matplotlib import pyplot  # noqa: F401


def _fork_pool(workers: int):
    """Forked worker processes (they share what is loaded), or None without fork or cores."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return None  # Windows, macOS default, one core: everything here, one by one
    from .children import forked_worker

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=forked_worker)


def _stop_workers(pool, failed: bool) -> None:
    """Shut the pool down; after a failure or Ctrl-C, stop its workers at once."""
    if failed:
        stop = getattr(pool, "terminate_workers", None)  # Python 3.14
        if stop is not None:
            stop()
        else:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _print_all(chosen, targets: list[Path], program, settings, made_on, example: bool) -> None:
    """Print every period's PDF on both cores (the notebooks' kernel shares them).

    One period: a forked worker draws the charts while this process prepares the text and
    imports WeasyPrint, then this process lays it out. Several periods: two forked workers
    print whole periods, the final (longest) report first.
    """
    from concurrent.futures.process import BrokenProcessPool

    _SHARED.update(program=program, settings=settings, css=report_css(), made_on=made_on,
                   example=example or None)
    pool, failed = None, True
    try:
        if len(chosen) == 1:
            pool = _fork_pool(1)
            if pool is not None:
                pool.submit(_draw_ready)  # forks now
            _render(chosen[0], targets[0], pool)
            failed = False
            return
        import weasyprint  # noqa: F401  imported once, before the fork
        from matplotlib import pyplot  # noqa: F401

        for table in ("measures", "efficiency", "actuals"):  # built once, before the fork
            getattr(program, table)
        pool = _fork_pool(2)
        if pool is None:
            for p, target in zip(chosen, targets, strict=True):
                _render(p, target)
            failed = False
            return
        order = sorted(range(len(chosen)), key=lambda i: not chosen[i].is_final)
        for future in [pool.submit(_render, chosen[i], targets[i]) for i in order]:
            future.result()
        failed = False
    except BrokenProcessPool:  # a worker was killed (by the system, short of memory?)
        raise PdfError("процес, що друкував PDF, завершився аварійно; спробуйте ще раз") \
            from None
    finally:
        if pool is not None:
            _stop_workers(pool, failed)
        _SHARED.clear()


def make_reports(keys: list[str] | None = None, out_dir: Path = REPORTS_DIR, *,
                 keep_notebook: bool = True, actuals_dir: Path | None = None,
                 example: bool = False, made_on: date | None = None,
                 settings_path: Path | None = None, program=None) -> list[Path]:
    """Build the PDFs of the given periods (default: all) into ``out_dir``; return them.

    ``example=True`` builds them from a complete example set of submissions, marked
    «ПРИКЛАД» on every page and written as ``evaluation_<period>_example.pdf``.
    """
    from .actuals import check_store
    from .errors import OutputError
    from .program import load_program
    from .report import load_settings, periods
    from .report import period as parse_period
    from .safe_io import owned_prefix, remove_stale

    settings = load_settings(settings_path)
    if not example:  # a damaged store: one line naming the file, before any work
        check_store(actuals_dir, program)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(out_dir, "це файл, а не тека; вкажіть теку для звітів")
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale(out_dir, ".build-")  # left by a killed run
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=owned_prefix(".build-")) as folder:
        work = Path(folder)
        if example:
            base = program or load_program()
            actuals_dir = example_store(base)
            program = None
        if program is None:
            program = load_program(actuals=actuals_dir)
        chosen = [parse_period(k, program.years) for k in keys] if keys else \
            periods(program.years)
        names = [file_stem(p.key, example) for p in chosen]
        suffixes = (".pdf", ".ipynb") if keep_notebook else (".pdf",)
        destinations = [out_dir / f"{name}{suffix}" for name in names for suffix in suffixes]
        _check_destinations(destinations)  # a folder or FIFO in the way: before any work
        jobs = [(parameters(p.key, actuals_dir, example,
                            made_on.isoformat() if made_on else None, settings_path),
                 work / f"{name}.ipynb") for p, name in zip(chosen, names, strict=True)]
        targets = [work / f"{name}.pdf" for name in names]
        notebooks = None
        try:
            # the notebooks first: their kernel starts on the other core while we print;
            # one period: the printing is the longest task, so the notebooks yield to it
            if keep_notebook:
                notebooks = NotebookProcess(jobs, yield_cores=len(chosen) == 1)
            _print_all(chosen, targets, program, settings, made_on, example)
            if notebooks is not None:
                notebooks.wait()
        except NotebookError as exc:
            raise PdfError(f"зошит звіту не виконався: {exc}") from None
        finally:
            if notebooks is not None:
                notebooks.stop()
        _check_destinations(destinations)  # again: something may have appeared meanwhile
        _publish([work / d.name for d in destinations], destinations)
    return [out_dir / f"{name}.pdf" for name in names]


def _check_destinations(destinations: list[Path]) -> None:
    """Never over a non-regular file (a folder, a FIFO, a device)."""
    from .safe_io import check_output_path

    for destination in destinations:
        check_output_path(destination, force=True, protected={})


def _publish(sources: list[Path], destinations: list[Path]) -> None:
    """Move the finished files into place, all of them: Ctrl-C or SIGTERM wait until the
    last one is in (a few renames), so a run never leaves a mix of old and new reports.

    A stop that arrived meanwhile is let go: the run has finished, and says so.
    """
    import signal

    stops = {signal.SIGINT, signal.SIGTERM}
    blocked = hasattr(signal, "pthread_sigmask")
    if blocked:
        signal.pthread_sigmask(signal.SIG_BLOCK, stops)
    try:
        for source, destination in zip(sources, destinations, strict=True):
            source.replace(destination)
    finally:
        if blocked:
            with contextlib.suppress(KeyboardInterrupt):  # delivered here, after the work
                signal.pthread_sigmask(signal.SIG_UNBLOCK, stops)


def make_report(period: str, out_dir: Path = REPORTS_DIR, keep_notebook: bool = True,
                actuals_dir: Path | None = None, example: bool = False,
                made_on: date | None = None) -> Path:
    """One period's PDF (and its executed notebook); see :func:`make_reports`."""
    return make_reports([period], out_dir, keep_notebook=keep_notebook,
                        actuals_dir=actuals_dir, example=example, made_on=made_on)[0]
