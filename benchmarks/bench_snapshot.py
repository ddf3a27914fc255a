"""Snapshot export speed: our PNG export of a view against plotly's bare `to_image` of the same
figure through the same warm kaleido server, in one run. A measurement, not a test.

    .venv/bin/python benchmarks/bench_snapshot.py [--runs 15]

Cold: the first export in this process (starts the shared Chromium). Warm: the median of
--runs exports each, interleaved. Target: ours <= 1.5 x bare, warm.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly.io as pio  # noqa: E402

import estimates  # noqa: E402
from dashboard.export import formats  # noqa: E402
from dashboard.figures import snapshot_figure  # noqa: E402
from dashboard.view import View  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    dataset = estimates.load()
    frame = estimates.to_frame(dataset)
    figure, alt = snapshot_figure(frame, dataset, View(quantities=("killed", "wounded")), date.today(),
                                  "http://localhost:8501")
    size = dict(width=formats.WIDTH, height=int(figure.layout.height), scale=formats.PNG_SCALE)

    start = time.perf_counter()
    formats.png(figure, alt)
    cold = time.perf_counter() - start

    ours, bare = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        formats.png(figure, alt)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        pio.to_image(figure, format="png", **size)
        bare.append(time.perf_counter() - start)
    ours_s, bare_s = statistics.median(ours), statistics.median(bare)
    ratio = ours_s / bare_s
    print(f"PNG {size['width']}x{size['height']} at {size['scale']}x, {args.runs} warm runs each")
    print(f"  cold (first export, starts Chromium): {cold:.2f} s")
    print(f"  ours, warm median:                    {ours_s:.3f} s")
    print(f"  plotly to_image, warm median:         {bare_s:.3f} s")
    print(f"  ratio ours / bare: {ratio:.2f}x (target <= 1.5x): {'PASS' if ratio <= 1.5 else 'ABOVE TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
