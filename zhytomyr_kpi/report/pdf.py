"""Report PDFs: the report's HTML printed by WeasyPrint as a tagged PDF (PDF/UA-1), with the
executed report notebook written beside each PDF as the audit trail.

Both come from the same library functions (:mod:`zhytomyr_kpi.report`). The notebooks run in
one Jupyter kernel, started first and once for all periods (:mod:`zhytomyr_kpi.report.notebooks`),
while this process prints the PDFs one after another. Every file is written atomically, and
nothing is written when any step fails.

When WeasyPrint cannot load (no Pango, e.g. on Windows), a local Chromium/Chrome/Edge
prints the same HTML (untagged); when neither is there, :class:`PdfError` says what to
install.

WeasyPrint fetches nothing the report did not make (:class:`ReportFetcher`): the project's
own fonts and assets, the report's charts (``data:`` images) and image files in the folder the
caller names; every other address (``file:`` elsewhere, ``http:``, ``ftp:``, a ``data:`` text)
is refused, and the image or style is simply absent. Nothing is attached to the PDF and only
the report's own links are kept (:func:`_drop_foreign_links`), whatever the HTML says.
"""

from __future__ import annotations

import contextlib
import mimetypes
import os
import shutil
import subprocess
import tempfile
from datetime import date
from functools import cache
from pathlib import Path

from zhytomyr_kpi.basics.paths import PACKAGE_DIR, PROJECT_ROOT
from zhytomyr_kpi.report.notebooks import NotebookError, NotebookProcess, parameters
from zhytomyr_kpi.report.periods import file_stem

REPORTS_DIR = PROJECT_ROOT / "reports"
ASSETS = PACKAGE_DIR / "report" / "assets"
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
    fonts = font_folder()
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


# ---------------------------------------------------------------- printing


#: ``data:`` addresses the report's own charts use; any other kind (text, HTML, fonts) is refused.
DATA_IMAGES = ("image/png", "image/jpeg", "image/svg+xml")
#: Image files that may be shown from the caller's image folder.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
#: The largest file the fetcher reads (a font is 0,7 MB; a chart a few hundred KB).
MAX_RESOURCE_BYTES = 8 * 1024 * 1024


def font_folder() -> Path:
    """matplotlib's DejaVu fonts, the only fonts the report links (:func:`font_face_css`)."""
    from importlib.util import find_spec

    return Path(find_spec("matplotlib").submodule_search_locations[0]) / "mpl-data" / \
        "fonts" / "ttf"


def _fetcher_class():
    import weasyprint

    class Fetcher(weasyprint.URLFetcher):
        """WeasyPrint's fetcher limited to what the report made (see the module doc).

        ``refused`` lists every address refused, for the tests; WeasyPrint logs the failure
        to its own logger (silent by default) and goes on without the resource.
        """

        def __init__(self, roots: tuple[Path, ...], images: Path | None) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.roots = tuple(Path(os.path.realpath(r)) for r in roots)
            self.images = Path(os.path.realpath(images)) if images is not None else None
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            try:
                return self._allowed(str(url), headers)
            except ValueError:
                self.refused.append(str(url))
                raise

        def _allowed(self, url: str, headers):
            from urllib.parse import unquote, urlsplit

            from zhytomyr_kpi.basics.safe_io import read_regular

            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                kind = url[5:].split(",", 1)[0].split(";", 1)[0].strip().lower()
                if kind not in DATA_IMAGES:
                    raise ValueError("data: address that is not an image of the report")
                return super().fetch(url, headers)
            if scheme != "file":
                raise ValueError("only the report's own files are fetched")
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                raise ValueError("file: address on another host")
            path = Path(os.path.realpath(unquote(parts.path)))
            inside = any(path.is_relative_to(root) for root in self.roots) or (
                self.images is not None and path.is_relative_to(self.images)
                and path.suffix.lower() in IMAGE_SUFFIXES)
            if not inside:
                raise ValueError("file outside the report's own folders")
            try:
                body = read_regular(path, MAX_RESOURCE_BYTES)
            except OSError as exc:  # ParseError: not a regular file, too large, unreadable
                raise ValueError(str(exc)) from None
            guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(path.as_uri(), body,
                                                      {"Content-Type": guessed})

    return Fetcher


def report_fetcher(images: Path | None = None):
    """The fetcher :func:`html_to_pdf` gives WeasyPrint: the project's fonts and assets, the
    report's ``data:`` charts, and image files inside ``images`` (the run's folder)."""
    return _fetcher_class()((ASSETS, font_folder()), images)


def _drop_foreign_links(rendered) -> None:
    """No attachment at all (``<link rel=attachment>``, ``<a rel=attachment>``) and no link
    the report did not make: only links inside the document and to ``http(s):`` stay."""
    rendered.metadata.attachments = []
    for page in rendered.pages:
        page.links = [link for link in page.links
                      if link[0] == "internal" or (link[0] == "external" and str(
                          link[1]).lower().startswith(("https://", "http://")))]


