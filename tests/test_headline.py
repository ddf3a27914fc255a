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
    killed = {h.quantity: h for h in headlines(frame)}["killed"]
    assert (killed.figure, killed.source) == ("about 2,000", "NIS (via South Korean lawmakers, Agence France-Presse), 2 Sep 2025")
    assert latest_estimate(frame, "killed")["id"] == "killed-nis-2025-09"


def test_a_headline_for_one_region_says_which():
    frame = estimates.to_frame(estimates.load())
    deployed = {h.quantity: h for h in headlines(frame)}["deployed"]
    assert deployed.source.endswith("12 Feb 2026 (in Russia's Kursk region)")


def test_the_alt_text_gives_the_same_killed_figure():
    from dashboard.alttext import describe

    text = describe(estimates.to_frame(estimates.load()))
    killed = text.split("Estimates of North Korean soldiers killed ", 1)[1].split(" estimates in all", 1)[0]
    assert "to about 2,000 (NIS, 2 Sep 2025)" in killed and "350" not in killed
