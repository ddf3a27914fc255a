"""`export --format datapackage`: a Frictionless Data Package that frictionless itself validates,
whose Table Schema comes from the export's columns and the models."""

import io
import json
import typing
import zipfile
from datetime import date

import frictionless
import pytest

import estimates
from conftest import ROOT
from dashboard.export.downloads import datapackage_bytes, datapackage_name
from estimates import datapackage
from estimates.export import EXPORT_COLUMNS
from estimates.frame import REPORT_COLUMNS
from estimates.models import Estimate, Figure, Qualifier, Quantity, Report
import commands

DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def data():
    dataset = estimates.load()
    return dataset, estimates.to_frame(dataset)


def export(out):
    return commands.run("estimates", "export", "--format", "datapackage", "--out", out, cwd=ROOT)


@pytest.mark.parametrize("name", ["package", "package.zip"])
def test_the_exported_package_is_valid_for_frictionless(tmp_path, data, name):
    dataset, _ = data
    result = export(tmp_path / name)
    assert result.returncode == 0, result.stderr
    assert f"wrote {len(estimates.to_frame(dataset))} claims to {tmp_path / name} as a data package" in result.stderr
    if name.endswith(".zip"):
        with zipfile.ZipFile(tmp_path / name) as archive:
            assert sorted(archive.namelist()) == sorted(datapackage.FILES)
            archive.extractall(tmp_path / "unzipped")
        folder = tmp_path / "unzipped"
    else:
        folder = tmp_path / name
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows == {"claims": len(estimates.to_frame(dataset)),
                    "reports": sum(len(record.reports) for record in dataset.records)}


def test_the_descriptor_carries_the_licence_the_sources_and_the_data_version(data):
    dataset, _ = data
    descriptor = datapackage.descriptor(dataset)
    assert descriptor["licenses"] == [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
                                       "path": "https://creativecommons.org/licenses/by/4.0/"}]
    assert descriptor["version"] == descriptor["data_version"] == dataset.version
    assert len(descriptor["sources"]) == len(dataset.documents) > 5
    epoch = next(s for s in descriptor["sources"] if s["title"].startswith("003_0be644783e89e01f: The Epoch Times"))
    assert "path" not in epoch or epoch["path"].startswith("http")


def test_the_table_schema_is_generated_from_the_export_columns_and_the_models():
    schema = datapackage.table_schema()
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(fields) == EXPORT_COLUMNS
    assert all(f["description"].strip() for f in fields.values())
    assert fields["qualifier"]["description"] == Figure.model_fields["qualifier"].description
    assert fields["qualifier"]["constraints"]["enum"] == list(typing.get_args(Qualifier))
    assert fields["period"]["description"] == Estimate.model_fields["period"].description
    assert Report.model_fields["quote"].description in fields["quotes"]["description"]
    assert fields["value"]["type"] == fields["lower"]["type"] == "number"
    assert fields["kind"]["constraints"]["enum"] == ["estimate", "admission"]
    assert schema["primaryKey"] == ["id", "part"]  # an admission with two figures is two rows


def test_the_reports_table_is_described_from_the_models_and_keyed_by_claim_and_report():
    schema = datapackage.reports_schema()
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(fields) == REPORT_COLUMNS and schema["primaryKey"] == ["claim", "report"]
    assert all(f["description"].strip() for f in fields.values())
    assert Report.model_fields["quote"].description in fields["quote"]["description"]
    assert fields["as_reported_quantity"]["constraints"]["enum"] == list(typing.get_args(Quantity))
    assert fields["report"]["type"] == "integer"


def test_a_value_outside_the_schema_is_caught(tmp_path):
    assert export(tmp_path / "package").returncode == 0
    records = tmp_path / "package" / "claims.csv"
    records.write_bytes(records.read_bytes().replace(b",at_least,", b",approximately,", 1))
    report = frictionless.validate(str(tmp_path / "package" / "datapackage.json"))
    assert not report.valid
    assert [(e[1], e[2]) for e in report.flatten(["rowNumber", "fieldName", "type"])] == [("qualifier", "constraint-error")]


def test_the_readme_says_how_to_cite_and_what_the_figures_are_not(data):
    dataset, _ = data
    text = datapackage.readme(dataset, DAY)
    assert f"Data version {dataset.version}" in text and "Licensed under CC BY 4.0" in text
    assert "published claims, not verified counts" in text
    assert '"Casualties" differs between estimators' in text
    assert "remain their publishers'" in text


def test_the_apps_zip_is_the_same_package_and_the_same_bytes_each_time(data):
    dataset, frame = data
    first = datapackage_bytes(dataset, frame, DAY)
    assert first == datapackage_bytes(dataset, frame, DAY)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
    assert descriptor["data_version"] == dataset.version
    assert datapackage_name(dataset.version, DAY) == f"nk-troops-data-package-{dataset.version}-2026-11-25.zip"


def test_a_data_package_needs_somewhere_to_go():
    result = commands.run("estimates", "export", "--format", "datapackage", cwd=ROOT)
    assert result.returncode == 2 and "--format datapackage needs --out DIR or --out FILE.zip" in result.stderr
