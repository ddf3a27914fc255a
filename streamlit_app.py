"""North Korean troops in Russia: published estimates against official admissions.

Run with `python3 dev.py app` (or `streamlit run streamlit_app.py`). This script only wires
widgets to the pure functions in dashboard/ and estimates/. The chart comes first in the
script, so it reaches the browser first; on a session's first run nothing else is drawn until
the browser has drawn the chart (see ui.chart_first). The sidebar widgets are drawn last and
read their values from the session state the view was built from.
"""

from datetime import date

import streamlit as st

from dashboard.alttext import describe
from dashboard.app import data, sidebar, ui
from dashboard.attribution import attribution, key_sentence
from dashboard.card import cite, record_citation
from dashboard.export.downloads import chart_bytes, who_says_what_csv, datapackage_bytes, datapackage_name, download_bytes, file_name
from dashboard.export.formats import BUILDERS, MIME
from dashboard.export.render import INSTALL_HINT, chromium_path
from dashboard.figures import on_screen, ringed
from dashboard.summary import page_summary
from dashboard.urls import BadBaseUrl
from dashboard.view import FILTER, View, apply, describe_view, parse_query, permalink, to_query, view_slug
from dashboard.vocabulary import SITE_NAME, SUBTITLE, TITLE
from dashboard.words import code_span, markdown_text

st.set_page_config(page_title=TITLE, page_icon="📊", layout="wide")
st.title(SITE_NAME, anchor=False)
st.markdown(f"##### {SUBTITLE}")

served = data.load()
dataset, frame = served.dataset, served.frame
if frame.empty:
    ui.data_issues(dataset, served.stale)
    st.error("No data could be loaded. Run `python -m estimates validate` to see what is wrong with the files in "
             "`estimates/data/` and `seeds/`, fix them, then reload this page.")
    st.stop()

if "view_ready" not in st.session_state:  # first run of this session: the URL sets the widgets
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    parsed = parse_query(params, frame=frame)
    st.session_state.url_notices = parsed.notices
    sidebar.set_widgets(parsed.view)
    st.session_state.view_ready = True

state = st.session_state
view = sidebar.view_from_widgets()
st.query_params.from_dict(to_query(view))
today = date.today()
try:
    base = data.base_url()
except BadBaseUrl as error:  # a bad TRACKER_BASE_URL: no link is built on it
    st.error(markdown_text(error))
    st.stop()
shared = view.without_record()  # the chart and the link leave the open record card out
link = permalink(shared, base)


@st.cache_resource(max_entries=64, show_spinner=False)
def view_figure(version: str, view: View, link: str, _frame, _keys):
    """The view's figure as the page shows it, and its alt text (which starts with the view's key
    numbers, `_keys`, made once for the page): built once per data version, view and link.
    Everything it depends on is an argument, and the whole view is in the key."""
    visible = apply(_frame, view)
    return on_screen(visible, view, version=version, link=link), describe(visible, _keys)


@st.cache_resource(max_entries=64, show_spinner=False)
def view_summary(version: str, view: View, _frame):
    """What the page says around the view's chart (dashboard.summary, as the static edition
    says it): once per data version and view."""
    return page_summary(apply(_frame, view), log=view.scale == "log")


def _select_point() -> None:
    points = st.session_state.timeline.selection.points
    if points and points[0].get("customdata"):
        st.session_state.w_record = points[0]["customdata"]


view_words = describe_view(shared, frame)
st.html(ui.CAPTION_STYLE)
summary = view_summary(dataset.version, shared, frame)
ui.key_numbers(summary.key_numbers)  # the answer first: above the chart, on a phone too
ui.caption_text(view_words, "view")  # data text (estimator and place names): plain text, never a link
figure, alt_text = view_figure(dataset.version, shared, link, frame, summary.key_numbers)
if state.get("w_record"):  # the open record's mark, ringed: the view's figure is not built again
    figure = ringed(figure, state.w_record)
# theme=None: the chart on screen is the chart its snapshots show (Streamlit's theme would also
# turn on axis automargin, which makes the browser draw the figure twice).
st.plotly_chart(figure, key="timeline", on_select=_select_point, selection_mode="points", alt=alt_text, theme=None,
                config={"displaylogo": False, "scrollZoom": False, "modeBarButtonsToRemove": ["toImage"]})
for notice in state.url_notices:
    st.info(code_span(notice), icon="🔗")  # the link's own words, inert: no link, image, colour or formula