def find_browser() -> str | None:
    """A local Chromium, Chrome or Edge, if there is one."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(document: str, target: Path, base_url: Path = PROJECT_ROOT,
                images: Path | None = None) -> str:
    """Print HTML to a tagged PDF with WeasyPrint, else a local browser. Returns the engine.

    WeasyPrint fetches only through :func:`report_fetcher` (``images``: a folder of the
    run's own image files, if any), and the PDF gets no attachment and no foreign link.
    """
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
    options = {"pdf_variant": PDF_VARIANT, "pdf_tags": True, "uncompressed_pdf": False}
    rendered = weasyprint.HTML(string=document, base_url=str(base_url),
                               url_fetcher=report_fetcher(images)).render(**options)
    _drop_foreign_links(rendered)
    rendered.write_pdf(target, **options)
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
    from zhytomyr_kpi.actuals.example import example_store as cached

    return cached(program)


def render(program, period, settings, made_on: date | None, example: bool, css: str,
           target: Path) -> Path:
    """Build one period's HTML (text and charts) and print it to ``target``."""
    from zhytomyr_kpi.report import document, sections
    from zhytomyr_kpi.report.docx import html_to_docx

    data = sections.prepare(program, period, settings, made_on, example or None)
    html = document.html_document(data, css, document.figures(data))
    html_to_pdf(html, target)
    html_to_docx(html, target.with_suffix(".docx"), document.title(data), data.example)
    return target


def make_reports(keys: list[str] | None = None, out_dir: Path = REPORTS_DIR, *,
                 keep_notebook: bool = True, actuals_dir: Path | None = None,
                 example: bool = False, made_on: date | None = None,
                 settings_path: Path | None = None, program=None,
                 quirks: str | bool | None = None) -> list[Path]:
    """Build the PDFs of the given periods (default: all) into ``out_dir``; return them.

    ``program`` is the programme to report on (default: the default decision); its text,
    ratings file and ``quirks`` (as :func:`~zhytomyr_kpi.program.load_program` takes them:
    None, False for none, or a folder) reach the audit notebooks too, and its executors'
    store is ``actuals_dir`` or its own.

    ``example=True`` builds them from a complete example set of submissions, marked
    «ПРИКЛАД» on every page and written as ``evaluation_<period>_example.pdf``.

    One plain path: the audit notebooks' process starts first (its kernel works on the other
    core), then this process prints the PDFs one after another and waits for the notebooks. Every
    file is made in a temporary folder inside ``out_dir`` and moved into place only when all
    are ready; a failure or Ctrl-C stops the kernel and leaves the previous reports as they
    were.
    """
    from zhytomyr_kpi.actuals import check_store
    from zhytomyr_kpi.basics.errors import OutputError
    from zhytomyr_kpi.basics.safe_io import owned_prefix, remove_stale
    from zhytomyr_kpi.program import load_program
    from zhytomyr_kpi.report import load_settings, periods
    from zhytomyr_kpi.report import period as parse_period

    settings = load_settings(settings_path)
    source = program or load_program(quirks=quirks)
    document, results = source.path, source.rating_results_path
    if example:
        actuals_dir = example_store(source)
    elif actuals_dir is None:
        actuals_dir = source.actuals_dir
    if example or program is None or actuals_dir != program.actuals_dir:
        program = load_program(document, quirks=quirks, rating_results=results,
                               actuals=actuals_dir)
    if not example:  # a damaged store: one line naming the file, before any work
        check_store(actuals_dir, program)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(out_dir, "це файл, а не тека; вкажіть теку для звітів")
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale(out_dir, ".build-")  # left by a killed run
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=owned_prefix(".build-")) as folder:
        work = Path(folder).absolute()  # the notebook kernel runs in another folder
        chosen = [parse_period(k, program.years) for k in keys] if keys else \
            periods(program.years)
        names = [file_stem(p.key, example) for p in chosen]
        suffixes = (".pdf", ".docx", ".ipynb") if keep_notebook else (".pdf", ".docx")
        destinations = [out_dir / f"{name}{suffix}" for name in names for suffix in suffixes]
        _check_destinations(destinations)  # a folder or FIFO in the way: before any work
        jobs = [(parameters(p.key, actuals_dir, example,
                            made_on.isoformat() if made_on else None, settings_path,
                            document=document, rating_results=results, quirks=quirks),
                 work / f"{name}.ipynb") for p, name in zip(chosen, names, strict=True)]
        notebooks = None
        try:
            if keep_notebook:
                notebooks = NotebookProcess(jobs)
            css = report_css()
            for p, name in zip(chosen, names, strict=True):
                render(program, p, settings, made_on, example, css, work / f"{name}.pdf")
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
    from zhytomyr_kpi.basics.safe_io import check_output_path

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
