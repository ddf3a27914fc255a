"""The static edition (`python -m dashboard.publish`): reproducible, inert, self-contained, and
drawing with the plotly.js version plotly.py embeds."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import re
import xml.etree.ElementTree as ET

import plotly.offline
import pytest

import estimates
from conftest import ROOT
from dashboard.export import publish as publish_module
from dashboard.export.formats import read_png_text
from dashboard.figures import snapshot_figure
from dashboard.export.static_site import bundle, markup, sources
from dashboard.view import View
from static_site_support import APP, BUILT, hostile_data, inside_target, parse, publish_small, views_file
import commands

HOSTILE_QUOTE = 'An official said <script>alert("xss")</script> that <img src=x onerror="alert(1)"> about 500'


@pytest.fixture(scope="module")
def site(small_site):
    """The small hostile site, without PNG and SVG (those are checked where Chromium is needed)."""
    return small_site


def pages(site):
    return sorted(p for p in site.rglob("*.html") if p.parent.name != p.stem)  # not the offline snapshots


def test_publishing_twice_gives_the_same_bytes(tmp_path, chromium):
    first = publish_small(tmp_path / "one", tmp_path / "a", images=True)
    second = publish_small(tmp_path / "two", tmp_path / "b", images=True)
    assert first == second and "views/killed/killed.png" in first and "views/killed/killed.svg" in first
    for name in first:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    on_disk = sorted(str(p.relative_to(tmp_path / "one")) for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert on_disk == sorted([*first, publish_module.SITE_MARKER])  # and the marker of its own edition
    marker = publish_module.SITE_MARKER
    assert (tmp_path / "one" / marker).read_bytes() == (tmp_path / "two" / marker).read_bytes()
    png = read_png_text((tmp_path / "one" / "views/killed/killed.png").read_bytes())
    assert png["Creation Time"] == "2026-12-01T00:00:00+00:00"  # the build date, not the clock
    assert json.loads((tmp_path / "one" / "build.json").read_text())["build_date"] == "2026-12-01"


def test_a_new_build_date_changes_only_what_carries_it(tmp_path):
    publish_small(tmp_path / "one", tmp_path / "a", images=False)
    from dashboard.export.publish import publish

    data, seeds = hostile_data(tmp_path / "b")
    publish(tmp_path / "two", views=views_file(tmp_path), app=APP, built=BUILT.replace(day=2), site_url=None,
            images=False, data_dir=data, seeds_dir=seeds)
    changed = {str(p.relative_to(tmp_path / "one")) for p in (tmp_path / "one").rglob("*") if p.is_file()
               and p.read_bytes() != (tmp_path / "two" / p.relative_to(tmp_path / "one")).read_bytes()}
    assert "build.json" in changed and "feed.xml" not in changed and "data/records.csv" not in changed


def test_hostile_text_renders_as_text_and_never_as_markup(site):
    record = (site / "records" / "hostile-record.html").read_text()
    assert html.escape(HOSTILE_QUOTE) in record
    assert html.escape("<b>Hostile</b> Outlet <script>alert('outlet')</script>") in record
    assert html.escape("Evil <script>alert('name')</script> Agency") in record
    for page in pages(site):
        text = page.read_text()
        assert "<script>alert" not in text and "<img src=x" not in text and "<b>Hostile" not in text, page
        assert ">nan<" not in text and "record nan" not in text, page  # a missing text is left out
        assert "javascript:" not in "".join(v for _, _, v in parse(page).links), page
    feed = (site / "feed.xml").read_text()
    assert "<script>" not in feed and "&lt;script&gt;" in feed


def test_a_javascript_url_in_document_metadata_never_becomes_a_link(tmp_path, monkeypatch):
    """The models refuse such a URL on load; the pages refuse it again, in case one ever gets by."""
    real_load = sources.load

    def tampered(data_dir, seeds_dir):
        dataset, _ = real_load(data_dir, seeds_dir)
        document = dataset.documents["999_hostile"]
        meta = document.meta.model_copy(update={"url": "javascript:alert(document.domain)//http://x"})
        dataset.documents["999_hostile"] = dataclasses.replace(document, meta=meta)
        return dataset, estimates.to_frame(dataset)

    monkeypatch.setattr(sources, "load", tampered)
    publish_small(tmp_path / "site", tmp_path, images=False)
    record = tmp_path / "site" / "records" / "hostile-record.html"
    assert html.escape(HOSTILE_QUOTE) in record.read_text()  # the page is there, with its quotes
    assert not [v for _, _, v in parse(record).links if "javascript" in v.lower()]  # as text, or left out


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
                                 "//evil.example/x", "http://", "https://x.org/\" onmouseover=\"alert(1)",
                                 "https://x.org/\nx", "file:///etc/passwd", None, 42])
def test_only_plain_web_addresses_become_links(url):
    assert markup.link(url, "label") == "label"


def test_outside_links_open_without_giving_them_our_page():
    assert markup.link("https://www.example.org/a?b=1&c=2", "<x>") == (
        '<a href="https://www.example.org/a?b=1&amp;c=2" rel="noopener noreferrer">&lt;x&gt;</a>')


def test_links_between_pages_resolve_to_files_in_the_site(site):
    checked = 0
    for page in pages(site):
        found = parse(page)
        for tag, attribute, value in found.links:
            if (tag, value) == ("link", "data:,"):
                continue  # the empty icon: spares a request for /favicon.ico
            target = inside_target(page, value)
            if target is None:
                assert value.startswith(("https://", "http://")), (page, value)
                if tag == "a":  # never gives the page it opens a handle on ours
                    assert re.search(f'href="{re.escape(html.escape(value))}"[^>]*rel="noopener noreferrer"',
                                     page.read_text()), (page, value)
                continue
            path, fragment = target
            assert path.is_file() and site.resolve() in path.parents, (page, value)
            if fragment:
                assert fragment in parse(path).ids, (page, value)
            checked += 1
    assert checked > 100
    index = parse(site / "index.html")
    records = {v for _, _, v in index.links if v.startswith("records/")}
    assert records == {f"records/{p.name}" for p in (site / "records").iterdir()}  # each row links to its page


def test_every_page_draws_with_the_one_plotly_js_file(site):
    name = bundle.recorded().name
    for page in pages(site):
        scripts = [v for tag, _, v in parse(page).links if tag == "script"]
        if page.parent.name == "records" or page.name == "who-says-what.html":  # no chart on these
            assert scripts == []
            continue
        assert [s.rsplit("/", 1)[-1] for s in scripts] == [name], page
        assert page.stat().st_size < 500_000, page  # the chart's data, never plotly.js inline
    assert (site / "assets" / name).read_bytes() == bundle.recorded().path.read_bytes()


def test_the_bundle_is_the_plotly_js_version_plotly_py_embeds():
    pinned = bundle.recorded()
    embedded = plotly.offline.get_plotlyjs_version()
    assert pinned.version == embedded
    assert bundle.header_version(pinned.path.read_bytes()) == embedded
    assert f"plotly.js v{embedded}\n" in plotly.offline.get_plotlyjs()[:100]
    assert bundle.pinned_version(pinned.package) == pinned.version  # package.json says the same
    assert pinned.path.name == f"plotly-basic-{embedded}.min.js"


def test_the_bundle_matches_its_recorded_checksum(tmp_path, monkeypatch):
    pinned = bundle.recorded()
    assert hashlib.sha256(pinned.path.read_bytes()).hexdigest() == pinned.sha256
    assert bundle.verified(pinned) == pinned.path.read_bytes()
    assert pinned.licence == "MIT" and pinned.licence_path.read_text().startswith("MIT License")
    broken = tmp_path / pinned.path.name
    broken.write_bytes(pinned.path.read_bytes().replace(b"Plotly", b"Plotlz", 1))
    with pytest.raises(bundle.BundleError, match="not the recorded"):
        bundle.verified(dataclasses.replace(pinned, path=broken))


def test_no_vendored_file_names_a_package_registry():
    for path in bundle.VENDOR.iterdir():
        if path.suffix in (".json", ".md", ".txt"):
            text = path.read_text().lower()
            assert "registry" not in text and "npmjs" not in text and "://" not in text.replace("http://", ""), path


def test_the_pages_show_the_apps_figures_words_and_cards(site, tmp_path):
    dataset, frame = sources.load(*hostile_data(tmp_path))  # records named as the app names them: data/...
    assert frame.set_index("id").loc["hostile-record", "file"] == "data/hostile.yaml"
    view = View(quantities=("killed",), scale="linear")
    _, alt = snapshot_figure(frame, dataset, view, BUILT, APP, plot_px=330, wrap=60)
    assert (site / "views/killed/killed.alt.txt").read_text() == alt + "\n"
    assert html.escape(alt) in (site / "views/killed/index.html").read_text()
    page = (site / "records/hostile-record.html").read_text()
    content = sources.record_card(frame.set_index("id", drop=False).loc["hostile-record"], dataset)
    assert "record nan" not in page and ">nan<" not in page  # a missing text is left out, never printed as nan
    for label, words in content.facts:
        assert label != "Repeats"  # hostile-record repeats nothing
        assert f"<dt>{html.escape(label)}</dt><dd>{html.escape(words)}</dd>" in page
    assert f'{APP}/?record=hostile-record' in page
    assert f'{APP}/?quantity=killed&amp;scale=linear' in (site / "views/killed/index.html").read_text()


def test_the_feed_lists_each_record_newest_first(site):
    root = ET.parse(site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = root.findall(f"{atom}entry")
    assert len(entries) == len(list((site / "records").iterdir()))
    dates = [e.find(f"{atom}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert len({e.find(f"{atom}id").text for e in entries}) == len(entries)
    links = [e.find(f"{atom}link").get("href") for e in entries]
    assert all((site / link).is_file() for link in links)


def test_the_embed_snippet_and_the_data_files(site):
    view = (site / "views/killed/index.html").read_text()
    assert html.escape('<iframe src="embed.html"') in view
    assert (site / "data/records.csv").read_text().startswith("id,part,kind")
    assert json.loads((site / "data/records.json").read_text())["data_version"]
    assert (site / "data/datapackage.zip").read_bytes()[:2] == b"PK"
    assert "PNG and SVG snapshots were not made" in view


def test_without_chromium_it_says_how_to_install_it_or_skip_images(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sources, "chromium_missing", lambda: "PNG and SVG export needs Chromium. Install it.")
    data, seeds = hostile_data(tmp_path)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data))
    monkeypatch.setenv("TRACKER_SEEDS_DIR", str(seeds))
    assert publish_module.main(["--out", str(tmp_path / "site"), "--views", str(views_file(tmp_path))]) == 2
    error = capsys.readouterr().err
    assert "needs Chromium" in error and "--no-images" in error
    assert not (tmp_path / "site").exists()


def test_it_never_writes_over_a_folder_that_is_not_a_site(tmp_path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.txt").write_text("keep me")
    assert publish_module.main(["--out", str(tmp_path / "mine"), "--no-images"]) == 2
    assert "was not published into before (it holds no .nk-troops-site.json" in capsys.readouterr().err
    assert (tmp_path / "mine" / "thesis.txt").read_text() == "keep me"


@pytest.mark.slow  # publishes all 490 records
def test_publishing_the_real_dataset(tmp_path):
    """The whole dataset, as `python -m dashboard.publish` does it (without images: the browser's
    time is measured by benchmarks/bench_static.py)."""
    done = commands.run("dashboard.publish", "--out", tmp_path / "site", "--no-images", "--build-date", "2026-12-01",
                        cwd=ROOT)
    assert done.returncode == 0, done.stderr
    frame = estimates.to_frame(estimates.load())
    assert len(list((tmp_path / "site" / "records").iterdir())) == frame["id"].nunique() > 300


def test_publishing_again_replaces_the_site_and_leaves_nothing_of_its_own_behind(tmp_path):
    publish_small(tmp_path / "out" / "site", tmp_path / "a", images=False)
    (tmp_path / "out" / "site" / "records" / "gone.html").write_text("from an older edition")
    publish_small(tmp_path / "out" / "site", tmp_path / "b", images=False)
    assert (tmp_path / "out" / "site" / "records" / "gone.html").read_text() == "from an older edition"  # not ours
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["site"]  # no staging or old copy left


def test_a_bad_view_is_an_error_before_anything_is_written(tmp_path, capsys):
    views = tmp_path / "views.yaml"
    views.write_text("views:\n  - name: bad\n    view: quantity=kiled\n")
    assert publish_module.main(["--out", str(tmp_path / "site"), "--views", str(views), "--no-images"]) == 2
    assert "bad view 'quantity=kiled'" in capsys.readouterr().err
    assert not (tmp_path / "site").exists() and list(tmp_path.iterdir()) == [views]


def test_with_the_sites_address_the_snippet_and_the_feed_are_absolute(tmp_path):
    publish_small(tmp_path / "site", tmp_path, images=False, site_url="https://tracker.example.org/nk")
    view = (tmp_path / "site/views/killed/index.html").read_text()
    assert html.escape('<iframe src="https://tracker.example.org/nk/views/killed/embed.html"') in view
    assert "location.href" not in view  # no script needed to make it absolute
    root = ET.parse(tmp_path / "site/feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.find(f"{atom}link[@rel='self']").get("href") == "https://tracker.example.org/nk/feed.xml"
    assert all(e.find(f"{atom}link").get("href").startswith("https://tracker.example.org/nk/records/")
               for e in root.findall(f"{atom}entry"))
