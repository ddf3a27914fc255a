"""Every call the static site makes into the app's code, in one place.

The pages show the figures, words, alt text and cards the app and the snapshots show: they
come from here, and nothing in `static_site` builds its own. When those functions change
(e.g. `card(row)` with the documents' metadata in the frame), this module is the one to adapt.

Two things are pinned here so that the same data gives the same bytes: the PNG's "Creation
Time" (set to the build date) and the random id plotly.js gives each drawing inside an SVG.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

import estimates
from estimates import Dataset, datapackage, locations
from estimates.export import to_csv, to_json

from ...attribution import attribution
from ...card import card
from ...credits import sources as source_words
from ...figures import on_screen, snapshot_figure
from ...summary import PageSummary, page_summary
from ...whosays import cell_words, wide
from ...urls import BadBaseUrl, check_base_url
from ...view import DEFAULT, View, apply, describe_view, permalink
from ...vocabulary import TITLE
from ...words import QUANTITY_WORDS, figure_words, who
from .. import formats, render
from ..downloads import who_says_what_csv
from ..settings import base_url
from ..snapshot import SnapshotError, _views_file, parse_view

__all__ = ["BadBaseUrl", "DEFAULT", "PageSummary", "QUANTITY_WORDS", "SnapshotError", "TITLE", "View", "base_url",
           "cell_words", "check_base_url", "figure_words", "who", "who_says_what_csv", "wide"]

IMAGE_FORMATS = ("png", "svg")  # need Chromium; html does not
SNAPSHOT_FORMATS = ("png", "svg", "html")


def load(data_dir: Path | None = None, seeds_dir: Path | None = None) -> tuple[Dataset, pd.DataFrame]:
    """The records, with each one's file named as the app names it to the public: a data folder
    outside the checkout shows as `data/...`, never as where this machine keeps it (and the
    pages do not change with that place)."""
    dataset = estimates.load(data_dir=data_dir, seeds_dir=seeds_dir)
    folder = Path(data_dir or locations.data_dir()).resolve()
    for key, origin in dataset.origins.items():
        path = Path(origin.file)
        if path.is_absolute() and path.resolve().is_relative_to(folder):
            shown = f"{folder.name}/{path.resolve().relative_to(folder).as_posix()}"
            dataset.origins[key] = replace(origin, file=shown)
    return dataset, estimates.to_frame(dataset)


def views_file(path: Path) -> list[tuple[str, str, list[str]]]:
    """(name, query string, formats) of each view in a views file, as the snapshot command reads it."""
    return _views_file(path, list(SNAPSHOT_FORMATS))


def view_of(query: str, frame: pd.DataFrame) -> View:
    return parse_view(query, frame)


@dataclass(frozen=True)
class Chart:
    page: go.Figure  # the app's figure, for the interactive chart on a page
    snapshot: go.Figure  # the figure of the PNG, SVG and HTML files (the app's download buttons)
    alt: str
    lines: list[str]  # what the page says under the chart that the figure itself does not


def chart(frame: pd.DataFrame, dataset: Dataset, view: View, made_on: date, base: str) -> Chart:
    """The view as the app shows it: the screen figure (panels and legend), and under it the
    sources in words; the snapshot command's figure for the files, as the app's downloads.
    Each trace gets a fixed `uid` (a plotly attribute): else plotly.js names it at random in an SVG."""
    visible = apply(frame, view)
    link = permalink(view.without_record(), base)
    page = on_screen(visible, view, version=dataset.version, link=link)
    snapshot, alt = snapshot_figure(frame, dataset, view, made_on, base)
    _fixed_uids(page)
    _fixed_uids(snapshot)
    estimators, outlets = source_words(visible)
    stamp = f"Data version {dataset.version} · made {made_on.isoformat()} · quotes and archived sources: {link}"
    return Chart(page, snapshot, alt, [estimators, outlets, stamp])


def _fixed_uids(figure: go.Figure) -> None:
    for number, trace in enumerate(figure.data):
        trace.uid = f"t{number}"


def view_words(view: View, frame: pd.DataFrame) -> str:
    """The view's filters in words, as the chart's subtitle gives them."""
    return describe_view(view, frame)


def chromium_missing() -> str | None:
    """Why PNG and SVG cannot be made here, or None when they can."""
    return None if render.chromium_path() else render.INSTALL_HINT


def snapshot_bytes(figure: go.Figure, alt: str, fmt: str, made_on: date) -> bytes:
    """The snapshot command's file, with the same bytes for the same figure and build date."""
    try:
        data = formats.BUILDERS[fmt](figure, alt)
    except render.ChromiumMissing as error:
        raise SnapshotError(str(error)) from None
    if fmt == "png":
        return formats.add_png_text(formats.without_png_text(data, "Creation Time"),
                                    {"Creation Time": f"{made_on.isoformat()}T00:00:00+00:00"})
    if fmt == "svg":
        return _fixed_svg_ids(data)
    return data


