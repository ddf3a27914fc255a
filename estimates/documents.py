"""Archived source documents in `seeds/`: each `NAME.txt` with `NAME.meta.yaml` beside it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .models import Document
from .problems import Problem
from .validation import validate_model
from .yamlfile import read_yaml

_TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_SPACE = re.compile(r"\s+")


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


def load_documents(seeds_dir: Path, root: Path) -> tuple[dict[str, ArchivedDocument], list[Problem]]:
    documents: dict[str, ArchivedDocument] = {}
    problems: list[Problem] = []
    texts = {p.stem: p for p in sorted(seeds_dir.glob("*.txt"))}
    metas = {p.name[: -len(".meta.yaml")]: p for p in sorted(seeds_dir.glob("*.meta.yaml"))}
    for stem in sorted(set(texts) - set(metas)):
        problems.append(Problem(_rel(texts[stem], root), 1, 1, "", f"no metadata beside it: add {stem}.meta.yaml"))
    for stem, meta_path in metas.items():
        shown = _rel(meta_path, root)
        if stem not in texts:
            problems.append(Problem(shown, 1, 1, "", f"no document {stem}.txt beside this metadata"))
            continue
        yfile, found = read_yaml(meta_path, shown)
        problems += found
        if yfile is None:
            continue
        meta, found = validate_model(Document, yfile, shown)
        problems += found
        if meta is None:
            continue
        raw = texts[stem].read_bytes()
        actual = hashlib.sha256(raw).hexdigest()
        if actual != meta.sha256:
            line, column = yfile.position(("sha256",))
            problems.append(Problem(
                shown, line, column, "sha256",
                f"{stem}.txt no longer matches its checksum (now {actual[:12]}…): archived documents "
                "must not be edited; restore the original text, or archive the new text as a new document",
            ))
            continue
        text = raw.decode("utf-8")
        documents[stem] = ArchivedDocument(stem, meta, text, normalize(text))
    return documents, problems


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)
