"""Report PDFs: the report's HTML printed by WeasyPrint as a tagged PDF (PDF/UA-1), with the
executed report notebook written beside each PDF as the audit trail.

Both come from the same library functions (:mod:`zhytomyr_kpi.report`). To be quick on a
2-core machine, the notebooks run in one Jupyter kernel in a background thread (the kernel
is its own process, so it uses the second core) while this process builds and prints the
PDFs; the kernel is started once for all periods. Every file is written atomically, and
nothing is written when any step fails.

When WeasyPrint cannot load (no Pango, e.g. on Windows), a local Chromium/Chrome/Edge
prints the same HTML (untagged); when neither is there, :class:`PdfError` says what to
install.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import tempfile
import threading
from datetime import date
from functools import cache
from pathlib import Path

from .paths import PACKAGE_DIR, PROJECT_ROOT

TEMPLATE = PROJECT_ROOT / "notebooks" / "evaluation_report.ipynb"
REPORTS_DIR = PROJECT_ROOT / "reports"
ASSETS = PACKAGE_DIR / "report_assets"
EXAMPLE_SUFFIX = "_example"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
            "msedge", "microsoft-edge")
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-pdf-header-footer")
PDF_VARIANT = "pdf/ua-1"

#: Keep the kernel's own start-up warnings out of the user's terminal.
QUIET_KERNEL = ["--IPKernelApp.log_level=ERROR"]


class PdfError(RuntimeError):
    """The PDF cannot be made here; the message says what to install or what failed."""


@cache
def font_face_css() -> str:
    """@font-face rules for matplotlib's DejaVu Sans, by file (no system fonts needed).

    Linked by ``file:`` address rather than inlined as data: a 2 MB data address made the
    CSS parser alone take seconds. The fonts are embedded (subset) in the PDF either way.
    """
    import matplotlib

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
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


# ---------------------------------------------------------------- the audit notebooks


def _parameters(key: str, actuals_dir: Path | None, example: bool, made_on: date | None,
                settings_path: Path | None) -> dict:
    return {"year": key, "actuals_dir": str(actuals_dir) if actuals_dir else None,
            "example": example, "made_on": made_on.isoformat() if made_on else None,
            "settings_path": str(settings_path) if settings_path else None}


class NotebookRunner:
    """Executes the report notebook for several periods in one kernel, in a thread."""

    def __init__(self, jobs: list[tuple[dict, Path]], template: Path = TEMPLATE) -> None:
        self.jobs = jobs
        self.template = template
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> NotebookRunner:
        # Import here, not in the thread: a module half-imported by the thread (IPython)
        # would be seen by matplotlib in this thread while it draws the charts.
        import IPython  # noqa: F401
        import jupyter_client.manager  # noqa: F401
        import nbclient  # noqa: F401
        import papermill.parameterize  # noqa: F401

        self.thread.start()
        return self

    def wait(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise PdfError(f"зошит звіту не виконався: {_first_line(self.error)}")

    def _run(self) -> None:
        try:
            execute_many(self.jobs, self.template)
        except BaseException as exc:  # reported by wait() in the calling thread
            self.error = exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[-1] if text else type(exc).__name__)[:300]


def execute_many(jobs: list[tuple[dict, Path]], template: Path = TEMPLATE) -> list[Path]:
    """Run the notebook once per (parameters, target) in one kernel; write each target."""
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from papermill.parameterize import parameterize_notebook

    source = nbformat.read(template, as_version=4)
    for cell in source.cells:  # what papermill's own preparation does before parameterising
        cell.metadata.setdefault("tags", [])
    source.metadata.setdefault("papermill", {})
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(extra_arguments=QUIET_KERNEL, cwd=str(template.parent))
    written = []
    try:
        for parameters, target in jobs:
            notebook = parameterize_notebook(copy.deepcopy(source), parameters)
            NotebookClient(notebook, km=manager, timeout=600, allow_errors=False,
                           resources={"metadata": {"path": str(template.parent)}}).execute()
            number = 0
            for cell in notebook.cells:  # one kernel for all: number each notebook from 1
                if cell.cell_type == "code" and cell.get("execution_count") is not None:
                    number += 1
                    cell.execution_count = number
                    for output in cell.get("outputs", []):
                        if "execution_count" in output:
                            output["execution_count"] = number
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, target)
            written.append(target)
    finally:
        manager.shutdown_kernel(now=True)
    return written


def execute(period: str, out_dir: Path, template: Path = TEMPLATE,
            actuals_dir: Path | None = None, example: bool = False,
            made_on: date | None = None) -> Path:
    """Run the report notebook for one period; return the executed notebook."""
    target = Path(out_dir) / f"{file_stem(period, example)}.ipynb"
    execute_many([(_parameters(period, actuals_dir, example, made_on, None), target)],
                 template)
    return target


def to_html(notebook: Path) -> str:
    """The executed notebook as HTML without code (for comparing speeds in ``make bench``)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic")
    exporter.exclude_input = True
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    return body


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


