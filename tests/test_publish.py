"""Publication for the website (``publish --year Y``): the page, the PDF, the open data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

frictionless = pytest.importorskip("frictionless", reason="pip install frictionless (dev extra)")

from zhytomyr_kpi import actuals as act  # noqa: E402
from zhytomyr_kpi import load_program  # noqa: E402
from zhytomyr_kpi.cli import main  # noqa: E402
from zhytomyr_kpi.publish.folder import publication_files, write_publication  # noqa: E402
from zhytomyr_kpi.publish.open_data import PUBLIC_COLUMNS, schema  # noqa: E402
from zhytomyr_kpi.report import load_settings  # noqa: E402
from zhytomyr_kpi.tables.metadata import FIELDS, TABLE_COLUMNS  # noqa: E402


@pytest.fixture(scope="module")
def published(program, tmp_path_factory):
    store = tmp_path_factory.mktemp("pub") / "store"
    act.write_example_store(program, store, years=("2019",))
    demo = load_program(actuals=store)
    files = publication_files(demo, "2019", load_settings())
    out = tmp_path_factory.mktemp("site") / "2019"
    write_publication(files, out)
    return out, files, demo


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_the_page_is_accessible_self_contained_and_without_scripts(published):
    out, _, _ = published
    html = (out / "index.html").read_text(encoding="utf-8")
    parser = _Page()
    parser.feed(html)
    tags = parser.tags
    assert tags[0] == ("html", {"lang": "uk"})
    names = [t for t, _ in tags]
    assert "script" not in names and "iframe" not in names and "object" not in names
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)  # no handlers
    assert names.count("h1") == 1 and names.count("h2") >= 6 and "main" in names
    for tag, attrs in tags:  # nothing fetched from elsewhere: images inline, no links out
        if tag == "img":
            assert attrs["src"].startswith("data:image/png;base64,") and attrs.get("alt")
        if tag in ("link", "source", "video", "audio"):
            pytest.fail(f"external resource <{tag}>")
        if tag == "a":
            assert attrs["href"].startswith("#")
    assert "url(" not in html and "file:" not in html and "http" not in html.replace(
        "http-equiv", "")
    tables = html.count("<table")
    # every table has a caption; every data table a header row (the title page's facts table
    # has its headers in the rows: <th scope="row">)
    assert tables >= 5 and tables == html.count("<caption>")
    assert html.count("<thead>") == tables - html.count('<table class="meta">')
    assert 'scope="col"' in html
    assert "Висновок" in html and "ПРИКЛАД" in html


def test_the_page_has_the_report_s_figures(published):
    out, files, demo = published
    from zhytomyr_kpi.report import document, period, sections

    data = sections.prepare(demo, period("2019", demo.years), load_settings())
    report = document.body(data)
    page = (out / "index.html").read_text(encoding="utf-8")
    figures = set(re.findall(r"\d[\d\u00a0]*,\d+", report))
    assert len(figures) > 100 and figures <= set(re.findall(r"\d[\d\u00a0]*,\d+", page))
    pdf = [name for name in files if name.endswith(".pdf")]
    assert pdf == ["звіт_2019_ПРИКЛАД.pdf"] and files[pdf[0]].startswith(b"%PDF")


def test_the_data_package_is_valid_and_its_schemas_come_from_the_registry(published):
    out, _, _ = published
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type"])[:5]
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    assert "measures.csv" in resources and "actuals.csv" in resources
    for resource in package["resources"]:
        table = resource["path"].removesuffix(".csv")
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == list(PUBLIC_COLUMNS.get(table,
                                                                     TABLE_COLUMNS[table]))
        for f in fields:
            assert f["title"] == FIELDS[f["name"]].label
        assert resource["schema"] == schema(table)
    assert frictionless.Package(out / "datapackage.json").get_resource("measures").read_rows()


def test_nothing_from_the_audit_trail_is_published(published):
    out, files, demo = published
    assert "actual_kuah" in PUBLIC_COLUMNS["actuals"] and "executor" in PUBLIC_COLUMNS["actuals"]
    for audit in ("source_file", "submission", "received", "cell", "sha256"):
        for name, content in files.items():
            if name.endswith(".csv"):
                assert audit not in content.decode("utf-8").splitlines()[0].split(","), name
    text = b"".join(v for k, v in files.items() if not k.endswith((".pdf", ".xlsx")))
    for submission in demo.actuals.submission.dropna().unique()[:5]:
        assert submission.encode() not in text
    assert not any(name.endswith((".ipynb", ".json")) and name != "datapackage.json"
                   for name in files)
    assert sorted(p.name for p in out.iterdir()) == sorted(files)


def test_the_xlsx_holds_every_table(published):
    from openpyxl import load_workbook

    from zhytomyr_kpi.tables.metadata import SHEET_NAMES

    out, files, _ = published
    book = load_workbook(out / "tables.xlsx", read_only=True)
    csvs = [n.removesuffix(".csv") for n in files if n.endswith(".csv")]
    assert book.sheetnames == ["Про файл", *[SHEET_NAMES[t] for t in csvs]]


def test_publish_command_guards_its_folder(tmp_path, capsys):
    other = tmp_path / "someone"
    other.mkdir()
    (other / "notes.txt").write_text("мої нотатки", encoding="utf-8")
    assert main(["publish", "--year", "2019", "--out", str(other)]) == 2
    assert "не є попередньою публікацією" in capsys.readouterr().err
    assert (other / "notes.txt").exists()
    out = tmp_path / "site"
    assert main(["publish", "--year", "2019", "--out", str(out), "--date", "2020-02-14"]) == 0
    said = capsys.readouterr().out
    assert "до 14.02.2020" in said and (out / "index.html").exists()
    assert main(["publish", "--year", "2019", "--out", str(out)]) == 2  # needs --force
    assert main(["publish", "--year", "2031", "--out", str(out)]) == 2


def test_another_programme_is_published_in_its_own_folder_with_its_own_council(tmp_path,
                                                                              monkeypatch):
    import shutil

    from zhytomyr_kpi.basics import paths
    from zhytomyr_kpi.cli import main

    programmes = tmp_path / "programmes"
    (programmes / "poltava").mkdir(parents=True)
    shutil.copy(paths.PROJECT_ROOT / "tests" / "data" / "corpus" / "poltava_cyfrova" /
                "decision.txt", programmes / "poltava" / "decision.txt")
    monkeypatch.setenv("ZHYTOMYR_KPI_PROGRAMMES", str(programmes))
    monkeypatch.setattr(paths, "PROGRAMMES_DIR", programmes, raising=False)
    assert main(["publish", "--programme", "poltava", "--year", "2021", "--example"]) == 0
    page = (programmes / "poltava" / "publication" / "2021_example" / "index.html").read_text(
        encoding="utf-8")
    assert "Полтавська міська рада" in page and "Житомир" not in page
