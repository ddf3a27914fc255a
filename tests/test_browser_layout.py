"""The chart's layout in a real browser, at the widths it is read at, measured from the figure's
own layout and bounding boxes: it fills its column, nothing overlaps, and every kind of figure
is drawn in its own way. Screenshots go to test-artifacts/ (look at them)."""

import shutil
import sys

import pytest

from browser_support import ARTIFACTS, CHART, streamlit_server
from conftest import ROOT
from dashboard.app.data import DATA_DIR_VARIABLE

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_load import write_records  # noqa: E402  (the benchmark's synthetic, valid estimates)

pytestmark = pytest.mark.browser
WIDTHS = (1280, 1600, 390)

# Boxes in page pixels: the main column's content, the plotting area, each panel, the legend,
# and each admission label that is shown.
MEASURE_JS = """() => {
  const plot = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
  const column = plot.closest('[data-testid=stMainBlockContainer]');
  const style = getComputedStyle(column);
  const c = column.getBoundingClientRect();
  const fl = plot._fullLayout, size = fl._size, p = plot.getBoundingClientRect();
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  const panels = Object.keys(fl).filter(k => /^yaxis\\d*$/.test(k)).map(k => {
    const [d0, d1] = fl[k].domain;
    return {name: k, left: p.left + size.l, right: p.left + size.l + size.w,
            top: p.top + size.t + (1 - d1) * size.h, bottom: p.top + size.t + (1 - d0) * size.h};
  });
  const labels = [...plot.querySelectorAll('.scatterlayer .trace g.textpoint text')]
    .filter(t => t.textContent.trim()).map(t => Object.assign(box(t.getBoundingClientRect()), {text: t.textContent}));
  return {
    column: c.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
    plot: size.w, panels, labels,
    legend: box(plot.querySelector('g.legend').getBoundingClientRect()),
  };
}"""

# What is drawn for a record: its trace's name, panel, marker symbol and ring, and hover text.
DRAWN_JS = """(ids) => {
  const plot = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
  const found = {};
  plot.data.forEach(t => (t.customdata || []).forEach((id, i) => {
    if (!ids.includes(id) || !t.meta || !['estimates', 'admitted-figures'].includes(t.meta.role)) return;
    const pick = v => Array.isArray(v) ? v[i] : v;
    found[id] = {role: t.meta.role, yaxis: t.yaxis, symbol: pick(t.marker.symbol),
                 ring: pick(t.marker.line && t.marker.line.color), hover: pick(t.hovertext)};
  }));
  return found;
}"""


def overlap(a: dict, b: dict, slack: float = 1.0) -> bool:
    return (min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack)


@pytest.fixture(scope="module")
def real_url(app_url):
    return app_url


@pytest.fixture(scope="module")
def crowded_url(tmp_path_factory):
    """The real data and 2,000 synthetic claims more."""
    data = tmp_path_factory.mktemp("crowded") / "data"
    shutil.copytree(ROOT / "estimates" / "data", data)
    write_records(data, 2000, 1)
    with streamlit_server(env={DATA_DIR_VARIABLE: str(data)}, log=ARTIFACTS / "crowded-server.log") as url:
        yield url


def measured(browser, url: str, width: int, name: str) -> dict:
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(CHART, state="visible", timeout=60_000)
    page.wait_for_selector("[data-testid=stDataFrame]", state="visible", timeout=60_000)
    page.wait_for_timeout(800)  # the sidebar's arrival and plotly's last draw
    page.locator("[data-testid=stPlotlyChart]").first.screenshot(path=str(ARTIFACTS / f"chart-{name}-{width}.png"))
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}-{width}.png"))
    boxes = page.evaluate(MEASURE_JS)
    context.close()
    return boxes


def check_layout(boxes: dict, width: int) -> None:
    assert boxes["plot"] >= 0.9 * boxes["column"], boxes["plot"] / boxes["column"]  # the full width, no band
    strip, *data = [panel["bottom"] - panel["top"] for panel in boxes["panels"]]
    assert strip <= min(data) + 1, (strip, data)  # the statements never take more room than a data panel
    if width >= 1280:
        assert min(data) >= 220, data
    for panel in boxes["panels"]:
        assert not overlap(boxes["legend"], panel), ("legend over", panel["name"])
    labels = boxes["labels"]
    assert labels, "some admission labels are shown"
    for n, label in enumerate(labels):
        for other in labels[n + 1:]:
            assert not overlap(label, other), (label["text"], other["text"])
        for panel in boxes["panels"][1:]:  # labels stay in the statements' strip
            assert not overlap(label, panel), (label["text"], panel["name"])


