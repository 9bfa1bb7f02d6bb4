"""The report's processes: the audit notebooks' own process and its kernel, and their ends.

A report runs in the report's process, the notebooks' process and one Jupyter kernel (see
:mod:`zhytomyr_kpi.report.pdf`). Whatever fails or is interrupted, the user gets one line,
nothing half-written, and no process left running.

The tests never look at processes outside the run they start (only its descendants, read
from /proc) and never wait a fixed time: they wait for a condition (a marker file, a
kernel among the descendants), bounded by a generous deadline.
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

from zhytomyr_kpi.basics.errors import OutputError
from zhytomyr_kpi.basics.paths import PROJECT_ROOT
from zhytomyr_kpi.report import notebooks as audit_notebooks
from zhytomyr_kpi.report import pdf

PYTHON = sys.executable
DEADLINE = 120  # seconds: only a broken run takes this long, a loaded machine never does
pytestmark = pytest.mark.skipif(not Path("/proc/self/cmdline").exists(),
                                reason="processes are found through /proc (Linux)")


def _parents() -> dict[int, int]:
    """Every process now running → its parent (from /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[0] != "Z":  # a zombie has ended
                found[int(entry.name)] = int(fields[1])
    return found


def _descendants(pid: int) -> set[int]:
    """The processes started by ``pid``, by its children, and so on (running ones)."""
    parents = _parents()
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _kernels(pid: int) -> set[int]:
    return {p for p in _descendants(pid) if "ipykernel_launcher" in _command(p)}


def _alive(pids: set[int]) -> set[int]:
    return set(_parents()) & pids


def _until(condition, what: str, seconds: float = DEADLINE):
    """Wait for ``condition()`` to be true (returns its value); fail naming ``what``."""
    deadline = time.monotonic() + seconds
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s: {what}")
        time.sleep(0.05)
    return value


@pytest.mark.parametrize("module", ["zhytomyr_kpi.report.notebooks", "zhytomyr_kpi.report",
                                    "zhytomyr_kpi.report.pdf"])
def test_light_modules_load_no_heavy_libraries(module):
    # the notebooks' process must start fast (no pandas); the report's text needs no charts
    heavy = ["matplotlib"] + (["pandas"] if module == "zhytomyr_kpi.report.notebooks" else [])
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


SLOW = "import time; time.sleep(600)"  # only a prompt stop ends it in time


def test_a_failing_notebook_is_one_line_and_nothing_is_written(tmp_path, monkeypatch, program):
    started = []

    def remember(*args, **kwargs):
        started.append(audit_notebooks.NotebookProcess(
            *args, template=_template_with(tmp_path, 'raise ValueError("зошит зламано")'),
            **kwargs))
        return started[-1]

    monkeypatch.setattr(pdf, "NotebookProcess", remember)
    out = tmp_path / "out"
    with pytest.raises(pdf.PdfError) as failure:
        pdf.make_reports(["2019"], out, program=program)
    assert str(failure.value) == "зошит звіту не виконався: помилка в клітинці: зошит зламано"
    assert list(out.iterdir()) == []  # neither the PDF nor the notebook, no temporary folder
    assert started[0].process.returncode == 1  # it ended, its kernel shut down first


def test_a_failing_print_stops_the_notebooks_and_their_kernel(tmp_path, monkeypatch, program):
    started, helpers = [], set()
    slow = _template_with(tmp_path, SLOW)

    def remember(*args, **kwargs):
        started.append(audit_notebooks.NotebookProcess(*args, template=slow, **kwargs))
        return started[-1]

    def no_pdf(html, target, *args, **kwargs):
        helpers.update(_until(lambda: _kernels(started[0].process.pid), "the kernel starts"))
        raise pdf.PdfError("не вдалося створити PDF: перевірка")

    monkeypatch.setattr(pdf, "NotebookProcess", remember)
    monkeypatch.setattr(pdf, "html_to_pdf", no_pdf)
    out = tmp_path / "out"
    with pytest.raises(pdf.PdfError, match="перевірка"):
        pdf.make_reports(["2019"], out, program=program)
    assert started and started[0].process.returncode is not None
    assert list(out.iterdir()) == []
    _until(lambda: not _alive(helpers), "the kernel ends with the notebooks' process", 30)


#: A report whose printing waits (for a signal) once it has begun: the marker says so.
HELD_REPORT = """
import sys, time
from pathlib import Path
from zhytomyr_kpi.report import pdf

def held(html, target, *args, **kwargs):
    Path(sys.argv[1]).write_text("printing", encoding="utf-8")
    time.sleep(600)

pdf.html_to_pdf = held
from zhytomyr_kpi.cli import main
sys.exit(main(["report", "--year", "2019", "--out", sys.argv[2]]))
"""


def _held_report(tmp_path: Path, **popen) -> tuple[subprocess.Popen, Path, Path]:
    marker, out = tmp_path / "printing", tmp_path / "out"
    script = tmp_path / "held_report.py"
    script.write_text(HELD_REPORT, encoding="utf-8")
    run = subprocess.Popen([PYTHON, str(script), str(marker), str(out)], cwd=PROJECT_ROOT,
                           stdout=subprocess.DEVNULL, **popen)
    return run, marker, out


@pytest.mark.parametrize(("how", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_report_leaves_no_file_no_process_no_traceback(tmp_path, how, code):
    run, marker, out = _held_report(tmp_path, stderr=subprocess.PIPE, text=True,
                                    start_new_session=True)
    _until(marker.exists, "the report starts printing")
    _until(lambda: _kernels(run.pid), "the notebooks' kernel starts")
    helpers = _descendants(run.pid)
    if how == signal.SIGINT:
        os.killpg(run.pid, how)  # Ctrl-C reaches the whole foreground group
    else:
        run.send_signal(how)  # `kill`: the report process alone
    _, err = run.communicate(timeout=DEADLINE)
    assert run.returncode == code
    assert err == "zhytomyr-kpi: перервано; незавершені файли не записано, попередні не змінено\n"
    assert not list(out.glob("*.pdf")) and not list(out.glob("*.ipynb"))
    assert not list(out.glob(".build-*"))  # the temporary folder is removed too
    assert _alive(helpers) == set()


def test_every_helper_ends_when_the_report_is_killed_outright(tmp_path):
    # SIGKILL: the report cleans nothing up; the notebooks' process sees its input close,
    # and the kernel sees its parent go
    run, marker, _ = _held_report(tmp_path, stderr=subprocess.DEVNULL)
    _until(marker.exists, "the report starts printing")
    kernels = _until(lambda: _kernels(run.pid), "the notebooks' kernel starts")
    helpers = _descendants(run.pid)
    assert len(helpers) >= 2 and kernels <= helpers  # the notebooks' process and its kernel
    run.kill()
    run.wait()
    _until(lambda: not _alive(helpers), "every helper ends", seconds=30)


def test_a_kernel_that_dies_is_one_ukrainian_line(tmp_path):
    inside = tmp_path / "in the cell"
    notebooks = audit_notebooks.NotebookProcess(
        [(audit_notebooks.parameters("2019"), tmp_path / "a.ipynb")],
        template=_template_with(tmp_path, f"from pathlib import Path; "
                                          f"Path(r'{inside}').touch(); {SLOW}"))
    try:
        kernels = _until(lambda: _kernels(notebooks.process.pid), "the kernel starts")
        _until(inside.exists, "the kernel runs the long cell")
        for pid in kernels:
            os.kill(pid, signal.SIGKILL)
        outcome: list[BaseException] = []

        def wait() -> None:
            try:
                notebooks.wait()
            except BaseException as exc:  # looked at below
                outcome.append(exc)

        waiting = threading.Thread(target=wait, daemon=True)
        waiting.start()
        waiting.join(DEADLINE)  # a blocking kernel client would wait here for ever
        assert not waiting.is_alive()
    finally:
        notebooks.stop()
    assert [type(e) for e in outcome] == [audit_notebooks.NotebookError]
    assert str(outcome[0]) == "ядро Jupyter завершилося аварійно"
    assert not (tmp_path / "a.ipynb").exists()


def test_stop_ends_the_notebooks_and_the_kernel_at_once(tmp_path):
    notebooks = audit_notebooks.NotebookProcess(
        [(audit_notebooks.parameters("2019"), tmp_path / "a.ipynb")],
        template=_template_with(tmp_path, SLOW))
    _until(lambda: _kernels(notebooks.process.pid), "the kernel starts")
    helpers = _descendants(notebooks.process.pid) | {notebooks.process.pid}
    notebooks.stop()
    notebooks.stop()  # twice is harmless
    assert notebooks.process.returncode is not None
    _until(lambda: not _alive(helpers), "the kernel ends", seconds=30)
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


def test_several_periods_are_printed_in_this_process_alone(tmp_path, monkeypatch, program):
    # one plain path: no forked printing or drawing workers, whatever the number of periods
    printed = []

    def here(html, target, *args, **kwargs):
        printed.append((os.getpid(), threading.current_thread() is threading.main_thread()))
        Path(target).write_bytes(b"%PDF-1.7 test")

    monkeypatch.setattr(pdf, "html_to_pdf", here)
    pdf.make_reports(["2018", "2019"], tmp_path / "out", program=program, keep_notebook=False)
    assert printed == [(os.getpid(), True)] * 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "evaluation_2018.docx", "evaluation_2018.pdf", "evaluation_2019.docx", "evaluation_2019.pdf"]
