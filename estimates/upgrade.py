"""Data files written before claims and reports were separate records (before December 2026),
made readable by today's model, so that `changes` can compare a revision from before.

Then, a record cited passages (`citations`) and carried its relays (`relayed_by`) itself, and
an outlet's repeat of a claim was a record of its own, pointing at the claim (`repeats: ID`).
Now each outlet is a report under its claim. `upgrade` turns one old file's mapping into
today's shape record by record: each citation becomes a report with the record's relays, and
a repeat stays a record of its own, saying why (it was one then), so that the old revision
reads as it was. Folding repeats into their claims was done once, in the data itself
(`migrations/2026_12_claims_and_reports.py`). A file already in today's shape is unchanged.
"""

from __future__ import annotations

from typing import Any

import yaml


class TextDates(yaml.SafeLoader):
    """YAML as the tracker reads it: a date stays the text it was written as (`2025-01`, not a
    datetime), for reading a data file outside yamlfile.py's own loader."""


TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

OLD_REPEAT = "recorded as its own record, a repeat of {target}, before claims and reports were separate"


def _upgrade_record(record: Any) -> Any:
    if not isinstance(record, dict) or "citations" not in record or "reports" in record:
        return record
    record = dict(record)
    citations = record.pop("citations")
    relays = record.pop("relayed_by", None)
    if isinstance(citations, list):
        reports = []
        for citation in citations:
            report = dict(citation) if isinstance(citation, dict) else citation
            if isinstance(report, dict) and relays:
                report["relayed_by"] = list(relays)
            reports.append(report)
        record["reports"] = reports
    else:
        record["reports"] = citations  # wrong either way: today's model says what is wrong with it
    target = record.pop("repeats", None)
    if target is not None:
        record.setdefault("distinct_because", OLD_REPEAT.format(target=target))
    return record


def upgrade(data: Any) -> Any:
    """One data file's mapping in today's shape (a new mapping; `data` is not changed)."""
    if not isinstance(data, dict):
        return data
    upgraded = dict(data)
    for key in ("estimates", "admissions"):
        if isinstance(data.get(key), list):
            upgraded[key] = [_upgrade_record(record) for record in data[key]]
    return upgraded
