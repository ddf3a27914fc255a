"""A record's card: everything needed to trust one point, in the order a reader checks it, and
the words to cite it. Built from the record's row alone (the frame carries its documents)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from estimates.dates import label

from .urls import safe_link
from .vocabulary import TITLE
from .words import sentence, what_words



@dataclass(frozen=True)
class Citation:
    quote: str
    document: str  # "The Epoch Times, “North Korea Confirms …”, published 28–29 Apr 2025 (inferred)"
    document_id: str
    url: str | None  # the original, when it is an http(s) address; None otherwise


@dataclass(frozen=True)
class Card:
    headline: str
    facts: list[tuple[str, str]]  # (label, text)
    citations: list[Citation]
    notes: str | None


def _document_words(cited: dict) -> str:
    if not cited["archived"]:
        return f"{cited['document']} (not archived)"
    outlet = cited["outlet"] or "Outlet unknown"
    if cited["outlet_how"] == "inferred":
        outlet += " (inferred)"
    headline = f"“{cited['headline']}”" if cited["headline"] else "no headline"
    published = label(cited["published"]) + (" (inferred)" if cited["published_how"] == "inferred" else "")
    kind = "excerpt archived" if cited["coverage"] == "excerpts" else "archived"
    return f"{outlet}, {headline}, published {published} · {kind} as seeds/{cited['document']}.txt"


def _date_words(row: pd.Series, prefix: str) -> str:
    how = "printed in the source" if row[f"{prefix}_how"] == "printed" else f"inferred: {row[f'{prefix}_evidence']}"
    return f"{row[f'{prefix}_label']} ({how})"


def card(row: pd.Series) -> Card:
    is_estimate = row["kind"] == "estimate"
    facts: list[tuple[str, str]] = []
    if row["quantity"] is not None and not pd.isna(row["quantity"]):
        facts.append(("Figure", what_words(row)))
        facts.append(("Qualifier", f"{row['qualifier']}" + (" (the source gave no hedge)" if row["qualifier"] == "exact" else "")))
        if row["scope_name"]:
            facts.append(("Scope", str(row["scope_name"])))
    if not is_estimate:
        facts.append(("Statement", str(row["label"])))
    facts.append(("Estimator" if is_estimate else "Made by", str(row["estimator_name"])))
    if isinstance(row["relayed_by_names"], str) and row["relayed_by_names"]:
        facts.append(("Relayed by", str(row["relayed_by_names"])))
    facts.append(("Announced" if is_estimate else "Date", _date_words(row, "announced")))
    if row["as_of_given"]:
        facts.append(("Refers to", _date_words(row, "as_of")))
    if is_estimate and isinstance(row["repeats"], str) and row["repeats"]:
        facts.append(("Repeats", f"record {row['repeats']} (not counted twice)"))
    if is_estimate and row["background"]:
        facts.append(("Background", "restated in a later article: not drawn as a fresh estimate"))
    facts.append(("Record", f"{row['id']} in {row['file']}:{row['line']}"))
    citations = [Citation(c["quote"], _document_words(c), c["document"], safe_link(c["url"]))
                 for c in row["citations"]]
    notes = row["notes"] if isinstance(row["notes"], str) else None
    return Card(sentence(row), facts, citations, notes)


def cite(what: str, version: str, accessed: date, link: str) -> str:
    """'Cite this' text: what is cited, the title, the data version, the date accessed, the permalink."""
    return f"{what}. In: {TITLE}. Data version {version}. Accessed {accessed.isoformat()}. {link}"


def record_citation(row: pd.Series, version: str, accessed: date, link: str) -> str:
    return cite(f"{sentence(row)} (record {row['id']})", version, accessed, link)
