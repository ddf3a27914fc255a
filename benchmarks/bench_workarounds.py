"""A/B timings of the in-process performance workarounds (issue 10, item 7). A measurement, not
a test: each workaround is switched off by patching it out in this process, and both sides
are timed interleaved (A, B, A, B, ...) on the real data, so that drift hits both alike.

    .venv/bin/python benchmarks/bench_workarounds.py              # 15 rounds
    .venv/bin/python benchmarks/bench_workarounds.py --rounds 41 --only validate copies

  The work timed: the dashboard's work for a view it has not shown (streamlit_app.view_figure):
           `apply` + `on_screen` (timeline_parts, then the figure) + `describe`, for the
           default view and for one estimator kind on the linear scale
  validate the same, building the figure with and without Plotly's validation (_validate)
  copies   the same, with the layout grid and template cached as JSON or built each time
  blocks   the same, on the frame consolidated to one block per dtype (frame.copy()), or on
           the frame as `to_frame` returns it
  load     `estimates.load()` of the real dataset, with and without the collector switched
           off; add bench_load.py's synthetic records with `--synthetic N` (e.g. 1000)

Times are this process's CPU time (time.process_time), not wall time: on a shared machine,
waiting for a core would otherwise be most of the spread. Prints, per workaround, the median
with it and without it, their ratio, and the spread (interquartile range / median) of each
side, which is the noise to judge it against.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import statistics
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import estimates  # noqa: E402
import estimates.dataset as dataset_module  # noqa: E402
from dashboard import timeline  # noqa: E402
from dashboard.alttext import describe  # noqa: E402
from dashboard.figures import on_screen  # noqa: E402
from dashboard.view import KINDS, View, apply  # noqa: E402

import plotly.graph_objects as go  # noqa: E402


def views() -> list:
    return [View(), View(scale="linear", kinds=(KINDS[0],))]


def view_work(frame, version: str) -> None:
    for view in views():
        visible = apply(frame, view)
        on_screen(visible, view, version=version, link="https://example.org/?x=1")
        describe(visible)


@contextlib.contextmanager
def validated():
    """Figures built with Plotly's validation."""
    saved = timeline.unvalidated_figure.__code__
    timeline.unvalidated_figure.__code__ = (lambda traces, layout: go.Figure(data=traces, layout=layout)).__code__
    try:
        yield
    finally:
        timeline.unvalidated_figure.__code__ = saved


def _kept_as_json(build):
    """The layout copies this workaround kept: `build` computed once per argument, stored as
    JSON, each call getting a fresh copy (removed from timeline.py: it did not pay)."""
    kept = lru_cache(maxsize=16)(lambda *args: json.dumps(build(*args)))
    return lambda *args: json.loads(kept(*args))


@contextlib.contextmanager
def cached_copies():
    saved = timeline._grid, timeline._template
    timeline._grid, timeline._template = _kept_as_json(timeline._grid), _kept_as_json(timeline._template)
    try:
        yield
    finally:
        timeline._grid, timeline._template = saved


class _CollectorLeftOn:
    def __getattr__(self, name):
        return getattr(gc, name)

    @staticmethod
    def disable():
        pass


@contextlib.contextmanager
def collector_on():
    dataset_module.gc = _CollectorLeftOn()
    try:
        yield
    finally:
        dataset_module.gc = gc


def ab(rounds: int, with_it, without_it) -> tuple[list[float], list[float]]:
    times: tuple[list[float], list[float]] = ([], [])
    with_it(), without_it()  # warm both
    for n in range(rounds):
        order = ((0, with_it), (1, without_it)) if n % 2 == 0 else ((1, without_it), (0, with_it))
        for side, run in order:
            start = time.process_time()
            run()
            times[side].append(time.process_time() - start)
    return times


def spread(values: list[float]) -> float:
    q = statistics.quantiles(values, n=4)
    return (q[2] - q[0]) / statistics.median(values)


def show(name: str, times: tuple[list[float], list[float]]) -> None:
    on, off = map(statistics.median, times)
    print(f"{name:<9} with {on * 1000:8.1f} ms (IQR {spread(times[0]):4.0%})   without {off * 1000:8.1f} ms "
          f"(IQR {spread(times[1]):4.0%})   without/with {off / on:5.2f}x   n={len(times[0])}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--synthetic", type=int, default=0, help="also load N synthetic records (bench_load.py)")
    parser.add_argument("--only", nargs="+", default=["validate", "copies", "blocks", "load"])
    args = parser.parse_args()

    dataset = estimates.load()
    frame = estimates.to_frame(dataset)
    print(f"{len(frame)} rows, {frame._mgr.nblocks} blocks; {len(views())} views per figure run", flush=True)

    def with_context(context):
        def run():
            with context():
                view_work(frame, dataset.version)
        return run

    if "validate" in args.only:
        show("validate", ab(args.rounds, lambda: view_work(frame, dataset.version), with_context(validated)))
    if "copies" in args.only:
        show("copies", ab(args.rounds, with_context(cached_copies), lambda: view_work(frame, dataset.version)))
    if "blocks" in args.only:  # to_frame's frame has a block per column set one by one; copy() consolidates
        consolidated = frame.copy()
        show("blocks", ab(args.rounds, lambda: view_work(consolidated, dataset.version),
                          lambda: view_work(frame, dataset.version)))
    if "load" in args.only:
        def loading():
            with collector_on():
                estimates.load()
        show("gc real", ab(args.rounds, estimates.load, loading))
        if args.synthetic:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from bench_load import write_records

            with tempfile.TemporaryDirectory(prefix="bench-gc-") as tmp:
                write_records(Path(tmp), args.synthetic, 10)

                def synthetic_on():
                    with collector_on():
                        estimates.load([Path(tmp)])
                show(f"gc {args.synthetic}", ab(max(3, args.rounds // 8), lambda: estimates.load([Path(tmp)]),
                                               synthetic_on))
    return 0


if __name__ == "__main__":
    sys.exit(main())
