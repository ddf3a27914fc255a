"""The key numbers and the who-says-what table readers copy from the first screen, checked
against questions answered by hand from the records (the ids below were read off the data)."""

import pytest

import estimates
from dashboard.alttext import describe
from dashboard.headline import key_numbers
from dashboard.whosays import who_says_what, wide


@pytest.fixture(scope="module")
def frame():
    return estimates.to_frame(estimates.load())


@pytest.fixture(scope="module")
def keys(frame):
    return {k.key.id: k for k in key_numbers(frame)}


@pytest.fixture(scope="module")
def table(frame):
    return who_says_what(frame)


def cell(table, estimator: str, question: str) -> list[str]:
    rows = table[(table["estimator"] == estimator) & (table["question"] == question)]
    return list(rows["claim"])


def ids(claims) -> set[str]:
    return {c.id for c in claims}


def test_nis_latest_killed_estimate(keys, table):
    """By hand: NIS said about 2,000 killed on 2 Sep 2025 (killed-nis-2025-09). The same day it
    counted about 350 dead North Korea showed (killed-nis-shown-by-nk-2025-09): a subset, never
    the answer."""
    assert cell(table, "rok-nis", "Killed") == ["killed-nis-2025-09"]
    assert "killed-nis-2025-09" in ids(keys["killed"].low + keys["killed"].high)
    assert "killed-nis-shown-by-nk-2025-09" not in set(table["claim"])


def test_the_latest_north_korean_admission_of_deaths(keys, table):
    """By hand: Kim Jong Un said nine of the engineer regiment died (12-13 Dec 2025)."""
    assert cell(table, "north_korea", "Killed") == ["kim-nine-engineers-died-2025-12"]
    official = keys["killed"].admission
    assert official.id == "kim-nine-engineers-died-2025-12" and official.figure == "9"
    assert "engineer regiment" in keys["killed"].official  # where it applies, said beside it


def test_hurs_latest_troop_figure(keys, table):
    """By hand: HUR said at least 8,000 North Korean soldiers remain in Kursk (11 Feb 2026):
    troops there then, not troops sent so far."""
    assert cell(table, "ua-hur", "Troops there now") == ["deployed-ua-hur-2026-02"]
    assert cell(table, "ua-hur", "Troops sent so far") == []
    assert [c.id for c in keys["present"].low] == ["deployed-ua-hur-2026-02"]


def test_the_range_of_the_latest_killed_or_wounded_claims(keys):
    """By hand: in the six months to NIS's about 6,000 (12 Feb 2026), HUR's latest was about
    5,000 (Aug 2025). The NIS's 40% share of the same day is a share, not a count."""
    killed_or_wounded = keys["killed_or_wounded"]
    assert ids(killed_or_wounded.low) == {"killed-or-wounded-ua-hur-2025-08"}
    assert ids(killed_or_wounded.high) == {"killed-or-wounded-rok-nis-2026-02"}
    assert killed_or_wounded.figure == "about 5,000 to about 6,000"


def test_troops_sent_so_far_shows_a_tie_at_an_end_in_full(keys):
    """By hand: the JCS's about 11,000 (27 Mar 2025) and the MSMT's 11,000 (29 May 2025) tie at
    the low end; NIS's at least 13,000 (2 Sep 2025) is the high end. Both tied claims are shown."""
    sent = keys["sent"]
    assert ids(sent.low) == {"deployed-rok-jcs-2025-03", "deployed-msmt-2025-05"}
    assert ids(sent.high) == {"deployed-nis-2025-09-polskieradio"}
    assert "JCS" in sent.sources and "MSMT" in sent.sources


def test_the_killed_range_never_holds_a_subset_a_plan_or_a_restatement(frame, keys):
    ends = ids(keys["killed"].low + keys["killed"].high)
    rows = frame.set_index("id").loc[sorted(ends)]
    assert rows["counted"].isna().all() and (rows["status"] == "count").all() and not rows["background"].any()
    assert keys["killed"].figure == "about 2,000 to at least 6,000"


def test_the_who_says_what_table_has_a_row_per_estimator_and_the_officials_last(table):
    grid = wide(table)
    assert list(grid.index[-2:]) == ["North Korea (official statements)", "Russia (official statements)"]
    assert not grid.index.duplicated().any()
    assert list(grid.columns)[:3] == ["Troops sent so far", "Troops there now", "Killed"]


def test_the_alt_text_gives_nis_killed_figure_not_its_subset(frame):
    text = describe(frame[(frame["estimator"] == "rok-nis") | (frame["kind"] == "admission")])
    killed = text.split("Estimates of North Korean soldiers killed ", 1)[1].split(" estimates in all", 1)[0]
    assert "to about 2,000 (NIS, 2 Sep 2025)" in killed and "350" not in killed
