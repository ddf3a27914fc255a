"""500 generated query strings: the URL parser never raises, names in a notice whatever it could
not use, and gives a view that its own link reopens exactly. A sample of them goes through the
real app (AppTest): no exception, the chart drawn, the notices shown as the parser wrote them.

The keys and the good values come from the filter table (`FILTERS`), so a new filter is fuzzed
the day it is added. The data is the five seed articles' records: what is fuzzed is the link,
not the size of the dataset."""

import random
import string
from urllib.parse import parse_qs, quote

import pytest
from streamlit.testing.v1 import AppTest

import estimates
from conftest import ROOT
from dashboard.app.data import DATA_DIR_VARIABLE
from dashboard.view import DEFAULT, FILTERS, Filter, choices, parse_query, to_query
from dashboard.words import code_span

N_QUERIES = 500
N_THROUGH_THE_APP = 12  # each AppTest run takes about a second; the parser is fuzzed on all of them
KEYS = [row.key for row in FILTERS]
ODD = ["", " ", "%", "%%", "%ZZ", "%00", "\x00", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd",
       "killed%2Cwounded", "KILLED", "2025-13-45", "9999-01-01", "-1", "1e309", "NaN", "null", "[]", "{}",
       "☃", "\u202etxet", "\u200b", "a" * 5000, "2025-01-01T00:00:00", "true false", "+", "&", "=", "#"]


def good_values(row: Filter, frame) -> list[str]:
    """Values a link may carry for this row: its options (fixed, or from the data), or for a date
    or a toggle, the forms the parser reads."""
    if row.widget == "date":
        return ["2025-01-01", "2024-06-30", "2025-12-31"]
    if row.widget == "toggle":
        return ["1", "0", "true", "off"]
    return sorted(choices(row, frame))


@pytest.fixture(scope="module")
def frame(seed_articles_dir):
    return estimates.to_frame(estimates.load(data_dir=seed_articles_dir))


@pytest.fixture(scope="module")
def queries(frame) -> list[str]:
    good = {row.key: good_values(row, frame) for row in FILTERS}

    def random_query(rng: random.Random) -> str:
        pairs = []
        for _ in range(rng.randint(0, 8)):
            if rng.random() < 0.15:
                key = rng.choice(["utm_source", "q", "Quantity", "scale ", "record[]", "", "%71uantity",
                                  "".join(rng.choices(string.printable, k=rng.randint(1, 12)))])
            else:
                key = rng.choice(KEYS)
            value = rng.choice(good.get(key) or ["x"]) if rng.random() < 0.5 else rng.choice(ODD)
            if rng.random() < 0.2:
                value = quote(value, safe="")  # odd encodings, sometimes double-encoded
            pairs.append(f"{quote(key, safe='%[]')}={quote(value, safe='%') if rng.random() < 0.7 else value}")
        return "&".join(pairs)

    return [random_query(random.Random(seed)) for seed in range(N_QUERIES)]


def test_every_filter_row_is_fuzzed_with_good_and_odd_values(frame, queries):
    parsed = [parse_qs(q, keep_blank_values=True) for q in queries]
    for row in FILTERS:
        good = set(good_values(row, frame))
        assert good, f"no good value for {row.key}: give good_values() a case for a {row.widget}"
        carried = [v for params in parsed for v in params.get(row.key, [])]
        assert sum(v in good for v in carried) >= 20, row.key
        assert sum(v not in good for v in carried) >= 20, row.key
    joined = "\n".join(queries)
    assert len(set(queries)) > 400
    for piece in ("%25", "utm_source", "aaaaaaaaaa"):
        assert piece in joined, piece
    assert sum(len(p.get("quantity", [])) > 1 for p in parsed) > 10  # repeats


def test_the_parser_never_raises_and_its_view_reopens_itself(frame, queries):
    for query in queries:
        params = parse_qs(query, keep_blank_values=True)
        parsed = parse_query(params, frame=frame)
        assert all(isinstance(n, str) and n for n in parsed.notices), query
        if set(params) - set(KEYS):
            assert any(n.startswith("Ignored unknown parameter") for n in parsed.notices), query
        again = parse_query(to_query(parsed.view), frame=frame)
        assert (again.view, again.notices) == (parsed.view, []), query
        if not parsed.notices and not params:
            assert parsed.view == DEFAULT


def test_a_bad_value_for_any_row_is_named_and_the_default_kept(frame):
    bad = {"date": "2025-13-45", "toggle": "maybe"}
    for row in FILTERS:
        value = bad.get(row.widget, "no-such-value")
        parsed = parse_query({row.key: [value]}, frame=frame)
        assert getattr(parsed.view, row.field) == getattr(DEFAULT, row.field), row.key
        assert len(parsed.notices) == 1 and f"{row.key}=" in parsed.notices[0], (row.key, parsed.notices)


@pytest.fixture(scope="module")
def sample(queries) -> list[str]:
    """Queries for the app: evenly spaced through the generated ones, so every kind of key and
    value is likely to appear, and the same every run."""
    return queries[:: N_QUERIES // N_THROUGH_THE_APP][:N_THROUGH_THE_APP]


@pytest.mark.slow  # runs the whole app, once per link
def test_a_sample_of_links_never_breaks_the_app(sample, frame, seed_articles_dir, monkeypatch):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(seed_articles_dir))
    assert len(sample) == N_THROUGH_THE_APP and any(parse_query(parse_qs(q), frame=frame).notices for q in sample)
    for query in sample:
        params = parse_qs(query, keep_blank_values=True)
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        for key, values in params.items():
            at.query_params[key] = values
        at.run()
        assert not at.exception, (query, at.exception)
        assert len(at.get("plotly_chart")) == 1, query
        expected = [code_span(n) for n in parse_query(params, frame=frame).notices]  # inert
        assert [i.value for i in at.info] == expected, query
        if params:
            assert set(at.query_params) <= set(KEYS), query