PRERENDER_WIDTHS = {"chart.svg": 1168, "chart-narrow.svg": 358}  # the page's column on a desktop, on a phone
NARROW_MEDIA = "(max-width: 600px)"  # where a page shows the narrow one (markup's phone layout)


def prerendered(figure: go.Figure, alt: str) -> dict[str, bytes]:
    """A page's chart before any script: the same figure as SVG at a desktop's and a phone's
    width (with its alt text inside), and as the JSON the interactive chart is drawn from."""
    try:
        files = {name: _fixed_svg_ids(formats.svg(figure, alt, width)) for name, width in PRERENDER_WIDTHS.items()}
    except render.ChromiumMissing as error:
        raise SnapshotError(str(error)) from None
    files["chart.json"] = figure.to_json(pretty=False, engine="json").encode("utf-8")
    return files


def svg_size(data: bytes) -> tuple[int, int]:
    """(width, height) of an SVG made by `prerendered`, from its root element."""
    found = re.search(rb'<svg[^>]*?width="(\d+)"[^>]*?height="(\d+)"', data)
    return (int(found.group(1)), int(found.group(2))) if found else (1168, 1000)


_SVG_UID = re.compile(rb'id="defs-([0-9a-z]+)"')


def _fixed_svg_ids(svg: bytes) -> bytes:
    """plotly.js names its clip paths and defs after a random id of the drawing (`clip56965axy`),
    which no attribute sets: it is replaced by one taken from the drawing itself, so two SVGs of
    one figure are the same bytes."""
    found = _SVG_UID.search(svg)
    if not found:
        return svg
    uid = found.group(1)
    fixed = hashlib.sha256(svg.replace(uid, b"")).hexdigest()[:6].encode()
    return re.sub(rb'(id="|url\(#)([a-z]*-?)' + re.escape(uid), rb"\g<1>\g<2>" + fixed, svg)


@dataclass(frozen=True)
class Quote:
    text: str
    document: str  # the document in words: outlet, headline, date, archived file
    url: str | None  # the original's address, unchecked (the page checks it)


@dataclass(frozen=True)
class RecordCard:
    """What a record page shows, in the app's card's words."""

    headline: str
    facts: list[tuple[str, str]]
    quotes: list[Quote]
    notes: str | None
    paste: str = ""  # the claim as a sentence for an article, with its link (dashboard.attribution)


def record_card(row: pd.Series, dataset: Dataset, link: str | None = None) -> RecordCard:
    """The app's card of one row, and the sentence to paste, linking to `link` when its earliest
    report has no original address."""
    content = card(row)
    quotes = [Quote(r.quote, r.document + (f" ({r.how})" if r.how else ""), r.url) for r in content.reports]
    return RecordCard(content.headline, content.facts, quotes, content.notes, attribution(row, link))


def summary(frame: pd.DataFrame, view: View) -> PageSummary:
    """What the app says around the chart of `view`: key numbers, who says what, the chart's key,
    what it leaves to the table, the gaps and the sources (dashboard.summary)."""
    return page_summary(apply(frame, view), log=view.scale == "log")



def document_link(dataset: Dataset, document_id: str) -> str | None:
    """The original address of an archived document (unchecked: the page checks it)."""
    document = dataset.documents.get(document_id)
    return document.meta.url if document is not None else None


def app_link(view: View, base: str) -> str:
    return permalink(view, base)


def data_files(dataset: Dataset, frame: pd.DataFrame, made_on: date) -> dict[str, bytes]:
    """The records as the app's downloads give them: CSV, JSON and the data package."""
    return {
        "records.csv": to_csv(frame.assign(data_version=dataset.version),
                              extra=["data_version"]).encode("utf-8"),
        "records.json": to_json(frame, data_version=dataset.version).encode("utf-8"),
        "datapackage.zip": datapackage.to_zip(dataset, frame, made_on),
    }
