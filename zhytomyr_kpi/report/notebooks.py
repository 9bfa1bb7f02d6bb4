"""The audit notebooks: the report notebook executed once per period, kept beside each PDF.

They run in a process of their own (:class:`NotebookProcess`), started before the PDFs are
printed: that process only talks to one Jupyter kernel, and the kernel does the work on the
second core while the report prints. A thread of the report's process would not do: waiting
for the interpreter lock while the PDF is laid out, it made one period's report 40 % slower
(measured; ``make bench``).

No machinery watches anybody: the process ends when its standard input closes (the report
closes it when it stops, and the system closes it when the report is killed outright), and
ipykernel ends with the process that started it. Every notebook is written to its target
only after it has run without an error; a failure is reported as one line in Ukrainian.

The report never waits for ever: :meth:`NotebookProcess.wait` gives up, with one line, when
the process or its kernel has been stopped (``kill -STOP``; state «T» in ``/proc``) for
:data:`STOPPED_SECONDS`, or when the notebooks take longer than :data:`START_SECONDS` plus
:data:`NOTEBOOK_SECONDS` for each period (about a second each when all is well).
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from zhytomyr_kpi.basics.paths import PROJECT_ROOT
from zhytomyr_kpi.report.periods import file_stem

TEMPLATE = PROJECT_ROOT / "notebooks" / "evaluation_report.ipynb"
#: Keep the kernel's own start-up warnings out of the user's terminal.
QUIET_KERNEL = ["--IPKernelApp.log_level=ERROR"]
#: The longest a cell of the report notebook may run (it takes about a second).
CELL_SECONDS = 600
#: How long :meth:`NotebookProcess.stop` waits for the process to end its kernel.
STOP_SECONDS = 30
#: The bound of :meth:`NotebookProcess.wait`: the kernel's start, then each period's notebook.
START_SECONDS = 120
NOTEBOOK_SECONDS = 300
#: How long the process (or its kernel) may stay stopped before the report gives up on it.
STOPPED_SECONDS = 15
_POLL_SECONDS = 0.5


class NotebookError(RuntimeError):
    """The report notebook did not run; the message is its last line."""


def parameters(key: str, actuals_dir: Path | None = None, example: bool = False,
               made_on: str | None = None, settings_path: Path | None = None, *,
               document: Path | None = None, rating_results: Path | None = None,
               quirks: str | bool | None = None) -> dict:
    """The notebook's parameters for one period (what papermill injects).

    ``document``, ``rating_results`` and ``quirks`` name the programme (None: the default
    decision, its ratings file, the quirk set that declares it; ``quirks`` False: none, a
    string: a folder of quirk files), so the notebook reads the same programme as the PDF.
    """
    def where(path) -> str | None:
        # absolute: the notebook runs in its own folder, not where the command was given
        return os.path.abspath(path) if path else None

    return {"year": key, "actuals_dir": where(actuals_dir), "example": example,
            "made_on": made_on, "settings_path": where(settings_path),
            "document": where(document), "rating_results": where(rating_results),
            "quirks": where(quirks) if isinstance(quirks, str | Path) else quirks}


def execute_many(jobs: list[tuple[dict, Path]], template: Path = TEMPLATE) -> list[Path]:
    """Run the notebook once per (parameters, target) in one kernel; write each target.

    The kernel's manager is the asynchronous one nbclient is made for: with it nbclient
    notices a kernel that died (a blocking manager would wait for its output for ever).
    """
    import nbformat
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.parameterize import parameterize_notebook

    source = nbformat.read(template, as_version=4)
    for cell in source.cells:  # what papermill's own preparation does before parameterising
        cell.metadata.setdefault("tags", [])
    source.metadata.setdefault("papermill", {})
    manager = AsyncKernelManager(kernel_name="python3")
    _RUNNING["manager"] = manager  # for _stop()
    written = []
    try:  # a stop while the kernel starts still shuts it down
        run_sync(manager.start_kernel)(extra_arguments=QUIET_KERNEL, cwd=str(template.parent))
        for values, target in jobs:
            notebook = parameterize_notebook(copy.deepcopy(source), values)
            client = NotebookClient(notebook, km=manager, timeout=CELL_SECONDS,
                                    allow_errors=False,
                                    resources={"metadata": {"path": str(template.parent)}})
            try:
                client.execute()
            except DeadKernelError:
                raise NotebookError("ядро Jupyter завершилося аварійно") from None
            except CellTimeoutError:
                raise NotebookError(f"клітинка зошита виконувалася довше за {CELL_SECONDS} с"
                                    ) from None
            _number_from_one(notebook)
            nbformat.write(notebook, Path(target))  # into the report's own folder, never made
            written.append(target)
    finally:
        if manager.has_kernel:
            run_sync(manager.shutdown_kernel)(now=True)
    return written


def _number_from_one(notebook) -> None:
    """One kernel runs every period: number each notebook's cells from 1 again."""
    number = 0
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            number += 1
            cell.execution_count = number
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = number


