"""How long does the dashboard take to show its chart, against a bare one-chart Streamlit app?
A measurement, not a test.

    .venv/bin/python benchmarks/bench_dashboard.py             # 7 warm loads and 7 toggles per app
    .venv/bin/python benchmarks/bench_dashboard.py --runs 15

Starts two Streamlit servers on free loopback ports: the dashboard (streamlit_app.py) and the
floor (benchmarks/floor_app.py: one Plotly scatter of the same records and a Scale radio). Then,
in headless Chromium (/usr/bin/chromium, never downloaded), alternating the two apps so drift
hits both alike, times:

  cold    the first page load after the server started, in a fresh browser context: from
          page.goto() to the chart's SVG being visible (server imports, first script run,
          plotly.js download and compile all included)
  warm    --runs further loads, each in a fresh browser context: median
  rerun   in a loaded page, click "linear" (then "log") in the Scale radio and wait until the
          chart's own y axes have that type in Plotly's _fullLayout: median of --runs toggles

and prints the dashboard / floor ratios against the targets (first chart <= 1.10 x floor,
rerun <= 1.20 x floor). Exits 0 whatever the ratios; 1 only if something could not be measured.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHART, CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

APPS = {"dashboard": ROOT / "streamlit_app.py", "floor": ROOT / "benchmarks" / "floor_app.py"}
TIMEOUT_S = 60
TARGET_FIRST, TARGET_RERUN = 1.10, 1.20

# The y axes of the first Plotly chart on the page, as {name: type}, or null before it is drawn.
Y_AXES_JS = """() => {
  const plot = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
  if (!plot || !plot._fullLayout) return null;
  const axes = {};
  for (const key of Object.keys(plot._fullLayout)) {
    if (/^yaxis\\d*$/.test(key)) axes[key] = plot._fullLayout[key].type;
  }
  return axes;
}"""
# True once every named y axis of the chart has the wanted type (and the chart is drawn).
AXES_ARE_JS = """([names, wanted]) => {
  const plot = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
  if (!plot || !plot._fullLayout || !plot.querySelector('.main-svg')) return false;
  return names.every(name => plot._fullLayout[name] && plot._fullLayout[name].type === wanted);
}"""


def time_first_chart(browser, url: str) -> float:
    """Seconds from goto() to the chart being visible, in a fresh browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
        page.wait_for_selector(CHART, state="visible", timeout=TIMEOUT_S * 1000)
        return time.perf_counter() - start
    finally:
        context.close()


class Toggler:
    """A loaded page of one app whose Scale radio is flipped between log and linear."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
        self.page.wait_for_selector(CHART, state="visible", timeout=TIMEOUT_S * 1000)
        self.settle()
        axes = self.page.evaluate(Y_AXES_JS) or {}
        self.axes = sorted(name for name, kind in axes.items() if kind == "log")  # those the radio switches
        if not self.axes:
            raise RuntimeError(f"{url}: no log y axis in the chart on first load: {axes}")
        radio = self.page.get_by_test_id("stRadio").filter(has=self.page.get_by_text("Scale", exact=True))
        self.options = {scale: radio.get_by_text(scale, exact=True) for scale in ("log", "linear")}

    def settle(self) -> None:
        """Wait until no script run is under way, so one toggle does not interrupt the last."""
        self.page.wait_for_selector("[data-test-script-state=notRunning]", state="attached",
                                    timeout=TIMEOUT_S * 1000)

    def toggle(self, scale: str) -> float:
        """Seconds from clicking `scale` to the chart redrawn with that axis type."""
        self.page.bring_to_front()
        start = time.perf_counter()
        self.options[scale].click(timeout=TIMEOUT_S * 1000)
        self.page.wait_for_function(AXES_ARE_JS, arg=[self.axes, scale], timeout=TIMEOUT_S * 1000)
        elapsed = time.perf_counter() - start
        self.settle()
        return elapsed

    def close(self) -> None:
        self.context.close()


def interleaved(names: list[str], index: int) -> list[str]:
    return names if index % 2 == 0 else names[::-1]


def measure(runs: int) -> dict[str, dict[str, object]]:
    from playwright.sync_api import sync_playwright

    names = list(APPS)
    results: dict[str, dict[str, object]] = {name: {"warm": [], "rerun": []} for name in names}
    logs = Path(tempfile.mkdtemp(prefix="bench_dashboard_"))
    with ExitStack() as servers:
        urls = {name: servers.enter_context(streamlit_server(app, env={"PYTHONPATH": str(ROOT)},
                                                             log=logs / f"{name}.log")) + "/"
                for name, app in APPS.items()}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                                                 timeout=TIMEOUT_S * 1000)
            try:
                warmup = browser.new_context()  # start the browser's own machinery before any timing
                warmup.new_page().goto("about:blank")
                warmup.close()

                for name in names:  # cold: the first load each server ever serves
                    results[name]["cold"] = time_first_chart(browser, urls[name])
                for run in range(runs):
                    for name in interleaved(names, run):
                        results[name]["warm"].append(time_first_chart(browser, urls[name]))

                togglers = {name: Toggler(browser, urls[name]) for name in names}
                try:
                    for run in range(runs):
                        scale = "linear" if run % 2 == 0 else "log"
                        for name in interleaved(names, run // 2):
                            results[name]["rerun"].append(togglers[name].toggle(scale))
                finally:
                    for toggler in togglers.values():
                        toggler.close()
            finally:
                browser.close()
    return results


def report(results: dict[str, dict[str, object]], runs: int) -> None:
    print(f"\nTime to visible chart in headless Chromium ({runs} warm loads and {runs} scale toggles per app)\n")
    print(f"{'app':<10} {'cold s':>8} {'warm median s':>14} {'rerun median s':>15}   warm min-max     rerun min-max")
    for name, result in results.items():
        warm, rerun = result["warm"], result["rerun"]
        print(f"{name:<10} {result['cold']:>8.2f} {statistics.median(warm):>14.2f} {statistics.median(rerun):>15.3f}"
              f"   {min(warm):.2f}-{max(warm):.2f}       {min(rerun):.3f}-{max(rerun):.3f}")
    print()
    dashboard, floor = results["dashboard"], results["floor"]
    for label, key, target in (("first chart (warm)", "warm", TARGET_FIRST), ("rerun (scale toggle)", "rerun", TARGET_RERUN)):
        ratio = statistics.median(dashboard[key]) / statistics.median(floor[key])
        verdict = "PASS" if ratio <= target else "ABOVE TARGET"
        print(f"dashboard / floor, {label:<21} {ratio:5.2f}x   target <= {target:.2f}x   {verdict}")
    print(f"(cold, for information: {dashboard['cold'] / floor['cold']:.2f}x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="warm loads and scale toggles per app (default 7)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        results = measure(args.runs)
    except Exception as error:  # noqa: BLE001 - a measurement that failed says why, and exits 1
        print(f"could not measure: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    report(results, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
