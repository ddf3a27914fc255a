"""The timeline figure, asserted on its traces: what a reader would see."""

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

import estimates
from conftest import FIXTURES
from dashboard.gap import admission_gaps
from dashboard.figures import compose
from dashboard.timeline import STALK, place_labels, timeline_parts, unvalidated_figure
from dashboard.view import View, apply, query_string


@pytest.fixture(scope="module")
def frame(seed_articles_dir):
    return estimates.to_frame(estimates.load(data_dir=seed_articles_dir))


@pytest.fixture(scope="module")
def with_revisions(seed_articles_dir):
    return estimates.to_frame(estimates.load([FIXTURES / "dashboard" / "revisions.yaml"], data_dir=seed_articles_dir))


def timeline(frame, **options):
    """The timeline as a Plotly figure, as the app and the snapshots build it."""
    return unvalidated_figure(*timeline_parts(frame, **options))


def traces(figure, role, **meta):
    return [t for t in figure.data if t.meta and t.meta.get("role") == role
            and all(t.meta.get(k) == v for k, v in meta.items())]


def trails(figure, estimator, quantity):
    """The trails of one estimator's estimates of one quantity (one per scope)."""
    return [t for trace in traces(figure, "trail", quantity=quantity) for t in trace.meta["trails"]
            if t["estimator"] == estimator]


def segments(trace):
    """[(x0, y0, x1, y1), ...] from a trace drawn as segments separated by None."""
    xs, ys, out = list(trace.x), list(trace.y), []
    for i in range(0, len(xs), 3):
        out.append((xs[i], ys[i], xs[i + 1], ys[i + 1]))
    return out


def test_troops_and_losses_sit_on_their_own_panels(frame):
    figure = timeline(frame)
    axes = {t.meta["quantity"]: t.yaxis for t in traces(figure, "estimates")}
    assert axes["deployed"] == axes["reinforcements"] == "y2"
    assert axes["killed"] == axes["wounded"] == axes["killed_or_wounded"] == axes["captured"] == "y3"


def test_each_estimate_with_a_number_is_one_point(frame):
    figure = timeline(frame)
    ids = [i for t in traces(figure, "estimates") for i in t.customdata]
    numeric = frame[(frame["kind"] == "estimate") & (frame["lower"].notna() | frame["upper"].notna())]
    fresh = numeric[(numeric["measure"] != "share") & ~numeric["background"]]
    assert sorted(ids) == sorted(fresh["id"])
    assert "killed-us-ua-kr-officials-since-2024-fall" not in ids  # vague: no invented point
    assert "deployed-kr-west-intelligence-2025-08" not in ids  # a restatement is not a fresh estimate


def test_at_least_is_an_open_mark_pointing_up_not_a_bar(frame):
    figure = timeline(frame)
    [stalk] = traces(figure, "open-up", quantity="killed")
    [(x0, y0, x1, y1)] = segments(stalk)
    assert (y0, y1) == (300, pytest.approx(300 * STALK)) and x0 == x1
    assert stalk.line.dash == "dot"
    [heads] = traces(figure, "open-up-heads", quantity="killed")
    assert heads.marker.symbol == "triangle-up"
    assert not traces(figure, "ranges", quantity="killed")


def test_as_many_as_points_down(with_revisions):
    [stalk] = traces(timeline(with_revisions), "open-down", quantity="deployed")
    [(_, y0, _, y1)] = segments(stalk)
    assert y0 == 12000 and y1 == pytest.approx(12000 / STALK)


def test_a_range_is_a_bar_from_low_to_high(with_revisions):
    [bar] = traces(timeline(with_revisions), "ranges", quantity="wounded")
    [(x0, y0, x1, y1)] = segments(bar)
    assert (y0, y1) == (2000, 3000) and x0 == x1


def test_a_partial_date_shows_its_span(frame):
    figure = timeline(frame)
    [spans] = traces(figure, "date-spans", quantity="killed")
    nis = (pd.Timestamp("2025-01-01"), 300, pd.Timestamp("2025-01-31"), 300)
    assert nis in segments(spans)


def test_successive_estimates_by_one_estimator_are_joined(with_revisions, frame):
    [trail] = trails(timeline(frame), "rok-nis", "killed")
    assert trail["y"] == [300, 600]  # NIS: at least 300 in January 2025, about 600 in April
    [trail] = trails(timeline(with_revisions), "rok-nis", "killed")
    assert trail["y"] == [300, 600, 600]  # a background restatement is never drawn, so never on a trail
    independent = apply(with_revisions, View(independent_only=True))
    [trail] = trails(timeline(independent), "rok-nis", "killed")
    assert trail["y"] == [300, 600, 600]


def test_a_trail_never_joins_a_count_of_a_subset_to_the_whole(frame):
    """NIS's about 2,000 killed and its count of the about 350 dead North Korea showed are two
    things: joined, they would read as NIS cutting its estimate."""
    subset = frame.copy()
    subset.loc[subset["id"] == "killed-rok-intelligence-2025-04", "counted"] = "dead shown at ceremonies"
    assert not trails(timeline(subset), "rok-nis", "killed")


