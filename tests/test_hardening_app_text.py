"""Issue 19, items 6 and 8, through AppTest: data text in the app's captions never becomes a live
link, and the records table's own CSV download cannot carry a formula."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

import estimates
from conftest import ROOT, copy_seed_articles
from dashboard.app.data import DATA_DIR_VARIABLE, SEEDS_DIR_VARIABLE

pytestmark = pytest.mark.slow  # each test runs the whole app (AppTest)

APP = str(ROOT / "streamlit_app.py")
LINKY = {"rok-nis": "www.evil-example.com/login", "rok-jcs": "contact@x.org",
         "kr-west-intelligence": "https://evil.example/x?a=1"}
MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "subheader", "header", "title")


@pytest.fixture(scope="module")
def linky_data(tmp_path_factory):
    data, seeds = copy_seed_articles(tmp_path_factory.mktemp("linky"))
    actors = data / "actors.yaml"
    text = actors.read_text()
    for estimator, name in LINKY.items():
        text, count = re.subn(rf"(- id: {estimator}\n    name: )[^\n]*\n    short_name: [^\n]*\n",
                              rf"\g<1>'{name}'\n    short_name: '{name}'\n", text)
        assert count == 1, estimator
    actors.write_text(text)
    dataset = estimates.load(data_dir=data, seeds_dir=seeds)
    assert not dataset.problems, dataset.problems  # validation lets such names through: the app must
    return data, seeds


def run_app(monkeypatch, data, seeds, query: dict | None = None) -> AppTest:
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(data))
    monkeypatch.setenv(SEEDS_DIR_VARIABLE, str(seeds))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.run()  # the rerun the browser asks for once it has drawn the chart: the whole page
    assert not at.exception, at.exception
    return at


def outside_code(markdown: str) -> str:
    """What Markdown renders as prose: the text outside code spans (inside one, no autolink forms),
    backslash escapes decoded (Streamlit autolinks after decoding them)."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", " ", markdown, flags=re.S))


def markdown_prose(at: AppTest) -> str:
    return " ".join(outside_code(str(e.value)) for kind in MARKDOWN_ELEMENTS for e in at.get(kind))


@pytest.mark.parametrize("query", [{}, {"estimator": list(LINKY)}], ids=["default", "filtered"])
def test_estimator_names_like_links_never_become_links_in_the_captions(monkeypatch, linky_data, query):
    at = run_app(monkeypatch, *linky_data, query)
    prose = markdown_prose(at)
    for autolink in ("evil-example", "www.", "@x.org", "https://", "http://", "mailto:"):
        assert autolink not in prose, (autolink, prose)
    plain = " ".join(str(t.value) for t in at.text)
    for name in LINKY.values():
        assert name in plain  # shown, as typed, as plain text: the sources line and the view in words
    assert "Estimates by" in plain and "Data version" in plain  # the sources line


def test_the_records_table_sent_to_the_browser_holds_no_formula(monkeypatch, tmp_path):
    """What the table's toolbar "Download as CSV" writes is the cells the app sends."""
    data, seeds = copy_seed_articles(tmp_path)
    actors = data / "actors.yaml"
    actors.write_text(actors.read_text().replace("short_name: NIS\n", "short_name: '=HYPERLINK(\"http://e.example\")'\n"))
    assert not estimates.load(data_dir=data, seeds_dir=seeds).problems
    at = run_app(monkeypatch, data, seeds)
    table = next(d for d in at.dataframe if d.key == "records_table").value
    assert "'=HYPERLINK(\"http://e.example\")" in set(table["Estimator"])
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@", "\t", "\r"))
                   for column in table.columns for v in table[column])
