"""Load test: one server, N concurrent browser sessions (each its own Chromium context).

    .venv/bin/python benchmarks/load_test.py [--sessions 20]

Each session opens the dashboard at its own link, changes two filters (scale -> linear,
"Independent claims only" on), opens a record card, and downloads the chart as PNG. Checks:
every session succeeds; the server log has no error; every PNG shows its own session's view
(its metadata names the session's permalink, and its pixels match a PNG of that view rendered
alone). Measures server memory before and after, and time to first chart under load against a
single session. Targets only 127.0.0.1; every wait is bounded; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from datetime import date
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from PIL import Image, ImageChops  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

import estimates  # noqa: E402
from browser_support import CHART, CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402
from dashboard.export import formats  # noqa: E402
from dashboard.export.snapshot import parse_view
from dashboard.export.downloads import chart_bytes  # noqa: E402

START_VIEWS = [  # one per session, cycled: different starting links give different charts
    "quantity=killed", "quantity=deployed", "quantity=wounded&quantity=killed", "estimator=rok-nis",
    "kind=military", "quantity=killed_or_wounded&quantity=killed", "hide_belligerents=1", "from=2025-01-01",
    "to=2025-06-30", "basis=as_of", "quantity=reinforcements&quantity=deployed", "estimator=us-dod&estimator=rok-nis",
    "kind=intelligence_agency", "quantity=captured&quantity=killed", "from=2025-03-01&to=2025-12-31",
    "quantity=deployed&basis=as_of", "estimator=rok-military", "kind=legislature&kind=military",
    "quantity=wounded", "to=2025-04-30",
]
TIMEOUT_MS = 300_000
POINT_OF_A_RECORD = (ROOT / "tests" / "chart_points.js").read_text()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server process and its children so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def rss_kib(pid: int) -> int:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = 0
    for p in [pid, *map(int, children)]:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


async def first_chart(page, url: str) -> float:
    start = time.perf_counter()
    await page.goto(url, timeout=TIMEOUT_MS)
    await page.wait_for_selector(CHART, state="visible", timeout=TIMEOUT_MS)
    return time.perf_counter() - start


async def open_a_card(page, attempts: int = 6) -> None:
    """Click a point of a record; under load a click made while the page reruns can be lost,
    so a click that opened no card is made again (bounded)."""
    points = page.locator("[data-testid=stPlotlyChart] .scatterlayer .trace .points path")
    card = page.locator(".st-key-record_card")
    for attempt in range(attempts):
        index = await page.evaluate(POINT_OF_A_RECORD)
        if index >= 0:
            try:
                await points.nth(index).click(force=True, timeout=30_000)
                await card.wait_for(state="visible", timeout=45_000)
                return
            except Exception:
                if attempt == attempts - 1:
                    raise
        await page.wait_for_timeout(2_000)
    raise TimeoutError("no record card after clicking points")


async def idle(page) -> None:
    """Wait until the app's script is not running (a rerun replaces the download buttons)."""
    await page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')"
        " || !document.querySelector('[data-testid=stStatusWidget]').innerText.includes('Running')",
        timeout=TIMEOUT_MS)


async def download_png(page, attempts: int = 3) -> bytes:
    for attempt in range(attempts):
        await idle(page)
        try:
            async with page.expect_download(timeout=TIMEOUT_MS) as download_info:
                await page.get_by_role("button", name="Chart as PNG").click(timeout=TIMEOUT_MS)
            download = await download_info.value
            return Path(await download.path()).read_bytes()
        except Exception:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


async def session(browser, base: str, start_query: str, index: int) -> dict:
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = await context.new_page()
    try:
        seconds = await first_chart(page, f"{base}/?{start_query}")
        sidebar = page.locator("[data-testid=stSidebar]")
        await sidebar.get_by_text("linear", exact=True).click(timeout=TIMEOUT_MS)
        await page.wait_for_url("**scale=linear**", timeout=TIMEOUT_MS)
        await sidebar.get_by_text("Independent claims only", exact=True).click(timeout=TIMEOUT_MS)
        await page.wait_for_url("**independent=1**", timeout=TIMEOUT_MS)
        await page.wait_for_function("""() => {
            const l = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot')?._fullLayout;
            return l && l.yaxis2 && l.yaxis2.type === 'linear'; }""", timeout=TIMEOUT_MS)  # absent while remade
        await open_a_card(page)
        query = page.url.split("?", 1)[1] if "?" in page.url else ""
        png = await download_png(page)
        return {"index": index, "ok": True, "first_chart": seconds, "query": query, "png": png}
    except Exception as error:  # reported, and the run fails
        return {"index": index, "ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
    finally:
        await context.close()


def without_record(link: str) -> str:
    base, _, query = link.partition("?")
    kept = "&".join(p for p in query.split("&") if p and not p.startswith("record="))
    return f"{base}?{kept}" if kept else base


def same_view(png: bytes, reference: bytes) -> float:
    """Share of pixels that differ between two renders (0.0 = identical)."""
    a, b = (Image.open(BytesIO(x)).convert("RGB") for x in (png, reference))
    if a.size != b.size:
        return 1.0
    difference = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 16 else 0)
    return sum(difference.histogram()[255:]) / (a.size[0] * a.size[1])


