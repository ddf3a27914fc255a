"""Run a command line in this process, where only its output, exit code and files are tested.

A cold `python -m estimates ...` imports pandas, pydantic and plotly again: about a second per
call. In-process, the same `main(argv)` runs with the same arguments, its standard output and
error captured, and the current folder and the environment restored afterwards (`--data-dir`
sets environment variables for the processes a command starts).

Tests that need a real process keep one: a crash that could kill the interpreter (deep YAML
nesting), a file that could block a read forever (a FIFO), the installed wheel, dev.py.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import subprocess
import sys
from pathlib import Path

MAINS = {"estimates": "estimates.__main__", "dashboard.snapshot": "dashboard.export.snapshot",
         "dashboard.publish": "dashboard.export.publish", "nk-troops": "dashboard.export.cli"}


class _Text(io.StringIO):
    """A text stream with a `buffer`, as sys.stdout has, for commands that write bytes."""

    def __init__(self):
        super().__init__()
        self.buffer = io.BytesIO()

    def text(self) -> str:
        return self.getvalue() + self.buffer.getvalue().decode("utf-8", errors="replace")


def run(command: str, *args: str | Path, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m COMMAND ARGS...` (or `nk-troops ARGS...`), run in this process."""
    main = importlib.import_module(MAINS[command]).main
    argv = [str(a) for a in args]
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = _Text(), _Text()
    try:
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exit_:  # argparse's usage errors, and `sys.exit("message")`
                if isinstance(exit_.code, str):
                    print(exit_.code, file=sys.stderr)
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess([command, *argv], code or 0, out.text(), err.text())
