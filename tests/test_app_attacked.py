"""The dashboard under bad files and a bad configuration: it keeps serving what it can, says
what happened in words a visitor may read, and never shows where the server keeps its files or
what is outside them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import estimates
from conftest import ROOT, copy_seed_articles
from dashboard.app.data import DATA_DIR_VARIABLE, SEEDS_DIR_VARIABLE

pytestmark = pytest.mark.slow  # every test runs the whole app (AppTest) on broken data

APP = str(ROOT / "streamlit_app.py")
SEED = "003_0be644783e89e01f"


def run(at: AppTest | None = None) -> AppTest:
    if at is None:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()  # the chart alone
    at.run()
    assert not at.exception, at.exception
    return at


def ids(at: AppTest) -> set[str]:
    return set(next(d for d in at.dataframe if d.key == "records_table").value["Record"])


def banner(at: AppTest) -> str:
    import re

    text = re.sub(r"(`+) (.*?) \1", r"\2", " ".join(w.value for w in at.warning))  # file names are code spans
    return re.sub(r"\\(.)", r"\1", text)


RECORDS = 0  # how many records the copy holds: set by the `copy` fixture


@pytest.fixture
def copy(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """The five seed articles' data and documents, which the app is then pointed at."""
    global RECORDS
    data, seeds = copy_seed_articles(tmp_path)
    RECORDS = len(estimates.load(data_dir=data, seeds_dir=seeds).records)
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(data))
    monkeypatch.setenv(SEEDS_DIR_VARIABLE, str(seeds))
    return data, seeds


def test_a_deleted_file_is_served_from_its_last_valid_version_and_the_banner_says_so(copy):
    data, _ = copy
    at = run()
    assert len(ids(at)) == RECORDS
    losses = data / "losses.yaml"
    good = losses.read_bytes()
    losses.unlink()
    run(at)
    assert "killed-nis-2025-01" in ids(at) and len(ids(at)) == RECORDS
    assert "data/losses.yaml was deleted or moved: showing its last valid version" in banner(at)
    losses.write_bytes(good)
    run(at)
    assert not at.warning and len(ids(at)) == RECORDS


def test_an_unreadable_file_is_served_from_its_last_valid_version(copy):
    data, _ = copy
    at = run()
    losses = data / "losses.yaml"
    losses.unlink()
    losses.mkdir()  # still listed, no longer readable
    run(at)
    assert len(ids(at)) == RECORDS
    assert "data/losses.yaml cannot be read (listed below): showing its last valid version" in banner(at)
    assert "data/losses.yaml:1  " in at.code[0].value and "is a directory, not a regular file" in at.code[0].value


def test_a_seed_that_no_longer_matches_its_checksum_is_served_from_its_last_valid_version(copy):
    _, seeds = copy
    at = run()
    text = seeds / f"{SEED}.txt"
    good = text.read_bytes()
    text.write_bytes(good.replace(b"300", b"3,000"))
    run(at)
    assert len(ids(at)) == RECORDS and "killed-nis-2025-01" in ids(at)
    assert f"seeds/{SEED}.txt no longer matches its checksum (listed below): showing its last valid version" in banner(at)
    assert f"{SEED}.txt no longer matches its checksum" in at.code[0].value
    text.write_bytes(good)
    run(at)
    assert not at.warning


def test_the_data_issues_panel_shows_project_paths_and_nothing_from_outside(copy, tmp_path):
    data, _ = copy
    secret = tmp_path / "private" / "passwd.yaml"
    secret.parent.mkdir()
    secret.write_text("estimates:\n  - id: secret-value-5b2d\n    notes: NO\n")
    (data / "link.yaml").symlink_to(secret)
    (data / "broken.yaml").write_text("estimates:\n  - id: x\n    value: 012\n")
    at = run()
    listed = at.code[0].value
    assert "data/link.yaml:1  " in listed and "is a symlink to a file outside the folders" in listed
    assert "data/broken.yaml:" in listed
    page = " ".join([listed, banner(at), *(e.value for e in at.error), *(t.value for t in at.text)])
    assert str(tmp_path) not in page and "private" not in page and "secret-value-5b2d" not in page
    assert len(ids(at)) == RECORDS


def test_a_base_url_that_is_not_http_stops_the_app_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("TRACKER_BASE_URL", "javascript:alert(document.domain);//x")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert not at.get("plotly_chart") and not at.code  # no chart, no link built on it
    assert "must start with http" in at.error[0].value.replace("\\", "")


@pytest.mark.parametrize("attack", ["fifo", "symlink loop", "device"])
def test_the_app_does_not_hang_or_fail_on_a_special_file_in_the_data_folder(copy, attack):
    data, seeds = copy
    target = data / "x.yaml"
    if attack == "fifo":
        os.mkfifo(target)
    elif attack == "symlink loop":
        target.symlink_to(target)
    else:
        target.symlink_to("/dev/zero")
    code = textwrap.dedent(f"""
        from streamlit.testing.v1 import AppTest
        at = AppTest.from_file({APP!r}, default_timeout=60)
        at.run(); at.run()
        assert not at.exception, at.exception
        assert len(at.get("plotly_chart")) == 1 and len(next(d for d in at.dataframe if d.key == "records_table").value) == {RECORDS}
        print(at.code[0].value)
    """)
    env = {**os.environ, DATA_DIR_VARIABLE: str(data), SEEDS_DIR_VARIABLE: str(seeds)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-800:]
    assert "data/x.yaml:1  " in result.stdout and str(data) not in result.stdout
