"""The permalinks' base URL, checked before anything is built on it.

A base URL ends up in links people click: the share box, the chart footer, the PNG metadata
and the `<a href>` of an HTML snapshot. `javascript:alert(1);//x` there runs in the reader's
browser, so only a plain http(s) address is accepted. Standard library only: dev.py imports this
before the virtual environment exists.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from estimates.urls import url_problem

# RFC 3986 characters, less the quote, the space, `?` and `#` (a base has no query or fragment)
_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/\[\]@!$&()*+,;=%]+\Z")


class BadBaseUrl(ValueError):
    pass


def check_base_url(url: str, where: str = "the base URL") -> str:
    """`url` without its trailing slash, or BadBaseUrl saying what is wrong and what to write."""
    example = "write it as http://HOST[:PORT][/PATH], e.g. https://tracker.example.org"
    shown = repr(url if len(url) <= 80 else url[:79] + "…")
    if not _CHARACTERS.match(url):
        raise BadBaseUrl(f"{where} {shown} is not a plain web address (spaces, quotes, control characters, "
                         f"'?' and '#' are not allowed): {example}")
    problem = url_problem(url)  # the rule every URL follows (estimates/urls.py)
    if problem:
        raise BadBaseUrl(f"{where} {shown} {problem}: {example}")
    return url.rstrip("/")


def safe_link(url: object) -> str | None:
    """`url` if it is an http(s) address a page may link to, else None. The data's URLs are
    validated on load (`HttpLink`); this is the last check before an `href` is written, so that
    no other scheme (`javascript:`, `data:`) ever reaches a page."""
    if not isinstance(url, str) or len(url) > 2000 or not _LINK_CHARACTERS.match(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.hostname else None


_LINK_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+\Z")
