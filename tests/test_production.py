"""Production settings: shipped in .streamlit/config.toml, and they hold in a real browser."""

import tomllib

import pytest

from browser_support import ARTIFACTS, streamlit_server
from conftest import FIXTURES, ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())


def test_the_shipped_configuration_is_for_production():
    assert CONFIG["client"]["showErrorDetails"] == "none"  # no tracebacks for visitors
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["server"]["runOnSave"] is False
    assert CONFIG["server"]["fileWatcherType"] == "none"  # no polling of source files on a server
    assert CONFIG["server"]["maxUploadSize"] == 1  # and the app has no upload widget
    assert CONFIG["browser"]["gatherUsageStats"] is False
    sources = [p.read_text() for p in [ROOT / "streamlit_app.py", *(ROOT / "dashboard").glob("*.py")]]
    assert not any("file_uploader" in s or "unsafe_allow_html" in s for s in sources)


@pytest.mark.browser
def test_a_forced_exception_shows_no_traceback(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_server(script=FIXTURES / "apps" / "crash_app.py", log=ARTIFACTS / "crash-server.log") as url:
        page = browser.new_page()
        page.goto(url)
        page.get_by_text("Crash test").wait_for(timeout=60_000)
        page.locator("[data-testid=stException], [data-testid=stAlert], .stException").first.wait_for(timeout=30_000)
        text = page.locator("body").inner_text()
        page.screenshot(path=str(ARTIFACTS / "forced-exception.png"))
        page.close()
    assert "secret-detail-7f3a" not in text and "/srv/private" not in text
    assert "Traceback" not in text and "RuntimeError" not in text and 'File "' not in text
    log = (ARTIFACTS / "crash-server.log").read_text()
    assert "secret-detail-7f3a" in log  # the operator still sees it in the server log