async def run(sessions: int) -> int:
    log = ROOT / "test-artifacts" / "load-server.log"
    log.parent.mkdir(exist_ok=True)
    failures: list[str] = []
    with streamlit_server(log=log) as base:
        import subprocess

        pid = int(subprocess.run(["pgrep", "-f", f"server.port {base.rsplit(':', 1)[1]}"],
                                 capture_output=True, text=True).stdout.split()[0])
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            single = []
            for _ in range(3):  # warm up, then the single-session baseline
                context = await browser.new_context(viewport={"width": 1280, "height": 900})
                single.append(await first_chart(await context.new_page(), f"{base}/"))
                await context.close()
            baseline = statistics.median(single[1:])
            memory_before, cpu_before = rss_kib(pid), cpu_seconds(pid)
            started = time.perf_counter()
            results = await asyncio.gather(*(session(browser, base, START_VIEWS[i % len(START_VIEWS)], i)
                                             for i in range(sessions)))
            elapsed = time.perf_counter() - started
            memory_after, server_cpu = rss_kib(pid), cpu_seconds(pid) - cpu_before
            await browser.close()
    for r in results:
        if not r["ok"]:
            failures.append(f"session {r['index']}: {r['error']}")
    good = [r for r in results if r["ok"]]
    dataset = estimates.load()
    frame = estimates.to_frame(dataset)
    today = date.today()
    mismatched = 0
    for r in good:
        meta = formats.read_png_text(r["png"])
        expected_link = f"{base}/?{r['query']}".replace("?&", "?")
        reference = chart_bytes(frame, dataset, parse_view(r["query"], frame), today, base, "png")  # as the app's button
        differing = same_view(r["png"], reference)
        if meta.get("Source", "") != without_record(expected_link) or differing > 0.001:
            mismatched += 1
            (ROOT / "test-artifacts" / f"load-session-{r['index']}.png").write_bytes(r["png"])
            (ROOT / "test-artifacts" / f"load-session-{r['index']}-expected.png").write_bytes(reference)
            failures.append(f"session {r['index']}: PNG is not its own view (Source {meta.get('Source')!r}, "
                            f"expected {expected_link!r}, {differing:.2%} pixels differ)")
    log_text = log.read_text()
    log_errors = [line for line in log_text.splitlines() if any(w in line for w in ("Traceback", "Error", "Exception"))]
    failures += [f"server log: {line}" for line in log_errors[:10]]
    under_load = statistics.median(r["first_chart"] for r in good) if good else float("nan")
    print(f"sessions: {sessions}, succeeded: {len(good)}, failed: {sessions - len(good)}, in {elapsed:.1f} s")
    print(f"PNGs showing their own view: {len(good) - mismatched} of {len(good)}")
    print(f"server log lines with errors: {len(log_errors)}")
    print(f"server memory: {memory_before / 1024:.0f} MiB before, {memory_after / 1024:.0f} MiB after, "
          f"{(memory_after - memory_before) / 1024 / sessions:.1f} MiB per session")
    print(f"server CPU: {server_cpu:.1f} s over {elapsed:.1f} s of wall time on {os.cpu_count()} cores "
          f"(the rest went to the {sessions} Chromium pages on the same machine)")
    print(f"first chart: single session {baseline:.2f} s, under load (median of {len(good)}) {under_load:.2f} s, "
          f"ratio {under_load / baseline:.2f}x")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    args = parser.parse_args()
    return asyncio.run(run(max(1, min(args.sessions, 50))))


if __name__ == "__main__":
    sys.exit(main())
