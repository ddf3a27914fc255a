"""Issue 19, items 3 and 18: `publish --out DIR` recognises its earlier edition only by its own
marker, never deletes a folder or a file it did not make, and refuses build dates a zip cannot hold."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import folder_tree
from dashboard.export import publish as publish_module
from dashboard.export.publish import SITE_MARKER, PublishError, publish
from static_site_support import APP, BUILT, hostile_data, views_file


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    work = tmp_path_factory.mktemp("publish-inputs")
    data, seeds = hostile_data(work / "input")
    return {"views": views_file(work), "app": APP, "built": BUILT, "site_url": None, "images": False,
            "data_dir": data, "seeds_dir": seeds}


def test_a_git_repository_with_a_build_json_is_refused_and_kept_whole(tmp_path, inputs, capsys):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (repo / "src.py").write_text("print('my work')\n")
    (repo / "build.json").write_text('{"build_date": "2026-01-01"}\n')
    before = folder_tree(repo)
    assert publish_module.main(["--out", str(repo), "--no-images", "--views", str(inputs["views"])]) == 2
    error = capsys.readouterr().err
    assert f"error: {repo} is not empty and was not published into before (it holds no {SITE_MARKER}" in error
    assert folder_tree(repo) == before


def test_republishing_keeps_a_cname_and_a_git_folder(tmp_path, inputs):
    site = tmp_path / "site"
    publish(site, **inputs)
    assert json.loads((site / SITE_MARKER).read_text())["written_by"] == "nk-troops"
    (site / "CNAME").write_text("tracker.example.org\n")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / "records" / "mine.html").write_text("my own page\n")
    publish(site, **{**inputs, "built": BUILT.replace(day=2)})
    assert json.loads((site / "build.json").read_text())["build_date"] == "2026-12-02"
    assert (site / "CNAME").read_text() == "tracker.example.org\n"
    assert (site / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (site / "records" / "mine.html").read_text() == "my own page\n"


def test_a_page_edited_since_is_never_replaced(tmp_path, inputs):
    site = tmp_path / "site"
    publish(site, **inputs)
    (site / "index.html").write_text("edited by hand\n")
    before = folder_tree(site)
    with pytest.raises(OSError, match="was not written by this command \\(or was changed since\\)"):
        publish(site, **{**inputs, "built": BUILT.replace(day=2)})
    assert folder_tree(site) == before  # every file checked before any is written


def test_a_view_no_longer_published_loses_only_its_own_files(tmp_path, inputs):
    site = tmp_path / "site"
    publish(site, **inputs)
    (site / "views" / "killed" / "notes.txt").write_text("mine\n")
    fewer = tmp_path / "fewer.yaml"
    fewer.write_text('views:\n  - name: everything\n    view: ""\n    formats: [html]\n')
    publish(site, **{**inputs, "views": fewer})
    assert sorted(p.name for p in (site / "views" / "killed").iterdir()) == ["notes.txt"]  # folder kept
    assert (site / "views" / "everything" / "index.html").is_file()
    assert "views/killed/index.html" not in json.loads((site / SITE_MARKER).read_text())["files"]


def test_a_forged_marker_cannot_make_it_delete_a_file_outside_the_sites_layout(tmp_path, inputs):
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "config").write_text("[core]\n")
    (site / "notes.txt").write_text("notes\n")
    digest = {name: hashlib.sha256((site / name).read_bytes()).hexdigest() for name in (".git/config", "notes.txt")}
    (site / SITE_MARKER).write_text(json.dumps({"written_by": "nk-troops", "files": digest}))
    publish(site, **inputs)
    assert (site / ".git" / "config").read_text() == "[core]\n" and (site / "notes.txt").read_text() == "notes\n"


def test_a_marker_that_is_not_ours_is_refused(tmp_path, inputs):
    site = tmp_path / "site"
    site.mkdir()
    (site / SITE_MARKER).write_text("not json\n")
    with pytest.raises(OSError, match="is not a list of files this command wrote"):
        publish(site, **inputs)
    assert [p.name for p in site.iterdir()] == [SITE_MARKER]


# --- property: random folders and files under --out are never removed or changed ---------------

NAMES = st.sampled_from(["index.html", "build.json", "feed.xml", "CNAME", ".git", "records", "views", "data",
                         "assets", "killed", "notes.txt", SITE_MARKER, "x"])
TREES = st.recursive(st.binary(max_size=30), lambda children: st.dictionaries(NAMES, children, max_size=3),
                     max_leaves=6)


def _plant(folder: Path, planted, outside: Path) -> None:
    for name, child in planted.items():
        path = folder / name
        if isinstance(child, dict):
            if os.path.lexists(path) and not (path.is_dir() and not path.is_symlink()):
                continue
            path.mkdir(exist_ok=True)
            _plant(path, child, outside)
        elif path.is_dir():
            continue
        elif child[:1] == b"L" and not os.path.lexists(path):
            path.symlink_to(outside)
        elif not path.is_symlink():
            path.write_bytes(child)  # a new file, or one of the earlier edition edited by hand


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(planted=st.dictionaries(NAMES, TREES, max_size=5), earlier=st.booleans(), day=st.integers(1, 3))
def test_publish_never_removes_or_changes_a_file_it_did_not_create(tmp_path_factory, inputs, planted, earlier, day):
    base = tmp_path_factory.mktemp("out")
    outside = base / "outside.txt"
    outside.write_bytes(b"outside")
    out = base / "out"
    out.mkdir()
    ours = {}
    if earlier:
        publish(out, **inputs)
        ours = folder_tree(out)
    _plant(out, planted, outside)
    before = folder_tree(out)
    try:
        written = publish(out, **{**inputs, "built": BUILT.replace(day=day)})
    except (PublishError, OSError):
        written = None
    after = folder_tree(out)
    assert outside.read_bytes() == b"outside"
    for key, what in before.items():
        if what[0] == "dir" or ours.get(key) != what:  # not a file of the earlier edition, unchanged since
            assert after.get(key) == what, key
    made = {key for key in set(after) - set(before) if after[key][0] != "dir"}
    if written is None:
        assert made == set()
    else:
        assert made <= set(written) | {SITE_MARKER}


# --- item 18: build dates a zip file can hold ---------------------------------------------------

@pytest.mark.parametrize("given_date", ["2108-01-01", "1979-12-31"])
def test_a_build_date_a_zip_cannot_hold_is_a_clean_error(tmp_path, inputs, capsys, given_date):
    out = tmp_path / "site"
    assert publish_module.main(["--out", str(out), "--no-images", "--views", str(inputs["views"]),
                                "--build-date", given_date]) == 2
    error = capsys.readouterr().err
    assert error == (f"error: build date {given_date} is outside 1980-01-01 to 2107-12-31, the dates a zip file "
                     "can hold (the site's data/datapackage.zip carries the build date): give --build-date "
                     "YYYY-MM-DD within them\n")
    assert not out.exists()


def test_the_last_date_a_zip_can_hold_publishes(tmp_path, inputs):
    publish(tmp_path / "site", **{**inputs, "built": publish_module.ZIP_DATES[1]})
    assert json.loads((tmp_path / "site" / "build.json").read_text())["build_date"] == "2107-12-31"


def test_a_source_date_epoch_past_2107_is_the_same_clean_error(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4354819200")  # 2108-01-01
    with pytest.raises(PublishError, match="build date 2108-01-01 is outside 1980-01-01 to 2107-12-31"):
        publish_module.build_date(None)
