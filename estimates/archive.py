"""`python -m estimates archive --url URL [TEXT_FILE]`: archive a document's cited passages.

Writes `SLUG-HASH.txt` in `seeds/` (the URL's words, the first 8 hex digits of the text's SHA-256:
see `document_name`) and its `SLUG-HASH.meta.yaml`, with the checksum computed. What it can tell from the URL (outlet, a date in the path, a headline from the slug)
it fills in as `inferred` and lists under `review:`, so `validate` warns until a person has
checked it. It never overwrites a file.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from .documents import passages_of
from .excerpts import too_long
from .models import MAX_EXCERPT_WORDS
from .safe_write import Folder, UnsafeWrite
from .text_rules import first_refused
from .urls import BadUrl, check_url

# Outlets we cite often, by the domain of their site. Anything else is left for the contributor.
OUTLETS = {
    "en.yna.co.kr": "Yonhap News Agency", "yna.co.kr": "Yonhap News Agency", "reuters.com": "Reuters",
    "apnews.com": "Associated Press", "bbc.com": "BBC News", "bbc.co.uk": "BBC News", "cnn.com": "CNN",
    "kyivindependent.com": "The Kyiv Independent", "nknews.org": "NK News", "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times", "theguardian.com": "The Guardian", "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post", "aljazeera.com": "Al Jazeera", "dw.com": "Deutsche Welle",
    "france24.com": "France 24", "kyivpost.com": "Kyiv Post", "ukrinform.net": "Ukrinform", "tass.com": "TASS",
    "kcnawatch.org": "KCNA Watch", "rfa.org": "Radio Free Asia", "voanews.com": "Voice of America",
    "pravda.com.ua": "Ukrainska Pravda", "breitbart.com": "Breitbart News", "theepochtimes.com": "The Epoch Times",
    "npr.org": "NPR", "cbsnews.com": "CBS News", "nbcnews.com": "NBC News", "abcnews.go.com": "ABC News",
    "politico.com": "Politico", "politico.eu": "Politico Europe", "euronews.com": "Euronews",
    "newsweek.com": "Newsweek", "themoscowtimes.com": "The Moscow Times", "defense.gov": "US Department of Defense",
    "38north.org": "38 North", "dailynk.com": "Daily NK", "joongang.co.kr": "Korea JoongAng Daily",
    "hani.co.kr": "The Hankyoreh", "chosun.com": "The Chosun Ilbo", "aa.com.tr": "Anadolu Agency",
}
_DATE_IN_PATH = [
    re.compile(r"/(?P<y>20\d\d)/(?P<m>[01]\d)/(?P<d>[0-3]\d)(?:/|$)"),
    re.compile(r"/(?P<y>20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[/-]|$)"),
    re.compile(r"(?<![0-9])(?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?![0-9])"),
]


class ArchiveError(Exception):
    """Why a document was not archived, and what to do."""


@dataclass(frozen=True)
class Archived:
    text_path: Path
    meta_path: Path
    review: tuple[str, ...]


def archive(url: str, text: str, seeds_dir: Path, coverage: str = "excerpts", today: date | None = None) -> Archived:
    try:
        check_url(url, "--url")  # the rule `validate` applies to the `url` archive writes
    except BadUrl as error:
        raise ArchiveError(str(error)) from None
    text = text.replace("\r\n", "\n").strip() + "\n"
    if not text.strip():
        raise ArchiveError("the text is empty: give the passages that carry the figures, separated by blank lines")
    if (refused := first_refused(text)):
        position, char, what = refused
        raise ArchiveError(f"the text has U+{ord(char):04X} {unicodedata.name(char, '')} ({what}) at line "
                           f"{text.count(chr(10), 0, position) + 1}: it can hide or disguise text; delete it")
    if coverage == "excerpts":
        for line, passage in passages_of(text):
            if (length := too_long(passage)):
                raise ArchiveError(
                    f"passage at line {line} has {length}: archive at most {MAX_EXCERPT_WORDS} "
                    "words per passage (the sentence or two that carry a figure), separated by blank lines")
    data = text.encode("utf-8")
    sha256 = hashlib.sha256(data).hexdigest()
    stem = document_name(url, sha256)
    text_path, meta_path = seeds_dir / f"{stem}.txt", seeds_dir / f"{stem}.meta.yaml"
    for path in (text_path, meta_path):
        if os.path.lexists(path):
            raise ArchiveError(f"{path} already exists: archive never overwrites a document")
    meta, review = metadata(url, sha256, coverage, today or date.today())
    try:
        folder = Folder(seeds_dir)
        folder.write(text_path.name, data, new_only=True)  # never over a file, even one made in a race
        try:
            folder.write(meta_path.name, meta.encode("utf-8"), new_only=True)
        except UnsafeWrite:
            folder.remove(folder.path(text_path.name))
            raise
    except UnsafeWrite as error:
        raise ArchiveError(str(error)) from None
    return Archived(text_path, meta_path, review)


def document_name(url: str, sha256: str) -> str:
    """The archived document's name: the URL's words, then the first 8 hex digits of the text's
    SHA-256. It depends only on what is archived, never on what else is in `seeds/`, so two
    contributors archiving different documents at once can never pick the same name (a number
    taken as "the next free one" could). The same text from the same URL gets the same name, and
    archive refuses it as already there."""
    return f"{slug_of(url)}-{sha256[:8]}"


def slug_of(url: str) -> str:
    parts = urlsplit(url)
    host = _site(parts.hostname or "")
    words = [w for w in re.split(r"[^a-z0-9]+", parts.path.lower()) if w and not w.isdigit()]
    words = [w for w in words if w not in {"html", "htm", "php", "aspx", "news", "article", "articles", "www",
                                           "view", "en", "amp", "story", "world"}]
    base = _site_name(host) + ("-" + "-".join(words) if words else "")
    return re.sub(r"-+", "-", base[:60]).strip("-") or "document"


def _site_name(host: str) -> str:
    """`en.yna.co.kr` -> `yna`, `www.bbc.com` -> `bbc`."""
    labels = [label for label in re.split(r"[^a-z0-9]+", host) if label]
    while len(labels) > 1 and (labels[-1] in {"com", "org", "net", "gov", "go", "co", "ac", "or", "edu"} or len(labels[-1]) == 2):
        labels.pop()
    return labels[-1] if labels else "site"


def _site(host: str) -> str:
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def _outlet(url: str) -> str | None:
    host = _site(urlsplit(url).hostname or "")
    while host:
        if host in OUTLETS:
            return OUTLETS[host]
        host = host.partition(".")[2]
    return None


def _date(url: str) -> str | None:
    path = urlsplit(url).path
    for pattern in _DATE_IN_PATH:
        if (found := pattern.search(path)):
            try:
                return date(int(found["y"]), int(found["m"]), int(found["d"])).isoformat()
            except ValueError:
                continue
    return None


def _headline(url: str) -> str | None:
    last = [p for p in urlsplit(url).path.split("/") if p]
    words = re.split(r"[-_]+", re.sub(r"\.[a-z]+$", "", last[-1])) if last else []
    words = [w for w in words if w and not w.isdigit()]
    return " ".join(words).capitalize() if len(words) >= 4 else None


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def metadata(url: str, sha256: str, coverage: str, today: date) -> tuple[str, tuple[str, ...]]:
    outlet, published, headline = _outlet(url), _date(url), _headline(url)
    review = tuple(name for name, value in (("outlet", outlet), ("headline", headline), ("published", published))
                   if value)
    lines = [
        "# yaml-language-server: $schema=../estimates/schema/document.schema.json",
        f"sha256: {sha256}",
        f"coverage: {coverage}",
        f"url: {_quoted(url)}",
        f"accessed: \"{today.isoformat()}\"",
        "outlet:",
        *(_fact(outlet, "The site's domain in the URL (guessed by `archive`)", "Not in the archived text")),
        "headline:",
        *(_fact(headline, "The words of the URL's last part (guessed by `archive`): copy the real headline",
                "Not in the archived text")),
        "author:",
        *(_fact(None, "", "No byline in the archived passages")),
        "published:",
        *(_fact(published, "The date in the URL's path (guessed by `archive`)", None)),
    ]
    if review:
        lines.append(f"review: [{', '.join(review)}]  # check each, correct it if needed, then remove it here")
    return "\n".join(lines) + "\n", review


def _fact(value: str | None, evidence: str, unknown: str | None) -> list[str]:
    if value is not None:
        return [f"  value: {_quoted(value)}", "  how: inferred", f"  evidence: {_quoted(evidence)}"]
    if unknown is None:  # a date cannot be unknown: the contributor must give one
        return ["  value: \"\"  # TODO: the publication date as printed, e.g. 2025-01-13", "  how: printed",
                "  evidence: \"\"  # TODO: where it is printed"]
    return ["  how: unknown", f"  evidence: {_quoted(unknown)}"]
