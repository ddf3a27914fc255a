#!/usr/bin/env python3
"""Set up and run the project with nothing but Python installed.

    python3 dev.py app            # open the dashboard
    python3 dev.py test           # run every test (what CI runs), then list the slowest
    python3 dev.py test --fast    # the inner loop: every test but the browser, wheel and slow ones

Each command creates `.venv` and installs the pinned requirements the first time, and again
only when a requirements file changes; running it twice is safe.

`test` needs Chromium (the browser tests and PNG/SVG snapshots drive it). When it is missing,
it is installed with apt-get if this runs as root on Debian or Ubuntu; otherwise `test` stops
before doing anything else and prints the command to run. `BROWSER_PATH` names another
Chrome or Chromium binary.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _requirements_hash() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "requirements-dev.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


def ensure_environment() -> None:
    marker = VENV / f".installed-{_requirements_hash()}"
    if marker.exists():
        return
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]}).")
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        try:
            venv.create(VENV, with_pip=True)
        except Exception as error:  # e.g. Debian without python3-venv
            sys.exit(f"Could not create .venv ({error}). On Debian/Ubuntu: apt-get install python3-venv")
    print("Installing pinned requirements into .venv ...", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-r", str(ROOT / "requirements-dev.txt")], check=True)
    for old in VENV.glob(".installed-*"):
        old.unlink()
    marker.touch()


CHROMIUM_PACKAGE = "chromium"


def find_chromium() -> str | None:
    """The browser the tests will drive: BROWSER_PATH, else `chromium` on PATH."""
    named = os.environ.get("BROWSER_PATH")
    if named:
        return named if os.path.exists(named) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def ensure_chromium() -> str:
    """Chromium's path. Installs it with apt-get when we can (root, apt-get on PATH); else stops
    with the command to run."""
    found = find_chromium()
    if found:
        return found
    apt = shutil.which("apt-get")
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    command = f"apt-get update && apt-get install -y {CHROMIUM_PACKAGE}"
    if apt is None or not is_root:
        hint = (f"sudo apt-get update && sudo apt-get install -y {CHROMIUM_PACKAGE}" if apt else
                "install Chromium with your system's package manager, or set BROWSER_PATH to a Chrome or Chromium binary")
        sys.exit(f"Chromium is needed by the tests and is not installed. Run:\n\n    {hint}\n\nthen run "
                 "`python3 dev.py test` again.")
    print(f"Chromium is missing: running `{command}` ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for step in (["update"], ["install", "-y", "--no-install-recommends", CHROMIUM_PACKAGE]):
        if subprocess.run([apt, *step], env=env).returncode != 0:
            sys.exit(f"`apt-get {' '.join(step)}` failed. Run `{command}` yourself, then `python3 dev.py test` again.")
    found = find_chromium()
    if not found:
        sys.exit(f"apt-get installed {CHROMIUM_PACKAGE}, but no `chromium` is on PATH. Set BROWSER_PATH to its binary.")
    return found


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"app", "test"}:
        print(__doc__)
        return 2
    if argv[0] == "test":  # first: a missing browser stops the run before the 30-second install
        os.environ["BROWSER_PATH"] = ensure_chromium()  # the tests drive this one
    ensure_environment()
    os.chdir(ROOT)
    if argv[0] == "app":
        sys.path.insert(0, str(ROOT))
        from dashboard.urls import BadBaseUrl, check_base_url

        try:
            check_base_url(os.environ.get("TRACKER_BASE_URL") or "http://localhost", "TRACKER_BASE_URL")
        except BadBaseUrl as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        # Only this machine can connect unless asked otherwise (README: "Serving on a network").
        address = [] if any(a.startswith("--server.address") for a in argv[1:]) else ["--server.address", "127.0.0.1"]
        command = [str(PYTHON), "-m", "streamlit", "run", "streamlit_app.py", *address, *argv[1:]]
    else:
        command = [str(PYTHON), "-m", "pytest", *test_options(argv[1:])]
    return subprocess.call(command)


FAST = "not browser and not wheel and not slow"  # pyproject.toml's markers
SLOWEST = 15  # tests listed after every run, so that the next slow one shows itself
# Two workers (pytest-xdist), each test file on one of them, so that a file's module fixtures (the
# built wheel, a server) are made once. On 2 cores the whole suite takes about 60% of the time.
PARALLEL = ["-n", "2", "--dist", "loadfile"]


def test_options(args: list[str]) -> list[str]:
    """pytest's arguments for `dev.py test [--fast] [pytest options]`: two workers, the slowest
    tests listed, and with --fast, the tests marked browser, wheel or slow left out. Options
    given on the command line win: `-n 0` runs in one process, `--durations=N` lists N."""
    options = [a for a in args if a != "--fast"]
    if "--fast" in args:
        options = ["-m", FAST, *options]
    if not any(a.startswith("--durations") for a in options):
        options = [f"--durations={SLOWEST}", *options]
    if not any(a.startswith(("-n", "--numprocesses")) or a == "no:xdist" for a in options):
        options = [*PARALLEL, *options]
    return options


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
