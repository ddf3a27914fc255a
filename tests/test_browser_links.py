"""Hostile links in the real page: what the link says is shown as text, never drawn as a link,
an image, a formula or a colour, and the page fetches nothing from outside the app."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from browser_support import ARTIFACTS, CHART, free_port

pytestmark = pytest.mark.browser

TRAP = free_port()  # nothing listens there: a request to it is the page obeying the link
LINKS = {
    # name: (query string, text the notice must show literally)
    "markdown link": ("scale=" + quote("[Click to verify](https://evil.example/)"), "[Click to verify](https://evil.example/)"),
    "markdown image": ("basis=" + quote(f"![](http://127.0.0.1:{TRAP}/t.png)"), f"![](http://127.0.0.1:{TRAP}/t.png"),
    "colour": ("scale=" + quote(":red[Data withdrawn]"), ":red[Data withdrawn]"),
    "latex": ("basis=" + quote("$$\\text{hacked}$$"), "'$$\\\\text{hacked}$$'"),  # repr() doubles the backslash
    "bare autolink": ("record=" + quote("www.evil.example"), "www.evil.example"),
    "1,001 parameters": ("&".join(f"p{i}=1" for i in range(1001)), "it has 1,001 parameters"),
}


@pytest.mark.parametrize("name", list(LINKS))
def test_a_hostile_link_is_shown_as_text_and_fetches_nothing(browser, small_app_url, name):
    app_url = small_app_url
    query, literal = LINKS[name]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{app_url}/?{query}")
    page.wait_for_selector(CHART, state="visible", timeout=60_000)
    page.wait_for_selector("[data-testid=stDataFrame]", state="visible", timeout=60_000)  # the whole page
    notice = page.locator("[data-testid=stAlert]").filter(has_text="Ignored")
    notice.first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)  # anything the page would fetch because of the link, it has asked for now
    page.screenshot(path=str(ARTIFACTS / f"hostile-link-{name.replace(' ', '-').replace(',', '')}.png"))
    assert literal in notice.first.inner_text()
    for selector in ("a", "img", ".katex", "[style*=color]", "[class*=colored]", "svg"):
        assert notice.locator(selector).count() == 0, (name, selector, notice.first.inner_html())
    assert page.locator("a[href*='evil'], img[src*='t.png'], img[src*='127.0.0.1']").count() == 0
    outside = [url for url in requests if not url.startswith((app_url, "data:", "blob:"))]
    assert outside == [], outside
    context.close()
