"""The app and JupyterLab in a real browser: Playwright (from pip) driving Debian's chromium.

No browser is downloaded (``playwright install`` is never run): Playwright launches the
system's chromium by path. Where chromium is missing these tests are skipped with the
command that installs it; ``.ci/run`` installs it, so CI always runs them.

Servers listen on 127.0.0.1 on a free port, in a temporary working folder, and are stopped
after the module. Screenshots go to ``$ZHYTOMYR_KPI_SCREENSHOTS`` (default: pytest's tmp dir).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from zhytomyr_kpi import serve
from zhytomyr_kpi.views.explore import EXPORT_DIR_ENV, select

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
INSTALL_HINT = "Chromium не знайдено; встановіть: sudo apt-get install chromium (Debian/Ubuntu)"
START_TIMEOUT_S = 180
PAGE_TIMEOUT_MS = 180_000

if not CHROMIUM:
    pytest.skip(INSTALL_HINT, allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[browser]'")


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited early:\n{log.read_text(errors='replace')}")
        with socket.socket() as probe:
            if probe.connect_ex((serve.HOST, port)) == 0:
                return
        time.sleep(0.3)
    raise AssertionError(f"server did not start in {START_TIMEOUT_S} s:\n{log.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    """Stop the server's whole process group (the server and its kernels)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _start(command: list[str], workdir: Path, env: dict[str, str]) -> subprocess.Popen:
    log = workdir / "server.log"
    process = subprocess.Popen(command, cwd=workdir, env=env, stdout=log.open("w"),
                               stderr=subprocess.STDOUT, start_new_session=True)
    port = int(next(part.split("=")[1] for part in command if part.startswith("--")
                    and part.split("=")[0].endswith("port")))
    try:
        _wait_for_port(port, process, log)
    except BaseException:
        _stop(process)
        raise
    return process


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="module")
def env(workdir) -> dict[str, str]:
    """A clean Jupyter environment in the temporary folder: no user config, no saved layout."""
    serve.ensure_kernel()
    environment = serve.environment({
        **os.environ, "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
        "JUPYTER_CONFIG_DIR": str(workdir / "config"),
        EXPORT_DIR_ENV: str(workdir / "exports"), "MPLBACKEND": "Agg"})
    environment.pop("DISPLAY", None)
    return environment


