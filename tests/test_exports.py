"""The CSV and JSON exports, validated against their datapackage.json with frictionless."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import frictionless
import pytest

from generator.build import BuildReport
from generator.config import BuildConfig
from generator.exports import COLUMNS
from generator.frontmatter import split_front_matter

ROOT = Path(__file__).resolve().parent.parent


def validate(site: Path) -> frictionless.Report:
    return frictionless.validate(site / "datapackage.json")


def errors(report: frictionless.Report) -> dict[str, list[str]]:
    return {task.name: [e.type for e in task.errors] for task in report.tasks}


def test_exports_validate_against_the_datapackage(
    fixture_build: tuple[BuildConfig, BuildReport],
) -> None:
    site = fixture_build[0].out_dir
    report = validate(site)
    assert report.valid, report.flatten(["type", "note"])
    assert errors(report) == {"articles-csv": [], "articles-json": []}
    assert [task.stats["rows"] for task in report.tasks] == [6, 6]


def test_exports_hold_every_article_as_its_front_matter_says(
    fixture_build: tuple[BuildConfig, BuildReport],
) -> None:
    config = fixture_build[0]
    package = frictionless.Package(config.out_dir / "datapackage.json")
    as_csv = {row["slug"]: row for row in package.get_table_resource("articles-csv").read_rows()}
    as_json = {row["slug"]: row for row in package.get_table_resource("articles-json").read_rows()}
    cleaned = {
        p.stem: split_front_matter(p.read_text("utf-8"))[0] for p in config.content_dir.glob("*.md")
    }
    assert set(as_csv) == set(as_json) == set(cleaned)
    for slug, meta in cleaned.items():
        row = as_json[slug]
        for name in ("title", "date", "source", "byline", "url", "raw_file", "raw_sha256"):
            assert row[name] == (str(meta[name]) if meta.get(name) else None), (slug, name)
        assert row["places"] == list(meta.get("places") or [])
        assert as_csv[slug]["places"] == ("; ".join(meta["places"]) if meta.get("places") else None)
        assert row["words"] == as_csv[slug]["words"] == meta.get("words", row["words"])
        assert row["page"] == f"articles/{slug}.html"
        assert (config.out_dir / row["page"]).is_file() and (
            config.out_dir / row["markdown"]
        ).is_file()
    assert as_json["editors-summary"]["raw"] is None  # written by hand: no raw file
    assert as_json["aleppo-page"]["raw"] == "raw/aleppo-page.html.txt"
    assert as_json["aleppo-page"]["places"] == ["Aleppo", "Idlib"]
    assert as_csv["aleppo-page"]["places"] == "Aleppo; Idlib"


def test_csv_and_json_rows_are_newest_first_in_column_order(
    fixture_build: tuple[BuildConfig, BuildReport],
) -> None:
    site = fixture_build[0].out_dir
    with (site / "data" / "articles.csv").open(newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    rows = json.loads((site / "data" / "articles.json").read_text("utf-8"))
    names = [column.name for column in COLUMNS]
    assert table[0] == names and all(list(row) == names for row in rows)
    assert [row[0] for row in table[1:]] == [row["slug"] for row in rows]
    assert rows[0]["slug"] == "daraa-note" and rows[-1]["slug"] == "palmyra-undated"


BROKEN = [  # file, text, replaced by, resource, the error it must give
    ("articles.json", '"words": 51', '"words": "many"', "articles-json", "type-error"),
    (
        "articles.json",
        '"date": "2018-04-02"',
        '"date": "2 April"',
        "articles-json",
        "constraint-error",
    ),
    (
        "articles.json",
        '"slug": "raqqa-sdf"',
        '"slug": "aleppo-page"',
        "articles-json",
        "primary-key",
    ),
    (
        "articles.json",
        '"title": "Aid Convoy Reaches Aleppo"',
        '"title": null',
        "articles-json",
        "constraint-error",
    ),
    ("articles.csv", ",51,false,", ",-3,false,", "articles-csv", "constraint-error"),
    ("articles.csv", ",day,", ",week,", "articles-csv", "constraint-error"),
    ("articles.csv", ",4d12fcef", ",4D12FCEF", "articles-csv", "constraint-error"),
]


@pytest.mark.parametrize(("file", "old", "new", "resource", "error"), BROKEN)
def test_validation_catches_a_broken_export(
    fixture_build: tuple[BuildConfig, BuildReport],
    tmp_path: Path,
    file: str,
    old: str,
    new: str,
    resource: str,
    error: str,
) -> None:
    """The schema really is checked, for the JSON export too (frictionless takes a JSON file
    for a plain file unless its resource says it is a table)."""
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    shutil.copy2(fixture_build[0].out_dir / "datapackage.json", site)
    for name in ("articles.csv", "articles.json"):
        shutil.copy2(fixture_build[0].out_dir / "data" / name, site / "data")
    path = site / "data" / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    report = validate(site)
    assert not report.valid
    found = errors(report)
    assert error in found[resource], found
    assert found[({"articles-csv", "articles-json"} - {resource}).pop()] == []


def test_datapackage_describes_every_column(fixture_build) -> None:
    package = json.loads((fixture_build[0].out_dir / "datapackage.json").read_text("utf-8"))
    names = [column.name for column in COLUMNS]
    for resource in package["resources"]:
        assert resource["schema"]["primaryKey"] == ["slug"]
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == names
        assert all(f["description"] for f in fields)
    types = {
        r["format"]: {f["name"]: f["type"] for f in r["schema"]["fields"]}
        for r in package["resources"]
    }
    assert (types["json"]["places"], types["csv"]["places"]) == ("array", "string")
    assert (types["json"]["words"], types["json"]["hand_edited"]) == ("integer", "boolean")


def test_data_page_and_readme_document_every_column(fixture_build) -> None:
    site = fixture_build[0].out_dir
    page = (site / "data.html").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    for column in COLUMNS:
        assert f"<code>{column.name}</code>" in page
        assert f"| `{column.name}` |" in readme, column.name
    for link in ("data/articles.csv", "data/articles.json", "datapackage.json", "feed.xml"):
        assert f'href="{link}"' in page
    for page_path in ("index.html", "articles/army-hajin.html"):
        assert "data.html" in (site / page_path).read_text("utf-8")
