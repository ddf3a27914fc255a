"""The key numbers readers copy from the first screen: right, with where and when."""

import estimates
from dashboard.gap import latest_estimate
from dashboard.headline import headlines


def test_the_killed_headline_is_nis_own_estimate_not_its_count_of_the_dead_pyongyang_showed():
    """On 2 Sep 2025 NIS estimated about 2,000 killed, and counted about 350 dead shown at North
    Korea's ceremonies (a subset: `counted`). The headline is the estimate, never the subset."""
    frame = estimates.to_frame(estimates.load())
    shown = frame[(frame["id"] == "killed-nis-shown-by-nk-2025-09")].iloc[0]
    assert shown["counted"] and shown["value"] == 350  # the subset is in the data, on the same day
    nis = frame[(frame["estimator"] == "rok-nis") | (frame["kind"] == "admission")]
    killed = {h.quantity: h for h in headlines(nis)}["killed"]
    assert (killed.figure, killed.source) == ("about 2,000", "NIS, 2 Sep 2025")
    assert latest_estimate(nis, "killed")["id"] == "killed-nis-2025-09"
    everyone = {h.quantity: h for h in headlines(frame)}["killed"]
    latest = latest_estimate(frame, "killed")
    assert latest["counted"] is None and everyone.source.startswith(latest["estimator_short"])


def test_troops_sent_is_a_total_sent_never_the_troops_present_at_a_date():
    """NIS's "about 11,000 are stationed in Kursk" (12 Feb 2026) counts troops there then, not
    troops sent so far: the troops-sent key number never takes a figure of troops present."""
    frame = estimates.to_frame(estimates.load())
    present = frame[frame["id"] == "deployed-rok-nis-2026-02-total"].iloc[0]
    assert present["measure"] == "present" and present["value"] == 11000
    deployed = {h.quantity: h for h in headlines(frame)}["deployed"]
    latest = latest_estimate(frame, "deployed")
    assert latest["measure"] == "total" and latest["status"] == "count"
    assert deployed.source.startswith(f"{latest['estimator_short']}, {latest['announced_label']}")


def test_a_headline_for_one_region_says_which():
    frame = estimates.to_frame(estimates.load())
    frame = frame[~((frame["quantity"] == "deployed") & frame["scope"].isin(["war", "russia"]))]
    deployed = {h.quantity: h for h in headlines(frame)}["deployed"]
    latest = latest_estimate(frame, "deployed")
    assert deployed.source.endswith(f"({latest['scope_name'][0].lower()}{latest['scope_name'][1:]})")


def test_the_alt_text_gives_the_same_killed_figure():
    from dashboard.alttext import describe

    frame = estimates.to_frame(estimates.load())
    text = describe(frame[(frame["estimator"] == "rok-nis") | (frame["kind"] == "admission")])
    killed = text.split("Estimates of North Korean soldiers killed ", 1)[1].split(" estimates in all", 1)[0]
    assert "to about 2,000 (NIS, 2 Sep 2025)" in killed and "350" not in killed
