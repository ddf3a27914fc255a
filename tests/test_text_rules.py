"""The text allow-list, by Unicode category, and what every output does with what gets through:
the terminal and CI output escape it, the SVG and HTML snapshots stay valid XML and HTML."""

from __future__ import annotations

import html
import html.parser
import json
import shutil
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import estimates
from conftest import ROOT
from estimates import text_rules
from estimates.models import Estimator, Passage
from estimates.problems import Problem, as_github, as_json, as_text
import commands

ALLOWED = sorted(text_rules.ALLOWED_CATEGORIES)
REFUSED = ["Cc", "Cf", "Co", "Cn", "Zl", "Zp"]  # and Cs, surrogates, below
CASES = settings(max_examples=60, deadline=None, database=None)


def xml_char(char: str) -> bool:
    """XML 1.0's Char production."""
    code = ord(char)
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


@pytest.mark.parametrize("category", ALLOWED)
@CASES
@given(data=st.data())
def test_every_allowed_category_is_accepted(category, data):
    char = data.draw(st.characters(categories=[category]).filter(lambda c: not text_rules._IGNORABLE.match(c)))
    text = "a" + char + "b"
    assert text_rules.check(text) == text
    assert Passage(document="x", quote=text).quote == text
    assert xml_char(char)  # whatever we accept, XML can carry


@pytest.mark.parametrize("category", [*REFUSED, "Cs"])
@CASES
@given(data=st.data())
def test_every_refused_category_is_refused_with_its_code_point_and_position(category, data):
    if category == "Cs":
        char = chr(data.draw(st.integers(0xD800, 0xDFFF)))
    else:
        char = data.draw(st.characters(categories=[category], exclude_characters="\t\n\r"))
    prefix = data.draw(st.text(alphabet="abc Ж北", max_size=8))
    with pytest.raises(ValueError) as error:
        Estimator(id="x", name=prefix + char + "z", short_name="x", kind="military", side="third_party")
    if category == "Cs":  # pydantic refuses a lone surrogate before our check (and YAML cannot hold one)
        with pytest.raises(ValueError) as error:
            text_rules.check(prefix + char + "z")
    message = str(error.value)
    assert f"U+{ord(char):04X}" in message and f"at position {len(prefix) + 1}" in message
    assert "delete it" in message
    assert text_rules.printable(char) != char  # and any output shows it as an escape


# The characters the issue names, each refused with its code point.
NAMED = {
    "left-to-right mark": "\u200e", "right-to-left mark": "\u200f", "arabic letter mark": "\u061c",
    "tag latin small a": "\U000e0061", "cancel tag": "\U000e007f", "hangul filler": "\u3164",
    "hangul choseong filler": "\u115f", "halfwidth hangul filler": "\uffa0", "c1 control CSI": "\x9b",
    "next line": "\x85", "line separator": "\u2028", "paragraph separator": "\u2029",
    "noncharacter fffe": "\ufffe", "noncharacter fdd0": "\ufdd0", "plane-16 noncharacter": "\U0010ffff",
    "private use": "\ue000", "variation selector 16": "\ufe0f", "combining grapheme joiner": "\u034f",
    "unassigned": "\u0378", "escape": "\x1b", "delete": "\x7f",
}


@pytest.mark.parametrize("name", sorted(NAMED))
def test_each_named_invisible_or_unsafe_character_is_refused(name):
    char = NAMED[name]
    with pytest.raises(ValueError, match=f"U\\+{ord(char):04X}"):
        text_rules.check("ok" + char)


def test_ordinary_text_in_many_scripts_passes():
    for text in ["Kim Jong Un: “nine lives” — 9", "북한군 약 1만1000명", "Северная Корея", "كوريا الشمالية", "≥ 300 ±5 € ✓",
                 "line one\nline two\twith a tab"]:
        assert text_rules.check(text) == text


@given(st.text())
def test_printable_output_is_one_line_of_allowed_characters(text):
    shown = text_rules.printable(text)
    assert "\n" not in shown and "\r" not in shown
    assert text_rules.first_refused(shown) is None  # no control, format or separator character left
    assert shown == text or "\\" in shown


# --- outputs --------------------------------------------------------------------------------

FORGED = Problem("data/\x1b[2Jx.yaml", 3, 5, "\n::notice title=forged::All checks passed",
                 "got '\x1b]0;pwned\x07' and \u202eevil\u2028")


def test_the_terminal_shows_control_characters_as_escapes_and_one_line_per_problem():
    text = as_text([FORGED])
    assert text == ("data/\\x1b[2Jx.yaml:3:5  \\n::notice title=forged::All checks passed  "
                    "got '\\x1b]0;pwned\\x07' and \\u202eevil\\u2028")


