import streamlit as st

st.set_page_config(page_title="North Korean troops in Russia: estimates and admissions")
st.title("North Korean troops in Russia: estimates and admissions")
st.info("The dashboard is being built. Meanwhile: `python -m estimates export --format csv`.")
