"""How long the test suite takes, as a contributor meets it: a fresh clone, then the README's
commands. Targets (issue "A fast loop"): `python3 dev.py test` at most 240 s, `--fast` at most 60 s.

    python3 benchmarks/bench_suite.py                   # clone HEAD into a temporary folder, set up, time both
    python3 benchmarks/bench_suite.py --checkout .      # time both in this checkout (its .venv as it is)

Set-up (creating .venv and installing the pinned requirements, about 40 s) is timed apart:
the first command in a fresh clone pays it, and is run once before the timed runs. Each run's
own figures come from pytest's summary line ("N passed in S s"), beside the wall time.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"full": 240.0, "fast": 60.0}
SUMMARY = re.compile(r"=+ (.*?) in ([0-9.]+)s")


def run(checkout: Path, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "dev.py", *args], cwd=checkout, capture_output=True, text=True,
                          env={**os.environ, "CI": "true"})
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"`python3 dev.py {' '.join(args)}` failed (exit {done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return elapsed, done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkout", type=Path, help="time this checkout instead of a fresh clone of HEAD")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as scratch:
        checkout = args.checkout
        if checkout is None:
            checkout = Path(scratch) / "clone"
            subprocess.run(["git", "clone", "--quiet", str(ROOT), str(checkout)], check=True)
            started = time.perf_counter()
            run(checkout, "test", "tests/test_dates.py", "-q", "-n", "0")  # set-up, with a few tests to be sure
            print(f"set-up (.venv and the pinned requirements): {time.perf_counter() - started:.0f} s")
        failed = False
        for tier, extra in (("full", []), ("fast", ["--fast"])):
            elapsed, out = run(checkout, "test", "-p", "no:cacheprovider", *extra)
            found = SUMMARY.findall(out)
            summary, seconds = found[-1] if found else ("?", "nan")
            verdict = "ok" if float(seconds) <= TARGETS[tier] else "OVER"
            failed |= verdict == "OVER"
            print(f"python3 dev.py test {' '.join(extra)}".strip() + f": {summary} in {float(seconds):.0f} s by pytest, "
                  f"{elapsed:.0f} s wall (target {TARGETS[tier]:.0f} s: {verdict})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
