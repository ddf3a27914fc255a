"""Limits, each with an error naming it; base URLs; links the app cannot use, shown inert."""

from __future__ import annotations

import re
import subprocess

import pytest
from streamlit.testing.v1 import AppTest

import estimates
from conftest import ROOT
from dashboard.urls import BadBaseUrl, check_base_url
from dashboard.view import MAX_LINK_CHARS, MAX_LINK_FIELDS, dropped_link_notice
from estimates.models import MAX_QUOTE_CHARS, MAX_REPORTS
import commands

APP = str(ROOT / "streamlit_app.py")


# --- records -------------------------------------------------------------------------------


def _record(reports: int, quote: str = "at least 300 North Korean soldiers") -> str:
    cited = "".join(f"      - document: 003_0be644783e89e01f\n        quote: {quote}\n" for _ in range(reports))
    return ("estimates:\n  - id: limits-test\n    quantity: killed\n    scope: war\n    value: 301\n"
            "    qualifier: at_least\n    estimator: rok-nis\n    announced:\n      value: '2025-01'\n"
            f"      how: printed\n      evidence: x\n    reports:\n{cited}")


def test_reports_per_claim_are_limited(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text(_record(MAX_REPORTS + 1))
    dataset = estimates.load([path])
    assert [(p.line, p.field) for p in dataset.errors] == [(12, "limits-test.reports")]
    assert f"at most {MAX_REPORTS} items" in dataset.errors[0].message
    path.write_text(_record(MAX_REPORTS))
    assert not estimates.load([path]).errors


def test_quote_length_is_limited(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text(_record(1, "x" * (MAX_QUOTE_CHARS + 1)))
    dataset = estimates.load([path])
    assert [p.field for p in dataset.errors] == ["limits-test.reports[0].quote"]
    assert f"at most {MAX_QUOTE_CHARS} characters" in dataset.errors[0].message


# --- views files ---------------------------------------------------------------------------


def snapshot(*args: str) -> subprocess.CompletedProcess:
    return commands.run("dashboard.snapshot", *args, cwd=ROOT)


@pytest.mark.parametrize("content, words", [
    ("views:\n" + "".join(f"  - name: v{i}\n    formats: [html]\n" for i in range(51)),
     "51 views, over the limit of 50 per views file"),
    ("views:\n  - name: a\n    formats: [html]\n  - name: a\n    view: quantity=killed\n",
     ":4: a second view named 'a' (the first is on line 2) would overwrite its files"),
    ("views:\n  - name: killed\n    formats: [html]\n  - name: Killed\n    view: quantity=killed\n",
     ":4: a second view named 'Killed' (the first is on line 2) would overwrite its files"),  # one file on macOS
    ("views:\n  - name: a\n    name: b\n    formats: [html]\n", ":3:5  views.0.name  duplicate key 'name'"),
    ("views:\n  - name: \"\\e[2Ja\"\n", "a view name is a file name"),
    ("views:\n  - name: ../up\n", "a view name is a file name"),
    ("views:\n  - name: a\n    formats: [{x: 1}]\n", "formats must be a list of png, svg, html"),
])
def test_a_views_file_over_a_limit_is_refused_and_nothing_is_written(tmp_path, content, words):
    views = tmp_path / "views.yaml"
    views.write_text(content)
    out = tmp_path / "out"
    result = snapshot("--views", str(views), "--out-dir", str(out))
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert not out.exists()


def test_a_views_file_that_is_a_fifo_is_refused_without_hanging(tmp_path):
    import os

    views = tmp_path / "views.yaml"
    os.mkfifo(views)
    result = snapshot("--views", str(views), "--out-dir", str(tmp_path / "out"))
    assert result.returncode == 2 and "is a FIFO (named pipe), not a regular file" in result.stderr


# --- base URLs -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "javascript:alert(document.domain);//x", "JAVASCRIPT:alert(1)", "data:text/html,<script>alert(1)</script>",
    "https://example.org/\" onmouseover=\"alert(1)", "https://example.org/<b>", "https://exa mple.org",
    "https://user:pass@example.org", "https://example.org/?q=1", "https://example.org/#x", "//example.org",
    "http://", "ftp://example.org", "https://example.org:99999", "https://example.org\n/x", "",
])
def test_a_base_url_that_is_not_plain_http_is_refused(url):
    with pytest.raises(BadBaseUrl, match="--base-url"):
        check_base_url(url, "--base-url")


@pytest.mark.parametrize("url", ["http://localhost:8501", "https://tracker.example.org/nk/", "http://[::1]:8501",
                                 "https://example.org/a%20b"])
def test_a_plain_http_base_url_is_accepted(url):
    assert check_base_url(url) == url.rstrip("/")


def test_the_snapshot_command_refuses_a_javascript_base_url_at_start(tmp_path):
    out = tmp_path / "x.html"
    result = snapshot("--view", "", "--format", "html", "--out", str(out),
                      "--base-url", "javascript:alert(document.domain);//x")
    assert result.returncode == 2 and "must start with http:// or https://" in result.stderr
    assert not out.exists()


# --- links ---------------------------------------------------------------------------------


def test_the_link_limits_are_streamlits():
    from streamlit.runtime.state import query_params

    assert (MAX_LINK_FIELDS, MAX_LINK_CHARS) == (query_params.CLIENT_STATE_QUERY_STRING_MAX_FIELDS,
                                                 query_params.CLIENT_STATE_QUERY_STRING_MAX_LENGTH)
    link = "&".join(f"a{i}=1" for i in range(MAX_LINK_FIELDS + 1))
    assert query_params.sanitize_query_string(link) == ""  # what Streamlit does: drops it, silently
    assert dropped_link_notice(MAX_LINK_FIELDS + 1, len(link)) == (
        "Ignored the whole link: it has 1,001 parameters, more than the 1,000 a link may have. Showing the default view.")
    assert dropped_link_notice(3, MAX_LINK_CHARS + 1).startswith("Ignored the whole link: it is 524,289 characters")
    assert dropped_link_notice(MAX_LINK_FIELDS, MAX_LINK_CHARS) is None
    assert dropped_link_notice("x", None) is None


HOSTILE_LINKS = {
    "markdown link": {"scale": "[Click to verify](https://evil.example/)"},
    "markdown image": {"basis": "![](http://127.0.0.1:9/t.png)"},
    "colour directive": {"scale": ":red[Data withdrawn]"},
    "latex": {"basis": "$$\\text{hacked}$$"},
    "bare autolink": {"record": "www.evil.example"},
    "html": {"kind": "<img src=x onerror=alert(1)>"},
    "emoji shortcode and icon": {"scale": ":warning: :material/lock:"},
}
# One code span, whose content has no backtick run as long as its fence and no line break: Markdown
# shows it as written (no link, image, colour, formula, icon, emoji or autolink can form in it).
_SPAN = re.compile(r"(`+) ([^\n]*) \1")


@pytest.mark.parametrize("name", sorted(HOSTILE_LINKS))
def test_a_hostile_link_notice_is_sent_as_inert_text(name):
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in HOSTILE_LINKS[name].items():
        at.query_params[key] = value
    at.run()
    assert not at.exception and len(at.get("plotly_chart")) == 1
    notices = [i.value for i in at.info]
    assert notices
    for notice in notices:
        match = _SPAN.fullmatch(notice)
        assert match and match[1] not in match[2], notice
