"""The timeline figure: estimates over time, with their uncertainty, against the admissions.

Three panels share the time axis: official admissions (a labelled strip), troops, losses.
- a point per estimate, at the middle of its date's span; the span itself as a faint
  horizontal bar when the date is partial (`Jan 2025`);
- a low-high range as a capped vertical bar; a one-sided bound ("at least", "as many as") as
  a dotted stalk with an arrowhead pointing the way the figure is open;
- plans and forecasts as hollow markers;
- a thin line joining successive estimates by the same estimator for the same quantity and
  scope (the revision trail);
- colour and marker shape both encode the quantity (Okabe-Ito colours, safe for colour-blind
  readers), so neither is needed alone.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from .gap import Gap, admission_gaps
from .vocabulary import (ADMISSION_SIDE as SIDE, ADMISSION_SIDES, ADMITTED_FIGURE, MARK, NARROW_RING, PANEL, PANELS, QUANTITIES, QUANTITY,
                         WIDE_SCOPES)
from .card import reported_by
from .words import plotly_text, sentence

DRAWN_MEASURES = ("total", "present", "flow", "share")
LOG_TICKS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000]
STALK = 1.8  # an open-ended stalk reaches this factor beyond its bound (log scale)
LABEL_LINE = 16  # characters of a label's line
MAX_LEVELS = 6  # rows of admission labels at most; the other statements' stars share one row below them
LEFT_MARGIN_PX = 12  # the y axes' tick labels sit inside the panels; labels may run into the margin (unclipped)


def _scatter(**properties) -> dict:
    """A scatter trace as plain data: the figure is validated once, in the tests (see timeline)."""
    return dict(type="scatter", **properties)


def _middle(start: pd.Timestamp, end: pd.Timestamp) -> pd.Timestamp:
    return start + (end - start) / 2


def _hover(row: pd.Series) -> str:
    if row["kind"] == "admission":
        return plotly_text(sentence(row))
    return plotly_text(sentence(row)) + "<br>" + plotly_text(reported_by(row))


def _segments(pairs: list[tuple]) -> tuple[list, list]:
    xs, ys = [], []
    for (x0, y0), (x1, y1) in pairs:
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    return xs, ys


def _stalk_end(value: float, up: bool, log: bool, span: float) -> float:
    if log:
        return value * STALK if up else value / STALK
    return value + span * 0.08 if up else max(value - span * 0.08, 0)


def _quantity_traces(points: pd.DataFrame, quantity: str, log: bool, span: float, basis: str,
                     show_legend: bool = True) -> list[dict]:
    term = QUANTITY[quantity]
    colour, symbol, name = term.colour, term.symbol, term.label
    start, end = points[f"{basis}_start"], points[f"{basis}_end"]
    x = [_middle(s, e) for s, e in zip(start, end)]
    y = points["value"].where(points["value"].notna(), points["lower"]).where(
        lambda s: s.notna(), points["upper"])
    planned = points["status"] != "count"
    flows = points["measure"] == "flow"  # dotted marker; its bar spans its period
    narrow = ~points["scope"].isin(WIDE_SCOPES)  # one region or unit: ringed
    symbols = [symbol + ("-open" if p else "") + ("-dot" if f and symbol != "hourglass" else "")
               for p, f in zip(planned, flows)]
    traces = [_scatter(
        x=x, y=y, mode="markers", name=name, legendgroup=quantity, showlegend=show_legend,
        marker=dict(color=colour, symbol=symbols, size=11,
                    line=dict(width=[2.5 if n else 1.5 for n in narrow],
                              color=[NARROW_RING if n else colour if p else "white" for n, p in zip(narrow, planned)])),
        customdata=points["id"], hovertext=[_hover(r) for _, r in points.iterrows()], hoverinfo="text",
        meta={"role": "estimates", "quantity": quantity, "narrow": list(points["id"][narrow])},
    )]
    common = dict(legendgroup=quantity, showlegend=False, hoverinfo="skip")
    spans = [((s, v), (e, v)) for s, e, v in zip(start, end, y) if e > s and not math.isnan(v)]
    if spans:
        xs, ys = _segments(spans)
        traces.append(_scatter(x=xs, y=ys, mode="lines", line=dict(color=colour, width=4), opacity=0.25,
                                 meta={"role": "date-spans", "quantity": quantity}, **common))
    ranges = [((m, lo), (m, hi)) for m, lo, hi, ob, oa in
              zip(x, points["lower"], points["upper"], points["open_below"], points["open_above"])
              if not (ob or oa) and not math.isnan(lo) and not math.isnan(hi) and hi > lo]
    if ranges:
        xs, ys = _segments(ranges)
        traces.append(_scatter(x=xs, y=ys, mode="lines+markers", line=dict(color=colour, width=2),
                                 marker=dict(symbol="line-ew", size=10, line=dict(width=2, color=colour)),
                                 meta={"role": "ranges", "quantity": quantity}, **common))
    for direction, flag, bound in (("up", "open_above", "lower"), ("down", "open_below", "upper")):
        rows = [(m, b) for m, b, f in zip(x, points[bound], points[flag]) if f and not math.isnan(b)]
        if not rows:
            continue
        ends = [(m, _stalk_end(b, direction == "up", log, span)) for m, b in rows]
        xs, ys = _segments([((m, b), e) for (m, b), e in zip(rows, ends)])
        traces.append(_scatter(x=xs, y=ys, mode="lines", line=dict(color=colour, width=2, dash="dot"),
                                 meta={"role": f"open-{direction}", "quantity": quantity}, **common))
        traces.append(_scatter(x=[m for m, _ in ends], y=[v for _, v in ends], mode="markers",
                                 marker=dict(symbol=f"triangle-{direction}", size=9, color=colour),
                                 meta={"role": f"open-{direction}-heads", "quantity": quantity}, **common))
    return traces


def _trails(points: pd.DataFrame, basis: str) -> list[dict]:
    """One trace per quantity, joining successive estimates by one estimator of one scope: the
    trails are segments of a single line, separated by gaps (one trace per trail made the
    figure three times as many traces, and its drawing a third slower). `meta["trails"]` says
    which estimator and scope each trail is, in order."""
    traces = []
    numeric = points[points["value"].notna()]
    for quantity, of_quantity in numeric.groupby("quantity"):
        xs, ys, trails = [], [], []
        # one estimator's successive claims of one thing: the same scope, what is counted and measure
        like = of_quantity.assign(counted=of_quantity["counted"].fillna(""))
        for (estimator, scope, _, _), group in like.groupby(["estimator", "scope", "counted", "measure"]):
            if len(group) < 2:
                continue
            group = group.sort_values(f"{basis}_start")
            xs += [_middle(s, e) for s, e in zip(group[f"{basis}_start"], group[f"{basis}_end"])] + [None]
            ys += [*group["value"], None]
            trails.append({"estimator": estimator, "scope": scope, "y": [float(v) for v in group["value"]]})
        if trails:
            traces.append(_scatter(
                x=xs[:-1], y=ys[:-1], mode="lines", line=dict(color=QUANTITY[quantity].colour, width=1), opacity=0.6,
                legendgroup=quantity, showlegend=False, hoverinfo="skip", connectgaps=False,
                meta={"role": "trail", "quantity": quantity, "trails": trails},
            ))
    return traces


def place_labels(x: list[pd.Timestamp], labels: list[str], x_start: pd.Timestamp, x_end: pd.Timestamp,
                 levels: int, plot_px: int, order: list[int] | None = None,
                 char_px: float = 6.6) -> tuple[list[tuple[int, bool]], list[bool]]:
    """(level, label_to_the_left) for each label, and whether it is shown, at the given plot
    width. One pass in `order` (priority first): each label takes the lowest level, and there the
    left side if it can, where it overlaps no label placed before it and stays inside the
    figure; a label with no such place is not shown. Shown labels never collide."""
    day_px = plot_px / max((x_end - x_start).days, 1)
    taken: list[list[tuple[float, float]]] = [[] for _ in range(levels)]
    placed: list[tuple[int, bool]] = [(0, False)] * len(x)
    shown = [False] * len(x)
    for n in order if order is not None else range(len(x)):
        centre = (x[n] - x_start).days * day_px
        width = len(labels[n]) * char_px + 16
        for level in range(levels):
            for left in (True, False):  # the strip's left part is emptier: estimates came first
                extent = (centre - width, centre + 6) if left else (centre - 6, centre + width)
                if extent[1] > plot_px or extent[0] < -LEFT_MARGIN_PX:
                    continue
                if any(min(end, extent[1]) > max(start, extent[0]) for start, end in taken[level]):
                    continue
                taken[level].append(extent)
                placed[n], shown[n] = (level, left), True
                break
            if shown[n]:
                break
    return placed, shown


LABEL_FIRST = ("acknowledges_deaths", "confirms_deployment", "plan_announced")  # labelled before praise and memorials


def label_order(admissions: pd.DataFrame) -> list[int]:
    """Which labels get a place first when not all fit: statements with figures, then those that
    confirm the deployment or the deaths, then the rest; earlier before later."""
    rank = [(0 if has_figure else 1 if kind in LABEL_FIRST else 2, n)
            for n, (has_figure, kind) in enumerate(zip(admissions["value"].notna(), admissions["admission_kind"]))]
    return [n for _, n in sorted(rank)]


def _two_lines(text: str) -> list[str]:
    """A label of more than LABEL_LINE characters on two lines, split at the space nearest its
    middle: a phone has room for labels half as wide."""
    if len(text) <= LABEL_LINE or " " not in text:
        return [text]
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return [text[:cut], text[cut + 1:]]


def _admission_strip(admissions: pd.DataFrame, x_end: pd.Timestamp, x_start: pd.Timestamp,
                     plot_px: int) -> tuple[list[dict], list[pd.Timestamp]]:
    """The strip's traces, and the dates of the labelled statements (drawn as lines through the
    panels). A label left off for lack of room keeps its star and hover text; every statement
    is in the table."""
    admissions = admissions.drop_duplicates("id").sort_values(["announced_start", "id"])
    x = [_middle(s, e) for s, e in zip(admissions["announced_start"], admissions["announced_end"])]
    lines = [_two_lines(text) for text in admissions["label"]]
    labels = [max(pair, key=len) for pair in lines]  # the wider line, for the room it takes
    order = label_order(admissions)
    placement, visible_labels = place_labels(x, labels, x_start, x_end, MAX_LEVELS, plot_px, order)
    shown = {n for n, v in enumerate(visible_labels) if v}
    # the labelled stars stand on rows 1.., each beside its label; the others share row 0, a rug
    placement = [(level + 1, left) if n in shown else (0, False) for n, (level, left) in enumerate(placement)]
    traces = []
    for side in ADMISSION_SIDES:
        mask = (admissions["side"] == side.id).to_numpy()
        if not mask.any():
            continue
        rows = admissions[mask]
        where = [p for p, m in zip(placement, mask) if m]
        visible = [n in shown for n, m in enumerate(mask) if m]
        traces.append(_scatter(
            x=[v for v, m in zip(x, mask) if m], y=[level for level, _ in where], mode="markers+text", name=side.legend,
            text=["<br>".join(map(plotly_text, pair)) if v else ""
                  for pair, v in zip((p for p, m in zip(lines, mask) if m), visible)],
            textposition=["middle left" if left else "middle right" for _, left in where],
            textfont=dict(size=11, color="#222"), cliponaxis=False,
            marker=dict(symbol=side.symbol, size=13, color=side.colour),
            customdata=rows["id"], hovertext=[_hover(r) for _, r in rows.iterrows()], hoverinfo="text",
            meta={"role": "admissions", "side": side.id, "unlabelled": len(x) - len(shown)},
        ))
    return traces, sorted({admissions["announced_start"].iloc[n] for n in shown})


def _admitted_figures(admitted: pd.DataFrame, show_legend: bool) -> dict:
    x = [_middle(s, e) for s, e in zip(admitted["announced_start"], admitted["announced_end"])]
    return _scatter(
        x=x, y=admitted["value"], mode="markers", name=ADMITTED_FIGURE.legend, legendgroup="admitted",
        showlegend=show_legend, cliponaxis=False,
        marker=dict(symbol=ADMITTED_FIGURE.symbol, size=16, line=dict(width=1, color="white"),
                    color=[SIDE[s].colour for s in admitted["side"]]),  # validation: only these sides admit
        customdata=admitted["id"], hovertext=[_hover(r) for _, r in admitted.iterrows()], hoverinfo="text",
        meta={"role": "admitted-figures"},
    )


def _gap_annotation(gap: Gap, row: int) -> dict:
    return dict(
        x=gap.admitted_x, y=math.log10(gap.admitted_value) if gap.log else gap.admitted_value,
        xref=f"x{_suffix(row)}", yref=f"y{_suffix(row)}", text="<br>".join(plotly_text(line) for line in gap.short_lines()),
        showarrow=True, arrowhead=0, ax=-10, ay=-50,
        xanchor="right", align="right", font=dict(size=11), bgcolor="rgba(255,255,255,0.85)",
    )


def _mark_keys(points: pd.DataFrame) -> list[dict]:
    """A grey legend entry for each way of drawing a point that the view uses (a flow's dot, a
    plan's hollow, a narrow scope's ring): the legend explains every kind of mark."""
    present = {"flow": (points["measure"] == "flow").any(), "plan": (points["status"] != "count").any(),
               "narrow": (~points["scope"].isin(WIDE_SCOPES)).any()}
    return [_scatter(x=[None], y=[None], mode="markers", name=MARK[key].legend, legendgroup=f"mark-{key}",
                     hoverinfo="skip", meta={"role": "mark-key", "mark": key},
                     marker=dict(symbol=MARK[key].symbol, size=11, color=MARK[key].colour,
                                 line=dict(width=MARK[key].line_width, color=MARK[key].line)))
            for key, used in present.items() if used]


def _suffix(row: int) -> str:
    return "" if row == 1 else str(row)


PANEL_PX = {"troops": 250, "losses": 290, "shares": 230}  # a data panel's height, never under 220 px
STRIP_LEVEL_PX, STRIP_PAD_PX = 26, 30  # a row of statement labels; the strip is never taller than a data panel
GAP_PX = 38  # between panels: the next panel's title sits in it


def panel_heights(levels: int, panels: tuple[str, ...]) -> dict[str, int]:
    """Each panel's height in pixels: the data panels' fixed, the statements strip as tall as its
    rows of labels need, but never taller than the shortest data panel."""
    data = {p: PANEL_PX[p] for p in panels if p in PANEL_PX}
    return {p: min(STRIP_PAD_PX + STRIP_LEVEL_PX * levels, min(data.values())) if p == "admissions" else data[p]
            for p in panels}


def plot_height(levels: int, panels: tuple[str, ...]) -> int:
    """The pixels the panels and the gaps between them need: the figure adds its margins."""
    return sum(panel_heights(levels, panels).values()) + GAP_PX * (len(panels) - 1)


def _grid(levels: int, panels: tuple[str, ...]) -> dict:
    """The panels' axes (domains, anchors, the shared time axis) and titles, as plain data, each
    panel as tall as `panel_heights` says."""
    heights = panel_heights(levels, panels)
    grid = make_subplots(
        rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=GAP_PX / plot_height(levels, panels),
        row_heights=[heights[p] for p in panels], subplot_titles=[PANEL[p].title for p in panels],
    ).layout.to_plotly_json()
    grid.pop("template", None)
    for title in grid["annotations"]:
        title.update(x=0, xanchor="left", font=dict(size=13, color="#333"))
    return grid


def _template() -> dict:
    """plotly_white as data: an unvalidated figure does not look a template's name up."""
    return pio.templates["plotly_white"].to_plotly_json()


