"""Publish the static edition: every view and every record as files any static host serves.

    python -m dashboard.publish --out site/
    python -m dashboard.publish --out site/ --views views.yaml --base-url https://app.example.org \\
        --site-url https://tracker.example.org --build-date 2026-12-01

writes index.html (the default view's chart, the headline figures, every record in a table),
views/NAME/ (a page per named view: its chart, PNG, SVG and HTML snapshots, alt text, a link to
the view in the app, an embed snippet, and embed.html), records/ID.html (a page per record),
data/ (CSV, JSON, the data package), feed.xml (Atom), assets/ (plotly.js, once) and build.json.

The views file is the snapshot command's (`views: [{name, view, formats}]`); without --views,
the site's own views.yaml. PNG and SVG need Chromium: without it, publishing stops and says
how to install it, or pass --no-images. The same data, views, addresses and build date give
the same bytes; the build date (default: $SOURCE_DATE_EPOCH, else today) is the only date in
the site that does not come from the data, and build.json records it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

from .static_site import bundle, pages, sources
from .static_site.feed import feed

DEFAULT_VIEWS = Path(__file__).resolve().parent / "static_site" / "views.yaml"
_RECORD_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")  # estimates.models.Id: safe as a file name
NO_IMAGES_NOTE = "PNG and SVG snapshots were not made for this edition (published with --no-images)."


class PublishError(Exception):
    """Something the user can fix: a bad view, a missing browser, an output folder that is not ours."""


def build_date(given: str | None) -> date:
    if given:
        return date.fromisoformat(given)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")  # reproducible-builds.org's convention
    if epoch:
        return datetime.fromtimestamp(int(epoch), timezone.utc).date()
    return datetime.now(timezone.utc).date()


class _Writer:
    def __init__(self, root: Path):
        self.root, self.files = root, []

    def __call__(self, relative: str, data: str | bytes) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.files.append(relative)


def build(target: Path, *, views: Path, app: str, built: date, site_url: str | None, images: bool,
          data_dir: Path | None = None, seeds_dir: Path | None = None) -> list[str]:
    """Write the whole site into the empty folder `target`; return the files written."""
    dataset, frame = sources.load(data_dir, seeds_dir)
    if frame.empty:
        raise PublishError("no records could be loaded: run `python -m estimates validate`")
    named = [(name, sources.view_of(query, frame), formats) for name, query, formats in sources.views_file(views)]
    if images and any(set(f) & set(sources.IMAGE_FORMATS) for _, _, f in named):
        missing = sources.chromium_missing()
        if missing:
            raise PublishError(f"{missing} Or publish without PNG and SVG snapshots: --no-images")
    plotly = bundle.recorded()
    write = _Writer(target)
    write(f"assets/{plotly.name}", bundle.verified(plotly))
    write("assets/plotly.js-LICENSE.txt", plotly.licence_path.read_bytes())
    site = pages.Site(dataset, frame, app, built, plotly.name, site_url,
                      [(name, sources.view_words(view, frame)) for name, view, _ in named])

    drawn = sources.chart(frame, dataset, sources.DEFAULT, built, app)
    rows = frame.sort_values(["announced_start", "id", "part"], ascending=[False, True, True], kind="mergesort")
    write("index.html", pages.index(site, drawn, sources.headlines(frame),
                                    sources.gap_captions(frame, sources.DEFAULT), rows))

    for name, view, formats in named:
        drawn = sources.chart(frame, dataset, view, built, app)
        files = []
        wanted = [f for f in formats if images or f not in sources.IMAGE_FORMATS]
        for fmt in wanted:
            write(f"views/{name}/{name}.{fmt}", sources.snapshot_bytes(drawn.snapshot, drawn.alt, fmt, built))
            files.append(f"{name}.{fmt}")
        write(f"views/{name}/{name}.alt.txt", drawn.alt + "\n")
        note = NO_IMAGES_NOTE if not images and set(formats) & set(sources.IMAGE_FORMATS) else None
        write(f"views/{name}/index.html", pages.view_page(site, name, dict(site.views)[name], view, drawn, files,
                                                          note))
        write(f"views/{name}/embed.html", pages.embed_page(site, name, view, drawn))

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
    return write.files


def publish(out: Path, **options) -> list[str]:
    """Build the site beside `out`, then put it in place of `out`: a reader of the old site never
    sees half of the new one. `out` must be missing, empty, or a site published before."""
    out = out.resolve()
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / "build.json").is_file())):
        raise PublishError(f"{out} is not empty and holds no build.json: choose an empty or new folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        files = build(staging, **options)
        staging.chmod(0o755)
        if out.exists():
            old = out.with_name(f".{out.name}-old-{os.getpid()}")
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old)
        else:
            staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return files


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
    except OSError as error:
        print(f"error: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return 2
    print(f"published {len(files)} files to {args.out} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if "://localhost" in app or "://127.0.0.1" in app:
        print(f"note: the links to the app point to {app}, on this machine only: pass --base-url (or set "
              "TRACKER_BASE_URL) to the app's public address before uploading the site", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
