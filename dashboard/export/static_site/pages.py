"""The static pages: the index, a page and an embed per view, a page per record.

Each function takes what the page shows and returns its HTML. Words, figures, alt text and
cards come from `sources` (the app's own); markup and escaping from `markup`.
"""

from __future__ import annotations

import json

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from . import sources
from .markup import CHART_STYLE, SITE_NAME, document_start, inside, link, page, preload, text

CHART_CONFIG = {"displaylogo": False, "responsive": True, "scrollZoom": False,
                "toImageButtonOptions": {"filename": "nk-troops-chart", "scale": 2}}
EMBED_EXTRA_PX = 70  # the sources line under the chart in an embed (and about 40 px per line of words above it)


@dataclass(frozen=True)
class Site:
    """What every page needs to know about the whole site."""

    dataset: object
    frame: pd.DataFrame
    app: str  # the app's base address
    built: date
    bundle: str  # the plotly.js file's name in assets/
    site_url: str | None = None  # where the site will be served, if known
    views: list[tuple[str, str]] = field(default_factory=list)  # (name, the view in words)
    prerender: bool = False  # each chart page shows its SVG first (needs Chromium at publish time)

    @property
    def version(self) -> str:
        return self.dataset.version


def record_path(record_id: str) -> str:
    return f"records/{record_id}.html"


def nav(site: Site, root: str) -> str:
    return " ".join([
        inside(f"{root}who-says-what.html", "Who says what"),
        inside(f"{root}index.html#views", "Views"), inside(f"{root}index.html#records", "Records"),
        inside(f"{root}index.html#data", "Data"), inside(f"{root}feed.xml", "Feed (Atom)"),
        link(sources.app_link(sources.DEFAULT, site.app), "Explore in the app"),
    ])


def footer(site: Site, root: str) -> str:
    return (f"Published claims, not verified counts. Data version {text(site.version)} · built "
            f"{site.built.isoformat()} · records CC BY 4.0, code MIT · charts drawn with plotly.js "
            f"({inside(root + 'assets/plotly.js-LICENSE.txt', 'MIT licence')})")


def chart(figure: go.Figure, root: str, bundle: str, alt: str, div_id: str = "chart", lines: list[str] = (),
          sizes: dict[str, tuple[int, int]] | None = None) -> str:
    """The chart, and under it the words the app shows beside it. With `sizes` (the pre-rendered
    SVGs beside the page, sources.prerendered), the page shows the SVG at once, in a box its own
    size reserves, and the interactive chart replaces it in the same box on the first hover, tap,
    focus or key, or once the box is in view and the browser is idle: plotly.js and the figure's
    JSON are fetched only then. Without a script, the image stays. Without `sizes` (a site
    published without Chromium), the interactive chart is drawn at once."""
    caption = "".join(f'<p class="small">{text(line)}</p>' for line in lines)
    if not sizes:
        drawn = figure.to_html(full_html=False, include_plotlyjs=False, include_mathjax=False, div_id=div_id,
                               config=CHART_CONFIG, default_width="100%",
                               default_height=f"{int(figure.layout.height)}px")
        return (f'<script src="{root}assets/{text(bundle)}"></script>\n'
                f'<figure class="chart" role="figure" aria-label="{text(alt)}" style="margin:0">{drawn}</figure>{caption}')
    (wide_w, wide_h), (narrow_w, narrow_h) = sizes["chart.svg"], sizes["chart-narrow.svg"]
    picture = (f'<picture><source media="{sources.NARROW_MEDIA}" srcset="chart-narrow.svg" width="{narrow_w}" '
               f'height="{narrow_h}"><img src="chart.svg" width="{wide_w}" height="{wide_h}" alt="{text(alt)}" '
               f'data-chart="pre-rendered" decoding="async"></picture>')
    script = (LIVE_CHART_JS.replace("BOX_ID", div_id).replace("BUNDLE", f"{root}assets/{bundle}")
              .replace("CONFIG", json.dumps(CHART_CONFIG)))
    return (f'<figure class="chart" role="figure" aria-label="{text(alt)}" style="margin:0">'
            f'<div class="chart-box" id="{div_id}" tabindex="0" data-json="chart.json" '
            f'title="Point at the chart, or focus it, to explore it">{picture}</div></figure>{caption}\n{script}')


