"""Production settings: shipped in .streamlit/config.toml, and they hold in a real browser."""

import tomllib

import pytest

from browser_support import ARTIFACTS, streamlit_server
from conftest import FIXTURES, ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())


def test_the_shipped_configuration_is_for_production():
    assert CONFIG["client"]["showErrorDetails"] == "none"  # no tracebacks for visitors
    assert CONFIG["client"]["showErrorLinks"] is False  # no links to search engines or chatbots with the error
    assert CONFIG["server"]["maxMessageSize"] == 16  # MB: 5x the largest message with 10,000 records
    assert "address" not in CONFIG["server"]  # dev.py chooses: 127.0.0.1 unless asked
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


def _dev_app_command(monkeypatch, *args, env: dict | None = None) -> tuple[int, list[str]]:
    import dev

    calls = []
    monkeypatch.setattr(dev, "ensure_environment", lambda: None)
    monkeypatch.setattr(dev.subprocess, "call", lambda command: calls.append(command) or 0)
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    code = dev.main(["app", *args])
    return code, calls[0] if calls else []


def test_dev_py_app_listens_on_this_machine_only_unless_asked(monkeypatch):
    code, command = _dev_app_command(monkeypatch)
    assert code == 0 and command[command.index("--server.address") + 1] == "127.0.0.1"
    code, command = _dev_app_command(monkeypatch, "--server.address", "0.0.0.0")
    assert command.count("--server.address") == 1 and command[command.index("--server.address") + 1] == "0.0.0.0"


def test_dev_py_app_refuses_a_base_url_that_is_not_http(monkeypatch, capsys):
    code, command = _dev_app_command(monkeypatch, env={"TRACKER_BASE_URL": "javascript:alert(document.domain);//x"})
    assert code == 2 and command == []
    assert "TRACKER_BASE_URL 'javascript:alert(document.domain);//x' must start with http:// or https://" in capsys.readouterr().err
