"""Decisions on the debatable attacks of the issue "Hardening II" (RELIABILITY.md lists each, with
its decision): where the decision is a behaviour, it is pinned here."""

import os

import commands
from conftest import ROOT


def test_validate_says_which_copy_of_the_data_it_read(tmp_path):
    here = commands.run("estimates", "validate", cwd=ROOT)
    assert here.stderr.splitlines()[-1] == (f"read {ROOT / 'estimates' / 'data'} and {ROOT / 'seeds'} "
                                            "(the checkout in this folder)")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "only.yaml").write_text("estimators: []\n")
    chosen = commands.run("estimates", "--data-dir", tmp_path / "data", "validate", cwd=ROOT)
    assert chosen.stderr.splitlines()[-1].startswith(f"read {tmp_path / 'data'} and ")
    assert chosen.stderr.splitlines()[-1].endswith("($TRACKER_DATA_DIR)")


def test_validate_on_a_folder_without_data_files_says_there_is_nothing_to_check(tmp_path):
    (tmp_path / "notes.txt").write_text("not a data file")
    for folder in (tmp_path, "/proc"):
        done = commands.run("estimates", "validate", folder, cwd=ROOT)
        assert done.returncode == 2 and f"no data file (*.yaml, *.yml) in {folder}: nothing to check" in done.stderr


def test_the_installed_app_passes_its_settings_as_flags_which_win_over_a_local_config(tmp_path, monkeypatch):
    """A `.streamlit/config.toml` in the folder where `nk-troops app` is typed is read by Streamlit,
    but every shipped setting is passed as a command-line flag, and Streamlit ranks flags above
    config files: a local file can add settings, never turn the shipped ones off."""
    from dashboard.export import cli

    flags = cli.streamlit_flags()
    assert "--server.enableXsrfProtection=true" in flags and "--client.showErrorDetails=none" in flags
    command = cli.app_command([])
    assert command[:2] == [command[0], "-P"] and all(flag in command for flag in flags)
    assert os.path.basename(command[0]).startswith("python")
