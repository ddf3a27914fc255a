"""The real app in headless Chromium: what a reader sees and clicks."""

from pathlib import Path

import pytest

from browser_support import ARTIFACTS, CHART, streamlit_server
from dashboard.app.data import DATA_DIR_VARIABLE, SEEDS_DIR_VARIABLE

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def open_app(page, url):
    """Open the page and wait for all of it: the chart comes first, the rest once it is drawn."""
    page.goto(url)
    page.wait_for_selector(CHART, state="visible", timeout=60_000)
    page.wait_for_selector("[data-testid=stDataFrame]", state="visible", timeout=60_000)
    page.wait_for_timeout(500)  # let plotly finish its first draw


def y_axis_types(page) -> list[str]:
    return page.evaluate("""() => {
        const layout = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot')._fullLayout;
        return Object.keys(layout).filter(k => k.startsWith('yaxis')).sort().map(k => layout[k].type);
    }""")


def test_the_page_loads_with_its_chart(browser, app_url):
    page = browser.new_page(viewport={"width": 1280, "height": 2300})  # tall: the page scrolls inside
    open_app(page, app_url)
    assert page.get_by_role("heading", name="North Korean troops in Russia").is_visible()
    assert page.locator(f"{CHART}").first.bounding_box()["width"] > 600
    # the view in words and the sources line: a caption's small grey type, and plain text (no link)
    sizes = page.evaluate("""() => ['.st-key-caption_view', '.st-key-caption_sources', '[data-testid=stMarkdown]']
        .map(s => parseFloat(getComputedStyle(document.querySelector(s + ' p, ' + s + ' [data-testid=stText]')).fontSize))""")
    assert sizes[0] == sizes[1] < sizes[2], sizes
    assert page.locator("[class*=st-key-caption_] a").count() == 0
    page.screenshot(path=str(ARTIFACTS / "dashboard-1280.png"), full_page=True)