def execute(key: str, out_dir: Path, template: Path = TEMPLATE, **values) -> Path:
    """Run the report notebook for one period in this process; return the executed notebook."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    target = Path(out_dir) / f"{file_stem(key, values.get('example', False))}.ipynb"
    execute_many([(parameters(key, **values), target)], template)
    return target


def to_html(notebook: Path) -> str:
    """The executed notebook as HTML without code (for comparing speeds in ``make bench``)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic")
    exporter.exclude_input = True
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    return body


def check_template(template: Path) -> None:
    """The report notebook must be there and be JSON: said before any work, in one line."""
    from zhytomyr_kpi.basics.safe_io import describe

    try:
        json.loads(Path(template).read_bytes())
    except OSError as exc:
        raise NotebookError(f"зошит звіту {template}: {describe(exc)}") from None
    except ValueError:
        raise NotebookError(f"зошит звіту {template} пошкоджено (це не JSON)") from None


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def explain(exc: BaseException) -> str:
    """One Ukrainian line for what stopped the notebooks (no English codes, no colours)."""
    from nbclient.exceptions import CellExecutionError

    from zhytomyr_kpi.basics.safe_io import describe

    if isinstance(exc, NotebookError):
        return str(exc)
    if isinstance(exc, CellExecutionError):
        value = _ANSI.sub("", str(getattr(exc, "evalue", "") or "")).strip()
        return "помилка в клітинці" + (f": {value}" if value else "")
    if isinstance(exc, OSError):
        where = exc.filename2 or exc.filename
        return f"{where}: {describe(exc)}" if where else describe(exc)
    if isinstance(exc, TimeoutError | RuntimeError | AssertionError):
        return "ядро Jupyter не відповіло"
    return "непередбачена помилка виконання зошита звіту"


