"""The Streamlit wiring, through AppTest: default view, every filter by widget and by URL,
bad URLs, and the data-issues panel."""

import json
import os
import re
import shutil
from pathlib import Path

import pytest

import estimates
from streamlit.testing.v1 import AppTest

from conftest import FIXTURES, ROOT
from dashboard.app.data import DATA_DIR_VARIABLE, SEEDS_DIR_VARIABLE
from estimates.dataset import DATA_DIR

pytestmark = pytest.mark.slow  # every test runs the whole app (AppTest), a second or more each

APP = str(ROOT / "streamlit_app.py")


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()  # a session's first run: the chart alone (see test_the_chart_comes_first)
    at.run()  # the rerun the browser asks for once it has drawn the chart: the whole page
    assert not at.exception, at.exception
    return at


def figure(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def plotted(at: AppTest, role: str = "estimates") -> set[str]:
    return {i for t in figure(at)["data"] if (t.get("meta") or {}).get("role") == role for i in t["customdata"]}


def plain(at: AppTest) -> str:
    return " ".join(t.value for t in at.text)


def table_ids(at: AppTest) -> list[str]:
    return list(next(d for d in at.dataframe if d.key == "records_table").value["Record"])


def unspan(markdown: str) -> str:
    """The text of a notice sent as one Markdown code span (words.code_span)."""
    match = re.fullmatch(r"(`+) (.*) \1", markdown, re.S)
    assert match, markdown
    return match[2]


def shown(elements) -> str:
    """The text of markdown elements as a reader sees it (backslash escapes removed)."""
    text = re.sub(r"(`+) (.*?) \1", r"\2", " ".join(e.value for e in elements))  # code spans: file names
    return re.sub(r"\\(.)", r"\1", text)


@pytest.fixture(scope="module", autouse=True)
def five_seed_articles(seed_articles_dir):
    """The app's specification is written against the five seed articles' records."""
    global SEED_ARTICLES
    SEED_ARTICLES = seed_articles_dir
    before = os.environ.get(DATA_DIR_VARIABLE)
    os.environ[DATA_DIR_VARIABLE] = str(seed_articles_dir)
    yield seed_articles_dir
    if before is None:
        os.environ.pop(DATA_DIR_VARIABLE, None)
    else:
        os.environ[DATA_DIR_VARIABLE] = before


SEED_ARTICLES: Path = DATA_DIR


def seed_dataset():
    return estimates.load(data_dir=SEED_ARTICLES)


@pytest.fixture(scope="module")
def default():
    return run()


def test_the_chart_comes_first():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["scale"] = "sideways"
    at.run()
    assert len(at.get("plotly_chart")) == 1
    assert [unspan(i.value) for i in at.info] == ["Ignored scale='sideways': use log or linear."]  # the link's notice too
    assert len(at.get("bidi_component")) == 1  # the browser's "chart drawn" report
    assert not at.radio and not at.multiselect and not at.dataframe and not at.get("download_button")
    at.run()
    assert len(at.get("plotly_chart")) == 1 and len(at.dataframe) == 2 and len(at.radio) == 2
    assert not at.get("bidi_component")  # only once per session


def test_the_default_view_shows_everything(default):
    assert len(default.get("plotly_chart")) == 1
    assert len(table_ids(default)) == len(estimates.to_frame(seed_dataset()))  # every row, nothing filtered
    assert "killed-nis-2025-01" in plotted(default)
    assert "kim-nine-engineers-died-2025-12" in plotted(default, "admissions")
    assert not default.info  # no notice about the link
    assert not default.error
    assert dict(default.query_params) == {}


def test_headline_figures_show_latest_estimates_beside_admissions(default):
    text = shown(default.markdown)
    assert "about 600" in text and "about 4,000" in text and "15,000" in text
    assert "more than 10,000" not in text  # a recap in a later article is not the latest estimate
    assert "Official: Kim Jong Un said 9" in plain(default)


# (widget key, value, query params, expectation on the visible record ids)
FILTERS = {
    "quantity": ("w_quantities", ["killed"], {"quantity": "killed"},
                 lambda ids: "killed-nis-2025-01" in ids and "deployed-us-dod-2024-11" not in ids),
    "estimator": ("w_estimators", ["rok-nis"], {"estimator": "rok-nis"},
                  lambda ids: {"killed-nis-2025-01", "wounded-nis-2025-01"} <= ids and "deployed-us-dod-2024-11" not in ids),
    "kind": ("w_kinds", ["military"], {"kind": "military"},
             lambda ids: "deployed-us-dod-2024-11" in ids and "killed-nis-2025-01" not in ids),
    "from": ("w_start", "2025-03-01", {"from": "2025-03-01"},
             lambda ids: "killed-nis-2025-01" not in ids and "killed-rok-intelligence-2025-04" in ids),
    "to": ("w_end", "2025-01-31", {"to": "2025-01-31"},
           lambda ids: "killed-nis-2025-01" in ids and "killed-rok-intelligence-2025-04" not in ids),
}


def _ids_in_table(at):
    return set(table_ids(at))


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_a_filter_set_by_its_widget_changes_the_view_and_the_url(name):
    key, value, query, expect = FILTERS[name]
    at = run()
    kind = "multiselect" if key in {"w_quantities", "w_estimators", "w_kinds"} else "text_input"
    getattr(at, kind)(key=key).set_value(value).run()
    assert expect(_ids_in_table(at))
    assert {k: at.query_params[k] for k in query} == query


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_a_filter_set_by_the_url_gives_the_same_view(name):
    key, value, query, expect = FILTERS[name]
    at = run(query)
    assert expect(_ids_in_table(at))
    assert at.session_state[key] == value
    assert not at.info


def test_hiding_belligerents_keeps_admissions(default):
    at = run({"hide_belligerents": "1"})
    ids = _ids_in_table(at)
    assert "kim-nine-engineers-died-2025-12" in ids  # admissions stay: they are what estimates are set against
    at_widget = run()
    at_widget.toggle(key="w_hide_belligerents").set_value(True).run()
    assert at_widget.query_params["hide_belligerents"] == "1"


def test_independent_only_hides_background_restatements(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(SEED_ARTICLES, data)
    shutil.copy(FIXTURES / "dashboard" / "revisions.yaml", data / "revisions.yaml")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(data))
    assert "test-killed-background" in _ids_in_table(run())
    assert "test-killed-background" not in _ids_in_table(run({"independent": "1"}))
    at = run()
    at.toggle(key="w_independent_only").set_value(True).run()
    assert "test-killed-background" not in _ids_in_table(at) and at.query_params["independent"] == "1"


def test_scale_and_date_basis(default):
    assert figure(default)["layout"]["yaxis2"]["type"] == "log"
    at = run({"scale": "linear", "basis": "as_of"})
    assert figure(at)["layout"]["yaxis2"]["type"] == "linear"
    at = run()
    at.radio(key="w_scale").set_value("linear").run()
    assert figure(at)["layout"]["yaxis3"]["type"] == "linear" and at.query_params["scale"] == "linear"
    at.radio(key="w_basis").set_value("as_of").run()
    assert at.query_params["basis"] == "as_of"


def test_a_record_in_the_url_opens_its_card():
    at = run({"record": "killed-nis-2025-01"})
    card = plain(at)
    assert "Figure: at least 300 killed" in card and "National Intelligence Service" in card and "Yonhap" in card
    assert "The Epoch Times (inferred)" in card


def test_choosing_a_record_opens_its_card_and_goes_in_the_url(default):
    at = run()
    at.selectbox(key="w_record").set_value("kim-nine-engineers-died-2025-12").run()
    assert at.query_params["record"] == "kim-nine-engineers-died-2025-12"
    assert "heartrending loss of nine lives" in plain(at)


@pytest.mark.parametrize("query, notice", [
    ({"scale": "cubic"}, "Ignored scale='cubic'"),
    ({"quantity": ["killed", "zombies"]}, "Ignored quantity='zombies'"),
    ({"from": "yesterday"}, "Ignored from='yesterday'"),
    ({"record": "<script>alert(1)</script>"}, "no such record"),
    ({"utm_source": "x"}, "unknown parameter 'utm_source'"),
    ({"from": "2025-06-01", "to": "2025-01-01"}, "the start is after the end"),
    ({"independent": "maybe"}, "Ignored independent='maybe'"),
])
def test_a_bad_link_is_ignored_with_a_visible_notice(query, notice):
    at = run(query)
    assert any(notice in unspan(i.value) for i in at.info), [i.value for i in at.info]
    assert len(at.get("plotly_chart")) == 1


def test_the_data_issues_panel_lists_each_problem_and_keeps_the_rest(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(SEED_ARTICLES, data)
    losses = data / "losses.yaml"
    losses.write_text(losses.read_text().replace("    value: 300\n", "    value: 300\n    high: 200\n", 1))
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(data))
    at = run()
    assert any("Data issues: 1 data error" in e.value for e in at.error)
    listed = at.code[0].value
    assert f"{losses}:" in listed or "losses.yaml:" in listed
    assert "killed-nis-2025-01.high" in listed
    ids = _ids_in_table(at)
    assert "killed-nis-2025-01" not in ids and "wounded-nis-2025-01" in ids and len(ids) == len(seed_dataset().records) - 1


def test_no_loadable_data_says_how_to_fix_it(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "broken.yaml").write_text("estimates: [\n")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(data))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("No data could be loaded" in e.value for e in at.error)


