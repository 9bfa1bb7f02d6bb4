"""Every output safe: text stays text, all-or-nothing publication, inputs never overwritten,
only regular files read, and a console that never crashes the command."""

from __future__ import annotations

import csv
import errno
import io
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from openpyxl import Workbook, load_workbook

from zhytomyr_kpi import ParseError, load_program
from zhytomyr_kpi.analysis.rating_results import DEFAULT_RESULTS
from zhytomyr_kpi.basics import safe_io
from zhytomyr_kpi.basics.errors import OutputError
from zhytomyr_kpi.basics.paths import DEFAULT_DOCUMENT, PROJECT_ROOT
from zhytomyr_kpi.basics.safe_io import (
    atomic_write,
    check_output_path,
    publish_folder,
    read_regular,
    recover,
)
from zhytomyr_kpi.cli import main
from zhytomyr_kpi.tables.build import MANIFEST, render_outputs
from zhytomyr_kpi.tables.excel import cell_text, deterministic_bytes

HOSTILE = ("=HYPERLINK(\"http://x\",\"click\")", "=1+1", "+cmd|' /C calc'!A0", "@SUM(A1)",
           "-2+3")


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _one_line(err: str) -> bool:
    return err.count("\n") == 1 and "Traceback" not in err


# ---------------------------------------------------------------- text stays text


def test_workbook_never_gets_a_formula_from_text(tmp_path):
    results = tmp_path / "results.csv"
    rows = list(csv.reader(io.StringIO(DEFAULT_RESULTS.read_text(encoding="utf-8"))))
    rows[1][-2:] = HOSTILE[:2]  # source and note
    rows[2][-1] = HOSTILE[2]
    with results.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    program = load_program(rating_results=results)
    book = load_workbook(io.BytesIO(render_outputs(program)["program.xlsx"]))
    formulas = [(s.title, c.coordinate) for s in book.worksheets for row in s.iter_rows()
                for c in row if c.data_type == "f"]
    assert formulas == []
    values = {c.value for s in book.worksheets for row in s.iter_rows() for c in row}
    assert set(HOSTILE[:3]) <= values  # kept, as text


def test_every_sheet_of_any_workbook_stores_text_as_text():
    book = Workbook()
    book.active.append(list(HOSTILE))
    book.create_sheet("другий").append(["звичайний текст", HOSTILE[1]])
    assert [c.data_type for c in book.active[1]] == ["f", "f", "s", "s", "s"]  # openpyxl
    reread = load_workbook(io.BytesIO(deterministic_bytes(book)))
    cells = [c for s in reread.worksheets for row in s.iter_rows() for c in row]
    assert {c.data_type for c in cells} == {"s"}
    assert [c.value for c in reread.active[1]] == list(HOSTILE)


def test_executors_template_stores_text_as_text(program):
    from zhytomyr_kpi.actuals import template_bytes

    book = load_workbook(io.BytesIO(template_bytes(program, "2019", 4)))
    assert not [c for s in book.worksheets for row in s.iter_rows() for c in row
                if c.data_type == "f"]


def test_control_characters_do_not_stop_the_workbook():
    assert cell_text("a\x01b\x0cc\td\ne") == "a\ufffdb\ufffdc\td\ne"


# ---------------------------------------------------------------- all or nothing


@pytest.fixture
def built(tmp_path):
    """A folder holding a complete build, and its bytes."""
    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 0
    return out, _snapshot(out)


def _no_debris(out):
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


