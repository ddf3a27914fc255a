"""How much does validation cost on top of parsing? A measurement, not a test.

    .venv/bin/python benchmarks/bench_load.py                 # 1,000 and 10,000 records
    .venv/bin/python benchmarks/bench_load.py --sizes 500 20000 --files 10 --repeat 3

For each size, writes that many synthetic *valid* estimates across several files in a temporary
folder, then times, best of --repeat runs each:

  bare parse     read each file and `yaml.load(text, Loader=yaml.CSafeLoader)`: the floor
  load+validate  `estimates.load([folder])`: our YAML 1.2 reader, pydantic models, cross-record
                 rules, plus the default dataset and the archived documents in seeds/ (tiny)

and prints their ratio against the target (load+validate <= 1.25 x bare parse at 10,000).
Exits 0 whatever the ratio; exits 1 only if the synthetic data does not load as expected.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

import estimates  # noqa: E402

TARGET_RATIO = 1.25
TARGET_SIZE = 10_000

DOCUMENT = "003_0be644783e89e01f"
QUOTES = [  # verbatim in seeds/003_0be644783e89e01f.txt
    "at least 300 North Korean soldiers",
    "North Korean soldiers sent to support Russia",
]
ESTIMATORS = ["rok-nis", "us-dod", "rok-military", "rok-intelligence", "us-state-dept"]
SCOPES = ["war", "russia", "kursk"]
QUANTITIES = ["killed", "wounded", "deployed"]
QUALIFIERS = ["about", "at_least", "exact", "range"]
HOWS = ["printed", "inferred"]
# up to April 2025: a claim is never dated after its earliest report (the document, 28-29 Apr 2025)
MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)][:16]


def record(i: int) -> str:
    """The i-th synthetic estimate: valid, and unique on (estimator, quantity, scope, value, low,
    high, announced), since every figure carries i."""
    qualifier = QUALIFIERS[i % len(QUALIFIERS)]
    if qualifier == "range":
        figure = f"    low: {1_000 + i}\n    high: {2_000 + 2 * i}\n"
        if i % 8 == 3:  # a range with a best value too, low <= value <= high
            figure = f"    value: {1_500 + i}\n" + figure
    else:
        figure = f"    value: {1_000 + i}\n"
    extra = ""
    if i % 5 == 0:
        extra += f"    notes: Synthetic record number {i}, written by benchmarks/bench_load.py.\n"
    return (
        f"  - id: bench-{i:06d}\n"
        f"    quantity: {QUANTITIES[i % len(QUANTITIES)]}\n"
        f"    scope: {SCOPES[(i // 3) % len(SCOPES)]}\n"
        f"{figure}"
        f"    qualifier: {qualifier}\n"
        f"    estimator: {ESTIMATORS[(i // 7) % len(ESTIMATORS)]}\n"
        f"{extra}"
        f"    announced:\n"
        f"      value: '{MONTHS[(i // 11) % len(MONTHS)]}'\n"
        f"      how: {HOWS[i % 2]}\n"
        f"      evidence: Month printed in the article; synthetic record {i}.\n"
        f"    distinct_because: synthetic claim {i}; synthetic claims share a few passages\n"
        + (f"    scope_evidence: synthetic claim {i}\n" if SCOPES[(i // 3) % len(SCOPES)] != "war" else "")
        + f"    reports:\n"
        f"      - document: {DOCUMENT}\n"
        f"        quote: {QUOTES[i % len(QUOTES)]}\n"
        + ("        relayed_by: [yonhap]\n" if i % 3 == 0 else "")
    )


def write_records(folder: Path, n: int, files: int) -> list[Path]:
    paths = []
    per_file = -(-n // files)
    for f in range(files):
        chunk = range(f * per_file, min(n, (f + 1) * per_file))
        if not chunk:
            break
        path = folder / f"bench_{f:02d}.yaml"
        path.write_text("estimates:\n" + "".join(record(i) for i in chunk), encoding="utf-8")
        paths.append(path)
    return paths


def best_of(repeat: int, run) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def bare_parse(paths: list[Path]) -> int:
    count = 0
    for path in paths:
        data = yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
        count += len(data["estimates"])
    return count


def measure(n: int, files: int, repeat: int, baseline: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        folder = Path(tmp)
        paths = write_records(folder, n, files)
        size = sum(p.stat().st_size for p in paths)
        print(f"  {n:,} records in {len(paths)} files, {size / 1e6:.1f} MB", file=sys.stderr, flush=True)

        parse_seconds, parsed = best_of(repeat, lambda: bare_parse(paths))
        if parsed != n:
            sys.exit(f"bare parse read {parsed} records, expected {n}")

        load_seconds, dataset = best_of(repeat, lambda: estimates.load([folder]))
        expected = baseline + n
        if dataset.problems or len(dataset.estimates) != expected:
            shown = "\n".join(str(p) for p in dataset.problems[:10])
            sys.exit(f"estimates.load gave {len(dataset.errors)} errors, {len(dataset.warnings)} warnings and "
                     f"{len(dataset.estimates)} estimates (expected 0, 0 and {expected}):\n{shown}")
    return parse_seconds, load_seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000], help="record counts")
    parser.add_argument("--files", type=int, default=10, help="files to split the records across")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    args = parser.parse_args(argv)

    baseline_dataset = estimates.load()
    if baseline_dataset.problems:
        sys.exit("the default dataset has problems; fix them before benchmarking")
    baseline = len(baseline_dataset.estimates)

    print(f"Python {sys.version.split()[0]}, PyYAML {yaml.__version__} "
          f"(libyaml {'yes' if yaml.__with_libyaml__ else 'NO'}), best of {args.repeat}", file=sys.stderr)
    rows = []
    for n in args.sizes:
        rows.append((n, *measure(n, args.files, args.repeat, baseline)))

    print(f"{'records':>8}  {'bare parse s':>12}  {'load+validate s':>15}  {'ratio':>6}  target")
    for n, parse_seconds, load_seconds in rows:
        ratio = load_seconds / parse_seconds
        if n == TARGET_SIZE:
            target = f"<= {TARGET_RATIO:g}  {'met' if ratio <= TARGET_RATIO else 'NOT MET'}"
        else:
            target = f"(<= {TARGET_RATIO:g} at {TARGET_SIZE:,})"
        print(f"{n:>8,}  {parse_seconds:>12.3f}  {load_seconds:>15.3f}  {ratio:>6.2f}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
