"""Snapshots carry their title, filters, sources, data version and link: in the figure itself,
in every file format, and from the command line."""

import html
import re
import threading
import os
from datetime import date
from io import BytesIO

import pytest
from PIL import Image

import estimates
from conftest import ROOT
from dashboard.export import formats, render
from dashboard.alttext import describe
from dashboard.view import describe_view, permalink
from dashboard.figures import snapshot_figure
from dashboard.view import View, apply
import commands

MADE_ON = date(2026, 11, 22)
BASE = "https://tracker.example.org"


@pytest.fixture(scope="module")
def data(seed_articles_dir):
    dataset = estimates.load(data_dir=seed_articles_dir)
    return dataset, estimates.to_frame(dataset)


@pytest.fixture(scope="module")
def default(data):
    dataset, frame = data
    return snapshot_figure(frame, dataset, View(), MADE_ON, BASE)


def footer(figure) -> str:
    """The footer as a reader sees it."""
    return html.unescape(next(a.text for a in figure.layout.annotations if a.name == "footer").replace("<br>", " "))


def test_the_figure_has_a_title_and_the_filters_in_words(data):
    dataset, frame = data
    view = View(quantities=("killed", "wounded"), estimators=("rok-nis",), scale="linear", independent_only=True)
    figure, _ = snapshot_figure(frame, dataset, view, MADE_ON, BASE)
    assert figure.layout.title.text == "North Korean troops in Russia: published estimates vs official admissions"
    assert figure.layout.title.subtitle.text == (
        "Killed, wounded · estimators: NIS · independent claims only · by date announced · linear scale")


def test_the_footer_names_estimators_outlets_version_date_and_link(default, data):
    dataset, _ = data
    figure, _ = default
    text = footer(figure)
    for words in ("Estimates by NIS", "Pentagon", "Official statements by", "Kim Jong Un",
                  "The Epoch Times (outlet inferred)", "Breitbart News (outlet inferred)",
                  "3 articles from unnamed outlets", f"Data version {dataset.version}", "made 2026-11-22",
                  f"{BASE}/"):
        assert words in text, words


def test_the_footer_follows_the_filters(data):
    dataset, frame = data
    figure, _ = snapshot_figure(frame, dataset, View(quantities=("deployed",), estimators=("us-dod",)), MADE_ON, BASE)
    text = footer(figure)
    assert "Pentagon" in text and "NIS" not in text
    assert f"{BASE}/?quantity=deployed&estimator=us-dod" in text


def test_the_permalink_base_is_configurable(monkeypatch):
    from dashboard.export.settings import base_url

    assert permalink(View(scale="linear"), "https://x.org/") == "https://x.org/?scale=linear"
    monkeypatch.setenv("TRACKER_BASE_URL", "https://tracker.example.org/")
    assert permalink(View(), base_url()) == "https://tracker.example.org/"
    monkeypatch.delenv("TRACKER_BASE_URL")
    assert permalink(View(), base_url()) == "http://localhost:8501/"


def test_alt_text_says_what_the_chart_shows(data):
    _, frame = data
    text = describe(apply(frame, View(quantities=("killed",))))
    assert text.startswith("Latest claims, killed: about 600 (NIS, Apr 2025). Estimates of North Korean soldiers "
                           "killed rose from at least 300 (NIS, Jan 2025) to about 600 (NIS, Apr 2025)")
    assert "Kim Jong Un admitted 9 killed (the engineer regiment sent to demine the Kursk region), 12–13 Dec 2025" in text
    assert describe(frame.iloc[0:0]).startswith("The chart shows no records")


def test_a_png_is_2x_not_blank_and_carries_its_metadata(default, chromium):
    figure, alt = default
    data = formats.png(figure, alt)
    image = Image.open(BytesIO(data))
    assert image.size == (2 * formats.WIDTH, 2 * int(figure.layout.height))
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 100  # a blank or failed render has one or two colours
    meta = formats.read_png_text(data)
    assert meta["Source"] == f"{BASE}/" and meta["Description"] == alt
    assert re.fullmatch(r"[0-9a-f]{12}", meta["Data version"])


def test_an_svg_carries_the_footer_and_the_alt_text(default, data, chromium):
    dataset, _ = data
    figure, alt = default
    svg = formats.svg(figure, alt).decode()
    assert svg.lstrip().startswith("<svg")
    assert f"Data version {dataset.version}" in svg and "The Epoch Times (outlet inferred)" in svg
    assert f"<desc>{alt[:40]}" in svg.replace("&#x27;", "'")


def test_an_html_snapshot_embeds_plotly_and_the_alt_text(default):
    figure, alt = default
    page = formats.html_page(figure, alt).decode()
    assert "<script src=" not in page  # plotly.js is inline, nothing is fetched
    assert 'name="description"' in page and "Estimates of North Korean" in page
    assert f'<a href="{BASE}/">' in page


