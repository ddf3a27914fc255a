"""The Streamlit app's parts: with streamlit_app.py, the only code that imports Streamlit."""
