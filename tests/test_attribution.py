"""Lines a journalist can paste: each claim, and each key number, as a sentence with its link,
built from the record: originator, relay, a verb fitting what was said, where and when."""

import pytest

import estimates
from dashboard.attribution import attribution, key_sentence
from dashboard.headline import key_numbers


@pytest.fixture(scope="module")
def frame():
    return estimates.to_frame(estimates.load())


def row(frame, record_id: str, part: int = 1):
    return frame[(frame["id"] == record_id) & (frame["part"] == part)].iloc[0]


def test_an_estimate_reads_as_estimated_with_its_relay_date_and_first_report(frame):
    claim = row(frame, "killed-nis-2025-09")
    text = attribution(claim, "https://tracker.example/?record=killed-nis-2025-09")
    first = claim["reports"][0]
    assert text == (f"National Intelligence Service (South Korea) estimated that about 2,000 North Korean soldiers had "
                    f"been killed, according to South Korean lawmakers, on 2 Sep 2025 (reported by {first['outlet']}: "
                    f"{first['url']}).")


def test_a_plan_is_worded_as_a_plan(frame):
    text = attribution(row(frame, "russia-shoigu-sappers-2025-06-17", 1))
    assert "announced a plan to send 1,000 troops (sappers)" in text and "admitted" not in text


def test_an_admission_reads_as_said_and_troops_present_as_present(frame):
    assert attribution(row(frame, "kim-nine-engineers-died-2025-12")).startswith(
        "Kim Jong Un, leader of North Korea, said that 9 North Korean soldiers had been killed (the engineer regiment")
    assert "troops were present (in Russia's Kursk region)" in attribution(row(frame, "deployed-ua-hur-2026-02"))


def test_a_statement_without_a_figure_never_puts_the_chart_label_in_its_makers_mouth(frame):
    statement = frame[(frame["kind"] == "admission") & frame["value"].isna()].iloc[0]
    text = attribution(statement, "https://tracker.example/")
    assert "made a statement" in text and "in the tracker's words" in text


def test_a_key_number_reads_as_a_range_with_who_said_each_end(frame):
    killed = {k.key.id: k for k in key_numbers(frame)}["killed"]
    assert key_sentence(killed, "https://tracker.example/") == (
        "The latest published estimates of North Korean soldiers killed range from about 2,000 (NIS, 2 Sep 2025) "
        "to at least 6,000 (Ukrainian MFA, 27 Feb 2026), according to the tracker of published estimates "
        "(https://tracker.example/).")
