"""500 generated query strings through the real app (AppTest): no exception ever, the chart is
always drawn, and whatever the link asked for that the app cannot use is named in a notice."""

import random
import string
from urllib.parse import parse_qs, quote

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from dashboard.view import parse_query
from dashboard.words import code_span
import estimates

N_QUERIES = 500
KEYS = ["quantity", "estimator", "kind", "from", "to", "independent", "hide_belligerents", "basis", "scale", "record"]
GOOD = {
    "quantity": ["killed", "deployed", "wounded", "captured"], "estimator": ["rok-nis", "us-dod"],
    "kind": ["military", "legislature"], "from": ["2025-01-01", "2024-06-30"], "to": ["2025-12-31"],
    "independent": ["1", "0", "true"], "hide_belligerents": ["1", "off"], "basis": ["announced", "as_of"],
    "scale": ["log", "linear"], "record": ["killed-nis-2025-01", "kim-nine-engineers-died-2025-12"],
}
ODD = ["", " ", "%", "%%", "%ZZ", "%00", "\x00", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd",
       "killed%2Cwounded", "KILLED", "2025-13-45", "9999-01-01", "-1", "1e309", "NaN", "null", "[]", "{}",
       "☃", "\u202etxet", "\u200b", "a" * 5000, "2025-01-01T00:00:00", "true false", "+", "&", "=", "#"]


def random_query(rng: random.Random) -> str:
    pairs = []
    for _ in range(rng.randint(0, 8)):
        roll = rng.random()
        if roll < 0.15:
            key = rng.choice(["utm_source", "q", "Quantity", "scale ", "record[]", "", "%71uantity",
                              "".join(rng.choices(string.printable, k=rng.randint(1, 12)))])
        else:
            key = rng.choice(KEYS)
        value = rng.choice(GOOD.get(key, ["x"])) if rng.random() < 0.5 else rng.choice(ODD)
        if rng.random() < 0.2:
            value = quote(value, safe="")  # odd encodings, sometimes double-encoded
        pairs.append(f"{quote(key, safe='%[]')}={quote(value, safe='%') if rng.random() < 0.7 else value}")
    return "&".join(pairs)


QUERIES = [random_query(random.Random(seed)) for seed in range(N_QUERIES)]


@pytest.fixture(scope="module")
def known():
    frame = estimates.to_frame(estimates.load())
    return frame["estimator"].unique(), frame["id"]


def test_the_generator_covers_what_it_should():
    joined = "\n".join(QUERIES)
    assert len(set(QUERIES)) > 400
    for piece in ("quantity=", "record=", "%25", "utm_source", "aaaaaaaaaa", "scale=linear"):
        assert piece in joined, piece
    assert sum(len(parse_qs(q, keep_blank_values=True).get("quantity", [])) > 1 for q in QUERIES) > 20  # repeats


@pytest.mark.parametrize("chunk", range(10))
def test_generated_links_never_break_the_app(chunk, known):
    estimator_ids, record_ids = known
    for query in QUERIES[chunk::10]:
        params = parse_qs(query, keep_blank_values=True)
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        for key, values in params.items():
            at.query_params[key] = values
        at.run()
        assert not at.exception, (query, at.exception)
        assert len(at.get("plotly_chart")) == 1, query
        expected = [code_span(n) for n in parse_query(params, estimator_ids, record_ids).notices]  # inert
        shown = [i.value for i in at.info]
        assert shown == expected, query
        if params:
            assert all(k in {"quantity", "estimator", "kind", "from", "to", "independent", "hide_belligerents",
                             "basis", "scale", "record"} for k in at.query_params), query
