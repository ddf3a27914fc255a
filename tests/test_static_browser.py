"""The static edition in headless Chromium, served by a plain static file server, with every
request outside the site refused: the charts draw, the links work, hostile text stays text."""

from __future__ import annotations

import pytest

from browser_support import ARTIFACTS, site_only_context, static_server

pytestmark = pytest.mark.browser
CHART = ".js-plotly-plot .main-svg"
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def site_url(small_site):
    with static_server(small_site) as url:
        yield url


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def page(request, browser, site_url):
    """A fresh context at one width that refuses every request outside the site, and records them."""
    width = request.param
    context, refused = site_only_context(browser, site_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.width, page.refused, page.dialogs, page.errors = width, refused, [], []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
    assert refused == [], f"requests outside the site: {refused}"
    assert page.dialogs == [] and page.errors == []


def chart_visible(page) -> None:
    page.wait_for_selector(CHART, state="visible", timeout=30_000)
    box = page.locator(CHART).first.bounding_box()
    assert box["width"] > page.width * 0.75 and box["height"] > 600


def fits(page) -> None:
    """Nothing makes the page scroll sideways (the records table scrolls inside its own box)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= page.width + 1


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"static-{name}-{page.width}.png"), full_page=name != "index")


def test_the_index_draws_its_chart_and_links_each_record(page, site_url):
    page.goto(f"{site_url}/index.html")
    chart_visible(page)
    fits(page)
    assert page.locator("table tbody tr").count() > 20
    shot(page, "index")
    page.locator("table a[href='records/hostile-record.html']").click()
    page.wait_for_url("**/records/hostile-record.html")
    assert page.locator("h1").inner_text().startswith("<img src=x onerror=alert(2)>")
    page.get_by_role("link", name="all records").click()
    page.wait_for_url("**/index.html#records")
    chart_visible(page)


def test_a_view_page_links_to_its_embed_and_its_snippet_is_absolute(page, site_url):
    page.goto(f"{site_url}/index.html")
    page.locator("#views ~ ul a", has_text="killed").click()
    page.wait_for_url("**/views/killed/index.html")
    chart_visible(page)
    fits(page)
    assert "North Korean soldiers killed" in page.locator("main").inner_text()  # the alt text
    snippet = page.locator("#embed-code").input_value()
    assert snippet.startswith(f'<iframe src="{site_url}/views/killed/embed.html"')
    assert page.locator("a", has_text="HTML, works offline").get_attribute("href") == "killed.html"
    shot(page, "view")
    page.get_by_role("link", name="See the embed").click()
    page.wait_for_url("**/views/killed/embed.html")
    chart_visible(page)
    fits(page)
    shot(page, "embed")


def test_the_embed_draws_inside_an_iframe(page, site_url):
    page.goto(f"{site_url}/views/killed/index.html")
    snippet = page.locator("#embed-code").input_value()
    page.set_content(f"<!DOCTYPE html><body style='margin:0'>{snippet}</body>")  # someone's article
    frame = page.frame_locator("iframe")
    frame.locator(CHART).first.wait_for(state="visible", timeout=30_000)
    assert frame.locator("a", has_text="explore in the app").get_attribute("target") == "_blank"


def test_a_hostile_record_renders_as_text(page, site_url):
    page.goto(f"{site_url}/records/hostile-record.html")
    text = page.locator("main").inner_text()
    assert '<script>alert("xss")</script>' in text
    assert '<img src=x onerror="alert(1)">' in text
    assert "<b>Hostile</b> Outlet <script>alert('outlet')</script>" in text
    assert "[click](javascript:alert(1))" in text
    assert page.locator("img").count() == 0 and page.locator("main script").count() == 0
    assert page.locator("a[href^='javascript' i]").count() == 0
    fits(page)
    shot(page, "record")
    page.get_by_role("link", name="Views").click()
    page.wait_for_url("**/index.html#views")


def test_who_says_what_sorts_numbers_as_numbers_and_links_each_claim(page, site_url):
    page.goto(f"{site_url}/who-says-what.html")
    headings = page.locator("table.sortable th")
    killed = [headings.nth(n).inner_text() for n in range(headings.count())].index("Killed")

    def sort_keys() -> list[str]:
        return page.eval_on_selector_all("table.sortable tbody tr", f"rows => rows.map(r => r.cells[{killed}].dataset.sort)")

    headings.nth(killed).click()
    up = sort_keys()
    filled = [float(v) for v in up if v]
    assert filled == sorted(filled) and len(filled) >= 2 and up[len(filled):] == [""] * (len(up) - len(filled))
    headings.nth(killed).click()
    down = [float(v) for v in sort_keys() if v]
    assert down == sorted(filled, reverse=True)
    links = page.locator("table.sortable tbody a")
    assert links.count() >= len(filled) and links.first.get_attribute("href").startswith("records/")
    page.screenshot(path=str(ARTIFACTS / "static-who-says-what.png"), full_page=True)
