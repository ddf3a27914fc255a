"""The dashboard, in three layers you can tell from the path; data flows one way, frame to page.

- `dashboard/*.py`, pure presentation: frame and view in, figure and words out. No Streamlit, no
  browser, no files, no environment: vocabulary, words, view, credits, gap, timeline, figures,
  headline, alttext, card, urls.
- `dashboard/export/`: figure to bytes (render, formats), snapshots, downloads, the static
  edition (publish, static_site/), the settings read from the environment and the command lines.
- `dashboard/app/`: the Streamlit app's parts (data, ui, sidebar, the browser's chart_drawn.js);
  with `streamlit_app.py`, the only code that imports Streamlit.

Pure code imports neither export nor app code; export code never imports the app (checked by
tests/test_layers.py). `python -m dashboard.publish` and `python -m dashboard.snapshot`, the
documented commands, are the two COMMANDS below: each only runs its export module's `main`.
"""

COMMANDS = ("publish", "snapshot")
