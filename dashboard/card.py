"""A claim's card: everything needed to trust one point, in the order a reader checks it, and
the words to cite it: the claim, then every outlet that reported it, earliest first, each with
its own words and a link to its original. Built from the claim's row alone (the frame carries
its reports)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from estimates.dates import label

from .urls import safe_link
from .vocabulary import TITLE
from .words import QUANTITY_WORDS, figure_words, lower_first, sentence, what_words



@dataclass(frozen=True)
class ReportLine:
    """One report of the claim: its passage, where it was published, and how it differs."""

    quote: str
    document: str  # "The Epoch Times, “North Korea Confirms …”, published 28–29 Apr 2025 (inferred)"
    document_id: str
    url: str | None  # the original, when it is an http(s) address; None otherwise
    how: str = ""  # "via Yonhap; its words: casualties, in Kursk" ("" when it says what the claim says)


@dataclass(frozen=True)
class Card:
    headline: str
    facts: list[tuple[str, str]]  # (label, text)
    reports: list[ReportLine]
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


def reported_as_words(said: dict, claim: pd.Series | dict | None = None) -> str:
    """The outlet's own words where they differ from the claim: 'casualties, in Kursk, by South
    Korean intelligence, about 4,000'. A hedge given alone ("2,000" where the claim says "about
    2,000") takes its number from the claim."""
    parts = []
    if said.get("quantity"):
        parts.append(QUANTITY_WORDS.get(said["quantity"], said["quantity"]))
    if said.get("counted"):
        parts.append(f"counting {said['counted']}")
    if said.get("scope"):
        parts.append(lower_first(said.get("scope_name") or f"scope {said['scope']}"))
    if said.get("estimator"):
        parts.append(f"attributed to {said.get('estimator_name') or said['estimator']}")
    if any(said.get(k) is not None for k in ("value", "low", "high", "qualifier")):
        given = any(said.get(k) is not None for k in ("value", "low", "high"))
        number = said if given or claim is None else claim
        parts.append(figure_words({"qualifier": said.get("qualifier") or "exact", "value": number.get("value"),
                                   "low": number.get("low"), "high": number.get("high")}))
    return ", ".join(parts)


def _how_words(report: dict, claim: pd.Series) -> str:
    parts = []
    if report["relayed_by_names"]:
        parts.append(f"via {report['relayed_by_names']}")
    if report["as_reported"]:
        parts.append(f"its words: {reported_as_words(report['as_reported'], claim)}")
    if report["notes"]:
        parts.append(f"note: {report['notes']}")
    return "; ".join(parts)


def reported_by(row: pd.Series | dict) -> str:
    """'reported by 1 outlet: Yonhap' or 'reported by 7 outlets: Yonhap, KBS, … and 2 more'."""
    outlets = list(dict.fromkeys(r["outlet"] or "an unnamed outlet" for r in row["reports"]))
    shown = ", ".join(outlets[:5]) + (f" and {len(outlets) - 5} more" if len(outlets) > 5 else "")
    count = len(outlets)
    return f"reported by {count} outlet{'s' if count != 1 else ''}: {shown}"


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
    if is_estimate and isinstance(row["scope_evidence"], str) and row["scope_evidence"]:
        facts.append(("Where the source says so", str(row["scope_evidence"])))
    facts.append(("Estimator" if is_estimate else "Made by", str(row["estimator_name"])))
    facts.append(("First announced" if is_estimate else "Date", _date_words(row, "announced")))
    if row["as_of_given"]:
        facts.append(("Refers to", _date_words(row, "as_of")))
    facts.append(("Reports", reported_by(row).capitalize() + " (counted once)"))
    if is_estimate and isinstance(row["restates"], str) and row["restates"]:
        facts.append(("Restates", f"this estimator's earlier claim {row['restates']}"))
    if is_estimate and row["background"]:
        facts.append(("Background", "known only from a later article that restates it: not drawn as a fresh estimate"))
    facts.append(("Record", f"{row['id']} in {row['file']}:{row['line']}"))
    reports = [ReportLine(r["quote"], _document_words(r), r["document"], safe_link(r["url"]), _how_words(r, row))
               for r in row["reports"]]
    notes = row["notes"] if isinstance(row["notes"], str) else None
    return Card(sentence(row), facts, reports, notes)


def cite(what: str, version: str, accessed: date, link: str) -> str:
    """'Cite this' text: what is cited, the title, the data version, the date accessed, the permalink."""
    return f"{what}. In: {TITLE}. Data version {version}. Accessed {accessed.isoformat()}. {link}"


def record_citation(row: pd.Series, version: str, accessed: date, link: str) -> str:
    return cite(f"{sentence(row)} (record {row['id']})", version, accessed, link)
