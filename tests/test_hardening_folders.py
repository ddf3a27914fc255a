"""Issue 19, item 15: 1,000 nested folders in the data folder end in a clean problem naming the
depth limit, never a RecursionError, in `validate` and `export`."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT, copy_seed_articles
from estimates.dataset import load
from estimates.discovery import MAX_FOLDER_DEPTH

LIMIT = f"folders nest more than {MAX_FOLDER_DEPTH} levels deep here: the files below are not read"


@pytest.fixture(scope="module")
def deep(tmp_path_factory):
    data, seeds = copy_seed_articles(tmp_path_factory.mktemp("deep"))
    bottom = data
    for _ in range(1_000):  # os.makedirs recurses too
        bottom = bottom / "d"
        bottom.mkdir()
    (bottom / "lost.yaml").write_text("estimators: []\n")
    yield data, seeds
    (bottom / "lost.yaml").unlink()  # removed here, bottom up: pytest's own cleanup (shutil.rmtree) recurses
    while bottom != data:
        bottom.rmdir()
        bottom = bottom.parent


def command(deep, *args):
    data, seeds = deep
    return subprocess.run([sys.executable, "-m", "estimates", "--data-dir", str(data), "--seeds-dir", str(seeds), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_validate_names_the_depth_limit_instead_of_a_recursion_error(deep):
    result = command(deep, "validate")
    assert "RecursionError" not in result.stderr and "Traceback" not in result.stderr
    assert result.returncode == 1
    [line] = [line for line in result.stdout.splitlines() if LIMIT in line]
    assert line.split(":1:1  ")[0].endswith("/".join(["d"] * (MAX_FOLDER_DEPTH + 1)))


def test_export_still_writes_every_valid_record(deep):
    result = command(deep, "export", "--format", "csv")
    assert result.returncode == 0 and "Traceback" not in result.stderr and LIMIT in result.stderr
    assert result.stdout.count("\n") > 10


def test_folders_within_the_limit_are_read(tmp_path):
    data, seeds = copy_seed_articles(tmp_path)
    inner = data.joinpath(*["d"] * MAX_FOLDER_DEPTH)
    inner.mkdir(parents=True)
    (inner / "more.yaml").write_text("scopes:\n  - id: deep-scope\n    name: Deep\n")
    dataset = load(data_dir=data, seeds_dir=seeds)
    assert "deep-scope" in dataset.scopes and not dataset.errors


def test_publish_still_publishes_every_valid_record(deep, tmp_path):
    import commands

    data, seeds = deep
    done = commands.run("dashboard.publish", "--out", tmp_path / "site", "--no-images", "--build-date", "2026-12-01",
                        cwd=ROOT, env={**os.environ, "TRACKER_DATA_DIR": str(data), "TRACKER_SEEDS_DIR": str(seeds)})
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert len(list((tmp_path / "site" / "records").glob("*.html"))) > 10


@pytest.mark.slow  # runs the whole app
def test_the_app_serves_the_valid_data_and_names_the_depth_limit(deep, monkeypatch):
    from streamlit.testing.v1 import AppTest

    data, seeds = deep
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data))
    monkeypatch.setenv("TRACKER_SEEDS_DIR", str(seeds))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.run()
    at.run()
    assert not at.exception and len(at.get("plotly_chart")) == 1
    assert any(LIMIT in c.value for c in at.code), [c.value for c in at.code]  # the data issues panel says why
