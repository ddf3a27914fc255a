"""The DataFrame the dashboard reads: derived bounds, open-ended flags, date spans."""

import math

import pandas as pd
import pytest

import estimates


@pytest.fixture(scope="module")
def frame(seed_articles_dir):
    return estimates.to_frame(estimates.load(data_dir=seed_articles_dir)).set_index("id")


def test_one_row_per_estimate_and_per_admitted_figure():
    dataset = estimates.load()
    frame = estimates.to_frame(dataset)
    rows = len(dataset.estimates) + sum(max(1, len(a.figures)) for a in dataset.admissions)
    assert len(frame) == rows and frame["id"].nunique() == len(dataset.records)
    assert set(frame["kind"]) == {"estimate", "admission"}


def test_at_least_has_a_numeric_low_and_an_open_top(frame):
    row = frame.loc["killed-nis-2025-01"]
    assert (row.lower, row.open_above, row.open_below) == (300, True, False)
    assert math.isnan(row.upper)


def test_as_many_as_has_a_numeric_high_and_an_open_bottom():
    from estimates.frame import bounds
    from estimates.models import Figure

    lower, upper = bounds(Figure(qualifier="as_many_as", value=12000))
    assert upper == 12000 and math.isnan(lower)


def test_exact_and_about_are_their_own_bounds(frame):
    assert tuple(frame.loc["wounded-nis-2025-01", ["lower", "upper"]]) == (2700, 2700)
    assert tuple(frame.loc["killed-rok-intelligence-2025-04", ["lower", "upper"]]) == (600, 600)


def test_vague_claims_have_no_numbers(frame):
    row = frame.loc["killed-us-ua-kr-officials-since-2024-fall"]
    assert row.qualifier == "vague" and all(math.isnan(row[c]) for c in ("value", "lower", "upper"))


def test_partial_dates_become_spans(frame):
    row = frame.loc["killed-nis-2025-01"]
    assert (row.announced_start, row.announced_end) == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-01-31"))
    assert row.announced_precision == "month" and row.announced_label == "Jan 2025"


def test_as_of_is_empty_when_the_source_gave_none_but_its_span_falls_back_to_announced(frame):
    row = frame.loc["deployed-us-dod-2024-11"]
    assert pd.isna(row.as_of) and not row.as_of_given and row.announced == "2024-11"
    assert (row.as_of_start, row.as_of_end) == (row.announced_start, row.announced_end)
    assert frame.loc["deployed-kr-west-intelligence-2025-08", "as_of"] == "2024"


def test_admissions_carry_their_figure_and_label(frame):
    row = frame.loc["kim-nine-engineers-died-2025-12"]
    assert (row.kind, row.quantity, row.value, row.label, row.belligerent) == (
        "admission", "killed", 9, "Kim: nine engineers died", True)


def test_relays_and_sources_are_named(frame):
    row = frame.loc["killed-nis-2025-01"]
    assert row.estimator_short == "NIS" and row.relayed_by_names == "Yonhap"
    assert row.documents == ["003_0be644783e89e01f"] and "at least 300" in row.quotes[0]
    assert row.file.endswith("losses.yaml") and row.line == 4


def test_a_missing_text_is_none_not_nan():
    frame = estimates.to_frame(estimates.load())
    for column in ("restates", "notes", "scope_name", "counted", "label", "scope_evidence"):
        assert not any(isinstance(v, float) for v in frame[column]), column  # NaN is true in `if row[column]`
