"""How long does the static edition's index take to show its chart, against the one-chart
Streamlit floor app? How much does it transfer before its load event, and how long until its
chart is interactive? A measurement, not a test.

    .venv/bin/python benchmarks/bench_static.py             # publish the real data, 7 loads of each
    .venv/bin/python benchmarks/bench_static.py --runs 15 --site site/   # an already published site

Publishes the real dataset (with its pre-rendered charts, which need Chromium) to a temporary folder,
serves it with `python -m http.server` (a plain static file server, no compression), and
starts the floor app (benchmarks/floor_app.py) under Streamlit. Then, in headless Chromium
(/usr/bin/chromium, never downloaded), each load in a fresh browser context (empty cache),
alternating the two so drift hits both alike, times from page.goto() to the chart being
painted (the static index: its pre-rendered picture loaded and decoded; the floor: its chart's SVG):

  first   the first load each server ever serves (Streamlit's imports and first script run
          included; nothing to warm up for the static server)
  fresh   --runs further loads, each in a fresh context: median

and prints static / floor (target <= 0.10x, on the fresh-context medians). It also reports,
for the static index in a fresh context: the bytes transferred before the load event
(uncompressed, and as a host would serve them with gzip -6 and brotli -q 11, each response on
its own; target <= 400 KB uncompressed), and the time until the chart is interactive when the
reader points at it as soon as the picture shows. Exits 0 whatever the ratios; 1 if something
could not be measured.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHART as STREAMLIT_CHART  # noqa: E402
from browser_support import CHROMIUM, CHROMIUM_ARGS, free_port, streamlit_server  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_dashboard import time_first_chart  # noqa: E402  (the same clock for both benchmarks)

PICTURE = "img[data-chart=pre-rendered]"
PAINTED_JS = f"""() => {{ const i = document.querySelector('{PICTURE}');
  return !!i && i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().top < innerHeight; }}"""
LIVE = "#chart[data-chart=interactive] .js-plotly-plot .main-svg"
TARGET, LIGHT_BYTES = 0.10, 400_000
TIMEOUT_S = 60


@contextmanager
def static_server(folder: Path):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                "--directory", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{url}/build.json", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the static server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def publish(folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dashboard.publish", "--out", str(folder)], cwd=ROOT,
                   check=True, capture_output=True)
    return time.perf_counter() - started


def time_static(browser, url: str, interactive: bool = False) -> float:
    """Seconds from goto() to the static index's pre-rendered chart loaded, decoded and on screen;
    with `interactive`, to the interactive chart drawn, pointing at the picture once it shows."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
        page.wait_for_function(PAINTED_JS, timeout=TIMEOUT_S * 1000, polling="raf")
        if interactive:
            page.locator("#chart").hover()
            page.wait_for_selector(LIVE, state="visible", timeout=TIMEOUT_S * 1000)
        return time.perf_counter() - start
    finally:
        context.close()


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
        return response.read()


def _sizes(bodies: dict[str, bytes]) -> dict[str, int]:
    import brotli

    return {"requests": len(bodies), "raw": sum(len(b) for b in bodies.values()),
            "gzip": sum(len(gzip.compress(b, 6)) for b in bodies.values()),
            "brotli": sum(len(brotli.compress(b, quality=11)) for b in bodies.values())}


