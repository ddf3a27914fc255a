"""The dashboard's data: loaded through the estimates package, cached on the files' content.

Files can be edited while the app runs. Each data file is read once per change; when a file
has errors (half-saved, broken YAML, a bad record), the app keeps serving the last version of
that file that loaded cleanly in this process, and says so. Nothing is ever written back.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

import estimates
from estimates import locations
from estimates.dataset import data_files, data_version, shown_path, source_files

from . import sharing

DATA_DIR_VARIABLE = locations.DATA_DIR_VARIABLE  # point the app at another copy of estimates/data
SEEDS_DIR_VARIABLE = locations.SEEDS_DIR_VARIABLE

_last_good: dict[Path, tuple[bytes, datetime]] = {}  # data file -> last content without errors, and when
_last_good_lock = threading.Lock()


@dataclass
class Served:
    dataset: estimates.Dataset
    frame: pd.DataFrame
    stale: dict[str, datetime] = field(default_factory=dict)  # file shown -> time of the version served


def directories() -> tuple[Path, Path]:
    return locations.data_dir(), locations.seeds_dir()


def _read(paths: list[Path]) -> dict[Path, bytes]:
    contents = {}
    for path in paths:
        try:
            contents[path] = path.read_bytes()
        except OSError:
            pass  # reported by the loader
    return contents


def serve(data_dir: Path, seeds_dir: Path, contents: dict[Path, bytes]) -> Served:
    """Load `contents`; for each file with errors, fall back to its last clean version."""
    dataset = estimates.load(data_dir=data_dir, seeds_dir=seeds_dir, contents=contents)
    broken = {p.file for p in dataset.errors}
    stale: dict[str, datetime] = {}
    with _last_good_lock:
        for path, raw in contents.items():
            shown = shown_path(path)
            if shown not in broken:
                _last_good[path] = (raw, datetime.now())
            elif path in _last_good and _last_good[path][0] != raw:
                contents = {**contents, path: _last_good[path][0]}
                stale[shown] = _last_good[path][1]
    if stale:
        problems = [p for p in dataset.problems if p.file in stale]
        dataset = estimates.load(data_dir=data_dir, seeds_dir=seeds_dir, contents=contents)
        dataset.problems = sorted(problems + [p for p in dataset.problems if p.file not in stale])
    return Served(dataset, estimates.to_frame(dataset), stale)


@st.cache_resource(max_entries=8, show_spinner=False)
def _serve(version: str, data_dir: str, seeds_dir: str, _contents: dict[Path, bytes]) -> Served:
    return serve(Path(data_dir), Path(seeds_dir), _contents)


def load() -> Served:
    data_dir, seeds_dir = directories()
    contents = _read(data_files([data_dir]))
    version = data_version(source_files(data_dir, seeds_dir), contents)
    return _serve(version, str(data_dir), str(seeds_dir), contents)


def base_url() -> str:
    """The permalinks' base for this session: see `sharing.base_url`."""
    try:
        current = st.context.url
    except Exception:  # outside a running app
        current = None
    return sharing.base_url(current)