# Swaps the pre-rendered image for the interactive chart, in the same box and at the box's size
# (no shift in layout): on the first interaction, or when the box is in view and the browser idle.
LIVE_CHART_JS = """<script>(function () {
  var box = document.getElementById("BOX_ID"), started = false;
  function live() {
    if (started) return; started = true;
    var script = document.createElement("script");
    script.src = "BUNDLE";
    script.onload = function () {
      fetch(box.dataset.json).then(function (r) { return r.json(); }).then(function (figure) {
        var div = document.createElement("div"), size = box.getBoundingClientRect();
        div.className = "chart-live";
        box.appendChild(div);
        figure.layout.width = size.width; figure.layout.height = size.height;
        return Plotly.newPlot(div, figure.data, figure.layout, CONFIG);
      }).then(function () { box.classList.add("live"); box.dataset.chart = "interactive"; });
    };
    document.head.appendChild(script);
  }
  ["pointerover", "touchstart", "focusin", "keydown"].forEach(function (kind) {
    box.addEventListener(kind, live, {once: true, passive: true});
  });
  if ("IntersectionObserver" in window) {
    new IntersectionObserver(function (entries, seen) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      seen.disconnect();
      (window.requestIdleCallback || function (f) { setTimeout(f, 1500); })(live, {timeout: 4000});
    }).observe(box);
  }
})();</script>"""


def _shell(site: Site, title: str, body: str, root: str, description: str = "", chart: bool = True) -> str:
    # plotly.js is preloaded only where the chart waits on it: a pre-rendered chart fetches it later
    head = preload(f"{root}assets/{site.bundle}") if chart and not site.prerender else ""
    return page(title, body, root=root, description=description, head=head, nav=nav(site, root),
                footer=footer(site, root))


def key_numbers(summary: sources.PageSummary, root: str) -> str:
    """The key numbers, each end linking to its record's page."""
    cards = []
    for item in summary.key_numbers:
        ends = [("", item.low)] if item.low == item.high else [("low: ", item.low), ("high: ", item.high)]
        said = "; ".join(label + " and ".join(inside(f"{root}{record_path(c.id)}", c.words()) for c in claims)
                         for label, claims in ends if claims)
        official = (inside(f"{root}{record_path(item.admission.id)}", item.official) if item.admission
                    else text(item.official))
        cards.append(f'<div class="headline"><div>{text(item.title)}</div><span class="figure">{text(item.figure)}</span>'
                     f'<div class="small">{said}</div><div class="small">Official: {official}</div></div>')
    return (f'<div class="headlines">{"".join(cards)}</div>\n<p class="small">Each key number spans the latest claim '
            "of each estimator in the six months to the newest: never a restatement, a count of a subset, a plan or "
            f"a forecast. {inside(root + 'who-says-what.html', 'Who says what')}: every estimator's latest claim.</p>")


def index(site: Site, drawn: sources.Chart, summary: sources.PageSummary, table_rows: pd.DataFrame,
          sizes: dict | None = None) -> str:
    views = "".join(f"<li>{inside(f'views/{name}/index.html', name)}: {text(words)}</li>" for name, words in site.views)
    body = f"""<h1>What was estimated, what was admitted</h1>
{key_numbers(summary, "")}
<p class="lead">Each point is a figure published by an intelligence agency, a military, a government or lawmakers.
Stars mark what North Korea and Russia officially admitted. These are <strong>published claims, not verified
counts</strong>: each record below quotes its source's own words.</p>
{chart(drawn.page, "", site.bundle, drawn.alt, lines=drawn.lines, sizes=sizes)}
<p class="small">{text(summary.chart_key)}{" " + text(summary.left_out) if summary.left_out else ""}</p>
{"".join(f'<p class="small">Gap: {text(gap)}.</p>' for gap in summary.gaps)}
<p class="small">{text(drawn.alt)}</p>
<h2 id="views">Views</h2>
<ul>{views or "<li>No named views were published.</li>"}</ul>
<h2 id="data">Data</h2>
<ul class="downloads">
<li>{inside("data/records.csv", "All records, CSV")}</li>
<li>{inside("data/records.json", "All records, JSON")}</li>
<li>{inside("data/who-says-what.csv", "Who says what, CSV")}</li>
<li>{inside("data/datapackage.zip", "Data package (ZIP)")}</li>
<li>{inside("feed.xml", "Atom feed of records, by date announced")}</li>
</ul>
<h2 id="records">Records ({table_rows["id"].nunique()}{
    f" records, {len(table_rows)} figures" if len(table_rows) != table_rows["id"].nunique() else ""})</h2>
{records_table(table_rows)}"""
    return _shell(site, sources.TITLE, body, "", description=drawn.alt)