def test_the_chart_says_its_sources_and_the_view_can_be_shared(default):
    spec = figure(default)
    assert "title" not in spec["layout"] or not spec["layout"]["title"].get("text")  # the page's title says it once
    assert spec["layout"]["meta"]["permalink"] == "http://localhost:8501/"
    words = plain(default)  # the view in words and the sources line: plain text (st.text), never Markdown
    assert "Estimates by NIS" in words and "Data version" in words and "Reported in: " in words
    assert default.title[0].value.startswith("North Korean troops in Russia")
    assert default.code[0].value == "http://localhost:8501/"
    cite_view = next(c.value for c in default.code if c.value.startswith("View: "))
    assert "Data version" in cite_view and "Accessed" in cite_view and cite_view.endswith("http://localhost:8501/")
    labels = {b.label for b in default.get("download_button")}
    assert {"Chart as PNG", "Chart as SVG", "Chart as HTML", "Visible records, CSV", "All records, JSON",
            "All records, data package (ZIP)"} <= labels
    assert "Alt text: Latest claims, troops sent so far: " in plain(default)


def test_the_share_link_follows_the_filters():
    at = run({"quantity": "killed", "scale": "linear"})
    assert at.code[0].value == "http://localhost:8501/?quantity=killed&scale=linear"


def test_a_file_broken_while_the_app_runs_is_served_from_its_last_valid_version(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(SEED_ARTICLES, data)
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(data))
    losses = data / "losses.yaml"
    good = losses.read_bytes()
    at = run()
    assert "killed-nis-2025-01" in _ids_in_table(at)

    losses.write_bytes(good[: len(good) // 2])  # saved half-written
    at.run()
    assert not at.exception
    warning = shown(at.warning)
    assert "tmp" in warning or "losses.yaml" in warning
    assert "losses.yaml has errors (listed below): showing its last valid version" in warning
    assert "killed-nis-2025-01" in _ids_in_table(at) and _ids_in_table(at) == {r.id for r in seed_dataset().records}  # nothing lost
    assert re.search(r"losses\.yaml:\d+ ", at.code[0].value)  # the error names the file and line

    fixed = good.replace(b"value: 600", b"value: 650")
    losses.write_bytes(fixed)
    at.run()
    assert not at.warning
    assert "about 650" in " ".join(str(v) for v in next(d for d in at.dataframe if d.key == "records_table").value["Figure"])
    assert losses.read_bytes() == fixed  # the app never writes to the data


@pytest.fixture
def seeds_with_links(tmp_path, monkeypatch):
    """The five seed articles, the first with the address of its original, the second with a
    `javascript:` address where its original's should be."""
    seeds = tmp_path / "seeds"
    shutil.copytree(estimates.SEEDS_DIR, seeds, ignore=lambda folder, names: [n for n in names if n[:3] > "004"])
    first, second = sorted(seeds.glob("*.meta.yaml"))[:2]
    first.write_text(first.read_text() + "url: 'https://example.org/original-article'\n")
    second.write_text(second.read_text() + "url: 'javascript:alert(document.domain)'\n")
    monkeypatch.setenv(SEEDS_DIR_VARIABLE, str(seeds))
    return first.name.removesuffix(".meta.yaml"), second.name.removesuffix(".meta.yaml")


def _page_links(at: AppTest) -> list[str]:
    """The addresses of the Markdown links on the page."""
    return [link for element in at.markdown for link in re.findall(r"\]\(<([^>]*)>\)", element.value)]


def test_the_card_links_to_the_original_and_no_other_kind_of_link_reaches_the_page(seeds_with_links):
    linked, hostile = seeds_with_links
    dataset = estimates.load(data_dir=SEED_ARTICLES, seeds_dir=Path(os.environ[SEEDS_DIR_VARIABLE]))
    record = next(r for r in dataset.records if any(c.document == linked for c in r.reports))
    at = run({"record": record.id})
    assert _page_links(at) == ["https://example.org/original-article"]  # new tab, rel="noopener noreferrer": the browser test
    markdown = " ".join(m.value for m in at.markdown)
    assert markdown.count("](") == 1 and "javascript" not in markdown  # no other link
    issues = " ".join(c.value for c in at.code)
    assert f"{hostile}.meta.yaml" in issues and "only http:// and https://" in issues  # the validation error, shown
    cites_hostile = [r.id for r in estimates.load(data_dir=SEED_ARTICLES, seeds_dir=estimates.SEEDS_DIR).records if any(c.document == hostile for c in r.reports)]
    assert cites_hostile and not set(cites_hostile) & _ids_in_table(at)  # left out, and said why
    assert all(link.startswith("https://") for link in _page_links(at))


def test_the_card_gives_the_words_to_cite_the_record(default):
    record = seed_dataset().records[0].id
    at = run({"record": record})
    cite = next(c.value for c in at.code if "(record " in c.value)
    assert f"(record {record})" in cite and "Data version" in cite and "Accessed" in cite
    assert cite.endswith(f"http://localhost:8501/?record={record}")


def test_the_records_tables_dates_sort_as_dates(default):
    table = next(d for d in default.dataframe if d.key == "records_table").value
    assert str(table["Announced"].dtype).startswith("datetime64")
    said = next(d for d in default.dataframe if d.key == "who_says_what").value
    assert str(said["Announced"].dtype).startswith("datetime64")
    ordered = table.sort_values("Announced")["Announced"]
    assert list(ordered) == sorted(table["Announced"])  # 1 Feb 2025 comes before 1 Jul 2025, never after


def test_official_statements_only_is_one_click():
    at = run()
    at.toggle(key="w_statements_only").set_value(True).run()
    ids = set(table_ids(at))
    statements = {r.id for r in seed_dataset().admissions}
    assert ids == statements and at.query_params["statements"] == "1"
    assert set(table_ids(run({"statements": "1"}))) == statements


def test_a_period_preset_sets_both_dates():
    at = run()
    at.button_group(key="w_period").set_value("2025").run()
    assert str(at.session_state["w_start"]) == "2025-01-01" and str(at.session_state["w_end"]) == "2025-12-31"
    assert at.query_params["from"] == "2025-01-01" and at.query_params["to"] == "2025-12-31"
    at.button_group(key="w_period").set_value("all").run()
    assert at.session_state["w_start"] == "" and "from" not in at.query_params


def test_a_key_numbers_card_opens_its_claims_card(default):
    from dashboard.headline import key_numbers

    killed = {k.key.id: k for k in key_numbers(estimates.to_frame(seed_dataset()))}["killed"]
    at = default
    at.button_group(key="cards_killed").set_value(killed.low[0].id).run()
    assert at.session_state["w_record"] == killed.low[0].id and at.query_params["record"] == killed.low[0].id
    assert any("Paste into an article" in m.value for m in at.markdown)


def test_a_date_that_is_not_a_date_says_so_and_filters_nothing():
    at = run()
    at.text_input(key="w_start").set_value("2025-13-45").run()
    assert "from" not in at.query_params and set(table_ids(at)) == {r.id for r in seed_dataset().records}
    assert any("Not a date" in c.value for c in at.sidebar.caption)
    at.text_input(key="w_start").set_value("2025-03-01").run()  # applied as soon as it is entered
    assert at.query_params["from"] == "2025-03-01"