def _render(period, target: Path) -> Path:
    """Build one period's HTML and print it (in this process or a forked worker)."""
    from .report import document

    html = document.build(_SHARED["program"], period, _SHARED["settings"], _SHARED["css"],
                          _SHARED["made_on"], _SHARED["example"])
    html_to_pdf(html, target)
    return target


def _pool(periods: int):
    """Two forked workers for several periods (the machine has 2 cores), else None.

    Fork shares the loaded programme and the imported libraries with the workers; where
    fork is not available (Windows, macOS default), the periods are printed one by one.
    """
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    if periods < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    import weasyprint  # noqa: F401  imported once, before the fork
    from matplotlib import pyplot  # noqa: F401

    workers = min(2, periods, os.cpu_count() or 1)
    if workers < 2:
        return None
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def make_reports(keys: list[str] | None = None, out_dir: Path = REPORTS_DIR, *,
                 keep_notebook: bool = True, actuals_dir: Path | None = None,
                 example: bool = False, made_on: date | None = None,
                 settings_path: Path | None = None, program=None) -> list[Path]:
    """Build the PDFs of the given periods (default: all) into ``out_dir``; return them.

    ``example=True`` builds them from a complete example set of submissions, marked
    «ПРИКЛАД» on every page and written as ``evaluation_<period>_example.pdf``.
    """
    from .actuals import check_store
    from .program import load_program
    from .report import load_settings, periods
    from .report import period as parse_period
    from .safe_io import check_output_path, owned_prefix, remove_stale

    settings = load_settings(settings_path)
    if not example:  # a damaged store: one line naming the file, before any work
        check_store(actuals_dir, program)
    out_dir = Path(out_dir)
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
        jobs = [(_parameters(p.key, actuals_dir, example, made_on, settings_path),
                 work / f"{file_stem(p.key, example)}.ipynb") for p in chosen]
        targets = [work / f"{file_stem(p.key, example)}.pdf" for p in chosen]
        _SHARED.update(program=program, settings=settings, css=report_css(),
                       made_on=made_on, example=example or None)
        pool = _pool(len(chosen))  # forked before the notebook thread starts
        runner = None
        try:
            if pool is not None:
                # the final report is the longest: start it first
                order = sorted(range(len(chosen)), key=lambda i: not chosen[i].is_final)
                futures = [pool.submit(_render, chosen[i], targets[i]) for i in order]
            runner = NotebookRunner(jobs).start() if keep_notebook else None
            if pool is None:
                for p, target in zip(chosen, targets, strict=True):
                    _render(p, target)
            else:
                for future in futures:
                    future.result()
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            if runner is not None:
                runner.thread.join()
            _SHARED.clear()
        if runner is not None:
            runner.wait()
        pdfs = targets
        final = []
        for pdf in pdfs:  # never over a non-regular file (a folder, a FIFO)
            destination = check_output_path(out_dir / pdf.name, force=True, protected={})
            notebook = pdf.with_suffix(".ipynb")
            if keep_notebook:
                check_output_path(out_dir / notebook.name, force=True, protected={})
            pdf.replace(destination)
            final.append(destination)
            if keep_notebook:
                notebook.replace(out_dir / notebook.name)
    return final


def make_report(period: str, out_dir: Path = REPORTS_DIR, keep_notebook: bool = True,
                actuals_dir: Path | None = None, example: bool = False,
                made_on: date | None = None) -> Path:
    """One period's PDF (and its executed notebook); see :func:`make_reports`."""
    return make_reports([period], out_dir, keep_notebook=keep_notebook,
                        actuals_dir=actuals_dir, example=example, made_on=made_on)[0]
