"""North Korean troops in Russia: published estimates against official admissions.

Run with `python3 dev.py app` (or `streamlit run streamlit_app.py`). This script only wires
widgets to the pure functions in dashboard/ and estimates/.
"""

from datetime import date

import streamlit as st

from dashboard import data, ui
from dashboard.downloads import download_bytes, file_name
from dashboard.gap import admission_gaps
from dashboard.headline import headlines
from dashboard.timeline import timeline
from dashboard.view import BASES, KINDS, QUANTITIES, SCALES, View, apply, parse_query, to_query
from dashboard.words import QUANTITY_WORDS

st.set_page_config(page_title="North Korean troops in Russia: estimates vs admissions", page_icon="📊", layout="wide")
st.title("North Korean troops in Russia", anchor=False)
st.markdown("##### What was estimated, what was admitted")
st.markdown(
    "Each point is a figure published by an intelligence agency, a military, a government or lawmakers: how many "
    "North Korean soldiers were sent to Russia for the war against Ukraine, and how many were killed, wounded or "
    "captured. Stars mark what North Korea and Russia officially admitted. Every point links to its source's own "
    "words in an archived copy. These are **published claims, not verified counts**: estimators disagree, repeat "
    "one another, and mean different things by \"casualties\"."
)

dataset, frame = data.load()
ui.data_issues(dataset)
if frame.empty:
    st.error("No data could be loaded. Run `python -m estimates validate` to see what is wrong with the files in "
             "`estimates/data/` and `seeds/`, fix them, then reload this page.")
    st.stop()

estimator_names = dict(zip(frame["estimator"], frame["estimator_short"]))
if "view_ready" not in st.session_state:  # first run of this session: the URL sets the widgets
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    parsed = parse_query(params, estimator_names, frame["id"])
    st.session_state.url_notices = parsed.notices
    for key, value in vars(parsed.view).items():
        st.session_state[f"w_{key}"] = list(value) if isinstance(value, tuple) else value
    st.session_state.view_ready = True
for notice in st.session_state.url_notices:
    st.info(notice, icon="🔗")

with st.sidebar:
    st.header("Filters")
    st.multiselect("Quantity", QUANTITIES, format_func=lambda q: QUANTITY_WORDS[q], key="w_quantities")
    st.multiselect("Estimator", sorted(estimator_names, key=estimator_names.get), format_func=estimator_names.get,
                   key="w_estimators", placeholder="All estimators")
    st.multiselect("Estimator kind", KINDS, format_func=lambda k: k.replace("_", " "), key="w_kinds",
                   placeholder="All kinds")
    st.toggle("Hide claims by parties to the war", key="w_hide_belligerents",
              help="Leaves out estimates made by North Korea, Russia or Ukraine. Official admissions stay.")
    st.toggle("Independent claims only", key="w_independent_only",
              help="Hides records that repeat a claim already recorded.")
    st.date_input("From", key="w_start", value=None, format="YYYY-MM-DD")
    st.date_input("To", key="w_end", value=None, format="YYYY-MM-DD")
    st.radio("Place each estimate at", BASES, key="w_basis", horizontal=True,
             format_func=lambda b: "date announced" if b == "announced" else "date it refers to")
    st.radio("Scale", SCALES, key="w_scale", horizontal=True)

view = View(
    quantities=tuple(q for q in QUANTITIES if q in st.session_state.w_quantities),
    estimators=tuple(st.session_state.w_estimators), kinds=tuple(st.session_state.w_kinds),
    start=st.session_state.w_start, end=st.session_state.w_end,
    independent_only=st.session_state.w_independent_only, hide_belligerents=st.session_state.w_hide_belligerents,
    basis=st.session_state.w_basis, scale=st.session_state.w_scale, record=st.session_state.get("w_record"),
)
st.query_params.from_dict(to_query(view))
visible = apply(frame, view)

ui.headline_metrics(headlines(visible))


def _select_point() -> None:
    points = st.session_state.timeline.selection.points
    if points and points[0].get("customdata"):
        st.session_state.w_record = points[0]["customdata"]


def _select_row() -> None:
    rows = st.session_state.records_table.selection.rows
    if rows:
        st.session_state.w_record = st.session_state.table_ids[rows[0]]


st.plotly_chart(timeline(visible, basis=view.basis, scale=view.scale), key="timeline", on_select=_select_point,
                selection_mode="points", config={"displaylogo": False, "scrollZoom": False})
st.caption("Bars: the range a source gave. Dotted arrows: a one-sided figure, open upwards (\"at least\", \"more "
           "than\") or downwards (\"as many as\"). Faint horizontal bars: dates known only to the month or a span. "
           "Thin lines join successive estimates by one estimator. Hollow markers: plans or forecasts. "
           f"{int((visible['qualifier'] == 'vague').sum())} claims without a figure are listed in the table only.")
for gap in admission_gaps(visible, log=view.scale == "log"):
    st.text(f"Gap: {gap.caption()}.")

st.subheader("Where does a figure come from?")
st.selectbox("Record (or click a point in the chart, or a row in the table)", [None, *frame["id"]],
             format_func=ui.record_label(frame), key="w_record")
if st.session_state.w_record:
    ui.record_card(frame.set_index("id", drop=False).loc[st.session_state.w_record], dataset)

st.subheader(f"Records in this view ({len(visible)})")
st.session_state.table_ids = list(visible["id"])
st.dataframe(ui.table(visible), key="records_table", on_select=_select_row, selection_mode="single-row",
             hide_index=True, column_config={"Quote": st.column_config.TextColumn(width="large")})

today = date.today()
columns = st.columns(4)
for column, (which, rows) in zip(columns[::2], (("visible", visible), ("all", frame))):
    for offset, fmt in enumerate(("csv", "json")):
        columns[columns.index(column) + offset].download_button(
            f"{which.capitalize()} records, {fmt.upper()}", download_bytes(rows, dataset.version, fmt, today),
            file_name=file_name(which, dataset.version, fmt, today),
            mime="text/csv" if fmt == "csv" else "application/json", key=f"download_{which}_{fmt}")
st.caption(f"Data version {dataset.version} · {len(dataset.records)} records from {len(dataset.documents)} archived "
           "documents · every quote is checked against its archived source.")
