"""Load every data file and archived document, validate them, and keep what is valid.

An invalid record never hides the valid ones: each file is validated as a whole (fast), and
when that fails the records without errors are kept one by one.
"""

from __future__ import annotations

import gc
import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Mapping

from pydantic import TypeAdapter, ValidationError

from . import locations, rules
from .discovery import too_deep_message, walk
from .documents import MAX_DOCUMENT_BYTES, load_documents
from .locations import DATA_DIR, ROOT, SEEDS_DIR  # re-exported; which copy is read: see locations.py
from .models import Admission, DataFile, Estimate, Estimator, Scope
from .problems import Problem
from .records import Dataset, Origin  # re-exported: `from estimates.dataset import Dataset` works
from .safe_files import absolute, read_bytes
from .validation import error_loc, field_name, problems_from
from .yamlfile import MAX_BYTES, YamlFile, read_yaml

MAX_FILE_BYTES = max(MAX_BYTES, MAX_DOCUMENT_BYTES)  # any larger file is refused: never read more
_ITEM_MODELS = {"estimators": Estimator, "scopes": Scope, "estimates": Estimate, "admissions": Admission}
_ADAPTERS = {key: TypeAdapter(model) for key, model in _ITEM_MODELS.items()}


def find_data_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The data files in `paths` (files, or folders walked), and the folders too deep to enter."""
    found: dict[Path, None] = {}
    too_deep: list[Path] = []
    for path in paths:
        if path.is_dir():
            children, deep = walk(path)
            for child in [*sorted(children[".yaml"]), *sorted(children[".yml"])]:
                found[absolute(child)] = None
            too_deep += deep
        else:
            found[absolute(path)] = None
    return list(found), too_deep


def data_files(paths: Iterable[Path]) -> list[Path]:
    return find_data_files(paths)[0]


def shown_path(path: Path) -> str:
    try:
        return str(absolute(path).relative_to(ROOT))
    except ValueError:
        return str(path)


def data_version(files: Iterable[Path], contents: Mapping[Path, bytes] | None = None) -> str:
    """A short hash of the data files and archived documents: changes whenever they do. Files
    count by name, not by folder, so the installed copy of the data has its checkout's version."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: (p.name, str(p))):
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(contents[path] if contents and path in contents else read_bytes(path, MAX_FILE_BYTES))
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()[:12]


def _keep_valid_items(dataset: Dataset, yfile: YamlFile, shown: str) -> list[Problem]:
    """Validate a file; keep every record that has no problem, report every problem."""
    data = yfile.data
    yaml_problems = [replace(p, field=field_name(data, path)) for path, p in yfile.problems]
    if not isinstance(data, dict):
        return yaml_problems + [Problem(shown, 1, 1, "", "expected a mapping with lists `estimators`, `scopes`, "
                                        "`estimates` or `admissions` at the top of the file")]
    # A value with a YAML problem was kept as text or None: pydantic's view of it is not reported twice.
    flagged = set(yfile.flagged)
    try:
        parsed = DataFile.model_validate(data)
    except ValidationError as error:
        problems = [p for p, loc in zip(problems_from(error, yfile, shown), _locs(error))
                    if not any(loc[: len(f)] == f for f in flagged)]
    else:
        if not flagged:  # the whole file is valid: keep it as parsed
            _add(dataset, {key: getattr(parsed, key) for key in _ITEM_MODELS}, yfile, shown)
            return []
        problems = []
    problems = yaml_problems + problems
    broken = {path[:2] for path in yfile.flagged}
    kept: dict[str, list] = {key: [] for key in _ITEM_MODELS}
    indexes: dict[str, list] = {key: [] for key in _ITEM_MODELS}
    for key, adapter in _ADAPTERS.items():
        items = data.get(key)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if (key, index) in broken:
                continue
            try:
                kept[key].append(adapter.validate_python(item))
                indexes[key].append(index)
            except ValidationError:
                continue  # already reported by the whole-file validation
    _add(dataset, kept, yfile, shown, indexes)
    return problems


def _locs(error: ValidationError) -> list[tuple]:
    return [error_loc(detail) for detail in error.errors(include_url=False)]


def _add(dataset: Dataset, lists: dict, yfile: YamlFile, shown: str, indexes: dict | None = None) -> None:
    for key in _ITEM_MODELS:
        for n, item in enumerate(lists.get(key, [])):
            index = indexes[key][n] if indexes else n
            line, column = yfile.position((key, index))
            problem = rules.taken_id(dataset, key, item.id, Origin(shown, key, index, line, column))
            if problem:
                dataset.problems.append(problem)
            else:
                dataset.add(key, item, Origin(shown, key, index, line, column))


def source_files(data_dir: Path | None = None, seeds_dir: Path | None = None, paths: Iterable[Path] = ()) -> list[Path]:
    """Every file the dataset is read from: data files, then archived documents and metadata."""
    data_dir, seeds_dir = data_dir or locations.data_dir(), seeds_dir or locations.seeds_dir()
    return [*data_files([data_dir, *paths]), *sorted(seeds_dir.glob("*.txt")), *sorted(seeds_dir.glob("*.meta.yaml"))]


def load(paths: Iterable[Path] | None = None, seeds_dir: Path | None = None, data_dir: Path | None = None,
         contents: Mapping[Path, bytes] | None = None) -> Dataset:
    """Load and validate the dataset. `paths` are extra data files or folders; the dataset in
    `data_dir` (default: see locations.py) is always included so that references resolve.
    `contents` gives the bytes to use for some data files instead of reading them (the
    dashboard passes what it read once, or a file's last valid version)."""
    collecting = gc.isenabled()
    # The YAML node trees hold no cycles, and the collector re-scanning them as they grow costs
    # more than the work: loading the real dataset takes 0.34 s with it off and 0.54 s with it on
    # (1.59x), 1,000 synthetic records 0.54 s and 1.00 s (1.85x) (benchmarks/bench_workarounds.py).
    gc.disable()
    try:
        return _load(paths, seeds_dir or locations.seeds_dir(), data_dir or locations.data_dir(), contents)
    finally:
        if collecting:
            gc.enable()


def _load(paths, seeds_dir: Path, data_dir: Path, contents) -> Dataset:
    contents = {absolute(p): b for p, b in (contents or {}).items()}
    files, too_deep = find_data_files([data_dir, *(paths or [])])
    roots = [data_dir, *(paths or [])]  # a symlink may not lead out of these (safe_files)
    dataset = Dataset(files=[shown_path(p) for p in files])
    dataset.documents, dataset.broken_documents, problems = load_documents(seeds_dir, ROOT, contents)
    dataset.problems += problems
    dataset.problems += [Problem(shown_path(folder), 1, 1, "", too_deep_message()) for folder in too_deep]
    yfiles: dict[str, YamlFile] = {}
    for path in files:
        shown = shown_path(path)
        yfile, problems = read_yaml(path, shown, contents.get(path), roots)
        dataset.problems += problems
        if yfile is not None:
            yfiles[shown] = yfile
            dataset.problems += _keep_valid_items(dataset, yfile, shown)
    problems, failed = rules.check(dataset, yfiles)
    dataset.problems += problems
    # A record that breaks a rule is reported and left out, like one that fails its model.
    dataset.estimates = [e for e in dataset.estimates if ("estimates", e.id) not in failed]
    dataset.admissions = [a for a in dataset.admissions if ("admissions", a.id) not in failed]
    dataset.problems.sort(key=lambda p: (p.file, p.line, p.column, p.field))
    dataset.version = data_version(source_files(data_dir, seeds_dir, paths or []), contents)
    return dataset
