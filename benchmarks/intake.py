"""Executors' intake: how fast hostile workbooks are refused, and what a normal intake costs.

Not a test: printed figures for the README (``make bench`` runs it after ``bench.py``).
6. a 1 MB workbook whose sheet unpacks to 1 GB, and one cell at G1048576 — refused before
   openpyxl parses anything                                  target: each < 1 s
7. one per-executor workbook checked and stored; the whole example set (every executor,
   every year) built through the intake; the store read back     no target (reference)
"""

from __future__ import annotations

import io
import resource
import tempfile
import time
import zipfile
from pathlib import Path

MEASURES_XML = "xl/worksheets/sheet2.xml"


def _bomb(blank: bytes, target: Path, gigabytes: int = 1) -> Path:
    """The sheet XML padded with ``gigabytes`` of spaces, streamed (about 1 MB per GB)."""
    with zipfile.ZipFile(io.BytesIO(blank)) as old, zipfile.ZipFile(
            target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            content = old.read(info.filename)
            if info.filename != MEASURES_XML:
                new.writestr(info.filename, content)
                continue
            head, tail = content.split(b"<sheetData>", 1)
            with new.open(info.filename, "w", force_zip64=True) as stream:
                stream.write(head + b"<sheetData>")
                chunk = b" " * (1 << 24)
                for _ in range(64 * gigabytes):
                    stream.write(chunk)
                stream.write(tail)
    return target


def _far_cell(blank: bytes, target: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(blank)) as old, zipfile.ZipFile(
            target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            content = old.read(info.filename)
            if info.filename == MEASURES_XML:
                content = content.replace(b"</sheetData>", b'<row r="1048576"><c r="G1048576" '
                                          b't="n"><v>1</v></c></row></sheetData>')
            new.writestr(info.filename, content)
    return target


def _refusal(program, path: Path) -> tuple[float, str]:
    from zhytomyr_kpi import actuals

    start = time.perf_counter()
    try:
        actuals.check_workbook(program, path)
        message = "ACCEPTED"
    except actuals.ActualsError as exc:
        message = str(exc).split(": ", 1)[1]
    return time.perf_counter() - start, message


def main() -> None:
    from zhytomyr_kpi import actuals, load_program

    program = load_program()
    blank = actuals.template_bytes(program, program.years[1], 4)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for label, path in (("1 GB sheet (zip bomb)", _bomb(blank, work / "bomb.xlsx")),
                            ("cell G1048576", _far_cell(blank, work / "far.xlsx"))):
            seconds, message = _refusal(program, path)
            print(f"6. {label}, {path.stat().st_size // 1024} KB on disk: refused in "
                  f"{seconds * 1000:.0f} ms (target < 1 s) {'OK' if seconds < 1 else 'OVER'}"
                  f" — «{message[:70]}…»")
        name = actuals.departments(program, program.years[1])[0]
        one = work / "one.xlsx"
        one.write_bytes(actuals.template_bytes(program, program.years[1], 4, executor=name))
        start = time.perf_counter()
        actuals.ingest(program, one, work / "store")
        single = time.perf_counter() - start
        start = time.perf_counter()
        actuals.write_example_store(program, work / "example")
        whole = time.perf_counter() - start
        start = time.perf_counter()
        load_program(actuals=work / "example").actuals  # noqa: B018 - reading is the point
        read = time.perf_counter() - start
        count = len(actuals.list_submissions(program, work / "example"))
    print(f"7. one workbook checked and stored: {single * 1000:.0f} ms; the example set "
          f"({count} submissions) through the intake: {whole:.1f} s;"
          f" parse + read the store back: {read * 1000:.0f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"   peak memory of this process: {peak} MB")


if __name__ == "__main__":
    main()
