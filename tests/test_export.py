from estimates import load, to_frame
from estimates.export import to_csv


def test_csv_cells_that_look_like_formulas_are_made_inert():
    frame = to_frame(load())
    frame.loc[0, "notes"] = "=HYPERLINK(\"http://evil\")"
    assert "'=HYPERLINK" in to_csv(frame)