def transfer(browser, url: str, selector: str) -> dict[str, dict[str, int]]:
    """Bytes of every response body a fresh context receives for the page, before its load event
    and in all (once the chart is drawn and the network idle): raw, gzip -6 and brotli -q 11."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    bodies: dict[str, bytes] = {}

    def keep(response):
        try:
            bodies[response.url] = response.body()
        except Exception:  # noqa: BLE001 - a redirect or aborted response has no body
            pass

    try:
        page = context.new_page()
        page.on("response", keep)
        page.goto(url, wait_until="load", timeout=TIMEOUT_S * 1000)
        # what had arrived when the load event began, by the page's own resource timing
        loaded = page.evaluate("""() => { const load = performance.getEntriesByType('navigation')[0].loadEventStart;
            return [location.href, ...performance.getEntriesByType('resource')
              .filter(e => e.responseEnd <= load).map(e => e.name)]; }""")
        before_load = {name: _fetch(name) for name in loaded}
        page.wait_for_selector(selector, state="visible", timeout=TIMEOUT_S * 1000)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_S * 1000)
    finally:
        context.close()
    return {"before load": _sizes(before_load), "all": _sizes(bodies)}


def measure(runs: int, site: Path | None) -> dict:
    from playwright.sync_api import sync_playwright

    results: dict = {"static": {"fresh": []}, "floor": {"fresh": []}}
    with ExitStack() as stack:
        if site is None:
            site = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench_static_"))) / "site"
            results["publish_s"] = publish(site)
        logs = Path(tempfile.mkdtemp(prefix="bench_static_logs_"))
        urls = {"static": stack.enter_context(static_server(site)) + "/index.html",
                "floor": stack.enter_context(streamlit_server(ROOT / "benchmarks" / "floor_app.py",
                                                              env={"PYTHONPATH": str(ROOT)},
                                                              log=logs / "floor.log")) + "/"}
        selectors = {"static": LIVE, "floor": STREAMLIT_CHART}
        timers = {"static": lambda url: time_static(browser, url),
                  "floor": lambda url: time_first_chart(browser, url, STREAMLIT_CHART)}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                warmup = browser.new_context()
                warmup.new_page().goto("about:blank")
                warmup.close()
                for name in ("floor", "static"):
                    results[name]["first"] = timers[name](urls[name])
                for run in range(runs):
                    for name in (("static", "floor") if run % 2 == 0 else ("floor", "static")):
                        results[name]["fresh"].append(timers[name](urls[name]))
                results["interactive"] = [time_static(browser, urls["static"], interactive=True) for _ in range(runs)]
                for name in ("static", "floor"):
                    results[name]["transfer"] = transfer(browser, urls[name], selectors[name])
            finally:
                browser.close()
    return results


def report(results: dict, runs: int) -> None:
    print(f"\nTime to a painted chart in headless Chromium, fresh browser context per load ({runs} loads each)\n")
    print(f"{'page':<22} {'first s':>8} {'fresh s':>8}   {'min-max':>11}   requests   transfer raw   gzip -6   brotli")
    for name, label in (("static", "static index.html"), ("floor", "Streamlit floor app")):
        r = results[name]
        t = r["transfer"]["all"]
        print(f"{label:<22} {r['first']:>8.2f} {statistics.median(r['fresh']):>8.2f}   "
              f"{min(r['fresh']):.2f}-{max(r['fresh']):.2f}   {t['requests']:>8}   {t['raw'] / 1e3:>9.0f} KB"
              f"   {t['gzip'] / 1e3:>5.0f} KB   {t['brotli'] / 1e3:>5.0f} KB")
    light = results["static"]["transfer"]["before load"]
    print(f"\nstatic index before its load event: {light['requests']} requests, {light['raw'] / 1e3:.0f} KB raw "
          f"(target <= {LIGHT_BYTES / 1e3:.0f} KB: {'PASS' if light['raw'] <= LIGHT_BYTES else 'ABOVE TARGET'}), "
          f"{light['gzip'] / 1e3:.0f} KB gzip -6, {light['brotli'] / 1e3:.0f} KB brotli -q 11")
    interactive = results["interactive"]
    print(f"static index interactive (pointing at the picture once shown): median {statistics.median(interactive):.2f} s, "
          f"{min(interactive):.2f}-{max(interactive):.2f}")
    fresh = statistics.median(results["static"]["fresh"]) / statistics.median(results["floor"]["fresh"])
    first = results["static"]["first"] / results["floor"]["first"]
    print(f"\nstatic / floor, fresh context (median)  {fresh:5.2f}x   target <= {TARGET:.2f}x   "
          f"{'PASS' if fresh <= TARGET else 'ABOVE TARGET'}")
    print(f"static / floor, first load              {first:5.2f}x")
    if "publish_s" in results:
        print(f"(publishing the real dataset with its pre-rendered charts took {results['publish_s']:.1f} s)")
    print("(the floor's transfer leaves out its websocket messages, which carry the figure)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh-context loads of each page (default 7)")
    parser.add_argument("--site", type=Path, help="a published site to serve (default: publish the real data)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        results = measure(args.runs, args.site)
    except Exception as error:  # noqa: BLE001 - a measurement that failed says why, and exits 1
        print(f"could not measure: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    report(results, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
