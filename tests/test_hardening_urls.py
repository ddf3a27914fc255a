"""Issue 19, items 10 and 23: one checker for every URL (documents' `url` and `archive_url`,
`archive --url`, the dashboard's base URLs), so `archive` never writes what `validate` refuses."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT, copy_seed_articles
from dashboard.urls import BadBaseUrl, check_base_url
from estimates.archive import ArchiveError, archive
from estimates.dataset import load
from estimates.urls import BadUrl, check_url, url_problem

BAD = {
    "https://": "must start with http:// or https:// and name a host",
    "https://exa mple.org/x": "contains U+0020 SPACE at position 12",
    "https://example.org/a\nb": "contains U+000A a control character at position 22",
    "http://[::1": "is not a valid address (Invalid IPv6 URL)",
    "https://user:password@example.org/x": "must not carry a user name or password",
    "https://example.org/\u202egpj.exe": "contains U+202E RIGHT-TO-LEFT OVERRIDE at position 21",
    "https://example.org/\x1b[2J": "contains U+001B a control character at position 21",
    "https://example.org/\u200bx": "contains U+200B ZERO WIDTH SPACE at position 21",
    "https://example.org/" + "a" * 6_000: "is 6,020 characters long, over the 2,000-character limit",
    "ftp://example.org/x": "must start with http:// or https://",
}


@pytest.mark.parametrize("url, why", BAD.items(), ids=range(len(BAD)))
def test_the_checker_refuses_what_the_red_team_found(url, why):
    assert why in url_problem(url)
    with pytest.raises(BadUrl, match="^--url "):
        check_url(url, "--url")


@pytest.mark.parametrize("url", ["https://en.yna.co.kr/view/AEN20250113", "http://[::1]:8501/x?y=1#z",
                                 "https://viory.video/en/videos/كوريا-الشمالية"])
def test_ordinary_addresses_pass(url):
    assert url_problem(url) is None


@pytest.fixture
def seeds(tmp_path):
    return copy_seed_articles(tmp_path / "copy")


@pytest.mark.parametrize("field", ["url", "archive_url"])
@pytest.mark.parametrize("url", ["https://", "https://exa mple.org/x", "http://[::1",
                                 "https://user:password@example.org/x", "https://example.org/\u202egpj.exe"])
def test_validate_refuses_a_bad_document_url_at_its_line(seeds, field, url):
    data, folder = seeds
    meta = folder / "004_70b8eea80a870e7c.meta.yaml"
    lines = len(meta.read_text().splitlines())
    meta.write_text(meta.read_text() + f"{field}: {url!r}\n".replace("\\u202e", "\u202e"))
    problems = [p for p in load(data_dir=data, seeds_dir=folder).problems if p.field == field]
    assert [(p.file.endswith(meta.name), p.line) for p in problems] == [(True, lines + 1)]
    assert problems[0].message == f"the URL {url_problem(url)}"


@pytest.mark.parametrize("url", ["https://example.org/\x1bx", "https://example.org/" + "a" * 6_000,
                                 "https://user:pw@example.org/x"])
def test_archive_refuses_a_url_validate_would_refuse_and_writes_nothing(tmp_path, url):
    with pytest.raises(ArchiveError, match=r"^--url '.*' (contains|is 6,020|must not carry)"):
        archive(url, "At least 300 were killed.", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_archive_on_the_command_line_exits_2_on_an_escape_in_the_url(tmp_path):
    result = subprocess.run([sys.executable, "-m", "estimates", "archive", "--url", "https://example.org/\x1b[2Jx",
                             "--seeds", str(tmp_path)], input="At least 300 were killed.\n", capture_output=True,
                            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2 and "contains U+001B a control character at position 21" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("url", ["https://", "https://user:password@example.org", "https://example.org:99999"])
def test_base_urls_follow_the_same_rule(url):
    with pytest.raises(BadBaseUrl) as refused:
        check_base_url(url, "--base-url")
    assert url_problem(url) in str(refused.value)
