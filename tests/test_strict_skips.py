"""Under CI=true a skipped test fails the run (tests/strict_skips.py); locally it is a skip."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # every test starts pytest in a new process

SKIPPING = "import pytest\n\ndef test_ok():\n    pass\n\ndef test_needs_a_browser():\n    pytest.skip('no browser here')\n"


def run_pytest(tmp_path, ci: str | None, *options: str):
    (tmp_path / "test_sample.py").write_text(SKIPPING)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = str(ROOT / "tests")
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "strict_skips", "-p", "no:cacheprovider",
                           "-rs", *options, "test_sample.py"], cwd=tmp_path, env=env, capture_output=True, text=True)


def test_a_skip_fails_the_run_in_ci(tmp_path):
    result = run_pytest(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    assert "skipped tests fail the run under CI=true" in result.stdout
    assert "test_sample.py::test_needs_a_browser: no browser here" in result.stdout


def test_a_skip_fails_the_run_in_ci_on_workers_too(tmp_path):
    result = run_pytest(tmp_path, "true", "-n", "1")  # reports come from a worker, as under dev.py test's -n 2
    assert result.returncode == 1, result.stdout
    assert "test_sample.py::test_needs_a_browser: no browser here" in result.stdout


def test_a_skip_is_only_a_skip_outside_ci(tmp_path):
    for ci in (None, "false"):
        result = run_pytest(tmp_path, ci)
        assert result.returncode == 0, result.stdout
        assert "1 passed, 1 skipped" in result.stdout
