"""Publish the static edition: every view and every record as files any static host serves.

    python -m dashboard.publish --out site/
    python -m dashboard.publish --out site/ --views views.yaml --base-url https://app.example.org \\
        --site-url https://tracker.example.org --build-date 2026-12-01

writes index.html (the key numbers, the default view's chart, every record in a table),
who-says-what.html, views/NAME/ (a page per named view: its chart, PNG, SVG and HTML snapshots,
alt text, a link to the view in the app, an embed snippet, and embed.html), records/ID.html (a
page per record). Each chart page shows its chart pre-rendered (chart.svg, chart-narrow.svg
beside it) before any script, and becomes interactive from chart.json when read (pages.chart),
data/ (CSV, JSON, the data package), feed.xml (Atom), assets/ (plotly.js, once) and build.json.
It writes into a new or empty folder, or one it published into before (recognised by its marker,
.nk-troops-site.json, never by build.json): it replaces its own earlier files, removes those the
new edition no longer has, and keeps every file it did not make (a CNAME, a .git folder).

The views file is the snapshot command's (`views: [{name, view, formats}]`); without --views,
the site's own views.yaml. The pre-rendered charts, PNG and SVG need Chromium: without it,
publishing stops and says how to install it, or pass --no-images (the charts then draw with
plotly.js at once). The same data, views, addresses and build date give
the same bytes; the build date (default: $SOURCE_DATE_EPOCH, else today) is the only date in
the site that does not come from the data, and build.json records it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

from estimates.safe_write import Folder, failure

from .static_site import bundle, pages, sources
from .static_site.feed import feed

DEFAULT_VIEWS = Path(__file__).resolve().parent / "static_site" / "views.yaml"
_RECORD_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")  # estimates.models.Id: safe as a file name
SITE_MARKER = ".nk-troops-site.json"  # written by publish, in the site's folder: its earlier edition
SITE_FILES = {"index.html", "feed.xml", "build.json"}
SITE_FOLDERS = {"assets", "views", "records", "data"}
NO_IMAGES_NOTE = "PNG and SVG snapshots were not made for this edition (published with --no-images)."


class PublishError(Exception):
    """Something the user can fix: a bad view, a missing browser, an output folder that is not ours."""


ZIP_DATES = (date(1980, 1, 1), date(2107, 12, 31))  # what a zip entry's date can hold (data/datapackage.zip)


def build_date(given: str | None) -> date:
    if given:
        built = date.fromisoformat(given)
    elif os.environ.get("SOURCE_DATE_EPOCH"):  # reproducible-builds.org's convention
        try:
            built = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), timezone.utc).date()
        except (OverflowError, OSError) as error:
            raise ValueError(f"SOURCE_DATE_EPOCH is not a date this machine can hold: {error}") from None
    else:
        built = datetime.now(timezone.utc).date()
    first, last = ZIP_DATES
    if not first <= built <= last:
        raise PublishError(f"build date {built.isoformat()} is outside {first.isoformat()} to {last.isoformat()}, "
                           "the dates a zip file can hold (the site's data/datapackage.zip carries the build date): "
                           "give --build-date YYYY-MM-DD within them")
    return built


class _Files(dict):
    """The site being built, in memory: relative name -> bytes, in the order written."""

    def __call__(self, relative: str, data: str | bytes) -> None:
        self[relative] = data.encode("utf-8") if isinstance(data, str) else data


def build(*, views: Path, app: str, built: date, site_url: str | None, images: bool,
          data_dir: Path | None = None, seeds_dir: Path | None = None) -> dict[str, bytes]:
    """The whole site, in memory: each file's name in the site and its bytes."""
    dataset, frame = sources.load(data_dir, seeds_dir)
    if frame.empty:
        raise PublishError("no records could be loaded: run `python -m estimates validate`")
    named = [(name, sources.view_of(query, frame), formats) for name, query, formats in sources.views_file(views)]
    if images:  # every chart page shows its chart as SVG first, and the snapshots are images too
        missing = sources.chromium_missing()
        if missing:
            raise PublishError(f"{missing} Or publish without PNG and SVG snapshots: --no-images")
    plotly = bundle.recorded()
    write = _Files()
    write(f"assets/{plotly.name}", bundle.verified(plotly))
    write("assets/plotly.js-LICENSE.txt", plotly.licence_path.read_bytes())
    site = pages.Site(dataset, frame, app, built, plotly.name, site_url,
                      [(name, sources.view_words(view, frame)) for name, view, _ in named], prerender=images)

    def prerender(folder: str, drawn) -> dict | None:
        """The chart's SVGs and JSON beside its page; their sizes, or None without images."""
        if not images:
            return None
        files = sources.prerendered(drawn.page, drawn.alt)
        for name, data in files.items():
            write(f"{folder}{name}", data)
        return {name: sources.svg_size(data) for name, data in files.items() if name.endswith(".svg")}

    drawn = sources.chart(frame, dataset, sources.DEFAULT, built, app)
    rows = frame.sort_values(["announced_start", "id", "part"], ascending=[False, True, True], kind="mergesort")
    summary = sources.summary(frame, sources.DEFAULT)
    write("index.html", pages.index(site, drawn, summary, rows, prerender("", drawn)))
    write("who-says-what.html", pages.who_says_what_page(site, summary))
    write("data/who-says-what.csv", sources.who_says_what_csv(summary.who_says_what))

    for name, view, formats in named:
        drawn = sources.chart(frame, dataset, view, built, app)
        files = []
        wanted = [f for f in formats if images or f not in sources.IMAGE_FORMATS]
        for fmt in wanted:
            write(f"views/{name}/{name}.{fmt}", sources.snapshot_bytes(drawn.snapshot, drawn.alt, fmt, built))
            files.append(f"{name}.{fmt}")
        write(f"views/{name}/{name}.alt.txt", drawn.alt + "\n")
        note = NO_IMAGES_NOTE if not images and set(formats) & set(sources.IMAGE_FORMATS) else None
        sizes = prerender(f"views/{name}/", drawn)
        write(f"views/{name}/index.html", pages.view_page(site, name, dict(site.views)[name], view, drawn, files,
                                                          note, sizes))
        write(f"views/{name}/embed.html", pages.embed_page(site, name, view, drawn, sizes))

    for record_id, records in frame.groupby("id", sort=False):
        if not _RECORD_ID.match(str(record_id)):
            raise PublishError(f"record id {record_id!r} cannot be a file name")
        write(pages.record_path(record_id), pages.record_page(site, records))

    for name, data in sources.data_files(dataset, frame, built).items():
        write(f"data/{name}", data)
    write("feed.xml", feed(frame, dataset, site_url))
    about = {"build_date": built.isoformat(), "data_version": dataset.version, "app": app, "site_url": site_url,
             "plotly.js": {"file": f"assets/{plotly.name}", "package": plotly.package, "version": plotly.version,
                           "sha256": plotly.sha256},
             "views": [name for name, _, _ in named], "records": int(frame["id"].nunique()),
             "images": images}
    write("build.json", json.dumps(about, indent=2, sort_keys=True) + "\n")
    return write


