"""The dashboard's layers: chart code and export code run without Streamlit."""

import subprocess
import sys
from pathlib import Path

import dashboard
from conftest import ROOT


def test_every_module_belongs_to_one_layer():
    modules = {p.stem for p in (ROOT / "dashboard").glob("*.py")} - {"__init__"}
    layers = [*dashboard.CHART_LAYER, *dashboard.EXPORT_LAYER, *dashboard.APP_LAYER]
    assert sorted(layers) == sorted(modules)


def test_chart_and_export_code_never_import_streamlit():
    names = [f"dashboard.{m}" for m in (*dashboard.CHART_LAYER, *dashboard.EXPORT_LAYER)]
    script = (f"import importlib, sys\nfor name in {names!r}: importlib.import_module(name)\n"
              "print(sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.')))")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_app_layer_is_where_streamlit_is_imported():
    importers = {p.stem for p in (ROOT / "dashboard").glob("*.py")
                 if "import streamlit" in p.read_text() or "from streamlit" in p.read_text()}
    assert importers <= set(dashboard.APP_LAYER)


def test_estimates_rules_do_not_import_the_loader():
    text = (ROOT / "estimates" / "rules.py").read_text()
    assert "from .dataset" not in text and "import dataset" not in text  # no dataset <-> rules cycle
    assert "dataset.estimates =" not in text and "dataset.problems" not in text  # findings returned, nothing changed