@pytest.fixture(scope="module")
def shots(workdir) -> Path:
    folder = Path(os.environ.get("ZHYTOMYR_KPI_SCREENSHOTS") or workdir / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                  "--disable-background-networking", "--disable-component-update"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def app_server(workdir, env):
    port = serve.free_port()
    process = _start(serve.app_command(port), workdir, env)
    yield f"http://{serve.HOST}:{port}/", process
    _stop(process)


@pytest.fixture(scope="module")
def app_url(app_server):
    return app_server[0]


def _kernels(server: subprocess.Popen) -> set[int]:
    """The Jupyter kernels the server runs now (its descendants, from /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                command = (entry / "cmdline").read_bytes()
            except (OSError, IndexError):
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = (int(fields[1]), b"ipykernel_launcher" in command)
    found, frontier = set(), {server.pid}
    while frontier:
        frontier = {pid for pid, (parent, _) in parents.items() if parent in frontier} - found
        found |= frontier
    return {pid for pid in found if parents[pid][1]}


def _visible_amounts(page, years: tuple[str, ...]) -> float:
    """The sum of the amounts of the rows on screen that the table marks as counted."""
    table = page.locator(".zk-table table").first
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    wanted = [headers.index(y) for y in years]
    counted = headers.index("Рахується в сумі")
    total = 0.0
    for row in table.locator("tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        if cells[counted].strip() != "так":
            continue
        for index in wanted:
            text = cells[index].replace("\u00a0", "").replace(" ", "").replace("−", "-")
            total += float(text.replace(",", ".")) if text not in ("", "—") else 0.0
    return total


def _summary(page) -> str:
    return page.locator(".zk-summary").first.inner_text().replace("\u00a0", " ").strip()


def _expect_summary(page, text: str) -> None:
    """Wait until the summary line shows ``text`` (redraws take a moment on 2 cores)."""
    wanted = text.replace("\u00a0", " ")
    deadline = time.monotonic() + 60
    while _summary(page) != wanted and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert _summary(page) == wanted


def _choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the dropdown whose description is ``label``."""
    dropdown = page.locator(".widget-dropdown").filter(
        has=page.locator("label", has_text=label))
    dropdown.locator("select").select_option(label=option)


def test_app_filters_total_and_rows(browser, app_url, program, shots, workdir):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(app_url, wait_until="domcontentloaded")
    page.locator(".zk-summary").first.wait_for(state="visible")
    _expect_summary(page, select(program).summary)
    assert "import" not in page.inner_text("body")  # Voilà shows no code
    page.screenshot(path=shots / "app_all.png", full_page=False)

    year = program.years[-1]
    _choose(page, "Рік", year)
    chosen = select(program, year=year)
    _expect_summary(page, chosen.summary)
    assert f"за {year} рік" in _summary(page)

    _choose(page, "Напрям", "3. Партисипативні практики")
    chosen = select(program, section="3", year=year)
    _expect_summary(page, chosen.summary)
    rows = page.locator(".zk-table tbody tr")
    assert rows.count() == len(chosen.table)
    assert page.locator(".zk-chart").first.is_visible()
    page.screenshot(path=shots / "app_year_direction.png", full_page=False)

    page.get_by_role("button", name="Зберегти в Excel").click()
    link = page.locator(".zk-saved a")
    link.wait_for(state="visible")
    with page.expect_download() as download_info:
        link.click()
    saved = workdir / "download.xlsx"
    download_info.value.save_as(saved)
    from openpyxl import load_workbook

    sheet = load_workbook(saved).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["№", "Напрям", "Зміст заходу"]
    assert sheet.max_row == len(chosen.table) + 1
    assert list((workdir / "exports").glob("*.xlsx"))
    page.screenshot(path=shots / "app_saved.png", full_page=False)

    page.get_by_role("tab", name="Напрями").click()
    page.locator(".zk-directions button", has_text="1. Спроможність влади").click()
    _expect_summary(page, select(program, section="1", year=year).summary)  # drill-down
    assert page.locator(".zk-table tbody tr").count() == len(
        select(program, section="1", year=year).table)
    page.get_by_role("tab", name="Рік до року").click()
    page.locator(".zk-yoy table").wait_for(state="visible")
    assert "до" in page.locator(".zk-yoy thead").inner_text()
    page.screenshot(path=shots / "app_year_over_year.png", full_page=False)

    page.get_by_role("tab", name="Огляд програми").click()
    page.get_by_text("Ресурсне забезпечення").first.wait_for(state="visible")
    page.screenshot(path=shots / "app_overview.png", full_page=False)
    page.close()


@pytest.mark.parametrize("filters", [
    {"search": "3.2.1"}, {"executor": "Управління культури", "section": "3"}])
def test_app_totals_after_a_search_or_an_executor_are_the_sums_of_the_rows(
        browser, app_url, program, filters):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(app_url, wait_until="domcontentloaded")
    page.locator(".zk-summary").first.wait_for(state="visible")
    _expect_summary(page, select(program).summary)
    year = program.years[1]
    _choose(page, "Рік", year)
    if "section" in filters:
        _choose(page, "Напрям", "3. Партисипативні практики")
    if "executor" in filters:
        _choose(page, "Виконавець", filters["executor"])
    if "search" in filters:
        page.get_by_placeholder("слово або № заходу (3.2.1)").fill(filters["search"])
    chosen = select(program, year=year, **filters)
    _expect_summary(page, chosen.summary)
    assert chosen.total_kuah > 0
    assert _visible_amounts(page, (year,)) == pytest.approx(chosen.total_kuah)
    page.close()


def test_app_has_every_tab_with_numbers_in_ukrainian(browser, app_url, shots):
    from zhytomyr_kpi.views.app import TABS

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(app_url, wait_until="domcontentloaded")
    page.locator(".zk-summary").first.wait_for(state="visible")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.title() == "Програма «Ефективна влада. Конкурентне місто»"
    headings = {"Огляд програми": "Загальний обсяг програми", "Перевірки": "Перевірки документа",
                "Кошти за виконавцями": "Кошти за відповідальними виконавцями",
                "Кошти поза строком": "поза їхнім терміном",
                "Середні видатки": "Середні видатки: зазначено", "Рейтинги": "Рейтинги: цілі",
                "План і факт": "План і факт за", "Портфель програм": "Портфель: усі програми"}
    assert set(headings) == set(TABS[1:])
    for index, title in enumerate(TABS[1:], start=1):
        page.get_by_role("tab", name=title, exact=True).click()
        heading = page.locator("h4", has_text=headings[title]).first
        heading.wait_for(state="visible")
        table = heading.locator("xpath=following-sibling::table[1]")
        assert table.is_visible(), title
        assert any(ch.isdigit() for ch in table.inner_text()), title
        page.screenshot(path=shots / f"app_tab_{index}.png", full_page=False)
    body = page.inner_text("body")
    for english in ("Executing", "Running", "Loading", "Error"):
        assert english not in body
    page.close()


def test_app_visits_leave_no_kernels_behind(browser, workdir, env):
    # twenty visits, one after another; a closed tab's kernel is ended (Voilà's «beforeunload»
    # where the browser sends it, else the culling of idle kernels, made short for the test),
    # and never more kernels run than the cap
    port, cap = serve.free_port(), 3
    server = _start(serve.app_command(port, extra=(
        "--BoundedKernelManager.cull_idle_timeout=5", "--BoundedKernelManager.cull_interval=1",
        f"--BoundedKernelManager.max_kernels={cap}")), workdir, env)
    try:
        context = browser.new_context()  # the colleague's browser stays open, tabs come and go
        most = 0
        for _ in range(20):
            page = context.new_page()
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            deadline = time.monotonic() + PAGE_TIMEOUT_MS / 1000
            while True:  # at the cap the page says «спробуйте за хвилину»: as a colleague would
                page.goto(f"http://{serve.HOST}:{port}/", wait_until="domcontentloaded")
                if page.locator(".zk-summary").count() or "спробуйте" not in page.content():
                    break
                assert time.monotonic() < deadline, "the cap never let a visitor in"
                time.sleep(1)
            page.locator(".zk-summary").first.wait_for(state="visible")
            most = max(most, len(_kernels(server)))
            page.close(run_before_unload=True)
        context.close()
        deadline = time.monotonic() + 60
        while _kernels(server) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _kernels(server) == set()
        assert most <= cap
    finally:
        _stop(server)


#: JupyterLab settings for the test: every cell in the page (no windowing, so all prompts can be
#: read), and no «Jupyter news?» notice over the notebook.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
}


