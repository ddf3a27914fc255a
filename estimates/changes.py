"""Data changelog: the records added, changed and removed between two git revisions.

    python -m estimates changes v0.1.0 HEAD     # between two revisions
    python -m estimates changes v0.1.0          # from a revision to the files as they are now

Each revision's `estimates/data/` and `seeds/` are read from git and validated with today's
code (a data file from before claims and reports were separate is read through `upgrade`);
records are matched by id. A record gone whose passages are now reports of another claim is
said to be folded into it, not removed. The output is Markdown, ready for release notes.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .dataset import Dataset, load
from .dates import label
from .models import Admission, Estimate
from .quotes import normalize
from .safe_write import Folder, UnsafeWrite
from .upgrade import TextDates, upgrade

DATA_PATH, SEEDS_PATH = "estimates/data", "seeds"
QUALIFIER_WORDS = {"exact": "", "about": "about ", "at_least": "at least ", "more_than": "more than ",
                   "up_to": "up to ", "as_many_as": "as many as ", "range": "", "vague": "an unstated number of "}


class ChangesError(Exception):
    """Not a git checkout, or an unknown revision."""


def _git(repo: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True)
    if result.returncode != 0:
        raise ChangesError(result.stderr.decode(errors="replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def repository(start: Path) -> Path:
    try:
        return Path(_git(start, "rev-parse", "--show-toplevel").decode().strip())
    except (ChangesError, FileNotFoundError):
        raise ChangesError(f"{start} is not in a git checkout: `changes` compares git revisions") from None


def _entries(repo: Path, commit: str, revision: str) -> list[tuple[str, str]]:
    """(path, object id) of every file under the data folders at `commit`, each path checked:
    UTF-8, inside the tree (git mktree accepts entries named `..`), a regular file, and not
    where one of the folders should be."""
    listing = _git(repo, "ls-tree", "-r", "-z", commit, "--", DATA_PATH, SEEDS_PATH)
    entries = []
    for record in filter(None, listing.split(b"\0")):
        meta, _, raw = record.partition(b"\t")
        mode, kind, oid = meta.decode("ascii", "replace").split(" ")
        try:
            path = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ChangesError(f"{revision} holds a file name that is not UTF-8 ({raw!r}): `changes` reads only "
                               "UTF-8 names; rename the file in a later commit and compare from there") from None
        if path.startswith("/") or any(part in ("", ".", "..") for part in path.split("/")):
            raise ChangesError(f"{revision} holds a path that leaves its folder ({path!r}): refused, nothing was "
                               "written; a tree entry named `..` or `.` is never written to disk")
        if path in (DATA_PATH, SEEDS_PATH):
            raise ChangesError(f"in {revision}, {path} is a file where a folder should be: `changes` reads the data "
                               f"files in {DATA_PATH}/ and the archived documents in {SEEDS_PATH}/")
        if kind != "blob" or mode == "120000":
            what = "a symlink" if mode == "120000" else f"a {kind}"
            raise ChangesError(f"in {revision}, {path} is {what}, not a regular file: `changes` reads only files")
        entries.append((path, oid))
    return entries


def _blobs(repo: Path, oids: list[str]) -> list[bytes]:
    """The contents of `oids`, in order, from one `git cat-file --batch` (one process, not one per file)."""
    if not oids:
        return []
    result = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch"], input="\n".join(oids).encode() + b"\n",
                            capture_output=True)
    if result.returncode != 0:
        raise ChangesError(result.stderr.decode(errors="replace").strip() or "git cat-file failed")
    out, at, blobs = result.stdout, 0, []
    for oid in oids:
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        if len(header) != 3:
            raise ChangesError(f"git could not read object {oid}: {out[at:end].decode(errors='replace')}")
        size = int(header[2])
        blobs.append(out[end + 1:end + 1 + size])
        at = end + 1 + size + 1
    return blobs


def load_revision(repo: Path, revision: str, into: Path) -> Dataset:
    """The dataset as it was at `revision`: its files written under `into` (only there) and loaded."""
    commit = _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    entries = _entries(repo, commit, revision)
    folder = Folder(into)
    try:
        for (path, _), data in zip(entries, _blobs(repo, [oid for _, oid in entries])):
            folder.write(path, _upgraded(path, data), new_only=True)
        for path in (DATA_PATH, SEEDS_PATH):
            folder.mkdir(path)  # even when the revision has none
    except UnsafeWrite as error:
        where = Path(error.filename)
        shown = where.relative_to(folder.root) if where.is_relative_to(folder.root) else where
        raise ChangesError(f"in {revision}, {shown} {error.reason}") from None
    return load(data_dir=into / DATA_PATH, seeds_dir=into / SEEDS_PATH)


def _upgraded(path: str, data: bytes) -> bytes:
    """A data file in today's shape: one from before claims and reports were separate is
    rewritten (see upgrade.py); any other file, or one that does not parse, as it was."""
    if not path.startswith(DATA_PATH + "/") or not path.endswith((".yaml", ".yml")) or b"citations:" not in data:
        return data
    try:
        parsed = yaml.load(data, TextDates)
    except yaml.YAMLError:
        return data  # today's loader reports what is wrong with it
    return yaml.safe_dump(upgrade(parsed), sort_keys=False, allow_unicode=True).encode()


_PLAIN_MARKDOWN = re.compile(r"(?:[^\W_]|[ ,;'’\"()–-]|[.:](?= |\Z))*\Z")


def inert(text: str) -> str:
    """Data text made safe for the Markdown release notes: on one line (no heading, list or quote
    can start), and as a code span unless it is plain words, so that no link, image, autolink
    (`www.…`, `https://…`, e-mail), HTML or emphasis can come from the data."""
    text = " ".join(text.split())
    if _PLAIN_MARKDOWN.match(text):
        return text
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def describe(record: Estimate | Admission, dataset: Dataset) -> str:
    """A record in words: `NIS (via Yonhap): at least 300 killed (war), announced Jan 2025`."""
    def name(who: str) -> str:
        return inert(dataset.estimators[who].short_name) if who in dataset.estimators else who

    if isinstance(record, Admission):
        return f"statement by {name(record.actor)}, {label(record.date.value)}: \"{inert(record.label)}\""
    outlets = len({r.document for r in record.reports})
    relays = f" ({outlets} report{'s' if outlets != 1 else ''})"
    if record.qualifier == "range":
        figure = f"{record.low:,g}–{record.high:,g}"
    elif record.qualifier == "vague":
        figure = QUALIFIER_WORDS["vague"].strip()
    else:
        figure = f"{QUALIFIER_WORDS[record.qualifier]}{record.value:,g}"
    status = "" if record.status == "count" else f" ({record.status})"
    return (f"{name(record.estimator)}{relays}: {figure} {record.quantity.replace('_', ' ')}{status} "
            f"({record.scope}), announced {label(record.announced.value)}")


def _flat(value: object, prefix: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        flat: dict[str, object] = {}
        for key, item in value.items():
            flat.update(_flat(item, f"{prefix}{key}."))
        return flat
    return {prefix.rstrip("."): value}


def _show(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float):
        return f"{value:,g}"
    if isinstance(value, list):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}" if value and isinstance(value[0], dict) else str(value)
    text = str(value)
    return inert(text if len(text) <= 60 else text[:57] + "...")


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)


def _invalid_ids(dataset: Dataset) -> set[str]:
    """Ids of records left out for errors (a problem's field is `ID.FIELD`)."""
    return {p.field.split(".", 1)[0] for p in dataset.errors if p.field}


def compare(old: Dataset, new: Dataset) -> Changes:
    before = {r.id: r for r in old.records}
    after = {r.id: r for r in new.records}
    invalid_before, invalid_after = _invalid_ids(old), _invalid_ids(new)
    changes = Changes()
    for id_ in sorted(after.keys() - before.keys()):
        if id_ in invalid_before:  # it was there, but today's rules reject that version of it
            changes.changed.append(f"`{id_}`: fixed (had errors): {describe(after[id_], new)}")
        else:
            changes.added.append(f"`{id_}`: {describe(after[id_], new)}")
    passages = {(r.document, normalize(r.quote)): record.id for record in new.records for r in record.reports}
    for id_ in sorted(before.keys() - after.keys()):
        homes = sorted({passages[(r.document, normalize(r.quote))] for r in before[id_].reports
                        if (r.document, normalize(r.quote)) in passages})
        if homes:
            changes.folded.append(f"`{id_}`: now {'a report' if len(homes) == 1 else 'reports'} of "
                                  f"{', '.join(f'`{h}`' for h in homes)} (counted once): {describe(before[id_], old)}")
        elif id_ in invalid_after:
            changes.changed.append(f"`{id_}`: now has errors: {describe(before[id_], old)}")
        else:
            changes.removed.append(f"`{id_}`: {describe(before[id_], old)}")
    for id_ in sorted(before.keys() & after.keys()):
        a, b = _flat(before[id_].model_dump(mode="json")), _flat(after[id_].model_dump(mode="json"))
        fields = [f"{key} {_show(a.get(key))} → {_show(b.get(key))}" for key in sorted(a.keys() | b.keys())
                  if a.get(key) != b.get(key)]
        if fields:
            changes.changed.append(f"`{id_}`: {'; '.join(fields)}")
    return changes


def report(old: Dataset, new: Dataset, old_name: str, new_name: str) -> str:
    changes = compare(old, new)
    lines = [f"## Data changes from {old_name} to {new_name}", "",
             f"Data version {old.version} → {new.version}: {len(changes.added)} records added, "
             f"{len(changes.changed)} changed, {len(changes.folded)} folded into other claims as reports, "
             f"{len(changes.removed)} removed."]
    for title, items in (("Added", changes.added), ("Changed", changes.changed),
                         ("Folded into another claim", changes.folded), ("Removed", changes.removed)):
        if items:
            lines += ["", f"### {title}", "", *(f"- {item}" for item in items)]
    for name, dataset in ((old_name, old), (new_name, new)):
        if dataset.errors:
            lines += ["", f"Note: {name} has {len(dataset.errors)} validation errors; records with errors are left out "
                      "(run `python -m estimates validate` on that revision to see them)."]
    return "\n".join(lines) + "\n"


def _run(args: argparse.Namespace) -> int:
    try:
        repo = repository(Path.cwd())
        with tempfile.TemporaryDirectory() as old_dir, tempfile.TemporaryDirectory() as new_dir:
            old = load_revision(repo, args.rev1, Path(old_dir))
            if args.rev2 is None:
                new, new_name = load(data_dir=repo / DATA_PATH, seeds_dir=repo / SEEDS_PATH), "the working tree"
            else:
                new, new_name = load_revision(repo, args.rev2, Path(new_dir)), args.rev2
    except ChangesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(report(old, new, args.rev1, new_name))
    return 0


def add_parser(commands) -> None:
    """Register `changes` with the `python -m estimates` command line."""
    parser = commands.add_parser("changes", help="list the records added, changed and removed between two git revisions")
    parser.add_argument("rev1", help="the earlier revision (a tag, branch or commit)")
    parser.add_argument("rev2", nargs="?", help="the later revision (default: the files as they are now)")
    parser.set_defaults(run=_run)