ui.data_issues(dataset, served.stale)
st.sidebar.header("Filters")  # on the first run too, so the chart keeps its width when the widgets come
if ui.chart_first():
    st.stop()

visible = apply(frame, view)
ui.caption_text(f"{summary.estimators} {summary.outlets} Data version {dataset.version}.", "sources")
st.markdown(
    "Each point is a figure published by an intelligence agency, a military, a government or lawmakers: how many "
    "North Korean soldiers were sent to Russia for the war against Ukraine, and how many were killed, wounded or "
    "captured. Stars mark what North Korea and Russia officially admitted. Every point links to its source's own "
    "words in an archived copy. These are **published claims, not verified counts**: estimators disagree, repeat "
    "one another, and mean different things by \"casualties\"."
)
ui.chart_key(summary)

st.subheader("Who says what", anchor=False)
st.caption("The latest claim of each estimator, and the latest official statement of North Korea and of Russia, for "
           "each question. Select a row to see the claim's card.")
ui.who_says_what(summary.who_says_what)
st.download_button("Who says what, CSV", lambda: who_says_what_csv(summary.who_says_what),
                   file_name=f"nk-troops-who-says-what-{dataset.version}.csv", mime=MIME["csv"],
                   key="download_who_says_what", on_click="ignore")

st.subheader("Where does a figure come from?", anchor=False)
sidebar.widget(FILTER["record"], frame, names=ui.record_names(frame))
if state.w_record:
    row = frame.set_index("id", drop=False).loc[[state.w_record]].iloc[0]
    record_link = permalink(View(record=row["id"]), base)
    ui.record_card(row, record_citation(row, dataset.version, today, record_link), attribution(row, record_link))

st.subheader("Share this view", anchor=False)
st.caption("The link reopens exactly this view; the images carry their title, sources, data version and link.")
st.code(link, language=None)
st.text(f"Alt text: {alt_text}")
st.markdown("**Paste into an article: this view's key numbers**")
st.code("\n".join(key_sentence(item, link) for item in summary.key_numbers), language=None, wrap_lines=True)
st.markdown("**Cite this view**")
st.code(cite(f"View: {view_words}", dataset.version, today, link), language=None,
        wrap_lines=True)
images = chromium_path() is not None  # PNG and SVG need Chromium; HTML never does
for column, fmt in zip(st.columns(3), BUILDERS):
    column.download_button(f"Chart as {fmt.upper()}",
                           lambda fmt=fmt: chart_bytes(frame, dataset, shared, today, base, fmt),
                           file_name=f"nk-troops-{view_slug(shared)}-{dataset.version}.{fmt}", mime=MIME[fmt],
                           key=f"snapshot_{fmt}",
                           on_click="ignore", disabled=fmt != "html" and not images,
                           help=None if fmt == "html" or images else INSTALL_HINT)

st.subheader(f"Records in this view ({len(visible)})", anchor=False)


def _select_row() -> None:
    rows = st.session_state.records_table.selection.rows
    if rows:
        st.session_state.w_record = st.session_state.table_ids[rows[0]]


state.table_ids = list(visible["id"])
st.dataframe(ui.table(visible), key="records_table", on_select=_select_row, selection_mode="single-row",
             hide_index=True, column_config={"Quote": st.column_config.TextColumn(width="large"),
                                             "Announced": st.column_config.DateColumn(format="D MMM YYYY")})
columns = st.columns(5)
for index, (which, rows, fmt) in enumerate((("visible", visible, "csv"), ("visible", visible, "json"),
                                            ("all", frame, "csv"), ("all", frame, "json"))):
    columns[index].download_button(
        f"{which.capitalize()} records, {fmt.upper()}", lambda rows=rows, fmt=fmt: download_bytes(rows, dataset.version, fmt, today),
        file_name=file_name(which, dataset.version, fmt, today, view_slug(shared) if which == "visible" else ""),
        mime=MIME[fmt],
        key=f"download_{which}_{fmt}", on_click="ignore")
columns[4].download_button("All records, data package (ZIP)", lambda: datapackage_bytes(dataset, frame, today),
                           file_name=datapackage_name(dataset.version, today), mime=MIME["zip"],
                           key="download_datapackage", on_click="ignore",
                           help="records.csv with a Frictionless datapackage.json (schema, sources, licence) and "
                                "a README on how to cite the data")
st.caption(f"Data version {dataset.version} · {len(dataset.records)} records from {len(dataset.documents)} archived "
           "documents · every quote is checked against its archived source.")

with st.sidebar:
    sidebar.widgets(frame)
