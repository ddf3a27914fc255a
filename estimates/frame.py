"""Validated records -> one pandas DataFrame, with the columns charts and exports need.

Derived columns:
- `lower`, `upper`: numeric bounds filled in from the qualifier (`at_least 300` -> lower 300,
  upper NaN; `exact 9` -> 9 and 9; `about 600` -> 600 and 600 unless low/high were given);
- `open_above`, `open_below`: the bound the source left open (`at_least`, `up_to`, ...);
- `announced_start`/`_end`, `as_of_start`/`_end`: the span of days a partial date covers
  (`as_of_start`/`_end` fall back to the announced span, so a chart by "as of" date can draw
  every record; `as_of_given` says whether the source gave one, and `as_of` is empty if not);
- `outlet`, `headline`, `published`, `urls`, `coverage`: the reporting documents' metadata,
  `reports`: each report (earliest first) with its quote, relays, own words and document's
  metadata, and `report_count`, so nothing downstream needs the Dataset beside the frame;
- `relayed_by`: everyone who passed the claim on, over all its reports.

One row per claim: a claim reported by seven outlets is one row with seven reports, never
seven rows. An admission that gives several figures ("1,000 sappers as well as 5,000 military
builders") is one row per figure, numbered in `part` (1, 2, ...); every other claim is one
row, part 1. `reports_frame` has one row per report.
"""

from __future__ import annotations

import math

import pandas as pd

from .dataset import Dataset
from .dates import label, parse_span
from .models import OPEN_ABOVE, OPEN_BELOW, Admission, AdmittedFigure, DateFact, Estimate, Figure

BELLIGERENT_SIDES = {"north_korea", "russia", "ukraine"}

COLUMNS = [
    "id", "part", "kind", "quantity", "includes", "scope", "scope_name", "counted", "measure", "status", "period",
    "share_of",
    "value", "low", "high", "qualifier", "lower", "upper", "open_below", "open_above",
    "estimator", "estimator_name", "estimator_short", "estimator_kind", "side", "belligerent",
    "relayed_by", "relayed_by_names",
    "announced", "announced_label", "announced_precision", "announced_start", "announced_end",
    "announced_how", "announced_evidence",
    "as_of", "as_of_given", "as_of_label", "as_of_precision", "as_of_start", "as_of_end", "as_of_how",
    "as_of_evidence", "period_start", "period_end", "restates", "background", "independent", "scope_evidence",
    "distinct_because", "label", "admission_kind", "documents", "quotes",
    "outlet", "headline", "published", "urls", "coverage", "reports", "report_count", "notes", "file", "line",
]


def bounds(figure: Figure | None) -> tuple[float, float]:
    """(lower, upper) as numbers, NaN where the source gave or implied none."""
    nan = math.nan
    if figure is None or figure.qualifier == "vague":
        return nan, nan
    q, v = figure.qualifier, figure.value
    lower = figure.low if figure.low is not None else (nan if q in OPEN_BELOW or v is None else v)
    upper = figure.high if figure.high is not None else (nan if q in OPEN_ABOVE or v is None else v)
    return lower, upper


def _date_columns(prefix: str, fact: DateFact) -> dict:
    span = parse_span(fact.value)
    return {
        prefix: fact.value,
        f"{prefix}_label": label(fact.value),
        f"{prefix}_precision": span.precision,
        f"{prefix}_start": pd.Timestamp(span.start),
        f"{prefix}_end": pd.Timestamp(span.end),
        f"{prefix}_how": fact.how,
        f"{prefix}_evidence": fact.evidence,
    }


def _documents(dataset: Dataset, ids: list[str]) -> dict:
    """The cited documents' metadata, each document once, in citation order."""
    metas = [dataset.documents[d].meta for d in dict.fromkeys(ids) if d in dataset.documents]
    return {
        "outlet": [m.outlet.value or "outlet unknown" for m in metas],
        "headline": [m.headline.value or "headline unknown" for m in metas],
        "published": [m.published.value for m in metas],
        "urls": [m.url for m in metas if m.url],
        "coverage": [m.coverage for m in metas],
    }


