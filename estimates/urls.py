"""One rule for every URL the tracker stores or links to: a document's `url` and `archive_url`,
`archive --url`, and the dashboard's base URLs (dashboard/urls.py calls it).

A URL is an http:// or https:// address that names a host, at most 2,000 characters, with no
user name or password (they would be published as a link), and no whitespace, control,
direction or other invisible character (a space or a newline silently broke the link to the
original; a direction override disguises where it leads). Non-ASCII letters are allowed: many
outlets put their headline in the path. Standard library only: dev.py imports it through
dashboard/urls.py before the virtual environment exists.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from .text_rules import refused

MAX_URL_CHARS = 2_000
SCHEMES = ("http", "https")


class BadUrl(ValueError):
    """A URL that breaks the rule; the message names it, says what is wrong and what to do."""


def url_problem(url: object) -> str | None:
    """What is wrong with `url`, as words that follow its name ("... must ..."); None if nothing."""
    if not isinstance(url, str) or not url:
        return "is empty: give the address, starting with http:// or https://"
    if len(url) > MAX_URL_CHARS:
        return (f"is {len(url):,} characters long, over the {MAX_URL_CHARS:,}-character limit: give the "
                "address without tracking parameters")
    for position, char in enumerate(url):
        if char.isspace() or refused(char) or unicodedata.category(char).startswith(("C", "Z")):
            name = unicodedata.name(char, "a control character")
            return (f"contains U+{ord(char):04X} {name} at position {position + 1}: a URL holds no whitespace, "
                    "control, direction or invisible character; copy it again from the browser's address bar")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as error:
        return f"is not a valid address ({error}): copy it again from the browser's address bar"
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        return ("must start with http:// or https:// and name a host (only http:// and https:// links are "
                "allowed)")
    if parts.username is not None or parts.password is not None:
        return "must not carry a user name or password: they would be published; remove the `user:password@` part"
    return None


def check_url(url: str, what: str = "the URL") -> str:
    """`url`, or BadUrl naming it (`what`), what is wrong and what to do."""
    problem = url_problem(url)
    if problem:
        shown = repr(url if len(url) <= 80 else url[:79] + "…") if isinstance(url, str) else repr(url)
        raise BadUrl(f"{what} {shown} {problem}")
    return url
