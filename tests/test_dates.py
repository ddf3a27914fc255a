from datetime import date

import pytest

from estimates.dates import label, parse_span


@pytest.mark.parametrize("text, start, end, precision", [
    ("2025", date(2025, 1, 1), date(2025, 12, 31), "year"),
    ("2024-11", date(2024, 11, 1), date(2024, 11, 30), "month"),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
    ("2025-04-28", date(2025, 4, 28), date(2025, 4, 28), "day"),
    ("late 2024", date(2024, 9, 1), date(2024, 12, 31), "part_of_year"),
    ("early 2025", date(2025, 1, 1), date(2025, 4, 30), "part_of_year"),
    ("2025-08-16/2025-08-31", date(2025, 8, 16), date(2025, 8, 31), "interval"),
    ("2024-09/2025-04-28", date(2024, 9, 1), date(2025, 4, 28), "interval"),
])
def test_a_partial_date_keeps_its_span_and_precision(text, start, end, precision):
    span = parse_span(text)
    assert (span.start, span.end, span.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["Jan 2025", "2025-13", "2025-02-30", "25-01", "2025-09/2025-01", ""])
def test_anything_else_is_refused_with_the_accepted_forms(text):
    with pytest.raises(ValueError, match="YYYY-MM|ends before"):
        parse_span(text)


@pytest.mark.parametrize("text, words", [
    ("2025-01", "Jan 2025"), ("2025-04-28", "28 Apr 2025"), ("2025", "2025"),
    ("late 2024", "late 2024"), ("2025-08-16/2025-08-31", "16–31 Aug 2025"), ("2024-09/2025-04-28", "Sep 2024 – 28 Apr 2025"),
])
def test_labels_say_the_date_as_precisely_as_it_is_known(text, words):
    assert label(text) == words
