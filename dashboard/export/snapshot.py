"""Chart snapshots that carry their own sources, from the command line.

    python -m dashboard.snapshot --view "quantity=killed&scale=linear" --format png --out killed.png
    python -m dashboard.snapshot --views weekly.yaml --out-dir snapshots/

The view is the dashboard URL's query string (empty: the default view). A views file lists
named views: `views: [{name: killed, view: "quantity=killed", formats: [png, svg]}]`. Each file
gets its alt text written beside it (`killed.alt.txt`).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs

import pandas as pd
import plotly.graph_objects as go

import estimates
from estimates.safe_write import Folder, UnsafeWrite
from estimates.yamlfile import read_yaml

from ..figures import snapshot_figure
from ..urls import BadBaseUrl, check_base_url
from ..view import View, parse_query
from .formats import BUILDERS
from .render import ChromiumMissing
from .settings import BASE_URL_VARIABLE, DEFAULT_BASE_URL, base_url

MAX_VIEWS = 50  # up to 50 x 3 files of 0.1-5 MB each: a weekly batch, not a way to fill a disk
_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,79}\Z")


class SnapshotError(Exception):
    """A problem the user can fix: a bad view, an unwritable path, a missing browser."""


def parse_view(query: str, frame: pd.DataFrame) -> View:
    """The view of a query string; anything it cannot use is an error here, not a notice."""
    params = parse_qs(query.lstrip("?"), keep_blank_values=True)
    parsed = parse_query(params, frame=frame)
    if parsed.notices:
        raise SnapshotError(f"bad view {query!r}: " + " ".join(parsed.notices))
    return parsed.view


def write_snapshot(figure: go.Figure, alt_text: str, fmt: str, out: Path, force: bool = False) -> list[Path]:
    """The file and its alt text beside it, through the safe writer: a file this command did not
    write (or that was changed since) is never replaced without `force`, nor written through a
    symlink."""
    try:
        data = BUILDERS[fmt](figure, alt_text)
    except ChromiumMissing as error:
        raise SnapshotError(str(error)) from None
    alt_name = out.stem + ".alt.txt"
    try:
        folder = Folder(out.parent, force=force, manifest=True)
        for name, content in ((out.name, data), (alt_name, (alt_text + "\n").encode("utf-8"))):
            folder.check(name, content)  # both can be written, before either is
        return [folder.write(out.name, data), folder.write(alt_name, (alt_text + "\n").encode("utf-8"))]
    except UnsafeWrite as error:
        raise SnapshotError(f"{error}") from None


def _views_file(path: Path, default_formats: list[str]) -> list[tuple[str, str, list[str]]]:
    yfile, problems = read_yaml(path)  # a regular file of at most yamlfile.MAX_BYTES (safe_files)
    problems = problems or [p for _, p in yfile.problems]  # a duplicate key, an alias...: never guessed around
    if problems:
        raise SnapshotError("\n".join(str(p) for p in problems))
    views = (yfile.data or {}).get("views") if isinstance(yfile.data, dict) else None
    if not isinstance(views, list) or not views:
        raise SnapshotError(f"{path}: expected `views:` with a list of {{name, view, formats}}")
    if len(views) > MAX_VIEWS:
        raise SnapshotError(f"{path}: {len(views):,} views, over the limit of {MAX_VIEWS} per views file: "
                            "split it into several files")
    found, lines = [], {}
    for index, item in enumerate(views):
        line = yfile.position(("views", index))[0]
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise SnapshotError(f"{path}:{line}: each view needs a `name`")
        if not _NAME.match(item["name"]):
            raise SnapshotError(f"{path}:{line}: a view name is a file name: letters, digits, '.', '_' and '-', "
                                f"at most 80, not starting with '.' (got {item['name']!r})")
        same = item["name"].casefold()  # `Killed` and `killed` are one file on macOS and Windows
        if same in lines:
            raise SnapshotError(f"{path}:{line}: a second view named {item['name']!r} (the first is on line "
                                f"{lines[same]}) would overwrite its files: give each view its own name "
                                "(names that differ only in capitals count as the same)")
        lines[same] = line
        unknown = set(item) - {"name", "view", "formats"}
        if unknown:
            raise SnapshotError(f"{path}:{line}: unknown field {', '.join(sorted(unknown))} (use name, view, formats)")
        formats = item.get("formats", default_formats)
        if not isinstance(formats, list) or not all(isinstance(f, str) and f in BUILDERS for f in formats):
            raise SnapshotError(f"{path}:{line}: formats must be a list of {', '.join(BUILDERS)}")
        found.append((item["name"], str(item.get("view") or ""), list(dict.fromkeys(formats))))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.snapshot", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--view", help="the dashboard URL's query string ('' for the default view)")
    which.add_argument("--views", type=Path, help="a YAML file of named views")
    parser.add_argument("--format", choices=sorted(BUILDERS), default="png")
    parser.add_argument("--out", type=Path, help="the file to write (with --view)")
    parser.add_argument("--out-dir", type=Path, default=Path("."), help="where to write (with --views)")
    parser.add_argument("--force", action="store_true", help="replace files this command did not write")
    parser.add_argument("--base-url", default=None,
                        help=f"base of the permalink, an http(s) address (default ${BASE_URL_VARIABLE}, else {DEFAULT_BASE_URL})")
    args = parser.parse_args(argv)
    if args.view is not None and args.out is None:
        parser.error("--view needs --out FILE")
    try:
        args.base_url = check_base_url(args.base_url, "--base-url") if args.base_url else base_url()
    except BadBaseUrl as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    dataset = estimates.load()
    frame = estimates.to_frame(dataset)
    today = date.today()
    try:
        jobs = ([("", args.view, [args.format])] if args.view is not None
                else _views_file(args.views, [args.format]))
        checked = [(name, parse_view(query, frame), formats) for name, query, formats in jobs]
        for name, view, formats in checked:
            figure, alt_text = snapshot_figure(frame, dataset, view, today, args.base_url)
            for fmt in formats:
                out = args.out if args.view is not None else args.out_dir / f"{name}.{fmt}"
                for path in write_snapshot(figure, alt_text, fmt, out, args.force):
                    print(f"wrote {path}")
    except SnapshotError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
