"""Who is behind a view's points, in words: the estimators (and who relayed them), the
officials, and the outlets that carried the records, each named once, the most cited first.

The app's sources line, the static pages and every snapshot's footer read this one function.
"""

from __future__ import annotations

import pandas as pd

from .words import clip

MAX_NAMED = 12  # estimators or outlets named in a footer; more are counted (the permalink lists them all)


def _named(names: list[str], what: str) -> str:
    """Names in order of weight: all of them, or the first MAX_NAMED and how many more."""
    if len(names) <= MAX_NAMED:
        return ", ".join(names)
    return f"{', '.join(names[:MAX_NAMED])} and {len(names) - MAX_NAMED} more {what}"


def sources(frame: pd.DataFrame) -> tuple[str, str]:
    """(estimators, outlets) behind the visible records, in words: each named once, those with
    the most records first; past MAX_NAMED, counted."""
    estimates = frame[frame["kind"] == "estimate"]
    who = list(estimates["estimator_short"].value_counts(sort=True).index.astype(str))
    official = list(dict.fromkeys(frame.loc[frame["kind"] == "admission", "estimator_short"]))
    estimators = "Estimates by " + (_named(list(dict.fromkeys(who)), "estimators") or "nobody in this view")
    if official:
        estimators += ". Official statements by " + _named(official, "officials")
    cited = {r["document"]: r for rs in frame["reports"] for r in rs}
    counts: dict[str, int] = {}
    unnamed = 0
    for document_id in sorted(cited):
        outlet, how = cited[document_id]["outlet"], cited[document_id]["outlet_how"]
        if outlet is None:
            unnamed += 1
        else:
            name = clip(outlet, 80) + (" (outlet inferred)" if how == "inferred" else "")
            counts[name] = counts.get(name, 0) + 1
    outlets = _named(sorted(counts, key=lambda n: (-counts[n], n.casefold())), "outlets")
    if unnamed:
        outlets += ("; " if outlets else "") + f"{unnamed} article{'s' if unnamed != 1 else ''} from unnamed outlets"
    return estimators + ".", f"Reported in: {outlets or 'no documents'}."
