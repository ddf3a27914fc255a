"""An Atom feed (RFC 4287) of the records, newest announced first: one entry per record.

Dates come from the data, never from the clock: an entry is dated by the first day its
announced date can mean, and the feed by its newest entry, so the same data gives the same feed.
Entry ids are UUIDs derived from the record id, so a reader sees a record once however often
the site is rebuilt or moved.
"""

from __future__ import annotations

import uuid
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from . import sources

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/nk-troops-tracker/records")
MAX_ENTRIES = 200


def _stamp(day: pd.Timestamp) -> str:
    return f"{day.date().isoformat()}T00:00:00Z"


def entry_id(record_id: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, record_id)}"


def feed(frame: pd.DataFrame, dataset, site_url: str | None) -> str:
    """The feed's XML. Links are relative to the feed (in the site's root) unless `site_url` is known."""
    prefix = f"{site_url}/" if site_url else ""
    firsts = frame[frame["part"] == 1].sort_values(["announced_start", "id"], ascending=[False, True],
                                                  kind="mergesort").head(MAX_ENTRIES)
    entries = []
    for _, row in firsts.iterrows():
        content = sources.record_card(row, dataset)
        words = content.headline + "\n\n" + "\n\n".join(f"“{q.text.strip()}” — {q.document}" for q in content.quotes)
        entries.append(f"""<entry>
<id>{entry_id(row["id"])}</id>
<title>{escape(content.headline)}</title>
<link rel="alternate" type="text/html" href={quoteattr(prefix + f"records/{row['id']}.html")}/>
<published>{_stamp(row["announced_start"])}</published>
<updated>{_stamp(row["announced_start"])}</updated>
<author><name>{escape(str(row["estimator_name"]))}</name></author>
<content type="text">{escape(words)}</content>
</entry>""")
    updated = _stamp(firsts["announced_start"].max()) if len(firsts) else "1970-01-01T00:00:00Z"
    self_link = f'<link rel="self" href={quoteattr(prefix + "feed.xml")}/>\n' if site_url else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>{entry_id("feed")}</id>
<title>{escape(sources.TITLE)}: records by date announced</title>
<subtitle>Published claims, not verified counts. Data version {escape(dataset.version)}.</subtitle>
<link rel="alternate" type="text/html" href={quoteattr(prefix + "index.html")}/>
{self_link}<updated>{updated}</updated>
{chr(10).join(entries)}
</feed>
"""
