"""Downloads: the chart of a view as PNG, SVG or HTML (what the app's "Chart as ..." buttons
give, and the load test checks against), the records as CSV and JSON, stamped with the data
version and the date, and the whole dataset as a Frictionless data package (zip)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from estimates import Dataset, datapackage
from estimates.export import cells_csv, to_csv, to_json

from ..figures import snapshot_figure
from ..view import View
from .formats import BUILDERS


def chart_bytes(frame: pd.DataFrame, dataset: Dataset, view: View, made_on: date, base: str, fmt: str) -> bytes:
    """The chart of `view` as a file: the shared figure at the snapshot command's size (1280 px),
    with its title, sources, data version, date and permalink. The app's buttons call this, and
    benchmarks/load_test.py builds its reference images with it, so they cannot drift apart."""
    return BUILDERS[fmt](*snapshot_figure(frame, dataset, view, made_on, base))


def file_name(which: str, version: str, fmt: str, today: date, view: str = "") -> str:
    """'nk-troops-visible-records-quantity-killed-ab12cd34ef56-2026-12-06.csv': what, which view, which data, when."""
    return f"nk-troops-{which}-records-{view + '-' if view else ''}{version}-{today.isoformat()}.{fmt}"


def download_bytes(frame: pd.DataFrame, version: str, fmt: str, today: date) -> bytes:
    if fmt == "csv":
        stamped = frame.assign(data_version=version, downloaded=today.isoformat())
        text = to_csv(stamped, extra=["data_version", "downloaded"])
    else:
        text = to_json(frame, data_version=version, downloaded=today.isoformat())
    return text.encode("utf-8")


def datapackage_name(version: str, today: date) -> str:
    return f"nk-troops-data-package-{version}-{today.isoformat()}.zip"


def datapackage_bytes(dataset: Dataset, frame: pd.DataFrame, today: date) -> bytes:
    """Every record as a data package: records.csv, datapackage.json and a README on citing it."""
    return datapackage.to_zip(dataset, frame, today)


def who_says_what_csv(table: pd.DataFrame) -> bytes:
    """Who says what as CSV (the app's download, the static edition's data/who-says-what.csv): one
    row per estimator and key quantity, its latest claim (dashboard.whosays)."""
    rows = table.drop(columns=["announced_start"])
    return cells_csv(rows.astype(object).where(rows.notna(), None)).encode("utf-8")
