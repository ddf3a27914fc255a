"""Archived source documents in `seeds/`: each `NAME.txt` with `NAME.meta.yaml` beside it.

A `full` document is matched as one text. An `excerpts` document is a list of passages
separated by blank lines; a quote must come from one passage, since passages are not
contiguous in the original, and no passage may be longer than 50 words."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .excerpts import too_long, word_count  # noqa: F401 - word_count re-exported
from .models import MAX_EXCERPT_WORDS, Document
from .problems import Problem
from .quotes import closest_passage, normalize
from .safe_files import absolute, read_bytes
from .text_rules import first_refused
from .validation import validate_model
from .yamlfile import read_yaml

_PASSAGE_BREAK = re.compile(r"\n[ \t]*\n")
MAX_DOCUMENT_BYTES = 2_000_000  # an archived article is 2-10 KB; a 2 MB one is a book, or a mistake


@dataclass(frozen=True)
class ArchivedDocument:
    id: str
    meta: Document
    text: str
    passages: tuple[str, ...]  # normalized; the whole text is one passage in a `full` document

    def contains(self, quote: str) -> bool:
        wanted = normalize(quote)
        return any(wanted in passage for passage in self.passages)

    def explain_missing(self, quote: str) -> str:
        """Where the closest passage differs from the quote, for the error message."""
        return closest_passage(quote, self.passages)


def passages_of(text: str) -> list[tuple[int, str]]:
    """(first line, passage) for each passage of an excerpts text."""
    found, line = [], 1
    for chunk in _PASSAGE_BREAK.split(text):
        stripped = chunk.strip()
        if stripped:
            found.append((line + chunk[: len(chunk) - len(chunk.lstrip())].count("\n"), stripped))
        line += chunk.count("\n") + 2
    return found


def load_documents(seeds_dir: Path, root: Path, contents: Mapping[Path, bytes] | None = None,
                   ) -> tuple[dict[str, ArchivedDocument], dict[str, str], list[Problem]]:
    """Valid documents by id; documents present but unusable by id, with the reason; problems.
    `contents`: bytes to use instead of reading some files (the dashboard's last valid versions)."""
    contents = contents or {}
    documents: dict[str, ArchivedDocument] = {}
    broken: dict[str, str] = {}
    problems: list[Problem] = []
    folder = Path(os.path.realpath(seeds_dir))
    known = {absolute(p) for p in [*seeds_dir.glob("*.txt"), *seeds_dir.glob("*.meta.yaml")]}
    known = sorted(known | {p for p in contents if p.parent == folder})  # with any deleted since last valid
    texts = {p.stem: p for p in known if p.name.endswith(".txt")}
    metas = {p.name[: -len(".meta.yaml")]: p for p in known if p.name.endswith(".meta.yaml")}
    for stem in sorted(set(texts) - set(metas)):
        problems.append(Problem(_rel(texts[stem], root), 1, 1, "", f"no metadata beside it: add {stem}.meta.yaml"))
        broken[stem] = f"it has no metadata ({stem}.meta.yaml)"
    for stem, meta_path in metas.items():
        shown = _rel(meta_path, root)
        if stem not in texts:
            problems.append(Problem(shown, 1, 1, "", f"no document {stem}.txt beside this metadata"))
            broken[stem] = f"{stem}.txt is missing"
            continue
        yfile, found = read_yaml(meta_path, shown, contents.get(meta_path), [seeds_dir])
        problems += found
        meta = None
        if yfile is not None:
            meta, found = validate_model(Document, yfile, shown)
            problems += found
        if meta is None:
            broken[stem] = f"its metadata has errors (see {shown})"
            continue
        for fact in meta.review:
            line, column = yfile.position((fact,))
            problems.append(Problem(shown, line, column, fact, f"{fact} was guessed by `archive` and not checked yet: "
                                    "check it against the original, then remove it from `review`", "warning"))
        try:
            raw = contents.get(texts[stem]) or read_bytes(texts[stem], MAX_DOCUMENT_BYTES, [seeds_dir], "an archived document")
        except OSError as error:
            reason = getattr(error, "reason", None) or str(error.strerror)
            problems.append(Problem(_rel(texts[stem], root), 1, 1, "", reason))
            broken[stem] = f"{stem}.txt cannot be read: {reason}"
            continue
        actual = hashlib.sha256(raw).hexdigest()
        if actual != meta.sha256:
            line, column = yfile.position(("sha256",))
            problems.append(Problem(shown, line, column, "sha256", checksum_message(texts[stem], stem, actual, root)))
            broken[stem] = f"{stem}.txt no longer matches its checksum (see {shown})"
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            reason = f"not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start:,}): archive the text as UTF-8"
            problems.append(Problem(_rel(texts[stem], root), raw[: error.start].count(b"\n") + 1, 1, "", reason))
            broken[stem] = f"{stem}.txt is {reason}"
            continue
        refused = first_refused(text)
        if refused:  # the text rules of every other text in the data
            position, char, what = refused
            line = text.count("\n", 0, position) + 1
            column = position - (text.rfind("\n", 0, position) + 1) + 1
            reason = (f"contains U+{ord(char):04X} {unicodedata.name(char, '')} ({what}) at line {line}, column "
                      f"{column}: it can hide or disguise text; delete it (then update sha256)")
            problems.append(Problem(_rel(texts[stem], root), line, column, "", reason))
            broken[stem] = f"{stem}.txt {reason}"
            continue
        if meta.coverage == "excerpts":
            parts = passages_of(text)
            for line, passage in parts:
                if (length := too_long(passage)):
                    problems.append(Problem(
                        _rel(texts[stem], root), line, 1, "",
                        f"passage of {length}: an excerpt holds at most {MAX_EXCERPT_WORDS} "
                        "words (the sentence or two that carry a figure); shorten it, and separate passages "
                        "with a blank line"))
            passages = tuple(normalize(p) for _, p in parts)
        else:
            passages = (normalize(text),)
        documents[stem] = ArchivedDocument(stem, meta, text, passages)
    return documents, broken, problems


def checksum_message(path: Path, stem: str, actual: str, root: Path) -> str:
    """Explain a checksum mismatch: what changed, if git knows the committed text, and what to do."""
    from .history import first_change  # git is optional: only asked when something is wrong

    change = first_change(path, root)
    what = f" ({change})" if change else ""
    return (f"{stem}.txt no longer matches its checksum (the one recorded here; the file's is {actual}){what}. "
            "An archived text must not change after records cite it: restore the original text "
            "(`git checkout -- seeds/" + f"{stem}.txt`), or archive the new text as a new document with "
            "`python -m estimates archive`. If you archived it by hand, set sha256 to the file's checksum.")


def _rel(path: Path, root: Path) -> str:
    try:
        return str(absolute(path).relative_to(root))
    except ValueError:
        return str(path)
