import csv
import io

import estimates
from estimates import load, to_frame
from estimates.export import to_csv


def test_csv_cells_that_look_like_formulas_are_made_inert():
    frame = to_frame(load())
    frame.loc[0, "notes"] = "=HYPERLINK(\"http://evil\")"
    assert "'=HYPERLINK" in to_csv(frame)


def test_a_document_cited_twice_is_listed_once_and_integers_print_as_integers():
    frame = estimates.to_frame(estimates.load())
    twice = frame[[len(d) != len(set(d)) for d in frame["documents"]]]
    assert len(twice), "the data has a record citing one document twice"
    record = twice.iloc[0]["id"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(to_csv(frame)))}
    assert rows[record]["documents"].split(" | ") == list(dict.fromkeys(twice.iloc[0]["documents"]))
    assert len(rows[record]["quotes"].split(" | ")) == len(twice.iloc[0]["quotes"])
    assert rows["killed-nis-2025-01"]["value"] == "300" and rows["killed-nis-2025-01"]["as_of"] == ""