def test_plans_are_hollow(with_revisions):
    [points] = traces(timeline(with_revisions), "estimates", quantity="reinforcements")
    symbols = dict(zip(points.customdata, points.marker.symbol))
    assert symbols["test-reinforcements-plan"] == "square-open"
    assert symbols["reinforcements-rok-military-2025"] == "square-dot"  # a flow: dotted, over its period


def test_a_flow_is_drawn_over_the_period_it_counts(frame):
    [points] = traces(timeline(frame), "estimates", quantity="reinforcements")
    x = dict(zip(points.customdata, points.x))["reinforcements-rok-military-2025"]
    assert pd.Timestamp("2025-01-01") < x < pd.Timestamp("2025-04-28")  # the middle of "earlier this year"
    [bar] = traces(timeline(frame), "date-spans", quantity="reinforcements")
    assert segments(bar)[0][0] == pd.Timestamp("2025-01-01") and segments(bar)[0][2] == pd.Timestamp("2025-04-28")


def test_every_admission_is_a_labelled_marker(frame):
    figure = timeline(frame)
    markers = traces(figure, "admissions")
    ids = [i for t in markers for i in t.customdata]
    assert sorted(ids) == sorted(frame.loc[frame["kind"] == "admission", "id"])
    labels = [text.replace("<br>", " ") for t in markers for text in t.text]
    assert "Kim: nine engineers died" in labels and "North Korea confirms deployment" in labels
    assert {t.name for t in markers} == {"North Korea said", "Russia said", "Both said"}
    assert len({t.marker.symbol for t in markers}) == len(markers)  # a distinct symbol for each


def test_admitted_figures_stand_on_the_losses_panel(frame):
    [admitted] = traces(timeline(frame), "admitted-figures")
    assert admitted.yaxis == "y3"
    assert list(admitted.y) == [9] and list(admitted.customdata) == ["kim-nine-engineers-died-2025-12"]


def test_no_gap_is_drawn_between_figures_of_different_scopes(frame):
    # the 9 dead of one engineer regiment and NIS's war-wide losses do not compare
    assert admission_gaps(frame) == []


def test_the_gap_is_the_latest_independent_estimate_over_the_admitted_figure(frame):
    like = frame.copy()
    like.loc[like["id"] == "killed-rok-intelligence-2025-04", "scope"] = "engineer-regiment"
    like.loc[like["id"] == "killed-rok-intelligence-2025-04", "scope_name"] = "The engineer regiment"
    frame = like
    [gap] = admission_gaps(frame)
    assert gap.estimate_id == "killed-rok-intelligence-2025-04"
    assert gap.ratio == pytest.approx(600 / 9)
    assert gap.caption() == ("Latest estimate: about 600 killed (NIS, Apr 2025), 67× the 9 admitted for the "
                             "engineer regiment sent to demine the Kursk region")
    annotations = [a.text for a in timeline(frame).layout.annotations]
    assert "Latest estimate, about 600 killed,<br>is 67× the 9 admitted" in annotations


def test_log_and_linear_scales(frame):
    assert timeline(frame, scale="log").layout.yaxis2.type == "log"
    assert timeline(frame, scale="linear").layout.yaxis3.type == "linear"


def test_hover_text_is_plain_words(frame):
    figure = timeline(frame)
    hover = {i: h for t in traces(figure, "estimates") for i, h in zip(t.customdata, t.hovertext)}
    assert hover["killed-nis-2025-01"] == ("NIS: at least 300 killed, announced Jan 2025<br>"
                                           "reported by 1 outlet: The Epoch Times")
    assert hover["deployed-us-dod-2024-11"].startswith(
        "Pentagon: about 10,000 troops sent (in Russia's Kursk region), announced Nov 2024<br>reported by ")


def test_data_text_is_escaped_in_the_chart(frame):
    hostile = frame.copy()
    hostile.loc[hostile["id"] == "killed-nis-2025-01", "estimator_short"] = "<img src=x onerror=alert(1)>"
    hover = [h for t in traces(timeline(hostile), "estimates") for h in t.hovertext]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in h for h in hover)
    assert not any("<img" in h for h in hover)


def test_as_of_basis_moves_points_to_the_date_they_refer_to(frame):
    moved = frame.copy()
    moved.loc[moved["id"] == "deployed-us-dod-2024-11", ["as_of_start", "as_of_end"]] = [pd.Timestamp("2024-10-01")] * 2
    [points] = traces(timeline(moved, basis="as_of"), "estimates", quantity="deployed")
    assert dict(zip(points.customdata, points.x))["deployed-us-dod-2024-11"] == pd.Timestamp("2024-10-01")
    [points] = traces(timeline(moved, basis="announced"), "estimates", quantity="deployed")
    assert dict(zip(points.customdata, points.x))["deployed-us-dod-2024-11"].month == 11