def _name(dataset: Dataset, who: str | None) -> str | None:
    return dataset.estimators[who].short_name if who in dataset.estimators else who


def _reports(dataset: Dataset, record: Estimate | Admission) -> list[dict]:
    """Each report with its document's metadata, earliest first, as the record card lists them:
    the quote, who passed it on, the outlet's own words, then where it was published and a
    link to the original."""
    reports = []
    for n, item in enumerate(record.reports, start=1):
        document = dataset.documents.get(item.document)
        meta = document.meta if document else None
        said = item.as_reported.model_dump(exclude_unset=True) if item.as_reported else {}
        if "estimator" in said:
            said["estimator_name"] = _name(dataset, said["estimator"])
        if "scope" in said and said["scope"] in dataset.scopes:
            said["scope_name"] = dataset.scopes[said["scope"]].name
        reports.append({
            "n": n, "document": item.document, "quote": item.quote, "archived": document is not None,
            "relayed_by": list(item.relayed_by),
            "relayed_by_names": ", ".join(_name(dataset, r) or r for r in item.relayed_by),
            "as_reported": said, "notes": item.notes,
            "outlet": meta.outlet.value if meta else None, "outlet_how": meta.outlet.how if meta else None,
            "headline": meta.headline.value if meta else None,
            "published": meta.published.value if meta else None,
            "published_how": meta.published.how if meta else None,
            "url": meta.url if meta else None, "archive_url": meta.archive_url if meta else None,
            "coverage": meta.coverage if meta else None,
        })
    return sorted(reports, key=lambda r: (parse_span(r["published"]).start if r["published"] else pd.Timestamp.max.date(),
                                          r["n"]))


def _rows(dataset: Dataset, record: Estimate | Admission) -> list[dict]:
    if isinstance(record, Estimate):
        return [_row(dataset, record, record, 1)]
    if not record.figures:
        return [_row(dataset, record, None, 1)]
    return [_row(dataset, record, figure, n) for n, figure in enumerate(record.figures, start=1)]


def _row(dataset: Dataset, record: Estimate | Admission, figure: Estimate | AdmittedFigure | None,
         part: int) -> dict:
    is_estimate = isinstance(record, Estimate)
    who_id = record.estimator if is_estimate else record.actor
    who = dataset.estimators.get(who_id)
    scope = dataset.scopes.get(figure.scope) if figure else None
    reports = _reports(dataset, record)
    relays = list(dict.fromkeys(r for item in reports for r in item["relayed_by"]))
    announced = record.announced if is_estimate else record.date
    as_of = record.as_of
    lower, upper = bounds(figure)
    key = "estimates" if is_estimate else "admissions"
    origin = dataset.origins.get((key, record.id))
    documents = [r["document"] for r in reports]
    row = {
        "id": record.id,
        "part": part,
        "kind": "estimate" if is_estimate else "admission",
        "quantity": figure.quantity if figure else None,
        "includes": ", ".join(figure.includes) if figure and figure.includes else None,
        "scope": figure.scope if figure else None,
        "scope_name": scope.name if scope else None,
        "counted": figure.counted if figure else None,
        "measure": (figure.measure if is_estimate else "total") if figure else None,
        "status": figure.status if figure else None,
        "period": record.period if is_estimate else None,
        "share_of": record.share_of if is_estimate else None,
        "value": figure.value if figure else None,
        "low": figure.low if figure else None,
        "high": figure.high if figure else None,
        "qualifier": figure.qualifier if figure else None,
        "lower": lower,
        "upper": upper,
        "open_below": bool(figure and figure.qualifier in OPEN_BELOW),
        "open_above": bool(figure and figure.qualifier in OPEN_ABOVE),
        "estimator": who_id,
        "estimator_name": who.name if who else who_id,
        "estimator_short": who.short_name if who else who_id,
        "estimator_kind": who.kind if who else None,
        "side": who.side if who else None,
        "belligerent": bool(who and who.side in BELLIGERENT_SIDES),
        "relayed_by": list(relays),
        "relayed_by_names": ", ".join(
            dataset.estimators[r].short_name if r in dataset.estimators else r for r in relays
        ),
        **_date_columns("announced", announced),
        **_date_columns("as_of", as_of or announced),
        "as_of_given": as_of is not None,
        "period_start": pd.Timestamp(parse_span(record.period).start) if is_estimate and record.period else pd.NaT,
        "period_end": pd.Timestamp(parse_span(record.period).end) if is_estimate and record.period else pd.NaT,
        "restates": record.restates if is_estimate else None,
        "background": bool(is_estimate and record.background),
        "independent": not (is_estimate and record.background),
        "scope_evidence": record.scope_evidence if is_estimate else None,
        "distinct_because": record.distinct_because,
        "label": None if is_estimate else record.label,
        "admission_kind": None if is_estimate else record.kind,
        "documents": documents,
        "quotes": [r["quote"] for r in reports],
        **_documents(dataset, documents),
        "reports": reports,
        "report_count": len(dict.fromkeys(documents)),
        "notes": record.notes,
        "file": origin.file if origin else None,
        "line": origin.line if origin else None,
    }
    if as_of is None:
        row.update(as_of=None, as_of_how=None, as_of_evidence=None)
    return row