def test_github_annotations_cannot_be_forged_by_a_key_with_a_newline():
    out = as_github([FORGED])
    assert out.count("\n") == 0 and out.startswith("::error file=")
    assert "\x1b" not in out and "\u202e" not in out
    assert "title=\\n%3A%3Anotice title=forged%3A%3AAll checks passed::" in out


def test_json_output_escapes_them_and_round_trips():
    out = as_json([FORGED])
    assert not any(text_rules.refused(c) for c in out if c not in "\n")
    assert json.loads(out)[0]["field"] == FORGED.field and json.loads(out)[0]["message"] == FORGED.message


def test_validate_never_prints_a_raw_escape_or_a_forged_line(tmp_path, fixtures):
    bad = tmp_path / "forged.yaml"
    bad.write_text('"\\n::notice title=forged::All checks passed": 1\n'
                   'estimates:\n  - id: "\\e[2Jx\\e]0;pwned\\a"\n')
    for fmt in ("text", "github", "json"):
        result = commands.run("estimates", "validate", "--format", fmt, bad, cwd=ROOT)
        assert result.returncode == 1
        assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout
        assert not any(line.startswith("::notice") for line in result.stdout.splitlines()), result.stdout
        if fmt == "text":
            assert "\\n::notice title=forged::All checks passed" in result.stdout


# --- snapshots stay valid XML and HTML with any accepted text ----------------------------------


class _Strict(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in {"meta", "br", "link", "img", "input", "hr"}:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()


def _accepted_text(seed: int) -> str:
    """One character of every allowed category (the first few code points of each), plus markup."""
    chars = []
    for category in ALLOWED:
        found = [chr(c) for c in range(0x20, 0x30000) if unicodedata.category(chr(c)) == category
                 and not text_rules._IGNORABLE.match(chr(c))]
        chars.append(found[seed % len(found)])
    return "".join(chars) + " <b>&amp;</b> ]]> \"'"


@pytest.fixture(scope="module")
def accepted_everywhere(tmp_path_factory):
    """A dataset whose names, labels and outlet use a character from every allowed category."""
    base = tmp_path_factory.mktemp("categories")
    data = base / "data"
    shutil.copytree(estimates.DATA_DIR, data)
    text = _accepted_text(7)
    actors = data / "actors.yaml"
    source = actors.read_text(encoding="utf-8")
    short = json.dumps(text[:40], ensure_ascii=True)
    actors.write_text(source.replace("short_name: NIS", f"short_name: {short}", 1), encoding="utf-8")
    dataset = estimates.load(data_dir=data)
    assert not dataset.errors, dataset.errors[:3]
    assert text[:40] in {e.short_name for e in dataset.estimators.values()}
    return dataset, text[:40]


def test_the_html_snapshot_is_valid_html_whatever_the_accepted_text(accepted_everywhere):
    from datetime import date

    from dashboard.export.formats import html_page
    from dashboard.figures import snapshot_figure
    from dashboard.view import View

    dataset, text = accepted_everywhere
    figure, alt = snapshot_figure(estimates.to_frame(dataset), dataset, View(), date(2026, 11, 22), "http://localhost:8501")
    page = html_page(figure, alt).decode("utf-8")
    ours = page.split("<script", 1)[0] + page.rsplit("</script>", 1)[1]  # our markup around plotly.js
    parser = _Strict()
    parser.feed(ours)
    parser.close()
    assert parser.stack == []
    assert all(xml_char(c) for c in ours)  # (plotly.js itself holds two C0 controls, in its own code)
    assert text.split(" <b>")[0][:10] in html.unescape(ours)  # the name is in the caption, escaped


@pytest.mark.browser
def test_the_svg_snapshot_is_valid_xml_whatever_the_accepted_text(accepted_everywhere):
    from datetime import date

    from dashboard.export.formats import svg
    from dashboard.export.render import chromium_path
    from dashboard.figures import snapshot_figure
    from dashboard.view import View

    assert chromium_path(), "the SVG export needs Chromium: apt-get install -y chromium"
    dataset, text = accepted_everywhere
    figure, alt = snapshot_figure(estimates.to_frame(dataset), dataset, View(), date(2026, 11, 22), "http://localhost:8501")
    image = svg(figure, alt)
    root = ET.fromstring(image)  # raises on any character or markup XML does not allow
    assert root.tag.endswith("svg")
    shown = "".join(root.itertext())
    assert text.split(" <b>")[0][:10] in shown  # the estimator's name is drawn, as text
