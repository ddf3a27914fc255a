"""One claim, many reports, on the public record itself: each claim is one row, counted once,
with every outlet that carried it under it."""

from __future__ import annotations

import pytest

import estimates
from dashboard.card import card
from estimates.claims import RESEARCH_NOTE


@pytest.fixture(scope="module")
def dataset():
    return estimates.load()


@pytest.fixture(scope="module")
def frame(dataset):
    return estimates.to_frame(dataset)


def test_the_public_record_validates_clean(dataset):
    assert dataset.problems == []


def test_to_frame_has_one_row_per_claim_and_one_per_admitted_figure(dataset, frame):
    figures = sum(max(len(a.figures), 1) for a in dataset.admissions)
    assert len(frame) == len(dataset.estimates) + figures
    assert not frame.duplicated(["id", "part"]).any()
    assert frame["report_count"].sum() >= len(frame)  # reports hang under claims, never beside them


def test_the_reports_table_has_one_row_per_report(dataset):
    reports = estimates.reports_frame(dataset)
    assert len(reports) == sum(len(r.reports) for r in dataset.records)
    assert not reports.duplicated(["claim", "report"]).any()
    assert set(reports["claim"]) == {r.id for r in dataset.records}


def _claims(frame, **where):
    rows = frame
    for column, value in where.items():
        rows = rows[rows[column] == value]
    return rows


def test_hurs_killed_figure_of_14_december_2024_is_one_claim_with_all_its_reports(frame):
    [claim] = _claims(frame, estimator="ua-hur", quantity="killed", value=200.0).itertuples()
    assert claim.announced == "2024-12-14"
    outlets = {r["document"].split("_")[0] for r in claim.reports}
    assert {"073", "074", "075", "078"} <= outlets  # Korea Herald, Delo, LIGA.net, ABC News
    abc = next(r for r in claim.reports if r["document"].startswith("078"))
    assert abc["as_reported"]["quantity"] == "casualties"  # ABC's own word, kept on its report
    assert not (_claims(frame, estimator="ua-hur", value=200.0)["quantity"] == "casualties").any()


def test_kims_nine_engineers_appear_once_with_every_report(frame):
    nine = _claims(frame, kind="admission", quantity="killed", value=9.0)
    assert list(nine["id"]) == ["kim-nine-engineers-died-2025-12"]
    documents = [r["document"] for r in nine.iloc[0]["reports"]]
    assert {"000_8d43d6ace8952176", "264_tass", "265_koreaherald"} <= set(documents)


def test_the_101_portraits_are_counted_once(frame):
    portraits = _claims(frame, kind="admission", value=101.0)
    assert list(portraits["id"]) == ["nk-kcna-101-portraits-2025-08-22"]


def test_nis_estimate_of_about_2000_killed_on_2_september_2025_is_one_claim(frame):
    nis = _claims(frame, estimator="rok-nis", quantity="killed", value=2000.0)
    assert list(nis["id"]) == ["killed-nis-2025-09"]
    claim = nis.iloc[0]
    assert claim["announced"] == "2025-09-02" and claim["report_count"] >= 5
    dates = [r["published"] for r in claim["reports"]]
    assert dates[0] <= dates[-1]  # earliest first
    shown = card(claim)
    assert len(shown.reports) == len(claim["reports"]) and all(r.url for r in shown.reports)
    outlets = len({r["outlet"] for r in claim["reports"]})
    assert dict(shown.facts)["Reports"].startswith(f"Reported by {outlets} outlets: ")


def test_a_plan_is_never_a_count_and_is_worded_as_a_plan(frame):
    from dashboard.words import sentence

    plans = frame[(frame["kind"] == "admission") & (frame["status"] == "plan")]
    assert len(plans) >= 2  # Shoigu: 1,000 sappers and 5,000 builders
    for _, row in plans.iterrows():
        assert "announced a plan to send" in sentence(row) and "admitted" not in sentence(row)


def test_troops_present_at_a_date_are_told_apart_from_troops_sent(frame):
    from dashboard.gap import latest_estimate

    present = frame[(frame["quantity"] == "deployed") & (frame["measure"] == "present")]
    assert "deployed-rok-nis-2026-02-total" in set(present["id"])  # "about 11,000 are stationed in Kursk"
    assert latest_estimate(frame, "deployed")["measure"] == "total"


def test_no_note_speaks_of_how_the_research_was_done(dataset):
    notes = [n for r in dataset.records for n in [r.notes, *(x.notes for x in r.reports)] if n]
    assert len(notes) > 100
    assert [n for n in notes if RESEARCH_NOTE.search(n)] == []


def test_every_narrow_scope_has_its_evidence(dataset):
    from estimates.claims import names_scope

    narrow = [e for e in dataset.estimates if dataset.scopes[e.scope].within is not None]
    assert len(narrow) > 50
    for claim in narrow:
        assert claim.scope_evidence or any(names_scope(dataset.scopes, claim.scope, r.quote) for r in claim.reports), claim.id


def test_a_reports_own_words_are_said_in_words(frame):
    """An outlet that dropped the claim's hedge says "2,000" where the NIS said "about 2,000";
    one that placed it elsewhere names the place, never an id."""
    claim = frame[frame["id"] == "killed-nis-2025-09"].iloc[0]
    shown = {r.document_id.split("_")[0]: r.how for r in card(claim).reports}
    assert "its words: 2,000;" in shown["266"]  # TRT: "lost 2,000 troops", unhedged
    assert any("its words: in Russia;" in how for how in shown.values())  # Channel A, January 2026
    assert not any("?" in how.split("its words:")[1].split(";")[0] for how in shown.values() if "its words:" in how)
