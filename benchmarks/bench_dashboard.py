"""How long does the dashboard take to show its chart, against a bare one-chart Streamlit app?
A measurement, not a test.

    .venv/bin/python benchmarks/bench_dashboard.py             # 7 warm loads, 21 changes of each kind
    .venv/bin/python benchmarks/bench_dashboard.py --runs 15 --changes 45

Starts two Streamlit servers on free loopback ports: the dashboard (streamlit_app.py) and the
floor (benchmarks/floor_app.py: one Plotly scatter of the same records, a Scale radio and an
"Estimator kind" multiselect). Then, in headless Chromium (/usr/bin/chromium,
never downloaded), alternating the two apps so drift hits both alike, times:

  cold    the first page load after the server started, in a fresh browser context: from
          page.goto() to the chart's SVG being visible (server imports, first script run,
          plotly.js download and compile all included)
  warm    --runs further loads, each in a fresh browser context: median
  scale   in a loaded page, click "linear" (then "log") in the Scale radio and wait until the
          chart's own y axes have that type in Plotly's _fullLayout: median of --changes
  filter  in the same page, choose "intelligence agency" in the "Estimator kind" filter (then
          remove it) and wait until the chart holds the number of points it has with that
          filter: median of --changes, timed from the choice (the menu is opened before).
          These views have been shown before: the dashboard's figure for them is cached.
  new view  then each other estimator kind once, on each scale: views never shown before, so
          the dashboard builds each figure (the floor builds its figure on every run anyway)
          (more changes than loads: one takes a fraction of a second, and their spread is wide)

and prints the dashboard / floor ratios against the targets (first chart <= 1.10 x floor, a
change <= 1.20 x floor). Exits 0 whatever the ratios; 1 only if something could not be measured.
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
KIND_FILTER, KIND = "Estimator kind", "intelligence agency"
TIMEOUT_S = 60
TARGETS = {"warm": 1.10, "scale": 1.20, "filter": 1.20, "new view": 1.20}
PLOT = "document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot')"

# The y axes of the first Plotly chart on the page, as {name: type}, or null before it is drawn.
Y_AXES_JS = f"""() => {{
  const plot = {PLOT};
  if (!plot || !plot._fullLayout) return null;
  const axes = {{}};
  for (const key of Object.keys(plot._fullLayout)) {{
    if (/^yaxis\\d*$/.test(key)) axes[key] = plot._fullLayout[key].type;
  }}
  return axes;
}}"""
# True once every named y axis of the chart has the wanted type (and the chart is drawn).
AXES_ARE_JS = f"""([names, wanted]) => {{
  const plot = {PLOT};
  if (!plot || !plot._fullLayout || !plot.querySelector('.main-svg')) return false;
  return names.every(name => plot._fullLayout[name] && plot._fullLayout[name].type === wanted);
}}"""
# The number of x values over all the chart's traces, or -1 before it is drawn.
POINTS_JS = f"""() => {{
  const plot = {PLOT};
  if (!plot || !plot.data || !plot.querySelector('.main-svg')) return -1;
  return plot.data.reduce((n, trace) => n + (trace.x ? trace.x.length : 0), 0);
}}"""


POINTS_ARE_JS = f"n => ({POINTS_JS})() === n"
POINTS_CHANGED_JS = f"n => {{ const p = ({POINTS_JS})(); return p !== -1 && p !== n; }}"


def time_first_chart(browser, url: str, selector: str = CHART) -> float:
    """Seconds from goto() to the chart (`selector`) being visible, in a fresh browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
        page.wait_for_selector(selector, state="visible", timeout=TIMEOUT_S * 1000)
        return time.perf_counter() - start
    finally:
        context.close()