def drawn_estimates(frame: pd.DataFrame) -> pd.DataFrame:
    """The estimates the chart draws as points: totals, flows and shares with a figure, minus
    restatements."""
    estimates = frame[(frame["kind"] == "estimate") & frame["measure"].isin(DRAWN_MEASURES)
                      & ~frame["background"].astype(bool)]
    return estimates[estimates["lower"].notna() | estimates["upper"].notna()]


def not_drawn(frame: pd.DataFrame) -> dict[str, int]:
    """What the chart leaves to the table, by reason (each reason counted once per record)."""
    estimates = frame[frame["kind"] == "estimate"]
    return {
        "without a figure (\"thousands\", \"most of them\")": int((estimates["qualifier"] == "vague").sum()),
        "restated as background in a later article": int(estimates["background"].astype(bool).sum()),
    }


def unvalidated_figure(traces: list[dict], layout: dict) -> go.Figure:
    """The figure, without Plotly's validation of every property (`_validate`, private). Measured
    after the restructure (benchmarks/bench_workarounds.py, CPU time): the default view's figure
    takes 19 ms to make instead of 90 ms, about 9% of the 0.75 s a view the page has not shown
    takes to build (1.09x without it over 15 interleaved rounds). The test suite validates the
    figures of many views instead: tests/test_timeline.py::test_every_figure_is_valid_plotly."""
    return go.Figure(data=traces, layout=layout, _validate=False)