# Sorts a table by the column whose heading is clicked, by each cell's data-sort (a number, or an
# ISO date) where it has one, else its text: the page works without it, in the order given.
SORT_SCRIPT = """<script>document.querySelectorAll("table.sortable th").forEach(function (th, column) {
  th.tabIndex = 0; th.style.cursor = "pointer"; th.title = "Sort by this column";
  function sort() {
    var body = th.closest("table").tBodies[0], up = th.dataset.order !== "up";
    var key = function (row) { var c = row.cells[column]; return c.dataset.sort !== undefined ? c.dataset.sort : c.textContent; };
    Array.from(body.rows).sort(function (a, b) {
      var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
      var order = (!isNaN(nx) && !isNaN(ny) && /^[-0-9.]+$/.test(x) && /^[-0-9.]+$/.test(y)) ? nx - ny : x.localeCompare(y);
      if (x === "" && y !== "") return 1; if (y === "" && x !== "") return -1;
      return up ? order : -order;
    }).forEach(function (row) { body.appendChild(row); });
    th.dataset.order = up ? "up" : "down";
  }
  th.addEventListener("click", sort);
  th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
});</script>"""


def who_says_what_page(site: Site, summary: sources.PageSummary) -> str:
    """One row per estimator (official statements last), one column per key quantity: each cell
    its latest claim, linked to its record page; headings sort, numbers as numbers."""
    table = summary.who_says_what
    titles = [t for t in sources.wide(table).columns] if len(table) else []
    rows = []
    for name, claims in table.groupby("estimator_name", sort=False):
        cells = [f'<td data-label="Estimator">{text(name)}</td>']
        for title in titles:
            here = claims[claims["question"] == title]
            value = here["value"].fillna(here["low"]).fillna(here["high"])
            words = " / ".join(inside(record_path(r["claim"]), sources.cell_words(r)) for _, r in here.iterrows())
            sort = f' data-sort="{value.iloc[0]:g}"' if len(here) and value.notna().iloc[0] else ' data-sort=""'
            cells.append(f'<td data-label="{text(title)}"{sort}>{words}</td>')
        rows.append((name, "<tr>" + "".join(cells) + "</tr>"))
    order = list(sources.wide(table).index) if len(table) else []
    body_rows = "\n".join(row for _, row in sorted(rows, key=lambda r: order.index(r[0])))
    head = "".join(f"<th>{text(h)}</th>" for h in ["Estimator", *titles])
    body = f"""<h1>Who says what</h1>
<p class="lead">The latest claim of each estimator, and the latest official statement of North Korea and of Russia,
for each question readers bring. Each claim links to its record: its source's own words, and every outlet that
reported it. Never a restatement, a count of a subset, a plan or a forecast. Select a heading to sort.</p>
<div class="table-wrap"><table class="sortable"><thead><tr>{head}</tr></thead><tbody>
{body_rows}
</tbody></table></div>
<p class="small">{inside("data/who-says-what.csv", "Download as CSV")}: one row per estimator and question, with the
claim's id, its figure in words, value, low and high, scope, what is counted, measure, status and date announced.</p>
{SORT_SCRIPT}"""
    return _shell(site, f"Who says what: {sources.TITLE}", body, "", description="The latest claim of each estimator",
                  chart=False)


def _words(value: object) -> str:
    """A text cell: empty where the data has none (pandas may hold that as None or NaN)."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


TABLE_HEADINGS = ("Announced", "Estimator", "Figure", "Scope", "Kind", "Record")


def records_table(rows: pd.DataFrame) -> str:
    lines = []
    for _, row in rows.iterrows():
        quantity = sources.QUANTITY_WORDS.get(row["quantity"], "") if isinstance(row["quantity"], str) else ""
        what = f"{sources.figure_words(row)} {quantity}" if quantity else (_words(row["label"]) or "statement")
        cells = (text(row["announced_label"]), text(sources.who(row)), text(what), text(_words(row["scope_name"])),
                 text(row["kind"]), inside(record_path(row["id"]), row["id"]))
        lines.append("<tr>" + "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(TABLE_HEADINGS, cells))
                     + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in TABLE_HEADINGS)
    return (f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>\n'
            + "\n".join(lines) + "\n</tbody></table></div>")


def embed_snippet(site: Site, name: str, height: int) -> str:
    src = f"{site.site_url}/views/{name}/embed.html" if site.site_url else "embed.html"
    return (f'<iframe src="{src}" title="{sources.TITLE}" width="100%" height="{height}" '
            'style="border:0" loading="lazy"></iframe>')


# Without --site-url, the snippet's address is the page's own, as the reader's browser sees it.
_ABSOLUTE_SNIPPET_JS = """<script>(function () {
  var box = document.getElementById("embed-code");
  box.value = box.value.replace('src="embed.html"', 'src="' + new URL("embed.html", location.href).href + '"');
})();</script>"""


def view_page(site: Site, name: str, words: str, view, drawn: sources.Chart, files: list[str],
              images_note: str | None, sizes: dict | None = None) -> str:
    root = "../../"
    height = int(drawn.page.layout.height) + EMBED_EXTRA_PX + 40 * len(drawn.lines)
    snippet = embed_snippet(site, name, height)
    kinds = {"png": "PNG image (2×)", "svg": "SVG image", "html": "HTML, works offline"}
    downloads = "".join(f"<li>{inside(f, kinds[f.rsplit('.', 1)[1]])}</li>" for f in files)
    body = f"""<h1>{text(name)}</h1>