def test_build_interrupted_between_renames_keeps_the_old_set(built, monkeypatch, capsys):
    out, before = built
    (out / "funding.csv").write_bytes(b"old funding\n")  # so the new set differs
    (out / MANIFEST).write_bytes((out / MANIFEST).read_bytes() + b"0" * 64 + b"  gone.csv\n")
    (out / "gone.csv").write_bytes(b"a table of the previous build\n")
    before = _snapshot(out)
    monkeypatch.setattr(safe_io, "exchange", lambda a, b: False)  # the two-rename route
    renames = []
    real_rename = os.rename

    def rename(source, target):
        renames.append((source, target))
        if len(renames) == 2:  # the old set is aside, the new one not yet in place
            raise KeyboardInterrupt
        real_rename(source, target)

    monkeypatch.setattr(safe_io.os, "rename", rename)
    assert main(["build", "--out", str(out)]) == 130
    assert len(renames) == 3  # out → aside, (interrupted), aside → out
    assert _snapshot(out) == before
    _no_debris(out)
    err = capsys.readouterr().err
    assert _one_line(err) and "перервано" in err


def test_build_interrupted_at_the_swap_keeps_the_old_set(built, monkeypatch, capsys):
    out, before = built
    (out / "funding.csv").write_bytes(b"old funding\n")
    before = _snapshot(out)

    def interrupted(first, second):
        raise KeyboardInterrupt

    monkeypatch.setattr(safe_io, "exchange", interrupted)
    assert main(["build", "--out", str(out)]) == 130
    assert _snapshot(out) == before
    _no_debris(out)


def test_build_interrupted_just_after_the_swap_has_the_whole_new_set(built, monkeypatch):
    out, fresh = built
    (out / "funding.csv").write_bytes(b"old funding\n")
    real_exchange = safe_io.exchange

    def swap_then_stop(first, second):
        assert real_exchange(first, second)
        raise KeyboardInterrupt

    monkeypatch.setattr(safe_io, "exchange", swap_then_stop)
    assert main(["build", "--out", str(out)]) == 130
    assert _snapshot(out) == fresh
    _no_debris(out)


def test_killed_build_is_repaired_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    publish_folder({"a.csv": b"old a\n", "b.csv": b"old b\n"}, out)
    code = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from zhytomyr_kpi.basics import safe_io
        safe_io.exchange = lambda a, b: False
        real, calls = os.rename, []
        def rename(a, b):
            calls.append(a)
            if len(calls) == 2:
                os._exit(9)  # killed: no cleanup runs
            real(a, b)
        safe_io.os.rename = rename
        safe_io.publish_folder({{"a.csv": b"new a\\n", "b.csv": b"new b\\n"}}, Path({str(out)!r}))
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=False)
    assert done.returncode == 9
    assert not out.exists()  # the moment a kill can leave: old set aside, new one staged
    assert sorted(p.name[:9] for p in tmp_path.iterdir()) == [".out.new-", ".out.old-"]
    recover(out)  # what the next build does first
    assert _snapshot(out) == {"a.csv": b"old a\n", "b.csv": b"old b\n"}
    _no_debris(out)


def test_next_build_cleans_stale_temporaries(built):
    out, fresh = built
    (out.parent / ".out.new-abc").mkdir()
    (out.parent / ".out.new-abc" / "funding.csv").write_bytes(b"half")
    (out.parent / ".out.old-def").mkdir()
    (out / ".funding.csv.k2j3h4.tmp").write_bytes(b"")  # left by the old one-by-one writer
    assert main(["build", "--out", str(out)]) == 0
    assert _snapshot(out) == fresh
    _no_debris(out)


def test_full_disk_names_the_target_and_leaves_nothing(built, monkeypatch, capsys):
    out, before = built

    def full(path, data):
        with open(path, "wb") as stream:
            stream.write(data[:10])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_io, "_write_file", full)
    assert main(["build", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert _one_line(err) and f"{out}: " in err and "немає місця на диску" in err
    assert _snapshot(out) == before
    _no_debris(out)


def test_atomic_write_errors_name_the_target_and_leave_no_file(tmp_path, monkeypatch):
    target = tmp_path / "звіт.md"
    target.write_text("old", encoding="utf-8")

    def read_only(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".tmp123"))

    monkeypatch.setattr(safe_io.tempfile, "mkstemp", read_only)
    with pytest.raises(OutputError) as caught:
        atomic_write(target, b"new")
    assert str(caught.value) == f"{target}: не вдається записати: немає дозволу"
    monkeypatch.undo()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_io.os, "replace", full)
    with pytest.raises(OutputError, match="немає місця на диску"):
        atomic_write(target, b"new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["звіт.md"]


def test_markdown_and_json_writes_are_atomic_and_refuse_existing_files(tmp_path, capsys):
    md, js = tmp_path / "r.md", tmp_path / "r.json"
    assert main(["validate", "--markdown", str(md), "--json", str(js)]) == 0
    md.write_text("мій звіт", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "--markdown", str(md)]) == 2
    err = capsys.readouterr().err
    assert _one_line(err) and "--force" in err and str(md) in err
    assert md.read_text(encoding="utf-8") == "мій звіт"
    assert main(["validate", "--markdown", str(md), "--force"]) == 0
    assert md.read_text(encoding="utf-8").startswith("# Перевірка")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "r.md"]


