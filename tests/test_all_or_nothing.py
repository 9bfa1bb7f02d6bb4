"""Issue 24, item 4: a multi-file output is written whole or not at all (a full disk in the
middle of the per-executor templates used to leave 2 of 22 workbooks)."""

import errno

import pytest

from zhytomyr_kpi.actuals.template import departments, write_templates
from zhytomyr_kpi.basics import safe_io
from zhytomyr_kpi.basics.errors import OutputError


def _disk_full_after(monkeypatch, good: int) -> None:
    real = safe_io._write_file
    calls = {"n": 0}

    def write(path, data):
        calls["n"] += 1
        if calls["n"] > good:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(safe_io, "_write_file", write)


def test_a_full_disk_leaves_no_template_and_the_rerun_is_clean(program, tmp_path, monkeypatch):
    out = tmp_path / "templates"
    _disk_full_after(monkeypatch, 2)
    with pytest.raises(OutputError) as caught:
        write_templates(program, out, "2019", 2)
    assert "не записано жодного" in str(caught.value)
    assert list(out.iterdir()) == []  # no workbook, no staging folder
    monkeypatch.undo()
    written = write_templates(program, out, "2019", 2)  # the rerun needs no --force
    assert len(written) == len(departments(program, "2019")) > 2
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)


def test_write_together_replaces_nothing_when_it_fails(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_bytes(b"old")
    _disk_full_after(monkeypatch, 1)
    with pytest.raises(OutputError):
        safe_io.write_together({"a.txt": b"new", "b.txt": b"new"}, tmp_path)
    assert (tmp_path / "a.txt").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
