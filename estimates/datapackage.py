"""The records as a Frictionless Data Package: `claims.csv` (one row per claim), `reports.csv`
(one row per outlet that reported a claim), `datapackage.json` and a README, in a folder or a zip.

    python -m estimates export --format datapackage --out nk-troops-data.zip   # or a folder

The Table Schemas are generated, never written by hand: one field per column
(`export.EXPORT_COLUMNS`, `frame.REPORT_COLUMNS`), with its type, constraints and description taken from the pydantic
models. `FROM` names the model field behind a column whose name differs; `WORDS` adds what the
export itself does (derived columns, lists joined with ` | `).
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd
from pydantic import BaseModel

from .dataset import Dataset
from .export import EXPORT_COLUMNS, cells_csv, to_csv
from .frame import REPORT_COLUMNS, reports_frame
from .models import Admission, DateFact, Document, Estimate, Figure, Report, ReportedAs
from .safe_write import Folder, failure

NAME = "nk-troops-estimates"
TITLE = "North Korean troops in Russia: published estimates and official admissions"
LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
LIST_SEPARATOR = " | "
FILES = ("datapackage.json", "claims.csv", "reports.csv", "README.md")

# export column -> the model field it comes from, where the names differ (None: derived by the export)
FROM: dict[str, tuple[type[BaseModel], str] | None] = {
    "kind": None,
    "part": None,
    "announced_start": None, "announced_end": None, "announced_how": (DateFact, "how"),
    "as_of_start": None, "as_of_end": None, "as_of_how": (DateFact, "how"),
    "outlet": (Document, "outlet"), "headline": (Document, "headline"), "published": (Document, "published"),
    "urls": (Document, "url"), "coverage": (Document, "coverage"),
    "estimator_name": None,
    "lower": (Figure, "low"),
    "upper": (Figure, "high"),
    "admission_kind": (Admission, "kind"),
    "announced": (DateFact, "value"),
    "documents": (Report, "document"),
    "quotes": (Report, "quote"),
    "report_count": None,
    # reports.csv
    "claim": None, "report": None, "document": (Report, "document"), "quote": (Report, "quote"),
    "as_reported_estimator": (ReportedAs, "estimator"), "as_reported_quantity": (ReportedAs, "quantity"),
    "as_reported_scope": (ReportedAs, "scope"), "as_reported_counted": (ReportedAs, "counted"),
    "as_reported_figure": None, "url": (Document, "url"),
}
# what the export adds to the models' words
WORDS = {
    "id": "Id of the claim.",
    "report_count": "Derived: how many archived documents reported the claim (`reports.csv` lists them).",
    "claim": "Id of the claim reported (`id` in `claims.csv`).",
    "report": "Which report of the claim: 1 for the earliest, then in order of publication.",
    "document": "The archived document that reported it.",
    "as_reported_estimator": "Who this outlet says made the claim, where it differs from the claim's estimator.",
    "as_reported_quantity": "What this outlet says was counted, where it differs from the claim.",
    "as_reported_scope": "Where this outlet says it applies, where it differs from the claim.",
    "as_reported_counted": "Who this outlet says was counted, where it differs from the claim.",
    "as_reported_figure": "Derived: this outlet's figure in words (`about 200`), where it differs from the claim.",
    "url": "The original address of the document.",
    "part": "Which figure of the record this row holds: 1, or 1, 2, ... for an admission that gave several "
            "figures (one row each); `id` and `part` together are unique.",
    "announced_start": "Derived: the first day the announced date can mean (a partial date covers a span).",
    "announced_end": "Derived: the last day the announced date can mean.",
    "announced_how": "How the announced date is known.",
    "as_of_start": "Derived: the first day of the date the figure describes; empty when the source gave none.",
    "as_of_end": "Derived: the last day of the date the figure describes; empty when the source gave none.",
    "as_of_how": "How the as-of date is known; empty when the source gave none.",
    "outlet": "The outlet of each cited document, in the order of `documents`.",
    "headline": "The headline of each cited document, in the order of `documents`.",
    "published": "The publication date of each cited document, in the order of `documents`.",
    "urls": "The original address of each cited document that has one.",
    "coverage": "For each cited document: `full` text archived, or `excerpts` (only the cited passages).",
    "kind": "`estimate` (a figure someone published) or `admission` (an official statement by North Korea or Russia).",
    "quantity": "What is counted.",
    "low": "Lower bound the source gave.",
    "high": "Upper bound the source gave.",
    "lower": "Derived: the lower bound as a number, from low or the qualifier (`at_least 300` -> 300); empty where the source left it open.",
    "upper": "Derived: the upper bound as a number, from high or the qualifier (`up_to 600` -> 600); empty where the source left it open.",
    "estimator": "Id of who made the estimate or the statement.",
    "estimator_name": "Derived: the estimator's full name.",
    "announced": "When the figure or statement was made public.",
    "admission_kind": "For an admission: what kind of statement it is.",
    "documents": "The archived documents that reported it, each once (`sources` in datapackage.json lists them).",
    "quotes": "The verbatim quotes of its reports, earliest report first.",
    "notes": "Remarks by the editors.",
}
# lists the export writes in one cell, and what separates their items
LISTS = {"includes": ", ", "relayed_by": " | ", "documents": " | ", "quotes": " | ", "outlet": " | ",
         "headline": " | ", "published": " | ", "urls": " | ", "coverage": " | "}


def _resolve(spec: dict, defs: dict) -> dict:
    """The non-null alternative of a field's JSON Schema, with `$ref`s followed."""
    if "anyOf" in spec:
        spec = {**next(s for s in spec["anyOf"] if s.get("type") != "null"),
                **{k: v for k, v in spec.items() if k != "anyOf"}}
    if "$ref" in spec:
        spec = {**defs[spec["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in spec.items() if k != "$ref"}}
    return spec


@cache
def _json_schema(model: type[BaseModel]) -> dict:
    """A model's JSON Schema, made once: pydantic builds it anew on every call (12 ms each, 55
    calls per package)."""
    return model.model_json_schema(mode="validation")


def _model_field(column: str) -> tuple[dict, dict]:
    """(JSON Schema of the model field behind `column`, the schema's $defs)."""
    models = [FROM[column]] if column in FROM else [(Estimate, column), (Admission, column), (Figure, column),
                                                    (Report, column)]
    for model, name in filter(None, models):
        schema = _json_schema(model)
        if name in schema["properties"]:
            return schema["properties"][name], schema.get("$defs", {})
    return {}, {}


_GENERIC_ID = Estimate.model_json_schema()["properties"]["id"]["description"]


def table_field(column: str) -> dict:
    spec, defs = _model_field(column)
    words = spec.get("description")
    resolved = _resolve(spec, defs) if spec else {}
    if resolved.get("properties", {}).get("value"):  # a DateFact: the column holds its value
        words = " ".join(filter(None, [words, resolved["properties"]["value"].get("description")]))
        resolved = {"type": "string"}
    if words == _GENERIC_ID:
        words = None
    is_list = column in LISTS or resolved.get("type") == "array"
    separator = f'Several are separated by "{LISTS.get(column, LIST_SEPARATOR)}".' if is_list else None
    description = " ".join(filter(None, [WORDS.get(column), words, separator]))
    field: dict = {"name": column, "type": "number" if resolved.get("type") == "number" else "string",
                   "description": description}
    constraints = {}
    if column in ("id", "part", "claim", "report"):
        constraints["required"] = True
    if column in ("part", "report", "report_count"):
        field["type"], constraints["minimum"] = "integer", 1
    if column == "kind":
        constraints["enum"] = ["estimate", "admission"]
    if not is_list:
        if "enum" in resolved:
            constraints["enum"] = resolved["enum"]
        if "pattern" in resolved:
            constraints["pattern"] = resolved["pattern"]
        if "minimum" in resolved:
            constraints["minimum"] = resolved["minimum"]
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema() -> dict:
    return {"fields": [table_field(c) for c in EXPORT_COLUMNS], "primaryKey": ["id", "part"], "missingValues": [""]}


def reports_schema() -> dict:
    return {"fields": [table_field(c) for c in REPORT_COLUMNS], "primaryKey": ["claim", "report"],
            "missingValues": [""]}


def _source(document_id: str, dataset: Dataset) -> dict:
    meta = dataset.documents[document_id].meta
    title = f"{document_id}: {meta.outlet.value or 'outlet unknown'}, \"{meta.headline.value or 'untitled'}\", {meta.published.value}"
    return {"title": title, **({"path": meta.url} if meta.url else {})}


def descriptor(dataset: Dataset) -> dict:
    return {
        "name": NAME,
        "title": TITLE,
        "description": ("Published estimates of North Korean troops sent to Russia for the war against Ukraine, and of "
                        "their losses, with what North Korea and Russia officially admitted. Each record names who "
                        "estimated it, who relayed it, when, how uncertain it is, and quotes its source. These are "
                        "published claims, not verified counts."),
        "version": dataset.version,
        "data_version": dataset.version,
        "licenses": [LICENCE],
        "keywords": ["North Korea", "Russia", "Ukraine", "war", "casualties", "estimates"],
        "sources": [_source(d, dataset) for d in sorted(dataset.documents)],
        "resources": [{
            "name": "claims", "path": "claims.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": table_schema(),
        }, {
            "name": "reports", "path": "reports.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": reports_schema(),
        }],
    }


def readme(dataset: Dataset, made_on: date) -> str:
    return f"""# {TITLE}

Data version `{dataset.version}`, exported {made_on.isoformat()}: {len(dataset.estimates)} estimates and
{len(dataset.admissions)} official admissions from {len(dataset.documents)} archived documents.

- `claims.csv`: one row per claim (one per figure of an official statement that gave several);
  every column is described in `datapackage.json`.
- `reports.csv`: one row per outlet that reported a claim, with the quoted passage and the
  outlet's own words where they differ from the claim.
- `datapackage.json`: a Frictionless Data Package (Table Schema, sources, licence).

## How to cite

> nk-troops-tracker contributors ({made_on.year}). {TITLE}. Data version {dataset.version}.
> Licensed under CC BY 4.0.

Always give the data version: the same records always have the same version.

## Read this before using the figures

- These are **published claims, not verified counts**. Each row is what an estimator (an
  intelligence agency, a military, a government, lawmakers) said, quoted from an archived copy
  of the document; the project does not vouch for any figure.
- **"Casualties" differs between estimators**: some mean killed and wounded, some include the
  missing or captured, some do not say. `quantity` keeps killed, wounded, `killed_or_wounded`
  and `casualties` apart, and `includes` says what a `casualties` figure counts.
- **Each claim is one row**, however many outlets reported it: a claim reported by seven outlets
  is one row of `claims.csv` and seven rows of `reports.csv`. An estimator that made the claim
  again later is a new claim, linked by `restates`: do not add those rows up.
- Bounds follow the source's own hedge (`qualifier`): `at_least 300` has no upper bound, and
  `vague` figures have no number at all. Dates can be partial (`2025-01`, `late 2024`).
- Official admissions (`kind` = `admission`) are what North Korea or Russia said, not estimates.

## Licence

The records are licensed under CC BY 4.0 ({LICENCE['path']}). The archived articles they quote
remain their publishers' and are not part of this licence; `sources` in `datapackage.json` lists them.
"""


def contents(dataset: Dataset, frame: pd.DataFrame, made_on: date) -> dict[str, bytes]:
    return {
        "datapackage.json": (json.dumps(descriptor(dataset), ensure_ascii=False, indent=2) + "\n").encode(),
        "claims.csv": to_csv(frame).encode(),
        "reports.csv": cells_csv(reports_frame(dataset)).encode(),
        "README.md": readme(dataset, made_on).encode(),
    }


def to_zip(dataset: Dataset, frame: pd.DataFrame, made_on: date) -> bytes:
    """The package as a zip, the same bytes for the same data and day."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents(dataset, frame, made_on).items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(made_on.year, made_on.month, made_on.day, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def write(dataset: Dataset, frame: pd.DataFrame, out: Path, made_on: date, force: bool = False) -> None:
    """Write the package to `out`: a zip if the name ends in .zip, else a folder. A file this
    command did not write is never replaced without `force` (safe_write)."""
    if out.suffix.lower() == ".zip":
        Folder(out.parent, force=force).write(out.name, to_zip(dataset, frame, made_on))
        return
    folder = Folder(out, force=force, manifest=True)
    files = contents(dataset, frame, made_on)
    for name in files:  # check every file before writing any, so a refusal leaves the folder as it was
        folder.check(name, files[name])
    for name, data in files.items():
        folder.write(name, data)


def export(dataset: Dataset, frame: pd.DataFrame, out: Path | None, force: bool = False) -> int:
    """`export --format datapackage`: the command line's side of `write`."""
    if out is None:
        print("error: --format datapackage needs --out DIR or --out FILE.zip", file=sys.stderr)
        return 2
    try:
        write(dataset, frame, out, date.today(), force)
    except OSError as error:  # UnsafeWrite included
        print(failure(error, out), file=sys.stderr)
        return 2
    print(f"wrote {len(frame)} claims to {out} as a data package (data version {dataset.version})", file=sys.stderr)
    return 0
