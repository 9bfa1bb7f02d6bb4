"""CLI commands, the build's determinism and atomicity, committed outputs = a fresh build."""

import json
import re
import subprocess
import sys

import pytest

from zhytomyr_kpi.basics import safe_io
from zhytomyr_kpi.basics.paths import PROCESSED_DIR, PROJECT_ROOT
from zhytomyr_kpi.cli import main
from zhytomyr_kpi.tables.build import render_outputs


def test_validate_prints_every_check(capsys, program):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    for result in program.check_results:
        assert result.title in out
    assert "розбіжність" in out and "узгоджено" in out and "рядок 227" in out
    # people read the summary: no status or check codes in it
    assert not re.search(r"\b(PASS|WARN|FAIL|SKIP)\b| · ", out)
    assert all(f"{r.check} ·" not in out for r in program.check_results)


def test_strict_exits_1_when_a_check_fails():
    assert main(["validate", "--strict"]) == 1


def test_markdown_and_json_reports(tmp_path, capsys, program):
    md, js = tmp_path / "report.md", tmp_path / "report.json"
    assert main(["validate", "--markdown", str(md), "--json", str(js)]) == 0
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Перевірка узгодженості програми")
    assert text.count("\n| помилка |") == sum(f.severity == "error" for f in program.all_findings)
    payload = json.loads(js.read_text(encoding="utf-8"))
    assert len(payload["checks"]) == len(program.check_results)
    assert payload["document"]["sha256"] == program.sha256
    section1 = [f for f in payload["findings"] if f["location"].startswith("напрям 1, 2019")]
    assert section1[0]["delta"] == pytest.approx(290.0)


def test_console_script_runs_as_a_module():
    done = subprocess.run([sys.executable, "-m", "zhytomyr_kpi", "validate"], capture_output=True,
                          text=True, cwd=PROJECT_ROOT, check=False)
    assert done.returncode == 0 and "перевірок" in done.stdout and not done.stderr


def test_validate_does_not_import_pandas():
    code = ("import sys; from zhytomyr_kpi.cli import main; main(['validate']); "
            "print(sorted(m for m in ('pandas', 'pandera', 'openpyxl') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, check=True)
    assert done.stdout.strip().endswith("[]")


def test_committed_outputs_equal_a_fresh_build(program):
    fresh = render_outputs(program)
    committed = {p.name for p in PROCESSED_DIR.iterdir()}  # hidden ones too: no debris
    assert committed == set(fresh)
    for name, content in fresh.items():
        assert (PROCESSED_DIR / name).read_bytes() == content, f"{name}: run `make data`"


def test_two_builds_are_byte_identical(tmp_path):
    assert main(["build", "--out", str(tmp_path / "a")]) == 0
    assert main(["build", "--out", str(tmp_path / "b")]) == 0
    for first in (tmp_path / "a").iterdir():
        assert first.read_bytes() == (tmp_path / "b" / first.name).read_bytes(), first.name


def test_failed_build_leaves_previous_outputs_intact(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_io, "_write_file", broken)
    assert main(["build", "--out", str(out)]) == 2
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # same files, same bytes, no temporary files left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder either


def test_workbook_has_ukrainian_headers_filters_and_frozen_rows(tmp_path):
    from openpyxl import load_workbook

    from zhytomyr_kpi.tables.metadata import FIELDS, SHEET_NAMES, TABLE_COLUMNS

    assert main(["build", "--out", str(tmp_path)]) == 0
    book = load_workbook(tmp_path / "program.xlsx")
    assert book.sheetnames == ["Про файл", *(SHEET_NAMES[t] for t in TABLE_COLUMNS)]
    sheet = book[SHEET_NAMES["funding"]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    headers = [c.value for c in sheet[1]]
    assert headers[0] == FIELDS["measure_id"].label
    assert headers[TABLE_COLUMNS["funding"].index("amount_kuah")] == "Сума, тис. грн"
    assert sheet.cell(row=2, column=4).number_format == "#,##0.0##"
    assert sheet.max_row == 1 + 237


def test_efficiency_command_prints_the_unit_costs(capsys):
    assert main(["efficiency"]) == 0
    out = capsys.readouterr().out
    assert "Середні видатки" in out and "4 895,575" in out and "розбіжність" in out
    assert "Кошти додатка А" in out
    assert main(["efficiency", "--basis", "allocation"]) == 0
    assert "кошти додатка А" in capsys.readouterr().out


def test_a_table_outside_the_schema_is_one_line_exit_2(tmp_path, monkeypatch, capsys):
    from zhytomyr_kpi.program import Program
    from zhytomyr_kpi.tables.schemas import schema

    def broken(self):
        funding = self.funding.copy()
        funding.loc[3, "source_line"] = -4
        schema("funding").validate(funding, lazy=True)

    monkeypatch.setattr(Program, "validate_schemas", broken)
    assert main(["build", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "таблиця funding не відповідає схемі даних (1 порушення; перше: стовпець " \
           "source_line, рядок таблиці 3, значення «-4»)" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("argv, said", [
    ([], "бракує обов'язкових аргументів: команда"),
    (["validate", "--json"], "validate: аргумент --json: після параметра потрібне одне значення"),
    (["validate", "a.txt", "b.txt"], "невідомі аргументи: b.txt"),
    (["nosuch"], "недопустиме значення 'nosuch'"),
])
def test_a_wrong_command_line_is_one_ukrainian_line_exit_2(capsys, argv, said):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    err = capsys.readouterr().err
    assert caught.value.code == 2 and err.count("\n") == 1
    assert err.startswith("zhytomyr-kpi: помилка: ") and said in err
    assert not re.search(r"\b(usage|error|argument|expected|required)\b", err)


def test_the_help_is_in_ukrainian(capsys):
    with pytest.raises(SystemExit):
        main(["validate", "-h"])
    out = capsys.readouterr().out
    assert out.startswith("використання: zhytomyr-kpi validate")
    assert "показати цю довідку і вийти" in out and "show this help" not in out


@pytest.mark.parametrize("command", ["validate", "build", "efficiency", "ratings", "report",
                                     "template", "ingest", "status", "remind", "publish",
                                     "portfolio", "compare"])
def test_every_commands_help_names_its_values_in_ukrainian(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "-h"])
    out = capsys.readouterr().out
    # no English placeholder (PATH, NAME, YEAR, OUT …): a value is named in Ukrainian words
    formats = {"JSON", "PDF", "DOCX", "XLSX", "CSV", "HTML"}
    assert not set(re.findall(r"\b[A-Z][A-Z_]{2,}\b", out)) - formats, out
    assert "РІК" in out or command in ("validate", "build", "efficiency", "ratings",
                                       "portfolio", "compare")


def test_portfolio_of_a_path_that_is_not_there_is_exit_2(tmp_path, capsys):
    assert main(["portfolio", str(tmp_path / "nowhere")]) == 2
    assert "немає такого файлу чи теки" in capsys.readouterr().err


def test_the_version_is_shown(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0 and capsys.readouterr().out.startswith("zhytomyr-kpi ")
