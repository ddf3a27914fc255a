"""The dashboard, in three layers; data flows one way, from the frame to the page.

- chart (pure: frame and view in, figure and words out; no Streamlit, no browser):
  vocabulary, words, view, gap, timeline, headline, alttext, card, sharing, urls
- export (figure to bytes, the static site, and the command lines): render, formats, snapshot,
  downloads, publish (with static_site/), cli
- app (the only code that imports Streamlit): data, ui, sidebar, and streamlit_app.py

tests/test_layers.py checks that the first two never import Streamlit.
"""

CHART_LAYER = ("vocabulary", "words", "view", "gap", "timeline", "headline", "alttext", "card", "sharing", "urls")
EXPORT_LAYER = ("render", "formats", "snapshot", "downloads", "publish", "cli")  # publish: with static_site/
APP_LAYER = ("data", "ui", "sidebar")
