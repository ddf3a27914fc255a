"""Archived source documents in `seeds/`: each `NAME.txt` with `NAME.meta.yaml` beside it."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .models import Document
from .problems import Problem
from .safe_files import absolute, read_bytes
from .validation import validate_model
from .yamlfile import read_yaml

_TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_SPACE = re.compile(r"\s+")
MAX_DOCUMENT_BYTES = 2_000_000  # an archived article is 2-10 KB; a 2 MB one is a book, or a mistake


def normalize(text: str) -> str:
    """What quote matching ignores: runs of whitespace, and typographic quotes and dashes."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


@dataclass(frozen=True)
class ArchivedDocument:
    id: str
    meta: Document
    text: str
    normalized: str

    def contains(self, quote: str) -> bool:
        return normalize(quote) in self.normalized


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_documents(seeds_dir: Path, root: Path, contents: Mapping[Path, bytes] | None = None,
                   ) -> tuple[dict[str, ArchivedDocument], list[Problem]]:
    """`contents`: bytes to use instead of reading some files (the dashboard's last valid versions)."""
    contents = contents or {}
    documents: dict[str, ArchivedDocument] = {}
    problems: list[Problem] = []
    folder = Path(os.path.realpath(seeds_dir))
    known = {absolute(p) for p in [*seeds_dir.glob("*.txt"), *seeds_dir.glob("*.meta.yaml")]}
    known = sorted(known | {p for p in contents if p.parent == folder})  # with any deleted since last valid
    texts = {p.stem: p for p in known if p.name.endswith(".txt")}
    metas = {p.name[: -len(".meta.yaml")]: p for p in known if p.name.endswith(".meta.yaml")}
    for stem in sorted(set(texts) - set(metas)):
        problems.append(Problem(_rel(texts[stem], root), 1, 1, "", f"no metadata beside it: add {stem}.meta.yaml"))
    for stem, meta_path in metas.items():
        shown = _rel(meta_path, root)
        if stem not in texts:
            problems.append(Problem(shown, 1, 1, "", f"no document {stem}.txt beside this metadata"))
            continue
        yfile, found = read_yaml(meta_path, shown, contents.get(meta_path), [seeds_dir])
        problems += found
        if yfile is None:
            continue
        meta, found = validate_model(Document, yfile, shown)
        problems += found
        if meta is None:
            continue
        try:
            raw = contents.get(texts[stem]) or read_bytes(texts[stem], MAX_DOCUMENT_BYTES, [seeds_dir], "an archived document")
        except OSError as error:
            problems.append(Problem(_rel(texts[stem], root), 1, 1, "", getattr(error, "reason", None) or str(error.strerror)))
            continue
        actual = hashlib.sha256(raw).hexdigest()
        if actual != meta.sha256:
            line, column = yfile.position(("sha256",))
            problems.append(Problem(
                shown, line, column, "sha256",
                f"{stem}.txt no longer matches its checksum (now {actual[:12]}…): archived documents "
                "must not be edited; restore the original text, or archive the new text as a new document",
            ))
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(_rel(texts[stem], root), raw[: error.start].count(b"\n") + 1, 1, "",
                                    f"not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start:,}): archive the text as UTF-8"))
            continue
        documents[stem] = ArchivedDocument(stem, meta, text, normalize(text))
    return documents, problems


def _rel(path: Path, root: Path) -> str:
    try:
        return str(absolute(path).relative_to(root))
    except ValueError:
        return str(path)
