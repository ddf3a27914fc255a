from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


SEED_ARTICLE_FILES = ("actors.yaml", "troops.yaml", "losses.yaml", "admissions.yaml")


@pytest.fixture(scope="session")
def seed_articles_dir(tmp_path_factory) -> Path:
    """The records of the five whole seed articles only: the chart's specification is written
    against them, so that the growing public record does not change what these tests mean."""
    import shutil

    folder = tmp_path_factory.mktemp("seed-articles")
    for name in SEED_ARTICLE_FILES:
        shutil.copy(ROOT / "estimates" / "data" / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium. In CI a missing Chromium fails the run; locally it skips."""
    import os

    from browser_support import CHROMIUM, CHROMIUM_ARGS, chromium_available

    if not chromium_available():
        message = "Debian's chromium is not installed: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