@pytest.fixture(scope="module")
def lab_url(workdir, env):
    import json

    notebooks = workdir / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "00_explore.ipynb", notebooks)
    for name, values in LAB_SETTINGS.items():
        path = workdir / "settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = serve.free_port(), "browser-test"
    command = serve.lab_command(port, token, root_dir=notebooks, extra=(
        f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
        f"--LabApp.user_settings_dir={workdir / 'settings'}"))
    process = _start(command, workdir, env)
    yield f"http://{serve.HOST}:{port}/lab/tree/00_explore.ipynb?token={token}"
    _stop(process)


def test_lab_runs_notebook_00(browser, lab_url, shots):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(lab_url, wait_until="domcontentloaded")
    page.locator(".jp-Notebook").first.wait_for(state="visible")
    kernel = page.locator(".jp-Toolbar-kernelName").first
    kernel.wait_for(state="visible")
    deadline = time.monotonic() + 120
    while "zhytomyr-kpi" not in kernel.inner_text() and time.monotonic() < deadline:
        page.wait_for_timeout(300)
    assert kernel.inner_text().strip() == serve.KERNEL_DISPLAY_NAME
    # JupyterLab speaks Ukrainian (the language pack, set as the default by serve.lab_command)
    page.locator(".jp-StatusBar-TextItem", has_text="Очікування").first.wait_for(state="visible")
    assert page.locator(".lm-MenuBar-itemLabel", has_text="Файл").count() == 1
    page.locator(".lm-MenuBar-itemLabel", has_text="Виконати").first.click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Запустити всі клітинки", exact=True).click()
    code_cells = page.locator(".jp-CodeCell")
    total = code_cells.count()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        prompts = [p.inner_text() for p in page.locator(".jp-CodeCell .jp-InputArea-prompt").all()]
        if len(prompts) == total and all(p.strip("[]: ").isdigit() for p in prompts):
            break
        page.wait_for_timeout(500)
    assert all(p.strip("[]: ").isdigit() for p in prompts), prompts
    page.locator(".jp-CodeCell").nth(3).scroll_into_view_if_needed()
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, errors.all_inner_texts()
    page.locator(".zk-summary").first.wait_for(state="visible")  # the explorer's widgets render
    assert "заход" in page.locator(".zk-summary").first.inner_text()
    page.locator(".zk-summary").first.scroll_into_view_if_needed()
    page.screenshot(path=shots / "lab_00.png", full_page=False)
    page.close()