def _site_file(name: str) -> bool:
    """A name the site's layout can hold: the only files an earlier edition may lose."""
    top = name.split("/", 1)[0]
    return top in SITE_FILES or (top in SITE_FOLDERS and "/" in name)


def publish(out: Path, **options) -> list[str]:
    """Build the site, then write it into `out`, a new or empty folder or one published into before.

    `out`'s earlier edition is recognised only by the marker publish writes there (SITE_MARKER,
    the list of files it wrote, with their checksums): any other folder that is not empty is
    refused, nothing written. Every file is checked before any is written; a file of the earlier
    edition is replaced or removed only if it still holds what publish wrote. Files publish did
    not make (a CNAME, a .git folder, notes) are never changed or removed, and no folder is.
    """
    out = Path(os.path.abspath(out))
    if os.path.lexists(out) and not out.is_dir():
        raise PublishError(f"{out} is not a folder: give a new or empty folder, or one published into before")
    if out.is_dir() and any(out.iterdir()) and not os.path.lexists(out / SITE_MARKER):
        raise PublishError(f"{out} is not empty and was not published into before (it holds no {SITE_MARKER}, "
                           "the marker publish leaves): nothing was written; choose a new or empty folder")
    files = build(**options)
    site = Folder(out, manifest=True, manifest_name=SITE_MARKER)
    earlier = set(site.made)
    site.write_all(files)
    for name in sorted(earlier - set(files)):
        if _site_file(name):
            site.discard(name)
    return list(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.publish", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="the folder to write the site to")
    parser.add_argument("--views", type=Path, default=DEFAULT_VIEWS, help="a views file (as the snapshot command's)")
    parser.add_argument("--base-url", help="the app's address, for the links to it (default $TRACKER_BASE_URL, "
                                           "else http://localhost:8501)")
    parser.add_argument("--site-url", help="where the site will be served, for the embed snippets and the feed "
                                           "(default: relative links)")
    parser.add_argument("--build-date", help="YYYY-MM-DD (default $SOURCE_DATE_EPOCH, else today)")
    parser.add_argument("--no-images", action="store_true", help="skip the PNG and SVG snapshots (they need Chromium)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        app = sources.check_base_url(args.base_url, "--base-url") if args.base_url else sources.base_url()
        site_url = sources.check_base_url(args.site_url, "--site-url") if args.site_url else None
        built = build_date(args.build_date)
        files = publish(args.out, views=args.views, app=app, built=built, site_url=site_url,
                        images=not args.no_images)
    except (PublishError, sources.SnapshotError, sources.BadBaseUrl, bundle.BundleError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ValueError as error:  # a --build-date or SOURCE_DATE_EPOCH that is not a date
        print(f"error: build date: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # UnsafeWrite included
        print(failure(error, args.out), file=sys.stderr)
        return 2
    print(f"published {len(files)} files to {args.out} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if "://localhost" in app or "://127.0.0.1" in app:
        print(f"note: the links to the app point to {app}, on this machine only: pass --base-url (or set "
              "TRACKER_BASE_URL) to the app's public address before uploading the site", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
