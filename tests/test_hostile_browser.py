"""The hostile-input suite in the places people look (issue 24): the app in a real browser,
and the notebooks as executed.

The app is served by Voilà (as ``make app`` serves it) on a programme whose every text input
holds scripts, event handlers, styles, table breaks and bidi controls; Chromium opens every
tab and types a script into the search box. No dialog may open, no element from the input
may exist in the page, and the input must be visible as text. Notebooks 04 (ratings) and 05
(plan and fact, with the workbook's file name) run on the same inputs, and their HTML has no
more elements than when they run on plain words.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import hostile
import pytest
from hostile import BENIGN, live_markup, world

from zhytomyr_kpi import serve
from zhytomyr_kpi.basics.paths import PROJECT_ROOT

#: Everything at once, as one colleague's hostile decision would have it.
COMBINED = " ".join(hostile.HOSTILE[name] for name in (
    "onerror", "script", "svg", "style", "table_break", "javascript_url", "attribute_break",
    "markup", "bidi"))
APP_NOTEBOOK = """{{"cells": [{{"cell_type": "code", "execution_count": null, "metadata": {{}},
 "outputs": [], "source": ["from zhytomyr_kpi import load_program\\n",
 "from zhytomyr_kpi.views.app import build_app\\n", "build_app({call})"]}}],
 "metadata": {{"kernelspec": {{"display_name": "Python 3", "language": "python",
 "name": "python3"}}, "language_info": {{"name": "python"}}}}, "nbformat": 4,
 "nbformat_minor": 5}}"""
#: Elements and attributes that only an input could have put into the app's page.
FOREIGN = ", ".join(f".zk-app {selector}" for selector in (
    "img[onerror]", "svg[onload]", "marquee", "script", "h1", "a[href^='javascript:']",
    "[onmouseover]", "[onfocus]", "[onload]", "td table"))


def _call(w: hostile.World) -> str:
    """``load_program(…)`` of a world's inputs, as Python source."""
    return (f"load_program({str(w.folder / 'decision.txt')!r}, "
            f"quirks=__import__('pathlib').Path({str(w.folder / 'quirks')!r}), "
            f"rating_results={str(w.folder / 'rating_results.csv')!r}, "
            f"actuals={str(w.folder / 'store')!r})")


@pytest.fixture(scope="module")
def combined(tmp_path_factory):
    return world("combined", COMBINED, tmp_path_factory.mktemp("combined"))


# ---------------------------------------------------------------- the app in Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def app_page(combined, tmp_path_factory):
    if not CHROMIUM:
        pytest.skip("Chromium не знайдено; встановіть: sudo apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[browser]'")
    from test_browser import _start, _stop

    workdir = tmp_path_factory.mktemp("hostile_app")
    notebook = workdir / "hostile_app.ipynb"
    notebook.write_text(APP_NOTEBOOK.format(call=json.dumps(_call(combined))[1:-1]),
                        encoding="utf-8")
    json.loads(notebook.read_text(encoding="utf-8"))
    serve.ensure_kernel()
    env = serve.environment({**os.environ, "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
                             "JUPYTER_CONFIG_DIR": str(workdir / "config"),
                             "MPLBACKEND": "Agg"})
    env.pop("DISPLAY", None)
    port = serve.free_port()
    server = _start(serve.app_command(port, notebook=notebook), workdir, env)
    try:
        with sync_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True,
                args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                      "--disable-background-networking", "--disable-component-update"])
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(180_000)
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(f"http://{serve.HOST}:{port}/", wait_until="domcontentloaded")
            page.locator(".zk-summary").first.wait_for(state="visible")
            yield page, dialogs
            chromium.close()
    finally:
        _stop(server)


@pytest.mark.browser
def test_the_app_shows_hostile_text_and_runs_none_of_it(app_page):
    from zhytomyr_kpi.views.app import TABS

    page, dialogs = app_page
    seen = {}
    for title in TABS:
        page.get_by_role("tab", name=title, exact=True).first.click()
        page.wait_for_timeout(300)
        page.locator(".zk-app h4:visible, .zk-app .zk-summary:visible").first.wait_for()
        seen[title] = page.locator(FOREIGN).count()
    page.get_by_role("tab", name=TABS[0], exact=True).first.click()
    search = page.get_by_placeholder("слово або № заходу (3.2.1)")
    search.fill('<img src=x onerror="alert(1)">')  # a part of measure 1.1's content
    search.press("Enter")
    page.locator(".zk-summary", has_text="1 захід;").first.wait_for(state="visible")
    page.wait_for_timeout(1000)  # time for an injected handler to fire, were there one
    seen["search"] = page.locator(FOREIGN).count()
    assert dialogs == []
    assert seen == dict.fromkeys(seen, 0)
    assert page.locator(".zk-app").first.is_visible()  # «* { display: none }» did not apply
    hidden = page.evaluate("""() => [...document.querySelectorAll('.zk-app td')]
        .filter(cell => getComputedStyle(cell).display === 'none').length""")
    assert hidden == 0
    text = page.inner_text(".zk-app")
    assert "<script>alert(1)</script>" in text and "⟨U+202E⟩" in text and "\u202e" not in text


# ---------------------------------------------------------------- the notebooks

NOTEBOOKS = {"04_ratings_progress.ipynb": ("load_program()",),
             "05_plan_vs_actual.ipynb": ("load_program()", "load_program(actuals=example)")}


def _executed_html(name: str, w: hostile.World, folder: Path) -> str:
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    notebook = nbformat.read(PROJECT_ROOT / "notebooks" / name, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for call in NOTEBOOKS[name]:
                cell.source = cell.source.replace(call, _call(w))
    assert sum(_call(w) in c.source for c in notebook.cells) >= 1
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={
        "metadata": {"path": str(PROJECT_ROOT / "notebooks")}}).execute()
    nbformat.write(notebook, folder / f"{w.name}_{name}")
    exporter = HTMLExporter(template_name="basic")
    exporter.exclude_input = True
    return exporter.from_notebook_node(notebook)[0]


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_notebooks_show_hostile_text_as_text(name, combined, tmp_path_factory):
    serve.ensure_kernel()
    folder = tmp_path_factory.mktemp("notebooks")
    benign = world("benign", BENIGN, tmp_path_factory.mktemp("benign_notebooks"))
    hostile_html = _executed_html(name, combined, folder)
    assert live_markup(hostile_html, _executed_html(name, benign, folder)) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_html
