"""A record's card: everything needed to trust one point, in the order a reader checks it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from estimates import Dataset
from estimates.dates import label

from .words import QUANTITY_WORDS, figure_words, sentence


@dataclass(frozen=True)
class Citation:
    quote: str
    document: str  # "The Epoch Times, “North Korea Confirms …”, published 28–29 Apr 2025 (inferred)"
    document_id: str


@dataclass(frozen=True)
class Card:
    record_id: str
    headline: str
    facts: list[tuple[str, str]]  # (label, text)
    citations: list[Citation]
    notes: str | None


def _document_words(dataset: Dataset, document_id: str) -> str:
    document = dataset.documents.get(document_id)
    if document is None:
        return f"{document_id} (not archived)"
    meta = document.meta
    outlet = meta.outlet.value or "Outlet unknown"
    if meta.outlet.how == "inferred":
        outlet += " (inferred)"
    headline = f"“{meta.headline.value}”" if meta.headline.value else "no headline"
    published = label(meta.published.value) + (" (inferred)" if meta.published.how == "inferred" else "")
    return f"{outlet}, {headline}, published {published} · seeds/{document_id}.txt"


def _date_words(row: pd.Series, prefix: str) -> str:
    how = "printed in the source" if row[f"{prefix}_how"] == "printed" else f"inferred: {row[f'{prefix}_evidence']}"
    return f"{row[f'{prefix}_label']} ({how})"


def card(row: pd.Series, dataset: Dataset) -> Card:
    is_estimate = row["kind"] == "estimate"
    facts: list[tuple[str, str]] = []
    if row["quantity"] is not None and not pd.isna(row["quantity"]):
        quantity = QUANTITY_WORDS.get(row["quantity"], row["quantity"])
        facts.append(("Figure", f"{figure_words(row)} {quantity}"))
        facts.append(("Qualifier", f"{row['qualifier']}" + (" (the source gave no hedge)" if row["qualifier"] == "exact" else "")))
        if row["scope_name"]:
            facts.append(("Scope", str(row["scope_name"])))
    if not is_estimate:
        facts.append(("Statement", str(row["label"])))
    facts.append(("Estimator" if is_estimate else "Made by", str(row["estimator_name"])))
    if row["relayed_by_names"]:
        facts.append(("Relayed by", str(row["relayed_by_names"])))
    facts.append(("Announced" if is_estimate else "Date", _date_words(row, "announced")))
    if is_estimate and row["as_of_given"]:
        facts.append(("Refers to", _date_words(row, "as_of")))
    if is_estimate and row["status"] != "count":
        facts.append(("Status", str(row["status"])))
    if is_estimate and row["repeats"]:
        facts.append(("Repeats", f"record {row['repeats']} (not counted twice)"))
    facts.append(("Record", f"{row['id']} in {row['file']}:{row['line']}"))
    citations = [Citation(q, _document_words(dataset, d), d) for d, q in zip(row["documents"], row["quotes"])]
    notes = row["notes"] if isinstance(row["notes"], str) else None
    return Card(row["id"], sentence(row), facts, citations, notes)
