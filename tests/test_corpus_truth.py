"""The corpus of other programmes (tests/data/corpus/): six decisions of other councils, written
without reading the parser, each with a truth file of every amount and of what is planted.

Here the corpus is checked against itself by its own standard-library script (every line
reference, every sum, every efficiency ratio; the disagreements are exactly the planted ones),
so that an edit of a decision or of a truth file that breaks the agreement is caught. Reading
these programmes with the project is issue 19's work (today each stops at a wording of its own).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
PROGRAMMES = sorted(p.parent.name for p in CORPUS.glob("*/truth.json"))


def test_the_corpus_has_six_programmes_of_different_terms():
    assert len(PROGRAMMES) >= 6
    terms = {len(json.loads((CORPUS / n / "truth.json").read_text(encoding="utf-8"))["years"])
             for n in PROGRAMMES}
    assert terms == {1, 2, 3, 4, 5}


def test_every_truth_file_agrees_with_its_decision():
    done = subprocess.run([sys.executable, str(CORPUS / "check_truth.py")], capture_output=True,
                          text=True, check=False, cwd=CORPUS)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    for name in PROGRAMMES:
        assert f"{name}" in done.stdout


@pytest.mark.parametrize("name", PROGRAMMES)
def test_every_planted_inconsistency_names_its_line(name):
    truth = json.loads((CORPUS / name / "truth.json").read_text(encoding="utf-8"))
    lines = (CORPUS / name / "decision.txt").read_text(encoding="utf-8").splitlines()
    for planted in truth["planted"]:
        assert 1 <= planted["line"] <= len(lines)
        assert planted["kind"] and planted["what"]
