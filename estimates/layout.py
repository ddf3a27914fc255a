"""Where each record goes: one mechanical rule, so that no two contributors place a record
differently and a diff shows only what changed.

- Estimators and scopes: `actors.yaml`.
- An estimate or an admission: `records/YYYY-MM.yaml`, the month its claim was announced (the
  start of an estimate's `announced`, or of an admission's `date`: `late 2024` is 2024-09).
  In each file, the estimates first, then the admissions, each in order of that date, then id.

`validate` warns on a record outside its file and on records out of order (`misplaced`);
`python -m estimates format` moves and sorts them (`plan` and `write`), keeping each record's
text as written (comments included) and checking, before it writes anything, that the files it
would write load to exactly the same records.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .dates import parse_span
from .discovery import MAX_FOLDER_DEPTH, walk
from .models import Admission, Estimate
from .problems import Problem
from .records import Dataset
from .safe_write import Folder

ACTORS = "actors.yaml"
RECORDS = "records"
LISTS = ("estimators", "scopes", "estimates", "admissions")  # in this order in every file
SCHEMA_LINE = "# yaml-language-server: $schema={up}schema/data.schema.json\n"
FORMAT_HINT = "run `python -m estimates format` to move and sort the records"


def announced(record: Estimate | Admission) -> str:
    """The date that places a record: when its claim was announced, as written."""
    return record.announced.value if isinstance(record, Estimate) else record.date.value


def sort_key(record: Estimate | Admission) -> tuple:
    return (parse_span(announced(record)).start, record.id)


def home(key: str, record) -> str:
    """The file a record belongs in, relative to the data folder."""
    if key in ("estimators", "scopes"):
        return ACTORS
    return f"{RECORDS}/{parse_span(announced(record)).start:%Y-%m}.yaml"


def _absolute(shown: str, root: Path) -> Path:
    path = Path(shown)
    return (path if path.is_absolute() else root / path).resolve()


def misplaced(dataset: Dataset, data_dir: Path, root: Path) -> list[Problem]:
    """A warning for each record of the data folder outside its file or out of order. Files
    outside the data folder (a draft given to `validate`) are not placed: they are not the data."""
    data_dir = data_dir.resolve()
    problems = []
    by_file: dict[tuple[str, str], list] = {}
    for key in LISTS:
        records = getattr(dataset, key)
        for record in (records.values() if isinstance(records, dict) else records):
            origin = dataset.origins[(key, record.id)]
            path = _absolute(origin.file, root)
            if not path.is_relative_to(data_dir):
                continue
            wanted = home(key, record)
            if path != (data_dir / wanted).resolve():
                why = "" if key in ("estimators", "scopes") else f", announced {announced(record)}"
                problems.append(Problem(origin.file, origin.line, origin.column, f"{record.id}.id",
                                        f"belongs in {wanted} (every {key[:-1]}{why}): {FORMAT_HINT}", "warning"))
            elif key in ("estimates", "admissions"):
                by_file.setdefault((origin.file, key), []).append((origin.index, record, origin))
    for items in by_file.values():
        items.sort(key=lambda item: item[0])
        records = [record for _, record, _ in items]
        in_order = _longest_ordered(records)
        ordered = sorted(records, key=sort_key)
        for n, (_, record, origin) in enumerate(items):
            if n in in_order:
                continue
            place = ordered.index(record)
            after = f"after `{ordered[place - 1].id}` (announced {announced(ordered[place - 1])})" if place else "first"
            problems.append(Problem(
                origin.file, origin.line, origin.column, f"{record.id}.id",
                f"out of order: announced {announced(record)}, it goes {after}; records are in order of "
                f"announcement, then id: {FORMAT_HINT}", "warning"))
    return problems


def _longest_ordered(records: list) -> set[int]:
    """The positions of the most records already in order: the others are the ones to move."""
    keys = [sort_key(r) for r in records]
    tails: list[int] = []  # tails[k]: position of the smallest last key of an ordered run of length k+1
    before = [-1] * len(keys)
    for n, key in enumerate(keys):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if keys[tails[middle]] <= key:
                low = middle + 1
            else:
                high = middle
        before[n] = tails[low - 1] if low else -1
        tails[low:low + 1] = [n]
    kept, n = set(), tails[-1] if tails else -1
    while n != -1:
        kept.add(n)
        n = before[n]
    return kept


# --- format: move and sort, as text ---------------------------------------------------------

_TOP = re.compile(r"([a-z_]+):[ \t]*(#.*)?\n?\Z")
_ITEM = re.compile(r"( *)- ")
_ID = re.compile(r" *- id: *['\"]?([^'\"\s#]+)")


class LayoutError(Exception):
    """A data file that `format` cannot take apart safely: nothing was written."""


@dataclass
class _File:
    header: list[str]  # the lines before the first list: comments
    blocks: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)  # list -> [(id, lines)]


def _parse(path: Path, shown: str) -> _File:
    """A data file as its header and, per list, each item's lines (from its `- ` to the next)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    parsed = _File([])
    key, indent, block = None, None, None
    for number, line in enumerate(lines, 1):
        top = _TOP.match(line)
        if top and top.group(1) in LISTS:
            key, indent, block = top.group(1), None, None
            if key in parsed.blocks:
                raise LayoutError(f"{shown}:{number}: a second `{key}:` list: join the two first")
            parsed.blocks[key] = []
            continue
        if key is None:
            if line.strip() and not line.lstrip().startswith("#"):
                raise LayoutError(f"{shown}:{number}: expected comments, then `estimates:`, `admissions:`, "
                                  "`estimators:` or `scopes:`")
            parsed.header.append(line)
            continue
        item = _ITEM.match(line)
        if item and (indent is None or len(item.group(1)) == indent):
            indent = len(item.group(1))
            found = _ID.match(line)
            if not found:
                raise LayoutError(f"{shown}:{number}: `format` needs each record to start with `- id:`")
            block = [line[indent:]]
            parsed.blocks[key].append((found.group(1), block))
        elif block is None:
            if line.strip() and not line.lstrip().startswith("#"):
                raise LayoutError(f"{shown}:{number}: expected a list item `- id: ...` under `{key}:`")
        else:
            block.append(line[indent:] if line[:indent].strip() == "" else line)
    for items in parsed.blocks.values():
        for _, block in items:
            while block and not block[-1].strip():
                block.pop()
    return parsed


