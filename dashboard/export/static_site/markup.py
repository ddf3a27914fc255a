"""HTML for the static pages: every text escaped, every outside link checked, one page shell.

Text from the data only ever reaches a page through `text()` (escaped, quotes included) or
`link()` (an `<a>` only for a plain http(s) address; anything else, `javascript:` included,
shows as text). Inside links are relative paths the site builds from checked names.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from ...vocabulary import SITE_NAME

_SAFE_URL = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+\Z")  # RFC 3986 characters, no quote or space
# Pages carry only their own scripts and plotly.js; nothing is fetched from elsewhere.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'")


def text(value: object) -> str:
    """Data text as inert HTML: `<script>` shows as `<script>`."""
    return html.escape("" if value is None else str(value), quote=True)


def web_address(url: object) -> str | None:
    """`url` if it is a plain http(s) address with a host, else None."""
    if not isinstance(url, str) or not _SAFE_URL.match(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def link(url: object, label: object, new_window: bool = False) -> str:
    """`<a>` to an http(s) address, opened without giving it our page; any other address is text."""
    checked = web_address(url)
    if checked is None:
        return text(label)
    target = ' target="_blank"' if new_window else ""
    return f'<a href="{text(checked)}"{target} rel="noopener noreferrer">{text(label)}</a>'


def inside(path: str, label: object, attributes: str = "") -> str:
    """A link to another file of the site, by a relative path built from checked names."""
    return f'<a href="{text(path)}"{attributes}>{text(label)}</a>'


# A pre-rendered chart: the image sets the box's size before it loads; the interactive chart is
# laid over it at the same size, and the image hidden only once that is drawn (pages.chart).
CHART_STYLE = (".chart-box { position: relative; } .chart-box img { display: block; width: 100%; height: auto; } "
               ".chart-live { position: absolute; inset: 0; } .chart-box.live picture { visibility: hidden; }")
STYLE = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #ddd; --accent: #0b57a4; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       overflow-wrap: anywhere; } /* a long token from the data never widens a page past a phone */
table { overflow-wrap: break-word; } /* wide screens: columns keep their words; the table scrolls in .table-wrap */
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
header { border-bottom: 1px solid var(--line); padding-top: 12px; padding-bottom: 8px; }
header .site { font-weight: 600; color: var(--ink); text-decoration: none; }
nav { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 15px; }
a { color: var(--accent); }
h1 { font-size: 1.6em; line-height: 1.25; margin: 0.6em 0 0.3em; }
h2 { font-size: 1.25em; margin: 1.4em 0 0.5em; }
p, li { max-width: 72ch; }
.lead { color: var(--muted); margin-top: 0; }
.chart { width: 100%; margin: 8px 0; }
.headlines { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; margin: 12px 0; }
.headline { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.headline .figure { font-size: 1.5em; font-weight: 600; display: block; }
.headline .small, .small { font-size: 14px; color: var(--muted); }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: #f4f4f4; position: sticky; top: 0; }
td.num { white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
blockquote { margin: 12px 0 4px; padding: 4px 14px; border-left: 4px solid var(--line); white-space: pre-wrap;
             overflow-wrap: anywhere; }
.source { margin: 0 0 16px 18px; font-size: 14px; color: var(--muted); overflow-wrap: anywhere; }
textarea { width: 100%; font: 13px/1.4 ui-monospace, monospace; padding: 8px; }
.downloads { display: flex; flex-wrap: wrap; gap: 8px 18px; padding: 0; list-style: none; }
img.snapshot { max-width: 100%; height: auto; border: 1px solid var(--line); }
footer { border-top: 1px solid var(--line); margin-top: 32px; padding-top: 8px; padding-bottom: 24px;
         font-size: 14px; color: var(--muted); }
@media (max-width: 600px) {
  dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: 6px; }
  /* the records table as one card per row: a phone never scrolls it sideways */
  .table-wrap { border: 0; } table, tbody, tr, td { display: block; } thead { display: none; }
  tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 8px; padding: 4px 0; }
  td { border: 0; padding: 2px 10px; } td::before { content: attr(data-label) ": "; font-weight: 600; }
  td:empty { display: none; }
  /* a sortable table keeps its headings, as a row of buttons that sort the cards */
  table.sortable thead { display: block; } table.sortable thead tr { display: flex; flex-wrap: wrap; gap: 4px; border: 0; }
  table.sortable th { display: inline-block; border: 1px solid var(--line); border-radius: 4px; padding: 2px 8px; }
}
""" + CHART_STYLE + "\n"


def preload(url: str) -> str:
    """Ask for a script before the parser reaches it: the chart waits on plotly.js, not on the page."""
    return f'<link rel="preload" href="{text(url)}" as="script">\n'


def document_start() -> str:
    """Every page's first lines, up to its title: doctype, charset, viewport, the content
    security policy and an empty icon (no request for /favicon.ico)."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<link rel="icon" href="data:,">
"""


def page(title: str, body: str, *, root: str, description: str = "", head: str = "", nav: str = "",
         footer: str = "") -> str:
    """A whole page. `root` is the relative path back to the site's top ('', '../', '../../');
    `title`, `description` are plain text; `body`, `head`, `nav`, `footer` are HTML built here."""
    return f"""{document_start()}<meta name="referrer" content="strict-origin-when-cross-origin">
<title>{text(title)}</title>
<meta name="description" content="{text(description)}">
<link rel="alternate" type="application/atom+xml" title="New records" href="{root}feed.xml">
<style>{STYLE}</style>
{head}</head>
<body>
<header>
<a class="site" href="{root}index.html">{text(SITE_NAME)}</a>
<nav>{nav}</nav>
</header>
<main>
{body}
</main>
<footer>{footer}</footer>
</body>
</html>
"""
