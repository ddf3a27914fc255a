"""`python -m estimates ...` as a user runs it."""

import csv
import io
import json

import pytest

import estimates
from estimates import ROOT
from estimates.export import EXPORT_COLUMNS
import commands


def run(*args):
    return commands.run("estimates", *args, cwd=ROOT)


def test_validate_passes_on_the_dataset():
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stderr


def test_validate_fails_and_prints_file_line_column_field(fixtures):
    result = run("validate", str(fixtures / "invalid" / "low-above-value.yaml"))
    assert result.returncode == 1
    assert result.stdout.strip() == (
        "tests/fixtures/invalid/low-above-value.yaml:6:5  fixture-killed.low  low must be <= value (got 400 > 300)"
    )


def test_validate_json_and_github_formats(fixtures):
    path = str(fixtures / "invalid" / "unknown-scope.yaml")
    problems = json.loads(run("validate", "--format", "json", path).stdout)
    assert [(p["file"], p["line"], p["column"], p["field"]) for p in problems] == [
        ("tests/fixtures/invalid/unknown-scope.yaml", 4, 5, "fixture-killed.scope")]
    github = run("validate", "--format", "github", path).stdout.strip()
    assert github.startswith("::error file=tests/fixtures/invalid/unknown-scope.yaml,line=4,col=5,title=fixture-killed.scope::")


def test_warnings_pass_unless_strict(fixtures):
    path = str(fixtures / "warnings" / "scope-without-evidence.yaml")
    assert run("validate", path).returncode == 0
    assert run("validate", "--strict", path).returncode == 1


def test_validate_a_missing_path_is_a_usage_error():
    result = run("validate", "no/such/file.yaml")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_export_csv_has_one_row_per_record_and_the_promised_columns():
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert list(rows[0]) == EXPORT_COLUMNS
    assert len(rows) == len(estimates.to_frame(estimates.load())) > 25
    nis = next(r for r in rows if r["id"] == "killed-nis-2025-01")
    assert (nis["value"], nis["qualifier"], nis["estimator"], nis["announced"]) == ("300", "at_least", "rok-nis", "2025-01")


def test_export_json_to_a_file(tmp_path):
    out = tmp_path / "all.json"
    assert run("export", "--format", "json", "--out", str(out)).returncode == 0
    payload = json.loads(out.read_text())
    assert len(payload["records"]) == len(estimates.to_frame(estimates.load())) and len(payload["data_version"]) == 12
    by_id = {r["id"]: r for r in payload["records"]}
    documents = by_id["killed-nis-2025-01"]["documents"]  # every outlet that reported the claim, each once
    assert "003_0be644783e89e01f" in documents and len(documents) == len(set(documents)) > 1
    assert by_id["killed-nis-2025-01"]["report_count"] == len(documents)


def test_export_to_an_unwritable_path_says_so():
    result = run("export", "--out", "/proc/not-writable.csv")
    assert result.returncode == 2 and "cannot write" in result.stderr


def test_the_committed_schema_matches_the_models():
    result = run("schema", "--check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("module, usage", [("dashboard.publish", "usage: python -m dashboard.publish"),
                                           ("dashboard.snapshot", "usage: python -m dashboard.snapshot")])
def test_the_documented_dashboard_commands_still_run_from_their_old_names(module, usage):
    """The code moved to dashboard/export/; `python -m dashboard.publish` and `... snapshot`, as the
    README and people's scripts write them, are kept (dashboard.COMMANDS)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", module, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith(usage), done.stderr
