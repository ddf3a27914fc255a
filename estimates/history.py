"""What git knows about an archived file: used only to explain a checksum mismatch."""

from __future__ import annotations

import subprocess
from pathlib import Path


def committed_text(path: Path, root: Path) -> bytes | None:
    """The file as last committed, or None when git or the file's history is unavailable."""
    try:
        relative = path.resolve().relative_to(root)
        done = subprocess.run(["git", "-C", str(root), "show", f"HEAD:{relative.as_posix()}"],
                              capture_output=True, timeout=10, check=False)
    except (ValueError, OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def first_change(path: Path, root: Path) -> str | None:
    """'the committed version differs from line 12: "…" is now "…"', or None if unknown."""
    before = committed_text(path, root)
    if before is None:
        return None
    try:
        now = path.read_bytes()
    except OSError:
        return None
    if before == now:
        return "the file is as committed, so the checksum in the metadata is the one that changed"
    old, new = before.decode("utf-8", "replace").splitlines(), now.decode("utf-8", "replace").splitlines()
    for number, (a, b) in enumerate(zip(old, new), start=1):
        if a != b:
            column = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            start = max(0, column - 25)
            return (f"changed since the last commit at line {number}, column {column + 1}: "
                    f"{_short(a[start:column + 35])} is now {_short(b[start:column + 35])}")
    longer, what = (old, "removed") if len(old) > len(new) else (new, "added")
    number = min(len(old), len(new)) + 1
    return f"changed since the last commit: lines {what} from line {number} ({_short(longer[number - 1])})"


def _short(line: str, limit: int = 70) -> str:
    return repr(line if len(line) <= limit else line[: limit - 1] + "…")