def _x_range(frame: pd.DataFrame, basis: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    admissions = frame[frame["kind"] == "admission"]
    spans = pd.concat([frame[f"{basis}_start"], frame[f"{basis}_end"], admissions["announced_start"],
                       frame["period_start"].dropna(), frame["period_end"].dropna()])
    x_start = (spans.min() if len(spans) else pd.Timestamp("2024-06-01")) - pd.Timedelta(days=30)
    x_end = (spans.max() if len(spans) else pd.Timestamp("2025-12-31")) + pd.Timedelta(days=30)
    return x_start, x_end


def timeline_parts(frame: pd.DataFrame, basis: str = "announced", scale: str = "log", plot_px: int = 330) -> tuple[list[dict], dict]:
    """The timeline of the visible records in `frame` (as returned by `estimates.to_frame`): its
    traces and its layout as plain data, for a caller that adds to the layout before making the
    figure (see unvalidated_figure). `plot_px` is the narrowest expected width of the plotting
    area (a phone, by default): admission labels are kept apart at that width, so they are apart
    at any wider one."""
    log = scale == "log"
    plotted = drawn_estimates(frame)
    flows = plotted["measure"] == "flow"
    if flows.any():  # a flow is drawn over the period it counts, whatever the date basis
        plotted = plotted.copy()
        plotted.loc[flows, f"{basis}_start"] = plotted.loc[flows, "period_start"]
        plotted.loc[flows, f"{basis}_end"] = plotted.loc[flows, "period_end"]
    shares = plotted["measure"] == "share"
    # a panel is drawn when the view holds estimates of its quantities (or none at all): the
    # killed view has no troops panel, that could only say it has nothing to show
    estimated = frame.loc[frame["kind"] == "estimate", "quantity"].dropna()
    quantities = estimated if len(estimated) else frame["quantity"].dropna()  # a view of statements only: theirs
    wanted = {"troops", "losses"} & {QUANTITY[q].panel for q in quantities} or {"troops", "losses"}
    panels = tuple(p.id for p in PANELS if p.id == "admissions" or p.id in wanted or (p.id == "shares" and shares.any()))
    rows = {panel: n for n, panel in enumerate(panels, start=1)}
    admissions = frame[frame["kind"] == "admission"]
    x_start, x_end = _x_range(frame, basis)
    strip, date_lines = _admission_strip(admissions, x_end, x_start, plot_px) if len(admissions) else ([], [])
    levels = max((max(t["y"]) + 1 for t in strip), default=2)  # the rug and the rows of labels
    # Built as plain data: one add_trace or update_layout at a time, Plotly's validation and
    # copying took most of the time it took to build the figure.
    layout = _grid(levels, panels)
    traces: list[tuple[int, dict]] = []
    empty_rows: list[int] = []
    in_legend: set[str] = set()
    for panel in panels[1:]:
        row = rows[panel]
        if panel == "shares":
            points_here = plotted[shares]
        else:
            points_here = plotted[~shares & plotted["quantity"].map(lambda q: QUANTITY[q].panel == panel)]
        panel_log = log and panel != "shares"
        span = float(pd.concat([points_here["lower"], points_here["upper"]]).max() or 1) if len(points_here) else 1.0
        traces += [(row, trace) for trace in _trails(points_here, basis)]
        if points_here.empty:
            empty_rows.append(row)
            layout["annotations"].append(dict(text="No estimates with a figure in this view", showarrow=False,
                                              xref=f"x{_suffix(row)} domain", yref=f"y{_suffix(row)} domain",
                                              x=0.5, y=0.5, font=dict(size=12, color="#777")))
        for term in QUANTITIES:
            points = points_here[points_here["quantity"] == term.id]
            if len(points):
                traces += [(row, trace) for trace in _quantity_traces(points, term.id, panel_log, span, basis,
                                                                      show_legend=term.id not in in_legend)]
                in_legend.add(term.id)
    traces += [(rows["admissions"], trace) for trace in strip]
    admitted = admissions[admissions["value"].notna() & (admissions["status"] == "count")]  # a plan is no count
    for panel in ("troops", "losses"):  # each admitted figure on its quantity's panel
        if panel not in rows:
            continue
        on_panel = admitted[admitted["quantity"].map(lambda q: QUANTITY[q].panel == panel)]
        if len(on_panel):
            first = not any(t.get("meta", {}).get("role") == "admitted-figures" for _, t in traces)
            traces.append((rows[panel], _admitted_figures(on_panel, show_legend=first)))
    traces += [(rows[panels[1]], trace) for trace in _mark_keys(plotted)]  # legend entries, on the first data panel
    layout["annotations"] += [_gap_annotation(gap, rows[QUANTITY[gap.quantity].panel])
                              for gap in admission_gaps(frame, log=log) if QUANTITY[gap.quantity].panel in rows]
    for row, trace in traces:
        trace.update(xaxis=f"x{_suffix(row)}", yaxis=f"y{_suffix(row)}")

    scale_axis = dict(type="log", tickvals=LOG_TICKS, ticktext=[f"{t:,}" for t in LOG_TICKS]) if log else \
        dict(type="linear", rangemode="tozero", tickformat=",d")
    share_axis = dict(type="linear", range=[0, 1.05], tickvals=[0, 0.25, 0.5, 0.75, 1], tickformat=".0%")
    for panel, row in rows.items():
        # The margins are set to fit: automargin would make the browser measure and draw the
        # figure twice. Tick labels sit inside the panels, so the plot spans the whole width.
        # ticks every six months, fixed: the pre-rendered picture and the live chart label alike
        layout[f"xaxis{_suffix(row)}"].update(range=[x_start, x_end], gridcolor="#eeeeee", showline=True,
                                               linecolor="#999", automargin=False, dtick="M6", tick0="2024-01-01",
                                               tickformat="%b %Y")
        layout[f"yaxis{_suffix(row)}"].update(automargin=False, **(
            dict(visible=False, range=[-0.6, levels - 0.4], fixedrange=True) if panel == "admissions" else
            dict(share_axis if panel == "shares" else scale_axis, gridcolor="#e5e5e5", ticklabelposition="inside",
                 tickfont=dict(size=11, color="#555"),
                 **(dict(showticklabels=False, showgrid=False) if row in empty_rows else {}))))  # nothing to read
    layout.update(
        shapes=[  # one faint line per labelled admission's date through all panels
            dict(type="line", xref=f"x{_suffix(row)}", yref=f"y{_suffix(row)} domain", x0=x, x1=x, y0=0, y1=1,
                 line=dict(color="#bbbbbb", width=1, dash="dot"), layer="below")
            for x in date_lines for row in rows.values()],
        height=plot_height(levels, panels) + 80, template=_template(), hovermode="closest", dragmode="pan",
        margin=dict(l=LEFT_MARGIN_PX, r=12, t=40, b=40), font=dict(size=13),
        legend=dict(orientation="h", yanchor="top", y=-0.06, xanchor="left", x=0),
        meta={"panels": list(panels), "plot_px": plot_height(levels, panels),
              "panel_px": panel_heights(levels, panels)},
    )
    return [trace for _, trace in traces], layout
