from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
pytest_plugins = ["strict_skips"]  # under CI=true, a skipped test fails the run
CHROMIUM_HINT = "Chromium is not installed: run `python3 dev.py test` (it installs it or says how)"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


SEED_ARTICLE_FILES = ("actors.yaml", "troops.yaml", "losses.yaml", "admissions.yaml")


def copy_seed_articles(target: Path) -> tuple[Path, Path]:
    """`target/data` and `target/seeds`: the five whole seed articles and their records only, for
    tests that break or count files (see seed_articles_dir)."""
    import shutil

    data, seeds = target / "data", target / "seeds"
    data.mkdir(parents=True)
    seeds.mkdir()
    for name in SEED_ARTICLE_FILES:
        shutil.copy(ROOT / "estimates" / "data" / name, data / name)
    for path in (ROOT / "seeds").iterdir():
        if path.name[:3].isdigit() and int(path.name[:3]) < 5:
            shutil.copy(path, seeds / path.name)
    return data, seeds


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
def chromium() -> str:
    """The Chromium binary, for tests that render PNG or SVG or drive a browser. Without it the
    test is skipped with the install hint (and under CI=true a skip fails the run)."""
    from browser_support import CHROMIUM, chromium_available

    if not chromium_available():
        pytest.skip(CHROMIUM_HINT)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium):
    """Headless Debian Chromium, driven by Playwright."""
    from browser_support import CHROMIUM_ARGS

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
