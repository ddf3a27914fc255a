"""The built wheel, installed in a fresh virtual environment, works from outside the checkout:
it carries the data, the schemas, the archived documents and the browser script, and its one
command validates, exports, snapshots and runs the app. Takes about 40 s (pip installs the
pinned dependencies); CI runs it like every other test."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

import estimates
from browser_support import free_port
from conftest import ROOT
from estimates.export import to_csv

pytestmark = pytest.mark.wheel
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", "test-artifacts",
                                     "build", "dist", "*.egg-info", "benchmarks", "tests")


class Installed:
    def __init__(self, wheel: Path, venv: Path, outside: Path):
        self.wheel, self.venv, self.outside = wheel, venv, outside
        self.bin = venv / "bin"
        self.env = {k: v for k, v in os.environ.items()
                    if k not in {"PYTHONPATH", "TRACKER_DATA_DIR", "TRACKER_SEEDS_DIR", "VIRTUAL_ENV"}}
        self.env["PATH"] = f"{self.bin}{os.pathsep}{self.env.get('PATH', '')}"

    def run(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([*args], cwd=cwd or self.outside, env=self.env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)  # builds leave build/ and *.egg-info behind: not in ours
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir",
                            str(work / "dist"), str(source)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    wheel = next((work / "dist").glob("nk_troops_tracker-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)  # this run's pip installs
    # The wheel alone goes into the fresh environment; its dependencies are the pinned ones this
    # run already has (the same requirements.txt, checked just below), seen through a .pth file:
    # resolving and copying them again took 30 s and tested pip, not the wheel.
    purelib = subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet",
                              "--no-deps", "--disable-pip-version-check", str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    outside = work / "elsewhere"
    outside.mkdir()
    return Installed(wheel, venv, outside)


def test_the_wheel_requires_the_pinned_runtime_requirements(installed):
    with zipfile.ZipFile(installed.wheel) as wheel:
        metadata = next(wheel.read(n).decode() for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    declared = sorted(line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Requires-Dist: "))
    pinned = sorted(line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
                    if line.split("#")[0].strip())
    assert declared == pinned and all("==" in r for r in pinned)


def test_the_wheel_holds_the_data_the_schemas_the_documents_and_the_browser_script(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    expected = {str(p.relative_to(ROOT)) for folder in ("estimates", "dashboard") for p in (ROOT / folder).rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}
    expected |= {f"estimates/seeds/{p.name}" for p in (ROOT / "seeds").iterdir()}
    expected |= {"streamlit_app.py", "dashboard/streamlit_config/config.toml"}
    assert expected - names == set()
    assert {"estimates/data/actors.yaml", "estimates/data/records/2025-01.yaml", "estimates/schema/data.schema.json",
            "dashboard/app/chart_drawn.js"} <= names


def test_it_reads_the_packaged_copy_outside_a_checkout(installed):
    result = installed.run(str(installed.bin / "python"), "-c",
                           "import estimates.locations as l; print(l.data_dir()); print(l.seeds_dir())")
    data_dir, seeds_dir = result.stdout.split()
    site = str(installed.venv / "lib")
    assert data_dir.startswith(site) and data_dir.endswith("estimates/data")
    assert seeds_dir.startswith(site) and seeds_dir.endswith("estimates/seeds")


def test_validate_finds_no_error_and_the_checkouts_data_version(installed):
    dataset = estimates.load()
    result = installed.run("nk-troops", "validate")
    assert result.returncode == 0, result.stderr
    summary, read = result.stderr.strip().splitlines()
    assert summary == (
        f"{len(dataset.estimates)} estimates, {len(dataset.admissions)} admissions, {len(dataset.documents)} documents "
        f"in {len(dataset.files)} files: 0 errors, 0 warnings (data version {dataset.version})")
    assert "site-packages/estimates/data and " in read and read.endswith("(the copy installed with the package)")


def test_export_gives_the_checkouts_csv(installed):
    out = installed.outside / "records.csv"
    result = installed.run("nk-troops", "export", "--format", "csv", "--out", str(out))
    assert result.returncode == 0, result.stderr
    expected = to_csv(estimates.to_frame(estimates.load()))
    assert out.read_bytes() == expected.encode()
    assert len(list(csv.DictReader(io.StringIO(expected)))) == len(estimates.to_frame(estimates.load()))


def test_an_html_snapshot(installed):
    out = installed.outside / "killed.html"
    result = installed.run("nk-troops", "snapshot", "--view", "quantity=killed", "--format", "html", "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert "Plotly.newPlot" in page and f"Data version {estimates.load().version}" in page
    assert (installed.outside / "killed.alt.txt").read_text().startswith("Latest claims, killed: ")


def test_a_static_site(installed):
    out = installed.outside / "site"
    result = installed.run("nk-troops", "publish", "--out", str(out), "--no-images")
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file() and any((out / "records").glob("*.html"))
    assert any(out.rglob("plotly-basic-*.min.js"))  # the vendored bundle travels in the wheel


def test_the_data_directory_can_be_chosen(installed, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "estimates" / "data", data)
    january = data / "records" / "2025-01.yaml"
    january.write_text(january.read_text().replace("qualifier: at_least", "qualifier: at_least\n    high: 1", 1))
    result = installed.run("nk-troops", "--data-dir", str(data), "validate")
    assert result.returncode == 1 and "`at_least` has no upper bound: remove high" in result.stdout


def test_in_a_checkout_it_reads_the_checkouts_data(installed, tmp_path):
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "estimates" / "data", checkout / "estimates" / "data")
    shutil.copytree(ROOT / "seeds", checkout / "seeds")
    (checkout / "estimates" / "data" / "records" / "2026-03.yaml").unlink()  # a month of one admission
    result = installed.run("nk-troops", "validate", cwd=checkout)
    assert result.returncode == 0, result.stdout + result.stderr
    here = estimates.load(data_dir=checkout / "estimates" / "data", seeds_dir=checkout / "seeds")
    assert len(here.admissions) < len(estimates.load().admissions)  # the checkout's data, not the package's
    assert result.stderr.startswith(f"{len(here.estimates)} estimates, {len(here.admissions)} admissions,")


def test_the_installed_app_runs(installed):
    found = installed.run(str(installed.bin / "python"), "-c",
                          "import importlib.util; print(importlib.util.find_spec('streamlit_app').origin)")
    assert found.stdout.strip().startswith(str(installed.venv)), found.stderr
    port = free_port()
    server = subprocess.Popen(["nk-troops", "app", "--server.headless", "true", "--server.port", str(port),
                               "--server.address", "127.0.0.1"], cwd=installed.outside, env=installed.env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        health = _poll(f"http://127.0.0.1:{port}/_stcore/health", server)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert health == "ok"
    test = ("from streamlit.testing.v1 import AppTest; import importlib.util; "
            "at = AppTest.from_file(importlib.util.find_spec('streamlit_app').origin, default_timeout=60).run(); "
            "assert not at.exception, at.exception; print(at.title[0].value)")
    result = installed.run(str(installed.bin / "python"), "-c", test)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "North Korean troops in Russia"


def _poll(url: str, server: subprocess.Popen) -> str:
    deadline = time.monotonic() + 90
    while server.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.2)
    return f"server did not answer (exit code {server.poll()})"


def test_a_data_package(installed):
    import frictionless

    out = installed.outside / "package.zip"
    result = installed.run("nk-troops", "export", "--format", "datapackage", "--out", str(out))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        archive.extractall(installed.outside / "package")
    report = frictionless.validate(str(installed.outside / "package" / "datapackage.json"))
    assert report.valid and report.tasks[0].stats["rows"] == len(estimates.to_frame(estimates.load()))  # a row per admitted figure