# ---------------------------------------------------------------- inputs never overwritten


@pytest.mark.parametrize("args", [
    ["validate", "--markdown", str(DEFAULT_DOCUMENT)],
    ["validate", "--json", str(DEFAULT_RESULTS), "--force"],
    ["validate", "--json", "data/processed/checks.csv", "--force"],
    ["validate", "--json", "zhytomyr_kpi/reviewed/new.json"],
    ["template", "--year", "2019", "--out", str(DEFAULT_DOCUMENT), "--force"],
    ["template", "--year", "2019", "--out", "data/processed/program.xlsx", "--force"],
    ["ingest", "data/raw/rating_results.csv", "--store", "data/processed"],
    ["build", "--out", "data/raw"],
    ["build", "--out", "data"],
    ["build", "--out", "."],
], ids=lambda a: " ".join(a).replace("/", "_"))
def test_no_command_writes_over_inputs_raw_or_processed(args, capsys, monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)
    protected = [*(PROJECT_ROOT / "data").rglob("*"), *(PROJECT_ROOT / "zhytomyr_kpi" /
                                                       "reviewed").iterdir()]
    before = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in protected}
    assert main(args) == 2
    err = capsys.readouterr().err
    assert _one_line(err) and "оберіть" in err
    assert {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in protected} == before


def test_own_input_is_refused_wherever_it_lives(tmp_path, capsys):
    doc = tmp_path / "рішення.txt"
    shutil.copy(DEFAULT_DOCUMENT, doc)
    assert main(["validate", str(doc), "--markdown", str(doc), "--force"]) == 2
    assert "вхідний файл" in capsys.readouterr().err
    assert doc.read_bytes() == DEFAULT_DOCUMENT.read_bytes()


def test_build_never_replaces_the_folder_of_its_input(tmp_path, capsys):
    doc = tmp_path / "рішення.txt"
    shutil.copy(DEFAULT_DOCUMENT, doc)
    assert main(["build", str(doc), "--out", str(tmp_path)]) == 2
    assert "вхідний файл" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["рішення.txt"]


def test_template_replaces_an_existing_file_only_with_force(tmp_path, capsys):
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"mine")
    assert main(["template", "--year", "2019", "--out", str(target)]) == 2
    assert target.read_bytes() == b"mine"
    assert main(["template", "--year", "2019", "--out", str(target), "--force"]) == 0
    assert target.read_bytes()[:2] == b"PK"


