"""Under CI=true a skipped test fails the run: in CI, "skipped" hides a missing browser or a
broken fixture just as well as a failure would, only more quietly.

Loaded by conftest.py (`pytest_plugins`); locally a skip stays a skip, with its reason shown.
"""

from __future__ import annotations

import os

import pytest

_skipped: list[str] = []


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _skipped.append(f"{report.nodeid}: {reason.removeprefix('Skipped: ')}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _in_ci() and _skipped and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if _in_ci() and _skipped:
        terminalreporter.section("skipped tests fail the run under CI=true", red=True)
        for line in _skipped:
            terminalreporter.line(line)
