"""Hostile text in any field shows as inert text everywhere, or is refused at validation."""

import csv
import html
import io
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import estimates
from dashboard.app import ui
from dashboard.alttext import describe
from dashboard.card import card
from dashboard.export.formats import html_page
from dashboard.figures import compose
from dashboard.view import View
from estimates.export import inert_cell, to_csv

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>click</a>",
    "[click](javascript:alert(1)) ![x](http://127.0.0.1:9/x.png)",
    "**bold** _it_ `code` # heading :red[colour] $x^2$",
    "=HYPERLINK(\"http://evil\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "&lt;script&gt; &amp; &#x3C;",
    "Ünïcödé 北朝鮮 مرحبا",
    "x" * 10_000,
]
INVISIBLE = ["abc\u202edcba", "zero\u200bwidth", "bom\ufeff", "bell\x07"]
TEXT_COLUMNS = ["estimator_name", "notes", "scope_name", "relayed_by_names"]


@pytest.fixture(scope="module")
def data(seed_articles_dir):
    """The seed articles' records: every kind of row (estimates, admissions with figures, relays),
    few enough that each fuzzed text is checked in a few milliseconds, not a whole chart's time."""
    dataset = estimates.load(data_dir=seed_articles_dir)
    return dataset, estimates.to_frame(dataset)


def poisoned(frame, text):
    frame = frame.copy()
    for column in TEXT_COLUMNS:
        frame[column] = text
    frame["estimator_short"] = text[:40]
    frame["quotes"] = [[text] for _ in range(len(frame))]
    frame["reports"] = [[dict(c, quote=text, outlet=text, headline=text) for c in cs] for cs in frame["reports"]]
    frame.loc[frame["kind"] == "admission", "label"] = text[:32]
    return frame


def markup_in(value: str) -> list[str]:
    """Tags in a Plotly text other than the <br> we put there ourselves."""
    return [t for t in re.findall(r"<[a-zA-Z/!][^>]*>", value) if t != "<br>"]


def check_everywhere(dataset, frame, text):
    bad = poisoned(frame, text)
    figure = compose(bad, View(), version=dataset.version, made_on=date(2026, 11, 22), link="http://localhost:8501/")
    for trace in figure.data:
        for field in ("hovertext", "text"):
            values = getattr(trace, field)
            for value in ([values] if isinstance(values, str) else values or []):
                assert not markup_in(str(value)), (field, value)
    for annotation in figure.layout.annotations:
        assert not markup_in(annotation.text)
    assert not markup_in(figure.layout.title.text) and not markup_in(figure.layout.title.subtitle.text)
    for _, row in bad.head(3).iterrows():
        content = card(row)  # rendered with st.text: the words stay as they are
        assert text in [q.quote for q in content.reports]
    table = ui.table(bad)
    assert (table["Quote"] == inert_cell(text)).all()  # drawn as text; a formula made inert for the toolbar's CSV
    alt = describe(bad)
    page = html_page(figure, alt).decode()
    assert html.escape(alt) in page  # the alt text is escaped in the standalone HTML
    if markup_in(text):
        assert text not in page
    rows = list(csv.reader(io.StringIO(to_csv(bad))))
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for row in rows[1:] for cell in row)


@pytest.mark.slow  # composes the shared figure and its HTML page for each text
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_inert_in_chart_footer_card_table_alt_text_html_and_csv(data, text):
    check_everywhere(*data, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=200))
def test_any_text_is_inert(data, text):
    check_everywhere(*data, text)


@pytest.mark.parametrize("text", INVISIBLE)
def test_invisible_and_direction_characters_are_refused_at_validation(tmp_path, fixtures, text):
    record = (fixtures / "valid.yaml").read_text() + f"    notes: \"{text.encode('unicode_escape').decode()}\"\n"
    path = tmp_path / "hostile.yaml"
    path.write_text(record)
    problems = estimates.load([path]).problems
    assert [(p.line, p.field) for p in problems] == [(15, "fixture-killed.notes")]
    assert "invisible character U+" in problems[0].message and "delete it" in problems[0].message


@pytest.mark.parametrize("text", [t for t in HOSTILE if len(t) < 10_000])
def test_markup_in_a_record_is_accepted_and_kept_verbatim(tmp_path, fixtures, text):
    path = tmp_path / "markup.yaml"
    path.write_text((fixtures / "valid.yaml").read_text() + f"    notes: {html.escape(repr(text))!s}\n"
                    .replace(html.escape(repr(text)), "'" + text.replace("'", "''") + "'"))
    dataset = estimates.load([path])
    assert dataset.problems == []
    assert next(e for e in dataset.estimates if e.id == "fixture-killed").notes == text
