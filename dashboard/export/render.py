"""Figures -> PNG or SVG bytes through kaleido and the system's Chromium.

One export browser is kept warm for the whole process, behind a lock: kaleido is not
thread-safe (concurrent exports have been seen to receive each other's images) and Streamlit
runs every session in its own thread. MathJax is off, so nothing is fetched from a CDN.
"""

from __future__ import annotations

import os
import shutil
import threading

import plotly.graph_objects as go

INSTALL_HINT = ("PNG and SVG export needs Chromium. On Debian or Ubuntu: apt-get install -y chromium "
                "(or set BROWSER_PATH to a Chrome or Chromium binary). HTML export works without it.")
_LOCK = threading.Lock()
_server_started = False


class ChromiumMissing(RuntimeError):
    pass


def chromium_path() -> str | None:
    for candidate in (os.environ.get("BROWSER_PATH"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome"), "/usr/bin/chromium"):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def _ensure_server() -> None:
    global _server_started
    if _server_started:
        return
    path = chromium_path()
    if path is None:
        raise ChromiumMissing(INSTALL_HINT)
    os.environ.setdefault("BROWSER_PATH", path)
    import kaleido

    kaleido.start_sync_server(page_generator=kaleido.PageGenerator(mathjax=False), silence_warnings=True)
    _server_started = True


def to_image(figure: go.Figure, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """Render `figure` as `fmt` ("png" or "svg"). Raises ChromiumMissing with an install hint."""
    import kaleido

    with _LOCK:
        _ensure_server()
        return kaleido.calc_fig_sync(figure, opts={"format": fmt, "width": width, "height": height, "scale": scale})

