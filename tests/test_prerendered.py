"""Visible before any script: each static chart page shows its chart pre-rendered (SVG), and
becomes interactive in the same box, from the same figure, once read. In headless Chromium,
served by a plain static file server, every request outside the site refused."""

from __future__ import annotations

import re

import pytest

from browser_support import ARTIFACTS, site_only_context, static_server

pytestmark = pytest.mark.browser
PICTURE = "img[data-chart=pre-rendered]"
CHART_PAGES = ("index.html", "views/killed/index.html", "views/killed/embed.html")

# Marks per trace and the y axes' tick labels: of the live chart, and of the SVG the page shows
# first, parsed from its file. Traces are compared by their order in the drawing.
MARKS_JS = """async ([svgUrl]) => {
  const read = root => ({
    marks: [...root.querySelectorAll('.scatterlayer .trace')].map(t => t.querySelectorAll('.point').length),
    yticks: [2, 3, 4].map(n => [...root.querySelectorAll(`.y${n}tick text`)].map(t => t.textContent)),
    xticks: [...root.querySelectorAll('[class^="x"][class$="tick"] text')].map(t => t.textContent),
  });
  const svg = new DOMParser().parseFromString(await (await fetch(svgUrl)).text(), 'image/svg+xml');
  return {live: read(document.querySelector('#chart .js-plotly-plot')), picture: read(svg)};
}"""


def same_axis(one: list[str], other: list[str]) -> bool:
    """One axis's tick labels are the other's, but for at most one label at either end."""
    shorter, longer = sorted((one, other), key=len)
    return any(longer[start:start + len(shorter)] == shorter and start <= 1 and len(longer) - start - len(shorter) <= 1
               for start in range(len(longer) - len(shorter) + 1))


@pytest.fixture(scope="module")
def prerendered_site(tmp_path_factory):
    """The seed articles' static edition, with its pre-rendered charts (Chromium renders them)."""
    from static_site_support import publish_small

    work = tmp_path_factory.mktemp("prerendered")
    publish_small(work / "site", work, images=True)
    return work / "site"


@pytest.fixture(scope="module")
def site_url(prerendered_site):
    with static_server(prerendered_site) as url:
        yield url


def open_page(browser, site_url: str, width: int, script: bool = True):
    context, refused = site_only_context(browser, site_url, viewport={"width": width, "height": 900},
                                         java_script_enabled=script)
    page = context.new_page()
    page.refused = refused
    return context, page


def test_every_chart_page_names_its_picture_and_the_files_beside_it(prerendered_site):
    for name in CHART_PAGES:
        html = (prerendered_site / name).read_text()
        folder = (prerendered_site / name).parent
        assert re.search(r'<img src="chart.svg" width="\d+" height="\d+" alt="[^"]+" data-chart="pre-rendered"', html)
        assert 'srcset="chart-narrow.svg"' in html and 'data-json="chart.json"' in html
        assert '<script src="' not in html and 'rel="preload"' not in html  # plotly.js only when read
        for file in ("chart.svg", "chart-narrow.svg", "chart.json"):
            assert (folder / file).stat().st_size > 1000, (name, file)


@pytest.mark.parametrize("width", (1280, 390))
def test_without_javascript_the_picture_shows_and_the_table_links_every_record(browser, site_url, width):
    context, page = open_page(browser, site_url, width, script=False)
    page.goto(f"{site_url}/index.html")
    picture = page.locator(PICTURE)
    picture.scroll_into_view_if_needed()
    shown = picture.evaluate("i => [i.complete, i.naturalWidth, i.currentSrc.split('/').pop()]")
    assert shown[0] and shown[1] > 0
    assert shown[2] == ("chart-narrow.svg" if width < 600 else "chart.svg")
    box = picture.bounding_box()
    assert box["width"] > width * 0.8 and box["height"] > 600
    records = page.locator("table a[href^='records/']")
    assert records.count() >= page.locator("table tbody tr").count() > 10
    page.screenshot(path=str(ARTIFACTS / f"prerendered-nojs-{width}.png"))
    context.close()
    assert page.refused == []


@pytest.mark.parametrize("width", (1280, 390))
def test_hovering_makes_the_chart_interactive_in_the_same_box_without_a_shift(browser, site_url, width):
    context, page = open_page(browser, site_url, width)
    page.add_init_script("""window.__shift = 0; new PerformanceObserver(list => list.getEntries()
        .forEach(e => { if (!e.hadRecentInput) window.__shift += e.value; })).observe({type: 'layout-shift', buffered: true});""")
    page.goto(f"{site_url}/index.html")
    box = page.locator("#chart")
    box.scroll_into_view_if_needed()
    before = box.bounding_box()
    box.hover()
    page.wait_for_selector("#chart[data-chart=interactive] .js-plotly-plot .main-svg", timeout=30_000)
    after = box.bounding_box()
    assert (round(after["width"]), round(after["height"])) == (round(before["width"]), round(before["height"]))
    live = page.locator("#chart .js-plotly-plot").bounding_box()
    assert abs(live["height"] - after["height"]) <= 1 and abs(live["width"] - after["width"]) <= 1
    assert page.evaluate("window.__shift") == 0
    svg = "chart-narrow.svg" if width < 600 else "chart.svg"
    drawn = page.evaluate(MARKS_JS, [f"{site_url}/{svg}"])
    assert drawn["live"]["marks"] == drawn["picture"]["marks"] and sum(drawn["live"]["marks"]) > 10
    # the same axes and ranges: the same ticks, but for a label at an axis's very end, which one
    # renderer's text may push past the edge and the other's not
    for live, picture in [(drawn["live"]["xticks"], drawn["picture"]["xticks"]),
                          *zip(drawn["live"]["yticks"], drawn["picture"]["yticks"])]:
        assert same_axis(live, picture), (live, picture)
    assert drawn["live"]["xticks"] and any(drawn["live"]["yticks"])
    page.screenshot(path=str(ARTIFACTS / f"prerendered-live-{width}.png"))
    context.close()
    assert page.refused == []


def test_plotly_is_not_fetched_while_the_chart_is_out_of_view(browser, site_url):
    context, page = open_page(browser, site_url, 390)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{site_url}/index.html")
    page.wait_for_load_state("load")
    page.wait_for_timeout(2000)
    if page.locator("#chart").bounding_box()["y"] > 900:  # below the first screen on a phone
        assert not [u for u in fetched if "plotly" in u or u.endswith("chart.json")]
    page.locator("#chart").scroll_into_view_if_needed()
    page.wait_for_selector("#chart[data-chart=interactive]", timeout=30_000)  # in view, the browser idle
    assert [u for u in fetched if "plotly" in u]
    context.close()
