"""Helpers for the static edition's tests: a small dataset with a hostile record, a published
site from it, and the links between its pages."""

from __future__ import annotations

import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from conftest import FIXTURES, copy_seed_articles

BUILT = date(2026, 12, 1)
APP = "https://app.example.org/tracker"
VIEWS = """views:
  - name: killed
    view: quantity=killed&scale=linear
    formats: [png, svg, html]
  - name: everything
    view: ""
    formats: [html]
"""


def hostile_data(target: Path) -> tuple[Path, Path]:
    """The five seed articles' records, plus the hostile record and its document."""
    data, seeds = copy_seed_articles(target)
    shutil.copy(FIXTURES / "hostile" / "data" / "hostile.yaml", data)
    for path in (FIXTURES / "hostile" / "seeds").iterdir():
        shutil.copy(path, seeds)
    return data, seeds


def views_file(target: Path) -> Path:
    path = target / "views.yaml"
    path.write_text(VIEWS, encoding="utf-8")
    return path


def publish_small(out: Path, work: Path, images: bool, site_url: str | None = None) -> list[str]:
    from dashboard.export.publish import publish

    data, seeds = hostile_data(work / "input")
    return publish(out, views=views_file(work), app=APP, built=BUILT, site_url=site_url, images=images,
                   data_dir=data, seeds_dir=seeds)


class Links(HTMLParser):
    """Every href and src of a page, and its element ids."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append((tag, name, value))
            if name == "id" and value:
                self.ids.add(value)


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def inside_target(page: Path, value: str) -> tuple[Path, str] | None:
    """(file, fragment) a relative link points to, or None for an outside (absolute) address."""
    if urlsplit(value).scheme or value.startswith("//"):
        return None
    address, fragment = urldefrag(value)
    return (page.parent / address).resolve() if address else page.resolve(), fragment
