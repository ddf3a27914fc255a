"""The view is one table of filters (dashboard/view.py). Each row yields its widget, its URL key,
its filter on the frame and its words; a new filter is one new row. The scope and the
estimator's side are two such rows."""

import json
import os
from dataclasses import fields

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import estimates
from conftest import ROOT
from dashboard.app.data import DATA_DIR_VARIABLE
from dashboard.view import (DEFAULT, FILTERS, Filter, View, apply, describe_view, parse_query, query_string, to_query,
                            view_class)

APP = str(ROOT / "streamlit_app.py")

# A filter the app does not have: one row, appended to the table.
MEASURE = Filter("measures", "measure", "multiselect", "Measure", default=(), options=("total", "flow", "share"),
                 names={"total": "totals", "flow": "flows", "share": "shares"}, what="measure",
                 words=lambda value, name: f"measures: {', '.join(map(name, value))}" if value else "",
                 keep=lambda frame, value, view: frame["measure"].isin(value), placeholder="All measures")
WITH_MEASURE = (*FILTERS, MEASURE)
SMALL_FRAME = pd.DataFrame({
    "id": ["a-total", "a-flow", "a-share", "an-admission"],
    "kind": ["estimate", "estimate", "estimate", "admission"],
    "measure": ["total", "flow", "share", None],
})


def test_every_view_field_has_a_row_and_every_row_a_field():
    assert [f.name for f in fields(View)] == [row.field for row in FILTERS]
    assert len({row.key for row in FILTERS}) == len(FILTERS)  # one URL key each
    assert all(getattr(DEFAULT, row.field) == row.default for row in FILTERS)


def test_the_default_view_is_the_bare_address():
    assert to_query(DEFAULT) == {} and query_string(DEFAULT) == ""
    assert to_query(view_class(WITH_MEASURE)(), WITH_MEASURE) == {}


# One new row yields the URL key, the filter and the words (and, below, the widget).

def test_a_new_row_is_read_from_the_url_and_written_back():
    parsed = parse_query({"measure": ["share", "flow", "stock"]}, table=WITH_MEASURE)
    assert parsed.view.measures == ("flow", "share")  # in the row's own order
    assert parsed.notices == ["Ignored measure='stock': not a known measure."]
    assert to_query(parsed.view, WITH_MEASURE) == {"measure": ["flow", "share"]}
    assert parse_query(to_query(parsed.view, WITH_MEASURE), table=WITH_MEASURE).view == parsed.view


def test_a_new_row_filters_the_estimates_and_keeps_the_admissions():
    view = view_class(WITH_MEASURE)(measures=("flow",))
    assert list(apply(SMALL_FRAME, view, WITH_MEASURE)["id"]) == ["a-flow", "an-admission"]
    assert list(apply(SMALL_FRAME, view_class(WITH_MEASURE)(), WITH_MEASURE)["id"]) == list(SMALL_FRAME["id"])


def test_a_new_row_says_its_words_in_the_view_sentence():
    view = view_class(WITH_MEASURE)(measures=("flow", "share"))
    assert describe_view(view, table=WITH_MEASURE) == (
        "All quantities · all estimators · by date announced · log scale · measures: flows, shares")
    assert "measures" not in describe_view(view_class(WITH_MEASURE)(), table=WITH_MEASURE)


def _sidebar_of_a_table():
    """An app drawing a table's sidebar; the URL sets it, and it sets the URL and the words."""
    import streamlit as st

    from dashboard.app import sidebar
    from dashboard.view import describe_view, parse_query, to_query
    from test_view import SMALL_FRAME, WITH_MEASURE

    if "ready" not in st.session_state:
        parsed = parse_query(dict(st.query_params), table=WITH_MEASURE)
        sidebar.set_widgets(parsed.view, WITH_MEASURE)
        st.session_state.ready = True
    view = sidebar.view_from_widgets(WITH_MEASURE)
    st.query_params.from_dict(to_query(view, WITH_MEASURE))
    st.text(describe_view(view, SMALL_FRAME, WITH_MEASURE))
    with st.sidebar:
        sidebar.widgets(SMALL_FRAME, WITH_MEASURE)


def test_a_new_row_draws_its_widget_in_the_sidebar():
    at = AppTest.from_function(_sidebar_of_a_table, default_timeout=30)
    at.query_params["measure"] = "flow"
    at.run()
    assert not at.exception, at.exception
    widget = at.sidebar.multiselect(key="w_measures")
    assert widget.label == "Measure" and widget.options == ["totals", "flows", "shares"] and widget.value == ["flow"]
    assert "measures: flows" in at.text[0].value
    widget.set_value(["share"]).run()
    assert at.query_params["measure"] == "share" and "measures: shares" in at.text[0].value


# The scope and the estimator's side, against the five seed articles' records.

@pytest.fixture(scope="module")
def seed_frame(seed_articles_dir):
    return estimates.to_frame(estimates.load(data_dir=seed_articles_dir))


def test_the_scope_round_trips_through_the_url(seed_frame):
    parsed = parse_query({"scope": ["kursk", "mars"]}, frame=seed_frame)
    assert parsed.view.scopes == ("kursk",)
    assert parsed.notices == ["Ignored scope='mars': not a known scope."]
    assert query_string(parsed.view) == "scope=kursk"


