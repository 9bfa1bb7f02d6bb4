"""The report's processes: the audit notebooks' own process, the chart worker, their ends.

A report runs in several processes (see :mod:`zhytomyr_kpi.pdf`). Whatever fails or is
interrupted, the user gets one line, nothing half-written, and no process left running.
"""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from zhytomyr_kpi import audit_notebooks, pdf
from zhytomyr_kpi.errors import OutputError
from zhytomyr_kpi.paths import PROJECT_ROOT

PYTHON = sys.executable
pytestmark = pytest.mark.skipif(not Path("/proc/self/cmdline").exists(),
                                reason="processes are found through /proc (Linux)")


def _helpers() -> set[str]:
    """Process ids of audit-notebook runners and Jupyter kernels now running."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "zhytomyr_kpi.audit_notebooks" in command or "ipykernel_launcher" in command:
            found.add(entry.name)
    return found


def _settle(before: set[str], seconds: float = 15) -> set[str]:
    """The helpers started since ``before`` still running after up to ``seconds``."""
    deadline = time.monotonic() + seconds
    while (left := _helpers() - before) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


@pytest.mark.parametrize("module", ["zhytomyr_kpi.audit_notebooks", "zhytomyr_kpi.report",
                                    "zhytomyr_kpi.pdf"])
def test_light_modules_load_no_heavy_libraries(module):
    # the notebooks' process must start fast (no pandas); the report's text needs no charts
    heavy = ["matplotlib"] + (["pandas"] if module == "zhytomyr_kpi.audit_notebooks" else [])
    done = subprocess.run(
        [PYTHON, "-c", f"import sys, {module}; print([m for m in {heavy!r} if m in sys.modules])"],
        capture_output=True, text=True, check=True, cwd=PROJECT_ROOT)
    assert done.stdout.strip() == "[]"


def _template_with(tmp_path: Path, code: str) -> Path:
    """The report notebook with one more cell after the setup (to fail or to take long)."""
    notebook = nbformat.read(audit_notebooks.TEMPLATE, as_version=4)
    notebook.cells.insert(3, nbformat.v4.new_code_cell(code))
    changed = tmp_path / "changed.ipynb"
    nbformat.write(notebook, changed)
    return changed


SLOW = "import time; time.sleep(60)"  # only a prompt stop ends it in time


def test_a_failing_notebook_is_one_line_and_nothing_is_written(tmp_path, monkeypatch, program):
    before = _helpers()
    monkeypatch.setattr(pdf, "NotebookProcess", functools.partial(
        audit_notebooks.NotebookProcess,
        template=_template_with(tmp_path, 'raise ValueError("зошит зламано")')))
    out = tmp_path / "out"
    with pytest.raises(pdf.PdfError) as failure:
        pdf.make_reports(["2019"], out, program=program)
    assert str(failure.value) == "зошит звіту не виконався: помилка в клітинці: зошит зламано"
    assert list(out.iterdir()) == []  # neither the PDF nor the notebook, no temporary folder
    assert _settle(before) == set()


def test_a_failing_print_stops_the_notebooks_and_their_kernel(tmp_path, monkeypatch, program):
    before = _helpers()
    started = []

    slow = _template_with(tmp_path, SLOW)

    def remember(*args, **kwargs):
        started.append(audit_notebooks.NotebookProcess(*args, template=slow, **kwargs))
        return started[-1]

    def no_pdf(html, target, *args, **kwargs):
        deadline = time.monotonic() + 60
        while len(_helpers() - before) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)  # the kernel is up (and soon in the minute-long cell)
        time.sleep(1)
        raise pdf.PdfError("не вдалося створити PDF: перевірка")

    monkeypatch.setattr(pdf, "NotebookProcess", remember)
    monkeypatch.setattr(pdf, "html_to_pdf", no_pdf)
    out = tmp_path / "out"
    with pytest.raises(pdf.PdfError, match="перевірка"):
        pdf.make_reports(["2019"], out, program=program)
    assert started and started[0].process.returncode is not None
    assert list(out.iterdir()) == []
    assert _settle(before, seconds=10) == set()


@pytest.mark.parametrize(("how", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_report_leaves_no_file_no_process_no_traceback(tmp_path, how, code):
    before = _helpers()
    out = tmp_path / "out"
    run = subprocess.Popen([PYTHON, "-m", "zhytomyr_kpi", "report", "--year", "2019", "--out",
                            str(out)], cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (_helpers() - before) and time.monotonic() < deadline:  # the kernel is starting
        time.sleep(0.05)
    time.sleep(0.5)
    if how == signal.SIGINT:
        os.killpg(run.pid, how)  # Ctrl-C reaches the whole foreground group
    else:
        run.send_signal(how)  # `kill`: the report process alone
    _, err = run.communicate(timeout=60)
    assert run.returncode == code
    assert err == "zhytomyr-kpi: перервано; незавершені файли не записано, попередні не змінено\n"
    assert not list(out.glob("*.pdf")) and not list(out.glob("*.ipynb"))
    assert _settle(before) == set()


def test_notebooks_stop_when_the_report_process_is_killed(tmp_path):
    # a notebook that would run for a minute: only the watch on the parent can end it soon
    slow = _template_with(tmp_path, SLOW)
    parent = tmp_path / "parent.py"
    parent.write_text(
        "import time\nfrom pathlib import Path\n"
        "from zhytomyr_kpi.audit_notebooks import NotebookProcess, parameters\n"
        f"NotebookProcess([(parameters('2019'), Path(r'{tmp_path}') / 'a.ipynb')], "
        f"template=Path(r'{slow}'))\ntime.sleep(120)\n", encoding="utf-8")
    before = _helpers()
    run = subprocess.Popen([PYTHON, str(parent)], cwd=PROJECT_ROOT)
    deadline = time.monotonic() + 60
    while len(_helpers() - before) < 2 and time.monotonic() < deadline:  # runner and kernel
        time.sleep(0.05)
    assert len(_helpers() - before) == 2
    run.kill()
    run.wait()
    assert _settle(before, seconds=10) == set()
    assert not (tmp_path / "a.ipynb").exists()


def _children(pid: int) -> set[int]:
    """Direct children of a process (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.add(int(entry.name))
    return found


def _alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()
            and "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()}


def test_every_helper_ends_when_the_report_is_killed_outright(tmp_path):
    # SIGKILL: the report cleans nothing up; its chart worker and notebooks' process must
    # notice on their own
    run = subprocess.Popen([PYTHON, "-m", "zhytomyr_kpi", "report", "--year", "2019", "--out",
                            str(tmp_path / "out")], cwd=PROJECT_ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(helpers := _children(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # the notebooks' process and the forked chart worker
    assert len(helpers) >= 2
    run.kill()
    run.wait()
    deadline = time.monotonic() + 10
    while _alive(helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _alive(helpers) == set()


def test_a_kernel_that_dies_is_one_ukrainian_line(tmp_path):
    notebooks = audit_notebooks.NotebookProcess(
        [(audit_notebooks.parameters("2019"), tmp_path / "a.ipynb")],
        template=_template_with(tmp_path, SLOW))
    deadline = time.monotonic() + 60
    while not (kernel := _children(notebooks.process.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert kernel
    time.sleep(1)
    for pid in kernel:
        os.kill(pid, signal.SIGKILL)
    outcome: list[BaseException] = []

    def wait() -> None:
        try:
            notebooks.wait()
        except BaseException as exc:  # looked at below
            outcome.append(exc)

    waiting = threading.Thread(target=wait, daemon=True)
    waiting.start()
    waiting.join(60)  # a blocking kernel client would wait here for ever
    stuck = waiting.is_alive()
    notebooks.stop()
    assert not stuck
    assert [type(e) for e in outcome] == [audit_notebooks.NotebookError]
    assert str(outcome[0]) == "ядро Jupyter завершилося аварійно"
    assert not (tmp_path / "a.ipynb").exists()


def _no_printing(*args, **kwargs):
    raise AssertionError("printed although the run was bound to fail")


def test_a_broken_template_is_said_before_any_work(tmp_path, monkeypatch, program):
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{не JSON", encoding="utf-8")
    monkeypatch.setattr(pdf, "NotebookProcess", functools.partial(
        audit_notebooks.NotebookProcess, template=broken))
    monkeypatch.setattr(pdf, "html_to_pdf", _no_printing)
    out = tmp_path / "out"
    with pytest.raises(pdf.PdfError) as failure:
        pdf.make_reports(["2019"], out, program=program)
    assert str(failure.value) == f"зошит звіту не виконався: зошит звіту {broken} пошкоджено " \
        "(це не JSON)"
    assert list(out.iterdir()) == []


def test_a_target_in_the_way_stops_the_run_before_any_report_is_replaced(tmp_path, monkeypatch,
                                                                        program):
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "evaluation_2018.pdf"
    earlier.write_bytes(b"%PDF the earlier report")
    (out / "evaluation_2019.ipynb").mkdir()  # a folder where the second notebook goes
    monkeypatch.setattr(pdf, "html_to_pdf", _no_printing)
    with pytest.raises(OutputError, match=r"evaluation_2019\.ipynb: це тека"):
        pdf.make_reports(["2018", "2019"], out, program=program)
    assert earlier.read_bytes() == b"%PDF the earlier report"
    assert sorted(p.name for p in out.iterdir()) == ["evaluation_2018.pdf",
                                                     "evaluation_2019.ipynb"]


def test_out_is_a_file_is_one_line(tmp_path, capsys):
    from zhytomyr_kpi.cli import main

    a_file = tmp_path / "reports"
    a_file.write_text("", encoding="utf-8")
    assert main(["report", "--year", "2019", "--out", str(a_file)]) == 2
    assert capsys.readouterr().err == \
        f"zhytomyr-kpi: помилка: {a_file}: це файл, а не тека; вкажіть теку для звітів\n"


def test_a_chart_worker_that_dies_is_one_line(tmp_path, monkeypatch, program):
    from zhytomyr_kpi.report import document

    monkeypatch.setattr(document, "figures", lambda data: os._exit(9))  # as if killed
    out = tmp_path / "out"
    with pytest.raises(pdf.PdfError, match=r"^процес, що друкував PDF, завершився аварійно"):
        pdf.make_reports(["2019"], out, program=program, keep_notebook=False)
    assert list(out.iterdir()) == []


def _niceness(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[16])  # the 19th field of stat, after pid and (comm)


@pytest.mark.parametrize("yield_cores", [True, False])
def test_for_one_period_the_notebooks_and_their_kernel_yield_the_cores(tmp_path, yield_cores):
    notebooks = audit_notebooks.NotebookProcess(
        [(audit_notebooks.parameters("2019"), tmp_path / "a.ipynb")],
        template=_template_with(tmp_path, SLOW), yield_cores=yield_cores)
    try:
        deadline = time.monotonic() + 60
        while not (kernel := _children(notebooks.process.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert kernel
        expected = min(19, _niceness(os.getpid())
                       + (audit_notebooks.NICENESS if yield_cores else 0))
        assert _niceness(notebooks.process.pid) == expected
        assert {_niceness(pid) for pid in kernel} == {expected}
    finally:
        notebooks.stop()