class NotebookProcess:
    """The notebooks of several periods, executed by a child process (see the module doc)."""

    def __init__(self, jobs: list[tuple[dict, Path]], template: Path = TEMPLATE, *,
                 limit: float | None = None, stopped_limit: float = STOPPED_SECONDS) -> None:
        check_template(template)
        self.limit = START_SECONDS + NOTEBOOK_SECONDS * len(jobs) if limit is None else limit
        self.stopped_limit = stopped_limit
        request = {"template": str(template),
                   "jobs": [[values, str(target)] for values, target in jobs]}
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__], stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=str(PROJECT_ROOT))
        try:  # one line of request; the pipe stays open: its end is the child's signal to stop
            self.process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            self.process.stdin.flush()
        except OSError:  # the child died at once; wait() says why
            pass
        self._errors: list[bytes] = []
        self._reader = threading.Thread(target=self._read_errors, daemon=True,
                                        name="notebooks-stderr")
        self._reader.start()

    def _read_errors(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            while chunk := self.process.stderr.read1(1 << 16):
                if sum(map(len, self._errors)) < 1 << 20:  # a runaway child: keep 1 MB
                    self._errors.append(chunk)

    def _stopped(self) -> bool:
        """Whether the process or one of its descendants (the kernel) is stopped (Linux)."""
        return any(_state(pid) in ("T", "t") for pid in _family(self.process.pid))

    def wait(self) -> None:
        """Block until every notebook is written; :class:`NotebookError` if one failed, if
        the process or its kernel is stopped, or if it takes longer than the bound."""
        started = time.monotonic()
        stopped_since = None
        while True:
            try:
                code = self.process.wait(timeout=_POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                pass
            now = time.monotonic()
            if self._stopped():
                stopped_since = stopped_since or now
                if now - stopped_since >= self.stopped_limit:
                    raise NotebookError("процес виконання зошитів зупинено (сигнал STOP), він "
                                        f"не відповідає понад {self.stopped_limit:.0f} с")
            else:
                stopped_since = None
            if now - started >= self.limit:
                raise NotebookError(f"зошити звіту не виконано за {self.limit:.0f} с "
                                    "(процес не відповідає)")
        self._reader.join(STOP_SECONDS)
        error = b"".join(self._errors).decode("utf-8", errors="replace")
        if code != 0:
            lines = [line for line in error.strip().splitlines() if line.strip()]
            if code == 1 and lines:
                raise NotebookError(lines[-1][:300])
            if code in (130, 143, -signal.SIGINT, -signal.SIGTERM):
                raise NotebookError("процес виконання зошитів перервано")
            raise NotebookError("процес виконання зошитів завершився аварійно"
                                + (f" (сигнал {-code})" if code < 0 else f" (код {code})"))

    def stop(self) -> None:
        """End the child (it ends its kernel) and wait for it; safe to call at any moment."""
        with contextlib.suppress(OSError):
            self.process.stdin.close()  # the child's cue, and SIGTERM to make sure
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(OSError):  # a stopped process acts on SIGTERM only now
                os.kill(self.process.pid, signal.SIGCONT)
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stderr and not self.process.stderr.closed:
            self.process.stderr.close()


def _state(pid: int) -> str:
    """A process's state letter from ``/proc`` («R», «S», «T» stopped …); "" where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stream:
            return stream.read().rsplit(b")", 1)[1].split()[0].decode("ascii")
    except (OSError, IndexError, UnicodeDecodeError):
        return ""


def _family(pid: int) -> list[int]:
    """``pid`` and its descendants, from ``/proc/…/children`` (just ``pid`` elsewhere)."""
    found, queue = [], [pid]
    while queue and len(found) < 256:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError, ValueError):
                queue.extend(int(child) for child in task.read_text().split())
    return found


#: The kernel's manager while notebooks run in this process (the child), for :func:`_stop`.
_RUNNING: dict = {}


def _stop(signum, _frame=None) -> None:
    """SIGTERM, or the report gone: end the kernel and this process at once.

    Not by raising: an exception raised while nbclient waits for a cell's reply is caught
    on the way and the process would go on until the cell ends. The kernel runs in a
    session of its own, so it is ended here, with its connection file.
    """
    manager = _RUNNING.get("manager")
    pid = getattr(getattr(manager, "provisioner", None), "pid", None)
    if pid:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    if manager is not None and manager.connection_file:
        with contextlib.suppress(OSError):
            os.unlink(manager.connection_file)
    os._exit(128 + signum)


def _end_with_the_report() -> None:
    """Wait for the end of standard input: the report has stopped us, or has itself ended."""
    with contextlib.suppress(OSError):  # os.read, not sys.stdin: no lock held at the exit
        while os.read(0, 1 << 16):
            pass
    _stop(signal.SIGTERM)


def _first_line() -> bytes:
    """The request, read byte by byte up to its newline: nothing of the pipe is buffered."""
    line = bytearray()
    while (byte := os.read(0, 1)) not in (b"", b"\n"):
        line += byte
    return bytes(line)


def main() -> int:
    """The child process: one JSON request line on stdin; one line on stderr when it fails.

    Ctrl-C is the report's to handle (it then stops this process): ignored here.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    request = json.loads(_first_line())
    threading.Thread(target=_end_with_the_report, daemon=True, name="report-watch").start()
    try:
        execute_many([(values, Path(target)) for values, target in request["jobs"]],
                     Path(request["template"]))
    except Exception as exc:  # reported in one line
        print(explain(exc)[:300], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    code = main()
    sys.stderr.flush()
    os._exit(code)  # not sys.exit: nbclient's exit hooks would print tracebacks after our line
