"""Notebook → PDF: papermill runs the report notebook for a period, nbconvert turns it into
HTML without code, WeasyPrint prints it with the print CSS and an embedded Cyrillic font.

When WeasyPrint cannot load (no Pango, e.g. on Windows), a local Chromium/Chrome/Edge
prints the same HTML; when neither is there, :class:`PdfError` says what to install.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from .paths import PACKAGE_DIR, PROJECT_ROOT

TEMPLATE = PROJECT_ROOT / "notebooks" / "evaluation_report.ipynb"
REPORTS_DIR = PROJECT_ROOT / "reports"
ASSETS = PACKAGE_DIR / "report_assets"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
            "msedge", "microsoft-edge")
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-pdf-header-footer")


#: Keep the kernel's own start-up warnings out of the user's terminal.
QUIET_KERNEL = ["--IPKernelApp.log_level=ERROR"]


class PdfError(RuntimeError):
    """The PDF cannot be made here; the message says what to install."""


@cache
def font_face_css() -> str:
    """@font-face rules with matplotlib's DejaVu Sans as data URIs (no system fonts needed)."""
    import matplotlib

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    rules = []
    for file, weight, style in (("DejaVuSans.ttf", "normal", "normal"),
                                ("DejaVuSans-Bold.ttf", "bold", "normal"),
                                ("DejaVuSans-Oblique.ttf", "normal", "italic")):
        data = base64.b64encode((fonts / file).read_bytes()).decode("ascii")
        rules.append(f'@font-face {{ font-family: "DejaVu Sans"; font-weight: {weight}; '
                     f'font-style: {style}; src: url(data:font/ttf;base64,{data}) '
                     'format("truetype"); }')
    return "\n".join(rules)


def execute(period: str, out_dir: Path, template: Path = TEMPLATE,
            actuals_dir: Path | None = None) -> Path:
    """Run the report notebook for ``period`` with papermill; return the executed notebook."""
    import papermill

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"evaluation_{period}.ipynb"
    parameters = {"year": period}
    if actuals_dir is not None:
        parameters["actuals_dir"] = str(Path(actuals_dir).resolve())
    papermill.execute_notebook(str(template), str(target), parameters=parameters,
                               cwd=str(template.parent), progress_bar=False, log_output=False,
                               kernel_name="python3", extra_arguments=QUIET_KERNEL)
    return target


def to_html(notebook: Path, title: str = "Звіт") -> str:
    """The executed notebook as a standalone print-ready HTML document (no code, no prompts)."""
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = {"remove-cell", "parameters",
                                                     "injected-parameters"}
    config.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(config=config, template_name="basic")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    css = (ASSETS / "print.css").read_text(encoding="utf-8")
    return (f'<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{font_face_css()}\n{css}</style></head><body>{body}</body></html>")


def find_browser() -> str | None:
    """A local Chromium, Chrome or Edge, if there is one."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(document: str, target: Path, base_url: Path = PROJECT_ROOT) -> str:
    """Print HTML to PDF with WeasyPrint, else a local browser. Returns the engine used."""
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
    weasyprint.HTML(string=document, base_url=str(base_url)).write_pdf(target)
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


def make_report(period: str, out_dir: Path = REPORTS_DIR, keep_notebook: bool = True,
                actuals_dir: Path | None = None) -> Path:
    """Execute, convert and print one report; write the PDF atomically; return its path.

    ``actuals_dir``: the executors' workbooks to use (default ``data/raw/actuals/``).
    """
    from .report import period as parse_period
    from .safe_io import check_output_path, owned_prefix, remove_stale

    parsed = parse_period(period)
    from .actuals import check_store

    check_store(actuals_dir)  # a damaged store: one line naming the file, before any work
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale(out_dir, ".build-")  # left by a killed run
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=owned_prefix(".build-")) as folder:
        notebook = execute(parsed.key, Path(folder), actuals_dir=actuals_dir)
        document = to_html(notebook, parsed.title)
        temp_pdf = Path(folder) / f"evaluation_{parsed.key}.pdf"
        html_to_pdf(document, temp_pdf)
        final = check_output_path(out_dir / temp_pdf.name, force=True, protected={})
        temp_pdf.replace(final)
        if keep_notebook:
            notebook.replace(out_dir / notebook.name)
    return final
