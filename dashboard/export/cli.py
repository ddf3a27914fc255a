"""`nk-troops`: the one command an installed package puts on PATH.

    nk-troops validate | export | schema | changes | archive ...   the `python -m estimates` subcommands
    nk-troops snapshot --view "quantity=killed" --out killed.png     the `python -m dashboard.snapshot` options
    nk-troops publish --out site/ [--views views.yaml]              the static edition (`python -m dashboard.publish`)
    nk-troops app [--server.port 8502 ...]                           the dashboard (Streamlit options pass through)

One name rather than six: `validate` or `export` alone would clash with other tools on PATH.
Every subcommand `python -m estimates` has, now or later, works here unchanged. Before the
subcommand, `--data-dir DIR` and `--seeds-dir DIR` choose the data (default: the checkout in
the current folder, else the copy installed with the package; see estimates/locations.py).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from pathlib import Path

from estimates import locations

DASHBOARD = Path(__file__).resolve().parent.parent
APP_SCRIPT = DASHBOARD.parent / "streamlit_app.py"  # installed beside the packages
# The app's production settings: the checkout's .streamlit/config.toml, or its copy in the wheel.
CONFIG_FILES = (APP_SCRIPT.parent / ".streamlit" / "config.toml", DASHBOARD / "streamlit_config" / "config.toml")


def streamlit_flags() -> list[str]:
    """The shipped Streamlit settings as command-line flags, so they hold whatever the current folder."""
    path = next((p for p in CONFIG_FILES if p.is_file()), None)
    if path is None:
        return []
    flags = []
    for section, options in tomllib.loads(path.read_text(encoding="utf-8")).items():
        for key, value in options.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            flags.append(f"--{section}.{key}={text}")
    return flags


def app_command(args: list[str]) -> list[str]:
    # -P: the current folder is not put on the import path, so a streamlit.py or yaml.py there never runs
    return [sys.executable, "-P", "-m", "streamlit", "run", str(APP_SCRIPT), *streamlit_flags(), *args]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nk-troops", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, help=f"the data files (also ${locations.DATA_DIR_VARIABLE})")
    parser.add_argument("--seeds-dir", type=Path, help=f"the archived documents (also ${locations.SEEDS_DIR_VARIABLE})")
    parser.add_argument("command", help="validate, export, schema, changes, archive, snapshot, publish, app, ...")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="the subcommand's own arguments")
    options = parser.parse_args(argv)
    locations.use(options.data_dir, options.seeds_dir)
    if options.command == "app":
        return subprocess.call(app_command(options.args))
    if options.command == "snapshot":
        from .snapshot import main as snapshot

        return snapshot(options.args)
    if options.command == "publish":
        from .publish import main as publish

        return publish(options.args)
    from estimates.__main__ import main as estimates

    return estimates([options.command, *options.args])


if __name__ == "__main__":
    sys.exit(main())