def test_admission_labels_are_kept_apart_at_the_expected_width(frame):
    x = [pd.Timestamp("2025-04-28")] * 3
    placed, shown = place_labels(x, ["a long label here"] * 3, x[0] - pd.Timedelta(days=30),
                                 x[0] + pd.Timedelta(days=30), levels=2, plot_px=300, order=[2, 0, 1])
    assert shown == [True, False, True]  # three labels on one day cannot share two rows: the last in order waits
    assert {placed[2][0], placed[0][0]} == {0, 1}  # one per row


def test_when_labels_cannot_all_fit_the_statements_with_figures_keep_theirs(frame):
    admissions = frame[frame["kind"] == "admission"]
    later = pd.Timedelta(days=9)
    crowded = pd.concat([frame] + [admissions.assign(id=admissions["id"] + f"-copy{n}",
                                                     announced_start=admissions["announced_start"] + n * later,
                                                     announced_end=admissions["announced_end"] + n * later)
                                   for n in range(1, 5)])
    markers = traces(timeline(crowded), "admissions")
    unlabelled = markers[0].meta["unlabelled"]
    assert unlabelled > 0 and sum(1 for t in markers for text in t.text if not text) == unlabelled
    labelled = {i for t in markers for i, text in zip(t.customdata, t.text) if text}
    assert "kim-nine-engineers-died-2025-12" in labelled  # the one with a figure
    assert len({i for t in markers for i in t.customdata}) == len(crowded[crowded["kind"] == "admission"])


def test_an_empty_view_still_draws(frame):
    figure = timeline(frame.iloc[0:0])
    assert not traces(figure, "estimates") and math.isfinite(figure.layout.height)


VIEWS = [View(), View(scale="linear"), View(basis="as_of"), View(quantities=("killed",)),
         View(quantities=("deployed", "reinforcements")), View(quantities=()), View(kinds=("intelligence_agency",)),
         View(start=pd.Timestamp("2025-05-01").date())]


@pytest.mark.slow  # plotly's full validation of every view's figure
@pytest.mark.parametrize("view", VIEWS, ids=lambda v: query_string(v) or "default")
def test_every_figure_is_valid_plotly(view, frame):
    """The app builds its figures without Plotly's validation (for speed): validate them here.
    A misspelt property, or a value of the wrong type, raises in go.Figure."""
    dataset = estimates.load()
    figure = compose(apply(frame, view), view, version=dataset.version, made_on=pd.Timestamp("2026-11-22").date(),
                     link="http://localhost:8501/", wrap=60)
    validated = go.Figure(figure.to_dict())
    assert len(validated.data) == len(figure.data) > 0


def test_validation_catches_a_bad_property(frame):
    spec = timeline(frame).to_dict()
    spec["data"][0]["marker"]["sise"] = 11  # a typo the unvalidated figure would carry to the browser
    with pytest.raises(ValueError, match="sise"):
        go.Figure(spec)


def test_the_figure_carries_its_template_as_data(frame):
    """plotly.js knows no template names: the figure must carry plotly_white itself."""
    template = timeline(frame).to_dict()["layout"]["template"]
    assert template["layout"]["plot_bgcolor"] == "white" and "scatter" in template["data"]


def test_a_card_lists_every_report_earliest_first_with_its_own_words(frame):
    from dashboard.card import card

    claim = frame[frame["id"] == "deployed-us-ua-kr-officials-since-2024-fall"].iloc[0]
    shown = card(claim)
    assert [r.document_id for r in shown.reports] == [r["document"] for r in claim["reports"]]
    assert len(shown.reports) == 2 and dict(shown.facts)["Reports"].startswith("Reported by 2 outlets: ")
    later = shown.reports[1]
    assert "attributed to International intelligence reports" in later.how and "as many as 12,000" in later.how
    assert "its words" not in shown.reports[0].how  # the first says what the claim says


def test_the_trails_of_a_quantity_are_one_line_with_gaps(with_revisions):
    [line] = traces(timeline(with_revisions), "trail", quantity="killed")
    drawn = [y for y in line.y]
    expected = [y for t in line.meta["trails"] for y in [*t["y"], None]][:-1]
    assert drawn == expected and line.connectgaps is False


def test_the_statements_strip_draws_every_side_that_may_admit(frame):
    """Validation lets North Korea, Russia or both make an admission; each has its own stars, and
    an admitted figure is coloured by its own side."""
    from estimates.models import ADMITTING_SIDES
    from dashboard.vocabulary import SIDE

    admissions = frame[frame["kind"] == "admission"].drop_duplicates("id").head(len(ADMITTING_SIDES)).copy()
    assert len(admissions) == len(ADMITTING_SIDES)
    admissions["side"] = list(ADMITTING_SIDES)
    figure = timeline(pd.concat([frame[frame["kind"] != "admission"], admissions]))
    drawn = {t.meta["side"]: list(t.customdata) for t in traces(figure, "admissions")}
    assert drawn == {side: [record] for side, record in zip(ADMITTING_SIDES, admissions["id"])}
    for side in ADMITTING_SIDES:
        trace = traces(figure, "admissions", side=side)[0]
        assert (trace.name, trace.marker.symbol, trace.marker.color) == (SIDE[side].legend, SIDE[side].symbol,
                                                                          SIDE[side].colour)
