"""A problem found in the data: where it is, what is wrong, and what to do."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable, Literal

from .text_rules import printable, refused

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based; 1 when the problem concerns the whole file
    column: int  # 1-based
    field: str  # dotted path inside the file, records named by their id
    message: str
    severity: Severity = "error"

    def where(self) -> tuple[str, int, str]:
        """(file, line, field): what tests and people look for first."""
        return (self.file, self.line, self.field)

    def __str__(self) -> str:
        """One line, safe for a terminal: control and invisible characters (in a file name, a key,
        an id or a quoted value) are shown as escapes, never sent raw (text_rules.printable)."""
        tag = "" if self.severity == "error" else "warning: "
        return f"{printable(self.file)}:{self.line}:{self.column}  {printable(self.field)}  {tag}{printable(self.message)}"


def as_text(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def as_json(problems: Iterable[Problem]) -> str:
    text = json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)
    # JSON escapes C0 controls itself; the other characters text may not hold (C1 controls,
    # direction overrides, separators) are escaped too, so the JSON is safe to print.
    return "".join(f"\\u{ord(c):04x}" if ord(c) > 0x7e and refused(c) and ord(c) < 0x10000
                   else c for c in text) if not text.isascii() else text


def _github_escape(text: str, in_property: bool = False) -> str:
    text = printable(text).replace("%", "%25")  # one line, no raw control character: no forged command
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def as_github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands, so CI annotates the offending line."""
    lines = []
    for p in problems:
        props = (
            f"file={_github_escape(p.file, True)},line={max(p.line, 1)},"
            f"col={max(p.column, 1)},title={_github_escape(p.field, True)}"
        )
        lines.append(f"::{p.severity} {props}::{_github_escape(p.message)}")
    return "\n".join(lines)