<p class="lead">{text(words)}</p>
{chart(drawn.page, root, site.bundle, drawn.alt, lines=drawn.lines, sizes=sizes)}
<h2>Alt text</h2>
<p>{text(drawn.alt)}</p>
<h2>Snapshots</h2>
<ul class="downloads">{downloads}<li>{inside(f"{name}.alt.txt", "alt text (plain text)")}</li></ul>
{f'<p class="small">{text(images_note)}</p>' if images_note else ''}
<h2>The same view in the app</h2>
<p>{link(sources.app_link(view, site.app), sources.app_link(view, site.app))}</p>
<h2>Embed this chart</h2>
<p>Copy this into your page; the chart keeps its sources line and its link back here.
{inside("embed.html", "See the embed")}.</p>
<textarea id="embed-code" rows="3" readonly>{text(snippet)}</textarea>
{"" if site.site_url else _ABSOLUTE_SNIPPET_JS}"""
    return _shell(site, f"{name}: {sources.TITLE}", body, root, description=drawn.alt)


def embed_page(site: Site, name: str, view, drawn: sources.Chart, sizes: dict | None = None) -> str:
    root = "../../"
    out = ' target="_blank" rel="noopener noreferrer"'
    app = sources.app_link(view, site.app)
    line = (f"Source: {inside('index.html', SITE_NAME, out)} (published claims with their sources' own words) · "
            f"{link(app, 'explore in the app', new_window=True)} · data version "
            f"{text(site.version)}")
    head = "" if sizes else preload(f"{root}assets/{site.bundle}")
    return f"""{document_start()}{head}<title>{text(name)}: {text(sources.TITLE)}</title>
<style>{CHART_STYLE}</style>
</head>
<body style="margin:0;padding-top:6px;font:14px/1.4 system-ui,sans-serif;color:#1b1b1b">
{chart(drawn.page, root, site.bundle, drawn.alt, lines=drawn.lines, sizes=sizes)}
<p style="margin:4px 8px;color:#444">{line}</p>
</body>
</html>
"""


def record_page(site: Site, rows: pd.DataFrame) -> str:
    root = "../"
    first = rows.iloc[0]
    app = sources.app_link(sources.View(record=first["id"]), site.app)
    cards = [sources.record_card(row, site.dataset, app) for _, row in rows.iterrows()]
    parts = []
    for number, content in enumerate(cards, start=1):
        heading = f"<h2>Figure {number} of {len(cards)}</h2>" if len(cards) > 1 else ""
        facts = "".join(f"<dt>{text(label)}</dt><dd>{text(value)}</dd>" for label, value in content.facts)
        parts.append(f'{heading}<dl class="facts">{facts}</dl>')
    quotes = []
    for quote in cards[0].quotes:
        original = f" · original: {link(quote.url, quote.url)}" if quote.url else ""
        quotes.append(f"<blockquote>{text(quote.text.strip())}</blockquote>"
                      f'<p class="source">— {text(quote.document)}{original}</p>')
    notes = f"<h2>Notes</h2><p>{text(cards[0].notes)}</p>" if cards[0].notes else ""
    paste = "".join(f'<p class="paste">{text(c.paste)}</p>' for c in cards)
    body = f"""<h1>{text(cards[0].headline)}</h1>
<p class="lead">Record {text(first["id"])} · {inside(root + "index.html#records", "all records")}</p>
{"".join(parts)}
<h2>Reported by, earliest first, in their own words</h2>
{"".join(quotes) or "<p>No quotes.</p>"}
{notes}
<h2>Paste into an article</h2>
{paste}
<h2>In the app</h2>
<p>{link(app, "This record in the app, on the chart")}</p>"""
    return _shell(site, f"{cards[0].headline} ({first['id']})", body, root, description=cards[0].headline,
                  chart=False)