def to_frame(dataset: Dataset) -> pd.DataFrame:
    """One row per valid estimate, then one per admission figure (or admission), columns as in COLUMNS."""
    rows = [row for record in dataset.records for row in _rows(dataset, record)]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    # Text stays plain Python objects: pandas' Arrow-backed strings make every row selection
    # copy each column through Arrow, which was most of the time spent drawing a chart.
    # A missing text is None, not NaN: NaN is true in `if row["restates"]`.
    text = [c for c in frame.columns if frame[c].dtype == "str"]
    for column in text:
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    for column in ("value", "low", "high", "lower", "upper"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


REPORT_COLUMNS = [
    "claim", "report", "kind", "document", "quote", "relayed_by", "as_reported_estimator", "as_reported_quantity",
    "as_reported_scope", "as_reported_counted", "as_reported_figure", "outlet", "headline", "published", "url",
    "coverage", "notes",
]


def _figure_words(said: dict) -> str | None:
    if not any(k in said for k in ("value", "low", "high", "qualifier")):
        return None
    if said.get("low") is not None and said.get("high") is not None:
        number = f"{said['low']:g}-{said['high']:g}"
    else:
        number = f"{said['value']:g}" if said.get("value") is not None else ""
    return " ".join(filter(None, [(said.get("qualifier") or "").replace("_", " "), number])) or None


def reports_frame(dataset: Dataset) -> pd.DataFrame:
    """One row per report of a claim, earliest first within each claim, columns as in REPORT_COLUMNS."""
    rows = []
    for record in dataset.records:
        for n, item in enumerate(_reports(dataset, record), start=1):
            said = item["as_reported"]
            rows.append({
                "claim": record.id, "report": n, "kind": "estimate" if isinstance(record, Estimate) else "admission",
                "document": item["document"], "quote": item["quote"], "relayed_by": item["relayed_by"],
                "as_reported_estimator": said.get("estimator"), "as_reported_quantity": said.get("quantity"),
                "as_reported_scope": said.get("scope"), "as_reported_counted": said.get("counted"),
                "as_reported_figure": _figure_words(said),
                "outlet": item["outlet"], "headline": item["headline"], "published": item["published"],
                "url": item["url"], "coverage": item["coverage"], "notes": item["notes"],
            })
    return pd.DataFrame(rows, columns=REPORT_COLUMNS).astype(object)
