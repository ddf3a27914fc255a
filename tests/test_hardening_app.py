"""Issue 19, item 1: `nk-troops app` imports nothing from the folder it is started in."""

import subprocess

from dashboard.export import cli

PLANTED = "import pathlib, sys\npathlib.Path('{name}.ran').write_text('ran')\nsys.exit(3)\n"


def test_nk_troops_app_never_imports_a_module_planted_in_the_current_folder(tmp_path):
    for name in ("streamlit", "yaml", "tomllib"):
        (tmp_path / f"{name}.py").write_text(PLANTED.format(name=name))
    (tmp_path / "pandas").mkdir()
    (tmp_path / "pandas" / "__init__.py").write_text(PLANTED.format(name="pandas"))
    result = subprocess.run(cli.app_command(["--help"]), cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert sorted(p.name for p in tmp_path.glob("*.ran")) == []
    assert result.returncode == 0 and "Usage: streamlit run" in result.stdout, result.stderr
