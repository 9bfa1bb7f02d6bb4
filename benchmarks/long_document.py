"""A long decision: `zhytomyr-kpi validate` on 10 000, 20 000 and 40 000 lines (issue 24, item 5).

Not a test: printed figures (``make bench`` runs it after ``bench.py``; ``python
benchmarks/long_document.py`` alone). The document is the tests' synthetic decision with
measures added to direction 1, each followed by continuation lines (its text running on, one
of them with a number outside the amount columns) — the shape whose validation was quadratic
(issue 24: 1,9 s, 5,7 s and 21 s for 10 000, 20 000 and 40 000 lines; this document on this
machine before the fix: 4,9 s, 18,8 s and 80 s, 16×). A linear parse gives a 40k/10k ratio near
4 (after the fix: 0,40 s, 0,76 s, 1,56 s, 3,9×); the size limit of a decision
(``basics/safe_io.MAX_DECISION_BYTES``) is set from these figures.
"""

from __future__ import annotations

import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 20_000, 40_000)
#: Continuation lines after each added measure (one of them holds a stray number).
CONTINUATIONS = 4


def long_decision(lines: int) -> str:
    """The synthetic decision grown to about ``lines`` lines."""
    sys.path.insert(0, str(ROOT / "tests"))
    import synthetic as syn

    base = syn.document()
    rows = base.splitlines()
    template = next(r for r in rows if r.startswith("1.1.\t"))
    after = next(r for r in rows if r.startswith("1.2\t"))
    added = []
    for k in range(max(lines - len(rows), 0) // (CONTINUATIONS + 1)):
        added.append(template.replace("1.1.\t", f"1.{k // 900 + 3}.{k % 900 + 1}.\t", 1))
        for j in range(CONTINUATIONS):
            stray = "12,5" if j == 0 else ""
            added.append(f"\tпродовження змісту заходу {k}, рядок {j + 1}\t\t\t\t\t\t\t{stray}")
    return base.replace(after + "\n", after + "\n" + "\n".join(added) + "\n", 1)


def validate_seconds(path: Path, repeat: int) -> float:
    """Median wall time of ``zhytomyr-kpi validate PATH`` run in this process (output dropped)."""
    from zhytomyr_kpi.cli import main

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["validate", str(path)])
        times.append(time.perf_counter() - start)
        if code != 0:
            sys.exit(f"validate {path} ended with exit code {code}")
    return statistics.median(times)


def main(repeat: int = 3) -> dict[int, float]:
    medians = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            path = Path(folder) / f"decision_{size}.txt"
            path.write_text(long_decision(size), encoding="utf-8")
            medians[size] = validate_seconds(path, repeat)
            print(f"8. validate a decision of {size:,} lines ({path.stat().st_size / 1e6:.1f} MB): "
                  f"median {medians[size]:.2f} s".replace(",", " "))
    ratio = medians[SIZES[-1]] / medians[SIZES[0]]
    print(f"   40k/10k lines: {ratio:.1f}× (linear: 4×; quadratic: 16×) "
          f"{'OK' if ratio <= 6 else 'SUPER-LINEAR'}")
    return medians


if __name__ == "__main__":
    main()