def _render(header: list[str], lists: dict[str, list[list[str]]]) -> str:
    """A data file: its header, then each list, its items indented two spaces, a blank line apart."""
    sections = []
    for key in LISTS:
        if lists.get(key):
            items = ["".join("  " + line if line.strip() else line for line in block) for block in lists[key]]
            sections.append(f"{key}:\n" + "\n".join(item if item.endswith("\n") else item + "\n" for item in items))
    return "".join(header) + "\n".join(sections)


def _month_header(month: str) -> list[str]:
    return [SCHEMA_LINE.format(up="../../"),
            f"# Estimates and official statements announced in {month} (README: \"Where a record goes\").\n"]


def _data_files(data_dir: Path) -> list[Path]:
    found, too_deep = walk(data_dir)
    if too_deep:
        raise LayoutError(f"{too_deep[0]}: folders nest deeper than {MAX_FOLDER_DEPTH} levels in the data folder")
    return sorted(p for paths in found.values() for p in paths if p.is_file())


def plan(dataset: Dataset, data_dir: Path, root: Path) -> dict[Path, str | None]:
    """The data folder's files as the rule lays them out: path -> new text, or None for a file
    left with no record. Only files that change are listed. Raises LayoutError."""
    data_dir = data_dir.resolve()
    files = _data_files(data_dir)
    parsed = {p: _parse(p, str(p.relative_to(data_dir))) for p in files}
    records = {(key, r.id): r for key in ("estimates", "admissions") for r in getattr(dataset, key)}
    lists: dict[Path, dict[str, list]] = {}
    for path, content in parsed.items():
        for key, items in content.blocks.items():
            for record_id, block in items:
                if key in ("estimators", "scopes"):
                    target, order = data_dir / ACTORS, ()
                else:
                    record = records.get((key, record_id))
                    if record is None:
                        raise LayoutError(f"{path.relative_to(data_dir)}: `{record_id}` did not load: fix what "
                                          "`python -m estimates validate` says first")
                    target, order = data_dir / home(key, record), sort_key(record)
                lists.setdefault(target, {}).setdefault(key, []).append((order, block))
    texts: dict[Path, str | None] = {}
    for target, by_key in lists.items():
        header = parsed[target].header if target in parsed else _month_header(target.stem)
        if not header or not header[0].startswith("# yaml-language-server"):
            up = "../" * len(target.relative_to(data_dir).parts)
            header = [SCHEMA_LINE.format(up=up), *header]
        ordered = {key: [block for _, block in sorted(items, key=lambda item: item[0])] for key, items in by_key.items()}
        texts[target] = _render(header, ordered)
    for path in files:
        if path not in texts:
            texts[path] = None
    return {path: text for path, text in texts.items()
            if text is None or not path.exists() or path.read_text(encoding="utf-8") != text}


def check_plan(changes: dict[Path, str | None], data_dir: Path, dataset: Dataset, load) -> None:
    """Load the data folder as `changes` would leave it, in a temporary copy; raise LayoutError
    unless it holds exactly the records it holds now."""
    data_dir = data_dir.resolve()
    with tempfile.TemporaryDirectory(prefix="nk-troops-format-") as scratch:
        copy = Path(scratch) / "data"
        for path in _data_files(data_dir):
            target = copy / path.relative_to(data_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
        for path, text in changes.items():
            target = copy / path.relative_to(data_dir)
            if text is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        after = load(data_dir=copy)
    for key in LISTS:
        before_items, after_items = getattr(dataset, key), getattr(after, key)
        before_map = before_items if isinstance(before_items, dict) else {r.id: r for r in before_items}
        after_map = after_items if isinstance(after_items, dict) else {r.id: r for r in after_items}
        if before_map != after_map:
            lost = sorted(set(before_map) - set(after_map)) or sorted(k for k in before_map if before_map[k] != after_map.get(k))
            raise LayoutError(f"moving the records would change {key} ({', '.join(lost[:5])}): nothing was written; "
                              "please report this with the files")


def write(changes: dict[Path, str | None], data_dir: Path) -> list[str]:
    """Write the planned files through the safe writer (each replaced whole, never through a
    symlink or outside the data folder), then remove the files whose records all moved, and any
    folder they leave empty; what was done, in words."""
    folder = Folder(data_dir, force=True)  # format rewrites the data files: that is its job
    done = []
    for path, text in sorted(changes.items(), key=lambda item: item[1] is None):
        name = path.relative_to(folder.root).as_posix()
        if text is not None:
            folder.write(name, text.encode("utf-8"))
            done.append(f"wrote {name}")
            continue
        path.unlink()
        done.append(f"removed {name}: its records moved to their files")
        if path.parent != folder.root and not any(path.parent.iterdir()):
            path.parent.rmdir()
    return done
