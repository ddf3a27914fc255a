"""Command line: `python -m estimates validate|format|schema|export|archive|changes`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import changes, datapackage, layout, locations
from . import problems as report
from . import schema
from .archive import ArchiveError, archive
from .dataset import ROOT, load
from .discovery import walk
from .documents import MAX_DOCUMENT_BYTES
from .export import to_csv, to_json
from .frame import to_frame
from .safe_files import read_bytes
from .safe_write import Folder, UnsafeWrite, failure

FORMATTERS = {"text": report.as_text, "json": report.as_json, "github": report.as_github}


def _validate(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    empty = [p for p in args.paths if p.is_dir() and not any(walk(p)[0].values())]
    if empty:
        print(f"error: no data file (*.yaml, *.yml) in {', '.join(map(str, empty))}: nothing to check there",
              file=sys.stderr)
        return 2
    dataset = load(args.paths)
    dataset.problems += layout.misplaced(dataset, locations.data_dir(), ROOT)
    shown = dataset.problems if not args.errors_only else dataset.errors
    if shown or args.format == "json":
        print(FORMATTERS[args.format](shown))
    failed = dataset.errors or (args.strict and dataset.warnings)
    summary = (f"{len(dataset.estimates)} estimates, {len(dataset.admissions)} admissions, "
               f"{len(dataset.documents)} documents in {len(dataset.files)} files: "
               f"{len(dataset.errors)} errors, {len(dataset.warnings)} warnings (data version {dataset.version})")
    print(summary, file=sys.stderr)
    print(locations.described(), file=sys.stderr)
    return 1 if failed else 0


def _format(args: argparse.Namespace) -> int:
    data_dir = locations.data_dir()
    dataset = load()
    if dataset.errors:
        print(report.as_text(dataset.errors), file=sys.stderr)
        print("error: fix these first: `format` places only records that load", file=sys.stderr)
        return 1
    try:
        changes = layout.plan(dataset, data_dir, ROOT)
        if changes and not args.check:
            layout.check_plan(changes, data_dir, dataset, load)
    except (layout.LayoutError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.check:
        for path in sorted(changes):
            print(f"{path.relative_to(data_dir.resolve())} is not laid out by the rule: run "
                  "`python -m estimates format`", file=sys.stderr)
        return 1 if changes else 0
    for line in layout.write(changes, data_dir):
        print(line, file=sys.stderr)
    print(f"{len(dataset.records)} records in their files, in order" + ("" if changes else ": nothing to move"),
          file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    if args.check:
        stale = schema.stale()
        for path in stale:
            print(f"{path} is out of date: run `python -m estimates schema`", file=sys.stderr)
        return 1 if stale else 0
    try:
        written = schema.write(force=args.force)
    except UnsafeWrite as error:
        print(f"error: cannot write {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    return 0


def _export(args: argparse.Namespace) -> int:
    dataset = load()
    if dataset.errors:
        print(report.as_text(dataset.errors), file=sys.stderr)
        print("warning: records with errors are left out of the export", file=sys.stderr)
    frame = to_frame(dataset)
    if args.format == "datapackage":
        return datapackage.export(dataset, frame, args.out, args.force)
    text = to_csv(frame) if args.format == "csv" else to_json(frame, data_version=dataset.version)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        Folder(args.out.parent, force=args.force).write(args.out.name, text.encode("utf-8"))
    except OSError as error:  # UnsafeWrite included
        print(failure(error, args.out), file=sys.stderr)
        return 2
    print(f"wrote {len(frame)} records to {args.out}", file=sys.stderr)
    return 0


def _archive_input(path: Path | None) -> str:
    """The text to archive, read with the safe reader: a regular file (a FIFO or a device is
    refused at once, never read), or standard input, within the archived documents' size limit."""
    if path is not None:
        raw = read_bytes(path, MAX_DOCUMENT_BYTES, what="the text to archive")
    else:
        raw = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
        if len(raw) > MAX_DOCUMENT_BYTES:
            raise ArchiveError(f"standard input is more than {MAX_DOCUMENT_BYTES:,} bytes, over the "
                               f"{MAX_DOCUMENT_BYTES:,}-byte limit of an archived document")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArchiveError(f"the text is not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start:,}): "
                           "save it as UTF-8 and archive it again") from None


def _archive(args: argparse.Namespace) -> int:
    seeds = args.seeds or locations.writable_seeds_dir()
    if seeds is None:
        print(f"error: {Path.cwd()} is not a checkout of the tracker, and archive writes only where it is told: "
              f"run it in your checkout, or give --seeds-dir DIR (or ${locations.SEEDS_DIR_VARIABLE}); it never "
              "writes into the copy installed with the package", file=sys.stderr)
        return 2
    try:
        done = archive(args.url, _archive_input(args.text), seeds, coverage=args.coverage)
    except (ArchiveError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {done.text_path} and {done.meta_path}", file=sys.stderr)
    if done.review:
        print(f"guessed from the URL, to check: {', '.join(done.review)} (listed under `review:`)", file=sys.stderr)
    print(f"next: fill in what is missing in {done.meta_path.name}, cite it as `document: {done.text_path.stem}`, "
          "then run `python -m estimates validate`", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m estimates", description=__doc__)
    parser.add_argument("--data-dir", type=Path, help=f"the data files to read (also ${locations.DATA_DIR_VARIABLE}; "
                        "default: the checkout in this folder, else the copy installed with the package)")
    parser.add_argument("--seeds-dir", type=Path, help=f"the archived documents (also ${locations.SEEDS_DIR_VARIABLE})")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the dataset (and any extra files given)")
    validate.add_argument("paths", nargs="*", type=Path, help="extra data files or folders to check with the dataset")
    validate.add_argument("--format", choices=FORMATTERS, default="text")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.add_argument("--errors-only", action="store_true", help="do not print warnings")
    validate.set_defaults(run=_validate)
    make_format = commands.add_parser("format", help="move each record to its file and sort them (see README: "
                                      "Where a record goes)")
    make_format.add_argument("--check", action="store_true", help="only say which files would change; exit 1 if any")
    make_format.set_defaults(run=_format)
    make_schema = commands.add_parser("schema", help="write the JSON Schemas and docs/fields.md from the models")
    make_schema.add_argument("--check", action="store_true", help="fail if the committed files are out of date")
    make_schema.add_argument("--force", action="store_true", help="replace the files even if they do not look generated")
    make_schema.set_defaults(run=_schema)
    export = commands.add_parser("export", help="write every valid record as CSV, JSON or a Frictionless data package")
    export.add_argument("--format", choices=["csv", "json", "datapackage"], default="csv")
    export.add_argument("--out", type=Path, help="file to write (default: standard output); "
                        "for datapackage, a folder or a .zip")
    export.add_argument("--force", action="store_true", help="replace files this command did not write "
                        "(default: refuse, and write nothing)")
    export.set_defaults(run=_export)
    archive = commands.add_parser("archive", help="archive a document's cited passages in seeds/, with its metadata")
    archive.add_argument("--url", required=True, help="the original's http(s) address")
    archive.add_argument("text", nargs="?", type=Path, help="a text file of the passages (default: standard input)")
    archive.add_argument("--coverage", choices=["excerpts", "full"], default="excerpts",
                         help="`excerpts` (default): at most 50 words per passage; `full` only for texts we may republish")
    archive.add_argument("--seeds", type=Path, help=argparse.SUPPRESS)  # the same as --seeds-dir, after the command
    archive.set_defaults(run=_archive)
    changes.add_parser(commands)
    args = parser.parse_args(argv)
    locations.use(args.data_dir, args.seeds_dir)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