def test_non_regular_targets_are_never_replaced(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    for target, kind in ((fifo, "канал"), (link, "символьне посилання"), (tmp_path, "тека")):
        with pytest.raises(OutputError) as caught:
            check_output_path(target, force=True)
        assert str(caught.value).startswith(f"{target}: це {kind}")
        with pytest.raises(OutputError) as caught:
            atomic_write(target, b"x")
        assert str(caught.value).startswith(f"{target}: це {kind}")
        assert str(caught.value).endswith("; запис не виконано")
    assert fifo.is_fifo() and link.is_symlink() and not (tmp_path / "elsewhere.md").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_dev_full_is_not_replaced(capsys):
    assert main(["validate", "--json", "/dev/full", "--force"]) == 2
    assert "пристрій" in capsys.readouterr().err
    assert os.path.exists("/dev/full") and not os.path.isfile("/dev/full")


def test_build_refuses_a_folder_with_other_files(tmp_path, capsys):
    (tmp_path / "мої нотатки.docx").write_bytes(b"important")
    assert main(["build", "--out", str(tmp_path)]) == 2
    assert "мої нотатки.docx" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["мої нотатки.docx"]


# ---------------------------------------------------------------- reading


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_devices_are_refused_before_reading(path):
    if not os.path.exists(path):
        pytest.skip(f"no {path}")
    with pytest.raises(ParseError, match="пристрій"):
        read_regular(path)


def test_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "doc.txt"
    os.mkfifo(fifo)
    # In a subprocess so that a regression (a blocking open) fails instead of hanging the run.
    done = subprocess.run([sys.executable, "-m", "zhytomyr_kpi", "validate", str(fifo)],
                          capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120,
                          check=False)
    assert done.returncode == 2 and _one_line(done.stderr) and "канал" in done.stderr


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 101)
    with pytest.raises(ParseError, match="завеликий"):
        read_regular(big, limit=100)
    assert read_regular(big, limit=101) == b"x" * 101

    def no_reading(*args):
        raise AssertionError("read before the size check")

    monkeypatch.setattr(safe_io.os, "read", no_reading)
    with pytest.raises(ParseError, match="завеликий"):
        read_regular(big, limit=100)


def test_a_folder_is_not_a_document(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 2
    assert "це тека" in capsys.readouterr().err


# ---------------------------------------------------------------- the console


def _run_cli(*args, env=None, shell_suffix=""):
    command = " ".join([sys.executable, "-m", "zhytomyr_kpi", *args]) + shell_suffix
    return subprocess.run(["bash", "-c", command], capture_output=True, cwd=PROJECT_ROOT,
                          env={**os.environ, **(env or {})}, check=False)


@pytest.mark.parametrize(("command", "words"), [
    ("validate", "перевірок"), ("efficiency --basis all", "Середні видатки"),
    ("ratings", "рейтинг"), ("efficiency --help", "А / продукт")])
def test_a_cp1251_console_gets_stand_ins_not_a_crash(command, words):
    done = _run_cli(command, env={"PYTHONIOENCODING": "cp1251"})
    assert done.returncode == 0 and done.stderr == b""
    assert words in done.stdout.decode("cp1251")


def test_cp1251_help_and_stand_ins_in_process(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(), encoding="cp1251")
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["efficiency", "--basis", "all"]) == 0
    stream.flush()
    text = stream.buffer.getvalue().decode("cp1251")
    assert "Середні видатки" in text and "÷" not in text and "?" not in text.split("\n")[0]


def test_closed_stdout_is_an_environment_error_not_a_traceback():
    done = _run_cli("validate", shell_suffix=" >&-")
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert _one_line(err) and "не вдається вивести результат" in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_full_stdout_is_an_environment_error():
    done = _run_cli("validate", shell_suffix=" >/dev/full")
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert _one_line(err) and "немає місця" in err


