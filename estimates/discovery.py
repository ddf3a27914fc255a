"""Find the data files in a folder: iteratively, with a depth limit.

`Path.rglob` recurses once per folder level, and 1,000 nested folders ended validate, export
and the app in a RecursionError. This walk keeps its own stack, never follows a symlinked
folder (as rglob did not), and does not enter folders deeper than MAX_FOLDER_DEPTH below the
folder it was given: those are returned, to be reported with the limit.
"""

from __future__ import annotations

import os
from pathlib import Path

MAX_FOLDER_DEPTH = 32  # the data is a flat folder; a contributor may add a level or two
SUFFIXES = (".yaml", ".yml")


def walk(root: Path) -> tuple[dict[str, list[Path]], list[Path]]:
    """({suffix: paths of entries named *suffix}, folders not entered for being too deep)."""
    found: dict[str, list[Path]] = {suffix: [] for suffix in SUFFIXES}
    too_deep: list[Path] = []
    stack = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:  # unreadable or vanished: rglob skipped these too; reading the files reports them
            continue
        for entry in entries:
            path = folder / entry.name
            for suffix in SUFFIXES:
                if entry.name.endswith(suffix):
                    found[suffix].append(path)
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                if depth + 1 > MAX_FOLDER_DEPTH:
                    too_deep.append(path)
                else:
                    stack.append((path, depth + 1))
    return found, sorted(too_deep)


def too_deep_message() -> str:
    return (f"folders nest more than {MAX_FOLDER_DEPTH} levels deep here: the files below are not read; "
            "move them up (the data folder is meant to be flat)")
