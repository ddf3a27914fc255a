"""The floor for benchmarks/bench_dashboard.py: one Plotly chart of the same records, with the
two controls the benchmark changes (a scale and a filter), nothing else.

    PYTHONPATH=. streamlit run benchmarks/floor_app.py   # from the repo root
"""

import plotly.express as px
import streamlit as st

import estimates

frame = estimates.to_frame(estimates.load())
scale = st.radio("Scale", ["log", "linear"], key="w_scale")
kinds = st.multiselect("Estimator kind", sorted(frame["estimator_kind"].unique()), format_func=lambda k: k.replace("_", " "))
if kinds:
    frame = frame[(frame["kind"] != "estimate") | frame["estimator_kind"].isin(kinds)]
figure = px.scatter(frame, x="announced_start", y="value", log_y=scale == "log")
st.plotly_chart(figure, key="timeline")
