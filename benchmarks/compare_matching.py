"""Matching two editions' measures when every wording differs: 500, 1 000 and 2 000 measures.

Not a test (``make bench`` runs it after ``bench.py``; ``python benchmarks/compare_matching.py``
alone). The worst case for :func:`zhytomyr_kpi.compare.matching.match`: no measure keeps its
wording or its id, so everything reaches round 4 (the most similar wording). Comparing all with
all with difflib took 31 s for 2 000 measures in four directions on this machine; within a
window of ``WINDOW`` places and with rapidfuzz: 0,04 s, 0,09 s and 0,20 s for 500, 1 000 and
2 000 (ratio 4,7×). The work grows linearly, so the 2 000/500 ratio should stay near 4.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (500, 1_000, 2_000)
WORDS = ("проведення", "навчання", "придбання", "послуг", "товарів", "забезпечення", "участі",
         "розвитку", "міста", "організація", "заходів", "підтримка", "програми",
         "інвестиційного", "промоції", "рейтингу", "сайту", "членських", "внесків",
         "конкурсу", "делегацій", "обладнання", "відкритих", "даних")


def editions(count: int, seed: int = 1) -> tuple[list, list]:
    """Two editions of ``count`` measures each, in four directions, no wording or id shared."""
    sys.path.insert(0, str(ROOT))
    from zhytomyr_kpi.compare.matching import Item

    rnd = random.Random(seed)

    def text() -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(12)) + f" {rnd.randrange(10**6)}"

    old = [Item(f"{k % 4 + 1}.{k}", str(k % 4 + 1), text(), "", k) for k in range(count)]
    new = [Item(f"{k % 4 + 1}.{k + count}", str(k % 4 + 1), text(), "", k) for k in range(count)]
    return old, new


def main(repeat: int = 3) -> dict[int, float]:
    from zhytomyr_kpi.compare.matching import match

    medians = {}
    for size in SIZES:
        old, new = editions(size)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            match(old, new)
            times.append(time.perf_counter() - start)
        medians[size] = statistics.median(times)
        count = f"{size:,}".replace(",", " ")
        print(f"9. compare: match {count} measures, every wording changed: "
              f"median {medians[size]:.2f} s")
    ratio = medians[SIZES[-1]] / medians[SIZES[0]]
    print(f"   2000/500 measures: {ratio:.1f}× (linear: 4×; all with all: 16×) "
          f"{'OK' if ratio <= 6 else 'SUPER-LINEAR'}")
    return medians


if __name__ == "__main__":
    main()