def test_a_reader_that_leaves_early_is_not_an_error():
    process = subprocess.Popen([sys.executable, "-m", "zhytomyr_kpi", "validate"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=PROJECT_ROOT)
    process.stdout.close()  # like `| head -0`: nobody reads
    err = process.stderr.read()
    assert process.wait() == 0 and err == b""


def test_ctrl_c_prints_one_line(monkeypatch, capsys):
    from zhytomyr_kpi.cli import document

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(document, "load", interrupted)
    assert main(["ratings"]) == 130
    err = capsys.readouterr().err
    assert _one_line(err) and "перервано" in err


def test_environment_errors_exit_2_with_one_line(monkeypatch, capsys):
    from zhytomyr_kpi.cli import document

    def no_memory(args):
        raise MemoryError

    monkeypatch.setattr(document, "load", no_memory)
    assert main(["ratings"]) == 2
    assert _one_line(capsys.readouterr().err)


def test_sigterm_during_the_swap_cleans_up_and_keeps_the_old_set(built):
    out, _ = built
    (out / "funding.csv").write_bytes(b"old funding\n")
    before = _snapshot(out)
    code = textwrap.dedent(f"""
        import os, signal, sys
        from zhytomyr_kpi import cli
        from zhytomyr_kpi.basics import safe_io
        def terminated(first, second):
            os.kill(os.getpid(), signal.SIGTERM)  # the handler raises at the next bytecode
            signal.pause() if hasattr(signal, "pause") else None
        safe_io.exchange = terminated
        sys.exit(cli.main(["build", "--out", {str(out)!r}]))
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, check=False, timeout=300)
    assert done.returncode == 143 and _one_line(done.stderr) and "перервано" in done.stderr
    assert _snapshot(out) == before
    _no_debris(out)


def test_stale_report_folders_of_dead_runs_are_removed(tmp_path):
    dead = tmp_path / ".build-99999999-abc"  # above any pid_max: no such process
    running = tmp_path / f".build-{os.getppid()}-def"  # another process, alive
    unnamed = tmp_path / ".build-xyz"
    for folder in (dead, running, unnamed):
        folder.mkdir()
        (folder / "evaluation_2019.pdf").write_bytes(b"%PDF half")
    safe_io.remove_stale(tmp_path, ".build-")
    assert [p.name for p in tmp_path.iterdir()] == [running.name]


def test_report_never_writes_into_protected_folders(capsys, monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)
    assert main(["report", "--year", "2019", "--out", "data/raw"]) == 2
    err = capsys.readouterr().err
    assert _one_line(err) and "data/raw/" in err
    assert not list((PROJECT_ROOT / "data" / "raw").glob("evaluation_*"))


def test_a_failed_rename_names_its_target(monkeypatch, capsys):
    from zhytomyr_kpi.cli import document

    def rename_failed(args):
        raise OSError(errno.ENOSPC, "No space left on device", "reports/.build-1-x/a.pdf", None,
                      "reports/a.pdf")

    monkeypatch.setattr(document, "load", rename_failed)
    assert main(["ratings"]) == 2
    assert capsys.readouterr().err == "zhytomyr-kpi: помилка: reports/a.pdf: немає місця на диску\n"


@pytest.mark.parametrize("name", ["..", ".", " ", "a/b", "a:b", "a\\b", "x\u202ey", "x\ny",
                                  "Управління " * 40])
def test_department_file_names_are_safe_readable_and_distinct(name):
    from zhytomyr_kpi.actuals.template import template_file_name

    made = template_file_name("2019", 2, name)
    assert made.startswith("2019-Q2 ") and made.endswith(".xlsx")
    assert not any(c in made for c in '\\/:*?<>|"\n\u202e')
    assert made[len("2019-Q2 "):-len(".xlsx")].strip(" ._")  # never «2019-Q2 .xlsx»
    assert len(made.encode("utf-8")) <= 255
    others = {template_file_name("2019", 2, other) for other in ("..", ".", "a/b", "a:b", "a\\b",
                                                                   "a_b", "x\u202ey", "x_y")}
    assert len(others) == 8  # two departments never share one file


def test_plain_names_stay_as_written_and_quotes_become_apostrophes():
    from zhytomyr_kpi.actuals.template import template_file_name

    assert template_file_name("2019", 2, "Управління культури") == \
        "2019-Q2 Управління культури.xlsx"
    assert template_file_name("2019", None, 'КП "Житомирводоканал"') == \
        "2019 КП 'Житомирводоканал'.xlsx"


def test_template_out_without_xlsx_is_one_line_and_writes_nothing(tmp_path, capsys):
    target = tmp_path / "noext"
    assert main(["template", "--year", "2019", "--out", str(target)]) == 2
    assert capsys.readouterr().err == \
        f"zhytomyr-kpi: помилка: {target}: вкажіть файл .xlsx або наявну теку\n"
    assert list(tmp_path.iterdir()) == []
