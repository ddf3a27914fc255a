"""The dashboard's layers, told by the path: pure presentation code at the top of `dashboard/`,
`dashboard/export/` and `dashboard/app/`. Imports run one way only, pure <- export <- app, and
only the app imports Streamlit."""

import ast
from pathlib import Path

import pytest

import dashboard
from conftest import ROOT

DASHBOARD = ROOT / "dashboard"
LAYERS = {"pure": 0, "export": 1, "app": 2}


def modules() -> dict[str, Path]:
    """Every Python module of the dashboard, by dotted name."""
    return {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
            for p in DASHBOARD.rglob("*.py")}


def layer(name: str) -> str:
    parts = name.split(".")
    if len(parts) > 2 and parts[1] in ("export", "app"):
        return parts[1]
    if len(parts) == 2 and parts[1] in dashboard.COMMANDS:
        return "export"  # `python -m dashboard.publish`: runs its export module, nothing else
    return {"dashboard.export": "export", "dashboard.app": "app"}.get(name, "pure")


def imported(name: str, path: Path) -> set[str]:
    """The absolute names of every module `path` imports, anywhere in it (in functions too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from . import sidebar`
    return found


def violations(names: dict[str, Path]) -> list[str]:
    wrong = []
    for name, path in names.items():
        for target in imported(name, path):
            if target.split(".")[0] == "streamlit" and layer(name) != "app":
                wrong.append(f"{name} ({layer(name)}) imports {target}")
            if target.startswith("dashboard.") and target in names and LAYERS[layer(target)] > LAYERS[layer(name)]:
                wrong.append(f"{name} ({layer(name)}) imports {target} ({layer(target)})")
    return sorted(wrong)


def test_the_layers_are_folders():
    found = modules()
    assert {n for n in found if layer(n) == "app"} >= {"dashboard.app.data", "dashboard.app.ui", "dashboard.app.sidebar"}
    assert {"dashboard.export.publish", "dashboard.export.snapshot", "dashboard.export.cli",
            "dashboard.export.render", "dashboard.export.static_site.pages"} <= {n for n in found if layer(n) == "export"}
    assert {"dashboard.timeline", "dashboard.view", "dashboard.vocabulary", "dashboard.figures"} <= {
        n for n in found if layer(n) == "pure"}


def test_imports_run_one_way_and_only_the_app_imports_streamlit():
    assert violations(modules()) == []


@pytest.mark.parametrize("module, source, wrong", [
    ("dashboard.timeline", "from .export import render\n", "dashboard.timeline (pure) imports dashboard.export.render (export)"),
    ("dashboard.words", "from dashboard.app.ui import card\n", "dashboard.words (pure) imports dashboard.app.ui (app)"),
    ("dashboard.export.formats", "from ..app import sidebar\n", "dashboard.export.formats (export) imports dashboard.app.sidebar (app)"),
    ("dashboard.export.static_site.pages", "from ...app.data import load\n",
     "dashboard.export.static_site.pages (export) imports dashboard.app.data (app)"),
    ("dashboard.gap", "def f():\n    import streamlit as st\n", "dashboard.gap (pure) imports streamlit"),
    ("dashboard.export.render", "from streamlit.testing.v1 import AppTest\n",
     "dashboard.export.render (export) imports streamlit.testing.v1"),
])
def test_the_check_catches_an_import_that_runs_the_wrong_way(tmp_path, module, source, wrong):
    names = modules()
    bad = tmp_path / "bad.py"
    bad.write_text(names[module].read_text(encoding="utf-8") + "\n" + source, encoding="utf-8")
    assert wrong in violations({**names, module: bad})


def test_the_app_script_is_the_other_streamlit_importer():
    assert "streamlit" in imported("streamlit_app", ROOT / "streamlit_app.py")


def test_estimates_never_imports_the_dashboard_or_streamlit():
    for path in (ROOT / "estimates").rglob("*.py"):
        roots = {t.split(".")[0] for t in imported(f"estimates.{path.stem}", path)}
        assert not roots & {"dashboard", "streamlit"}, path


def test_estimates_rules_do_not_import_the_loader():
    text = (ROOT / "estimates" / "rules.py").read_text()
    assert "from .dataset" not in text and "import dataset" not in text  # no dataset <-> rules cycle
    assert "dataset.estimates =" not in text and "dataset.problems" not in text  # findings returned, nothing changed
