from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
pytest_plugins = ["strict_skips"]  # under CI=true, a skipped test fails the run
CHROMIUM_HINT = "Chromium is not installed: run `python3 dev.py test` (it installs it or says how)"


def folder_tree(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder`, by relative path: ("dir",), ("link", target) or ("file", bytes).
    Never follows a symlink: what the property tests of the writers compare before and after."""
    import os

    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            key = str(path.relative_to(folder))
            if path.is_symlink():
                found[key] = ("link", os.readlink(path))
            elif path.is_dir():
                found[key] = ("dir",)
            else:
                found[key] = ("file", path.read_bytes())
    return found


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


SEED_ARTICLES = FIXTURES / "seed-articles"  # the five whole seed articles' records, frozen (see its README)
SEED_ARTICLE_FILES = ("actors.yaml", "troops.yaml", "losses.yaml", "admissions.yaml")


def copy_seed_articles(target: Path) -> tuple[Path, Path]:
    """`target/data` and `target/seeds`: the five whole seed articles and their records only, for
    tests that break or count files (see seed_articles_dir)."""
    import shutil

    data, seeds = target / "data", target / "seeds"
    data.mkdir(parents=True)
    seeds.mkdir()
    for name in SEED_ARTICLE_FILES:
        shutil.copy(SEED_ARTICLES / name, data / name)
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
        shutil.copy(SEED_ARTICLES / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def seed_documents_dir(tmp_path_factory) -> Path:
    """The five whole seed articles (seeds/000-004) alone: what the seed articles' records cite."""
    import shutil

    folder = tmp_path_factory.mktemp("seed-documents")
    for path in (ROOT / "seeds").iterdir():
        if path.name[:3].isdigit() and int(path.name[:3]) < 5:
            shutil.copy(path, folder / path.name)
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


# --- shared across test files: one server, one published site ---------------------------------


@pytest.fixture(scope="session")
def app_url():
    """The app on the real data, one server for every browser test that only reads from it."""
    from browser_support import ARTIFACTS, streamlit_server

    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_server(log=ARTIFACTS / "app-server.log") as url:
        yield url


@pytest.fixture(scope="session")
def small_app_url(seed_articles_dir):
    """The app on the five seed articles' records: for browser tests of what the page does with a
    link or a click, where the size of the data only makes each page load slower."""
    from browser_support import ARTIFACTS, streamlit_server

    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_server(env={"TRACKER_DATA_DIR": str(seed_articles_dir)}, log=ARTIFACTS / "small-app-server.log") as url:
        yield url


@pytest.fixture(scope="session")
def small_site(tmp_path_factory) -> Path:
    """The static edition of the seed articles and a hostile record, without PNG and SVG: built
    once, read by the publish tests and served to the static site's browser tests. Read only."""
    from static_site_support import publish_small

    work = tmp_path_factory.mktemp("small-site")
    publish_small(work / "site", work, images=False)
    return work / "site"


# --- the tiers ------------------------------------------------------------------------------


def pytest_collection_modifyitems(items):
    """The fast tier's rule, in one place: a test that renders with Chromium or generates
    examples with hypothesis is `slow`, and `python3 dev.py test --fast` leaves it out (as it
    leaves out `browser` and `wheel`). Files that run the whole app say so themselves."""
    for item in items:
        renders = "chromium" in getattr(item, "fixturenames", ())
        generates = getattr(getattr(item, "obj", None), "is_hypothesis_test", False)
        if renders or generates:
            item.add_marker(pytest.mark.slow)
