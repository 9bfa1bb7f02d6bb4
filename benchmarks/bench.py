"""`make bench`: medians and ratios for the foundation's three performance targets.

Not a test (these machines are shared and noisy): it prints figures for the README.
1. parse + validate in-process (``load_program``)            target ≤ 20 ms median
2. ``zhytomyr-kpi validate`` wall time vs ``python -c "import pandas"``   target ≤ 1.3×
3. parsing the raw text vs ``pandas.read_excel`` of program.xlsx         target ≥ 5× faster
4. one period's report PDF (with its audit notebook) vs executing the report notebook to
   HTML only (two references: the library's own, and ``jupyter nbconvert``)   target ≤ 2×
5. every period's PDF (``make report``) vs one period's PDF              target ≤ 3×
8. ``validate`` of a decision of 10 000, 20 000, 40 000 lines (``long_document.py``)
   the 40k/10k ratio                                             target ≤ 6× (linear: 4×)
9. ``compare``'s matching of 500, 1 000, 2 000 measures, every wording changed
   (``compare_matching.py``) the 2000/500 ratio                   target ≤ 6× (linear: 4×)

``python benchmarks/bench.py report`` runs only 4 and 5.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def median_seconds(action, repeat: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(command: list[str]) -> None:
    """Run a command quietly; when it fails, stop with the last line it printed."""
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=False)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit code {done.returncode}"]
        sys.exit(f"benchmark command failed: {' '.join(command[:4])}…: {lines[-1]}")


def main() -> None:
    if sys.argv[1:] != ["report"]:
        foundation()
    report()


def foundation() -> None:
    import pandas as pd

    from zhytomyr_kpi import load_program
    from zhytomyr_kpi.basics.paths import PROCESSED_DIR

    parse = median_seconds(load_program, repeat=100)
    print(f"1. parse + validate in-process: median {parse * 1000:.1f} ms "
          f"(target ≤ 20 ms) {'OK' if parse <= 0.020 else 'OVER'}")

    cli = median_seconds(lambda: run([str(BIN / "zhytomyr-kpi"), "validate"]), repeat=21)
    bare = median_seconds(lambda: run([sys.executable, "-c", "import pandas"]), repeat=21)
    ratio = cli / bare
    print(f"2. `zhytomyr-kpi validate`: median {cli * 1000:.0f} ms; `python -c \"import pandas\"`:"
          f" {bare * 1000:.0f} ms; ratio {ratio:.2f}× (target ≤ 1.3×) "
          f"{'OK' if ratio <= 1.3 else 'OVER'}")

    workbook = PROCESSED_DIR / "program.xlsx"
    excel = median_seconds(lambda: pd.read_excel(workbook, sheet_name=None), repeat=11)
    speedup = excel / parse
    print(f"3. read_excel(program.xlsx, all sheets): median {excel * 1000:.0f} ms; parsing the "
          f"raw text is {speedup:.0f}× faster (target ≥ 5×) {'OK' if speedup >= 5 else 'UNDER'}")

    from long_document import main as long_document  # benchmarks/long_document.py: issue 24, 5

    long_document()

    from compare_matching import main as compare_matching  # benchmarks/compare_matching.py

    compare_matching()


def interleaved_medians(commands: dict[str, list[str]],
                        rounds: int) -> tuple[dict[str, float], dict[str, float]]:
    """Median wall time and CPU time (all its processes) of each command, run in turn for
    ``rounds`` rounds after a warm-up.

    In turn, not one after another: a slow minute of a shared machine then slows every
    command alike instead of one of them, and the ratios stay meaningful.
    """
    import resource

    def cpu() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(rounds + 1):
        for name, command in commands.items():
            start, start_cpu = time.perf_counter(), cpu()
            run(command)
            if round_:  # round 0 warms the disk cache
                walls[name].append(time.perf_counter() - start)
                cpus[name].append(cpu() - start_cpu)
    return ({name: statistics.median(v) for name, v in walls.items()},
            {name: statistics.median(v) for name, v in cpus.items()})


def report() -> None:
    """Each measured as a fresh process, as the department runs it (imports included).

    Two ways of executing the report notebook to HTML are the reference for aim 4: the
    library's own (``report.notebooks.execute`` + ``to_html``, one process, the strict one)
    and Jupyter's usual command (``jupyter nbconvert --execute --to html``).
    """
    import tempfile

    from zhytomyr_kpi.report.notebooks import TEMPLATE

    year = "2019"  # the template's own parameter, so nbconvert runs the same period
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        medians, cpu = interleaved_medians({
            "html": [sys.executable, "-c", (
                "from pathlib import Path; from zhytomyr_kpi.report.notebooks import execute, "
                f"to_html; to_html(execute('{year}', Path(r'{out}')))")],
            "nbconvert": [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                          "--execute", str(TEMPLATE), "--output-dir", str(out),
                          "--log-level=ERROR"],
            "one": [str(BIN / "zhytomyr-kpi"), "report", "--year", year, "--out", str(out)],
            "every": [str(BIN / "zhytomyr-kpi"), "report", "--all", "--out", str(out)],
        }, rounds=5)
    one, every = medians["one"], medians["every"]
    for name, label in (("html", "the library's execute + to_html"),
                        ("nbconvert", "`jupyter nbconvert --execute --to html`")):
        ratio = one / medians[name]
        print(f"4. report {year} (PDF + audit notebook): median {one:.1f} s; the report notebook "
              f"executed to HTML by {label}: {medians[name]:.1f} s; ratio {ratio:.2f}× "
              f"(target ≤ 2×) {'OK' if ratio <= 2 else 'OVER'}")
    ratio_all = every / one
    print(f"5. every period (`make report`): median {every:.1f} s; {ratio_all:.2f}× one period "
          f"(target ≤ 3×) {'OK' if ratio_all <= 3 else 'OVER'}")
    cores = os.cpu_count() or 1
    print(f"   CPU time of all their processes: one period {cpu['one']:.1f} s, every period "
          f"{cpu['every']:.1f} s, the notebook to HTML {cpu['html']:.1f} s; on {cores} cores "
          f"no faster than {cpu['one'] / cores:.1f} s and {cpu['every'] / cores:.1f} s")

    from intake import main as intake  # benchmarks/intake.py: the executors' intake

    intake()


if __name__ == "__main__":
    main()
