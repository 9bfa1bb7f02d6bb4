from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from zhytomyr_kpi import load_program
from zhytomyr_kpi.basics.paths import REVIEWED_DIR


@pytest.fixture(scope="session")
def program():
    """The real decision, read once."""
    return load_program()


@pytest.fixture
def write_doc(tmp_path):
    """Write a synthetic document (str or bytes) and return its path."""
    def write(content: str | bytes, name: str = "doc.txt") -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path
    return write


QUIRK_HEADERS = {
    "line_roles": "source_line,starts_with,role,printed_id,reason",
    "id_renames": "printed_id,occurrence,measure_id,reason",
    "breakdowns": "parent_id,reason",
    "amount_layouts": "measure_id,columns,reason",
    "cell_roles": "measure_id,role,reason",
    "text_corrections": "measure_id,field,printed,corrected,reason",
}


@pytest.fixture
def quirks_dir(tmp_path):
    """A folder of quirk files for synthetic documents: 2.1 is a «в т. ч.» parent."""
    def make(**rows: list[str]) -> Path:
        folder = tmp_path / "quirks"
        folder.mkdir(exist_ok=True)
        rows.setdefault("breakdowns", ["2.1,the parent is the sum of 2.1.1 and 2.1.2"])
        for name, header in QUIRK_HEADERS.items():
            body = "".join(line + "\n" for line in rows.get(name, []))
            (folder / f"{name}.csv").write_text(header + "\n" + body, encoding="utf-8")
        # The synthetic documents number Annex B as No. 1685 does, so they declare its maps
        # (which indicators an efficiency indicator divides, which measures a cost covers).
        for name in ("efficiency_pairs.csv", "cost_measures.csv"):
            shutil.copy(REVIEWED_DIR / name, folder / name)
        return folder
    return make


@pytest.fixture
def load_synthetic(write_doc, quirks_dir):
    """Load a synthetic document; by default 2.1 is a «в т. ч.» parent of 2.1.1 and 2.1.2."""
    def load(text: str, quirks=None):
        return load_program(write_doc(text), quirks=quirks if quirks is not None else quirks_dir())
    return load