@pytest.mark.parametrize("width", WIDTHS)
def test_the_real_data_fills_the_column_and_nothing_overlaps(browser, real_url, width):
    check_layout(measured(browser, real_url, width, "real"), width)


@pytest.mark.parametrize("width", WIDTHS)
def test_two_thousand_more_claims_still_read(browser, crowded_url, width):
    check_layout(measured(browser, crowded_url, width, "crowded"), width)


KEY_CARDS = "[class*='st-key-key_']"


@pytest.mark.parametrize("width, height", [(1280, 800), (1600, 900), (390, 844)])
def test_the_key_numbers_come_first(browser, real_url, width, height):
    """On a phone the key numbers sit above the chart; on a desktop all six are on the first screen."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(real_url)
    page.wait_for_selector(CHART, state="visible", timeout=60_000)
    cards = page.locator(KEY_CARDS)
    assert cards.count() == 6
    chart_top = page.locator(CHART).first.bounding_box()["y"]
    boxes = [cards.nth(n).locator("h3").bounding_box() for n in range(6)]
    assert all(box["y"] < chart_top for box in boxes)
    if width >= 1280:
        assert all(box["y"] + box["height"] <= height for box in boxes), boxes
    page.screenshot(path=str(ARTIFACTS / f"key-numbers-{width}.png"))
    context.close()


def test_a_record_permalink_rings_its_mark_and_opens_its_card(browser, real_url):
    record = "killed-nis-2025-09"
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(f"{real_url}/?record={record}")
    page.wait_for_selector(CHART, state="visible", timeout=60_000)
    page.locator(".st-key-record_card").wait_for(state="visible", timeout=30_000)
    ring = page.evaluate("""() => document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot').data
        .filter(t => t.meta && t.meta.role === 'highlight').map(t => [t.customdata[0], t.yaxis])""")
    drawn = page.evaluate(DRAWN_JS, [record])
    assert ring == [[record, drawn[record]["yaxis"]]]  # on the claim's own panel
    assert "about 2,000" in page.locator(".st-key-record_card").inner_text()
    context.close()


KINDS = {  # a record of each kind in the real data, and the words its hover text must have
    "flow": ("killed-ua-sso-2024-12-17", " over "),
    "share": ("killed-or-wounded-ua-syrskyi-2025-01-19", "% of "),
    "kursk": ("deployed-us-dod-2024-11", "Kursk"),
    "admitted troops": ("sputnik-sappers-2026-01-06", "admitted"),
}
PLAN = "russia-shoigu-sappers-2025-06-17"  # a plan announced: never drawn as an admitted count


def test_a_flow_a_share_a_kursk_figure_and_an_admitted_troop_figure_are_each_drawn_distinctly(browser, real_url):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(real_url)
    page.wait_for_selector(CHART, state="visible", timeout=60_000)
    drawn = page.evaluate(DRAWN_JS, [record for record, _ in KINDS.values()] + [PLAN])
    context.close()
    assert drawn.get(PLAN, {}).get("role") != "admitted-figures"
    marks = {}
    for kind, (record, words) in KINDS.items():
        assert record in drawn, f"the {kind} is not drawn"
        assert words in drawn[record]["hover"], (kind, drawn[record]["hover"])
        marks[kind] = (drawn[record]["yaxis"], drawn[record]["symbol"], drawn[record]["ring"])
    assert len(set(marks.values())) == len(marks), marks  # no two look alike
    assert drawn[KINDS["flow"][0]]["symbol"].endswith("-dot")
    assert drawn[KINDS["admitted troops"][0]]["role"] == "admitted-figures"
    assert drawn[KINDS["admitted troops"][0]]["yaxis"] == drawn[KINDS["kursk"][0]]["yaxis"]  # the troops panel
    assert drawn[KINDS["share"][0]]["yaxis"] not in {m[0] for k, m in marks.items() if k != "share"}  # its own panel
