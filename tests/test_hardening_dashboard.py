"""Issue 19, the dashboard's items 13 and 8: text from the data shows as typed in every chart's
hover (no `&quot;`), and the records table's own CSV download is as safe as the app's buttons."""

from __future__ import annotations

import json
from datetime import date

import pytest

import estimates
from dashboard.export.formats import html_page
from dashboard.figures import compose
from dashboard.view import View

QUOTED = 'The "Ministry" <b>of</b> R&D\'s office'
SHOWN = 'The "Ministry" &lt;b&gt;of&lt;/b&gt; R&amp;D\'s office'  # what plotly.js reads: tags inert, quotes as typed


@pytest.fixture(scope="module")
def data(seed_articles_dir):
    dataset = estimates.load(data_dir=seed_articles_dir)
    return dataset, estimates.to_frame(dataset)


def named(frame, text):
    frame = frame.copy()
    for column in ("estimator_name", "estimator_short"):
        frame[column] = text
    return frame


def hovers(figure) -> list[str]:
    return [h for trace in figure.data for h in (trace.hovertext or []) if h]


def test_a_straight_quote_shows_as_typed_in_every_hover_and_label(data):
    dataset, frame = data
    figure = compose(named(frame, QUOTED), View(), version=dataset.version, made_on=date(2026, 12, 1),
                     link="http://localhost:8501/")
    shown = hovers(figure)
    assert len(shown) >= 20 and all(h.startswith(SHOWN) for h in shown), shown[:3]
    footer = next(a.text for a in figure.layout.annotations if a.name == "footer")
    assert SHOWN in footer
    labels = [t for trace in figure.data if trace.mode == "markers+text" for t in trace.text if t]
    assert labels and all("&quot;" not in t and "&#x27;" not in t for t in labels)
    page = html_page(figure, "alt").decode()  # the HTML snapshot and the static site's charts
    spec = json.loads(figure.to_json())
    assert "&quot;" not in json.dumps(spec) and "&#x27;" not in json.dumps(spec)
    assert '"hovertext":["The \\"Ministry\\" &lt;b&gt;of' in page and "&amp;quot;" not in page


FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(1)", "\tx", "\rx"]


@pytest.mark.parametrize("text", FORMULAS, ids=range(len(FORMULAS)))
def test_the_records_tables_own_csv_download_carries_no_formula(data, text):
    """st.dataframe's toolbar writes the cells it was given: every text cell is made inert first,
    with the `'` the app's own CSV buttons put before a formula."""
    from dashboard.app import ui

    _, frame = data
    poisoned = frame.assign(estimator_short=text, relayed_by_names=text, quotes=[[text] for _ in range(len(frame))])
    table = ui.table(poisoned)
    for column in ("Estimator", "Relayed by", "Quote"):
        assert (table[column] == "'" + text).all(), column
    cells = [v for column in table.columns for v in table[column] if isinstance(v, str)]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert table["Value"].dtype == ui.table(frame)["Value"].dtype  # figures stay numbers
