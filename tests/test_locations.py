"""Which copy of the data is read (estimates/locations.py), and the one command, `nk-troops`."""

import sys

import pytest

from conftest import ROOT
from dashboard.export import cli
import estimates
from estimates import locations
import commands


@pytest.fixture
def clean_env(monkeypatch):
    monkeypatch.delenv(locations.DATA_DIR_VARIABLE, raising=False)
    monkeypatch.delenv(locations.SEEDS_DIR_VARIABLE, raising=False)
    return monkeypatch


def test_in_the_checkout_it_reads_the_checkout(clean_env):
    clean_env.chdir(ROOT)
    assert locations.IN_CHECKOUT
    assert (locations.data_dir(), locations.seeds_dir()) == (ROOT / "estimates" / "data", ROOT / "seeds")


def test_a_checkout_in_the_current_folder_comes_before_the_packages_own(clean_env, tmp_path):
    (tmp_path / "estimates" / "data").mkdir(parents=True)
    (tmp_path / "seeds").mkdir()
    clean_env.chdir(tmp_path)
    assert (locations.data_dir(), locations.seeds_dir()) == (tmp_path / "estimates" / "data", tmp_path / "seeds")


def test_elsewhere_it_reads_the_packages_own(clean_env, tmp_path):
    clean_env.chdir(tmp_path)
    assert (locations.data_dir(), locations.seeds_dir()) == (locations.DATA_DIR, locations.SEEDS_DIR)


def test_the_variables_come_first(clean_env, tmp_path):
    clean_env.chdir(ROOT)
    clean_env.setenv(locations.DATA_DIR_VARIABLE, str(tmp_path / "d"))
    clean_env.setenv(locations.SEEDS_DIR_VARIABLE, str(tmp_path / "s"))
    assert (locations.data_dir(), locations.seeds_dir()) == (tmp_path / "d", tmp_path / "s")


def test_the_data_dir_option_of_python_m_estimates(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "only.yaml").write_text("estimators: []\n")
    result = commands.run("estimates", "--data-dir", tmp_path / "data", "validate", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    documents = len(estimates.load().documents)
    assert result.stderr.startswith(f"0 estimates, 0 admissions, {documents} documents in 1 files: 0 errors")


def test_nk_troops_routes_any_estimates_subcommand(capsys):
    assert cli.main(["schema", "--check"]) == 0
    with pytest.raises(SystemExit) as error:
        cli.main(["no-such-command"])
    assert error.value.code == 2 and "invalid choice: 'no-such-command'" in capsys.readouterr().err


def test_nk_troops_app_runs_the_script_with_the_shipped_settings():
    command = cli.app_command(["--server.port", "8502"])
    assert command[:6] == [sys.executable, "-P", "-m", "streamlit", "run", str(ROOT / "streamlit_app.py")]
    assert {"--client.showErrorDetails=none", "--server.enableXsrfProtection=true",
            "--browser.gatherUsageStats=false"} <= set(command)
    assert command[-2:] == ["--server.port", "8502"]  # the user's options come last, so they win