def test_the_scope_keeps_its_estimates_and_admitted_figures_and_every_admission_without_one(seed_frame):
    shown = apply(seed_frame, View(scopes=("kursk",)))
    estimates_shown = shown[shown["kind"] == "estimate"]
    assert set(estimates_shown["id"]) == {"deployed-kursk-share-us-state-dept-2024-late", "deployed-us-dod-2024-11",
                                          "deployed-kr-west-intelligence-2025-08"}
    admissions = shown[shown["kind"] == "admission"]
    assert "kim-nine-engineers-died-2025-12" not in set(admissions["id"])  # an admitted figure of another scope
    assert set(admissions["id"]) == set(seed_frame.loc[(seed_frame["kind"] == "admission")
                                                       & seed_frame["scope"].isna(), "id"])


def test_the_scope_is_named_in_the_view_sentence(seed_frame):
    assert "scope: In Russia's Kursk region" in describe_view(View(scopes=("kursk",)), seed_frame)
    assert "scope: kursk" in describe_view(View(scopes=("kursk",)))  # without the frame, its id


def test_the_side_round_trips_filters_estimates_only_and_is_named(seed_frame):
    parsed = parse_query({"side": ["third_party", "ukraine", "neutral"]}, frame=seed_frame)
    assert parsed.view.sides == ("ukraine", "third_party")
    assert parsed.notices == ["Ignored side='neutral': not a known side."]
    assert to_query(parsed.view) == {"side": ["ukraine", "third_party"]}
    shown = apply(seed_frame, View(sides=("mixed",)))
    assert set(shown.loc[shown["kind"] == "estimate", "side"]) == {"mixed"}
    assert (shown["kind"] == "admission").sum() == (seed_frame["kind"] == "admission").sum()  # admissions stay
    assert "sides: Ukraine, third parties" in describe_view(parsed.view, seed_frame)


def test_the_snapshot_command_reads_the_scope_and_the_side(seed_frame):
    from dashboard.export.snapshot import SnapshotError, parse_view

    view = parse_view("scope=kursk&side=russia", seed_frame)
    assert view.scopes == ("kursk",) and view.sides == ("russia",)
    with pytest.raises(SnapshotError, match="not a known scope"):
        parse_view("scope=mars", seed_frame)


@pytest.fixture(scope="module")
def seed_app(seed_articles_dir):
    before = os.environ.get(DATA_DIR_VARIABLE)
    os.environ[DATA_DIR_VARIABLE] = str(seed_articles_dir)
    yield
    if before is None:
        os.environ.pop(DATA_DIR_VARIABLE, None)
    else:
        os.environ[DATA_DIR_VARIABLE] = before


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.run()  # the rerun the browser asks for once it has drawn the chart
    assert not at.exception, at.exception
    return at


def plotted_estimates(at: AppTest) -> set[str]:
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {i for t in figure["data"] if (t.get("meta") or {}).get("role") == "estimates" for i in t["customdata"]}


def test_a_kursk_link_charts_only_kursk_estimates_and_sets_its_widget(seed_app, seed_frame):
    at = run({"scope": "kursk"})
    kursk = set(seed_frame.loc[seed_frame["scope"] == "kursk", "id"])
    drawn = plotted_estimates(at)
    assert drawn and drawn <= kursk
    widget = at.sidebar.multiselect(key="w_scopes")
    assert widget.label == "Where / which unit" and widget.value == ["kursk"]
    assert "In Russia's Kursk region" in widget.options
    assert not at.info  # nothing in the link was ignored


def test_choosing_a_scope_and_a_side_in_the_sidebar_changes_the_chart_and_the_link(seed_app, seed_frame):
    at = run()
    assert plotted_estimates(at) - set(seed_frame.loc[seed_frame["scope"] == "kursk", "id"])  # others, by default
    at.sidebar.multiselect(key="w_scopes").set_value(["kursk"]).run()
    assert at.query_params["scope"] == "kursk"
    assert plotted_estimates(at) <= set(seed_frame.loc[seed_frame["scope"] == "kursk", "id"])
    side = at.sidebar.multiselect(key="w_sides")
    assert side.label == "Estimator's side"
    side.set_value(["mixed"]).run()
    assert at.query_params["side"] == "mixed"
    assert not plotted_estimates(at)  # no mixed group gave a Kursk-only figure
    assert at.code[0].value == "http://localhost:8501/?side=mixed&scope=kursk"


@pytest.mark.parametrize("odd", ["", " ", "KURSK", "<script>alert(1)</script>", "%00", "\u202etxet", "a" * 5000])
def test_odd_scope_and_side_values_are_dropped_with_a_notice(odd, seed_frame):
    parsed = parse_query({"scope": odd, "side": [odd, "russia"]}, frame=seed_frame)
    assert parsed.view.scopes == () and parsed.view.sides == ("russia",)
    assert [n.split("=")[0] for n in parsed.notices] == ["Ignored side", "Ignored scope"]
    assert all(len(n) < 120 for n in parsed.notices)  # a long value is cut short when echoed back
