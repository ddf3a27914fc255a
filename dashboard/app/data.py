"""The dashboard's data: loaded through the estimates package, cached on the files' content.

Files can be edited while the app runs. Each data file is read once per change; when a file
has errors (half-saved, broken YAML, a bad record), the app keeps serving the last version of
that file that loaded cleanly in this process, and says so. Nothing is ever written back.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

import estimates
from estimates import locations
from estimates.dataset import MAX_FILE_BYTES, data_version, shown_path, source_files
from estimates.safe_files import absolute, inside, read_bytes

from ..export import settings

DATA_DIR_VARIABLE = locations.DATA_DIR_VARIABLE  # point the app at another copy of estimates/data
SEEDS_DIR_VARIABLE = locations.SEEDS_DIR_VARIABLE

_last_good: dict[Path, tuple[bytes, datetime]] = {}  # data file -> last content without errors, and when
_last_good_lock = threading.Lock()


@dataclass
class Served:
    dataset: estimates.Dataset
    frame: pd.DataFrame
    stale: dict[str, tuple[datetime, str]] = field(default_factory=dict)  # file shown -> (time of the version served, why)


def directories() -> tuple[Path, Path]:
    return locations.data_dir(), locations.seeds_dir()


def _read(paths: list[Path], roots: list[Path]) -> tuple[dict[Path, bytes], set[Path]]:
    """Each file's bytes, read safely (estimates.safe_files); the files that could not be read."""
    contents, failed = {}, set()
    for path in paths:
        try:
            contents[path] = read_bytes(path, MAX_FILE_BYTES, roots)
        except OSError:
            failed.add(path)  # the loader reports why
    return contents, failed


def _public(text: str, folders: dict[str, str]) -> str:
    """Paths outside the project, in a problem shown to the public, as `data/...` or `seeds/...`:
    the page never shows where the server keeps its files."""
    for folder, label in folders.items():
        text = text.replace(folder + os.sep, label + "/")
    return text


def _published(served: Served, data_dir: Path, seeds_dir: Path) -> Served:
    folders = {os.path.realpath(d): d.name for d in (data_dir, seeds_dir)}
    folders.update({str(d.absolute()): d.name for d in (data_dir, seeds_dir)})
    dataset = served.dataset
    dataset.problems = [replace(p, file=_public(p.file, folders), message=_public(p.message, folders))
                        for p in dataset.problems]
    dataset.origins = {key: replace(o, file=_public(o.file, folders)) for key, o in dataset.origins.items()}
    dataset.files = [_public(f, folders) for f in dataset.files]
    return Served(dataset, estimates.to_frame(dataset), {_public(k, folders): v for k, v in served.stale.items()})


def _seed_pair(path: Path, seeds_dir: Path) -> list[Path]:
    """An archived document and its metadata fail together: a checksum error is reported on the
    metadata when the text changed."""
    if path.parent != seeds_dir:
        return [path]
    stem = path.name[: -len(".meta.yaml")] if path.name.endswith(".meta.yaml") else path.stem
    return [seeds_dir / f"{stem}.txt", seeds_dir / f"{stem}.meta.yaml"]


def serve(data_dir: Path, seeds_dir: Path, contents: dict[Path, bytes], failed: set[Path] = frozenset()) -> Served:
    """Load `contents`. A file that has errors, cannot be read (`failed`), or was deleted since it
    last loaded cleanly is served from that last clean version, and `stale` says so."""
    data_dir, seeds_dir = absolute(data_dir / "_").parent, absolute(seeds_dir / "_").parent
    contents, failed = {absolute(p): raw for p, raw in contents.items()}, {absolute(p) for p in failed}
    dataset = estimates.load(data_dir=data_dir, seeds_dir=seeds_dir, contents=contents)
    broken = {p.file for p in dataset.errors}
    stale: dict[str, tuple[datetime, str]] = {}
    served, deleted = dict(contents), []
    with _last_good_lock:
        ours = [p for p in _last_good if inside(p.parent, [data_dir, seeds_dir])]
        for path in [*contents, *failed, *(p for p in ours if p not in contents and p not in failed)]:
            pair = _seed_pair(path, seeds_dir)
            bad = any(shown_path(p) in broken for p in pair)
            if path in contents and not bad:
                _last_good[path] = (contents[path], datetime.now())
                continue
            if path not in _last_good or (path in contents and _last_good[path][0] == contents[path]):
                continue
            raw, when = _last_good[path]
            what = ("has errors (listed below)" if path in contents else
                    "cannot be read (listed below)" if path in failed else "was deleted or moved")
            if path in contents and path.parent == seeds_dir and shown_path(path) not in broken:
                what = "no longer matches its checksum (listed below)"
            served[path] = raw
            stale[shown_path(path)] = (when, what)
            if path not in contents and path not in failed and path.parent != seeds_dir:
                deleted.append(path)  # not found by the loader's search: named to it
    if stale:
        problems = [p for p in dataset.problems if p.file in stale or p.file in _pairs(stale, seeds_dir)]
        dataset = estimates.load(deleted, data_dir=data_dir, seeds_dir=seeds_dir, contents=served)
        dataset.problems = sorted(problems + [p for p in dataset.problems if p not in problems])
    return _published(Served(dataset, estimates.to_frame(dataset), stale), data_dir, seeds_dir)


def _pairs(stale: dict[str, tuple], seeds_dir: Path) -> set[str]:
    return {shown_path(p) for shown in stale for p in _seed_pair(Path(shown) if os.path.isabs(shown)
                                                                  else estimates.ROOT / shown, seeds_dir)}


@st.cache_resource(max_entries=8, show_spinner=False)
def _serve(version: str, data_dir: str, seeds_dir: str, _contents: dict[Path, bytes], _failed: set[Path]) -> Served:
    return serve(Path(data_dir), Path(seeds_dir), _contents, _failed)


def load() -> Served:
    data_dir, seeds_dir = directories()
    files = source_files(data_dir, seeds_dir)
    contents, failed = _read(files, [data_dir, seeds_dir])
    version = data_version(files, contents)
    return _serve(version, str(data_dir), str(seeds_dir), contents, failed)


def base_url() -> str:
    """The permalinks' base for this session: see `export.settings.base_url`."""
    try:
        current = st.context.url
    except Exception:  # outside a running app
        current = None
    return settings.base_url(current)
