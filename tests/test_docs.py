"""The README's lists of declared tables match the tables, as datasette's tests/test_docs.py
checks its documentation against its code: a row added to the table and not to the README (or
the other way round) fails here."""

import re

from conftest import ROOT
from dashboard.view import FILTERS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_filters(text: str = README) -> list[tuple[str, str]]:
    """(label, key) of each line of the README's filter list: `- **Label** (`key=`): words`."""
    return re.findall(r"^- \*\*(.+?)\*\* \(`([a-z_]+)=`\): \S", text, re.M)


def test_the_readme_lists_every_filter_in_the_tables_order():
    assert readme_filters() == [(row.label, row.key) for row in FILTERS]


def test_a_filter_missing_from_the_readme_is_caught():
    without_scale = re.sub(r"^- \*\*Scale\*\* .*\n", "", README, flags=re.M)
    assert readme_filters(without_scale) != [(row.label, row.key) for row in FILTERS]
