"""Where the data is read from.

The data files and archived documents travel with the package: in a checkout they are
`estimates/data/` and `seeds/`; an installed package carries a copy (`estimates/data/`,
`estimates/seeds/`). Which copy is read, first match wins:

1. `TRACKER_DATA_DIR` / `TRACKER_SEEDS_DIR` (the command line's `--data-dir` / `--seeds-dir` set them);
2. a checkout in the current directory (it holds `estimates/data/` and `seeds/`): a
   contributor's working copy is what they mean to check, even with the package installed;
3. the data beside this package: its checkout, or the copy installed with it.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_VARIABLE = "TRACKER_DATA_DIR"
SEEDS_DIR_VARIABLE = "TRACKER_SEEDS_DIR"

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent  # the checkout, or site-packages when installed
DATA_DIR = PACKAGE_DIR / "data"
IN_CHECKOUT = (ROOT / "seeds").is_dir() and (ROOT / "pyproject.toml").is_file()
SEEDS_DIR = ROOT / "seeds" if IN_CHECKOUT else PACKAGE_DIR / "seeds"


def checkout_at(directory: Path) -> Path | None:
    """`directory` if it is a checkout of this project's data, else None."""
    if (directory / "estimates" / "data").is_dir() and (directory / "seeds").is_dir():
        return directory
    return None


def data_dir() -> Path:
    if os.environ.get(DATA_DIR_VARIABLE):
        return Path(os.environ[DATA_DIR_VARIABLE])
    here = checkout_at(Path.cwd())
    return here / "estimates" / "data" if here else DATA_DIR


def seeds_dir() -> Path:
    if os.environ.get(SEEDS_DIR_VARIABLE):
        return Path(os.environ[SEEDS_DIR_VARIABLE])
    here = checkout_at(Path.cwd())
    return here / "seeds" if here else SEEDS_DIR


def writable_seeds_dir() -> Path | None:
    """Where `archive` may write: the folder it was told (`--seeds-dir`, `TRACKER_SEEDS_DIR`), or
    the checkout in the current directory; never the copy installed with the package (None)."""
    if os.environ.get(SEEDS_DIR_VARIABLE):
        return Path(os.environ[SEEDS_DIR_VARIABLE])
    here = checkout_at(Path.cwd())
    return here / "seeds" if here else None


def described() -> str:
    """Which copy of the data is read, and why, in words: the first line a user checks when a
    figure is not what they expected."""
    why = {True: f"${DATA_DIR_VARIABLE}", False: None}[bool(os.environ.get(DATA_DIR_VARIABLE))]
    if why is None:
        why = "the checkout in this folder" if checkout_at(Path.cwd()) else (
            "this checkout" if IN_CHECKOUT else "the copy installed with the package")
    return f"read {data_dir()} and {seeds_dir()} ({why})"


def use(data: Path | None = None, seeds: Path | None = None) -> None:
    """Read the data from these folders, in this process and the ones it starts (`--data-dir`)."""
    if data is not None:
        os.environ[DATA_DIR_VARIABLE] = str(Path(data).resolve())
    if seeds is not None:
        os.environ[SEEDS_DIR_VARIABLE] = str(Path(seeds).resolve())
