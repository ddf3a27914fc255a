"""Issue 19, item 14: a 3,000-character token in a record's notes never makes a static page wider
than a phone (390 px), in headless Chromium."""

from __future__ import annotations

import pytest

from browser_support import static_server
from static_site_support import publish_small

pytestmark = pytest.mark.browser

TOKEN = "x" * 3000


@pytest.fixture(scope="module")
def long_token_site(tmp_path_factory, monkeypatch_module):
    work = tmp_path_factory.mktemp("long-token")
    import static_site_support

    original = static_site_support.hostile_data

    def with_long_notes(target):
        data, seeds = original(target)
        record = data / "hostile.yaml"
        text = record.read_text()
        assert text.count("    notes: ") == 1
        record.write_text(text.replace("    notes: ", f"    notes: '{TOKEN} ' # ", 1))  # the old notes: a comment
        return data, seeds

    monkeypatch_module.setattr(static_site_support, "hostile_data", with_long_notes)
    publish_small(work / "site", work, images=False)
    assert TOKEN in (work / "site" / "records" / "hostile-record.html").read_text()
    with static_server(work / "site") as url:
        yield url


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.mark.parametrize("path", ["records/hostile-record.html", "index.html"])
def test_a_3000_character_token_never_widens_a_page_past_a_phone(browser, long_token_site, path):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{long_token_site}/{path}")
        assert page.evaluate("document.body.textContent.includes('x'.repeat(3000))") or path == "index.html"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
