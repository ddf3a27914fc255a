"""The dashboard's data: loaded through the estimates package, cached on the files' content."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

import estimates
from estimates.dataset import DATA_DIR, SEEDS_DIR, data_version, source_files

from .sharing import BASE_URL_VARIABLE, DEFAULT_BASE_URL

DATA_DIR_VARIABLE = "TRACKER_DATA_DIR"  # point the app at another copy of estimates/data
SEEDS_DIR_VARIABLE = "TRACKER_SEEDS_DIR"


def directories() -> tuple[Path, Path]:
    return (Path(os.environ.get(DATA_DIR_VARIABLE, DATA_DIR)), Path(os.environ.get(SEEDS_DIR_VARIABLE, SEEDS_DIR)))


def fingerprint() -> str:
    """Changes whenever any data file or archived document changes: the cache key."""
    data_dir, seeds_dir = directories()
    return data_version(source_files(data_dir, seeds_dir))


@st.cache_resource(max_entries=8, show_spinner=False)
def _load(version: str, data_dir: str, seeds_dir: str) -> tuple[estimates.Dataset, pd.DataFrame]:
    dataset = estimates.load(data_dir=Path(data_dir), seeds_dir=Path(seeds_dir))
    return dataset, estimates.to_frame(dataset)


def load() -> tuple[estimates.Dataset, pd.DataFrame]:
    data_dir, seeds_dir = directories()
    return _load(fingerprint(), str(data_dir), str(seeds_dir))


def base_url() -> str:
    """Where permalinks point: TRACKER_BASE_URL if set, else the address the reader is using."""
    configured = os.environ.get(BASE_URL_VARIABLE)
    if configured:
        return configured.rstrip("/")
    try:
        current = st.context.url
    except Exception:  # outside a running app
        current = None
    return (current or DEFAULT_BASE_URL).rstrip("/")