class LoadedPage:
    """One app, fully loaded in its own browser context, whose scale and estimator kind are changed."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
        radio = self.page.get_by_test_id("stRadio").filter(has=self.page.get_by_text("Scale", exact=True))
        self.page.wait_for_selector(CHART, state="visible", timeout=TIMEOUT_S * 1000)
        radio.wait_for(state="visible", timeout=TIMEOUT_S * 1000)  # the whole page, not only the chart
        self.settle()
        axes = self.page.evaluate(Y_AXES_JS) or {}
        self.axes = sorted(name for name, kind in axes.items() if kind == "log")  # those the radio switches
        if not self.axes:
            raise RuntimeError(f"{url}: no log y axis in the chart on first load: {axes}")
        self.options = {scale: radio.get_by_text(scale, exact=True) for scale in ("log", "linear")}
        kinds = self.page.get_by_test_id("stMultiSelect").filter(has=self.page.get_by_text(KIND_FILTER, exact=True))
        self.kinds_input = kinds.locator("input")
        self.kinds_input.click(timeout=TIMEOUT_S * 1000)
        menu = self.page.get_by_role("listbox")  # the open menu's options (the key numbers' pills are options too)
        menu.get_by_role("option").first.wait_for(timeout=TIMEOUT_S * 1000)
        self.kinds = [k for k in menu.get_by_role("option").all_inner_texts() if k != "Select all"]
        self.kinds_input.press("Escape")
        self.points = {False: self.page.evaluate(POINTS_JS)}  # points in the chart, KIND chosen or not
        self.choose_kind(KIND, keep=True)
        self.points[True] = self.page.evaluate(POINTS_JS)
        self.filter_kind(False)

    def settle(self) -> None:
        """Wait until no script run is under way, so one change does not interrupt the last."""
        self.page.wait_for_selector("[data-test-script-state=notRunning]", state="attached",
                                    timeout=TIMEOUT_S * 1000)

    def _timed(self, act, ready_js: str, arg) -> float:
        self.page.bring_to_front()
        start = time.perf_counter()
        act()
        self.page.wait_for_function(ready_js, arg=arg, timeout=TIMEOUT_S * 1000)
        elapsed = time.perf_counter() - start
        self.settle()
        return elapsed

    def set_scale(self, scale: str) -> float:
        """Seconds from clicking `scale` to the chart redrawn with that axis type."""
        return self._timed(lambda: self.options[scale].click(timeout=TIMEOUT_S * 1000), AXES_ARE_JS,
                           [self.axes, scale])

    def open_menu(self) -> None:
        """Open the estimator kinds' menu (a click on an open menu closes it: click until it shows)."""
        self.page.bring_to_front()  # a menu opens only in the page in front
        menu = self.page.get_by_role("listbox")
        for _ in range(3):
            self.kinds_input.click(timeout=TIMEOUT_S * 1000)
            try:
                menu.wait_for(state="visible", timeout=2000)
                return
            except Exception:  # noqa: BLE001 - closed by that click: the next one opens it
                continue
        menu.wait_for(state="visible", timeout=TIMEOUT_S * 1000)

    def _kind_change(self, act, ready_js: str, arg) -> float:
        self.open_menu()  # not part of the time
        elapsed = self._timed(act, ready_js, arg)
        self.kinds_input.press("Escape")
        return elapsed

    def _option(self, kind: str):
        return lambda: self.page.get_by_role("listbox").get_by_role("option", name=kind, exact=True).click(
            timeout=TIMEOUT_S * 1000)

    def filter_kind(self, on: bool) -> float:
        """Seconds from choosing (or removing) KIND to the chart redrawn with the points it has then."""
        act = self._option(KIND) if on else lambda: self.kinds_input.press("Backspace")  # removes the chosen kind
        return self._kind_change(act, POINTS_ARE_JS, self.points[on])

    def choose_kind(self, kind: str, keep: bool = False) -> float:
        """Seconds from choosing `kind` (none chosen before) to the chart redrawn without the other
        kinds' points; then, unless `keep`, removes it again, untimed."""
        if keep:
            elapsed = self._kind_change(self._option(kind), POINTS_CHANGED_JS, self.page.evaluate(POINTS_JS))
        else:  # typed, then chosen with Enter: a click on an option deep in a scrolled menu can miss
            before = self.page.evaluate(POINTS_JS)
            self.open_menu()
            self.kinds_input.fill(kind)
            self.page.get_by_role("listbox").get_by_role("option", name=kind, exact=True).wait_for(
                timeout=TIMEOUT_S * 1000)
            elapsed = self._timed(lambda: self.kinds_input.press("Enter"), POINTS_CHANGED_JS, before)
            self.kinds_input.press("Escape")
        if not keep:
            self._kind_change(lambda: self.kinds_input.press("Backspace"), POINTS_CHANGED_JS,
                              self.page.evaluate(POINTS_JS))
        return elapsed

    def close(self) -> None:
        self.context.close()