def test_eight_concurrent_exports_each_get_their_own_chart(data, chromium):
    dataset, frame = data
    views = [View(quantities=(q,), scale=s) for q in ("deployed", "killed", "wounded", "killed_or_wounded")
             for s in ("log", "linear")]
    figures = [snapshot_figure(frame, dataset, v, MADE_ON, BASE) for v in views]
    results: dict[int, str] = {}

    def export(i):
        results[i] = formats.svg(*figures[i]).decode()

    threads = [threading.Thread(target=export, args=(i,)) for i in range(len(views))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(results) == 8
    for i, view in enumerate(views):
        assert describe_view(view, frame) in results[i], f"export {i} got another view's chart"


def test_without_chromium_images_fail_with_how_to_install_and_html_still_works(default, monkeypatch):
    figure, alt = default
    monkeypatch.setattr(render, "chromium_path", lambda: None)
    monkeypatch.setattr(render, "_server_started", False)
    with pytest.raises(render.ChromiumMissing, match="apt-get install -y chromium"):
        formats.png(figure, alt)
    assert b"plotly" in formats.html_page(figure, alt)


def run_cli(*args):
    return commands.run("dashboard.snapshot", *args, cwd=ROOT)


def test_the_command_line_renders_a_batch_of_named_views(tmp_path, chromium):
    views = tmp_path / "weekly.yaml"
    views.write_text("views:\n  - name: killed\n    view: quantity=killed&scale=linear\n    formats: [png, svg]\n"
                     "  - name: everything\n    view: ''\n    formats: [html]\n")
    result = run_cli("--views", str(views), "--out-dir", str(tmp_path / "out"), "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [".nk-troops-written.json",  # what it wrote, for the next run
        "everything.alt.txt", "everything.html", "killed.alt.txt", "killed.png", "killed.svg"]
    assert formats.read_png_text((out / "killed.png").read_bytes())["Source"] == f"{BASE}/?quantity=killed&scale=linear"
    assert (out / "killed.alt.txt").read_text().startswith("Latest claims, killed: ")


def test_the_command_line_renders_one_view(tmp_path, chromium):
    out = tmp_path / "default.svg"
    result = run_cli("--view", "", "--format", "svg", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "<svg" in out.read_text()[:200] and (tmp_path / "default.alt.txt").exists()


@pytest.mark.parametrize("args, message", [
    (["--view", "scale=cubic", "--out", "x.png"], "bad view 'scale=cubic': Ignored scale='cubic'"),
    (["--view", "colour=red", "--out", "x.png"], "unknown parameter 'colour'"),
    (["--view", "", "--format", "html", "--out", "/proc/no/such/x.html"], "/proc/no/such: cannot be created"),
])
def test_the_command_line_refuses_bad_views_and_paths(args, message):
    result = run_cli(*args)
    assert result.returncode == 2 and message in result.stderr, result.stderr


def test_a_bad_views_file_names_its_line(tmp_path):
    views = tmp_path / "views.yaml"
    views.write_text("views:\n  - name: a\n    view: ''\n  - view: quantity=killed\n")
    result = run_cli("--views", str(views), "--out-dir", str(tmp_path))
    assert result.returncode == 2 and f"{views}:4: each view needs a `name`" in result.stderr


def test_the_footer_names_outlets_and_stays_short_with_every_record():
    from dashboard.credits import MAX_NAMED, sources

    frame = estimates.to_frame(estimates.load())
    estimators, outlets = sources(frame)
    assert outlets.startswith("Reported in: ") and "more outlets" in outlets
    named = outlets.removeprefix("Reported in: ").split(" and ")[0].split(", ")
    assert len(named) == MAX_NAMED and "unnamed outlets" not in named[0]
    assert "NIS" in estimators.split(",")[0]  # the estimator with the most records comes first
    assert len(estimators) + len(outlets) < 1_000  # a few lines under the image, not a page


def test_the_apps_chart_download_is_the_snapshot_commands_file(tmp_path, data, seed_articles_dir, chromium):
    """The app's "Chart as PNG" button and `python -m dashboard.snapshot` give the same image
    (only the PNG's creation time differs); benchmarks/load_test.py checks against the same."""
    from dashboard.export.downloads import chart_bytes
    from dashboard.export.snapshot import parse_view

    dataset, frame = data
    query = "quantity=killed&scale=linear"
    app = chart_bytes(frame, dataset, parse_view(query, frame), date.today(), BASE, "png")
    done = commands.run("dashboard.snapshot", "--view", query, "--format", "png", "--out", tmp_path / "killed.png",
                        "--base-url", BASE, cwd=ROOT, env={**os.environ, "TRACKER_DATA_DIR": str(seed_articles_dir)})
    assert done.returncode == 0, done.stderr
    command = (tmp_path / "killed.png").read_bytes()
    assert formats.read_png_text(app)["Source"] == formats.read_png_text(command)["Source"] == f"{BASE}/?{query}"
    assert formats.without_png_text(app, "Creation Time") == formats.without_png_text(command, "Creation Time")


def test_the_command_line_never_replaces_a_file_it_did_not_write(tmp_path, seed_articles_dir):
    env = {**os.environ, "TRACKER_DATA_DIR": str(seed_articles_dir)}
    mine = tmp_path / "killed.html"
    mine.write_text("my own notes, not a snapshot")

    def snapshot(*extra):
        return commands.run("dashboard.snapshot", "--view", "quantity=killed", "--format", "html", "--out", mine,
                            "--base-url", BASE, *extra, cwd=ROOT, env=env)

    refused = snapshot()
    assert refused.returncode == 2 and "was not written by this command" in refused.stderr
    assert mine.read_text() == "my own notes, not a snapshot" and not (tmp_path / "killed.alt.txt").exists()
    assert snapshot("--force").returncode == 0 and mine.read_bytes().startswith(b"<!DOCTYPE html>")
    assert snapshot().returncode == 0  # its own file, unchanged since: replaced without --force