def test_it_reads_on_a_phone(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    open_app(page, app_url)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1  # nothing forces sideways scrolling
    page.screenshot(path=str(ARTIFACTS / "dashboard-phone.png"))
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.scroll_into_view_if_needed()
    assert chart.bounding_box()["width"] <= 390
    legend_bottom, first_panel_top = page.evaluate("""() => {
        const plot = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
        const top = plot.getBoundingClientRect().top + plot._fullLayout._size.t;
        return [plot.querySelector('g.legend').getBoundingClientRect().bottom, top];
    }""")
    assert legend_bottom <= first_panel_top + 1  # the legend, in several rows here, stays above the panels
    chart.screenshot(path=str(ARTIFACTS / "chart-phone.png"))
    context.close()


def test_a_filter_change_updates_the_url_and_the_url_reopens_the_view(page, browser, small_app_url):
    open_app(page, small_app_url)
    page.locator("[data-testid=stSidebar]").get_by_text("linear", exact=True).click()
    page.wait_for_url("**scale=linear**", timeout=30_000)
    page.wait_for_function("""() => {
        const l = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot')?._fullLayout;
        return l && l.yaxis2 && l.yaxis2.type === 'linear';  // no chart for a moment: it is remade on each change
    }""", timeout=30_000)
    link = page.url
    fresh = browser.new_context(viewport={"width": 1280, "height": 800})
    other = fresh.new_page()
    open_app(other, link)
    assert "linear" in y_axis_types(other)
    assert other.locator("[data-testid=stSidebar] label:has-text('linear') input").first.is_checked()
    other.screenshot(path=str(ARTIFACTS / "dashboard-linear-from-link.png"), full_page=True)
    fresh.close()


def test_clicking_a_point_shows_its_record_card(page, small_app_url):
    open_app(page, small_app_url)
    index = page.evaluate((Path(__file__).parent / "chart_points.js").read_text())
    assert index >= 0
    page.locator("[data-testid=stPlotlyChart] .scatterlayer .trace .points path").nth(index).click(force=True)
    card = page.locator(".st-key-record_card")
    card.wait_for(state="visible", timeout=30_000)
    text = card.inner_text()
    assert "Reported by, earliest first, in their own words" in text and "seeds/" in text
    assert "record=" in page.url
    page.screenshot(path=str(ARTIFACTS / "record-card.png"), full_page=True)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """The app on the seed articles' records, one record full of markup (static_site_support), and
    a 3,000-character token in another's notes."""
    from static_site_support import hostile_data

    data, seeds = hostile_data(tmp_path_factory.mktemp("hostile"))
    losses = data / "losses.yaml"  # and a 3,000-character token in the notes of one record
    losses.write_text(losses.read_text().replace("  - id: killed-nis-2025-01\n",
                                                 "  - id: killed-nis-2025-01\n    notes: " + "x" * 3000 + "\n", 1))
    env = {DATA_DIR_VARIABLE: str(data), SEEDS_DIR_VARIABLE: str(seeds)}
    with streamlit_server(env=env, log=ARTIFACTS / "hostile-server.log") as url:
        yield url


def test_hostile_markup_in_the_data_renders_as_plain_text(page, hostile_url):
    open_app(page, f"{hostile_url}/?record=hostile-record")
    card = page.locator(".st-key-record_card")
    card.wait_for(state="visible", timeout=30_000)
    text = card.inner_text()
    assert '<script>alert("xss")</script>' in text
    assert '<img src=x onerror="alert(1)">' in text
    assert "[click](javascript:alert(1))" in text and "$x^2$" in text
    assert "<b>Hostile</b> Outlet" in text
    assert page.locator("img[src=x]").count() == 0
    assert page.locator(".st-key-record_card a").count() == 0
    assert page.locator(".st-key-record_card .katex").count() == 0
    page.mouse.move(10, 10)
    page.wait_for_timeout(500)
    assert page.dialogs == []
    page.screenshot(path=str(ARTIFACTS / "hostile-record-card.png"), full_page=True)


def test_an_html_snapshot_works_offline(browser, tmp_path):
    import estimates
    from dashboard.export.formats import html_page
    from dashboard.figures import snapshot_figure
    from dashboard.view import View
    from datetime import date

    dataset = estimates.load()
    figure, alt = snapshot_figure(estimates.to_frame(dataset), dataset, View(), date(2026, 11, 22), "http://localhost:8501")
    page_file = tmp_path / "snapshot.html"
    page_file.write_bytes(html_page(figure, alt))
    context = browser.new_context(offline=True)
    requests = []
    context.route("**/*", lambda route: (requests.append(route.request.url), route.abort())
                  if not route.request.url.startswith("file:") else route.continue_())
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg", state="visible", timeout=30_000)
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() > 5
    assert "Data version" in page.locator(".js-plotly-plot").inner_text()
    assert requests == []
    page.screenshot(path=str(ARTIFACTS / "snapshot-html-offline.png"), full_page=True)
    context.close()


def test_the_record_card_links_to_the_original_in_a_new_tab(page, app_url):
    import estimates

    record = "killed-or-wounded-ua-syrskyi-2025-01-19"
    dataset = estimates.load()
    [claim] = [r for r in estimates.to_frame(dataset).itertuples() if r.id == record]
    originals = [report["url"] for report in claim.reports]  # every report, earliest first
    assert len(originals) >= 2 and all(originals)
    open_app(page, f"{app_url}/?record={record}")
    card = page.locator(".st-key-record_card")
    card.wait_for(state="visible", timeout=30_000)
    links = card.locator("a")
    assert [links.nth(n).get_attribute("href") for n in range(links.count())] == originals
    for n in range(links.count()):
        assert links.nth(n).get_attribute("target") == "_blank"
        assert set(links.nth(n).get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    assert "Paste into an article" in card.inner_text() and "Cite the data" in card.inner_text()
    card.screenshot(path=str(ARTIFACTS / "record-card-original-link.png"))


def test_a_3000_character_token_in_a_card_never_widens_the_page_on_a_phone(browser, hostile_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_app(page, f"{hostile_url}/?record=killed-nis-2025-01")
    card = page.locator(".st-key-record_card")
    card.wait_for(state="visible", timeout=30_000)
    assert "x" * 100 in card.inner_text()
    card.scroll_into_view_if_needed()
    card.screenshot(path=str(ARTIFACTS / "long-token-card-390.png"))
    widths = page.evaluate("""() => [document.documentElement.scrollWidth, document.body.scrollWidth,
        document.querySelector('[data-testid=stMain]').scrollWidth,
        document.querySelector('.st-key-record_card').scrollWidth]""")  # Streamlit's page scrolls in stMain
    box = card.bounding_box()
    context.close()
    assert max(widths) <= 390 and box["x"] + box["width"] <= 390, (widths, box)


def test_a_typed_date_applies_on_enter_and_when_the_box_loses_focus(page, small_app_url):
    open_app(page, small_app_url)
    sidebar = page.locator("[data-testid=stSidebar]")
    start = sidebar.get_by_role("textbox", name="From", exact=True)
    start.fill("2025-03-01")
    start.press("Enter")
    page.wait_for_url("**from=2025-03-01**", timeout=30_000)
    end = sidebar.get_by_role("textbox", name="To", exact=True)
    end.fill("2025-12-31")
    sidebar.get_by_text("Scale", exact=True).click()  # focus leaves the box: nothing else
    page.wait_for_url("**to=2025-12-31**", timeout=30_000)