def interleaved(names: list[str], index: int) -> list[str]:
    return names if index % 2 == 0 else names[::-1]


def measure(runs: int, changes: int) -> dict[str, dict[str, object]]:
    from playwright.sync_api import sync_playwright

    names = list(APPS)
    results: dict[str, dict[str, object]] = {name: {"warm": [], "scale": [], "filter": [], "new view": []}
                                             for name in names}
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

                pages = {name: LoadedPage(browser, urls[name]) for name in names}
                try:
                    for run in range(changes):
                        for name in interleaved(names, run // 2):
                            results[name]["scale"].append(pages[name].set_scale("linear" if run % 2 == 0 else "log"))
                            results[name]["filter"].append(pages[name].filter_kind(run % 2 == 0))
                    if changes % 2:  # the kind above is still chosen
                        for page in pages.values():
                            page.filter_kind(False)
                    # every estimator kind but the one above, once on each scale: views no page has shown
                    for scale in ("log", "linear"):
                        for name in names:
                            if pages[name].page.evaluate(Y_AXES_JS)[pages[name].axes[0]] != scale:
                                pages[name].set_scale(scale)
                        kinds = [k for k in pages["floor"].kinds if k in pages["dashboard"].kinds and k != KIND]
                        for index, kind in enumerate(kinds):
                            for name in interleaved(names, index):
                                results[name]["new view"].append(pages[name].choose_kind(kind))
                finally:
                    for page in pages.values():
                        page.close()
            finally:
                browser.close()
    return results


def report(results: dict[str, dict[str, object]], runs: int, changes: int) -> None:
    print(f"\nTime to visible chart in headless Chromium ({runs} warm loads, {changes} changes of each kind per app)\n")
    kinds = ("warm", "scale", "filter", "new view")
    print(f"{'app':<10} {'cold s':>7} {'warm s':>7} {'scale s':>8} {'filter s':>9} {'new view s':>11}   "
          "(medians; min-max: warm, scale, filter, new view)")
    for name, result in results.items():
        spreads = "  ".join(f"{min(result[k]):.3f}-{max(result[k]):.3f}" for k in kinds)
        print(f"{name:<10} {result['cold']:>7.2f} {statistics.median(result['warm']):>7.2f} "
              f"{statistics.median(result['scale']):>8.3f} {statistics.median(result['filter']):>9.3f} "
              f"{statistics.median(result['new view']):>11.3f}   {spreads}")
    print()
    dashboard, floor = results["dashboard"], results["floor"]
    labels = {"warm": "first chart (warm)", "scale": "rerun: scale toggle", "filter": "rerun: filter toggle",
              "new view": "rerun: filter, new view"}
    for key, label in labels.items():
        ratio = statistics.median(dashboard[key]) / statistics.median(floor[key])
        verdict = "PASS" if ratio <= TARGETS[key] else "ABOVE TARGET"
        print(f"dashboard / floor, {label:<24} {ratio:5.2f}x   target <= {TARGETS[key]:.2f}x   {verdict}")
    print(f"(cold, for information: {dashboard['cold'] / floor['cold']:.2f}x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="warm loads per app (default 7)")
    parser.add_argument("--changes", type=int, help="scale toggles and filter toggles per app (default 3 x --runs)")
    args = parser.parse_args()
    args.changes = args.changes or 3 * args.runs
    if args.runs < 1 or args.changes < 1:
        parser.error("--runs and --changes must be at least 1")
    try:
        results = measure(args.runs, args.changes)
    except Exception as error:  # noqa: BLE001 - a measurement that failed says why, and exits 1
        print(f"could not measure: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    report(results, args.runs, args.changes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
