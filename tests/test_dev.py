"""`python3 dev.py test` on a machine without Chromium: it installs it (as root, with apt-get),
or stops at once with the command to run. Chromium's absence is simulated with a PATH that holds
no browser, and apt-get with a stand-in script; the system's Chromium is never touched."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# Runs dev.py as `python3 dev.py ...` would, with the effective user id this test chooses.
RUN_AS = ("import os, runpy, sys; uid = int(sys.argv.pop(1)); os.geteuid = lambda: uid; "
          "sys.argv[0] = {dev!r}; runpy.run_path({dev!r}, run_name='__main__')")
FAKE_APT = """#!/bin/sh
echo "$*" >> "{log}"
if [ "$1" = install ]; then
  printf '#!/bin/sh\\necho Chromium 156\\n' > "{bin}/chromium"
  /bin/chmod +x "{bin}/chromium"
fi
"""


def run_dev(tmp_path: Path, *args: str, uid: int, apt: bool):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = tmp_path / "apt.log"
    if apt:
        (bin_dir / "apt-get").write_text(FAKE_APT.format(log=log, bin=bin_dir))
        (bin_dir / "apt-get").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "BROWSER_PATH"}
    env["PATH"] = str(bin_dir)  # no chromium, no real apt-get
    code = RUN_AS.format(dev=str(ROOT / "dev.py"))
    result = subprocess.run([sys.executable, "-c", code, str(uid), *args], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    return result, (log.read_text().splitlines() if log.exists() else [])


def test_without_chromium_and_not_root_it_stops_at_once_with_the_command(tmp_path):
    result, apt_calls = run_dev(tmp_path, "test", uid=1000, apt=True)
    assert result.returncode == 1
    assert result.stderr == ("Chromium is needed by the tests and is not installed. Run:\n\n"
                             "    sudo apt-get update && sudo apt-get install -y chromium\n\n"
                             "then run `python3 dev.py test` again.\n")
    assert apt_calls == [] and result.stdout == ""  # nothing installed, no test run


def test_without_chromium_or_apt_it_says_what_to_install(tmp_path):
    result, _ = run_dev(tmp_path, "test", uid=0, apt=False)
    assert result.returncode == 1 and result.stdout == ""
    assert "install Chromium with your system's package manager, or set BROWSER_PATH" in result.stderr


@pytest.mark.slow  # runs dev.py, which runs pytest
def test_as_root_with_apt_it_installs_chromium_then_runs_the_tests(tmp_path):
    result, apt_calls = run_dev(tmp_path, "test", "tests/test_dates.py", "-q", "-p", "no:cacheprovider",
                                uid=0, apt=True)
    assert apt_calls == ["update", "install -y --no-install-recommends chromium"]
    assert result.stdout.startswith("Chromium is missing: running `apt-get update && apt-get install -y chromium` ...")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout and "skipped" not in result.stdout


def test_a_failed_apt_get_stops_with_the_command(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "apt-get").write_text("#!/bin/sh\nexit 100\n")
    (bin_dir / "apt-get").chmod(0o755)
    result, _ = run_dev(tmp_path, "test", uid=0, apt=False)
    assert result.returncode == 1
    assert "`apt-get update` failed. Run `apt-get update && apt-get install -y chromium` yourself" in result.stderr


def test_the_fast_tier_leaves_out_browser_wheel_and_slow_tests_and_every_run_lists_the_slowest():
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    parallel = ["-n", "2", "--dist", "loadfile"]
    assert dev.test_options([]) == [*parallel, "--durations=15"]
    assert dev.test_options(["--fast", "-x"]) == [*parallel, "--durations=15", "-m", "not browser and not wheel and not slow",
                                                  "-x"]
    assert dev.test_options(["--durations=3", "-n", "0", "tests/test_dates.py"]) == [
        "--durations=3", "-n", "0", "tests/test_dates.py"]
    markers = (ROOT / "pyproject.toml").read_text()
    assert all(f'"{name}: ' in markers for name in ("browser", "wheel", "slow"))  # --strict-markers knows them
