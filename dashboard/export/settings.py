"""The one setting read from the environment: where the app is served, for the links people share.

`TRACKER_BASE_URL`, when set, must be an http(s) address, or the app and the commands refuse to
start (dev.py checks it too). Pure code never reads the environment: it is given the address.
"""

from __future__ import annotations

import os

from ..urls import BadBaseUrl, check_base_url

BASE_URL_VARIABLE = "TRACKER_BASE_URL"
DEFAULT_BASE_URL = "http://localhost:8501"


def base_url(current: str | None = None) -> str:
    """Where permalinks point: TRACKER_BASE_URL if set, else `current` (the address the reader
    has open, in the app), else the local address. A TRACKER_BASE_URL that is not an http(s)
    address raises BadBaseUrl; a `current` that is not falls back to the local address."""
    configured = os.environ.get(BASE_URL_VARIABLE)
    if configured:
        return check_base_url(configured, BASE_URL_VARIABLE)
    try:
        return check_base_url(current) if current else DEFAULT_BASE_URL
    except BadBaseUrl:
        return DEFAULT_BASE_URL
