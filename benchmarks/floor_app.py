"""The floor for benchmarks/bench_dashboard.py: one Plotly chart of the same records, nothing else.

    PYTHONPATH=. streamlit run benchmarks/floor_app.py   # from the repo root
"""

import plotly.express as px
import streamlit as st

import estimates

frame = estimates.to_frame(estimates.load())
scale = st.radio("Scale", ["log", "linear"], key="w_scale")
figure = px.scatter(frame, x="announced_start", y="value", log_y=scale == "log")
st.plotly_chart(figure, key="timeline")
